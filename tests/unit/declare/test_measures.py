"""The measures of the declaration vocabulary on tiny frames: which answers count, who is in the
base, and the rows each measure yields (labels from the real codebook)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from werkdruk_utils.declare.measures import (
    EVERY_ANSWER,
    WHOLE_POPULATION,
    Answers,
    AnyTicked,
    Context,
    DeclarationError,
    FieldMeans,
    GridRows,
    ScaleMean,
    ScaleShare,
    Share,
    Ticked,
    among,
    matching,
    without,
)
from werkdruk_utils.inputs.codebook import load_codebook


def ctx(frame: pd.DataFrame, year: int = 2024, run_year: int = 2024) -> Context:
    return Context(load_codebook(), year, run_year, frozenset(frame.columns))


def values(row, frame) -> list:
    return ["nan" if math.isnan(v) else v for v in row.values(frame).tolist()]


def test_matching_prefers_exact_labels_and_refuses_ambiguous_rows():
    labels = {1: "Ja", 2: "Ja, soms", 3: "Nee"}
    assert matching(labels, ["Ja"], what="q", single=True) == [1]  # exact beats contains
    assert matching(labels, ["ja, s", "nee"], what="q", single=False) == [2, 3]
    with pytest.raises(DeclarationError, match="'misschien' must match"):
        matching(labels, ["misschien"], what="q", single=False)
    with pytest.raises(DeclarationError, match="exactly one"):
        matching({1: "sterk gedaald", 2: "enigszins gedaald"}, ["gedaald"], what="q", single=True)


def test_answers_rows_follow_the_question_and_leave_dont_know_out_of_the_base():
    frame = pd.DataFrame({"v19": [1, 2, 3, 6, None, 5]})
    rows = list(Answers("v19", base=without("Weet ik niet")).rows(ctx(frame)))
    assert [dict(r.extra)["code"] for r in rows] == [1, 2, 3, 4, 5]  # 6 'Weet ik niet' is no row
    assert values(rows[0], frame) == [1.0, 0.0, 0.0, "nan", "nan", 0.0]  # 6 and empty: no base
    assert rows[3].category == load_codebook().report_label("v19", 4)


def test_answers_in_a_declared_order_and_without_key():
    frame = pd.DataFrame({"v17": [3, 1]})
    rows = list(Answers("v17", answers=("volledige vrijheid", "kaders"), key=None).rows(ctx(frame)))
    assert [r.category for r in rows] == [
        load_codebook().report_label("v17", 3),
        load_codebook().report_label("v17", 1),
    ]
    assert rows[0].extra == ()
    assert values(rows[0], frame) == [1.0, 0.0]


def test_answers_in_the_wording_of_the_run_year():
    frame = pd.DataFrame({"v9": [1]})
    (row, *_) = Answers("v9", wording="run_year").rows(ctx(frame, 2022, run_year=2024))
    assert "2022-2023" in row.category  # the school year of the decision of measurement 2024


def test_share_counts_a_set_of_answers_within_a_base():
    frame = pd.DataFrame({"v8": [1, 2, 3, 4, None]})
    (yes,) = Share("v8", answers=("Ja",), label="Ja (geëvalueerd)").rows(ctx(frame))
    assert yes.category == "Ja (geëvalueerd)" and yes.variable == "v8"
    assert values(yes, frame) == [0.0, 1.0, 1.0, 0.0, "nan"]
    (same,) = Share("v8", answers=("hetzelfde gebleven",), base=among("Ja")).rows(ctx(frame))
    assert values(same, frame) == ["nan", 1.0, 0.0, "nan", "nan"]  # among the two 'Ja' answers
    (decreased,) = Share("v19", answers=("gedaald",), base=without("Weet ik niet")).rows(
        ctx(pd.DataFrame({"v19": [1, 2, 3, 6]}))
    )
    assert values(decreased, pd.DataFrame({"v19": [1, 2, 3, 6]})) == [1.0, 1.0, 0.0, "nan"]


def test_share_of_one_answer_is_labelled_with_that_answer():
    (row,) = Share("v13", answers=("Ja",)).rows(ctx(pd.DataFrame({"v13": [1]})))
    assert row.category == "Ja"


def test_ticked_base_is_who_answered_the_question():
    frame = pd.DataFrame(
        {f"v11_{i}": [0, 0, 0] for i in range(1, 7)}
        | {"v11_1": [1, 0, None], "v11_6": [0, 1, None]}
    )
    rows = list(Ticked("v11").rows(ctx(frame)))
    assert len(rows) == 6 and dict(rows[0].extra) == {"item": 1}
    assert values(rows[0], frame) == [1.0, 0.0, "nan"]  # the third answered nothing
    chosen = list(
        Ticked("v11", options=("extra personeel", "Professionalisering")).rows(ctx(frame))
    )
    assert [dict(r.extra)["item"] for r in chosen] == [1, 3]


def test_ticked_without_dont_know_drops_that_option_from_rows_and_base():
    frame = pd.DataFrame(
        {"v18_1": [1, 0, 0], "v18_2": [0, 0, 0], "v18_3": [0, 1, 0], "v18_4": [0, 0, 1]}
    )
    rows = list(Ticked("v18", base=without("Weet ik niet")).rows(ctx(frame)))
    assert len(rows) == 3
    assert values(rows[0], frame) == [1.0, 0.0, "nan"]  # 'Weet ik niet' only: not in the base
    (any_yes,) = AnyTicked("v18", options=("andere middelen", "geen geld"), label="Ja").rows(
        ctx(frame)
    )
    assert values(any_yes, frame) == [1.0, 0.0, 0.0]  # every answer in the base: row 3 counts 0


def test_ticked_grid_column_of_the_whole_population():
    frame = pd.DataFrame({"v10_1_oorzaak": [1, 0, None], "v10_2_oorzaak": [0, 1, None]})
    rows = list(Ticked("v10", column="oorzaak", base=WHOLE_POPULATION).rows(ctx(frame)))
    assert [dict(r.extra)["item"] for r in rows] == [1, 2]
    assert values(rows[0], frame) == [1.0, 0.0, 0.0]  # empty counts as not named


def test_ticked_spending_columns_carry_the_school_year():
    frame = pd.DataFrame(
        {
            "v10_1_besteed_2020_2021": [1, 0],
            "v10_1_besteed_2021_2022": [0, 0],
            "v10_1_oorzaak": [0, 1],
        }
    )
    rows = list(Ticked("v10", column="besteed").rows(ctx(frame, 2022, 2022)))
    assert [dict(r.extra)["group"] for r in rows] == ["2020-2021", "2021-2022"]
    assert values(rows[1], frame) == [0.0, 0.0]  # base: any box of the grid


def test_grid_rows_count_one_answer_among_the_applicable():
    frame = pd.DataFrame({"v16_1": [1, 2, 3, 4], "v16_13": [4, 4, 4, 4]})
    rows = list(
        GridRows(
            "v16",
            answers=("is besproken",),
            base=without("Niet van toepassing"),
            exclude_rows=("Anders",),
        ).rows(ctx(frame))
    )
    assert [r.category for r in rows] == ["Groepsleerkrachten"]
    assert values(rows[0], frame) == [1.0, 0.0, 0.0, "nan"]


def test_scales_and_fields():
    frame = pd.DataFrame({"v6_4": [1, 3, None], "v6_5": [2, 3, None], "v6_6": [None, 2, 1]})
    (mean,) = ScaleMean("emotionele_belasting").rows(ctx(frame))
    assert mean.statistic == "mean"
    assert values(mean, frame) == [1.5, pytest.approx(8 / 3), "nan"]  # two of three items needed
    (share,) = ScaleShare("emotionele_belasting").rows(ctx(frame))
    assert values(share, frame) == [0.0, 1.0, "nan"]  # 8/3 >= 2,5
    fields = pd.DataFrame(
        {"v14_2": [100, 80], "v14_3": [None, 20], "v14_1": [0, 0], "v14_4": [0, 1]}
    )
    rows = list(
        FieldMeans("v14", fields=("Leerkrachten",), exclude="Weet ik niet").rows(ctx(fields))
    )
    assert values(rows[0], fields) == [100.0, "nan"] and dict(rows[0].extra) == {"field": "v14_2"}


def test_unknown_names_are_refused():
    frame = pd.DataFrame({"v8": [1]})
    with pytest.raises(DeclarationError, match="not a coded question"):
        list(Answers("v99").rows(ctx(frame)))
    with pytest.raises(DeclarationError, match="unknown scale"):
        list(ScaleMean("werkplezier").rows(ctx(frame)))
    with pytest.raises(DeclarationError, match="unknown base"):
        list(Answers("v8", base="iedereen").rows(ctx(frame)))
    assert EVERY_ANSWER == "every answer"
