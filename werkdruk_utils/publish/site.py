"""The index of everything built: ``outputs/index.html``.

``python -m werkdruk_utils.publish.site --out outputs --years 2022 2023 2024 --notebook
01_inleiding_en_methode ...``

The index links every chapter page of every measurement year and every year-comparison page
(``diff/``), and shows per notebook-year whether the published numbers were reproduced (from
``<year>/reproduction/<notebook>.csv``), the SHA-256 of the input data and the code version (both
read from the header of the executed notebook ``<year>/<notebook>.ipynb``), and the
'synthetische data' banner when the pages were built from synthetic data. The page carries no
scripts and no dates, so the same outputs give the same bytes.
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


STYLE = """<style>
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:1.5em;color:#222;max-width:80em}
.werkdruk-banner{background:#fff3cd;border:2px solid #b58900;padding:.6em 1em;font-weight:bold;margin:.5em 0}
table{border-collapse:collapse;margin:.4em 0 1.4em}th,td{padding:3px 10px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
td.ok{color:#1a6b1a}td.warn{color:#a40000;font-weight:bold}code{font-size:85%}
.note{font-size:85%;color:#444}
</style>"""


def render_index(out_dir: Path, entries: list[Entry], years: list[int], banner: str = "") -> str:
    """The index page (relative links only, so the folder can be moved or served as it is)."""
    out_dir = Path(out_dir)
    esc = html.escape
    years = sorted(years)
    notebooks = list(dict.fromkeys(e.notebook for e in entries))
    by_key = {(e.notebook, e.year): e for e in entries}
    synthetic = any(e.provenance is not None and e.provenance.synthetic for e in entries)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        '<head><meta charset="utf-8">',
        "<title>Werkdrukakkoord po — monitor: hoofdstukken per meting</title>",
        STYLE,
        "</head>",
        "<body>",
        "<h1>Samen sterk voor minder werkdruk — hoofdstukken per meting</h1>",
    ]
    if synthetic and banner:
        parts.append(f'<div class="werkdruk-banner">{esc(banner)}</div>')

    parts.append("<h2>Hoofdstukken</h2>")
    parts.append(
        '<table id="hoofdstukken"><thead><tr><th scope="col">Hoofdstuk</th>'
        + "".join(f'<th scope="col">Meting {y}</th>' for y in years)
        + "</tr></thead><tbody>"
    )
    for notebook in notebooks:
        title = by_key[(notebook, years[0])].title if years else notebook
        cells = []
        for year in years:
            entry = by_key[(notebook, year)]
            if entry.page is None:
                cells.append("<td>niet gebouwd</td>")
                continue
            status = ""
            if entry.reproduction is not None:
                status = (
                    f'<br><span class="note">{esc(entry.reproduction.text)} gepubliceerde cijfers '
                    f"gereproduceerd</span>"
                )
            cells.append(
                f'<td><a href="{year}/{esc(notebook)}.html">{esc(notebook)} '
                f"({year})</a>{status}</td>"
            )
        parts.append(f'<tr><th scope="row">{esc(title)}</th>{"".join(cells)}</tr>')
    parts.append("</tbody></table>")

    pairs = year_pairs(years)
    parts.append("<h2>Vergelijking tussen metingen</h2>")
    diff_rows = []
    for notebook in notebooks:
        links = []
        for a, b in pairs:
            stem = f"{notebook}_{a}_{b}"
            if (out_dir / DIFF_DIR / f"{stem}.html").exists():
                links.append(
                    f'<a href="{DIFF_DIR}/{esc(stem)}.html">{a} – {b}</a>'
                    + (
                        f' (<a href="{DIFF_DIR}/{esc(stem)}.txt">tekst</a>)'
                        if (out_dir / DIFF_DIR / f"{stem}.txt").exists()
                        else ""
                    )
                )
        if links:
            diff_rows.append(
                f'<tr><th scope="row">{esc(notebook)}</th><td>{" · ".join(links)}</td></tr>'
            )
    if diff_rows:
        parts.append(
            '<p class="note">Elke tabel van twee metingen naast elkaar met het verschil en of het '
            "significant is (p &lt; 0,05), de figuren naast elkaar; 'tekst' is het verschil van de "
            "tabellen als platte tekst.</p>"
        )
        parts.append('<table id="vergelijkingen"><tbody>' + "".join(diff_rows) + "</tbody></table>")
    else:
        parts.append(
            "<p>Geen vergelijkingspagina's gebouwd (maak ze met <code>make diff</code>).</p>"
        )

    parts.append("<h2>Herkomst en controle per hoofdstuk en meting</h2>")
    parts.append(
        '<p class="note">Gereproduceerd: gepubliceerde cijfers van het rapport voor deze meting '
        "die "
        "het hoofdstuk herberekent, binnen de tolerantie (percentages ±1 procentpunt, gemiddelden "
        "±0,02 schaalpunt, regressiecoëfficiënten ±2 SE) / vergeleken. SHA-256: de invoerbestanden "
        "van de meting; code-versie: pakketversie en git-commit.</p>"
    )
    parts.append(
        '<table id="herkomst"><thead><tr><th scope="col">Hoofdstuk</th><th scope="col">Meting</th>'
        '<th scope="col">Gereproduceerd</th><th scope="col">Data</th><th scope="col">SHA-256 '
        "invoer</th>"
        '<th scope="col">Code-versie</th></tr></thead><tbody>'
    )
    for entry in entries:
        rep = entry.reproduction
        rep_cell = (
            "<td>–</td>"
            if rep is None
            else f'<td class="{"ok" if rep.complete else "warn"}">{esc(rep.text)}</td>'
        )
        prov = entry.provenance
        checksum = prov.checksums.get(entry.year, "") if prov else ""
        parts.append(
            f"<tr><td>{esc(entry.notebook)}</td><td>{entry.year}</td>{rep_cell}"
            f"<td>{esc(prov.data if prov else '–')}</td><td><code>{esc(checksum or '–')}</code></td>"
            f"<td>{esc(prov.code_version if prov else '–')}</td></tr>"
        )
    parts.append("</tbody></table>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def write_index(out_dir: Path, years: list[int], notebooks: list[str]) -> Path:
    """Write ``<out_dir>/index.html`` (temporary file, then rename)."""
    from werkdruk_utils.present.report import SYNTHETIC_BANNER

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    text = render_index(out_dir, collect(out_dir, years, notebooks), years, SYNTHETIC_BANNER)
    target = out_dir / "index.html"
    tmp = out_dir / ".index.html.part"
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the index page of the built outputs.")
    parser.add_argument("--out", type=Path, default=paths.OUTPUTS_DIR)
    parser.add_argument("--years", type=int, nargs="+", required=True)
    parser.add_argument(
        "--notebook",
        action="append",
        dest="notebooks",
        required=True,
        help="notebook name without .ipynb (repeatable)",
    )
    args = parser.parse_args(argv)
    target = write_index(args.out, args.years, args.notebooks)
    print(f"wrote {paths.display(target)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
