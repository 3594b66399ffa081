"""What a reader sees must read like the report: Dutch, no internal names, no file paths, Dutch
number typography.

``python -m werkdruk_utils.publish.text_check outputs`` scans every page of the site (chapters,
Bijlagen, comparisons, index) and prints each problem with page and context. What it looks for
in the visible text (and the figures' titles and descriptions, which screen readers read):

- internal names: identifiers with an underscore or a dotted module path ('v10_oorzaak',
  'kwantitatieve_taakeisen', 'EXTRACTION_NOTES'), file paths and file names ('data/…',
  'published_values.csv');
- English: a sentence with two or more words that are English and not Dutch;
- counts with decimals ('n = 200,00', '1.214,00' in an n column);
- decimal points where Dutch writes a comma ('0.03', '*p < .05') and squares written as a '2'
  ('R2', 'Werktijdfactor2').

Text inside ``<code>`` is exempt: that is where the provenance block shows checksums, the code
version and the data folder, marked as technical. The comparison pages' plain-text files are not
pages and are not scanned.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

_DROP = re.compile(r"<(script|style|code|pre)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_SVG_TEXT = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_SVG_READ = re.compile(r"<(title|desc)\b[^>]*>(.*?)</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|li|td|th|h[1-6]|div|figcaption|summary|caption|tr|section)\b[^>]*>")

INTERNAL_NAME = re.compile(
    r"(?<![\w/])(?:[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+|werkdruk_utils(?:\.\w+)+)(?![\w/])"
)
FILE_PATH = re.compile(
    r"(?<![\w])(?:(?:data|outputs|notebooks|werkdruk_utils|tests|build)/[\w./-]+"
    r"|[\w-]+\.(?:csv|py|ipynb|yaml|yml|md|json|txt|xlsx|sav))(?![\w])"
)
ENGLISH_WORDS = frozenset(
    """the with and which that this these those are were was been being about rounded values
    from borderline between than there their should would could because however although
    published estimate estimates missing table tables figure figures row rows column columns
    not significant see only also into onto within without whose where when while""".split()
)
# Words spelled the same in Dutch (not evidence of English).
DUTCH_TOO = frozenset({"is", "in", "was", "als", "want", "over", "door", "land"})
COUNT_WITH_DECIMALS = re.compile(r"\b[nN]\s*=\s*\d{1,3}(?:\.\d{3})*,\d+")
# A decimal point: a leading zero ('0.03'), no leading digit ('.05'), four or more decimals
# ('2.60016'), or a short decimal after a comparison or before a percent sign ('= 1.5', '7.5%').
# Section and table numbers ('2.2', 'B1.8') are not decimals.
DOT_DECIMAL = re.compile(
    r"(?<![\w.,])0\.\d+(?![\d.])"
    r"|(?<![\w.,])\.\d+\b"
    r"|(?<![\w.,])\d+\.\d{4,}\b"
    r"|(?<=[=<>] )\d+\.\d{1,2}\b"
    r"|\b\d+\.\d{1,2}(?=\s?%)"
)
SQUARE_AS_TWO = re.compile(r"\b(?:R2|[A-Z][a-z]+2)\b")


@dataclass(frozen=True)
class Problem:
    page: str
    kind: str
    text: str
    context: str

    def __str__(self) -> str:
        return f"{self.page}: {self.kind}: {self.text!r} in '…{self.context}…'"


def visible_text(page: str) -> str:
    """The text a reader sees on ``page`` (and a screen reader reads in figures), one block per
    line."""
    figures = " ".join(
        html.unescape(_TAG.sub("", m.group(2)))
        for svg in _SVG_TEXT.findall(page)
        for m in _SVG_READ.finditer(svg)
    )
    body = page[page.find("<body") :] if "<body" in page else page
    body = _SVG_TEXT.sub(" ", body)
    body = _DROP.sub(" ", body)
    body = _BLOCK.sub("\n", body)
    text = html.unescape(_TAG.sub(" ", body))
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join([line for line in lines if line] + [figures])


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    return text[max(0, start - width) : end + width].replace("\n", " ")


def english_sentences(text: str) -> list[tuple[int, int, str]]:
    out = []
    for match in re.finditer(r"[^.!?\n]+[.!?]?", text):
        words = re.findall(r"[A-Za-z]+", match.group(0).lower())
        english = [w for w in words if w in ENGLISH_WORDS and w not in DUTCH_TOO]
        if len(set(english)) >= 2:
            out.append((match.start(), match.end(), match.group(0).strip()))
    return out


def count_columns_with_decimals(page: str) -> list[str]:
    """Cells of a table column headed 'n', 'N', 'Aantal …' or of a row headed so, that show a
    count with decimals ('200,00')."""
    found = []
    for table in re.findall(r"<table\b.*?</table>", page, re.DOTALL):
        header = re.search(r"<thead>(.*?)</thead>", table, re.DOTALL)
        heads = (
            [
                html.unescape(_TAG.sub("", h)).strip()
                for h in re.findall(r"<th\b[^>]*>(.*?)</th>", header.group(1), re.DOTALL)
            ]
            if header
            else []
        )
        count_cols = {i for i, h in enumerate(heads) if _is_count_label(h)}
        for row in re.findall(r"<tr\b.*?</tr>", table, re.DOTALL):
            cells = [
                html.unescape(_TAG.sub("", c)).strip()
                for c in re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, re.DOTALL)
            ]
            if not cells or cells == heads:
                continue
            row_is_count = any(_is_count_label(c) for c in cells if not re.search(r"\d", c))
            for i, cell in enumerate(cells[1:], start=1):
                if (row_is_count or i in count_cols) and re.fullmatch(
                    r"\d{1,3}(\.\d{3})*,\d+", cell
                ):
                    found.append(f"{cells[0]}: {cell}")
    return found


def _is_count_label(label: str) -> bool:
    label = label.strip().lower()
    return (
        label in {"n", "aantal"}
        or label.startswith(("n ", "aantal ", "totaal aantal", "totaal n"))
        or label.endswith("(n)")
    )


_GENERATED = re.compile(r'<div class="generated">(.*?)</div>', re.DOTALL)
_FOLD = re.compile(r"<details\b.*?</details>", re.DOTALL)
_CELL = re.compile(r"<td\b[^>]*>(.*?)</td>", re.DOTALL)
SENTENCE_NUMBER = re.compile(r"(?<![\d,.])(\d{1,3}(?:\.\d{3})+|\d+,\d+%?|\d+%)(?![\d,])")


def _value(text: str) -> tuple[float, int]:
    """'45,2%' -> (45.2, 1); '1.789' -> (1789.0, 0)."""
    text = text.rstrip("%").replace(".", "").replace(",", ".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return float(text), decimals


def _supported(number: str, cells: set[str], values: list[float]) -> bool:
    if number in cells:
        return True
    value, decimals = _value(number)
    return any(abs(round(v, decimals) - value) < 1e-9 for v in values)


def unsupported_numbers(page: str) -> list[tuple[str, str]]:
    """Numbers in generated sentences (outside their folds) that no table of the same section
    shows, at the sentence's precision: a sentence the table beside it contradicts."""
    out = []
    for section in re.split(r"<h2\b", page):
        cells = {
            html.unescape(_TAG.sub("", c)).strip().rstrip(" ▲▼") for c in _CELL.findall(section)
        }
        tokens = {m for c in cells for m in SENTENCE_NUMBER.findall(c)}
        values = [_value(tok)[0] for tok in tokens]
        for block in _GENERATED.findall(section):
            text = html.unescape(_TAG.sub(" ", _FOLD.sub(" ", block)))
            for sentence in re.split(r"(?<=[.:;])\s+", text):
                for match in SENTENCE_NUMBER.finditer(sentence):
                    number = match.group(1)
                    before = sentence[max(0, match.start() - 8) : match.start()]
                    if re.search(r"\b[pnNF]\s*(?:=|<|>)\s*$", before):
                        continue  # a test or a base, not a value of the table
                    if not _supported(number, tokens, values):
                        out.append((number, " ".join(sentence.split())[:160]))
    return out


_NOT_RUNNING_TEXT = re.compile(
    r'<div class="werkdruk-check\b[^"]*">.*?</div>|<p class="table-note">.*?</p>', re.DOTALL
)
"""The self-check's report (its counts and the failures with their tests) and notes: not running
text."""


def p_values_in_running_text(page: str) -> list[int]:
    """Per paragraph or list item of running text (folds, tables, notes and the self-check left
    out): the number of p-values it prints."""
    body = _NOT_RUNNING_TEXT.sub(" ", _FOLD.sub(" ", page))
    counts = []
    for block in re.findall(r"<(p|li)\b[^>]*>(.*?)</\1>", body, re.DOTALL):
        text = html.unescape(_TAG.sub(" ", block[1]))
        counts.append(len(re.findall(r"\bp\s*(?:=|<|>|≤)\s*\d", text)))
    return counts


def check_page(name: str, page: str) -> list[Problem]:
    """Every problem on one page."""
    text = visible_text(page)
    problems = []
    for pattern, kind in (
        (FILE_PATH, "bestandspad"),
        (INTERNAL_NAME, "interne naam"),
        (COUNT_WITH_DECIMALS, "aantal met decimalen"),
        (DOT_DECIMAL, "decimale punt"),
        (SQUARE_AS_TWO, "kwadraat als 2"),
    ):
        for match in pattern.finditer(text):
            problems.append(
                Problem(name, kind, match.group(0), _context(text, match.start(), match.end()))
            )
    for start, end, sentence in english_sentences(text):
        problems.append(Problem(name, "Engels", sentence[:80], _context(text, start, end, 0)))
    for cell in count_columns_with_decimals(page):
        problems.append(Problem(name, "aantal met decimalen", cell, cell))
    for number, sentence in unsupported_numbers(page):
        problems.append(Problem(name, "getal niet in de tabel", number, sentence))
    crowded = [c for c in p_values_in_running_text(page) if c > 1]
    if crowded:
        problems.append(
            Problem(
                name, "p-waarden in lopende tekst", str(max(crowded)), f"{len(crowded)} alinea's"
            )
        )
    return problems


def site_pages(out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    found = [out_dir / "index.html"] if (out_dir / "index.html").exists() else []
    found += sorted(out_dir.glob("[0-9][0-9][0-9][0-9]/*.html"))
    found += sorted((out_dir / "diff").glob("*.html"))
    return [p for p in found if not p.name.startswith(".")]


def check_site(out_dir: Path) -> list[Problem]:
    problems = []
    for path in site_pages(out_dir):
        name = str(path.relative_to(out_dir))
        problems += check_page(name, path.read_text(encoding="utf-8"))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Scan the site's pages for text a reader should not see."
    )
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    problems = check_site(args.out)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problemen op {len(site_pages(args.out))} pagina's", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
