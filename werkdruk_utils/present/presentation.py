"""Turn tidy results (:mod:`werkdruk_utils.stats.analysis`) into the report's tables and figures,
and
check a notebook's numbers against the published ones.

One rule for every table: cells show the estimate in Dutch format; a cell resting on fewer than
the minimum number of respondents shows :data:`~werkdruk_utils.present.tables.SUPPRESSED`, and when
it is
the only such group of a breakdown, so does the next-smallest group (complementary suppression,
:func:`werkdruk_utils.stats.suppression.apply_complementary_suppression`); figures draw no bar value
for
suppressed cells; the n row shows :data:`~werkdruk_utils.present.tables.SUPPRESSED` for a column
whose cells
are all suppressed; a change
against the previous measurement year is marked only when it is significant (p < 0,05), with
▲ (higher) or ▼ (lower); the last row gives the number of respondents in the base (n).
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path

import pandas as pd

from werkdruk_utils import paths
from werkdruk_utils.present.bases import below_min_n, kind_span
from werkdruk_utils.present.figures import year_bars
from werkdruk_utils.present.formatting import fmt_number, fmt_percent, shown_label
from werkdruk_utils.present.tables import SUPPRESSED, ReportTable
from werkdruk_utils.stats import analysis
from werkdruk_utils.stats.suppression import (
    SUPPRESSION_RULE,
    apply_complementary_suppression,
    suppress_reproduction,
)

UP, DOWN = "▲", "▼"
SIGNIFICANCE_NOTE = (
    "▲/▼: significant hoger/lager dan de vorige meting (p < 0,05); "
    "zonder teken geen significant verschil."
)
SUPPRESSION_NOTE = "{mark}: " + SUPPRESSION_RULE


def format_estimate(value: float, statistic: str, decimals: int | None = None) -> str:
    if statistic == "percent":
        return fmt_percent(value, 1 if decimals is None else decimals)
    return fmt_number(value, 2 if decimals is None else decimals)


def with_previous_year_tests(results: pd.DataFrame) -> pd.DataFrame:
    """Add, per row, the test against the previous measurement year present in ``results``."""
    keys = ["variable", "group_var", "group", "category", "statistic"]
    out = results.copy()
    out["previous_year"] = pd.NA
    out["difference_previous"] = float("nan")
    out["p_previous"] = float("nan")
    out["significant_previous"] = False
    years = sorted(out["year"].unique())
    for year, previous in zip(years[1:], years[:-1], strict=False):
        tests = analysis.year_differences(out[out["year"].isin([previous, year])], year)
        if tests.empty:
            continue
        found: dict[tuple, tuple] = {}
        for t in tests.itertuples(index=False):
            found.setdefault(
                tuple(getattr(t, k) for k in keys), (t.difference, t.p, bool(t.significant))
            )
        mask = out["year"] == year
        keyed = zip(*(out.loc[mask, k] for k in keys), strict=True)
        rows = [
            (idx, found[key])
            for idx, key in zip(out.index[mask], keyed, strict=True)
            if key in found
        ]
        if rows:
            index = [idx for idx, _ in rows]
            out.loc[index, "previous_year"] = [int(previous)] * len(rows)
            out.loc[index, "difference_previous"] = [t[0] for _, t in rows]
            out.loc[index, "p_previous"] = [t[1] for _, t in rows]
            out.loc[index, "significant_previous"] = [t[2] for _, t in rows]
    return out


def results_table(
    results: pd.DataFrame,
    *,
    table_id: str,
    title: str,
    rows: str = "category",
    columns: str = "year",
    row_labels: Mapping[object, str] | None = None,
    column_labels: Mapping[object, str] | None = None,
    row_order: Sequence[object] | None = None,
    column_order: Sequence[object] | None = None,
    decimals: int | None = None,
    min_n: int = analysis.MIN_N,
    notes: Sequence[str] = (),
    mark_changes: bool = True,
    n_label: str = "Aantal respondenten (n)",
) -> ReportTable:
    """A report table from tidy results: ``rows`` x ``columns`` (both result columns).

    With ``columns='year'`` and ``mark_changes`` every cell carries the significance mark of the
    change against the previous year. The tidy data written to CSV keep estimate, SE, interval,
    n, suppression and the test against the previous year.
    """
    results = apply_complementary_suppression(results)
    data = (
        with_previous_year_tests(results)
        if (columns == "year" and mark_changes)
        else results.copy()
    )
    row_values = list(row_order) if row_order is not None else list(dict.fromkeys(data[rows]))
    col_values = (
        list(column_order) if column_order is not None else list(dict.fromkeys(data[columns]))
    )
    display = pd.DataFrame(
        index=[(row_labels or {}).get(r, str(r)) for r in row_values],
        columns=[(column_labels or {}).get(c, str(c)) for c in col_values],
        dtype=object,
    )
    display.index.name = ""
    bases = pd.DataFrame(index=display.index, columns=display.columns, dtype=object)
    any_suppressed = any_marked = False
    located: dict[tuple[str, str], object] = {}  # (row label, column label) -> index of data
    first: dict[tuple, int] = {}
    for position, key in enumerate(zip(data[rows], data[columns], strict=True)):
        first.setdefault(key, position)
    cells = []
    for r, r_label in zip(row_values, display.index, strict=False):
        line = []
        for c, c_label in zip(col_values, display.columns, strict=False):
            if (r, c) not in first:
                line.append("–")
                continue
            cell = data.iloc[first[(r, c)]]
            located[(r_label, c_label)] = data.index[first[(r, c)]]
            if bool(cell["suppressed"]):
                line.append(SUPPRESSED)
                any_suppressed = True
                continue
            text = format_estimate(cell["estimate"], cell["statistic"], decimals)
            bases.loc[r_label, c_label] = int(cell["n"])
            if columns == "year" and mark_changes and bool(cell.get("significant_previous", False)):
                text += f" {UP if cell['difference_previous'] > 0 else DOWN}"
                any_marked = True
            line.append(text)
        cells.append(line)
    display = pd.DataFrame(cells, index=display.index, columns=display.columns, dtype=object)
    display.index.name = ""
    n_row, n_bases = [], []
    for c in col_values:
        in_column = data[columns] == c
        column_n = data.loc[in_column, "n"]
        shown = data.loc[in_column & ~data["suppressed"].fillna(False).astype(bool), "n"]
        if len(column_n) and (not len(shown) or below_min_n(shown.max(), min_n)):
            n_row.append(SUPPRESSED)  # the base of a hidden column is not shown either
            n_bases.append(None)
            any_suppressed = True
        else:
            n_row.append(fmt_number(shown.max(), 0) if len(shown) else "–")
            n_bases.append(int(shown.max()) if len(shown) else None)  # a count: its own base
    display.loc[n_label] = n_row
    bases.loc[n_label] = n_bases
    all_notes = list(notes)
    if columns == "year" and mark_changes and len(col_values) > 1:
        all_notes.append(
            kind_span(
                SIGNIFICANCE_NOTE
                if any_marked
                else "Geen van de verschillen met de vorige meting is significant (p < 0,05).",
                "label",
            )
        )
    if any_suppressed:
        all_notes.append(kind_span(SUPPRESSION_NOTE.format(mark=SUPPRESSED, min_n=min_n), "label"))
    tidy = data.assign(table_id=table_id)
    # The labels the reader sees, for the comparison pages and anyone reading the CSV.
    shown = {index: labels for labels, index in located.items()}
    tidy["row_label"] = [shown.get(i, ("", ""))[0] for i in tidy.index]
    tidy["column_label"] = [shown.get(i, ("", ""))[1] for i in tidy.index]
    column_title = "Meting" if columns == "year" else ""
    return ReportTable(
        table_id, title, display, tidy, all_notes, located, column_title, bases=bases
    )


def results_figure(
    results: pd.DataFrame,
    *,
    title: str,
    category: str = "group",
    labels: Mapping[object, str] | None = None,
    order: Sequence[object] | None = None,
    value_range: tuple[float, float] | None = None,
    caption: str = "",
):
    """Horizontal bars per category with the measurement years as series (house style)."""
    statistic = results["statistic"].iloc[0] if len(results) else "mean"
    results = apply_complementary_suppression(
        results
    )  # suppressed cells have no estimate: no bar value
    frame = results.assign(label=results[category].map(lambda v: (labels or {}).get(v, str(v))))
    if order is not None:
        rank = {(labels or {}).get(v, str(v)): i for i, v in enumerate(order)}
        frame = frame.assign(_rank=frame["label"].map(rank)).sort_values(["_rank", "year"])
    return year_bars(
        frame,
        category="label",
        value="estimate",
        title=title,
        caption=caption,
        value_range=value_range
        if value_range is not None
        else ((0, 100) if statistic == "percent" else None),
        percent=statistic == "percent",
        decimals=1 if statistic == "percent" else 2,
    )


# ----------------------------------------------------------------------------------------------
# self-check against the published numbers

REPRODUCTION_COLUMNS = [
    "source_id",
    "variable",
    "group",
    "category",
    "statistic",
    "published",
    "reproduced",
    "difference",
    "within_tolerance",
    "expected_deviation",
]


COUNT_STATISTICS = frozenset({"n", "count", "max", "stars"})


def _self_check_numbers(result: pd.DataFrame, column: str) -> list[str]:
    """Counts without decimals ('1.214', not '1.214,00'), everything else with two; a suppressed
    row shows the mark (the published value stays: the report prints it)."""
    statistics = result.get("statistic", pd.Series("", index=result.index)).astype(str)
    hidden = result.get("suppressed", pd.Series(False, index=result.index)).astype(bool)
    if column == "published":
        hidden = pd.Series(False, index=result.index)
    return [
        SUPPRESSED if h else fmt_number(v, 0 if s in COUNT_STATISTICS else 2)
        for v, s, h in zip(result[column], statistics, hidden, strict=False)
    ]


def _tolerance_text(within: object, expected: object, suppressed: bool) -> str:
    if suppressed:
        return SUPPRESSED
    if bool(within):
        return "ja"
    return "nee (tegenstrijdig in het rapport)" if expected else "NEE"


def _reproduction(
    measurement, sources: Sequence[str], published: pd.DataFrame | None = None, mapping=None
) -> pd.DataFrame:
    """``reproduce(measurement, sources)``, kept in the disk cache for a loaded measurement: the
    key is the SHA-256 of its input files, the sources, and the fingerprint of the reproduction's
    and the loader's code and reference data (a rebuild after editing a chapter reuses it)."""
    from werkdruk_utils.check.reproduce import reproduce
    from werkdruk_utils.inputs import cache

    compute = partial(reproduce, measurement, published, mapping=mapping, sources=list(sources))
    if not isinstance(getattr(measurement, "sha256", None), str):
        return compute()
    text = repr((measurement.year, measurement.sha256, sorted(sources)))
    code = cache.module_fingerprint("werkdruk_utils.check.reproduce", "werkdruk_utils.inputs.load")
    key = hashlib.sha256(f"{text}\0{code}".encode()).hexdigest()
    return cache.memoize("reproduction", key, compute)


def self_check(
    measurement,
    sources: Sequence[str],
    output_dir: Path | None = None,
    notebook: str = "",
    items: Mapping | None = None,
    data=None,
    *,
    min_n: int = analysis.MIN_N,
) -> ReportTable:
    """Compare every number of ``sources`` this measurement year prints with the page's value.

    The page's value is the declared result of the item (``items``, the chapter's registry)
    where a declaration covers the number (:func:`werkdruk_utils.declare.selfcheck.compare`),
    otherwise the independent recomputation. Writes ``<output_dir>/reproduction/<notebook>.csv``
    (merged into ``reproduction.csv`` by the build) and returns a table listing the comparisons,
    those outside tolerance first. With ``data`` (a :class:`werkdruk_utils.declare.estimates.Data`)
    the independent recomputation is kept with the declared results. The one small-cell rule
    applies (:func:`~werkdruk_utils.stats.suppression.suppress_reproduction`): a value resting on
    fewer than ``min_n`` respondents shows ``*`` (and so does the next-smallest group of its
    breakdown), with its difference, tolerance verdict and base, in the table and in the CSV; the
    counts in the title are over the shown values.
    """
    from werkdruk_utils.declare.selfcheck import compare, reference

    published, mapping = reference()
    recomputed = partial(_reproduction, measurement, sources, published, mapping)
    result = (
        data.stored(("self-check", tuple(sources)), measurement.year, recomputed)
        if data
        else recomputed()
    )
    result = result[result["source_id"].isin(list(sources))].copy()
    if items:
        result = compare(result, items, published)
    result = suppress_reproduction(result, min_n)
    shown = ~result["suppressed"]
    result = result.assign(_order=result["within_tolerance"].where(shown, True).astype(bool))
    result = result.sort_values(["_order", "source_id"], kind="stable").drop(columns="_order")
    shown = ~result["suppressed"]
    if output_dir is not None:
        folder = Path(output_dir) / "reproduction"
        folder.mkdir(parents=True, exist_ok=True)
        extra = ("n", "suppressed", "measurement_year", "tolerance", "rule", "note")
        text = result[REPRODUCTION_COLUMNS + [c for c in extra if c in result.columns]].to_csv(
            index=False, lineterminator="\n", float_format="%.6g"
        )
        paths.write_atomic(folder / f"{notebook or 'reproduction'}.csv", text)
    n_within = int(result.loc[shown, "within_tolerance"].astype(bool).sum())
    hidden = int((~shown).sum())
    display = pd.DataFrame(
        {
            "Bron": result["source_id"],
            "Groep": result["group"].astype(str),
            # whole: a label is never cut
            "Categorie": result["category"].astype(str).map(shown_label),
            "Gepubliceerd": _self_check_numbers(result, "published"),
            "Gereproduceerd": _self_check_numbers(result, "reproduced"),
            "Verschil": _self_check_numbers(result, "difference"),
            "Binnen tolerantie": [
                _tolerance_text(v, d, h)
                for v, d, h in zip(
                    result["within_tolerance"],
                    result["expected_deviation"],
                    result["suppressed"],
                    strict=False,
                )
            ],
            # The note explains a miss; a row within tolerance needs none.
            "Toelichting": result["note"]
            .fillna("")
            .astype(str)
            .where(
                ~result["within_tolerance"].astype(bool)
                | result["expected_deviation"].astype(bool),
                "",
            ),
        }
    ).set_index("Bron")
    n_base = [
        None if h else int(n) for n, h in zip(result["n"], result["suppressed"], strict=False)
    ]
    bases = pd.DataFrame(
        {
            "Groep": "label",
            "Categorie": "label",
            "Gepubliceerd": "published",
            "Gereproduceerd": n_base,
            "Verschil": n_base,
            "Binnen tolerantie": "label",
            "Toelichting": "label",
        },
        index=display.index,
        dtype=object,
    )
    title = (
        f"Controle: {n_within} van {int(shown.sum())} gepubliceerde cijfers van meting "
        f"{measurement.year} binnen de tolerantie"
    )
    notes = [
        kind_span(
            "Tolerantie: percentages ±1 procentpunt, gemiddelden ±0,02 schaalpunt; "
            "regressiecoëfficiënten binnen één gepubliceerde SE en met hetzelfde teken, hun SE "
            "binnen ±30%, sterren gelijk.",
            "label",
        )
    ]
    if hidden:
        notes.append(
            kind_span(
                f"{hidden} herberekende cijfers niet getoond ({SUPPRESSED}): "
                + SUPPRESSION_RULE.format(min_n=min_n),
                "meta",
            )
        )
    if result.empty:
        notes = [
            kind_span(
                "Het rapport publiceert voor deze bronnen geen cijfers van meting "
                f"{measurement.year}.",
                "label",
            )
        ]
    return ReportTable("Controle", title, display, result, notes, bases=bases)


FAILURES_SHOWN = 12
"""Failures listed per count on the page (all of them are in the CSVs)."""


def self_check_summary(summary, beyond: str = "") -> str:
    """The three counts of a page's self-check as HTML: green only when all three hold (every
    failure a documented contradiction in the report), each count with its failures and why."""
    state = "in orde" if summary.green else "niet in orde"
    parts = [
        f'<div class="werkdruk-check {"check-green" if summary.green else "check-red"}">',
        f"<p><strong>Zelfcontrole van deze pagina: {state}.</strong></p>",
        "<ul>",
    ]
    for count in summary.counts:
        mark = "✓" if count.holds else "✗"
        parts.append(f"<li>{mark} {html.escape(count.sentence())}")
        failures = count.failures.head(FAILURES_SHOWN)
        if len(failures):
            lines = []
            for row in failures.itertuples(index=False):
                what = " · ".join(
                    shown_label(str(getattr(row, c)))
                    for c in ("source_id", "group", "category", "claim_id")
                    if hasattr(row, c) and str(getattr(row, c)) not in ("", "nan", "None")
                )
                why = (
                    getattr(row, "reason", "")
                    or getattr(row, "note", "")
                    or getattr(row, "status", "")
                )
                documented = " (tegenstrijdig in het rapport)" if row.documented else ""
                lines.append(f"<li>{html.escape(what)}: {html.escape(str(why))}{documented}</li>")
            more = len(count.failures) - len(failures)
            if more > 0:
                lines.append(f"<li>en nog {more} (zie de CSV)</li>")
            parts.append("<ul>" + "".join(lines) + "</ul>")
        parts.append("</li>")
    parts.append("</ul>")
    if beyond:
        parts.append(f'<p class="table-note">{html.escape(beyond)}</p>')
    parts.append("</div>")
    return "\n".join(parts)
