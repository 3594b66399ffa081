"""Execute chapter notebooks for measurement years and render them to HTML.

One notebook-year::

    python -m werkdruk_utils.publish.build notebooks/02_ervaren_werkdruk.ipynb --year 2024 [--data
    DIR] [--out DIR] [--show-code]

Many notebook-years in one process (what ``make notebooks`` does with the stale ones)::

    python -m werkdruk_utils.publish.build --queue FILE [--jobs N] [--data DIR] [--out DIR]
    [--show-code]

where ``FILE`` holds one ``<notebook name> <year>`` per line. The process keeps one warm kernel per
job slot (Python, the libraries and ``werkdruk_utils`` imported once), runs every notebook-year
from its first cell in a clean namespace (:func:`kernel_reset`: variables, execution counter,
working folder, figures, matplotlib and pandas settings, random state and environment back to the
state after the warm-up) and renders the HTML in this process. A notebook-year that fails does
not stop the others; the process exits non-zero and names notebook, year and cell of every
failure. A kernel that dies is replaced.

Writes ``<out>/<year>/<notebook>.ipynb`` (executed) and ``<out>/<year>/<notebook>.html``; both are
written to temporary files and renamed (HTML last) only when everything succeeded, so a failed run
leaves no file that looks up to date and earlier outputs intact. Volatile metadata (execution
times, random cell ids, papermill's timestamps) is removed so that the same inputs give the same
bytes. After a queue run, ``<out>/<year>/reproduction.csv`` is merged for the years built.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from werkdruk_utils import measurements, paths

KERNEL_NAME = "python3"
CELL_TIMEOUT = 1800  # seconds

WARM_UP = """
import os as _os, sys as _sys, importlib as _importlib, pkgutil as _pkgutil
import numpy, pandas, IPython.display
import matplotlib, matplotlib.pyplot
import werkdruk_utils, werkdruk_utils.present.report, werkdruk_utils.present.presentation
import werkdruk_utils.check.reproduce
import werkdruk_utils.chapters as _chapters
for _m in _pkgutil.iter_modules(_chapters.__path__):
    _importlib.import_module(f"werkdruk_utils.chapters.{_m.name}")
from werkdruk_utils.inputs.codebook import load_codebook as _lc
_lc()
from werkdruk_utils.publish import build as _build
_build.kernel_snapshot()
del _os, _sys, _importlib, _pkgutil, _chapters, _m, _lc, _build
"""

_SNAPSHOT: dict[str, object] = {}


class NotebookFailed(RuntimeError):
    """A cell raised or the kernel died: names the notebook, the year and the cell."""


@dataclass(frozen=True)
class BuildResult:
    notebook: Path
    year: int
    html: Path
    executed: Path
    seconds: float


@dataclass(frozen=True)
class Job:
    """One notebook executed for one measurement year."""

    notebook: Path
    year: int

    @property
    def label(self) -> str:
        return f"{self.notebook.stem} {self.year}"


# ----------------------------------------------------------------------------------------------
# inside the kernel


def kernel_snapshot() -> None:
    """Remember the warm kernel's state (called once, at the end of the warm-up)."""
    import random

    import matplotlib
    import numpy as np

    _SNAPSHOT.clear()
    _SNAPSHOT.update(
        rc=dict(matplotlib.rcParams),
        environ=dict(os.environ),
        np_random=np.random.get_state(),
        random=random.getstate(),
        sys_path=list(sys.path),
    )


def kernel_reset(cwd: str) -> None:
    """Give the next notebook a fresh start: an empty namespace, execution counter 1, working folder
    ``cwd``, no open figures, and the matplotlib, pandas, random and environment state of the
    warm-up."""
    import random
    import warnings

    import matplotlib
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.reset(new_session=True)
        shell.execution_count = 1
    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if "rc" in _SNAPSHOT:
            matplotlib.rcParams.update(_SNAPSHOT["rc"])
        pd.reset_option("all")
    if "environ" in _SNAPSHOT:
        os.environ.clear()
        os.environ.update(_SNAPSHOT["environ"])  # type: ignore[arg-type]
        np.random.set_state(_SNAPSHOT["np_random"])  # type: ignore[arg-type]
        random.setstate(_SNAPSHOT["random"])  # type: ignore[arg-type]
        sys.path[:] = _SNAPSHOT["sys_path"]  # type: ignore[index]
    os.chdir(cwd)


# ----------------------------------------------------------------------------------------------
# notebook documents


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what changes from run to run: timings, random ids, execution metadata; number the
    executed cells 1, 2, ... as a fresh kernel does."""
    pm = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "exception", "input_path", "output_path"):
        pm.pop(key, None)
    count = 0
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index:03d}"
        cell.metadata.pop("execution", None)
        papermill_meta = cell.metadata.get("papermill", {})
        for key in ("start_time", "end_time", "duration", "exception", "status"):
            papermill_meta.pop(key, None)
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            count += 1
            cell.execution_count = count
            for output in cell.get("outputs", []):
                if "execution_count" in output:
                    output["execution_count"] = count
    return nb


def to_html(
    nb: nbformat.NotebookNode, show_code: bool, job: Job | None = None, year_dir: Path | None = None
) -> str:
    """The notebook as the site's chapter page (code hidden unless ``show_code``); the layout,
    navigation and template are :mod:`werkdruk_utils.publish.pages`."""
    from werkdruk_utils.publish.pages import render_chapter

    parameters = nb.metadata.get("papermill", {}).get("parameters", {})
    year = job.year if job is not None else int(parameters.get("year", 0))
    notebook = job.notebook.stem if job is not None else str(nb.metadata.get("name", "werkdruk"))
    return render_chapter(
        nb,
        notebook=notebook,
        year=year,
        show_code=show_code,
        notebooks_dir=job.notebook.parent if job is not None else None,
        data_dir=parameters.get("data_dir"),
        year_dir=year_dir,
    )


def parameterised(job: Job, data_dir: Path, year_dir: Path) -> nbformat.NotebookNode:
    """The source notebook with papermill's injected-parameters cell.

    Paths inside the project are passed relative to its root, so that the executed notebook does not
    depend on where the project is checked out."""
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = load_notebook_node(str(job.notebook))
    parameters = {
        "year": int(job.year),
        "data_dir": paths.display(data_dir),
        "output_dir": paths.display(year_dir),
    }
    return parameterize_notebook(nb, parameters, kernel_name=KERNEL_NAME, language="python")


def write_outputs(
    nb: nbformat.NotebookNode, job: Job, year_dir: Path, show_code: bool
) -> tuple[Path, Path]:
    """Normalise ``nb``, write the executed notebook and its HTML (temporary files, then
    renames)."""
    nb = normalise(nb)
    executed = year_dir / f"{job.notebook.stem}.ipynb"
    html = year_dir / f"{job.notebook.stem}.html"
    page = to_html(nb, show_code, job, year_dir)  # both rendered before either is written
    paths.write_atomic(executed, nbformat.writes(nb) + "\n")
    paths.write_atomic(html, page)
    return html, executed


def failure_message(job: Job, nb: nbformat.NotebookNode, index: int | None, what: str) -> str:
    """``<notebook>.ipynb, meting <year>: cel <n> (<first line>) <what>``; cells counted from 1 in
    the
    source notebook (the injected parameters cell is not counted)."""
    if index is None:
        return f"{job.notebook.name}, meting {job.year}: {what}"
    injected_before = sum(
        1 for c in nb.cells[:index] if "injected-parameters" in c.metadata.get("tags", [])
    )
    cell = nb.cells[index]
    if "injected-parameters" in cell.metadata.get("tags", []):
        where = "de geïnjecteerde parametercel"
    else:
        first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
        where = f"cel {index - injected_before + 1} ({first[:60]})"
    return f"{job.notebook.name}, meting {job.year}: {where} {what}"


# ----------------------------------------------------------------------------------------------
# the warm kernel pool


class WarmKernel:
    """One kernel with the libraries imported, reused for notebook after notebook."""

    def __init__(self) -> None:
        self.km = None
        self.kc = None
        self.sockets: str | None = None

    async def start(self, preload: Sequence[int] = (), data_dir: Path | None = None) -> None:
        """Start the kernel, import the libraries and load (into the disk cache) the measurement
        years ``preload`` of ``data_dir``, so that the kernels share the loading between them."""
        from jupyter_client.manager import AsyncKernelManager

        # IPC sockets in a private folder: no TCP ports, no warning about unencrypted TCP.
        self.sockets = tempfile.mkdtemp(prefix="werkdruk-kernel-")
        self.km = AsyncKernelManager(
            kernel_name=KERNEL_NAME, transport="ipc", ip=os.path.join(self.sockets, "kernel")
        )
        await self.km.start_kernel(cwd=str(paths.NOTEBOOKS_DIR))
        self.kc = self.km.client()
        self.kc.start_channels()
        await self.kc.wait_for_ready(timeout=120)
        await self._run(WARM_UP)
        if preload and data_dir is not None:
            # As report.start will ask for them (same path, same cache key); a year that fails to
            # load is left to the notebook, which reports the error in its own cell.
            folder = str(paths.resolve(paths.display(data_dir)))
            await self._run(
                "def _preload():\n"
                "    from werkdruk_utils.inputs.cache import load_measurement\n"
                f"    for year in {list(preload)!r}:\n"
                "        try:\n"
                f"            load_measurement(year, {folder!r})\n"
                "        except Exception:\n"
                "            pass\n"
                "_preload()\n"
                "del _preload\n"
            )

    async def _run(self, code: str) -> None:
        reply = await self.kc.execute_interactive(
            code, silent=True, store_history=False, timeout=300, output_hook=lambda msg: None
        )
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise RuntimeError(
                f"kernel set-up failed: {content.get('ename')}: {content.get('evalue')}"
            )

    async def stop(self) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
        if self.km is not None and self.km.has_kernel:
            await self.km.shutdown_kernel(now=True)
        if self.sockets is not None:
            shutil.rmtree(self.sockets, ignore_errors=True)
        self.km = self.kc = self.sockets = None

    async def execute(self, nb: nbformat.NotebookNode, job: Job) -> nbformat.NotebookNode:
        """Run ``nb`` from its first cell in a clean namespace; NotebookFailed names the cell."""
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

        await self._run(
            "__import__('werkdruk_utils.publish.build', "
            f"fromlist=['build']).kernel_reset({str(job.notebook.parent)!r})"
        )
        client = NotebookClient(
            nb,
            km=self.km,
            kernel_name=KERNEL_NAME,
            timeout=CELL_TIMEOUT,
            allow_errors=False,
            resources={"metadata": {"path": str(job.notebook.parent)}},
        )
        client.kc = self.kc
        client.reset_execution_trackers()
        index = None
        try:
            async with client.async_setup_kernel(cleanup_kc=False):
                msg_id = self.kc.kernel_info()
                info = await client.async_wait_for_reply(msg_id)
                if info is not None and "language_info" in info["content"]:
                    nb.metadata["language_info"] = info["content"]["language_info"]
                for index, cell in enumerate(nb.cells):
                    await client.async_execute_cell(
                        cell, index, execution_count=client.code_cells_executed + 1
                    )
        except CellExecutionError as exc:
            raise NotebookFailed(
                failure_message(job, nb, index, f"faalde met {exc.ename}: {exc.evalue}")
            ) from None
        except DeadKernelError:
            raise NotebookFailed(
                failure_message(
                    job, nb, index, ": de kernel is gestopt (afgebroken of geheugen op)"
                )
            ) from None
        except CellTimeoutError:
            raise NotebookFailed(
                failure_message(job, nb, index, f"duurde langer dan {CELL_TIMEOUT} s")
            ) from None
        return nb

    async def alive(self) -> bool:
        return self.km is not None and await self.km.is_alive()


async def _run_jobs(
    jobs: Sequence[Job], data_dir: Path, out_dir: Path, show_code: bool, workers: int, report
) -> tuple[list[BuildResult], list[str]]:
    queue: asyncio.Queue[tuple[int, Job]] = asyncio.Queue()
    for number, job in enumerate(jobs, start=1):
        queue.put_nowait((number, job))
    results: list[BuildResult] = []
    failures: list[str] = []

    count = max(1, min(int(workers), len(jobs)))
    latest = max(job.year for job in jobs)
    needed = measurements.present(data_dir, up_to=latest)

    async def worker(slot: int) -> None:
        kernel = WarmKernel()
        try:
            await kernel.start(needed[slot::count], data_dir)
            while not queue.empty():
                number, job = queue.get_nowait()
                start = time.perf_counter()
                year_dir = out_dir / str(job.year)
                year_dir.mkdir(parents=True, exist_ok=True)
                try:
                    nb = parameterised(job, data_dir, year_dir)
                    nb = await kernel.execute(nb, job)
                    html, executed = write_outputs(nb, job, year_dir, show_code)
                except Exception as exc:  # noqa: BLE001 - every failure is reported, the others go on
                    message = (
                        str(exc)
                        if isinstance(exc, NotebookFailed)
                        else (
                            f"{job.notebook.name}, meting {job.year}: {type(exc).__name__}: {exc}"
                        )
                    )
                    failures.append(message)
                    report(f"FOUT [{number}/{len(jobs)}] {message}", error=True)
                    if not await kernel.alive():
                        await kernel.stop()
                        kernel = WarmKernel()
                        await kernel.start()
                    continue
                result = BuildResult(
                    job.notebook, job.year, html, executed, time.perf_counter() - start
                )
                results.append(result)
                report(
                    f"[{number}/{len(jobs)}] {job.label}: {result.seconds:.1f} s -> "
                    f"{paths.display(html)}"
                )
                for warning in notebook_warnings(nb):
                    report(f"WAARSCHUWING {job.label}: {warning}", error=True)
        finally:
            await kernel.stop()

    outcomes = await asyncio.gather(
        *(worker(slot) for slot in range(count)), return_exceptions=True
    )
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            failures.append(f"kernel: {type(outcome).__name__}: {outcome}")
    # Jobs a crashed worker never took are failures too: they were not built.
    while not queue.empty():
        _, job = queue.get_nowait()
        failures.append(f"{job.notebook.name}, meting {job.year}: niet uitgevoerd")
    return results, failures


def notebook_warnings(nb: nbformat.NotebookNode) -> list[str]:
    """The warnings a notebook showed (output metadata ``report.WARNING_KEY``: an empty weighting
    cell), each once, in order."""
    from werkdruk_utils.present.report import WARNING_KEY

    found: dict[str, None] = {}
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            text = output.get("metadata", {}).get(WARNING_KEY)
            if text:
                found.setdefault(str(text))
    return list(found)


def _print_report(line: str, error: bool = False) -> None:
    print(line, file=sys.stderr if error else sys.stdout, flush=True)


def run_jobs(
    jobs: Sequence[Job],
    data_dir: Path | None = None,
    out_dir: Path | None = None,
    show_code: bool = False,
    workers: int | None = None,
    report=_print_report,
) -> tuple[list[BuildResult], list[str]]:
    """Execute ``jobs`` on ``workers`` warm kernels (default: one per core); one progress line per
    notebook-year. Returns the results and one message per failed notebook-year."""
    data_dir = Path(data_dir).resolve() if data_dir is not None else paths.SYNTHETIC_DIR
    out_dir = (Path(out_dir) if out_dir is not None else paths.OUTPUTS_DIR).resolve()
    jobs = [Job(Path(j.notebook).resolve(), int(j.year)) for j in jobs]
    if not jobs:
        return [], []
    workers = default_workers() if workers is None else workers
    return asyncio.run(_run_jobs(jobs, data_dir, out_dir, show_code, workers, report))


def build(
    notebook: Path,
    year: int,
    data_dir: Path | None = None,
    out_dir: Path | None = None,
    show_code: bool = False,
) -> BuildResult:
    """Execute one notebook for one year; raises :class:`NotebookFailed` naming the cell that
    failed."""
    results, failures = run_jobs(
        [Job(Path(notebook), int(year))],
        data_dir,
        out_dir,
        show_code,
        workers=1,
        report=lambda line, error=False: None,
    )
    if failures:
        raise NotebookFailed(failures[0])
    return results[0]


# ----------------------------------------------------------------------------------------------
# command line


def default_workers(makeflags: str | None = None, cpus: int | None = None) -> int:
    """Job slots: ``-jN`` from make's flags when given, else every core."""
    makeflags = os.environ.get("MAKEFLAGS", "") if makeflags is None else makeflags
    cpus = (os.cpu_count() or 1) if cpus is None else cpus
    match = re.search(r"(?:^|\s)-j\s*(\d+)", makeflags) or re.search(r"--jobs[= ](\d+)", makeflags)
    return max(1, int(match.group(1))) if match else max(1, cpus)


def read_queue(path: Path, notebooks_dir: Path | None = None) -> list[Job]:
    """Jobs from a queue file (``<notebook name> <year>`` per line), duplicates dropped, sorted by
    year then notebook so that every run executes them in the same order."""
    notebooks_dir = paths.NOTEBOOKS_DIR if notebooks_dir is None else Path(notebooks_dir)
    jobs: set[Job] = set()
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 2 or not parts[1].isdigit():
            raise ValueError(f"{path}, regel {number}: verwacht '<notebook> <jaar>', niet {line!r}")
        jobs.add(Job(notebooks_dir / f"{parts[0]}.ipynb", int(parts[1])))
    return sorted(jobs, key=lambda j: (j.year, j.notebook.name))


def _merge_parts(year_dir: Path, name: str) -> tuple[Path, Any] | None:
    """Concatenate ``<year_dir>/<name>/*.csv`` (one per notebook) into ``<year_dir>/<name>.csv``;
    None when no notebook wrote a part."""
    import pandas as pd

    parts = sorted((year_dir / name).glob("*.csv"))
    if not parts and name != "reproduction":
        return None
    frames = [pd.read_csv(p).assign(notebook=p.stem) for p in parts]
    merged = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    target = paths.write_atomic(
        year_dir / f"{name}.csv",
        merged.to_csv(index=False, lineterminator="\n", float_format="%.6g"),
    )
    return target, merged


def merge_reproduction(year_dir: Path) -> Path:
    """Concatenate ``<year_dir>/reproduction/*.csv`` (one per notebook) into
    ``<year_dir>/reproduction.csv``, and ``<year_dir>/claims/*.csv`` into ``claims.csv``."""
    year_dir = Path(year_dir)
    target, merged = _merge_parts(year_dir, "reproduction")
    within = int(merged["within_tolerance"].sum()) if len(merged) else 0
    print(
        f"{paths.display(target)}: {within} van {len(merged)} gepubliceerde cijfers binnen de "
        "tolerantie"
    )
    claims = _merge_parts(year_dir, "claims")
    if claims is not None:
        claims_target, rows = claims
        testable = rows[rows["status"] != "not_testable"] if len(rows) else rows
        reproduced = int((testable["status"] == "reproduced").sum()) if len(rows) else 0
        print(
            f"{paths.display(claims_target)}: {reproduced} van {len(testable)} toetsbare "
            "uitspraken gereproduceerd"
        )
    return target


def read_comparison_queue(path: Path) -> list[tuple[str, int, int]]:
    """Comparison pages from a queue file (``<notebook name> <year a> <year b>`` per line),
    duplicates dropped, in a fixed order."""
    pages: set[tuple[str, int, int]] = set()
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 3 or not (parts[1].isdigit() and parts[2].isdigit()):
            raise ValueError(
                f"{path}, regel {number}: verwacht '<notebook> <jaar> <jaar>', niet {line!r}"
            )
        pages.add((parts[0], int(parts[1]), int(parts[2])))
    return sorted(pages)


def write_comparisons(queue: Path, out_dir: Path) -> int:
    """Every comparison page of ``queue`` in this one process (the libraries imported once)."""
    from werkdruk_utils.publish.comparisons import write_diff

    pages = read_comparison_queue(queue) if queue.is_file() else []
    queue.unlink(missing_ok=True)
    start = time.perf_counter()
    for notebook, year_a, year_b in pages:
        html, text = write_diff(out_dir, notebook, year_a, year_b)
        print(f"{paths.display(html)}, {Path(text).name}")
    print(f"vergelijkingen: {len(pages)} pagina's in {time.perf_counter() - start:.1f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Execute chapter notebooks for measurement years and render HTML."
    )
    parser.add_argument("notebook", type=Path, nargs="*")
    parser.add_argument(
        "--merge-reproduction",
        type=Path,
        metavar="YEAR_DIR",
        help="merge the per-notebook reproduction CSVs of one output year folder",
    )
    parser.add_argument(
        "--queue", type=Path, help="file with '<notebook name> <year>' per line (removed when read)"
    )
    parser.add_argument(
        "--notebooks-dir",
        type=Path,
        default=None,
        help="folder of the queued notebooks (default: notebooks/)",
    )
    parser.add_argument(
        "--comparisons",
        type=Path,
        metavar="QUEUE",
        help="write the comparison pages of a file with '<notebook> <year a> <year b>' per line",
    )
    parser.add_argument("--year", type=int, action="append", help="measurement year (repeatable)")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--show-code", action="store_true")
    parser.add_argument(
        "--jobs", type=int, default=None, help="warm kernels (default: make's -jN, else every core)"
    )
    args = parser.parse_args(argv)
    if args.comparisons is not None:
        return write_comparisons(args.comparisons, args.out or paths.OUTPUTS_DIR)
    if args.merge_reproduction is not None:
        merge_reproduction(args.merge_reproduction)
        return 0
    if args.queue is not None:
        jobs = read_queue(args.queue, args.notebooks_dir) if args.queue.is_file() else []
        args.queue.unlink(missing_ok=True)
    elif args.notebook and args.year:
        jobs = [Job(nb, y) for y in args.year for nb in args.notebook]
    else:
        parser.error("give notebooks and --year, or --queue FILE (or --merge-reproduction DIR)")
    if not jobs:
        print("notebooks: niets te doen, alle uitvoer is actueel")
        return 0
    start = time.perf_counter()
    results, failures = run_jobs(jobs, args.data, args.out, args.show_code, args.jobs)
    out_dir = (args.out if args.out is not None else paths.OUTPUTS_DIR).resolve()
    for year in sorted({r.year for r in results}):
        merge_reproduction(out_dir / str(year))
    if failures:
        print(f"FOUT: {len(failures)} van {len(jobs)} notebook-jaren mislukt:", file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    print(f"notebooks: {len(results)} notebook-jaren in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
