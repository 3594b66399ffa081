"""Key figures: named declarations with the row label of a key-figures table and the subject of
their sentence, as the report's Samenvatting and Conclusies cite them.

A :class:`KeyFigure` is an ordinary declaration (a measure, population, weighting and at most one
group) plus two Dutch texts: ``label`` (its row in the table of key figures) and ``subject`` (the
start of its sentence, without words of change: a sentence only says 'gestegen' or 'hoger' when
the test says so). :func:`evaluate_key_figures` evaluates a set for every measurement year of the
run; :func:`key_sentences` writes the sentences of some of them, against every earlier year or
step by step between consecutive years, with one fold for the tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from werkdruk_utils.declare.estimates import Data, Estimate, estimate, evaluate
from werkdruk_utils.declare.measures import Measure
from werkdruk_utils.present.findings import change_finding, paragraph, step_finding


@dataclass(frozen=True)
class KeyFigure:
    """One key figure: ``key`` (its id in the table's CSV), ``section`` (the part of the report it
    belongs to), ``label``, ``subject``, and the declaration: ``measure``, ``population``,
    ``weighting`` and ``group`` (one function group, a domain of the design)."""

    section: str
    key: str
    label: str
    subject: str
    measure: Measure
    population: str = "all"
    weighting: str = "function_x_sector"
    group: str | None = None

    def declaration(self) -> Estimate:
        measure = replace(self.measure, label=self.label, variable=self.key)
        by, levels = ("function", (self.group,)) if self.group else (None, None)
        return estimate(
            measure, population=self.population, weighting=self.weighting, by=by, levels=levels
        )


def evaluate_key_figures(data: Data, figures: Sequence[KeyFigure]) -> pd.DataFrame:
    """Every figure for every measurement year of the run: the tidy rows of each declaration with
    its ``key`` and ``section``, figure by figure (computed once per run)."""
    return data.memo(
        ("key figures", tuple(figures)),
        lambda: pd.concat(
            [
                evaluate(data, f.declaration()).frame.assign(key=f.key, section=f.section)
                for f in figures
            ],
            ignore_index=True,
        ),
    ).copy()


def select(figures: Sequence[KeyFigure], *keys: str) -> list[KeyFigure]:
    """The figures named by ``keys``, in that order; ``"present_*"`` names every figure whose key
    starts with ``present_`` (in the order of ``figures``). An unknown key is an error."""
    chosen = []
    for pattern in keys:
        hits = [
            f
            for f in figures
            if f.key == pattern or (pattern.endswith("*") and f.key.startswith(pattern[:-1]))
        ]
        if not hits:
            raise KeyError(f"no key figure {pattern!r}; known: {[f.key for f in figures]}")
        chosen += hits
    return chosen


def key_sentences(
    key: pd.DataFrame,
    figures: Sequence[KeyFigure],
    *keys: str,
    steps: bool = False,
    note: str = "",
) -> str:
    """One Markdown bullet per figure of ``keys`` (see :func:`select`), each with the fold of its
    tests: the run year against every earlier year (:func:`change_finding`), or (``steps``) in
    words, each step between consecutive years (:func:`step_finding`, levels in the fold);
    ``note`` follows as a paragraph of its own."""
    year = int(key["year"].max())
    lines = []
    for figure in select(figures, *keys):
        rows = key[key["key"] == figure.key]
        finding = (
            step_finding(rows, subject=figure.subject)
            if steps
            else change_finding(rows, year, subject=figure.subject)
        )
        lines.append("- " + paragraph([finding]))
    return "\n".join(lines) + (f"\n\n{note}" if note else "")
