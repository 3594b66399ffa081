"""The report's shared words: what several chapters write the same way, defined once.

Group labels and plurals as the report prints them (the plural of *leraar* is 'leraren' in
chapters 2 and 6 and 'leerkrachten' in chapter 3, following the report's wording in each), the
sector names, the Dutch list-joiner and the ranking of rows for 'the most named' lists.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from werkdruk_utils.inputs.codebook import ANALYSIS_GROUPS
from werkdruk_utils.stats.weighting import SECTORS

__all__ = [
    "ANALYSIS_GROUPS",
    "SECTORS",
    "SCALES",
    "GROUP_LABELS",
    "GROUP_PLURALS",
    "SECTOR_NAMES",
    "MUNICIPALITY_NAMES",
    "join",
    "top_rows",
    "top_rows_with_years",
    "top_list",
]

SCALES = (
    "kwantitatieve_taakeisen",
    "emotionele_belasting",
    "moeilijkheidsgraad",
    "regelmogelijkheden",
)
"""The four workload scales in the order of §2.2."""

GROUP_LABELS: dict[str, str] = {
    "schoolleider": "Schoolleider",
    "leraar": "Leraar",
    "onderwijsondersteunend personeel": "Onderwijsondersteunend personeel",
    "overig ondersteunend personeel": "Overig ondersteunend personeel",
}
"""Row and column labels of the function groups."""

GROUP_PLURALS: dict[str, str] = {
    "schoolleider": "schoolleiders",
    "leraar": "leraren",
    "onderwijsondersteunend personeel": "onderwijsondersteunend personeel",
    "overig ondersteunend personeel": "overig ondersteunend personeel",
}
"""How a sentence names the members of a function group."""

SECTOR_NAMES: dict[str, str] = {
    "bao": "regulier basisonderwijs (bao)",
    "go": "gespecialiseerd onderwijs (go)",
}
MUNICIPALITY_NAMES: dict[str, str] = {"G4": "G4", "G40": "G40", "overig": "overige gemeenten"}
"""The municipality categories as the report names them (§5.2)."""


def join(items: Sequence[object]) -> str:
    """Dutch enumeration: 'a', 'a en b', 'a, b en c' ('' for none)."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def top_rows(results: pd.DataFrame, k: int, *, exclude: Sequence[str] = ()) -> pd.DataFrame:
    """The ``k`` rows with the highest estimate, plus any row tied with the k-th at one decimal
    (as printed); suppressed rows and the categories in ``exclude`` are left out."""
    shown = results[
        ~results["suppressed"].astype(bool)
        & results["estimate"].notna()
        & ~results["category"].isin(list(exclude))
    ]
    ordered = shown.assign(_rounded=shown["estimate"].round(1)).sort_values(
        "_rounded", ascending=False, kind="stable"
    )
    if len(ordered) <= k:
        return ordered.drop(columns="_rounded")
    threshold = ordered["_rounded"].iloc[k - 1]
    return ordered[ordered["_rounded"] >= threshold].drop(columns="_rounded")


def top_rows_with_years(
    results: pd.DataFrame, k: int, *, period: str = "year", exclude: Sequence[str] = ()
) -> list[tuple[str, list]]:
    """The rows in the top ``k`` of any period, each with the periods in which it was in the top.

    Order: the rows in the top of the last period first (in its rank order), then the others in
    order of first appearance; as the report's lists 'Klassengrootte (2022, 2023, 2024)'.
    """
    periods = list(dict.fromkeys(results.sort_values(period)[period]))
    tops = {
        p: list(top_rows(results[results[period] == p], k, exclude=exclude)["category"])
        for p in periods
    }
    order = list(tops[periods[-1]]) if periods else []
    for p in periods:
        order += [c for c in tops[p] if c not in order]
    return [(c, [p for p in periods if c in tops[p]]) for c in order]


def top_list(items: Sequence[tuple[str, list]]) -> str:
    """A Markdown list of ``(row, periods)``: '- Klassengrootte (2022, 2023, 2024)'."""
    return "\n".join(f"- {c} ({', '.join(str(p) for p in ps)})" for c, ps in items)
