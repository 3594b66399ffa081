"""What the pages show beyond the report, each marked 'Buiten het rapport':

* :func:`sensitivity_table`: a Bijlage 2 model with werktijdfactor centred at its weighted mean next
  to the report's uncentred model (:func:`werkdruk_utils.check.reproduce.b2_sensitivity`), with the
  sentence that says what changes;
* :func:`comparisons_note`: how many differences a page tested and how many chance alone would make
  significant at 0,05 (:mod:`werkdruk_utils.stats.multiplicity`).

The report's rule, a difference is called one at p < 0,05, stays the rule of the text.
"""

from __future__ import annotations

from collections.abc import Iterable
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
    respondents: pd.DataFrame, outcome: str, scale_label: str, table_id: str, min_n: int = 10
) -> ReportTable:
    """The B2 model of ``outcome`` uncentred (as the report) and with werktijdfactor centred at its
    weighted mean, side by side; the sentence on what changes is the first note."""
    table = reproduce.b2_sensitivity(respondents, outcome)
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
    notes = [
        reproduce.sensitivity_sentence(table, scale_label),
        f"Model: {reproduce.MODEL_POPULATION}, n = {fmt_number(n, 0)}; gewogen naar functie en "
        f"sector, scholen binnen sectoren als steekproefeenheden. Gecentreerd: werktijdfactor min "
        f"{centre} in elke term. " + STARS_NOTE + ".",
    ]
    data = table.assign(
        table_id=table_id, centre=table.attrs["centre"], n=n, row_label=list(display.index)
    )
    return ReportTable(table_id, f"{BEYOND}: {scale_label}", display, data, notes)


def comparisons_note(csv_paths: Iterable[Path | str]) -> str:
    """The page's number of tests and what chance alone would give (from its tables' CSVs)."""
    tidies = []
    for path in csv_paths:
        path = Path(path)
        if path.is_file():
            tidies.append(pd.read_csv(path))
    return multiplicity.comparisons_summary(tidies).sentence()
