"""A fourth measurement added the documented way: docs/adding_a_measurement.md, applied to a copy
of the project.

The blocks of the document marked ``<!-- apply: <file>, <where> -->`` are applied as written (a
copy of the 2024 questionnaire as meting 2025, population figures for 2025); ``make all
YEARS=2025`` then writes synthetic exports for 2025 and builds every notebook for it. Afterwards
the two files the document names are the only change in the copy (``git status``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from werkdruk_utils import paths

pytestmark = pytest.mark.slow

DOC = paths.ROOT / "docs" / "adding_a_measurement.md"
NOTEBOOKS = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
APPLY_RE = re.compile(
    r"<!-- apply: (?P<file>[^,]+), (?P<where>[^>]+?) -->\n```\w*\n(?P<body>.*?)```", re.S
)


def documented_steps() -> list[tuple[str, str, str]]:
    """(file, where, text) of every block of the document marked to be applied."""
    return [(m["file"], m["where"], m["body"]) for m in APPLY_RE.finditer(DOC.read_text("utf-8"))]


def apply_step(root: Path, file: str, where: str, text: str) -> None:
    path = root / file
    content = path.read_text(encoding="utf-8")
    if where == "append":
        path.write_text(content + text, encoding="utf-8")
    elif where == "end of the measurements section":
        lines = content.splitlines(keepends=True)
        start = lines.index("measurements:\n")
        end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith((" ", "\n")))
        path.write_text("".join(lines[:end] + [text] + lines[end:]), encoding="utf-8")
    else:
        raise AssertionError(f"the document names a place this test does not know: {where!r}")


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    ).stdout


def copy_project(root: Path) -> None:
    """The project's files as they are now (tracked and new, not ignored) in a fresh repository,
    with the project's environment."""
    listed = git(paths.ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = paths.ROOT / name
        if source.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    # The project's environment, entry by entry, with an install stamp of its own: make in the copy
    # finds it installed and never re-installs the package from the copy into the shared
    # environment (which would point the project's editable install at the copy).
    venv = root / ".venv"
    venv.mkdir()
    for entry in (paths.ROOT / ".venv").iterdir():
        if entry.name != ".installed":
            (venv / entry.name).symlink_to(entry)
    (venv / ".installed").touch()
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=test", "-c", "user.email=test@example.org", "commit", "-qm", "copy")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fourth") / "werkdruk"
    copy_project(root)
    steps = documented_steps()
    assert [(f, w) for f, w, _ in steps] == [
        ("data/codebook.yaml", "end of the measurements section"),
        ("data/population/weighting_population.csv", "append"),
    ]
    for step in steps:
        apply_step(root, *step)
    # the copy's package, not the project's (the environment's install points at the project)
    env = {**os.environ, "PYTHONPATH": str(root), "WERKDRUK_CACHE": str(root / "build" / "cache")}
    for key in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS"):
        env.pop(key, None)
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(root), "all", "YEARS=2025", "-j2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )
    assert result.returncode == 0, f"make all YEARS=2025 failed:\n{result.stdout}\n{result.stderr}"
    return root, result


def test_the_documented_steps_are_the_only_change(project):
    root, _ = project
    status = git(root, "status", "--porcelain", "--untracked-files=all").splitlines()
    assert sorted(status) == [
        " M data/codebook.yaml",
        " M data/population/weighting_population.csv",
    ]


def test_every_notebook_is_built_for_the_new_measurement(project):
    root, result = project
    out = root / "outputs" / "2025"
    for name in NOTEBOOKS:
        assert (out / f"{name}.html").is_file(), name
        assert f"] {name} 2025:" in result.stdout
    assert (out / "reproduction.csv").is_file()
    assert "2025" in (root / "outputs" / "index.html").read_text(encoding="utf-8")
    data = root / "data" / "synthetic" / "2025" / "respondents.csv"
    assert data.read_text(encoding="utf-8").startswith("# SYNTHETISCHE DATA")


def test_the_new_measurement_reads_its_own_school_years_and_compares_with_the_previous(project):
    root, _ = project
    out = root / "outputs" / "2025"
    spending = pd.read_csv(out / "tables" / "tabel_4_1.csv")
    assert "2024-2025" in set(spending["group"])
    page = (out / "01_inleiding_en_methode.html").read_text(encoding="utf-8")
    assert "Vergeleken met</th><td>2022, 2023, 2024</td>" in page
    pages = "".join((out / f"{name}.html").read_text(encoding="utf-8") for name in NOTEBOOKS)
    assert "drie metingen" not in pages
    assert "metingen 2022, 2023, 2024 en 2025" in pages
    assert "Het rapport publiceert voor deze bronnen geen cijfers van meting 2025" in pages
    # trend tables hold every measurement, and changes are tested against 2024
    trends = pd.read_csv(out / "tables" / "figuur_5_1.csv")
    assert set(trends["year"]) == {2022, 2023, 2024, 2025}
    tested = trends.loc[trends["year"] == 2025, "previous_year"].dropna()
    assert len(tested) and set(tested.astype(int)) == {2024}
