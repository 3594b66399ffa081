"""The tail probabilities and quantiles the survey functions need, from :mod:`scipy.special`.

``scipy.stats`` computes these with the same special functions (``t.sf(x, df)`` is
``stdtr(df, -x)``, ``t.ppf(q, df)`` is ``stdtrit(df, q)``, ``norm.ppf`` is ``ndtri``, ``f.sf`` is
``fdtrc``, ``chi2.sf`` is ``chdtrc``), wrapped in argument checks; importing it takes about a
second, which a notebook opened in JupyterLab would pay before its first table. The functions here
call the special functions directly and apply the same checks, so that they return exactly what
``scipy.stats`` returns (``tests/unit/stats/test_distributions.py`` compares them bit for bit):

- a parameter outside its range (degrees of freedom <= 0 or NaN) gives NaN;
- ``x`` at or below the lower end of the support gives a tail probability of 1, ``+inf`` gives 0,
  NaN gives NaN;
- a probability outside [0, 1] gives NaN; 0 and 1 give the ends of the support.

Scalars give a Python ``float``; arrays give arrays of the broadcast shape.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import special


def _result(values: np.ndarray) -> Any:
    return float(values) if values.ndim == 0 else values


def t_sf(x: Any, df: Any) -> Any:
    """P(T > x) for Student's t with ``df`` degrees of freedom (``scipy.stats.t.sf``)."""
    x, df = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(df, dtype=float))
    valid = df > 0
    with np.errstate(invalid="ignore"):
        out = np.where(valid & ~np.isnan(x), special.stdtr(np.where(valid, df, 1.0), -x), np.nan)
    return _result(out)


def t_ppf(q: Any, df: Any) -> Any:
    """The ``q`` quantile of Student's t with ``df`` degrees of freedom (``scipy.stats.t.ppf``)."""
    q, df = np.broadcast_arrays(np.asarray(q, dtype=float), np.asarray(df, dtype=float))
    valid = (df > 0) & (q >= 0) & (q <= 1)
    inner = valid & (q > 0) & (q < 1)
    with np.errstate(invalid="ignore"):
        values = special.stdtrit(np.where(inner, df, 1.0), np.where(inner, q, 0.5))
    out = np.where(inner, values, np.nan)
    out = np.where(valid & (q == 0), -np.inf, out)
    out = np.where(valid & (q == 1), np.inf, out)
    return _result(out)


def norm_ppf(q: Any) -> Any:
    """The ``q`` quantile of the standard normal distribution (``scipy.stats.norm.ppf``)."""
    q = np.asarray(q, dtype=float)
    valid = (q >= 0) & (q <= 1)
    with np.errstate(invalid="ignore"):
        out = np.where(valid, special.ndtri(np.where(valid, q, 0.5)), np.nan)
    return _result(out)


def f_sf(x: Any, dfn: Any, dfd: Any) -> Any:
    """P(F > x) for the F distribution with ``dfn`` and ``dfd`` degrees of freedom
    (``scipy.stats.f.sf``)."""
    x, dfn, dfd = np.broadcast_arrays(
        np.asarray(x, dtype=float), np.asarray(dfn, dtype=float), np.asarray(dfd, dtype=float)
    )
    valid = (dfn > 0) & (dfd > 0) & ~np.isnan(x)
    inner = valid & (x > 0) & (x < np.inf)
    with np.errstate(invalid="ignore"):
        values = special.fdtrc(
            np.where(inner, dfn, 1.0), np.where(inner, dfd, 1.0), np.where(inner, x, 1.0)
        )
    out = np.where(inner, values, np.nan)
    out = np.where(valid & (x <= 0), 1.0, out)
    out = np.where(valid & (x == np.inf), 0.0, out)
    return _result(out)


def chi2_sf(x: Any, df: Any) -> Any:
    """P(X > x) for the chi-squared distribution with ``df`` degrees of freedom
    (``scipy.stats.chi2.sf``)."""
    x, df = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(df, dtype=float))
    valid = (df > 0) & ~np.isnan(x)
    inner = valid & (x > 0) & (x < np.inf)
    with np.errstate(invalid="ignore"):
        values = special.chdtrc(np.where(inner, df, 1.0), np.where(inner, x, 1.0))
    out = np.where(inner, values, np.nan)
    out = np.where(valid & (x <= 0), 1.0, out)
    out = np.where(valid & (x == np.inf), 0.0, out)
    return _result(out)
