"""Hoofdstuk 3 Het proces rondom de werkdrukaanpak: Figuren 3.1–3.3, Tabellen 3.1–3.4 and B3.1,
and the numbers of the text of §3.1–§3.3.

Populations, weightings and bases follow ``data/reference/published_map.yaml`` (the self-check's
rules):

* Q10 'als oorzaak genoemd' (Figuur 3.1, Tabel B3.1): schoolleiders, unweighted within sector, base
  all schoolleiders of the sector.
* Q7 factors (text §3.1): all respondents per analysis group, cell weights, base = answered Q7.
* Q8 evaluated (Figuur 3.2, text §3.2): schoolleiders and the rest of the team, cell weights,
  'weet ik niet' in the base; 'geen verandering' among schoolleiders who evaluated.
* Q9 decision (Tabel 3.1): schoolleiders, unweighted within sector, base = answered.
* Q16 (Tabel 3.2): schoolleiders, sector weights, % besproken among schools where the function
  exists (codes 1-3); the bao/go comparison of the text unweighted within sector.
* Q14 (Tabel 3.3): schoolleiders, sector weights, mean of each filled-in field.
* Q15 (Figuur 3.3): all respondents per analysis group, cell weights.
* Q13, Q17 (Tabel 3.4): schoolleiders, sector weights.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import pandas as pd

from werkdruk_utils.inputs import codebook
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.present import figures
from werkdruk_utils.present.findings import change_sentence, fmt_p
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
from werkdruk_utils.present.presentation import results_table
from werkdruk_utils.present.report import Chapter
from werkdruk_utils.present.tables import ReportTable
from werkdruk_utils.stats import analysis, weighting

SOURCES = (
    "Tabel 3.1",
    "Tabel 3.2",
    "Tabel 3.3",
    "Tabel 3.4",
    "Tabel B3.1",
    "Tekst H3.1",
    "Tekst H3.2",
    "Tekst H3.3",
)

SECTORS = weighting.SECTORS
SECTOR_LABELS = {"bao": "bao", "go": "go"}
SECTOR_NAMES = {"bao": "regulier basisonderwijs (bao)", "go": "gespecialiseerd onderwijs (go)"}
ANALYSIS_GROUPS = codebook.ANALYSIS_GROUPS
GROUP_LABELS = {
    "schoolleider": "Schoolleider",
    "leraar": "Leraar",
    "onderwijsondersteunend personeel": "Onderwijs ondersteunend personeel",
    "overig ondersteunend personeel": "Overig ondersteunend personeel",
}
GROUP_PLURALS = {
    "schoolleider": "schoolleiders",
    "leraar": "leerkrachten",
    "onderwijsondersteunend personeel": "onderwijsondersteunend personeel",
    "overig ondersteunend personeel": "overig ondersteunend personeel",
}
EVALUATION_GROUPS = {"sl": "Schoolleiders", "not_sl": "Rest van het team"}
ANDERS_ITEM = 28
CAUSE_ITEMS = range(1, 29)  # Q7 options / Q10 rows 1..28 (28 = Anders)
Q7_NONE = 29  # 'Geen van bovenstaande'
STAFF_ITEMS = range(1, 13)  # Q16 rows 1..12 (13 = Anders, not in Tabel 3.2)
STAGEBEGELEIDER = 12
SECTOR_COMPARISON_ITEMS = (
    9,
    12,
    4,
)  # behandelaars, stagebegeleiders, onderwijsassistenten (text §3.3)
BUDGET_FIELDS = ("v14_2", "v14_3", "v14_1")  # row order of Tabel 3.3
BOARD_ORDER = (3, 1, 2, 4, 5)  # row order of Tabel 3.4

NOTE_UNWEIGHTED_SECTOR = "Schoolleiders; ongewogen binnen de sector (zoals het rapport)."
NOTE_SECTOR = "Schoolleiders; percentages gewogen naar sector (Tabel B1.1)."
NOTE_CELL = "Alle respondenten; gewogen naar functie en sector (Tabel B1.8)."


# ----------------------------------------------------------------------------------------------
# small helpers


def _numeric(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(frame[column], errors="coerce").astype(float)


def ticked_of_population(column: str) -> analysis.Indicator:
    """1 if ``column`` is ticked, 0 otherwise (also when the question was left empty): the base is
    the whole population, as Tabel B3.1 (% of all schoolleiders of the sector)."""

    def indicator(frame: pd.DataFrame) -> pd.Series:
        return _numeric(frame, column).fillna(0.0).eq(1.0).astype(float)

    return indicator


def ticked_among_answering(column: str, question_columns: Sequence[str]) -> analysis.Indicator:
    """1/0 among respondents who ticked at least one option of the question (``question_columns``),
    missing for the others (the base of the Q7 percentages)."""

    def indicator(frame: pd.DataFrame) -> pd.Series:
        boxes = frame[list(question_columns)].apply(pd.to_numeric, errors="coerce").fillna(0)
        answered = boxes.eq(1).any(axis=1)
        return _numeric(frame, column).fillna(0.0).eq(1.0).astype(float).where(answered)

    return indicator


def filled_field(
    column: str, exclude_if_ticked: str | None = None
) -> pd.Series | analysis.Indicator:
    """The value of a numeric field where it was filled in, missing elsewhere and for respondents
    who ticked ``exclude_if_ticked`` (Q14: 'Weet ik niet')."""

    def values(frame: pd.DataFrame) -> pd.Series:
        out = _numeric(frame, column)
        if exclude_if_ticked is not None:
            out = out.where(~_numeric(frame, exclude_if_ticked).fillna(0).eq(1))
        return out

    return values


def top_categories(results: pd.DataFrame, k: int, *, exclude: Sequence[str] = ()) -> pd.DataFrame:
    """The ``k`` rows with the highest estimate, plus any row tied with the k-th (at one decimal, as
    printed).

    Suppressed rows and the categories in ``exclude`` are left out.
    """
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


def set_count_row(table: ReportTable, label: str, counts: Mapping[str, int]) -> ReportTable:
    """Replace the table's last (n) row by ``label`` with the given count per display column."""
    display = table.display.iloc[:-1].copy()
    display.loc[label] = [
        fmt_number(counts.get(c, float("nan")), 0) if c in counts else "–" for c in display.columns
    ]
    return ReportTable(table.table_id, table.title, display, table.data, table.notes)


def _schoolleider_counts(chapter: Chapter, year: int, by: str | None = None) -> dict[object, int]:
    resp = chapter.measurements[year].respondents
    sl = resp[analysis.is_schoolleider(resp)]
    if by is None:
        return {year: int(len(sl))}
    return {k: int(v) for k, v in sl[by].value_counts().items()}


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


# ----------------------------------------------------------------------------------------------
# figure helpers (house style, series other than measurement years)


grouped_bars = figures.grouped_bars
stacked_bars = figures.stacked_bars


# ----------------------------------------------------------------------------------------------
# §3.1 Oorzaken van werkdruk: Q10 'als oorzaak genoemd' (schoolleiders, per sector)


def causes_named(chapter: Chapter, years: Sequence[int] | None = None) -> pd.DataFrame:
    """% schoolleiders naming each Q10 row 'als oorzaak genoemd', per sector and year.

    Unweighted within sector; base: all schoolleiders of the sector (Tabel B3.1). Items not asked
    in a year (27 in 2022) are absent for that year.
    """
    cb = load_codebook()
    frames = []
    for year in years if years is not None else chapter.years:
        resp = chapter.measurements[year].respondents
        for item in CAUSE_ITEMS:
            column = f"v10_{item}_oorzaak"
            if column not in resp.columns:
                continue
            result = analysis.estimate(
                resp,
                ticked_of_population(column),
                statistic="percent",
                variable="v10_oorzaak",
                category=cb.report_label(column),
                population="sl",
                weighting_name="none",
                by="sector",
                levels=list(SECTORS),
                min_n=chapter.min_n,
            )
            frames.append(result.assign(item=item))
    return pd.concat(frames, ignore_index=True)


def table_b3_1(chapter: Chapter) -> ReportTable:
    """Tabel B3.1: the numbers of Figuur 3.1 (run year), causes in questionnaire order, sectors as
    columns."""
    results = causes_named(chapter, [chapter.year])
    resp = chapter.current.respondents
    sl = resp[analysis.is_schoolleider(resp)]
    weighted = weighting.cell_weights(resp).reindex(sl.index).groupby(sl["sector"]).sum()
    weighted_text = " en ".join(
        f"{fmt_number(weighted.get(s, float('nan')), 1)} ({s})" for s in SECTORS
    )
    notes = [
        NOTE_UNWEIGHTED_SECTOR
        + " Basis: alle schoolleiders van de sector; meer antwoorden mogelijk.",
        "'Totaal aantal respondenten' is hier het aantal schoolleiders waarop de percentages "
        "rusten. Het rapport "
        "drukt in Tabel B3.1 het gewogen aantal af (som van de celgewichten, Tabel B1.8); in deze "
        "meting is dat "
        f"{weighted_text}.",
    ]
    if "v10_27" in load_codebook().not_asked(chapter.year):
        notes.append("'Contact met externe(n) (partijen)' is in deze meting niet gevraagd.")
    return results_table(
        results,
        table_id="Tabel B3.1",
        title=f"Oorzaken van werkdruk in {chapter.year}, uitgesplitst naar onderwijstype",
        rows="category",
        columns="group",
        column_labels=SECTOR_LABELS,
        column_order=list(SECTORS),
        decimals=1,
        min_n=chapter.min_n,
        notes=notes,
        mark_changes=False,
        n_label="Totaal aantal respondenten",
    )


def figure_3_1(chapter: Chapter) -> plt.Figure:
    results = causes_named(chapter, [chapter.year])
    frame = results.assign(sector=results["group"].map(SECTOR_LABELS))
    school_year = load_codebook().school_years(chapter.year)["current"]
    return grouped_bars(
        frame,
        category="category",
        series="sector",
        value="estimate",
        series_order=[SECTOR_LABELS[s] for s in SECTORS],
        title="Figuur 3.1 Oorzaken van werkdruk op scholen volgens de schoolleiders, uitgesplitst "
        "naar onderwijstype.",
        caption=f"Schoolleiders, meting {chapter.year} (schooljaar {school_year}); % dat de "
        "oorzaak noemde, ongewogen binnen de sector.",
    )


def top_causes_text(chapter: Chapter, k: int = 4) -> str:
    """§3.1: the causes schoolleiders named most often per sector (top ``k`` and ties), compared
    with
    the top of the earlier measurements."""
    cb = load_codebook()
    results = causes_named(chapter)
    anders = cb.report_label(f"v10_{ANDERS_ITEM}_oorzaak")
    school_year = cb.school_years(chapter.year)["current"]
    parts = []
    for sector in SECTORS:
        current = results[(results["year"] == chapter.year) & (results["group"] == sector)]
        top = top_categories(current, k, exclude=[anders])
        lines = [
            f"In schooljaar {school_year} zijn in het {SECTOR_NAMES[sector]} volgens de "
            "schoolleiders het vaakst "
            "als oorzaak van werkdruk genoemd:",
            "",
        ]
        lines += [f"- {row.category} ({fmt_percent(row.estimate, 1)})" for row in top.itertuples()]
        earlier = [y for y in chapter.years if y < chapter.year]
        if earlier:
            earlier_top: set[str] = set()
            for year in earlier:
                rows = results[(results["year"] == year) & (results["group"] == sector)]
                earlier_top |= set(top_categories(rows, k, exclude=[anders])["category"])
            new = [c for c in top["category"] if c not in earlier_top]
            years_text = _join([str(y) for y in earlier])
            lines.append("")
            if new:
                lines.append(
                    f"Niet bij de meest genoemde oorzaken in {years_text}, nu wel: {_join(new)}."
                )
            else:
                lines.append(f"Deze oorzaken horen ook in {years_text} bij de meest genoemde.")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


# ----------------------------------------------------------------------------------------------
# §3.1 factors of the own workload: Q7 (all respondents, per function group)


def factor_shares(chapter: Chapter, years: Sequence[int] | None = None) -> pd.DataFrame:
    """% respondents naming each Q7 factor, per analysis group and year (cell weights, base answered
    Q7)."""
    cb = load_codebook()
    frames = []
    for year in years if years is not None else chapter.years:
        resp = chapter.measurements[year].respondents
        options = [c for c in resp.columns if c.startswith("v7_") and c[3:].isdigit()]
        for item in [*CAUSE_ITEMS, Q7_NONE]:
            column = f"v7_{item}"
            if column not in resp.columns:
                continue
            result = analysis.estimate(
                resp,
                ticked_among_answering(column, options),
                statistic="percent",
                variable="v7",
                category=cb.report_label(column),
                population="all",
                weighting_name="cell",
                by="analysis_group",
                levels=list(ANALYSIS_GROUPS),
                min_n=chapter.min_n,
            )
            frames.append(result.assign(item=item))
    return pd.concat(frames, ignore_index=True)


def table_factors(chapter: Chapter) -> ReportTable:
    """The Q7 percentages of the run year, factors × function groups (the text of §3.1 cites the top
    ones)."""
    results = factor_shares(chapter, [chapter.year])
    school_year = load_codebook().school_years(chapter.year)["current"]
    return results_table(
        results,
        table_id="Tekst H3.1",
        title="Factoren die een belangrijke rol spelen in de mate waarin werkdruk wordt ervaren "
        f"(schooljaar {school_year}), per functiegroep",
        rows="category",
        columns="group",
        column_labels=GROUP_LABELS,
        column_order=list(ANALYSIS_GROUPS),
        decimals=1,
        min_n=chapter.min_n,
        mark_changes=False,
        n_label="Respondenten in de basis (n)",
        notes=[NOTE_CELL + " Basis: wie de vraag beantwoordde; meer antwoorden mogelijk."],
    )


def top_factors_text(chapter: Chapter, k: int = 3) -> str:
    """§3.1: per function group the ``k`` factors named most often (and ties), with the top of
    earlier years."""
    cb = load_codebook()
    results = factor_shares(chapter)
    excluded = [cb.report_label(f"v7_{ANDERS_ITEM}"), cb.report_label(f"v7_{Q7_NONE}")]
    parts = []
    for group in ANALYSIS_GROUPS:
        current = results[(results["year"] == chapter.year) & (results["group"] == group)]
        top = top_categories(current, k, exclude=excluded)
        lines = [
            f"Voor {GROUP_PLURALS[group]} zijn de factoren die het meest bijdragen aan werkdruk:",
            "",
        ]
        lines += [f"- {row.category} [{fmt_percent(row.estimate, 0)}]" for row in top.itertuples()]
        for year in [y for y in chapter.years if y < chapter.year]:
            rows = results[(results["year"] == year) & (results["group"] == group)]
            earlier = top_categories(rows, k, exclude=excluded)
            lines += [
                "",
                f"In {year}: "
                + "; ".join(
                    f"{r.category} [{fmt_percent(r.estimate, 0)}]" for r in earlier.itertuples()
                )
                + ".",
            ]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def factor_sector_text(chapter: Chapter, k: int = 3) -> str:
    """§3.1 'geen verschillen tussen onderwijstypen': bao vs go for each group's top factors (domain
    t-tests)."""
    cb = load_codebook()
    resp = chapter.current.respondents
    options = [c for c in resp.columns if c.startswith("v7_") and c[3:].isdigit()]
    results = factor_shares(chapter, [chapter.year])
    excluded = [cb.report_label(f"v7_{ANDERS_ITEM}"), cb.report_label(f"v7_{Q7_NONE}")]
    tested = significant = 0
    found = []
    for group in ANALYSIS_GROUPS:
        top = top_categories(results[results["group"] == group], k, exclude=excluded)
        in_group = (resp["analysis_group"] == group).fillna(False).to_numpy()
        for row in top.itertuples():
            values = ticked_among_answering(f"v7_{row.item}", options)(resp).where(in_group)
            test = analysis.group_differences(
                resp,
                values,
                by="sector",
                reference="bao",
                weighting_name="cell",
                scale=100.0,
                min_n=chapter.min_n,
            )
            test = test[test["group"] == "go"]
            if test.empty or pd.isna(test["p"].iloc[0]):
                continue
            tested += 1
            if bool(test["significant"].iloc[0]):
                significant += 1
                found.append(
                    f"{row.category} ({GROUP_PLURALS[group]}; go "
                    f"{fmt_number(test['difference'].iloc[0], 1)} "
                    f"procentpunt t.o.v. bao, {fmt_p(test['p'].iloc[0])})"
                )
    if tested == 0:
        return (
            "Te weinig respondenten per onderwijstype om de meest genoemde factoren te vergelijken."
        )
    if significant == 0:
        return (
            f"Bij geen van de {tested} getoetste meest genoemde factoren verschilt het aandeel "
            "significant tussen "
            "bao en go (p < 0,05)."
        )
    return (
        f"Van de {tested} getoetste meest genoemde factoren verschillen er {significant} "
        "significant tussen bao en go "
        f"(p < 0,05): {_join(found)}."
    )


# ----------------------------------------------------------------------------------------------
# §3.2 Proces: Q8 evaluated (Figuur 3.2), Q9 decision (Tabel 3.1)


def evaluation_distribution(chapter: Chapter) -> pd.DataFrame:
    """Q8 answer distribution per year for schoolleiders and the rest of the team (cell weights,
    base: answered incl. 'weet ik niet'). Categories use the run year's wording."""
    cb = load_codebook()
    frames = []
    for year in chapter.years:
        resp = chapter.measurements[year].respondents
        for population, label in EVALUATION_GROUPS.items():
            for code in cb.labels("v8"):
                result = analysis.estimate(
                    resp,
                    analysis.code_indicator("v8", [code]),
                    statistic="percent",
                    variable="v8",
                    category=cb.report_label("v8", code, year=chapter.year),
                    population=population,
                    weighting_name="cell",
                    min_n=chapter.min_n,
                )
                frames.append(result.assign(group=label, group_var="functie", code=code))
    out = pd.concat(frames, ignore_index=True)
    return out.assign(series=out["group"] + " " + out["year"].astype(str))


def _evaluation_series(results: pd.DataFrame) -> list[str]:
    """Bars/columns of Figuur 3.2: schoolleiders first, then the rest of the team, years
    ascending."""
    rank = {label: i for i, label in enumerate(EVALUATION_GROUPS.values())}
    ordered = results.assign(_rank=results["group"].map(rank)).sort_values(
        ["_rank", "year"], kind="stable"
    )
    return list(dict.fromkeys(ordered["series"]))


def figure_3_2(chapter: Chapter) -> plt.Figure:
    cb = load_codebook()
    results = evaluation_distribution(chapter)
    evaluated = cb.school_years(chapter.year)["evaluated"]
    return stacked_bars(
        results,
        row="series",
        segment="category",
        value="estimate",
        row_order=_evaluation_series(results),
        segment_order=[cb.report_label("v8", c, year=chapter.year) for c in cb.labels("v8")],
        title="Figuur 3.2 Is op uw school de inzet van de werkdrukmiddelen in het schooljaar "
        f"{evaluated} geëvalueerd?",
        caption="Gewogen naar functie en sector; basis: wie de vraag beantwoordde (incl. 'Weet ik "
        "niet'). "
        "Elke meting vraagt naar het voorgaande schooljaar.",
    )


def table_figure_3_2(chapter: Chapter) -> ReportTable:
    cb = load_codebook()
    results = evaluation_distribution(chapter)
    evaluated = cb.school_years(chapter.year)["evaluated"]
    series = _evaluation_series(results)
    return results_table(
        results,
        table_id="Figuur 3.2",
        title=f"Is op uw school de inzet van de werkdrukmiddelen in het schooljaar {evaluated} "
        "geëvalueerd?",
        rows="category",
        columns="series",
        column_order=series,
        decimals=1,
        min_n=chapter.min_n,
        mark_changes=False,
        notes=[
            NOTE_CELL + " Basis: wie de vraag beantwoordde (incl. 'Weet ik niet').",
            f"Antwoordcategorieën in de formulering van meting {chapter.year}; elke meting vraagt "
            "naar het "
            "voorgaande schooljaar: "
            + "; ".join(f"{y}: {cb.school_years(y)['evaluated']}" for y in chapter.years)
            + ".",
        ],
    )


def evaluation_results(chapter: Chapter) -> pd.DataFrame:
    """The §3.2 text numbers per year: % 'Ja' (codes 2+3) of schoolleiders and of the rest of the
    team,
    % 'Weet ik niet' of the rest of the team, % 'geen verandering' (code 2 of 2+3) of
    schoolleiders."""
    specs = [
        ("sl", "Schoolleiders", "Ja (geëvalueerd)", [2, 3], None),
        ("not_sl", "Rest van het team", "Ja (geëvalueerd)", [2, 3], None),
        ("not_sl", "Rest van het team", "Weet ik niet", [4], None),
        (
            "sl",
            "evaluatie heeft plaatsgevonden",
            "geen verandering in de inzet van de middelen",
            [2],
            [2, 3],
        ),
    ]
    frames = []
    for year in chapter.years:
        resp = chapter.measurements[year].respondents
        for population, group, category, counts, base in specs:
            result = analysis.estimate(
                resp,
                analysis.code_indicator("v8", counts, base),
                statistic="percent",
                variable="v8",
                category=category,
                population=population,
                weighting_name="cell",
                min_n=chapter.min_n,
            )
            frames.append(result.assign(group=group, group_var="functie"))
    return pd.concat(frames, ignore_index=True)


def evaluation_text(chapter: Chapter) -> str:
    """§3.2: evaluated according to schoolleiders and the rest of the team, and 'no change' after an
    evaluation."""
    cb = load_codebook()
    results = evaluation_results(chapter)
    evaluated = cb.school_years(chapter.year)["evaluated"]
    sentences = [
        change_sentence(
            results,
            chapter.year,
            group="Schoolleiders",
            category="Ja (geëvalueerd)",
            subject=f"Het aandeel schoolleiders dat aangeeft dat er in schooljaar {evaluated} over "
            "de inzet van de middelen is geëvalueerd",
        ),
        change_sentence(
            results,
            chapter.year,
            group="Rest van het team",
            category="Ja (geëvalueerd)",
            subject="Het aandeel van de rest van het team dat aangeeft dat er is geëvalueerd",
        ),
        change_sentence(
            results,
            chapter.year,
            group="Rest van het team",
            category="Weet ik niet",
            subject="Het aandeel van de rest van het team dat aangeeft dit niet te weten",
        ),
        change_sentence(
            results,
            chapter.year,
            group="evaluatie heeft plaatsgevonden",
            category="geen verandering in de inzet van de middelen",
            subject="Het aandeel evaluaties (volgens de schoolleiders die aangeven dat er "
            "geëvalueerd is) "
            "zonder verandering in de inzet van de middelen als gevolg",
        ),
    ]
    return " ".join(sentences)


def decision_results(chapter: Chapter) -> pd.DataFrame:
    """Q9 per sector and year: schoolleiders, unweighted within sector, base = answered.
    Categories use the run year's wording (the school year of the decision)."""
    cb = load_codebook()
    frames = []
    for year in chapter.years:
        resp = chapter.measurements[year].respondents
        for code in cb.labels("v9"):
            frames.append(
                analysis.estimate(
                    resp,
                    analysis.code_indicator("v9", [code]),
                    statistic="percent",
                    variable="v9",
                    category=cb.report_label("v9", code, year=chapter.year),
                    population="sl",
                    weighting_name="none",
                    by="sector",
                    levels=list(SECTORS),
                    min_n=chapter.min_n,
                ).assign(code=code)
            )
    return pd.concat(frames, ignore_index=True)


def table_3_1(chapter: Chapter) -> ReportTable:
    cb = load_codebook()
    results = decision_results(chapter)
    current = results[results["year"] == chapter.year]
    decision = cb.school_years(chapter.year)["decision"]
    shown = current[~current["suppressed"].fillna(False).astype(bool)]
    bases = shown.groupby("group")["n"].max()  # the base of a suppressed sector is not shown
    counts = _schoolleider_counts(chapter, chapter.year, by="sector")
    table = results_table(
        current,
        table_id="Tabel 3.1",
        title=f"Hoe is in het schooljaar {decision} over de inzet van de middelen uit het "
        "Werkdrukakkoord besloten?",
        rows="category",
        columns="group",
        column_labels={"bao": "Bao", "go": "Go"},
        column_order=list(SECTORS),
        decimals=1,
        min_n=chapter.min_n,
        mark_changes=False,
        notes=[
            NOTE_UNWEIGHTED_SECTOR,
            "Totaal N = aantal schoolleiders in de sector (zoals het rapport); de percentages "
            "rusten op wie de vraag "
            "beantwoordde: "
            + " en ".join(
                f"{fmt_number(bases[s], 0) if s in bases.index else '*'} ({s})" for s in SECTORS
            )
            + ".",
        ],
    )
    return set_count_row(
        table, "Totaal N", {"Bao": counts.get("bao", 0), "Go": counts.get("go", 0)}
    )


def decision_text(chapter: Chapter) -> str:
    """§3.2: the share deciding within the werkverdelingsplan per sector, compared with earlier
    years."""
    cb = load_codebook()
    results = decision_results(chapter)
    within = cb.report_label("v9", 2, year=chapter.year)
    sentences = [
        change_sentence(
            results,
            chapter.year,
            category=within,
            group=sector,
            subject=f"Het aandeel schoolleiders in het {SECTOR_NAMES[sector]} dat binnen het kader "
            "van het werkverdelingsplan besloot",
        )
        for sector in SECTORS
    ]
    return " ".join(sentences)


# ----------------------------------------------------------------------------------------------
# §3.3 Rol van betrokken partijen: Q16 (Tabel 3.2), Q14 (Tabel 3.3), Q15 (Figuur 3.3), Q17/Q13
# (Tabel 3.4)


def discussed_results(
    chapter: Chapter, *, by_sector: bool = False, years: Sequence[int] | None = None
) -> pd.DataFrame:
    """Q16: % schools where the workload of a staff group was discussed, among schools that have the
    function (codes 1-3; 'niet van toepassing' excluded). Sector weights; ``by_sector``: unweighted
    within sector (text §3.3)."""
    cb = load_codebook()
    frames = []
    for year in years if years is not None else chapter.years:
        resp = chapter.measurements[year].respondents
        for item in STAFF_ITEMS:
            column = f"v16_{item}"
            if column not in resp.columns:
                continue
            result = analysis.estimate(
                resp,
                analysis.code_indicator(column, [1], [1, 2, 3]),
                statistic="percent",
                variable="v16",
                category=cb.report_label(column),
                population="sl",
                weighting_name="none" if by_sector else "sector",
                by="sector" if by_sector else None,
                levels=list(SECTORS) if by_sector else None,
                min_n=chapter.min_n,
            )
            frames.append(result.assign(item=item))
    return pd.concat(frames, ignore_index=True)


def table_3_2(chapter: Chapter) -> ReportTable:
    cb = load_codebook()
    results = discussed_results(chapter)
    current = results[results["year"] == chapter.year].sort_values(
        "estimate", ascending=False, kind="stable"
    )
    not_asked_years = [y for y in chapter.years if f"v16_{STAGEBEGELEIDER}" in cb.not_asked(y)]
    stage = cb.report_label(f"v16_{STAGEBEGELEIDER}")
    labels = {stage: f"{stage}*"} if not_asked_years and stage in set(current["category"]) else {}
    notes = [
        NOTE_SECTOR
        + " Basis: scholen met een werknemer in die functie (zonder 'Niet van toepassing')."
    ]
    if labels:
        notes.append(
            f"*in de meting in {_join([str(y) for y in not_asked_years])} is niet naar deze "
            "functiegroep gevraagd"
        )
    elif not_asked_years:
        notes.append(
            f"Naar '{stage}' is in de meting van {_join([str(y) for y in not_asked_years])} niet "
            "gevraagd."
        )
    return results_table(
        results,
        table_id="Tabel 3.2",
        title="Ging het in de gesprekken over de werkdruk van de volgende personeelsleden?",
        rows="category",
        columns="year",
        row_order=list(current["category"]),
        row_labels=labels,
        decimals=1,
        min_n=chapter.min_n,
        notes=notes,
        n_label="Schoolleiders in de basis (n, hoogste per kolom)",
    )


def discussed_sector_text(chapter: Chapter) -> str:
    """§3.3: go vs bao for behandelaars, stagebegeleiders and onderwijsassistenten (unweighted
    within
    sector, difference tested as domains of the schoolleider design)."""
    cb = load_codebook()
    resp = chapter.current.respondents
    results = discussed_results(chapter, by_sector=True, years=[chapter.year])
    clauses = []
    for item in SECTOR_COMPARISON_ITEMS:
        column = f"v16_{item}"
        if column not in resp.columns:
            continue
        rows = results[results["item"] == item].set_index("group")
        label = cb.report_label(column)
        if rows.loc[list(SECTORS), "suppressed"].any():
            clauses.append(f"{label}: te weinig schoolleiders per sector om te vergelijken")
            continue
        test = analysis.group_differences(
            resp,
            analysis.code_indicator(column, [1], [1, 2, 3]),
            by="sector",
            reference="bao",
            population="sl",
            weighting_name="none",
            scale=100.0,
            min_n=chapter.min_n,
        )
        test = test[test["group"] == "go"].iloc[0]
        go, bao = rows.loc["go", "estimate"], rows.loc["bao", "estimate"]
        if bool(test["significant"]):
            verdict = f"go {'vaker' if test['difference'] > 0 else 'minder vaak'} dan bao, significant, {fmt_p(test['p'])}"
        else:
            verdict = f"geen significant verschil, {fmt_p(test['p'])}"
        clauses.append(f"{label} (go {fmt_percent(go, 0)}, bao {fmt_percent(bao, 0)}; {verdict})")
    return (
        f"Ging het in de gesprekken in {chapter.year} over de werkdruk van (scholen met deze "
        "functie, ongewogen "
        f"binnen de sector): " + "; ".join(clauses) + "."
    )


def budget_results(chapter: Chapter) -> pd.DataFrame:
    """Q14: mean estimated % of the budget per function group; schoolleiders, sector weights, mean
    of
    the filled-in field ('Weet ik niet' excluded). A mean of percentages, shown on the 0-100
    scale."""
    cb = load_codebook()
    frames = []
    for year in chapter.years:
        resp = chapter.measurements[year].respondents
        for column in BUDGET_FIELDS:
            result = analysis.estimate(
                resp,
                filled_field(column, "v14_4"),
                statistic="mean",
                variable="v14",
                category=cb.report_label(column),
                population="sl",
                weighting_name="sector",
                min_n=chapter.min_n,
            )
            frames.append(result.assign(field=column))
    # a mean of percentages: shown and compared as percentages (procentpunt)
    return pd.concat(frames, ignore_index=True).assign(statistic="percent")


def table_3_3(chapter: Chapter) -> ReportTable:
    results = budget_results(chapter)
    sums = results.groupby("year")["estimate"].sum()
    sums_text = "; ".join(f"{y}: {fmt_percent(v, 1)}" for y, v in sums.items())
    return results_table(
        results,
        table_id="Tabel 3.3",
        title="Gemiddelde percentages van de ingeschatte budgetverdeling over de verschillende "
        "functiegroepen",
        rows="category",
        columns="year",
        decimals=1,
        min_n=chapter.min_n,
        n_label="Schoolleiders in de basis (n, hoogste per kolom)",
        notes=[
            NOTE_SECTOR
            + " Gemiddelde van het ingevulde percentage; 'Weet ik niet' niet in de basis.",
            f"De kolommen tellen op tot meer dan 100% ({sums_text}): schoolleiders laten een "
            "functiegroep zonder "
            "budget leeg, en elk gemiddelde rust alleen op wie dat veld invulde. De basis "
            "verschilt dus per rij "
            "(zie de CSV), zodat de gemiddelden niet samen 100% vormen.",
        ],
    )


def budget_text(chapter: Chapter) -> str:
    results = budget_results(chapter)
    return " ".join(
        change_sentence(
            results,
            chapter.year,
            category=c,
            subject=f"Het gemiddeld geschatte aandeel van het budget voor {c.lower()}",
        )
        for c in dict.fromkeys(results["category"])
    )


def presence_results(chapter: Chapter) -> pd.DataFrame:
    """Q15 answer distribution per function group and year (cell weights, base answered)."""
    cb = load_codebook()
    frames = []
    for year in chapter.years:
        resp = chapter.measurements[year].respondents
        for code in cb.labels("v15"):
            frames.append(
                analysis.estimate(
                    resp,
                    analysis.code_indicator("v15", [code]),
                    statistic="percent",
                    variable="v15",
                    category=cb.report_label("v15", code),
                    population="all",
                    weighting_name="cell",
                    by="analysis_group",
                    levels=list(ANALYSIS_GROUPS),
                    min_n=chapter.min_n,
                ).assign(code=code)
            )
    return pd.concat(frames, ignore_index=True)


def figure_3_3(chapter: Chapter) -> plt.Figure:
    cb = load_codebook()
    results = presence_results(chapter)
    current = results[results["year"] == chapter.year]
    frame = current.assign(label=current["group"].map(GROUP_LABELS))
    return stacked_bars(
        frame,
        row="label",
        segment="category",
        value="estimate",
        row_order=[GROUP_LABELS[g] for g in ANALYSIS_GROUPS],
        segment_order=[cb.report_label("v15", c) for c in cb.labels("v15")],
        title="Figuur 3.3 Was u zelf aanwezig bij de gesprekken op deze school over de aanpak van "
        "werkdruk?",
        caption=f"Meting {chapter.year}; gewogen naar functie en sector; basis: wie de vraag "
        "beantwoordde.",
    )


def table_figure_3_3(chapter: Chapter) -> ReportTable:
    results = presence_results(chapter)
    current = results[results["year"] == chapter.year]
    return results_table(
        current,
        table_id="Figuur 3.3",
        title="Was u zelf aanwezig bij de gesprekken op deze school over de aanpak van werkdruk? "
        f"(meting {chapter.year})",
        rows="category",
        columns="group",
        column_labels=GROUP_LABELS,
        column_order=list(ANALYSIS_GROUPS),
        decimals=1,
        min_n=chapter.min_n,
        mark_changes=False,
        notes=[NOTE_CELL + " Basis: wie de vraag beantwoordde."],
    )


def presence_text(chapter: Chapter) -> str:
    """§3.3: who was present, 'niet tot de doelgroep' for overig OP, and whether the picture
    changed."""
    cb = load_codebook()
    frames = []
    for year in chapter.years:
        resp = chapter.measurements[year].respondents
        frames.append(
            analysis.estimate(
                resp,
                analysis.code_indicator("v15", [1, 2]),
                statistic="percent",
                variable="v15_aanwezig",
                category="(vaak) aanwezig",
                population="all",
                weighting_name="cell",
                by="analysis_group",
                levels=list(ANALYSIS_GROUPS),
                min_n=chapter.min_n,
            )
        )
    present = pd.concat(frames, ignore_index=True)
    distribution = presence_results(chapter)
    current = distribution[distribution["year"] == chapter.year]
    sentences = []
    for group in ANALYSIS_GROUPS:
        rows = current[(current["group"] == group) & ~current["suppressed"].astype(bool)]
        if rows.empty:
            continue
        most = rows.sort_values("estimate", ascending=False, kind="stable").iloc[0]
        sentences.append(
            f"Het vaakst gekozen antwoord van {GROUP_PLURALS[group]} is '{most['category']}' "
            f"({fmt_percent(most['estimate'], 0)})."
        )
    doelgroep = cb.report_label("v15", 6)
    sentences.append(
        change_sentence(
            distribution,
            chapter.year,
            group="overig ondersteunend personeel",
            category=doelgroep,
            subject=f"Het aandeel overig ondersteunend personeel met '{doelgroep}'",
        )
    )
    for group in ANALYSIS_GROUPS:
        sentences.append(
            change_sentence(
                present,
                chapter.year,
                group=group,
                subject=f"Het aandeel {GROUP_PLURALS[group]} dat altijd of soms aanwezig was",
            )
        )
    return " ".join(sentences)


def board_results(chapter: Chapter) -> pd.DataFrame:
    """Q17 per option and year: schoolleiders, sector weights, base answered."""
    cb = load_codebook()
    frames = []
    for year in chapter.years:
        resp = chapter.measurements[year].respondents
        for code in BOARD_ORDER:
            frames.append(
                analysis.estimate(
                    resp,
                    analysis.code_indicator("v17", [code]),
                    statistic="percent",
                    variable="v17",
                    category=cb.report_label("v17", code),
                    population="sl",
                    weighting_name="sector",
                    min_n=chapter.min_n,
                ).assign(code=code)
            )
    return pd.concat(frames, ignore_index=True)


def table_3_4(chapter: Chapter) -> ReportTable:
    results = board_results(chapter)
    table = results_table(
        results,
        table_id="Tabel 3.4",
        title="Hoe heeft u de inzet van de werkdrukmiddelen dit schooljaar afgestemd met uw "
        "bestuur?",
        rows="category",
        columns="year",
        decimals=1,
        min_n=chapter.min_n,
        notes=[
            NOTE_SECTOR
            + " Basis: wie de vraag beantwoordde; Totaal N = alle schoolleiders (zoals het "
            "rapport).",
            "Schoolleiders in de basis: "
            + "; ".join(
                f"{y}: {fmt_number(results.loc[results['year'] == y, 'n'].max(), 0)}"
                for y in chapter.years
            )
            + ".",
        ],
    )
    counts = {str(y): _schoolleider_counts(chapter, y)[y] for y in chapter.years}
    return set_count_row(table, "Totaal N", counts)


def board_text(chapter: Chapter) -> str:
    """§3.3: full freedom from the board, 'geen eisen, voorstel beoordeeld', and PMR consent
    (Q13)."""
    cb = load_codebook()
    results = board_results(chapter)
    pmr = pd.concat(
        [
            analysis.estimate(
                chapter.measurements[y].respondents,
                analysis.code_indicator("v13", [1]),
                statistic="percent",
                variable="v13",
                category=cb.report_label("v13", 1),
                population="sl",
                weighting_name="sector",
                min_n=chapter.min_n,
            )
            for y in chapter.years
        ],
        ignore_index=True,
    )
    return " ".join(
        [
            change_sentence(
                results,
                chapter.year,
                category=cb.report_label("v17", 3),
                subject="Het aandeel schoolteams dat van het bestuur volledige vrijheid kreeg",
            ),
            change_sentence(
                results,
                chapter.year,
                category=cb.report_label("v17", 2),
                subject="Het aandeel scholen waar het bestuur geen eisen stelde maar het voorstel "
                "van het team beoordeelde",
            ),
            change_sentence(
                pmr,
                chapter.year,
                category=cb.report_label("v13", 1),
                subject="Het aandeel scholen waar de PMR met het bestedingsplan instemde",
            ),
        ]
    )
