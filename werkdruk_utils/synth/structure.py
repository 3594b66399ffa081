"""Structure of the synthetic data: school samples, responding schools, respondents.

Everything here is calibrated to what Bijlage 1 of the report prints; the numbers are read
from ``data/reference/published_values.csv`` (never retyped). What the report does not
print is an assumption, named as such below and in the constants.

Per measurement year
--------------------
* A **new sample** of 1,571 schools ('Tekst Samenvatting': 'steekproef', new each year),
  with school ids that are unique to the year (``S22-0001`` ...).
* **Responding schools**: 2024 = 355 ('Tekst B1'). The summary prints an average of 390
  schools and 1,794 respondents over the three measurements, so 2022 + 2023 = 3 x 390 - 355
  = 815 schools and 3 x 1,794 - 1,789 = 3,593 respondents.

  - Schools: 2022 = 421, 2023 = 394. 421 is, of the counts near 420, one for which every
    response percentage of Tabel B1.4 ('Meting 1' = 2022) is an exact rounded fraction
    (117/79/107/118 of 421), so B1.4 is reproduced exactly in 2022.
  - Respondents: split 3,593 in the ratio of the Tabel 5.1 'Totaal N' of 2022 and 2023
    (1,351 : 1,474), i.e. the same share answered Q19 in both years:
    2022 = 1,718, 2023 = 1,875.
* **Response shares** of the responding schools equal the 'Respons' columns of Tabellen
  B1.1-B1.3 and B1.5 (largest-remainder rounding of share x number of responding schools)
  and B1.4 for denomination; the same shares are used in every year.
* The **sample** of 1,571 follows the 'Populatie' columns, except the sector: gespecialiseerd
  onderwijs is deliberately oversampled (Bijlage 1). The oversampling rate is not printed;
  the sample is given the response share of go schools (30.7%), i.e. equal response rates
  in both sectors (assumption).
* **Respondents** (2024): 1,789 in 355 schools; 130 schools with one respondent, 111 of them
  the schoolleider; at most 26 per school (exactly one school with 26). The report's
  'Gemiddeld 3 personen per school' cannot be a mean (1,789 / 355 = 5.0) and is read as the
  **median** (EXTRACTION_NOTES 7). For 2022 and 2023 the single-respondent counts are scaled
  by the number of responding schools (154/132 and 144/123); maximum and median are kept.
  The school with 26 respondents is a go school (go schools have the most respondents per
  school: 685 in 109 schools against 1,104 in 246 bao schools in 2024).
* **Functions**: the sector x weighting-group counts equal Tabel B1.8 in 2024 exactly; the
  schoolleider totals are the Tabel 3.4 'Totaal N' (311 / 294 / 270). For 2022 and 2023 the
  schoolleiders are split over the sectors and the other respondents over the four other
  cells in the proportions of Tabel B1.8. At most one schoolleider (Directie or
  Schoolleiding) per school: the schoolleider answers for the school.
* **Age** (v4): the counts per class equal the 'Respons' column of Tabel B1.6 (largest
  remainder), codes 1..5 with 3 = '35 t/m 44 jaar'.

Not published, assumed (documented in the constants): the go split into sbao/so/vso, the
board-size distribution, pupils, the distribution of v1 codes within a weighting group,
werktijdfactor, v2 and the achterstandsscore. The achterstandsscore is a fraction
(about 0.00-0.10) with a standard deviation of about 0.017 among responding bao schools:
Tabel B2.1 prints B = 2.97 and Beta = 0.086 for it, and Beta = B x SD(x) / SD(y) gives
SD(x) = 0.086 / 2.97 x SD(y) = 0.017 for a scale SD of about 0.6 on the 1-4 demand scale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from werkdruk_utils.check import published
from werkdruk_utils.inputs import validation
from werkdruk_utils.synth.targets import published_year

SECTORS: tuple[str, ...] = ("bao", "go")
WEIGHTING_GROUPS: tuple[str, ...] = ("schoolleider", "leerkracht", "overig")
SCHOOL_TYPES: tuple[str, ...] = ("bao", "sbao", "so", "vso")
GO_SCHOOL_TYPES: tuple[str, ...] = ("sbao", "so", "vso")
SCHOOLLEIDER_CODES: tuple[int, ...] = (5, 16)
"""v1 codes of the schoolleider group: Directie (5) and Schoolleiding (16)."""

SCHOOL_COLUMNS = validation.SCHOOL_COLUMNS  # the school frame contract (docs/design.md)
"""Columns of the school frame in the order of docs/design.md."""

RESPONDING_SCHOOLS_OTHER_YEARS: dict[int, int] = {2022: 421, 2023: 394}
"""Responding schools 2022 and 2023 (sum 815 = 3 x 390 - 355); see the module docstring."""

GO_TYPE_SHARES: dict[str, float] = {"sbao": 0.34, "so": 0.34, "vso": 0.32}
"""Assumed split of go schools (sample and response) over sbao, so and vso."""

BOARD_SIZES: tuple[str, ...] = ("eenpitter", "2-5 scholen", "6-10 scholen", "11 of meer scholen")
BOARD_SIZE_SHARES_SAMPLE: tuple[float, ...] = (0.10, 0.20, 0.22, 0.48)
BOARD_SIZE_SHARES_RESPONSE: tuple[float, ...] = (0.13, 0.23, 0.22, 0.42)
"""Assumed board-size shares; small boards slightly overrepresented in the response (Bijlage 1)."""

G4_PROVINCES: frozenset[str] = frozenset({"Noord-Holland", "Zuid-Holland", "Utrecht"})
"""Provinces of Amsterdam, Rotterdam, Den Haag and Utrecht: G4 schools lie only there."""

MAX_PER_SCHOOL: int = 26
MEDIAN_PER_SCHOOL: int = 3

# Achterstandsscore per schoolgewicht (mean, sd within), bao only; G4 adds a little.
ACHTERSTAND_PARAMS: dict[str, tuple[float, float]] = {
    "laag": (0.027, 0.0095),
    "midden": (0.046, 0.0105),
    "hoog": (0.071, 0.0120),
}
ACHTERSTAND_G4_BONUS: float = 0.006

# Pupils per school type: (median, log-sd, minimum).
PUPILS_PARAMS: dict[str, tuple[float, float, int]] = {
    "bao": (215.0, 0.45, 25),
    "sbao": (150.0, 0.35, 40),
    "so": (120.0, 0.45, 20),
    "vso": (160.0, 0.45, 20),
}

SCHOOLLEIDING_SHARE: float = 0.85
"""Share of the schoolleider group that ticks 'Schoolleiding' (16) rather than 'Directie' (5)."""

# Plausibility weights of v1 codes within a weighting group (assumption). Codes the
# codebook assigns to another group are ignored; codes missing here get weight 0. Within 'overig'
# about four in five are onderwijsondersteunend personeel: the means of Figuur 2.8 (per function)
# and Figuur 2.10 (per sector, population weights) average to the same overall mean only for
# a share between 0,78 and 0,80 (synth.means).
LEERKRACHT_WEIGHTS: dict[str, dict[int, float]] = {
    "bao": {9: 0.30, 10: 0.28, 11: 0.30, 20: 0.12},
    "sbao": {9: 0.30, 10: 0.30, 11: 0.30, 20: 0.10},
    "so": {9: 0.32, 10: 0.30, 11: 0.26, 20: 0.12},
    "vso": {6: 0.85, 20: 0.15},
}
OVERIG_WEIGHTS: dict[str, dict[int, float]] = {
    "bao": {
        13: 0.30,
        12: 0.10,
        8: 0.22,
        15: 0.05,
        1: 0.06,
        4: 0.045,
        7: 0.025,
        2: 0.01,
        3: 0.01,
        14: 0.005,
        21: 0.01,
        17: 0.02,
        18: 0.01,
        19: 0.03,
        22: 0.03,
    },
    "go": {
        13: 0.28,
        12: 0.08,
        8: 0.08,
        15: 0.03,
        1: 0.06,
        4: 0.04,
        7: 0.02,
        2: 0.06,
        3: 0.13,
        14: 0.05,
        21: 0.05,
        17: 0.02,
        18: 0.01,
        19: 0.03,
        22: 0.04,
    },
}

# Werktijdfactor distributions per weighting group: (values, probabilities).
WERKTIJDFACTOR_DIST: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] = {
    "schoolleider": ((1.0, 0.9, 0.8, 0.7, 0.6), (0.55, 0.15, 0.20, 0.06, 0.04)),
    "leerkracht": (
        (1.0, 0.9, 0.8, 0.7, 0.65, 0.6, 0.5, 0.4),
        (0.24, 0.07, 0.22, 0.08, 0.04, 0.16, 0.12, 0.07),
    ),
    "overig": (
        (1.0, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4, 0.3, 0.2),
        (0.12, 0.15, 0.08, 0.19, 0.19, 0.04, 0.14, 0.06, 0.03),
    ),
}

V2_PROBS: tuple[float, ...] = (0.955, 0.025, 0.008, 0.012)
"""Q2 employment relation codes 1-4 (assumption: almost everybody employed by the board)."""

# Label as printed in published_values.csv -> code used in the school frame.
_LABEL_CODES: dict[str, dict[str, str]] = {
    "Tabel B1.1": {"Boa": "bao", "Sbao/so/vso": "go"},
    "Tabel B1.3": {"G4": "G4", "G40": "G40", "Overige": "overig"},
    "Tabel B1.4": {
        "Openbaar": "openbaar",
        "Overig bijzonder": "overig bijzonder",
        "Protestants-Christelijk": "protestants-christelijk",
        "Rooms-katholiek": "rooms-katholiek",
    },
    "Tabel B1.5": {
        "Laag schoolgewicht": "laag",
        "Midden schoolgewicht": "midden",
        "Hoog schoolgewicht": "hoog",
    },
    "Tabel B1.6": {
        "Jonger dan 24 jaar": "1",
        "25 t/m 34 jaar": "2",
        "35 t/m 44 jaar": "3",
        "45 t/m 54 jaar": "4",
        "55 t/m 74 jaar": "5",
    },
}
_B18_GROUPS: dict[str, tuple[str, str]] = {
    "BAO Schoolleider": ("bao", "schoolleider"),
    "BAO Leerkracht": ("bao", "leerkracht"),
    "BAO Overig": ("bao", "overig"),
    "GO Schoolleider": ("go", "schoolleider"),
    "GO Leerkracht": ("go", "leerkracht"),
    "GO Overig": ("go", "overig"),
}


class StructureError(ValueError):
    """The published targets cannot be met (missing reference rows or infeasible counts)."""


# --------------------------------------------------------------------------- helpers


def largest_remainder(shares: Sequence[float], total: int) -> np.ndarray:
    """Integer counts summing to ``total`` in proportion to ``shares`` (Hamilton's method).

    The shares are normalised to sum to 1. Each count is the floor of its quota; the
    remaining units go to the largest fractional parts, ties to the earlier category.

    >>> largest_remainder([0.5, 0.3, 0.2], 7).tolist()
    [4, 2, 1]
    """
    weights = np.asarray(shares, dtype=float)
    if total < 0 or weights.size == 0 or (weights < 0).any() or weights.sum() <= 0:
        raise StructureError(f"largest_remainder: invalid shares {list(shares)} or total {total}")
    quotas = weights / weights.sum() * total
    counts = np.floor(quotas + 1e-9).astype(int)
    rest = total - int(counts.sum())
    if rest > 0:
        order = np.argsort(-(quotas - counts), kind="stable")
        counts[order[:rest]] += 1
    return counts


def _rng_choice_codes(
    rng: np.random.Generator, weights: Mapping[int, float], size: int
) -> np.ndarray:
    """``size`` codes in the proportions of ``weights`` (largest remainder), in random order: the
    function mix of a group is the same in every sample (the means of Figuur 2.8 depend on it)."""
    codes = np.array(list(weights), dtype=int)
    counts = largest_remainder([weights[c] for c in codes], size)
    return rng.permutation(np.repeat(codes, counts))


@lru_cache(maxsize=1)
def _published_frame() -> pd.DataFrame:
    return published.load_published()


def _value(
    source_id: str,
    statistic: str,
    *,
    year: int | None = None,
    group: str | None = None,
    category: str | None = None,
    variable: str | None = None,
) -> float:
    frame = _published_frame()
    mask = (frame["source_id"] == source_id) & (frame["statistic"] == statistic)
    if year is not None:
        mask &= frame["measurement_year"] == year
    if group is not None:
        mask &= frame["group"] == group
    if category is not None:
        mask &= frame["category"] == category
    if variable is not None:
        mask &= frame["variable"] == variable
    rows = frame.loc[mask.fillna(False)]
    if len(rows) != 1:
        raise StructureError(
            f"published_values.csv: expected one row for {source_id} {statistic} year={year} "
            f"group={group} category={category} variable={variable}, found {len(rows)}"
        )
    return float(rows["value"].iloc[0])


def published_shares(source_id: str, column: str) -> pd.Series:
    """Shares (fractions summing to 1) of one B1 table column ('Populatie' or 'Respons').

    Indexed by the code used in the school frame (province names are their own code).
    """
    frame = _published_frame()
    rows = frame.loc[
        (frame["source_id"] == source_id)
        & (frame["group"] == column)
        & (frame["statistic"] == "percent")
    ]
    if rows.empty:
        raise StructureError(f"published_values.csv has no '{column}' percentages for {source_id}")
    mapping = _LABEL_CODES.get(source_id)
    codes = [mapping[label] if mapping else label for label in rows["category"]]
    values = rows["value"].to_numpy(dtype=float)
    return pd.Series(values / values.sum(), index=pd.Index(codes, name="category"), name=column)


# --------------------------------------------------------------------------- targets


@dataclass(frozen=True)
class YearTargets:
    """The counts one measurement year must reproduce."""

    year: int
    n_sample: int
    n_responding: int
    n_respondents: int
    n_schoolleiders: int
    n_single: int
    n_single_schoolleider: int
    max_per_school: int
    median_per_school: int
    responding_by_sector: dict[str, int]
    sample_by_sector: dict[str, int]
    cells: dict[tuple[str, str], int]
    """Respondents per (sector, weighting group)."""


def _b18_cells() -> dict[tuple[str, str], int]:
    return {
        key: int(_value("Tabel B1.8", "n", year=2024, group=label, category="Aantal in sample"))
        for label, key in _B18_GROUPS.items()
    }


def year_targets(year: int) -> YearTargets:
    """Targets for one measurement year, derived from the published values (see module doc); a
    measurement the report does not cover gets the targets of the nearest one it does."""
    requested, year = year, published_year(year)
    n_sample = int(_value("Tekst Samenvatting", "n", variable="sample_schools_per_measurement"))
    schools_2024 = int(_value("Tekst B1", "n", year=2024, variable="responding_schools"))
    respondents_2024 = int(_value("Tekst B1", "n", year=2024, variable="respondents"))
    mean_schools = _value("Tekst Samenvatting", "mean", variable="responding_schools")
    mean_respondents = _value("Tekst Samenvatting", "mean", variable="respondents")
    single_2024 = int(_value("Tekst B1", "count", year=2024, variable="schools_single_respondent"))
    single_sl_2024 = int(
        _value("Tekst B1", "count", year=2024, variable="schools_single_respondent_schoolleader")
    )
    max_per_school = int(_value("Tekst B1", "max", year=2024, variable="respondents_per_school"))
    n_sl = int(_value("Tabel 3.4", "n", year=year, category="Totaal N"))

    other_schools = round(3 * mean_schools) - schools_2024
    if sum(RESPONDING_SCHOOLS_OTHER_YEARS.values()) != other_schools:
        raise StructureError(
            f"responding schools 2022 + 2023 must be {other_schools} (3 x {mean_schools:g} - "
            f"{schools_2024}); "
            f"RESPONDING_SCHOOLS_OTHER_YEARS sums to {sum(RESPONDING_SCHOOLS_OTHER_YEARS.values())}"
        )
    other_respondents = round(3 * mean_respondents) - respondents_2024
    n51 = {y: _value("Tabel 5.1", "n", year=y, category="Totaal N") for y in (2022, 2023)}
    split = largest_remainder([n51[2022], n51[2023]], other_respondents)
    respondents = {2022: int(split[0]), 2023: int(split[1]), 2024: respondents_2024}
    schools = {**RESPONDING_SCHOOLS_OTHER_YEARS, 2024: schools_2024}

    n_responding = schools[year]
    n_respondents = respondents[year]
    if year == 2024:
        n_single, n_single_sl = single_2024, single_sl_2024
    else:
        n_single = round(single_2024 * n_responding / schools_2024)
        n_single_sl = round(single_sl_2024 * n_responding / schools_2024)

    sector_response = published_shares("Tabel B1.1", "Respons").reindex(list(SECTORS))
    resp_by_sector = dict(
        zip(
            SECTORS,
            largest_remainder(sector_response.to_numpy(), n_responding).tolist(),
            strict=False,
        )
    )
    # go oversampled: the sample gets the response share of go (equal response rates)
    sample_by_sector = dict(
        zip(SECTORS, largest_remainder(sector_response.to_numpy(), n_sample).tolist(), strict=False)
    )

    b18 = _b18_cells()
    if year == 2024:
        cells = dict(b18)
        if sum(v for (s, g), v in cells.items() if g == "schoolleider") != n_sl:
            raise StructureError(
                f"Tabel B1.8 schoolleiders do not sum to the Tabel 3.4 N {n_sl} for 2024"
            )
    else:
        sl_keys = [(s, "schoolleider") for s in SECTORS]
        other_keys = [k for k in b18 if k[1] != "schoolleider"]
        sl = largest_remainder([b18[k] for k in sl_keys], n_sl)
        rest = largest_remainder([b18[k] for k in other_keys], n_respondents - n_sl)
        cells = {
            **dict(zip(sl_keys, sl.tolist(), strict=False)),
            **dict(zip(other_keys, rest.tolist(), strict=False)),
        }
    cells = {(s, g): int(cells[(s, g)]) for s in SECTORS for g in WEIGHTING_GROUPS}
    if sum(cells.values()) != n_respondents:
        raise StructureError(
            f"{year}: cell counts sum to {sum(cells.values())}, expected {n_respondents}"
        )
    return YearTargets(
        year=requested,
        n_sample=n_sample,
        n_responding=n_responding,
        n_respondents=n_respondents,
        n_schoolleiders=n_sl,
        n_single=n_single,
        n_single_schoolleider=n_single_sl,
        max_per_school=max_per_school,
        median_per_school=MEDIAN_PER_SCHOOL,
        responding_by_sector={k: int(v) for k, v in resp_by_sector.items()},
        sample_by_sector={k: int(v) for k, v in sample_by_sector.items()},
        cells=cells,
    )


# --------------------------------------------------------------------------- schools


def _labels(codes: Sequence[str], counts: Sequence[int], rng: np.random.Generator) -> np.ndarray:
    arr = np.repeat(np.asarray(codes, dtype=object), np.asarray(counts, dtype=int))
    return rng.permutation(arr)


def _sample_and_response_counts(
    population: pd.Series, response: pd.Series, n_sample: int, n_responding: int, what: str
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Counts per category for responding and non-responding schools.

    Responding counts follow ``response`` and the whole sample follows ``population`` (both
    by largest remainder); non-responding = sample - responding, which must not be negative.
    """
    codes = list(population.index)
    resp = largest_remainder(response.reindex(codes).to_numpy(), n_responding)
    sample = largest_remainder(population.to_numpy(), n_sample)
    nonresp = sample - resp
    if (nonresp < 0).any():
        raise StructureError(
            f"{what}: response counts {resp.tolist()} exceed sample counts {sample.tolist()}"
        )
    return resp, nonresp, codes


def build_schools(targets: YearTargets, rng: np.random.Generator) -> pd.DataFrame:
    """The sample of schools for one year, with a boolean ``responded`` column.

    Columns: :data:`SCHOOL_COLUMNS` plus ``responded``. School ids are ``S<yy>-<nnnn>``,
    assigned after shuffling so that responding schools are spread over the list.
    """
    parts: list[pd.DataFrame] = []
    for sector in SECTORS:
        n_resp = targets.responding_by_sector[sector]
        n_non = targets.sample_by_sector[sector] - n_resp
        if n_non < 0:
            raise StructureError(f"{targets.year}: more responding {sector} schools than sampled")
        for responded, n in ((True, n_resp), (False, n_non)):
            if sector == "bao":
                types = np.array(["bao"] * n, dtype=object)
            else:
                counts = largest_remainder(list(GO_TYPE_SHARES.values()), n)
                types = _labels(list(GO_TYPE_SHARES), counts, rng)
            parts.append(
                pd.DataFrame({"school_type": types, "sector": sector, "responded": responded})
            )
    schools = pd.concat(parts, ignore_index=True)
    responded = schools["responded"].to_numpy(dtype=bool)
    n_resp, n_sample = int(responded.sum()), len(schools)

    def fill(column: str, source_id: str, mask: np.ndarray | None = None) -> None:
        sel = np.ones(n_sample, dtype=bool) if mask is None else mask
        pop = published_shares(source_id, "Populatie")
        resp_sh = published_shares(source_id, "Respons")
        r_mask, n_mask = sel & responded, sel & ~responded
        resp, non, codes = _sample_and_response_counts(
            pop, resp_sh, int(sel.sum()), int(r_mask.sum()), source_id
        )
        values = np.empty(n_sample, dtype=object)
        values[:] = None
        values[r_mask] = _labels(codes, resp, rng)
        values[n_mask] = _labels(codes, non, rng)
        schools[column] = values

    fill("province", "Tabel B1.2")
    # municipality category: G4 only in the G4 provinces, exact counts in both groups
    pop = published_shares("Tabel B1.3", "Populatie")
    resp_sh = published_shares("Tabel B1.3", "Respons")
    resp, non, codes = _sample_and_response_counts(pop, resp_sh, n_sample, n_resp, "Tabel B1.3")
    municipality = np.empty(n_sample, dtype=object)
    eligible = schools["province"].isin(G4_PROVINCES).to_numpy()
    for group_mask, counts in ((responded, resp), (~responded, non)):
        idx = np.flatnonzero(group_mask)
        g4_count = int(counts[codes.index("G4")])
        candidates = idx[eligible[idx]]
        if g4_count > len(candidates):
            raise StructureError(
                f"{targets.year}: {g4_count} G4 schools but only {len(candidates)} in G4 provinces"
            )
        g4 = rng.choice(candidates, size=g4_count, replace=False)
        municipality[g4] = "G4"
        rest = np.setdiff1d(idx, g4)
        other_codes = [c for c in codes if c != "G4"]
        municipality[rest] = _labels(
            other_codes, [int(counts[codes.index(c)]) for c in other_codes], rng
        )
    schools["municipality_category"] = municipality
    fill("denomination", "Tabel B1.4")
    bao = (schools["sector"] == "bao").to_numpy()
    fill("schoolgewicht", "Tabel B1.5", mask=bao)

    board = np.empty(n_sample, dtype=object)
    board[responded] = _labels(
        BOARD_SIZES, largest_remainder(BOARD_SIZE_SHARES_RESPONSE, n_resp), rng
    )
    sample_counts = largest_remainder(BOARD_SIZE_SHARES_SAMPLE, n_sample)
    board[~responded] = _labels(
        BOARD_SIZES, sample_counts - largest_remainder(BOARD_SIZE_SHARES_RESPONSE, n_resp), rng
    )
    schools["board_size"] = board

    # achterstandsscore (bao only): by schoolgewicht, slightly higher in G4
    score = np.full(n_sample, np.nan)
    for weight, (mean, sd) in ACHTERSTAND_PARAMS.items():
        m = (schools["schoolgewicht"] == weight).to_numpy()
        score[m] = rng.normal(mean, sd, size=int(m.sum()))
    score[bao & (municipality == "G4")] += ACHTERSTAND_G4_BONUS
    score[bao] = np.round(np.clip(score[bao], 0.0, 0.10), 4)
    schools["achterstandsscore"] = score

    pupils = np.zeros(n_sample, dtype=int)
    for school_type, (median, log_sd, minimum) in PUPILS_PARAMS.items():
        m = (schools["school_type"] == school_type).to_numpy()
        pupils[m] = np.maximum(
            minimum, np.round(median * np.exp(rng.normal(0, log_sd, int(m.sum()))))
        ).astype(int)
    schools["pupils"] = pupils

    schools = schools.iloc[rng.permutation(n_sample)].reset_index(drop=True)
    yy = targets.year % 100
    schools.insert(0, "school_id", [f"S{yy:02d}-{i:04d}" for i in range(1, n_sample + 1)])
    schools["schoolgewicht"] = schools["schoolgewicht"].astype("object")
    schools["pupils"] = schools["pupils"].astype("int64")
    return schools.loc[:, [*SCHOOL_COLUMNS, "responded"]]


# --------------------------------------------------------------------------- respondents per school


def _adjust_to_sum(
    sizes: np.ndarray, total: int, low: int, high: int, rng: np.random.Generator
) -> np.ndarray:
    """Move ``sizes`` (within [low, high]) by single units until they sum to ``total``.

    Increments go to schools with a probability proportional to their size, decrements to
    any school above ``low``.
    """
    sizes = sizes.copy()
    if not low * len(sizes) <= total <= high * len(sizes):
        raise StructureError(
            f"cannot reach {total} respondents in {len(sizes)} schools of {low}-{high}"
        )
    diff = total - int(sizes.sum())
    while diff != 0:
        step = 1 if diff > 0 else -1
        room = np.flatnonzero(sizes < high) if step > 0 else np.flatnonzero(sizes > low)
        k = min(abs(diff), len(room))
        # growth in proportion to size keeps the small schools small (a skewed distribution)
        weights = sizes[room].astype(float) if step > 0 else np.ones(len(room))
        chosen = rng.choice(room, size=k, replace=False, p=weights / weights.sum())
        sizes[chosen] += step
        diff -= step * k
    return sizes


def school_sizes(
    schools: pd.DataFrame, targets: YearTargets, rng: np.random.Generator
) -> pd.Series:
    """Number of respondents per responding school (indexed like ``schools``' responding rows).

    Constraints met exactly: the respondents per sector (sum of the sector's cells), the
    number of single-respondent schools, the maximum (exactly one school, in go, has it)
    and the median. The schools with 2 and 3 respondents are fixed counts chosen so that the
    median is :data:`MEDIAN_PER_SCHOOL`; larger schools get 4..max-1 respondents from a
    skewed (gamma, mode near 4) distribution adjusted to the sector total.
    """
    resp = schools.loc[schools["responded"]]
    n_schools = len(resp)
    n1 = targets.n_single
    n2 = round(0.07 * n_schools)
    # median position(s): the lower median is the ceil(n/2)-th value, the upper the n//2+1-th
    lower, upper = (n_schools + 1) // 2, n_schools // 2 + 1
    n3 = upper - n1 - n2 + round(0.03 * n_schools)
    if not (n1 + n2 < lower and n1 + n2 + n3 >= upper):
        raise StructureError(f"{targets.year}: cannot place the median at {MEDIAN_PER_SCHOOL}")
    sector_schools = [int((resp["sector"] == s).sum()) for s in SECTORS]
    split = {
        size: dict(zip(SECTORS, largest_remainder(sector_schools, n).tolist(), strict=False))
        for size, n in ((1, n1), (2, n2), (3, n3))
    }
    sizes = pd.Series(0, index=resp.index, dtype="int64")
    for sector in SECTORS:
        idx = resp.index[resp["sector"] == sector].to_numpy()
        idx = idx[rng.permutation(len(idx))]
        total = sum(v for (s, _), v in targets.cells.items() if s == sector)
        fixed = np.concatenate([np.full(split[k][sector], k) for k in (1, 2, 3)]).astype(int)
        n_large = len(idx) - len(fixed)
        large_total = total - int(fixed.sum())
        has_max = sector == "go"
        if has_max:
            large_total -= targets.max_per_school
            n_large -= 1
        if n_large < 0:
            raise StructureError(f"{targets.year}: too few {sector} schools for the fixed sizes")
        mean = large_total / max(n_large, 1)
        shape = 1.3
        draw = 4 + np.round(rng.gamma(shape, max(mean - 4, 0.5) / shape, size=n_large)).astype(int)
        draw = np.clip(draw, 4, targets.max_per_school - 1)
        draw = _adjust_to_sum(draw, large_total, 4, targets.max_per_school - 1, rng)
        parts = [fixed, draw] + ([np.array([targets.max_per_school])] if has_max else [])
        sizes.loc[idx] = np.concatenate(parts)
    return sizes


# --------------------------------------------------------------------------- respondents


def _group_codes(
    function_groups: Mapping[int, str], group: str, weights: Mapping[int, float]
) -> dict[int, float]:
    """Weights of the v1 codes that the codebook puts in weighting group ``group``."""
    members = [c for c, g in function_groups.items() if g == group]
    if not members:
        raise StructureError(f"the function map assigns no v1 code to weighting group '{group}'")
    chosen = {c: float(weights.get(c, 0.0)) for c in members if weights.get(c, 0.0) > 0}
    return chosen or {c: 1.0 for c in members}


def assign_functions(
    schools: pd.DataFrame,
    sizes: pd.Series,
    targets: YearTargets,
    function_groups: Mapping[int, str],
    rng: np.random.Generator,
) -> pd.DataFrame:
    """One row per respondent with ``school_id``, ``weighting_group`` and ``v1``.

    Per sector: every single-respondent school is first split into schoolleider and other
    singles (111 of 130 in 2024, split over the sectors in proportion to their singles),
    then the remaining schoolleiders go to distinct multi-respondent schools, then the
    leerkracht/overig labels of the sector are shuffled over the remaining places.
    ``function_groups`` maps each v1 code to its weighting group (codebook).
    """
    resp = schools.loc[sizes.index]
    singles = sizes == 1
    sector_singles = [int((singles & (resp["sector"] == s)).sum()) for s in SECTORS]
    single_sl = dict(
        zip(
            SECTORS,
            largest_remainder(sector_singles, targets.n_single_schoolleider).tolist(),
            strict=False,
        )
    )
    rows: list[pd.DataFrame] = []
    for sector in SECTORS:
        in_sector = (resp["sector"] == sector).to_numpy()
        idx = sizes.index[in_sector]
        sec_sizes = sizes.loc[idx]
        n_sl = targets.cells[(sector, "schoolleider")]
        single_idx = idx[(sec_sizes == 1).to_numpy()]
        multi_idx = idx[(sec_sizes > 1).to_numpy()]
        k_single = single_sl[sector]
        k_multi = n_sl - k_single
        if k_single > len(single_idx) or not 0 <= k_multi <= len(multi_idx):
            raise StructureError(
                f"{targets.year} {sector}: cannot place {n_sl} schoolleiders (at most one per "
                "school)"
            )
        sl_schools = np.concatenate(
            [
                rng.choice(single_idx, k_single, replace=False),
                rng.choice(multi_idx, k_multi, replace=False),
            ]
        )
        has_sl = pd.Series(False, index=idx)
        has_sl.loc[sl_schools] = True
        school_rep = np.repeat(idx.to_numpy(), sec_sizes.to_numpy())
        first_place = np.r_[True, school_rep[1:] != school_rep[:-1]]
        is_sl = first_place & has_sl.loc[school_rep].to_numpy()
        n_rest = int((~is_sl).sum())
        others = _labels(
            ["leerkracht", "overig"],
            [targets.cells[(sector, "leerkracht")], targets.cells[(sector, "overig")]],
            rng,
        )
        if len(others) != n_rest:
            raise StructureError(
                f"{targets.year} {sector}: {n_rest} places for {len(others)} non-schoolleiders"
            )
        group = np.empty(len(school_rep), dtype=object)
        group[is_sl] = "schoolleider"
        group[~is_sl] = others
        rows.append(pd.DataFrame({"school_index": school_rep, "weighting_group": group}))
    people = pd.concat(rows, ignore_index=True)
    people["school_id"] = schools.loc[people["school_index"], "school_id"].to_numpy()
    people["school_type"] = schools.loc[people["school_index"], "school_type"].to_numpy()
    people["sector"] = schools.loc[people["school_index"], "sector"].to_numpy()

    v1 = np.zeros(len(people), dtype=int)
    sl = (people["weighting_group"] == "schoolleider").to_numpy()
    sl_weights = {16: SCHOOLLEIDING_SHARE, 5: 1.0 - SCHOOLLEIDING_SHARE}
    v1[sl] = _rng_choice_codes(
        rng, _group_codes(function_groups, "schoolleider", sl_weights), int(sl.sum())
    )
    for school_type in SCHOOL_TYPES:
        m = (people["weighting_group"] == "leerkracht").to_numpy() & (
            people["school_type"] == school_type
        ).to_numpy()
        if m.any():
            v1[m] = _rng_choice_codes(
                rng,
                _group_codes(function_groups, "leerkracht", LEERKRACHT_WEIGHTS[school_type]),
                int(m.sum()),
            )
    for sector in SECTORS:
        m = (people["weighting_group"] == "overig").to_numpy() & (
            people["sector"] == sector
        ).to_numpy()
        if m.any():
            v1[m] = _rng_choice_codes(
                rng, _group_codes(function_groups, "overig", OVERIG_WEIGHTS[sector]), int(m.sum())
            )
    people["v1"] = v1
    return people.drop(columns=["school_index", "school_type", "sector"])


def assign_ages(people: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """v4 codes 1..5 with counts equal to the Tabel B1.6 response shares (largest remainder).

    A latent age (older for schoolleiders, younger for stagiairs) is ranked and cut at the
    exact counts, so the marginal is exact and function and age are plausibly related.
    """
    shares = published_shares("Tabel B1.6", "Respons")
    codes = [int(c) for c in shares.index]
    counts = largest_remainder(shares.to_numpy(), len(people))
    latent = rng.normal(0.0, 1.0, len(people))
    v1 = people["v1"].to_numpy()
    latent += np.where(np.isin(v1, SCHOOLLEIDER_CODES), 0.9, 0.0)
    latent += np.where(v1 == 19, -3.0, 0.0)
    order = np.argsort(latent, kind="stable")
    ages = np.empty(len(people), dtype=int)
    ages[order] = np.repeat(codes, counts)
    return ages


def assign_werktijdfactor(groups: pd.Series, rng: np.random.Generator) -> np.ndarray:
    """True werktijdfactor (fraction of a full-time job) per respondent, by weighting group."""
    out = np.zeros(len(groups))
    g = groups.to_numpy()
    for group, (values, probs) in WERKTIJDFACTOR_DIST.items():
        m = g == group
        out[m] = rng.choice(np.asarray(values), size=int(m.sum()), p=np.asarray(probs) / sum(probs))
    return out


def _fmt_decimal(x: float, sep: str) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", sep)


def werktijdfactor_text(values: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The free-text Q3 answer as people type it, for a true fraction per respondent.

    Forms: '0,8' / '0.8' / '80%' / '4 dagen' (whole days of 5) / '32 uur' (whole hours of
    40) / '1', 'fulltime', 'voltijd' for full-time, a few unreadable answers ('wisselend')
    and some empty cells. Every readable form parses back to the true value.
    """
    forms = ("comma", "point", "percent", "days", "hours", "unreadable", "empty")
    probs = np.array([0.40, 0.17, 0.14, 0.09, 0.13, 0.015, 0.055])
    unreadable = ("wisselend", "weet ik niet precies", "verschilt per week", "n.v.t.")
    chosen = rng.choice(len(forms), size=len(values), p=probs / probs.sum())
    extra = rng.integers(0, 1_000_000, size=len(values))
    out = np.empty(len(values), dtype=object)
    for i, (x, f, e) in enumerate(zip(values, chosen, extra, strict=False)):
        form = forms[f]
        days, hours = x * 5, x * 40
        if form == "days" and abs(days - round(days)) > 1e-9:
            form = "comma"
        if form == "hours" and abs(hours - round(hours)) > 1e-9:
            form = "comma"
        if x == 1.0 and form in ("comma", "point") and e % 3 == 0:
            out[i] = ("1", "fulltime", "voltijd", "Fulltime")[e % 4]
            continue
        if form == "comma":
            out[i] = _fmt_decimal(x, ",")
        elif form == "point":
            out[i] = _fmt_decimal(x, ".")
        elif form == "percent":
            out[i] = f"{round(x * 100)}%"
        elif form == "days":
            out[i] = f"{round(days)} dagen" if round(days) != 1 else "1 dag"
        elif form == "hours":
            out[i] = f"{round(hours)} uur"
        elif form == "unreadable":
            out[i] = unreadable[e % len(unreadable)]
        else:
            out[i] = ""
    return out


@dataclass
class YearStructure:
    """Schools and respondents of one year, before the substantive answers."""

    targets: YearTargets
    schools: pd.DataFrame
    """Sample frame with :data:`SCHOOL_COLUMNS` and ``responded``."""
    respondents: pd.DataFrame
    """One row per respondent: respondent_id, school_id, year, v1, v2, v3 (text), v4,
    werktijdfactor (true fraction), sector, school_type, municipality_category,
    achterstandsscore, analysis_group, weighting_group."""


def build_structure(
    year: int,
    rng: np.random.Generator,
    function_map: Mapping[int, tuple[str, str]],
) -> YearStructure:
    """Schools and respondents (without answers) for one measurement year.

    ``function_map`` maps each v1 code to ``(analysis_group, weighting_group)``; codes with
    no weighting group (None) are never generated.
    """
    targets = year_targets(year)
    schools = build_schools(targets, rng)
    sizes = school_sizes(schools, targets, rng)
    weighting = {int(c): wg for c, (_, wg) in function_map.items() if wg in WEIGHTING_GROUPS}
    people = assign_functions(schools, sizes, targets, weighting, rng)
    # respondents appear in a shuffled order (as in an export sorted by completion)
    people = people.iloc[rng.permutation(len(people))].reset_index(drop=True)
    yy = year % 100
    people.insert(0, "respondent_id", [f"R{yy:02d}-{i:05d}" for i in range(1, len(people) + 1)])
    people["year"] = year
    people["v4"] = assign_ages(people, rng)
    people["werktijdfactor"] = assign_werktijdfactor(people["weighting_group"], rng)
    people["v3"] = werktijdfactor_text(people["werktijdfactor"].to_numpy(), rng)
    people["v2"] = rng.choice(
        np.arange(1, 5), size=len(people), p=np.asarray(V2_PROBS) / sum(V2_PROBS)
    )
    school_info = schools.set_index("school_id")
    for column in ("sector", "school_type", "municipality_category", "achterstandsscore"):
        people[column] = school_info.loc[people["school_id"], column].to_numpy()
    people["analysis_group"] = [function_map[int(c)][0] for c in people["v1"]]
    columns = [
        "respondent_id",
        "school_id",
        "year",
        "v1",
        "v2",
        "v3",
        "v4",
        "werktijdfactor",
        "sector",
        "school_type",
        "municipality_category",
        "achterstandsscore",
        "analysis_group",
        "weighting_group",
    ]
    return YearStructure(targets=targets, schools=schools, respondents=people.loc[:, columns])
