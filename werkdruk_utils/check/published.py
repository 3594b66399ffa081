"""The numbers the report publishes (``data/reference/published_values.csv``).

One row per printed number, tidy, with the columns

``source_id, measurement_year, school_year, variable, group_var, group, category,
statistic, value, weighted, note``

``measurement_year`` is empty for numbers that are not tied to one measurement (budgets,
design numbers, statements about all years); it is read as pandas ``Int64`` with ``<NA>``.
See ``data/reference/EXTRACTION_NOTES.md`` for the conventions and the report's
inconsistencies.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from werkdruk_utils import measurements, paths

COLUMNS: tuple[str, ...] = (
    "source_id",
    "measurement_year",
    "school_year",
    "variable",
    "group_var",
    "group",
    "category",
    "statistic",
    "value",
    "weighted",
    "note",
)

STATISTICS: frozenset[str] = frozenset(
    {
        "percent",
        "n",
        "mean",
        "mean_percent",
        "B",
        "SE",
        "Beta",
        "stars",
        "adj_r2",
        "weight",
        "weighted_cases",
        "n_population",
        "percent_population",
        "count",
        "score",
        "max",
        "amount_million_eur",
        "pp_difference",
        "pp_difference_approx",
        "percent_range_low",
        "percent_range_high",
        "verbal_fraction",
        "verbal_fraction_lower_bound",
    }
)
"""Every value the ``statistic`` column may take (EXTRACTION_NOTES.md, 'Conventions')."""

WEIGHTED_VALUES: frozenset[str] = frozenset({"yes", "no", "unknown"})

EXPECTED_ROWS: int = 762

EXPECTED_ROWS_PER_SOURCE: dict[str, int] = {
    "Tabel 3.1": 8,
    "Tabel 3.2": 35,
    "Tabel 3.3": 9,
    "Tabel 3.4": 18,
    "Tabel 4.1": 110,
    "Tabel 4.2": 21,
    "Tabel 4.3": 15,
    "Tabel 4.4": 12,
    "Tabel 5.1": 18,
    "Tabel B1.1": 4,
    "Tabel B1.2": 24,
    "Tabel B1.3": 6,
    "Tabel B1.4": 8,
    "Tabel B1.5": 6,
    "Tabel B1.6": 10,
    "Tabel B1.7": 6,
    "Tabel B1.8": 38,
    "Tabel B1.9": 20,
    "Tabel B1.10": 42,
    "Tabel B2.1": 43,
    "Tabel B2.2": 43,
    "Tabel B2.3": 43,
    "Tabel B2.4": 43,
    "Tabel B3.1": 58,
    "Figuur 2.8": 12,
    "Figuur 2.9": 9,
    "Figuur 2.10": 6,
    "Tekst Samenvatting": 14,
    "Tekst H1.1": 5,
    "Tekst H1.3": 2,
    "Tekst H2.2": 12,
    "Tekst H3.1": 10,
    "Tekst H3.2": 10,
    "Tekst H3.3": 9,
    "Tekst H4.2": 1,
    "Tekst H5.1": 4,
    "Tekst H5.2": 5,
    "Tekst H6": 11,
    "Tekst B1": 12,
}
"""Rows per source_id as listed at the end of EXTRACTION_NOTES.md (sum 762)."""


class PublishedValuesError(ValueError):
    """The published-values file does not have the expected shape or content."""


def load_published(path: Path | str | None = None) -> pd.DataFrame:
    """Read the published values with typed columns.

    Text columns are strings with empty text (never NaN) for empty cells, ``measurement_year``
    is ``Int64`` (``<NA>`` when the number is not tied to one measurement) and ``value`` is
    float. The row order of the file is kept (index 0..n-1), so a row can be referred to by
    its index.

    Raises:
        PublishedValuesError: when a column is missing or a value cannot be parsed.
    """
    path = Path(path) if path is not None else paths.PUBLISHED_VALUES_PATH
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise PublishedValuesError(
            f"{path}: column(s) {missing} missing; found {list(raw.columns)}"
        )
    frame = raw.loc[:, list(COLUMNS)].copy()
    year_text = frame["measurement_year"].str.strip()
    bad_years = year_text[(year_text != "") & ~year_text.str.fullmatch(r"\d{4}")]
    if len(bad_years):
        raise PublishedValuesError(
            f"{path}: measurement_year not a year in rows {list(bad_years.index[:10] + 2)}"
        )
    frame["measurement_year"] = pd.array([int(v) if v else pd.NA for v in year_text], dtype="Int64")
    value = pd.to_numeric(frame["value"].str.strip(), errors="coerce")
    if value.isna().any():
        rows = list(value.index[value.isna()][:10] + 2)
        raise PublishedValuesError(f"{path}: value is not a number in spreadsheet rows {rows}")
    frame["value"] = value.astype(float)
    for column in COLUMNS:
        if column not in ("measurement_year", "value"):
            frame[column] = frame[column].astype("str")
    return frame


def check_published(frame: pd.DataFrame) -> list[str]:
    """Integrity problems of a frame read by :func:`load_published` (empty list: none).

    Checks the row count, the allowed ``statistic`` and ``weighted`` values, the measurement
    years, the rows per source and that no (source, year, school year, group, category,
    statistic) combination occurs twice.
    """
    problems: list[str] = []
    if len(frame) != EXPECTED_ROWS:
        problems.append(f"expected {EXPECTED_ROWS} rows, found {len(frame)}")
    unknown_stats = sorted(set(frame["statistic"]) - STATISTICS)
    if unknown_stats:
        problems.append(f"unknown statistic value(s): {unknown_stats}")
    unknown_weighted = sorted(set(frame["weighted"]) - WEIGHTED_VALUES)
    if unknown_weighted:
        problems.append(f"unknown weighted value(s): {unknown_weighted}")
    years = set(frame["measurement_year"].dropna().astype(int))
    if not years <= set(measurements.years()):
        problems.append(f"measurement years outside {measurements.years()}: {sorted(years)}")
    counts = frame["source_id"].value_counts().to_dict()
    if counts != EXPECTED_ROWS_PER_SOURCE:
        diff = {
            s: (counts.get(s, 0), EXPECTED_ROWS_PER_SOURCE.get(s, 0))
            for s in set(counts) | set(EXPECTED_ROWS_PER_SOURCE)
            if counts.get(s, 0) != EXPECTED_ROWS_PER_SOURCE.get(s, 0)
        }
        problems.append(
            f"rows per source differ from EXTRACTION_NOTES.md (found, expected): {diff}"
        )
    key = ["source_id", "measurement_year", "school_year", "group", "category", "statistic"]
    duplicated = frame[frame.duplicated(key, keep=False)]
    if len(duplicated):
        problems.append(
            f"{len(duplicated)} rows share a key {key}: first index {list(duplicated.index[:5])}"
        )
    return problems


def select(
    frame: pd.DataFrame,
    source_id: str | list[str] | None = None,
    year: int | None = None,
    *,
    include_undated: bool = False,
) -> pd.DataFrame:
    """Rows of one or more sources and/or one measurement year.

    Args:
        frame: published values as returned by :func:`load_published`.
        source_id: a source id ('Tabel 3.2') or a list of them; None for all sources.
        year: measurement year; None for all years.
        include_undated: with ``year``, also keep rows whose measurement_year is empty.
    """
    mask = pd.Series(True, index=frame.index)
    if source_id is not None:
        ids = [source_id] if isinstance(source_id, str) else list(source_id)
        unknown = sorted(set(ids) - set(frame["source_id"]))
        if unknown:
            raise KeyError(f"unknown source_id(s): {unknown}")
        mask &= frame["source_id"].isin(ids)
    if year is not None:
        year_mask = (frame["measurement_year"] == year).fillna(False).astype(bool)
        if include_undated:
            year_mask |= frame["measurement_year"].isna()
        mask &= year_mask
    return frame.loc[mask]


def sources(frame: pd.DataFrame) -> list[str]:
    """Source ids in order of first appearance."""
    return list(dict.fromkeys(frame["source_id"]))
