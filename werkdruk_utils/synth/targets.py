"""Published target values for the synthetic answers, read from ``published_values.csv`` at run
time.

The numbers are never retyped in code: every target is looked up by source id, measurement year,
category label (as printed) and, where needed, group and school year. Where a source covers only
some measurement years, :func:`nearest_year` gives the published year closest to the one asked
(ties go to the later year), as the analysis rules prescribe. A measurement the report has no
numbers for at all (a new one) takes the numbers of the nearest published measurement
(:func:`published_year`), so that the generator gives it the report's structure.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pandas as pd

from werkdruk_utils import paths


class TargetError(LookupError):
    """A published target could not be found (or is ambiguous)."""


@lru_cache(maxsize=1)
def published() -> pd.DataFrame:
    """All published values: text columns as str ('' when empty), ``measurement_year`` Int64,
    ``value`` float."""
    raw = pd.read_csv(
        paths.PUBLISHED_VALUES_PATH, dtype=str, keep_default_na=False, encoding="utf-8"
    )
    frame = raw.copy()
    frame["measurement_year"] = pd.array(
        [int(v) if v.strip() else pd.NA for v in raw["measurement_year"]], dtype="Int64"
    )
    frame["value"] = raw["value"].astype(float)
    return frame


def rows(source: str, year: int | None = None, statistic: str | None = None) -> pd.DataFrame:
    """Rows of one source id, optionally restricted to a measurement year and a statistic."""
    frame = _by_source().get(source, published().iloc[0:0])
    if year is not None:
        frame = frame.loc[frame["measurement_year"].fillna(-1) == year]
    if statistic is not None:
        frame = frame.loc[frame["statistic"] == statistic]
    return frame


@lru_cache(maxsize=1)
def _by_source() -> dict[str, pd.DataFrame]:
    return {str(k): v for k, v in published().groupby("source_id", sort=False)}


def years_with(source: str) -> list[int]:
    """Measurement years for which ``source`` publishes numbers."""
    return list(_years_with(source))


@cache
def _years_with(source: str) -> tuple[int, ...]:
    years = rows(source)["measurement_year"].dropna().unique()
    return tuple(sorted(int(y) for y in years))


@lru_cache(maxsize=1)
def _published_years() -> tuple[int, ...]:
    return tuple(sorted(int(y) for y in published()["measurement_year"].dropna().unique()))


def published_year(year: int) -> int:
    """``year`` when the report publishes numbers of that measurement, else the nearest
    measurement it does publish (ties: the later one)."""
    years = _published_years()
    return int(year) if int(year) in years else min(years, key=lambda y: (abs(y - year), -y))


def nearest_year(source: str, year: int) -> int:
    """The published measurement year of ``source`` closest to ``year`` (ties: the later year)."""
    years = years_with(source)
    if not years:
        raise TargetError(f"{source}: no measurement year in published_values.csv")
    return min(years, key=lambda y: (abs(y - year), -y))


def normalise_label(label: str) -> str:
    """Label key for matching printed labels: lower case, no '*', commas, quotes or brackets, single
    spaces."""
    text = label.replace("’", "'").replace("*", "").lower()
    text = re.sub(r"\.\.\.\s*$", "", text.strip())
    text = re.sub(r"[()\[\],]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def labels_match(printed: str, label: str) -> bool:
    """True when a printed (possibly truncated or shortened) label denotes the questionnaire
    ``label``.

    Matches when the normalised labels are equal, when one is a prefix of the other (truncation),
    or when they share their first 20 characters and every word of the shorter one occurs in
    the longer one (shortened wording, e.g. 'Begeleiding nieuwe collega's en invallers').
    """
    return _normalised_match(normalise_label(printed), normalise_label(label))


def _normalised_match(a: str, b: str) -> bool:
    """:func:`labels_match` on labels already normalised."""
    if not a or not b:
        return False
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    short, long_ = sorted((a, b), key=len)
    return short[:20] == long_[:20] and set(short.split()) <= set(long_.split())


@cache
def _records(source: str, year: int, statistic: str) -> tuple[tuple[str, str, str, float], ...]:
    """(normalised category, group, school year, value) of one source, year and statistic."""
    sel = rows(source, year, statistic)
    return tuple(
        (normalise_label(c), str(g), str(sy), float(v))
        for c, g, sy, v in zip(
            sel["category"], sel["group"], sel["school_year"], sel["value"], strict=True
        )
    )


@lru_cache(maxsize=4096)
def pick(
    source: str,
    year: int,
    category: str,
    *,
    group: str | None = None,
    school_year: str | None = None,
    statistic: str = "percent",
    nearest: bool = True,
) -> float:
    """One published value; with ``nearest`` the closest published year of ``source`` is used
    (without, the year itself, or for a measurement the report does not cover
    :func:`published_year`)."""
    use_year = nearest_year(source, year) if nearest else published_year(year)
    records = _records(source, use_year, statistic)
    wanted = normalise_label(category)
    hits = [r for r in records if r[0] == wanted]
    if not hits:
        hits = [r for r in records if _normalised_match(r[0], wanted)]
    if group is not None:
        hits = [r for r in hits if r[1].lower() == group.lower()]
    if school_year is not None:
        hits = [r for r in hits if r[2] == school_year]
    if len(hits) != 1:
        raise TargetError(
            f"{source} {use_year} category={category!r} group={group!r} "
            f"school_year={school_year!r} "
            f"statistic={statistic}: {len(hits)} rows found"
        )
    return hits[0][3]


def pick_optional(source: str, year: int, category: str, **kwargs: object) -> float | None:
    """Like :func:`pick` but None when the value is not published."""
    try:
        return pick(source, year, category, **kwargs)  # type: ignore[arg-type]
    except TargetError:
        return None


PRINTED_DECIMALS: dict[str, int] = {"Tabel 4.1": 0, "Tekst H2.2": 1}
"""Decimals the report prints, where they differ from the rule of :func:`printed_decimals`."""

BAND_MARGIN = 0.1
"""Share of the half rounding unit kept free at both ends of a printed band (float safety)."""


def printed_decimals(source: str, statistic: str) -> int:
    """Decimals of a printed percentage or mean: tables print percentages with one decimal (Tabel
    4.1 whole percentages), the text whole percentages, figures means with two decimals."""
    if source in PRINTED_DECIMALS:
        return PRINTED_DECIMALS[source]
    if source.startswith("Figuur") and statistic == "mean":
        return 2
    if source.startswith("Tekst"):
        return 0
    return 1


def printed_band(source: str, value: float, statistic: str = "percent") -> tuple[float, float]:
    """The values (on the printed scale) that round to ``value`` as the report prints it, less
    :data:`BAND_MARGIN` of the half unit at both ends."""
    half = 0.5 * 10.0 ** -printed_decimals(source, statistic)
    inner = half * (1.0 - BAND_MARGIN)
    return value - inner, value + inner
