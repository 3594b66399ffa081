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
# # Samenvatting en conclusies (hoofdstuk 6)
#
# Deze notebook vat de belangrijkste resultaten van de monitor samen, aan de hand van de hoofdvraag en de drie deelvragen: het proces rondom de werkdrukaanpak, de maatregelen die scholen nemen en de effecten daarvan. Elk cijfer in de tekst is berekend uit de metingen van deze run (dit meetjaar en de eerdere metingen). Een verschil heet alleen een verschil als het statistisch significant is; anders staat er dat geen significant verschil is gevonden.

# %% tags=["parameters"]
# Parameters: papermill vervangt deze waarden per meting.
year = 2024
data_dir = None  # None: de gebundelde synthetische data
output_dir = None  # None: build/lab/<year>; de build schrijft outputs/<year>
min_n = 10  # minimum aantal respondenten achter een getoond cijfer

# %%
from IPython.display import Markdown

from werkdruk_utils.chapters import ch06_conclusies as ch
from werkdruk_utils.declare import WHOLE_POPULATION, Answers, Share, Ticked, among, without
from werkdruk_utils.declare.descriptives import response_by_year_table, response_text
from werkdruk_utils.present import report

chapter = report.start("06_conclusies", year, data_dir, output_dir, min_n=min_n)
key = ch.key_figures(chapter.data)  # de kerncijfers, gedeclareerd in ch.KEY_FIGURES

# %% [markdown]
# ## Samenvatting
#
# Het kabinet sloot met de vakbonden en de PO-Raad een akkoord om de werkdruk in het primair onderwijs te verminderen. De middelen komen direct terecht bij de schoolteams, die zelf bepalen waaraan ze worden besteed; het akkoord richt zich op het hele schoolteam. De hoofdvraag van het onderzoek: hoe worden de beschikbare middelen uit het werkdrukakkoord ingezet en welke gevolgen heeft dit voor de ervaren werkdruk op de scholen?

# %%
Markdown(ch.school_years_note(chapter.data))

# %% [markdown]
# ### Onderzoeksmethode
#
# Jaarlijks is een brede enquête uitgezet onder schoolleiding, leerkrachten en (onderwijs)ondersteunend personeel, bij een nieuwe steekproef van scholen; daarnaast zijn jaarlijks casestudies uitgevoerd.

# %%
Markdown(response_text(chapter.data))

# %%
chapter.table(response_by_year_table(chapter.data, mean_row=True), write=False);

# %% [markdown]
# ### Hoe verloopt het proces van ontwikkeling van de maatregelen ter vermindering van werkdruk op scholen?
#
# Het thema werkdruk leeft sterk op de scholen. Bij de oorzaken en oplossingen stond vooral de werkdruk van leerkrachten centraal. Schoolteams zijn aan zet bij het formuleren van oplossingen; daarnaast zijn andere partijen betrokken, zoals de PMR en het bestuur.

# %%
Markdown(ch.sentences(key, "eval_sl", "eval_team", "eval_team_unknown", "discussed_*", "present_*", "pmr", "board_free"))

# %% [markdown]
# ### Welke maatregelen implementeren scholen ter vermindering van werkdruk?
#
# De onderwerpen waar de werkdrukmiddelen het vaakst voor worden ingezet, corresponderen deels met de onderwerpen die het vaakst als oorzaak van werkdruk worden genoemd (de lijst staat bij de conclusies, onder 'Maatregelen ter vermindering van werkdruk').

# %%
Markdown(ch.sentences(key, "extra_staff", "professionalisation", "first_choice", "other_measures", "no_cost"))

# %% [markdown]
# ### Wat zijn de effecten van de door de scholen genomen maatregelen ter vermindering van de werkdruk?
#
# De werkdruk is gemeten op de dimensies van het werkdrukmodel van TNO: kwantitatieve taakeisen, kwalitatieve taakeisen (emotionele en cognitieve belasting) en regelmogelijkheden. Het rapport vergelijkt ook met eerdere metingen van TNO/CBS en Oberon; die cijfers zitten niet in deze data (zie hoofdstuk 5).

# %%
Markdown(ch.sentences(key, "mean_*", "extra_hard", "emotional_high", "cognitive_high", note=ch.SCALES_NOTE))

# %% [markdown]
# Daarnaast is gepeild welk effect onderwijsprofessionals zelf ervaren: op de werkdruk op hun school en op hun eigen werkdruk.

# %%
Markdown(ch.sentences(key, "school_decreased", "own_decreased_*"))

# %%
decreased = Share("v21", answers=("gedaald",), base=without("Weet ik niet"))
own = chapter.estimate(Answers("v21", base=without("Weet ik niet")), population="all", by="function", weighting="function_x_sector", years="run")
own_decreased = chapter.estimate(decreased, population="all", by="function", weighting="function_x_sector", years="run")
Markdown(ch.own_effect_group_text(own, own_decreased))

# %% [markdown]
# ### Kerncijfers
#
# De belangrijkste indicatoren per meting, met ▲/▼ voor een significante verandering ten opzichte van de vorige meting.

# %%
chapter.table(
    "Kerncijfers", key, title="Kerncijfers van de monitor per meting",
    n_label="Grootste basis in de kolom (n)", notes=ch.KERNCIJFERS_NOTES,
);

# %% [markdown]
# ## 6. Conclusies
#
# De belangrijkste resultaten, aan de hand van de drie deelvragen: het proces in de scholen rondom het Werkdrukakkoord, de maatregelen die scholen inzetten en het effect van die maatregelen. Waar de samenvatting de cijfers van deze meting geeft, kijken we hier terug op alle metingen van deze run: per stap tussen twee opeenvolgende metingen staat of er een significante verandering is. De cijfers en toetsen staan onder elke uitspraak in 'Toetsen en aantallen' en in de tabel Kerncijfers bij de samenvatting.

# %% [markdown]
# ### Proces rondom de keuze van maatregelen ter vermindering van werkdruk
#
# Het thema werkdruk leeft sterk op de scholen; volgens sommige respondenten juist ook door de werkdrukmiddelen en de aandacht van overheid en media. Op scholen worden regelmatig gesprekken gevoerd over de werkdruk en de inzet van de middelen.

# %%
Markdown(ch.sentences(key, "discussed_*", "present_*", steps=True))

# %% [markdown]
# De schoolteams wijzen in het regulier en in het gespecialiseerd onderwijs verschillende onderwerpen aan als belangrijkste oorzaken van werkdruk (volgens de schoolleiders):

# %%
causes = chapter.estimate(
    Ticked("v10", column="oorzaak", base=WHOLE_POPULATION, variable="v10_oorzaak"),
    population="school_leaders", by="sector", weighting="none",
)
Markdown(ch.causes_text(causes))

# %% [markdown]
# In de casestudies wordt de toename van zorgzwaarte onder leerlingen als oorzaak genoemd, met als voornaamste reden de invoering van passend onderwijs, en ook de veranderende maatschappij.
#
# Is de inzet van de middelen geëvalueerd, en leidde een evaluatie tot een verandering? Een mogelijke verklaring die het rapport geeft voor verschuivingen in de laatste meting is dat de werkdrukmiddelen onderdeel zijn geworden van de lumpsum en dus niet meer geoormerkt zijn.

# %%
changed = chapter.estimate(Share("v8", answers=("veranderd",), base=among("Ja")), population="school_leaders", weighting="function_x_sector")
Markdown(ch.evaluation_conclusion_text(key, changed))

# %% [markdown]
# Naast de schoolteams zijn ook de PMR en het bestuur betrokken. Bestuurders zijn in de interviews overwegend tevreden met hun rol; schoolteams zijn tevreden met hun autonomie.

# %%
Markdown(ch.sentences(key, "pmr", "board_free", "board_assessed", steps=True))

# %% [markdown]
# ### Maatregelen ter vermindering van werkdruk
#
# Sinds het akkoord ontvangen scholen jaarlijks werkdrukmiddelen; inmiddels zijn ze opgenomen in de basisbekostiging per leerling. De bedragen per schooljaar die het rapport in hoofdstuk 6 noemt, zijn beleidscijfers en geen enquêtegegevens; ze staan met die van paragraaf 1.1 in de tabel van hoofdstuk 1. De onderwerpen waar deze werkdrukmiddelen het vaakst voor worden ingezet, corresponderen deels met de onderwerpen die het vaakst als oorzaak van werkdruk worden genoemd.

# %%
spending = chapter.estimate(
    Ticked("v10", column="besteed", variable="v10_besteed"), population="school_leaders", weighting="sector")
Markdown(ch.spending_top_text(spending))

# %% [markdown]
# Over alle jaren worden de middelen vooral ingezet voor extra personeel, in de meeste gevallen onderwijsassistenten of een vakleerkracht gym. Een deel van de scholen zet de middelen in voor professionalisering. Werd de inzet beperkt door externe factoren?

# %%
Markdown(ch.sentences(key, "extra_staff", "professionalisation", "first_choice", steps=True))

# %% [markdown]
# De verwachting was dat het proces ook tot andere interventies zou leiden, gefinancierd uit andere middelen (zoals NPO-gelden) of zonder kosten (zoals efficiëntere vergaderingen en samenwerking).

# %%
Markdown(ch.sentences(key, "other_measures", "other_funds", "no_cost", steps=True, note=ch.SCHOOLS_NOTE))

# %% [markdown]
# ### Effecten van maatregelen ter vermindering van werkdruk
#
# De dimensies van werkdruk per meting, met per stap tussen twee opeenvolgende metingen de toets:

# %%
Markdown(ch.trends_text(key))

# %% [markdown]
# Het gepercipieerde effect op de werkdruk op school als geheel, en verschillen tussen groepen binnen dit meetjaar:

# %%
Markdown(ch.sentences(key, "school_decreased", "own_decreased_*", steps=True))

# %%
school = Share("v19", answers=("gedaald",), base=without("Weet ik niet"))
by_sector = chapter.estimate(school, population="all", by="sector", weighting="function_x_sector", years="run")
answers = chapter.estimate(Answers("v19", base=without("Weet ik niet")), population="all", by="sector", weighting="function_x_sector", years="run")
by_municipality = chapter.estimate(school, population="all", by="municipality", weighting="function_x_sector", years="run")
Markdown(ch.school_effect_group_text(by_sector, answers, by_municipality))

# %% [markdown]
# De casestudies laten zien hoe de maatregelen werken: meer tijd voor noodzakelijke taken binnen werktijd (bijvoorbeeld terwijl een vakleerkracht gym lesgeeft) en extra begeleiding van leerlingen met een ondersteuningsbehoefte door bijvoorbeeld een onderwijsassistent.

# %% [markdown]
# ### Tot slot
#
# Het rapport concludeert dat het Werkdrukakkoord positieve effecten lijkt te hebben, te bezien in het licht van maatschappelijke ontwikkelingen zoals passend onderwijs, inclusief onderwijs en het personeelstekort. Als succesfactoren noemt het dat schoolteams aan zet zijn (eigenaarschap, autonomie) en dat de middelen inmiddels structureel zijn; als aandachtspunten de duurzame inzetbaarheid van maatregelen uit tijdelijke middelen, het gesprek over werkdruk en de evaluatie van maatregelen op scholen, en meer nadruk op werkplezier.

# %% [markdown]
# ## Controle tegen de gepubliceerde cijfers
#
# Elk cijfer uit de samenvatting en hoofdstuk 6 dat het rapport voor deze meting afdrukt en dat uit de enquête volgt, opnieuw berekend en vergeleken. De vergelijking staat ook in `reproduction.csv`.

# %%
chapter.self_check(ch.SOURCES)
chapter.footer()
