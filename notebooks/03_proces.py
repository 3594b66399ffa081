# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 3. Het proces rondom de werkdrukaanpak
#
# In dit hoofdstuk kijken we hoe het proces rondom de werkdrukaanpak is verlopen. Allereerst kijken we wat volgens schoolteams oorzaken zijn van de ervaren werkdruk (paragraaf 3.1). Vervolgens bespreken we hoe de keuze tot stand is gekomen voor de gekozen maatregelen (paragraaf 3.2) en welke rollen de verschillende betrokken partijen hebben (paragraaf 3.3).
#
# Cijfers over de school komen van de schoolleiders; cijfers over alle respondenten zijn gewogen naar functie en sector. Per tabel en figuur staat welke weging en basis gebruikt zijn.

# %% tags=["parameters"]
# Parameters: papermill vervangt deze waarden per meting.
year = 2024
data_dir = None  # None: de gebundelde synthetische data
output_dir = None  # None: build/lab/<year>; de build schrijft outputs/<year>
min_n = 10  # minimum aantal respondenten achter een getoond cijfer

# %%
from IPython.display import Markdown

from werkdruk_utils.chapters import ch03_proces as ch
from werkdruk_utils.declare import (
    WHOLE_POPULATION,
    Answers,
    FieldMeans,
    GridRows,
    Share,
    Ticked,
    among,
    changes_text,
    without,
)
from werkdruk_utils.present import report

chapter = report.start("03_proces", year, data_dir, output_dir, min_n=min_n)

# %% [markdown]
# ## 3.1 Oorzaken van werkdruk
#
# In de enquête hebben we aan de schoolleiders gevraagd welke onderwerpen volgens hen in het proces zijn aangemerkt als oorzaak van werkdruk op hun school, zie Figuur 3.1 en Tabel B3.1.

# %%
causes = chapter.estimate(
    Ticked("v10", column="oorzaak", base=WHOLE_POPULATION, variable="v10_oorzaak"),
    population="school_leaders", by="sector", weighting="none",
)
Markdown(ch.top_causes_text(causes))

# %%
chapter.figure(
    "Figuur 3.1", causes, kind="groups", rows="category", show_years="run",
    title="Figuur 3.1 Oorzaken van werkdruk op scholen volgens de schoolleiders, uitgesplitst naar onderwijstype.",
    caption="Schoolleiders, meting {year} (schooljaar {current}); % dat de oorzaak noemde, ongewogen binnen de sector.",
)

# %%
chapter.table(
    "Tabel B3.1", causes, show_years="run", columns="group", mark_changes=False,
    title="Oorzaken van werkdruk in {year}, uitgesplitst naar onderwijstype",
    n_label="Totaal aantal respondenten", notes=[ch.causes_notes],
);

# %% [markdown]
# Daarnaast hebben we aan alle respondenten gevraagd welke factoren een belangrijke rol spelen in de mate waarin zijzelf werkdruk ervaren. De factoren verschillen per functiegroep.

# %%
factors = chapter.estimate(Ticked("v7"), population="all", by="function", weighting="function_x_sector")
Markdown(ch.top_factors_text(factors))

# %%
Markdown(ch.factor_sector_text(factors))

# %%
chapter.table(
    "Tekst H3.1", factors, show_years="run", columns="group", column_labels=ch.GROUP_LABELS,
    title="Factoren die een belangrijke rol spelen in de mate waarin werkdruk wordt ervaren (schooljaar {current}), per functiegroep",
    mark_changes=False, n_label="Respondenten in de basis (n)",
    notes=[ch.NOTE_CELL + " Basis: wie de vraag beantwoordde; meer antwoorden mogelijk."],
);

# %% [markdown]
# ## 3.2 Proces van ontwikkeling, keuze en monitoring
#
# Iedere meting hebben we gevraagd of er in het voorgaande schooljaar geëvalueerd was over de inzet van de middelen (Figuur 3.2).

# %%
evaluated = chapter.estimate(
    Share("v8", answers=("Ja",), label="Ja (geëvalueerd)"), Share("v8", answers=("Weet ik niet",)),
    Share("v8", answers=("hetzelfde gebleven",), base=among("Ja"), label="Daarna geen verandering in de inzet (van wie evalueerde)"),
    population=("school_leaders", "rest_of_team"),
)
chapter.table(
    "Tekst H3.2", evaluated, columns="series", mark_changes=False,
    title="Evaluatie van de inzet van de werkdrukmiddelen in het voorgaande schooljaar, volgens schoolleiders en de rest van het team",
    notes=[ch.NOTE_CELL + " Basis: wie de vraag beantwoordde (incl. 'Weet ik niet'); geen verandering: wie aangaf dat er geëvalueerd is."],
);

# %%
Markdown(changes_text(
    evaluated,
    ("Het aandeel schoolleiders dat aangeeft dat er in schooljaar {evaluated} over de inzet van de middelen is geëvalueerd", "Ja (geëvalueerd)", "Schoolleiders"),
    ("Het aandeel van de rest van het team dat aangeeft dat er is geëvalueerd", "Ja (geëvalueerd)", "Rest van het team"),
    ("Het aandeel van de rest van het team dat het niet weet", "Weet ik niet", "Rest van het team"),
    ("Het aandeel evaluaties zonder verandering in de inzet van de middelen als gevolg (volgens de schoolleiders die aangeven dat er geëvalueerd is)", "Daarna geen verandering", "Schoolleiders"),
))

# %%
evaluation = chapter.estimate(Answers("v8", wording="run_year"), population=("school_leaders", "rest_of_team"))
chapter.figure(
    "Figuur 3.2", evaluation, kind="stacked", rows="series",
    title="Figuur 3.2 Is op uw school de inzet van de werkdrukmiddelen in het schooljaar {evaluated} geëvalueerd?",
    caption="Gewogen naar functie en sector; basis: wie de vraag beantwoordde (incl. 'Weet ik niet'). Elke meting vraagt naar het voorgaande schooljaar.",
)

# %%
chapter.table(
    "Figuur 3.2", evaluation, columns="series", mark_changes=False,
    title="Is op uw school de inzet van de werkdrukmiddelen in het schooljaar {evaluated} geëvalueerd?",
    notes=[ch.NOTE_CELL + " Basis: wie de vraag beantwoordde (incl. 'Weet ik niet').", ch.evaluation_years_note],
);

# %% [markdown]
# Vervolgens hebben we aan schoolleiders gevraagd hoe over de inzet van de werkdrukmiddelen is besloten, zie Tabel 3.1.

# %%
decision = chapter.estimate(
    Answers("v9", wording="run_year"), population="school_leaders", by="sector", weighting="none")
Markdown(ch.decision_text(decision))

# %%
chapter.table(
    "Tabel 3.1", decision, show_years="run", columns="group", column_labels=ch.SECTOR_TITLES,
    title="Hoe is in het schooljaar {decision} over de inzet van de middelen uit het Werkdrukakkoord besloten?",
    mark_changes=False, total_row="Totaal N",
    notes=[ch.NOTE_UNWEIGHTED_SECTOR, ch.answered_bases_note],
);

# %% [markdown]
# ## 3.3 Rol van betrokken partijen
#
# We hebben aan de schoolleiders gevraagd van welke personeelsleden de werkdruk in het proces is besproken. Tabel 3.2 toont per functie het percentage scholen, van de scholen die een werknemer in die functie in dienst hebben. Daarnaast hebben we onderzocht in hoeverre dit verschilt per onderwijstype.

# %%
discussed = GridRows("v16", answers=("is besproken",), base=without("Niet van toepassing"), exclude_rows=("Anders",))
chapter.table(
    "Tabel 3.2", chapter.estimate(discussed, population="school_leaders", weighting="sector"),
    title="Ging het in de gesprekken over de werkdruk van de volgende personeelsleden?",
    sort_rows=True, row_labels=ch.not_asked_marks, notes=[ch.discussed_notes],
    n_label="Schoolleiders in de basis (n, hoogste per kolom)",
);

# %%
by_sector = chapter.estimate(discussed, population="school_leaders", by="sector", weighting="none", years="run", cited_in="Tekst H3.3")
Markdown(ch.discussed_sector_text(by_sector))

# %%
chapter.table(
    "Besproken per onderwijstype", by_sector, show_years="run", columns="group", column_labels=ch.SECTOR_TITLES, sort_rows=True,
    title="Ging het in de gesprekken over de werkdruk van de volgende personeelsleden? Per onderwijstype (meting {year})",
    mark_changes=False, n_label="Schoolleiders in de basis (n, hoogste per kolom)",
    notes=[ch.NOTE_UNWEIGHTED_SECTOR + " Basis: scholen met een werknemer in die functie (zonder 'Niet van toepassing')."],
);

# %% [markdown]
# Aanvullend hebben we gevraagd of schoolleiders een inschatting konden maken hoe het beschikbare budget (ongeveer) verdeeld is over de verschillende doelgroepen (Tabel 3.3).

# %%
budget = chapter.estimate(
    FieldMeans("v14", fields=("Leerkrachten", "Overig personeel", "Schoolleiding"), exclude="Weet ik niet", shown_as="percent"),
    population="school_leaders", weighting="sector",
)
Markdown(changes_text(
    budget,
    ("Het gemiddeld geschatte aandeel van het budget voor leerkrachten", "Leerkrachten"),
    ("Het gemiddeld geschatte aandeel van het budget voor overig personeel", "Overig personeel"),
    ("Het gemiddeld geschatte aandeel van het budget voor schoolleiding", "Schoolleiding"),
))

# %%
chapter.table(
    "Tabel 3.3", budget, n_label="Schoolleiders in de basis (n, hoogste per kolom)",
    title="Gemiddelde percentages van de ingeschatte budgetverdeling over de verschillende functiegroepen",
    notes=[ch.NOTE_SECTOR + " Gemiddelde van het ingevulde percentage; 'Weet ik niet' niet in de basis.", ch.budget_sums_note],
);

# %% [markdown]
# Daarnaast hebben we aan alle respondenten gevraagd of ze zelf aanwezig waren bij de gesprekken over de werkdrukaanpak (Figuur 3.3).

# %%
presence = chapter.estimate(Answers("v15"), population="all", by="function", weighting="function_x_sector", cited_in="Tekst H3.3")
present = chapter.estimate(
    Share("v15", answers=("Ja, altijd", "Ja, soms"), label="(vaak) aanwezig", variable="v15_aanwezig"),
    population="all", by="function", weighting="function_x_sector",
)
Markdown(ch.presence_text(presence, present))

# %%
chapter.table(
    "Aanwezig bij de gesprekken", present, rows="group", row_labels=ch.GROUP_LABELS,
    title="Aandeel dat altijd of soms aanwezig was bij de gesprekken over de aanpak van werkdruk, per functiegroep",
    notes=[ch.NOTE_CELL + " Basis: wie de vraag beantwoordde."],
);

# %%
chapter.figure(
    "Figuur 3.3", presence, kind="stacked", rows="group", show_years="run", labels=ch.GROUP_LABELS,
    title="Figuur 3.3 Was u zelf aanwezig bij de gesprekken op deze school over de aanpak van werkdruk?",
    caption="Meting {year}; gewogen naar functie en sector; basis: wie de vraag beantwoordde.",
)

# %%
chapter.table(
    "Figuur 3.3", presence, show_years="run", columns="group", column_labels=ch.GROUP_LABELS,
    title="Was u zelf aanwezig bij de gesprekken op deze school over de aanpak van werkdruk? (meting {year})",
    mark_changes=False, notes=[ch.NOTE_CELL + " Basis: wie de vraag beantwoordde."],
);

# %% [markdown]
# In het Werkdrukakkoord zijn schoolteams aan zet, maar het bestuur en de PMR zijn ook bij het proces betrokken. Aan schoolleiders hebben we naar de rol van het bestuur gevraagd (Tabel 3.4) en of de PMR heeft ingestemd met het bestedingsplan.

# %%
board = chapter.estimate(
    Answers("v17", answers=("volledige vrijheid", "kaders en criteria", "geen eisen", "bestemming bepaald", "Anders")),
    population="school_leaders", weighting="sector",
)
Markdown(changes_text(
    board,
    ("Het aandeel schoolteams dat van het bestuur volledige vrijheid kreeg", "volledige vrijheid"),
    ("Het aandeel scholen waar het bestuur geen eisen stelde maar het voorstel van het team beoordeelde", "geen eisen"),
))

# %%
chapter.table(
    "Tabel 3.4", board, total_row="Totaal N",
    title="Hoe heeft u de inzet van de werkdrukmiddelen dit schooljaar afgestemd met uw bestuur?",
    notes=[
        ch.NOTE_SECTOR + " Basis: wie de vraag beantwoordde; Totaal N = alle schoolleiders (zoals het rapport).",
        ch.board_bases_note,
    ],
);

# %% [markdown]
# Aan schoolleiders hebben we ook gevraagd of de PMR heeft ingestemd met het bestedingsplan.

# %%
pmr = chapter.estimate(Share("v13", answers=("Ja",)), population="school_leaders", weighting="sector", cited_in="Tekst H3.3")
Markdown(changes_text(pmr, ("Het aandeel scholen waar de PMR met het bestedingsplan instemde",)))

# %%
chapter.table(
    "Instemming PMR", pmr, title="Heeft de PMR ingestemd met het bestedingsplan?",
    notes=[ch.NOTE_SECTOR + " Basis: wie de vraag beantwoordde."],
);

# %% [markdown]
# ## Controle tegen de gepubliceerde cijfers
#
# Elk cijfer uit dit hoofdstuk dat het rapport voor deze meting afdrukt, opnieuw berekend en vergeleken. De vergelijking staat ook in `reproduction.csv`.

# %%
chapter.self_check(ch.SOURCES)
chapter.footer()
