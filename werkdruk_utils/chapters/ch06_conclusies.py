"""Hoofdstuk 6 Conclusies and the Samenvatting: the report's main findings, written from results.

The key figures (:data:`KEY_FIGURES`, :mod:`werkdruk_utils.declare.keyfigures`) carry the report's
label and the subject of their sentence. The Samenvatting states their values in this measurement
against the earlier ones beside the Kerncijfers table; the Conclusies look back over the
measurements in words, with values and tests in folds. A difference is only called one when
significant (p < 0,05).
"""

from __future__ import annotations

import pandas as pd

from werkdruk_utils.chapters.terms import (
    GROUP_PLURALS,
    MUNICIPALITY_NAMES,
    SCALES,
    SECTOR_NAMES,
    join,
    top_list,
    top_rows_with_years,
)
from werkdruk_utils.declare import AnyTicked, ScaleMean, ScaleShare, Share, among, without
from werkdruk_utils.declare.estimates import Data, Result
from werkdruk_utils.declare.keyfigures import KeyFigure, evaluate_key_figures, key_sentences
from werkdruk_utils.inputs.codebook import ANALYSIS_GROUPS, load_codebook
from werkdruk_utils.present.bases import Annotated, n_span
from werkdruk_utils.present.findings import (
    distribution_finding,
    group_comparison_finding,
    most_chosen_lines,
    paragraph,
    stat_fold,
)
from werkdruk_utils.present.formatting import fmt_number, fmt_percent

SOURCES = ("Tekst Samenvatting", "Tekst H6")
"""What the self-check compares: the report's numbers of the Samenvatting and hoofdstuk 6."""
ABOUT_MARGIN = 5.0
"""'ongeveer' in a verbal statement is read as ± 5 procentpunt (the self-check's tolerance)."""
KERNCIJFERS_NOTES = (
    "Percentages en gemiddelden per meting. Proces en besteding: schoolleiders (vragen over de "
    "school), gewogen naar sector; evaluatie, aanwezigheid, werkdrukschalen en ervaren effect: "
    "gewogen naar functie en sector (Tabel B1.8).",
    "Gemiddelde scores: taakeisen 1 = nooit tot 4 = altijd; regelmogelijkheden 1 = ja, "
    "regelmatig tot 3 = nee. Werk emotioneel of cognitief belastend: een schaalscore van ten "
    "minste 2,5.",
    "De basis (n) van elke rij staat in de CSV (kolom n).",
)


def _school(section, key, measure, label, subject) -> KeyFigure:
    """A key figure about the school: schoolleiders, weighted by sector."""
    return KeyFigure(section, key, label, subject, measure, "school_leaders", "sector")


def _discussed(key: str, staff: str, who: str, label: str) -> KeyFigure:
    grid = Share(staff, ("is besproken",), without("Niet van toepassing"))
    subject = f"Het aandeel scholen waar {who} aan bod kwam"
    return _school("proces", key, grid, f"Werkdruk {label} besproken", subject)


_YES, _V18, _CODEBOOK = Share("v8", ("Ja",)), without("Weet ik niet"), load_codebook()
_PRESENT = "dat altijd of soms aanwezig was bij de gesprekken over de aanpak van werkdruk"
_DECREASED = Share("v21", ("gedaald",), without("Weet ik niet"))
# One key figure per entry: section, key, measure, label (row of Kerncijfers), subject.
# fmt: off
KEY_FIGURES: tuple[KeyFigure, ...] = (
    KeyFigure("proces", "eval_sl", "Inzet middelen geëvalueerd, volgens schoolleiders",
              "Het aandeel schoolleiders dat aangeeft dat de inzet van de middelen is geëvalueerd",
              _YES, "school_leaders"),
    KeyFigure("proces", "eval_team", "Inzet middelen geëvalueerd, volgens de rest van het team",
              "Het aandeel van de rest van het team dat aangeeft dat de inzet van de middelen is "
              "geëvalueerd", _YES, "rest_of_team"),
    KeyFigure("proces", "eval_team_unknown", "Weet niet of is geëvalueerd, rest van het team",
              "Het aandeel van de rest van het team dat niet weet of er is geëvalueerd",
              Share("v8", ("Weet ik niet",)), "rest_of_team"),
    KeyFigure("proces", "eval_no_change",
              "Na evaluatie inzet gelijk gebleven (schoolleiders die evalueerden)",
              "Het aandeel evaluaties waarna de inzet van de middelen gelijk is gebleven (volgens "
              "de schoolleiders)", Share("v8", ("hetzelfde gebleven",), among("Ja")),
              "school_leaders"),
    _discussed("discussed_leerkrachten", "v16_1",
               "in de gesprekken de werkdruk van groepsleerkrachten", "groepsleerkrachten"),
    _discussed("discussed_oa", "v16_4", "de werkdruk van onderwijs- of klassenassistenten",
               "onderwijs-/klassenassistenten"),
    _discussed("discussed_ib", "v16_6", "de werkdruk van intern begeleiders", "intern begeleiders"),
    _discussed("discussed_sl", "v16_3", "de werkdruk van de schoolleiding", "schoolleiding"),
    *(KeyFigure("proces", f"present_{g}",
                f"Altijd of soms aanwezig bij de gesprekken: {GROUP_PLURALS[g]}",
                f"Het aandeel {GROUP_PLURALS[g]} {_PRESENT}",
                Share("v15", ("Ja, altijd", "Ja, soms")), group=g) for g in ANALYSIS_GROUPS),
    _school("proces", "pmr", Share("v13", ("Ja",)), "PMR heeft ingestemd met het bestedingsplan",
            "Het aandeel scholen waar de PMR met het bestedingsplan instemde"),
    _school("proces", "board_free", Share("v17", ("volledige vrijheid",)),
            "Bestuur gaf volledige vrijheid",
            "Het aandeel scholen dat van het bestuur volledige vrijheid kreeg"),
    _school("proces", "board_assessed", Share("v17", ("geen eisen",)),
            "Bestuur beoordeelde het voorstel van het team",
            "Het aandeel scholen waar het bestuur het voorstel van het team beoordeelde"),
    _school("besteding", "extra_staff", AnyTicked("v11", ("extra personeel",), ""),
            "Middelen besteed aan extra personeel",
            "Het aandeel scholen dat de middelen aan de inzet van extra personeel besteedde"),
    _school("besteding", "professionalisation", AnyTicked("v11", ("Professionalisering",), ""),
            "Middelen besteed aan professionaliseringsactiviteiten",
            "Het aandeel scholen dat de middelen aan professionaliseringsactiviteiten besteedde"),
    _school("besteding", "first_choice", Share("v12", ("zoals gewenst",)),
            "Middelen ingezet zoals gewenst (eerste keuze)",
            "Het aandeel scholen waar de middelen zijn ingezet zoals gewenst (eerste keuze)"),
    _school("besteding", "other_measures",
            AnyTicked("v18", ("andere middelen", "geen geld"), "", _V18),
            "Proces leidde tot andere maatregelen",
            "Het aandeel scholen waar het proces ook tot andere maatregelen leidde"),
    _school("besteding", "other_funds", AnyTicked("v18", ("andere middelen",), "", _V18),
            "Andere maatregelen gefinancierd met andere middelen",
            "Het aandeel scholen met maatregelen die met andere middelen zijn gefinancierd"),
    _school("besteding", "no_cost", AnyTicked("v18", ("geen geld",), "", _V18),
            "Andere maatregelen die geen geld kosten",
            "Het aandeel scholen met maatregelen die geen geld kosten"),
    *(KeyFigure("effecten", f"mean_{s}", f"{_CODEBOOK.scales[s].label_nl} (gemiddelde score)",
                f"De gemiddelde score op {_CODEBOOK.scales[s].label_nl.lower()}", ScaleMean(s))
      for s in SCALES),
    KeyFigure("effecten", "extra_hard", "Vaak of altijd extra hard werken",
              "Het aandeel personeelsleden dat vaak of altijd extra hard moet werken",
              Share("v6_3", ("Vaak", "Altijd"))),
    KeyFigure("effecten", "emotional_high", "Werk emotioneel belastend (score ≥ 2,5)",
              "Het aandeel personeelsleden dat het werk emotioneel belastend vindt",
              ScaleShare("emotionele_belasting")),
    KeyFigure("effecten", "cognitive_high", "Werk cognitief belastend (score ≥ 2,5)",
              "Het aandeel personeelsleden dat het werk cognitief belastend vindt",
              ScaleShare("moeilijkheidsgraad")),
    KeyFigure("effecten", "school_decreased", "Werkdruk op school (enigszins of sterk) gedaald",
              "Het aandeel personeelsleden dat een daling van de werkdruk op hun school ervaart",
              Share("v19", ("gedaald",), without("Weet ik niet"))),
    *(KeyFigure("effecten", f"own_decreased_{g}",
                f"Eigen werkdruk (enigszins of sterk) gedaald: {GROUP_PLURALS[g]}",
                f"Het aandeel {GROUP_PLURALS[g]} dat een daling van de eigen werkdruk ervaart",
                _DECREASED, group=g) for g in ANALYSIS_GROUPS),
)
# fmt: on
"""The key figures of the Samenvatting and hoofdstuk 6, in the order of the Kerncijfers table."""


def key_figures(data: Data) -> pd.DataFrame:
    """Every key figure for every measurement year (one row per figure x year)."""
    return evaluate_key_figures(data, KEY_FIGURES)


def sentences(key: pd.DataFrame, *keys: str, steps: bool = False, note: str = "") -> str:
    """The sentences of the key figures ``keys`` (:func:`key_sentences`)."""
    return key_sentences(key, KEY_FIGURES, *keys, steps=steps, note=note)


SCALES_NOTE = (
    "Schalen 1 = nooit tot 4 = altijd (taakeisen) en 1 = ja, regelmatig tot 3 = nee "
    "(regelmogelijkheden: een hoge score betekent dus weinig regelmogelijkheden)."
)
SCHOOLS_NOTE = (
    "*Noot (tegenstrijdigheid in het rapport).* Hoofdstuk 6 spreekt hier van een aandeel van de "
    "respondenten, terwijl §4.2 hetzelfde cijfer als aandeel van de scholen geeft: de vraag is "
    "alleen aan schoolleiders gesteld. Het aandeel hierboven is dus een aandeel scholen "
    "(schoolleiders, gewogen naar sector)."
)
"""The report's contradiction on respondenten against scholen (§4.2 and hoofdstuk 6)."""


def spending_top_text(spending: Result, k: int = 6) -> str:
    """The causes the funds were spent on most often (top ``k`` per measurement, with the
    measurements), for the latest school year each measurement asked about."""
    latest = {year: _CODEBOOK.school_years(year)["spending"][-1] for year in spending.years}
    frame = spending.frame
    kept = frame[frame["group"] == frame["year"].astype(int).map(latest)]
    years = join([f"{y} (schooljaar {school_year})" for y, school_year in latest.items()])
    return (
        f"De onderwerpen waarvoor de werkdrukmiddelen het vaakst worden ingezet (de {k} hoogste "
        "percentages per meting; tussen haakjes de metingen waarin het onderwerp daartoe behoort; "
        f"metingen: {years}):\n\n" + top_list(top_rows_with_years(kept, k))
    )


def causes_text(causes: Result, k: int = 4) -> str:
    """The causes schoolleiders named most often per sector, with the measurements in which each
    was among the ``k`` most named (Tabel B3.1 rules), and whether that list changed."""
    others = [c for c in dict.fromkeys(causes.frame["category"]) if c.startswith("Anders")]
    parts = []
    for sector in ("bao", "go"):
        items = top_rows_with_years(
            causes.frame[causes.frame["group"] == sector], k, exclude=others
        )
        part = f"In het {SECTOR_NAMES[sector]} (de {k} meest genoemde per meting):\n\n"
        part += top_list(items)
        if len(causes.years) > 1:
            stable = all(len(ps) == len(causes.years) for _, ps in items)
            part += (
                f"\n\nDeze oorzaken staan in elke meting ({join(causes.years)}) bovenaan."
                if stable
                else "\n\nOver de metingen heen wisselen de meest genoemde oorzaken; tussen "
                "haakjes staan de metingen waarin een oorzaak erbij hoorde."
            )
        parts.append(part)
    return "\n\n".join(parts)


def evaluation_conclusion_text(key: pd.DataFrame, changed: Result) -> str:
    """Evaluation of the use of the funds over the measurements, and the note on the report's
    contradiction: 'in eerdere jaren in ongeveer de helft van de gevallen een verandering'
    (§3.2 gives it only for the first measurement); the shares are in the note's fold."""
    lines = [sentences(key, "eval_*", steps=True)]
    earlier = changed.frame[changed.frame["year"] < changed.run_year]
    if not earlier.empty:
        rows = earlier[~earlier["suppressed"].astype(bool)]
        fold = [f"{r.year}: {n_span(fmt_percent(r.estimate, 1), r.n)}" for r in rows.itertuples()]
        near = [str(y) for y in rows.loc[(rows["estimate"] - 50).abs() <= ABOUT_MARGIN, "year"]]
        which = f"de meting{'en' * (len(near) > 1)} van {join(near)}" if near else "geen meting"
        lines += [
            "",
            "*Noot (tegenstrijdigheid in het rapport).* Hoofdstuk 6 van het rapport schrijft dat "
            "een evaluatie in eerdere jaren in ongeveer de helft van de gevallen tot een "
            "verandering in de inzet van de middelen leidde; §3.2 geeft per meting het aandeel "
            "zonder verandering, en volgens die cijfers geldt 'ongeveer de helft' alleen voor de "
            f"eerste meting. In deze data geldt het (binnen {fmt_number(ABOUT_MARGIN, 0)} "
            f"procentpunt van de helft) voor {which}. "
            + stat_fold([Annotated(f"Evaluatie leidde tot verandering: {'; '.join(fold)}")]),
        ]
    return "\n".join(lines)


TRENDS_NOTE = (
    "*Noot (tegenstrijdigheid in het rapport).* Over de emotionele en de cognitieve belasting "
    "beschrijven §5.1 en hoofdstuk 6 het verloop tussen de metingen verschillend, en §5.1 spreekt "
    "zich voor de cognitieve belasting zelf tegen. Hierboven staat per stap tussen twee "
    "opeenvolgende metingen wat deze data laten zien; alleen een significante stap is een "
    "verandering."
)


def trends_text(key: pd.DataFrame) -> str:
    """The dimensions and item shares, step by step between consecutive measurements."""
    keys = ("mean_kwantitatieve_taakeisen", "extra_hard", "mean_emotionele_belasting")
    keys += ("emotional_high", "mean_moeilijkheidsgraad", "cognitive_high")
    note = TRENDS_NOTE if key["year"].nunique() > 1 else ""
    return sentences(key, *keys, "mean_regelmogelijkheden", steps=True, note=note)


def school_effect_group_text(by_sector: Result, answers: Result, by_municipality: Result) -> str:
    """§5.2 within the run year in words: % (enigszins of sterk) gedaald per sector and
    municipality category (against bao / overige gemeenten) and the Rao-Scott test of the whole
    answer; values and tests in the folds."""
    subject = f"Het aandeel dat een daling van de werkdruk op school ervaart ({by_sector.run_year})"
    sectors = {k: f"het {v}" for k, v in SECTOR_NAMES.items()}
    findings = [
        group_comparison_finding(
            by_sector.current(), by_sector.group_tests("bao"), subject=subject, labels=sectors
        ),
        distribution_finding(
            answers.distribution_test(),
            subject=f"de antwoorden op de vraag naar de werkdruk op school ({answers.run_year})",
            groups="bao en go",
            n=int(answers.current().groupby("group")["n"].max().min()),
            min_n=answers.data.min_n,
        ),
        group_comparison_finding(
            by_municipality.current(),
            by_municipality.group_tests("overig"),
            subject=subject,
            labels={k: f"de {v}" for k, v in MUNICIPALITY_NAMES.items()},
        ),
    ]
    return "\n".join(f"- {paragraph([f])}" for f in findings)


def own_effect_group_text(own: Result, decreased: Result) -> str:
    """Own workload (Q21): the most chosen answer per function group, and the leraren against the
    other groups in words (values and tests in the fold)."""
    names = {g: GROUP_PLURALS[g].capitalize() for g in ANALYSIS_GROUPS}
    lines = most_chosen_lines(own.current(), ANALYSIS_GROUPS, names, values=False)
    finding = group_comparison_finding(
        decreased.current(),
        decreased.group_tests("leraar"),
        subject=f"Het aandeel dat een daling van de eigen werkdruk ervaart ({decreased.run_year})",
        labels=GROUP_PLURALS,
        where="bij ",
    )
    return "\n".join([*(f"- {line}" for line in lines), f"- {paragraph([finding])}"])


def school_years_note(data: Data) -> str:
    """The Samenvatting's monitored school years against §1.2 and the questionnaires (a
    contradiction in the report)."""
    covered: list[str] = []
    for year in data.years:
        covered += [s for s in _CODEBOOK.school_years(year)["spending"] if s not in covered]
    current = [_CODEBOOK.school_years(y)["current"] for y in data.years]

    def count(items) -> str:
        return f"{len(items)} schooljaar" if len(items) == 1 else f"{len(items)} schooljaren"

    return (
        f"De metingen van deze run ({join(data.years)}) vallen in schooljaar {join(current)} "
        f"({count(current)}), maar vragen naar de besteding in {join(covered)} "
        f"({count(covered)}). *Noot (tegenstrijdigheid in het rapport):* de samenvatting noemt "
        "alleen de schooljaren waarin gemeten is, §1.2 telt ook het schooljaar vóór de eerste "
        "meting mee, waarover de eerste meting ook vroeg."
    )
