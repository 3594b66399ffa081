"""Weights as Bijlage 1 describes them.

Two weightings are used in the report:

* **function x sector** (Tabel B1.8): cells are sector (bao, go) x weighting group
  (schoolleider, leerkracht, overig). The weight of a respondent is the population share of
  the cell divided by the sample share of the cell. Used for every result about all staff.
* **sector** (Tabel 4.1, 'gewogen naar sector'): cells are the sectors; population shares are the
  school shares of Tabel B1.1 (bao 85,7%, go 14,3%), sample shares are the shares among the
  respondents passed in (the schoolleiders, who answer for their school).

For the design-based estimates the same two weightings are post-stratifications of the design
(:func:`werkdruk_utils.stats.survey.post_stratify`, R's ``postStratify``): the cells of
:func:`cell_labels` to the counts of :func:`population_counts` (Tabel B1.8), and the sectors to
:func:`sector_population_counts` (Tabel B1.1). Post-stratified weights are population counts
divided by sample counts; the weights of :func:`cell_weights` are the same weights rescaled to sum
to the number of respondents (the report's Tabel B1.8 column 'Weegfactor'), so both give the same
estimates.

Weights are computed on the frame that is passed in; compute them on the whole relevant
population (all respondents, or all schoolleiders) and then select domains, so that domain
estimates use the same weights as the report's totals.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from werkdruk_utils import paths

CELL_COLUMNS = ("sector", "weighting_group")
SECTORS = ("bao", "go")
WEIGHTING_GROUPS = ("schoolleider", "leerkracht", "overig")


class WeightingError(ValueError):
    """A frame cannot be weighted (missing cell variables or cells without population)."""


def _read_csv_cached(path: Path, **kwargs) -> pd.DataFrame:
    """``pd.read_csv(path)``, read once per file version (path, size, modification time); a copy
    each call."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, repr(sorted(kwargs.items())))
    frame = _CSV_CACHE.get(key)
    if frame is None:
        frame = pd.read_csv(path, **kwargs)
        _CSV_CACHE[key] = frame
    return frame.copy()


_CSV_CACHE: dict[tuple, pd.DataFrame] = {}
_WEIGHT_CACHE: dict[tuple, np.ndarray] = {}
_WEIGHT_CACHE_SIZE = 64


def load_weighting_population(path: Path | None = None, year: int | None = None) -> pd.DataFrame:
    """Population counts per sector x weighting group (Tabel B1.8) of measurement ``year``, with
    their source.

    The file holds one set of rows per measurement (column ``measurement_year``); without ``year``
    the latest measurement's figures are used (a frame that is no loaded measurement)."""
    path = Path(path) if path is not None else paths.POPULATION_DIR / "weighting_population.csv"
    frame = _read_csv_cached(
        path, dtype={"sector": str, "weighting_group": str, "population_n": "int64"}
    )
    if "measurement_year" in frame.columns:
        available = sorted({int(y) for y in frame["measurement_year"]})
        chosen = available[-1] if year is None else int(year)
        if chosen not in available:
            raise WeightingError(
                f"{paths.display(path)}: no population figures for measurement {chosen} (rows "
                f"with measurement_year {chosen}; present: {available}); see "
                "docs/adding_a_measurement.md"
            )
        frame = frame.loc[frame["measurement_year"] == chosen].reset_index(drop=True)
    expected = {(s, g) for s in SECTORS for g in WEIGHTING_GROUPS}
    found = set(zip(frame["sector"], frame["weighting_group"], strict=False))
    if found != expected or len(frame) != len(expected):
        raise WeightingError(
            f"{path}: expected one row per sector x weighting group {sorted(expected)}, found "
            f"{sorted(found)}"
        )
    return frame


def _year_of(frame: pd.DataFrame) -> int | None:
    """The measurement year of a frame (column ``year``); None when it has no such column."""
    if "year" not in frame.columns:
        return None
    found = pd.unique(frame["year"].dropna())
    if len(found) > 1:
        raise WeightingError(
            f"cannot weight several measurements at once ({sorted(int(y) for y in found)}): "
            "weight each measurement's respondents on their own"
        )
    return int(found[0]) if len(found) else None


def load_sector_population(path: Path | None = None) -> pd.Series:
    """Population share of schools per sector (Tabel B1.1), as fractions summing to 1."""
    path = Path(path) if path is not None else paths.POPULATION_DIR / "response_population.csv"
    frame = _read_csv_cached(path)
    shares = (
        frame.loc[frame["variable"] == "sector"]
        .set_index("category")["population_percent"]
        .astype(float)
    )
    if set(shares.index) != set(SECTORS):
        raise WeightingError(
            f"{path}: expected population shares for sectors {SECTORS}, found "
            f"{sorted(shares.index)}"
        )
    return (shares / shares.sum()).reindex(list(SECTORS))


def _check_columns(frame: pd.DataFrame, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise WeightingError(f"cannot weight: column(s) {missing} missing from the frame")
    for column in columns:
        empty = frame.index[frame[column].isna()]
        if len(empty):
            raise WeightingError(
                f"cannot weight: column '{column}' is empty for {len(empty)} respondent(s), first "
                f"index {list(empty[:5])}"
            )


def weight_table(frame: pd.DataFrame, population: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tabel B1.8: sample and population counts and shares, weight and weighted cases per cell.

    Returns one row per sector x weighting group (in the report's order) with columns
    sector, weighting_group, n_sample, share_sample, n_population, share_population, weight,
    weighted_cases. Cells with respondents but no population raise WeightingError; cells
    without respondents get weight NaN (nothing to weight) and 0 weighted cases.
    """
    _check_columns(frame, CELL_COLUMNS)
    if population is None:
        population = load_weighting_population(year=_year_of(frame))
    counts = frame.groupby(list(CELL_COLUMNS), observed=True).size().rename("n_sample")
    table = population.set_index(list(CELL_COLUMNS))[["population_n"]].rename(
        columns={"population_n": "n_population"}
    )
    unknown = counts.index.difference(table.index)
    if len(unknown):
        raise WeightingError(f"cells without population figures: {list(unknown)}")
    table = table.join(counts, how="left").fillna({"n_sample": 0})
    table["n_sample"] = table["n_sample"].astype("int64")
    table["share_sample"] = table["n_sample"] / table["n_sample"].sum()
    table["share_population"] = table["n_population"] / table["n_population"].sum()
    table["weight"] = (table["share_population"] / table["share_sample"]).where(
        table["n_sample"] > 0
    )
    table["weighted_cases"] = (table["n_sample"] * table["weight"]).fillna(0.0)
    order = pd.MultiIndex.from_product([SECTORS, WEIGHTING_GROUPS], names=list(CELL_COLUMNS))
    table = table.reindex(order).reset_index()
    return table[
        [
            "sector",
            "weighting_group",
            "n_sample",
            "share_sample",
            "n_population",
            "share_population",
            "weight",
            "weighted_cases",
        ]
    ]


def cell_weights(frame: pd.DataFrame, population: pd.DataFrame | None = None) -> pd.Series:
    """Function x sector weight per respondent (Tabel B1.8), aligned to ``frame.index``.

    The weights sum to the number of respondents.
    """
    key = None
    if population is None and all(c in frame.columns for c in CELL_COLUMNS):
        # The weights depend only on the cell columns (and the population file): computed once per
        # distinct content, looked up by a hash of those columns.
        cells = frame[list(CELL_COLUMNS)]
        hashed = pd.util.hash_pandas_object(cells, index=False).to_numpy()
        pop_path = paths.POPULATION_DIR / "weighting_population.csv"
        stat = pop_path.stat() if pop_path.exists() else None
        key = (
            _year_of(frame),
            hashlib.sha256(hashed.tobytes()).hexdigest(),
            tuple(str(cells[c].dtype) for c in CELL_COLUMNS),
            None if stat is None else (stat.st_size, stat.st_mtime_ns),
        )
        cached = _WEIGHT_CACHE.get(key)
        if cached is not None:
            return pd.Series(cached.copy(), index=frame.index, name="weight_function_sector")
    table = weight_table(frame, population).set_index(list(CELL_COLUMNS))["weight"]
    keys = pd.MultiIndex.from_frame(frame[list(CELL_COLUMNS)].astype(str))
    values = table.reindex(keys).to_numpy(dtype=float)
    if key is not None:
        if len(_WEIGHT_CACHE) >= _WEIGHT_CACHE_SIZE:
            _WEIGHT_CACHE.pop(next(iter(_WEIGHT_CACHE)))
        _WEIGHT_CACHE[key] = values.copy()
    return pd.Series(values, index=frame.index, name="weight_function_sector")


def sector_weights(frame: pd.DataFrame, population_shares: pd.Series | None = None) -> pd.Series:
    """Sector weight per respondent (Tabel 4.1): population school share / sample share of the
    sector.

    Pass the frame of the respondents that answer for their school (the schoolleiders).
    The weights sum to the number of rows in ``frame``.
    """
    _check_columns(frame, ("sector",))
    shares = load_sector_population() if population_shares is None else population_shares
    unknown = sorted(set(frame["sector"].astype(str)) - set(shares.index))
    if unknown:
        raise WeightingError(f"sectors without population share: {unknown}")
    sample_share = frame["sector"].astype(str).value_counts(normalize=True)
    weight = shares.reindex(sample_share.index) / sample_share
    return pd.Series(
        frame["sector"].astype(str).map(weight).to_numpy(dtype=float),
        index=frame.index,
        name="weight_sector",
    )


CELL_SEPARATOR = "|"


def cell_labels(frame: pd.DataFrame) -> pd.Series:
    """The post-stratum of every respondent: ``"<sector>|<weighting_group>"`` (Tabel B1.8 cells)."""
    _check_columns(frame, CELL_COLUMNS)
    return frame["sector"].astype(str) + CELL_SEPARATOR + frame["weighting_group"].astype(str)


def population_counts(
    frame: pd.DataFrame | None = None, population: pd.DataFrame | None = None
) -> dict[str, float]:
    """Population count per post-stratum label of :func:`cell_labels` (Tabel B1.8) of the
    measurement of ``frame`` (its ``year`` column; the latest measurement without one)."""
    if population is None:
        year = _year_of(frame) if frame is not None else None
        population = load_weighting_population(year=year)
    labels = (
        population["sector"].astype(str)
        + CELL_SEPARATOR
        + population["weighting_group"].astype(str)
    )
    return dict(zip(labels, population["population_n"].astype(float), strict=True))


def sector_population_counts(population_shares: pd.Series | None = None) -> dict[str, float]:
    """Population per sector for the sector post-stratification: the school shares of Tabel B1.1
    (in percent; only their ratio matters for means and their standard errors)."""
    shares = load_sector_population() if population_shares is None else population_shares
    return {str(k): float(v) * 100.0 for k, v in shares.items()}
