import io

import matplotlib.pyplot as plt
import pandas as pd

from werkdruk_utils.present.figures import dutch_formatter, year_bars


def frame():
    return pd.DataFrame(
        {
            "group": ["Schoolleider", "Schoolleider", "Leraar", "Leraar"],
            "year": [2023, 2024, 2023, 2024],
            "mean": [1.55, 1.53, 1.86, float("nan")],
        }
    )


def svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    return buffer.getvalue()


def test_dutch_formatter():
    assert dutch_formatter(1)(1.5, 0) == "1,5"


def test_year_bars_labels_axis_and_determinism():
    text1 = svg(
        year_bars(
            frame(), category="group", value="mean", title="Figuur 2.8 Test", value_range=(1, 3)
        )
    )
    text2 = svg(
        year_bars(
            frame(), category="group", value="mean", title="Figuur 2.8 Test", value_range=(1, 3)
        )
    )
    assert text1 == text2  # byte-identical
    assert "1,53" in text1 and "1,86" in text1  # Dutch decimal commas on the bars
    assert "–" in text1  # the missing bar is labelled, not silently dropped
    assert "Figuur 2.8 Test" in text1
