"""Load one measurement (respondents + school frame) into tidy, validated frames.

``load_measurement(year, data_dir)`` looks for ``<data_dir>/<year>/respondents.{csv,xlsx,sav}``
and ``<data_dir>/<year>/schools.{csv,xlsx}``, reads them with
:func:`werkdruk_utils.inputs.readers.read_table` (read-only), drops every personal column right
after reading, reads missing-value codes as missing (:mod:`werkdruk_utils.inputs.missing_codes`),
validates both files against the codebook (all problems in one
:class:`~werkdruk_utils.inputs.validation.ValidationError`, grouped and at most 5.000 characters;
the full list goes to ``build/validation/<data folder>-<hash>/<year>.txt``, never to ``outputs/``)
and returns a :class:`Measurement`.

The measurement year is the folder's; the columns must fit that year's questionnaire. Comment
lines ('# Export 12-06-2024') are metadata: they never decide the year (``notes['comment_years']``
lists the years they name).

The respondent frame follows docs/design.md ('Load API'): ``respondent_id``, ``school_id``,
``year``, every coded column as ``Int64`` (v14 percentages as ``Float64``), ``werktijdfactor``
(float, NaN when not parseable), ``function``, ``analysis_group``, ``weighting_group``,
``age_group`` and the school characteristics. Free text (including the raw werktijdfactor
answer) and e-mail addresses never reach the returned frames or ``notes``.

``Measurement.sha256`` is one SHA-256 digest over the input files in the order respondents,
schools; for each file the digest takes ``<file name>\\0<size in bytes>\\0`` followed by the
file's bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from werkdruk_utils import paths
from werkdruk_utils.inputs.missing_codes import resolve_missing_codes
from werkdruk_utils.inputs.problems import problem_list_path
from werkdruk_utils.inputs.readers import RawTable, read_table
from werkdruk_utils.inputs.validation import (
    CODED_KINDS,
    PERSONAL_KINDS,
    SCHOOL_COLUMNS,
    ValidationError,
    comment_years,
    convert_respondent_codes,
    convert_schools,
    raise_if_problems,
    validate_respondents,
    validate_schools,
)
from werkdruk_utils.inputs.werktijdfactor import parse_series

RESPONDENT_EXTENSIONS: tuple[str, ...] = ("csv", "xlsx", "sav")
SCHOOL_EXTENSIONS: tuple[str, ...] = ("csv", "xlsx")
SCHOOL_CHARACTERISTICS: tuple[str, ...] = tuple(
    c for c in SCHOOL_COLUMNS if c not in ("school_id", "pupils")
)
DERIVED_COLUMNS: tuple[str, ...] = (
    "werktijdfactor",
    "function",
    "analysis_group",
    "weighting_group",
    "age_group",
)
SYNTHETIC_MARKERS: tuple[str, ...] = ("synthetisch", "synthetic")

__all__ = ["Measurement", "ValidationError", "find_input_file", "load_measurement", "file_digest"]


@dataclass
class Measurement:
    """One loaded measurement; see the module docstring for the frames' columns."""

    year: int
    respondents: pd.DataFrame
    schools: pd.DataFrame
    synthetic: bool
    sha256: str
    files: list[Path]
    notes: dict[str, Any] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)


def find_input_file(folder: Path, stem: str, extensions: tuple[str, ...]) -> Path:
    """The single ``<folder>/<stem>.<ext>``; error when there is none or more than one."""
    found = [folder / f"{stem}.{ext}" for ext in extensions if (folder / f"{stem}.{ext}").is_file()]
    names = ", ".join(f"{stem}.{ext}" for ext in extensions)
    if not found:
        raise FileNotFoundError(f"{folder}: no {stem} file found (looked for {names})")
    if len(found) > 1:
        raise ValueError(
            f"{folder}: several {stem} files ({', '.join(p.name for p in found)}); keep exactly "
            f"one of {names}"
        )
    return found[0]


def file_digest(files: list[Path]) -> str:
    """One SHA-256 hex digest over ``files`` in the given order (name, size and bytes of each)."""
    digest = hashlib.sha256()
    for path in files:
        with open(path, "rb") as handle:
            data = handle.read()
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _is_synthetic(comments: list[str]) -> bool:
    return any(marker in comment.casefold() for comment in comments for marker in SYNTHETIC_MARKERS)


def _personal_columns(codebook: Any, year: int, specs: dict[str, Any]) -> set[str]:
    names = set(codebook.personal_columns(year))
    names |= {name for name, spec in specs.items() if spec.personal or spec.kind in PERSONAL_KINDS}
    return names


def _strip_personal(
    raw: RawTable, codebook: Any, year: int
) -> tuple[RawTable, list[str], pd.DataFrame, list[str]]:
    """Drop personal and unknown columns at once.

    Returns the reduced table, the original column names, a boolean frame telling which
    personal cells were filled (for the routing check, no content) and the dropped names.
    """
    specs = codebook.column_spec(year)
    personal = _personal_columns(codebook, year, specs)
    columns = raw.columns
    personal_in_file = [c for c in columns if c in personal]
    present = raw.frame[personal_in_file].notna()
    keep = [c for c in columns if c in specs and c not in personal]
    dropped = [c for c in columns if c not in keep]
    labels = {k: v for k, v in raw.value_labels.items() if k in keep}
    reduced = RawTable(
        frame=raw.frame[keep].copy(),
        path=raw.path,
        format=raw.format,
        comments=raw.comments,
        value_labels=labels,
        missing_values={k: v for k, v in raw.missing_values.items() if k in keep},
    )
    return reduced, columns, present, dropped


def _tidy_respondents(
    frame: pd.DataFrame, codebook: Any, year: int, schools: pd.DataFrame
) -> tuple[pd.DataFrame, dict[str, Any]]:
    specs = codebook.column_spec(year)
    personal = _personal_columns(codebook, year, specs)
    coded_specs = {n: s for n, s in specs.items() if s.kind in CODED_KINDS and n not in personal}
    typed = convert_respondent_codes(frame, coded_specs)
    n = len(frame)
    out = pd.DataFrame(index=pd.RangeIndex(n))
    out["respondent_id"] = pd.Series(frame["respondent_id"].to_numpy(), dtype="str")
    out["school_id"] = pd.Series(frame["school_id"].to_numpy(), dtype="str")
    out["year"] = np.full(n, int(year), dtype="int64")
    for name in coded_specs:
        if name in typed.columns:
            out[name] = typed[name].to_numpy()
            out[name] = out[name].astype(
                "Float64" if coded_specs[name].kind == "numeric" else "Int64"
            )

    notes: dict[str, Any] = {}
    wtf_columns = [
        n_ for n_, s in specs.items() if s.kind == "werktijdfactor" and n_ in frame.columns
    ]
    if wtf_columns:
        raw_wtf = frame[wtf_columns[0]]
        floats, n_unparsed, _examples = parse_series(raw_wtf)  # examples are raw answers: not kept
        out["werktijdfactor"] = floats.to_numpy(dtype="float64")
        notes["werktijdfactor_missing"] = int(raw_wtf.isna().sum())
        notes["werktijdfactor_unparsed"] = int(n_unparsed)
    else:
        out["werktijdfactor"] = np.full(n, np.nan)
        notes["werktijdfactor_missing"] = n
        notes["werktijdfactor_unparsed"] = 0

    v1 = out["v1"] if "v1" in out.columns else pd.Series(pd.NA, index=out.index, dtype="Int64")
    function_labels = dict(specs["v1"].codes) if "v1" in specs else {}
    functions = codebook.functions.set_index("code")
    groups = {
        "function": function_labels,
        "analysis_group": {int(k): v for k, v in functions["analysis_group"].items()},
        "weighting_group": {int(k): v for k, v in functions["weighting_group"].items()},
    }
    for column, mapping in groups.items():
        out[column] = pd.Series(
            [mapping.get(int(c)) if pd.notna(c) else None for c in v1], dtype="str"
        ).to_numpy()
        out[column] = out[column].astype("str")
    age_labels = dict(specs["v4"].codes) if "v4" in specs else {}
    v4 = out["v4"] if "v4" in out.columns else pd.Series(pd.NA, index=out.index, dtype="Int64")
    out["age_group"] = pd.Series(
        [age_labels.get(int(c)) if pd.notna(c) else None for c in v4], dtype="str"
    )

    school_part = schools[["school_id", *SCHOOL_CHARACTERISTICS]]
    merged = out.merge(school_part, on="school_id", how="left", validate="many_to_one", sort=False)
    return merged, notes


def load_measurement(
    year: int, data_dir: Path | str | None = None, codebook: Any = None
) -> Measurement:
    """Read, clean and validate measurement ``year`` from ``data_dir`` (default: synthetic data).

    Raises ``FileNotFoundError`` when a file is missing, ``ValueError`` when there are
    several respondents or schools files, :class:`~werkdruk_utils.inputs.readers.ReadError` when a
    file cannot be read as a table, and one :class:`ValidationError` listing every problem
    in the two files.
    """
    if codebook is None:
        from werkdruk_utils.inputs.codebook import load_codebook

        codebook = load_codebook()
    year = codebook.check_year(year)  # a year the codebook does not list: what to add, where
    base = Path(paths.SYNTHETIC_DIR if data_dir is None else data_dir)
    folder = base / str(year)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no folder for measurement {year}")
    respondents_path = find_input_file(folder, "respondents", RESPONDENT_EXTENSIONS)
    schools_path = find_input_file(folder, "schools", SCHOOL_EXTENSIONS)
    files = [respondents_path, schools_path]
    sha256 = file_digest(files)

    specs = codebook.column_spec(year)
    numeric = [n for n, s in specs.items() if s.kind == "numeric"]
    raw_respondents = read_table(
        respondents_path, numeric_columns=numeric, expected_columns=list(specs)
    )
    raw_respondents, original_columns, personal_present, dropped = _strip_personal(
        raw_respondents, codebook, year
    )
    missing = resolve_missing_codes(
        raw_respondents.frame,
        codebook,
        year,
        file=respondents_path.name,
        value_labels=raw_respondents.value_labels,
        declared=raw_respondents.missing_values,
    )
    raw_schools = read_table(
        schools_path, numeric_columns=["achterstandsscore"], expected_columns=SCHOOL_COLUMNS
    )

    problems = validate_schools(raw_schools.frame, file=schools_path.name)
    school_ids = None
    if "school_id" in raw_schools.frame.columns:
        school_ids = set(raw_schools.frame["school_id"].dropna())
    problems += missing.problems
    problems += validate_respondents(
        missing.frame,
        codebook,
        year,
        file=respondents_path.name,
        columns=original_columns,
        personal_present=personal_present,
        school_ids=school_ids,
        value_labels=missing.value_labels,
    )
    raise_if_problems(problems, full_list=problem_list_path(base, year))

    schools = convert_schools(raw_schools.frame)
    respondents, notes = _tidy_respondents(missing.frame, codebook, year, schools)
    counts = respondents["school_id"].value_counts()
    schools["n_respondents"] = schools["school_id"].map(counts).fillna(0).astype("int64")
    schools["responded"] = schools["n_respondents"] > 0

    comments = [*raw_respondents.comments, *raw_schools.comments]
    notes.update(
        {
            "n_respondents": int(len(respondents)),
            "n_schools": int(len(schools)),
            "n_responding_schools": int(schools["responded"].sum()),
            "respondents_format": raw_respondents.format,
            "schools_format": raw_schools.format,
            "dropped_columns": dropped,
            "missing_codes": missing.counts,
            "missing_codes_total": missing.total,
            "missing_codes_kept": missing.kept,
            "comment_years": comment_years(comments),
        }
    )
    return Measurement(
        year=year,
        respondents=respondents,
        schools=schools,
        synthetic=_is_synthetic(comments),
        sha256=sha256,
        files=files,
        notes=notes,
        comments=comments,
    )
