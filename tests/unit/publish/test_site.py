"""The index page: links, reproduction status, checksums, code version, synthetic banner."""

from __future__ import annotations

import json

from werkdruk_utils.publish import site

HEADER = (
    '<style>.werkdruk-banner{{color:red}}</style>{banner}<table class="werkdruk-meta">'
    "<tr><th>Meting</th><td>{year}</td></tr><tr><th>Data</th><td>data/synthetic</td></tr>"
    "<tr><th>Code-versie</th><td>0.1.0 (abc123)</td></tr>"
    "<tr><th>SHA-256 invoer 2023</th><td><code>aaa</code></td></tr>"
    "<tr><th>SHA-256 invoer 2024</th><td><code>bbb</code></td></tr></table>"
)


def executed(year: int, synthetic: bool = True) -> dict:
    banner = '<div class="werkdruk-banner">SYNTHETISCHE DATA</div>' if synthetic else ""
    return {
        "cells": [
            {
                "cell_type": "markdown",
                "source": ["# 3. Het proces rondom de werkdrukaanpak\n", "tekst"],
            },
            {
                "cell_type": "code",
                "source": "x",
                "outputs": [
                    {
                        "output_type": "display_data",
                        "data": {"text/html": [HEADER.format(banner=banner, year=year)]},
                    }
                ],
            },
        ]
    }


def build_outputs(root, synthetic=True):
    for year in (2023, 2024):
        folder = root / str(year)
        (folder / "reproduction").mkdir(parents=True)
        (folder / "03_proces.ipynb").write_text(
            json.dumps(executed(year, synthetic)), encoding="utf-8"
        )
        (folder / "03_proces.html").write_text("<html></html>", encoding="utf-8")
    (root / "2024" / "reproduction" / "03_proces.csv").write_text(
        "source_id,within_tolerance,expected_deviation\nTabel 3.1,True,False\nTabel "
        "3.1,False,True\n"
        "Tabel 3.2,False,False\nTabel 3.2,True,False\n",
        encoding="utf-8",
    )
    (root / "diff").mkdir()
    (root / "diff" / "03_proces_2023_2024.html").write_text("<html></html>", encoding="utf-8")
    (root / "diff" / "03_proces_2023_2024.txt").write_text("", encoding="utf-8")


def test_header_fields_and_provenance():
    prov = site.provenance(executed(2024))
    assert prov.code_version == "0.1.0 (abc123)" and prov.data == "data/synthetic"
    assert prov.checksums == {2023: "aaa", 2024: "bbb"} and prov.synthetic
    assert not site.provenance(
        executed(2024, synthetic=False)
    ).synthetic  # the CSS alone is no banner
    assert site.provenance({"cells": []}) is None


def test_title_from_the_first_heading():
    assert (
        site.notebook_title(executed(2024), "03_proces") == "3. Het proces rondom de werkdrukaanpak"
    )
    assert site.notebook_title({"cells": []}, "03_proces") == "03_proces"


def test_reproduction_counts(tmp_path):
    build_outputs(tmp_path)
    rep = site.reproduction(tmp_path / "2024" / "reproduction" / "03_proces.csv")
    assert (rep.within, rep.compared, rep.expected_deviations) == (2, 4, 1)
    assert rep.text == "2 van 4 (1 tegenstrijdig in het rapport)" and not rep.complete
    assert site.reproduction(tmp_path / "2023" / "reproduction" / "03_proces.csv") is None


def test_index_links_every_page_and_shows_provenance(tmp_path):
    build_outputs(tmp_path)
    target = site.write_index(tmp_path, [2023, 2024], ["03_proces", "04_besteding"])
    text = target.read_text(encoding="utf-8")
    assert 'href="2023/03_proces.html"' in text and 'href="2024/03_proces.html"' in text
    assert (
        'href="diff/03_proces_2023_2024.html"' in text
        and 'href="diff/03_proces_2023_2024.txt"' in text
    )
    assert "niet gebouwd" in text  # 04_besteding has no pages
    assert '<td class="warn">2 van 4 (1 tegenstrijdig in het rapport)</td>' in text
    assert (
        "<tr><td>3. Het proces rondom de werkdrukaanpak</td><td>2024</td>" in text
        and "<code>bbb</code>" in text
        and "<code>aaa</code>" in text
    )
    assert "0.1.0 (abc123)" in text and 'class="werkdruk-banner"' in text
    # one shared stylesheet and script, nothing inlined
    assert '<link rel="stylesheet" href="assets/werkdruk.css">' in text
    assert text.count("<script") == 1 and "<style" not in text
    assert (tmp_path / "assets" / "werkdruk.css").exists()
    assert "<title>Overzicht van alle metingen — Samen sterk voor minder werkdruk</title>" in text
    # human titles in the grid, the Bijlagen as entries of their own
    assert ">3. Het proces rondom de werkdrukaanpak, 2024</a>" in text
    assert 'href="2024/bijlage_3.html"' in text and (tmp_path / "2024" / "bijlage_3.html").exists()


def test_appendix_page_lists_its_items_where_they_are_rendered(tmp_path):
    build_outputs(tmp_path)
    (tmp_path / "2024" / "03_proces.html").write_text(
        '<figure class="report-table" id="tabel_b3_1" data-table="tabel_b3_1">\n'
        "<figcaption><strong>Tabel B3.1</strong> Oorzaken</figcaption></figure>"
        '<details class="figure-data" id="figuur_2_2-cijfers" data-table="figuur_2_2">'
        "<summary>Cijfers bij Figuur 2.2: waarden</summary></details>",
        encoding="utf-8",
    )
    site.write_index(tmp_path, [2023, 2024], ["03_proces"])
    text = (tmp_path / "2024" / "bijlage_3.html").read_text(encoding="utf-8")
    assert '<li id="tabel_b3_1"><a href="03_proces.html#tabel_b3_1">Tabel B3.1 Oorzaken</a>' in text
    assert "figuur_2_2" not in text  # a chapter's own figure is not a Bijlage item
    assert "<title>Bijlage 3 Aanvullende tabellen en figuren — meting 2024 — " in text
    empty = (tmp_path / "2024" / "bijlage_2.html").read_text(encoding="utf-8")
    assert "geen tabellen of figuren" in empty


def test_no_banner_for_real_data_and_same_bytes_twice(tmp_path):
    build_outputs(tmp_path, synthetic=False)
    first = site.write_index(tmp_path, [2023, 2024], ["03_proces"]).read_bytes()
    second = site.write_index(tmp_path, [2023, 2024], ["03_proces"]).read_bytes()
    assert first == second and b'class="werkdruk-banner"' not in first


def test_appendix_items_read_captions_with_and_without_base_attributes(tmp_path):
    from werkdruk_utils.publish.site import appendix_items

    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "01_x.html").write_text(
        '<figure class="report-table" data-table="tabel_b1_8" id="tabel_b1_8">\n'
        '<figcaption data-base="label">Tabel B1.8 Weegfactor</figcaption></figure>'
        '<figure class="report-table" id="tabel_b3_1"><figcaption>Tabel B3.1 X</figcaption>'
        "</figure>",
        encoding="utf-8",
    )
    found = appendix_items(tmp_path, 2024, ["01_x"])
    assert found == {
        1: [("item", "tabel_b1_8", "Tabel B1.8 Weegfactor", "01_x")],
        3: [("item", "tabel_b3_1", "Tabel B3.1 X", "01_x")],
    }
