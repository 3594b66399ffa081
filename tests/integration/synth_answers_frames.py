"""Realistic structural frames for testing the synthetic answers independently of the structure
module."""

from __future__ import annotations

import numpy as np
import pandas as pd

SL_COUNTS = {2022: 311, 2023: 294, 2024: 270}
SCHOOLS = {2022: 421, 2023: 394, 2024: 355}
TOTAL = {2022: 1800, 2023: 1810, 2024: 1789}
B18_2024 = {
    ("bao", "schoolleider"): 200,
    ("bao", "leerkracht"): 722,
    ("bao", "overig"): 182,
    ("go", "schoolleider"): 70,
    ("go", "leerkracht"): 318,
    ("go", "overig"): 297,
}
WTF = {
    "schoolleider": ((1.0, 0.9, 0.8, 0.7, 0.6), (0.55, 0.15, 0.20, 0.06, 0.04)),
    "leerkracht": ((1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4), (0.25, 0.07, 0.25, 0.08, 0.18, 0.12, 0.05)),
    "overig": ((1.0, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3), (0.12, 0.17, 0.08, 0.21, 0.20, 0.16, 0.06)),
}


def cell_counts(year: int) -> dict[tuple[str, str], int]:
    """Sector x weighting-group counts: Tabel B1.8 in 2024, scaled for the other years."""
    if year == 2024:
        return dict(B18_2024)
    n_sl = SL_COUNTS[year]
    sl_b = round(n_sl * 200 / 270)
    rest = TOTAL[year] - n_sl
    others = {k: v for k, v in B18_2024.items() if k[1] != "schoolleider"}
    tot = sum(others.values())
    out = {("bao", "schoolleider"): sl_b, ("go", "schoolleider"): n_sl - sl_b}
    acc = 0
    keys = list(others)
    for k in keys[:-1]:
        out[k] = round(rest * others[k] / tot)
        acc += out[k]
    out[keys[-1]] = rest - acc
    return out


def build_frame(year: int, seed: int = 7) -> pd.DataFrame:
    """One row per respondent with the columns the answer generator needs."""
    rng = np.random.default_rng(seed + year)
    counts = cell_counts(year)
    n_schools = SCHOOLS[year]
    go_share = (counts[("go", "schoolleider")] + 5) / sum(
        v for k, v in counts.items() if k[1] == "schoolleider"
    )
    n_go = int(round(n_schools * max(go_share, 0.25)))
    sectors = np.array(["go"] * n_go + ["bao"] * (n_schools - n_go))
    muni = rng.choice(["G4", "G40", "overig"], size=n_schools, p=[0.087, 0.313, 0.600])
    ach = np.where(sectors == "bao", np.clip(rng.normal(0.04, 0.017, n_schools), 0.0, 0.10), np.nan)
    school_ids = np.array([f"T{year % 100}-{i:04d}" for i in range(n_schools)])
    rows = []
    for sector in ("bao", "go"):
        ids = np.flatnonzero(sectors == sector)
        n_sl = counts[(sector, "schoolleider")]
        sl_schools = rng.choice(ids, size=n_sl, replace=False)
        for s in sl_schools:
            rows.append((s, sector, "schoolleider"))
        for group in ("leerkracht", "overig"):
            for s in rng.choice(ids, size=counts[(sector, group)], replace=True):
                rows.append((s, sector, group))
    people = pd.DataFrame(rows, columns=["school", "sector", "weighting_group"])
    people = people.iloc[rng.permutation(len(people))].reset_index(drop=True)
    n = len(people)
    wg = people["weighting_group"].to_numpy()
    analysis = np.where(
        wg == "schoolleider", "schoolleider", np.where(wg == "leerkracht", "leraar", "")
    )
    ov = wg == "overig"
    oop = rng.random(n) < 0.72
    analysis = np.where(ov & oop, "onderwijsondersteunend personeel", analysis)
    analysis = np.where(ov & ~oop, "overig ondersteunend personeel", analysis)
    v1 = np.select(
        [
            analysis == "schoolleider",
            analysis == "leraar",
            analysis == "onderwijsondersteunend personeel",
        ],
        [
            rng.choice([16, 5], n, p=[0.85, 0.15]),
            rng.choice([9, 10, 11], n),
            rng.choice([13, 8, 12], n),
        ],
        rng.choice([1, 4, 7], n),
    )
    wtf = np.zeros(n)
    for g, (vals, probs) in WTF.items():
        m = wg == g
        wtf[m] = rng.choice(vals, size=int(m.sum()), p=np.array(probs) / sum(probs))
    age = rng.choice([1, 2, 3, 4, 5], size=n, p=[0.036, 0.205, 0.284, 0.243, 0.232])
    age = np.where(wg == "schoolleider", np.maximum(age, 3), age)
    school = people["school"].to_numpy()
    return pd.DataFrame(
        {
            "respondent_id": [f"R{year % 100}-{i:05d}" for i in range(n)],
            "school_id": school_ids[school],
            "year": year,
            "v1": v1,
            "v4": age,
            "werktijdfactor": wtf,
            "sector": people["sector"].to_numpy(),
            "school_type": np.where(people["sector"].to_numpy() == "bao", "bao", "so"),
            "municipality_category": muni[school],
            "achterstandsscore": ach[school],
            "analysis_group": analysis,
            "weighting_group": wg,
        }
    )
