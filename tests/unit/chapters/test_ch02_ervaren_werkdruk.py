"""Hoofdstuk 2: scale means, group comparisons, the text and the regression table, hand-computed
on tiny frames; the notebook's titles are the report's."""

from __future__ import annotations

import ast
import math
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from werkdruk_utils import paths
from werkdruk_utils.chapters import ch02_ervaren_werkdruk as ch
from werkdruk_utils.check import reproduce
from werkdruk_utils.declare import ScaleMean
from werkdruk_utils.declare.estimates import Data, estimate, evaluate
from werkdruk_utils.declare.models import (
    TERM_LABELS,
    Model,
    ModelResult,
    hidden_terms,
    model_table,
    suppressed_terms,
    too_few,
)
from werkdruk_utils.present.bases import plain
from werkdruk_utils.stats.estimable import NotEstimable


def _respondents(year: int, rows: list[dict]) -> pd.DataFrame:
    """Respondents all in one weighting cell (bao x leerkracht), so cell weights are equal."""
    frame = pd.DataFrame(rows)
    frame["year"] = year
    frame["sector"] = "bao"
    frame["weighting_group"] = "leerkracht"
    for column in [f"v6_{i}" for i in range(1, 10)]:
        if column not in frame.columns:
            frame[column] = pd.NA
        frame[column] = frame[column].astype("Int64")
    return frame


def _row(school: str, group: str, items: tuple) -> dict:
    row = {"school_id": school, "analysis_group": group}
    row.update({f"v6_{i + 1}": v for i, v in enumerate(items)})
    return row


def _data(frames: dict[int, pd.DataFrame]) -> Data:
    schools = pd.DataFrame({"sector": ["bao"] * 3, "achterstandsscore": [0.01, 0.02, 0.03]})
    measurements = {
        y: SimpleNamespace(year=y, respondents=f, schools=schools) for y, f in frames.items()
    }
    return Data(measurements, max(frames), 1)


def _mean(data: Data, by: str | None = None):
    return evaluate(data, estimate(ScaleMean("kwantitatieve_taakeisen"), by=by))


def test_scale_means_use_the_two_thirds_rule_and_groups():
    data = _data(
        {
            2024: _respondents(
                2024,
                [
                    _row("S1", "leraar", (1, 2, 3)),  # score 2
                    _row("S1", "leraar", (4, 4, None)),  # 2 of 3 answered: score 4
                    _row("S2", "schoolleider", (3, 3, 3)),  # score 3
                    _row("S2", "leraar", (2, None, None)),  # 1 of 3 answered: no score
                    _row("S3", "schoolleider", (1, 1, 2)),  # score 4/3
                ],
            )
        }
    )
    overall = _mean(data).frame
    assert overall["estimate"].iloc[0] == pytest.approx((2 + 4 + 3 + 4 / 3) / 4)
    assert int(overall["n"].iloc[0]) == 4
    by_function = _mean(data, "function").frame.set_index("group")
    assert by_function.loc["leraar", "estimate"] == pytest.approx(3.0)
    assert by_function.loc["schoolleider", "estimate"] == pytest.approx((3 + 4 / 3) / 2)
    assert int(by_function.loc["onderwijsondersteunend personeel", "n"]) == 0


def test_pairs_in_the_grouping_order_with_the_sign_of_second_minus_first():
    rows = []
    for school, sl, leraar, ovp in (
        ("S1", (4, 4, 4), (2, 2, 2), (1, 1, 1)),
        ("S2", (3, 4, 4), (2, 2, 3), (1, 2, 1)),
        ("S3", (4, 4, 3), (3, 3, 3), (2, 1, 1)),
    ):
        rows += [
            _row(school, "schoolleider", sl),
            _row(school, "leraar", leraar),
            _row(school, "overig ondersteunend personeel", ovp),
        ]
    result = _mean(_data({2024: _respondents(2024, rows)}), "function")
    pairs = result.pairwise_tests()
    pairs = pairs[pairs["p"].notna()]  # onderwijsondersteunend personeel: nobody, no test
    assert list(zip(pairs["first"], pairs["second"], strict=True)) == [
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


def _two_years(second_year_items: list[tuple]) -> Data:
    first = [(2, 3, 3), (3, 3, 2), (2, 2, 3), (3, 3, 3)]
    return _data(
        {
            2023: _respondents(2023, [_row(f"S{i}", "leraar", it) for i, it in enumerate(first)]),
            2024: _respondents(
                2024, [_row(f"T{i}", "leraar", it) for i, it in enumerate(second_year_items)]
            ),
        }
    )


def test_overall_means_text_one_decimal_as_the_report():
    # 2023: scores 8/3, 8/3, 7/3, 3 -> 2,7; 2024: 8/3, 8/3, 8/3, 7/3 -> 2,6
    text = ch.overall_means_text(_mean(_two_years([(3, 3, 2), (2, 3, 3), (3, 2, 3), (2, 3, 2)])))
    assert text.startswith(
        "In 2024 scoort men op kwantitatieve taakeisen gemiddeld een 2,6 (1 = nooit, 4 = altijd); "
        "eerder 2023: 2,7."
    )
    same = _mean(_two_years([(2, 3, 3), (3, 3, 2), (2, 2, 3), (3, 3, 3)]))
    assert ch.overall_means_text(same).startswith(
        "In alle metingen (2023, 2024) scoort men op kwantitatieve taakeisen gemiddeld een 2,7"
    )


def test_figure_text_names_the_extremes_and_only_significant_differences():
    rows = []
    for i in range(8):
        rows.append(_row(f"S{i}", "schoolleider", (4, 4, 4) if i % 2 else (4, 4, 3)))
        rows.append(_row(f"S{i}", "leraar", (1, 1, 1) if i % 2 else (1, 1, 2)))
    text = ch.figure_text(_mean(_data({2024: _respondents(2024, rows)}), "function"))
    running = plain(text.split("<details")[0]).strip()
    # schoolleiders (4 + 11/3) / 2 = 3,83; leraren (1 + 4/3) / 2 = 1,17
    assert running == (
        "De gemiddelde score op kwantitatieve taakeisen is in 2024 het hoogst bij schoolleiders "
        "(3,83) en het laagst bij leraren (1,17). Het verschil is significant."
    )
    assert not re.search(r"\bp\s*[=<]", running)


def test_the_notebook_titles_are_the_reports():
    """Every figure title the notebook declares is printed so in the report (Figuur B3.7/B3.8
    with the scale caption the report gets wrong)."""
    report = re.sub(r"\s+", " ", (paths.REFERENCE_DIR / "report_text.txt").read_text("utf-8"))
    source = (paths.NOTEBOOKS_DIR / "02_ervaren_werkdruk.py").read_text("utf-8")
    titles = {
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and "over de jaren heen uitgesplitst naar" in node.value
    }
    figures = re.findall(r'chapter\.figure\("(Figuur [B\d.]+)"', source)
    assert len(titles) == len(figures) == 17
    printed = {t for t in titles if t in report} | {
        t
        for t in titles
        if t.replace("1 = regelmatig, 3 = nooit", "1 = nooit, 3 = altijd") in report
    }
    assert printed == titles


def _fake_model() -> ModelResult:
    terms = list(reproduce.REGRESSION_TERMS) + ["const"]
    p = {"age": 0.004, "oop": 0.009, "oop_wtf": 0.049, "ovp": 0.05}
    frame = pd.DataFrame(
        {
            "year": 2024,
            "outcome": "regelmogelijkheden",
            "term": terms,
            "label": [TERM_LABELS.get(t, "Constante") for t in terms],
            "B": [0.5 + i / 100 for i in range(len(terms))],
            "SE": [0.1234] * len(terms),
            "p": [p.get(t, 0.5) for t in terms],
            "Beta": [0.0456] * (len(terms) - 1) + [np.nan],
            "stars": [
                "***"
                if p.get(t, 0.5) < 0.005
                else "**"
                if p.get(t, 0.5) < 0.01
                else "*"
                if p.get(t, 0.5) < 0.05
                else ""
                for t in terms
            ],
            "n": 1234,
            "adj_r2": 0.0749,
        }
    )
    return ModelResult(Model("regelmogelijkheden"), frame, 2024)


def test_regression_table_formats_as_printed():
    table = model_table(_fake_model(), table_id="Tabel B2.4", title="t")
    d = table.display
    assert list(d.columns) == ["B", "SE", "Beta"]
    assert d.loc["Leeftijd"].tolist() == ["0,50***", "0,123", "0,046"]  # p = .004 < .005
    assert d.loc["Onderwijsondersteunend personeel", "B"] == "0,52**"  # p = .009
    assert d.loc["Overig ondersteunend personeel", "B"] == "0,53"  # p = .05: not < .05
    assert d.loc["Onderwijsondersteunend personeel * werktijdfactor", "B"] == "0,57*"
    assert d.loc["Constante"].tolist() == ["0,60", "0,123", ""]
    assert d.loc["Adj. R²", "B"] == "0,07"
    assert d.loc["Aantal respondenten (n)", "B"] == "1.234"
    assert table.notes[0] == "* p < 0,05; ** p < 0,01; *** p < 0,005"


def test_regression_text_lists_significant_predictors_and_folds_the_tests():
    text = ch.regression_text(_fake_model(), "Tabel B2.4")
    running, fold = text.split("<details", 1)
    assert running.startswith(
        "In Tabel B2.4 (meting 2024) hangt de score op regelmogelijkheden significant samen met: "
        "Leeftijd (positief, B = 0,50); "
    )
    assert "Overig ondersteunend personeel," in running.split("Niet significant: ")[1]
    assert "Werktijdfactor²" in running and "Werktijdfactor2" not in running
    assert "mínder regelmogelijkheden" in running
    assert not re.search(r"\bp\s*[=<]", running)
    assert "Leeftijd: B = 0,50, p = 0,004" in fold and "Adj. R² = 0,07" in fold


def test_a_small_group_term_is_suppressed_with_its_interaction():
    # model on 1.234 respondents; schoolleiders are 6 of them (sl base 6 < 10): sl and sl_wtf go
    model = _fake_model()
    bases = {t: 1234 for t in reproduce.REGRESSION_TERMS} | {"model": 1234, "sl": 6, "sl_wtf": 6}
    frame = suppressed_terms(model.frame, bases, 10)
    hidden = frame.set_index("term")["suppressed"]
    assert hidden[hidden].index.tolist() == ["sl", "sl_wtf"]
    row = frame.set_index("term").loc["sl"]
    assert all(math.isnan(row[c]) for c in ("B", "SE", "p", "Beta", "n")) and row["stars"] == ""
    assert frame.set_index("term").loc["age", "B"] == 0.5
    result = ModelResult(model.declaration, frame, 2024)
    assert hidden_terms(result) == ("sl", "sl_wtf")
    table = model_table(result, table_id="Tabel B2.4", title="t")
    assert table.display.loc["Schoolleider"].tolist() == ["*", "*", "*"]
    assert table.display.loc["Schoolleider * werktijdfactor"].tolist() == ["*", "*", "*"]
    assert table.display.loc["Aantal respondenten (n)", "B"] == "1.234"
    assert table.notes[-1].startswith("*: de groep")
    text = ch.regression_text(result, "Tabel B2.4")
    assert "n = 1.234" in text
    assert (
        " Niet getoond (te weinig respondenten): Schoolleider, Schoolleider * werktijdfactor."
        in text
    )
    assert "Schoolleider" not in text.split("Niet significant: ")[1].split(".")[0]
    assert "Schoolleider" not in text.split("<details")[1]  # no test of a hidden term in the fold
    # no small term: the frame is returned as it is (no suppressed column)
    assert suppressed_terms(model.frame, {"model": 1234}, 10) is model.frame


def test_a_model_that_cannot_be_estimated_says_why():
    reason = NotEstimable("Regressie van regelmogelijkheden", too_few(10))
    result = ModelResult(Model("regelmogelijkheden"), pd.DataFrame(), 2023, reason)
    table = model_table(result, table_id="Tabel B2.4", title="Relatie")
    assert table.display.iloc[0, 0] == "niet te schatten"
    assert table.notes == ["Niet te schatten: het model rust op minder dan 10 respondenten."]
    assert ch.regression_text(result, "Tabel B2.4") == (
        "**Tabel B2.4** (meting 2023): Regressie van regelmogelijkheden: niet te schatten: het "
        "model rust op minder dan 10 respondenten."
    )
    assert hidden_terms(result) == ()


def test_the_model_labels_are_the_self_checks():
    assert set(TERM_LABELS) == set(reproduce.REGRESSION_TERMS)
    block = next(b for b in reproduce.load_map()["blocks"] if b.get("kind") == "regression")
    for term, label in TERM_LABELS.items():
        assert block["terms"][label] == term


@pytest.mark.skipif(
    not (paths.SYNTHETIC_DIR / "2024" / "respondents.csv").is_file(),
    reason="data/synthetic missing: run 'make data'",
)
def test_fit_on_small_data_is_not_estimable_and_never_raises(tmp_path):
    from werkdruk_utils.declare.models import fit, model_bases
    from werkdruk_utils.inputs.load import load_measurement
    from werkdruk_utils.synth.tiny import subsample

    subsample(paths.SYNTHETIC_DIR, tmp_path, 30)
    small = load_measurement(2024, tmp_path)
    bases = model_bases(small.respondents, "regelmogelijkheden")
    # 30 respondents: the model's complete rows are a subset, every base at most 30
    assert bases["model"] <= 30 and set(bases) == {"model", *reproduce.REGRESSION_TERMS}
    result = fit(Data({2024: small}, 2024, 10), Model("regelmogelijkheden"))
    assert result.not_estimable is not None and result.frame.empty
    assert result.not_estimable.what == "Regressie van regelmogelijkheden"
    assert not any(c.isdigit() for c in result.not_estimable.reason.replace("10", ""))
    # min_n above the model's base: too few, whatever the data would allow
    result = fit(Data({2024: small}, 2024, bases["model"] + 1), Model("regelmogelijkheden"))
    assert result.not_estimable.reason == too_few(bases["model"] + 1)


def test_sensitivity_table_of_an_unestimable_model_says_why():
    from werkdruk_utils.declare.models import sensitivity_table

    reason = NotEstimable("Regressie van regelmogelijkheden", "collineair")
    result = ModelResult(Model("regelmogelijkheden"), pd.DataFrame(), 2024, reason)
    table = sensitivity_table(result, None, "Tabel B2.4a")
    assert table.title == "Buiten het rapport: Regelmogelijkheden"
    assert table.display.iloc[0, 0] == "niet te schatten"
    assert table.notes == ["Niet te schatten: collineair."]


@pytest.mark.skipif(
    not (paths.SYNTHETIC_DIR / "2024" / "respondents.csv").is_file(),
    reason="data/synthetic missing: run 'make data'",
)
def test_sensitivity_table_hides_the_suppressed_terms():
    from werkdruk_utils.inputs.load import load_measurement
    from werkdruk_utils.present.beyond import sensitivity_table

    respondents = load_measurement(2024, paths.SYNTHETIC_DIR).respondents
    table = sensitivity_table(
        respondents, "regelmogelijkheden", "Regelmogelijkheden", "Tabel B2.4a", 10, ("sl", "sl_wtf")
    )
    assert table.display.loc["Schoolleider"].tolist() == ["*"] * 4
    assert table.display.loc["Schoolleider * werktijdfactor"].tolist() == ["*"] * 4
    assert "*" not in table.display.loc["Leeftijd"].tolist()[1]  # the SE is shown
    assert "wordt niet getoond" in table.notes[0] and "schoolleider +" not in table.notes[0]
    assert table.data.set_index("term").loc["sl", ["B", "SE", "B_centred"]].isna().all()
