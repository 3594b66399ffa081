"""The chapter results registry: every declared item of a notebook, reachable by its report id.

``chapter.items["Tabel 3.1"]`` is an :class:`Item` with the declaration's result (estimates, SE,
n, suppression flags and the tests the page uses), the table as shown (cells, tidy data, notes)
and where it is on the page (anchor) and on disk (CSV). The self-check, the claims checks, the
disclosure checks and the site read the items; nothing re-declares what a notebook declared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from werkdruk_utils.present.tables import ReportTable, slug


@dataclass
class Item:
    """One numbered table or figure (or a text's results) of a notebook.

    ``result``: a :class:`~werkdruk_utils.declare.estimates.Result` (or a model result, or the
    tidy frame of a named helper); ``table``: the :class:`ReportTable` shown (for a figure: its
    folded table, when shown); ``figure``: whether a figure with this id is shown; ``csv``: the
    file the table's data were written to.
    """

    item_id: str
    result: Any = None
    table: ReportTable | None = None
    figure: bool = False
    csv: Path | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The HTML id of the item's table on the page ('Tabel 3.1' -> 'tabel_3_1')."""
        return slug(self.item_id)

    @property
    def kind(self) -> str:
        if self.item_id.startswith(("Figuur", "Figuren")):
            return "figure"
        if self.item_id.startswith(("Tabel", "Tabellen")):
            return "table"
        return "text"


class Registry(dict):
    """Report id -> :class:`Item`, in the order the notebook shows them."""

    def item(self, item_id: str) -> Item:
        if item_id not in self:
            self[item_id] = Item(item_id)
        return self[item_id]

    def results(self, item_id: str) -> Any:
        """The declared result of ``item_id`` (KeyError naming the ids present)."""
        if item_id not in self or self[item_id].result is None:
            raise KeyError(f"no declared result '{item_id}'; declared: {list(self)}")
        return self[item_id].result
