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
# # 2. Ervaren werkdruk
#
# In dit hoofdstuk beginnen we met een beschrijving van het begrip ‘werkdruk’ (paragraaf 2.1). Vervolgens laten we zien hoe de respondenten de verschillende aspecten van werkdruk ervaren (paragraaf 2.2). De regressieanalyses (Bijlage 2) en de aanvullende figuren (Bijlage 3) staan aan het eind van dit notebook.

# %% tags=["parameters"]
# Parameters: papermill vervangt deze waarden per meting.
year = 2024
data_dir = None  # None: de gebundelde synthetische data
output_dir = None  # None: outputs/<year>
min_n = 10  # minimum aantal respondenten achter een getoond cijfer

# %%
from IPython.display import Markdown

from werkdruk_utils.chapters import ch02_ervaren_werkdruk as ch
from werkdruk_utils.present import report

chapter = report.start("02_ervaren_werkdruk", year, data_dir, output_dir, min_n=min_n)

# %% [markdown]
# ## 2.1 Beschrijving van werkdruk
#
# We sluiten aan bij de definitie van TNO: werkdruk is een situatie waarin er een disbalans is ontstaan tussen de eisen van het werk wat betreft inhoud en context (taakeisen) en de mogelijkheden van de werknemer om het werk goed uit te voeren (regelmogelijkheden). Figuur 2.1 (het werkdrukmodel van TNO) is een schema zonder cijfers en staat daarom niet in dit notebook.

# %% [markdown]
# ## 2.2 Dimensies
#
# We kijken naar de dimensies werkinhoudelijke taakeisen (kwantitatieve en kwalitatieve) en regelmogelijkheden. De gemiddelden in deze paragraaf zijn gewogen naar functie en sector. Een schaalscore is het gemiddelde van de beantwoorde items van de schaal, als ten minste twee derde van de items is beantwoord. Verschillen tussen groepen en tussen metingen noemen we alleen verschillen als ze statistisch significant zijn (het significantieniveau staat bij de tabellen).
#
# De betrouwbaarheid van de vier schalen per meting:

# %%
chapter.table(ch.reliability_table(chapter));

# %%
chapter.table(ch.overall_means_table(chapter));

# %% [markdown]
# ### Kwantitatieve taakeisen
#
# We hebben aan de respondenten gevraagd hoe snel, hoe veel en hoe hard ze moeten werken, op een schaal van nooit tot altijd.

# %%
Markdown(ch.overall_means_text(chapter, "kwantitatieve_taakeisen"))

# %% [markdown]
# In de analyses is gekeken of de kwantitatieve taakeisen samenhangen met achtergrondkenmerken: leeftijd, functie, werktijdfactor en achterstandsscore (Tabel B2.1, in Bijlage 2 hieronder). Figuur 2.2 toont de kwantitatieve taakeisen per functie.

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur 2.2"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur 2.2"));

# %%
Markdown(ch.figure_text(chapter, "Figuur 2.2"))

# %% [markdown]
# Figuur 2.3 toont de kwantitatieve taakeisen per gemeentecategorie; de uitsplitsing naar onderwijstype staat in Figuur B3.2.

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur 2.3"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur 2.3"));

# %%
Markdown(ch.figure_text(chapter, "Figuur 2.3"))

# %% [markdown]
# ### Kwalitatieve taakeisen
#
# Met meerdere stellingen hebben we aan de respondenten gevraagd wat de emotionele belasting en de moeilijkheidsgraad (cognitieve belasting) van hun werk is, op een schaal van nooit tot altijd.

# %%
Markdown(ch.overall_means_text(chapter, "emotionele_belasting"))

# %%
Markdown(ch.overall_means_text(chapter, "moeilijkheidsgraad"))

# %% [markdown]
# De samenhang met achtergrondkenmerken staat in Tabel B2.2 en B2.3. Figuur 2.4 en 2.5 tonen de emotionele belasting en de moeilijkheidsgraad per functie.

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur 2.4"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur 2.4"));

# %%
Markdown(ch.figure_text(chapter, "Figuur 2.4"))

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur 2.5"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur 2.5"));

# %%
Markdown(ch.figure_text(chapter, "Figuur 2.5"))

# %% [markdown]
# Figuur 2.6 toont de moeilijkheidsgraad per onderwijstype (regulier basisonderwijs, bao, en gespecialiseerd onderwijs, go).

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur 2.6"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur 2.6"));

# %%
Markdown(ch.figure_text(chapter, "Figuur 2.6"))

# %% [markdown]
# Figuur 2.7 toont de emotionele belasting per gemeentecategorie.

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur 2.7"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur 2.7"));

# %%
Markdown(ch.figure_text(chapter, "Figuur 2.7"))

# %% [markdown]
# ### Regelmogelijkheden
#
# We hebben aan de respondenten gevraagd of ze zelf mogen beslissen hoe ze het werk uitvoeren, in welke volgorde, in welk tempo en op welke tijden, maar ook of ze in hun werk zelf oplossingen moeten bedenken en of ze verlof kunnen opnemen wanneer ze willen. Dit hebben we gedaan op een schaal van regelmatig tot nooit. Belangrijk om te benadrukken is dat een hoge score op deze schaal dus wijst op weinig autonomie.

# %%
Markdown(ch.overall_means_text(chapter, "regelmogelijkheden"))

# %% [markdown]
# De samenhang met achtergrondkenmerken staat in Tabel B2.4. Figuur 2.8 tot en met 2.10 tonen de regelmogelijkheden per functie, gemeentecategorie en onderwijstype.

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur 2.8"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur 2.8"));

# %%
Markdown(ch.figure_text(chapter, "Figuur 2.8"))

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur 2.9"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur 2.9"));

# %%
Markdown(ch.figure_text(chapter, "Figuur 2.9"))

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur 2.10"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur 2.10"));

# %%
Markdown(ch.figure_text(chapter, "Figuur 2.10"))

# %% [markdown]
# ## Bijlage 2: Regressie analyses
#
# Per schaal een gewogen regressie op leeftijd, functie (referentie: leraar), werktijdfactor, werktijdfactor in het kwadraat, de interacties van functie met werktijdfactor en de achterstandsscore. Het rapport drukt deze tabellen af voor zijn laatste meting; hier staan ze voor de meting van dit notebook.

# %%
chapter.table(ch.regression_table(chapter, "Tabel B2.1"));

# %%
Markdown(ch.regression_text(chapter, "Tabel B2.1"))

# %%
chapter.table(ch.regression_table(chapter, "Tabel B2.2"));

# %%
Markdown(ch.regression_text(chapter, "Tabel B2.2"))

# %%
chapter.table(ch.regression_table(chapter, "Tabel B2.3"));

# %%
Markdown(ch.regression_text(chapter, "Tabel B2.3"))

# %%
chapter.table(ch.regression_table(chapter, "Tabel B2.4"));

# %%
Markdown(ch.regression_text(chapter, "Tabel B2.4"))

# %% [markdown]
# ## Bijlage 3: Aanvullende figuren
#
# Het rapport drukt de indeling in achterstandsscore categorieën niet af. Hier zijn het de tertielen van de achterstandsscore van de bao-scholen in de steekproef van elke meting (laag, midden, hoog: elk een derde van de scholen); de grenzen staan bij de tabellen. Scholen in het gespecialiseerd onderwijs hebben geen achterstandsscore. Bij Figuur B3.7 en B3.8 drukt het rapport een schaaltoelichting af die de antwoorden omdraait (van ‘nooit’ naar ‘altijd’); dat is in strijd met de vraag (van ‘Ja, regelmatig’ naar ‘Nee’) en met Figuur 2.8–2.10. Hier staat de schaal van de vraag; de noot bij de figuren geeft beide toelichtingen.

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur B3.1"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur B3.1"));

# %%
Markdown(ch.figure_text(chapter, "Figuur B3.1"))

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur B3.2"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur B3.2"));

# %%
Markdown(ch.figure_text(chapter, "Figuur B3.2"))

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur B3.3"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur B3.3"));

# %%
Markdown(ch.figure_text(chapter, "Figuur B3.3"))

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur B3.4"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur B3.4"));

# %%
Markdown(ch.figure_text(chapter, "Figuur B3.4"))

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur B3.5"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur B3.5"));

# %%
Markdown(ch.figure_text(chapter, "Figuur B3.5"))

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur B3.6"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur B3.6"));

# %%
Markdown(ch.figure_text(chapter, "Figuur B3.6"))

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur B3.7"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur B3.7"));

# %%
Markdown(ch.figure_text(chapter, "Figuur B3.7"))

# %%
chapter.figure(ch.figure_plot(chapter, "Figuur B3.8"))

# %%
chapter.table(ch.figure_table(chapter, "Figuur B3.8"));

# %%
Markdown(ch.figure_text(chapter, "Figuur B3.8"))

# %% [markdown]
# ## Controle tegen de gepubliceerde cijfers
#
# Elk cijfer uit dit hoofdstuk dat het rapport voor deze meting afdrukt, opnieuw berekend en vergeleken. De vergelijking staat ook in `reproduction.csv`.

# %%
chapter.self_check(ch.SOURCES)
chapter.footer()
