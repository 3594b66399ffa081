"""Structural invariants of the synthetic data generator (werkdruk_utils.synth)."""

from __future__ import annotations

import os
import stat

import numpy as np
import pandas as pd
import pytest

from werkdruk_utils.inputs.codebook import load_codebook
from werkdruk_utils.inputs.werktijdfactor import parse_werktijdfactor
from werkdruk_utils.synth import DEFAULT_SEED, function_map, generate_year, year_streams
from werkdruk_utils.synth.filler import EMAIL_DOMAIN, PersonalColumn, fill_personal
from werkdruk_utils.synth.structure import (
    G4_PROVINCES,
    SCHOOL_COLUMNS,
    build_structure,
    largest_remainder,
    published_shares,
    werktijdfactor_text,
    year_targets,
)
from werkdruk_utils.synth.writer import (
    COMMENT_TEMPLATE,
    YearFiles,
    format_value,
    frame_to_csv,
    write_dataset,
)

YEARS = (2022, 2023, 2024)
"""The report's measurements (the generator's published targets)."""


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


@pytest.fixture(scope="module")
def structures(codebook):
    """Structure of every year, built once with the default seed."""
    fmap = function_map(codebook)
    return {
        year: build_structure(year, year_streams(DEFAULT_SEED, year)[0], fmap) for year in YEARS
    }


# ----------------------------------------------------------------------------- helpers


def test_largest_remainder_hand_computed():
    # quotas 3.5, 2.1, 1.4 -> floors 3, 2, 1 (sum 6); the one unit left goes to .5
    assert largest_remainder([0.5, 0.3, 0.2], 7).tolist() == [4, 2, 1]
    # shares are normalised: 1:1:1 of 10 -> 3.33 each; the extra unit to the first (tie)
    assert largest_remainder([1, 1, 1], 10).tolist() == [4, 3, 3]
    # Tabel B1.6 response shares x 1,789: 64.4, 366.7, 508.1, 434.7, 415.0
    assert largest_remainder([3.6, 20.5, 28.4, 24.3, 23.2], 1789).tolist() == [
        64,
        367,
        508,
        435,
        415,
    ]


# ----------------------------------------------------------------------------- targets


def test_targets_2024_are_bijlage_1():
    t = year_targets(2024)
    assert (t.n_sample, t.n_responding, t.n_respondents) == (1571, 355, 1789)
    assert (t.n_single, t.n_single_schoolleider, t.max_per_school, t.median_per_school) == (
        130,
        111,
        26,
        3,
    )
    assert t.n_schoolleiders == 270
    assert t.cells == {
        ("bao", "schoolleider"): 200,
        ("bao", "leerkracht"): 722,
        ("bao", "overig"): 182,
        ("go", "schoolleider"): 70,
        ("go", "leerkracht"): 318,
        ("go", "overig"): 297,
    }
    # Tabel B1.1 response: bao 69.3% x 355 = 246.0, go 30.7% x 355 = 109.0
    assert t.responding_by_sector == {"bao": 246, "go": 109}
    # sample oversamples go at its response share: 0.307 x 1571 = 482.3
    assert t.sample_by_sector == {"bao": 1089, "go": 482}


def test_targets_other_years_average_to_the_summary():
    t22, t23, t24 = (year_targets(y) for y in YEARS)
    assert (t22.n_responding + t23.n_responding + t24.n_responding) / 3 == 390
    assert (t22.n_respondents + t23.n_respondents + t24.n_respondents) / 3 == 1794
    # 3,593 split as Tabel 5.1 N 1,351 : 1,474 -> 1,718.26 : 1,874.74
    assert (t22.n_respondents, t23.n_respondents) == (1718, 1875)
    assert (t22.n_schoolleiders, t23.n_schoolleiders) == (311, 294)
    # 2022 schoolleiders 311 split 200:70 -> 230.4 / 80.6; others 1,407 in 722:182:318:297
    # -> 668.77, 168.58, 294.55, 275.10 -> floors 668, 168, 294, 275 (+1 to the two largest
    # remainders)
    assert t22.cells == {
        ("bao", "schoolleider"): 230,
        ("bao", "leerkracht"): 669,
        ("bao", "overig"): 169,
        ("go", "schoolleider"): 81,
        ("go", "leerkracht"): 294,
        ("go", "overig"): 275,
    }
    # singles scaled by the number of schools: 130 x 421 / 355 = 154.2, 111 x 421 / 355 = 131.6
    assert (t22.n_single, t22.n_single_schoolleider) == (154, 132)


# ----------------------------------------------------------------------------- schools


@pytest.mark.parametrize("year", YEARS)
def test_school_sample_and_response(structures, year):
    st = structures[year]
    schools, t = st.schools, st.targets
    assert list(schools.columns) == [*SCHOOL_COLUMNS, "responded"]
    assert len(schools) == 1571 and schools["school_id"].is_unique
    assert schools["school_id"].str.fullmatch(rf"S{year % 100:02d}-\d{{4}}").all()
    assert int(schools["responded"].sum()) == t.n_responding
    resp = schools.loc[schools["responded"]]
    # sector
    assert resp["sector"].value_counts().to_dict() == t.responding_by_sector
    assert schools["sector"].value_counts().to_dict() == t.sample_by_sector
    assert set(schools.loc[schools["sector"] == "bao", "school_type"]) == {"bao"}
    assert set(schools.loc[schools["sector"] == "go", "school_type"]) == {"sbao", "so", "vso"}
    # every share within rounding of the published response / population share
    for column, source, subset in (
        ("province", "Tabel B1.2", None),
        ("municipality_category", "Tabel B1.3", None),
        ("denomination", "Tabel B1.4", None),
        ("schoolgewicht", "Tabel B1.5", "bao"),
    ):
        frame = schools if subset is None else schools.loc[schools["sector"] == subset]
        part = frame.loc[frame["responded"]]
        for group, data in (("Respons", part), ("Populatie", frame)):
            shares = published_shares(source, group)
            counts = data[column].value_counts().reindex(shares.index, fill_value=0)
            expected = largest_remainder(shares.to_numpy(), len(data))
            assert counts.tolist() == expected.tolist(), (source, group)
            assert (abs(counts / len(data) - shares) <= 1 / len(data) + 1e-12).all()
    # G4 schools only in the provinces of the G4 cities
    assert (
        schools.loc[schools["municipality_category"] == "G4", "province"].isin(G4_PROVINCES).all()
    )


def test_published_school_counts_hand_computed(structures):
    resp24 = structures[2024].schools.query("responded")
    # Tabel B1.5 (bao, 246 schools): 63.0% -> 154.98, 29.3% -> 72.08, 7.7% -> 18.94
    assert resp24.loc[resp24["sector"] == "bao", "schoolgewicht"].value_counts().to_dict() == {
        "laag": 155,
        "midden": 72,
        "hoog": 19,
    }
    # Tabel B1.3: 8.7 / 31.3 / 60.0 % of 355 -> 30.9, 111.1, 213.0
    assert resp24["municipality_category"].value_counts().to_dict() == {
        "overig": 213,
        "G40": 111,
        "G4": 31,
    }
    # Tabel B1.4 ('Meting 1') is exact in 2022: 421 x 27.8/18.8/25.4/28.0 % = 117/79/107/118
    resp22 = structures[2022].schools.query("responded")
    assert resp22["denomination"].value_counts().to_dict() == {
        "rooms-katholiek": 118,
        "openbaar": 117,
        "protestants-christelijk": 107,
        "overig bijzonder": 79,
    }


def test_new_sample_every_year(structures):
    ids = [set(structures[y].schools["school_id"]) for y in YEARS]
    assert not (ids[0] & ids[1]) and not (ids[0] & ids[2]) and not (ids[1] & ids[2])
    respondent_ids = [set(structures[y].respondents["respondent_id"]) for y in YEARS]
    assert sum(len(s) for s in respondent_ids) == len(set.union(*respondent_ids))


@pytest.mark.parametrize("year", YEARS)
def test_achterstandsscore(structures, year):
    schools = structures[year].schools
    bao = schools["sector"] == "bao"
    assert schools.loc[~bao, "achterstandsscore"].isna().all()
    assert schools.loc[~bao, "schoolgewicht"].isna().all()
    score = schools.loc[bao, "achterstandsscore"]
    assert score.notna().all() and score.between(0.0, 0.10).all()
    # SD about 0.017 (Tabel B2.1: Beta 0.086 / B 2.97 x SD(scale) ~ 0.6)
    sd = schools.loc[bao & schools["responded"], "achterstandsscore"].std()
    assert 0.013 <= sd <= 0.021
    # schoolgewicht hoog has a higher mean score than laag
    means = schools.loc[bao].groupby("schoolgewicht")["achterstandsscore"].mean()
    assert means["laag"] < means["midden"] < means["hoog"]


# ----------------------------------------------------------------------------- respondents


@pytest.mark.parametrize("year", YEARS)
def test_respondents_per_school(structures, year):
    st = structures[year]
    t, people, schools = st.targets, st.respondents, st.schools
    assert len(people) == t.n_respondents and people["respondent_id"].is_unique
    sizes = people.groupby("school_id").size()
    responding = set(schools.loc[schools["responded"], "school_id"])
    assert set(sizes.index) == responding  # every responding school has >= 1 respondent, no others
    assert sizes.max() == 26 and int((sizes == 26).sum()) == 1
    assert sizes.median() == 3
    assert int((sizes == 1).sum()) == t.n_single
    singles = people.loc[people["school_id"].isin(sizes.index[sizes == 1])]
    assert int((singles["weighting_group"] == "schoolleider").sum()) == t.n_single_schoolleider


@pytest.mark.parametrize("year", YEARS)
def test_functions(structures, codebook, year):
    st = structures[year]
    people = st.respondents
    cells = people.groupby(["sector", "weighting_group"]).size().to_dict()
    assert cells == st.targets.cells
    assert (
        int((people["weighting_group"] == "schoolleider").sum())
        == {2022: 311, 2023: 294, 2024: 270}[year]
    )
    # at most one schoolleider per school
    assert (
        people.loc[people["weighting_group"] == "schoolleider"].groupby("school_id").size().max()
        == 1
    )
    # v1 agrees with the codebook's groups
    fmap = function_map(codebook)
    assert all(
        fmap[int(c)] == (a, w)
        for c, a, w in zip(
            people["v1"], people["analysis_group"], people["weighting_group"], strict=False
        )
    )
    sl = people.loc[people["weighting_group"] == "schoolleider", "v1"]
    assert set(sl) == {5, 16} and (sl == 16).mean() > 0.7
    # Docent VSO only in vso schools
    assert (people.loc[people["v1"] == 6, "school_type"] == "vso").all()
    assert people["v1"].nunique() >= 15


@pytest.mark.parametrize("year", YEARS)
def test_ages_follow_tabel_b1_6(structures, year):
    people = structures[year].respondents
    expected = largest_remainder([3.6, 20.5, 28.4, 24.3, 23.2], len(people))
    assert people["v4"].value_counts().reindex([1, 2, 3, 4, 5]).tolist() == expected.tolist()


def test_v2_mostly_employed(structures):
    v2 = structures[2024].respondents["v2"]
    assert set(v2) <= {1, 2, 3, 4} and (v2 == 1).mean() > 0.9


@pytest.mark.parametrize("year", YEARS)
def test_werktijdfactor_text_parses_back(structures, year):
    people = structures[year].respondents
    true = people["werktijdfactor"]
    assert true.between(0.2, 1.0).all()
    parsed = people["v3"].map(parse_werktijdfactor)
    ok = parsed.notna()
    assert np.allclose(parsed[ok].astype(float), true[ok])
    assert ok.mean() > 0.9
    texts = people["v3"]
    assert (texts == "").sum() > 0 and (~ok & (texts != "")).sum() > 0
    for pattern in (r"^0,\d+$", r"^0\.\d+$", r"^\d+%$", r"^\d dag(en)?$", r"^\d+ uur$"):
        assert texts.str.fullmatch(pattern).any(), pattern
    # schoolleiders work more than OOP on average
    means = people.groupby("weighting_group")["werktijdfactor"].mean()
    assert means["schoolleider"] > means["leerkracht"] > means["overig"]


def test_werktijdfactor_text_forms_hand_checked():
    rng = np.random.default_rng(0)
    texts = werktijdfactor_text(np.array([0.8] * 400), rng)
    # 0.8 = 4 of 5 days = 32 of 40 hours
    assert set(texts) >= {"0,8", "0.8", "80%", "4 dagen", "32 uur", ""}
    texts = werktijdfactor_text(np.array([0.65] * 400), rng)
    assert "3,25 dagen" not in set(texts) and "26 uur" in set(texts)


# ----------------------------------------------------------------------------- filler


def test_filler_routing_and_domain():
    frame = pd.DataFrame(
        {
            "respondent_id": [f"R24-{i:05d}" for i in range(1, 401)],
            "v1": [20 if i % 4 == 0 else 9 for i in range(400)],
            "v19": [(i % 6) + 1 for i in range(400)],
            "v23": [1 if i % 5 == 0 else (2 if i % 5 == 1 else pd.NA) for i in range(400)],
        }
    )
    columns = {
        "v1_vak": PersonalColumn("v1_vak", "text", "v1 == 20"),
        "v20": PersonalColumn("v20", "text", "v19 in (3, 4, 5)"),
        "v23_email": PersonalColumn("v23_email", "email", "v23 == 1"),
        "v25_email": PersonalColumn("v25_email", "email", None),
    }
    filled = fill_personal(frame, columns, np.random.default_rng(1))
    assert filled.index.equals(frame.index)
    assert filled.loc[frame["v1"] != 20, "v1_vak"].isna().all()
    assert filled.loc[frame["v1"] == 20, "v1_vak"].notna().mean() > 0.6
    assert filled.loc[~frame["v19"].isin([3, 4, 5]), "v20"].isna().all()
    assert filled.loc[frame["v19"].isin([3, 4, 5]), "v20"].notna().any()
    is_one = (frame["v23"] == 1).fillna(False).to_numpy(dtype=bool)
    assert (
        filled.loc[is_one, "v23_email"].notna().all()
        and filled.loc[~is_one, "v23_email"].isna().all()
    )
    share = filled["v25_email"].notna().mean()
    assert 0.4 < share < 0.6
    emails = pd.concat([filled["v23_email"], filled["v25_email"]]).dropna()
    assert emails.str.fullmatch(r"[a-z0-9.]+@" + EMAIL_DOMAIN.replace(".", r"\.")).all()


# ----------------------------------------------------------------------------- full year, writer


def stub_answers(codebook):
    """A stand-in for answers.generate_answers: random codes for the routing variables only.

    Keeps these tests independent of the answer calibration while still exercising the
    personal-column routing (v19/v21 -> v20/v22, v23 -> v23_email, 'anders' options).
    """

    def generate(frame: pd.DataFrame, year: int, rng: np.random.Generator) -> pd.DataFrame:
        spec = codebook.column_spec(year)
        columns = [
            c
            for c, s in spec.items()
            if not s.personal and c not in ("respondent_id", "school_id", "v1", "v2", "v3", "v4")
        ]
        n = len(frame)
        out = {c: pd.array([pd.NA] * n, dtype="Int64") for c in columns}
        is_sl = frame["analysis_group"].eq("schoolleider").to_numpy()
        for column in ("v19", "v21"):
            out[column] = pd.array(rng.integers(1, 7, n), dtype="Int64")
        out["v7_28"] = pd.array(rng.integers(0, 2, n), dtype="Int64")
        out["v23"] = pd.array(
            [int(x) if s else pd.NA for x, s in zip(rng.integers(1, 3, n), is_sl, strict=False)],
            dtype="Int64",
        )
        return pd.DataFrame(out, index=frame.index)

    return generate


@pytest.fixture(scope="module")
def year_2024(codebook):
    return generate_year(2024, DEFAULT_SEED, codebook, answer_function=stub_answers(codebook))


def test_generate_year_columns_and_personal_content(year_2024, codebook):
    r = year_2024.respondents
    assert list(r.columns) == codebook.columns(2024)
    spec = codebook.column_spec(2024)
    emails = [c for c, s in spec.items() if s.kind == "email"]
    values = pd.concat([r[c] for c in emails]).dropna()
    assert len(values) > 0 and values.str.endswith("@example.org").all()
    # e-mail for the case study only where v23 == 1 (and v23 only shown to schoolleiders)
    assert r.loc[r["v23_email"].notna(), "v23"].eq(1).all()
    texts = [c for c, s in spec.items() if s.kind == "text"]
    assert r["v24"].notna().any()
    for column in ("v20", "v22", "v7_anders", "v1_vak", "v1_anders"):
        assert r[column].notna().any(), column
    for column in texts:
        shown = codebook.shown_mask(r, column)
        assert r.loc[~shown, column].isna().all(), column
    assert list(year_2024.schools.columns) == list(SCHOOL_COLUMNS)


def test_generation_is_deterministic(year_2024, codebook):
    again = generate_year(2024, DEFAULT_SEED, codebook, answer_function=stub_answers(codebook))
    pd.testing.assert_frame_equal(again.respondents, year_2024.respondents)
    pd.testing.assert_frame_equal(again.schools, year_2024.schools)
    other = generate_year(2024, DEFAULT_SEED + 1, codebook, answer_function=stub_answers(codebook))
    assert not other.schools.equals(year_2024.schools)


def test_format_value():
    assert format_value(3) == "3"
    assert format_value(np.int64(12)) == "12"
    assert format_value(25.0) == "25"
    assert format_value(0.0347) == "0.0347"
    assert format_value(33.3) == "33.3"
    assert format_value(float("nan")) == ""
    assert format_value(pd.NA) == ""
    assert format_value(None) == ""
    assert format_value("0,8") == "0,8"


def test_frame_to_csv_format():
    frame = pd.DataFrame(
        {"a": pd.array([1, None], dtype="Int64"), "b": ["x, y", ""], "c": [0.5, np.nan]}
    )
    text = frame_to_csv(frame, ["c", "a", "b"], "# SYNTHETISCHE DATA test")
    assert text == '# SYNTHETISCHE DATA test\nc,a,b\n0.5,1,"x, y"\n,,\n'


def test_write_is_byte_identical_and_read_only(year_2024, tmp_path):
    files = {
        2024: YearFiles(
            year_2024.respondents,
            year_2024.respondent_columns,
            year_2024.schools,
            list(SCHOOL_COLUMNS),
        )
    }
    first, second = tmp_path / "a", tmp_path / "b"
    write_dataset(first, files, DEFAULT_SEED)
    write_dataset(second, files, DEFAULT_SEED)
    for name in ("2024/respondents.csv", "2024/schools.csv", "README.md"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
        assert stat.S_IMODE(os.stat(first / name).st_mode) == 0o444
    header = (first / "2024/respondents.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == COMMENT_TEMPLATE.format(seed=DEFAULT_SEED)
    assert header.startswith("# SYNTHETISCHE DATA")
    assert "synthetisch" in (first / "README.md").read_text(encoding="utf-8").lower()
    # overwriting read-only output works and leaves no temporary folders
    before = (first / "2024/schools.csv").read_bytes()
    write_dataset(first, files, DEFAULT_SEED)
    assert (first / "2024/schools.csv").read_bytes() == before
    assert sorted(p.name for p in first.iterdir()) == ["2024", "README.md"]
    # the CSV reads back with the expected shape and integer codes without '.0'
    back = pd.read_csv(
        first / "2024/respondents.csv", comment=None, skiprows=1, dtype=str, keep_default_na=False
    )
    assert back.shape == year_2024.respondents.shape
    assert not back["v1"].str.contains(r"\.").any()
