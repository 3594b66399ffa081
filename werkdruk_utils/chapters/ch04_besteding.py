"""Hoofdstuk 4 Besteding: Tabellen 4.1–4.4 (schoolleiders, gewogen naar sector)."""

from __future__ import annotations

import pandas as pd

from werkdruk_utils import measurements
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.present.findings import change_sentence
from werkdruk_utils.present.formatting import fmt_percent
from werkdruk_utils.present.presentation import results_table
from werkdruk_utils.present.report import Chapter
from werkdruk_utils.present.tables import ReportTable
from werkdruk_utils.stats import analysis

SOURCES = ("Tabel 4.1", "Tabel 4.2", "Tabel 4.3", "Tabel 4.4", "Tekst H4.2")
WEIGHTING_NOTE = (
    "Schoolleiders; percentages gewogen naar sector (Tabel B1.1), zoals Tabel 4.1 van het rapport."
)


def _v10_columns(columns: list[str]) -> list[str]:
    return [c for c in columns if c.startswith("v10_") and c != "v10_anders"]


def spending_per_cause(chapter: Chapter) -> pd.DataFrame:
    """Tabel 4.1 data: % schoolleiders that spent the funds on each cause, per school year (see
    :func:`_spending_per_cause`; computed once per chapter)."""
    from werkdruk_utils.present.report import memoized

    return memoized(
        chapter, ("spending_per_cause",), lambda: _spending_per_cause(chapter), shared=True
    )


def _spending_per_cause(chapter: Chapter) -> pd.DataFrame:
    """Tabel 4.1 data: % schoolleiders that spent the funds on each cause, per school year.

    Base: schoolleiders who answered the Q10 grid (ticked at least one box), weighted by sector.
    Rows not asked in a year (item 27 in 2022) are absent for that year.
    """
    cb = load_codebook()
    frames = []
    for year, m in sorted(chapter.measurements.items()):
        columns = [c for c in cb.columns(year) if c in m.respondents.columns]
        grid = _v10_columns(columns)
        for school_year in cb.school_years(year)["spending"]:
            suffix = school_year.replace("-", "_")
            for column in [c for c in grid if c.endswith(f"_besteed_{suffix}")]:
                item = int(column.split("_")[1])
                result = analysis.estimate(
                    m.respondents,
                    analysis.ticked_indicator(column, grid),
                    statistic="percent",
                    variable="v10_besteed",
                    category=cb.report_label(column),
                    population="sl",
                    weighting_name="sector",
                    min_n=chapter.min_n,
                )
                frames.append(result.assign(group=school_year, group_var="schooljaar", item=item))
    return pd.concat(frames, ignore_index=True)


def measurement_notes(chapter: Chapter, stem: str) -> list[str]:
    """Notes on the measurements of the run whose questionnaire differs: more than one spending
    school year, or rows of question ``stem`` not asked (shown as '–')."""
    cb = load_codebook()
    notes = []
    for year in sorted(chapter.measurements):
        spending = measurements.school_years(year).spending
        if len(spending) > 1:
            count = {2: "twee", 3: "drie"}.get(len(spending), str(len(spending)))
            notes.append(
                f"De meting van {year} vroeg naar {count} schooljaren: {' en '.join(spending)}."
            )
    for year in sorted(chapter.measurements):
        for item in measurements.not_asked(year):
            if item.split("_")[0] == stem:
                notes.append(f"'{cb.report_label(item)}' is in {year} niet gevraagd (–).")
    return notes


def table_4_1(chapter: Chapter) -> ReportTable:
    results = spending_per_cause(chapter)
    school_years = list(dict.fromkeys(results["group"]))
    latest = results[results["group"] == school_years[-1]].sort_values(
        "estimate", ascending=False, kind="stable"
    )
    notes = [WEIGHTING_NOTE, *measurement_notes(chapter, "v10")]
    return results_table(
        results,
        table_id="Tabel 4.1",
        title="Voor welke oorzaken zijn in schooljaar […] de middelen uit het Werkdrukakkoord "
        "ingezet om de werkdruk aan te pakken?",
        rows="category",
        columns="group",
        row_order=list(latest["category"]),
        column_order=school_years,
        decimals=0,
        min_n=chapter.min_n,
        notes=notes,
        mark_changes=False,
    )


def _option_results(
    chapter: Chapter,
    question: str,
    *,
    codes: list[int],
    base: list[int] | None,
    multiple: bool = False,
) -> pd.DataFrame:
    cb = load_codebook()
    frames = []
    for year, m in sorted(chapter.measurements.items()):
        options = [
            c
            for c in cb.columns(year)
            if c.startswith(f"{question}_") and c[len(question) + 1 :].isdigit()
        ]
        for code in codes:
            if multiple:
                indicator = analysis.ticked_indicator(f"{question}_{code}", options)
                label = cb.report_label(f"{question}_{code}")
            else:
                indicator = analysis.code_indicator(question, [code], base)
                label = cb.report_label(question, code)
            frames.append(
                analysis.estimate(
                    m.respondents,
                    indicator,
                    statistic="percent",
                    variable=question,
                    category=label,
                    population="sl",
                    weighting_name="sector",
                    min_n=chapter.min_n,
                )
            )
    return pd.concat(frames, ignore_index=True)


def table_4_2(chapter: Chapter) -> ReportTable:
    """Q11 (meer antwoorden mogelijk): % schoolleiders per bestemming, basis: wie Q11
    beantwoordde."""
    results = _option_results(chapter, "v11", codes=[1, 3, 4, 2, 5, 6], base=None, multiple=True)
    return results_table(
        results,
        table_id="Tabel 4.2",
        title="Waaraan zijn de werkdrukmiddelen op uw school dit jaar besteed?",
        min_n=chapter.min_n,
        n_label="Schoolleiders in de basis (n)",
        notes=[WEIGHTING_NOTE, "Meer antwoorden mogelijk; de percentages tellen niet op tot 100%."],
    )


def table_4_3(chapter: Chapter) -> ReportTable:
    results = _option_results(chapter, "v12", codes=[1, 3, 2, 4], base=[1, 2, 3, 4])
    return results_table(
        results,
        table_id="Tabel 4.3",
        title="U heeft zojuist aangegeven waar u de werkdrukmiddelen voor heeft ingezet. Was dit "
        "ook uw eerste keuze?",
        min_n=chapter.min_n,
        n_label="Schoolleiders in de basis (n)",
        notes=[WEIGHTING_NOTE],
    )


def table_4_4(chapter: Chapter) -> ReportTable:
    """Q18 without 'Weet ik niet' in the base, as the report's table (its columns sum to 100%)."""
    cb = load_codebook()
    frames = []
    for _year, m in sorted(chapter.measurements.items()):
        resp = m.respondents
        answered = (
            resp[["v18_1", "v18_2", "v18_3"]]
            .apply(pd.to_numeric, errors="coerce")
            .fillna(0)
            .sum(axis=1)
            > 0
        )
        for code in (1, 2, 3):
            indicator = (
                pd.to_numeric(resp[f"v18_{code}"], errors="coerce")
                .fillna(0)
                .astype(float)
                .where(answered)
            )
            frames.append(
                analysis.estimate(
                    resp,
                    indicator,
                    statistic="percent",
                    variable="v18",
                    category=cb.report_label(f"v18_{code}"),
                    population="sl",
                    weighting_name="sector",
                    min_n=chapter.min_n,
                )
            )
    results = pd.concat(frames, ignore_index=True)
    return results_table(
        results,
        table_id="Tabel 4.4",
        title="Heeft dit proces geleid tot andere maatregelen die niet met de werkdrukmiddelen "
        "zijn gefinancierd?",
        min_n=chapter.min_n,
        n_label="Schoolleiders in de basis (n)",
        notes=[
            WEIGHTING_NOTE,
            "Basis: schoolleiders die een ander antwoord dan 'Weet ik niet' gaven.",
        ],
    )


# ----------------------------------------------------------------------------------------------
# narrative generated from the results


def top_spending_text(chapter: Chapter, k: int = 6) -> str:
    """The k causes most often spent on in the latest school year of this run (Markdown list)."""
    results = spending_per_cause(chapter)
    latest_year = list(dict.fromkeys(results["group"]))[-1]
    latest = results[(results["group"] == latest_year) & ~results["suppressed"]]
    top = latest.sort_values("estimate", ascending=False, kind="stable").head(k)
    lines = [
        f"De {k} onderwerpen waarop in schooljaar {latest_year} het vaakst werkdrukmiddelen zijn "
        "ingezet:",
        "",
    ]
    lines += [f"- {row.category} ({fmt_percent(row.estimate, 0)})" for row in top.itertuples()]
    return "\n".join(lines)


def other_measures_text(chapter: Chapter) -> str:
    """§4.2: share of schools where the process led to other measures (v18 code 1 or 2), with
    tests."""
    frames = []
    for _year, m in sorted(chapter.measurements.items()):
        resp = m.respondents
        ticked = resp[["v18_1", "v18_2", "v18_3"]].apply(pd.to_numeric, errors="coerce").fillna(0)
        answered = ticked.sum(axis=1) > 0
        indicator = ((ticked["v18_1"] + ticked["v18_2"]) > 0).astype(float).where(answered)
        frames.append(
            analysis.estimate(
                resp,
                indicator,
                statistic="percent",
                variable="v18_ja",
                category="Ja",
                population="sl",
                weighting_name="sector",
                min_n=chapter.min_n,
            )
        )
    results = pd.concat(frames, ignore_index=True)
    options = _option_results_v18(chapter)
    sentences = [
        change_sentence(
            results,
            chapter.year,
            subject="Het aandeel scholen waar het proces ook tot andere maatregelen leidde",
        ),
        change_sentence(
            options,
            chapter.year,
            subject="Het aandeel met maatregelen gefinancierd met andere middelen",
            category=options["category"].iloc[0],
        ),
        change_sentence(
            options,
            chapter.year,
            subject="Het aandeel met maatregelen die geen geld kosten",
            category=options["category"].iloc[1],
        ),
    ]
    return " ".join(sentences)


def _option_results_v18(chapter: Chapter) -> pd.DataFrame:
    table = table_4_4(chapter)
    return table.data


def extra_staff_text(chapter: Chapter) -> str:
    results = _option_results(chapter, "v11", codes=[1], base=None, multiple=True)
    return change_sentence(
        results,
        chapter.year,
        subject="Het aandeel schoolleiders dat de middelen inzet voor extra personeel",
    )
