"""present.bases: the annotations every renderer gives a shown number."""

from __future__ import annotations

import pandas as pd
import pytest

from werkdruk_utils.present import bases
from werkdruk_utils.present.figures import year_bars
from werkdruk_utils.present.presentation import results_table
from werkdruk_utils.publish.bases_check import BELOW_MIN_N, NO_BASE, check_html
from werkdruk_utils.stats.suppression import suppress_reproduction


def found(html: str, min_n: int = 10) -> list[tuple[str, str, str | None]]:
    return [(number, base, problem) for _, number, base, problem in check_html(html, min_n)]


def test_spans_and_the_rule() -> None:
    assert bases.n_span("74,7%", 186) == '<span data-n="186">74,7%</span>'
    assert bases.kind_span("p < 0,05", "label") == '<span data-base="label">p &lt; 0,05</span>'
    assert bases.shown("100%", 1, 10) == '<span data-suppressed="">*</span>'
    assert bases.shown("0", 0, 10) == '<span data-n="0">0</span>'  # an empty cell is no person
    assert bases.count_text(9, 10) == '<span data-suppressed="">*</span>'
    with pytest.raises(ValueError):
        bases.attrs(kind="guess")
    with pytest.raises(ValueError):
        bases.attrs(n=None)
    assert bases.plain('<span data-n="3">p &lt; 0,05</span>') == "p < 0,05"


def test_svg_gids_become_data_attributes() -> None:
    svg = '<g id="wdbase-n-186"><text>74,7%</text></g><g id="wdbase-axis"><text>20</text></g>'
    assert bases.svg_with_bases(svg) == (
        '<g data-n="186"><text>74,7%</text></g><g data-base="axis"><text>20</text></g>'
    )


def frame(n_go: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": 2024,
            "variable": "v9",
            "group_var": "sector",
            "group": ["bao", "go"],
            "category": "Ja",
            "statistic": "percent",
            "estimate": [40.0, float("nan") if n_go < 10 else 55.0],
            "se": 1.0,
            "ci_low": 0.0,
            "ci_high": 0.0,
            "n": [200, n_go],
            "df": 100,
            "suppressed": [False, n_go < 10],
        }
    )


def test_figure_labels_carry_their_bars_base_and_axes_their_kind() -> None:
    import matplotlib.pyplot as plt

    fig = year_bars(
        frame(65).assign(label=["bao", "go"]),
        category="label",
        value="estimate",
        title="Figuur 3.1 Aandeel 2024",
        percent=True,
        decimals=1,
        value_range=(0, 100),
    )
    svg = bases.render_svg(fig)
    plt.close(fig)
    numbers = found(svg)
    assert ("40,0", "n=200", None) in numbers and ("55,0", "n=65", None) in numbers
    assert ("20", "axis", None) in numbers
    assert [n for n in numbers if n[2] is not None] == []


def test_results_table_cells_and_n_row_carry_their_base() -> None:
    table = results_table(
        frame(65), table_id="Tabel 3.1", title="Test", rows="category", columns="group"
    )
    assert [n for n in found(table.to_html()) if n[2] is not None] == []
    assert ("65", "n=65", None) in found(table.to_html())


def test_results_table_hides_small_cells_and_their_complement() -> None:
    table = results_table(
        frame(3), table_id="Tabel 3.1", title="Test", rows="category", columns="group"
    )
    html = table.to_html()
    assert [n for n in found(html) if n[2] in (BELOW_MIN_N, NO_BASE)] == []
    assert "40,0" not in html  # the complement of the hidden go cell
    assert html.count('data-suppressed=""') == 4  # both cells and both n's


def test_reproduction_rows_follow_the_rule() -> None:
    result = pd.DataFrame(
        {
            "source_id": "Tabel 3.1",
            "variable": "v9",
            "group": ["bao", "go", "Totaal"],
            "category": "Ja",
            "statistic": "percent",
            "published": [18.3, 23.1, 19.0],
            "reproduced": [18.2, 100.0, 18.9],
            "difference": [-0.1, 76.9, -0.1],
            "within_tolerance": [True, False, True],
            "n_base": [186, 1, 187],
        }
    )
    out = suppress_reproduction(result, 10)
    # go rests on 1 respondent; bao is the next-smallest group of the breakdown and goes too
    assert out["suppressed"].tolist() == [True, True, False]
    assert out.loc[1, ["reproduced", "difference", "within_tolerance", "n"]].isna().all()
    assert out.loc[2, "reproduced"] == 18.9 and out.loc[2, "n"] == 187
