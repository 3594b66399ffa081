"""Design-based estimates for a stratified one-stage cluster sample, optionally post-stratified.

Every function reproduces what R's ``survey`` package (version 4.1) computes. The design of the
monitor (Bijlage 1: schools drawn within sector strata, every respondent of a responding school
asked, weights post-stratified to function x sector) is

.. code-block:: r

    des <- svydesign(ids = ~school, strata = ~sector, weights = ~w, data = d)
    des <- postStratify(des, ~sector + weighting_group, population)

built here with :func:`svydesign` and :func:`post_stratify`; the resulting :class:`SurveyDesign`
is passed to the estimators in place of the weights (``svymean(y, design)``). Passing weights
and clusters instead (``svymean(y, w, cluster)``) gives the simpler one-stage cluster design
``svydesign(ids = ~school, weights = ~w)`` without strata, with the weights treated as fixed.
Schools are sampled with replacement within strata, no finite population correction. The
committed fixtures in ``tests/fixtures/r/`` were produced by R (``make fixtures``) and the unit
tests check every function against them to 4 decimals.

The design
----------
The *design* is always the complete set of rows passed in. Rows that are not used by an estimate
(missing outcome, other domain) are kept with weight zero, exactly as R does for a calibrated
design (``svymean(..., na.rm = TRUE)``, ``svyby``, ``subset``): their clusters still count as
primary sampling units (PSUs) of their stratum, contributing a cluster total of zero, and they
stay in their post-stratum. Pass the full sample of a measurement year (all respondents) and
select subgroups with ``domain`` or :func:`svyby`, never by filtering the frame first, or the
standard errors change.

Linearisation variance (R's ``svyrecvar``)
------------------------------------------
For an estimator with influence values ``z_i`` (one column per estimate):

1. post-stratification (R's ``svyrecvar`` with ``postStrata``): per post-stratification step with
   weights ``psw`` after and ``oldw`` before the step, ``z_i <- z_i - psw_i * sum_{j in c}
   (z_j oldw_j / psw_j) / sum_{j in c} oldw_j`` within every cell ``c``; with weights constant in
   a cell this removes the cell's weighted mean of the residuals, so that the estimated weights
   are not treated as fixed;
2. per stratum ``h`` with ``n_h`` PSUs and cluster totals ``Z_c = sum_{i in c} z_i``::

       V = sum_h n_h / (n_h - 1) * sum_{c in h} (Z_c - mean_h Z)(Z_c - mean_h Z)'

   where the mean runs over all PSUs of the stratum (clusters without used rows have ``Z_c = 0``).

For the weighted mean ``ybar = sum w y / sum w`` (a ratio estimator) the influence values are
``z_i = w_i (y_i - ybar) / sum(w)`` over the used rows and 0 elsewhere.

Degrees of freedom
------------------
``df`` of an estimate is R's ``degf()`` of the design restricted to the used rows: the number of
clusters with at least one used row minus the number of strata they lie in. Confidence intervals of
means and proportions use the normal quantile, as R's ``confint(svymean(...))`` (``df = Inf``);
:func:`svyciprop` gives the logit interval of ``svyciprop(method = "logit")`` with the t quantile of
that ``df``. Regression and t-tests use the t distribution, as ``svyglm``/``svyttest``: ``df = degf
+ 1 - (number of coefficients)``; for a two-group test that is ``degf - 1``.

Lonely PSU
----------
A stratum with a single PSU has no variance estimate: R stops with "Stratum (1) has only one PSU"
(``options(survey.lonely.psu = "fail")``, the default); the functions here raise
:class:`SurveyError`. :func:`svydesign` takes R's other choices as ``lonely_psu`` (``"adjust"``: the
stratum contributes its uncentred total, as R 4.1 does). A *domain* that lies in one cluster of a
design with more clusters is not a lonely PSU for R: its cluster total of influence values is zero
(the influence values of a mean sum to zero within the domain), the other clusters contribute zero
as well, so R returns **SE = 0** without a warning (``survey.adjust.domain.lonely`` is FALSE by
default). The functions here return the same SE = 0 so that results equal R's, and add nothing else;
callers that publish domain estimates should suppress domains with ``df == 0`` (one cluster)
themselves.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from werkdruk_utils.stats import distributions

__all__ = [
    "SurveyError",
    "Estimate",
    "DifferenceTest",
    "ChisqResult",
    "RegressionResult",
    "linearised_vcov",
    "svymean",
    "svyprop",
    "svyciprop",
    "SurveyDesign",
    "PostStratum",
    "svydesign",
    "post_stratify",
    "LONELY_PSU",
    "svymean_categories",
    "svyby",
    "svyttest_groups",
    "svyttest_independent",
    "svyttest_samples",
    "rao_scott_chisq",
    "svyglm_gaussian",
    "significance_stars",
    "STAR_THRESHOLDS",
]

#: Thresholds of the report's regression tables: '*p < .05; ** p < .01; *** p < .005'.
STAR_THRESHOLDS: tuple[tuple[float, str], ...] = ((0.005, "***"), (0.01, "**"), (0.05, "*"))


class SurveyError(ValueError):
    """Inputs that do not define a design or an estimate (lengths, missing weights, one cluster)."""


@dataclass(frozen=True)
class Estimate:
    """A design-based estimate with its linearisation standard error.

    ``ci_low``/``ci_high`` are the 95% (or ``level``) normal-theory interval of R's ``confint``;
    ``n`` is the number of rows used (unweighted); ``df`` is the number of clusters with used rows
    minus 1 (R's ``degf`` of the domain).
    """

    estimate: float
    se: float
    ci_low: float
    ci_high: float
    n: int
    df: int


@dataclass(frozen=True)
class DifferenceTest:
    """Difference ``other - reference`` with its standard error and a two-sided t-test."""

    reference: Hashable
    other: Hashable
    estimate_reference: float
    estimate_other: float
    difference: float
    se: float
    statistic: float
    df: float
    p: float
    ci_low: float
    ci_high: float


@dataclass(frozen=True)
class ChisqResult:
    """Rao-Scott adjusted Pearson chi-square test of independence (R's ``svychisq``).

    ``statistic``/``ndf``/``ddf``/``p``: the second-order (Satterthwaite) F test, R's default
    ``statistic = "F"``. ``chisq_p``/``chisq_df``: R's ``statistic = "Chisq"`` (first-order
    correction: ``pearson / mean(eigenvalues)`` against chi-square with ``(r-1)(c-1)`` df).
    ``pearson`` is the Pearson X^2 of the weighted table rescaled to the number of rows, which is
    what R prints as ``X-squared`` for ``statistic = "Chisq"``; ``chisq_adjusted`` is
    ``pearson / mean(eigenvalues)``. ``table`` holds the weighted cell proportions.
    """

    statistic: float
    ndf: float
    ddf: float
    p: float
    pearson: float
    chisq_adjusted: float
    chisq_df: int
    chisq_p: float
    design_effects: np.ndarray
    table: pd.DataFrame


@dataclass(frozen=True)
class RegressionResult:
    """Weighted least squares with linearisation (cluster-robust) standard errors.

    ``table`` has one row per coefficient (``(Intercept)`` first) and columns ``B``, ``SE``,
    ``t``, ``p``, ``ci_low``, ``ci_high``, ``Beta`` (standardised; NaN for the intercept) and
    ``stars``.
    """

    table: pd.DataFrame
    vcov: pd.DataFrame
    df_residual: int
    n: int
    n_clusters: int
    r2: float
    adj_r2: float


# ----------------------------------------------------------------------------------------------
# design helpers


def _as_float_array(values: Any, name: str) -> np.ndarray:
    if isinstance(values, (pd.Series, pd.Index)):
        values = values.to_numpy(dtype="float64", na_value=np.nan)
    try:
        array = np.asarray(values, dtype="float64")
    except (TypeError, ValueError) as exc:
        raise SurveyError(f"{name} must be numeric: {exc}") from exc
    if array.ndim != 1:
        raise SurveyError(f"{name} must be one-dimensional, got shape {array.shape}")
    return array


LONELY_PSU = ("fail", "adjust", "certainty", "remove", "average")
"""R's ``options(survey.lonely.psu = ...)`` values: what a stratum with a single PSU contributes."""


@dataclass(frozen=True)
class PostStratum:
    """One post-stratification step (R's entry of ``design$postStrata``).

    ``cells``: cell code per row; ``weights``: the weights right after this step (R's
    ``attr(, "weights")``); ``old_weights``: the weights before it (``attr(, "oldweights")``).
    """

    cells: np.ndarray
    weights: np.ndarray
    old_weights: np.ndarray
    labels: tuple[Hashable, ...]


@dataclass(frozen=True)
class SurveyDesign:
    """A one-stage stratified cluster design, optionally post-stratified (R's ``survey.design2``).

    Build it with :func:`svydesign` and :func:`post_stratify`; every estimator of this module
    accepts it in place of the ``w, cluster`` pair. Rows are never dropped: a domain or a missing
    value gives a row weight zero, as R does for a calibrated design, and every PSU keeps counting
    in its stratum.
    """

    weights: np.ndarray  # float, >= 0: the final (post-stratified) weights
    codes: np.ndarray  # cluster code per row, 0..n_clusters-1
    n_clusters: int
    strata: np.ndarray  # stratum code per row, 0..n_strata-1
    n_strata: int
    cluster_strata: np.ndarray  # stratum code per cluster code
    poststrata: tuple[PostStratum, ...] = ()
    lonely_psu: str = "fail"
    strata_labels: tuple[Hashable, ...] = ()

    @property
    def n(self) -> int:
        return len(self.weights)

    @property
    def stratified(self) -> bool:
        return self.n_strata > 1

    @property
    def calibrated(self) -> bool:
        return bool(self.poststrata)

    def degf(self, used: np.ndarray | None = None) -> int:
        """R's ``degf``: PSUs containing a used row with non-zero weight minus the strata they
        lie in (the whole design when ``used`` is None)."""
        inset = self.weights != 0 if used is None else (used & (self.weights != 0))
        clusters = np.unique(self.codes[inset])
        return int(clusters.size) - int(np.unique(self.cluster_strata[clusters]).size)

    def stratum_psus(self) -> np.ndarray:
        """Number of PSUs per stratum (R's ``fpc$sampsize``)."""
        return np.bincount(self.cluster_strata, minlength=self.n_strata)


# kept as a private alias: the estimators below were written against this name
_Design = SurveyDesign


def _labels(values: Any, name: str, n: int | None) -> pd.Series:
    series = pd.Series(
        values.to_numpy()
        if isinstance(values, (pd.Series, pd.Index))
        else np.asarray(values, dtype=object)
    ).reset_index(drop=True)
    if n is not None and len(series) != n:
        raise SurveyError(f"{name} has {len(series)} values, w has {n}")
    if series.isna().any():
        what = "cluster (school)" if name == "cluster" else name
        raise SurveyError(
            f"{name} has {int(series.isna().sum())} missing value(s); every row needs a {what}"
        )
    return series


def _check_weights(weights: np.ndarray) -> None:
    if np.isnan(weights).any():
        raise SurveyError(
            f"w has {int(np.isnan(weights).sum())} missing value(s); every row of the design needs "
            "a weight"
        )
    if (~np.isfinite(weights)).any() or (weights < 0).any():
        raise SurveyError("w must be finite and non-negative")


def svydesign(
    cluster: Any = None,
    *,
    strata: Any = None,
    weights: Any = None,
    lonely_psu: str = "fail",
) -> SurveyDesign:
    """R's ``svydesign(ids = ~cluster, strata = ~strata, weights = ~weights)`` (one stage, PSUs
    sampled with replacement within strata, no fpc).

    ``weights`` default 1 per row. Clusters must be nested in strata (R stops with 'Clusters not
    nested in strata' otherwise). ``lonely_psu`` is R's ``options(survey.lonely.psu)``: ``"fail"``
    (the default) raises for a stratum with a single PSU, ``"adjust"`` lets it contribute its
    uncentred total, ``"certainty"``/``"remove"`` nothing, ``"average"`` the average of the other
    strata.
    """
    clusters = _labels(cluster, "cluster", None)
    n = len(clusters)
    w = np.ones(n) if weights is None else _as_float_array(weights, "w")
    if len(w) != n:
        raise SurveyError(f"w has {len(w)} values, cluster has {n}")
    _check_weights(w)
    if lonely_psu not in LONELY_PSU:
        raise SurveyError(f"lonely_psu must be one of {LONELY_PSU}, not '{lonely_psu}'")
    codes, uniques = pd.factorize(clusters, sort=True)
    if strata is None:
        strata_codes = np.zeros(n, dtype=np.int64)
        strata_labels: tuple[Hashable, ...] = ("1",)
    else:
        strata_series = _labels(strata, "strata", n)
        s_codes, s_uniques = pd.factorize(strata_series, sort=True)
        strata_codes = s_codes.astype(np.int64)
        strata_labels = tuple(s_uniques.tolist())
    n_clusters = len(uniques)
    cluster_strata = np.full(n_clusters, -1, dtype=np.int64)
    cluster_strata[codes] = strata_codes
    mixed = np.zeros(n_clusters, dtype=bool)
    np.logical_or.at(mixed, codes, cluster_strata[codes] != strata_codes)
    if mixed.any():
        bad = [str(uniques[i]) for i in np.flatnonzero(mixed)[:5]]
        raise SurveyError(f"clusters are not nested in strata: cluster(s) {bad} lie in two strata")
    return SurveyDesign(
        weights=w,
        codes=codes.astype(np.int64),
        n_clusters=n_clusters,
        strata=strata_codes,
        n_strata=len(strata_labels),
        cluster_strata=cluster_strata,
        lonely_psu=lonely_psu,
        strata_labels=strata_labels,
    )


def post_stratify(
    design: SurveyDesign, cells: Any, population: Any, *, partial: bool = False
) -> SurveyDesign:
    """R's ``postStratify(design, ~cells, population)``.

    ``cells``: the post-stratum of every row (one label per row; combine variables into one label,
    e.g. ``"bao|leerkracht"``); ``population``: a mapping (or Series) from cell label to the
    population count. The weight of every row in a cell is multiplied by
    ``population / (sum of the weights of the cell)``, so the weighted cell totals equal the
    population counts; the variance then removes the post-stratum means of the influence values
    (R's ``svyrecvar``), so that the weights are not treated as fixed.

    A cell with respondents but no population count raises; a population cell without
    respondents raises unless ``partial`` (R: 'Some strata absent from sample: use partial=TRUE to
    ignore them'), in which case it is left out and the weights no longer sum to the population.
    """
    labels = _labels(cells, "cells", design.n)
    pop = (
        pd.Series(population, dtype="float64")
        if not isinstance(population, pd.Series)
        else population.astype(float)
    )
    if pop.index.has_duplicates:
        raise SurveyError(
            f"population has duplicate cells {sorted(map(str, pop.index[pop.index.duplicated()]))}"
        )
    if pop.isna().any() or (pop < 0).any():
        raise SurveyError("population counts must be non-negative numbers")
    codes, uniques = pd.factorize(labels, sort=True)
    sample_totals = np.bincount(codes, weights=design.weights, minlength=len(uniques))
    unknown = [
        u for u, t in zip(uniques, sample_totals, strict=True) if t > 0 and not pop.get(u, 0) > 0
    ]
    if unknown:
        raise SurveyError(
            f"post-strata in the sample without population count: {sorted(map(str, unknown))}"
        )
    present = {u for u, t in zip(uniques, sample_totals, strict=True) if t > 0}
    absent = sorted(str(c) for c, v in pop.items() if v > 0 and c not in present)
    if absent and not partial:
        raise SurveyError(
            f"post-strata with a population count but no respondents: {absent} (pass partial=True "
            "to leave them out)"
        )
    zero_rows = np.isin(codes, [i for i, t in enumerate(sample_totals) if not t > 0])
    if zero_rows.any():
        raise SurveyError(
            f"{int(zero_rows.sum())} row(s) lie in a post-stratum whose weights sum to zero"
        )
    factor = np.array([pop[u] / t for u, t in zip(uniques, sample_totals, strict=True)])
    new_weights = design.weights * factor[codes]
    step = PostStratum(
        cells=codes.astype(np.int64),
        weights=new_weights,
        old_weights=design.weights.copy(),
        labels=tuple(uniques.tolist()),
    )
    return replace(design, weights=new_weights, poststrata=design.poststrata + (step,))


def _design(w: Any, cluster: Any = None, n: int | None = None) -> SurveyDesign:
    """The design of an estimator call: a :class:`SurveyDesign` passed as ``w`` (``cluster``
    then None), or the one-stage cluster design of the weights ``w`` and clusters ``cluster``."""
    if isinstance(w, SurveyDesign):
        if cluster is not None:
            raise SurveyError("pass either a SurveyDesign or w and cluster, not both")
        if n is not None and w.n != n:
            raise SurveyError(f"the design has {w.n} rows, expected {n} (one per row)")
        return w
    if cluster is None:
        raise SurveyError("pass a SurveyDesign, or the weights w and the clusters")
    weights = _as_float_array(w, "w")
    if n is not None and len(weights) != n:
        raise SurveyError(f"w has {len(weights)} values, expected {n} (one per row)")
    _check_weights(weights)
    clusters = _labels(cluster, "cluster", len(weights))
    return svydesign(clusters, weights=weights)


def linearised_vcov(z: Any, cluster: Any) -> np.ndarray:
    """Variance-covariance matrix of estimators with influence values ``z`` (rows x estimates).

    ``cluster`` is a :class:`SurveyDesign` or the cluster of every row (a one-stage design
    without strata, R's ``svyrecvar``): per stratum ``n_h/(n_h-1) * sum_c (Z_c - mean_h Z)(Z_c -
    mean_h Z)'`` over the cluster totals ``Z_c``, after removing post-stratum means. Every
    distinct cluster is a PSU, also when all its influence values are zero.
    """
    matrix = np.asarray(z, dtype="float64")
    if matrix.ndim == 1:
        matrix = matrix[:, None]
    if isinstance(cluster, SurveyDesign):
        design = cluster
    else:
        codes, uniques = pd.factorize(pd.Series(np.asarray(cluster, dtype=object)), sort=True)
        if (codes < 0).any():
            raise SurveyError("cluster has missing values")
        design = svydesign(np.asarray(cluster, dtype=object))
    if design.n != matrix.shape[0]:
        raise SurveyError(f"z has {matrix.shape[0]} rows, cluster has {design.n}")
    return _vcov(matrix, design)


def _rowsum(values: np.ndarray, codes: np.ndarray, n_groups: int) -> np.ndarray:
    """R's ``rowsum``: column sums of ``values`` (rows x columns) per group code."""
    return np.column_stack(
        [
            np.bincount(codes, weights=values[:, j], minlength=n_groups)
            for j in range(values.shape[1])
        ]
    ).reshape(n_groups, values.shape[1])


def _residualise(z: np.ndarray, poststrata: tuple[PostStratum, ...]) -> np.ndarray:
    """Remove post-stratum means from influence values, as R's ``svyrecvar``:
    ``z - psw * rowsum(z * oldw / psw, cell) / rowsum(oldw, cell)``."""
    for step in poststrata:
        psw = step.weights.copy()
        oldw = step.old_weights
        psw[(psw == 0) & (oldw == 0)] = 1.0
        n_cells = len(step.labels)
        sums = _rowsum(z * (oldw / psw)[:, None], step.cells, n_cells)
        mass = np.bincount(step.cells, weights=oldw, minlength=n_cells)
        means = sums / mass[:, None]
        z = z - means[step.cells] * psw[:, None]
    return z


def _vcov(z: np.ndarray, design: SurveyDesign) -> np.ndarray:
    if np.isnan(z).any():
        raise SurveyError("influence values contain NaN")
    if design.n_clusters < 2 and design.lonely_psu == "fail":
        raise SurveyError(
            "the design has only one cluster (school): no variance can be estimated "
            "(R: 'Stratum (1) has only one PSU at stage 1')"
        )
    z = _residualise(z, design.poststrata)
    totals = _rowsum(z, design.codes, design.n_clusters)
    psus = design.stratum_psus()
    lonely = psus == 1
    if lonely.any() and design.lonely_psu == "fail":
        which = [str(design.strata_labels[i]) for i in np.flatnonzero(lonely)]
        raise SurveyError(
            f"stratum {', '.join(which)} has only one PSU: no variance can be estimated "
            "(R: 'Stratum has only one PSU at stage 1'; lonely_psu='adjust' lets it contribute)"
        )
    sums = _rowsum(totals, design.cluster_strata, design.n_strata)
    means = sums / np.maximum(psus, 1)[:, None]
    uncentred = lonely[design.cluster_strata] & (design.lonely_psu == "adjust")
    dev = totals - np.where(uncentred[:, None], 0.0, means[design.cluster_strata])
    n_h = psus[design.cluster_strata].astype(float)
    scale = np.where(n_h > 1, n_h / np.maximum(n_h - 1, 1), 1.0)
    if design.lonely_psu in ("certainty", "remove", "average"):
        scale = np.where(lonely[design.cluster_strata], 0.0, scale)
    vcov = (dev * scale[:, None]).T @ dev
    if design.lonely_psu == "average" and lonely.any():
        vcov = vcov * design.n_strata / (design.n_strata - int(lonely.sum()))
    return vcov


def _z_quantile(level: float) -> float:
    if not 0 < level < 1:
        raise SurveyError(f"level must lie between 0 and 1, got {level}")
    return distributions.norm_ppf(0.5 + level / 2)


def _mean_influence(y: np.ndarray, used: np.ndarray, design: _Design) -> tuple[float, np.ndarray]:
    """Weighted mean over ``used`` rows and its influence values (zero outside ``used``)."""
    w = np.where(used, design.weights, 0.0)
    total = w.sum()
    if total <= 0:
        raise SurveyError(
            "no rows with a positive weight to estimate from (empty domain or all values missing)"
        )
    y0 = np.where(used, y, 0.0)
    mean = float((w * y0).sum() / total)
    z = w * (y0 - mean) / total
    return mean, z


def _domain_mask(domain: Any, n: int) -> np.ndarray:
    if domain is None:
        return np.ones(n, dtype=bool)
    mask = pd.Series(domain).to_numpy()
    if len(mask) != n:
        raise SurveyError(f"domain has {len(mask)} values, expected {n}")
    series = pd.Series(mask)
    if series.isna().any():
        raise SurveyError("domain must not contain missing values")
    return series.astype(bool).to_numpy()


def _estimate(mean: float, variance: float, n: int, df: int, level: float) -> Estimate:
    se = math.sqrt(max(variance, 0.0))
    q = _z_quantile(level)
    return Estimate(estimate=mean, se=se, ci_low=mean - q * se, ci_high=mean + q * se, n=n, df=df)


# ----------------------------------------------------------------------------------------------
# means and proportions


def svymean(
    y: Any, w: Any, cluster: Any = None, *, domain: Any = None, level: float = 0.95
) -> Estimate:
    """Weighted mean of ``y`` with its linearisation SE: R's ``svymean(~y, des, na.rm = TRUE)``.

    Missing values of ``y`` are left out as R's ``na.rm = TRUE`` does: they stay in the design
    with weight zero (a domain estimate). ``domain`` (boolean, one per row) restricts the estimate
    to a subpopulation with the same rule (R's ``svymean(~y, subset(des, domain))``).
    """
    values = _as_float_array(y, "y")
    design = _design(w, cluster, len(values))
    used = ~np.isnan(values) & _domain_mask(domain, len(values))
    mean, z = _mean_influence(values, used, design)
    variance = float(_vcov(z[:, None], design)[0, 0])
    return _estimate(mean, variance, int(used.sum()), design.degf(used), level)


def svyprop(
    indicator: Any, w: Any, cluster: Any = None, *, domain: Any = None, level: float = 0.95
) -> Estimate:
    """Weighted proportion (0-1) of a 0/1 indicator; missing values are left out as in
    :func:`svymean`."""
    values = _as_float_array(indicator, "indicator")
    observed = values[~np.isnan(values)]
    if not np.isin(observed, (0.0, 1.0)).all():
        bad = sorted(set(observed[~np.isin(observed, (0.0, 1.0))].tolist()))[:5]
        raise SurveyError(f"indicator must contain only 0, 1 or missing; found {bad}")
    return svymean(values, w, cluster, domain=domain, level=level)


def svyciprop(
    indicator: Any, w: Any, cluster: Any = None, *, domain: Any = None, level: float = 0.95
) -> Estimate:
    """Weighted proportion (0-1) with a logit interval: R's
    ``svyciprop(~y, subset(des, domain & !is.na(y)), method = "logit")``.

    Estimate and SE are those of :func:`svyprop`. The interval is computed on the logit scale and
    transformed back, so it always lies within [0, 1]::

        expit(logit(p) -/+ t_{df} * se / (p (1 - p)))

    with ``df`` the degrees of freedom of the domain's rows with an observed value (R's default
    ``df = degf(design)``; the ``svyglm(family = quasibinomial)`` SE of ``logit(p)`` R uses is
    exactly ``se / (p (1 - p))``). With ``p`` equal to 0 or 1 the SE is zero and R's interval
    collapses onto ``p``; it does so here as well. With ``df`` 0 (one PSU) the bounds are NaN, as
    R's ``confint.svyglm`` gives for ``ddf <= 0``.
    """
    values = _as_float_array(indicator, "indicator")
    est = svyprop(values, w, cluster, domain=domain, level=level)
    p, se, df = est.estimate, est.se, est.df
    if df <= 0 or math.isnan(se):
        low = high = math.nan
    elif p <= 0 or p >= 1 or se == 0:
        low = high = p
    else:
        q = distributions.t_ppf(0.5 + level / 2, df)
        centre = math.log(p / (1 - p))
        half = q * se / (p * (1 - p))
        low, high = _expit(centre - half), _expit(centre + half)
    return Estimate(estimate=p, se=se, ci_low=low, ci_high=high, n=est.n, df=df)


def _expit(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def svymean_categories(
    x: Any,
    w: Any,
    cluster: Any = None,
    *,
    domain: Any = None,
    levels: Sequence[Hashable] | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Distribution of a categorical variable: R's ``svymean(~factor(x), des, na.rm = TRUE)``.

    Returns one row per category (``levels`` order, default sorted observed values) with columns
    ``category``, ``estimate`` (proportion 0-1), ``se``, ``ci_low``, ``ci_high``, ``n``. The
    covariance matrix of the proportions is in ``result.attrs["vcov"]``. Rows with a missing
    category are left out as a domain (``na.rm = TRUE``).
    """
    series = pd.Series(x).reset_index(drop=True)
    design = _design(w, cluster, len(series))
    used = series.notna().to_numpy() & _domain_mask(domain, len(series))
    if levels is None:
        levels = sorted(series[used].unique().tolist())
    levels = list(levels)
    unknown = set(series[used].unique().tolist()) - set(levels)
    if unknown:
        raise SurveyError(f"categories {sorted(map(str, unknown))} are not in levels {levels}")
    weights = np.where(used, design.weights, 0.0)
    total = weights.sum()
    if total <= 0:
        raise SurveyError("no rows with a positive weight to estimate from")
    indicators = np.column_stack(
        [(series == lev).fillna(False).to_numpy(dtype=bool) & used for lev in levels]
    ).astype(float)
    props = (weights[:, None] * indicators).sum(axis=0) / total
    z = weights[:, None] * (indicators - props) / total
    vcov = _vcov(z, design)
    se = np.sqrt(np.clip(np.diag(vcov), 0, None))
    q = _z_quantile(level)
    out = pd.DataFrame(
        {
            "category": levels,
            "estimate": props,
            "se": se,
            "ci_low": props - q * se,
            "ci_high": props + q * se,
            "n": indicators.sum(axis=0).astype(int),
        }
    )
    out.attrs["vcov"] = pd.DataFrame(vcov, index=levels, columns=levels)
    out.attrs["df"] = design.degf(used)
    return out


def svyby(
    y: Any,
    by: Any,
    w: Any,
    cluster: Any = None,
    *,
    levels: Sequence[Hashable] | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Domain means of ``y`` per value of ``by``: R's ``svyby(~y, ~by, des, svymean, na.rm =
    TRUE)``.

    Each domain is estimated over the full design (zero influence outside the domain, all clusters
    counted). Rows with a missing ``by`` belong to no domain. Returns columns ``by``, ``estimate``,
    ``se``, ``ci_low``, ``ci_high``, ``n``, ``df``; the covariance matrix of the domain means
    (R's ``covmat = TRUE``) is in ``result.attrs["vcov"]``.
    """
    values = _as_float_array(y, "y")
    groups = pd.Series(by).reset_index(drop=True)
    if len(groups) != len(values):
        raise SurveyError(f"by has {len(groups)} values, y has {len(values)}")
    design = _design(w, cluster, len(values))
    if levels is None:
        levels = sorted(groups.dropna().unique().tolist())
    rows, zs = [], []
    q = _z_quantile(level)
    for lev in levels:
        used = (groups == lev).fillna(False).to_numpy(dtype=bool) & ~np.isnan(values)
        mean, z = _mean_influence(values, used, design)
        zs.append(z)
        rows.append({"by": lev, "estimate": mean, "n": int(used.sum()), "df": design.degf(used)})
    vcov = _vcov(np.column_stack(zs), design)
    out = pd.DataFrame(rows)
    out["se"] = np.sqrt(np.clip(np.diag(vcov), 0, None))
    out["ci_low"] = out["estimate"] - q * out["se"]
    out["ci_high"] = out["estimate"] + q * out["se"]
    out = out[["by", "estimate", "se", "ci_low", "ci_high", "n", "df"]]
    out.attrs["vcov"] = pd.DataFrame(vcov, index=list(levels), columns=list(levels))
    return out


# ----------------------------------------------------------------------------------------------
# differences


def _t_test(
    estimate_ref: float,
    estimate_other: float,
    se: float,
    df: float,
    reference: Hashable,
    other: Hashable,
    level: float,
) -> DifferenceTest:
    diff = estimate_other - estimate_ref
    statistic = diff / se if se > 0 else (math.copysign(math.inf, diff) if diff != 0 else math.nan)
    if df > 0:
        p = 2 * distributions.t_sf(abs(statistic), df) if not math.isnan(statistic) else math.nan
        q = distributions.t_ppf(0.5 + level / 2, df)
    else:
        p, q = math.nan, math.nan
    return DifferenceTest(
        reference=reference,
        other=other,
        estimate_reference=estimate_ref,
        estimate_other=estimate_other,
        difference=diff,
        se=se,
        statistic=statistic,
        df=df,
        p=p,
        ci_low=diff - q * se,
        ci_high=diff + q * se,
    )


def svyttest_groups(
    y: Any,
    group: Any,
    w: Any,
    cluster: Any = None,
    *,
    reference: Hashable | None = None,
    other: Hashable | None = None,
    level: float = 0.95,
) -> DifferenceTest:
    """Difference between the means of two domains of one design (same measurement year).

    ``difference = mean(other) - mean(reference)``. The SE comes from the influence values of the
    two domain means, ``z_other - z_reference``, over the full design (R's
    ``svycontrast(svyby(~y, ~group, des, svymean, covmat = TRUE), c(-1, 1))``), which equals the
    SE of the group coefficient of R's ``svyttest(y ~ group, subset(des, group %in% c(a, b)))``.
    The test is that ``svyttest``: t distribution with ``df`` = clusters with used rows in the two
    domains minus 2 (``svyglm``'s residual df: ``degf + 1 - 2`` coefficients), two-sided; the
    interval uses the same t quantile (``confint.svyglm``). Without ``reference``/``other`` the
    group must have exactly two values; the sorted first is the reference, as R's factor coding.
    """
    values = _as_float_array(y, "y")
    groups = pd.Series(group).reset_index(drop=True)
    if len(groups) != len(values):
        raise SurveyError(f"group has {len(groups)} values, y has {len(values)}")
    design = _design(w, cluster, len(values))
    if reference is None or other is None:
        present = sorted(groups[~np.isnan(values)].dropna().unique().tolist())
        if len(present) != 2:
            raise SurveyError(
                "group must have exactly two values (or pass reference= and other=); found "
                f"{present}"
            )
        reference, other = present
    if reference == other:
        raise SurveyError("reference and other must differ")
    in_ref = (groups == reference).fillna(False).to_numpy(dtype=bool) & ~np.isnan(values)
    in_other = (groups == other).fillna(False).to_numpy(dtype=bool) & ~np.isnan(values)
    mean_ref, z_ref = _mean_influence(values, in_ref, design)
    mean_other, z_other = _mean_influence(values, in_other, design)
    variance = float(_vcov((z_other - z_ref)[:, None], design)[0, 0])
    df = design.degf(in_ref | in_other) + 1 - 2
    return _t_test(mean_ref, mean_other, math.sqrt(max(variance, 0.0)), df, reference, other, level)


def svyttest_independent(
    reference: Estimate,
    other: Estimate,
    *,
    labels: tuple[Hashable, Hashable] = ("reference", "other"),
    level: float = 0.95,
) -> DifferenceTest:
    """Difference between estimates from independent samples (two measurement years).

    ``difference = other - reference``, ``se = sqrt(se_ref^2 + se_other^2)``: the samples are
    drawn independently (different schools), so there is no covariance. This is exactly R's
    ``svyttest(y ~ year, des2)`` on the stacked data with the year as stratum,
    ``svydesign(ids = ~school, strata = ~year, weights = ~w)``; its df is that design's
    ``degf + 1 - 2`` = ``df_ref + df_other - 1`` (clusters of both years minus 3), and the test
    uses the t distribution with that df.
    """
    se = math.sqrt(reference.se**2 + other.se**2)
    df = reference.df + other.df - 1
    return _t_test(reference.estimate, other.estimate, se, df, labels[0], labels[1], level)


def svyttest_samples(
    y_reference: Any,
    w_reference: Any,
    cluster_reference: Any,
    y_other: Any,
    w_other: Any,
    cluster_other: Any,
    *,
    labels: tuple[Hashable, Hashable] = ("reference", "other"),
    level: float = 0.95,
) -> DifferenceTest:
    """:func:`svyttest_independent` computed from the two samples' data (each its own design)."""
    return svyttest_independent(
        svymean(y_reference, w_reference, cluster_reference),
        svymean(y_other, w_other, cluster_other),
        labels=labels,
        level=level,
    )


# ----------------------------------------------------------------------------------------------
# Rao-Scott chi-square


def rao_scott_chisq(x: Any, y: Any, w: Any, cluster: Any = None) -> ChisqResult:
    """Rao-Scott adjusted test of independence of two categorical variables.

    Reproduces R's ``svychisq(~x + y, des)`` (``statistic = "F"``, the default) and
    ``statistic = "Chisq"`` step by step:

    * ``N`` = number of rows of the design (all rows, also those with a missing x or y);
    * Pearson X^2 of the weighted table of the complete rows, rescaled to total ``N``;
    * ``p`` = weighted cell proportions (``svymean`` of the cell indicators with rows missing x or
      y left out as a domain) and their linearisation covariance ``V``;
    * ``C`` = a basis of the interaction contrasts (orthogonal complement of the main effects);
      ``Delta = (C' D^-1 C / N)^-1 C' D^-1 V D^-1 C`` with ``D = diag(p)`` (empty cells get 0);
    * F = X^2 / trace(Delta) with ``ndf = d0``, ``ddf = d0 * nu``, ``d0 = tr(Delta)^2 /
      tr(Delta^2)``
      and ``nu`` = clusters - 1 of the full design;
    * Chisq: X^2 / mean(eigenvalues of Delta) against chi-square with ``(r-1)(c-1)`` df.

    Categories are the values present among the complete rows (sorted).
    """
    xs = pd.Series(x).reset_index(drop=True)
    ys = pd.Series(y).reset_index(drop=True)
    design = _design(w, cluster, len(xs))
    if len(ys) != len(xs):
        raise SurveyError(f"x has {len(xs)} values, y has {len(ys)}")
    complete = (xs.notna() & ys.notna()).to_numpy()
    row_levels = sorted(xs[complete].unique().tolist())
    col_levels = sorted(ys[complete].unique().tolist())
    nr, nc = len(row_levels), len(col_levels)
    if nr < 2 or nc < 2:
        raise SurveyError(f"both variables need at least two categories; found {nr} and {nc}")
    n_total = len(xs)
    nu = design.n_clusters - design.n_strata

    # cell indicators, rows varying fastest (R: interaction(factor(x), factor(y)))
    cells = []
    for cl in col_levels:
        for rl in row_levels:
            cells.append(((xs == rl) & (ys == cl)).fillna(False).to_numpy(dtype=bool) & complete)
    indicators = np.column_stack(cells).astype(float)
    weights = np.where(complete, design.weights, 0.0)
    total = weights.sum()
    if total <= 0:
        raise SurveyError("no complete rows with a positive weight")
    props = (weights[:, None] * indicators).sum(axis=0) / total
    z = weights[:, None] * (indicators - props) / total
    vcov = _vcov(z, design)

    # Pearson X^2 on the weighted table rescaled to N
    table = props.reshape(nc, nr).T * n_total  # rows x cols
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pearson = float(np.sum((table - expected) ** 2 / expected))

    # interaction contrasts: residuals of X12's interaction columns on the main-effects X1
    rows_idx = np.tile(np.arange(nr), nc)
    cols_idx = np.repeat(np.arange(nc), nr)
    row_dummies = np.column_stack([(rows_idx == i).astype(float) for i in range(1, nr)])
    col_dummies = np.column_stack([(cols_idx == j).astype(float) for j in range(1, nc)])
    x1 = np.column_stack([np.ones(nr * nc), row_dummies, col_dummies])
    inter = np.column_stack(
        [row_dummies[:, i] * col_dummies[:, j] for j in range(nc - 1) for i in range(nr - 1)]
    )
    beta, *_ = np.linalg.lstsq(x1, inter, rcond=None)
    cmat = inter - x1 @ beta
    inv_d = np.diag(np.where(props == 0, 0.0, 1.0 / np.where(props == 0, 1.0, props)))
    denom = cmat.T @ (inv_d / n_total) @ cmat
    numr = cmat.T @ inv_d @ vcov @ inv_d @ cmat
    delta = np.linalg.solve(denom, numr)
    trace = float(np.trace(delta))
    d0 = trace**2 / float(np.trace(delta @ delta))
    f_stat = pearson / trace
    p_f = distributions.f_sf(f_stat, d0, d0 * nu)
    chisq_df = (nr - 1) * (nc - 1)
    chisq_adjusted = pearson / (trace / delta.shape[1])
    p_chisq = distributions.chi2_sf(chisq_adjusted, chisq_df)
    eigen = np.sort(np.linalg.eigvals(delta).real)[::-1]
    table_frame = pd.DataFrame(props.reshape(nc, nr).T, index=row_levels, columns=col_levels)
    return ChisqResult(
        statistic=f_stat,
        ndf=d0,
        ddf=d0 * nu,
        p=p_f,
        pearson=pearson,
        chisq_adjusted=chisq_adjusted,
        chisq_df=chisq_df,
        chisq_p=p_chisq,
        design_effects=eigen,
        table=table_frame,
    )


# ----------------------------------------------------------------------------------------------
# regression


def significance_stars(p: float) -> str:
    """The report's stars: '*' p < .05, '**' p < .01, '***' p < .005; '' otherwise or for NaN."""
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return ""
    for threshold, stars_ in STAR_THRESHOLDS:
        if p < threshold:
            return stars_
    return ""


def _weighted_sd(values: np.ndarray, weights: np.ndarray) -> float:
    mean = np.sum(weights * values) / np.sum(weights)
    return float(np.sqrt(np.sum(weights * (values - mean) ** 2) / np.sum(weights)))


def _design_matrix_from_formula(
    formula: str, data: pd.DataFrame
) -> tuple[np.ndarray, pd.DataFrame]:
    try:
        import patsy
    except ImportError as exc:  # pragma: no cover - patsy is a statsmodels dependency
        raise SurveyError(
            "formulas need the 'patsy' package; pass a predictor frame instead"
        ) from exc
    if not data.index.is_unique:
        raise SurveyError("data must have a unique index")
    # patsy drops incomplete rows; reindexing puts them back as NaN so that they stay in the design
    y_frame, x_frame = patsy.dmatrices(formula, data, NA_action="drop", return_type="dataframe")
    if y_frame.shape[1] != 1:
        raise SurveyError(
            f"the formula must have one numeric outcome, got columns {list(y_frame.columns)}"
        )
    x_frame = (
        x_frame.rename(columns={"Intercept": "(Intercept)"})
        .reindex(data.index)
        .reset_index(drop=True)
    )
    y_values = y_frame.iloc[:, 0].reindex(data.index).to_numpy(dtype=float)
    return y_values, x_frame


def _column_or_values(data: pd.DataFrame | None, value: Any) -> Any:
    """``data[value]`` when ``value`` names a column of ``data``, else ``value``."""
    return data[value].to_numpy() if data is not None and isinstance(value, str) else value


def _regression_inputs(
    X: pd.DataFrame | str, y: Any, w: Any, cluster: Any, data: pd.DataFrame | None, intercept: bool
) -> tuple[np.ndarray, pd.DataFrame, Any, Any]:
    """Outcome, predictor frame (with ``(Intercept)``), weights or design, clusters."""
    if isinstance(X, str):
        if data is None:
            raise SurveyError("a formula needs data=")
        if y is not None:
            raise SurveyError("with a formula the outcome comes from the formula; do not pass y")
        yv, x_frame = _design_matrix_from_formula(X, data)
    else:
        if y is None:
            raise SurveyError("pass the outcome y")
        x_frame = pd.DataFrame(X).reset_index(drop=True).astype("float64")
        if intercept:
            if "(Intercept)" in x_frame.columns:
                raise SurveyError("X already has a column '(Intercept)'")
            x_frame.insert(0, "(Intercept)", 1.0)
        yv = _as_float_array(_column_or_values(data, y), "y")
    w, cluster = _column_or_values(data, w), _column_or_values(data, cluster)
    if w is None or (cluster is None and not isinstance(w, SurveyDesign)):
        raise SurveyError("pass a SurveyDesign as w, or w and cluster")
    return yv, x_frame, w, cluster


def _r_squared(
    yu: np.ndarray, wu: np.ndarray, resid: np.ndarray, xu: np.ndarray
) -> tuple[float, float]:
    """Weighted R^2 and adjusted R^2 of R's ``summary(lm(..., weights = w))``."""
    n_used, k = xu.shape
    sse = float(np.sum(wu * resid**2))
    if any(np.ptp(xu[:, j]) == 0 for j in range(k)):  # with an intercept
        ybar = np.sum(wu * yu) / np.sum(wu)
        r2 = 1 - sse / float(np.sum(wu * (yu - ybar) ** 2))
        return r2, 1 - (1 - r2) * (n_used - 1) / (n_used - k)
    r2 = 1 - sse / float(np.sum(wu * yu**2))
    return r2, 1 - (1 - r2) * n_used / (n_used - k)


def svyglm_gaussian(
    X: pd.DataFrame | str,
    y: Any = None,
    w: Any = None,
    cluster: Any = None,
    *,
    data: pd.DataFrame | None = None,
    intercept: bool = True,
    level: float = 0.95,
) -> RegressionResult:
    """Linear regression with design-based SEs: R's ``svyglm(y ~ ..., des)`` (gaussian).

    ``X`` is either a frame of numeric predictors (one column per coefficient; an intercept
    column ``(Intercept)`` is added unless ``intercept=False``) with ``y`` the outcome, or a
    patsy formula such as ``"y ~ age + C(func) + wtf + I(wtf**2) + C(func):wtf"`` evaluated in
    ``data`` (then ``y`` is not given). ``w``/``cluster`` are arrays, or column names of ``data``.

    Rows with a missing outcome or predictor are left out (listwise) but stay in the design with
    weight zero, as R does (``design[-na.action, ]``): all clusters count for the variance, only
    clusters with used rows count for ``df_residual = clusters_used - n_coefficients``.

    * ``B``: weighted least squares estimates; ``SE``: linearisation (sandwich) SEs equal to R's.
    * ``t = B / SE``; ``p`` two-sided from t with ``df_residual`` (``summary.svyglm``).
    * ``ci_low``/``ci_high``: ``B -/+ t_{df}(0.975) SE`` (``confint.svyglm``, method "Wald").
    * ``Beta = B * sd_w(x) / sd_w(y)`` with ``sd_w`` the weighted standard deviation over the rows
      used, ``sqrt(sum w (x - xbar_w)^2 / sum w)``; the ratio is the same for any denominator
      convention (``sum w``, ``sum w - 1``, ``n - 1``), so it equals the Beta of a weighted
      regression on standardised variables (SPSS's 'Beta' with WEIGHT BY). Product terms
      (squares, interactions) are standardised as their own columns, as in the report's tables.
    * ``r2``/``adj_r2``: weighted ``R^2 = 1 - SSE_w / SST_w`` and
      ``1 - (1 - R^2)(n - 1)/(n - k)`` with ``n`` rows used and ``k`` coefficients including the
      intercept (R's ``summary(lm(..., weights = w))$adj.r.squared``).
    """
    yv, x_frame, w, cluster = _regression_inputs(X, y, w, cluster, data, intercept)
    xm = x_frame.to_numpy(dtype=float)
    if len(yv) != xm.shape[0]:
        raise SurveyError(f"y has {len(yv)} values, X has {xm.shape[0]} rows")
    design = _design(w, cluster, len(yv))
    used = ~np.isnan(yv) & ~np.isnan(xm).any(axis=1)
    n_used = int(used.sum())
    k = xm.shape[1]
    if n_used <= k:
        raise SurveyError(f"only {n_used} complete rows for {k} coefficients")
    wu = design.weights[used]
    xu, yu = xm[used], yv[used]
    xtwx = xu.T @ (wu[:, None] * xu)
    if np.linalg.matrix_rank(xtwx) < k:
        raise SurveyError(
            f"the predictors are collinear (rank {np.linalg.matrix_rank(xtwx)} < {k} columns "
            f"{list(x_frame.columns)})"
        )
    ainv = np.linalg.inv(xtwx)
    beta = ainv @ (xu.T @ (wu * yu))
    resid = yu - xu @ beta
    estfun = np.zeros_like(xm)
    estfun[used] = xu * (wu * resid)[:, None]
    vcov = _vcov(estfun @ ainv, design)
    se = np.sqrt(np.clip(np.diag(vcov), 0, None))
    df_res = design.degf(used) + 1 - k
    tvals = beta / se
    pvals = 2 * distributions.t_sf(np.abs(tvals), df_res) if df_res > 0 else np.full(k, np.nan)
    q = distributions.t_ppf(0.5 + level / 2, df_res) if df_res > 0 else np.nan
    sd_y = _weighted_sd(yu, wu)
    betas = np.array(
        [
            np.nan if np.ptp(xu[:, j]) == 0 else beta[j] * _weighted_sd(xu[:, j], wu) / sd_y
            for j in range(k)
        ]
    )
    r2, adj = _r_squared(yu, wu, resid, xu)
    names = list(x_frame.columns)
    table = pd.DataFrame(
        {
            "B": beta,
            "SE": se,
            "t": tvals,
            "p": pvals,
            "ci_low": beta - q * se,
            "ci_high": beta + q * se,
            "Beta": betas,
        },
        index=pd.Index(names, name="term"),
    )
    table["stars"] = [significance_stars(float(p)) for p in table["p"]]
    return RegressionResult(
        table=table,
        vcov=pd.DataFrame(vcov, index=names, columns=names),
        df_residual=int(df_res),
        n=n_used,
        n_clusters=design.n_clusters,
        r2=float(r2),
        adj_r2=float(adj),
    )
