"""The site's pages: one layout for every page a reader opens.

A chapter page is the executed notebook rendered with the project's nbconvert template
(``templates/werkdruk``, extending ``lab``) and finished here. Every page, chapter or not, has

- a header with the report's title, the measurement year and a year switcher (the same page in
  the other measurement years);
- a navigation with every chapter and Bijlagen 1–3 of that year, the current chapter expanded to
  its sections (the in-page table of contents);
- previous/next links and, on chapter pages, the links to the chapter's year comparisons;
- one shared stylesheet and script (``<out>/assets/werkdruk.css`` and ``werkdruk.js``), nothing
  inlined.

Conventions other modules rely on (also in INTERFACES.md, 'Page template, anchors and ids'):

- a numbered table or figure has the id of :func:`werkdruk_utils.present.tables.slug` of its
  number ('Tabel 4.1' -> ``tabel_4_1``), its data are ``<year>/tables/<slug>.csv``;
- a figure's table is folded under the figure (``<details class="figure-data">``);
- every 'Tabel x' / 'Figuur x' in running text becomes a link: on the same page to ``#<slug>``,
  an item of chapter N on another page to that chapter's page, a Bijlage item to the Bijlage page
  of that year, which lists where each of its tables and figures is rendered;
- headings get ids ``h-<text>`` (unique on the page).

Every function here is deterministic: same notebook, same bytes.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from werkdruk_utils import paths

REPORT_TITLE = "Samen sterk voor minder werkdruk"
REPORT_SUBTITLE = "Monitor Werkdrukakkoord primair onderwijs"
TEMPLATES_DIR = Path(__file__).with_name("templates")
ASSETS_URL = "assets"
# The report's appendices with numbered tables and figures (Bijlage 4 and 5 are the questionnaire
# and the interview guide: text, not computed).
APPENDICES = (
    (1, "Methodologie"),
    (2, "Regressieanalyses"),
    (3, "Aanvullende tabellen en figuren"),
)
TOP_PLACEHOLDER = "<!--werkdruk:top-->"
BOTTOM_PLACEHOLDER = "<!--werkdruk:bottom-->"
REFERENCE = re.compile(
    r"\b(?P<kind>Tabel|Tabellen|Figuur|Figuren)(?P<gap>\s+)"
    r"(?P<list>B?\d+\.\d+(?:(?:\s*,\s*|\s+en\s+|\s+t/m\s+|\s*[–-]\s*)B?\d+\.\d+)*)"
)
ITEM_NUMBER = re.compile(r"B?\d+\.\d+")
# Text inside these elements is never turned into a link.
NO_LINK_PARENTS = frozenset(
    {"a", "figcaption", "svg", "style", "script", "title", "summary", "code", "pre", "caption"}
    | {f"h{i}" for i in range(1, 7)}
)


# ----------------------------------------------------------------------------------------------
# what the site consists of


@dataclass(frozen=True)
class ChapterPage:
    """One chapter notebook: its file name (without extension) and its human title."""

    name: str
    title: str

    @property
    def number(self) -> int | None:
        match = re.match(r"(\d+)_", self.name)
        return int(match.group(1)) if match else None

    @property
    def short_title(self) -> str:
        """'2. Ervaren werkdruk'; chapter 6 reads 'Samenvatting en conclusies'."""
        return re.sub(r"\s*\(hoofdstuk \d+\)\s*$", "", self.title)


def appendix_page(number: int) -> str:
    return f"bijlage_{number}"


def appendix_title(number: int) -> str:
    return f"Bijlage {number} {dict(APPENDICES)[number]}"


def notebook_title(path: Path) -> str:
    """The first level-1 Markdown heading of a (source or executed) notebook, else its name."""
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Path(path).stem
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        for line in "".join(cell.get("source", "")).splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return Path(path).stem


def chapter_pages(notebooks_dir: Path | None = None) -> list[ChapterPage]:
    """The chapter notebooks (``NN_*.ipynb``) in order, with their titles."""
    folder = paths.NOTEBOOKS_DIR if notebooks_dir is None else Path(notebooks_dir)
    return [
        ChapterPage(p.stem, notebook_title(p)) for p in sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    ]


def site_years(data_dir: Path | None = None) -> list[int]:
    """The measurement years of the site: those of the codebook with a data folder (all of them
    when the folder is unknown or holds none)."""
    from werkdruk_utils import measurements

    every = list(measurements.years())
    if data_dir is None:
        return every
    present = [y for y in every if (paths.resolve(data_dir) / str(y)).is_dir()]
    return present or every


def year_pairs(years: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive measurement years, plus the first against the last when there are more than
    two (the pairs the comparison pages are made for)."""
    ordered = sorted(set(int(y) for y in years))
    pairs = list(zip(ordered[:-1], ordered[1:], strict=False))
    if len(ordered) > 2:
        pairs.append((ordered[0], ordered[-1]))
    return pairs


def comparison_name(notebook: str, a: int, b: int) -> str:
    return f"{notebook}_{a}_{b}"


@dataclass
class Site:
    """What every page's header and navigation need: the chapters and the measurement years."""

    chapters: list[ChapterPage]
    years: list[int]
    synthetic: bool = True

    def chapter(self, name: str) -> ChapterPage | None:
        return next((c for c in self.chapters if c.name == name), None)

    def chapter_of_number(self, number: int) -> ChapterPage | None:
        return next((c for c in self.chapters if c.number == number), None)

    def year_sequence(self) -> list[tuple[str, str]]:
        """The pages of one measurement year in reading order: (page name, title)."""
        return [(c.name, c.short_title) for c in self.chapters] + [
            (appendix_page(n), appendix_title(n)) for n, _ in APPENDICES
        ]


@dataclass
class Page:
    """One page of the site: where it lies (``root``: the way back to the output folder) and what
    it is."""

    site: Site
    title: str
    root: str = "../"
    year: int | None = None
    name: str | None = None  # page name within the year folder ('03_proces', 'bijlage_2')
    toc: list[tuple[int, str, str]] = field(default_factory=list)  # (level, id, text)
    comparisons: list[tuple[str, str]] = field(default_factory=list)  # (href, label)
    switch: list[tuple[str, str | None]] | None = None  # (label, href or None for this page)


# ----------------------------------------------------------------------------------------------
# the parts of a page


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def year_switcher(page: Page) -> str:
    if page.switch is not None:
        items = page.switch
    elif page.year is not None and page.name is not None:
        items = [
            (str(y), None if y == page.year else f"{page.root}{y}/{page.name}.html")
            for y in page.site.years
        ]
    else:
        return ""
    links = "".join(
        f'<li><a aria-current="page" href="#inhoud">{_e(label)}</a></li>'
        if href is None
        else f'<li><a href="{_e(href)}">{_e(label)}</a></li>'
        for label, href in items
    )
    return f'<nav class="year-switch" aria-label="Andere meting"><ul>{links}</ul></nav>'


def _toc_list(page: Page) -> str:
    if not page.toc:
        return ""
    items = []
    for level, anchor, text in page.toc:
        items.append(f'<li class="toc-{level}"><a href="#{_e(anchor)}">{_e(text)}</a></li>')
    return f'<ul class="toc">{"".join(items)}</ul>'


def navigation(page: Page) -> str:
    """The chapters and Bijlagen of the page's year; the current page expanded to its sections."""
    year = (
        page.year if page.year is not None else (page.site.years[-1] if page.site.years else None)
    )
    if year is None:
        return ""
    prefix = f"{page.root}{year}/"
    items = []
    for name, title in page.site.year_sequence():
        current = name == page.name
        attrs = ' aria-current="page"' if current else ""
        href = f"{prefix}{name}.html" if not current else "#inhoud"
        entry = f'<a href="{_e(href)}"{attrs}>{_e(title)}</a>'
        if current:
            entry += _toc_list(page)
        items.append(f"<li>{entry}</li>")
    heading = f"Hoofdstukken en bijlagen, meting {year}"
    return (
        '<nav class="site-nav" id="navigatie" aria-label="Hoofdstukken en bijlagen">'
        f'<details class="nav-fold" open><summary>{_e(heading)}</summary>'
        f'<ul class="chapters">{"".join(items)}</ul></details></nav>'
    )


def header(page: Page) -> str:
    meting = f'<span class="site-year">Meting {page.year}</span>' if page.year is not None else ""
    return (
        '<a class="skip-link" href="#inhoud">Naar de inhoud</a>'
        '<header class="site-header">'
        f'<p class="site-title"><a href="{page.root}index.html">{_e(REPORT_TITLE)}</a>'
        f'<span class="site-subtitle">{_e(REPORT_SUBTITLE)}</span>{meting}</p>'
        f"{year_switcher(page)}</header>"
    )


def comparison_links(page: Page) -> str:
    if not page.comparisons:
        return ""
    links = " · ".join(f'<a href="{_e(h)}">{_e(label)}</a>' for h, label in page.comparisons)
    return f'<p class="compare-links">Vergelijken met een andere meting: {links}</p>'


def pager(page: Page) -> str:
    """Previous and next page of the same measurement year."""
    if page.year is None or page.name is None:
        return ""
    sequence = page.site.year_sequence()
    names = [n for n, _ in sequence]
    if page.name not in names:
        return ""
    i = names.index(page.name)
    links = []
    if i > 0:
        name, title = sequence[i - 1]
        links.append(
            f'<a class="pager-prev" rel="prev" href="{name}.html"><span>Vorige</span> '
            f"{_e(title)}</a>"
        )
    if i + 1 < len(sequence):
        name, title = sequence[i + 1]
        links.append(
            f'<a class="pager-next" rel="next" href="{name}.html"><span>Volgende</span> '
            f"{_e(title)}</a>"
        )
    return f'<nav class="pager" aria-label="Vorige en volgende">{"".join(links)}</nav>'


def footer(page: Page) -> str:
    data = (
        "Berekend op synthetische meetdata met de structuur van de echte enquête."
        if page.site.synthetic
        else "Berekend op de meetdata van de enquête."
    )
    return (
        '<footer class="site-footer"><p>'
        f"{_e(REPORT_TITLE)} — {_e(REPORT_SUBTITLE)}. {_e(data)} "
        f'<a href="{page.root}index.html">Overzicht van alle metingen</a></p></footer>'
    )


def top(page: Page) -> str:
    """Everything above the page's content: skip link, header, navigation, and the running header
    of a printed page (shown on paper only, repeated on every sheet)."""
    running = page.title.replace(f" — {REPORT_TITLE}", "")
    return (
        f'{header(page)}<p class="print-running">{_e(REPORT_TITLE)} · {_e(running)}</p>'
        f'<div class="layout">{navigation(page)}'
    )


def head(page: Page) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(page.title)}</title>\n"
        f'<link rel="stylesheet" href="{page.root}{ASSETS_URL}/werkdruk.css">\n'
        f'<script src="{page.root}{ASSETS_URL}/werkdruk.js" defer></script>\n'
        "</head>\n"
    )


def standalone(page: Page, body: str, body_class: str = "page") -> str:
    """A page of the site that is not a notebook (index, Bijlagen, comparisons)."""
    return (
        f'{head(page)}<body class="{body_class}">\n{top(page)}\n'
        f'<main id="inhoud" tabindex="-1">\n{comparison_links(page)}{body}\n{pager(page)}</main>\n'
        f"</div>\n{footer(page)}\n</body>\n</html>\n"
    )


def page_title(title: str, year: int | None) -> str:
    """'<title>': what the page is and which measurement: '2. Ervaren werkdruk — meting 2024 —
    Samen sterk voor minder werkdruk'."""
    parts = [title] + ([f"meting {year}"] if year is not None else []) + [REPORT_TITLE]
    return " — ".join(parts)


# ----------------------------------------------------------------------------------------------
# finishing a rendered notebook


def heading_id(text: str, taken: set[str]) -> str:
    """'2.2 Dimensies' -> 'h-2-2-dimensies' (ASCII, unique within ``taken``, which is updated)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = "h-" + (re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "kop")
    anchor, n = base, 1
    while anchor in taken:
        n += 1
        anchor = f"{base}-{n}"
    taken.add(anchor)
    return anchor


def item_slug(kind: str, number: str) -> str:
    from werkdruk_utils.present.tables import slug

    singular = "Tabel" if kind.startswith("Tabel") else "Figuur"
    return slug(f"{singular} {number}")


def reference_target(kind: str, number: str, ids: set[str], page: Page) -> str | None:
    """Where 'Tabel/Figuur ``number``' is rendered, seen from ``page``; None when nowhere."""
    anchor = item_slug(kind, number)
    if anchor in ids:
        return f"#{anchor}"
    if number.startswith("B"):
        appendix = int(number[1:].split(".")[0])
        if appendix in dict(APPENDICES) and page.name != appendix_page(appendix):
            return f"{appendix_page(appendix)}.html#{anchor}"
        return None
    chapter = page.site.chapter_of_number(int(number.split(".")[0]))
    if chapter is None or chapter.name == page.name:
        return None  # on its own chapter page but not rendered there (e.g. a diagram)
    return f"{chapter.name}.html#{anchor}"


def link_references(text: str, ids: set[str], page: Page) -> str | None:
    """``text`` (plain) as HTML with every resolvable 'Tabel/Figuur x' a link (the first number of
    a list takes the word with it: 'Tabel 4.1' is the link's text); None when nothing changed."""
    pieces, last, changed = [], 0, False
    for match in REFERENCE.finditer(text):
        kind = match.group("kind")
        numbers_start = match.start("list")
        cursor = match.start()
        for position, number in enumerate(ITEM_NUMBER.finditer(match.group("list"))):
            start = numbers_start + number.start()
            label = number.group(0)
            target = reference_target(kind, label, ids, page)
            lead = match.start() if position == 0 else start
            pieces.append(html.escape(text[last if position == 0 else cursor : lead], quote=False))
            shown = text[lead : numbers_start + number.end()]
            if target is None:
                pieces.append(html.escape(shown, quote=False))
            else:
                changed = True
                pieces.append(f'<a class="ref" href="{_e(target)}">{html.escape(shown)}</a>')
            cursor = numbers_start + number.end()
        last = cursor
    if not changed:
        return None
    pieces.append(html.escape(text[last:], quote=False))
    return "".join(pieces)


def finish(body: str, page: Page, year_dir: Path | None = None) -> str:
    """The rendered notebook ``body`` as the site's page: heading ids and the table of contents,
    text references as links, a link to the CSV of every table, unique figure ids, the header and
    navigation in place of :data:`TOP_PLACEHOLDER`."""
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(body, features="html.parser")
    main = soup.find("main") or soup
    taken: set[str] = {str(el["id"]) for el in soup.find_all(id=True)}
    toc = []
    for heading in main.find_all(["h1", "h2", "h3"]):
        text = heading.get_text(" ", strip=True)
        if heading.get("id"):
            taken.discard(str(heading["id"]))
        heading["id"] = heading_id(text, taken)
        if heading.name in ("h2", "h3"):
            toc.append((int(heading.name[1]), str(heading["id"]), text))
    page.toc = toc
    _uniquify_svg_ids(soup)
    ids = {str(el["id"]) for el in soup.find_all(id=True)}
    replacements: dict[str, str] = {}
    for node in list(main.find_all(string=REFERENCE)):
        if isinstance(node, NavigableString) and type(node) is not NavigableString:
            continue  # comments, CDATA
        if any(p.name in NO_LINK_PARENTS for p in node.parents):
            continue
        linked = link_references(str(node), ids, page)
        if linked is not None:
            marker = f"@@werkdruk-ref-{len(replacements)}@@"
            replacements[marker] = linked
            node.replace_with(marker)
    if year_dir is not None:
        _csv_links(soup, Path(year_dir))
    text = str(soup)
    for marker, linked in replacements.items():
        text = text.replace(marker, linked, 1)
    text = text.replace(TOP_PLACEHOLDER, top(page), 1)
    return text.replace(BOTTOM_PLACEHOLDER, f"</div>\n{footer(page)}", 1)


def _csv_links(soup, year_dir: Path) -> None:
    """After every table whose data were written (``tables/<id>.csv``), a link to that CSV."""
    for element in soup.select("[data-table]"):
        name = str(element["data-table"])
        if not (year_dir / "tables" / f"{name}.csv").exists():
            continue
        link = soup.new_tag("a", href=f"tables/{name}.csv", attrs={"class": "csv-link"})
        link.string = "Gegevens als CSV"
        paragraph = soup.new_tag("p", attrs={"class": "table-data"})
        paragraph.append(link)
        element.append(paragraph)


def _uniquify_svg_ids(soup) -> None:
    """Give an inline SVG whose ids another element of the page already has its own ids (its
    ids and the references to them prefixed): figures of this project's figure module are
    prefixed by their number already; any other matplotlib SVG numbers its ids from 1."""
    from bs4 import BeautifulSoup

    from werkdruk_utils.present.markup import prefix_ids

    seen: set[str] = set()
    for element in soup.find_all(id=True):
        if element.find_parent("svg") is None and element.name != "svg":
            seen.add(str(element["id"]))
    for index, svg in enumerate(soup.find_all("svg"), start=1):
        ids = {str(e["id"]) for e in svg.find_all(id=True)}
        if ids & seen:
            fresh = BeautifulSoup(prefix_ids(str(svg), f"svg{index}"), features="html.parser")
            ids = {str(e["id"]) for e in fresh.find_all(id=True)}
            svg.replace_with(fresh)
        seen |= ids


# ----------------------------------------------------------------------------------------------
# rendering a chapter notebook

_EXPORTERS: dict[bool, object] = {}


def exporter(show_code: bool):
    """The project's nbconvert HTML exporter (template ``werkdruk``, extending ``lab``)."""
    from nbconvert import HTMLExporter

    if show_code not in _EXPORTERS:
        exp = HTMLExporter(
            template_name="werkdruk",
            extra_template_basedirs=[str(TEMPLATES_DIR)],
            exclude_anchor_links=True,
        )
        exp.exclude_input = not show_code
        exp.exclude_input_prompt = True
        exp.exclude_output_prompt = True
        _EXPORTERS[show_code] = exp
    return _EXPORTERS[show_code]


def chapter_page(
    notebook: str,
    year: int,
    notebooks_dir: Path | None = None,
    data_dir: Path | None = None,
    synthetic: bool = True,
) -> Page:
    site = Site(chapter_pages(notebooks_dir), site_years(data_dir), synthetic)
    chapter = site.chapter(notebook) or ChapterPage(notebook, notebook)
    comparisons = [
        (f"../diff/{comparison_name(notebook, a, b)}.html", f"{a} en {b}")
        for a, b in year_pairs(site.years)
        if year in (a, b)
    ]
    return Page(
        site,
        page_title(chapter.short_title, year),
        root="../",
        year=int(year),
        name=notebook,
        comparisons=comparisons,
    )


def render_chapter(
    nb,
    *,
    notebook: str,
    year: int,
    show_code: bool = False,
    notebooks_dir: Path | None = None,
    data_dir: Path | None = None,
    year_dir: Path | None = None,
) -> str:
    """The executed notebook ``nb`` as the site's chapter page for ``year``."""
    synthetic = _shows_banner(nb)
    page = chapter_page(notebook, year, notebooks_dir, data_dir, synthetic)
    resources = {
        "metadata": {"name": page.title},
        "werkdruk": {
            "title": page.title,
            "root": page.root,
            "top": TOP_PLACEHOLDER,
            "pager": comparison_links(page) + pager(page),
            "bottom": BOTTOM_PLACEHOLDER,
        },
    }
    body, _ = exporter(show_code).from_notebook_node(nb, resources=resources)
    return finish(body, page, year_dir)


def _shows_banner(nb) -> bool:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            markup = output.get("data", {}).get("text/html", "")
            markup = "".join(markup) if isinstance(markup, list) else markup
            if "werkdruk-banner" in markup:
                return True
    return False
