"""Small helpers on HTML/SVG markup shared by the figures and the pages (no plotting imports)."""

from __future__ import annotations

import re


def prefix_ids(markup: str, prefix: str) -> str:
    """``markup`` (a figure) with every id and every reference to one prefixed by ``prefix``, so
    that two copies of a figure (two measurement years) can share a page."""
    markup = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', markup)
    markup = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", markup)
    markup = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', markup)
    return re.sub(
        r'aria-labelledby="([^"]+)"',
        lambda m: 'aria-labelledby="' + " ".join(f"{prefix}-{i}" for i in m.group(1).split()) + '"',
        markup,
    )
