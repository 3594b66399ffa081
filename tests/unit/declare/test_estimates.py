"""Declared estimates on two tiny hand-made measurements: row order, the numbers, the years, the
tests, and the table a declaration makes (title, 'Totaal N', sorted rows)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from werkdruk_utils.declare.estimates import Data, estimate, evaluate
from werkdruk_utils.declare.layout import make_table, title_text
from werkdruk_utils.declare.measures import Answers, DeclarationError, Share, without


def measurement(year: int, v9: list, v19: list) -> SimpleNamespace:
    n = len(v9)
    respondents = pd.DataFrame(
        {
            "year": [year] * n,
            "school_id": [f"{year}-S{i % 4}" for i in range(n)],
            "analysis_group": ["schoolleider", "schoolleider", "leraar", "schoolleider"] * (n // 4),
            "sector": ["bao", "go"] * (n // 2),
            "v9": pd.array(v9, dtype="Float64"),
            "v19": pd.array(v19, dtype="Float64"),
        }
    )
    return SimpleNamespace(year=year, respondents=respondents, schools=pd.DataFrame())


@pytest.fixture
def data() -> Data:
    return Data(
        {
            2023: measurement(2023, [1, 2, 1, 2, 2, 2, 3, 2], [1, 1, 3, 3, 6, 2, 2, 4]),
            2024: measurement(2024, [2, 2, 1, 1, 1, 2, 3, 1], [1, 3, 3, 3, 6, 3, 2, 5]),
        },
        run_year=2024,
        min_n=1,
    )


def test_rows_are_year_by_answer_by_group_with_hand_computed_shares(data):
    declaration = estimate(
        Answers("v9"), population="school_leaders", by="sector", weighting="none"
    )
    result = evaluate(data, declaration)
    frame = result.frame
    assert list(zip(frame["year"], frame["code"], frame["group"], strict=True))[:4] == [
        (2023, 1, "bao"),
        (2023, 1, "go"),
        (2023, 2, "bao"),
        (2023, 2, "go"),
    ]
    # 2024 schoolleiders: rows 0, 1, 3, 4, 5, 7 -> bao rows 0, 4 (v9 2, 1); go rows 1, 3, 5, 7
    # (v9 2, 1, 2, 1): code 1 = 50% in both sectors, n = 2 and 4.
    one = frame[(frame["year"] == 2024) & (frame["code"] == 1)].set_index("group")
    assert one.loc["bao", "estimate"] == pytest.approx(50.0)
    assert one.loc["go", "estimate"] == pytest.approx(50.0)
    assert one["n"].tolist() == [2, 4]
    assert set(frame["statistic"]) == {"percent"} and set(frame["variable"]) == {"v9"}


def test_years_run_only_and_a_shared_computation(data):
    everything = evaluate(data, estimate(Share("v19", answers=("gedaald",)), weighting="none"))
    run = evaluate(
        data, estimate(Share("v19", answers=("gedaald",)), weighting="none", years="run")
    )
    assert run.years == [2024] and everything.years == [2023, 2024]
    pd.testing.assert_frame_equal(run.frame, everything.current().reset_index(drop=True))


def test_base_without_dont_know_and_the_change_between_years(data):
    result = evaluate(
        data,
        estimate(
            Share("v19", answers=("gedaald",), base=without("Weet ik niet")), weighting="none"
        ),
    )
    # 2023: 4 of 7 answers 1-5 decreased; 2024: 2 of 7.
    assert result.frame["estimate"].tolist() == pytest.approx([400 / 7, 200 / 7])
    assert result.frame["n"].tolist() == [7, 7]
    tests = result.year_tests()
    assert tests["reference_year"].tolist() == [2023]
    assert tests["difference"].iloc[0] == pytest.approx(-200 / 7)


def test_several_populations_are_groups_of_their_own(data):
    result = evaluate(
        data,
        estimate(
            Share("v19", answers=("gedaald",)),
            population=("school_leaders", "rest_of_team"),
            weighting="none",
            years="run",
        ),
    )
    assert result.frame["group"].tolist() == ["Schoolleiders", "Rest van het team"]
    assert set(result.frame["group_var"]) == {"functie"}
    # rest of the team 2024: rows 2 and 6 (v19 3, 2) -> 50%
    assert result.frame["estimate"].iloc[1] == pytest.approx(50.0)


def test_group_tests_use_the_declared_design(data):
    result = evaluate(
        data,
        estimate(Share("v19", answers=("gedaald",)), by="sector", weighting="none", years="run"),
    )
    tests = result.group_tests("bao")
    current = result.current().set_index("group")
    assert tests["group"].tolist() == ["go"]
    expected = current.loc["go", "estimate"] - current.loc["bao", "estimate"]
    assert tests["difference"].iloc[0] == pytest.approx(expected)
    pairs = result.pairwise_tests()
    assert pairs[["first", "second"]].values.tolist() == [["bao", "go"]]


def test_declarations_are_checked():
    with pytest.raises(DeclarationError, match="unknown population"):
        estimate(Answers("v9"), population="leraren")
    with pytest.raises(DeclarationError, match="unknown weighting"):
        estimate(Answers("v9"), weighting="cell")
    with pytest.raises(DeclarationError, match="school leaders only"):
        estimate(Answers("v9"), weighting="sector")
    with pytest.raises(DeclarationError, match="at least one measure"):
        estimate()


def test_title_templates_name_the_school_years_of_the_measurement():
    assert title_text("Besluit in {decision} (meting {year})", 2024) == (
        "Besluit in 2022-2023 (meting 2024)"
    )


def test_table_with_totaal_n_and_rows_sorted_by_the_last_column(data):
    result = evaluate(
        data, estimate(Answers("v9"), population="school_leaders", by="sector", weighting="none")
    )
    table = make_table(
        result,
        table_id="Tabel X",
        title="t",
        run_year=2024,
        min_n=1,
        columns="group",
        show_years="run",
        total_row="Totaal N",
        sort_rows=True,
        column_labels={"bao": "Bao", "go": "Go"},
    )
    # 2024 go schoolleiders: v9 2, 1, 2, 1 -> 50% each; bao: 2, 1 -> 50% each; code 3: 0%.
    assert table.display.index[-1] == "Totaal N"
    assert table.display.loc["Totaal N"].tolist() == ["2", "4"]
    assert table.display.index[-2].startswith("Anders")  # 0% sorts last
    assert set(table.data["year"]) == {2024}


def test_totaal_n_of_an_estimate_without_grouping(data):
    result = evaluate(data, estimate(Answers("v9"), population="school_leaders", weighting="none"))
    table = make_table(
        result,
        table_id="Tabel X",
        title="t",
        run_year=2024,
        min_n=1,
        columns="group",
        show_years="run",
        total_row="Totaal N",
    )
    assert table.display.loc["Totaal N"].tolist() == ["6"]  # 2024: six schoolleiders


def test_the_registry_finds_items_by_report_id():
    from werkdruk_utils.declare.registry import Registry

    items = Registry()
    items.item("Figuur 3.2").figure = True
    assert items["Figuur 3.2"].anchor == "figuur_3_2" and items["Figuur 3.2"].kind == "figure"
    with pytest.raises(KeyError, match="no declared result 'Figuur 3.2'"):
        items.results("Figuur 3.2")
