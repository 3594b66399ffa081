"""Hoofdstuk 3 Het proces rondom de werkdrukaanpak: the text that no declaration carries.

The notebook declares every table and figure (question, population, grouping, weighting, base);
this module writes the sentences and the notes whose numbers come from those declared results:
the most named causes and factors (§3.1), evaluation and decision (§3.2), the parties involved
(§3.3).
"""

from __future__ import annotations

import pandas as pd

from werkdruk_utils.chapters.terms import SECTOR_NAMES, SECTORS, join, top_rows
from werkdruk_utils.declare.estimates import Result
from werkdruk_utils.inputs.codebook import ANALYSIS_GROUPS, load_codebook
from werkdruk_utils.present.findings import change_sentence, fmt_p
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
from werkdruk_utils.stats import weighting

SOURCES = (
    "Tabel 3.1",
    "Tabel 3.2",
    "Tabel 3.3",
    "Tabel 3.4",
    "Tabel B3.1",
    "Tekst H3.1",
    "Tekst H3.2",
    "Tekst H3.3",
)
"""What the self-check compares: the report's numbers of this chapter."""

GROUP_LABELS = {
    "schoolleider": "Schoolleider",
    "leraar": "Leraar",
    "onderwijsondersteunend personeel": "Onderwijs ondersteunend personeel",
    "overig ondersteunend personeel": "Overig ondersteunend personeel",
}
"""Figuur 3.3 prints 'Onderwijs ondersteunend personeel'."""
GROUP_PLURALS = {
    "schoolleider": "schoolleiders",
    "leraar": "leerkrachten",
    "onderwijsondersteunend personeel": "onderwijsondersteunend personeel",
    "overig ondersteunend personeel": "overig ondersteunend personeel",
}
"""Chapter 3 speaks of 'leerkrachten'."""
SECTOR_TITLES = {"bao": "Bao", "go": "Go"}
NONE_OF_THESE = "Geen van bovenstaande"
SECTOR_COMPARISON = ("Behandelaar", "Stagebegeleider", "Onderwijsassistent")
"""The staff groups whose discussion §3.3 compares between go and bao."""

NOTE_UNWEIGHTED_SECTOR = "Schoolleiders; ongewogen binnen de sector (zoals het rapport)."
NOTE_SECTOR = "Schoolleiders; percentages gewogen naar sector (Tabel B1.1)."
NOTE_CELL = "Alle respondenten; gewogen naar functie en sector (Tabel B1.8)."


def _current(result: Result, **where) -> pd.DataFrame:
    rows = result.current()
    for column, value in where.items():
        rows = rows[rows[column] == value]
    return rows


def _others(result: Result, *also: str) -> list[str]:
    """The categories never ranked among 'the most named': 'Anders' (and ``also``)."""
    return [c for c in dict.fromkeys(result.frame["category"]) if c.startswith("Anders")] + list(
        also
    )


def _category(result: Result, fragment: str) -> str:
    """The category of ``result`` whose label contains ``fragment``."""
    return next(c for c in dict.fromkeys(result.frame["category"]) if fragment in c)


# ----------------------------------------------------------------------------------------------
# §3.1 causes (Figuur 3.1, Tabel B3.1) and factors (Q7)


def causes_notes(causes: Result) -> list[str]:
    """Tabel B3.1: the base, the report's weighted count and an item not asked this year."""
    resp = causes.data.frame(causes.run_year)
    sl = resp[resp["analysis_group"] == "schoolleider"]
    weighted = weighting.cell_weights(resp).reindex(sl.index).groupby(sl["sector"]).sum()
    weighted_text = " en ".join(
        f"{fmt_number(weighted.get(s, float('nan')), 1)} ({s})" for s in SECTORS
    )
    notes = [
        NOTE_UNWEIGHTED_SECTOR
        + " Basis: alle schoolleiders van de sector; meer antwoorden mogelijk.",
        "'Totaal aantal respondenten' is hier het aantal schoolleiders waarop de percentages "
        "rusten. Het rapport drukt in Tabel B3.1 het gewogen aantal af (som van de celgewichten, "
        f"Tabel B1.8); in deze meting is dat {weighted_text}.",
    ]
    if "v10_27" in load_codebook().not_asked(causes.run_year):
        notes.append("'Contact met externe(n) (partijen)' is in deze meting niet gevraagd.")
    return notes


def top_causes_text(causes: Result, k: int = 4) -> str:
    """§3.1: the causes schoolleiders named most often per sector (top ``k`` and ties), compared
    with the top of the earlier measurements."""
    school_year = load_codebook().school_years(causes.run_year)["current"]
    frame = causes.frame
    parts = []
    for sector in SECTORS:
        current = frame[(frame["year"] == causes.run_year) & (frame["group"] == sector)]
        top = top_rows(current, k, exclude=_others(causes))
        lines = [
            f"In schooljaar {school_year} zijn in het {SECTOR_NAMES[sector]} volgens de "
            "schoolleiders het vaakst als oorzaak van werkdruk genoemd:",
            "",
        ]
        lines += [f"- {row.category} ({fmt_percent(row.estimate, 1)})" for row in top.itertuples()]
        earlier = [y for y in causes.years if y < causes.run_year]
        if earlier:
            earlier_top: set[str] = set()
            for year in earlier:
                rows = frame[(frame["year"] == year) & (frame["group"] == sector)]
                earlier_top |= set(top_rows(rows, k, exclude=_others(causes))["category"])
            new = [c for c in top["category"] if c not in earlier_top]
            lines.append("")
            if new:
                lines.append(
                    f"Niet bij de meest genoemde oorzaken in {join(earlier)}, nu wel: {join(new)}."
                )
            else:
                lines.append(f"Deze oorzaken horen ook in {join(earlier)} bij de meest genoemde.")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def top_factors_text(factors: Result, k: int = 3) -> str:
    """§3.1: per function group the ``k`` factors named most often (and ties), with the top of
    earlier years."""
    frame = factors.frame
    parts = []
    for group in ANALYSIS_GROUPS:
        current = frame[(frame["year"] == factors.run_year) & (frame["group"] == group)]
        top = top_rows(current, k, exclude=_others(factors, NONE_OF_THESE))
        lines = [
            f"Voor {GROUP_PLURALS[group]} zijn de factoren die het meest bijdragen aan werkdruk:",
            "",
        ]
        lines += [f"- {row.category} [{fmt_percent(row.estimate, 0)}]" for row in top.itertuples()]
        for year in [y for y in factors.years if y < factors.run_year]:
            rows = frame[(frame["year"] == year) & (frame["group"] == group)]
            earlier = top_rows(rows, k, exclude=_others(factors, NONE_OF_THESE))
            named = "; ".join(
                f"{r.category} [{fmt_percent(r.estimate, 0)}]" for r in earlier.itertuples()
            )
            lines += ["", f"In {year}: {named}."]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def factor_sector_text(factors: Result, k: int = 3) -> str:
    """§3.1 'geen verschillen tussen onderwijstypen': bao vs go for each group's top factors
    (domain t-tests within the function group)."""
    tested = significant = 0
    found = []
    for group in ANALYSIS_GROUPS:
        top = top_rows(_current(factors, group=group), k, exclude=_others(factors, NONE_OF_THESE))
        for row in top.itertuples():
            test = factors.group_tests(
                "bao", category=row.category, by="sector", within=("function", group)
            )
            test = test[test["group"] == "go"]
            if test.empty or pd.isna(test["p"].iloc[0]):
                continue
            tested += 1
            if bool(test["significant"].iloc[0]):
                significant += 1
                found.append(
                    f"{row.category} ({GROUP_PLURALS[group]}; go "
                    f"{fmt_number(test['difference'].iloc[0], 1)} "
                    f"procentpunt t.o.v. bao, {fmt_p(test['p'].iloc[0])})"
                )
    if tested == 0:
        return (
            "Te weinig respondenten per onderwijstype om de meest genoemde factoren te vergelijken."
        )
    if significant == 0:
        return (
            f"Bij geen van de {tested} getoetste meest genoemde factoren verschilt het aandeel "
            "significant tussen bao en go (p < 0,05)."
        )
    return (
        f"Van de {tested} getoetste meest genoemde factoren verschillen er {significant} "
        f"significant tussen bao en go (p < 0,05): {join(found)}."
    )


# ----------------------------------------------------------------------------------------------
# §3.2 evaluation (Figuur 3.2) and decision (Tabel 3.1)


def evaluation_years_note(evaluation: Result) -> str:
    cb = load_codebook()
    years = "; ".join(f"{y}: {cb.school_years(y)['evaluated']}" for y in evaluation.years)
    return (
        f"Antwoordcategorieën in de formulering van meting {evaluation.run_year}; elke meting "
        f"vraagt naar het voorgaande schooljaar: {years}."
    )


def evaluation_text(evaluated: Result, dont_know: Result, no_change: Result) -> str:
    """§3.2: evaluated according to schoolleiders and the rest of the team, and 'no change' after
    an evaluation."""
    year = evaluated.run_year
    school_year = load_codebook().school_years(year)["evaluated"]
    return " ".join(
        [
            change_sentence(
                evaluated.frame,
                year,
                group="Schoolleiders",
                subject="Het aandeel schoolleiders dat aangeeft dat er in schooljaar "
                f"{school_year} over de inzet van de middelen is geëvalueerd",
            ),
            change_sentence(
                evaluated.frame,
                year,
                group="Rest van het team",
                subject="Het aandeel van de rest van het team dat aangeeft dat er is geëvalueerd",
            ),
            change_sentence(
                dont_know.frame,
                year,
                subject="Het aandeel van de rest van het team dat aangeeft dit niet te weten",
            ),
            change_sentence(
                no_change.frame,
                year,
                subject="Het aandeel evaluaties (volgens de schoolleiders die aangeven dat er "
                "geëvalueerd is) zonder verandering in de inzet van de middelen als gevolg",
            ),
        ]
    )


def _groups(result: Result) -> list[str]:
    return result.declaration.group_levels or ["totaal"]


def answered_bases_note(decision: Result) -> str:
    """Tabel 3.1: 'Totaal N' is every schoolleider of the sector; the percentages rest on those
    who answered (the base of a suppressed sector is not shown)."""
    shown = decision.current()
    shown = shown[~shown["suppressed"].fillna(False).astype(bool)]
    bases = shown.groupby("group")["n"].max()
    text = " en ".join(
        f"{fmt_number(bases[s], 0) if s in bases.index else '*'} ({s})" for s in _groups(decision)
    )
    return (
        "Totaal N = aantal schoolleiders in de sector (zoals het rapport); de percentages rusten "
        f"op wie de vraag beantwoordde: {text}."
    )


def decision_text(decision: Result) -> str:
    """§3.2: the share deciding within the werkverdelingsplan per sector (or of all schools),
    compared with earlier years."""
    names = {**SECTOR_NAMES, "totaal": "primair onderwijs"}
    return " ".join(
        change_sentence(
            decision.frame,
            decision.run_year,
            category=_category(decision, "binnen het kader"),
            group=group,
            subject=f"Het aandeel schoolleiders in het {names[group]} dat binnen het kader van "
            "het werkverdelingsplan besloot",
        )
        for group in _groups(decision)
    )


# ----------------------------------------------------------------------------------------------
# §3.3 parties: Tabel 3.2 (discussed), 3.3 (budget), Figuur 3.3 (presence), Tabel 3.4 (board)


def _not_asked_years(discussed: Result) -> tuple[list[int], str]:
    """The years that did not ask about the stagebegeleiders, and their label."""
    cb = load_codebook()
    question = discussed.frame["variable"].iloc[0]
    number = next(k for k, v in cb.labels(question).items() if v.startswith("Stagebegeleider"))
    column = f"{question}_{number}"
    return [y for y in discussed.years if column in cb.not_asked(y)], cb.report_label(column)


def not_asked_marks(discussed: Result) -> dict[str, str]:
    """Tabel 3.2: a star on the staff group a measurement did not ask about."""
    years, stage = _not_asked_years(discussed)
    return {stage: f"{stage}*"} if years and stage in set(discussed.current()["category"]) else {}


def discussed_notes(discussed: Result) -> list[str]:
    years, stage = _not_asked_years(discussed)
    notes = [
        NOTE_SECTOR
        + " Basis: scholen met een werknemer in die functie (zonder 'Niet van toepassing')."
    ]
    if not_asked_marks(discussed):
        notes.append(f"*in de meting in {join(years)} is niet naar deze functiegroep gevraagd")
    elif years:
        notes.append(f"Naar '{stage}' is in de meting van {join(years)} niet gevraagd.")
    return notes


def discussed_sector_text(by_sector: Result) -> str:
    """§3.3: go vs bao for behandelaars, stagebegeleiders and onderwijsassistenten (unweighted
    within sector, difference tested as domains of the schoolleider design)."""
    current = by_sector.current()
    clauses = []
    for fragment in SECTOR_COMPARISON:
        labels = [c for c in dict.fromkeys(current["category"]) if c.startswith(fragment)]
        if not labels:
            continue
        rows = current[current["category"] == labels[0]].set_index("group")
        if rows.loc[list(SECTORS), "suppressed"].any():
            clauses.append(f"{labels[0]}: te weinig schoolleiders per sector om te vergelijken")
            continue
        test = by_sector.group_tests("bao", category=labels[0])
        test = test[test["group"] == "go"].iloc[0]
        go, bao = rows.loc["go", "estimate"], rows.loc["bao", "estimate"]
        if bool(test["significant"]):
            more = "vaker" if test["difference"] > 0 else "minder vaak"
            verdict = f"go {more} dan bao, significant, {fmt_p(test['p'])}"
        else:
            verdict = f"geen significant verschil, {fmt_p(test['p'])}"
        clauses.append(
            f"{labels[0]} (go {fmt_percent(go, 0)}, bao {fmt_percent(bao, 0)}; {verdict})"
        )
    return (
        f"Ging het in de gesprekken in {by_sector.run_year} over de werkdruk van (scholen met "
        "deze functie, ongewogen binnen de sector): " + "; ".join(clauses) + "."
    )


def budget_sums_note(budget: Result) -> str:
    """Tabel 3.3: why the columns add up to more than 100%."""
    sums = budget.frame.groupby("year")["estimate"].sum()
    sums_text = "; ".join(f"{y}: {fmt_percent(v, 1)}" for y, v in sums.items())
    return (
        f"De kolommen tellen op tot meer dan 100% ({sums_text}): schoolleiders laten een "
        "functiegroep zonder budget leeg, en elk gemiddelde rust alleen op wie dat veld invulde. "
        "De basis verschilt dus per rij (zie de CSV), zodat de gemiddelden niet samen 100% vormen."
    )


def budget_text(budget: Result) -> str:
    return " ".join(
        change_sentence(
            budget.frame,
            budget.run_year,
            category=c,
            subject=f"Het gemiddeld geschatte aandeel van het budget voor {c.lower()}",
        )
        for c in dict.fromkeys(budget.frame["category"])
    )


def presence_text(presence: Result, present: Result) -> str:
    """§3.3: who was present, 'niet tot de doelgroep' for overig OP, and whether the picture
    changed."""
    current = presence.current()
    sentences = []
    for group in ANALYSIS_GROUPS:
        rows = current[(current["group"] == group) & ~current["suppressed"].astype(bool)]
        if rows.empty:
            continue
        most = rows.sort_values("estimate", ascending=False, kind="stable").iloc[0]
        sentences.append(
            f"Het vaakst gekozen antwoord van {GROUP_PLURALS[group]} is '{most['category']}' "
            f"({fmt_percent(most['estimate'], 0)})."
        )
    doelgroep = _category(presence, "niet tot de doelgroep")
    sentences.append(
        change_sentence(
            presence.frame,
            presence.run_year,
            group="overig ondersteunend personeel",
            category=doelgroep,
            subject=f"Het aandeel overig ondersteunend personeel met '{doelgroep}'",
        )
    )
    for group in ANALYSIS_GROUPS:
        sentences.append(
            change_sentence(
                present.frame,
                present.run_year,
                group=group,
                subject=f"Het aandeel {GROUP_PLURALS[group]} dat altijd of soms aanwezig was",
            )
        )
    return " ".join(sentences)


def board_bases_note(board: Result) -> str:
    bases = "; ".join(
        f"{y}: {fmt_number(board.frame.loc[board.frame['year'] == y, 'n'].max(), 0)}"
        for y in board.years
    )
    return f"Schoolleiders in de basis: {bases}."


def board_text(board: Result, pmr: Result) -> str:
    """§3.3: full freedom from the board, 'geen eisen, voorstel beoordeeld', and PMR consent."""
    year = board.run_year
    return " ".join(
        [
            change_sentence(
                board.frame,
                year,
                category=_category(board, "volledige vrijheid"),
                subject="Het aandeel schoolteams dat van het bestuur volledige vrijheid kreeg",
            ),
            change_sentence(
                board.frame,
                year,
                category=_category(board, "geen eisen"),
                subject="Het aandeel scholen waar het bestuur geen eisen stelde maar het voorstel "
                "van het team beoordeelde",
            ),
            change_sentence(
                pmr.frame,
                year,
                subject="Het aandeel scholen waar de PMR met het bestedingsplan instemde",
            ),
        ]
    )
