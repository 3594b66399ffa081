"""publish.bases_check: every number's base is read, and a number on fewer than min_n respondents
fails the output check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from werkdruk_utils.publish import bases_check as b
from werkdruk_utils.publish.output_check import check_outputs


def numbers(text: str, min_n: int = 10) -> list[tuple[str, str, str | None]]:
    return [(number, base, problem) for _, number, base, problem in b.check_html(text, min_n)]


def test_html_numbers_take_the_nearest_base() -> None:
    html = (
        '<table><tr><th data-base="label">Totaal N</th>'
        '<td data-n="186">74,7%</td><td data-n="3">100%</td><td data-suppressed="">*</td></tr>'
        '</table><p>Tabel 3.1 toont <span data-n="65">23,1%</span> in 2024 en 12 zonder basis.</p>'
    )
    assert numbers(html) == [
        ("74,7", "n=186", None),
        ("100", "n=3", b.BELOW_MIN_N),
        ("23,1", "n=65", None),
        ("2024", "jaartal", None),
        ("12", "geen", b.NO_BASE),
    ]


def test_unclosed_cells_do_not_leak_a_base() -> None:
    html = '<table><tr><td data-n="3">5<td>7</tr></table>'
    assert numbers(html) == [("5", "n=3", b.BELOW_MIN_N), ("7", "geen", b.NO_BASE)]


def test_digits_in_a_suppressed_cell_and_unknown_kinds_fail() -> None:
    assert numbers('<td data-suppressed="">12</td><td data-base="gok">4</td>') == [
        ("12", "onderdrukt", b.SUPPRESSED_NUMBER),
        ("4", "gok", b.UNKNOWN_KIND),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Tabel B1.8 en Figuur 2.10, paragraaf 3.1, Bijlage 2, §4.2, H6",
        "gebouwd op 2026-11-30 om 12:34, commit 8e1d24a",
        "<style>.x{width:540pt}</style><script>var a = 3;</script>",
        "schooljaar 2023-2024, meting 2022",
        "variabele v14_1 en v6_2",
        "<svg><metadata><dc:title>Matplotlib v3.11.2</dc:title></metadata></svg>",
        '<div class="jp-InputArea"><pre>min_n = 10</pre></div>',
    ],
)
def test_non_statistics_pass_without_a_base(text: str) -> None:
    assert [p for _, _, p in numbers(text) if p is not None] == []


def test_visible_attributes_are_read() -> None:
    assert numbers('<svg aria-label="Aandeel 4%"><g data-n="4"><text>9,0</text></g></svg>') == [
        ("4", "geen", b.NO_BASE),
        ("9,0", "n=4", b.BELOW_MIN_N),
    ]


def test_csv_rows_take_their_n_and_count_columns_their_own_value() -> None:
    csv = (
        "year,group,estimate,se,n,n_population,published,suppressed\n"
        "2024,bao,74.7,2.1,186,7513,73.9,False\n"
        "2024,go,100,0,3,1303,80.0,False\n"
        "2024,bao,,,,7513,,True\n"
    )
    found = [(n, base, p) for loc, n, base, p in b.check_csv(csv, 10) if p is not None]
    assert found == [
        ("100", "n=3", b.BELOW_MIN_N),
        ("0", "n=3", b.BELOW_MIN_N),
        ("3", "n=3", b.BELOW_MIN_N),
    ]


def test_csv_without_a_base_column() -> None:
    found = [(n, p) for _, n, _, p in b.check_csv("label,value\nbao,12\n", 10)]
    assert found == [("12", b.NO_BASE)]


def test_notebook_outputs_and_markdown_are_read_code_is_not() -> None:
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["## 3.1 Oorzaken\n", "Zie Tabel 3.1."]},
            {
                "cell_type": "code",
                "source": ["min_n = 10\n", "year = 2024"],
                "outputs": [
                    {
                        "output_type": "display_data",
                        "data": {"text/html": ['<td data-n="5">8</td>']},
                    },
                    {"output_type": "stream", "name": "stdout", "text": ["n = 7\n"]},
                ],
            },
        ]
    }
    found = [(loc, n, p) for loc, n, _, p in b.check_notebook(json.dumps(notebook), 10)]
    assert found == [
        ("cel 1, uitvoer 0, regel 1, kolom 16", "8", b.BELOW_MIN_N),
        ("cel 1, uitvoer 1, regel 1, kolom 5", "7", b.NO_BASE),
    ]


def _outputs(tmp_path: Path, page: str) -> Path:
    out = tmp_path / "outputs" / "2024"
    out.mkdir(parents=True)
    (out / "03_proces.html").write_text(page, encoding="utf-8")
    (out / "tabel.csv").write_text("year,estimate,n\n2024,74.7,186\n", encoding="utf-8")
    return out.parent


def test_a_planted_small_number_fails_and_its_page_is_quarantined(tmp_path: Path) -> None:
    outputs = _outputs(tmp_path, '<td data-n="186">74,7%</td><td data-n="3">100%</td>')
    result = check_outputs(outputs, None, quarantine=tmp_path / "quarantine")
    assert not result.ok
    assert [(f.number, f.base) for f in result.base_failures] == [("100", "n=3")]
    assert not (outputs / "2024" / "03_proces.html").exists()
    assert (tmp_path / "quarantine" / "2024" / "03_proces.html").exists()
    assert (outputs / "2024" / "tabel.csv").exists()


def test_annotated_outputs_pass_and_unannotated_numbers_fail_only_when_strict(
    tmp_path: Path,
) -> None:
    outputs = _outputs(tmp_path, '<td data-n="186">74,7%</td><p>12 scholen</p>')
    result = check_outputs(outputs, None, quarantine=tmp_path / "q")
    assert result.ok and result.bases.count(b.NO_BASE) == 1
    strict = check_outputs(outputs, None, quarantine=tmp_path / "q", strict_bases=True)
    assert not strict.ok and [f.number for f in strict.base_failures] == ["12"]


def test_min_n_is_a_parameter(tmp_path: Path) -> None:
    outputs = _outputs(tmp_path, '<td data-n="12">74,7%</td>')
    assert check_outputs(outputs, None, quarantine=tmp_path / "q", min_n=10).ok
    assert not check_outputs(outputs, None, quarantine=tmp_path / "q", min_n=15).ok


def test_csv_rows_counting_schools_describe_the_sample() -> None:
    csv = (
        "category,n,percent,base_n,unit\n"
        "Zeeland,8,2.25,355,responderende scholen\n"
        "Zeeland,8,2.25,355,respondenten\n"
    )
    found = [(loc, base, p) for loc, _, base, p in b.check_csv(csv, 10)]
    assert [base for loc, base, _ in found if loc.startswith("regel 2")] == ["sample"] * 3
    assert [p for loc, _, p in found if loc.startswith("regel 3")] == [b.BELOW_MIN_N] * 3


def test_plain_text_lines_carry_their_base_at_the_end() -> None:
    text = (
        "Kolommen: grootheid | 2023 | 2024 (p < 0,05) [basis: label]\n"
        "~ percentage  20,2  20,0  −0,2  Zorgen · bao [n=186/190]\n"
        "~ percentage  50,0  66,7  +16,7  Zorgen · go [n=4/3]\n"
        "zonder basis 12\n"
    )
    found = [(n, base, p) for _, n, base, p in b.check_plain(text, 10)]
    assert found == [
        ("2023", "label", None),
        ("2024", "label", None),
        ("0,05", "label", None),
        ("20,2", "n=186", None),
        ("20,0", "n=186", None),
        ("−0,2", "n=186", None),
        ("50,0", "n=3", b.BELOW_MIN_N),
        ("66,7", "n=3", b.BELOW_MIN_N),
        ("+16,7", "n=3", b.BELOW_MIN_N),
        ("12", "geen", b.NO_BASE),
    ]


def test_navigation_and_the_page_title_are_labels() -> None:
    html = (
        "<title>2. Ervaren werkdruk — meting 2024</title>"
        '<nav><a href="#">1. Inleiding</a><a href="#">Bijlage 3</a> 6 hoofdstukken</nav>'
    )
    assert [p for _, _, p in numbers(html) if p is not None] == []
