"""Tiny measurements: a random subsample of respondents of existing exports, for testing small data.

``python -m werkdruk_utils.synth.tiny --source data/synthetic --out build/tiny --respondents 30``
writes, for every year folder of ``--source``, ``respondents.csv`` with ``--respondents``
respondents drawn without replacement (seeded, so the same arguments give the same bytes) and the
school frame unchanged. Every file keeps its comment lines and gets one more saying what it is
(``# SYNTHETISCHE DATA ... deelsteekproef van 30 respondenten``), so the outputs built from it say
'synthetic' as the bundled data do. Files are written read-only, as the generator writes its own.

With 30 respondents a year almost every cell of every table rests on fewer than ``min_n``
respondents, some weighting cells are empty and most models cannot be estimated: the build must
still complete and publish no number under ``min_n`` (``tests/integration/test_tiny_build.py``).
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from werkdruk_utils import paths

DEFAULT_SEED = 20241130


def _split(text: str) -> tuple[list[str], str, list[str]]:
    """(comment lines, header line, data lines) of a CSV text (comments start with '#')."""
    lines = text.splitlines()
    comments = []
    while lines and lines[0].startswith("#"):
        comments.append(lines.pop(0))
    return comments, lines[0], lines[1:]


def _write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.chmod(stat.S_IWUSR | stat.S_IRUSR)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o444)


def subsample(source: Path, out: Path, respondents: int, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the subsample of every year folder of ``source`` to ``out``; returns the files.

    The respondents file must be CSV with one respondent per line (as the generator writes it)."""
    written = []
    folders = sorted(p for p in Path(source).iterdir() if p.is_dir() and p.name.isdigit())
    if not folders:
        raise FileNotFoundError(f"{source}: no year folders")
    for folder in folders:
        comments, header, rows = _split((folder / "respondents.csv").read_text(encoding="utf-8"))
        rng = np.random.default_rng([seed, int(folder.name)])
        keep = sorted(rng.choice(len(rows), size=min(respondents, len(rows)), replace=False))
        note = f"# SYNTHETISCHE DATA: deelsteekproef van {len(keep)} respondenten (seed {seed})"
        target = Path(out) / folder.name
        _write(target / "respondents.csv", [*comments, note, header, *(rows[i] for i in keep)])
        schools = (folder / "schools.csv").read_text(encoding="utf-8").splitlines()
        _write(target / "schools.csv", schools)
        written += [target / "respondents.csv", target / "schools.csv"]
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m werkdruk_utils.synth.tiny",
        description="Schrijf een kleine deelsteekproef van bestaande (synthetische) meetdata.",
    )
    parser.add_argument("--source", type=Path, default=paths.SYNTHETIC_DIR)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--respondents", type=int, default=30)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    files = subsample(
        paths.resolve(args.source), paths.resolve(args.out), args.respondents, args.seed
    )
    print(f"{len(files)} bestanden geschreven naar {args.out}", file=sys.stdout)
    return 0


if __name__ == "__main__":
    os.umask(0o022)
    raise SystemExit(main())
