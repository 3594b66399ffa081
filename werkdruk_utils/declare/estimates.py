"""Estimates as declarations, and their results.

An :class:`Estimate` says what is estimated (one or more measures, :mod:`.measures`), for whom
(``population``), grouped how (``by``), weighted how (``weighting``) and over which measurement
years (``years``). Evaluating it (:func:`evaluate`) runs
:func:`werkdruk_utils.stats.analysis.estimate` once per year x population x measure row and
stacks the tidy results in that order. A :class:`Result` keeps the declaration next to its
numbers and gives the tests the report's rule needs, always the same ones the page uses: changes
between measurement years (independent samples), differences between groups within a year
(domains of one design) and the Rao-Scott test of a distribution against the groups.

Vocabulary of the keyword values (English identifiers; the Dutch wording is in the notes):

* ``population``: ``"all"`` (alle respondenten), ``"school_leaders"`` (schoolleiders, who answer
  the questions about the school), ``"rest_of_team"`` (de rest van het team), or a tuple of
  these (each a group of its own, as Figuur 3.2).
* ``by``: ``None``, ``"sector"`` (onderwijstype bao/go), ``"function"`` (functiegroep),
  ``"municipality"`` (gemeentecategorie G4/G40/overig), ``"achterstand"`` (achterstandsscore
  categorie, tertiles of the bao schools, :mod:`werkdruk_utils.stats.breakdowns`).
* ``weighting``: ``"function_x_sector"`` (Tabel B1.8), ``"sector"`` (Tabel 4.1, schoolleiders
  only) or ``"none"``.
* ``years``: ``"all"`` (the run's measurement and every earlier one) or ``"run"``.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from werkdruk_utils import paths
from werkdruk_utils.declare.measures import Answers, Context, DeclarationError, Measure, Row
from werkdruk_utils.inputs.codebook import ANALYSIS_GROUPS, load_codebook
from werkdruk_utils.stats import analysis, breakdowns

POPULATIONS: dict[str, tuple[str, str]] = {
    "all": ("all", "Alle respondenten"),
    "school_leaders": ("sl", "Schoolleiders"),
    "rest_of_team": ("not_sl", "Rest van het team"),
}
"""Population -> (population of :mod:`werkdruk_utils.stats.analysis`, Dutch label)."""

WEIGHTINGS: dict[str, tuple[str, str]] = {
    "function_x_sector": ("cell", "gewogen naar functie en sector"),
    "sector": ("sector", "gewogen naar sector"),
    "none": ("none", "ongewogen"),
}
"""Weighting -> (weighting of :mod:`werkdruk_utils.stats.analysis`, Dutch description)."""

GROUPINGS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "sector": ("sector", ("bao", "go"), "onderwijstype"),
    "function": ("analysis_group", tuple(ANALYSIS_GROUPS), "functiegroep"),
    "municipality": ("municipality_category", ("G4", "G40", "overig"), "gemeentecategorie"),
    "achterstand": (breakdowns.COLUMN, tuple(breakdowns.LEVELS), "achterstandsscore categorie"),
}
"""Grouping -> (column of the respondent frame, levels in report order, Dutch name)."""

YEARS = ("all", "run")
STORED_ENTRIES = 5000
"""Declared results kept on disk (the most recent; older code or data versions go first)."""


def _choice(value: str, options: dict | tuple, what: str) -> str:
    if value not in options:
        raise DeclarationError(f"unknown {what} {value!r}; expected one of {list(options)}")
    return value


@dataclass(frozen=True)
class Estimate:
    """A declared estimate (see the module docstring for the keyword values)."""

    measures: tuple[Measure, ...]
    population: str | tuple[str, ...] = "all"
    by: str | None = None
    weighting: str = "function_x_sector"
    years: str = "all"
    levels: tuple[str, ...] | None = None
    order: str = "year"

    def __post_init__(self) -> None:
        if not self.measures:
            raise DeclarationError("an estimate needs at least one measure")
        for population in self.populations:
            _choice(population, POPULATIONS, "population")
        _choice(self.weighting, WEIGHTINGS, "weighting")
        _choice(self.years, YEARS, "years")
        _choice(self.order, ("year", "measure"), "order")
        if self.by is not None:
            _choice(self.by, GROUPINGS, "grouping (by)")
        if self.weighting == "sector" and self.populations != ("school_leaders",):
            raise DeclarationError("weighting 'sector' is defined for the school leaders only")

    @property
    def populations(self) -> tuple[str, ...]:
        return (self.population,) if isinstance(self.population, str) else tuple(self.population)

    @property
    def column(self) -> str | None:
        return None if self.by is None else GROUPINGS[self.by][0]

    @property
    def group_levels(self) -> list[str] | None:
        if self.by is None:
            return None
        return list(self.levels) if self.levels is not None else list(GROUPINGS[self.by][1])

    def description(self) -> str:
        """The declaration in Dutch words (for notes and the self-check)."""
        who = " en ".join(POPULATIONS[p][1].lower() for p in self.populations)
        parts = [
            ", ".join(m.description for m in self.measures),
            who,
            WEIGHTINGS[self.weighting][1],
        ]
        if self.by is not None:
            parts.append(f"naar {GROUPINGS[self.by][2]}")
        return "; ".join(parts)


def estimate(
    *measures: Measure,
    population: str | tuple[str, ...] = "all",
    by: str | None = None,
    weighting: str = "function_x_sector",
    years: str = "all",
    levels: Sequence[str] | None = None,
    order: str = "year",
) -> Estimate:
    """Declare an estimate: ``estimate(Answers("v9"), population="school_leaders", by="sector",
    weighting="none")``. ``order``: the rows by year, then measure (``"year"``), or every year
    of one measure before the next measure (``"measure"``)."""
    return Estimate(
        tuple(measures),
        population if isinstance(population, str) else tuple(population),
        by,
        weighting,
        years,
        None if levels is None else tuple(levels),
        order,
    )


class Data:
    """The measurement years an estimate is evaluated on (a chapter's ``measurements``).

    The respondent frame of a year is shared between estimates (so is the survey design computed
    on it); the achterstandsscore categories are added only when a grouping needs them.
    """

    def __init__(self, measurements: dict, run_year: int, min_n: int) -> None:
        self.measurements = measurements
        self.run_year = int(run_year)
        self.min_n = int(min_n)
        self._frames: dict[tuple[int, bool], pd.DataFrame] = {}
        self._results: dict[tuple, pd.DataFrame] = {}

    @property
    def years(self) -> list[int]:
        return sorted(self.measurements)

    def frame(self, year: int, with_breakdowns: bool = False) -> pd.DataFrame:
        key = (int(year), bool(with_breakdowns))
        if key not in self._frames:
            m = self.measurements[year]
            self._frames[key] = breakdowns.with_breakdowns(m) if with_breakdowns else m.respondents
        return self._frames[key]

    def context(self, year: int, frame: pd.DataFrame) -> Context:
        return Context(load_codebook(), int(year), self.run_year, frozenset(frame.columns))

    def years_of(self, declaration: Estimate) -> list[int]:
        return [self.run_year] if declaration.years == "run" else self.years

    def memo(self, key: object, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per ``key`` for these data (a model, a test the text repeats)."""
        if key not in self._results:
            self._results[key] = compute()
        return self._results[key]

    def fingerprint(self) -> str | None:
        """What besides a declaration and a year's data its results depend on: the package's code,
        the codebook, the population files and the published numbers with their mapping (None:
        results are not stored on disk)."""
        if "fingerprint" not in self._results:
            from werkdruk_utils.inputs import cache

            digest = hashlib.sha256(cache.code_fingerprint().encode())
            references = ("published_values.csv", "published_map.yaml", "trend_history.csv")
            files = [*sorted(paths.POPULATION_DIR.glob("*.csv"))]
            files += [paths.REFERENCE_DIR / name for name in references]
            for path in files:
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
            self._results["fingerprint"] = digest.hexdigest() if cache.cache_dir() else None
        return self._results["fingerprint"]

    def stored(self, key: tuple, year: int | None, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per ``key`` for these data, kept on disk (``build/cache/declared``,
        :mod:`werkdruk_utils.inputs.cache`) under the key, the SHA-256 of the input files of
        ``year`` (of every year when None) and :meth:`fingerprint`, so that a fresh kernel reuses
        what an earlier run of the same code on the same data computed."""
        if key in self._results:
            return self._results[key]
        shas = [
            getattr(self.measurements[y], "sha256", None) for y in ([year] if year else self.years)
        ]
        fingerprint = self.fingerprint()
        if fingerprint is None or not all(isinstance(s, str) for s in shas):
            self._results[key] = compute()
            return self._results[key]
        from werkdruk_utils.inputs import cache

        text = repr((key, shas, self.run_year, self.min_n, fingerprint))
        digest = hashlib.sha256(text.encode()).hexdigest()
        self._results[key] = cache.memoize("declared", digest, compute, keep=STORED_ENTRIES)
        return self._results[key]

    def year_results(self, declaration: Estimate, year: int) -> pd.DataFrame:
        """The tidy results of ``declaration`` for one year (computed once per data)."""
        key = (_without_years(declaration), int(year), self.min_n)
        return self.stored(key, year, lambda: _evaluate_year(self, declaration, int(year))).copy()


def _without_years(declaration: Estimate) -> Estimate:
    return replace(declaration, years="all", order="year")


def _evaluate_year(data: Data, declaration: Estimate, year: int) -> pd.DataFrame:
    frame = data.frame(year, declaration.by == "achterstand")
    ctx = data.context(year, frame)
    several = len(declaration.populations) > 1
    frames = []
    for population in declaration.populations:
        code, label = POPULATIONS[population]
        for measure in declaration.measures:
            shown_as = getattr(measure, "shown_as", None)
            for row in measure.rows(ctx):
                result = analysis.estimate(
                    frame,
                    row.values,
                    statistic=row.statistic,
                    variable=row.variable,
                    category=row.category,
                    population=code,
                    weighting_name=WEIGHTINGS[declaration.weighting][0],
                    by=declaration.column,
                    levels=declaration.group_levels,
                    min_n=data.min_n,
                )
                if several:
                    result = result.assign(group=label, group_var="functie")
                result = result.assign(**dict(row.extra))
                if shown_as is not None and shown_as != row.statistic:
                    result["statistic"] = shown_as
                frames.append(result)
    return pd.concat(frames, ignore_index=True)


def rows_of(data: Data, declaration: Estimate, year: int) -> list[tuple[str, Row]]:
    """(population, row) of every measure row of ``declaration`` in ``year``."""
    frame = data.frame(year, declaration.by == "achterstand")
    ctx = data.context(year, frame)
    return [
        (population, row)
        for population in declaration.populations
        for measure in declaration.measures
        for row in measure.rows(ctx)
    ]


@dataclass
class Result:
    """The numbers of a declared estimate and the tests the page uses on them.

    ``frame``: tidy results (:data:`werkdruk_utils.stats.analysis.RESULT_COLUMNS` plus the
    measures' identifying columns), one row per year x population x measure row x group.
    """

    declaration: Estimate
    frame: pd.DataFrame
    data: Data = field(repr=False)

    @property
    def run_year(self) -> int:
        return self.data.run_year

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.frame["year"].unique())

    def current(self) -> pd.DataFrame:
        """The rows of the run's measurement year."""
        return self.frame[self.frame["year"] == self.run_year].copy()

    def year_tests(self, year: int | None = None) -> pd.DataFrame:
        """Changes of ``year`` (default the run year) against every earlier year: independent
        samples, :func:`werkdruk_utils.stats.analysis.year_differences`."""
        return analysis.year_differences(self.frame, self.run_year if year is None else year)

    def _values(self, year: int, category: str | None) -> tuple[pd.DataFrame, Callable, str, str]:
        declaration = self.declaration
        rows = rows_of(self.data, declaration, year)
        if category is not None:
            rows = [(p, r) for p, r in rows if r.category == category]
        if len(rows) != 1:
            raise DeclarationError(
                f"{len(rows)} rows of the estimate match category {category!r}; name one of "
                f"{[r.category for _, r in rows_of(self.data, declaration, year)]}"
            )
        population, row = rows[0]
        frame = self.data.frame(year, declaration.by == "achterstand")
        return frame, row.values, POPULATIONS[population][0], row.statistic

    def group_tests(
        self,
        reference: str,
        *,
        category: str | None = None,
        year: int | None = None,
        by: str | None = None,
        within: tuple[str, str] | None = None,
    ) -> pd.DataFrame:
        """Every group against ``reference`` within one year (domains of one design,
        :func:`werkdruk_utils.stats.analysis.group_differences`), for the row ``category``.

        ``by`` compares the groups of another grouping than the declared one; ``within``
        (grouping, level) restricts the comparison to one group of a grouping (e.g. the sectors
        among the leraren: ``by="sector", within=("function", "leraar")``).
        """
        by = by or self.declaration.by
        if by is None:
            raise DeclarationError("group tests need a grouping (by=...)")
        year = self.run_year if year is None else year
        frame, values, population, statistic = self._values(year, category)
        if within is not None:
            column, level = GROUPINGS[within[0]][0], within[1]
            in_group = (frame[column] == level).fillna(False).to_numpy()
            values = values(frame).where(in_group)
        return analysis.group_differences(
            frame,
            values,
            by=GROUPINGS[by][0],
            reference=reference,
            population=population,
            weighting_name=WEIGHTINGS[self.declaration.weighting][0],
            scale=100.0 if statistic == "percent" else 1.0,
            min_n=self.data.min_n,
        )

    def pairwise_tests(
        self, *, category: str | None = None, year: int | None = None
    ) -> pd.DataFrame:
        """Every pair of groups (in the grouping's order) within one year: columns first,
        second, difference (second - first), se, df, p, significant."""
        levels = self.declaration.group_levels or []
        rows = []
        for i, first in enumerate(levels[:-1]):
            tests = self.group_tests(first, category=category, year=year)
            for second in levels[i + 1 :]:
                hit = tests[tests["group"] == second]
                if hit.empty:
                    continue
                t = hit.iloc[0]
                rows.append(
                    {
                        "first": first,
                        "second": second,
                        "difference": t["difference"],
                        "se": t["se"],
                        "df": t["df"],
                        "p": t["p"],
                        "significant": bool(t["significant"]),
                    }
                )
        columns = ["first", "second", "difference", "se", "df", "p", "significant"]
        return pd.DataFrame(rows, columns=columns)

    def distribution_test(self, *, category: str | None = None, year: int | None = None) -> Any:
        """Rao-Scott test of the row ``category`` (a 0/1 indicator), or of an ``Answers``
        estimate's whole distribution (``category`` None), against the grouping in one year
        (:func:`werkdruk_utils.stats.analysis.distribution_test`)."""
        if self.declaration.by is None:
            raise DeclarationError("a distribution test needs an estimate with a grouping")
        year = self.run_year if year is None else year
        measure = self.declaration.measures[0]
        whole = isinstance(measure, Answers) and len(self.declaration.measures) == 1
        if category is None and whole:  # the whole distribution of the answers in the base
            frame = self.data.frame(year, self.declaration.by == "achterstand")
            codes, base = measure.codes(load_codebook())
            answers = pd.to_numeric(frame[measure.question], errors="coerce").astype(float)
            values = answers.where(answers.isin(base if base is not None else codes))
            population = POPULATIONS[self.declaration.populations[0]][0]
        else:
            frame, indicator, population, _ = self._values(year, category)
            values = indicator(frame)
        return analysis.distribution_test(
            frame.assign(_declared_values=values.to_numpy()),
            "_declared_values",
            by=self.declaration.column,
            population=population,
            weighting_name=WEIGHTINGS[self.declaration.weighting][0],
        )


def evaluate(data: Data, declaration: Estimate) -> Result:
    """The results of ``declaration`` on ``data`` (every year it asks for, in year order)."""
    if declaration.order == "measure":
        parts = [replace(declaration, measures=(m,), order="year") for m in declaration.measures]
        frames = [evaluate(data, part).frame for part in parts]
    else:
        frames = [data.year_results(declaration, year) for year in data.years_of(declaration)]
    return Result(declaration, pd.concat(frames, ignore_index=True), data)


def combine(*results: Result) -> pd.DataFrame:
    """The frames of several results stacked in the order given (a table of several estimates)."""
    return pd.concat([r.frame for r in results], ignore_index=True)


def is_nan(value: object) -> bool:
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True
