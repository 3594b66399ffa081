"""The historical series around Figuren 5.1-5.4: citable rows only, nothing invented."""

from __future__ import annotations

from werkdruk_utils.present import history


def test_signed_formatting():
    assert history._signed(1.44) == "+1,4" and history._signed(-0.25) == "-0,3"
    assert history._signed(0.0) == "0,0" and history._signed(float("nan")) == "–"


def test_trend_history_has_the_rows_the_chapter_cites():
    rows = history.load_trend_history()
    assert set(history.DIFFERENCE_INDICATORS) <= set(rows["indicator"])
    assert (rows["indicator"] == history.NEA_INDICATOR).sum() >= 1
    assert history.nea_history(2020)["year"].max() <= 2020


def test_missing_history_lists_every_year_the_report_draws_but_does_not_print():
    table = history.missing_history_table()
    years = sum(len(y) for y in history.REPORT_HISTORY_YEARS.values())
    assert len(table.data) == len(history.TREND_FIGURES) * years
    assert set(table.data["printed"]) == {"nee"}
