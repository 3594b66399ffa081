"""Figures at the report's standard: caption, title and description, unique ids, Dutch numbers,
axis titles with units, one meaning per colour, wrapped labels, gaps in trend lines, the folded
table with interval and n."""

import re

import matplotlib.pyplot as plt
import pandas as pd

from werkdruk_utils.present import figures
from werkdruk_utils.present.figures import (
    dutch_formatter,
    figure_data_table,
    figure_html,
    prefix_ids,
    stacked_bars,
    trend_lines,
    wrap,
    year_bars,
)
from werkdruk_utils.present.tables import ReportTable


def frame():
    return pd.DataFrame(
        {
            "group": ["Schoolleider", "Schoolleider", "Leraar", "Leraar"],
            "year": [2023, 2024, 2023, 2024],
            "mean": [1.55, 1.53, 1.86, float("nan")],
        }
    )


def bars():
    return year_bars(
        frame(), category="group", value="mean", title="Figuur 2.8 Test", value_range=(1, 3)
    )


def test_dutch_formatter():
    assert dutch_formatter(1)(1.5, 0) == "1,5"


def test_figure_html_is_deterministic_with_caption_title_and_description():
    first, second = figure_html(bars()), figure_html(bars())
    assert first == second  # byte-identical
    assert first.startswith('<figure class="report-figure" id="figuur_2_8">')
    assert '<figcaption data-base="label"><strong>Figuur 2.8</strong> Test</figcaption>' in first
    assert 'role="img" aria-labelledby="figuur_2_8-titel figuur_2_8-beschrijving"' in first
    assert '<title id="figuur_2_8-titel" data-base="label">Figuur 2.8 Test</title>' in first
    description = re.search(r"<desc[^>]*>(.*?)</desc>", first).group(1)
    assert "Schoolleider" in description and "2023 en 2024" in description
    assert "1,53" in first and "1,86" in first  # Dutch decimal commas on the bars
    assert "–" in first  # the missing bar is labelled, not silently dropped
    assert "<metadata" not in first and "<?xml" not in first
    root = re.search(r"<svg[^>]*>", first).group(0)
    assert " width=" not in root and " height=" not in root  # the page sets the width


def test_ids_are_prefixed_and_every_reference_resolves():
    markup = figure_html(bars())
    ids = re.findall(r'\bid="([^"]+)"', markup)
    assert len(ids) == len(set(ids))
    assert all(i.startswith("figuur_2_8") for i in ids)
    for ref in re.findall(r"url\(#([^)]+)\)|href=\"#([^\"]+)\"", markup):
        assert (ref[0] or ref[1]) in ids
    twice = prefix_ids(markup, "m2023")
    assert 'id="m2023-figuur_2_8"' in twice
    assert 'aria-labelledby="m2023-figuur_2_8-titel m2023-figuur_2_8-beschrijving"' in twice


def test_axis_title_names_the_unit():
    assert "Gemiddelde score (1 = nooit, 4 = altijd)" == figures.axis_title(False, (1, 4))
    assert figures.axis_title(True, (0, 100)) == "Percentage (%)"
    fig = bars()
    assert fig.axes[0].get_xlabel().startswith("Gemiddelde score")
    plt.close(fig)


def test_text_is_at_least_the_body_size():
    fig = bars()
    sizes = {t.get_fontsize() for t in fig.findobj(plt.Text) if t.get_text()}
    plt.close(fig)
    assert min(sizes) >= figures.FONT_SIZE  # 12 pt = 16 CSS px at the natural width


def test_one_meaning_per_colour():
    years = set(figures.BLUES)
    sectors = set(figures.SECTOR_COLOURS.values())
    answers = set(figures.ANSWER_COLOURS)
    assert not years & sectors and not years & answers and not sectors & answers
    assert figures.series_colours(
        ["Regulier basisonderwijs (bao)", "Gespecialiseerd onderwijs"]
    ) == [
        figures.SECTOR_COLOURS["bao"],
        figures.SECTOR_COLOURS["go"],
    ]
    assert figures.series_colours(["2023"]) == [figures.year_colours()[2023]]


def test_years_differ_in_lightness():
    def luminance(colour):
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    values = [luminance(figures.year_colours()[y]) for y in (2022, 2023, 2024)]
    assert (
        values == sorted(values, reverse=True)
        and min(a - b for a, b in zip(values, values[1:], strict=False)) > 40
    )


def test_labels_on_segments_keep_contrast():
    assert figures._text_on("#1b7837") == "#ffffff"
    assert figures._text_on("#d9f0d3") == "#000000"


def test_labels_are_wrapped_not_cut():
    label = "Leerlingen met specifieke ondersteuningsbehoefte op het gebied van leren"
    wrapped = wrap(label, 24)
    assert wrapped.replace("\n", " ") == label
    assert max(len(line) for line in wrapped.splitlines()) <= 24


def test_stacked_bars_use_the_answer_palette_and_show_every_label():
    data = pd.DataFrame(
        {
            "row": ["A", "A", "A"],
            "answer": [
                "Ja, heel lang antwoord dat over meerdere regels moet lopen",
                "Nee",
                "Weet ik niet",
            ],
            "value": [50.0, 40.0, 10.0],
        }
    )
    fig = stacked_bars(data, row="row", segment="answer", value="value", title="Figuur 3.2 T")
    colours = {
        matplotlib_colour(p.get_facecolor()) for p in fig.axes[0].patches if p.get_width() > 0
    }
    legend = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_legend().get_texts()]
    plt.close(fig)
    assert colours <= set(figures.ANSWER_COLOURS)
    assert legend[0] == "Ja, heel lang antwoord dat over meerdere regels moet lopen"


def matplotlib_colour(rgba) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgba[:3])


def test_trend_lines_draw_gaps_as_gaps():
    data = pd.DataFrame(
        {
            "year": [2018, 2019, 2020, 2022, 2023, 2024],
            "source": ["NEA"] * 3 + ["Monitor"] * 3,
            "value": [50.0, 52.0, 48.0, 55.0, 54.0, 56.0],
        }
    )
    fig = trend_lines(
        data,
        x="year",
        series="source",
        value="value",
        title="Figuur 5.1 T",
        period=(2009, 2024),
        series_order=["Monitor", "NEA"],
        unpublished={"NEA": [2009, 2014, 2017]},
    )
    lines = [line for line in fig.axes[0].get_lines() if line.get_linestyle() != "None"]
    joined = sorted(tuple(int(x) for x in line.get_xdata()) for line in lines)
    assert joined == [(2018, 2019, 2020), (2022, 2023, 2024)]  # 2020 and 2022 not joined
    assert fig.axes[0].get_xlim() == (2008.5, 2024.5)
    assert "2009, 2014 en 2017" in fig.werkdruk.description
    plt.close(fig)


def test_figure_data_table_gives_interval_and_n_of_every_value():
    tidy = pd.DataFrame(
        {
            "estimate": [2.5, 2.6],
            "ci_low": [2.4, float("nan")],
            "ci_high": [2.6, float("nan")],
            "n": [120, float("nan")],
            "statistic": ["mean", "mean"],
            "suppressed": [False, True],
        }
    )
    display = pd.DataFrame({"2024": ["2,50", "*"]}, index=["Leraar", "Schoolleider"])
    table = ReportTable(
        "Figuur 2.2",
        "T",
        display,
        tidy,
        cells={("Leraar", "2024"): 0, ("Schoolleider", "2024"): 1},
        column_title="Meting",
    )
    html = figure_data_table(table)
    assert '<td class="num">2,40 – 2,60</td>' in html and '<td class="num">120</td>' in html
    assert html.count('<td class="num">*</td>') == 3  # value, interval and n of a hidden cell
    folded = table.to_html()
    assert folded.startswith('<details class="figure-data" id="figuur_2_2-cijfers"')
    assert "95%-betrouwbaarheidsinterval" in folded


def test_trend_lines_of_indicators_have_their_own_colour_and_marker():
    data = pd.DataFrame(
        {
            "year": [2022, 2023, 2024] * 2,
            "item": ["Stelling a"] * 3 + ["Stelling b"] * 3,
            "value": [50.0, 52.0, 51.0, 30.0, 31.0, 29.0],
            "n": [100] * 6,
        }
    )
    period = {"period": (2009, 2024), "unpublished": {"NEA": [2009, 2014, 2017]}}
    fig = trend_lines(
        data, x="year", series="item", value="value", title="T", indicators=True, **period
    )
    ax = fig.axes[0]
    lines = [line for line in ax.get_lines() if line.get_linestyle() != "None"]
    assert {line.get_color() for line in lines} == set(figures.INDICATOR_COLOURS[:2])
    assert [line.get_marker() for line in lines] == list(figures.INDICATOR_MARKERS[:2])
    assert sorted(t.get_text() for t in ax.texts) == ["29%", "51%"]  # each line's last value
    assert ax.get_xlim()[0] == 2008.5 and ax.get_xlim()[1] > 2024.5  # room for the labels
    assert max(ax.get_xticks()) == 2024  # but no year beyond the period
    plt.close(fig)


def test_spread_keeps_labels_apart_and_near_their_values():
    assert figures.spread([10.0, 50.0], 5.0) == [10.0, 50.0]  # far apart: unchanged
    # 53 and 55 need 5 apart: centred on their mean 54 -> 51,5 and 56,5
    assert figures.spread([53.0, 55.0], 5.0) == [51.5, 56.5]
    # three close values: one cluster around 54 -> 49, 54, 59
    assert figures.spread([53.0, 54.0, 55.0], 5.0) == [49.0, 54.0, 59.0]
