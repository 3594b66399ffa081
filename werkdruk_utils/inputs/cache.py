"""A disk cache for results that depend only on input files and code: loaded measurements.

Loading and validating one measurement year takes seconds, and every chapter notebook of a year
loads that year and every earlier one. :func:`load_measurement` returns what
:func:`werkdruk_utils.inputs.load.load_measurement` returns, but stores it (pickled) under
``build/cache/`` (outside ``outputs/``: the frames are microdata, de-identified but never to be
published with the outputs) keyed by

* the SHA-256 of the measurement's input files (:func:`werkdruk_utils.inputs.load.file_digest`), and
* the code version of the loader: the SHA-256 of the modules it imports, directly or not, and the
  reference data they read, ``data/codebook.yaml`` among them (:func:`module_fingerprint`),

so a changed export, a changed codebook or a change to the loading code gives a new key and the
measurement is
loaded afresh. Entries are written to a temporary file and renamed, so concurrent builds never read
half a file. Set ``WERKDRUK_CACHE=off`` to bypass the cache, or ``WERKDRUK_CACHE=<dir>`` to place it
elsewhere. The cache holds validated, de-identified frames (no e-mail addresses, no free text), as
the loader returns them.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from werkdruk_utils import paths

T = TypeVar("T")

CACHE_ENV = "WERKDRUK_CACHE"
FORMAT_VERSION = "1"
KEEP_ENTRIES = 24
"""Entries kept per namespace; older ones (earlier code or data versions) are removed."""


def cache_dir() -> Path | None:
    """Where entries live (``build/cache`` unless ``WERKDRUK_CACHE`` says otherwise); None when off.

    Not under ``outputs/``: the cached frames are (de-identified) microdata, which must never be
    published with the outputs."""
    setting = os.environ.get(CACHE_ENV, "").strip()
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    return Path(setting) if setting else paths.ROOT / "build" / "cache"


def code_fingerprint(root: Path | None = None, modules: tuple[str, ...] | None = None) -> str:
    """SHA-256 over the package's Python sources (sorted by path; only ``modules``, file names in
    ``werkdruk_utils/``, when given) and the codebook."""
    root = paths.ROOT if root is None else Path(root)
    digest = hashlib.sha256(FORMAT_VERSION.encode())
    sources = (
        sorted((root / "werkdruk_utils").rglob("*.py"))
        if modules is None
        else sorted(root / "werkdruk_utils" / name for name in modules)
    )
    files = sources + [root / "data" / "codebook.yaml"]
    for path in files:
        if not path.is_file():
            continue
        data = path.read_bytes()
        digest.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


@functools.lru_cache(maxsize=32)
def module_fingerprint(*modules: str) -> str:
    """SHA-256 over every file ``modules`` depend on: the package modules they import, directly or
    not, and the reference data those read (computed from the imports, :mod:`werkdruk_utils.deps`).
    A result computed by these modules from the same inputs is the same while this is."""
    from werkdruk_utils import deps

    digest = hashlib.sha256(FORMAT_VERSION.encode())
    for name in deps.dependencies(deps.closure(modules)):
        data = (paths.ROOT / name).read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def memoize(namespace: str, key: str, compute: Callable[[], T], keep: int = KEEP_ENTRIES) -> T:
    """``compute()``, or the result stored earlier under ``namespace``/``key`` (a hex digest);
    the ``keep`` most recent entries of a namespace are kept."""
    folder = cache_dir()
    if folder is None:
        return compute()
    path = folder / namespace / f"{key}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except (
        OSError,
        EOFError,
        pickle.UnpicklingError,
        AttributeError,
        ImportError,
        TypeError,
        ValueError,
    ):
        pass
    value = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".part", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        prune(path.parent, keep)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return value


def prune(folder: Path, keep: int = KEEP_ENTRIES) -> None:
    """Remove all but the ``keep`` most recently written entries of one namespace."""
    with os.scandir(folder) as scan:
        names = [e.name for e in scan if e.name.endswith(".pickle")]
    if len(names) <= keep:
        return
    entries = sorted((folder / n for n in names), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[keep:]:
        old.unlink(missing_ok=True)


def measurement_key(year: int, data_dir: Path | str | None = None) -> str:
    """The cache key of one measurement: input files' SHA-256 + code version + where it was read."""
    from werkdruk_utils.inputs.load import (
        RESPONDENT_EXTENSIONS,
        SCHOOL_EXTENSIONS,
        file_digest,
        find_input_file,
    )

    base = Path(paths.SYNTHETIC_DIR if data_dir is None else data_dir)
    folder = base / str(int(year))
    files = [
        find_input_file(folder, "respondents", RESPONDENT_EXTENSIONS),
        find_input_file(folder, "schools", SCHOOL_EXTENSIONS),
    ]
    digest = hashlib.sha256()
    # Measurement.files holds the paths: the key includes them, so a cached entry never names
    # another folder than the one asked for.
    digest.update(
        "\0".join(
            [
                str(int(year)),
                file_digest(files),
                module_fingerprint("werkdruk_utils.inputs.load"),
                *map(str, files),
            ]
        ).encode()
    )
    return digest.hexdigest()


def load_measurement(year: int, data_dir: Path | str | None = None, codebook: Any = None):
    """:func:`werkdruk_utils.inputs.load.load_measurement`, cached on disk (see the module
    docstring).

    With an explicit ``codebook`` the cache is bypassed (the key covers only the codebook file).
    Errors (missing files, validation problems) are raised as by the loader and never cached.
    """
    from werkdruk_utils.inputs import load

    if codebook is not None or cache_dir() is None:
        return load.load_measurement(year, data_dir, codebook)
    try:
        key = measurement_key(year, data_dir)
    except (OSError, ValueError):
        return load.load_measurement(year, data_dir)  # let the loader raise its own message
    return memoize("measurement", key, lambda: load.load_measurement(year, data_dir))
