"""One house style for every figure, at the report's standard.

- The figure's number and title are the HTML caption above it (``<figcaption>``), its scale legend
  and base a note below it; the SVG itself carries ``<title>`` and ``<desc>`` (what it shows) and
  is drawn at the page's text size: 540 pt wide with 12 pt text, shown at most at its natural
  size (720 CSS px, where 12 pt is the body's 16 px) and narrower when the page is narrower.
- Axis titles with units ('Gemiddelde score (1 = nooit, 4 = altijd)', 'Percentage (%)'), Dutch
  decimal commas, labels wrapped, never cut.
- Colour-blind-safe colours with one meaning per colour across the site: measurement years are
  blues (light to dark), sectors oranges and browns, answer options a purple–green scale; a
  colour never means two things.
- The figure's table is folded under it (:func:`figure_data_table`): every value with its 95%
  interval and n.

Figures are rendered as SVG with a fixed hash salt, no creation date and no metadata, with ids
prefixed by the figure's number, so that two builds give identical bytes, a changed figure shows
up as changed text in a diff, and two figures on one page never share an id.
"""

from __future__ import annotations

import html
import io
import os
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import FuncFormatter, MultipleLocator  # noqa: E402

from werkdruk_utils import measurements  # noqa: E402
from werkdruk_utils.present import theme  # noqa: E402
from werkdruk_utils.present.bases import (  # noqa: E402
    Annotated,
    attrs,
    mark_figure,
    set_base,
    svg_with_bases,
)
from werkdruk_utils.present.formatting import fmt_number  # noqa: E402
from werkdruk_utils.present.markup import compact_svg, prefix_ids  # noqa: E402, F401

FIGURE_WIDTH = 7.5  # inches: 540 pt, shown at 720 CSS px at most
FONT_SIZE = 12  # pt: 16 CSS px at the natural size, the body's size
TEXT_COLOUR = "#1a1a1a"
NOTE_COLOUR = "#4d4d4d"
GRID_COLOUR = "#d9d9d9"

# One meaning per colour across the site.
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
"""ColorBrewer Blues (9 classes): the measurement years from light (first) to dark (latest);
lightness alone tells them apart, so the order survives every kind of colour blindness and
grey-scale print."""


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


SECTOR_COLOURS = {"bao": "#e69f00", "go": "#8c510a"}
"""Sectors: orange (regulier basisonderwijs) and dark brown (gespecialiseerd onderwijs)."""
SERIES_COLOURS = ("#e69f00", "#8c510a", "#cc79a7", "#009e73", "#999999", "#56b4e9")
"""Other series in grouped bars, in order (the first two are the sectors' colours)."""
ANSWER_COLOURS = ("#1b7837", "#7fbf7b", "#d9f0d3", "#e7d4e8", "#af8dc3", "#762a83", "#bdbdbd")
"""Answer options of a stacked bar: a purple–green scale (ColorBrewer PRGn, colour-blind safe);
the last, grey, for 'weet ik niet' and the like."""
HISTORY_COLOUR = "#6b6b6b"
"""Values from other sources (NEA, earlier research) in trend figures."""
INDICATOR_COLOURS = ("#cc79a7", "#009e73", "#d55e00", "#000000")
"""Indicators of one source in a trend figure (Okabe–Ito: reddish purple, bluish green,
vermillion, black), each with its own marker (:data:`INDICATOR_MARKERS`), so that no line is told
apart by colour alone."""
INDICATOR_MARKERS = ("o", "s", "D", "v")

SCALE_LEGENDS = {
    (1.0, 4.0): "1 = nooit, 4 = altijd",
    (1.0, 3.0): "1 = veel autonomie, 3 = weinig autonomie",
}
_NUMBER = re.compile(r"^(?P<number>(?:Figuur|Tabel) B?\d+(?:\.\d+)*)\.?\s+(?P<title>.*)$", re.S)


@dataclass
class FigureInfo:
    """What the page shows around a figure: number, title, note below it, description."""

    number: str
    title: str
    note: str
    description: str

    @property
    def slug(self) -> str:
        from werkdruk_utils.present.tables import slug

        return slug(self.number) if self.number else "figuur"


def setup_style() -> None:
    """Apply the house style and make SVG output reproducible; call once per notebook."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    theme.apply()  # seaborn's whitegrid theme, without importing seaborn (see theme.py)
    matplotlib.rcParams.update(
        {
            "svg.hashsalt": "werkdruk",
            "svg.fonttype": "none",  # text stays text: diffs show changed labels and numbers
            "figure.dpi": 100,
            "font.size": FONT_SIZE,
            "axes.titlesize": FONT_SIZE,
            "axes.labelsize": FONT_SIZE,
            "xtick.labelsize": FONT_SIZE,
            "ytick.labelsize": FONT_SIZE,
            "legend.fontsize": FONT_SIZE,
            "legend.frameon": False,
            "text.color": TEXT_COLOUR,
            "axes.labelcolor": TEXT_COLOUR,
            "xtick.color": TEXT_COLOUR,
            "ytick.color": TEXT_COLOUR,
            "grid.color": GRID_COLOUR,
            "axes.formatter.use_locale": False,
        }
    )


def dutch_formatter(decimals: int = 1) -> FuncFormatter:
    return FuncFormatter(lambda value, _pos: fmt_number(value, decimals))


def split_number(title: str) -> tuple[str, str]:
    """'Figuur 2.2 Kwantitatieve taakeisen …' -> ('Figuur 2.2', 'Kwantitatieve taakeisen …')."""
    match = _NUMBER.match(title.strip())
    if match:
        return match.group("number"), match.group("title").strip()
    return "", title.strip()


def wrap(label: object, width: int = 28) -> str:
    """A label broken over lines at word boundaries (never cut)."""
    return "\n".join(
        textwrap.wrap(str(label), width, break_long_words=False, break_on_hyphens=False)
    ) or str(label)


def year_colour(year: int, index: int = 0) -> str:
    """The colour of measurement ``year`` (a year outside the codebook: a blue by position)."""
    return year_colours().get(int(year), BLUES[3 + 2 * index % 6])


def series_colours(series: Sequence[object]) -> list[str]:
    """Colours for the series of a grouped bar: sectors keep their colours, years theirs, other
    series take :data:`SERIES_COLOURS` in order."""
    out, others = [], iter(SERIES_COLOURS[2:] + SERIES_COLOURS[:2])
    for i, s in enumerate(series):
        text = str(s).lower()
        if text in SECTOR_COLOURS:
            out.append(SECTOR_COLOURS[text])
        elif text.startswith("regulier") or text.startswith("bao"):
            out.append(SECTOR_COLOURS["bao"])
        elif text.startswith("gespecialiseerd") or text.startswith("go"):
            out.append(SECTOR_COLOURS["go"])
        elif re.fullmatch(r"\d{4}", text):
            out.append(year_colour(int(text), i))
        else:
            out.append(next(others, "#999999"))
    return out


def _text_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG relative luminance)."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return "#000000" if luminance > 0.179 else "#ffffff"


def axis_title(percent: bool, value_range: tuple[float, float] | None, unit: str = "") -> str:
    if unit:
        return unit
    if percent:
        return "Percentage (%)"
    legend = SCALE_LEGENDS.get(tuple(float(v) for v in value_range)) if value_range else None
    return f"Gemiddelde score ({legend})" if legend else "Gemiddelde score"


def _fmt(value: float, decimals: int, percent: bool) -> str:
    return fmt_number(value, decimals) + ("%" if percent else "") if pd.notna(value) else "–"


def _label_bases(texts, shown, bases) -> None:
    """Give each bar label that shows a number the base of its bar (``bases``: respondents per
    bar, or None when the frame has no base column): :mod:`werkdruk_utils.present.bases`."""
    if bases is None:
        return
    for text, value, n in zip(texts, shown, bases, strict=False):
        if pd.notna(value) and n is not None and pd.notna(n):
            set_base(text, n=n)


def _bases_of(frame: pd.DataFrame, keys: list[str], base: str | None) -> pd.Series | None:
    """The base per bar (``keys`` -> column ``base``), or None when the frame has no such column."""
    if base is None or base not in frame.columns:
        return None
    series = frame.set_index(keys)[base]
    return series[~series.index.duplicated()]


def _attach(fig, title: str, note: str, description: str) -> None:
    number, text = split_number(title)
    fig.werkdruk = FigureInfo(number, text, note, description)


def _listing(items: Sequence[object]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


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
    unit: str = "",
    base: str | None = "n",
) -> plt.Figure:
    """Horizontal bars: one group per category, one bar per measurement year, value labels in Dutch
    format.

    ``frame`` is tidy (category, year, value); missing or suppressed values (NaN) are left out
    and their label reads '–'. ``value_range`` fixes the axis (1–4 for taakeisen, 1–3 for
    regelmogelijkheden, 0–100 for percentages). Each value label carries the base of its bar from
    column ``base`` (:mod:`werkdruk_utils.present.bases`).
    """
    setup_style()
    categories = list(dict.fromkeys(frame[category]))
    years = sorted(int(y) for y in frame[year].unique())
    per_bar = 0.3
    height = 1.3 + per_bar * len(categories) * max(len(years), 1) + 0.12 * len(categories)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, height))
    values = frame.set_index([category, year])[value]
    bases = _bases_of(frame, [category, year], base)
    start = value_range[0] if value_range is not None else 0.0
    bar = 0.8 / max(len(years), 1)
    y = np.arange(len(categories))
    for i, series_year in enumerate(years):
        shown = [values.get((c, series_year), float("nan")) for c in categories]
        widths = [0.0 if pd.isna(v) else float(v) - start for v in shown]
        bars = ax.barh(
            y - 0.4 + bar * (i + 0.5),
            widths,
            left=start,
            height=bar * 0.92,
            color=year_colour(series_year, i),
            label=str(series_year),
        )
        texts = ax.bar_label(bars, labels=[_fmt(v, decimals, percent) for v in shown], padding=3)
        _label_bases(
            texts,
            shown,
            None if bases is None else [bases.get((c, series_year)) for c in categories],
        )
    ax.set_yticks(y, [wrap(c, 26) for c in categories])
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    if value_range is not None:
        low, high = value_range
        ax.set_xlim(low, high + (high - low) * 0.14)
    ax.xaxis.set_major_locator(MultipleLocator(20 if percent else 0.5))
    ax.xaxis.set_major_formatter(dutch_formatter(0 if percent else 1))
    ax.set_xlabel(axis_title(percent, value_range, unit))
    ax.set_ylabel("")
    ax.legend(
        title="Meting",
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=len(years),
        frameon=False,
        alignment="left",
    )
    fig.tight_layout()
    what = "percentage" if percent else "gemiddelde score"
    _attach(
        fig,
        title,
        caption,
        f"Liggende staven: de {what} per groep ({_listing(categories)}), per meting "
        f"({_listing(years)}). De waarden staan bij de staven en in de tabel onder de figuur.",
    )
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
    unit: str = "",
    base: str | None = "n",
) -> plt.Figure:
    """Horizontal bars per category with one bar per series (e.g. sector), value labels in Dutch
    format.

    ``frame`` is tidy; missing values (NaN: suppressed) give a zero-length bar labelled '–'. Each
    value label carries the base of its bar from column ``base``.
    """
    setup_style()
    categories = list(dict.fromkeys(frame[category]))
    series_values = (
        list(series_order) if series_order is not None else list(dict.fromkeys(frame[series]))
    )
    values = frame.set_index([category, series])[value]
    bases = _bases_of(frame, [category, series], base)
    bar = 0.8 / max(len(series_values), 1)
    wrapped = [wrap(c, 34) for c in categories]
    lines = sum(max(1, w.count("\n") + 1) for w in wrapped)
    height = 1.3 + max(0.3 * len(categories) * max(len(series_values), 1), 0.22 * lines)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, height))
    y = np.arange(len(categories))
    for i, (s, colour) in enumerate(zip(series_values, series_colours(series_values), strict=True)):
        shown = [values.get((c, s), float("nan")) for c in categories]
        bars = ax.barh(
            y + i * bar - 0.4 + bar / 2,
            [0.0 if pd.isna(v) else v for v in shown],
            height=bar * 0.92,
            color=colour,
            label=str(s),
        )
        texts = ax.bar_label(bars, labels=[_fmt(v, decimals, percent) for v in shown], padding=3)
        _label_bases(
            texts, shown, None if bases is None else [bases.get((c, s)) for c in categories]
        )
    ax.set_yticks(y, wrapped)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    low, high = value_range
    ax.set_xlim(low, high + (high - low) * 0.16)
    ax.xaxis.set_major_formatter(dutch_formatter(0))
    ax.set_xlabel(axis_title(percent, value_range, unit))
    ax.legend(
        title="", loc="lower left", bbox_to_anchor=(0, 1.0), ncols=len(series_values), frameon=False
    )
    fig.tight_layout()
    _attach(
        fig,
        title,
        caption,
        f"Liggende staven per categorie ({len(categories)} categorieën), één staaf per "
        f"{_listing(series_values)}. De waarden staan bij de staven en in de tabel onder de "
        "figuur.",
    )
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
    base: str | None = "n",
) -> plt.Figure:
    """Horizontal bars stacked to 100%: one bar per ``row``, one segment per ``segment`` (answer
    option).

    Segments of at least ``min_label`` percent carry their value; a row with a missing value
    (suppressed) is drawn empty and labelled '–'. Colours: :data:`ANSWER_COLOURS` (``colours``
    is accepted for compatibility and ignored: answer options have one palette site-wide). Each
    value label carries the base of its bar from column ``base``.
    """
    del colours
    setup_style()
    rows = list(row_order) if row_order is not None else list(dict.fromkeys(frame[row]))
    segments = (
        list(segment_order) if segment_order is not None else list(dict.fromkeys(frame[segment]))
    )
    table = frame.pivot_table(
        index=row, columns=segment, values=value, aggfunc="first", dropna=False
    )
    table = table.reindex(index=rows, columns=segments)
    bases = _bases_of(frame, [row, segment], base)
    legend_lines = sum(len(textwrap.wrap(str(s), 60)) or 1 for s in segments)
    height = 1.0 + 0.55 * len(rows) + 0.25 * legend_lines
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, height))
    y = np.arange(len(rows))
    left = np.zeros(len(rows))
    palette = _answer_palette(segments)
    for s, colour in zip(segments, palette, strict=True):
        widths = table[s].to_numpy(dtype=float)
        plotted = np.nan_to_num(widths, nan=0.0)
        bars = ax.barh(y, plotted, left=left, color=colour, label=wrap(s, 60), height=0.65)
        labels = [
            fmt_number(w, 0) + "%" if (not np.isnan(w) and w >= min_label) else "" for w in widths
        ]
        texts = ax.bar_label(bars, labels=labels, label_type="center", color=_text_on(colour))
        _label_bases(texts, widths, None if bases is None else [bases.get((r, s)) for r in rows])
        left = left + plotted
    for i, r in enumerate(rows):
        if table.loc[r].isna().all():
            ax.text(1, i, "–", va="center")
    ax.set_yticks(y, [wrap(r, 22) for r in rows])
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(dutch_formatter(0))
    ax.set_xlabel("Percentage (%)")
    ax.legend(title="", loc="upper left", bbox_to_anchor=(0.0, -0.12 - 0.3 / height), ncols=1)
    fig.tight_layout()
    _attach(
        fig,
        title,
        caption,
        f"Gestapelde staven tot 100%, één per {_listing(rows)}; de delen zijn de antwoorden "
        f"({_listing(segments)}). Delen van ten minste {fmt_number(min_label, 0)}% dragen hun "
        "waarde; alle waarden staan in de tabel onder de figuur.",
    )
    return fig


def _answer_palette(segments: Sequence[object]) -> list[str]:
    """Answer options in order on the purple–green scale; 'weet ik niet' and 'anders' grey."""
    neutral = [
        str(s).lower().startswith(("weet ik niet", "weet niet", "geen mening")) for s in segments
    ]
    scale = [c for c in ANSWER_COLOURS[:-1]]
    count = sum(not n for n in neutral)
    if count <= 2:
        picks = [scale[0], scale[-1]][:count]
    else:
        idx = np.linspace(0, len(scale) - 1, count).round().astype(int)
        picks = [scale[i] for i in idx]
    out, it = [], iter(picks)
    for n in neutral:
        out.append(ANSWER_COLOURS[-1] if n else next(it))
    return out


def _point_base(text, n) -> None:
    """The base of a trend figure's value label: the survey's own values carry their n; the
    historical series are published figures."""
    if n is not None and pd.notna(n):
        set_base(text, n=n)
    else:
        set_base(text, kind="published")


def spread(values: Sequence[float], gap: float) -> list[float]:
    """Positions for labels of the ascending ``values``: each as near its value as it can be
    while at least ``gap`` above the one below it (a cluster is centred on its values' mean)."""
    placed: list[list[float]] = []  # clusters of (values) placed together
    for v in values:
        placed.append([v])
        while len(placed) > 1:
            low, high = placed[-2], placed[-1]
            start_low = sum(low) / len(low) - gap * (len(low) - 1) / 2
            start_high = sum(high) / len(high) - gap * (len(high) - 1) / 2
            if start_high >= start_low + gap * len(low):
                break
            placed[-2:] = [low + high]
    out = []
    for cluster in placed:
        start = sum(cluster) / len(cluster) - gap * (len(cluster) - 1) / 2
        out += [start + gap * i for i in range(len(cluster))]
    return out


def trend_lines(
    frame: pd.DataFrame,
    *,
    x: str,
    series: str,
    value: str,
    title: str,
    period: tuple[int, int],
    series_order: Sequence[str] | None = None,
    unpublished: Mapping[str, Sequence[int]] | None = None,
    caption: str = "",
    unit: str = "Percentage (%)",
    value_range: tuple[float, float] = (0, 100),
    decimals: int = 0,
    percent: bool = True,
    indicators: bool = False,
) -> plt.Figure:
    """Lines over a whole period: one line per series, points where a value is citable, a gap
    where it is not (the line stops: consecutive years only are joined).

    ``unpublished`` names, per source, the years the report shows but does not print a value
    for; they are marked on the axis as open ticks ('niet gepubliceerd') rather than drawn.

    Series are sources by default (this monitor dark blue, others grey). With ``indicators`` they
    are indicators of one source (the statements of Figuren 5.1-5.4): each has its own colour of
    :data:`INDICATOR_COLOURS` and its own marker, and only its last value is labelled (the
    others are in the table folded under the figure), so that close lines stay legible.
    """
    setup_style()
    order = list(series_order) if series_order is not None else list(dict.fromkeys(frame[series]))
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 4.2 + (0.3 * len(order) if indicators else 0)))
    colours, ends = {}, []
    for i, name in enumerate(order):
        part = frame[frame[series] == name].sort_values(x)
        part = part[part[value].notna()]
        colour = HISTORY_COLOUR if i and len(order) > 1 else BLUES[-1]
        if indicators:
            colour = INDICATOR_COLOURS[i % len(INDICATOR_COLOURS)]
        colours[name] = colour
        years = part[x].astype(int).to_numpy()
        vals = part[value].astype(float).to_numpy()
        # Break the line wherever a year is missing: consecutive years only are joined.
        segments_start = 0
        for j in range(1, len(years) + 1):
            if j == len(years) or years[j] != years[j - 1] + 1:
                ax.plot(
                    years[segments_start:j],
                    vals[segments_start:j],
                    color=colour,
                    marker=INDICATOR_MARKERS[i % len(INDICATOR_MARKERS)] if indicators else "o",
                    linewidth=2,
                    label=(wrap(name, 60) if indicators else name) if segments_start == 0 else None,
                )
                segments_start = j
        ns = part["n"].tolist() if "n" in part.columns else [None] * len(part)
        labelled = slice(-1, None) if indicators else slice(None)
        for xv, yv, n in list(zip(years, vals, ns, strict=True))[labelled]:
            if indicators:  # placed after the loop, apart from each other
                ends.append((yv, xv, n, colour))
                continue
            text = ax.annotate(
                _fmt(yv, decimals, percent),
                (xv, yv),
                textcoords="offset points",
                xytext=(0, 9),
                ha="center",
                color=colour,
            )
            _point_base(text, n)
    ends.sort(key=lambda end: end[0])
    gap = (value_range[1] - value_range[0]) / 18
    for (yv, xv, n, colour), y_label in zip(ends, spread([e[0] for e in ends], gap), strict=True):
        text = ax.annotate(
            _fmt(yv, decimals, percent),
            (xv, yv),
            xytext=(xv + 0.3, y_label),
            textcoords="data",
            ha="left",
            va="center",
            color=colour,
        )
        _point_base(text, n)
    missing = sorted({int(y) for ys in (unpublished or {}).values() for y in ys})
    if missing:
        low = value_range[0]
        ax.plot(
            missing,
            [low + (value_range[1] - low) * 0.02] * len(missing),
            linestyle="none",
            marker="^",
            markerfacecolor="white",
            markeredgecolor=HISTORY_COLOUR,
            markersize=9,
            label="in het rapport, waarde niet gepubliceerd",
        )
    ax.set_xlim(period[0] - 0.5, period[1] + (2.5 if indicators else 0.5))
    ax.xaxis.set_major_locator(MultipleLocator(2 if period[1] - period[0] > 8 else 1))
    if indicators:  # the room for the labels is no year: ticks within the period only
        step = 2 if period[1] - period[0] > 8 else 1
        ax.set_xticks(sorted({*range(period[1], period[0] - 1, -step)}))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: str(int(v))))
    ax.set_ylim(*value_range)
    ax.yaxis.set_major_formatter(dutch_formatter(0))
    ax.set_ylabel(unit)
    ax.set_xlabel("Jaar")
    ax.legend(title="", loc="lower left", bbox_to_anchor=(0, 1.0), ncols=1, frameon=False)
    fig.tight_layout()
    shown = frame[frame[value].notna()]
    _attach(
        fig,
        title,
        caption,
        f"Lijnen over {period[0]}–{period[1]}: {_listing(order)}. Punten zijn jaren met een "
        f"citeerbare waarde ({_listing(sorted(shown[x].astype(int).unique()))}); waar een jaar "
        "ontbreekt, is de lijn onderbroken"
        + (
            f"; open driehoeken: jaren zonder gepubliceerde waarde ({_listing(missing)})"
            if missing
            else ""
        )
        + ".",
    )
    return fig


# ----------------------------------------------------------------------------------------------
# the figure on the page

_REFERENCED = re.compile(r"url\(#([^)]+)\)|href=\"#([^\"]+)\"")
_ID_ATTR = re.compile(r'\sid="([^"]+)"')


def svg_markup(fig, prefix: str, title: str, description: str) -> str:
    """``fig`` as inline SVG: no XML prolog or metadata, no fixed size (the page sets the width),
    ``role="img"`` with ``<title>`` and ``<desc>``, ids prefixed with ``prefix`` and only those
    that something refers to."""
    mark_figure(fig)  # titles, legends, captions: labels (value labels carry their n already)
    buffer = io.StringIO()
    fig.savefig(
        buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None}
    )
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg_with_bases(svg[svg.index("<svg") :])  # before the ids go
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    referenced = {a or b for a, b in _REFERENCED.findall(svg)}
    svg = _ID_ATTR.sub(
        lambda m: f' id="{prefix}-{m.group(1)}"' if m.group(1) in referenced else "", svg
    )
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    head_end = svg.index(">") + 1
    root = svg[:head_end]
    root = re.sub(r'\s(width|height)="[^"]*"', "", root)
    root = root.replace(
        "<svg",
        f'<svg class="chart" role="img" aria-labelledby="{prefix}-titel {prefix}-beschrijving"',
        1,
    )
    label = attrs(kind="label")
    accessible = (
        f'\n<title id="{prefix}-titel"{label}>{html.escape(title)}</title>'
        f'\n<desc id="{prefix}-beschrijving"{label}>{html.escape(description)}</desc>'
    )
    return compact_svg(root + accessible + svg[head_end:])


def figure_html(fig) -> str:
    """The figure as the page shows it: number and title as caption, the SVG, the note below.

    Figures made by this module carry their caption and description; any other matplotlib figure
    gets its suptitle (if any) as caption."""
    info = getattr(fig, "werkdruk", None)
    if info is None:
        suptitle = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) else ""
        number, title = split_number(suptitle)
        info = FigureInfo(number, title, "", title or "Figuur")
        if getattr(fig, "_suptitle", None) is not None:
            fig._suptitle.set_visible(False)
    prefix = info.slug
    caption = (
        f"<strong>{html.escape(info.number)}</strong> {html.escape(info.title)}"
        if info.number
        else html.escape(info.title)
    )
    label = f"{info.number} {info.title}".strip()
    svg = svg_markup(fig, prefix, label, info.description)
    note_text = info.note if isinstance(info.note, Annotated) else html.escape(info.note)
    note = f'\n<p class="figure-note">{note_text}</p>' if info.note else ""
    anchor = f' id="{prefix}"' if info.number else ""
    return (
        f'<figure class="report-figure"{anchor}>\n'
        f"<figcaption{attrs(kind='label')}>{caption}</figcaption>\n"
        f"{svg}{note}\n</figure>"
    )


# ----------------------------------------------------------------------------------------------
# the figure's table


def _interval(row: Mapping, statistic: str) -> str:
    low, high = row.get("ci_low"), row.get("ci_high")
    if low is None or high is None or pd.isna(low) or pd.isna(high):
        return "–"
    decimals = 1 if statistic == "percent" else 2
    return f"{fmt_number(low, decimals)} – {fmt_number(high, decimals)}"


def _n(row: Mapping) -> str:
    n = row.get("n")
    return "–" if n is None or pd.isna(n) else fmt_number(n, 0)


def figure_data_table(table) -> str | None:
    """The table under a figure: one row per value shown, with its 95% interval and n.

    Uses ``table.cells`` (shown cell -> row of the tidy data) when the table has it, else the tidy
    data's own rows when they carry an estimate; None when neither is possible (the caller then
    shows the table as it is)."""
    from werkdruk_utils.present.tables import SUPPRESSED

    data = table.data
    needed = {"estimate", "ci_low", "ci_high", "n"}
    if data is None or data.empty or not needed <= set(data.columns):
        return None
    rows = []
    if table.cells:
        column_title = table.column_title or "Kolom"
        for (r_label, c_label), index in table.cells.items():
            record = data.loc[index]
            shown = table.display.loc[r_label, c_label]
            rows.append((str(r_label), str(c_label), str(shown), record))
        head = ["", column_title]
    else:
        label_cols = [c for c in ("series", "group", "category") if c in data.columns]
        if not label_cols:
            return None
        for _, record in data.iterrows():
            statistic = str(record.get("statistic", ""))
            suppressed = bool(record.get("suppressed", False))
            shown = (
                SUPPRESSED
                if suppressed
                else _fmt(
                    record["estimate"], 1 if statistic == "percent" else 2, statistic == "percent"
                )
            )
            first = str(record[label_cols[0]])
            second = " · ".join(str(record[c]) for c in label_cols[1:]) or ""
            if "year" in data.columns and "series" not in data.columns:
                second = f"{second} ({record['year']})" if second else str(record["year"])
            rows.append((first, second, shown, record))
        head = ["", ""]
    out = [
        f"<table><thead{attrs(kind='label')}><tr>"
        f'<th scope="col">{html.escape(head[0])}</th>'
        f'<th scope="col">{html.escape(head[1])}</th>'
        '<th scope="col">Waarde</th><th scope="col">95%-interval</th>'
        '<th scope="col">n</th></tr></thead>\n<tbody>'
    ]
    label = attrs(kind="label")
    for first, second, shown, record in rows:
        suppressed = shown == SUPPRESSED or bool(record.get("suppressed", False))
        statistic = str(record.get("statistic", ""))
        interval = SUPPRESSED if suppressed else _interval(record, statistic)
        n = SUPPRESSED if suppressed else _n(record)
        base = record.get("n")
        # value, interval and n rest on the row's n; a suppressed row shows no number at all
        row = (
            attrs(suppressed=True) if suppressed or base is None or pd.isna(base) else attrs(n=base)
        )
        out.append(
            f'<tr{row}><th scope="row"{label}>{html.escape(first)}</th>\n'
            f"<td{label}>{html.escape(second)}</td>\n"
            f'<td class="num">{html.escape(shown)}</td>\n'
            f'<td class="num">{html.escape(interval)}</td>\n'
            f'<td class="num">{html.escape(n)}</td></tr>'
        )
    out.append("</tbody></table>")
    return "\n".join(out)
