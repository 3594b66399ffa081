"""Models as declarations: the regressions of Bijlage 2 (Tabellen B2.1-B2.4).

A :class:`Model` names the outcome (a scale), the terms and who is in it. The fit is the one the
self-check and the claims use (:func:`werkdruk_utils.check.reproduce.b2_fit`): weights by
function x sector computed on all respondents of the year, complete cases (the achterstandsscore
exists for bao schools only, so the model rests on bao respondents), design-based standard errors
for the sample as drawn (R ``svyglm``). The terms are those of the report's model
(:data:`B2_TERMS`); the fit knows no others yet, so a declaration with other terms is refused
rather than ignored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from werkdruk_utils.check import reproduce
from werkdruk_utils.declare.estimates import Data
from werkdruk_utils.declare.measures import DeclarationError
from werkdruk_utils.present.formatting import STARS_NOTE, fmt_number, shown_label
from werkdruk_utils.present.tables import SUPPRESSED, ReportTable
from werkdruk_utils.stats import analysis
from werkdruk_utils.stats.estimable import NotEstimable, attempt, suppress_model, term_bases
from werkdruk_utils.stats.survey import significance_stars

B2_TERMS: tuple[str, ...] = (
    "leeftijd",
    "functie",
    "werktijdfactor",
    "werktijdfactor in het kwadraat",
    "functie x werktijdfactor",
    "achterstandsscore",
)
"""The report's predictors (functie: reference group leraar)."""

TERM_LABELS: dict[str, str] = {
    "age": "Leeftijd",
    "sl": "Schoolleider",
    "oop": "Onderwijsondersteunend personeel",
    "ovp": "Overig ondersteunend personeel",
    "wtf": "Werktijdfactor",
    "wtf2": "Werktijdfactor2",
    "sl_wtf": "Schoolleider * werktijdfactor",
    "oop_wtf": "Onderwijsondersteunend personeel * werktijdfactor",
    "ovp_wtf": "Overig ondersteunend personeel * werktijdfactor",
    "achterstandsscore": "Achterstandsscore",
}
"""Report labels of the coefficients (:data:`werkdruk_utils.check.reproduce.REGRESSION_TERMS`)."""


@dataclass(frozen=True)
class Model:
    """A declared regression of ``outcome`` (a scale) on ``terms`` for ``population``."""

    outcome: str
    terms: tuple[str, ...] = B2_TERMS
    population: str = "all"
    weighting: str = "function_x_sector"

    def __post_init__(self) -> None:
        if tuple(self.terms) != B2_TERMS:
            raise DeclarationError(f"the regression helper fits the report's terms {B2_TERMS}")
        if (self.population, self.weighting) != ("all", "function_x_sector"):
            raise DeclarationError(
                "the regression helper fits all respondents weighted by function x sector"
            )


@dataclass
class ModelResult:
    """The coefficients of a declared model in the run's measurement year.

    ``frame``: one row per term and ``const`` with year, outcome, term, label, B, SE, p, Beta,
    stars, n and adj_r2 (the table's CSV); when a term rests on fewer than ``min_n`` respondents,
    also ``suppressed`` (its B, SE, p, Beta, stars and n blank). ``not_estimable``: the reason when
    the data do not allow the model, or it rests on fewer than ``min_n`` respondents (``frame``
    is then empty).
    """

    declaration: Model
    frame: pd.DataFrame
    run_year: int
    not_estimable: NotEstimable | None = None


def model_bases(respondents: pd.DataFrame, outcome: str) -> dict[str, int]:
    """The base of the B2 model of ``outcome`` and of each of its terms
    (:func:`werkdruk_utils.stats.estimable.term_bases`) on the rows the fit uses: outcome, every
    predictor and a weight present."""
    from werkdruk_utils.stats import weighting

    frame = reproduce.regression_frame(respondents, outcome)
    terms = list(reproduce.REGRESSION_TERMS)
    weights = weighting.cell_weights(respondents).reindex(respondents.index).astype(float)
    rows = frame["y"].notna() & frame[terms].notna().all(axis=1) & weights.notna()
    return term_bases(frame, terms, rows=rows)


def too_few(min_n: int) -> str:
    """The reason of a model on fewer than ``min_n`` respondents (no count under ``min_n``)."""
    return f"het model rust op minder dan {min_n} respondenten"


def fit(data: Data, model: Model) -> ModelResult:
    """Fit ``model`` on the run's measurement year of ``data``: a model on fewer than ``min_n``
    respondents, or one the data do not allow, is not estimable; a term whose base is under
    ``min_n`` is suppressed (:func:`werkdruk_utils.stats.estimable.suppress_model`)."""
    respondents = data.frame(data.run_year)
    from werkdruk_utils.inputs.codebook import load_codebook

    what = f"Regressie van {load_codebook().scales[model.outcome].label_nl.lower()}"
    bases = model_bases(respondents, model.outcome)
    if bases["model"] < data.min_n:
        return ModelResult(
            model, pd.DataFrame(), data.run_year, NotEstimable(what, too_few(data.min_n))
        )
    result = attempt(what, reproduce.b2_fit, respondents, model.outcome)
    if isinstance(result, NotEstimable):
        return ModelResult(model, pd.DataFrame(), data.run_year, result)
    rows = []
    for term in list(reproduce.REGRESSION_TERMS) + ["const"]:
        line = result.table.loc[term]
        constant = term == "const"
        rows.append(
            {
                "year": data.run_year,
                "outcome": model.outcome,
                "term": term,
                "label": TERM_LABELS.get(term, "Constante"),
                "B": float(line["B"]),
                "SE": float(line["SE"]),
                "p": float(line["p"]),
                "Beta": math.nan if constant else float(line["Beta"]),
                "stars": "" if constant else significance_stars(float(line["p"])),
                "n": result.n,
                "adj_r2": result.adj_r2,
            }
        )
    return ModelResult(
        model, suppressed_terms(pd.DataFrame(rows), bases, data.min_n), data.run_year
    )


def suppressed_terms(frame: pd.DataFrame, bases: dict[str, int], min_n: int) -> pd.DataFrame:
    """``frame`` (rows of :func:`fit`) with the terms whose base is under ``min_n`` blank (B, SE,
    p, Beta, stars and n) and marked in ``suppressed``; unchanged when no term is that small."""
    checked = suppress_model(frame.set_index("term")[["B", "SE", "p", "Beta"]], bases, min_n)
    hidden = checked["suppressed"].to_numpy()
    if not hidden.any():
        return frame
    out = frame.copy()
    for column in ("B", "SE", "p", "Beta", "n"):
        out[column] = out[column].astype(float).where(~hidden)
    out["stars"] = out["stars"].where(~hidden, "")
    out["suppressed"] = hidden
    return out


def model_table(result: ModelResult, *, table_id: str, title: str) -> ReportTable:
    """Tabel B2.x: B (2 decimals, stars), SE and Beta (3 decimals), Constante, Adj. R² and n; a
    suppressed term shows '*'; a model that cannot be estimated 'niet te schatten' and why."""
    if result.not_estimable is not None:
        return ReportTable.not_estimable(table_id, title, result.not_estimable.reason)
    data = result.frame
    hidden = data["suppressed"] if "suppressed" in data.columns else pd.Series(False, data.index)
    display = pd.DataFrame(columns=["B", "SE", "Beta"], dtype=object)
    display.index.name = ""
    for r in data[data["term"] != "const"].itertuples():
        if hidden[r.Index]:
            display.loc[shown_label(r.label)] = [SUPPRESSED, SUPPRESSED, SUPPRESSED]
            continue
        display.loc[shown_label(r.label)] = [
            fmt_number(r.B, 2) + r.stars,
            fmt_number(r.SE, 3),
            fmt_number(r.Beta, 3),
        ]
    const = data[data["term"] == "const"].iloc[0]
    display.loc["Constante"] = [fmt_number(const["B"], 2), fmt_number(const["SE"], 3), ""]
    display.loc["Adj. R²"] = [fmt_number(const["adj_r2"], 2), "", ""]
    display.loc["Aantal respondenten (n)"] = [fmt_number(const["n"], 0), "", ""]
    notes = [
        STARS_NOTE,
        "Gewogen regressie (gewicht naar functie en sector). "
        + analysis.DESIGN_NOTE
        + " Referentiegroep: leraar. Leeftijd = leeftijdscategorie van vraag 4 (1–5).",
        f"Basis: {reproduce.MODEL_POPULATION} (alle voorspellers ingevuld; de achterstandsscore "
        "bestaat alleen voor bao-scholen).",
        "Door de interacties gelden de hoofdeffecten van de functiegroepen bij werktijdfactor 0.",
        f"Meting {result.run_year}; het rapport drukt deze tabel af voor 2024.",
    ]
    if hidden.any():
        notes.append(SUPPRESSED_TERMS_NOTE)
    tidy = data.assign(table_id=table_id, row_label=data["label"].map(shown_label))
    return ReportTable(table_id, title, display, tidy, notes)


def hidden_terms(result: ModelResult) -> tuple[str, ...]:
    """The terms of ``result`` suppressed under the small-cell rule."""
    frame = result.frame
    if "suppressed" not in frame.columns:
        return ()
    return tuple(frame.loc[frame["suppressed"].astype(bool), "term"])


SUPPRESSED_TERMS_NOTE = (
    "*: de groep (of haar interactie) rust op minder respondenten dan de ondergrens voor "
    "publicatie en wordt niet getoond."
)


def sensitivity_table(result: ModelResult, data: Data, table_id: str) -> ReportTable:
    """Beyond the report: the model with werktijdfactor centred at its weighted mean beside the
    report's uncentred one (:func:`werkdruk_utils.present.beyond.sensitivity_table`)."""
    from werkdruk_utils.inputs.codebook import load_codebook
    from werkdruk_utils.present.beyond import sensitivity_table as beyond

    outcome = result.declaration.outcome
    label = load_codebook().scales[outcome].label_nl
    if result.not_estimable is not None:
        from werkdruk_utils.present.beyond import BEYOND

        return ReportTable.not_estimable(
            table_id, f"{BEYOND}: {label}", result.not_estimable.reason
        )
    return data.stored(
        ("sensitivity", result.declaration, table_id),
        data.run_year,
        lambda: beyond(
            data.frame(data.run_year), outcome, label, table_id, data.min_n, hidden_terms(result)
        ),
    )
