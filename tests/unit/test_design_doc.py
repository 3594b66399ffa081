"""docs/design.md describes the real modules: every module of the package is listed in its
layout, and every module the layout lists exists."""

from __future__ import annotations

import re

from werkdruk_utils import paths

DESIGN = paths.ROOT / "docs" / "design.md"


def listed_modules() -> set[str]:
    """Module paths (relative to werkdruk_utils/) named in the layout block of design.md."""
    text = DESIGN.read_text(encoding="utf-8")
    block = text[text.index("werkdruk_utils/ ") : text.index("tests/unit/ ")]
    found: set[str] = set()
    package = ""
    for line in block.splitlines()[1:]:
        indent = len(line) - len(line.lstrip())
        name = line.split()[0] if line.strip() else ""
        if indent == 2 and name.endswith("/"):
            package = name
        elif indent == 2 and name.endswith(".py"):
            package = ""
            found.add(name)
        elif indent == 4:
            found.update(
                package + n for n in re.findall(r"\b\w+\.py\b", line.split("  ")[0] + " " + line)
            )
    return found


def test_every_module_is_described_and_every_described_module_exists():
    package = paths.ROOT / "werkdruk_utils"
    actual = {
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    }
    listed = listed_modules()
    assert actual - listed == set(), (
        f"modules missing from docs/design.md: {sorted(actual - listed)}"
    )
    assert listed - actual == set(), (
        f"docs/design.md lists modules that do not exist: {sorted(listed - actual)}"
    )
