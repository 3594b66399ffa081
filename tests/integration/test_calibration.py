"""The bundled synthetic data land on the report's published numbers.

Loads every measurement year from ``data/synthetic`` (built by ``make data``), recomputes every
published value that survey data can produce with :func:`werkdruk_utils.check.reproduce.reproduce`
(an implementation independent of the generator) and prints the table of published vs
synthetic values. Run with ``pytest -s`` to see it.
"""

from __future__ import annotations

import pandas as pd
import pytest

from werkdruk_utils import paths
from werkdruk_utils.check.reproduce import (
    is_b2_estimate,
    not_reproducible,
    reproduce,
    reproduce_across_measurements,
)
from werkdruk_utils.inputs.load import load_measurement
from werkdruk_utils.measurements import years as measurement_years

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def measurements():
    missing = [y for y in measurement_years() if not (paths.SYNTHETIC_DIR / str(y)).is_dir()]
    assert not missing, f"synthetic data missing for {missing}: run 'make data' first"
    return {y: load_measurement(y) for y in measurement_years()}


@pytest.fixture(scope="module")
def comparison(measurements):
    frames = [reproduce(m) for _, m in sorted(measurements.items())]
    frames.append(reproduce_across_measurements(list(measurements.values())))
    return pd.concat(frames, ignore_index=True)


def test_bundled_data_are_synthetic(measurements):
    assert all(m.synthetic for m in measurements.values())


def test_every_published_value_is_reproduced_within_tolerance(comparison):
    with pd.option_context(
        "display.width", 200, "display.max_rows", 2000, "display.max_colwidth", 60
    ):
        table = comparison[
            [
                "source_id",
                "measurement_year",
                "group",
                "category",
                "statistic",
                "published",
                "reproduced",
                "difference",
                "within_tolerance",
            ]
        ]
        print("\nPublished vs synthetic (all rows):")
        print(table.to_string(index=False))
        numeric = comparison[comparison["statistic"].isin(["percent", "mean", "mean_percent"])]
        print(
            f"\n{len(comparison)} comparisons, {int(comparison['within_tolerance'].sum())} within "
            "tolerance; "
            "largest absolute difference of a percentage or mean: "
            f"{numeric['difference'].abs().max():.3f}"
        )
    # Two published statements that cannot both hold are declared in published_map.yaml
    # (known_issues, expected_deviation); the data follow the other statement.
    deviations = comparison[
        ~comparison["within_tolerance"] & comparison["expected_deviation"].astype(bool)
    ]
    assert set(zip(deviations["source_id"], deviations["measurement_year"], strict=False)) <= {
        ("Tekst H6", 2023)
    }
    outside = comparison[
        ~comparison["within_tolerance"]
        & ~comparison["expected_deviation"].astype(bool)
        & ~is_b2_estimate(comparison)
    ]
    assert outside.empty, (
        "outside tolerance:\n"
        + outside[
            [
                "source_id",
                "measurement_year",
                "group",
                "category",
                "statistic",
                "published",
                "reproduced",
            ]
        ].to_string()
    )


def test_b2_star_counts_are_exact(comparison):
    stars = comparison[comparison["statistic"] == "stars"]
    assert len(stars) == 40 and stars["within_tolerance"].all(), stars[~stars["within_tolerance"]]


@pytest.mark.xfail(
    strict=True,
    reason="the synthetic data are being recalibrated to the tightened B2 criteria (same sign, "
    "within one published SE, SE within 30%); strict: this marker must go when they hold",
)
def test_b2_coefficients_meet_the_criteria(comparison):
    b2 = comparison[is_b2_estimate(comparison)]
    failing = b2[~b2["within_tolerance"]]
    assert failing.empty, failing[["category", "statistic", "published", "reproduced", "reason"]]


def test_every_row_is_accounted_for(measurements):
    from werkdruk_utils.check.published import load_published

    published = load_published()
    for year, m in measurements.items():
        done = reproduce(m)
        skipped = not_reproducible(published, year)
        of_year = published[
            (published["measurement_year"] == year) | published["measurement_year"].isna()
        ]
        assert len(done) + len(skipped) == len(of_year), year
        assert skipped["reason"].str.len().gt(0).all()
