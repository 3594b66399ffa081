"""The data contract of the survey: questions, columns, codes, routing, scales and function groups.

The contract lives in ``data/codebook.yaml`` (see docs/design.md). This module reads it and answers,
per measurement year (2022, 2023, 2024):

* which columns a respondents export holds, in order, and what each column is (:class:`ColumnSpec`);
* the Dutch labels of every code, and the report's wording where it differs
  (:meth:`Codebook.report_label`);
* whether a column was shown to a respondent, from the routing rules (:meth:`Codebook.shown_mask`);
* the scales of the report and the mapping of question 1 onto analysis and weighting groups.

Routing rules are small expressions (``"v1 in (5, 16)"``, ``"v23 == 1"``,
``"v10_28_oorzaak == 1 or v16_13 != 4"``) parsed by :func:`parse_condition`; nothing is ``eval``-ed.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from werkdruk_utils import paths

__all__ = [
    "ANALYSIS_GROUPS",
    "WEIGHTING_GROUPS",
    "COLUMN_KINDS",
    "MULTI_CODES",
    "CodebookError",
    "ColumnSpec",
    "Condition",
    "Scale",
    "Codebook",
    "parse_condition",
    "load_codebook",
]

ANALYSIS_GROUPS: tuple[str, ...] = (
    "schoolleider",
    "leraar",
    "onderwijsondersteunend personeel",
    "overig ondersteunend personeel",
)
WEIGHTING_GROUPS: tuple[str, ...] = ("schoolleider", "leerkracht", "overig")
COLUMN_KINDS: tuple[str, ...] = (
    "id",
    "single",
    "multi",
    "numeric",
    "werktijdfactor",
    "text",
    "email",
)
MULTI_CODES: dict[int, str] = {0: "niet aangevinkt", 1: "aangevinkt"}
ID_COLUMNS: tuple[str, ...] = ("respondent_id", "school_id")
LABEL_SEPARATOR = " — "

_MULTI_TYPES = ("multiple_choice", "numeric_constant_sum")
_GRID_SINGLE = "grid_single_choice_per_row"
_GRID_MULTI = "grid_multiple_response_per_row"
_PLAIN_KIND = {"werktijdfactor_text": "werktijdfactor", "free_text": "text", "email": "email"}


class CodebookError(ValueError):
    """The codebook file is inconsistent, or a request does not fit it."""


@dataclass(frozen=True)
class ColumnSpec:
    """One column of the raw respondents export.

    ``kind`` is one of :data:`COLUMN_KINDS`: ``'id'``, ``'single'`` (one code per row),
    ``'multi'`` (0/1 checkbox), ``'numeric'`` (v14_1..v14_3, 0-100), ``'werktijdfactor'`` (v3 free
    text), ``'text'`` and ``'email'``. ``shown_if`` is a routing expression (see
    :func:`parse_condition`) or ``None`` when the column is shown to everyone.
    """

    name: str
    question: int
    kind: str
    label: str
    codes: dict[int, str]
    personal: bool
    shown_if: str | None
    nonsubstantive: frozenset[int]
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Scale:
    """A scale of the report: the mean of ``items`` (codes ``minimum`` .. ``maximum``)."""

    name: str
    label_nl: str
    items: tuple[str, ...]
    minimum: int
    maximum: int
    caption_nl: str
    high_means: str = ""


# --------------------------------------------------------------------------------------------
# routing expressions
# --------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"\s*(?:(?P<int>-?\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>==|!=|[(),]))"
)
_KEYWORDS = ("in", "and", "or")


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    stripped = text.rstrip()
    while pos < len(stripped):
        match = _TOKEN_RE.match(stripped, pos)
        if match is None or match.end() == pos:
            raise CodebookError(
                f"cannot parse routing rule {text!r} at position {pos}: {stripped[pos:]!r}"
            )
        pos = match.end()
        if match.group("int") is not None:
            tokens.append(("int", match.group("int")))
        elif match.group("name") is not None:
            name = match.group("name")
            tokens.append(("kw", name) if name in _KEYWORDS else ("name", name))
        else:
            tokens.append(("op", match.group("op")))
    return tokens


class _Parser:
    """Recursive-descent parser for ``or``/``and`` of ``name == int``, ``name != int``, ``name in
    (ints)``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.pos = 0

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _take(self, kind: str, value: str | None = None) -> str:
        token = self._peek()
        if token is None or token[0] != kind or (value is not None and token[1] != value):
            want = value if value is not None else kind
            got = "end of rule" if token is None else repr(token[1])
            raise CodebookError(f"routing rule {self.text!r}: expected {want}, found {got}")
        self.pos += 1
        return token[1]

    def parse(self) -> tuple:
        if not self.tokens:
            raise CodebookError("empty routing rule")
        tree = self._or()
        if self._peek() is not None:
            raise CodebookError(f"routing rule {self.text!r}: unexpected {self._peek()[1]!r}")
        return tree

    def _or(self) -> tuple:
        parts = [self._and()]
        while self._peek() == ("kw", "or"):
            self.pos += 1
            parts.append(self._and())
        return parts[0] if len(parts) == 1 else ("or", tuple(parts))

    def _and(self) -> tuple:
        parts = [self._comparison()]
        while self._peek() == ("kw", "and"):
            self.pos += 1
            parts.append(self._comparison())
        return parts[0] if len(parts) == 1 else ("and", tuple(parts))

    def _comparison(self) -> tuple:
        name = self._take("name")
        token = self._peek()
        if token == ("op", "=="):
            self.pos += 1
            return ("eq", name, int(self._take("int")))
        if token == ("op", "!="):
            self.pos += 1
            return ("ne", name, int(self._take("int")))
        if token == ("kw", "in"):
            self.pos += 1
            self._take("op", "(")
            values = [int(self._take("int"))]
            while self._peek() == ("op", ","):
                self.pos += 1
                if self._peek() == ("op", ")"):
                    break
                values.append(int(self._take("int")))
            self._take("op", ")")
            return ("in", name, tuple(values))
        got = "end of rule" if token is None else repr(token[1])
        raise CodebookError(
            f"routing rule {self.text!r}: expected '==', '!=' or 'in' after {name!r}, found {got}"
        )


def _tree_variables(tree: tuple) -> tuple[str, ...]:
    if tree[0] in ("or", "and"):
        out: list[str] = []
        for part in tree[1]:
            out.extend(v for v in _tree_variables(part) if v not in out)
        return tuple(out)
    return (tree[1],)


@dataclass(frozen=True)
class Condition:
    """A parsed routing rule; :meth:`evaluate` gives a boolean Series (missing values -> False)."""

    text: str
    tree: tuple

    @property
    def variables(self) -> tuple[str, ...]:
        """Columns the rule refers to, in order of appearance."""
        return _tree_variables(self.tree)

    def evaluate(self, frame: pd.DataFrame) -> pd.Series:
        """Evaluate on ``frame``; values are read as numbers, a missing or non-numeric value never
        satisfies a test."""
        missing = [v for v in self.variables if v not in frame.columns]
        if missing:
            raise KeyError(
                f"routing rule {self.text!r} needs column(s) {missing} that the frame does not have"
            )
        return pd.Series(self._eval(self.tree, frame), index=frame.index, dtype=bool)

    def _eval(self, tree: tuple, frame: pd.DataFrame) -> np.ndarray:
        op = tree[0]
        if op == "or":
            return np.logical_or.reduce([self._eval(p, frame) for p in tree[1]])
        if op == "and":
            return np.logical_and.reduce([self._eval(p, frame) for p in tree[1]])
        values = pd.to_numeric(frame[tree[1]], errors="coerce").astype("float64").to_numpy()
        present = ~np.isnan(values)
        if op == "eq":
            return present & (values == tree[2])
        if op == "ne":
            return present & (values != tree[2])
        return present & np.isin(values, np.asarray(tree[2], dtype="float64"))


@functools.lru_cache(maxsize=256)
def parse_condition(text: str) -> Condition:
    """Parse a routing rule such as ``"v1 in (5, 16)"`` or ``"v19 in (3, 4, 5)"``.

    Grammar: ``rule := term ('or' term)*``, ``term := test ('and' test)*``,
    ``test := name '==' int | name '!=' int | name 'in' '(' int (',' int)* ')'``.
    """
    return Condition(text=text, tree=_Parser(text).parse())


# --------------------------------------------------------------------------------------------
# the codebook
# --------------------------------------------------------------------------------------------


ADDING_A_MEASUREMENT = "docs/adding_a_measurement.md"
MEASUREMENT_KEYS: tuple[str, ...] = (
    "current_school_year",
    "evaluated_school_year",
    "decision_school_year",
    "spending_school_years",
    "not_asked",
)
"""What every entry of the codebook's ``measurements:`` section holds."""
_SCHOOL_YEAR_RE = re.compile(r"(\d{4})-(\d{4})")


def _measurements(section: Any, path: Path | None) -> dict[int, dict[str, Any]]:
    """The ``measurements:`` section checked: four-digit years, every key of
    :data:`MEASUREMENT_KEYS`, school years written ``YYYY-YYYY`` (consecutive years)."""
    where = paths.display(path or paths.CODEBOOK_PATH)
    if not isinstance(section, Mapping) or not section:
        raise CodebookError(f"{where}: 'measurements:' lists no measurement")
    out: dict[int, dict[str, Any]] = {}
    problems: list[str] = []
    for key, entry in section.items():
        if not re.fullmatch(r"\d{4}", str(key)):
            problems.append(f"measurement {key!r}: the key must be a four-digit year")
            continue
        if not isinstance(entry, Mapping):
            problems.append(f"measurement {key}: expected the keys {', '.join(MEASUREMENT_KEYS)}")
            continue
        missing = [k for k in MEASUREMENT_KEYS if k not in entry]
        if missing:
            problems.append(f"measurement {key}: missing {', '.join(missing)}")
            continue
        spending = entry["spending_school_years"]
        if not isinstance(spending, list) or not spending:
            problems.append(f"measurement {key}: spending_school_years must be a non-empty list")
            continue
        school_years = [entry[k] for k in MEASUREMENT_KEYS[:3]] + list(spending)
        for school_year in school_years:
            match = _SCHOOL_YEAR_RE.fullmatch(str(school_year))
            if match is None or int(match.group(2)) != int(match.group(1)) + 1:
                problems.append(
                    f"measurement {key}: school year {school_year!r} is not written as "
                    "YYYY-YYYY (two consecutive years)"
                )
        if not isinstance(entry["not_asked"], list):
            problems.append(f"measurement {key}: not_asked must be a list (empty: [])")
        out[int(key)] = dict(entry)
    if problems:
        raise CodebookError(f"{where}: " + "; ".join(problems))
    return out


def unknown_measurement_message(
    year: object, known: Iterable[int], codebook_path: Path | None = None
) -> str:
    """The error for a measurement year the codebook does not list: what to add, and where."""
    where = paths.display(codebook_path or paths.CODEBOOK_PATH)
    listed = ", ".join(str(y) for y in known) or "none"
    return (
        f"measurement {year} is not in the codebook ({where} lists {listed}). To add it: an entry "
        f"'{year}:' under 'measurements:' in {where} (its school years and the items not asked), "
        f"its population figures (rows with measurement_year {year} in "
        f"{paths.display(paths.POPULATION_DIR / 'weighting_population.csv')}) and the exports in "
        f"<data>/{year}/; see {ADDING_A_MEASUREMENT}."
    )


def _school_year_suffix(school_year: str) -> str:
    return school_year.replace("-", "_")


class Codebook:
    """Year-aware view of ``data/codebook.yaml``."""

    ANALYSIS_GROUPS: tuple[str, ...] = ANALYSIS_GROUPS
    WEIGHTING_GROUPS: tuple[str, ...] = WEIGHTING_GROUPS

    def __init__(self, data: Mapping[str, Any], path: Path | None = None) -> None:
        self.path = path
        self.data: dict[str, Any] = copy.deepcopy(dict(data))
        for key in ("meta", "measurements", "routing", "scales", "functions", "questions"):
            if key not in self.data:
                raise CodebookError(f"codebook {path or ''} has no '{key}' section")
        self.meta: dict[str, Any] = self.data["meta"]
        self._measurements: dict[int, dict[str, Any]] = _measurements(
            self.data["measurements"], path
        )
        self.years: tuple[int, ...] = tuple(sorted(self._measurements))
        self._questions: dict[int, dict[str, Any]] = {
            int(q["number"]): q for q in self.data["questions"]
        }
        self.schoolleider_codes: tuple[int, ...] = tuple(
            self.data["routing"]["schoolleider"]["codes"]
        )
        self.scales: dict[str, Scale] = {
            name: Scale(
                name=name,
                label_nl=s["label_nl"],
                items=tuple(s["items"]),
                minimum=int(s["minimum"]),
                maximum=int(s["maximum"]),
                caption_nl=s["caption_nl"],
                high_means=s.get("high_means", ""),
            )
            for name, s in self.data["scales"].items()
        }
        self.functions: pd.DataFrame = pd.DataFrame(
            [
                {
                    "code": int(f["code"]),
                    "label": f["label"],
                    "analysis_group": f["analysis_group"],
                    "weighting_group": f["weighting_group"],
                    "inferred": bool(f["inferred"]),
                    "basis": f["basis"],
                }
                for f in self.data["functions"]
            ],
            columns=["code", "label", "analysis_group", "weighting_group", "inferred", "basis"],
        ).astype({"code": "int64", "inferred": "bool"})
        self._specs: dict[int, dict[str, ColumnSpec]] = {
            y: self._build_columns(y) for y in self.years
        }
        self._any_year: dict[str, ColumnSpec] = {}
        for year in self.years:
            self._any_year.update(self._specs[year])
        self._index_labels()
        self._validate()

    # ------------------------------------------------------------------ years

    def check_year(self, year: int) -> int:
        """``year`` as an int when the codebook lists it; else a :class:`CodebookError` that says
        what to add and where (docs/adding_a_measurement.md)."""
        try:
            year = int(year)
        except (TypeError, ValueError):
            raise CodebookError(
                f"a measurement year is a number such as {self.years[-1]}, got {year!r}"
            ) from None
        if year not in self._measurements:
            raise CodebookError(unknown_measurement_message(year, self.years, self.path))
        return year

    def school_years(self, year: int) -> dict[str, object]:
        """School years named in the questionnaire of a measurement.

        ``{'current': '2023-2024', 'evaluated': '2022-2023', 'decision': '2022-2023', 'spending':
        ['2023-2024']}``
        """
        m = self._measurements[self.check_year(year)]
        return {
            "current": m["current_school_year"],
            "evaluated": m["evaluated_school_year"],
            "decision": m["decision_school_year"],
            "spending": list(m["spending_school_years"]),
        }

    def not_asked(self, year: int) -> tuple[str, ...]:
        """Items (option/row ids such as ``'v7_27'``, ``'v10_27'``) not asked in that
        measurement."""
        return tuple(self._measurements[self.check_year(year)]["not_asked"])

    def placeholders(self, year: int) -> dict[str, str]:
        """Values of the ``{...}`` placeholders used by the ``*_template`` texts."""
        sy = self.school_years(year)
        spending = list(sy["spending"])  # type: ignore[arg-type]
        return {
            "current_school_year": str(sy["current"]),
            "evaluated_school_year": str(sy["evaluated"]),
            "decision_school_year": str(sy["decision"]),
            "spending_school_years": " en ".join(spending),
            "spending_school_year": spending[0] if len(spending) == 1 else " en ".join(spending),
        }

    def _render(self, entry: Mapping[str, Any], key: str, year: int | None, **extra: str) -> str:
        template = entry.get(f"{key}_template")
        if year is None or template is None:
            return str(entry[key])
        values = self.placeholders(year)
        values.update(extra)
        return template.format_map(values)

    # ------------------------------------------------------------------ questions

    def question(self, number: int) -> dict[str, Any]:
        """A copy of the codebook entry of question ``number`` (1..25)."""
        if int(number) not in self._questions:
            raise CodebookError(f"no question {number}; questions are 1..{max(self._questions)}")
        return copy.deepcopy(self._questions[int(number)])

    @property
    def question_numbers(self) -> tuple[int, ...]:
        return tuple(sorted(self._questions))

    def question_text(self, number: int, year: int | None = None) -> str:
        """Question text; with ``year`` the school years of that measurement are filled in."""
        q = self._questions.get(int(number))
        if q is None:
            raise CodebookError(f"no question {number}")
        return self._render(q, "text", None if year is None else self.check_year(year))

    # ------------------------------------------------------------------ columns

    def _build_columns(self, year: int) -> dict[str, ColumnSpec]:
        """Every column of the respondents export of ``year``, in export order."""
        specs: list[ColumnSpec] = [
            ColumnSpec(
                name=c,
                question=0,
                kind="id",
                label=c,
                codes={},
                personal=False,
                shown_if=None,
                nonsubstantive=frozenset(),
            )
            for c in ID_COLUMNS
        ]
        for number in sorted(self._questions):
            q = self._questions[number]
            builder = self._COLUMN_BUILDERS.get(q["type"])
            if builder is None and q["type"] not in _PLAIN_KIND:
                raise CodebookError(f"question {number}: unknown type {q['type']!r}")
            text = self._render(q, "text", year)
            shown = (q.get("routing") or {}).get("shown_if")
            build = getattr(self, builder or "_plain_columns")
            specs += build(number, q, year, text, shown)
            specs += self._open_text_columns(number, q, text)
        out: dict[str, ColumnSpec] = {}
        for spec in specs:
            if spec.name in out:
                raise CodebookError(f"column {spec.name!r} defined twice for {year}")
            out[spec.name] = spec
        return out

    _COLUMN_BUILDERS: dict[str, str] = {
        "single_choice": "_single_columns",
        "multiple_choice": "_multi_columns",
        "numeric_constant_sum": "_multi_columns",
        _GRID_SINGLE: "_grid_single_columns",
        _GRID_MULTI: "_grid_multi_columns",
    }

    def _single_columns(
        self, number: int, q: Mapping[str, Any], year: int, text: str, shown: str | None
    ) -> list[ColumnSpec]:
        return [
            ColumnSpec(
                name=q["variable"],
                question=number,
                kind="single",
                label=text,
                codes={int(o["code"]): self._render(o, "label", year) for o in q["options"]},
                personal=False,
                shown_if=shown,
                nonsubstantive=frozenset(
                    int(o["code"]) for o in q["options"] if o.get("nonsubstantive")
                ),
            )
        ]

    def _multi_columns(
        self, number: int, q: Mapping[str, Any], year: int, text: str, shown: str | None
    ) -> list[ColumnSpec]:
        not_asked = set(self._measurements[year]["not_asked"])
        specs = []
        for o in q["options"]:
            if o["variable"] in not_asked:
                continue
            kind = o.get("kind", "multi")
            specs.append(
                ColumnSpec(
                    name=o["variable"],
                    question=number,
                    kind=kind,
                    label=f"{text}{LABEL_SEPARATOR}{self._render(o, 'label', year)}",
                    codes=dict(MULTI_CODES) if kind == "multi" else {},
                    personal=False,
                    shown_if=shown,
                    nonsubstantive=frozenset({1}) if o.get("nonsubstantive") else frozenset(),
                    minimum=o.get("minimum"),
                    maximum=o.get("maximum"),
                )
            )
        return specs

    def _grid_single_columns(
        self, number: int, q: Mapping[str, Any], year: int, text: str, shown: str | None
    ) -> list[ColumnSpec]:
        not_asked = set(self._measurements[year]["not_asked"])
        codes = {int(c["code"]): c["label"] for c in q["columns"]}
        nonsub = frozenset(int(c["code"]) for c in q["columns"] if c.get("nonsubstantive"))
        return [
            ColumnSpec(
                name=r["variable"],
                question=number,
                kind="single",
                label=f"{text}{LABEL_SEPARATOR}{r['label']}",
                codes=dict(codes),
                personal=False,
                shown_if=shown,
                nonsubstantive=nonsub,
            )
            for r in q["rows"]
            if r["variable"] not in not_asked
        ]

    def _grid_multi_columns(
        self, number: int, q: Mapping[str, Any], year: int, text: str, shown: str | None
    ) -> list[ColumnSpec]:
        """One 0/1 column per row x column of the grid; a column marked
        ``one_per_spending_school_year`` once per spending school year of the measurement."""
        not_asked = set(self._measurements[year]["not_asked"])
        spending = list(self._measurements[year]["spending_school_years"])
        specs = []
        for r in q["rows"]:
            if r["variable"] in not_asked:
                continue
            for c in q["columns"]:
                for sy in spending if c.get("one_per_spending_school_year") else [None]:
                    if sy is None:
                        name, col_label = f"{r['variable']}_{c['key']}", c["label"]
                    else:
                        name = f"{r['variable']}_{c['key']}_{_school_year_suffix(sy)}"
                        col_label = c["label_template"].format(spending_school_year=sy)
                    specs.append(
                        ColumnSpec(
                            name=name,
                            question=number,
                            kind="multi",
                            label=LABEL_SEPARATOR.join((text, r["label"], col_label)),
                            codes=dict(MULTI_CODES),
                            personal=False,
                            shown_if=shown,
                            nonsubstantive=frozenset({1})
                            if c.get("nonsubstantive")
                            else frozenset(),
                        )
                    )
        return specs

    def _plain_columns(
        self, number: int, q: Mapping[str, Any], year: int, text: str, shown: str | None
    ) -> list[ColumnSpec]:
        kind = _PLAIN_KIND[q["type"]]
        return [
            ColumnSpec(
                name=q["variable"],
                question=number,
                kind=kind,
                label=text,
                codes={},
                personal=bool(q.get("personal", kind in ("text", "email"))),
                shown_if=shown,
                nonsubstantive=frozenset(),
            )
        ]

    def _open_text_columns(self, number: int, q: Mapping[str, Any], text: str) -> list[ColumnSpec]:
        """The open-text fields of 'Anders, namelijk' options and rows."""
        specs = []
        for field in q.get("open_text_fields", []) or []:
            if "option" in field:
                anchor = next(o for o in q["options"] if int(o["code"]) == int(field["option"]))
            else:
                anchor = next(r for r in q["rows"] if int(r["item"]) == int(field["row"]))
            specs.append(
                ColumnSpec(
                    name=field["variable"],
                    question=number,
                    kind=field["kind"],
                    label=f"{text}{LABEL_SEPARATOR}{anchor['label']} (open antwoord)",
                    codes={},
                    personal=bool(field.get("personal", True)),
                    shown_if=field.get("shown_if"),
                    nonsubstantive=frozenset(),
                )
            )
        return specs

    def columns(self, year: int) -> list[str]:
        """Ordered expected columns of the respondents export of ``year`` (ids and personal columns
        included)."""
        return list(self._specs[self.check_year(year)])

    def column_spec(self, year: int) -> dict[str, ColumnSpec]:
        """Column name -> :class:`ColumnSpec` for ``year``, in export order."""
        return dict(self._specs[self.check_year(year)])

    def personal_columns(self, year: int) -> list[str]:
        """Free-text and e-mail columns of ``year``: they must be dropped at load."""
        return [name for name, spec in self._specs[self.check_year(year)].items() if spec.personal]

    def coded_columns(self, year: int) -> list[str]:
        """Columns holding codes or numbers (kinds single, multi, numeric)."""
        return [
            n
            for n, s in self._specs[self.check_year(year)].items()
            if s.kind in ("single", "multi", "numeric")
        ]

    def spec(self, column: str) -> ColumnSpec:
        """The spec of a column of any measurement (the latest year that has it)."""
        try:
            return self._any_year[column]
        except KeyError:
            raise KeyError(
                f"{column!r} is not a column of any measurement in the codebook"
            ) from None

    # ------------------------------------------------------------------ labels

    def _index_labels(self) -> None:
        """Build variable -> (codes, label, report entries) indexes for labels() and
        report_label()."""
        self._codes: dict[str, dict[int, str]] = {}
        self._var_label: dict[str, str] = {}
        # variable -> (entry, key) for templates
        self._var_entry: dict[str, tuple[Mapping[str, Any], str]] = {}
        self._report: dict[tuple[str, int | None], list[dict[str, Any]]] = {}
        self._variants: dict[tuple[str, int | None], list[dict[str, Any]]] = {}
        for q in self._questions.values():
            self._index_question(q)
        self._index_q10_cells()

    def _add_report(self, key: tuple[str, int | None], entry: Mapping[str, Any]) -> None:
        if entry.get("report_labels"):
            self._report.setdefault(key, []).extend(entry["report_labels"])
        if entry.get("report_variants"):
            self._variants.setdefault(key, []).extend(entry["report_variants"])

    def _index_entry(self, variable: str, entry: Mapping[str, Any], key: str) -> None:
        """A variable with its own label (an option column or a grid row)."""
        self._add_report((variable, None), entry)
        self._var_label[variable] = entry[key]
        self._var_entry[variable] = (entry, key)

    def _index_question(self, q: Mapping[str, Any]) -> None:
        stem = q["variable"]
        self._var_label[stem] = q["text"]
        self._var_entry[stem] = (q, "text")
        self._add_report((stem, None), q)
        qtype = q["type"]
        if qtype == "single_choice" or qtype in _MULTI_TYPES:
            self._codes[stem] = {int(o["code"]): o["label"] for o in q["options"]}
            for o in q["options"]:
                self._add_report((stem, int(o["code"])), o)
                if qtype in _MULTI_TYPES:
                    self._index_entry(o["variable"], o, "label")
                    if o.get("kind", "multi") == "multi":
                        self._codes[o["variable"]] = dict(MULTI_CODES)
        elif qtype in (_GRID_SINGLE, _GRID_MULTI):
            self._codes[stem] = {int(r["item"]): r["label"] for r in q["rows"]}
            col_codes = {int(c["code"]): c["label"] for c in q["columns"]}
            for r in q["rows"]:
                self._add_report((stem, int(r["item"])), r)
                self._index_entry(r["variable"], r, "label")
                self._codes[r["variable"]] = dict(col_codes)
                if qtype == _GRID_SINGLE:
                    for c in q["columns"]:
                        self._add_report((r["variable"], int(c["code"])), c)

    def _index_q10_cells(self) -> None:
        """Cells of the Q10 grid take the row's label (tables print rows); other columns without
        an entry of their own take their spec's label and codes."""
        for name, spec in self._any_year.items():
            if name in self._var_label:
                continue
            match = re.fullmatch(r"(v10_\d+)_(oorzaak|nvt|besteed_\d{4}_\d{4})", name)
            if match:
                row = match.group(1)
                self._var_label[name] = self._var_label[row]
                self._var_entry[name] = self._var_entry[row]
                if (row, None) in self._report:
                    self._report[(name, None)] = self._report[(row, None)]
                if (row, None) in self._variants:
                    self._variants[(name, None)] = self._variants[(row, None)]
                self._codes[name] = dict(MULTI_CODES)
            else:
                self._var_label[name] = spec.label
                if spec.codes:
                    self._codes[name] = dict(spec.codes)

    def labels(self, variable: str) -> dict[int, str]:
        """Code -> Dutch label for a single-choice variable or grid row (``'v4'``, ``'v6_2'``).

        Also: 0/1 checkbox columns (``{0: 'niet aangevinkt', 1: 'aangevinkt'}``) and question stems
        of
        multiple-choice questions and grids (``'v11'`` -> options, ``'v10'`` -> rows).
        """
        if variable not in self._codes:
            raise KeyError(f"{variable!r} has no coded answers in the codebook")
        return dict(self._codes[variable])

    def label(self, variable: str, code: int) -> str:
        """Dutch label of ``code`` of ``variable`` (as printed in the questionnaire)."""
        codes = self.labels(variable)
        try:
            return codes[int(code)]
        except (KeyError, ValueError, TypeError):
            raise KeyError(
                f"{code!r} is not a code of {variable!r}; codes are {sorted(codes)}"
            ) from None

    def variable_label(self, variable: str, year: int | None = None) -> str:
        """Label of a question stem (question text), option column, grid row or Q10 cell (row
        label)."""
        if variable not in self._var_label:
            raise KeyError(f"{variable!r} is not a variable of the codebook")
        if year is not None and variable in self._var_entry:
            entry, key = self._var_entry[variable]
            return self._render(entry, key, self.check_year(year))
        return self._var_label[variable]

    def report_label(
        self,
        variable: str,
        code: int | None = None,
        *,
        year: int | None = None,
        source: str | None = None,
    ) -> str:
        """The report's wording of a variable (``code=None``) or of one of its codes.

        Falls back to the questionnaire label when the report does not print a different one.
        ``source`` (e.g. ``'Tabel 5.1'``) picks the wording of one table; ``year`` fills in the
        school
        years of that measurement in year-dependent wordings (e.g. Tabel 3.1).
        """
        key = (variable, None if code is None else int(code))
        entries = self._report.get(key, [])
        if source is not None:
            entries = [e for e in entries if source in e.get("sources", [])]
        if entries:
            entry = entries[0]
            if year is not None and entry.get("template"):
                return entry["template"].format_map(self.placeholders(self.check_year(year)))
            return entry["label"]
        if code is None:
            return self.variable_label(variable, year)
        if year is not None:
            rendered = self._rendered_option(variable, int(code), self.check_year(year))
            if rendered is not None:
                return rendered
        return self.label(variable, code)

    def _rendered_option(self, variable: str, code: int, year: int) -> str | None:
        for q in self._questions.values():
            if q["variable"] == variable and "options" in q:
                for o in q["options"]:
                    if int(o["code"]) == code:
                        return self._render(o, "label", year)
        return None

    def report_label_variants(self, variable: str, code: int | None = None) -> list[str]:
        """Every wording of a label found in the report: label, report labels, truncated/starred
        table forms."""
        key = (variable, None if code is None else int(code))
        out = [self.label(variable, code) if code is not None else self.variable_label(variable)]
        for e in self._report.get(key, []) + self._variants.get(key, []):
            if e["label"] not in out:
                out.append(e["label"])
        return out

    # ------------------------------------------------------------------ routing

    def shown_mask(self, frame: pd.DataFrame, column: str) -> pd.Series:
        """Boolean Series: was ``column`` shown to each row of ``frame``?

        Evaluates the column's ``shown_if`` on the coded columns of ``frame``; a missing value in a
        condition column means 'not shown'. Columns without routing are shown to every row.
        """
        spec = self.spec(column)
        if spec.shown_if is None:
            return pd.Series(True, index=frame.index, dtype=bool)
        return parse_condition(spec.shown_if).evaluate(frame)

    # ------------------------------------------------------------------ years of an export

    def year_of_columns(self, columns: Iterable[str]) -> int | None:
        """The measurement whose questionnaire fits a set of column names best.

        Fit = Jaccard similarity between the given names (stripped, lower case) and the expected
        columns of each year, restricted to the questions the given names touch (so an export
        without
        Q10 is compared on the other questions only). The years differ in the Q10 spending columns
        (``_besteed_<YYYY_YYYY>``) and in the items not asked in 2022 (v7_27, v10_27_*, v16_12).
        Returns ``None`` when nothing beyond the id columns matches or when the best fit is tied.
        """
        given = {str(c).strip().lower() for c in columns}
        known = {c for c in given if c in self._any_year and c not in ID_COLUMNS}
        if not known:
            return None
        domain = {self._any_year[c].question for c in known} | {0}
        scores: dict[int, float] = {}
        for year in self.years:
            expected = {n for n, s in self._specs[year].items() if s.question in domain}
            if not (given & expected) - set(ID_COLUMNS):
                continue
            scores[year] = len(given & expected) / len(given | expected)
        if not scores:
            return None
        best = max(scores.values())
        winners = [y for y, s in scores.items() if s == best]
        return winners[0] if len(winners) == 1 else None

    # ------------------------------------------------------------------ functions

    def analysis_group(self, code: int) -> str:
        """Analysis group of a v1 code."""
        return str(self._function_row(code)["analysis_group"])

    def weighting_group(self, code: int) -> str:
        """Weighting group (Tabel B1.8) of a v1 code."""
        return str(self._function_row(code)["weighting_group"])

    def _function_row(self, code: int) -> pd.Series:
        rows = self.functions.loc[self.functions["code"] == int(code)]
        if rows.empty:
            raise KeyError(f"{code!r} is not a code of v1 (1..{self.functions['code'].max()})")
        return rows.iloc[0]

    # ------------------------------------------------------------------ validation

    def _validate(self) -> None:
        problems = self._function_problems() + self._routing_problems()
        for scale in self.scales.values():
            for item in scale.items:
                if any(item not in specs for specs in self._specs.values()):
                    problems.append(f"scale {scale.name}: item {item!r} missing in some year")
        if problems:
            raise CodebookError("codebook is inconsistent:\n  " + "\n  ".join(problems))

    def _function_problems(self) -> list[str]:
        problems: list[str] = []
        if sorted(self._questions) != list(range(1, len(self._questions) + 1)):
            problems.append(f"questions are not numbered 1..n: {sorted(self._questions)}")
        v1_codes = set(self._codes.get("v1", {}))
        fn_codes = self.functions["code"].tolist()
        if sorted(fn_codes) != sorted(v1_codes) or len(fn_codes) != len(set(fn_codes)):
            problems.append(
                f"functions must map every v1 code exactly once: {sorted(fn_codes)} vs "
                f"{sorted(v1_codes)}"
            )
        bad_a = set(self.functions["analysis_group"]) - set(ANALYSIS_GROUPS)
        bad_w = set(self.functions["weighting_group"]) - set(WEIGHTING_GROUPS)
        if bad_a or bad_w:
            problems.append(
                f"unknown analysis groups {sorted(bad_a)} / weighting groups {sorted(bad_w)}"
            )
        return problems

    def _routing_problems(self) -> list[str]:
        """Kinds known, and every routing rule parsable and referring to coded columns of the
        same year."""
        problems: list[str] = []
        for year, specs in self._specs.items():
            for name, spec in specs.items():
                if spec.kind not in COLUMN_KINDS:
                    problems.append(f"{year} {name}: unknown kind {spec.kind!r}")
                if spec.shown_if is None:
                    continue
                try:
                    cond = parse_condition(spec.shown_if)
                except CodebookError as exc:
                    problems.append(f"{year} {name}: {exc}")
                    continue
                problems += [
                    f"{year} {name}: routing refers to {var!r}, not a coded column of {year}"
                    for var in cond.variables
                    if var not in specs or specs[var].kind not in ("single", "multi", "numeric")
                ]
        return problems


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it (five times faster), else the pure-Python one."""


@functools.lru_cache(maxsize=8)
def _load_cached(resolved: str) -> Codebook:
    path = Path(resolved)
    if not path.exists():
        raise FileNotFoundError(f"codebook not found: {path}")
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_YAML_LOADER)
    if not isinstance(data, dict):
        raise CodebookError(f"codebook {path} does not hold a mapping")
    return Codebook(data, path)


def load_codebook(path: Path | None = None) -> Codebook:
    """Read and check the codebook (cached per path); default
    :data:`werkdruk_utils.paths.CODEBOOK_PATH`."""
    return _load_cached(str(Path(path if path is not None else paths.CODEBOOK_PATH).resolve()))
