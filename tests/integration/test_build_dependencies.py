"""Precise dependencies (computed from the imports) and a tree that one make at a time builds.

Every test works on a copy of the project with its built outputs (``project_copy``), so that a
changed module or a second make never touches the project's own outputs: in the copy ``make all``
has nothing to do until a test changes something.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from project_copy import (
    comparisons_written,
    copy_project,
    environment,
    executed,
    make,
    temporary_files,
)

from werkdruk_utils import deps, paths

pytestmark = pytest.mark.slow

YEARS = "2023 2024"
NOTEBOOKS = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


def importers(module_file: str) -> list[str]:
    """The notebooks whose computed dependencies hold ``module_file``."""
    return [
        name
        for name in NOTEBOOKS
        if module_file
        in deps.dependencies(deps.notebook_modules(paths.NOTEBOOKS_DIR / f"{name}.ipynb"))
    ]


def edit(path: Path) -> None:
    """A change that leaves the behaviour alone: one comment line more."""
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited by a build test\n", "utf-8")


def mtimes(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()
    }


def lock_held(lock: Path) -> bool:
    """Whether a process holds ``lock`` (read from /proc/locks, without taking the lock: a probe
    that took it could make the first make see a make running and wait)."""
    if not lock.exists():
        return False
    inode = f":{lock.stat().st_ino}"
    with open("/proc/locks", encoding="ascii") as locks:
        return any(
            len(fields) > 5 and fields[1] == "FLOCK" and fields[5].endswith(inode)
            for fields in (line.split() for line in locks)
        )


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("deps") / "werkdruk", built=True)
    result = make(root, "all", f"YEARS={YEARS}")
    assert executed(result.stdout) == [], f"the copy was not up to date:\n{result.stdout}"
    return root


def test_a_copy_of_a_built_tree_has_nothing_to_do(copy):
    start = time.perf_counter()
    result = make(copy, "all", f"YEARS={YEARS}")
    elapsed = time.perf_counter() - start
    assert executed(result.stdout) == [] and comparisons_written(result.stdout) == []
    assert "niets te doen" in result.stdout
    assert elapsed < 5, f"a no-op make all took {elapsed:.2f} s"


def test_editing_a_chapter_module_reruns_only_its_importers_and_their_comparisons(copy):
    affected = importers("werkdruk_utils/chapters/ch03_proces.py")
    assert "03_proces" in affected and len(affected) < len(NOTEBOOKS)
    before = mtimes(copy / "outputs")
    edit(copy / "werkdruk_utils" / "chapters" / "ch03_proces.py")
    result = make(copy, "all", f"YEARS={YEARS}", "-j2")
    assert executed(result.stdout) == sorted(f"{n} {y}" for n in affected for y in YEARS.split())
    pairs = ["2023_2024"]
    assert comparisons_written(result.stdout) == sorted(
        f"{n}_{p}.html" for n in affected for p in pairs
    )
    after = mtimes(copy / "outputs")
    for name in sorted(set(NOTEBOOKS) - set(affected)):
        for year in YEARS.split():
            assert after[f"{year}/{name}.html"] == before[f"{year}/{name}.html"], name
        assert after[f"diff/{name}_2023_2024.html"] == before[f"diff/{name}_2023_2024.html"]
    assert temporary_files(copy / "outputs") == []


def test_changing_the_suppression_rule_reruns_every_notebook_that_suppresses(copy):
    suppressing = importers("werkdruk_utils/stats/suppression.py")
    # the chapters that suppress small cells (2 and 5 among them) import the rule
    assert {"02_ervaren_werkdruk", "05_effecten"} <= set(suppressing)
    rule = copy / "werkdruk_utils" / "stats" / "suppression.py"
    original, dates = rule.read_bytes(), rule.stat()
    edit(rule)
    try:  # what make would execute (-n): only the decision, the notebooks are not run
        result = make(copy, "-n", "notebooks", f"YEARS={YEARS}")
    finally:
        rule.write_bytes(original)
        os.utime(rule, ns=(dates.st_atime_ns, dates.st_mtime_ns))
    queued = sorted(
        line.split("'")[1]
        for line in result.stdout.splitlines()
        if line.startswith("echo '") and "notebook-queue" in line
    )
    assert queued == sorted(f"{n} {y}" for n in suppressing for y in YEARS.split())
    assert executed(make(copy, "notebooks", f"YEARS={YEARS}").stdout) == []


def test_a_second_make_waits_for_the_first_and_the_outputs_are_complete(copy):
    (copy / "notebooks" / "04_besteding.ipynb").touch()
    args = ["make", "--no-print-directory", "-C", str(copy), "all", f"YEARS={YEARS}"]
    first = subprocess.Popen(
        args, env=environment(copy), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    lock = copy / "build" / ".make.lock"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # until the first make holds the tree's lock
        if lock_held(lock):
            break
        time.sleep(0.05)
    assert lock_held(lock), "the first make did not take the tree's lock"
    second = subprocess.run(
        args, env=environment(copy), capture_output=True, text=True, timeout=1800
    )
    out, err = first.communicate(timeout=1800)
    assert first.returncode == 0, f"{out}\n{err}"
    assert second.returncode == 0, f"{second.stdout}\n{second.stderr}"
    assert "er loopt al een make" in second.stderr and "wacht" in second.stderr
    assert executed(out) == [f"04_besteding {y}" for y in YEARS.split()]
    assert executed(second.stdout) == []
    for year in YEARS.split():
        for name in NOTEBOOKS:
            assert (copy / "outputs" / year / f"{name}.html").is_file()
    assert temporary_files(copy / "outputs") == []


def test_data_and_outputs_with_spaces_and_accents(copy, tmp_path):
    data = tmp_path / "meetdata met spaties é"
    for year in ("2022", "2023", "2024"):
        shutil.copytree(copy / "data" / "synthetic" / year, data / year)
    out = tmp_path / "uitvoer met spaties ü"
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy2(copy / "notebooks" / "01_inleiding_en_methode.ipynb", notebooks)
    before = sorted(p.name for p in (copy / "outputs").iterdir())
    result = make(
        copy,
        "notebooks",
        "site",
        "check-outputs",
        f"DATA={data}",
        f"OUT={out}",
        f"NOTEBOOK_DIR={notebooks}",
        "YEARS=2024",
    )
    assert executed(result.stdout) == ["01_inleiding_en_methode 2024"]
    page = (out / "2024" / "01_inleiding_en_methode.html").read_text(encoding="utf-8")
    assert str(data) in page, "the page does not name the data folder as given"
    assert (out / "index.html").is_file()
    assert sorted(p.name for p in (copy / "outputs").iterdir()) == before, (
        "a stray folder in outputs/"
    )
    assert temporary_files(out) == []
    again = make(
        copy, "notebooks", f"DATA={data}", f"OUT={out}", f"NOTEBOOK_DIR={notebooks}", "YEARS=2024"
    )
    assert executed(again.stdout) == [] and "niets te doen" in again.stdout


@pytest.mark.parametrize("name", ["met'quote", 'met"quote', "met$dollar", "met`backtick"])
def test_a_path_make_cannot_use_is_refused_at_once_and_nothing_is_written(copy, tmp_path, name):
    data = tmp_path / name
    shutil.copytree(copy / "data" / "synthetic" / "2024", data / "2024")
    before = sorted(str(p) for p in copy.rglob("*") if ".venv" not in p.parts)
    start = time.perf_counter()
    result = make(copy, "all", f"DATA={data}", check=False)
    assert time.perf_counter() - start < 5
    assert result.returncode != 0
    assert "kies een map zonder die tekens" in result.stderr and "niets geschreven" in result.stderr
    after = sorted(str(p) for p in copy.rglob("*") if ".venv" not in p.parts)
    assert set(after) - set(before) <= {str(copy / "build" / ".make.lock")}
