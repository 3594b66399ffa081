"""What every part of the answer generation shares: the year's frame, its weights and the
allocation helpers.

:class:`AnswerContext` holds the structural frame of one measurement year, its cell weights
(function x sector) and sector weights (schoolleiders), the random generator and the answer
columns built so far. The helpers turn a target distribution into integer counts per weighting
cell (:mod:`werkdruk_utils.synth.calibrate`) and assign the codes at random within each cell, so a
weighted percentage over all cells lands on its target up to integer rounding.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from werkdruk_utils.synth import calibrate as cal
from werkdruk_utils.synth import targets as tg

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

    def __init__(self, frame: pd.DataFrame, year: int, rng: np.random.Generator) -> None:
        from werkdruk_utils.stats.weighting import cell_weights, sector_weights

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
) -> None:
    cells, ws = ctx.cells(pos, by, weights)
    assign(ctx, col, cal.allocate_codes(cells, ws, codes, props, ctx.rng))


def binary_counts(
    ctx: AnswerContext, cells: list[np.ndarray], ws: list[float], p: float
) -> list[int]:
    order = sorted(range(len(cells)), key=lambda k: (-ws[k] * len(cells[k]), k))
    counts = cal.diffused_counts([len(cells[k]) for k in order], [ws[k] for k in order], [p, 1 - p])
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
) -> None:
    """Multiple-choice options as 0/1: exact weighted share per option among ``pos`` (all
    answering).

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
    counts = {j: binary_counts(ctx, cells, ws, props[j]) for j in range(len(cols))}
    for k, cell in enumerate(cells):
        free = ctx.rng.permutation(cell)
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
            else:
                chosen = ctx.rng.permutation(free)[:n_j]
            arrays[j][chosen] = 1
        # coverage: everybody non-exclusive ticks at least one option
        mat = np.array([arrays[j][free] for j in others]).T if others else np.zeros((len(free), 0))
        for r in np.flatnonzero(mat.sum(axis=1) == 0) if len(others) else []:
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
) -> None:
    """Like :func:`tick_multi` without exclusive options and without the at-least-one rule."""
    cells, ws = ctx.cells(pos, by, weights)
    for j, c in enumerate(cols):
        counts = binary_counts(ctx, cells, ws, props[j])
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
