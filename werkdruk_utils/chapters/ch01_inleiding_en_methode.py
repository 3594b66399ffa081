"""Hoofdstuk 1 Inleiding en Bijlage 1 Methodologie: budgets, design, response and weighting.

What this module computes and from where:

* §1.1 budgets of the Werkdrukakkoord: report figures read from
  ``data/reference/published_values.csv`` (statistic ``amount_million_eur``), not survey data.
* §1.2/§1.3 research questions and methods: report text; the design numbers (sampled schools,
  case-study schools) come from the loaded school frame and ``data/case_studies``.
* Bijlage 1 response (Tekst B1, Tabellen B1.1-B1.7) for the run's measurement year: plain
  unweighted counts and shares of the sample (responding schools, respondents), the population
  shares from ``data/population/response_population.csv`` (DUO figures as printed).
* Tabel B1.8 with :func:`werkdruk_utils.stats.weighting.weight_table`.
* Tabellen B1.9/B1.10: the case-study selection as printed (``data/case_studies``), report data.

Response counts are descriptions of the sample, not estimates: no weights and no standard
errors; the counts per category of schools or persons are shown (no individual respondent is
ever listed).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from werkdruk_utils import measurements, paths
from werkdruk_utils.check.published import load_published, select
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.inputs.load import Measurement
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
from werkdruk_utils.present.report import Chapter
from werkdruk_utils.present.tables import ReportTable
from werkdruk_utils.stats.weighting import load_weighting_population, weight_table

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

CASE_STUDY_DIR: Path = paths.DATA_DIR / "case_studies"
RESPONSE_POPULATION_PATH: Path = paths.POPULATION_DIR / "response_population.csv"
SCHOOLLEIDER = "schoolleider"
BUDGET_SOURCES = ("Tekst H1.1", "Tekst H6", "Tekst H5.1")
BUDGET_COLUMNS = {"Tekst H1.1": "§1.1", "Tekst H6": "Hoofdstuk 6", "Tekst H5.1": "§5.1"}

# Tabellen B1.1-B1.7: title, unit (schools or persons), frame column, restriction.
RESPONSE_TABLES: dict[str, dict[str, object]] = {
    "Tabel B1.1": {
        "title": "Respons scholen naar onderwijstype",
        "unit": "scholen",
        "column": "sector",
    },
    "Tabel B1.2": {
        "title": "Respons scholen naar provincie",
        "unit": "scholen",
        "column": "province",
    },
    "Tabel B1.3": {
        "title": "Respons scholen naar gemeentegrootte",
        "unit": "scholen",
        "column": "municipality_category",
    },
    "Tabel B1.4": {
        "title": "Respons scholen naar denominatie",
        "unit": "scholen",
        "column": "denomination",
    },
    "Tabel B1.5": {
        "title": "Respons bao-scholen naar schoolgewicht",
        "unit": "bao-scholen",
        "column": "schoolgewicht",
        "restrict": {"sector": "bao"},
    },
    "Tabel B1.6": {"title": "Respons personen naar leeftijd", "unit": "personen", "column": "v4"},
    "Tabel B1.7": {
        "title": "Respons personen naar functie",
        "unit": "personen",
        "column": "weighting_group",
    },
}

# Printed labels corrected for display; the printed form is named in a note.
LABEL_CORRECTIONS = {("Tabel B1.1", "Boa"): "Bao"}

WEIGHT_COLUMNS = {
    "n_sample": "Aantal in sample",
    "share_sample": "Percentage in sample",
    "n_population": "Aantal in populatie",
    "share_population": "Percentage in populatie",
    "weight": "Weegfactor",
    "weighted_cases": "Gewogen cases",
}
WEIGHTING_GROUP_LABELS = {
    "schoolleider": "Schoolleider",
    "leerkracht": "Leerkracht",
    "overig": "Overig",
}

CASE_INTERVIEWEE_COLUMNS = (
    "Schoolleiding",
    "Leerkracht",
    "Onderwijsassistent/leerkracht-ondersteuner",
    "IB-er",
    "Bestuurder",
)

RESEARCH_QUESTIONS = """\
Oberon is door het ministerie van Onderwijs, Cultuur en Wetenschap (OCW) gevraagd om de effectiviteit van de aanpak \
van werkdruk met de middelen van het Werkdrukakkoord in de schooljaren {school_years} te volgen. De hoofdvraag die in \
het onderzoek centraal staat is:

> **Hoe worden de beschikbare middelen uit het Werkdrukakkoord ingezet en welke gevolgen heeft dit voor de ervaren \
werkdruk op de scholen?**

Onder deze hoofdvraag onderscheiden we drie deelvragen.

**Het proces rondom de werkdrukaanpak.** De eerste deelvraag gaat in op de manieren waarop het onderwijsveld handen en \
voeten geeft aan de uitvoering van het akkoord: welke oorzaken wijzen schoolteams aan, hoe is de keuze voor de inzet van \
de werkdrukmiddelen tot stand gekomen en welke rollen hebben verschillende betrokken partijen in dit proces; en \
verschilt het proces naar schoolkenmerken, zoals onderwijstype, verstedelijking, regio en schoolgrootte?

1. Hoe verloopt het proces van ontwikkeling/keuze van maatregelen ter vermindering van werkdruk/werkstress op scholen?

**De besteding van de werkdrukmiddelen.** De tweede deelvraag dient om inzicht te krijgen in de oplossingen die worden \
gekozen en hoe die worden geïmplementeerd, of schoolteams beperkt worden door externe factoren, of er naast de \
besteding van het geld nog andere interventies gepleegd zijn om de werkdruk te verminderen en of schoolkenmerken \
invloed hebben op de keuze en implementatie van maatregelen.

2. Welke maatregelen implementeren scholen ter vermindering van de werkdruk/werkstress?

**De effecten van de werkdrukaanpak.** Met de derde deelvraag onderzoeken we wat de effectiviteit is van het \
Werkdrukakkoord op de ontwikkeling van werkdruk en werkstress in het primair onderwijs: wat zijn de effecten van de \
genomen maatregelen, welke andere factoren zijn mogelijk van invloed geweest en verschillen de effecten naar \
schoolkenmerk?

3. Wat zijn de effecten van de door de scholen genomen maatregelen ter vermindering van werkdruk/werkstress?"""


class ChapterDataError(ValueError):
    """A reference file of this chapter does not have the expected content."""


# ----------------------------------------------------------------------------------------------
# §1.1 budgets (report figures)


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
        raise ChapterDataError(
            f"no amount_million_eur rows for {BUDGET_SOURCES} in the published values"
        )
    return rows[["source_id", "school_year", "category", "value", "note"]].reset_index(drop=True)


def table_budgets(
    chapter: Chapter | None = None, published: pd.DataFrame | None = None
) -> ReportTable:
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
        "werkdrukakkoord primair onderwijs'), overgenomen uit data/reference/published_values.csv. "
        "Dit zijn "
        "beleidsbedragen uit het rapport, geen enquêtegegevens.",
    ]
    h51 = values[values["source_id"] == "Tekst H5.1"]
    if len(h51):
        first = h51.iloc[0]
        notes.append(
            "Het rapport is hierin niet consistent: §5.1 spreekt van "
            f"'{fmt_number(first['value'], 0)} miljoen euro per "
            f"jaar' vanaf schooljaar {first['school_year']}, terwijl §1.1 en hoofdstuk 6 per "
            "schooljaar wisselende "
            "bedragen noemen (EXTRACTION_NOTES punt 17)."
        )
    return ReportTable(
        "Tekst H1.1",
        "Werkdrukmiddelen voor het primair onderwijs per schooljaar (zoals genoemd in het rapport)",
        display,
        values.assign(table_id="Tekst H1.1"),
        notes,
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


# ----------------------------------------------------------------------------------------------
# §1.2 and §1.3


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


def _join_dutch(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _report_years() -> list[int]:
    """The measurements the report publishes numbers of."""
    return sorted(int(y) for y in load_published()["measurement_year"].dropna().unique())


def research_questions_text() -> str:
    """§1.2: the main question and the three sub-questions, as the report words them."""
    return RESEARCH_QUESTIONS.format(school_years=_join_dutch(monitored_school_years()))


def two_school_year_note() -> str:
    """The note of Figuur 1.1: which measurement asked about more than one school year."""
    cb = load_codebook()
    notes = []
    for year in measurements.years():
        spending = [str(s) for s in cb.school_years(year)["spending"]]  # type: ignore[union-attr]
        if len(spending) > 1:
            notes.append(
                f"De meting in {year} ging over {len(spending)} schooljaren: "
                f"{_join_dutch(spending)}."
            )
    return " ".join(notes)


def methods_text(chapter: Chapter) -> str:
    """§1.3 (short): the three methods with the design numbers of the loaded data."""
    cases = load_case_schools()
    sampled = {year: len(m.schools) for year, m in sorted(chapter.measurements.items())}
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


# ----------------------------------------------------------------------------------------------
# Bijlage 1: sample and response


def response_summary(measurement: Measurement) -> dict[str, float]:
    """Tekst B1 for one measurement: sample, response and respondents per school.

    Keys: sample_schools, responding_schools, response_rate (%), respondents, mean_per_school,
    median_per_school, max_per_school, single_respondent_schools, single_respondent_schoolleider
    (schools whose only respondent is in the analysis group schoolleider).
    """
    resp = measurement.respondents
    per_school = resp.groupby("school_id", observed=True).size()
    n_sample = len(measurement.schools)
    if n_sample == 0:
        raise ChapterDataError(f"measurement {measurement.year}: the school frame is empty")
    single = set(per_school.index[per_school == 1])
    is_sl = (resp["analysis_group"] == SCHOOLLEIDER).fillna(False).astype(bool)
    single_sl = int(resp.loc[is_sl & resp["school_id"].isin(single), "school_id"].nunique())
    return {
        "sample_schools": n_sample,
        "responding_schools": len(per_school),
        "response_rate": 100.0 * len(per_school) / n_sample,
        "respondents": len(resp),
        "mean_per_school": float(per_school.mean()) if len(per_school) else float("nan"),
        "median_per_school": float(per_school.median()) if len(per_school) else float("nan"),
        "max_per_school": int(per_school.max()) if len(per_school) else 0,
        "single_respondent_schools": len(single),
        "single_respondent_schoolleider": single_sl,
    }


def _published_value(source_id: str, variable: str, statistic: str | None = None) -> float | None:
    rows = select(load_published(), source_id)
    rows = rows[rows["variable"] == variable]
    if statistic is not None:
        rows = rows[rows["statistic"] == statistic]
    return float(rows["value"].iloc[0]) if len(rows) else None


def _published_year(source_id: str) -> str:
    years = sorted(
        {int(y) for y in select(load_published(), source_id)["measurement_year"].dropna()}
    )
    return ", ".join(str(y) for y in years)


def response_text(chapter: Chapter) -> str:
    """Tekst B1 for the run's year, computed from the loaded data, with the report's mean/median
    note."""
    s = response_summary(chapter.current)
    text = (
        f"De vragenlijst is in {chapter.year} uitgezet onder {fmt_number(s['sample_schools'], 0)} "
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
    printed_mean = _published_value("Tekst B1", "respondents_per_school", "mean")
    printed_resp = _published_value("Tekst B1", "respondents")
    printed_schools = _published_value("Tekst B1", "responding_schools")
    if None not in (printed_mean, printed_resp, printed_schools):
        text += (
            f"\n\n*Noot.* Het rapport (Bijlage 1, meting {_published_year('Tekst B1')}) schrijft "
            "'Gemiddeld "
            f"{fmt_number(printed_mean, 0)} personen per school', maar "
            f"{fmt_number(printed_resp, 0)} personen op {fmt_number(printed_schools, 0)} scholen "
            "is gemiddeld "
            f"{fmt_number(printed_resp / printed_schools, 1)}; het gedrukte getal past bij de "
            "mediaan "
            "(EXTRACTION_NOTES punt 7). Daarom staan hier beide."
        )
    return text


def response_by_year_table(chapter: Chapter) -> ReportTable:
    """Sample and response per loaded measurement year (the Samenvatting averages these)."""
    rows = []
    for year, m in sorted(chapter.measurements.items()):
        rows.append({"year": year, **response_summary(m)})
    data = pd.DataFrame(rows)
    display = pd.DataFrame(
        {
            "Scholen in steekproef": [fmt_number(v, 0) for v in data["sample_schools"]],
            "Responderende scholen": [fmt_number(v, 0) for v in data["responding_schools"]],
            "Respons scholen": [fmt_percent(v, 1) for v in data["response_rate"]],
            "Respondenten": [fmt_number(v, 0) for v in data["respondents"]],
            "Gemiddeld per school": [fmt_number(v, 1) for v in data["mean_per_school"]],
            "Mediaan per school": [fmt_number(v, 0) for v in data["median_per_school"]],
        },
        index=[str(y) for y in data["year"]],
    )
    display.index.name = "Meting"
    notes = []
    if len(data) > 1:
        notes.append(
            f"Gemiddeld over de metingen {_join_dutch([str(y) for y in data['year']])}: "
            f"{fmt_number(data['responding_schools'].mean(), 0)} scholen en "
            f"{fmt_number(data['respondents'].mean(), 0)} "
            "personen per meting (de Samenvatting van het rapport noemt dit gemiddelde over de "
            f"metingen {_join_dutch([str(y) for y in _report_years()])})."
        )
    return ReportTable(
        "Respons per meting",
        "Steekproef en respons per meting",
        display,
        data.assign(table_id="Respons per meting"),
        notes,
    )


def load_response_population(path: Path | None = None) -> pd.DataFrame:
    """Population shares of Tabellen B1.1-B1.7 (DUO figures as printed in the report), with
    source."""
    path = Path(path) if path is not None else RESPONSE_POPULATION_PATH
    frame = pd.read_csv(
        path, dtype={"category": str, "category_label": str, "table_id": str, "source": str}
    )
    missing = sorted(set(RESPONSE_TABLES) - set(frame["table_id"]))
    if missing:
        raise ChapterDataError(f"{path}: no population rows for {missing}")
    return frame


def _frame_for(measurement: Measurement, table_id: str) -> tuple[pd.Series, str]:
    """The values to count for a response table and what one row is (responding schools or
    respondents)."""
    spec = RESPONSE_TABLES[table_id]
    column = str(spec["column"])
    if spec["unit"] == "personen":
        frame = measurement.respondents
        unit = "respondenten"
    else:
        schools = measurement.schools
        frame = schools[schools["responded"].fillna(False).astype(bool)]
        unit = "responderende scholen"
        for key, value in dict(spec.get("restrict", {})).items():  # type: ignore[arg-type]
            frame = frame[frame[key] == value]
            unit = f"responderende {value}-scholen"
    if column not in frame.columns:
        raise ChapterDataError(
            f"{table_id}: column '{column}' not in the {unit} frame of {measurement.year}"
        )
    values = frame[column]
    if column == "v4":
        values = values.astype("Int64").astype(str).where(values.notna(), None)
    return values.astype(object).where(values.notna(), None), unit


def response_distribution(values: pd.Series, categories: list[str]) -> pd.DataFrame:
    """Count and percentage per category among the non-missing values (unweighted).

    ``categories`` fixes the row order; values outside it are added at the end (so a category
    the population file does not know is shown, not dropped). Returns columns category, n,
    percent, base_n.
    """
    used = values.dropna().astype(str)
    counts = used.value_counts()
    order = list(categories) + sorted(set(counts.index) - set(categories))
    base = int(len(used))
    rows = [
        {
            "category": c,
            "n": int(counts.get(c, 0)),
            "percent": (100.0 * counts.get(c, 0) / base) if base else float("nan"),
            "base_n": base,
        }
        for c in order
    ]
    return pd.DataFrame(rows, columns=["category", "n", "percent", "base_n"])


def response_table(
    chapter: Chapter, table_id: str, population: pd.DataFrame | None = None
) -> ReportTable:
    """One of Tabellen B1.1-B1.7: population share (as printed), response share and n of the run's
    year."""
    if table_id not in RESPONSE_TABLES:
        raise KeyError(
            f"unknown response table {table_id!r}; expected one of {list(RESPONSE_TABLES)}"
        )
    spec = RESPONSE_TABLES[table_id]
    population = load_response_population() if population is None else population
    pop = population[population["table_id"] == table_id]
    values, unit = _frame_for(chapter.current, table_id)
    dist = response_distribution(values, list(pop["category"]))
    pop_by_cat = pop.set_index("category")
    labels, pop_pct = [], []
    for category in dist["category"]:
        if category in pop_by_cat.index:
            printed = str(pop_by_cat.loc[category, "category_label"])
            labels.append(LABEL_CORRECTIONS.get((table_id, printed), printed))
            pop_pct.append(float(pop_by_cat.loc[category, "population_percent"]))
        else:
            labels.append(str(category))
            pop_pct.append(float("nan"))
    data = dist.assign(
        label=labels,
        population_percent=pop_pct,
        table_id=table_id,
        year=chapter.year,
        unit=unit,
        population_source=str(pop["source"].iloc[0]) if len(pop) else "",
    )
    display = pd.DataFrame(
        {
            "Populatie": [fmt_percent(v, 1) for v in data["population_percent"]],
            "Respons": [fmt_percent(v, 1) for v in data["percent"]],
            "n": [fmt_number(v, 0) for v in data["n"]],
        },
        index=labels,
    )
    display.index.name = ""
    base_n = int(dist["base_n"].iloc[0]) if len(dist) else 0
    display.loc["Totaal"] = [
        "",
        fmt_percent(100.0 if base_n else float("nan"), 1),
        fmt_number(base_n, 0),
    ]
    pop_years = sorted({int(y) for y in pop["measurement_year"].dropna()})
    notes = [
        f"Respons: {unit} van de meting {chapter.year}, ongewogen (n = aantal per categorie).",
        f"Populatie: DUO-cijfers zoals gedrukt in {table_id} van het rapport "
        "(data/population/response_population.csv; "
        f"meting {', '.join(str(y) for y in pop_years)}); voor elke meting dezelfde "
        "populatieverdeling.",
    ]
    if table_id == "Tabel B1.1":
        notes.append(
            "Het rapport drukt 'Boa'; bedoeld is 'Bao' (regulier basisonderwijs; EXTRACTION_NOTES "
            "punt 11)."
        )
    if table_id == "Tabel B1.4":
        notes.append(
            "Het rapport noemt deze tabel '(Meting 1)': de gedrukte cijfers horen bij de meting "
            "van "
            f"{', '.join(str(y) for y in pop_years)}, niet bij die van de overige B1-tabellen."
        )
    if table_id == "Tabel B1.6":
        cb = load_codebook()
        q4 = cb.labels("v4")
        notes.append(
            "Basis: respondenten die de leeftijdsvraag (vraag 4) beantwoordden. De rijlabels zijn "
            "die van het rapport; "
            f"de vragenlijst gebruikt '{q4[1]}' en '{q4[5]}' (EXTRACTION_NOTES punt 11)."
        )
    if table_id == "Tabel B1.7":
        notes.append(
            "Functie: de weeggroepen van Tabel B1.8 (schoolleider, leerkracht, overig personeel)."
        )
    if (~dist["category"].isin(pop_by_cat.index)).any():
        notes.append(
            "–: categorie komt in de data voor maar niet in de populatiecijfers van het rapport."
        )
    return ReportTable(table_id, str(spec["title"]), display, data, notes)


def table_b1_1(chapter: Chapter) -> ReportTable:
    return response_table(chapter, "Tabel B1.1")


def table_b1_2(chapter: Chapter) -> ReportTable:
    return response_table(chapter, "Tabel B1.2")


def table_b1_3(chapter: Chapter) -> ReportTable:
    return response_table(chapter, "Tabel B1.3")


def table_b1_4(chapter: Chapter) -> ReportTable:
    return response_table(chapter, "Tabel B1.4")


def table_b1_5(chapter: Chapter) -> ReportTable:
    return response_table(chapter, "Tabel B1.5")


def table_b1_6(chapter: Chapter) -> ReportTable:
    return response_table(chapter, "Tabel B1.6")


def table_b1_7(chapter: Chapter) -> ReportTable:
    return response_table(chapter, "Tabel B1.7")


def _direction(response: float, population: float, margin: float) -> str:
    if response - population > margin:
        return "oververtegenwoordigd"
    if population - response > margin:
        return "ondervertegenwoordigd"
    return "ongeveer evenredig vertegenwoordigd"


def representativeness_text(chapter: Chapter, margin: float = 2.0) -> str:
    """Which groups are over/under-represented in the response (difference larger than ``margin``
    pp)."""
    sector = table_b1_1(chapter).data.set_index("category")
    function = table_b1_7(chapter).data.set_index("category")
    go, sl = sector.loc["go"], function.loc[SCHOOLLEIDER]
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
    for table_id in ("Tabel B1.2", "Tabel B1.3", "Tabel B1.4", "Tabel B1.5", "Tabel B1.6"):
        data = response_table(chapter, table_id).data
        for row in data.itertuples():
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


# ----------------------------------------------------------------------------------------------
# Tabel B1.8


def weight_rows(measurement: Measurement) -> pd.DataFrame:
    """Tabel B1.8 data for one measurement (weighting.weight_table) with the printed row labels."""
    table = weight_table(measurement.respondents)
    labels = [
        f"{s.upper()} {WEIGHTING_GROUP_LABELS[g]}"
        for s, g in zip(table["sector"], table["weighting_group"], strict=False)
    ]
    return table.assign(label=labels, year=measurement.year)


def table_b1_8(chapter: Chapter) -> ReportTable:
    """Tabel B1.8 Weegfactor for the run's year."""
    data = weight_rows(chapter.current)
    display = pd.DataFrame(
        {
            WEIGHT_COLUMNS["n_sample"]: [fmt_number(v, 0) for v in data["n_sample"]],
            WEIGHT_COLUMNS["share_sample"]: [fmt_percent(100 * v, 1) for v in data["share_sample"]],
            WEIGHT_COLUMNS["n_population"]: [fmt_number(v, 0) for v in data["n_population"]],
            WEIGHT_COLUMNS["share_population"]: [
                fmt_percent(100 * v, 1) for v in data["share_population"]
            ],
            WEIGHT_COLUMNS["weight"]: [fmt_number(v, 2) for v in data["weight"]],
            WEIGHT_COLUMNS["weighted_cases"]: [fmt_number(v, 2) for v in data["weighted_cases"]],
        },
        index=list(data["label"]),
    )
    display.index.name = ""
    display.loc["Totaal"] = [
        fmt_number(data["n_sample"].sum(), 0),
        "",
        fmt_number(data["n_population"].sum(), 0),
        "",
        "",
        "",
    ]
    source = load_weighting_population(year=chapter.year)["source"].iloc[0]
    notes = [
        f"Sample: respondenten van de meting {chapter.year} per sector × functiegroep. Populatie: "
        f"de aantallen van meting {chapter.year} in data/population/weighting_population.csv "
        f"(bron: {source}).",
        "Weegfactor = percentage in populatie / percentage in sample; gewogen cases = aantal in "
        "sample × weegfactor "
        f"(samen {fmt_number(data['weighted_cases'].sum(), 2)}, het aantal respondenten).",
    ]
    return ReportTable(
        "Tabel B1.8", "Weegfactor", display, data.assign(table_id="Tabel B1.8"), notes
    )


# ----------------------------------------------------------------------------------------------
# case studies (report data)


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
        raise ChapterDataError(
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
        raise ChapterDataError(
            f"{path}: unknown function column(s) {unknown}; expected {CASE_INTERVIEWEE_COLUMNS}"
        )
    return frame


def case_study_year(published: pd.DataFrame | None = None) -> int:
    """The measurement the case studies of Tabellen B1.9/B1.10 belong to (as recorded with the
    published values)."""
    published = load_published() if published is None else published
    years = select(published, "Tabel B1.9")["measurement_year"].dropna().unique()
    if len(years) != 1:
        raise ChapterDataError(f"Tabel B1.9: expected one measurement year, found {list(years)}")
    return int(years[0])


def case_study_statement() -> str:
    year = case_study_year()
    return (
        f"Tabellen B1.9 en B1.10 beschrijven de casestudies van de meting {year}, zoals het "
        "rapport ze drukt "
        "(data/case_studies); het zijn rapportgegevens, geen enquêtedata, en ze staan ongewijzigd "
        "in de uitvoer van "
        "elke meting."
    )


def _school_order(names: pd.Series) -> list[str]:
    return sorted(dict.fromkeys(names), key=lambda s: (len(s), s))


def table_b1_9(chapter: Chapter | None = None) -> ReportTable:
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


def table_b1_10(
    chapter: Chapter | None = None, published: pd.DataFrame | None = None
) -> ReportTable:
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
            f"{fmt_number(matrix[column].sum(), 0)} (EXTRACTION_NOTES punt 10)."
        )
    notes.append(
        "De rij van één school is in het rapport gedrukt als '1 1' zonder kolomplaats; gelezen als "
        "één leerkracht en "
        "één onderwijsassistent/leerkracht-ondersteuner (de tekst over de school waar de "
        "schoolleider met "
        "ziekteverlof was; EXTRACTION_NOTES punt 10)."
    )
    data = load_case_interviewees().assign(table_id="Tabel B1.10")
    return ReportTable("Tabel B1.10", "Type respondenten per school", display, data, notes)


def case_study_text(chapter: Chapter) -> str:
    """The case-study selection in words, computed from the case-study files and the run's Q23."""
    cases = load_case_schools()
    matrix = interviewee_matrix()
    types = cases["type_onderwijs"].value_counts()
    type_text = _join_dutch([f"{fmt_number(n, 0)} {t}" for t, n in types.items()])
    only_sl = int(
        (
            (matrix["Schoolleiding"] > 0) & (matrix.drop(columns="Schoolleiding").sum(axis=1) == 0)
        ).sum()
    )
    no_sl = int((matrix["Schoolleiding"] == 0).sum())
    resp = chapter.current.respondents
    volunteered = ""
    if "v23" in resp.columns:
        is_sl = (resp["analysis_group"] == SCHOOLLEIDER).fillna(False).astype(bool)
        n_vol = int(
            resp.loc[is_sl & (resp["v23"] == 1).fillna(False).astype(bool), "school_id"].nunique()
        )
        volunteered = (
            f" In de enquête van {chapter.year} gaven schoolleiders van {fmt_number(n_vol, 0)} "
            "scholen aan te "
            "willen deelnemen aan de casestudies (vraag 23)."
        )
    printed_vol = _published_value("Tekst B1", "case_study_volunteer_schools")
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
