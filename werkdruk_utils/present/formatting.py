"""Dutch number formatting for every output: 1,84 · 74,7% · 1.789."""

from __future__ import annotations

import math

import pandas as pd

MISSING = "–"


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def fmt_number(value: float | int | None, decimals: int = 2) -> str:
    """Format with a decimal comma and a thousands point: 1789 -> '1.789', 1.8412 -> '1,84'.

    Missing values (None, NaN, pandas NA) become an en dash. Rounding is half away from zero
    on the decimal value as printed (0,125 -> 0,13), as a reader rounds.
    """
    if _is_missing(value):
        return MISSING
    from decimal import ROUND_HALF_UP, Decimal

    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no '-0,00'
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def fmt_percent(value: float | None, decimals: int = 1) -> str:
    """A percentage on the 0–100 scale: 74.7 -> '74,7%'."""
    if _is_missing(value):
        return MISSING
    return f"{fmt_number(value, decimals)}%"


def fmt_signed(value: float | None, decimals: int = 1) -> str:
    """A difference with its sign: 2.0 -> '+2,0', -0.5 -> '−0,5' (minus sign U+2212)."""
    if _is_missing(value):
        return MISSING
    text = fmt_number(abs(float(value)), decimals)  # type: ignore[arg-type]
    if text.strip("0,") == "":
        return text
    return ("+" if float(value) > 0 else "\u2212") + text  # type: ignore[arg-type]


SHOWN_LABELS: dict[str, str] = {"Werktijdfactor2": "Werktijdfactor²", "Adj. R2": "Adj. R²"}
"""Labels as a reader sees them where the report's extracted label lost its superscript."""
STARS_NOTE = "* p < 0,05; ** p < 0,01; *** p < 0,005"
"""The legend of the regression tables' stars, in Dutch notation."""


def shown_label(label: str) -> str:
    """The label of a coefficient on the page ('Werktijdfactor2' is shown as 'Werktijdfactor²')."""
    return SHOWN_LABELS.get(label, label)
