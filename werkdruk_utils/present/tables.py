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


@dataclass
class ReportTable:
    table_id: str
    title: str
    display: pd.DataFrame
    data: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    @property
    def caption(self) -> str:
        return f"{self.table_id} {self.title}".strip()

    def to_html(self) -> str:
        """One line per row and per cell, so that a plain diff of two years shows each changed
        number on its own line."""
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
        notes = "\n".join(f'<p class="table-note">{html.escape(n)}</p>' for n in self.notes)
        return (
            f'<figure class="report-table" id="{slug(self.table_id)}">\n'
            f"<figcaption><strong>{html.escape(self.table_id)}</strong> "
            f"{html.escape(self.title)}</figcaption>\n"
            f'<table><thead><tr><th scope="col">{index_name}</th>\n{head_cells}</tr></thead>\n'
            f"<tbody>\n" + "\n".join(rows) + f"\n</tbody></table>\n{notes}</figure>"
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
        tmp = path.with_suffix(".csv.tmp")
        # beyond the report: Benjamini-Hochberg adjusted p next to every p column (one family
        # per table); the text keeps the report's rule, p < 0,05
        published_frame(with_adjusted_p(self.data)).to_csv(
            tmp, index=False, lineterminator="\n", float_format="%.6g"
        )
        tmp.replace(path)
        return path
