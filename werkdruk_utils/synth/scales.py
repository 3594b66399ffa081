"""Scale scores of the synthetic respondents (Q5 regelmogelijkheden, Q6 taakeisen), steered to
the published means and to the regressions of Bijlage 2.

Model
-----
A latent score per respondent and scale: the linear predictor of Tabel B2.1-B2.4 (age code,
function dummies, werktijdfactor, its square, dummy x werktijdfactor interactions,
achterstandsscore; the 2024 coefficients are used in every year) plus a school effect and
individual noise, made orthogonal to the predictors (weighted) and sized for an R2 of about 0,08.
Additive offsets by function group, municipality category and sector are then solved by least
squares so that the weighted means of Figuur 2.8-2.10 and the overall means of Tekst H2.2 are met
(the overlapping figure breakdowns are not exactly consistent with each other and with the rounded
overall 1,8, so the least-squares solution leaves differences up to about 0,01 / 0,02). Latent
scores are rounded to the item grid (each respondent's own grid: 1/k of the k answered items) with
a fixed random offset per respondent and a correction within fine cells (function group x sector x
municipality category x weighting group) that keeps every cell total, so group means stay exact to
a few thousandths. Items are then spread around the respondent's score (sum preserved, sometimes
one item up and another down).

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
    estimator (:func:`werkdruk_utils.stats.survey.svyglm_gaussian`: design-based SE by school, t
    with df = schools - 11).

    Every coefficient is steered to the value whose t lies well inside its star band (p limits
    .05 / .01 / .005 with that df, :data:`STAR_MARGIN` away from each limit; no star
    |t| <= 1,57, * the middle of the band, *** >= t(.0025) + 0,4), never further than 1,5
    published SE from the published B nor from the published Beta (:func:`coefficient_window`);
    the rounded pass that best meets the pattern (stars, then margins, then deviation) is kept.
    The function dummies of regelmogelijkheden are fixed by Figuur 2.8, so their estimates are
    steered through the dummy x werktijdfactor interactions (which keep their own star band).

    The synthetic regression sample (about 1,000 complete cases) is smaller than the report's, so
    with homoscedastic noise the SEs are about twice the published ones: the residual SD is made
    smaller at high-leverage respondents (:func:`leverage_noise_scale`; the small group overig
    ondersteunend personeel, extreme werktijdfactor and age) and smaller for overig ondersteunend
    personeel (:data:`NOISE_SCALE_BY_GROUP`). The noise is rescaled while the adjusted R2 is more
    than :data:`R2_WINDOW` from the published value; moeilijkheidsgraad (a *** age effect of
    B 0,03) ends near 0,09 instead of 0,07 (:data:`SCALE_R2_BY_SCALE`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from werkdruk_utils.synth import calibrate as cal
from werkdruk_utils.synth import targets as tg
from werkdruk_utils.synth.context import (
    ANALYSIS_GROUPS,
    LERAAR,
    MUNICIPALITIES,
    OOP,
    OVR,
    SECTORS,
    SL,
    AnswerContext,
    pick,
    wvar,
)

FIG28_GROUPS: dict[str, str] = {
    "Schoolleider": SL,
    "Leraar": LERAAR,
    "Onderwijsondersteunend personeel": OOP,
    "Overig ondersteunend personeel": OVR,
}
FIG29_GROUPS: dict[str, str] = {"G4": "G4", "G40": "G40", "Overig": "overig"}

SCALE_R2 = 0.08
"""Share of latent variance explained by the B2 predictors (published adj. R2 0,07-0,08; see note
21)."""
SCALE_R2_BY_SCALE: dict[str, float] = {"moeilijkheidsgraad": 0.10}
"""Exceptions to :data:`SCALE_R2`: Tabel B2.3 has a *** age effect (B 0,03, SE 0,012) that needs a
smaller residual SD in the smaller synthetic sample; its adj. R2 ends near 0,09-0,10 (published
0,07)."""
SCHOOL_VARIANCE_SHARE = 0.10
REGRESSION_ITERATIONS = 16
CONTINUOUS_ITERATIONS = 2
ROUNDED_STEP = 0.5
"""Correction passes of the latent regression: the first on continuous scores, the rest on the
rounded
scores; the rounded pass that best meets the published pattern is kept."""
NOISE_SCALE_BY_GROUP: dict[str, float] = {OVR: 0.65}
"""Relative residual SD per function group. Overig ondersteunend personeel is a small group (about
100 of
1,789, fewer among the bao respondents with an achterstandsscore); with equal residual variance its
published *** effects (B2.1-B2.3) cannot be significant within 2 published SE of B, so its
answers vary less."""
SCALE_QUALITATIVE: dict[str, dict[int, dict[tuple[str, str], float]]] = {
    "kwantitatieve_taakeisen": {
        y: {("municipality_category", "G4"): 0.10} for y in (2022, 2023, 2024)
    },
    "emotionele_belasting": {
        2022: {("municipality_category", "G4"): 0.16},
        2023: {("municipality_category", "G4"): 0.12},
        2024: {("municipality_category", "G4"): 0.09},
    },
    "moeilijkheidsgraad": {
        2022: {("sector", "go"): 0.08},
        2023: {("sector", "go"): 0.12},
        2024: {("sector", "go"): 0.20},
    },
}
"""Fixed offsets for the statements on Figuur 2.3, 2.6, 2.7 (G4 higher; go higher in 2024)."""

SCALES: dict[str, dict[str, object]] = {
    "kwantitatieve_taakeisen": {
        "items": [f"v6_{i}" for i in (1, 2, 3)],
        "lo": 1,
        "hi": 4,
        "table": "Tabel B2.1",
        "text": "Kwantitatieve taakeisen",
    },
    "emotionele_belasting": {
        "items": [f"v6_{i}" for i in (4, 5, 6)],
        "lo": 1,
        "hi": 4,
        "table": "Tabel B2.2",
        "text": "Emotionele belasting",
    },
    "moeilijkheidsgraad": {
        "items": [f"v6_{i}" for i in (7, 8, 9)],
        "lo": 1,
        "hi": 4,
        "table": "Tabel B2.3",
        "text": "Moeilijkheidsgraad",
    },
    "regelmogelijkheden": {
        "items": [f"v5_{i}" for i in range(1, 7)],
        "lo": 1,
        "hi": 3,
        "table": "Tabel B2.4",
        "text": "Regelmogelijkheden",
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
MAX_DEVIATION_SE = 1.5
"""Steered coefficients stay within this many published SE of the published B (and Beta)."""
R2_WINDOW = 0.03
"""The noise is rescaled while the adjusted R2 lies more than this far from the published value."""
LEVERAGE_POWER = 0.75
"""Exponent of the leverage in the residual SD (:func:`leverage_noise_scale`)."""
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
    """(membership mask, target mean) pairs: overall (Tekst H2.2) and, for regelmogelijkheden, Fig
    2.8-2.10."""
    year = ctx.year
    text = str(SCALES[scale]["text"])
    out = [(np.ones(ctx.n, dtype=bool), pick("Tekst H2.2", year, text, statistic="mean"))]
    if scale == "regelmogelijkheden":
        cat = "schaalscore"
        for label, g in FIG28_GROUPS.items():
            v = tg.pick_optional("Figuur 2.8", year, cat, group=label, statistic="mean")
            if v is not None:
                out.append((ctx.group == g, v))
        for label, m in FIG29_GROUPS.items():
            v = tg.pick_optional("Figuur 2.9", year, cat, group=label, statistic="mean")
            if v is not None:
                out.append((ctx.muni == m, v))
        for s in SECTORS:
            v = tg.pick_optional("Figuur 2.10", year, cat, group=s, statistic="mean")
            if v is not None:
                out.append((ctx.sector == s, v))
    return out


def _observed_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as the analysis sees it: werktijdfactor as parsed from the v3 text (NaN if not
    parseable).

    Uses the column :data:`OBSERVED_WTF_COLUMN` when the frame has it, else the true werktijdfactor.
    """
    if OBSERVED_WTF_COLUMN not in frame.columns:
        return frame
    observed = pd.to_numeric(frame[OBSERVED_WTF_COLUMN], errors="coerce").astype(float)
    return frame.assign(werktijdfactor=observed)


def generate_scales(ctx: AnswerContext) -> None:
    """Items v5_1-v5_6 and v6_1-v6_9 of every respondent (see the module docstring)."""
    frame = ctx.frame
    x_obs = design_matrix(_observed_frame(frame))
    complete = x_obs.notna().all(axis=1).to_numpy()
    x_fit = x_obs.to_numpy(dtype=float)  # NaN where the analysis drops the respondent
    x_true = design_matrix(frame)
    ach = x_true["Achterstandsscore"]
    wtf_filled = x_obs["Werktijdfactor"].fillna(x_true["Werktijdfactor"]).fillna(0.8)
    filled = frame.assign(
        v4=x_true["Leeftijd"].fillna(3.0),
        werktijdfactor=wtf_filled,
        achterstandsscore=ach.fillna(float(ach.mean()) if ach.notna().any() else 0.0),
    )
    xm = np.column_stack([np.ones(ctx.n), design_matrix(filled).to_numpy(dtype=float)])
    schools = frame["school_id"].astype(str).to_numpy()
    school_codes, school_idx = np.unique(schools, return_inverse=True)
    fine_key = np.array(
        [
            f"{a}|{b}|{c}|{d}"
            for a, b, c, d in zip(ctx.group, ctx.sector, ctx.muni, ctx.wgroup, strict=False)
        ]
    )

    for scale, spec in SCALES.items():
        items: list[str] = list(spec["items"])  # type: ignore[arg-type]
        lo, hi = float(spec["lo"]), float(spec["hi"])  # type: ignore[arg-type]
        k = len(items)
        need = int(np.ceil(2 * k / 3))
        # item non-response first, so that the calibration uses the respondents with a score
        answered = ctx.rng.random((ctx.n, k)) >= 0.015
        n_ans = answered.sum(axis=1)
        valid = n_ans >= need
        fit = valid & complete
        coef = effective_coefficients(scale)
        beta = np.array([coef["Constante"]] + [coef[p] for p in PREDICTORS])
        signal = xm @ beta
        # noise orthogonal to the predictors (weighted, complete cases with a score)
        school_eff = ctx.rng.normal(0.0, 1.0, len(school_codes))[school_idx]
        indiv = ctx.rng.normal(0.0, 1.0, ctx.n)
        noise = (
            np.sqrt(SCHOOL_VARIANCE_SHARE) * school_eff + np.sqrt(1 - SCHOOL_VARIANCE_SHARE) * indiv
        )
        noise = noise * np.array([NOISE_SCALE_BY_GROUP.get(g, 1.0) for g in ctx.group])
        enough = fit.sum() > 3 * len(beta)
        if enough:
            noise = noise * leverage_noise_scale(xm, ctx.w, fit)
            sw = np.sqrt(ctx.w[fit])
            gamma, *_ = np.linalg.lstsq(xm[fit] * sw[:, None], noise[fit] * sw, rcond=None)
            noise = noise - xm @ gamma
            var_sig = wvar(signal[fit], ctx.w[fit])
            var_noise = wvar(noise[fit], ctx.w[fit])
            r2 = SCALE_R2_BY_SCALE.get(scale, SCALE_R2)
            noise *= np.sqrt(var_sig * (1 - r2) / r2 / var_noise)
        base = signal.copy()
        offsets = SCALE_QUALITATIVE.get(scale, {}).get(tg.published_year(ctx.year), {})
        for (col, val), off in offsets.items():
            base = base + np.where(frame[col].astype(str).to_numpy() == val, off, 0.0)
        scale_targets = _scale_targets(ctx, scale)
        # regression correction: realised estimates (the analysis' estimator on the final scores) ->
        # targets
        pinned = (
            {"Schoolleider", "Onderwijsondersteunend personeel", "Overig ondersteunend personeel"}
            if scale == "regelmogelijkheden"
            else set()
        )
        free = np.array([False] + [p not in pinned for p in PREDICTORS])
        corr = np.zeros(len(beta))
        noise_mult = 1.0
        steps = 1.0 / np.maximum(n_ans, 1)
        u = ctx.rng.random(ctx.n)
        pub = published_coefficients(scale)
        r2_target = _published_adj_r2(scale)
        best: tuple[tuple[float, ...], np.ndarray, np.ndarray] | None = None
        for it in range(REGRESSION_ITERATIONS if enough else 1):
            latent = _calibrate_offsets(
                ctx, base + noise_mult * noise + xm @ corr, scale_targets, valid, lo, hi
            )
            rounded = it >= CONTINUOUS_ITERATIONS or not enough
            y = (
                _round_scores(latent, steps, valid, fine_key, lo, hi, u)
                if rounded
                else np.clip(latent, lo, hi)
            )
            if not enough:
                best = ((0.0,), y, latent)
                break
            result = fit_like_analysis(x_fit, y, ctx.w, schools)
            if rounded:
                quality = _pattern_quality(result, pub, r2_target)
                if best is None or quality < best[0]:
                    best = (quality, y, latent)
            target_beta = _star_band_targets(scale, result)
            if pinned:
                _steer_pinned(scale, target_beta, result, xm[fit], ctx.w[fit])
            # rounded passes re-draw the rounding error: only part of the gap is closed (no
            # oscillation)
            step = np.where(free, target_beta - result.b, 0.0) * (ROUNDED_STEP if rounded else 1.0)
            step[0] = 0.0
            corr = corr + step
            noise_mult *= _noise_factor(result.adj_r2, r2_target)
        assert best is not None
        y, latent = best[1], best[2]
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


def leverage_noise_scale(
    xm: np.ndarray, w: np.ndarray, fit: np.ndarray, power: float = LEVERAGE_POWER
) -> np.ndarray:
    """Relative residual SD per respondent: smaller where the weighted leverage in the B2 design is
    high.

    ``h_i = w_i x_i' (X'WX)^-1 x_i`` over the rows ``fit``; the scale is ``(h_i / mean h)^-power``,
    clipped to [0,35; 1,6] and normalised to a weighted mean square of 1 over ``fit`` (so the
    explained variance is unchanged). Rows outside ``fit`` get 1. The synthetic sample with
    complete predictors is smaller than the report's, so with homoscedastic noise the design-based
    SEs are about twice the published ones (outside the accepted range); less noise at the
    high-leverage respondents (extreme werktijdfactor or age, the small function groups) brings
    them back to the published size at the published explained variance.
    """
    scale = np.ones(len(w))
    xf, wf = xm[fit], w[fit]
    a_inv = np.linalg.pinv(xf.T @ (xf * wf[:, None]))
    h = wf * np.einsum("ij,jk,ik->i", xf, a_inv, xf)
    s = np.clip((h / h.mean()) ** (-power), 0.35, 1.6)
    s = s / np.sqrt(np.average(s**2, weights=wf))
    scale[fit] = s
    return scale


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
    x: np.ndarray, y: np.ndarray, w: np.ndarray, clusters: np.ndarray
) -> RegressionCheck:
    """The B2 regression exactly as the analysis fits it
    (:func:`werkdruk_utils.stats.survey.svyglm_gaussian`).

    ``x`` holds the :data:`PREDICTORS` (no constant) with NaN where the analysis lacks a value,
    ``y`` the scale scores (NaN = no score), ``w`` the cell weights of *all* respondents and
    ``clusters`` the school ids. Incomplete rows stay in the design with weight zero (as R's
    svyglm does), so every school counts for the variance.
    """
    from werkdruk_utils.stats.survey import svyglm_gaussian

    result = svyglm_gaussian(
        pd.DataFrame(x, columns=list(PREDICTORS)),
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
    return t3 + 2 * STAR_MARGIN, np.inf


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
    """Values of the synthetic B within :data:`MAX_DEVIATION_SE` published SE of the published B and
    (on the standardised scale, with the synthetic sd(x)/sd(y) ``sd_ratio``) of the published
    Beta."""
    lo, hi = b - MAX_DEVIATION_SE * se, b + MAX_DEVIATION_SE * se
    if np.isfinite(beta) and np.isfinite(sd_ratio) and sd_ratio > 0:
        implied = beta / sd_ratio
        lo2, hi2 = implied - MAX_DEVIATION_SE * se, implied + MAX_DEVIATION_SE * se
        if max(lo, lo2) <= min(hi, hi2):
            return max(lo, lo2), min(hi, hi2)
        mid = (b + implied) / 2
        return mid, mid
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

    Lower is better. Off: stars (p with the analysis' df) differ from the published ones, a
    significant coefficient has the wrong sign, B or Beta lies more than 2 published SE away, or
    the adjusted R2 is more than 0,05 off. On the edge: |t| within :data:`STAR_MARGIN` of a star
    limit, B or Beta more than :data:`MAX_DEVIATION_SE` published SE away, or the adjusted R2
    outside the target window. The constant is not checked.
    """
    bad = 0
    edge = 0
    worst = 0.0
    limits = star_thresholds(result.df)
    for j in range(1, len(pub)):
        b, se, stars = float(pub["B"].iloc[j]), float(pub["SE"].iloc[j]), int(pub["stars"].iloc[j])
        beta_pub = float(pub["Beta"].iloc[j])
        b_hat, se_hat = float(result.b[j]), float(result.se[j])
        t = abs(b_hat) / se_hat if se_hat > 0 else 0.0
        dev = abs(b_hat - b) / se
        ratio = float(result.sd_ratio[j])
        dev_beta = (
            abs(b_hat * ratio - beta_pub) / (se * ratio)
            if ratio > 0 and np.isfinite(beta_pub)
            else 0.0
        )
        worst = max(worst, dev, dev_beta)
        if (
            stars_of(float(result.p[j])) != stars
            or max(dev, dev_beta) > 2.0
            or (stars > 0 and np.sign(b_hat) != np.sign(b))
        ):
            bad += 1
            continue
        if (
            min(abs(t - lim) for lim in limits) < STAR_MARGIN
            or max(dev, dev_beta) > MAX_DEVIATION_SE
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
    """For function dummies fixed by the figure means, steer their estimate into the star band via
    the interaction.

    The calibrated group mean fixes main effect + interaction x mean werktijdfactor of the group, so
    moving the main effect by d means moving the interaction by -d / mean werktijdfactor (kept
    inside the interaction's :func:`coefficient_window`).
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
        stars = int(pub["stars"].iloc[jd])
        b_d = float(pub["B"].iloc[jd])
        desired = _into_band(
            float(result.b[jd]),
            float(result.se[jd]),
            stars,
            result.df,
            sign=np.sign(b_d) if stars > 0 else None,
        )
        lo_d, hi_d = coefficient_window(
            b_d, float(pub["SE"].iloc[jd]), float(pub["Beta"].iloc[jd]), float(result.sd_ratio[jd])
        )
        desired = float(np.clip(desired, lo_d, hi_d))
        members = xm[:, jd] == 1
        if not members.any():
            continue
        wbar = float(np.average(xm[members, wtf_col], weights=w[members]))
        lo_i, hi_i = coefficient_window(
            float(pub["B"].iloc[ji]),
            float(pub["SE"].iloc[ji]),
            float(pub["Beta"].iloc[ji]),
            float(result.sd_ratio[ji]),
        )
        # the interaction keeps its own star band too
        band_lo, band_hi = star_band(int(pub["stars"].iloc[ji]), result.df)
        se_i = float(result.se[ji])
        if int(pub["stars"].iloc[ji]) == 0:
            lo_i, hi_i = max(lo_i, -band_hi * se_i), min(hi_i, band_hi * se_i)
            if lo_i > hi_i:
                lo_i = hi_i = float(np.clip(0.0, lo_i, hi_i))
        target[ji] = float(
            np.clip(float(result.b[ji]) - (desired - float(result.b[jd])) / wbar, lo_i, hi_i)
        )


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
    breakdowns = [(ctx.group, ANALYSIS_GROUPS), (ctx.muni, MUNICIPALITIES), (ctx.sector, SECTORS)]
    params = [(arr, val) for arr, vals in breakdowns for val in vals]
    w = np.where(valid, ctx.w, 0.0)
    design = np.zeros((len(targets), len(params) + 1))
    for t, (mask, _) in enumerate(targets):
        wt = w * mask
        design[t, 0] = 1.0
        for p, (arr, val) in enumerate(params):
            design[t, p + 1] = wt[arr == val].sum() / wt.sum()
    # a single target (overall mean only): shift everybody
    theta = np.zeros(len(params) + 1)
    goal = np.array([v for _, v in targets])
    for _ in range(12):
        shifted = (
            latent
            + theta[0]
            + sum(theta[p + 1] * (arr == val) for p, (arr, val) in enumerate(params))
        )
        clipped = np.clip(shifted, lo, hi)
        realised = np.array(
            [np.average(clipped[mask & valid], weights=ctx.w[mask & valid]) for mask, _ in targets]
        )
        resid = goal - realised
        if np.max(np.abs(resid)) < 2e-4:
            break
        if len(targets) == 1:
            theta[0] += resid[0]
        else:
            theta += cal.solve_offsets(design, resid)
    return (
        latent + theta[0] + sum(theta[p + 1] * (arr == val) for p, (arr, val) in enumerate(params))
    )
