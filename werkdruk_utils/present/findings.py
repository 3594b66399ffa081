"""Sentences generated from results, following the report's rule: a difference is called a
difference (higher, lower, increased, decreased) only when it is significant (p < 0,05);
otherwise the text says that no significant difference was found. Every number in a sentence
comes from the results passed in.
"""

from __future__ import annotations

import math

import pandas as pd

from werkdruk_utils.present.formatting import fmt_number
from werkdruk_utils.stats import analysis
from werkdruk_utils.stats.suppression import apply_complementary_suppression

UNITS = {"percent": "procentpunt", "mean": "schaalpunt"}


def fmt_value(value: float, statistic: str) -> str:
    return f"{fmt_number(value, 1)}%" if statistic == "percent" else fmt_number(value, 2)


def _is_nan(value) -> bool:
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def fmt_p(p: float) -> str:
    return "p < 0,001" if p < 0.001 else f"p = {fmt_number(p, 3)}"


def change_sentence(
    results: pd.DataFrame,
    year: int,
    *,
    subject: str,
    category: str | None = None,
    group: str | None = None,
) -> str:
    """'{subject} is in {year} {est}; dat is {d} {unit} lager dan in {ref} ({ref_est}, significant,
    p = …).'

    One clause per earlier measurement year in ``results``; a non-significant difference is
    reported as 'niet significant anders dan in {ref} ({ref_est})'. Suppressed cells give a
    sentence saying the figure is not shown, without the cell's n (the base of a hidden cell is
    hidden too, see :mod:`werkdruk_utils.stats.suppression`); a suppressed earlier year is named
    without
    its value and without a difference.
    """
    rows = apply_complementary_suppression(results)  # the same cells as the tables hide
    if category is not None:
        rows = rows[rows["category"] == category]
    if group is not None:
        rows = rows[rows["group"] == group]
    current = rows[rows["year"] == year]
    if current.empty:
        return f"{subject}: geen gegevens voor {year}."
    now = current.iloc[0]
    if bool(now["suppressed"]) or math.isnan(now["estimate"]):
        return f"{subject}: in {year} te weinig respondenten om een cijfer te tonen."
    statistic = now["statistic"]
    shown, n = fmt_value(now["estimate"], statistic), fmt_number(now["n"], 0)
    text = f"{subject} is in {year} {shown} (n = {n})"
    tests = analysis.year_differences(rows, year)
    clauses = []
    for t in tests.sort_values("reference_year").itertuples(index=False):
        ref = (
            fmt_value(t.reference_estimate, statistic) if not _is_nan(t.reference_estimate) else "–"
        )
        if math.isnan(t.p):
            clauses.append(f"met {t.reference_year} ({ref}) is niet te vergelijken")
        elif t.significant:
            direction = "hoger" if t.difference > 0 else "lager"
            clauses.append(
                f"dat is {fmt_number(abs(t.difference), 1 if statistic == 'percent' else 2)} "
                f"{UNITS[statistic]} {direction} dan in {t.reference_year} ({ref}; significant, "
                f"{fmt_p(t.p)})"
            )
        else:
            clauses.append(
                f"niet significant anders dan in {t.reference_year} ({ref}; {fmt_p(t.p)})"
            )
    if clauses:
        text += "; " + "; ".join(clauses)
    return text + "."
