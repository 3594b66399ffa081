"""The scale means of every measurement: what the scale scores are steered to.

For each scale and measurement the generator needs a mean per function group, municipality
category and sector. Figuur 2.8-2.10 print them for regelmogelijkheden; Tekst H2.2 prints the
overall means to one decimal; for the other scales the report only states differences, changes
and their significance. :func:`scale_means` sets, for all measurements at once,

1. a base level per group (:data:`.story.SCALE_LEVELS`, with the changes of
   :data:`.story.SCALE_TRENDS`),
2. plus a draw per year in units of the group's standard error (like an independent sample),
3. projected onto what the report states (:data:`.story.SCALE_CLAIMS`: significant differences
   and changes at least :data:`CRITICAL_T` + a margin standard errors, stated non-differences at
   most :data:`CRITICAL_T` - the margin, orderings :data:`ORDER_T`; :func:`claim_margins`) and
   prints (each printed mean inside the interval that rounds to it), with the group means of a
   year consistent with one overall mean per year (a least-squares projection in standard-error
   units, so values no statement binds keep their draw).

Everything is computed from year-independent nominal quantities (the sample sizes of
:func:`.structure.year_targets` and population shares), so each year can be generated on its own
and gets the same numbers. The standard errors are nominal: :data:`SE_ROOT_N` of each kind of mean
over the square root of the group's sample size.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import optimize

from werkdruk_utils import measurements
from werkdruk_utils.synth import story, variation
from werkdruk_utils.synth import structure as st
from werkdruk_utils.synth import targets as tg
from werkdruk_utils.synth.context import ANALYSIS_GROUPS, MUNICIPALITIES, OOP, OVR, SECTORS

Key = tuple[str, str]
"""A marginal: (frame column, category), e.g. ("sector", "go")."""

FUNCTION = "analysis_group"
MUNICIPALITY = "municipality_category"
SECTOR = "sector"
OVERALL: Key = ("all", "totaal")
KEYS: tuple[Key, ...] = (
    tuple((FUNCTION, g) for g in ANALYSIS_GROUPS)
    + tuple((MUNICIPALITY, m) for m in MUNICIPALITIES)
    + tuple((SECTOR, s) for s in SECTORS)
)

CRITICAL_T = 1.96
"""|t| of a significant difference (two-sided 5%)."""
MARGINS: tuple[float, ...] = (0.7, 0.6, 0.5, 0.4, 0.3, 0.24)
"""Distances from :data:`CRITICAL_T` tried, largest first: a difference the report calls
significant is set to at least CRITICAL_T + margin (nominal) SEs, one it calls not significant (or
a mean it calls unchanged) to at most CRITICAL_T - margin; the largest margin under which all the
scale's statements can hold is used (:func:`scale_margin`)."""
MARGIN_ROOM = 0.02
"""Room kept inside the feasible margin for the least-squares projection."""
ORDER_T = 1.0
"""A ranking the report states ('het hoogst') is kept at least this many SEs apart."""
WITHIN_SCHOOL = 0.85
"""Factor on the SE of a difference between function groups of one year (they share schools, so
their means covary)."""

SE_ROOT_N: dict[str, dict[Key, float]] = {
    "kwantitatieve_taakeisen": {
        OVERALL: 0.692,
        (FUNCTION, "schoolleider"): 0.764,
        (FUNCTION, "leraar"): 0.619,
        (FUNCTION, OOP): 0.667,
        (FUNCTION, OVR): 0.582,
        (MUNICIPALITY, "G4"): 0.639,
        (MUNICIPALITY, "G40"): 0.685,
        (MUNICIPALITY, "overig"): 0.698,
        (SECTOR, "bao"): 0.646,
        (SECTOR, "go"): 0.657,
    },
    "emotionele_belasting": {
        OVERALL: 0.576,
        (FUNCTION, "schoolleider"): 0.654,
        (FUNCTION, "leraar"): 0.522,
        (FUNCTION, OOP): 0.506,
        (FUNCTION, OVR): 0.422,
        (MUNICIPALITY, "G4"): 0.622,
        (MUNICIPALITY, "G40"): 0.614,
        (MUNICIPALITY, "overig"): 0.537,
        (SECTOR, "bao"): 0.514,
        (SECTOR, "go"): 0.719,
    },
    "moeilijkheidsgraad": {
        OVERALL: 0.711,
        (FUNCTION, "schoolleider"): 0.663,
        (FUNCTION, "leraar"): 0.533,
        (FUNCTION, OOP): 0.622,
        (FUNCTION, OVR): 0.595,
        (MUNICIPALITY, "G4"): 0.533,
        (MUNICIPALITY, "G40"): 0.668,
        (MUNICIPALITY, "overig"): 0.768,
        (SECTOR, "bao"): 0.655,
        (SECTOR, "go"): 0.749,
    },
    "regelmogelijkheden": {
        OVERALL: 0.341,
        (FUNCTION, "schoolleider"): 0.434,
        (FUNCTION, "leraar"): 0.285,
        (FUNCTION, OOP): 0.36,
        (FUNCTION, OVR): 0.278,
        (MUNICIPALITY, "G4"): 0.313,
        (MUNICIPALITY, "G40"): 0.354,
        (MUNICIPALITY, "overig"): 0.339,
        (SECTOR, "bao"): 0.316,
        (SECTOR, "go"): 0.35,
    },
}
"""SE x sqrt(n) of each mean (the spread of the scores, the weights, the clustering in schools),
as the project's design gives it on the generated data (measured over the three measurements;
``tests/integration/test_synthetic_calibration.py`` checks the nominal SEs against the data)."""

PRINTED_SOURCES: dict[str, str] = {
    FUNCTION: "Figuur 2.8",
    MUNICIPALITY: "Figuur 2.9",
    SECTOR: "Figuur 2.10",
}
PRINTED_LABELS: dict[Key, str] = {
    (FUNCTION, "schoolleider"): "Schoolleider",
    (FUNCTION, "leraar"): "Leraar",
    (FUNCTION, OOP): "Onderwijsondersteunend personeel",
    (FUNCTION, OVR): "Overig ondersteunend personeel",
    (MUNICIPALITY, "G4"): "G4",
    (MUNICIPALITY, "G40"): "G40",
    (MUNICIPALITY, "overig"): "Overig",
    (SECTOR, "bao"): "bao",
    (SECTOR, "go"): "go",
}
PRINTED_CATEGORY = "schaalscore"
MODEL_TABLES: dict[str, str] = {
    "kwantitatieve_taakeisen": "Tabel B2.1",
    "emotionele_belasting": "Tabel B2.2",
    "moeilijkheidsgraad": "Tabel B2.3",
    "regelmogelijkheden": "Tabel B2.4",
}
"""The regression table of each scale (Bijlage 2)."""
OVERALL_TEXT: dict[str, str] = {
    "kwantitatieve_taakeisen": "Kwantitatieve taakeisen",
    "emotionele_belasting": "Emotionele belasting",
    "moeilijkheidsgraad": "Moeilijkheidsgraad",
    "regelmogelijkheden": "Regelmogelijkheden",
}


class MeansError(RuntimeError):
    """The statements of the report cannot all hold for the scale means."""


@dataclass(frozen=True)
class Nominal:
    """Year-independent description of one measurement: population share and sample size per
    marginal."""

    share: dict[Key, float]
    n: dict[Key, float]


@functools.cache
def nominal(year: int) -> Nominal:
    """Shares (weighted, as the cell weights make them) and sample sizes of every marginal."""
    targets = st.year_targets(year)
    population = _population_shares()
    share: dict[Key, float] = {}
    n: dict[Key, float] = {}
    oop_share = _oop_share_of_overig()
    for s in SECTORS:
        share[(SECTOR, s)] = sum(v for (sec, _), v in population.items() if sec == s)
        n[(SECTOR, s)] = float(sum(v for (sec, _), v in targets.cells.items() if sec == s))
    for group, wgroup, part in (
        ("schoolleider", "schoolleider", 1.0),
        ("leraar", "leerkracht", 1.0),
        (OOP, "overig", oop_share),
        (OVR, "overig", 1.0 - oop_share),
    ):
        share[(FUNCTION, group)] = part * sum(v for (_, g), v in population.items() if g == wgroup)
        n[(FUNCTION, group)] = part * sum(v for (_, g), v in targets.cells.items() if g == wgroup)
    municipality = st.published_shares("Tabel B1.3", "Respons")
    for m in MUNICIPALITIES:
        share[(MUNICIPALITY, m)] = float(municipality[m])
        n[(MUNICIPALITY, m)] = float(municipality[m]) * targets.n_respondents
    share[OVERALL] = 1.0
    n[OVERALL] = float(targets.n_respondents)
    return Nominal(share=share, n=n)


@functools.cache
def _population_shares() -> dict[tuple[str, str], float]:
    from werkdruk_utils.stats.weighting import load_weighting_population

    frame = load_weighting_population()
    latest = frame
    if "measurement_year" in frame.columns:
        latest = frame[frame["measurement_year"] == frame["measurement_year"].max()]
    total = float(latest["population_n"].sum())
    return {
        (str(r.sector), str(r.weighting_group)): float(r.population_n) / total
        for r in latest.itertuples()
    }


@functools.cache
def _oop_share_of_overig() -> float:
    """Expected share of onderwijsondersteunend personeel among the 'overig' weighting group: the
    assumed function mix of :data:`.structure.OVERIG_WEIGHTS` per sector, weighted by the sectors'
    population in that group."""
    from werkdruk_utils.synth import function_map, load_codebook

    groups = function_map(load_codebook())
    population = _population_shares()
    total = sum(population[(s, "overig")] for s in SECTORS)
    share = 0.0
    for s in SECTORS:
        weights = {
            code: w
            for code, w in st.OVERIG_WEIGHTS[s].items()
            if groups.get(code, ("", ""))[1] == "overig"
        }
        oop = sum(w for code, w in weights.items() if groups[code][0] == OOP)
        share += population[(s, "overig")] / total * oop / sum(weights.values())
    return share


def nominal_se(scale: str, key: Key, year: int) -> float:
    """Nominal SE of the mean of ``key`` in ``year``."""
    n = nominal(year).n[key]
    return SE_ROOT_N[scale][key] / math.sqrt(max(n, 1.0))


def printed_means(scale: str, year: int) -> dict[Key, float]:
    """The means the report prints for ``scale`` in ``year`` (only regelmogelijkheden; none for a
    measurement the report does not cover)."""
    if scale != "regelmogelijkheden":
        return {}
    out = {}
    for key, label in PRINTED_LABELS.items():
        if year not in tg.years_with(PRINTED_SOURCES[key[0]]):
            continue
        value = tg.pick_optional(
            PRINTED_SOURCES[key[0]],
            year,
            PRINTED_CATEGORY,
            group=label,
            statistic="mean",
            nearest=False,
        )
        if value is not None:
            out[key] = value
    return out


def _years() -> tuple[int, ...]:
    return tuple(measurements.years())


@functools.cache
def scale_means(scale: str, seed: int) -> dict[int, dict[Key, float]]:
    """Mean per marginal (and :data:`OVERALL`) per measurement for ``scale`` (see the module
    docstring)."""
    years = _years()
    index = {(y, k): i for i, (y, k) in enumerate((y, k) for y in years for k in KEYS)}
    x0 = np.zeros(len(index))
    scale_se = np.zeros(len(index))
    lower = np.full(len(index), -np.inf)
    upper = np.full(len(index), np.inf)
    model_years = set(tg.years_with(MODEL_TABLES[scale]))
    for (year, key), i in index.items():
        se = nominal_se(scale, key, year)
        level = story.scale_level(scale, key, year)
        # in the year of Bijlage 2 the function means follow the published model (no draw)
        z = 0.0 if key[0] == FUNCTION and year in model_years else 1.0
        x0[i] = level + z * variation.standard_normal(seed, f"mean|{scale}|{key}", year) * se
        scale_se[i] = se
    for year in years:
        for key, value in printed_means(scale, year).items():
            lo, hi = tg.printed_band(PRINTED_SOURCES[key[0]], value, "mean")
            lower[index[(year, key)]], upper[index[(year, key)]] = lo, hi
            x0[index[(year, key)]] = variation.printed_point(
                seed, f"mean|{scale}|{key}", year, value, 0.005
            )
    rows, bounds = _constraints(scale, years, index, claim_margins(scale))
    equalities = _consistency(years, index)
    overall_rows, overall_bounds = _overall_bands(scale, years, index)
    rows += overall_rows
    bounds += overall_bounds
    x = _project(x0, scale_se, rows, bounds, equalities, lower, upper, scale)
    out: dict[int, dict[Key, float]] = {}
    for year in years:
        values = {key: float(x[index[(year, key)]]) for key in KEYS}
        shares = nominal(year).share
        values[OVERALL] = sum(
            shares[(FUNCTION, g)] * values[(FUNCTION, g)] for g in ANALYSIS_GROUPS
        )
        out[year] = values
    return out


@functools.cache
def claim_margins(scale: str) -> tuple[float, ...]:
    """A margin per statement of :data:`.story.SCALE_CLAIMS` (same order): the largest of
    :data:`MARGINS` under which all statements can hold together, then, statement by statement,
    the largest under which it can hold while the others keep theirs (a statement no other binds
    gets a wide margin; linear feasibility problems). Each less :data:`MARGIN_ROOM`, the room the
    projection needs."""
    claims = story.SCALE_CLAIMS.get(scale, ())
    common = next((m for m in MARGINS if _feasible(scale, [m] * len(claims))), MARGINS[-1])
    margins = [common] * len(claims)
    for i in range(len(claims)):
        for m in MARGINS:
            if m <= common:
                break
            trial = margins[:i] + [m] + margins[i + 1 :]
            if _feasible(scale, trial):
                margins = trial
                break
    return tuple(m - MARGIN_ROOM for m in margins)


def scale_margin(scale: str) -> float:
    """The smallest margin of any statement about ``scale`` (:func:`claim_margins`)."""
    margins = claim_margins(scale)
    return min(margins) if margins else MARGINS[0] - MARGIN_ROOM


def _feasible(scale: str, margins: Sequence[float]) -> bool:
    """Whether every statement can hold with these margins (and the printed means in their
    bands, the means consistent per year)."""
    years = _years()
    index = {(y, k): i for i, (y, k) in enumerate((y, k) for y in years for k in KEYS)}
    lower = np.full(len(index), -np.inf)
    upper = np.full(len(index), np.inf)
    for year in years:
        for key, value in printed_means(scale, year).items():
            lower[index[(year, key)]], upper[index[(year, key)]] = tg.printed_band(
                PRINTED_SOURCES[key[0]], value, "mean"
            )
    equalities = np.array(_consistency(years, index))
    rows, bounds = _constraints(scale, years, index, margins)
    more_rows, more_bounds = _overall_bands(scale, years, index)
    a_ub, b_ub = [], []
    for row, (lo, hi) in zip(rows + more_rows, bounds + more_bounds, strict=True):
        if np.isfinite(hi):
            a_ub.append(row)
            b_ub.append(hi)
        if np.isfinite(lo):
            a_ub.append(-row)
            b_ub.append(-lo)
    result = optimize.linprog(
        np.zeros(len(index)),
        A_ub=np.array(a_ub) if a_ub else None,
        b_ub=np.array(b_ub) if b_ub else None,
        A_eq=equalities,
        b_eq=np.zeros(len(equalities)),
        bounds=list(zip(lower, upper, strict=True)),
    )
    return bool(result.status == 0)


def _overall_vector(year: int, index: dict[tuple[int, Key], int], size: int) -> np.ndarray:
    row = np.zeros(size)
    shares = nominal(year).share
    for g in ANALYSIS_GROUPS:
        row[index[(year, (FUNCTION, g))]] = shares[(FUNCTION, g)]
    return row


def _mean_vector(year: int, key: Key, index: dict[tuple[int, Key], int], size: int) -> np.ndarray:
    if key == OVERALL:
        return _overall_vector(year, index, size)
    row = np.zeros(size)
    row[index[(year, key)]] = 1.0
    return row


def _se(scale: str, key: Key, year: int) -> float:
    return nominal_se(scale, key, year)


def _constraints(
    scale: str,
    years: Sequence[int],
    index: dict[tuple[int, Key], int],
    margins: Sequence[float],
) -> tuple[list[np.ndarray], list[tuple[float, float]]]:
    """Rows a and bounds (lo, hi) with lo <= a @ x <= hi for every statement of the report (each
    with its margin)."""
    size = len(index)
    rows: list[np.ndarray] = []
    bounds: list[tuple[float, float]] = []
    for claim, margin in zip(story.SCALE_CLAIMS.get(scale, ()), margins, strict=True):
        kind, first, second, claim_years = claim[0], claim[1], claim[2], claim[3]
        present = [y for y in claim_years if y in years]
        if kind in ("stable", "change"):
            pairs = (
                [(a, b) for i, a in enumerate(present) for b in present[i + 1 :]]
                if kind == "stable"
                else [(present[0], present[-1])]
                if len(present) >= 2
                else []
            )
            for a, b in pairs:
                row = _mean_vector(b, first, index, size) - _mean_vector(a, first, index, size)
                se = math.hypot(_se(scale, first, a), _se(scale, first, b))
                rows.append(row)
                bounds.append(_interval(kind, claim[4] if len(claim) > 4 else 0, se, margin))
            continue
        for year in present:
            row = _mean_vector(year, first, index, size) - _mean_vector(year, second, index, size)
            se = math.hypot(_se(scale, first, year), _se(scale, second, year))
            if first[0] == second[0] == FUNCTION:
                se *= WITHIN_SCHOOL
            rows.append(row)
            bounds.append(_interval(kind, claim[4] if len(claim) > 4 else 0, se, margin))
    return rows, bounds


def _interval(kind: str, sign: int, se: float, margin: float) -> tuple[float, float]:
    """Bounds on a difference of means for one kind of statement."""
    if kind in ("stable", "same"):
        t = (CRITICAL_T - margin) * se
        return -t, t
    if kind in ("change", "above", "differ"):
        t = (CRITICAL_T + margin) * se
        return (t, np.inf) if sign >= 0 else (-np.inf, -t)
    if kind == "order":
        return ORDER_T * se, np.inf
    raise MeansError(f"unknown kind of statement {kind!r}")


def _consistency(years: Sequence[int], index: dict[tuple[int, Key], int]) -> list[np.ndarray]:
    """Per year: the municipality and sector means average to the overall mean."""
    size = len(index)
    rows = []
    for year in years:
        shares = nominal(year).share
        overall = _overall_vector(year, index, size)
        for column, categories in ((MUNICIPALITY, MUNICIPALITIES), (SECTOR, SECTORS)):
            total = sum(shares[(column, c)] for c in categories)
            row = -overall.copy()
            for c in categories:
                row[index[(year, (column, c))]] += shares[(column, c)] / total
            rows.append(row)
    return rows


def _overall_bands(
    scale: str, years: Sequence[int], index: dict[tuple[int, Key], int]
) -> tuple[list[np.ndarray], list[tuple[float, float]]]:
    """The overall mean inside the interval that rounds to Tekst H2.2 (one decimal)."""
    rows, bounds = [], []
    for year in years:
        if year not in tg.years_with("Tekst H2.2"):
            continue
        value = tg.pick_optional(
            "Tekst H2.2", year, OVERALL_TEXT[scale], statistic="mean", nearest=False
        )
        if value is None:
            continue
        rows.append(_overall_vector(year, index, len(index)))
        bounds.append(tg.printed_band("Tekst H2.2", value, "mean"))
    return rows, bounds


def _project(
    x0: np.ndarray,
    se: np.ndarray,
    rows: list[np.ndarray],
    bounds: list[tuple[float, float]],
    equalities: list[np.ndarray],
    lower: np.ndarray,
    upper: np.ndarray,
    scale: str,
) -> np.ndarray:
    """The point closest to ``x0`` (in SE units) inside every bound.

    Solved in SE units, y = (x - x0) / se: minimise |y|^2 under the linear constraints."""
    a = np.array(rows) * se[None, :] if rows else np.zeros((0, len(x0)))
    base = np.array(rows) @ x0 if rows else np.zeros(0)
    lo = np.array([b[0] for b in bounds]) - base if rows else np.zeros(0)
    hi = np.array([b[1] for b in bounds]) - base if rows else np.zeros(0)
    constraints = []
    finite_lo, finite_hi = np.isfinite(lo), np.isfinite(hi)
    if finite_lo.any():
        a_lo, b_lo = a[finite_lo], lo[finite_lo]
        constraints.append(
            {"type": "ineq", "fun": lambda y: a_lo @ y - b_lo, "jac": lambda y: a_lo}
        )
    if finite_hi.any():
        a_hi, b_hi = a[finite_hi], hi[finite_hi]
        constraints.append(
            {"type": "ineq", "fun": lambda y: b_hi - a_hi @ y, "jac": lambda y: -a_hi}
        )
    if equalities:
        e = np.array(equalities) * se[None, :]
        e0 = np.array(equalities) @ x0
        constraints.append({"type": "eq", "fun": lambda y: e @ y + e0, "jac": lambda y: e})
    box = [
        ((lw - x) / s if np.isfinite(lw) else None, (up - x) / s if np.isfinite(up) else None)
        for lw, up, x, s in zip(lower, upper, x0, se, strict=True)
    ]
    start = np.array(
        [
            min(max(0.0, b[0] if b[0] is not None else 0.0), b[1] if b[1] is not None else 0.0)
            for b in box
        ]
    )
    result = optimize.minimize(
        lambda y: float(y @ y),
        start,
        jac=lambda y: 2.0 * y,
        bounds=box,
        constraints=constraints,
        method="SLSQP",
        options={"maxiter": 1000, "ftol": 1e-12},
    )
    if not result.success:
        raise MeansError(f"{scale}: the report's statements cannot all hold ({result.message})")
    return x0 + np.asarray(result.x) * se


def measured_se_root_n(data_dir: str) -> dict[str, dict[Key, float]]:
    """SE x sqrt(n) of every scale mean on the data in ``data_dir`` (the project's design,
    averaged over the measurements): the values :data:`SE_ROOT_N` should hold."""
    from werkdruk_utils.inputs.codebook import load_codebook
    from werkdruk_utils.inputs.load import load_measurement
    from werkdruk_utils.stats import analysis
    from werkdruk_utils.stats.scales import scale_score

    codebook = load_codebook()
    sums: dict[str, dict[Key, list[float]]] = {s: {} for s in SE_ROOT_N}
    for year in _years():
        frame = load_measurement(year, data_dir).respondents
        for scale in SE_ROOT_N:
            score = scale_score(frame, codebook.scales[scale].items)
            for column in (None, FUNCTION, MUNICIPALITY, SECTOR):
                est = analysis.estimate(frame, score, statistic="mean", variable=scale, by=column)
                for row in est.itertuples():
                    key = OVERALL if column is None else (column, str(row.group))
                    sums[scale].setdefault(key, []).append(row.se * math.sqrt(row.n))
    return {
        s: {k: round(float(np.mean(v)), 3) for k, v in keys.items()} for s, keys in sums.items()
    }
