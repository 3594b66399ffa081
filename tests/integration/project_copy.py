"""Helpers for build tests that work on a copy of the project (built outputs included).

``copy_project(root, built=True)`` (:mod:`werkdruk_utils.publish.bench`) copies the project's
files and, with their dates, what ``make all`` built, so that ``make all`` in the copy has nothing
to do until a test changes something; ``make`` runs make there with the copy's package.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from werkdruk_utils.publish.bench import copy_environment, copy_project, git

__all__ = [
    "comparisons_written",
    "copy_project",
    "environment",
    "executed",
    "git",
    "make",
    "temporary_files",
]


def environment(root: Path) -> dict[str, str]:
    """The environment for make in the copy (its own lock, the copy's package, the project's
    measurement cache)."""
    return copy_environment(root)


def make(root: Path, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(root), *args],
        capture_output=True,
        text=True,
        env=environment(root),
        timeout=1800,
        **kwargs,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"make {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def executed(output: str) -> list[str]:
    """``<notebook> <year>`` of every notebook-year a build executed (its progress lines)."""
    return sorted(
        line.split("] ", 1)[1].split(":")[0] for line in output.splitlines() if line.startswith("[")
    )


def comparisons_written(output: str) -> list[str]:
    """Names of the comparison pages a build wrote."""
    return sorted(
        Path(line.split(",")[0]).name
        for line in output.splitlines()
        if line.endswith(".txt") and "/diff/" in line
    )


def temporary_files(folder: Path) -> list[str]:
    """Files in ``folder`` that look temporary or hidden (none may be among the outputs)."""
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.name.startswith(".") or p.suffix in (".part", ".tmp") or p.name.endswith("~")
    )
