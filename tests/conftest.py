"""Test tiers. ``make test-unit`` runs the tests under tests/unit that are not marked ``slow``
(seconds, no data built); ``make test-integration`` runs every ``slow`` test: everything outside
tests/unit (integration, hostile-input corpus) is marked ``slow`` here, and the tests under
tests/unit that build data, load the bundled measurements or run a whole chapter carry the mark
themselves. Together the two tiers run every test."""

from __future__ import annotations

from pathlib import Path

import pytest

UNIT = Path(__file__).parent / "unit"


def pytest_collection_modifyitems(items):
    for item in items:
        if not Path(str(item.fspath)).is_relative_to(UNIT):
            item.add_marker(pytest.mark.slow)
