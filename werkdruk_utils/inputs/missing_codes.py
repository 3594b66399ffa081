"""Missing-value codes: read as missing (item non-response) and counted.

What bureaus deliver: an SPSS file declares user-missing values (``-99``, or a range ``-9 .. -1``)
and labels them ('Geen antwoord', 'Weet niet'); a file of another tool labels such codes without
declaring them. :func:`resolve_missing_codes` reads both as missing, so that they are outside the
base like an empty cell, and counts them per column and code for ``Measurement.notes``:

* a cell whose code is **declared user-missing** is read as missing, unless the code is an answer
  option of the codebook (a bureau that declares 'Weet ik niet' missing where the report counts
  it): that cell is kept as an answer and counted under ``kept``;
* a code the file **labels as a missing value** (:data:`MISSING_LABEL_WORDS`) and the codebook does
  not have is read as missing; when the codebook has an answer option of the same meaning (-1
  'Weet niet' where the codebook has 'weet niet' as an answer), the code is refused with a
  :class:`~werkdruk_utils.inputs.problems.Problem`: reading it as missing would silently move
  answers out of the base.

A CSV or XLSX export has no labels: a code such as -99 is then refused ('code not allowed') with a
hint that it looks like a missing-value code (:func:`werkdruk_utils.inputs.validation` hints).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from werkdruk_utils.inputs.problems import Problem, shown_value
from werkdruk_utils.inputs.validation import CODED_KINDS, _normalise_label, _rows, parse_numbers

MISSING_LABEL_WORDS: tuple[str, ...] = (
    "geen antwoord",
    "niet beantwoord",
    "niet ingevuld",
    "weet niet",
    "weet ik niet",
    "ik weet het niet",
    "wil ik niet zeggen",
    "zeg ik liever niet",
    "n.v.t",
    "nvt",
    "niet van toepassing",
    "ontbrekend",
    "ontbreekt",
    "onbekend",
    "missing",
    "system missing",
    "sysmis",
    "no answer",
    "not answered",
    "don't know",
    "dont know",
    "not applicable",
    "refused",
)
"""A value label that is (or starts with) one of these marks a missing-value code."""


def _label_text(label: str) -> str:
    return _normalise_label(label).strip(" .!?-")


def is_missing_label(label: str) -> bool:
    """True for a value label naming a missing value ('Geen antwoord', 'Weet niet', 'n.v.t.')."""
    text = _label_text(label)
    return any(text == word or text.startswith(word + " ") for word in MISSING_LABEL_WORDS)


def missing_meaning(label: str) -> str:
    """What a missing-value label means: 'weet niet', 'n.v.t.' or 'geen antwoord'."""
    text = _label_text(label)
    if "weet" in text or "know" in text:
        return "weet niet"
    if "toepassing" in text or "n.v.t" in text or text == "nvt" or "applicable" in text:
        return "n.v.t."
    return "geen antwoord"


@dataclass
class MissingCodes:
    """What :func:`resolve_missing_codes` did: the frame with missing-value codes blanked, the
    counts per column and code, the value labels left to check, and problems."""

    frame: pd.DataFrame
    counts: dict[str, dict[str, int]]
    value_labels: dict[str, dict[int, str]]
    problems: list[Problem]
    kept: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(sum(c.values()) for c in self.counts.values())


def _allowed_codes(spec: Any) -> set[int] | None:
    if spec.kind == "multi":
        return {0, 1}
    if spec.kind == "single":
        return {int(c) for c in spec.codes}
    return None


def _in_ranges(values: pd.Series, ranges: Sequence[tuple[float, float]]) -> pd.Series:
    hit = pd.Series(False, index=values.index)
    for low, high in ranges:
        hit |= ((values >= low) & (values <= high)).fillna(False).astype(bool)
    return hit


def _label_key(code: float, labels: Mapping[int, str]) -> str:
    key = int(code) if float(code).is_integer() else code
    label = labels.get(int(code)) if float(code).is_integer() else None
    shown = shown_value(label) if label else None
    return f"{key} '{shown}'" if shown else str(key)


def _labelled_missing(
    spec: Any, labels: Mapping[int, str]
) -> tuple[dict[int, str], dict[int, tuple[str, str]]]:
    """Codes the file labels as missing that the codebook does not have: (read as missing,
    ambiguous: the codebook has an answer option with the same meaning, e.g. 'Weet ik niet')."""
    allowed = _allowed_codes(spec)
    options = {
        missing_meaning(text): text
        for text in (getattr(spec, "codes", None) or {}).values()
        if is_missing_label(text)
    }
    missing: dict[int, str] = {}
    ambiguous: dict[int, tuple[str, str]] = {}
    for code, label in labels.items():
        if allowed is not None and code in allowed:
            continue
        if spec.kind == "numeric" and code >= 0:
            continue
        if not is_missing_label(label):
            continue
        twin = options.get(missing_meaning(label))
        if twin is not None:
            ambiguous[code] = (label, twin)
        else:
            missing[code] = label
    return missing, ambiguous


def resolve_missing_codes(
    frame: pd.DataFrame,
    codebook: Any,
    year: int,
    *,
    file: str,
    value_labels: Mapping[str, Mapping[int, str]] | None = None,
    declared: Mapping[str, Sequence[tuple[float, float]]] | None = None,
) -> MissingCodes:
    """Read missing-value codes as missing (item non-response) and count them (module docstring).

    ``declared``: SPSS user-missing values and ranges per column (``(low, high)``; a single value
    as ``(v, v)``); ``value_labels``: the file's value labels. Counts are per column and code
    ("-99 'Geen antwoord'" -> 12); the labels of the codes read as missing are taken out of the
    value labels that :func:`~werkdruk_utils.inputs.validation.validate_value_labels` checks.
    """
    specs = codebook.column_spec(year)
    labels_left = {c: dict(v) for c, v in (value_labels or {}).items()}
    out = frame.copy()
    counts: dict[str, dict[str, int]] = {}
    kept: dict[str, dict[str, int]] = {}
    problems: list[Problem] = []
    for name in [c for c in frame.columns if c in specs and specs[c].kind in CODED_KINDS]:
        spec = specs[name]
        labels = labels_left.get(name, {})
        ranges = list((declared or {}).get(name, ()))
        labelled, ambiguous = _labelled_missing(spec, labels)
        if not ranges and not labelled and not ambiguous:
            continue
        values, _ = parse_numbers(frame[name])
        values = values.astype(float)
        allowed = _allowed_codes(spec)
        hit = _in_ranges(values, ranges) | values.isin(list(labelled)).fillna(False)
        answer = values.isin(list(allowed or ())).fillna(False).astype(bool)
        for code in sorted(values[hit & answer].unique()):
            kept.setdefault(name, {})[_label_key(code, labels)] = int((values == code).sum())
        hit &= ~answer
        for code in sorted(values[hit].unique()):
            counts.setdefault(name, {})[_label_key(code, labels)] = int((values == code).sum())
        out[name] = frame[name].where(~hit)
        for code in [*labelled, *ambiguous]:
            labels.pop(code, None)
        for code, (label, option) in ambiguous.items():
            rows = _rows((values == code).fillna(False).astype(bool))
            if not rows:
                continue  # a label no cell uses
            problems.append(
                Problem(
                    file=file,
                    column=name,
                    rows=rows,
                    value=str(code),
                    expected=f"the codebook's code for {option!r}",
                    message=f"code {code} is labelled '{shown_value(label) or '…'}' as a missing "
                    "value, but the codebook has that answer as an option",
                    kind="missing_code_ambiguous",
                    hint=f"recode {code} to the codebook's code for {option!r} (it is in the base "
                    "of the report's tables), or leave the cells empty if they mean no answer",
                )
            )
    return MissingCodes(out, counts, labels_left, problems, kept)
