"""What each output depends on, computed from the imports (not listed by hand).

A chapter notebook's output depends on the package modules it imports, directly or through other
modules (every ``import`` and ``from ... import`` anywhere in a module counts, also inside a
function), the ``__init__`` of every package on the way, the modules that execute and render
every notebook (:data:`ALWAYS`), and the data those modules read: files under ``data/`` (the
measurement exports aside) named in the modules' source, by a path constant of
:mod:`werkdruk_utils.paths` or by their file or folder name, and the files beside a module that
are no Python source (templates, stylesheets), named by their file or folder name. The data of
the measurement years a notebook reads and its parameters are added by the Makefile.

``python -m werkdruk_utils.deps --make NOTEBOOK.ipynb ...`` prints the Makefile include
(``build/deps/*.mk``): per notebook ``DEPS_<name>`` and per command-line module ``DEPS_<module>``
for the steps after the notebooks (comparisons, index, output check, synthetic data, summary).

Only the standard library is used, so that computing the graph costs a few tens of
milliseconds.
"""

from __future__ import annotations

import argparse
import ast
import functools
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from werkdruk_utils import paths

PACKAGE = "werkdruk_utils"
PACKAGE_DIR = paths.ROOT / PACKAGE
ALWAYS: tuple[str, ...] = ("werkdruk_utils.publish.build",)
"""Modules every notebook output depends on: they execute the notebook and render its HTML."""
STEPS: tuple[str, ...] = (
    "werkdruk_utils.publish.comparisons",
    "werkdruk_utils.publish.site",
    "werkdruk_utils.publish.static",
    "werkdruk_utils.publish.output_check",
    "werkdruk_utils.publish.summary",
    "werkdruk_utils.synth",
)
"""Command-line modules of the other build steps; each gets its own ``DEPS_<module>``."""
MEASUREMENT_DATA = ("synthetic", "raw")
"""Folders of ``data/`` that hold measurement exports (dependencies per year, not per module)."""


class DependencyError(RuntimeError):
    """A notebook or module cannot be read to find its imports."""


def module_file(name: str, root: Path | None = None) -> Path | None:
    """The source file of package module ``name`` (``werkdruk_utils.x.y``), or None."""
    if name != PACKAGE and not name.startswith(PACKAGE + "."):
        return None
    base = (root or paths.ROOT).joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _resolve_relative(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    parts = module.split(".")
    keep = len(parts) - node.level + (1 if is_package else 0)
    base = ".".join(parts[:keep])
    return f"{base}.{node.module}" if node.module else base


def imported_modules(tree: ast.AST, module: str = "", is_package: bool = False) -> set[str]:
    """Every module name an AST imports: ``import a.b`` gives ``a.b``; ``from a import b`` gives
    ``a`` and ``a.b`` (``b`` may be a module); relative imports are resolved against
    ``module``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = _resolve_relative(node, module, is_package)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


def with_parents(name: str) -> list[str]:
    """``a.b.c`` -> ``a``, ``a.b``, ``a.b.c``: importing a module runs its packages' __init__."""
    parts = name.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


@functools.cache
def _parse(path: Path) -> ast.AST:
    try:
        return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except (OSError, SyntaxError, UnicodeDecodeError) as exc:
        raise DependencyError(f"{paths.display(path)}: cannot read its imports ({exc})") from None


@functools.cache
def _direct(name: str) -> frozenset[str]:
    """The package modules module ``name`` imports itself (with their parent packages)."""
    path = module_file(name)
    if path is None:
        return frozenset()
    found = imported_modules(_parse(path), name, path.name == "__init__.py")
    return frozenset(
        parent
        for imported in found
        for parent in with_parents(imported)
        if module_file(parent) is not None
    )


def closure(names: Iterable[str]) -> set[str]:
    """The package modules ``names`` import, transitively, themselves and their packages
    included."""
    todo = [p for n in names for p in with_parents(n) if module_file(p) is not None]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_direct(name) - seen)
    return seen


def notebook_source(path: Path) -> str:
    """The code cells of a notebook, with IPython magics and shell lines left out."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DependencyError(f"{paths.display(path)}: not a readable notebook ({exc})") from None
    lines: list[str] = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        lines += [line for line in text.splitlines() if not line.lstrip().startswith(("%", "!"))]
    return "\n".join(lines)


def notebook_modules(path: Path) -> set[str]:
    """The package modules a notebook's execution imports (its own imports, transitively, and
    :data:`ALWAYS`)."""
    try:
        tree = ast.parse(notebook_source(path), filename=str(path))
    except SyntaxError as exc:
        raise DependencyError(f"{paths.display(path)}: cannot read its imports ({exc})") from None
    return closure(imported_modules(tree) | set(ALWAYS))


@functools.lru_cache(maxsize=1)
def _reference_files() -> tuple[dict[str, tuple[Path, ...]], dict[str, tuple[Path, ...]]]:
    """File names and folder names under ``data/`` (measurement exports aside) -> the files
    they denote."""
    files: dict[str, list[Path]] = {}
    folders: dict[str, list[Path]] = {}
    for path in sorted(paths.DATA_DIR.rglob("*")):
        relative = path.relative_to(paths.DATA_DIR)
        if relative.parts[0] in MEASUREMENT_DATA or any(p.startswith(".") for p in relative.parts):
            continue
        if path.is_file():
            files.setdefault(path.name, []).append(path)
            for folder in relative.parents:
                if folder.name:
                    folders.setdefault(folder.name, []).append(path)
    return (
        {name: tuple(found) for name, found in files.items()},
        {name: tuple(found) for name, found in folders.items()},
    )


@functools.lru_cache(maxsize=1)
def _path_constants() -> dict[str, tuple[Path, ...]]:
    """``paths.<NAME>`` constants that denote a reference file -> that file."""
    out: dict[str, tuple[Path, ...]] = {}
    for name in dir(paths):
        value = getattr(paths, name)
        if name.isupper() and isinstance(value, Path) and value.is_file():
            relative = value.relative_to(paths.ROOT) if value.is_relative_to(paths.ROOT) else None
            if relative is not None and relative.parts[0] == "data":
                out[name] = (value,)
    return out


@functools.cache
def _package_data(folder: Path) -> tuple[dict[str, tuple[Path, ...]], dict[str, tuple[Path, ...]]]:
    """File names and folder names of the files in a package folder that are no Python source
    (templates, stylesheets, ...) -> the files they denote."""
    files: dict[str, list[Path]] = {}
    folders: dict[str, list[Path]] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        hidden = any(p.startswith((".", "__")) for p in relative.parts)
        if hidden or not path.is_file() or path.suffix in (".py", ".pyc"):
            continue
        files.setdefault(path.name, []).append(path)
        for parent in relative.parents:
            if parent.name:
                folders.setdefault(parent.name, []).append(path)
    return (
        {name: tuple(found) for name, found in files.items()},
        {name: tuple(found) for name, found in folders.items()},
    )


PATH_METHODS = frozenset({"with_name", "joinpath", "Path"})
"""Calls whose string argument names a path: ``Path(__file__).with_name("templates")``."""


def _named(tree: ast.AST) -> tuple[set[str], set[str], set[str]]:
    """What a module's source names: every string constant, the strings used as a path
    (right of ``/``, or the argument of ``with_name``/``joinpath``/``Path``), and the attributes
    (``paths.CODEBOOK_PATH``)."""
    strings: set[str] = set()
    in_paths: set[str] = set()
    attributes: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            strings.add(node.value)
        elif isinstance(node, ast.Attribute):
            attributes.add(node.attr)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            arguments = [node.right]
        elif isinstance(node, ast.Call):
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else None
            name = function.id if isinstance(function, ast.Name) else name
            arguments = list(node.args) if name in PATH_METHODS else []
        else:
            arguments = []
        in_paths.update(
            a.value for a in arguments if isinstance(a, ast.Constant) and isinstance(a.value, str)
        )
    return strings, in_paths, attributes


def data_files(modules: Iterable[str]) -> set[Path]:
    """The data files named in the source of ``modules``.

    Reference data under ``data/``: a path constant of :mod:`werkdruk_utils.paths`
    (``paths.CODEBOOK_PATH``), a file name (``"trend_history.csv"``) or a folder used as a path
    (``paths.DATA_DIR / "case_studies"``: every file in it). Package data, the files beside a
    module that are no Python source: a file name, or a folder used as a path
    (``Path(__file__).with_name("templates")``: every file under ``templates/``) - only in the
    module's own package folder."""
    files, folders = _reference_files()
    constants = _path_constants()
    found: set[Path] = set()
    for name in modules:
        path = module_file(name)
        if path is None or name == f"{PACKAGE}.paths":  # paths.py defines folders, reads nothing
            continue
        strings, in_paths, attributes = _named(_parse(path))
        package_files, package_folders = _package_data(path.parent)
        for text in strings:
            found.update(files.get(text, ()))
            found.update(package_files.get(text, ()))
        for text in in_paths:
            found.update(folders.get(text, ()))
            found.update(package_folders.get(text, ()))
        for attribute in attributes & constants.keys():
            found.update(constants[attribute])
    return found


def dependencies(modules: Iterable[str]) -> list[str]:
    """Source files and reference data of ``modules``, as paths relative to the project root,
    sorted."""
    modules = set(modules)
    files = {module_file(m) for m in modules} | data_files(modules)
    return sorted(str(f.relative_to(paths.ROOT)) for f in files if f is not None)


def make_variable(name: str) -> str:
    """``DEPS_<name>``: a notebook's name or a module's dotted name, as the Makefile asks for it."""
    if not name or any(c.isspace() or c in ":#=$()" for c in name):
        raise DependencyError(f"{name!r} cannot be part of a make variable name")
    return f"DEPS_{name}"


def make_include(notebooks: Iterable[Path]) -> str:
    """The Makefile include: ``DEPS_<notebook>`` for every notebook, ``DEPS_<module>`` for the
    command-line modules of the other steps."""
    lines = [
        "# Generated by `python -m werkdruk_utils.deps --make`: what each output depends",
        "# on, computed from the imports. Remade by make when a module or notebook changes.",
    ]
    for path in sorted(notebooks):
        deps = dependencies(notebook_modules(path))
        lines.append(f"{make_variable(path.stem)} := {' '.join(deps)}")
    for step in STEPS:
        lines.append(f"{make_variable(step)} := {' '.join(dependencies(closure([step])))}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", type=Path, nargs="*")
    parser.add_argument("--make", action="store_true", help="print the Makefile include")
    args = parser.parse_args(argv)
    try:
        if args.make:
            print(make_include(args.notebooks), end="")
        else:
            for path in args.notebooks:
                print(f"{path.stem}:")
                for dep in dependencies(notebook_modules(path)):
                    print(f"  {dep}")
    except DependencyError as exc:
        print(f"FOUT: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
