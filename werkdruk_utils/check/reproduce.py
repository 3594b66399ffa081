"""Recompute, from one loaded measurement, every number the report publishes, and compare.

:func:`reproduce` returns one row per published value (``published_values.csv``) that survey
data can produce for ``measurement.year``; :func:`not_reproducible` lists the other rows with a
reason, so that for every year

    reproducible rows + not reproducible rows = all rows of that year

(a year's rows are those with that ``measurement_year`` plus the rows without a year).

How a published row is computed is declared in ``data/reference/published_map.yaml``: blocks of
rows (selected by source, statistic, group, category) with a computation kind, the population
(all respondents / schoolleiders / the rest), the weighting (none / cell / sector), the base and
the mapping from the report's printed labels to codebook codes. The analysis rules per table are
those the synthetic generator is calibrated with; this module implements them independently of
the generator, as a cross-check.

Tolerances (:func:`tolerance_for`, documented there): percentages +/-1 percentage point, scale
means +/-0.02 (or half the printed unit when the report prints fewer decimals), regression
coefficients within one published SE *and of the same sign*, their SEs within +/-30% of the
published SE, the same number of stars, counts exact, verbal statements as the range they state.
Besides the tolerance every printed percentage and mean is also compared **at the printed
precision** (:func:`printed_decimals`): the reproduced value, rounded as the report rounds, equals
the printed one.

Decisions (where the report leaves room):

* Multiple-choice questions: a respondent *answers* a question when at least one of its boxes
  is ticked (0 = shown, not ticked); Tabel 4.1's base is the schoolleiders who ticked any box of
  the whole Q10 grid. Tabel B3.1 uses all schoolleiders of the sector (its % are k/200, k/70).
* Tabel B3.1 'Totaal aantal respondenten' (72/12) is reproduced as the rounded sum of the cell
  weights of the sector's schoolleiders (= B1.8 weighted cases).
* Tekst B1 'Gemiddeld 3 personen per school' is reproduced as the *median* number of
  respondents per responding school (the mean is 1789/355 = 5.0).
* '(vaak) aanwezig' (Samenvatting, H6) = Q15 'Ja, altijd' or 'Ja, soms'.
* Statements without a measurement year are checked in the years the mapping file names
  (e.g. 'in eerdere jaren' = 2022 and 2023); in other years :func:`not_reproducible` lists them.
* 'Acht op de tien respondenten' (H6) is checked on the schoolleider base of §4.2 / Tabel 4.4.
* Regressions: cell weights are computed on all respondents, then the complete cases are used.
  ``achterstandsscore`` exists for bao schools only, so the complete cases are bao respondents
  (as the analysis rules prescribe 'all with complete predictors').
* Rows the report itself makes inconsistent are computed anyway; ``known_issues`` in the
  mapping file puts the reason into the ``note`` column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd
import yaml

from werkdruk_utils import paths
from werkdruk_utils.check.published import load_published
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.measurements import years as measurement_years
from werkdruk_utils.stats import analysis, scales

MAP_PATH: Path = paths.REFERENCE_DIR / "published_map.yaml"

SCHOOLLEIDER = "schoolleider"


PRINTED_DECIMALS: dict[str, int] = {"Tekst H2.2": 1}
"""Sources whose means are printed with fewer than two decimals (tolerance = half a unit)."""

STAR_THRESHOLDS: tuple[tuple[float, int], ...] = ((0.005, 3), (0.01, 2), (0.05, 1))
"""Report legend: * p < .05, ** p < .01, *** p < .005."""

REGRESSION_BACKEND: str = "survey"
"""Single switch point for Tabel B2.1-B2.4: ``"survey"`` = design-based
:func:`werkdruk_utils.stats.survey.svyglm_gaussian` (R ``svyglm`` equivalent); ``"statsmodels"`` =
WLS
with cluster-robust SE by school (``cov_type='cluster'``)."""

OUTPUT_COLUMNS: list[str] = [
    "source_id",
    "measurement_year",
    "variable",
    "group",
    "category",
    "statistic",
    "published",
    "reproduced",
    "difference",
    "tolerance",
    "within_tolerance",
    "at_printed_precision",
    "printed_decimals",
    "expected_deviation",
    "reason",
    "rule",
    "lower",
    "upper",
    "n_base",
    "row",
    "note",
]


class ReproduceError(ValueError):
    """The mapping file or the measurement does not allow a computation."""


class MeasurementLike(Protocol):
    """What :func:`werkdruk_utils.inputs.load.load_measurement` returns (only these are used)."""

    respondents: pd.DataFrame
    schools: pd.DataFrame
    year: int


@dataclass(frozen=True)
class WeightFunctions:
    """The two weightings; defaults come from :mod:`werkdruk_utils.stats.weighting`."""

    cell: Callable[[pd.DataFrame], pd.Series]
    sector: Callable[[pd.DataFrame], pd.Series]

    @classmethod
    def default(cls) -> WeightFunctions:
        from werkdruk_utils.stats import weighting

        return cls(cell=weighting.cell_weights, sector=weighting.sector_weights)


# ------------------------------------------------------------------------------------------
# mapping file


def load_map(path: Path | str | None = None) -> dict[str, Any]:
    """Read ``published_map.yaml`` (blocks, not_reproducible, label maps)."""
    path = Path(path) if path is not None else MAP_PATH
    with open(path, encoding="utf-8") as handle:
        mapping = yaml.safe_load(handle)
    for key in ("labels", "blocks", "not_reproducible"):
        if key not in mapping:
            raise ReproduceError(f"{path}: section '{key}' missing")
    return mapping


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _label_keys(mapping: dict[str, Any], names: Any) -> set[str]:
    keys: set[str] = set()
    for name in _as_list(names):
        if name not in mapping["labels"]:
            raise ReproduceError(f"label map '{name}' not in the mapping file")
        keys |= set(mapping["labels"][name])
    return keys


def _selector_matches(selector: dict[str, Any], row: pd.Series, mapping: dict[str, Any]) -> bool:
    """Whether a published row falls under a block / not_reproducible entry."""
    if row["source_id"] not in _as_list(selector["source_id"]):
        return False
    if "statistics" in selector and row["statistic"] not in selector["statistics"]:
        return False
    if "variables" in selector and row["variable"] not in selector["variables"]:
        return False
    if "groups" in selector:
        groups = selector["groups"]
        allowed = set(groups) if isinstance(groups, dict) else set(_as_list(groups))
        if row["group"] not in allowed:
            return False
    if "groups_from" in selector and row["group"] not in _label_keys(
        mapping, selector["groups_from"]
    ):
        return False
    label_sets = []
    for key in ("categories", "items", "terms"):
        if key in selector:
            label_sets.append(set(selector[key]))
    if "items_from" in selector and "items" not in selector and "categories" not in selector:
        label_sets.append(_label_keys(mapping, selector["items_from"]))
    for labels in label_sets:
        if row["category"] not in labels:
            return False
    return True


def match_rows(published: pd.DataFrame, mapping: dict[str, Any] | None = None) -> pd.DataFrame:
    """For every published row: which block (index) or not_reproducible entry (index) matches.

    Returns a frame indexed like ``published`` with columns ``blocks`` and ``excluded`` (lists of
    matching indices). A consistent mapping has exactly one match per row in total.
    """
    mapping = load_map() if mapping is None else mapping
    blocks = mapping["blocks"]
    excluded = mapping["not_reproducible"]
    result = []
    for _, row in published.iterrows():
        result.append(
            {
                "blocks": [i for i, b in enumerate(blocks) if _selector_matches(b, row, mapping)],
                "excluded": [
                    i for i, e in enumerate(excluded) if _selector_matches(e, row, mapping)
                ],
            }
        )
    return pd.DataFrame(result, index=published.index)


def _rows_of_year(published: pd.DataFrame, year: int) -> pd.DataFrame:
    dated = (published["measurement_year"] == year).fillna(False).astype(bool)
    return published.loc[dated | published["measurement_year"].isna()]


def _classify(
    published: pd.DataFrame, year: int, mapping: dict[str, Any]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split a year's rows into (reproducible rows with block index, not reproducible with
    reason)."""
    rows = _rows_of_year(published, year)
    matches = match_rows(rows, mapping)
    keep, drop = [], []
    for index, row in rows.iterrows():
        blocks, excluded = matches.at[index, "blocks"], matches.at[index, "excluded"]
        if len(blocks) + len(excluded) != 1:
            raise ReproduceError(
                f"published row {index} ({row['source_id']} / {row['group']} / {row['category']} / "
                f"{row['statistic']}) matches {len(blocks)} block(s) and {len(excluded)} "
                "exclusion(s); expected exactly one"
            )
        if excluded:
            drop.append((index, mapping["not_reproducible"][excluded[0]]["reason"]))
            continue
        block = mapping["blocks"][blocks[0]]
        if pd.isna(row["measurement_year"]):
            years = block.get("years")
            if years is None:
                raise ReproduceError(
                    f"published row {index} has no measurement year and its block names no 'years'"
                )
            if year not in years:
                drop.append((index, f"statement concerns measurement(s) {years}, not {year}"))
                continue
        keep.append((index, blocks[0]))
    keep_frame = rows.loc[[i for i, _ in keep]].assign(block=[b for _, b in keep])
    drop_frame = rows.loc[[i for i, _ in drop]].assign(reason=[r for _, r in drop])
    return keep_frame, drop_frame


def not_reproducible(
    published: pd.DataFrame | None = None,
    year: int | None = None,
    mapping: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """Published rows that survey data cannot produce, with a ``reason`` column.

    Without ``year``: every row matched by a ``not_reproducible`` entry of the mapping file. With
    ``year``: the rows of that year (dated that year or undated) that :func:`reproduce` does not
    produce for it, including undated statements about other measurement years.
    """
    published = load_published() if published is None else published
    mapping = load_map() if mapping is None else mapping
    columns = [
        "row",
        "source_id",
        "measurement_year",
        "variable",
        "group",
        "category",
        "statistic",
        "value",
        "reason",
    ]
    if year is None:
        matches = match_rows(published, mapping)
        picked = [
            (i, mapping["not_reproducible"][m[0]]["reason"])
            for i, m in matches["excluded"].items()
            if m
        ]
        frame = published.loc[[i for i, _ in picked]].assign(reason=[r for _, r in picked])
    else:
        _, frame = _classify(published, year, mapping)
    return frame.assign(row=frame.index)[columns].reset_index(drop=True)


# ------------------------------------------------------------------------------------------
# statistics (public so that they can be tested on hand-made frames)


def weighted_percent(
    numerator: pd.Series, base: pd.Series, weights: pd.Series | None = None
) -> tuple[float, int]:
    """100 * sum(w | numerator & base) / sum(w | base), and the unweighted base count.

    ``numerator`` and ``base`` are boolean Series on the same index; ``weights`` None = 1 each.
    Returns (NaN, 0) for an empty base.
    """
    base = base.fillna(False).astype(bool)
    numerator = numerator.fillna(False).astype(bool) & base
    w = pd.Series(1.0, index=base.index) if weights is None else weights.astype(float)
    if w[base].isna().any():
        raise ReproduceError("missing weight for a respondent in the base")
    denominator = float(w[base].sum())
    if int(base.sum()) == 0 or denominator == 0:
        return math.nan, 0
    return 100.0 * float(w[numerator].sum()) / denominator, int(base.sum())


def weighted_mean(
    values: pd.Series, weights: pd.Series | None = None, mask: pd.Series | None = None
) -> tuple[float, int]:
    """Weighted mean of the non-missing ``values`` (within ``mask``) and the count used."""
    used = values.notna()
    if mask is not None:
        used &= mask.fillna(False).astype(bool)
    x = values[used].astype(float)
    w = pd.Series(1.0, index=x.index) if weights is None else weights[used].astype(float)
    if len(x) == 0 or float(w.sum()) == 0:
        return math.nan, 0
    return float((x * w).sum() / w.sum()), int(len(x))


def scale_items(name: str) -> tuple[str, ...]:
    """The items of a scale as the codebook defines them (Q6 rows 1-3, 4-6, 7-9; Q5 rows 1-6)."""
    return load_codebook().scales[name].items


def scale_score(frame: pd.DataFrame, items: tuple[str, ...] | list[str]) -> pd.Series:
    """Mean of the answered items, NaN with fewer than two thirds answered
    (:func:`werkdruk_utils.stats.scales.scale_score`)."""
    try:
        return scales.scale_score(frame, items)
    except scales.ScaleError as exc:
        raise ReproduceError(str(exc)) from None


def stars_for(p: float) -> int:
    """Number of stars by the report's legend (* p<.05, ** p<.01, *** p<.005)."""
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return 0
    for threshold, count in STAR_THRESHOLDS:
        if p < threshold:
            return count
    return 0


# ------------------------------------------------------------------------------------------
# tolerances


@dataclass(frozen=True)
class Check:
    """Accepted interval for a reproduced value (``tolerance``: half-width when symmetric)."""

    lower: float
    upper: float
    tolerance: float
    lower_inclusive: bool = True
    decimals: int | None = None
    """Round the reproduced value to this many decimals before comparing (None: no rounding)."""
    sign: int = 0
    """The sign the reproduced value must have (regression coefficients; 0: any)."""


def tolerance_for(row: pd.Series, extra: dict[str, Any] | None = None) -> Check:
    """The accepted interval for a published value.

    * ``percent``, ``mean_percent`` (percentages, also B1 response shares and verbal '77%'):
      +/-1 percentage point.
    * ``mean``: scale means +/-0.02, or half the printed unit when the report prints one
      decimal (Tekst H2.2: +/-0.05). Tekst B1 'gemiddeld 3 personen per school' is compared
      as a count (exact), see the mapping file.
    * ``n``, ``count``, ``max``: exact (B3.1 'Totaal aantal respondenten' is a rounded sum of
      weights and compared after rounding).
    * ``weight``, ``weighted_cases``: one unit of the 2 printed decimals (+/-0.01): the report
      rounds or truncates (GO Overig weighted cases 154,946 is printed 154,94).
    * ``B``: within one published SE of the same term **and of the same sign** (a flipped sign
      fails however small the coefficient; stars compared separately, exactly).
    * ``SE``: within +/-30% of the published SE.
    * ``Beta``: within one published SE transformed to the standardised scale (x
      ``extra['sd_ratio']`` = sd(x)/sd(y) of the reproduction) and of the same sign.
    * ``stars``: exact. ``adj_r2``: +/-0.05 (judgement; printed with 2 decimals).
    * ``verbal_fraction``: 'ongeveer', 'een vierde', 'één op de vijf', 'acht op de tien' are read
      as +/-5 percentage points around the fraction, compared at the one-decimal precision of the
      report's percentages (e.g. 'ongeveer 1 op de 3' = 28,3% to 38,3%: Tabel 3.2 prints 28,3%
      for Schoolleiding in 2024, which the report calls 'ongeveer 1 op de 3').
    * ``verbal_fraction_lower_bound``: 'meer dan de helft' = strictly above the value.
    * ``percent_range_low`` / ``percent_range_high``: '60-70%' = the lowest named value at least
      59.5 and the highest at most 70.5 (the range as stated, with half a printed unit for
      rounding).
    """
    extra = extra or {}
    stat = row["statistic"]
    if stat not in _TOLERANCES:
        raise ReproduceError(f"no tolerance defined for statistic '{stat}'")
    return _TOLERANCES[stat](float(row["value"]), row, extra)


def _symmetric(value: float, tol: float, **options: Any) -> Check:
    return Check(value - tol, value + tol, tol, **options)


def _mean_check(value: float, row: pd.Series, extra: dict[str, Any]) -> Check:
    if row["source_id"] == "Tekst B1":
        return _symmetric(value, 0.0)
    decimals = PRINTED_DECIMALS.get(row["source_id"], 2)
    return _symmetric(value, max(0.02, 0.5 * 10.0 ** (-decimals)))


def _coefficient_check(value: float, row: pd.Series, extra: dict[str, Any]) -> Check:
    tol = float(extra["published_se"])
    if row["statistic"] == "Beta":
        tol *= float(extra.get("sd_ratio", math.nan))
    return _symmetric(value, tol, sign=_sign(value))


_TOLERANCES: dict[str, Callable[[float, pd.Series, dict[str, Any]], Check]] = {
    "percent": lambda v, r, e: _symmetric(v, 1.0),
    "mean_percent": lambda v, r, e: _symmetric(v, 1.0),
    "mean": _mean_check,
    **dict.fromkeys(("n", "count", "max", "stars"), lambda v, r, e: _symmetric(v, 0.0)),
    **dict.fromkeys(("weight", "weighted_cases"), lambda v, r, e: _symmetric(v, 0.01)),
    "B": _coefficient_check,
    "Beta": _coefficient_check,
    "SE": lambda v, r, e: Check(0.7 * v, 1.3 * v, 0.3 * v),
    "adj_r2": lambda v, r, e: _symmetric(v, 0.05),
    "verbal_fraction": lambda v, r, e: Check(
        round(v - 0.05, 3), round(v + 0.05, 3), 0.05, decimals=3
    ),
    "verbal_fraction_lower_bound": lambda v, r, e: Check(v, 1.0, math.nan, lower_inclusive=False),
    "percent_range_low": lambda v, r, e: Check(v - 0.5, 100.0, math.nan),
    "percent_range_high": lambda v, r, e: Check(0.0, v + 0.5, math.nan),
}
"""The tolerance of every published statistic (see :func:`tolerance_for`)."""


def _sign(value: float) -> int:
    return 0 if value == 0 or math.isnan(value) else (1 if value > 0 else -1)


def _within(check: Check, reproduced: float) -> bool:
    if reproduced is None or (isinstance(reproduced, float) and math.isnan(reproduced)):
        return False
    if check.sign and _sign(reproduced) != check.sign:
        return False
    eps = 1e-9
    if check.decimals is not None:
        reproduced = round(reproduced, check.decimals)
    above = (
        reproduced > check.lower - eps if check.lower_inclusive else reproduced > check.lower + eps
    )
    return bool(above and reproduced <= check.upper + eps)


PRINTED_PRECISION_STATISTICS: tuple[str, ...] = ("percent", "mean_percent", "mean")
"""The printed percentages and means, compared at the printed precision."""


def printed_decimals(row: pd.Series) -> int | None:
    """How many decimals the report prints for a percentage or mean (None for other statistics).

    Tables and figures print percentages with one decimal (74,7%) and scale means with two
    (1,84); Tabel 4.1 prints whole percentages (42%); the running text prints whole percentages
    ('[77%]', '91%') and numbers, and §2.2 its means with one decimal ('2,6').
    """
    stat, source = row["statistic"], str(row["source_id"])
    if stat not in PRINTED_PRECISION_STATISTICS:
        return None
    if source.startswith("Tekst"):
        return PRINTED_DECIMALS.get(source, 0)
    if source == "Tabel 4.1":
        return 0
    return 2 if stat == "mean" else 1


def round_as_printed(value: float, decimals: int) -> float:
    """Round half away from zero, as the report prints (not Python's round-half-to-even)."""
    from decimal import ROUND_HALF_UP, Decimal

    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def at_printed_precision(row: pd.Series, reproduced: float) -> bool | None:
    """Whether the reproduced value, rounded as the report rounds, is the printed value (None
    where the statistic is not a printed percentage or mean)."""
    decimals = printed_decimals(row)
    if decimals is None:
        return None
    if reproduced is None or math.isnan(reproduced):
        return False
    return round_as_printed(reproduced, decimals) == round_as_printed(float(row["value"]), decimals)


def _reason(
    row: pd.Series, check: Check, reproduced: float, within: bool, printed: bool | None
) -> str:
    """Why a value fails (Dutch, for the self-check): outside the tolerance, or off at the
    printed precision."""
    if reproduced is None or math.isnan(reproduced):
        return "niet berekend"
    parts = []
    if not within:
        if check.sign and _sign(reproduced) != check.sign:
            parts.append("teken omgekeerd")
        elif reproduced < check.lower:
            parts.append(f"te laag (ondergrens {_nl(check.lower)})")
        else:
            parts.append(f"te hoog (bovengrens {_nl(check.upper)})")
    if printed is False:
        decimals = printed_decimals(row)
        parts.append(
            f"afgerond {_nl(round_as_printed(reproduced, decimals), decimals)} in plaats van "
            f"{_nl(float(row['value']), decimals)}"
        )
    return "; ".join(parts)


def judge(row: pd.Series, value: float) -> dict[str, Any]:
    """Judge another value for a row of :func:`reproduce` (for instance the page's own value in
    the self-check): the columns ``reproduced``, ``difference``, ``within_tolerance``,
    ``at_printed_precision`` and ``reason`` as :func:`reproduce` would have written them.

    The accepted interval is the row's ``lower``/``upper``; a regression coefficient (B, Beta)
    must also have the published sign.
    """
    published = pd.Series(
        {"statistic": row["statistic"], "source_id": row["source_id"], "value": row["published"]}
    )
    sign = _sign(float(row["published"])) if row["statistic"] in ("B", "Beta") else 0
    check = Check(float(row["lower"]), float(row["upper"]), float(row["tolerance"]), sign=sign)
    if row["statistic"] in ("verbal_fraction",):
        check = Check(check.lower, check.upper, check.tolerance, decimals=3)
    elif row["statistic"] == "verbal_fraction_lower_bound":
        check = Check(check.lower, check.upper, check.tolerance, lower_inclusive=False)
    within = _within(check, float(value))
    printed = at_printed_precision(published, float(value))
    return {
        "reproduced": float(value),
        "difference": float(value) - float(row["published"]),
        "within_tolerance": within,
        "at_printed_precision": printed,
        "reason": _reason(published, check, float(value), within, printed),
    }


def _nl(value: float, decimals: int | None = None) -> str:
    """A number with a decimal comma (4 significant digits unless ``decimals`` is given)."""
    text = f"{value:.{decimals}f}" if decimals is not None else f"{value:.4g}"
    return text.replace(".", ",")


# ------------------------------------------------------------------------------------------
# the computations


@dataclass
class _Context:
    measurement: Any
    mapping: dict[str, Any]
    weights: WeightFunctions
    _cache: dict[Any, Any] = field(default_factory=dict)

    @cached_property
    def resp(self) -> pd.DataFrame:
        frame = self.measurement.respondents
        for column in ("analysis_group", "school_id"):
            if column not in frame.columns:
                raise ReproduceError(f"respondent frame has no column '{column}'")
        return frame

    @cached_property
    def schools(self) -> pd.DataFrame:
        return self.measurement.schools

    @cached_property
    def is_sl(self) -> pd.Series:
        return (self.resp["analysis_group"] == SCHOOLLEIDER).fillna(False).astype(bool)

    @cached_property
    def w_cell(self) -> pd.Series:
        return self.weights.cell(self.resp).reindex(self.resp.index).astype(float)

    @cached_property
    def w_sector(self) -> pd.Series:
        sl = self.resp.loc[self.is_sl]
        return self.weights.sector(sl).reindex(self.resp.index).astype(float)

    def population(self, name: str) -> pd.Series:
        if name == "all":
            return pd.Series(True, index=self.resp.index)
        if name == "sl":
            return self.is_sl
        if name == "not_sl":
            return ~self.is_sl
        raise ReproduceError(f"unknown population '{name}'")

    def weight(self, name: str) -> pd.Series | None:
        if name in (None, "none"):
            return None
        if name == "cell":
            return self.w_cell
        if name == "sector":
            return self.w_sector
        raise ReproduceError(f"unknown weighting '{name}'")

    def column(self, name: str) -> pd.Series:
        if name not in self.resp.columns:
            raise ReproduceError(
                f"column '{name}' not in the respondent frame of {self.measurement.year}"
            )
        return self.resp[name]

    def label(self, map_name: str, label: str) -> Any:
        return self.mapping["labels"][map_name][label]

    def group_mask(self, block: dict[str, Any], row: pd.Series) -> pd.Series:
        """Respondents of the row's breakdown group (all True without a breakdown)."""
        if "by" not in block and "by_from_group_var" not in block:
            return pd.Series(True, index=self.resp.index)
        column = block["by"] if "by" in block else block["by_from_group_var"][row["group_var"]]
        values: list[Any] = []
        for name in _as_list(block["groups_from"]):
            if row["group"] in self.mapping["labels"][name]:
                values = _as_list(self.mapping["labels"][name][row["group"]])
                break
        if not values:
            raise ReproduceError(
                f"group '{row['group']}' not in label map(s) {block['groups_from']}"
            )
        return self.column(column).isin(values).fillna(False).astype(bool)


def _codes_mask(values: pd.Series, codes: list[int] | None) -> pd.Series:
    if codes is None:
        return values.notna()
    return values.isin(codes).fillna(False).astype(bool)


def _ticked(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    ticked = pd.Series(False, index=frame.index)
    for column in columns:
        ticked |= (frame[column] == 1).fillna(False).astype(bool)
    return ticked


def _question_columns(frame: pd.DataFrame, prefix: str) -> list[str]:
    pattern = re.compile(rf"^{re.escape(prefix)}\d+(_.+)?$")
    return [
        c for c in frame.columns if pattern.match(c) and pd.api.types.is_numeric_dtype(frame[c])
    ]


def _option_share(ctx: _Context, block: dict[str, Any], row: pd.Series) -> tuple[float, int]:
    values = ctx.column(block["variable"])
    base = (
        ctx.population(block["population"])
        & ctx.group_mask(block, row)
        & _codes_mask(values, block.get("base"))
    )
    numerator = _codes_mask(values, block["categories"][row["category"]])
    return weighted_percent(numerator, base, ctx.weight(block.get("weighting")))


def _multi_columns(ctx: _Context, block: dict[str, Any], row: pd.Series) -> list[str]:
    if "categories" in block:
        return [str(c) for c in _as_list(block["categories"][row["category"]])]
    item = ctx.label(block["items_from"], row["category"])
    school_year = row["school_year"].replace("-", "_")
    return [block["column_template"].format(item=item, school_year=school_year)]


def _multi_share(ctx: _Context, block: dict[str, Any], row: pd.Series) -> tuple[float, int]:
    columns = _multi_columns(ctx, block, row)
    for column in columns:
        ctx.column(column)
    base = ctx.population(block["population"]) & ctx.group_mask(block, row)
    if block["base"] == "answered":
        base &= _ticked(ctx.resp, _question_columns(ctx.resp, block["question_columns"]))
    elif block["base"] != "population":
        raise ReproduceError(f"unknown multi_share base '{block['base']}'")
    if "exclude_if_ticked" in block:
        base &= ~_ticked(ctx.resp, [block["exclude_if_ticked"]])
    return weighted_percent(_ticked(ctx.resp, columns), base, ctx.weight(block.get("weighting")))


def _grid_share(ctx: _Context, block: dict[str, Any], row: pd.Series) -> tuple[float, int]:
    if "items" in block:
        items = _as_list(block["items"][row["category"]])
    else:
        items = [ctx.label(block["items_from"], row["category"])]
    results = []
    for item in items:
        values = ctx.column(block["variable_template"].format(item=item))
        base = (
            ctx.population(block["population"])
            & ctx.group_mask(block, row)
            & _codes_mask(values, block["base"])
        )
        results.append(
            weighted_percent(
                _codes_mask(values, block["numerator"]), base, ctx.weight(block.get("weighting"))
            )
        )
    if row["statistic"] == "percent_range_low":
        return min(results, key=lambda r: r[0])
    if row["statistic"] == "percent_range_high":
        return max(results, key=lambda r: r[0])
    if len(results) != 1:
        raise ReproduceError(
            f"{row['source_id']}: several items for a single value '{row['category']}'"
        )
    return results[0]


def _field_mean(ctx: _Context, block: dict[str, Any], row: pd.Series) -> tuple[float, int]:
    values = ctx.column(block["categories"][row["category"]])
    mask = ctx.population(block["population"]) & ctx.group_mask(block, row)
    if "exclude_if_ticked" in block:
        mask &= ~_ticked(ctx.resp, [block["exclude_if_ticked"]])
    return weighted_mean(
        values.astype("Float64").astype(float), ctx.weight(block.get("weighting")), mask
    )


def _scale(ctx: _Context, name: str) -> pd.Series:
    key = ("scale", name)
    if key not in ctx._cache:
        ctx._cache[key] = scale_score(ctx.resp, scale_items(name))
    return ctx._cache[key]


def _scale_mean(ctx: _Context, block: dict[str, Any], row: pd.Series) -> tuple[float, int]:
    name = block["scale"] if "scale" in block else block["categories"][row["category"]]
    mask = ctx.population(block["population"]) & ctx.group_mask(block, row)
    return weighted_mean(_scale(ctx, name), ctx.weight(block.get("weighting")), mask)


def _population_count(ctx: _Context, block: dict[str, Any], row: pd.Series) -> tuple[float, int]:
    n = int((ctx.population(block["population"]) & ctx.group_mask(block, row)).sum())
    return float(n), n


def _answering_count(ctx: _Context, block: dict[str, Any], row: pd.Series) -> tuple[float, int]:
    values = ctx.column(block["variable"])
    n = int((ctx.population(block["population"]) & _codes_mask(values, block.get("base"))).sum())
    return float(n), n


def _weighted_count(ctx: _Context, block: dict[str, Any], row: pd.Series) -> tuple[float, int]:
    mask = ctx.population(block["population"]) & ctx.group_mask(block, row)
    weights = ctx.weight(block["weighting"])
    return float(round(float(weights[mask].sum()))), int(mask.sum())


def _distribution(values: pd.Series, category_value: Any) -> tuple[float, int]:
    used = values.notna()
    return weighted_percent(values == category_value, used)


def _school_distribution(ctx: _Context, block: dict[str, Any], row: pd.Series) -> tuple[float, int]:
    schools = ctx.schools
    responding = schools["school_id"].isin(set(ctx.resp["school_id"]))
    for column, value in (block.get("restrict") or {}).items():
        responding &= schools[column] == value
    value = (
        row["category"]
        if block.get("categories_identity")
        else block["categories"][row["category"]]
    )
    column = schools.loc[responding.fillna(False).astype(bool), block["column"]]
    return _distribution(column.astype(object).where(column.notna(), None), value)


def _respondent_distribution(
    ctx: _Context, block: dict[str, Any], row: pd.Series
) -> tuple[float, int]:
    return _distribution(ctx.column(block["column"]), block["categories"][row["category"]])


def _weight_table(ctx: _Context, block: dict[str, Any], row: pd.Series) -> tuple[float, int]:
    cell = block["groups"][row["group"]]
    total = len(ctx.resp)
    if cell is None:
        if row["statistic"] != "n":
            raise ReproduceError(f"Tabel B1.8 Totaal: statistic {row['statistic']} not computed")
        return float(total), total
    mask = (
        ((ctx.resp["sector"] == cell[0]) & (ctx.resp["weighting_group"] == cell[1]))
        .fillna(False)
        .astype(bool)
    )
    n = int(mask.sum())
    stat = row["statistic"]
    if stat == "n":
        return float(n), n
    if stat == "percent":
        return 100.0 * n / total, n
    if stat == "weight":
        return (float(ctx.w_cell[mask].mean()) if n else math.nan), n
    if stat == "weighted_cases":
        return float(ctx.w_cell[mask].sum()), n
    raise ReproduceError(f"Tabel B1.8: statistic {stat} not computed")


def _respondents_per_school(ctx: _Context) -> pd.Series:
    return ctx.resp.groupby("school_id", observed=True).size()


def _design_count(ctx: _Context, block: dict[str, Any], row: pd.Series) -> tuple[float, int]:
    name = block.get("count") or row["variable"]
    per_school = _respondents_per_school(ctx)
    n_sample = len(ctx.schools)
    if name in ("sample_schools", "sample_schools_per_measurement"):
        return float(n_sample), n_sample
    if name == "responding_schools":
        return float(len(per_school)), len(per_school)
    if name == "school_response_rate":
        return 100.0 * len(per_school) / n_sample, n_sample
    if name == "respondents":
        return float(len(ctx.resp)), len(ctx.resp)
    if name == "respondents_per_school":
        if row["statistic"] == "max":
            return float(per_school.max()), len(per_school)
        # 'Gemiddeld 3 personen per school': the mean is 5.0, the median fits (decision).
        return float(per_school.median()), len(per_school)
    if name == "schools_single_respondent":
        n = int((per_school == 1).sum())
        return float(n), n
    if name == "schools_single_respondent_schoolleader":
        single = per_school.index[per_school == 1]
        n = int(ctx.resp.loc[ctx.is_sl & ctx.resp["school_id"].isin(single), "school_id"].nunique())
        return float(n), n
    if name == "case_study_volunteer_schools":
        volunteers = ctx.is_sl & (ctx.column("v23") == 1).fillna(False).astype(bool)
        n = int(ctx.resp.loc[volunteers, "school_id"].nunique())
        return float(n), n
    raise ReproduceError(f"unknown design count '{name}'")


# ---- regression (Tabel B2.1-B2.4)

REGRESSION_TERMS: tuple[str, ...] = (
    "age",
    "sl",
    "oop",
    "ovp",
    "wtf",
    "wtf2",
    "sl_wtf",
    "oop_wtf",
    "ovp_wtf",
    "achterstandsscore",
)


def regression_frame(respondents: pd.DataFrame, outcome: str, centre: float = 0.0) -> pd.DataFrame:
    """Outcome and predictors of the B2 models (NaN where missing; reference group leraar).

    ``centre``: werktijdfactor is entered as ``werktijdfactor - centre`` in every term (its
    square and the interactions too); 0 is the report's uncentred model, whose function terms
    are the differences at werktijdfactor 0.

    Columns: ``y`` (scale score), ``age`` (v4 code 1-5), dummies ``sl``, ``oop``, ``ovp``
    (schoolleider, onderwijsondersteunend, overig ondersteunend personeel), ``wtf``
    (werktijdfactor), ``wtf2``, the interactions ``sl_wtf``, ``oop_wtf``, ``ovp_wtf`` and
    ``achterstandsscore``.
    """
    group = respondents["analysis_group"].astype(object)
    known = group.notna()
    wtf = pd.to_numeric(respondents["werktijdfactor"], errors="coerce").astype(float)
    frame = pd.DataFrame(index=respondents.index)
    frame["y"] = scale_score(respondents, scale_items(outcome))
    frame["age"] = respondents["v4"].astype("Float64").astype(float)
    for column, label in (
        ("sl", "schoolleider"),
        ("oop", "onderwijsondersteunend personeel"),
        ("ovp", "overig ondersteunend personeel"),
    ):
        frame[column] = (group == label).astype(float).where(known)
    wtf = wtf - centre
    frame["wtf"] = wtf
    frame["wtf2"] = wtf**2
    for column in ("sl", "oop", "ovp"):
        frame[f"{column}_wtf"] = frame[column] * wtf
    frame["achterstandsscore"] = pd.to_numeric(
        respondents["achterstandsscore"], errors="coerce"
    ).astype(float)
    return frame


@dataclass(frozen=True)
class RegressionFit:
    """Coefficients per term (``const`` for the intercept) and the adjusted R squared."""

    table: pd.DataFrame  # index: terms incl. 'const'; columns B, SE, p, Beta, sd_ratio
    adj_r2: float
    n: int


def fit_regression(
    frame: pd.DataFrame,
    weights: pd.Series,
    clusters: pd.Series,
    backend: str | None = None,
    design: Any = None,
    terms: Sequence[str] | None = None,
) -> RegressionFit:
    """Weighted regression of ``frame['y']`` on ``terms`` (default :data:`REGRESSION_TERMS`, the
    report's B2 model; any columns of ``frame``).

    ``backend`` (default :data:`REGRESSION_BACKEND`): ``"survey"`` uses
    :func:`werkdruk_utils.stats.survey.svyglm_gaussian` on the whole frame (rows with missing values
    stay in the design with weight zero); ``"statsmodels"`` fits WLS on the complete cases with
    cluster-robust SE by school (``cov_type='cluster'``, normal p-values).

    ``design`` (a :class:`werkdruk_utils.stats.survey.SurveyDesign` whose rows are those of
    ``frame``, e.g. ``analysis.design_for(respondents).survey``) gives the sample as drawn:
    schools within sector strata, weights post-stratified; without it the ``"survey"`` backend
    uses the one-stage cluster design of ``weights`` and ``clusters`` (the simpler design).
    ``weights`` stay the weights of the point estimates and the standardised Betas.
    """
    backend = backend or REGRESSION_BACKEND
    terms = list(REGRESSION_TERMS if terms is None else terms)
    missing = [t for t in terms if t not in frame.columns]
    if missing:
        raise ReproduceError(f"terms {missing} are not columns of the model frame")
    x = frame[terms]
    complete = frame["y"].notna() & x.notna().all(axis=1) & weights.notna()
    if int(complete.sum()) <= len(terms) + 1:
        raise ReproduceError(
            f"only {int(complete.sum())} complete rows for {len(terms) + 1} coefficients"
        )
    yu, xu, wu = frame.loc[complete, "y"], x.loc[complete], weights[complete].astype(float)

    def wsd(v: pd.Series) -> float:
        mean = float((v * wu).sum() / wu.sum())
        return float(np.sqrt(((v - mean) ** 2 * wu).sum() / wu.sum()))

    sd_y = wsd(yu)
    if not sd_y > 0:
        raise ReproduceError("the outcome does not vary among the complete rows")
    sd_ratio = pd.Series({t: wsd(xu[t]) / sd_y for t in terms})
    if backend == "survey":
        from werkdruk_utils.stats.survey import svyglm_gaussian

        if design is not None:
            result = svyglm_gaussian(
                x.reset_index(drop=True), frame["y"].to_numpy(dtype=float), design
            )
        else:
            result = svyglm_gaussian(
                x.reset_index(drop=True),
                frame["y"].to_numpy(dtype=float),
                weights.fillna(0.0).to_numpy(dtype=float),
                clusters.astype(str).to_numpy(),
            )
        table = result.table.rename(index={"(Intercept)": "const"})[["B", "SE", "p"]]
        adj_r2, n = float(result.adj_r2), int(result.n)
    elif backend == "statsmodels":
        import statsmodels.api as sm

        design = sm.add_constant(xu, has_constant="add")
        codes = pd.factorize(clusters[complete].astype(str))[0]
        result = sm.WLS(yu, design, weights=wu).fit(cov_type="cluster", cov_kwds={"groups": codes})
        table = pd.DataFrame({"B": result.params, "SE": result.bse, "p": result.pvalues})
        adj_r2, n = float(result.rsquared_adj), int(result.nobs)
    else:
        raise ReproduceError(f"unknown regression backend '{backend}'")
    table = table.copy()
    table["Beta"] = table["B"] * sd_ratio.reindex(table.index)
    table["sd_ratio"] = sd_ratio.reindex(table.index)
    return RegressionFit(table=table, adj_r2=adj_r2, n=n)


MODEL_POPULATION = "bao-respondenten met volledige gegevens"
"""Who is in the Bijlage 2 models: complete cases; go schools have no achterstandsscore."""

FUNCTION_TERMS: dict[str, str] = {
    "sl": "Schoolleider",
    "oop": "Onderwijsondersteunend personeel",
    "ovp": "Overig ondersteunend personeel",
}


def is_b2_estimate(rows: pd.DataFrame) -> pd.Series:
    """The rows judged by the B2 criteria (B, SE and Beta of Tabellen B2.1-B2.4: same sign, within
    one published SE, SE within 30%); the star counts are judged exactly like any count."""
    return rows["source_id"].astype(str).str.startswith("Tabel B2") & rows["statistic"].isin(
        ["B", "SE", "Beta"]
    )


def term_labels(mapping: dict[str, Any] | None = None) -> dict[str, str]:
    """The report's label of every B2 model term (``published_map.yaml``), e.g. ``sl`` ->
    'Schoolleider', ``const`` -> 'Constante'."""
    mapping = load_map() if mapping is None else mapping
    block = next(b for b in mapping["blocks"] if b.get("kind") == "regression")
    return {term: label for label, term in block["terms"].items() if term != "adj_r2"}


def b2_fit(
    respondents: pd.DataFrame,
    outcome: str,
    *,
    design: str | None = None,
    centre: float = 0.0,
) -> RegressionFit:
    """The Bijlage 2 model of ``outcome`` for one year's respondents, as the pages fit it: cell
    weights of all respondents, the year's design (:func:`analysis.design_for`, default the
    sample as drawn), complete cases (:data:`MODEL_POPULATION`); ``centre`` as in
    :func:`regression_frame`."""
    from werkdruk_utils.stats import weighting

    frame = regression_frame(respondents, outcome, centre=centre)
    weights = weighting.cell_weights(respondents).reindex(respondents.index).astype(float)
    survey_design = analysis.design_for(
        respondents, "all", "cell", design or analysis.DEFAULT_DESIGN
    ).survey
    return fit_regression(frame, weights, respondents["school_id"], design=survey_design)


def model_mean_werktijdfactor(respondents: pd.DataFrame, outcome: str) -> float:
    """The weighted mean werktijdfactor of the rows in the B2 model of ``outcome`` (cell weights;
    the post-stratified weights give the same mean)."""
    from werkdruk_utils.stats import weighting

    frame = regression_frame(respondents, outcome)
    complete = frame["y"].notna() & frame[list(REGRESSION_TERMS)].notna().all(axis=1)
    weights = weighting.cell_weights(respondents).reindex(respondents.index).astype(float)
    w = weights[complete]
    return float((frame.loc[complete, "wtf"] * w).sum() / w.sum())


def b2_sensitivity(
    respondents: pd.DataFrame, outcome: str, *, design: str | None = None
) -> pd.DataFrame:
    """Beyond the report: the B2 model with werktijdfactor centred at its weighted mean next to
    the report's uncentred model.

    The uncentred model's function terms are differences with leraren at werktijdfactor 0 (the
    model has function x werktijdfactor interactions); centred, they are the differences at the
    average werktijdfactor. The linear werktijdfactor term changes too (the slope at the mean
    instead of at 0); the squared term, the interactions, leeftijd, achterstandsscore and R² are
    the same model and do not change. Columns: term, B, SE, p, stars (uncentred) and the same
    with suffix ``_centred``; ``attrs['centre']`` and ``attrs['n']``.
    """
    centre = model_mean_werktijdfactor(respondents, outcome)
    plain = b2_fit(respondents, outcome, design=design)
    centred = b2_fit(respondents, outcome, design=design, centre=centre)
    terms = list(REGRESSION_TERMS) + ["const"]
    out = pd.DataFrame({"term": terms})
    for suffix, fit in (("", plain), ("_centred", centred)):
        table = fit.table.reindex(terms)
        out[f"B{suffix}"] = table["B"].to_numpy()
        out[f"SE{suffix}"] = table["SE"].to_numpy()
        out[f"p{suffix}"] = table["p"].to_numpy()
        out[f"stars{suffix}"] = [stars_for(float(p)) for p in table["p"]]
    out.attrs.update(centre=centre, n=plain.n, outcome=outcome)
    return out


def sensitivity_sentence(table: pd.DataFrame, scale_label: str) -> str:
    """What changes when werktijdfactor is centred (Dutch, numbers from ``table``)."""

    def nl(value: float) -> str:
        return f"{value:+.2f}".replace(".", ",").replace("-", "−")

    def stars(n: int) -> str:
        return "*" * int(n) if n else " (n.s.)"

    rows = table.set_index("term")
    parts, changed = [], []
    for term, label in FUNCTION_TERMS.items():
        r = rows.loc[term]
        parts.append(
            f"{label.lower()} {nl(r['B'])}{stars(r['stars'])} bij werktijdfactor 0 en "
            f"{nl(r['B_centred'])}{stars(r['stars_centred'])} bij de gemiddelde werktijdfactor"
        )
        if (r["stars"] > 0) != (r["stars_centred"] > 0):
            changed.append(label.lower())
    centre = f"{table.attrs['centre']:.2f}".replace(".", ",")
    text = (
        f"Buiten het rapport ({scale_label}): met de werktijdfactor gecentreerd op het gewogen "
        f"gemiddelde ({centre}) zijn de functietermen het verschil met leraren bij een gemiddelde "
        f"werktijdfactor, niet bij werktijdfactor 0: " + "; ".join(parts) + ". "
    )
    if changed:
        text += "Daardoor verandert de significantie van: " + ", ".join(changed) + ". "
    else:
        text += "De significantie van de functietermen verandert daardoor niet. "
    return text + (
        "Het kwadraat van de werktijdfactor, de interacties, leeftijd, achterstandsscore en de "
        "verklaarde variantie blijven gelijk; de term werktijdfactor wordt de helling bij het "
        "gemiddelde."
    )


def _regression(
    ctx: _Context, block: dict[str, Any], row: pd.Series
) -> tuple[float, int, dict[str, Any]]:
    outcome = block["outcome_by_source"][row["source_id"]]
    key = ("regression", outcome)
    if key not in ctx._cache:
        # The whole year is the design; respondents outside the population are a domain (outcome
        # missing), as R's svyglm on a subset of the design.
        population = ctx.population(block["population"])
        frame = regression_frame(ctx.resp, outcome)
        frame.loc[~population, "y"] = np.nan
        weighting_name = block.get("weighting") or "none"
        weights = ctx.weight(weighting_name)
        weights = pd.Series(1.0, index=frame.index) if weights is None else weights
        try:
            design = analysis.design_for(ctx.resp, "all", weighting_name).survey
            ctx._cache[key] = fit_regression(frame, weights, ctx.resp["school_id"], design=design)
        except (
            ValueError,
            ZeroDivisionError,
            np.linalg.LinAlgError,
        ) as exc:  # ReproduceError, SurveyError: ValueError
            ctx._cache[key] = ReproduceError(f"regression on {outcome} cannot be fitted: {exc}")
    fit = ctx._cache[key]
    if isinstance(fit, ReproduceError):
        raise fit
    term = block["terms"][row["category"]]
    stat = row["statistic"]
    if stat == "adj_r2":
        return fit.adj_r2, fit.n, {}
    line = fit.table.loc[term]
    extra = {"sd_ratio": float(line["sd_ratio"]) if pd.notna(line["sd_ratio"]) else math.nan}
    if stat == "B":
        return float(line["B"]), fit.n, extra
    if stat == "SE":
        return float(line["SE"]), fit.n, extra
    if stat == "Beta":
        return float(line["Beta"]), fit.n, extra
    if stat == "stars":
        return float(stars_for(float(line["p"]))), fit.n, extra
    raise ReproduceError(f"regression statistic '{stat}' not computed")


KINDS: dict[str, Callable[..., Any]] = {
    "option_share": _option_share,
    "multi_share": _multi_share,
    "grid_share": _grid_share,
    "field_mean": _field_mean,
    "scale_mean": _scale_mean,
    "population_count": _population_count,
    "answering_count": _answering_count,
    "weighted_count": _weighted_count,
    "school_distribution": _school_distribution,
    "respondent_distribution": _respondent_distribution,
    "weight_table": _weight_table,
    "design_count": _design_count,
    "regression": _regression,
}

PERCENT_KINDS = {"option_share", "multi_share", "grid_share"}


def _known_issue(mapping: dict[str, Any], row: pd.Series, year: int) -> tuple[str, bool]:
    """The notes of the ``known_issues`` entries of the mapping file that cover the row (or ''), and
    whether one of them declares the row an expected deviation (two published statements that
    cannot both hold; the data follow the other one)."""
    notes = []
    expected = False
    for issue in mapping.get("known_issues") or []:
        if "years" in issue and year not in issue["years"]:
            continue
        if _selector_matches(issue, row, mapping):
            notes.append(issue["note"])
            expected = expected or bool(issue.get("expected_deviation", False))
    return "; ".join(notes), expected


def _published_se(published: pd.DataFrame, row: pd.Series) -> float:
    same = published[
        (published["source_id"] == row["source_id"])
        & (published["category"] == row["category"])
        & (published["statistic"] == "SE")
    ]
    if len(same) != 1:
        raise ReproduceError(f"{row['source_id']} {row['category']}: no unique published SE")
    return float(same["value"].iloc[0])


def reproduce(
    measurement: MeasurementLike,
    published: pd.DataFrame | None = None,
    *,
    mapping: dict[str, Any] | None = None,
    weights: WeightFunctions | None = None,
    sources: Collection[str] | None = None,
) -> pd.DataFrame:
    """Recompute every published value survey data can produce for ``measurement.year``.

    ``sources`` (optional) restricts the work to the rows of those ``source_id`` values; the rows
    returned are then exactly those of the full result for these sources.

    Args:
        measurement: a loaded measurement (``respondents``, ``schools``, ``year``).
        published: published values (default:
        :func:`werkdruk_utils.check.published.load_published`).
        mapping: parsed mapping file (default: ``data/reference/published_map.yaml``).
        weights: weight functions (default: :mod:`werkdruk_utils.stats.weighting`).

    Returns:
        One row per reproducible published value of the year with the columns of
        :data:`OUTPUT_COLUMNS`: the published and reproduced value, their difference, the
        tolerance (half-width; NaN for one-sided statements), the accepted interval
        ``lower``/``upper``, ``within_tolerance``, the rule applied, the unweighted base
        ``n_base``, the published row index ``row`` and a ``note``. Verbal fractions are
        reproduced as fractions (0-1), like the published value.
    """
    published = load_published() if published is None else published
    mapping = load_map() if mapping is None else mapping
    ctx = _Context(
        measurement=measurement, mapping=mapping, weights=weights or WeightFunctions.default()
    )
    year = int(measurement.year)
    rows, _ = _classify(published, year, mapping)
    if sources is not None:
        rows = rows[rows["source_id"].isin(list(sources))]
    out = []
    for index, row in rows.iterrows():
        block = mapping["blocks"][int(row["block"])]
        note = ""
        extra: dict[str, Any] = {}
        try:
            result = KINDS[block["kind"]](ctx, block, row)
            if len(result) == 3:
                reproduced, n_base, extra = result
            else:
                reproduced, n_base = result
        except ReproduceError as exc:
            reproduced, n_base, note = math.nan, 0, f"error: {exc}"
        if (
            row["statistic"] in ("verbal_fraction", "verbal_fraction_lower_bound")
            and block["kind"] in PERCENT_KINDS
        ):
            reproduced = reproduced / 100.0
        if row["statistic"] in ("B", "Beta"):
            extra["published_se"] = _published_se(published, row)
        issue, expected_deviation = _known_issue(mapping, row, year)
        if issue:
            note = f"{note}; {issue}" if note else issue
        check = tolerance_for(row, extra)
        within = _within(check, float(reproduced))
        printed = at_printed_precision(row, float(reproduced))
        out.append(
            {
                "source_id": row["source_id"],
                "measurement_year": year,
                "variable": row["variable"],
                "group": row["group"],
                "category": row["category"],
                "statistic": row["statistic"],
                "published": float(row["value"]),
                "reproduced": float(reproduced),
                "difference": float(reproduced) - float(row["value"]),
                "tolerance": check.tolerance,
                "within_tolerance": within,
                "at_printed_precision": printed,
                "printed_decimals": printed_decimals(row),
                "expected_deviation": bool(expected_deviation),
                "reason": _reason(row, check, float(reproduced), within, printed),
                "rule": block.get("rule", block["kind"]),
                "lower": check.lower,
                "upper": check.upper,
                "n_base": int(n_base),
                "row": int(index),
                "note": note,
            }
        )
    frame = pd.DataFrame(out, columns=OUTPUT_COLUMNS)
    return frame.astype(
        {
            "within_tolerance": bool,
            "at_printed_precision": "boolean",
            "printed_decimals": "Int64",
            "expected_deviation": bool,
            "measurement_year": "int64",
            "n_base": "int64",
            "row": "int64",
        }
    )


ACROSS_MEASUREMENTS: dict[str, str] = {
    "responding_schools": "mean number of responding schools per measurement",
    "respondents": "mean number of respondents per measurement",
}


def reproduce_across_measurements(
    measurements: list[MeasurementLike], published: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The Samenvatting's averages over the measurements ('gemiddeld 390 scholen', '1.794
    personen').

    These two rows cannot come from one measurement (:func:`not_reproducible` lists them); pass
    all three measurements. Tolerance: half a unit (the report prints whole numbers).
    """
    published = load_published() if published is None else published
    if not measurements:
        raise ReproduceError("pass at least one measurement")
    years = sorted(int(m.year) for m in measurements)
    # the report averages over its own measurements: the years it publishes numbers of
    report_years = sorted(int(y) for y in published["measurement_year"].dropna().unique())
    schools = [m.respondents["school_id"].nunique() for m in measurements]
    persons = [len(m.respondents) for m in measurements]
    computed = {
        "responding_schools": float(np.mean(schools)),
        "respondents": float(np.mean(persons)),
    }
    rows = published[
        (published["source_id"] == "Tekst Samenvatting")
        & published["variable"].isin(list(ACROSS_MEASUREMENTS))
        & (published["statistic"] == "mean")
    ]
    out = []
    for index, row in rows.iterrows():
        reproduced = computed[row["variable"]]
        check = Check(row["value"] - 0.5, row["value"] + 0.5, 0.5)
        out.append(
            {
                "source_id": row["source_id"],
                "measurement_year": pd.NA,
                "variable": row["variable"],
                "group": row["group"],
                "category": row["category"],
                "statistic": row["statistic"],
                "published": float(row["value"]),
                "reproduced": reproduced,
                "difference": reproduced - float(row["value"]),
                "tolerance": check.tolerance,
                "within_tolerance": _within(check, reproduced),
                "at_printed_precision": round_as_printed(reproduced, 0) == float(row["value"]),
                "printed_decimals": 0,
                "expected_deviation": False,
                "reason": "" if _within(check, reproduced) else "buiten de tolerantie",
                "rule": ACROSS_MEASUREMENTS[row["variable"]],
                "lower": check.lower,
                "upper": check.upper,
                "n_base": len(measurements),
                "row": int(index),
                "note": "" if years == report_years else f"computed over measurements {years} only",
            }
        )
    return pd.DataFrame(out, columns=OUTPUT_COLUMNS)


def summarise(result: pd.DataFrame) -> pd.DataFrame:
    """Per source: rows reproduced, rows within tolerance, share within tolerance."""
    grouped = result.groupby("source_id", sort=False)["within_tolerance"]
    return pd.DataFrame(
        {"rows": grouped.size(), "within": grouped.sum(), "share_within": grouped.mean()}
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m werkdruk_utils.check.reproduce --year 2024 [--data-dir DIR] [--out file.csv]``.

    Loads the measurement(s), prints per source how many published values are reproduced
    within tolerance and lists the values outside it. Exit code 0 in every case (a report,
    not a test).
    """
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m werkdruk_utils.check.reproduce", description=main.__doc__
    )
    parser.add_argument("--year", type=int, nargs="+", default=list(measurement_years()))
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None, help="write all rows to this CSV")
    args = parser.parse_args(argv)
    from werkdruk_utils.inputs.load import load_measurement

    published = load_published()
    frames = []
    for year in args.year:
        measurement = (
            load_measurement(year, args.data_dir) if args.data_dir else load_measurement(year)
        )
        result = reproduce(measurement, published)
        excluded = not_reproducible(published, year)
        frames.append(result)
        print(
            f"== {year}: {len(result)} reproduced, {int(result['within_tolerance'].sum())} within "
            "tolerance, "
            f"{len(excluded)} not reproducible (total {len(result) + len(excluded)})"
        )
        print(summarise(result).to_string())
        outside = result.loc[
            ~result["within_tolerance"],
            ["source_id", "group", "category", "statistic", "published", "reproduced", "note"],
        ]
        if len(outside):
            with pd.option_context("display.max_colwidth", 60, "display.width", 200):
                print(outside.to_string())
    if args.out:
        pd.concat(frames, ignore_index=True).to_csv(args.out, index=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
