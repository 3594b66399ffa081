"""Small-cell control: the one suppression rule for every number a reader can see.

A percentage or mean resting on fewer than ``min_n`` respondents is suppressed
(:func:`werkdruk_utils.stats.analysis.estimate` blanks it); within a breakdown whose groups add up
to a shown total, :func:`apply_complementary_suppression` also suppresses the next-smallest group
when exactly one is suppressed, so the hidden cell cannot be recovered from the total.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

SUPPRESSION_RULE = (
    "Een percentage of gemiddelde dat op minder dan {min_n} respondenten rust, wordt niet getoond "
    "(*); "
    "is in een uitsplitsing naar groepen precies één groep zo onderdrukt, dan ook de groep met het "
    "kleinste aantal daarna, zodat de cel niet uit het totaal is terug te rekenen."
)
"""The one suppression rule, as the notes of tables and figures state it (Dutch, report-facing)."""

RESULT_VALUE_COLUMNS: tuple[str, ...] = ("estimate", "se", "ci_low", "ci_high")
"""Blanked in every suppressed row of a results frame (:mod:`werkdruk_utils.stats.analysis`)."""

PUBLISHED_BLANK_COLUMNS: tuple[str, ...] = RESULT_VALUE_COLUMNS + (
    "n",
    "df",
    "difference_previous",
    "p_previous",
)
"""Blanked in a suppressed row when a table's data are written to CSV
(:meth:`ReportTable.write_csv`)."""

PARTITION_EXTRA_KEYS: tuple[str, ...] = (
    "series",
    "code",
    "item",
    "field",
    "key",
    "section",
    "characteristic",
    "outcome",
)
"""Further columns that, when a results frame has them, tell breakdowns apart (besides year,
variable,
group_var, category and statistic)."""


def complementary_cells(n: Sequence[int], suppressed: Sequence[bool]) -> list[bool]:
    """Complementary suppression along one line of cells that add up to a shown (or published)
    total.

    ``n`` are the cells' respondent counts, ``suppressed`` the primary suppression. When exactly
    one cell with at least one respondent is suppressed and at least one other cell is shown, the
    shown cell with the smallest ``n`` (the first of equals) is suppressed too: with two cells
    hidden, neither can be recovered as total minus the rest. Cells with ``n == 0`` protect nothing
    and do not count. Returns the new suppression flags (a new list).
    """
    if len(n) != len(suppressed):
        raise ValueError(f"n and suppressed differ in length ({len(n)} and {len(suppressed)})")
    flags = [bool(s) for s in suppressed]
    hidden = [i for i, s in enumerate(flags) if s and int(n[i]) > 0]
    shown = [i for i, s in enumerate(flags) if not s]
    if len(hidden) == 1 and shown:
        smallest = min(shown, key=lambda i: (int(n[i]), i))
        flags[smallest] = True
    return flags


def count_suppression(n: Sequence[int], min_n: int) -> list[bool]:
    """Which counts of respondents along one line of cells adding up to a shown total may not be
    shown: every count of 1 to ``min_n`` - 1, with complementary suppression
    (:func:`complementary_cells`; a count of 0 is shown and is never the complement); all of them
    when the total itself is under ``min_n``."""
    counts = [int(v) for v in n]
    if 0 < sum(counts) < int(min_n):
        return [v > 0 for v in counts]
    flags = [0 < v < int(min_n) for v in counts]
    nonzero = [i for i, v in enumerate(counts) if v > 0]  # a 0 shown protects nothing
    complemented = complementary_cells([counts[i] for i in nonzero], [flags[i] for i in nonzero])
    for i, flag in zip(nonzero, complemented, strict=True):
        flags[i] = flag
    return flags


def apply_complementary_suppression(results: pd.DataFrame) -> pd.DataFrame:
    """The rule of :func:`complementary_cells` applied to every breakdown in a results frame.

    A breakdown is the set of rows with the same year, variable, category, statistic and
    ``group_var`` (other than 'totaal'), and the same value in any of :data:`PARTITION_EXTRA_KEYS`
    present: its groups add up to the population, whose estimate the report publishes. Newly
    suppressed rows get ``suppressed`` true and blank estimate, SE and interval, as
    :func:`werkdruk_utils.stats.analysis.estimate` does for small cells. Other rows are unchanged.
    """
    required = {"group_var", "group", "n", "suppressed"}
    if results.empty or not required <= set(results.columns):
        return results
    keys = [
        c
        for c in ("year", "variable", "group_var", "category", "statistic", *PARTITION_EXTRA_KEYS)
        if c in results.columns
    ]
    # Plain lists instead of a pandas groupby: findings call this once per sentence.
    before = results["suppressed"].fillna(False).astype(bool).to_numpy()
    flags = before.copy()
    n = pd.to_numeric(results["n"], errors="coerce").fillna(0).astype(int).to_numpy()
    group_var = results["group_var"].astype(str).tolist()
    columns = [_as_keys(results[k]) for k in keys]
    breakdowns: dict[tuple, list[int]] = {}
    for position, key in enumerate(zip(*columns, strict=True)):
        if group_var[position] != "totaal":
            breakdowns.setdefault(key, []).append(position)
    for positions in breakdowns.values():
        if len(positions) < 2:
            continue
        new = complementary_cells([n[p] for p in positions], [flags[p] for p in positions])
        for p, flag in zip(positions, new, strict=False):
            flags[p] = flag
    changed = flags & ~before
    if not changed.any():
        return results
    out = results.copy()
    out["suppressed"] = flags
    for column in RESULT_VALUE_COLUMNS:
        if column in out.columns:
            out[column] = out[column].astype(float).where(~changed)
    return out


MISSING_KEY = object()
"""Every missing key value (None, NaN, NA, NaT): missing keys match each other, as in a pandas
merge or ``groupby(dropna=False)``."""


def key_value(value: object) -> object:
    """A key value as it is matched: :data:`MISSING_KEY` when missing, else itself."""
    return MISSING_KEY if pd.isna(value) else value


def _as_keys(column: pd.Series) -> list[object]:
    """A key column as text (so that 1 and '1' are one breakdown), missing values as one key."""
    return [key_value(v) for v in column.astype(str).tolist()]


REPRODUCTION_HIDDEN: tuple[str, ...] = ("reproduced", "difference", "within_tolerance", "n")
"""Blanked in a suppressed row of the self-check (``reproduction.csv``): the recomputed value,
its difference from the published value, whether it lies within the tolerance (which would narrow
it down) and its base."""

REPRODUCTION_BREAKDOWN: tuple[str, ...] = ("source_id", "variable", "category", "statistic")
"""Rows of the self-check with the same values here and different groups form one breakdown."""


def suppress_reproduction(result: pd.DataFrame, min_n: int) -> pd.DataFrame:
    """The self-check's rows under the one rule: ``n`` (the unweighted base, from ``n_base``) and
    ``suppressed``, true when 1 <= n < ``min_n``, and complementary suppression within a breakdown
    (the groups of one source, variable, category and statistic), so that the self-check shows
    ``*`` where the tables do. In suppressed rows :data:`REPRODUCTION_HIDDEN` are blank."""
    out = result.copy()
    n = pd.to_numeric(out.get("n_base", out.get("n")), errors="coerce").fillna(0).astype(int)
    out["n"] = n
    flags = ((n > 0) & (n < int(min_n))).to_numpy().copy()
    keys = [c for c in REPRODUCTION_BREAKDOWN if c in out.columns]
    if keys and len(out):
        for _, rows in out.groupby([out[k].astype(str) for k in keys], sort=False):
            positions = [out.index.get_loc(i) for i in rows.index]
            if len(positions) > 1:
                new = complementary_cells(
                    [int(n.iloc[p]) for p in positions], [bool(flags[p]) for p in positions]
                )
                for p, flag in zip(positions, new, strict=False):
                    flags[p] = flag
    out["suppressed"] = flags
    for column in REPRODUCTION_HIDDEN:
        if column in out.columns:
            out[column] = out[column].astype(object).where(~out["suppressed"], None)
    return out
