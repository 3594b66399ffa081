"""The pre-commit hooks run offline from the project's environment and find the tree clean.

Each hook of ``.pre-commit-config.yaml`` is run as pre-commit runs it (its entry followed by the
files it matches) on a copy of those files, without pre-commit itself: every hook must be local,
use an executable of ``.venv/bin`` and leave the committed files as they are.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml

from werkdruk_utils import paths

pytestmark = pytest.mark.slow

CONFIG = paths.ROOT / ".pre-commit-config.yaml"
SETTINGS = ("pyproject.toml", "jupytext.toml")


def tracked_files() -> list[str]:
    listed = subprocess.run(
        ["git", "-C", str(paths.ROOT), "ls-files"], capture_output=True, text=True, check=True
    )
    return listed.stdout.splitlines()


def matched(hook: dict, files: list[str]) -> list[str]:
    if "files" in hook:
        return [f for f in files if re.search(hook["files"], f)]
    suffixes = {"python": (".py",), "pyi": (".pyi",)}
    wanted = tuple(s for t in hook.get("types_or", []) for s in suffixes[t])
    return [f for f in files if f.endswith(wanted)]


def hooks() -> list[dict]:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert [r["repo"] for r in config["repos"]] == ["local"], "every hook must be local (offline)"
    return config["repos"][0]["hooks"]


def test_every_hook_uses_the_projects_environment():
    found = {hook["id"] for hook in hooks()}
    assert {"ruff-check", "ruff-format", "notebook-outputs", "jupytext-sync"} <= found
    for hook in hooks():
        assert hook["language"] == "system"
        executable = hook["entry"].split()[0]
        assert executable.startswith(".venv/bin/"), hook["id"]
        assert (paths.ROOT / executable).is_file(), f"{hook['id']}: {executable} is missing"


@pytest.mark.parametrize("hook", hooks(), ids=lambda h: h["id"])
def test_hook_passes_on_the_committed_files_and_changes_nothing(hook, tmp_path):
    files = matched(hook, tracked_files())
    assert files, f"{hook['id']} matches no file"
    for name in [*files, *SETTINGS]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(paths.ROOT / name, tmp_path / name)
    before = {name: (tmp_path / name).read_bytes() for name in files}
    entry = hook["entry"].split()
    command = [str(paths.ROOT / entry[0]), *entry[1:], *files]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{hook['id']}:\n{result.stdout}\n{result.stderr}"
    changed = [name for name in files if (tmp_path / name).read_bytes() != before[name]]
    assert changed == [], f"{hook['id']} changed committed files: {changed}"


def test_a_hook_catches_what_it_is_for(tmp_path):
    """The hooks can fail: an unformatted file, a notebook with an output."""
    for name in SETTINGS:
        shutil.copy2(paths.ROOT / name, tmp_path / name)
    (tmp_path / "bad.py").write_text("x=[1,2 ,3]\n", encoding="utf-8")
    ruff = str(paths.ROOT / ".venv" / "bin" / "ruff")
    checked = subprocess.run([ruff, "format", "--check", "bad.py"], cwd=tmp_path, check=False)
    assert checked.returncode != 0
    notebook = paths.NOTEBOOKS_DIR / "04_besteding.ipynb"
    with_output = tmp_path / notebook.name
    text = notebook.read_text(encoding="utf-8").replace(
        '"outputs": []',
        '"outputs": [{"name": "stdout", "output_type": "stream", "text": ["x"]}]',
        1,
    )
    with_output.write_text(text, encoding="utf-8")
    hook = next(h for h in hooks() if h["id"] == "notebook-outputs")
    entry = hook["entry"].split()
    subprocess.run(
        [str(paths.ROOT / entry[0]), *entry[1:], with_output.name], cwd=tmp_path, check=True
    )
    assert '"output_type": "stream"' not in with_output.read_text(encoding="utf-8")
