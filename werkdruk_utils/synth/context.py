"""What every part of the answer generation shares: the year's frame, its weights and the
allocation helpers.

:class:`AnswerContext` holds the structural frame of one measurement year, its cell weights
(function x sector) and sector weights (schoolleiders), the random generator and the answer
columns built so far. The helpers turn a target distribution into integer counts per weighting
cell (:mod:`werkdruk_utils.synth.calibrate`) and assign the codes at random within each cell, so a
weighted percentage over all cells lands on its target up to integer rounding.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pandas as pd

from werkdruk_utils.synth import calibrate as cal
from werkdruk_utils.synth import targets as tg
from werkdruk_utils.synth import variation

SL = "schoolleider"
LERAAR = "leraar"
OOP = "onderwijsondersteunend personeel"
OVR = "overig ondersteunend personeel"
ANALYSIS_GROUPS: tuple[str, ...] = (SL, LERAAR, OOP, OVR)
SECTORS: tuple[str, ...] = ("bao", "go")
MUNICIPALITIES: tuple[str, ...] = ("G4", "G40", "overig")

NONRESPONSE_RATE = 0.025
"""Item non-response per question (share left empty among those shown), unless stated otherwise."""

REQUIRED_COLUMNS: tuple[str, ...] = (
    "school_id",
    "v1",
    "v4",
    "werktijdfactor",
    "sector",
    "municipality_category",
    "achterstandsscore",
    "analysis_group",
    "weighting_group",
)


class AnswerError(ValueError):
    """The structural frame cannot be given answers."""


class AnswerContext:
    """One measurement year being given answers: frame, weights, random generator, columns."""

    def __init__(self, frame: pd.DataFrame, year: int, rng: np.random.Generator, seed: int) -> None:
        from werkdruk_utils.stats.weighting import cell_weights, sector_weights

        self.seed = int(seed)
        self.frame = frame
        self.index = frame.index
        self.year = year
        self.rng = rng
        self.n = len(frame)
        self.group = frame["analysis_group"].astype(str).to_numpy()
        self.wgroup = frame["weighting_group"].astype(str).to_numpy()
        self.sector = frame["sector"].astype(str).to_numpy()
        self.muni = frame["municipality_category"].astype(str).to_numpy()
        self.sl = self.group == SL
        self.w = cell_weights(frame).to_numpy(dtype=float)
        self.ws = np.full(self.n, np.nan)
        if self.sl.any():
            self.ws[self.sl] = sector_weights(frame.loc[self.sl]).to_numpy(dtype=float)
        self.data: dict[str, np.ndarray] = {}
        self.float_cols: set[str] = set()

    def z(self, key: str, bound_years: Sequence[int] = (), max_t: float | None = None) -> float:
        """This year's standard normal draw for ``key`` (:func:`.variation.joint_normal`)."""
        if max_t is None:
            return variation.joint_normal(self.seed, key, self.year, bound_years)
        return variation.joint_normal(self.seed, key, self.year, bound_years, max_t)

    def spread_order(self, pos: np.ndarray, column: str) -> np.ndarray:
        """``pos`` in an order whose every prefix holds the categories of ``column`` in
        proportion (random within each category), one of each category first (a rare answer does
        not leave a small category empty)."""
        values = self.frame[column].astype(str).to_numpy()[pos]
        keys = np.empty(len(pos))
        for value in np.unique(values):
            idx = np.flatnonzero(values == value)
            ranks = self.rng.permutation(len(idx))
            keys[idx] = np.where(ranks == 0, 0.0, (ranks + 0.5) / len(idx))
            keys[idx] += self.rng.random(len(idx)) * 1e-9
        return pos[np.argsort(keys, kind="stable")]

    def new(self, col: str) -> np.ndarray:
        arr = np.full(self.n, np.nan)
        self.data[col] = arr
        return arr

    def positions(self, mask: np.ndarray) -> np.ndarray:
        return np.flatnonzero(mask)

    def drop_nonresponse(
        self, pos: np.ndarray, rate: float = NONRESPONSE_RATE
    ) -> tuple[np.ndarray, np.ndarray]:
        """Split positions into (answering, not answering); round(rate x n) do not answer."""
        k = int(round(rate * len(pos)))
        perm = self.rng.permutation(len(pos))
        missing = np.sort(pos[perm[:k]])
        answering = np.sort(pos[perm[k:]])
        return answering, missing

    def cells(
        self, pos: np.ndarray, by: Sequence[str], weights: np.ndarray
    ) -> tuple[list[np.ndarray], list[float]]:
        """Group positions by frame columns; cell weight = weight of its first member (constant in
        cell)."""
        if len(pos) == 0:
            return [], []
        keys = (
            pd.DataFrame({c: self.frame[c].astype(str).to_numpy()[pos] for c in by}) if by else None
        )
        if keys is None:
            return [pos], [float(weights[pos[0]])]
        out, ws = [], []
        for _, sub in keys.groupby(list(by), sort=True):
            p = pos[sub.index.to_numpy()]
            vals = weights[p]
            if not np.allclose(vals, vals[0]):
                raise AnswerError(f"weights not constant within cell {by}")
            out.append(p)
            ws.append(float(vals[0]))
        return out, ws

    def result(self, cols: Sequence[str]) -> pd.DataFrame:
        """The answer columns ``cols`` as a frame (Int64 codes; Float64 for :attr:`float_cols`)."""
        out = {}
        for c in cols:
            arr = self.data.get(c, np.full(self.n, np.nan))
            if c in self.float_cols:
                out[c] = pd.array(arr, dtype="Float64")
            else:
                out[c] = pd.array(np.round(arr), dtype="Float64").astype("Int64")
        return pd.DataFrame(out, index=self.index)


def normalised(values: Sequence[float]) -> np.ndarray:
    """Printed percentages -> proportions summing to 1; a sum != 100 is corrected by an equal
    shift."""
    v = np.asarray(values, dtype=float)
    v = v + (100.0 - v.sum()) / len(v)
    v = np.clip(v, 0.0, None)
    return v / v.sum()


def assign(ctx: AnswerContext, col: str, mapping: dict[int, int]) -> None:
    arr = ctx.data.get(col)
    if arr is None:
        arr = ctx.new(col)
    for pos, code in mapping.items():
        arr[pos] = code


def allocate_single(
    ctx: AnswerContext,
    col: str,
    pos: np.ndarray,
    codes: Sequence[int],
    props: Sequence[float],
    by: Sequence[str],
    weights: np.ndarray,
    bands: Sequence[cal.Band] | None = None,
    margins: Sequence[cal.Margin] = (),
) -> None:
    """Codes for the positions ``pos`` in the weighted proportions ``props`` over the cells of
    ``by`` (each share inside its band where given, and every further margin, see
    :func:`.calibrate.refine_counts`)."""
    cells, ws = ctx.cells(pos, by, weights)
    assign(ctx, col, cal.allocate_codes(cells, ws, codes, props, ctx.rng, bands, margins))


def binary_counts(
    ctx: AnswerContext,
    cells: list[np.ndarray],
    ws: list[float],
    p: float,
    band: cal.Band = None,
) -> list[int]:
    """Ticks per cell for a weighted share ``p`` (inside ``band`` where integers allow)."""
    order = sorted(range(len(cells)), key=lambda k: (-ws[k] * len(cells[k]), k))
    counts = cal.diffused_counts([len(cells[k]) for k in order], [ws[k] for k in order], [p, 1 - p])
    if band is not None and counts:
        refined = cal.refine_counts(
            np.array(counts), [ws[k] for k in order], [p, 1 - p], [band, None]
        )
        counts = list(refined)
    out = [0] * len(cells)
    for k, c in zip(order, counts, strict=False):
        out[k] = int(c[0])
    return out


def tick_multi(
    ctx: AnswerContext,
    cols: Sequence[str],
    pos: np.ndarray,
    props: Sequence[float],
    by: Sequence[str],
    weights: np.ndarray,
    exclusive: Sequence[int] = (),
    priority: dict[int, np.ndarray] | None = None,
    bands: Sequence[cal.Band] | None = None,
    counts: dict[int, list[int]] | None = None,
    spread_over: str | None = None,
) -> None:
    """Multiple-choice options as 0/1: exact weighted share per option among ``pos`` (all
    answering), inside its band where ``bands`` gives one; ``counts`` (option -> ticks per cell
    of ``by``) replaces the computed counts. With ``spread_over`` (a frame column) the ticks of a
    cell are spread over its categories in proportion (no differences between them beyond
    rounding).

    ``exclusive`` option indices are ticked alone; every other respondent ends up with at least
    one tick (ticks are moved within a cell, which keeps the counts). ``priority`` maps an option
    index to a score per frame position; lower scores are ticked first.
    """
    arrays = []
    for c in cols:
        a = ctx.data.get(c)
        if a is None:
            a = ctx.new(c)
        a[pos] = 0
        arrays.append(a)
    cells, ws = ctx.cells(pos, by, weights)
    if counts is None:
        counts = {
            j: binary_counts(ctx, cells, ws, props[j], bands[j] if bands else None)
            for j in range(len(cols))
        }
    for k, cell in enumerate(cells):
        free = ctx.spread_order(cell, spread_over) if spread_over else ctx.rng.permutation(cell)
        taken = np.zeros(0, dtype=int)
        for j in exclusive:
            n_j = min(counts[j][k], len(free))
            arrays[j][free[:n_j]] = 1
            taken = np.concatenate([taken, free[:n_j]])
            free = free[n_j:]
        others = [j for j in range(len(cols)) if j not in exclusive]
        for j in others:
            n_j = min(counts[j][k], len(free))
            if priority is not None and j in priority:
                score = priority[j][free] + ctx.rng.random(len(free)) * 1e-3
                chosen = free[np.argsort(score, kind="stable")[:n_j]]
            elif spread_over:
                chosen = ctx.spread_order(free, spread_over)[:n_j]
            else:
                chosen = ctx.rng.permutation(free)[:n_j]
            arrays[j][chosen] = 1
        if others:
            _cover(ctx, arrays, others, free, spread_over)


def _cover(
    ctx: AnswerContext,
    arrays: list[np.ndarray],
    others: list[int],
    free: np.ndarray,
    spread_over: str | None,
) -> None:
    """Everybody in ``free`` gets at least one tick of the ``others`` options: a tick moves from a
    respondent with two or more (of the same ``spread_over`` category where there is one), so the
    counts per option stay."""
    mat = np.array([arrays[j][free] for j in others]).T
    strata = (
        ctx.frame[spread_over].astype(str).to_numpy()[free]
        if spread_over
        else np.zeros(len(free), dtype=object)
    )
    for r in np.flatnonzero(mat.sum(axis=1) == 0):
        donors = np.flatnonzero((mat.sum(axis=1) >= 2) & (strata == strata[r]))
        if len(donors) == 0:
            donors = np.flatnonzero(mat.sum(axis=1) >= 2)
        if len(donors) == 0:
            break
        d = donors[ctx.rng.integers(len(donors))]
        options = np.flatnonzero(mat[d] == 1)
        o = options[ctx.rng.integers(len(options))]
        mat[d, o] = 0
        mat[r, o] = 1
    for jj, j in enumerate(others):
        arrays[j][free] = mat[:, jj]


def pick(source: str, year: int, category: str, **kw: object) -> float:
    return tg.pick(source, year, category, **kw)  # type: ignore[arg-type]


def tick_multi_nocover(
    ctx: AnswerContext,
    cols: Sequence[str],
    pos: np.ndarray,
    props: Sequence[float],
    by: Sequence[str],
    weights: np.ndarray,
    priority: dict[int, np.ndarray],
    bands: Sequence[cal.Band] | None = None,
) -> None:
    """Like :func:`tick_multi` without exclusive options and without the at-least-one rule."""
    cells, ws = ctx.cells(pos, by, weights)
    for j, c in enumerate(cols):
        counts = binary_counts(ctx, cells, ws, props[j], bands[j] if bands else None)
        arr = ctx.data[c]
        for cell, n_j in zip(cells, counts, strict=False):
            score = priority[j][cell]
            arr[cell[np.argsort(score, kind="stable")[:n_j]]] = 1


def sector_weight(ctx: AnswerContext, sector: str) -> float:
    m = ctx.sl & (ctx.sector == sector)
    return float(ctx.ws[m][0]) if m.any() else 1.0


def wvar(v: np.ndarray, w: np.ndarray) -> float:
    m = np.average(v, weights=w)
    return float(np.average((v - m) ** 2, weights=w))


def printed_shares(
    values: Sequence[float], source: str, *, exclusive: bool = True
) -> tuple[np.ndarray, list[cal.Band] | None]:
    """Printed percentages of one question -> (proportions, bands): the first of
    :func:`printed_alternatives`."""
    return printed_alternatives(values, source, exclusive=exclusive)[0]


def printed_alternatives(
    values: Sequence[float], source: str, *, exclusive: bool = True
) -> list[tuple[np.ndarray, list[cal.Band]]]:
    """Printed percentages of one question -> ways to meet them as (proportions, bands).

    The bands (0-1 scale) hold the shares that round to the printed numbers
    (:func:`.targets.printed_band`). For a single-choice question (``exclusive``) the printed
    numbers must add up to 100 within their rounding; where they do not, the report's numbers
    disagree with each other and the difference is taken up by as few categories as possible,
    each moving less than a percentage point (:data:`MAX_RECONCILE`), so the other categories keep
    their printed values: one alternative per order of the categories that take it up (the largest
    first).
    """
    vals = np.asarray(values, dtype=float)
    half = 0.5 * 10.0 ** -tg.printed_decimals(source, "percent")
    orders: list[np.ndarray] = [np.array([], dtype=int)]
    if exclusive and abs(vals.sum() - 100.0) > half * len(vals) * CONSISTENT_SHARE:
        largest = np.argsort(-vals, kind="stable")
        orders = [np.concatenate([[k], largest[largest != k]]) for k in largest]
    out = []
    for order in orders:
        points = vals.copy()
        absorbing = np.zeros(len(vals), dtype=bool)
        gap = 100.0 - vals.sum() if len(order) else 0.0
        for k in order:
            if abs(gap) < 1e-9:
                break
            step = float(np.clip(gap, -MAX_RECONCILE, MAX_RECONCILE))
            step = max(step, -points[k]) if step < 0 else step
            points[k] += step
            gap -= step
            absorbing[k] = True
        props = points / points.sum() if exclusive else points / 100.0
        bands: list[cal.Band] = []
        for v, point, absorbs in zip(vals, points, absorbing, strict=True):
            lo, hi = tg.printed_band(source, float(point if absorbs else v))
            bands.append((max(lo, 0.0) / 100.0, min(hi, 100.0) / 100.0))
        out.append((props, bands))
    return out


CONSISTENT_SHARE = 0.9
"""Printed shares of one question count as adding up to 100 when the sum is off by at most this
share of the largest rounding error (the number of categories x half a unit); beyond it, every
category would have to sit at the edge of its rounding."""

MAX_RECONCILE = 0.95
"""Largest move (percentage points) of a printed value that takes up a sum that is not 100."""

DROP_RANGE = 4
"""How far :func:`allocate_exact` moves the number of respondents left out per cell at first."""

WIDE_DROP_RANGE = 8
"""How far it moves that number before it lets a printed value miss its rounding: the shares of
two cells of different weight lie on a coarse lattice, and a printed column that adds up to 100
only at the edges of its rounding (Tabel 3.4 2022: 100,2) has its few solutions further out."""


def allocate_exact(
    ctx: AnswerContext,
    col: str,
    pos: np.ndarray,
    codes: Sequence[int],
    props: Sequence[float],
    by: Sequence[str],
    weights: np.ndarray,
    bands: Sequence[cal.Band],
    rate: float,
    margins: Sequence[cal.Margin] = (),
    alternatives: Sequence[tuple[np.ndarray, list[cal.Band]]] = (),
) -> np.ndarray:
    """Leave out about ``rate`` of ``pos`` per cell of ``by`` (item non-response, or a category
    outside the base), give the others ``codes`` so every share lies in its band, and return the
    positions left out.

    With at most two cells the shares lie on a coarse lattice: the number left out per cell is
    varied (within :data:`DROP_RANGE` of ``rate``) until :func:`.calibrate.exact_counts` finds
    counts inside every band and margin (trying the further ``alternatives`` of proportions and
    bands, then without the margins, then with one band less); with more cells, or when no such
    counts exist, the counts are refined as close as integers allow (:func:`allocate_single`).
    """
    cells, ws = ctx.cells(pos, by, weights)
    orders = [ctx.rng.permutation(cell) for cell in cells]
    nominal = [int(round(rate * len(cell))) for cell in cells]
    attempts = [(props, list(bands), list(margins))]
    attempts += [(p, list(b), list(margins)) for p, b in alternatives]
    # every band met with more or fewer left out comes before giving up a band or a margin
    attempts = [(p, b, m, DROP_RANGE) for p, b, m in attempts] + [
        (p, b, m, WIDE_DROP_RANGE) for p, b, m in attempts
    ]
    if margins:
        attempts += [(p, b, [], r) for p, b, _, r in list(attempts) if r == DROP_RANGE]
    attempts += [
        (p, b_set, m, r)
        for p, b, m, r in list(attempts)
        if r == DROP_RANGE
        for b_set in _band_sets(b)[1:]
    ]
    for p_try, band_set, margin_set, spread in attempts if len(cells) <= 2 else []:
        for ks in _drop_trials(cells, nominal, spread):
            sizes = [len(cell) - k for cell, k in zip(cells, ks, strict=True)]
            counts = cal.exact_counts(sizes, ws, p_try, band_set, margin_set)
            if counts is None:
                continue
            dropped = []
            for order, k, row in zip(orders, ks, counts, strict=True):
                dropped.append(order[:k])
                values = np.repeat(np.asarray(codes), row)
                order_kept = ctx.rng.permutation(order[k:]).tolist()
                assign(ctx, col, dict(zip(order_kept, values.tolist(), strict=True)))
            return np.sort(np.concatenate(dropped)) if dropped else np.zeros(0, dtype=int)
    dropped = np.sort(
        np.concatenate([order[:k] for order, k in zip(orders, nominal, strict=True)])
        if orders
        else np.zeros(0, dtype=int)
    )
    kept = np.setdiff1d(pos, dropped)
    allocate_single(ctx, col, kept, codes, props, by, weights, bands, margins)
    return dropped


def _band_sets(bands: Sequence[cal.Band]) -> list[list[cal.Band]]:
    """All the bands, then every set with one band left out (the largest category first): where
    integers cannot meet every band, as many as possible."""
    out = [list(bands)]
    order = sorted(
        (k for k, b in enumerate(bands) if b is not None),
        key=lambda k: -bands[k][1],  # type: ignore[index]
    )
    for k in order:
        out.append([None if j == k else b for j, b in enumerate(bands)])
    return out


def _drop_trials(
    cells: list[np.ndarray], nominal: list[int], spread: int = DROP_RANGE
) -> list[tuple[int, ...]]:
    """Numbers left out per cell, within ``spread`` of ``nominal``, nearest first (a wider
    ``spread`` gives only the numbers beyond :data:`DROP_RANGE`: the nearer ones were tried)."""
    ranges = [
        range(max(0, k - spread), min(len(cell), k + spread) + 1)
        for k, cell in zip(nominal, cells, strict=True)
    ]
    trials = itertools.product(*ranges)
    if spread > DROP_RANGE:
        trials = (
            ks
            for ks in trials
            if max(abs(k - k0) for k, k0 in zip(ks, nominal, strict=True)) > DROP_RANGE
        )
    return sorted(
        trials,
        key=lambda ks: (sum(abs(k - k0) for k, k0 in zip(ks, nominal, strict=True)), ks),
    )


def exact_ticks(
    ctx: AnswerContext,
    cells: list[np.ndarray],
    ws: list[float],
    props: np.ndarray,
    bands: Sequence[cal.Band],
) -> tuple[dict[int, list[int]], int]:
    """Ticks per cell (at most two cells) for every option, share inside its band where integers
    allow, closest to ``props`` (one value per option, or options x cells for cell-specific
    shares); and the number of options whose band could not be met."""
    out: dict[int, list[int]] = {}
    missed = 0
    sizes = [len(c) for c in cells]
    p = np.asarray(props, dtype=float)
    for j in range(p.shape[0]):
        share = p[j] if p.ndim == 2 else np.full(len(cells), p[j])
        per_cell = np.column_stack([share, 1.0 - share])
        band = bands[j] if j < len(bands) else None
        found = cal.exact_counts(sizes, ws, per_cell, [band, None])
        if found is None:
            missed += 1
            found = cal.exact_counts(sizes, ws, per_cell, [None, None])
        out[j] = [int(x) for x in found[:, 0]]  # type: ignore[index]
    return out, missed


def tick_exact(
    ctx: AnswerContext,
    cols: Sequence[str],
    pos: np.ndarray,
    props: Sequence[float],
    by: Sequence[str],
    weights: np.ndarray,
    bands: Sequence[cal.Band],
    rate: float,
    exclusive: Sequence[int] = (),
    spread_over: str | None = None,
) -> np.ndarray:
    """Multiple choice with item non-response: leave out about ``rate`` of ``pos`` per cell of
    ``by`` (varied, like :func:`allocate_exact`, until every option's share can lie in its band),
    tick the others (:func:`tick_multi`) and return the positions left out (set to empty)."""
    cells, ws = ctx.cells(pos, by, weights)
    orders = [ctx.rng.permutation(cell) for cell in cells]
    nominal = [int(round(rate * len(cell))) for cell in cells]
    chosen, counts, fewest = tuple(nominal), None, len(cols) + 1
    if len(cells) <= 2:
        for ks in _drop_trials(cells, nominal):
            kept = [order[k:] for order, k in zip(orders, ks, strict=True)]
            found, missed = exact_ticks(ctx, kept, ws, np.asarray(props, dtype=float), bands)
            if missed < fewest:
                chosen, counts, fewest = ks, found, missed
            if missed == 0:
                break
    dropped = np.sort(np.concatenate([o[:k] for o, k in zip(orders, chosen, strict=True)]))
    kept_pos = np.setdiff1d(pos, dropped)
    for c in cols:
        ctx.data[c][dropped] = np.nan
    if counts is not None:
        # the cells of ``kept_pos`` in the order ctx.cells gives them
        sub_cells, _ = ctx.cells(kept_pos, by, weights)
        if len(sub_cells) != len(cells):
            counts = None
    tick_multi(
        ctx,
        cols,
        kept_pos,
        props,
        by,
        weights,
        exclusive=exclusive,
        bands=bands,
        counts=counts,
        spread_over=spread_over,
    )
    return dropped
