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
    LERAAR: (0.22, 0.33, 0.03, 0.08, 0.08, 0.10, 0.06, 0.10),
    OOP: (0.18, 0.30, 0.04, 0.08, 0.08, 0.16, 0.06, 0.10),
    OVR: (0.10, 0.15, 0.03, 0.03, 0.03, 0.59, 0.03, 0.04),
}
"""Q15 codes 1-8 per function group (Figuur 3.3; C171-C174: schoolleiders most often 'Ja,
altijd', leraren and OOP more often 'Ja, soms', overig OP mostly 'niet tot de doelgroep' (59%,
Tekst H3.3); C175: the same picture in every year)."""

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
