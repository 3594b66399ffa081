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
output_dir = None  # None: outputs/<year>
min_n = 10  # minimum aantal respondenten achter een getoond cijfer

# %%
from IPython.display import Markdown

from werkdruk_utils.chapters import ch04_besteding as ch
from werkdruk_utils.present import report

chapter = report.start("04_besteding", year, data_dir, output_dir, min_n=min_n)

# %% [markdown]
# ## 4.1 Gekozen maatregelen

# %%
Markdown(ch.top_spending_text(chapter))

# %%
chapter.table(ch.table_4_1(chapter));

# %% [markdown]
# De meeste scholen zetten de middelen in voor extra personeel (Tabel 4.2).

# %%
Markdown(ch.extra_staff_text(chapter))

# %%
chapter.table(ch.table_4_2(chapter));

# %% [markdown]
# Werd de inzet beperkt door bijvoorbeeld onvoldoende personeel of onvoldoende budget? Tabel 4.3 toont of de middelen zijn ingezet naar eerste keuze.

# %%
chapter.table(ch.table_4_3(chapter));

# %% [markdown]
# ## 4.2 Andere interventies
#
# De verwachting was dat het proces rondom de werkdrukaanpak, naast de besteding van het geld, mogelijk ook zou leiden tot andere interventies om de werkdruk te verminderen.

# %%
Markdown(ch.other_measures_text(chapter))

# %%
chapter.table(ch.table_4_4(chapter));

# %% [markdown]
# ## Controle tegen de gepubliceerde cijfers
#
# Elk cijfer uit dit hoofdstuk dat het rapport voor deze meting afdrukt, opnieuw berekend en vergeleken. De vergelijking staat ook in `reproduction.csv`.

# %%
chapter.self_check(ch.SOURCES)
chapter.footer()
