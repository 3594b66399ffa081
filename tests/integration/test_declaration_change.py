"""A declaration changed on purpose changes its table, its CSV, the sentences written from it and
its rows of the self-check, and nothing else.

Tabel 3.4 (how the use of the funds was aligned with the board) is declared weighted by sector, as
the report does. Declared unweighted instead, the 2024 page of chapter 3 is built again next to
the unchanged one (both into temporary folders). (Tabel 3.1 would not do: it is split by sector,
and within a sector every schoolleider has the same weight, so any weighting by sector or by
function x sector gives its unweighted numbers.)
"""

from __future__ import annotations

import copy
import json
from io import BytesIO

import nbformat
import pandas as pd
import pytest

from werkdruk_utils import paths
from werkdruk_utils.publish.build import Job, run_jobs

pytestmark = pytest.mark.slow

NOTEBOOK = "03_proces"
YEAR = 2024
DECLARATION = "board = chapter.estimate("  # the cell that declares the estimate of Tabel 3.4
BEFORE = 'population="school_leaders", weighting="sector",\n)'
AFTER = 'population="school_leaders", weighting="none",\n)'


def outputs_of(folder):
    """Code and outputs per code cell (the injected parameters left out, the output folder
    written as OUT), the table CSVs and the self-check rows of the 2024 page in ``folder``."""
    executed = json.loads((folder / str(YEAR) / f"{NOTEBOOK}.ipynb").read_text("utf-8"))
    code = [
        c
        for c in executed["cells"]
        if c["cell_type"] == "code" and "injected-parameters" not in c["metadata"].get("tags", [])
    ]
    shown = str(folder / str(YEAR))
    cells = [json.dumps(c.get("outputs", []), sort_keys=True).replace(shown, "OUT") for c in code]
    sources = ["".join(c["source"]) for c in code]
    tables = {p.name: p.read_bytes() for p in (folder / str(YEAR) / "tables").glob("*.csv")}
    checked = pd.read_csv(folder / str(YEAR) / "reproduction" / f"{NOTEBOOK}.csv")
    return sources, cells, tables, checked


def build_into(notebook_dir, out):
    results, failures = run_jobs(
        [Job(notebook_dir / f"{NOTEBOOK}.ipynb", YEAR)],
        out_dir=out,
        workers=1,
        report=lambda line, error=False: None,
    )
    assert not failures, failures


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    root = tmp_path_factory.mktemp("declaration")
    original = nbformat.read(paths.NOTEBOOKS_DIR / f"{NOTEBOOK}.ipynb", as_version=4)
    changed = copy.deepcopy(original)
    (cell,) = [c for c in changed.cells if DECLARATION in c.source]
    assert cell.source.count(BEFORE) == 1, "Tabel 3.4 is declared otherwise: adapt the test"
    cell.source = cell.source.replace(BEFORE, AFTER)
    out = {}
    for name, notebook in (("original", original), ("changed", changed)):
        notebooks = root / name / "notebooks"
        notebooks.mkdir(parents=True)
        nbformat.write(notebook, notebooks / f"{NOTEBOOK}.ipynb")
        build_into(notebooks, root / name / "out")
        out[name] = outputs_of(root / name / "out")
    return out


def test_only_the_declaration_cell_changed(pages):
    before, after = pages["original"][0], pages["changed"][0]
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) == 1 and AFTER in after[changed[0]]


def test_the_table_its_text_and_its_self_check_change_and_nothing_else(pages):
    sources, before = pages["original"][0], pages["original"][1]
    after = pages["changed"][1]
    changed = {i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b}
    declaration = next(i for i, s in enumerate(sources) if DECLARATION in s)
    table = next(i for i, s in enumerate(sources) if '"Tabel 3.4", board' in s)
    check = next(i for i, s in enumerate(sources) if "chapter.self_check" in s)
    assert changed == {declaration, table, check}


def test_only_the_csv_of_tabel_3_4_changes(pages):
    before, after = pages["original"][2], pages["changed"][2]
    assert set(before) == set(after)
    assert [name for name in before if before[name] != after[name]] == ["tabel_3_4.csv"]
    old = pd.read_csv(BytesIO(before["tabel_3_4.csv"]))
    new = pd.read_csv(BytesIO(after["tabel_3_4.csv"]))
    assert (old["n"] == new["n"]).all()  # same respondents, other weights
    assert (old["estimate"] - new["estimate"]).abs().max() > 0.01


def test_the_self_check_compares_the_published_numbers_with_the_new_declaration(pages):
    before, after = pages["original"][3], pages["changed"][3]
    keys = ["source_id", "group", "category", "statistic"]
    merged = before.merge(after, on=keys, suffixes=("_before", "_after"))
    assert len(merged) == len(before) == len(after)
    moved = merged[merged["reproduced_before"] != merged["reproduced_after"]]
    assert set(moved["source_id"]) == {"Tabel 3.4"}
    assert set(moved["statistic"]) == {"percent"}  # the printed N is the report's, not a weight
    assert moved["note_after"].str.contains("volgens de declaratie op deze pagina").all()
