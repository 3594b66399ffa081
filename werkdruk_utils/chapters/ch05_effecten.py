"""Hoofdstuk 5 Effecten: the text around the trends (Figuren 5.1-5.4), Tabel 5.1, its
breakdowns and Figuur 5.5.

The notebook declares every estimate (all respondents, weighted by function x sector, as the
report's footnotes 7 and 12); this module writes the sentences from those results and the table
of the breakdowns with their Rao-Scott tests. The historical series are named helpers in
:mod:`werkdruk_utils.present.history`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from werkdruk_utils.chapters.terms import GROUP_LABELS, join
from werkdruk_utils.declare.estimates import Result
from werkdruk_utils.declare.measures import ScaleShare
from werkdruk_utils.inputs.codebook import ANALYSIS_GROUPS, load_codebook
from werkdruk_utils.present.findings import change_sentence, fmt_p
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
from werkdruk_utils.present.history import WEIGHTING_NOTE
from werkdruk_utils.present.tables import ReportTable
from werkdruk_utils.stats import analysis
from werkdruk_utils.stats.suppression import SUPPRESSION_RULE, apply_complementary_suppression

SOURCES = ("Tabel 5.1", "Tekst H5.1", "Tekst H5.2")
"""What the self-check compares: the report's numbers of this chapter."""
EFFECT_STYLE = {
    "colours": ("#1a9850", "#91cf60", "#bdbdbd", "#fc8d59", "#d73027"),
    "min_label": 4.0,
}
"""Figuur 5.5: green for a decrease, grey unchanged, red an increase; labels from 4%."""
BASE_NOTE = (
    "Basis: respondenten die een van de vijf antwoorden gaven; 'Weet ik niet' telt niet mee "
    "(zoals Tabel 5.1). Het rapport drukt de cijfers van deze figuur niet af."
)

# The report's words for the groups of §5.2: the characteristic, each group, its members.
BREAKDOWNS: dict[str, tuple[str, str, dict[str, str], dict[str, str]]] = {
    "sector": (
        "sector",
        "Onderwijstype",
        {"bao": "regulier basisonderwijs (bao)", "go": "gespecialiseerd onderwijs (go)"},
        {
            "bao": "respondenten uit het regulier basisonderwijs",
            "go": "respondenten uit het gespecialiseerd onderwijs",
        },
    ),
    "municipality": (
        "municipality_category",
        "Gemeentecategorie",
        {"G4": "G4", "G40": "G40", "overig": "overige gemeenten"},
        {
            "G4": "personeelsleden van scholen in de G4",
            "G40": "personeelsleden van scholen in de G40",
            "overig": "personeelsleden van scholen in de overige gemeenten",
        },
    ),
    "achterstand": (
        "achterstandsscore",
        "Achterstandsscore (tertielen, bao-scholen)",
        {
            "laag": "lage achterstandsscore",
            "midden": "middelste achterstandsscore",
            "hoog": "hoge achterstandsscore",
        },
        {
            "laag": "personeelsleden van bao-scholen met een lage achterstandsscore",
            "midden": "personeelsleden van bao-scholen met een middelste achterstandsscore",
            "hoog": "personeelsleden van bao-scholen met een hoge achterstandsscore",
        },
    ),
}
BREAKDOWN_TABLE_ID = "Tabel 5.1 naar achtergrondkenmerken"
TREND_CAPTION = (
    "Gewogen naar functie en sector; alleen de metingen van deze monitor (historische jaren: zie "
    "de tekst)."
)
SCALE_SHARE_NOTE = "Percentage met een schaalgemiddelde van ten minste 2,5 (1 = nooit, 4 = altijd)."
TABLE_5_1_BASE = (
    "Basis: respondenten die een van de vijf antwoorden gaven; 'Weet ik niet' telt niet mee (het "
    "rapport drukt die rij niet af en de kolommen tellen op tot 100%). N: ongewogen aantal "
    "respondenten in de basis."
)


def trend_text(trend: Result) -> str:
    """One sentence per indicator of a trend figure: the run year and the change per earlier
    year."""
    lines = []
    for measure in trend.declaration.measures:
        label = trend.frame.loc[trend.frame["variable"] == measure.variable_name, "category"].iloc[
            0
        ]
        if isinstance(measure, ScaleShare):
            what = (
                f"het percentage met ten minste {fmt_number(measure.threshold, 1)} op de schaal "
                f"{label.lower()}"
            )
        else:
            what = (
                f"het percentage dat op '{label}' {' of '.join(measure.answers).lower()} antwoordt"
            )
        sentence = change_sentence(
            trend.frame, trend.run_year, subject=what[0].upper() + what[1:], category=label
        )
        lines.append(f"- {sentence}")
    return "\n".join(lines)


def school_effect_text(decreased: Result, effect: Result) -> str:
    """Tabel 5.1 in words: % gedaald and % enigszins gestegen, tested against earlier years."""
    risen = next(c for c in dict.fromkeys(effect.frame["category"]) if "enigszins gestegen" in c)
    return " ".join(
        [
            change_sentence(
                decreased.frame,
                decreased.run_year,
                subject="Het percentage personeelsleden dat vindt dat de werkdruk op hun school "
                "(enigszins of sterk) is gedaald",
            ),
            change_sentence(
                effect.frame,
                effect.run_year,
                category=risen,
                subject="Het percentage dat aangeeft dat de werkdruk op school enigszins is "
                "gestegen",
            ),
        ]
    )


def breakdown_table(*breakdowns: Result) -> ReportTable:
    """% (enigszins of sterk) gedaald in the run year per group of each characteristic, with the
    Rao-Scott test of gedaald / niet gedaald against the groups."""
    records, tidy = [], []
    for result in breakdowns:
        key, title, labels, _ = BREAKDOWNS[result.declaration.by]
        test = result.distribution_test()
        current = apply_complementary_suppression(result.current().reset_index(drop=True))
        for i, row in enumerate(current.itertuples(index=False)):
            significance = " (significant)" if test.p < analysis.ALPHA else " (n.s.)"
            records.append(
                {
                    "": f"{title}: {labels[row.group]}",
                    "% (enigszins of sterk) gedaald": "*"
                    if row.suppressed
                    else fmt_percent(row.estimate, 1),
                    "n": "*" if row.suppressed else fmt_number(row.n, 0),
                    "Rao–Scott-toets": (
                        f"F = {fmt_number(test.statistic, 2)}; {fmt_p(test.p)}{significance}"
                    )
                    if i == 0
                    else "",
                }
            )
        tidy.append(
            current.assign(
                characteristic=key,
                rao_scott_f=test.statistic,
                rao_scott_ndf=test.ndf,
                rao_scott_ddf=test.ddf,
                rao_scott_p=test.p,
            )
        )
    year = breakdowns[0].run_year
    notes = [
        WEIGHTING_NOTE,
        f"Meting {year}. Basis: respondenten die een van de vijf antwoorden op de vraag van "
        "Tabel 5.1 gaven.",
        "Rao–Scott-toets (tweede-ordecorrectie, F-toets) van gedaald / niet gedaald tegen de "
        "groepen; significant bij p < 0,05.",
        "Achterstandsscore: tertielen van de achterstandsscore van de bao-scholen in de steekproef "
        "van dit meetjaar (elke school één keer); alleen bao-scholen hebben een achterstandsscore.",
    ]
    if any(r["% (enigszins of sterk) gedaald"] == "*" for r in records):
        notes.append("*: " + SUPPRESSION_RULE.format(min_n=breakdowns[0].data.min_n))
    return ReportTable(
        BREAKDOWN_TABLE_ID,
        f"Werkdruk op school (enigszins of sterk) gedaald, naar achtergrondkenmerken ({year})",
        pd.DataFrame(records).set_index(""),
        pd.concat(tidy, ignore_index=True).assign(table_id=BREAKDOWN_TABLE_ID),
        notes,
    )


def _years_phrase(years: Sequence[int]) -> str:
    return f"meting{'en' if len(years) > 1 else ''} in {join(years)}"


def consistency_prefix(same: Sequence[int], other: Sequence[int]) -> str:
    """Opening of a §5.2 sentence: earlier years with the same test outcome ('Net als …') and
    with another ('anders dan …')."""
    if same and other:
        return (
            f"Net als bij de {_years_phrase(same)}, maar anders dan bij de {_years_phrase(other)}, "
        )
    if same:
        return f"Net als bij de vorige {_years_phrase(same)}, "
    if other:
        return f"Anders dan bij de vorige {_years_phrase(other)}, "
    return ""


def breakdown_sentence(result: Result) -> str:
    """'Net als bij de vorige metingen in …' + the significant (pairwise) differences between the
    groups, or 'geen significante verschillen'."""
    _, title, _, phrases = BREAKDOWNS[result.declaration.by]
    year, levels = result.run_year, result.declaration.group_levels or []
    test = result.distribution_test()
    significant = bool(test.p < analysis.ALPHA)
    same, other = [], []
    for earlier in [y for y in result.years if y < year]:
        agrees = bool(result.distribution_test(year=earlier).p < analysis.ALPHA) == significant
        (same if agrees else other).append(earlier)
    prefix = consistency_prefix(same, other)
    test_text = f"Rao–Scott F = {fmt_number(test.statistic, 2)}; {fmt_p(test.p)}"
    if not significant:
        rest = (
            f"naar {title.lower()} geen significante verschillen in het percentage dat vindt dat "
            f"de werkdruk op school is gedaald ({test_text})."
        )
        return f"{prefix}zijn er in {year} {rest}" if prefix else f"In {year} zijn er {rest}"
    estimate = result.current().set_index("group")["estimate"]
    pairs = result.pairwise_tests()

    def rank(level: str) -> float:
        value = float(estimate.get(level, math.nan))
        return math.inf if math.isnan(value) else -value

    by_level = sorted(levels, key=rank)
    clauses = []
    for level in by_level:
        lower = []
        for p in pairs[pairs["significant"]].itertuples(index=False):
            if p.first == level and p.difference < 0:
                lower.append(p.second)
            elif p.second == level and p.difference > 0:
                lower.append(p.first)
        if lower:
            named = [
                f"{phrases[g]} ({fmt_percent(estimate[g], 0)})" for g in by_level if g in lower
            ]
            clauses.append(
                f"{phrases[level]} vinden significant vaker dat de werkdruk op hun school is "
                f"gedaald ({fmt_percent(estimate[level], 0)}) dan {join(named)}"
            )
    rest = (
        "het percentage dat vindt dat de werkdruk op school is gedaald significant naar "
        f"{title.lower()} ({test_text})"
    )
    text = f"{prefix}verschilt in {year} {rest}" if prefix else f"In {year} verschilt {rest}"
    if clauses:
        return text + ": " + "; ".join(clauses) + "."
    return text + "; geen van de paarsgewijze verschillen is afzonderlijk significant."


def breakdown_text(*breakdowns: Result) -> str:
    """§5.2: one sentence per background characteristic (Markdown list)."""
    return "\n".join(f"- {breakdown_sentence(result)}" for result in breakdowns)


def own_effect_text(own: Result, decreased: Result) -> str:
    """Per function group: the most chosen answer in the run year and the change in % gedaald
    against earlier years."""
    current = own.current()
    lines = []
    for group in ANALYSIS_GROUPS:
        rows = current[(current["group"] == group) & ~current["suppressed"]]
        if rows.empty:
            lines.append(f"- {GROUP_LABELS[group]}: te weinig respondenten om een cijfer te tonen.")
            continue
        top = rows.loc[rows["estimate"].idxmax()]
        sentence = change_sentence(
            decreased.frame,
            decreased.run_year,
            group=group,
            subject="het percentage dat de eigen werkdruk (enigszins of sterk) gedaald vindt",
        )
        lines.append(
            f"- {GROUP_LABELS[group]}: het vaakst gekozen antwoord is '{top['category']}' "
            f"({fmt_percent(top['estimate'], 1)}); {sentence[0].lower() + sentence[1:]}"
        )
    return "\n".join(lines)


def question_note(effect: Result) -> str:
    """Tabel 5.1: the report's title adds 'positief'; the questionnaire's wording."""
    number = int(effect.declaration.measures[0].question.lstrip("v"))
    question = load_codebook().question_text(number, effect.run_year)
    return f"De titel van het rapport voegt 'positief' toe; de vragenlijst vraagt: '{question}'"
