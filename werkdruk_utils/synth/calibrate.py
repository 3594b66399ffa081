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

from collections.abc import Sequence

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


def allocate_codes(
    cells: Sequence[np.ndarray],
    weights: Sequence[float],
    codes: Sequence[int],
    props: Sequence[float],
    rng: np.random.Generator,
) -> dict[int, int]:
    """Assign ``codes`` to the row positions of ``cells`` following ``props`` (weighted, see module
    doc).

    ``cells`` are arrays of row positions; ``weights`` the (constant) weight of each cell. Returns a
    mapping position -> code. Cells are processed largest weighted size first.
    """
    order = sorted(range(len(cells)), key=lambda k: (-weights[k] * len(cells[k]), k))
    counts = diffused_counts([len(cells[k]) for k in order], [weights[k] for k in order], props)
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
) -> tuple[tuple[int, int], tuple[int, int]]:
    """Bases and 'yes' counts in two groups (e.g. bao/go) for a weighted percentage ``target``.

    ``avail`` are the respondents available per group, ``weights`` the group weights, ``target``
    the weighted share (0-1) of 'yes' in the combined base. With ``rates`` (group-specific shares,
    0-1) the bases are chosen too (within ``avail``) so that both the group shares and the combined
    weighted share are met as well as integers allow; otherwise the bases are ``base_share`` x
    avail.
    Returns ((base_a, base_b), (yes_a, yes_b)).
    """
    wa, wb = weights
    if rates is None:
        na = int(round(base_share[0] * avail[0]))
        nb = int(round(base_share[1] * avail[1]))
        best = None
        for ka in range(na + 1):
            # best kb for this ka
            denom = wa * na + wb * nb
            kb_real = (target * denom - wa * ka) / wb if wb > 0 and nb > 0 else 0.0
            for kb in {int(np.floor(kb_real)), int(np.ceil(kb_real))}:
                if kb < 0 or kb > nb:
                    continue
                err = abs((wa * ka + wb * kb) / denom - target)
                dev = abs(ka / max(na, 1) - target) + abs(kb / max(nb, 1) - target)
                score = (round(err, 4), dev)
                if best is None or score < best[0]:
                    best = (score, ka, kb)
        if best is None:
            return (na, nb), (0, 0)
        return (na, nb), (best[1], best[2])
    ra, rb = rates
    na_grid = np.arange(max(1, int(0.15 * avail[0])), avail[0] + 1)
    nb_grid = np.arange(max(1, int(0.15 * avail[1])), avail[1] + 1)
    NA, NB = np.meshgrid(na_grid, nb_grid, indexing="ij")
    KA = np.round(ra * NA)
    KB = np.round(rb * NB)
    overall = (wa * KA + wb * KB) / (wa * NA + wb * NB)
    err = np.abs(overall - target) + 0.5 * np.abs(KA / NA - ra) + 0.5 * np.abs(KB / NB - rb)
    # prefer large bases (few n.v.t.) among equally good solutions
    score = np.round(err, 3) - 1e-6 * (NA + NB)
    i, j = np.unravel_index(np.argmin(score), score.shape)
    return (int(NA[i, j]), int(NB[i, j])), (int(KA[i, j]), int(KB[i, j]))


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
