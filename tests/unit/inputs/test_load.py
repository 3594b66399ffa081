"""Tests for werkdruk_utils.inputs.load."""

from __future__ import annotations

import builtins
import hashlib
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from werkdruk_utils import paths
from werkdruk_utils.inputs.load import Measurement, file_digest, load_measurement
from werkdruk_utils.inputs.readers import read_table
from werkdruk_utils.inputs.validation import ValidationError

FORMATS = ("csv", "csv-nl", "xlsx", "sav")


def _write(
    kit: Any, tmp_path: Path, codebook: Any, year: int = 2024, fmt: str = "csv", **kwargs: Any
) -> tuple[Path, Path, Path]:
    respondents, schools = kit.build_measurement(codebook, year)
    r_path, s_path = kit.write_measurement(
        tmp_path, year, respondents, schools, fmt, codebook=codebook, **kwargs
    )
    return tmp_path, r_path, s_path


def _all_cells_as_text(frame: pd.DataFrame) -> str:
    return "\n".join([" ".join(map(str, frame.columns)), frame.astype(str).to_csv()])


# ---------------------------------------------------------------------------- tidy frame


def test_tidy_respondents(kit: Any, tmp_path: Path, real_codebook: Any) -> None:
    data_dir, r_path, s_path = _write(kit, tmp_path, real_codebook)
    m = load_measurement(2024, data_dir, codebook=real_codebook)
    assert isinstance(m, Measurement)
    assert m.year == 2024
    assert m.synthetic is True
    assert m.files == [r_path, s_path]
    assert m.comments == [kit.SYNTHETIC_COMMENT, kit.SYNTHETIC_COMMENT]
    r = m.respondents
    assert len(r) == 6
    assert list(r.columns[:3]) == ["respondent_id", "school_id", "year"]
    assert r["respondent_id"].tolist() == ["R001", "R002", "R003", "R004", "R005", "R006"]
    assert (r["year"] == 2024).all()
    specs = real_codebook.column_spec(2024)
    coded = [
        c for c, s in specs.items() if s.kind in ("single", "multi", "numeric") and not s.personal
    ]
    assert list(r.columns[3 : 3 + len(coded)]) == coded
    for column in coded:
        assert str(r[column].dtype) == (
            "Float64" if specs[column].kind == "numeric" else "Int64"
        ), column
    assert r["v1"].tolist() == [16, 9, 13, 5, 11, 1]
    # werktijdfactor answers '0,8', '1', '32 uur', 'fulltime', '80%', 'weet ik niet'
    np.testing.assert_allclose(
        r["werktijdfactor"].to_numpy(dtype=float), kit.WERKTIJDFACTOR_EXPECTED
    )
    assert r["werktijdfactor"].dtype == np.float64
    assert "v3" not in r.columns
    assert r["function"].tolist()[:2] == ["Schoolleiding", "Leerkracht onderbouw"]
    assert r["analysis_group"].tolist() == [
        "schoolleider",
        "leraar",
        "onderwijsondersteunend personeel",
        "schoolleider",
        "leraar",
        "overig ondersteunend personeel",
    ]
    assert r["weighting_group"].tolist() == [
        "schoolleider",
        "leerkracht",
        "overig",
        "schoolleider",
        "leerkracht",
        "overig",
    ]
    assert r["age_group"].tolist() == [specs["v4"].codes[int(c)] for c in r["v4"]]
    assert r["school_type"].tolist() == ["bao", "bao", "bao", "sbao", "sbao", "vso"]
    assert r["sector"].tolist() == ["bao", "bao", "bao", "go", "go", "go"]
    assert r["province"].tolist()[-1] == "Limburg"
    assert r["achterstandsscore"].iloc[0] == pytest.approx(0.035)
    assert list(r.columns[-8:]) == [
        "school_type",
        "sector",
        "province",
        "municipality_category",
        "denomination",
        "board_size",
        "schoolgewicht",
        "achterstandsscore",
    ]
    # v14 only for the two schoolleiders (rows 0 and 3)
    assert r["v14_1"].notna().tolist() == [True, False, False, True, False, False]


def test_schools_and_notes(kit: Any, tmp_path: Path, real_codebook: Any) -> None:
    data_dir, _, _ = _write(kit, tmp_path, real_codebook)
    m = load_measurement(2024, data_dir, codebook=real_codebook)
    s = m.schools
    assert s["school_id"].tolist() == ["S01", "S02", "S03", "S04"]
    assert s["n_respondents"].tolist() == [3, 2, 1, 0]
    assert s["responded"].tolist() == [True, True, True, False]
    assert s["province"].tolist()[-1] == "Friesland"  # 'Fryslân' in the file
    assert m.notes["werktijdfactor_unparsed"] == 1
    assert m.notes["werktijdfactor_missing"] == 0
    assert m.notes["n_respondents"] == 6
    assert m.notes["n_responding_schools"] == 3
    assert "weet ik niet" not in repr(m.notes)  # raw answers are not kept


def test_not_synthetic_without_comment(kit: Any, tmp_path: Path, mini_codebook: Any) -> None:
    respondents, schools = kit.build_measurement(mini_codebook, 2024)
    kit.write_table(respondents, tmp_path / "2024" / "respondents.csv", "csv")
    kit.write_table(schools, tmp_path / "2024" / "schools.csv", "csv")
    m = load_measurement(2024, tmp_path, codebook=mini_codebook)
    assert m.synthetic is False
    assert m.comments == []


# ---------------------------------------------------------------------------- formats


@pytest.mark.slow  # integration tier: bundled data, whole chapters or generators
@pytest.mark.parametrize("year", [2022, 2024])
def test_four_formats_load_identically(
    kit: Any, tmp_path: Path, real_codebook: Any, year: int
) -> None:
    loaded = {}
    for fmt in FORMATS:
        data_dir, _, _ = _write(kit, tmp_path / fmt, real_codebook, year, fmt)
        loaded[fmt] = load_measurement(year, data_dir, codebook=real_codebook)
    assert loaded["csv-nl"].notes["respondents_format"] == "csv-nl"
    assert loaded["sav"].notes["respondents_format"] == "sav"
    reference = loaded["csv"]
    for fmt in FORMATS[1:]:
        pd.testing.assert_frame_equal(
            loaded[fmt].respondents, reference.respondents, obj=f"respondents {fmt}"
        )
        pd.testing.assert_frame_equal(loaded[fmt].schools, reference.schools, obj=f"schools {fmt}")
        assert loaded[fmt].synthetic
        assert loaded[fmt].notes["werktijdfactor_unparsed"] == 1
    # the Dutch CSV really has decimal commas
    dutch = (tmp_path / "csv-nl" / str(year) / "respondents.csv").read_bytes().decode("cp1252")
    assert re.search(r";\d+,5;", dutch)


# ---------------------------------------------------------------------------- personal data


@pytest.mark.parametrize("fmt", FORMATS)
def test_personal_data_never_survives(
    kit: Any, tmp_path: Path, real_codebook: Any, fmt: str
) -> None:
    data_dir, r_path, _ = _write(kit, tmp_path, real_codebook, 2024, fmt)
    raw = read_table(r_path).frame  # the fixture really holds personal data
    assert (raw["v25_email"] == kit.EMAIL).all()
    assert raw["v24"].str.startswith(kit.FREE_TEXT).all()
    assert raw["v20"].notna().any() and raw["v23_email"].notna().any()
    m = load_measurement(2024, data_dir, codebook=real_codebook)
    personal = set(real_codebook.personal_columns(2024))
    for frame in (m.respondents, m.schools):
        assert not personal & set(frame.columns)
        text = _all_cells_as_text(frame)
        assert kit.EMAIL not in text
        assert "Anna Jansen" not in text
        assert "example.org" not in text
    assert kit.EMAIL not in repr(m.notes) and "Anna Jansen" not in repr(m.notes)


def test_validation_messages_hide_personal_data(
    kit: Any, tmp_path: Path, real_codebook: Any
) -> None:
    respondents, schools = kit.build_measurement(real_codebook, 2024)
    respondents = respondents.copy()
    hidden = next(
        i for i, v in enumerate(respondents["v19"]) if v not in (3, 4, 5)
    )  # v20 not shown
    assert pd.isna(respondents.loc[hidden, "v20"])
    respondents.loc[hidden, "v20"] = (
        f"{kit.FREE_TEXT}, bel {kit.EMAIL}"  # routing violation in a free-text column
    )
    respondents.loc[2, "v25_email"] = "geen@"  # personal columns are never checked or echoed
    respondents.loc[0, "v4"] = 9  # and a normal error
    respondents["naam"] = "Anna Jansen"  # unknown column
    schools = schools.copy()
    schools.loc[1, "sector"] = "bao"
    kit.write_measurement(tmp_path, 2024, respondents, schools, "csv")
    with pytest.raises(ValidationError) as info:
        load_measurement(2024, tmp_path, codebook=real_codebook)
    text = str(info.value)
    assert "schools.csv: column sector: row 3: sector does not match school_type sbao" in text
    assert (
        "respondents.csv: column v4: row 2: code not allowed (value '9'; expected one of 1-5)"
        in text
    )
    assert (
        f"respondents.csv: column v20: row {hidden + 2}: answered although the question was not "
        "shown" in text
    )
    assert "respondents.csv: column naam: unknown column" in text
    assert len(info.value.problems) == 4
    for secret in (kit.EMAIL, "Anna Jansen", "geen@", "example.org"):
        assert secret not in text
        assert all(secret not in repr(p) for p in info.value.problems)


# ---------------------------------------------------------------------------- raw files


def test_raw_files_unchanged_and_opened_read_only(
    kit: Any, tmp_path: Path, real_codebook: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, r_path, s_path = _write(kit, tmp_path, real_codebook, 2024, "xlsx")
    before = {
        p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in (r_path, s_path)
    }
    opened: list[tuple[str, str]] = []
    real_open = builtins.open

    def spy(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        opened.append((str(file), mode))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    load_measurement(2024, data_dir, codebook=real_codebook)
    monkeypatch.setattr(builtins, "open", real_open)
    ours = [(f, mode) for f, mode in opened if f.startswith(str(data_dir))]
    assert {f for f, _ in ours} == {str(r_path), str(s_path)}
    assert all(mode == "rb" for _, mode in ours), ours
    after = {
        p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in (r_path, s_path)
    }
    assert before == after
    assert sorted(p.name for p in (data_dir / "2024").iterdir()) == [
        "respondents.xlsx",
        "schools.xlsx",
    ]


def test_sha256(kit: Any, tmp_path: Path, mini_codebook: Any) -> None:
    data_dir, r_path, s_path = _write(kit, tmp_path, mini_codebook)
    m1 = load_measurement(2024, data_dir, codebook=mini_codebook)
    expected = hashlib.sha256()
    for path in (r_path, s_path):
        data = path.read_bytes()
        expected.update(f"{path.name}\0{len(data)}\0".encode() + data)
    assert m1.sha256 == expected.hexdigest() == file_digest([r_path, s_path])
    assert load_measurement(2024, data_dir, codebook=mini_codebook).sha256 == m1.sha256
    s_path.write_bytes(s_path.read_bytes().replace(b"210", b"211"))
    assert load_measurement(2024, data_dir, codebook=mini_codebook).sha256 != m1.sha256


# ---------------------------------------------------------------------------- finding files


def test_missing_and_duplicate_files(kit: Any, tmp_path: Path, mini_codebook: Any) -> None:
    with pytest.raises(FileNotFoundError, match="no folder for measurement 2023"):
        load_measurement(2023, tmp_path, codebook=mini_codebook)
    data_dir, r_path, s_path = _write(kit, tmp_path, mini_codebook)
    s_path.unlink()
    with pytest.raises(
        FileNotFoundError, match=r"no schools file found \(looked for schools.csv, schools.xlsx\)"
    ):
        load_measurement(2024, data_dir, codebook=mini_codebook)
    data_dir, r_path, s_path = _write(kit, tmp_path, mini_codebook)
    (r_path.parent / "respondents.sav").write_bytes(b"")
    with pytest.raises(
        ValueError, match="several respondents files \\(respondents.csv, respondents.sav\\)"
    ):
        load_measurement(2024, data_dir, codebook=mini_codebook)


def test_default_data_dir_is_synthetic(
    kit: Any, tmp_path: Path, mini_codebook: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, _, _ = _write(kit, tmp_path, mini_codebook)
    monkeypatch.setattr(paths, "SYNTHETIC_DIR", data_dir)
    assert load_measurement(2024, codebook=mini_codebook).notes["n_respondents"] == 6


def test_default_codebook_is_loaded(kit: Any, tmp_path: Path, real_codebook: Any) -> None:
    data_dir, _, _ = _write(kit, tmp_path, real_codebook, 2023)
    assert len(load_measurement(2023, data_dir).respondents) == 6


# ---------------------------------------------------------------------------- errors across files


def test_changed_spss_value_label(kit: Any, tmp_path: Path, real_codebook: Any) -> None:
    respondents, schools = kit.build_measurement(real_codebook, 2024)
    folder = tmp_path / "2024"
    specs = real_codebook.column_spec(2024)
    labels = {n: dict(s.codes) for n, s in specs.items() if s.kind == "single" and s.codes}
    labels["v4"] = {**labels["v4"], 2: "25 tot 35 jaar"}
    kit.write_table(respondents, folder / "respondents.sav", "sav", [kit.SYNTHETIC_COMMENT], labels)
    kit.write_table(schools, folder / "schools.csv", "csv")
    with pytest.raises(ValidationError) as info:
        load_measurement(2024, tmp_path, codebook=real_codebook)
    assert [str(p) for p in info.value.problems] == [
        "respondents.sav: column v4: value label of code 2 differs from the codebook "
        "(value '25 tot 35 jaar'; expected '25 t/m 34 jaar')"
    ]


def test_wrong_year_file(kit: Any, tmp_path: Path, real_codebook: Any) -> None:
    respondents, schools = kit.build_measurement(real_codebook, 2023)
    kit.write_measurement(tmp_path, 2024, respondents, schools, "csv")
    with pytest.raises(
        ValidationError, match="respondents.csv: file belongs to measurement 2023, expected 2024"
    ):
        load_measurement(2024, tmp_path, codebook=real_codebook)


def test_empty_files(tmp_path: Path, mini_codebook: Any) -> None:
    folder = tmp_path / "2024"
    folder.mkdir()
    (folder / "respondents.csv").write_bytes(b"")
    (folder / "schools.csv").write_text("# SYNTHETISCHE DATA\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_measurement(2024, tmp_path, codebook=mini_codebook)
    assert [str(p) for p in info.value.problems] == [
        "schools.csv: file is empty (no header and no data)",
        "respondents.csv: file is empty (no header and no data)",
    ]


def test_loader_cache_key_covers_every_module_the_loader_imports() -> None:
    """A change to any module the loader imports (transitively) must give a new cache key."""
    import ast

    from werkdruk_utils import deps, paths

    covered = {
        name.removeprefix("werkdruk_utils/")
        for name in deps.dependencies(deps.closure(("werkdruk_utils.inputs.load",)))
    }

    package = paths.ROOT / "werkdruk_utils"
    seen: set[str] = set()
    todo = ["inputs/load.py"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        tree = ast.parse((package / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "werkdruk_utils"
            ):
                parts = node.module.split(".")[1:]
                candidate = "/".join(parts) + ".py" if parts else "__init__.py"
                if (package / candidate).is_file():
                    todo.append(candidate)
                else:
                    todo.extend(
                        f"{'/'.join(parts)}/{alias.name}.py".lstrip("/")
                        for alias in node.names
                        if (package / "/".join(parts) / f"{alias.name}.py").is_file()
                    )
    assert seen <= covered, sorted(seen - covered)
