"""stats.multiplicity: Benjamini-Hochberg by hand and against R's p.adjust, the page summary."""

import math

import numpy as np
import pandas as pd
import pytest

from werkdruk_utils.stats import multiplicity as mu


def test_bh_by_hand():
    # p sorted: 0.01, 0.02, 0.03, 0.5 (m = 4): 0.04, 0.04, 0.04, 0.5 after the running minimum
    # R: p.adjust(c(0.03, 0.5, 0.01, 0.02), "BH") -> 0.04 0.50 0.04 0.04
    assert mu.bh_adjust([0.03, 0.5, 0.01, 0.02]) == pytest.approx([0.04, 0.5, 0.04, 0.04])
    # R: p.adjust(c(0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205), "BH")
    r = [0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.0845714285714286, 0.205]
    p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205]
    assert mu.bh_adjust(p) == pytest.approx(r)
    out = mu.bh_adjust([0.2, np.nan, 0.9])
    assert math.isnan(out[1]) and out[0] == pytest.approx(0.4) and out[2] == pytest.approx(0.9)
    assert mu.bh_adjust([0.9, 0.95]).max() <= 1.0


def test_adjusted_columns_sit_next_to_the_p_values():
    tidy = pd.DataFrame({"group": ["a", "b", "c"], "p_previous": [0.01, 0.04, np.nan], "n": 1})
    out = mu.with_adjusted_p(tidy)
    assert list(out.columns) == ["group", "p_previous", "p_previous_bh", "n"]
    assert out["p_previous_bh"].iloc[:2].tolist() == pytest.approx([0.02, 0.04])


def test_a_rao_scott_test_repeated_on_its_rows_counts_once():
    tidy = pd.DataFrame(
        {
            "characteristic": ["sector", "sector", "gemeente", "gemeente", "gemeente"],
            "rao_scott_p": [0.02, 0.02, 0.03, 0.03, 0.03],
        }
    )
    out = mu.with_adjusted_p(tidy)
    assert out["rao_scott_p_bh"].tolist() == pytest.approx([0.03] * 5)
    summary = mu.comparisons_summary([tidy])
    assert (summary.tests, summary.significant, summary.significant_adjusted) == (2, 2, 2)


def test_summary_sentence():
    tables = [pd.DataFrame({"p_previous": [0.001, 0.2, 0.04, np.nan] + [0.5] * 16})]
    summary = mu.comparisons_summary(tables)
    assert summary.tests == 19 and summary.significant == 2 and summary.significant_adjusted == 1
    assert summary.expected_by_chance == pytest.approx(0.95)
    text = summary.sentence()
    assert "19 verschillen getoetst" in text and "ongeveer 1,0 significant" in text
    assert text.startswith("Buiten het rapport")
