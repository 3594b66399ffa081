"""stats.suppression: the small-cell rule, complementary suppression, and how tables, CSVs and
sentences apply it."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from werkdruk_utils.present.bases import plain
from werkdruk_utils.present.findings import change_sentence
from werkdruk_utils.present.presentation import results_table
from werkdruk_utils.present.tables import SUPPRESSED, ReportTable
from werkdruk_utils.stats import suppression as d


def test_complementary_cells_hides_the_next_smallest():
    # one group below the minimum: the smallest shown group (n = 15) is hidden as well
    assert d.complementary_cells([4, 30, 15, 40], [True, False, False, False]) == [
        True,
        False,
        True,
        False,
    ]
    # ties: the first of equals
    assert d.complementary_cells([4, 15, 15], [True, False, False]) == [True, True, False]
    # two already hidden, none hidden, or an empty group: nothing to add
    assert d.complementary_cells([4, 5, 30], [True, True, False]) == [True, True, False]
    assert d.complementary_cells([20, 30], [False, False]) == [False, False]
    assert d.complementary_cells([0, 30, 40], [True, False, False]) == [True, False, False]
    with pytest.raises(ValueError):
        d.complementary_cells([1], [True, False])


def breakdown(n: dict[str, int], year: int = 2024, min_n: int = 10) -> pd.DataFrame:
    rows = []
    for group, count in n.items():
        hidden = count < min_n
        rows.append(
            {
                "year": year,
                "variable": "v19",
                "group_var": "sector",
                "group": group,
                "category": "gedaald",
                "statistic": "percent",
                "estimate": math.nan if hidden else 40.0,
                "se": math.nan if hidden else 2.0,
                "ci_low": math.nan if hidden else 36.0,
                "ci_high": math.nan if hidden else 44.0,
                "n": count,
                "df": 50,
                "suppressed": hidden,
            }
        )
    return pd.DataFrame(rows)


def test_apply_complementary_suppression_per_breakdown_and_year():
    frame = pd.concat(
        [
            breakdown({"bao": 200, "go": 6, "so": 25}),
            breakdown({"bao": 200, "go": 30, "so": 25}, year=2023),
        ],
        ignore_index=True,
    )
    out = d.apply_complementary_suppression(frame)
    hidden = out[out["suppressed"]][["year", "group"]].apply(tuple, axis=1).tolist()
    assert hidden == [(2024, "go"), (2024, "so")]
    so = out[(out["year"] == 2024) & (out["group"] == "so")].iloc[0]
    assert math.isnan(so["estimate"]) and math.isnan(so["ci_high"]) and so["n"] == 25
    assert frame["suppressed"].sum() == 1  # the input is not changed


def test_totals_are_not_a_breakdown():
    frame = breakdown({"totaal": 6}).assign(group_var="totaal")
    assert d.apply_complementary_suppression(frame)["suppressed"].tolist() == [True]


def test_results_table_hides_cells_and_bases_and_csv_blanks_them(tmp_path):
    table = results_table(
        breakdown({"bao": 200, "go": 6, "so": 25}),
        table_id="Tabel X",
        title="t",
        rows="category",
        columns="group",
        mark_changes=False,
    )
    assert table.display.loc["gedaald"].tolist() == ["40,0%", SUPPRESSED, SUPPRESSED]
    assert table.display.iloc[-1].tolist() == ["200", SUPPRESSED, SUPPRESSED]
    assert any("kleinste aantal" in note for note in table.notes)
    path = table.write_csv(tmp_path)
    written = pd.read_csv(path)
    hidden = written[written["suppressed"]]
    assert hidden["group"].tolist() == ["go", "so"]
    assert hidden[["estimate", "se", "n", "df"]].isna().all().all()
    assert written.loc[written["group"] == "bao", "n"].tolist() == [200]


def test_write_csv_without_suppression_column_is_unchanged(tmp_path):
    table = ReportTable(
        "Tabel Y", "t", pd.DataFrame({"a": [1]}), pd.DataFrame({"n": [3], "x": [1]})
    )
    assert pd.read_csv(table.write_csv(tmp_path))["n"].tolist() == [3]


def test_findings_follow_the_same_rule():
    frame = breakdown({"bao": 200, "go": 6, "so": 25})
    text = change_sentence(frame, 2024, subject="Het aandeel", group="so")
    assert text == "Het aandeel: in 2024 te weinig respondenten om een cijfer te tonen."
    assert "(n =" not in change_sentence(frame, 2024, subject="Het aandeel", group="go")
    shown = plain(change_sentence(frame, 2024, subject="Het aandeel", group="bao"))
    assert shown.startswith("Het aandeel is in 2024 40,0%.") and "n = 200" in shown


def test_count_suppression_hides_small_counts_with_a_complement():
    # 3 of min_n 10 hidden; the next-smallest shown count (12, the first of equals) with it
    assert d.count_suppression([3, 12, 40, 12], 10) == [True, True, False, False]
    # two small counts hide each other; zeros are shown and protect nothing
    assert d.count_suppression([3, 0, 5, 40], 10) == [True, False, True, False]
    assert d.count_suppression([0, 3, 0, 40], 10) == [False, True, False, True]
    assert d.count_suppression([10, 20], 10) == [False, False]
    # a total under min_n: every count that is not 0
    assert d.count_suppression([6, 0, 2], 10) == [True, False, True]
    assert d.count_suppression([], 10) == []
