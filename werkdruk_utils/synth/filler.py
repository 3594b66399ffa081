"""Neutral content for the personal columns (free text and e-mail) of the synthetic export.

The real exports contain free text and e-mail addresses; the loader must drop them. To
exercise that, the synthetic files fill these columns, but only with neutral filler and
with addresses on the reserved domain ``example.org`` (RFC 2606), never anything that
could belong to a person:

* e-mail (codebook kind ``email``): ``v23_email`` whenever it is shown (``v23 == 1``: the
  schoolleider gives an address to be approached), ``v25_email`` (prize draw) for about half
  of the respondents;
* free text (kind ``text``): when the column is shown (its codebook ``shown_if`` holds, e.g.
  ``v20`` when ``v19 in (3, 4, 5)``, ``v1_anders`` when ``v1 == 22``), a share of the
  respondents types one of :data:`FILLER_TEXTS` or a numbered 'Synthetische toelichting'.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from werkdruk_utils.inputs.codebook import parse_condition

EMAIL_DOMAIN = "example.org"

FILLER_TEXTS: tuple[str, ...] = (
    "Geen opmerkingen.",
    "Zie eerder antwoord.",
    "Niets toe te voegen.",
    "Geen toelichting.",
    "Zie hierboven.",
)
SUBJECT_TEXTS: tuple[str, ...] = (
    "Bewegingsonderwijs",
    "Muziek",
    "Beeldende vorming",
    "Engels",
    "Techniek",
)

FILL_PROBABILITY: dict[str, float] = {"v24": 0.20, "v25_email": 0.50, "v23_email": 1.0}
"""Share of the respondents to whom the column is shown that fill it in (default 0.85)."""
DEFAULT_FILL_PROBABILITY = 0.85
EXPLANATION_FILL_PROBABILITY = 0.60
"""For v20/v22 (explanations): share of those shown the question who write something."""


@dataclass(frozen=True)
class PersonalColumn:
    """A personal column of the codebook: its kind ('text' or 'email') and routing."""

    name: str
    kind: str
    shown_if: str | None = None


def _email(local: str) -> str:
    return f"{local}@{EMAIL_DOMAIN}"


def fill_personal(
    frame: pd.DataFrame,
    columns: Mapping[str, PersonalColumn],
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Return a frame with one filled column per personal column (same index as ``frame``).

    ``frame`` holds the respondents with their coded answers (the conditions refer to
    them) and ``respondent_id``/``school_id``. Cells not filled are missing (None).
    """
    out: dict[str, np.ndarray] = {}
    n = len(frame)
    numbers = np.arange(1, n + 1)
    for name, spec in columns.items():
        shown = (
            np.ones(n, dtype=bool)
            if not spec.shown_if
            else parse_condition(spec.shown_if).evaluate(frame).to_numpy(dtype=bool)
        )
        if spec.kind == "email":
            p = FILL_PROBABILITY.get(name, DEFAULT_FILL_PROBABILITY)
        elif name in ("v20", "v22"):
            p = EXPLANATION_FILL_PROBABILITY
        else:
            p = FILL_PROBABILITY.get(name, DEFAULT_FILL_PROBABILITY)
        filled = shown & (rng.random(n) < p)
        pick = rng.integers(0, 1_000_000, size=n)
        values = np.empty(n, dtype=object)
        values[:] = None
        if spec.kind == "email":
            prefix = "schoolleiding" if name == "v23_email" else "deelnemer"
            ids = (
                frame["respondent_id"]
                .astype(str)
                .str.lower()
                .str.replace(r"[^a-z0-9]+", "", regex=True)
            )
            for i in np.flatnonzero(filled):
                values[i] = _email(f"{prefix}.{ids.iloc[i]}")
        elif spec.kind == "text":
            for i in np.flatnonzero(filled):
                k = int(pick[i])
                if name == "v1_vak":
                    values[i] = SUBJECT_TEXTS[k % len(SUBJECT_TEXTS)]
                elif k % 3 == 0:
                    values[i] = f"Synthetische toelichting nr. {numbers[i]}."
                else:
                    values[i] = FILLER_TEXTS[k % len(FILLER_TEXTS)]
        else:
            raise ValueError(
                f"personal column '{name}': unknown kind '{spec.kind}' (expected 'text' or 'email')"
            )
        out[name] = values
    return pd.DataFrame(out, index=frame.index)
