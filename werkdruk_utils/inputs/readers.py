"""Read raw survey exports (CSV, Dutch Excel CSV, XLSX, SPSS .sav) as tables of strings.

:func:`read_table` never guesses data types: every cell comes back as a string (or missing),
exactly as written, trimmed of surrounding white space. Typing and checking the values is the
job of :mod:`werkdruk_utils.inputs.validation` and :mod:`werkdruk_utils.inputs.load`.

Row numbers
    The frame's index (named ``row``) holds the row number as a spreadsheet shows it when the
    header is row 1: the first data row is 2. Blank rows are dropped but still counted, so a
    row number always points at the same record in the file. Comment lines before the header
    are not counted.

Formats
    * ``csv``: comma separated, UTF-8 with or without byte-order mark (or cp1252);
    * ``csv-nl``: Dutch Excel CSV, semicolon separated, decimal comma, usually cp1252;
      an Excel ``sep=;`` line before the header is honoured;
    * ``xlsx``: first worksheet; the header must be on row 1 (after optional comment rows
      whose first cell starts with '#'); merged header cells are refused;
    * ``sav``: SPSS file read with pyreadstat; numeric codes are kept and the value labels
      are returned in :attr:`RawTable.value_labels` so that they can be checked against the
      codebook.

Numeric columns
    In columns named like ``v14_1`` (see :data:`NUMERIC_COLUMN_PATTERN`, or the names passed
    as ``numeric_columns``) a decimal comma is turned into a decimal point ('12,5' -> '12.5').

Header
    With ``expected_columns`` (the codebook's names), a header that holds few of them while another
    row or worksheet holds many is refused with where the names are ('the column names are on row
    3 of sheet 'Data''): a title row above the header, or an information sheet before the data.
    Byte-order marks (U+FEFF) at the start of the file or of a line before the data (a file that
    was given a BOM twice, or a comment line put before its BOM) are removed; anywhere else they
    are named as byte-order marks.

Missing values (SPSS)
    User-missing values declared in a .sav file are returned in :attr:`RawTable.missing_values`
    (per column, as ``(low, high)`` ranges) with the cells as written; the loader reads them as
    missing (:mod:`werkdruk_utils.inputs.missing_codes`).

Messages
    A :class:`ReadError` names file, row and column; names are shown as the loader's messages
    show them (masked when they look like e-mail addresses or phone numbers, invisible characters
    escaped), values never, and the message is at most 5.000 characters.

Raw files are only ever opened for reading (``'rb'``) and are never written.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from werkdruk_utils.inputs.personal import invisible_characters
from werkdruk_utils.inputs.problems import MAX_MESSAGE_CHARS, shown_name

NUMERIC_COLUMN_PATTERN = re.compile(r"^v14_\d+$")
FORMATS = ("csv", "csv-nl", "xlsx", "sav")
_DECIMAL_COMMA = re.compile(r"^([+-]?\d*),(\d+)$")
# control characters other than tab, line feed and carriage return: never in a text export
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# bytes that could not be decoded (kept as lone surrogates by the 'surrogateescape' handler)
_SURROGATE = re.compile(r"[\udc80-\udcff]")
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "an Excel workbook or another ZIP archive; name it .xlsx or export it as CSV"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) or other Office file; save it as .xlsx or CSV"),
    (b"$FL2", "an SPSS data file; name it .sav"),
    (b"$FL3", "an SPSS data file; name it .sav"),
    (b"%PDF", "a PDF document"),
)
MAX_BINARY_SHARE = 0.01
"""Share of control bytes above which a .csv file is refused as binary before parsing."""


class ReadError(ValueError):
    """A raw file cannot be read as a table; the message says why and how to fix it (at most
    :data:`~werkdruk_utils.inputs.problems.MAX_MESSAGE_CHARS` characters)."""

    def __init__(self, message: str):
        if len(message) > MAX_MESSAGE_CHARS:
            message = message[: MAX_MESSAGE_CHARS - 1] + "…"
        super().__init__(message)


BOM = "\ufeff"
HEADER_SEARCH_ROWS = 30
"""Rows searched (in every worksheet) for the column names when the header holds few of them."""


@dataclass
class RawTable:
    """A raw export as read from disk.

    ``frame`` holds one string column per file column (original names, original order),
    missing values as NaN, indexed by spreadsheet row number (header = row 1).
    """

    frame: pd.DataFrame
    path: Path
    format: str
    comments: list[str] = field(default_factory=list)
    value_labels: dict[str, dict[int, str]] = field(default_factory=dict)
    missing_values: dict[str, list[tuple[float, float]]] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        """Column names as in the file."""
        return [str(c) for c in self.frame.columns]


# ---------------------------------------------------------------------------- helpers


def _clean_cell(value: object) -> object:
    """Convert a cell to a trimmed string, or NaN when it is empty."""
    if type(value) is str:  # the common case (CSV): no other checks needed
        text = value.strip()
        return text if text else np.nan
    if value is None:
        return np.nan
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        x = float(value)
        if math.isnan(x):
            return np.nan
        if x.is_integer():
            return str(int(x))
        return repr(x)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    text = str(value).strip()
    return text if text else np.nan


def _is_blank(value: object) -> bool:
    """True when a cell is empty after cleaning."""
    return isinstance(_clean_cell(value), float)


def _build_frame(
    header: list[str], rows: list[tuple[int, list[object]]], path: Path, *, short_rows: bool = True
) -> pd.DataFrame:
    """Build the string frame from header names and ``(row_number, cells)`` records.

    With ``short_rows=False`` (CSV) a non-blank row with fewer fields than the header is refused:
    it is the mark of a truncated file or of a lost separator, and padding it would turn the
    lost answers into item non-response.
    """
    _check_header(header, path)
    data = {name: [] for name in header}
    index: list[int] = []
    for row_number, cells in rows:
        cleaned = [_clean_cell(c) for c in cells]
        if all(isinstance(c, float) for c in cleaned):  # all NaN: blank row
            continue
        _check_not_header(header, cleaned, row_number, path)
        if len(cleaned) > len(header):
            extra = cleaned[len(header) :]
            if any(not isinstance(c, float) for c in extra):
                raise ReadError(
                    f"{path.name}: row {row_number} has {len(cleaned)} fields but the header "
                    f"has {len(header)} columns; check the separator and the quoting, and that the "
                    f"header is on row 1 (only lines starting with '#' may come before it)."
                    + _bom_note(cells)
                )
            cleaned = cleaned[: len(header)]
        if len(cleaned) < len(header):
            if not short_rows:
                last = header[len(cleaned) - 1] if cleaned else header[0]
                raise ReadError(
                    f"{path.name}: row {row_number} has {len(cleaned)} fields but the header has "
                    f"{len(header)} columns (the row ends after column {shown_name(last)}); the "
                    "file is truncated or a separator or quote is missing. Export the file again."
                    + _bom_note(cells)
                )
            cleaned = cleaned + [np.nan] * (len(header) - len(cleaned))
        for name, value in zip(header, cleaned, strict=False):
            data[name].append(value)
        index.append(row_number)
    frame = pd.DataFrame(
        {name: pd.Series(values, dtype="str") for name, values in data.items()},
        columns=header,
    )
    frame.index = pd.Index(index, dtype="int64", name="row")
    return frame


def _bom_note(cells: Iterable[object], joined: bool = False) -> str:
    """A sentence naming a byte-order mark found in ``cells`` (a second file joined on?)."""
    if any(isinstance(c, str) and BOM in c for c in cells):
        return " The row holds a byte-order mark (U+FEFF), the mark a UTF-8 file starts with" + (
            "." if joined else ": another file was probably joined on here; export one file."
        )
    return ""


def _check_not_header(header: list[str], cells: list[object], row_number: int, path: Path) -> None:
    """Refuse a data row that repeats the header: two exports joined into one file."""
    first = cells[0] if cells else None
    if not isinstance(first, str) or first.lstrip(BOM) != header[0]:
        return
    same = sum(
        isinstance(c, str) and c.lstrip(BOM) == h for c, h in zip(cells, header, strict=False)
    )
    if same * 2 >= len(header):
        raise ReadError(
            f"{path.name}: row {row_number} repeats the header (column names instead of answers): "
            "two exports were probably joined into one file; keep one header row."
            + _bom_note(cells, joined=True)
        )


def _strip_boms(text: str) -> str:
    """Remove byte-order marks at the start of the file and at the start of each line before the
    first data row (a BOM given twice, or a comment line put before the BOM)."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        stripped = line.lstrip(BOM)
        lines[i] = stripped
        body = stripped.strip()
        if body and not body.startswith(("#", '"#')) and not re.fullmatch(r"[,;]*", body):
            break  # the header: nothing after it is touched
    return "".join(lines)


def _check_header(header: list[str], path: Path) -> None:
    empty = [i + 1 for i, name in enumerate(header) if not name]
    if empty:
        raise ReadError(
            f"{path.name}: the header (row 1) has empty column names in column(s) "
            f"{', '.join(map(str, empty))}; the first row must hold one variable name per column."
        )
    odd = [
        i + 1 for i, name in enumerate(header) if _CONTROL.search(name) or _SURROGATE.search(name)
    ]
    if odd:
        raise ReadError(
            f"{path.name}: the header (row 1) has control characters or undecodable bytes in "
            f"column(s) {', '.join(map(str, odd))}; the file is not a plain-text table."
        )
    seen: set[str] = set()
    duplicates = sorted({name for name in header if name in seen or seen.add(name)})  # type: ignore[func-returns-value]
    if duplicates:
        raise ReadError(
            f"{path.name}: duplicate column names in the header: "
            f"{', '.join(shown_name(d) for d in duplicates)}."
        )


def _decimal_comma_to_point(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """Turn '12,5' into '12.5' in the given columns (other values unchanged)."""
    frame = frame.copy()
    for name in columns:
        if name in frame.columns:
            frame[name] = frame[name].str.replace(_DECIMAL_COMMA, r"\1.\2", regex=True)
    return frame


def _numeric_columns(frame: pd.DataFrame, numeric_columns: Iterable[str] | None) -> list[str]:
    if numeric_columns is not None:
        return [c for c in numeric_columns if c in frame.columns]
    return [c for c in frame.columns if NUMERIC_COLUMN_PATTERN.match(str(c))]


# ---------------------------------------------------------------------------- CSV


def _check_bytes(data: bytes, path: Path) -> None:
    """Refuse UTF-16, files of another type saved as .csv, and binary content, before parsing."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        raise ReadError(
            f"{path.name}: the file is UTF-16 encoded; save it as 'CSV UTF-8' or as "
            f"'CSV (puntkomma-gescheiden)'."
        )
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise ReadError(f"{path.name}: the file is not a CSV text file but {what}.")
    head = data[:4096]
    if head and head.count(b"\x00") * 4 >= len(head):
        raise ReadError(
            f"{path.name}: the file is full of NUL bytes (UTF-16 without byte-order mark, or not a "
            f"text file); save it as 'CSV UTF-8'."
        )
    if data:
        controls = len(re.findall(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", data))
        if controls > MAX_BINARY_SHARE * len(data):
            raise ReadError(
                f"{path.name}: the file is not a text table ({controls} control bytes in "
                f"{len(data)} bytes); export the survey data as CSV, XLSX or SPSS .sav."
            )


def _decode(data: bytes, path: Path) -> tuple[str, str | None]:
    """Decode a CSV file: UTF-8 (with or without byte-order mark), else Windows-1252.

    Returns ``(text, problem)``. When the bytes are not valid in the encoding the file claims
    (a UTF-8 byte-order mark) or in either encoding, ``problem`` describes the encoding and the
    text keeps the offending bytes as lone surrogates, so that the caller can name the row and
    column they are in.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), None
        except UnicodeDecodeError:
            return data[3:].decode(
                "utf-8", errors="surrogateescape"
            ), "starts with a UTF-8 byte-order mark but is not valid UTF-8"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), None
    except UnicodeDecodeError:
        return data.decode(
            "utf-8", errors="surrogateescape"
        ), "is neither UTF-8 (invalid byte) nor Windows-1252 (undefined byte)"


def _first_bad_cells(
    frame: pd.DataFrame, pattern: re.Pattern[str]
) -> list[tuple[str, list[int], str]]:
    """(column, rows, first offending character) for every column with a cell matching
    ``pattern``."""
    found: list[tuple[str, list[int], str]] = []
    for name in frame.columns:
        column = frame[name]
        hits = column.str.contains(pattern, regex=True).fillna(False).astype(bool)
        if hits.any():
            rows = [int(r) for r in column.index[hits.to_numpy()]]
            first = pattern.search(str(column[hits].iloc[0]))
            found.append((str(name), rows, first.group(0) if first else ""))
    return found


def _describe_bad_cells(found: list[tuple[str, list[int], str]]) -> str:
    parts = []
    for name, rows, _char in found[:5]:
        shown = ", ".join(map(str, rows[:5])) + (
            f" and {len(rows) - 5} more" if len(rows) > 5 else ""
        )
        parts.append(f"column {name}: row{'s' if len(rows) > 1 else ''} {shown}")
    if len(found) > 5:
        parts.append(f"and {len(found) - 5} more columns")
    return "; ".join(parts)


def _check_cells(frame: pd.DataFrame, path: Path, encoding_problem: str | None) -> None:
    """Refuse cells with undecodable bytes or control characters, naming columns and rows (not
    values)."""
    if encoding_problem is not None:
        found = _first_bad_cells(frame, _SURROGATE)
        byte = f"0x{ord(found[0][2]) - 0xDC00:02X}" if found and found[0][2] else "a byte"
        where = _describe_bad_cells(found) if found else "a comment line or the header"
        raise ReadError(
            f"{path.name}: the file {encoding_problem} (byte {byte} in {where}); save the file as "
            f"'CSV UTF-8' (values not shown)."
        )
    found = _first_bad_cells(frame, _CONTROL)
    if found:
        char = found[0][2]
        label = (
            "NUL byte"
            if char == "\x00"
            else f"control character 0x{ord(char):02X}"
            if char
            else "control character"
        )
        raise ReadError(
            f"{path.name}: {_describe_bad_cells(found)}: {label} in a cell; a text export never "
            "holds "
            f"control characters (values not shown)."
        )


def _split_comments(text: str) -> tuple[list[str], str]:
    """Split leading comment lines ('#...') and blank lines from the rest of the text.

    Excel writes a comment typed in the first cell as '# text;;;' or, when it holds the
    separator, as '"# text, more",,,': trailing separators and the quotes are removed.
    """
    comments: list[str] = []
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped.startswith("#") or stripped.startswith('"#'):
            comment = stripped.rstrip(",;").rstrip()
            if comment.startswith('"') and comment.endswith('"'):
                comment = comment[1:-1].replace('""', '"')
            comments.append(comment.strip())
        elif stripped.strip(",;"):
            break
        i += 1
    return comments, "".join(lines[i:])


def _sniff_separator(header_line: str) -> str:
    """Return ';' or ',' for the header line (counting outside quotes)."""
    counts = {",": 0, ";": 0}
    in_quotes = False
    for ch in header_line:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in counts:
            counts[ch] += 1
    return ";" if counts[";"] > counts[","] else ","


def _parse_records(body: str, sep: str, path: Path, limit: int) -> list[list[str]]:
    """Parse the CSV body; fields may be as long as the file (a long free-text answer is data)."""
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, limit))
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=sep, quotechar='"')
    try:
        return list(reader)
    except csv.Error as exc:
        raise ReadError(
            f"{path.name}: cannot parse the CSV near line {reader.line_num} of the table ({exc})."
        ) from exc
    finally:
        csv.field_size_limit(old_limit)


def _read_csv(
    path: Path, numeric_columns: Iterable[str] | None, expected_columns: Iterable[str] | None
) -> RawTable:
    with open(path, "rb") as handle:
        data = handle.read()
    _check_bytes(data, path)
    text, encoding_problem = _decode(data, path)
    comments, body = _split_comments(_strip_boms(text))
    if not body.strip():
        if encoding_problem is not None:
            _check_cells(pd.DataFrame(), path, encoding_problem)
        frame = pd.DataFrame(index=pd.Index([], dtype="int64", name="row"))
        return RawTable(frame=frame, path=path, format="csv", comments=comments)
    header_line = body.splitlines()[0]
    hint = re.fullmatch(r'"?sep=([,;])"?[,;]*', header_line.strip())
    if hint:  # Excel's 'sep=;' line names the separator
        sep = hint.group(1)
        body = body.split("\n", 1)[1] if "\n" in body else ""
        if not body.strip():
            frame = pd.DataFrame(index=pd.Index([], dtype="int64", name="row"))
            return RawTable(
                frame=frame, path=path, format="csv-nl" if sep == ";" else "csv", comments=comments
            )
        header_line = body.splitlines()[0]
    else:
        sep = _sniff_separator(header_line)
    if sep not in header_line:
        for other, name in (("\t", "tabs"), ("|", "'|'")):
            if header_line.count(other) >= 1:
                raise ReadError(
                    f"{path.name}: the header (row 1) is separated by {name}; save the file as CSV "
                    f"separated by ',' (CSV UTF-8) or ';' (CSV puntkomma-gescheiden)."
                )
    records = _parse_records(body, sep, path, len(data) + 1)
    if expected_columns is not None:
        first_line = len(text.splitlines()) - len(body.splitlines()) + 1
        _check_header_location(
            [(first_line + i, cells) for i, cells in enumerate(records[:HEADER_SEARCH_ROWS])],
            expected_columns,
            path,
            where="line {row} of the file",
        )
    header = [h.strip() for h in records[0]]
    while header and not header[-1]:
        header.pop()  # trailing separators after the last column name
    rows = [(i + 2, list(cells)) for i, cells in enumerate(records[1:])]
    if encoding_problem is not None or _CONTROL.search(body):
        _check_header(header, path)
        probe = _build_frame(header, rows, path, short_rows=True)
        _check_cells(probe, path, encoding_problem)
    frame = _build_frame(header, rows, path, short_rows=False)
    fmt = "csv-nl" if sep == ";" else "csv"
    frame = _decimal_comma_to_point(frame, _numeric_columns(frame, numeric_columns))
    return RawTable(frame=frame, path=path, format=fmt, comments=comments)


# ---------------------------------------------------------------------------- XLSX


def _formula_text(value: object) -> object:
    """The formula text of an array or data-table formula cell; other values unchanged."""
    text = getattr(value, "text", None)
    if isinstance(text, str) and not isinstance(value, str):
        return text
    return value


def _header_score(cells: Iterable[object], expected: set[str]) -> int:
    """How many cells of a row are expected column names (case and invisible characters aside)."""
    score = 0
    for cell in cells:
        if isinstance(cell, str):
            hidden = set(invisible_characters(cell))
            name = "".join(ch for ch in cell if ch not in hidden).strip().casefold()
            score += name in expected
    return score


def _check_header_location(
    candidates: list[tuple[int, list]],
    expected_columns: Iterable[str],
    path: Path,
    *,
    where: str,
) -> None:
    """Refuse a header that holds few expected names while a row below it holds many."""
    expected = {str(c).casefold() for c in expected_columns}
    scores = [(row, _header_score(cells, expected)) for row, cells in candidates]
    if len(scores) < 2:
        return
    first = scores[0][1]
    best_row, best = max(scores[1:], key=lambda item: item[1])
    if best >= 3 and 2 * first < best:

        def at(row: int) -> str:
            return where.replace("{row}", str(row))

        raise ReadError(
            f"{path.name}: {at(scores[0][0])} should hold the header (only lines starting with "
            f"'#' may come before it), but it holds {first} of the {len(expected)} column names "
            f"of the codebook, while {at(best_row)} holds {best}: the column names are on "
            f"{at(best_row)}. Delete the rows above them and export again."
        )


def _sheet_rows(sheet: Any, limit: int | None = None) -> list[list[object]]:
    rows = []
    for i, row in enumerate(sheet.iter_rows(values_only=True)):
        if limit is not None and i >= limit:
            break
        rows.append([_formula_text(c) for c in row])
    return rows


def _check_first_sheet(
    workbook: Any, first_rows: list[list[object]], expected_columns: Iterable[str], path: Path
) -> None:
    """Refuse a workbook whose first worksheet holds no column names while another one does."""
    expected = {str(c).casefold() for c in expected_columns}
    here = max((_header_score(r, expected) for r in first_rows[:HEADER_SEARCH_ROWS]), default=0)
    if here >= 3:
        return
    for number, sheet in enumerate(workbook.worksheets[1:], start=2):
        rows = _sheet_rows(sheet, HEADER_SEARCH_ROWS)
        scores = [_header_score(r, expected) for r in rows]
        best = max(scores, default=0)
        if best >= 3 and best > 2 * here:
            row = scores.index(best) + 1
            raise ReadError(
                f"{path.name}: the first worksheet ('{shown_name(workbook.worksheets[0].title)}') "
                f"holds {here} of the {len(expected)} column names of the codebook; worksheet "
                f"'{shown_name(sheet.title)}' (sheet {number}) holds {best}, on row {row}. The "
                "survey data must be on the first worksheet: move that sheet to the front, or "
                "save it as a workbook of its own."
            )


def _xlsx_comments(all_rows: list[list[object]]) -> tuple[list[str], int]:
    """Leading comment rows (first cell '#...', the rest empty) and the index of the header row."""
    comments: list[str] = []
    start = 0
    while start < len(all_rows):
        cells = all_rows[start]
        first = cells[0] if cells else None
        rest_empty = all(_is_blank(c) for c in cells[1:])
        if isinstance(first, str) and first.strip().lstrip(BOM).startswith("#") and rest_empty:
            comments.append(first.strip().lstrip(BOM))
            start += 1
        else:
            break
    return comments, start


def _xlsx_header(body: list[list[object]], header_sheet_row: int, path: Path) -> list[str]:
    header_cells = [_clean_cell(c) for c in body[0]]
    while header_cells and isinstance(header_cells[-1], float):
        header_cells.pop()
    header = ["" if isinstance(c, float) else str(c).lstrip(BOM) for c in header_cells]
    if len(body) > 1:
        next_filled = sum(not _is_blank(c) for c in body[1])
        if next_filled > 2 * sum(1 for h in header if h):
            raise ReadError(
                f"{path.name}: row {header_sheet_row} has only {sum(1 for h in header if h)} "
                f"filled cells but the row below has {next_filled}; the header must be on row 1 "
                f"(only rows starting with '#' may come before it)."
            )
    if any(not h for h in header):
        raise ReadError(
            f"{path.name}: the header has empty cells (columns "
            f"{', '.join(str(i + 1) for i, h in enumerate(header) if not h)}); the header must be "
            f"a single row on row 1 with one variable name per column."
        )
    return header


def _read_xlsx(
    path: Path, numeric_columns: Iterable[str] | None, expected_columns: Iterable[str] | None
) -> RawTable:
    import openpyxl

    with open(path, "rb") as handle:
        # data_only=False: a formula comes back as its text ('=HYPERLINK(...)') and is then
        # refused in a coded column, instead of silently reading as an empty cell (a workbook
        # written by a script holds no cached result)
        workbook = openpyxl.load_workbook(handle, read_only=False, data_only=False)
        try:
            sheet = workbook.worksheets[0]
            merged_rows = {(r.min_row, r.max_row, str(r)) for r in sheet.merged_cells.ranges}
            all_rows = _sheet_rows(sheet)
            if expected_columns is not None:
                _check_first_sheet(workbook, all_rows, expected_columns, path)
        finally:
            workbook.close()

    comments, start = _xlsx_comments(all_rows)
    header_sheet_row = start + 1  # 1-based row of the header in the sheet
    if expected_columns is not None:
        candidates = [
            (start + 1 + i, cells) for i, cells in enumerate(all_rows[start:][:HEADER_SEARCH_ROWS])
        ]
        _check_header_location(
            candidates,
            expected_columns,
            path,
            where="row {row} of sheet '" + shown_name(sheet.title).replace("{", "(") + "'",
        )
    for min_row, max_row, ref in sorted(merged_rows):
        if min_row <= header_sheet_row + 1 and max_row >= header_sheet_row:
            raise ReadError(
                f"{path.name}: merged cells {ref} in the header; the first row must hold one "
                f"variable name per column, without merged cells or a second header row."
            )
    body = all_rows[start:]
    if not body or all(_is_blank(c) for c in body[0]):
        if all(all(_is_blank(c) for c in r) for r in body):
            frame = pd.DataFrame(index=pd.Index([], dtype="int64", name="row"))
            return RawTable(frame=frame, path=path, format="xlsx", comments=comments)
        raise ReadError(
            f"{path.name}: row {header_sheet_row} is empty; the header must be on row 1 "
            f"(only rows starting with '#' may come before it)."
        )
    header = _xlsx_header(body, header_sheet_row, path)
    rows = [(i + 2, cells) for i, cells in enumerate(body[1:])]
    frame = _build_frame(header, rows, path)
    frame = _decimal_comma_to_point(frame, _numeric_columns(frame, numeric_columns))
    return RawTable(frame=frame, path=path, format="xlsx", comments=comments)


# ---------------------------------------------------------------------------- SAV


def _sav_missing_values(meta: Any) -> dict[str, list[tuple[float, float]]]:
    """Declared user-missing values per column as ``(low, high)`` ranges."""
    declared: dict[str, list[tuple[float, float]]] = {}
    for name, ranges in (getattr(meta, "missing_ranges", None) or {}).items():
        for item in ranges:
            try:
                low, high = float(item["lo"]), float(item["hi"])
            except (KeyError, TypeError, ValueError):
                continue  # string user-missing values: free-text columns, dropped anyway
            declared.setdefault(str(name), []).append((low, high))
    return declared


def _sav_value_labels(meta: Any) -> dict[str, dict[int, str]]:
    value_labels: dict[str, dict[int, str]] = {}
    for name, labels in (meta.variable_value_labels or {}).items():
        converted: dict[int, str] = {}
        for code, label in labels.items():
            try:
                key = int(float(code))
            except (TypeError, ValueError):
                continue
            converted[key] = str(label)
        value_labels[str(name)] = converted
    return value_labels


def _read_sav(path: Path) -> RawTable:
    import pyreadstat

    try:
        # user_missing=True: declared user-missing values come back as written, so that the loader
        # can count them (pyreadstat would otherwise blank them silently)
        data, meta = pyreadstat.read_sav(str(path), apply_value_formats=False, user_missing=True)
    except Exception as exc:  # pyreadstat raises its own error types
        raise ReadError(f"{path.name}: cannot read the SPSS file ({exc}).") from exc
    header = [str(c) for c in data.columns]
    records = [(i + 2, list(row)) for i, row in enumerate(data.itertuples(index=False, name=None))]
    frame = _build_frame(header, records, path)
    notes = getattr(meta, "notes", None) or []
    if isinstance(notes, str):
        notes = [notes]
    comments: list[str] = []
    for note in notes:
        comments.extend(line.strip() for line in str(note).splitlines() if line.strip())
    if meta.file_label and str(meta.file_label).strip().startswith("#"):
        comments.insert(0, str(meta.file_label).strip())
    return RawTable(
        frame=frame,
        path=path,
        format="sav",
        comments=comments,
        value_labels=_sav_value_labels(meta),
        missing_values=_sav_missing_values(meta),
    )


# ---------------------------------------------------------------------------- entry point


def read_table(
    path: Path | str,
    numeric_columns: Iterable[str] | None = None,
    expected_columns: Iterable[str] | None = None,
) -> RawTable:
    """Read a raw export as a :class:`RawTable` of strings.

    The format follows the file extension (``.csv``, ``.xlsx``, ``.sav``); for CSV the
    encoding and the separator are detected. ``numeric_columns`` names the columns in
    which a decimal comma is read as a decimal point (default: columns matching
    :data:`NUMERIC_COLUMN_PATTERN`). ``expected_columns`` (the names the file should have) lets
    the reader say where the header is when it is not on row 1 or not on the first worksheet.
    Raises :class:`ReadError` with a clear message when the file cannot be read as one table
    with its header on row 1.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    expected = None if expected_columns is None else list(expected_columns)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, numeric_columns, expected)
    if suffix == ".xlsx":
        return _read_xlsx(path, numeric_columns, expected)
    if suffix == ".sav":
        table = _read_sav(path)
        table.frame = _decimal_comma_to_point(
            table.frame, _numeric_columns(table.frame, numeric_columns)
        )
        return table
    raise ReadError(
        f"{path.name}: unsupported file type '{shown_name(path.suffix)}'; use .csv, .xlsx or .sav."
    )
