"""Unit tests of the build helpers (no kernel started), the disk cache and the synthetic writer's
keep-unchanged-files rule."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from werkdruk_utils.inputs import cache
from werkdruk_utils.publish import build
from werkdruk_utils.stats import weighting
from werkdruk_utils.synth import writer


def _executed_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {
        "start_time": "t0",
        "end_time": "t1",
        "duration": 3.2,
        "parameters": {"year": 2024},
    }
    md = nbformat.v4.new_markdown_cell("# kop")
    a = nbformat.v4.new_code_cell("1")
    a.execution_count = 7
    a.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "1"}, execution_count=7)]
    a.metadata["execution"] = {"iopub.execute_input": "2024-01-01T00:00:00"}
    b = nbformat.v4.new_code_cell("2")
    b.execution_count = 9
    b.metadata["papermill"] = {"duration": 0.1, "status": "completed", "exception": False}
    nb.cells = [md, a, b]
    return nb


def test_normalise_removes_volatile_metadata_and_numbers_cells():
    nb = build.normalise(_executed_notebook())
    assert nb.metadata["papermill"] == {"parameters": {"year": 2024}}
    assert [c["id"] for c in nb.cells] == ["cell-000", "cell-001", "cell-002"]
    assert [c.get("execution_count") for c in nb.cells[1:]] == [1, 2]
    assert nb.cells[1].outputs[0]["execution_count"] == 1
    assert "execution" not in nb.cells[1].metadata
    assert nb.cells[2].metadata["papermill"] == {}


@pytest.mark.parametrize(
    ("makeflags", "expected"),
    [
        (" -j3 --jobserver-auth=3,4", 3),
        ("s -j1", 1),
        ("-j", 2),
        ("", 2),
        ("s -- YEARS=2024", 2),
        ("--jobs=5", 5),
    ],
)
def test_default_workers_follow_make(makeflags, expected):
    assert build.default_workers(makeflags, cpus=2) == expected


def test_read_queue_drops_duplicates_and_orders_by_year_then_notebook(tmp_path):
    queue = tmp_path / "queue"
    queue.write_text(
        "04_besteding 2024\n01_inleiding 2024\n04_besteding 2023\n\n04_besteding 2024\n",
        encoding="utf-8",
    )
    jobs = build.read_queue(queue, notebooks_dir=tmp_path)
    assert [(j.notebook.name, j.year) for j in jobs] == [
        ("04_besteding.ipynb", 2023),
        ("01_inleiding.ipynb", 2024),
        ("04_besteding.ipynb", 2024),
    ]
    assert jobs[0].notebook.parent == tmp_path


def test_read_queue_rejects_a_bad_line(tmp_path):
    queue = tmp_path / "queue"
    queue.write_text("04_besteding twintig\n", encoding="utf-8")
    with pytest.raises(ValueError, match="regel 1"):
        build.read_queue(queue)


def test_failure_message_counts_cells_of_the_source_notebook():
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("year = 2024")
    params.metadata["tags"] = ["parameters"]
    injected = nbformat.v4.new_code_cell("year = 2023")
    injected.metadata["tags"] = ["injected-parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# x"),
        params,
        injected,
        nbformat.v4.new_code_cell("\n  1 / 0\n"),
    ]
    job = build.Job(Path("notebooks/04_besteding.ipynb"), 2023)
    assert build.failure_message(job, nb, 3, "faalde met ZeroDivisionError: division by zero") == (
        "04_besteding.ipynb, meting 2023: cel 3 (1 / 0) faalde met ZeroDivisionError: division by "
        "zero"
    )
    assert build.failure_message(job, nb, 2, "faalde").startswith(
        "04_besteding.ipynb, meting 2023: de geïnjecteerde"
    )
    assert (
        build.failure_message(job, nb, None, "niet uitgevoerd")
        == "04_besteding.ipynb, meting 2023: niet uitgevoerd"
    )


# ----------------------------------------------------------------------------------------------
# cache


def test_memoize_computes_once_and_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    calls = []

    def compute():
        calls.append(1)
        return {"value": len(calls)}

    assert cache.memoize("demo", "abc", compute) == {"value": 1}
    assert cache.memoize("demo", "abc", compute) == {"value": 1}
    assert cache.memoize("demo", "abd", compute) == {"value": 2}
    assert len(calls) == 2
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.memoize("demo", "abc", compute) == {"value": 3}


def test_measurement_key_changes_with_a_byte_of_input(tmp_path, monkeypatch):
    year_dir = tmp_path / "2024"
    year_dir.mkdir()
    (year_dir / "respondents.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (year_dir / "schools.csv").write_text("school_id\nS1\n", encoding="utf-8")
    first = cache.measurement_key(2024, tmp_path)
    assert cache.measurement_key(2024, tmp_path) == first
    (year_dir / "schools.csv").write_text("school_id\nS2\n", encoding="utf-8")
    assert cache.measurement_key(2024, tmp_path) != first


def test_code_fingerprint_changes_with_a_source_file(tmp_path):
    (tmp_path / "werkdruk_utils").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "werkdruk_utils" / "a.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "data" / "codebook.yaml").write_text("q: 1\n", encoding="utf-8")
    first = cache.code_fingerprint(tmp_path)
    (tmp_path / "werkdruk_utils" / "a.py").write_text("x = 2\n", encoding="utf-8")
    assert cache.code_fingerprint(tmp_path) != first


# ----------------------------------------------------------------------------------------------
# weights computed once per content


def test_cell_weights_cache_follows_the_content():
    frame = pd.DataFrame(
        {
            "sector": ["bao", "bao", "go"],
            "weighting_group": ["leerkracht", "leerkracht", "leerkracht"],
        }
    )
    other = frame.assign(sector=["bao", "go", "go"])
    population = weighting.load_weighting_population()
    for f in (frame, other, frame):
        cached = weighting.cell_weights(f)
        direct = weighting.cell_weights(
            f, population=population
        )  # explicit population: never cached
        np.testing.assert_array_equal(cached.to_numpy(), direct.to_numpy())
    assert not np.array_equal(
        weighting.cell_weights(frame).to_numpy(), weighting.cell_weights(other).to_numpy()
    )


# ----------------------------------------------------------------------------------------------
# synthetic writer: unchanged files keep their times


def _year_files(value: int) -> writer.YearFiles:
    respondents = pd.DataFrame({"respondent_id": ["R1", "R2"], "v1": [1, value]})
    schools = pd.DataFrame({"school_id": ["S1"], "pupils": [100]})
    return writer.YearFiles(respondents, ["respondent_id", "v1"], schools, ["school_id", "pupils"])


def test_regeneration_leaves_unchanged_files_alone(tmp_path):
    writer.write_dataset(tmp_path, {2023: _year_files(1), 2024: _year_files(1)}, seed=1)
    old = 1_000_000_000_000_000_000
    for path in tmp_path.rglob("*.csv"):
        os.utime(path, ns=(old, old))
    writer.write_dataset(tmp_path, {2023: _year_files(1), 2024: _year_files(2)}, seed=1)
    assert (tmp_path / "2023" / "respondents.csv").stat().st_mtime_ns == old
    assert (tmp_path / "2023" / "schools.csv").stat().st_mtime_ns == old
    assert (
        tmp_path / "2024" / "schools.csv"
    ).stat().st_mtime_ns == old  # same bytes, year rewritten
    assert (tmp_path / "2024" / "respondents.csv").stat().st_mtime_ns != old
    assert "R2,2" in (tmp_path / "2024" / "respondents.csv").read_text(encoding="utf-8")
    assert not os.access(tmp_path / "2024" / "schools.csv", os.W_OK) or os.geteuid() == 0
    assert (tmp_path / "2024" / "schools.csv").stat().st_mode & 0o777 == 0o444


def test_loader_fingerprint_ignores_analysis_modules(tmp_path):
    (tmp_path / "werkdruk_utils").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "codebook.yaml").write_text("q: 1\n", encoding="utf-8")
    for name in ("load.py", "analysis.py"):
        (tmp_path / "werkdruk_utils" / name).write_text("x = 1\n", encoding="utf-8")
    first = cache.code_fingerprint(tmp_path, modules=("load.py",))
    (tmp_path / "werkdruk_utils" / "analysis.py").write_text("x = 2\n", encoding="utf-8")
    assert cache.code_fingerprint(tmp_path, modules=("load.py",)) == first
    (tmp_path / "werkdruk_utils" / "load.py").write_text("x = 2\n", encoding="utf-8")
    assert cache.code_fingerprint(tmp_path, modules=("load.py",)) != first


def test_memoize_keeps_only_the_newest_entries(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(cache, "KEEP_ENTRIES", 2)
    for number in range(4):
        cache.memoize("demo", f"k{number}", lambda number=number: number)
        os.utime(tmp_path / "demo" / f"k{number}.pickle", ns=(number * 10**9, number * 10**9))
    cache.prune(tmp_path / "demo", keep=2)
    assert sorted(p.stem for p in (tmp_path / "demo").glob("*.pickle")) == ["k2", "k3"]


def test_read_comparison_queue_drops_duplicates_and_refuses_a_bad_line(tmp_path):
    queue = tmp_path / "queue"
    queue.write_text(
        "05_effecten 2023 2024\n03_proces 2022 2024\n\n05_effecten 2023 2024\n", encoding="utf-8"
    )
    assert build.read_comparison_queue(queue) == [
        ("03_proces", 2022, 2024),
        ("05_effecten", 2023, 2024),
    ]
    queue.write_text("03_proces 2023\n", encoding="utf-8")
    with pytest.raises(ValueError, match="regel 1"):
        build.read_comparison_queue(queue)


def test_warnings_a_notebook_showed_are_collected_for_the_log():
    import nbformat

    from werkdruk_utils.present.report import WARNING_KEY
    from werkdruk_utils.publish.build import notebook_warnings

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("report.start(...)")
    output = nbformat.v4.new_output(
        "display_data",
        data={"text/html": "<div>Let op</div>"},
        metadata={WARNING_KEY: "Weegcel leeg."},
    )
    cell.outputs = [output, output, nbformat.v4.new_output("stream", name="stdout", text="x")]
    nb.cells = [cell]
    assert notebook_warnings(nb) == ["Weegcel leeg."]
