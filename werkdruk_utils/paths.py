"""Every path the project uses, derived from the location of this file, and how a file is
written into them (whole or not at all, :func:`write_atomic`)."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
POPULATION_DIR = DATA_DIR / "population"
SYNTHETIC_DIR = DATA_DIR / "synthetic"
RAW_DIR = DATA_DIR / "raw"
CODEBOOK_PATH = DATA_DIR / "codebook.yaml"
PUBLISHED_VALUES_PATH = REFERENCE_DIR / "published_values.csv"
NOTEBOOKS_DIR = ROOT / "notebooks"
OUTPUTS_DIR = ROOT / "outputs"
TMP_DIR = ROOT / "build" / "tmp"
LAB_DIR = ROOT / "build" / "lab"
"""Where a notebook run by hand (no ``output_dir``) writes: ``outputs/`` is written by make only,
so that a page and its CSVs always come from one build."""

# The measurement years are data: werkdruk_utils.measurements.years() reads them from the codebook.


def resolve(path: str | Path) -> Path:
    """A path as given, relative paths taken from the project root (not from the working
    directory)."""
    path = Path(path)
    return path if path.is_absolute() else ROOT / path


def display(path: str | Path | None) -> str | None:
    """A path relative to the project root when it lies inside it (outputs then do not depend on
    where the project is checked out), else the absolute path."""
    if path is None:
        return None
    resolved = resolve(path).resolve()
    try:
        return str(resolved.relative_to(ROOT))
    except ValueError:
        return str(resolved)


def _file_mode() -> int:
    """The permissions a new file gets under the process's umask (temporary files are 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``path`` whole or not at all.

    The bytes go to a temporary file under ``build/tmp/`` (outside every output folder, so an
    interrupted write never leaves a part-file among the outputs) and are then renamed into place.
    Only when the target lies on another file system is the temporary file made next to it; it is
    removed when the write fails. The target's folder is created when missing."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    TMP_DIR.mkdir(parents=True, exist_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    for folder in (TMP_DIR, path.parent):
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.chmod(tmp, _file_mode())
            os.replace(tmp, path)
            return path
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            if exc.errno != errno.EXDEV or folder != TMP_DIR:
                raise
    return path
