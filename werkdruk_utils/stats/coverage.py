"""Which part of the population an estimate covers: empty weighting cells, named.

The weighting (Bijlage 1) gives every cell sector x weighting group its population share. A cell
without respondents gets no weight: an estimate for all staff then silently stands for the other
cells only, and the schoolleiders 'gewogen naar sector' stand for one sector only when the other
has no schoolleider. :func:`empty_cells` finds such cells; :func:`warning` says in the report's
words which cell is empty, how large a part of the population it is and which estimates lack it.
The chapters show the warning on every page the cell affects (``report.Chapter`` shows it under the
header of every chapter that weights), and ``make summary`` prints it in the build log.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from werkdruk_utils.stats.weighting import (
    SECTORS,
    WEIGHTING_GROUPS,
    load_weighting_population,
)

SECTOR_LABELS = {"bao": "bao", "go": "go (sbao, so en vso)"}
GROUP_LABELS = {
    "schoolleider": "schoolleiders",
    "leerkracht": "leraren",
    "overig": "overig personeel",
}


def _percent(value: float) -> str:
    """74.66 -> '74,7%' (the report's notation; no import from the presentation layer)."""
    return f"{value:.1f}".replace(".", ",") + "%"


@dataclass(frozen=True)
class EmptyCell:
    """A weighting cell without respondents and its share of the population (0-100)."""

    sector: str
    group: str | None  # None: a sector without schoolleiders (sector weighting)
    population_share: float

    @property
    def label(self) -> str:
        sector = SECTOR_LABELS.get(self.sector, self.sector)
        if self.group is None:
            return f"schoolleiders in het {sector}"
        return f"{GROUP_LABELS.get(self.group, self.group)} in het {sector}"


def _year(respondents: pd.DataFrame) -> int | None:
    if "year" in respondents.columns and len(respondents):
        return int(respondents["year"].iloc[0])
    return None


def empty_cells(
    respondents: pd.DataFrame, population: pd.DataFrame | None = None
) -> list[EmptyCell]:
    """The cells sector x weighting group (Tabel B1.8) without a respondent, in table order."""
    if population is None:
        population = load_weighting_population(year=_year(respondents))
    counts = population.set_index(["sector", "weighting_group"])["population_n"].astype(float)
    total = float(counts.sum())
    present = set(
        zip(
            respondents["sector"].astype(str),
            respondents["weighting_group"].astype(str),
            strict=False,
        )
    )
    return [
        EmptyCell(sector, group, 100.0 * counts.get((sector, group), 0.0) / total)
        for sector in SECTORS
        for group in WEIGHTING_GROUPS
        if (sector, group) not in present
    ]


def empty_sectors_of_schoolleiders(respondents: pd.DataFrame) -> list[EmptyCell]:
    """Sectors without a schoolleider: the estimates 'gewogen naar sector' stand for the others."""
    leaders = respondents[respondents["analysis_group"] == "schoolleider"]
    present = set(leaders["sector"].astype(str))
    return [EmptyCell(s, None, float("nan")) for s in SECTORS if s not in present]


def warning(respondents: pd.DataFrame, population: pd.DataFrame | None = None) -> str | None:
    """The Dutch warning for the empty cells of one measurement, or None when every cell has
    respondents."""
    year = _year(respondents)
    cells = empty_cells(respondents, population)
    sectors = empty_sectors_of_schoolleiders(respondents)
    if not cells and not sectors:
        return None
    parts = []
    if cells:
        named = "; ".join(
            f"{c.label} ({_percent(c.population_share)} van het personeel)" for c in cells
        )
        share = sum(c.population_share for c in cells)
        part = "dat deel" if len(cells) == 1 else f"die delen ({_percent(share)})"
        parts.append(
            f"Meting {year}: geen respondenten in de weegcel {named}. Schattingen voor al het "
            f"personeel (gewogen naar functie en sector) missen {part} van de populatie; ze "
            "gelden voor de andere cellen."
        )
    if sectors:
        named = " en ".join(c.label for c in sectors)
        parts.append(
            f"Meting {year}: geen {named}; de cijfers over schoolleiders 'gewogen naar sector' "
            "gelden alleen voor de andere sector."
        )
    return " ".join(parts)
