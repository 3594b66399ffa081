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
where the table is unweighted) land on the published values up to integer rounding.

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
5.  Tabel 4.3 sums to 97,3 (2022) and 99,1 (2023): the missing amount is spread equally over the
    four options (each stays within 0,7 pp of its printed value); likewise for sums above 100.
6.  Tabel 4.4 (multiple answers allowed, sums to 100): each schoolleider ticks exactly one of
    the options 1-3 or only 'Weet ik niet' (v18_4, excluded from the base). Tekst H4.2's 82% is
    then v18_1 + v18_2 = 81,5.
13. §3.1 top-4 bao vs Tabel B3.1: the table's numbers are used (differentiëren 47,0 above
    ziekteverzuim); the text's ranking is therefore not reproduced for bao.
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
values) the nearest published year is used (2024); B2 coefficients likewise.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from werkdruk_utils import measurements
from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.synth import calibrate as cal
from werkdruk_utils.synth import targets as tg
from werkdruk_utils.synth.context import (
    ANALYSIS_GROUPS,
    LERAAR,
    MUNICIPALITIES,
    OOP,
    OVR,
    REQUIRED_COLUMNS,
    SECTORS,
    SL,
    AnswerContext,
    AnswerError,
    allocate_single,
    binary_counts,
    normalised,
    pick,
    sector_weight,
    tick_multi,
    tick_multi_nocover,
)
from werkdruk_utils.synth.scales import generate_scales


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
Q14_SCHOOLLEIDING_FILL_SHARE = 0.30
"""Share of the schoolleiders giving a split who fill in a (non-zero) share for the
schoolleiding."""
Q18_DONT_KNOW = 0.04
Q13_SOURCE = ("Tekst H3.3", "Ja")
Q23_SOURCE = ("Tekst B1", "aangemelde scholen voor casestudies")
"""Tekst B1: 46 schools volunteered for the case studies (v23 = 1), of the 270 schoolleiders of
2024;
other years use the same share of their schoolleiders."""
Q15_DIST: dict[str, tuple[float, ...]] = {
    SL: (0.72, 0.17, 0.00, 0.01, 0.02, 0.01, 0.03, 0.04),
    LERAAR: (0.22, 0.33, 0.03, 0.08, 0.08, 0.10, 0.06, 0.10),
    OOP: (0.18, 0.30, 0.04, 0.08, 0.08, 0.16, 0.06, 0.10),
    OVR: (0.10, 0.15, 0.03, 0.03, 0.03, 0.59, 0.03, 0.04),
}
"""Q15 codes 1-8 per function group (Figuur 3.3 wording; overig OP code 6 is replaced by §3.3's
59%)."""
Q21_DIST: dict[str, tuple[float, ...]] = {
    SL: (0.04, 0.30, 0.40, 0.10, 0.03, 0.13),
    LERAAR: (0.06, 0.44, 0.33, 0.06, 0.02, 0.09),
    OOP: (0.04, 0.28, 0.45, 0.05, 0.02, 0.16),
    OVR: (0.02, 0.15, 0.55, 0.04, 0.01, 0.23),
}
"""Q21 codes 1-6 per function group (Figuur 5.5: leerkrachten most often gedaald, others gelijk
gebleven)."""
Q19_DONT_KNOW_BY_GROUP = {"schoolleider": 0.3, "leerkracht": 1.0, "overig": 1.8}
"""Relative propensity to answer 'Weet ik niet' on Q19 per weighting group."""
Q7_GROUP_FACTOR = {SL: 1.0, LERAAR: 0.85, OOP: 0.65, OVR: 0.35}
"""Q7 options without a published value: B3.1 (bao) share x this factor, capped below the group's
named top."""
Q7_NONE = {SL: 0.01, LERAAR: 0.02, OOP: 0.05, OVR: 0.12}
Q7_OTHER = 0.06
Q10_SPEND_OUTSIDE_CAUSE = 0.12


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


def generate_answers(frame: pd.DataFrame, year: int, rng: np.random.Generator) -> pd.DataFrame:
    """Answers for one measurement year, calibrated to the published values (see module docstring).

    Args:
        frame: structural frame, one row per respondent (columns :data:`REQUIRED_COLUMNS`;
        optionally
            :data:`OBSERVED_WTF_COLUMN`, the werktijdfactor the analysis will see, NaN = missing;
            without
            it the true werktijdfactor is used for the regression check).
        year: measurement year of the codebook (one the report does not cover gets the numbers
            of the nearest one it does).
        rng: random generator; the same seed gives identical output.

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
    ctx = AnswerContext(frame, year, rng)
    generate_scales(ctx)
    _q7(ctx)
    _q8(ctx)
    _q9(ctx)
    _q10(ctx)
    _q11(ctx)
    _single_sl(ctx, "v12", "Tabel 4.3", Q12_LABELS)
    _simple_sl(ctx, "v13", [1, 2], _q13_props(year))
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
    year = ctx.year
    items = [i for i in range(1, 29) if asked(year, f"v7_{i}")]
    cols = [f"v7_{i}" for i in items] + ["v7_29"]
    pos_all = ctx.positions(np.ones(ctx.n, dtype=bool))
    answering, _ = ctx.drop_nonresponse(pos_all)
    for c in cols:
        ctx.new(c)[pos_all] = 0
    b31_year = tg.nearest_year("Tabel B3.1", year)
    h31_year = tg.nearest_year("Tekst H3.1", year)
    named = tg.rows("Tekst H3.1", h31_year, "percent")
    for group in ANALYSIS_GROUPS:
        pos = answering[ctx.group[answering] == group]
        if len(pos) == 0:
            continue
        label = next(lbl for lbl, g in H31_GROUPS.items() if g == group)
        group_named = named.loc[named["group"] == label]
        cap = group_named["value"].min() / 100.0 - 0.05 if len(group_named) else 0.6
        props = []
        for i in items:
            if i == 28:
                props.append(Q7_OTHER)
                continue
            hit = group_named.loc[
                [tg.labels_match(c, CAUSE_ITEMS[i - 1]) for c in group_named["category"]]
            ]
            if len(hit):
                props.append(float(hit["value"].iloc[0]) / 100.0)
                continue
            base = tg.pick_optional("Tabel B3.1", b31_year, CAUSE_ITEMS[i - 1], group="bao")
            p = (base if base is not None else 10.0) / 100.0 * Q7_GROUP_FACTOR[group]
            props.append(min(p, cap))
        props.append(Q7_NONE[group])
        tick_multi(
            ctx, cols, pos, props, ("sector", "weighting_group"), ctx.w, exclusive=(len(cols) - 1,)
        )


# ====================================================================== Q8 evaluated (all)


def _q8(ctx: AnswerContext) -> None:
    year = ctx.year
    no_change = pick("Tekst H3.2", year, "geen verandering in de inzet van de middelen") / 100.0
    pos_all = ctx.positions(np.ones(ctx.n, dtype=bool))
    answering, _ = ctx.drop_nonresponse(pos_all)
    for is_sl, label, dk_default in (
        (True, "Schoolleiders", Q8_DONT_KNOW_SL),
        (False, "Rest van het team", Q8_DONT_KNOW_REST),
    ):
        pos = answering[ctx.sl[answering] == is_sl]
        yes = pick("Tekst H3.2", year, "Ja (geëvalueerd)", group=label) / 100.0
        dk = tg.pick_optional("Tekst H3.2", year, "Weet ik niet", group=label, nearest=False)
        dk = dk / 100.0 if dk is not None else dk_default
        props = [max(0.0, 1 - yes - dk), yes * no_change, yes * (1 - no_change), dk]
        allocate_single(ctx, "v8", pos, [1, 2, 3, 4], props, ("sector", "weighting_group"), ctx.w)


# ====================================================================== schoolleider questions


def _q9(ctx: AnswerContext) -> None:
    year = ctx.year
    ctx.new("v9")
    for sector in SECTORS:
        pos = ctx.positions(ctx.sl & (ctx.sector == sector))
        answering, _ = ctx.drop_nonresponse(pos, Q9_NONRESPONSE)
        vals = [pick("Tabel 3.1", year, lbl, group=sector) for lbl in Q9_LABELS]
        allocate_single(ctx, "v9", answering, [1, 2, 3], normalised(vals), (), np.ones(ctx.n))


def _single_sl(ctx: AnswerContext, col: str, source: str, labels: Sequence[str]) -> None:
    vals = [pick(source, ctx.year, lbl) for lbl in labels]
    ctx.new(col)
    pos = ctx.positions(ctx.sl)
    answering, _ = ctx.drop_nonresponse(pos)
    allocate_single(
        ctx, col, answering, list(range(1, len(labels) + 1)), normalised(vals), ("sector",), ctx.ws
    )


def _simple_sl(ctx: AnswerContext, col: str, codes: Sequence[int], props: Sequence[float]) -> None:
    ctx.new(col)
    pos = ctx.positions(ctx.sl)
    answering, _ = ctx.drop_nonresponse(pos)
    allocate_single(ctx, col, answering, codes, props, ("sector",), ctx.ws)


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


def _q13_props(year: int) -> list[float]:
    yes = tg.pick(Q13_SOURCE[0], year, Q13_SOURCE[1], group="scholen") / 100.0
    return [yes, 1 - yes]


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
    """oorzaak: the unweighted count of all schoolleiders in the sector (Tabel B3.1)."""
    b31_year = tg.nearest_year("Tabel B3.1", ctx.year)
    cause_cols = [f"v10_{i}_oorzaak" for i in items]
    for sector in SECTORS:
        all_s = sl_pos[ctx.sector[sl_pos] == sector]
        ans = answering_all[ctx.sector[answering_all] == sector]
        if len(all_s) == 0:
            continue
        props = []
        for i in items:
            v = tg.pick_optional("Tabel B3.1", b31_year, CAUSE_ITEMS[i - 1], group=sector)
            props.append((v if v is not None else 10.0) / 100.0)
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
    """besteed: the sector-weighted share among those answering the grid (Tabel 4.1)."""
    cols = [f"v10_{i}_besteed_{school_year.replace('-', '_')}" for i in items]
    for c in cols:
        ctx.new(c)[sl_pos] = 0
    props, priority = [], {}
    # a measurement the report does not cover: the latest school year of the nearest one
    t41_year = tg.published_year(ctx.year)
    t41_school_year = school_year if t41_year == ctx.year else spending_years(t41_year)[-1]
    for j, i in enumerate(items):
        v = tg.pick_optional(
            "Tabel 4.1", t41_year, CAUSE_ITEMS[i - 1], school_year=t41_school_year, nearest=False
        )
        props.append((v if v is not None else 5.0) / 100.0)
        cause = ctx.data[f"v10_{i}_oorzaak"]
        score = np.where(cause == 1, 0.0, 1.0) + ctx.rng.random(ctx.n) * 0.9
        # a small share of spending goes to items not named as cause
        flip = ctx.rng.random(ctx.n) < Q10_SPEND_OUTSIDE_CAUSE
        priority[j] = np.where(flip, score - 1.0, score)
    tick_multi_nocover(ctx, cols, answering_all, props, ("sector",), ctx.ws, priority)


def _q11(ctx: AnswerContext) -> None:
    vals = [pick("Tabel 4.2", ctx.year, lbl) / 100.0 for lbl in Q11_LABELS]
    cols = [f"v11_{i}" for i in range(1, 7)]
    pos = ctx.positions(ctx.sl)
    for c in cols:
        ctx.new(c)[pos] = 0
    answering, _ = ctx.drop_nonresponse(pos)
    tick_multi(ctx, cols, answering, vals, ("sector",), ctx.ws, exclusive=(5, 4))


def _q14(ctx: AnswerContext) -> None:
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
        n_s = int(round(Q14_SCHOOLLEIDING_FILL_SHARE * n))
        s_vals = _integers_with_mean(n_s, s_mean, 1, 15, ctx.rng)
        # everybody fills 'leerkrachten': sum(O) = n * (100 - L_mean) - sum(S)
        total_o = int(round(n * (100.0 - l_mean))) - int(s_vals.sum())
        n_o = max(1, int(round(total_o / o_mean)))
        n_o = min(n_o, n)
        o_vals = _integers_with_total(n_o, total_o, 1, 60, ctx.rng)
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


def _integers_with_mean(
    n: int, mean: float, lo: int, hi: int, rng: np.random.Generator
) -> np.ndarray:
    return _integers_with_total(n, int(round(mean * n)), lo, hi, rng)


def _integers_with_total(
    n: int, total: int, lo: int, hi: int, rng: np.random.Generator
) -> np.ndarray:
    """n integers in [lo, hi], spread around total/n (gamma-shaped), summing to ``total``."""
    if n == 0:
        return np.zeros(0)
    total = min(max(total, lo * n), hi * n)
    mean = total / n
    raw = rng.gamma(4.0, mean / 4.0, n)
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
        total = tg.pick_optional("Tabel 3.2", year, label, nearest=False) if row != 13 else None
        if total is None:
            total = 40.0 if row == 13 else tg.pick("Tabel 3.2", year, label)
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
                avail, (ws_b, ws_g), total / 100.0, base_share=(1 - nvt[0], 1 - nvt[1])
            )
        else:
            (nb, ng), (kb, kg) = cal.two_group_counts(
                avail, (ws_b, ws_g), total / 100.0, rates=rates
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
    vals = [pick("Tabel 4.4", ctx.year, lbl) for lbl in Q18_LABELS]
    p = normalised(vals) * (1 - Q18_DONT_KNOW)
    cols = [f"v18_{i}" for i in range(1, 5)]
    pos = ctx.positions(ctx.sl)
    for c in cols:
        ctx.new(c)[pos] = 0
    answering, _ = ctx.drop_nonresponse(pos)
    tmp = "_v18"
    ctx.new(tmp)
    allocate_single(
        ctx, tmp, answering, [1, 2, 3, 4], list(p) + [Q18_DONT_KNOW], ("sector",), ctx.ws
    )
    choice = ctx.data.pop(tmp)
    for i, c in enumerate(cols, start=1):
        ctx.data[c][answering] = (choice[answering] == i).astype(float)


# ====================================================================== Q15, Q19, Q21 (all)


def _q15(ctx: AnswerContext) -> None:
    ctx.new("v15")
    pos_all = ctx.positions(np.ones(ctx.n, dtype=bool))
    answering, _ = ctx.drop_nonresponse(pos_all)
    for group in ANALYSIS_GROUPS:
        dist = np.array(Q15_DIST[group], dtype=float)
        if group == OVR:
            v = tg.pick_optional(
                "Tekst H3.3",
                ctx.year,
                "Nee, ik behoorde niet tot de doelgroep",
                group="Overig ondersteunend personeel",
            )
            if v is not None:
                rest = np.delete(dist, 5)
                dist = np.insert(rest / rest.sum() * (1 - v / 100.0), 5, v / 100.0)
        pos = answering[ctx.group[answering] == group]
        allocate_single(
            ctx, "v15", pos, list(range(1, 9)), dist, ("sector", "weighting_group"), ctx.w
        )


def _q19(ctx: AnswerContext) -> None:
    """v19: exactly 'Totaal N' answer 1-5 (Tabel 5.1); gedaald by sector and municipality (Tekst
    H5.2)."""
    year = ctx.year
    arr = ctx.new("v19")
    vals = np.array([pick("Tabel 5.1", year, lbl) for lbl in Q19_LABELS])
    props = normalised(vals)
    n_target = int(pick("Tabel 5.1", year, "Totaal N", statistic="n", nearest=False))
    pos_all = ctx.positions(np.ones(ctx.n, dtype=bool))
    answering, _ = ctx.drop_nonresponse(pos_all)
    n_target = min(n_target, len(answering))
    # who answers 'Weet ik niet' (6): propensity by weighting group, exact total
    prop = np.array([Q19_DONT_KNOW_BY_GROUP.get(g, 1.0) for g in ctx.wgroup[answering]])
    key = ctx.rng.random(len(answering)) ** (1.0 / prop)  # weighted sampling without replacement
    order = np.argsort(-key, kind="stable")
    n_dk = len(answering) - n_target
    dk = answering[order[:n_dk]]
    subst = np.sort(answering[order[n_dk:]])
    arr[dk] = 6
    # gedaald (1+2) share per sector x municipality: additive model solved to the text margins
    down = props[0] + props[1]
    margins: list[tuple[np.ndarray, float]] = [(np.ones(ctx.n, dtype=bool), down)]
    h52_year = tg.nearest_year("Tekst H5.2", year)
    if h52_year == year:
        for label, s in H52_SECTOR.items():
            v = tg.pick_optional(
                "Tekst H5.2",
                year,
                "werkdruk op school (enigszins) gedaald",
                group=label,
                nearest=False,
            )
            if v is not None:
                margins.append((ctx.sector == s, v / 100.0))
        for label, m in H52_MUNICIPALITY.items():
            v = tg.pick_optional(
                "Tekst H5.2",
                year,
                "werkdruk op school (enigszins) gedaald",
                group=label,
                nearest=False,
            )
            if v is not None:
                margins.append((ctx.muni == m, v / 100.0))
    rate = _solve_rates(ctx, subst, margins)
    is_down = np.zeros(ctx.n, dtype=bool)
    for (s, m), r in rate.items():
        pos = subst[(ctx.sector[subst] == s) & (ctx.muni[subst] == m)]
        cells, ws = ctx.cells(pos, ("weighting_group",), ctx.w)
        counts = binary_counts(ctx, cells, ws, r)
        for cell, k in zip(cells, counts, strict=False):
            is_down[ctx.rng.permutation(cell)[:k]] = True
    down_pos = subst[is_down[subst]]
    up_pos = subst[~is_down[subst]]
    allocate_single(
        ctx,
        "v19",
        down_pos,
        [1, 2],
        props[:2] / props[:2].sum(),
        ("sector", "weighting_group"),
        ctx.w,
    )
    allocate_single(
        ctx,
        "v19",
        up_pos,
        [3, 4, 5],
        props[2:] / props[2:].sum(),
        ("sector", "weighting_group"),
        ctx.w,
    )


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
    ctx.new("v21")
    pos_all = ctx.positions(np.ones(ctx.n, dtype=bool))
    answering, _ = ctx.drop_nonresponse(pos_all)
    for group in ANALYSIS_GROUPS:
        pos = answering[ctx.group[answering] == group]
        allocate_single(
            ctx,
            "v21",
            pos,
            list(range(1, 7)),
            Q21_DIST[group],
            ("sector", "weighting_group"),
            ctx.w,
        )
