"""Output check: nothing personal leaves the machine.

After a build, every file that may be published (HTML, executed notebooks, CSV, and the other
text files :data:`SCANNED_SUFFIXES` names) under the output folder is scanned for

* **e-mail addresses** (:data:`EMAIL_PATTERN`, any address, not only the ones in the input);
* **Dutch phone numbers** (:data:`PHONE_PATTERN`: ``06-12345678``, ``06 12 34 56 78``,
  ``+31 6 1234 5678``, ``0031 6 ...``, ``020-1234567``, ``(020) 123 4567``, ``0111-123456``,
  ``+31 (0)20 123 4567``; a candidate counts when it has exactly ten digits in national form);
* **respondent ids** and **school ids** of the input (whole tokens; ids consisting of fewer than
  :data:`MIN_NUMERIC_ID_DIGITS` digits only cannot be told apart from the numbers every output
  is full of and are not searched - the check reports how many);
* **free-text answers** of the input, read from the raw exports (the loader drops these
  columns): every column the codebook marks personal (``v1_vak``, every ``*_anders``, ``v20``,
  ``v22``, ``v24``, ``v23_email``, ``v25_email``) and the werktijdfactor text ``v3``. An answer
  is searched when it is *distinctive*: at least :data:`MIN_TEXT_LENGTH` characters after
  collapsing white space, given by fewer than :data:`GENERIC_MIN_RESPONDENTS` respondents over
  all years and columns (phrases such as 'Geen opmerkingen.' are shared by many and identify
  nobody), and not printed in the questionnaire or report text (``data/reference``), which are
  public. Matching ignores case and white-space differences and is done on the text as a reader
  sees it (HTML entities decoded, notebook JSON decoded).

A hit fails the check. It is reported with file, kind and location (line and column, for
notebooks the cell and output), never with the value itself: only a masked form
(:func:`mask`). The offending file is moved to a quarantine folder outside the output folder
(default ``build/quarantine/<output folder name>/``, ignored by git, never published) or
deleted (``--delete``), so that no file that failed the check is left in place.

The command line remembers each file's verdict (:class:`Verdicts`): a file whose bytes, the
searched values, ``min_n`` and the check's code are unchanged is not read again, so a build that
changed a few pages checks those pages only.

``python -m werkdruk_utils.publish.output_check --outputs outputs --data data/synthetic``
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import pickle
import re
import shutil
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from werkdruk_utils import paths

# The shapes of personal data and their masking are shared with the loader's messages.
from werkdruk_utils.inputs.personal import EMAIL_PATTERN as EMAIL_PATTERN
from werkdruk_utils.inputs.personal import PHONE_PATTERN as PHONE_PATTERN
from werkdruk_utils.inputs.personal import find_emails, find_phones, mask
from werkdruk_utils.inputs.personal import national_digits as national_digits
from werkdruk_utils.publish.bases_check import (
    BELOW_MIN_N,
    NO_BASE,
    BaseCheckResult,
    NumberFinding,
    check_file,
    fails,
)
from werkdruk_utils.stats.analysis import MIN_N

SCANNED_SUFFIXES: tuple[str, ...] = (
    ".html",
    ".htm",
    ".ipynb",
    ".csv",
    ".md",
    ".txt",
    ".json",
    ".svg",
    ".part",
    ".tmp",
)
"""Files under the output folder that are read (everything else there is reported as unscanned)."""

MIN_TEXT_LENGTH = 12
"""A free-text answer shorter than this (after collapsing white space) is not distinctive."""

GENERIC_MIN_RESPONDENTS = 3
"""A free-text answer given by this many respondents or more is a generic phrase, not searched."""

MIN_NUMERIC_ID_DIGITS = 6
"""Ids made of digits only are searched when they have at least this many digits."""

TEXT_COLUMNS_EXTRA: tuple[str, ...] = ("v3",)
"""Free-text columns searched besides the codebook's personal columns (raw werktijdfactor)."""

PUBLIC_TEXTS: tuple[Path, ...] = (
    paths.REFERENCE_DIR / "bijlage4_enquete.txt",
    paths.REFERENCE_DIR / "report_text.txt",
)

KIND_LABELS = {
    "email": "e-mailadres",
    "phone": "telefoonnummer",
    "respondent_id": "respondent-id",
    "school_id": "school-id",
    "free_text": "vrije-tekstantwoord",
}


class DisclosureError(RuntimeError):
    """The output check could not run (e.g. no input to compare with)."""


@dataclass(frozen=True)
class Finding:
    """One hit: where it is and what kind it is, with the value masked."""

    file: Path
    kind: str
    location: str
    masked: str

    def describe(self, root: Path | None = None) -> str:
        shown = self.file
        if root is not None:
            try:
                shown = self.file.relative_to(root)
            except ValueError:
                pass
        return f"{shown}: {self.location}: {KIND_LABELS.get(self.kind, self.kind)} ({self.masked})"


@dataclass
class Needles:
    """What the check searches for besides the patterns; built from the input by
    :func:`collect_needles`."""

    respondent_ids: set[str] = field(default_factory=set)
    school_ids: set[str] = field(default_factory=set)
    texts: list[str] = field(default_factory=list)
    skipped_ids: int = 0
    skipped_texts: int = 0
    _regexes: dict[str, re.Pattern | None] = field(default_factory=dict, repr=False)

    def regex(self, kind: str) -> re.Pattern | None:
        if kind not in self._regexes:
            if kind == "free_text":
                self._regexes[kind] = _trie_regex(self.texts, ignore_case=True, text=True)
            else:
                values = self.respondent_ids if kind == "respondent_id" else self.school_ids
                self._regexes[kind] = _trie_regex(sorted(values), ignore_case=False, text=False)
        return self._regexes[kind]


@dataclass
class CheckResult:
    findings: list[Finding]
    scanned: list[Path]
    moved: dict[Path, Path | None]  # offending file -> quarantine path (None: deleted)
    unscanned: list[Path]
    bases: BaseCheckResult = field(default_factory=BaseCheckResult)
    min_n: int = MIN_N
    strict_bases: bool = False

    @property
    def base_failures(self) -> list[NumberFinding]:
        return self.bases.failing(self.strict_bases)

    @property
    def ok(self) -> bool:
        return not self.findings and not self.base_failures


# ----------------------------------------------------------------------------------------------
# suppressed cells in the outputs


def suppressed_per_notebook(year_dir: Path | str) -> dict[str, int]:
    """Suppressed cells per notebook of one output year folder, counted in the tables CSVs that
    the notebook's HTML shows (``<figure class="report-table" id="<slug>">`` ->
    ``tables/<slug>.csv``)."""
    year_dir = Path(year_dir)
    counts: dict[str, int] = {}
    for page in sorted(year_dir.glob("*.html")):
        slugs = dict.fromkeys(
            re.findall(
                r'<figure class="report-table" id="([a-z0-9_]+)"', page.read_text(encoding="utf-8")
            )
        )
        total = 0
        for slug_ in slugs:
            path = year_dir / "tables" / f"{slug_}.csv"
            if path.is_file():
                frame = pd.read_csv(path, dtype=str, keep_default_na=False)
                if "suppressed" in frame.columns:
                    total += int(frame["suppressed"].str.casefold().isin(["true", "1"]).sum())
        counts[page.stem] = total
    return counts


def count_suppressed(tables_dir: Path | str) -> int:
    """Suppressed cells in the tables CSVs of one output year folder's ``tables/`` (rows with
    ``suppressed`` true)."""
    total = 0
    for path in sorted(Path(tables_dir).glob("*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "suppressed" in frame.columns:
            total += int(frame["suppressed"].str.casefold().isin(["true", "1"]).sum())
    return total


# ----------------------------------------------------------------------------------------------
# masking and patterns


def _normalise_text(value: str) -> str:
    return " ".join(str(value).split())


def _trie_regex(values: Iterable[str], *, ignore_case: bool, text: bool) -> re.Pattern | None:
    """One regex matching any of ``values`` (a trie of alternatives, so that thousands stay fast).

    ``text``: white space in a value matches any run of white space; the match must start and end
    at a word boundary. Otherwise (ids): the value must be a whole token (no letter, digit, '_' or
    '-' on either side, no decimal point before it).
    """
    trie: dict = {}
    for value in values:
        value = _normalise_text(value) if text else str(value).strip()
        if not value:
            continue
        node = trie
        for char in value.casefold() if ignore_case else value:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        alternatives = []
        end = "" in node
        for char in sorted(k for k in node if k != ""):
            atom = r"\s+" if (text and char == " ") else re.escape(char)
            alternatives.append(atom + render(node[char]))
        if not alternatives:
            return ""
        body = (
            alternatives[0]
            if len(alternatives) == 1 and not end
            else "(?:" + "|".join(alternatives) + ")"
        )
        return body + ("?" if end else "")

    if not trie:
        return None
    pattern = render(trie)
    if text:
        pattern = r"(?<!\w)" + pattern + r"(?!(?<=\w)\w)"
    else:
        pattern = r"(?<![\w.,-])" + pattern + r"(?![\w-]|[.,]\d)"
    return re.compile(pattern, re.IGNORECASE if ignore_case else 0)


# ----------------------------------------------------------------------------------------------
# what to search for


def _year_folders(data_dir: Path) -> list[Path]:
    return sorted(
        p for p in Path(data_dir).iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name)
    )


def _public_text() -> str:
    parts = [p.read_text(encoding="utf-8") for p in PUBLIC_TEXTS if p.is_file()]
    return _normalise_text("\n".join(parts)).casefold()


def _searchable_id(value: str) -> bool:
    return not value.isdigit() or len(value) >= MIN_NUMERIC_ID_DIGITS


def _text_columns(codebook, year: int, columns) -> set[str]:
    """The free-text columns of one year's export (for a year the codebook does not know: every
    column named like free text)."""
    try:
        personal = set(codebook.personal_columns(year))
    except Exception:  # a year the codebook does not know
        personal = set()
    named = {c for c in columns if str(c).endswith(("_anders", "_email", "_vak"))}
    return personal | set(TEXT_COLUMNS_EXTRA) | named


def _add_ids(needles: Needles, values: pd.Series, target: set[str]) -> None:
    for value in values.dropna().astype(str).str.strip():
        if value and _searchable_id(value):
            target.add(value)
        elif value:
            needles.skipped_ids += 1


def _count_answers(
    frame: pd.DataFrame, columns: set[str], givers: Counter, originals: dict
) -> None:
    """Count, per normalised answer, the respondents who gave it (in any of ``columns``): each
    distinct normalised answer of a respondent counts once. The first spelling met (row by row,
    column by column) is kept as the answer's original."""
    present = [c for c in frame.columns if c in columns]
    if not present:
        return
    cells = frame[present].reset_index(drop=True).stack().dropna().astype(str)
    spelled = {value: _normalise_text(value) for value in cells.unique()}
    answers = pd.DataFrame(
        {"row": cells.index.get_level_values(0), "answer": cells.map(spelled).to_numpy()}
    )
    answers = answers[answers["answer"] != ""].drop_duplicates()
    for answer in answers["answer"].tolist():
        key = answer.casefold()
        givers[key] += 1
        originals.setdefault(key, answer)


def collect_needles(data_dir: Path | str, codebook=None) -> Needles:
    """Respondent ids, school ids and distinctive free-text answers of every year folder in
    ``data_dir``.

    The raw exports are read with :func:`werkdruk_utils.inputs.readers.read_table` (read-only); the
    respondent ids are the values the loader keeps in ``respondent_id``.
    """
    from werkdruk_utils.inputs.load import RESPONDENT_EXTENSIONS, SCHOOL_EXTENSIONS, find_input_file
    from werkdruk_utils.inputs.readers import read_table

    if codebook is None:
        from werkdruk_utils.inputs.codebook import load_codebook

        codebook = load_codebook()
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DisclosureError(f"{data_dir}: no such data folder")
    folders = _year_folders(data_dir)
    if not folders:
        raise DisclosureError(
            f"{data_dir}: no measurement folders (<year>/respondents.*) to compare the outputs with"
        )
    needles = Needles()
    givers: Counter[str] = Counter()  # normalised answer -> number of respondents who gave it
    originals: dict[str, str] = {}
    for folder in folders:
        frame = read_table(find_input_file(folder, "respondents", RESPONDENT_EXTENSIONS)).frame
        for column, target in (
            ("respondent_id", needles.respondent_ids),
            ("school_id", needles.school_ids),
        ):
            if column in frame.columns:
                _add_ids(needles, frame[column], target)
        columns = _text_columns(codebook, int(folder.name), frame.columns)
        _count_answers(frame, columns, givers, originals)
        try:
            schools = read_table(find_input_file(folder, "schools", SCHOOL_EXTENSIONS)).frame
        except (FileNotFoundError, ValueError):
            schools = None
        if schools is not None and "school_id" in schools.columns:
            _add_ids(Needles(), schools["school_id"], needles.school_ids)
    public = _public_text()
    for key, count in sorted(givers.items()):
        if len(key) < MIN_TEXT_LENGTH or count >= GENERIC_MIN_RESPONDENTS or key in public:
            needles.skipped_texts += 1
            continue
        needles.texts.append(originals[key])
    needles.school_ids -= needles.respondent_ids
    return needles


# ----------------------------------------------------------------------------------------------
# scanning


def scan_text(text: str, needles: Needles | None = None) -> list[tuple[str, int, int]]:
    """Every hit in ``text`` as (kind, start, end), in order of position."""
    hits = [("email", s, e) for s, e in find_emails(text)]
    hits += [("phone", s, e) for s, e in find_phones(text)]
    if needles is not None:
        for kind in ("respondent_id", "school_id", "free_text"):
            regex = needles.regex(kind)
            if regex is not None:
                hits += [(kind, m.start(), m.end()) for m in regex.finditer(text)]
    return sorted(hits, key=lambda h: (h[1], h[2], h[0]))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _notebook_strings(node, where: str = "") -> Iterator[tuple[str, str]]:
    """(JSON path, string) for every string in a notebook; source/text lists are joined."""
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, list):
        if node and all(isinstance(x, str) for x in node):
            yield where, "".join(node)
        else:
            for i, item in enumerate(node):
                yield from _notebook_strings(item, f"{where}[{i}]")
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _notebook_strings(value, f"{where}.{key}" if where else str(key))


def _views(path: Path, raw: str) -> Iterator[tuple[str, str]]:
    """(location prefix, text) pairs in which a file is searched: the text as a reader sees it."""
    suffix = path.suffix.lower()
    if suffix == ".ipynb":
        try:
            nb = json.loads(raw)
        except ValueError:
            yield "", raw
            return
        for where, value in _notebook_strings(nb):
            yield f"{where}, ", html.unescape(value)
    elif suffix == ".csv":
        yield "", raw.replace('""', '"')
    else:
        yield (
            "",
            html.unescape(raw)
            if suffix in (".html", ".htm", ".svg", ".md", ".part", ".tmp")
            else raw,
        )


def scan_file(path: Path, needles: Needles | None = None) -> list[Finding]:
    """Every hit in one file, with its location and the value masked."""
    path = Path(path)
    raw = path.read_text(encoding="utf-8", errors="replace")
    findings: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    for prefix, text in _views(path, raw):
        for kind, start, end in scan_text(text, needles):
            line, col = _line_col(text, start)
            location = f"{prefix}regel {line}, kolom {col}"
            masked = mask(text[start:end])
            key = (kind, location, masked)
            if key not in seen:
                seen.add(key)
                findings.append(Finding(path, kind, location, masked))
    return findings


def default_quarantine(outputs_dir: Path) -> Path:
    return paths.ROOT / "build" / "quarantine" / Path(outputs_dir).resolve().name


def output_files(outputs_dir: Path) -> tuple[list[Path], list[Path]]:
    """(files to scan, other files) under ``outputs_dir``, sorted."""
    files = sorted(p for p in Path(outputs_dir).rglob("*") if p.is_file())
    scanned = [p for p in files if p.suffix.lower() in SCANNED_SUFFIXES]
    return scanned, [p for p in files if p not in scanned]


def _move(path: Path, outputs_dir: Path, quarantine_dir: Path, delete: bool) -> Path | None:
    if delete:
        path.unlink()
        return None
    target = quarantine_dir / path.relative_to(outputs_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(path), str(target))
    return target


@dataclass(frozen=True)
class Verdict:
    """What the check finds in one file's content: personal-data hits (kind, location, masked
    value) and every number read (how many, per base, those breaking the rule)."""

    hits: tuple[tuple[str, str, str], ...]
    numbers: int
    by_base: tuple[tuple[str, int], ...]
    problems: tuple[tuple[str, str, str, str], ...]  # location, number, base, problem


def judge_file(path: Path, needles: Needles | None, min_n: int) -> Verdict:
    """The verdict on one file (:func:`scan_file` and the base check)."""
    bases = BaseCheckResult()
    check_file(path, min_n, bases)
    return Verdict(
        hits=tuple((f.kind, f.location, f.masked) for f in scan_file(path, needles)),
        numbers=bases.numbers,
        by_base=tuple(sorted(bases.by_base.items())),
        problems=tuple((f.location, f.number, f.base, f.problem) for f in bases.findings),
    )


VERDICTS_FORMAT = "1"
VERDICTS_NAMESPACE = "output_check"


def needles_digest(needles: Needles | None) -> str:
    """SHA-256 over what the check searches for (only this digest is stored, never the values)."""
    digest = hashlib.sha256(b"none" if needles is None else b"needles")
    if needles is not None:
        for values in (sorted(needles.respondent_ids), sorted(needles.school_ids), needles.texts):
            digest.update(b"\1" + "\0".join(values).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class Verdicts:
    """Verdicts of an earlier check, by file content (SHA-256 and suffix), under
    ``build/cache/output_check/``: a file whose bytes, the input's needles, ``min_n`` and the code
    of the check are all unchanged is not read again. Only masked hits and numbers of the outputs
    are stored, nothing of the input."""

    def __init__(self, needles: Needles | None, min_n: int) -> None:
        from werkdruk_utils.inputs import cache

        self.path: Path | None = None
        self.known: dict[str, Verdict] = {}
        self.used: dict[str, Verdict] = {}
        folder = cache.cache_dir()
        if folder is None:
            return
        key = hashlib.sha256(
            "\0".join(
                [
                    VERDICTS_FORMAT,
                    cache.module_fingerprint("werkdruk_utils.publish.output_check"),
                    str(int(min_n)),
                    needles_digest(needles),
                ]
            ).encode()
        ).hexdigest()
        self.path = folder / VERDICTS_NAMESPACE / f"{key}.pickle"
        try:
            with open(self.path, "rb") as handle:
                known = pickle.load(handle)
            if isinstance(known, dict):
                self.known = known
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError):
            pass

    def verdict(self, path: Path, needles: Needles | None, min_n: int) -> Verdict:
        key = f"{hashlib.sha256(path.read_bytes()).hexdigest()}{path.suffix.lower()}"
        verdict = self.known.get(key)
        if not isinstance(verdict, Verdict):
            verdict = judge_file(path, needles, min_n)
        self.used[key] = verdict
        return verdict

    def save(self) -> None:
        """Keep the verdicts of this check's files (a cache that cannot be written only costs
        time)."""
        if self.path is None or self.used == self.known:
            return
        from werkdruk_utils.inputs import cache

        try:
            paths.write_atomic(self.path, pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
            cache.prune(self.path.parent, keep=4)
        except OSError:
            pass


def check_outputs(
    outputs_dir: Path | str,
    needles: Needles | None,
    *,
    quarantine: Path | str | None = None,
    delete: bool = False,
    min_n: int = MIN_N,
    strict_bases: bool = False,
    remember: bool = False,
) -> CheckResult:
    """Scan every publishable file under ``outputs_dir`` for personal data and read the base of
    every number (:mod:`werkdruk_utils.publish.bases_check`); move (or delete) each file with a
    personal-data hit or a number resting on fewer than ``min_n`` respondents (with
    ``strict_bases`` also a number without a base). With ``remember`` the verdicts on unchanged
    files come from the previous check (:class:`Verdicts`)."""
    outputs_dir = Path(outputs_dir).resolve()
    if not outputs_dir.is_dir():
        raise DisclosureError(f"{outputs_dir}: no such output folder")
    quarantine_dir = (
        Path(quarantine).resolve() if quarantine is not None else default_quarantine(outputs_dir)
    )
    if not delete and (quarantine_dir == outputs_dir or outputs_dir in quarantine_dir.parents):
        raise DisclosureError(
            f"the quarantine folder {quarantine_dir} lies inside the output folder {outputs_dir}"
        )
    scanned, unscanned = output_files(outputs_dir)
    result = CheckResult([], scanned, {}, unscanned, min_n=int(min_n), strict_bases=strict_bases)
    verdicts = Verdicts(needles, result.min_n) if remember else None
    for path in scanned:
        if verdicts is not None:
            verdict = verdicts.verdict(path, needles, result.min_n)
        else:
            verdict = judge_file(path, needles, result.min_n)
        hits = [Finding(path, *hit) for hit in verdict.hits]
        numbers = [NumberFinding(path, *problem) for problem in verdict.problems]
        result.bases.numbers += verdict.numbers
        result.bases.by_base.update(dict(verdict.by_base))
        result.bases.findings.extend(numbers)
        failing = [f for f in numbers if fails(f, strict_bases)]
        result.findings += hits
        if hits or failing:
            result.moved[path] = _move(path, outputs_dir, quarantine_dir, delete)
    if verdicts is not None:
        verdicts.save()
    return result


MAX_NUMBERS_REPORTED = 50
"""Numbers breaking the rule printed one per line; the rest are counted."""


def base_summary(result: CheckResult) -> str:
    """One line: how many numbers were read, on which bases, and how many break the rule."""
    bases = result.bases
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(bases.by_base.items()))
    without = bases.count(NO_BASE)
    below = bases.count(BELOW_MIN_N)
    verdict = "FOUT" if result.base_failures else "in orde"
    note = (
        f"; {without} getallen zonder basis"
        + (" (strikt: fout)" if result.strict_bases else " (waarschuwing)")
        if without
        else ""
    )
    return (
        f"Basiscontrole {verdict}: {bases.numbers} getallen gelezen ({kinds}); "
        f"{below} op minder dan {result.min_n} respondenten{note}."
    )


def report(result: CheckResult, outputs_dir: Path, needles: Needles | None, stream=None) -> None:
    """Print every finding (masked), every moved file and a summary line to ``stream`` (default
    stdout)."""
    stream = sys.stdout if stream is None else stream
    root = Path(outputs_dir).resolve()
    for finding in result.findings:
        print(f"FOUT: {finding.describe(root.parent)}", file=stream)
    failures = result.base_failures
    for finding in failures[:MAX_NUMBERS_REPORTED]:
        print(f"FOUT: {finding.describe(result.min_n, root.parent)}", file=stream)
    if len(failures) > MAX_NUMBERS_REPORTED:
        print(f"FOUT: ... en nog {len(failures) - MAX_NUMBERS_REPORTED} getallen", file=stream)
    personal = {f.file for f in result.findings}
    for path, target in result.moved.items():
        where = "verwijderd" if target is None else f"verplaatst naar {paths.display(target)}"
        why = "bevat persoonsgegevens" if path in personal else "toont een te klein aantal"
        print(f"FOUT: {paths.display(path)} {why} en is {where}", file=stream)
    extra = ""
    if needles is not None:
        extra = (
            f"; gezocht naar {len(needles.respondent_ids)} respondent-ids, "
            f"{len(needles.school_ids)} school-ids, "
            f"{len(needles.texts)} vrije-tekstantwoorden ({needles.skipped_texts} te kort of "
            "algemeen, "
            f"{needles.skipped_ids} numerieke ids te kort om te zoeken)"
        )
    status = "GEFAALD" if not result.ok else "in orde"
    print(
        f"Uitvoercontrole {status}: {len(result.scanned)} bestanden gelezen, "
        f"{len(result.findings)} treffers{extra}.",
        file=stream if not result.ok else sys.stdout,
    )
    print(base_summary(result), file=stream if failures else sys.stdout)
    for path in result.unscanned:
        print(
            f"let op: {paths.display(path)} niet gelezen (geen tekstbestand dat de controle kent)",
            file=stream,
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Scan the built outputs for personal data and numbers resting on fewer than "
        "min_n respondents; fail and quarantine on a hit."
    )
    parser.add_argument(
        "--outputs", type=Path, default=paths.OUTPUTS_DIR, help="output folder (default: outputs)"
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=paths.SYNTHETIC_DIR,
        help="the input the outputs were built from (<dir>/<year>/respondents.*)",
    )
    parser.add_argument(
        "--quarantine",
        type=Path,
        default=None,
        help="where offending files go (default: build/quarantine/<output folder name>)",
    )
    parser.add_argument(
        "--delete", action="store_true", help="delete offending files instead of moving them"
    )
    parser.add_argument(
        "--min-n",
        type=int,
        default=MIN_N,
        help=f"fewest respondents a shown number may rest on (default: {MIN_N})",
    )
    parser.add_argument(
        "--strict-bases",
        action="store_true",
        help="fail on numbers without a base too (default: report them as a warning)",
    )
    args = parser.parse_args(argv)
    outputs_dir = paths.resolve(args.outputs)
    try:
        needles = collect_needles(paths.resolve(args.data))
        result = check_outputs(
            outputs_dir,
            needles,
            quarantine=args.quarantine and paths.resolve(args.quarantine),
            delete=args.delete,
            min_n=args.min_n,
            strict_bases=args.strict_bases,
            remember=True,
        )
    except (DisclosureError, FileNotFoundError, ValueError) as exc:
        print(f"FOUT: uitvoercontrole niet uitgevoerd: {exc}", file=sys.stderr)
        return 2
    report(result, outputs_dir, needles, stream=sys.stderr)
    return 0 if result.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
