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

Scale scores (Q5 regelmogelijkheden, Q6 kwantitatieve taakeisen / emotionele belasting /
moeilijkheidsgraad) come from a latent model: the linear predictor of Tabel B2.1-B2.4 (age code,
function dummies, werktijdfactor, its square, dummy x werktijdfactor interactions,
achterstandsscore; the 2024 coefficients are used in every year) plus a school effect and
individual noise, made orthogonal to the predictors (weighted) and sized for an R2 of about 0,08
(see note 21; the regression pattern is checked with the analysis' own estimator on the final
scores). Additive offsets by function group, municipality category and sector are then
solved by least squares so that the weighted means of Figuur 2.8-2.10 and the overall means of
Tekst H2.2 are met (the overlapping figure breakdowns are not exactly consistent with each other
and with the rounded overall 1,8, so the least-squares solution leaves differences up to about
0,01 / 0,02). Latent scores are rounded to the item grid (each respondent's own grid: 1/k of the
k answered items) with a fixed random offset per respondent and a correction within fine cells
(function group x sector x municipality category x weighting group) that keeps every cell total,
so group means stay exact to a few thousandths. Items are then spread around the respondent's
score (sum preserved, sometimes one item up and another down).

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
20. §2.2 'leerkrachten/OOP fewer regelmogelijkheden than schoolleiders' vs B2.4 (no star for the
    schoolleider main effect): the coefficients of B2.4 are used; the figure means (which
    show the difference) are met through the function offsets.
21. Borderline stars: the latent coefficients start from the published B (nudged so that B /
published
    SE lies inside its star band) and are then corrected iteratively on exactly what the analysis
    sees:
    the final item-based scale scores (mean of the answered items, at least 2/3 answered), the
    werktijdfactor as the loader parses it from the v3 text (frame column
    ``werktijdfactor_observed``;
    unparseable -> the respondent drops out), the v4 code as age, the bao-only achterstandsscore,
    complete cases, cell weights of all respondents, and the analysis' estimator
    (:func:`werkdruk_utils.stats.survey.svyglm_gaussian`: design-based SE by school, t with df =
    schools - 11).
    Every coefficient is steered to the value whose t lies well inside its star band (p limits .05 /
    .01 / .005 with that df, :data:`STAR_MARGIN` away from each limit; no star |t| <= 1,57, * the
    middle
    of the band, *** >= t(.0025) + 0,4), never further than 1,5 published SE from the published B
    nor
    from the published Beta (:func:`coefficient_window`); the rounded pass that best meets the
    pattern
    (stars, then margins, then deviation) is kept. The function dummies of regelmogelijkheden are
    fixed by
    Figuur 2.8, so their estimates are steered through the dummy x werktijdfactor interactions
    (which keep
    their own star band). The synthetic regression sample (about 1,000 complete cases) is smaller
    than
    the report's, so with homoscedastic noise the SEs are about twice the published ones: the
    residual SD
    is made smaller at high-leverage respondents (:func:`leverage_noise_scale`; the small group
    overig
    ondersteunend personeel, extreme werktijdfactor and age) and smaller for overig ondersteunend
    personeel
    (:data:`NOISE_SCALE_BY_GROUP`). The noise is rescaled while the adjusted R2 is more than
    :data:`R2_WINDOW` from the published value; moeilijkheidsgraad (a *** age effect of B 0,03) ends
    near
    0,09 instead of 0,07 (:data:`SCALE_R2_BY_SCALE`).
26. Tabel 3.2 behandelaars 22,3 vs §3.3 66 (go) / 5 (bao): the bases (schools where the function
    exists, 'n.v.t.' excluded) differ by sector; for the rows §3.3 gives by sector (2024) the
    n.v.t. shares per sector are solved so that the sector percentages and the sector-weighted
    total all hold.

Other years: where a source covers only some years (Tabel 3.1, B3.1, the §3.1/§3.3/§5.2 text
values) the nearest published year is used (2024); B2 coefficients likewise.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from werkdruk_utils.synth import calibrate as cal
from werkdruk_utils.synth import targets as tg

SL = "schoolleider"
LERAAR = "leraar"
OOP = "onderwijsondersteunend personeel"
OVR = "overig ondersteunend personeel"
ANALYSIS_GROUPS: tuple[str, ...] = (SL, LERAAR, OOP, OVR)
SECTORS: tuple[str, ...] = ("bao", "go")
MUNICIPALITIES: tuple[str, ...] = ("G4", "G40", "overig")

SPENDING_YEARS: dict[int, tuple[str, ...]] = {
    2022: ("2020-2021", "2021-2022"),
    2023: ("2022-2023",),
    2024: ("2023-2024",),
}
"""Q10 'besteed' school years per measurement (docs/design.md)."""

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
NOT_ASKED_2022_ITEM = 27
"""Q7 option / Q10 item 'Contact met externe(n) (partijen)' was not asked in 2022."""

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
Q16_NOT_ASKED_2022 = 12
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
    "Het bestuur heeft vooral kaders en criteria aangegeven waarmee ons team rekening moest houden.",
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
FIG28_GROUPS: dict[str, str] = {
    "Schoolleider": SL,
    "Leraar": LERAAR,
    "Onderwijsondersteunend personeel": OOP,
    "Overig ondersteunend personeel": OVR,
}
FIG29_GROUPS: dict[str, str] = {"G4": "G4", "G40": "G40", "Overig": "overig"}

# ---------------------------------------------------------------- assumptions (not published)

NONRESPONSE_RATE = 0.025
"""Item non-response per question (share left empty among those shown), unless stated otherwise."""
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
"""Share of 'besteed' ticks on items not named as oorzaak by the same schoolleider."""
SCALE_R2 = 0.08
"""Share of latent variance explained by the B2 predictors (published adj. R2 0,07-0,08; see note
21)."""
SCALE_R2_BY_SCALE: dict[str, float] = {"moeilijkheidsgraad": 0.10}
"""Exceptions to :data:`SCALE_R2`: Tabel B2.3 has a *** age effect (B 0,03, SE 0,012) that needs a
smaller residual SD in the smaller synthetic sample; its adj. R2 ends near 0,09-0,10 (published
0,07)."""
SCHOOL_VARIANCE_SHARE = 0.10
REGRESSION_ITERATIONS = 16
CONTINUOUS_ITERATIONS = 2
ROUNDED_STEP = 0.5
"""Correction passes of the latent regression: the first on continuous scores, the rest on the
rounded
scores; the rounded pass that best meets the published pattern is kept."""
NOISE_SCALE_BY_GROUP: dict[str, float] = {OVR: 0.65}
"""Relative residual SD per function group. Overig ondersteunend personeel is a small group (about
100 of
1,789, fewer among the bao respondents with an achterstandsscore); with equal residual variance its
published *** effects (B2.1-B2.3) cannot be significant within 2 published SE of B, so its
answers vary less."""
SCALE_QUALITATIVE: dict[str, dict[int, dict[tuple[str, str], float]]] = {
    "kwantitatieve_taakeisen": {
        y: {("municipality_category", "G4"): 0.10} for y in (2022, 2023, 2024)
    },
    "emotionele_belasting": {
        2022: {("municipality_category", "G4"): 0.16},
        2023: {("municipality_category", "G4"): 0.12},
        2024: {("municipality_category", "G4"): 0.09},
    },
    "moeilijkheidsgraad": {
        2022: {("sector", "go"): 0.08},
        2023: {("sector", "go"): 0.12},
        2024: {("sector", "go"): 0.20},
    },
}
"""Fixed offsets for the statements on Figuur 2.3, 2.6, 2.7 (G4 higher; go higher in 2024)."""

SCALES: dict[str, dict[str, object]] = {
    "kwantitatieve_taakeisen": {
        "items": [f"v6_{i}" for i in (1, 2, 3)],
        "lo": 1,
        "hi": 4,
        "table": "Tabel B2.1",
        "text": "Kwantitatieve taakeisen",
    },
    "emotionele_belasting": {
        "items": [f"v6_{i}" for i in (4, 5, 6)],
        "lo": 1,
        "hi": 4,
        "table": "Tabel B2.2",
        "text": "Emotionele belasting",
    },
    "moeilijkheidsgraad": {
        "items": [f"v6_{i}" for i in (7, 8, 9)],
        "lo": 1,
        "hi": 4,
        "table": "Tabel B2.3",
        "text": "Moeilijkheidsgraad",
    },
    "regelmogelijkheden": {
        "items": [f"v5_{i}" for i in range(1, 7)],
        "lo": 1,
        "hi": 3,
        "table": "Tabel B2.4",
        "text": "Regelmogelijkheden",
    },
}
PREDICTORS: tuple[str, ...] = (
    "Leeftijd",
    "Schoolleider",
    "Onderwijsondersteunend personeel",
    "Overig ondersteunend personeel",
    "Werktijdfactor",
    "Werktijdfactor2",
    "Schoolleider * werktijdfactor",
    "Onderwijsondersteunend personeel * werktijdfactor",
    "Overig ondersteunend personeel * werktijdfactor",
    "Achterstandsscore",
)
STAR_BANDS: dict[int, tuple[float, float]] = {
    0: (0.0, 1.6),
    1: (2.1, 2.4),
    2: (2.7, 2.9),
    3: (3.3, np.inf),
}
"""Band of the published t value (B / SE) per number of stars for the starting coefficients (note
21)."""
STAR_MARGIN = 0.2
"""Safety margin of the synthetic |t| to every star limit (p = .05 / .01 / .005 with the analysis'
df)."""
MAX_DEVIATION_SE = 1.5
"""Steered coefficients stay within this many published SE of the published B (and Beta)."""
R2_WINDOW = 0.03
"""The noise is rescaled while the adjusted R2 lies more than this far from the published value."""
LEVERAGE_POWER = 0.75
"""Exponent of the leverage in the residual SD (:func:`leverage_noise_scale`)."""
OBSERVED_WTF_COLUMN = "werktijdfactor_observed"
"""Optional frame column: the werktijdfactor as the loader parses it from the v3 text (NaN =
missing)."""

REQUIRED_COLUMNS: tuple[str, ...] = (
    "school_id",
    "v1",
    "v4",
    "werktijdfactor",
    "sector",
    "municipality_category",
    "achterstandsscore",
    "analysis_group",
    "weighting_group",
)


class AnswerError(ValueError):
    """The structural frame cannot be given answers."""


# ====================================================================== public API


def answer_columns(year: int) -> list[str]:
    """Every answer column :func:`generate_answers` writes for ``year`` (docs/design.md names)."""
    cols = [f"v5_{i}" for i in range(1, 7)] + [f"v6_{i}" for i in range(1, 10)]
    cols += [f"v7_{i}" for i in range(1, 30) if not (year == 2022 and i == NOT_ASKED_2022_ITEM)]
    cols += ["v8", "v9"]
    for i in range(1, 29):
        if year == 2022 and i == NOT_ASKED_2022_ITEM:
            continue
        cols.append(f"v10_{i}_oorzaak")
        cols += [f"v10_{i}_besteed_{sy.replace('-', '_')}" for sy in SPENDING_YEARS[year]]
        cols.append(f"v10_{i}_nvt")
    cols += (
        [f"v11_{i}" for i in range(1, 7)]
        + ["v12", "v13"]
        + [f"v14_{i}" for i in range(1, 5)]
        + ["v15"]
    )
    cols += [f"v16_{i}" for i in range(1, 14) if not (year == 2022 and i == Q16_NOT_ASKED_2022)]
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
        year: measurement year (2022, 2023 or 2024).
        rng: random generator; the same seed gives identical output.

    Returns:
        DataFrame with ``frame.index`` and the columns of :func:`answer_columns` (``Int64``
        codes / 0-1, ``v14_1..v14_3`` ``Float64``); empty = not shown or not answered.
    """
    if year not in SPENDING_YEARS:
        raise AnswerError(
            f"unknown measurement year {year}; expected one of {sorted(SPENDING_YEARS)}"
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise AnswerError(f"structural frame lacks column(s) {missing}")
    unknown = sorted(set(frame["analysis_group"].astype(str)) - set(ANALYSIS_GROUPS))
    if unknown:
        raise AnswerError(f"unknown analysis_group value(s) {unknown}; expected {ANALYSIS_GROUPS}")
    ctx = _Context(frame, year, rng)
    _scales(ctx)
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
    return _apply_codebook(ctx.result(), frame, year)


def _apply_codebook(result: pd.DataFrame, frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Check the columns against the codebook, order them as the codebook does and apply its
    routing.

    Cells of a column whose ``shown_if`` is false for a respondent are emptied (the generator
    already leaves them empty; this guards the contract). Without a codebook module the result
    is returned as is.
    """
    try:
        from werkdruk_utils.inputs.codebook import load_codebook
    except ImportError:  # pragma: no cover - codebook module not available
        return result
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
    spending = [str(sy) for sy in codebook.school_years(year)["spending"]]  # type: ignore[union-attr]
    if tuple(spending) != SPENDING_YEARS[year]:
        raise AnswerError(
            f"{year}: codebook spending school years {spending} differ from {SPENDING_YEARS[year]}"
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


# ====================================================================== context and helpers


class _Context:
    def __init__(self, frame: pd.DataFrame, year: int, rng: np.random.Generator) -> None:
        from werkdruk_utils.stats.weighting import cell_weights, sector_weights

        self.frame = frame
        self.index = frame.index
        self.year = year
        self.rng = rng
        self.n = len(frame)
        self.group = frame["analysis_group"].astype(str).to_numpy()
        self.wgroup = frame["weighting_group"].astype(str).to_numpy()
        self.sector = frame["sector"].astype(str).to_numpy()
        self.muni = frame["municipality_category"].astype(str).to_numpy()
        self.sl = self.group == SL
        self.w = cell_weights(frame).to_numpy(dtype=float)
        self.ws = np.full(self.n, np.nan)
        if self.sl.any():
            self.ws[self.sl] = sector_weights(frame.loc[self.sl]).to_numpy(dtype=float)
        self.data: dict[str, np.ndarray] = {}
        self.float_cols: set[str] = set()

    def new(self, col: str) -> np.ndarray:
        arr = np.full(self.n, np.nan)
        self.data[col] = arr
        return arr

    def positions(self, mask: np.ndarray) -> np.ndarray:
        return np.flatnonzero(mask)

    def drop_nonresponse(
        self, pos: np.ndarray, rate: float = NONRESPONSE_RATE
    ) -> tuple[np.ndarray, np.ndarray]:
        """Split positions into (answering, not answering); round(rate x n) do not answer."""
        k = int(round(rate * len(pos)))
        perm = self.rng.permutation(len(pos))
        missing = np.sort(pos[perm[:k]])
        answering = np.sort(pos[perm[k:]])
        return answering, missing

    def cells(
        self, pos: np.ndarray, by: Sequence[str], weights: np.ndarray
    ) -> tuple[list[np.ndarray], list[float]]:
        """Group positions by frame columns; cell weight = weight of its first member (constant in
        cell)."""
        if len(pos) == 0:
            return [], []
        keys = (
            pd.DataFrame({c: self.frame[c].astype(str).to_numpy()[pos] for c in by}) if by else None
        )
        if keys is None:
            return [pos], [float(weights[pos[0]])]
        out, ws = [], []
        for _, sub in keys.groupby(list(by), sort=True):
            p = pos[sub.index.to_numpy()]
            vals = weights[p]
            if not np.allclose(vals, vals[0]):
                raise AnswerError(f"weights not constant within cell {by}")
            out.append(p)
            ws.append(float(vals[0]))
        return out, ws

    def result(self) -> pd.DataFrame:
        cols = answer_columns(self.year)
        out = {}
        for c in cols:
            arr = self.data.get(c, np.full(self.n, np.nan))
            if c in self.float_cols:
                out[c] = pd.array(arr, dtype="Float64")
            else:
                out[c] = pd.array(np.round(arr), dtype="Float64").astype("Int64")
        return pd.DataFrame(out, index=self.index)


def _normalised(values: Sequence[float]) -> np.ndarray:
    """Printed percentages -> proportions summing to 1; a sum != 100 is corrected by an equal
    shift."""
    v = np.asarray(values, dtype=float)
    v = v + (100.0 - v.sum()) / len(v)
    v = np.clip(v, 0.0, None)
    return v / v.sum()


def _assign(ctx: _Context, col: str, mapping: dict[int, int]) -> None:
    arr = ctx.data.get(col)
    if arr is None:
        arr = ctx.new(col)
    for pos, code in mapping.items():
        arr[pos] = code


def _allocate_single(
    ctx: _Context,
    col: str,
    pos: np.ndarray,
    codes: Sequence[int],
    props: Sequence[float],
    by: Sequence[str],
    weights: np.ndarray,
) -> None:
    cells, ws = ctx.cells(pos, by, weights)
    _assign(ctx, col, cal.allocate_codes(cells, ws, codes, props, ctx.rng))


def _binary_counts(ctx: _Context, cells: list[np.ndarray], ws: list[float], p: float) -> list[int]:
    order = sorted(range(len(cells)), key=lambda k: (-ws[k] * len(cells[k]), k))
    counts = cal.diffused_counts([len(cells[k]) for k in order], [ws[k] for k in order], [p, 1 - p])
    out = [0] * len(cells)
    for k, c in zip(order, counts, strict=False):
        out[k] = int(c[0])
    return out


def _tick_multi(
    ctx: _Context,
    cols: Sequence[str],
    pos: np.ndarray,
    props: Sequence[float],
    by: Sequence[str],
    weights: np.ndarray,
    exclusive: Sequence[int] = (),
    priority: dict[int, np.ndarray] | None = None,
) -> None:
    """Multiple-choice options as 0/1: exact weighted share per option among ``pos`` (all
    answering).

    ``exclusive`` option indices are ticked alone; every other respondent ends up with at least
    one tick (ticks are moved within a cell, which keeps the counts). ``priority`` maps an option
    index to a score per frame position; lower scores are ticked first.
    """
    arrays = []
    for c in cols:
        a = ctx.data.get(c)
        if a is None:
            a = ctx.new(c)
        a[pos] = 0
        arrays.append(a)
    cells, ws = ctx.cells(pos, by, weights)
    counts = {j: _binary_counts(ctx, cells, ws, props[j]) for j in range(len(cols))}
    for k, cell in enumerate(cells):
        free = ctx.rng.permutation(cell)
        taken = np.zeros(0, dtype=int)
        for j in exclusive:
            n_j = min(counts[j][k], len(free))
            arrays[j][free[:n_j]] = 1
            taken = np.concatenate([taken, free[:n_j]])
            free = free[n_j:]
        others = [j for j in range(len(cols)) if j not in exclusive]
        for j in others:
            n_j = min(counts[j][k], len(free))
            if priority is not None and j in priority:
                score = priority[j][free] + ctx.rng.random(len(free)) * 1e-3
                chosen = free[np.argsort(score, kind="stable")[:n_j]]
            else:
                chosen = ctx.rng.permutation(free)[:n_j]
            arrays[j][chosen] = 1
        # coverage: everybody non-exclusive ticks at least one option
        mat = np.array([arrays[j][free] for j in others]).T if others else np.zeros((len(free), 0))
        for r in np.flatnonzero(mat.sum(axis=1) == 0) if len(others) else []:
            donors = np.flatnonzero(mat.sum(axis=1) >= 2)
            if len(donors) == 0:
                break
            d = donors[ctx.rng.integers(len(donors))]
            options = np.flatnonzero(mat[d] == 1)
            o = options[ctx.rng.integers(len(options))]
            mat[d, o] = 0
            mat[r, o] = 1
        for jj, j in enumerate(others):
            arrays[j][free] = mat[:, jj]


def _pick(source: str, year: int, category: str, **kw: object) -> float:
    return tg.pick(source, year, category, **kw)  # type: ignore[arg-type]


# ====================================================================== scales (Q5, Q6)


def effective_coefficients(scale: str) -> dict[str, float]:
    """Coefficients of the latent model for ``scale``: published B (Tabel B2.x, 2024), nudged into
    star bands.

    Each B moves at most to the edge of its star band (t = B / published SE) and never more than
    2 published SE. Includes 'Constante'.
    """
    table = str(SCALES[scale]["table"])
    year = tg.nearest_year(table, 2024)
    out: dict[str, float] = {}
    for name in PREDICTORS:
        b = tg.pick(table, year, name, statistic="B", nearest=False)
        se = tg.pick(table, year, name, statistic="SE", nearest=False)
        stars = int(tg.pick(table, year, name, statistic="stars", nearest=False))
        lo, hi = STAR_BANDS[stars]
        t = abs(b) / se
        t_new = min(max(t, lo), hi)
        b_new = np.sign(b) * t_new * se if b != 0 else 0.0
        b_new = float(np.clip(b_new, b - 2 * se, b + 2 * se))
        out[name] = b_new
    out["Constante"] = tg.pick(table, year, "Constante", statistic="B", nearest=False)
    return out


def design_matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """Predictors of Tabel B2.1-B2.4 (reference group leraar); columns named as printed."""
    g = frame["analysis_group"].astype(str)
    wtf = frame["werktijdfactor"].astype(float)
    x = pd.DataFrame(index=frame.index)
    x["Leeftijd"] = frame["v4"].astype(float)
    x["Schoolleider"] = (g == SL).astype(float)
    x["Onderwijsondersteunend personeel"] = (g == OOP).astype(float)
    x["Overig ondersteunend personeel"] = (g == OVR).astype(float)
    x["Werktijdfactor"] = wtf
    x["Werktijdfactor2"] = wtf**2
    x["Schoolleider * werktijdfactor"] = x["Schoolleider"] * wtf
    x["Onderwijsondersteunend personeel * werktijdfactor"] = (
        x["Onderwijsondersteunend personeel"] * wtf
    )
    x["Overig ondersteunend personeel * werktijdfactor"] = x["Overig ondersteunend personeel"] * wtf
    x["Achterstandsscore"] = frame["achterstandsscore"].astype(float)
    return x


def _scale_targets(ctx: _Context, scale: str) -> list[tuple[np.ndarray, float]]:
    """(membership mask, target mean) pairs: overall (Tekst H2.2) and, for regelmogelijkheden, Fig
    2.8-2.10."""
    year = ctx.year
    text = str(SCALES[scale]["text"])
    out = [(np.ones(ctx.n, dtype=bool), _pick("Tekst H2.2", year, text, statistic="mean"))]
    if scale == "regelmogelijkheden":
        cat = "schaalscore"
        for label, g in FIG28_GROUPS.items():
            v = tg.pick_optional("Figuur 2.8", year, cat, group=label, statistic="mean")
            if v is not None:
                out.append((ctx.group == g, v))
        for label, m in FIG29_GROUPS.items():
            v = tg.pick_optional("Figuur 2.9", year, cat, group=label, statistic="mean")
            if v is not None:
                out.append((ctx.muni == m, v))
        for s in SECTORS:
            v = tg.pick_optional("Figuur 2.10", year, cat, group=s, statistic="mean")
            if v is not None:
                out.append((ctx.sector == s, v))
    return out


def _observed_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as the analysis sees it: werktijdfactor as parsed from the v3 text (NaN if not
    parseable).

    Uses the column :data:`OBSERVED_WTF_COLUMN` when the frame has it, else the true werktijdfactor.
    """
    if OBSERVED_WTF_COLUMN not in frame.columns:
        return frame
    observed = pd.to_numeric(frame[OBSERVED_WTF_COLUMN], errors="coerce").astype(float)
    return frame.assign(werktijdfactor=observed)


def _scales(ctx: _Context) -> None:
    frame = ctx.frame
    x_obs = design_matrix(_observed_frame(frame))
    complete = x_obs.notna().all(axis=1).to_numpy()
    x_fit = x_obs.to_numpy(dtype=float)  # NaN where the analysis drops the respondent
    x_true = design_matrix(frame)
    ach = x_true["Achterstandsscore"]
    wtf_filled = x_obs["Werktijdfactor"].fillna(x_true["Werktijdfactor"]).fillna(0.8)
    filled = frame.assign(
        v4=x_true["Leeftijd"].fillna(3.0),
        werktijdfactor=wtf_filled,
        achterstandsscore=ach.fillna(float(ach.mean()) if ach.notna().any() else 0.0),
    )
    xm = np.column_stack([np.ones(ctx.n), design_matrix(filled).to_numpy(dtype=float)])
    schools = frame["school_id"].astype(str).to_numpy()
    school_codes, school_idx = np.unique(schools, return_inverse=True)
    fine_key = np.array(
        [
            f"{a}|{b}|{c}|{d}"
            for a, b, c, d in zip(ctx.group, ctx.sector, ctx.muni, ctx.wgroup, strict=False)
        ]
    )

    for scale, spec in SCALES.items():
        items: list[str] = list(spec["items"])  # type: ignore[arg-type]
        lo, hi = float(spec["lo"]), float(spec["hi"])  # type: ignore[arg-type]
        k = len(items)
        need = int(np.ceil(2 * k / 3))
        # item non-response first, so that the calibration uses the respondents with a score
        answered = ctx.rng.random((ctx.n, k)) >= 0.015
        n_ans = answered.sum(axis=1)
        valid = n_ans >= need
        fit = valid & complete
        coef = effective_coefficients(scale)
        beta = np.array([coef["Constante"]] + [coef[p] for p in PREDICTORS])
        signal = xm @ beta
        # noise orthogonal to the predictors (weighted, complete cases with a score)
        school_eff = ctx.rng.normal(0.0, 1.0, len(school_codes))[school_idx]
        indiv = ctx.rng.normal(0.0, 1.0, ctx.n)
        noise = (
            np.sqrt(SCHOOL_VARIANCE_SHARE) * school_eff + np.sqrt(1 - SCHOOL_VARIANCE_SHARE) * indiv
        )
        noise = noise * np.array([NOISE_SCALE_BY_GROUP.get(g, 1.0) for g in ctx.group])
        enough = fit.sum() > 3 * len(beta)
        if enough:
            noise = noise * leverage_noise_scale(xm, ctx.w, fit)
            sw = np.sqrt(ctx.w[fit])
            gamma, *_ = np.linalg.lstsq(xm[fit] * sw[:, None], noise[fit] * sw, rcond=None)
            noise = noise - xm @ gamma
            var_sig = _wvar(signal[fit], ctx.w[fit])
            var_noise = _wvar(noise[fit], ctx.w[fit])
            r2 = SCALE_R2_BY_SCALE.get(scale, SCALE_R2)
            noise *= np.sqrt(var_sig * (1 - r2) / r2 / var_noise)
        base = signal.copy()
        for (col, val), off in SCALE_QUALITATIVE.get(scale, {}).get(ctx.year, {}).items():
            base = base + np.where(frame[col].astype(str).to_numpy() == val, off, 0.0)
        scale_targets = _scale_targets(ctx, scale)
        # regression correction: realised estimates (the analysis' estimator on the final scores) ->
        # targets
        pinned = (
            {"Schoolleider", "Onderwijsondersteunend personeel", "Overig ondersteunend personeel"}
            if scale == "regelmogelijkheden"
            else set()
        )
        free = np.array([False] + [p not in pinned for p in PREDICTORS])
        corr = np.zeros(len(beta))
        noise_mult = 1.0
        steps = 1.0 / np.maximum(n_ans, 1)
        u = ctx.rng.random(ctx.n)
        pub = published_coefficients(scale)
        r2_target = _published_adj_r2(scale)
        best: tuple[tuple[float, ...], np.ndarray, np.ndarray] | None = None
        for it in range(REGRESSION_ITERATIONS if enough else 1):
            latent = _calibrate_offsets(
                ctx, base + noise_mult * noise + xm @ corr, scale_targets, valid, lo, hi
            )
            rounded = it >= CONTINUOUS_ITERATIONS or not enough
            y = (
                _round_scores(latent, steps, valid, fine_key, lo, hi, u)
                if rounded
                else np.clip(latent, lo, hi)
            )
            if not enough:
                best = ((0.0,), y, latent)
                break
            result = fit_like_analysis(x_fit, y, ctx.w, schools)
            if rounded:
                quality = _pattern_quality(result, pub, r2_target)
                if best is None or quality < best[0]:
                    best = (quality, y, latent)
            target_beta = _star_band_targets(scale, result)
            if pinned:
                _steer_pinned(scale, target_beta, result, xm[fit], ctx.w[fit])
            # rounded passes re-draw the rounding error: only part of the gap is closed (no
            # oscillation)
            step = np.where(free, target_beta - result.b, 0.0) * (ROUNDED_STEP if rounded else 1.0)
            step[0] = 0.0
            corr = corr + step
            noise_mult *= _noise_factor(result.adj_r2, r2_target)
        assert best is not None
        y, latent = best[1], best[2]
        score = np.where(valid, y, np.nan)
        # items: spread each respondent's total over the answered items
        values = np.full((ctx.n, k), np.nan)
        totals = np.where(
            valid, np.round(np.nan_to_num(score) * n_ans), np.round(np.clip(latent, lo, hi) * n_ans)
        )
        extra = ctx.rng.random(ctx.n)
        for i in np.flatnonzero(n_ans > 0):
            cols = np.flatnonzero(answered[i])
            values[i, cols] = _spread(int(totals[i]), len(cols), lo, hi, ctx.rng, extra[i])
        for j, c in enumerate(items):
            ctx.data[c] = values[:, j]


def leverage_noise_scale(
    xm: np.ndarray, w: np.ndarray, fit: np.ndarray, power: float = LEVERAGE_POWER
) -> np.ndarray:
    """Relative residual SD per respondent: smaller where the weighted leverage in the B2 design is
    high.

    ``h_i = w_i x_i' (X'WX)^-1 x_i`` over the rows ``fit``; the scale is ``(h_i / mean h)^-power``,
    clipped to [0,35; 1,6] and normalised to a weighted mean square of 1 over ``fit`` (so the
    explained variance is unchanged). Rows outside ``fit`` get 1. The synthetic sample with
    complete predictors is smaller than the report's, so with homoscedastic noise the design-based
    SEs are about twice the published ones (outside the accepted range); less noise at the
    high-leverage respondents (extreme werktijdfactor or age, the small function groups) brings
    them back to the published size at the published explained variance.
    """
    scale = np.ones(len(w))
    xf, wf = xm[fit], w[fit]
    a_inv = np.linalg.pinv(xf.T @ (xf * wf[:, None]))
    h = wf * np.einsum("ij,jk,ik->i", xf, a_inv, xf)
    s = np.clip((h / h.mean()) ** (-power), 0.35, 1.6)
    s = s / np.sqrt(np.average(s**2, weights=wf))
    scale[fit] = s
    return scale


def _round_scores(
    latent: np.ndarray,
    steps: np.ndarray,
    valid: np.ndarray,
    fine_key: np.ndarray,
    lo: float,
    hi: float,
    u: np.ndarray,
) -> np.ndarray:
    """Scores on each respondent's item grid, cell totals kept within fine cells (NaN if not
    valid)."""
    score = np.full(len(latent), np.nan)
    score[valid] = cal.stable_round(latent[valid], steps[valid], lo, hi, u[valid], fine_key[valid])
    return score


@dataclass(frozen=True)
class RegressionCheck:
    """Estimates of the B2 model as the analysis computes them (constant first, then
    :data:`PREDICTORS`)."""

    b: np.ndarray
    se: np.ndarray
    p: np.ndarray
    sd_ratio: np.ndarray
    """Weighted sd(x) / sd(y) over the rows used (NaN for the constant), as the analysis
    standardises Beta."""
    df: int
    adj_r2: float
    n: int


def fit_like_analysis(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, clusters: np.ndarray
) -> RegressionCheck:
    """The B2 regression exactly as the analysis fits it
    (:func:`werkdruk_utils.stats.survey.svyglm_gaussian`).

    ``x`` holds the :data:`PREDICTORS` (no constant) with NaN where the analysis lacks a value,
    ``y`` the scale scores (NaN = no score), ``w`` the cell weights of *all* respondents and
    ``clusters`` the school ids. Incomplete rows stay in the design with weight zero (as R's
    svyglm does), so every school counts for the variance.
    """
    from werkdruk_utils.stats.survey import svyglm_gaussian

    result = svyglm_gaussian(
        pd.DataFrame(x, columns=list(PREDICTORS)),
        np.asarray(y, dtype=float),
        np.asarray(w, dtype=float),
        np.asarray(clusters).astype(str),
    )
    table = result.table
    yv = np.asarray(y, dtype=float)
    used = ~np.isnan(yv) & ~np.isnan(x).any(axis=1)
    wu = np.asarray(w, dtype=float)[used]
    sd_y = np.sqrt(_wvar(yv[used], wu))
    sd_x = np.array([np.sqrt(_wvar(x[used, j], wu)) for j in range(x.shape[1])])
    return RegressionCheck(
        b=table["B"].to_numpy(dtype=float),
        se=table["SE"].to_numpy(dtype=float),
        p=table["p"].to_numpy(dtype=float),
        sd_ratio=np.concatenate([[np.nan], sd_x / sd_y]),
        df=int(result.df_residual),
        adj_r2=float(result.adj_r2),
        n=int(result.n),
    )


def star_thresholds(df: int) -> tuple[float, float, float]:
    """|t| at which a coefficient gets 1, 2 and 3 stars (p < .05 / .01 / .005, t with ``df`` df)."""
    from scipy import stats

    return tuple(float(stats.t.ppf(1 - a / 2, df)) for a in (0.05, 0.01, 0.005))  # type: ignore[return-value]


def star_band(stars: int, df: int) -> tuple[float, float]:
    """Target band of the synthetic |t| for ``stars`` stars, kept :data:`STAR_MARGIN` inside the
    star limits."""
    t1, t2, t3 = star_thresholds(df)
    if stars == 0:
        return 0.0, t1 - 2 * STAR_MARGIN
    if stars == 1:
        mid = (t1 + t2) / 2
        return mid - 0.02, mid + 0.02
    if stars == 2:
        mid = (t2 + t3) / 2
        return mid - 0.01, mid + 0.01
    return t3 + 2 * STAR_MARGIN, np.inf


def stars_of(p: float) -> int:
    """Stars by the report's legend (* p < .05, ** p < .01, *** p < .005)."""
    return 3 if p < 0.005 else 2 if p < 0.01 else 1 if p < 0.05 else 0


def _published_adj_r2(scale: str) -> float:
    table = str(SCALES[scale]["table"])
    year = tg.nearest_year(table, 2024)
    return float(tg.pick(table, year, "Adj. R2", statistic="adj_r2", nearest=False))


def _noise_factor(adj_r2: float, target: float) -> float:
    """Multiplier of the noise SD that moves the adjusted R2 back inside ``target`` +/-
    :data:`R2_WINDOW`."""
    goal = min(max(adj_r2, target - R2_WINDOW), target + R2_WINDOW)
    if abs(goal - adj_r2) < 1e-9 or not 0 < adj_r2 < 1:
        return 1.0
    odds = adj_r2 / (1 - adj_r2)
    odds_goal = goal / (1 - goal)
    return float(np.clip(np.sqrt(odds / odds_goal), 0.7, 1.5))


def published_coefficients(scale: str) -> pd.DataFrame:
    """Published B, SE, Beta and stars of Tabel B2.x (2024) for ``scale``, constant first (stars 0,
    Beta NaN)."""
    return _published_coefficients(scale).copy()


@functools.cache
def _published_coefficients(scale: str) -> pd.DataFrame:
    table = str(SCALES[scale]["table"])
    year = tg.nearest_year(table, 2024)
    rows = [
        {
            "name": "Constante",
            "B": tg.pick(table, year, "Constante", statistic="B", nearest=False),
            "SE": tg.pick(table, year, "Constante", statistic="SE", nearest=False),
            "Beta": np.nan,
            "stars": 0,
        }
    ]
    for name in PREDICTORS:
        rows.append(
            {
                "name": name,
                "B": tg.pick(table, year, name, statistic="B", nearest=False),
                "SE": tg.pick(table, year, name, statistic="SE", nearest=False),
                "Beta": tg.pick(table, year, name, statistic="Beta", nearest=False),
                "stars": int(tg.pick(table, year, name, statistic="stars", nearest=False)),
            }
        )
    return pd.DataFrame(rows)


def _into_band(b: float, se: float, stars: int, df: int, sign: float | None = None) -> float:
    """``b`` moved so that |b| / se lies in the synthetic star band (sign of ``b``, or ``sign`` if
    given)."""
    lo, hi = star_band(stars, df)
    t = abs(b) / se if se > 0 else 0.0
    s = np.sign(b) if sign is None else sign
    return float(s * min(max(t, lo), hi) * se)


def coefficient_window(b: float, se: float, beta: float, sd_ratio: float) -> tuple[float, float]:
    """Values of the synthetic B within :data:`MAX_DEVIATION_SE` published SE of the published B and
    (on the standardised scale, with the synthetic sd(x)/sd(y) ``sd_ratio``) of the published
    Beta."""
    lo, hi = b - MAX_DEVIATION_SE * se, b + MAX_DEVIATION_SE * se
    if np.isfinite(beta) and np.isfinite(sd_ratio) and sd_ratio > 0:
        implied = beta / sd_ratio
        lo2, hi2 = implied - MAX_DEVIATION_SE * se, implied + MAX_DEVIATION_SE * se
        if max(lo, lo2) <= min(hi, hi2):
            return max(lo, lo2), min(hi, hi2)
        mid = (b + implied) / 2
        return mid, mid
    return lo, hi


def _star_band_targets(scale: str, result: RegressionCheck) -> np.ndarray:
    """Target coefficients (constant first): published B moved into its star band under the
    synthetic SE,
    kept inside :func:`coefficient_window`."""
    pub = _published_coefficients(scale)
    out = [float(pub["B"].iloc[0])]
    for j in range(1, len(pub)):
        b, se, stars = float(pub["B"].iloc[j]), float(pub["SE"].iloc[j]), int(pub["stars"].iloc[j])
        lo, hi = coefficient_window(b, se, float(pub["Beta"].iloc[j]), float(result.sd_ratio[j]))
        want = _into_band(
            b, float(result.se[j]), stars, result.df, sign=np.sign(b) if stars > 0 else None
        )
        out.append(float(np.clip(want, lo, hi)))
    return np.array(out)


def _pattern_quality(
    result: RegressionCheck, pub: pd.DataFrame, r2_target: float
) -> tuple[int, int, float]:
    """(coefficients off the published pattern, coefficients on the edge, largest deviation in
    published SE).

    Lower is better. Off: stars (p with the analysis' df) differ from the published ones, a
    significant coefficient has the wrong sign, B or Beta lies more than 2 published SE away, or
    the adjusted R2 is more than 0,05 off. On the edge: |t| within :data:`STAR_MARGIN` of a star
    limit, B or Beta more than :data:`MAX_DEVIATION_SE` published SE away, or the adjusted R2
    outside the target window. The constant is not checked.
    """
    bad = 0
    edge = 0
    worst = 0.0
    limits = star_thresholds(result.df)
    for j in range(1, len(pub)):
        b, se, stars = float(pub["B"].iloc[j]), float(pub["SE"].iloc[j]), int(pub["stars"].iloc[j])
        beta_pub = float(pub["Beta"].iloc[j])
        b_hat, se_hat = float(result.b[j]), float(result.se[j])
        t = abs(b_hat) / se_hat if se_hat > 0 else 0.0
        dev = abs(b_hat - b) / se
        ratio = float(result.sd_ratio[j])
        dev_beta = (
            abs(b_hat * ratio - beta_pub) / (se * ratio)
            if ratio > 0 and np.isfinite(beta_pub)
            else 0.0
        )
        worst = max(worst, dev, dev_beta)
        if (
            stars_of(float(result.p[j])) != stars
            or max(dev, dev_beta) > 2.0
            or (stars > 0 and np.sign(b_hat) != np.sign(b))
        ):
            bad += 1
            continue
        if (
            min(abs(t - lim) for lim in limits) < STAR_MARGIN
            or max(dev, dev_beta) > MAX_DEVIATION_SE
        ):
            edge += 1
    if abs(result.adj_r2 - r2_target) > 0.05:
        bad += 1
    elif abs(result.adj_r2 - r2_target) > R2_WINDOW + 0.005:
        edge += 1
    return bad, edge, round(worst, 6)


def _steer_pinned(
    scale: str,
    target: np.ndarray,
    result: RegressionCheck,
    xm: np.ndarray,
    w: np.ndarray,
) -> None:
    """For function dummies fixed by the figure means, steer their estimate into the star band via
    the interaction.

    The calibrated group mean fixes main effect + interaction x mean werktijdfactor of the group, so
    moving the main effect by d means moving the interaction by -d / mean werktijdfactor (kept
    inside the interaction's :func:`coefficient_window`).
    """
    pub = _published_coefficients(scale)
    names = list(pub["name"])
    wtf_col = names.index("Werktijdfactor")
    for dummy in (
        "Schoolleider",
        "Onderwijsondersteunend personeel",
        "Overig ondersteunend personeel",
    ):
        jd, ji = names.index(dummy), names.index(f"{dummy} * werktijdfactor")
        stars = int(pub["stars"].iloc[jd])
        b_d = float(pub["B"].iloc[jd])
        desired = _into_band(
            float(result.b[jd]),
            float(result.se[jd]),
            stars,
            result.df,
            sign=np.sign(b_d) if stars > 0 else None,
        )
        lo_d, hi_d = coefficient_window(
            b_d, float(pub["SE"].iloc[jd]), float(pub["Beta"].iloc[jd]), float(result.sd_ratio[jd])
        )
        desired = float(np.clip(desired, lo_d, hi_d))
        members = xm[:, jd] == 1
        if not members.any():
            continue
        wbar = float(np.average(xm[members, wtf_col], weights=w[members]))
        lo_i, hi_i = coefficient_window(
            float(pub["B"].iloc[ji]),
            float(pub["SE"].iloc[ji]),
            float(pub["Beta"].iloc[ji]),
            float(result.sd_ratio[ji]),
        )
        # the interaction keeps its own star band too
        band_lo, band_hi = star_band(int(pub["stars"].iloc[ji]), result.df)
        se_i = float(result.se[ji])
        if int(pub["stars"].iloc[ji]) == 0:
            lo_i, hi_i = max(lo_i, -band_hi * se_i), min(hi_i, band_hi * se_i)
            if lo_i > hi_i:
                lo_i = hi_i = float(np.clip(0.0, lo_i, hi_i))
        target[ji] = float(
            np.clip(float(result.b[ji]) - (desired - float(result.b[jd])) / wbar, lo_i, hi_i)
        )


def _wvar(v: np.ndarray, w: np.ndarray) -> float:
    m = np.average(v, weights=w)
    return float(np.average((v - m) ** 2, weights=w))


def _spread(
    total: int, m: int, lo: float, hi: float, rng: np.random.Generator, u: float
) -> np.ndarray:
    """m integers in [lo, hi] summing to ``total``, around total/m with some within-person
    spread."""
    lo_i, hi_i = int(lo), int(hi)
    total = min(max(total, lo_i * m), hi_i * m)
    base = total // m
    vals = np.full(m, base)
    vals[rng.permutation(m)[: total - base * m]] += 1
    if m >= 2 and u < 0.45:
        a, b = rng.permutation(m)[:2]
        if vals[a] < hi_i and vals[b] > lo_i:
            vals[a] += 1
            vals[b] -= 1
    return vals.astype(float)


def _calibrate_offsets(
    ctx: _Context,
    latent: np.ndarray,
    targets: list[tuple[np.ndarray, float]],
    valid: np.ndarray,
    lo: float,
    hi: float,
) -> np.ndarray:
    """Add offsets per function group, municipality and sector so weighted (clipped) means meet the
    targets."""
    breakdowns = [(ctx.group, ANALYSIS_GROUPS), (ctx.muni, MUNICIPALITIES), (ctx.sector, SECTORS)]
    params = [(arr, val) for arr, vals in breakdowns for val in vals]
    w = np.where(valid, ctx.w, 0.0)
    design = np.zeros((len(targets), len(params) + 1))
    for t, (mask, _) in enumerate(targets):
        wt = w * mask
        design[t, 0] = 1.0
        for p, (arr, val) in enumerate(params):
            design[t, p + 1] = wt[arr == val].sum() / wt.sum()
    # a single target (overall mean only): shift everybody
    theta = np.zeros(len(params) + 1)
    goal = np.array([v for _, v in targets])
    for _ in range(12):
        shifted = (
            latent
            + theta[0]
            + sum(theta[p + 1] * (arr == val) for p, (arr, val) in enumerate(params))
        )
        clipped = np.clip(shifted, lo, hi)
        realised = np.array(
            [np.average(clipped[mask & valid], weights=ctx.w[mask & valid]) for mask, _ in targets]
        )
        resid = goal - realised
        if np.max(np.abs(resid)) < 2e-4:
            break
        if len(targets) == 1:
            theta[0] += resid[0]
        else:
            theta += cal.solve_offsets(design, resid)
    return (
        latent + theta[0] + sum(theta[p + 1] * (arr == val) for p, (arr, val) in enumerate(params))
    )


# ====================================================================== Q7 factors (all)


def _q7(ctx: _Context) -> None:
    year = ctx.year
    items = [i for i in range(1, 29) if not (year == 2022 and i == NOT_ASKED_2022_ITEM)]
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
        _tick_multi(
            ctx, cols, pos, props, ("sector", "weighting_group"), ctx.w, exclusive=(len(cols) - 1,)
        )


# ====================================================================== Q8 evaluated (all)


def _q8(ctx: _Context) -> None:
    year = ctx.year
    no_change = _pick("Tekst H3.2", year, "geen verandering in de inzet van de middelen") / 100.0
    pos_all = ctx.positions(np.ones(ctx.n, dtype=bool))
    answering, _ = ctx.drop_nonresponse(pos_all)
    for is_sl, label, dk_default in (
        (True, "Schoolleiders", Q8_DONT_KNOW_SL),
        (False, "Rest van het team", Q8_DONT_KNOW_REST),
    ):
        pos = answering[ctx.sl[answering] == is_sl]
        yes = _pick("Tekst H3.2", year, "Ja (geëvalueerd)", group=label) / 100.0
        dk = tg.pick_optional("Tekst H3.2", year, "Weet ik niet", group=label, nearest=False)
        dk = dk / 100.0 if dk is not None else dk_default
        props = [max(0.0, 1 - yes - dk), yes * no_change, yes * (1 - no_change), dk]
        _allocate_single(ctx, "v8", pos, [1, 2, 3, 4], props, ("sector", "weighting_group"), ctx.w)


# ====================================================================== schoolleider questions


def _q9(ctx: _Context) -> None:
    year = ctx.year
    ctx.new("v9")
    for sector in SECTORS:
        pos = ctx.positions(ctx.sl & (ctx.sector == sector))
        answering, _ = ctx.drop_nonresponse(pos, Q9_NONRESPONSE)
        vals = [_pick("Tabel 3.1", year, lbl, group=sector) for lbl in Q9_LABELS]
        _allocate_single(ctx, "v9", answering, [1, 2, 3], _normalised(vals), (), np.ones(ctx.n))


def _single_sl(ctx: _Context, col: str, source: str, labels: Sequence[str]) -> None:
    vals = [_pick(source, ctx.year, lbl) for lbl in labels]
    ctx.new(col)
    pos = ctx.positions(ctx.sl)
    answering, _ = ctx.drop_nonresponse(pos)
    _allocate_single(
        ctx, col, answering, list(range(1, len(labels) + 1)), _normalised(vals), ("sector",), ctx.ws
    )


def _simple_sl(ctx: _Context, col: str, codes: Sequence[int], props: Sequence[float]) -> None:
    ctx.new(col)
    pos = ctx.positions(ctx.sl)
    answering, _ = ctx.drop_nonresponse(pos)
    _allocate_single(ctx, col, answering, codes, props, ("sector",), ctx.ws)


def _q23(ctx: _Context) -> None:
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


def _q10(ctx: _Context) -> None:  # noqa: C901
    year = ctx.year
    items = [i for i in range(1, 29) if not (year == 2022 and i == NOT_ASKED_2022_ITEM)]
    b31_year = tg.nearest_year("Tabel B3.1", year)
    sl_pos = ctx.positions(ctx.sl)
    cause_cols = [f"v10_{i}_oorzaak" for i in items]
    for c in cause_cols + [f"v10_{i}_nvt" for i in items]:
        ctx.new(c)[sl_pos] = 0
    answering_all, _ = ctx.drop_nonresponse(sl_pos)
    # oorzaak: unweighted count of all schoolleiders in the sector (Tabel B3.1)
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
        _tick_multi(ctx, cause_cols, ans, rel, (), np.ones(ctx.n))
        # repair counts to the exact published numerators (k / n_sector)
        for c, k in zip(cause_cols, exact, strict=False):
            arr = ctx.data[c]
            have = np.flatnonzero(arr[ans] == 1)
            if len(have) > k:
                drop = ctx.rng.permutation(have)[: len(have) - k]
                for d in drop:
                    row = ans[d]
                    if sum(ctx.data[cc][row] for cc in cause_cols) > 1:
                        arr[row] = 0
            elif len(have) < k:
                cand = np.flatnonzero(arr[ans] == 0)
                add = ctx.rng.permutation(cand)[: k - len(have)]
                arr[ans[add]] = 1
    # n.v.t. on the 'Anders' row for about half of those not naming 'Anders'
    anders = 28
    nvt = ctx.data[f"v10_{anders}_nvt"]
    no_anders = answering_all[ctx.data[f"v10_{anders}_oorzaak"][answering_all] == 0]
    nvt[ctx.rng.permutation(no_anders)[: len(no_anders) // 2]] = 1
    # besteed: sector-weighted share among those answering the grid (Tabel 4.1)
    for sy in SPENDING_YEARS[year]:
        cols = [f"v10_{i}_besteed_{sy.replace('-', '_')}" for i in items]
        for c in cols:
            ctx.new(c)[sl_pos] = 0
        props, priority = [], {}
        t41_year = year
        for j, i in enumerate(items):
            v = tg.pick_optional(
                "Tabel 4.1", t41_year, CAUSE_ITEMS[i - 1], school_year=sy, nearest=False
            )
            props.append((v if v is not None else 5.0) / 100.0)
            cause = ctx.data[f"v10_{i}_oorzaak"]
            score = np.where(cause == 1, 0.0, 1.0) + ctx.rng.random(ctx.n) * 0.9
            # a small share of spending goes to items not named as cause
            flip = ctx.rng.random(ctx.n) < Q10_SPEND_OUTSIDE_CAUSE
            priority[j] = np.where(flip, score - 1.0, score)
        _tick_multi_nocover(ctx, cols, answering_all, props, ("sector",), ctx.ws, priority)


def _tick_multi_nocover(
    ctx: _Context,
    cols: Sequence[str],
    pos: np.ndarray,
    props: Sequence[float],
    by: Sequence[str],
    weights: np.ndarray,
    priority: dict[int, np.ndarray],
) -> None:
    """Like :func:`_tick_multi` without exclusive options and without the at-least-one rule."""
    cells, ws = ctx.cells(pos, by, weights)
    for j, c in enumerate(cols):
        counts = _binary_counts(ctx, cells, ws, props[j])
        arr = ctx.data[c]
        for cell, n_j in zip(cells, counts, strict=False):
            score = priority[j][cell]
            arr[cell[np.argsort(score, kind="stable")[:n_j]]] = 1


def _q11(ctx: _Context) -> None:
    vals = [_pick("Tabel 4.2", ctx.year, lbl) / 100.0 for lbl in Q11_LABELS]
    cols = [f"v11_{i}" for i in range(1, 7)]
    pos = ctx.positions(ctx.sl)
    for c in cols:
        ctx.new(c)[pos] = 0
    answering, _ = ctx.drop_nonresponse(pos)
    _tick_multi(ctx, cols, answering, vals, ("sector",), ctx.ws, exclusive=(5, 4))


def _q14(ctx: _Context) -> None:
    year = ctx.year
    means = {lbl: _pick("Tabel 3.3", year, lbl, statistic="mean_percent") for lbl in Q14_LABELS}
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


def _q16(ctx: _Context) -> None:
    year = ctx.year
    sl_pos = ctx.positions(ctx.sl)
    ws_b = _sector_weight(ctx, "bao")
    ws_g = _sector_weight(ctx, "go")
    for row, label in enumerate(Q16_ITEMS, start=1):
        if year == 2022 and row == Q16_NOT_ASKED_2022:
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


def _sector_weight(ctx: _Context, sector: str) -> float:
    m = ctx.sl & (ctx.sector == sector)
    return float(ctx.ws[m][0]) if m.any() else 1.0


def _q18(ctx: _Context) -> None:
    vals = [_pick("Tabel 4.4", ctx.year, lbl) for lbl in Q18_LABELS]
    p = _normalised(vals) * (1 - Q18_DONT_KNOW)
    cols = [f"v18_{i}" for i in range(1, 5)]
    pos = ctx.positions(ctx.sl)
    for c in cols:
        ctx.new(c)[pos] = 0
    answering, _ = ctx.drop_nonresponse(pos)
    tmp = "_v18"
    ctx.new(tmp)
    _allocate_single(
        ctx, tmp, answering, [1, 2, 3, 4], list(p) + [Q18_DONT_KNOW], ("sector",), ctx.ws
    )
    choice = ctx.data.pop(tmp)
    for i, c in enumerate(cols, start=1):
        ctx.data[c][answering] = (choice[answering] == i).astype(float)


# ====================================================================== Q15, Q19, Q21 (all)


def _q15(ctx: _Context) -> None:
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
        _allocate_single(
            ctx, "v15", pos, list(range(1, 9)), dist, ("sector", "weighting_group"), ctx.w
        )


def _q19(ctx: _Context) -> None:
    """v19: exactly 'Totaal N' answer 1-5 (Tabel 5.1); gedaald by sector and municipality (Tekst
    H5.2)."""
    year = ctx.year
    arr = ctx.new("v19")
    vals = np.array([_pick("Tabel 5.1", year, lbl) for lbl in Q19_LABELS])
    props = _normalised(vals)
    n_target = int(_pick("Tabel 5.1", year, "Totaal N", statistic="n", nearest=False))
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
        counts = _binary_counts(ctx, cells, ws, r)
        for cell, k in zip(cells, counts, strict=False):
            is_down[ctx.rng.permutation(cell)[:k]] = True
    down_pos = subst[is_down[subst]]
    up_pos = subst[~is_down[subst]]
    _allocate_single(
        ctx,
        "v19",
        down_pos,
        [1, 2],
        props[:2] / props[:2].sum(),
        ("sector", "weighting_group"),
        ctx.w,
    )
    _allocate_single(
        ctx,
        "v19",
        up_pos,
        [3, 4, 5],
        props[2:] / props[2:].sum(),
        ("sector", "weighting_group"),
        ctx.w,
    )


def _solve_rates(
    ctx: _Context, pos: np.ndarray, margins: list[tuple[np.ndarray, float]]
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


def _q21(ctx: _Context) -> None:
    ctx.new("v21")
    pos_all = ctx.positions(np.ones(ctx.n, dtype=bool))
    answering, _ = ctx.drop_nonresponse(pos_all)
    for group in ANALYSIS_GROUPS:
        pos = answering[ctx.group[answering] == group]
        _allocate_single(
            ctx,
            "v21",
            pos,
            list(range(1, 7)),
            Q21_DIST[group],
            ("sector", "weighting_group"),
            ctx.w,
        )
