"""Key figures: declarations with a row label and a sentence subject, evaluated for every year and
written as sentences; on tiny hand-made measurements."""

from __future__ import annotations

import pytest

from werkdruk_utils.declare import Share, without
from werkdruk_utils.declare.estimates import Data
from werkdruk_utils.declare.keyfigures import (
    KeyFigure,
    evaluate_key_figures,
    key_sentences,
    select,
)
from werkdruk_utils.present.bases import plain

DECREASED = Share("v19", ("gedaald",), without("Weet ik niet"))
FIGURES = (
    KeyFigure("effecten", "school_a", "Gedaald (a)", "Het aandeel a", DECREASED, weighting="none"),
    KeyFigure("effecten", "school_b", "Gedaald (b)", "Het aandeel b", DECREASED, weighting="none"),
    KeyFigure("proces", "other", "Ander", "Het aandeel c", DECREASED, weighting="none"),
)


def test_select_by_key_and_prefix():
    assert [f.key for f in select(FIGURES, "school_*")] == ["school_a", "school_b"]
    assert [f.key for f in select(FIGURES, "other", "school_a")] == ["other", "school_a"]
    with pytest.raises(KeyError, match="no key figure 'nope'"):
        select(FIGURES, "nope")


def test_key_figures_for_every_year_and_their_sentences(kit):
    # 2023: 1 of 4 answers 'gedaald' (25,0%); 2024: 2 of 4 (50,0%); codes 1-2 gedaald, 3 gelijk
    data = Data(
        {
            2023: kit.answering(2023, "leraar", v19=[1, 3, 3, 3]),
            2024: kit.answering(2024, "leraar", v19=[1, 2, 3, 3]),
        },
        2024,
        1,
    )
    key = evaluate_key_figures(data, FIGURES)
    assert list(key["key"]) == ["school_a", "school_a", "school_b", "school_b", "other", "other"]
    assert list(key["category"])[:2] == ["Gedaald (a)", "Gedaald (a)"]  # the row label
    assert key.loc[key["key"] == "school_a", "estimate"].round(1).tolist() == [25.0, 50.0]
    assert set(key["section"]) == {"effecten", "proces"}
    levels = key_sentences(key, FIGURES, "school_a")
    assert plain(levels).startswith("- Het aandeel a is in 2024 50,0%")
    steps = key_sentences(key, FIGURES, "school_*", steps=True, note="Noot.")
    lines = plain(steps).split("\n")
    # 1 of 4 against 2 of 4: p = 0,604 (shown in the fold), no significant step
    assert lines[0].startswith(
        "- Het aandeel a: geen significante verandering tussen 2023 en 2024."
    )
    assert lines[1].startswith("- Het aandeel b: geen significante verandering tussen 2023 en")
    assert "50,0%" not in lines[0].split("Toetsen en aantallen")[0]  # levels only in the fold
    assert steps.endswith("\n\nNoot.") and steps.count('class="stat-fold"') == 2
