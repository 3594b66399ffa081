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

MEASUREMENT_YEARS: tuple[int, ...] = (2022, 2023, 2024)
