"""The shared chapter words: the Dutch list-joiner and the 'most named' ranking."""

from __future__ import annotations

import numpy as np
import pandas as pd

from werkdruk_utils.chapters.terms import join, top_rows


def test_join_writes_dutch_enumerations():
    assert join([]) == ""
    assert join(["a"]) == "a"
    assert join(["a", "b"]) == "a en b"
    assert join([2022, 2023, 2024]) == "2022, 2023 en 2024"


def test_top_rows_keeps_ties_and_skips_excluded_and_suppressed():
    results = pd.DataFrame(
        {
            "category": ["a", "b", "c", "d", "Anders", "e"],
            "estimate": [10.0, 30.0, 20.04, 19.96, 90.0, np.nan],
            "suppressed": [False, False, False, False, False, True],
        }
    )
    top = top_rows(results, 2, exclude=["Anders"])
    assert top["category"].tolist() == ["b", "c", "d"]  # c and d both print as 20,0
    assert top_rows(results, 10)["category"].tolist() == ["Anders", "b", "c", "d", "a"]
