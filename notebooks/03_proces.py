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
output_dir = None  # None: outputs/<year>
min_n = 10  # minimum aantal respondenten achter een getoond cijfer

# %%
from IPython.display import Markdown

from werkdruk_utils.chapters import ch03_proces as ch
from werkdruk_utils.present import report

chapter = report.start("03_proces", year, data_dir, output_dir, min_n=min_n)

# %% [markdown]
# ## 3.1 Oorzaken van werkdruk
#
# In de enquête hebben we aan de schoolleiders gevraagd welke onderwerpen volgens hen in het proces zijn aangemerkt als oorzaak van werkdruk op hun school, zie Figuur 3.1 en Tabel B3.1.

# %%
Markdown(ch.top_causes_text(chapter))

# %%
chapter.figure(ch.figure_3_1(chapter))

# %%
chapter.table(ch.table_b3_1(chapter));

# %% [markdown]
# Daarnaast hebben we aan alle respondenten gevraagd welke factoren een belangrijke rol spelen in de mate waarin zijzelf werkdruk ervaren. De factoren verschillen per functiegroep.

# %%
Markdown(ch.top_factors_text(chapter))

# %%
Markdown(ch.factor_sector_text(chapter))

# %%
chapter.table(ch.table_factors(chapter));

# %% [markdown]
# ## 3.2 Proces van ontwikkeling, keuze en monitoring
#
# Iedere meting hebben we gevraagd of er in het voorgaande schooljaar geëvalueerd was over de inzet van de middelen (Figuur 3.2).

# %%
Markdown(ch.evaluation_text(chapter))

# %%
chapter.figure(ch.figure_3_2(chapter))

# %%
chapter.table(ch.table_figure_3_2(chapter));

# %% [markdown]
# Vervolgens hebben we aan schoolleiders gevraagd hoe over de inzet van de werkdrukmiddelen is besloten, zie Tabel 3.1.

# %%
Markdown(ch.decision_text(chapter))

# %%
chapter.table(ch.table_3_1(chapter));

# %% [markdown]
# ## 3.3 Rol van betrokken partijen
#
# We hebben aan de schoolleiders gevraagd van welke personeelsleden de werkdruk in het proces is besproken. Tabel 3.2 toont per functie het percentage scholen, van de scholen die een werknemer in die functie in dienst hebben. Daarnaast hebben we onderzocht in hoeverre dit verschilt per onderwijstype.

# %%
chapter.table(ch.table_3_2(chapter));

# %%
Markdown(ch.discussed_sector_text(chapter))

# %% [markdown]
# Aanvullend hebben we gevraagd of schoolleiders een inschatting konden maken hoe het beschikbare budget (ongeveer) verdeeld is over de verschillende doelgroepen (Tabel 3.3).

# %%
Markdown(ch.budget_text(chapter))

# %%
chapter.table(ch.table_3_3(chapter));

# %% [markdown]
# Daarnaast hebben we aan alle respondenten gevraagd of ze zelf aanwezig waren bij de gesprekken over de werkdrukaanpak (Figuur 3.3).

# %%
Markdown(ch.presence_text(chapter))

# %%
chapter.figure(ch.figure_3_3(chapter))

# %%
chapter.table(ch.table_figure_3_3(chapter));

# %% [markdown]
# In het Werkdrukakkoord zijn schoolteams aan zet, maar het bestuur en de PMR zijn ook bij het proces betrokken. Aan schoolleiders hebben we naar de rol van het bestuur gevraagd (Tabel 3.4) en of de PMR heeft ingestemd met het bestedingsplan.

# %%
Markdown(ch.board_text(chapter))

# %%
chapter.table(ch.table_3_4(chapter));

# %% [markdown]
# ## Controle tegen de gepubliceerde cijfers
#
# Elk cijfer uit dit hoofdstuk dat het rapport voor deze meting afdrukt, opnieuw berekend en vergeleken. De vergelijking staat ook in `reproduction.csv`.

# %%
chapter.self_check(ch.SOURCES)
chapter.footer()
