"""Sentences on a declared result (the subject names the measurement's school years as a title
does, the tests go into one fold) and the notes on how a grouping is formed."""

from types import SimpleNamespace

import pandas as pd

from werkdruk_utils.declare import Share, changes_text
from werkdruk_utils.declare.estimates import Data, estimate, evaluate
from werkdruk_utils.declare.layout import grouping_notes
from werkdruk_utils.present.bases import plain


def test_changes_text_fills_the_school_years_and_folds_the_tests(kit):
    # 4 of 8 schoolleiders answer 'Ja' in both years: 50,0% and 50,0%, difference 0
    answers = [1, 1, 2, 2, 1, 1, 2, 2]  # in bao and in go: Ja, Nee, Ja, Nee
    years = {y: kit.answering(y, v13=answers) for y in (2023, 2024)}
    result = evaluate(
        Data(years, run_year=2024, min_n=1),
        estimate(Share("v13", answers=("Ja",)), population="school_leaders", weighting="none"),
    )
    text = changes_text(result, ("Het aandeel in schooljaar {evaluated}", "Ja"))
    running, fold = text.split("<details", 1)
    assert plain(running).strip() == (
        "Het aandeel in schooljaar 2022-2023 is in 2024 50,0%, vergelijkbaar met 2023 (50,0%)."
    )
    assert "verschil 0,0 procentpunt, niet significant" in plain(fold)
    assert fold.count("<li>") == 1
    beside_run_year = changes_text(result, ("Het aandeel", "Ja"), earlier_values=False)
    assert plain(beside_run_year.split("<details")[0]).strip() == (
        "Het aandeel is in 2024 50,0%, vergelijkbaar met 2023."
    )


def test_grouping_notes_give_the_achterstand_tertiles_per_measurement():
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
