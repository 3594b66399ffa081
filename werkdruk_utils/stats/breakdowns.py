"""Background characteristics the report breaks results down by, defined once for every chapter.

The report breaks results down by *achterstandsscore categorie* (Figuren B3.1, B3.4, B3.6, B3.7;
§5.2) without printing the categories. The project's definition: the tertiles of the
achterstandsscore of the **sampled bao schools** of the measurement year (the school frame, whether
a school responded or not, each school once). A score at or below the first cut point is 'laag',
at or below the second 'midden', above it 'hoog'. Schools in gespecialiseerd onderwijs have no
achterstandsscore and no category. The cut points are printed with every table that uses them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

COLUMN = "achterstand_categorie"
LEVELS = ("laag", "midden", "hoog")


def achterstand_cut_points(schools: pd.DataFrame) -> tuple[float, float]:
    """First and second tertile of the achterstandsscore of the bao schools in ``schools``."""
    bao = schools["sector"] == "bao"
    values = pd.to_numeric(
        schools.loc[bao.fillna(False).astype(bool), "achterstandsscore"], errors="coerce"
    ).dropna()
    if len(values) < 3:
        raise ValueError(
            "tertiles of the achterstandsscore need at least 3 bao schools with a score, found "
            f"{len(values)}"
        )
    low, high = values.quantile([1 / 3, 2 / 3]).to_numpy(dtype=float)
    return float(low), float(high)


def achterstand_category(scores: pd.Series, cut_points: tuple[float, float]) -> pd.Series:
    """'laag' (score <= first cut point), 'midden' (<= second), 'hoog' (above); missing stays
    missing."""
    low, high = cut_points
    values = pd.to_numeric(scores, errors="coerce").astype(float)
    out = pd.Series(
        np.where(values <= low, "laag", np.where(values <= high, "midden", "hoog")),
        index=values.index,
        dtype=object,
    )
    return out.where(values.notna(), None)


def with_breakdowns(measurement) -> pd.DataFrame:
    """The year's respondents with the achterstandsscore category column :data:`COLUMN`."""
    resp = measurement.respondents
    cuts = achterstand_cut_points(measurement.schools)
    return resp.assign(**{COLUMN: achterstand_category(resp["achterstandsscore"], cuts)})
