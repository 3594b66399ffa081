"""stats.coverage: empty weighting cells are found and named."""

from __future__ import annotations

import pandas as pd

from werkdruk_utils.stats.coverage import empty_cells, warning

POPULATION = pd.DataFrame(
    {
        "sector": ["bao"] * 3 + ["go"] * 3,
        "weighting_group": ["schoolleider", "leerkracht", "overig"] * 2,
        "population_n": [8000, 110000, 33000, 1000, 19000, 29000],  # total 200.000
    }
)


def frame(cells: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": 2024,
            "sector": [s for s, _ in cells],
            "weighting_group": [g for _, g in cells],
            "analysis_group": [
                "schoolleider" if g == "schoolleider" else "leraar" for _, g in cells
            ],
        }
    )


def test_no_warning_when_every_cell_has_respondents() -> None:
    full = frame([(s, g) for s in ("bao", "go") for g in ("schoolleider", "leerkracht", "overig")])
    assert empty_cells(full, POPULATION) == [] and warning(full, POPULATION) is None


def test_an_empty_cell_is_named_with_its_share() -> None:
    cells = [(s, g) for s in ("bao", "go") for g in ("schoolleider", "leerkracht", "overig")]
    cells.remove(("go", "schoolleider"))
    text = warning(frame(cells), POPULATION)
    assert [(c.sector, c.group) for c in empty_cells(frame(cells), POPULATION)] == [
        ("go", "schoolleider")
    ]
    assert text == (
        "Meting 2024: geen respondenten in de weegcel schoolleiders in het go (sbao, so en vso) "
        "(0,5% van het personeel). Schattingen voor al het personeel (gewogen naar functie en "
        "sector) missen dat deel van de populatie; ze gelden voor de andere cellen. "
        "Meting 2024: geen schoolleiders in het go (sbao, so en vso); de cijfers over "
        "schoolleiders 'gewogen naar sector' gelden alleen voor de andere sector."
    )
