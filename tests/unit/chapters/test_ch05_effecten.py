"""Chapter 5 (effecten): the sentences written from declared results, on tiny hand-made
measurements."""

from __future__ import annotations

from werkdruk_utils.chapters import ch05_effecten as ch
from werkdruk_utils.declare import Answers, ScaleShare, Share, without
from werkdruk_utils.declare.estimates import Data, estimate, evaluate
from werkdruk_utils.present.bases import plain


def test_consistency_prefix(kit):
    assert ch.consistency_prefix([], []) == ""
    assert (
        ch.consistency_prefix([2022, 2023], [])
        == "Net als bij de vorige metingen in 2022 en 2023, "
    )
    assert ch.consistency_prefix([], [2022]) == "Anders dan bij de vorige meting in 2022, "
    assert (
        ch.consistency_prefix([2022], [2023])
        == "Net als bij de meting in 2022, maar anders dan bij de meting in 2023, "
    )


def test_trend_text_names_each_indicator_as_declared(kit):
    data = Data(
        {
            2024: kit.answering(
                2024,
                "leraar",
                v6_1=[3, 4, 1, 2],
                v6_4=[4, 4, 1, 1],
                v6_5=[4, 3, 1, 2],
                v6_6=[4, 4, 2, 1],
            )
        },
        2024,
        1,
    )
    trend = evaluate(
        data,
        estimate(
            Share("v6_1", answers=("Vaak", "Altijd")),
            ScaleShare("emotionele_belasting"),
            weighting="none",
        ),
    )
    lines = plain(ch.trend_text(trend)).splitlines()
    assert lines[0].startswith("- Het percentage dat op '")
    assert "vaak of altijd antwoordt is in 2024 50,0%" in lines[0] and "n = 4" in lines[0]
    assert lines[1].startswith(
        "- Het percentage op of boven de drempel van de schaal emotionele belasting is in 2024 "
        "50,0%"
    )


def test_breakdown_sentence_without_a_significant_difference(kit):
    # bao and go decrease equally often: no significant difference, no earlier year.
    data = Data({2024: kit.answering(2024, "leraar", v19=[1, 1, 3, 3, 1, 1, 3, 3])}, 2024, 1)
    decreased = Share("v19", answers=("gedaald",), base=without("Weet ik niet"))
    by_sector = evaluate(data, estimate(decreased, by="sector", weighting="none"))
    sentence = ch.breakdown_sentence(by_sector)
    assert sentence.startswith(
        "In 2024 zijn er naar onderwijstype geen significante verschillen in het percentage"
    )
    table = ch.breakdown_table(by_sector)
    assert table.display["% (enigszins of sterk) gedaald"].tolist() == ["50,0%", "50,0%"]
    assert set(table.data["characteristic"]) == {"sector"}


def test_school_effect_text_reads_the_declared_results(kit):
    data = Data({2024: kit.answering(2024, "leraar", v19=[1, 2, 4, 4, 6, 3])}, 2024, 1)
    effect = evaluate(
        data, estimate(Answers("v19", base=without("Weet ik niet")), weighting="none")
    )
    decreased = evaluate(
        data,
        estimate(
            Share("v19", answers=("gedaald",), base=without("Weet ik niet")), weighting="none"
        ),
    )
    text = plain(ch.school_effect_text(decreased, effect))
    assert "(enigszins of sterk) is gedaald is in 2024 40,0%" in text  # 2 of 5 answers
    assert "enigszins is gestegen is in 2024 40,0%" in text and "n = 5" in text
