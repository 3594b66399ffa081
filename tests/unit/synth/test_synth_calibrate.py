"""Exact allocation helpers of the synthetic data (hand-computed expectations)."""

from __future__ import annotations

import numpy as np
import pytest

from werkdruk_utils.synth import calibrate as cal


def test_exact_counts_finds_the_lattice_point_inside_every_band() -> None:
    # two cells of weight 2 and 1, 10 respondents each: weighted total 30
    # category 0 must be 40% +/- 0.5 point: 2a + b = 12 (a, b the counts of category 0)
    counts = cal.exact_counts([10, 10], [2.0, 1.0], [0.4, 0.6], [(0.395, 0.405), None])
    assert counts is not None
    a, b = counts[:, 0]
    assert 2 * a + b == 12
    assert counts.sum(axis=1).tolist() == [10, 10]


def test_exact_counts_reports_an_unreachable_band() -> None:
    # weights 2 and 2: every share is a multiple of 2/40 = 5%; 12% cannot be reached
    assert cal.exact_counts([10, 10], [2.0, 2.0], [0.12, 0.88], [(0.119, 0.121), None]) is None


def test_exact_counts_checks_margins() -> None:
    margin = cal.Margin((0, 1), (0, 1, 2), (0.69, 0.71))
    counts = cal.exact_counts([10], [1.0], [0.3, 0.4, 0.3], [None, None, None], [margin])
    assert counts is not None and counts[0, 0] + counts[0, 1] == 7
    impossible = cal.Margin((0,), (0, 1, 2), (0.9, 1.0))
    assert cal.exact_counts([10], [1.0], [0.3, 0.4, 0.3], [None] * 3, [impossible]) is None


def test_cheapest_path_adds_up_and_is_cheapest() -> None:
    options = [[(1, 0, 0.0), (0, 1, 0.5)], [(1, 1, 0.0), (2, 0, 0.1)]]
    assert cal._cheapest_path(options, [2, 1]) == ((1, 0), (1, 1))
    assert cal._cheapest_path(options, [3, 3]) is None


def test_refine_counts_meets_bands_with_two_cell_moves() -> None:
    # weights 3 and 2 (total 5 x 10 = 50): 30% of the weighted total is 15 = 3a + 2b
    start = np.array([[5, 5], [5, 5]])  # 3*5 + 2*5 = 25 -> 50%
    refined = cal.refine_counts(start, [3.0, 2.0], [0.3, 0.7], [(0.295, 0.305), None])
    a, b = refined[:, 0]
    assert 3 * a + 2 * b == 15
    assert refined.sum(axis=1).tolist() == [10, 10]


def test_refine_ticks_respects_priority_and_hard_limit() -> None:
    # two cells of 100 with weight 1; margin A (cell 0) wants 50%, margin B (both) wants 20%
    ticks = np.array([50, 50])
    sizes = np.array([100, 100])
    weights = np.array([1.0, 1.0])
    cell0 = np.array([True, False])
    both = np.array([True, True])
    out = cal.refine_ticks(
        ticks,
        sizes,
        weights,
        [(both, 0.30, (0.295, 0.305)), (cell0, 0.50, (0.495, 0.505))],
        priority=[10.0, 1.0],
        hard=0.5,
    )
    assert out.sum() == 60  # the priority margin (30% of 200) holds
    assert out[0] == 50


def test_margin_shares_of_category_bands() -> None:
    counts = np.array([[3, 7], [1, 9]])
    shares = cal.margin_shares(counts, [1.0, 1.0], cal.category_margins([(0.0, 0.1), None]))
    assert shares == pytest.approx([0.2])


def test_numbers_left_out_are_tried_nearest_first():
    from werkdruk_utils.synth import context

    cells = [np.arange(10), np.arange(3)]
    trials = context._drop_trials(cells, [2, 1], spread=1)
    # 3 x 3 combinations, clipped at 0 and at the cell size; nearest to (2, 1) first
    assert trials[0] == (2, 1)
    assert sorted(trials) == [(a, b) for a in (1, 2, 3) for b in (0, 1, 2)]
    distances = [abs(a - 2) + abs(b - 1) for a, b in trials]
    assert distances == sorted(distances)


def test_the_wider_search_gives_only_what_the_narrow_one_left_out():
    from werkdruk_utils.synth import context

    cells = [np.arange(40), np.arange(40)]
    narrow = set(context._drop_trials(cells, [10, 10], spread=context.DROP_RANGE))
    wide = context._drop_trials(cells, [10, 10], spread=context.WIDE_DROP_RANGE)
    assert narrow.isdisjoint(wide)
    side = 2 * context.WIDE_DROP_RANGE + 1
    assert len(narrow) + len(wide) == side * side
    assert (10 - context.WIDE_DROP_RANGE, 10) in wide
