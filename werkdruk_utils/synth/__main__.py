"""Command line: ``python -m werkdruk_utils.synth --out data/synthetic [--seed N] [--years Y ...]``
(default: every measurement of the codebook)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from werkdruk_utils import measurements, paths
from werkdruk_utils.synth import DEFAULT_SEED, build


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command-line arguments."""
    parser = argparse.ArgumentParser(
        prog="python -m werkdruk_utils.synth",
        description="Schrijf deterministische SYNTHETISCHE meetdata (geen echte respondenten).",
    )
    parser.add_argument(
        "--out", type=Path, default=paths.SYNTHETIC_DIR, help="uitvoermap (default: data/synthetic)"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"basis-seed (default: {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--years",
        type=int,
        nargs="+",
        default=None,
        help="meetjaren (default: alle metingen van de codebook)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the synthetic data and print one line per year; return the exit code."""
    args = parse_args(argv)
    start = time.perf_counter()
    years = measurements.years() if args.years is None else sorted(set(args.years))
    summaries = build(args.out, seed=args.seed, years=years)
    for summary in summaries:
        print(summary.line())
    print(f"geschreven naar {args.out} in {time.perf_counter() - start:.2f} s (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
