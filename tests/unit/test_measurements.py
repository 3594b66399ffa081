"""The measurements as data: the codebook's list is the one source of the years, school years and
items asked; a year it does not list is refused with what to add and where."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from werkdruk_utils import measurements, paths
from werkdruk_utils.inputs.codebook import Codebook, CodebookError, load_codebook
from werkdruk_utils.inputs.load import load_measurement
from werkdruk_utils.stats import weighting


def test_years_are_the_codebook_measurements_in_order():
    assert measurements.years() == (2022, 2023, 2024)
    assert measurements.latest() == 2024
    raw = yaml.safe_load(paths.CODEBOOK_PATH.read_text(encoding="utf-8"))
    assert list(measurements.years()) == sorted(int(y) for y in raw["measurements"])


def test_school_years_and_items_not_asked():
    first = measurements.school_years(2022)
    assert first.current == "2021-2022"
    assert first.evaluated == first.decision == "2020-2021"
    assert first.spending == ("2020-2021", "2021-2022")
    assert measurements.school_years(2024).spending == ("2023-2024",)
    assert measurements.not_asked(2022) == ("v7_27", "v10_27", "v16_12")
    assert measurements.not_asked(2023) == ()


def test_previous_is_the_previous_measurement_present():
    assert measurements.previous(2024) == 2023
    assert measurements.previous(2024, [2022, 2024]) == 2022
    assert measurements.previous(2022) is None
    assert measurements.previous(2023, [2023, 2024]) is None


def test_present_lists_codebook_years_with_a_folder(tmp_path):
    for name in ("2022", "2024", "2030", "notes"):
        (tmp_path / name).mkdir()
    assert measurements.present(tmp_path) == [2022, 2024]
    assert measurements.present(tmp_path, up_to=2023) == [2022]


def test_unknown_year_says_what_to_add_and_where(tmp_path):
    (tmp_path / "2026").mkdir()
    with pytest.raises(CodebookError) as info:
        load_measurement(2026, tmp_path)
    message = str(info.value)
    assert "measurement 2026 is not in the codebook" in message
    assert "data/codebook.yaml lists 2022, 2023, 2024" in message
    assert "'2026:' under 'measurements:' in data/codebook.yaml" in message
    assert "measurement_year 2026 in data/population/weighting_population.csv" in message
    assert "<data>/2026/" in message and "docs/adding_a_measurement.md" in message
    with pytest.raises(CodebookError, match="a measurement year is a number"):
        measurements.check("volgend jaar")


def _codebook_with(entry: dict) -> dict:
    data = dict(load_codebook().data)
    data["measurements"] = {**data["measurements"], 2025: entry}
    return data


def test_a_new_entry_is_a_new_measurement_with_its_own_columns():
    entry = {
        "current_school_year": "2024-2025",
        "evaluated_school_year": "2023-2024",
        "decision_school_year": "2023-2024",
        "spending_school_years": ["2024-2025"],
        "not_asked": ["v16_12"],
    }
    codebook = Codebook(_codebook_with(entry))
    assert codebook.years == (2022, 2023, 2024, 2025)
    columns = codebook.columns(2025)
    assert "v10_1_besteed_2024_2025" in columns
    assert not any(c.endswith("2023_2024") for c in columns)
    assert "v16_12" not in columns and "v16_12" in codebook.columns(2024)
    assert codebook.year_of_columns(columns) == 2025


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"spending_school_years": None}, "2025: missing spending_school_years"),
        ({"evaluated_school_year": "2023/2024"}, "2025: school year '2023/2024' is not written"),
        ({"current_school_year": "2024-2026"}, "2025: school year '2024-2026' is not written"),
        ({"spending_school_years": []}, "2025: spending_school_years must be a non-empty list"),
        ({"not_asked": "v16_12"}, "2025: not_asked must be a list"),
    ],
)
def test_an_incomplete_entry_is_refused_naming_year_and_key(change, message):
    entry = {
        "current_school_year": "2024-2025",
        "evaluated_school_year": "2023-2024",
        "decision_school_year": "2023-2024",
        "spending_school_years": ["2024-2025"],
        "not_asked": [],
        **change,
    }
    entry = {k: v for k, v in entry.items() if v is not None}
    with pytest.raises(CodebookError, match=message.replace("/", ".")):
        Codebook(_codebook_with(entry))


def test_make_include_lists_every_year_and_the_years_up_to_each():
    text = measurements.make_include()
    assert "MEASUREMENT_YEARS := 2022 2023 2024\n" in text
    assert "MEASUREMENTS_UPTO_2022 := 2022\n" in text
    assert "MEASUREMENTS_UPTO_2024 := 2022 2023 2024\n" in text


def test_a_measurement_without_population_figures_is_named(tmp_path, monkeypatch, capsys):
    population = tmp_path / "weighting_population.csv"
    rows = paths.POPULATION_DIR.joinpath("weighting_population.csv").read_text(encoding="utf-8")
    population.write_text(
        "\n".join(line for line in rows.splitlines() if not line.startswith("2023,")) + "\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(measurements, "WEIGHTING_POPULATION_PATH", population)
    assert measurements.population_years() == [2022, 2024]
    assert measurements.main(["--make"]) == 1
    error = capsys.readouterr().err
    assert "measurement 2023: no population figures (rows with measurement_year 2023)" in error
    assert "docs/adding_a_measurement.md" in error


def test_weights_use_the_population_of_the_frames_measurement(tmp_path):
    population = tmp_path / "weighting_population.csv"
    lines = ["measurement_year,sector,weighting_group,population_n,source"]
    for year, bao_leraar in ((2023, 100), (2024, 300)):
        for sector in ("bao", "go"):
            for group in ("schoolleider", "leerkracht", "overig"):
                n = bao_leraar if (sector, group) == ("bao", "leerkracht") else 100
                lines.append(f"{year},{sector},{group},{n},test")
    population.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame = pd.DataFrame(
        {"sector": ["bao", "go"] * 3, "weighting_group": ["leerkracht"] * 2 + ["overig"] * 4}
    )
    for year, share in ((2023, 100 / 600), (2024, 300 / 800)):
        table = weighting.weight_table(
            frame, weighting.load_weighting_population(population, year=year)
        ).set_index(["sector", "weighting_group"])
        # bao leerkracht: population share / sample share (1 of 6)
        assert table.loc[("bao", "leerkracht"), "weight"] == pytest.approx(share / (1 / 6))
    with pytest.raises(weighting.WeightingError, match="no population figures for measurement"):
        weighting.load_weighting_population(population, year=2025)
    # a loaded measurement's frame has a year; without one, the latest figures are used
    assert weighting.cell_weights(frame.assign(year=2024)).equals(weighting.cell_weights(frame))
    with pytest.raises(weighting.WeightingError, match="several measurements at once"):
        weighting.cell_weights(frame.assign(year=[2023, 2024] * 3))
