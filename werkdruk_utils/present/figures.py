"""One house style for every figure, close to the report's: horizontal bars, measurement years
as series, the scale's axis range (1–4 or 1–3), Dutch decimal commas, the scale legend in the
caption.

Figures are rendered as SVG with a fixed hash salt and no creation date, so that two builds
give identical bytes and a changed figure shows up as changed text in a diff.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib.ticker import FuncFormatter, MultipleLocator  # noqa: E402

from werkdruk_utils import measurements  # noqa: E402
from werkdruk_utils.present.formatting import fmt_number  # noqa: E402

SERIES_COLOURS = (
    "#08519c",
    "#9ecae1",
    "#4292c6",
    "#c6dbef",
    "#6baed6",
    "#2171b5",
    "#deebf7",
    "#08306b",
)
"""Colours of other series (e.g. sectors) in grouped bars."""

# Colours per measurement year (light to dark, as the report's series).
BLUES = (
    "#f7fbff",
    "#deebf7",
    "#c6dbef",
    "#9ecae1",
    "#6baed6",
    "#4292c6",
    "#2171b5",
    "#08519c",
    "#08306b",
)
"""ColorBrewer Blues (9 classes): the measurement years from light (first) to dark (latest)."""


def year_colours() -> dict[int, str]:
    """A colour per measurement year of the codebook, light to dark; three years get Blues 4, 6
    and 8, more years spread over Blues 3 to 9."""
    years = measurements.years()
    low, high = (3, 7) if len(years) <= 3 else (2, 8)
    steps = max(len(years) - 1, 1)
    return {
        y: BLUES[round(high - (high - low) * (len(years) - 1 - i) / steps)]
        for i, y in enumerate(years)
    }


FIGURE_WIDTH = 7.5


def setup_style() -> None:
    """Apply the house style and make SVG output reproducible; call once per notebook."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    sns.set_theme(style="whitegrid", font="DejaVu Sans")
    matplotlib.rcParams.update(
        {
            "svg.hashsalt": "werkdruk",
            "svg.fonttype": "none",  # text stays text: diffs show changed labels and numbers
            "figure.dpi": 100,
            "axes.titlesize": 11,
            "axes.titleweight": "bold",
            "axes.labelsize": 10,
            "legend.fontsize": 9,
            "legend.frameon": False,
            "axes.formatter.use_locale": False,
        }
    )


def dutch_formatter(decimals: int = 1) -> FuncFormatter:
    return FuncFormatter(lambda value, _pos: fmt_number(value, decimals))


def year_bars(
    frame: pd.DataFrame,
    *,
    category: str,
    value: str,
    title: str,
    caption: str = "",
    value_range: tuple[float, float] | None = None,
    percent: bool = False,
    decimals: int = 2,
    year: str = "year",
) -> plt.Figure:
    """Horizontal bars: one group per category, one bar per measurement year, value labels in Dutch
    format.

    ``frame`` is tidy (category, year, value); missing or suppressed values (NaN) are left out
    and their label reads '–'. ``value_range`` fixes the axis (1–4 for taakeisen, 1–3 for
    regelmogelijkheden, 0–100 for percentages).
    """
    setup_style()
    categories = list(dict.fromkeys(frame[category]))
    years = sorted(frame[year].unique())
    height = 0.8 + 0.32 * len(categories) * max(len(years), 1)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, height))
    # Every category x year gets a bar; a missing or suppressed value becomes a zero-length bar
    # labelled '–'.
    grid = pd.MultiIndex.from_product([categories, years], names=[category, year])
    values = frame.set_index([category, year])[value].reindex(grid)
    base = value_range[0] if value_range is not None else 0.0
    plot = values.fillna(base).rename(value).reset_index()
    plot[year] = plot[year].astype(int).astype(str)
    colours = year_colours()
    palette = {str(y): colours.get(int(y), "#6b6b6b") for y in years}
    sns.barplot(
        data=plot,
        y=category,
        x=value,
        hue=year,
        order=categories,
        hue_order=[str(y) for y in years],
        palette=palette,
        orient="h",
        ax=ax,
        errorbar=None,
        dodge=True,
    )
    for container, series_year in zip(ax.containers, years, strict=False):
        shown = [values.loc[(c, series_year)] for c in categories]
        labels = [
            fmt_number(v, decimals) + ("%" if percent else "") if pd.notna(v) else "–"
            for v in shown
        ]
        ax.bar_label(container, labels=labels, padding=3, fontsize=8)
    if value_range is not None:
        low, high = value_range
        ax.set_xlim(low, high + (high - low) * 0.08)
    ax.xaxis.set_major_locator(MultipleLocator(10 if percent else 0.5))
    ax.xaxis.set_major_formatter(dutch_formatter(0 if percent else 1))
    ax.set_xlabel("")
    ax.set_ylabel("")
    fig.suptitle(textwrap.fill(title, 75), x=0.01, ha="left", fontsize=11, fontweight="bold")
    # Legend above the axes: below them it would cover the tick labels of short figures.
    fig.set_size_inches(FIGURE_WIDTH, max(height, 2.8))
    ax.legend(title="", loc="lower left", bbox_to_anchor=(0, 1.0), ncols=len(years), frameon=False)
    if caption:
        fig.text(0.01, 0.005, caption, fontsize=8, ha="left", va="bottom", color="#444444")
    fig.tight_layout(rect=(0, 0.03 if caption else 0, 1, 0.97))
    return fig


def grouped_bars(
    frame: pd.DataFrame,
    *,
    category: str,
    series: str,
    value: str,
    title: str,
    series_order: Sequence[str] | None = None,
    caption: str = "",
    value_range: tuple[float, float] = (0, 100),
    percent: bool = True,
    decimals: int = 1,
) -> plt.Figure:
    """Horizontal bars per category with one bar per series (e.g. sector), value labels in Dutch
    format.

    ``frame`` is tidy; missing values (NaN: suppressed) give a zero-length bar labelled '–'.
    """
    setup_style()
    categories = list(dict.fromkeys(frame[category]))
    series_values = (
        list(series_order) if series_order is not None else list(dict.fromkeys(frame[series]))
    )
    values = frame.set_index([category, series])[value]
    bar = 0.8 / max(len(series_values), 1)
    height = 0.8 + 0.28 * len(categories) * max(len(series_values), 1)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, height))
    y = np.arange(len(categories))
    for i, s in enumerate(series_values):
        shown = [values.get((c, s), float("nan")) for c in categories]
        bars = ax.barh(
            y + i * bar - 0.4 + bar / 2,
            [0.0 if pd.isna(v) else v for v in shown],
            height=bar,
            color=SERIES_COLOURS[i % len(SERIES_COLOURS)],
            label=str(s),
        )
        labels = [
            fmt_number(v, decimals) + ("%" if percent else "") if pd.notna(v) else "–"
            for v in shown
        ]
        ax.bar_label(bars, labels=labels, padding=3, fontsize=7)
    ax.set_yticks(y, [textwrap.fill(str(c), 55) for c in categories], fontsize=8)
    ax.invert_yaxis()
    low, high = value_range
    ax.set_xlim(low, high + (high - low) * 0.1)
    ax.xaxis.set_major_formatter(dutch_formatter(0))
    ax.set_xlabel("")
    fig.suptitle(textwrap.fill(title, 75), x=0.01, ha="left", fontsize=11, fontweight="bold")
    ax.legend(title="", loc="upper center", bbox_to_anchor=(0.5, -0.02), ncols=len(series_values))
    if caption:
        fig.text(
            0.01,
            0.005,
            textwrap.fill(caption, 110),
            fontsize=8,
            ha="left",
            va="bottom",
            color="#444444",
        )
    fig.tight_layout(rect=(0, 0.04 if caption else 0, 1, 1))
    return fig


def stacked_bars(
    frame: pd.DataFrame,
    *,
    row: str,
    segment: str,
    value: str,
    title: str,
    row_order: Sequence[str] | None = None,
    segment_order: Sequence[str] | None = None,
    caption: str = "",
    min_label: float = 5.0,
    colours: Sequence[str] | None = None,
) -> plt.Figure:
    """Horizontal bars stacked to 100%: one bar per ``row``, one segment per ``segment`` (answer
    option).

    Segments of at least ``min_label`` percent carry their value; a row with a missing value
    (suppressed) is drawn empty and labelled '–'.
    """
    setup_style()
    rows = list(row_order) if row_order is not None else list(dict.fromkeys(frame[row]))
    segments = (
        list(segment_order) if segment_order is not None else list(dict.fromkeys(frame[segment]))
    )
    table = frame.pivot_table(
        index=row, columns=segment, values=value, aggfunc="first", dropna=False
    )
    table = table.reindex(index=rows, columns=segments)
    height = 1.6 + 0.45 * len(rows) + 0.22 * len(segments)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, height))
    y = np.arange(len(rows))
    left = np.zeros(len(rows))
    palette = (lambda i: colours[i % len(colours)]) if colours else plt.get_cmap("tab10")
    for i, s in enumerate(segments):
        widths = table[s].to_numpy(dtype=float)
        plotted = np.nan_to_num(widths, nan=0.0)
        bars = ax.barh(
            y,
            plotted,
            left=left,
            color=palette(i) if colours else palette(i % 10),
            label=textwrap.fill(str(s), 60),
            height=0.65,
        )
        labels = [
            fmt_number(w, 0) + "%" if (not np.isnan(w) and w >= min_label) else "" for w in widths
        ]
        ax.bar_label(bars, labels=labels, label_type="center", fontsize=7, color="white")
        left = left + plotted
    for i, r in enumerate(rows):
        if table.loc[r].isna().all():
            ax.text(1, i, "–", va="center", fontsize=8)
    ax.set_yticks(y, [textwrap.fill(str(r), 30) for r in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(dutch_formatter(0))
    fig.suptitle(textwrap.fill(title, 75), x=0.01, ha="left", fontsize=11, fontweight="bold")
    ax.legend(title="", loc="upper left", bbox_to_anchor=(0.0, -0.08), ncols=1, fontsize=8)
    if caption:
        fig.text(
            0.01,
            0.005,
            textwrap.fill(caption, 110),
            fontsize=8,
            ha="left",
            va="bottom",
            color="#444444",
        )
    fig.tight_layout(rect=(0, 0.04 if caption else 0, 1, 1))
    return fig
