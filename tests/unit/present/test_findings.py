import re

import pandas as pd
import pytest

from werkdruk_utils.present.bases import plain
from werkdruk_utils.present.findings import change_finding, change_sentence, paragraph


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


def three_years(est_2024, est_2022=50.0):
    frame = results(est_2024)
    first = frame.iloc[[0]].assign(year=2022, estimate=est_2022, n=310)
    return pd.concat([first, frame], ignore_index=True)


def test_significant_change_is_called_a_change_and_the_test_goes_in_the_fold():
    # difference 6, se sqrt(4 + 2,25) = 2,5, t = 2,4, df 219 -> p = 0,017
    finding = change_finding(results(56.0), 2024, subject="Het aandeel")
    assert plain(finding.text) == "Het aandeel is gestegen van 50,0% in 2023 naar 56,0% in 2024."
    assert [plain(t) for t in finding.tests] == [
        "Het aandeel, 2024 tegen 2023: verschil 6,0 procentpunt, significant (p = 0,017); "
        "n = 280 en 300"
    ]
    lower = change_finding(results(44.0), 2024, subject="Het aandeel")
    assert plain(lower.text) == "Het aandeel is gedaald van 50,0% in 2023 naar 44,0% in 2024."


def test_non_significant_difference_is_not_called_a_change():
    finding = change_finding(results(52.0), 2024, subject="Het aandeel")
    assert plain(finding.text) == "Het aandeel is in 2024 52,0%, vergelijkbaar met 2023 (50,0%)."
    assert "niet significant" in plain(finding.tests[0])
    for word in ("hoger", "lager", "gestegen", "gedaald"):
        assert word not in finding.text


def test_two_earlier_years_mixed():
    finding = change_finding(three_years(56.0, est_2022=55.0), 2024, subject="Het aandeel")
    assert plain(finding.text) == (
        "Het aandeel is in 2024 56,0%: vergelijkbaar met 2022 (55,0%) en hoger dan in 2023 (50,0%)."
    )
    assert len(finding.tests) == 2


def test_running_text_has_no_p_values_and_one_fold_per_paragraph():
    text = paragraph(
        [
            change_finding(results(56.0), 2024, subject="Het aandeel"),
            change_finding(results(52.0), 2024, subject="Het andere aandeel"),
        ]
    )
    running, fold = text.split("<details", 1)
    fold = "<details" + fold
    assert "\n" not in text  # one line: it can be one item of a list
    assert not re.search(r"\bp\s*[=<]", running) and "n =" not in running
    assert fold.count("<details") == 1 and fold.count("<li>") == 2
    assert plain(change_sentence(results(56.0), 2024, subject="Het aandeel")).startswith(
        "Het aandeel is gestegen"
    )


def test_suppressed():
    text = change_sentence(results(52.0, suppressed=True), 2024, subject="Het aandeel")
    assert "te weinig respondenten" in text


def test_group_differences_name_the_extremes_and_what_is_significant():
    from werkdruk_utils.present.findings import group_difference_finding

    estimates = [("schoolleiders", 2.92), ("leraren", 2.69), ("overig personeel", 2.22)]
    pairs = [
        ("schoolleiders", "leraren", 0.23, 0.0004, True),
        ("schoolleiders", "overig personeel", 0.70, 0.0001, True),
        ("leraren", "overig personeel", 0.47, 0.2, False),
    ]
    finding = group_difference_finding(estimates, pairs, year=2024, term="kwantitatieve taakeisen")
    assert plain(finding.text) == (
        "De gemiddelde score op kwantitatieve taakeisen is in 2024 het hoogst bij schoolleiders "
        "(2,92) en het laagst bij overig personeel (2,22). Significant zijn de verschillen tussen "
        "schoolleiders en leraren en tussen schoolleiders en overig personeel; de andere "
        "verschillen zijn niet significant."
    )
    assert not re.search(r"\bp\s*[=<]", finding.text) and len(finding.tests) == 3
    assert "niet significant (p = 0,200)" in plain(finding.tests[2])
    none = group_difference_finding(
        estimates, [(a, b, d, 0.5, False) for a, b, d, *_ in pairs], year=2024, term="x"
    )
    assert plain(none.text).endswith("Geen van de verschillen tussen de groepen is significant.")
    two = group_difference_finding(
        [("bao", 2.61), ("go", 2.57)], [("bao", "go", 0.04, 0.3, False)], year=2024, term="x"
    )
    assert plain(two.text).endswith("het laagst bij go (2,57). Het verschil is niet significant.")


def test_every_number_of_a_finding_carries_its_base():
    from werkdruk_utils.present.findings import group_difference_finding
    from werkdruk_utils.publish.bases_check import check_html

    def bases(text):
        return [(number, base) for _, number, base, _ in check_html(text, 10)]

    text = change_sentence(results(56.0), 2024, subject="Het aandeel")
    # the estimates rest on their n (280 in 2024, 300 in 2023); difference and p on the smaller
    assert bases(text) == [
        ("50,0", "n=300"),
        ("2023", "jaartal"),
        ("56,0", "n=280"),
        ("2024", "jaartal"),
        ("2024", "jaartal"),
        ("2023", "jaartal"),
        ("6,0", "n=280"),
        ("0,017", "n=280"),
        ("280", "n=280"),
        ("300", "n=300"),
    ]
    finding = group_difference_finding(
        [("schoolleiders", 2.92, 270), ("leraren", 2.69, 900)],
        [("schoolleiders", "leraren", 0.23, 0.0004, True)],
        year=2024,
        term="kwantitatieve taakeisen",
    )
    assert ("2,92", "n=270") in bases(finding.text) and ("2,69", "n=900") in bases(finding.text)
    assert ("0,23", "n=270") in bases(finding.tests[0])


def test_earlier_values_left_to_the_fold_for_a_table_of_the_run_year():
    # 2024 against 2023: difference 6, p = 0,017 (as above)
    finding = change_finding(results(56.0), 2024, subject="Het aandeel", earlier_values=False)
    assert plain(finding.text) == "Het aandeel is in 2024 56,0%: hoger dan in 2023."
    assert plain(finding.tests[0]).startswith("Het aandeel, 2024 tegen 2023 (50,0%): verschil 6,0")
    same = change_finding(results(52.0), 2024, subject="Het aandeel", earlier_values=False)
    assert plain(same.text) == "Het aandeel is in 2024 52,0%, vergelijkbaar met 2023."


def by_group(changed: float, stable: float = 51.0) -> pd.DataFrame:
    return pd.concat(
        [results(changed).assign(group="a"), results(stable).assign(group="b")], ignore_index=True
    )


def test_group_changes_name_the_stable_groups_together_and_the_changed_ones_apart():
    from werkdruk_utils.present.findings import group_changes_finding

    # a: 50 -> 56 significant (p = 0,017); b: 50 -> 51, t = 0,4: comparable
    finding = group_changes_finding(
        by_group(56.0),
        2024,
        groups={"a": "leraren", "b": "schoolleiders"},
        subject="Het aandeel {group}",
        what="het aandeel",
    )
    assert plain(finding.text) == (
        "Bij schoolleiders is het aandeel in 2024 vergelijkbaar met 2023. "
        "Het aandeel leraren is gestegen van 50,0% in 2023 naar 56,0% in 2024."
    )
    assert len(finding.tests) == 2
    both = group_changes_finding(
        by_group(52.0), 2024, groups={"a": "x", "b": "y"}, subject="{group}", what="het aandeel"
    )
    assert plain(both.text) == "Bij alle groepen is het aandeel in 2024 vergelijkbaar met 2023."
    hidden = by_group(52.0).assign(suppressed=lambda f: (f["group"] == "a") & (f["year"] == 2024))
    text = plain(
        group_changes_finding(
            hidden, 2024, groups={"a": "x", "b": "y"}, subject="Het aandeel {group}", what="het"
        ).text
    )
    assert text.startswith("Bij y is het in 2024 vergelijkbaar met 2023. Het aandeel x: in 2024")


def test_change_findings_find_a_category_by_part_of_its_label():
    from werkdruk_utils.present.findings import change_findings

    frame = results(56.0).assign(category="Ja, wij kregen volledige vrijheid")
    (finding,) = change_findings(frame, 2024, ("Het aandeel", "volledige vrijheid"))
    assert plain(finding.text) == "Het aandeel is gestegen van 50,0% in 2023 naar 56,0% in 2024."
    (whole,) = change_findings(frame, 2024, ("Het aandeel",), earlier_values=False)
    assert plain(whole.text) == "Het aandeel is in 2024 56,0%: hoger dan in 2023."
    with pytest.raises(KeyError, match="names 0"):
        change_findings(frame, 2024, ("Het aandeel", "geen eisen"))
