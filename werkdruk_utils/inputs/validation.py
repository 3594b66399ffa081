"""Check raw respondent and school tables against the data contract (docs/design.md).

Every check collects :class:`~werkdruk_utils.inputs.problems.Problem` records instead of stopping at
the first one, so that a data owner sees everything that is wrong with an export at once;
:func:`~werkdruk_utils.inputs.problems.raise_if_problems` turns the list into one
:class:`~werkdruk_utils.inputs.problems.ValidationError`, which reports them grouped (one line per
file, column and kind, with a hint) and never longer than 5.000 characters.

Row numbers are those a spreadsheet shows when the header is row 1 (first data row = 2);
the tables from :func:`werkdruk_utils.inputs.readers.read_table` carry them as their index.

Personal data: a problem never shows the content of a free-text or e-mail cell, nor of a
column that is not in the codebook (it might hold anything); for those only the column and
the rows are reported. Any other value is shown as
:func:`~werkdruk_utils.inputs.problems.shown_value` allows: masked when it looks like an e-mail
address or a phone number, not at all when it is longer than 40 characters.

Missing-value codes are read as missing before these checks, by
:mod:`werkdruk_utils.inputs.missing_codes`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from werkdruk_utils.inputs.personal import (
    character_name,
    find_emails,
    find_phones,
    invisible_characters,
)
from werkdruk_utils.inputs.problems import (
    MAX_ROWS_SHOWN,
    MAX_VALUE_SHOWN,
    Problem,
    ValidationError,
    format_rows,
    raise_if_problems,
    shown_name,
    shown_value,
)

__all__ = [
    "MAX_ROWS_SHOWN",
    "MAX_VALUE_SHOWN",
    "Problem",
    "ValidationError",
    "convert_respondent_codes",
    "convert_schools",
    "format_codes",
    "format_rows",
    "raise_if_problems",
    "validate_respondents",
    "validate_schools",
    "validate_value_labels",
]

PERSONAL_KINDS = frozenset({"text", "email"})
CODED_KINDS = frozenset({"single", "multi", "numeric"})
NUMERIC_RANGE = (0.0, 100.0)

SCHOOL_COLUMNS: tuple[str, ...] = (
    "school_id",
    "school_type",
    "sector",
    "province",
    "municipality_category",
    "denomination",
    "board_size",
    "schoolgewicht",
    "achterstandsscore",
    "pupils",
)
SCHOOL_TYPES: tuple[str, ...] = ("bao", "sbao", "so", "vso")
SECTOR_OF_SCHOOL_TYPE: dict[str, str] = {"bao": "bao", "sbao": "go", "so": "go", "vso": "go"}
SECTORS: tuple[str, ...] = ("bao", "go")
# the twelve provinces as printed in Tabel B1.2
PROVINCES: tuple[str, ...] = (
    "Drenthe",
    "Flevoland",
    "Friesland",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
)
PROVINCE_ALIASES: dict[str, str] = {"fryslân": "Friesland", "fryslan": "Friesland"}
MUNICIPALITY_CATEGORIES: tuple[str, ...] = ("G4", "G40", "overig")
DENOMINATIONS: tuple[str, ...] = (
    "openbaar",
    "protestants-christelijk",
    "rooms-katholiek",
    "overig bijzonder",
)
BOARD_SIZES: tuple[str, ...] = ("eenpitter", "2-5 scholen", "6-10 scholen", "11 of meer scholen")
SCHOOLGEWICHTEN: tuple[str, ...] = ("laag", "midden", "hoog")
ACHTERSTANDSSCORE_RANGE = (0.0, 1.0)

SCHOOL_CATEGORIES: dict[str, tuple[str, ...]] = {
    "school_type": SCHOOL_TYPES,
    "sector": SECTORS,
    "province": PROVINCES,
    "municipality_category": MUNICIPALITY_CATEGORIES,
    "denomination": DENOMINATIONS,
    "board_size": BOARD_SIZES,
    "schoolgewicht": SCHOOLGEWICHTEN,
}


# ---------------------------------------------------------------------------- parsing


_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_DECIMAL_COMMA = re.compile(r"([+-]?\d*),(\d+)")


def _to_number(value: object) -> float | None:
    """Parse a cell to a float ('12,5' and '12.5' both give 12.5); None when not a number."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    comma = _DECIMAL_COMMA.fullmatch(text)
    if comma:
        text = f"{comma.group(1)}.{comma.group(2)}"
    if not _NUMBER.fullmatch(text):
        return None
    x = float(text)
    return x if math.isfinite(x) else None


def _parse_numeric(series: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Vectorised :func:`_to_number`: (float64 values with NaN, missing mask, bad mask).

    Each distinct cell text is parsed once (an export has few distinct codes per column)."""
    cells = series.astype(object)
    missing = cells.isna().to_numpy().copy()
    if not missing.all():
        blank = [isinstance(v, str) and not v.strip() for v in cells[~missing].tolist()]
        missing[np.flatnonzero(~missing)[np.asarray(blank, dtype=bool)]] = True
    values = np.full(len(cells), np.nan)
    bad = np.zeros(len(cells), dtype=bool)
    present = cells[~missing]
    if len(present):
        parsed = {v: _to_number(v) for v in pd.unique(present.to_numpy())}
        numbers = np.array([parsed[v] for v in present.tolist()], dtype=object)
        failed = np.array([n is None for n in numbers], dtype=bool)
        numbers[failed] = np.nan
        values[~missing] = numbers.astype(float)
        bad[~missing] = failed
    index = series.index
    return (
        pd.Series(values, index=index, dtype="float64"),
        pd.Series(missing, index=index, dtype=bool),
        pd.Series(bad, index=index, dtype=bool),
    )


def parse_codes(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse integer codes: returns (Int64 series, bool mask of non-empty cells that are not
    integers)."""
    values, _missing, bad = _parse_numeric(series)
    x = values.to_numpy()
    with np.errstate(invalid="ignore"):
        fraction = ~np.isnan(x) & ((x != np.floor(x)) | (np.abs(x) > 2.0**53))
    bad_mask = bad.to_numpy() | fraction
    empty = np.isnan(x) | bad_mask
    ints = np.where(empty, 0, x).astype("int64")
    codes = pd.Series(pd.arrays.IntegerArray(ints, empty), index=series.index, name=series.name)
    return codes, pd.Series(bad_mask, index=series.index, dtype=bool)


def parse_numbers(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse numbers: returns (Float64 series, bool mask of non-empty cells that are not
    numbers)."""
    values, _missing, bad = _parse_numeric(series)
    x = values.to_numpy()
    floats = pd.arrays.FloatingArray(np.where(np.isnan(x), 0.0, x), np.isnan(x))
    return pd.Series(floats, index=series.index, name=series.name), bad


def parse_frame(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Every cell of ``frame`` parsed as by :func:`_to_number`, at once: (float64 values with NaN,
    bool mask of non-empty cells that are not numbers), both shaped like ``frame``. Each distinct
    cell text is parsed once (an export has few distinct codes)."""
    cells = frame.to_numpy(dtype=object).ravel()
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    parsed = [_to_number(u) for u in uniques]
    blank = np.array([isinstance(u, str) and not u.strip() for u in uniques], dtype=bool)
    numbers = np.array([np.nan if v is None else v for v in parsed], dtype=float)
    failed = np.array([v is None for v in parsed], dtype=bool) & ~blank
    present = codes >= 0
    values = np.full(cells.shape, np.nan)
    bad = np.zeros(cells.shape, dtype=bool)
    if len(uniques):
        values[present] = numbers[codes[present]]
        bad[present] = failed[codes[present]]
    return values.reshape(frame.shape), bad.reshape(frame.shape)


def _is_missing(cell: object) -> bool:
    if cell is None or cell is pd.NA:
        return True
    if isinstance(cell, float) and math.isnan(cell):
        return True
    return isinstance(cell, str) and not cell.strip()


def format_codes(codes: Iterable[int]) -> str:
    """'1-4' for consecutive codes, '1-3, 5, 7-9' otherwise."""
    ordered = sorted(set(int(c) for c in codes))
    if not ordered:
        return "(none)"
    ranges: list[str] = []
    start = prev = ordered[0]
    for code in ordered[1:] + [None]:  # type: ignore[list-item]
        if code is not None and code == prev + 1:
            prev = code
            continue
        ranges.append(str(start) if start == prev else f"{start}-{prev}")
        if code is not None:
            start = prev = code
    return ", ".join(ranges)


def _rows(mask: pd.Series) -> tuple[int, ...]:
    return tuple(int(i) for i in mask.index[mask.to_numpy(dtype=bool)])


def _grouped_by_value(raw: pd.Series, mask: pd.Series) -> list[tuple[str | None, tuple[int, ...]]]:
    """Distinct offending values (first-appearance order, as a message may show them, see
    :func:`~werkdruk_utils.inputs.problems.shown_value`) with their rows."""
    if not mask.any():
        return []
    groups: dict[str | None, list[int]] = {}
    for row, cell, flagged in zip(raw.index, raw.tolist(), mask.tolist(), strict=False):
        if flagged:
            groups.setdefault(shown_value(cell), []).append(int(row))
    return [(value, tuple(rows)) for value, rows in groups.items()]


def _cell_problems(
    file: str,
    column: str,
    raw: pd.Series,
    mask: pd.Series,
    *,
    kind: str,
    message: str,
    expected: str | None,
    hint: str | None = None,
    show_values: bool = True,
) -> list[Problem]:
    """One problem per distinct offending value of ``column`` (rows where ``mask`` is true); with
    ``show_values`` false one problem for all rows, without values."""
    mask = mask.fillna(False).astype(bool) if mask.dtype != bool else mask
    if not mask.any():
        return []
    if not show_values:
        return [
            Problem(
                file=file,
                column=column,
                rows=_rows(mask),
                value=None,
                expected=expected,
                message=message,
                kind=kind,
                hint=hint,
            )
        ]
    return [
        Problem(
            file=file,
            column=column,
            rows=rows,
            value=value,
            expected=expected,
            message=message,
            kind=kind,
            hint=hint,
        )
        for value, rows in _grouped_by_value(raw, mask)
    ]


def _file_problem(file: str, message: str, kind: str, **fields: Any) -> Problem:
    return Problem(
        file=file,
        column=fields.get("column"),
        rows=(),
        value=fields.get("value"),
        expected=fields.get("expected"),
        message=message,
        kind=kind,
        hint=fields.get("hint"),
    )


def _empty_file_problems(frame: pd.DataFrame, columns: Sequence[str], file: str) -> list[Problem]:
    if not columns:
        return [_file_problem(file, "file is empty (no header and no data)", "empty_file")]
    if len(frame) == 0:
        return [_file_problem(file, "file has a header but no data rows", "no_rows")]
    return []


# ---------------------------------------------------------------------------- hints

MISSING_VALUE_CODES = frozenset({-999, -99, -98, -97, -9, -8, -7, -2, -1, 98, 99, 998, 999, 9999})
"""Codes survey tools and bureaus commonly use for 'no answer' / 'don't know'."""


def _missing_code_hint(values: Iterable[float]) -> str | None:
    codes = sorted(
        {int(v) for v in values if float(v).is_integer() and int(v) in MISSING_VALUE_CODES}
    )
    if not codes:
        return None
    shown = ", ".join(map(str, codes))
    return (
        f"{shown} look{'s' if len(codes) == 1 else ''} like a missing-value code: leave such cells "
        "empty (no answer), or deliver SPSS (.sav) with the code declared user-missing or labelled "
        "(e.g. 'Geen antwoord'); the loader then reads it as missing and counts it"
    )


def _label_hint(raw: pd.Series, mask: pd.Series, spec: Any) -> str | None:
    """The cells hold answer labels instead of codes."""
    labels = {_normalise_label(v): k for k, v in (getattr(spec, "codes", None) or {}).items()}
    if not labels:
        return None
    found = [
        (str(cell), labels[_normalise_label(cell)])
        for cell in raw[mask].dropna().astype(str).unique()[:50]
        if _normalise_label(cell) in labels
    ]
    if not found:
        return None
    label, code = found[0]
    shown = shown_value(label) or "…"
    return (
        f"the cells hold answer labels instead of codes ('{shown}' is code {code}); export the "
        "codes (values), not the labels"
    )


def _invisible_hint(raw: pd.Series, mask: pd.Series) -> str | None:
    chars: dict[str, None] = {}
    for cell in raw[mask].dropna().astype(str).unique()[:200]:
        for ch in invisible_characters(cell):
            chars.setdefault(ch)
    if not chars:
        return None
    names = ", ".join(character_name(ch) for ch in list(chars)[:3])
    return f"the values hold invisible characters ({names}); remove them and export again"


def _first_hint(*hints: str | None) -> str | None:
    return next((h for h in hints if h), None)


def _id_variants(value: str) -> set[str]:
    """Spellings a spreadsheet makes of one id: without leading zeros, as a decimal ('123.0'),
    in another case."""
    text = str(value).strip()
    out = {text.casefold()}
    if re.fullmatch(r"\d+(\.0+)?", text):
        digits = text.split(".")[0].lstrip("0") or "0"
        out.add(digits)
    return out


def _unknown_school_hint(unknown: Iterable[str], known: Iterable[str]) -> str | None:
    """Why ids are not in the school frame: leading zeros lost, read as decimals, case."""
    index: dict[str, str] = {}
    for k in known:
        for variant in _id_variants(k):
            index.setdefault(variant, str(k))
    matches = []
    for value in dict.fromkeys(str(u) for u in unknown):
        target = next((index[v] for v in _id_variants(value) if v in index), None)
        if target is not None and target != value:
            matches.append((value, target))
    if not matches:
        return None
    value, target = matches[0]
    total = len(set(map(str, unknown)))
    example = ""
    shown_v, shown_t = shown_value(value), shown_value(target)
    if shown_v and shown_t and shown_v == value and shown_t == target:
        example = f" (e.g. '{value}' is '{target}' in the school frame)"
    digits = re.fullmatch(r"\d+", target) and re.fullmatch(r"\d+", value)
    if digits and (target.startswith("0") or value.startswith("0")):
        cause = "leading zeros were lost: a spreadsheet read the ids as numbers"
    elif "." in value:
        cause = "a spreadsheet read the ids as decimal numbers"
    else:
        cause = "the ids differ in spelling (upper/lower case or leading zeros)"
    return (
        f"{len(matches)} of these {total} ids match a school_id of the school frame once written "
        f"the same way{example}: {cause}. Export both files with the ids as text"
    )


# ---------------------------------------------------------------------------- columns


_YEAR_IN_COMMENT = re.compile(r"(?<![\d])(20\d\d)(?![\d])")


def comment_years(comments: Sequence[str]) -> list[int]:
    """Four-digit years 2000-2099 standing alone in comment lines ('Export 12-06-2024' -> 2024).

    Comment lines are metadata: they never decide the measurement year (the folder and the
    questionnaire's columns do); the loader keeps the years it finds in ``notes``."""
    return sorted({int(y) for comment in comments for y in _YEAR_IN_COMMENT.findall(comment)})


def normalise_column_name(name: str) -> str:
    """A column name folded for spotting renamed columns: 'V05_1 ' and 'v5.1' give 'v5_1'."""
    text = str(name).strip().casefold()
    text = re.sub(r"[\s.\-]+", "_", text)
    return re.sub(r"(?<![0-9])0+(?=[0-9])", "", text)


def _without_invisible(name: str) -> str:
    hidden = set(invisible_characters(name))
    return "".join(ch for ch in name if ch not in hidden).strip()


@dataclass
class _Columns:
    """The columns of one file against the codebook of one year."""

    file: str
    year: int
    columns: list[str]
    specs: dict[str, Any]
    expected: list[str]
    personal: set[str]
    invisible: dict[str, str] = field(default_factory=dict)  # name in file -> codebook name

    def __post_init__(self) -> None:
        present = set(self.columns)
        for name in self.columns:
            if name in self.specs:
                continue
            clean = _without_invisible(name)
            if clean != name and clean in self.specs and clean not in present:
                self.invisible[name] = clean

    def renamed_hints(self) -> dict[str, str]:
        """Unknown column -> the missing codebook column it is probably a renamed copy of."""
        present = set(self.columns)
        missing = {normalise_column_name(c): c for c in self.expected if c not in present}
        hints: dict[str, str] = {}
        for name in self.columns:
            if name in self.specs or name in self.invisible:
                continue
            target = missing.get(normalise_column_name(name))
            if target is not None:
                hints[name] = target
        return hints

    def problems(self, header_hint: str | None) -> list[Problem]:
        present = set(self.columns) | set(self.invisible.values())
        problems = [self._invisible_problem(name, clean) for name, clean in self.invisible.items()]
        missing = [n for n in self.expected if n not in present and n not in self.personal]
        unknown = [n for n in self.columns if n not in self.specs and n not in self.invisible]
        many = len(missing) > len(self.expected) // 2
        for name in missing:
            problems.append(
                _file_problem(
                    self.file,
                    f"column missing (required in measurement {self.year})",
                    "missing_column",
                    column=name,
                    hint=header_hint if many else None,
                )
            )
        hints = self.renamed_hints()
        for name in unknown:
            renamed = f"renamed? the codebook name is '{hints[name]}'" if name in hints else None
            problems.append(
                _file_problem(
                    self.file,
                    f"unknown column (not in the codebook for measurement {self.year})"
                    + (f"; {renamed}" if renamed and len(unknown) == 1 else ""),
                    "unknown_column",
                    column=shown_name(name),
                    value=renamed if len(unknown) > 1 else None,
                    hint=header_hint if many else None,
                )
            )
        return problems

    def _invisible_problem(self, name: str, clean: str) -> Problem:
        chars = ", ".join(character_name(ch) for ch in invisible_characters(name))
        return _file_problem(
            self.file,
            f"the column name holds an invisible character ({chars}); without it, it is the "
            f"codebook column {clean}",
            "invisible_in_header",
            column=shown_name(name),
            hint="remove the character from the header row (it is often pasted in with a name "
            "copied from a web page or a word processor)",
        )


def _year_problems(columns: Sequence[str], codebook: Any, year: int, file: str) -> list[Problem]:
    fitted_year = codebook.year_of_columns(columns)
    if fitted_year is None or int(fitted_year) == int(year):
        return []
    return [
        _file_problem(
            file,
            f"file belongs to measurement {fitted_year}, expected {year}",
            "wrong_year",
            expected=str(year),
            hint=f"the columns are those of the {fitted_year} questionnaire; is the file in the "
            "right year folder?",
        )
    ]


# ---------------------------------------------------------------------------- identifiers


_FORMULA_START = ("=", "+", "@")
_CONTROL_CHARS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"


def _personal_id(value: str) -> bool:
    text = value.strip()
    return next(find_emails(text), None) is not None or next(find_phones(text), None) is not None


def _id_problems(
    frame: pd.DataFrame, column: str, file: str, *, unique: bool = True
) -> list[Problem]:
    """Ids that are empty, look like spreadsheet formulas, hold control characters or (with
    ``unique``) occur twice."""
    raw = frame[column]
    ids = raw.astype("string")
    formula = ids.str.startswith(_FORMULA_START).fillna(False).astype(bool)
    control = ids.str.contains(_CONTROL_CHARS, regex=True).fillna(False).astype(bool)
    personal = pd.Series(
        [isinstance(v, str) and _personal_id(v) for v in raw.tolist()], index=raw.index
    )
    problems = _cell_problems(
        file,
        column,
        raw,
        raw.isna(),
        kind="empty_id",
        message=f"{column} is empty",
        expected="a value in every row",
        show_values=False,
    )
    problems += _cell_problems(
        file,
        column,
        raw,
        personal & ~control,
        kind="personal_id",
        message=f"{column} looks like an e-mail address or a phone number",
        expected="a pseudonymous identifier",
        hint="an id must not be personal data; if these are real ids that a spreadsheet wrote as "
        "numbers with '+' or a leading 0, export the ids as text",
    )
    problems += _cell_problems(
        file,
        column,
        raw,
        formula & ~control & ~personal,
        kind="formula_id",
        message=f"{column} looks like a spreadsheet formula",
        expected="a plain identifier",
    )
    problems += _cell_problems(
        file,
        column,
        raw,
        control,
        kind="control_id",
        message=f"{column} holds control characters",
        expected="a plain identifier",
        show_values=False,
    )
    if not unique:
        return problems
    problems += _cell_problems(
        file,
        column,
        raw,
        raw.notna() & raw.duplicated(keep=False),
        kind="duplicate_id",
        message=f"duplicate {column}",
        expected="unique ids",
    )
    return problems


def _school_link_problems(
    frame: pd.DataFrame, file: str, school_ids: Iterable[str] | None
) -> list[Problem]:
    if school_ids is None or "school_id" not in frame.columns:
        return []
    known = set(school_ids)
    ids = frame["school_id"]
    unknown = ids.notna() & ~ids.isin(known)
    if not unknown.any():
        return []
    return _cell_problems(
        file,
        "school_id",
        ids,
        unknown,
        kind="unknown_school",
        message="school_id not in the school frame",
        expected="a school_id of the school frame",
        hint=_unknown_school_hint(ids[unknown].astype(str), known),
    )


# ---------------------------------------------------------------------------- codes


def _is_personal(spec: Any, personal_names: set[str]) -> bool:
    return spec.name in personal_names or bool(spec.personal) or spec.kind in PERSONAL_KINDS


def _numeric_column_problems(file: str, name: str, raw: pd.Series, spec: Any) -> list[Problem]:
    numbers, bad = parse_numbers(raw)
    if numbers.isna().all() and not bad.any():
        return []
    low = getattr(spec, "minimum", None)
    high = getattr(spec, "maximum", None)
    low = NUMERIC_RANGE[0] if low is None else float(low)
    high = NUMERIC_RANGE[1] if high is None else float(high)
    expected = f"a number from {low:g} to {high:g}"
    percent = raw[bad].astype(str).str.contains("%", regex=False).any() if bad.any() else False
    problems = _cell_problems(
        file,
        name,
        raw,
        bad,
        kind="not_number",
        message="not a number",
        expected=expected,
        hint=_first_hint(
            _invisible_hint(raw, bad),
            "write the number without '%'" if percent else None,
        ),
    )
    out = (numbers.notna() & ((numbers < low) | (numbers > high)).fillna(False)).astype(bool)
    problems += _cell_problems(
        file,
        name,
        raw,
        out,
        kind="out_of_range",
        message="number out of range",
        expected=expected,
        hint=_missing_code_hint(numbers[out].astype(float)),
    )
    return problems


def _coded_column_problems(
    file: str, name: str, raw: pd.Series, spec: Any
) -> tuple[list[Problem], pd.Series]:
    """Problems of one single or multiple-choice column, and the rows with an unusable code."""
    codes, bad = parse_codes(raw)
    allowed = {0, 1} if spec.kind == "multi" else set(int(c) for c in spec.codes)
    out = (codes.notna() & ~codes.isin(allowed).fillna(False)).astype(bool)
    if not bad.any() and not out.any():
        return [], bad
    allowed_text = (
        "0 or 1 (not ticked / ticked)"
        if spec.kind == "multi"
        else f"one of {format_codes(allowed)}"
    )
    problems = _cell_problems(
        file,
        name,
        raw,
        bad,
        kind="not_integer",
        message="not an integer code",
        expected=allowed_text,
        hint=_first_hint(_label_hint(raw, bad, spec), _invisible_hint(raw, bad)),
    )
    problems += _cell_problems(
        file,
        name,
        raw,
        out,
        kind="code_not_allowed",
        message="code not allowed",
        expected=allowed_text,
        hint=_missing_code_hint(codes[out].astype(float)),
    )
    return problems, (bad | out)


def _screen(values: np.ndarray, bad: np.ndarray, spec: Any) -> np.ndarray:
    """Rows of one parsed column with a problem: not a number, a code not allowed, out of range."""
    with np.errstate(invalid="ignore"):
        if spec.kind == "numeric":
            low = getattr(spec, "minimum", None)
            high = getattr(spec, "maximum", None)
            low = NUMERIC_RANGE[0] if low is None else float(low)
            high = NUMERIC_RANGE[1] if high is None else float(high)
            return bad | (values < low) | (values > high)
        allowed = [0, 1] if spec.kind == "multi" else [int(c) for c in spec.codes]
        return bad | (~np.isnan(values) & ~np.isin(values, allowed))


def _code_problems(
    frame: pd.DataFrame, specs: Mapping[str, Any], personal: set[str], file: str
) -> tuple[list[Problem], dict[str, pd.Series]]:
    """Every coded column's problems, and per column with any the rows with an unusable code.

    All cells are parsed at once; only columns with a problem are looked at one by one."""
    names = [
        c
        for c in frame.columns
        if c in specs and specs[c].kind in CODED_KINDS and not _is_personal(specs[c], personal)
    ]
    values, bad = parse_frame(frame[names])
    problems: list[Problem] = []
    invalid: dict[str, pd.Series] = {}
    for j, name in enumerate(names):
        spec = specs[name]
        if not _screen(values[:, j], bad[:, j], spec).any():
            continue
        if spec.kind == "numeric":
            problems += _numeric_column_problems(file, name, frame[name], spec)
            continue
        found, invalid[name] = _coded_column_problems(file, name, frame[name], spec)
        problems += found
    return problems, invalid


# ---------------------------------------------------------------------------- routing


def _rule_variables(rule: str) -> list[str]:
    """Column names a routing rule refers to ('v1 in (5, 16)' -> ['v1'])."""
    return [
        t
        for t in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", rule)
        if t not in ("in", "and", "or", "not")
    ]


def _filled(
    frame: pd.DataFrame, name: str, personal_present: pd.DataFrame | None
) -> pd.Series | None:
    if name in frame.columns:
        return frame[name].notna()
    if personal_present is not None and name in personal_present.columns:
        return personal_present[name].reindex(frame.index).fillna(False).astype(bool)
    return None


def _shown(codebook: Any, typed: pd.DataFrame, name: str, index: pd.Index) -> pd.Series | None:
    try:
        shown = codebook.shown_mask(typed, name)
    except KeyError:
        return None
    return pd.Series(
        np.asarray(pd.array(shown, dtype="boolean").fillna(False), dtype=bool), index=index
    )


def _routing_problems(
    frame: pd.DataFrame,
    codebook: Any,
    specs: Mapping[str, Any],
    personal: set[str],
    personal_present: pd.DataFrame | None,
    invalid: Mapping[str, pd.Series],
    file: str,
) -> list[Problem]:
    """Answers to questions that routing did not show (free-text answers: rows only). Each routing
    rule is evaluated once, for all the questions it shows."""
    typed = convert_respondent_codes(frame, specs)
    problems: list[Problem] = []
    shown_by_rule: dict[str, pd.Series | None] = {}
    for name, spec in specs.items():
        filled = _filled(frame, name, personal_present) if spec.shown_if else None
        if filled is None or not filled.any():
            continue
        if spec.shown_if not in shown_by_rule:
            shown_by_rule[spec.shown_if] = _shown(codebook, typed, name, frame.index)
        shown = shown_by_rule[spec.shown_if]
        if shown is None:
            continue  # a column the rule needs is missing: reported with the columns
        violation = filled & ~shown
        for variable in _rule_variables(spec.shown_if):
            if variable in invalid:  # an invalid routing value is reported once, not per question
                violation &= ~invalid[variable]
        problems += _cell_problems(
            file,
            name,
            frame[name] if name in frame.columns else filled,
            violation,
            kind="routing",
            message=f"answered although the question was not shown (shown if {spec.shown_if})",
            expected="empty",
            show_values=not _is_personal(spec, personal),
        )
    return problems


# ---------------------------------------------------------------------------- SPSS labels


def convert_respondent_codes(frame: pd.DataFrame, specs: Mapping[str, Any]) -> pd.DataFrame:
    """Typed copy of the coded columns: Int64 codes, Float64 for numeric (v14) columns.

    Cells that are not numbers (already reported by validation) become missing.
    """
    names = [n for n, spec in specs.items() if n in frame.columns and spec.kind in CODED_KINDS]
    values, bad = parse_frame(frame[names])
    typed: dict[str, pd.Series] = {}
    for j, name in enumerate(names):
        x = np.where(bad[:, j], np.nan, values[:, j])
        if specs[name].kind == "numeric":
            array = pd.arrays.FloatingArray(np.nan_to_num(x), np.isnan(x))
        else:
            with np.errstate(invalid="ignore"):
                empty = np.isnan(x) | (x != np.floor(x)) | (np.abs(x) > 2.0**53)
            array = pd.arrays.IntegerArray(np.where(empty, 0, x).astype("int64"), empty)
        typed[name] = pd.Series(array, index=frame.index, name=name)
    return pd.DataFrame(typed, index=frame.index)


def _normalise_label(label: str) -> str:
    text = str(label).replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("::", ":")
    return " ".join(text.split()).casefold()


def validate_value_labels(
    value_labels: Mapping[str, Mapping[int, str]],
    codebook: Any,
    year: int,
    *,
    file: str,
) -> list[Problem]:
    """Compare SPSS value labels with the codebook labels of single-choice columns.

    A label that differs from the codebook (ignoring case, white space and quote style), or
    a labelled code the codebook does not know, means the export's coding may have changed.
    (Codes labelled as missing values are taken out first by :func:`resolve_missing_codes`.)
    """
    specs = codebook.column_spec(year)
    problems: list[Problem] = []
    for column, labels in value_labels.items():
        spec = specs.get(column)
        if spec is None or spec.kind != "single" or not spec.codes:
            continue
        for code, label in sorted(labels.items()):
            if code not in spec.codes:
                problems.append(
                    _file_problem(
                        file,
                        f"value label '{shown_value(label) or '…'}' for code {code}, which the "
                        "codebook does not have",
                        "label_unknown_code",
                        column=column,
                        value=str(code),
                        expected=f"codes {format_codes(spec.codes)}",
                    )
                )
            elif _normalise_label(label) != _normalise_label(spec.codes[code]):
                problems.append(
                    _file_problem(
                        file,
                        f"value label of code {code} differs from the codebook",
                        "label_differs",
                        column=column,
                        value=shown_value(label),
                        expected=repr(spec.codes[code]),
                    )
                )
    return problems


# ---------------------------------------------------------------------------- respondents


def validate_respondents(
    frame: pd.DataFrame,
    codebook: Any,
    year: int,
    *,
    file: str = "respondents",
    columns: Sequence[str] | None = None,
    personal_present: pd.DataFrame | None = None,
    school_ids: Iterable[str] | None = None,
    value_labels: Mapping[str, Mapping[int, str]] | None = None,
    header_hint: str | None = None,
) -> list[Problem]:
    """Return every problem of a raw respondents table for measurement ``year``.

    ``frame`` is the raw string table (index = spreadsheet row numbers). Personal columns
    may already have been dropped: pass the original column names as ``columns`` and a
    boolean frame telling which personal cells were filled as ``personal_present`` so that
    missing columns and routing can still be checked without the content. ``school_ids``
    is the set of ids in the school frame (skipped when None); ``value_labels`` are the SPSS
    value labels, if any; ``header_hint`` (from the reader) says where the header probably is,
    for when most columns are missing.
    """
    columns = [str(c) for c in (frame.columns if columns is None else columns)]
    problems = _empty_file_problems(frame, columns, file)
    if not columns:
        return problems
    specs: dict[str, Any] = codebook.column_spec(year)
    personal = set(codebook.personal_columns(year)) | {
        name for name, spec in specs.items() if spec.personal or spec.kind in PERSONAL_KINDS
    }
    problems += _year_problems(columns, codebook, year, file)
    layout = _Columns(file, int(year), columns, specs, list(codebook.columns(year)), personal)
    problems += layout.problems(header_hint)
    if len(frame) == 0:
        return problems
    for id_column in ("respondent_id", "school_id"):
        if id_column in frame.columns:
            problems += _id_problems(frame, id_column, file, unique=id_column == "respondent_id")
    problems += _school_link_problems(frame, file, school_ids)
    found, invalid = _code_problems(frame, specs, personal, file)
    problems += found
    problems += _routing_problems(frame, codebook, specs, personal, personal_present, invalid, file)
    if value_labels:
        problems += validate_value_labels(value_labels, codebook, year, file=file)
    return problems


# ---------------------------------------------------------------------------- schools


def _canonical(
    value: object, allowed: Sequence[str], aliases: Mapping[str, str] | None = None
) -> str | None:
    """The allowed spelling of ``value`` (case-insensitive), or None when not allowed."""
    text = " ".join(str(value).split())
    folded = text.casefold()
    for option in allowed:
        if option.casefold() == folded:
            return option
    if aliases and folded in aliases:
        return aliases[folded]
    return None


def _canonical_series(raw: pd.Series, name: str) -> pd.Series:
    allowed = SCHOOL_CATEGORIES[name]
    aliases = PROVINCE_ALIASES if name == "province" else None
    return raw.map(lambda v: np.nan if _is_missing(v) else _canonical(v, allowed, aliases))


REQUIRED_SCHOOL_CATEGORIES = frozenset(
    {"school_type", "sector", "province", "municipality_category", "denomination", "board_size"}
)


def _school_column_problems(columns: Sequence[str], file: str) -> list[Problem]:
    problems = [
        _file_problem(file, "column missing", "missing_column", column=name)
        for name in SCHOOL_COLUMNS
        if name not in columns
    ]
    problems += [
        _file_problem(
            file,
            "unknown column (not in the school frame contract)",
            "unknown_column",
            column=shown_name(name),
            expected=", ".join(SCHOOL_COLUMNS),
        )
        for name in columns
        if name not in SCHOOL_COLUMNS
    ]
    return problems


def _school_category_problems(
    frame: pd.DataFrame, file: str
) -> tuple[list[Problem], dict[str, pd.Series]]:
    problems: list[Problem] = []
    canonical: dict[str, pd.Series] = {}
    for name, allowed in SCHOOL_CATEGORIES.items():
        if name not in frame.columns:
            continue
        raw = frame[name]
        canonical[name] = values = _canonical_series(raw, name)
        expected = "one of " + ", ".join(allowed)
        problems += _cell_problems(
            file,
            name,
            raw,
            raw.notna() & values.isna(),
            kind="value_not_allowed",
            message="value not allowed",
            expected=expected,
        )
        if name in REQUIRED_SCHOOL_CATEGORIES:
            problems += _cell_problems(
                file,
                name,
                raw,
                raw.isna(),
                kind="value_missing",
                message="value missing",
                expected=expected,
                show_values=False,
            )
    return problems, canonical


def _sector_problems(
    frame: pd.DataFrame, canonical: Mapping[str, pd.Series], file: str
) -> list[Problem]:
    if "school_type" not in canonical or "sector" not in canonical:
        return []
    school_type, sector = canonical["school_type"], canonical["sector"]
    inconsistent = (
        school_type.notna() & sector.notna() & (sector != school_type.map(SECTOR_OF_SCHOOL_TYPE))
    )
    problems = []
    for value, rows in _grouped_by_value(frame["sector"], inconsistent):
        types = sorted(set(school_type[inconsistent & (frame["sector"] == value)]))
        problems.append(
            Problem(
                file=file,
                column="sector",
                rows=rows,
                value=value,
                expected="; ".join(f"{t} -> {SECTOR_OF_SCHOOL_TYPE[t]}" for t in types),
                message=f"sector does not match school_type {', '.join(types)}",
                kind="sector_mismatch",
            )
        )
    return problems


def _school_number_problems(
    frame: pd.DataFrame, canonical: Mapping[str, pd.Series], file: str
) -> list[Problem]:
    problems: list[Problem] = []
    if "achterstandsscore" in frame.columns:
        raw = frame["achterstandsscore"]
        numbers, bad = parse_numbers(raw)
        low, high = ACHTERSTANDSSCORE_RANGE
        expected = "a fraction from 0 to 1"
        problems += _cell_problems(
            file,
            "achterstandsscore",
            raw,
            bad,
            kind="not_number",
            message="not a number",
            expected=expected,
        )
        out = (numbers.notna() & ((numbers < low) | (numbers > high)).fillna(False)).astype(bool)
        problems += _cell_problems(
            file,
            "achterstandsscore",
            raw,
            out,
            kind="out_of_range",
            message="number out of range",
            expected=expected,
        )
    if "school_type" in canonical:
        not_bao = canonical["school_type"].notna() & (canonical["school_type"] != "bao")
        for name in ("schoolgewicht", "achterstandsscore"):
            if name in frame.columns:
                problems += _cell_problems(
                    file,
                    name,
                    frame[name],
                    frame[name].notna() & not_bao,
                    kind="bao_only",
                    message=f"{name} is for bao schools only",
                    expected="empty for sbao, so and vso",
                )
    if "pupils" in frame.columns:
        pupils, bad = parse_codes(frame["pupils"])
        bad = bad | (pupils.notna() & (pupils < 0).fillna(False)).astype(bool)
        problems += _cell_problems(
            file,
            "pupils",
            frame["pupils"],
            bad,
            kind="not_pupils",
            message="not a number of pupils",
            expected="a whole number >= 0",
        )
    return problems


def validate_schools(frame: pd.DataFrame, *, file: str = "schools") -> list[Problem]:
    """Return every problem of a raw school frame (columns and values of docs/design.md)."""
    columns = [str(c) for c in frame.columns]
    problems = _empty_file_problems(frame, columns, file)
    if not columns:
        return problems
    problems += _school_column_problems(columns, file)
    if len(frame) == 0:
        return problems
    if "school_id" in frame.columns:
        problems += _id_problems(frame, "school_id", file)
    found, canonical = _school_category_problems(frame, file)
    problems += found
    problems += _sector_problems(frame, canonical, file)
    problems += _school_number_problems(frame, canonical, file)
    return problems


def convert_schools(frame: pd.DataFrame) -> pd.DataFrame:
    """Typed school frame in contract column order (call after :func:`validate_schools` passed).

    Categories get their canonical spelling; ``achterstandsscore`` is float, ``pupils`` Int64.
    """
    out = pd.DataFrame(index=pd.RangeIndex(len(frame)))
    out["school_id"] = pd.Series(frame["school_id"].to_numpy(), dtype="str")
    for name, allowed in SCHOOL_CATEGORIES.items():
        aliases = PROVINCE_ALIASES if name == "province" else None
        values = [
            np.nan if _is_missing(v) else _canonical(v, allowed, aliases)
            for v in frame[name].tolist()
        ]
        out[name] = pd.Series(values, dtype="str")
    out["achterstandsscore"] = (
        parse_numbers(frame["achterstandsscore"])[0].astype("float64").to_numpy()
    )
    out["pupils"] = parse_codes(frame["pupils"])[0].to_numpy()
    out["pupils"] = out["pupils"].astype("Int64")
    return out[list(SCHOOL_COLUMNS)]
