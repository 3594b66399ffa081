"""Chapter 5 (Effecten): hand-computed checks of the new computations and a smoke test on the
bundled data."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from werkdruk_utils import paths
from werkdruk_utils.chapters import ch05_effecten as ch
from werkdruk_utils.stats.scales import NEE_OF_SOMS, VAAK_OF_ALTIJD

# ----------------------------------------------------------------------------------------------
# indicators


def test_item_indicator_vaak_of_altijd():
    ind = ch.TrendIndicator("v6_1", "x", ("v6_1",), codes=VAAK_OF_ALTIJD)
    frame = pd.DataFrame({"v6_1": pd.array([1, 2, 3, 4, None], dtype="Int64")})
    out = ind.values(frame)
    assert out.tolist()[:4] == [0.0, 0.0, 1.0, 1.0] and math.isnan(out.iloc[4])


def test_item_indicator_nee_of_soms():
    ind = ch.TrendIndicator("v5_4", "x", ("v5_4",), codes=NEE_OF_SOMS)
    frame = pd.DataFrame({"v5_4": pd.array([1, 2, 3], dtype="Int64")})
    assert ind.values(frame).tolist() == [0.0, 1.0, 1.0]


def test_scale_indicator_threshold_2_5():
    # Means: (2+3+2)/3 = 2.33 -> 0; (2+3+3)/3 = 2.67 -> 1; (2+3)/2 = 2.5 (two of three answered) ->
    # 1;
    # one item answered -> no score.
    ind = ch.TrendIndicator("emo", "Emotionele belasting", ("v6_4", "v6_5", "v6_6"), threshold=2.5)
    frame = pd.DataFrame(
        {
            "v6_4": pd.array([2, 2, 2, 4], dtype="Int64"),
            "v6_5": pd.array([3, 3, 3, None], dtype="Int64"),
            "v6_6": pd.array([2, 3, None, None], dtype="Int64"),
        }
    )
    out = ind.values(frame)
    assert out.tolist()[:3] == [0.0, 1.0, 1.0] and math.isnan(out.iloc[3])


def test_figure_definitions_follow_the_reading_of_the_report():
    figures = ch.trend_figures()
    assert [i.items for i in figures["Figuur 5.1"].indicators] == [("v6_1",), ("v6_2",), ("v6_3",)]
    assert [i.items for i in figures["Figuur 5.2"].indicators] == [
        ("v6_4", "v6_5", "v6_6"),
        ("v6_7", "v6_8", "v6_9"),
    ]
    assert [i.items[0] for i in figures["Figuur 5.3"].indicators] == [
        "v5_1",
        "v5_2",
        "v5_3",
        "v5_6",
    ]
    assert [i.items[0] for i in figures["Figuur 5.4"].indicators] == ["v5_4", "v5_5"]
    with pytest.raises(KeyError, match="Figuur 5.9"):
        ch.trend_results(None, "Figuur 5.9")  # type: ignore[arg-type]


def test_decreased_indicator_leaves_weet_ik_niet_out():
    codes = pd.Series(pd.array([1, 2, 3, 4, 5, 6, None], dtype="Int64"))
    out = ch.decreased_indicator(codes)
    assert out.tolist()[:5] == [1.0, 1.0, 0.0, 0.0, 0.0]
    assert out.isna().tolist()[5:] == [True, True]


def test_breakdown_test_table_by_hand():
    # Group A answers 1, 2, 3, 6 -> 'Weet ik niet' leaves the base: 2 of 3 gedaald; group B answers
    # 3, 4, 5, 1: 1 of 4.
    # Unweighted cell proportions of the 7 rows in the base: niet/A 1/7, niet/B 3/7, gedaald/A 2/7,
    # gedaald/B 1/7.
    frame = pd.DataFrame(
        {
            "year": 2024,
            "school_id": ["S1", "S1", "S2", "S2", "S3", "S3", "S4", "S4"],
            "sector": "bao",
            "analysis_group": "leraar",
            "group": ["A", "A", "A", "A", "B", "B", "B", "B"],
            "v19": pd.array([1, 2, 3, 6, 3, 4, 5, 1], dtype="Int64"),
        }
    )
    result = ch.breakdown_test(frame, "group", weighting_name="none")
    table = result.table
    assert table.loc[0.0, "A"] == pytest.approx(1 / 7) and table.loc[0.0, "B"] == pytest.approx(
        3 / 7
    )
    assert table.loc[1.0, "A"] == pytest.approx(2 / 7) and table.loc[1.0, "B"] == pytest.approx(
        1 / 7
    )
    assert 0.0 <= result.p <= 1.0


def test_consistency_prefix():
    assert ch.consistency_prefix([], []) == ""
    assert (
        ch.consistency_prefix([2022, 2023], [])
        == "Net als bij de vorige metingen in 2022 en 2023, "
    )
    assert ch.consistency_prefix([], [2022]) == "Anders dan bij de vorige meting in 2022, "
    assert (
        ch.consistency_prefix([2022], [2023])
        == "Net als bij de meting in 2022, maar anders dan bij de meting in 2023, "
    )


def test_signed_formatting():
    assert ch._signed(1.44) == "+1,4" and ch._signed(-0.25) == "-0,3" and ch._signed(0.0) == "0,0"
    assert ch._signed(float("nan")) == "–"


def test_trend_history_has_the_rows_the_chapter_cites():
    history = ch.load_trend_history()
    assert set(ch.DIFFERENCE_INDICATORS) <= set(history["indicator"])
    assert (history["indicator"] == ch.NEA_INDICATOR).sum() >= 1


# ----------------------------------------------------------------------------------------------
# smoke test on the bundled synthetic data

HAVE_DATA = all(
    (paths.SYNTHETIC_DIR / str(y) / "respondents.csv").exists() for y in (2022, 2023, 2024)
)


@pytest.mark.slow  # integration tier: bundled data, whole chapters or generators
@pytest.mark.skipif(not HAVE_DATA, reason="data/synthetic is missing (run `make data`)")
@pytest.mark.parametrize("year", [2022, 2024])
def test_every_table_and_figure_runs(year, tmp_path):
    from werkdruk_utils.present import report

    chapter = report.start("05_effecten", year, output_dir=tmp_path, show_header=False)
    assert chapter.years == [y for y in (2022, 2023, 2024) if y <= year]
    tables = [
        ch.missing_history_table(chapter),
        ch.nea_table(chapter),
        ch.differences_2017_table(chapter),
        ch.table_5_1(chapter),
        ch.breakdown_table(chapter),
        ch.figure_5_5_table(chapter),
    ]
    tables += [ch.trend_table(chapter, f) for f in ch.trend_figures()]
    for table in tables:
        # a figure's table is folded under its figure
        assert not table.display.empty and table.to_html().startswith(("<figure", "<details"))
    figures = [ch.trend_figure(chapter, f) for f in ch.trend_figures()] + [
        ch.nea_figure(chapter),
        ch.figure_5_5(chapter),
    ]
    for fig in figures:
        assert fig.axes
        plt.close(fig)
    texts = [ch.trend_text(chapter, f) for f in ch.trend_figures()]
    texts += [
        ch.school_effect_text(chapter),
        ch.breakdown_text(chapter),
        ch.own_effect_text(chapter),
    ]
    assert all(isinstance(t, str) and str(year) in t for t in texts)

    table_5_1 = tables[3]
    assert list(table_5_1.display.columns) == [str(y) for y in chapter.years]
    # Tabel 5.1: the percentages of a year sum to 100 (base codes 1-5) and N is the respondents
    # answering 1-5.
    data = table_5_1.data[table_5_1.data["year"] == year]
    assert data["estimate"].sum() == pytest.approx(100.0)
    answering = chapter.current.respondents["v19"].isin([1, 2, 3, 4, 5]).sum()
    assert int(data["n"].max()) == int(answering)

    differences = tables[2]
    if year == 2022:
        assert differences.data["reference_year"].isna().all()
        assert differences.data["report_difference"].isna().all()
    else:
        assert set(differences.data["reference_year"]) == {2022, 2023}
        assert differences.data["report_difference"].notna().all()
