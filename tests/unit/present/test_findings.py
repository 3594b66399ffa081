import pandas as pd

from werkdruk_utils.present.findings import change_sentence


def results(est_2024, se_2024=1.5, suppressed=False):
    return pd.DataFrame(
        {
            "year": [2023, 2024],
            "variable": "v",
            "group_var": "totaal",
            "group": "totaal",
            "category": "Ja",
            "statistic": "percent",
            "estimate": [50.0, est_2024],
            "se": [2.0, se_2024],
            "ci_low": 0.0,
            "ci_high": 0.0,
            "n": [300, 280],
            "df": [100, 120],
            "suppressed": [False, suppressed],
        }
    )


def test_significant_change_is_called_a_change():
    # difference 6, se sqrt(4 + 2,25) = 2,5, t = 2,4, df 219 -> p = 0,017
    text = change_sentence(results(56.0), 2024, subject="Het aandeel")
    assert (
        text == "Het aandeel is in 2024 56,0% (n = 280); dat is 6,0 procentpunt hoger dan in 2023 "
        "(50,0%; significant, p = 0,017)."
    )


def test_non_significant_difference_is_not_called_a_change():
    text = change_sentence(results(52.0), 2024, subject="Het aandeel")
    assert (
        "niet significant anders dan in 2023" in text
        and "hoger" not in text
        and "lager" not in text
    )


def test_suppressed():
    text = change_sentence(results(52.0, suppressed=True), 2024, subject="Het aandeel")
    assert "te weinig respondenten" in text
