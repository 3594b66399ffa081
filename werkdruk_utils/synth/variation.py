"""Values the report does not print, varying between measurements like independent samples.

A synthetic measurement is one sample: where the report prints no number for a year, the value is
a base level plus a draw in units of that year's standard error, so that comparisons between
years behave like comparisons between independent samples (p-values spread over [0, 1], no
repeats). Where the report prints a number, the value is drawn inside the interval that rounds to
it (two years printed alike are not identical).

Every draw is a function of the base seed, a key naming the value and the measurement year
(:func:`standard_normal`), never of the order in which values are generated, so each year can be
generated on its own and gives the same data. Where the report makes a statement that binds
several years ('gelijk gebleven': no significant change), the draws of those years are taken
jointly: the first attempt whose differences all stay within the stated bound
(:func:`joint_normal`).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Sequence

import numpy as np

DEFAULT_SEED: int = 20240611
"""Base seed of the bundled synthetic data (``make data``)."""

MAX_ATTEMPTS = 200
"""Attempts of :func:`joint_normal` before the bound is declared unreachable."""

STABLE_T = 1.2
"""Largest |difference| / SE (about |t|) between two years the report calls unchanged; below
1,96 with room for the approximations of the standard error."""

PULL_ROUNDS = 8
"""Alternations of pulling the moves together and making them add up to 0
(:func:`stable_distribution`)."""

PRINTED_JITTER = 0.6
"""Share of the half rounding unit within which a printed value is drawn."""


class VariationError(RuntimeError):
    """No draw satisfies the statements that bind the years."""


def key_hash(key: str) -> int:
    """A stable 32-bit number for ``key`` (the same in every Python process)."""
    return zlib.crc32(key.encode("utf-8"))


def standard_normal(seed: int, key: str, year: int, attempt: int = 0) -> float:
    """A standard normal draw determined by (seed, key, year, attempt)."""
    sequence = np.random.SeedSequence([int(seed), key_hash(key), int(year), int(attempt)])
    return float(np.random.default_rng(sequence).standard_normal())


def uniform(seed: int, key: str, year: int) -> float:
    """A uniform draw on [0, 1) determined by (seed, key, year)."""
    sequence = np.random.SeedSequence([int(seed), key_hash(key), int(year), 1_000_003])
    return float(np.random.default_rng(sequence).random())


def joint_normal(
    seed: int,
    key: str,
    year: int,
    bound_years: Sequence[int] = (),
    max_t: float = STABLE_T,
    shifts: dict[int, float] | None = None,
) -> float:
    """z of ``year`` for ``key``; the years in ``bound_years`` are drawn jointly so that
    |z_a + s_a - z_b - s_b| / sqrt(2) <= ``max_t`` for every pair (``shifts`` s per year, default
    0). A year outside ``bound_years`` gets its own independent draw (attempt 0)."""
    years = sorted(set(int(y) for y in bound_years))
    if int(year) not in years or len(years) < 2:
        return standard_normal(seed, key, year)
    shift = shifts or {}
    for attempt in range(MAX_ATTEMPTS):
        z = {y: standard_normal(seed, key, y, attempt) + shift.get(y, 0.0) for y in years}
        if all(
            abs(z[a] - z[b]) / math.sqrt(2.0) <= max_t
            for i, a in enumerate(years)
            for b in years[i + 1 :]
        ):
            return z[int(year)] - shift.get(int(year), 0.0)
    raise VariationError(f"{key}: no draw keeps the years {years} within |t| <= {max_t}")


def weighted_se(p: float, weights: Iterable[float], deff: float = 1.0) -> float:
    """Standard error of a weighted proportion ``p`` (0-1) with these weights (Kish), times the
    square root of a design effect for clustering."""
    w = np.asarray(list(weights), dtype=float)
    if len(w) == 0 or w.sum() <= 0:
        return 0.0
    n_eff = w.sum() ** 2 / float((w**2).sum())
    return math.sqrt(max(p * (1.0 - p), 0.0) / n_eff * deff)


def varied_share(
    base: float,
    z: float,
    se: float,
    low: float = 0.002,
    high: float = 0.998,
) -> float:
    """``base`` + ``z`` x ``se`` kept inside (``low``, ``high``)."""
    return float(min(max(base + z * se, low), high))


def printed_point(seed: int, key: str, year: int, value: float, half_unit: float) -> float:
    """A point inside the rounding interval of a printed value (uniform over the middle
    :data:`PRINTED_JITTER` of it)."""
    u = uniform(seed, key, year)
    return value + (2.0 * u - 1.0) * PRINTED_JITTER * half_unit


def ranked_draws(
    seed: int,
    key: str,
    year: int,
    levels: dict[int, float],
    ses: dict[int, float],
    top: tuple[frozenset[int], int] | None = None,
    fixed: frozenset[int] = frozenset(),
) -> dict[int, float]:
    """``levels`` + z x ``ses`` per item (z from :func:`standard_normal` keyed by item), redrawn
    until the ``top`` = (items, k) are exactly the k largest values (items in ``fixed`` keep their
    level). Without ``top`` the first draw is returned."""
    for attempt in range(MAX_ATTEMPTS):
        out = {
            item: level
            if item in fixed
            else level + standard_normal(seed, f"{key}|{item}", year, attempt) * ses.get(item, 0.0)
            for item, level in levels.items()
        }
        if top is None:
            return out
        items, k = top
        order = sorted(out, key=lambda i: -out[i])
        if set(order[:k]) == set(items):
            return out
    raise VariationError(f"{key} {year}: no draw puts {sorted(top[0])} on top")


def truncated_normal(seed: int, key: str, year: int, bound: float | None = None) -> float:
    """A standard normal draw for (seed, key, year), redrawn until |z| <= ``bound`` (if given)."""
    for attempt in range(MAX_ATTEMPTS):
        z = standard_normal(seed, key, year, attempt)
        if bound is None or abs(z) <= bound:
            return z
    raise VariationError(f"{key} {year}: no draw within +/- {bound}")


def varied_distribution(
    base: Sequence[float], z: Sequence[float], n_eff: float, floor: float = 0.0
) -> np.ndarray:
    """A distribution ``base`` moved by ``z`` x its multinomial SE (effective sample size
    ``n_eff``) per category, the moves made to add up to 0 (:func:`_deviations`); categories at 0
    stay at 0."""
    p = np.asarray(base, dtype=float)
    p = p / p.sum()
    q = np.where(
        p > 0, np.clip(p + _deviations(p, z) / math.sqrt(max(n_eff, 1.0)), floor, None), 0.0
    )
    return q / q.sum()


def _deviations(p: np.ndarray, z: Sequence[float]) -> np.ndarray:
    """Moves per category for a sample of size 1: s_c z_c with s_c = sqrt(p_c (1 - p_c)), less
    p_c times their sum (so they add up to 0)."""
    s = np.sqrt(p * (1.0 - p))
    d = s * np.asarray(z, dtype=float)
    return d - p * d.sum()


def stable_distribution(
    seed: int,
    key: str,
    year: int,
    base: Sequence[float],
    n_eff: float,
    bound_years: Sequence[int] = (),
    fixed: dict[int, Sequence[float]] | None = None,
    max_t: float = STABLE_T,
    sums: Sequence[tuple[Sequence[int], float, float]] = (),
) -> np.ndarray:
    """The distribution of ``year``: ``base`` varied per category by z x its SE at this year's
    effective sample size ``n_eff`` (:func:`varied_distribution`), redrawn until the share of each
    set of categories in ``sums`` lies in its (low, high) (a level the report states).

    The ``bound_years`` are drawn jointly: where a category's moves in two of them differ by more
    than ``max_t`` x sqrt(2) of its SE (a change of about ``max_t`` standard errors), that
    category's moves are pulled together to that spread. ``fixed`` holds the printed distributions
    of some years; they count as no move (the base is their value).
    """
    fixed = {int(y): np.asarray(v, dtype=float) / np.sum(v) for y, v in (fixed or {}).items()}
    if int(year) in fixed:
        return fixed[int(year)]
    p = np.asarray(base, dtype=float) / np.sum(base)
    k = len(p)
    bound = set(int(y) for y in bound_years) | set(fixed)
    years = sorted(bound | {int(year)}) if int(year) in bound else [int(year)]
    dist = p
    for attempt in range(MAX_ATTEMPTS):
        moves = np.array(
            [
                np.zeros(k)
                if y in fixed
                else _deviations(
                    p, [standard_normal(seed, f"{key}|{c}", y, attempt) for c in range(k)]
                )
                for y in years
            ]
        )
        if len(years) > 1:
            anchored = [y in fixed for y in years]
            for _ in range(PULL_ROUNDS):
                moves = _pulled_together(moves, p, anchored, max_t * math.sqrt(2.0))
                # the moves of a year add up to 0 (the fixed years stay at 0)
                moves = moves - np.outer(moves.sum(axis=1), p) * ~np.asarray(anchored)[:, None]
        own = moves[years.index(int(year))]
        # a category the base has keeps at least 1,5 expected respondents (a share of 0 has no
        # standard error and would make any comparison with it significant)
        floor = np.minimum(p, 1.5 / max(n_eff, 1.0))
        dist = np.where(p > 0, np.maximum(p + own / math.sqrt(max(n_eff, 1.0)), floor), 0.0)
        dist = dist / dist.sum()
        if all(lo <= float(dist[list(codes)].sum()) <= hi for codes, lo, hi in sums):
            return dist
    return dist


def _pulled_together(
    moves: np.ndarray, p: np.ndarray, fixed: Sequence[bool], limit: float
) -> np.ndarray:
    """Years x categories moves (sample of size 1) with every category's spread at most ``limit``
    x sqrt(p (1 - p)): the moves shrunk towards the centre (the fixed years' 0, else the mean)."""
    out = moves.copy()
    anchored = np.asarray(fixed, dtype=bool)
    for c in range(moves.shape[1]):
        allowed = limit * math.sqrt(p[c] * (1.0 - p[c]))
        spread = float(moves[:, c].max() - moves[:, c].min())
        if spread <= allowed or spread == 0:
            continue
        centre = 0.0 if anchored.any() else float(moves[:, c].mean())
        out[:, c] = centre + (moves[:, c] - centre) * (allowed / spread)
    return out


def bounded_normal(seed: int, key: str, year: int, low: float, high: float) -> float:
    """A standard normal draw for (seed, key, year) conditioned on [low, high] (redrawn; the
    interval's nearest end if no draw falls in it)."""
    for attempt in range(MAX_ATTEMPTS):
        z = standard_normal(seed, key, year, attempt)
        if low <= z <= high:
            return z
    return float(min(max(0.0, low), high))
