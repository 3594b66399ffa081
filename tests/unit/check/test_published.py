"""Published values: file integrity and typed loading."""

from pathlib import Path

import pandas as pd
import pytest

from werkdruk_utils.check import published


@pytest.fixture(scope="module")
def pub() -> pd.DataFrame:
    return published.load_published()


def test_file_has_762_rows_and_typed_columns(pub):
    assert len(pub) == 762
    assert list(pub.columns) == list(published.COLUMNS)
    assert str(pub["measurement_year"].dtype) == "Int64"
    assert pub["value"].dtype == float
    # budgets and design numbers carry no measurement year
    budgets = pub[pub["statistic"] == "amount_million_eur"]
    assert budgets["measurement_year"].isna().all()


def test_integrity_check_passes_on_the_shipped_file(pub):
    assert published.check_published(pub) == []


def test_statistic_values_are_the_documented_ones(pub):
    assert set(pub["statistic"]) <= published.STATISTICS


def test_rows_per_source_match_extraction_notes(pub):
    assert sum(published.EXPECTED_ROWS_PER_SOURCE.values()) == 762
    assert pub["source_id"].value_counts().to_dict() == published.EXPECTED_ROWS_PER_SOURCE


def test_rows_per_source_table_is_the_one_in_extraction_notes():
    """The constant is copied from the table at the end of EXTRACTION_NOTES.md; re-read it."""
    text = (published.paths.REFERENCE_DIR / "EXTRACTION_NOTES.md").read_text(encoding="utf-8")
    table = text.split("## Rows per source_id")[1]
    found: dict[str, int] = {}
    for line in table.splitlines():
        if not line.startswith("| ") or "source_id" in line:
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        for name, count in zip(cells[0::2], cells[1::2], strict=False):
            if name and count.isdigit():
                found[name] = int(count)
    assert found == published.EXPECTED_ROWS_PER_SOURCE


def test_check_reports_broken_files(pub):
    broken = pub.drop(index=pub.index[:2]).copy()
    broken.loc[broken.index[0], "statistic"] = "median"
    problems = published.check_published(broken)
    assert any("expected 762 rows" in p for p in problems)
    assert any("unknown statistic" in p and "median" in p for p in problems)
    assert any("rows per source" in p for p in problems)


def test_load_rejects_unparseable_values(tmp_path: Path, pub):
    path = tmp_path / "pv.csv"
    frame = pub.head(3).astype({"measurement_year": "str", "value": "str"}).copy()
    frame.loc[frame.index[1], "value"] = "n.b."
    frame.to_csv(path, index=False)
    with pytest.raises(published.PublishedValuesError, match="not a number"):
        published.load_published(path)


def test_select_by_source_and_year(pub):
    t41 = published.select(pub, "Tabel 4.1", 2022)
    # 2022 has two school years (2020-2021, 2021-2022), 27 rows each (item 27 not asked)
    assert len(t41) == 54
    assert set(t41["school_year"]) == {"2020-2021", "2021-2022"}
    undated = published.select(pub, "Tekst H6", 2024, include_undated=True)
    assert len(undated) == len(pub[pub["source_id"] == "Tekst H6"]) - 1  # the 2022 'bijna 9' row
    with pytest.raises(KeyError, match="Tabel 9.9"):
        published.select(pub, "Tabel 9.9")


def test_sources_in_order(pub):
    assert published.sources(pub)[:2] == ["Tabel 3.1", "Tabel 3.2"]
