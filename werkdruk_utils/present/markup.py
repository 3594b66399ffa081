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


_NUMBER = re.compile(r"(?<![\w#.-])(-?\d+\.\d{3,})(?![\w.])")
_G_TAG = re.compile(r"<g\b[^>]*>|</g>")


def _round(match: re.Match) -> str:
    text = f"{float(match.group(1)):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def compact_svg(svg: str) -> str:
    """The same drawing in fewer bytes: coordinates to 0,01 pt, no empty groups, no no-op
    rotations, the font named once, no line breaks inside paths. Text and ids stay as they are."""
    svg = re.sub(r' transform="rotate\(-?0 [^)]*\)"', "", svg)
    svg = svg.replace("font-family: 'DejaVu Sans'; ", "")
    svg = svg.replace(
        "*{stroke-linejoin: round; stroke-linecap: butt}",
        "*{stroke-linejoin:round;stroke-linecap:butt}text{font-family:'DejaVu Sans',sans-serif}",
    )
    svg = re.sub(r'\bd="([^"]*)"', lambda m: 'd="' + " ".join(m.group(1).split()) + '"', svg)
    head, sep, rest = svg.partition("<desc")  # never touch the title and description text
    if sep:
        desc_end = rest.index("</desc>") + len("</desc>")
        svg = head + sep + rest[:desc_end] + _NUMBER.sub(_round, rest[desc_end:])
    out, stack, last = [], [], 0
    for match in _G_TAG.finditer(svg):
        out.append(svg[last : match.start()])
        tag = match.group(0)
        if tag == "</g>":
            if stack.pop():
                out.append(tag)
        else:
            keep = tag != "<g>"
            stack.append(keep)
            if keep:
                out.append(tag)
        last = match.end()
    out.append(svg[last:])
    return re.sub(r">\s*\n\s*<", ">\n<", "".join(out))
