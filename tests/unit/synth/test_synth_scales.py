"""Scale steering helpers of the synthetic data (hand-computed expectations)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkdruk_utils.synth import scales as sc


def test_star_thresholds_and_bands() -> None:
    from scipy import stats

    t1, t2, t3 = sc.star_thresholds(300)
    assert t1 == pytest.approx(stats.t.ppf(0.975, 300))  # 1,968
    assert (t1, t2, t3) == pytest.approx((1.968, 2.592, 2.828), abs=1e-3)
    lo, hi = sc.star_band(0, 300)
    assert (lo, hi) == pytest.approx((0.0, t1 - 2 * sc.STAR_MARGIN))
    lo, hi = sc.star_band(1, 300)
    assert (lo + hi) / 2 == pytest.approx((t1 + t2) / 2)
    assert lo - t1 > sc.STAR_MARGIN and t2 - hi > sc.STAR_MARGIN
    assert sc.star_band(3, 300)[0] == pytest.approx(t3 + 1.5 * sc.STAR_MARGIN)
    assert [sc.stars_of(p) for p in (0.2, 0.049, 0.0099, 0.0049)] == [0, 1, 2, 3]


def test_coefficient_window_within_the_deviation_and_on_the_published_side() -> None:
    k = sc.MAX_DEVIATION_SE
    assert sc.coefficient_window(1.0, 0.1, 0.5, 0.5) == pytest.approx((1 - 0.1 * k, 1 + 0.1 * k))
    # a small positive B with a large SE: the window stops short of 0 (same sign)
    lo, hi = sc.coefficient_window(0.05, 0.2, np.nan, np.nan)
    assert lo == pytest.approx(sc.SIGN_MARGIN * 0.05) and hi == pytest.approx(0.05 + 0.2 * k)
    lo, hi = sc.coefficient_window(-0.05, 0.2, np.nan, np.nan)
    assert hi == pytest.approx(-sc.SIGN_MARGIN * 0.05) and lo == pytest.approx(-0.05 - 0.2 * k)


def test_noise_factor_moves_adj_r2_into_window() -> None:
    target = 0.07
    # 0,20 -> goal 0,07 + window: factor sqrt((0,2/0,8) / (g/(1-g)))
    goal = target + sc.R2_WINDOW
    assert sc._noise_factor(0.20, target) == pytest.approx(
        np.sqrt((0.2 / 0.8) / (goal / (1 - goal)))
    )
    assert sc._noise_factor(0.08, target) == 1.0
    assert sc._noise_factor(0.30, 0.07) > 1.0  # too much explained: more noise
    assert sc._noise_factor(0.05, 0.20) < 1.0  # too little: less noise


def test_fit_like_analysis_matches_exact_linear_data() -> None:
    rng = np.random.default_rng(3)
    n = 200
    x = rng.normal(size=(n, len(sc.PREDICTORS)))
    coef = np.arange(1, len(sc.PREDICTORS) + 1) / 10
    y = 2.0 + x @ coef
    x[:5, 4] = np.nan  # dropped, as the analysis drops a missing werktijdfactor
    y[5:8] = np.nan
    clusters = np.repeat(np.arange(40), 5)
    result = sc.fit_like_analysis(x, y, rng.uniform(0.5, 2.0, n), clusters)
    assert result.n == n - 8
    assert result.b == pytest.approx(np.concatenate([[2.0], coef]))
    assert result.adj_r2 == pytest.approx(1.0)
    # df = clusters with used rows - coefficients: cluster 0 (rows 0-4) has none left, cluster 1
    # keeps
    # rows 8 and 9, so 39 clusters - 11 coefficients (constant + 10 predictors) = 28
    assert result.df == 28


def test_se_noise_scale_moves_the_se_pattern_towards_the_target() -> None:
    rng = np.random.default_rng(7)
    n = 800
    sl = (rng.random(n) < 0.15).astype(float)
    oop = ((rng.random(n) < 0.2) & (sl == 0)).astype(float)
    ovp = ((rng.random(n) < 0.1) & (sl == 0) & (oop == 0)).astype(float)
    wtf = rng.choice([0.5, 0.6, 0.8, 1.0], n)
    age = rng.integers(1, 6, n).astype(float)
    ach = rng.normal(0.045, 0.017, n)
    x = np.column_stack(
        [np.ones(n), age, sl, oop, ovp, wtf, wtf**2, sl * wtf, oop * wtf, ovp * wtf, ach]
    )
    w = rng.uniform(0.5, 1.5, n)
    fit = np.ones(n, dtype=bool)
    fit[:20] = False
    clusters = np.repeat(np.arange(n // 4), 4)
    raw = rng.normal(size=n)

    def se_pattern(scale: np.ndarray) -> np.ndarray:
        result = sc.fit_like_analysis(
            x[:, 1:], x[:, 1:] @ np.full(10, 0.1) + raw * scale, w, clusters
        )
        return result.se

    flat = se_pattern(np.ones(n))
    target = flat.copy()
    target[2] *= 1.5  # the schoolleider dummy: a larger SE wanted
    scale, multiplier = sc.se_noise_scale(x, w, fit, target, raw, clusters)
    assert np.all(scale[~fit] == 1.0)
    assert np.average(scale[fit] ** 2, weights=w[fit]) == pytest.approx(1.0)
    assert multiplier > 0
    shaped = se_pattern(scale)
    # relative to the other coefficients, the schoolleider SE grew
    assert shaped[2] / np.median(shaped) > 1.2 * flat[2] / np.median(flat)
    # more noise where the schoolleiders are
    assert scale[fit & (sl == 1)].mean() > scale[fit & (sl == 0)].mean()


def test_observed_werktijdfactor_replaces_the_true_one() -> None:
    frame = pd.DataFrame({"werktijdfactor": [0.8, 0.6], sc.OBSERVED_WTF_COLUMN: [0.8, np.nan]})
    observed = sc._observed_frame(frame)
    assert observed["werktijdfactor"].iloc[0] == 0.8 and np.isnan(
        observed["werktijdfactor"].iloc[1]
    )
    assert sc._observed_frame(frame.drop(columns=[sc.OBSERVED_WTF_COLUMN]))[
        "werktijdfactor"
    ].tolist() == [0.8, 0.6]
