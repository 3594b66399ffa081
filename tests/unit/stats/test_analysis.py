"""analysis: populations, weightings, domains, suppression and differences, with hand-computed
values."""

import math

import numpy as np
import pandas as pd
import pytest

from werkdruk_utils.stats import analysis


def frame(year=2024):
    # Two schools, four respondents: A = (schoolleider, leerkracht), B = (leerkracht, leerkracht).
    return pd.DataFrame(
        {
            "year": year,
            "school_id": ["A", "A", "B", "B"],
            "analysis_group": ["schoolleider", "leraar", "leraar", "leraar"],
            "weighting_group": ["schoolleider", "leerkracht", "leerkracht", "leerkracht"],
            "sector": ["bao", "bao", "go", "go"],
            "y": [1.0, 0.0, 1.0, 1.0],
            "code": [1, 2, 1, 3],
        }
    )


def test_unweighted_percent_and_se_by_hand():
    # mean 0.75; z = (y - .75)/4 = [.0625, -.1875, .0625, .0625]; cluster totals A -.125, B .125;
    # V = 2/(2-1) * (.125² + .125²) = .0625 -> SE .25 (25 percentage points).
    out = analysis.estimate(
        frame(),
        frame()["y"],
        statistic="percent",
        variable="y",
        weighting_name="none",
        min_n=1,
        design="cluster",
    )
    row = out.iloc[0]
    assert row["estimate"] == pytest.approx(75.0)
    assert row["se"] == pytest.approx(25.0)
    assert row["n"] == 4 and row["df"] == 1 and not row["suppressed"]
    assert row["group"] == "totaal" and row["year"] == 2024


def test_domain_keeps_the_full_design():
    # Leraren only: y = [0, 1, 1] (rows 2-4), mean 2/3; z over the domain = (y - 2/3)/3 ->
    # row2 -2/9, row3 1/9, row4 1/9; cluster totals A -2/9, B 2/9; V = 2 * 2 * (2/9)² = 16/81 -> SE
    # 4/9.
    out = analysis.estimate(
        frame(),
        frame()["y"],
        statistic="mean",
        variable="y",
        weighting_name="none",
        by="analysis_group",
        min_n=1,
        design="cluster",
    )
    leraar = out.set_index("group").loc["leraar"]
    assert leraar["estimate"] == pytest.approx(2 / 3)
    assert leraar["se"] == pytest.approx(4 / 9)


def strata_frame():
    # Four schools, two per sector, one respondent each: bao A, B and go C, D.
    return frame().assign(school_id=["A", "B", "C", "D"], y=[1.0, 2.0, 3.0, 4.0])


def unweighted_mean(data: pd.DataFrame, **options) -> pd.Series:
    return analysis.estimate(
        data, data["y"], statistic="mean", variable="y", weighting_name="none", min_n=1, **options
    ).iloc[0]


def test_stratified_design_by_hand():
    # mean 2.5, z = (y - 2.5)/4; within bao (-3/8, -1/8) and go (1/8, 3/8) the deviations from the
    # stratum mean are -/+1/8: per stratum 2/(2-1) * 2 * (1/8)^2 = 1/16, two strata: V = 1/8;
    # df = 4 schools - 2 strata.
    row = unweighted_mean(strata_frame())
    assert row["estimate"] == pytest.approx(2.5)
    assert row["se"] == pytest.approx(math.sqrt(1 / 8))
    assert row["df"] == 2
    # the cluster-only design ignores the strata: V = 4/3 * (9 + 1 + 1 + 9)/64 -> larger SE
    cluster = unweighted_mean(strata_frame(), design="cluster")
    assert cluster["se"] == pytest.approx(math.sqrt(4 / 3 * 20 / 64))
    assert cluster["df"] == 3


def test_percent_has_a_logit_interval_within_0_100():
    values = pd.Series([1.0, 0.0, 0.0, 0.0])
    row = analysis.estimate(
        strata_frame(), values, statistic="percent", variable="y", weighting_name="none", min_n=1
    ).iloc[0]
    assert row["estimate"] == pytest.approx(25.0)
    assert 0 <= row["ci_low"] < 25.0 < row["ci_high"] <= 100


def test_cell_weighting_is_a_post_stratification():
    design = analysis.design_for(strata_frame(), "all", "cell")
    # bao schoolleider 7513 and bao leerkracht 110125 (one respondent each), go leerkracht 19032
    # over two respondents; go schoolleider and go/bao overig have no respondents (left out).
    np.testing.assert_allclose(design.weights, [7513, 110125, 9516, 9516])
    assert design.survey.calibrated and design.survey.stratified
    cluster = analysis.design_for(strata_frame(), "all", "cell", design="cluster")
    assert not cluster.survey.calibrated and not cluster.survey.stratified
    with pytest.raises(analysis.AnalysisError, match="unknown design"):
        analysis.design_for(strata_frame(), "all", "cell", design="srs")


def test_small_cells_are_suppressed_and_blanked():
    out = analysis.estimate(
        frame(),
        frame()["y"],
        statistic="percent",
        variable="y",
        weighting_name="none",
        by="analysis_group",
        min_n=2,
    )
    sl = out.set_index("group").loc["schoolleider"]
    assert sl["suppressed"] and math.isnan(sl["estimate"]) and math.isnan(sl["se"]) and sl["n"] == 1
    assert not out.set_index("group").loc["leraar", "suppressed"]


def test_code_indicator_base_rules():
    f = frame().assign(code=[1, 2, 4, np.nan])
    ind = analysis.code_indicator("code", counts=[1], base=[1, 2, 3])(f)
    # code 4 ('weet ik niet' here) is outside the base, NaN is item non-response: both missing.
    assert ind.tolist()[:2] == [1.0, 0.0] and ind.isna().tolist()[2:] == [True, True]


def test_ticked_indicator_only_counts_respondents_who_answered():
    f = pd.DataFrame({"q_1": [1, 0, 0, np.nan], "q_2": [0, 1, 0, np.nan]})
    ind = analysis.ticked_indicator("q_1", ["q_1", "q_2"])(f)
    assert ind.iloc[0] == 1.0 and ind.iloc[1] == 0.0 and ind.isna().iloc[2] and ind.isna().iloc[3]


def test_sector_weights_need_schoolleiders():
    with pytest.raises(analysis.AnalysisError, match="schoolleiders"):
        analysis.design_for(frame(), population="all", weighting_name="sector")
    design = analysis.design_for(frame(), population="sl", weighting_name="sector")
    assert len(design.frame) == 1


def test_year_differences_independent_samples():
    rows = pd.DataFrame(
        {
            "year": [2023, 2024],
            "variable": "v",
            "group_var": "totaal",
            "group": "totaal",
            "category": None,
            "statistic": "percent",
            "estimate": [50.0, 56.0],
            "se": [2.0, 1.5],
            "ci_low": [0.0, 0.0],
            "ci_high": [0.0, 0.0],
            "n": [300, 300],
            "df": [100, 120],
            "suppressed": [False, False],
        }
    )
    diff = analysis.year_differences(rows, 2024).iloc[0]
    # se = sqrt(2² + 1,5²) = 2,5; t = 6 / 2,5 = 2,4 with df 100 + 120 - 1 = 219 -> p ≈ 0,0172.
    assert diff["difference"] == pytest.approx(6.0)
    assert diff["se"] == pytest.approx(2.5)
    assert diff["p"] == pytest.approx(0.01723, abs=2e-4)
    assert diff["significant"]


def test_group_differences_respects_min_n():
    out = analysis.group_differences(
        frame(),
        frame()["y"],
        by="analysis_group",
        reference="leraar",
        weighting_name="none",
        min_n=2,
    )
    assert (
        out.iloc[0]["group"] == "schoolleider"
        and math.isnan(out.iloc[0]["p"])
        and not out.iloc[0]["significant"]
    )
