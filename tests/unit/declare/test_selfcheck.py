"""The self-check takes the page's declared numbers: on four hand-made schoolleiders per sector,
Tabel 3.1's printed percentages are compared with what the declaration computed, the printed N
keeps the independent recomputation, and a row whose two values differ says so."""

from __future__ import annotations

import pandas as pd
import pytest

from werkdruk_utils.check.published import load_published
from werkdruk_utils.declare import Answers
from werkdruk_utils.declare.estimates import Data, estimate, evaluate
from werkdruk_utils.declare.registry import Item
from werkdruk_utils.declare.selfcheck import compare


def checked_rows() -> pd.DataFrame:
    """The rows reproduce() gives for Tabel 3.1 in 2024, with an independent value of 50."""
    published = load_published()
    rows = published[published["source_id"] == "Tabel 3.1"]
    return pd.DataFrame(
        {
            "source_id": rows["source_id"],
            "measurement_year": 2024,
            "group": rows["group"],
            "category": rows["category"],
            "statistic": rows["statistic"],
            "published": rows["value"],
            "reproduced": 50.0,
            "difference": 50.0 - rows["value"],
            "within_tolerance": False,
            "tolerance": 1.0,
            "lower": rows["value"] - 1.0,
            "upper": rows["value"] + 1.0,
            "at_printed_precision": False,
            "reason": "",
            "n_base": 9,
            "rule": "the report's rule",
            "note": "",
            "row": rows.index,
        }
    ).reset_index(drop=True)


@pytest.fixture
def declared(kit) -> Item:
    # bao (rows 0, 2, 4, 6): v9 = 2, 2, 2, 1 -> binnen het kader 75%, los 25%, anders 0%
    # go (rows 1, 3, 5, 7): 2, 2, 3, 1 -> 50%, 25%, 25%
    measurement = kit.answering(2024, v9=[2, 2, 2, 2, 2, 3, 1, 1])
    result = evaluate(
        Data({2024: measurement}, 2024, 1),
        estimate(
            Answers("v9", wording="run_year"),
            population="school_leaders",
            by="sector",
            weighting="none",
        ),
    )
    return Item("Tabel 3.1", result=result)


def test_printed_percentages_are_compared_with_the_declared_ones(declared):
    out = compare(checked_rows(), {"Tabel 3.1": declared}).set_index(["group", "category"])
    within = "Dat doen we binnen het kader van het werkverdelingsplan 2022-2023"
    assert out.loc[("Bao", within), "reproduced"] == pytest.approx(75.0)
    assert bool(out.loc[("Bao", within), "within_tolerance"])  # 74,7 ± 1
    assert out.loc[("Go", within), "reproduced"] == pytest.approx(50.0)
    assert not bool(out.loc[("Go", within), "within_tolerance"])  # 69,2 ± 1
    assert out.loc[("Bao", within), "n_base"] == 4
    assert out.attrs["from_declarations"] == 6


def test_a_row_whose_values_differ_names_the_independent_one(declared):
    out = compare(checked_rows(), {"Tabel 3.1": declared}).set_index(["group", "category"])
    note = out.loc[("Bao", "Anders"), "note"]  # declared 0%, independent 50
    assert note.startswith("volgens de declaratie op deze pagina")
    assert "the report's rule" in note and "geeft 50" in note
    assert (
        out.loc[("Go", "Dat doen we binnen het kader van het werkverdelingsplan 2022-2023"), "note"]
        == ""
    )


def test_the_printed_n_and_undeclared_rows_keep_the_recomputation(declared):
    out = compare(checked_rows(), {"Tabel 3.1": declared})
    counts = out[out["statistic"] == "n"]
    assert (counts["reproduced"] == 50.0).all() and (counts["note"] == "").all()
    untouched = compare(checked_rows(), {})
    pd.testing.assert_frame_equal(untouched, checked_rows(), check_like=True)


def test_model_values_of_suppressed_terms_and_unestimable_models_are_blank():
    import math

    from werkdruk_utils.declare.models import Model, ModelResult
    from werkdruk_utils.declare.selfcheck import model_value
    from werkdruk_utils.stats.estimable import NotEstimable

    frame = pd.DataFrame(
        {
            "term": ["age", "sl", "const"],
            "B": [0.5, math.nan, 2.0],
            "SE": [0.1, math.nan, 0.2],
            "Beta": [0.04, math.nan, math.nan],
            "stars": ["***", "", ""],
            "n": [1234, math.nan, 1234],
            "adj_r2": 0.07,
            "suppressed": [False, True, False],
        }
    )
    result = ModelResult(Model("regelmogelijkheden"), frame, 2024)
    block = {"kind": "regression", "terms": {"Leeftijd": "age", "Schoolleider": "sl"}}

    def value(category: str, statistic: str, results=(result,)):
        return model_value(
            results, block, pd.Series({"category": category, "statistic": statistic})
        )

    assert value("Leeftijd", "B") == (0.5, 1234)
    assert value("Leeftijd", "stars") == (3.0, 1234)
    assert value("Adj. R²", "adj_r2") == (0.07, 1234)
    for statistic in ("B", "SE", "stars"):  # suppressed: not even its stars
        found, n = value("Schoolleider", statistic)
        assert math.isnan(found) and n == 0
    unestimable = ModelResult(
        Model("regelmogelijkheden"), pd.DataFrame(), 2024, NotEstimable("x", "collineair")
    )
    found, n = value("Leeftijd", "B", (unestimable,))
    assert math.isnan(found) and n == 0
