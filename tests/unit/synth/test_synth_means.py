"""The scale means of every measurement: the report's statements hold in nominal SE units."""

from __future__ import annotations

import math

import pytest

from werkdruk_utils.synth import means, story
from werkdruk_utils.synth import targets as tg

SEED = 20240611
YEARS = (2022, 2023, 2024)


def _se_diff(scale: str, a: means.Key, b: means.Key, ya: int, yb: int) -> float:
    return math.hypot(means.nominal_se(scale, a, ya), means.nominal_se(scale, b, yb))


@pytest.mark.parametrize("scale", list(means.SE_ROOT_N))
def test_every_statement_holds_in_nominal_terms(scale: str) -> None:
    values = means.scale_means(scale, SEED)
    assert means.scale_margin(scale) >= 0.2
    tol = 1e-6
    for claim, margin in zip(
        story.SCALE_CLAIMS.get(scale, ()), means.claim_margins(scale), strict=True
    ):
        significant = means.CRITICAL_T + margin
        not_significant = means.CRITICAL_T - margin
        kind, first, second, years = claim[:4]
        if kind in ("stable", "change"):
            pairs = (
                [(a, b) for i, a in enumerate(years) for b in years[i + 1 :]]
                if kind == "stable"
                else [(years[0], years[-1])]
            )
            for ya, yb in pairs:
                diff = values[yb][first] - values[ya][first]
                se = _se_diff(scale, first, first, ya, yb)
                if kind == "stable":
                    assert abs(diff) <= not_significant * se + tol, (claim, ya, yb, diff)
                else:
                    assert claim[4] * diff >= significant * se - tol, (claim, diff)
            continue
        for year in years:
            diff = values[year][first] - values[year][second]
            se = _se_diff(scale, first, second, year, year)
            if first[0] == second[0] == means.FUNCTION:
                se *= means.WITHIN_SCHOOL
            if kind == "same":
                assert abs(diff) <= not_significant * se + tol, (claim, year, diff)
            elif kind == "order":
                assert diff >= means.ORDER_T * se - tol, (claim, year, diff)
            else:
                assert claim[4] * diff >= significant * se - tol, (claim, year, diff)


@pytest.mark.parametrize("scale", list(means.SE_ROOT_N))
def test_printed_means_inside_their_rounding_and_consistent(scale: str) -> None:
    values = means.scale_means(scale, SEED)
    for year in YEARS:
        for key, printed in means.printed_means(scale, year).items():
            lo, hi = tg.printed_band(means.PRINTED_SOURCES[key[0]], printed, "mean")
            assert lo - 1e-9 <= values[year][key] <= hi + 1e-9, (scale, year, key)
        overall = tg.pick("Tekst H2.2", year, means.OVERALL_TEXT[scale], statistic="mean")
        lo, hi = tg.printed_band("Tekst H2.2", overall, "mean")
        assert lo - 1e-9 <= values[year][means.OVERALL] <= hi + 1e-9
        shares = means.nominal(year).share
        for column, cats in (
            (means.MUNICIPALITY, ("G4", "G40", "overig")),
            (means.SECTOR, ("bao", "go")),
        ):
            total = sum(shares[(column, c)] for c in cats)
            avg = sum(shares[(column, c)] * values[year][(column, c)] for c in cats) / total
            assert avg == pytest.approx(values[year][means.OVERALL], abs=1e-6)


def test_means_vary_between_years_and_with_the_seed() -> None:
    a = means.scale_means("emotionele_belasting", SEED)
    b = means.scale_means("emotionele_belasting", SEED + 1)
    assert a == means.scale_means("emotionele_belasting", SEED)
    assert a[2022] != b[2022]
    overall = [a[y][means.OVERALL] for y in YEARS]
    assert len(set(overall)) == 3  # no repeats of the overall mean


def test_nominal_shares_add_up() -> None:
    for year in YEARS:
        share = means.nominal(year).share
        for column in (means.FUNCTION, means.MUNICIPALITY, means.SECTOR):
            assert sum(v for k, v in share.items() if k[0] == column) == pytest.approx(
                1.0, abs=1e-3
            )
