"""The output check on a real build: the bundled synthetic data with e-mail addresses and phone
numbers injected into every free-text and e-mail column, two notebooks built from it, and not one
of the injected values in the outputs; and a planted address fails the check and is removed."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys

import pytest

from werkdruk_utils import paths
from werkdruk_utils.inputs.codebook import load_codebook

pytestmark = pytest.mark.slow

YEAR = 2022
NOTEBOOKS = ("01_inleiding_en_methode", "04_besteding")


def inject(source, target, year: int) -> list[str]:
    """Copy ``source`` (respondents.csv) to ``target`` with personal values in every filled
    free-text
    and e-mail cell; the '#' comment lines stay. Returns the injected values."""
    personal = load_codebook().personal_columns(year)
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    comments = [line for line in lines if line.startswith("#")]
    body = "".join(line for line in lines if not line.startswith("#"))
    rows = list(csv.DictReader(io.StringIO(body)))
    injected: list[str] = []
    for i, row in enumerate(rows):
        for column in personal:
            if not row.get(column):
                continue  # not shown (routing): a filled cell there would be refused by the loader
            if column.endswith("_email"):
                value = (
                    f"deelnemer.{i}@werkdruk-test.example"
                    if i % 2
                    else f"r{i}.{column}@example.org"
                )
            else:
                value = (
                    f"Bel me op 06-{10000000 + i:08d} of +31 20 {1000000 + i:07d}, "
                    f"mail naar {column}.{i}@werkdruk-test.example"
                )
            row[column] = value
            injected.append(value)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    target.write_text("".join(comments) + out.getvalue(), encoding="utf-8")
    return injected


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=paths.ROOT, timeout=1200
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("disclosure")
    data = root / "data"
    (data / str(YEAR)).mkdir(parents=True)
    source = paths.SYNTHETIC_DIR / str(YEAR)
    if not (source / "respondents.csv").is_file():
        pytest.fail(f"{source} missing: run 'make data' (make test does)")
    injected = inject(source / "respondents.csv", data / str(YEAR) / "respondents.csv", YEAR)
    shutil.copyfile(source / "schools.csv", data / str(YEAR) / "schools.csv")
    out = root / "outputs"
    for notebook in NOTEBOOKS:
        result = run(
            "-m",
            "werkdruk_utils.publish.build",
            str(paths.NOTEBOOKS_DIR / f"{notebook}.ipynb"),
            "--year",
            str(YEAR),
            "--data",
            str(data),
            "--out",
            str(out),
        )
        assert result.returncode == 0, result.stderr[-3000:]
    return root, data, out, injected


def test_injection_reached_every_personal_column(built):
    _, data, _, injected = built
    text = (data / str(YEAR) / "respondents.csv").read_text(encoding="utf-8")
    assert text.startswith("# ") and len(injected) > 100
    assert (
        sum("@example.org" in v for v in injected) > 10
        and sum("werkdruk-test.example" in v for v in injected) > 100
    )


def test_build_from_injected_data_has_no_personal_data(built):
    root, data, out, injected = built
    files = sorted(p for p in out.rglob("*") if p.is_file())
    assert any(p.suffix == ".html" for p in files) and any(p.suffix == ".csv" for p in files)
    result = run(
        "-m",
        "werkdruk_utils.publish.output_check",
        "--outputs",
        str(out),
        "--data",
        str(data),
        "--quarantine",
        str(root / "quarantine"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 treffers" in result.stdout
    assert sorted(p for p in out.rglob("*") if p.is_file()) == files  # nothing moved
    # independent of the scanner's patterns: not one injected fragment in any output
    everything = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
    assert "werkdruk-test.example" not in everything and "@example.org" not in everything
    assert "Bel me op" not in everything


def test_planted_address_fails_the_check_names_and_removes_the_file(built):
    root, data, out, _ = built
    planted_dir = root / "planted"
    shutil.copytree(out, planted_dir)
    target = planted_dir / str(YEAR) / "tables" / "tabel_4_4.csv"
    if not target.is_file():
        target = sorted((planted_dir / str(YEAR) / "tables").glob("*.csv"))[0]
    target.write_text(
        target.read_text(encoding="utf-8") + "lek,jan.jansen@example.org\n", encoding="utf-8"
    )
    quarantine = root / "quarantine-planted"
    result = run(
        "-m",
        "werkdruk_utils.publish.output_check",
        "--outputs",
        str(planted_dir),
        "--data",
        str(data),
        "--quarantine",
        str(quarantine),
    )
    assert result.returncode == 1
    assert target.name in result.stderr and "e-mailadres" in result.stderr
    assert "jan.jansen@example.org" not in result.stdout + result.stderr
    assert not target.exists()
    assert (quarantine / str(YEAR) / "tables" / target.name).is_file()
