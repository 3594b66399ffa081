"""The site's static files: the one stylesheet and script every page links
(``<out>/assets/werkdruk.css`` and ``werkdruk.js``, sources in ``assets/`` beside this module).

Kept apart from :mod:`werkdruk_utils.publish.pages`, which renders the chapter pages: a page only
links these files, so editing the stylesheet re-writes the assets and re-renders no notebook
(the build's dependencies are computed per module, :mod:`werkdruk_utils.deps`).

``python -m werkdruk_utils.publish.static --out OUT`` writes them (``make site`` / ``make diff``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from werkdruk_utils import paths

ASSETS_DIR = Path(__file__).with_name("assets")
ASSET_FILES = ("werkdruk.css", "werkdruk.js")


def stylesheet() -> str:
    """The shared stylesheet's text (the print document inlines it)."""
    return (ASSETS_DIR / "werkdruk.css").read_text(encoding="utf-8")


def write_assets(out_dir: Path) -> list[Path]:
    """Copy the shared stylesheet and script to ``<out_dir>/assets/`` (only when changed, so that
    a rebuild leaves the files untouched)."""
    from werkdruk_utils.publish.pages import ASSETS_URL

    target = Path(out_dir) / ASSETS_URL
    written = []
    for name in ASSET_FILES:
        source = (ASSETS_DIR / name).read_bytes()
        path = target / name
        if not path.exists() or path.read_bytes() != source:
            paths.write_atomic(path, source)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the site's shared stylesheet and script.")
    parser.add_argument("--out", type=Path, required=True, metavar="OUT")
    args = parser.parse_args(argv)
    for path in write_assets(args.out):
        print(f"wrote {paths.display(path)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
