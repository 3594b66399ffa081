"""Many comparisons: how many a page makes, how many chance alone would give, and the
Benjamini–Hochberg adjusted p-values. Beyond the report: the report's rule (a difference is called a
difference at p < 0,05) stays the rule of the text; these numbers only show a reader how many of
the page's significant differences chance alone could explain.

* :func:`bh_adjust`: Benjamini–Hochberg (false discovery rate) adjusted p-values of one family of
  tests, R's ``p.adjust(p, method = "BH")``; missing p-values stay missing and do not count.
* :func:`with_adjusted_p`: a table's tidy rows with a column ``<p>_bh`` next to every p column,
  the family being the table's tests of that column.
* :func:`comparisons_summary`: the number of tests, of significant ones, and the number expected by
  chance alone when no difference exists (``alpha`` x tests), for a page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

ALPHA = 0.05
P_COLUMNS: tuple[str, ...] = ("p_previous", "p", "rao_scott_p")
"""The p-value columns of the tables' tidy data (year changes, tests, Rao–Scott)."""


def bh_adjust(p: Sequence[float] | pd.Series | np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (R's ``p.adjust(p, "BH")``); NaN stays NaN.

    For the m non-missing p-values sorted ascending, ``p_(i) * m / i``, made monotone from the
    largest down (cumulative minimum) and capped at 1.
    """
    values = np.asarray(p, dtype=float)
    out = np.full(values.shape, np.nan)
    present = ~np.isnan(values)
    m = int(present.sum())
    if m == 0:
        return out
    observed = values[present]
    order = np.argsort(observed, kind="mergesort")
    ranked = observed[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    result = np.empty(m)
    result[order] = np.minimum(adjusted, 1.0)
    out[present] = result
    return out


def with_adjusted_p(tidy: pd.DataFrame, columns: Iterable[str] = P_COLUMNS) -> pd.DataFrame:
    """``tidy`` with ``<p>_bh`` right after every p column present (one family per column: the
    table's tests). Rows that repeat the same test (a Rao–Scott p printed on every row of its
    breakdown) count once."""
    out = tidy.copy()
    for column in columns:
        if column not in out.columns:
            continue
        values = pd.to_numeric(out[column], errors="coerce")
        adjusted = pd.Series(np.nan, index=out.index)
        if column == "rao_scott_p":
            # one test per breakdown (and year), repeated on each of its rows
            keys = [c for c in ("characteristic", "year") if c in out.columns]
            tests = out[keys].assign(_p=values).drop_duplicates(subset=keys or ["_p"])
            tests["_bh"] = bh_adjust(tests["_p"])
            if keys:
                merged = out[keys].merge(tests[[*keys, "_bh"]], on=keys, how="left")
                adjusted = pd.Series(merged["_bh"].to_numpy(), index=out.index)
            else:
                adjusted = values.map(dict(zip(tests["_p"], tests["_bh"], strict=True)))
        else:
            adjusted = pd.Series(bh_adjust(values), index=out.index)
        position = list(out.columns).index(column) + 1
        out.insert(position, f"{column}_bh", adjusted)
    return out


@dataclass(frozen=True)
class ComparisonsSummary:
    tests: int
    significant: int
    significant_adjusted: int
    alpha: float = ALPHA

    @property
    def expected_by_chance(self) -> float:
        """Significant results expected when no difference exists at all: ``alpha`` x tests."""
        return self.alpha * self.tests

    def sentence(self) -> str:
        """Dutch, for the page (numbers in Dutch format)."""
        if self.tests == 0:
            return "Op deze pagina is geen verschil getoetst."
        expected = f"{self.expected_by_chance:.1f}".replace(".", ",")
        return (
            f"Buiten het rapport: op deze pagina zijn {self.tests} verschillen getoetst, waarvan "
            f"{self.significant} significant bij p < 0,05. Als er nergens een verschil was, zou "
            f"toeval alleen er ongeveer {expected} significant maken. Na correctie voor het aantal "
            f"toetsen per tabel (Benjamini–Hochberg) blijven er {self.significant_adjusted} "
            "significant. De tekst volgt de regel van het rapport (p < 0,05)."
        )


def comparisons_summary(tables: Iterable[pd.DataFrame], alpha: float = ALPHA) -> ComparisonsSummary:
    """Tests in the tidy data of a page's tables (p columns of :data:`P_COLUMNS`, each test once:
    a Rao–Scott p repeated on the rows of its breakdown counts once)."""
    tests = significant = adjusted_significant = 0
    for tidy in tables:
        frame = with_adjusted_p(tidy)
        for column in P_COLUMNS:
            if column not in frame.columns:
                continue
            pair = frame[[column, f"{column}_bh"]].apply(pd.to_numeric, errors="coerce").dropna()
            if column == "rao_scott_p":
                pair = pair.drop_duplicates()
            tests += len(pair)
            significant += int((pair[column] < alpha).sum())
            adjusted_significant += int((pair[f"{column}_bh"] < alpha).sum())
    return ComparisonsSummary(tests, significant, adjusted_significant, alpha)
