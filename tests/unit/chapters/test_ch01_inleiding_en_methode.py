"""Hoofdstuk 1 / Bijlage 1: response counts, response tables, Tabel B1.8, budgets and case
studies."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from werkdruk_utils import measurements, paths
from werkdruk_utils.chapters import ch01_inleiding_en_methode as ch
from werkdruk_utils.declare import descriptives as d
from werkdruk_utils.declare.estimates import Data
from werkdruk_utils.inputs.load import Measurement
from werkdruk_utils.present import report_data as rd
from werkdruk_utils.present.tables import ReportTable

HAS_DATA = all(
    (paths.SYNTHETIC_DIR / str(y) / "respondents.csv").is_file() for y in measurements.years()
)
needs_data = pytest.mark.skipif(not HAS_DATA, reason="data/synthetic missing: run 'make data'")


def tiny_measurement() -> Measurement:
    """4 sampled schools, 3 responding: S1 three respondents, S2 only a schoolleider, S3 only a
    leraar."""
    schools = pd.DataFrame(
        {
            "school_id": ["S1", "S2", "S3", "S4"],
            "sector": ["bao", "bao", "go", "bao"],
            "schoolgewicht": ["laag", "hoog", None, "laag"],
            "responded": [True, True, True, False],
        }
    )
    respondents = pd.DataFrame(
        {
            "respondent_id": ["r1", "r2", "r3", "r4", "r5"],
            "school_id": ["S1", "S1", "S1", "S2", "S3"],
            "analysis_group": ["schoolleider", "leraar", "leraar", "schoolleider", "leraar"],
            "weighting_group": [
                "schoolleider",
                "leerkracht",
                "leerkracht",
                "schoolleider",
                "leerkracht",
            ],
            "sector": ["bao", "bao", "bao", "bao", "go"],
            "v4": pd.array([1, 2, None, 2, 5], dtype="Int64"),
        }
    )
    return Measurement(
        year=2024, respondents=respondents, schools=schools, synthetic=True, sha256="x", files=[]
    )


def tiny_population() -> pd.DataFrame:
    rows = [
        ("Tabel B1.1", 2024, "Boa", "bao", 80.0),
        ("Tabel B1.1", 2024, "Sbao/so/vso", "go", 20.0),
        ("Tabel B1.5", 2024, "Laag schoolgewicht", "laag", 60.0),
        ("Tabel B1.5", 2024, "Midden schoolgewicht", "midden", 30.0),
        ("Tabel B1.5", 2024, "Hoog schoolgewicht", "hoog", 10.0),
        ("Tabel B1.6", 2024, "Jonger dan 24 jaar", "1", 10.0),
        ("Tabel B1.6", 2024, "25 t/m 34 jaar", "2", 90.0),
        ("Tabel B1.7", 2024, "Schoolleider", "schoolleider", 10.0),
        ("Tabel B1.7", 2024, "Leerkracht", "leerkracht", 90.0),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "table_id",
            "measurement_year",
            "category_label",
            "category",
            "population_percent",
        ],
    )
    return frame.assign(source="test")


def data_of(measurement: Measurement, min_n: int = 10) -> Data:
    return Data({measurement.year: measurement}, measurement.year, min_n)


def tiny_table(table_id: str, unit: str, by: str, min_n: int = 10, **kwargs):
    """A response table of the tiny measurement against the tiny population."""
    return d.response_table(
        data_of(tiny_measurement(), min_n),
        table_id,
        kwargs.pop("title", "t"),
        unit=unit,
        by=by,
        population=tiny_population(),
        **kwargs,
    )


# ----------------------------------------------------------------------------------------------
# response


def test_response_summary_hand_counts():
    s = d.response_summary(tiny_measurement())
    assert s["sample_schools"] == 4
    assert s["responding_schools"] == 3
    assert s["response_rate"] == pytest.approx(75.0)
    assert s["respondents"] == 5
    assert s["mean_per_school"] == pytest.approx(5 / 3)
    assert s["median_per_school"] == 1.0  # counts 3, 1, 1
    assert s["max_per_school"] == 3
    assert s["single_respondent_schools"] == 2  # S2 and S3
    assert s["single_respondent_schoolleider"] == 1  # only S2's single respondent is a schoolleider


def test_response_distribution_orders_and_keeps_unknown_categories():
    values = pd.Series(["a", "b", "a", None, "c"], dtype=object)
    dist = d.response_distribution(values, ["b", "a", "d"])
    assert list(dist["category"]) == ["b", "a", "d", "c"]
    assert list(dist["n"]) == [1, 2, 0, 1]
    assert list(dist["percent"]) == pytest.approx(
        [25.0, 50.0, 0.0, 25.0]
    )  # base: 4 non-missing values
    assert set(dist["base_n"]) == {4}


def test_response_table_schools_corrects_boa_label():
    table = tiny_table(
        "Tabel B1.1",
        "scholen",
        "sector",
        title="Respons scholen naar onderwijstype",
        notes=["Het rapport drukt 'Boa'; bedoeld is 'Bao'."],
    )
    assert isinstance(table, ReportTable)
    assert list(table.display.index) == ["Bao", "Sbao/so/vso", "Totaal"]
    # responding schools S1, S2 (bao) and S3 (go): 2/3 and 1/3
    assert list(table.display["Respons"]) == ["66,7%", "33,3%", "100,0%"]
    assert list(table.display["Populatie"])[:2] == ["80,0%", "20,0%"]
    assert list(table.display["n"]) == ["2", "1", "3"]
    assert any("Boa" in note for note in table.notes)


def test_response_table_restricts_b1_5_to_bao_schools():
    table = tiny_table("Tabel B1.5", "bao-scholen", "schoolgewicht")
    data = table.data.set_index("category")
    # responding bao schools: S1 (laag) and S2 (hoog); S3 is go, S4 did not respond
    assert (
        data.loc["laag", "n"] == 1 and data.loc["hoog", "n"] == 1 and data.loc["midden", "n"] == 0
    )
    assert data.loc["laag", "percent"] == pytest.approx(50.0)
    assert set(data["base_n"]) == {2}


def test_response_table_persons_by_age_excludes_missing_answers():
    table = tiny_table("Tabel B1.6", "personen", "v4", min_n=1)
    data = table.data.set_index("category")
    # v4 = 1, 2, missing, 2, 5 -> base 4; code 5 is not in this population frame and is kept at the
    # end
    assert list(data.index) == ["1", "2", "5"]
    assert list(data["percent"]) == pytest.approx([25.0, 50.0, 25.0])
    assert table.display.loc["5", "Populatie"] == "–"


def test_response_table_persons_hides_counts_under_min_n_with_a_complement():
    # v4 = 1, 2, missing, 2, 5 -> counts 1, 2, 1 of 4 (codes 1, 2, 5); min_n 2: code 1 and code 5
    # (1 respondent each) are hidden; two cells hidden, so no complement is needed
    table = tiny_table("Tabel B1.6", "personen", "v4", min_n=2)
    assert list(table.display["n"]) == ["*", "2", "*", "4"]
    assert list(table.display["Respons"]) == ["*", "50,0%", "*", "100,0%"]
    data = table.data.set_index("category")
    assert data["suppressed"].tolist() == [True, False, True]
    assert data["n"].isna().tolist() == [True, False, True]
    assert data["percent"].isna().tolist() == [True, False, True]
    assert any(note.startswith("*: een aantal van minder dan 2") for note in table.notes)
    # min_n 3: counts 1, 2 and 1 are all under it; the total (4) is not
    assert list(tiny_table("Tabel B1.6", "personen", "v4", min_n=3).display["n"]) == [
        "*",
        "*",
        "*",
        "4",
    ]
    # min_n 10: the total (4) is under it as well
    assert list(tiny_table("Tabel B1.6", "personen", "v4").display["n"]) == ["*"] * 4
    # schools are the sample's description, not respondents: never suppressed
    assert list(tiny_table("Tabel B1.1", "scholen", "sector").display["n"]) == ["2", "1", "3"]


def test_response_table_complement_of_a_single_small_count():
    # B1.7 by weighting group: schoolleider 2, leerkracht 3 (of 5); min_n 3 hides the
    # schoolleiders, and the next-smallest shown count (leerkracht, 3) with it
    table = tiny_table("Tabel B1.7", "personen", "weighting_group", min_n=3)
    assert list(table.display["n"]) == ["*", "*", "5"]
    assert list(tiny_table("Tabel B1.7", "personen", "weighting_group", min_n=2).display["n"]) == [
        "2",
        "3",
        "5",
    ]


def test_unknown_response_table_unit_or_column_raises():
    with pytest.raises(d.DeclarationError, match="no population rows"):
        tiny_table("Tabel B1.99", "scholen", "sector")
    with pytest.raises(d.DeclarationError, match="unknown unit"):
        tiny_table("Tabel B1.1", "klassen", "sector")


# ----------------------------------------------------------------------------------------------
# Tabel B1.8


def respondents_only(respondents: pd.DataFrame) -> Measurement:
    """A 2024 measurement of ``respondents`` without a school frame (enough for Tabel B1.8)."""
    return Measurement(
        year=2024,
        respondents=respondents,
        schools=pd.DataFrame(),
        synthetic=True,
        sha256="x",
        files=[],
    )


def test_weight_rows_hand_computed():
    respondents = pd.DataFrame(
        {
            "sector": ["bao", "bao", "bao", "go", "go", "go"],
            "weighting_group": [
                "schoolleider",
                "leerkracht",
                "overig",
                "schoolleider",
                "leerkracht",
                "overig",
            ],
        }
    )
    m = respondents_only(respondents)
    rows = d.weight_rows(m)
    assert list(rows["label"]) == [
        "BAO Schoolleider",
        "BAO Leerkracht",
        "BAO Overig",
        "GO Schoolleider",
        "GO Leerkracht",
        "GO Overig",
    ]
    total_population = (
        7513 + 110125 + 32998 + 1303 + 19032 + 16212
    )  # weighting_population.csv = 187.183
    # one respondent per cell: sample share 1/6, weight = population share * 6
    assert rows["weight"].iloc[0] == pytest.approx(7513 / total_population * 6)
    assert rows["weight"].iloc[4] == pytest.approx(19032 / total_population * 6)
    assert rows["weighted_cases"].sum() == pytest.approx(6.0)


@needs_data
def test_table_b1_8_weights_2024_match_the_report():
    from werkdruk_utils.present import report

    chapter = report.start("01_inleiding_en_methode", 2024, show_header=False)
    table = d.weight_table(chapter.data)
    assert list(table.data["weight"].round(2)) == [0.36, 1.46, 1.73, 0.18, 0.57, 0.52]
    assert list(table.display.columns) == [
        "Aantal in sample",
        "Percentage in sample",
        "Aantal in populatie",
        "Percentage in populatie",
        "Weegfactor",
        "Gewogen cases",
    ]
    assert table.display.loc["Totaal", "Aantal in populatie"] == "187.183"


# ----------------------------------------------------------------------------------------------
# §1.1-§1.3


def tiny_published() -> pd.DataFrame:
    rows = [
        ("Tekst H1.1", "2018-2019", 237.0),
        ("Tekst H1.1", "2020-2021", 381.8),
        ("Tekst H1.1", "2021-2022", 381.8),
        ("Tekst H6", "2018-2019", 237.0),
        ("Tekst H5.1", "2018-2019", 237.0),
    ]
    frame = pd.DataFrame(rows, columns=["source_id", "school_year", "value"])
    return frame.assign(
        measurement_year=pd.array([pd.NA] * len(rows), dtype="Int64"),
        statistic="amount_million_eur",
        category="werkdrukmiddelen",
        note="",
        variable="workload_funds_budget",
        group="",
    )


def test_budget_table_and_text_from_published_rows():
    published = tiny_published()
    table = rd.table_budgets(published=published)
    assert list(table.display.columns) == ["§1.1", "Hoofdstuk 6", "§5.1"]
    assert table.display.loc["2020-2021", "§1.1"] == "€ 381,8 mln"
    assert table.display.loc["2020-2021", "§5.1"] == ""
    assert any("237 miljoen euro per jaar" in n for n in table.notes)
    assert any("geen enquêtegegevens" in n for n in table.notes)
    text = ch.budget_text(published)
    assert "in schooljaar 2018-2019 €237 miljoen" in text
    assert "in schooljaren 2020-2021 en 2021-2022 €381,8 miljoen" in text


def test_monitored_school_years_include_the_extra_2022_year():
    assert ch.monitored_school_years() == ["2020-2021", "2021-2022", "2022-2023", "2023-2024"]
    assert "2020-2021 en 2021-2022" in ch.two_school_year_note()


# ----------------------------------------------------------------------------------------------
# case studies


def test_interviewee_totals_and_printed_leerkracht_total():
    matrix = rd.interviewee_matrix()
    assert list(matrix.index[:2]) == ["School 1", "School 2"] and matrix.index[-1] == "School 10"
    # Tabel B1.10 rows summed by hand: 9, 5+5+6+5+3+2+1+5+3 = 35, 1+3+2+1+1+4+2 = 14, 4, 8
    assert list(matrix.sum()) == [9, 35, 14, 4, 8]
    table = rd.table_b1_10()
    assert list(table.display.loc["Totaal (zoals gedrukt)"]) == ["9", "32", "14", "4", "8"]
    assert any("32" in n and "35" in n for n in table.notes)


def test_case_schools_table_says_report_data():
    table = rd.table_b1_9()
    assert len(table.display) == 10
    assert table.display.loc["School 5", "Werkdruk-score"] == "3,00"
    assert any("rapportgegevens" in n for n in table.notes)


def test_missing_case_file_column_raises(tmp_path: Path):
    path = tmp_path / "case_schools.csv"
    path.write_text("case_school,werkdrukscore\nSchool 1,3.3\n", encoding="utf-8")
    with pytest.raises(rd.ReportDataError, match="expected columns"):
        rd.load_case_schools(path)


def test_representativeness_names_over_and_under_representation():
    tables = [
        tiny_table(table_id, unit, by, min_n=1)
        for table_id, unit, by in (
            ("Tabel B1.1", "scholen", "sector"),
            ("Tabel B1.5", "bao-scholen", "schoolgewicht"),
            ("Tabel B1.7", "personen", "weighting_group"),
        )
    ]
    suppressed = tables[:2] + [tiny_table("Tabel B1.7", "personen", "weighting_group")]
    assert "Schoolleiders zijn onder de respondenten niet te beoordelen (te weinig " in (
        ch.representativeness_text(*suppressed)
    )
    text = ch.representativeness_text(*tables)
    # go: 33,3% of the responding schools against 20,0% in the population; schoolleiders 40,0%
    # of the respondents against 10,0%; B1.5 'hoog' 50,0% against 10,0% (more than 4 pp)
    assert "zijn in de respons oververtegenwoordigd: 33,3% van de responderende scholen" in text
    assert (
        "Schoolleiders zijn onder de respondenten oververtegenwoordigd: 40,0% tegen 10,0%" in text
    )
    assert "Hoog schoolgewicht (Tabel B1.5: 50,0% tegen 10,0%)" in text


def test_table_b1_8_hides_small_cells_with_a_complement():
    # cells in table order (bao SL, LK, OV; go SL, LK, OV): 12, 20, 15, 0, 12, 4 respondents.
    # min_n 10: go overig (4) is hidden; the empty go schoolleider cell protects nothing, so the
    # next-smallest shown cell, bao schoolleider (12, first of the two 12s), is hidden too
    counts = {
        ("bao", "schoolleider"): 12,
        ("bao", "leerkracht"): 20,
        ("bao", "overig"): 15,
        ("go", "leerkracht"): 12,
        ("go", "overig"): 4,
    }
    cells = [cell for cell, n in counts.items() for _ in range(n)]
    respondents = pd.DataFrame(cells, columns=["sector", "weighting_group"]).assign(year=2024)
    m = respondents_only(respondents)
    table = d.weight_table(data_of(m, 10))
    shown = table.display
    assert list(shown["Aantal in sample"]) == ["*", "20", "15", "0", "12", "*", "63"]
    for column in ("Percentage in sample", "Weegfactor", "Gewogen cases"):
        assert shown[column].iloc[[0, 5]].tolist() == ["*", "*"], column
    assert shown.loc["BAO Leerkracht", "Percentage in sample"] == "31,7%"  # 20 / 63
    data = table.data
    assert data["suppressed"].tolist() == [True, False, False, False, False, True]
    assert data.loc[data["suppressed"], ["n_sample", "share_sample", "weight"]].isna().all().all()
    assert any(note.startswith("*: een cel met minder dan 10") for note in table.notes)
    # all cells at least min_n: nothing hidden, no suppressed column, no note
    table = d.weight_table(data_of(m, 4))
    assert "suppressed" not in table.data.columns
    assert list(table.display["Aantal in sample"]) == ["12", "20", "15", "0", "12", "4", "63"]
