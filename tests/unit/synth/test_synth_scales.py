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
    assert sc.star_band(3, 300)[0] == pytest.approx(t3 + 2 * sc.STAR_MARGIN)
    assert [sc.stars_of(p) for p in (0.2, 0.049, 0.0099, 0.0049)] == [0, 1, 2, 3]


def test_coefficient_window_intersects_b_and_beta() -> None:
    k = sc.MAX_DEVIATION_SE
    # Beta / sd_ratio = 0,5 / 0,5 = 1,0 = B: the window is B +/- k SE
    assert sc.coefficient_window(1.0, 0.1, 0.5, 0.5) == pytest.approx((1 - 0.1 * k, 1 + 0.1 * k))
    # implied B 0,5 / 0,4 = 1,25: lower end from the Beta window, upper end from the B window
    assert sc.coefficient_window(1.0, 0.1, 0.5, 0.4) == pytest.approx((1.25 - 0.1 * k, 1 + 0.1 * k))
    # disjoint windows: the midpoint of B and implied B
    assert sc.coefficient_window(1.0, 0.01, 0.5, 0.25) == pytest.approx((1.5, 1.5))


def test_noise_factor_moves_adj_r2_into_window() -> None:
    target = 0.07
    # 0,20 -> goal 0,07 + window: factor sqrt((0,2/0,8) / (g/(1-g)))
    goal = target + sc.R2_WINDOW
    assert sc._noise_factor(0.20, target) == pytest.approx(
        np.sqrt((0.2 / 0.8) / (goal / (1 - goal)))
    )
    assert sc._noise_factor(0.08, target) == 1.0
    assert sc._noise_factor(0.01, target) < 1.0


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


def test_leverage_noise_scale_normalised_and_smaller_at_high_leverage() -> None:
    x = np.column_stack([np.ones(6), [0.0, 0.0, 0.0, 0.0, 0.0, 1.0]])
    w = np.ones(6)
    fit = np.array([True] * 6)
    scale = sc.leverage_noise_scale(x, w, fit, power=0.5)
    # leverage: 1/5 for the five zeros, 1 for the single one; mean 1/3
    raw = np.clip(np.array([0.6] * 5 + [3.0]) ** -0.5, 0.35, 1.6)
    assert scale == pytest.approx(raw / np.sqrt(np.mean(raw**2)))
    assert np.mean(scale**2) == pytest.approx(1.0)
    assert scale[5] < scale[0]
    none = sc.leverage_noise_scale(
        x, w, np.zeros(6, dtype=bool) | np.array([True] * 5 + [False]), power=0.5
    )
    assert none[5] == 1.0


def test_observed_werktijdfactor_replaces_the_true_one() -> None:
    frame = pd.DataFrame({"werktijdfactor": [0.8, 0.6], sc.OBSERVED_WTF_COLUMN: [0.8, np.nan]})
    observed = sc._observed_frame(frame)
    assert observed["werktijdfactor"].iloc[0] == 0.8 and np.isnan(
        observed["werktijdfactor"].iloc[1]
    )
    assert sc._observed_frame(frame.drop(columns=[sc.OBSERVED_WTF_COLUMN]))[
        "werktijdfactor"
    ].tolist() == [0.8, 0.6]
