"""The report's claims as checks: does a measurement tell the report's story?

``data/reference/published_claims.csv`` lists the claims the report makes about a difference, a
change, an association or a level (kind, measure, population, groups, years, direction, whether it
is significant, the verbatim quote). ``data/reference/claims_map.yaml`` compiles each testable
claim into a check on the same quantity the page shows (the same question, population, weighting
and base) with the very test the page uses:

* **year_change / stable** (``test: years``): between measurement years as independent samples
  (:func:`werkdruk_utils.stats.analysis.year_differences`);
* **group_difference** (``test: groups``): between groups within a year, domains of one design
  (:func:`werkdruk_utils.stats.analysis.group_differences`);
* **distributions** (``test: distribution``): the Rao–Scott test
  (:func:`werkdruk_utils.stats.analysis.distribution_test`);
* **association** (``test: regression``): the star level of the term in the Bijlage 2 model of
  that year (p < 0,05 is at least one star);
* **level** and rankings (``test: top``, ``highest``, ``lowest``, ``above``, ``below``,
  ``between``, ``most_frequent``): the point estimates the page prints.

A claim is **reproduced** when direction and significance agree (a claim stated as significant:
every comparison it makes is significant at 0,05 in the stated direction; a claim stated as not
significant: no comparison it makes is significant; a 'mixed' direction: at least one comparison is
significant), and a level or ranking claim when the ranking or level agrees. A claim the report
itself contradicts (listed in the map with the reason) that does not hold gets
``report_contradiction``; claims whose significance the report does not state (hedged wording,
comparisons with NEA/Oberon before 2022, external data) are ``not_testable`` with the reason.

Years: a comparison 'A vs B' is tested in the run year B on the pairs (a, B); 'A;B;C' means every
year: a level, a group difference or an association is tested in each of these years on that
year's data, a change or stability on the pairs (a, run year) with a earlier in the list. Years
before 2022 are outside the monitor: only the 2022–2024 part of a claim is tested.

Use :func:`evaluate` on loaded measurements (``{year: Measurement}``), or the command line::

    python -m werkdruk_utils.check.claims --year 2024 [--data-dir DIR] [--out claims.csv]
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from werkdruk_utils import paths
from werkdruk_utils.check import reproduce
from werkdruk_utils.check.reproduce import MODEL_POPULATION
from werkdruk_utils.present.formatting import shown_label
from werkdruk_utils.stats import analysis, breakdowns, scales, survey

CLAIMS_PATH: Path = paths.REFERENCE_DIR / "published_claims.csv"
MAP_PATH: Path = paths.REFERENCE_DIR / "claims_map.yaml"
MONITOR_YEARS: tuple[int, ...] = (2022, 2023, 2024)
"""The measurements of the monitor; earlier years in a claim are NEA/Oberon and not tested."""

STATUSES: tuple[str, ...] = ("reproduced", "not_reproduced", "report_contradiction", "not_testable")
OUTPUT_COLUMNS: list[str] = [
    "claim_id",
    "source_id",
    "kind",
    "status",
    "observed_direction",
    "p",
    "n",
    "note",
    "measurement_year",
    "expected_direction",
    "expected_significant",
    "test",
    "population",
    "observed",
    "suppressed",
]

DIRECTION_WORDS = {
    "increase": "gestegen",
    "decrease": "gedaald",
    "higher": "hoger",
    "lower": "lager",
    "none": "geen verschil",
    "mixed": "verschil",
}


class ClaimsError(ValueError):
    """The claims file or the map does not define a check."""


# ----------------------------------------------------------------------------------------------
# files


def load_claims(path: Path | str | None = None) -> pd.DataFrame:
    """The claims (``published_claims.csv``), one row per claim, ``claim_id`` as index."""
    path = Path(path) if path is not None else CLAIMS_PATH
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    expected = {
        "claim_id",
        "source_id",
        "kind",
        "measure",
        "population",
        "group_var",
        "groups",
        "years",
        "direction",
        "significant",
        "quote",
        "line",
        "note",
    }
    missing = expected - set(frame.columns)
    if missing:
        raise ClaimsError(f"{path}: columns {sorted(missing)} missing")
    if frame["claim_id"].duplicated().any():
        duplicated = frame["claim_id"][frame["claim_id"].duplicated()].tolist()
        raise ClaimsError(f"{path}: duplicate claim ids {duplicated}")
    return frame.set_index("claim_id", drop=False)


def load_map(path: Path | str | None = None) -> dict[str, Any]:
    """The compiled checks (``claims_map.yaml``): quantities, checks, contradictions, reasons."""
    path = Path(path) if path is not None else MAP_PATH
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key in _MAP_CACHE:
        return _MAP_CACHE[key]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        mapping = yaml.load(handle, Loader=loader)  # the C or Python *safe* loader
    for section in ("quantities", "checks", "not_testable", "contradictions"):
        if section not in mapping:
            raise ClaimsError(f"{path}: section '{section}' missing")
    _MAP_CACHE[key] = mapping
    return mapping


_MAP_CACHE: dict[tuple, dict[str, Any]] = {}


# ----------------------------------------------------------------------------------------------
# years


def comparisons(text: str) -> list[tuple[int, int]]:
    """The (earlier, later) year pairs a change or stability claim makes, within the monitor."""
    if " vs " in text:
        left, right = text.split(" vs ", 1)
        lefts = [int(y) for y in left.split(";")]
        rights = [int(y) for y in right.split(";")]
        pairs = [(a, b) for a in lefts for b in rights if a != b]
    else:
        years = sorted(int(y) for y in text.split(";"))
        pairs = [(a, b) for i, a in enumerate(years) for b in years[i + 1 :]]
    return [(min(a, b), max(a, b)) for a, b in pairs if a in MONITOR_YEARS and b in MONITOR_YEARS]


def claim_years(text: str) -> list[int]:
    """The monitor years a claim about each year (level, group difference, association) names."""
    if " vs " in text:
        return sorted({b for _, b in comparisons(text)})
    return [int(y) for y in text.split(";") if int(y) in MONITOR_YEARS]


# ----------------------------------------------------------------------------------------------
# quantities


@dataclass(frozen=True)
class Quantity:
    """What a page estimates: a measure of a question, for a population, weighted how.

    ``measure``:

    * ``scale``: the scale score (``scale``), mean;
    * ``scale_share``: % with a scale score of at least ``threshold``;
    * ``answer``: % answering one of ``counts`` among those answering one of ``base`` (default every
      answered code) of single-choice ``column``;
    * ``ticked``: % ticking ``column`` among those who ticked any box of the question (``base:
      answered``, the columns starting with ``question``), or among the whole population (``base:
      population``, Tabel B3.1);
    * ``field``: mean of a numeric field where filled in, without those who ticked
      ``exclude_if_ticked``;
    * ``any_ticked``: % ticking any of ``columns`` among those ticking any of ``answered``.

    ``column`` may hold ``{item}`` (an option of a multiple-choice question) and ``{school_year}``
    (the school years of a measurement, Tabel 4.1).
    """

    name: str
    measure: str
    population: str = "all"
    weighting: str = "cell"
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def statistic(self) -> str:
        return "mean" if self.measure in ("scale", "field") else "percent"

    def column(self, item: Any = None, school_year: str | None = None) -> str:
        template = str(self.params.get("column", ""))
        return template.format(item=item, school_year=(school_year or "").replace("-", "_"))

    def values(
        self, frame: pd.DataFrame, item: Any = None, school_year: str | None = None
    ) -> pd.Series:
        """The per-respondent values: an indicator 1/0/missing (percent) or a number (mean)."""
        p = self.params
        if self.measure in ("scale", "scale_share"):
            from werkdruk_utils.inputs.codebook import load_codebook

            score = scales.scale_score(frame, load_codebook().scales[p["scale"]].items)
            if self.measure == "scale":
                return score
            return scales.at_least(score, float(p.get("threshold", 2.5)))
        column = self.column(item, school_year)
        if column and column not in frame.columns:
            raise ClaimsError(f"quantity '{self.name}': column '{column}' not in the data")
        if self.measure == "answer":
            return analysis.code_indicator(column, p["counts"], p.get("base"))(frame)
        if self.measure == "ticked":
            base = p.get("base", "answered")
            if base == "population":
                ticked = pd.to_numeric(frame[column], errors="coerce").astype(float)
                return ticked.fillna(0.0).eq(1.0).astype(float)
            return analysis.ticked_indicator(column, self._question_columns(frame))(frame)
        if self.measure == "field":
            values = pd.to_numeric(frame[column], errors="coerce").astype(float)
            if "exclude_if_ticked" in p:
                excluded = pd.to_numeric(frame[p["exclude_if_ticked"]], errors="coerce").eq(1)
                values = values.where(~excluded)
            return values
        if self.measure == "any_ticked":
            boxes = frame[list(p["answered"])].apply(pd.to_numeric, errors="coerce").fillna(0)
            answered = boxes.gt(0).any(axis=1)
            ticked = frame[list(p["columns"])].apply(pd.to_numeric, errors="coerce").fillna(0)
            return ticked.gt(0).any(axis=1).astype(float).where(answered)
        raise ClaimsError(f"quantity '{self.name}': unknown measure '{self.measure}'")

    def _question_columns(self, frame: pd.DataFrame) -> list[str]:
        p = self.params
        if "question_columns" in p:
            return [c for c in p["question_columns"] if c in frame.columns]
        prefix = str(p.get("question", ""))
        pattern = re.compile(rf"^{re.escape(prefix)}(\d+)(_[a-z]+(_\d{{4}}_\d{{4}})?)?$")
        suffix = str(p.get("question_suffix", ""))
        return [
            c
            for c in frame.columns
            if pattern.match(c) and c.endswith(suffix) and not c.endswith("_nvt")
        ]

    def describe(self) -> str:
        who = {"all": "alle respondenten", "sl": "schoolleiders", "not_sl": "rest van het team"}
        how = {
            "cell": "gewogen naar functie en sector",
            "sector": "gewogen naar sector",
            "none": "ongewogen",
        }
        return f"{who[self.population]}, {how[self.weighting]}"


def quantities(mapping: Mapping[str, Any]) -> dict[str, Quantity]:
    out = {}
    for name, spec in mapping["quantities"].items():
        spec = dict(spec)
        out[name] = Quantity(
            name=name,
            measure=spec.pop("measure"),
            population=spec.pop("population", "all"),
            weighting=spec.pop("weighting", "cell"),
            params=spec,
        )
    return out


# ----------------------------------------------------------------------------------------------
# the evaluation context: every estimate and test computed once


@dataclass(frozen=True)
class Test:
    """One comparison: ``difference`` oriented as the claim (later - earlier, first - second)."""

    difference: float
    p: float
    n: int
    label: str

    @property
    def significant(self) -> bool:
        return not math.isnan(self.p) and self.p < analysis.ALPHA


class Context:
    """Loaded measurements and the estimates computed from them (cached per quantity)."""

    def __init__(
        self,
        measurements: Mapping[int, Any],
        *,
        design: str = analysis.DEFAULT_DESIGN,
        min_n: int = analysis.MIN_N,
        registry: Mapping[str, Any] | None = None,
    ) -> None:
        self.measurements = dict(measurements)
        self.design = design
        self.min_n = int(min_n)
        self.registry = registry or {}
        self._frames: dict[int, pd.DataFrame] = {}
        self._cache: dict[tuple, Any] = {}

    def frame(self, year: int) -> pd.DataFrame:
        if year not in self.measurements:
            raise ClaimsError(f"measurement {year} is not loaded")
        if year not in self._frames:
            m = self.measurements[year]
            try:
                self._frames[year] = breakdowns.with_breakdowns(m)
            except (ValueError, KeyError):
                self._frames[year] = m.respondents
        return self._frames[year]

    def _memo(self, key: tuple, compute: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def values(
        self, q: Quantity, year: int, item: Any = None, school_year: str | None = None
    ) -> pd.Series:
        """``q.values`` on the year's frame; who answered a multiple-choice question is worked out
        once per question (the same rule as :func:`analysis.ticked_indicator`)."""
        frame = self.frame(year)
        if q.measure == "ticked" and q.params.get("base", "answered") == "answered":
            columns = tuple(q._question_columns(frame))

            def answered() -> pd.Series:
                boxes = frame[list(columns)].apply(pd.to_numeric, errors="coerce").fillna(0)
                return boxes.sum(axis=1) > 0

            mask = self._memo(("answered", year, columns), answered)
            column = q.column(item, school_year)
            if column not in frame.columns:
                raise ClaimsError(f"quantity '{q.name}': column '{column}' not in the data")
            ticked = pd.to_numeric(frame[column], errors="coerce").astype(float)
            return ticked.fillna(0.0).where(mask)
        return q.values(frame, item, school_year)

    def school_years(self, year: int) -> list[str]:
        from werkdruk_utils.inputs.codebook import load_codebook

        return list(load_codebook().school_years(year)["spending"])

    def estimates(
        self,
        q: Quantity,
        year: int,
        by: str | None = None,
        item: Any = None,
        school_year: str | None = None,
    ) -> pd.DataFrame:
        """Estimates per group (index) of ``by`` (``totaal`` without)."""

        def compute() -> pd.DataFrame:
            frame = self.frame(year)
            result = analysis.estimate(
                frame,
                self.values(q, year, item, school_year),
                statistic=q.statistic,
                variable=q.name,
                population=q.population,
                weighting_name=q.weighting,
                by=by,
                min_n=self.min_n,
                design=self.design,
            )
            return result.set_index("group")

        return self._memo(("est", q.name, year, by, item, school_year), compute)

    def year_test(
        self, q: Quantity, earlier: int, later: int, by: str | None, group: Any, item: Any = None
    ) -> Test:
        def compute() -> Test:
            key = group if by is not None else "totaal"
            rows = []
            for year in (earlier, later):
                est = self.estimates(q, year, by, item)
                if key not in est.index:
                    return Test(math.nan, math.nan, 0, f"{earlier}–{later}: groep ontbreekt")
                rows.append(est.loc[key])
            return _independent(rows[0], rows[1], f"{earlier}–{later}")

        return self._memo(("year", q.name, earlier, later, by, group, item), compute)

    def _domain_test(
        self, q: Quantity, year: int, values: pd.Series, by: str, pair: tuple, label: str
    ) -> Test:
        """``pair[0] - pair[1]`` of ``by`` in ``year``: domains of one design, the page's test
        (:func:`analysis.group_differences`)."""
        first, second = pair
        tests = analysis.group_differences(
            self.frame(year),
            values,
            by=by,
            reference=second,
            population=q.population,
            weighting_name=q.weighting,
            scale=100.0 if q.statistic == "percent" else 1.0,
            min_n=self.min_n,
            design=self.design,
        )
        hit = tests[tests["group"] == first]
        if hit.empty:
            return Test(math.nan, math.nan, 0, f"{label}: groep ontbreekt")
        t = hit.iloc[0]
        n = int(min(t["n"], t["n_reference"]))
        return Test(float(t["difference"]), float(t["p"]), n, label)

    def group_test(
        self, q: Quantity, year: int, by: str, first: Any, second: Any, item: Any = None
    ) -> Test:
        """``first - second`` within ``year`` (domains of one design)."""
        return self._memo(
            ("group", q.name, year, by, first, second, item),
            lambda: self._domain_test(
                q, year, self.values(q, year, item), by, (first, second), f"{first} – {second}"
            ),
        )

    def school_year_test(self, q: Quantity, earlier: int, later: int, item: Any) -> Test:
        """A Tabel 4.1 change: the latest school year of ``earlier`` against that of ``later``."""

        def compute() -> Test:
            rows = [
                self.estimates(q, year, None, item, self.school_years(year)[-1]).loc["totaal"]
                for year in (earlier, later)
            ]
            return _independent(rows[0], rows[1], f"{earlier}–{later}")

        return self._memo(("schoolyear", q.name, earlier, later, item), compute)

    def within_top_tests(self, q: Quantity, year: int, spec: Mapping[str, Any]) -> list[Test]:
        """§3.1: per group of ``within_by``, its ``k`` most named items compared between the groups
        of ``by`` within that group (the page's test)."""
        tests = []
        for within in spec["within"]:
            shares = {}
            for item in q.params["items"]:
                est = self.estimates(q, year, spec["within_by"], item)
                if within in est.index and not bool(est.loc[within, "suppressed"]):
                    shares[item] = float(est.loc[within, "estimate"])
            for item in sorted(shares, key=lambda it: -shares[it])[: int(spec["k"])]:
                for first, second in spec["pairs"]:
                    tests.append(self.within_test(q, year, spec, within, item, (first, second)))
        return tests

    def within_test(
        self,
        q: Quantity,
        year: int,
        spec: Mapping[str, Any],
        within: Any,
        item: Any,
        pair: tuple[Any, Any],
    ) -> Test:
        """``pair[0] - pair[1]`` of ``spec['by']`` among the respondents of ``within``."""

        def compute() -> Test:
            in_group = self.frame(year)[spec["within_by"]].eq(within).fillna(False).to_numpy()
            values = self.values(q, year, item).where(in_group)
            label = f"{within}, onderdeel {item}: {pair[0]} – {pair[1]}"
            return self._domain_test(q, year, values, spec["by"], pair, label)

        return self._memo(("within", q.name, year, within, item, *pair), compute)

    def distribution_test(
        self, q: Quantity, year: int, by: str, groups: Sequence[Any] | None = None
    ) -> Test:
        def compute() -> Test:
            frame = self.frame(year)
            column = q.params["column"]
            if groups is not None:
                frame = frame.assign(_group=frame[by].where(frame[by].isin(list(groups))))
                by_column = "_group"
            else:
                by_column = by
            result = analysis.distribution_test(
                frame,
                column,
                by=by_column,
                population=q.population,
                weighting_name=q.weighting,
                codes=q.params.get("codes"),
                design=self.design,
            )
            n = int(frame[column].notna().sum())
            label = f"Rao–Scott F = {_nl(result.statistic, '.2f')}"
            return Test(math.nan, float(result.p), n, label)

        return self._memo(("dist", q.name, year, by, tuple(groups or ())), compute)

    def regression(self, year: int, outcome: str):
        """The Bijlage 2 model of ``outcome`` in ``year`` (:func:`reproduce.b2_fit`)."""
        return self._memo(
            ("model", year, outcome),
            lambda: reproduce.b2_fit(self.frame(year), outcome, design=self.design),
        )


def _independent(reference: pd.Series, other: pd.Series, label: str) -> Test:
    """The page's test between measurement years: independent samples
    (:func:`werkdruk_utils.stats.analysis.year_differences`, one row)."""
    n = int(min(reference["n"], other["n"]))
    if bool(reference["suppressed"]) or bool(other["suppressed"]):
        return Test(math.nan, math.nan, n, f"{label}: onderdrukt (te weinig respondenten)")
    if any(math.isnan(float(r[c])) for r in (reference, other) for c in ("estimate", "se")):
        return Test(math.nan, math.nan, n, f"{label}: niet te toetsen")
    test = survey.svyttest_independent(
        survey.Estimate(
            *(float(reference[c]) for c in ("estimate", "se", "ci_low", "ci_high")),
            int(reference["n"]),
            int(reference["df"]),
        ),
        survey.Estimate(
            *(float(other[c]) for c in ("estimate", "se", "ci_low", "ci_high")),
            int(other["n"]),
            int(other["df"]),
        ),
    )
    return Test(test.difference, test.p, n, label)


# ----------------------------------------------------------------------------------------------
# judging


def _sign_word(value: float, kind: str) -> str:
    if value is None or math.isnan(value):
        return ""
    if value == 0:
        return "none"
    if kind in ("year_change", "stable"):
        return "increase" if value > 0 else "decrease"
    return "higher" if value > 0 else "lower"


def _expected_sign(direction: str) -> int:
    return {"increase": 1, "higher": 1, "decrease": -1, "lower": -1}.get(direction, 0)


@dataclass
class Outcome:
    status: str
    observed_direction: str = ""
    p: float = math.nan
    n: int = 0
    note: str = ""
    test: str = ""
    observed: str = ""
    population: str = ""


def judge_tests(tests: Sequence[Test], kind: str, direction: str, significant: str) -> Outcome:
    """Whether tests agree with a claim's direction and significance (see the module docstring)."""
    usable = [t for t in tests if not math.isnan(t.p)]
    if not usable:
        labels = "; ".join(t.label for t in tests) or "geen vergelijking"
        return Outcome("not_testable", note=f"niet te toetsen ({labels})")
    n = min(t.n for t in usable)
    signs = {_sign_word(t.difference, kind) for t in usable if not math.isnan(t.difference)}
    if signs:
        observed = signs.pop() if len(signs) == 1 else "mixed"
    else:
        observed = "mixed" if any(t.significant for t in usable) else "none"
    text = _tests_text(usable)
    wanted = _expected_sign(direction)
    if significant == "yes":
        if direction == "mixed" or wanted == 0:
            ok = any(t.significant for t in usable)
            p = min(t.p for t in usable)
        else:
            ok = all(t.significant and np.sign(t.difference) == wanted for t in usable)
            p = max(t.p for t in usable)
    elif significant == "no":
        ok = not any(t.significant for t in usable)
        p = min(t.p for t in usable)
    else:
        return Outcome("not_testable", observed, note="significantie niet vermeld")
    if not ok:
        reason = _failure_reason(usable, significant, wanted, direction)
        return Outcome("not_reproduced", observed, p, n, note=reason, observed=text)
    return Outcome("reproduced", observed, p, n, observed=text)


def _nl(value: float, spec: str) -> str:
    """A number formatted with ``spec`` and a decimal comma."""
    return format(value, spec).replace(".", ",")


def _tests_text(tests: Sequence[Test], limit: int = 4) -> str:
    """The comparisons in words; beyond ``limit`` only their number and the smallest p."""

    def one(t: Test) -> str:
        diff = "" if math.isnan(t.difference) else f"verschil {_nl(t.difference, '+.3g')}, "
        return f"{t.label}: {diff}p = {_nl(t.p, '.3f')}"

    if len(tests) <= limit:
        return "; ".join(one(t) for t in tests)
    smallest = min(tests, key=lambda t: t.p)
    significant = sum(t.significant for t in tests)
    return (
        f"{len(tests)} vergelijkingen, waarvan {significant} significant; "
        f"kleinste p: {one(smallest)}"
    )


def _failure_reason(tests: Sequence[Test], significant: str, wanted: int, direction: str) -> str:
    if significant == "no":
        hits = [t for t in tests if t.significant]
        return "rapport: geen significant verschil; data: significant (" + _tests_text(hits) + ")"
    if direction == "mixed" or wanted == 0:
        return "rapport: significant verschil; data: geen enkele vergelijking significant"
    parts = []
    for t in tests:
        if not t.significant:
            parts.append(f"{t.label} niet significant (p = {_nl(t.p, '.3f')})")
        elif np.sign(t.difference) != wanted:
            parts.append(f"{t.label} significant in de andere richting")
    return (
        "rapport: "
        + DIRECTION_WORDS.get(direction, direction)
        + ", significant; data: "
        + "; ".join(parts)
    )


# ----------------------------------------------------------------------------------------------
# checks


@dataclass
class Check:
    spec: Mapping[str, Any]
    quantity: Quantity | None

    @property
    def test(self) -> str:
        return str(self.spec["test"])


def _fmt(value: float, statistic: str) -> str:
    if value is None or math.isnan(value):
        return "–"
    text = f"{value:.1f}%" if statistic == "percent" else f"{value:.2f}"
    return text.replace(".", ",")


def _judged(ok: bool, direction: str, n: int, note: str, observed: str) -> Outcome:
    return Outcome(
        "reproduced" if ok else "not_reproduced",
        direction,
        n=n,
        note="" if ok else note,
        observed=observed,
    )


def _top(ctx: Context, check: Check, year: int, school_year: str | None) -> Outcome:
    """The named item(s) among the ``k`` highest of the quantity's items (ties count in their
    favour)."""
    spec, q = check.spec, check.quantity
    by, group, k = spec.get("by"), spec.get("group", "totaal"), int(spec["k"])
    values = {}
    for item in list(spec.get("items") or q.params["items"]):
        if q.column(item, school_year) not in ctx.frame(year).columns:
            continue
        est = ctx.estimates(q, year, by, item, school_year)
        if group in est.index and not bool(est.loc[group, "suppressed"]):
            values[item] = float(est.loc[group, "estimate"])
    named = list(spec["item"]) if isinstance(spec["item"], list) else [spec["item"]]
    if any(it not in values for it in named):
        return Outcome("not_testable", note="onderdeel niet gevraagd of onderdrukt")
    ranks = {
        it: 1 + sum(v > values[it] + 1e-9 for o, v in values.items() if o != it) for it in named
    }
    highest = sorted(values.items(), key=lambda kv: -kv[1])[: max(k, len(named)) + 1]
    observed = (
        "rang "
        + ", ".join(f"{it}: {r}" for it, r in ranks.items())
        + "; hoogste: "
        + ", ".join(f"{it} {_fmt(v, q.statistic)}" for it, v in highest)
    )
    n = int(ctx.estimates(q, year, by, named[0], school_year).loc[group, "n"])
    note = f"rapport: bij de {k} hoogste; data: rang " + ", ".join(map(str, ranks.values()))
    return _judged(all(r <= k for r in ranks.values()), "higher", n, note, observed)


def _extreme(ctx: Context, check: Check, year: int, school_year: str | None) -> Outcome:
    """``group`` the highest (or lowest) of the groups."""
    spec, q = check.spec, check.quantity
    group, highest = spec.get("group", "totaal"), check.test == "highest"
    est = ctx.estimates(q, year, spec.get("by"), spec.get("item"), school_year)
    est = est.loc[[g for g in (spec.get("among") or est.index) if g in est.index]]
    est = est[~est["suppressed"].astype(bool)]
    if group not in est.index or len(est) < 2:
        return Outcome("not_testable", note="te weinig groepen of onderdrukt")
    value = float(est.loc[group, "estimate"])
    others = est.drop(index=group)["estimate"].astype(float)
    observed = ", ".join(f"{g} {_fmt(float(v), q.statistic)}" for g, v in est["estimate"].items())
    word = "hoogst" if highest else "laagst"
    return _judged(
        value > others.max() if highest else value < others.min(),
        "higher" if highest else "lower",
        int(est.loc[group, "n"]),
        f"rapport: {group} het {word}; data: {observed}",
        observed,
    )


def _most_frequent(ctx: Context, check: Check, year: int, school_year: str | None) -> Outcome:
    """Answer ``code`` the most frequent of ``codes`` in ``group``."""
    spec, q = check.spec, check.quantity
    group = spec.get("group", "totaal")
    shares, n = {}, 0
    for code in spec["codes"]:
        answer = Quantity(
            f"{q.name}_{code}",
            "answer",
            q.population,
            q.weighting,
            {"column": q.params["column"], "counts": [code], "base": spec.get("base")},
        )
        est = ctx.estimates(answer, year, spec.get("by"))
        if group in est.index and not bool(est.loc[group, "suppressed"]):
            shares[code] = float(est.loc[group, "estimate"])
            n = int(est.loc[group, "n"])
    target = spec["code"]
    if target not in shares:
        return Outcome("not_testable", note="onderdrukt")
    observed = ", ".join(f"code {c}: {_fmt(v, 'percent')}" for c, v in shares.items())
    ok = all(shares[target] > v for c, v in shares.items() if c != target)
    return _judged(
        ok, "higher", n, f"rapport: code {target} het vaakst; data: {observed}", observed
    )


LEVELS: dict[str, tuple[str, str, Callable[[float, Mapping[str, Any]], bool]]] = {
    "above": ("higher", "meer dan {threshold}", lambda v, s: v > float(s["threshold"])),
    "at_least": ("higher", "ten minste {threshold}", lambda v, s: v >= float(s["threshold"])),
    "below": ("lower", "minder dan {threshold}", lambda v, s: v < float(s["threshold"])),
    "between": (
        "none",
        "tussen {low} en {high}",
        lambda v, s: float(s["low"]) <= v <= float(s["high"]),
    ),
}
"""Level tests: observed direction, the expectation in words, the condition on the printed value."""


def _threshold(ctx: Context, check: Check, year: int, school_year: str | None) -> Outcome:
    """The estimate, at its printed precision, against a threshold or a range."""
    spec, q = check.spec, check.quantity
    group = spec.get("group", "totaal")
    est = ctx.estimates(q, year, spec.get("by"), spec.get("item"), school_year)
    if group not in est.index or bool(est.loc[group, "suppressed"]):
        return Outcome("not_testable", note="onderdrukt of geen respondenten")
    value = float(est.loc[group, "estimate"])
    printed = round(value, 1 if q.statistic == "percent" else 2)
    direction, words, condition = LEVELS[check.test]
    observed = _fmt(value, q.statistic)
    expectation = words.format(
        **{k: _nl(float(spec[k]), "g") for k in ("threshold", "low", "high") if k in spec}
    )
    return _judged(
        condition(printed, spec),
        direction,
        int(est.loc[group, "n"]),
        f"rapport: {expectation}; data: {observed}",
        observed,
    )


LEVEL_TESTS: dict[str, Callable[[Context, Check, int, str | None], Outcome]] = {
    "top": _top,
    "highest": _extreme,
    "lowest": _extreme,
    "most_frequent": _most_frequent,
    **dict.fromkeys(LEVELS, _threshold),
}


def _level(ctx: Context, check: Check, year: int) -> Outcome:
    """A level or ranking claim in ``year`` (for Tabel 4.1: in each school year of the year)."""
    if check.quantity is None or check.test not in LEVEL_TESTS:
        raise ClaimsError(f"unknown level test '{check.test}'")
    templated = "{school_year}" in str(check.quantity.params.get("column", ""))
    school_years = ctx.school_years(year) if templated else [None]
    outcomes = [LEVEL_TESTS[check.test](ctx, check, year, sy) for sy in school_years]
    return _combine(outcomes, "; ".join(str(sy) for sy in school_years if sy))


def _combine(outcomes: list[Outcome], label: str) -> Outcome:
    if len(outcomes) == 1:
        return outcomes[0]
    tested = [o for o in outcomes if o.status != "not_testable"]
    if not tested:
        return outcomes[0]
    failed = [o for o in tested if o.status != "reproduced"]
    first = failed[0] if failed else tested[0]
    return Outcome(
        "not_reproduced" if failed else "reproduced",
        first.observed_direction,
        first.p,
        min(o.n for o in tested),
        "; ".join(o.note for o in failed if o.note),
        label,
        " | ".join(o.observed for o in tested),
    )


def _answer(q: Quantity, code: Any, base: Sequence[Any] | None) -> Quantity:
    """The share answering ``code`` (among ``base``) of ``q``'s single-choice question."""
    return Quantity(
        f"{q.name}[{code}|{base}]",
        "answer",
        q.population,
        q.weighting,
        {"column": q.params["column"], "counts": [code], "base": base},
    )


def _pairs_ending(claim: pd.Series, year: int) -> list[tuple[int, int]]:
    return [(a, b) for a, b in comparisons(claim["years"]) if b == year]


def _regression_tests(ctx: Context, spec: Mapping, q, claim: pd.Series, year: int) -> list[Test]:
    fit = ctx.regression(year, spec["outcome"])
    line = fit.table.loc[spec["term"]]
    label = shown_label(reproduce.term_labels().get(spec["term"], spec["term"]))  # as printed
    return [Test(float(line["B"]), float(line["p"]), int(fit.n), f"B {label}")]


def _year_tests(ctx: Context, spec: Mapping, q, claim: pd.Series, year: int) -> list[Test]:
    groups = spec.get("groups_each") or [spec.get("group")]
    return [
        ctx.year_test(q, a, b, spec.get("by"), group, spec.get("item"))
        for group in groups
        for a, b in _pairs_ending(claim, year)
    ]


def _school_year_tests(ctx: Context, spec: Mapping, q, claim: pd.Series, year: int) -> list[Test]:
    # Tabel 4.1: the latest school year of each measurement (2022-2023 is measurement 2023)
    return [ctx.school_year_test(q, a, b, spec.get("item")) for a, b in _pairs_ending(claim, year)]


def _group_tests(ctx: Context, spec: Mapping, q, claim: pd.Series, year: int) -> list[Test]:
    pairs = spec.get("pairs")
    if pairs == "all" or pairs is None:
        levels = list(spec.get("among") or [])
        pairs = [(a, b) for i, a in enumerate(levels) for b in levels[i + 1 :]]
    return [ctx.group_test(q, year, spec["by"], a, b, spec.get("item")) for a, b in pairs]


def _distribution_tests(ctx: Context, spec: Mapping, q, claim: pd.Series, year: int) -> list[Test]:
    return [ctx.distribution_test(q, year, spec["by"], spec.get("among"))]


def _distribution_year_tests(
    ctx: Context, spec: Mapping, q, claim: pd.Series, year: int
) -> list[Test]:
    """An unchanged distribution: every answer's change between the years (the cells the page
    marks), per group of ``among`` when ``by`` is given."""
    groups = spec.get("among") if spec.get("by") is not None else [None]
    return [
        ctx.year_test(_answer(q, code, q.params.get("codes")), a, b, spec.get("by"), group)
        for code in spec["codes"]
        for group in groups
        for a, b in _pairs_ending(claim, year)
    ]


def _within_top_tests(ctx: Context, spec: Mapping, q, claim: pd.Series, year: int) -> list[Test]:
    return ctx.within_top_tests(q, year, spec)


COMPARISONS: dict[str, Callable[..., list[Test]]] = {
    "regression": _regression_tests,
    "years": _year_tests,
    "years_latest_school_year": _school_year_tests,
    "groups": _group_tests,
    "groups_within_top": _within_top_tests,
    "distribution": _distribution_tests,
    "distribution_years": _distribution_year_tests,
}
"""Comparison tests by name: each returns the tests a claim makes in the run year."""
COMPARISON_TESTS = tuple(COMPARISONS)


def _comparison_tests(ctx: Context, check: Check, claim: pd.Series, year: int) -> list[Test]:
    if check.test not in COMPARISONS:
        raise ClaimsError(f"unknown test '{check.test}'")
    if check.quantity is None and check.test != "regression":
        raise ClaimsError(f"check of test '{check.test}' without a quantity")
    return COMPARISONS[check.test](ctx, check.spec, check.quantity, claim, year)


YEAR_TESTS = ("years", "years_latest_school_year", "distribution_years")


def _items_of(check: Check) -> Iterable[Any]:
    return check.spec.get("items_each") or [check.spec.get("item")]


DECLARED_POPULATIONS = {"all": "all", "school_leaders": "sl", "rest_of_team": "not_sl"}
DECLARED_WEIGHTINGS = {"function_x_sector": "cell", "sector": "sector", "none": "none"}
"""The page's declaration vocabulary (:mod:`werkdruk_utils.declare`) in the terms of
:mod:`werkdruk_utils.stats.analysis`."""


def _question(q: Quantity) -> str | None:
    if "scale" in q.params:
        return str(q.params["scale"])
    column = str(q.params.get("column", ""))
    return column.split("_")[0] if column else None


def as_declared(ctx: Context, check: Check, claim: pd.Series) -> tuple[Check, str]:
    """The check with the population and weighting the page declares for the claim's table or
    figure (``ctx.registry``, the notebook's ``chapter.items``), so that a declaration changed on
    purpose changes the claim's check too; and a note when it differs from the map."""
    q = check.quantity
    if q is None or not ctx.registry:
        return check, ""
    question = _question(q)
    for source in [part.strip() for part in claim["source_id"].split(";")[1:]]:
        item = ctx.registry.get(source)
        results = getattr(item, "result", None)
        for result in results if isinstance(results, (list, tuple)) else [results]:
            declaration = getattr(result, "declaration", None)
            measures = getattr(declaration, "measures", ())
            if not any(
                question in (getattr(m, "question", None), getattr(m, "scale", None))
                for m in measures
            ):
                continue
            populations = tuple(getattr(declaration, "populations", ()))
            population = (
                DECLARED_POPULATIONS.get(populations[0], q.population)
                if len(populations) == 1
                else q.population
            )
            weighting = DECLARED_WEIGHTINGS.get(getattr(declaration, "weighting", ""), q.weighting)
            if (population, weighting) == (q.population, q.weighting):
                return check, ""
            declared = Quantity(f"{q.name}@{source}", q.measure, population, weighting, q.params)
            note = f"volgens de declaratie van {source} op deze pagina ({declared.describe()})"
            return Check(check.spec, declared), note
    return check, ""


def evaluate_claim(ctx: Context, check: Check, claim: pd.Series, year: int) -> Outcome:
    """One claim in one run year (with the page's declaration, see :func:`as_declared`)."""
    check, declared = as_declared(ctx, check, claim)
    outcome = _evaluate_claim(ctx, check, claim, year)
    outcome.population = _population(check)
    if declared:
        outcome.note = f"{outcome.note}; {declared}" if outcome.note else declared
    return outcome


def _evaluate_claim(ctx: Context, check: Check, claim: pd.Series, year: int) -> Outcome:
    if check.test in COMPARISON_TESTS:
        outcomes = []
        for item in _items_of(check):
            spec = dict(check.spec)
            if item is not None:
                spec["item"] = item
            tests = _comparison_tests(ctx, Check(spec, check.quantity), claim, year)
            outcome = judge_tests(tests, claim["kind"], claim["direction"], claim["significant"])
            outcome.test = _test_label(check, year)
            outcomes.append(outcome)
        return _combine(outcomes, _test_label(check, year)) if len(outcomes) > 1 else outcomes[0]
    outcome = _level(ctx, check, year)
    outcome.test = outcome.test or _test_label(check, year)
    return outcome


def _test_label(check: Check, year: int) -> str:
    return {
        "years": "verschil tussen metingen (onafhankelijke steekproeven)",
        "years_latest_school_year": "verschil tussen schooljaren (onafhankelijke steekproeven)",
        "groups_within_top": "verschil tussen groepen per functiegroep (domeinen)",
        "groups": "verschil tussen groepen (domeinen van één steekproef)",
        "distribution": "Rao–Scott-toets van de verdeling",
        "distribution_years": "verschil per antwoord tussen metingen (onafhankelijke steekproeven)",
        "regression": f"regressiecoëfficiënt, Bijlage 2 ({MODEL_POPULATION})",
        "top": "rangorde",
        "highest": "hoogste van de groepen",
        "lowest": "laagste van de groepen",
        "most_frequent": "meest gegeven antwoord",
        "above": "niveau",
        "at_least": "niveau",
        "below": "niveau",
        "between": "niveau",
    }.get(check.test, check.test)


# ----------------------------------------------------------------------------------------------
# the map


@dataclass
class CompiledMap:
    checks: dict[str, Check]
    not_testable: dict[str, str]
    contradictions: dict[str, tuple[set[int] | None, str]]


def _compile_checks(mapping: Mapping[str, Any]) -> dict[str, Check]:
    qs = quantities(mapping)
    checks: dict[str, Check] = {}
    for spec in mapping["checks"]:
        q = None
        if "quantity" in spec:
            if spec["quantity"] not in qs:
                raise ClaimsError(
                    f"check {spec.get('claims')}: unknown quantity '{spec['quantity']}'"
                )
            q = qs[spec["quantity"]]
        elif spec["test"] != "regression":
            raise ClaimsError(f"check {spec.get('claims')}: no quantity")
        per_claim = spec["claims"]
        if not isinstance(per_claim, Mapping):
            per_claim = dict.fromkeys(per_claim)
        for claim_id, item in per_claim.items():
            if claim_id in checks:
                raise ClaimsError(f"claim {claim_id} has two checks")
            checks[claim_id] = Check(dict(spec, item=item) if item is not None else dict(spec), q)
    return checks


def compile_map(mapping: Mapping[str, Any], claims: pd.DataFrame) -> CompiledMap:
    """Checks per claim id; every claim is in exactly one of checks / not_testable."""
    checks = _compile_checks(mapping)
    not_testable: dict[str, str] = {}
    for entry in mapping["not_testable"]:
        for claim_id in entry["claims"]:
            if claim_id in checks or claim_id in not_testable:
                raise ClaimsError(f"claim {claim_id} is checked and not testable, or listed twice")
            not_testable[claim_id] = entry["reason"]
    contradictions = {
        claim_id: (set(entry["years"]) if "years" in entry else None, entry["reason"])
        for entry in mapping["contradictions"]
        for claim_id in entry["claims"]
    }
    unknown = (set(checks) | set(not_testable) | set(contradictions)) - set(claims.index)
    if unknown:
        raise ClaimsError(f"the map names claims that do not exist: {sorted(unknown)}")
    missing = set(claims.index) - set(checks) - set(not_testable)
    if missing:
        raise ClaimsError(f"claims without a check or a reason: {sorted(missing)}")
    return CompiledMap(checks, not_testable, contradictions)


def years_of(claim: pd.Series, check: Check | None) -> list[int]:
    """The run years in which a claim is tested (see the module docstring)."""
    if check is not None and check.test in YEAR_TESTS:
        return sorted({b for _, b in comparisons(claim["years"])})
    return claim_years(claim["years"])


# ----------------------------------------------------------------------------------------------
# public API


def evaluate(
    measurements: Mapping[int, Any],
    year: int | None = None,
    *,
    claims: pd.DataFrame | None = None,
    mapping: Mapping[str, Any] | None = None,
    sources: Sequence[str] | None = None,
    design: str = analysis.DEFAULT_DESIGN,
    min_n: int = analysis.MIN_N,
    context: Context | None = None,
    registry: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Every claim about measurement ``year`` (default: the latest loaded), checked on the data.

    ``measurements``: ``{year: Measurement}`` with every year the claims of ``year`` compare with
    (the run year and the earlier ones). ``sources``: only claims whose ``source_id`` starts with
    one of these places (e.g. ``["§2.2", "Bijlage 2"]``). ``registry``: in a notebook, the page's
    declared items (``chapter.items``): a claim about a declared table or figure then uses the
    population and weighting the page declares (:func:`as_declared`). Returns one row per claim
    with the columns of :data:`OUTPUT_COLUMNS`; claims not about ``year`` are left out, claims
    about it that cannot be tested are listed as ``not_testable`` with the reason.
    """
    claims = load_claims() if claims is None else claims
    mapping = load_map() if mapping is None else mapping
    compiled = compile_map(mapping, claims)
    year = max(measurements) if year is None else int(year)
    ctx = context or Context(measurements, design=design, min_n=min_n, registry=registry)
    rows = []
    for claim_id, claim in claims.iterrows():
        if sources is not None and not any(claim["source_id"].startswith(s) for s in sources):
            continue
        check = compiled.checks.get(claim_id)
        if check is None:
            reason = compiled.not_testable[claim_id]
            if year not in _claim_years_any(claim):
                continue
            rows.append(_row(claim, year, Outcome("not_testable", note=reason), None))
            continue
        if year not in years_of(claim, check):
            continue
        needed = _years_needed(claim, check, year)
        if any(y not in ctx.measurements for y in needed):
            outcome = Outcome(
                "not_testable",
                note="meting(en) "
                + ", ".join(str(y) for y in needed if y not in ctx.measurements)
                + " niet geladen",
            )
        else:
            try:
                outcome = evaluate_claim(ctx, check, claim, year)
            except (ValueError, KeyError, ZeroDivisionError, np.linalg.LinAlgError) as exc:
                outcome = Outcome("not_testable", note=f"niet te schatten: {exc}")
        if claim_id in compiled.contradictions and outcome.status == "not_reproduced":
            years, reason = compiled.contradictions[claim_id]
            if years is None or year in years:
                outcome.status = "report_contradiction"
                outcome.note = f"{reason} ({outcome.note})" if outcome.note else reason
        rows.append(_row(claim, year, outcome, check))
    frame = pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
    # the output rule (min_n): a comparison resting on fewer respondents shows no numbers
    small = (frame["n"] > 0) & (frame["n"] < ctx.min_n)
    frame["suppressed"] = small
    frame.loc[small, ["p", "observed_direction", "observed"]] = [math.nan, "", ""]
    frame["n"] = frame["n"].astype("Int64").mask(small)
    return frame.astype({"measurement_year": "int64"})


def _claim_years_any(claim: pd.Series) -> set[int]:
    years = set(claim_years(claim["years"]))
    years |= {b for _, b in comparisons(claim["years"])}
    if not years:
        # a claim entirely outside the monitor is listed in the last monitor year it concerns
        years = {MONITOR_YEARS[-1]}
    return years


def _years_needed(claim: pd.Series, check: Check, year: int) -> list[int]:
    if check.test in YEAR_TESTS:
        return sorted({y for pair in comparisons(claim["years"]) if pair[1] == year for y in pair})
    return [year]


def _population(check: Check | None) -> str:
    """Who is in the comparison, in words ('bao-respondenten met volledige gegevens')."""
    if check is None:
        return ""
    if check.test == "regression":
        return MODEL_POPULATION
    return check.quantity.describe() if check.quantity is not None else ""


def _row(claim: pd.Series, year: int, outcome: Outcome, check: Check | None) -> dict[str, Any]:
    population = outcome.population or _population(check)
    return {
        "claim_id": claim["claim_id"],
        "source_id": claim["source_id"],
        "kind": claim["kind"],
        "status": outcome.status,
        "observed_direction": outcome.observed_direction,
        "p": outcome.p,
        "n": int(outcome.n),
        "note": outcome.note,
        "measurement_year": int(year),
        "expected_direction": claim["direction"],
        "expected_significant": claim["significant"],
        "test": outcome.test,
        "population": population,
        "observed": outcome.observed,
        "suppressed": False,
    }


def evaluate_all(
    measurements: Mapping[int, Any],
    *,
    design: str = analysis.DEFAULT_DESIGN,
    min_n: int = analysis.MIN_N,
    **options: Any,
) -> pd.DataFrame:
    """:func:`evaluate` for every loaded year, sharing one :class:`Context` (each estimate is
    computed once for all years): the claims of every year, stacked (the synthetic data's
    calibration loop calls this). ``options``: ``claims=``, ``mapping=``, ``sources=`` of
    :func:`evaluate`."""
    ctx = Context(measurements, design=design, min_n=min_n)
    frames = [evaluate(measurements, year, context=ctx, **options) for year in sorted(measurements)]
    return pd.concat(frames, ignore_index=True)


def summarise(result: pd.DataFrame) -> dict[str, int]:
    """Counts of a result of :func:`evaluate`: testable (everything but not_testable) and per
    status."""
    counts = result["status"].value_counts()
    out = {status: int(counts.get(status, 0)) for status in STATUSES}
    out["testable"] = int(len(result) - out["not_testable"])
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m werkdruk_utils.check.claims --year 2024 [--data-dir DIR] [--out FILE]``.

    Loads the measurements up to each year, checks every claim about that year and prints the
    counts and the claims not reproduced. Exit code 0 (a report, not a test) unless ``--strict``
    and a claim is not reproduced.
    """
    import argparse

    from werkdruk_utils import measurements
    from werkdruk_utils.inputs.cache import load_measurement

    parser = argparse.ArgumentParser(
        prog="python -m werkdruk_utils.check.claims", description=main.__doc__
    )
    parser.add_argument("--year", type=int, nargs="+", default=list(measurements.years()))
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None, help="write all rows to this CSV")
    parser.add_argument("--design", choices=analysis.DESIGNS, default=analysis.DEFAULT_DESIGN)
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a claim is not reproduced"
    )
    args = parser.parse_args(argv)
    loaded: dict[int, Any] = {}
    frames = []
    failed = False
    for y in [y for y in measurements.years() if y <= max(args.year)]:
        loaded[y] = load_measurement(y, args.data_dir) if args.data_dir else load_measurement(y)
    ctx = Context(loaded, design=args.design)
    for year in sorted(args.year):
        result = evaluate(loaded, year, context=ctx)
        frames.append(result)
        counts = summarise(result)
        share = counts["reproduced"] / counts["testable"] if counts["testable"] else math.nan
        print(
            f"== {year}: {counts['reproduced']} of {counts['testable']} testable claims reproduced "
            f"({share:.1%}); {counts['report_contradiction']} report contradictions, "
            f"{counts['not_reproduced']} not reproduced, {counts['not_testable']} not testable"
        )
        bad = result[result["status"] == "not_reproduced"]
        failed |= not bad.empty
        if len(bad):
            with pd.option_context("display.max_colwidth", 120, "display.width", 250):
                print(bad[["claim_id", "source_id", "kind", "note"]].to_string(index=False))
    if args.out:
        pd.concat(frames, ignore_index=True).to_csv(args.out, index=False, lineterminator="\n")
    return 1 if (args.strict and failed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
