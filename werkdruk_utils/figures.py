"""One house style for every figure, close to the report's: horizontal bars, measurement years
as series, the scale's axis range (1–4 or 1–3), Dutch decimal commas, the scale legend in the caption.

Figures are rendered as SVG with a fixed hash salt and no creation date, so that two builds
give identical bytes and a changed figure shows up as changed text in a diff.
"""

from __future__ import annotations

import os
import textwrap

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib.ticker import FuncFormatter, MultipleLocator  # noqa: E402

from werkdruk_utils.formatting import fmt_number  # noqa: E402

# Colours per measurement year (light to dark, as the report's series).
YEAR_COLOURS = {2022: "#9ecae1", 2023: "#4292c6", 2024: "#08519c"}
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
    """Horizontal bars: one group per category, one bar per measurement year, value labels in Dutch format.

    ``frame`` is tidy (category, year, value); missing or suppressed values (NaN) are left out
    and their label reads '–'. ``value_range`` fixes the axis (1–4 for taakeisen, 1–3 for
    regelmogelijkheden, 0–100 for percentages).
    """
    setup_style()
    categories = list(dict.fromkeys(frame[category]))
    years = sorted(frame[year].unique())
    height = 0.8 + 0.32 * len(categories) * max(len(years), 1)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, height))
    # Every category x year gets a bar; a missing or suppressed value becomes a zero-length bar labelled '–'.
    grid = pd.MultiIndex.from_product([categories, years], names=[category, year])
    values = frame.set_index([category, year])[value].reindex(grid)
    base = value_range[0] if value_range is not None else 0.0
    plot = values.fillna(base).rename(value).reset_index()
    plot[year] = plot[year].astype(int).astype(str)
    palette = {str(y): YEAR_COLOURS.get(int(y), "#6b6b6b") for y in years}
    sns.barplot(
        data=plot, y=category, x=value, hue=year, order=categories, hue_order=[str(y) for y in years],
        palette=palette, orient="h", ax=ax, errorbar=None, dodge=True,
    )
    for container, series_year in zip(ax.containers, years):
        shown = [values.loc[(c, series_year)] for c in categories]
        labels = [fmt_number(v, decimals) + ("%" if percent else "") if pd.notna(v) else "–" for v in shown]
        ax.bar_label(container, labels=labels, padding=3, fontsize=8)
    if value_range is not None:
        low, high = value_range
        ax.set_xlim(low, high + (high - low) * 0.08)
    ax.xaxis.set_major_locator(MultipleLocator(10 if percent else 0.5))
    ax.xaxis.set_major_formatter(dutch_formatter(0 if percent else 1))
    ax.set_xlabel("")
    ax.set_ylabel("")
    fig.suptitle(textwrap.fill(title, 75), x=0.01, ha="left", fontsize=11, fontweight="bold")
    ax.legend(title="", loc="upper center", bbox_to_anchor=(0.5, -0.06), ncols=len(years))
    if caption:
        fig.text(0.01, 0.005, caption, fontsize=8, ha="left", va="bottom", color="#444444")
    fig.tight_layout(rect=(0, 0.03 if caption else 0, 1, 1))
    return fig
