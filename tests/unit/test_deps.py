"""Dependencies computed from the imports (werkdruk_utils.deps) and the atomic writer."""

from __future__ import annotations

import ast
import json
import os
import stat

import pytest

from werkdruk_utils import deps, paths


def notebook(tmp_path, *cells: str):
    nb = {
        "cells": [{"cell_type": "code", "metadata": {}, "source": c, "outputs": []} for c in cells]
        + [{"cell_type": "markdown", "metadata": {}, "source": "import werkdruk_utils.synth"}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "07_test.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_imported_modules_from_import_statements_anywhere():
    tree = ast.parse(
        "import a.b\nfrom c import d, e\ndef f():\n    from g.h import i\nfrom .j import k\n"
        "from .. import m\n"
    )
    found = deps.imported_modules(tree, "werkdruk_utils.present.report")
    assert {"a.b", "c", "c.d", "c.e", "g.h", "g.h.i"} <= found
    assert "werkdruk_utils.present.j" in found and "werkdruk_utils.present.j.k" in found
    assert "werkdruk_utils.m" in found
    package = deps.imported_modules(ast.parse("from . import x"), "werkdruk_utils.stats", True)
    assert "werkdruk_utils.stats.x" in package


def test_closure_follows_imports_and_includes_the_packages_on_the_way():
    loader = deps.closure(["werkdruk_utils.inputs.load"])
    assert {
        "werkdruk_utils",
        "werkdruk_utils.inputs",
        "werkdruk_utils.inputs.load",
        "werkdruk_utils.inputs.readers",
        "werkdruk_utils.inputs.validation",
        "werkdruk_utils.inputs.codebook",  # imported inside a function
        "werkdruk_utils.paths",
    } <= loader
    assert not any(
        m.startswith(("werkdruk_utils.present", "werkdruk_utils.chapters")) for m in loader
    )


def test_a_notebook_depends_on_what_it_imports_and_on_the_build(tmp_path):
    path = notebook(
        tmp_path,
        "%matplotlib inline\n!ls\nfrom werkdruk_utils.chapters import ch04_besteding as ch",
        "x = 1",
    )
    found = deps.dependencies(deps.notebook_modules(path))
    assert "werkdruk_utils/chapters/ch04_besteding.py" in found
    assert "werkdruk_utils/publish/build.py" in found  # executes and renders every notebook
    assert "werkdruk_utils/chapters/ch03_proces.py" not in found
    assert "werkdruk_utils/synth/__init__.py" not in found  # a markdown cell is no code
    assert "data/codebook.yaml" in found  # the loader reads it (paths.CODEBOOK_PATH)


def test_reference_data_named_in_the_source():
    readers = deps.data_files(
        ["werkdruk_utils.present.report_data", "werkdruk_utils.declare.descriptives"]
    )
    names = {str(p.relative_to(paths.ROOT)) for p in readers}
    # DATA_DIR / "case_studies" (a folder) and POPULATION_DIR / "response_population.csv" (a file)
    assert {
        "data/case_studies/case_schools.csv",
        "data/case_studies/case_interviewees.csv",
        "data/population/response_population.csv",
    } <= names
    assert not any(n.startswith("data/synthetic") for n in names)
    ch05 = deps.data_files(["werkdruk_utils.present.history"])
    assert paths.REFERENCE_DIR / "trend_history.csv" in ch05
    assert deps.data_files(["werkdruk_utils.paths"]) == set()  # it names folders, reads nothing


def test_make_include_has_one_variable_per_notebook_and_step(tmp_path):
    path = notebook(tmp_path, "from werkdruk_utils.present import report")
    text = deps.make_include([path])
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    names = [line.split(" := ")[0] for line in lines]
    assert names == ["DEPS_07_test"] + [f"DEPS_{s}" for s in deps.STEPS]
    assert all(" := werkdruk_utils/" in line or " := data/" in line for line in lines)
    with pytest.raises(deps.DependencyError):
        deps.make_variable("a name")


def test_an_unreadable_notebook_is_named(tmp_path):
    path = tmp_path / "08_kapot.ipynb"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(deps.DependencyError, match="08_kapot.ipynb"):
        deps.notebook_modules(path)
    assert deps.main(["--make", str(path)]) == 1


def test_write_atomic_writes_whole_files_through_build_tmp(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "TMP_DIR", tmp_path / "tmp")
    target = tmp_path / "out" / "page.html"
    target.parent.mkdir()
    paths.write_atomic(target, "één pagina\n")
    assert target.read_text(encoding="utf-8") == "één pagina\n"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert list((tmp_path / "tmp").iterdir()) == []
    # a write that cannot be completed leaves nothing behind, neither here nor in build/tmp
    blocked = tmp_path / "out" / "folder"
    (blocked / "inside").mkdir(parents=True)
    with pytest.raises(OSError):
        paths.write_atomic(blocked, b"x")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["folder", "page.html"]
    assert list((tmp_path / "tmp").iterdir()) == []


def test_files_beside_the_modules_are_dependencies_of_the_modules_that_name_them():
    # every chapter page is rendered with the nbconvert template (publish/pages.py names its
    # folder: Path(__file__).with_name("templates")) ...
    chapter = deps.dependencies(deps.closure(deps.ALWAYS))
    template = "werkdruk_utils/publish/templates/werkdruk/index.html.j2"
    assert template in chapter and "werkdruk_utils/publish/templates/werkdruk/conf.json" in chapter
    # ... but only links the stylesheet: editing it re-writes the assets, not the notebooks
    assert not any(f.startswith("werkdruk_utils/publish/assets/") for f in chapter)
    assets = deps.dependencies(deps.closure(["werkdruk_utils.publish.static"]))
    assert {
        "werkdruk_utils/publish/assets/werkdruk.css",
        "werkdruk_utils/publish/assets/werkdruk.js",
    } <= set(assets)


def test_package_data_is_found_by_file_name_or_by_a_folder_used_as_a_path(tmp_path, monkeypatch):
    package = tmp_path / "werkdruk_utils" / "extra"
    (package / "templates" / "page").mkdir(parents=True)
    (package / "templates" / "page" / "page.j2").write_text("x", encoding="utf-8")
    (package / "style.css").write_text("x", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "uses.py").write_text(
        'from pathlib import Path\nT = Path(__file__).with_name("templates")\nS = "style.css"\n',
        encoding="utf-8",
    )
    (package / "mentions.py").write_text('URL = "templates"\n', encoding="utf-8")
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    uses = deps.data_files(["werkdruk_utils.extra.uses"])
    assert uses == {package / "templates" / "page" / "page.j2", package / "style.css"}
    # a string that is no path (a URL part, a label) names no folder
    assert deps.data_files(["werkdruk_utils.extra.mentions"]) == set()
