"""Hoofdstuk 4 De besteding van de werkdrukmiddelen: the text around Tabellen 4.1-4.4.

The notebook declares the tables (schoolleiders, weighted by sector); this module writes the
sentences from those results.
"""

from __future__ import annotations

from werkdruk_utils import measurements
from werkdruk_utils.declare.estimates import Result
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.present.findings import change_finding, change_sentence, paragraph
from werkdruk_utils.present.formatting import fmt_percent

SOURCES = ("Tabel 4.1", "Tabel 4.2", "Tabel 4.3", "Tabel 4.4", "Tekst H4.2")
"""What the self-check compares: the report's numbers of this chapter."""
WEIGHTING_NOTE = (
    "Schoolleiders; percentages gewogen naar sector (Tabel B1.1), zoals Tabel 4.1 van het rapport."
)


def spending_notes(spending: Result) -> list[str]:
    """Tabel 4.1: the weighting, and the measurements whose questionnaire differs: more than one
    spending school year, or causes not asked (shown as '–')."""
    cb = load_codebook()
    notes = [WEIGHTING_NOTE]
    for year in spending.years:
        spending_years = measurements.school_years(year).spending
        if len(spending_years) > 1:
            count = {2: "twee", 3: "drie"}.get(len(spending_years), str(len(spending_years)))
            notes.append(
                f"De meting van {year} vroeg naar {count} schooljaren: "
                f"{' en '.join(spending_years)}."
            )
    question = spending.declaration.measures[0].question
    for year in spending.years:
        for item in measurements.not_asked(year):
            if item.split("_")[0] == question:
                notes.append(f"'{cb.report_label(item)}' is in {year} niet gevraagd (–).")
    return notes


def top_spending_text(spending: Result, k: int = 6) -> str:
    """The ``k`` causes most often spent on in the latest school year of this run."""
    latest_year = list(dict.fromkeys(spending.frame["group"]))[-1]
    frame = spending.frame
    latest = frame[(frame["group"] == latest_year) & ~frame["suppressed"]]
    top = latest.sort_values("estimate", ascending=False, kind="stable").head(k)
    lines = [
        f"De {k} onderwerpen waarop in schooljaar {latest_year} het vaakst werkdrukmiddelen zijn "
        "ingezet:",
        "",
    ]
    lines += [f"- {row.category} ({fmt_percent(row.estimate, 0)})" for row in top.itertuples()]
    return "\n".join(lines)


def extra_staff_text(destinations: Result) -> str:
    return change_sentence(
        destinations.frame,
        destinations.run_year,
        category=destinations.frame["category"].iloc[0],
        subject="Het aandeel schoolleiders dat de middelen inzet voor extra personeel",
    )


def other_measures_text(other: Result, measures: Result) -> str:
    """§4.2: share of schools where the process led to other measures, and of each kind (one
    paragraph, one fold with the tests)."""
    funds, free = list(dict.fromkeys(measures.frame["category"]))[:2]
    subject = "Het aandeel scholen waar het proces ook tot andere maatregelen leidde"
    return paragraph(
        [
            change_finding(other.frame, other.run_year, subject=subject),
            change_finding(
                measures.frame,
                measures.run_year,
                subject="Het aandeel met maatregelen gefinancierd met andere middelen",
                category=funds,
            ),
            change_finding(
                measures.frame,
                measures.run_year,
                subject="Het aandeel met maatregelen die geen geld kosten",
                category=free,
            ),
        ]
    )
