"""Hoofdstuk 6 Conclusies en de Samenvatting: the report's main findings, written from results.

The key figures (:data:`KEY_FIGURES`) are declarations of the vocabulary with the report's label
and the subject of their sentence; they follow the rules of the chapters they come from. Every
other result the text needs is declared in the notebook. A difference is called a difference
(hoger, lager, gestegen, ...) only when significant (p < 0,05): between years as independent
samples, between groups as domains of one design, distributions with Rao-Scott.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from werkdruk_utils.chapters.terms import GROUP_PLURALS, SCALES, join, top_list, top_rows_with_years
from werkdruk_utils.declare import AnyTicked, ScaleMean, ScaleShare, Share, among, without
from werkdruk_utils.declare.descriptives import response_summary
from werkdruk_utils.declare.estimates import Data, Result, estimate, evaluate
from werkdruk_utils.declare.measures import Measure
from werkdruk_utils.inputs.codebook import ANALYSIS_GROUPS, load_codebook
from werkdruk_utils.present.findings import (
    change_sentence,
    distribution_sentence,
    group_difference_sentence,
    step_sentence,
)
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
from werkdruk_utils.present.report_data import budget_values

SOURCES = ("Tekst Samenvatting", "Tekst H6")
"""What the self-check compares: the report's numbers of the Samenvatting and hoofdstuk 6."""
SECTOR_PHRASES = {
    "bao": "het regulier basisonderwijs (bao)",
    "go": "het gespecialiseerd onderwijs (go)",
}
MUNICIPALITY_PHRASES = {"G4": "de G4", "G40": "de G40", "overig": "de overige gemeenten"}
ABOUT_MARGIN = 5.0
"""'ongeveer' in a verbal statement is read as ± 5 procentpunt (the self-check's tolerance)."""
KERNCIJFERS_NOTES = (
    "Percentages en gemiddelden per meting. Proces en besteding: schoolleiders (vragen over de "
    "school), gewogen naar sector; evaluatie, aanwezigheid, werkdrukschalen en ervaren effect: "
    "gewogen naar functie en sector (Tabel B1.8).",
    "Gemiddelde scores: taakeisen 1 = nooit tot 4 = altijd; regelmogelijkheden 1 = ja, "
    "regelmatig tot 3 = nee.",
    "De basis (n) van elke rij staat in de CSV (kolom n).",
)


@dataclass(frozen=True)
class KeyFigure:
    """A key figure: its declaration, its row in Kerncijfers (``label``) and the subject of its
    sentence, which never contains words of change (a non-significant result cannot read as a
    difference). ``group``: one function group (a domain of the design)."""

    section: str
    key: str
    label: str
    subject: str
    measure: Measure
    population: str = "all"
    weighting: str = "function_x_sector"
    group: str | None = None

    def declaration(self):
        measure = replace(self.measure, label=self.label, variable=self.key)
        by, levels = ("function", (self.group,)) if self.group else (None, None)
        return estimate(
            measure, population=self.population, weighting=self.weighting, by=by, levels=levels
        )


def _school(*args) -> KeyFigure:
    """A key figure about the school: schoolleiders, weighted by sector."""
    return KeyFigure(*args, population="school_leaders", weighting="sector")


def _discussed(key: str, staff: str, who: str, label: str) -> KeyFigure:
    grid = Share(staff, ("is besproken",), without("Niet van toepassing"))
    subject = f"Het aandeel scholen waar {who} aan bod kwam"
    return _school("proces", key, f"Werkdruk {label} besproken", subject, grid)


_YES, _V18 = Share("v8", ("Ja",)), without("Weet ik niet")
_PRESENT = "dat altijd of soms aanwezig was bij de gesprekken over de aanpak van werkdruk"
KEY_FIGURES: tuple[KeyFigure, ...] = (
    KeyFigure(
        "proces",
        "eval_sl",
        "Inzet middelen geëvalueerd, volgens schoolleiders",
        "Het aandeel schoolleiders dat aangeeft dat de inzet van de middelen is geëvalueerd",
        _YES,
        "school_leaders",
    ),
    KeyFigure(
        "proces",
        "eval_team",
        "Inzet middelen geëvalueerd, volgens de rest van het team",
        "Het aandeel van de rest van het team dat aangeeft dat de inzet van de middelen is "
        "geëvalueerd",
        _YES,
        "rest_of_team",
    ),
    KeyFigure(
        "proces",
        "eval_team_unknown",
        "Weet niet of is geëvalueerd, rest van het team",
        "Het aandeel van de rest van het team dat niet weet of er is geëvalueerd",
        Share("v8", ("Weet ik niet",)),
        "rest_of_team",
    ),
    KeyFigure(
        "proces",
        "eval_no_change",
        "Na evaluatie inzet gelijk gebleven (schoolleiders die evalueerden)",
        "Het aandeel evaluaties waarna de inzet van de middelen gelijk is gebleven (volgens de "
        "schoolleiders)",
        Share("v8", ("hetzelfde gebleven",), among("Ja")),
        "school_leaders",
    ),
    _discussed(
        "discussed_leerkrachten",
        "v16_1",
        "in de gesprekken de werkdruk van groepsleerkrachten",
        "groepsleerkrachten",
    ),
    _discussed(
        "discussed_oa",
        "v16_4",
        "de werkdruk van onderwijs- of klassenassistenten",
        "onderwijs-/klassenassistenten",
    ),
    _discussed("discussed_ib", "v16_6", "de werkdruk van intern begeleiders", "intern begeleiders"),
    _discussed("discussed_sl", "v16_3", "de werkdruk van de schoolleiding", "schoolleiding"),
    *(
        KeyFigure(
            "proces",
            f"present_{g}",
            f"Altijd of soms aanwezig bij de gesprekken: {GROUP_PLURALS[g]}",
            f"Het aandeel {GROUP_PLURALS[g]} {_PRESENT}",
            Share("v15", ("Ja, altijd", "Ja, soms")),
            group=g,
        )
        for g in ANALYSIS_GROUPS
    ),
    _school(
        "proces",
        "pmr",
        "PMR heeft ingestemd met het bestedingsplan",
        "Het aandeel scholen waar de PMR met het bestedingsplan instemde",
        Share("v13", ("Ja",)),
    ),
    _school(
        "proces",
        "board_free",
        "Bestuur gaf volledige vrijheid",
        "Het aandeel scholen dat van het bestuur volledige vrijheid kreeg",
        Share("v17", ("volledige vrijheid",)),
    ),
    _school(
        "proces",
        "board_assessed",
        "Bestuur beoordeelde het voorstel van het team",
        "Het aandeel scholen waar het bestuur het voorstel van het team beoordeelde",
        Share("v17", ("geen eisen",)),
    ),
    _school(
        "besteding",
        "extra_staff",
        "Middelen besteed aan extra personeel",
        "Het aandeel scholen dat de middelen aan de inzet van extra personeel besteedde",
        AnyTicked("v11", ("extra personeel",), ""),
    ),
    _school(
        "besteding",
        "professionalisation",
        "Middelen besteed aan professionaliseringsactiviteiten",
        "Het aandeel scholen dat de middelen aan professionaliseringsactiviteiten besteedde",
        AnyTicked("v11", ("Professionalisering",), ""),
    ),
    _school(
        "besteding",
        "first_choice",
        "Middelen ingezet zoals gewenst (eerste keuze)",
        "Het aandeel scholen waar de middelen zijn ingezet zoals gewenst (eerste keuze)",
        Share("v12", ("zoals gewenst",)),
    ),
    _school(
        "besteding",
        "other_measures",
        "Proces leidde tot andere maatregelen",
        "Het aandeel scholen waar het proces ook tot andere maatregelen leidde",
        AnyTicked("v18", ("andere middelen", "geen geld"), "", _V18),
    ),
    _school(
        "besteding",
        "other_funds",
        "Andere maatregelen gefinancierd met andere middelen",
        "Het aandeel scholen met maatregelen die met andere middelen zijn gefinancierd",
        AnyTicked("v18", ("andere middelen",), "", _V18),
    ),
    _school(
        "besteding",
        "no_cost",
        "Andere maatregelen die geen geld kosten",
        "Het aandeel scholen met maatregelen die geen geld kosten",
        AnyTicked("v18", ("geen geld",), "", _V18),
    ),
    *(
        KeyFigure(
            "effecten",
            f"mean_{s}",
            f"{load_codebook().scales[s].label_nl} (gemiddelde score)",
            f"De gemiddelde score op {load_codebook().scales[s].label_nl.lower()}",
            ScaleMean(s),
        )
        for s in SCALES
    ),
    KeyFigure(
        "effecten",
        "extra_hard",
        "Vaak of altijd extra hard werken",
        "Het aandeel personeelsleden dat vaak of altijd extra hard moet werken",
        Share("v6_3", ("Vaak", "Altijd")),
    ),
    KeyFigure(
        "effecten",
        "emotional_high",
        "Werk emotioneel belastend (score ≥ 2,5)",
        "Het aandeel personeelsleden dat het werk emotioneel belastend vindt (schaalscore van ten "
        "minste 2,5)",
        ScaleShare("emotionele_belasting"),
    ),
    KeyFigure(
        "effecten",
        "cognitive_high",
        "Werk cognitief belastend (score ≥ 2,5)",
        "Het aandeel personeelsleden dat het werk cognitief belastend vindt (schaalscore van ten "
        "minste 2,5)",
        ScaleShare("moeilijkheidsgraad"),
    ),
    KeyFigure(
        "effecten",
        "school_decreased",
        "Werkdruk op school (enigszins of sterk) gedaald",
        "Het aandeel personeelsleden dat een daling van de werkdruk op hun school ervaart",
        Share("v19", ("gedaald",), without("Weet ik niet")),
    ),
    *(
        KeyFigure(
            "effecten",
            f"own_decreased_{g}",
            f"Eigen werkdruk (enigszins of sterk) gedaald: {GROUP_PLURALS[g]}",
            f"Het aandeel {GROUP_PLURALS[g]} dat een daling van de eigen werkdruk ervaart",
            Share("v21", ("gedaald",), without("Weet ik niet")),
            group=g,
        )
        for g in ANALYSIS_GROUPS
    ),
)
"""The key figures of the Samenvatting and hoofdstuk 6, in the order of the Kerncijfers table."""
SUBJECTS = {k.key: k.subject for k in KEY_FIGURES}


def key_figures(data: Data) -> pd.DataFrame:
    """Every key figure for every measurement year (one row per figure x year, figure by
    figure)."""
    return data.memo(
        "key figures",
        lambda: pd.concat(
            [
                evaluate(data, k.declaration()).frame.assign(key=k.key, section=k.section)
                for k in KEY_FIGURES
            ],
            ignore_index=True,
        ),
    ).copy()


def sentences(key: pd.DataFrame, *keys: str, steps: bool = False, note: str = "") -> str:
    """One Markdown bullet per key figure (``"present_*"``: every figure whose key starts so): the
    run year against every earlier year, or (``steps``) each step between consecutive years;
    ``note`` follows as a paragraph of its own."""
    year = int(key["year"].max())
    named = [
        k.key
        for pattern in keys
        for k in KEY_FIGURES
        if k.key == pattern or (pattern.endswith("*") and k.key.startswith(pattern[:-1]))
    ]
    lines = []
    for name in named:
        rows = key[key["key"] == name]
        if steps:
            lines.append("- " + step_sentence(rows, subject=SUBJECTS[name]))
        else:
            lines.append("- " + change_sentence(rows, year, subject=SUBJECTS[name]))
    return "\n".join(lines) + (f"\n\n{note}" if note else "")


SCALES_NOTE = (
    "Schalen 1 = nooit tot 4 = altijd (taakeisen) en 1 = ja, regelmatig tot 3 = nee "
    "(regelmogelijkheden: een hoge score betekent dus weinig regelmogelijkheden)."
)
SCHOOLS_NOTE = (
    "*Noot (tegenstrijdigheid in het rapport).* Hoofdstuk 6 spreekt hier van een aandeel van de "
    "respondenten, terwijl §4.2 hetzelfde cijfer als aandeel van de scholen geeft: de vraag is "
    "alleen aan schoolleiders gesteld. Het cijfer hierboven is dus een aandeel scholen "
    "(schoolleiders, gewogen naar sector)."
)
"""The note on EXTRACTION_NOTES 14 (respondenten vs scholen)."""


def method_text(data: Data) -> str:
    """Onderzoeksmethode: sample, responding schools and respondents per measurement."""
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


def spending_top_text(spending: Result, k: int = 6) -> str:
    """The causes the funds were spent on most often (top ``k`` per measurement, with the
    measurements), for the latest school year each measurement asked about."""
    cb = load_codebook()
    latest = {year: cb.school_years(year)["spending"][-1] for year in spending.years}
    frame = spending.frame
    kept = frame[
        [g == latest.get(int(y)) for y, g in zip(frame["year"], frame["group"], strict=True)]
    ]
    years = join([f"{y} (schooljaar {school_year})" for y, school_year in latest.items()])
    return (
        f"De onderwerpen waarvoor de werkdrukmiddelen het vaakst worden ingezet (de {k} hoogste "
        "percentages per meting; tussen haakjes de metingen waarin het onderwerp daartoe behoort; "
        f"metingen: {years}):\n\n" + top_list(top_rows_with_years(kept, k))
    )


def causes_text(causes: Result, k: int = 4) -> str:
    """The causes schoolleiders named most often per sector, with the measurements in which each
    was in the top ``k`` (Tabel B3.1 rules)."""
    others = [c for c in dict.fromkeys(causes.frame["category"]) if c.startswith("Anders")]
    parts = []
    for sector in ("bao", "go"):
        rows = causes.frame[causes.frame["group"] == sector]
        items = top_rows_with_years(rows, k, exclude=others)
        header = (
            f"Meest genoemde oorzaken van werkdruk in {SECTOR_PHRASES[sector]} (de {k} hoogste "
            "per meting):"
        )
        part = f"{header}\n\n{top_list(items)}"
        if len(causes.years) > 1:
            stable = [c for c, ps in items if len(ps) == len(causes.years)]
            part += (
                f"\n\nIn elke meting ({join(causes.years)}) in de top: {len(stable)} van de "
                f"{len(items)} genoemde oorzaken."
            )
        parts.append(part)
    return "\n\n".join(parts)


def evaluation_conclusion_text(key: pd.DataFrame, changed: Result) -> str:
    """Evaluation of the use of the funds and whether it led to a change, with the note on the
    report's contradiction (EXTRACTION_NOTES 15)."""
    lines = [sentences(key, "eval_*", steps=True)]
    earlier = changed.frame[changed.frame["year"] < changed.run_year]
    if not earlier.empty:
        parts = []
        for r in earlier.itertuples(index=False):
            if r.suppressed:
                parts.append(f"{r.year}: niet getoond")
                continue
            near = not math.isnan(r.estimate) and abs(r.estimate - 50.0) <= ABOUT_MARGIN
            verdict = "ongeveer de helft" if near else "niet ongeveer de helft"
            parts.append(f"{r.year}: {fmt_percent(r.estimate, 1)} ({verdict})")
        lines += [
            "",
            "*Noot (tegenstrijdigheid in het rapport).* Hoofdstuk 6 van het rapport schrijft dat "
            "een evaluatie in eerdere jaren in ongeveer de helft van de gevallen tot een "
            "verandering in de inzet van de middelen leidde; §3.2 geeft per meting het aandeel "
            "zonder verandering, en volgens die cijfers geldt 'ongeveer de helft' alleen voor de "
            "eerste meting. In deze data leidde een evaluatie (volgens de schoolleiders die "
            "evalueerden) tot een verandering in: " + "; ".join(parts) + ".",
        ]
    return "\n".join(lines)


def budget_text() -> str:
    """The yearly amounts of the werkdrukmiddelen as hoofdstuk 6 names them (report figures)."""
    values = budget_values()
    h6 = values[values["source_id"] == "Tekst H6"].sort_values("school_year")
    parts = [
        f"{r.school_year}: €{fmt_number(r.value, 0 if float(r.value).is_integer() else 1)} miljoen"
        for r in h6.itertuples(index=False)
    ]
    return (
        "Bedragen per schooljaar zoals hoofdstuk 6 van het rapport ze noemt (beleidscijfers uit "
        "het rapport, geen enquêtegegevens): " + "; ".join(parts) + "."
    )


def trends_text(key: pd.DataFrame) -> str:
    """The dimensions and item shares with the change between consecutive measurements, and the
    note on EXTRACTION_NOTES 16."""
    return sentences(
        key,
        "mean_kwantitatieve_taakeisen",
        "extra_hard",
        "mean_emotionele_belasting",
        "emotional_high",
        "mean_moeilijkheidsgraad",
        "cognitive_high",
        "mean_regelmogelijkheden",
        steps=True,
        note=TRENDS_NOTE if key["year"].nunique() > 1 else "",
    )


TRENDS_NOTE = (
    "*Noot (tegenstrijdigheid in het rapport).* Over de emotionele en de cognitieve belasting "
    "beschrijven §5.1 en hoofdstuk 6 het verloop tussen de metingen verschillend, en §5.1 spreekt "
    "zich voor de cognitieve belasting zelf tegen. Hierboven staat per stap tussen twee "
    "opeenvolgende metingen wat deze data laten zien; alleen een significante stap is een "
    "verandering."
)


def school_effect_group_text(by_sector: Result, answers: Result, by_municipality: Result) -> str:
    """§5.2 within the run year: % (enigszins of sterk) gedaald per sector and municipality
    category (against bao / overige gemeenten) and the Rao-Scott test of the whole answer."""
    year = by_sector.run_year
    subject = f"Aandeel dat een daling van de werkdruk op school ervaart in {year}, naar "
    sector = group_difference_sentence(
        by_sector.current().set_index("group")["estimate"].to_dict(),
        by_sector.group_tests("bao"),
        labels={k: f"in {v}" for k, v in SECTOR_PHRASES.items()},
        subject=subject + "onderwijstype",
    )
    distribution = distribution_sentence(
        answers.distribution_test(),
        subject=f"de antwoorden op de vraag naar de werkdruk op school ({year})",
        groups="bao en go",
    )
    municipality = group_difference_sentence(
        by_municipality.current().set_index("group")["estimate"].to_dict(),
        by_municipality.group_tests("overig"),
        labels={k: f"in {v}" for k, v in MUNICIPALITY_PHRASES.items()},
        subject=subject + "gemeentecategorie",
    )
    return f"- {sector}\n- {distribution}\n- {municipality}"


def own_effect_group_text(own: Result, decreased: Result) -> str:
    """Own workload (Q21): the most chosen answer per function group, and the leraren against the
    other groups."""
    current = own.current()
    lines = []
    for group in ANALYSIS_GROUPS:
        rows = current[(current["group"] == group) & ~current["suppressed"].astype(bool)]
        name = GROUP_PLURALS[group].capitalize()
        if rows.empty:
            lines.append(f"- {name}: te weinig respondenten om een cijfer te tonen.")
            continue
        top = rows.loc[rows["estimate"].idxmax()]
        lines.append(
            f"- {name}: het vaakst gekozen antwoord in {own.run_year} is '{top['category']}' "
            f"({fmt_percent(top['estimate'], 1)})."
        )
    sentence = group_difference_sentence(
        decreased.current().set_index("group")["estimate"].to_dict(),
        decreased.group_tests("leraar"),
        labels=GROUP_PLURALS,
        subject=f"Aandeel dat een daling van de eigen werkdruk ervaart in {decreased.run_year}, "
        "vergeleken met leraren",
    )
    return "\n".join([*lines, f"- {sentence}"])


def school_years_note(data: Data) -> str:
    """EXTRACTION_NOTES 19: the Samenvatting's monitored school years against §1.2 and the
    questionnaires."""
    cb = load_codebook()
    covered: list[str] = []
    for year in data.years:
        covered += [s for s in cb.school_years(year)["spending"] if s not in covered]
    current = [cb.school_years(y)["current"] for y in data.years]

    def count(items) -> str:
        return f"{len(items)} schooljaar" if len(items) == 1 else f"{len(items)} schooljaren"

    return (
        f"De metingen van deze run ({join(data.years)}) vallen in schooljaar {join(current)} "
        f"({count(current)}), maar vragen naar de besteding in {join(covered)} "
        f"({count(covered)}). *Noot (tegenstrijdigheid in het rapport):* de samenvatting noemt "
        "alleen de schooljaren waarin gemeten is, §1.2 telt ook het schooljaar vóór de eerste "
        "meting mee, waarover de eerste meting ook vroeg."
    )
