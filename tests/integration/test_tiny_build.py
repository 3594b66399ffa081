"""Any data size builds: every notebook for every year on 30 respondents a year, and not one number
under min_n in any output.

The data are a seeded subsample of the bundled synthetic data (``synth.tiny``): most cells of
every table rest on fewer than 10 respondents, weighting cells are empty and the Bijlage 2 models
cannot be estimated. The build must complete (what cannot be estimated says 'niet te schatten'),
the pages and the build log must name the empty weighting cells, and the output check's base check
must pass; a number planted with a base of 3 must make it fail.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from werkdruk_utils import measurements, paths
from werkdruk_utils.publish.bases_check import BELOW_MIN_N, SUPPRESSED_NUMBER
from werkdruk_utils.publish.output_check import check_outputs
from werkdruk_utils.synth.tiny import subsample

pytestmark = pytest.mark.slow

RESPONDENTS = 30


@pytest.fixture(scope="module")
def tiny_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny")
    if not (paths.SYNTHETIC_DIR / "2024" / "respondents.csv").is_file():
        pytest.fail(f"{paths.SYNTHETIC_DIR} missing: run 'make data' (make test does)")
    data, out = root / "data", root / "outputs"
    subsample(paths.SYNTHETIC_DIR, data, RESPONDENTS)
    notebooks = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    years = [str(y) for y in measurements.years()]
    command = [sys.executable, "-m", "werkdruk_utils.publish.build", *map(str, notebooks)]
    for year in years:
        command += ["--year", year]
    command += ["--data", str(data), "--out", str(out)]
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=paths.ROOT, timeout=1800, check=False
    )
    return root, data, out, notebooks, years, result


def test_every_notebook_of_every_year_completes(tiny_build):
    _, _, out, notebooks, years, result = tiny_build
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    for year in years:
        for notebook in notebooks:
            assert (out / year / f"{notebook.stem}.html").is_file(), (notebook.stem, year)


def test_no_number_rests_on_fewer_than_min_n_respondents(tiny_build):
    root, _, out, _, _, _ = tiny_build
    result = check_outputs(out, None, quarantine=root / "quarantine")
    failures = [f.describe(10) for f in result.base_failures]
    assert not failures, "\n".join(failures[:40])
    assert result.bases.count(BELOW_MIN_N) == 0 and result.bases.count(SUPPRESSED_NUMBER) == 0
    assert result.bases.by_base["n"] > 0  # it did read bases


def test_a_planted_small_number_fails(tiny_build):
    root, _, out, _, years, _ = tiny_build
    page = out / years[-1] / "03_proces.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</body>", '<p><span data-n="3">66,7%</span></p></body>'))
    try:
        result = check_outputs(out, None, quarantine=root / "quarantine-planted")
        assert not result.ok
        assert [(f.number, f.base) for f in result.base_failures] == [("66,7", "n=3")]
    finally:
        moved = root / "quarantine-planted" / years[-1] / "03_proces.html"
        if moved.exists():
            page.write_text(text, encoding="utf-8")


def test_empty_weighting_cells_are_named_on_the_pages_and_in_the_log(tiny_build):
    _, data, out, _, years, result = tiny_build
    from werkdruk_utils.inputs.load import load_measurement
    from werkdruk_utils.stats.coverage import empty_cells

    empty = {y: empty_cells(load_measurement(int(y), data).respondents) for y in years}
    assert any(empty.values()), "the subsample should leave a weighting cell empty"
    for year, cells in empty.items():
        if not cells:
            continue
        page = (out / year / "02_ervaren_werkdruk.html").read_text(encoding="utf-8")
        for cell in cells:
            assert cell.label in page
        log = [line for line in result.stderr.splitlines() if line.startswith("WAARSCHUWING")]
        assert any(f"02_ervaren_werkdruk {year}" in line and cells[0].label in line for line in log)
