"""What every chapter notebook does around its analyses: load the measurements, show where the
results come from (parameters, data checksum, code version, synthetic or real), display tables
and figures in the house style and write them as data.

A notebook starts with::

    chapter = report.start("02_ervaren_werkdruk", year=year, data_dir=data_dir,
    output_dir=output_dir)

and then calls ``chapter.table(...)`` and ``chapter.figure(...)`` for every numbered table and
figure of the report.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from werkdruk_utils import measurements, paths
from werkdruk_utils.declare.estimates import Data, Result, estimate, evaluate
from werkdruk_utils.declare.layout import make_figure, make_table
from werkdruk_utils.declare.measures import Measure
from werkdruk_utils.declare.models import Model, ModelResult, fit, model_table
from werkdruk_utils.declare.registry import Registry
from werkdruk_utils.inputs.cache import load_measurement
from werkdruk_utils.inputs.load import Measurement
from werkdruk_utils.present.tables import ReportTable
from werkdruk_utils.provenance import code_version
from werkdruk_utils.stats import coverage

SYNTHETIC_BANNER = (
    "SYNTHETISCHE DATA — deze pagina is berekend op synthetische meetdata met de structuur van de "
    "echte enquête. Geen enkele rij is een echte respondent; de cijfers tonen dat de analyse de "
    "gepubliceerde cijfers reproduceert, niet wat de respondenten antwoordden."
)


def _display_html(markup: str) -> None:
    from IPython.display import HTML, display

    display(HTML(markup))


@dataclass
class Chapter:
    notebook: str
    year: int
    data_dir: Path
    output_dir: Path
    measurements: dict[int, Measurement]
    min_n: int = 10
    tables_written: list[Path] = field(default_factory=list)
    items: Registry = field(default_factory=Registry)
    _data: Data | None = field(default=None, repr=False)

    @property
    def data(self) -> Data:
        """The measurements as declared estimates see them (frames and results shared)."""
        if self._data is None or self._data.min_n != self.min_n:
            self._data = Data(self.measurements, self.year, self.min_n)
        return self._data

    @property
    def current(self) -> Measurement:
        return self.measurements[self.year]

    @property
    def years(self) -> list[int]:
        """The measurement years this run may use: its own and the earlier ones, as the report
        compares."""
        return sorted(self.measurements)

    @property
    def synthetic(self) -> bool:
        return any(m.synthetic for m in self.measurements.values())

    def header(self) -> str:
        rows = [
            ("Meting", str(self.year)),
            (
                "Vergeleken met",
                ", ".join(str(y) for y in self.years if y != self.year) or "geen eerdere meting",
            ),
            ("Data", f"<code>{html.escape(paths.display(self.data_dir) or '')}</code>"),
            ("Uitvoermap", f"<code>{html.escape(paths.display(self.output_dir) or '')}</code>"),
            ("Code-versie", f"<code>{html.escape(code_version())}</code>"),
        ]
        rows += [
            (f"SHA-256 invoer {y}", f"<code>{m.sha256}</code>")
            for y, m in sorted(self.measurements.items())
        ]
        body = "".join(
            f"<tr><th>{html.escape(k)}</th>"
            f"<td>{v if v.startswith('<code>') else html.escape(v)}</td></tr>"
            for k, v in rows
        )
        banner = (
            f'<div class="werkdruk-banner">{html.escape(SYNTHETIC_BANNER)}</div>'
            if self.synthetic
            else ""
        )
        return f'{banner}<table class="werkdruk-meta" data-base="meta">{body}</table>'

    # ------------------------------------------------------------------ declarations

    def estimate(self, *measures: Measure, cited_in: str | None = None, **declaration) -> Result:
        """Evaluate a declared estimate on this run's measurements (see
        :func:`werkdruk_utils.declare.estimates.estimate` for the keywords); computed once per
        declaration and year, so a table, its figure and its text share the numbers.

        ``cited_in``: the id of a text whose numbers this estimate gives ('Tekst H3.2'); the
        result is registered under it, for the self-check and the claims.
        """
        result = evaluate(self.data, estimate(*measures, **declaration))
        if cited_in is not None:
            item = self.items.item(cited_in)
            item.result = [*(item.result or []), result]
        return result

    def model(self, outcome: str, **declaration) -> ModelResult:
        """Fit a declared regression of ``outcome`` in the run's measurement year (see
        :class:`werkdruk_utils.declare.models.Model`)."""
        model = Model(outcome, **declaration)
        return self.data.stored(("model", model), self.year, lambda: fit(self.data, model))

    def table(
        self,
        table: ReportTable | str,
        result: Result | pd.DataFrame | None = None,
        write: bool = True,
        **layout,
    ) -> ReportTable:
        """Show a report table and (unless ``write`` is false) write its data to
        ``<output_dir>/tables/<id>.csv``.

        ``table`` is a finished :class:`ReportTable` (of a named helper), or the report id of a
        table to make from ``result`` with the keywords of
        :func:`werkdruk_utils.declare.layout.make_table` (title, rows, columns, order, notes).
        Either way the table is registered under its id in :attr:`items`.
        """
        if isinstance(table, str) and isinstance(result, ModelResult):
            table = model_table(result, table_id=table, **layout)
        elif isinstance(table, str):
            table = make_table(
                result, table_id=table, run_year=self.year, min_n=self.min_n, **layout
            )
        item = self.items.item(table.table_id)
        item.table = table
        if result is not None:
            item.result = result
        elif item.result is None:
            item.result = table.data
        if write:
            item.csv = table.write_csv(self.output_dir / "tables")
            self.tables_written.append(item.csv)
        _display_html(table.to_html())
        return table

    def self_check(self, sources) -> ReportTable:
        """The notebook's last section, in three counts (:mod:`werkdruk_utils.check.selfcheck`):
        every number of ``sources`` the report prints for this year compared with the page's own
        (``reproduction/<notebook>.csv``), at the printed precision, and the report's claims of
        this chapter checked with the page's tests and declarations (``claims/<notebook>.csv``);
        green only when all three hold. Then the page's number of tests (beyond the report) and
        every comparison."""
        from werkdruk_utils.check import claims, selfcheck
        from werkdruk_utils.present.presentation import self_check, self_check_summary
        from werkdruk_utils.stats import multiplicity

        table = self_check(
            self.current,
            sources,
            self.output_dir,
            self.notebook,
            self.items,
            self.data,
            min_n=self.min_n,
        )
        places = selfcheck.CLAIM_PLACES.get(self.notebook, ())
        declared = tuple(
            (item_id, repr(getattr(result, "declaration", None)))
            for item_id, item in self.items.items()
            for result in (item.result if isinstance(item.result, list) else [item.result])
        )
        rows = (
            self.data.stored(
                ("claims", places, declared),
                None,
                lambda: claims.evaluate(
                    self.measurements,
                    self.year,
                    sources=places,
                    min_n=self.min_n,
                    registry=self.items,
                ),
            )
            if places
            else pd.DataFrame(columns=claims.OUTPUT_COLUMNS)
        )
        selfcheck.write_claims_csv(rows, self.output_dir, self.notebook)
        summary = selfcheck.summarise(table.data, rows, self.year)
        tidies = [item.table.data for item in self.items.values() if item.table is not None]
        beyond = multiplicity.comparisons_summary(tidies).sentence()
        _display_html(self_check_summary(summary, beyond))
        return self.table(table, write=False)

    def figure(self, fig, result: Result | pd.DataFrame | None = None, **layout) -> None:
        """Show a figure inline as SVG with its caption, title and description (text stays text,
        so year-to-year diffs show changed numbers); see
        :func:`werkdruk_utils.present.figures.figure_html`.

        ``fig`` is a finished figure (of a named helper), or the report id of a figure to draw
        from ``result`` with the keywords of :func:`werkdruk_utils.declare.layout.make_figure`;
        the figure is registered under its id in :attr:`items`.
        """
        from werkdruk_utils.present.figures import figure_html

        if not isinstance(fig, str):
            _display_html(figure_html(fig))
            return
        item = self.items.item(fig)
        item.result, item.figure = result, True
        layout = {k: (v(result) if callable(v) else v) for k, v in layout.items()}
        frame = result.frame if isinstance(result, Result) else result
        content = hashlib.sha256(pd.util.hash_pandas_object(frame).to_numpy().tobytes())
        key = ("figure", fig, repr(sorted(layout.items())), content.hexdigest())
        markup = self.data.stored(
            key, None, lambda: figure_html(make_figure(result, run_year=self.year, **layout))
        )
        _display_html(markup)

    def footer(self) -> None:
        if self.synthetic:
            _display_html(f'<div class="werkdruk-banner">{html.escape(SYNTHETIC_BANNER)}</div>')


def memoized(chapter, key: tuple, compute, shared: bool = False):
    """``compute()`` once per chapter object and ``key`` (a result the notebook uses several times,
    e.g. for a figure, its table and its text); every call gets its own copy of a frame.

    With ``shared`` the result is also kept in the disk cache (:mod:`werkdruk_utils.inputs.cache`),
    keyed
    by ``key``, ``min_n``, the SHA-256 of every measurement's input files and the code version, so
    that another chapter notebook of the same data (chapter 6 repeats chapter 4's Tabel 4.1) reuses
    it.
    """
    store = getattr(chapter, "__dict__", None)
    if store is None:
        return compute()
    measurements = getattr(chapter, "measurements", {})
    full_key = (
        key,
        getattr(chapter, "min_n", None),
        tuple((y, id(getattr(m, "respondents", m))) for y, m in sorted(measurements.items())),
    )
    memo = store.setdefault("_memo", {})
    if full_key not in memo:
        digests = [getattr(m, "sha256", None) for m in measurements.values()]
        if shared and measurements and all(isinstance(d, str) for d in digests):
            import hashlib

            from werkdruk_utils.inputs import cache

            text = repr(
                (
                    key,
                    getattr(chapter, "min_n", None),
                    sorted((y, m.sha256) for y, m in measurements.items()),
                )
            )
            digest = hashlib.sha256(f"{text}\0{cache.code_fingerprint()}".encode()).hexdigest()
            memo[full_key] = cache.memoize("result", digest, compute)
        else:
            memo[full_key] = compute()
    value = memo[full_key]
    return value.copy() if isinstance(value, pd.DataFrame) else value


def start(
    notebook: str,
    year: int,
    data_dir: str | Path | None = None,
    output_dir: str | Path | None = None,
    years: tuple[int, ...] | None = None,
    min_n: int = 10,
    show_header: bool = True,
) -> Chapter:
    """Load measurement ``year`` and the earlier measurements of the codebook that the data folder
    holds, show the header.

    Without ``output_dir`` (a notebook run by hand, in JupyterLab) the tables' CSVs go to
    ``build/lab/<year>``: only the build writes ``outputs/``, so an experiment never leaves a CSV
    there that its page does not show."""
    from werkdruk_utils.present.figures import setup_style

    setup_style()
    year = measurements.check(year)
    data_dir = paths.resolve(data_dir) if data_dir else paths.SYNTHETIC_DIR
    output_dir = paths.resolve(output_dir) if output_dir else paths.LAB_DIR / str(year)
    candidates = measurements.years() if years is None else years
    available = [y for y in candidates if y <= year and (data_dir / str(y)).is_dir()]
    if year not in available:
        raise FileNotFoundError(
            f"no data for measurement {year} in {data_dir} (expected a folder "
            f"{data_dir / str(year)})"
        )
    loaded = {y: load_measurement(y, data_dir) for y in available}
    chapter = Chapter(notebook, year, data_dir, output_dir, loaded, min_n=int(min_n))
    if show_header:
        _display_html(chapter.header())
    for _, m in sorted(loaded.items()):
        show_warning(coverage.warning(m.respondents))
    return chapter


WARNING_KEY = "werkdruk_warning"
"""Output metadata key of a warning (an empty weighting cell): the build prints it in its log."""


def show_warning(text: str | None) -> None:
    """Show a warning on the page, marked so that the build prints it in its log too."""
    if not text:
        return
    from IPython.display import HTML, display

    markup = (
        f'<div class="werkdruk-warning" data-base="population"><strong>Let op:</strong> '
        f"{html.escape(text)}</div>"
    )
    display(HTML(markup), metadata={WARNING_KEY: text})


def frame_of(chapter: Chapter) -> pd.DataFrame:
    """All respondents of the loaded measurements in one frame (column ``year`` tells them
    apart)."""
    return pd.concat(
        [m.respondents for _, m in sorted(chapter.measurements.items())], ignore_index=True
    )
