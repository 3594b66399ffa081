"""The committed notebooks: no outputs, one parameters cell with working defaults, no numbers typed
by hand."""

from __future__ import annotations

import ast
import json
import re

import pytest

from werkdruk_utils import measurements, paths

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
PARAMETERS = {"year", "data_dir", "output_dir", "min_n"}
# Digits a narrative may contain: section numbers and references to numbered tables, figures,
# paragraphs and appendices.
ALLOWED_NUMBERS = re.compile(
    r"^#+\s*[\d.]+\s|"  # a heading's section number
    r"(Tabel|Tabellen|Figuur|Figuren|[Pp]aragraaf|[Pp]aragrafen|[Hh]oofdstuk|Bijlage|§|voetnoot|voetnoten|"
    r"stelling|stellingen|[Vv]raag|[Vv]ragen)\s*B?\d+(\.\d+)?"
    r"(\s*(–|-|t/m|tot en met|en|,)\s*B?\d+(\.\d+)?)*",
    re.MULTILINE,
)


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_is_a_notebook_per_chapter():
    assert NOTEBOOKS, "no chapter notebooks found"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    for cell in load(path)["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, (
                f"{path.name}: strip outputs"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_parameters_cell_with_working_defaults(path):
    cells = [
        c for c in load(path)["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])
    ]
    assert len(cells) == 1, f"{path.name}: exactly one cell tagged 'parameters'"
    namespace: dict = {}
    exec("".join(cells[0]["source"]), namespace)  # noqa: S102 - the project's own parameters cell
    assert PARAMETERS <= set(namespace), (
        f"{path.name}: parameters {PARAMETERS - set(namespace)} missing"
    )
    assert namespace["year"] == measurements.latest(), "the default is the latest measurement"
    assert namespace["data_dir"] is None and namespace["output_dir"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_numbers_typed_by_hand(path):
    for index, cell in enumerate(load(path)["cells"]):
        source = "".join(cell["source"])
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            continue
        if cell["cell_type"] == "markdown":
            rest = ALLOWED_NUMBERS.sub("", source)
            digits = re.findall(r"\d[\d.,]*", rest)
            assert not digits, (
                f"{path.name} cell {index}: number(s) {digits} typed in the narrative"
            )
        else:
            tree = ast.parse(source)
            # The one number a declaration may state: how many decimals a table prints.
            precision = {
                id(k.value)
                for k in ast.walk(tree)
                if isinstance(k, ast.keyword) and k.arg == "decimals"
            }
            literals = [
                n.value
                for n in ast.walk(tree)
                if isinstance(n, ast.Constant)
                and isinstance(n.value, (int, float))
                and not isinstance(n.value, bool)
                and id(n) not in precision
            ]
            assert not literals, f"{path.name} cell {index}: numeric literal(s) {literals} in code"
