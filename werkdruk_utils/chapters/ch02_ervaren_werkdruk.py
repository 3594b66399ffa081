"""Hoofdstuk 2 Ervaren werkdruk: §2.2 Dimensies, Bijlage 2 (Tabellen B2.1–B2.4) and Bijlage 3
(Figuren B3.1–B3.8).

Four scales (score = mean of the answered items when at least two thirds are answered,
:func:`werkdruk_utils.stats.scales.scale_score`):

* Kwantitatieve taakeisen (Q6 items 1–3), emotionele belasting (Q6 items 4–6) and
  moeilijkheidsgraad / cognitieve belasting (Q6 items 7–9): 1 = nooit … 4 = altijd.
* Regelmogelijkheden (Q5 items 1–6): 1 = Ja, regelmatig … 3 = Nee; a higher score means fewer
  regelmogelijkheden.

Every mean is weighted by function × sector (``cell`` weights, §2.2 'gewogen naar functie en
sector') over all respondents of the year; groups are domains of that design
(:func:`werkdruk_utils.stats.analysis.estimate`). Differences between groups within the run year and
changes against earlier years are called differences only when significant (p < 0,05).

Decisions where the report leaves room:

* **Achterstandsscore categorie** (Figuren B3.1, B3.4, B3.6, B3.7): the report does not print the
  categories. Here they are the *tertiles* of the achterstandsscore of the sampled bao schools of
  the measurement year (the school frame, responding or not): 'Laag' up to the first tertile,
  'Midden' up to the second, 'Hoog' above it. Cut points are computed per year (printed in the
  table notes), so each category holds a third of the sampled bao schools in every year. Schools
  of the gespecialiseerd onderwijs (go) have no achterstandsscore and are not in these figures.
* **Scale captions**: Figuur B3.7 and B3.8 print '1 = nooit, 3 = altijd' for regelmogelijkheden,
  which contradicts question 5 and Figuur 2.8–2.10. The corrected caption '1 = regelmatig,
  3 = nooit' is shown, with a note saying so.
* **Tabellen B2.1–B2.4** use exactly the model frame and fit of
  :mod:`werkdruk_utils.check.reproduce`
  (:func:`~werkdruk_utils.check.reproduce.regression_frame`,
  :func:`~werkdruk_utils.check.reproduce.fit_regression`):
  cell weights computed on all respondents, complete cases (achterstandsscore exists for bao
  schools only, so the model rests on bao respondents), design-based SEs clustered by school.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from werkdruk_utils.check import reproduce
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.present.findings import change_sentence, fmt_p
from werkdruk_utils.present.formatting import fmt_number
from werkdruk_utils.present.presentation import results_figure, results_table
from werkdruk_utils.present.report import Chapter
from werkdruk_utils.present.tables import ReportTable
from werkdruk_utils.stats import analysis, breakdowns, scales, weighting
from werkdruk_utils.stats.suppression import apply_complementary_suppression
from werkdruk_utils.stats.survey import significance_stars

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

SCALE_ORDER: tuple[str, ...] = (
    "kwantitatieve_taakeisen",
    "emotionele_belasting",
    "moeilijkheidsgraad",
    "regelmogelijkheden",
)
"""The four scales in the order of §2.2."""

SCALE_TERMS: dict[str, str] = {
    "kwantitatieve_taakeisen": "kwantitatieve taakeisen",
    "emotionele_belasting": "emotionele belasting",
    "moeilijkheidsgraad": "cognitieve belasting (moeilijkheidsgraad)",
    "regelmogelijkheden": "regelmogelijkheden",
}
"""How the running text names each scale."""

INVERTED_SCALES: frozenset[str] = frozenset({"regelmogelijkheden"})
"""Scales where a higher score means less of what the name says (1 = regelmatig, 3 = nooit)."""

CAPTIONS: dict[str, str] = {
    "kwantitatieve_taakeisen": "1 = nooit, 4 = altijd",
    "emotionele_belasting": "1 = nooit, 4 = altijd",
    "moeilijkheidsgraad": "1 = nooit, 4 = altijd",
    "regelmogelijkheden": "1 = regelmatig, 3 = nooit",
}

WEIGHTING_NOTE = "Gemiddelden van alle respondenten, gewogen naar functie en sector (Tabel B1.8), zoals §2.2 van het rapport."
INVERTED_NOTE = "Een hogere score op regelmogelijkheden betekent minder regelmogelijkheden (1 = Ja, regelmatig; 3 = Nee)."
CAPTION_CORRECTION_NOTE = (
    "Het rapport drukt bij deze figuur de schaal af als '1 = nooit, 3 = altijd'. Dat is in strijd "
    "met vraag 5 "
    "(1 = Ja, regelmatig; 2 = Ja, soms; 3 = Nee) en met Figuur 2.8–2.10; hier staat de juiste "
    "schaal."
)
ACHTERSTAND_COLUMN = breakdowns.COLUMN
ACHTERSTAND_LEVELS: tuple[str, ...] = ("laag", "midden", "hoog")


achterstand_cut_points = breakdowns.achterstand_cut_points
achterstand_category = breakdowns.achterstand_category
with_breakdowns = breakdowns.with_breakdowns


# ----------------------------------------------------------------------------------------------
# breakdowns and figures


@dataclass(frozen=True)
class Breakdown:
    """A grouping of the respondents: column, level order (top to bottom), labels and sentence
    subjects."""

    column: str
    levels: tuple[str, ...]
    labels: Mapping[str, str]
    subjects: Mapping[str, str]


BREAKDOWNS: dict[str, Breakdown] = {
    "functie": Breakdown(
        "analysis_group",
        (
            "schoolleider",
            "leraar",
            "onderwijsondersteunend personeel",
            "overig ondersteunend personeel",
        ),
        {
            "schoolleider": "Schoolleider",
            "leraar": "Leraar",
            "onderwijsondersteunend personeel": "Onderwijsondersteunend personeel",
            "overig ondersteunend personeel": "Overig ondersteunend personeel",
        },
        {
            "schoolleider": "schoolleiders",
            "leraar": "leraren",
            "onderwijsondersteunend personeel": "onderwijsondersteunend personeel",
            "overig ondersteunend personeel": "overig ondersteunend personeel",
        },
    ),
    "gemeentecategorie": Breakdown(
        "municipality_category",
        ("G4", "G40", "overig"),
        {"G4": "G4", "G40": "G40", "overig": "Overig"},
        {
            "G4": "personeel op scholen in de G4",
            "G40": "personeel op scholen in de G40",
            "overig": "personeel op scholen in overige gemeenten",
        },
    ),
    "onderwijstype": Breakdown(
        "sector",
        ("bao", "go"),
        {"bao": "bao", "go": "go"},
        {
            "bao": "personeel in het regulier basisonderwijs (bao)",
            "go": "personeel in het gespecialiseerd onderwijs (go)",
        },
    ),
    "achterstandsscore": Breakdown(
        ACHTERSTAND_COLUMN,
        ACHTERSTAND_LEVELS,
        {
            "laag": "Laag (onderste derde)",
            "midden": "Midden (middelste derde)",
            "hoog": "Hoog (bovenste derde)",
        },
        {
            "laag": "personeel op bao-scholen met de laagste achterstandsscores (onderste derde)",
            "midden": "personeel op bao-scholen met middelste achterstandsscores (middelste derde)",
            "hoog": "personeel op bao-scholen met de hoogste achterstandsscores (bovenste derde)",
        },
    ),
}


@dataclass(frozen=True)
class FigureSpec:
    """A numbered figure of the report: scale, breakdown, title (as printed, scale caption
    corrected) and notes."""

    scale: str
    breakdown: str
    title: str
    notes: tuple[str, ...] = field(default_factory=tuple)


def _title(subject: str, breakdown_words: str, scale: str) -> str:
    return f"{subject} over de jaren heen uitgesplitst naar {breakdown_words}: {CAPTIONS[scale]}."


FIGURES: dict[str, FigureSpec] = {
    "Figuur 2.2": FigureSpec(
        "kwantitatieve_taakeisen",
        "functie",
        _title("Kwantitatieve taakeisen", "functie", "kwantitatieve_taakeisen"),
    ),
    "Figuur 2.3": FigureSpec(
        "kwantitatieve_taakeisen",
        "gemeentecategorie",
        _title("Kwantitatieve taakeisen", "gemeentecategorie", "kwantitatieve_taakeisen"),
    ),
    "Figuur 2.4": FigureSpec(
        "emotionele_belasting",
        "functie",
        _title("Emotionele belasting", "functie", "emotionele_belasting"),
    ),
    "Figuur 2.5": FigureSpec(
        "moeilijkheidsgraad",
        "functie",
        _title("Moeilijkheidsgraad", "functie", "moeilijkheidsgraad"),
    ),
    "Figuur 2.6": FigureSpec(
        "moeilijkheidsgraad",
        "onderwijstype",
        _title("Moeilijkheidsgraad", "onderwijstype", "moeilijkheidsgraad"),
    ),
    "Figuur 2.7": FigureSpec(
        "emotionele_belasting",
        "gemeentecategorie",
        _title("Emotionele belasting", "gemeentecategorie", "emotionele_belasting"),
    ),
    "Figuur 2.8": FigureSpec(
        "regelmogelijkheden",
        "functie",
        _title("Regelmogelijkheden", "functie", "regelmogelijkheden"),
    ),
    "Figuur 2.9": FigureSpec(
        "regelmogelijkheden",
        "gemeentecategorie",
        _title("Regelmogelijkheden", "gemeentegrootte", "regelmogelijkheden"),
        (
            "'Gemeentegrootte' zoals in het rapport: de indeling is de gemeentecategorie (G4, G40, "
            "overig).",
        ),
    ),
    "Figuur 2.10": FigureSpec(
        "regelmogelijkheden",
        "onderwijstype",
        _title("Regelmogelijkheden", "onderwijstype", "regelmogelijkheden"),
    ),
    "Figuur B3.1": FigureSpec(
        "kwantitatieve_taakeisen",
        "achterstandsscore",
        _title("Kwantitatieve taakeisen", "achterstandsscore categorie", "kwantitatieve_taakeisen"),
    ),
    "Figuur B3.2": FigureSpec(
        "kwantitatieve_taakeisen",
        "onderwijstype",
        _title("Kwantitatieve taakeisen", "onderwijstype", "kwantitatieve_taakeisen"),
    ),
    "Figuur B3.3": FigureSpec(
        "emotionele_belasting",
        "onderwijstype",
        _title("Emotionele belasting", "onderwijstype", "emotionele_belasting"),
    ),
    "Figuur B3.4": FigureSpec(
        "emotionele_belasting",
        "achterstandsscore",
        _title("Emotionele belasting", "achterstandsscore categorie", "emotionele_belasting"),
    ),
    "Figuur B3.5": FigureSpec(
        "moeilijkheidsgraad",
        "gemeentecategorie",
        _title("Moeilijkheidsgraad", "gemeentecategorie", "moeilijkheidsgraad"),
    ),
    "Figuur B3.6": FigureSpec(
        "moeilijkheidsgraad",
        "achterstandsscore",
        _title("Moeilijkheidsgraad", "achterstandsscore categorie", "moeilijkheidsgraad"),
    ),
    "Figuur B3.7": FigureSpec(
        "regelmogelijkheden",
        "achterstandsscore",
        _title("Regelmogelijkheden", "achterstandsscore categorie", "regelmogelijkheden"),
        (CAPTION_CORRECTION_NOTE,),
    ),
    "Figuur B3.8": FigureSpec(
        "regelmogelijkheden",
        "gemeentecategorie",
        _title("Regelmogelijkheden", "gemeente categorie", "regelmogelijkheden"),
        (CAPTION_CORRECTION_NOTE, "Dezelfde indeling als Figuur 2.9."),
    ),
}
"""Every figure of §2.2 and Bijlage 3 with the report's number and title."""


def _spec(figure_id: str) -> FigureSpec:
    if figure_id not in FIGURES:
        raise KeyError(f"unknown figure '{figure_id}'; expected one of {list(FIGURES)}")
    return FIGURES[figure_id]


# ----------------------------------------------------------------------------------------------
# scale scores and achterstandsscore categories


def scale_items(scale: str) -> tuple[str, ...]:
    """The codebook's items of a scale (e.g. ``('v6_1', 'v6_2', 'v6_3')``)."""
    cb = load_codebook()
    if scale not in cb.scales:
        raise KeyError(f"unknown scale '{scale}'; expected one of {list(cb.scales)}")
    return cb.scales[scale].items


def scale_label(scale: str) -> str:
    return load_codebook().scales[scale].label_nl


def scale_range(scale: str) -> tuple[float, float]:
    s = load_codebook().scales[scale]
    return float(s.minimum), float(s.maximum)


def scale_score(respondents: pd.DataFrame, scale: str) -> pd.Series:
    """Scale score per respondent (mean of the answered items, at least two thirds answered)."""
    return scales.scale_score(respondents, scale_items(scale))


def _cut_points_note(chapter: Chapter) -> str:
    parts = []
    for year, m in sorted(chapter.measurements.items()):
        low, high = achterstand_cut_points(m.schools)
        parts.append(f"{year}: laag ≤ {fmt_number(low, 4)} < midden ≤ {fmt_number(high, 4)} < hoog")
    return (
        "Achterstandsscore categorie: tertielen van de achterstandsscore van de bao-scholen in de "
        "steekproef van "
        "elke meting (het rapport drukt de indeling niet af); "
        + "; ".join(parts)
        + ". Scholen in het gespecialiseerd onderwijs (go) hebben geen achterstandsscore en tellen "
        "hier niet mee."
    )


# ----------------------------------------------------------------------------------------------
# estimates


def scale_means(chapter: Chapter, scale: str, breakdown: str | None = None) -> pd.DataFrame:
    """Weighted (function × sector) mean of a scale per year, overall or per group of
    ``breakdown``."""
    from werkdruk_utils.present.report import memoized

    return memoized(
        chapter, ("scale_means", scale, breakdown), lambda: _scale_means(chapter, scale, breakdown)
    )


def _scale_means(chapter: Chapter, scale: str, breakdown: str | None = None) -> pd.DataFrame:
    label = scale_label(scale)
    frames = []
    for _, m in sorted(chapter.measurements.items()):
        if breakdown is None:
            resp = m.respondents
            frames.append(
                analysis.estimate(
                    resp,
                    scale_score(resp, scale),
                    statistic="mean",
                    variable=scale,
                    category=label,
                    weighting_name="cell",
                    min_n=chapter.min_n,
                )
            )
        else:
            spec = BREAKDOWNS[breakdown]
            resp = with_breakdowns(m)
            frames.append(
                analysis.estimate(
                    resp,
                    scale_score(resp, scale),
                    statistic="mean",
                    variable=scale,
                    category=label,
                    weighting_name="cell",
                    by=spec.column,
                    levels=list(spec.levels),
                    min_n=chapter.min_n,
                )
            )
    return pd.concat(frames, ignore_index=True)


def figure_results(chapter: Chapter, figure_id: str) -> pd.DataFrame:
    spec = _spec(figure_id)
    return scale_means(chapter, spec.scale, spec.breakdown)


def _figure_notes(chapter: Chapter, spec: FigureSpec) -> list[str]:
    notes = [WEIGHTING_NOTE]
    if spec.scale in INVERTED_SCALES:
        notes.append(INVERTED_NOTE)
    if spec.breakdown == "achterstandsscore":
        notes.append(_cut_points_note(chapter))
    notes.extend(spec.notes)
    return notes


def figure_table(chapter: Chapter, figure_id: str) -> ReportTable:
    """The numbers of a figure as a table (rows: groups, columns: years, changes marked when
    significant)."""
    spec = _spec(figure_id)
    breakdown = BREAKDOWNS[spec.breakdown]
    results = figure_results(chapter, figure_id)
    return results_table(
        results,
        table_id=figure_id,
        title=spec.title,
        rows="group",
        columns="year",
        row_labels=breakdown.labels,
        row_order=list(breakdown.levels),
        decimals=2,
        min_n=chapter.min_n,
        notes=_figure_notes(chapter, spec) + [group_sizes_note(results, breakdown, chapter.year)],
        n_label="Grootste groep (n)",
    )


def group_sizes_note(results: pd.DataFrame, breakdown: Breakdown, year: int) -> str:
    """'n per groep in 2024: Schoolleider 270, Leraar 1.040, …' (respondents with a scale score)."""
    current = apply_complementary_suppression(results[results["year"] == year]).set_index("group")
    parts = [
        f"{breakdown.labels[lv]} "
        f"{'*' if bool(current.loc[lv, 'suppressed']) else fmt_number(current.loc[lv, 'n'], 0)}"
        for lv in breakdown.levels
        if lv in current.index
    ]  # the base of a suppressed group is not shown
    return f"n per groep in {year}: " + ", ".join(parts) + " (alle jaren in de CSV)."


def figure_plot(chapter: Chapter, figure_id: str):
    """The figure in house style: horizontal bars per group, the years as series, the scale's
    axis."""
    spec = _spec(figure_id)
    breakdown = BREAKDOWNS[spec.breakdown]
    caption = "Gewogen naar functie en sector"
    if spec.breakdown == "achterstandsscore":
        caption += "; alleen bao (tertielen)"
    caption += "."
    if CAPTION_CORRECTION_NOTE in spec.notes:
        caption += " Schaal gecorrigeerd; rapport: '1 = nooit, 3 = altijd'."
    return results_figure(
        figure_results(chapter, figure_id),
        title=f"{figure_id} {spec.title}",
        category="group",
        labels=breakdown.labels,
        order=list(breakdown.levels),
        value_range=scale_range(spec.scale),
        caption=caption,
    )


# ----------------------------------------------------------------------------------------------
# generated narrative


def group_pairs(
    respondents: pd.DataFrame,
    values: pd.Series,
    *,
    by: str,
    levels: Sequence[str],
    min_n: int = analysis.MIN_N,
) -> pd.DataFrame:
    """Every pair of ``levels`` (in that order) tested within one year, cell weights, domains of one
    design.

    Columns: first, second, difference (second - first), se, df, p, significant.
    """
    rows = []
    for i, first in enumerate(levels[:-1]):
        tests = analysis.group_differences(
            respondents, values, by=by, reference=first, weighting_name="cell", min_n=min_n
        )
        for second in levels[i + 1 :]:
            hit = tests[tests["group"] == second]
            if hit.empty:
                continue
            t = hit.iloc[0]
            rows.append(
                {
                    "first": first,
                    "second": second,
                    "difference": t["difference"],
                    "se": t["se"],
                    "df": t["df"],
                    "p": t["p"],
                    "significant": bool(t["significant"]),
                }
            )
    return pd.DataFrame(
        rows, columns=["first", "second", "difference", "se", "df", "p", "significant"]
    )


def _direction(scale: str, higher: bool) -> str:
    term = SCALE_TERMS[scale]
    more = higher != (scale in INVERTED_SCALES)
    return f"{'meer' if more else 'minder'} {term}"


def group_difference_text(chapter: Chapter, scale: str, breakdown: str) -> str:
    """Differences between the groups of ``breakdown`` in the run year (only significant ones called
    differences)."""
    spec = BREAKDOWNS[breakdown]
    resp = with_breakdowns(chapter.current)
    results = scale_means(chapter, scale, breakdown)
    current = results[results["year"] == chapter.year].set_index("group")
    pairs = group_pairs(
        resp,
        scale_score(resp, scale),
        by=spec.column,
        levels=list(spec.levels),
        min_n=chapter.min_n,
    )
    shown = [
        lv for lv in spec.levels if lv in current.index and not bool(current.loc[lv, "suppressed"])
    ]
    significant, other = [], []
    for p in pairs.itertuples(index=False):
        if p.first not in shown or p.second not in shown or math.isnan(p.p):
            continue
        a, b = (p.second, p.first) if p.difference > 0 else (p.first, p.second)
        est_a, est_b = current.loc[a, "estimate"], current.loc[b, "estimate"]
        if p.significant:
            significant.append(
                f"bij {spec.subjects[a]} is de gemiddelde score hoger ({fmt_number(est_a, 2)}) dan "
                "bij "
                f"{spec.subjects[b]} ({fmt_number(est_b, 2)}; {fmt_p(p.p)}): "
                f"{_direction(scale, True)}"
            )
        else:
            other.append(
                f"{spec.subjects[p.first]} en {spec.subjects[p.second]} "
                f"({fmt_number(current.loc[p.first, 'estimate'], 2)} en "
                f"{fmt_number(current.loc[p.second, 'estimate'], 2)}; {fmt_p(p.p)})"
            )
    label = SCALE_TERMS[scale]
    if not significant and not other:
        return f"In {chapter.year} zijn er te weinig respondenten per groep om verschillen in {label} te toetsen."
    lines = [
        f"**Verschillen tussen groepen in {chapter.year}** ({label}; alleen significante "
        "verschillen, p < 0,05, "
        f"heten verschillen):",
        "",
    ]
    if significant:
        lines += [f"- {s[0].upper()}{s[1:]}." for s in significant]
    else:
        lines.append(f"- Geen van de groepen verschilt significant van een andere in {label}.")
    if other:
        lines.append("- Geen significant verschil tussen " + "; tussen ".join(other) + ".")
    return "\n".join(lines)


def group_change_text(chapter: Chapter, scale: str, breakdown: str) -> str:
    """Per group: the run year's mean and the (significant or not) change against each earlier
    year."""
    spec = BREAKDOWNS[breakdown]
    results = scale_means(chapter, scale, breakdown)
    term = SCALE_TERMS[scale]
    earlier = [str(y) for y in chapter.years if y != chapter.year]
    header = (
        f"**Ontwikkeling per groep** ({term}; "
        + (
            f"vergeleken met {', '.join(earlier)}"
            if earlier
            else "geen eerdere meting om mee te vergelijken"
        )
        + "):"
    )
    lines = [header, ""]
    for level in spec.levels:
        subject = f"De gemiddelde score op {term} bij {spec.subjects[level]}"
        lines.append("- " + change_sentence(results, chapter.year, subject=subject, group=level))
    return "\n".join(lines)


def figure_text(chapter: Chapter, figure_id: str) -> str:
    """Generated narrative of a figure: group differences in the run year, then changes per
    group."""
    spec = _spec(figure_id)
    return (
        group_difference_text(chapter, spec.scale, spec.breakdown)
        + "\n\n"
        + group_change_text(chapter, spec.scale, spec.breakdown)
    )


def overall_means(chapter: Chapter) -> pd.DataFrame:
    """Tekst H2.2: the weighted mean of every scale per year (all respondents)."""
    return pd.concat([scale_means(chapter, scale) for scale in SCALE_ORDER], ignore_index=True)


def overall_means_table(chapter: Chapter) -> ReportTable:
    results = overall_means(chapter)
    labels = [scale_label(s) for s in SCALE_ORDER]
    return results_table(
        results,
        table_id="Tekst H2.2",
        title="Gemiddelde score op de vier schalen per meting",
        rows="category",
        columns="year",
        row_order=labels,
        decimals=2,
        min_n=chapter.min_n,
        notes=[
            WEIGHTING_NOTE,
            "Taakeisen: 1 = nooit, 4 = altijd; regelmogelijkheden: 1 = regelmatig, 3 = nooit.",
            INVERTED_NOTE,
        ],
    )


def overall_means_text(chapter: Chapter, scale: str) -> str:
    """'Gemiddeld 2,6' as §2.2 (one decimal), the values per year and the test against earlier
    years."""
    results = scale_means(chapter, scale)
    rows = results.sort_values("year")
    values = {int(r.year): r.estimate for r in rows.itertuples() if not r.suppressed}
    if chapter.year not in values:
        return f"{scale_label(scale)}: te weinig respondenten in {chapter.year}."
    rounded = {y: fmt_number(v, 1) for y, v in values.items()}
    if len(values) > 1 and len(set(rounded.values())) == 1:
        text = (
            f"In alle metingen ({', '.join(str(y) for y in values)}) scoort men op "
            f"{SCALE_TERMS[scale]} gemiddeld "
            f"een {rounded[chapter.year]} ({CAPTIONS[scale]})."
        )
    else:
        earlier = "; ".join(f"{y}: {rounded[y]}" for y in values if y != chapter.year)
        text = (
            f"In {chapter.year} scoort men op {SCALE_TERMS[scale]} gemiddeld een "
            f"{rounded[chapter.year]} "
            f"({CAPTIONS[scale]})" + (f"; eerder {earlier}" if earlier else "") + "."
        )
    sentence = change_sentence(
        results, chapter.year, subject=f"Het gewogen gemiddelde op {SCALE_TERMS[scale]}"
    )
    return f"{text} {sentence}"


# ----------------------------------------------------------------------------------------------
# reliability


def reliability(chapter: Chapter) -> pd.DataFrame:
    """Cronbach's alpha per scale and year (unweighted, rows with all items answered)."""
    rows = []
    for year, m in sorted(chapter.measurements.items()):
        for scale in SCALE_ORDER:
            items = list(scale_items(scale))
            complete = int(m.respondents[items].notna().all(axis=1).sum())
            try:
                alpha = scales.cronbach_alpha(m.respondents, items)
            except scales.ScaleError:
                alpha = math.nan
            rows.append(
                {
                    "year": int(year),
                    "scale": scale,
                    "category": scale_label(scale),
                    "items": len(items),
                    "alpha": alpha,
                    "n": complete,
                }
            )
    return pd.DataFrame(rows)


def reliability_table(chapter: Chapter) -> ReportTable:
    data = reliability(chapter)
    years = sorted(data["year"].unique())
    display = pd.DataFrame(
        index=[scale_label(s) for s in SCALE_ORDER], columns=[str(y) for y in years], dtype=object
    )
    display.index.name = ""
    for r in data.itertuples():
        display.loc[r.category, str(r.year)] = (
            f"{fmt_number(r.alpha, 2)} (n = {fmt_number(r.n, 0)})"
        )
    notes = [
        "Cronbach's alpha, ongewogen, over de respondenten die alle items van de schaal "
        "beantwoordden (n).",
        "Items: kwantitatieve taakeisen vraag 6 items 1–3; emotionele belasting 4–6; "
        "moeilijkheidsgraad 7–9; "
        "regelmogelijkheden vraag 5 items 1–6.",
    ]
    return ReportTable(
        "Betrouwbaarheid H2",
        "Betrouwbaarheid van de schalen (Cronbach's alpha) per meting",
        display,
        data.assign(table_id="Betrouwbaarheid H2"),
        notes,
    )


# ----------------------------------------------------------------------------------------------
# Bijlage 2: regressions

REGRESSION_TABLES: dict[str, str] = {
    "Tabel B2.1": "kwantitatieve_taakeisen",
    "Tabel B2.2": "emotionele_belasting",
    "Tabel B2.3": "moeilijkheidsgraad",
    "Tabel B2.4": "regelmogelijkheden",
}
REGRESSION_TITLES: dict[str, str] = {
    "Tabel B2.1": "Relatie tussen Kwantitatieve taakeisen en achtergrondkenmerken",
    "Tabel B2.2": "Relatie tussen emotionele belasting en achtergrondkenmerken",
    "Tabel B2.3": "Relatie tussen moeilijkheidsgraad en achtergrondkenmerken",
    "Tabel B2.4": "Relatie tussen regelmogelijkheden en achtergrondkenmerken",
}
TERM_LABELS: dict[str, str] = {
    "age": "Leeftijd",
    "sl": "Schoolleider",
    "oop": "Onderwijsondersteunend personeel",
    "ovp": "Overig ondersteunend personeel",
    "wtf": "Werktijdfactor",
    "wtf2": "Werktijdfactor2",
    "sl_wtf": "Schoolleider * werktijdfactor",
    "oop_wtf": "Onderwijsondersteunend personeel * werktijdfactor",
    "ovp_wtf": "Overig ondersteunend personeel * werktijdfactor",
    "achterstandsscore": "Achterstandsscore",
}
"""Report labels of the terms of :data:`werkdruk_utils.check.reproduce.REGRESSION_TERMS`."""
STARS_NOTE = "*p < .05; ** p < .01; *** p < .005"


def regression_fit(chapter: Chapter, scale: str) -> reproduce.RegressionFit:
    """The B2 model of ``scale`` for the run year, with the same frame, weights and fit as the
    self-check."""
    resp = chapter.current.respondents
    frame = reproduce.regression_frame(resp, scale)
    weights = weighting.cell_weights(resp).reindex(resp.index).astype(float)
    design = analysis.design_for(resp, "all", "cell").survey
    return reproduce.fit_regression(frame, weights, resp["school_id"], design=design)


def regression_results(chapter: Chapter, table_id: str) -> pd.DataFrame:
    """Tidy coefficients of a B2 table: term, label, B, SE, p, Beta, stars, plus n and adj. R²."""
    if table_id not in REGRESSION_TABLES:
        raise KeyError(
            f"unknown regression table '{table_id}'; expected one of {list(REGRESSION_TABLES)}"
        )
    scale = REGRESSION_TABLES[table_id]
    fit = regression_fit(chapter, scale)
    table = fit.table
    rows = []
    for term in list(reproduce.REGRESSION_TERMS) + ["const"]:
        line = table.loc[term]
        rows.append(
            {
                "year": chapter.year,
                "outcome": scale,
                "term": term,
                "label": TERM_LABELS.get(term, "Constante"),
                "B": float(line["B"]),
                "SE": float(line["SE"]),
                "p": float(line["p"]),
                "Beta": float(line["Beta"]) if term != "const" else math.nan,
                "stars": significance_stars(float(line["p"])) if term != "const" else "",
                "n": fit.n,
                "adj_r2": fit.adj_r2,
            }
        )
    return pd.DataFrame(rows)


def regression_table(chapter: Chapter, table_id: str) -> ReportTable:
    """Tabel B2.x: B (2 decimals, stars), SE and Beta (3 decimals), Constante, Adj. R2 and n."""
    data = regression_results(chapter, table_id)
    display = pd.DataFrame(columns=["B", "SE", "Beta"], dtype=object)
    display.index.name = ""
    for r in data.itertuples():
        if r.term == "const":
            continue
        display.loc[r.label] = [
            fmt_number(r.B, 2) + r.stars,
            fmt_number(r.SE, 3),
            fmt_number(r.Beta, 3),
        ]
    const = data[data["term"] == "const"].iloc[0]
    display.loc["Constante"] = [fmt_number(const["B"], 2), fmt_number(const["SE"], 3), ""]
    display.loc["Adj. R2"] = [fmt_number(const["adj_r2"], 2), "", ""]
    display.loc["Aantal respondenten (n)"] = [fmt_number(const["n"], 0), "", ""]
    notes = [
        STARS_NOTE,
        "Gewogen regressie (gewicht naar functie en sector). "
        + analysis.DESIGN_NOTE
        + " Referentiegroep: leraar. Leeftijd = leeftijdscategorie van vraag 4 (1–5).",
        f"Basis: {reproduce.MODEL_POPULATION} (alle voorspellers ingevuld; de achterstandsscore "
        "bestaat alleen voor bao-scholen).",
        "Door de interacties gelden de hoofdeffecten van de functiegroepen bij werktijdfactor 0.",
        f"Meting {chapter.year}; het rapport drukt deze tabel af voor 2024.",
    ]
    return ReportTable(
        table_id, REGRESSION_TITLES[table_id], display, data.assign(table_id=table_id), notes
    )


def regression_text(chapter: Chapter, table_id: str) -> str:
    """Which predictors are significant (p < 0,05), with direction, B and p; the others named as not
    significant."""
    data = regression_results(chapter, table_id)
    scale = REGRESSION_TABLES[table_id]
    terms = data[data["term"] != "const"]
    significant = terms[terms["p"] < analysis.ALPHA]
    lines = [
        f"**{table_id}** ({SCALE_TERMS[scale]}, meting {chapter.year}, n = "
        f"{fmt_number(int(terms['n'].iloc[0]), 0)}, "
        f"Adj. R2 = {fmt_number(float(terms['adj_r2'].iloc[0]), 2)}):",
        "",
    ]
    if significant.empty:
        lines.append(
            "- Geen van de achtergrondkenmerken hangt significant samen met de score (p < 0,05)."
        )
    for r in significant.itertuples():
        sign = "positief" if r.B > 0 else "negatief"
        lines.append(
            f"- {r.label}: significant {sign} verband (B = {fmt_number(r.B, 2)}; {fmt_p(r.p)})."
        )
    others = terms[~(terms["p"] < analysis.ALPHA)]
    if len(others):
        lines.append("- Niet significant: " + ", ".join(others["label"]) + ".")
    if scale in INVERTED_SCALES:
        lines.append(
            "- Een positief verband betekent hier mínder regelmogelijkheden (hogere score)."
        )
    return "\n".join(lines)
