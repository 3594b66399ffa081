"""report.start: where a notebook run by hand writes."""

import pytest

from werkdruk_utils import paths
from werkdruk_utils.declare import Answers
from werkdruk_utils.present import report

HAS_DATA = (paths.SYNTHETIC_DIR / "2024").is_dir()
needs_data = pytest.mark.skipif(not HAS_DATA, reason="data/synthetic missing: run 'make data'")


@needs_data
def test_a_notebook_run_by_hand_writes_under_build_lab_never_into_outputs(tmp_path, monkeypatch):
    lab, outputs = tmp_path / "lab", tmp_path / "outputs"
    monkeypatch.setattr(paths, "LAB_DIR", lab)
    monkeypatch.setattr(paths, "OUTPUTS_DIR", outputs)
    chapter = report.start("03_proces", 2024, show_header=False)
    assert chapter.output_dir == lab / "2024"
    result = chapter.estimate(Answers("v9"), population="school_leaders", weighting="none")
    chapter.table("Tabel 3.1", result, title="Tabel 3.1", columns="group")
    assert (lab / "2024" / "tables" / "tabel_3_1.csv").is_file()
    assert not outputs.exists()


@needs_data
def test_the_build_names_its_output_folder(tmp_path):
    chapter = report.start("03_proces", 2024, output_dir=tmp_path / "out", show_header=False)
    assert chapter.output_dir == tmp_path / "out"
