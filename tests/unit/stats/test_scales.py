"""werkdruk_utils.stats.scales: scale scores, Cronbach's alpha and item shares on hand-made
frames."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from werkdruk_utils.stats import scales


def test_default_min_items_is_two_thirds_rounded_up() -> None:
    assert [scales.default_min_items(k) for k in (1, 2, 3, 4, 5, 6, 9)] == [1, 2, 2, 3, 4, 4, 6]
    with pytest.raises(scales.ScaleError):
        scales.default_min_items(0)


def test_scale_score_three_items() -> None:
    frame = pd.DataFrame(
        {"a": [1, 1, 1, pd.NA], "b": [2, pd.NA, pd.NA, pd.NA], "c": [3, 3, pd.NA, 4]}, dtype="Int64"
    )
    score = scales.scale_score(frame, ["a", "b", "c"])
    # row 1: (1+2+3)/3 = 2; row 2: 2 of 3 answered -> (1+3)/2 = 2; rows 3, 4: 1 of 3 -> missing
    assert score.iloc[0] == pytest.approx(2.0)
    assert score.iloc[1] == pytest.approx(2.0)
    assert score.iloc[2:].isna().all()
    assert list(score.index) == list(frame.index)


def test_scale_score_six_items_needs_four() -> None:
    four = [1, 2, 3, 2, np.nan, np.nan]
    three = [1, 2, 3, np.nan, np.nan, np.nan]
    frame = pd.DataFrame([four, three], columns=[f"v5_{i}" for i in range(1, 7)])
    score = scales.scale_score(frame, list(frame.columns))
    assert score.iloc[0] == pytest.approx(2.0)
    assert math.isnan(score.iloc[1])
    # an explicit minimum overrides the rule
    assert scales.scale_score(frame, list(frame.columns), min_items=3).iloc[1] == pytest.approx(2.0)


def test_scale_score_errors() -> None:
    frame = pd.DataFrame({"a": [1], "b": [2]})
    with pytest.raises(scales.ScaleError, match="not in the frame"):
        scales.scale_score(frame, ["a", "z"])
    with pytest.raises(scales.ScaleError, match="min_items"):
        scales.scale_score(frame, ["a", "b"], min_items=3)
    with pytest.raises(scales.ScaleError, match="numeric"):
        scales.scale_score(pd.DataFrame({"a": ["x"], "b": ["y"]}), ["a", "b"])


def test_cronbach_alpha_hand_computed() -> None:
    # x1 = 1,2,3,4 (var 5/3), x2 = 2,3,3,4 (var 2/3), sum = 3,5,6,8 (var 13/3)
    # alpha = 2 * (1 - (7/3)/(13/3)) = 12/13; the last row is incomplete and left out
    frame = pd.DataFrame({"x1": [1, 2, 3, 4, 1], "x2": [2, 3, 3, 4, np.nan]})
    assert scales.cronbach_alpha(frame, ["x1", "x2"]) == pytest.approx(12 / 13)


def test_cronbach_alpha_identical_items_is_one() -> None:
    frame = pd.DataFrame({"a": [1, 2, 4, 3], "b": [1, 2, 4, 3], "c": [1, 2, 4, 3]})
    assert scales.cronbach_alpha(frame, ["a", "b", "c"]) == pytest.approx(1.0)


def test_cronbach_alpha_needs_two_items_and_rows() -> None:
    with pytest.raises(scales.ScaleError, match="two items"):
        scales.cronbach_alpha(pd.DataFrame({"a": [1, 2]}), ["a"])
    with pytest.raises(scales.ScaleError, match="two complete rows"):
        scales.cronbach_alpha(pd.DataFrame({"a": [1, np.nan], "b": [1, 2]}), ["a", "b"])


def test_share_at_least() -> None:
    score = pd.Series([2.0, 2.5, 3.0, np.nan])
    assert scales.at_least(score).tolist()[:3] == [0.0, 1.0, 1.0]
    assert math.isnan(scales.at_least(score).iloc[3])
    assert scales.share_at_least(score) == pytest.approx(2 / 3)
    # weighted: (1 + 2) / (1 + 1 + 2); the missing score's weight does not count
    assert scales.share_at_least(score, weights=[1.0, 1.0, 2.0, 5.0]) == pytest.approx(0.75)
    assert scales.share_at_least(score, threshold=3.0) == pytest.approx(1 / 3)


def test_share_in_vaak_of_altijd_and_nee_of_soms() -> None:
    v6 = pd.Series([1, 2, 3, 4, pd.NA], dtype="Int64")
    assert scales.share_in(v6, scales.VAAK_OF_ALTIJD) == pytest.approx(0.5)
    v5 = pd.Series([1, 1, 2, 3], dtype="Int64")
    assert scales.share_in(v5, scales.NEE_OF_SOMS) == pytest.approx(0.5)
    assert scales.share_in(v5, scales.NEE_OF_SOMS, weights=[3, 1, 1, 1]) == pytest.approx(2 / 6)
    assert scales.indicator_in(v6, {3, 4}).tolist()[:4] == [0.0, 0.0, 1.0, 1.0]
    with pytest.raises(scales.ScaleError, match="weights"):
        scales.share_in(v5, {2}, weights=[1, 1])
