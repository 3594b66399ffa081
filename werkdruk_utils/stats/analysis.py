"""Design-based estimates for the report's tables and figures, per measurement year.

Every estimate here follows one set of rules, the same for every chapter:

* **Population** ``all`` (every respondent), ``sl`` (schoolleiders: analysis group
  *schoolleider*, who answer the school-level questions) or ``not_sl`` (the rest of the team).
* **Weighting** ``cell`` (function x sector, Tabel B1.8, computed on all respondents of the year),
  ``sector`` (Tabel 4.1: sector weights computed on the schoolleiders of the year) or ``none``.
* **Design** (``design``, default :data:`DEFAULT_DESIGN`): the sample as drawn (Bijlage 1),
  ``"stratified"``: schools (PSUs) within sector strata, respondents clustered in schools, weights
  post-stratified, i.e. R's

  .. code-block:: r

      des <- svydesign(ids = ~school, strata = ~sector, weights = ~1, data = year)
      des <- postStratify(des, ~sector + weighting_group, <Tabel B1.8 counts>)   # 'cell'
      # 'sector': the schoolleiders' design, postStratify(des, ~sector, <Tabel B1.1 shares>)
      # 'none': no post-stratification

  with ``options(survey.lonely.psu = "adjust")`` (a sector with a single responding school
  still gives a variance; with two or more schools per sector, as in every real measurement,
  the option changes nothing). ``"cluster"`` is the simpler design kept for comparison:
  ``svydesign(ids = ~school, weights = ~w)`` with the weights treated as fixed, no strata. The
  design is always the whole year (all respondents, or all schoolleiders for sector weights) and
  groups are domains of it, so standard errors equal R's ``survey`` (see
  :mod:`werkdruk_utils.stats.survey`).
* **Intervals**: means get R's ``confint(svymean(...))`` (normal); percentages the logit interval
  of R's ``svyciprop(method = "logit")``, which always lies within 0-100.
* **Missing answers** (one rule everywhere): item non-response is left out of the base. Whether
  'weet ik niet' / 'n.v.t.' are in the base is decided by the indicator passed in: an indicator is
  1 (counts), 0 (in the base, does not count) or missing (not in the base). The base ``n`` is
  always reported.
* **Small cells**: an estimate resting on fewer than ``min_n`` respondents (default
  :data:`MIN_N`) is marked ``suppressed``; its estimate, SE and interval are blanked in every
  output (tables show :data:`werkdruk_utils.present.tables.SUPPRESSED`).
* **Differences** are called differences only when significant at 5% (two-sided): between
  measurement years as independent samples (a new school sample each year), between groups within
  a year as domains of one design.

Results are tidy frames with the columns of :data:`RESULT_COLUMNS`; percentages are on the
0-100 scale (SE in percentage points).
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from werkdruk_utils.stats import suppression, survey, weighting

MIN_N = 10
"""Default minimum number of respondents behind a published percentage or mean."""

ALPHA = 0.05
"""Significance level for every difference the notebooks call a difference."""

POPULATIONS = ("all", "sl", "not_sl")
WEIGHTINGS = ("cell", "sector", "none")
DESIGNS = ("stratified", "cluster")
DEFAULT_DESIGN = "stratified"
"""The sample as drawn; ``"cluster"`` (schools as clusters, fixed weights) is for comparison."""
LONELY_PSU = "adjust"
DESIGN_NOTE = (
    "Standaardfouten, toetsen en modellen volgens de steekproefopzet: scholen getrokken binnen de "
    "sectoren bao en go, respondenten geclusterd in scholen, de weging naar functie en sector als "
    "poststratificatie (gelijk aan het survey-pakket van R)."
)
"""How the pages name the design (Dutch)."""
SCHOOLLEIDER = "schoolleider"

RESULT_COLUMNS = [
    "year",
    "variable",
    "group_var",
    "group",
    "category",
    "statistic",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "n",
    "df",
    "suppressed",
]

Indicator = Callable[[pd.DataFrame], pd.Series]


class AnalysisError(ValueError):
    """An estimate was asked for that the rules do not define."""


@dataclass(frozen=True)
class Design:
    """The rows, weights and clusters of one year's design, and the population as a domain.

    ``survey`` is the design itself (:class:`werkdruk_utils.stats.survey.SurveyDesign`, rows as
    ``frame``); pass it to any estimator of :mod:`werkdruk_utils.stats.survey` in place of
    ``w, cluster``. ``weights`` are its final weights.
    """

    frame: pd.DataFrame
    weights: np.ndarray
    clusters: np.ndarray
    population: np.ndarray  # boolean per row of ``frame``
    survey: survey.SurveyDesign
    name: str = DEFAULT_DESIGN


def is_schoolleider(frame: pd.DataFrame) -> pd.Series:
    return (frame["analysis_group"] == SCHOOLLEIDER).fillna(False).astype(bool)


_DESIGNS: dict[tuple, tuple] = {}
_DESIGNS_SIZE = 32


def _frame_fingerprint(frame: pd.DataFrame) -> tuple:
    """What identifies the state of a frame object: its columns, length and data blocks."""
    blocks = getattr(getattr(frame, "_mgr", None), "blocks", ())
    return (tuple(frame.columns), len(frame), tuple(id(getattr(b, "values", b)) for b in blocks))


def design_for(
    respondents: pd.DataFrame,
    population: str = "all",
    weighting_name: str = "cell",
    design: str = DEFAULT_DESIGN,
) -> Design:
    """The design of one measurement year for a population and a weighting (see module docstring).

    Computed once per frame object, population and weighting (a chapter asks for the same design
    hundreds of times): the design returned is shared between calls and must be treated as
    read-only; a frame object whose columns are added, replaced or removed gets a new design.
    """
    key = (id(respondents), population, weighting_name, design)
    entry = _DESIGNS.get(key)
    if entry is not None:
        ref, fingerprint, found = entry
        if ref() is respondents and fingerprint == _frame_fingerprint(respondents):
            return found
    found = _design_for(respondents, population, weighting_name, design)
    try:
        ref = weakref.ref(respondents)
    except TypeError:
        return found
    if len(_DESIGNS) >= _DESIGNS_SIZE:
        _DESIGNS.pop(next(iter(_DESIGNS)))
    _DESIGNS[key] = (ref, _frame_fingerprint(respondents), found)
    return found


def _survey_design(frame: pd.DataFrame, weighting_name: str, design: str) -> survey.SurveyDesign:
    """The design of ``frame`` (all rows of the year, or its schoolleiders for 'sector')."""
    schools = frame["school_id"].astype(str).to_numpy()
    if design == "cluster":
        if weighting_name == "cell":
            w = weighting.cell_weights(frame).to_numpy(dtype=float)
        elif weighting_name == "sector":
            w = weighting.sector_weights(frame).to_numpy(dtype=float)
        else:
            w = np.ones(len(frame), dtype=float)
        return survey.svydesign(schools, weights=w)
    base = survey.svydesign(
        schools, strata=frame["sector"].astype(str).to_numpy(), lonely_psu=LONELY_PSU
    )
    if weighting_name == "cell":
        return survey.post_stratify(
            base, weighting.cell_labels(frame), weighting.population_counts(frame), partial=True
        )
    if weighting_name == "sector":
        return survey.post_stratify(
            base, frame["sector"].astype(str), weighting.sector_population_counts(), partial=True
        )
    return base


def _design_for(
    respondents: pd.DataFrame, population: str, weighting_name: str, design: str
) -> Design:
    if population not in POPULATIONS:
        raise AnalysisError(f"unknown population '{population}', expected one of {POPULATIONS}")
    if weighting_name not in WEIGHTINGS:
        raise AnalysisError(f"unknown weighting '{weighting_name}', expected one of {WEIGHTINGS}")
    if design not in DESIGNS:
        raise AnalysisError(f"unknown design '{design}', expected one of {DESIGNS}")
    if "year" in respondents.columns and respondents["year"].nunique() > 1:
        raise AnalysisError("a design covers one measurement year; pass one year's respondents")
    sl = is_schoolleider(respondents)
    if weighting_name == "sector":
        if population != "sl":
            raise AnalysisError(
                "sector weights are defined for the schoolleiders (population 'sl') only"
            )
        frame = respondents.loc[sl]
        pop = np.ones(len(frame), dtype=bool)
    else:
        frame = respondents
        pop = {
            "all": np.ones(len(frame), dtype=bool),
            "sl": sl.to_numpy(),
            "not_sl": ~sl.to_numpy(),
        }[population]
    design_ = _survey_design(frame, weighting_name, design)
    return Design(
        frame=frame,
        weights=design_.weights,
        clusters=frame["school_id"].astype(str).to_numpy(),
        population=pop,
        survey=design_,
        name=design,
    )


def _blank_if_suppressed(row: dict, min_n: int) -> dict:
    row["suppressed"] = bool(row["n"] < min_n)
    if row["suppressed"]:
        for key in ("estimate", "se", "ci_low", "ci_high"):
            row[key] = math.nan
    return row


def _estimate_rows(
    values: pd.Series,
    design: Design,
    groups: pd.Series | None,
    levels: Sequence | None,
    scale: float,
    min_n: int,
    percent: bool = False,
) -> list[dict]:
    y = pd.to_numeric(values, errors="coerce").astype(float).to_numpy()
    domains: list[tuple[object, np.ndarray]]
    if groups is None:
        domains = [(None, design.population)]
    else:
        g = groups.to_numpy(dtype=object)
        if levels is None:
            levels = sorted(pd.Series(g[design.population]).dropna().unique().tolist())
        domains = [(level, design.population & (g == level)) for level in levels]
    rows = []
    for level, mask in domains:
        used = mask & ~np.isnan(y)
        n = int(used.sum())
        if n < min_n:
            # Suppressed: nothing is estimated (a variance could not even be computed for a group in
            # one school).
            rows.append(
                _blank_if_suppressed(
                    {
                        "group": level,
                        "estimate": math.nan,
                        "se": math.nan,
                        "ci_low": math.nan,
                        "ci_high": math.nan,
                        "n": n,
                        "df": 0,
                    },
                    min_n,
                )
            )
            continue
        if len(np.unique(design.clusters)) < 2:
            # One school in the whole design: the mean exists, its design-based variance does not
            # (R: 'Design has only one primary sampling unit'); SE and interval stay blank.
            w = np.where(used, design.weights, 0.0)
            mean = float((w * np.where(used, y, 0.0)).sum() / w.sum())
            rows.append(
                {
                    "group": level,
                    "estimate": scale * mean,
                    "se": math.nan,
                    "ci_low": math.nan,
                    "ci_high": math.nan,
                    "n": n,
                    "df": 0,
                    "suppressed": False,
                }
            )
            continue
        estimator = survey.svyciprop if percent else survey.svymean
        est = estimator(y, design.survey, domain=mask)
        rows.append(
            _blank_if_suppressed(
                {
                    "group": level,
                    "estimate": scale * est.estimate,
                    "se": scale * est.se,
                    "ci_low": scale * est.ci_low,
                    "ci_high": scale * est.ci_high,
                    "n": est.n,
                    "df": est.df,
                },
                min_n,
            )
        )
    return rows


def estimate(
    respondents: pd.DataFrame,
    values: pd.Series | Indicator,
    *,
    statistic: str,
    variable: str,
    category: str | None = None,
    population: str = "all",
    weighting_name: str = "cell",
    by: str | None = None,
    levels: Sequence | None = None,
    min_n: int = MIN_N,
    design: str = DEFAULT_DESIGN,
) -> pd.DataFrame:
    """Weighted mean (``statistic='mean'``) or percentage (``'percent'``, of a 0/1 indicator) per
    group.

    ``values`` is a Series aligned with ``respondents`` or a function of the frame returning one;
    for percentages it is 1 / 0 / missing (see the module docstring). ``by`` names a column of
    ``respondents`` whose values are the groups (``None``: the whole population, group 'totaal').
    """
    if statistic not in ("mean", "percent"):
        raise AnalysisError(f"statistic must be 'mean' or 'percent', not '{statistic}'")
    design_ = design_for(respondents, population, weighting_name, design)
    series = values(design_.frame) if callable(values) else values.reindex(design_.frame.index)
    if statistic == "percent":
        observed = pd.to_numeric(series, errors="coerce").dropna()
        if not observed.isin([0, 1]).all():
            raise AnalysisError(
                f"{variable}: a percentage needs a 0/1 indicator, found "
                f"{sorted(observed.unique())[:5]}"
            )
    groups = design_.frame[by] if by is not None else None
    percent = statistic == "percent"
    rows = _estimate_rows(
        series, design_, groups, levels, 100.0 if percent else 1.0, min_n, percent=percent
    )
    year = (
        int(respondents["year"].iloc[0])
        if "year" in respondents.columns and len(respondents)
        else None
    )
    out = pd.DataFrame(rows)
    out["group"] = (
        out["group"].where(out["group"].notna(), "totaal") if by is not None else "totaal"
    )
    out = out.assign(
        year=year,
        variable=variable,
        group_var=by or "totaal",
        category=category,
        statistic=statistic,
    )
    return out[RESULT_COLUMNS]


def over_years(
    measurements: Mapping[int, object], compute: Callable[[pd.DataFrame], pd.DataFrame]
) -> pd.DataFrame:
    """Run ``compute(respondents)`` for every measurement year and stack the results (year
    order)."""
    frames = [compute(m.respondents) for _, m in sorted(measurements.items())]  # type: ignore[attr-defined]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=RESULT_COLUMNS)


def code_indicator(
    column: str, counts: Iterable[int], base: Iterable[int] | None = None
) -> Indicator:
    """1 where ``column`` has one of ``counts``, 0 for the other codes in ``base`` (default: every
    answered code), missing otherwise (item non-response, or codes outside the base)."""
    counts = [int(c) for c in counts]
    base_codes = None if base is None else [int(c) for c in base]

    def indicator(frame: pd.DataFrame) -> pd.Series:
        codes = pd.to_numeric(frame[column], errors="coerce").astype(float)
        in_base = codes.notna() if base_codes is None else codes.isin(base_codes)
        return codes.isin(counts).astype(float).where(in_base)

    return indicator


def ticked_indicator(column: str, question_columns: Sequence[str] | None = None) -> Indicator:
    """A checkbox column (1 ticked, 0 not ticked): 1/0 for respondents who answered the question
    (ticked at least one box of ``question_columns``, default the column alone being shown),
    missing otherwise."""

    def indicator(frame: pd.DataFrame) -> pd.Series:
        ticked = pd.to_numeric(frame[column], errors="coerce").astype(float)
        if question_columns:
            # Same as frame[cols].apply(pd.to_numeric, errors="coerce").fillna(0).sum(axis=1) > 0,
            # column by column.
            total = np.zeros(len(frame), dtype=float)
            for name in question_columns:
                total += np.nan_to_num(
                    pd.to_numeric(frame[name], errors="coerce").to_numpy(
                        dtype=float, na_value=np.nan
                    ),
                    nan=0.0,
                )
            answered = pd.Series(total > 0, index=frame.index)
        else:
            answered = ticked.notna()
        return ticked.fillna(0.0).where(answered)

    return indicator


# ----------------------------------------------------------------------------------------------
# differences


def year_differences(results: pd.DataFrame, year: int, alpha: float = ALPHA) -> pd.DataFrame:
    """Difference of ``year`` against every earlier year per variable x group x category.

    Independent samples (a new school sample each year): ``se = sqrt(se1² + se2²)``, t-test with
    ``df = df1 + df2 - 1`` (R's ``svyttest`` on the stacked years with year as stratum). Rows with
    a suppressed or missing side get no test. Columns: variable, group_var, group, category,
    statistic, year, reference_year, estimate, reference_estimate, difference, se, p, significant.
    """
    keys = ["variable", "group_var", "group", "category", "statistic"]
    # Plain lists instead of a merge per earlier year: this runs for every sentence about a
    # change, and the pandas merge cost 7 ms a call. The pairs are those of an inner merge on
    # ``keys`` (the current year's order, then the earlier year's; missing keys match each other).
    values = ["estimate", "se", "ci_low", "ci_high", "n", "df", "suppressed"]
    column = {name: results[name].tolist() for name in ["year", *keys, *values]}
    years = column["year"]

    def key_of(i: int) -> tuple:
        return tuple(suppression.key_value(column[k][i]) for k in keys)

    def estimate_of(i: int) -> survey.Estimate:
        return survey.Estimate(
            column["estimate"][i],
            column["se"][i],
            column["ci_low"][i],
            column["ci_high"][i],
            int(column["n"][i]),
            int(column["df"][i]),
        )

    current = [i for i, y in enumerate(years) if y == year]
    rows = []
    for reference_year in sorted({y for y in years if y < year}):
        earlier: dict[tuple, list[int]] = {}
        for j, y in enumerate(years):
            if y == reference_year:
                earlier.setdefault(key_of(j), []).append(j)
        for i in current:
            for j in earlier.get(key_of(i), ()):
                row = {k: column[k][i] for k in keys}
                row.update(
                    year=year,
                    reference_year=int(reference_year),
                    estimate=column["estimate"][i],
                    reference_estimate=column["estimate"][j],
                    difference=math.nan,
                    se=math.nan,
                    p=math.nan,
                    significant=False,
                )
                if not (
                    column["suppressed"][i]
                    or column["suppressed"][j]
                    or math.isnan(column["estimate"][i])
                    or math.isnan(column["estimate"][j])
                ):
                    test = survey.svyttest_independent(
                        estimate_of(j), estimate_of(i), labels=(reference_year, year)
                    )
                    row.update(
                        difference=test.difference,
                        se=test.se,
                        p=test.p,
                        significant=bool(test.p < alpha) if not math.isnan(test.p) else False,
                    )
                rows.append(row)
    columns = keys + [
        "year",
        "reference_year",
        "estimate",
        "reference_estimate",
        "difference",
        "se",
        "p",
        "significant",
    ]
    return pd.DataFrame(rows, columns=columns)


def group_differences(
    respondents: pd.DataFrame,
    values: pd.Series | Indicator,
    *,
    by: str,
    reference: object,
    population: str = "all",
    weighting_name: str = "cell",
    scale: float = 1.0,
    min_n: int = MIN_N,
    alpha: float = ALPHA,
    design: str = DEFAULT_DESIGN,
) -> pd.DataFrame:
    """Every group of ``by`` against ``reference`` within one year (domains of one design).

    Returns group, reference, difference (x ``scale``), se, df, p, significant; pairs where either
    group rests on fewer than ``min_n`` respondents get no test.
    """
    design_ = design_for(respondents, population, weighting_name, design)
    series = values(design_.frame) if callable(values) else values.reindex(design_.frame.index)
    y = pd.to_numeric(series, errors="coerce").astype(float).to_numpy()
    groups = design_.frame[by].where(design_.population)
    rows = []
    for level in sorted(groups.dropna().unique().tolist()):
        if level == reference:
            continue
        n_ref = int(((groups == reference).to_numpy() & ~np.isnan(y)).sum())
        n_other = int(((groups == level).to_numpy() & ~np.isnan(y)).sum())
        row = {
            "group": level,
            "reference": reference,
            "difference": math.nan,
            "se": math.nan,
            "df": math.nan,
            "p": math.nan,
            "significant": False,
            "n": n_other,
            "n_reference": n_ref,
        }
        if min(n_ref, n_other) >= min_n:
            test = survey.svyttest_groups(
                y,
                groups.to_numpy(dtype=object),
                design_.survey,
                reference=reference,
                other=level,
            )
            row.update(
                difference=scale * test.difference,
                se=scale * test.se,
                df=test.df,
                p=test.p,
                significant=bool(test.p < alpha),
            )
        rows.append(row)
    return pd.DataFrame(
        rows,
        columns=[
            "group",
            "reference",
            "difference",
            "se",
            "df",
            "p",
            "significant",
            "n",
            "n_reference",
        ],
    )


def distribution_test(
    respondents: pd.DataFrame,
    column: str,
    *,
    by: str,
    population: str = "all",
    weighting_name: str = "cell",
    codes: Sequence[int] | None = None,
    design: str = DEFAULT_DESIGN,
) -> survey.ChisqResult:
    """Rao-Scott adjusted chi-square: does the distribution of ``column`` differ between the groups
    of ``by``?

    ``codes`` restricts the categories in the base (e.g. without 'weet ik niet'); rows outside the
    population or base stay in the design as missing (domain estimation as R's ``svychisq`` on a
    subset).
    """
    design_ = design_for(respondents, population, weighting_name, design)
    x = pd.to_numeric(design_.frame[column], errors="coerce").astype(float)
    if codes is not None:
        x = x.where(x.isin(list(codes)))
    x = x.where(design_.population)
    g = design_.frame[by].astype(object).where(design_.population)
    # Rows outside the population or base stay in the design as missing: R's svychisq on a subset.
    return survey.rao_scott_chisq(x.to_numpy(), g.to_numpy(dtype=object), design_.survey)
