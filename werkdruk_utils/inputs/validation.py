"""Check raw respondent and school tables against the data contract (docs/design.md).

Every check collects :class:`Problem` records instead of stopping at the first one, so that
a data owner sees everything that is wrong with an export at once; :func:`raise_if_problems`
turns the list into one :class:`ValidationError`.

Row numbers are those a spreadsheet shows when the header is row 1 (first data row = 2);
the tables from :func:`werkdruk_utils.inputs.readers.read_table` carry them as their index.

Personal data: a problem never shows the content of a free-text or e-mail cell, nor of a
column that is not in the codebook (it might hold anything); for those only the column and
the rows are reported. As a further safeguard, an offending value in any other column is not
shown when it contains '@' or is longer than 40 characters.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

MAX_ROWS_SHOWN = 10
MAX_VALUE_SHOWN = 40
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


# ---------------------------------------------------------------------------- problems


def format_rows(rows: Sequence[int], limit: int = MAX_ROWS_SHOWN) -> str:
    """'row 2', 'rows 2, 5 and 9', or 'rows 2, 5, ..., 30 and 37 others' for long lists."""
    rows = list(rows)
    if not rows:
        return ""
    if len(rows) == 1:
        return f"row {rows[0]}"
    if len(rows) <= limit:
        return "rows " + ", ".join(map(str, rows[:-1])) + f" and {rows[-1]}"
    others = len(rows) - limit
    return (
        "rows "
        + ", ".join(map(str, rows[:limit]))
        + f" and {others} other{'s' if others > 1 else ''}"
    )


@dataclass(frozen=True)
class Problem:
    """One problem in an input file.

    ``rows`` are spreadsheet row numbers (header = 1, first data row = 2); empty when the
    problem concerns the file or a whole column. ``value`` is the offending value as a
    string, or ``None`` when it may not or cannot be shown.
    """

    file: str
    column: str | None
    rows: tuple[int, ...]
    value: str | None
    expected: str | None
    message: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.column is not None:
            parts.append(f"column {self.column}")
        if self.rows:
            parts.append(format_rows(self.rows))
        text = ": ".join(parts) + f": {self.message}"
        details = []
        if self.value is not None:
            details.append(f"value {self.value!r}")
        if self.expected is not None:
            details.append(f"expected {self.expected}")
        if details:
            text += f" ({'; '.join(details)})"
        return text


class ValidationError(Exception):
    """Raised with every problem found; ``str()`` lists them all."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__(self._message())

    def _message(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} found in the input data:"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])

    def __str__(self) -> str:
        return self._message()


def raise_if_problems(problems: Sequence[Problem]) -> None:
    """Raise one :class:`ValidationError` when ``problems`` is not empty."""
    if problems:
        raise ValidationError(problems)


# ---------------------------------------------------------------------------- parsing


def _to_number(value: object) -> float | None:
    """Parse a cell to a float ('12,5' and '12.5' both give 12.5); None when not a number."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    if re.fullmatch(r"[+-]?\d*,\d+", text):
        text = text.replace(",", ".")
    try:
        x = float(text)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def _parse_numeric(series: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Vectorised :func:`_to_number`: (float64 values with NaN, missing mask, bad mask)."""
    text = series.astype("string").str.strip()
    missing = (text.isna() | (text == "")).astype(bool)
    comma = text.str.contains(",", regex=False).fillna(False).astype(bool)
    if comma.any():  # decimal comma ('12,5'); only the few cells that have one go through the regex
        text = text.where(
            ~comma, text[comma].str.replace(r"^([+-]?\d*),(\d+)$", r"\1.\2", regex=True)
        )
    values = pd.to_numeric(text.where(~missing), errors="coerce").astype("float64")
    finite = np.isfinite(values.to_numpy(dtype="float64", na_value=np.nan))
    values = values.where(finite)
    bad = (~missing & values.isna()).astype(bool)
    return values, missing, bad


def parse_codes(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse integer codes: returns (Int64 series, bool mask of non-empty cells that are not
    integers)."""
    values, _missing, bad = _parse_numeric(series)
    integer = values.isna() | (values == np.floor(values))
    bad = (bad | ~integer).astype(bool)
    codes = values.where(~bad).astype("Int64")
    return codes.rename(series.name), pd.Series(bad.to_numpy(), index=series.index, dtype=bool)


def parse_numbers(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse numbers: returns (Float64 series, bool mask of non-empty cells that are not
    numbers)."""
    values, _missing, bad = _parse_numeric(series)
    return values.astype("Float64").rename(series.name), pd.Series(
        bad.to_numpy(), index=series.index, dtype=bool
    )


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


def _display(value: str) -> str | None:
    """``value`` as it may appear in a message, or None when it could be personal.

    Values that contain '@' (an e-mail address?) or are longer than
    :data:`MAX_VALUE_SHOWN` characters (free text?) are never shown.
    """
    if "@" in value or len(value) > MAX_VALUE_SHOWN:
        return None
    return value


def _grouped_by_value(raw: pd.Series, mask: pd.Series) -> list[tuple[str | None, tuple[int, ...]]]:
    """Distinct offending values (first-appearance order) with their rows.

    Values that may be personal (see :func:`_display`) are grouped together as ``None``.
    """
    if not mask.any():
        return []
    groups: dict[str | None, list[int]] = {}
    for row, cell, flagged in zip(raw.index, raw.tolist(), mask.tolist(), strict=False):
        if flagged:
            groups.setdefault(_display(str(cell)), []).append(int(row))
    return [(value, tuple(rows)) for value, rows in groups.items()]


# ---------------------------------------------------------------------------- respondents


_FORMULA_START = ("=", "+", "@")
_CONTROL_CHARS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_YEAR_IN_COMMENT = re.compile(r"(?<![\d])(20\d\d)(?![\d])")


def normalise_column_name(name: str) -> str:
    """A column name folded for spotting renamed columns: 'V05_1 ' and 'v5.1' give 'v5_1'."""
    text = str(name).strip().casefold()
    text = re.sub(r"[\s.\-]+", "_", text)
    return re.sub(r"(?<![0-9])0+(?=[0-9])", "", text)


def _renamed_hints(columns: Sequence[str], expected: Sequence[str]) -> dict[str, str]:
    """Unknown column -> the missing codebook column it is probably a renamed copy of."""
    present = set(columns)
    missing = {normalise_column_name(c): c for c in expected if c not in present}
    hints: dict[str, str] = {}
    for name in columns:
        if name in expected:
            continue
        target = missing.get(normalise_column_name(name))
        if target is not None:
            hints[name] = target
    return hints


def _id_problems(frame: pd.DataFrame, column: str, file: str) -> list[Problem]:
    """Ids that look like spreadsheet formulas or hold control characters (formula injection)."""
    ids = frame[column].astype("string")
    formula = ids.str.startswith(_FORMULA_START).fillna(False).astype(bool)
    control = ids.str.contains(_CONTROL_CHARS, regex=True).fillna(False).astype(bool)
    problems = []
    for value, rows in _grouped_by_value(frame[column], formula & ~control):
        problems.append(
            Problem(
                file,
                column,
                rows,
                value,
                "a plain identifier",
                f"{column} looks like a spreadsheet formula",
            )
        )
    if control.any():
        problems.append(
            Problem(
                file,
                column,
                _rows(control),
                None,
                "a plain identifier",
                f"{column} holds control characters",
            )
        )
    return problems


def comment_year_problems(comments: Sequence[str], year: int, *, file: str) -> list[Problem]:
    """A file whose comment lines name measurement years, none of them ``year``, lies in the wrong
    folder.

    Years are four-digit numbers 2000-2099 standing alone ('meting 2023', 'schooljaar 2022-2023');
    digits inside longer numbers (a seed '20240611') do not count.
    """
    years = sorted({int(y) for comment in comments for y in _YEAR_IN_COMMENT.findall(comment)})
    if not years or int(year) in years:
        return []
    named = ", ".join(map(str, years))
    return [
        Problem(
            file,
            None,
            (),
            named,
            str(year),
            f"the file's comment lines name year {named}, not measurement {year}; is the file in "
            "the right year folder?",
        )
    ]


def _rule_variables(rule: str) -> list[str]:
    """Column names a routing rule refers to ('v1 in (5, 16)' -> ['v1'])."""
    return [
        t
        for t in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", rule)
        if t not in ("in", "and", "or", "not")
    ]


def _is_personal(spec: Any, personal_names: set[str]) -> bool:
    return spec.name in personal_names or bool(spec.personal) or spec.kind in PERSONAL_KINDS


def convert_respondent_codes(frame: pd.DataFrame, specs: Mapping[str, Any]) -> pd.DataFrame:
    """Typed copy of the coded columns: Int64 codes, Float64 for numeric (v14) columns.

    Cells that are not numbers (already reported by validation) become missing.
    """
    typed: dict[str, pd.Series] = {}
    for name, spec in specs.items():
        if name not in frame.columns or spec.kind not in CODED_KINDS:
            continue
        if spec.kind == "numeric":
            typed[name] = parse_numbers(frame[name])[0]
        else:
            typed[name] = parse_codes(frame[name])[0]
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
                    Problem(
                        file,
                        column,
                        (),
                        str(code),
                        f"codes {format_codes(spec.codes)}",
                        f"value label {label!r} for code {code}, which the codebook does not have",
                    )
                )
            elif _normalise_label(label) != _normalise_label(spec.codes[code]):
                problems.append(
                    Problem(
                        file,
                        column,
                        (),
                        str(label),
                        repr(spec.codes[code]),
                        f"value label of code {code} differs from the codebook",
                    )
                )
    return problems


def validate_respondents(  # noqa: C901
    frame: pd.DataFrame,
    codebook: Any,
    year: int,
    *,
    file: str = "respondents",
    columns: Sequence[str] | None = None,
    personal_present: pd.DataFrame | None = None,
    school_ids: Iterable[str] | None = None,
    value_labels: Mapping[str, Mapping[int, str]] | None = None,
    comments: Sequence[str] | None = None,
) -> list[Problem]:
    """Return every problem of a raw respondents table for measurement ``year``.

    ``frame`` is the raw string table (index = spreadsheet row numbers). Personal columns
    may already have been dropped: pass the original column names as ``columns`` and a
    boolean frame telling which personal cells were filled as ``personal_present`` so that
    missing columns and routing can still be checked without the content. ``school_ids``
    is the set of ids in the school frame (skipped when None); ``value_labels`` are the SPSS
    value labels, if any; ``comments`` are the file's comment lines (checked for a measurement
    year other than ``year``, see :func:`comment_year_problems`).
    """
    columns = [str(c) for c in (frame.columns if columns is None else columns)]
    if not columns:
        return [Problem(file, None, (), None, None, "file is empty (no header and no data)")]
    problems: list[Problem] = []
    if len(frame) == 0:
        problems.append(Problem(file, None, (), None, None, "file has a header but no data rows"))

    specs: dict[str, Any] = codebook.column_spec(year)
    expected = list(codebook.columns(year))
    personal_names = set(codebook.personal_columns(year)) | {
        name for name, spec in specs.items() if spec.personal or spec.kind in PERSONAL_KINDS
    }

    # -- columns and measurement year
    fitted_year = codebook.year_of_columns(columns)
    if fitted_year is not None and int(fitted_year) != int(year):
        problems.append(
            Problem(
                file,
                None,
                (),
                None,
                str(year),
                f"file belongs to measurement {fitted_year}, expected {year}",
            )
        )
    if comments:
        problems.extend(comment_year_problems(comments, year, file=file))
    present = set(columns)
    hints = _renamed_hints(columns, expected)
    for name in expected:
        if name not in present and name not in personal_names:
            problems.append(
                Problem(
                    file, name, (), None, None, f"column missing (required in measurement {year})"
                )
            )
    for name in columns:
        if name not in specs:
            hint = f"; renamed? the codebook name is '{hints[name]}'" if name in hints else ""
            problems.append(
                Problem(
                    file,
                    name,
                    (),
                    None,
                    None,
                    f"unknown column (not in the codebook for measurement {year}){hint}",
                )
            )
    if len(frame) == 0:
        return problems

    # -- identifiers
    for id_column in ("respondent_id", "school_id"):
        if id_column not in frame.columns:
            continue
        missing = frame[id_column].isna()
        if missing.any():
            problems.append(
                Problem(
                    file,
                    id_column,
                    _rows(missing),
                    None,
                    "a value in every row",
                    f"{id_column} is empty",
                )
            )
        problems.extend(_id_problems(frame, id_column, file))
    if "respondent_id" in frame.columns:
        ids = frame["respondent_id"]
        duplicated = ids.notna() & ids.duplicated(keep=False)
        for value, rows in _grouped_by_value(ids, duplicated):
            problems.append(
                Problem(file, "respondent_id", rows, value, "unique ids", "duplicate respondent_id")
            )
    if school_ids is not None and "school_id" in frame.columns:
        known = set(school_ids)
        unknown = frame["school_id"].notna() & ~frame["school_id"].isin(known)
        for value, rows in _grouped_by_value(frame["school_id"], unknown):
            problems.append(
                Problem(
                    file,
                    "school_id",
                    rows,
                    value,
                    "a school_id of the school frame",
                    "school_id not in the school frame",
                )
            )

    # -- codes
    invalid: dict[str, pd.Series] = {}  # rows with an unusable code, per column
    for name in [c for c in frame.columns if c in specs]:
        spec = specs[name]
        if spec.kind not in CODED_KINDS or _is_personal(spec, personal_names):
            continue
        raw = frame[name]
        if spec.kind == "numeric":
            numbers, bad = parse_numbers(raw)
            low = getattr(spec, "minimum", None)
            high = getattr(spec, "maximum", None)
            low = NUMERIC_RANGE[0] if low is None else float(low)
            high = NUMERIC_RANGE[1] if high is None else float(high)
            expected_text = f"a number from {low:g} to {high:g}"
            for value, rows in _grouped_by_value(raw, bad):
                problems.append(Problem(file, name, rows, value, expected_text, "not a number"))
            out = numbers.notna() & ((numbers < low) | (numbers > high)).fillna(False)
            for value, rows in _grouped_by_value(raw, out.astype(bool)):
                problems.append(
                    Problem(file, name, rows, value, expected_text, "number out of range")
                )
            continue
        codes, bad = parse_codes(raw)
        allowed = {0, 1} if spec.kind == "multi" else set(int(c) for c in spec.codes)
        allowed_text = (
            "0 or 1 (not ticked / ticked)"
            if spec.kind == "multi"
            else f"one of {format_codes(allowed)}"
        )
        for value, rows in _grouped_by_value(raw, bad):
            problems.append(Problem(file, name, rows, value, allowed_text, "not an integer code"))
        out = (codes.notna() & ~codes.isin(allowed).fillna(False)).astype(bool)
        invalid[name] = bad | out
        for value, rows in _grouped_by_value(raw, out.astype(bool)):
            problems.append(Problem(file, name, rows, value, allowed_text, "code not allowed"))

    # -- routing
    typed = convert_respondent_codes(frame, specs)
    for name, spec in specs.items():
        if not spec.shown_if:
            continue
        personal = _is_personal(spec, personal_names)
        if name in frame.columns:
            filled = frame[name].notna()
        elif personal_present is not None and name in personal_present.columns:
            filled = personal_present[name].reindex(frame.index).fillna(False).astype(bool)
        else:
            continue
        if not filled.any():
            continue
        try:
            shown = codebook.shown_mask(typed, name)
        except KeyError:
            continue  # a column the rule needs is missing: reported above
        shown = pd.Series(
            np.asarray(pd.array(shown, dtype="boolean").fillna(False), dtype=bool),
            index=frame.index,
        )
        violation = filled & ~shown
        for variable in _rule_variables(spec.shown_if):
            if variable in invalid:  # an invalid routing value is reported once, not per question
                violation &= ~invalid[variable]
        if not violation.any():
            continue
        message = f"answered although the question was not shown (shown if {spec.shown_if})"
        if personal:
            problems.append(Problem(file, name, _rows(violation), None, "empty", message))
        else:
            for value, rows in _grouped_by_value(frame[name], violation):
                problems.append(Problem(file, name, rows, value, "empty", message))

    # -- SPSS value labels
    if value_labels:
        problems.extend(validate_value_labels(value_labels, codebook, year, file=file))
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


def validate_schools(frame: pd.DataFrame, *, file: str = "schools") -> list[Problem]:  # noqa: C901
    """Return every problem of a raw school frame (columns and values of docs/design.md)."""
    columns = [str(c) for c in frame.columns]
    if not columns:
        return [Problem(file, None, (), None, None, "file is empty (no header and no data)")]
    problems: list[Problem] = []
    if len(frame) == 0:
        problems.append(Problem(file, None, (), None, None, "file has a header but no data rows"))
    for name in SCHOOL_COLUMNS:
        if name not in columns:
            problems.append(Problem(file, name, (), None, None, "column missing"))
    for name in columns:
        if name not in SCHOOL_COLUMNS:
            problems.append(
                Problem(
                    file,
                    name,
                    (),
                    None,
                    ", ".join(SCHOOL_COLUMNS),
                    "unknown column (not in the school frame contract)",
                )
            )
    if len(frame) == 0:
        return problems

    if "school_id" in frame.columns:
        ids = frame["school_id"]
        if ids.isna().any():
            problems.append(
                Problem(
                    file,
                    "school_id",
                    _rows(ids.isna()),
                    None,
                    "a value in every row",
                    "school_id is empty",
                )
            )
        problems.extend(_id_problems(frame, "school_id", file))
        for value, rows in _grouped_by_value(ids, ids.notna() & ids.duplicated(keep=False)):
            problems.append(
                Problem(file, "school_id", rows, value, "unique ids", "duplicate school_id")
            )

    canonical: dict[str, pd.Series] = {}
    required = {
        "school_type",
        "sector",
        "province",
        "municipality_category",
        "denomination",
        "board_size",
    }
    for name, allowed in SCHOOL_CATEGORIES.items():
        if name not in frame.columns:
            continue
        raw = frame[name]
        aliases = PROVINCE_ALIASES if name == "province" else None
        values = raw.map(
            lambda v, allowed=allowed, aliases=aliases: (
                np.nan if _is_missing(v) else _canonical(v, allowed, aliases)
            )
        )
        canonical[name] = values
        bad = raw.notna() & values.isna()
        for value, rows in _grouped_by_value(raw, bad):
            problems.append(
                Problem(
                    file, name, rows, value, "one of " + ", ".join(allowed), "value not allowed"
                )
            )
        if name in required and raw.isna().any():
            problems.append(
                Problem(
                    file,
                    name,
                    _rows(raw.isna()),
                    None,
                    "one of " + ", ".join(allowed),
                    "value missing",
                )
            )

    if "school_type" in canonical and "sector" in canonical:
        school_type, sector = canonical["school_type"], canonical["sector"]
        expected_sector = school_type.map(SECTOR_OF_SCHOOL_TYPE)
        inconsistent = school_type.notna() & sector.notna() & (sector != expected_sector)
        for value, rows in _grouped_by_value(frame["sector"], inconsistent):
            types = sorted(set(school_type[inconsistent & (frame["sector"] == value)]))
            problems.append(
                Problem(
                    file,
                    "sector",
                    rows,
                    value,
                    "; ".join(f"{t} -> {SECTOR_OF_SCHOOL_TYPE[t]}" for t in types),
                    f"sector does not match school_type {', '.join(types)}",
                )
            )
    not_bao = (
        canonical["school_type"].notna() & (canonical["school_type"] != "bao")
        if "school_type" in canonical
        else None
    )

    if "achterstandsscore" in frame.columns:
        numbers, bad = parse_numbers(frame["achterstandsscore"])
        for value, rows in _grouped_by_value(frame["achterstandsscore"], bad):
            problems.append(
                Problem(
                    file, "achterstandsscore", rows, value, "a fraction from 0 to 1", "not a number"
                )
            )
        low, high = ACHTERSTANDSSCORE_RANGE
        out = (numbers.notna() & ((numbers < low) | (numbers > high)).fillna(False)).astype(bool)
        for value, rows in _grouped_by_value(frame["achterstandsscore"], out):
            problems.append(
                Problem(
                    file,
                    "achterstandsscore",
                    rows,
                    value,
                    "a fraction from 0 to 1",
                    "number out of range",
                )
            )
    for name in ("schoolgewicht", "achterstandsscore"):
        if name in frame.columns and not_bao is not None:
            filled = frame[name].notna() & not_bao
            for value, rows in _grouped_by_value(frame[name], filled):
                problems.append(
                    Problem(
                        file,
                        name,
                        rows,
                        value,
                        "empty for sbao, so and vso",
                        f"{name} is for bao schools only",
                    )
                )

    if "pupils" in frame.columns:
        pupils, bad = parse_codes(frame["pupils"])
        bad = bad | (pupils.notna() & (pupils < 0).fillna(False)).astype(bool)
        for value, rows in _grouped_by_value(frame["pupils"], bad):
            problems.append(
                Problem(
                    file, "pupils", rows, value, "a whole number >= 0", "not a number of pupils"
                )
            )
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
