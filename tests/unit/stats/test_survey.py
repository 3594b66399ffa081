"""werkdruk_utils.stats.survey: hand-computed small cases and R's survey package (committed
fixtures).

The fixtures in tests/fixtures/r/ were written by R (survey 4.1) with
``svydesign(ids = ~school, weights = ~w, data = d)``; see tests/fixtures/r/README.md.
Every comparison with R uses an absolute tolerance of 5e-5 (4 decimals).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from werkdruk_utils.stats import survey as sv

TOL = 5e-5


def close(actual: float, expected: float, tol: float = TOL) -> bool:
    return abs(actual - expected) <= tol


def assert_estimate(est: sv.Estimate, r: dict, quantity: str, term: str) -> None:
    for field in ("estimate", "se", "ci_low", "ci_high"):
        assert close(getattr(est, field), r[(quantity, term, field)]), (
            quantity,
            field,
            getattr(est, field),
        )


# --------------------------------------------------------------------------------------------
# hand-computed cases: 4 rows in 2 schools

Y = [1.0, 3.0, 2.0, 4.0]
W = [1.0, 1.0, 2.0, 2.0]
C = ["A", "A", "B", "B"]


def test_svymean_hand_computed() -> None:
    # ybar = (1 + 3 + 2*2 + 2*4) / 6 = 16/6 = 8/3
    # z_i = w_i (y_i - 8/3) / 6: -5/18, 1/18, -4/18, 8/18 -> cluster totals A = -4/18, B = 4/18
    # var = 2/(2-1) * ((4/18)^2 + (4/18)^2) = 64/324 -> se = 8/18 = 4/9
    est = sv.svymean(Y, W, C)
    assert est.estimate == pytest.approx(8 / 3)
    assert est.se == pytest.approx(4 / 9)
    q = stats.norm.ppf(0.975)
    assert est.ci_low == pytest.approx(8 / 3 - q * 4 / 9)
    assert est.ci_high == pytest.approx(8 / 3 + q * 4 / 9)
    assert (est.n, est.df) == (4, 1)


def test_linearised_vcov_hand_computed() -> None:
    # influence values of the mean above; an extra school "C" with zero influence is a PSU too:
    # totals -4/18, 4/18, 0 -> 3/2 * 32/324
    z = [-5 / 18, 1 / 18, -4 / 18, 8 / 18]
    assert sv.linearised_vcov(z, C)[0, 0] == pytest.approx(64 / 324)
    assert sv.linearised_vcov(z + [0.0], C + ["C"])[0, 0] == pytest.approx(1.5 * 32 / 324)


def test_svymean_missing_value_is_a_domain() -> None:
    # y = 1, NA, 2, 4: used weights 1, 2, 2 (sum 5); ybar = (1 + 4 + 8)/5 = 2.6
    # z = (1-2.6)/5 = -0.32 ; 0 ; 2(2-2.6)/5 = -0.24 ; 2(4-2.6)/5 = 0.56 -> A = -0.32, B = 0.32
    # var = 2 * (0.32^2 * 2) = 0.4096 -> se = 0.64
    est = sv.svymean([1.0, np.nan, 2.0, 4.0], W, C)
    assert est.estimate == pytest.approx(2.6)
    assert est.se == pytest.approx(0.64)
    assert est.n == 3


def test_domain_keeps_empty_clusters_in_the_design() -> None:
    # domain = rows 1-4 (schools A, B); school C is outside the domain but is a PSU of the design.
    # mean 2.5, sum w = 4, z = (y - 2.5)/4 = -0.375, 0.125, -0.125, 0.375, 0
    # totals A = -0.25, B = 0.25, C = 0 -> var = 3/2 * 0.125 = 0.1875
    y = [1.0, 3.0, 2.0, 4.0, 5.0]
    w = [1.0] * 5
    c = ["A", "A", "B", "B", "C"]
    est = sv.svymean(y, w, c, domain=[True, True, True, True, False])
    assert est.estimate == pytest.approx(2.5)
    assert est.se == pytest.approx(math.sqrt(0.1875))
    assert est.df == 1
    # filtering the frame first gives another (wrong) design: 2/1 * 0.125 -> se 0.5
    assert sv.svymean(y[:4], w[:4], c[:4]).se == pytest.approx(0.5)


def test_svyprop_hand_computed() -> None:
    # p = (1 + 2 + 2)/6 = 5/6; z = 1/36, -5/36, 2/36, 2/36 -> A = -4/36, B = 4/36
    # var = 2 * 32/1296 -> se = 8/36 = 2/9
    est = sv.svyprop([1, 0, 1, 1], W, C)
    assert est.estimate == pytest.approx(5 / 6)
    assert est.se == pytest.approx(2 / 9)


def test_svyprop_rejects_non_binary() -> None:
    with pytest.raises(sv.SurveyError, match="only 0, 1"):
        sv.svyprop([0, 1, 2, 1], W, C)


def test_categories_hand_computed() -> None:
    # p_a = (1 + 1 + 2)/6 = 2/3; z_a = 1/18, 1/18, 2/18, -4/18 -> A = 2/18, B = -2/18
    # var = 2 * 8/324 = 16/324 -> se = 4/18 = 2/9 for a and for b, cov(a, b) = -var
    out = sv.svymean_categories(["a", "a", "a", "b"], W, C)
    assert list(out["category"]) == ["a", "b"]
    assert out["estimate"].tolist() == pytest.approx([2 / 3, 1 / 3])
    assert out["se"].tolist() == pytest.approx([2 / 9, 2 / 9])
    assert out.attrs["vcov"].loc["a", "b"] == pytest.approx(-4 / 81)


def test_nullable_pandas_dtypes() -> None:
    # Int64 outcome with pd.NA, str clusters and groups with a missing value: same as the floats
    y = pd.Series([1, pd.NA, 2, 4], dtype="Int64")
    c = pd.Series(C, dtype="str")
    assert sv.svymean(y, pd.Series(W), c).se == pytest.approx(0.64)
    out = sv.svymean_categories(pd.Series([1, 1, pd.NA, 2], dtype="Int64"), W, c)
    # used weights 1, 1, 2: p_1 = 2/4
    assert out["estimate"].tolist() == pytest.approx([0.5, 0.5])
    by = sv.svyby(y, pd.Series(["m", pd.NA, "v", "v"], dtype="str"), W, c)
    assert by["by"].tolist() == ["m", "v"]
    assert by["estimate"].tolist() == pytest.approx([1.0, 3.0])


def test_svyttest_independent_hand_computed() -> None:
    a = sv.Estimate(estimate=2.0, se=0.3, ci_low=0, ci_high=0, n=10, df=9)
    b = sv.Estimate(estimate=2.5, se=0.4, ci_low=0, ci_high=0, n=12, df=11)
    res = sv.svyttest_independent(a, b, labels=(2022, 2024))
    assert res.difference == pytest.approx(0.5)
    assert res.se == pytest.approx(0.5)  # sqrt(0.09 + 0.16)
    assert res.statistic == pytest.approx(1.0)
    assert res.df == 19  # 10 + 12 schools - 3
    assert res.p == pytest.approx(2 * stats.t.sf(1.0, 19))
    assert (res.reference, res.other) == (2022, 2024)


def test_svyglm_hand_computed() -> None:
    # y = 1, 3, 2, 6 on x = 0, 1, 0, 1 (w = 1): B0 = mean(x=0) = 1.5, B1 = 4.5 - 1.5 = 3
    # residuals -0.5, -1.5, 0.5, 1.5; influence of B1 = -r/2 (x=0), r/2 (x=1):
    #   0.25, -0.75, -0.25, 0.75 -> A = -0.5, B = 0.5 -> var = 2 * 0.5 = 1 -> SE 1
    # influence of B0 = r/2 (x=0), 0 (x=1): -0.25, 0, 0.25, 0 -> A = -0.25, B = 0.25 -> SE 0.5
    # df = 2 schools - 2 coefficients = 0 -> p not defined (R: NaN)
    res = sv.svyglm_gaussian(
        pd.DataFrame({"x": [0.0, 1.0, 0.0, 1.0]}), [1.0, 3.0, 2.0, 6.0], [1.0] * 4, C
    )
    assert res.table["B"].tolist() == pytest.approx([1.5, 3.0])
    assert res.table["SE"].tolist() == pytest.approx([0.5, 1.0])
    assert res.table.loc["x", "t"] == pytest.approx(3.0)
    assert res.df_residual == 0
    assert math.isnan(res.table.loc["x", "p"])


def test_svyglm_binary_predictor_equals_group_difference(data: pd.DataFrame) -> None:
    ttest = sv.svyttest_groups(data["y"], data["g"], data["w"], data["school"])
    reg = sv.svyglm_gaussian(
        pd.DataFrame({"v": (data["g"] == "v").astype(float)}), data["y"], data["w"], data["school"]
    )
    assert reg.table.loc["v", "B"] == pytest.approx(ttest.difference)
    assert reg.table.loc["v", "SE"] == pytest.approx(ttest.se)
    assert reg.df_residual == ttest.df


def test_rao_scott_without_clustering_is_pearson_times_n_minus_1_over_n() -> None:
    # every row its own cluster, equal weights: V = (D - pp')/(n-1), so Delta = n/(n-1) I,
    # F = X^2 / (df n/(n-1)) with ndf = df, and the first-order statistic is X^2 (n-1)/n.
    rng = np.random.default_rng(3)
    x = rng.choice(["a", "b", "c"], 120)
    y = rng.choice(["p", "q"], 120)
    counts = pd.crosstab(x, y).to_numpy()
    pearson = stats.chi2_contingency(counts, correction=False)[0]
    n = 120
    res = sv.rao_scott_chisq(x, y, np.ones(n), np.arange(n))
    assert res.pearson == pytest.approx(pearson)
    assert res.chisq_adjusted == pytest.approx(pearson * (n - 1) / n)
    assert res.statistic == pytest.approx(pearson / (2 * n / (n - 1)))
    assert res.ndf == pytest.approx(2)
    assert res.ddf == pytest.approx(2 * (n - 1))
    assert res.design_effects == pytest.approx([n / (n - 1)] * 2)


def test_significance_stars_thresholds() -> None:
    assert sv.significance_stars(0.0049) == "***"
    assert sv.significance_stars(0.005) == "**"
    assert sv.significance_stars(0.0099) == "**"
    assert sv.significance_stars(0.01) == "*"
    assert sv.significance_stars(0.0499) == "*"
    assert sv.significance_stars(0.05) == ""
    assert sv.significance_stars(float("nan")) == ""


def test_single_cluster_design_raises() -> None:
    with pytest.raises(sv.SurveyError, match="only one cluster"):
        sv.svymean([1.0, 2.0], [1.0, 1.0], ["A", "A"])


@pytest.mark.parametrize(
    ("w", "c", "message"),
    [
        ([1.0, np.nan, 1.0, 1.0], C, "missing value"),
        ([1.0, -1.0, 1.0, 1.0], C, "non-negative"),
        ([1.0, 1.0, 1.0], C, "expected 4"),
        (W, ["A", None, "B", "B"], "cluster"),
    ],
)
def test_invalid_design_inputs(w, c, message) -> None:
    with pytest.raises(sv.SurveyError, match=message):
        sv.svymean(Y, w, c)


def test_empty_domain_raises() -> None:
    with pytest.raises(sv.SurveyError, match="no rows"):
        sv.svymean(Y, W, C, domain=[False] * 4)


# --------------------------------------------------------------------------------------------
# R fixtures


def test_fixture_design(data: pd.DataFrame, r: dict) -> None:
    assert r[("design", "", "degf")] == data["school"].nunique() - 1 == 39


def test_svymean_matches_r(data: pd.DataFrame, r: dict) -> None:
    assert_estimate(sv.svymean(data["y"], data["w"], data["school"]), r, "svymean_y_narm", "y")
    assert_estimate(
        sv.svymean(data["y"], data["w"], data["school"]), r, "svymean_y_subset_complete", "y"
    )
    assert_estimate(sv.svymean(data["x"], data["w"], data["school"]), r, "svymean_x", "x")
    domain = data["g"] == "v"
    assert_estimate(
        sv.svymean(data["y"], data["w"], data["school"], domain=domain),
        r,
        "svymean_y_domain_v",
        "y",
    )


def test_svymean_na_handling_differs_from_dropping_the_school(data: pd.DataFrame, r: dict) -> None:
    # school S40 has no observed y; dropping its rows before estimating changes n_c from 40 to 39
    kept = data["school"] != "S40"
    dropped = sv.svymean(data.loc[kept, "y"], data.loc[kept, "w"], data.loc[kept, "school"])
    assert not close(dropped.se, r[("svymean_y_narm", "y", "se")], 1e-6)
    assert dropped.se == pytest.approx(
        r[("svymean_y_narm", "y", "se")] * math.sqrt((39 / 38) / (40 / 39))
    )


def test_svyprop_matches_r(data: pd.DataFrame, r: dict) -> None:
    assert_estimate(sv.svyprop(data["d"], data["w"], data["school"]), r, "svyprop_d", "d")


def test_categories_match_r(data: pd.DataFrame, r: dict) -> None:
    out = sv.svymean_categories(data["f"], data["w"], data["school"]).set_index("category")
    for level in ("a", "b", "c"):
        for field in ("estimate", "se", "ci_low", "ci_high"):
            assert close(
                out.loc[level, field], r[("svymean_factor_f", f"factor(f){level}", field)]
            ), (level, field)
    assert out["estimate"].sum() == pytest.approx(1.0)


def test_svyby_matches_r(data: pd.DataFrame, r: dict) -> None:
    out = sv.svyby(data["y"], data["g"], data["w"], data["school"]).set_index("by")
    for level in ("m", "v"):
        for field in ("estimate", "se", "ci_low", "ci_high"):
            assert close(out.loc[level, field], r[("svyby_y_g", level, field)]), (level, field)
        assert close(out.loc[level, "se"], r[("svyby_y_g_narm", level, "se")])
    vcov = sv.svyby(data["y"], data["g"], data["w"], data["school"]).attrs["vcov"]
    assert close(vcov.loc["m", "v"], r[("svyby_y_g", "m:v", "cov")], 1e-7)
    out_f = sv.svyby(data["y"], data["f"], data["w"], data["school"]).set_index("by")
    for level in ("a", "b", "c"):
        for field in ("estimate", "se"):
            assert close(out_f.loc[level, field], r[("svyby_y_f", level, field)]), (level, field)
    out_d = sv.svyby(data["d"], data["g"], data["w"], data["school"]).set_index("by")
    for level in ("m", "v"):
        for field in ("estimate", "se"):
            assert close(out_d.loc[level, field], r[("svyby_d_g", level, field)]), (level, field)


def test_domain_difference_matches_r(data: pd.DataFrame, r: dict) -> None:
    res = sv.svyttest_groups(data["y"], data["g"], data["w"], data["school"])
    assert (res.reference, res.other) == ("m", "v")
    assert close(res.difference, r[("contrast_y_g", "v-m", "estimate")])
    assert close(res.se, r[("contrast_y_g", "v-m", "se")])
    assert close(res.difference, r[("svyttest_y_g", "v-m", "estimate")])
    assert close(res.statistic, r[("svyttest_y_g", "v-m", "statistic")])
    assert res.df == r[("svyttest_y_g", "v-m", "df")] == 37
    assert close(res.p, r[("svyttest_y_g", "v-m", "p")])
    assert close(res.ci_low, r[("svyttest_y_g", "v-m", "ci_low")])
    assert close(res.ci_high, r[("svyttest_y_g", "v-m", "ci_high")])


def test_domain_difference_of_two_of_three_levels_matches_r(data: pd.DataFrame, r: dict) -> None:
    res = sv.svyttest_groups(
        data["y"], data["f"], data["w"], data["school"], reference="a", other="c"
    )
    assert close(res.difference, r[("contrast_y_f", "c-a", "estimate")])
    assert close(res.se, r[("contrast_y_f", "c-a", "se")])
    assert close(res.statistic, r[("svyttest_y_f_ac", "c-a", "statistic")])
    assert res.df == r[("svyttest_y_f_ac", "c-a", "df")]
    assert close(res.p, r[("svyttest_y_f_ac", "c-a", "p")])
    with pytest.raises(sv.SurveyError, match="exactly two"):
        sv.svyttest_groups(data["y"], data["f"], data["w"], data["school"])


def test_independent_samples_match_r(data: pd.DataFrame, r: dict) -> None:
    a = data[data["half"] == "A"]
    b = data[data["half"] == "B"]
    est_a = sv.svymean(a["y"], a["w"], a["school"])
    est_b = sv.svymean(b["y"], b["w"], b["school"])
    assert_estimate(est_a, r, "svymean_y_halfA", "y")
    assert_estimate(est_b, r, "svymean_y_halfB", "y")
    res = sv.svyttest_samples(
        a["y"], a["w"], a["school"], b["y"], b["w"], b["school"], labels=("A", "B")
    )
    q = "svyttest_y_half_strata"
    assert close(res.difference, r[(q, "B-A", "estimate")])
    assert close(res.se, r[(q, "B-A", "se")])
    assert close(res.statistic, r[(q, "B-A", "statistic")])
    assert res.df == r[(q, "B-A", "df")]
    assert close(res.p, r[(q, "B-A", "p")])


@pytest.mark.parametrize("pair", [("f", "g"), ("f", "d"), ("f", "xc")])
def test_rao_scott_matches_r(data: pd.DataFrame, r: dict, pair: tuple[str, str]) -> None:
    res = sv.rao_scott_chisq(data[pair[0]], data[pair[1]], data["w"], data["school"])
    name = f"svychisq_{pair[0]}_{pair[1]}"
    assert close(res.statistic, r[(name, "F", "statistic")])
    assert close(res.ndf, r[(name, "F", "ndf")])
    assert close(res.ddf, r[(name, "F", "ddf")], 5e-4)  # ddf = 39 * ndf
    assert close(res.p, r[(name, "F", "p")])
    assert close(res.pearson, r[(name, "Chisq", "statistic")])
    assert res.chisq_df == r[(name, "Chisq", "df")]
    assert close(res.chisq_p, r[(name, "Chisq", "p")])


R_TERMS = {
    "(Intercept)": "(Intercept)",
    "x": "x",
    "gv": "C(g)[T.v]",
    "fb": "C(f)[T.b]",
    "fc": "C(f)[T.c]",
    "x2": "x2",
    "I(x^2)": "I(x ** 2)",
    "x:gv": "C(g)[T.v]:x",
}
MODELS = {
    "glm_main": "y ~ x + C(g) + C(f) + x2",
    "glm_inter": "y ~ x + I(x**2) + C(g) + x2 + C(g):x",
}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_svyglm_matches_r(data: pd.DataFrame, r: dict, name: str) -> None:
    res = sv.svyglm_gaussian(MODELS[name], data=data, w="w", cluster="school")
    terms = sorted({t for (q, t, _s) in r if q == name and t})
    assert len(terms) == len(res.table)
    for term in terms:
        row = res.table.loc[R_TERMS[term]]
        for field in ("B", "SE", "t", "p", "ci_low", "ci_high"):
            assert close(row[field], r[(name, term, field)]), (term, field, row[field])
        if term != "(Intercept)":
            assert close(row["Beta"], r[(name, term, "Beta")]), (term, "Beta")
        assert row["stars"] == sv.significance_stars(r[(name, term, "p")])
    assert res.df_residual == r[(name, "", "df_residual")]
    assert res.n == r[(name, "", "n")]
    assert close(res.r2, r[(name, "", "r2")])
    assert close(res.adj_r2, r[(name, "", "adj_r2")])


def test_svyglm_frame_api_equals_formula(data: pd.DataFrame, r: dict) -> None:
    X = pd.DataFrame(
        {
            "x": data["x"],
            "gv": (data["g"] == "v").astype(float),
            "fb": (data["f"] == "b").astype(float).where(data["f"].notna()),
            "fc": (data["f"] == "c").astype(float).where(data["f"].notna()),
            "x2": data["x2"].astype(float),
        }
    )
    res = sv.svyglm_gaussian(X, data["y"], data["w"], data["school"])
    for term in ("(Intercept)", "x", "gv", "fb", "fc", "x2"):
        assert close(res.table.loc[term, "B"], r[("glm_main", term, "B")])
        assert close(res.table.loc[term, "SE"], r[("glm_main", term, "SE")])
    assert res.df_residual == 33


def test_lonely_domain_matches_r(data: pd.DataFrame, r: dict) -> None:
    # a domain inside one school (S07) of a 40-school design: R returns SE = 0 without a warning
    solo = data["solo"] == "yes"
    for var, quantity in (("y", "svymean_y_solo"), ("x", "svymean_x_solo")):
        est = sv.svymean(data[var], data["w"], data["school"], domain=solo)
        assert close(est.estimate, r[(quantity, var, "estimate")])
        assert abs(r[(quantity, var, "se")]) < 1e-12
        assert est.se < 1e-12
        assert est.df == 0
