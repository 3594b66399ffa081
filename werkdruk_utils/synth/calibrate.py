"""Exact-allocation helpers for the synthetic answers.

The generator does not draw answers independently (which would hit published percentages only
by luck) but allocates them:

* :func:`largest_remainder` turns a target distribution into integer counts that sum to n.
* :func:`allocate_codes` spreads a target distribution over several weighting cells so that the
  *weighted* distribution over all cells is as close as integers allow ("error diffusion" across
  cells: every next cell compensates the rounding of the cells before it), then permutes the codes
  randomly within each cell.
* :func:`stable_round` rounds continuous scores to a grid (e.g. multiples of 1/3) with a fixed
  random
  offset per element and a correction per cell, so cell means are kept.
* :func:`solve_offsets` finds additive offsets (least squares) so that weighted group means of
  overlapping breakdowns match their targets.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np


def largest_remainder(total: int, weights: Sequence[float]) -> np.ndarray:
    """Integer counts summing to ``total`` proportional to non-negative ``weights`` (Hamilton
    method)."""
    w = np.clip(np.asarray(weights, dtype=float), 0.0, None)
    if total < 0:
        raise ValueError(f"total must be >= 0, got {total}")
    if total == 0 or len(w) == 0:
        return np.zeros(len(w), dtype=int)
    if w.sum() <= 0:
        w = np.ones(len(w))
    quota = w / w.sum() * total
    counts = np.floor(quota).astype(int)
    rest = total - counts.sum()
    if rest > 0:
        order = np.argsort(-(quota - counts), kind="stable")
        counts[order[:rest]] += 1
    return counts


def diffused_counts(
    sizes: Sequence[int], weights: Sequence[float], props: Sequence[float]
) -> list[np.ndarray]:
    """Counts per cell and category whose weighted total distribution tracks ``props``.

    Cells are processed in the given order; each cell gets the counts that bring the cumulative
    weighted distribution closest to ``props`` (largest remainder on the still-missing amounts).
    """
    p = np.clip(np.asarray(props, dtype=float), 0.0, None)
    p = p / p.sum() if p.sum() > 0 else np.full(len(p), 1.0 / len(p))
    done = np.zeros(len(p))
    total_w = 0.0
    out: list[np.ndarray] = []
    for n, w in zip(sizes, weights, strict=False):
        n = int(n)
        if n == 0:
            out.append(np.zeros(len(p), dtype=int))
            continue
        total_w += w * n
        want = (p * total_w - done) / w
        want = np.clip(want, 0.0, None)
        counts = largest_remainder(n, want)
        done += counts * w
        out.append(counts)
    return out


Band = tuple[float, float] | None
"""Accepted interval of a weighted share (0-1), e.g. the values that round to a printed number."""

BAND_PENALTY = 1000.0
"""Weight of the distance outside a band relative to the distance to the point target."""

HARD_LIMIT = 0.0095
"""A reproduced percentage may differ at most a percentage point from the printed one (0-1
scale, with a little room)."""


@dataclass(frozen=True)
class Margin:
    """A weighted share over codes: respondents with a code in ``numerator`` among those with a code
    in ``base`` (category indices), to be kept inside ``band`` (0-1)."""

    numerator: tuple[int, ...]
    base: tuple[int, ...]
    band: tuple[float, float]


def category_margins(bands: Sequence[Band]) -> list[Margin]:
    """One :class:`Margin` per category with a band: its share among all categories."""
    every = tuple(range(len(bands)))
    return [Margin((k,), every, band) for k, band in enumerate(bands) if band is not None]


def margin_shares(counts: np.ndarray, weights: Sequence[float], margins: Sequence[Margin]) -> list:
    """The weighted share of every margin (NaN for an empty base)."""
    c = np.asarray(counts, dtype=float) * np.asarray(weights, dtype=float)[:, None]
    totals = c.sum(axis=0)
    out = []
    for m in margins:
        base = totals[list(m.base)].sum()
        out.append(totals[list(m.numerator)].sum() / base if base > 0 else float("nan"))
    return out


MOVE_RANGE = 2
"""Largest number of units a refining move shifts within one cell (see :func:`refine_counts`)."""


def _move_combos(n_cells: int) -> list[tuple[tuple[int, int], ...]]:
    """Unit shifts in one cell (1..MOVE_RANGE) or two cells (each -MOVE_RANGE..MOVE_RANGE, not
    0)."""
    steps = [d for d in range(-MOVE_RANGE, MOVE_RANGE + 1) if d != 0]
    combos: list[tuple[tuple[int, int], ...]] = [
        ((i, d),) for i in range(n_cells) for d in steps if d > 0
    ]
    for i, j in itertools.combinations(range(n_cells), 2):
        combos += [((i, di), (j, dj)) for di in steps for dj in steps]
    return combos


def _moves(c: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Candidate moves as (category losing, category gaining, weight moved, counts change).

    A move takes units from category a and gives them to category b in one or two cells (up to
    :data:`MOVE_RANGE` units each, in either direction): with two cells of different weight, small
    net weights are reachable that single units cannot give.
    """
    n_cells, n_cat = c.shape
    losers, gainers, masses, changes = [], [], [], []
    for (a, b), combo in itertools.product(
        itertools.permutations(range(n_cat), 2), _move_combos(n_cells)
    ):
        if any(c[i, a] - d < 0 or c[i, b] + d < 0 for i, d in combo):
            continue
        mass = sum(d * w[i] for i, d in combo)
        if mass <= 0:
            continue
        change = np.zeros((n_cells, n_cat))
        for i, d in combo:
            change[i, a] -= d
            change[i, b] += d
        losers.append(a)
        gainers.append(b)
        masses.append(mass)
        changes.append(change)
    return (
        np.array(losers, dtype=int),
        np.array(gainers, dtype=int),
        np.array(masses, dtype=float),
        np.array(changes) if changes else np.zeros((0, n_cells, n_cat)),
    )


def refine_counts(
    counts: np.ndarray,
    weights: Sequence[float],
    props: Sequence[float],
    bands: Sequence[Band] = (),
    margins: Sequence[Margin] = (),
    max_moves: int = 200,
) -> np.ndarray:
    """Move units between categories within cells until every margin (the per-category ``bands``
    and the further ``margins``) lies in its band where integers allow, and otherwise the category
    shares are as close to ``props`` as they get.

    ``counts`` is cells x categories with fixed row sums; ``weights`` the weight of each cell.
    Greedy: each step takes the move (:func:`_moves`) that lowers ``BAND_PENALTY`` x (distance
    outside the bands) + (distance of the category shares to ``props``) most, so the result is
    deterministic.
    """
    c = np.array(counts, dtype=float)
    w = np.asarray(weights, dtype=float)
    p = np.clip(np.asarray(props, dtype=float), 0.0, None)
    p = p / p.sum() if p.sum() > 0 else p
    every = list(category_margins(bands)) + list(margins)
    n_cat = c.shape[1]
    if c.shape[0] == 0 or n_cat < 2 or float((c.sum(axis=1) * w).sum()) <= 0:
        return c.astype(int)
    num = np.array([[k in m.numerator for k in range(n_cat)] for m in every], dtype=float)
    den = np.array([[k in m.base for k in range(n_cat)] for m in every], dtype=float)
    lo = np.array([m.band[0] for m in every])
    hi = np.array([m.band[1] for m in every])
    grand = float((c * w[:, None]).sum())

    def cost(t: np.ndarray) -> np.ndarray:
        """Cost of category totals ``t`` (rows: alternatives)."""
        value = np.abs(t / grand - p).sum(axis=1)
        if len(every):
            base = t @ den.T
            share = np.where(base > 0, (t @ num.T) / np.where(base > 0, base, 1.0), lo)
            outside = np.maximum(0.0, np.maximum(lo - share, share - hi))
            value = value + BAND_PENALTY * outside.sum(axis=1)
        return value

    totals = (c * w[:, None]).sum(axis=0)
    current = float(cost(totals[None, :])[0])
    for _ in range(max_moves):
        if current < 1e-9:
            break
        losers, gainers, masses, changes = _moves(c, w)
        if len(masses) == 0:
            break
        trial = np.repeat(totals[None, :], len(masses), axis=0)
        trial[np.arange(len(masses)), losers] -= masses
        trial[np.arange(len(masses)), gainers] += masses
        values = cost(trial)
        k = int(np.argmin(values))
        if values[k] >= current - 1e-12:
            break
        c = c + changes[k]
        totals = trial[k]
        current = float(values[k])
    return c.astype(int)


def allocate_codes(
    cells: Sequence[np.ndarray],
    weights: Sequence[float],
    codes: Sequence[int],
    props: Sequence[float],
    rng: np.random.Generator,
    bands: Sequence[Band] | None = None,
    margins: Sequence[Margin] = (),
) -> dict[int, int]:
    """Assign ``codes`` to the row positions of ``cells`` following ``props`` (weighted, see module
    doc); with ``bands`` the counts are refined so each share lies in its band
    (:func:`refine_counts`).

    ``cells`` are arrays of row positions; ``weights`` the (constant) weight of each cell. Returns a
    mapping position -> code. Cells are processed largest weighted size first.
    """
    order = sorted(range(len(cells)), key=lambda k: (-weights[k] * len(cells[k]), k))
    counts = diffused_counts([len(cells[k]) for k in order], [weights[k] for k in order], props)
    if (bands is not None or margins) and counts:
        refined = refine_counts(
            np.array(counts), [weights[k] for k in order], props, bands or (), margins
        )
        counts = list(refined)
    result: dict[int, int] = {}
    for k, cnt in zip(order, counts, strict=False):
        values = np.repeat(np.asarray(codes), cnt)
        perm = rng.permutation(len(cells[k]))
        for pos, code in zip(np.asarray(cells[k])[perm], values, strict=False):
            result[int(pos)] = int(code)
    return result


def solve_offsets(
    design: np.ndarray, residual: np.ndarray, row_weights: np.ndarray | None = None
) -> np.ndarray:
    """Minimum-norm least-squares solution of ``design @ x = residual`` (rows optionally
    weighted)."""
    a = np.asarray(design, dtype=float)
    b = np.asarray(residual, dtype=float)
    if row_weights is not None:
        rw = np.sqrt(np.asarray(row_weights, dtype=float))
        a = a * rw[:, None]
        b = b * rw
    x, *_ = np.linalg.lstsq(a, b, rcond=None)
    return x


def two_group_counts(
    avail: tuple[int, int],
    weights: tuple[float, float],
    target: float,
    rates: tuple[float, float] | None = None,
    base_share: tuple[float, float] = (1.0, 1.0),
    band: Band = None,
    rate_half_width: float | None = None,
) -> tuple[tuple[int, int], tuple[int, int]]:
    """Bases and 'yes' counts in two groups (e.g. bao/go) for a weighted percentage ``target``.

    ``avail`` are the respondents available per group, ``weights`` the group weights, ``target``
    the weighted share (0-1) of 'yes' in the combined base. With ``rates`` (group-specific shares,
    0-1) the bases are chosen (within ``avail``) so that both the group shares and the combined
    weighted share are met as well as integers allow; otherwise the bases stay near
    ``base_share`` x avail. A ``band`` (0-1) on the combined share comes first, then the group
    shares within ``rate_half_width`` of ``rates``.
    Returns ((base_a, base_b), (yes_a, yes_b)).
    """
    wa, wb = weights
    if rates is None:
        na0 = int(round(base_share[0] * avail[0]))
        nb0 = int(round(base_share[1] * avail[1]))
        slack = max(2, int(0.03 * (na0 + nb0)))
        na_grid = np.arange(max(1, na0 - slack), min(avail[0], na0 + slack) + 1)
        nb_grid = np.arange(max(1, nb0 - slack), min(avail[1], nb0 + slack) + 1)
        if avail[1] == 0:
            nb_grid = np.array([0])
        if avail[0] == 0:
            na_grid = np.array([0])
        NA, NB = np.meshgrid(na_grid, nb_grid, indexing="ij")
        denom = np.maximum(wa * NA + wb * NB, 1e-12)
        best = None
        for ka_frac in (np.floor, np.ceil):
            KA = np.clip(ka_frac(target * NA), 0, NA)
            for kb_frac in (np.floor, np.ceil):
                kb_real = (target * denom - wa * KA) / wb if wb > 0 else np.zeros_like(KA)
                KB = np.clip(kb_frac(kb_real), 0, NB)
                overall = (wa * KA + wb * KB) / denom
                outside = _outside(overall, band)
                dev = np.abs(KA / np.maximum(NA, 1) - target) + np.abs(
                    KB / np.maximum(NB, 1) - target
                )
                score = (
                    BAND_PENALTY * outside
                    + np.abs(overall - target)
                    + 0.01 * dev
                    + 1e-5 * (np.abs(NA - na0) + np.abs(NB - nb0))
                )
                i, j = np.unravel_index(np.argmin(score), score.shape)
                cand = (
                    float(score[i, j]),
                    int(NA[i, j]),
                    int(NB[i, j]),
                    int(KA[i, j]),
                    int(KB[i, j]),
                )
                if best is None or cand[0] < best[0]:
                    best = cand
        assert best is not None
        return (best[1], best[2]), (best[3], best[4])
    ra, rb = rates
    na_grid = np.arange(max(1, int(0.15 * avail[0])), avail[0] + 1)
    nb_grid = np.arange(max(1, int(0.15 * avail[1])), avail[1] + 1)
    NA, NB = np.meshgrid(na_grid, nb_grid, indexing="ij")
    KA = np.round(ra * NA)
    KB = np.round(rb * NB)
    overall = (wa * KA + wb * KB) / (wa * NA + wb * NB)
    err = np.abs(overall - target) + 0.5 * np.abs(KA / NA - ra) + 0.5 * np.abs(KB / NB - rb)
    err = err + BAND_PENALTY * _outside(overall, band)
    if rate_half_width is not None:
        for k, n, r in ((KA, NA, ra), (KB, NB, rb)):
            err = err + BAND_PENALTY * np.maximum(0.0, np.abs(k / n - r) - rate_half_width)
    # prefer large bases (few n.v.t.) among equally good solutions
    score = np.round(err, 3) - 1e-6 * (NA + NB)
    i, j = np.unravel_index(np.argmin(score), score.shape)
    return (int(NA[i, j]), int(NB[i, j])), (int(KA[i, j]), int(KB[i, j]))


def _outside(values: np.ndarray, band: Band) -> np.ndarray:
    """Distance of ``values`` outside ``band`` (0 inside; 0 everywhere without a band)."""
    if band is None:
        return np.zeros_like(values, dtype=float)
    return np.maximum(0.0, np.maximum(band[0] - values, values - band[1]))


def stable_round(
    values: np.ndarray,
    steps: np.ndarray,
    lower: float,
    upper: float,
    u: np.ndarray,
    cells: np.ndarray,
) -> np.ndarray:
    """Round ``values`` to multiples of ``steps`` within [lower, upper], keeping the sum of every
    cell.

    Each element is first rounded with its own fixed uniform offset ``u`` (unbiased, and stable:
    a small change of one value only changes that value's rounding); then, per cell (labels in
    ``cells``), the elements closest to their rounding threshold are moved one step so that the
    cell total is within half a step of the unrounded total.
    """
    x = np.clip(np.asarray(values, dtype=float), lower, upper)
    q = x / steps + u
    r = np.clip(np.floor(q), np.ceil(lower / steps - 1e-9), np.floor(upper / steps + 1e-9)) * steps
    frac = q - np.floor(q)
    for cell in np.unique(cells):
        idx = np.flatnonzero(cells == cell)
        err = float((x[idx] - r[idx]).sum())
        k = int(round(err / float(np.mean(steps[idx]))))
        if k > 0:
            ok = idx[r[idx] + steps[idx] <= upper + 1e-9]
            pick = ok[np.argsort(-frac[ok], kind="stable")[:k]]
            r[pick] += steps[pick]
        elif k < 0:
            ok = idx[r[idx] - steps[idx] >= lower - 1e-9]
            pick = ok[np.argsort(frac[ok], kind="stable")[:-k]]
            r[pick] -= steps[pick]
    return r


def refine_ticks(
    ticks: np.ndarray,
    sizes: np.ndarray,
    weights: np.ndarray,
    margins: Sequence[tuple[np.ndarray, float, Band]],
    priority: Sequence[float] | None = None,
    hard: float = HARD_LIMIT,
    max_moves: int = 10_000,
) -> np.ndarray:
    """Yes-counts per cell (0 <= ticks <= sizes) moved one at a time until the weighted share of
    every margin (a boolean mask over the cells, a target and an optional band) lies in its band
    where integers allow, and otherwise as close to the targets as they get. ``priority``
    multiplies a margin's band penalty (where bands conflict, the higher one wins); a share more
    than ``hard`` from its target costs ten times more again. Greedy and deterministic, like
    :func:`refine_counts`."""
    t = np.asarray(ticks, dtype=float).copy()
    n = np.asarray(sizes, dtype=float)
    w = np.asarray(weights, dtype=float)
    masks = [np.asarray(m, dtype=bool) for m, _, _ in margins]
    targets = np.array([v for _, v, _ in margins], dtype=float)
    lo = np.array([b[0] if b is not None else -np.inf for _, _, b in margins])
    hi = np.array([b[1] if b is not None else np.inf for _, _, b in margins])
    bases = np.array([(w * n)[m].sum() for m in masks])
    member = np.array([m.astype(float) for m in masks])  # margins x cells
    weight = np.ones(len(margins)) if priority is None else np.asarray(priority, dtype=float)

    def cost(yes: np.ndarray) -> float:
        share = np.where(bases > 0, yes / np.where(bases > 0, bases, 1.0), targets)
        outside = np.maximum(0.0, np.maximum(lo - share, share - hi))
        beyond = np.maximum(0.0, np.abs(share - targets) - hard)
        return float(
            BAND_PENALTY * ((weight * outside).sum() + 10.0 * beyond.sum())
            + np.abs(share - targets).sum()
        )

    yes = member @ (w * t)
    current = cost(yes)
    for _ in range(max_moves):
        best, best_move = current - 1e-12, None
        for i in range(len(t)):
            for step in (-1.0, 1.0):
                if not 0 <= t[i] + step <= n[i]:
                    continue
                value = cost(yes + member[:, i] * w[i] * step)
                if value < best:
                    best, best_move = value, (i, step)
        if best_move is None:
            break
        i, step = best_move
        t[i] += step
        yes = yes + member[:, i] * w[i] * step
        current = best
    return t.astype(int)


EXACT_RANGE = 4
"""Units a category may deviate from its proportional count per cell in :func:`exact_counts`."""


def exact_counts(
    sizes: Sequence[int],
    weights: Sequence[float],
    props: Sequence[float] | np.ndarray,
    bands: Sequence[Band],
    margins: Sequence[Margin] = (),
) -> np.ndarray | None:
    """Counts (cells x categories, at most two cells) whose weighted category shares all lie in
    their bands and every margin in its band, closest to ``props``; None when no such counts
    exist within :data:`EXACT_RANGE` units of the proportional counts per cell.

    ``props`` is one distribution or one per cell (cells x categories). Two cells of different
    weight (bao and go with their weights) give shares on a coarse lattice, which greedy moves
    cannot search; a dynamic programme over the categories (state: units used per cell) finds the
    counts exactly.
    """
    n = [int(x) for x in sizes]
    w = [float(x) for x in weights]
    if not 1 <= len(n) <= 2:
        return None
    p = np.clip(np.atleast_2d(np.asarray(props, dtype=float)), 0.0, None)
    p = np.repeat(p, len(n), axis=0) if p.shape[0] == 1 else p
    p = p / p.sum(axis=1, keepdims=True)
    if len(n) == 1:
        n, w, p = n + [0], w + [1.0], np.vstack([p, p])
    total = n[0] * w[0] + n[1] * w[1]
    if total <= 0:
        return None
    band_of = [bands[k] if k < len(bands) else None for k in range(p.shape[1])]
    free = [k for k, b in enumerate(band_of) if b is None]
    # categories without a band: the largest takes up the rest, the others are proportional
    slack = max(free, key=lambda k: p[:, k].sum()) if free else None
    fixed = {
        k: (int(round(p[0, k] * n[0])), int(round(p[1, k] * n[1]))) for k in free if k != slack
    }
    room = [n[0] - sum(v[0] for v in fixed.values()), n[1] - sum(v[1] for v in fixed.values())]
    if min(room) < 0:
        return None
    banded = [k for k in range(p.shape[1]) if band_of[k] is not None]
    options = [_exact_candidates(n, w, total, p[:, k], band_of[k]) for k in banded]
    if any(not cand for cand in options):
        return None
    if slack is None:
        path = _cheapest_path(options, room)
    else:
        rest = (p[0, slack] * n[0], p[1, slack] * n[1])
        path = _cheapest_path(
            options,
            room,
            lambda i, j: np.abs(room[0] - i - rest[0]) + np.abs(room[1] - j - rest[1]),
        )
    if path is None:
        return None
    by_category = dict(zip(banded, path[: len(banded)], strict=True))
    by_category.update(fixed)
    if slack is not None:
        used = [sum(v[c] for v in by_category.values()) for c in (0, 1)]
        by_category[slack] = (n[0] - used[0], n[1] - used[1])
    path = tuple(by_category[k] for k in range(p.shape[1]))
    counts = np.array(path, dtype=int).T  # cells x categories
    shares = margin_shares(counts, w, margins)
    if any(not m.band[0] <= v <= m.band[1] for m, v in zip(margins, shares, strict=True)):
        return None
    return counts[: len(sizes)]


def _exact_candidates(
    n: list[int], w: list[float], total: float, p: np.ndarray, band: Band
) -> list[tuple[int, int, float]]:
    """(count in cell 0, count in cell 1, distance to proportional) with the share in ``band``."""
    c0, c1 = p[0] * n[0], p[1] * n[1]
    first = range(max(0, int(c0) - EXACT_RANGE), min(n[0], int(c0) + EXACT_RANGE + 1) + 1)
    second = range(max(0, int(c1) - EXACT_RANGE), min(n[1], int(c1) + EXACT_RANGE + 1) + 1)
    out = []
    for a, b in itertools.product(first, second):
        share = (a * w[0] + b * w[1]) / total
        if band is None or band[0] <= share <= band[1]:
            out.append((a, b, abs(a - c0) + abs(b - c1)))
    return out


def _cheapest_path(
    options: list[list[tuple[int, int, float]]],
    n: list[int],
    leftover: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
) -> tuple[tuple[int, int], ...] | None:
    """One candidate per category, least total distance, whose counts add up to ``n`` per cell
    (with ``leftover``: to at most ``n``, the cost of what is left given by ``leftover(i, j)`` for
    i, j units used). A min-plus dynamic programme over the table of units used."""
    shape = (n[0] + 1, n[1] + 1)
    cost = np.full(shape, np.inf)
    cost[0, 0] = 0.0
    choices = []
    for cand in options:
        nxt = np.full(shape, np.inf)
        choice = np.full(shape, -1, dtype=int)
        for k, (a, b, dev) in enumerate(cand):
            if a > n[0] or b > n[1]:
                continue
            shifted = np.full(shape, np.inf)
            shifted[a:, b:] = cost[: shape[0] - a, : shape[1] - b] + dev
            better = shifted < nxt
            nxt[better] = shifted[better]
            choice[better] = k
        cost = nxt
        choices.append(choice)
    if leftover is None:
        i, j = n
    else:
        ii, jj = np.meshgrid(np.arange(shape[0]), np.arange(shape[1]), indexing="ij")
        total = cost + leftover(ii, jj)
        i, j = (int(v) for v in np.unravel_index(int(np.argmin(total)), shape))
    if not np.isfinite(cost[i, j]):
        return None
    path = []
    for cand, choice in zip(reversed(options), reversed(choices), strict=True):
        a, b, _ = cand[int(choice[i, j])]
        path.append((a, b))
        i, j = i - a, j - b
    return tuple(reversed(path))
