"""Deterministic synthetic survey data calibrated to the report's published numbers.

``python -m werkdruk_utils.synth --out data/synthetic`` writes, per measurement year,
``<out>/<year>/respondents.csv`` and ``<out>/<year>/schools.csv`` in the raw export format
of docs/design.md, plus ``<out>/README.md``. Everything says it is synthetic.

Parts:

* :mod:`.structure` - school samples, responding schools, respondents, functions, age,
  werktijdfactor (Bijlage 1 counts);
* :mod:`.answers` - the substantive answers (v5 ... v23), calibrated to the published
  tables; the scale scores in :mod:`.scales`, shared helpers in :mod:`.context`;
* :mod:`.filler` - neutral free text and example.org addresses in the personal columns;
* :mod:`.writer` - CSV output, atomic and read-only.

Years: every measurement of the codebook (:func:`werkdruk_utils.measurements.years`). A
measurement the report has no numbers for (a new one) gets the structure and answers of the
nearest published measurement, with its own school years and questionnaire.

Randomness: one ``numpy`` ``SeedSequence([seed, year])`` per year, spawned into independent
streams for structure, answers and filler, so that every year is reproducible on its own
and a change in one part does not shift the random numbers of another.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from werkdruk_utils import measurements, paths
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.inputs.werktijdfactor import parse_series
from werkdruk_utils.synth.answers import generate_answers
from werkdruk_utils.synth.filler import PersonalColumn, fill_personal
from werkdruk_utils.synth.structure import SCHOOL_COLUMNS, YearStructure, build_structure
from werkdruk_utils.synth.variation import DEFAULT_SEED
from werkdruk_utils.synth.writer import YearFiles, write_dataset

STRUCTURE_COLUMNS: tuple[str, ...] = ("respondent_id", "school_id", "v1", "v2", "v3", "v4")
"""Export columns made by :mod:`.structure`; the answers module makes the other coded ones."""

ANSWER_FRAME_COLUMNS: tuple[str, ...] = (
    "respondent_id",
    "school_id",
    "year",
    "v1",
    "v4",
    "werktijdfactor",
    "sector",
    "school_type",
    "municipality_category",
    "achterstandsscore",
    "analysis_group",
    "weighting_group",
)
"""Columns of the frame passed to ``answers.generate_answers`` (plus ``werktijdfactor_observed``,
the
werktijdfactor parsed from the v3 text as the loader does)."""


class SynthError(RuntimeError):
    """The synthetic data could not be generated consistently with the codebook."""


# --------------------------------------------------------------------------- codebook adapter


@dataclass(frozen=True)
class ColumnInfo:
    """What the generator needs to know about one export column."""

    name: str
    kind: str
    personal: bool
    shown_if: str | None


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping | pd.Series):
        return obj.get(key, default)
    return getattr(obj, key, default)


def function_map(codebook: Any) -> dict[int, tuple[str, str | None]]:
    """v1 code -> (analysis_group, weighting_group) from ``codebook.functions``."""
    functions = codebook.functions
    if isinstance(functions, pd.DataFrame):
        items = ((row["code"], row) for _, row in functions.iterrows())
    elif isinstance(functions, Mapping):
        items = functions.items()
    else:
        items = ((_get(f, "code"), f) for f in functions)
    out: dict[int, tuple[str, str | None]] = {}
    for code, entry in items:
        out[int(code)] = (str(_get(entry, "analysis_group")), _get(entry, "weighting_group"))
    if not out:
        raise SynthError("the codebook defines no functions (v1 codes)")
    return out


def column_infos(codebook: Any, year: int) -> list[ColumnInfo]:
    """Export columns of ``year`` in codebook order, with kind, personal flag and routing."""
    names = [str(c) for c in codebook.columns(year)]
    spec = codebook.column_spec(year)
    if isinstance(spec, pd.DataFrame):
        frame = spec if "column" not in spec.columns else spec.set_index("column")
        if "name" in frame.columns and "column" not in spec.columns:
            frame = frame.set_index("name")
        records: Mapping[str, Any] = {str(k): row.to_dict() for k, row in frame.iterrows()}
    else:
        records = {str(k): v for k, v in spec.items()}
    infos: list[ColumnInfo] = []
    for name in names:
        entry = records.get(name, {})
        shown_if = _get(entry, "shown_if")
        if shown_if is not None and not isinstance(shown_if, str):
            shown_if = None if pd.isna(shown_if) else str(shown_if)
        personal = _get(entry, "personal", False)
        infos.append(
            ColumnInfo(
                name=name,
                kind=str(_get(entry, "kind", "")),
                personal=bool(personal) if not pd.isna(personal) else False,
                shown_if=shown_if or None,
            )
        )
    return infos


# --------------------------------------------------------------------------- generation


def year_streams(
    seed: int, year: int
) -> tuple[np.random.Generator, np.random.Generator, np.random.Generator]:
    """Independent generators (structure, answers, filler) derived from the base seed and the
    year."""
    children = np.random.SeedSequence([int(seed), int(year)]).spawn(3)
    return tuple(np.random.default_rng(child) for child in children)  # type: ignore[return-value]


AnswerFunction = Callable[[pd.DataFrame, int, np.random.Generator], pd.DataFrame]


def _answers(
    frame: pd.DataFrame,
    year: int,
    rng: np.random.Generator,
    expected: list[str],
    answer_function: AnswerFunction | None = None,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Answers from ``answer_function`` (default :func:`.answers.generate_answers` with the base
    ``seed``), checked against the expected columns and the frame's index."""
    if answer_function is None:
        answers = generate_answers(frame, year, rng, seed=seed)
    else:
        answers = answer_function(frame, year, rng)
    unexpected = [c for c in answers.columns if c not in expected]
    missing = [c for c in expected if c not in answers.columns]
    if unexpected or missing:
        raise SynthError(
            f"{year}: generate_answers returned unexpected column(s) {unexpected} and lacks "
            f"{missing}"
        )
    if not answers.index.equals(frame.index):
        raise SynthError(
            f"{year}: generate_answers must return the index of the frame it was given"
        )
    return answers.loc[:, expected]


@dataclass
class SyntheticYear:
    """One generated measurement: export tables and the structure they came from."""

    year: int
    seed: int
    respondents: pd.DataFrame
    """Respondent export, columns in codebook order."""
    schools: pd.DataFrame
    """School frame export (:data:`~werkdruk_utils.synth.structure.SCHOOL_COLUMNS`)."""
    structure: YearStructure

    @property
    def respondent_columns(self) -> list[str]:
        return list(self.respondents.columns)


def generate_year(
    year: int,
    seed: int = DEFAULT_SEED,
    codebook: Any = None,
    answer_function: AnswerFunction | None = None,
) -> SyntheticYear:
    """Generate one measurement year (deterministic for a given seed and year).

    ``answer_function`` replaces ``answers.generate_answers`` (same signature), e.g. in tests
    of the structure that should not depend on the answer calibration.
    """
    codebook = load_codebook() if codebook is None else codebook
    rng_structure, rng_answers, rng_filler = year_streams(seed, year)
    structure = build_structure(year, rng_structure, function_map(codebook))
    people = structure.respondents
    infos = column_infos(codebook, year)
    names = [i.name for i in infos]
    missing_structure = [c for c in STRUCTURE_COLUMNS if c not in names]
    if missing_structure:
        raise SynthError(f"{year}: codebook columns lack {missing_structure}")
    personal = {i.name: PersonalColumn(i.name, i.kind, i.shown_if) for i in infos if i.personal}
    answer_columns = [c for c in names if c not in STRUCTURE_COLUMNS and c not in personal]
    frame = people.loc[:, list(ANSWER_FRAME_COLUMNS)].copy()
    # the werktijdfactor as the loader will parse it from the v3 text (the regression sample)
    frame["werktijdfactor_observed"] = parse_series(people["v3"])[0]
    answers = _answers(frame, year, rng_answers, answer_columns, answer_function, seed)

    coded = pd.concat([people.loc[:, list(STRUCTURE_COLUMNS)], answers], axis=1)
    filled = fill_personal(coded, personal, rng_filler)
    respondents = pd.concat([coded, filled], axis=1).loc[:, names]
    for column in ("v1", "v2", "v4"):
        respondents[column] = respondents[column].astype("Int64")
    schools = structure.schools.loc[:, list(SCHOOL_COLUMNS)].copy()
    return SyntheticYear(
        year=year,
        seed=seed,
        respondents=respondents,
        schools=schools,
        structure=structure,
    )


@dataclass(frozen=True)
class BuildSummary:
    """One line of the build report."""

    year: int
    n_schools: int
    n_responding: int
    n_respondents: int
    seconds: float

    def line(self) -> str:
        return (
            f"{self.year}: {self.n_schools} scholen ({self.n_responding} met respons), "
            f"{self.n_respondents} respondenten, {self.seconds:.2f} s"
        )


def build(
    out: Path | str = paths.SYNTHETIC_DIR,
    seed: int = DEFAULT_SEED,
    years: Iterable[int] | None = None,
) -> list[BuildSummary]:
    """Generate the given years (default: every measurement of the codebook) and write them to
    ``out`` (atomic, read-only files)."""
    codebook = load_codebook()
    summaries: list[BuildSummary] = []
    files: dict[int, YearFiles] = {}
    for year in measurements.years() if years is None else years:
        year = codebook.check_year(year)
        start = time.perf_counter()
        data = generate_year(year, seed, codebook)
        files[year] = YearFiles(
            data.respondents, data.respondent_columns, data.schools, list(SCHOOL_COLUMNS)
        )
        summaries.append(
            BuildSummary(
                year=year,
                n_schools=len(data.schools),
                n_responding=int(data.structure.schools["responded"].sum()),
                n_respondents=len(data.respondents),
                seconds=time.perf_counter() - start,
            )
        )
    write_dataset(out, files, seed)
    return summaries


__all__ = [
    "DEFAULT_SEED",
    "BuildSummary",
    "SynthError",
    "SyntheticYear",
    "build",
    "column_infos",
    "function_map",
    "generate_year",
    "year_streams",
]
