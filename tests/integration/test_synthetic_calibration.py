"""The bundled synthetic data vary between measurements like independent samples.

Recomputed from the built data and pages (``make data``, ``make notebooks``) with the project's
analysis code, never from the generator's internals:

* values the report does not print are not repeated from year to year (the overall scale means,
  the §3.1 factor shares, attendance, the corona items);
* the year-on-year tests the pages show are not piled up at p = 1 (at most
  :data:`MAX_SHARE_P_ABOVE` of them have p > 0,95; independent samples give about 5%);
* the standard errors the generator assumes for the scale means (``synth.means.SE_ROOT_N``, used to
  place the report's statements) are those the data give.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from werkdruk_utils import paths
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.inputs.load import load_measurement
from werkdruk_utils.measurements import years as measurement_years
from werkdruk_utils.stats import analysis
from werkdruk_utils.stats.scales import scale_score

pytestmark = pytest.mark.slow

MAX_SHARE_P_ABOVE = 0.10
"""Largest share of year-on-year tests with p > 0,95 (independent samples: about 0,05)."""

SCALES = {name: list(scale.items) for name, scale in load_codebook().scales.items()}


@pytest.fixture(scope="module")
def measurements():
    years = measurement_years()
    missing = [y for y in years if not (paths.SYNTHETIC_DIR / str(y)).is_dir()]
    assert not missing, f"synthetic data missing for {missing}: run 'make data' first"
    return {y: load_measurement(y) for y in years}


def _estimates(measurements, values, **kwargs) -> pd.DataFrame:
    frames = []
    for year, m in sorted(measurements.items()):
        series = values(m.respondents)
        frames.append(
            analysis.estimate(m.respondents, series, variable="x", **kwargs).assign(year=year)
        )
    return pd.concat(frames, ignore_index=True)


def test_overall_scale_means_differ_between_years(measurements):
    for scale, items in SCALES.items():
        est = _estimates(
            measurements, lambda df, items=items: scale_score(df, items), statistic="mean"
        )
        rounded = est["estimate"].round(4)
        assert rounded.nunique() == len(rounded), (scale, est[["year", "estimate"]])


def _ticked(column: str, prefix: str):
    def values(df: pd.DataFrame) -> pd.Series:
        return analysis.ticked_indicator(column, [c for c in df.columns if c.startswith(prefix)])(
            df
        )

    return values


def test_factor_shares_and_attendance_differ_between_years(measurements):
    """§3.1 (Q7 per function group, years the report does not print) and Figuur 3.3 (Q15)."""
    quantities = [_ticked(f"v7_{i}", "v7_") for i in range(1, 29) if i != 27]
    quantities.append(analysis.code_indicator("v15", [1, 2]))
    repeats, total = 0, 0
    for values in quantities:
        est = _estimates(measurements, values, statistic="percent", by="analysis_group")
        for _, group in est.groupby("group"):
            by_year = group.set_index("year")["estimate"].round(2)
            for a, b in zip(by_year.index[:-1], by_year.index[1:], strict=True):
                total += 1
                repeats += int(by_year[a] == by_year[b])
    assert total > 100
    assert repeats / total <= 0.05, f"{repeats} of {total} year pairs repeat their share exactly"


def test_corona_items_of_2022_are_their_own(measurements):
    """The corona items (Q7 options 1-4) were named more often in 2022 than in 2024."""
    for i in (1, 2, 3, 4):
        est = _estimates(measurements, _ticked(f"v7_{i}", "v7_"), statistic="percent")
        share = est.set_index("year")["estimate"]
        assert share[2022] > share[2024] + 2.0, (i, share.to_dict())


def _page_year_tests(outputs: Path) -> pd.DataFrame:
    rows = []
    for year in measurement_years():
        for path in sorted((outputs / str(year) / "tables").glob("*.csv")):
            table = pd.read_csv(path)
            if "p_previous" not in table.columns or "year" not in table.columns:
                continue
            tested = table[(table["year"] == year) & table["p_previous"].notna()]
            for p in tested["p_previous"]:
                rows.append({"year": year, "table": path.stem, "p": float(p)})
    return pd.DataFrame(rows, columns=["year", "table", "p"])


def test_year_tests_are_not_piled_up_at_one():
    tests = _page_year_tests(paths.OUTPUTS_DIR)
    assert len(tests) > 100, "no year-on-year tests found: run 'make notebooks' first"
    share = float((tests["p"] > 0.95).mean())
    by_table = tests.assign(high=tests["p"] > 0.95).groupby("table")["high"].agg(["sum", "size"])
    print(f"\n{len(tests)} year-on-year tests on the pages, p > 0,95: {share:.1%}")
    print(by_table[by_table["sum"] > 0].to_string())
    assert share <= MAX_SHARE_P_ABOVE


NOMINAL_SE_TOLERANCE = 0.5
"""Largest relative difference between a nominal SE (``synth.means.SE_ROOT_N``, one value per scale
and marginal for every measurement) and the root mean square of the data's SEs over the years."""
NOMINAL_SE_TYPICAL = 0.1
"""Largest median of those differences over the scales and marginals."""


def test_nominal_standard_errors_of_the_scale_means_match_the_data(measurements):
    """The generator places the report's statements in units of nominal SEs; the data's SE of one
    year varies around it like any design-based SE of a domain in a few dozen schools (G4: about
    twenty), so the nominal value is compared with the SEs of all the years together."""
    from werkdruk_utils.synth import means

    realised: dict[tuple[str, tuple[str, str]], list[float]] = {}
    for scale, items in SCALES.items():
        for year, m in sorted(measurements.items()):
            score = scale_score(m.respondents, items)
            for column in (None, means.FUNCTION, means.MUNICIPALITY, means.SECTOR):
                est = analysis.estimate(
                    m.respondents, score, statistic="mean", variable=scale, by=column
                )
                for row in est.itertuples():
                    key = means.OVERALL if column is None else (column, row.group)
                    # nominal SEs use nominal sample sizes; compare at the realised n
                    ratio = row.se * math.sqrt(row.n) / math.sqrt(means.nominal(year).n[key])
                    realised.setdefault((scale, key), []).append(
                        ratio / means.nominal_se(scale, key, year)
                    )
    assert len(realised) == 4 * 10
    off = {k: abs(math.sqrt(np.mean(np.square(v))) - 1.0) for k, v in realised.items()}
    worst = max(off, key=off.get)
    print(
        f"\nnominal SEs: median difference {np.median(list(off.values())):.2f}, "
        f"largest {off[worst]:.2f} {worst}"
    )
    assert np.median(list(off.values())) <= NOMINAL_SE_TYPICAL
    assert off[worst] <= NOMINAL_SE_TOLERANCE, (worst, realised[worst])


MIN_CLAIMS_REPRODUCED = 0.98
"""Smallest share of a year's testable claims (the report's own contradictions aside) that the
data reproduce."""

CLAIMS_THE_PRINTED_NUMBERS_CONTRADICT: dict[tuple[str, int], str] = {
    ("C101", 2023): "overall regelmogelijkheden unchanged, but bao (four fifths of the weight) "
    "rises significantly (C109) and Figuren 2.8/2.10 print every group higher",
    ("C114", 2023): "as C101",
    ("C101", 2024): "as C101: bao 1,77 -> 1,81 from 2022 to 2024, go and the functions not lower",
    ("C114", 2024): "as C101",
    ("C191", 2024): "Tabel 4.2 17,6 -> 11,7% (N 294 / 270) gives p = 0,057; no sector split "
    "can lower it without a sector difference that C192 denies",
    ("C199", 2024): "Tabel 4.4 19,2 -> 24,4% gives p = 0,16 at the printed numbers",
}
"""Claims the data cannot reproduce because the report's printed numbers contradict them
(docs/decisions.md); every other testable claim is reproduced."""


def test_the_report_s_claims_are_reproduced(measurements):
    from werkdruk_utils.check import claims

    result = claims.evaluate_all(measurements)
    failed = result[result["status"] == "not_reproduced"]
    places = set(zip(failed["claim_id"], failed["measurement_year"].astype(int), strict=True))
    assert places <= set(CLAIMS_THE_PRINTED_NUMBERS_CONTRADICT), failed[
        ["claim_id", "measurement_year", "note"]
    ].to_string()
    for year, of_year in result.groupby("measurement_year"):
        counts = claims.summarise(of_year)
        judged = counts["testable"] - counts["report_contradiction"]
        print(f"\n{year}: {counts['reproduced']} of {judged} claims reproduced")
        assert judged > 50
        assert counts["reproduced"] / judged >= MIN_CLAIMS_REPRODUCED, (year, counts)
