"""The presentation of a declared result: a report table or a figure, its title, the order of
its rows and columns and its notes.

A notebook cell declares the presentation with keyword arguments of ``chapter.table(...)`` /
``chapter.figure(...)``; this module turns them into a
:class:`~werkdruk_utils.present.tables.ReportTable` (:func:`make_table`) or a figure
(:func:`make_figure`), with the house rules of :mod:`werkdruk_utils.present.presentation`
(suppression, significance marks, the n row).

Titles may name the school years of the run's measurement: ``{current}``, ``{evaluated}``,
``{decision}`` (the codebook's school years of the measurement) and ``{year}``. Notes are Dutch
strings or functions of the result returning one (or a list of) strings, for notes whose
numbers come from the data.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

from werkdruk_utils.declare.estimates import POPULATIONS, Result
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.present import figures
from werkdruk_utils.present.findings import change_findings, paragraph
from werkdruk_utils.present.formatting import fmt_number
from werkdruk_utils.present.presentation import results_figure, results_table
from werkdruk_utils.present.tables import ReportTable
from werkdruk_utils.stats import analysis, breakdowns

Note = str | Callable[[Any], str | Sequence[str]]


def title_text(template: str, run_year: int) -> str:
    """``template`` with ``{year}`` and the school years of measurement ``run_year`` filled in."""
    years = load_codebook().school_years(run_year)
    values = {k: v for k, v in years.items() if isinstance(v, str)}
    return template.format_map({**values, "year": run_year})


def changes_text(
    result: Result,
    *cases: tuple[str, str | None, str | None] | tuple[str, str | None] | tuple[str],
    earlier_values: bool = True,
) -> str:
    """Sentences on a declared result in the report's register, as one paragraph with one fold of
    tests and bases: per case ``(subject, category, group)`` the run year's value and how it
    compares with every earlier year (:func:`~werkdruk_utils.present.findings.change_findings`;
    category and group may be left out, a category may be a part of its label). A subject may
    name the measurement's school years as a title does ('… in schooljaar {evaluated} …').
    ``earlier_values=False`` beside a table of the run year only: earlier values in the fold.
    """
    cases = tuple((title_text(case[0], result.run_year), *case[1:]) for case in cases)
    findings = change_findings(result.frame, result.run_year, *cases, earlier_values=earlier_values)
    return paragraph(findings)


def grouping_notes(result: Result) -> list[str]:
    """How the groups of ``result`` are formed, where the report does not print it: for
    ``by="achterstand"`` the tertiles of the sampled bao schools' achterstandsscore with their cut
    points per measurement (:func:`werkdruk_utils.stats.breakdowns.achterstand_cut_points`); no
    note for the other groupings."""
    if result.declaration.by != "achterstand":
        return []
    cuts = []
    for year, m in sorted(result.data.measurements.items()):
        low, high = breakdowns.achterstand_cut_points(m.schools)
        cuts.append(f"{year}: laag ≤ {fmt_number(low, 4)} < midden ≤ {fmt_number(high, 4)} < hoog")
    return [
        "Achterstandsscore categorie: tertielen van de achterstandsscore van de bao-scholen in de "
        f"steekproef van elke meting (het rapport drukt de indeling niet af); {'; '.join(cuts)}. "
        "Scholen in het gespecialiseerd onderwijs (go) hebben geen achterstandsscore en tellen "
        "hier niet mee."
    ]


def note_texts(notes: Sequence[Note], subject: Any) -> list[str]:
    """The notes as strings; a callable note is called with ``subject`` (the result)."""
    out: list[str] = []
    for note in notes:
        value = note(subject) if callable(note) else note
        out += [value] if isinstance(value, str) else list(value)
    return out


def shown_frame(result: Result | pd.DataFrame, show_years: str) -> pd.DataFrame:
    frame = result.frame if isinstance(result, Result) else result
    if show_years == "run" and isinstance(result, Result):
        return frame[frame["year"] == result.run_year]
    return frame


def population_counts(result: Result, columns: str, labels: Mapping | None) -> dict[str, int]:
    """Respondents of the estimate's population per column of a table: per group of the run year
    (``columns='group'``) or per measurement year (``columns='year'``), as the report's 'Totaal N'.
    """
    declaration = result.declaration
    code = POPULATIONS[declaration.populations[0]][0]
    counts: dict[str, int] = {}
    for year in result.years if columns == "year" else [result.run_year]:
        frame = result.data.frame(year, declaration.by == "achterstand")
        design = analysis.design_for(frame, code, "none")
        members = design.frame[design.population]
        if columns == "year":
            counts[str(year)] = int(len(members))
        elif declaration.by is None:
            counts[(labels or {}).get("totaal", "totaal")] = int(len(members))
        else:
            for level in declaration.group_levels or []:
                label = (labels or {}).get(level, str(level))
                counts[label] = int((members[declaration.column] == level).sum())
    return counts


def _series(frame: pd.DataFrame) -> tuple[pd.DataFrame, list]:
    """``frame`` with a column ``series`` ('Schoolleiders 2022') and the series in order: the
    groups as they come, each with its years ascending."""
    frame = frame.assign(series=frame["group"] + " " + frame["year"].astype(str))
    rank = {g: i for i, g in enumerate(dict.fromkeys(frame["group"]))}
    ordered = frame.assign(_rank=frame["group"].map(rank)).sort_values(
        ["_rank", "year"], kind="stable"
    )
    return frame, list(dict.fromkeys(ordered["series"]))


def _sorted_rows(frame: pd.DataFrame, rows: str, columns: str, order: list) -> list:
    """Row values sorted by their estimate in the last column, highest first (ties: as found)."""
    last = frame[frame[columns] == order[-1]]
    return list(dict.fromkeys(last.sort_values("estimate", ascending=False, kind="stable")[rows]))


def make_table(
    result: Result | pd.DataFrame,
    *,
    table_id: str,
    title: str,
    run_year: int,
    min_n: int,
    rows: str = "category",
    columns: str = "year",
    show_years: str = "all",
    row_labels: Mapping | Callable | None = None,
    column_labels: Mapping | None = None,
    row_order: Sequence | None = None,
    column_order: Sequence | None = None,
    sort_rows: bool = False,
    decimals: int | None = None,
    notes: Sequence[Note] = (),
    mark_changes: bool = True,
    n_label: str = "Aantal respondenten (n)",
    total_row: str | None = None,
) -> ReportTable:
    """A report table of a declared result (rules of
    :func:`~werkdruk_utils.present.presentation.results_table`).

    ``show_years``: ``"all"`` or ``"run"`` (only the run's measurement). ``sort_rows``: rows in
    descending order of the last column's estimate. ``total_row``: the label of a last row that
    gives, instead of the largest base, the number of respondents of the population per column
    (the report's 'Totaal N').
    """
    frame = shown_frame(result, show_years)
    if columns == "series":
        frame, series = _series(frame)
        column_order = series if column_order is None else column_order
    if sort_rows:
        order = list(column_order or dict.fromkeys(frame[columns]))
        row_order = _sorted_rows(frame, rows, columns, order)
    subject = result
    labels = row_labels(subject) if callable(row_labels) else row_labels
    table = results_table(
        frame,
        table_id=table_id,
        title=title_text(title, run_year),
        rows=rows,
        columns=columns,
        row_labels=labels,
        column_labels=column_labels,
        row_order=row_order,
        column_order=column_order,
        decimals=decimals,
        min_n=min_n,
        notes=note_texts(notes, subject),
        mark_changes=mark_changes,
        n_label=n_label,
    )
    if total_row is not None and isinstance(result, Result):
        counts = population_counts(result, columns, column_labels)
        display = table.display.iloc[:-1].copy()
        display.loc[total_row] = [
            fmt_number(counts[c], 0) if c in counts else "–" for c in display.columns
        ]
        table = ReportTable(table.table_id, table.title, display, table.data, table.notes)
    return table


WRAP = 32
"""Row labels of a figure wrap at this many characters."""


def _scale_range(result: Result | pd.DataFrame) -> tuple[float, float] | None:
    """The axis of a figure of scale means: the scale's range (1-4, 1-3)."""
    if not isinstance(result, Result):
        return None
    scales = {getattr(m, "scale", None) for m in result.declaration.measures}
    if len(scales) != 1 or None in scales or result.frame["statistic"].iloc[0] != "mean":
        return None
    scale = load_codebook().scales[scales.pop()]
    return float(scale.minimum), float(scale.maximum)


def make_figure(
    result: Result | pd.DataFrame,
    *,
    kind: str,
    title: str,
    run_year: int,
    rows: str = "group",
    show_years: str = "all",
    labels: Mapping | Callable | None = None,
    order: Sequence | None = None,
    series_labels: Mapping | None = None,
    series_order: Sequence | None = None,
    value_range: tuple[float, float] | None = None,
    caption: str = "",
    unpublished: Mapping[str, Sequence[int]] | None = None,
    **style: Any,
):
    """A figure of a declared result: ``kind`` ``"years"`` (bars per row, the years as series),
    ``"groups"`` (bars per row, the groups as series), ``"stacked"`` (one bar per row, the
    answers stacked to 100%) or ``"trend"`` (one line per row over the whole period, see
    :func:`trend_figure`; ``unpublished``: per source, the years the report shows without a
    value)."""
    if kind == "trend":
        return trend_figure(
            result,
            title=title,
            run_year=run_year,
            rows=rows,
            unpublished=unpublished or {},
            caption=caption,
        )
    frame = shown_frame(result, show_years)
    title = title_text(title, run_year)
    caption = title_text(caption, run_year)
    labels = labels(result) if callable(labels) else labels
    if kind == "years":
        names = {v: (labels or {}).get(v, str(v)) for v in dict.fromkeys(frame[rows])}
        return results_figure(
            frame,
            title=title,
            category=rows,
            labels={v: textwrap.fill(name, WRAP) for v, name in names.items()},
            order=order,
            value_range=value_range if value_range is not None else _scale_range(result),
            caption=caption,
        )
    if kind == "groups":
        plotted = frame.assign(
            _series=frame["group"].map(lambda g: (series_labels or {}).get(g, g))
        )
        return figures.grouped_bars(
            plotted,
            category=rows,
            series="_series",
            value="estimate",
            series_order=[(series_labels or {}).get(s, s) for s in series_order or []] or None,
            title=title,
            caption=caption,
        )
    if kind == "stacked":
        if rows == "series":
            frame, order = _series(frame)
        plotted = frame.assign(_row=frame[rows].map(lambda r: (labels or {}).get(r, r)))
        return figures.stacked_bars(
            plotted,
            row="_row",
            segment="category",
            value="estimate",
            row_order=[(labels or {}).get(r, r) for r in order] if order is not None else None,
            segment_order=list(dict.fromkeys(frame["category"])),
            title=title,
            caption=caption,
            **style,
        )
    raise ValueError(f"unknown figure kind {kind!r}; expected 'years', 'groups' or 'stacked'")


def trend_period(years: Sequence[int], unpublished: Mapping[str, Sequence[int]]) -> tuple[int, int]:
    """The period a trend figure spans: from the first year of the measurements or of the
    ``unpublished`` historical years to the last measurement."""
    history = [int(y) for ys in unpublished.values() for y in ys]
    return min([*map(int, years), *history]), max(map(int, years))


def trend_figure(
    result: Result,
    *,
    title: str,
    run_year: int,
    rows: str = "category",
    unpublished: Mapping[str, Sequence[int]],
    caption: str = "",
):
    """Figuren 5.1-5.4: one line per ``rows`` value (an indicator) over the whole period with
    every measurement year of the run (suppressed cells are gaps), and the historical years the
    report shows without printing a value marked as such
    (:func:`werkdruk_utils.present.figures.trend_lines`)."""
    frame = result.frame.assign(
        estimate=result.frame["estimate"].where(~result.frame["suppressed"].astype(bool))
    )
    return figures.trend_lines(
        frame,
        x="year",
        series=rows,
        value="estimate",
        title=title_text(title, run_year),
        period=trend_period(result.years, unpublished),
        unpublished=unpublished,
        caption=title_text(caption, run_year),
        decimals=1,
        indicators=True,
    )
