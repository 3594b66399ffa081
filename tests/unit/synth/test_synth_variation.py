"""Year-to-year variation of the synthetic data: draws keyed by seed, value and year."""

from __future__ import annotations

import math

import numpy as np
import pytest

from werkdruk_utils.synth import variation as va

SEED = 20240611


def test_draws_depend_on_seed_key_and_year_only() -> None:
    a = va.standard_normal(SEED, "x", 2022)
    assert a == va.standard_normal(SEED, "x", 2022)
    assert a != va.standard_normal(SEED, "x", 2023)
    assert a != va.standard_normal(SEED, "y", 2022)
    assert a != va.standard_normal(SEED + 1, "x", 2022)
    assert va.key_hash("x") == va.key_hash("x") and va.key_hash("x") != va.key_hash("y")


def test_joint_normal_keeps_bound_years_within_the_bound() -> None:
    for key in (f"k{i}" for i in range(40)):
        z = {
            y: va.joint_normal(SEED, key, y, (2022, 2023, 2024), max_t=0.5)
            for y in (2022, 2023, 2024)
        }
        assert max(z.values()) - min(z.values()) <= 0.5 * math.sqrt(2) + 1e-12
    # a year outside the bound years gets its own draw
    assert va.joint_normal(SEED, "k1", 2025, (2022, 2023, 2024)) == va.standard_normal(
        SEED, "k1", 2025
    )


def test_stable_distribution_keeps_every_category_within_the_bound() -> None:
    base = [0.2, 0.3, 0.5]
    for key in (f"d{i}" for i in range(20)):
        draws = [
            va.stable_distribution(
                SEED, key, y, base, 400.0, bound_years=(2022, 2023, 2024), max_t=1.0
            )
            for y in (2022, 2023, 2024)
        ]
        for d in draws:
            assert d.sum() == pytest.approx(1.0)
        se = np.sqrt(np.array(base) * (1 - np.array(base)) / 400.0)
        spread = np.max(draws, axis=0) - np.min(draws, axis=0)
        # draws within 1.0 x sqrt(2) SE of each other, up to the renormalisation
        assert np.all(spread <= 1.0 * math.sqrt(2) * se * 1.25)


def test_stable_distribution_fixed_years_are_returned_as_printed() -> None:
    out = va.stable_distribution(
        SEED, "f", 2024, [0.5, 0.5], 100.0, (2022, 2024), fixed={2024: [60, 40]}
    )
    assert out.tolist() == pytest.approx([0.6, 0.4])


def test_ranked_draws_keep_the_top_items() -> None:
    levels = {1: 0.50, 2: 0.48, 3: 0.30, 4: 0.29}
    ses = {i: 0.05 for i in levels}
    for year in (2022, 2023, 2024):
        out = va.ranked_draws(
            SEED, "r", year, levels, ses, top=(frozenset({1, 2}), 2), fixed=frozenset({1})
        )
        assert out[1] == 0.50
        assert sorted(out, key=lambda i: -out[i])[:2] in ([1, 2], [2, 1])


def test_bounded_and_truncated_normal() -> None:
    for i in range(30):
        assert -1.0 <= va.bounded_normal(SEED, f"b{i}", 2022, -1.0, -0.2) <= -0.2
        assert abs(va.truncated_normal(SEED, f"t{i}", 2022, 0.5)) <= 0.5


def test_printed_point_stays_inside_the_rounding() -> None:
    for year in range(2000, 2040):
        v = va.printed_point(SEED, "p", year, 64.9, 0.05)
        assert 64.9 - 0.05 * va.PRINTED_JITTER <= v <= 64.9 + 0.05 * va.PRINTED_JITTER


def test_weighted_se_is_kish() -> None:
    # equal weights: sqrt(p(1-p)/n)
    assert va.weighted_se(0.5, [1.0] * 100) == pytest.approx(0.05)
    # weights 1 and 3 (n 2): n_eff = 16 / 10 = 1.6
    assert va.weighted_se(0.5, [1.0, 3.0]) == pytest.approx(math.sqrt(0.25 / 1.6))
