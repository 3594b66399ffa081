"""The three counts of a page's self-check as the page shows them: green only when all hold, each
failure with its reason, documented contradictions named."""

from __future__ import annotations

import re

import pandas as pd

from werkdruk_utils.check.selfcheck import Count, SelfCheck
from werkdruk_utils.present.presentation import FAILURES_SHOWN, self_check_summary

NONE = pd.DataFrame(columns=["source_id", "reason", "documented"])


def count(key: str, passed: int, total: int, failures: pd.DataFrame = NONE, documented=0):
    return Count(key, f"{key}-label", passed, total, documented, failures)


def test_green_when_every_count_holds():
    page = self_check_summary(
        SelfCheck(2024, count("a", 3, 3), count("b", 2, 2), count("c", 1, 1)), "Buiten: x"
    )
    assert "check-green" in page and "in orde." in page and "niet in orde" not in page
    assert page.count("✓") == 3 and "Buiten: x" in page


def test_a_failure_is_listed_with_its_reason_and_documented_ones_named():
    failures = pd.DataFrame(
        {
            "source_id": ["Tabel 3.4", "Tabel 3.2"],
            "category": ["Anders", "Groepsleerkrachten"],
            "reason": ["afgerond 5,9 in plaats van 6,0", "te hoog"],
            "documented": [False, True],
        }
    )
    page = self_check_summary(
        SelfCheck(2024, count("a", 3, 3), count("b", 0, 2, failures, 1), count("c", 1, 1))
    )
    assert "check-red" in page and "niet in orde" in page
    assert "Tabel 3.4 · Anders: afgerond 5,9 in plaats van 6,0</li>" in page
    assert "Tabel 3.2 · Groepsleerkrachten: te hoog (tegenstrijdig in het rapport)" in page


def test_long_failure_lists_are_cut_with_a_pointer_to_the_csv():
    many = pd.DataFrame(
        {"source_id": ["Tabel X"] * 20, "reason": ["r"] * 20, "documented": [False] * 20}
    )
    page = self_check_summary(
        SelfCheck(2024, count("a", 0, 20, many), count("b", 1, 1), count("c", 1, 1))
    )
    assert page.count("Tabel X: r") == FAILURES_SHOWN
    assert f"en nog {20 - FAILURES_SHOWN} (zie de CSV)" in page


def test_a_count_s_failures_are_a_list_inside_its_item():
    """A list holds only items: the failures are nested in their count's item (axe: 'list')."""
    failures = pd.DataFrame({"source_id": ["Tabel 3.4"], "reason": ["te hoog"], "documented": [0]})
    page = self_check_summary(
        SelfCheck(2024, count("a", 0, 1, failures), count("b", 1, 1), count("c", 1, 1))
    )
    assert not re.search(r"</li>\s*<ul>", page)
    assert re.search(r"<li>✗ [^<]*<ul><li>Tabel 3.4: te hoog</li></ul>\s*</li>", page)
