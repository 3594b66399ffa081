"""Every chapter notebook executed for every measurement year (by ``make notebooks``, which
``make test`` runs first): the outputs exist, carry their provenance, say they are synthetic,
contain no error and no personal data, and reproduce the published numbers."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from werkdruk_utils import measurements, paths
from werkdruk_utils.check.reproduce import is_b2_estimate
from werkdruk_utils.inputs.load import load_measurement

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
CASES = [(y, n) for y in measurements.years() for n in NOTEBOOKS]
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def html_of(year: int, notebook: str) -> str:
    path = paths.OUTPUTS_DIR / str(year) / f"{notebook}.html"
    assert path.is_file(), f"{path} missing: run 'make notebooks' (make test does)"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def checksums():
    return {y: load_measurement(y).sha256 for y in measurements.years()}


@pytest.mark.parametrize(("year", "notebook"), CASES)
def test_html_shows_provenance_and_synthetic_banner(year, notebook, checksums):
    text = html_of(year, notebook)
    assert "SYNTHETISCHE DATA" in text
    assert f"<th>Meting</th><td>{year}</td>" in text
    for earlier in [y for y in measurements.years() if y <= year]:
        assert checksums[earlier] in text, f"checksum of {earlier} missing"
    assert "Code-versie" in text


@pytest.mark.parametrize(("year", "notebook"), CASES)
def test_no_error_output_and_no_personal_data(year, notebook):
    executed = paths.OUTPUTS_DIR / str(year) / f"{notebook}.ipynb"
    nb = json.loads(executed.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", (
                f"{notebook} {year}: {output.get('ename')}: {output.get('evalue')}"
            )
            assert output.get("name") != "stderr", (
                f"{notebook} {year}: stderr output {''.join(output.get('text', ''))[:300]}"
            )
    text = html_of(year, notebook)
    assert not EMAIL.findall(re.sub(r"<[^>]+>", " ", text)), "e-mail address in output"


@pytest.mark.parametrize(("year", "notebook"), CASES)
def test_code_hidden_for_reviewers(year, notebook):
    text = html_of(year, notebook)
    assert "report.start(" not in text, "code cells are shown; build without SHOW_CODE"


@pytest.mark.parametrize("year", measurements.years())
def test_reproduction_csv_within_tolerance(year):
    path = paths.OUTPUTS_DIR / str(year) / "reproduction.csv"
    assert path.is_file(), f"{path} missing"
    frame = pd.read_csv(path)
    expected = [
        "source_id",
        "variable",
        "group",
        "category",
        "statistic",
        "published",
        "reproduced",
        "difference",
        "within_tolerance",
    ]
    assert expected == list(frame.columns[: len(expected)])
    assert len(frame) > 0
    # B, SE and Beta of the B2 models are judged by the B2 criteria
    # (tests/integration/test_calibration.py::test_b2_coefficients_meet_the_criteria)
    outside = frame[
        ~frame["within_tolerance"].astype(bool)
        & ~frame["expected_deviation"].astype(bool)
        & ~is_b2_estimate(frame)
    ]
    assert outside.empty, outside.to_string()


@pytest.mark.parametrize("year", measurements.years())
def test_tables_written_as_csv(year):
    tables = sorted((paths.OUTPUTS_DIR / str(year) / "tables").glob("*.csv"))
    assert tables, "no table CSVs"
    for path in tables:
        frame = pd.read_csv(path)
        assert {"estimate", "n"} <= set(frame.columns) or len(frame.columns) > 1, path.name
