"""Hoofdstuk 5 Effecten: §5.1 trends in taakeisen en regelmogelijkheden (Figuren 5.1–5.4), §5.2
ervaren effect van de aanpak op de werkdruk op school (Tabel 5.1 en uitsplitsingen) en op de eigen
werkdruk (Figuur 5.5).

Rules (the same as :mod:`werkdruk_utils.check.reproduce` / ``published_map.yaml``):

* Every number in this chapter is about **all respondents**, weighted by function × sector
  (``cell`` weights, Tabel B1.8; the report's footnotes 7 and 12).
* Figuur 5.1: % 'vaak of altijd' (Q6 codes 3–4) per item of kwantitatieve taakeisen (v6_1..v6_3).
  Figuur 5.2: % with a scale mean of at least 2,5 on emotionele belasting (v6_4..v6_6) and
  moeilijkheidsgraad (v6_7..v6_9) (scale score: :func:`werkdruk_utils.stats.scales.scale_score`).
  Figuren 5.3 and 5.4: % 'nee of soms' (Q5 codes 2–3). The report gives both figures the same
  title; its text reads Figuur 5.3 as 'hoe, in welke volgorde, op welk tempo en welke tijden'
  (items 1, 2, 3 and 6) and Figuur 5.4 as 'zelf oplossingen bedenken'. Figuur 5.4 is read here as
  the two remaining Q5 items: zelf oplossingen bedenken (item 4) and verlof opnemen (item 5).
* The report's figures also show NEA 2009/2014/2017 and Oberon 2019/2020 values that it does not
  print. They are never invented: the figures show the monitor's own years; the citable historical
  series in ``data/reference/trend_history.csv`` are shown separately and labelled as such.
* Tabel 5.1 and Figuur 5.5: % per answer among respondents answering Q19 / Q21 with codes 1–5;
  'Weet ik niet' (code 6) is outside the base (the table prints no such row and sums to 100%).
  The printed N is the unweighted number of respondents in that base.
* Breakdowns of '% (enigszins of sterk) gedaald' (Q19 codes 1–2) by sector, municipality category
  and achterstandsscore category, each with a Rao–Scott test (:func:`analysis.distribution_test`)
  of the dichotomy gedaald / niet gedaald against the groups.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from werkdruk_utils import paths
from werkdruk_utils.inputs.codebook import ANALYSIS_GROUPS, load_codebook
from werkdruk_utils.present import figures
from werkdruk_utils.present.findings import change_sentence, fmt_p
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
from werkdruk_utils.present.presentation import results_figure, results_table
from werkdruk_utils.present.report import Chapter
from werkdruk_utils.present.tables import ReportTable
from werkdruk_utils.stats import analysis, breakdowns
from werkdruk_utils.stats.scales import (
    NEE_OF_SOMS,
    VAAK_OF_ALTIJD,
    at_least,
    indicator_in,
    scale_score,
)
from werkdruk_utils.stats.suppression import SUPPRESSION_RULE, apply_complementary_suppression

SOURCES = ("Tabel 5.1", "Tekst H5.1", "Tekst H5.2")
WEIGHTING_NOTE = "Alle respondenten; gewogen naar functie en sector (Tabel B1.8), zoals het rapport (voetnoten 7 en 12)."
SCALE_THRESHOLD = 2.5
ANSWER_CODES = (1, 2, 3, 4, 5)
"""Q19/Q21 codes in the base; 6 'Weet ik niet' is left out (Tabel 5.1 prints no such row)."""
DECREASED_CODES = (1, 2)
"""Q19/Q21 'sterk gedaald' and 'enigszins gedaald'."""
TREND_HISTORY_PATH = paths.REFERENCE_DIR / "trend_history.csv"

# Historical years the report's Figuren 5.1–5.4 show without printing their values (footnotes 8–11).
REPORT_HISTORY_YEARS: dict[str, tuple[int, ...]] = {
    "NEA (TNO/CBS)": (2009, 2014, 2017),
    "Oberon (eerder onderzoek)": (2019, 2020),
}


# ----------------------------------------------------------------------------------------------
# §5.1 indicators


@dataclass(frozen=True)
class TrendIndicator:
    """One bar group of Figuren 5.1–5.4: an item share (codes counted) or a scale share (mean ≥
    threshold)."""

    key: str
    label: str
    items: tuple[str, ...]
    codes: frozenset[int] | None = None
    threshold: float | None = None

    def values(self, frame: pd.DataFrame) -> pd.Series:
        """1 / 0 / missing per respondent (missing: item or scale not answered)."""
        if self.codes is not None:
            return indicator_in(frame[self.items[0]], self.codes)
        return at_least(
            scale_score(frame, self.items),
            self.threshold if self.threshold is not None else SCALE_THRESHOLD,
        )


@dataclass(frozen=True)
class TrendFigure:
    figure_id: str
    title: str
    indicators: tuple[TrendIndicator, ...]
    statistic_note: str


def _item(column: str, codes: frozenset[int]) -> TrendIndicator:
    return TrendIndicator(column, load_codebook().report_label(column), (column,), codes=codes)


def _scale(name: str) -> TrendIndicator:
    scale = load_codebook().scales[name]
    return TrendIndicator(name, scale.label_nl, tuple(scale.items), threshold=SCALE_THRESHOLD)


@cache
def trend_figures() -> dict[str, TrendFigure]:
    """The definitions of Figuren 5.1–5.4 (see the module docstring for the reading of 5.3/5.4)."""
    return {
        "Figuur 5.1": TrendFigure(
            "Figuur 5.1",
            "Kwantitatieve taakeisen: percentage dat vaak of altijd heeft geantwoord",
            tuple(_item(f"v6_{i}", VAAK_OF_ALTIJD) for i in (1, 2, 3)),
            "Percentage 'vaak' of 'altijd' per stelling.",
        ),
        "Figuur 5.2": TrendFigure(
            "Figuur 5.2",
            "Kwalitatieve taakeisen: percentage dat vaak of altijd heeft geantwoord. >= 2,5 op "
            "schaal",
            (_scale("emotionele_belasting"), _scale("moeilijkheidsgraad")),
            "Percentage met een schaalgemiddelde van ten minste 2,5 (1 = nooit, 4 = altijd).",
        ),
        "Figuur 5.3": TrendFigure(
            "Figuur 5.3",
            "Regelmogelijkheden: percentage dat nee of soms heeft geantwoord",
            tuple(_item(f"v5_{i}", NEE_OF_SOMS) for i in (1, 2, 3, 6)),
            "Percentage 'Nee' of 'Ja, soms' per stelling (hoe, volgorde, tempo, tijden).",
        ),
        "Figuur 5.4": TrendFigure(
            "Figuur 5.4",
            "Regelmogelijkheden: percentage dat nee of soms heeft geantwoord",
            tuple(_item(f"v5_{i}", NEE_OF_SOMS) for i in (4, 5)),
            "Percentage 'Nee' of 'Ja, soms' per stelling (zelf oplossingen bedenken, verlof "
            "opnemen).",
        ),
    }


def _figure_definition(figure_id: str) -> TrendFigure:
    figures = trend_figures()
    if figure_id not in figures:
        raise KeyError(f"unknown trend figure {figure_id!r}; expected one of {sorted(figures)}")
    return figures[figure_id]


def indicator_results(chapter: Chapter, indicators: Sequence[TrendIndicator]) -> pd.DataFrame:
    """Weighted % per indicator and measurement year (all respondents, cell weights)."""
    frames = []
    for _, m in sorted(chapter.measurements.items()):
        for ind in indicators:
            frames.append(
                analysis.estimate(
                    m.respondents,
                    ind.values,
                    statistic="percent",
                    variable=ind.key,
                    category=ind.label,
                    population="all",
                    weighting_name="cell",
                    min_n=chapter.min_n,
                )
            )
    return pd.concat(frames, ignore_index=True)


def trend_results(chapter: Chapter, figure_id: str) -> pd.DataFrame:
    """Figuren 5.1–5.4 data: % per indicator of the figure, per measurement year of the run."""
    return indicator_results(chapter, _figure_definition(figure_id).indicators)


def _history_caption() -> str:
    parts = [
        f"{source} {', '.join(str(y) for y in years)}"
        for source, years in REPORT_HISTORY_YEARS.items()
    ]
    return (
        "Alleen de metingen van deze monitor. Het rapport toont ook "
        + " en ".join(parts)
        + "; die waarden drukt het niet af en ze staan niet in deze data."
    )


def trend_figure(chapter: Chapter, figure_id: str):
    """Figuren 5.1–5.4: horizontal bars per indicator, measurement years as series, 0–100%."""
    definition = _figure_definition(figure_id)
    results = trend_results(chapter, figure_id)
    labels = {ind.label: textwrap.fill(ind.label, 32) for ind in definition.indicators}
    fig = results_figure(
        results,
        title=f"{figure_id} {definition.title}",
        category="category",
        labels=labels,
        order=[ind.label for ind in definition.indicators],
        value_range=(0, 100),
        caption="Gewogen naar functie en sector; alleen de metingen van deze monitor (historische "
        "jaren: zie de tekst).",
    )
    return fig


def trend_table(chapter: Chapter, figure_id: str) -> ReportTable:
    """The numbers of Figuren 5.1–5.4 (years as columns, ▲/▼ for significant changes)."""
    definition = _figure_definition(figure_id)
    results = trend_results(chapter, figure_id)
    return results_table(
        results,
        table_id=figure_id,
        title=definition.title,
        rows="category",
        columns="year",
        row_order=[ind.label for ind in definition.indicators],
        min_n=chapter.min_n,
        notes=[WEIGHTING_NOTE, definition.statistic_note, _history_caption()],
    )


def trend_text(chapter: Chapter, figure_id: str) -> str:
    """One generated sentence per indicator of the figure: level in the run year and change per
    earlier year."""
    definition = _figure_definition(figure_id)
    results = trend_results(chapter, figure_id)
    lines = []
    for ind in definition.indicators:
        what = (
            f"het percentage met ten minste {fmt_number(ind.threshold, 1)} op de schaal "
            f"{ind.label.lower()}"
            if ind.threshold is not None
            else f"het percentage dat op '{ind.label}' "
            f"{'vaak of altijd' if ind.codes == VAAK_OF_ALTIJD else 'nee of soms'} antwoordt"
        )
        lines.append(
            "- "
            + change_sentence(
                results, chapter.year, subject=what[0].upper() + what[1:], category=ind.label
            )
        )
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------
# §5.1 historical series and the report's differences with 2017


def load_trend_history(path=None) -> pd.DataFrame:
    """The citable historical values (``data/reference/trend_history.csv``)."""
    frame = pd.read_csv(path or TREND_HISTORY_PATH)
    expected = {"indicator", "year", "value", "unit", "population", "source", "note"}
    missing = expected - set(frame.columns)
    if missing:
        raise ValueError(f"{path or TREND_HISTORY_PATH}: missing column(s) {sorted(missing)}")
    return frame


NEA_INDICATOR = "hoge_taakeisen_nea"
NEA_LABEL = "NEA (TNO/CBS) via OCW: 'hoge taakeisen' (gemiddelde ≥ 2,5 kwantitatieve taakeisen)"
MONITOR_HIGH_DEMANDS_LABEL = "Deze monitor: gemiddelde ≥ 2,5 kwantitatieve taakeisen"
NEA_TABLE_ID = "Aanvulling bij Figuur 5.1"
NEA_TITLE = (
    "Hoge taakeisen (gemiddelde ≥ 2,5 op de schaal kwantitatieve taakeisen): NEA-reeks van OCW "
    "naast deze monitor — twee verschillende enquêtes, een andere indicator dan Figuur 5.1"
)


def high_demands_results(chapter: Chapter) -> pd.DataFrame:
    """This monitor's % with a kwantitatieve taakeisen scale mean ≥ 2,5 (the NEA indicator's
    definition)."""
    return indicator_results(chapter, [_scale("kwantitatieve_taakeisen")])


def nea_history(chapter: Chapter) -> pd.DataFrame:
    """NEA 'hoge taakeisen' values of trend_history.csv up to the run year."""
    history = load_trend_history()
    rows = history[(history["indicator"] == NEA_INDICATOR) & (history["year"] <= chapter.year)]
    return rows.sort_values("year").reset_index(drop=True)


def nea_table(chapter: Chapter) -> ReportTable:
    """The NEA series and this monitor's indicator with the same threshold, side by side per
    year."""
    nea = nea_history(chapter)
    own = high_demands_results(chapter)
    years = sorted(set(nea["year"].astype(int)) | set(own["year"].astype(int)))
    display = pd.DataFrame(
        index=[NEA_LABEL, MONITOR_HIGH_DEMANDS_LABEL], columns=[str(y) for y in years], dtype=object
    )
    display.index.name = ""
    for y in years:
        v = nea.loc[nea["year"] == y, "value"]
        display.loc[NEA_LABEL, str(y)] = fmt_percent(float(v.iloc[0]), 1) if len(v) else "–"
        o = own[own["year"] == y]
        display.loc[MONITOR_HIGH_DEMANDS_LABEL, str(y)] = (
            "–"
            if o.empty
            else ("*" if bool(o["suppressed"].iloc[0]) else fmt_percent(o["estimate"].iloc[0], 1))
        )
    tidy = pd.concat(
        [
            nea.assign(series=NEA_LABEL, estimate=nea["value"], se=np.nan, n=np.nan)[
                ["series", "year", "estimate", "se", "n", "source"]
            ],
            own.assign(
                series=MONITOR_HIGH_DEMANDS_LABEL,
                source="deze monitor (gewogen naar functie en sector)",
            )[["series", "year", "estimate", "se", "n", "source"]],
        ],
        ignore_index=True,
    ).assign(table_id=NEA_TABLE_ID)
    notes = [
        "NEA: Nationale Enquête Arbeidsomstandigheden (TNO/CBS), steekproef van werknemers in "
        "loondienst in het primair "
        "onderwijs; cijfers zoals OCW ze publiceert (data/reference/trend_history.csv). Andere "
        "enquête, steekproef en "
        "weging dan deze monitor: een verschil tussen de twee rijen is geen trend.",
        "Dit is een andere indicator dan Figuur 5.1 (daar: percentage 'vaak of altijd' per "
        "stelling).",
        WEIGHTING_NOTE.replace("Alle respondenten", "Deze monitor: alle respondenten"),
    ]
    return ReportTable(NEA_TABLE_ID, NEA_TITLE, display, tidy, notes)


def nea_figure(chapter: Chapter):
    """The NEA series (line) and this monitor's same-threshold indicator (separate markers, not
    joined)."""
    import matplotlib.pyplot as plt

    from werkdruk_utils.present.figures import FIGURE_WIDTH, dutch_formatter, setup_style

    setup_style()
    nea = nea_history(chapter)
    own = high_demands_results(chapter)
    own = own[~own["suppressed"]]
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 3.6))
    ax.plot(nea["year"], nea["value"], marker="o", color="#6b6b6b", label=NEA_LABEL)
    ax.scatter(
        own["year"],
        own["estimate"],
        marker="s",
        s=50,
        color="#08519c",
        zorder=3,
        label=MONITOR_HIGH_DEMANDS_LABEL,
    )
    for x, y in zip(nea["year"], nea["value"], strict=False):
        ax.annotate(
            fmt_percent(y, 1),
            (x, y),
            textcoords="offset points",
            xytext=(0, -14),
            ha="center",
            fontsize=8,
        )
    for x, y in zip(own["year"], own["estimate"], strict=False):
        ax.annotate(
            fmt_percent(y, 1),
            (x, y),
            textcoords="offset points",
            xytext=(0, 8),
            ha="center",
            fontsize=8,
            color="#08519c",
        )
    years = sorted(set(nea["year"].astype(int)) | set(own["year"].astype(int)))
    ax.set_xticks(years)
    ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(dutch_formatter(0))
    ax.set_ylabel("%")
    fig.suptitle(
        textwrap.fill(f"{NEA_TABLE_ID}: {NEA_TITLE}", 80),
        x=0.01,
        ha="left",
        fontsize=10,
        fontweight="bold",
    )
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=1)
    fig.text(
        0.01,
        0.005,
        "Twee verschillende enquêtes: de punten van deze monitor zijn niet met de NEA-lijn "
        "verbonden.",
        fontsize=8,
        ha="left",
        va="bottom",
        color="#444444",
    )
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def missing_history_table(chapter: Chapter) -> ReportTable:
    """Which historical values Figuren 5.1–5.4 show in the report, and what is available of them
    here."""
    history = load_trend_history()
    differences = history[history["indicator"].str.startswith("verschil_2017_")]
    rows = []
    for figure_id in trend_figures():
        for source, years in REPORT_HISTORY_YEARS.items():
            for year in years:
                available = "nee"
                if year == 2017 and not differences.empty:
                    available = (
                        "alleen de verschillen met 2017 die het rapport in de tekst noemt "
                        "(zie de tabel 'Verschillen met 2017')"
                    )
                rows.append(
                    {
                        "figure": figure_id,
                        "source": source,
                        "year": year,
                        "printed": "nee",
                        "available": available,
                    }
                )
    data = pd.DataFrame(rows)
    nea_years = history.loc[history["indicator"] == NEA_INDICATOR, "year"].astype(int)
    nea_span = f"{nea_years.min()}–{nea_years.max()}" if len(nea_years) else "geen jaren"
    display = pd.DataFrame(
        {
            "Figuur": data["figure"],
            "Bron": data["source"],
            "Jaar": data["year"].astype(str),
            "Waarde afgedrukt in het rapport": data["printed"],
            "Hier beschikbaar": data["available"],
        }
    ).set_index("Figuur")
    notes = [
        "Het rapport tekent deze jaren in de figuren maar drukt hun waarden nergens af; ze staan "
        "niet in de "
        "meetdata van deze monitor. Ze worden niet geschat of ingevuld: de figuren tonen alleen de "
        "eigen metingen.",
        f"De NEA-reeks 'hoge taakeisen' van OCW ({nea_span}) is een andere indicator en staat "
        "apart "
        f"('{NEA_TABLE_ID}').",
    ]
    return ReportTable(
        "Ontbrekende historische waarden",
        "Historische waarden in Figuren 5.1–5.4 van het rapport",
        display,
        data.assign(table_id="Ontbrekende historische waarden"),
        notes,
    )


# Report differences with 2017 (trend_history.csv) -> the indicator(s) of this data they speak
# about.
DIFFERENCE_INDICATORS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "verschil_2017_extra_hard_werken": ("Figuur 5.1", ("v6_3",), "zelfde richting"),
    "verschil_2017_emotioneel_zwaar": ("Figuur 5.2", ("emotionele_belasting",), "zelfde richting"),
    "verschil_2017_cognitief_zwaar": ("Figuur 5.2", ("moeilijkheidsgraad",), "zelfde richting"),
    "verschil_2017_autonomie": (
        "Figuur 5.3",
        ("v5_1", "v5_2", "v5_3", "v5_6"),
        "meer autonomie = lager percentage 'nee of soms'",
    ),
}
DIFFERENCES_TABLE_ID = "Verschillen met 2017"


def differences_2017(chapter: Chapter) -> pd.DataFrame:
    """The report's differences with 2017 beside the changes this data can test (between the
    monitor's years).

    One row per report statement × indicator of this data × earlier measurement year of the run.
    ``report_difference`` is only filled when the statement is about the run year.
    """
    history = load_trend_history()
    statements = history[history["indicator"].isin(list(DIFFERENCE_INDICATORS))]
    rows = []
    for st in statements.itertuples(index=False):
        figure_id, keys, direction = DIFFERENCE_INDICATORS[st.indicator]
        definition = _figure_definition(figure_id)
        indicators = [ind for ind in definition.indicators if ind.key in keys]
        results = indicator_results(chapter, indicators)
        tests = analysis.year_differences(results, chapter.year)
        for ind in indicators:
            base = {
                "statement": st.indicator,
                "statement_year": int(st.year),
                "report_difference": float(st.value) if int(st.year) == chapter.year else math.nan,
                "figure": figure_id,
                "indicator": ind.label,
                "direction": direction,
                "year": chapter.year,
            }
            own = tests[tests["category"] == ind.label]
            if own.empty:
                rows.append(
                    base
                    | {
                        "reference_year": pd.NA,
                        "estimate": math.nan,
                        "reference_estimate": math.nan,
                        "difference": math.nan,
                        "p": math.nan,
                        "significant": False,
                    }
                )
            for t in own.itertuples(index=False):
                rows.append(
                    base
                    | {
                        "reference_year": int(t.reference_year),
                        "estimate": t.estimate,
                        "reference_estimate": t.reference_estimate,
                        "difference": t.difference,
                        "p": t.p,
                        "significant": bool(t.significant),
                    }
                )
    return pd.DataFrame(rows)


def _signed(value: float, decimals: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = fmt_number(value, decimals)
    return text if text.startswith("-") or text == fmt_number(0, decimals) else f"+{text}"


def differences_2017_table(chapter: Chapter) -> ReportTable:
    """Report: difference run year vs 2017 (NEA, not in this data); this data: change vs each
    earlier measurement."""
    data = differences_2017(chapter)
    labels = {
        "verschil_2017_extra_hard_werken": "Vaak of altijd extra hard werken",
        "verschil_2017_emotioneel_zwaar": "Werk emotioneel zwaar",
        "verschil_2017_cognitief_zwaar": "Werk cognitief zwaar",
        "verschil_2017_autonomie": "Autonomie (regelmogelijkheden)",
    }
    earlier = [y for y in chapter.years if y < chapter.year]
    records = []
    for (statement, indicator), group in data.groupby(["statement", "indicator"], sort=False):
        first = group.iloc[0]
        report = (
            _signed(first["report_difference"], 0)
            if not math.isnan(first["report_difference"])
            else f"– (het rapport noemt dit verschil voor {first['statement_year']})"
        )
        record = {
            "Uitspraak rapport": labels.get(statement, statement),
            "Verschil met 2017 volgens rapport (pp)": report,
            "Indicator in deze data": f"{first['figure']}: {indicator}",
            "Richting": first["direction"],
        }
        for ref in earlier:
            t = group[group["reference_year"] == ref]
            if t.empty or math.isnan(t["difference"].iloc[0]):
                record[f"{chapter.year} t.o.v. {ref} (pp)"] = "–"
            else:
                row = t.iloc[0]
                mark = " (significant)" if row["significant"] else " (n.s.)"
                record[f"{chapter.year} t.o.v. {ref} (pp)"] = (
                    f"{_signed(row['difference'])}{mark}; {fmt_p(row['p'])}"
                )
        records.append(record)
    display = pd.DataFrame(records).set_index("Uitspraak rapport")
    display.index.name = ""
    notes = [
        "Het rapport vergelijkt met de NEA-meting van 2017 (TNO/CBS). Die waarde drukt het niet af "
        "en ze zit niet in "
        "deze data; het verschil met 2017 kan hier dus niet worden nagerekend of getoetst.",
        "Wat deze data wel kunnen zeggen: de verandering tussen de eigen metingen van de monitor, "
        "getoetst als "
        "onafhankelijke steekproeven (p < 0,05 = significant).",
    ]
    if not earlier:
        notes.append(
            f"De meting van {chapter.year} is de eerste van de monitor: er is nog geen eerdere "
            "meting om mee te vergelijken."
        )
    return ReportTable(
        DIFFERENCES_TABLE_ID,
        "Verschillen met 2017 volgens het rapport, naast de veranderingen binnen de monitor",
        display,
        data.assign(table_id=DIFFERENCES_TABLE_ID),
        notes,
    )


# ----------------------------------------------------------------------------------------------
# §5.2 Tabel 5.1 (Q19) and its breakdowns


def option_results(
    chapter: Chapter,
    question: str,
    *,
    by: str | None = None,
    levels: Sequence | None = None,
    years: Sequence[int] | None = None,
) -> pd.DataFrame:
    """% per answer (codes 1–5, base: answering 1–5) per year, optionally per group; all
    respondents, cell weights."""
    cb = load_codebook()
    frames = []
    for year, m in sorted(chapter.measurements.items()):
        if years is not None and year not in years:
            continue
        for code in ANSWER_CODES:
            frames.append(
                analysis.estimate(
                    m.respondents,
                    analysis.code_indicator(question, [code], ANSWER_CODES),
                    statistic="percent",
                    variable=question,
                    category=cb.report_label(question, code),
                    population="all",
                    weighting_name="cell",
                    by=by,
                    levels=levels,
                    min_n=chapter.min_n,
                )
            )
    return pd.concat(frames, ignore_index=True)


TABLE_5_1_TITLE = (
    "Heeft u de indruk dat de aanpak de werkdruk op uw school positief heeft beïnvloed?"
)


def table_5_1(chapter: Chapter) -> ReportTable:
    """Tabel 5.1: Q19 distribution per year (years as columns), N = unweighted respondents answering
    codes 1–5."""
    results = option_results(chapter, "v19")
    cb = load_codebook()
    return results_table(
        results,
        table_id="Tabel 5.1",
        title=TABLE_5_1_TITLE,
        rows="category",
        columns="year",
        min_n=chapter.min_n,
        n_label="Totaal N",
        notes=[
            WEIGHTING_NOTE,
            "Basis: respondenten die een van de vijf antwoorden gaven; 'Weet ik niet' telt niet "
            "mee (het rapport "
            "drukt die rij niet af en de kolommen tellen op tot 100%). N: ongewogen aantal "
            "respondenten in de basis.",
            "De titel van het rapport voegt 'positief' toe; de vragenlijst vraagt: "
            f"'{cb.question_text(19, chapter.year)}'",
        ],
    )


def decreased_results(
    chapter: Chapter,
    question: str = "v19",
    *,
    by: str | None = None,
    levels: Sequence | None = None,
    frame_fn: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    years: Sequence[int] | None = None,
) -> pd.DataFrame:
    """% (enigszins of sterk) gedaald (codes 1–2 among 1–5) per year, optionally per group."""
    frames = []
    for year, m in sorted(chapter.measurements.items()):
        if years is not None and year not in years:
            continue
        resp = breakdowns.with_breakdowns(m)
        if frame_fn is not None:
            resp = frame_fn(resp)
        frames.append(
            analysis.estimate(
                resp,
                analysis.code_indicator(question, DECREASED_CODES, ANSWER_CODES),
                statistic="percent",
                variable=f"{question}_gedaald",
                category="(enigszins of sterk) gedaald",
                population="all",
                weighting_name="cell",
                by=by,
                levels=levels,
                min_n=chapter.min_n,
            )
        )
    return pd.concat(frames, ignore_index=True)


def school_effect_text(chapter: Chapter) -> str:
    """Generated sentences on Tabel 5.1: % gedaald and % enigszins gestegen, with the tests against
    earlier years."""
    cb = load_codebook()
    decreased = decreased_results(chapter)
    options = option_results(chapter, "v19")
    sentences = [
        change_sentence(
            decreased,
            chapter.year,
            subject="Het percentage personeelsleden dat vindt dat de werkdruk op hun school "
            "(enigszins of sterk) is gedaald",
        ),
        change_sentence(
            options,
            chapter.year,
            category=cb.report_label("v19", 4),
            subject="Het percentage dat aangeeft dat de werkdruk op school enigszins is gestegen",
        ),
    ]
    return " ".join(sentences)


ACHTERSTAND_COLUMN = breakdowns.COLUMN
ACHTERSTAND_LEVELS = breakdowns.LEVELS


@dataclass(frozen=True)
class Breakdown:
    """One background characteristic of §5.2: column, levels in display order, Dutch labels and
    phrases."""

    key: str
    column: str
    title: str
    levels: tuple[str, ...]
    labels: dict[str, str]
    phrases: dict[str, str]
    frame_fn: Callable[[pd.DataFrame], pd.DataFrame] | None = None


BREAKDOWNS: tuple[Breakdown, ...] = (
    Breakdown(
        "sector",
        "sector",
        "Onderwijstype",
        ("bao", "go"),
        {"bao": "regulier basisonderwijs (bao)", "go": "gespecialiseerd onderwijs (go)"},
        {
            "bao": "respondenten uit het regulier basisonderwijs",
            "go": "respondenten uit het gespecialiseerd onderwijs",
        },
    ),
    Breakdown(
        "municipality_category",
        "municipality_category",
        "Gemeentecategorie",
        ("G4", "G40", "overig"),
        {"G4": "G4", "G40": "G40", "overig": "overige gemeenten"},
        {
            "G4": "personeelsleden van scholen in de G4",
            "G40": "personeelsleden van scholen in de G40",
            "overig": "personeelsleden van scholen in de overige gemeenten",
        },
    ),
    Breakdown(
        "achterstandsscore",
        ACHTERSTAND_COLUMN,
        "Achterstandsscore (tertielen, bao-scholen)",
        ACHTERSTAND_LEVELS,
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
)


def decreased_indicator(codes: pd.Series) -> pd.Series:
    """1.0 for 'sterk/enigszins gedaald' (codes 1–2), 0.0 for codes 3–5, missing for 'Weet ik niet'
    (6) and no answer."""
    values = pd.to_numeric(codes, errors="coerce").astype(float)
    return (
        values.isin([float(c) for c in DECREASED_CODES])
        .astype(float)
        .where(values.isin([float(c) for c in ANSWER_CODES]))
    )


def breakdown_test(
    respondents: pd.DataFrame, column: str, question: str = "v19", weighting_name: str = "cell"
):
    """Rao–Scott test of '(enigszins of sterk) gedaald' (codes 1–2) vs 'niet gedaald' (3–5) against
    ``column``.

    Respondents answering 'Weet ik niet' or nothing, and respondents without a group, stay in the
    design as missing (domain estimation, as R's ``svychisq`` on a subset).
    """
    frame = respondents.assign(_gedaald=decreased_indicator(respondents[question]))
    return analysis.distribution_test(
        frame, "_gedaald", by=column, population="all", weighting_name=weighting_name
    )


def breakdown_results(
    chapter: Chapter, breakdown: Breakdown, year: int | None = None
) -> tuple[pd.DataFrame, object, pd.DataFrame]:
    """Estimates per group, the Rao–Scott test and all pairwise domain t-tests for one
    characteristic in one year."""
    year = chapter.year if year is None else year
    resp = breakdowns.with_breakdowns(chapter.measurements[year])
    if breakdown.frame_fn is not None:
        resp = breakdown.frame_fn(resp)
    results = analysis.estimate(
        resp,
        analysis.code_indicator("v19", DECREASED_CODES, ANSWER_CODES),
        statistic="percent",
        variable="v19_gedaald",
        category="(enigszins of sterk) gedaald",
        population="all",
        weighting_name="cell",
        by=breakdown.column,
        levels=list(breakdown.levels),
        min_n=chapter.min_n,
    )
    test = breakdown_test(resp, breakdown.column)
    indicator = analysis.code_indicator("v19", DECREASED_CODES, ANSWER_CODES)
    pairs = []
    for i, reference in enumerate(breakdown.levels):
        diff = analysis.group_differences(
            resp,
            indicator,
            by=breakdown.column,
            reference=reference,
            population="all",
            weighting_name="cell",
            scale=100.0,
            min_n=chapter.min_n,
        )
        pairs.append(diff[diff["group"].isin(breakdown.levels[i + 1 :])])
    return results, test, pd.concat(pairs, ignore_index=True)


BREAKDOWN_TABLE_ID = "Tabel 5.1 naar achtergrondkenmerken"


def breakdown_table(chapter: Chapter) -> ReportTable:
    """% (enigszins of sterk) gedaald in the run year per sector, municipality category and
    achterstandsscore category."""
    records, tidy = [], []
    for b in BREAKDOWNS:
        results, test, _ = breakdown_results(chapter, b)
        results = apply_complementary_suppression(results)
        for i, row in enumerate(results.itertuples(index=False)):
            records.append(
                {
                    "": f"{b.title}: {b.labels[row.group]}",
                    "% (enigszins of sterk) gedaald": "*"
                    if row.suppressed
                    else fmt_percent(row.estimate, 1),
                    "n": "*" if row.suppressed else fmt_number(row.n, 0),
                    "Rao–Scott-toets": (
                        f"F = {fmt_number(test.statistic, 2)}; {fmt_p(test.p)}"
                        f"{' (significant)' if test.p < analysis.ALPHA else ' (n.s.)'}"
                    )
                    if i == 0
                    else "",
                }
            )
        tidy.append(
            results.assign(
                characteristic=b.key,
                rao_scott_f=test.statistic,
                rao_scott_ndf=test.ndf,
                rao_scott_ddf=test.ddf,
                rao_scott_p=test.p,
            )
        )
    display = pd.DataFrame(records).set_index("")
    notes = [
        WEIGHTING_NOTE,
        f"Meting {chapter.year}. Basis: respondenten die een van de vijf antwoorden op de vraag "
        "van Tabel 5.1 gaven.",
        "Rao–Scott-toets (tweede-ordecorrectie, F-toets) van gedaald / niet gedaald tegen de "
        "groepen; "
        "significant bij p < 0,05.",
        "Achterstandsscore: tertielen van de achterstandsscore van de bao-scholen in de steekproef "
        "van dit meetjaar "
        "(elke school één keer); alleen bao-scholen hebben een achterstandsscore.",
    ]
    if any(r["% (enigszins of sterk) gedaald"] == "*" for r in records):
        notes.append("*: " + SUPPRESSION_RULE.format(min_n=chapter.min_n))
    return ReportTable(
        BREAKDOWN_TABLE_ID,
        "Werkdruk op school (enigszins of sterk) gedaald, naar achtergrondkenmerken "
        f"({chapter.year})",
        display,
        pd.concat(tidy, ignore_index=True).assign(table_id=BREAKDOWN_TABLE_ID),
        notes,
    )


def _join(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _years_phrase(years: Sequence[int]) -> str:
    return f"meting{'en' if len(years) > 1 else ''} in {_join([str(y) for y in years])}"


def consistency_prefix(same: Sequence[int], other: Sequence[int]) -> str:
    """Opening of a §5.2 sentence: earlier years with the same test outcome ('Net als …') and with
    another ('anders dan …')."""
    if same and other:
        return (
            f"Net als bij de {_years_phrase(same)}, maar anders dan bij de {_years_phrase(other)}, "
        )
    if same:
        return f"Net als bij de vorige {_years_phrase(same)}, "
    if other:
        return f"Anders dan bij de vorige {_years_phrase(other)}, "
    return ""


def breakdown_sentence(chapter: Chapter, breakdown: Breakdown) -> str:
    """'Net als bij de vorige metingen in … ' + significant (pairwise) differences or 'geen
    significante verschillen'."""
    results, test, pairs = breakdown_results(chapter, breakdown)
    significant = bool(test.p < analysis.ALPHA)
    same, other = [], []
    for year in chapter.years:
        if year >= chapter.year:
            continue
        _, earlier_test, _ = breakdown_results(chapter, breakdown, year)
        (same if bool(earlier_test.p < analysis.ALPHA) == significant else other).append(year)
    prefix = consistency_prefix(same, other)
    test_text = f"Rao–Scott F = {fmt_number(test.statistic, 2)}; {fmt_p(test.p)}"
    estimate = results.set_index("group")["estimate"]
    if not significant:
        rest = (
            f"naar {breakdown.title.lower()} geen significante verschillen in het percentage dat "
            "vindt dat de "
            f"werkdruk op school is gedaald ({test_text})."
        )
        return (
            f"{prefix}zijn er in {chapter.year} {rest}"
            if prefix
            else f"In {chapter.year} zijn er {rest}"
        )
    clauses = []

    def rank(level: str) -> float:
        value = float(estimate.get(level, math.nan))
        return math.inf if math.isnan(value) else -value

    by_level = sorted(breakdown.levels, key=rank)
    for level in by_level:
        lower = []
        for p in pairs.itertuples(index=False):
            if not p.significant:
                continue
            if p.reference == level and p.difference < 0:
                lower.append(p.group)
            elif p.group == level and p.difference > 0:
                lower.append(p.reference)
        if lower:
            lower = [g for g in by_level if g in lower]
            clauses.append(
                f"{breakdown.phrases[level]} vinden significant vaker dat de werkdruk op hun "
                "school is gedaald "
                f"({fmt_percent(estimate[level], 0)}) dan "
                f"{_join([f'{breakdown.phrases[g]} ({fmt_percent(estimate[g], 0)})' for g in lower])}"
            )
    rest = (
        "het percentage dat vindt dat de werkdruk op school is gedaald significant naar "
        f"{breakdown.title.lower()} "
        f"({test_text})"
    )
    text = (
        f"{prefix}verschilt in {chapter.year} {rest}"
        if prefix
        else f"In {chapter.year} verschilt {rest}"
    )
    if clauses:
        text += ": " + "; ".join(clauses) + "."
    else:
        text += "; geen van de paarsgewijze verschillen is afzonderlijk significant."
    return text


def breakdown_text(chapter: Chapter) -> str:
    """§5.2 sentences for every background characteristic (Markdown list)."""
    return "\n".join(f"- {breakdown_sentence(chapter, b)}" for b in BREAKDOWNS)


# ----------------------------------------------------------------------------------------------
# §5.2 Figuur 5.5 (Q21 by function group)

FIGURE_5_5_TITLE = "Heeft u de indruk dat de aanpak uw eigen werkdruk heeft beïnvloed?"
GROUP_LABELS = {
    "schoolleider": "Schoolleider",
    "leraar": "Leraar",
    "onderwijsondersteunend personeel": "Onderwijsondersteunend personeel",
    "overig ondersteunend personeel": "Overig ondersteunend personeel",
}
SEGMENT_COLOURS = ("#1a9850", "#91cf60", "#bdbdbd", "#fc8d59", "#d73027")


def own_effect_results(chapter: Chapter, years: Sequence[int] | None = None) -> pd.DataFrame:
    """Figuur 5.5 data: Q21 % per answer per function group (codes 1–5 in the base), cell
    weights."""
    return option_results(
        chapter, "v21", by="analysis_group", levels=list(ANALYSIS_GROUPS), years=years
    )


def figure_5_5(chapter: Chapter):
    """Figuur 5.5 for the run year: stacked bars of Q21 per function group."""
    cb = load_codebook()
    results = own_effect_results(chapter, years=[chapter.year])
    results = results.assign(group=results["group"].map(GROUP_LABELS))
    return figures.stacked_bars(
        results,
        row="group",
        segment="category",
        value="estimate",
        title=f"Figuur 5.5 {FIGURE_5_5_TITLE} ({chapter.year})",
        colours=SEGMENT_COLOURS,
        min_label=4.0,
        row_order=[GROUP_LABELS[g] for g in ANALYSIS_GROUPS],
        segment_order=[cb.report_label("v21", c) for c in ANSWER_CODES],
        caption="Percentages, gewogen naar functie en sector; basis: wie een van de vijf "
        "antwoorden gaf ('Weet ik niet' niet meegeteld).",
    )


def figure_5_5_table(chapter: Chapter) -> ReportTable:
    """The numbers of Figuur 5.5: answers as rows, function groups as columns (run year)."""
    results = own_effect_results(chapter, years=[chapter.year])
    return results_table(
        results,
        table_id="Figuur 5.5",
        title=f"{FIGURE_5_5_TITLE} ({chapter.year})",
        rows="category",
        columns="group",
        column_labels=GROUP_LABELS,
        column_order=list(ANALYSIS_GROUPS),
        min_n=chapter.min_n,
        mark_changes=False,
        notes=[
            WEIGHTING_NOTE,
            "Basis: respondenten die een van de vijf antwoorden gaven; 'Weet ik niet' telt niet "
            "mee "
            "(zoals Tabel 5.1). Het rapport drukt de cijfers van deze figuur niet af.",
        ],
    )


def own_effect_text(chapter: Chapter) -> str:
    """Per function group: the most chosen answer in the run year and the change in % gedaald
    against earlier years."""
    results = own_effect_results(chapter, years=[chapter.year])
    decreased = decreased_results(chapter, "v21", by="analysis_group", levels=list(ANALYSIS_GROUPS))
    lines = []
    for group in ANALYSIS_GROUPS:
        rows = results[(results["group"] == group) & ~results["suppressed"]]
        if rows.empty:
            lines.append(f"- {GROUP_LABELS[group]}: te weinig respondenten om een cijfer te tonen.")
            continue
        top = rows.loc[rows["estimate"].idxmax()]
        sentence = change_sentence(
            decreased,
            chapter.year,
            group=group,
            subject="het percentage dat de eigen werkdruk (enigszins of sterk) gedaald vindt",
        )
        lines.append(
            f"- {GROUP_LABELS[group]}: het vaakst gekozen antwoord is '{top['category']}' "
            f"({fmt_percent(top['estimate'], 1)}); {sentence[0].lower() + sentence[1:]}"
        )
    return "\n".join(lines)
