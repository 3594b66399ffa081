import pandas as pd

from werkdruk_utils.present.tables import SUPPRESSED, ReportTable, slug


def make_table():
    display = pd.DataFrame(
        {"2023": ["74,7%", SUPPRESSED], "2024": ["12,0%", "3,1%"]},
        index=pd.Index(["Ja", "Nee <b>"], name="Antwoord"),
    )
    data = pd.DataFrame({"category": ["Ja", "Nee"], "percent": [74.7, None]})
    return ReportTable("Tabel 3.1", "Hoe is besloten?", display, data, notes=["n = 200"])


def test_slug():
    assert slug("Tabel 4.1") == "tabel_4_1"
    assert slug("Figuur B3.1") == "figuur_b3_1"


def test_html_is_escaped_deterministic_and_marks_suppression():
    html1 = make_table().to_html()
    assert html1 == make_table().to_html()
    assert "Nee &lt;b&gt;" in html1
    assert '<td class="num suppressed" data-suppressed="">*</td>' in html1
    assert "<strong>Tabel 3.1</strong> Hoe is besloten?" in html1
    assert "n = 200" in html1


def test_csv(tmp_path):
    path = make_table().write_csv(tmp_path)
    assert path.name == "tabel_3_1.csv"
    assert path.read_text(encoding="utf-8") == "category,percent\nJa,74.7\nNee,\n"
