"""Hoofdstuk 3 Het proces rondom de werkdrukaanpak: the text that no declaration carries.

The notebook declares every table and figure (question, population, grouping, weighting, base);
this module writes the sentences and the notes whose numbers come from those declared results:
the most named causes and factors (§3.1), evaluation and decision (§3.2), the parties involved
(§3.3).
"""

from __future__ import annotations

from werkdruk_utils.chapters import terms
from werkdruk_utils.chapters.terms import SECTOR_NAMES, SECTORS, join, top_rows
from werkdruk_utils.declare.estimates import Result
from werkdruk_utils.inputs.codebook import ANALYSIS_GROUPS, load_codebook
from werkdruk_utils.present.findings import (
    Finding,
    change_findings,
    fmt_p,
    fmt_value,
    group_changes_finding,
    paragraph,
)
from werkdruk_utils.present.formatting import fmt_number, fmt_percent
from werkdruk_utils.stats import weighting

SOURCES = (
    *(f"Tabel 3.{i}" for i in range(1, 5)),
    "Tabel B3.1",
    *(f"Tekst H3.{i}" for i in (1, 2, 3)),
)
"""What the self-check compares: the report's numbers of this chapter."""

GROUP_LABELS = {**terms.GROUP_LABELS, ANALYSIS_GROUPS[2]: "Onderwijs ondersteunend personeel"}
"""Figuur 3.3 prints 'Onderwijs ondersteunend personeel'."""
GROUP_PLURALS = {**terms.GROUP_PLURALS, "leraar": "leerkrachten"}
"""Chapter 3 speaks of 'leerkrachten'."""
SECTOR_TITLES = {"bao": "Bao", "go": "Go"}
NONE_OF_THESE = "Geen van bovenstaande"
SECTOR_COMPARISON = ("Behandelaar", "Stagebegeleider", "Onderwijsassistent")
"""The staff groups whose discussion §3.3 compares between go and bao."""

NOTE_UNWEIGHTED_SECTOR = "Schoolleiders; ongewogen binnen de sector (zoals het rapport)."
NOTE_SECTOR = "Schoolleiders; percentages gewogen naar sector (Tabel B1.1)."
NOTE_CELL = "Alle respondenten; gewogen naar functie en sector (Tabel B1.8)."


def _others(result: Result, *also: str) -> list[str]:
    """The categories never ranked among 'the most named': 'Anders' (and ``also``)."""
    labels = dict.fromkeys(result.frame["category"])
    return [c for c in labels if c.startswith("Anders")] + list(also)


def _category(result: Result, fragment: str) -> str:
    """The category of ``result`` whose label contains ``fragment``."""
    return next(c for c in dict.fromkeys(result.frame["category"]) if fragment in c)


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


def _top_list(result: Result, group: str, k: int, exclude: list[str]) -> str:
    """The ``k`` rows of ``group`` named most often in the run year (and ties) as a Markdown list,
    then what is new against the top of the earlier measurements."""
    frame = result.frame[result.frame["group"] == group]
    top = top_rows(frame[frame["year"] == result.run_year], k, exclude=exclude)
    lines = [f"- {r.category} ({fmt_percent(r.estimate, 1)})" for r in top.itertuples()]
    earlier = [y for y in result.years if y < result.run_year]
    if earlier:
        tops = [
            set(top_rows(frame[frame["year"] == y], k, exclude=exclude)["category"])
            for y in earlier
        ]
        new = [c for c in top["category"] if not any(c in t for t in tops)]
        lines += [
            "",
            f"Niet bij de meest genoemde in {join(earlier)}, nu wel: {join(new)}."
            if new
            else f"Deze horen ook in {join(earlier)} bij de meest genoemde.",
        ]
    return "\n".join(lines)


def top_causes_text(causes: Result, k: int = 4) -> str:
    """§3.1: the causes schoolleiders named most often per sector (top ``k`` and ties), compared
    with the top of the earlier measurements."""
    school_year = load_codebook().school_years(causes.run_year)["current"]
    return "\n\n".join(
        f"In schooljaar {school_year} zijn in het {SECTOR_NAMES[sector]} volgens de schoolleiders "
        "het vaakst als oorzaak van werkdruk genoemd:\n\n"
        + _top_list(causes, sector, k, _others(causes))
        for sector in SECTORS
    )


def top_factors_text(factors: Result, k: int = 3) -> str:
    """§3.1: per function group the ``k`` factors named most often (and ties), compared with the
    top of the earlier measurements."""
    return "\n\n".join(
        f"Voor {GROUP_PLURALS[group]} zijn de factoren die het meest bijdragen aan werkdruk:\n\n"
        + _top_list(factors, group, k, _others(factors, NONE_OF_THESE))
        for group in ANALYSIS_GROUPS
    )


def factor_sector_text(factors: Result, k: int = 3) -> str:
    """§3.1 'geen verschillen tussen onderwijstypen': bao vs go for each group's top factors
    (domain t-tests within the function group); the tests in the fold."""
    tested, found = [], []
    current, exclude = factors.current(), _others(factors, NONE_OF_THESE)
    for group in ANALYSIS_GROUPS:
        top = top_rows(current[current["group"] == group], k, exclude=exclude)
        for row in top.itertuples():
            test = factors.group_tests(
                "bao", category=row.category, by="sector", within=("function", group)
            )
            test = test[(test["group"] == "go") & test["p"].notna()]
            if test.empty:
                continue
            t = test.iloc[0]
            verdict = "significant" if t["significant"] else "niet significant"
            tested.append(
                f"{row.category} ({GROUP_PLURALS[group]}): go tegen bao "
                f"{fmt_number(t['difference'], 1)} procentpunt, {verdict} ({fmt_p(t['p'])})"
            )
            if t["significant"]:
                more = "vaker" if t["difference"] > 0 else "minder vaak"
                found.append(f"{row.category} ({GROUP_PLURALS[group]}: in go {more})")
    if not tested:
        return "Te weinig respondenten per onderwijstype om de factoren te vergelijken."
    text = (
        f"Van de {len(tested)} getoetste meest genoemde factoren verschillen er {len(found)} "
        f"significant tussen bao en go: {join(found)}."
        if found
        else f"Bij geen van de {len(tested)} getoetste meest genoemde factoren verschilt het "
        "aandeel significant tussen bao en go."
    )
    return paragraph([Finding(text, tested)])


# §3.2 evaluation (Figuur 3.2) and decision (Tabel 3.1)


def evaluation_years_note(evaluation: Result) -> str:
    cb = load_codebook()
    years = "; ".join(f"{y}: {cb.school_years(y)['evaluated']}" for y in evaluation.years)
    return (
        f"Antwoordcategorieën in de formulering van meting {evaluation.run_year}; elke meting "
        f"vraagt naar het voorgaande schooljaar: {years}."
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
    compared with earlier years (Tabel 3.1 shows the run year: earlier values in the fold)."""
    names = {**SECTOR_NAMES, "totaal": "primair onderwijs"}
    subject = "Het aandeel schoolleiders in het {} dat binnen het kader van het werkverdelingsplan"
    cases = [
        (subject.format(names[g]) + " besloot", "binnen het kader", g) for g in _groups(decision)
    ]
    return paragraph(
        change_findings(decision.frame, decision.run_year, *cases, earlier_values=False)
    )


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
    within sector, difference tested as domains of the schoolleider design); tests in the fold."""
    current, clauses, tests = by_sector.current(), [], []
    for fragment in SECTOR_COMPARISON:
        label = next((c for c in current["category"].unique() if c.startswith(fragment)), None)
        rows = current[current["category"] == label].set_index("group")
        if label is None or rows.loc[list(SECTORS), "suppressed"].any():
            continue
        t = by_sector.group_tests("bao", category=label)
        t = t[t["group"] == "go"].iloc[0]
        go, bao = (fmt_value(rows.loc[s, "estimate"], "percent") for s in ("go", "bao"))
        how = ("vaker" if t["difference"] > 0 else "minder vaak") if t["significant"] else None
        clauses.append((how, f"{label.split(' (')[0].lower()} (go {go}, bao {bao})"))
        verdict = "significant" if t["significant"] else "niet significant"
        tests.append(f"{label}: go tegen bao {verdict} ({fmt_p(t['p'])})")
    if not clauses:
        return "Te weinig schoolleiders per onderwijstype om te vergelijken."
    text = " ".join(
        f"In de gesprekken op scholen in het gespecialiseerd onderwijs ging het {how} dan in het "
        f"regulier basisonderwijs over de werkdruk van {join([c for h, c in clauses if h == how])}."
        for how in dict.fromkeys(h for h, _ in clauses if h)
    )
    same = [c for h, c in clauses if h is None]
    if same:
        text += f" Geen significant verschil tussen go en bao bij {join(same)}."
    return paragraph([Finding(text.strip(), tests)])


def budget_sums_note(budget: Result) -> str:
    """Tabel 3.3: why the columns add up to more than 100%."""
    sums = budget.frame.groupby("year")["estimate"].sum()
    sums_text = "; ".join(f"{y}: {fmt_percent(v, 1)}" for y, v in sums.items())
    return (
        f"De kolommen tellen op tot meer dan 100% ({sums_text}): schoolleiders laten een "
        "functiegroep zonder budget leeg, en elk gemiddelde rust alleen op wie dat veld invulde. "
        "De basis verschilt dus per rij (zie de CSV), zodat de gemiddelden niet samen 100% vormen."
    )


def presence_text(presence: Result, present: Result) -> str:
    """§3.3: the answer each group chose most, 'niet tot de doelgroep' for overig OP (Figuur 3.3
    shows the run year: earlier values in the fold), and whether being present changed."""
    current = presence.current()
    sentences = []
    for group in ANALYSIS_GROUPS:
        rows = current[(current["group"] == group) & ~current["suppressed"].astype(bool)]
        if not rows.empty:
            most = rows.sort_values("estimate", ascending=False, kind="stable").iloc[0]
            sentences.append(
                Finding(
                    f"Het vaakst gekozen antwoord van {GROUP_PLURALS[group]} is "
                    f"'{most['category']}' ({fmt_value(most['estimate'], 'percent')})."
                )
            )
    doelgroep = _category(presence, "niet tot de doelgroep")
    subject = f"Het aandeel overig ondersteunend personeel met '{doelgroep}'"
    sentences += change_findings(
        presence.frame,
        presence.run_year,
        (subject, doelgroep, ANALYSIS_GROUPS[3]),
        earlier_values=False,
    )
    sentences.append(
        group_changes_finding(
            present.frame,
            present.run_year,
            groups={g: GROUP_PLURALS[g] for g in ANALYSIS_GROUPS},
            subject="Het aandeel {group} dat altijd of soms aanwezig was",
            what="het aandeel dat altijd of soms aanwezig was",
        )
    )
    return paragraph(sentences)


def board_bases_note(board: Result) -> str:
    bases = "; ".join(
        f"{y}: {fmt_number(board.frame.loc[board.frame['year'] == y, 'n'].max(), 0)}"
        for y in board.years
    )
    return f"Schoolleiders in de basis: {bases}."
