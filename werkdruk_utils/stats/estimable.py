"""What cannot be estimated is said, not raised: 'niet te schatten' with the reason.

From one respondent upward every notebook finishes. An estimate that the data do not allow (a
collinear model, a group without respondents, a year without predecessor, a design with one
school) becomes a :class:`NotEstimable` with a reason in the report's words, which the page shows
in the place of the table, figure or sentence. :func:`attempt` runs a computation and turns the
errors the statistics raise for such data into a :class:`NotEstimable`; other errors (bugs) are
not caught.

Regressions (:func:`term_bases`, :func:`suppress_model`): a model resting on fewer than ``min_n``
respondents is suppressed as a whole; a 0/1 term (a group) whose base, min(respondents with 1,
respondents with 0), is under ``min_n`` is suppressed, and so are the terms that exist only within
that group (its interactions). Reasons never name a count under ``min_n``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import pandas as pd

NOT_ESTIMABLE = "niet te schatten"

T = TypeVar("T")

REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"collinear", re.I),
        "de kenmerken in het model hangen bij deze respondenten "
        "volledig met elkaar samen (collineair)",
    ),
    (
        re.compile(r"complete rows|too few|not enough", re.I),
        "te weinig respondenten met alle gegevens voor dit model",
    ),
    (
        re.compile(r"does not vary|no variance|constant", re.I),
        "de uitkomst varieert niet bij deze respondenten",
    ),
    (
        re.compile(r"primary sampling unit|one school|single cluster|clusters", re.I),
        "alle respondenten zitten in één school; een design-based standaardfout bestaat dan niet",
    ),
    (
        re.compile(r"singular", re.I),
        "de berekening lukt niet met deze gegevens (singuliere matrix)",
    ),
    (re.compile(r"no respondents|empty|no rows", re.I), "er zijn geen respondenten in deze groep"),
    (
        re.compile(r"previous|predecessor|earlier", re.I),
        "er is geen eerdere meting om mee te vergelijken",
    ),
)
"""Known messages of the statistics, and the reason the page gives."""

DEFAULT_REASON = "de gegevens van deze meting laten de berekening niet toe"


@dataclass(frozen=True)
class NotEstimable:
    """An estimate the data do not allow, with the reason in the report's words."""

    what: str
    reason: str

    def text(self) -> str:
        return f"{self.what}: {NOT_ESTIMABLE}: {self.reason}."

    def __bool__(self) -> bool:  # 'if result:' reads as 'if estimated'
        return False


def reason_of(error: BaseException) -> str:
    """The reason for ``error`` in the report's words (never a count: it could be under min_n)."""
    message = str(error)
    for pattern, reason in REASONS:
        if pattern.search(message):
            return reason
    if isinstance(error, np.linalg.LinAlgError):
        return REASONS[4][1]
    return DEFAULT_REASON


ESTIMATION_ERRORS: tuple[type[BaseException], ...] = (
    ValueError,  # SurveyError, ReproduceError, AnalysisError, WeightingError
    ZeroDivisionError,
    np.linalg.LinAlgError,
    FloatingPointError,
)


def attempt(what: str, compute: Callable[..., T], *args: Any, **kwargs: Any) -> T | NotEstimable:
    """``compute(*args, **kwargs)``, or a :class:`NotEstimable` when the data do not allow it."""
    try:
        return compute(*args, **kwargs)
    except ESTIMATION_ERRORS as error:
        return NotEstimable(what, reason_of(error))


def is_binary(values: pd.Series) -> bool:
    observed = pd.to_numeric(values, errors="coerce").dropna()
    return len(observed) > 0 and bool(observed.isin([0, 1]).all())


def term_bases(
    frame: pd.DataFrame, terms: Sequence[str], rows: pd.Series | None = None
) -> dict[str, int]:
    """Base of every term of a regression on ``frame`` (the rows used: ``rows``, default the rows
    with every term and ``y`` present): a 0/1 term rests on min(respondents with 1, with 0); a term
    that is non-zero only where a 0/1 term is 1 (an interaction) rests on that term's base; any
    other term, and the model, on the number of rows used (key ``'model'``)."""
    used = frame.loc[rows] if rows is not None else frame.dropna(subset=["y", *terms])
    n = int(len(used))
    bases: dict[str, int] = {"model": n}
    binary = [t for t in terms if is_binary(used[t])]
    for term in binary:
        ones = int((used[term] == 1).sum())
        bases[term] = min(ones, n - ones)
    for term in terms:
        if term in bases:
            continue
        nonzero = used[term].fillna(0) != 0
        owner = next(
            (b for b in binary if not (nonzero & (used[b] != 1)).any() and nonzero.any()), None
        )
        bases[term] = bases[owner] if owner is not None else n
    return bases


def suppress_model(
    table: pd.DataFrame,
    bases: Mapping[str, int],
    min_n: int,
    columns: Sequence[str] = ("B", "SE", "p", "Beta"),
) -> pd.DataFrame:
    """``table`` (index: terms, ``const`` included) with ``base`` and ``suppressed`` per term; the
    ``columns`` of suppressed terms blank. The whole model is suppressed when it rests on fewer
    than ``min_n`` respondents; the constant and model statistics rest on the model."""
    out = table.copy()
    model = int(bases.get("model", 0))
    out["base"] = [int(bases.get(t, model)) for t in out.index]
    small = out["base"] < int(min_n)
    out["suppressed"] = small | (model < int(min_n))
    for column in columns:
        if column in out.columns:
            out[column] = out[column].astype(float).where(~out["suppressed"])
    return out
