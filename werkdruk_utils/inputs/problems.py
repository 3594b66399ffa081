"""Problems found in an input file, and the one error that reports them readably.

A check (:mod:`werkdruk_utils.inputs.validation`) returns :class:`Problem` records, one per
offending value (or column, or file). :class:`ValidationError` reports them **grouped**: one line
per file, column and kind of problem with the number of rows, the first rows, the first values and
a hint, so that 1.789 wrong ids give one line, not 1.789. The message never exceeds
:data:`MAX_MESSAGE_CHARS` characters; when it is shortened, the full list of every problem is in a
text file under ``build/validation/`` (:func:`write_problem_list`; never under ``outputs/``), and
the message says where.

Values in messages: :func:`shown_value` decides how a value may appear. A value that looks like an
e-mail address or a phone number is masked as the output check masks it ('+3********** (12
tekens)'); a value longer than :data:`MAX_VALUE_SHOWN` characters (free text?) is not shown;
invisible characters are written as escapes ('3\\u200b').
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from werkdruk_utils import paths
from werkdruk_utils.inputs.personal import escape_invisible, looks_personal, mask

MAX_ROWS_SHOWN = 10
"""Rows listed in the line of one problem."""

GROUP_ROWS_SHOWN = 5
"""Rows listed in the line of a group of problems."""

GROUP_VALUES_SHOWN = 5
"""Distinct values listed in the line of a group of problems."""

GROUP_COLUMNS_SHOWN = 12
"""Columns listed in the line of a group of column problems (missing, unknown)."""

MAX_VALUE_SHOWN = 40
"""A value longer than this (free text?) is not shown in a message."""

MAX_LINE_CHARS = 700
"""One line of the message is cut here (with '…')."""

MAX_MESSAGE_CHARS = 5000
"""No message of :class:`ValidationError` (nor of a read error) is longer."""

PROBLEMS_ENV = "WERKDRUK_PROBLEMS_DIR"
"""Environment variable naming where full problem lists go (default ``build/validation``)."""


def format_rows(rows: Sequence[int], limit: int = MAX_ROWS_SHOWN) -> str:
    """'row 2', 'rows 2, 5 and 9', or 'rows 2, 5, ..., 30 and 37 others' for long lists."""
    rows = list(rows)
    if not rows:
        return ""
    if len(rows) == 1:
        return f"row {rows[0]}"
    if len(rows) <= limit:
        return "rows " + ", ".join(map(str, rows[:-1])) + f" and {rows[-1]}"
    others = len(rows) - limit
    return (
        "rows "
        + ", ".join(map(str, rows[:limit]))
        + f" and {others} other{'s' if others > 1 else ''}"
    )


def shown_value(value: object) -> str | None:
    """``value`` as a message may show it: masked when personal-looking, None when too long (free
    text?), invisible characters escaped."""
    text = str(value)
    if looks_personal(text):
        return mask(text.strip())
    if len(text) > MAX_VALUE_SHOWN:
        return None
    return escape_invisible(text)


def shown_name(name: object) -> str:
    """A column name as a message shows it (names are shown, but masked when personal-looking)."""
    text = str(name)
    if looks_personal(text):
        return mask(text)
    text = escape_invisible(text)
    return text if len(text) <= 80 else text[:77] + "…"


def _cut(text: str, limit: int = MAX_LINE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One problem in an input file.

    ``rows`` are spreadsheet row numbers (header = 1, first data row = 2); empty when the
    problem concerns the file or a whole column. ``value`` is the offending value as a message
    may show it (see :func:`shown_value`), or ``None`` when it may not or cannot be shown.
    ``kind`` groups problems of the same sort (e.g. ``'code_not_allowed'``); ``hint`` says what
    probably caused it and how to fix it.
    """

    file: str
    column: str | None
    rows: tuple[int, ...]
    value: str | None
    expected: str | None
    message: str
    kind: str = ""
    hint: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.column is not None:
            parts.append(f"column {self.column}")
        if self.rows:
            parts.append(format_rows(self.rows))
        text = ": ".join(parts) + f": {self.message}"
        details = []
        if self.value is not None:
            details.append(f"value '{self.value}'")
        if self.expected is not None:
            details.append(f"expected {self.expected}")
        if details:
            text += f" ({'; '.join(details)})"
        if self.hint:
            text += f". Hint: {self.hint}"
        return text

    @property
    def group_key(self) -> tuple:
        """Problems with the same key are reported on one line."""
        kind = self.kind or self.message
        if self.rows:
            return (self.file, "cells", self.column, kind)
        if self.column is not None and self.kind:
            return (self.file, "columns", None, kind, self.message)
        return (self.file, "single", self.column, self.message, self.value, self.expected)


@dataclass
class ProblemGroup:
    """Problems of one key (:attr:`Problem.group_key`) as reported on one line."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def first(self) -> Problem:
        return self.problems[0]

    @property
    def rows(self) -> list[int]:
        return sorted({r for p in self.problems for r in p.rows})

    def _values(self) -> tuple[list[str], int]:
        values: dict[str, None] = {}
        hidden = 0
        for p in self.problems:
            if p.value is None:
                hidden += 1
            else:
                values.setdefault(p.value)
        return list(values), hidden

    def _hints(self) -> list[str]:
        return list(dict.fromkeys(p.hint for p in self.problems if p.hint))

    def line(self) -> str:
        if len(self.problems) == 1:
            return _cut(str(self.first))
        first = self.first
        if first.rows:
            return _cut(self._cells_line())
        return _cut(self._columns_line())

    def _cells_line(self) -> str:
        first = self.first
        rows = self.rows
        if len(rows) <= MAX_ROWS_SHOWN:
            where = format_rows(rows)
        else:
            where = f"{len(rows)} rows ({format_rows(rows, limit=GROUP_ROWS_SHOWN)[5:]})"
        text = f"{first.file}: column {first.column}: {where}: {first.message}"
        values, hidden = self._values()
        details = []
        if values:
            listed = ", ".join(f"'{v}'" for v in values[:GROUP_VALUES_SHOWN])
            more = len(values) - GROUP_VALUES_SHOWN
            label = "value" if len(values) == 1 else "values"
            details.append(
                f"{label} {listed}"
                + (f" and {more} other value{'s' * (more > 1)}" if more > 0 else "")
            )
        if hidden and values:
            details.append(f"{hidden} value{'s' * (hidden > 1)} not shown")
        if first.expected is not None:
            details.append(f"expected {first.expected}")
        if details:
            text += f" ({'; '.join(details)})"
        return text + "".join(f". Hint: {h}" for h in self._hints())

    def _columns_line(self) -> str:
        first = self.first
        same_expected = len({p.expected for p in self.problems}) == 1
        names = []
        for p in self.problems:
            quoted = f"'{p.value}'" if first.kind != "unknown_column" else str(p.value)
            details = [] if p.value is None else [quoted]
            if p.expected is not None and not same_expected:
                details.append(f"expected {p.expected}")
            names.append(str(p.column) + (f" ({'; '.join(details)})" if details else ""))
        listed = ", ".join(names[:GROUP_COLUMNS_SHOWN])
        more = len(names) - GROUP_COLUMNS_SHOWN
        if more > 0:
            listed += f" and {more} others"
        text = f"{first.file}: {len(self.problems)} columns: {first.message}: {listed}"
        if same_expected and first.expected is not None:
            text += f" (expected {first.expected})"
        return text + "".join(f". Hint: {h}" for h in self._hints())


def group_problems(problems: Sequence[Problem]) -> list[ProblemGroup]:
    """Problems grouped by :attr:`Problem.group_key`, in order of first appearance."""
    groups: dict[tuple, ProblemGroup] = {}
    for problem in problems:
        groups.setdefault(problem.group_key, ProblemGroup()).problems.append(problem)
    return list(groups.values())


def problems_dir() -> Path:
    """Where full problem lists are written: ``build/validation`` (or ``$WERKDRUK_PROBLEMS_DIR``).
    Never under ``outputs/``."""
    setting = os.environ.get(PROBLEMS_ENV, "").strip()
    return Path(setting) if setting else paths.ROOT / "build" / "validation"


def problem_list_path(data_dir: Path | str, year: int) -> Path:
    """The full-list file of one measurement folder:
    ``<problems dir>/<data folder name>-<first 8 hex digits of the SHA-256 of its absolute
    path>/<year>.txt``."""
    folder = Path(data_dir).resolve()
    digest = hashlib.sha256(str(folder).encode("utf-8")).hexdigest()[:8]
    return problems_dir() / f"{folder.name}-{digest}" / f"{int(year)}.txt"


def write_problem_list(problems: Sequence[Problem], path: Path) -> Path | None:
    """Write every problem, one per line (values shown as in messages), to ``path``; None when it
    cannot be written. Written to a temporary file and renamed."""
    path = Path(path)
    text = "".join(f"{p}\n" for p in problems)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        tmp.replace(path)
    except OSError:
        return None
    return path


class ValidationError(Exception):
    """Raised with every problem found; ``str()`` reports them grouped, at most
    :data:`MAX_MESSAGE_CHARS` characters. ``problems`` holds every problem; ``full_list`` the file
    with all of them (when written)."""

    def __init__(self, problems: Sequence[Problem], full_list: Path | None = None):
        self.problems: list[Problem] = list(problems)
        self.full_list = full_list
        self.complete = True  # set by _message: False when the message does not show everything
        super().__init__(self._message())

    def _message(self) -> str:
        n = len(self.problems)
        groups = group_problems(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} found in the input data"
        if len(groups) < n:
            plural = "s" * (len(groups) > 1)
            head += f", in {len(groups)} group{plural} (one line per file, column and kind)"
        where = f"; the full list is in {paths.display(self.full_list)}" if self.full_list else ""
        lines = [_cut(head + where + ":")]
        budget = MAX_MESSAGE_CHARS - len(lines[0])
        self.complete = len(groups) == n and all(
            len(p.rows) <= MAX_ROWS_SHOWN and len(str(p)) <= MAX_LINE_CHARS for p in self.problems
        )
        for i, group in enumerate(groups):
            line = "  - " + group.line()
            left = len(groups) - i - 1
            reserve = 120 if left else 0
            if len(line) + 1 + reserve > budget:
                rest = len(groups) - i
                tail = f"  … and {rest} more line{'s' * (rest > 1)}"
                tail += f" (full list: {paths.display(self.full_list)})" if self.full_list else ""
                lines.append(_cut(tail, budget - 1))
                self.complete = False
                break
            lines.append(line)
            budget -= len(line) + 1
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._message()


def raise_if_problems(problems: Sequence[Problem], full_list: Path | None = None) -> None:
    """Raise one :class:`ValidationError` when ``problems`` is not empty. With ``full_list`` (a
    path under ``build/``) every problem is also written there, one per line, when the message
    cannot show them all (grouped or shortened)."""
    if not problems:
        return
    error = ValidationError(problems)
    if full_list is not None and not error.complete:
        error = ValidationError(problems, full_list=write_problem_list(problems, full_list))
    raise error
