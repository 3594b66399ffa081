"""Data summary: load and validate every measurement year and describe what was loaded.

``python -m werkdruk_utils.publish.summary --data data/synthetic --years 2022 2023 2024 --out
outputs/data_summary.md [--outputs outputs]``

The summary is deterministic (no timestamps) and holds no personal data: counts,
checksums, the weighting table and, when the notebooks were built into ``--outputs``, the totals
of their self-checks (``<outputs>/<year>/reproduction.csv``; nothing is recomputed). The
measurements come from the measurement cache the notebooks fill. Every number carries
its base (:mod:`werkdruk_utils.present.bases`: Markdown with inline HTML), and a count of fewer
than ``min_n`` respondents is shown as ``*``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from werkdruk_utils import measurements, paths
from werkdruk_utils.inputs.cache import load_measurement
from werkdruk_utils.inputs.load import Measurement
from werkdruk_utils.present.bases import kind_span, shown
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
from werkdruk_utils.provenance import code_version
from werkdruk_utils.stats import weighting
from werkdruk_utils.stats.analysis import MIN_N

STRUCTURE_BASES = {
    "Scholen in steekproef": "sample",
    "Scholen met respons": "sample",
    "Responspercentage scholen": "sample",
    "Scholen met één respondent": "sample",
    "  waarvan de schoolleider": "sample",
    "Respondenten": "count",
    "Schoolleiders": "count",
    "Maximum respondenten per school": "count",
    "Mediaan respondenten per school": "respondents",
    "Gemiddelde respondenten per school": "respondents",
}
"""What each number of the structure table rests on: the sample of schools, itself (a count of
respondents), or all respondents of the year."""


def structure(m: Measurement) -> dict[str, float]:
    """Counts Bijlage 1 reports: sampled and responding schools, respondents, respondents per
    school."""
    per_school = m.respondents.groupby("school_id").size()
    single = per_school.index[per_school == 1]
    single_sl = m.respondents[
        m.respondents["school_id"].isin(single)
        & (m.respondents["analysis_group"] == "schoolleider")
    ]
    return {
        "Scholen in steekproef": len(m.schools),
        "Scholen met respons": int(per_school.size),
        "Responspercentage scholen": 100 * per_school.size / len(m.schools),
        "Respondenten": len(m.respondents),
        "Schoolleiders": int((m.respondents["analysis_group"] == "schoolleider").sum()),
        "Scholen met één respondent": int(single.size),
        "  waarvan de schoolleider": int(single_sl["school_id"].nunique()),
        "Maximum respondenten per school": int(per_school.max()),
        "Mediaan respondenten per school": float(per_school.median()),
        "Gemiddelde respondenten per school": float(per_school.mean()),
    }


def markdown_table(frame: pd.DataFrame) -> str:
    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def year_section(m: Measurement) -> list[str]:
    lines = [f"## Meting {m.year}", ""]
    if m.synthetic:
        lines += ["**Synthetische data** — geen echte respondenten.", ""]
    lines += [
        f"Invoerbestanden: {', '.join(Path(f).name for f in m.files)}  ",
        f"SHA-256 van de invoer: `{m.sha256}`",
        "",
    ]
    lines += [markdown_table(pd.DataFrame(structure_rows(m), columns=["Kenmerk", "Waarde"])), ""]
    lines += ["Tabel B1.8 Weegfactor", "", markdown_table(weighting_rows(m)), ""]
    notes = {k: v for k, v in m.notes.items() if isinstance(v, (int, float))}
    if notes:
        lines += ["Meldingen bij het inlezen:", ""]
        lines += [
            f"- {key}: {shown(str(value), value, MIN_N)}" for key, value in sorted(notes.items())
        ]
        lines += [""]
    return lines


def structure_rows(m: Measurement, min_n: int = MIN_N) -> list[tuple[str, str]]:
    """The structure table's rows, each value with its base."""
    respondents = len(m.respondents)
    rows = []
    for key, value in structure(m).items():
        if "percentage" in key:
            text = fmt_percent(value, 1)
        elif isinstance(value, float) and not float(value).is_integer():
            text = fmt_number(value, 1)
        else:
            text = fmt_number(value, 0)
        base = STRUCTURE_BASES.get(key, "count")
        if base == "count":
            rows.append((key, shown(text, value, min_n)))
        elif base == "respondents":
            rows.append((key, shown(text, respondents, min_n)))
        else:
            rows.append((key, kind_span(text, base)))
    return rows


def weighting_rows(m: Measurement, min_n: int = MIN_N) -> pd.DataFrame:
    """Tabel B1.8 as the summary shows it: the sample's counts, shares, weights and weighted cases
    rest on the cell's respondents (``*`` below ``min_n``), the population figures are public."""
    table = weighting.weight_table(m.respondents)
    n = table["n_sample"].tolist()
    return pd.DataFrame(
        {
            "Cel": table["sector"].str.upper() + " " + table["weighting_group"].str.capitalize(),
            "Aantal in sample": [shown(fmt_number(v, 0), v, min_n) for v in n],
            "Percentage in sample": [
                shown(fmt_percent(100 * v, 1), k, min_n)
                for v, k in zip(table["share_sample"], n, strict=False)
            ],
            "Aantal in populatie": [
                kind_span(fmt_number(v, 0), "population") for v in table["n_population"]
            ],
            "Percentage in populatie": [
                kind_span(fmt_percent(100 * v, 1), "population") for v in table["share_population"]
            ],
            "Weegfactor": [
                shown(fmt_number(v, 2), k, min_n) for v, k in zip(table["weight"], n, strict=False)
            ],
            "Gewogen cases": [
                shown(fmt_number(v, 2), k, min_n)
                for v, k in zip(table["weighted_cases"], n, strict=False)
            ],
        }
    )


def reproduction_section(years: list[int], outputs: Path | None) -> list[str]:
    """Totals of the notebooks' self-checks per year, from ``<outputs>/<year>/reproduction.csv``."""
    rows = []
    for year in years:
        path = None if outputs is None else Path(outputs) / str(year) / "reproduction.csv"
        if path is None or not path.is_file():
            continue
        result = pd.read_csv(path)
        within = int(result["within_tolerance"].sum())
        rows.append((year, len(result), within, len(result) - within))
    if not rows:
        return []
    table = pd.DataFrame(
        [[kind_span(str(v), "meta") for v in row] for row in rows],
        columns=["Meting", "Vergeleken", "Binnen tolerantie", "Buiten tolerantie"],
    )
    return ["## Gepubliceerde cijfers gereproduceerd", "", markdown_table(table), ""]


def build_summary(data_dir: Path, years: list[int], outputs: Path | None = None) -> str:
    measurements = [load_measurement(year, data_dir) for year in years]
    synthetic = any(m.synthetic for m in measurements)
    lines = ["# Werkdruk po — samenvatting van de data", ""]
    if synthetic:
        lines += [
            "> **SYNTHETISCHE DATA.** Deze samenvatting is gemaakt op synthetische meetdata met de "
            "structuur van de echte enquête; geen enkele rij is een echte respondent.",
            "",
        ]
    lines += [
        f"Code-versie: {kind_span(code_version(), 'meta')}  ",
        f"Data: `{paths.display(data_dir)}`",
        "",
    ]
    for m in measurements:
        lines += year_section(m)
    lines += reproduction_section(years, outputs)
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=paths.SYNTHETIC_DIR,
        help="folder with one subfolder per measurement year",
    )
    parser.add_argument("--years", type=int, nargs="+", default=list(measurements.years()))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--outputs", type=Path, default=None, help="built outputs whose self-checks to total"
    )
    args = parser.parse_args(argv)
    paths.write_atomic(args.out, build_summary(args.data, args.years, args.outputs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
