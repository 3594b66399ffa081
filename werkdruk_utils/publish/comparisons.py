"""Year-over-year comparison pages: one chapter notebook, two measurement years, side by side.

``python -m werkdruk_utils.publish.comparisons --out outputs --notebook 03_proces --years 2023
2024``

writes ``<out>/diff/03_proces_2023_2024.html`` (every table of both years side by side with the
difference and whether it is significant, the figures side by side) and
``<out>/diff/03_proces_2023_2024.txt`` (a plain-text diff of the table CSVs: aligned columns,
one changed number per line).

What a page compares
    The tables a notebook shows are read from its HTML page (``<figure class="report-table"
    id="<slug>">``), their data from ``<out>/<year>/tables/<slug>.csv``. When a CSV has a
    ``year`` column that holds the measurement's own year, only those rows are compared (the
    measurement's own numbers; earlier years in the same file are recomputations of the other
    page); otherwise every row is compared and ``year`` is part of the row label. Rows are matched
    on their label columns (every non-numeric column, plus ``code``, ``item`` and similar
    identifiers); a label naming the measurement's own year ('Schoolleiders 2024') reads
    '[meting]' so that it matches the other year's.

Significance
    For tidy estimates (columns ``estimate``, ``se``, ``df``) the difference is tested as
    independent samples with :func:`werkdruk_utils.stats.analysis.year_differences`; other numbers
    are
    compared without a test. A cell suppressed (fewer than the minimum number of respondents) in
    either year stays suppressed and gets no difference.

Output is deterministic: no dates, rows in the order of the later year's table.
"""

from __future__ import annotations

import argparse
import html
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from werkdruk_utils import paths
from werkdruk_utils.present.formatting import fmt_number, fmt_signed
from werkdruk_utils.present.tables import SUPPRESSED
from werkdruk_utils.stats import analysis

DIFF_DIR = "diff"
# Columns that describe or repeat a number rather than identify a row or carry one.
DESCRIPTIVE_COLUMNS = frozenset(
    {
        "table_id",
        "source",
        "population_source",
        "note",
        "stars",
        "previous_year",
        "difference_previous",
        "p_previous",
        "significant_previous",
        "row_label",
        "column_label",
        "label",
    }
)
# Key columns that identify a row for matching but mean nothing to a reader.
TECHNICAL_KEYS = frozenset(
    {"variable", "group_var", "statistic", "code", "item", "key", "section", "outcome", "term"}
)
# Names of the numbers a table CSV carries, as a reader knows them.
MEASURE_LABELS = {
    "B": "B",
    "SE": "SE",
    "p": "p",
    "Beta": "Bèta",
    "adj_r2": "Aangepaste R²",
    "n_sample": "Aantal in steekproef",
    "share_sample": "Percentage in steekproef",
    "n_population": "Aantal in populatie",
    "share_population": "Percentage in populatie",
    "weight": "Weegfactor",
    "weighted_cases": "Gewogen cases",
    "percent": "Percentage",
    "sample_schools": "Scholen in steekproef",
    "responding_schools": "Scholen met respons",
    "response_rate": "Responspercentage",
    "respondents": "Respondenten",
    "mean_per_school": "Gemiddeld per school",
    "median_per_school": "Mediaan per school",
    "max_per_school": "Maximum per school",
    "single_respondent_schools": "Scholen met één respondent",
    "single_respondent_schoolleider": "waarvan de schoolleider",
    "difference": "Verschil",
    "reference_estimate": "Vergelijkingswaarde",
    "report_difference": "Verschil volgens het rapport",
    "value": "Waarde",
    "alpha": "Cronbachs alfa",
}
# Numeric columns that identify a row (answer codes, reference years) rather than carry a number.
IDENTIFIER_COLUMNS = frozenset(
    {"code", "item", "reference_year", "statement_year", "school_year", "year"}
)
# Inputs of the significance test, not shown as numbers of their own.
TEST_INPUTS = ("se", "ci_low", "ci_high", "df")
YEAR_PLACEHOLDER = "[meting]"
SCHOOL_YEAR_PLACEHOLDER = "[schooljaar]"
ONLY_A, ONLY_B, BOTH = "alleen_a", "alleen_b", "beide"

_TABLE_ID = re.compile(r'data-table="([^"]+)"')
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


# ----------------------------------------------------------------------------------------------
# reading the built pages


def table_slugs(page: str) -> list[str]:
    """The ids of the report tables on an HTML page, in page order, each once."""
    return list(dict.fromkeys(_TABLE_ID.findall(page)))


_CAPTION = re.compile(r'data-table="([^"]+)"[^>]*>\s*<(figcaption|summary)>(.*?)</\2>', re.DOTALL)


def table_captions(page: str) -> dict[str, str]:
    """The caption the reader sees of every table on a page, by its id ('Tabel 3.1 Hoe …');
    a figure's table by its figure ('Figuur 2.2')."""
    out = {}
    for slug, kind, caption in _CAPTION.findall(page):
        text = html.unescape(_TAG.sub("", caption)).strip()
        if kind == "summary":
            text = re.sub(r"^Cijfers bij (\S+ \S+?):.*$", r"\1", text)
        out.setdefault(slug, text)
    return out


_FIGURE = re.compile(r'<figure class="report-figure".*?</figure>', re.DOTALL)


def extract_svgs(page: str) -> list[str]:
    """Every figure of an HTML page (with its caption and note when it has them, else the bare
    inline SVG), in page order."""
    figures = _FIGURE.findall(page)
    if figures:
        return figures
    return _SVG.findall(page)


def section_outline(page: str) -> list[str]:
    """The structure of a page: its headings (level and text without the anchor link), the ids of
    its report tables and a marker per figure, in page order. Two years of one notebook must give
    the same outline for a plain ``diff`` of their HTML to line up."""
    events: list[tuple[int, str]] = []
    for match in _HEADING.finditer(page):
        text = html.unescape(_TAG.sub("", match.group(2))).replace("¶", "").strip()
        events.append((match.start(), f"h{match.group(1)} {text}"))
    events += [(m.start(), f"table {m.group(1)}") for m in _TABLE_ID.finditer(page)]
    events += [(m.start(), "figure") for m in _SVG.finditer(page)]
    return [label for _, label in sorted(events)]


def year_pairs(years: list[int] | tuple[int, ...]) -> list[tuple[int, int]]:
    """Consecutive measurement years, plus the first against the last when there are more than
    two."""
    ordered = sorted(set(int(y) for y in years))
    pairs = list(zip(ordered[:-1], ordered[1:], strict=False))
    if len(ordered) > 2:
        pairs.append((ordered[0], ordered[-1]))
    return pairs


# ----------------------------------------------------------------------------------------------
# one table, one year, in long form


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _numeric_columns(raw: pd.DataFrame) -> list[str]:
    return [
        c
        for c in raw.columns
        if raw[c].ne("").any() and raw[c][raw[c].ne("")].map(_is_number).all()
    ]


def _as_float(text: str) -> float:
    return float(text) if text not in ("", None) else math.nan


def _is_true(text: str) -> bool:
    return str(text).strip().lower() in {"true", "1", "ja", "yes"}


class _OwnYear:
    """Replaces what names the measurement itself in a label: its year ('Schoolleiders 2024') by
    [meting], the school year it ends ('2023-2024') by [schooljaar]."""

    def __init__(self, year: int) -> None:
        self.school_year = re.compile(rf"(?<!\d){year - 1}-{year}(?!\d)")
        self.year = re.compile(rf"(?<![\d/-]){year}(?![\d/-])")

    def sub(self, replacement: str, text: str) -> str:
        text = self.school_year.sub(SCHOOL_YEAR_PLACEHOLDER, text)
        return self.year.sub(replacement, text)


def _human_label(record: dict, keys: list[str], own_year: _OwnYear) -> str:
    """The row as a reader knows it: the label shown in the table when the CSV carries it
    (``row_label``, plus ``column_label`` unless it is the year), else ``label``, else the
    non-technical key values ('bao', 'Ja')."""

    def clean(value: object) -> str:
        return own_year.sub(YEAR_PLACEHOLDER, str(value)).strip()

    row_label = clean(record.get("row_label", "") or "")
    if row_label:
        column = clean(record.get("column_label", "") or "")
        placeholders = (YEAR_PLACEHOLDER, SCHOOL_YEAR_PLACEHOLDER)
        shown = [row_label] + ([column] if column and column not in placeholders else [])
        return " · ".join(shown)
    if str(record.get("label", "") or "").strip():
        return clean(record["label"])
    values = [
        clean(record[k])
        for k in keys
        if k not in TECHNICAL_KEYS and k != "year" and str(record[k]) not in ("", "totaal")
    ]
    shown = [
        v
        for v in values
        if v not in (YEAR_PLACEHOLDER, SCHOOL_YEAR_PLACEHOLDER)
        and not re.fullmatch(r"[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+", v)  # a key, not a label
    ]
    return " · ".join(shown)


def long_form(raw: pd.DataFrame, year: int) -> pd.DataFrame:
    """One table's CSV of one measurement year (all columns read as text) as one row per number.

    Columns: ``key`` (tuple of the identifying values, for matching), ``label`` (the row as the
    reader knows it), ``measure``, ``text`` (the number as written in the CSV), ``value``,
    ``suppressed``, ``statistic``, the test inputs ``se``, ``ci_low``, ``ci_high``, ``df`` and
    ``n``: the base of the number, in its own column rather than a row of its own.
    """
    raw = raw.fillna("")
    if "year" in raw.columns and raw["year"].eq(str(year)).any():
        raw = raw[raw["year"] == str(year)].drop(columns="year")
    numeric = set(_numeric_columns(raw))
    standard = {"estimate", "se", "df"} <= set(raw.columns)
    blank = {c for c in raw.columns if raw[c].eq("").all()}
    keys = [
        c
        for c in raw.columns
        if c not in DESCRIPTIVE_COLUMNS
        and c != "suppressed"
        and c not in blank
        and c not in TEST_INPUTS
        and c != "n"
        and (c not in numeric or c in IDENTIFIER_COLUMNS)
    ]
    if not keys and "label" in raw.columns:
        keys = ["label"]
    measures = [
        c
        for c in raw.columns
        if c in numeric
        and c not in keys
        and c != "n"
        and c not in DESCRIPTIVE_COLUMNS
        and not (standard and c in TEST_INPUTS)
    ]
    if standard:  # the estimate first
        measures = ["estimate"] + [m for m in measures if m != "estimate"]
    own_year = _OwnYear(year)
    rows = []
    occurrences: dict[tuple, int] = {}
    for record in raw.to_dict("records"):
        # A label naming the measurement's own year ('Schoolleiders 2024') names the measurement.
        key = tuple(
            own_year.sub(YEAR_PLACEHOLDER, str(record[k])) if k != "year" else str(record[k])
            for k in keys
        )
        occurrences[key] = occurrences.get(key, -1) + 1
        if occurrences[key]:  # a repeated label: keep the rows apart by their order
            key = key + (f"#{occurrences[key] + 1}",)
        suppressed = _is_true(record.get("suppressed", ""))
        label = _human_label(record, keys, own_year) or " · ".join(v for v in key if v != "")
        for measure in measures:
            rows.append(
                {
                    "key": key,
                    "label": label or "(geen label)",
                    "measure": measure,
                    "text": SUPPRESSED if suppressed else str(record[measure]),
                    "value": math.nan if suppressed else _as_float(record[measure]),
                    "suppressed": suppressed,
                    "statistic": str(record.get("statistic", "")),
                    "testable": standard and measure == "estimate" and not suppressed,
                    **{k: _as_float(record.get(k, "")) for k in TEST_INPUTS},
                    "n": math.nan if suppressed else _as_float(record.get("n", "")),
                }
            )
    columns = [
        "key",
        "label",
        "measure",
        "text",
        "value",
        "suppressed",
        "statistic",
        "testable",
        *TEST_INPUTS,
        "n",
    ]
    return pd.DataFrame(rows, columns=columns)


def read_table(path: Path, year: int) -> pd.DataFrame:
    """:func:`long_form` of a table CSV; an absent file gives an empty frame."""
    if not Path(path).exists():
        return long_form(pd.DataFrame(), year)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    return long_form(raw, year)


# ----------------------------------------------------------------------------------------------
# comparing two years


def _tests(
    a: pd.DataFrame, b: pd.DataFrame, year_a: int, year_b: int
) -> dict[tuple, tuple[float, bool]]:
    """p-value and significance per (key, measure) for the testable estimates of both years."""

    def frame(side: pd.DataFrame, year: int) -> pd.DataFrame:
        side = side.loc[side["testable"].astype(bool)]
        ok = side[["value", "se", "df", "n"]].notna().all(axis=1)
        side = side.loc[ok.astype(bool)]
        return pd.DataFrame(
            {
                "variable": [
                    repr((k, m)) for k, m in zip(side["key"], side["measure"], strict=False)
                ],
                "group_var": "",
                "group": "",
                "category": "",
                "statistic": "",
                "year": year,
                "estimate": side["value"],
                "se": side["se"],
                "ci_low": side["ci_low"],
                "ci_high": side["ci_high"],
                "n": side["n"].astype(int),
                "df": side["df"].astype(int),
                "suppressed": False,
            }
        )

    stacked = pd.concat([frame(a, year_a), frame(b, year_b)], ignore_index=True)
    if stacked.empty:
        return {}
    tests = analysis.year_differences(stacked, year_b)
    return {t.variable: (float(t.p), bool(t.significant)) for t in tests.itertuples(index=False)}


def compare(a: pd.DataFrame, b: pd.DataFrame, year_a: int, year_b: int) -> pd.DataFrame:
    """Match the long forms of one table in two years.

    Columns: label, measure, statistic, text_a, text_b, value_a, value_b, difference (b - a, only
    when both sides have a number), p, significant, tested, status (``beide``, ``alleen_a``,
    ``alleen_b``), changed. Order: the later year's rows, then rows found only in the earlier year.
    """
    index_a = {(k, m): i for i, (k, m) in enumerate(zip(a["key"], a["measure"], strict=False))}
    index_b = {(k, m): i for i, (k, m) in enumerate(zip(b["key"], b["measure"], strict=False))}
    order = list(index_b) + [km for km in index_a if km not in index_b]
    tests = _tests(a, b, year_a, year_b)
    rows = []
    for key, measure in order:
        ra = a.iloc[index_a[(key, measure)]] if (key, measure) in index_a else None
        rb = b.iloc[index_b[(key, measure)]] if (key, measure) in index_b else None
        first = rb if rb is not None else ra
        value_a = ra["value"] if ra is not None else math.nan
        value_b = rb["value"] if rb is not None else math.nan
        difference = (
            value_b - value_a if not (math.isnan(value_a) or math.isnan(value_b)) else math.nan
        )
        p, significant = tests.get(repr((key, measure)), (math.nan, False))
        tested = repr((key, measure)) in tests and not math.isnan(difference)
        text_a = ra["text"] if ra is not None else ""
        text_b = rb["text"] if rb is not None else ""
        status = BOTH if ra is not None and rb is not None else (ONLY_A if rb is None else ONLY_B)
        rows.append(
            {
                "label": first["label"],
                "measure": measure,
                "statistic": first["statistic"],
                "text_a": text_a,
                "text_b": text_b,
                "value_a": value_a,
                "value_b": value_b,
                "n_a": ra["n"] if ra is not None else math.nan,
                "n_b": rb["n"] if rb is not None else math.nan,
                "difference": difference,
                "p": p if tested else math.nan,
                "significant": significant and tested,
                "tested": tested,
                "status": status,
                "changed": status != BOTH or text_a != text_b,
            }
        )
    columns = [
        "label",
        "measure",
        "statistic",
        "text_a",
        "text_b",
        "value_a",
        "value_b",
        "n_a",
        "n_b",
        "difference",
        "p",
        "significant",
        "tested",
        "status",
        "changed",
    ]
    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True)
class TableDiff:
    slug: str
    caption: str
    rows: pd.DataFrame
    number: str = ""


def _caption(*paths_: Path) -> str:
    for path in paths_:
        if path.exists():
            head = pd.read_csv(path, dtype=str, keep_default_na=False, nrows=1)
            if "table_id" in head.columns and len(head):
                return str(head["table_id"].iloc[0])
    return ""


@dataclass(frozen=True)
class NotebookDiff:
    notebook: str
    year_a: int
    year_b: int
    tables: list[TableDiff]
    figures_a: list[str]
    figures_b: list[str]
    synthetic: bool


def notebook_diff(out_dir: Path, notebook: str, year_a: int, year_b: int) -> NotebookDiff:
    """Compare every table and figure of ``notebook`` between two built measurement years."""
    out_dir = Path(out_dir)
    pages = {}
    for year in (year_a, year_b):
        page_path = out_dir / str(year) / f"{notebook}.html"
        if not page_path.exists():
            raise FileNotFoundError(
                f'{page_path} ontbreekt: bouw eerst de notebooks (make notebooks YEARS="{year_a} '
                f'{year_b}")'
            )
        pages[year] = page_path.read_text(encoding="utf-8")
    slugs = table_slugs(pages[year_b]) + [
        s for s in table_slugs(pages[year_a]) if s not in table_slugs(pages[year_b])
    ]
    captions = {**table_captions(pages[year_a]), **table_captions(pages[year_b])}
    tables = []
    for slug in slugs:
        csv_a = out_dir / str(year_a) / "tables" / f"{slug}.csv"
        csv_b = out_dir / str(year_b) / "tables" / f"{slug}.csv"
        if not (csv_a.exists() or csv_b.exists()):
            continue  # a table shown without data of its own (the self-check)
        rows = compare(read_table(csv_a, year_a), read_table(csv_b, year_b), year_a, year_b)
        number = _caption(csv_b, csv_a) or slug
        caption = captions.get(slug) or number
        tables.append(TableDiff(slug, caption, rows, number))
    synthetic = any('class="werkdruk-banner"' in page for page in pages.values())
    return NotebookDiff(
        notebook,
        int(year_a),
        int(year_b),
        tables,
        extract_svgs(pages[year_a]),
        extract_svgs(pages[year_b]),
        synthetic,
    )


# ----------------------------------------------------------------------------------------------
# rendering


def _decimals(value: float, measure: str, statistic: str) -> int:
    if measure == "estimate":
        return 1 if statistic == "percent" else 2
    if measure == "p":
        return 3
    if float(value).is_integer():
        return 0
    return 2 if abs(value) >= 0.01 else 4


def _fmt(value: float, measure: str, statistic: str, signed: bool = False) -> str:
    """A number in Dutch format: decimal comma, thousands point, a count without decimals;
    differences with their sign (+, −)."""
    if math.isnan(value):
        return "–"
    decimals = _decimals(value, measure, statistic)
    if signed:
        return fmt_signed(value, decimals)
    return fmt_number(value, decimals)


def _shown(text: str, value: float, measure: str, statistic: str) -> str:
    if text == SUPPRESSED:
        return SUPPRESSED
    if text == "":
        return "–"
    return _fmt(value, measure, statistic) if not math.isnan(value) else text


def _n(value: float) -> str:
    return "–" if math.isnan(value) else fmt_number(value, 0)


def measure_label(measure: str, statistic: str) -> str:
    if measure == "estimate":
        return {"percent": "Percentage", "mean": "Gemiddelde"}.get(statistic, "Schatting")
    return MEASURE_LABELS.get(measure, measure.replace("_", " ").capitalize())


MEASURE_LABELS.update(
    {
        "population_percent": "Percentage in populatie",
        "base_n": "Aantal in de basis",
        "rao_scott_f": "Rao-Scott F",
        "rao_scott_p": "p (Rao-Scott)",
        "rao_scott_ndf": "Vrijheidsgraden (teller)",
        "rao_scott_ddf": "Vrijheidsgraden (noemer)",
    }
)


def significance_text(row) -> str:
    """'ja ▲' / 'ja ▼' (p < 0,05), 'nee', or '–' when there was nothing to test."""
    if not row["tested"]:
        return "–"
    if row["significant"]:
        return "ja ▲" if row["difference"] > 0 else "ja ▼"
    return "nee"


def _p_text(row) -> str:
    if not row["tested"] or math.isnan(row["p"]):
        return "–"
    return "< 0,001" if row["p"] < 0.001 else fmt_number(row["p"], 3)


def change_sentence(row, caption: str, year_a: int, year_b: int) -> str:
    """One significant change in plain Dutch: what, which direction, from what to what."""
    unit = {"percent": "procentpunt", "mean": "schaalpunt"}.get(row["statistic"], "")
    size = _fmt(abs(row["difference"]), row["measure"], row["statistic"])
    direction = "hoger" if row["difference"] > 0 else "lager"
    value_a = _shown(row["text_a"], row["value_a"], row["measure"], row["statistic"])
    value_b = _shown(row["text_b"], row["value_b"], row["measure"], row["statistic"])
    if row["statistic"] == "percent":
        value_a, value_b = f"{value_a}%", f"{value_b}%"
    what = row["label"] if row["measure"] == "estimate" else f"{row['label']} ({row['measure']})"
    return (
        f"{caption} — {what}: in {year_b} {size}{(' ' + unit) if unit else ''} {direction} dan in "
        f"{year_a} ({value_b} tegen {value_a})."
    )


def summary_html(diff: NotebookDiff) -> str:
    """The page's opening: the significant changes in words, and how many chance alone gives."""
    esc = html.escape
    a, b = diff.year_a, diff.year_b
    tested = sum(int(t.rows["tested"].sum()) for t in diff.tables)
    changes = [
        (table, row)
        for table in diff.tables
        for row in table.rows.to_dict("records")
        if row["significant"]
    ]
    parts = ['<h2 id="wat-is-veranderd">Wat is significant veranderd</h2>']
    if not tested:
        parts.append(
            f"<p>Dit hoofdstuk heeft geen cijfers met een standaardfout; tussen {a} en {b} is "
            "niets getoetst. De cijfers staan hieronder naast elkaar.</p>"
        )
        return "\n".join(parts)
    expected = tested * 0.05
    if not changes:
        parts.append(
            f"<p>Geen van de {fmt_number(tested, 0)} getoetste cijfers verschilt significant "
            f"tussen {a} en {b} (p &lt; 0,05).</p>"
        )
    else:
        parts.append(
            f"<p>Van de {fmt_number(tested, 0)} getoetste cijfers verschillen er "
            f"{fmt_number(len(changes), 0)} significant tussen {a} en {b} (p &lt; 0,05):</p>"
        )
        parts.append('<ul class="changes">')
        for table, row in changes:
            parts.append(
                f'<li><a href="#{esc(table.slug)}">{esc(table.number)}</a>: '
                f"{esc(change_sentence(row, '', a, b).lstrip(' —'))}</li>"
            )
        parts.append("</ul>")
    parts.append(
        f'<p class="stat-note">Bij {fmt_number(tested, 0)} toetsen geeft toeval alleen al '
        f"ongeveer {fmt_number(expected, 0)} verschillen met p &lt; 0,05; een enkel significant "
        "verschil is daarom geen bewijs van een verandering.</p>"
    )
    return "\n".join(parts)


def _table_html(table: TableDiff, a: int, b: int) -> str:
    esc = html.escape
    rows = table.rows
    several = rows["measure"].nunique() > 1
    has_n = rows[["n_a", "n_b"]].notna().any().any()
    n_changed = int(rows["changed"].sum())
    n_sig = int(rows["significant"].sum())
    head = ['<th scope="col">Rij</th>']
    if several:
        head.append('<th scope="col">Grootheid</th>')
    for year in (a, b):
        head.append(f'<th scope="col">{year}</th>')
        if has_n:
            head.append(f'<th scope="col">n {year}</th>')
    head += [
        f'<th scope="col">Verschil ({b} − {a})</th>',
        '<th scope="col">p</th>',
        '<th scope="col">Significant</th>',
    ]
    out = [
        f'<section class="diff-table" id="{esc(table.slug)}"><h3>{esc(table.caption)}</h3>',
        f'<p class="stat-note">{fmt_number(len(rows), 0)} cijfers, {fmt_number(n_changed, 0)} '
        f"anders, {fmt_number(n_sig, 0)} significant verschillend.</p>",
        '<div class="table-scroll"><table class="side-by-side"><thead><tr>'
        + "".join(head)
        + "</tr></thead><tbody>",
    ]
    for row in rows.to_dict("records"):
        classes = (
            [row["status"]]
            + (["significant"] if row["significant"] else [])
            + ([] if row["changed"] else ["unchanged"])
        )
        cells = [f'<th scope="row" class="label">{esc(row["label"])}</th>']
        if several:
            cells.append(f"<td>{esc(measure_label(row['measure'], row['statistic']))}</td>")
        for side in ("a", "b"):
            value = _shown(
                row[f"text_{side}"], row[f"value_{side}"], row["measure"], row["statistic"]
            )
            cells.append(f'<td class="num">{esc(value)}</td>')
            if has_n:
                cells.append(f'<td class="num">{esc(_n(row[f"n_{side}"]))}</td>')
        difference = _fmt(row["difference"], row["measure"], row["statistic"], signed=True)
        sig = significance_text(row)
        sig_class = ' class="sig"' if row["significant"] else ""
        cells += [
            f'<td class="num">{esc(difference)}</td>',
            f'<td class="num">{esc(_p_text(row))}</td>',
            f"<td{sig_class}>{esc(sig)}</td>",
        ]
        out.append(f'<tr class="{" ".join(classes)}">' + "".join(cells) + "</tr>")
    out.append("</tbody></table></div></section>")
    return "\n".join(out)


def render_html(diff: NotebookDiff, banner: str = "", site_=None) -> str:
    """The comparison page: the significant changes in words, every table side by side (n in
    its own column, difference, p and significance), then the figures side by side."""
    from werkdruk_utils.present.markup import prefix_ids
    from werkdruk_utils.publish import pages

    esc = html.escape
    a, b = diff.year_a, diff.year_b
    if site_ is None:
        site_ = pages.Site(pages.chapter_pages(), pages.site_years(), diff.synthetic)
    site_.synthetic = diff.synthetic
    chapter = site_.chapter(diff.notebook)
    title = chapter.short_title if chapter else diff.notebook
    pairs = pages.year_pairs(site_.years)
    page = pages.Page(
        site_,
        pages.page_title(f"{title}: meting {a} naast {b}", None),
        root="../",
        year=b,
        name=None,
        switch=[
            (
                f"{x} en {y}",
                None if (x, y) == (a, b) else f"{pages.comparison_name(diff.notebook, x, y)}.html",
            )
            for x, y in pairs
        ],
    )
    parts = [f"<h1>{esc(title)}: meting {a} naast meting {b}</h1>"]
    if diff.synthetic and banner:
        parts.append(f'<div class="werkdruk-banner">{esc(banner)}</div>')
    parts.append(
        f'<p>De pagina\'s zelf: <a href="../{a}/{esc(diff.notebook)}.html">{esc(title)}, {a}</a> '
        f'en <a href="../{b}/{esc(diff.notebook)}.html">{esc(title)}, {b}</a>. Een verschil heet '
        "hier significant bij p &lt; 0,05 (toets voor onafhankelijke steekproeven, ▲ hoger en ▼ "
        f"lager in {b}); '–': niet getoetst (geen standaardfout, of te weinig respondenten). "
        f"{esc(SUPPRESSED)}: minder respondenten dan het minimum; niet getoond en niet "
        "vergeleken.</p>"
    )
    parts.append(summary_html(diff))
    parts.append('<h2 id="tabellen">Tabellen naast elkaar</h2>')
    if not diff.tables:
        parts.append("<p>Dit hoofdstuk heeft geen tabellen met gegevens.</p>")
    parts += [_table_html(table, a, b) for table in diff.tables]
    parts.append('<h2 id="figuren">Figuren naast elkaar</h2>')
    count = max(len(diff.figures_a), len(diff.figures_b))
    if not count:
        parts.append("<p>Dit hoofdstuk heeft geen figuren.</p>")
    for i in range(count):
        parts.append(f'<div class="pair" id="figuurpaar-{i + 1}">')
        for year, figures in ((a, diff.figures_a), (b, diff.figures_b)):
            inner = (
                prefix_ids(figures[i], f"m{year}")
                if i < len(figures)
                else f"<p>Geen figuur {i + 1} in meting {year}.</p>"
            )
            parts.append(f'<div class="side"><p><strong>Meting {year}</strong></p>{inner}</div>')
        parts.append("</div>")
    return pages.standalone(page, "\n".join(parts), "page-compare")


def _significance_mark(row) -> str:
    if not row["tested"]:
        return "-"
    return "*" if row["significant"] else "."


def render_text(diff: NotebookDiff, source: str = "") -> str:
    """A plain-text diff of the tables: per table a header, then one line per changed number
    ('~' changed, '-' only in the earlier year, '+' only in the later year): the quantity, both
    numbers and the difference in Dutch format, the significance, then the row label (never cut),
    in aligned columns."""
    a, b = diff.year_a, diff.year_b
    lines = [
        f"Verschillen {diff.notebook}: meting {a} -> {b}" + (f" ({source})" if source else ""),
        f"Kolommen: grootheid | {a} | {b} | verschil ({b} - {a}) | significant "
        "(* p < 0,05, . niet significant, - niet getoetst) | rij",
        f"Regels: ~ veranderd, - alleen in {a}, + alleen in {b}; {SUPPRESSED} onderdrukt (te "
        "weinig respondenten).",
    ]
    total_changed = 0
    for table in diff.tables:
        rows = table.rows
        changed = rows[rows["changed"]]
        total_changed += len(changed)
        lines.append("")
        lines.append(
            f"== {table.caption} ({table.slug}.csv): {len(rows)} cijfers, {len(changed)} veranderd"
        )
        if changed.empty:
            continue
        cells = []
        for row in changed.to_dict("records"):
            mark = {BOTH: "~", ONLY_A: "-", ONLY_B: "+"}[row["status"]]
            cells.append(
                (
                    mark,
                    row["label"],
                    measure_label(row["measure"], row["statistic"]).lower().replace(" ", "_"),
                    _shown(row["text_a"], row["value_a"], row["measure"], row["statistic"])
                    if row["text_a"]
                    else "",
                    _shown(row["text_b"], row["value_b"], row["measure"], row["statistic"])
                    if row["text_b"]
                    else "",
                    ""
                    if math.isnan(row["difference"])
                    else _fmt(row["difference"], row["measure"], row["statistic"], signed=True),
                    _significance_mark(row),
                )
            )
        widths = [max(len(c[i]) for c in cells) for i in range(len(cells[0]))]
        for c in cells:  # the numbers first, aligned; the row label last, never cut
            lines.append(
                f"{c[0]} {c[2]:<{widths[2]}}  {c[3]:>{widths[3]}}  {c[4]:>{widths[4]}}  "
                f"{c[5]:>{widths[5]}}  "
                f"{c[6]}  {c[1]}"
            )
    lines.append("")
    lines.append(f"Totaal: {len(diff.tables)} tabellen, {total_changed} veranderde cijfers.")
    return "\n".join(lines) + "\n"


def write_diff(out_dir: Path, notebook: str, year_a: int, year_b: int) -> tuple[Path, Path]:
    """Write ``<out_dir>/diff/<notebook>_<a>_<b>.html`` and ``.txt``; returns both paths."""
    from werkdruk_utils.present.report import SYNTHETIC_BANNER

    out_dir = Path(out_dir)
    diff = notebook_diff(out_dir, notebook, year_a, year_b)
    target = out_dir / DIFF_DIR
    stem = f"{notebook}_{year_a}_{year_b}"
    html_path, text_path = target / f"{stem}.html", target / f"{stem}.txt"
    paths.write_atomic(
        text_path, render_text(diff, f"tabellen uit {year_a}/tables en {year_b}/tables")
    )
    paths.write_atomic(html_path, render_html(diff, SYNTHETIC_BANNER))
    return html_path, text_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write year-over-year comparison pages of built chapter notebooks."
    )
    parser.add_argument(
        "--out", type=Path, default=paths.OUTPUTS_DIR, help="output folder (holds <year>/ folders)"
    )
    parser.add_argument(
        "--years",
        type=int,
        nargs="+",
        required=True,
        help="two years: compare them; more: every consecutive pair and the first against the last",
    )
    parser.add_argument(
        "--notebook",
        action="append",
        dest="notebooks",
        required=True,
        help="notebook name without .ipynb (repeatable)",
    )
    args = parser.parse_args(argv)
    pairs = year_pairs(args.years)
    for notebook in args.notebooks:
        for year_a, year_b in pairs:
            html_path, text_path = write_diff(args.out, notebook, year_a, year_b)
            print(f"{paths.display(html_path)}, {Path(text_path).name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
