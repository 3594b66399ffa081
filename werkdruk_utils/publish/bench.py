"""``make bench``: how fast the build is, measured in one run and printed beside its targets.

Everything runs in a copy of the project in a temporary folder (:func:`copy_project`: the
project's files, its environment, an empty measurement cache), so the project's own data,
outputs and cache are never touched. Measured, in this order:

* **clean** ``make all`` (everything: synthetic data, every notebook x year, comparisons, index,
  output check) with every core, and its **peak memory** (largest total resident memory of make
  and every process below it, sampled every 0.1 s);
* **comparisons + index + output check**: their outputs removed, ``make all`` again;
* **no-op**: ``make all`` once more, nothing to do (median of five);
* **one chapter module edited**: a comment line added to ``chapters/ch04_besteding.py``, then
  ``make all`` (the notebooks that import it and their comparison pages run);
* the **floor**: notebook-years x the time to start a kernel and import the notebooks'
  libraries (median of three), divided by the number of cores;
* the **plain way**: per notebook-year, serially, the ``papermill`` command line and then the
  ``jupyter nbconvert`` command line, without cache or comparisons (``--plain-sample K`` runs
  every K-th notebook-year and scales the time);
* **interactive use**, as in JupyterLab: per chapter notebook, a fresh kernel runs every cell
  with the defaults (median of three; the measurement cache and the bytecode as a researcher's
  second opening finds them), then the first declaration with a weighting gets
  ``weighting="none"`` and only that cell and the table or figure cell after it run again.

The load average is printed before and after: other work on the machine slows every figure.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from werkdruk_utils import measurements, paths

IMPORTS = (
    "import numpy, pandas, matplotlib, matplotlib.pyplot, IPython.display; "
    "import werkdruk_utils.present.report, werkdruk_utils.declare"
)
"""What every chapter notebook imports (seaborn and scipy.stats are not among them)."""
WEIGHTING = re.compile(r'weighting="(?!none")[a-z_]+"')
RENDERS = ("chapter.table(", "chapter.figure(")
EDITED_MODULE = "werkdruk_utils/chapters/ch04_besteding.py"
BUILT = ("data/synthetic", "data/.synthetic.stamp", "outputs", "build/state", "build/deps")
BUILT_FILES = ("build/measurements.mk",)


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    ).stdout


def copy_project(root: Path, built: bool = False) -> Path:
    """The project's files (tracked and new, not ignored) in ``root``, as a fresh git repository
    with one commit, using the project's environment; with ``built``, also what ``make all``
    built, with its dates (so that make in the copy has nothing to do).

    The environment is a folder of links to the project's ``.venv`` with an install stamp of its
    own: make in the copy finds it installed and never re-installs the package from the copy."""
    listed = git(paths.ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = paths.ROOT / name
        if source.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    for name in (BUILT + BUILT_FILES) if built else ():
        source = paths.ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, symlinks=True, copy_function=shutil.copy2)
        elif source.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    venv = root / ".venv"
    venv.mkdir()
    for entry in (paths.ROOT / ".venv").iterdir():
        if entry.name != ".installed":
            (venv / entry.name).symlink_to(entry)
    (venv / ".installed").touch()
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(
        root, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qm", "copy"
    )
    return root


def copy_environment(root: Path, cache: Path | None = None) -> dict[str, str]:
    """The environment for make in a copy: its own lock and make level, the copy's package
    (``PYTHONPATH``), the given measurement cache (default: the project's)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(root),
        "WERKDRUK_CACHE": str(cache or paths.ROOT / "build" / "cache"),
    }
    for key in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"):
        env.pop(key, None)
    return env


class PeakMemory:
    """Largest total resident memory of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _total(self) -> int:
        import psutil

        try:
            root = psutil.Process(self.pid)
            processes = [root, *root.children(recursive=True)]
        except psutil.Error:
            return 0
        total = 0
        for process in processes:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._total())
            time.sleep(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def timed(
    command: list[str], cwd: Path, env: dict[str, str] | None = None, memory: bool = False
) -> tuple[float, int, str]:
    """Run ``command``; wall seconds, peak memory (bytes, 0 unless asked), stdout."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    if memory:
        with PeakMemory(process.pid) as peak:
            out, err = process.communicate()
        peak_bytes = peak.peak
    else:
        out, err = process.communicate()
        peak_bytes = 0
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{out}\n{err}")
    return seconds, peak_bytes, out


def kernel_start_and_imports(env: dict[str, str], repeats: int = 3) -> float:
    """Median seconds to start a kernel and import the notebooks' libraries in it."""
    from jupyter_client.manager import KernelManager

    times = []
    for _ in range(repeats):
        sockets = tempfile.mkdtemp(prefix="werkdruk-kernel-")
        start = time.perf_counter()
        km = KernelManager(
            kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "kernel")
        )
        km.start_kernel(env=env)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            reply = kc.execute_interactive(IMPORTS, timeout=300, output_hook=lambda msg: None)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"imports failed in the kernel: {reply['content']}")
            times.append(time.perf_counter() - start)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
            shutil.rmtree(sockets, ignore_errors=True)
    return statistics.median(times)


def plain_way(jobs: list[tuple[str, int]], root: Path, env: dict[str, str]) -> float:
    """Serially: papermill CLI then jupyter nbconvert CLI per notebook-year; total wall seconds."""
    bin_dir = Path(sys.executable).parent
    env = {**env, "WERKDRUK_CACHE": "off"}
    out = root / "plain"
    total = 0.0
    for name, year in jobs:
        year_dir = out / str(year)
        year_dir.mkdir(parents=True, exist_ok=True)
        executed = year_dir / f"{name}.ipynb"
        notebook = root / "notebooks" / f"{name}.ipynb"
        parameters = ["-p", "year", str(year), "-p", "output_dir", str(year_dir)]
        papermill = [str(bin_dir / "papermill"), str(notebook), str(executed), *parameters]
        papermill += ["--cwd", str(root / "notebooks"), "-k", "python3", "--no-progress-bar"]
        total += timed(papermill, root, env)[0]
        nbconvert = [str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input"]
        total += timed([*nbconvert, str(executed)], root, env)[0]
    return total


def interactive(
    root: Path, env: dict[str, str], repeats: int = 3
) -> dict[str, tuple[float, float]]:
    """Per chapter notebook: median seconds for a fresh kernel to run every cell, and seconds to
    run one changed declaration and the table or figure after it again (see the docstring)."""
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    env = {**env, "PYTHONPYCACHEPREFIX": str(root / "build" / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = {}
    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        runs, rerun = [], float("nan")
        for _ in range(repeats):
            nb = nbformat.read(path, as_version=4)
            sockets = tempfile.mkdtemp(prefix="werkdruk-kernel-")
            km = KernelManager(
                kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "kernel")
            )
            client = NotebookClient(nb, km=km, timeout=600, kernel_name="python3")
            client.resources = {"metadata": {"path": str(path.parent)}}
            start = time.perf_counter()
            try:
                with client.setup_kernel(env=env):
                    for index, cell in enumerate(nb.cells):
                        if cell.cell_type == "code":
                            client.execute_cell(cell, index)
                    runs.append(time.perf_counter() - start)
                    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
                    changed = next((i for i in code if WEIGHTING.search(nb.cells[i].source)), None)
                    if changed is not None:
                        cell = nb.cells[changed]
                        cell.source = WEIGHTING.sub('weighting="none"', cell.source, count=1)
                        after = [i for i in code if i > changed]
                        shown = next(
                            (i for i in after if nb.cells[i].source.startswith(RENDERS)), None
                        )
                        start = time.perf_counter()
                        for index in sorted({changed} | ({shown} if shown is not None else set())):
                            client.execute_cell(nb.cells[index], index)
                        rerun = time.perf_counter() - start
            finally:
                if km.has_kernel:
                    km.shutdown_kernel(now=True)
                shutil.rmtree(sockets, ignore_errors=True)
        out[path.stem] = (statistics.median(runs), rerun)
    return out


@dataclass
class Row:
    label: str
    value: str
    target: str = ""
    met: bool | None = None

    def line(self) -> str:
        mark = "" if self.met is None else ("ja" if self.met else "NEE")
        return f"  {self.label:<48} {self.value:>10}  {self.target:<12}{mark}"


def _seconds(value: float) -> str:
    return f"{value:.2f} s".replace(".", ",")


def _ratio(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def measure(root: Path, env: dict[str, str], jobs: list, plain_sample: int) -> list[Row]:
    """Every measurement of the module docstring, in a copy of the project at ``root``."""
    cores = os.cpu_count() or 1
    build = [shutil.which("make") or "make", "--no-print-directory", "all", f"-j{cores}"]
    clean, peak, _ = timed(build, root, env, memory=True)
    print(Row("clean make all (data, notebooks, rest)", _seconds(clean)).line(), flush=True)
    for name in ("outputs/diff", "outputs/index.html"):
        shutil.rmtree(root / name) if (root / name).is_dir() else (root / name).unlink()
    for stamp in ("comparisons", "outputs-checked"):
        (root / "build" / "state" / "outputs" / stamp).unlink()
    rest = timed(build, root, env)[0]
    noop = statistics.median(timed(build, root, env)[0] for _ in range(5))
    edited = root / EDITED_MODULE
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# bench\n", encoding="utf-8")
    edit, _, edit_out = timed(build, root, env)
    ran = sum(1 for line in edit_out.splitlines() if line.startswith("["))
    kernel = kernel_start_and_imports(env)
    floor = len(jobs) * kernel / cores
    sample = jobs[:: max(1, plain_sample)]
    plain = plain_way(sample, root, env) * len(jobs) / len(sample)
    scaled = "" if len(sample) == len(jobs) else f" ({len(sample)} of {len(jobs)}, scaled)"
    memory = f"{peak / 2**20:.0f} MiB"
    notebooks = interactive(root, env)
    slowest = max(notebooks, key=lambda name: notebooks[name][0])
    changed = [name for name in notebooks if not math.isnan(notebooks[name][1])]
    slowest_rerun = max(changed, key=lambda name: notebooks[name][1])
    run_all, rerun = notebooks[slowest][0], notebooks[slowest_rerun][1]
    per_notebook = [
        Row(
            f"  {name}: run all / re-run",
            f"{_seconds(a)} / {'–' if math.isnan(b) else _seconds(b)}",
        )
        for name, (a, b) in notebooks.items()
    ]
    return [
        Row("clean make all (data, notebooks, rest)", _seconds(clean)),
        Row("comparisons + index + output check", _seconds(rest), "<= 5 s", rest <= 5),
        Row("no-op make all (median of 5)", _seconds(noop), "<= 0,1 s", noop <= 0.1),
        Row(
            f"make all after editing one chapter ({ran} nb-years)",
            _seconds(edit),
            "<= 12 s",
            edit <= 12,
        ),
        Row("peak memory of the clean build", memory, "< 1024 MiB", peak < 2**30),
        Row("kernel start + imports (median of 3)", _seconds(kernel)),
        Row(f"floor: {len(jobs)} x kernel / {cores} cores", _seconds(floor)),
        Row("clean make all / floor", _ratio(clean / floor), "<= 1,5", clean / floor <= 1.5),
        Row(f"plain way: papermill + nbconvert{scaled}", _seconds(plain)),
        Row("clean make all / plain way", _ratio(clean / plain), "<= 0,25", clean / plain <= 0.25),
        Row(
            f"notebook run all, fresh kernel (slowest: {slowest[:2]})",
            _seconds(run_all),
            "< 8 s",
            run_all < 8,
        ),
        Row(
            f"re-run one changed declaration (slowest: {slowest_rerun[:2]})",
            _seconds(rerun),
            "< 2 s",
            rerun < 2,
        ),
        *per_notebook,
    ]


def _load() -> str:
    return " / ".join(f"{v:.2f}" for v in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the build (make bench).")
    parser.add_argument(
        "--plain-sample",
        type=int,
        default=1,
        metavar="K",
        help="run the plain way for every K-th notebook-year only and scale (default 1: all)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    names = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    jobs = [(n, y) for y in measurements.years() for n in names]
    work = Path(tempfile.mkdtemp(prefix="werkdruk-bench-"))
    root = copy_project(work / "werkdruk")
    print(
        f"werkdruk bench {time.strftime('%Y-%m-%d %H:%M')}: {os.cpu_count()} cores, {len(jobs)} "
        f"notebook-years, load average {_load()} (1 / 5 / 15 min)",
        flush=True,
    )
    try:
        rows = measure(root, copy_environment(root, cache=work / "cache"), jobs, args.plain_sample)
        for row in rows[1:]:
            print(row.line(), flush=True)
    finally:
        print(f"  load average after: {_load()}", flush=True)
        if args.keep:
            print(f"  kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if all(r.met is not False for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
