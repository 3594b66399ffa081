"""The report of one measurement as a PDF: ``make pdf`` writes ``<out>/<year>/rapport.pdf``.

``python -m werkdruk_utils.publish.pdf --out outputs --years 2024 [--notebook NAME ...]``

For each year the chapter pages (in order) are put into one print document: a title page (report,
measurement, the data it was built from, the synthetic banner), a table of contents with the
chapters and their sections, then every chapter's content on A4 with the site's print stylesheet
(no navigation, figures and tables not split over two pages, a running header with chapter and
year, page numbers). Headless Chromium - the browser the browser test uses - prints it. The print
document itself is written to ``build/print/`` (not published). Without Chromium the command stops
at once and says what to install.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

from werkdruk_utils import paths
from werkdruk_utils.publish import pages, static

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = (
    "make pdf heeft Chromium nodig (het programma dat ook de browsertest gebruikt) en vond het "
    "niet. Installeer het, bijvoorbeeld op Debian of Ubuntu met 'sudo apt-get install chromium', "
    "op macOS met 'brew install --cask chromium', of wijs een geïnstalleerde Chrome of Chromium "
    "aan met CHROMIUM=/pad/naar/chromium."
)
_MAIN = re.compile(r"<main\b[^>]*>(.*)</main>", re.DOTALL)
_PAGER = re.compile(r'<nav class="pager".*?</nav>', re.DOTALL)
_COMPARE = re.compile(r'<p class="compare-links">.*?</p>', re.DOTALL)
_H = re.compile(r'<h([23]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SELF_CHECK = re.compile(r'<h2 id="h-controle-tegen-de-gepubliceerde-cijfers"')
# Margin boxes do not inherit the body's font.
MARGIN_FONT = 'font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8.5pt; color: #4d4d4d;'


def find_chromium(explicit: str | None = None) -> str | None:
    """The Chromium (or Chrome) to print with: ``explicit``, else the first one on the PATH."""
    if explicit:
        return explicit if Path(explicit).exists() or shutil.which(explicit) else None
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chapter_content(page: str, prefix: str, in_document: dict[str, str]) -> str:
    """The ``<main>`` content of a chapter page, ids prefixed with ``prefix`` so that chapters can
    share one document; links to another chapter of the document point into it, other links to
    pages of the site are dropped (their text stays)."""
    match = _MAIN.search(page)
    body = match.group(1) if match else page
    # The self-check is the website's: on paper the report's own content only.
    cut = _SELF_CHECK.search(body)
    if cut:
        body = body[: cut.start()]
    body = _PAGER.sub("", body)
    body = _COMPARE.sub("", body)
    body = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', body)
    body = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", body)
    body = re.sub(
        r'aria-labelledby="([^"]+)"',
        lambda m: 'aria-labelledby="' + " ".join(f"{prefix}-{i}" for i in m.group(1).split()) + '"',
        body,
    )

    def link(m: re.Match) -> str:
        target, text = m.group(1), m.group(2)
        if target.startswith("#"):
            return f'<a href="#{prefix}-{target[1:]}">{text}</a>'
        file, _, fragment = target.partition("#")
        if file in in_document:
            other = in_document[file]
            return f'<a href="#{other}-{fragment}">{text}</a>' if fragment else text
        return text

    body = re.sub(r'<a\b[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', link, body, flags=re.DOTALL)
    return re.sub(
        r'(xlink:)?href="#([^"]+)"', lambda m: f'{m.group(1) or ""}href="#{m.group(2)}"', body
    )


def print_document(out_dir: Path, year: int, notebooks: list[str], site: pages.Site) -> str:
    """The whole measurement as one HTML document for printing."""
    esc = html.escape
    css = static.stylesheet()
    chapters = [c for c in site.chapters if c.name in notebooks]
    texts = {}
    for chapter in chapters:
        path = Path(out_dir) / str(year) / f"{chapter.name}.html"
        if path.exists():
            texts[chapter.name] = path.read_text(encoding="utf-8")
    prefixes = {
        f"{c.name}.html": f"c{i}" for i, c in enumerate(chapters, start=1) if c.name in texts
    }
    synthetic = any("werkdruk-banner" in t for t in texts.values())
    running = []
    sections = []
    contents = []
    for i, chapter in enumerate(chapters, start=1):
        if chapter.name not in texts:
            continue
        prefix = f"c{i}"
        header = f"{chapter.short_title} — meting {year}".replace('"', "'")
        running.append(
            f'@page {prefix} {{ @top-left {{ content: "{header}"; {MARGIN_FONT} }} '
            f"@bottom-right {{ content: counter(page); {MARGIN_FONT} }} }}"
        )
        body = chapter_content(texts[chapter.name], prefix, prefixes)
        sections.append(
            f'<section class="print-chapter" id="{prefix}" style="page: {prefix}">{body}</section>'
        )
        entries = "".join(
            f'<li class="toc-{level}"><a href="#{prefix}-{anchor}">'
            f"{esc(html.unescape(_TAG.sub('', text)).strip())}</a></li>"
            for level, anchor, text in _H.findall(texts[chapter.name])
        )
        contents.append(
            f'<li><a href="#{prefix}">{esc(chapter.short_title)}</a><ul>{entries}</ul></li>'
        )
    banner = (
        '<p class="werkdruk-banner">SYNTHETISCHE DATA — berekend op synthetische meetdata met de '
        "structuur van de echte enquête; geen enkele rij is een echte respondent.</p>"
        if synthetic
        else ""
    )
    title = (
        '<section class="print-title">'
        f"<h1>{esc(pages.REPORT_TITLE)}</h1>"
        f'<p class="print-subtitle">{esc(pages.REPORT_SUBTITLE)}</p>'
        f'<p class="print-year">Meting {year}</p>{banner}'
        "<p>De hoofdstukken van het eindrapport, opnieuw berekend voor deze meting. Op de "
        "website staan daarnaast bij elke figuur de cijfers met hun 95%-betrouwbaarheidsinterval "
        "en het aantal respondenten, bij de tekst de toetsen, en per hoofdstuk de controle tegen "
        "de gepubliceerde cijfers.</p></section>"
        '<section class="print-contents"><h2>Inhoud</h2>'
        f'<ol class="print-toc">{"".join(contents)}</ol></section>'
    )
    print_css = (
        "@page { size: A4; margin: 20mm 16mm 18mm 16mm; "
        f"@bottom-right {{ content: counter(page); {MARGIN_FONT} }} }}\n"
        "@page :first { @bottom-right { content: none; } }\n"
        + "\n".join(running)
        + "\n.print-title { break-after: page; padding-top: 30mm; }"
        "\n.print-title h1 { font-size: 26pt; }"
        "\n.print-subtitle, .print-year { font-size: 15pt; }"
        "\n.print-contents { break-after: page; }"
        "\n.print-toc ul { list-style: none; padding-left: 1.2em; font-size: 9.5pt; }"
        "\n.print-toc a { color: inherit; text-decoration: none; }"
        "\n.print-chapter { break-before: page; }"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(pages.REPORT_TITLE)} — meting {year}</title>\n"
        f"<style>\n{css}\n{print_css}\n</style>\n</head>\n"
        f'<body class="print-document">\n<main>{title}{"".join(sections)}</main>\n'
        "</body>\n</html>\n"
    )


def write_pdf(
    out_dir: Path,
    year: int,
    notebooks: list[str],
    chromium: str,
    build_dir: Path | None = None,
    notebooks_dir: Path | None = None,
) -> Path:
    """Print measurement ``year`` to ``<out_dir>/<year>/rapport.pdf``."""
    out_dir = Path(out_dir).resolve()
    build_dir = Path(build_dir) if build_dir is not None else paths.ROOT / "build" / "print"
    build_dir.mkdir(parents=True, exist_ok=True)
    site = pages.Site(pages.chapter_pages(notebooks_dir), pages.site_years(), True)
    document = build_dir / f"rapport_{year}.html"
    document.write_text(print_document(out_dir, year, notebooks, site), encoding="utf-8")
    target = out_dir / str(year) / "rapport.pdf"
    tmp = build_dir / f"rapport_{year}.pdf"  # printed outside the outputs, then moved in whole
    tmp.unlink(missing_ok=True)
    profile = build_dir / f"chromium-profile-{year}"
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        "--run-all-compositor-stages-before-draw",
        "--virtual-time-budget=20000",
        f"--print-to-pdf={tmp}",
        document.resolve().as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    shutil.rmtree(profile, ignore_errors=True)
    if result.returncode != 0 or not tmp.exists():
        raise RuntimeError(
            f"Chromium kon meting {year} niet afdrukken (code {result.returncode}): "
            f"{result.stderr.strip()[-800:]}"
        )
    paths.write_atomic(target, tmp.read_bytes())
    tmp.unlink()
    return target


def page_count(pdf: Path) -> int:
    """Pages of a PDF written by Chromium (its page objects are not compressed)."""
    data = Path(pdf).read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print every chapter of a measurement to PDF.")
    parser.add_argument("--out", type=Path, default=paths.OUTPUTS_DIR)
    parser.add_argument("--years", type=int, nargs="+", required=True)
    parser.add_argument("--notebook", action="append", dest="notebooks", default=None)
    parser.add_argument("--chromium", default=None, help="path of the Chromium/Chrome to use")
    args = parser.parse_args(argv)
    chromium = find_chromium(args.chromium)
    if chromium is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    notebooks = args.notebooks or [c.name for c in pages.chapter_pages()]
    for year in args.years:
        missing = [n for n in notebooks if not (args.out / str(year) / f"{n}.html").exists()]
        if missing:
            print(
                f"meting {year}: de pagina's {', '.join(missing)} ontbreken; bouw ze eerst met "
                f"'make all YEARS={year}'",
                file=sys.stderr,
            )
            return 1
        target = write_pdf(args.out, year, notebooks, chromium)
        print(f"{paths.display(target)}: {page_count(target)} pagina's")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
