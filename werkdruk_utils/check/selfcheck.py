"""A page's self-check in three counts: published numbers within tolerance, at the printed
precision, and the report's claims reproduced, each with what failed and why.

:func:`summarise` turns the rows of :func:`werkdruk_utils.check.reproduce.reproduce` and of
:func:`werkdruk_utils.check.claims.evaluate` into a :class:`SelfCheck`; the page shows its three
:class:`Count` objects (label, passed of total, the failures with their reason) and is green only
when every count holds, that is when every failure is a documented contradiction in the report
(``expected_deviation`` of the reproduction, ``report_contradiction`` of a claim).
:func:`write_claims_csv` writes a notebook's claims to ``<output>/claims/<notebook>.csv``; the build
merges them into ``<output>/claims.csv`` as it merges ``reproduction.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from werkdruk_utils import paths
from werkdruk_utils.check.claims import OUTPUT_COLUMNS as CLAIMS_COLUMNS

CLAIM_PLACES: dict[str, tuple[str, ...]] = {
    "01_inleiding_en_methode": (),
    "02_ervaren_werkdruk": ("§2", "Bijlage 2"),
    "03_proces": ("§3",),
    "04_besteding": ("§4",),
    "05_effecten": ("§5",),
    "06_conclusies": ("Samenvatting", "H6"),
}
"""Which claims a notebook checks: those whose ``source_id`` starts with one of its places."""


@dataclass(frozen=True)
class Count:
    """One count of the self-check: ``passed`` of ``total`` hold; ``documented`` of the others are
    contradictions in the report itself; ``failures`` lists every row that does not hold (with
    ``reason``)."""

    key: str
    label: str
    passed: int
    total: int
    documented: int
    failures: pd.DataFrame

    @property
    def holds(self) -> bool:
        """Every row holds or is a documented contradiction in the report."""
        return self.passed + self.documented == self.total

    @property
    def share(self) -> float:
        return self.passed / self.total if self.total else float("nan")

    def sentence(self) -> str:
        """'651 van 652 binnen de tolerantie (1 tegenstrijdig in het rapport)' (Dutch)."""
        text = f"{self.passed} van {self.total} {self.label}"
        if self.documented:
            text += f" ({self.documented} tegenstrijdig in het rapport)"
        return text


@dataclass(frozen=True)
class SelfCheck:
    year: int
    tolerance: Count
    precision: Count
    claims: Count

    @property
    def counts(self) -> tuple[Count, Count, Count]:
        return (self.tolerance, self.precision, self.claims)

    @property
    def green(self) -> bool:
        return all(c.holds for c in self.counts)


FAILURE_COLUMNS = [
    "source_id",
    "group",
    "category",
    "statistic",
    "published",
    "reproduced",
    "reason",
]
CLAIM_FAILURE_COLUMNS = ["claim_id", "source_id", "kind", "status", "note"]


def _reproduction_count(
    reproduction: pd.DataFrame, passed_column: str, key: str, label: str
) -> Count:
    rows = reproduction
    if "suppressed" in rows.columns:  # a value the small-cell rule hides is not counted either
        rows = rows[~rows["suppressed"].fillna(False).astype(bool)]
    if passed_column == "at_printed_precision":
        rows = rows[rows[passed_column].notna()]
    passed = rows[passed_column].astype(bool)
    documented = ~passed & rows["expected_deviation"].astype(bool)
    failures = rows.loc[~passed, [c for c in FAILURE_COLUMNS if c in rows.columns]].copy()
    failures["documented"] = documented[~passed].to_numpy()
    return Count(
        key=key,
        label=label,
        passed=int(passed.sum()),
        total=int(len(rows)),
        documented=int(documented.sum()),
        failures=failures.reset_index(drop=True),
    )


def _claims_count(claims: pd.DataFrame) -> Count:
    testable = claims[claims["status"] != "not_testable"]
    passed = testable["status"] == "reproduced"
    documented = testable["status"] == "report_contradiction"
    failures = testable.loc[~passed, CLAIM_FAILURE_COLUMNS].copy()
    failures["documented"] = documented[~passed].to_numpy()
    return Count(
        key="claims",
        label="toetsbare uitspraken van het rapport gereproduceerd",
        passed=int(passed.sum()),
        total=int(len(testable)),
        documented=int(documented.sum()),
        failures=failures.reset_index(drop=True),
    )


def summarise(reproduction: pd.DataFrame, claims: pd.DataFrame, year: int) -> SelfCheck:
    """The three counts of one page (or one year) from its reproduction rows and claim rows."""
    return SelfCheck(
        year=int(year),
        tolerance=_reproduction_count(
            reproduction,
            "within_tolerance",
            "tolerance",
            "gepubliceerde cijfers binnen de tolerantie",
        ),
        precision=_reproduction_count(
            reproduction,
            "at_printed_precision",
            "precision",
            "gepubliceerde percentages en gemiddelden op de afgedrukte precisie",
        ),
        claims=_claims_count(claims),
    )


def write_claims_csv(claims: pd.DataFrame, output_dir: Path, notebook: str) -> Path:
    """``<output_dir>/claims/<notebook>.csv`` (merged into ``claims.csv`` by the build)."""
    path = Path(output_dir) / "claims" / f"{notebook or 'claims'}.csv"
    text = claims[CLAIMS_COLUMNS].to_csv(index=False, lineterminator="\n", float_format="%.6g")
    return paths.write_atomic(path, text)
