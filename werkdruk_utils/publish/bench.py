"""``make bench``: how fast the build is, against the plain way and against the floor.

Prints, in one run:

* the wall time of generating the synthetic data (separately);
* the clean build of every notebook-year (``make notebooks`` into a fresh output folder with an
  empty cache, every core);
* the same work done the plain way: per notebook-year, serially, the ``papermill`` command line
  and then the ``jupyter nbconvert`` command line (no cache), and the ratio of the two;
* the floor: number of notebook-years x the time to start a kernel and import the notebooks'
  libraries, divided by the number of cores, and the clean build's ratio to it;
* the no-op rebuild (``make notebooks`` again) and a rebuild after editing one notebook;
* the peak memory of the clean build (largest sum of the resident memory of make and every process
  below it, sampled every 0.1 s) and the load average before and after.

Everything is built in a temporary folder (notebooks copied there); the project's outputs are not
touched. ``--plain-sample K`` runs the plain way for every K-th notebook-year only and scales the
time by the number of notebook-years (stated in the output).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from werkdruk_utils import measurements, paths

IMPORTS = (
    "import numpy, pandas, scipy.stats, statsmodels.api, matplotlib, matplotlib.pyplot, seaborn, "
    "IPython.display; import werkdruk_utils.present.report"
)


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
    command: list[str], env: dict[str, str] | None = None, memory: bool = False
) -> tuple[float, int, str]:
    """Run ``command`` in the project root; wall seconds, peak memory (bytes, 0 unless asked),
    stdout."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=paths.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
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


def kernel_start_and_imports(repeats: int = 3) -> float:
    """Median seconds to start a kernel and import the notebooks' libraries in it."""
    from jupyter_client.manager import KernelManager

    times = []
    for _ in range(repeats):
        sockets = tempfile.mkdtemp(prefix="werkdruk-kernel-")
        start = time.perf_counter()
        km = KernelManager(
            kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "kernel")
        )
        km.start_kernel()
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


def plain_way(jobs: list[tuple[str, int]], nb_dir: Path, out: Path, data_dir: Path) -> float:
    """Serially: papermill CLI then jupyter nbconvert CLI per notebook-year; total wall seconds."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "WERKDRUK_CACHE": "off"}
    total = 0.0
    for name, year in jobs:
        year_dir = out / str(year)
        year_dir.mkdir(parents=True, exist_ok=True)
        executed = year_dir / f"{name}.ipynb"
        seconds, _, _ = timed(
            [
                str(bin_dir / "papermill"),
                str(nb_dir / f"{name}.ipynb"),
                str(executed),
                "-p",
                "year",
                str(year),
                "-p",
                "data_dir",
                str(data_dir),
                "-p",
                "output_dir",
                str(year_dir),
                "--cwd",
                str(nb_dir),
                "-k",
                "python3",
                "--no-progress-bar",
            ],
            env=env,
        )
        total += seconds
        seconds, _, _ = timed(
            [str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            env=env,
        )
        total += seconds
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the notebook build (make bench).")
    parser.add_argument("--years", type=int, nargs="+", default=list(measurements.years()))
    parser.add_argument(
        "--plain-sample",
        type=int,
        default=1,
        metavar="K",
        help="run the plain way for every K-th notebook-year only and scale (default 1: all)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    make = shutil.which("make") or "make"
    cores = os.cpu_count() or 1
    names = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    jobs = [(n, y) for y in args.years for n in names]
    work = Path(tempfile.mkdtemp(prefix="werkdruk-bench-"))
    nb_dir = work / "notebooks"
    nb_dir.mkdir()
    for name in names:
        shutil.copy2(paths.NOTEBOOKS_DIR / f"{name}.ipynb", nb_dir / f"{name}.ipynb")
    years = " ".join(str(y) for y in args.years)
    env = {**os.environ, "WERKDRUK_CACHE": str(work / "cache")}
    env.pop("MAKEFLAGS", None)
    env.pop("MAKELEVEL", None)
    lines: list[str] = []

    def say(line: str) -> None:
        lines.append(line)
        print(line, flush=True)

    say(
        f"werkdruk bench, {time.strftime('%Y-%m-%d %H:%M')}, {cores} cores, {len(jobs)} "
        "notebook-years, "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    try:
        data_seconds, _, _ = timed(
            [
                sys.executable,
                "-m",
                "werkdruk_utils.synth",
                "--out",
                str(work / "synthetic"),
                "--years",
                *map(str, args.years),
            ]
        )
        say(f"synthetic data generation           {data_seconds:7.1f} s")
        make_args = [
            make,
            "--no-print-directory",
            "notebooks",
            f"OUT={work / 'out'}",
            f"NOTEBOOK_DIR={nb_dir}",
            f"YEARS={years}",
            f"-j{cores}",
        ]
        timed(
            [make, "--no-print-directory", "data"], env=env
        )  # the project's data exist before timing
        clean, peak, _ = timed(make_args, env=env, memory=True)
        say(f"clean build (make notebooks -j{cores})     {clean:7.1f} s")
        noop, _, _ = timed(make_args, env=env)
        say(f"no-op rebuild (make notebooks)      {noop:7.2f} s")
        os.utime(nb_dir / "04_besteding.ipynb", None)
        edit, _, _ = timed(make_args, env=env)
        say(
            f"rebuild after editing 04_besteding  {edit:7.1f} s  ({len(args.years)} notebook-years)"
        )
        say(f"peak memory of the clean build      {peak / 2**20:7.0f} MiB")
        kernel = kernel_start_and_imports()
        floor = len(jobs) * kernel / cores
        say(
            f"kernel start + imports              {kernel:7.2f} s  -> floor {len(jobs)} x "
            f"{kernel:.2f} / {cores} = {floor:.1f} s"
        )
        say(f"clean build / floor                 {clean / floor:7.2f}    (target <= 1.5)")
        sample = jobs[:: max(1, args.plain_sample)]
        plain = (
            plain_way(sample, nb_dir, work / "plain", paths.SYNTHETIC_DIR) * len(jobs) / len(sample)
        )
        scaled = "" if len(sample) == len(jobs) else f"  ({len(sample)} of {len(jobs)} run, scaled)"
        say(f"plain way (papermill + nbconvert)   {plain:7.1f} s{scaled}")
        say(f"clean build / plain way             {clean / plain:7.2f}    (target <= 0.35)")
        say(f"load average after                  {os.getloadavg()[0]:7.2f}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
