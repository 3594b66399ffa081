"""Write synthetic measurements in the raw export format of docs/design.md.

Layout: ``<out>/<year>/respondents.csv``, ``<out>/<year>/schools.csv`` and ``<out>/README.md``.
Format: UTF-8, ',' separator, '\\n' line ends, minimal quoting, columns in the given order,
an empty cell for a missing value, integers without '.0', other numbers in their shortest
round-trip decimal form. Every CSV starts with the comment line :data:`COMMENT_TEMPLATE`.

Writing is atomic per year: everything is written to a temporary directory inside
``<out>`` and each year's folder then replaces the old one by renames, so a reader never
sees a half-written year. Files are made read-only (0444); an existing read-only output is
replaced without error. The output contains no time stamps: the same input gives the same
bytes.
"""

from __future__ import annotations

import csv
import io
import math
import os
import shutil
import stat
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral, Real
from pathlib import Path

import numpy as np
import pandas as pd

COMMENT_TEMPLATE = (
    "# SYNTHETISCHE DATA — gegenereerd door werkdruk_utils.synth (seed {seed}); "
    "geen echte respondenten"
)
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH  # 0o444

README_TEXT = """# SYNTHETISCHE DATA

Alle bestanden in deze map zijn **synthetisch**: gegenereerd door `werkdruk_utils.synth`
(seed {seed}), deterministisch, en gekalibreerd op de cijfers die het rapport
'Samen sterk voor minder werkdruk' publiceert. Het zijn **geen echte respondenten** en geen
echte scholen; school- en respondentnummers, e-mailadressen (alleen op het gereserveerde
domein example.org) en open antwoorden zijn verzonnen.

Indeling: per meting een map `<jaar>/` met `respondents.csv` en `schools.csv` in het
exportformaat van `docs/design.md`. Elk bestand begint met de regel
`# SYNTHETISCHE DATA ...`.

Opnieuw maken: `python -m werkdruk_utils.synth --out <map> --seed {seed}`.
De bestanden zijn alleen-lezen; de generator vervangt ze in zijn geheel.
"""


class WriteError(OSError):
    """The synthetic output could not be written."""


def format_value(value: object) -> str:
    """Text of one cell: '' for missing, integers without '.0', floats in shortest form."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool | np.bool_):
        return "1" if value else "0"
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        x = float(value)
        if math.isnan(x):
            return ""
        if math.isinf(x):
            raise WriteError(f"cannot write an infinite number ({value!r})")
        if x.is_integer():
            return str(int(x))
        return np.format_float_positional(x, trim="-")
    return str(value)


def _column_texts(series: pd.Series) -> list[str]:
    return [format_value(v) for v in series.tolist()]


def frame_to_csv(frame: pd.DataFrame, columns: Sequence[str], comment: str) -> str:
    """CSV text of ``frame[columns]`` preceded by the comment line.

    Raises:
        WriteError: when a column is missing from the frame.
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise WriteError(f"cannot write: column(s) {missing} missing from the frame")
    texts = [_column_texts(frame[c]) for c in columns]
    buffer = io.StringIO()
    buffer.write(comment + "\n")
    writer = csv.writer(
        buffer, delimiter=",", quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\n"
    )
    writer.writerow(list(columns))
    writer.writerows(zip(*texts, strict=False))
    return buffer.getvalue()


@dataclass(frozen=True)
class YearFiles:
    """The two tables of one measurement year, with their column orders."""

    respondents: pd.DataFrame
    respondent_columns: Sequence[str]
    schools: pd.DataFrame
    school_columns: Sequence[str]


def _write_read_only(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.chmod(path, READ_ONLY)


def _remove_tree(path: Path) -> None:
    """Remove a directory tree, making read-only parts writable where needed."""

    def on_error(func, failed, _exc_info):  # type: ignore[no-untyped-def]
        parent = os.path.dirname(failed)
        for target in (parent, failed):
            try:
                os.chmod(
                    target, os.stat(target).st_mode | stat.S_IWUSR | stat.S_IXUSR | stat.S_IRUSR
                )
            except OSError:
                pass
        func(failed)

    if path.exists():
        shutil.rmtree(path, onerror=on_error)


def _same_bytes(a: Path, b: Path) -> bool:
    """Whether two files exist and have the same bytes."""
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _same_files(new: Path, existing: Path) -> bool:
    """Whether folder ``existing`` holds exactly the files of ``new``, with the same bytes."""
    if not existing.is_dir() or existing.is_symlink():
        return False
    names = sorted(p.name for p in new.iterdir())
    return names == sorted(p.name for p in existing.iterdir()) and all(
        _same_bytes(new / n, existing / n) for n in names
    )


def _keep_unchanged(new: Path, existing: Path) -> None:
    """Put the existing file in place of each new file with the same bytes, so that a regeneration
    that changes nothing leaves file times alone (make then rebuilds nothing)."""
    if not existing.is_dir():
        return
    for path in new.iterdir():
        if _same_bytes(path, existing / path.name):
            os.chmod(path, READ_ONLY | stat.S_IWUSR)
            shutil.copy2(existing / path.name, path)
            os.chmod(path, READ_ONLY)


def write_dataset(out: Path | str, years: Mapping[int, YearFiles], seed: int) -> list[Path]:
    """Write the given years to ``out`` (atomically per year) and return the files written.

    Existing year folders of the written years are replaced; other year folders in ``out``
    are left alone. ``README.md`` is (re)written. A file whose bytes did not change keeps its
    modification time (a year whose files all stayed the same is not touched at all), so that a
    regeneration that changes nothing makes no build step out of date.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    comment = COMMENT_TEMPLATE.format(seed=seed)
    tmp = Path(tempfile.mkdtemp(prefix=".synth-tmp-", dir=out))
    written: list[Path] = []
    try:
        for year, files in sorted(years.items()):
            year_dir = tmp / str(year)
            year_dir.mkdir()
            _write_read_only(
                year_dir / "respondents.csv",
                frame_to_csv(files.respondents, files.respondent_columns, comment),
            )
            _write_read_only(
                year_dir / "schools.csv", frame_to_csv(files.schools, files.school_columns, comment)
            )
        _write_read_only(tmp / "README.md", README_TEXT.format(seed=seed))
        for year in sorted(years):
            target = out / str(year)
            _keep_unchanged(tmp / str(year), target)
            if _same_files(tmp / str(year), target):
                written += [target / "respondents.csv", target / "schools.csv"]
                continue  # nothing changed: the year's folder and files keep their times
            old: Path | None = None
            if target.exists() or target.is_symlink():
                old = out / f".synth-old-{year}-{uuid.uuid4().hex}"
                os.rename(target, old)
            os.rename(tmp / str(year), target)
            if old is not None:
                _remove_tree(old)
            written += [target / "respondents.csv", target / "schools.csv"]
        if not _same_bytes(tmp / "README.md", out / "README.md"):
            os.replace(tmp / "README.md", out / "README.md")
        written.append(out / "README.md")
    except OSError as exc:
        raise WriteError(f"could not write synthetic data to {out}: {exc}") from exc
    finally:
        _remove_tree(tmp)
    return written
