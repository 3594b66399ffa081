"""Parse the free-text werktijdfactor (question 3) to a fraction of a full-time job.

Question 3 ('Wat is uw werktijdfactor?') is an open input field; the questionnaire prints
no unit or format. Respondents write '0,8', '0.8', '80%', '4 dagen', '32 uur', 'fulltime'
and so on. :func:`parse_werktijdfactor` turns one answer into a fraction of a full-time
job (1.0 = full-time) or ``None`` when the answer cannot be read unambiguously.

Norm for a full-time job
    The CAO primair onderwijs defines a full-time job (werktijdfactor 1,0000) by the
    *normjaartaak* of 1,659 clock hours a year. In the working weeks of a school year this
    is customarily expressed as a 40-hour working week of five 8-hour days, which is the
    norm used here: **full-time = 40 hours per week = 5 days per week**. (Spreading 1,659
    hours over all 46 non-holiday weeks would give 36 hours; the 40-hour norm is used
    because school staff state their hours per working week.)

Rules, applied to the answer after trimming, lower-casing and reading a decimal comma as
a decimal point ('0,8' -> 0.8):

1. Empty or missing -> ``None``.
2. Words for a full-time job ('fulltime', 'full-time', 'full time', 'voltijd',
   'voltijds', 'volledig') -> 1.0. Words that say only 'part-time'
   ('parttime', 'part-time', 'deeltijd') -> ``None`` (no size given).
3. A number followed by '%' (spaces allowed) is a percentage: '80%' -> 0.8.
4. A number followed by 'fte' or preceded by 'wtf' / 'werktijdfactor' is a fraction:
   '0,8 fte' -> 0.8.
5. A number of days ('4 dagen', '4 dag', '4 dgn', '4 d', optionally followed by
   'per week' / 'p/w' / 'pw' / 'in de week') -> days / 5.
6. A number of hours ('32 uur', '32 u', '32 uren', '32 klokuren', optionally
   '... per week') -> hours / 40.
7. 'N x M uur' or 'N dagen x M uur' (N days of M hours) -> N * M / 40.
8. A fraction 'a/b' with 1 <= b <= 10 ('4/5') -> a / b.
9. A plain number:
   * 0 < x <= 1.5: a fraction of a full-time job ('1' -> 1.0, '0.8' -> 0.8);
   * 1.5 < x < 10: ambiguous (days? hours? percent?) -> ``None``;
   * 10 <= x <= 100: a percentage ('80' -> 0.8);
   * x > 100: ``None``.
10. Leading qualifiers 'ca', 'ca.', 'circa', 'ongeveer', '+/-', '±', '~' are ignored.
11. Ranges ('0,6-0,8'), several numbers that fit none of the patterns above, and any
    other text -> ``None``.
12. Plausibility: a result above 1.2 (more than 48 hours a week) or below 0.05 (less than
    2 hours a week) is implausible -> ``None``.

:func:`parse_series` applies the parser to a column and counts the non-empty answers that
could not be parsed, so that the loader can report them.
"""

from __future__ import annotations

import math
import re
from numbers import Real

import numpy as np
import pandas as pd

FULL_TIME_HOURS_PER_WEEK = 40.0
FULL_TIME_DAYS_PER_WEEK = 5.0
MAX_PLAUSIBLE = 1.2
MIN_PLAUSIBLE = 0.05
MAX_PLAIN_FRACTION = 1.5
MIN_PLAIN_PERCENT = 10.0

_FULL_TIME_WORDS = {
    "fulltime",
    "full-time",
    "full time",
    "voltijd",
    "voltijds",
    "volledig",
    "volledige baan",
}
_PART_TIME_WORDS = {"parttime", "part-time", "part time", "deeltijd", "deeltijds"}

_NUM = r"(\d+(?:\.\d+)?|\.\d+)"
_PER_WEEK = r"(?:\s*(?:per\s+week|p/?w|/\s*w(?:eek)?|in\s+de\s+week|p\.w\.?))?"
_QUALIFIER = re.compile(r"^(?:ca\.?|circa|ongeveer|\+/-|\+-|±|~)\s*")

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^{_NUM}\s*%$"), "percent"),
    (re.compile(rf"^{_NUM}\s*fte$"), "fraction"),
    (re.compile(rf"^(?:wtf|werktijdfactor)\s*:?\s*{_NUM}$"), "fraction"),
    (re.compile(rf"^{_NUM}\s*(?:dagen|dag|dgn|dg|d){_PER_WEEK}$"), "days"),
    (re.compile(rf"^{_NUM}\s*(?:klokuren|uren|uur|u|hours|hour|h){_PER_WEEK}$"), "hours"),
    (
        re.compile(
            rf"^{_NUM}\s*(?:dagen|dag|dgn|dg|d)?\s*(?:x|\*|×|keer|maal)\s*{_NUM}\s*"
            rf"(?:klokuren|uren|uur|u|h)?{_PER_WEEK}$"
        ),
        "days_x_hours",
    ),
    (re.compile(r"^(\d+)\s*/\s*(\d+)$"), "ratio"),
    (re.compile(rf"^{_NUM}$"), "plain"),
]


def _normalise(text: str) -> str:
    """Lower-case, trim, collapse spaces and read a decimal comma as a point."""
    s = " ".join(str(text).strip().lower().split())
    # decimal comma between digits, or a leading comma ('0,8' / ',8')
    s = re.sub(r"(?<=\d),(?=\d)", ".", s)
    s = re.sub(r"(?<![\d.]),(?=\d)", ".", s)
    s = _QUALIFIER.sub("", s)
    return s.strip()


def _plausible(value: float) -> float | None:
    if not math.isfinite(value) or value < MIN_PLAUSIBLE or value > MAX_PLAUSIBLE:
        return None
    return float(value)


def _plain_number(x: float) -> float | None:
    if 0 < x <= MAX_PLAIN_FRACTION:
        return _plausible(x)
    if MIN_PLAIN_PERCENT <= x <= 100:
        return _plausible(x / 100.0)
    return None


def _ratio(m: re.Match[str]) -> float | None:
    a, b = int(m.group(1)), int(m.group(2))
    return _plausible(a / b) if 1 <= b <= 10 else None


_DIVISORS: dict[str, float] = {
    "percent": 100.0,
    "fraction": 1.0,
    "days": FULL_TIME_DAYS_PER_WEEK,
    "hours": FULL_TIME_HOURS_PER_WEEK,
}


def _from_match(kind: str, m: re.Match[str]) -> float | None:
    """The werktijdfactor of a matched pattern of :data:`_PATTERNS`."""
    if kind == "ratio":
        return _ratio(m)
    if kind == "days_x_hours":
        return _plausible(float(m.group(1)) * float(m.group(2)) / FULL_TIME_HOURS_PER_WEEK)
    x = float(m.group(1))
    if kind in _DIVISORS:
        return _plausible(x / _DIVISORS[kind])
    return _plain_number(x)


def _parse_text(text: str) -> float | None:
    s = _normalise(text)
    if not s or s in _PART_TIME_WORDS:
        return None
    if s in _FULL_TIME_WORDS:
        return 1.0
    for pattern, kind in _PATTERNS:
        m = pattern.match(s)
        if m:
            return _from_match(kind, m)
    return None


def parse_werktijdfactor(text: object) -> float | None:
    """Return the werktijdfactor in ``text`` as a fraction of a full-time job, or ``None``.

    ``text`` is normally a string; numbers (as read from an SPSS file) follow the
    plain-number rule. See the module docstring for the rules.

    >>> parse_werktijdfactor("0,8")
    0.8
    >>> parse_werktijdfactor("32 uur per week")
    0.8
    >>> parse_werktijdfactor("parttime") is None
    True
    """
    if text is None or text is pd.NA:
        return None
    if isinstance(text, Real) and not isinstance(text, bool):
        x = float(text)
        return None if math.isnan(x) else _plain_number(x)
    if not isinstance(text, str):
        return None
    return _parse_text(text)


def _is_empty(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def parse_series(series: pd.Series, max_examples: int = 5) -> tuple[pd.Series, int, list[str]]:
    """Parse every answer of a werktijdfactor column.

    Returns ``(floats, n_unparsed, examples)``: ``floats`` is a float64 series with the
    same index (NaN where empty or not parseable), ``n_unparsed`` counts the non-empty
    answers that could not be parsed, and ``examples`` holds up to ``max_examples``
    distinct unparsed answers in order of first appearance. The examples are the raw
    answers: show them to the data owner only, never write them to shared outputs.
    """
    values: list[float] = []
    n_unparsed = 0
    examples: list[str] = []
    cache: dict[object, float | None] = {}  # each distinct answer is parsed once
    for raw in series.tolist():
        if _is_empty(raw):
            values.append(np.nan)
            continue
        key = (type(raw), raw)
        if key not in cache:
            cache[key] = parse_werktijdfactor(raw)
        parsed = cache[key]
        if parsed is None:
            values.append(np.nan)
            n_unparsed += 1
            shown = str(raw)
            if len(examples) < max_examples and shown not in examples:
                examples.append(shown)
        else:
            values.append(parsed)
    return (
        pd.Series(values, index=series.index, dtype="float64", name=series.name),
        n_unparsed,
        examples,
    )
