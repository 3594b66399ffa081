"""Figuren 5.1-5.4: the period a trend figure spans."""

from werkdruk_utils.declare.layout import trend_period


def test_trend_period_spans_history_and_measurements():
    assert trend_period([2022, 2023, 2024], {"NEA": (2009, 2014), "Oberon": (2019,)}) == (
        2009,
        2024,
    )
    assert trend_period([2022], {}) == (2022, 2022)
