"""The measurements of the monitor, as data.

The ``measurements:`` section of ``data/codebook.yaml`` is the one list of measurement years: the
Makefile (through the generated ``build/measurements.mk``), the loader, the synthetic-data
generator, ``report.start`` and the chapters read it from here. Each entry holds the school years
the questionnaire of that year names and the items it did not ask; the population figures of each
year are rows of ``data/population/weighting_population.csv`` with that ``measurement_year``.
Adding a measurement is a codebook entry, its population figures and its exports:
``docs/adding_a_measurement.md``.

API::

    from werkdruk_utils import measurements
    measurements.years()                    # (2022, 2023, 2024): every measurement, in order
    measurements.school_years(2024)         # SchoolYears(current='2023-2024', ...)
    measurements.not_asked(2022)            # ('v7_27', 'v10_27', 'v16_12')
    measurements.previous(2024, [2022, 2024])   # 2022: the previous measurement present
    measurements.present(data_dir, up_to=2024)  # the years with a folder in data_dir

``python -m werkdruk_utils.measurements --make`` prints the Makefile include.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from werkdruk_utils import paths
from werkdruk_utils.inputs.codebook import CodebookError, load_codebook

WEIGHTING_POPULATION_PATH = paths.POPULATION_DIR / "weighting_population.csv"


@dataclass(frozen=True)
class SchoolYears:
    """The school years one measurement's questionnaire names (``YYYY-YYYY``)."""

    current: str
    """'dit schooljaar' of the measurement."""
    evaluated: str
    """The school year Q8 asks about (evaluation)."""
    decision: str
    """The school year Q9 asks about (decision on the funds)."""
    spending: tuple[str, ...]
    """The school year(s) of the Q10 spending column(s)."""


def years() -> tuple[int, ...]:
    """Every measurement year of the codebook, in order."""
    return load_codebook().years


def latest() -> int:
    """The most recent measurement year of the codebook."""
    return years()[-1]


def check(year: object) -> int:
    """``year`` as an int when the codebook lists it; else a :class:`CodebookError` that says
    what to add and where."""
    return load_codebook().check_year(year)  # type: ignore[arg-type]


def school_years(year: int) -> SchoolYears:
    """The school years the questionnaire of measurement ``year`` names."""
    named = load_codebook().school_years(year)
    return SchoolYears(
        current=str(named["current"]),
        evaluated=str(named["evaluated"]),
        decision=str(named["decision"]),
        spending=tuple(str(s) for s in named["spending"]),  # type: ignore[union-attr]
    )


def not_asked(year: int) -> tuple[str, ...]:
    """Items (option or grid-row ids such as ``'v7_27'``) the questionnaire of ``year`` left out."""
    return load_codebook().not_asked(year)


def previous(year: int, present: Iterable[int] | None = None) -> int | None:
    """The measurement before ``year`` among ``present`` (default: every codebook year); None for
    the first one."""
    earlier = [y for y in (years() if present is None else present) if int(y) < int(year)]
    return max(earlier) if earlier else None


def present(data_dir: Path | str, up_to: int | None = None) -> list[int]:
    """The codebook's measurement years (up to and including ``up_to``) that have a folder in
    ``data_dir``."""
    folder = Path(data_dir)
    return [y for y in years() if (up_to is None or y <= int(up_to)) and (folder / str(y)).is_dir()]


def population_years(path: Path | None = None) -> list[int]:
    """The measurement years that have population figures in ``weighting_population.csv``."""
    import csv

    path = WEIGHTING_POPULATION_PATH if path is None else Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        return sorted({int(row["measurement_year"]) for row in csv.DictReader(handle)})


def problems() -> list[str]:
    """What is missing for a measurement of the codebook to be built: its population figures."""
    have = set(population_years())
    where = paths.display(WEIGHTING_POPULATION_PATH)
    return [
        f"measurement {y}: no population figures (rows with measurement_year {y}) in {where}; "
        "see docs/adding_a_measurement.md"
        for y in years()
        if y not in have
    ]


def make_include() -> str:
    """The Makefile include: ``MEASUREMENT_YEARS`` and, per year, the years up to it."""
    all_years = years()
    lines = [
        "# Generated from data/codebook.yaml by `python -m werkdruk_utils.measurements --make`;",
        "# remade by make whenever the codebook changes. Do not edit.",
        f"MEASUREMENT_YEARS := {' '.join(map(str, all_years))}",
    ]
    lines += [
        f"MEASUREMENTS_UPTO_{y} := {' '.join(str(x) for x in all_years if x <= y)}"
        for y in all_years
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The measurement years of the codebook.")
    parser.add_argument("--make", action="store_true", help="print the Makefile include")
    args = parser.parse_args(argv)
    try:
        missing = problems()
    except CodebookError as exc:
        print(f"FOUT: {exc}", file=sys.stderr)
        return 1
    if missing:
        print("FOUT: " + "\n  ".join(missing), file=sys.stderr)
        return 1
    print(
        make_include() if args.make else " ".join(map(str, years())), end="" if args.make else "\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
