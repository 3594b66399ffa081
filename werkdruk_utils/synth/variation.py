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

STABLE_T = 1.5
"""Largest |difference| / SE (about |t|) between two years the report calls unchanged; below
1,96 with room for the approximations of the standard error."""

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
    ``n_eff``) per category, renormalised; categories at 0 stay at 0."""
    p = np.asarray(base, dtype=float)
    p = p / p.sum()
    se = np.sqrt(p * (1.0 - p) / max(n_eff, 1.0))
    q = np.where(p > 0, np.clip(p + np.asarray(z, dtype=float) * se, floor, None), 0.0)
    return q / q.sum()


def stable_distribution(
    seed: int,
    key: str,
    year: int,
    base: Sequence[float],
    n_eff: float,
    bound_years: Sequence[int] = (),
    fixed: dict[int, Sequence[float]] | None = None,
    max_t: float = STABLE_T,
) -> np.ndarray:
    """The distribution of ``year``: ``base`` varied per category by z x its SE at this year's
    effective sample size ``n_eff`` (:func:`varied_distribution`).

    The ``bound_years`` are drawn jointly: per category the draws of two years differ by at most
    ``max_t`` x sqrt(2) (a change of about ``max_t`` standard errors). ``fixed`` holds the printed
    distributions of some years; they count as a draw of 0 (the base is their value).
    """
    fixed = {int(y): np.asarray(v, dtype=float) / np.sum(v) for y, v in (fixed or {}).items()}
    if int(year) in fixed:
        return fixed[int(year)]
    k = len(base)
    years = sorted(set(int(y) for y in bound_years) | set(fixed))
    if int(year) not in years or len(years) < 2:
        z = [standard_normal(seed, f"{key}|{c}", year) for c in range(k)]
        return varied_distribution(base, z, n_eff)
    limit = max_t * math.sqrt(2.0)
    for attempt in range(MAX_ATTEMPTS):
        draws = {
            y: np.zeros(k)
            if y in fixed
            else np.array([standard_normal(seed, f"{key}|{c}", y, attempt) for c in range(k)])
            for y in years
        }
        spread = np.max([d for d in draws.values()], axis=0) - np.min(
            [d for d in draws.values()], axis=0
        )
        if np.all(spread <= limit):
            return varied_distribution(base, draws[int(year)], n_eff)
    raise VariationError(f"{key}: no draw keeps {years} within |t| <= {max_t}")


def bounded_normal(seed: int, key: str, year: int, low: float, high: float) -> float:
    """A standard normal draw for (seed, key, year) conditioned on [low, high] (redrawn; the
    interval's nearest end if no draw falls in it)."""
    for attempt in range(MAX_ATTEMPTS):
        z = standard_normal(seed, key, year, attempt)
        if low <= z <= high:
            return z
    return float(min(max(0.0, low), high))
