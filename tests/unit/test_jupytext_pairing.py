"""Every chapter notebook has its percent-format script next to it, and the two say the same.

An edit to the notebook without the script (or the other way round) fails here; fix it with
``.venv/bin/jupytext --sync notebooks/*.ipynb``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jupytext
import pytest

from werkdruk_utils import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
SCRIPTS = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.py"))
JUPYTEXT = Path(sys.executable).with_name("jupytext")


def test_the_pairing_is_configured():
    config = (paths.ROOT / "jupytext.toml").read_text(encoding="utf-8")
    assert 'formats = "ipynb,py:percent"' in config


def test_every_notebook_has_a_script_and_every_script_a_notebook():
    assert NOTEBOOKS, "no chapter notebooks found"
    assert [p.stem for p in NOTEBOOKS] == [p.stem for p in SCRIPTS], (
        "notebooks and percent scripts differ; run: .venv/bin/jupytext --sync notebooks/*.ipynb"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_script_equals_jupytext_of_the_notebook(notebook):
    """``jupytext --to py:percent`` of the committed notebook gives the committed script, byte for
    byte."""
    script = notebook.with_suffix(".py")
    assert script.exists(), (
        f"{script.name} missing; run: .venv/bin/jupytext --sync {paths.display(notebook)}"
    )
    expected = jupytext.writes(jupytext.read(notebook), fmt="py:percent")
    committed = script.read_text(encoding="utf-8")
    assert committed.rstrip("\n") == expected.rstrip("\n"), (
        f"{script.name} and {notebook.name} differ; run: .venv/bin/jupytext --sync "
        f"{paths.display(notebook)}"
    )


@pytest.mark.slow  # integration tier: bundled data, whole chapters or generators
def test_the_command_line_gives_the_same_script():
    """The documented command (the CLI, reading jupytext.toml) agrees with the check above."""
    notebook = NOTEBOOKS[0]
    result = subprocess.run(
        [str(JUPYTEXT), "--to", "py:percent", "--output", "-", str(notebook)],
        capture_output=True,
        text=True,
        check=True,
        cwd=paths.ROOT,
    )
    assert result.stdout.rstrip("\n") == notebook.with_suffix(".py").read_text(
        encoding="utf-8"
    ).rstrip("\n")


def test_a_changed_cell_is_detected(tmp_path):
    """The comparison fails when the notebook changes and the script does not."""
    notebook = jupytext.read(NOTEBOOKS[0])
    before = jupytext.writes(notebook, fmt="py:percent")
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    code_cells[-1].source += "\nprint('changed')"
    assert jupytext.writes(notebook, fmt="py:percent") != before
