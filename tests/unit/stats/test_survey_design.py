"""The sample as drawn: schools within sector strata, weights post-stratified to sector x weighting
group; logit intervals of proportions. Hand-computed cases and R's survey package (the "ps_",
"st_", "sl_", "lonely_" rows of tests/fixtures/r/expected.csv, written by make_fixtures.R).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from werkdruk_utils.stats import survey as sv

TOL = 5e-5
POPULATION = {
    "bao|schoolleider": 7513,
    "bao|leerkracht": 110125,
    "bao|overig": 32998,
    "go|schoolleider": 1303,
    "go|leerkracht": 19032,
    "go|overig": 16212,
}


def cells(frame: pd.DataFrame) -> pd.Series:
    return frame["sector"] + "|" + frame["wg"]


def ps_design(frame: pd.DataFrame, population=POPULATION) -> sv.SurveyDesign:
    design = sv.svydesign(frame["school"], strata=frame["sector"], weights=frame["w"])
    return sv.post_stratify(design, cells(frame), population)


def assert_close(actual: float, expected: float, what: str, tol: float = TOL) -> None:
    assert abs(actual - expected) <= tol, (what, actual, expected)


def assert_estimate(est: sv.Estimate, r: dict, quantity: str, term: str) -> None:
    for field in ("estimate", "se", "ci_low", "ci_high"):
        assert_close(getattr(est, field), r[(quantity, term, field)], f"{quantity} {field}")


# --------------------------------------------------------------------------------------------
# hand-computed


def test_stratified_variance_hand_computed() -> None:
    # two strata of two schools each, one row per school, weights 1, mean of y over 4 rows = 2.5
    # z = (y - 2.5)/4 = -3/8, -1/8 | 1/8, 3/8; per stratum: deviations from the stratum mean
    # (-1/4 and 1/4) are -1/8, 1/8 | -1/8, 1/8 -> each stratum 2/(2-1) * 2/64 = 1/16 -> var 1/8
    design = sv.svydesign(["a", "b", "c", "d"], strata=["s", "s", "t", "t"])
    est = sv.svymean([1.0, 2.0, 3.0, 4.0], design)
    assert est.estimate == pytest.approx(2.5)
    assert est.se == pytest.approx(math.sqrt(1 / 8))
    assert est.df == 4 - 2
    # without strata: deviations from the overall mean 0: 4/3 * (9+1+1+9)/64 -> larger variance
    plain = sv.svymean([1.0, 2.0, 3.0, 4.0], [1.0] * 4, ["a", "b", "c", "d"])
    assert plain.se == pytest.approx(math.sqrt(4 / 3 * 20 / 64))


def test_post_stratification_hand_computed() -> None:
    # one stratum, four schools of one row; cells A (rows 1, 2) and B (rows 3, 4) with population
    # 10 and 30: weights 5, 5, 15, 15; mean = (5*1 + 5*3 + 15*2 + 15*6)/40 = 140/40 = 3.5
    y = [1.0, 3.0, 2.0, 6.0]
    design = sv.post_stratify(
        sv.svydesign(["a", "b", "c", "d"]), ["A", "A", "B", "B"], {"A": 10, "B": 30}
    )
    np.testing.assert_allclose(design.weights, [5, 5, 15, 15])
    est = sv.svymean(y, design)
    assert est.estimate == pytest.approx(3.5)
    # z = w (y - 3.5) / 40 = -12.5, -2.5, -22.5, 37.5 (/40); post-stratum means removed:
    # A: -7.5 -> -5, 5; B: 7.5 -> -30, 30 (/40); var = 4/3 * (25 + 25 + 900 + 900) / 1600
    assert est.se == pytest.approx(math.sqrt(4 / 3 * 1850 / 1600))
    # the weights as fixed (no post-stratification) give a different SE
    fixed = sv.svymean(y, design.weights, ["a", "b", "c", "d"])
    assert fixed.estimate == pytest.approx(3.5)
    assert fixed.se != pytest.approx(est.se)


def test_weights_constant_within_cells_do_not_matter() -> None:
    frame = pd.DataFrame(
        {
            "school": list("aabbccdd"),
            "sector": ["s"] * 4 + ["t"] * 4,
            "cell": ["s1", "s2", "s1", "s2", "t1", "t1", "t2", "t2"],
            "y": [1.0, 2.0, 4.0, 3.0, 2.0, 5.0, 1.0, 3.0],
        }
    )
    pop = {"s1": 4, "s2": 6, "t1": 3, "t2": 9}
    ones = sv.post_stratify(
        sv.svydesign(frame["school"], strata=frame["sector"]), frame["cell"], pop
    )
    scaled = sv.post_stratify(
        sv.svydesign(
            frame["school"], strata=frame["sector"], weights=[3.0, 7.0, 3.0, 7.0, 2, 2, 5, 5]
        ),
        frame["cell"],
        pop,
    )
    a, b = sv.svymean(frame["y"], ones), sv.svymean(frame["y"], scaled)
    assert (a.estimate, a.se) == pytest.approx((b.estimate, b.se))


def test_post_stratify_checks_cells() -> None:
    design = sv.svydesign(["a", "b", "c"])
    with pytest.raises(sv.SurveyError, match="without population count"):
        sv.post_stratify(design, ["A", "B", "C"], {"A": 1, "B": 2})
    with pytest.raises(sv.SurveyError, match="no respondents.*partial"):
        sv.post_stratify(design, ["A", "A", "B"], {"A": 1, "B": 2, "C": 5})
    partial = sv.post_stratify(design, ["A", "A", "B"], {"A": 1, "B": 2, "C": 5}, partial=True)
    assert partial.weights.sum() == pytest.approx(3)


def test_clusters_must_nest_in_strata() -> None:
    with pytest.raises(sv.SurveyError, match="not nested"):
        sv.svydesign(["a", "a", "b"], strata=["s", "t", "t"])


def test_lonely_psu() -> None:
    design = sv.svydesign(["a", "b", "c"], strata=["s", "s", "t"])
    with pytest.raises(sv.SurveyError, match="only one PSU"):
        sv.svymean([1.0, 2.0, 3.0], design)
    adjusted = sv.svydesign(["a", "b", "c"], strata=["s", "s", "t"], lonely_psu="adjust")
    assert sv.svymean([1.0, 2.0, 3.0], adjusted).se > 0


def test_design_and_w_cluster_are_exclusive() -> None:
    design = sv.svydesign(["a", "b"])
    with pytest.raises(sv.SurveyError, match="either"):
        sv.svymean([1.0, 2.0], design, ["a", "b"])
    with pytest.raises(sv.SurveyError, match="rows"):
        sv.svymean([1.0, 2.0, 3.0], design)


# --------------------------------------------------------------------------------------------
# logit intervals


@pytest.mark.parametrize(
    ("values", "clusters"),
    [
        ([1, 0, 0, 0, 0, 0, 0, 0, 0, 0] * 3, list(range(30))),  # 10%, small n
        ([1] * 29 + [0], list(range(30))),  # 97%
        ([0] * 5 + [1] * 5, list("aabbccddee")),  # 50%
    ],
)
def test_logit_interval_lies_within_0_1_and_is_asymmetric(values, clusters) -> None:
    est = sv.svyciprop(values, [1.0] * len(values), clusters)
    p = np.mean(values)
    assert est.estimate == pytest.approx(p)
    assert 0 <= est.ci_low < p < est.ci_high <= 1
    wald = sv.svyprop(values, [1.0] * len(values), clusters)
    if p != 0.5:
        # the logit interval is pulled away from the nearer bound
        assert (est.ci_high - p) != pytest.approx(p - est.ci_low)
    # hand-computed: expit(logit(p) +/- t_df se / (p (1 - p)))
    q = stats.t.ppf(0.975, wald.df)
    centre = math.log(p / (1 - p))
    half = q * wald.se / (p * (1 - p))
    assert est.ci_low == pytest.approx(1 / (1 + math.exp(-(centre - half))))
    assert est.ci_high == pytest.approx(1 / (1 + math.exp(-(centre + half))))


def test_wald_interval_of_a_small_share_runs_below_zero_logit_does_not() -> None:
    # 1 of 40 respondents in 40 schools: p = 2.5%, se large relative to p
    values = [1] + [0] * 39
    wald = sv.svyprop(values, [1.0] * 40, list(range(40)))
    logit = sv.svyciprop(values, [1.0] * 40, list(range(40)))
    assert wald.ci_low < 0
    assert 0 < logit.ci_low < logit.estimate


def test_logit_interval_of_zero_collapses_like_r() -> None:
    est = sv.svyciprop([0, 0, 0, 0], [1.0] * 4, list("aabb"))
    assert (est.estimate, est.ci_low, est.ci_high) == (0.0, 0.0, 0.0)


# --------------------------------------------------------------------------------------------
# against R


def test_poststratified_weights_match_r(data: pd.DataFrame, r: dict) -> None:
    design = ps_design(data)
    assert design.degf() == r[("ps_design", "", "degf")]
    assert design.weights.sum() == pytest.approx(r[("ps_design", "", "sum_weights")])
    for cell in ("bao.leerkracht", "go.overig"):
        sector, wg = cell.split(".")
        first = design.weights[((data["sector"] == sector) & (data["wg"] == wg)).to_numpy()][0]
        assert first == pytest.approx(r[("ps_weights", cell, "first")])


def test_means_match_r(data: pd.DataFrame, r: dict) -> None:
    design = ps_design(data)
    assert_estimate(sv.svymean(data["y"], design), r, "ps_svymean_y_narm", "y")
    assert_estimate(sv.svymean(data["x"], design), r, "ps_svymean_x", "x")
    domain = sv.svymean(data["y"], design, domain=data["g"] == "v")
    assert_estimate(domain, r, "ps_svymean_y_domain_v", "y")
    assert domain.df == r[("ps_svymean_y_domain_v", "", "degf")]
    go = sv.svymean(data["x"], design, domain=data["sector"] == "go")
    assert_estimate(go, r, "ps_svymean_x_domain_go", "x")
    assert_estimate(sv.svyprop(data["d"], design), r, "ps_svyprop_d", "d")
    cats = sv.svymean_categories(data["f"], design).set_index("category")
    for level in ("a", "b", "c"):
        term = f"factor(f){level}"
        for field in ("estimate", "se"):
            assert_close(cats.loc[level, field], r[("ps_svymean_factor_f", term, field)], term)


def test_stratified_without_post_stratification_matches_r(data: pd.DataFrame, r: dict) -> None:
    design = sv.svydesign(data["school"], strata=data["sector"], weights=data["w"])
    assert design.degf() == r[("st_design", "", "degf")]
    assert_estimate(sv.svymean(data["y"], design), r, "st_svymean_y_narm", "y")
    unit = sv.svydesign(data["school"], strata=data["sector"])
    assert_estimate(sv.svymean(data["x"], unit), r, "st1_svymean_x", "x")


def test_svyby_matches_r(data: pd.DataFrame, r: dict) -> None:
    by = sv.svyby(data["y"], data["g"], ps_design(data)).set_index("by")
    for level in ("m", "v"):
        assert_close(by.loc[level, "estimate"], r[("ps_svyby_y_g", level, "estimate")], level)
        assert_close(by.loc[level, "se"], r[("ps_svyby_y_g", level, "se")], level)


@pytest.mark.parametrize(
    ("quantity", "domain"),
    [
        ("ps_ciprop_d", None),
        ("ps_ciprop_d_go", ("sector", "go")),
    ],
)
def test_logit_intervals_match_r(data: pd.DataFrame, r: dict, quantity: str, domain) -> None:
    mask = None if domain is None else data[domain[0]] == domain[1]
    est = sv.svyciprop(data["d"], ps_design(data), domain=mask)
    for field in ("estimate", "ci_low", "ci_high"):
        assert_close(getattr(est, field), r[(quantity, "", field)], f"{quantity} {field}")
    if domain is not None:
        assert est.df == r[(quantity, "", "df")]


def test_logit_interval_of_a_category_in_a_domain_matches_r(data: pd.DataFrame, r: dict) -> None:
    indicator = (data["f"] == "c").astype(float).where(data["f"].notna())
    est = sv.svyciprop(
        indicator, ps_design(data), domain=(data["sector"] == "go") & (data["g"] == "v")
    )
    for field in ("estimate", "ci_low", "ci_high"):
        assert_close(getattr(est, field), r[("ps_ciprop_fc_go", "", field)], field)


def test_logit_interval_cluster_design_matches_r(data: pd.DataFrame, r: dict) -> None:
    est = sv.svyciprop(data["d"], data["w"], data["school"])
    for field in ("estimate", "ci_low", "ci_high"):
        assert_close(getattr(est, field), r[("cl_ciprop_d", "", field)], field)


def test_logit_interval_of_zero_matches_r(data: pd.DataFrame, r: dict) -> None:
    est = sv.svyciprop((data["x2"] > 100).astype(float), ps_design(data))
    for field in ("estimate", "ci_low", "ci_high"):
        assert_close(getattr(est, field), r[("ps_ciprop_zero", "", field)], field)


def assert_ttest(test: sv.DifferenceTest, r: dict, quantity: str) -> None:
    assert_close(test.difference, r[(quantity, "", "estimate")], "estimate")
    assert_close(test.statistic, r[(quantity, "", "statistic")], "statistic")
    assert test.df == r[(quantity, "", "df")]
    assert_close(test.p, r[(quantity, "", "p")], "p")
    assert_close(test.ci_low, r[(quantity, "", "ci_low")], "ci_low")
    assert_close(test.ci_high, r[(quantity, "", "ci_high")], "ci_high")


def test_domain_differences_match_r(data: pd.DataFrame, r: dict) -> None:
    design = ps_design(data)
    assert_ttest(sv.svyttest_groups(data["y"], data["g"], design), r, "ps_svyttest_y_g")
    assert_ttest(
        sv.svyttest_groups(data["y"], data["f"], design, reference="a", other="c"),
        r,
        "ps_svyttest_y_f_ac",
    )
    assert_ttest(sv.svyttest_groups(data["d"], data["sector"], design), r, "ps_svyttest_d_sector")


def test_independent_samples_match_r(data: pd.DataFrame, r: dict) -> None:
    estimates = {}
    for half in ("A", "B"):
        part = data[data["half"] == half].reset_index(drop=True)
        estimates[half] = sv.svymean(part["y"], ps_design(part))
        assert_estimate(estimates[half], r, f"ps_svymean_y_half{half}", "y")
    assert estimates["A"].df == r[("ps_svymean_y_halfA", "", "degf")]
    test = sv.svyttest_independent(estimates["A"], estimates["B"])
    assert_close(test.se, r[("ps_svyttest_y_half", "", "se")], "se")
    assert_ttest(test, r, "ps_svyttest_y_half")


@pytest.mark.parametrize("pair", [("f", "g"), ("f", "sector"), ("f", "xc")])
def test_rao_scott_matches_r(data: pd.DataFrame, r: dict, pair: tuple[str, str]) -> None:
    result = sv.rao_scott_chisq(data[pair[0]], data[pair[1]], ps_design(data))
    name = f"ps_svychisq_{pair[0]}_{pair[1]}"
    assert_close(result.statistic, r[(name, "F", "statistic")], "F")
    assert_close(result.ndf, r[(name, "F", "ndf")], "ndf")
    assert_close(result.ddf, r[(name, "F", "ddf")], "ddf", tol=1e-3)
    assert_close(result.p, r[(name, "F", "p")], "p")
    assert_close(result.pearson, r[(name, "Chisq", "statistic")], "X-squared")
    assert_close(result.chisq_p, r[(name, "Chisq", "p")], "Chisq p")


@pytest.mark.parametrize(
    ("name", "formula"),
    [
        ("glm_main", "y ~ x + C(g) + C(f) + x2"),
        ("glm_inter", "y ~ x + I(x**2) + C(g) + x2 + C(g):x"),
    ],
)
def test_svyglm_matches_r(data: pd.DataFrame, r: dict, name: str, formula: str) -> None:
    frame = data.reset_index(drop=True)
    result = sv.svyglm_gaussian(formula, data=frame, w=ps_design(frame))
    assert result.df_residual == r[(f"ps_{name}", "", "df_residual")]
    r_terms = sorted({t for (q, t, _s) in r if q == f"ps_{name}" and t})
    assert len(r_terms) == len(result.table)
    for term_r, (_term, line) in zip(
        sorted(r_terms, key=lambda t: (t != "(Intercept)", t)), _ordered(result.table), strict=True
    ):
        for field in ("B", "SE", "p", "ci_low", "ci_high"):
            assert_close(line[field], r[(f"ps_{name}", term_r, field)], f"{term_r} {field}")


def _ordered(table: pd.DataFrame):
    """Patsy term names mapped onto R's (C(g)[T.v] -> gv, I(x ** 2) -> I(x^2), ...), R's order."""

    def r_name(term: str) -> str:
        return (
            term.replace("C(g)[T.v]", "gv")
            .replace("C(f)[T.b]", "fb")
            .replace("C(f)[T.c]", "fc")
            .replace("I(x ** 2)", "I(x^2)")
        )

    named = [(r_name(t), line) for t, line in table.iterrows()]
    named = [(("x:gv" if t == "gv:x" else t), line) for t, line in named]
    return sorted(named, key=lambda item: (item[0] != "(Intercept)", item[0]))


def test_svyglm_on_a_subpopulation_matches_r(data: pd.DataFrame, r: dict) -> None:
    frame = data.reset_index(drop=True).copy()
    frame["gv"] = (frame["g"] == "v").astype(float)
    # rows outside bao stay in the design with a missing predictor (weight zero), as R's subset
    x = frame[["x", "gv", "x2"]].where(frame["sector"] == "bao")
    result = sv.svyglm_gaussian(x, frame["y"], ps_design(frame))
    assert result.df_residual == r[("ps_glm_bao", "", "df_residual")]
    for term in ("(Intercept)", "x", "gv", "x2"):
        for field in ("B", "SE", "p"):
            assert_close(result.table.loc[term, field], r[("ps_glm_bao", term, field)], term)


def test_sector_post_stratification_matches_r(data: pd.DataFrame, r: dict) -> None:
    sl = data[data["wg"] == "schoolleider"].reset_index(drop=True)
    design = sv.post_stratify(
        sv.svydesign(sl["school"], strata=sl["sector"]), sl["sector"], {"bao": 85.7, "go": 14.3}
    )
    assert_estimate(sv.svymean(sl["x"], design), r, "sl_svymean_x", "x")
    assert_estimate(sv.svymean(sl["y"], design), r, "sl_svymean_y_narm", "y")
    est = sv.svyciprop(sl["d"], design)
    for field in ("estimate", "ci_low", "ci_high"):
        assert_close(getattr(est, field), r[("sl_ciprop_d", "", field)], field)
    chisq = sv.rao_scott_chisq(sl["f"], sl["g"], design)
    assert_close(chisq.statistic, r[("sl_svychisq_f_g", "F", "statistic")], "F")
    assert_close(chisq.ddf, r[("sl_svychisq_f_g", "F", "ddf")], "ddf", tol=1e-3)
    assert_close(chisq.p, r[("sl_svychisq_f_g", "F", "p")], "p")


@pytest.mark.parametrize("option", ["adjust", "certainty"])
def test_lonely_psu_options_match_r(data: pd.DataFrame, r: dict, option: str) -> None:
    strata = np.where(data["school"] == "S07", "solo", data["sector"])
    design = sv.svydesign(data["school"], strata=strata, weights=data["w"], lonely_psu=option)
    assert_estimate(sv.svymean(data["x"], design), r, f"lonely_{option}_svymean_x", "x")
