"""Tests for werkdruk_utils.inputs.werktijdfactor."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from werkdruk_utils.inputs.werktijdfactor import parse_series, parse_werktijdfactor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fractions of a full-time job
        ("0,8", 0.8),
        ("0.8", 0.8),
        (",8", 0.8),
        ("1", 1.0),
        ("1,0", 1.0),
        ("0,4286", 0.4286),
        ("1,2", 1.2),
        ("  0,6  ", 0.6),
        ("0,8 fte", 0.8),
        ("0.8FTE", 0.8),
        ("1 fte", 1.0),
        ("wtf 0,7", 0.7),
        ("Werktijdfactor: 0,9", 0.9),
        ("ca. 0,8", 0.8),
        ("ongeveer 0,5", 0.5),
        ("± 0,6", 0.6),
        # percentages
        ("80%", 0.8),
        ("80 %", 0.8),
        ("62,5%", 0.625),
        ("100%", 1.0),
        ("80", 0.8),
        ("60", 0.6),
        ("10", 0.1),
        ("100", 1.0),
        # days: 5 days = full-time
        ("4 dagen", 0.8),
        ("4 dagen per week", 0.8),
        ("4 Dagen Per Week", 0.8),
        ("3 dag", 0.6),
        ("2,5 dagen", 0.5),
        ("1 dag", 0.2),
        ("4d", 0.8),
        ("3 dgn p/w", 0.6),
        # hours: 40 hours = full-time
        ("32 uur", 0.8),
        ("32 uur per week", 0.8),
        ("20 u", 0.5),
        ("36 uren", 0.9),
        ("40 klokuren", 1.0),
        ("24,5 uur", 24.5 / 40),
        # days x hours
        ("4 x 8 uur", 0.8),
        ("4x8", 0.8),
        ("3 dagen x 8 uur", 0.6),
        ("5 * 8 uur per week", 1.0),
        # ratios
        ("4/5", 0.8),
        ("3 / 5", 0.6),
        # words
        ("fulltime", 1.0),
        ("Fulltime", 1.0),
        ("full-time", 1.0),
        ("voltijd", 1.0),
        ("Volledig", 1.0),
    ],
)
def test_parse_accepts(text: str, expected: float) -> None:
    result = parse_werktijdfactor(text)
    assert result is not None
    assert result == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "parttime",
        "Part-time",
        "deeltijd",
        "fte",
        "weet ik niet",
        "0,6-0,8",  # range: ambiguous
        "0,6 of 0,8",
        "4",  # plain number between 1.5 and 10: days? hours? percent?
        "2",
        "8",
        "1,6",
        "101",  # plain number above 100
        "130%",  # above 1.2 after conversion
        "50 uur",  # 1.25 > 1.2
        "0",
        "0,0",
        "1 uur",  # 0.025 < 0.05
        "4/0",
        "1/20",
        "abc",
        "0.8.",
    ],
)
def test_parse_rejects(text: str) -> None:
    assert parse_werktijdfactor(text) is None


def test_plausibility_bounds_are_inclusive() -> None:
    assert parse_werktijdfactor("120%") == pytest.approx(1.2)
    assert parse_werktijdfactor("121%") is None
    assert parse_werktijdfactor("6 dagen") == pytest.approx(1.2)
    assert parse_werktijdfactor("7 dagen") is None
    assert parse_werktijdfactor("2 uur") == pytest.approx(0.05)
    assert parse_werktijdfactor("1,9 uur") is None


def test_parse_missing_and_numbers() -> None:
    assert parse_werktijdfactor(None) is None
    assert parse_werktijdfactor(pd.NA) is None
    assert parse_werktijdfactor(float("nan")) is None
    # numbers as read from an SPSS file follow the plain-number rule
    assert parse_werktijdfactor(0.8) == pytest.approx(0.8)
    assert parse_werktijdfactor(80) == pytest.approx(0.8)
    assert parse_werktijdfactor(np.float64(1.0)) == pytest.approx(1.0)
    assert parse_werktijdfactor(4) is None
    assert parse_werktijdfactor(True) is None


def test_parse_series_counts_unparsed() -> None:
    series = pd.Series(
        ["0,8", None, "", "parttime", "32 uur", "abc", "abc", "4"], index=range(10, 18)
    )
    floats, n_unparsed, examples = parse_series(series)
    assert floats.dtype == np.float64
    assert list(floats.index) == list(range(10, 18))
    assert floats.iloc[0] == pytest.approx(0.8)
    assert floats.iloc[4] == pytest.approx(0.8)
    assert [math.isnan(v) for v in floats] == [False, True, True, True, False, True, True, True]
    # 'parttime', 'abc', 'abc', '4' are non-empty and unparsed; None and '' are missing
    assert n_unparsed == 4
    assert examples == ["parttime", "abc", "4"]


def test_parse_series_limits_examples() -> None:
    series = pd.Series([f"x{i}" for i in range(20)])
    _, n_unparsed, examples = parse_series(series, max_examples=3)
    assert n_unparsed == 20
    assert examples == ["x0", "x1", "x2"]
