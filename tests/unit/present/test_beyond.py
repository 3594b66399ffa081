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


def test_hide_terms_blanks_the_coefficients_of_small_groups():
    table = pd.DataFrame(
        {
            "term": ["age", "sl", "sl_wtf", "const"],
            "B": [0.1, 0.2, 0.3, 1.0],
            "SE": 0.05,
            "p": [0.04, 0.001, 0.5, 0.0],
            "stars": [1, 3, 0, 3],
            "B_centred": [0.1, 0.25, 0.3, 1.1],
            "SE_centred": 0.05,
            "p_centred": [0.04, 0.002, 0.5, 0.0],
            "stars_centred": [1, 3, 0, 3],
        }
    )
    table.attrs.update(n=120, centre=0.8)
    out = beyond.hide_terms(table, ["sl", "sl_wtf"])
    assert out["suppressed"].tolist() == [False, True, True, False]
    hidden = out.iloc[1:3]
    for column in ("B", "SE", "p", "B_centred", "SE_centred", "p_centred"):
        assert hidden[column].isna().all(), column
    assert hidden["stars"].tolist() == [0, 0] and hidden["stars_centred"].tolist() == [0, 0]
    assert out.loc[0, "B"] == 0.1 and out.loc[3, "stars"] == 3
    assert out.attrs["n"] == 120  # the model's attributes stay
    assert beyond.hide_terms(table, []) is table
