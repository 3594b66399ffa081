"""Descriptions of the sample that are not estimates: named helpers next to the vocabulary.

* :func:`reliability_table`: Cronbach's alpha of the scales per measurement (unweighted, the
  respondents who answered every item).
* :func:`response_summary`, :func:`response_by_year_table`, :func:`response_text`: sample and
  response per measurement.
* :func:`response_table`: Tabellen B1.1-B1.7, the response of schools or persons per category of
  a characteristic beside the population shares the report prints
  (``data/population/response_population.csv``): plain counts, no weights, no individual shown.
* :func:`weight_table`: Tabel B1.8 (:func:`werkdruk_utils.stats.weighting.weight_table`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from werkdruk_utils import paths
from werkdruk_utils.chapters.terms import join
from werkdruk_utils.declare.estimates import Data
from werkdruk_utils.declare.measures import DeclarationError
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.inputs.load import Measurement
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
from werkdruk_utils.present.tables import SUPPRESSED, ReportTable
from werkdruk_utils.stats import scales
from werkdruk_utils.stats.suppression import count_suppression
from werkdruk_utils.stats.weighting import load_weighting_population
from werkdruk_utils.stats.weighting import weight_table as weighting_table

RESPONSE_POPULATION_PATH: Path = paths.POPULATION_DIR / "response_population.csv"
UNITS = {"scholen": None, "bao-scholen": "bao", "personen": None}
"""Who a response table counts: responding schools (of a sector) or respondents."""
LABEL_CORRECTIONS = {("Tabel B1.1", "Boa"): "Bao"}
"""Printed labels corrected for display; the printed form is named in a note."""
WEIGHT_COLUMNS = {
    "n_sample": "Aantal in sample",
    "share_sample": "Percentage in sample",
    "n_population": "Aantal in populatie",
    "share_population": "Percentage in populatie",
    "weight": "Weegfactor",
    "weighted_cases": "Gewogen cases",
}
SAMPLE_COLUMNS = ("n_sample", "share_sample", "weight", "weighted_cases")
"""Tabel B1.8 columns that rest on the respondents of the cell (suppressed with it)."""
WEIGHTING_GROUP_LABELS = {
    "schoolleider": "Schoolleider",
    "leerkracht": "Leerkracht",
    "overig": "Overig",
}

RELIABILITY_ID = "Betrouwbaarheid H2"


def reliability(data: Data, scale_names: Sequence[str]) -> pd.DataFrame:
    """Cronbach's alpha per year and scale (unweighted, rows with all items answered)."""
    rows = []
    for year, m in sorted(data.measurements.items()):
        for name in scale_names:
            scale = load_codebook().scales[name]
            items = list(scale.items)
            complete = int(m.respondents[items].notna().all(axis=1).sum())
            try:
                alpha = scales.cronbach_alpha(m.respondents, items)
            except scales.ScaleError:
                alpha = math.nan
            rows.append(
                {
                    "year": int(year),
                    "scale": name,
                    "category": scale.label_nl,
                    "items": len(items),
                    "alpha": alpha,
                    "n": complete,
                }
            )
    return pd.DataFrame(rows)


def reliability_table(data: Data, scale_names: Sequence[str]) -> ReportTable:
    """The reliability of the scales per measurement: 'alpha (n = complete respondents)'."""
    rows = reliability(data, scale_names)
    labels = [load_codebook().scales[s].label_nl for s in scale_names]
    years = [str(y) for y in sorted(rows["year"].unique())]
    display = pd.DataFrame(index=labels, columns=years, dtype=object)
    display.index.name = ""
    for r in rows.itertuples():
        display.loc[r.category, str(r.year)] = (
            f"{fmt_number(r.alpha, 2)} (n = {fmt_number(r.n, 0)})"
        )
    notes = [
        "Cronbach's alpha, ongewogen, over de respondenten die alle items van de schaal "
        "beantwoordden (n).",
        "Items: kwantitatieve taakeisen vraag 6 items 1–3; emotionele belasting 4–6; "
        "moeilijkheidsgraad 7–9; regelmogelijkheden vraag 5 items 1–6.",
    ]
    return ReportTable(
        RELIABILITY_ID,
        "Betrouwbaarheid van de schalen (Cronbach's alpha) per meting",
        display,
        rows.assign(table_id=RELIABILITY_ID),
        notes,
    )


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
        raise DeclarationError(f"measurement {measurement.year}: the school frame is empty")
    single = set(per_school.index[per_school == 1])
    is_sl = (resp["analysis_group"] == "schoolleider").fillna(False).astype(bool)
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


def response_text(data: Data) -> str:
    """Sample and response in one sentence per run: per measurement the schools in the sample,
    the responding schools and the respondents, and (with more than one measurement) the mean
    number of responding schools and respondents, as the report's Samenvatting words it."""
    summaries = {year: response_summary(m) for year, m in sorted(data.measurements.items())}
    per_year = "; ".join(
        f"{year}: {fmt_number(s['sample_schools'], 0)} scholen in de steekproef, "
        f"{fmt_number(s['responding_schools'], 0)} deelnemende scholen en "
        f"{fmt_number(s['respondents'], 0)} respondenten"
        for year, s in summaries.items()
    )
    text = f"Per meting: {per_year}."
    if len(summaries) > 1:
        schools = sum(s["responding_schools"] for s in summaries.values()) / len(summaries)
        persons = sum(s["respondents"] for s in summaries.values()) / len(summaries)
        text += (
            f" Gemiddeld over de metingen {join(summaries)} hebben {fmt_number(schools, 0)} "
            f"scholen meegewerkt en {fmt_number(persons, 0)} personen de vragenlijst ingevuld."
        )
    return text


def report_years() -> list[int]:
    """The measurements the report publishes numbers of."""
    from werkdruk_utils.check.published import load_published

    return sorted(int(y) for y in load_published()["measurement_year"].dropna().unique())


def response_by_year_table(data: Data, mean_row: bool = False) -> ReportTable:
    """Sample and response per loaded measurement year (the Samenvatting averages these);
    ``mean_row`` adds their mean over the measurements as a last row 'Gemiddeld' (the numbers
    :func:`response_text` states)."""
    rows = []
    for year, m in sorted(data.measurements.items()):
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
    if mean_row and len(data) > 1:
        sample, schools, persons = (
            fmt_number(data[c].mean(), 0)
            for c in ("sample_schools", "responding_schools", "respondents")
        )
        display.loc["Gemiddeld"] = [sample, schools, "–", persons, "–", "–"]
    notes = []
    if len(data) > 1:
        notes.append(
            f"Gemiddeld over de metingen {join([str(y) for y in data['year']])}: "
            f"{fmt_number(data['responding_schools'].mean(), 0)} scholen en "
            f"{fmt_number(data['respondents'].mean(), 0)} "
            "personen per meting (de Samenvatting van het rapport noemt dit gemiddelde over de "
            f"metingen {join([str(y) for y in report_years()])})."
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
    return pd.read_csv(
        path, dtype={"category": str, "category_label": str, "table_id": str, "source": str}
    )


def _counted(measurement: Measurement, table_id: str, unit: str, by: str) -> tuple[pd.Series, str]:
    """The values to count for a response table and what one row is (responding schools or
    respondents)."""
    if unit not in UNITS:
        raise DeclarationError(f"{table_id}: unknown unit {unit!r}; expected one of {list(UNITS)}")
    if unit == "personen":
        frame, counted = measurement.respondents, "respondenten"
    else:
        schools = measurement.schools
        frame = schools[schools["responded"].fillna(False).astype(bool)]
        counted = "responderende scholen"
        if UNITS[unit] is not None:
            frame = frame[frame["sector"] == UNITS[unit]]
            counted = f"responderende {UNITS[unit]}-scholen"
    if by not in frame.columns:
        raise DeclarationError(
            f"{table_id}: column '{by}' not in the {counted} frame of {measurement.year}"
        )
    values = frame[by]
    if by == "v4":
        values = values.astype("Int64").astype(str).where(values.notna(), None)
    return values.astype(object).where(values.notna(), None), counted


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
    data: Data,
    table_id: str,
    title: str,
    *,
    unit: str,
    by: str,
    notes: Sequence[str] = (),
    population: pd.DataFrame | None = None,
) -> ReportTable:
    """Tabellen B1.1-B1.7: the response of the run's measurement per category of ``by`` (``unit``
    ``"scholen"``, ``"bao-scholen"`` or ``"personen"``) beside the population share as the
    report prints it; ``notes`` follow the notes on response and population."""
    population = load_response_population() if population is None else population
    pop = population[population["table_id"] == table_id]
    if pop.empty:
        raise DeclarationError(f"{RESPONSE_POPULATION_PATH}: no population rows for {table_id}")
    values, counted = _counted(data.measurements[data.run_year], table_id, unit, by)
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
    rows = dist.assign(
        label=labels,
        population_percent=pop_pct,
        table_id=table_id,
        year=data.run_year,
        unit=counted,
        population_source=str(pop["source"].iloc[0]),
    )
    base_n = int(dist["base_n"].iloc[0]) if len(dist) else 0
    hidden = count_suppression(rows["n"], data.min_n) if unit == "personen" else []
    if any(hidden):
        rows = suppressed_counts(rows, hidden, ["n", "percent"])
        if base_n < data.min_n:
            rows["base_n"] = float("nan")
    display = pd.DataFrame(
        {
            "Populatie": [fmt_percent(v, 1) for v in rows["population_percent"]],
            "Respons": [_shown(fmt_percent(v, 1), h) for v, h in _hidden(rows, "percent")],
            "n": [_shown(fmt_number(v, 0), h) for v, h in _hidden(rows, "n")],
        },
        index=labels,
    )
    display.index.name = ""
    total_hidden = unit == "personen" and 0 < base_n < data.min_n
    display.loc["Totaal"] = [
        "",
        _shown(fmt_percent(100.0 if base_n else float("nan"), 1), total_hidden),
        _shown(fmt_number(base_n, 0), total_hidden),
    ]
    all_notes = [
        f"Respons: {counted} van de meting {data.run_year}, ongewogen (n = aantal per categorie).",
        f"Populatie: DUO-cijfers zoals gedrukt in {table_id} van het rapport (meting "
        f"{population_years(pop)}); voor elke meting dezelfde populatieverdeling.",
        *notes,
    ]
    if any(hidden):
        all_notes.append(COUNT_SUPPRESSION_NOTE.format(min_n=data.min_n))
    if (~dist["category"].isin(pop_by_cat.index)).any():
        all_notes.append(
            "–: categorie komt in de data voor maar niet in de populatiecijfers van het rapport."
        )
    return ReportTable(table_id, title, display, rows, all_notes)


COUNT_SUPPRESSION_NOTE = (
    "*: een aantal van minder dan {min_n} respondenten wordt niet getoond (met het percentage); "
    "is precies één aantal zo onderdrukt, dan ook het kleinste aantal daarna, zodat het niet uit "
    "het totaal is terug te rekenen."
)


def suppressed_counts(
    rows: pd.DataFrame, hidden: Sequence[bool], columns: Sequence[str]
) -> pd.DataFrame:
    """``rows`` with ``suppressed`` (``hidden``) and ``columns`` blank in the hidden rows."""
    out = rows.copy()
    flags = pd.Series(list(hidden), index=out.index, dtype=bool)
    for column in columns:
        out[column] = out[column].astype(float).where(~flags)
    out["suppressed"] = flags
    return out


def _hidden(rows: pd.DataFrame, column: str):
    flags = rows["suppressed"] if "suppressed" in rows.columns else [False] * len(rows)
    return zip(rows[column], flags, strict=True)


def _shown(text: str, hidden: bool) -> str:
    return SUPPRESSED if hidden else text


def population_years(population: pd.DataFrame) -> str:
    """The measurements the printed population shares belong to ('2022, 2024')."""
    return ", ".join(
        str(y) for y in sorted({int(y) for y in population["measurement_year"].dropna()})
    )


def weight_rows(measurement: Measurement) -> pd.DataFrame:
    """Tabel B1.8 data for one measurement (weighting.weight_table) with the printed row labels."""
    table = weighting_table(measurement.respondents)
    labels = [
        f"{s.upper()} {WEIGHTING_GROUP_LABELS[g]}"
        for s, g in zip(table["sector"], table["weighting_group"], strict=False)
    ]
    return table.assign(label=labels, year=measurement.year)


def weight_table(data: Data) -> ReportTable:
    """Tabel B1.8 Weegfactor for the run's measurement."""
    year, min_n = data.run_year, data.min_n
    data = weight_rows(data.measurements[year])
    total_cases, total_sample = data["weighted_cases"].sum(), data["n_sample"].sum()
    hidden = count_suppression(data["n_sample"], min_n)
    if any(hidden):
        data = suppressed_counts(data, hidden, SAMPLE_COLUMNS)
    display = pd.DataFrame(
        {
            WEIGHT_COLUMNS["n_sample"]: [
                _shown(fmt_number(v, 0), h) for v, h in _hidden(data, "n_sample")
            ],
            WEIGHT_COLUMNS["share_sample"]: [
                _shown(fmt_percent(100 * v, 1), h) for v, h in _hidden(data, "share_sample")
            ],
            WEIGHT_COLUMNS["n_population"]: [fmt_number(v, 0) for v in data["n_population"]],
            WEIGHT_COLUMNS["share_population"]: [
                fmt_percent(100 * v, 1) for v in data["share_population"]
            ],
            WEIGHT_COLUMNS["weight"]: [
                _shown(fmt_number(v, 2), h) for v, h in _hidden(data, "weight")
            ],
            WEIGHT_COLUMNS["weighted_cases"]: [
                _shown(fmt_number(v, 2), h) for v, h in _hidden(data, "weighted_cases")
            ],
        },
        index=list(data["label"]),
    )
    display.index.name = ""
    display.loc["Totaal"] = [
        _shown(fmt_number(total_sample, 0), 0 < total_sample < min_n),
        "",
        fmt_number(data["n_population"].sum(), 0),
        "",
        "",
        "",
    ]
    notes = [
        f"Sample: respondenten van de meting {year} per sector × functiegroep. Populatie: "
        f"de aantallen van meting {year} (bron: "
        f"{load_weighting_population(year=year)['source'].iloc[0]}).",
        "Weegfactor = percentage in populatie / percentage in sample; gewogen cases = aantal in "
        "sample × weegfactor "
        f"(samen {_shown(fmt_number(total_cases, 2), 0 < total_sample < min_n)}, het aantal "
        "respondenten).",
    ]
    if any(hidden):
        notes.append(
            f"*: een cel met minder dan {min_n} respondenten wordt niet getoond (aantal, "
            "percentage, weegfactor en gewogen cases); is precies één cel zo onderdrukt, dan ook "
            "de kleinste cel daarna, zodat ze niet uit het totaal is terug te rekenen."
        )
    return ReportTable(
        "Tabel B1.8", "Weegfactor", display, data.assign(table_id="Tabel B1.8"), notes
    )
