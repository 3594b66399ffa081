"""Hoofdstuk 2: hand-computed checks on tiny frames, plus a smoke test on the bundled synthetic
data."""

from __future__ import annotations

import math
import re
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from werkdruk_utils import paths
from werkdruk_utils.chapters import ch02_ervaren_werkdruk as ch
from werkdruk_utils.check import reproduce
from werkdruk_utils.present.report import Chapter

# ---------------------------------------------------------------------------- tiny frames


def _respondents(year: int, rows: list[dict]) -> pd.DataFrame:
    """Respondents all in one weighting cell (bao x leerkracht), so cell weights are equal."""
    frame = pd.DataFrame(rows)
    frame["year"] = year
    frame["sector"] = "bao"
    frame["weighting_group"] = "leerkracht"
    frame["respondent_id"] = [f"R{year}-{i}" for i in range(len(frame))]
    for column in [f"v6_{i}" for i in range(1, 10)] + [f"v5_{i}" for i in range(1, 7)]:
        if column not in frame.columns:
            frame[column] = pd.NA
        frame[column] = frame[column].astype("Int64")
    return frame


def _chapter(
    frames: dict[int, pd.DataFrame], schools: pd.DataFrame | None = None, min_n: int = 1
) -> Chapter:
    schools = (
        schools
        if schools is not None
        else pd.DataFrame({"sector": ["bao"] * 3, "achterstandsscore": [0.01, 0.02, 0.03]})
    )
    measurements = {
        y: SimpleNamespace(year=y, respondents=f, schools=schools) for y, f in frames.items()
    }
    return Chapter("02_test", max(frames), Path("."), Path("."), measurements, min_n=min_n)


def _row(school: str, group: str, items: tuple, score: float | None = 0.02) -> dict:
    row = {"school_id": school, "analysis_group": group, "achterstandsscore": score}
    row.update({f"v6_{i + 1}": v for i, v in enumerate(items)})
    return row


# ---------------------------------------------------------------------------- achterstandsscore
# categories


def test_cut_points_are_tertiles_of_bao_schools_only():
    schools = pd.DataFrame(
        {
            "sector": ["bao"] * 7 + ["go"],
            "achterstandsscore": [0.07, 0.01, 0.03, 0.02, 0.05, 0.04, 0.06, 0.90],
        }
    )
    # sorted bao scores 0.01..0.07: positions (7-1)/3 = 2 and 4 -> 0.03 and 0.05 (linear quantiles)
    low, high = ch.achterstand_cut_points(schools)
    assert low == pytest.approx(0.03)
    assert high == pytest.approx(0.05)


def test_cut_points_need_three_scores():
    with pytest.raises(ValueError, match="at least 3 bao schools"):
        ch.achterstand_cut_points(
            pd.DataFrame({"sector": ["bao", "bao", "go"], "achterstandsscore": [0.1, 0.2, 0.3]})
        )


def test_category_boundaries_belong_to_the_lower_category():
    scores = pd.Series([0.03, 0.031, 0.05, 0.051, np.nan])
    out = ch.achterstand_category(scores, (0.03, 0.05))
    assert out.iloc[:4].tolist() == ["laag", "midden", "midden", "hoog"]
    assert out.iloc[4] is None


# ---------------------------------------------------------------------------- means and differences


def test_scale_means_use_two_thirds_rule_and_groups():
    frame = _respondents(
        2024,
        [
            _row("S1", "leraar", (1, 2, 3)),  # score 2
            _row("S1", "leraar", (4, 4, None)),  # 2 of 3 answered: score 4
            _row("S2", "schoolleider", (3, 3, 3)),  # score 3
            _row("S2", "leraar", (2, None, None)),  # 1 of 3 answered: no score
            _row("S3", "schoolleider", (1, 1, 2)),  # score 4/3
        ],
    )
    chapter = _chapter({2024: frame})
    overall = ch.scale_means(chapter, "kwantitatieve_taakeisen")
    assert overall["estimate"].iloc[0] == pytest.approx((2 + 4 + 3 + 4 / 3) / 4)
    assert int(overall["n"].iloc[0]) == 4
    by_function = ch.figure_results(chapter, "Figuur 2.2").set_index("group")
    assert by_function.loc["leraar", "estimate"] == pytest.approx(3.0)
    assert by_function.loc["schoolleider", "estimate"] == pytest.approx((3 + 4 / 3) / 2)
    assert int(by_function.loc["onderwijsondersteunend personeel", "n"]) == 0


def test_group_pairs_order_and_sign():
    frame = _respondents(
        2024,
        [
            _row("S1", "leraar", (2, 2, 2)),
            _row("S2", "leraar", (2, 2, 3)),
            _row("S3", "leraar", (3, 3, 3)),
            _row("S1", "schoolleider", (4, 4, 4)),
            _row("S2", "schoolleider", (3, 4, 4)),
            _row("S3", "schoolleider", (4, 4, 3)),
            _row("S1", "overig ondersteunend personeel", (1, 1, 1)),
            _row("S2", "overig ondersteunend personeel", (1, 2, 1)),
            _row("S3", "overig ondersteunend personeel", (2, 1, 1)),
        ],
    )
    score = ch.scale_score(frame, "kwantitatieve_taakeisen")
    levels = ["schoolleider", "leraar", "overig ondersteunend personeel"]
    pairs = ch.group_pairs(frame, score, by="analysis_group", levels=levels, min_n=1)
    assert list(zip(pairs["first"], pairs["second"], strict=False)) == [
        ("schoolleider", "leraar"),
        ("schoolleider", "overig ondersteunend personeel"),
        ("leraar", "overig ondersteunend personeel"),
    ]
    means = {
        "schoolleider": (4 + 11 / 3 + 11 / 3) / 3,
        "leraar": (2 + 7 / 3 + 3) / 3,
        "overig ondersteunend personeel": (1 + 4 / 3 + 4 / 3) / 3,
    }
    for p in pairs.itertuples():
        assert p.difference == pytest.approx(means[p.second] - means[p.first])


def test_direction_respects_inverted_scale():
    assert ch._direction("kwantitatieve_taakeisen", True) == "meer kwantitatieve taakeisen"
    assert ch._direction("emotionele_belasting", False) == "minder emotionele belasting"
    assert ch._direction("regelmogelijkheden", True) == "minder regelmogelijkheden"
    assert ch._direction("regelmogelijkheden", False) == "meer regelmogelijkheden"


def _two_years(second_year_items: list[tuple]) -> Chapter:
    first = _respondents(
        2023,
        [
            _row(s, "leraar", items)
            for s, items in zip(
                ["S1", "S2", "S3", "S4"], [(2, 3, 3), (3, 3, 2), (2, 2, 3), (3, 3, 3)], strict=False
            )
        ],
    )
    second = _respondents(
        2024,
        [
            _row(s, "leraar", items)
            for s, items in zip(["S5", "S6", "S7", "S8"], second_year_items, strict=False)
        ],
    )
    return _chapter({2023: first, 2024: second})


def test_overall_means_text_one_decimal_as_the_report():
    # 2023: scores 8/3, 8/3, 7/3, 3 -> mean 2.667 -> '2,7'; 2024 identical rounding -> 'In alle
    # metingen'
    chapter = _two_years(
        [(3, 3, 2), (2, 3, 3), (3, 2, 3), (2, 3, 2)]
    )  # 8/3, 8/3, 8/3, 7/3 -> 2.583 -> '2,6'
    text = ch.overall_means_text(chapter, "kwantitatieve_taakeisen")
    assert text.startswith(
        "In 2024 scoort men op kwantitatieve taakeisen gemiddeld een 2,6 (1 = nooit, 4 = altijd); "
        "eerder 2023: 2,7."
    )
    same = _two_years([(2, 3, 3), (3, 3, 2), (2, 2, 3), (3, 3, 3)])
    assert ch.overall_means_text(same, "kwantitatieve_taakeisen").startswith(
        "In alle metingen (2023, 2024) scoort men op kwantitatieve taakeisen gemiddeld een 2,7"
    )


def test_group_difference_text_names_only_significant_differences():
    rows = []
    for i in range(8):
        rows.append(_row(f"S{i}", "schoolleider", (4, 4, 4) if i % 2 else (4, 4, 3)))
        rows.append(_row(f"S{i}", "leraar", (1, 1, 1) if i % 2 else (1, 1, 2)))
    chapter = _chapter({2024: _respondents(2024, rows)})
    text = ch.group_difference_text(chapter, "kwantitatieve_taakeisen", "functie")
    assert "Bij schoolleiders is de gemiddelde score hoger (3,83) dan bij leraren (1,17" in text
    assert "meer kwantitatieve taakeisen" in text


# ---------------------------------------------------------------------------- titles


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_figure_titles_are_the_reports():
    report = _normalised((paths.REFERENCE_DIR / "report_text.txt").read_text(encoding="utf-8"))
    for figure_id, spec in ch.FIGURES.items():
        printed = spec.title
        if ch.CAPTION_CORRECTION_NOTE in spec.notes:
            assert "1 = regelmatig, 3 = nooit" in printed
            printed = printed.replace("1 = regelmatig, 3 = nooit", "1 = nooit, 3 = altijd")
        assert f"{figure_id} {printed}" in report, figure_id


def test_regression_titles_and_terms_are_the_reports():
    report = _normalised((paths.REFERENCE_DIR / "report_text.txt").read_text(encoding="utf-8"))
    for table_id, title in ch.REGRESSION_TITLES.items():
        assert f"{table_id} {title}" in report
    assert set(ch.TERM_LABELS) == set(reproduce.REGRESSION_TERMS)
    mapping = reproduce.load_map()
    block = next(b for b in mapping["blocks"] if b.get("kind") == "regression")
    for term, label in ch.TERM_LABELS.items():
        assert block["terms"][label] == term


# ---------------------------------------------------------------------------- regression table
# formatting


def _fake_fit(monkeypatch):
    terms = list(reproduce.REGRESSION_TERMS) + ["const"]
    p = {"age": 0.004, "oop": 0.009, "oop_wtf": 0.049, "ovp": 0.05}
    table = pd.DataFrame(
        {
            "B": [0.5 + i / 100 for i in range(len(terms))],
            "SE": [0.1234] * len(terms),
            "p": [p.get(t, 0.5) for t in terms],
            "Beta": [0.0456] * len(terms),
            "sd_ratio": [1.0] * len(terms),
        },
        index=terms,
    )
    fit = reproduce.RegressionFit(table=table, adj_r2=0.0749, n=1234)
    monkeypatch.setattr(ch, "regression_fit", lambda chapter, scale: fit)
    return SimpleNamespace(year=2024)


def test_regression_table_formats_as_printed(monkeypatch):
    chapter = _fake_fit(monkeypatch)
    table = ch.regression_table(chapter, "Tabel B2.1")
    d = table.display
    assert list(d.columns) == ["B", "SE", "Beta"]
    assert d.loc["Leeftijd"].tolist() == ["0,50***", "0,123", "0,046"]  # p = .004 < .005
    assert d.loc["Onderwijsondersteunend personeel", "B"] == "0,52**"  # p = .009
    assert d.loc["Overig ondersteunend personeel", "B"] == "0,53"  # p = .05: not < .05
    assert d.loc["Onderwijsondersteunend personeel * werktijdfactor", "B"] == "0,57*"
    assert d.loc["Constante"].tolist() == ["0,60", "0,123", ""]
    assert d.loc["Adj. R2", "B"] == "0,07"
    assert d.loc["Aantal respondenten (n)", "B"] == "1.234"
    assert table.notes[0] == "*p < .05; ** p < .01; *** p < .005"


def test_regression_text_lists_significant_predictors(monkeypatch):
    chapter = _fake_fit(monkeypatch)
    text = ch.regression_text(chapter, "Tabel B2.4")
    assert "- Leeftijd: significant positief verband (B = 0,50; p = 0,004)." in text
    assert "Overig ondersteunend personeel," in text.split("Niet significant: ")[1]
    assert "mínder regelmogelijkheden" in text


# ---------------------------------------------------------------------------- smoke test on the
# bundled data

HAVE_DATA = all((paths.SYNTHETIC_DIR / str(y) / "respondents.csv").exists() for y in (2022, 2024))


@pytest.fixture(scope="module", params=[2022, 2024])
def bundled(request):
    if not HAVE_DATA:
        pytest.skip("data/synthetic missing (run `make data`)")
    from werkdruk_utils.present import report

    return report.start("02_ervaren_werkdruk", request.param, show_header=False)


@pytest.mark.slow  # integration tier: bundled data, whole chapters or generators
def test_every_table_and_figure_runs(bundled):
    import matplotlib.pyplot as plt

    for figure_id in ch.FIGURES:
        table = ch.figure_table(bundled, figure_id)
        assert table.table_id == figure_id
        assert set(table.data["year"]) == set(bundled.years)
        plt.close(ch.figure_plot(bundled, figure_id))
        assert str(bundled.year) in ch.figure_text(bundled, figure_id)
    assert ch.overall_means_table(bundled).data["estimate"].notna().all()
    for scale in ch.SCALE_ORDER:
        assert "gemiddeld een" in ch.overall_means_text(bundled, scale)
    alphas = ch.reliability(bundled)["alpha"]
    assert ((alphas > 0) & (alphas < 1)).all()
    for table_id in ch.REGRESSION_TABLES:
        table = ch.regression_table(bundled, table_id)
        assert len(table.display) == 13
        assert table_id in ch.regression_text(bundled, table_id)


@pytest.mark.slow  # integration tier: bundled data, whole chapters or generators
def test_regression_equals_self_check(bundled):
    if bundled.year != 2024:
        pytest.skip("the report prints Tabellen B2 for 2024 only")
    checked = reproduce.reproduce(bundled.current)
    for table_id in ch.REGRESSION_TABLES:
        ours = ch.regression_results(bundled, table_id).set_index("label")
        rows = checked[(checked["source_id"] == table_id) & checked["statistic"].isin(["B", "SE"])]
        assert len(rows) == 22
        for r in rows.itertuples():
            assert ours.loc[r.category, r.statistic] == pytest.approx(
                r.reproduced, rel=1e-9, abs=1e-12
            )


@pytest.mark.slow  # integration tier: bundled data, whole chapters or generators
def test_scale_means_equal_self_check(bundled):
    checked = reproduce.reproduce(bundled.current)
    rows = checked[checked["source_id"].isin(["Figuur 2.8", "Tekst H2.2"])]
    assert len(rows) > 0
    function = ch.figure_results(bundled, "Figuur 2.8")
    function = function[function["year"] == bundled.year].set_index("group")
    overall = ch.overall_means(bundled)
    overall = overall[overall["year"] == bundled.year].set_index("category")
    labels = {v: k for k, v in ch.BREAKDOWNS["functie"].labels.items()}
    for r in rows.itertuples():
        if r.source_id == "Figuur 2.8":
            assert function.loc[labels[r.group], "estimate"] == pytest.approx(
                r.reproduced, abs=1e-12
            )
        else:
            assert overall.loc[r.category, "estimate"] == pytest.approx(r.reproduced, abs=1e-12)
    assert not math.isnan(float(overall["estimate"].iloc[0]))
