"""Every path the project uses, derived from the location of this file."""

from __future__ import annotations

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
