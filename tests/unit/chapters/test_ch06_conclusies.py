"""Hoofdstuk 6 / Samenvatting: hand-computed checks of the sentence builders on every key figure and
of the rankings."""

from __future__ import annotations

import math
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from werkdruk_utils.chapters import ch06_conclusies as ch
from werkdruk_utils.chapters.terms import top_list, top_rows, top_rows_with_years
from werkdruk_utils.declare import ScaleMean
from werkdruk_utils.present.findings import (
    change_sentence,
    distribution_sentence,
    group_difference_sentence,
    step_sentence,
)


def statistic(figure) -> str:
    return "mean" if isinstance(figure.measure, ScaleMean) else "percent"


CHANGE_WORDS = ("gedaald", "gestegen", "hoger", "lager", "meer", "minder")


def has_change_word(text: str) -> list[str]:
    return [w for w in CHANGE_WORDS if re.search(rf"\b{w}\b", text, flags=re.IGNORECASE)]


def result_rows(
    values: dict[int, tuple[float, float]],
    *,
    statistic: str = "percent",
    category: str = "x",
    n: int = 1000,
    suppressed: tuple[int, ...] = (),
) -> pd.DataFrame:
    """Tidy results by hand: {year: (estimate, se)}; df = n - 1, interval estimate ± 1,96 se."""
    rows = []
    for year, (est, se) in values.items():
        hidden = year in suppressed
        rows.append(
            {
                "year": year,
                "variable": "v",
                "group_var": "totaal",
                "group": "totaal",
                "category": category,
                "statistic": statistic,
                "estimate": math.nan if hidden else est,
                "se": math.nan if hidden else se,
                "ci_low": est - 1.96 * se,
                "ci_high": est + 1.96 * se,
                "n": 5 if hidden else n,
                "df": n - 1,
                "suppressed": hidden,
            }
        )
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------------------------
# step_sentence: consecutive measurement years


def test_step_sentence_significant_by_hand():
    # 60 - 50 = 10 pp, se = sqrt(1 + 1) = 1.41, t = 7.07: p far below 0.05.
    text = step_sentence(result_rows({2022: (50.0, 1.0), 2023: (60.0, 1.0)}), subject="Het aandeel")
    assert text == (
        "Het aandeel (2022: 50,0%; 2023: 60,0%): van 2022 naar 2023 significant hoger "
        "(10,0 procentpunt; p < 0,001)."
    )


def test_step_sentence_significant_decrease_of_a_mean():
    # 1.70 - 1.80 = -0.10, se = sqrt(0.02² + 0.02²) = 0.028, t = -3.5.
    text = step_sentence(
        result_rows({2023: (1.80, 0.02), 2024: (1.70, 0.02)}, statistic="mean"), subject="De score"
    )
    assert "van 2023 naar 2024 significant lager (0,10 schaalpunt" in text
    assert "2023: 1,80; 2024: 1,70" in text


def test_step_sentence_not_significant_by_hand():
    # 51 - 50 = 1 pp, se = sqrt(25 + 25) = 7.07, t = 0.14: p = 0.89.
    text = step_sentence(result_rows({2022: (50.0, 5.0), 2023: (51.0, 5.0)}), subject="Het aandeel")
    assert "van 2022 naar 2023 geen significant verschil (p = 0,888)" in text
    assert not has_change_word(text)


def test_step_sentence_three_years_each_step_tested_separately():
    # 2022 -> 2023 +10 (significant), 2023 -> 2024 +1 with large se (not significant).
    rows = result_rows({2022: (40.0, 1.0), 2023: (50.0, 1.0), 2024: (51.0, 5.0)})
    text = step_sentence(rows, subject="S")
    assert "van 2022 naar 2023 significant hoger (10,0 procentpunt" in text
    assert "van 2023 naar 2024 geen significant verschil" in text


def test_step_sentence_single_year_and_suppressed():
    assert (
        step_sentence(result_rows({2022: (50.0, 1.0)}), subject="S")
        == "S (2022: 50,0%); geen eerdere meting om mee te vergelijken."
    )
    text = step_sentence(
        result_rows({2022: (50.0, 1.0), 2023: (80.0, 1.0)}, suppressed=(2023,)), subject="S"
    )
    assert "2023: niet getoond" in text and "niet te toetsen" in text and not has_change_word(text)


# ----------------------------------------------------------------------------------------------
# group comparisons within a year


def make_tests_frame(rows: list[tuple[str, str, float, float, bool]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["group", "reference", "difference", "p", "significant"])


def test_group_difference_sentence_significant_and_not():
    estimates = {"bao": 67.0, "go": 54.0, "G4": 60.0}
    tests = make_tests_frame([("go", "bao", -13.0, 0.004, True), ("G4", "bao", -7.0, 0.2, False)])
    text = group_difference_sentence(
        estimates, tests, subject="Daling", labels={"bao": "bao", "go": "go", "G4": "G4"}
    )
    assert text == (
        "Daling: go (54,0%) significant lager dan bao (67,0%; p = 0,004); "
        "G4 (60,0%) en bao (67,0%) verschillen niet significant (p = 0,200)."
    )


def test_group_difference_sentence_without_test():
    tests = make_tests_frame([("go", "bao", math.nan, math.nan, False)])
    text = group_difference_sentence({"bao": 67.0}, tests, subject="S", labels={})
    assert "niet te vergelijken" in text and not has_change_word(text)


def test_group_difference_sentence_non_significant_has_no_change_words():
    tests = make_tests_frame([("go", "bao", 20.0, 0.06, False), ("G4", "bao", -20.0, 0.3, False)])
    text = group_difference_sentence(
        {"bao": 50.0, "go": 70.0, "G4": 30.0}, tests, subject="S", labels={}
    )
    assert not has_change_word(text) and "vaker" not in text


def test_distribution_sentence():
    significant = distribution_sentence(
        SimpleNamespace(statistic=4.444, p=0.0021), subject="de antwoorden", groups="bao en go"
    )
    assert (
        significant
        == "De verdeling van de antwoorden verschilt significant tussen bao en go (Rao–Scott F = "
        "4,44; p = 0,002)."
    )
    not_significant = distribution_sentence(
        SimpleNamespace(statistic=0.5, p=0.6), subject="de antwoorden", groups="bao en go"
    )
    assert "verschilt niet significant" in not_significant and not has_change_word(not_significant)


# ----------------------------------------------------------------------------------------------
# every key indicator: a non-significant difference never reads as a difference


@pytest.mark.parametrize("ind", ch.KEY_FIGURES, ids=lambda i: i.key)
def test_indicator_sentences_without_change_words_when_not_significant(ind):
    rows = result_rows(
        {2022: (50.0, 5.0), 2023: (51.0, 5.0), 2024: (52.0, 5.0)},
        statistic=statistic(ind),
        category=ind.label,
    )
    for text in (
        change_sentence(rows, 2024, subject=ind.subject),
        step_sentence(rows, subject=ind.subject),
    ):
        assert not has_change_word(text), f"{ind.key}: {has_change_word(text)} in '{text}'"
        assert "niet significant" in text or "geen significant" in text


@pytest.mark.parametrize("ind", ch.KEY_FIGURES, ids=lambda i: i.key)
def test_indicator_sentences_name_a_significant_difference(ind):
    rows = result_rows(
        {2023: (50.0, 1.0), 2024: (40.0, 1.0)}, statistic=statistic(ind), category=ind.label
    )
    text = change_sentence(rows, 2024, subject=ind.subject)
    assert " gedaald van " in text and " in 2023 naar " in text
    assert "significant lager" in step_sentence(rows, subject=ind.subject)


# ----------------------------------------------------------------------------------------------
# rankings, indicators


def ranking_frame() -> pd.DataFrame:
    rows = [
        (2022, "A", 50.0),
        (2022, "B", 40.0),
        (2022, "C", 30.0),
        (2022, "D", 10.0),
        (2023, "A", 20.0),
        (2023, "B", 45.0),
        (2023, "D", 44.96),
        (2023, "C", 5.0),
    ]
    return pd.DataFrame(rows, columns=["year", "category", "estimate"]).assign(suppressed=False)


def top(frame, k, **kw) -> list:
    return list(top_rows(frame, k, **kw)["category"])


def test_top_rows_ties_at_one_decimal():
    # 2023: B 45,0 and D 44,96 -> 45,0 tie for the first place, both in a top 1.
    assert top(ranking_frame()[lambda f: f["year"] == 2023], 1) == ["B", "D"]
    assert top(ranking_frame()[lambda f: f["year"] == 2022], 2) == ["A", "B"]
    assert top(ranking_frame()[lambda f: f["year"] == 2022], 2, exclude=["A"]) == ["B", "C"]


def test_top_rows_with_years_by_hand():
    # top 2 in 2022: A, B; in 2023: B, D -> last year's top first (B, D), then A.
    assert top_rows_with_years(ranking_frame(), 2) == [
        ("B", [2022, 2023]),
        ("D", [2023]),
        ("A", [2022]),
    ]
    assert top_list([("B", [2022, 2023])]) == "- B (2022, 2023)"


def test_key_figure_subjects_state_no_change():
    for figure in ch.KEY_FIGURES:
        assert not has_change_word(figure.subject), figure.key
    assert len({f.key for f in ch.KEY_FIGURES}) == len(ch.KEY_FIGURES)


def test_causes_text_says_whether_the_most_named_causes_stay_the_same():
    def rows(year, sector, values):
        return [
            {"year": year, "group": sector, "category": c, "estimate": v, "suppressed": False}
            for c, v in values.items()
        ]

    frame = pd.DataFrame(
        rows(2023, "bao", {"A": 60.0, "B": 50.0, "Anders, namelijk": 90.0})
        + rows(2024, "bao", {"A": 61.0, "B": 52.0, "Anders, namelijk": 95.0})
        + rows(2023, "go", {"A": 60.0, "B": 50.0, "C": 10.0})
        + rows(2024, "go", {"A": 20.0, "B": 50.0, "C": 40.0})
    )
    text = ch.causes_text(SimpleNamespace(frame=frame, years=[2023, 2024]), k=2)
    bao, go = text.split("In het gespecialiseerd")
    assert "- A (2023, 2024)\n- B (2023, 2024)" in bao and "Anders" not in bao
    assert "Deze oorzaken staan in elke meting (2023 en 2024) bovenaan." in bao
    assert "- B (2023, 2024)\n- C (2024)\n- A (2023)" in go
    assert "wisselen de meest genoemde oorzaken" in go
