"""Sentences generated from results, in the report's register.

The report's rule: a difference is called a difference (hoger, lager, gestegen, gedaald) only
when it is significant (p < 0,05); otherwise the text says the values are comparable
('vergelijkbaar met'). The sentence says what changed, in which direction and that it is
significant; the test itself (difference, p, n) goes into a compact fold after the paragraph, so
that running text carries no p-values. Every number in a sentence comes from the results passed
in and is formatted exactly as the table beside it shows it (percentages with one decimal, means
with two), so a reader can find it there.

Use :func:`change_finding` for one subject and :func:`paragraph` to join findings into one
paragraph with one fold; :func:`change_sentence` does both for a single subject.

Every number carries its base (:mod:`werkdruk_utils.present.bases`): sentences and fold lines are
Markdown with inline HTML, each number in a ``<span data-n="…">`` (an estimate: its n; a difference
or p-value: the smaller n of the two compared); ``bases.plain`` gives the text a reader sees.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from werkdruk_utils.present.bases import Annotated, below_min_n, n_span
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
from werkdruk_utils.stats import analysis
from werkdruk_utils.stats.suppression import apply_complementary_suppression

UNITS = {"percent": "procentpunt", "mean": "schaalpunt"}
FOLD_TITLE = "Toetsen en aantallen"


def fmt_value(value: float, statistic: str) -> str:
    """As the tables show it: 45,2% or 2,61."""
    return f"{fmt_number(value, 1)}%" if statistic == "percent" else fmt_number(value, 2)


def fmt_p(p: float) -> str:
    return "p < 0,001" if p < 0.001 else f"p = {fmt_number(p, 3)}"


def _is_nan(value) -> bool:
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


@dataclass
class Finding:
    """One generated sentence and the tests behind it (for the fold)."""

    text: str
    tests: list[str] = field(default_factory=list)


def paragraph(findings: Sequence[Finding], title: str = FOLD_TITLE) -> str:
    """The sentences as one paragraph, followed on the same line by one fold with every test and
    base behind them (inline HTML, so that it also works as one item of a Markdown list; nothing
    when there are no tests)."""
    text = " ".join(f.text for f in findings if f.text)
    tests = [t for f in findings for t in f.tests]
    return text + (" " + stat_fold(tests, title) if tests else "")


def stat_fold(lines: Sequence[str], title: str = FOLD_TITLE) -> str:
    """A closed fold with one line per test: the numbers behind the sentences above it."""
    items = "".join(
        f"<li>{line if isinstance(line, Annotated) else html.escape(line)}</li>" for line in lines
    )
    return (
        f'<details class="stat-fold"><summary>{html.escape(title)}</summary>'
        f"<ul>{items}</ul></details>"
    )


def change_finding(
    results: pd.DataFrame,
    year: int,
    *,
    subject: str,
    category: str | None = None,
    group: str | None = None,
    earlier_values: bool = True,
) -> Finding:
    """'{subject} is gestegen van 40,1% in 2023 naar 45,2% in 2024.' (significant, one earlier
    year); '{subject} is in 2024 45,2%, vergelijkbaar met 2022 (44,0%) en 2023 (43,8%).' (not
    significant); mixed: '…: hoger dan in 2022 (40,0%) en vergelijkbaar met 2023 (44,8%).'

    ``earlier_values=False`` is for a sentence beside a table that shows the run year only: the
    sentence names the earlier years without their values ('45,2%, vergelijkbaar met 2022 en
    2023'; '45,2%: hoger dan in 2023') and each fold line gives the earlier value.

    Suppressed cells give a sentence saying the figure is not shown, without its n (the base of a
    hidden cell is hidden too); a suppressed earlier year is named without its value.
    """
    rows = apply_complementary_suppression(results)  # the same cells as the tables hide
    if category is not None:
        rows = rows[rows["category"] == category]
    if group is not None:
        rows = rows[rows["group"] == group]
    current = rows[rows["year"] == year]
    if current.empty:
        return Finding(f"{subject}: geen gegevens voor {year}.")
    now = current.iloc[0]
    if bool(now["suppressed"]) or _is_nan(now["estimate"]):
        return Finding(f"{subject}: in {year} te weinig respondenten om een cijfer te tonen.")
    statistic = now["statistic"]
    base_now = int(now["n"])
    shown = n_span(fmt_value(now["estimate"], statistic), base_now)
    n_now = n_span(fmt_number(base_now, 0), base_now)
    tests = analysis.year_differences(rows, year).sort_values("reference_year")
    phrases, notes = [], []
    significant_single = None
    for t in tests.itertuples(index=False):
        ref_rows = rows[rows["year"] == t.reference_year]
        base_ref = int(ref_rows["n"].iloc[0]) if len(ref_rows) else 0
        ref = (
            n_span(fmt_value(t.reference_estimate, statistic), base_ref)
            if not _is_nan(t.reference_estimate)
            else None
        )
        ref_n = n_span(fmt_number(base_ref, 0), base_ref) if ref else "–"
        both = min(base_now, base_ref)  # a difference and its test rest on the smaller base
        if ref is None or _is_nan(t.p):
            phrases.append(f"niet te vergelijken met {t.reference_year}")
            continue
        decimals = 1 if statistic == "percent" else 2
        size = n_span(fmt_number(abs(t.difference), decimals), both)
        cited = f" ({ref})" if earlier_values else ""
        if t.significant:
            direction = "hoger" if t.difference > 0 else "lager"
            phrases.append(f"{direction} dan in {t.reference_year}{cited}")
            significant_single = (t, ref) if earlier_values else None
        else:
            phrases.append(f"vergelijkbaar met {t.reference_year}{cited}")
        verdict = "significant" if t.significant else "niet significant"
        against = f"{t.reference_year}" + ("" if earlier_values else f" ({ref})")
        notes.append(
            Annotated(
                f"{html.escape(subject)}, {year} tegen {against}: verschil {size} "
                f"{UNITS.get(statistic, '')}, {verdict} ({n_span(fmt_p(t.p), both)}); "
                f"n = {n_now} en {ref_n}"
            )
        )
    if not phrases:
        return Finding(
            f"{subject} is in {year} {shown}.",
            [Annotated(f"{html.escape(subject)}, {year}: n = {n_now}")],
        )
    if len(phrases) == 1 and significant_single is not None:
        t, ref = significant_single
        verb = "gestegen" if t.difference > 0 else "gedaald"
        return Finding(
            f"{subject} is {verb} van {ref} in {t.reference_year} naar {shown} in {year}.", notes
        )
    if all(p.startswith("vergelijkbaar met") for p in phrases):
        years = [p.removeprefix("vergelijkbaar met ") for p in phrases]
        joined = years[0] if len(years) == 1 else ", ".join(years[:-1]) + " en " + years[-1]
        return Finding(f"{subject} is in {year} {shown}, vergelijkbaar met {joined}.", notes)
    joined = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " en " + phrases[-1]
    return Finding(f"{subject} is in {year} {shown}: {joined}.", notes)


def change_sentence(
    results: pd.DataFrame,
    year: int,
    *,
    subject: str,
    category: str | None = None,
    group: str | None = None,
) -> str:
    """:func:`change_finding` as a paragraph with its fold."""
    return paragraph(
        [change_finding(results, year, subject=subject, category=category, group=group)]
    )


def change_findings(
    results: pd.DataFrame,
    year: int,
    *cases: tuple[str, str | None, str | None] | tuple[str, str | None] | tuple[str],
    earlier_values: bool = True,
) -> list[Finding]:
    """:func:`change_finding` for each case ``(subject, category, group)`` of one result (category
    and group may be left out or None). A category may be given by a part of its label
    ('volledige vrijheid' for 'Wij kregen volledige vrijheid …'); it must name exactly one."""
    labels = list(dict.fromkeys(results["category"]))
    findings = []
    for subject, category, group in ((tuple(case) + (None, None))[:3] for case in cases):
        if category is not None and category not in labels:
            matches = [label for label in labels if category in label]
            if len(matches) != 1:
                raise KeyError(f"category {category!r} names {len(matches)} of {labels}")
            category = matches[0]
        findings.append(
            change_finding(
                results,
                year,
                subject=subject,
                category=category,
                group=group,
                earlier_values=earlier_values,
            )
        )
    return findings


def group_changes_finding(
    results: pd.DataFrame,
    year: int,
    *,
    groups: Mapping[object, str],
    subject: str,
    what: str,
    category: str | None = None,
    earlier_values: bool = True,
) -> Finding:
    """The change against the earlier years of every group in ``groups`` (level -> name in a
    sentence), in one finding: the groups whose value is comparable with every earlier year are
    named together ('Bij schoolleiders en leraren is {what} in 2024 vergelijkbaar met 2022 en
    2023.'); every other group (a significant change, too few respondents, no test) gets its own
    :func:`change_finding` sentence, with ``subject`` formatted with ``group=`` its name. Every
    test goes into the fold.
    """
    earlier = sorted(int(y) for y in results["year"].unique() if y < year)
    shown = apply_complementary_suppression(results)  # the cells the tables hide
    stable, sentences, tests = [], [], []
    for level, name in groups.items():
        finding = change_finding(
            results,
            year,
            subject=subject.format(group=name),
            category=category,
            group=level,
            earlier_values=earlier_values,
        )
        tests += finding.tests
        rows = shown[shown["group"] == level]
        if category is not None:
            rows = rows[rows["category"] == category]
        checked = analysis.year_differences(rows, year)
        if earlier and len(checked) == len(earlier) and not checked["p"].isna().any():
            if not checked["significant"].any():
                stable.append(name)
                continue
        sentences.append(finding.text)
    if stable and len(stable) == len(groups):
        lead = f"Bij alle groepen is {what} in {year} vergelijkbaar met {_listing(earlier)}."
    elif stable:
        lead = f"Bij {_listing(stable)} is {what} in {year} vergelijkbaar met {_listing(earlier)}."
    else:
        lead = ""
    return Finding(" ".join([lead, *sentences]).strip(), tests)


def _listing(items: Sequence[object]) -> str:
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def group_difference_finding(
    estimates: Sequence[tuple[str, float] | tuple[str, float, int]],
    pairs: Sequence[tuple[str, str, float, float, bool]],
    *,
    year: int,
    term: str,
    statistic: str = "mean",
) -> Finding:
    """Differences between groups in one measurement, in the report's register.

    ``estimates``: (group, value) or (group, value, n) of the groups shown (with n every number
    carries its base); ``pairs``: (group a, group b, difference a − b, p, significant). The
    sentence names the highest and the lowest group with their values
    as the table shows them and which differences are significant; every test goes into the fold.
    'De gemiddelde score op kwantitatieve taakeisen is in 2024 het hoogst bij schoolleiders
    (2,92) en het laagst bij overig ondersteunend personeel (2,22). De verschillen tussen alle
    groepen zijn significant.'
    """
    bases = {e[0]: int(e[2]) for e in estimates if len(e) > 2 and not _is_nan(e[2])}

    def value(group: str, v: float) -> str:
        text = fmt_value(v, statistic)
        return n_span(text, bases[group]) if group in bases else text

    shown = [(e[0], e[1]) for e in estimates if not _is_nan(e[1])]
    if len(shown) < 2:
        return Finding(
            f"In {year} zijn er te weinig groepen met genoeg respondenten om te vergelijken."
        )
    ordered = sorted(shown, key=lambda gv: gv[1], reverse=True)
    (top, top_v), (bottom, bottom_v) = ordered[0], ordered[-1]
    what = "het percentage" if statistic == "percent" else "de gemiddelde score"
    text = (
        f"{what[0].upper()}{what[1:]} op {term} is in {year} het hoogst bij {top} "
        f"({value(top, top_v)}) en het laagst bij {bottom} "
        f"({value(bottom, bottom_v)})."
    )
    tested = [p for p in pairs if not _is_nan(p[3])]
    significant = [p for p in tested if p[4]]
    if len(tested) == 1:  # two groups: one difference
        text += f" Het verschil is {'' if significant else 'niet '}significant."
    elif tested and len(significant) == len(tested):
        text += " De verschillen tussen alle groepen zijn significant."
    elif significant:
        named = [f"tussen {a} en {b}" for a, b, *_ in significant]
        text += (
            f" Significant zijn de verschillen {_listing(named)}; de andere verschillen zijn niet "
            "significant."
        )
    elif tested:
        text += " Geen van de verschillen tussen de groepen is significant."
    decimals = 1 if statistic == "percent" else 2

    def based(text: str, a: str, b: str) -> str:
        if a in bases and b in bases:
            return n_span(text, min(bases[a], bases[b]))
        return html.escape(text)

    notes = [
        Annotated(
            f"{html.escape(a)} tegen {html.escape(b)}, {year}: verschil "
            f"{based(fmt_number(abs(d), decimals), a, b)} {UNITS.get(statistic, '')}, "
            f"{'significant' if s else 'niet significant'} ({based(fmt_p(p), a, b)})"
        )
        for a, b, d, p, s in tested
    ]
    return Finding(text, notes)


def fmt_estimate(value: float, statistic: str) -> str:
    """A percentage with one decimal or a mean with two; '–' when missing."""
    return fmt_percent(value, 1) if statistic == "percent" else fmt_number(value, 2)


CHANGE_WORDS = ("gedaald", "gestegen", "hoger", "lager", "meer", "minder", "vaker")
"""Words that state a difference: only used for significant differences."""


def step_sentence(results: pd.DataFrame, *, subject: str, category: str | None = None) -> str:
    """The change between every pair of consecutive measurement years in ``results``.

    '{subject}: {y1} {v1}, {y2} {v2}; van {y1} naar {y2} significant hoger (+d; p = …) / geen
    significant verschil (p = …).' With one year only: the level and 'geen eerdere meting'.
    """
    rows = results if category is None else results[results["category"] == category]
    rows = rows.sort_values("year")
    if rows.empty:
        return f"{subject}: geen gegevens."
    statistic = rows["statistic"].iloc[0]
    unit = "procentpunt" if statistic == "percent" else "schaalpunt"
    decimals = 1 if statistic == "percent" else 2
    levels = "; ".join(
        f"{int(r.year)}: {'niet getoond' if r.suppressed else fmt_estimate(r.estimate, statistic)}"
        for r in rows.itertuples(index=False)
    )
    years = [int(y) for y in rows["year"]]
    if len(years) == 1:
        return f"{subject} ({levels}); geen eerdere meting om mee te vergelijken."
    clauses = []
    for previous, year in zip(years[:-1], years[1:], strict=False):
        tests = analysis.year_differences(rows[rows["year"].isin([previous, year])], year)
        if tests.empty or math.isnan(tests["p"].iloc[0]):
            clauses.append(f"van {previous} naar {year} niet te toetsen")
            continue
        t = tests.iloc[0]
        if bool(t["significant"]):
            direction = "hoger" if t["difference"] > 0 else "lager"
            clauses.append(
                f"van {previous} naar {year} significant {direction} "
                f"({fmt_number(abs(t['difference']), decimals)} {unit}; {fmt_p(t['p'])})"
            )
        else:
            clauses.append(
                f"van {previous} naar {year} geen significant verschil ({fmt_p(t['p'])})"
            )
    return f"{subject} ({levels}): " + "; ".join(clauses) + "."


def group_difference_sentence(
    estimates: Mapping[object, float],
    tests: pd.DataFrame,
    *,
    subject: str,
    labels: Mapping[object, str],
    statistic: str = "percent",
) -> str:
    """Group comparisons within one year, one clause per tested pair of ``tests`` (from
    :func:`analysis.group_differences`: columns group, reference, difference, p, significant).

    Significant: '{group} ({est}) significant hoger dan {reference} ({est}; p = …)'; otherwise
    '{group} ({est}) en {reference} ({est}) verschillen niet significant (p = …)'.
    """
    clauses = []
    for t in tests.itertuples(index=False):
        g, r = labels.get(t.group, str(t.group)), labels.get(t.reference, str(t.reference))
        g_est, r_est = (
            fmt_estimate(estimates.get(t.group, math.nan), statistic),
            fmt_estimate(estimates.get(t.reference, math.nan), statistic),
        )
        if t.p is None or math.isnan(t.p):
            clauses.append(f"{g} en {r} zijn niet te vergelijken (te weinig respondenten)")
        elif bool(t.significant):
            direction = "hoger" if t.difference > 0 else "lager"
            clauses.append(f"{g} ({g_est}) significant {direction} dan {r} ({r_est}; {fmt_p(t.p)})")
        else:
            clauses.append(
                f"{g} ({g_est}) en {r} ({r_est}) verschillen niet significant ({fmt_p(t.p)})"
            )
    return (
        f"{subject}: " + "; ".join(clauses) + "."
        if clauses
        else f"{subject}: geen groepen om te vergelijken."
    )


def distribution_sentence(test, *, subject: str, groups: str) -> str:
    """A Rao-Scott test (``statistic``, ``p``) in words: the distribution differs significantly or
    not."""
    text = f"Rao–Scott F = {fmt_number(test.statistic, 2)}; {fmt_p(test.p)}"
    if test.p is None or math.isnan(test.p):
        return f"De verdeling van {subject} is tussen {groups} niet te toetsen."
    if test.p < analysis.ALPHA:
        return f"De verdeling van {subject} verschilt significant tussen {groups} ({text})."
    return f"De verdeling van {subject} verschilt niet significant tussen {groups} ({text})."


def step_finding(results: pd.DataFrame, *, subject: str, category: str | None = None) -> Finding:
    """The development over consecutive measurements in words, as the report's conclusions write
    it: '{subject} is van 2022 naar 2023 significant gestegen; van 2023 naar 2024 is er geen
    significante verandering.' The levels, differences and tests go into the fold (every number
    with its base), so the sentence carries no number a table must show.
    """
    rows = apply_complementary_suppression(results)
    if category is not None:
        rows = rows[rows["category"] == category]
    rows = rows.sort_values("year")
    if rows.empty:
        return Finding(f"{subject}: geen gegevens.")
    statistic = rows["statistic"].iloc[0]
    decimals = 1 if statistic == "percent" else 2
    levels = "; ".join(
        f"{int(r.year)}: "
        + ("niet getoond" if r.suppressed else n_span(fmt_value(r.estimate, statistic), int(r.n)))
        for r in rows.itertuples(index=False)
    )
    notes = [Annotated(f"{html.escape(subject)}: {levels}")]
    years = [int(y) for y in rows["year"]]
    if len(years) == 1:
        return Finding(f"{subject}: er is geen eerdere meting om mee te vergelijken.", notes)
    clauses = []
    for previous, year in zip(years[:-1], years[1:], strict=False):
        pair = rows[rows["year"].isin([previous, year])]
        tests = analysis.year_differences(pair, year)
        if tests.empty or _is_nan(tests["p"].iloc[0]):
            clauses.append(f"van {previous} naar {year} is de verandering niet te toetsen")
            continue
        t = tests.iloc[0]
        both = int(pair["n"].min())
        verdict = "significant" if bool(t["significant"]) else "niet significant"
        notes.append(
            Annotated(
                f"{html.escape(subject)}, {previous} naar {year}: verschil "
                f"{n_span(fmt_number(abs(t['difference']), decimals), both)} "
                f"{UNITS.get(statistic, '')}, {verdict} ({n_span(fmt_p(t['p']), both)})"
            )
        )
        if bool(t["significant"]):
            verb = "gestegen" if t["difference"] > 0 else "gedaald"
            clauses.append(f"van {previous} naar {year} significant {verb}")
        else:
            clauses.append(f"van {previous} naar {year} geen significante verandering")
    if all(c.endswith("geen significante verandering") for c in clauses):
        span = _listing([str(y) for y in years])
        return Finding(f"{subject}: geen significante verandering tussen {span}.", notes)
    return Finding(f"{subject}: {_listing(clauses)}.", notes)


def group_comparison_finding(
    results: pd.DataFrame,
    tests: pd.DataFrame,
    *,
    subject: str,
    labels: Mapping[object, str],
    where: str = "in ",
) -> Finding:
    """Groups within one measurement in words, without their values (the report's conclusions):
    '{subject}: in het go significant lager dan in het bao; geen significant verschil tussen de
    G40 en de overige gemeenten' (``where`` precedes a group in a significant clause; ``labels``
    name the groups). ``results``: the rows of the groups (group, estimate, n,
    statistic); ``tests``: :func:`analysis.group_differences` rows (group, reference, difference,
    p, significant). Values, differences and tests go into the fold."""
    statistic = results["statistic"].iloc[0] if len(results) else "percent"
    shown = results.set_index("group")
    clauses, notes = [], []
    for t in tests.itertuples(index=False):
        g, r = labels.get(t.group, str(t.group)), labels.get(t.reference, str(t.reference))
        if _is_nan(t.p):
            clauses.append(f"{g} en {r} zijn niet te vergelijken (te weinig respondenten)")
            continue
        both = int(min(shown.loc[t.group, "n"], shown.loc[t.reference, "n"]))
        values = ", ".join(
            f"{html.escape(labels.get(k, str(k)))} "
            + n_span(fmt_value(shown.loc[k, "estimate"], statistic), int(shown.loc[k, "n"]))
            for k in (t.group, t.reference)
        )
        verdict = "significant" if bool(t.significant) else "niet significant"
        size = fmt_number(abs(t.difference), 1 if statistic == "percent" else 2)
        notes.append(
            Annotated(
                f"{html.escape(subject)}: {values}; verschil {n_span(size, both)} "
                f"{UNITS.get(statistic, '')}, {verdict} ({n_span(fmt_p(t.p), both)})"
            )
        )
        if bool(t.significant):
            direction = "hoger" if t.difference > 0 else "lager"
            clauses.append(f"{where}{g} significant {direction} dan {where}{r}")
        else:
            clauses.append(f"geen significant verschil tussen {g} en {r}")
    if not clauses:
        return Finding(f"{subject}: geen groepen om te vergelijken.")
    return Finding(f"{subject}: " + "; ".join(clauses) + ".", notes)


def distribution_finding(
    test, *, subject: str, groups: str, n: int | None = None, min_n: int = analysis.MIN_N
) -> Finding:
    """:func:`distribution_sentence` with the Rao–Scott test in the fold instead of the text
    (``n``: the base of the test, the smallest group, annotated when given; a test on a group of
    fewer than ``min_n`` respondents is neither shown nor put into words)."""
    if n is not None and below_min_n(n, min_n):
        return Finding(
            f"De verdeling van {subject} is tussen {groups} niet te toetsen: te weinig "
            "respondenten in een van de groepen."
        )
    if test.p is None or _is_nan(test.p):
        return Finding(f"De verdeling van {subject} is tussen {groups} niet te toetsen.")
    significant = test.p < analysis.ALPHA
    text = f"Rao–Scott F = {fmt_number(test.statistic, 2)}; {fmt_p(test.p)}"
    line = Annotated(
        f"{html.escape(subject)}, {html.escape(groups)}: "
        + (n_span(text, n) if n is not None else html.escape(text))
    )
    verdict = "verschilt significant" if significant else "verschilt niet significant"
    return Finding(f"De verdeling van {subject} {verdict} tussen {groups}.", [line])


def most_chosen_lines(
    current: pd.DataFrame, groups: Sequence[str], labels: Mapping[str, str], *, values: bool = True
) -> list[str]:
    """Per group (in ``groups`` order): the answer chosen most often, '{label}: het vaakst gekozen
    antwoord is '…' (48,4%)' (without the percentage when ``values`` is false); a group whose
    cells are all hidden says so. ``current``: one measurement's rows (group, category, estimate,
    suppressed, n)."""
    lines = []
    for group in groups:
        rows = current[(current["group"] == group) & ~current["suppressed"].astype(bool)]
        if rows.empty:
            lines.append(f"{labels[group]}: te weinig respondenten om een cijfer te tonen.")
            continue
        top = rows.loc[rows["estimate"].idxmax()]
        value = f" ({n_span(fmt_percent(top['estimate'], 1), int(top['n']))})" if values else ""
        lines.append(f"{labels[group]}: het vaakst gekozen antwoord is '{top['category']}'{value}.")
    return lines


def _years_phrase(years: Sequence[int]) -> str:
    return f"meting{'en' if len(years) > 1 else ''} in {_listing([str(y) for y in years])}"


def consistency_prefix(same: Sequence[int], other: Sequence[int]) -> str:
    """Opening of a sentence on a test in the run year: the earlier years whose test had the same
    outcome ('Net als bij de vorige metingen in 2022 en 2023, ') and those with another
    ('Anders dan bij de vorige meting in 2022, '); '' when there are none."""
    if same and other:
        return (
            f"Net als bij de {_years_phrase(same)}, maar anders dan bij de {_years_phrase(other)}, "
        )
    if same:
        return f"Net als bij de vorige {_years_phrase(same)}, "
    if other:
        return f"Anders dan bij de vorige {_years_phrase(other)}, "
    return ""


def significantly_higher(
    pairs: pd.DataFrame, estimates: Mapping[str, float], levels: Sequence[str]
) -> list[tuple[str, list[str]]]:
    """From pairwise tests (``first``, ``second``, ``difference`` = second − first, as
    :meth:`~werkdruk_utils.declare.estimates.Result.pairwise_tests` gives them, ``significant``):
    each group that is significantly higher than one or more others, with those others; groups
    in descending order of their estimate (a missing estimate last), as a sentence names them:
    'a (67%) significantly more often than b (54%) and c (50%)'."""

    def rank(level: str) -> float:
        value = float(estimates.get(level, math.nan))
        return math.inf if math.isnan(value) else -value

    ordered = sorted(levels, key=rank)
    significant = pairs[pairs["significant"].astype(bool)]
    out = []
    for level in ordered:
        lower = {
            p.second if p.first == level else p.first
            for p in significant.itertuples(index=False)
            if (p.first == level and p.difference < 0) or (p.second == level and p.difference > 0)
        }
        if lower:
            out.append((level, [g for g in ordered if g in lower]))
    return out
