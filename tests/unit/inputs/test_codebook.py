"""Tests for werkdruk_utils.inputs.codebook and data/codebook.yaml (the data contract).

The completeness tests parse the verbatim questionnaire text (Bijlage 4) independently of the
codebook and check that every question, answer option and grid row printed there is in the codebook.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from werkdruk_utils import paths
from werkdruk_utils.inputs.codebook import (
    ANALYSIS_GROUPS,
    WEIGHTING_GROUPS,
    Codebook,
    CodebookError,
    ColumnSpec,
    load_codebook,
    parse_condition,
)

BIJLAGE4 = paths.REFERENCE_DIR / "bijlage4_enquete.txt"
HEADING_RE = re.compile(r"^\s*(\d{1,2})[.:]\s")
BOXES_ONLY_RE = re.compile(r"^(\[\]\s*)+$")
GRID_BOXES_RE = re.compile(r"(?:\(\)\s*){3,4}|(?:\[\]\s*){3,4}")


@pytest.fixture(scope="module")
def cb() -> Codebook:
    return load_codebook()


@pytest.fixture(scope="module")
def raw_lines() -> list[str]:
    return BIJLAGE4.read_text(encoding="utf-8").splitlines()


def normalise(text: str, repairs: list[dict]) -> str:
    """Collapse whitespace and undo the line-break artefacts listed in meta.hyphenation_repairs."""
    text = re.sub(r"\s+", " ", text).strip()
    for repair in repairs:
        text = text.replace(repair["printed"], repair["repaired"])
    return text


def question_blocks(lines: list[str]) -> dict[int, list[str]]:
    """Lines of each numbered question, from its heading up to the next heading, filter or
    section."""
    blocks: dict[int, list[str]] = {}
    current: int | None = None
    for line in lines:
        match = HEADING_RE.match(line)
        if match:
            current = int(match.group(1))
            blocks[current] = [line[match.end() :]]
            continue
        stripped = line.strip()
        if stripped.startswith("Tonen als") or stripped.startswith("Deel "):
            current = None
            continue
        if current is not None:
            blocks[current].append(line)
    return blocks


def printed_options(block: list[str]) -> list[str]:
    """'[] ...' option lines of a block, joined with their continuation lines."""
    options: list[str] = []
    current: list[str] | None = None
    for line in block:
        stripped = line.strip()
        if stripped.startswith("[]") and not BOXES_ONLY_RE.match(stripped):
            if current:
                options.append(" ".join(current))
            current = [stripped[2:].strip()]
        elif current is not None and stripped:
            current.append(stripped)
        elif current is not None:
            options.append(" ".join(current))
            current = None
    if current:
        options.append(" ".join(current))
    return options


def codebook_option_texts(question: dict) -> list[str]:
    return [o["printed"] for o in question.get("options", [])]


# ----------------------------------------------------------------------------------- completeness


def test_every_printed_question_is_in_the_codebook(cb, raw_lines):
    blocks = question_blocks(raw_lines)
    assert sorted(blocks) == list(range(1, 26))
    assert cb.question_numbers == tuple(range(1, 26))


def test_question_texts_appear_in_bijlage4(cb, raw_lines):
    repairs = cb.meta["hyphenation_repairs"]
    document = normalise(" ".join(raw_lines), repairs)
    for number in cb.question_numbers:
        q = cb.question(number)
        assert normalise(q["text"], repairs) in document, number
        if q.get("instruction"):
            assert normalise(q["instruction"], repairs) in document, number


def test_every_printed_option_is_in_the_codebook(cb, raw_lines):
    repairs = cb.meta["hyphenation_repairs"]
    blocks = question_blocks(raw_lines)
    n_checked = 0
    for number, block in blocks.items():
        q = cb.question(number)
        in_codebook = [normalise(t, repairs) for t in codebook_option_texts(q)]
        printed = [normalise(t, repairs) for t in printed_options(block)]
        for text in printed:
            assert text in in_codebook, (
                f"Q{number}: printed option {text!r} missing from the codebook"
            )
            n_checked += 1
        # the other direction: every codebook option marked as printed is printed
        for o in q.get("options", []):
            if o.get("printed_in_bijlage4", True):
                assert normalise(o["printed"], repairs) in printed, (
                    f"Q{number}: {o['printed']!r} not printed"
                )
    # Q1 22, Q2 4, Q4 4 (35-44 not printed), Q7 29, Q8 4, Q9 3, Q11 6, Q12 4, Q13 2, Q14 4, Q15 8,
    # Q17 5, Q18 4, Q19 6, Q21 6, Q23 2
    assert n_checked == 113


def strip_pieces(chunk: str, pieces: list[str]) -> str:
    """Remove known texts from the start of ``chunk`` (longest first) until nothing matches."""
    ordered = sorted(set(pieces), key=len, reverse=True)
    rest = chunk.strip()
    progress = True
    while rest and progress:
        progress = False
        for piece in ordered:
            if piece and rest.startswith(piece):
                rest = rest[len(piece) :].strip()
                progress = True
                break
    return rest


@pytest.mark.parametrize("number", [5, 6, 10, 16])
def test_every_printed_grid_row_is_in_the_codebook(cb, raw_lines, number):
    repairs = cb.meta["hyphenation_repairs"]
    q = cb.question(number)
    block = normalise(" ".join(question_blocks(raw_lines)[number]), repairs)
    rows = [normalise(r["printed"], repairs) for r in q["rows"]]
    headers = [normalise(c["printed"], repairs) for c in q["columns"]]
    texts = [normalise(q["text"], repairs)] + (
        [normalise(q["instruction"], repairs)] if q.get("instruction") else []
    )
    chunks = [c for c in GRID_BOXES_RE.split(block) if c.strip()]
    assert len(chunks) >= len(rows) - 1  # Q10 item 5 is printed without boxes
    for chunk in chunks:
        rest = strip_pieces(chunk, texts + headers + rows)
        assert rest == "", f"Q{number}: printed grid text {rest!r} not in the codebook"
    for row in rows:
        assert row in block, f"Q{number}: codebook row {row!r} not printed"
    for header in headers:
        assert header in block, f"Q{number}: column header {header!r} not printed"


def test_labels_are_printed_text_without_input_line(cb):
    repaired_rows = {(10, 1)}
    for number in cb.question_numbers:
        q = cb.question(number)
        for o in q.get("options", []) + q.get("columns", []):
            expected = re.sub(r"\s*_{3,}\s*$", "", o["printed"]).replace("::", ":").strip()
            assert o["label"] == expected, (number, o["code"])
        for r in q.get("rows", []):
            if (number, r["item"]) in repaired_rows:
                assert r["label"] == r["printed"] + ")"
            else:
                assert r["label"] == re.sub(r"\s*_{3,}\s*$", "", r["printed"]).strip(), (
                    number,
                    r["item"],
                )


def test_every_option_and_row_has_a_unique_integer_code(cb):
    for number in cb.question_numbers:
        q = cb.question(number)
        for key, code_key in (("options", "code"), ("columns", "code"), ("rows", "item")):
            codes = [e[code_key] for e in q.get(key, []) if code_key in e]
            assert len(codes) == len(q.get(key, [])), (number, key)
            assert all(isinstance(c, int) for c in codes)
            assert codes == list(range(1, len(codes) + 1)), (number, key)


def test_hyphenation_repairs_are_recorded(cb, raw_lines):
    document = re.sub(r"\s+", " ", " ".join(raw_lines))
    for repair in cb.meta["hyphenation_repairs"]:
        assert repair["printed"] in document
    assert "personeelsleden" in cb.label("v16_1", 1)
    assert cb.label("v16_1", 3) == "Ik weet het niet"
    assert cb.label("v16_1", 4) == "Niet van toepassing"


# ----------------------------------------------------------------------------------- types and
# flags


def test_question_types(cb):
    types = {n: cb.question(n)["type"] for n in cb.question_numbers}
    assert types[5] == types[6] == types[16] == "grid_single_choice_per_row"
    assert types[10] == "grid_multiple_response_per_row"
    assert {n for n, t in types.items() if t == "multiple_choice"} == {7, 11, 18}
    assert types[14] == "numeric_constant_sum"
    assert types[3] == "werktijdfactor_text"
    assert {n for n, t in types.items() if t == "free_text"} == {20, 22, 24}
    assert types[25] == "email"


def test_nonsubstantive_flags(cb):
    spec = cb.column_spec(2024)
    assert spec["v8"].nonsubstantive == frozenset({4})
    assert spec["v19"].nonsubstantive == frozenset({6})
    assert spec["v21"].nonsubstantive == frozenset({6})
    assert spec["v16_1"].nonsubstantive == frozenset({3, 4})
    assert spec["v4"].nonsubstantive == frozenset()
    for column in ("v7_29", "v11_6", "v14_4", "v18_4", "v10_1_nvt"):
        assert spec[column].nonsubstantive == frozenset({1}), column
    assert spec["v7_1"].nonsubstantive == frozenset()


def test_personal_columns_are_all_text_and_email_columns(cb):
    expected = [
        "v1_vak",
        "v1_anders",
        "v2_anders",
        "v7_anders",
        "v9_anders",
        "v10_anders",
        "v11_anders",
        "v12_anders",
        "v16_anders",
        "v17_anders",
        "v20",
        "v22",
        "v23_email",
        "v24",
        "v25_email",
    ]
    for year in cb.years:
        spec = cb.column_spec(year)
        assert cb.personal_columns(year) == expected
        assert [n for n, s in spec.items() if s.kind in ("text", "email")] == expected
        assert not spec["v3"].personal and spec["v3"].kind == "werktijdfactor"


def test_column_kinds_and_codes(cb):
    spec = cb.column_spec(2023)
    assert spec["respondent_id"].kind == spec["school_id"].kind == "id"
    assert spec["respondent_id"].question == 0
    assert spec["v1"].codes[16] == "Schoolleiding" and len(spec["v1"].codes) == 22
    assert spec["v7_3"].kind == "multi" and spec["v7_3"].codes == {
        0: "niet aangevinkt",
        1: "aangevinkt",
    }
    for column in ("v14_1", "v14_2", "v14_3"):
        assert spec[column].kind == "numeric" and (spec[column].minimum, spec[column].maximum) == (
            0,
            100,
        )
    assert spec["v14_4"].kind == "multi"
    assert spec["v5_1"].codes == {1: "Ja, regelmatig", 2: "Ja, soms", 3: "Nee"}
    assert spec["v6_9"].codes == {1: "Nooit", 2: "Soms", 3: "Vaak", 4: "Altijd"}
    assert spec["v23_email"].kind == "email" and spec["v25_email"].kind == "email"
    assert isinstance(spec["v2"], ColumnSpec)
    assert spec["v7_17"].label.endswith("— Begeleiding nieuwe collega’s, invallers en stagiaires")


def test_columns_order_matches_design(cb):
    cols = cb.columns(2024)
    assert cols[:9] == [
        "respondent_id",
        "school_id",
        "v1",
        "v1_vak",
        "v1_anders",
        "v2",
        "v2_anders",
        "v3",
        "v4",
    ]
    assert cols[-8:] == ["v19", "v20", "v21", "v22", "v23", "v23_email", "v24", "v25_email"]
    i = cols.index("v10_1_oorzaak")
    assert cols[i : i + 3] == ["v10_1_oorzaak", "v10_1_besteed_2023_2024", "v10_1_nvt"]
    assert cols.index("v7_anders") == cols.index("v7_29") + 1
    assert cols.index("v10_anders") == cols.index("v10_28_nvt") + 1
    assert len(cols) == len(set(cols))


# ----------------------------------------------------------------------------------- years


def test_items_not_asked_in_2022(cb):
    c22, c23, c24 = (set(cb.columns(y)) for y in (2022, 2023, 2024))
    for column in ("v7_27", "v10_27_oorzaak", "v10_27_nvt", "v16_12"):
        assert column not in c22
        assert column in c23 and column in c24
    assert not any(c.startswith("v10_27_") for c in c22)
    assert "v10_27_besteed_2022_2023" in c23 and "v10_27_besteed_2023_2024" in c24
    assert cb.not_asked(2022) == ("v7_27", "v10_27", "v16_12")
    assert cb.not_asked(2024) == ()


def test_besteed_suffixes_per_year(cb):
    def suffixes(year: int) -> set[str]:
        return {c.split("_besteed_")[1] for c in cb.columns(year) if "_besteed_" in c}

    assert suffixes(2022) == {"2020_2021", "2021_2022"}
    assert suffixes(2023) == {"2022_2023"}
    assert suffixes(2024) == {"2023_2024"}
    # 27 rows asked in 2022 x 2 school years; 28 rows x 1 later
    assert sum("_besteed_" in c for c in cb.columns(2022)) == 54
    assert sum("_besteed_" in c for c in cb.columns(2024)) == 28
    # column counts: 2 ids + 183 questionnaire columns in 2023/2024; 2022 has 27 more besteed and 5
    # fewer item columns
    assert len(cb.columns(2023)) == len(cb.columns(2024)) == 185
    assert len(cb.columns(2022)) == 185 + 27 - 5


def test_school_years(cb):
    assert cb.school_years(2024) == {
        "current": "2023-2024",
        "evaluated": "2022-2023",
        "decision": "2022-2023",
        "spending": ["2023-2024"],
    }
    assert cb.school_years(2023) == {
        "current": "2022-2023",
        "evaluated": "2021-2022",
        "decision": "2021-2022",
        "spending": ["2022-2023"],
    }
    assert cb.school_years(2022)["spending"] == ["2020-2021", "2021-2022"]
    with pytest.raises(CodebookError, match="2022, 2023, 2024"):
        cb.school_years(2021)


def test_question_texts_per_year(cb):
    # the printed version (2023) renders back to the printed text
    for number in cb.question_numbers:
        assert cb.question_text(number, 2023) == cb.question_text(number), number
    assert "in het schooljaar 2022-2023 geëvalueerd" in cb.question_text(8, 2024)
    assert "in het schooljaar 2020-2021 over de inzet" in cb.question_text(9, 2022)
    assert "in het schooljaar 2020-2021 en 2021-2022 ingezet" in cb.question_text(10, 2022)
    assert "dit schooljaar (2023-2024) besteed" in cb.question_text(11, 2024)
    assert "(schooljaar 2021-2022)." in cb.question_text(17, 2022)
    spec22 = cb.column_spec(2022)
    assert spec22["v10_1_besteed_2021_2022"].label.endswith(
        "Werkdrukmiddelen aan besteed in 2021-2022"
    )
    assert (
        spec22["v8"].codes[2]
        == "Ja, daarna (voor schooljaar 2021-2022) is de inzet van de middelen hetzelfde gebleven"
    )
    assert (
        cb.column_spec(2024)["v9"].codes[1]
        == "Dat deden we los van het werkverdelingsplan voor 2022-2023"
    )


def test_age_code_3_resolved(cb):
    assert cb.labels("v4") == {
        1: "Jonger dan 25 jaar",
        2: "25 t/m 34 jaar",
        3: "35 t/m 44 jaar",
        4: "45 t/m 54 jaar",
        5: "55 jaar of ouder",
    }
    option3 = cb.question(4)["options"][2]
    assert option3["printed_in_bijlage4"] is False
    assert cb.report_label("v4", 1) == "Jonger dan 24 jaar"
    assert cb.report_label("v4", 5) == "55 t/m 74 jaar"
    assert cb.report_label("v4", 3) == "35 t/m 44 jaar"


# ----------------------------------------------------------------------------------- labels


def test_labels_and_report_labels(cb):
    assert cb.label("v1", 5) == "Directie (bv. schooldirecteur, adjunct-directeur, locatieleider)"
    assert cb.label("v6_1", 4) == "Altijd"
    assert cb.labels("v11")[2] == "Aanschaf nieuw materiaal"
    assert cb.report_label("v11_2") == "Aanschaf van nieuw materiaal"
    assert cb.report_label("v11", 2) == "Aanschaf van nieuw materiaal"
    assert cb.report_label("v11_4") == "Overig"
    assert cb.report_label("v11_1") == "Inzet van extra personeel"  # no different wording
    assert cb.report_label("v7_17") == "Begeleiding nieuwe collega’s en invallers"
    assert cb.report_label("v10_17") == "Begeleiding nieuwe collega’s en invallers"
    assert (
        cb.report_label("v10_17_besteed_2023_2024") == "Begeleiding nieuwe collega’s en invallers"
    )
    assert cb.report_label("v10_28_oorzaak") == "Anders"
    assert (
        cb.report_label("v10_1")
        == "Het wisselen tussen online, fysiek en hybride lesgeven (als gevolg van corona)"
    )
    assert cb.report_label("v19") == (
        "Heeft u de indruk dat de aanpak de werkdruk op uw school positief heeft beïnvloed?"
    )
    assert cb.report_label("v19", 2) == "Ja, de werkdruk op mijn school is enigszins gedaald"
    assert cb.report_label("v19", 6) == "Weet ik niet"
    assert cb.report_label("v14_3") == "Overig personeel"
    assert (
        cb.report_label("v9", 2, year=2024)
        == "Dat doen we binnen het kader van het werkverdelingsplan 2022-2023"
    )
    assert cb.report_label("v9", 3, source="Tabel 3.1") == "Anders"
    assert cb.report_label("v8", 2, year=2024) == (
        "Ja, daarna (voor schooljaar 2023-2024) is de inzet van de middelen hetzelfde gebleven"
    )
    assert "Stagebegeleider(s)*" in cb.report_label_variants("v16_12")
    with pytest.raises(KeyError, match="not a code"):
        cb.label("v4", 9)
    with pytest.raises(KeyError):
        cb.labels("v99")


# ----------------------------------------------------------------------------------- scales


def test_scales(cb):
    assert set(cb.scales) == {
        "kwantitatieve_taakeisen",
        "emotionele_belasting",
        "moeilijkheidsgraad",
        "regelmogelijkheden",
    }
    assert cb.scales["kwantitatieve_taakeisen"].items == ("v6_1", "v6_2", "v6_3")
    assert cb.scales["emotionele_belasting"].items == ("v6_4", "v6_5", "v6_6")
    assert cb.scales["moeilijkheidsgraad"].items == ("v6_7", "v6_8", "v6_9")
    assert cb.scales["regelmogelijkheden"].items == tuple(f"v5_{i}" for i in range(1, 7))
    for name in ("kwantitatieve_taakeisen", "emotionele_belasting", "moeilijkheidsgraad"):
        s = cb.scales[name]
        assert (s.minimum, s.maximum, s.caption_nl) == (1, 4, "1 = nooit, 4 = altijd")
    r = cb.scales["regelmogelijkheden"]
    assert (r.minimum, r.maximum, r.caption_nl) == (1, 3, "1 = regelmatig, 3 = nooit")
    assert (
        r.label_nl == "Regelmogelijkheden"
        and cb.scales["moeilijkheidsgraad"].label_nl == "Moeilijkheidsgraad"
    )
    # scale range = the codes of the items
    spec = cb.column_spec(2024)
    for s in cb.scales.values():
        for item in s.items:
            assert min(spec[item].codes) == s.minimum and max(spec[item].codes) == s.maximum


# ----------------------------------------------------------------------------------- functions


def test_function_mapping(cb):
    f = cb.functions
    assert list(f.columns) == [
        "code",
        "label",
        "analysis_group",
        "weighting_group",
        "inferred",
        "basis",
    ]
    assert sorted(f["code"]) == sorted(cb.labels("v1")) == list(range(1, 23))
    assert f["code"].is_unique
    assert set(f["analysis_group"]) == set(ANALYSIS_GROUPS) == set(cb.ANALYSIS_GROUPS)
    assert set(f["weighting_group"]) == set(WEIGHTING_GROUPS) == set(cb.WEIGHTING_GROUPS)
    assert (f["label"] == f["code"].map(cb.labels("v1"))).all()
    by_group = f.groupby("analysis_group")["code"].apply(sorted).to_dict()
    assert by_group["schoolleider"] == [5, 16]
    assert by_group["leraar"] == [6, 9, 10, 11, 17, 18, 20]
    assert by_group["onderwijsondersteunend personeel"] == [2, 3, 8, 12, 13, 14, 15, 21]
    assert by_group["overig ondersteunend personeel"] == [1, 4, 7, 19, 22]
    # weighting group follows the analysis group
    pairs = set(zip(f["analysis_group"], f["weighting_group"], strict=False))
    assert pairs == {
        ("schoolleider", "schoolleider"),
        ("leraar", "leerkracht"),
        ("onderwijsondersteunend personeel", "overig"),
        ("overig ondersteunend personeel", "overig"),
    }
    assert f["inferred"].dtype == bool and f["basis"].str.len().min() > 10
    assert (
        not f.loc[f["code"] == 16, "inferred"].item() and f.loc[f["code"] == 5, "inferred"].item()
    )
    assert (
        cb.analysis_group(13) == "onderwijsondersteunend personeel"
        and cb.weighting_group(13) == "overig"
    )
    assert cb.schoolleider_codes == (5, 16)


# ----------------------------------------------------------------------------------- routing


def test_routing_rules(cb):
    spec = cb.column_spec(2024)
    leader_only = [
        "v9",
        "v10_1_oorzaak",
        "v11_1",
        "v12",
        "v13",
        "v14_1",
        "v16_1",
        "v17",
        "v18_1",
        "v23",
    ]
    for column in leader_only:
        assert spec[column].shown_if == "v1 in (5, 16)", column
    for column in (
        "v1",
        "v4",
        "v5_1",
        "v6_1",
        "v7_1",
        "v8",
        "v15",
        "v19",
        "v21",
        "v24",
        "v25_email",
    ):
        assert spec[column].shown_if is None, column
    assert spec["v20"].shown_if == "v19 in (3, 4, 5)"
    assert spec["v22"].shown_if == "v21 in (3, 4, 5)"
    assert spec["v1_vak"].shown_if == "v1 == 20" and spec["v1_anders"].shown_if == "v1 == 22"
    assert spec["v23_email"].shown_if == "v23 == 1"
    assert spec["v7_anders"].shown_if == "v7_28 == 1"
    resolved = {r["issue"]: r for r in cb.meta["resolutions"]}
    assert (
        "v20" in resolved["Q20 filter"]["printed"] and "v19" in resolved["Q20 filter"]["resolved"]
    )
    assert all({"issue", "printed", "resolved", "basis"} <= set(r) for r in cb.meta["resolutions"])


def test_shown_mask_on_hand_made_frame(cb):
    frame = pd.DataFrame(
        {
            "v1": pd.array([5, 16, 9, None, 20, 22], dtype="Int64"),
            "v19": pd.array([3, 1, 5, 6, None, 4], dtype="Int64"),
            "v23": ["1", "2", None, "1", "", "1"],  # strings as read from a raw export
            "v16_13": [4, 1, np.nan, np.nan, np.nan, 3],
        }
    )
    assert cb.shown_mask(frame, "v9").tolist() == [True, True, False, False, False, False]
    assert cb.shown_mask(frame, "v20").tolist() == [True, False, True, False, False, True]
    assert cb.shown_mask(frame, "v23_email").tolist() == [True, False, False, True, False, True]
    assert cb.shown_mask(frame, "v1_vak").tolist() == [False, False, False, False, True, False]
    assert cb.shown_mask(frame, "v1_anders").tolist() == [False, False, False, False, False, True]
    assert cb.shown_mask(frame, "v16_anders").tolist() == [False, True, False, False, False, True]
    assert cb.shown_mask(frame, "v4").tolist() == [True] * 6
    assert cb.shown_mask(frame, "v4").dtype == bool
    with pytest.raises(KeyError, match="v21"):
        cb.shown_mask(frame, "v22")


def test_parse_condition():
    frame = pd.DataFrame({"a": [1, 2, 3, None], "b": [0, 1, 1, 1]})
    assert parse_condition("a == 2").evaluate(frame).tolist() == [False, True, False, False]
    assert parse_condition("a != 2").evaluate(frame).tolist() == [True, False, True, False]
    assert parse_condition("a in (1, 3)").evaluate(frame).tolist() == [True, False, True, False]
    assert parse_condition("a == 1 or b == 1 and a == 3").evaluate(frame).tolist() == [
        True,
        False,
        True,
        False,
    ]
    assert parse_condition("a in (1, 2, 3) and b == 1").variables == ("a", "b")
    for bad in (
        "",
        "a",
        "a == ",
        "a = 1",
        "a in 1, 2",
        "__import__('os')",
        "a == 1 or",
        "a == 1 b == 2",
    ):
        with pytest.raises(CodebookError):
            parse_condition(bad)


# ----------------------------------------------------------------------------------- year detection


def test_year_of_columns(cb):
    for year in cb.years:
        assert cb.year_of_columns(cb.columns(year)) == year
        # without the personal columns (as after loading) and in upper case
        kept = [c.upper() for c in cb.columns(year) if c not in cb.personal_columns(year)]
        assert cb.year_of_columns(kept) == year
    # a mix: the 2024 export with one stray 2023 spending column still fits 2024 best
    mix = cb.columns(2024) + ["v10_1_besteed_2022_2023"]
    assert cb.year_of_columns(mix) == 2024
    # 2022 columns plus the items first asked in 2023: still the two-school-year export of 2022
    assert cb.year_of_columns(cb.columns(2022) + ["v7_27", "v16_12"]) == 2022
    # without Q10, 2023 and 2024 cannot be told apart; 2022 still can (v7_27 and v16_12 absent)
    no_q10 = [c for c in cb.columns(2024) if not c.startswith("v10_")]
    assert cb.year_of_columns(no_q10) is None
    no_q10_2022 = [c for c in cb.columns(2022) if not c.startswith("v10_")]
    assert cb.year_of_columns(no_q10_2022) == 2022
    assert cb.year_of_columns(["respondent_id", "school_id"]) is None
    assert cb.year_of_columns(["foo", "bar"]) is None
    assert cb.year_of_columns([]) is None


# ----------------------------------------------------------------------------------- loading


def test_load_codebook_is_cached_and_checks(tmp_path, cb):
    assert load_codebook() is cb
    assert load_codebook(paths.CODEBOOK_PATH) is cb
    with pytest.raises(FileNotFoundError):
        load_codebook(tmp_path / "missing.yaml")
    broken = dict(cb.data)
    broken["functions"] = [f for f in cb.data["functions"] if f["code"] != 7]
    with pytest.raises(CodebookError, match="every v1 code exactly once"):
        Codebook(broken)
    broken = dict(cb.data)
    questions = [dict(q) for q in cb.data["questions"]]
    questions[19] = dict(
        questions[19], routing={"shown_if": "v20 in (3, 4, 5)"}
    )  # Q20 filtered on itself
    broken["questions"] = questions
    with pytest.raises(CodebookError, match="v20"):
        Codebook(broken)
