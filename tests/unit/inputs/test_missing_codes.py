"""Tests for werkdruk_utils.inputs.missing_codes: missing-value codes read as missing, counted."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from werkdruk_utils.inputs.missing_codes import (
    is_missing_label,
    missing_meaning,
    resolve_missing_codes,
)


@pytest.fixture
def raw(kit: Any, real_codebook: Any) -> pd.DataFrame:
    respondents, _ = kit.build_measurement(real_codebook, 2024)
    return kit.to_raw(respondents)


def test_missing_labels() -> None:
    for label in ("Geen antwoord", "Weet niet", "weet ik niet.", "N.v.t.", "Wil ik niet zeggen"):
        assert is_missing_label(label), label
    for label in ("Nee", "Ja, soms", "Gedeeltelijk", "Nooit"):
        assert not is_missing_label(label), label
    assert missing_meaning("Ik weet het niet") == "weet niet"
    assert missing_meaning("Niet van toepassing") == "n.v.t."
    assert missing_meaning("Geen antwoord") == "geen antwoord"


def test_declared_and_labelled_codes_are_read_as_missing(
    raw: pd.DataFrame, real_codebook: Any
) -> None:
    raw = raw.copy()
    raw.loc[3, "v5_1"] = "-99"  # declared user-missing
    raw.loc[5, "v5_1"] = "-99"
    raw.loc[4, "v4"] = "-1"  # labelled 'Weet niet', not declared
    out = resolve_missing_codes(
        raw,
        real_codebook,
        2024,
        file="r.sav",
        value_labels={
            "v5_1": {-99: "Geen antwoord"},
            "v4": {-1: "Weet niet", 1: "Jonger dan 25 jaar"},
        },
        declared={"v5_1": [(-99.0, -99.0)]},
    )
    assert out.counts == {"v4": {"-1 'Weet niet'": 1}, "v5_1": {"-99 'Geen antwoord'": 2}}
    assert out.total == 3 and out.problems == [] and out.kept == {}
    assert out.frame.loc[[3, 5], "v5_1"].isna().all() and pd.isna(out.frame.loc[4, "v4"])
    assert out.frame.loc[2, "v5_1"] == raw.loc[2, "v5_1"]  # other cells as they were
    assert out.value_labels["v4"] == {1: "Jonger dan 25 jaar"}  # the missing label is taken out


def test_declared_missing_that_is_an_answer_is_kept(raw: pd.DataFrame, real_codebook: Any) -> None:
    raw = raw.copy()
    raw["v8"] = ["4", "1", "4", "2", "3", "1"]
    out = resolve_missing_codes(
        raw, real_codebook, 2024, file="r.sav", declared={"v8": [(4.0, 4.0)]}
    )
    assert out.counts == {} and out.kept == {"v8": {"4": 2}}
    assert (out.frame["v8"] == raw["v8"]).all()


def test_missing_label_with_the_meaning_of_an_answer_is_refused(
    raw: pd.DataFrame, real_codebook: Any
) -> None:
    raw = raw.copy()
    raw.loc[2, "v8"] = "-1"
    out = resolve_missing_codes(
        raw, real_codebook, 2024, file="r.sav", value_labels={"v8": {-1: "Weet niet"}}
    )
    assert [(p.column, p.rows, p.kind) for p in out.problems] == [
        ("v8", (2,), "missing_code_ambiguous")
    ]
    assert "'Weet ik niet'" in out.problems[0].hint
    assert out.counts == {} and -1 not in out.value_labels.get("v8", {})
