"""Sentences on a declared result: the subject names the measurement's school years as a title
does, the tests go into one fold."""

from types import SimpleNamespace

import pandas as pd

from werkdruk_utils.declare import changes_text
from werkdruk_utils.present.bases import plain


def results(est_2024: float) -> pd.DataFrame:
    """One share in 2023 (50,0%, se 2, n 300) and 2024 (se 1,5, n 280)."""
    return pd.DataFrame(
        {
            "year": [2023, 2024],
            "variable": "v",
            "group_var": "totaal",
            "group": "totaal",
            "category": "Ja",
            "statistic": "percent",
            "estimate": [50.0, est_2024],
            "se": [2.0, 1.5],
            "ci_low": 0.0,
            "ci_high": 0.0,
            "n": [300, 280],
            "df": [100, 120],
            "suppressed": False,
        }
    )


def test_changes_text_fills_the_school_years_and_folds_the_tests():
    result = SimpleNamespace(frame=results(56.0), run_year=2024)
    text = changes_text(result, ("Het aandeel in schooljaar {evaluated}", "Ja"))
    running, fold = text.split("<details", 1)
    # 2024 evaluates school year 2022-2023; 50,0% -> 56,0%: difference 6, p = 0,017
    assert plain(running).strip() == (
        "Het aandeel in schooljaar 2022-2023 is gestegen van 50,0% in 2023 naar 56,0% in 2024."
    )
    assert "p = 0,017" in plain(fold) and fold.count("<li>") == 1


def test_grouping_notes_give_the_achterstand_tertiles_per_measurement():
    from werkdruk_utils.declare.layout import grouping_notes

    # bao scores 0, 3, 6, 9 (go's 100 left out): linear quantiles at 1/3 and 2/3 are 3 and 6
    schools = pd.DataFrame(
        {"sector": ["bao"] * 4 + ["go"], "achterstandsscore": [0.0, 3.0, 6.0, 9.0, 100.0]}
    )
    data = SimpleNamespace(measurements={2024: SimpleNamespace(schools=schools)})
    result = SimpleNamespace(declaration=SimpleNamespace(by="achterstand"), data=data)
    (note,) = grouping_notes(result)
    assert "2024: laag ≤ 3,0000 < midden ≤ 6,0000 < hoog" in note
    other = SimpleNamespace(declaration=SimpleNamespace(by="sector"), data=data)
    assert grouping_notes(other) == []
