"""Sample and response per measurement in words and as a table with the mean; by hand."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from werkdruk_utils.declare.descriptives import response_by_year_table, response_text


def test_response_text_per_measurement_and_the_mean():
    def measurement(year, schools, per_school):
        ids = [f"s{i}" for i in range(len(per_school)) for _ in range(per_school[i])]
        respondents = pd.DataFrame({"school_id": ids, "analysis_group": "leraar"})
        frame = pd.DataFrame({"school_id": [f"s{i}" for i in range(schools)]})
        return SimpleNamespace(year=year, respondents=respondents, schools=frame)

    data = SimpleNamespace(
        measurements={2024: measurement(2024, 10, [2, 4]), 2023: measurement(2023, 10, [1, 3])}
    )
    assert response_text(data) == (
        "Per meting: 2023: 10 scholen in de steekproef, 2 deelnemende scholen en 4 respondenten; "
        "2024: 10 scholen in de steekproef, 2 deelnemende scholen en 6 respondenten. Gemiddeld "
        "over de metingen 2023 en 2024 hebben 2 scholen meegewerkt en 5 personen de vragenlijst "
        "ingevuld."
    )


def test_response_table_with_the_mean_of_the_measurements():
    def measurement(year, per_school):
        ids = [f"s{i}" for i in range(len(per_school)) for _ in range(per_school[i])]
        respondents = pd.DataFrame({"school_id": ids, "analysis_group": "leraar"})
        frame = pd.DataFrame({"school_id": [f"s{i}" for i in range(10)]})
        return SimpleNamespace(year=year, respondents=respondents, schools=frame)

    data = SimpleNamespace(
        measurements={2023: measurement(2023, [1, 3]), 2024: measurement(2024, [2, 4, 6])}
    )
    table = response_by_year_table(data, mean_row=True)
    # schools 2 and 3 -> 2,5 -> '3' (half up); respondents 4 and 12 -> 8
    assert table.display.loc["Gemiddeld"].tolist() == ["10", "3", "–", "8", "–", "–"]
    assert list(response_by_year_table(data).display.index) == ["2023", "2024"]
