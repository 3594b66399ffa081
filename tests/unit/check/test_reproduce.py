"""Reproduction of the published numbers: hand-computed rule types, mapping coverage, smoke run.

The tiny frame below has 8 respondents at 3 schools with weights given by hand, so that every
expected percentage / mean can be computed in the comments:

    idx school sector analysis_group                    w_cell  w_sector (schoolleiders only)
    0   s1     bao    schoolleider                      0.50    1.2
    1   s1     bao    schoolleider                      0.50    1.2
    2   s1     bao    leraar                            1.50    -
    3   s2     bao    schoolleider                      0.50    1.2
    4   s2     bao    onderwijsondersteunend personeel  1.00    -
    5   s3     go     schoolleider                      0.25    0.4
    6   s3     go     overig ondersteunend personeel    2.00    -
    7   s3     go     leraar                            0.75    -
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from werkdruk_utils.check import published as pubmod
from werkdruk_utils.check import reproduce as R

NA = pd.NA
SL = "schoolleider"


def _int(values: list) -> pd.Series:
    return pd.Series(values, dtype="Int64")


def tiny_respondents() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "respondent_id": [f"r{i}" for i in range(8)],
            "school_id": ["s1", "s1", "s1", "s2", "s2", "s3", "s3", "s3"],
            "sector": ["bao"] * 5 + ["go"] * 3,
            "municipality_category": ["G4", "G4", "G4", "overig", "overig", "G40", "G40", "G40"],
            "analysis_group": [
                SL,
                SL,
                "leraar",
                SL,
                "onderwijsondersteunend personeel",
                SL,
                "overig ondersteunend personeel",
                "leraar",
            ],
            "weighting_group": [
                "schoolleider",
                "schoolleider",
                "leerkracht",
                "schoolleider",
                "overig",
                "schoolleider",
                "overig",
                "leerkracht",
            ],
            "w_cell": [0.5, 0.5, 1.5, 0.5, 1.0, 0.25, 2.0, 0.75],
            "w_sector": [1.2, 1.2, np.nan, 1.2, np.nan, 0.4, np.nan, np.nan],
        }
    )
    sl_only = lambda values: _int([values[0], values[1], NA, values[2], NA, values[3], NA, NA])  # noqa: E731
    frame["v9"] = sl_only([2, 1, NA, 1])
    frame["v17"] = sl_only([3, 3, 1, 3])
    frame["v19"] = _int([1, 2, 3, 6, 2, 1, NA, 3])
    frame["v16_9"] = sl_only([1, 4, 2, 1])
    frame["v14_1"] = pd.Series(
        [np.nan, 10, np.nan, 5, np.nan, np.nan, np.nan, np.nan], dtype="Float64"
    )
    frame["v14_2"] = pd.Series([100, 80, np.nan, 95, np.nan, 50, np.nan, np.nan], dtype="Float64")
    frame["v14_3"] = pd.Series(
        [np.nan, 10, np.nan, np.nan, np.nan, np.nan, np.nan, np.nan], dtype="Float64"
    )
    frame["v14_4"] = sl_only([0, 0, 0, 1])
    for i, values in enumerate(
        [[1, 0, 1, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]],
        start=1,
    ):
        frame[f"v11_{i}"] = sl_only(values)
    for i, values in enumerate([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]], start=1):
        frame[f"v18_{i}"] = sl_only(values)
    # Q10 grid, items 6 and 7 only; row 1 shown but nothing ticked (not answering)
    frame["v10_6_oorzaak"] = sl_only([1, 0, 0, 0])
    frame["v10_6_besteed_2023_2024"] = sl_only([1, 0, 0, 1])
    frame["v10_6_nvt"] = sl_only([0, 0, 0, 0])
    frame["v10_7_oorzaak"] = sl_only([0, 0, 1, 1])
    frame["v10_7_besteed_2023_2024"] = sl_only([0, 0, 0, 0])
    frame["v10_7_nvt"] = sl_only([0, 0, 0, 0])
    # Q6 items 1-3 (kwantitatieve taakeisen): row 7 answers one item only -> no score
    frame["v6_1"] = _int([2, 3, 4, 1, 2, 3, 2, 4])
    frame["v6_2"] = _int([2, 3, 4, NA, 2, 3, 2, NA])
    frame["v6_3"] = _int([2, 3, 4, 2, 2, 3, 2, NA])
    return frame


def tiny_measurement(year: int = 2024) -> SimpleNamespace:
    schools = pd.DataFrame(
        {"school_id": ["s1", "s2", "s3", "s4"], "sector": ["bao", "bao", "go", "go"]}
    )
    return SimpleNamespace(respondents=tiny_respondents(), schools=schools, year=year)


HAND_WEIGHTS = R.WeightFunctions(cell=lambda f: f["w_cell"], sector=lambda f: f["w_sector"])


@pytest.fixture(scope="module")
def pub() -> pd.DataFrame:
    return pubmod.load_published()


def run(pub: pd.DataFrame, sources: list[str], year: int = 2024) -> pd.DataFrame:
    result = R.reproduce(tiny_measurement(year), pubmod.select(pub, sources), weights=HAND_WEIGHTS)
    return result


def value(
    result: pd.DataFrame,
    source: str,
    category: str,
    group: str | None = None,
    statistic: str | None = None,
) -> float:
    rows = result[(result["source_id"] == source) & (result["category"] == category)]
    if group is not None:
        rows = rows[rows["group"] == group]
    if statistic is not None:
        rows = rows[rows["statistic"] == statistic]
    assert len(rows) == 1, rows
    return float(rows["reproduced"].iloc[0])


# ------------------------------------------------------------------------------ rule types


def test_unweighted_within_sector_tabel_3_1(pub):
    res = run(pub, ["Tabel 3.1"])
    # bao schoolleiders 0, 1, 3; row 3 did not answer v9 -> base rows 0 (code 2) and 1 (code 1)
    assert value(
        res, "Tabel 3.1", "Dat doen we binnen het kader van het werkverdelingsplan 2022-2023", "Bao"
    ) == pytest.approx(50.0)
    assert value(
        res, "Tabel 3.1", "Dat doen we los van het werkverdelingsplan voor 2022-2023", "Bao"
    ) == pytest.approx(50.0)
    assert value(res, "Tabel 3.1", "Anders", "Bao") == pytest.approx(0.0)
    # go: only row 5 (code 1) -> 100 %
    assert value(
        res, "Tabel 3.1", "Dat doen we los van het werkverdelingsplan voor 2022-2023", "Go"
    ) == pytest.approx(100.0)
    # printed N = number of schoolleiders in the sector, incl. item non-response: bao 3, go 1
    assert value(res, "Tabel 3.1", "Totaal N", "Bao") == 3
    assert value(res, "Tabel 3.1", "Totaal N", "Go") == 1


def test_sector_weights_tabel_3_4(pub):
    res = run(pub, ["Tabel 3.4"])
    # v17 of schoolleiders: rows 0, 1 (bao, w 1.2) code 3; row 3 (bao, 1.2) code 1; row 5 (go, 0.4)
    # code 3
    # total weight 1.2*3 + 0.4 = 4.0; code 3 -> (1.2 + 1.2 + 0.4) / 4.0 = 70 % (unweighted would be
    # 75 %)
    assert value(
        res, "Tabel 3.4", "Het bestuur heeft ons team volledige vrijheid gegeven."
    ) == pytest.approx(70.0)
    assert value(
        res,
        "Tabel 3.4",
        "Het bestuur heeft vooral kaders en criteria aangegeven waarmee ons team rekening moest "
        "houden.",
    ) == pytest.approx(30.0)
    assert value(res, "Tabel 3.4", "Totaal N") == 4


def test_cell_weights_tabel_5_1_weet_ik_niet_outside_base(pub):
    res = run(pub, ["Tabel 5.1"])
    # v19 = [1, 2, 3, 6, 2, 1, NA, 3]; base codes 1-5 -> rows 0,1,2,4,5,7,
    # weights 0.5 + 0.5 + 1.5 + 1.0 + 0.25 + 0.75 = 4.5
    # sterk gedaald (1): rows 0, 5 -> 0.75 / 4.5 = 16.667 %
    assert value(
        res, "Tabel 5.1", "Ja, de werkdruk op mijn school is sterk gedaald"
    ) == pytest.approx(100 * 0.75 / 4.5)
    # enigszins gedaald (2): rows 1, 4 -> 1.5 / 4.5 = 33.333 %
    assert value(
        res, "Tabel 5.1", "Ja, de werkdruk op mijn school is enigszins gedaald"
    ) == pytest.approx(100 * 1.5 / 4.5)
    # gelijk (3): rows 2, 7 -> 2.25 / 4.5 = 50 %
    assert value(
        res, "Tabel 5.1", "Nee, de werkdruk op mijn school is gelijk gebleven"
    ) == pytest.approx(50.0)
    # printed N = unweighted count answering (codes 1-5) = 6
    assert value(res, "Tabel 5.1", "Totaal N") == 6


def test_cell_weights_by_sector_tekst_h5_2(pub):
    res = run(pub, ["Tekst H5.2"])
    # bao rows 0..4 answering 1-5: rows 0,1,2,4 (row 3 = 6); weights 0.5, 0.5, 1.5, 1.0 = 3.5
    # gedaald (1, 2): rows 0, 1, 4 -> 2.0 / 3.5
    assert value(
        res, "Tekst H5.2", "werkdruk op school (enigszins) gedaald", "regulier basisonderwijs (bao)"
    ) == pytest.approx(100 * 2.0 / 3.5)
    # G4 = school s1 rows 0, 1, 2: 1.0 / 2.5
    assert value(
        res, "Tekst H5.2", "werkdruk op school (enigszins) gedaald", "G4"
    ) == pytest.approx(40.0)


def test_means_of_filled_fields_q14_tabel_3_3(pub):
    res = run(pub, ["Tabel 3.3"])
    # schoolleiders 0, 1, 3 (bao, equal weight 1.2); row 5 ticked 'weet ik niet' -> excluded
    # Schoolleiding: rows 1, 3 filled -> (10 + 5) / 2 = 7.5
    assert value(res, "Tabel 3.3", "Schoolleiding") == pytest.approx(7.5)
    # Leerkrachten: rows 0, 1, 3 -> (100 + 80 + 95) / 3 = 91.667 (row 5's 50 excluded)
    assert value(res, "Tabel 3.3", "Leerkrachten") == pytest.approx(275 / 3)
    # Overig personeel: row 1 -> 10; column sum 109.2 > 100, as in the report
    assert value(res, "Tabel 3.3", "Overig personeel") == pytest.approx(10.0)


def test_base_excluding_nvt_tabel_3_2_and_h3_3(pub):
    res = run(pub, ["Tabel 3.2", "Tekst H3.3"])
    # v16_9 (Behandelaars): row 0 = 1, row 1 = 4 (n.v.t.), row 3 = 2, row 5 = 1
    # sector weights: base rows 0, 3, 5 = 1.2 + 1.2 + 0.4 = 2.8; besproken rows 0, 5 = 1.6 -> 57.14
    # %
    assert value(
        res, "Tabel 3.2", "Behandelaar(s) (bijvoorbeeld logopedist of orthopedagoog)"
    ) == pytest.approx(100 * 1.6 / 2.8)
    # §3.3 unweighted within sector: bao rows 0, 3 -> 50 %; go row 5 -> 100 %
    assert value(res, "Tekst H3.3", "Behandelaars", "bao") == pytest.approx(50.0)
    assert value(res, "Tekst H3.3", "Behandelaars", "go") == pytest.approx(100.0)


def test_multi_choice_among_answering_tabel_4_2(pub):
    res = run(pub, ["Tabel 4.2"])
    # row 1 ticked nothing in Q11 -> not answering; base rows 0, 3, 5 = 1.2 + 1.2 + 0.4 = 2.8
    # Inzet van extra personeel: rows 0, 3 -> 2.4 / 2.8 = 85.71 %
    assert value(res, "Tabel 4.2", "Inzet van extra personeel") == pytest.approx(100 * 2.4 / 2.8)
    # Professionaliseringsactiviteiten: row 0 -> 1.2 / 2.8
    assert value(res, "Tabel 4.2", "Professionaliseringsactiviteiten") == pytest.approx(
        100 * 1.2 / 2.8
    )
    # Weet ik niet: row 5 -> 0.4 / 2.8
    assert value(res, "Tabel 4.2", "Weet ik niet") == pytest.approx(100 * 0.4 / 2.8)


def test_multi_choice_weet_ik_niet_excluded_tabel_4_4_and_h4_2(pub):
    res = run(pub, ["Tabel 4.4", "Tekst H4.2"])
    # row 3 ticked only 'weet ik niet' -> excluded; base rows 0, 1, 5 = 1.2 + 1.2 + 0.4 = 2.8
    assert value(
        res, "Tabel 4.4", "Ja, maatregelen die gefinancierd zijn met andere middelen"
    ) == pytest.approx(100 * 1.2 / 2.8)
    assert value(res, "Tabel 4.4", "Nee") == pytest.approx(100 * 0.4 / 2.8)
    # §4.2: v18_1 or v18_2 -> rows 0, 1 -> 2.4 / 2.8 = 85.7 %
    assert value(res, "Tekst H4.2", "Ja (andere maatregelen)") == pytest.approx(100 * 2.4 / 2.8)


def test_q10_grid_tabel_4_1_and_b3_1(pub):
    res = run(pub, ["Tabel 4.1", "Tabel B3.1"])
    # Tabel 4.1: answered the grid = rows 0, 3, 5 (row 1 ticked nothing); weights 2.8
    # item 6 besteed 2023-2024: rows 0, 5 -> 1.6 / 2.8
    label6 = "Leerlingen met specifieke ondersteuningsbehoefte op het gebied van leren"
    assert value(res, "Tabel 4.1", label6) == pytest.approx(100 * 1.6 / 2.8)
    # B3.1 unweighted among ALL schoolleiders of the sector: bao rows 0, 1, 3; oorzaak item 6 only
    # row 0
    assert value(res, "Tabel B3.1", label6, "bao") == pytest.approx(100 / 3)
    label7 = "Leerlingen met specifieke ondersteuningsbehoefte op het gebied van gedrag"
    assert value(res, "Tabel B3.1", label7, "go") == pytest.approx(100.0)
    # 'Totaal aantal respondenten' = rounded sum of cell weights: bao SL 0.5 * 3 = 1.5 -> 2; go 0.25
    # -> 0
    assert value(res, "Tabel B3.1", "Totaal aantal respondenten", "bao") == 2
    assert value(res, "Tabel B3.1", "Totaal aantal respondenten", "go") == 0
    # a column the frame lacks gives NaN with a note, not an exception
    other = res[res["category"] == "Klassengrootte"]
    assert other["reproduced"].isna().all() and other["note"].str.startswith("error:").all()
    assert other["note"].str.contains("v10_8").all() and not other["within_tolerance"].any()


def test_scale_mean_cell_weights_tekst_h2_2(pub):
    res = run(pub, ["Tekst H2.2"])
    # scores (mean of answered items, >= 2 of 3): rows 0..6 = 2, 3, 4, 1.5, 2, 3, 2; row 7 none
    # weights 0.5, 0.5, 1.5, 0.5, 1.0, 0.25, 2.0 (sum 6.25)
    expected = (1.0 + 1.5 + 6.0 + 0.75 + 2.0 + 0.75 + 4.0) / 6.25
    assert value(res, "Tekst H2.2", "Kwantitatieve taakeisen") == pytest.approx(expected)


def test_scale_score_needs_two_thirds_of_items():
    frame = pd.DataFrame({"a": _int([1, 2, NA]), "b": _int([3, NA, NA]), "c": _int([2, NA, 4])})
    score = R.scale_score(frame, ["a", "b", "c"])
    assert score.iloc[0] == pytest.approx(2.0)
    assert math.isnan(score.iloc[1]) and math.isnan(score.iloc[2])


def test_weighted_percent_and_mean_by_hand():
    num = pd.Series([True, False, True, False])
    base = pd.Series([True, True, True, False])
    w = pd.Series([1.0, 2.0, 3.0, 100.0])
    pct, n = R.weighted_percent(num, base, w)
    assert pct == pytest.approx(100 * 4 / 6) and n == 3
    mean, n = R.weighted_mean(pd.Series([1.0, np.nan, 3.0, 5.0]), w, base)
    assert mean == pytest.approx((1 + 9) / 4) and n == 2
    assert math.isnan(R.weighted_percent(num, pd.Series([False] * 4), w)[0])


def test_stars_follow_the_report_legend():
    assert [R.stars_for(p) for p in (0.2, 0.049, 0.0099, 0.0049, float("nan"))] == [0, 1, 2, 3, 0]


# ------------------------------------------------------------------------------ tolerances


def _row(stat: str, value: float, source: str = "Tabel 3.4") -> pd.Series:
    return pd.Series({"source_id": source, "statistic": stat, "value": value})


def test_tolerances():
    assert R.tolerance_for(_row("percent", 64.3)).tolerance == 1.0
    assert R.tolerance_for(_row("mean", 1.84, "Figuur 2.8")).tolerance == pytest.approx(0.02)
    assert R.tolerance_for(_row("mean", 2.6, "Tekst H2.2")).tolerance == pytest.approx(0.05)
    assert R.tolerance_for(_row("n", 270)).tolerance == 0
    b = R.tolerance_for(_row("B", -0.56, "Tabel B2.1"), {"published_se": 0.148})
    assert (b.lower, b.upper) == pytest.approx((-0.56 - 0.148, -0.56 + 0.148))
    assert R._within(b, -0.42) and not R._within(b, -0.40) and not R._within(b, -0.72)
    se = R.tolerance_for(_row("SE", 0.148, "Tabel B2.1"))
    assert R._within(se, 0.148 * 1.29) and not R._within(se, 0.148 * 1.31)
    assert R._within(se, 0.148 * 0.71) and not R._within(se, 0.148 * 0.69)
    verbal = R.tolerance_for(_row("verbal_fraction", 0.3333, "Tekst H6"))
    assert R._within(verbal, 0.30) and not R._within(verbal, 0.39)
    # compared at one decimal of a percentage: 28.30% (Tabel 3.2, 2024) is 'ongeveer 1 op de 3'
    assert R._within(verbal, 0.28303) and not R._within(verbal, 0.2822)
    more_than_half = R.tolerance_for(_row("verbal_fraction_lower_bound", 0.5, "Tekst H3.3"))
    assert R._within(more_than_half, 0.643) and not R._within(more_than_half, 0.5)
    low = R.tolerance_for(_row("percent_range_low", 60.0, "Tekst Samenvatting"))
    assert R._within(low, 59.6) and not R._within(low, 59.4)
    high = R.tolerance_for(_row("percent_range_high", 70.0, "Tekst Samenvatting"))
    assert R._within(high, 70.4) and not R._within(high, 70.6)
    assert not R._within(R.tolerance_for(_row("percent", 50.0)), float("nan"))


def test_a_flipped_sign_fails_however_close():
    # Tabel B2.4 Schoolleider * werktijdfactor: +0,17 (SE 0,289). A reproduced -0,12 lies within
    # one SE (and within the old two) but has the other sign: it fails.
    b = R.tolerance_for(_row("B", 0.17, "Tabel B2.4"), {"published_se": 0.289})
    assert not R._within(b, -0.12)
    assert R._within(b, 0.02) and R._within(b, 0.45) and not R._within(b, 0.47)
    beta = R.tolerance_for(
        _row("Beta", 0.05, "Tabel B2.4"), {"published_se": 0.289, "sd_ratio": 0.1}
    )
    assert R._within(beta, 0.07) and not R._within(beta, -0.01)


def test_printed_precision():
    # Tables print one decimal, figures' means two, Tabel 4.1 and the running text whole numbers
    assert R.printed_decimals(_row("percent", 74.7, "Tabel 3.1")) == 1
    assert R.printed_decimals(_row("mean", 1.84, "Figuur 2.8")) == 2
    assert R.printed_decimals(_row("percent", 42.0, "Tabel 4.1")) == 0
    assert R.printed_decimals(_row("percent", 77.0, "Tekst H3.1")) == 0
    assert R.printed_decimals(_row("mean", 2.6, "Tekst H2.2")) == 1
    assert R.printed_decimals(_row("B", 0.17, "Tabel B2.4")) is None
    row = _row("percent", 74.7, "Tabel 3.1")
    assert R.at_printed_precision(row, 74.65) and R.at_printed_precision(row, 74.7499)
    assert not R.at_printed_precision(row, 74.64) and not R.at_printed_precision(row, 74.75)
    # half away from zero, as printed: 0,125 -> 0,13 (Python's round gives 0,12)
    assert R.round_as_printed(0.125, 2) == 0.13 and R.round_as_printed(2.5, 0) == 3.0
    assert R.at_printed_precision(_row("percent", 42.0, "Tabel 4.1"), 41.6)
    assert not R.at_printed_precision(_row("percent", 42.0, "Tabel 4.1"), 41.4)
    # within +/-1 pp, yet off at the printed precision: both are reported, with the reason
    check = R.tolerance_for(row)
    assert R._within(check, 75.3)
    assert R._reason(row, check, 75.3, True, False) == "afgerond 75,3 in plaats van 74,7"
    assert R._reason(row, check, 76.0, False, False).startswith("te hoog")


# ------------------------------------------------------------------------------ mapping coverage

COVERED_SOURCES = [
    "Figuur 2.8",
    "Figuur 2.9",
    "Figuur 2.10",
    "Tabel 3.1",
    "Tabel 3.2",
    "Tabel 3.3",
    "Tabel 3.4",
    "Tabel 4.1",
    "Tabel 4.2",
    "Tabel 4.3",
    "Tabel 4.4",
    "Tabel 5.1",
    "Tabel B3.1",
    "Tekst H2.2",
    "Tekst H3.1",
    "Tekst H3.2",
    "Tekst H3.3",
    "Tekst H4.2",
    "Tekst H5.2",
    "Tekst Samenvatting",
    "Tekst H6",
    "Tabel B1.1",
    "Tabel B1.2",
    "Tabel B1.3",
    "Tabel B1.4",
    "Tabel B1.5",
    "Tabel B1.6",
    "Tabel B1.7",
    "Tabel B1.8",
    "Tekst B1",
    "Tabel B2.1",
    "Tabel B2.2",
    "Tabel B2.3",
    "Tabel B2.4",
]


def test_every_published_row_maps_to_exactly_one_computation_or_exclusion(pub):
    matches = R.match_rows(pub)
    counts = matches["blocks"].map(len) + matches["excluded"].map(len)
    unmatched = pub.loc[counts != 1, ["source_id", "group", "category", "statistic"]]
    assert unmatched.empty, unmatched.to_string()
    assert set(COVERED_SOURCES) <= set(pub["source_id"])


def test_listed_sources_are_reproduced_except_population_and_case_study_rows(pub):
    matches = R.match_rows(pub)
    excluded = pub.loc[matches["excluded"].map(len) == 1]
    # within the covered sources, only population figures and case-study/budget/2017 rows are
    # excluded
    inside = excluded[excluded["source_id"].isin(COVERED_SOURCES)]
    allowed = (
        inside["group"].eq("Populatie")
        | inside["statistic"].isin(
            [
                "n_population",
                "percent_population",
                "amount_million_eur",
                "pp_difference",
                "pp_difference_approx",
            ]
        )
        | inside["variable"].str.startswith("case_study")
        | inside["variable"].isin(["responding_schools", "respondents"])
    )
    assert allowed.all(), inside.loc[~allowed].to_string()
    # the Q-based tables are reproduced completely
    for source in [
        "Tabel 3.2",
        "Tabel 4.1",
        "Tabel B3.1",
        "Tabel B2.4",
        "Figuur 2.8",
        "Tekst H3.3",
    ]:
        assert (matches.loc[pub["source_id"] == source, "blocks"].map(len) == 1).all(), source


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_rows_of_a_year_are_accounted_for(pub, year):
    kept, dropped = R._classify(pub, year, R.load_map())
    of_year = pub[
        (pub["measurement_year"] == year).fillna(False).astype(bool)
        | pub["measurement_year"].isna()
    ]
    assert len(kept) + len(dropped) == len(of_year)
    assert set(kept.index).isdisjoint(dropped.index)
    listed = R.not_reproducible(pub, year)
    assert sorted(listed["row"]) == sorted(dropped.index)
    assert listed["reason"].str.len().gt(0).all()


def test_not_reproducible_without_year_lists_reasons(pub):
    listed = R.not_reproducible(pub)
    assert set(listed["source_id"]) >= {"Tabel B1.9", "Tabel B1.10", "Tekst H1.1"}
    assert (listed[listed["source_id"] == "Tabel B1.10"].shape[0]) == 42


def test_labels_map_to_codes_for_truncated_and_reworded_labels():
    labels = R.load_map()["labels"]
    assert labels["staff_groups"]["Onderwijsassistent(en)/Klassenassistent(en"] == 4
    assert labels["cause_items"]["Begeleiding nieuwe collega’s en invallers"] == 17
    assert labels["cause_items"]["Contact met externe(n) (partijen)**"] == 27
    t42 = [
        b
        for b in R.load_map()["blocks"]
        if b["source_id"] == "Tabel 4.2" and b.get("statistics") == ["percent"]
    ]
    assert t42[0]["categories"]["Overig"] == "v11_4"


# ------------------------------------------------------------------------------ smoke run on a
# random complete frame

PROVINCES = [
    "Drenthe",
    "Flevoland",
    "Friesland",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
]
GROUP_OF_V1 = {
    5: SL,
    16: SL,
    6: "leraar",
    9: "leraar",
    10: "leraar",
    11: "leraar",
    20: "leraar",
    2: "onderwijsondersteunend personeel",
    3: "onderwijsondersteunend personeel",
    8: "onderwijsondersteunend personeel",
    12: "onderwijsondersteunend personeel",
    13: "onderwijsondersteunend personeel",
    1: "overig ondersteunend personeel",
    4: "overig ondersteunend personeel",
    7: "overig ondersteunend personeel",
}
WEIGHTING_GROUP = {
    SL: "schoolleider",
    "leraar": "leerkracht",
    "onderwijsondersteunend personeel": "overig",
    "overig ondersteunend personeel": "overig",
}
SCHOOL_YEARS = {2022: ["2020_2021", "2021_2022"], 2023: ["2022_2023"], 2024: ["2023_2024"]}


def random_measurement(year: int, seed: int = 1) -> SimpleNamespace:  # noqa: C901
    """A random but complete measurement in the Load API layout (not calibrated to anything)."""
    rng = np.random.default_rng(seed)
    n_schools = 60
    schools = pd.DataFrame(
        {
            "school_id": [f"S{i:03d}" for i in range(n_schools)],
            "sector": rng.choice(["bao", "go"], n_schools, p=[0.7, 0.3]),
            "province": rng.choice(PROVINCES, n_schools),
            "municipality_category": rng.choice(["G4", "G40", "overig"], n_schools),
            "denomination": rng.choice(
                ["openbaar", "protestants-christelijk", "rooms-katholiek", "overig bijzonder"],
                n_schools,
            ),
        }
    )
    schools["schoolgewicht"] = np.where(
        schools["sector"] == "bao", rng.choice(["laag", "midden", "hoog"], n_schools), None
    )
    schools["achterstandsscore"] = np.where(
        schools["sector"] == "bao", rng.uniform(0, 0.1, n_schools), np.nan
    )
    responding = schools["school_id"].iloc[:40]
    rows = []
    for school in responding:
        rows.append((school, 16))
        for _ in range(rng.integers(0, 6)):
            rows.append((school, int(rng.choice(list(GROUP_OF_V1)))))
    resp = pd.DataFrame(rows, columns=["school_id", "v1"])
    n = len(resp)
    resp.insert(0, "respondent_id", [f"R{i}" for i in range(n)])
    resp["v1"] = resp["v1"].astype("Int64")
    resp["analysis_group"] = resp["v1"].map(GROUP_OF_V1).astype(str)
    resp["weighting_group"] = resp["analysis_group"].map(WEIGHTING_GROUP)
    resp = resp.merge(schools, on="school_id", how="left")
    sl = resp["analysis_group"] == SL

    def codes(k: int, only_sl: bool = False, missing: float = 0.05) -> pd.Series:
        values = pd.Series(rng.integers(1, k + 1, n), dtype="Int64")
        values[rng.random(n) < missing] = NA
        if only_sl:
            values[~sl] = NA
        return values

    def ticks(only_sl: bool = False) -> pd.Series:
        values = pd.Series((rng.random(n) < 0.3).astype(int), dtype="Int64")
        if only_sl:
            values[~sl] = NA
        return values

    resp["v4"] = codes(5)
    resp["werktijdfactor"] = rng.uniform(0.3, 1.0, n)
    for i in range(1, 7):
        resp[f"v5_{i}"] = codes(3)
    for i in range(1, 10):
        resp[f"v6_{i}"] = codes(4)
    for i in range(1, 30):
        if not (year == 2022 and i == 27):
            resp[f"v7_{i}"] = ticks()
    resp["v8"] = codes(4)
    resp["v9"] = codes(3, True)
    for i in range(1, 29):
        if year == 2022 and i == 27:
            continue
        resp[f"v10_{i}_oorzaak"] = ticks(True)
        for school_year in SCHOOL_YEARS[year]:
            resp[f"v10_{i}_besteed_{school_year}"] = ticks(True)
        resp[f"v10_{i}_nvt"] = ticks(True)
    for i in range(1, 7):
        resp[f"v11_{i}"] = ticks(True)
    resp["v12"] = codes(4, True)
    resp["v13"] = codes(2, True)
    for i in range(1, 4):
        resp[f"v14_{i}"] = pd.Series(rng.uniform(0, 100, n), dtype="Float64").where(sl)
    resp["v14_4"] = ticks(True)
    resp["v15"] = codes(8)
    for i in range(1, 14):
        if not (year == 2022 and i == 12):
            resp[f"v16_{i}"] = codes(4, True)
    resp["v17"] = codes(5, True)
    for i in range(1, 5):
        resp[f"v18_{i}"] = ticks(True)
    resp["v19"] = codes(6)
    resp["v21"] = codes(6)
    resp["v23"] = codes(2, True)
    return SimpleNamespace(respondents=resp, schools=schools, year=year)


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_reproduce_runs_on_a_complete_random_measurement(pub, year):
    result = R.reproduce(random_measurement(year), pub)
    kept, _ = R._classify(pub, year, R.load_map())
    assert len(result) == len(kept)
    assert list(result.columns) == R.OUTPUT_COLUMNS
    errors = result[result["note"].str.contains("error:")]
    assert errors.empty, errors[["source_id", "category", "note"]].to_string()
    assert result["reproduced"].notna().all()
    # percentages are percentages
    pct = result[result["statistic"] == "percent"]
    assert pct["reproduced"].between(0, 100).all()
    # counts are exact design counts: 60 sampled schools, 40 responding
    if year == 2024:
        b1 = result[result["source_id"] == "Tekst B1"].set_index("variable")
        assert b1.loc["sample_schools", "reproduced"] == 60
        assert b1.loc["responding_schools", "reproduced"] == 40
        assert b1.loc["respondents", "reproduced"] == len(random_measurement(year).respondents)


def test_regression_backends_agree_on_coefficients():
    m = random_measurement(2024, seed=3)
    resp = m.respondents
    frame = R.regression_frame(resp, "regelmogelijkheden")
    weights = pd.Series(np.random.default_rng(0).uniform(0.5, 1.5, len(resp)), index=resp.index)
    a = R.fit_regression(frame, weights, resp["school_id"], backend="survey")
    b = R.fit_regression(frame, weights, resp["school_id"], backend="statsmodels")
    assert a.table["B"].to_numpy() == pytest.approx(b.table.reindex(a.table.index)["B"].to_numpy())
    assert a.n == b.n
    assert a.adj_r2 == pytest.approx(b.adj_r2)


def test_averages_across_measurements(pub):
    # responding schools 40 in each random measurement; respondents differ per seed
    ms = [random_measurement(y, seed=s) for y, s in ((2022, 1), (2023, 2), (2024, 3))]
    res = R.reproduce_across_measurements(ms, pub)
    assert len(res) == 2
    schools = res.set_index("variable").loc["responding_schools"]
    assert schools["reproduced"] == 40 and not schools["within_tolerance"]  # published 390
    persons = res.set_index("variable").loc["respondents"]
    assert persons["reproduced"] == pytest.approx(np.mean([len(m.respondents) for m in ms]))
    assert res["note"].eq("").all()


def test_label_maps_agree_with_the_codebook():
    codebook = pytest.importorskip("werkdruk_utils.inputs.codebook").load_codebook()
    labels = R.load_map()["labels"]
    printed = codebook.labels("v7")

    def norm(text: str) -> str:
        return text.replace("**", "").replace(",", "").replace(" ", "")

    for label, code in labels["cause_items"].items():
        if code == 28:
            continue
        candidates = {norm(printed[code]), norm(codebook.report_label("v7", code))}
        if label.endswith("..."):
            assert any(c.startswith(norm(label[:-3])) for c in candidates), label
        else:
            assert norm(label) in candidates, label
    # Tabel 4.1's school-year columns are the codebook's spending columns of each measurement
    pub = pubmod.load_published()
    for year in (2022, 2023, 2024):
        rows = pub[(pub["source_id"] == "Tabel 4.1") & (pub["measurement_year"] == year)]
        assert sorted(set(rows["school_year"])) == sorted(codebook.school_years(year)["spending"])
    known_groups = set(codebook.functions["analysis_group"])
    for groups in labels["analysis_groups"].values():
        assert set(groups) <= known_groups


@pytest.mark.slow  # integration tier: bundled data, whole chapters or generators
def test_known_issues_are_noted(pub):
    res = R.reproduce(random_measurement(2023), pub)
    row = res[(res["source_id"] == "Tekst H6") & (res["variable"] == "evaluation_led_to_change")]
    assert len(row) == 1 and "§3.2 geeft voor 2023 63%" in row["note"].iloc[0]
    res22 = R.reproduce(random_measurement(2022), pub)
    row22 = res22[
        (res22["source_id"] == "Tekst H6") & (res22["variable"] == "evaluation_led_to_change")
    ]
    assert row22["note"].iloc[0] == ""


@pytest.mark.slow  # integration tier: bundled data, whole chapters or generators
@pytest.mark.parametrize("year", [2022, 2024])
def test_reproduce_accepts_what_the_loader_returns(tmp_path, pub, real_codebook, kit, year):
    """End to end through load_measurement on the shared minimal measurement (conftest)."""
    load = pytest.importorskip("werkdruk_utils.inputs.load")
    respondents, schools = kit.build_measurement(real_codebook, year)
    kit.write_measurement(tmp_path, year, respondents, schools, codebook=real_codebook)
    measurement = load.load_measurement(year, tmp_path)
    result = R.reproduce(measurement, pub)
    kept, _ = R._classify(pub, year, R.load_map())
    assert len(result) == len(kept)
    # every computation finds its columns in the loaded frame; only the regression may fail on
    # 6 respondents (too few complete rows)
    errors = result[
        result["note"].str.contains("error:") & ~result["source_id"].str.startswith("Tabel B2")
    ]
    assert errors.empty, errors[["source_id", "category", "note"]].to_string()
    # design counts through the loader: 6 respondents at 3 of 4 schools
    if year == 2024:
        b1 = result[result["source_id"] == "Tekst B1"].set_index("variable")
        assert b1.loc["respondents", "reproduced"] == 6
        assert b1.loc["responding_schools", "reproduced"] == 3
        assert b1.loc["sample_schools", "reproduced"] == 4


def test_verbal_tolerances_accept_the_reports_own_table_values(pub):
    """The statements must hold for the numbers the report prints in its tables."""

    def published_value(source: str, category: str, year: int) -> float:
        rows = pub[
            (pub["source_id"] == source)
            & (pub["category"] == category)
            & (pub["measurement_year"] == year)
        ]
        assert len(rows) == 1
        return float(rows["value"].iloc[0])

    def verbal(source: str, category: str) -> pd.Series:
        rows = pub[(pub["source_id"] == source) & (pub["category"] == category)]
        assert len(rows) >= 1
        return rows.iloc[0]

    one_in_three = R.tolerance_for(verbal("Tekst Samenvatting", "Schoolleiders"))
    one_in_five = R.tolerance_for(verbal("Tekst Samenvatting", "Professionaliseringsactiviteiten"))
    low = R.tolerance_for(pub[pub["statistic"] == "percent_range_low"].iloc[0])
    high = R.tolerance_for(pub[pub["statistic"] == "percent_range_high"].iloc[0])
    for year in (2022, 2023, 2024):
        assert R._within(one_in_three, published_value("Tabel 3.2", "Schoolleiding", year) / 100), (
            year
        )
        assert R._within(
            one_in_five,
            published_value("Tabel 4.2", "Professionaliseringsactiviteiten", year) / 100,
        ), year
        for row in ("Intern begeleider(s)", "Onderwijsassistent(en)/Klassenassistent(en"):
            value = published_value("Tabel 3.2", row, year)
            assert R._within(low, value) and R._within(high, value), (row, year)
    # 'Acht op de tien' and §4.2's 82% against Tabel 4.4 (2024): 57.1 + 24.4
    both = published_value(
        "Tabel 4.4", "Ja, maatregelen die gefinancierd zijn met andere middelen", 2024
    ) + published_value(
        "Tabel 4.4", "Ja, maatregelen die geen geld kosten (bijv. teamafspraken)", 2024
    )
    assert R._within(R.tolerance_for(verbal("Tekst H6", "Ja (andere maatregelen)")), both / 100)
    assert R._within(R.tolerance_for(verbal("Tekst H4.2", "Ja (andere maatregelen)")), both)
    # 'Meer dan de helft' against Tabel 3.4 (2024)
    more_than_half = R.tolerance_for(
        verbal("Tekst H3.3", "Het bestuur heeft ons team volledige vrijheid gegeven.")
    )
    assert R._within(
        more_than_half,
        published_value("Tabel 3.4", "Het bestuur heeft ons team volledige vrijheid gegeven.", 2024)
        / 100,
    )
    # 'in eerdere jaren ongeveer de helft veranderd': holds for 2022 (48%), not for 2023 (37%) ->
    # known issue
    about_half = R.tolerance_for(
        verbal("Tekst H6", "verandering in de inzet van de middelen (eerdere jaren)")
    )
    no_change = pub[pub["category"] == "geen verandering in de inzet van de middelen"].set_index(
        "measurement_year"
    )["value"]
    assert R._within(about_half, 1 - no_change[2022] / 100)
    assert not R._within(about_half, 1 - no_change[2023] / 100)


def test_b2_sensitivity_centring_identities():
    # Centring werktijdfactor at c is a reparametrisation of the same model: a function term
    # becomes B_function + c * B_function_x_wtf, the linear term B_wtf + 2 c B_wtf2; the squared
    # term, the interactions, leeftijd and achterstandsscore keep B, SE and p.
    resp = random_measurement(2024, seed=5).respondents
    table = R.b2_sensitivity(resp, "moeilijkheidsgraad").set_index("term")
    c = table.attrs["centre"]
    assert 0.3 < c < 1.0 and table.attrs["n"] > 20
    for term in ("sl", "oop", "ovp"):
        expected = table.loc[term, "B"] + c * table.loc[f"{term}_wtf", "B"]
        assert table.loc[term, "B_centred"] == pytest.approx(expected)
    assert table.loc["wtf", "B_centred"] == pytest.approx(
        table.loc["wtf", "B"] + 2 * c * table.loc["wtf2", "B"]
    )
    for term in ("wtf2", "sl_wtf", "oop_wtf", "ovp_wtf", "age", "achterstandsscore"):
        for column in ("B", "SE", "p"):
            assert table.loc[term, f"{column}_centred"] == pytest.approx(table.loc[term, column])
    text = R.sensitivity_sentence(table.reset_index(), "x")
    assert text.startswith("Buiten het rapport (x)")
    assert f"{c:.2f}".replace(".", ",") in text and "bij werktijdfactor 0" in text


def test_every_claim_check_runs_on_complete_random_measurements():
    from werkdruk_utils.check import claims as cl

    ms = {y: random_measurement(y, seed=s) for y, s in ((2022, 1), (2023, 2), (2024, 3))}
    for year in (2022, 2023, 2024):
        result = cl.evaluate({y: m for y, m in ms.items() if y <= year}, year)
        assert set(result["status"]) <= set(cl.STATUSES)
        errors = result[result["note"].str.contains("niet te schatten", na=False)]
        assert errors.empty, errors[["claim_id", "note"]].to_string()
        assert (result["status"] != "not_testable").sum() > 50


def test_judge_rejudges_a_row_as_reproduce_does():
    row = pd.Series(
        {
            "source_id": "Tabel B2.4",
            "statistic": "B",
            "published": 0.17,
            "lower": 0.17 - 0.289,
            "upper": 0.17 + 0.289,
            "tolerance": 0.289,
        }
    )
    flipped = R.judge(row, -0.12)
    assert not flipped["within_tolerance"] and flipped["reason"] == "teken omgekeerd"
    assert flipped["at_printed_precision"] is None
    assert R.judge(row, 0.3)["within_tolerance"]
    share = pd.Series(
        {
            "source_id": "Tabel 3.4",
            "statistic": "percent",
            "published": 64.3,
            "lower": 63.3,
            "upper": 65.3,
            "tolerance": 1.0,
        }
    )
    judged = R.judge(share, 64.9)
    assert judged["within_tolerance"] and judged["at_printed_precision"] is False
    assert judged["reason"] == "afgerond 64,9 in plaats van 64,3"
    assert R.judge(share, 64.34)["at_printed_precision"] is True


def test_sensitivity_table_is_marked_and_complete():
    from werkdruk_utils.present import beyond

    resp = random_measurement(2024, seed=5).respondents
    table = beyond.sensitivity_table(resp, "moeilijkheidsgraad", "Moeilijkheidsgraad", "Tabel X")
    assert table.title.startswith("Buiten het rapport")
    labels = list(table.display.index)
    assert labels[0] == "Leeftijd" and labels[-1] == "Constante" and len(labels) == 11
    assert table.notes[0].startswith("Buiten het rapport (Moeilijkheidsgraad)")
    assert "bao-respondenten met volledige gegevens" in table.notes[1]
    small = beyond.sensitivity_table(resp, "moeilijkheidsgraad", "M", "Tabel X", min_n=10_000)
    assert small.display.iloc[0, 0] == "*" and small.data.empty


def test_fit_regression_takes_other_terms():
    resp = random_measurement(2024, seed=5).respondents
    frame = R.regression_frame(resp, "moeilijkheidsgraad")
    weights = pd.Series(1.0, index=frame.index)
    fit = R.fit_regression(frame, weights, resp["school_id"], terms=["age", "wtf"])
    assert list(fit.table.index) == ["const", "age", "wtf"]
    with pytest.raises(R.ReproduceError, match="not columns"):
        R.fit_regression(frame, weights, resp["school_id"], terms=["shoe_size"])
