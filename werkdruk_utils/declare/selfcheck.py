"""The self-check reads the page's own declarations.

Every published number of the page's sources is compared with what the page computed: for a
published row of a declared item (``chapter.items[source_id]``), the declared result row it
names (found through the printed labels of ``published_map.yaml``: question, answer codes, group)
replaces the independent recomputation of :func:`werkdruk_utils.check.reproduce.reproduce`, and
the tolerance is applied to it (:func:`werkdruk_utils.check.reproduce.judge`: the interval, the
sign of a coefficient, the printed precision). A declaration changed on purpose (say, Tabel 3.4
unweighted) therefore shows in the self-check; where the page's value differs from the
independent recomputation, the row's note says so and gives the other value. Rows no declaration
on the page covers (counts the report prints, verbal statements, other chapters' tables) keep the
independent recomputation.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from werkdruk_utils import paths
from werkdruk_utils.check import reproduce
from werkdruk_utils.check.published import load_published
from werkdruk_utils.declare.estimates import POPULATIONS, Result
from werkdruk_utils.declare.measures import Share
from werkdruk_utils.declare.models import ModelResult
from werkdruk_utils.inputs.codebook import load_codebook

STATISTICS = {"percent": "percent", "mean_percent": "percent", "mean": "mean"}
"""Published statistic -> the declared statistic that prints it."""


_CACHE: dict[tuple, Any] = {}


def reference() -> tuple[pd.DataFrame, dict]:
    """The published values and their mapping, read once per file version (path, size, time)."""
    files = (paths.PUBLISHED_VALUES_PATH, reproduce.MAP_PATH)
    key = tuple((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = (load_published(), reproduce.load_map())
    return _CACHE[key]


def _as_list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _in_group(result: Result, block: dict, row: pd.Series, mapping: dict) -> pd.Series:
    """The rows of ``result`` in the population and group a published row names (the
    declaration's weighting may differ from the report's: that is what the self-check shows)."""
    frame = result.frame
    nothing = pd.Series(False, index=frame.index)
    wanted = block.get("population", "all")
    codes = {p: POPULATIONS[p][0] for p in result.declaration.populations}
    if wanted not in codes.values():
        return nothing
    if "groups_from" in block:
        for name in _as_list(block["groups_from"]):
            values = mapping["labels"][name].get(row["group"])
            if values is not None:
                values = _as_list(values)
                return frame["group"] == values[0] if len(values) == 1 else nothing
        return nothing
    if len(codes) > 1:  # several populations: each is a group of its own
        label = next(POPULATIONS[p][1] for p, code in codes.items() if code == wanted)
        return frame["group"] == label
    return frame["group_var"] == "totaal"


def _labels(block: dict, row: pd.Series, mapping: dict, year: int) -> tuple[str, set[str]] | None:
    """The declared variable and the category labels a published row can carry on the page."""
    cb = load_codebook()
    kind, category = block["kind"], row["category"]
    if kind == "scale_mean":
        scale = block.get("scale") or block["categories"][category]
        return scale, {cb.scales[scale].label_nl}
    if kind == "option_share":
        codes = _as_list(block["categories"][category])
        labels = {category}
        if len(codes) == 1:
            labels |= {cb.report_label(block["variable"], codes[0])}
            labels |= {cb.report_label(block["variable"], codes[0], year=year)}
        return block["variable"], labels
    if kind in ("multi_share", "field_mean", "grid_share"):
        if "categories" in block:
            columns = _as_list(block["categories"][category])
        elif "items" in block:
            columns = [block["variable_template"].format(item=i) for i in block["items"][category]]
        else:
            item = mapping["labels"][block["items_from"]][category]
            template = block.get("column_template") or block["variable_template"]
            school_year = str(row.get("school_year", "")).replace("-", "_")
            columns = [template.format(item=item, school_year=school_year)]
        if len(columns) != 1:
            return None
        return None, {category, cb.report_label(columns[0])}
    return None


def declared_row(results: Iterable[Result], block: dict, row: pd.Series, mapping: dict, year: int):
    """The one declared result row a published row names in measurement ``year``, or None."""
    if block["kind"] not in (
        "scale_mean",
        "option_share",
        "multi_share",
        "field_mean",
        "grid_share",
    ):
        return None
    if row["statistic"] not in STATISTICS:
        return None
    named = _labels(block, row, mapping, year)
    if named is None:
        return None
    variable, labels = named
    if block["kind"] == "option_share":
        shares = _shares(results, block, row, mapping, year)
        if shares is not None:
            return shares
    hits = []
    for result in results:
        frame = result.frame
        keep = (
            (frame["year"] == year)
            & _in_group(result, block, row, mapping)
            & frame["category"].isin(labels)
            & (frame["statistic"] == STATISTICS[row["statistic"]])
        )
        if variable is not None and block["kind"] != "option_share":
            keep &= frame["variable"] == variable
        if block["kind"] == "multi_share" and "school_year" in row and pd.notna(row["school_year"]):
            if (frame["group_var"] == "schooljaar").any():
                keep = (
                    (frame["year"] == year)
                    & (frame["group"] == row["school_year"])
                    & frame["category"].isin(labels)
                )
        hits.append(frame[keep])
    found = pd.concat(hits) if hits else pd.DataFrame()
    return found.iloc[0] if len(found) == 1 else None


def _shares(results: Iterable[Result], block: dict, row: pd.Series, mapping: dict, year: int):
    """The row of a declared ``Share`` that counts the published row's answer codes among the
    same base ('Ja (geëvalueerd)' = codes 2 and 3 of v8), or None."""
    cb = load_codebook()
    codes = set(_as_list(block["categories"][row["category"]]))
    every = set(cb.labels(block["variable"]))
    base = set(block.get("base") or every)
    hits = []
    for result in results:
        for measure in result.declaration.measures:
            if not isinstance(measure, Share) or measure.question != block["variable"]:
                continue
            counts, in_base = measure.codes(cb)
            if set(counts) == codes and set(in_base or every) == base:
                frame = result.frame
                hits.append(
                    frame[
                        (frame["year"] == year)
                        & _in_group(result, block, row, mapping)
                        & (frame["variable"] == measure.variable_name)
                    ]
                )
    found = pd.concat(hits) if hits else pd.DataFrame()
    return found.iloc[0] if len(found) == 1 else None


def model_value(results: Iterable, block: dict, row: pd.Series) -> tuple[float, int] | None:
    """A published coefficient (B, SE, Beta, stars) or Adj. R2 of a declared model."""
    if block["kind"] != "regression":
        return None
    term = block["terms"].get(row["category"])
    for result in results:
        if not isinstance(result, ModelResult):
            continue
        if result.not_estimable is not None:
            return math.nan, 0  # not estimable or under min_n: shown as suppressed
        frame = result.frame.set_index("term")
        n = int(frame["n"].max())
        if row["statistic"] == "adj_r2":
            return float(frame["adj_r2"].iloc[0]), n
        if term not in frame.index or row["statistic"] not in ("B", "SE", "Beta", "stars"):
            return None
        line = frame.loc[term]
        if bool(line.get("suppressed", False)):
            return math.nan, 0
        if row["statistic"] == "stars":
            return float(len(line["stars"])), n
        return float(line[row["statistic"]]), n
    return None


def compare(
    checked: pd.DataFrame, items: dict, published: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``checked`` (the output of :func:`~werkdruk_utils.check.reproduce.reproduce`) with the
    page's declared values in ``reproduced`` wherever a declared item names the row; the number
    of such rows is ``attrs["from_declarations"]``."""
    known, mapping = reference()
    published = known if published is None else published
    matches = reproduce.match_rows(published.loc[checked["row"]], mapping)
    out = checked.copy()
    declared = 0
    for i, row in out.iterrows():
        item = items.get(row["source_id"])
        if item is None or item.result is None:
            continue
        results = _as_list(item.result)
        blocks = matches.at[row["row"], "blocks"]
        if len(blocks) != 1:
            continue
        block, source = mapping["blocks"][blocks[0]], published.loc[row["row"]]
        found = model_value(results, block, source)
        if found is None:
            estimates = [r for r in results if isinstance(r, Result)]
            hit = declared_row(estimates, block, source, mapping, int(row["measurement_year"]))
            if hit is not None:
                suppressed = bool(hit["suppressed"])
                found = (math.nan, 0) if suppressed else (float(hit["estimate"]), int(hit["n"]))
        if found is not None:
            # 12 significant digits: the design-based and the plain weighted mean of the same
            # cells differ in their last bits only, far beyond any printed digit
            found = (float(f"{found[0]:.12g}"), found[1])
        if found is None:
            continue
        declared += 1
        independent = row["reproduced"]
        value, n = found
        judged = reproduce.judge(row, value) if not math.isnan(value) else {}
        out.at[i, "reproduced"] = value
        out.at[i, "difference"] = value - row["published"]
        out.at[i, "within_tolerance"] = bool(judged.get("within_tolerance", False))
        for column in ("at_printed_precision", "reason"):
            if column in out.columns and column in judged:
                out.at[i, column] = judged[column]
        out.at[i, "n_base"] = n
        if math.isnan(value) or abs(value - independent) > 1e-6 * max(1.0, abs(independent)):
            note = (
                "onderdrukt op deze pagina (te weinig respondenten)"
                if math.isnan(value)
                else f"volgens de declaratie op deze pagina; de controleberekening "
                f"({row['rule']}) geeft {independent:.6g}"
            )
            out.at[i, "note"] = f"{row['note']}; {note}" if row["note"] else note
    out.attrs["from_declarations"] = declared
    return out
