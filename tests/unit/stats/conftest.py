"""The R fixtures of the design-based estimates (tests/fixtures/r/, written by R's survey package;
``make fixtures`` regenerates them): the input data set and R's values."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "r"


@pytest.fixture(scope="session")
def data() -> pd.DataFrame:
    frame = pd.read_csv(FIXTURES / "input.csv", keep_default_na=False, na_values=[""])
    frame["xc"] = np.where(frame["x2"] < 35, "lo", np.where(frame["x2"] < 50, "mid", "hi"))
    return frame


@pytest.fixture(scope="session")
def r() -> dict[tuple[str, str, str], float]:
    frame = pd.read_csv(FIXTURES / "expected.csv", keep_default_na=False, dtype={"value": str})
    return {(q, t, s): float(v) for q, t, s, v in frame.itertuples(index=False)}
