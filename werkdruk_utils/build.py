"""Execute one chapter notebook for one measurement year and render it to HTML.

``python -m werkdruk_utils.build notebooks/02_ervaren_werkdruk.ipynb --year 2024 [--data DIR] [--out DIR] [--show-code]``

Writes ``<out>/<year>/<notebook>.ipynb`` (executed) and ``<out>/<year>/<notebook>.html``. Both
are written to temporary files and renamed only when everything succeeded, so a failed run
leaves no file that looks up to date. Volatile metadata (execution times, random cell ids) is
removed so that the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from werkdruk_utils import paths


class NotebookFailed(RuntimeError):
    """A cell raised: names the notebook, the year and the cell."""


@dataclass(frozen=True)
class BuildResult:
    notebook: Path
    year: int
    html: Path
    executed: Path
    seconds: float


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what changes from run to run: timings, papermill's random ids, execution metadata."""
    pm = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "exception", "input_path", "output_path"):
        pm.pop(key, None)
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index:03d}"
        cell.metadata.pop("execution", None)
        papermill_meta = cell.metadata.get("papermill", {})
        for key in ("start_time", "end_time", "duration", "exception", "status"):
            papermill_meta.pop(key, None)
    return nb


def to_html(nb: nbformat.NotebookNode, show_code: bool) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input = not show_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": nb.metadata.get("title", "werkdruk")}})
    return body


def build(notebook: Path, year: int, data_dir: Path | None = None, out_dir: Path | None = None, show_code: bool = False) -> BuildResult:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    notebook = Path(notebook).resolve()
    data_dir = Path(data_dir).resolve() if data_dir is not None else paths.SYNTHETIC_DIR
    year_dir = (Path(out_dir) if out_dir is not None else paths.OUTPUTS_DIR).resolve() / str(year)
    year_dir.mkdir(parents=True, exist_ok=True)
    executed = year_dir / f"{notebook.stem}.ipynb"
    html = year_dir / f"{notebook.stem}.html"
    tmp_executed = executed.with_name(f".tmp-{executed.name}")
    start = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(notebook), str(tmp_executed),
            # Paths inside the project are passed relative to its root, so that the executed notebook
            # does not depend on where the project is checked out.
            parameters={"year": int(year), "data_dir": paths.display(data_dir), "output_dir": paths.display(year_dir)},
            cwd=str(notebook.parent), progress_bar=False, log_output=False, kernel_name="python3",
        )
    except PapermillExecutionError as exc:
        tmp_executed.unlink(missing_ok=True)
        raise NotebookFailed(
            f"{notebook.name}, meting {year}: cel {exc.exec_count if exc.exec_count is not None else exc.cell_index} "
            f"faalde met {exc.ename}: {exc.evalue}"
        ) from None
    nb = normalise(nbformat.read(tmp_executed, as_version=4))
    tmp_executed.unlink()
    text = nbformat.writes(nb) + "\n"
    tmp_ipynb = executed.with_name(f".{executed.name}.part")
    tmp_ipynb.write_text(text, encoding="utf-8")
    tmp_html = html.with_name(f".{html.name}.part")
    tmp_html.write_text(to_html(nb, show_code), encoding="utf-8")
    tmp_ipynb.replace(executed)
    tmp_html.replace(html)
    return BuildResult(notebook, int(year), html, executed, time.perf_counter() - start)


def merge_reproduction(year_dir: Path) -> Path:
    """Concatenate ``<year_dir>/reproduction/*.csv`` (one per notebook) into ``<year_dir>/reproduction.csv``."""
    import pandas as pd

    year_dir = Path(year_dir)
    parts = sorted((year_dir / "reproduction").glob("*.csv"))
    frames = [pd.read_csv(p).assign(notebook=p.stem) for p in parts]
    merged = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    target = year_dir / "reproduction.csv"
    tmp = year_dir / ".reproduction.csv.part"
    merged.to_csv(tmp, index=False, lineterminator="\n", float_format="%.6g")
    tmp.replace(target)
    within = int(merged["within_tolerance"].sum()) if len(merged) else 0
    print(f"{paths.display(target)}: {within} van {len(merged)} gepubliceerde cijfers binnen de tolerantie")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Execute a chapter notebook for one measurement year and render HTML.")
    parser.add_argument("notebook", type=Path, nargs="?")
    parser.add_argument("--merge-reproduction", type=Path, metavar="YEAR_DIR",
                        help="merge the per-notebook reproduction CSVs of one output year folder")
    parser.add_argument("--year", type=int)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--show-code", action="store_true")
    args = parser.parse_args(argv)
    if args.merge_reproduction is not None:
        merge_reproduction(args.merge_reproduction)
        return 0
    if args.notebook is None or args.year is None:
        parser.error("give a notebook and --year (or --merge-reproduction DIR)")
    try:
        result = build(args.notebook, args.year, args.data, args.out, args.show_code)
    except NotebookFailed as exc:
        print(f"FOUT: {exc}", file=sys.stderr)
        return 1
    print(f"{result.notebook.stem} {result.year}: {result.seconds:.1f} s -> {paths.display(result.html)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
