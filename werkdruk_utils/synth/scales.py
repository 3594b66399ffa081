"""Scale scores of the synthetic respondents (Q5 regelmogelijkheden, Q6 taakeisen), steered to
the scale means of :mod:`werkdruk_utils.synth.means` and to the regressions of Bijlage 2.

Model
-----
A latent score per respondent and scale: the linear predictor of Tabel B2.1-B2.4 (age code,
function dummies, werktijdfactor, its square, dummy x werktijdfactor interactions,
achterstandsscore; in 2024 the published coefficients, in the other years those plus a draw of one
published SE each, :func:`year_coefficients`) plus a school effect and individual noise, made
orthogonal to the predictors (weighted). Additive offsets by function group, municipality category
and sector are then solved by least squares so that the weighted means per group are the year's
means of :func:`.means.scale_means` (printed ones inside their rounding). Latent scores are rounded
to the item grid (each respondent's own grid: 1/k of the k answered items) with a fixed random
offset per respondent and a correction within fine cells (function group x sector x municipality
category x weighting group) that keeps every cell total; single scores are then moved one grid
step until every printed mean rounds to its printed value (:func:`_polish`). Items are spread
around the respondent's score (sum preserved, sometimes one item up and another down).

Choices where the report contradicts itself (EXTRACTION_NOTES.md)
-----------------------------------------------------------------
20. §2.2 'leerkrachten/OOP fewer regelmogelijkheden than schoolleiders' vs B2.4 (no star for the
    schoolleider main effect): the coefficients of B2.4 are used; the figure means (which show
    the difference) are met through the function offsets.
21. Borderline stars: the latent coefficients start from the published B (nudged so that
    B / published SE lies inside its star band) and are then corrected iteratively on exactly what
    the analysis sees: the final item-based scale scores (mean of the answered items, at least 2/3
    answered), the werktijdfactor as the loader parses it from the v3 text (frame column
    ``werktijdfactor_observed``; unparseable -> the respondent drops out), the v4 code as age, the
    bao-only achterstandsscore, complete cases, cell weights of all respondents, and the analysis'
    estimator (:func:`werkdruk_utils.stats.survey.svyglm_gaussian` with the year's design: schools
    within sector strata, weights post-stratified; t with the design's residual df).

    Every coefficient is steered to the value whose t lies well inside its star band (p limits
    .05 / .01 / .005 with that df, :data:`STAR_MARGIN` away from each limit), within
    :data:`MAX_DEVIATION_SE` published SE of the published B and on its side of 0
    (:func:`coefficient_window`); the pass that best meets the pattern is kept
    (:func:`_pattern_quality`). The function dummies are fixed by the function means, so a dummy
    and its interaction with the werktijdfactor are steered together (:func:`_steer_pinned`).

    The synthetic regression sample (about 1,000 complete cases) differs in size and composition
    from the report's: the residual spread per respondent is shaped so the design-based SEs follow
    the published ones (:func:`se_noise_scale`), corrected on the SEs of the scores on the item
    grid and with new draws of the noise where a pass misses (:func:`_model_year`). The adjusted
    R2 stays within :data:`R2_WINDOW` of the published one (it ends 0,03-0,04 above it: at the
    published R2 the SEs of this sample would be too large).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, sparse

from werkdruk_utils.stats import analysis, survey
from werkdruk_utils.synth import calibrate as cal
from werkdruk_utils.synth import means, variation
from werkdruk_utils.synth import targets as tg
from werkdruk_utils.synth.context import (
    ANALYSIS_GROUPS,
    MUNICIPALITIES,
    OOP,
    OVR,
    SECTORS,
    SL,
    AnswerContext,
    wvar,
)

SCALE_R2 = 0.08
"""Share of latent variance explained by the B2 predictors (published adj. R2 0,07-0,08; see note
21)."""
SCALE_R2_BY_SCALE: dict[str, float] = {"moeilijkheidsgraad": 0.10}
"""Exceptions to :data:`SCALE_R2`: Tabel B2.3 has a *** age effect (B 0,03, SE 0,012) that needs a
smaller residual SD in the smaller synthetic sample; its adj. R2 ends near 0,09-0,10 (published
0,07)."""
SCHOOL_VARIANCE_SHARE: dict[str, float] = {
    "kwantitatieve_taakeisen": 0.05,
    "emotionele_belasting": 0.05,
    "moeilijkheidsgraad": 0.15,
    "regelmogelijkheden": 0.05,
}
"""Share of the residual variance between schools. The achterstandsscore is a school
characteristic: its SE in Tabel B2.x grows with the variance between schools (Tabel B2.3's is
relatively large)."""
REGRESSION_ITERATIONS = 16
CONTINUOUS_ITERATIONS = 2
ROUNDED_STEP = 0.5
"""Correction passes of the latent regression: the first on continuous scores, the rest on the
rounded
scores; the rounded pass that best meets the published pattern is kept."""
SCALES: dict[str, dict[str, object]] = {
    "kwantitatieve_taakeisen": {
        "items": [f"v6_{i}" for i in (1, 2, 3)],
        "lo": 1,
        "hi": 4,
        "table": means.MODEL_TABLES["kwantitatieve_taakeisen"],
        "text": means.OVERALL_TEXT["kwantitatieve_taakeisen"],
    },
    "emotionele_belasting": {
        "items": [f"v6_{i}" for i in (4, 5, 6)],
        "lo": 1,
        "hi": 4,
        "table": means.MODEL_TABLES["emotionele_belasting"],
        "text": means.OVERALL_TEXT["emotionele_belasting"],
    },
    "moeilijkheidsgraad": {
        "items": [f"v6_{i}" for i in (7, 8, 9)],
        "lo": 1,
        "hi": 4,
        "table": means.MODEL_TABLES["moeilijkheidsgraad"],
        "text": means.OVERALL_TEXT["moeilijkheidsgraad"],
    },
    "regelmogelijkheden": {
        "items": [f"v5_{i}" for i in range(1, 7)],
        "lo": 1,
        "hi": 3,
        "table": means.MODEL_TABLES["regelmogelijkheden"],
        "text": means.OVERALL_TEXT["regelmogelijkheden"],
    },
}
PREDICTORS: tuple[str, ...] = (
    "Leeftijd",
    "Schoolleider",
    "Onderwijsondersteunend personeel",
    "Overig ondersteunend personeel",
    "Werktijdfactor",
    "Werktijdfactor2",
    "Schoolleider * werktijdfactor",
    "Onderwijsondersteunend personeel * werktijdfactor",
    "Overig ondersteunend personeel * werktijdfactor",
    "Achterstandsscore",
)
STAR_BANDS: dict[int, tuple[float, float]] = {
    0: (0.0, 1.6),
    1: (2.1, 2.4),
    2: (2.7, 2.9),
    3: (3.3, np.inf),
}
"""Band of the published t value (B / SE) per number of stars for the starting coefficients (note
21)."""
STAR_MARGIN = 0.2
"""Safety margin of the synthetic |t| to every star limit (p = .05 / .01 / .005 with the analysis'
df)."""
MAX_DEVIATION_SE = 0.8
"""Steered coefficients stay within this many published SE of the published B (the accepted
deviation is one SE)."""
SIGN_MARGIN = 0.1
"""A steered coefficient keeps this share of its published B (at most of its SE) on the published
side of 0."""
SE_TOLERANCE = 0.30
"""A synthetic SE may differ this much (relative) from the published one."""
SE_EDGE = 0.25
PINNED: frozenset[str] = frozenset(
    {"Schoolleider", "Onderwijsondersteunend personeel", "Overig ondersteunend personeel"}
)
"""Function dummies: the function means fix them (their estimates are steered through the
interactions)."""
SE_ROUNDS = 3
"""Passes of the regression steering, each with the residual spread corrected on the SEs of the
last pass (the scores on the item grid, with a ceiling, have other SEs than the latent ones)."""
NOISE_ATTEMPTS = 3
"""New draws of the noise when the steered regression still misses the published pattern."""
YEAR_ITERATIONS = 4
"""Correction passes towards the year's coefficients outside Bijlage 2 (:func:`_towards`)."""
POLISH_MOVES = 400
"""Most single-score moves :func:`_polish` makes to bring the printed means into their bands."""
R2_WINDOW = 0.04
"""The noise is rescaled while the adjusted R2 lies more than this far from the published value."""
NOISE_SCALE_MIN, NOISE_SCALE_MAX = 0.2, 5.0
"""Range of the relative residual SD of one respondent (:func:`se_noise_scale`)."""
NOISE_RIDGE = 0.02
"""Pull of the variance model's parameters towards equal residual variance."""
YEAR_TERMS_NOT_SIGNIFICANT: dict[tuple[str, str], tuple[int, ...]] = {
    ("kwantitatieve_taakeisen", "Onderwijsondersteunend personeel * werktijdfactor"): (2022, 2023),
}
"""Terms the report says were not significant in earlier measurements (C067: the OOP x
werktijdfactor interaction on kwantitatieve taakeisen is new in 2024)."""
YEAR_TERM_T = 1.4
"""|B| / SE of a term the report calls not significant in an earlier measurement."""
OBSERVED_WTF_COLUMN = "werktijdfactor_observed"
"""Optional frame column: the werktijdfactor as the loader parses it from the v3 text (NaN =
missing)."""


def effective_coefficients(scale: str) -> dict[str, float]:
    """Coefficients of the latent model for ``scale``: published B (Tabel B2.x, 2024), nudged into
    star bands.

    Each B moves at most to the edge of its star band (t = B / published SE) and never more than
    2 published SE. Includes 'Constante'.
    """
    table = str(SCALES[scale]["table"])
    year = tg.nearest_year(table, 2024)
    out: dict[str, float] = {}
    for name in PREDICTORS:
        b = tg.pick(table, year, name, statistic="B", nearest=False)
        se = tg.pick(table, year, name, statistic="SE", nearest=False)
        stars = int(tg.pick(table, year, name, statistic="stars", nearest=False))
        lo, hi = STAR_BANDS[stars]
        t = abs(b) / se
        t_new = min(max(t, lo), hi)
        b_new = np.sign(b) * t_new * se if b != 0 else 0.0
        b_new = float(np.clip(b_new, b - 2 * se, b + 2 * se))
        out[name] = b_new
    out["Constante"] = tg.pick(table, year, "Constante", statistic="B", nearest=False)
    return out


def design_matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """Predictors of Tabel B2.1-B2.4 (reference group leraar); columns named as printed."""
    g = frame["analysis_group"].astype(str)
    wtf = frame["werktijdfactor"].astype(float)
    x = pd.DataFrame(index=frame.index)
    x["Leeftijd"] = frame["v4"].astype(float)
    x["Schoolleider"] = (g == SL).astype(float)
    x["Onderwijsondersteunend personeel"] = (g == OOP).astype(float)
    x["Overig ondersteunend personeel"] = (g == OVR).astype(float)
    x["Werktijdfactor"] = wtf
    x["Werktijdfactor2"] = wtf**2
    x["Schoolleider * werktijdfactor"] = x["Schoolleider"] * wtf
    x["Onderwijsondersteunend personeel * werktijdfactor"] = (
        x["Onderwijsondersteunend personeel"] * wtf
    )
    x["Overig ondersteunend personeel * werktijdfactor"] = x["Overig ondersteunend personeel"] * wtf
    x["Achterstandsscore"] = frame["achterstandsscore"].astype(float)
    return x


def _scale_targets(ctx: AnswerContext, scale: str) -> list[tuple[np.ndarray, float]]:
    """(membership mask, target mean) pairs of this year: the overall mean and the mean per
    function group, municipality category and sector (:func:`.means.scale_means`)."""
    wanted = means.scale_means(scale, ctx.seed).get(ctx.year)
    if wanted is None:
        raise means.MeansError(f"{scale}: no means for measurement {ctx.year}")
    columns = {
        means.FUNCTION: ctx.group,
        means.MUNICIPALITY: ctx.muni,
        means.SECTOR: ctx.sector,
    }
    out = [(np.ones(ctx.n, dtype=bool), wanted[means.OVERALL])]
    for (column, category), value in wanted.items():
        if column in columns:
            out.append((columns[column] == category, value))
    return out


def year_coefficients(scale: str, year: int, seed: int) -> np.ndarray:
    """Coefficients (constant first) of the latent model for ``scale`` in ``year``.

    The measurement of Bijlage 2 (2024): the published B nudged into their star bands
    (:func:`effective_coefficients`), then steered on the data. Other measurements: the published
    B plus a draw of z x published SE per term, as another sample would give; where the report
    states a term was not significant in that year (:data:`YEAR_TERMS_NOT_SIGNIFICANT`), z is drawn
    so that |B| / SE <= :data:`YEAR_TERM_T`.
    """
    coef = effective_coefficients(scale)
    if year in tg.years_with(str(SCALES[scale]["table"])):
        return np.array([coef["Constante"]] + [coef[p] for p in PREDICTORS])
    pub = _published_coefficients(scale)
    out = [float(pub["B"].iloc[0])]
    for j, name in enumerate(PREDICTORS, start=1):
        b, se = float(pub["B"].iloc[j]), float(pub["SE"].iloc[j])
        key = f"b2|{scale}|{name}"
        if year in YEAR_TERMS_NOT_SIGNIFICANT.get((scale, name), ()):
            bound = YEAR_TERM_T
            z = variation.bounded_normal(seed, key, year, -bound - b / se, bound - b / se)
        else:
            z = variation.standard_normal(seed, key, year)
        out.append(b + z * se)
    return np.array(out)


def _observed_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as the analysis sees it: werktijdfactor as parsed from the v3 text (NaN if not
    parseable).

    Uses the column :data:`OBSERVED_WTF_COLUMN` when the frame has it, else the true werktijdfactor.
    """
    if OBSERVED_WTF_COLUMN not in frame.columns:
        return frame
    observed = pd.to_numeric(frame[OBSERVED_WTF_COLUMN], errors="coerce").astype(float)
    return frame.assign(werktijdfactor=observed)


@dataclass
class _Inputs:
    """What the analysis will see of one year, shared by the four scales."""

    x_fit: np.ndarray
    """Predictors with NaN where the analysis drops the respondent."""
    complete: np.ndarray
    xm: np.ndarray
    """Constant and predictors with missing values filled (the latent model)."""
    schools: np.ndarray
    school_idx: np.ndarray
    n_schools: int
    fine_key: np.ndarray
    design: survey.SurveyDesign | None
    """The year's design as the analysis draws it (for the B2 fits)."""


def _inputs(ctx: AnswerContext) -> _Inputs:
    frame = ctx.frame
    x_obs = design_matrix(_observed_frame(frame))
    x_true = design_matrix(frame)
    ach = x_true["Achterstandsscore"]
    wtf_filled = x_obs["Werktijdfactor"].fillna(x_true["Werktijdfactor"]).fillna(0.8)
    filled = frame.assign(
        v4=x_true["Leeftijd"].fillna(3.0),
        werktijdfactor=wtf_filled,
        achterstandsscore=ach.fillna(float(ach.mean()) if ach.notna().any() else 0.0),
    )
    schools = frame["school_id"].astype(str).to_numpy()
    school_codes, school_idx = np.unique(schools, return_inverse=True)
    return _Inputs(
        x_fit=x_obs.to_numpy(dtype=float),
        complete=x_obs.notna().all(axis=1).to_numpy(),
        xm=np.column_stack([np.ones(ctx.n), design_matrix(filled).to_numpy(dtype=float)]),
        schools=schools,
        school_idx=school_idx,
        n_schools=len(school_codes),
        fine_key=np.array(
            [
                f"{a}|{b}|{c}|{d}"
                for a, b, c, d in zip(ctx.group, ctx.sector, ctx.muni, ctx.wgroup, strict=True)
            ]
        ),
        design=analysis.design_for(frame, "all", "cell").survey,
    )


def generate_scales(ctx: AnswerContext) -> None:
    """Items v5_1-v5_6 and v6_1-v6_9 of every respondent (see the module docstring)."""
    inputs = _inputs(ctx)
    for scale, spec in SCALES.items():
        _one_scale(ctx, inputs, scale, spec)


def _one_scale(ctx: AnswerContext, inputs: _Inputs, scale: str, spec: dict[str, object]) -> None:
    items: list[str] = list(spec["items"])  # type: ignore[call-overload]
    lo, hi = float(spec["lo"]), float(spec["hi"])  # type: ignore[arg-type]
    k = len(items)
    # item non-response first, so that the calibration uses the respondents with a score
    answered = ctx.rng.random((ctx.n, k)) >= 0.015
    n_ans = answered.sum(axis=1)
    valid = n_ans >= int(np.ceil(2 * k / 3))
    fit = valid & inputs.complete
    beta = year_coefficients(scale, ctx.year, ctx.seed)
    signal = inputs.xm @ beta
    raw = _raw_noise(ctx, inputs, scale)
    pub_se = published_coefficients(scale)["SE"].to_numpy(dtype=float)
    noise = _noise(ctx, inputs, scale, fit, raw, pub_se)
    steps = 1.0 / np.maximum(n_ans, 1)
    u = ctx.rng.random(ctx.n)
    targets = _scale_targets(ctx, scale)
    steer = fit.sum() > 3 * len(beta) and ctx.year in tg.years_with(str(SCALES[scale]["table"]))
    if steer:
        y, latent = _model_year(
            ctx, inputs, scale, (signal, raw, noise), targets, valid, steps, u, (lo, hi)
        )
    elif fit.sum() > 3 * len(beta):
        y, latent = _towards(ctx, inputs, beta, signal + noise, targets, valid, steps, u, (lo, hi))
    else:
        latent = _calibrate_offsets(ctx, signal + noise, targets, valid, lo, hi)
        y = _round_scores(latent, steps, valid, inputs.fine_key, lo, hi, u)
    y = _polish(ctx, scale, y, steps, valid, (lo, hi))
    score = np.where(valid, y, np.nan)
    # items: spread each respondent's total over the answered items
    values = np.full((ctx.n, k), np.nan)
    totals = np.where(
        valid, np.round(np.nan_to_num(score) * n_ans), np.round(np.clip(latent, lo, hi) * n_ans)
    )
    extra = ctx.rng.random(ctx.n)
    for i in np.flatnonzero(n_ans > 0):
        cols = np.flatnonzero(answered[i])
        values[i, cols] = _spread(int(totals[i]), len(cols), lo, hi, ctx.rng, extra[i])
    for j, c in enumerate(items):
        ctx.data[c] = values[:, j]


def _model_year(
    ctx: AnswerContext,
    inputs: _Inputs,
    scale: str,
    parts: tuple[np.ndarray, np.ndarray, np.ndarray],
    targets: list[tuple[np.ndarray, float]],
    valid: np.ndarray,
    steps: np.ndarray,
    u: np.ndarray,
    limits: tuple[float, float],
) -> tuple[np.ndarray, np.ndarray]:
    """The year of Bijlage 2: the regression steered to the published pattern (:func:`_steered`),
    the residual spread corrected on the SEs of each pass (the scores on the item grid, with a
    ceiling, have other SEs than the latent ones; :data:`SE_ROUNDS`), with a new draw of the noise
    when that does not meet the pattern (:data:`NOISE_ATTEMPTS`). Returns (scores, latent) of the
    best pass (:func:`_pattern_quality`)."""
    signal, raw, noise = parts
    fit = valid & inputs.complete
    pub = published_coefficients(scale)
    pub_se = pub["SE"].to_numpy(dtype=float)
    best: tuple[tuple[float, ...], np.ndarray, np.ndarray] | None = None
    for attempt in range(NOISE_ATTEMPTS):
        if attempt:
            raw = _raw_noise(ctx, inputs, scale)
            noise = _noise(ctx, inputs, scale, fit, raw, pub_se)
        target_se = pub_se
        for round_ in range(SE_ROUNDS):
            y, latent, found = _steered(
                ctx, inputs, scale, signal, noise, targets, valid, steps, u, limits
            )
            quality = _pattern_quality(found, pub, _published_adj_r2(scale))
            if best is None or quality < best[0]:
                best = (quality, y, latent)
            if best[0][:2] == (0, 0) or round_ == SE_ROUNDS - 1:
                break
            target_se = target_se * pub_se / found.se
            noise = _noise(ctx, inputs, scale, fit, raw, target_se)
        if best[0][0] == 0:
            break
    assert best is not None
    return best[1], best[2]


def _raw_noise(ctx: AnswerContext, inputs: _Inputs, scale: str) -> np.ndarray:
    """School effect plus individual noise (standard normal, :data:`SCHOOL_VARIANCE_SHARE` of the
    variance between schools)."""
    school_eff = ctx.rng.normal(0.0, 1.0, inputs.n_schools)[inputs.school_idx]
    indiv = ctx.rng.normal(0.0, 1.0, ctx.n)
    share = SCHOOL_VARIANCE_SHARE[scale]
    return np.sqrt(share) * school_eff + np.sqrt(1 - share) * indiv


def _noise(
    ctx: AnswerContext,
    inputs: _Inputs,
    scale: str,
    fit: np.ndarray,
    raw: np.ndarray,
    target_se: np.ndarray,
) -> np.ndarray:
    """The noise ``raw`` made orthogonal to the predictors (weighted, complete cases with a score),
    with the residual spread per respondent that gives the regression the standard errors
    ``target_se`` (:func:`se_noise_scale`) and the overall size that matches their level, as far
    as the adjusted R2 stays within :data:`R2_WINDOW` of the published one."""
    xm = inputs.xm
    if fit.sum() <= 3 * xm.shape[1]:
        return raw * 0.5
    coef = effective_coefficients(scale)
    published = xm @ np.array([coef["Constante"]] + [coef[p] for p in PREDICTORS])
    spread, multiplier = se_noise_scale(xm, ctx.w, fit, target_se, raw, inputs.schools)
    noise = _orthogonal(ctx, xm, raw * spread, fit) * multiplier
    # the adjusted R2 within its window around the published one
    sized = _sized_noise(ctx, xm, noise, published, fit, scale)
    current = wvar(noise[fit], ctx.w[fit])
    nominal = wvar(sized[fit], ctx.w[fit])
    r2 = SCALE_R2_BY_SCALE.get(scale, SCALE_R2)
    r2_target = _published_adj_r2(scale)
    implied = r2 * nominal / (r2 * nominal + (1 - r2) * current)
    low, high = _r2_limits(implied, r2_target)
    return noise * float(np.clip(1.0, low, high))


def _orthogonal(
    ctx: AnswerContext, xm: np.ndarray, noise: np.ndarray, fit: np.ndarray
) -> np.ndarray:
    """``noise`` less its weighted least-squares fit on the predictors over ``fit``."""
    sw = np.sqrt(ctx.w[fit])
    gamma, *_ = np.linalg.lstsq(xm[fit] * sw[:, None], noise[fit] * sw, rcond=None)
    return noise - xm @ gamma


def _sized_noise(
    ctx: AnswerContext,
    xm: np.ndarray,
    noise: np.ndarray,
    published: np.ndarray,
    fit: np.ndarray,
    scale: str,
) -> np.ndarray:
    """``noise`` made orthogonal to the predictors (weighted, over ``fit``) and sized for the
    explained variance of :data:`SCALE_R2` on the published coefficients' signal."""
    noise = _orthogonal(ctx, xm, noise, fit)
    var_sig = wvar(published[fit], ctx.w[fit])
    var_noise = wvar(noise[fit], ctx.w[fit])
    r2 = SCALE_R2_BY_SCALE.get(scale, SCALE_R2)
    return noise * np.sqrt(var_sig * (1 - r2) / r2 / var_noise)


def _r2_limits(adj_r2: float, target: float) -> tuple[float, float]:
    """Range of noise multipliers that keep the adjusted R2 within :data:`R2_WINDOW` of
    ``target`` (from the current ``adj_r2``)."""
    if not 0 < adj_r2 < 1:
        return 1.0, 1.0
    odds = adj_r2 / (1 - adj_r2)

    def multiplier(goal: float) -> float:
        goal = min(max(goal, 0.005), 0.95)
        return float(np.sqrt(odds / (goal / (1 - goal))))

    return multiplier(target + R2_WINDOW), multiplier(target - R2_WINDOW)


def _steered(
    ctx: AnswerContext,
    inputs: _Inputs,
    scale: str,
    signal: np.ndarray,
    noise: np.ndarray,
    targets: list[tuple[np.ndarray, float]],
    valid: np.ndarray,
    steps: np.ndarray,
    u: np.ndarray,
    limits: tuple[float, float],
) -> tuple[np.ndarray, np.ndarray, RegressionCheck]:
    """The regression correction of note 21: realised estimates (the analysis' estimator on the
    final scores) -> the published pattern; the function dummies are fixed by the function means,
    so their estimates are steered through the interactions. Returns (scores, latent, their
    estimates)."""
    lo, hi = limits
    free = np.array([False] + [p not in PINNED for p in PREDICTORS])
    fit = valid & inputs.complete
    corr = np.zeros(inputs.xm.shape[1])
    noise_mult = 1.0
    pub = published_coefficients(scale)
    r2_target = _published_adj_r2(scale)
    best: tuple[tuple[float, ...], np.ndarray, np.ndarray, RegressionCheck] | None = None
    for it in range(REGRESSION_ITERATIONS):
        latent = _calibrate_offsets(
            ctx, signal + noise_mult * noise + inputs.xm @ corr, targets, valid, lo, hi
        )
        rounded = it >= CONTINUOUS_ITERATIONS
        y = (
            _round_scores(latent, steps, valid, inputs.fine_key, lo, hi, u)
            if rounded
            else np.clip(latent, lo, hi)
        )
        result = fit_like_analysis(inputs.x_fit, y, ctx.w, inputs.schools, inputs.design)
        if rounded:
            quality = _pattern_quality(result, pub, r2_target)
            if best is None or quality < best[0]:
                best = (quality, y, latent, result)
        target_beta = _star_band_targets(scale, result)
        _steer_pinned(scale, target_beta, result, inputs.xm[fit], ctx.w[fit])
        # rounded passes re-draw the rounding error: only part of the gap is closed (no
        # oscillation)
        step = np.where(free, target_beta - result.b, 0.0) * (ROUNDED_STEP if rounded else 1.0)
        step[0] = 0.0
        corr = corr + step
        noise_mult *= _noise_factor(result.adj_r2, r2_target)
    assert best is not None
    return best[1], best[2], best[3]


def _towards(
    ctx: AnswerContext,
    inputs: _Inputs,
    beta: np.ndarray,
    base: np.ndarray,
    targets: list[tuple[np.ndarray, float]],
    valid: np.ndarray,
    steps: np.ndarray,
    u: np.ndarray,
    limits: tuple[float, float],
) -> tuple[np.ndarray, np.ndarray]:
    """A measurement outside Bijlage 2: the estimates of the terms that are not fixed by the
    function means are corrected towards the year's coefficients ``beta`` (what the analysis sees
    differs from the latent model: the werktijdfactor as typed, the bao-only achterstandsscore,
    rounding). Returns (scores, latent)."""
    lo, hi = limits
    free = np.array([False] + [p not in PINNED for p in PREDICTORS])
    corr = np.zeros(len(beta))
    latent = base
    y = base
    for _ in range(YEAR_ITERATIONS):
        latent = _calibrate_offsets(ctx, base + inputs.xm @ corr, targets, valid, lo, hi)
        y = _round_scores(latent, steps, valid, inputs.fine_key, lo, hi, u)
        result = fit_like_analysis(inputs.x_fit, y, ctx.w, inputs.schools, inputs.design)
        corr = corr + np.where(free, beta - result.b, 0.0) * ROUNDED_STEP
    return y, latent


def _polish(
    ctx: AnswerContext,
    scale: str,
    y: np.ndarray,
    steps: np.ndarray,
    valid: np.ndarray,
    limits: tuple[float, float],
    max_moves: int = POLISH_MOVES,
) -> np.ndarray:
    """Move single scores one grid step until every printed mean of the year (the overall mean of
    Tekst H2.2; the Figuur 2.8-2.10 means of regelmogelijkheden) lies in the interval that rounds
    to it. Greedy: each step takes the respondent and direction that bring the means closest."""
    bands = _printed_bands(ctx, scale)
    if not bands:
        return y
    lo, hi = limits
    y = y.copy()
    w = np.where(valid, ctx.w, 0.0)
    masks = np.array([mask & valid for mask, _ in bands], dtype=float)  # bands x respondents
    totals = masks @ w
    lower = np.array([b[0] for _, b in bands])
    upper = np.array([b[1] for _, b in bands])
    sums = masks @ (w * np.nan_to_num(y))

    def outside(value: np.ndarray) -> np.ndarray:
        return np.maximum(0.0, np.maximum(lower[:, None] - value, value - upper[:, None])).sum(
            axis=0
        )

    for _ in range(max_moves):
        current = outside((sums / totals)[:, None])[0]
        if current <= 0:
            break
        best_gain, best = 0.0, None
        for direction in (-1.0, 1.0):
            delta = direction * steps
            ok = valid & (y + delta >= lo - 1e-9) & (y + delta <= hi + 1e-9)
            idx = np.flatnonzero(ok)
            if len(idx) == 0:
                continue
            change = masks[:, idx] * (w[idx] * delta[idx])[None, :]
            value = outside((sums[:, None] + change) / totals[:, None])
            j = int(np.argmin(value))
            if current - value[j] > best_gain:
                best_gain, best = current - value[j], (idx[j], direction)
        if best is None:
            break
        i, direction = best
        y[i] += direction * steps[i]
        sums = sums + masks[:, i] * w[i] * direction * steps[i]
    return y


def _printed_bands(ctx: AnswerContext, scale: str) -> list[tuple[np.ndarray, tuple[float, float]]]:
    """(members, band) of every mean of ``scale`` the report prints for this year."""
    out = []
    overall = tg.pick_optional(
        "Tekst H2.2", ctx.year, means.OVERALL_TEXT[scale], statistic="mean", nearest=False
    )
    if overall is not None and ctx.year in tg.years_with("Tekst H2.2"):
        out.append((np.ones(ctx.n, dtype=bool), tg.printed_band("Tekst H2.2", overall, "mean")))
    columns = {means.FUNCTION: ctx.group, means.MUNICIPALITY: ctx.muni, means.SECTOR: ctx.sector}
    for (column, category), value in means.printed_means(scale, ctx.year).items():
        band = tg.printed_band(means.PRINTED_SOURCES[column], value, "mean")
        out.append((columns[column] == category, band))
    return out


def se_noise_scale(
    xm: np.ndarray,
    w: np.ndarray,
    fit: np.ndarray,
    target_se: np.ndarray,
    raw: np.ndarray,
    clusters: np.ndarray,
) -> tuple[np.ndarray, float]:
    """Relative residual SD per respondent that gives the regression the published pattern of
    standard errors, and the multiplier that gives their level.

    With the residual e_i = s_i raw_i, the design-based SE of coefficient j is
    sqrt(sum_c (sum_{i in c} w_i [A x_i]_j e_i)^2) with A = (X'WX)^-1 and c the schools (the
    sandwich of the analysis, for this very draw of ``raw``). With s_i^2 = exp(F_i theta) for a few
    features F of the respondent (function group, werktijdfactor and its square, age, the
    interactions, achterstandsscore), theta is solved so the SEs are proportional to ``target_se``
    (constant first, then :data:`PREDICTORS`) as well as the features allow; the scale is clipped to
    [:data:`NOISE_SCALE_MIN`, :data:`NOISE_SCALE_MAX`] and normalised to a weighted mean square of
    1 over ``fit``. Rows outside ``fit`` get 1.

    The synthetic regression sample (about 1,000 bao respondents with complete data) differs in
    size and composition from the report's: with equal residual variance some SEs would be twice
    the published ones and others half.
    """
    scale = np.ones(len(w))
    xf, wf = xm[fit], w[fit]
    a_inv = np.linalg.pinv(xf.T @ (xf * wf[:, None]))
    influence = wf[:, None] * (xf @ a_inv) * raw[fit][:, None]  # respondents x coefficients
    _, codes = np.unique(np.asarray(clusters)[fit], return_inverse=True)
    n_clusters = int(codes.max()) + 1
    summer = sparse.csr_matrix(
        (np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(n_clusters, len(codes))
    )
    features = _noise_features(xf)
    goal = np.log(np.asarray(target_se, dtype=float))
    limits = np.log(NOISE_SCALE_MIN), np.log(NOISE_SCALE_MAX)
    factor = n_clusters / max(n_clusters - 1, 1)

    def parts(params: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        half = 0.5 * features @ params
        inside = (half > limits[0]) & (half < limits[1])
        s_fit = np.exp(np.clip(half, *limits))
        sums = summer @ (influence * s_fit[:, None])  # schools x coefficients
        return s_fit, inside, sums

    def log_se(params: np.ndarray) -> np.ndarray:
        _, _, sums = parts(params)
        return 0.5 * np.log((sums**2).sum(axis=0) * factor)

    def residuals(params: np.ndarray) -> np.ndarray:
        misfit = log_se(params[:-1]) - goal - params[-1]
        return np.concatenate([misfit, NOISE_RIDGE * params[1:-1]])

    def jacobian(params: np.ndarray) -> np.ndarray:
        s_fit, inside, sums = parts(params[:-1])
        var = (sums**2).sum(axis=0)
        k = features.shape[1]
        jac = np.zeros((len(goal) + k - 1, k + 1))
        weighted = influence * (s_fit * inside)[:, None]
        for f in range(k):
            d_sums = summer @ (weighted * (0.5 * features[:, f])[:, None])
            jac[: len(goal), f] = (sums * d_sums).sum(axis=0) / var
        jac[: len(goal), -1] = -1.0
        jac[len(goal) :, 1:k] = NOISE_RIDGE * np.eye(k - 1)
        return jac

    start = np.zeros(features.shape[1] + 1)
    start[-1] = float(np.mean(log_se(start[:-1]) - goal))
    solved = optimize.least_squares(residuals, start, jac=jacobian, method="trf", max_nfev=100)
    theta = solved.x[:-1]
    s_fit = np.exp(np.clip(0.5 * features @ theta, *limits))
    norm = np.sqrt(np.average(s_fit**2, weights=wf))
    scale[fit] = s_fit / norm
    multiplier = float(np.exp(np.mean(goal[1:] - (log_se(theta)[1:] - np.log(norm)))))
    return scale, multiplier


def _noise_features(xf: np.ndarray) -> np.ndarray:
    """Constant, function dummies, werktijdfactor (centred) and its square, age (centred), the
    function x werktijdfactor interactions, achterstandsscore (centred) and its square: the
    features of the residual variance."""
    names = ["Constante", *PREDICTORS]
    col = {name: xf[:, j] for j, name in enumerate(names)}
    wtf = col["Werktijdfactor"] - 0.75
    age = (col["Leeftijd"] - 3.0) / 2.0
    ach = (col["Achterstandsscore"] - 0.045) / 0.02
    return np.column_stack(
        [
            np.ones(len(xf)),
            col["Schoolleider"],
            col["Onderwijsondersteunend personeel"],
            col["Overig ondersteunend personeel"],
            wtf,
            wtf**2,
            age,
            age**2,
            col["Schoolleider"] * wtf,
            col["Onderwijsondersteunend personeel"] * wtf,
            col["Overig ondersteunend personeel"] * wtf,
            ach,
            ach**2,
        ]
    )


def _round_scores(
    latent: np.ndarray,
    steps: np.ndarray,
    valid: np.ndarray,
    fine_key: np.ndarray,
    lo: float,
    hi: float,
    u: np.ndarray,
) -> np.ndarray:
    """Scores on each respondent's item grid, cell totals kept within fine cells (NaN if not
    valid)."""
    score = np.full(len(latent), np.nan)
    score[valid] = cal.stable_round(latent[valid], steps[valid], lo, hi, u[valid], fine_key[valid])
    return score


@dataclass(frozen=True)
class RegressionCheck:
    """Estimates of the B2 model as the analysis computes them (constant first, then
    :data:`PREDICTORS`)."""

    b: np.ndarray
    se: np.ndarray
    p: np.ndarray
    sd_ratio: np.ndarray
    """Weighted sd(x) / sd(y) over the rows used (NaN for the constant), as the analysis
    standardises Beta."""
    df: int
    adj_r2: float
    n: int


def fit_like_analysis(
    x: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    clusters: np.ndarray,
    design: survey.SurveyDesign | None = None,
) -> RegressionCheck:
    """The B2 regression exactly as the analysis fits it
    (:func:`werkdruk_utils.stats.survey.svyglm_gaussian`).

    ``x`` holds the :data:`PREDICTORS` (no constant) with NaN where the analysis lacks a value,
    ``y`` the scale scores (NaN = no score), ``w`` the cell weights of *all* respondents and
    ``clusters`` the school ids; ``design`` the year's design as drawn
    (``analysis.design_for(respondents).survey``: schools within sector strata, weights
    post-stratified), without it the one-stage cluster design of ``w`` and ``clusters``.
    Incomplete rows stay in the design with weight zero (as R's svyglm does), so every school
    counts for the variance.
    """
    predictors = pd.DataFrame(x, columns=list(PREDICTORS))
    if design is not None:
        result = survey.svyglm_gaussian(predictors, np.asarray(y, dtype=float), design)
    else:
        result = survey.svyglm_gaussian(
            predictors,
            np.asarray(y, dtype=float),
            np.asarray(w, dtype=float),
            np.asarray(clusters).astype(str),
        )
    table = result.table
    yv = np.asarray(y, dtype=float)
    used = ~np.isnan(yv) & ~np.isnan(x).any(axis=1)
    wu = np.asarray(w, dtype=float)[used]
    sd_y = np.sqrt(wvar(yv[used], wu))
    sd_x = np.array([np.sqrt(wvar(x[used, j], wu)) for j in range(x.shape[1])])
    return RegressionCheck(
        b=table["B"].to_numpy(dtype=float),
        se=table["SE"].to_numpy(dtype=float),
        p=table["p"].to_numpy(dtype=float),
        sd_ratio=np.concatenate([[np.nan], sd_x / sd_y]),
        df=int(result.df_residual),
        adj_r2=float(result.adj_r2),
        n=int(result.n),
    )


@functools.cache
def star_thresholds(df: int) -> tuple[float, float, float]:
    """|t| at which a coefficient gets 1, 2 and 3 stars (p < .05 / .01 / .005, t with ``df`` df)."""
    from scipy import stats

    return tuple(float(stats.t.ppf(1 - a / 2, df)) for a in (0.05, 0.01, 0.005))  # type: ignore[return-value]


def star_band(stars: int, df: int) -> tuple[float, float]:
    """Target band of the synthetic |t| for ``stars`` stars, kept :data:`STAR_MARGIN` inside the
    star limits."""
    t1, t2, t3 = star_thresholds(df)
    if stars == 0:
        return 0.0, t1 - 2 * STAR_MARGIN
    if stars == 1:
        mid = (t1 + t2) / 2
        return mid - 0.02, mid + 0.02
    if stars == 2:
        mid = (t2 + t3) / 2
        return mid - 0.01, mid + 0.01
    return t3 + 1.5 * STAR_MARGIN, np.inf


def stars_of(p: float) -> int:
    """Stars by the report's legend (* p < .05, ** p < .01, *** p < .005)."""
    return 3 if p < 0.005 else 2 if p < 0.01 else 1 if p < 0.05 else 0


def _published_adj_r2(scale: str) -> float:
    table = str(SCALES[scale]["table"])
    year = tg.nearest_year(table, 2024)
    return float(tg.pick(table, year, "Adj. R2", statistic="adj_r2", nearest=False))


def _noise_factor(adj_r2: float, target: float) -> float:
    """Multiplier of the noise SD that moves the adjusted R2 back inside ``target`` +/-
    :data:`R2_WINDOW`."""
    goal = min(max(adj_r2, target - R2_WINDOW), target + R2_WINDOW)
    if abs(goal - adj_r2) < 1e-9 or not 0 < adj_r2 < 1:
        return 1.0
    odds = adj_r2 / (1 - adj_r2)
    odds_goal = goal / (1 - goal)
    return float(np.clip(np.sqrt(odds / odds_goal), 0.7, 1.5))


def published_coefficients(scale: str) -> pd.DataFrame:
    """Published B, SE, Beta and stars of Tabel B2.x (2024) for ``scale``, constant first (stars 0,
    Beta NaN)."""
    return _published_coefficients(scale).copy()


@functools.cache
def _published_coefficients(scale: str) -> pd.DataFrame:
    table = str(SCALES[scale]["table"])
    year = tg.nearest_year(table, 2024)
    rows = [
        {
            "name": "Constante",
            "B": tg.pick(table, year, "Constante", statistic="B", nearest=False),
            "SE": tg.pick(table, year, "Constante", statistic="SE", nearest=False),
            "Beta": np.nan,
            "stars": 0,
        }
    ]
    for name in PREDICTORS:
        rows.append(
            {
                "name": name,
                "B": tg.pick(table, year, name, statistic="B", nearest=False),
                "SE": tg.pick(table, year, name, statistic="SE", nearest=False),
                "Beta": tg.pick(table, year, name, statistic="Beta", nearest=False),
                "stars": int(tg.pick(table, year, name, statistic="stars", nearest=False)),
            }
        )
    return pd.DataFrame(rows)


def _into_band(b: float, se: float, stars: int, df: int, sign: float | None = None) -> float:
    """``b`` moved so that |b| / se lies in the synthetic star band (sign of ``b``, or ``sign`` if
    given)."""
    lo, hi = star_band(stars, df)
    t = abs(b) / se if se > 0 else 0.0
    s = np.sign(b) if sign is None else sign
    return float(s * min(max(t, lo), hi) * se)


def coefficient_window(b: float, se: float, beta: float, sd_ratio: float) -> tuple[float, float]:
    """Values of the synthetic B within :data:`MAX_DEVIATION_SE` published SE of the published B,
    on the published B's side of 0 (``beta`` and ``sd_ratio`` are kept for the signature: the
    star band comes before the standardised coefficient, which :func:`_pattern_quality` watches)."""
    lo, hi = b - MAX_DEVIATION_SE * se, b + MAX_DEVIATION_SE * se
    if b > 0:
        lo = max(lo, SIGN_MARGIN * min(b, se))
    elif b < 0:
        hi = min(hi, -SIGN_MARGIN * min(-b, se))
    return lo, hi


def _star_band_targets(scale: str, result: RegressionCheck) -> np.ndarray:
    """Target coefficients (constant first): published B moved into its star band under the
    synthetic SE,
    kept inside :func:`coefficient_window`."""
    pub = _published_coefficients(scale)
    out = [float(pub["B"].iloc[0])]
    for j in range(1, len(pub)):
        b, se, stars = float(pub["B"].iloc[j]), float(pub["SE"].iloc[j]), int(pub["stars"].iloc[j])
        lo, hi = coefficient_window(b, se, float(pub["Beta"].iloc[j]), float(result.sd_ratio[j]))
        want = _into_band(
            b, float(result.se[j]), stars, result.df, sign=np.sign(b) if stars > 0 else None
        )
        out.append(float(np.clip(want, lo, hi)))
    return np.array(out)


def _pattern_quality(
    result: RegressionCheck, pub: pd.DataFrame, r2_target: float
) -> tuple[int, int, float]:
    """(coefficients off the published pattern, coefficients on the edge, largest deviation in
    published SE).

    Lower is better. Off: stars (p with the analysis' df) differ from the published ones, B has the
    other sign or lies more than one published SE away, the SE is more than
    :data:`SE_TOLERANCE` off the published SE, or the adjusted R2 is more than 0,05 off. On the
    edge: |t| within :data:`STAR_MARGIN` of a star limit, B more than :data:`MAX_DEVIATION_SE`
    published SE away, its Beta more than one SE (standardised) from the published one, the SE
    more than :data:`SE_EDGE` off, or the adjusted R2 outside the target window. The constant is
    not checked.
    """
    bad = 0
    edge = 0
    worst = 0.0
    limits = star_thresholds(result.df)
    for j in range(1, len(pub)):
        b, se, stars = float(pub["B"].iloc[j]), float(pub["SE"].iloc[j]), int(pub["stars"].iloc[j])
        b_hat, se_hat = float(result.b[j]), float(result.se[j])
        t = abs(b_hat) / se_hat if se_hat > 0 else 0.0
        ratio = float(result.sd_ratio[j])
        beta_pub = float(pub["Beta"].iloc[j])
        dev_beta = (
            abs(b_hat * ratio - beta_pub) / (se * ratio)
            if ratio > 0 and np.isfinite(beta_pub)
            else 0.0
        )
        dev = abs(b_hat - b) / se
        se_off = abs(se_hat / se - 1.0)
        worst = max(worst, dev)
        if (
            stars_of(float(result.p[j])) != stars
            or dev > 1.0
            or (b != 0 and np.sign(b_hat) != np.sign(b))
            or se_off > SE_TOLERANCE
        ):
            bad += 1
            continue
        if (
            min(abs(t - lim) for lim in limits) < STAR_MARGIN
            or dev > MAX_DEVIATION_SE
            or dev_beta > 1.0
            or se_off > SE_EDGE
        ):
            edge += 1
    if abs(result.adj_r2 - r2_target) > 0.05:
        bad += 1
    elif abs(result.adj_r2 - r2_target) > R2_WINDOW + 0.005:
        edge += 1
    return bad, edge, round(worst, 6)


def _steer_pinned(
    scale: str,
    target: np.ndarray,
    result: RegressionCheck,
    xm: np.ndarray,
    w: np.ndarray,
) -> None:
    """For function dummies fixed by the figure means, steer the estimates of the dummy and its
    interaction with the werktijdfactor together.

    The calibrated group mean fixes main effect + interaction x mean werktijdfactor of the group
    (c = d + wbar i), so only this sum's split can be steered: the pair on that line closest (in
    units of their SEs) to each term's own target (its published B in its star band under the
    synthetic SE), kept inside each term's :func:`coefficient_window` and, for a term without
    stars, below the star limit.
    """
    pub = _published_coefficients(scale)
    names = list(pub["name"])
    wtf_col = names.index("Werktijdfactor")
    for dummy in (
        "Schoolleider",
        "Onderwijsondersteunend personeel",
        "Overig ondersteunend personeel",
    ):
        jd, ji = names.index(dummy), names.index(f"{dummy} * werktijdfactor")
        members = xm[:, jd] == 1
        if not members.any():
            continue
        wbar = float(np.average(xm[members, wtf_col], weights=w[members]))
        d_star, d_lo, d_hi = _term_target(pub, result, jd)
        i_star, i_lo, i_hi = _term_target(pub, result, ji)
        se_d, se_i = float(result.se[jd]), float(result.se[ji])
        c = float(result.b[jd]) + wbar * float(result.b[ji])
        # minimise ((d - d*)/se_d)^2 + ((i - i*)/se_i)^2 with d = c - wbar i
        i_opt = (wbar * (c - d_star) / se_d**2 + i_star / se_i**2) / (
            wbar**2 / se_d**2 + 1 / se_i**2
        )
        # both windows as limits on i
        lo = max(i_lo, (c - d_hi) / wbar)
        hi = min(i_hi, (c - d_lo) / wbar)
        i_val = float(np.clip(i_opt, lo, hi)) if lo <= hi else float(np.clip(i_opt, i_lo, i_hi))
        target[ji] = i_val


def _term_target(pub: pd.DataFrame, result: RegressionCheck, j: int) -> tuple[float, float, float]:
    """(target, lowest, highest) value of coefficient j: its published B in its star band under
    the synthetic SE, and the window it must stay in."""
    b = float(pub["B"].iloc[j])
    stars = int(pub["stars"].iloc[j])
    se = float(result.se[j])
    lo, hi = coefficient_window(
        b, float(pub["SE"].iloc[j]), float(pub["Beta"].iloc[j]), float(result.sd_ratio[j])
    )
    if stars == 0:
        limit = star_band(0, result.df)[1] * se
        lo, hi = max(lo, -limit), min(hi, limit)
        if lo > hi:
            lo = hi = float(np.clip(0.0, lo, hi))
    else:
        band_lo = star_band(stars, result.df)[0] * se
        if b > 0:
            lo = max(lo, min(band_lo, hi))
        else:
            hi = min(hi, max(-band_lo, lo))
    want = _into_band(b, se, stars, result.df, sign=np.sign(b) if b != 0 else None)
    return float(np.clip(want, lo, hi)), lo, hi


def _spread(
    total: int, m: int, lo: float, hi: float, rng: np.random.Generator, u: float
) -> np.ndarray:
    """m integers in [lo, hi] summing to ``total``, around total/m with some within-person
    spread."""
    lo_i, hi_i = int(lo), int(hi)
    total = min(max(total, lo_i * m), hi_i * m)
    base = total // m
    vals = np.full(m, base)
    vals[rng.permutation(m)[: total - base * m]] += 1
    if m >= 2 and u < 0.45:
        a, b = rng.permutation(m)[:2]
        if vals[a] < hi_i and vals[b] > lo_i:
            vals[a] += 1
            vals[b] -= 1
    return vals.astype(float)


def _calibrate_offsets(
    ctx: AnswerContext,
    latent: np.ndarray,
    targets: list[tuple[np.ndarray, float]],
    valid: np.ndarray,
    lo: float,
    hi: float,
) -> np.ndarray:
    """Add offsets per function group, municipality and sector so weighted (clipped) means meet the
    targets."""
    breakdowns = ((ctx.group, ANALYSIS_GROUPS), (ctx.muni, MUNICIPALITIES), (ctx.sector, SECTORS))
    onehot = np.column_stack(
        [np.ones(ctx.n)] + [(arr == val).astype(float) for arr, vals in breakdowns for val in vals]
    )
    w = np.where(valid, ctx.w, 0.0)
    members = np.array([w * mask for mask, _ in targets])  # targets x respondents
    totals = members.sum(axis=1)
    design = (members @ onehot) / totals[:, None]
    theta = np.zeros(onehot.shape[1])
    goal = np.array([v for _, v in targets])
    for _ in range(12):
        clipped = np.clip(latent + onehot @ theta, lo, hi)
        resid = goal - (members @ clipped) / totals
        if np.max(np.abs(resid)) < 2e-4:
            break
        if len(targets) == 1:
            # a single target (overall mean only): shift everybody
            theta[0] += resid[0]
        else:
            theta += cal.solve_offsets(design, resid)
    return latent + onehot @ theta
