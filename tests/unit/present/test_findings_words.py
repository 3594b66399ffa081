"""Findings in words (the report's conclusions): the development over the measurements, groups
within one measurement and the most chosen answer, with every value and test in the fold; by
hand."""

import re
from types import SimpleNamespace

import pandas as pd

from werkdruk_utils.present.bases import plain
from werkdruk_utils.present.findings import (
    consistency_prefix,
    distribution_finding,
    group_comparison_finding,
    most_chosen_lines,
    significantly_higher,
    step_finding,
)

CHANGE_WORDS = ("gestegen", "gedaald", "hoger", "lager")


def years(values: dict[int, tuple[float, float, int]]) -> pd.DataFrame:
    """{year: (estimate, se, n)} as tidy percent rows (df = 100)."""
    return pd.DataFrame(
        [
            {
                "year": y,
                "variable": "v",
                "group_var": "totaal",
                "group": "totaal",
                "category": "Ja",
                "statistic": "percent",
                "estimate": est,
                "se": se,
                "ci_low": 0.0,
                "ci_high": 0.0,
                "n": n,
                "df": 100,
                "suppressed": False,
            }
            for y, (est, se, n) in values.items()
        ]
    )


def test_step_finding_says_each_step_in_words_and_folds_the_numbers():
    # 2022 -> 2023: no difference (p = 1); 2023 -> 2024: +6 with se sqrt(4 + 2,25) = 2,5,
    # t = 2,4 -> p = 0,017 (as the change sentences compute it)
    rows = years({2022: (50.0, 2.0, 310), 2023: (50.0, 2.0, 300), 2024: (56.0, 1.5, 280)})
    finding = step_finding(rows, subject="Het aandeel")
    assert plain(finding.text) == (
        "Het aandeel: van 2022 naar 2023 geen significante verandering en van 2023 naar 2024 "
        "significant gestegen."
    )
    assert [plain(t) for t in finding.tests] == [
        "Het aandeel: 2022: 50,0%; 2023: 50,0%; 2024: 56,0%",
        "Het aandeel, 2022 naar 2023: verschil 0,0 procentpunt, niet significant (p = 1,000)",
        "Het aandeel, 2023 naar 2024: verschil 6,0 procentpunt, significant (p = 0,017)",
    ]
    assert not re.search(r"\d", re.sub(r"\b20\d\d\b", "", plain(finding.text)))


def test_step_finding_without_a_significant_step_names_no_change():
    rows = years({2023: (50.0, 2.0, 300), 2024: (52.0, 1.5, 280)})
    text = plain(step_finding(rows, subject="Het aandeel").text)
    assert text == "Het aandeel: geen significante verandering tussen 2023 en 2024."
    three = years({2022: (51.0, 2.0, 310), 2023: (50.0, 2.0, 300), 2024: (52.0, 1.5, 280)})
    assert plain(step_finding(three, subject="Het aandeel").text) == (
        "Het aandeel: geen significante verandering tussen 2022, 2023 en 2024."
    )
    assert not any(w in text for w in CHANGE_WORDS)
    single = step_finding(years({2024: (52.0, 1.5, 280)}), subject="Het aandeel")
    assert plain(single.text) == "Het aandeel: er is geen eerdere meting om mee te vergelijken."


def groups(values: dict[str, tuple[float, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"group": g, "estimate": est, "n": n, "statistic": "percent"}
            for g, (est, n) in values.items()
        ]
    )


def test_group_comparison_finding_names_only_significant_differences():
    results = groups({"bao": (66.8, 900), "go": (54.0, 300), "G40": (58.3, 200)})
    tests = pd.DataFrame(
        {
            "group": ["go", "G40", "bao"],
            "reference": ["bao", "bao", "go"],
            "difference": [-12.8, -8.5, 1.0],
            "p": [0.0004, 0.2, float("nan")],
            "significant": [True, False, False],
        }
    )
    labels = {"bao": "het bao", "go": "het go", "G40": "de G40"}
    finding = group_comparison_finding(results, tests, subject="Het aandeel (2024)", labels=labels)
    assert plain(finding.text) == (
        "Het aandeel (2024): in het go significant lager dan in het bao; geen significant "
        "verschil tussen de G40 en het bao; het bao en het go zijn niet te vergelijken (te "
        "weinig respondenten)."
    )
    assert [plain(t) for t in finding.tests] == [
        "Het aandeel (2024): het go 54,0%, het bao 66,8%; verschil 12,8 procentpunt, "
        "significant (p < 0,001)",
        "Het aandeel (2024): de G40 58,3%, het bao 66,8%; verschil 8,5 procentpunt, niet "
        "significant (p = 0,200)",
    ]
    # the smaller base of the two groups compared carries the difference and its test
    assert 'data-n="300"' in finding.tests[0] and 'data-n="200"' in finding.tests[1]


def test_distribution_finding_folds_the_rao_scott_test():
    significant = distribution_finding(
        SimpleNamespace(statistic=5.123, p=0.03), subject="de antwoorden", groups="bao en go", n=250
    )
    assert (
        significant.text == "De verdeling van de antwoorden verschilt significant tussen bao en go."
    )
    assert plain(significant.tests[0]) == "de antwoorden, bao en go: Rao–Scott F = 5,12; p = 0,030"
    assert 'data-n="250"' in significant.tests[0]
    not_significant = distribution_finding(
        SimpleNamespace(statistic=0.5, p=0.48), subject="de antwoorden", groups="bao en go"
    )
    assert "verschilt niet significant" in not_significant.text
    untested = distribution_finding(
        SimpleNamespace(statistic=float("nan"), p=float("nan")), subject="x", groups="a en b"
    )
    assert (
        untested.text == "De verdeling van x is tussen a en b niet te toetsen."
        and not untested.tests
    )


def test_most_chosen_lines():
    current = pd.DataFrame(
        {
            "group": ["a", "a", "a", "b", "b"],
            "category": ["Ja", "Nee", "Weet niet", "Ja", "Nee"],
            "estimate": [30.0, 62.5, 7.5, float("nan"), float("nan")],
            "n": [80, 80, 80, 4, 4],
            "suppressed": [False, False, False, True, True],
        }
    )
    labels = {"a": "Leraar", "b": "Schoolleider"}
    lines = most_chosen_lines(current, ["a", "b"], labels)
    assert [plain(line) for line in lines] == [
        "Leraar: het vaakst gekozen antwoord is 'Nee' (62,5%).",
        "Schoolleider: te weinig respondenten om een cijfer te tonen.",
    ]
    assert 'data-n="80"' in lines[0]
    bare = most_chosen_lines(current, ["a"], labels, values=False)
    assert bare == ["Leraar: het vaakst gekozen antwoord is 'Nee'."]


def test_significantly_higher_orders_by_estimate():
    # difference = second - first: b is 17 above a (significant), c 4 above a (not), c 13 below
    # b (significant)
    pairs = pd.DataFrame(
        {
            "first": ["a", "a", "b"],
            "second": ["b", "c", "c"],
            "difference": [17.0, 4.0, -13.0],
            "significant": [True, False, True],
        }
    )
    estimates = {"a": 50.0, "b": 67.0, "c": 54.0}
    assert significantly_higher(pairs, estimates, ["a", "b", "c"]) == [("b", ["c", "a"])]
    none = pairs.assign(significant=False)
    assert significantly_higher(none, estimates, ["a", "b", "c"]) == []


def test_consistency_prefix():
    assert consistency_prefix([], []) == ""
    assert (
        consistency_prefix([2022, 2023], []) == "Net als bij de vorige metingen in 2022 en 2023, "
    )
    assert consistency_prefix([], [2022]) == "Anders dan bij de vorige meting in 2022, "


def test_a_distribution_test_on_a_small_group_is_not_shown():
    from types import SimpleNamespace

    from werkdruk_utils.present.findings import distribution_finding

    test = SimpleNamespace(statistic=0.8, p=0.379)
    small = distribution_finding(test, subject="de antwoorden", groups="bao en go", n=6, min_n=10)
    assert small.tests == [] and "niet te toetsen: te weinig respondenten" in small.text
    shown = distribution_finding(test, subject="de antwoorden", groups="bao en go", n=10, min_n=10)
    assert (
        shown.text == "De verdeling van de antwoorden verschilt niet significant tussen bao en go."
    )
    assert "p = 0,379" in shown.tests[0]
