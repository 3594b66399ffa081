"""Report tables: deterministic HTML with Dutch number formatting, and the same table as tidy CSV.

A :class:`ReportTable` carries the report's number and title, the formatted cells shown to
readers, the tidy data behind them (written to ``outputs/<year>/tables/<table id>.csv``) and
notes (n per column, suppressed cells, weighting). In the CSV a suppressed row keeps
``suppressed`` true and has its estimate, SE, interval, n, df and test against the previous
year blank (:data:`werkdruk_utils.stats.suppression.PUBLISHED_BLANK_COLUMNS`), so that neither the
cell
nor its base can be read from the data. The HTML is written by hand rather than with
pandas' Styler so that it carries no random ids and two builds give the same bytes.

Disclosure annotations (:mod:`werkdruk_utils.present.bases`): every cell carries its base,
``data-n`` (respondents) or ``data-base`` (a kind), from ``bases``, a frame shaped like
``display``; a suppressed cell carries ``data-suppressed``; header cells, the caption and the
row labels are labels (``data-base="label"``). A cell that is already
:class:`~werkdruk_utils.present.bases.Annotated` HTML is written as it is, and so is a note.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from werkdruk_utils import paths
from werkdruk_utils.present.bases import Annotated, attrs
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
    # Optional: the base of every shown cell (a frame shaped like ``display``: respondents, or a
    # kind of present.bases.BASE_KINDS), written as data-n / data-base on the cell.
    bases: pd.DataFrame | None = None

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

    def base(self, position: tuple[int, int]) -> object:
        """The base of the shown cell at (row, column) position: respondents, a kind, or None."""
        if self.bases is None:
            return None
        value = self.bases.iat[position]
        return None if value is None or (isinstance(value, float) and value != value) else value

    def cell_html(self, value: object, position: tuple[int, int]) -> str:
        """One ``<td>`` with its annotation (see the module docstring)."""
        if isinstance(value, Annotated):
            return f'<td class="num">{value}</td>'
        text = str(value)
        if text == SUPPRESSED:
            return f'<td class="num suppressed"{attrs(suppressed=True)}>{SUPPRESSED}</td>'
        base = self.base(position)
        if isinstance(base, str):
            annotation = attrs(kind=base)
        elif base is not None:
            annotation = attrs(n=base)
        else:
            annotation = ""
        return f'<td class="num"{annotation}>{html.escape(text)}</td>'

    def _table_html(self) -> str:
        label = attrs(kind="label")
        head_cells = "\n".join(
            f'<th scope="col"{label}>{html.escape(str(c))}</th>' for c in self.display.columns
        )
        index_name = html.escape(str(self.display.index.name or ""))
        rows = []
        for i, (row_label, row) in enumerate(self.display.iterrows()):
            cells = "\n".join(self.cell_html(v, (i, j)) for j, v in enumerate(row))
            rows.append(
                f'<tr><th scope="row"{label}>{html.escape(str(row_label))}</th>\n{cells}</tr>'
            )
        return (
            f'<table><thead><tr><th scope="col"{label}>{index_name}</th>\n'
            f"{head_cells}</tr></thead>\n"
            f"<tbody>\n" + "\n".join(rows) + "\n</tbody></table>"
        )

    def notes_html(self) -> str:
        return "\n".join(
            f'<p class="table-note">{n if isinstance(n, Annotated) else html.escape(n)}</p>'
            for n in self.notes
        )

    def to_html(self) -> str:
        """One line per row and per cell, so that a plain diff of two years shows each changed
        number on its own line. A figure's table is a fold (``<details>``) meant to sit under its
        figure, with the 95% interval and n of every value where the data carry them."""
        notes = self.notes_html()
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
            f"<figcaption{attrs(kind='label')}>{self._caption_html()}</figcaption>\n"
            f'<div class="table-scroll">{self._table_html()}</div>\n{notes}</figure>'
        )

    @classmethod
    def not_estimable(cls, table_id: str, title: str, reason: str) -> ReportTable:
        """The table in the place of one the data do not allow: 'niet te schatten' and the reason
        (:mod:`werkdruk_utils.stats.estimable`), no numbers, an empty CSV with the reason."""
        from werkdruk_utils.stats.estimable import NOT_ESTIMABLE

        display = pd.DataFrame({"": [NOT_ESTIMABLE]}, index=pd.Index([title], name=""))
        bases = pd.DataFrame({"": ["label"]}, index=display.index, dtype=object)
        data = pd.DataFrame({"table_id": [table_id], "estimable": [False], "reason": [reason]})
        note = f"{NOT_ESTIMABLE[0].upper()}{NOT_ESTIMABLE[1:]}: {reason}."
        return cls(table_id, title, display, data, [note], bases=bases)

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
