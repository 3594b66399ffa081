"""Every case of the hostile-input corpus is refused clearly or handled as documented.

For every case: the loader raises the documented error whose message names file, column, row
and value (see ``corpus.CASES``) or loads the measurement and the case's check passes; no
personal content (e-mail address, free text) and no phone-shaped or e-mail-shaped value appears
in the message, the problems, the full problem list, the measurement's notes or anything printed;
no message is longer than 5.000 characters; the data folder is unchanged byte for byte, the only
file opened for writing is the full problem list under the build folder (never under the data or
the output folder), and the output folder stays empty.
"""

from __future__ import annotations

import builtins
import hashlib
import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from werkdruk_utils import paths
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.inputs.load import load_measurement
from werkdruk_utils.inputs.personal import find_emails, find_phones
from werkdruk_utils.inputs.problems import MAX_MESSAGE_CHARS, PROBLEMS_ENV


def _load_corpus() -> Any:
    name = "werkdruk_hostile_corpus"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("corpus.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


corpus = _load_corpus()
README = Path(__file__).with_name("README.md")


@pytest.fixture(scope="module")
def codebook() -> Any:
    return load_codebook()


def _snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    return {
        str(p.relative_to(folder)): (
            p.stat().st_mtime_ns,
            hashlib.sha256(p.read_bytes()).hexdigest(),
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _write_mode(mode: str) -> bool:
    return any(flag in mode for flag in "wax+")


@pytest.mark.parametrize("case", corpus.CASES, ids=corpus.CASE_NAMES)
def test_case(
    case: Any,
    codebook: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    case.build(data_dir, codebook)
    before = _snapshot(data_dir)
    assert before, "the case wrote no files"

    monkeypatch.setattr(paths, "OUTPUTS_DIR", outputs)
    build = tmp_path / "build" / "validation"
    monkeypatch.setenv(PROBLEMS_ENV, str(build))
    opened: list[tuple[str, str]] = []
    real_open = builtins.open

    def spy(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        opened.append((str(file), mode))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    error: BaseException | None = None
    measurement = None
    try:
        measurement = load_measurement(case.year, data_dir, codebook=codebook)
    except Exception as exc:  # checked below
        error = exc
    finally:
        monkeypatch.setattr(builtins, "open", real_open)

    # nothing changed, nothing written but the full problem list under build/
    written = [Path(f) for f, m in opened if _write_mode(m)]
    assert all(build in p.parents for p in written), written
    assert _snapshot(data_dir) == before
    assert list(outputs.iterdir()) == []

    printed = capsys.readouterr()
    shown = [printed.out, printed.err]
    if case.outcome == "refused":
        assert measurement is None, f"{case.name}: loaded although it should be refused"
        assert isinstance(error, case.error), f"{case.name}: {type(error).__name__}: {error}"
        message = str(error)
        for expected in case.expect:
            assert expected in message, f"{case.name}: {expected!r} not in message:\n{message}"
        for unwanted in case.absent:
            assert unwanted not in message, f"{case.name}: {unwanted!r} in message:\n{message}"
        assert len(message) <= MAX_MESSAGE_CHARS, (case.name, len(message))
        shown.append(message)
        shown.extend(repr(p) for p in getattr(error, "problems", []))
        shown.extend(p.read_text(encoding="utf-8") for p in build.rglob("*.txt"))
    else:
        assert case.outcome == "handled"
        assert error is None, f"{case.name}: refused although it should load: {error}"
        assert case.check is not None
        case.check(measurement, codebook)
        shown.append(repr(measurement.notes))
        frames = (measurement.respondents, measurement.schools)
        shown.extend(
            frame.astype(str).to_csv() + " ".join(map(str, frame.columns)) for frame in frames
        )
    for text in shown:
        for secret in corpus.PERSONAL_MARKERS:
            assert secret not in text, f"{case.name}: personal content {secret!r} shown"
        for start, end in [*find_emails(text), *find_phones(text)]:
            raise AssertionError(f"{case.name}: personal-looking value shown: {text[start:end]!r}")


def test_personal_markers_really_are_in_the_inputs(codebook: Any, tmp_path: Path) -> None:
    """The privacy assertions above can fail: the valid measurement holds the markers."""
    respondents, schools = corpus.valid(codebook)
    r_path, _ = corpus.write(tmp_path, respondents, schools)
    text = r_path.read_text(encoding="utf-8")
    assert all(secret in text for secret in corpus.PERSONAL_MARKERS)


def test_refusal_messages_name_file_column_row_and_value() -> None:
    """Refused cases about one cell expect file, column, row and value in the message."""
    for case in corpus.CASES:
        if case.outcome != "refused":
            continue
        assert any(".csv" in e or ".xlsx" in e or ".sav" in e for e in case.expect), case.name
        if any(e.startswith("column ") for e in case.expect) and any(
            re.match(r"rows? \d", e) for e in case.expect
        ):
            assert case.error is not None


def test_readme_lists_every_case_with_its_outcome() -> None:
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = cells[2]
    assert set(rows) == set(corpus.CASE_NAMES)
    for case in corpus.CASES:
        assert rows[case.name].startswith(case.outcome), (case.name, rows[case.name])


def test_counts() -> None:
    refused = sum(c.outcome == "refused" for c in corpus.CASES)
    handled = sum(c.outcome == "handled" for c in corpus.CASES)
    assert refused + handled == len(corpus.CASES)
    text = README.read_text(encoding="utf-8")
    assert f"{len(corpus.CASES)} cases: {refused} refused, {handled} handled" in text


# ---------------------------------------------------------------------------- a group without
# respondents


def _load_case(name: str, codebook: Any, tmp_path: Path) -> Any:
    case = next(c for c in corpus.CASES if c.name == name)
    case.build(tmp_path, codebook)
    return load_measurement(case.year, tmp_path, codebook=codebook)


def test_empty_group_is_shown_as_suppressed(codebook: Any, tmp_path: Path) -> None:
    """No go schoolleiders: estimates by sector show go with n = 0, suppressed, no crash."""
    from werkdruk_utils.stats.analysis import estimate

    r = _load_case("no_go_schoolleiders", codebook, tmp_path).respondents
    indicator = (r["v5_1"] == 1).astype("Float64")
    for weighting_name in ("cell", "sector", "none"):
        out = estimate(
            r,
            indicator,
            statistic="percent",
            variable="v5_1",
            population="sl",
            weighting_name=weighting_name,
            by="sector",
            levels=["bao", "go"],
            min_n=1,
        )
        go = out.loc[out["group"] == "go"].iloc[0]
        assert go["n"] == 0 and bool(go["suppressed"]) and np.isnan(go["estimate"]), weighting_name
        bao = out.loc[out["group"] == "bao"].iloc[0]
        # the two schoolleiders are both bao; v5_1 of rows 2 and 5 decides the hand-computed share
        sl_codes = r.loc[r["analysis_group"] == "schoolleider", "v5_1"].tolist()
        assert bao["n"] == 2 and not bao["suppressed"]
        assert bao["estimate"] == pytest.approx(100.0 * sum(c == 1 for c in sl_codes) / 2)
    # without explicit levels the empty group is left out rather than shown (see README.md)
    out = estimate(
        r, indicator, statistic="percent", variable="v5_1", population="sl", by="sector", min_n=1
    )
    assert out["group"].tolist() == ["bao"]


def test_single_school_group_is_suppressed_not_a_crash(codebook: Any, tmp_path: Path) -> None:
    from werkdruk_utils.stats.analysis import estimate

    m = _load_case("no_go_schoolleiders", codebook, tmp_path)
    r = m.respondents.loc[
        m.respondents["school_id"] != "S04"
    ]  # schoolleiders left at one school only
    indicator = (r["v5_1"] == 1).astype("Float64")
    out = estimate(
        r, indicator, statistic="percent", variable="v5_1", population="sl", weighting_name="sector"
    )
    assert bool(out["suppressed"].iloc[0])
