import pandas as pd
import pytest

from werkdruk_utils.stats import breakdowns


def test_cut_points_are_tertiles_of_the_sampled_bao_schools():
    # bao scores .01 ... .06 (six schools; the go school has none): 1/3 quantile = .01 + (5/3) * .01
    # = .02667,
    # 2/3 quantile = .01 + (10/3) * .01 = .04333 (linear interpolation).
    schools = pd.DataFrame(
        {
            "sector": ["bao"] * 6 + ["go"],
            "achterstandsscore": [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, None],
        }
    )
    low, high = breakdowns.achterstand_cut_points(schools)
    assert low == pytest.approx(0.026667, abs=1e-6) and high == pytest.approx(0.043333, abs=1e-6)
    labels = breakdowns.achterstand_category(pd.Series([0.01, 0.03, 0.05, None]), (low, high))
    assert labels.tolist()[:3] == ["laag", "midden", "hoog"] and labels.isna().tolist()[3]


def test_too_few_schools():
    with pytest.raises(ValueError, match="at least 3"):
        breakdowns.achterstand_cut_points(
            pd.DataFrame({"sector": ["bao", "bao"], "achterstandsscore": [0.1, 0.2]})
        )
