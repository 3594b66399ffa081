"""Build the synthetic data with the command line and read it back with the loader."""

from __future__ import annotations

import hashlib
import os
import re
import resource
import stat
import subprocess
import sys

import pytest

from werkdruk_utils import paths

pytestmark = pytest.mark.slow

YEARS = (2022, 2023, 2024)
EXPECTED = {2022: (421, 1718), 2023: (394, 1875), 2024: (355, 1789)}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(out, seed: int = 7) -> tuple[str, float]:
    """The generator's output and the CPU seconds it used (not wall time, which a loaded machine
    stretches; wall-time targets belong to ``make bench``)."""
    start = _children_cpu()
    result = subprocess.run(
        [sys.executable, "-m", "werkdruk_utils.synth", "--out", str(out), "--seed", str(seed)],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
        check=False,
    )
    elapsed = _children_cpu() - start
    assert result.returncode == 0, result.stderr
    return result.stdout, elapsed


def _digests(out) -> dict[str, str]:
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def test_cli_builds_loadable_read_only_data(tmp_path):
    out = tmp_path / "synthetic"
    stdout, cpu_seconds = _run(out)
    assert cpu_seconds < 30
    lines = [line for line in stdout.splitlines() if re.match(r"^\d{4}:", line)]
    assert [int(line[:4]) for line in lines] == list(YEARS)
    for line, year in zip(lines, YEARS, strict=False):
        schools, respondents = EXPECTED[year]
        assert (
            f"1571 scholen ({schools} met respons)" in line
            and f"{respondents} respondenten" in line
        )

    for year in YEARS:
        for name in ("respondents.csv", "schools.csv"):
            path = out / str(year) / name
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o444
            assert path.read_text(encoding="utf-8").startswith("# SYNTHETISCHE DATA")
    assert "SYNTHETISCHE DATA" in (out / "README.md").read_text(encoding="utf-8")

    first = _digests(out)
    _run(out)  # rebuild over the read-only files: same bytes
    assert _digests(out) == first

    load = pytest.importorskip("werkdruk_utils.inputs.load")
    for year in YEARS:
        measurement = load.load_measurement(year, out)
        schools, respondents = EXPECTED[year]
        assert measurement.synthetic
        assert len(measurement.respondents) == respondents
        assert int(measurement.schools["responded"].sum()) == schools
        assert not any(
            c.endswith(("_email", "_anders", "_vak")) or c in ("v20", "v22", "v24")
            for c in measurement.respondents.columns
        )
