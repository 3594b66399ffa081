"""Report tables: deterministic HTML with Dutch number formatting, and the same table as tidy CSV.

A :class:`ReportTable` carries the report's number and title, the formatted cells shown to
readers, the tidy data behind them (written to ``outputs/<year>/tables/<table id>.csv``) and
notes (n per column, suppressed cells, weighting). In the CSV a suppressed row keeps
``suppressed`` true and has its estimate, SE, interval, n, df and test against the previous
year blank (:data:`werkdruk_utils.stats.suppression.PUBLISHED_BLANK_COLUMNS`), so that neither the
cell
nor its base can be read from the data. The HTML is written by hand rather than with
pandas' Styler so that it carries no random ids and two builds give the same bytes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from werkdruk_utils import paths
from werkdruk_utils.stats.multiplicity import with_adjusted_p

SUPPRESSED = "*"


def slug(table_id: str) -> str:
    """'Tabel 4.1' -> 'tabel_4_1'; 'Figuur B3.1' -> 'figuur_b3_1'."""
    return re.sub(r"[^a-z0-9]+", "_", table_id.lower()).strip("_")


def published_frame(data: pd.DataFrame) -> pd.DataFrame:
    """``data`` as written to CSV: in rows with ``suppressed`` true the columns of
    :data:`~werkdruk_utils.stats.suppression.PUBLISHED_BLANK_COLUMNS` are blank."""
    from werkdruk_utils.stats.suppression import PUBLISHED_BLANK_COLUMNS

    if "suppressed" not in data.columns or data.empty:
        return data
    hidden = data["suppressed"].fillna(False).astype(bool)
    if not hidden.any():
        return data
    out = data.copy()
    for column in [*PUBLISHED_BLANK_COLUMNS, *(f"{c}_bh" for c in PUBLISHED_BLANK_COLUMNS)]:
        if column in out.columns:
            out[column] = out[column].astype(object).where(~hidden, None)
    return out


REPORT_NUMBER = re.compile(r"^(Tabel|Figuur) B?\d+(\.\d+)*$")


def is_report_number(table_id: str) -> bool:
    """'Tabel 4.1', 'Figuur B3.2': a number the report prints (other ids are the project's own)."""
    return bool(REPORT_NUMBER.match(table_id))


@dataclass
class ReportTable:
    table_id: str
    title: str
    display: pd.DataFrame
    data: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    # Optional: which row of ``data`` each shown cell comes from ((row label, column label) ->
    # index of ``data``), and the title of the column labels ('Meting'); with these, a figure's
    # table shows the 95% interval and n of every value.
    cells: dict | None = None
    column_title: str = ""

    @property
    def caption(self) -> str:
        return f"{self.table_id} {self.title}".strip()

    @property
    def is_figure_data(self) -> bool:
        """The table of a figure ('Figuur 2.2'): folded under the figure on the page."""
        return self.table_id.startswith("Figuur") and is_report_number(self.table_id)

    def _caption_html(self) -> str:
        if is_report_number(self.table_id):
            return f"<strong>{html.escape(self.table_id)}</strong> {html.escape(self.title)}"
        return html.escape(self.title)

    def _table_html(self) -> str:
        head_cells = "\n".join(
            f'<th scope="col">{html.escape(str(c))}</th>' for c in self.display.columns
        )
        index_name = html.escape(str(self.display.index.name or ""))
        rows = []
        for label, row in self.display.iterrows():
            cells = "\n".join(
                f'<td class="{"num suppressed" if str(v) == SUPPRESSED else "num"}">'
                f"{html.escape(str(v))}</td>"
                for v in row
            )
            rows.append(f'<tr><th scope="row">{html.escape(str(label))}</th>\n{cells}</tr>')
        return (
            f'<table><thead><tr><th scope="col">{index_name}</th>\n{head_cells}</tr></thead>\n'
            f"<tbody>\n" + "\n".join(rows) + "\n</tbody></table>"
        )

    def to_html(self) -> str:
        """One line per row and per cell, so that a plain diff of two years shows each changed
        number on its own line. A figure's table is a fold (``<details>``) meant to sit under its
        figure, with the 95% interval and n of every value where the data carry them."""
        notes = "\n".join(f'<p class="table-note">{html.escape(n)}</p>' for n in self.notes)
        name = slug(self.table_id)
        if self.is_figure_data:
            from werkdruk_utils.present.figures import figure_data_table

            body = figure_data_table(self) or self._table_html()
            return (
                f'<details class="figure-data" id="{name}-cijfers" data-table="{name}">\n'
                f"<summary>Cijfers bij {html.escape(self.table_id)}: waarden met "
                f"95%-betrouwbaarheidsinterval en aantal respondenten</summary>\n"
                f'<div class="table-scroll">{body}</div>\n{notes}</details>'
            )
        return (
            f'<figure class="report-table" id="{name}" data-table="{name}">\n'
            f"<figcaption>{self._caption_html()}</figcaption>\n"
            f'<div class="table-scroll">{self._table_html()}</div>\n{notes}</figure>'
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def write_csv(self, out_dir: Path) -> Path:
        """Write the tidy data to ``out_dir/<slug>.csv`` (UTF-8, '.' decimals, stable row order),
        with a Benjamini–Hochberg adjusted p (``<p>_bh``) next to every p column
        (:func:`werkdruk_utils.stats.multiplicity.with_adjusted_p`)."""
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / f"{slug(self.table_id)}.csv"
        # beyond the report: Benjamini-Hochberg adjusted p next to every p column (one family
        # per table); the text keeps the report's rule, p < 0,05
        text = published_frame(with_adjusted_p(self.data)).to_csv(
            index=False, lineterminator="\n", float_format="%.6g"
        )
        return paths.write_atomic(path, text)
