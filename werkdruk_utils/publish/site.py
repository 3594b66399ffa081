"""The landing page and the Bijlage pages of the site.

``python -m werkdruk_utils.publish.site --out outputs --years 2022 2023 2024 --notebook
01_inleiding_en_methode ...``

writes ``<out>/index.html`` (what the site is and which data it was built from, the chapters x
years grid with human titles, the year comparisons, the data summary, every CSV, and per
notebook-year whether the published numbers were reproduced, the SHA-256 of the input and the
code version, read from the executed notebooks), ``<out>/<year>/bijlage_<n>.html`` for Bijlagen
1-3 (where each of their tables and figures is rendered) and the shared stylesheet and script
``<out>/assets/``. Every page has the layout of :mod:`werkdruk_utils.publish.pages`; no dates, so
the same outputs give the same bytes.
"""

from __future__ import annotations

import argparse
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from werkdruk_utils import paths
from werkdruk_utils.publish import pages, static
from werkdruk_utils.publish.comparisons import DIFF_DIR, year_pairs

_META_ROW = re.compile(r"<tr><th>(.*?)</th><td>(.*?)</td></tr>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_TITLE = re.compile(r"^#\s+(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Provenance:
    """What the header of an executed notebook says about where its numbers come from."""

    code_version: str
    checksums: dict[int, str]
    data: str
    synthetic: bool


@dataclass(frozen=True)
class Reproduction:
    within: int
    compared: int
    expected_deviations: int

    @property
    def text(self) -> str:
        text = f"{self.within} van {self.compared}"
        if self.expected_deviations:
            text += f" ({self.expected_deviations} tegenstrijdig in het rapport)"
        return text

    @property
    def complete(self) -> bool:
        """Every published number within tolerance, or off only where the report contradicts
        itself."""
        return self.within + self.expected_deviations >= self.compared


@dataclass(frozen=True)
class Entry:
    notebook: str
    year: int
    title: str
    page: Path | None
    provenance: Provenance | None
    reproduction: Reproduction | None


def header_fields(executed: dict) -> dict[str, str]:
    """The rows of the first 'werkdruk-meta' header table among the outputs of an executed
    notebook."""
    for cell in executed.get("cells", []):
        for output in cell.get("outputs", []):
            markup = output.get("data", {}).get("text/html")
            if markup is None:
                continue
            markup = "".join(markup) if isinstance(markup, list) else markup
            if "werkdruk-meta" in markup:
                table = markup[markup.index("werkdruk-meta") :]
                return {
                    html.unescape(_TAG.sub("", k)).strip(): html.unescape(_TAG.sub("", v)).strip()
                    for k, v in _META_ROW.findall(table)
                }
    return {}


def provenance(executed: dict) -> Provenance | None:
    """Code version, input checksums per year and the data folder from an executed notebook's
    header."""
    fields = header_fields(executed)
    if not fields:
        return None
    checksums = {
        int(k.rsplit(" ", 1)[1]): v for k, v in fields.items() if k.startswith("SHA-256 invoer ")
    }
    return Provenance(
        fields.get("Code-versie", ""), checksums, fields.get("Data", ""), _has_banner(executed)
    )


def _has_banner(executed: dict) -> bool:
    """True when an output of the executed notebook shows the synthetic-data banner."""
    for cell in executed.get("cells", []):
        for output in cell.get("outputs", []):
            markup = output.get("data", {}).get("text/html")
            if markup is not None and 'class="werkdruk-banner"' in (
                "".join(markup) if isinstance(markup, list) else markup
            ):
                return True
    return False


def notebook_title(executed: dict, fallback: str) -> str:
    """The first level-1 heading of a notebook ('# 3. Het proces ...'), else ``fallback``."""
    for cell in executed.get("cells", []):
        if cell.get("cell_type") == "markdown":
            match = _TITLE.search("".join(cell.get("source", "")))
            if match:
                return match.group(1).strip()
    return fallback


def reproduction(path: Path) -> Reproduction | None:
    """Counts of ``<year>/reproduction/<notebook>.csv``: within tolerance, compared, expected
    deviations."""
    if not Path(path).exists():
        return None
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if frame.empty:
        return Reproduction(0, 0, 0)
    within = frame["within_tolerance"].str.lower().eq("true")
    expected = (
        frame.get("expected_deviation", pd.Series("", index=frame.index)).str.lower().eq("true")
    )
    return Reproduction(int(within.sum()), len(frame), int((expected & ~within).sum()))


def collect(out_dir: Path, years: list[int], notebooks: list[str]) -> list[Entry]:
    """One entry per notebook x year, in notebook then year order."""
    out_dir = Path(out_dir)
    entries = []
    for notebook in notebooks:
        for year in sorted(years):
            executed_path = out_dir / str(year) / f"{notebook}.ipynb"
            page = out_dir / str(year) / f"{notebook}.html"
            executed = (
                json.loads(executed_path.read_text(encoding="utf-8"))
                if executed_path.exists()
                else {}
            )
            entries.append(
                Entry(
                    notebook,
                    int(year),
                    notebook_title(executed, notebook),
                    page if page.exists() else None,
                    provenance(executed) if executed else None,
                    reproduction(out_dir / str(year) / "reproduction" / f"{notebook}.csv"),
                )
            )
    return entries


# ----------------------------------------------------------------------------------------------
# the landing page

_SUMMARY_YEAR = re.compile(r"^## Meting (\d{4})\s*$")
_SUMMARY_ROW = re.compile(r"^\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|\s*$")
_ITEM = re.compile(
    r"<(?:figure|details)\b(?=[^>]*\bclass=\"(?:report-table|report-figure|figure-data)\")"
    r"(?=[^>]*\bid=\"((?:tabel|figuur)_b(\d+)_[a-z0-9_]+?)(?:-cijfers)?\")[^>]*>\s*"
    r"<(?:figcaption|summary)\b[^>]*>(.*?)</(?:figcaption|summary)>",
    re.DOTALL,
)
_APPENDIX_HEADING = re.compile(r'<h2 id="([^"]+)">\s*(Bijlage (\d+)[^<]*)</h2>')


def data_summary(path: Path) -> dict[int, list[tuple[str, str]]]:
    """The 'Kenmerk | Waarde' rows per measurement year of ``data_summary.md``."""
    if not Path(path).exists():
        return {}
    out: dict[int, list[tuple[str, str]]] = {}
    year = None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        heading = _SUMMARY_YEAR.match(line)
        if heading:
            year = int(heading.group(1))
            out[year] = []
            continue
        row = _SUMMARY_ROW.match(line)
        if year is not None and row and not set(row.group(2)) <= set("-|"):
            label, value = row.group(1), row.group(2)
            if label in ("Kenmerk",) or label.startswith("---"):
                continue
            if len(out[year]) < 12 and "|" not in value:
                out[year].append((label.strip(), value.strip()))
        elif year is not None and out[year] and not line.strip():
            year = None  # only the first table of each year
    return out


def _summary_table(summary: dict[int, list[tuple[str, str]]], years: list[int]) -> str:
    esc = html.escape
    labels = list(dict.fromkeys(label for y in years for label, _ in summary.get(y, [])))
    if not labels:
        return ""
    head = "".join(f'<th scope="col">{y}</th>' for y in years)
    rows = []
    for label in labels:
        cells = "".join(
            f'<td class="num">{esc(dict(summary.get(y, [])).get(label, "–"))}</td>' for y in years
        )
        rows.append(f'<tr><th scope="row">{esc(label)}</th>{cells}</tr>')
    return (
        '<div class="table-scroll"><table id="data-samenvatting"><thead><tr>'
        f'<th scope="col">Kenmerk</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        "</div>"
    )


def appendix_items(out_dir: Path, year: int, notebooks: list[str]) -> dict[int, list[tuple]]:
    """Per Bijlage number: (id, caption html, notebook) of every table and figure of that Bijlage
    on the chapter pages of ``year``, and (id, heading, notebook) of the Bijlage's own section."""
    items: dict[int, list[tuple]] = {}
    for notebook in notebooks:
        page = Path(out_dir) / str(year) / f"{notebook}.html"
        if not page.exists():
            continue
        text = page.read_text(encoding="utf-8")
        listed = set()
        for anchor, number, caption in _ITEM.findall(text):
            if anchor in listed:
                continue  # a figure's folded table: the figure is listed already
            listed.add(anchor)
            items.setdefault(int(number), []).append(("item", anchor, caption, notebook))
        for anchor, heading, number in _APPENDIX_HEADING.findall(text):
            items.setdefault(int(number), []).append(("section", anchor, heading, notebook))
    return items


def render_appendix(
    site_: pages.Site, year: int, number: int, found: list[tuple], out_dir: Path
) -> str:
    """The page of Bijlage ``number`` in ``year``: where its tables and figures are rendered."""
    esc = html.escape
    title = pages.appendix_title(number)
    page = pages.Page(
        site_,
        pages.page_title(title, year),
        root="../",
        year=year,
        name=pages.appendix_page(number),
    )
    titles = {c.name: c.short_title for c in site_.chapters}
    parts = [f"<h1>{esc(title)}</h1>"]
    sections = [f for f in found if f[0] == "section"]
    items = [f for f in found if f[0] == "item"]
    if sections:
        links = " en ".join(
            f'<a href="{esc(nb)}.html#{esc(anchor)}">{esc(titles.get(nb, nb))}</a>'
            for _, anchor, _, nb in sections
        )
        parts.append(f"<p>De tekst van deze bijlage staat bij {links}.</p>")
    if items:
        parts.append(
            "<p>De tabellen en figuren van deze bijlage worden berekend in het hoofdstuk dat ze "
            "gebruikt en staan daar; deze lijst leidt ernaartoe.</p>"
        )
        parts.append('<ul class="appendix-items">')
        for _, anchor, caption, nb in items:
            text = re.sub(r"<[^>]+>", "", caption)
            text = re.sub(r"^Cijfers bij (Figuur \S+):.*$", r"\1 (cijfers)", html.unescape(text))
            parts.append(
                f'<li id="{esc(anchor)}"><a href="{esc(nb)}.html#{esc(anchor)}">{esc(text)}</a> '
                f"— {esc(titles.get(nb, nb))}</li>"
            )
        parts.append("</ul>")
    if not sections and not items:
        parts.append(
            f"<p>In meting {year} zijn voor deze bijlage geen tabellen of figuren berekend.</p>"
        )
    return pages.standalone(page, "\n".join(parts), "page-appendix")


def _grid(entries: list[Entry], years: list[int], site_: pages.Site) -> str:
    esc = html.escape
    by_key = {(e.notebook, e.year): e for e in entries}
    head = "".join(f'<th scope="col">Meting {y}</th>' for y in years)
    rows = []
    for chapter in site_.chapters:
        cells = []
        for year in years:
            entry = by_key.get((chapter.name, year))
            if entry is None or entry.page is None:
                cells.append("<td>niet gebouwd</td>")
                continue
            status = ""
            if entry.reproduction is not None and entry.reproduction.compared:
                css = "ok" if entry.reproduction.complete else "warn"
                status = (
                    f'<br><span class="note {css}">{esc(entry.reproduction.text)} '
                    "gepubliceerde cijfers gereproduceerd</span>"
                )
            cells.append(
                f'<td><a href="{year}/{esc(chapter.name)}.html">{esc(chapter.short_title)}, '
                f"{year}</a>{status}</td>"
            )
        rows.append(f'<tr><th scope="row">{esc(chapter.short_title)}</th>{"".join(cells)}</tr>')
    for number, _ in pages.APPENDICES:
        name = pages.appendix_page(number)
        title = pages.appendix_title(number)
        cells = "".join(f'<td><a href="{y}/{name}.html">{esc(title)}, {y}</a></td>' for y in years)
        rows.append(f'<tr><th scope="row">{esc(title)}</th>{cells}</tr>')
    return (
        '<div class="table-scroll"><table class="grid" id="hoofdstukken"><thead><tr>'
        f'<th scope="col">Hoofdstuk</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
        "</table></div>"
    )


def _comparisons(out_dir: Path, years: list[int], site_: pages.Site) -> str:
    esc = html.escape
    rows = []
    for chapter in site_.chapters:
        links = []
        for a, b in year_pairs(years):
            stem = f"{chapter.name}_{a}_{b}"
            if (out_dir / DIFF_DIR / f"{stem}.html").exists():
                extra = (
                    f' (<a href="{DIFF_DIR}/{esc(stem)}.txt">als tekst</a>)'
                    if (out_dir / DIFF_DIR / f"{stem}.txt").exists()
                    else ""
                )
                links.append(f'<a href="{DIFF_DIR}/{esc(stem)}.html">{a} en {b}</a>{extra}')
        if links:
            joined = " · ".join(links)
            head = f'<th scope="row">{esc(chapter.short_title)}</th>'
            rows.append(f"<tr>{head}<td>{joined}</td></tr>")
    if not rows:
        return "<p>Er zijn geen vergelijkingen gemaakt.</p>"
    return (
        "<p>Per hoofdstuk en paar metingen: eerst de significante veranderingen in woorden, dan "
        "de tabellen naast elkaar met het verschil en de toets.</p>"
        '<table id="vergelijkingen"><tbody>' + "".join(rows) + "</tbody></table>"
    )


def _csv_lists(out_dir: Path, years: list[int]) -> str:
    esc = html.escape
    parts = []
    for year in years:
        folder = out_dir / str(year) / "tables"
        files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
        extra = [out_dir / str(year) / n for n in ("reproduction.csv", "claims.csv")]
        links = [
            f'<li><a href="{year}/tables/{esc(f.name)}">{esc(f.stem.replace("_", " "))}</a></li>'
            for f in files
        ] + [
            f'<li><a href="{year}/{esc(f.name)}">{esc(f.stem)} (controle)</a></li>'
            for f in extra
            if f.exists()
        ]
        if links:
            parts.append(
                f"<details><summary>Meting {year}: {len(links)} bestanden</summary>"
                f'<ul class="csv-list">{"".join(links)}</ul></details>'
            )
    return "".join(parts) or "<p>Geen gegevensbestanden gevonden.</p>"


def _provenance_table(entries: list[Entry], site_: pages.Site) -> str:
    esc = html.escape
    titles = {c.name: c.short_title for c in site_.chapters}
    rows = []
    for entry in entries:
        rep = entry.reproduction
        rep_cell = (
            "<td>–</td>"
            if rep is None
            else f'<td class="{"ok" if rep.complete else "warn"}">{esc(rep.text)}</td>'
        )
        prov = entry.provenance
        checksum = prov.checksums.get(entry.year, "") if prov else ""
        rows.append(
            f"<tr><td>{esc(titles.get(entry.notebook, entry.notebook))}</td><td>{entry.year}</td>"
            f"{rep_cell}<td><code>{esc(checksum or '–')}</code></td>"
            f"<td><code>{esc(prov.code_version if prov else '–')}</code></td></tr>"
        )
    return (
        '<div class="table-scroll"><table id="herkomst"><thead><tr><th scope="col">Hoofdstuk</th>'
        '<th scope="col">Meting</th><th scope="col">Gereproduceerd</th>'
        '<th scope="col">SHA-256 invoer</th><th scope="col">Code-versie</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table></div>"
    )


def render_index(
    out_dir: Path,
    entries: list[Entry],
    years: list[int],
    banner: str = "",
    site_: pages.Site | None = None,
    summary: dict[int, list[tuple[str, str]]] | None = None,
) -> str:
    """The landing page (relative links only, so the folder can be moved or served as it is)."""
    out_dir = Path(out_dir)
    esc = html.escape
    years = sorted(years)
    synthetic = any(e.provenance is not None and e.provenance.synthetic for e in entries)
    if site_ is None:
        notebooks = list(dict.fromkeys(e.notebook for e in entries))
        first = {e.notebook: e.title for e in entries}
        site_ = pages.Site([pages.ChapterPage(n, first[n]) for n in notebooks], years, synthetic)
    site_.synthetic = synthetic
    page = pages.Page(site_, pages.page_title("Overzicht van alle metingen", None), root="")
    data_sources = sorted(
        {e.provenance.data for e in entries if e.provenance and e.provenance.data}
    )
    compared = sum(e.reproduction.compared for e in entries if e.reproduction)
    within = sum(
        e.reproduction.within + e.reproduction.expected_deviations
        for e in entries
        if e.reproduction
    )
    parts = [f"<h1>{esc(pages.REPORT_TITLE)}</h1>"]
    parts.append(
        f"<p>{esc(pages.REPORT_SUBTITLE)}: de analyses van het eindrapport, opnieuw uitgevoerd "
        f"voor elke meting ({', '.join(str(y) for y in years)}). Elk hoofdstuk van het rapport "
        "is hier een pagina per meting, met dezelfde tabellen en figuren, de toelichting bij elk "
        "cijfer en een controle tegen de gepubliceerde cijfers.</p>"
    )
    if synthetic and banner:
        parts.append(f'<div class="werkdruk-banner">{esc(banner)}</div>')
    if data_sources:
        parts.append(
            "<p>Gebouwd uit: "
            + ", ".join(f"<code>{esc(d)}</code>" for d in data_sources)
            + (" (synthetische meetdata)" if synthetic else "")
            + f". Gepubliceerde cijfers gereproduceerd: {within} van {compared}.</p>"
        )
    parts.append('<h2 id="hoofdstukken-per-meting">Hoofdstukken per meting</h2>')
    parts.append(_grid(entries, years, site_))
    parts.append('<h2 id="vergelijking">Vergelijking tussen metingen</h2>')
    parts.append(_comparisons(out_dir, years, site_))
    if summary:
        parts.append('<h2 id="data">De data per meting</h2>')
        parts.append(_summary_table(summary, years))
    parts.append('<h2 id="gegevens">Gegevensbestanden (CSV)</h2>')
    parts.append(
        "<p>Elke tabel en figuur als CSV: schatting, standaardfout, 95%-interval, aantal "
        "respondenten en de toets tegen de vorige meting.</p>"
    )
    parts.append(_csv_lists(out_dir, years))
    parts.append('<h2 id="herkomst-en-controle">Herkomst en controle</h2>')
    parts.append(
        '<p class="note">Gereproduceerd: gepubliceerde cijfers van het rapport die het hoofdstuk '
        "voor die meting herberekent en die binnen de tolerantie liggen, van het aantal "
        "vergeleken. SHA-256: de invoerbestanden van de meting; code-versie: pakketversie en "
        "commit.</p>"
    )
    parts.append(_provenance_table(entries, site_))
    return pages.standalone(page, "\n".join(parts), "page-index")


def write_index(
    out_dir: Path,
    years: list[int],
    notebooks: list[str],
    notebooks_dir: Path | None = None,
    summary_path: Path | None = None,
) -> Path:
    """Write ``<out_dir>/index.html``, the Bijlage pages of every year and the shared assets."""
    from werkdruk_utils.present.report import SYNTHETIC_BANNER

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = collect(out_dir, years, notebooks)
    synthetic = any(e.provenance is not None and e.provenance.synthetic for e in entries)
    known = {c.name: c for c in pages.chapter_pages(notebooks_dir)}
    chapters = [
        known.get(n) or pages.ChapterPage(n, next((e.title for e in entries if e.notebook == n), n))
        for n in notebooks
    ]
    site_ = pages.Site(chapters, sorted(years), synthetic)
    static.write_assets(out_dir)
    for year in sorted(years):
        if not (out_dir / str(year)).is_dir():
            continue
        found = appendix_items(out_dir, year, notebooks)
        for number, _ in pages.APPENDICES:
            paths.write_atomic(
                out_dir / str(year) / f"{pages.appendix_page(number)}.html",
                render_appendix(site_, year, number, found.get(number, []), out_dir),
            )
    summary = data_summary(
        summary_path if summary_path is not None else out_dir / "data_summary.md"
    )
    text = render_index(out_dir, entries, years, SYNTHETIC_BANNER, site_, summary)
    return paths.write_atomic(out_dir / "index.html", text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write the landing page, the Bijlage pages and the shared assets of the site."
    )
    parser.add_argument("--out", type=Path, default=paths.OUTPUTS_DIR)
    parser.add_argument("--years", type=int, nargs="+", required=True)
    parser.add_argument(
        "--notebook",
        action="append",
        dest="notebooks",
        required=True,
        help="notebook name without .ipynb (repeatable)",
    )
    parser.add_argument("--notebooks-dir", type=Path, default=None)
    parser.add_argument("--summary", type=Path, default=None, help="data_summary.md to show")
    args = parser.parse_args(argv)
    target = write_index(args.out, args.years, args.notebooks, args.notebooks_dir, args.summary)
    print(f"wrote {paths.display(target)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
