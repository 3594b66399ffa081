"""Hoofdstuk 6 Conclusies en de Samenvatting: the report's main findings, generated from the
results.

Every number in the text comes from the measurements of the run (the run year and the earlier
measurements). The rules are those of the chapters the findings come from
(``data/reference/published_map.yaml``, the self-check's rules):

* Q8 evaluated: schoolleiders / the rest of the team, cell weights, 'weet ik niet' in the base;
  'geen verandering' / 'verandering' among schoolleiders who evaluated (codes 2+3).
* Q16 discussed: schoolleiders, sector weights, % besproken among codes 1-3 (as Tabel 3.2).
* Q15 present: all respondents per function group, cell weights, % 'Ja, altijd' or 'Ja, soms'.
* Q13, Q17, Q11, Q12, Q18: schoolleiders, sector weights (Tabellen 3.4, 4.2-4.4, §4.2).
* Q10 spending (Tabel 4.1): via :func:`werkdruk_utils.chapters.ch04_besteding.spending_per_cause`;
  Q10 causes (Tabel B3.1): via :func:`werkdruk_utils.chapters.ch03_proces.causes_named`.
* Q5/Q6 scales: all respondents, cell weights, mean scale score (§2.2); '% vaak of altijd' and
  '% scale mean >= 2,5' as Figuren 5.1/5.2.
* Q19/Q21 '(enigszins of sterk) gedaald': codes 1-2 among codes 1-5, cell weights (Tabel 5.1).

The report's rule is applied to every sentence: a difference is called a difference (hoger,
lager, gestegen, gedaald, vaker, ...) only when it is significant (p < 0,05); otherwise the
sentence says that no significant difference was found. Between years: independent samples
(:func:`analysis.year_differences`); between groups within a year: domains of one design
(:func:`analysis.group_differences`) and the Rao-Scott test for distributions
(:func:`analysis.distribution_test`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from werkdruk_utils.chapters import ch01_inleiding_en_methode as ch01
from werkdruk_utils.chapters import ch03_proces as ch03
from werkdruk_utils.chapters import ch04_besteding as ch04
from werkdruk_utils.inputs import codebook
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.present.findings import change_sentence, fmt_p
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
from werkdruk_utils.present.presentation import results_table
from werkdruk_utils.present.report import Chapter
from werkdruk_utils.present.tables import ReportTable
from werkdruk_utils.stats import analysis
from werkdruk_utils.stats.scales import VAAK_OF_ALTIJD, at_least, indicator_in, scale_score

SOURCES = ("Tekst Samenvatting", "Tekst H6")

ANALYSIS_GROUPS = codebook.ANALYSIS_GROUPS
GROUP_PLURALS = {
    "schoolleider": "schoolleiders",
    "leraar": "leraren",
    "onderwijsondersteunend personeel": "onderwijsondersteunend personeel",
    "overig ondersteunend personeel": "overig ondersteunend personeel",
}
SECTOR_PHRASES = {
    "bao": "het regulier basisonderwijs (bao)",
    "go": "het gespecialiseerd onderwijs (go)",
}
MUNICIPALITY_PHRASES = {"G4": "de G4", "G40": "de G40", "overig": "de overige gemeenten"}
SCALE_THRESHOLD = 2.5
DECREASED_CODES = (1, 2)
ANSWER_CODES = (1, 2, 3, 4, 5)
ANDERS_CAUSE_ITEM = 28
ABOUT_MARGIN = 5.0
"""'ongeveer' in a verbal statement is read as ± 5 procentpunt (the self-check's tolerance for
verbal statements)."""

SECTIONS = {
    "proces": "Proces rondom de keuze van maatregelen ter vermindering van werkdruk",
    "besteding": "Maatregelen ter vermindering van werkdruk",
    "effecten": "Effecten van maatregelen ter vermindering van werkdruk",
}


# ----------------------------------------------------------------------------------------------
# indicators


def _numeric(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(frame[column], errors="coerce").astype(float)


def any_ticked_indicator(
    columns: Sequence[str], question_columns: Sequence[str]
) -> analysis.Indicator:
    """1 if any of ``columns`` is ticked, 0 if another box of ``question_columns`` is, missing when
    none of ``question_columns`` is ticked (did not answer): the base of §4.2 ('ja' = v18_1 or
    v18_2)."""

    def indicator(frame: pd.DataFrame) -> pd.Series:
        boxes = frame[list(question_columns)].apply(pd.to_numeric, errors="coerce").fillna(0)
        answered = boxes.eq(1).any(axis=1)
        return boxes[list(columns)].eq(1).any(axis=1).astype(float).where(answered)

    return indicator


def scale_mean_values(scale: str) -> analysis.Indicator:
    items = load_codebook().scales[scale].items

    def values(frame: pd.DataFrame) -> pd.Series:
        return scale_score(frame, items)

    return values


def scale_share_values(scale: str, threshold: float = SCALE_THRESHOLD) -> analysis.Indicator:
    items = load_codebook().scales[scale].items

    def values(frame: pd.DataFrame) -> pd.Series:
        return at_least(scale_score(frame, items), threshold)

    return values


def item_share_values(column: str, codes) -> analysis.Indicator:
    def values(frame: pd.DataFrame) -> pd.Series:
        return indicator_in(frame[column], codes)

    return values


@dataclass(frozen=True)
class KeyIndicator:
    """One key figure of the report: how it is computed and how the text and the Kerncijfers table
    name it.

    ``group`` restricts the estimate to one level of ``analysis_group`` (a domain of the design).
    ``subject`` starts the generated sentence and never contains words of change (see
    :data:`CHANGE_WORDS`), so that a non-significant result cannot read as a difference.
    """

    key: str
    section: str
    label: str
    subject: str
    values: Callable[[pd.DataFrame], pd.Series]
    statistic: str = "percent"
    population: str = "all"
    weighting: str = "cell"
    group: str | None = None


def key_indicators() -> tuple[KeyIndicator, ...]:
    """The key figures of the Samenvatting and hoofdstuk 6, in the order of the Kerncijfers
    table."""
    q11 = [f"v11_{i}" for i in range(1, 7)]
    q18 = ["v18_1", "v18_2", "v18_3"]
    sl_sector = {"population": "sl", "weighting": "sector"}
    out = [
        KeyIndicator(
            "eval_sl",
            "proces",
            "Inzet middelen geëvalueerd, volgens schoolleiders",
            "Het aandeel schoolleiders dat aangeeft dat de inzet van de middelen is geëvalueerd",
            analysis.code_indicator("v8", [2, 3]),
            population="sl",
        ),
        KeyIndicator(
            "eval_team",
            "proces",
            "Inzet middelen geëvalueerd, volgens de rest van het team",
            "Het aandeel van de rest van het team dat aangeeft dat de inzet van de middelen is "
            "geëvalueerd",
            analysis.code_indicator("v8", [2, 3]),
            population="not_sl",
        ),
        KeyIndicator(
            "eval_team_unknown",
            "proces",
            "Weet niet of is geëvalueerd, rest van het team",
            "Het aandeel van de rest van het team dat niet weet of er is geëvalueerd",
            analysis.code_indicator("v8", [4]),
            population="not_sl",
        ),
        KeyIndicator(
            "eval_no_change",
            "proces",
            "Na evaluatie inzet gelijk gebleven (schoolleiders die evalueerden)",
            "Het aandeel evaluaties waarna de inzet van de middelen gelijk is gebleven (volgens de "
            "schoolleiders)",
            analysis.code_indicator("v8", [2], [2, 3]),
            population="sl",
        ),
        KeyIndicator(
            "discussed_leerkrachten",
            "proces",
            "Werkdruk groepsleerkrachten besproken",
            "Het aandeel scholen waar in de gesprekken de werkdruk van groepsleerkrachten aan bod "
            "kwam",
            analysis.code_indicator("v16_1", [1], [1, 2, 3]),
            **sl_sector,
        ),
        KeyIndicator(
            "discussed_oa",
            "proces",
            "Werkdruk onderwijs-/klassenassistenten besproken",
            "Het aandeel scholen waar de werkdruk van onderwijs- of klassenassistenten aan bod kwam",
            analysis.code_indicator("v16_4", [1], [1, 2, 3]),
            **sl_sector,
        ),
        KeyIndicator(
            "discussed_ib",
            "proces",
            "Werkdruk intern begeleiders besproken",
            "Het aandeel scholen waar de werkdruk van intern begeleiders aan bod kwam",
            analysis.code_indicator("v16_6", [1], [1, 2, 3]),
            **sl_sector,
        ),
        KeyIndicator(
            "discussed_sl",
            "proces",
            "Werkdruk schoolleiding besproken",
            "Het aandeel scholen waar de werkdruk van de schoolleiding aan bod kwam",
            analysis.code_indicator("v16_3", [1], [1, 2, 3]),
            **sl_sector,
        ),
    ]
    for group in ANALYSIS_GROUPS:
        out.append(
            KeyIndicator(
                f"present_{group}",
                "proces",
                f"Altijd of soms aanwezig bij de gesprekken: {GROUP_PLURALS[group]}",
                f"Het aandeel {GROUP_PLURALS[group]} dat altijd of soms aanwezig was bij de "
                "gesprekken over de aanpak van werkdruk",
                analysis.code_indicator("v15", [1, 2]),
                group=group,
            )
        )
    out += [
        KeyIndicator(
            "pmr",
            "proces",
            "PMR heeft ingestemd met het bestedingsplan",
            "Het aandeel scholen waar de PMR met het bestedingsplan instemde",
            analysis.code_indicator("v13", [1]),
            **sl_sector,
        ),
        KeyIndicator(
            "board_free",
            "proces",
            "Bestuur gaf volledige vrijheid",
            "Het aandeel scholen dat van het bestuur volledige vrijheid kreeg",
            analysis.code_indicator("v17", [3]),
            **sl_sector,
        ),
        KeyIndicator(
            "board_assessed",
            "proces",
            "Bestuur beoordeelde het voorstel van het team",
            "Het aandeel scholen waar het bestuur het voorstel van het team beoordeelde",
            analysis.code_indicator("v17", [2]),
            **sl_sector,
        ),
        KeyIndicator(
            "extra_staff",
            "besteding",
            "Middelen besteed aan extra personeel",
            "Het aandeel scholen dat de middelen aan de inzet van extra personeel besteedde",
            analysis.ticked_indicator("v11_1", q11),
            **sl_sector,
        ),
        KeyIndicator(
            "professionalisation",
            "besteding",
            "Middelen besteed aan professionaliseringsactiviteiten",
            "Het aandeel scholen dat de middelen aan professionaliseringsactiviteiten besteedde",
            analysis.ticked_indicator("v11_3", q11),
            **sl_sector,
        ),
        KeyIndicator(
            "first_choice",
            "besteding",
            "Middelen ingezet zoals gewenst (eerste keuze)",
            "Het aandeel scholen waar de middelen zijn ingezet zoals gewenst (eerste keuze)",
            analysis.code_indicator("v12", [1], [1, 2, 3, 4]),
            **sl_sector,
        ),
        KeyIndicator(
            "other_measures",
            "besteding",
            "Proces leidde tot andere maatregelen",
            "Het aandeel scholen waar het proces ook tot andere maatregelen leidde",
            any_ticked_indicator(["v18_1", "v18_2"], q18),
            **sl_sector,
        ),
        KeyIndicator(
            "other_funds",
            "besteding",
            "Andere maatregelen gefinancierd met andere middelen",
            "Het aandeel scholen met maatregelen die met andere middelen zijn gefinancierd",
            any_ticked_indicator(["v18_1"], q18),
            **sl_sector,
        ),
        KeyIndicator(
            "no_cost",
            "besteding",
            "Andere maatregelen die geen geld kosten",
            "Het aandeel scholen met maatregelen die geen geld kosten",
            any_ticked_indicator(["v18_2"], q18),
            **sl_sector,
        ),
    ]
    scales = load_codebook().scales
    for scale in (
        "kwantitatieve_taakeisen",
        "emotionele_belasting",
        "moeilijkheidsgraad",
        "regelmogelijkheden",
    ):
        label = scales[scale].label_nl
        out.append(
            KeyIndicator(
                f"mean_{scale}",
                "effecten",
                f"{label} (gemiddelde score)",
                f"De gemiddelde score op {label.lower()}",
                scale_mean_values(scale),
                statistic="mean",
            )
        )
    out += [
        KeyIndicator(
            "extra_hard",
            "effecten",
            "Vaak of altijd extra hard werken",
            "Het aandeel personeelsleden dat vaak of altijd extra hard moet werken",
            item_share_values("v6_3", VAAK_OF_ALTIJD),
        ),
        KeyIndicator(
            "emotional_high",
            "effecten",
            "Werk emotioneel belastend (score ≥ 2,5)",
            "Het aandeel personeelsleden dat het werk emotioneel belastend vindt (schaalscore van "
            "ten minste 2,5)",
            scale_share_values("emotionele_belasting"),
        ),
        KeyIndicator(
            "cognitive_high",
            "effecten",
            "Werk cognitief belastend (score ≥ 2,5)",
            "Het aandeel personeelsleden dat het werk cognitief belastend vindt (schaalscore van "
            "ten minste 2,5)",
            scale_share_values("moeilijkheidsgraad"),
        ),
        KeyIndicator(
            "school_decreased",
            "effecten",
            "Werkdruk op school (enigszins of sterk) gedaald",
            "Het aandeel personeelsleden dat een daling van de werkdruk op hun school ervaart",
            analysis.code_indicator("v19", DECREASED_CODES, ANSWER_CODES),
        ),
    ]
    for group in ANALYSIS_GROUPS:
        out.append(
            KeyIndicator(
                f"own_decreased_{group}",
                "effecten",
                f"Eigen werkdruk (enigszins of sterk) gedaald: {GROUP_PLURALS[group]}",
                f"Het aandeel {GROUP_PLURALS[group]} dat een daling van de eigen werkdruk ervaart",
                analysis.code_indicator("v21", DECREASED_CODES, ANSWER_CODES),
                group=group,
            )
        )
    return tuple(out)


def indicator_by_key(key: str) -> KeyIndicator:
    for ind in key_indicators():
        if ind.key == key:
            return ind
    raise KeyError(f"unknown key indicator {key!r}")


def estimate_indicator(
    respondents: pd.DataFrame, ind: KeyIndicator, min_n: int = analysis.MIN_N
) -> pd.DataFrame:
    """One year's estimate of ``ind`` (tidy result row; category = the indicator's label, plus
    ``key``)."""
    by = "analysis_group" if ind.group is not None else None
    levels = [ind.group] if ind.group is not None else None
    result = analysis.estimate(
        respondents,
        ind.values,
        statistic=ind.statistic,
        variable=ind.key,
        category=ind.label,
        population=ind.population,
        weighting_name=ind.weighting,
        by=by,
        levels=levels,
        min_n=min_n,
    )
    return result.assign(key=ind.key, section=ind.section)


_RESULTS_CACHE: list[tuple[Chapter, tuple[int, ...], int, pd.DataFrame]] = []


def key_results(chapter: Chapter) -> pd.DataFrame:
    """Every key indicator for every measurement year of the run (computed once per chapter)."""
    signature = tuple(chapter.years)
    for cached_chapter, years, min_n, frame in _RESULTS_CACHE:
        if cached_chapter is chapter and years == signature and min_n == chapter.min_n:
            return frame.copy()
    frames = [
        estimate_indicator(chapter.measurements[year].respondents, ind, chapter.min_n)
        for ind in key_indicators()
        for year in chapter.years
    ]
    frame = pd.concat(frames, ignore_index=True)
    _RESULTS_CACHE.clear()
    _RESULTS_CACHE.append((chapter, signature, chapter.min_n, frame))
    return frame.copy()


def indicator_sentence(chapter: Chapter, key: str, results: pd.DataFrame | None = None) -> str:
    """The change sentence of one key indicator (level in the run year, tested change per earlier
    year)."""
    results = key_results(chapter) if results is None else results
    ind = indicator_by_key(key)
    return change_sentence(results[results["key"] == key], chapter.year, subject=ind.subject)


# ----------------------------------------------------------------------------------------------
# sentence builders (pure functions on results; unit-tested by hand)

CHANGE_WORDS = ("gedaald", "gestegen", "hoger", "lager", "meer", "minder", "vaker")
"""Words that state a difference: only used for significant differences."""


def _value(value: float, statistic: str) -> str:
    return fmt_percent(value, 1) if statistic == "percent" else fmt_number(value, 2)


def _join(items: Sequence[str]) -> str:
    items = [str(i) for i in items]
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def step_sentence(results: pd.DataFrame, *, subject: str, category: str | None = None) -> str:
    """The change between every pair of consecutive measurement years in ``results``.

    '{subject}: {y1} {v1}, {y2} {v2}; van {y1} naar {y2} significant hoger (+d; p = …) / geen
    significant verschil (p = …).' With one year only: the level and 'geen eerdere meting'.
    """
    rows = results if category is None else results[results["category"] == category]
    rows = rows.sort_values("year")
    if rows.empty:
        return f"{subject}: geen gegevens."
    statistic = rows["statistic"].iloc[0]
    unit = "procentpunt" if statistic == "percent" else "schaalpunt"
    decimals = 1 if statistic == "percent" else 2
    levels = "; ".join(
        f"{int(r.year)}: {'niet getoond' if r.suppressed else _value(r.estimate, statistic)}"
        for r in rows.itertuples(index=False)
    )
    years = [int(y) for y in rows["year"]]
    if len(years) == 1:
        return f"{subject} ({levels}); geen eerdere meting om mee te vergelijken."
    clauses = []
    for previous, year in zip(years[:-1], years[1:], strict=False):
        tests = analysis.year_differences(rows[rows["year"].isin([previous, year])], year)
        if tests.empty or math.isnan(tests["p"].iloc[0]):
            clauses.append(f"van {previous} naar {year} niet te toetsen")
            continue
        t = tests.iloc[0]
        if bool(t["significant"]):
            direction = "hoger" if t["difference"] > 0 else "lager"
            clauses.append(
                f"van {previous} naar {year} significant {direction} "
                f"({fmt_number(abs(t['difference']), decimals)} {unit}; {fmt_p(t['p'])})"
            )
        else:
            clauses.append(
                f"van {previous} naar {year} geen significant verschil ({fmt_p(t['p'])})"
            )
    return f"{subject} ({levels}): " + "; ".join(clauses) + "."


def group_difference_sentence(
    estimates: Mapping[object, float],
    tests: pd.DataFrame,
    *,
    subject: str,
    labels: Mapping[object, str],
    statistic: str = "percent",
) -> str:
    """Group comparisons within one year, one clause per tested pair of ``tests`` (from
    :func:`analysis.group_differences`: columns group, reference, difference, p, significant).

    Significant: '{group} ({est}) significant hoger dan {reference} ({est}; p = …)'; otherwise
    '{group} ({est}) en {reference} ({est}) verschillen niet significant (p = …)'.
    """
    clauses = []
    for t in tests.itertuples(index=False):
        g, r = labels.get(t.group, str(t.group)), labels.get(t.reference, str(t.reference))
        g_est, r_est = (
            _value(estimates.get(t.group, math.nan), statistic),
            _value(estimates.get(t.reference, math.nan), statistic),
        )
        if t.p is None or math.isnan(t.p):
            clauses.append(f"{g} en {r} zijn niet te vergelijken (te weinig respondenten)")
        elif bool(t.significant):
            direction = "hoger" if t.difference > 0 else "lager"
            clauses.append(f"{g} ({g_est}) significant {direction} dan {r} ({r_est}; {fmt_p(t.p)})")
        else:
            clauses.append(
                f"{g} ({g_est}) en {r} ({r_est}) verschillen niet significant ({fmt_p(t.p)})"
            )
    return (
        f"{subject}: " + "; ".join(clauses) + "."
        if clauses
        else f"{subject}: geen groepen om te vergelijken."
    )


def distribution_sentence(test, *, subject: str, groups: str) -> str:
    """A Rao-Scott test (``statistic``, ``p``) in words: the distribution differs significantly or
    not."""
    text = f"Rao–Scott F = {fmt_number(test.statistic, 2)}; {fmt_p(test.p)}"
    if test.p is None or math.isnan(test.p):
        return f"De verdeling van {subject} is tussen {groups} niet te toetsen."
    if test.p < analysis.ALPHA:
        return f"De verdeling van {subject} verschilt significant tussen {groups} ({text})."
    return f"De verdeling van {subject} verschilt niet significant tussen {groups} ({text})."


def top_items(results: pd.DataFrame, k: int, *, exclude: Sequence[str] = ()) -> list[str]:
    """The categories of the ``k`` highest estimates (ties with the k-th at one decimal
    included)."""
    shown = results[
        ~results["suppressed"].astype(bool)
        & results["estimate"].notna()
        & ~results["category"].isin(list(exclude))
    ]
    ordered = shown.assign(_r=shown["estimate"].round(1)).sort_values(
        "_r", ascending=False, kind="stable"
    )
    if len(ordered) <= k:
        return list(ordered["category"])
    threshold = ordered["_r"].iloc[k - 1]
    return list(ordered.loc[ordered["_r"] >= threshold, "category"])


def top_items_with_years(
    results: pd.DataFrame, k: int, *, period: str = "year", exclude: Sequence[str] = ()
) -> list[tuple[str, list]]:
    """The items in the top ``k`` of any period, each with the periods in which it was in the top.

    Order: the items in the top of the last period first (in its rank order), then the others in
    order of first appearance. As the report's lists 'Klassengrootte (2022, 2023, 2024)'.
    """
    periods = list(dict.fromkeys(results.sort_values(period)[period]))
    tops = {p: top_items(results[results[period] == p], k, exclude=exclude) for p in periods}
    order = list(tops[periods[-1]]) if periods else []
    for p in periods:
        order += [c for c in tops[p] if c not in order]
    return [(c, [p for p in periods if c in tops[p]]) for c in order]


def top_list_markdown(items: Sequence[tuple[str, list]], show_periods: bool = True) -> str:
    return "\n".join(
        f"- {c}" + (f" ({', '.join(str(p) for p in ps)})" if show_periods else "")
        for c, ps in items
    )


def about(value: float, target: float, margin: float = ABOUT_MARGIN) -> bool:
    """Whether ``value`` is 'ongeveer' ``target`` (within ``margin`` procentpunt)."""
    return not math.isnan(value) and abs(value - target) <= margin


# ----------------------------------------------------------------------------------------------
# Samenvatting


def method_text(chapter: Chapter) -> str:
    """Onderzoeksmethode: sample, responding schools and respondents per measurement of the run."""
    summaries = {year: ch01.response_summary(m) for year, m in sorted(chapter.measurements.items())}
    per_year = "; ".join(
        f"{year}: {fmt_number(s['sample_schools'], 0)} scholen in de steekproef, "
        f"{fmt_number(s['responding_schools'], 0)} "
        f"deelnemende scholen en {fmt_number(s['respondents'], 0)} respondenten"
        for year, s in summaries.items()
    )
    text = f"Per meting: {per_year}."
    if len(summaries) > 1:
        schools = sum(s["responding_schools"] for s in summaries.values()) / len(summaries)
        persons = sum(s["respondents"] for s in summaries.values()) / len(summaries)
        text += (
            f" Gemiddeld over de metingen {_join([str(y) for y in summaries])} hebben "
            f"{fmt_number(schools, 0)} "
            f"scholen meegewerkt en {fmt_number(persons, 0)} personen de vragenlijst ingevuld."
        )
    return text


def process_summary_text(chapter: Chapter) -> str:
    """Samenvatting, deelvraag 1: evaluation, conversations about workload, presence, parties
    involved."""
    results = key_results(chapter)
    keys = [
        "eval_sl",
        "eval_team",
        "eval_team_unknown",
        "discussed_leerkrachten",
        "discussed_oa",
        "discussed_ib",
        "discussed_sl",
        *[f"present_{g}" for g in ANALYSIS_GROUPS],
        "pmr",
        "board_free",
    ]
    return "\n".join(f"- {indicator_sentence(chapter, k, results)}" for k in keys)


def spending_by_measurement(chapter: Chapter) -> pd.DataFrame:
    """Tabel 4.1 results per measurement year, for the latest school year each measurement asked
    about."""
    cb = load_codebook()
    results = ch04.spending_per_cause(chapter)
    latest = {year: cb.school_years(year)["spending"][-1] for year in chapter.years}
    keep = results.apply(lambda r: r["group"] == latest.get(int(r["year"])), axis=1)
    return results[keep]


def spending_top_text(chapter: Chapter, k: int = 6) -> str:
    """The causes the funds were spent on most often (top ``k`` per measurement, with the years)."""
    cb = load_codebook()
    items = top_items_with_years(spending_by_measurement(chapter), k)
    years = _join([f"{y} (schooljaar {cb.school_years(y)['spending'][-1]})" for y in chapter.years])
    intro = (
        f"De onderwerpen waarvoor de werkdrukmiddelen het vaakst worden ingezet (de {k} hoogste "
        "percentages per "
        "meting; tussen haakjes de metingen waarin het onderwerp daartoe behoort; metingen: "
        f"{years}):"
    )
    return intro + "\n\n" + top_list_markdown(items, show_periods=True)


def spending_summary_text(chapter: Chapter) -> str:
    """Samenvatting, deelvraag 2: extra personnel, professionalisation, first choice, other
    measures."""
    results = key_results(chapter)
    keys = ["extra_staff", "professionalisation", "first_choice", "other_measures", "no_cost"]
    return "\n".join(f"- {indicator_sentence(chapter, k, results)}" for k in keys)


def dimensions_text(chapter: Chapter) -> str:
    """The four workload dimensions (mean scale scores) and the report's highlighted item shares."""
    results = key_results(chapter)
    keys = [
        "mean_kwantitatieve_taakeisen",
        "mean_emotionele_belasting",
        "mean_moeilijkheidsgraad",
        "mean_regelmogelijkheden",
        "extra_hard",
        "emotional_high",
        "cognitive_high",
    ]
    lines = [f"- {indicator_sentence(chapter, k, results)}" for k in keys]
    lines.append("")
    lines.append(
        "Schalen 1 = nooit tot 4 = altijd (taakeisen) en 1 = ja, regelmatig tot 3 = nee "
        "(regelmogelijkheden: "
        "een hoge score betekent dus weinig regelmogelijkheden)."
    )
    return "\n".join(lines)


def _decreased_by(
    resp: pd.DataFrame,
    column: str,
    reference: str,
    levels: Sequence[str],
    min_n: int,
    question: str = "v19",
    population: str = "all",
):
    indicator = analysis.code_indicator(question, DECREASED_CODES, ANSWER_CODES)
    estimates = analysis.estimate(
        resp,
        indicator,
        statistic="percent",
        variable=f"{question}_gedaald",
        population=population,
        weighting_name="cell",
        by=column,
        levels=list(levels),
        min_n=min_n,
    )
    tests = analysis.group_differences(
        resp,
        indicator,
        by=column,
        reference=reference,
        population=population,
        weighting_name="cell",
        scale=100.0,
        min_n=min_n,
    )
    tests = tests[tests["group"].isin(list(levels))]
    return estimates.set_index("group")["estimate"].to_dict(), tests


def school_effect_group_text(chapter: Chapter) -> str:
    """§5.2 within the run year: % (enigszins of sterk) gedaald per sector and municipality category
    (domain t-tests against bao / overige gemeenten) and the Rao-Scott test of the whole Q19
    distribution."""
    resp = chapter.current.respondents
    lines = []
    est, tests = _decreased_by(resp, "sector", "bao", ["bao", "go"], chapter.min_n)
    lines.append(
        "- "
        + group_difference_sentence(
            est,
            tests,
            labels={k: f"in {v}" for k, v in SECTOR_PHRASES.items()},
            subject=f"Aandeel dat een daling van de werkdruk op school ervaart in {chapter.year}, "
            "naar onderwijstype",
        )
    )
    q19 = resp.assign(
        _q19=_numeric(resp, "v19").where(_numeric(resp, "v19").isin(list(ANSWER_CODES)))
    )
    test = analysis.distribution_test(q19, "_q19", by="sector")
    lines.append(
        "- "
        + distribution_sentence(
            test,
            subject=f"de antwoorden op de vraag naar de werkdruk op school ({chapter.year})",
            groups="bao en go",
        )
    )
    est, tests = _decreased_by(
        resp, "municipality_category", "overig", ["G4", "G40", "overig"], chapter.min_n
    )
    lines.append(
        "- "
        + group_difference_sentence(
            est,
            tests,
            labels={k: f"in {v}" for k, v in MUNICIPALITY_PHRASES.items()},
            subject=f"Aandeel dat een daling van de werkdruk op school ervaart in {chapter.year}, "
            "naar gemeentecategorie",
        )
    )
    return "\n".join(lines)


def own_effect_group_text(chapter: Chapter) -> str:
    """Own workload (Q21): the most chosen answer per function group and leraren against the other
    groups."""
    cb = load_codebook()
    resp = chapter.current.respondents
    lines = []
    for group in ANALYSIS_GROUPS:
        shares = {}
        for code in ANSWER_CODES:
            r = analysis.estimate(
                resp,
                analysis.code_indicator("v21", [code], ANSWER_CODES),
                statistic="percent",
                variable="v21",
                population="all",
                weighting_name="cell",
                by="analysis_group",
                levels=[group],
                min_n=chapter.min_n,
            ).iloc[0]
            if not r["suppressed"]:
                shares[code] = r["estimate"]
        if not shares:
            lines.append(
                f"- {GROUP_PLURALS[group].capitalize()}: te weinig respondenten om een cijfer te "
                "tonen."
            )
            continue
        code = max(shares, key=shares.get)
        lines.append(
            f"- {GROUP_PLURALS[group].capitalize()}: het vaakst gekozen antwoord in {chapter.year} "
            "is "
            f"'{cb.report_label('v21', code)}' ({fmt_percent(shares[code], 1)})."
        )
    est, tests = _decreased_by(
        resp, "analysis_group", "leraar", list(ANALYSIS_GROUPS), chapter.min_n, question="v21"
    )
    lines.append(
        "- "
        + group_difference_sentence(
            est,
            tests,
            labels=GROUP_PLURALS,
            subject=f"Aandeel dat een daling van de eigen werkdruk ervaart in {chapter.year}, "
            "vergeleken met leraren",
        )
    )
    return "\n".join(lines)


def effects_summary_text(chapter: Chapter) -> str:
    """Samenvatting, deelvraag 3: the perceived effect on the school's and the own workload."""
    results = key_results(chapter)
    lines = [f"- {indicator_sentence(chapter, 'school_decreased', results)}"]
    lines += [
        f"- {indicator_sentence(chapter, f'own_decreased_{g}', results)}" for g in ANALYSIS_GROUPS
    ]
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------
# Conclusies (hoofdstuk 6)


def conversations_text(chapter: Chapter) -> str:
    """Which staff groups' workload was discussed, and who was present (steps between the years)."""
    results = key_results(chapter)
    keys = [
        "discussed_leerkrachten",
        "discussed_oa",
        "discussed_ib",
        "discussed_sl",
        *[f"present_{g}" for g in ANALYSIS_GROUPS],
    ]
    return "\n".join(
        f"- {step_sentence(results[results['key'] == k], subject=indicator_by_key(k).subject)}"
        for k in keys
    )


def causes_text(chapter: Chapter, k: int = 4) -> str:
    """The causes of workload schoolleiders named most often, per sector, with the measurements in
    which
    each cause was in the top ``k`` (Tabel B3.1 rules)."""
    cb = load_codebook()
    results = ch03.causes_named(chapter)
    anders = cb.report_label(f"v10_{ANDERS_CAUSE_ITEM}_oorzaak")
    parts = []
    for sector in ("bao", "go"):
        items = top_items_with_years(results[results["group"] == sector], k, exclude=[anders])
        stable = [c for c, ps in items if len(ps) == len(chapter.years)]
        header = f"Meest genoemde oorzaken van werkdruk in {SECTOR_PHRASES[sector]} (de {k} hoogste per meting):"
        body = top_list_markdown(items, show_periods=True)
        if len(chapter.years) > 1:
            verdict = (
                f"In elke meting ({_join([str(y) for y in chapter.years])}) in de top: "
                f"{len(stable)} van de "
                f"{len(items)} genoemde oorzaken."
            )
            parts.append(f"{header}\n\n{body}\n\n{verdict}")
        else:
            parts.append(f"{header}\n\n{body}")
    return "\n\n".join(parts)


def evaluation_change_results(chapter: Chapter) -> pd.DataFrame:
    """% evaluations followed by a change in the use of the funds (code 3 among 2+3), schoolleiders,
    cell weights."""
    indicator = analysis.code_indicator("v8", [3], [2, 3])
    return pd.concat(
        [
            analysis.estimate(
                chapter.measurements[y].respondents,
                indicator,
                statistic="percent",
                variable="v8_veranderd",
                category="verandering na evaluatie",
                population="sl",
                weighting_name="cell",
                min_n=chapter.min_n,
            )
            for y in chapter.years
        ],
        ignore_index=True,
    )


def evaluation_conclusion_text(chapter: Chapter) -> str:
    """Evaluation of the use of the funds and whether it led to a change, with the note on
    EXTRACTION_NOTES 15."""
    results = key_results(chapter)
    lines = [
        f"- {step_sentence(results[results['key'] == k], subject=indicator_by_key(k).subject)}"
        for k in ("eval_sl", "eval_team", "eval_team_unknown", "eval_no_change")
    ]
    change = evaluation_change_results(chapter)
    earlier = change[change["year"] < chapter.year]
    if not earlier.empty:
        parts = []
        for r in earlier.itertuples(index=False):
            if r.suppressed:
                parts.append(f"{r.year}: niet getoond")
                continue
            verdict = "ongeveer de helft" if about(r.estimate, 50.0) else "niet ongeveer de helft"
            parts.append(f"{r.year}: {fmt_percent(r.estimate, 1)} ({verdict})")
        lines += [
            "",
            "*Noot (tegenstrijdigheid in het rapport).* Hoofdstuk 6 van het rapport schrijft dat "
            "een evaluatie "
            "in eerdere jaren in ongeveer de helft van de gevallen tot een verandering in de inzet "
            "van de middelen "
            "leidde; §3.2 geeft per meting het aandeel zonder verandering, en volgens die cijfers "
            "geldt 'ongeveer de "
            "helft' alleen voor de eerste meting. In deze data leidde een evaluatie (volgens de "
            "schoolleiders die "
            "evalueerden) tot een verandering in: " + "; ".join(parts) + ".",
        ]
    return "\n".join(lines)


def parties_text(chapter: Chapter) -> str:
    results = key_results(chapter)
    return "\n".join(
        f"- {step_sentence(results[results['key'] == k], subject=indicator_by_key(k).subject)}"
        for k in ("pmr", "board_free", "board_assessed")
    )


def budget_text() -> str:
    """The yearly amounts of the werkdrukmiddelen as hoofdstuk 6 names them (report figures, not
    survey data)."""
    values = ch01.budget_values()
    h6 = values[values["source_id"] == "Tekst H6"].sort_values("school_year")
    parts = [
        f"{r.school_year}: €{fmt_number(r.value, 0 if float(r.value).is_integer() else 1)} miljoen"
        for r in h6.itertuples(index=False)
    ]
    return (
        "Bedragen per schooljaar zoals hoofdstuk 6 van het rapport ze noemt (beleidscijfers uit "
        "het rapport, "
        "geen enquêtegegevens): " + "; ".join(parts) + "."
    )


def spending_conclusion_text(chapter: Chapter) -> str:
    results = key_results(chapter)
    return "\n".join(
        f"- {step_sentence(results[results['key'] == k], subject=indicator_by_key(k).subject)}"
        for k in ("extra_staff", "professionalisation", "first_choice")
    )


def other_measures_conclusion_text(chapter: Chapter) -> str:
    """Other measures (§4.2) with the note on EXTRACTION_NOTES 14 (respondenten vs scholen)."""
    results = key_results(chapter)
    lines = [
        f"- {indicator_sentence(chapter, k, results)}"
        for k in ("other_measures", "other_funds", "no_cost")
    ]
    lines += [
        "",
        "*Noot (tegenstrijdigheid in het rapport).* Hoofdstuk 6 spreekt hier van een aandeel van "
        "de "
        "respondenten, terwijl §4.2 hetzelfde cijfer als aandeel van de scholen geeft: de vraag is "
        "alleen aan "
        "schoolleiders gesteld. Het cijfer hierboven is dus een aandeel scholen (schoolleiders, "
        "gewogen naar sector).",
    ]
    return "\n".join(lines)


def trends_text(chapter: Chapter) -> str:
    """The four dimensions and the item shares, with the change between consecutive measurements,
    and the
    note on EXTRACTION_NOTES 16 (trend wording of emotional and cognitive load)."""
    results = key_results(chapter)
    keys = [
        "mean_kwantitatieve_taakeisen",
        "extra_hard",
        "mean_emotionele_belasting",
        "emotional_high",
        "mean_moeilijkheidsgraad",
        "cognitive_high",
        "mean_regelmogelijkheden",
    ]
    lines = [
        f"- {step_sentence(results[results['key'] == k], subject=indicator_by_key(k).subject)}"
        for k in keys
    ]
    if len(chapter.years) > 1:
        lines += [
            "",
            "*Noot (tegenstrijdigheid in het rapport).* Over de emotionele en de cognitieve "
            "belasting "
            "beschrijven §5.1 en hoofdstuk 6 het verloop tussen de metingen verschillend, en §5.1 "
            "spreekt zich voor "
            "de cognitieve belasting zelf tegen. Hierboven staat per stap tussen twee "
            "opeenvolgende metingen wat "
            "deze data laten zien; alleen een significante stap is een verandering.",
        ]
    return "\n".join(lines)


def monitored_school_years(chapter: Chapter) -> list[str]:
    """Every school year the measurements of the run ask about (spending columns of Q10), in
    order."""
    cb = load_codebook()
    years: list[str] = []
    for year in chapter.years:
        for school_year in cb.school_years(year)["spending"]:
            if str(school_year) not in years:
                years.append(str(school_year))
    return years


def school_years_note(chapter: Chapter) -> str:
    """EXTRACTION_NOTES 19: the Samenvatting's monitored school years against §1.2 and the
    questionnaires."""
    cb = load_codebook()
    covered = monitored_school_years(chapter)
    current = [cb.school_years(y)["current"] for y in chapter.years]

    def count(items: Sequence[str]) -> str:
        return f"{len(items)} schooljaar" if len(items) == 1 else f"{len(items)} schooljaren"

    return (
        f"De metingen van deze run ({_join([str(y) for y in chapter.years])}) vallen in schooljaar "
        f"{_join(current)} ({count(current)}), maar vragen naar de besteding in {_join(covered)} "
        f"({count(covered)}). *Noot (tegenstrijdigheid in het rapport):* de samenvatting noemt "
        "alleen de "
        "schooljaren waarin gemeten is, §1.2 telt ook het schooljaar vóór de eerste meting mee, "
        "waarover de eerste "
        "meting ook vroeg."
    )


# ----------------------------------------------------------------------------------------------
# Kerncijfers


def table_kerncijfers(chapter: Chapter) -> ReportTable:
    """The key indicators per measurement year, ▲/▼ for a significant change against the previous
    year."""
    results = key_results(chapter)
    order = [ind.label for ind in key_indicators()]
    return results_table(
        results,
        table_id="Kerncijfers",
        title="Kerncijfers van de monitor per meting",
        rows="category",
        columns="year",
        row_order=order,
        min_n=chapter.min_n,
        n_label="Grootste basis in de kolom (n)",
        notes=[
            "Percentages en gemiddelden per meting. Proces en besteding: schoolleiders (vragen "
            "over de school), gewogen "
            "naar sector; evaluatie, aanwezigheid, werkdrukschalen en ervaren effect: gewogen naar "
            "functie en sector "
            "(Tabel B1.8).",
            "Gemiddelde scores: taakeisen 1 = nooit tot 4 = altijd; regelmogelijkheden 1 = ja, "
            "regelmatig tot 3 = nee.",
            "De basis (n) van elke rij staat in de CSV (kolom n).",
        ],
    )
