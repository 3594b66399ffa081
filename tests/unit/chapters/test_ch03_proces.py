"""Chapter 3 (proces): the sentences and notes written from declared results, on two tiny
hand-made measurements."""

from __future__ import annotations

import pytest

from werkdruk_utils.chapters import ch03_proces as ch
from werkdruk_utils.declare import Answers, GridRows, Ticked, without
from werkdruk_utils.declare.estimates import Data, estimate, evaluate
from werkdruk_utils.present.bases import plain


def test_decision_text_and_the_bases_note(kit):
    data = Data(
        {
            2023: kit.answering(2023, v9=[2, 2, 1, 1, 2, 1, 2, 1]),
            2024: kit.answering(2024, v9=[2, 2, 2, 1, 2, 1, 2, None]),
        },
        run_year=2024,
        min_n=1,
    )
    decision = evaluate(
        data,
        estimate(
            Answers("v9", wording="run_year"),
            population="school_leaders",
            by="sector",
            weighting="none",
        ),
    )
    text = plain(ch.decision_text(decision))
    # bao 2024: 4 of 4 'binnen het kader'; go: 1 of the 3 answering (one left it empty)
    assert text.startswith(
        "Het aandeel schoolleiders in het regulier basisonderwijs (bao) dat binnen het kader van "
        "het werkverdelingsplan besloot is in 2024 100,0%"
    )
    assert (
        "gespecialiseerd onderwijs (go) dat binnen het kader van het werkverdelingsplan besloot "
        "is in 2024 33,3%" in text
    )
    assert ch.answered_bases_note(decision).endswith("beantwoordde: 4 (bao) en 3 (go).")
    # Tabel 3.1 shows 2024 only: the sentence names 2023 without its value, the fold gives it
    running, fold = ch.decision_text(decision).split("<details", 1)
    assert "2023 (" not in plain(running) and "tegen 2023 (" in plain(fold)


def test_top_causes_name_what_is_new_against_earlier_years(kit):
    rows = {f"v10_{i}_oorzaak": [0] * 4 for i in range(1, 29)}
    earlier = rows | {"v10_1_oorzaak": [1, 1, 1, 1], "v10_28_oorzaak": [1, 1, 1, 1]}
    now = rows | {"v10_2_oorzaak": [1, 1, 1, 1], "v10_28_oorzaak": [1, 1, 1, 1]}
    data = Data({2023: kit.answering(2023, **earlier), 2024: kit.answering(2024, **now)}, 2024, 1)
    causes = evaluate(
        data,
        estimate(
            Ticked("v10", column="oorzaak", base="whole population"),
            population="school_leaders",
            by="sector",
            weighting="none",
        ),
    )
    text = plain(ch.top_causes_text(causes, k=1))
    assert "- Zorgen rondom leerachterstanden (als gevolg van corona) (100,0%)" in text
    assert "Anders" not in text  # 'Anders' is never a most named cause
    assert "Niet bij de meest genoemde in 2023, nu wel: Zorgen rondom" in text


@pytest.mark.parametrize(("run_year", "marked"), [(2024, True), (2022, False)])
def test_stagebegeleiders_not_asked_in_2022(run_year, marked, kit):
    rows = {f"v16_{i}": [1, 2, 1, 4] for i in range(1, 14)}
    older = {k: v for k, v in rows.items() if k != "v16_12"}
    years = {2022: kit.answering(2022, **older)}
    if run_year == 2024:
        years[2024] = kit.answering(2024, **rows)
    discussed = evaluate(
        Data(years, run_year, 1),
        estimate(
            GridRows("v16", answers=("is besproken",), base=without("Niet van toepassing")),
            population="school_leaders",
            weighting="none",
        ),
    )
    notes = ch.discussed_notes(discussed)
    if marked:
        assert ch.not_asked_marks(discussed) == {"Stagebegeleider(s)": "Stagebegeleider(s)*"}
        assert notes[-1] == "*in de meting in 2022 is niet naar deze functiegroep gevraagd"
    else:
        assert ch.not_asked_marks(discussed) == {}
        assert notes[-1] == "Naar 'Stagebegeleider(s)' is in de meting van 2022 niet gevraagd."
