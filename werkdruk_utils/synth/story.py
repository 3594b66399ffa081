"""What the report says about numbers it does not print, as the levels the synthetic data follow.

Where the report states a level, a ranking or a change without printing the number (a measurement
year whose table is not printed, a figure without data labels), the generator needs a value. The
values here are assumptions chosen so that the report's statements hold; each names the claims
(``claim_id`` of ``data/reference/published_claims.csv``) it serves. Around these levels every
year varies like an independent sample (:mod:`werkdruk_utils.synth.variation`).

Levels are given for the measurements 2022-2024; a later measurement without published numbers
takes the levels of the latest measurement here (:func:`story_year`).
"""

from __future__ import annotations

from werkdruk_utils.synth.context import LERAAR, OOP, OVR, SL

STORY_YEARS: tuple[int, ...] = (2022, 2023, 2024)
"""Measurements the statements of the report cover."""


def story_year(year: int) -> int:
    """The measurement whose levels apply to ``year`` (the nearest one of :data:`STORY_YEARS`)."""
    return min(STORY_YEARS, key=lambda y: (abs(y - year), -y))


# ------------------------------------------------------------------------ Q7 (own workload)

Q7_LEVELS: dict[int, dict[str, dict[int, float]]] = {
    2022: {
        # C142: 'organisatie en administratie rondom besmettingen' fourth for schoolleiders in 2022
        SL: {3: 0.575, 1: 0.22, 2: 0.34, 4: 0.30},
        LERAAR: {1: 0.30, 2: 0.38, 3: 0.33, 4: 0.22},
        OOP: {1: 0.20, 2: 0.30, 3: 0.27, 4: 0.15},
        # C145, C146: ICT and the corona organisation the two most named by overig OP in 2022
        OVR: {15: 0.37, 3: 0.35, 26: 0.27, 1: 0.10, 2: 0.08, 4: 0.12},
    },
    2023: {
        SL: {3: 0.22, 1: 0.06, 2: 0.24, 4: 0.10},
        LERAAR: {1: 0.09, 2: 0.30, 3: 0.12, 4: 0.08},
        OOP: {1: 0.06, 2: 0.22, 3: 0.10, 4: 0.05},
        # C147, C148: communicatie met ouders and activiteiten buiten het curriculum the two most
        # named by overig OP in 2023
        OVR: {12: 0.35, 21: 0.33, 26: 0.27, 27: 0.25, 3: 0.10},
    },
}
"""Shares (0-1) of Q7 options per function group where 2022 and 2023 differ from the 2024 levels
(Tekst H3.1 for the named factors, Tabel B3.1 x :data:`Q7_GROUP_FACTOR` for the others). The
corona items (1-4) were named more often in 2022 (school year 2021-2022) than later."""

Q7_GROUP_FACTOR: dict[str, float] = {SL: 1.0, LERAAR: 0.85, OOP: 0.65, OVR: 0.35}
"""Q7 options without a published value: Tabel B3.1 (bao) share x this factor, kept below the
group's named factors (C139-C141: the same factors on top in every year)."""

Q7_NONE: dict[str, float] = {SL: 0.01, LERAAR: 0.02, OOP: 0.05, OVR: 0.12}
"""Share ticking 'Geen van bovenstaande' per function group."""

Q7_OTHER = 0.06
"""Share ticking 'Anders'."""

Q7_TOP_GAP = 0.05
"""Unnamed options stay this far below the least named factor of the group."""


# ------------------------------------------------------------------------ Q10 (causes)

CAUSE_SHIFTS: dict[int, dict[str, dict[int, float]]] = {
    2022: {
        # C013-C016, C254-C257: gedrag, groepsplannen, leren and ziekteverzuim the bao top four in
        # every year (in 2024 Tabel B3.1 puts differentiëren fourth: contradiction 3)
        "bao": {25: 0.09, 19: -0.05, 1: 0.12, 2: 0.14, 3: 0.25, 4: 0.08},
        # C260-C263: ziekteverzuim, groepsplannen, gedrag and onvervulde vacatures in go 2022
        "go": {5: 0.14, 10: -0.10, 11: -0.10, 19: -0.04, 1: 0.10, 2: 0.12, 3: 0.20, 4: 0.06},
    },
    2023: {
        "bao": {25: 0.06, 19: -0.04, 1: 0.03, 2: 0.08, 3: 0.06, 4: 0.03},
        # C264: differentiëren among the go causes most named in 2023; rapporten and toetsen
        # rise to the top only in 2024 (C125, C126)
        "go": {19: 0.10, 10: -0.09, 11: -0.09, 2: 0.05, 3: 0.05},
    },
}
"""Change (0-1) of the share of schoolleiders naming a Q10 cause, against Tabel B3.1 (2024), per
year and sector."""


# ------------------------------------------------------------------------ Q15, Q21 (all staff)

Q15_LEVELS: dict[str, tuple[float, ...]] = {
    SL: (0.72, 0.17, 0.00, 0.01, 0.02, 0.01, 0.03, 0.04),
    LERAAR: (0.20, 0.30, 0.03, 0.09, 0.09, 0.12, 0.07, 0.10),
    OOP: (0.18, 0.31, 0.04, 0.08, 0.08, 0.15, 0.06, 0.10),
    OVR: (0.10, 0.15, 0.03, 0.03, 0.03, 0.59, 0.03, 0.04),
}
"""Q15 codes 1-8 per function group (Figuur 3.3; C171-C174: schoolleiders most often 'Ja,
altijd', leraren and OOP more often 'Ja, soms', overig OP mostly 'niet tot de doelgroep' (59%,
Tekst H3.3); C010-C012: leraren and OOP about half (vaak) present; C175: the same picture in
every year)."""

Q15_PRESENT: dict[str, tuple[tuple[tuple[int, ...], float, float], ...]] = {
    LERAAR: (((0, 1), 0.46, 0.54),),
    OOP: (((0, 1), 0.46, 0.54),),
    OVR: (((0, 1), 0.21, 0.29),),
}
"""(Vaak) present (Q15 codes 1-2) in every year: 'ongeveer de helft' of leraren and OOP, 'maar een
vierde' of overig OP (C010-C012, C251-C253)."""

Q21_LEVELS: dict[str, tuple[float, ...]] = {
    SL: (0.04, 0.30, 0.40, 0.10, 0.03, 0.13),
    LERAAR: (0.06, 0.44, 0.33, 0.06, 0.02, 0.09),
    OOP: (0.04, 0.28, 0.45, 0.05, 0.02, 0.16),
    OVR: (0.02, 0.15, 0.55, 0.04, 0.01, 0.23),
}
"""Q21 codes 1-6 per function group (Figuur 5.5; C047-C050: leraren most often (enigszins)
gedaald, the other groups most often gelijk gebleven; C242: comparable in every year)."""


# ------------------------------------------------------------------------ Q19 (school workload)

Q19_CONTRASTS: dict[str, dict[str, float]] = {
    "sector": {"bao": 0.0, "go": -0.13},
    "municipality_category": {"overig": 0.0, "G4": -0.21, "G40": -0.12},
}
"""Share '(enigszins) gedaald' relative to the reference category in years without Tekst H5.2
(C235, C309-C311: bao above go and overige gemeenten above G4 and G40 in every measurement; the
differences of 2024, 67/54 and 70/49/58%)."""

Q7_TOP: dict[int, dict[str, tuple[int, ...]]] = {
    2022: {SL: (25, 26, 5, 3), LERAAR: (7, 9, 6), OOP: (7, 6), OVR: (15, 3)},
    2023: {SL: (25, 26, 5), LERAAR: (7, 9, 6), OOP: (7, 6), OVR: (12, 21)},
    2024: {SL: (25, 26, 5), LERAAR: (7, 9, 6), OOP: (7, 6), OVR: (27, 26)},
}
"""The factors each group names most (Tekst H3.1 for 2024; C139-C148 for the earlier years): a
year's draw keeps exactly these on top."""

CAUSE_TOP: dict[int, dict[str, tuple[int, ...]]] = {
    2022: {"bao": (7, 9, 6, 25), "go": (25, 9, 7, 5)},
    2023: {"bao": (7, 9, 6, 25), "go": (25, 9, 7, 19)},
}
"""The Q10 causes most named per sector in the years Tabel B3.1 does not print (C254-C264)."""


# ------------------------------------------------------------------------ scale means

_F, _M, _S = "analysis_group", "municipality_category", "sector"
_ALL = ("all", "totaal")
_Y = STORY_YEARS

SCALE_LEVELS: dict[str, dict[tuple[str, str], float]] = {
    "kwantitatieve_taakeisen": {
        (_F, SL): 2.94,
        (_F, LERAAR): 2.69,
        (_F, OOP): 2.41,
        (_F, OVR): 2.26,
        (_M, "G4"): 2.76,
        (_M, "G40"): 2.58,
        (_M, "overig"): 2.59,
        (_S, "bao"): 2.60,
        (_S, "go"): 2.60,
    },
    "emotionele_belasting": {
        (_F, SL): 2.20,
        (_F, LERAAR): 2.18,
        (_F, OOP): 1.945,
        (_F, OVR): 1.66,
        (_M, "G4"): 2.23,
        (_M, "G40"): 2.10,
        (_M, "overig"): 2.08,
        (_S, "bao"): 2.10,
        (_S, "go"): 2.10,
    },
    "moeilijkheidsgraad": {
        (_F, SL): 3.29,
        (_F, LERAAR): 3.27,
        (_F, OOP): 3.05,
        (_F, OVR): 2.69,
        (_M, "G4"): 3.20,
        (_M, "G40"): 3.20,
        (_M, "overig"): 3.20,
        (_S, "bao"): 3.18,
        (_S, "go"): 3.30,
    },
}
"""Mean scale score per function group, municipality category and sector in 2024 (Figuur 2.2-2.7,
B3.2-B3.5 print no numbers). The function groups differ as Tabel B2.1-B2.3 imply for the synthetic
sample (the published coefficients averaged over each group's age and werktijdfactor), except
moeilijkheidsgraad's schoolleiders, whom the report puts level with the leraren (C076; the model's
+0,13 is within its wide standard errors); the other levels are consistent with the overall means
of Tekst H2.2 and the statements below. Regelmogelijkheden takes its printed means (Figuur
2.8-2.10)."""

SCALE_TRENDS: dict[str, dict[tuple[str, str], dict[int, float]]] = {
    "kwantitatieve_taakeisen": {
        # C070: bao and go differ significantly in 2023 only
        (_S, "go"): {2023: -0.11},
        (_S, "bao"): {2023: 0.027},
    },
    "emotionele_belasting": {
        # C098: emotionele belasting in the G4 fell from 2022 to 2024
        (_M, "G4"): {2022: 0.15, 2023: 0.08},
    },
    "moeilijkheidsgraad": {
        # C084, C096: leraren and bao lower than in 2022; C083: overig OP higher than in 2022
        (_F, LERAAR): {2022: 0.09, 2023: 0.045},
        (_F, OVR): {2022: -0.14, 2023: -0.07},
        (_S, "bao"): {2022: 0.085, 2023: 0.04},
        (_S, "go"): {2022: 0.03, 2023: 0.015},
    },
}
"""Change of a level in an earlier measurement, against 2024."""


def scale_level(scale: str, key: tuple[str, str], year: int) -> float:
    """The story's level of one marginal mean in ``year`` (before the year's draw)."""
    from werkdruk_utils.synth import means

    printed = means.printed_means(scale, year) or means.printed_means(scale, means_year(year))
    if key in printed:
        return printed[key]
    base = SCALE_LEVELS[scale][key]
    return base + SCALE_TRENDS.get(scale, {}).get(key, {}).get(story_year(year), 0.0)


def means_year(year: int) -> int:
    """The measurement whose printed means stand in for ``year`` (the nearest printed one)."""
    from werkdruk_utils.synth import targets as tg

    return tg.published_year(year)


def _stable_all(scale_keys: list[tuple[str, str]]) -> list[tuple]:
    return [("stable", k, None, _Y) for k in scale_keys]


SCALE_CLAIMS: dict[str, list[tuple]] = {
    "kwantitatieve_taakeisen": [
        ("stable", _ALL, None, _Y),  # C058, C111
        *_stable_all([(_F, g) for g in (SL, LERAAR, OOP, OVR)]),  # C062-C065
        *_stable_all([(_M, m) for m in ("G4", "G40", "overig")]),  # C072
        *[("order", (_F, SL), (_F, g), _Y) for g in (LERAAR, OOP, OVR)],  # C060
        *[("order", (_F, g), (_F, OVR), _Y) for g in (SL, LERAAR, OOP)],  # C061
        ("differ", (_S, "bao"), (_S, "go"), (2023,), 1),  # C070
        ("same", (_S, "bao"), (_S, "go"), (2024,)),  # C069
        ("above", (_M, "G4"), (_M, "overig"), (2024,), 1),  # C071
    ],
    "emotionele_belasting": [
        ("stable", _ALL, None, _Y),  # C073, C112
        *[("same", (_F, SL), (_F, LERAAR), (y,)) for y in _Y],  # C075
        ("above", (_F, LERAAR), (_F, OOP), (2024,), 1),  # C077
        ("above", (_F, SL), (_F, OOP), (2024,), 1),  # C078
        ("above", (_F, OOP), (_F, OVR), (2024,), 1),  # C081
        *_stable_all([(_F, SL), (_F, OOP)]),  # C085, C087
        *[("same", (_S, "bao"), (_S, "go"), (y,)) for y in _Y],  # C089
        ("above", (_M, "G4"), (_M, "overig"), (2024,), 1),  # C091
        ("change", (_M, "G4"), None, (2022, 2024), -1),  # C098
        *_stable_all([(_M, "G40"), (_M, "overig")]),  # C099, C100
    ],
    "moeilijkheidsgraad": [
        ("stable", _ALL, None, _Y),  # C074, C113
        *[("same", (_F, SL), (_F, LERAAR), (y,)) for y in _Y],  # C076
        ("above", (_F, LERAAR), (_F, OOP), (2024,), 1),  # C079
        ("above", (_F, SL), (_F, OOP), (2024,), 1),  # C080
        ("above", (_F, OOP), (_F, OVR), (2024,), 1),  # C082
        ("change", (_F, OVR), None, (2022, 2024), 1),  # C083
        ("change", (_F, LERAAR), None, (2022, 2024), -1),  # C084
        *_stable_all([(_F, SL), (_F, OOP)]),  # C086, C088
        ("above", (_S, "go"), (_S, "bao"), (2024,), 1),  # C090
        ("change", (_S, "bao"), None, (2022, 2024), -1),  # C096
        ("stable", (_S, "go"), None, _Y),  # C097
        *[
            ("same", (_M, a), (_M, b), (2024,))
            for a, b in (("G4", "G40"), ("G4", "overig"), ("G40", "overig"))
        ],  # C092
    ],
    "regelmogelijkheden": [
        ("change", (_F, OOP), None, (2022, 2024), 1),  # C106
        ("change", (_M, "overig"), None, (2022, 2023), 1),  # C107
        ("stable", (_M, "overig"), None, (2023, 2024)),  # C108
        ("change", (_S, "bao"), None, (2022, 2023), 1),  # C109
        ("stable", (_S, "bao"), None, (2023, 2024)),  # C110
        # C101, C114 (the overall mean unchanged 2022-2023) cannot hold with C109: the report
        # contradicts itself (bao is four fifths of the weight)
    ],
}
"""What the report states about the scale means (kind, mean, other mean, years[, sign]):
'stable' no significant change between any two of the years; 'change' a significant change from the
first to the last year in the direction of sign; 'above'/'differ' the first mean significantly
above (sign 1) the second in each year; 'same' no significant difference; 'order' the first above
the second (a ranking, not a test)."""
