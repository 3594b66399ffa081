"""What the pages show beyond the report, each marked 'Buiten het rapport':

* :func:`sensitivity_table`: a Bijlage 2 model with werktijdfactor centred at its weighted mean next
  to the report's uncentred model (:func:`werkdruk_utils.check.reproduce.b2_sensitivity`), with the
  sentence that says what changes;
* :func:`comparisons_note`: how many differences a page tested and how many chance alone would make
  significant at 0,05 (:mod:`werkdruk_utils.stats.multiplicity`).

The report's rule, a difference is called one at p < 0,05, stays the rule of the text.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

import pandas as pd

from werkdruk_utils.check import reproduce
from werkdruk_utils.present.formatting import STARS_NOTE, fmt_number, shown_label
from werkdruk_utils.present.tables import ReportTable
from werkdruk_utils.stats import multiplicity

BEYOND = "Buiten het rapport"


def _stars(n: int) -> str:
    return "*" * int(n)


def sensitivity_table(
    respondents: pd.DataFrame,
    outcome: str,
    scale_label: str,
    table_id: str,
    min_n: int = 10,
    hidden_terms: Collection[str] = (),
) -> ReportTable:
    """The B2 model of ``outcome`` uncentred (as the report) and with werktijdfactor centred at its
    weighted mean, side by side; the sentence on what changes is the first note. The terms of
    ``hidden_terms`` (a group under ``min_n`` and its interactions) show '*' and are blank in the
    data; the sentence then names no coefficient."""
    table = hide_terms(reproduce.b2_sensitivity(respondents, outcome), hidden_terms)
    n = int(table.attrs["n"])
    if n < min_n:
        display = pd.DataFrame({"": ["*"]}, index=pd.Index(["Model"], name="Term"))
        notes = [
            f"{BEYOND}: het model rust op minder dan {min_n} respondenten en wordt niet getoond."
        ]
        return ReportTable(table_id, f"{BEYOND}: {scale_label}", display, table.iloc[0:0], notes)
    display = pd.DataFrame(
        {
            "B (werktijdfactor 0, rapport)": [
                f"{fmt_number(b, 2)}{_stars(s)}"
                for b, s in zip(table["B"], table["stars"], strict=True)
            ],
            "SE": [fmt_number(v, 3) for v in table["SE"]],
            "B (gemiddelde werktijdfactor)": [
                f"{fmt_number(b, 2)}{_stars(s)}"
                for b, s in zip(table["B_centred"], table["stars_centred"], strict=True)
            ],
            "SE ": [fmt_number(v, 3) for v in table["SE_centred"]],
        },
        index=pd.Index(
            [shown_label(reproduce.term_labels()[t]) for t in table["term"]], name="Term"
        ),
    )
    centre = fmt_number(table.attrs["centre"], 2)
    hidden = table["term"].isin(list(hidden_terms)).to_numpy()
    display = display.astype(object)
    display.iloc[hidden, :] = "*"
    notes = [
        reproduce.sensitivity_sentence(table, scale_label)
        if not hidden.any()
        else f"{BEYOND} ({scale_label}): met de werktijdfactor gecentreerd op het gewogen "
        "gemiddelde zijn de functietermen het verschil met leraren bij een gemiddelde "
        "werktijdfactor, niet bij werktijdfactor 0. *: de groep (of haar interactie) rust op "
        f"minder dan {min_n} respondenten en wordt niet getoond.",
        f"Model: {reproduce.MODEL_POPULATION}, n = {fmt_number(n, 0)}; gewogen naar functie en "
        f"sector, scholen binnen sectoren als steekproefeenheden. Gecentreerd: werktijdfactor min "
        f"{centre} in elke term. " + STARS_NOTE + ".",
    ]
    data = table.assign(
        table_id=table_id, centre=table.attrs["centre"], n=n, row_label=list(display.index)
    )
    return ReportTable(table_id, f"{BEYOND}: {scale_label}", display, data, notes)


def hide_terms(table: pd.DataFrame, terms: Collection[str]) -> pd.DataFrame:
    """``table`` (:func:`werkdruk_utils.check.reproduce.b2_sensitivity`) with the coefficients of
    ``terms`` blank (stars 0); the same object when there are none."""
    hidden = table["term"].isin(list(terms))
    if not hidden.any():
        return table
    out = table.copy()
    for column in ("B", "SE", "p", "B_centred", "SE_centred", "p_centred"):
        out[column] = out[column].where(~hidden)
    for column in ("stars", "stars_centred"):
        out[column] = out[column].where(~hidden, 0)
    out["suppressed"] = hidden.to_numpy()
    return out


def comparisons_note(csv_paths: Iterable[Path | str]) -> str:
    """The page's number of tests and what chance alone would give (from its tables' CSVs)."""
    tidies = []
    for path in csv_paths:
        path = Path(path)
        if path.is_file():
            tidies.append(pd.read_csv(path))
    return multiplicity.comparisons_summary(tidies).sentence()
