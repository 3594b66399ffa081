"""Tests for werkdruk_utils.inputs.personal: the shapes of personal data and their masking."""

from __future__ import annotations

import pytest

from werkdruk_utils.inputs.personal import (
    character_name,
    escape_invisible,
    invisible_characters,
    looks_personal,
    mask,
)


@pytest.mark.parametrize(
    "value",
    ["+31612000001", "06-12345678", "0031 20 123 4567", "+44 20 7946 0958", "a@b.example", "x@y"],
)
def test_personal_looking_values(value: str) -> None:
    assert looks_personal(value)


@pytest.mark.parametrize("value", ["S01", "123456", "R00042", "2024", "1.234,5", "v6_1"])
def test_ordinary_values(value: str) -> None:
    assert not looks_personal(value)


def test_mask() -> None:
    assert mask("+31612000001") == "+3********** (12 tekens)"
    assert mask("school@example.org") == "sc***@ex***.org"


def test_invisible_characters_are_escaped_and_named() -> None:
    name = "\ufeffv6_1\u200b\u00a0"
    assert invisible_characters(name) == ["\ufeff", "\u200b", "\u00a0"]
    assert escape_invisible(name) == "\\ufeffv6_1\\u200b\\xa0"
    assert character_name("\u200b") == "U+200B ZERO WIDTH SPACE"
    assert "byte-order mark" in character_name("\ufeff")
