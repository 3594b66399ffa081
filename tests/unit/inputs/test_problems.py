"""Tests for werkdruk_utils.inputs.problems: grouped, capped messages and the full list."""

from __future__ import annotations

from pathlib import Path

import pytest

from werkdruk_utils.inputs.problems import (
    MAX_MESSAGE_CHARS,
    PROBLEMS_ENV,
    Problem,
    ValidationError,
    group_problems,
    problem_list_path,
    raise_if_problems,
    shown_value,
)


def cell(row: int, value: str, column: str = "school_id", kind: str = "unknown_school") -> Problem:
    return Problem(
        file="respondents.csv",
        column=column,
        rows=(row,),
        value=shown_value(value),
        expected="a school_id of the school frame",
        message="school_id not in the school frame",
        kind=kind,
        hint="leading zeros were lost",
    )


def test_shown_value_masks_personal_values_and_escapes_invisible_characters() -> None:
    assert shown_value("+31612000001") == "+3********** (12 tekens)"
    assert shown_value("06-12345678") == "06********* (11 tekens)"
    assert shown_value("jan@example.org") == "ja***@ex***.org"
    assert shown_value("3\u200b") == "3\\u200b"
    assert shown_value("S01") == "S01"
    assert shown_value("x" * 41) is None  # free text?
    assert shown_value("123456") == "123456"  # a short numeric id stays readable


def test_problems_of_one_column_and_kind_are_one_line() -> None:
    problems = [cell(r, str(100 + r % 7)) for r in range(2, 1791)]
    groups = group_problems(problems)
    assert len(groups) == 1
    line = groups[0].line()
    assert line.startswith(
        "respondents.csv: column school_id: 1789 rows (2, 3, 4, 5, 6 and 1784 others): "
        "school_id not in the school frame (values '102', '103', '104', '105', '106' and 2 other "
        "values; expected a school_id of the school frame). Hint: leading zeros were lost"
    )


def test_missing_columns_are_one_line() -> None:
    problems = [
        Problem(
            file="r.csv",
            column=f"v{i}",
            rows=(),
            value=None,
            expected=None,
            message="column missing (required in measurement 2024)",
            kind="missing_column",
        )
        for i in range(1, 31)
    ]
    text = str(ValidationError(problems))
    assert text.splitlines() == [
        "30 problems found in the input data, in 1 group (one line per file, column and kind):",
        "  - r.csv: 30 columns: column missing (required in measurement 2024): v1, v2, v3, v4, v5, "
        "v6, v7, v8, v9, v10, v11, v12 and 18 others",
    ]


def test_message_is_capped_and_names_the_full_list(tmp_path: Path) -> None:
    problems = [cell(2, "7", column=f"v{i}_{j}", kind="code") for i in range(40) for j in range(9)]
    with pytest.raises(ValidationError) as info:
        raise_if_problems(problems, full_list=tmp_path / "build" / "2024.txt")
    message = str(info.value)
    assert len(message) <= MAX_MESSAGE_CHARS
    assert "more lines (full list: " in message
    written = (tmp_path / "build" / "2024.txt").read_text(encoding="utf-8").splitlines()
    assert len(written) == len(problems) == 360
    assert info.value.full_list == tmp_path / "build" / "2024.txt"


def test_no_full_list_when_the_message_shows_everything(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        raise_if_problems([cell(2, "S99")], full_list=tmp_path / "2024.txt")
    assert info.value.full_list is None and not (tmp_path / "2024.txt").exists()
    assert "full list" not in str(info.value)


def test_problem_list_path_is_under_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(PROBLEMS_ENV, raising=False)
    path = problem_list_path(tmp_path / "my data", 2024)
    assert path.parts[-4:-2] == ("build", "validation")
    assert path.parent.name.startswith("my data-") and path.name == "2024.txt"
    monkeypatch.setenv(PROBLEMS_ENV, str(tmp_path / "elsewhere"))
    assert problem_list_path(tmp_path / "d", 2023).parent.parent == tmp_path / "elsewhere"
