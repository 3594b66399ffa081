"""Disclosure annotations: every number a reader can see says what it rests on.

The rule (``docs/threat_model.md``): a shown number rests on at least ``min_n`` respondents, or is
suppressed (``*``), or rests on no respondent and says so. So that the output check
(:mod:`werkdruk_utils.publish.output_check`) can prove it for every number it reads, renderers
annotate each number with its **base**:

* HTML (pages, notebook outputs, Markdown with inline HTML): ``data-n="186"`` on the innermost
  element holding the number (:func:`n_span`, :func:`attrs`); ``data-base="<kind>"`` for a number
  on no respondent (:func:`kind_span`; :data:`BASE_KINDS`); ``data-suppressed=""`` on a suppressed
  cell, which shows ``*`` (:func:`suppressed_span`). :func:`shown` applies the rule: it returns
  the number with its base, or ``*`` when the base is 1 to ``min_n`` - 1.
* SVG made by matplotlib: :func:`set_base` gives a text artist a gid (``wdbase-n-186``,
  ``wdbase-axis``) that :func:`svg_with_bases` turns into the same ``data-`` attributes;
  :func:`mark_axes` marks tick labels, axis labels, titles and legends.
* CSV: column ``n`` is the base of every number in its row, ``n_<col>`` that of column ``<col>``;
  columns on no respondent are listed in :data:`CSV_COLUMN_KINDS`; count columns
  (:data:`COUNT_COLUMNS`, every ``n_*``) are counts of respondents themselves.

Base = the unweighted number of respondents a number rests on: the ``n`` of an estimate; the count
itself for a count of respondents; the smallest base compared for a difference, test or p-value;
the model's n for a regression's model statistics and continuous terms, and min(respondents with
1, with 0) for a 0/1 term. A count of respondents below ``min_n`` (but not 0) is suppressed like
an estimate.
"""

from __future__ import annotations

import html
import math
import re
from typing import Any

BASE_KINDS: tuple[str, ...] = ("published", "population", "sample", "label", "axis", "meta")
"""What a number on no respondent is: printed in the report; a public population figure; the drawn
sample or the response of schools (the unit is a school, not a person); a label typed in a
declaration (titles, scale legends, 'minder dan 10'); an axis tick; a parameter, tolerance, count
of checks or p threshold."""

SUPPRESSED = "*"

CSV_COLUMN_KINDS: dict[str, str] = {
    # identifiers and coordinates of a row
    "year": "meta",
    "measurement_year": "meta",
    "reference_year": "meta",
    "previous_year": "meta",
    "statement_year": "meta",
    "code": "meta",
    "row": "meta",
    "items": "meta",
    "rank": "meta",
    "tolerance": "meta",
    "min_n": "meta",
    "alpha": "meta",
    # numbers the report prints, and public population figures
    "published": "published",
    "report_difference": "published",
    "published_se": "published",
    "lower": "published",
    "upper": "published",
    "population_percent": "population",
    "n_population": "population",
    "share_population": "population",
    # the drawn sample and the response of schools
    "sample_schools": "sample",
    "responding_schools": "sample",
    "response_rate": "sample",
    "single_respondent_schools": "sample",
    "single_respondent_schoolleider": "sample",
    "base_schools": "sample",
}
"""CSV columns whose numbers rest on no respondent, with their kind (add yours in your own commit:
one line per column, with a comment when the kind is not obvious)."""

COUNT_COLUMNS: frozenset[str] = frozenset(
    {"n", "n_base", "n_sample", "n_respondents", "respondents", "count", "n_reference"}
)
"""CSV columns holding counts of respondents (as does every ``n_<col>``): blank, 0 or >= min_n."""


class Annotated(str):
    """HTML that already carries its annotations (``ReportTable`` does not escape it)."""

    __slots__ = ()


def _int(n: Any) -> int | None:
    try:
        value = float(n)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else int(round(value))


def attrs(n: Any = None, kind: str | None = None, suppressed: bool = False) -> str:
    """The annotation attributes for a hand-built tag: ``' data-n="186"'``,
    ``' data-base="label"'`` or ``' data-suppressed=""'``."""
    if suppressed:
        return ' data-suppressed=""'
    if kind is not None:
        if kind not in BASE_KINDS:
            raise ValueError(f"unknown base kind {kind!r}; one of {', '.join(BASE_KINDS)}")
        return f' data-base="{kind}"'
    value = _int(n)
    if value is None:
        raise ValueError("a number needs its base: pass n (respondents) or kind")
    return f' data-n="{value}"'


def n_span(text: str, n: Any) -> Annotated:
    """``text`` (escaped) with its base of ``n`` respondents."""
    return Annotated(f"<span{attrs(n=n)}>{html.escape(str(text))}</span>")


def kind_span(text: str, kind: str) -> Annotated:
    """``text`` (escaped) marked as resting on no respondent (``kind`` of :data:`BASE_KINDS`)."""
    return Annotated(f"<span{attrs(kind=kind)}>{html.escape(str(text))}</span>")


def suppressed_span(mark: str = SUPPRESSED) -> Annotated:
    return Annotated(f"<span{attrs(suppressed=True)}>{html.escape(mark)}</span>")


def below_min_n(n: Any, min_n: int) -> bool:
    """True when a base of ``n`` respondents may not be shown: 1 <= n < ``min_n``."""
    value = _int(n)
    return value is not None and 0 < value < int(min_n)


def shown(text: str, n: Any, min_n: int) -> Annotated:
    """``text`` with its base, or the suppression mark when the base is 1 to ``min_n`` - 1."""
    if below_min_n(n, min_n):
        return suppressed_span()
    return n_span(text, n)


def count_text(n: Any, min_n: int, fmt=None) -> Annotated:
    """A count of respondents as shown: the count (its own base), 0, or ``*`` below ``min_n``."""
    value = _int(n)
    if value is None:
        return Annotated("–")
    text = fmt(value) if fmt is not None else str(value)
    return shown(text, value, min_n)


# ---------------------------------------------------------------------------- SVG

GID_PREFIX = "wdbase-"
_GID = re.compile(r'id="wdbase-(?:n-(\d+)|([a-z]+))(?:-[0-9]+)?"')
_TICK_GROUP = re.compile(r'<g id="([xy]tick_\d+)">')
_LEGEND_GROUP = re.compile(r'<g id="(legend_\d+)">')


def set_base(artist: Any, n: Any = None, kind: str | None = None) -> Any:
    """Give a matplotlib text artist its base (``n`` respondents or a ``kind``); returns it."""
    if kind is not None:
        attrs(kind=kind)  # validates
        artist.set_gid(f"{GID_PREFIX}{kind}")
    else:
        value = _int(n)
        if value is None:
            raise ValueError("a number needs its base: pass n (respondents) or kind")
        artist.set_gid(f"{GID_PREFIX}n-{value}")
    return artist


def mark_axes(ax: Any, kind: str = "axis") -> None:
    """Tick labels of ``ax`` as ``axis``; its title, axis labels and legend texts as ``label``."""
    for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
        set_base(label, kind=kind)
    for text in (ax.title, ax.xaxis.label, ax.yaxis.label):
        set_base(text, kind="label")
    legend = ax.get_legend()
    if legend is not None:
        for text in legend.get_texts():
            set_base(text, kind="label")


def mark_figure_texts(fig: Any) -> None:
    """Every text of ``fig`` not given a base yet (suptitle, captions) as ``label``."""
    for text in fig.texts:
        if not (text.get_gid() or "").startswith(GID_PREFIX):
            set_base(text, kind="label")
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and not (suptitle.get_gid() or "").startswith(GID_PREFIX):
        set_base(suptitle, kind="label")


def mark_figure(fig: Any) -> None:
    """Titles, axis labels, legends and captions of ``fig`` get their kind (tick labels are marked
    in the SVG, :func:`svg_with_bases`: they are made when the figure is drawn); call after the
    figure is complete (the value labels carry their ``n`` from the figure function)."""
    for ax in fig.axes:
        for text in (ax.title, ax.xaxis.label, ax.yaxis.label):
            set_base(text, kind="label")
        legend = ax.get_legend()
        if legend is not None:
            for text in legend.get_texts():
                set_base(text, kind="label")
    mark_figure_texts(fig)


def render_svg(fig: Any) -> str:
    """The figure as SVG text with its annotations (:func:`mark_figure`, :func:`svg_with_bases`),
    without creation date, from ``<svg`` on."""
    import io

    mark_figure(fig)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    return svg_with_bases(svg[svg.index("<svg") :])


def svg_with_bases(svg: str) -> str:
    """Turn the gids of :func:`set_base` into ``data-n`` / ``data-base`` attributes (the ids go:
    they would repeat)."""

    def replace(m: re.Match[str]) -> str:
        return f'data-n="{m.group(1)}"' if m.group(1) is not None else f'data-base="{m.group(2)}"'

    svg = _TICK_GROUP.sub(r'<g id="\1" data-base="axis">', svg)  # matplotlib's tick groups
    svg = _LEGEND_GROUP.sub(r'<g id="\1" data-base="label">', svg)
    return _GID.sub(replace, svg)


_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """``text`` as a reader sees it: annotation tags removed, entities decoded."""
    return html.unescape(_TAG.sub("", str(text)))
