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
from werkdruk_utils.declare import descriptives as ds
from werkdruk_utils.declare.estimates import Data
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.present import report_data as rd
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
from werkdruk_utils.present.tables import ReportTable

SOURCES = (*(f"Tabel B1.{i}" for i in range(1, 9)), "Tekst B1", "Tekst H1.1", "Tekst H1.3")
"""What the self-check compares: the report's numbers of this chapter and Bijlage 1."""


def first_measurement_note() -> str:
    """Tabel B1.4: the report prints the population of the first measurement."""
    population = ds.load_response_population()
    years = ds.population_years(population[population["table_id"] == "Tabel B1.4"])
    return (
        "Het rapport noemt deze tabel '(Meting 1)': de gedrukte cijfers horen bij de meting van "
        f"{years}, niet bij die van de overige B1-tabellen."
    )


def age_labels_note() -> str:
    """Tabel B1.6: the report's row labels differ from the questionnaire's."""
    q4 = load_codebook().labels("v4")
    return (
        "Basis: respondenten die de leeftijdsvraag (vraag 4) beantwoordden. De rijlabels zijn die "
        f"van het rapport; de vragenlijst gebruikt '{q4[1]}' en '{q4[5]}'."
    )


def budget_text(published: pd.DataFrame | None = None) -> str:
    """§1.1 sentence on the budgets per school year, from the §1.1 figures."""
    values = rd.budget_values(published)
    h11 = values[values["source_id"] == "Tekst H1.1"].sort_values("school_year")
    parts = [
        f"in {'schooljaren' if len(g) > 1 else 'schooljaar'} {' en '.join(g['school_year'])} "
        f"€{fmt_number(amount, 0 if float(amount).is_integer() else 1)} miljoen"
        for amount, g in h11.groupby("value", sort=False)
    ]
    return (
        "Met het Werkdrukakkoord kwam geld beschikbaar voor het primair onderwijs om werkdruk aan "
        f"te pakken: {'; '.join(parts)}."
    )


def _spending() -> dict[int, list[str]]:
    """Per measurement the school years its questionnaire asks about."""
    cb = load_codebook()
    return {y: [str(s) for s in cb.school_years(y)["spending"]] for y in measurements.years()}


def monitored_school_years() -> list[str]:
    """Every school year the questionnaires ask about, in order."""
    return list(dict.fromkeys(s for years in _spending().values() for s in years))


def research_questions_text() -> str:
    """§1.2: the main question and the three sub-questions, as the report words them."""
    return rd.RESEARCH_QUESTIONS.format(school_years=join(monitored_school_years()))


def two_school_year_note() -> str:
    """§1.3: which measurement asked about more than one school year."""
    return " ".join(
        f"De meting in {y} ging over {len(s)} schooljaren: {join(s)}."
        for y, s in _spending().items()
        if len(s) > 1
    )


def response_text(data: Data) -> str:
    """Tekst B1 for the run's year, computed from the loaded data, with the report's mean/median
    note."""
    raw = ds.response_summary(data.measurements[data.run_year])
    s = {k: _n(v) for k, v in raw.items()}
    s["mean_per_school"] = fmt_number(raw["mean_per_school"], 1)
    s["response_rate"] = fmt_percent(raw["response_rate"], 1)
    text = (
        f"De vragenlijst is in {data.run_year} uitgezet onder {s['sample_schools']} scholen en in "
        f"totaal hebben {s['responding_schools']} scholen gereageerd. Het responspercentage "
        f"bedraagt daarmee op schoolniveau {s['response_rate']}. In totaal hebben "
        f"{s['respondents']} personen deelgenomen: gemiddeld {s['mean_per_school']} personen per "
        f"school (mediaan {s['median_per_school']}). Op {s['single_respondent_schools']} scholen "
        "heeft slechts één persoon de vragenlijst ingevuld; in "
        f"{s['single_respondent_schoolleider']} van deze {s['single_respondent_schools']} scholen "
        "was dit de schoolleider. Het maximaal aantal personen dat heeft meegedaan per school was "
        f"{s['max_per_school']}."
    )
    mean, n, schools = (
        rd.published_value("Tekst B1", *key)
        for key in (("respondents_per_school", "mean"), ("respondents",), ("responding_schools",))
    )
    if None not in (mean, n, schools) and data.run_year == rd.published_year("Tekst B1"):
        text += (  # the report's own numbers, shown with the measurement it printed them for
            f"\n\n*Noot.* Het rapport (Bijlage 1, meting {data.run_year}) schrijft "
            f"'Gemiddeld {_n(mean)} personen per school', maar {_n(n)} personen op {_n(schools)} "
            f"scholen is gemiddeld {fmt_number(n / schools, 1)}; het gedrukte getal past bij de "
            "mediaan. Daarom staan hier beide."
        )
    return text


def _direction(response: float, population: float, margin: float) -> str:
    if pd.isna(response):  # suppressed: too few respondents
        return "niet te beoordelen (te weinig respondenten)"
    if abs(response - population) <= margin:
        return "ongeveer evenredig vertegenwoordigd"
    return "oververtegenwoordigd" if response > population else "ondervertegenwoordigd"


def _versus(row) -> str:
    return f"{fmt_percent(row['percent'], 1)} tegen {fmt_percent(row['population_percent'], 1)}"


def representativeness_text(*tables: ReportTable, margin: float = 2.0) -> str:
    """Which groups are over/under-represented in the response (difference larger than ``margin``
    pp), from Tabellen B1.1-B1.7 in that order."""
    go = tables[0].data.set_index("category").loc["go"]
    sl = tables[-1].data.set_index("category").loc["schoolleider"]
    lines = [
        "Scholen in het gespecialiseerd onderwijs (sbao, so en vso) zijn in de respons "
        f"{_direction(go['percent'], go['population_percent'], margin)}: "
        f"{fmt_percent(go['percent'], 1)} van de responderende scholen tegen "
        f"{fmt_percent(go['population_percent'], 1)} in de populatie.",
        "Schoolleiders zijn onder de respondenten "
        f"{_direction(sl['percent'], sl['population_percent'], margin)}: {_versus(sl)} in de "
        "populatie (Tabel B1.7).",
    ]
    others = [
        f"{row['label']} ({table.table_id}: {_versus(row)})"
        for table in tables[1:-1]
        for _, row in table.data.iterrows()
        if pd.notna(row["population_percent"])
        and abs(row["percent"] - row["population_percent"]) > 2 * margin
    ]
    limit = f"{_n(2 * margin)} procentpunt"
    lines.append(
        f"Andere afwijkingen van meer dan {limit}: {'; '.join(others)}. Daarvoor wordt niet apart "
        "gewogen, zoals in het rapport."
        if others
        else f"Verder wijkt geen categorie van de Tabellen B1.2–B1.6 meer dan {limit} af van de "
        "populatie; daarvoor wordt niet apart gewogen."
    )
    return "\n\n".join(lines)


def case_study_text(data: Data) -> str:
    """The case-study selection in words, computed from the case-study files and the run's Q23."""
    cases, matrix = rd.load_case_schools(), rd.interviewee_matrix()
    types = cases["type_onderwijs"].value_counts()
    others = matrix.drop(columns="Schoolleiding").sum(axis=1)
    only_sl = int(((matrix["Schoolleiding"] > 0) & (others == 0)).sum())
    no_sl = int((matrix["Schoolleiding"] == 0).sum())
    resp = data.frame(data.run_year)
    text = "In de enquête konden schoolleiders aangeven of zij wilden deelnemen aan de casestudies."
    if "v23" in resp.columns:
        sl = resp[(resp["analysis_group"] == "schoolleider").fillna(False).astype(bool)]
        volunteered = sl.loc[(sl["v23"] == 1).fillna(False).astype(bool), "school_id"].nunique()
        text += (
            f" In de enquête van {data.run_year} gaven schoolleiders van {_n(volunteered)} "
            "scholen aan te willen deelnemen aan de casestudies (vraag 23)."
        )
    printed = rd.published_value("Tekst B1", "case_study_volunteer_schools")
    if printed is not None:
        text += (
            f" Het rapport noemt {_n(printed)} aangemelde scholen (meting {rd.case_study_year()})."
        )
    vso = int(types.drop(labels=["bo"], errors="ignore").sum())
    return "\n\n".join(
        [
            text,
            f"Uit de aangemelde scholen zijn {_n(len(cases))} scholen geselecteerd op basis van "
            "zoveel mogelijk variatie in de algemene score op ervaren werkdruk, de grootte van de "
            "gemeente, het totale leerlingaantal en het type onderwijs (Tabel B1.9): "
            f"{join([f'{_n(n)} {t}' for t, n in types.items()])}.",
            f"Er zijn in totaal {_n(matrix.to_numpy().sum())} gesprekspartners geïnterviewd "
            f"(Tabel B1.10), onder wie {_n(matrix['Bestuurder'].sum())} bestuurders. Op "
            f"{_n(only_sl)} school sprak alleen de schoolleider; op {_n(no_sl)} school geen "
            "schoolleider (ziekteverlof).",
            "*Noot.* De Samenvatting van het rapport spreekt van casestudies op '10 basisscholen', "
            f"maar {_n(vso)} van de {_n(len(cases))} scholen in Tabel B1.9 zijn vso-scholen.",
        ]
    )


def _n(value: float) -> str:
    return fmt_number(value, 0)
