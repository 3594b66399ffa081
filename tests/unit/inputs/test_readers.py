"""Tests for werkdruk_utils.inputs.readers."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyreadstat
import pytest

from werkdruk_utils.inputs.readers import RawTable, ReadError, read_table


def _values(table: RawTable) -> list[list[object]]:
    """Rows of the frame with NaN replaced by None, for easy comparison."""
    return [
        [None if (isinstance(v, float) and np.isnan(v)) else v for v in row]
        for row in table.frame.itertuples(index=False)
    ]


# ------------------------------------------------------------------------ CSV


def test_csv_utf8_with_comments(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "# SYNTHETISCHE DATA - niet echt\n# tweede regel\nrespondent_id,v1,v3,v14_1\n"
        'r1,5,"0,8",12.5\nr2,,voltijd,\n',
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.format == "csv"
    assert table.comments == ["# SYNTHETISCHE DATA - niet echt", "# tweede regel"]
    assert table.columns == ["respondent_id", "v1", "v3", "v14_1"]
    assert _values(table) == [["r1", "5", "0,8", "12.5"], ["r2", None, "voltijd", None]]
    assert list(table.frame.index) == [2, 3]
    assert all(str(dtype) == "str" for dtype in table.frame.dtypes)
    assert table.path == path


def test_csv_utf8_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("\ufeffrespondent_id,v24\r\nr1,café\r\n".encode("utf-8"))
    table = read_table(path)
    assert table.columns == ["respondent_id", "v24"]
    assert _values(table) == [["r1", "café"]]


def test_csv_dutch_excel_cp1252_semicolon_decimal_comma(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(
        (
            "# SYNTHETISCHE DATA;;;\nrespondent_id;v3;v14_1;v14_2\nr1;0,8;12,5;87,5\nr2;één;;100\n"
        ).encode("cp1252")
    )
    table = read_table(path)
    assert table.format == "csv-nl"
    assert table.comments == ["# SYNTHETISCHE DATA"]
    # decimal comma converted only in the numeric v14 columns; v3 is free text and kept
    assert _values(table) == [["r1", "0,8", "12.5", "87.5"], ["r2", "één", None, "100"]]


def test_csv_excel_separator_hint(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("# SYNTHETISCHE DATA\r\nsep=;\r\nid;v1,v2\r\nr1;1,5\r\n".encode("cp1252"))
    table = read_table(path)
    assert table.format == "csv-nl"
    assert table.columns == ["id", "v1,v2"]
    assert _values(table) == [["r1", "1,5"]]
    assert list(table.frame.index) == [2]


def test_csv_numeric_columns_argument(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("a;b\n1,5;2,5\n".encode("cp1252"))
    table = read_table(path, numeric_columns=["b"])
    assert _values(table) == [["1,5", "2.5"]]


def test_csv_quoted_separator_and_whitespace(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('id,text\nr1,"a, b; c"\nr2,  \n r3 , x \n', encoding="utf-8")
    table = read_table(path)
    assert _values(table) == [["r1", "a, b; c"], ["r2", None], ["r3", "x"]]


def test_csv_blank_rows_are_dropped_but_counted(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,v1\nr1,1\n,\nr3,3\n", encoding="utf-8")
    table = read_table(path)
    assert list(table.frame.index) == [2, 4]
    assert _values(table) == [["r1", "1"], ["r3", "3"]]


def test_csv_invalid_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    # 0x81 is undefined in cp1252 and invalid as a UTF-8 start byte
    path.write_bytes(b"id,v1\nr1,\x81\n")
    with pytest.raises(
        ReadError, match=r"r\.csv: the file is neither UTF-8 .* nor Windows-1252 .*0x81"
    ):
        read_table(path)


def test_csv_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("id,v1\n".encode("utf-16"))
    with pytest.raises(ReadError, match="UTF-16"):
        read_table(path)


def test_csv_duplicate_and_empty_header(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,v1,v1\nr1,1,2\n", encoding="utf-8")
    with pytest.raises(ReadError, match="duplicate column names in the header: v1"):
        read_table(path)
    path.write_text("id,,v2\nr1,1,2\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"empty column names in column\(s\) 2"):
        read_table(path)


def test_csv_too_many_fields(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,v1\nr1,1\nr2,2,3\n", encoding="utf-8")
    with pytest.raises(ReadError, match="row 3 has 3 fields but the header has 2 columns"):
        read_table(path)


def test_csv_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"")
    table = read_table(path)
    assert table.frame.shape == (0, 0)
    path.write_text("# only a comment\n", encoding="utf-8")
    table = read_table(path)
    assert table.frame.shape == (0, 0)
    assert table.comments == ["# only a comment"]


def test_csv_header_only(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,v1\n", encoding="utf-8")
    table = read_table(path)
    assert table.columns == ["id", "v1"]
    assert len(table.frame) == 0


# ------------------------------------------------------------------------ XLSX


def _write_xlsx(path: Path, rows: list[list[object]], merge: str | None = None) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    workbook.save(path)


def test_xlsx_values_become_strings(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    _write_xlsx(
        path,
        [
            ["# SYNTHETISCHE DATA"],
            ["respondent_id", "v1", "v3", "v14_1", "v14_2"],
            ["r1", 5, "0,8", 12.5, "12,5"],
            ["r2", 3.0, None, None, 100],
            [None, None, None, None, None],
        ],
    )
    table = read_table(path)
    assert table.format == "xlsx"
    assert table.comments == ["# SYNTHETISCHE DATA"]
    assert table.columns == ["respondent_id", "v1", "v3", "v14_1", "v14_2"]
    assert _values(table) == [["r1", "5", "0,8", "12.5", "12.5"], ["r2", "3", None, None, "100"]]
    assert list(table.frame.index) == [2, 3]


def test_xlsx_merged_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    _write_xlsx(
        path, [["Vraag 5", None, "id"], ["v5_1", "v5_2", "id"], [1, 2, "r1"]], merge="A1:B1"
    )
    with pytest.raises(ReadError, match="merged cells A1:B1 in the header"):
        read_table(path)


def test_xlsx_header_not_on_row_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    _write_xlsx(path, [["Export werkdruk"], ["id", "v1", "v2"], ["r1", 1, 2]])
    with pytest.raises(ReadError, match="header must be on row 1"):
        read_table(path)
    _write_xlsx(path, [[None, None], ["id", "v1"], ["r1", 1]])
    with pytest.raises(ReadError, match="row 1 is empty; the header must be on row 1"):
        read_table(path)


def test_xlsx_header_gap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    _write_xlsx(path, [["id", None, "v2"], ["r1", 1, 2]])
    with pytest.raises(ReadError, match=r"header has empty cells \(columns 2\)"):
        read_table(path)


def test_xlsx_empty_sheet(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    _write_xlsx(path, [])
    assert read_table(path).frame.shape == (0, 0)


# ------------------------------------------------------------------------ SAV


def test_sav_codes_labels_and_notes(tmp_path: Path) -> None:
    path = tmp_path / "r.sav"
    frame = pd.DataFrame(
        {
            "respondent_id": ["r1", "r2"],
            "v1": [5.0, np.nan],
            "v14_1": [12.5, 40.0],
            "v24": ["tekst", ""],
        }
    )
    pyreadstat.write_sav(
        frame,
        str(path),
        note="# SYNTHETISCHE DATA",
        variable_value_labels={"v1": {5: "Directie", 16: "Schoolleiding"}},
    )
    table = read_table(path)
    assert table.format == "sav"
    assert table.comments == ["# SYNTHETISCHE DATA"]
    assert table.value_labels == {"v1": {5: "Directie", 16: "Schoolleiding"}}
    assert _values(table) == [["r1", "5", "12.5", "tekst"], ["r2", None, "40", None]]


# ------------------------------------------------------------------------ general


def test_unsupported_and_missing(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("a\n", encoding="utf-8")
    with pytest.raises(ReadError, match="unsupported file type '.txt'"):
        read_table(path)
    with pytest.raises(FileNotFoundError):
        read_table(tmp_path / "nope.csv")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_reading_does_not_modify_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"r{suffix}"
    if suffix == ".csv":
        path.write_text("id,v1\nr1,1\n", encoding="utf-8")
    else:
        _write_xlsx(path, [["id", "v1"], ["r1", 1]])
    before = (path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    path.chmod(0o444)
    read_table(path)
    after = (path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    assert before == after
