"""Hoofdstuk 2 Ervaren werkdruk: the text around §2.2, Bijlage 2 and Bijlage 3.

The notebook declares the scale means (all respondents, weighted by function x sector), the
figures per group and the regressions; this module writes the notes and sentences from those
results. A difference between groups or years is called a difference only when significant.
"""

from __future__ import annotations

from werkdruk_utils.chapters.terms import GROUP_LABELS, GROUP_PLURALS
from werkdruk_utils.declare.estimates import Result
from werkdruk_utils.declare.layout import grouping_notes
from werkdruk_utils.declare.models import ModelResult, hidden_terms
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.present.findings import (
    Finding,
    change_sentence,
    fmt_p,
    group_changes_finding,
    group_difference_finding,
    paragraph,
)
from werkdruk_utils.present.formatting import fmt_number, shown_label
from werkdruk_utils.stats import analysis
from werkdruk_utils.stats.suppression import apply_complementary_suppression

SOURCES = (
    "Figuur 2.8",
    "Figuur 2.9",
    "Figuur 2.10",
    "Tekst H2.2",
    *(f"Tabel B2.{i}" for i in range(1, 5)),
)
"""What the self-check compares: the report's numbers of this chapter."""

SCALE_TERMS: dict[str, str] = {
    "kwantitatieve_taakeisen": "kwantitatieve taakeisen",
    "emotionele_belasting": "emotionele belasting",
    "moeilijkheidsgraad": "cognitieve belasting (moeilijkheidsgraad)",
    "regelmogelijkheden": "regelmogelijkheden",
}
"""How the running text names each scale."""
INVERTED_SCALES = frozenset({"regelmogelijkheden"})
"""A higher score means fewer regelmogelijkheden (1 = regelmatig, 3 = nooit)."""

WEIGHTING_NOTE = (
    "Gemiddelden van alle respondenten, gewogen naar functie en sector (Tabel B1.8), zoals §2.2 "
    "van het rapport."
)
INVERTED_NOTE = (
    "Een hogere score op regelmogelijkheden betekent minder regelmogelijkheden (1 = Ja, "
    "regelmatig; 3 = Nee)."
)
LABELS: dict[str, dict[str, str]] = {
    "function": GROUP_LABELS,
    "municipality": {"G4": "G4", "G40": "G40", "overig": "Overig"},
    "sector": {"bao": "bao", "go": "go"},
    "achterstand": {
        "laag": "Laag (onderste derde)",
        "midden": "Midden (middelste derde)",
        "hoog": "Hoog (bovenste derde)",
    },
}
"""Row labels of the groups in the figures and their tables."""
SUBJECTS: dict[str, dict[str, str]] = {
    "function": GROUP_PLURALS,
    "municipality": {
        "G4": "personeel op scholen in de G4",
        "G40": "personeel op scholen in de G40",
        "overig": "personeel op scholen in overige gemeenten",
    },
    "sector": {
        "bao": "personeel in het regulier basisonderwijs (bao)",
        "go": "personeel in het gespecialiseerd onderwijs (go)",
    },
    "achterstand": {
        "laag": "personeel op bao-scholen met de laagste achterstandsscores (onderste derde)",
        "midden": "personeel op bao-scholen met middelste achterstandsscores (middelste derde)",
        "hoog": "personeel op bao-scholen met de hoogste achterstandsscores (bovenste derde)",
    },
}
"""How a sentence names the members of each group."""


SCALE_MISPRINT_NOTE = (
    "Het rapport drukt bij deze figuur de schaal af als '1 = nooit, 3 = altijd', in strijd met "
    "vraag 5 (1 = Ja, regelmatig; 2 = Ja, soms; 3 = Nee) en met Figuur 2.8–2.10; hier staat de "
    "juiste schaal."
)
"""The note under Figuur B3.7 and B3.8, whose scale the report misprints."""


def _scale(result: Result) -> str:
    return result.declaration.measures[0].scale


def group_labels(result: Result) -> dict[str, str]:
    """The row labels of the result's groups (``labels=``/``row_labels=`` of its figure)."""
    return LABELS[result.declaration.by]


def figure_notes(result: Result) -> list[str]:
    """The notes of a figure's table: weighting, the inverted scale, how the groups are formed."""
    inverted = [INVERTED_NOTE] if _scale(result) in INVERTED_SCALES else []
    return [WEIGHTING_NOTE, *inverted, *grouping_notes(result)]


def figure_text(result: Result) -> str:
    """The text of a figure in two paragraphs: which group scores highest and lowest in the run
    year (a difference named only when significant), then which groups changed against the earlier
    years; the tests and bases in each paragraph's fold."""
    term, subjects = SCALE_TERMS[_scale(result)], SUBJECTS[result.declaration.by]
    current = apply_complementary_suppression(result.current()).set_index("group")
    levels = [lv for lv in result.declaration.group_levels or [] if lv in current.index]
    shown = [lv for lv in levels if not bool(current.loc[lv, "suppressed"])]
    estimates = [(subjects[lv], current.loc[lv, "estimate"], current.loc[lv, "n"]) for lv in shown]
    pairs = [
        (subjects[p.first], subjects[p.second], -p.difference, p.p, p.significant)
        for p in result.pairwise_tests().itertuples(index=False)
        if p.first in shown and p.second in shown
    ]
    difference = group_difference_finding(
        estimates, pairs, year=result.run_year, term=term, statistic="mean"
    )
    if _scale(result) in INVERTED_SCALES:
        difference.text += " Een hogere score betekent minder regelmogelijkheden."
    changes = group_changes_finding(
        result.frame,
        result.run_year,
        groups={lv: subjects[lv] for lv in levels},
        subject=f"De gemiddelde score op {term} bij {{group}}",
        what=f"de gemiddelde score op {term}",
    )
    return paragraph([difference]) + "\n\n" + paragraph([changes])


def overall_means_text(result: Result) -> str:
    """'Gemiddeld 2,6' as §2.2 (one decimal), the values per year and the test against earlier
    years."""
    scale = load_codebook().scales[_scale(result)]
    term, year = SCALE_TERMS[scale.name], result.run_year
    rows = result.frame.sort_values("year")
    values = {int(r.year): r.estimate for r in rows.itertuples() if not r.suppressed}
    if year not in values:
        return f"{scale.label_nl}: te weinig respondenten in {year}."
    rounded = {y: fmt_number(v, 1) for y, v in values.items()}
    if len(values) > 1 and len(set(rounded.values())) == 1:
        text = (
            f"In alle metingen ({', '.join(str(y) for y in values)}) scoort men op {term} "
            f"gemiddeld een {rounded[year]} ({scale.caption_nl})."
        )
    else:
        earlier = "; ".join(f"{y}: {rounded[y]}" for y in values if y != year)
        text = (
            f"In {year} scoort men op {term} gemiddeld een {rounded[year]} "
            f"({scale.caption_nl})" + (f"; eerder {earlier}" if earlier else "") + "."
        )
    sentence = change_sentence(result.frame, year, subject=f"Het gewogen gemiddelde op {term}")
    return f"{text} {sentence}"


def regression_text(model: ModelResult, table_id: str) -> str:
    """Which background characteristics are significantly related to the score (p < 0,05), with
    direction and B; the others named as not significant; p, n and Adj. R² in the fold. A model
    that cannot be estimated, and a term the small-cell rule hides, say so."""
    if model.not_estimable is not None:
        return f"**{table_id}** (meting {model.run_year}): {model.not_estimable.text()}"
    terms = model.frame[model.frame["term"] != "const"]
    hidden = terms["term"].isin(hidden_terms(model))
    hidden_labels = terms.loc[hidden, "label"].map(shown_label)
    terms = terms[~hidden]
    term, significant = SCALE_TERMS[model.declaration.outcome], terms["p"] < analysis.ALPHA
    related = [
        f"{shown_label(r.label)} ({'positief' if r.B > 0 else 'negatief'}, "
        f"B = {fmt_number(r.B, 2)})"
        for r in terms[significant].itertuples()
    ]
    text = f"In {table_id} (meting {model.run_year}) hangt de score op {term} " + (
        f"significant samen met: {'; '.join(related)}."
        if related
        else "met geen van de achtergrondkenmerken significant samen."
    )
    if (~significant).any():
        others = ", ".join(shown_label(label) for label in terms.loc[~significant, "label"])
        text += f" Niet significant: {others}."
    if hidden.any():
        text += " Niet getoond (te weinig respondenten): " + ", ".join(hidden_labels) + "."
    if model.declaration.outcome in INVERTED_SCALES:
        text += " Een positief verband betekent hier mínder regelmogelijkheden (hogere score)."
    tests = [
        f"{shown_label(r.label)}: B = {fmt_number(r.B, 2)}, {fmt_p(r.p)}"
        for r in terms.itertuples()
    ]
    tests.append(
        f"Model: n = {fmt_number(int(terms['n'].max()), 0)}, "
        f"Adj. R² = {fmt_number(float(terms['adj_r2'].iloc[0]), 2)}"
    )
    return paragraph([Finding(text, tests)])
