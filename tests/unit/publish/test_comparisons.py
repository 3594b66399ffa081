"""Year-over-year comparison pages: matching, differences, significance, suppression, rendering."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from scipy import stats

from werkdruk_utils.publish import comparisons as diffpages

COLUMNS = [
    "year",
    "variable",
    "group_var",
    "group",
    "category",
    "statistic",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "n",
    "df",
    "suppressed",
    "table_id",
]


def tidy(year: int, rows: list[tuple]) -> pd.DataFrame:
    """Rows of (category, estimate, se, n, df, suppressed) as the text a table CSV holds."""
    records = []
    for category, estimate, se, n, df, suppressed in rows:
        records.append(
            [
                str(year),
                "v1",
                "sector",
                "bao",
                category,
                "percent",
                "" if suppressed else str(estimate),
                "" if suppressed else str(se),
                "",
                "",
                "" if suppressed else str(n),
                "" if suppressed else str(df),
                str(suppressed),
                "Tabel 9.9",
            ]
        )
    return pd.DataFrame(records, columns=COLUMNS)


def page(table_ids: list[str], svgs: int, banner: bool = True) -> str:
    body = "".join(
        f'<figure class="report-table" id="{t}" data-table="{t}"><figcaption>{t} titel'
        "</figcaption></figure>"
        for t in table_ids
    )
    body += "".join(
        f'<div class="werkdruk-figure"><svg width="10pt"><text>{i}</text></svg></div>'
        for i in range(svgs)
    )
    head = "<style>.werkdruk-banner{color:red}</style>"
    return head + ('<div class="werkdruk-banner">SYNTHETISCHE DATA</div>' if banner else "") + body


def test_year_pairs_are_consecutive_plus_first_and_last():
    assert diffpages.year_pairs([2024, 2022, 2023]) == [(2022, 2023), (2023, 2024), (2022, 2024)]
    assert diffpages.year_pairs([2023, 2024]) == [(2023, 2024)]
    assert diffpages.year_pairs([2024]) == []


def test_table_slugs_and_svgs_in_page_order():
    text = page(["tabel_3_1", "figuur_3_2", "tabel_3_1"], 2)
    assert diffpages.table_slugs(text) == ["tabel_3_1", "figuur_3_2"]
    assert diffpages.extract_svgs(text) == [
        '<svg width="10pt"><text>0</text></svg>',
        '<svg width="10pt"><text>1</text></svg>',
    ]


def test_section_outline_lists_headings_tables_and_figures_in_order():
    text = (
        '<h2 id="a">3.1 Oorzaken<a class="anchor-link" href="#a">¶</a></h2>'
        '<figure class="report-table" id="tabel_3_1" data-table="tabel_3_1"></figure><svg></svg>'
        "<h3>Noot &amp; bron</h3>"
    )
    assert diffpages.section_outline(text) == [
        "h2 3.1 Oorzaken",
        "table tabel_3_1",
        "figure",
        "h3 Noot & bron",
    ]


def test_long_form_keeps_own_year_rows_and_suppresses():
    raw = pd.concat(
        [
            tidy(2023, [("Ja", 40.0, 2.0, 200, 150, False)]),
            tidy(2024, [("Ja", 45.0, 2.5, 180, 140, False), ("Nee", 0, 0, 0, 0, True)]),
        ]
    )
    long = diffpages.long_form(raw, 2024)
    assert list(long["measure"]) == ["estimate", "estimate"]  # n is a column, not a row
    assert long["value"].iloc[0] == 45.0 and long["n"].iloc[0] == 180.0  # 2023's row left out
    assert long["key"].iloc[0] == ("v1", "sector", "bao", "Ja", "percent")
    assert long["label"].iloc[0] == "bao · Ja"  # no variable names, codes or statistics
    assert long["text"].iloc[1] == "*" and math.isnan(long["value"].iloc[1])
    assert math.isnan(long["n"].iloc[1])  # the base of a hidden cell is hidden too
    assert bool(long["testable"].iloc[0]) and not bool(long["testable"].iloc[1])


def test_the_label_the_reader_saw_is_used_when_the_csv_has_it():
    raw = tidy(2024, [("Ja", 45.0, 2.5, 180, 140, False)]).assign(
        row_label="Regulier basisonderwijs", column_label="2024"
    )
    assert diffpages.long_form(raw, 2024)["label"].iloc[0] == "Regulier basisonderwijs"


def test_the_school_year_of_the_measurement_matches_the_other_year():
    a = pd.DataFrame({"group": ["2022-2023"], "category": ["Ja"], "estimate": ["10"]})
    b = pd.DataFrame({"group": ["2023-2024"], "category": ["Ja"], "estimate": ["12"]})
    rows = diffpages.compare(diffpages.long_form(a, 2023), diffpages.long_form(b, 2024), 2023, 2024)
    assert list(rows["status"]) == ["beide"] and rows["label"].iloc[0] == "Ja"


def test_a_label_naming_its_own_year_matches_the_other_year():
    a = pd.DataFrame({"series": ["Schoolleiders 2023"], "code": ["1"], "estimate": ["10"]})
    b = pd.DataFrame({"series": ["Schoolleiders 2024"], "code": ["1"], "estimate": ["12"]})
    rows = diffpages.compare(diffpages.long_form(a, 2023), diffpages.long_form(b, 2024), 2023, 2024)
    assert list(rows["status"]) == ["beide"] and rows["label"].iloc[0] == "Schoolleiders [meting]"
    assert rows["difference"].iloc[0] == 2.0


def test_difference_and_independent_samples_test():
    a = diffpages.long_form(tidy(2023, [("Ja", 40.0, 2.0, 200, 150, False)]), 2023)
    b = diffpages.long_form(tidy(2024, [("Ja", 46.0, 2.5, 180, 140, False)]), 2024)
    rows = diffpages.compare(a, b, 2023, 2024)
    estimate = rows[rows["measure"] == "estimate"].iloc[0]
    assert estimate["difference"] == pytest.approx(6.0)
    # by hand: se = sqrt(2² + 2,5²) = 3,2016; t = 6 / 3,2016 = 1,874; df = 150 + 140 - 1 = 289
    t = 6.0 / math.sqrt(2.0**2 + 2.5**2)
    assert estimate["p"] == pytest.approx(2 * stats.t.sf(t, 289), rel=1e-6)
    assert bool(estimate["tested"]) and not bool(estimate["significant"])  # p = 0,062
    assert (estimate["n_a"], estimate["n_b"]) == (200, 180)


def test_a_significant_difference_is_marked():
    a = diffpages.long_form(tidy(2023, [("Ja", 40.0, 2.0, 200, 150, False)]), 2023)
    b = diffpages.long_form(tidy(2024, [("Ja", 50.0, 2.0, 180, 140, False)]), 2024)
    row = diffpages.compare(a, b, 2023, 2024).iloc[0]
    assert bool(row["significant"]) and diffpages.significance_text(row) == "ja ▲"


def test_suppressed_in_either_year_gives_no_difference():
    a = diffpages.long_form(tidy(2023, [("Ja", 40.0, 2.0, 200, 150, False)]), 2023)
    b = diffpages.long_form(tidy(2024, [("Ja", 0, 0, 0, 0, True)]), 2024)
    row = diffpages.compare(a, b, 2023, 2024).iloc[0]
    assert row["text_b"] == "*" and math.isnan(row["difference"]) and not bool(row["tested"])
    assert diffpages.significance_text(row) == "–"


def test_rows_of_one_year_only_are_kept_and_ordered_after_the_later_year():
    a = diffpages.long_form(
        tidy(2023, [("Oud", 10.0, 1.0, 50, 40, False), ("Ja", 40.0, 2.0, 200, 150, False)]), 2023
    )
    b = diffpages.long_form(
        tidy(2024, [("Ja", 41.0, 2.0, 200, 150, False), ("Nieuw", 5.0, 1.0, 60, 50, False)]), 2024
    )
    rows = diffpages.compare(a, b, 2023, 2024)
    estimates = rows[rows["measure"] == "estimate"]
    assert [lab.split(" · ")[-1] for lab in estimates["label"]] == ["Ja", "Nieuw", "Oud"]
    assert list(estimates["status"]) == ["beide", "alleen_b", "alleen_a"]


def test_tables_without_standard_errors_are_compared_untested():
    a = pd.DataFrame(
        {
            "category": ["Man", "Vrouw"],
            "n": ["10", "30"],
            "percent": ["25", "75"],
            "table_id": "Tabel B1.1",
        }
    )
    b = pd.DataFrame(
        {
            "category": ["Man", "Vrouw"],
            "n": ["10", "40"],
            "percent": ["20", "80"],
            "table_id": "Tabel B1.1",
        }
    )
    rows = diffpages.compare(diffpages.long_form(a, 2023), diffpages.long_form(b, 2024), 2023, 2024)
    assert list(zip(rows["label"], rows["measure"], rows["difference"], strict=False)) == [
        ("Man", "percent", -5.0),
        ("Vrouw", "percent", 5.0),
    ]
    assert list(rows["n_b"]) == [10, 40]  # the base in its own column
    assert list(rows["changed"]) == [True, True]
    assert not rows["tested"].any()


@pytest.fixture
def built(tmp_path):
    """Two built years of one notebook with one table and one figure each."""
    for year, (estimate, se) in {2023: (40.0, 2.0), 2024: (50.0, 2.0)}.items():
        folder = tmp_path / str(year)
        (folder / "tables").mkdir(parents=True)
        (folder / "03_proces.html").write_text(page(["tabel_9_9", "controle"], 1), encoding="utf-8")
        tidy(
            year, [("Ja", estimate, se, 200, 150, False), ("Nee", 0, 0, 0, 0, year == 2024)]
        ).to_csv(folder / "tables" / "tabel_9_9.csv", index=False)
    return tmp_path


def test_write_diff_html_and_text(built):
    html_path, text_path = diffpages.write_diff(built, "03_proces", 2023, 2024)
    assert html_path == built / "diff" / "03_proces_2023_2024.html"
    html_text = html_path.read_text(encoding="utf-8")
    assert html_text.count("<svg") == 2 and "SYNTHETISCHE DATA" in html_text
    # the summary first: the significant change in words, with the number of tests made
    summary = html_text[html_text.index("Wat is significant veranderd") :]
    assert summary.index("Van de 1 getoetste cijfers verschillen er 1 significant") < summary.index(
        "Tabellen naast elkaar"
    )
    assert "in 2024 10,0 procentpunt hoger dan in 2023 (50,0% tegen 40,0%)" in summary
    # then the table: label, value and n per year, difference, p, significance
    assert (
        '<th scope="row" class="label">bao · Ja</th><td class="num">40,0</td>'
        '<td class="num">200</td><td class="num">50,0</td><td class="num">200</td>'
        '<td class="num">+10,0</td><td class="num">&lt; 0,001</td><td class="sig">ja ▲</td>'
        in html_text
    )
    assert '<td class="num">*</td>' in html_text  # suppressed in 2024
    assert "v1" not in html_text and "percent" not in html_text  # no internal names
    lines = text_path.read_text(encoding="utf-8").splitlines()
    assert "== tabel_9_9 titel (tabel_9_9.csv): 2 cijfers, 2 veranderd" in lines
    changed = [line for line in lines if line.startswith("~ ")]
    assert changed[0].split() == ["~", "percentage", "40,0", "50,0", "+10,0", "*", "bao", "·", "Ja"]
    assert len({line.index(" bao ") for line in changed}) == 1  # aligned columns
    assert any(
        line.split()[1:4] == ["percentage", "0,0", "*"] for line in changed
    )  # suppressed: no difference


def test_output_is_deterministic(built):
    first = [p.read_bytes() for p in diffpages.write_diff(built, "03_proces", 2023, 2024)]
    second = [p.read_bytes() for p in diffpages.write_diff(built, "03_proces", 2023, 2024)]
    assert first == second


def test_missing_page_names_the_build_to_run(built):
    with pytest.raises(FileNotFoundError, match="make notebooks"):
        diffpages.write_diff(built, "04_besteding", 2023, 2024)
