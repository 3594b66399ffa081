"""A fourth measurement added the documented way: docs/adding_a_measurement.md, applied to a copy
of the project.

The blocks of the document marked ``<!-- apply: <file>, <where> -->`` are applied as written (a
copy of the 2024 questionnaire as meting 2025, population figures for 2025); ``make all
YEARS=2025`` then writes synthetic exports for 2025 and builds every notebook for it. Afterwards
the two files the document names are the only change in the copy (``git status``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from project_copy import copy_project, git, make

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


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("fourth") / "werkdruk", built=True)
    steps = documented_steps()
    assert [(f, w) for f, w, _ in steps] == [
        ("data/codebook.yaml", "end of the measurements section"),
        ("data/population/weighting_population.csv", "append"),
    ]
    for step in steps:
        apply_step(root, *step)
    return root, make(root, "all", "YEARS=2025", "-j2")


def test_the_documented_steps_are_the_only_change(project):
    root, result = project
    status = git(root, "status", "--porcelain", "--untracked-files=all").splitlines()
    assert sorted(status) == [
        " M data/codebook.yaml",
        " M data/population/weighting_population.csv",
    ]
    # only the new measurement was built; the earlier ones' outputs stayed as they were
    # progress lines: '[3/6] 03_proces 2025: 9.1 s -> outputs/2025/03_proces.html'
    built = {
        line.split()[2].rstrip(":") for line in result.stdout.splitlines() if line.startswith("[")
    }
    assert built == {"2025"}, result.stdout
    # and the project's own environment still imports the project's package
    origin = subprocess.run(
        [sys.executable, "-c", "import werkdruk_utils; print(werkdruk_utils.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    ).stdout.strip()
    assert Path(origin).resolve().is_relative_to(paths.ROOT.resolve())


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
