"""The base check: every number a reader can see rests on at least ``min_n`` respondents.

Part of the output check (:mod:`werkdruk_utils.publish.output_check`). It reads every number in the
outputs and its base from the annotations of :mod:`werkdruk_utils.present.bases`:

* **HTML** (pages, SVG, Markdown with inline HTML, notebook outputs): the nearest element around
  the number with ``data-n`` (respondents), ``data-base`` (a kind of
  :data:`~werkdruk_utils.present.bases.BASE_KINDS`) or ``data-suppressed`` (no number allowed);
  the visible text only (not ``<style>``, ``<script>``, SVG metadata, code input areas), plus the
  ``title``, ``alt`` and ``aria-label`` attributes.
* **Executed notebooks**: outputs (HTML, SVG, Markdown as HTML; plain text and streams as
  unannotated text) and Markdown cells; code cells are code.
* **CSV**: per row, column ``n`` (or ``n_<col>``) is the base of the row's numbers; columns of
  :data:`~werkdruk_utils.present.bases.CSV_COLUMN_KINDS` rest on no respondent; count columns
  (:data:`~werkdruk_utils.present.bases.COUNT_COLUMNS`, every ``n_*``) must be blank, 0 or at
  least ``min_n``; text cells are labels and are not read.

A number whose base is 1 to ``min_n`` - 1 **fails** the check (:data:`BELOW_MIN_N`), as does a
digit in a suppressed cell or an unknown kind. A number without any base that is not an obvious
non-statistic (a year, a table or figure reference, a date, a time, a hex digest) is reported as
:data:`NO_BASE`: a failure in strict mode, otherwise a warning with the count.
"""

from __future__ import annotations

import bisect
import csv
import html
import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from werkdruk_utils.present.bases import BASE_KINDS, COUNT_COLUMNS, CSV_COLUMN_KINDS

BELOW_MIN_N = "below_min_n"
NO_BASE = "no_base"
SUPPRESSED_NUMBER = "suppressed_number"
UNKNOWN_KIND = "unknown_kind"

PROBLEM_LABELS = {
    BELOW_MIN_N: "getal op minder dan {min_n} respondenten",
    NO_BASE: "getal zonder basis",
    SUPPRESSED_NUMBER: "getal in een onderdrukte cel",
    UNKNOWN_KIND: "onbekende soort basis",
}
FAILING = frozenset({BELOW_MIN_N, SUPPRESSED_NUMBER, UNKNOWN_KIND})

NUMBER = re.compile(r"(?<![\w.,\-−+])[+\-−]?\d+(?:[.,]\d+)*(?![\w])")
"""A number as a reader sees it: '74,7', '1.789', '−0,5', '2024' (not digits inside 'v14_1' or
'B3.1')."""

NON_STATISTICS = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # ISO dates and times
    r"|\b\d{1,2}[-/]\d{1,2}[-/]\d{4}\b"  # 30-11-2026
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b"  # 12:34
    r"|\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,64}\b"  # hex digests, commits
    r"|(?:Tabel|Tabellen|Figuur|Figuren|Bijlage|Tekst|[Pp]aragraaf|[Hh]oofdstuk|§|Vraag|vraag|"
    r"[Mm]eting|H)\s?[A-Z]?\d+(?:\.\d+)*(?:\s?(?:en|t/m|–|-)\s?[A-Z]?\d+(?:\.\d+)*)?"
)
"""Spans whose digits are no statistics: dates, times, digests and numbered references."""

YEAR = re.compile(r"(?:19|20)\d\d")

SECTION_NUMBER = re.compile(r"^(\s*(?:#{1,6}\s*)?)([A-Z]?\d+(?:\.\d+)*\.?)(?=\s)", re.MULTILINE)
"""A section number at the start of a heading ('## 3.1 Oorzaken', '<h2>2.4 Regelmogelijkheden')."""

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "title"})
LABEL_TAGS = frozenset({"nav"})
"""Elements whose text is a label unless an inner element says otherwise: navigation."""

LINE_BASE = re.compile(r"\[(?:n=(\d+)(?:/(\d+))*|basis: ([a-z]+))\]\s*$")
"""The base of a line of a plain-text output, at its end: '[n=186]', '[n=186/190]' (the smallest
counts) or '[basis: label]'."""

SKIPPED_TAGS = frozenset({"style", "script", "metadata", "noscript", "template"})
SKIPPED_CLASSES = ("jp-InputArea", "jp-InputPrompt", "jp-OutputPrompt")
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
IMPLIED_END = {"td": {"td", "th"}, "th": {"td", "th"}, "tr": {"td", "th", "tr"}, "li": {"li"}}
VISIBLE_ATTRIBUTES = ("title", "alt", "aria-label")


@dataclass(frozen=True)
class NumberFinding:
    """One number that breaks the rule (or has no base)."""

    file: Path
    location: str
    number: str
    base: str
    problem: str

    def describe(self, min_n: int, root: Path | None = None) -> str:
        shown = self.file
        if root is not None:
            try:
                shown = self.file.relative_to(root)
            except ValueError:
                pass
        label = PROBLEM_LABELS[self.problem].format(min_n=min_n)
        return f"{shown}: {self.location}: {label}: '{self.number}' (basis: {self.base})"


def fails(finding: NumberFinding, strict: bool) -> bool:
    """Whether ``finding`` breaks the rule (a number without a base too when ``strict``)."""
    return finding.problem in FAILING or (strict and finding.problem == NO_BASE)


@dataclass
class BaseCheckResult:
    findings: list[NumberFinding] = field(default_factory=list)
    numbers: int = 0
    by_base: Counter = field(default_factory=Counter)  # 'n' / kind / 'geen' -> numbers read

    def failing(self, strict: bool) -> list[NumberFinding]:
        return [f for f in self.findings if fails(f, strict)]

    def count(self, problem: str) -> int:
        return sum(f.problem == problem for f in self.findings)


# ---------------------------------------------------------------------------- numbers in text


def numbers_in(text: str) -> Iterator[tuple[int, str]]:
    """(offset, number) for every number of ``text`` outside the non-statistic spans."""
    blanked = NON_STATISTICS.sub(lambda m: " " * len(m.group(0)), text)
    for m in NUMBER.finditer(blanked):
        yield m.start(), m.group(0)


def is_year(number: str) -> bool:
    return YEAR.fullmatch(number) is not None


Annotation = tuple[str, str] | None  # ('n', '186') / ('kind', 'label') / ('suppressed', '')


def judge(number: str, annotation: Annotation, min_n: int) -> tuple[str | None, str]:
    """(problem or None, base as reported) of one number under its nearest annotation."""
    if annotation is None:
        return (None, "jaartal") if is_year(number) else (NO_BASE, "geen")
    kind, value = annotation
    if kind == "suppressed":
        return SUPPRESSED_NUMBER, "onderdrukt"
    if kind == "kind":
        return (None, value) if value in BASE_KINDS else (UNKNOWN_KIND, value)
    try:
        n = int(value)
    except ValueError:
        return UNKNOWN_KIND, f"n={value}"
    return (BELOW_MIN_N if 0 < n < min_n else None), f"n={n}"


_TAG = re.compile(
    r"<!--(?P<comment>.*?)-->"
    r"|<!\[CDATA\[(?P<cdata>.*?)\]\]>"
    r"|<!(?P<decl>[^>]*)>"
    r"|<(?P<close>/?)(?P<name>[A-Za-z][^\s/>]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_DIGIT = re.compile(r"\d")
_NEWLINE = re.compile("\n")
_RELEVANT_ATTRIBUTE = re.compile(r"data-|class|title|alt|aria-label", re.IGNORECASE)
_CLOSING: dict[str, re.Pattern[str]] = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
    for name in ("style", "script", "metadata", "noscript", "template")
}


def _attributes(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(next((g for g in m.groups()[1:] if g is not None), ""))
        for m in _ATTRIBUTE.finditer(text)
    }


def _annotation(attrs: dict[str, str]) -> Annotation:
    if "data-suppressed" in attrs:
        return ("suppressed", "")
    if attrs.get("data-n") is not None:
        return ("n", str(attrs["data-n"]).strip())
    if attrs.get("data-base") is not None:
        return ("kind", str(attrs["data-base"]).strip())
    return None


class _Document:
    """The visible texts of an HTML document with the nearest annotation around each: a small
    tokenizer (tags, comments, text), much faster than ``html.parser`` on pages full of SVG."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = [m.start() for m in _NEWLINE.finditer(text)]
        self.stack: list[tuple[str, Annotation, bool]] = []  # tag, nearest annotation, skipped
        self.texts: list[tuple[int, str, Annotation]] = []  # offset, text, annotation
        self.heading_start = False
        self._walk()

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both from 1, of an offset of the text."""
        line = bisect.bisect_left(self.lines, offset)
        start = self.lines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1

    def _current(self) -> tuple[Annotation, bool]:
        return (self.stack[-1][1], self.stack[-1][2]) if self.stack else (None, False)

    def _walk(self) -> None:
        text, pos = self.text, 0
        while True:
            m = _TAG.search(text, pos)
            end = m.start() if m else len(text)
            if end > pos:
                self._data(pos, text[pos:end])
            if m is None:
                return
            pos = m.end()
            if m.group("comment") is not None:
                self._data(m.start("comment"), m.group("comment"))
            elif m.group("name") is not None:
                pos = self._tag(m, pos)

    def _tag(self, m: re.Match[str], pos: int) -> int:
        name = m.group("name").lower()
        raw = m.group("attrs") or ""
        if m.group("close"):
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i][0] == name:
                    del self.stack[i:]
                    break
            return pos
        closes = IMPLIED_END.get(name)
        if closes and self.stack and self.stack[-1][0] in closes:
            self.stack.pop()
        attrs = _attributes(raw) if _RELEVANT_ATTRIBUTE.search(raw) else {}
        annotation, skip = self._current()
        own = _annotation(attrs) if attrs else None
        if own is None and name in LABEL_TAGS:
            own = ("kind", "label")
        skip = (
            skip
            or name in SKIPPED_TAGS
            or any(c in attrs.get("class", "") for c in SKIPPED_CLASSES)
        )
        if not skip:
            for attribute in VISIBLE_ATTRIBUTES:
                value = attrs.get(attribute)
                if value and _DIGIT.search(value):
                    self.texts.append((m.start(), value, own or annotation))
        self_closing = raw.rstrip().endswith("/")
        if name in SKIPPED_TAGS and not self_closing:
            close = _CLOSING[name].search(self.text, pos)
            return close.end() if close else len(self.text)
        if name not in VOID_TAGS and not self_closing:
            self.stack.append((name, own or annotation, skip))
        self.heading_start = self.heading_start or name in HEADINGS
        return pos

    def _data(self, offset: int, data: str) -> None:
        annotation, skip = self._current()
        if skip or not _DIGIT.search(data):
            if data.strip():
                self.heading_start = False
            return
        if "&" in data:
            data = html.unescape(data)
        if self.heading_start and data.strip():
            self.heading_start = False
            data = SECTION_NUMBER.sub(lambda m: m.group(1) + " " * len(m.group(2)), data, count=1)
        self.texts.append((offset, data, annotation))


def _blank_section(m: re.Match[str]) -> str:
    return m.group(1) + " " * len(m.group(2)) if "#" in m.group(1) else m.group(0)


def check_html(
    text: str, min_n: int, where: str = ""
) -> Iterator[tuple[str, str, str, str | None]]:
    """(location, number, base, problem) for every number in an HTML (or Markdown) text; Markdown
    headings' section numbers ('## 3.1 Oorzaken') are no statistics."""
    document = _Document(SECTION_NUMBER.sub(_blank_section, text) if "#" in text else text)
    for start, data, annotation in document.texts:
        for offset, number in numbers_in(data):
            problem, base = judge(number, annotation, min_n)
            line, col = document.position(start + offset)
            yield f"{where}regel {line}, kolom {col}", number, base, problem


def check_plain(
    text: str, min_n: int, where: str = ""
) -> Iterator[tuple[str, str, str, str | None]]:
    """Numbers of a plain-text output; a line's base is its trailing marker (:data:`LINE_BASE`)."""
    for line_number, line in enumerate(text.splitlines(), start=1):
        marker = LINE_BASE.search(line)
        annotation: Annotation = None
        if marker:
            line = line[: marker.start()]
            if marker.group(3):
                annotation = ("kind", marker.group(3))
            else:
                counts = [int(c) for c in re.findall(r"\d+", marker.group(0))]
                annotation = ("n", str(min(counts)))
        for offset, number in numbers_in(line):
            problem, base = judge(number, annotation, min_n)
            yield f"{where}regel {line_number}, kolom {offset + 1}", number, base, problem


# ---------------------------------------------------------------------------- notebooks

HTML_MIME = ("text/html", "image/svg+xml", "text/markdown")


def _joined(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def check_notebook(raw: str, min_n: int) -> Iterator[tuple[str, str, str, str | None]]:
    notebook = json.loads(raw)
    for i, cell in enumerate(notebook.get("cells", [])):
        if cell.get("cell_type") == "markdown":
            yield from check_html(_joined(cell.get("source")), min_n, f"cel {i}, ")
            continue
        for j, output in enumerate(cell.get("outputs", [])):
            where = f"cel {i}, uitvoer {j}, "
            data = output.get("data", {})
            html_parts = [_joined(data[m]) for m in HTML_MIME if m in data]
            if html_parts:
                yield from check_html(html_parts[0], min_n, where)
            elif "text/plain" in data:
                yield from check_plain(_joined(data["text/plain"]), min_n, where)
            if output.get("output_type") == "stream":
                yield from check_plain(_joined(output.get("text")), min_n, where)
            if output.get("output_type") == "error":
                yield from check_plain("\n".join(output.get("traceback", [])), min_n, where)


# ---------------------------------------------------------------------------- CSV


SCHOOLS_UNIT = re.compile(r"\bscho(?:ol|len)\b", re.IGNORECASE)
"""A CSV row whose column ``unit`` names schools ('responderende scholen') counts schools, not
respondents: its numbers are the sample's description (kind ``sample``)."""


def _is_number(cell: str) -> bool:
    return bool(re.fullmatch(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", cell.strip()))


def _csv_base(column: str, row: dict[str, str], columns: set[str]) -> Annotation:
    if column in CSV_COLUMN_KINDS:
        return ("kind", CSV_COLUMN_KINDS[column])
    if SCHOOLS_UNIT.search(row.get("unit") or ""):
        return ("kind", "sample")  # a row counting schools (the response by school characteristic)
    if column in COUNT_COLUMNS or column.startswith("n_"):
        return ("n", row[column].strip())
    own = f"n_{column}"
    if own in columns and row.get(own, "").strip():
        return ("n", row[own].strip())
    if "n" in columns and row.get("n", "").strip():
        return ("n", row["n"].strip())
    return None


def _csv_count(value: str) -> str:
    try:
        return str(int(round(float(value))))
    except ValueError:
        return value


def check_csv(raw: str, min_n: int) -> Iterator[tuple[str, str, str, str | None]]:
    reader = csv.DictReader(io.StringIO(raw))
    columns = set(reader.fieldnames or [])
    for line, row in enumerate(reader, start=2):
        for column, cell in row.items():
            if column is None or cell is None or not _is_number(cell):
                continue
            annotation = _csv_base(str(column), row, columns)
            if annotation is not None and annotation[0] == "n":
                annotation = ("n", _csv_count(annotation[1]))
            problem, base = judge(cell.strip(), annotation, min_n)
            yield f"regel {line}, kolom {column}", cell.strip(), base, problem


# ---------------------------------------------------------------------------- files

CHECKED_SUFFIXES = (".html", ".htm", ".svg", ".ipynb", ".csv", ".md", ".txt", ".json")


def check_file(path: Path, min_n: int, result: BaseCheckResult) -> list[NumberFinding]:
    """Read every number of one output file; add the findings to ``result`` and return them."""
    path = Path(path)
    suffix = path.suffix.lower()
    raw = path.read_text(encoding="utf-8", errors="replace")
    if suffix == ".ipynb":
        numbers = check_notebook(raw, min_n)
    elif suffix == ".csv":
        numbers = check_csv(raw, min_n)
    elif suffix in (".html", ".htm", ".svg", ".md"):
        numbers = check_html(raw, min_n)
    elif suffix in (".txt", ".json"):
        numbers = check_plain(raw, min_n)
    else:
        return []
    found = []
    for location, number, base, problem in numbers:
        result.numbers += 1
        result.by_base[base.split("=")[0]] += 1
        if problem is not None:
            found.append(NumberFinding(path, location, number, base, problem))
    result.findings.extend(found)
    return found
