"""The special-function distributions equal scipy.stats bit for bit, edges included."""

import itertools
import math

import numpy as np
import pytest
from scipy import stats

from werkdruk_utils.stats import distributions as d

X = [-math.inf, -50.0, -3.2, -1e-300, 0.0, 1e-12, 0.3, 1.0, 1.959963984540054, 2.5, 40.0, 1e6]
X += [math.inf, math.nan]
DF = [-1.0, 0.0, 1e-3, 0.5, 1.0, 2.0, 3.7, 11.0, 129.0, 1e6, math.inf, math.nan]
Q = [-0.1, 0.0, 1e-300, 1e-9, 0.025, 0.5, 0.8, 0.975, 1 - 1e-12, 1.0, 1.1, math.nan]


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


@pytest.mark.parametrize(("x", "df"), list(itertools.product(X, DF)))
def test_t_sf_equals_scipy_stats(x: float, df: float) -> None:
    expected = float(stats.t.sf(x, df))
    assert same(d.t_sf(x, df), expected), (x, df, d.t_sf(x, df), expected)


@pytest.mark.parametrize(("q", "df"), list(itertools.product(Q, DF)))
def test_t_ppf_equals_scipy_stats(q: float, df: float) -> None:
    expected = float(stats.t.ppf(q, df))
    assert same(d.t_ppf(q, df), expected), (q, df, d.t_ppf(q, df), expected)


@pytest.mark.parametrize("q", Q)
def test_norm_ppf_equals_scipy_stats(q: float) -> None:
    assert same(d.norm_ppf(q), float(stats.norm.ppf(q)))


@pytest.mark.parametrize(("x", "df"), list(itertools.product(X, DF)))
def test_chi2_sf_equals_scipy_stats(x: float, df: float) -> None:
    assert same(d.chi2_sf(x, df), float(stats.chi2.sf(x, df))), (x, df)


@pytest.mark.parametrize(
    ("x", "dfn", "dfd"), list(itertools.product(X, [-1.0, 0.0, 0.7, 1.0, 4.2, math.inf], DF[::2]))
)
def test_f_sf_equals_scipy_stats(x: float, dfn: float, dfd: float) -> None:
    assert same(d.f_sf(x, dfn, dfd), float(stats.f.sf(x, dfn, dfd))), (x, dfn, dfd)


def test_arrays_broadcast_like_scipy_stats() -> None:
    x = np.array([[-1.0], [0.5], [np.inf]])
    df = np.array([1.0, 5.0, 30.0])
    got = d.t_sf(x, df)
    assert isinstance(got, np.ndarray) and got.shape == (3, 3)
    np.testing.assert_array_equal(got, stats.t.sf(x, df))
    np.testing.assert_array_equal(d.t_ppf([0.025, 0.975], 7.0), stats.t.ppf([0.025, 0.975], 7.0))


def test_hand_computed_values() -> None:
    # t with 1 df is the Cauchy distribution: P(T > 1) = 1/4, its 0,75 quantile is 1.
    assert d.t_sf(1.0, 1.0) == pytest.approx(0.25, abs=1e-15)
    assert d.t_ppf(0.75, 1.0) == pytest.approx(1.0, abs=1e-14)
    # chi-squared with 2 df is exponential with mean 2: P(X > 2) = e^-1.
    assert d.chi2_sf(2.0, 2.0) == pytest.approx(math.exp(-1.0), rel=1e-14)
    # F(2, 2): P(F > x) = 1 / (1 + x).
    assert d.f_sf(3.0, 2.0, 2.0) == pytest.approx(0.25, rel=1e-13)
    assert d.norm_ppf(0.975) == pytest.approx(1.959963984540054, rel=1e-15)
    assert isinstance(d.t_sf(1.0, 3.0), float)
