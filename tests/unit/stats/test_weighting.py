"""Weighting: Tabel B1.8 reproduced from the 2024 sample counts; sector weights by hand."""

import numpy as np
import pandas as pd
import pytest

from werkdruk_utils import paths
from werkdruk_utils.stats import weighting

# Tabel B1.8, 'Aantal in sample' (2024).
SAMPLE_2024 = {
    ("bao", "schoolleider"): 200,
    ("bao", "leerkracht"): 722,
    ("bao", "overig"): 182,
    ("go", "schoolleider"): 70,
    ("go", "leerkracht"): 318,
    ("go", "overig"): 297,
}


def frame_from_counts(counts: dict[tuple[str, str], int]) -> pd.DataFrame:
    rows = [(s, g) for (s, g), n in counts.items() for _ in range(n)]
    return pd.DataFrame(rows, columns=["sector", "weighting_group"])


def published_b18() -> pd.DataFrame:
    pub = pd.read_csv(paths.PUBLISHED_VALUES_PATH)
    return pub[pub["source_id"] == "Tabel B1.8"]


def test_b18_weights_and_weighted_cases_reproduced():
    table = weighting.weight_table(frame_from_counts(SAMPLE_2024))
    pub = published_b18()
    for row in table.itertuples():
        label = f"{row.sector.upper()} {row.weighting_group.capitalize()}"
        cell = pub[pub["group"] == label].set_index("statistic")["value"]
        assert row.n_sample == cell["n"]
        assert row.n_population == cell["n_population"]
        assert round(row.weight, 2) == pytest.approx(cell["weight"], abs=1e-9), label
        # Printed to 2 decimals; GO Overig 154,946 is printed 154,94 (truncated, not rounded).
        assert row.weighted_cases == pytest.approx(cell["weighted_cases"], abs=0.01), label
        assert round(100 * row.share_sample, 1) == pytest.approx(cell["percent"], abs=1e-9), label
    # The printed weights, in the report's order.
    assert [round(w, 2) for w in table["weight"]] == [0.36, 1.46, 1.73, 0.18, 0.57, 0.52]
    assert table["weighted_cases"].sum() == pytest.approx(1789.0)


def test_b18_by_hand():
    # BAO schoolleider: (7513 / 187183) / (200 / 1789) = 0.0401372 / 0.1117943 = 0.359027
    table = weighting.weight_table(frame_from_counts(SAMPLE_2024)).set_index(
        ["sector", "weighting_group"]
    )
    assert table.loc[("bao", "schoolleider"), "weight"] == pytest.approx(0.359027, abs=1e-6)
    assert table.loc[("bao", "schoolleider"), "weighted_cases"] == pytest.approx(71.8054, abs=1e-4)


def test_cell_weights_align_with_frame_and_sum_to_n():
    frame = frame_from_counts(SAMPLE_2024).sample(frac=1.0, random_state=1)
    w = weighting.cell_weights(frame)
    assert w.index.equals(frame.index)
    assert w.sum() == pytest.approx(len(frame))
    go_sl = frame.index[(frame["sector"] == "go") & (frame["weighting_group"] == "schoolleider")]
    assert np.allclose(w.loc[go_sl], (1303 / 187183) / (70 / 1789))


def test_sector_weights_by_hand():
    # 3 bao and 1 go schoolleider; population shares 0.857 / 0.143.
    frame = pd.DataFrame({"sector": ["bao", "bao", "go", "bao"]})
    w = weighting.sector_weights(frame)
    assert w.tolist() == pytest.approx([0.857 / 0.75, 0.857 / 0.75, 0.143 / 0.25, 0.857 / 0.75])
    assert w.sum() == pytest.approx(4.0)


def test_missing_cell_variable_is_an_error():
    frame = frame_from_counts({("bao", "leerkracht"): 2})
    frame.loc[1, "weighting_group"] = None
    with pytest.raises(weighting.WeightingError, match="weighting_group"):
        weighting.cell_weights(frame)


def test_unknown_cell_is_an_error():
    frame = pd.DataFrame({"sector": ["vo"], "weighting_group": ["leerkracht"]})
    with pytest.raises(weighting.WeightingError, match="without population"):
        weighting.cell_weights(frame)
