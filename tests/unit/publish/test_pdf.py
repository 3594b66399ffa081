"""The print document behind ``make pdf``: title page, contents, chapters in order with their own
ids and running headers; a clear message without Chromium."""

from __future__ import annotations

from werkdruk_utils.publish import pages, pdf

CHAPTERS = [
    pages.ChapterPage("01_inleiding_en_methode", "1. Inleiding"),
    pages.ChapterPage("02_ervaren_werkdruk", "2. Ervaren werkdruk"),
]


def chapter_page(number: int, title: str, body: str) -> str:
    return (
        '<html><body><nav class="site-nav">nav</nav><main id="inhoud">'
        f'<h1 id="h-{number}">{title}</h1><h2 id="h-{number}-1">{number}.1 Sectie</h2>{body}'
        '<p class="compare-links">vergelijk</p><nav class="pager">vorige</nav></main></body></html>'
    )


def build(tmp_path):
    year = tmp_path / "2024"
    year.mkdir()
    (year / "01_inleiding_en_methode.html").write_text(
        chapter_page(
            1,
            "1. Inleiding",
            '<div class="werkdruk-banner">SYNTHETISCHE DATA</div>'
            '<p>Zie <a class="ref" href="02_ervaren_werkdruk.html#figuur_2_2">Figuur 2.2</a> en '
            '<a href="../diff/x.html">de vergelijking</a>.</p>',
        ),
        encoding="utf-8",
    )
    (year / "02_ervaren_werkdruk.html").write_text(
        chapter_page(
            2,
            "2. Ervaren werkdruk",
            '<figure class="report-figure" id="figuur_2_2"><svg aria-labelledby="figuur_2_2-titel">'
            '<title id="figuur_2_2-titel">T</title><path clip-path="url(#figuur_2_2-p1)"/></svg>'
            "</figure>",
        ),
        encoding="utf-8",
    )
    site = pages.Site(CHAPTERS, [2024])
    return pdf.print_document(tmp_path, 2024, [c.name for c in CHAPTERS], site)


def test_title_page_contents_and_chapters_in_order(tmp_path):
    document = build(tmp_path)
    assert document.index('class="print-title"') < document.index('class="print-contents"')
    assert document.index('id="c1"') < document.index('id="c2"')
    assert "Meting 2024" in document and "SYNTHETISCHE DATA" in document
    assert '<a href="#c2-h-2-1">2.1 Sectie</a>' in document  # the contents link the sections
    # one running header per chapter, on its own named page
    assert (
        '@page c2 { @top-left { content: "2. Ervaren werkdruk — meting 2024"; font-family'
        in document
    )
    assert 'style="page: c2"' in document
    assert "nav" not in document.split("<main>")[1].split('class="print-title"')[0]
    assert '<nav class="pager">' not in document and '<p class="compare-links">' not in document


def test_ids_and_links_stay_within_the_document(tmp_path):
    document = build(tmp_path)
    assert 'id="c2-figuur_2_2"' in document and "url(#c2-figuur_2_2-p1)" in document
    assert 'aria-labelledby="c2-figuur_2_2-titel"' in document
    assert '<a href="#c2-figuur_2_2">Figuur 2.2</a>' in document  # another chapter, same PDF
    assert "de vergelijking" in document and "../diff/x.html" not in document


def test_without_chromium_it_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    assert pdf.find_chromium() is None
    assert pdf.main(["--years", "2024"]) == 2
    err = capsys.readouterr().err
    assert "apt-get install chromium" in err and "CHROMIUM=" in err


def test_page_count_reads_the_page_objects(tmp_path):
    sample = tmp_path / "x.pdf"
    sample.write_bytes(b"%PDF-1.4\n<< /Type /Pages /Count 2 >>\n<< /Type /Page >>\n<</Type/Page>>")
    assert pdf.page_count(sample) == 2
