import math

import pandas as pd
import pytest

from werkdruk_utils.present.formatting import MISSING, fmt_number, fmt_percent, fmt_signed


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1.8412, 2, "1,84"),
        (1789, 0, "1.789"),
        (187183, 0, "187.183"),
        (1052.52, 2, "1.052,52"),
        (0.125, 2, "0,13"),  # half away from zero, as printed
        (2.5, 0, "3"),
        (-0.004, 2, "0,00"),  # no negative zero
        (-1.5, 1, "-1,5"),
    ],
)
def test_fmt_number(value, decimals, expected):
    assert fmt_number(value, decimals) == expected


def test_percent_and_missing():
    assert fmt_percent(74.7) == "74,7%"
    assert fmt_percent(100, 0) == "100%"
    assert fmt_percent(float("nan")) == MISSING
    assert fmt_number(None) == MISSING
    assert fmt_number(pd.NA) == MISSING
    assert fmt_number(math.nan) == MISSING


def test_signed():
    assert fmt_signed(2.0) == "+2,0"
    assert fmt_signed(-0.5) == "\u22120,5"
    assert fmt_signed(0.01) == "0,0"
