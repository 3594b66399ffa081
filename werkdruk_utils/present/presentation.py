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

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from werkdruk_utils.present.bases import below_min_n, kind_span
from werkdruk_utils.present.figures import year_bars
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
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
        tests = tests.set_index(keys)
        mask = out["year"] == year
        for idx in out.index[mask]:
            key = tuple(out.loc[idx, k] for k in keys)
            if key in tests.index:
                t = tests.loc[key]
                if isinstance(t, pd.DataFrame):
                    t = t.iloc[0]
                out.loc[
                    idx,
                    ["previous_year", "difference_previous", "p_previous", "significant_previous"],
                ] = [int(previous), t["difference"], t["p"], bool(t["significant"])]
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
    cells: dict[tuple[str, str], object] = {}
    for r, r_label in zip(row_values, display.index, strict=False):
        for c, c_label in zip(col_values, display.columns, strict=False):
            cell = data[(data[rows] == r) & (data[columns] == c)]
            if cell.empty:
                display.loc[r_label, c_label] = "–"
                continue
            first = cell.iloc[0]
            cells[(r_label, c_label)] = cell.index[0]
            if bool(first["suppressed"]):
                display.loc[r_label, c_label] = SUPPRESSED
                any_suppressed = True
                continue
            text = format_estimate(first["estimate"], first["statistic"], decimals)
            bases.loc[r_label, c_label] = int(first["n"])
            if (
                columns == "year"
                and mark_changes
                and bool(first.get("significant_previous", False))
            ):
                text += f" {UP if first['difference_previous'] > 0 else DOWN}"
                any_marked = True
            display.loc[r_label, c_label] = text
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
    shown = {index: labels for labels, index in cells.items()}
    tidy["row_label"] = [shown.get(i, ("", ""))[0] for i in tidy.index]
    tidy["column_label"] = [shown.get(i, ("", ""))[1] for i in tidy.index]
    column_title = "Meting" if columns == "year" else ""
    return ReportTable(table_id, title, display, tidy, all_notes, cells, column_title, bases=bases)


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


def self_check(
    measurement,
    sources: Sequence[str],
    output_dir: Path | None = None,
    notebook: str = "",
    min_n: int = analysis.MIN_N,
) -> ReportTable:
    """Compare every number of ``sources`` this measurement year prints with the recomputed value.

    Writes ``<output_dir>/reproduction/<notebook>.csv`` (merged into ``reproduction.csv`` by the
    build) and returns a table listing the comparisons, those outside tolerance first. The one
    small-cell rule applies (:func:`~werkdruk_utils.stats.suppression.suppress_reproduction`): a
    recomputed value resting on fewer than ``min_n`` respondents shows ``*`` (and so does the
    next-smallest group of its breakdown), with its difference, tolerance verdict and base, in the
    table and in the CSV; the counts in the title are over the shown values.
    """
    from werkdruk_utils.check.reproduce import reproduce

    result = reproduce(measurement, sources=list(sources))
    result = result[result["source_id"].isin(list(sources))].copy()
    result = suppress_reproduction(result, min_n)
    shown = ~result["suppressed"]
    result = result.assign(_order=result["within_tolerance"].where(shown, True).astype(bool))
    result = result.sort_values(["_order", "source_id"], kind="stable").drop(columns="_order")
    shown = ~result["suppressed"]
    if output_dir is not None:
        folder = Path(output_dir) / "reproduction"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{notebook or 'reproduction'}.csv"
        tmp = path.with_suffix(".csv.part")
        extra = ("n", "suppressed", "measurement_year", "tolerance", "rule", "note")
        result[REPRODUCTION_COLUMNS + [c for c in extra if c in result.columns]].to_csv(
            tmp, index=False, lineterminator="\n", float_format="%.6g"
        )
        tmp.replace(path)
    n_within = int(result.loc[shown, "within_tolerance"].astype(bool).sum())
    hidden = int((~shown).sum())
    display = pd.DataFrame(
        {
            "Bron": result["source_id"],
            "Groep": result["group"].astype(str),
            "Categorie": result["category"].astype(str),  # whole: a label is never cut
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
