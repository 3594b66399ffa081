"""Hoofdstuk 5 Effecten: the text around the trends (Figuren 5.1-5.4), Tabel 5.1, its
breakdowns and Figuur 5.5.

The notebook declares every estimate (all respondents, weighted by function x sector, as the
report's footnotes 7 and 12); this module writes the sentences from those results and the table
of the breakdowns with their Rao-Scott tests. The historical series are named helpers in
:mod:`werkdruk_utils.present.history`.
"""

from __future__ import annotations

import pandas as pd

from werkdruk_utils.chapters.terms import GROUP_LABELS, MUNICIPALITY_NAMES, SECTOR_NAMES, join
from werkdruk_utils.declare.estimates import Result
from werkdruk_utils.declare.measures import ScaleShare
from werkdruk_utils.inputs.codebook import ANALYSIS_GROUPS, load_codebook
from werkdruk_utils.present.findings import (
    change_sentence,
    consistency_prefix,
    fmt_p,
    most_chosen_lines,
    significantly_higher,
)
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
from werkdruk_utils.present.history import WEIGHTING_NOTE
from werkdruk_utils.present.tables import ReportTable
from werkdruk_utils.stats import analysis
from werkdruk_utils.stats.suppression import SUPPRESSION_RULE, apply_complementary_suppression

SOURCES = ("Tabel 5.1", "Tekst H5.1", "Tekst H5.2")
"""What the self-check compares: the report's numbers of this chapter."""
EFFECT_STYLE = {"min_label": 4.0}
"""Figuur 5.5: the site's answer colours (colour-blind safe); value labels from 4%."""
BASE_NOTE = (
    "Basis: respondenten die een van de vijf antwoorden gaven; 'Weet ik niet' telt niet mee "
    "(zoals Tabel 5.1). Het rapport drukt de cijfers van deze figuur niet af."
)

ACHTERSTAND_WORDS = (("laag", "lage"), ("midden", "middelste"), ("hoog", "hoge"))
# The report's words for the groups of §5.2: the CSV column, the characteristic, the names of its
# groups, and who its members are ('{}': the group's name).
BREAKDOWNS: dict[str, tuple[str, str, dict[str, str], str]] = {
    "sector": ("sector", "Onderwijstype", SECTOR_NAMES, "respondenten uit het {}"),
    "municipality": (
        "municipality_category",
        "Gemeentecategorie",
        MUNICIPALITY_NAMES,
        "personeelsleden van scholen in de {}",
    ),
    "achterstand": (
        "achterstandsscore",
        "Achterstandsscore (tertielen, bao-scholen)",
        {g: f"{w} achterstandsscore" for g, w in ACHTERSTAND_WORDS},
        "personeelsleden van bao-scholen met een {}",
    ),
}
BREAKDOWN_TABLE_ID = "Tabel 5.1 naar achtergrondkenmerken"
TREND_CAPTION = (
    "Gewogen naar functie en sector. Lijnen: de metingen van deze monitor; open driehoeken: jaren "
    "die het rapport toont zonder de waarde af te drukken (zie de tekst)."
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
            what = f"het percentage op of boven de drempel van de schaal {label.lower()}"
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


def breakdown_sentence(result: Result) -> str:
    """'Net als bij de vorige metingen in …' + the significant (pairwise) differences between the
    groups, or 'geen significante verschillen'."""
    _, title, names, who = BREAKDOWNS[result.declaration.by]
    phrases = {g: who.format(name) for g, name in names.items()}
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
    clauses = [
        f"{phrases[level]} vinden significant vaker dat de werkdruk op hun school is gedaald "
        f"({fmt_percent(estimate[level], 0)}) dan "
        + join([f"{phrases[g]} ({fmt_percent(estimate[g], 0)})" for g in lower])
        for level, lower in significantly_higher(result.pairwise_tests(), estimate, levels)
    ]
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
    lines = most_chosen_lines(own.current(), ANALYSIS_GROUPS, GROUP_LABELS)
    subject = "Het percentage dat de eigen werkdruk (enigszins of sterk) gedaald vindt"
    return "\n".join(
        f"- {line} "
        + change_sentence(decreased.frame, decreased.run_year, group=group, subject=subject)
        for group, line in zip(ANALYSIS_GROUPS, lines, strict=True)
    )


def question_note(effect: Result) -> str:
    """Tabel 5.1: the report's title adds 'positief'; the questionnaire's wording."""
    number = int(effect.declaration.measures[0].question.lstrip("v"))
    question = load_codebook().question_text(number, effect.run_year)
    return f"De titel van het rapport voegt 'positief' toe; de vragenlijst vraagt: '{question}'"
