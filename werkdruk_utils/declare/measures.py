"""What is estimated per respondent: the measures of the declaration vocabulary.

A measure names a question (or scale) of the codebook and says which answers count and which
answers are in the base (the missing-answer rule). It yields one or more *rows*: a category label
as the report prints it, a per-respondent value (1 / 0 / missing for a percentage, a score for a
mean) and identifying columns (``code``, ``item``, ``field``) that the tidy results carry.

Answers are named by their Dutch labels, never by code numbers: ``("Ja, altijd", "Ja, soms")``
or a fragment that occurs in exactly the answers meant (``"gedaald"`` picks 'sterk gedaald' and
'enigszins gedaald' of question 19). A fragment that matches nothing, or a row fragment that
matches more than one answer, is an error naming the question and its answers.

The missing-answer rule (one rule everywhere, see :mod:`werkdruk_utils.stats.analysis`): item
non-response is never in the base; ``base`` says which answers are (default: every answer).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from werkdruk_utils.inputs.codebook import Codebook, load_codebook
from werkdruk_utils.stats import scales

SCALE_THRESHOLD = 2.5
"""The report's threshold on a scale mean (Figuur 5.2: '>= 2,5 op schaal')."""


class DeclarationError(ValueError):
    """A declaration names a question, answer, scale or option the codebook does not have."""


# ----------------------------------------------------------------------------------------------
# answers by label


@dataclass(frozen=True)
class Answered:
    """A base of some answers only: those matching ``fragments`` (``keep``) or all but those."""

    fragments: tuple[str, ...]
    keep: bool

    @property
    def description(self) -> str:
        quoted = [f"'{f}'" for f in self.fragments]
        return ("onder " + " of ".join(quoted)) if self.keep else ("zonder " + " en ".join(quoted))


def without(*fragments: str) -> Answered:
    """Base rule: every answer except those whose label contains one of ``fragments``."""
    return Answered(tuple(fragments), keep=False)


def among(*fragments: str) -> Answered:
    """Base rule: only the answers whose label contains one of ``fragments``."""
    return Answered(tuple(fragments), keep=True)


EVERY_ANSWER = "every answer"
"""Base rule: every respondent who gave an answer (item non-response is left out)."""
WHOLE_POPULATION = "whole population"
"""Base rule (checkboxes): every respondent of the population; an unticked or empty box counts 0."""

Base = str | Answered


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().lower()


def matching(labels: dict, fragments: Sequence[str], *, what: str, single: bool) -> list:
    """The keys of ``labels`` whose label equals or contains a fragment, in ``fragments`` order.

    An exact (case-insensitive) label match wins over containment. With ``single`` each fragment
    must match exactly one label (a row of a table); otherwise at least one (a set of answers).
    """
    out: list = []
    for fragment in fragments:
        wanted = _normal(fragment)
        exact = [k for k, v in labels.items() if _normal(v) == wanted]
        hits = exact or [k for k, v in labels.items() if wanted in _normal(v)]
        if not hits or (single and len(hits) > 1):
            found = "none" if not hits else f"{len(hits)}: " + "; ".join(labels[k] for k in hits)
            raise DeclarationError(
                f"{what}: '{fragment}' must match {'exactly one' if single else 'an'} answer, "
                f"matches {found}; answers are {list(labels.values())}"
            )
        out += [k for k in hits if k not in out]
    return out


def _base_keys(labels: dict, base: Base, what: str) -> list | None:
    """The answer keys in the base (None: every answer)."""
    if isinstance(base, Answered):
        named = set(matching(labels, base.fragments, what=what, single=False))
        return [k for k in labels if (k in named) == base.keep]
    if base in (EVERY_ANSWER, WHOLE_POPULATION):
        return None
    raise DeclarationError(
        f"{what}: unknown base {base!r}; use EVERY_ANSWER, WHOLE_POPULATION, without(...) or "
        "among(...)"
    )


# ----------------------------------------------------------------------------------------------
# per-respondent values (vectorised; 1 / 0 / missing)


_COLUMNS: dict[tuple[int, str], tuple[weakref.ref, tuple, np.ndarray]] = {}
_COLUMNS_SIZE = 8192


def _codes(frame: pd.DataFrame, column: str) -> np.ndarray:
    """``column`` as floats (missing: NaN), converted once per frame object and column (a measure
    reads the same boxes for every row it yields); treat the array as read-only."""
    key, state = (id(frame), column), _state(frame)
    entry = _COLUMNS.get(key)
    if entry is not None and entry[0]() is frame and entry[1] == state:
        return entry[2]
    values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if len(_COLUMNS) >= _COLUMNS_SIZE:
        _COLUMNS.pop(next(iter(_COLUMNS)))
    _COLUMNS[key] = (weakref.ref(frame), state, values)
    return values


def _state(frame: pd.DataFrame) -> tuple:
    """What identifies the contents of a frame object: its length and data blocks."""
    blocks = getattr(getattr(frame, "_mgr", None), "blocks", ())
    return (len(frame), tuple(id(getattr(b, "values", b)) for b in blocks))


def _ticked(frame: pd.DataFrame, column: str) -> np.ndarray:
    return np.nan_to_num(_codes(frame, column), nan=0.0) == 1.0


def _any_ticked(frame: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    out = np.zeros(len(frame), dtype=bool)
    for column in columns:
        out |= _ticked(frame, column)
    return out


def code_values(column: str, counts: Sequence[int], base: Sequence[int] | None) -> Callable:
    """1 where ``column`` holds one of ``counts``, 0 for the other codes of the base, else
    missing."""
    counts, base = list(counts), None if base is None else list(base)

    def values(frame: pd.DataFrame) -> pd.Series:
        codes = _codes(frame, column)
        in_base = ~np.isnan(codes) if base is None else np.isin(codes, base)
        out = np.where(in_base, np.isin(codes, counts).astype(float), np.nan)
        return pd.Series(out, index=frame.index)

    return values


def ticked_values(
    columns: Sequence[str], base_columns: Sequence[str] | None, exclude: str | None = None
) -> Callable:
    """1 where any of ``columns`` is ticked, 0 otherwise; missing where none of ``base_columns``
    is ticked (did not answer; ``None``: the whole population is the base) or ``exclude`` is."""

    def values(frame: pd.DataFrame) -> pd.Series:
        out = _any_ticked(frame, columns).astype(float)
        if base_columns is not None:
            out = np.where(_any_ticked(frame, base_columns), out, np.nan)
        if exclude is not None:
            out = np.where(_ticked(frame, exclude), np.nan, out)
        return pd.Series(out, index=frame.index)

    return values


def field_values(column: str, exclude: str | None = None) -> Callable:
    """The number filled in, missing where empty or where ``exclude`` is ticked."""

    def values(frame: pd.DataFrame) -> pd.Series:
        out = _codes(frame, column)
        if exclude is not None:
            out = np.where(_ticked(frame, exclude), np.nan, out)
        return pd.Series(out, index=frame.index)

    return values


def scale_values(items: Sequence[str], threshold: float | None = None) -> Callable:
    """The scale score (mean of the answered items, at least two thirds answered), or 1 / 0 for
    a score at or above ``threshold``."""

    def values(frame: pd.DataFrame) -> pd.Series:
        score = scales.scale_score(frame, items)
        return score if threshold is None else scales.at_least(score, threshold)

    return values


# ----------------------------------------------------------------------------------------------
# measures


@dataclass(frozen=True)
class Row:
    """One row of a measure in one measurement year."""

    variable: str
    category: str
    values: Callable[[pd.DataFrame], pd.Series]
    statistic: str = "percent"
    extra: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Context:
    """What a measure needs to make its rows: the codebook, the year of the data, the run year
    (whose wording labels year-dependent answers) and the columns present."""

    codebook: Codebook
    year: int
    run_year: int
    columns: frozenset[str]


def _numbered(ctx: Context, prefix: str, suffix: str = "") -> list[tuple[int, str]]:
    """(number, column) of the option or grid-row columns ``<prefix>_<n><suffix>`` of the year."""
    pattern = re.compile(rf"^{re.escape(prefix)}_(\d+){re.escape(suffix)}$")
    found = [
        (int(m.group(1)), c) for c in ctx.codebook.columns(ctx.year) if (m := pattern.match(c))
    ]
    return sorted((n, c) for n, c in found if c in ctx.columns)


def _check_question(codebook: Codebook, question: str) -> None:
    try:
        codebook.labels(question)
    except KeyError:
        raise DeclarationError(f"{question!r} is not a coded question of the codebook") from None


@dataclass(frozen=True)
class Answers:
    """Percentage per answer of a single-choice question (one row per answer).

    ``answers``: the rows, by label (fragments; default every answer in questionnaire order).
    ``base``: who is in the base (default every answer; ``without("Weet ik niet")``).
    ``wording``: ``"codebook"`` or ``"run_year"`` (labels with the school years of the run's
    measurement, as Tabel 3.1 and Figuur 3.2 print them). ``key``: the column naming the answer
    code in the results (``None``: none).
    """

    question: str
    answers: tuple[str, ...] | None = None
    base: Base = EVERY_ANSWER
    wording: str = "codebook"
    key: str | None = "code"

    def codes(self, codebook: Codebook) -> tuple[list[int], list[int] | None]:
        _check_question(codebook, self.question)
        labels = codebook.labels(self.question)
        base = _base_keys(labels, self.base, self.question)
        if self.answers is None:
            rows = list(base) if base is not None else list(labels)
        else:
            rows = matching(labels, self.answers, what=self.question, single=True)
        return rows, base

    def rows(self, ctx: Context) -> Iterator[Row]:
        rows, base = self.codes(ctx.codebook)
        year = ctx.run_year if self.wording == "run_year" else None
        for code in rows:
            label = ctx.codebook.report_label(self.question, code, year=year)
            extra = ((self.key, code),) if self.key else ()
            yield Row(self.question, label, code_values(self.question, [code], base), extra=extra)

    @property
    def description(self) -> str:
        return f"vraag {self.question}, verdeling over de antwoorden"


@dataclass(frozen=True)
class Share:
    """Percentage giving one of ``answers`` (labels or fragments) of a question, a grid row or a
    scale item, among the base; one row labelled ``label`` (default: the report label of the one
    answer counted, or of the question when several are)."""

    question: str
    answers: tuple[str, ...]
    base: Base = EVERY_ANSWER
    label: str | None = None
    variable: str | None = None

    @property
    def variable_name(self) -> str:
        return self.variable or self.question

    def codes(self, codebook: Codebook) -> tuple[list[int], list[int] | None]:
        """The answer codes counted and the codes in the base (None: every answer)."""
        _check_question(codebook, self.question)
        labels = codebook.labels(self.question)
        counts = matching(labels, self.answers, what=self.question, single=False)
        return counts, _base_keys(labels, self.base, self.question)

    def rows(self, ctx: Context) -> Iterator[Row]:
        counts, base = self.codes(ctx.codebook)
        label = self.label
        if label is None:
            code = counts[0] if len(counts) == 1 else None
            label = ctx.codebook.report_label(self.question, code)
        yield Row(self.variable_name, label, code_values(self.question, counts, base))

    @property
    def description(self) -> str:
        return f"vraag {self.question}: {' of '.join(self.answers)}"


@dataclass(frozen=True)
class Ticked:
    """Percentage ticking each option of a multiple-response question (one row per option).

    ``column``: for the Q10 grid, which column of each row (``"oorzaak"``, or ``"besteed"`` for
    every school year the measurement asks about: the rows then carry the school year as group).
    ``options``: the rows by label (default every option of the base). ``base``:
    :data:`EVERY_ANSWER` (who ticked at least one box of the question; of a grid: of the whole
    grid), ``without(...)`` (who ticked an option other than those) or :data:`WHOLE_POPULATION`
    (an unticked or empty box counts as 0). ``key``: the column naming the option number in the
    results (``None``: none).
    """

    question: str
    column: str | None = None
    options: tuple[str, ...] | None = None
    base: Base = EVERY_ANSWER
    key: str | None = "item"
    variable: str | None = None

    def _columns(self, ctx: Context) -> list[tuple[int, str]]:
        if self.column is None:
            return _numbered(ctx, self.question)
        if self.column == "besteed":
            return [
                (n, c)
                for school_year in ctx.codebook.school_years(ctx.year)["spending"]
                for n, c in _numbered(
                    ctx, self.question, f"_besteed_{school_year.replace('-', '_')}"
                )
            ]
        return _numbered(ctx, self.question, f"_{self.column}")

    def rows(self, ctx: Context) -> Iterator[Row]:
        columns = self._columns(ctx)
        if not columns:
            raise DeclarationError(f"{self.question}: no option columns in {ctx.year}")
        labels = {c: ctx.codebook.report_label(c) for _, c in columns}
        numbers = {c: n for n, c in columns}
        base_columns = _base_columns(ctx, self.question, self.column, labels, self.base)
        shown = [c for c in labels if base_columns is None or c in base_columns]
        if self.column is not None:
            shown = list(labels)
        if self.options is not None:
            shown = matching(labels, self.options, what=self.question, single=True)
        for column in shown:
            extra: list[tuple[str, object]] = []
            if self.column == "besteed":
                school_year = column.rsplit("_besteed_", 1)[1].replace("_", "-")
                extra += [("group", school_year), ("group_var", "schooljaar")]
            if self.key:
                extra.append((self.key, numbers[column]))
            yield Row(
                self.variable or self.question,
                labels[column],
                ticked_values([column], base_columns),
                extra=tuple(extra),
            )

    @property
    def description(self) -> str:
        return f"vraag {self.question}, aangevinkte opties (meer antwoorden mogelijk)"


def _base_columns(
    ctx: Context, question: str, grid_column: str | None, labels: dict, base: Base
) -> list[str] | None:
    """The boxes of which at least one must be ticked to be in the base (None: everyone)."""
    if base == WHOLE_POPULATION:
        return None
    if grid_column is not None:  # a grid: any box of the whole grid
        return [
            c
            for c in ctx.codebook.columns(ctx.year)
            if c.startswith(f"{question}_") and c != f"{question}_anders" and c in ctx.columns
        ]
    return list(_base_keys(labels, base, question) or labels)


@dataclass(frozen=True)
class AnyTicked:
    """Percentage ticking at least one of ``options`` of a multiple-response question, among
    the base (as :class:`Ticked`); one row labelled ``label``."""

    question: str
    options: tuple[str, ...]
    label: str
    base: Base = EVERY_ANSWER
    variable: str | None = None

    def rows(self, ctx: Context) -> Iterator[Row]:
        labels = {c: ctx.codebook.report_label(c) for _, c in _numbered(ctx, self.question)}
        chosen = matching(labels, self.options, what=self.question, single=True)
        base_columns = _base_columns(ctx, self.question, None, labels, self.base)
        yield Row(self.variable or self.question, self.label, ticked_values(chosen, base_columns))

    @property
    def description(self) -> str:
        return f"vraag {self.question}: {' of '.join(self.options)} aangevinkt"


@dataclass(frozen=True)
class GridRows:
    """Percentage giving one of ``answers`` on each row of a grid question (one row per grid
    row): Q16 'besproken' among the schools where the function exists."""

    question: str
    answers: tuple[str, ...]
    base: Base = EVERY_ANSWER
    exclude_rows: tuple[str, ...] = ()
    key: str | None = "item"
    variable: str | None = None

    def rows(self, ctx: Context) -> Iterator[Row]:
        columns = _numbered(ctx, self.question)
        labels = {c: ctx.codebook.report_label(c) for _, c in columns}
        dropped = set(
            matching(labels, self.exclude_rows, what=self.question, single=False)
            if self.exclude_rows
            else []
        )
        for number, column in columns:
            if column in dropped:
                continue
            codes = ctx.codebook.labels(column)
            counts = matching(codes, self.answers, what=column, single=False)
            base = _base_keys(codes, self.base, column)
            extra = ((self.key, number),) if self.key else ()
            yield Row(
                self.variable or self.question,
                labels[column],
                code_values(column, counts, base),
                extra=extra,
            )

    @property
    def description(self) -> str:
        return f"vraag {self.question}, per rij: {' of '.join(self.answers)}"


@dataclass(frozen=True)
class ScaleMean:
    """Mean scale score (mean of the answered items, at least two thirds answered)."""

    scale: str
    label: str | None = None
    variable: str | None = None

    def rows(self, ctx: Context) -> Iterator[Row]:
        scale = _scale(ctx.codebook, self.scale)
        label = self.label or scale.label_nl
        values = scale_values(scale.items)
        yield Row(self.variable or self.scale, label, values, statistic="mean")

    @property
    def description(self) -> str:
        return f"schaal {self.scale}, gemiddelde schaalscore"


@dataclass(frozen=True)
class ScaleShare:
    """Percentage with a scale score of at least ``threshold`` (default the report's 2,5)."""

    scale: str
    threshold: float = SCALE_THRESHOLD
    label: str | None = None
    variable: str | None = None

    @property
    def variable_name(self) -> str:
        return self.variable or self.scale

    def rows(self, ctx: Context) -> Iterator[Row]:
        scale = _scale(ctx.codebook, self.scale)
        yield Row(
            self.variable_name,
            self.label or scale.label_nl,
            scale_values(scale.items, self.threshold),
        )

    @property
    def description(self) -> str:
        return f"schaal {self.scale}, aandeel met een score van ten minste {self.threshold}"


@dataclass(frozen=True)
class FieldMeans:
    """Mean of numeric fields where filled in (one row per field, in the order given), leaving
    out respondents who ticked ``exclude`` (Q14: 'Weet ik niet'). ``shown_as``: the statistic
    the results carry (``"percent"`` for a mean of percentages, compared in procentpunt)."""

    question: str
    fields: tuple[str, ...]
    exclude: str | None = None
    shown_as: str = "mean"
    key: str | None = "field"

    def rows(self, ctx: Context) -> Iterator[Row]:
        columns = _numbered(ctx, self.question)
        labels = {c: ctx.codebook.report_label(c) for _, c in columns}
        chosen = matching(labels, self.fields, what=self.question, single=True)
        excluded = (
            matching(labels, (self.exclude,), what=self.question, single=True)[0]
            if self.exclude
            else None
        )
        for column in chosen:
            extra = ((self.key, column),) if self.key else ()
            yield Row(
                self.question,
                labels[column],
                field_values(column, excluded),
                statistic="mean",
                extra=extra,
            )

    @property
    def description(self) -> str:
        return f"vraag {self.question}, gemiddelde van het ingevulde getal"


def _scale(codebook: Codebook, name: str):
    if name not in codebook.scales:
        raise DeclarationError(f"unknown scale {name!r}; scales are {list(codebook.scales)}")
    return codebook.scales[name]


Measure = Answers | Share | Ticked | AnyTicked | GridRows | ScaleMean | ScaleShare | FieldMeans


def context(year: int, run_year: int, columns) -> Context:
    return Context(load_codebook(), int(year), int(run_year), frozenset(columns))


__all__ = [
    "Answers",
    "Share",
    "Ticked",
    "AnyTicked",
    "GridRows",
    "ScaleMean",
    "ScaleShare",
    "FieldMeans",
    "EVERY_ANSWER",
    "WHOLE_POPULATION",
    "without",
    "among",
    "DeclarationError",
    "SCALE_THRESHOLD",
]
