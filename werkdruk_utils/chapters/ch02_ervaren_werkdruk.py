"""Hoofdstuk 2 Ervaren werkdruk: the text around §2.2, Bijlage 2 and Bijlage 3.

The notebook declares the scale means (all respondents, weighted by function x sector), the
figures per group and the regressions; this module writes the notes and sentences from those
results. A difference between groups or years is called a difference only when significant.
Achterstandsscore categories: the tertiles of the sampled bao schools of each measurement
(:mod:`werkdruk_utils.stats.breakdowns`); the report does not print them.
"""

from __future__ import annotations

import math

from werkdruk_utils.chapters.terms import GROUP_LABELS, GROUP_PLURALS
from werkdruk_utils.declare.estimates import Result
from werkdruk_utils.declare.models import ModelResult, hidden_terms
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.present.findings import change_sentence, fmt_p
from werkdruk_utils.present.formatting import fmt_number, shown_label
from werkdruk_utils.stats import analysis, breakdowns
from werkdruk_utils.stats.suppression import apply_complementary_suppression

SOURCES = (
    "Figuur 2.8",
    "Figuur 2.9",
    "Figuur 2.10",
    "Tekst H2.2",
    "Tabel B2.1",
    "Tabel B2.2",
    "Tabel B2.3",
    "Tabel B2.4",
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
CAPTION_CORRECTION_NOTE = (
    "Het rapport drukt bij deze figuur de schaal af als '1 = nooit, 3 = altijd'. Dat is in strijd "
    "met vraag 5 (1 = Ja, regelmatig; 2 = Ja, soms; 3 = Nee) en met Figuur 2.8–2.10; hier staat de "
    "juiste schaal."
)
OVERALL_NOTES = (
    WEIGHTING_NOTE,
    "Taakeisen: 1 = nooit, 4 = altijd; regelmogelijkheden: 1 = regelmatig, 3 = nooit.",
    INVERTED_NOTE,
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


def _scale(result: Result) -> str:
    return result.declaration.measures[0].scale


def group_labels(result: Result) -> dict[str, str]:
    return LABELS[result.declaration.by]


def figure_notes(result: Result) -> list[str]:
    """The notes of a figure's table: weighting, the inverted scale, the tertile cut points."""
    notes = [WEIGHTING_NOTE]
    if _scale(result) in INVERTED_SCALES:
        notes.append(INVERTED_NOTE)
    if result.declaration.by == "achterstand":
        parts = []
        for year, m in sorted(result.data.measurements.items()):
            low, high = breakdowns.achterstand_cut_points(m.schools)
            parts.append(
                f"{year}: laag ≤ {fmt_number(low, 4)} < midden ≤ {fmt_number(high, 4)} < hoog"
            )
        notes.append(
            "Achterstandsscore categorie: tertielen van de achterstandsscore van de bao-scholen in "
            "de steekproef van elke meting (het rapport drukt de indeling niet af); "
            + "; ".join(parts)
            + ". Scholen in het gespecialiseerd onderwijs (go) hebben geen achterstandsscore en "
            "tellen hier niet mee."
        )
    return notes


def group_sizes_note(result: Result) -> str:
    """'n per groep in 2024: Schoolleider 270, Leraar 1.040, …' (the base of a suppressed group
    is not shown)."""
    current = apply_complementary_suppression(result.current()).set_index("group")
    labels = group_labels(result)
    parts = [
        f"{labels[lv]} "
        f"{'*' if bool(current.loc[lv, 'suppressed']) else fmt_number(current.loc[lv, 'n'], 0)}"
        for lv in result.declaration.group_levels or []
        if lv in current.index
    ]
    return f"n per groep in {result.run_year}: " + ", ".join(parts) + " (alle jaren in de CSV)."


def _direction(scale: str, higher: bool) -> str:
    more = higher != (scale in INVERTED_SCALES)
    return f"{'meer' if more else 'minder'} {SCALE_TERMS[scale]}"


def group_difference_text(result: Result) -> str:
    """Differences between the groups in the run year (only significant ones called
    differences)."""
    scale, year, by = _scale(result), result.run_year, result.declaration.by
    subjects = SUBJECTS[by]
    current = result.current().set_index("group")
    shown = [
        lv
        for lv in result.declaration.group_levels or []
        if lv in current.index and not bool(current.loc[lv, "suppressed"])
    ]
    significant, other = [], []
    for p in result.pairwise_tests().itertuples(index=False):
        if p.first not in shown or p.second not in shown or math.isnan(p.p):
            continue
        a, b = (p.second, p.first) if p.difference > 0 else (p.first, p.second)
        if p.significant:
            significant.append(
                f"bij {subjects[a]} is de gemiddelde score hoger "
                f"({fmt_number(current.loc[a, 'estimate'], 2)}) dan bij {subjects[b]} "
                f"({fmt_number(current.loc[b, 'estimate'], 2)}; {fmt_p(p.p)}): "
                f"{_direction(scale, True)}"
            )
        else:
            other.append(
                f"{subjects[p.first]} en {subjects[p.second]} "
                f"({fmt_number(current.loc[p.first, 'estimate'], 2)} en "
                f"{fmt_number(current.loc[p.second, 'estimate'], 2)}; {fmt_p(p.p)})"
            )
    label = SCALE_TERMS[scale]
    if not significant and not other:
        return (
            f"In {year} zijn er te weinig respondenten per groep om verschillen in {label} te "
            "toetsen."
        )
    lines = [
        f"**Verschillen tussen groepen in {year}** ({label}; alleen significante verschillen, "
        "p < 0,05, heten verschillen):",
        "",
    ]
    if significant:
        lines += [f"- {s[0].upper()}{s[1:]}." for s in significant]
    else:
        lines.append(f"- Geen van de groepen verschilt significant van een andere in {label}.")
    if other:
        lines.append("- Geen significant verschil tussen " + "; tussen ".join(other) + ".")
    return "\n".join(lines)


def group_change_text(result: Result) -> str:
    """Per group: the run year's mean and the change against each earlier year."""
    term = SCALE_TERMS[_scale(result)]
    earlier = [str(y) for y in result.years if y != result.run_year]
    compared = f"vergeleken met {', '.join(earlier)}" if earlier else None
    header = (
        f"**Ontwikkeling per groep** ({term}; "
        f"{compared or 'geen eerdere meting om mee te vergelijken'}):"
    )
    lines = [header, ""]
    for level in result.declaration.group_levels or []:
        subject = f"De gemiddelde score op {term} bij {SUBJECTS[result.declaration.by][level]}"
        sentence = change_sentence(result.frame, result.run_year, subject=subject, group=level)
        lines.append(f"- {sentence}")
    return "\n".join(lines)


def figure_text(result: Result) -> str:
    """The text of a figure: group differences in the run year, then changes per group."""
    return group_difference_text(result) + "\n\n" + group_change_text(result)


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
    """Which predictors are significant (p < 0,05), with direction, B and p; the others named as
    not significant; a model that cannot be estimated, and a suppressed term, say so."""
    if model.not_estimable is not None:
        return f"**{table_id}** (meting {model.run_year}): {model.not_estimable.text()}"
    terms = model.frame[model.frame["term"] != "const"]
    hidden = terms["term"].isin(hidden_terms(model))
    hidden_labels = terms.loc[hidden, "label"].map(shown_label)
    terms = terms[~hidden]
    scale = model.declaration.outcome
    significant = terms[terms["p"] < analysis.ALPHA]
    lines = [
        f"**{table_id}** ({SCALE_TERMS[scale]}, meting {model.run_year}, n = "
        f"{fmt_number(int(terms['n'].max()), 0)}, "
        f"Adj. R² = {fmt_number(float(terms['adj_r2'].iloc[0]), 2)}):",
        "",
    ]
    if significant.empty:
        lines.append(
            "- Geen van de achtergrondkenmerken hangt significant samen met de score (p < 0,05)."
        )
    for r in significant.itertuples():
        sign = "positief" if r.B > 0 else "negatief"
        what = f"significant {sign} verband (B = {fmt_number(r.B, 2)}; {fmt_p(r.p)})"
        lines.append(f"- {shown_label(r.label)}: {what}.")
    others = terms[~(terms["p"] < analysis.ALPHA)]
    if len(others):
        lines.append("- Niet significant: " + ", ".join(others["label"].map(shown_label)) + ".")
    if hidden.any():
        lines.append("- Niet getoond (te weinig respondenten): " + ", ".join(hidden_labels) + ".")
    if scale in INVERTED_SCALES:
        lines.append(
            "- Een positief verband betekent hier mínder regelmogelijkheden (hogere score)."
        )
    return "\n".join(lines)
