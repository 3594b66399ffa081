"""Shared fixtures: a small contract-conforming codebook stand-in and a minimal valid measurement.

``build_measurement(codebook, year)`` builds 6 respondents at 3 schools (two of them
schoolleiders) plus a school frame of 4 schools, from any object with the Codebook API
(the real one from ``werkdruk_utils.inputs.codebook`` or :class:`MiniCodebook`), respecting routing
and filling every personal column that is shown with recognisable personal content.
``write_measurement`` writes it in one of the four raw formats.

Test modules reach these helpers through the ``kit`` fixture (not by importing this file:
``import conftest`` is ambiguous when several test folders have a conftest.py).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pyreadstat
import pytest

EMAIL = "a.jansen@example.org"
FREE_TEXT = "Ik ben Anna Jansen van De Regenboog"
SYNTHETIC_COMMENT = "# SYNTHETISCHE DATA - testbestand"
WERKTIJDFACTOR_ANSWERS = ["0,8", "1", "32 uur", "fulltime", "80%", "weet ik niet"]
WERKTIJDFACTOR_EXPECTED = [0.8, 1.0, 0.8, 1.0, 0.8, np.nan]
FUNCTION_ORDER = [16, 9, 13, 5, 11, 1]
SCHOOL_OF_ROW = ["S01", "S01", "S01", "S02", "S02", "S03"]

SCHOOLS = pd.DataFrame(
    {
        "school_id": ["S01", "S02", "S03", "S04"],
        "school_type": ["bao", "sbao", "vso", "bao"],
        "sector": ["bao", "go", "go", "bao"],
        "province": ["Utrecht", "Noord-Holland", "Limburg", "Fryslân"],
        "municipality_category": ["G4", "G40", "overig", "overig"],
        "denomination": [
            "openbaar",
            "rooms-katholiek",
            "overig bijzonder",
            "protestants-christelijk",
        ],
        "board_size": ["eenpitter", "2-5 scholen", "6-10 scholen", "11 of meer scholen"],
        "schoolgewicht": ["midden", None, None, "laag"],
        "achterstandsscore": [0.035, None, None, 0.0125],
        "pupils": [210, 95, 140, 388],
    }
)


# ---------------------------------------------------------------------------- mini codebook


@dataclass(frozen=True)
class Spec:
    """Same fields as werkdruk_utils.inputs.codebook.ColumnSpec."""

    name: str
    question: int
    kind: str
    label: str
    codes: dict[int, str]
    personal: bool
    shown_if: str | None
    nonsubstantive: frozenset[int]


_V1 = {
    1: "Administratief medewerker",
    5: "Directie (bv. schooldirecteur, adjunct-directeur, locatieleider)",
    9: "Leerkracht onderbouw",
    11: "Leerkracht bovenbouw",
    13: "Onderwijsassistent/Klassenassistent",
    16: "Schoolleiding",
}
_FUNCTIONS = pd.DataFrame(
    {
        "code": [1, 5, 9, 11, 13, 16],
        "label": [_V1[c] for c in (1, 5, 9, 11, 13, 16)],
        "analysis_group": [
            "overig ondersteunend personeel",
            "schoolleider",
            "leraar",
            "leraar",
            "onderwijsondersteunend personeel",
            "schoolleider",
        ],
        "weighting_group": [
            "overig",
            "schoolleider",
            "leerkracht",
            "leerkracht",
            "overig",
            "schoolleider",
        ],
        "inferred": [True, True, False, False, True, False],
        "basis": ["test"] * 6,
    }
)
_SL = "v1 in (5, 16)"


def _mini_specs(year: int) -> list[Spec]:
    yes_no = {1: "Ja", 2: "Nee"}
    specs = [
        Spec("respondent_id", 0, "id", "respondent", {}, False, None, frozenset()),
        Spec("school_id", 0, "id", "school", {}, False, None, frozenset()),
        Spec(
            "v1",
            1,
            "single",
            "Wat is uw functie op deze school?",
            dict(_V1),
            False,
            None,
            frozenset(),
        ),
        Spec("v1_anders", 1, "text", "Anders", {}, True, "v1 == 22", frozenset()),
        Spec("v3", 3, "werktijdfactor", "Wat is uw werktijdfactor?", {}, False, None, frozenset()),
        Spec(
            "v4",
            4,
            "single",
            "Leeftijd",
            {
                1: "Jonger dan 25 jaar",
                2: "25 t/m 34 jaar",
                3: "35 t/m 44 jaar",
                4: "45 t/m 54 jaar",
                5: "55 jaar of ouder",
            },
            False,
            None,
            frozenset(),
        ),
        Spec(
            "v5_1",
            5,
            "single",
            "Hoe",
            {1: "Ja, regelmatig", 2: "Ja, soms", 3: "Nee"},
            False,
            None,
            frozenset(),
        ),
        Spec("v7_1", 7, "multi", "Factor 1", {1: "Factor 1"}, False, None, frozenset()),
    ]
    if year != 2022:
        specs.append(
            Spec(
                "v7_27",
                7,
                "multi",
                "Contact met externe(n) (partijen)",
                {1: "x"},
                False,
                None,
                frozenset(),
            )
        )
    specs += [
        Spec("v9", 9, "single", "Besluit", {1: "a", 2: "b", 3: "Anders"}, False, _SL, frozenset()),
        Spec("v14_1", 14, "numeric", "Schoolleiding", {}, False, _SL, frozenset()),
        Spec("v14_2", 14, "numeric", "Leerkrachten", {}, False, _SL, frozenset()),
        Spec(
            "v19",
            19,
            "single",
            "Werkdruk school",
            {i: f"optie {i}" for i in range(1, 7)},
            False,
            None,
            frozenset({6}),
        ),
        Spec("v20", 20, "text", "Toelichting", {}, True, "v19 in (3, 4, 5)", frozenset()),
        Spec("v23", 23, "single", "Casestudy", yes_no, False, _SL, frozenset()),
        Spec("v23_email", 23, "email", "E-mail", {}, True, "v23 == 1", frozenset()),
        Spec("v24", 24, "text", "Opmerkingen", {}, True, None, frozenset()),
        Spec("v25_email", 25, "email", "E-mail", {}, True, None, frozenset()),
    ]
    return specs


def _evaluate_rule(frame: pd.DataFrame, rule: str) -> pd.Series:
    match = re.fullmatch(r"\s*(\w+)\s*(==|in)\s*\(?([\d,\s]+)\)?\s*", rule)
    assert match, rule
    column, _, codes = match.groups()
    values = [int(c) for c in codes.replace(" ", "").split(",") if c]
    if column not in frame.columns:
        raise KeyError(column)
    return frame[column].isin(values).fillna(False).astype(bool)


class MiniCodebook:
    """A small stand-in with the Codebook API, for tests that must not depend on codebook.yaml."""

    functions = _FUNCTIONS
    scales: dict[str, Any] = {}
    years = (2022, 2023, 2024)

    def check_year(self, year: int) -> int:
        if int(year) not in self.years:
            raise ValueError(f"measurement {year} is not in the mini codebook")
        return int(year)

    def columns(self, year: int) -> list[str]:
        return [s.name for s in _mini_specs(year)]

    def column_spec(self, year: int) -> dict[str, Spec]:
        return {s.name: s for s in _mini_specs(year)}

    def personal_columns(self, year: int) -> list[str]:
        return [s.name for s in _mini_specs(year) if s.personal]

    def labels(self, variable: str) -> dict[int, str]:
        return dict(self.column_spec(2024)[variable].codes)

    def label(self, variable: str, code: int) -> str:
        return self.labels(variable)[code]

    def shown_mask(self, frame: pd.DataFrame, column: str) -> pd.Series:
        rule = self.column_spec(2024)[column].shown_if
        if rule is None:
            return pd.Series(True, index=frame.index)
        return _evaluate_rule(frame, rule)

    def year_of_columns(self, columns: list[str]) -> int | None:
        present = set(columns)
        fits = [
            y
            for y in (2022, 2023, 2024)
            if {c for c in self.columns(y) if c not in self.personal_columns(y)} <= present
            and present <= set(self.columns(y))
        ]
        if not fits:
            return None
        return 2022 if 2022 in fits else None if len(fits) > 1 else fits[0]

    def school_years(self, year: int) -> dict:
        return {}


@pytest.fixture
def mini_codebook() -> MiniCodebook:
    return MiniCodebook()


@pytest.fixture(scope="session")
def real_codebook() -> Any:
    from werkdruk_utils.inputs.codebook import load_codebook

    return load_codebook()


# ---------------------------------------------------------------------------- building


def build_measurement(codebook: Any, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:  # noqa: C901
    """A minimal valid measurement: (respondents, schools) with Python values (None = empty).

    Respondent columns follow ``codebook.columns(year)``; routing is respected; shown
    personal columns hold :data:`EMAIL` / :data:`FREE_TEXT`.
    """
    specs = codebook.column_spec(year)
    columns = list(codebook.columns(year))
    n = len(SCHOOL_OF_ROW)
    v1_codes = [c for c in FUNCTION_ORDER if c in specs["v1"].codes]
    assert len(v1_codes) >= 4 and 16 in v1_codes and 5 in v1_codes
    v1 = [v1_codes[i % len(v1_codes)] for i in range(n)]
    typed: dict[str, list[Any]] = {}
    for index, name in enumerate(columns):
        spec = specs[name]
        if name == "respondent_id":
            typed[name] = [f"R{i + 1:03d}" for i in range(n)]
        elif name == "school_id":
            typed[name] = list(SCHOOL_OF_ROW)
        elif name == "v1":
            typed[name] = v1
        elif spec.kind == "single":
            codes = sorted(spec.codes)
            typed[name] = [codes[(i + index) % len(codes)] for i in range(n)]
        elif spec.kind == "multi":
            typed[name] = [(i + index) % 2 for i in range(n)]
        elif spec.kind == "numeric":
            typed[name] = [float(5 * index % 60) + (12.5 if i % 2 else 20.0) for i in range(n)]
        elif spec.kind == "werktijdfactor":
            typed[name] = list(WERKTIJDFACTOR_ANSWERS)
        elif spec.kind == "email":
            typed[name] = [EMAIL] * n
        elif spec.kind == "text":
            typed[name] = [f"{FREE_TEXT} ({name})"] * n
        else:
            raise AssertionError(f"unexpected kind {spec.kind} for {name}")
    # routing: blank what is not shown, in column order (controlling columns come first)
    coded = [c for c in columns if specs[c].kind in ("single", "multi", "numeric")]
    numeric = pd.DataFrame(
        {c: np.array([np.nan if v is None else float(v) for v in typed[c]]) for c in coded}
    )
    for name in columns:
        if not specs[name].shown_if:
            continue
        shown = np.asarray(codebook.shown_mask(numeric, name), dtype=bool)
        typed[name] = [v if s else None for v, s in zip(typed[name], shown, strict=False)]
        if name in numeric.columns:
            numeric[name] = np.where(shown, numeric[name].to_numpy(), np.nan)
    frame = pd.DataFrame({c: pd.Series(typed[c], dtype=object) for c in columns}, columns=columns)
    schools = SCHOOLS.astype(object).where(SCHOOLS.notna(), None)
    return frame, schools


# ---------------------------------------------------------------------------- writing


def to_raw(frame: pd.DataFrame) -> pd.DataFrame:
    """The raw string table read_table would give: strings, NaN for empty, index = spreadsheet
    rows."""
    data = {
        c: pd.Series([_text(v) or np.nan for v in frame[c]], dtype="str") for c in frame.columns
    }
    raw = pd.DataFrame(data, columns=list(frame.columns))
    raw.index = pd.Index(range(2, len(frame) + 2), name="row")
    return raw


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def _text(value: Any, decimal: str = ".") -> str:
    if _missing(value):
        return ""
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
        return text.replace(".", decimal)
    return str(value)


def write_table(
    frame: pd.DataFrame,
    path: Path,
    fmt: str,
    comments: list[str] | None = None,
    value_labels: dict[str, dict[int, str]] | None = None,
) -> Path:
    """Write ``frame`` (Python values, None = empty) as 'csv', 'csv-nl', 'xlsx' or 'sav'."""
    comments = list(comments or [])
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = frame.to_numpy(dtype=object).tolist()
    if fmt in ("csv", "csv-nl"):
        sep, decimal, encoding = (",", ".", "utf-8") if fmt == "csv" else (";", ",", "cp1252")
        with open(path, "w", encoding=encoding, newline="") as handle:
            for comment in comments:
                handle.write(comment + "\r\n")
            writer = csv.writer(handle, delimiter=sep, lineterminator="\r\n")
            writer.writerow(list(frame.columns))
            for row in rows:
                writer.writerow([_text(v, decimal) for v in row])
    elif fmt == "xlsx":
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for comment in comments:
            sheet.append([comment])
        sheet.append(list(frame.columns))
        for row in rows:
            sheet.append([None if _missing(v) else v for v in row])
        workbook.save(path)
    elif fmt == "sav":
        data = {}
        for name in frame.columns:
            values = [None if _missing(v) else v for v in frame[name].tolist()]
            filled = [v for v in values if v is not None]
            if filled and all(isinstance(v, str) for v in filled):
                data[name] = ["" if v is None else v for v in values]
            elif all(isinstance(v, (int, float)) for v in filled):
                data[name] = [np.nan if v is None else float(v) for v in values]
            else:
                data[name] = ["" if v is None else str(v) for v in values]
        pyreadstat.write_sav(
            pd.DataFrame(data),
            str(path),
            note=comments or None,
            variable_value_labels=value_labels or None,
        )
    else:
        raise ValueError(fmt)
    return path


def write_measurement(
    data_dir: Path,
    year: int,
    respondents: pd.DataFrame,
    schools: pd.DataFrame,
    fmt: str = "csv",
    school_fmt: str | None = None,
    codebook: Any = None,
) -> tuple[Path, Path]:
    """Write respondents (and schools, as CSV unless ``school_fmt``) to ``data_dir/<year>/``."""
    folder = data_dir / str(year)
    ext = "csv" if fmt == "csv-nl" else fmt
    school_fmt = school_fmt or ("csv-nl" if fmt == "csv-nl" else "xlsx" if fmt == "xlsx" else "csv")
    school_ext = "csv" if school_fmt == "csv-nl" else school_fmt
    labels = None
    if fmt == "sav" and codebook is not None:
        specs = codebook.column_spec(year)
        labels = {
            n: dict(s.codes)
            for n, s in specs.items()
            if s.kind == "single" and s.codes and n in respondents.columns
        }
    r_path = write_table(
        respondents, folder / f"respondents.{ext}", fmt, [SYNTHETIC_COMMENT], labels
    )
    s_path = write_table(schools, folder / f"schools.{school_ext}", school_fmt, [SYNTHETIC_COMMENT])
    return r_path, s_path


def answering(year: int, group: str = "schoolleider", **columns):
    """A measurement whose respondents (one per school, all in ``group``, bao and go in turn)
    gave the answers ``columns`` (column -> codes), for declared estimates on hand-made data."""
    from types import SimpleNamespace

    n = len(next(iter(columns.values())))
    frame = pd.DataFrame(
        {
            "year": [year] * n,
            "school_id": [f"{year}-{i}" for i in range(n)],
            "analysis_group": [group] * n,
            "sector": ["bao", "go"] * (n // 2),
        }
        | {k: pd.array(v, dtype="Float64") for k, v in columns.items()}
    )
    return SimpleNamespace(year=year, respondents=frame, schools=pd.DataFrame())


class MeasurementKit:
    """The helpers and constants of this file, handed to tests by the ``kit`` fixture."""

    EMAIL = EMAIL
    FREE_TEXT = FREE_TEXT
    SYNTHETIC_COMMENT = SYNTHETIC_COMMENT
    WERKTIJDFACTOR_EXPECTED = WERKTIJDFACTOR_EXPECTED
    MiniCodebook = MiniCodebook
    build_measurement = staticmethod(build_measurement)
    write_measurement = staticmethod(write_measurement)
    write_table = staticmethod(write_table)
    to_raw = staticmethod(to_raw)
    answering = staticmethod(answering)


@pytest.fixture(scope="session")
def kit() -> type[MeasurementKit]:
    """Helpers to build and write a minimal valid measurement."""
    return MeasurementKit
