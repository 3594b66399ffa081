"""The site's page layout: template, navigation, year switcher, table of contents, text references
as links, CSV links, shared assets."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_markdown_cell, new_notebook, new_output

from werkdruk_utils.present.tables import ReportTable
from werkdruk_utils.publish import pages, static

CHAPTERS = [
    pages.ChapterPage("01_inleiding_en_methode", "1. Inleiding"),
    pages.ChapterPage("02_ervaren_werkdruk", "2. Ervaren werkdruk"),
    pages.ChapterPage("03_proces", "3. Het proces rondom de werkdrukaanpak"),
    pages.ChapterPage("04_besteding", "4. De besteding van de werkdrukmiddelen"),
]


def page(name="03_proces", year=2024):
    return pages.Page(
        pages.Site(CHAPTERS, [2022, 2023, 2024]), "t", root="../", year=year, name=name
    )


def test_heading_ids_are_ascii_and_unique():
    taken: set[str] = set()
    assert pages.heading_id("2.2 Dimensies", taken) == "h-2-2-dimensies"
    assert pages.heading_id("2.2 Dimensies", taken) == "h-2-2-dimensies-2"
    assert pages.heading_id("Effecten – ‘één’", taken) == "h-effecten-een"


def test_references_resolve_on_the_page_in_another_chapter_or_in_a_bijlage():
    ids = {"tabel_3_1"}
    p = page()
    assert pages.reference_target("Tabel", "3.1", ids, p) == "#tabel_3_1"
    assert pages.reference_target("Tabel", "4.1", ids, p) == "04_besteding.html#tabel_4_1"
    assert pages.reference_target("Figuren", "B3.2", ids, p) == "bijlage_3.html#figuur_b3_2"
    # an item of this chapter that the page does not show (a diagram) is not linked
    assert pages.reference_target("Figuur", "3.9", ids, p) is None
    assert pages.reference_target("Tabel", "9.1", ids, p) is None  # no such chapter


def test_every_number_of_a_list_is_a_link_and_the_word_belongs_to_the_first():
    text = "zie Tabel B2.2 en B2.3, en Figuren 2.4–2.5 (Figuur 3.9 niet)."
    linked = pages.link_references(text, {"figuur_2_4", "figuur_2_5"}, page())
    assert '<a class="ref" href="bijlage_2.html#tabel_b2_2">Tabel B2.2</a> en ' in linked
    assert '<a class="ref" href="bijlage_2.html#tabel_b2_3">B2.3</a>' in linked
    assert (
        '<a class="ref" href="#figuur_2_4">Figuren 2.4</a>–<a class="ref" href="#figuur_2_5">'
        in linked
    )
    assert "(Figuur 3.9 niet)." in linked
    assert pages.link_references("geen verwijzing", set(), page()) is None


def test_finish_builds_the_toc_links_text_and_csvs(tmp_path):
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "tabel_3_1.csv").write_text("x\n", encoding="utf-8")
    body = (
        f"{pages.TOP_PLACEHOLDER}<main><h1>3. Het proces</h1><h2>3.1 Oorzaken</h2>"
        "<p>Zie Tabel 3.1 en Tabel 4.1.</p>"
        '<figure class="report-table" id="tabel_3_1" data-table="tabel_3_1">'
        "<figcaption><strong>Tabel 3.1</strong> Titel</figcaption><table></table></figure>"
        f"<h3>Details</h3></main>{pages.BOTTOM_PLACEHOLDER}"
    )
    p = page()
    out = pages.finish(body, p, tmp_path)
    assert p.toc == [(2, "h-3-1-oorzaken", "3.1 Oorzaken"), (3, "h-details", "Details")]
    assert '<a href="#h-3-1-oorzaken">3.1 Oorzaken</a>' in out  # in the navigation
    assert '<a class="ref" href="#tabel_3_1">Tabel 3.1</a>' in out
    assert '<a class="ref" href="04_besteding.html#tabel_4_1">Tabel 4.1</a>' in out
    assert "<strong>Tabel 3.1</strong> Titel" in out  # captions are not links to themselves
    assert '<a class="csv-link" href="tables/tabel_3_1.csv">' in out
    assert pages.TOP_PLACEHOLDER not in out and pages.BOTTOM_PLACEHOLDER not in out
    assert 'class="site-nav"' in out and 'class="site-footer"' in out


def test_navigation_year_switcher_and_pager():
    p = page("03_proces", 2023)
    top = pages.top(p)
    assert '<a href="../2022/03_proces.html">2022</a>' in top
    assert '<a aria-current="page" href="#inhoud">2023</a>' in top
    assert '<a href="../2023/bijlage_1.html">Bijlage 1 Methodologie</a>' in top
    assert '<a href="../2023/02_ervaren_werkdruk.html">2. Ervaren werkdruk</a>' in top
    pager = pages.pager(p)
    assert 'rel="prev" href="02_ervaren_werkdruk.html"' in pager
    assert 'rel="next" href="04_besteding.html"' in pager
    last = pages.pager(page("bijlage_3", 2023))
    assert 'rel="prev" href="bijlage_2.html"' in last and 'rel="next"' not in last


def notebook():
    table = ReportTable("Tabel 3.1", "Hoe is besloten?", _display(), _display(), [])
    nb = new_notebook(
        cells=[
            new_markdown_cell("# 3. Het proces rondom de werkdrukaanpak\n\nZie Tabel 3.1."),
            nbformat.v4.new_code_cell(
                "x",
                outputs=[new_output("display_data", data={"text/html": table.to_html()})],
            ),
            nbformat.v4.new_code_cell("y = 1", outputs=[]),
        ]
    )
    nb.metadata["papermill"] = {"parameters": {"year": 2024, "data_dir": None}}
    return nb


def _display():
    import pandas as pd

    return pd.DataFrame({"2024": ["10,0%"]}, index=pd.Index(["Ja"], name=""))


def test_render_chapter_is_the_sites_page(tmp_path):
    first = pages.render_chapter(notebook(), notebook="03_proces", year=2024, year_dir=tmp_path)
    second = pages.render_chapter(notebook(), notebook="03_proces", year=2024, year_dir=tmp_path)
    assert first == second
    assert first.startswith("<!DOCTYPE html>") and '<html lang="nl">' in first
    assert "<title>3. Het proces rondom de werkdrukaanpak — meting 2024 — Samen sterk" in first
    assert 'href="../assets/werkdruk.css"' in first and 'rel="stylesheet"' in first
    assert "<style" not in first and first.count("<script") == 1
    assert "jp-" not in first and "In&nbsp;[" not in first  # lean markup, no prompts
    assert 'href="../diff/03_proces_2023_2024.html"' in first  # the chapter's comparisons
    assert '<main id="inhoud"' in first and first.count("<main") == 1
    assert '<a class="ref" href="#tabel_3_1">Tabel 3.1</a>' in first


def test_assets_are_written_once(tmp_path):
    written = static.write_assets(tmp_path)
    assert [p.name for p in written] == ["werkdruk.css", "werkdruk.js"]
    stamp = written[0].stat().st_mtime_ns
    static.write_assets(tmp_path)
    assert written[0].stat().st_mtime_ns == stamp  # unchanged: left alone
