"""Scale scores, reliability and item percentages of the workload questions (Q5, Q6).

* Kwantitatieve taakeisen (Q6 items 1-3), emotionele belasting (Q6 items 4-6) and
  moeilijkheidsgraad / cognitieve belasting (Q6 items 7-9): 1 = nooit ... 4 = altijd.
* Regelmogelijkheden (Q5 items 1-6): 1 = Ja, regelmatig; 2 = Ja, soms; 3 = Nee (a higher score
  means fewer regelmogelijkheden).

The report gives the scale scores as means of the items but does not say how missing items are
handled. Rule used here: a respondent gets a score when **at least two thirds of the items** are
answered (``ceil(2k/3)``: 2 of 3 items for the taakeisen scales, 4 of 6 for regelmogelijkheden);
the score is the mean of the answered items. Otherwise the score is missing.

Item percentages as printed in the report: 'vaak of altijd' = Q6 codes 3 and 4; 'nee of soms'
= Q5 codes 2 and 3 (Ja, soms; Nee). Figuur 5.2 uses the share with a scale mean of at least 2,5.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "ScaleError",
    "default_min_items",
    "scale_score",
    "cronbach_alpha",
    "at_least",
    "share_at_least",
    "indicator_in",
    "share_in",
    "VAAK_OF_ALTIJD",
    "NEE_OF_SOMS",
]

#: Q6 codes 'Vaak' (3) and 'Altijd' (4).
VAAK_OF_ALTIJD: frozenset[int] = frozenset({3, 4})
#: Q5 codes 'Ja, soms' (2) and 'Nee' (3).
NEE_OF_SOMS: frozenset[int] = frozenset({2, 3})


class ScaleError(ValueError):
    """Items missing from a frame, non-numeric items or an impossible minimum."""


def default_min_items(k: int) -> int:
    """Minimum number of answered items for a score on a ``k``-item scale: ``ceil(2k/3)``."""
    if k < 1:
        raise ScaleError(f"a scale needs at least one item, got {k}")
    return math.ceil(2 * k / 3)


def _items(frame: pd.DataFrame, items: Sequence[str]) -> pd.DataFrame:
    items = list(items)
    if not items:
        raise ScaleError("no items given")
    missing = [c for c in items if c not in frame.columns]
    if missing:
        raise ScaleError(f"item column(s) {missing} not in the frame")
    try:
        return frame[items].astype("Float64").astype("float64")
    except (TypeError, ValueError) as exc:
        raise ScaleError(f"items {items} must be numeric codes: {exc}") from exc


def scale_score(
    frame: pd.DataFrame, items: Sequence[str], min_items: int | None = None
) -> pd.Series:
    """Mean of the answered ``items`` per row; NaN when fewer than ``min_items`` are answered.

    ``min_items`` defaults to :func:`default_min_items` (two thirds of the items, rounded up).
    Returns a float Series with the frame's index.
    """
    values = _items(frame, items)
    k = values.shape[1]
    minimum = default_min_items(k) if min_items is None else int(min_items)
    if not 1 <= minimum <= k:
        raise ScaleError(f"min_items must lie between 1 and {k}, got {min_items}")
    answered = values.notna().sum(axis=1)
    score = values.mean(axis=1, skipna=True)
    return score.where(answered >= minimum).rename(None)


def cronbach_alpha(frame: pd.DataFrame, items: Sequence[str]) -> float:
    """Cronbach's alpha on the rows with all items answered (listwise).

    ``alpha = k/(k-1) * (1 - sum of item variances / variance of the sum score)``, variances
    with ``n - 1`` (the choice cancels). Unweighted, as reliability is usually reported.
    """
    values = _items(frame, items).dropna()
    k = values.shape[1]
    if k < 2:
        raise ScaleError("alpha needs at least two items")
    if len(values) < 2:
        raise ScaleError(f"alpha needs at least two complete rows, found {len(values)}")
    item_var = values.var(axis=0, ddof=1).sum()
    total_var = values.sum(axis=1).var(ddof=1)
    if total_var == 0:
        raise ScaleError("the sum score has no variance")
    return float(k / (k - 1) * (1 - item_var / total_var))


def at_least(score: pd.Series, threshold: float = 2.5) -> pd.Series:
    """1.0 where ``score >= threshold``, 0.0 below it, NaN where the score is missing.

    Pass the result to :func:`werkdruk_utils.stats.survey.svyprop` for a design-based share.
    """
    values = pd.Series(score).astype("Float64").astype("float64")
    return (values >= threshold).astype(float).where(values.notna())


def indicator_in(codes: pd.Series, values: Collection[int]) -> pd.Series:
    """1.0 where the code is one of ``values``, 0.0 for other codes, NaN where missing."""
    series = pd.Series(codes).astype("Float64").astype("float64")
    wanted = [float(v) for v in values]
    if not wanted:
        raise ScaleError("no codes given")
    return series.isin(wanted).astype(float).where(series.notna())


def _share(indicator: pd.Series, weights: Any | None) -> float:
    observed = indicator.notna().to_numpy()
    if not observed.any():
        return math.nan
    x = indicator.to_numpy(dtype=float)[observed]
    if weights is None:
        return float(x.mean())
    w = pd.Series(weights).to_numpy(dtype=float)
    if len(w) != len(indicator):
        raise ScaleError(f"weights has {len(w)} values, expected {len(indicator)}")
    w = w[observed]
    if np.isnan(w).any() or (w < 0).any() or w.sum() <= 0:
        raise ScaleError("weights must be non-negative, non-missing and not all zero")
    return float(np.sum(w * x) / np.sum(w))


def share_at_least(score: pd.Series, threshold: float = 2.5, weights: Any | None = None) -> float:
    """Share (0-1) of the non-missing scores that are at least ``threshold`` (weighted if given)."""
    return _share(at_least(score, threshold), weights)


def share_in(codes: pd.Series, values: Collection[int], weights: Any | None = None) -> float:
    """Share (0-1) of the answered items whose code is in ``values`` (weighted if given).

    ``share_in(df["v6_1"], VAAK_OF_ALTIJD)`` gives 'vaak of altijd';
    ``share_in(df["v5_1"], NEE_OF_SOMS)`` gives 'nee of soms'.
    """
    return _share(indicator_in(codes, values), weights)
