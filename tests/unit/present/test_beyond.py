"""present.beyond: the comparisons note (the sensitivity table is tested with the B2 model in
tests/unit/check/test_reproduce.py)."""

import pandas as pd

from werkdruk_utils.present import beyond


def test_comparisons_note_reads_the_pages_csvs(tmp_path):
    pd.DataFrame({"p_previous": [0.01, 0.5, 0.7, None]}).to_csv(tmp_path / "a.csv", index=False)
    pd.DataFrame({"group": ["x"]}).to_csv(tmp_path / "b.csv", index=False)
    text = beyond.comparisons_note([tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"])
    assert text.startswith("Buiten het rapport")
    assert "3 verschillen getoetst, waarvan 1 significant" in text
