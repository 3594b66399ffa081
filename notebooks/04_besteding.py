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
# # 4. De besteding van de werkdrukmiddelen
#
# In dit hoofdstuk beschrijven we welke maatregelen scholen implementeren ter vermindering van de werkdruk. Allereerst kijken we aan welke oorzaken het beschikbare geld wordt besteed en of schoolteams in hun keuze voor maatregelen worden beperkt door externe factoren (paragraaf 4.1). Vervolgens onderzoeken we of er naast de besteding van de middelen nog andere interventies zijn gepleegd om de werkdruk te verminderen (paragraaf 4.2).
#
# Alle cijfers in dit hoofdstuk gaan over schoolleiders (zij beantwoorden de vragen over de school) en zijn gewogen naar sector.

# %% tags=["parameters"]
# Parameters: papermill vervangt deze waarden per meting.
year = 2024
data_dir = None  # None: de gebundelde synthetische data
output_dir = None  # None: build/lab/<year>; de build schrijft outputs/<year>
min_n = 10  # minimum aantal respondenten achter een getoond cijfer

# %%
from IPython.display import Markdown

from werkdruk_utils.chapters import ch04_besteding as ch
from werkdruk_utils.declare import Answers, AnyTicked, Ticked, without
from werkdruk_utils.present import report

chapter = report.start("04_besteding", year, data_dir, output_dir, min_n=min_n)

# %% [markdown]
# ## 4.1 Gekozen maatregelen

# %%
spending = chapter.estimate(
    Ticked("v10", column="besteed", variable="v10_besteed"), population="school_leaders", weighting="sector")
Markdown(ch.top_spending_text(spending))

# %%
chapter.table(
    "Tabel 4.1", spending, columns="group", sort_rows=True, decimals=0, mark_changes=False,
    title="Voor welke oorzaken zijn in schooljaar […] de middelen uit het Werkdrukakkoord ingezet om de werkdruk aan te pakken?",
    notes=[ch.spending_notes],
);

# %% [markdown]
# De meeste scholen zetten de middelen in voor extra personeel (Tabel 4.2).

# %%
destinations = chapter.estimate(
    Ticked("v11", options=("extra personeel", "Professionalisering", "Overig", "materiaal", "Niet besteed", "Weet ik niet"), key=None),
    population="school_leaders", weighting="sector",
)
Markdown(ch.extra_staff_text(destinations))

# %%
chapter.table(
    "Tabel 4.2", destinations, n_label="Schoolleiders in de basis (n)",
    title="Waaraan zijn de werkdrukmiddelen op uw school dit jaar besteed?",
    notes=[ch.WEIGHTING_NOTE, "Meer antwoorden mogelijk; de percentages tellen niet op tot 100%."],
);

# %% [markdown]
# Werd de inzet beperkt door bijvoorbeeld onvoldoende personeel of onvoldoende budget? Tabel 4.3 toont of de middelen zijn ingezet naar eerste keuze.

# %%
first_choice = Answers("v12", answers=("zoals gewenst", "geen extra personeel", "onvoldoende budget", "andere reden"), key=None)
chapter.table(
    "Tabel 4.3", chapter.estimate(first_choice, population="school_leaders", weighting="sector"),
    title="U heeft zojuist aangegeven waar u de werkdrukmiddelen voor heeft ingezet. Was dit ook uw eerste keuze?",
    n_label="Schoolleiders in de basis (n)", notes=[ch.WEIGHTING_NOTE],
);

# %% [markdown]
# ## 4.2 Andere interventies
#
# De verwachting was dat het proces rondom de werkdrukaanpak, naast de besteding van het geld, mogelijk ook zou leiden tot andere interventies om de werkdruk te verminderen.

# %%
measures = chapter.estimate(Ticked("v18", base=without("Weet ik niet"), key=None), population="school_leaders", weighting="sector")
other = chapter.estimate(
    AnyTicked("v18", options=("andere middelen", "geen geld"), label="Ja", base=without("Weet ik niet"), variable="v18_ja"),
    population="school_leaders", weighting="sector",
)
Markdown(ch.other_measures_text(other, measures))

# %%
chapter.table(
    "Andere maatregelen", other, title="Heeft dit proces geleid tot andere maatregelen? Ja (met andere middelen of zonder kosten)",
    notes=[ch.WEIGHTING_NOTE, "Basis: schoolleiders die een ander antwoord dan 'Weet ik niet' gaven."],
);

# %%
chapter.table(
    "Tabel 4.4", measures, n_label="Schoolleiders in de basis (n)",
    title="Heeft dit proces geleid tot andere maatregelen die niet met de werkdrukmiddelen zijn gefinancierd?",
    notes=[ch.WEIGHTING_NOTE, "Basis: schoolleiders die een ander antwoord dan 'Weet ik niet' gaven."],
);

# %% [markdown]
# ## Controle tegen de gepubliceerde cijfers
#
# Elk cijfer uit dit hoofdstuk dat het rapport voor deze meting afdrukt, opnieuw berekend en vergeleken. De vergelijking staat ook in `reproduction.csv`.

# %%
chapter.self_check(ch.SOURCES)
chapter.footer()
