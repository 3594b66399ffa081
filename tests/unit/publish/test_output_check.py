"""publish.output_check: the output scanner (patterns, masking, quarantine, suppressed-cell
counts)."""

from __future__ import annotations

import pytest

from werkdruk_utils.publish import output_check as d


def kinds(text: str, needles: d.Needles | None = None) -> list[tuple[str, str]]:
    return [(kind, text[s:e]) for kind, s, e in d.scan_text(text, needles)]


# ---------------------------------------------------------------------------------- patterns


@pytest.mark.parametrize(
    "address",
    ["jan.jansen@example.org", "a.b-c+tag@werkdruk-test.example", "X_Y@sub-domain.example"],
)
def test_email_pattern_finds_addresses(address):
    assert kinds(f"Mail: {address}, graag.") == [("email", address)]


@pytest.mark.parametrize(
    "text", ["mathjax@2.7.7/MathJax.js", "@media print", "user@localhost", "npm/@jupyter-widgets/x"]
)
def test_email_pattern_ignores_non_addresses(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "number",
    [
        "06-12345678",
        "0612345678",
        "06 12345678",
        "06 12 34 56 78",
        "06-1234 5678",
        "+31 6 1234 5678",
        "+31612345678",
        "0031 6 12345678",
        "020-1234567",
        "020 123 4567",
        "(020) 1234567",
        "0111-123456",
        "+31 (0)20 123 4567",
        "010-1234567",
    ],
)
def test_phone_pattern_finds_dutch_numbers(number):
    assert kinds(f"bel {number} na 17 uur") == [("phone", number)]


@pytest.mark.parametrize(
    "text",
    [
        "0 20 40 60 80 100",  # axis ticks
        "0.0612345678",  # a float in a CSV
        "2023-2024",  # school year
        "p = 0,012; n = 1.687",  # Dutch formatted numbers
        "a0612345678b",  # inside a hex digest
        "06-1234567",  # nine digits: not a number
        "06-123456789",  # eleven digits
        "1234567890",  # no trunk 0
    ],
)
def test_phone_pattern_ignores_other_numbers(text):
    assert kinds(text) == []


def test_national_digits_normalises_country_code():
    assert d.national_digits("+31 (0)20 123 4567") == "0201234567"
    assert d.national_digits("0031 6 12345678") == "0612345678"


def test_ids_are_found_as_whole_tokens_only():
    needles = d.Needles(respondent_ids={"R24-00001", "123456"}, school_ids={"S24-0853"})
    assert kinds("rij R24-00001; school S24-0853", needles) == [
        ("respondent_id", "R24-00001"),
        ("school_id", "S24-0853"),
    ]
    assert kinds("R24-000012 XR24-00001 S24-08531", needles) == []
    assert kinds("0.123456 en 123456", needles) == [("respondent_id", "123456")]


def test_free_text_matches_ignoring_case_and_white_space():
    needles = d.Needles(texts=["Onze directeur Piet is ziek"])
    text = "<td>onze  directeur\npiet IS ziek</td>"
    assert [k for k, _ in kinds(text, needles)] == ["free_text"]
    assert kinds("onze directeur pieter is ziek", needles) == []


def test_mask_never_shows_the_value():
    assert d.mask("schoolleiding.r2400006@example.org") == "sc***@ex***.org"
    masked = d.mask("Synthetische toelichting nr. 402.")
    assert masked == "Sy" + "*" * 12 + " (33 tekens)"
    assert "toelichting" not in masked and "402" not in masked
    assert d.mask("06-12345678") == "06*********" + " (11 tekens)"


# ---------------------------------------------------------------------------------- needles


def write_year(root, year: int, rows: list[dict[str, str]]) -> None:
    folder = root / str(year)
    folder.mkdir(parents=True)
    columns = list(rows[0])
    lines = ["# SYNTHETISCHE DATA test", ",".join(columns)] + [
        ",".join(r[c] for c in columns) for r in rows
    ]
    (folder / "respondents.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "schools.csv").write_text(
        "school_id,sector\nS-0001,bao\nS-0002,go\n", encoding="utf-8"
    )


def test_collect_needles_keeps_distinctive_answers_only(tmp_path):
    rows = [
        {
            "respondent_id": "R-0001",
            "school_id": "S-0001",
            "v24": "Geen opmerkingen.",
            "v25_email": "a1@example.org",
        },
        {
            "respondent_id": "R-0002",
            "school_id": "S-0001",
            "v24": "Geen opmerkingen.",
            "v25_email": "",
        },
        {
            "respondent_id": "R-0003",
            "school_id": "S-0002",
            "v24": "geen  opmerkingen.",
            "v25_email": "",
        },
        {"respondent_id": "R-0004", "school_id": "S-0002", "v24": "Kort", "v25_email": ""},
        {
            "respondent_id": "R-0005",
            "school_id": "S-0002",
            "v24": "Mijn collega Anneke werkt te veel",
            "v25_email": "",
        },
    ]
    write_year(tmp_path, 2024, rows)
    needles = d.collect_needles(tmp_path)
    assert needles.respondent_ids == {f"R-000{i}" for i in range(1, 6)}
    assert needles.school_ids == {"S-0001", "S-0002"}
    # given by three respondents (generic), or shorter than 12 characters: not searched
    assert sorted(needles.texts) == ["Mijn collega Anneke werkt te veel", "a1@example.org"]
    assert needles.skipped_texts == 2


def test_collect_needles_refuses_a_folder_without_years(tmp_path):
    with pytest.raises(d.DisclosureError, match="no measurement folders"):
        d.collect_needles(tmp_path)


# ---------------------------------------------------------------------------------- files


def test_check_outputs_reports_location_masks_and_quarantines(tmp_path, capsys):
    out = tmp_path / "outputs"
    (out / "2024" / "tables").mkdir(parents=True)
    clean = out / "2024" / "tables" / "tabel_1.csv"
    clean.write_text("category,n\nja,12\n", encoding="utf-8")
    bad = out / "2024" / "02.html"
    bad.write_text("<p>regel een</p>\n<p>contact: JAN@example.org</p>\n", encoding="utf-8")
    quarantine = tmp_path / "quarantine"
    result = d.check_outputs(out, d.Needles(), quarantine=quarantine)
    assert not result.ok
    [finding] = result.findings
    assert (
        finding.file == bad.resolve()
        and finding.kind == "email"
        and finding.location == "regel 2, kolom 13"
    )
    assert finding.masked == "JA***@ex***.org"
    assert not bad.exists() and (quarantine / "2024" / "02.html").is_file() and clean.exists()
    d.report(result, out, None)
    err = capsys.readouterr()
    assert "JAN@example.org" not in err.out + err.err and "02.html" in err.out


def test_check_outputs_delete_and_notebook_locations(tmp_path):
    out = tmp_path / "outputs"
    out.mkdir()
    nb = out / "nb.ipynb"
    nb.write_text(
        '{"cells": [{"source": ["x = 1\\n"]}, {"outputs": [{"text": ["bel &#43;31 6 1234 '
        '5678"]}]}]}',
        encoding="utf-8",
    )
    result = d.check_outputs(out, None, delete=True)
    [finding] = result.findings
    assert finding.kind == "phone" and finding.location.startswith(
        "cells[1].outputs[0].text, regel 1"
    )
    assert not nb.exists() and result.moved == {nb.resolve(): None}


def test_quarantine_inside_outputs_is_refused(tmp_path):
    (tmp_path / "out").mkdir()
    with pytest.raises(d.DisclosureError, match="inside the output folder"):
        d.check_outputs(tmp_path / "out", None, quarantine=tmp_path / "out" / "q")


def test_clean_outputs_pass(tmp_path):
    (tmp_path / "a.csv").write_text("year,estimate\n2024,0.0612345678\n", encoding="utf-8")
    result = d.check_outputs(tmp_path, d.Needles(respondent_ids={"R-1"}))
    assert result.ok and len(result.scanned) == 1 and not result.moved


def test_suppressed_per_notebook_counts_csv_rows(tmp_path):
    (tmp_path / "tables").mkdir()
    (tmp_path / "01_a.html").write_text(
        '<figure class="report-table" id="tabel_1"></figure>'
        '<figure class="report-table" id="tabel_1"></figure>',
        encoding="utf-8",
    )
    (tmp_path / "02_b.html").write_text(
        '<figure class="report-table" id="tabel_2"></figure>', encoding="utf-8"
    )
    (tmp_path / "tables" / "tabel_1.csv").write_text(
        "n,suppressed\n,True\n,True\n20,False\n", encoding="utf-8"
    )
    (tmp_path / "tables" / "tabel_2.csv").write_text("n,x\n3,1\n", encoding="utf-8")
    assert d.suppressed_per_notebook(tmp_path) == {"01_a": 2, "02_b": 0}
    assert d.count_suppressed(tmp_path / "tables") == 2


# ---------------------------------------------------------------------- verdicts of a former check


@pytest.fixture
def judged(tmp_path, monkeypatch):
    """Outputs with two clean files, a cache of their own, and a count of the files read."""
    monkeypatch.setenv("WERKDRUK_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "outputs"
    (out / "2024").mkdir(parents=True)
    (out / "2024" / "a.csv").write_text("category,n\nja,12\n", encoding="utf-8")
    (out / "2024" / "b.html").write_text('<p>45,2% <span data-n="40">x</span></p>\n', "utf-8")
    read: list[str] = []
    judge = d.judge_file
    monkeypatch.setattr(d, "judge_file", lambda path, *a: read.append(path.name) or judge(path, *a))
    return out, read


def check(out, needles=None, min_n=10):
    return d.check_outputs(out, needles, quarantine=out.parent / "q", min_n=min_n, remember=True)


def test_an_unchanged_file_is_not_read_again(judged):
    out, read = judged
    first = check(out)
    assert sorted(read) == ["a.csv", "b.html"] and first.ok
    read.clear()
    second = check(out)
    assert read == [] and second.ok
    assert (second.bases.numbers, second.bases.by_base) == (
        first.bases.numbers,
        first.bases.by_base,
    )
    (out / "2024" / "a.csv").write_text("category,n\nja,13\n", encoding="utf-8")
    check(out)
    assert read == ["a.csv"]


def test_a_remembered_hit_still_fails_and_quarantines(judged):
    out, read = judged
    bad = out / "2024" / "c.html"
    bad.write_text("<p>mail jan@example.org</p>\n", encoding="utf-8")
    assert not check(out).ok and not bad.exists()
    bad.write_text("<p>mail jan@example.org</p>\n", encoding="utf-8")  # the same file again
    read.clear()
    again = check(out)
    assert read == [] and not again.ok and not bad.exists()
    assert [f.masked for f in again.findings] == ["ja***@ex***.org"]


def test_other_needles_or_min_n_judge_every_file_anew(judged):
    out, read = judged
    check(out)
    read.clear()
    check(out, min_n=11)
    assert sorted(read) == ["a.csv", "b.html"]
    read.clear()
    result = check(out, d.Needles(respondent_ids={"R-000123"}))
    assert sorted(read) == ["a.csv", "b.html"] and result.ok


def test_what_is_remembered_holds_nothing_of_the_input(judged):
    out, _ = judged
    (out / "2024" / "d.txt").write_text("antwoord: Mijn geheime opmerking hier\n", "utf-8")
    needles = d.Needles(respondent_ids={"R-000123"}, texts=["Mijn geheime opmerking hier"])
    assert not check(out, needles).ok
    [stored] = (out.parent / "cache" / d.VERDICTS_NAMESPACE).glob("*.pickle")
    data = stored.read_bytes()
    assert b"geheime" not in data and b"R-000123" not in data
