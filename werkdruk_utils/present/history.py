"""The historical series around Figuren 5.1-5.4 (named helpers; not survey data of this monitor).

The report draws NEA (TNO/CBS) 2009/2014/2017 and Oberon 2019/2020 values in Figuren 5.1-5.4
without printing them. They are never invented: :func:`missing_history_table` lists them, the one
citable series (OCW's NEA indicator 'hoge taakeisen', ``data/reference/trend_history.csv``) is
shown beside this monitor's own indicator with the same threshold (:func:`nea_table`,
:func:`nea_figure`), and the report's differences with 2017 are set beside the changes this data
can test (:func:`differences_2017_table`).
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd

from werkdruk_utils import paths
from werkdruk_utils.declare.estimates import Result
from werkdruk_utils.present.findings import fmt_p
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
from werkdruk_utils.present.tables import ReportTable
from werkdruk_utils.stats import analysis

TREND_HISTORY_PATH = paths.REFERENCE_DIR / "trend_history.csv"
TREND_FIGURES = ("Figuur 5.1", "Figuur 5.2", "Figuur 5.3", "Figuur 5.4")
WEIGHTING_NOTE = (
    "Alle respondenten; gewogen naar functie en sector (Tabel B1.8), zoals het rapport (voetnoten "
    "7 en 12)."
)

# Historical years the report's Figuren 5.1–5.4 show without printing their values (footnotes 8–11).
REPORT_HISTORY_YEARS: dict[str, tuple[int, ...]] = {
    "NEA (TNO/CBS)": (2009, 2014, 2017),
    "Oberon (eerder onderzoek)": (2019, 2020),
}


def history_caption() -> str:
    """The note under Figuren 5.1-5.4: which years the report shows that are not here."""
    parts = [
        f"{source} {', '.join(str(y) for y in years)}"
        for source, years in REPORT_HISTORY_YEARS.items()
    ]
    return (
        "Alleen de metingen van deze monitor. Het rapport toont ook "
        + " en ".join(parts)
        + "; die waarden drukt het niet af en ze staan niet in deze data."
    )


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


def nea_history(run_year: int) -> pd.DataFrame:
    """NEA 'hoge taakeisen' values of trend_history.csv up to the run year."""
    history = load_trend_history()
    rows = history[(history["indicator"] == NEA_INDICATOR) & (history["year"] <= run_year)]
    return rows.sort_values("year").reset_index(drop=True)


def nea_table(high_demands: Result) -> ReportTable:
    """The NEA series and this monitor's indicator with the same threshold, side by side per
    year."""
    nea = nea_history(high_demands.run_year)
    own = high_demands.frame
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
        "onderwijs; cijfers zoals OCW ze publiceert (de bron per jaar staat in de CSV). Andere "
        "enquête, steekproef en "
        "weging dan deze monitor: een verschil tussen de twee rijen is geen trend.",
        "Dit is een andere indicator dan Figuur 5.1 (daar: percentage 'vaak of altijd' per "
        "stelling).",
        WEIGHTING_NOTE.replace("Alle respondenten", "Deze monitor: alle respondenten"),
    ]
    return ReportTable(NEA_TABLE_ID, NEA_TITLE, display, tidy, notes)


def nea_figure(high_demands: Result):
    """The NEA series (line) and this monitor's same-threshold indicator (separate markers, not
    joined)."""
    import matplotlib.pyplot as plt

    from werkdruk_utils.present.figures import FIGURE_WIDTH, dutch_formatter, setup_style

    setup_style()
    nea = nea_history(high_demands.run_year)
    own = high_demands.frame
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


def missing_history_table() -> ReportTable:
    """Which historical values Figuren 5.1–5.4 show in the report, and what is available of them
    here."""
    history = load_trend_history()
    differences = history[history["indicator"].str.startswith("verschil_2017_")]
    rows = []
    for figure_id in TREND_FIGURES:
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


def differences_2017(trends: dict[str, Result]) -> pd.DataFrame:
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
        trend = trends[figure_id]
        year = trend.run_year
        results = trend.frame[trend.frame["variable"].isin(keys)]
        labels = list(dict.fromkeys(results["category"]))
        tests = analysis.year_differences(results, year)
        for label in labels:
            base = {
                "statement": st.indicator,
                "statement_year": int(st.year),
                "report_difference": float(st.value) if int(st.year) == year else math.nan,
                "figure": figure_id,
                "indicator": label,
                "direction": direction,
                "year": year,
            }
            own = tests[tests["category"] == label]
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


def differences_2017_table(trends: dict[str, Result]) -> ReportTable:
    """Report: difference run year vs 2017 (NEA, not in this data); this data: change vs each
    earlier measurement."""
    data = differences_2017(trends)
    run = next(iter(trends.values()))
    year, years = run.run_year, run.years
    labels = {
        "verschil_2017_extra_hard_werken": "Vaak of altijd extra hard werken",
        "verschil_2017_emotioneel_zwaar": "Werk emotioneel zwaar",
        "verschil_2017_cognitief_zwaar": "Werk cognitief zwaar",
        "verschil_2017_autonomie": "Autonomie (regelmogelijkheden)",
    }
    earlier = [y for y in years if y < year]
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
                record[f"{year} t.o.v. {ref} (pp)"] = "–"
            else:
                row = t.iloc[0]
                mark = " (significant)" if row["significant"] else " (n.s.)"
                record[f"{year} t.o.v. {ref} (pp)"] = (
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
            f"De meting van {year} is de eerste van de monitor: er is nog geen eerdere "
            "meting om mee te vergelijken."
        )
    return ReportTable(
        DIFFERENCES_TABLE_ID,
        "Verschillen met 2017 volgens het rapport, naast de veranderingen binnen de monitor",
        display,
        data.assign(table_id=DIFFERENCES_TABLE_ID),
        notes,
    )
