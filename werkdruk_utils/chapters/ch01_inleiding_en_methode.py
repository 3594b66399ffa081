"""Hoofdstuk 1 Inleiding en Bijlage 1 Methodologie: the text around the design, response and
weighting.

The notebook declares the tables (Tabellen B1.1-B1.8 with
:mod:`werkdruk_utils.declare.descriptives`; the budgets and the case studies, report data, with
:mod:`werkdruk_utils.present.report_data`);
this module writes the sentences: the research questions with the monitored school years, the
methods with the design numbers of the loaded data, the response, its representativeness and the
case-study selection. Counts describe the sample: no weights, no individual respondent.
"""

from __future__ import annotations

import pandas as pd

from werkdruk_utils import measurements
from werkdruk_utils.chapters.terms import join
from werkdruk_utils.declare.descriptives import (
    load_response_population,
    population_years,
    response_summary,
)
from werkdruk_utils.declare.estimates import Data
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.present import report_data
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
from werkdruk_utils.present.report_data import (
    budget_values,
    case_study_year,
    interviewee_matrix,
    load_case_schools,
    published_value,
    published_year,
)
from werkdruk_utils.present.tables import ReportTable

SOURCES = (
    "Tabel B1.1",
    "Tabel B1.2",
    "Tabel B1.3",
    "Tabel B1.4",
    "Tabel B1.5",
    "Tabel B1.6",
    "Tabel B1.7",
    "Tabel B1.8",
    "Tekst B1",
    "Tekst H1.1",
    "Tekst H1.3",
)
"""What the self-check compares: the report's numbers of this chapter and Bijlage 1."""

BOA_NOTE = (
    "Het rapport drukt 'Boa'; bedoeld is 'Bao' (regulier basisonderwijs; EXTRACTION_NOTES punt 11)."
)
FUNCTION_NOTE = (
    "Functie: de weeggroepen van Tabel B1.8 (schoolleider, leerkracht, overig personeel)."
)


def first_measurement_note() -> str:
    """Tabel B1.4: the report prints the population of the first measurement."""
    population = load_response_population()
    years = population_years(population[population["table_id"] == "Tabel B1.4"])
    return (
        "Het rapport noemt deze tabel '(Meting 1)': de gedrukte cijfers horen bij de meting van "
        f"{years}, niet bij die van de overige B1-tabellen."
    )


def age_labels_note() -> str:
    """Tabel B1.6: the report's row labels differ from the questionnaire's."""
    q4 = load_codebook().labels("v4")
    return (
        "Basis: respondenten die de leeftijdsvraag (vraag 4) beantwoordden. De rijlabels zijn die "
        f"van het rapport; de vragenlijst gebruikt '{q4[1]}' en '{q4[5]}' "
        "(EXTRACTION_NOTES punt 11)."
    )


def budget_text(published: pd.DataFrame | None = None) -> str:
    """§1.1 sentence on the budgets per school year, from the §1.1 figures."""
    values = budget_values(published)
    h11 = values[values["source_id"] == "Tekst H1.1"].sort_values("school_year")
    parts = []
    for amount, group in h11.groupby("value", sort=False):
        years = " en ".join(group["school_year"])
        decimals = 0 if float(amount).is_integer() else 1
        label = "schooljaren" if len(group) > 1 else "schooljaar"
        parts.append(f"in {label} {years} €{fmt_number(amount, decimals)} miljoen")
    return (
        "Met het Werkdrukakkoord kwam geld beschikbaar voor het primair onderwijs om werkdruk aan "
        "te pakken: "
        + "; ".join(parts)
        + ". De werkdrukmiddelen zijn structureel, vormen onderdeel van de lumpsum en zijn "
        "inmiddels opgenomen in de basisbekostiging voor instellingen per leerling (rapport §1.1)."
    )


def monitored_school_years() -> list[str]:
    """Every school year the questionnaires ask about (spending school years of all
    measurements)."""
    cb = load_codebook()
    years: list[str] = []
    for year in measurements.years():
        for school_year in cb.school_years(year)["spending"]:  # type: ignore[union-attr]
            if school_year not in years:
                years.append(str(school_year))
    return years


def research_questions_text() -> str:
    """§1.2: the main question and the three sub-questions, as the report words them."""
    return report_data.RESEARCH_QUESTIONS.format(school_years=join(monitored_school_years()))


def two_school_year_note() -> str:
    """The note of Figuur 1.1: which measurement asked about more than one school year."""
    cb = load_codebook()
    notes = []
    for year in measurements.years():
        spending = [str(s) for s in cb.school_years(year)["spending"]]  # type: ignore[union-attr]
        if len(spending) > 1:
            notes.append(
                f"De meting in {year} ging over {len(spending)} schooljaren: {join(spending)}."
            )
    return " ".join(notes)


def methods_text(data: Data) -> str:
    """§1.3 (short): the three methods with the design numbers of the loaded data."""
    cases = load_case_schools()
    sampled = {year: len(m.schools) for year, m in sorted(data.measurements.items())}
    sample_text = "; ".join(f"{fmt_number(n, 0)} scholen in {year}" for year, n in sampled.items())
    lines = [
        "Om een breed maar ook verdiepend beeld te krijgen van het proces rond en de effecten van "
        "de "
        "werkdrukmiddelen is gekozen voor een combinatie van onderzoeksmethoden:",
        "",
        "1. Deskresearch: documentstudie en interviews met sleutelinformanten.",
        "2. Jaarlijks een brede enquête onder schoolleiding, leerkrachten en "
        "(onderwijs)ondersteunend personeel bij een "
        f"steekproef van scholen (in deze gegevens: {sample_text}).",
        f"3. Jaarlijks casestudies (bezoeken) bij een selectie van {len(cases)} scholen: "
        "gesprekken met schoolleiding, "
        "leerkrachten, (onderwijs)ondersteunend personeel en bestuur.",
        "",
        two_school_year_note()
        + " Figuur 1.1 (Opzet van het onderzoek) is een schema zonder cijfers en wordt hier niet "
        "nagetekend.",
    ]
    return "\n".join(lines)


def response_text(data: Data) -> str:
    """Tekst B1 for the run's year, computed from the loaded data, with the report's mean/median
    note."""
    s = response_summary(data.measurements[data.run_year])
    text = (
        f"De vragenlijst is in {data.run_year} uitgezet onder {fmt_number(s['sample_schools'], 0)} "
        "scholen en in totaal "
        f"hebben {fmt_number(s['responding_schools'], 0)} scholen gereageerd. Het "
        "responspercentage bedraagt daarmee op "
        f"schoolniveau {fmt_percent(s['response_rate'], 1)}. In totaal hebben "
        f"{fmt_number(s['respondents'], 0)} personen "
        f"deelgenomen: gemiddeld {fmt_number(s['mean_per_school'], 1)} personen per school "
        "(mediaan "
        f"{fmt_number(s['median_per_school'], 0)}). Op "
        f"{fmt_number(s['single_respondent_schools'], 0)} scholen heeft slechts "
        "één persoon de vragenlijst ingevuld; in "
        f"{fmt_number(s['single_respondent_schoolleider'], 0)} van deze "
        f"{fmt_number(s['single_respondent_schools'], 0)} scholen was dit de schoolleider. Het "
        "maximaal aantal personen dat "
        f"heeft meegedaan per school was {fmt_number(s['max_per_school'], 0)}."
    )
    printed_mean = published_value("Tekst B1", "respondents_per_school", "mean")
    printed_resp = published_value("Tekst B1", "respondents")
    printed_schools = published_value("Tekst B1", "responding_schools")
    if None not in (printed_mean, printed_resp, printed_schools):
        text += (
            f"\n\n*Noot.* Het rapport (Bijlage 1, meting {published_year('Tekst B1')}) schrijft "
            "'Gemiddeld "
            f"{fmt_number(printed_mean, 0)} personen per school', maar "
            f"{fmt_number(printed_resp, 0)} personen op {fmt_number(printed_schools, 0)} scholen "
            "is gemiddeld "
            f"{fmt_number(printed_resp / printed_schools, 1)}; het gedrukte getal past bij de "
            "mediaan "
            "(EXTRACTION_NOTES punt 7). Daarom staan hier beide."
        )
    return text


def _direction(response: float, population: float, margin: float) -> str:
    if pd.isna(response):  # suppressed: too few respondents
        return "niet te beoordelen (te weinig respondenten)"
    if response - population > margin:
        return "oververtegenwoordigd"
    if population - response > margin:
        return "ondervertegenwoordigd"
    return "ongeveer evenredig vertegenwoordigd"


def representativeness_text(*tables: ReportTable, margin: float = 2.0) -> str:
    """Which groups are over/under-represented in the response (difference larger than ``margin``
    pp), from Tabellen B1.1-B1.7 in that order."""
    sector = tables[0].data.set_index("category")
    function = tables[-1].data.set_index("category")
    go, sl = sector.loc["go"], function.loc["schoolleider"]
    lines = [
        f"Scholen in het gespecialiseerd onderwijs (sbao, so en vso) zijn in de respons "
        f"{_direction(go['percent'], go['population_percent'], margin)}: "
        f"{fmt_percent(go['percent'], 1)} van de "
        f"responderende scholen tegen {fmt_percent(go['population_percent'], 1)} in de populatie. "
        "Dat is bewust gedaan bij "
        "de steekproeftrekking, om voldoende respons van so-scholen te krijgen. In de analyses "
        "worden de resultaten "
        "uitgesplitst naar regulier basisonderwijs en gespecialiseerd onderwijs, of er worden "
        "gewogen resultaten "
        "gepresenteerd.",
        "Schoolleiders zijn onder de respondenten "
        f"{_direction(sl['percent'], sl['population_percent'], margin)}: "
        f"{fmt_percent(sl['percent'], 1)} tegen {fmt_percent(sl['population_percent'], 1)} in de "
        "populatie (Tabel B1.7). "
        "Voor uitspraken over het gehele onderwijspersoneel wordt daarom een weegfactor naar "
        "functie en sector toegepast "
        "(Tabel B1.8), want de functieverdeling verschilt sterk tussen bao en go. (Het rapport "
        "verwijst hier naar "
        "'Tabel B1.8' en 'Tabel B1.9'; bedoeld zijn Tabel B1.7 en Tabel B1.8, EXTRACTION_NOTES "
        "punt 11.)",
    ]
    others = []
    for table in tables[1:-1]:
        table_id = table.table_id
        for row in table.data.itertuples():
            if (
                pd.notna(row.population_percent)
                and abs(row.percent - row.population_percent) > 2 * margin
            ):
                others.append(
                    f"{row.label} ({table_id}: {fmt_percent(row.percent, 1)} tegen "
                    f"{fmt_percent(row.population_percent, 1)})"
                )
    if others:
        lines.append(
            f"Andere afwijkingen van meer dan {fmt_number(2 * margin, 0)} procentpunt: "
            + "; ".join(others)
            + ". Daarvoor wordt niet apart gewogen, zoals in het rapport."
        )
    else:
        lines.append(
            "Verder wijkt geen categorie van de Tabellen B1.2–B1.6 meer dan "
            f"{fmt_number(2 * margin, 0)} "
            "procentpunt af van de populatie; daarvoor wordt niet apart gewogen."
        )
    return "\n\n".join(lines)


def case_study_text(data: Data) -> str:
    """The case-study selection in words, computed from the case-study files and the run's Q23."""
    cases = load_case_schools()
    matrix = interviewee_matrix()
    types = cases["type_onderwijs"].value_counts()
    type_text = join([f"{fmt_number(n, 0)} {t}" for t, n in types.items()])
    only_sl = int(
        (
            (matrix["Schoolleiding"] > 0) & (matrix.drop(columns="Schoolleiding").sum(axis=1) == 0)
        ).sum()
    )
    no_sl = int((matrix["Schoolleiding"] == 0).sum())
    resp = data.frame(data.run_year)
    volunteered = ""
    if "v23" in resp.columns:
        is_sl = (resp["analysis_group"] == "schoolleider").fillna(False).astype(bool)
        n_vol = int(
            resp.loc[is_sl & (resp["v23"] == 1).fillna(False).astype(bool), "school_id"].nunique()
        )
        volunteered = (
            f" In de enquête van {data.run_year} gaven schoolleiders van {fmt_number(n_vol, 0)} "
            "scholen aan te "
            "willen deelnemen aan de casestudies (vraag 23)."
        )
    printed_vol = published_value("Tekst B1", "case_study_volunteer_schools")
    lines = [
        "In de enquête konden schoolleiders aangeven of zij wilden deelnemen aan de casestudies."
        + volunteered
        + (
            f" Het rapport noemt {fmt_number(printed_vol, 0)} aangemelde scholen (meting "
            f"{case_study_year()})."
            if printed_vol is not None
            else ""
        ),
        f"Uit de aangemelde scholen zijn {fmt_number(len(cases), 0)} scholen geselecteerd op basis "
        "van zoveel mogelijk "
        "variatie in de algemene score op ervaren werkdruk, de grootte van de gemeente, het totale "
        "leerlingaantal en het "
        f"type onderwijs (Tabel B1.9): {type_text}. Omdat geen so- of sbo-school de gesprekken kon "
        "organiseren, zijn "
        "extra vso-scholen betrokken.",
        f"Er zijn in totaal {fmt_number(int(matrix.to_numpy().sum()), 0)} gesprekspartners "
        "geïnterviewd (Tabel B1.10), "
        f"onder wie {fmt_number(int(matrix['Bestuurder'].sum()), 0)} bestuurders. Op "
        f"{fmt_number(only_sl, 0)} school sprak "
        f"alleen de schoolleider; op {fmt_number(no_sl, 0)} school geen schoolleider "
        "(ziekteverlof).",
        "*Noot.* De Samenvatting van het rapport spreekt van casestudies op '10 basisscholen', "
        "maar "
        f"{fmt_number(int(types.drop(labels=['bo'], errors='ignore').sum()), 0)} van de "
        f"{fmt_number(len(cases), 0)} scholen "
        "in Tabel B1.9 zijn vso-scholen (EXTRACTION_NOTES punt 12).",
    ]
    return "\n\n".join(lines)
