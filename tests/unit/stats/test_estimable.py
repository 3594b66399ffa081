"""stats.estimable: 'niet te schatten' with the reason; regressions under the small-cell rule."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from werkdruk_utils.stats.estimable import (
    NOT_ESTIMABLE,
    NotEstimable,
    attempt,
    reason_of,
    suppress_model,
    term_bases,
)
from werkdruk_utils.stats.survey import SurveyError


def test_attempt_turns_data_errors_into_a_reason() -> None:
    def collinear() -> float:
        raise SurveyError("the predictors are collinear (rank 9 < 11 columns)")

    result = attempt("Tabel B2.1", collinear)
    assert isinstance(result, NotEstimable) and not result
    assert result.text() == (
        "Tabel B2.1: niet te schatten: de kenmerken in het model hangen bij deze respondenten "
        "volledig met elkaar samen (collineair)."
    )
    assert attempt("x", lambda: 3.0) == 3.0


def test_reasons_never_repeat_a_count() -> None:
    reason = reason_of(ValueError("only 3 complete rows for 11 coefficients"))
    assert reason == "te weinig respondenten met alle gegevens voor dit model"
    assert not any(ch.isdigit() for ch in reason)
    assert NOT_ESTIMABLE == "niet te schatten"


def test_bugs_are_not_hidden() -> None:
    def bug() -> None:
        raise KeyError("column")

    try:
        attempt("x", bug)
    except KeyError:
        pass
    else:  # pragma: no cover
        raise AssertionError("a KeyError is a bug, not data that cannot be estimated")


def model_frame() -> pd.DataFrame:
    # 20 rows: 4 schoolleiders (sl = 1), 16 others; sl_wtf only non-zero for schoolleiders
    sl = np.array([1] * 4 + [0] * 16, dtype=float)
    wtf = np.linspace(0.4, 1.0, 20)
    return pd.DataFrame(
        {
            "y": np.arange(20.0),
            "age": np.arange(20) % 5 + 1.0,
            "sl": sl,
            "wtf": wtf,
            "sl_wtf": sl * wtf,
        }
    )


def test_term_bases() -> None:
    bases = term_bases(model_frame(), ["age", "sl", "wtf", "sl_wtf"])
    assert bases == {"model": 20, "sl": 4, "age": 20, "wtf": 20, "sl_wtf": 4}


def test_suppress_model_hides_small_groups_and_small_models() -> None:
    table = pd.DataFrame(
        {"B": [1.0, 0.5, 0.2, 0.1, 0.3], "SE": 0.1, "p": 0.01, "Beta": 0.2},
        index=["const", "age", "sl", "wtf", "sl_wtf"],
    )
    bases = term_bases(model_frame(), ["age", "sl", "wtf", "sl_wtf"])
    out = suppress_model(table, bases, min_n=10)
    assert out["suppressed"].to_dict() == {
        "const": False,
        "age": False,
        "sl": True,
        "wtf": False,
        "sl_wtf": True,
    }
    assert math.isnan(out.loc["sl", "B"]) and out.loc["age", "B"] == 0.5
    assert suppress_model(table, {**bases, "model": 9}, min_n=10)["suppressed"].all()
