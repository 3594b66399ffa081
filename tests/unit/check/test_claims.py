"""werkdruk_utils.check.claims: the claims file and its map, the judging rules, and claims that flip
when their data are changed."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest

from werkdruk_utils.check import claims as cl
from werkdruk_utils.inputs.codebook import ANALYSIS_GROUPS

# --------------------------------------------------------------------------------------------
# years


def test_comparisons_and_years() -> None:
    assert cl.comparisons("2022 vs 2024") == [(2022, 2024)]
    assert cl.comparisons("2022;2023 vs 2024") == [(2022, 2024), (2023, 2024)]
    assert cl.comparisons("2022 vs 2023;2024") == [(2022, 2023), (2022, 2024)]
    assert cl.comparisons("2022;2023;2024") == [(2022, 2023), (2022, 2024), (2023, 2024)]
    # before the monitor: only the 2022-2024 part is tested, here nothing
    assert cl.comparisons("2017 vs 2024") == []
    assert cl.comparisons("2017;2022 vs 2024") == [(2022, 2024)]
    assert cl.claim_years("2022;2023") == [2022, 2023]
    assert cl.claim_years("2009;2014;2017;2019;2020;2022;2023;2024") == [2022, 2023, 2024]


# --------------------------------------------------------------------------------------------
# the files


def test_every_claim_has_a_check_or_a_reason() -> None:
    claims = cl.load_claims()
    assert len(claims) == 335 and claims.index.is_unique
    compiled = cl.compile_map(cl.load_map(), claims)
    assert set(compiled.checks) | set(compiled.not_testable) == set(claims.index)
    assert not set(compiled.checks) & set(compiled.not_testable)
    # every claim whose significance the report states, and every level, has a check unless it
    # is about data outside the monitor (NEA, Oberon) or too vague to measure
    stated = claims[claims["significant"].isin(["yes", "no"]) | (claims["kind"] == "level")]
    untested = sorted(set(stated.index) - set(compiled.checks))
    external = {"C041", "C212", "C224", "C056", "C057", "C201"}
    vague = {"C002", "C213", "C214", "C243", "C289"}
    assert set(untested) == external | vague


def test_claims_copy_differs_from_the_extraction_only_in_documented_corrections() -> None:
    claims = cl.load_claims()
    corrected = claims[claims["note"].str.contains("years corrected from 2022;2023;2024")]
    assert sorted(corrected.index) == [
        "C062",
        "C063",
        "C064",
        "C065",
        "C085",
        "C086",
        "C087",
        "C088",
        "C156",
        "C158",
        "C190",
        "C242",
    ]
    assert (corrected["years"] == "2022;2023 vs 2024").all()


def test_map_rejects_a_claim_without_check() -> None:
    claims = cl.load_claims()
    mapping = dict(cl.load_map())
    mapping["not_testable"] = [e for e in mapping["not_testable"] if "C149" not in e["claims"]]
    with pytest.raises(cl.ClaimsError, match="C149"):
        cl.compile_map(mapping, claims)


# --------------------------------------------------------------------------------------------
# judging


def T(diff: float, p: float) -> cl.Test:
    return cl.Test(diff, p, 100, "t")


def test_a_flipped_sign_fails() -> None:
    ok = cl.judge_tests([T(0.3, 0.001)], "group_difference", "higher", "yes")
    assert ok.status == "reproduced" and ok.observed_direction == "higher"
    flipped = cl.judge_tests([T(-0.3, 0.001)], "group_difference", "higher", "yes")
    assert flipped.status == "not_reproduced" and "andere richting" in flipped.note
    assert flipped.observed_direction == "lower"


def test_significance_must_agree() -> None:
    assert cl.judge_tests([T(0.3, 0.2)], "year_change", "increase", "yes").status == (
        "not_reproduced"
    )
    # every comparison a claim makes must hold
    both = [T(-1.0, 0.01), T(-1.0, 0.09)]
    assert cl.judge_tests(both, "year_change", "decrease", "yes").status == "not_reproduced"
    # 'no significant difference': any significant comparison fails, whatever its sign
    assert cl.judge_tests([T(0.01, 0.6)], "stable", "none", "no").status == "reproduced"
    assert cl.judge_tests([T(0.01, 0.6), T(0.5, 0.04)], "stable", "none", "no").status == (
        "not_reproduced"
    )
    # a difference whose direction the text does not give: at least one significant comparison
    assert cl.judge_tests([T(1, 0.5), T(-1, 0.01)], "group_difference", "mixed", "yes").status == (
        "reproduced"
    )
    assert cl.judge_tests([T(1, 0.5)], "group_difference", "mixed", "yes").status == (
        "not_reproduced"
    )
    assert cl.judge_tests([T(1, 0.01)], "level", "higher", "unstated").status == "not_testable"
    assert cl.judge_tests([cl.Test(math.nan, math.nan, 0, "x")], "stable", "none", "no").status == (
        "not_testable"
    )


# --------------------------------------------------------------------------------------------
# claims on hand-made data that flip when the data change


@dataclass
class FakeMeasurement:
    year: int
    respondents: pd.DataFrame
    schools: pd.DataFrame


def measurement(year: int, g4_shift: float, seed: int = 1) -> FakeMeasurement:
    """40 schools (10 go), 8 respondents each; kwantitatieve taakeisen items v6_1..v6_3 (1-4)
    with ``g4_shift`` added for the G4 schools."""
    rng = np.random.default_rng(seed + year)
    schools = pd.DataFrame(
        {
            "school_id": [f"S{i:02d}" for i in range(40)],
            "sector": ["go" if i % 4 == 0 else "bao" for i in range(40)],
            "municipality_category": ["G4" if i % 3 == 0 else "overig" for i in range(40)],
            "achterstandsscore": rng.normal(30, 3, 40),
        }
    )
    rows = []
    for s in schools.itertuples():
        for j in range(8):
            group = ANALYSIS_GROUPS[0] if j == 0 else ANALYSIS_GROUPS[1 + j % 3]
            level = 2.5 + (g4_shift if s.municipality_category == "G4" else 0.0)
            items = np.clip(np.round(level + rng.normal(0, 0.7, 3)), 1, 4)
            rows.append(
                {
                    "respondent_id": f"{s.school_id}-{j}",
                    "school_id": s.school_id,
                    "year": year,
                    "sector": s.sector,
                    "municipality_category": s.municipality_category,
                    "achterstandsscore": s.achterstandsscore,
                    "analysis_group": group,
                    "weighting_group": {
                        "schoolleider": "schoolleider",
                        "leraar": "leerkracht",
                    }.get(group, "overig"),
                    "v6_1": items[0],
                    "v6_2": items[1],
                    "v6_3": items[2],
                }
            )
    return FakeMeasurement(year, pd.DataFrame(rows), schools)


CLAIMS = pd.DataFrame(
    [
        {
            "claim_id": "X1",
            "source_id": "§2.2; Figuur 2.3",
            "kind": "group_difference",
            "measure": "kwantitatieve_taakeisen",
            "population": "all respondents",
            "group_var": "municipality_category",
            "groups": "G4 vs overig",
            "years": "2024",
            "direction": "higher",
            "significant": "yes",
            "quote": "",
            "line": "1",
            "note": "",
        },
        {
            "claim_id": "X2",
            "source_id": "§2.2; Figuur 2.2",
            "kind": "year_change",
            "measure": "kwantitatieve_taakeisen",
            "population": "all respondents",
            "group_var": "none",
            "groups": "all",
            "years": "2023 vs 2024",
            "direction": "increase",
            "significant": "yes",
            "quote": "",
            "line": "2",
            "note": "",
        },
        {
            "claim_id": "X3",
            "source_id": "§2.2; Figuur 2.3",
            "kind": "level",
            "measure": "kwantitatieve_taakeisen",
            "population": "all respondents",
            "group_var": "municipality_category",
            "groups": "G4",
            "years": "2024",
            "direction": "higher",
            "significant": "unstated",
            "quote": "",
            "line": "3",
            "note": "",
        },
        {
            "claim_id": "X4",
            "source_id": "§5.1",
            "kind": "trend_history",
            "measure": "x",
            "population": "x",
            "group_var": "none",
            "groups": "all",
            "years": "2017 vs 2024",
            "direction": "decrease",
            "significant": "yes",
            "quote": "",
            "line": "4",
            "note": "",
        },
    ]
).set_index("claim_id", drop=False)

MAP = {
    "quantities": {
        "kwantitatieve_taakeisen": {"measure": "scale", "scale": "kwantitatieve_taakeisen"}
    },
    "checks": [
        {
            "claims": ["X1"],
            "quantity": "kwantitatieve_taakeisen",
            "test": "groups",
            "by": "municipality_category",
            "pairs": [["G4", "overig"]],
        },
        {"claims": ["X2"], "quantity": "kwantitatieve_taakeisen", "test": "years"},
        {
            "claims": ["X3"],
            "quantity": "kwantitatieve_taakeisen",
            "test": "highest",
            "by": "municipality_category",
            "group": "G4",
        },
    ],
    "not_testable": [{"claims": ["X4"], "reason": "vóór 2022"}],
    "contradictions": [],
}


def evaluate(shift_2023: float, shift_2024: float) -> pd.DataFrame:
    measurements = {
        2023: measurement(2023, shift_2023),
        2024: measurement(2024, shift_2024),
    }
    return cl.evaluate(measurements, 2024, claims=CLAIMS, mapping=MAP).set_index("claim_id")


def test_claims_reproduced_on_data_that_tell_the_story() -> None:
    result = evaluate(shift_2023=-0.2, shift_2024=0.8)
    assert result.loc["X1", "status"] == "reproduced"
    assert result.loc["X1", "observed_direction"] == "higher" and result.loc["X1", "p"] < 0.05
    assert result.loc["X2", "status"] == "reproduced"
    assert result.loc["X3", "status"] == "reproduced"
    assert result.loc["X4", "status"] == "not_testable" and result.loc["X4", "note"] == "vóór 2022"
    assert cl.summarise(result.reset_index()) == {
        "reproduced": 3,
        "not_reproduced": 0,
        "report_contradiction": 0,
        "not_testable": 1,
        "testable": 3,
    }


def test_claims_flip_when_the_data_change() -> None:
    result = evaluate(shift_2023=0.8, shift_2024=-0.8)
    assert result.loc["X1", "status"] == "not_reproduced"
    assert result.loc["X1", "observed_direction"] == "lower"
    assert result.loc["X2", "status"] == "not_reproduced"
    assert result.loc["X3", "status"] == "not_reproduced"


def test_a_documented_contradiction_is_not_a_failure() -> None:
    mapping = dict(MAP, contradictions=[{"claims": ["X1"], "reason": "tegenstrijdig"}])
    measurements = {2023: measurement(2023, 0.0), 2024: measurement(2024, -0.8)}
    result = cl.evaluate(measurements, 2024, claims=CLAIMS, mapping=mapping).set_index("claim_id")
    assert result.loc["X1", "status"] == "report_contradiction"
    assert result.loc["X1", "note"].startswith("tegenstrijdig")


def test_a_missing_earlier_year_is_not_testable() -> None:
    result = cl.evaluate(
        {2024: measurement(2024, 0.8)}, 2024, claims=CLAIMS, mapping=MAP
    ).set_index("claim_id")
    assert result.loc["X2", "status"] == "not_testable"
    assert "2023" in result.loc["X2", "note"]
    assert result.loc["X1", "status"] == "reproduced"


def test_the_cluster_design_is_available_for_comparison() -> None:
    measurements = {2023: measurement(2023, 0.0), 2024: measurement(2024, 0.15)}
    stratified = cl.evaluate(measurements, 2024, claims=CLAIMS, mapping=MAP)
    cluster = cl.evaluate(measurements, 2024, claims=CLAIMS, mapping=MAP, design="cluster")
    p_stratified = stratified.set_index("claim_id").loc["X1", "p"]
    p_cluster = cluster.set_index("claim_id").loc["X1", "p"]
    assert 0.0001 < p_stratified < 0.9 and abs(p_stratified - p_cluster) > 1e-6


def test_a_claim_follows_the_pages_declaration():
    # the page declares Figuur 2.3 unweighted: the claim's check uses the page's weighting
    @dataclass
    class Declaration:
        measures: tuple
        populations: tuple = ("all",)
        weighting: str = "none"

    @dataclass
    class Measure:
        scale: str

    @dataclass
    class Item:
        result: object

    @dataclass
    class Result:
        declaration: Declaration

    registry = {"Figuur 2.3": Item(Result(Declaration((Measure("kwantitatieve_taakeisen"),))))}
    measurements = {2023: measurement(2023, 0.0), 2024: measurement(2024, 0.3)}
    plain = cl.evaluate(measurements, 2024, claims=CLAIMS, mapping=MAP).set_index("claim_id")
    declared = cl.evaluate(
        measurements, 2024, claims=CLAIMS, mapping=MAP, registry=registry
    ).set_index("claim_id")
    assert "volgens de declaratie van Figuur 2.3" in declared.loc["X1", "note"]
    assert declared.loc["X1", "population"] == "alle respondenten, ongewogen"
    assert declared.loc["X1", "p"] != plain.loc["X1", "p"]
    # a claim about another figure is not affected
    assert declared.loc["X2", "note"] == plain.loc["X2", "note"]


def test_claims_resting_on_few_respondents_show_no_numbers():
    measurements = {2023: measurement(2023, 0.0), 2024: measurement(2024, 0.8)}
    result = cl.evaluate(measurements, 2024, claims=CLAIMS, mapping=MAP, min_n=200)
    shown = result.set_index("claim_id")
    # G4 has 112 respondents: below min_n the estimates are suppressed and the claim untestable
    assert shown.loc["X1", "status"] == "not_testable"
    small = result[result["suppressed"]]
    assert small["p"].isna().all() and small["n"].isna().all() and (small["observed"] == "").all()


def test_evaluate_all_equals_each_year_on_its_own():
    measurements = {2023: measurement(2023, 0.0), 2024: measurement(2024, 0.8)}
    together = cl.evaluate_all(measurements, claims=CLAIMS, mapping=MAP)
    apart = pd.concat(
        [cl.evaluate(measurements, y, claims=CLAIMS, mapping=MAP) for y in (2023, 2024)],
        ignore_index=True,
    )
    pd.testing.assert_frame_equal(together, apart)
    assert sorted(together["measurement_year"].unique()) == [2024]  # the claims are about 2024
