"""Chapter 3 (proces): the indicators and helpers the chapter adds, on tiny hand-computed frames,
and a smoke test of every table, figure and text function on the bundled synthetic data."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from werkdruk_utils import paths
from werkdruk_utils.chapters import ch03_proces as ch
from werkdruk_utils.present.tables import ReportTable
from werkdruk_utils.stats import analysis


def _frame(**columns) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    base = {
        "year": [2024] * n,
        "school_id": [f"S{i}" for i in range(n)],
        "analysis_group": ["schoolleider"] * n,
        "sector": ["bao"] * n,
    }
    base.update({k: pd.array(v, dtype="Float64") for k, v in columns.items()})
    return pd.DataFrame(base)


def test_ticked_of_population_counts_empty_answers_as_not_ticked():
    frame = _frame(v10_1_oorzaak=[1, 0, None, 1])
    values = ch.ticked_of_population("v10_1_oorzaak")(frame)
    assert values.tolist() == [1.0, 0.0, 0.0, 1.0]
    result = analysis.estimate(
        frame,
        ch.ticked_of_population("v10_1_oorzaak"),
        statistic="percent",
        variable="x",
        population="sl",
        weighting_name="none",
        min_n=1,
    )
    assert result["estimate"].iloc[0] == pytest.approx(50.0)  # 2 of all 4 schoolleiders
    assert result["n"].iloc[0] == 4


def test_ticked_among_answering_leaves_non_answering_out_of_the_base():
    frame = _frame(v7_1=[1, 0, 0, None], v7_2=[0, 1, 0, None])
    values = ch.ticked_among_answering("v7_1", ["v7_1", "v7_2"])(frame)
    assert values.iloc[0] == 1.0 and values.iloc[1] == 0.0
    assert math.isnan(values.iloc[2]) and math.isnan(values.iloc[3])
    result = analysis.estimate(
        frame,
        ch.ticked_among_answering("v7_1", ["v7_1", "v7_2"]),
        statistic="percent",
        variable="v7",
        population="all",
        weighting_name="none",
        min_n=1,
    )
    assert result["estimate"].iloc[0] == pytest.approx(50.0)  # 1 of the 2 who answered
    assert result["n"].iloc[0] == 2


def test_filled_field_means_exceed_100_together():
    # Each schoolleider's filled fields sum to 100; an empty field (0) is not in that field's base.
    frame = _frame(v14_2=[100, 80, 90, 70], v14_3=[None, 20, 10, 30], v14_4=[0, 0, 0, 1])
    means = {}
    for column in ("v14_2", "v14_3"):
        result = analysis.estimate(
            frame,
            ch.filled_field(column, "v14_4"),
            statistic="mean",
            variable="v14",
            population="sl",
            weighting_name="none",
            min_n=1,
        )
        means[column] = result["estimate"].iloc[0]
    assert means["v14_2"] == pytest.approx(
        90.0
    )  # (100 + 80 + 90) / 3; the 'weet ik niet' row is out
    assert means["v14_3"] == pytest.approx(15.0)  # (20 + 10) / 2
    assert means["v14_2"] + means["v14_3"] == pytest.approx(105.0)


def test_top_categories_keeps_ties_and_skips_excluded_and_suppressed():
    results = pd.DataFrame(
        {
            "category": ["a", "b", "c", "d", "Anders", "e"],
            "estimate": [10.0, 30.0, 20.04, 19.96, 90.0, np.nan],
            "suppressed": [False, False, False, False, False, True],
        }
    )
    top = ch.top_categories(results, 2, exclude=["Anders"])
    assert top["category"].tolist() == ["b", "c", "d"]  # c and d both print as 20,0
    assert ch.top_categories(results, 10)["category"].tolist() == ["Anders", "b", "c", "d", "a"]


def test_set_count_row_replaces_the_last_row():
    display = pd.DataFrame(
        {"Bao": ["18,3%", "186"], "Go": ["23,1%", "65"]}, index=["x", "Aantal respondenten (n)"]
    )
    table = ReportTable("Tabel 3.1", "t", display, pd.DataFrame(), [])
    out = ch.set_count_row(table, "Totaal N", {"Bao": 200, "Go": 70})
    assert out.display.index.tolist() == ["x", "Totaal N"]
    assert out.display.loc["Totaal N"].tolist() == ["200", "70"]


def test_stacked_bars_draws_one_segment_per_row_and_option():
    frame = pd.DataFrame(
        {
            "row": ["A", "A", "B", "B"],
            "segment": ["ja", "nee", "ja", "nee"],
            "estimate": [60.0, 40.0, np.nan, np.nan],
        }
    )
    fig = ch.stacked_bars(frame, row="row", segment="segment", value="estimate", title="t")
    ax = fig.axes[0]
    widths = [p.get_width() for p in ax.patches]
    assert widths == [60.0, 0.0, 40.0, 0.0]
    texts = [t.get_text() for t in ax.texts]
    assert "60%" in texts and "40%" in texts and "–" in texts
    plt.close(fig)


def test_grouped_bars_draws_one_bar_per_category_and_series():
    frame = pd.DataFrame(
        {
            "cat": ["x", "x", "y", "y"],
            "s": ["bao", "go", "bao", "go"],
            "estimate": [10.0, 20.0, 30.0, np.nan],
        }
    )
    fig = ch.grouped_bars(
        frame, category="cat", series="s", value="estimate", title="t", series_order=["bao", "go"]
    )
    ax = fig.axes[0]
    assert sorted(p.get_width() for p in ax.patches) == [0.0, 10.0, 20.0, 30.0]
    assert "–" in [t.get_text() for t in ax.texts]
    plt.close(fig)


# ----------------------------------------------------------------------------------------------
# smoke test on the bundled synthetic data

TABLES = (
    "table_b3_1",
    "table_factors",
    "table_figure_3_2",
    "table_3_1",
    "table_3_2",
    "table_3_3",
    "table_figure_3_3",
    "table_3_4",
)
FIGURES = ("figure_3_1", "figure_3_2", "figure_3_3")
TEXTS = (
    "top_causes_text",
    "top_factors_text",
    "factor_sector_text",
    "evaluation_text",
    "decision_text",
    "discussed_sector_text",
    "budget_text",
    "presence_text",
    "board_text",
)


@pytest.mark.slow  # integration tier: bundled data, whole chapters or generators
@pytest.mark.parametrize("year", [2022, 2024])
def test_chapter_functions_run_on_bundled_data(year, tmp_path):
    if not all((paths.SYNTHETIC_DIR / str(y)).is_dir() for y in range(2022, year + 1)):
        pytest.skip("data/synthetic missing: run `make data`")
    from werkdruk_utils.present import report

    chapter = report.start("03_proces", year, output_dir=tmp_path, show_header=False)
    tables = {name: getattr(ch, name)(chapter) for name in TABLES}
    for name, table in tables.items():
        assert isinstance(table, ReportTable), name
        assert not table.display.empty, name
    for name in FIGURES:
        fig = getattr(ch, name)(chapter)
        assert fig.axes, name
        plt.close(fig)
    for name in TEXTS:
        text = getattr(ch, name)(chapter)
        assert isinstance(text, str) and text, name

    resp = chapter.current.respondents
    sl = resp[analysis.is_schoolleider(resp)]
    # Tabel 3.1 prints the number of schoolleiders per sector; B3.1's percentages rest on them.
    t31 = tables["table_3_1"].display
    assert t31.loc["Totaal N", "Bao"] == str(int((sl["sector"] == "bao").sum()))
    b31 = tables["table_b3_1"].display
    assert b31.loc["Totaal aantal respondenten", "go"] == str(int((sl["sector"] == "go").sum()))
    # Tabel 3.2: stagebegeleiders not asked in 2022.
    t32 = tables["table_3_2"]
    if year == 2022:
        assert not any(label.startswith("Stagebegeleider") for label in t32.display.index)
    else:
        assert t32.display.loc["Stagebegeleider(s)*", "2022"] == "–"
        assert any(note.startswith("*in de meting in 2022") for note in t32.notes)
    # Tabel 3.3 explains why its columns sum to more than 100%.
    assert any("meer dan 100%" in note for note in tables["table_3_3"].notes)
    # years shown: the run year and the earlier ones
    assert list(tables["table_3_4"].display.columns) == [str(y) for y in chapter.years]
