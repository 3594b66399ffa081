"""The build (``make notebooks`` and :mod:`werkdruk_utils.publish.build`): byte-identical rebuilds,
a no-op
rebuild that executes nothing, an edited notebook that rebuilds only its own years, failures that
name notebook, year and cell and leave earlier outputs intact, and a clean namespace per notebook.

Every build here goes to a temporary output folder (``OUT=``) with notebooks copied to a temporary
folder (``NOTEBOOK_DIR=``), so the project's own outputs and notebooks are never touched.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import nbformat
import pytest

from werkdruk_utils import paths

pytestmark = pytest.mark.slow

MAKE = shutil.which("make")
YEARS = "2023 2024"
REAL_NOTEBOOKS = ("01_inleiding_en_methode", "04_besteding")


def make(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """``make -C <project> args`` (synthetic data are built first when missing)."""
    result = subprocess.run(
        [MAKE, "--no-print-directory", "-C", str(paths.ROOT), *args],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"make {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def digests(folder: Path) -> dict[str, str]:
    """SHA-256 of every output file under ``folder`` (build bookkeeping files excluded)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def mtimes(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def executed_lines(output: str) -> list[str]:
    """The progress lines ``[i/n] <notebook> <year>: ...`` of a build."""
    return sorted(
        line.split("] ", 1)[1].split(":")[0] for line in output.splitlines() if line.startswith("[")
    )


def small_notebook(path: Path, body: str) -> None:
    """A chapter-like notebook: a parameters cell and one code cell ``body``."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    params = nbformat.v4.new_code_cell(
        "year = 2024\ndata_dir = None\noutput_dir = None\nmin_n = 10"
    )
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# test"),
        params,
        nbformat.v4.new_code_cell("x = year * 2\nprint(x)"),
        nbformat.v4.new_code_cell(body),
    ]
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def real_build(tmp_path_factory):
    """Two real chapter notebooks x two years, built once into a temporary folder."""
    if MAKE is None:
        pytest.skip("make not found")
    root = tmp_path_factory.mktemp("build")
    nb_dir = root / "notebooks"
    nb_dir.mkdir()
    for name in REAL_NOTEBOOKS:
        shutil.copy2(paths.NOTEBOOKS_DIR / f"{name}.ipynb", nb_dir / f"{name}.ipynb")
    out = root / "out"
    args = (f"OUT={out}", f"NOTEBOOK_DIR={nb_dir}", f"YEARS={YEARS}", "-j2")
    first = make("notebooks", *args)
    return {"root": root, "nb_dir": nb_dir, "out": out, "args": args, "first": first}


def test_clean_build_executes_every_notebook_year(real_build):
    expected = sorted(f"{n} {y}" for n in REAL_NOTEBOOKS for y in YEARS.split())
    assert executed_lines(real_build["first"].stdout) == expected
    for year in YEARS.split():
        for name in REAL_NOTEBOOKS:
            assert (real_build["out"] / year / f"{name}.html").is_file()
            assert (real_build["out"] / year / f"{name}.ipynb").is_file()
        assert (real_build["out"] / year / "reproduction.csv").is_file()


def test_noop_build_executes_nothing_and_changes_nothing(real_build):
    before = mtimes(real_build["out"])
    start = time.perf_counter()
    result = make("notebooks", *real_build["args"])
    elapsed = time.perf_counter() - start
    assert executed_lines(result.stdout) == []
    assert result.stdout.strip().splitlines() == [
        f"notebooks: niets te doen, alle 4 notebook-jaren in {real_build['out']} zijn actueel"
    ]
    assert mtimes(real_build["out"]) == before
    assert elapsed < 5, f"no-op build took {elapsed:.1f} s"


def test_editing_one_notebook_rebuilds_only_its_years(real_build):
    notebook = real_build["nb_dir"] / "04_besteding.ipynb"
    before = mtimes(real_build["out"])
    os.utime(notebook, None)
    result = make("notebooks", *real_build["args"])
    assert executed_lines(result.stdout) == ["04_besteding 2023", "04_besteding 2024"]
    after = mtimes(real_build["out"])
    for year in YEARS.split():
        key = f"{year}/01_inleiding_en_methode.html"
        assert after[key] == before[key], f"{key} was rebuilt"


def test_rebuild_is_byte_identical(real_build):
    out = real_build["out"]
    first = digests(out)
    for year in YEARS.split():
        shutil.rmtree(out / year)
    make("notebooks", *real_build["args"])
    second = digests(out)
    assert set(first) == set(second)
    different = [name for name in first if first[name] != second[name]]
    assert not different, f"outputs differ between two builds: {different}"
    assert any(name.endswith(".html") for name in first) and any(
        name.endswith(".csv") for name in first
    )


@pytest.fixture()
def toy(tmp_path):
    if MAKE is None:
        pytest.skip("make not found")
    nb_dir = tmp_path / "notebooks"
    nb_dir.mkdir()
    out = tmp_path / "out"
    return nb_dir, out, (f"OUT={out}", f"NOTEBOOK_DIR={nb_dir}", "YEARS=2024", "JOBS=1")


def test_failing_cell_is_named_and_rerun_executes_only_the_failed_notebook(toy):
    nb_dir, out, args = toy
    small_notebook(nb_dir / "01_goed.ipynb", "print('goed')")
    small_notebook(nb_dir / "02_fout.ipynb", "raise ZeroDivisionError('kapot')")
    result = make("notebooks", *args, check=False)
    assert result.returncode != 0
    assert (
        "02_fout.ipynb, meting 2024: cel 4 (raise ZeroDivisionError('kapot')) faalde met "
        "ZeroDivisionError: kapot" in result.stderr
    )
    assert (out / "2024" / "01_goed.html").is_file()
    assert not (out / "2024" / "02_fout.html").exists()
    assert not list((out / "2024").glob(".*.part"))
    good = (out / "2024" / "01_goed.html").stat().st_mtime_ns
    small_notebook(nb_dir / "02_fout.ipynb", "print('hersteld')")
    result = make("notebooks", *args)
    assert executed_lines(result.stdout) == ["02_fout 2024"]
    assert (out / "2024" / "01_goed.html").stat().st_mtime_ns == good
    assert (out / "2024" / "02_fout.html").is_file()


def test_killed_kernel_is_reported_and_the_others_still_run(toy):
    nb_dir, out, args = toy
    small_notebook(
        nb_dir / "01_stopt.ipynb", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"
    )
    small_notebook(nb_dir / "02_goed.ipynb", "print('goed')")
    result = make("notebooks", *args, check=False)
    assert result.returncode != 0
    assert "01_stopt.ipynb, meting 2024: cel 4 (import os, signal)" in result.stderr
    assert "kernel is gestopt" in result.stderr
    assert (out / "2024" / "02_goed.html").is_file(), (
        "the notebook after the killed kernel was not built"
    )
    assert not (out / "2024" / "01_stopt.html").exists()
    small_notebook(nb_dir / "01_stopt.ipynb", "print('hersteld')")
    result = make("notebooks", *args)
    assert executed_lines(result.stdout) == ["01_stopt 2024"]


def test_each_notebook_starts_with_a_clean_namespace(toy):
    nb_dir, out, args = toy
    small_notebook(
        nb_dir / "01_vervuilt.ipynb",
        "import matplotlib, os\nlek = 1\nmatplotlib.rcParams['axes.titlesize'] = 31\n"
        "os.environ['WERKDRUK_LEK'] = '1'\nos.chdir('/')",
    )
    small_notebook(
        nb_dir / "02_controleert.ipynb",
        "import matplotlib, os\nassert 'lek' not in globals()\n"
        "assert matplotlib.rcParams['axes.titlesize'] != 31\n"
        "assert 'WERKDRUK_LEK' not in os.environ\n"
        f"assert os.getcwd() == {str(nb_dir)!r}, os.getcwd()\n"
        "assert get_ipython().execution_count <= 5, get_ipython().execution_count",
    )
    result = make("notebooks", *args, check=False)  # JOBS=1: one kernel runs both, in this order
    assert result.returncode == 0, result.stderr
    assert executed_lines(result.stdout) == ["01_vervuilt 2024", "02_controleert 2024"]


def test_other_data_folder_gets_its_own_output_folder(tmp_path):
    show = tmp_path / "show.mk"
    show.write_text("$(info OUT=$(OUT))\n")

    def out_for(*args: str) -> str:
        # the build's own makefiles, read as the locked make reads them, doing nothing (-n lint)
        result = subprocess.run(
            [MAKE, "-C", str(paths.ROOT), "-f", "Makefile", "-f", str(show)]
            + [f"WERKDRUK_LOCKED={paths.ROOT}", "-n", "lint", *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        return next(line for line in result.stdout.splitlines() if line.startswith("OUT=")).split(
            "=", 1
        )[1]

    digest = hashlib.sha256(b"/tmp/exports").hexdigest()[:8]
    assert out_for("DATA=/tmp/exports") == f"outputs/exports-{digest}"
    assert out_for() == "outputs"
    assert out_for("DATA=/tmp/exports", "OUT=elders") == "elders"


def test_self_check_sources_match_the_full_reproduction():
    from werkdruk_utils.check.reproduce import reproduce
    from werkdruk_utils.inputs.cache import load_measurement

    measurement = load_measurement(2024)
    sources = ["Tabel 4.1", "Tabel 4.3"]
    full = reproduce(measurement)
    full = full[full["source_id"].isin(sources)].reset_index(drop=True)
    part = reproduce(measurement, sources=sources).reset_index(drop=True)
    assert len(part) > 0
    assert full.equals(part)
