"""Tests for werkdruk_utils.inputs.validation."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from werkdruk_utils.inputs.validation import (
    Problem,
    ValidationError,
    convert_schools,
    format_codes,
    format_rows,
    raise_if_problems,
    validate_respondents,
    validate_schools,
    validate_value_labels,
)


@pytest.fixture
def mini_raw(kit: Any, mini_codebook: Any) -> pd.DataFrame:
    respondents, _ = kit.build_measurement(mini_codebook, 2024)
    return kit.to_raw(respondents)


def _messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def _only(problems: list[Problem], column: str | None) -> list[Problem]:
    return [p for p in problems if p.column == column]


SCHOOL_IDS = {"S01", "S02", "S03", "S04"}


def check(raw: pd.DataFrame, codebook: Any, year: int = 2024, **kwargs: Any) -> list[Problem]:
    kwargs.setdefault("school_ids", SCHOOL_IDS)
    return validate_respondents(raw, codebook, year, file="respondents.csv", **kwargs)


# ---------------------------------------------------------------------------- formatting


def test_format_rows() -> None:
    assert format_rows([]) == ""
    assert format_rows([7]) == "row 7"
    assert format_rows([2, 5]) == "rows 2 and 5"
    assert format_rows([2, 5, 9]) == "rows 2, 5 and 9"
    assert format_rows(list(range(2, 50)), limit=3) == "rows 2, 3, 4 and 45 others"
    assert format_rows(list(range(2, 6)), limit=3) == "rows 2, 3, 4 and 1 other"


def test_format_codes() -> None:
    assert format_codes([3, 1, 2, 4]) == "1-4"
    assert format_codes([1, 2, 3, 5, 7, 8, 9]) == "1-3, 5, 7-9"
    assert format_codes([0, 1]) == "0-1"
    assert format_codes([]) == "(none)"


def test_problem_str_and_error_lists_all() -> None:
    p1 = Problem("r.csv", "v4", (3,), "abc", "one of 1-5", "not an integer code")
    p2 = Problem("r.csv", None, (), None, None, "file has a header but no data rows")
    assert (
        str(p1) == "r.csv: column v4: row 3: not an integer code (value 'abc'; expected one of 1-5)"
    )
    assert str(p2) == "r.csv: file has a header but no data rows"
    error = ValidationError([p1, p2])
    assert error.problems == [p1, p2]
    assert str(error) == (
        "2 problems found in the input data:\n"
        "  - r.csv: column v4: row 3: not an integer code (value 'abc'; expected one of 1-5)\n"
        "  - r.csv: file has a header but no data rows"
    )
    raise_if_problems([])
    with pytest.raises(ValidationError, match="1 problem found"):
        raise_if_problems([p2])


# ---------------------------------------------------------------------------- respondents


def test_valid_measurement_has_no_problems(mini_codebook: Any, mini_raw: pd.DataFrame) -> None:
    assert check(mini_raw, mini_codebook) == []


def test_valid_measurement_real_codebook(kit: Any, real_codebook: Any) -> None:
    for year in (2022, 2023, 2024):
        respondents, _ = kit.build_measurement(real_codebook, year)
        assert check(kit.to_raw(respondents), real_codebook, year) == []


def test_empty_file(mini_codebook: Any, mini_raw: pd.DataFrame) -> None:
    problems = check(pd.DataFrame(), mini_codebook)
    assert _messages(problems) == ["respondents.csv: file is empty (no header and no data)"]
    problems = check(mini_raw.iloc[0:0], mini_codebook)
    assert _messages(problems) == ["respondents.csv: file has a header but no data rows"]


def test_missing_and_unknown_columns(mini_codebook: Any, mini_raw: pd.DataFrame) -> None:
    raw = mini_raw.drop(columns=["v5_1", "v24"]).assign(extra="x")
    problems = check(raw, mini_codebook)
    messages = _messages(problems)
    assert "respondents.csv: column v5_1: column missing (required in measurement 2024)" in messages
    assert (
        "respondents.csv: column extra: unknown column (not in the codebook for measurement 2024)"
        in messages
    )
    # personal columns are optional: their absence is not a problem
    assert not _only(problems, "v24")
    assert len(problems) == 2


def test_file_of_another_measurement(mini_codebook: Any, mini_raw: pd.DataFrame) -> None:
    raw = mini_raw.drop(columns=["v7_27"])  # the 2022 questionnaire has no v7_27
    messages = _messages(check(raw, mini_codebook))
    assert (
        "respondents.csv: file belongs to measurement 2022, expected 2024 (expected 2024). Hint: "
        "the columns are those of the 2022 questionnaire; is the file in the right year folder?"
        in messages
    )
    assert (
        "respondents.csv: column v7_27: column missing (required in measurement 2024)" in messages
    )


def test_file_of_another_measurement_real_codebook(kit: Any, real_codebook: Any) -> None:
    respondents, _ = kit.build_measurement(real_codebook, 2023)
    messages = _messages(check(kit.to_raw(respondents), real_codebook, 2024))
    assert any("file belongs to measurement 2023, expected 2024" in m for m in messages)
    assert any("column v10_1_besteed_2023_2024: column missing" in m for m in messages)
    assert any("column v10_1_besteed_2022_2023: unknown column" in m for m in messages)


def test_code_errors(mini_codebook: Any, mini_raw: pd.DataFrame) -> None:
    raw = mini_raw.copy()
    raw.loc[3, "v4"] = "abc"
    raw.loc[2, "v5_1"] = "7"
    raw.loc[4, "v5_1"] = "7"
    raw.loc[5, "v5_1"] = "2.5"
    raw.loc[6, "v7_1"] = "2"
    raw.loc[7, "v5_1"] = "3.0"  # an integer written as a float is accepted
    messages = _messages(check(raw, mini_codebook))
    assert messages == [
        "respondents.csv: column v4: row 3: not an integer code (value 'abc'; expected one of 1-5)",
        "respondents.csv: column v5_1: row 5: not an integer code (value '2.5'; expected one of "
        "1-3)",
        "respondents.csv: column v5_1: rows 2 and 4: code not allowed (value '7'; expected one of "
        "1-3)",
        "respondents.csv: column v7_1: row 6: code not allowed (value '2'; expected 0 or 1 (not "
        "ticked / ticked))",
    ]


def test_numeric_errors(mini_codebook: Any, mini_raw: pd.DataFrame) -> None:
    raw = mini_raw.copy()
    assert raw.loc[2, "v1"] == "16" and raw.loc[5, "v1"] == "5"  # schoolleiders: v14 shown
    raw.loc[2, "v14_1"] = "120"
    raw.loc[5, "v14_1"] = "veel"
    raw.loc[2, "v14_2"] = "12,5"  # decimal comma accepted
    raw.loc[5, "v14_2"] = "-5"
    messages = _messages(check(raw, mini_codebook))
    assert messages == [
        "respondents.csv: column v14_1: row 5: not a number (value 'veel'; expected a number from "
        "0 to 100)",
        "respondents.csv: column v14_1: row 2: number out of range (value '120'; expected a number "
        "from 0 to 100)",
        "respondents.csv: column v14_2: row 5: number out of range (value '-5'; expected a number "
        "from 0 to 100)",
    ]


def test_values_that_may_be_personal_are_not_shown(
    mini_codebook: Any, mini_raw: pd.DataFrame
) -> None:
    raw = mini_raw.copy()
    raw.loc[2, "v4"] = "piet@example.org"
    raw.loc[3, "v4"] = "ik werk hier al heel lang en vind het heel erg druk"
    raw.loc[4, "v4"] = "x"
    problems = check(raw, mini_codebook)
    # an e-mail address is masked as the output check masks it; long text is not shown at all
    assert _messages(problems) == [
        "respondents.csv: column v4: row 2: not an integer code (value 'pi***@ex***.org'; "
        "expected one of 1-5)",
        "respondents.csv: column v4: row 3: not an integer code (expected one of 1-5)",
        "respondents.csv: column v4: row 4: not an integer code (value 'x'; expected one of 1-5)",
    ]


def test_routing_violation(mini_codebook: Any, mini_raw: pd.DataFrame) -> None:
    raw = mini_raw.copy()
    assert raw.loc[3, "v1"] == "9"  # a leerkracht: v9 not shown
    raw.loc[3, "v9"] = "2"
    raw.loc[4, "v14_1"] = "50"
    problems = check(raw, mini_codebook)
    assert _messages(problems) == [
        "respondents.csv: column v9: row 3: answered although the question was not shown "
        "(shown if v1 in (5, 16)) (value '2'; expected empty)",
        "respondents.csv: column v14_1: row 4: answered although the question was not shown "
        "(shown if v1 in (5, 16)) (value '50'; expected empty)",
    ]


def test_invalid_routing_value_is_reported_once(mini_codebook: Any, mini_raw: pd.DataFrame) -> None:
    raw = mini_raw.copy()
    assert raw.loc[2, "v9"] == "1" and pd.notna(raw.loc[2, "v14_1"])  # a schoolleider's answers
    raw.loc[2, "v1"] = "99"
    messages = _messages(check(raw, mini_codebook))
    assert len(messages) == 1
    assert messages[0].startswith(
        "respondents.csv: column v1: row 2: code not allowed (value '99'; expected one of 1, 5, 9, "
        "11, 13, 16). Hint: 99 looks like a missing-value code"
    )


def test_routing_violation_in_personal_column_hides_content(
    mini_codebook: Any, mini_raw: pd.DataFrame
) -> None:
    raw = mini_raw.copy()
    assert raw.loc[2, "v19"] == "1"  # v20 not shown
    secret = "Mijn collega Piet de Vries is ziek"
    raw.loc[2, "v20"] = secret
    problems = check(raw, mini_codebook)
    assert _messages(problems) == [
        "respondents.csv: column v20: row 2: answered although the question was not shown "
        "(shown if v19 in (3, 4, 5)) (expected empty)"
    ]
    assert problems[0].value is None
    # same result when the personal column was dropped and only its presence is passed
    present = raw[["v20"]].notna()
    problems = check(
        raw.drop(columns=["v20"]),
        mini_codebook,
        columns=list(raw.columns),
        personal_present=present,
    )
    assert [p.rows for p in problems] == [(2,)]
    assert secret not in str(ValidationError(problems))


def test_identifier_problems(mini_codebook: Any, mini_raw: pd.DataFrame) -> None:
    raw = mini_raw.copy()
    raw.loc[3, "respondent_id"] = "R001"
    raw.loc[7, "respondent_id"] = np.nan
    raw.loc[4, "school_id"] = np.nan
    raw.loc[5, "school_id"] = "S99"
    raw.loc[6, "school_id"] = "S99"
    messages = _messages(check(raw, mini_codebook))
    assert messages == [
        "respondents.csv: column respondent_id: row 7: respondent_id is empty (expected a value in "
        "every row)",
        "respondents.csv: column respondent_id: rows 2 and 3: duplicate respondent_id (value "
        "'R001'; expected unique ids)",
        "respondents.csv: column school_id: row 4: school_id is empty (expected a value in every "
        "row)",
        "respondents.csv: column school_id: rows 5 and 6: school_id not in the school frame "
        "(value 'S99'; expected a school_id of the school frame)",
    ]


def test_all_problems_reported_together_without_personal_content(
    kit: Any, mini_codebook: Any, mini_raw: pd.DataFrame
) -> None:
    raw = mini_raw.copy().assign(naam="Anna Jansen")  # unknown column with personal content
    raw.loc[2, "v4"] = "9"
    raw.loc[3, "v20"] = kit.EMAIL  # routing violation in a personal column
    raw.loc[4, "respondent_id"] = "R001"
    problems = check(raw, mini_codebook)
    text = str(ValidationError(problems))
    assert text.startswith("4 problems found in the input data:")
    for fragment in (
        "column naam: unknown column",
        "column v4: row 2",
        "column v20: row 3",
        "rows 2 and 4: duplicate",
    ):
        assert fragment in text
    assert kit.EMAIL not in text
    assert "Anna Jansen" not in text
    assert kit.FREE_TEXT not in text


def test_value_labels(mini_codebook: Any) -> None:
    labels = {
        "v5_1": {1: "Ja,  regelmatig", 2: "ja, soms", 3: "Nee"},  # white space and case ignored
        "v4": {1: "Jonger dan 25 jaar", 2: "25-34 jaar", 6: "Onbekend"},
        "v7_1": {0: "nee", 1: "ja"},  # 0/1 columns are not compared
        "v24": {1: "x"},
    }
    messages = _messages(validate_value_labels(labels, mini_codebook, 2024, file="r.sav"))
    assert messages == [
        "r.sav: column v4: value label of code 2 differs from the codebook (value '25-34 jaar'; "
        "expected '25 t/m 34 jaar')",
        "r.sav: column v4: value label 'Onbekend' for code 6, which the codebook does not have "
        "(value '6'; expected codes 1-5)",
    ]


# ---------------------------------------------------------------------------- schools


@pytest.fixture
def schools_raw(kit: Any, mini_codebook: Any) -> pd.DataFrame:
    _, schools = kit.build_measurement(mini_codebook, 2024)
    return kit.to_raw(schools)


def test_valid_schools(schools_raw: pd.DataFrame) -> None:
    assert validate_schools(schools_raw, file="schools.csv") == []


def test_schools_empty_and_columns(schools_raw: pd.DataFrame) -> None:
    assert _messages(validate_schools(pd.DataFrame(), file="s.csv")) == [
        "s.csv: file is empty (no header and no data)"
    ]
    assert _messages(validate_schools(schools_raw.iloc[0:0], file="s.csv")) == [
        "s.csv: file has a header but no data rows"
    ]
    raw = schools_raw.drop(columns=["province"]).assign(naam="De Regenboog")
    messages = _messages(validate_schools(raw, file="s.csv"))
    assert messages[0] == "s.csv: column province: column missing"
    assert messages[1].startswith(
        "s.csv: column naam: unknown column (not in the school frame contract) (expected "
        "school_id, "
    )
    assert "De Regenboog" not in "\n".join(messages)
    assert len(messages) == 2


def test_school_values(schools_raw: pd.DataFrame) -> None:
    raw = schools_raw.copy()
    raw.loc[2, "school_type"] = "basisschool"
    raw.loc[3, "sector"] = "bao"  # sbao must be go
    raw.loc[4, "province"] = "Brabant"
    raw.loc[5, "municipality_category"] = "G5"
    raw.loc[5, "school_id"] = "S01"
    raw.loc[3, "schoolgewicht"] = "hoog"  # sbao: bao only
    raw.loc[2, "achterstandsscore"] = "1,5"
    raw.loc[5, "pupils"] = "-3"
    raw.loc[4, "denomination"] = np.nan
    messages = _messages(validate_schools(raw, file="s.csv"))
    assert messages == [
        "s.csv: column school_id: rows 2 and 5: duplicate school_id (value 'S01'; expected unique "
        "ids)",
        "s.csv: column school_type: row 2: value not allowed (value 'basisschool'; expected one of "
        "bao, sbao, so, vso)",
        "s.csv: column province: row 4: value not allowed (value 'Brabant'; expected one of "
        "Drenthe, Flevoland, "
        "Friesland, Gelderland, Groningen, Limburg, Noord-Brabant, Noord-Holland, Overijssel, "
        "Utrecht, Zeeland, Zuid-Holland)",
        "s.csv: column municipality_category: row 5: value not allowed (value 'G5'; expected one "
        "of G4, G40, overig)",
        "s.csv: column denomination: row 4: value missing (expected one of openbaar, "
        "protestants-christelijk, "
        "rooms-katholiek, overig bijzonder)",
        "s.csv: column sector: row 3: sector does not match school_type sbao (value 'bao'; "
        "expected sbao -> go)",
        "s.csv: column achterstandsscore: row 2: number out of range (value '1,5'; expected a "
        "fraction from 0 to 1)",
        "s.csv: column schoolgewicht: row 3: schoolgewicht is for bao schools only (value 'hoog'; "
        "expected empty for sbao, so and vso)",
        "s.csv: column pupils: row 5: not a number of pupils (value '-3'; expected a whole number "
        ">= 0)",
    ]


def test_convert_schools_canonical_values(schools_raw: pd.DataFrame) -> None:
    raw = schools_raw.copy()
    raw.loc[2, "school_type"] = "BAO"
    raw.loc[3, "province"] = "noord-holland"
    assert validate_schools(raw, file="s.csv") == []
    schools = convert_schools(raw)
    assert schools["school_type"].tolist() == ["bao", "sbao", "vso", "bao"]
    assert schools["province"].tolist() == [
        "Utrecht",
        "Noord-Holland",
        "Limburg",
        "Friesland",
    ]  # Fryslân -> Friesland
    assert schools["pupils"].dtype == "Int64"
    assert schools["achterstandsscore"].iloc[0] == pytest.approx(0.035)
    assert np.isnan(schools["achterstandsscore"].iloc[1])
