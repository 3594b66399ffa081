"""What the report prints that is not survey data: the budgets of the Werkdrukakkoord and the
case-study selection (Tabellen B1.9 and B1.10), as named helpers.

Budgets come from ``data/reference/published_values.csv`` (statistic ``amount_million_eur``); the
case studies from ``data/case_studies``. They are shown unchanged in every measurement's output.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from werkdruk_utils import paths
from werkdruk_utils.check.published import load_published, select
from werkdruk_utils.present.formatting import fmt_number
from werkdruk_utils.present.tables import ReportTable

CASE_STUDY_DIR: Path = paths.DATA_DIR / "case_studies"
BUDGET_SOURCES = ("Tekst H1.1", "Tekst H6", "Tekst H5.1")
BUDGET_COLUMNS = {"Tekst H1.1": "§1.1", "Tekst H6": "Hoofdstuk 6", "Tekst H5.1": "§5.1"}
CASE_INTERVIEWEE_COLUMNS = (
    "Schoolleiding",
    "Leerkracht",
    "Onderwijsassistent/leerkracht-ondersteuner",
    "IB-er",
    "Bestuurder",
)


RESEARCH_QUESTIONS = (
    "Oberon is door het ministerie van Onderwijs, Cultuur en Wetenschap (OCW) gevraagd om de "
    "effectiviteit van de aanpak van werkdruk met de middelen van het Werkdrukakkoord in de "
    "schooljaren {school_years} te volgen. De hoofdvraag die in het onderzoek centraal staat "
    "is:\n"
    "\n"
    "> **Hoe worden de beschikbare middelen uit het Werkdrukakkoord ingezet en welke gevolgen "
    "heeft dit voor de ervaren werkdruk op de scholen?**\n"
    "\n"
    "Onder deze hoofdvraag onderscheiden we drie deelvragen.\n"
    "\n"
    "**Het proces rondom de werkdrukaanpak.** De eerste deelvraag gaat in op de manieren waarop"
    " het onderwijsveld handen en voeten geeft aan de uitvoering van het akkoord: welke "
    "oorzaken wijzen schoolteams aan, hoe is de keuze voor de inzet van de werkdrukmiddelen tot"
    " stand gekomen en welke rollen hebben verschillende betrokken partijen in dit proces; en "
    "verschilt het proces naar schoolkenmerken, zoals onderwijstype, verstedelijking, regio en "
    "schoolgrootte?\n"
    "\n"
    "1. Hoe verloopt het proces van ontwikkeling/keuze van maatregelen ter vermindering van "
    "werkdruk/werkstress op scholen?\n"
    "\n"
    "**De besteding van de werkdrukmiddelen.** De tweede deelvraag dient om inzicht te krijgen "
    "in de oplossingen die worden gekozen en hoe die worden geïmplementeerd, of schoolteams "
    "beperkt worden door externe factoren, of er naast de besteding van het geld nog andere "
    "interventies gepleegd zijn om de werkdruk te verminderen en of schoolkenmerken invloed "
    "hebben op de keuze en implementatie van maatregelen.\n"
    "\n"
    "2. Welke maatregelen implementeren scholen ter vermindering van de werkdruk/werkstress?\n"
    "\n"
    "**De effecten van de werkdrukaanpak.** Met de derde deelvraag onderzoeken we wat de "
    "effectiviteit is van het Werkdrukakkoord op de ontwikkeling van werkdruk en werkstress in "
    "het primair onderwijs: wat zijn de effecten van de genomen maatregelen, welke andere "
    "factoren zijn mogelijk van invloed geweest en verschillen de effecten naar schoolkenmerk?\n"
    "\n"
    "3. Wat zijn de effecten van de door de scholen genomen maatregelen ter vermindering van "
    "werkdruk/werkstress?"
)
"""§1.2 as the report words it; ``{school_years}``: the school years the monitor followed."""


class ReportDataError(ValueError):
    """A reference file does not have the expected content."""


def budget_values(published: pd.DataFrame | None = None) -> pd.DataFrame:
    """The budgets the report names (statistic ``amount_million_eur``) of §1.1, §5.1 and hoofdstuk
    6.

    Returns columns source_id, school_year, category, value (million euro), note: report figures,
    not survey data.
    """
    published = load_published() if published is None else published
    rows = select(published, list(BUDGET_SOURCES))
    rows = rows[rows["statistic"] == "amount_million_eur"]
    if rows.empty:
        raise ReportDataError(
            f"no amount_million_eur rows for {BUDGET_SOURCES} in the published values"
        )
    return rows[["source_id", "school_year", "category", "value", "note"]].reset_index(drop=True)


def table_budgets(published: pd.DataFrame | None = None) -> ReportTable:
    """Werkdrukmiddelen per school year as §1.1, §5.1 and hoofdstuk 6 print them (million euro)."""
    values = budget_values(published)
    school_years = sorted(set(values["school_year"]))
    columns = [BUDGET_COLUMNS[s] for s in BUDGET_SOURCES if s in set(values["source_id"])]
    display = pd.DataFrame("", index=school_years, columns=columns, dtype=object)
    display.index.name = "Schooljaar"
    for row in values.itertuples():
        decimals = 0 if float(row.value).is_integer() else 1
        display.loc[row.school_year, BUDGET_COLUMNS[row.source_id]] = (
            f"€ {fmt_number(row.value, decimals)} mln"
        )
    notes = [
        "Bron: de tekst van het rapport (§1.1, §5.1 en hoofdstuk 6; §1.1 verwijst naar de "
        "Kamerbrief 'Tussenevaluatie "
        "werkdrukakkoord primair onderwijs'). Dit zijn beleidsbedragen uit het rapport, geen "
        "enquêtegegevens.",
    ]
    h51 = values[values["source_id"] == "Tekst H5.1"]
    if len(h51):
        first = h51.iloc[0]
        notes.append(
            "Het rapport is hierin niet consistent: §5.1 spreekt van "
            f"'{fmt_number(first['value'], 0)} miljoen euro per "
            f"jaar' vanaf schooljaar {first['school_year']}, terwijl §1.1 en hoofdstuk 6 per "
            "schooljaar wisselende bedragen noemen."
        )
    return ReportTable(
        "Tekst H1.1",
        "Werkdrukmiddelen voor het primair onderwijs per schooljaar (zoals genoemd in het rapport)",
        display,
        values.assign(table_id="Tekst H1.1"),
        notes,
    )


def load_case_schools(path: Path | None = None) -> pd.DataFrame:
    """Tabel B1.9 as printed: one row per case-study school."""
    path = Path(path) if path is not None else CASE_STUDY_DIR / "case_schools.csv"
    frame = pd.read_csv(
        path,
        dtype={"case_school": str, "gemeentecategorie": str, "type_onderwijs": str, "source": str},
    )
    expected = {
        "case_school",
        "werkdrukscore",
        "gemeentecategorie",
        "leerlingaantal",
        "type_onderwijs",
    }
    if not expected <= set(frame.columns):
        raise ReportDataError(
            f"{path}: expected columns {sorted(expected)}, found {list(frame.columns)}"
        )
    return frame


def load_case_interviewees(path: Path | None = None) -> pd.DataFrame:
    """Tabel B1.10 as printed (long: case_school, function, interviewees); blank cells have no
    row."""
    path = Path(path) if path is not None else CASE_STUDY_DIR / "case_interviewees.csv"
    frame = pd.read_csv(path, dtype={"case_school": str, "function": str, "source": str})
    unknown = sorted(set(frame["function"]) - set(CASE_INTERVIEWEE_COLUMNS))
    if unknown:
        raise ReportDataError(
            f"{path}: unknown function column(s) {unknown}; expected {CASE_INTERVIEWEE_COLUMNS}"
        )
    return frame


def case_study_year(published: pd.DataFrame | None = None) -> int:
    """The measurement the case studies of Tabellen B1.9/B1.10 belong to (as recorded with the
    published values)."""
    published = load_published() if published is None else published
    years = select(published, "Tabel B1.9")["measurement_year"].dropna().unique()
    if len(years) != 1:
        raise ReportDataError(f"Tabel B1.9: expected one measurement year, found {list(years)}")
    return int(years[0])


def case_study_statement() -> str:
    year = case_study_year()
    return (
        f"Tabellen B1.9 en B1.10 beschrijven de casestudies van de meting {year}, zoals het "
        "rapport ze drukt; het zijn rapportgegevens, geen enquêtedata, en ze staan ongewijzigd "
        "in de uitvoer van "
        "elke meting."
    )


def _school_order(names: pd.Series) -> list[str]:
    return sorted(dict.fromkeys(names), key=lambda s: (len(s), s))


def table_b1_9() -> ReportTable:
    """Tabel B1.9 Kenmerken geselecteerde cases (report data)."""
    cases = load_case_schools()
    display = pd.DataFrame(
        {
            "Werkdruk-score": [fmt_number(v, 2) for v in cases["werkdrukscore"]],
            "Gemeente cat": list(cases["gemeentecategorie"]),
            "Leerlingaantal": [fmt_number(v, 0) for v in cases["leerlingaantal"]],
            "Type onderwijs": list(cases["type_onderwijs"]),
        },
        index=list(cases["case_school"]),
    )
    display.index.name = ""
    notes = [
        case_study_statement(),
        "Werkdruk-score: 'algemene score op ervaren werkdruk (op basis van enquête)'; het rapport "
        "definieert de schaal niet. "
        "Het rapport drukt twee scores zonder decimalen ('3').",
    ]
    return ReportTable(
        "Tabel B1.9",
        "Kenmerken geselecteerde cases",
        display,
        cases.assign(table_id="Tabel B1.9"),
        notes,
    )


def interviewee_matrix() -> pd.DataFrame:
    """Tabel B1.10 as a school x function matrix of counts (0 where the report leaves the cell
    blank)."""
    long = load_case_interviewees()
    matrix = long.pivot_table(
        index="case_school", columns="function", values="interviewees", aggfunc="sum", fill_value=0
    )
    matrix = matrix.reindex(
        index=_school_order(long["case_school"]),
        columns=list(CASE_INTERVIEWEE_COLUMNS),
        fill_value=0,
    )
    return matrix.astype("int64")


def table_b1_10(published: pd.DataFrame | None = None) -> ReportTable:
    """Tabel B1.10 Type respondenten per school, with the computed and the printed totals."""
    matrix = interviewee_matrix()
    published = load_published() if published is None else published
    printed = select(published, "Tabel B1.10")
    printed = printed[printed["group"] == "Totaal"].set_index("category")["value"]
    display = matrix.astype(object).map(lambda v: fmt_number(v, 0) if v else "")
    display.loc["Totaal (som van de rijen)"] = [fmt_number(v, 0) for v in matrix.sum()]
    display.loc["Totaal (zoals gedrukt)"] = [fmt_number(printed.get(c), 0) for c in matrix.columns]
    display.index.name = ""
    display.columns.name = None
    notes = [case_study_statement()]
    differ = [
        c for c in matrix.columns if c in printed.index and int(matrix[c].sum()) != int(printed[c])
    ]
    for column in differ:
        notes.append(
            f"{column}: het rapport drukt als totaal {fmt_number(printed[column], 0)}, maar de "
            "rijen tellen op tot "
            f"{fmt_number(matrix[column].sum(), 0)}."
        )
    notes.append(
        "De rij van één school is in het rapport gedrukt als '1 1' zonder kolomplaats; gelezen als "
        "één leerkracht en "
        "één onderwijsassistent/leerkracht-ondersteuner (de tekst over de school waar de "
        "schoolleider met "
        "ziekteverlof was)."
    )
    data = load_case_interviewees().assign(table_id="Tabel B1.10")
    return ReportTable("Tabel B1.10", "Type respondenten per school", display, data, notes)


def published_value(source_id: str, variable: str, statistic: str | None = None) -> float | None:
    """The value the report prints for ``variable`` in ``source_id`` (None when it prints none)."""
    rows = select(load_published(), source_id)
    rows = rows[rows["variable"] == variable]
    if statistic is not None:
        rows = rows[rows["statistic"] == statistic]
    return float(rows["value"].iloc[0]) if len(rows) else None


def published_year(source_id: str) -> str:
    """The measurement(s) the numbers of ``source_id`` belong to ('2024')."""
    years = sorted(
        {int(y) for y in select(load_published(), source_id)["measurement_year"].dropna()}
    )
    return ", ".join(str(y) for y in years)
