"""The page text check: internal names, paths, English, count decimals, decimal points, squares,
numbers a table does not carry, p-values in running text."""

from werkdruk_utils.publish import text_check


def kinds(page: str) -> list[str]:
    return sorted({p.kind for p in text_check.check_page("p.html", page)})


def body(inner: str) -> str:
    return f"<html><body><main>{inner}</main></body></html>"


def test_clean_dutch_page_passes():
    page = body(
        "<h2>2.2 Dimensies</h2><p>Zie Tabel B1.8 en §2.2: gemiddeld 2,61 (n = 1.789).</p>"
        "<table><thead><tr><th>Groep</th><th>n</th></tr></thead><tbody><tr><th>bao</th>"
        "<td>1.214</td></tr></tbody></table><p>Data: <code>data/synthetic</code></p>"
    )
    assert text_check.check_page("p.html", page) == []


def test_internal_names_and_paths():
    assert kinds(body("<p>Zie EXTRACTION_NOTES punt 17.</p>")) == ["interne naam"]
    assert "bestandspad" in kinds(body("<p>Uit data/reference/published_values.csv.</p>"))
    assert kinds(body("<p>Zie het bestand tabel_4_1.csv.</p>")) == ["bestandspad", "interne naam"]
    assert kinds(body("<td>v10_oorzaak · sector</td>")) == ["interne naam"]


def test_english_is_found_and_dutch_is_not():
    english = "<p>0,03*** with SE 0,012 is borderline on the rounded values.</p>"
    assert kinds(body(english)) == ["Engels"]
    assert kinds(body("<p>De waarden zijn vergelijkbaar met 2023 en niet significant.</p>")) == []


def test_counts_with_decimals():
    assert kinds(body("<p>In totaal n = 200,00 respondenten.</p>")) == ["aantal met decimalen"]
    table = (
        "<table><thead><tr><th></th><th>2024</th></tr></thead><tbody>"
        "<tr><th>Aantal respondenten (n)</th><td>1.214,00</td></tr></tbody></table>"
    )
    assert kinds(body(table)) == ["aantal met decimalen"]


def test_decimal_points_and_squares():
    assert kinds(body("<p>*p &lt; .05; ** p &lt; .01</p>")) == ["decimale punt"]
    assert kinds(body("<p>De waarde 2.60016 en 0.03.</p>")) == ["decimale punt"]
    assert kinds(body("<p>Adj. R2 en Werktijdfactor2</p>")) == ["kwadraat als 2"]
    assert kinds(body("<p>Paragraaf 2.2 en Tabel 4.1</p>")) == []


def test_a_sentence_contradicted_by_its_table():
    table = (
        "<table><tbody><tr><th>Aantal respondenten (n)</th><td>1.789</td><td>45,2%</td></tr>"
        "</tbody></table>"
    )
    good = body(f'<h2>A</h2>{table}<div class="generated"><p>In 2024 45,2% (1.789).</p></div>')
    bad = body(f'<h2>A</h2>{table}<div class="generated"><p>In 2024 45,3% (1.788).</p></div>')
    assert text_check.unsupported_numbers(good) == []
    assert sorted(n for n, _ in text_check.unsupported_numbers(bad)) == ["1.788", "45,3%"]
    # rounded in the text, exact in the table: the same number
    rounded = body(f'<h2>A</h2>{table}<div class="generated"><p>Ongeveer 45%.</p></div>')
    assert text_check.unsupported_numbers(rounded) == []
    # a table of another section does not support the sentence
    apart = body(f'<h2>A</h2>{table}<h2>B</h2><div class="generated"><p>45,2%.</p></div>')
    assert [n for n, _ in text_check.unsupported_numbers(apart)] == ["45,2%"]


def test_p_values_belong_in_the_fold():
    crowded = body("<p>Hoger (p = 0,010) en lager (p &lt; 0,001).</p>")
    assert kinds(crowded) == ["p-waarden in lopende tekst"]
    folded = body(
        "<p>Hoger dan in 2023.</p><details class='stat-fold'><summary>Toetsen</summary>"
        "<ul><li>p = 0,010</li><li>p &lt; 0,001</li></ul></details>"
    )
    assert kinds(folded) == []
    legend = '<p class="table-note">* p &lt; 0,05; ** p &lt; 0,01; *** p &lt; 0,005</p>'
    assert kinds(body(legend)) == []  # the stars' legend under a table: a note, not running text
    assert kinds(body(legend + "<p>Hoger (p = 0,010) en lager (p = 0,020).</p>")) == [
        "p-waarden in lopende tekst"
    ]
    check = (
        '<div class="werkdruk-check check-red"><ul><li>C199: rapport: gestegen; data: '
        "2022–2024 niet significant (p = 0,072); 2023–2024 niet significant (p = 0,159)</li>"
        "</ul></div>"
    )
    assert kinds(body(check)) == []  # the self-check reports the tests of the claims it checked
    assert kinds(body(check + "<p>Hoger (p = 0,010) en lager (p = 0,020).</p>")) == [
        "p-waarden in lopende tekst"
    ]


def test_notes_and_the_self_check_are_not_running_text():
    two = "verschil (p = 0,072) en (p = 0,159)"
    note = body(f'<p class="table-note">Buiten het rapport: {two}.</p>')
    check = body(
        '<div class="werkdruk-check check-red"><p><strong>Zelfcontrole</strong></p>'
        f"<ul><li>C199: rapport: gestegen; data: {two}</li></ul></div>"
    )
    assert text_check.p_values_in_running_text(note) == []
    assert text_check.p_values_in_running_text(check) == []
    assert kinds(note) == [] and kinds(check) == []
    # the same text as a paragraph of its own is running text
    assert kinds(body(f"<p>{two}</p>")) == ["p-waarden in lopende tekst"]
