"""Substantive answers of the synthetic respondents, calibrated to the report's published numbers.

:func:`generate_answers` takes the structural frame of one measurement year (one row per
respondent with ``respondent_id, school_id, year, v1, v4, werktijdfactor, sector, school_type,
municipality_category, achterstandsscore, analysis_group, weighting_group`` and optionally
``werktijdfactor_observed``, the werktijdfactor parsed from the v3 text) and returns every
coded answer column (Q5-Q19, Q21, Q23) with the same index. Targets are read from
``data/reference/published_values.csv`` at run time (:mod:`werkdruk_utils.synth.targets`).

How the published numbers are hit
---------------------------------
Answers are *allocated*, not drawn: within each weighting cell the target distribution is
turned into integer counts (largest remainder, with the rounding error of one cell carried into
the next, :mod:`werkdruk_utils.synth.calibrate`) and the codes are permuted randomly over the
respondents of the cell. A weighted total of cells that each carry the target distribution
equals the target whatever the weights, so the percentages computed with the analysis rules
(cell weights function x sector, sector weights for the schoolleider questions, unweighted
where the table is unweighted) land on the published values up to integer rounding. Where the
report prints a number, the counts are then moved (:func:`.calibrate.exact_counts`,
:func:`.calibrate.refine_counts`; for the schoolleiders also the number leaving the question
open) until every share lies in the interval that rounds to the printed value
(:func:`.context.printed_shares`).

Values the report does not print (a year a table leaves out, a figure without data labels) follow
:mod:`werkdruk_utils.synth.story` and vary between years like independent samples
(:mod:`werkdruk_utils.synth.variation`).

Scale scores (Q5, Q6) come from :mod:`werkdruk_utils.synth.scales`; the shared context and
allocation helpers from :mod:`werkdruk_utils.synth.context`.

Choices where the report contradicts itself (EXTRACTION_NOTES.md)
-----------------------------------------------------------------
1.  Tabel 3.3 means exceed 100: each schoolleider's filled-in fields sum to 100; fields with 0%
    are left empty, so the column means (over the respondents who filled that field) can sum to
    more than 100. Everyone who gives a split fills the leerkrachten field; v14_4 (weet ik niet)
    = 1 leaves the three fields empty.
2.  Tabel B3.1 printed N 72/12: the percentages are of *all* schoolleiders in the sector (the
    B1.8 counts, e.g. 200/70 in 2024), non-respondents to Q10 counted as not ticked.
3.  Tabel 3.1 N 200/70 vs bases 186/65: 14/200 (7%) of the schoolleiders leave Q9 empty (same
    share in every year); the percentages are of those answering, unweighted per sector.
4.  Tabellen 3.4, 4.2-4.4, 5.1: percentages are of those answering (item non-response excluded),
    sector weights (3.4, 4.2-4.4) or cell weights (5.1). Tabel 5.1 excludes 'Weet ik niet' from
    the base: exactly 'Totaal N' respondents answer v19 with codes 1-5.
5.  Tabel 4.3 sums to 97,3 (2022) and 99,1 (2023), Tabel 3.4 to 100,2 (2022) and 100,3 (2024):
    the difference is taken up by as few options as possible, each within a percentage point of
    its printed value, so the others keep theirs (:func:`.context.printed_alternatives`).
6.  Tabel 4.4 (multiple answers allowed, sums to 100): each schoolleider ticks exactly one of
    the options 1-3 or only 'Weet ik niet' (v18_4, excluded from the base). Tekst H4.2's 82% is
    then v18_1 + v18_2 = 81,5.
13. §3.1 top-4 bao vs Tabel B3.1: the table's numbers are used in 2024 (differentiëren 47,0 above
    ziekteverzuim); the text's ranking holds in 2022 and 2023 (:data:`.story.CAUSE_TOP`).
14. H6 'acht op de tien respondenten' vs §4.2 '82% van de scholen': the schoolleider base (§4.2)
    is used; no separate all-staff variable exists.
15. H6 'about half led to change' vs §3.2 52%/63% no change: §3.2's numbers are used
    (code 2 / codes 2+3 among schoolleiders).
16. §5.1 vs H6 trend wording: concerns NEA comparisons (Figuur 5.1-5.4), which this module does
    not target beyond the scale means.
20., 21. The scale scores and the regressions: see :mod:`werkdruk_utils.synth.scales`.
26. Tabel 3.2 behandelaars 22,3 vs §3.3 66 (go) / 5 (bao): the bases (schools where the function
    exists, 'n.v.t.' excluded) differ by sector; for the rows §3.3 gives by sector (2024) the
    n.v.t. shares per sector are solved so that the sector percentages and the sector-weighted
    total all hold.

Other years: where a source covers only some years (Tabel 3.1, B3.1, the §3.1/§3.3/§5.2 text
values) the printed year is met and the others vary around it (:mod:`.story`); a measurement the
report does not cover gets the numbers of the nearest one it does.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from werkdruk_utils import measurements
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.synth import calibrate as cal
from werkdruk_utils.synth import story, variation
from werkdruk_utils.synth import targets as tg
from werkdruk_utils.synth.context import (
    ANALYSIS_GROUPS,
    LERAAR,
    MUNICIPALITIES,
    NONRESPONSE_RATE,
    OOP,
    OVR,
    REQUIRED_COLUMNS,
    SECTORS,
    SL,
    AnswerContext,
    AnswerError,
    allocate_exact,
    allocate_single,
    binary_counts,
    exact_ticks,
    normalised,
    pick,
    printed_alternatives,
    printed_shares,
    sector_weight,
    tick_exact,
    tick_multi,
    tick_multi_nocover,
)
from werkdruk_utils.synth.scales import generate_scales
from werkdruk_utils.synth.variation import DEFAULT_SEED


def spending_years(year: int) -> tuple[str, ...]:
    """Q10 'besteed' school years of a measurement (the codebook's ``measurements:``)."""
    return measurements.school_years(year).spending


def asked(year: int, item: str) -> bool:
    """Whether the questionnaire of ``year`` asked option or grid row ``item`` ('v7_27')."""
    return item not in measurements.not_asked(year)


CAUSE_ITEMS: tuple[str, ...] = (
    "Het wisselen tussen online, fysiek en hybride lesgeven (als gevolg van corona)",
    "Zorgen rondom leerachterstanden (als gevolg van corona)",
    "Organisatie en administratie rondom besmettingen, quarantaineregelingen en afwezigheid van "
    "leerlingen en personeel (als gevolg van corona)",
    "Overleg/gesprekken met ouders over (corona)maatregelen",
    "Onvervulde vacatures (werving, sollicitatierondes, vervanging regelen, begeleiding "
    "zij-instromers, tijdelijk onbevoegden op een groep, e.d.)",
    "Leerlingen met specifieke ondersteuningsbehoefte op het gebied van leren",
    "Leerlingen met specifieke ondersteuningsbehoefte op het gebied van gedrag",
    "Klassengrootte",
    "Groepsplannen/handelingsplannen/ondersteuningsplannen opstellen, uitvoeren en evalueren",
    "Rapporten schrijven",
    "Toetsen/toetsadministratie/nakijken/feedback",
    "Communicatie met ouders",
    "Overdracht en afstemming duo-leerkrachten",
    "Overdracht naar nieuwe groep",
    "ICT voorzieningen",
    "Eenduidigheid van teamafspraken",
    "Begeleiding nieuwe collega’s, invallers en stagiaires",
    "Vergaderen",
    "Differentiëren/onderwijs op maat bieden tijdens de les",
    "Lessen voorbereiden",
    "Organiseren van activiteiten die niet bij het curriculum horen (bijvoorbeeld Sinterklaas, "
    "paasontbijt, avondvierdaagse)",
    "Organiseren van activiteiten die bij het curriculum horen (bijvoorbeeld bibliotheekbezoek, "
    "schooltuin)",
    "Onderwijsontwikkeling/vernieuwing",
    "Professionalisering/cursussen/trainingen/studiedagen",
    "Ziekteverzuim leerkrachten (vervanging regelen, groepen verdelen, taken overnemen)",
    "Verantwoording (intern en extern)",
    "Contact met externe(n) (partijen)",
    "Anders",
)
"""Q7 options 1-28 / Q10 items 1-28 (labels as in Bijlage 4; 28 = Anders)."""

Q16_ITEMS: tuple[str, ...] = (
    "Groepsleerkrachten",
    "Vakleerkrachten",
    "Schoolleiding",
    "Onderwijsassistent(en)/Klassenassistent(en)",
    "Conciërge(s)",
    "Intern begeleider(s)",
    "Administratief medewerker(s)",
    "Ambulant begeleider(s)",
    "Behandelaar(s) (bijvoorbeeld logopedist of orthopedagoog)",
    "Remedial Teacher(s)",
    "Stagiaire(s)",
    "Stagebegeleider(s)",
    "Anders",
)
Q16_TEXT_LABELS: dict[int, str] = {
    4: "Onderwijsassistenten",
    9: "Behandelaars",
    12: "Stagebegeleiders",
}
"""Rows for which Tekst H3.3 gives go/bao percentages."""
Q16_NVT: dict[int, tuple[float, float]] = {
    1: (0.0, 0.0),
    2: (0.25, 0.10),
    3: (0.02, 0.02),
    4: (0.12, 0.05),
    5: (0.35, 0.15),
    6: (0.03, 0.05),
    7: (0.25, 0.05),
    8: (0.50, 0.45),
    9: (0.60, 0.20),
    10: (0.55, 0.50),
    11: (0.30, 0.40),
    12: (0.45, 0.35),
    13: (0.90, 0.90),
}
"""Assumed share 'Niet van toepassing' (function not at the school) per Q16 row, (bao, go)."""

Q9_LABELS = ("Dat doen we los van", "Dat doen we binnen", "Anders")
Q11_LABELS = (
    "Inzet van extra personeel",
    "Aanschaf van nieuw materiaal",
    "Professionaliseringsactiviteiten",
    "Overig",
    "Niet besteed (gereserveerd)",
    "Weet ik niet",
)
Q12_LABELS = (
    "Ja, de middelen zijn ingezet zoals gewenst (eerste keuze)",
    "Nee, de middelen zijn anders ingezet omdat er onvoldoende budget was voor de eerste keuze",
    "Nee, de middelen zijn anders ingezet omdat er geen extra personeel gevonden kon worden",
    "Nee, de middelen zijn anders ingezet om een andere reden",
)
Q17_LABELS = (
    "Het bestuur heeft vooral kaders en criteria aangegeven waarmee ons team rekening moest "
    "houden.",
    "Het bestuur heeft vooral geen eisen gesteld maar heeft het voorstel van ons team beoordeeld.",
    "Het bestuur heeft ons team volledige vrijheid gegeven.",
    "Het bestuur heeft voor (een deel van) de werkdrukmiddelen de bestemming bepaald.",
    "Anders",
)
Q18_LABELS = (
    "Ja, maatregelen die gefinancierd zijn met andere middelen",
    "Ja, maatregelen die geen geld kosten (bijv. teamafspraken)",
    "Nee",
)
Q19_LABELS = (
    "Ja, de werkdruk op mijn school is sterk gedaald",
    "Ja, de werkdruk op mijn school is enigszins gedaald",
    "Nee, de werkdruk op mijn school is gelijk gebleven",
    "Nee, de werkdruk op mijn school is enigszins gestegen",
    "Nee, de werkdruk op mijn school is sterk gestegen",
)
Q14_LABELS = ("Schoolleiding", "Leerkrachten", "Overig personeel")

# Text §3.1 group labels -> analysis group
H31_GROUPS: dict[str, str] = {
    "Schoolleiders": SL,
    "Leerkrachten": LERAAR,
    "Onderwijsondersteunend personeel": OOP,
    "Overig ondersteunend personeel": OVR,
}
H52_MUNICIPALITY: dict[str, str] = {"overige gemeenten": "overig", "G4": "G4", "G40": "G40"}
H52_SECTOR: dict[str, str] = {
    "regulier basisonderwijs (bao)": "bao",
    "gespecialiseerd onderwijs (go)": "go",
}

# ---------------------------------------------------------------- assumptions (not published)

Q9_NONRESPONSE = 14 / 200
"""Tabel 3.1: effective bases 186 of 200 (bao) and 65 of 70 (go) imply 7% item non-response."""
Q8_DONT_KNOW_SL = 0.02
Q8_DONT_KNOW_REST = 0.10
"""Share 'Weet ik niet' on Q8 where the text gives none (schoolleiders; rest of the team
2022/2023)."""
Q14_DONT_KNOW = 0.05
Q14_SCHOOLLEIDING_FILL_SHARE = 0.15
"""Share of the schoolleiders giving a split who fill in a (non-zero) share for the
schoolleiding."""
Q14_SHAPE: tuple[float, float] = (0.5, 0.7)
"""Gamma shape of the schoolleiding and ondersteunend-personeel shares above 1% (small = skewed:
most schools put little on them, a few much; the spread that keeps the changes of C167-C169 as the
report states them)."""
Q14_MAX: tuple[int, int] = (15, 80)
"""Largest share (%) for the schoolleiding and the ondersteunend personeel."""
Q18_DONT_KNOW = 0.04
Q13_SOURCE = ("Tekst H3.3", "Ja")
Q23_SOURCE = ("Tekst B1", "aangemelde scholen voor casestudies")
"""Tekst B1: 46 schools volunteered for the case studies (v23 = 1), of the 270 schoolleiders of
2024;
other years use the same share of their schoolleiders."""
Q19_DONT_KNOW_BY_GROUP = {"schoolleider": 0.3, "leerkracht": 1.0, "overig": 1.8}
"""Relative propensity to answer 'Weet ik niet' on Q19 per weighting group."""
Q10_SPEND_OUTSIDE_CAUSE = 0.12
"""Share of 'besteed' ticks on items not named as oorzaak by the same schoolleider."""
Q10_UNPRINTED_SPENDING = 0.05
"""Share spending on a Q10 item Tabel 4.1 leaves out."""
Q15_NOT_TARGET = "Nee, ik behoorde niet tot de doelgroep"
Q16_OTHER = 40.0
"""Tabel 3.2 leaves out 'Anders': percentage discussed among the schools that name another group."""
Q19_H52_CATEGORY = "werkdruk op school (enigszins) gedaald"
Q19_TABLE_PRIORITY = 10.0
"""Where Tabel 5.1 and the rounded sector and municipality percentages of Tekst H5.2 cannot all
hold (they disagree), the table's total comes first."""
ALL_STAFF_DEFF = 1.3
"""Design effect assumed for percentages over all staff (respondents clustered in schools) where a
standard error sizes the variation between years."""


# ====================================================================== public API


def answer_columns(year: int) -> list[str]:
    """Every answer column :func:`generate_answers` writes for ``year`` (docs/design.md names)."""
    cols = [f"v5_{i}" for i in range(1, 7)] + [f"v6_{i}" for i in range(1, 10)]
    cols += [f"v7_{i}" for i in range(1, 30) if asked(year, f"v7_{i}")]
    cols += ["v8", "v9"]
    for i in range(1, 29):
        if not asked(year, f"v10_{i}"):
            continue
        cols.append(f"v10_{i}_oorzaak")
        cols += [f"v10_{i}_besteed_{sy.replace('-', '_')}" for sy in spending_years(year)]
        cols.append(f"v10_{i}_nvt")
    cols += (
        [f"v11_{i}" for i in range(1, 7)]
        + ["v12", "v13"]
        + [f"v14_{i}" for i in range(1, 5)]
        + ["v15"]
    )
    cols += [f"v16_{i}" for i in range(1, 14) if asked(year, f"v16_{i}")]
    cols += ["v17"] + [f"v18_{i}" for i in range(1, 5)] + ["v19", "v21", "v23"]
    return cols


def generate_answers(
    frame: pd.DataFrame, year: int, rng: np.random.Generator, *, seed: int = DEFAULT_SEED
) -> pd.DataFrame:
    """Answers for one measurement year, calibrated to the published values (see module docstring).

    Args:
        frame: structural frame, one row per respondent (columns :data:`REQUIRED_COLUMNS`;
        optionally
            :data:`OBSERVED_WTF_COLUMN`, the werktijdfactor the analysis will see, NaN = missing;
            without
            it the true werktijdfactor is used for the regression check).
        year: measurement year of the codebook (one the report does not cover gets the numbers
            of the nearest one it does).
        rng: random generator of this year's answers; the same seed gives identical output.
        seed: the base seed of the whole data set; values the report does not print vary
            between years through draws keyed by it (:mod:`werkdruk_utils.synth.variation`).

    Returns:
        DataFrame with ``frame.index`` and the columns of :func:`answer_columns` (``Int64``
        codes / 0-1, ``v14_1..v14_3`` ``Float64``); empty = not shown or not answered.
    """
    measurements.check(year)
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise AnswerError(f"structural frame lacks column(s) {missing}")
    unknown = sorted(set(frame["analysis_group"].astype(str)) - set(ANALYSIS_GROUPS))
    if unknown:
        raise AnswerError(f"unknown analysis_group value(s) {unknown}; expected {ANALYSIS_GROUPS}")
    ctx = AnswerContext(frame, year, rng, seed)
    generate_scales(ctx)
    _q7(ctx)
    _q8(ctx)
    _q9(ctx)
    _q10(ctx)
    _q11(ctx)
    _single_sl(ctx, "v12", "Tabel 4.3", Q12_LABELS)
    _q13(ctx)
    _q14(ctx)
    _q15(ctx)
    _q16(ctx)
    _single_sl(ctx, "v17", "Tabel 3.4", Q17_LABELS)
    _q18(ctx)
    _q19(ctx)
    _q21(ctx)
    _q23(ctx)
    return _apply_codebook(ctx.result(answer_columns(year)), frame, year)


def _apply_codebook(result: pd.DataFrame, frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Check the columns against the codebook, order them as the codebook does and apply its
    routing.

    Cells of a column whose ``shown_if`` is false for a respondent are emptied (the generator
    already leaves them empty; this guards the contract).
    """
    codebook = load_codebook()
    specs = codebook.column_spec(year)
    expected = [
        c
        for c, spec in specs.items()
        if spec.kind in ("single", "multi", "numeric")
        and not spec.personal
        and c not in ("v1", "v2", "v3", "v4")
    ]
    missing = [c for c in expected if c not in result.columns]
    extra = [c for c in result.columns if c not in expected]
    if missing or extra:
        raise AnswerError(
            f"{year}: answer columns differ from the codebook: missing {missing}, not in codebook "
            f"{extra}"
        )
    result = result.loc[:, expected]
    routing = pd.concat([frame[["v1"]], result], axis=1)
    for column in expected:
        if specs[column].shown_if is None:
            continue
        shown = codebook.shown_mask(routing, column).to_numpy(dtype=bool)
        if (~shown).any():
            result.loc[~shown, column] = pd.NA
    return result


# ====================================================================== Q7 factors (all)


def _q7(ctx: AnswerContext) -> None:
    """Q7 factors of the own workload (all respondents), per function group.

    2024: the factors Tekst H3.1 names, inside their printed (whole) percentages; the other
    options and the other years follow :mod:`.story` with a draw per year
    (:func:`.variation.ranked_draws`, keeping the groups' top factors of the report on top).
    Within a function group bao and go get the same shares (C128: no differences between the
    sectors).
    """
    year = ctx.year
    items = [i for i in range(1, 29) if asked(year, f"v7_{i}")]
    cols = [f"v7_{i}" for i in items] + ["v7_29"]
    pos_all = ctx.positions(np.ones(ctx.n, dtype=bool))
    answering, _ = ctx.drop_nonresponse(pos_all)
    for c in cols:
        ctx.new(c)[pos_all] = 0
    named = _q7_named(year) if year in tg.years_with("Tekst H3.1") else {}
    groups: dict[str, tuple[np.ndarray, list[float], list[cal.Band]]] = {}
    for group in ANALYSIS_GROUPS:
        pos = answering[ctx.group[answering] == group]
        if len(pos) == 0:
            continue
        shares, bands = _q7_group_shares(ctx, group, items, named.get(group, {}), pos)
        props = [shares[i] for i in items] + [story.Q7_NONE[group]]
        groups[group] = (pos, props, [bands.get(i) for i in items] + [None])
    by = ("sector", "weighting_group")
    for pos, props, bands in groups.values():
        cells, ws = ctx.cells(pos, by, ctx.w)
        counts = (
            exact_ticks(ctx, cells, ws, np.asarray(props), bands)[0] if len(cells) <= 2 else None
        )
        tick_multi(
            ctx,
            cols,
            pos,
            props,
            by,
            ctx.w,
            exclusive=(len(cols) - 1,),
            bands=bands,
            counts=counts,
        )


def _q7_named(year: int) -> dict[str, dict[int, float]]:
    """The factors Tekst H3.1 prints for ``year`` (whole percentages), per analysis group."""
    out: dict[str, dict[int, float]] = {}
    for row in tg.rows("Tekst H3.1", year, "percent").itertuples():
        item = next(
            i
            for i, label in enumerate(CAUSE_ITEMS, start=1)
            if tg.labels_match(row.category, label)
        )
        out.setdefault(H31_GROUPS[row.group], {})[item] = float(row.value)
    return out


def _q7_group_shares(
    ctx: AnswerContext,
    group: str,
    items: Sequence[int],
    named: dict[int, float],
    pos: np.ndarray,
) -> tuple[dict[int, float], dict[int, cal.Band]]:
    """Shares (0-1) of every option for one group this year, and the bands of printed ones."""
    level_year = story.story_year(ctx.year)
    printed_top = _q7_named(tg.nearest_year("Tekst H3.1", ctx.year)).get(group, {})
    b31 = tg.nearest_year("Tabel B3.1", ctx.year)
    cap = min(printed_top.values()) / 100.0 - story.Q7_TOP_GAP if printed_top else 0.6
    overrides = story.Q7_LEVELS.get(level_year, {}).get(group, {})
    levels: dict[int, float] = {}
    for i in items:
        if i == 28:
            levels[i] = story.Q7_OTHER
        elif i in overrides:
            levels[i] = overrides[i]
        elif i in printed_top:
            levels[i] = printed_top[i] / 100.0
        else:
            base = tg.pick_optional("Tabel B3.1", b31, CAUSE_ITEMS[i - 1], group="bao")
            levels[i] = min(
                (base if base is not None else 10.0) / 100.0 * story.Q7_GROUP_FACTOR[group], cap
            )
    weights = ctx.w[pos]
    ses = {i: variation.weighted_se(p, weights, ALL_STAFF_DEFF) for i, p in levels.items()}
    top_items = story.Q7_TOP.get(level_year, {}).get(group)
    top = (frozenset(top_items), len(top_items)) if top_items else None
    drawn = variation.ranked_draws(
        ctx.seed, f"v7|{group}", ctx.year, levels, ses, top, fixed=frozenset(named)
    )
    shares = {i: float(np.clip(v, 0.002, 0.98)) for i, v in drawn.items()}
    bands: dict[int, cal.Band] = {}
    for i, value in named.items():
        point = variation.printed_point(ctx.seed, f"v7|{group}|{i}", ctx.year, value, 0.5)
        lo, hi = tg.printed_band("Tekst H3.1", value)
        shares[i], bands[i] = point / 100.0, (lo / 100.0, hi / 100.0)
    return shares, bands


def _q8(ctx: AnswerContext) -> None:
    """v8 evaluated (all respondents, cell weights): per group (schoolleiders, the rest of the
    team) 'Ja' (codes 2+3) and, where printed, 'Weet ik niet' inside their printed whole
    percentages; 'geen verandering' (code 2 among 2+3, schoolleiders) likewise."""
    year = ctx.year
    pos_all = ctx.positions(np.ones(ctx.n, dtype=bool))
    answering, _ = ctx.drop_nonresponse(pos_all)
    no_change = pick("Tekst H3.2", year, "geen verandering in de inzet van de middelen")
    no_change_printed = (
        tg.pick_optional(
            "Tekst H3.2", year, "geen verandering in de inzet van de middelen", nearest=False
        )
        is not None
    )
    for is_sl, label, dk_default in (
        (True, "Schoolleiders", Q8_DONT_KNOW_SL),
        (False, "Rest van het team", Q8_DONT_KNOW_REST),
    ):
        pos = answering[ctx.sl[answering] == is_sl]
        yes = pick("Tekst H3.2", year, "Ja (geëvalueerd)", group=label)
        yes_printed = (
            tg.pick_optional("Tekst H3.2", year, "Ja (geëvalueerd)", group=label, nearest=False)
            is not None
        )
        dk = tg.pick_optional("Tekst H3.2", year, "Weet ik niet", group=label, nearest=False)
        margins = []
        if yes_printed:
            lo, hi = tg.printed_band("Tekst H3.2", yes)
            margins.append(cal.Margin((1, 2), (0, 1, 2, 3), (lo / 100.0, hi / 100.0)))
        if dk is not None:
            lo, hi = tg.printed_band("Tekst H3.2", dk)
            margins.append(cal.Margin((3,), (0, 1, 2, 3), (lo / 100.0, hi / 100.0)))
        if is_sl and no_change_printed:
            lo, hi = tg.printed_band("Tekst H3.2", no_change)
            margins.append(cal.Margin((1,), (1, 2), (lo / 100.0, hi / 100.0)))
        yes_p = variation.printed_point(ctx.seed, f"v8|{label}|ja", year, yes, 0.5) / 100.0
        dk_p = dk / 100.0 if dk is not None else dk_default
        nc_p = variation.printed_point(ctx.seed, "v8|geen verandering", year, no_change, 0.5) / 100
        props = [max(0.0, 1 - yes_p - dk_p), yes_p * nc_p, yes_p * (1 - nc_p), dk_p]
        allocate_single(
            ctx,
            "v8",
            pos,
            [1, 2, 3, 4],
            props,
            ("sector", "weighting_group"),
            ctx.w,
            margins=margins,
        )


# ====================================================================== schoolleider questions


def _q9(ctx: AnswerContext) -> None:
    """v9 per sector, unweighted (Tabel 3.1: printed for 2024, the distribution of the other years
    varies around it without significant changes, C156/C158)."""
    year = ctx.year
    ctx.new("v9")
    for sector in SECTORS:
        pos = ctx.positions(ctx.sl & (ctx.sector == sector))
        published = {
            y: [pick("Tabel 3.1", y, lbl, group=sector) for lbl in Q9_LABELS]
            for y in tg.years_with("Tabel 3.1")
        }
        n_eff = pick("Tabel 3.1", year, "Totaal N", group=sector, statistic="n") * (
            1 - Q9_NONRESPONSE
        )
        if year in published:
            props, bands = printed_shares(published[year], "Tabel 3.1")
            if bands is not None:
                allocate_exact(
                    ctx, "v9", pos, [1, 2, 3], props, (), np.ones(ctx.n), bands, Q9_NONRESPONSE
                )
                continue
        else:
            base = published[tg.nearest_year("Tabel 3.1", year)]
            props = variation.stable_distribution(
                ctx.seed,
                f"v9|{sector}",
                year,
                base,
                n_eff,
                bound_years=story.STORY_YEARS,
                fixed={y: normalised(v) for y, v in published.items()},
            )
            bands = None
        answering, _ = ctx.drop_nonresponse(pos, Q9_NONRESPONSE)
        allocate_single(ctx, "v9", answering, [1, 2, 3], props, (), np.ones(ctx.n), bands)


def _single_sl(ctx: AnswerContext, col: str, source: str, labels: Sequence[str]) -> None:
    """A single-choice schoolleider question printed every year (sector weights; each share
    inside its printed band where the printed numbers add up)."""
    vals = [pick(source, ctx.year, lbl) for lbl in labels]
    ctx.new(col)
    pos = ctx.positions(ctx.sl)
    options = printed_alternatives(vals, source)
    props, bands = options[0]
    codes = list(range(1, len(labels) + 1))
    allocate_exact(
        ctx,
        col,
        pos,
        codes,
        props,
        ("sector",),
        ctx.ws,
        bands,
        NONRESPONSE_RATE,
        alternatives=options[1:],
    )


def _q13(ctx: AnswerContext) -> None:
    """v13 PMR consent (Tekst H3.3, 98% of the schools, printed for 2024 only; the other years
    vary around it)."""
    ctx.new("v13")
    pos = ctx.positions(ctx.sl)
    source, label = Q13_SOURCE
    printed = tg.pick_optional(source, ctx.year, label, group="scholen", nearest=False)
    if printed is not None:
        props, bands = printed_shares([printed, 100.0 - printed], source)
        allocate_exact(ctx, "v13", pos, [1, 2], props, ("sector",), ctx.ws, bands, NONRESPONSE_RATE)
        return
    answering, _ = ctx.drop_nonresponse(pos)
    level = pick(source, ctx.year, label, group="scholen") / 100.0
    se = variation.weighted_se(level, ctx.ws[answering])
    yes = variation.varied_share(level, ctx.z("v13"), se, high=0.995)
    allocate_single(ctx, "v13", answering, [1, 2], [yes, 1 - yes], ("sector",), ctx.ws)


def _q23(ctx: AnswerContext) -> None:
    """Exactly the published number of volunteering schools (one schoolleider per school), scaled
    by the number of schoolleiders in years the report gives no number for."""
    col = ctx.new("v23")
    pos = ctx.positions(ctx.sl)
    answering, _ = ctx.drop_nonresponse(pos)
    volunteers_2024 = tg.pick(Q23_SOURCE[0], 2024, Q23_SOURCE[1], statistic="count", nearest=False)
    sl_2024 = tg.pick(
        "Tabel B1.8",
        2024,
        "Aantal in sample",
        group="BAO Schoolleider",
        statistic="n",
        nearest=False,
    ) + tg.pick(
        "Tabel B1.8",
        2024,
        "Aantal in sample",
        group="GO Schoolleider",
        statistic="n",
        nearest=False,
    )
    k = int(round(volunteers_2024 * len(pos) / sl_2024))
    chosen = ctx.rng.permutation(answering)[:k]
    col[answering] = 2
    col[chosen] = 1


def _q10(ctx: AnswerContext) -> None:
    """Q10 grid: named causes (Tabel B3.1), the 'Anders' n.v.t. column and spending (Tabel 4.1)."""
    year = ctx.year
    items = [i for i in range(1, 29) if asked(year, f"v10_{i}")]
    sl_pos = ctx.positions(ctx.sl)
    cause_cols = [f"v10_{i}_oorzaak" for i in items]
    for c in cause_cols + [f"v10_{i}_nvt" for i in items]:
        ctx.new(c)[sl_pos] = 0
    answering_all, _ = ctx.drop_nonresponse(sl_pos)
    _q10_causes(ctx, items, sl_pos, answering_all)
    # n.v.t. on the 'Anders' row for about half of those not naming 'Anders'
    anders = 28
    nvt = ctx.data[f"v10_{anders}_nvt"]
    no_anders = answering_all[ctx.data[f"v10_{anders}_oorzaak"][answering_all] == 0]
    nvt[ctx.rng.permutation(no_anders)[: len(no_anders) // 2]] = 1
    for sy in spending_years(year):
        _q10_spending(ctx, items, sy, sl_pos, answering_all)


def _q10_causes(
    ctx: AnswerContext, items: Sequence[int], sl_pos: np.ndarray, answering_all: np.ndarray
) -> None:
    """oorzaak: the unweighted share of all schoolleiders in the sector (Tabel B3.1, printed for
    2024; the other years follow :data:`.story.CAUSE_SHIFTS` with a draw per year that keeps the
    report's top causes on top)."""
    printed_year = ctx.year in tg.years_with("Tabel B3.1")
    b31_year = tg.nearest_year("Tabel B3.1", ctx.year)
    level_year = story.story_year(ctx.year)
    cause_cols = [f"v10_{i}_oorzaak" for i in items]
    for sector in SECTORS:
        all_s = sl_pos[ctx.sector[sl_pos] == sector]
        ans = answering_all[ctx.sector[answering_all] == sector]
        if len(all_s) == 0:
            continue
        levels = {}
        for i in items:
            v = tg.pick_optional("Tabel B3.1", b31_year, CAUSE_ITEMS[i - 1], group=sector)
            levels[i] = (v if v is not None else 10.0) / 100.0
        if not printed_year:
            shifts = story.CAUSE_SHIFTS.get(level_year, {}).get(sector, {})
            levels = {
                i: float(np.clip(p + shifts.get(i, 0.0), 0.005, 0.95)) for i, p in levels.items()
            }
            ses = {i: float(np.sqrt(p * (1 - p) / len(all_s))) for i, p in levels.items()}
            top_items = story.CAUSE_TOP.get(level_year, {}).get(sector)
            top = (frozenset(top_items), len(top_items)) if top_items else None
            drawn = variation.ranked_draws(ctx.seed, f"v10|{sector}", ctx.year, levels, ses, top)
            levels = {i: float(np.clip(v, 0.0, 0.95)) for i, v in drawn.items()}
        props = [levels[i] for i in items]
        # counts relative to all schoolleiders of the sector, ticked among those answering
        rel = [min(1.0, p * len(all_s) / max(len(ans), 1)) for p in props]
        exact = [int(round(p * len(all_s))) for p in props]
        tick_multi(ctx, cause_cols, ans, rel, (), np.ones(ctx.n))
        for c, k in zip(cause_cols, exact, strict=False):
            _repair_ticks(ctx, c, ans, k, cause_cols)


def _repair_ticks(
    ctx: AnswerContext, col: str, pos: np.ndarray, k: int, row_cols: Sequence[str]
) -> None:
    """Move the ticks of ``col`` among ``pos`` to exactly ``k``; a tick is only removed from a
    respondent who keeps another tick in ``row_cols``."""
    arr = ctx.data[col]
    have = np.flatnonzero(arr[pos] == 1)
    if len(have) > k:
        drop = ctx.rng.permutation(have)[: len(have) - k]
        for d in drop:
            row = pos[d]
            if sum(ctx.data[cc][row] for cc in row_cols) > 1:
                arr[row] = 0
    elif len(have) < k:
        cand = np.flatnonzero(arr[pos] == 0)
        add = ctx.rng.permutation(cand)[: k - len(have)]
        arr[pos[add]] = 1


def _q10_spending(
    ctx: AnswerContext,
    items: Sequence[int],
    school_year: str,
    sl_pos: np.ndarray,
    answering_all: np.ndarray,
) -> None:
    """besteed: the sector-weighted share among those answering the grid (Tabel 4.1, whole
    percentages: each share inside its printed band; an item the table leaves out varies per
    year around 5%)."""
    cols = [f"v10_{i}_besteed_{school_year.replace('-', '_')}" for i in items]
    for c in cols:
        ctx.new(c)[sl_pos] = 0
    props, bands, priority = [], [], {}
    weights = ctx.ws[answering_all]
    # a measurement the report does not cover: the latest school year of the nearest one
    t41_year = tg.published_year(ctx.year)
    t41_school_year = school_year if t41_year == ctx.year else spending_years(t41_year)[-1]
    for j, i in enumerate(items):
        v = tg.pick_optional(
            "Tabel 4.1", t41_year, CAUSE_ITEMS[i - 1], school_year=t41_school_year, nearest=False
        )
        key = f"v10_besteed|{school_year}|{i}"
        if v is None:
            level = Q10_UNPRINTED_SPENDING
            se = variation.weighted_se(level, weights)
            props.append(variation.varied_share(level, ctx.z(key), se))
            bands.append(None)
        else:
            point = variation.printed_point(ctx.seed, key, ctx.year, v, 0.5)
            lo, hi = tg.printed_band("Tabel 4.1", v)
            props.append(max(point, 0.0) / 100.0)
            bands.append((max(lo, 0.0) / 100.0, hi / 100.0))
        cause = ctx.data[f"v10_{i}_oorzaak"]
        score = np.where(cause == 1, 0.0, 1.0) + ctx.rng.random(ctx.n) * 0.9
        # a small share of spending goes to items not named as cause
        flip = ctx.rng.random(ctx.n) < Q10_SPEND_OUTSIDE_CAUSE
        priority[j] = np.where(flip, score - 1.0, score)
    tick_multi_nocover(ctx, cols, answering_all, props, ("sector",), ctx.ws, priority, bands)


def _q11(ctx: AnswerContext) -> None:
    """v11 spent on (Tabel 4.2, sector weights): each option inside its printed band, the ticks
    spread evenly over the municipality categories (C192, C193: no differences between sectors or
    municipality categories)."""
    vals = [pick("Tabel 4.2", ctx.year, lbl) for lbl in Q11_LABELS]
    cols = [f"v11_{i}" for i in range(1, 7)]
    pos = ctx.positions(ctx.sl)
    for c in cols:
        ctx.new(c)[pos] = 0
    props, bands = printed_shares(vals, "Tabel 4.2", exclusive=False)
    tick_exact(
        ctx,
        cols,
        pos,
        props,
        ("sector",),
        ctx.ws,
        bands or [None] * len(cols),
        NONRESPONSE_RATE,
        exclusive=(5, 4),
        spread_over="municipality_category",
    )


def _q14(ctx: AnswerContext) -> None:
    """v14 budget split (Tabel 3.3, sector weights; means over those who filled a field). Per
    sector the filled fields hit the printed means; the shares are skewed (a few schools put much
    of the budget on the schoolleiding or ondersteunend personeel), with the spread of
    :data:`Q14_SHAPE` (C167-C169: the changes 2022-2023 significant, 2023-2024 not)."""
    year = ctx.year
    means = {lbl: pick("Tabel 3.3", year, lbl, statistic="mean_percent") for lbl in Q14_LABELS}
    cols = [f"v14_{i}" for i in range(1, 5)]
    for c in cols[:3]:
        ctx.float_cols.add(c)
    for c in cols:
        ctx.new(c)
    for sector in SECTORS:
        pos = ctx.positions(ctx.sl & (ctx.sector == sector))
        if len(pos) == 0:
            continue
        answering, _ = ctx.drop_nonresponse(pos)
        perm = ctx.rng.permutation(answering)
        n_dk = int(round(Q14_DONT_KNOW * len(perm)))
        dk, split = perm[:n_dk], perm[n_dk:]
        ctx.data["v14_4"][answering] = 0
        ctx.data["v14_4"][dk] = 1
        n = len(split)
        if n == 0:
            continue
        s_mean, l_mean, o_mean = (
            means["Schoolleiding"],
            means["Leerkrachten"],
            means["Overig personeel"],
        )
        n_s, total_s, n_o, total_o = _budget_totals(n, s_mean, l_mean, o_mean)
        s_vals = _integers_with_total(n_s, total_s, 1, Q14_MAX[0], ctx.rng, Q14_SHAPE[0])
        o_vals = _integers_with_total(n_o, total_o, 1, Q14_MAX[1], ctx.rng, Q14_SHAPE[1])
        s_rows = ctx.rng.permutation(split)[:n_s]
        # schoolleiding-fillers preferably also fill OOP
        order = np.concatenate([s_rows, ctx.rng.permutation(np.setdiff1d(split, s_rows))])
        o_rows = order[:n_o] if n_o <= len(order) else order
        s_arr = np.zeros(ctx.n)
        o_arr = np.zeros(ctx.n)
        s_arr[s_rows] = s_vals
        o_arr[o_rows] = o_vals
        l_arr = 100.0 - s_arr - o_arr
        bad = split[l_arr[split] < 1]
        if len(bad):
            raise AnswerError(f"Q14: no room for the leerkrachten share in {len(bad)} rows")
        ctx.data["v14_1"][s_rows] = s_arr[s_rows]
        ctx.data["v14_2"][split] = l_arr[split]
        ctx.data["v14_3"][o_rows] = o_arr[o_rows]


def _budget_totals(
    n: int, s_mean: float, l_mean: float, o_mean: float
) -> tuple[int, int, int, int]:
    """(fillers, total) of the schoolleiding and the ondersteunend-personeel field for ``n``
    schoolleiders giving a split, such that the three field means (leerkrachten over all ``n``)
    round to the printed means (Tabel 3.3, one decimal) where integers allow."""
    half = 0.5 * (1 - tg.BAND_MARGIN) * 0.1
    n_s0 = max(1, int(round(Q14_SCHOOLLEIDING_FILL_SHARE * n)))
    best: tuple[float, int, int, int, int] | None = None
    for n_s in sorted(range(max(1, n_s0 - 3), n_s0 + 4), key=lambda k: abs(k - n_s0)):
        total_s = int(round(s_mean * n_s))
        miss_s = max(0.0, abs(total_s / n_s - s_mean) - half)
        rest = n * (100.0 - l_mean) - total_s
        for total_o in range(int(rest) - 8, int(rest) + 9):
            miss_l = max(0.0, abs(100.0 - (total_s + total_o) / n - l_mean) - half)
            n_o = min(max(1, int(round(total_o / o_mean))), n)
            for k in (n_o - 1, n_o, n_o + 1):
                if not 1 <= k <= n or total_o < k:
                    continue
                miss_o = max(0.0, abs(total_o / k - o_mean) - half)
                score = (
                    1000 * (miss_s + miss_l + miss_o) + abs(n_s - n_s0) + abs(total_o - rest) * 0.01
                )
                if best is None or score < best[0]:
                    best = (score, n_s, total_s, k, total_o)
    assert best is not None
    return best[1], best[2], best[3], best[4]


def _integers_with_total(
    n: int, total: int, lo: int, hi: int, rng: np.random.Generator, shape: float = 4.0
) -> np.ndarray:
    """n integers in [lo, hi] summing to ``total``: ``lo`` + gamma-distributed amounts with this
    shape (smaller = more skewed) around the mean, adjusted by single units."""
    if n == 0:
        return np.zeros(0)
    total = min(max(total, lo * n), hi * n)
    excess = total / n - lo
    raw = lo + rng.gamma(shape, max(excess, 1e-9) / shape, n)
    vals = np.clip(np.round(raw), lo, hi).astype(int)
    diff = total - vals.sum()
    while diff != 0:
        i = rng.integers(n)
        step = 1 if diff > 0 else -1
        if lo <= vals[i] + step <= hi:
            vals[i] += step
            diff -= step
    return vals.astype(float)


def _q16(ctx: AnswerContext) -> None:
    """v16 workload discussed per staff group (Tabel 3.2, sector weights, base: codes 1-3): each
    printed row inside its band; the sector percentages of Tekst H3.3 where printed; 'Anders'
    (not printed) varies per year around :data:`Q16_OTHER`."""
    year = ctx.year
    sl_pos = ctx.positions(ctx.sl)
    ws_b = sector_weight(ctx, "bao")
    ws_g = sector_weight(ctx, "go")
    for row, label in enumerate(Q16_ITEMS, start=1):
        if not asked(year, f"v16_{row}"):
            continue
        col = f"v16_{row}"
        arr = ctx.new(col)
        answering, _ = ctx.drop_nonresponse(sl_pos)
        pos_b = answering[ctx.sector[answering] == "bao"]
        pos_g = answering[ctx.sector[answering] == "go"]
        printed = tg.pick_optional("Tabel 3.2", year, label, nearest=False) if row != 13 else None
        band = None
        if printed is not None:
            total = printed
            lo, hi = tg.printed_band("Tabel 3.2", printed)
            band = (max(lo, 0.0) / 100.0, min(hi, 100.0) / 100.0)
        elif row == 13:
            se = variation.weighted_se(Q16_OTHER / 100.0, ctx.ws[answering])
            total = 100.0 * variation.varied_share(Q16_OTHER / 100.0, ctx.z(f"v16|{row}"), se)
        else:
            total = tg.pick("Tabel 3.2", year, label)
        rates = None
        if row in Q16_TEXT_LABELS:
            vb = tg.pick_optional(
                "Tekst H3.3", year, Q16_TEXT_LABELS[row], group="bao", nearest=False
            )
            vg = tg.pick_optional(
                "Tekst H3.3", year, Q16_TEXT_LABELS[row], group="go", nearest=False
            )
            if vb is not None and vg is not None:
                rates = (vb / 100.0, vg / 100.0)
        # weet niet (code 3) ~3%, counted in the base; n.v.t. (code 4) excluded
        dk_rate = 0.0 if row == 1 else 0.03
        nvt = Q16_NVT[row]
        avail = (len(pos_b), len(pos_g))
        if rates is None:
            (nb, ng), (kb, kg) = cal.two_group_counts(
                avail,
                (ws_b, ws_g),
                total / 100.0,
                base_share=(1 - nvt[0], 1 - nvt[1]),
                band=band,
            )
        else:
            half = 0.5 * (1 - tg.BAND_MARGIN) / 100.0
            (nb, ng), (kb, kg) = cal.two_group_counts(
                avail, (ws_b, ws_g), total / 100.0, rates=rates, band=band, rate_half_width=half
            )
        for pos, n_base, k_yes in ((pos_b, nb, kb), (pos_g, ng, kg)):
            perm = ctx.rng.permutation(pos)
            base, rest = perm[:n_base], perm[n_base:]
            arr[rest] = 4
            n_dk = min(int(round(dk_rate * n_base)), n_base - k_yes)
            codes = np.concatenate(
                [np.ones(k_yes), np.full(n_dk, 3), np.full(n_base - k_yes - n_dk, 2)]
            )
            arr[base] = codes


def _q18(ctx: AnswerContext) -> None:
    """v18 other measures (Tabel 4.4, sector weights): one of options 1-3 or only 'Weet ik niet'
    (about :data:`Q18_DONT_KNOW`, not in the base); each share inside its printed band and
    options 1+2 inside the band of Tekst H4.2 ('82% van de scholen') where printed."""
    vals = [pick("Tabel 4.4", ctx.year, lbl) for lbl in Q18_LABELS]
    cols = [f"v18_{i}" for i in range(1, 5)]
    pos = ctx.positions(ctx.sl)
    for c in cols:
        ctx.new(c)[pos] = 0
    answering, _ = ctx.drop_nonresponse(pos)
    props, bands = printed_shares(vals, "Tabel 4.4")
    tmp = "_v18"
    ctx.new(tmp)
    if bands is None:
        n_dk = int(round(Q18_DONT_KNOW * len(answering)))
        dk = np.sort(ctx.rng.permutation(answering)[:n_dk])
        allocate_single(
            ctx, tmp, np.setdiff1d(answering, dk), [1, 2, 3], props, ("sector",), ctx.ws
        )
    else:
        margins = []
        either = tg.pick_optional("Tekst H4.2", ctx.year, "Ja (andere maatregelen)", nearest=False)
        if either is not None:
            lo, hi = tg.printed_band("Tekst H4.2", either)
            margins.append(cal.Margin((0, 1), (0, 1, 2), (lo / 100.0, hi / 100.0)))
        dk = allocate_exact(
            ctx,
            tmp,
            answering,
            [1, 2, 3],
            props,
            ("sector",),
            ctx.ws,
            bands,
            Q18_DONT_KNOW,
            margins,
        )
    choice = ctx.data.pop(tmp)
    base = np.setdiff1d(answering, dk)
    ctx.data["v18_4"][dk] = 1
    for i, c in enumerate(cols[:3], start=1):
        ctx.data[c][base] = (choice[base] == i).astype(float)


def _q15(ctx: AnswerContext) -> None:
    """v15 present at the meetings (all respondents, cell weights), per function group: the
    levels of :data:`.story.Q15_LEVELS` (overig OP 'niet tot de doelgroep' from Tekst H3.3, inside
    its printed band where printed), varying per year without significant changes (C175)."""
    ctx.new("v15")
    pos_all = ctx.positions(np.ones(ctx.n, dtype=bool))
    answering, _ = ctx.drop_nonresponse(pos_all)
    for group in ANALYSIS_GROUPS:
        pos = answering[ctx.group[answering] == group]
        if len(pos) == 0:
            continue
        base = np.array(story.Q15_LEVELS[group], dtype=float)
        printed = None
        if group == OVR:
            level = tg.pick_optional(
                "Tekst H3.3", ctx.year, Q15_NOT_TARGET, group="Overig ondersteunend personeel"
            )
            if level is not None:
                base = np.insert(
                    np.delete(base, 5) / np.delete(base, 5).sum() * (1 - level / 100),
                    5,
                    level / 100,
                )
            printed = tg.pick_optional(
                "Tekst H3.3",
                ctx.year,
                Q15_NOT_TARGET,
                group="Overig ondersteunend personeel",
                nearest=False,
            )
        n_eff = _n_eff(ctx.w[pos]) / ALL_STAFF_DEFF
        dist = variation.stable_distribution(
            ctx.seed,
            f"v15|{group}",
            ctx.year,
            base,
            n_eff,
            bound_years=story.STORY_YEARS,
            sums=story.Q15_PRESENT.get(group, ()),
        )
        bands = None
        if printed is not None:
            lo, hi = tg.printed_band("Tekst H3.3", printed)
            bands = [None] * 5 + [(lo / 100.0, hi / 100.0)] + [None] * 2
        allocate_single(
            ctx, "v15", pos, list(range(1, 9)), dist, ("sector", "weighting_group"), ctx.w, bands
        )


def _q19(ctx: AnswerContext) -> None:
    """v19: exactly 'Totaal N' answer 1-5 (Tabel 5.1, cell weights, each code inside its printed
    band); '(enigszins) gedaald' by sector and municipality category from Tekst H5.2 (2024, whole
    percentages) or, in the other years, from the differences of :data:`.story.Q19_CONTRASTS`
    with a draw per year."""
    year = ctx.year
    arr = ctx.new("v19")
    vals = np.array([pick("Tabel 5.1", year, lbl) for lbl in Q19_LABELS])
    props, bands = printed_shares(vals, "Tabel 5.1")
    n_target = int(pick("Tabel 5.1", year, "Totaal N", statistic="n"))
    pos_all = ctx.positions(np.ones(ctx.n, dtype=bool))
    answering, _ = ctx.drop_nonresponse(pos_all)
    n_target = min(n_target, len(answering))
    # who answers 'Weet ik niet' (6): propensity by weighting group, exact total
    prop = np.array([Q19_DONT_KNOW_BY_GROUP.get(g, 1.0) for g in ctx.wgroup[answering]])
    key = ctx.rng.random(len(answering)) ** (1.0 / prop)  # weighted sampling without replacement
    order = np.argsort(-key, kind="stable")
    n_dk = len(answering) - n_target
    arr[answering[order[:n_dk]]] = 6
    subst = np.sort(answering[order[n_dk:]])
    down = float(props[0] + props[1])
    down_band = None if bands is None else (bands[0][0] + bands[1][0], bands[0][1] + bands[1][1])
    margins = [(np.ones(ctx.n, dtype=bool), down, down_band)] + _q19_margins(ctx, subst, down)
    rate = _solve_rates(ctx, subst, [(m, v) for m, v, _ in margins])
    is_down = _q19_down(ctx, subst, rate, margins)
    w_all = float(ctx.w[subst].sum())
    for members, codes, part in (
        (subst[is_down[subst]], [1, 2], slice(0, 2)),
        (subst[~is_down[subst]], [3, 4, 5], slice(2, 5)),
    ):
        scale = w_all / max(float(ctx.w[members].sum()), 1e-12)
        sub_bands = (
            None if bands is None else [(lo * scale, hi * scale) for lo, hi in bands[part]]  # type: ignore[misc]
        )
        allocate_single(
            ctx,
            "v19",
            members,
            codes,
            props[part] / props[part].sum(),
            ("sector", "weighting_group"),
            ctx.w,
            sub_bands,
        )


def _q19_margins(
    ctx: AnswerContext, subst: np.ndarray, down: float
) -> list[tuple[np.ndarray, float, cal.Band]]:
    """(members, share gedaald, band) per sector and municipality category: Tekst H5.2 where it
    prints the year, else the overall share moved by the story's differences (each difference
    drawn as z x its SE around the story's value)."""
    out: list[tuple[np.ndarray, float, cal.Band]] = []
    printed = ctx.year in tg.years_with("Tekst H5.2")
    for column, values, labels in (
        ("sector", ctx.sector, H52_SECTOR),
        ("municipality_category", ctx.muni, H52_MUNICIPALITY),
    ):
        if printed:
            for label, category in labels.items():
                v = tg.pick_optional(
                    "Tekst H5.2", ctx.year, Q19_H52_CATEGORY, group=label, nearest=False
                )
                if v is None:
                    continue
                lo, hi = tg.printed_band("Tekst H5.2", v)
                out.append((values == category, v / 100.0, (lo / 100.0, hi / 100.0)))
            continue
        contrasts = story.Q19_CONTRASTS[column]
        reference = next(c for c, d in contrasts.items() if d == 0.0)
        w = ctx.w[subst]
        share = {c: float(w[values[subst] == c].sum() / w.sum()) for c in contrasts}
        ref_w = ctx.w[subst[values[subst] == reference]]
        diffs = {}
        for category, diff in contrasts.items():
            if category == reference:
                diffs[category] = 0.0
                continue
            members_w = ctx.w[subst[values[subst] == category]]
            se = float(
                np.hypot(
                    variation.weighted_se(down + diff, members_w, ALL_STAFF_DEFF),
                    variation.weighted_se(down, ref_w, ALL_STAFF_DEFF),
                )
            )
            diffs[category] = diff + ctx.z(f"v19|{column}|{category}") * se
        level = down - sum(share[c] * d for c, d in diffs.items())
        for category, d in diffs.items():
            out.append((values == category, level + d, None))
    return out


def _q19_down(
    ctx: AnswerContext,
    subst: np.ndarray,
    rate: dict[tuple[str, str], float],
    margins: list[tuple[np.ndarray, float, cal.Band]],
) -> np.ndarray:
    """Who says '(enigszins) gedaald': counts per sector x municipality x weighting group from the
    cell rates, refined so every margin lies in its band."""
    cells: list[np.ndarray] = []
    ticks: list[int] = []
    for (s, m), r in rate.items():
        pos = subst[(ctx.sector[subst] == s) & (ctx.muni[subst] == m)]
        sub, ws = ctx.cells(pos, ("weighting_group",), ctx.w)
        cells += sub
        ticks += binary_counts(ctx, sub, ws, r)
    weights = [float(ctx.w[c[0]]) for c in cells]
    subsets = [np.array([bool(mask[c[0]]) for c in cells]) for mask, _, _ in margins]
    refined = cal.refine_ticks(
        np.array(ticks),
        np.array([len(c) for c in cells]),
        np.array(weights),
        [(subset, value, band) for subset, (_, value, band) in zip(subsets, margins, strict=True)],
        priority=[Q19_TABLE_PRIORITY] + [1.0] * (len(margins) - 1),
    )
    is_down = np.zeros(ctx.n, dtype=bool)
    for cell, k in zip(cells, refined, strict=True):
        is_down[ctx.rng.permutation(cell)[:k]] = True
    return is_down


def _solve_rates(
    ctx: AnswerContext, pos: np.ndarray, margins: list[tuple[np.ndarray, float]]
) -> dict[tuple[str, str], float]:
    """Rates per sector x municipality (additive) whose weighted margins over ``pos`` fit
    ``margins`` (LS)."""
    cells = [(s, m) for s in SECTORS for m in MUNICIPALITIES]
    w = np.zeros(ctx.n)
    w[pos] = ctx.w[pos]
    params = (
        [("all", None)]
        + [("sector", s) for s in SECTORS[1:]]
        + [("muni", m) for m in MUNICIPALITIES[1:]]
    )

    def cell_rate(theta: np.ndarray, s: str, m: str) -> float:
        r = theta[0]
        for j, (kind, val) in enumerate(params[1:], start=1):
            if (kind == "sector" and s == val) or (kind == "muni" and m == val):
                r += theta[j]
        return float(np.clip(r, 0.01, 0.99))

    design = np.zeros((len(margins), len(params)))
    for t, (mask, _) in enumerate(margins):
        wt = w * mask
        tot = wt.sum()
        design[t, 0] = 1.0
        for j, (kind, val) in enumerate(params[1:], start=1):
            sel = ctx.sector == val if kind == "sector" else ctx.muni == val
            design[t, j] = wt[sel].sum() / tot if tot > 0 else 0.0
    goal = np.array([v for _, v in margins])
    theta = np.zeros(len(params))
    theta[0] = goal[0]
    for _ in range(10):
        realised = []
        for mask, _ in margins:
            wt = w * mask
            num = sum(
                wt[(ctx.sector == s) & (ctx.muni == m)].sum() * cell_rate(theta, s, m)
                for s, m in cells
            )
            realised.append(num / wt.sum())
        resid = goal - np.array(realised)
        if np.max(np.abs(resid)) < 1e-5:
            break
        theta += cal.solve_offsets(design, resid)
    return {(s, m): cell_rate(theta, s, m) for s, m in cells}


def _q21(ctx: AnswerContext) -> None:
    """v21 own workload (all respondents), per function group: :data:`.story.Q21_LEVELS`, varying
    per year without significant changes (C242)."""
    ctx.new("v21")
    pos_all = ctx.positions(np.ones(ctx.n, dtype=bool))
    answering, _ = ctx.drop_nonresponse(pos_all)
    for group in ANALYSIS_GROUPS:
        pos = answering[ctx.group[answering] == group]
        if len(pos) == 0:
            continue
        n_eff = _n_eff(ctx.w[pos]) / ALL_STAFF_DEFF
        dist = variation.stable_distribution(
            ctx.seed,
            f"v21|{group}",
            ctx.year,
            story.Q21_LEVELS[group],
            n_eff,
            bound_years=story.STORY_YEARS,
        )
        allocate_single(
            ctx, "v21", pos, list(range(1, 7)), dist, ("sector", "weighting_group"), ctx.w
        )


def _n_eff(weights: np.ndarray) -> float:
    """Kish's effective sample size of a set of weights."""
    w = np.asarray(weights, dtype=float)
    return float(w.sum() ** 2 / (w**2).sum()) if len(w) and (w**2).sum() > 0 else 0.0
