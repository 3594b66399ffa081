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
output_dir = None  # None: build/lab/<year>; de build schrijft outputs/<year>
min_n = 10  # minimum aantal respondenten achter een getoond cijfer

# %%
from IPython.display import Markdown

from werkdruk_utils.chapters import ch02_ervaren_werkdruk as ch
from werkdruk_utils.declare import ScaleMean
from werkdruk_utils.declare.descriptives import reliability_table
from werkdruk_utils.declare.models import sensitivity_table
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
scales = ("kwantitatieve_taakeisen", "emotionele_belasting", "moeilijkheidsgraad", "regelmogelijkheden")
chapter.table(reliability_table(chapter.data, scales));

# %%
overall = chapter.estimate(
    ScaleMean("kwantitatieve_taakeisen"), ScaleMean("emotionele_belasting"), ScaleMean("moeilijkheidsgraad"), ScaleMean("regelmogelijkheden"),
    population="all", weighting="function_x_sector", order="measure",
)
chapter.table("Tekst H2.2", overall, title="Gemiddelde score op de vier schalen per meting", notes=[
    "Gemiddelden van alle respondenten, gewogen naar functie en sector (Tabel B1.8), zoals §2.2 van het rapport.",
    "Taakeisen: 1 = nooit, 4 = altijd; regelmogelijkheden: 1 = regelmatig, 3 = nooit. Een hogere score op regelmogelijkheden betekent minder regelmogelijkheden.",
]);

# %% [markdown]
# ### Kwantitatieve taakeisen
#
# We hebben aan de respondenten gevraagd hoe snel, hoe veel en hoe hard ze moeten werken, op een schaal van nooit tot altijd.

# %%
Markdown(ch.overall_means_text(chapter.estimate(ScaleMean("kwantitatieve_taakeisen"), population="all", weighting="function_x_sector")))

# %% [markdown]
# In de analyses is gekeken of de kwantitatieve taakeisen samenhangen met achtergrondkenmerken: leeftijd, functie, werktijdfactor en achterstandsscore (Tabel B2.1, in Bijlage 2 hieronder). Figuur 2.2 toont de kwantitatieve taakeisen per functie.

# %%
figuur_2_2 = chapter.estimate(ScaleMean("kwantitatieve_taakeisen"), population="all", by="function", weighting="function_x_sector")
title = "Kwantitatieve taakeisen over de jaren heen uitgesplitst naar functie: 1 = nooit, 4 = altijd."
chapter.figure("Figuur 2.2", figuur_2_2, kind="years", labels=ch.group_labels, title="Figuur 2.2 " + title, caption="Gewogen naar functie en sector.")

# %%
chapter.table(
    "Figuur 2.2", figuur_2_2, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes],
);

# %%
Markdown(ch.figure_text(figuur_2_2))

# %% [markdown]
# Figuur 2.3 toont de kwantitatieve taakeisen per gemeentecategorie; de uitsplitsing naar onderwijstype staat in Figuur B3.2.

# %%
figuur_2_3 = chapter.estimate(ScaleMean("kwantitatieve_taakeisen"), population="all", by="municipality", weighting="function_x_sector")
title = "Kwantitatieve taakeisen over de jaren heen uitgesplitst naar gemeentecategorie: 1 = nooit, 4 = altijd."
chapter.figure("Figuur 2.3", figuur_2_3, kind="years", labels=ch.group_labels, title="Figuur 2.3 " + title, caption="Gewogen naar functie en sector.")

# %%
chapter.table(
    "Figuur 2.3", figuur_2_3, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes],
);

# %%
Markdown(ch.figure_text(figuur_2_3))

# %% [markdown]
# ### Kwalitatieve taakeisen
#
# Met meerdere stellingen hebben we aan de respondenten gevraagd wat de emotionele belasting en de moeilijkheidsgraad (cognitieve belasting) van hun werk is, op een schaal van nooit tot altijd.

# %%
Markdown(ch.overall_means_text(chapter.estimate(ScaleMean("emotionele_belasting"), population="all", weighting="function_x_sector")))

# %%
Markdown(ch.overall_means_text(chapter.estimate(ScaleMean("moeilijkheidsgraad"), population="all", weighting="function_x_sector")))

# %% [markdown]
# De samenhang met achtergrondkenmerken staat in Tabel B2.2 en B2.3. Figuur 2.4 en 2.5 tonen de emotionele belasting en de moeilijkheidsgraad per functie.

# %%
figuur_2_4 = chapter.estimate(ScaleMean("emotionele_belasting"), population="all", by="function", weighting="function_x_sector")
title = "Emotionele belasting over de jaren heen uitgesplitst naar functie: 1 = nooit, 4 = altijd."
chapter.figure("Figuur 2.4", figuur_2_4, kind="years", labels=ch.group_labels, title="Figuur 2.4 " + title, caption="Gewogen naar functie en sector.")

# %%
chapter.table(
    "Figuur 2.4", figuur_2_4, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes],
);

# %%
Markdown(ch.figure_text(figuur_2_4))

# %%
figuur_2_5 = chapter.estimate(ScaleMean("moeilijkheidsgraad"), population="all", by="function", weighting="function_x_sector")
title = "Moeilijkheidsgraad over de jaren heen uitgesplitst naar functie: 1 = nooit, 4 = altijd."
chapter.figure("Figuur 2.5", figuur_2_5, kind="years", labels=ch.group_labels, title="Figuur 2.5 " + title, caption="Gewogen naar functie en sector.")

# %%
chapter.table(
    "Figuur 2.5", figuur_2_5, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes],
);

# %%
Markdown(ch.figure_text(figuur_2_5))

# %% [markdown]
# Figuur 2.6 toont de moeilijkheidsgraad per onderwijstype (regulier basisonderwijs, bao, en gespecialiseerd onderwijs, go).

# %%
figuur_2_6 = chapter.estimate(ScaleMean("moeilijkheidsgraad"), population="all", by="sector", weighting="function_x_sector")
title = "Moeilijkheidsgraad over de jaren heen uitgesplitst naar onderwijstype: 1 = nooit, 4 = altijd."
chapter.figure("Figuur 2.6", figuur_2_6, kind="years", labels=ch.group_labels, title="Figuur 2.6 " + title, caption="Gewogen naar functie en sector.")

# %%
chapter.table(
    "Figuur 2.6", figuur_2_6, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes],
);

# %%
Markdown(ch.figure_text(figuur_2_6))

# %% [markdown]
# Figuur 2.7 toont de emotionele belasting per gemeentecategorie.

# %%
figuur_2_7 = chapter.estimate(ScaleMean("emotionele_belasting"), population="all", by="municipality", weighting="function_x_sector")
title = "Emotionele belasting over de jaren heen uitgesplitst naar gemeentecategorie: 1 = nooit, 4 = altijd."
chapter.figure("Figuur 2.7", figuur_2_7, kind="years", labels=ch.group_labels, title="Figuur 2.7 " + title, caption="Gewogen naar functie en sector.")

# %%
chapter.table(
    "Figuur 2.7", figuur_2_7, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes],
);

# %%
Markdown(ch.figure_text(figuur_2_7))

# %% [markdown]
# ### Regelmogelijkheden
#
# We hebben aan de respondenten gevraagd of ze zelf mogen beslissen hoe ze het werk uitvoeren, in welke volgorde, in welk tempo en op welke tijden, maar ook of ze in hun werk zelf oplossingen moeten bedenken en of ze verlof kunnen opnemen wanneer ze willen. Dit hebben we gedaan op een schaal van regelmatig tot nooit. Belangrijk om te benadrukken is dat een hoge score op deze schaal dus wijst op weinig autonomie.

# %%
Markdown(ch.overall_means_text(chapter.estimate(ScaleMean("regelmogelijkheden"), population="all", weighting="function_x_sector")))

# %% [markdown]
# De samenhang met achtergrondkenmerken staat in Tabel B2.4. Figuur 2.8 tot en met 2.10 tonen de regelmogelijkheden per functie, gemeentecategorie en onderwijstype.

# %%
figuur_2_8 = chapter.estimate(ScaleMean("regelmogelijkheden"), population="all", by="function", weighting="function_x_sector")
title = "Regelmogelijkheden over de jaren heen uitgesplitst naar functie: 1 = regelmatig, 3 = nooit."
chapter.figure("Figuur 2.8", figuur_2_8, kind="years", labels=ch.group_labels, title="Figuur 2.8 " + title, caption="Gewogen naar functie en sector.")

# %%
chapter.table(
    "Figuur 2.8", figuur_2_8, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes],
);

# %%
Markdown(ch.figure_text(figuur_2_8))

# %%
figuur_2_9 = chapter.estimate(ScaleMean("regelmogelijkheden"), population="all", by="municipality", weighting="function_x_sector")
title = "Regelmogelijkheden over de jaren heen uitgesplitst naar gemeentegrootte: 1 = regelmatig, 3 = nooit."
chapter.figure("Figuur 2.9", figuur_2_9, kind="years", labels=ch.group_labels, title="Figuur 2.9 " + title, caption="Gewogen naar functie en sector.")

# %%
chapter.table(
    "Figuur 2.9", figuur_2_9, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes, "'Gemeentegrootte' zoals in het rapport: de indeling is de gemeentecategorie (G4, G40, overig)."],
);

# %%
Markdown(ch.figure_text(figuur_2_9))

# %%
figuur_2_10 = chapter.estimate(ScaleMean("regelmogelijkheden"), population="all", by="sector", weighting="function_x_sector")
title = "Regelmogelijkheden over de jaren heen uitgesplitst naar onderwijstype: 1 = regelmatig, 3 = nooit."
chapter.figure("Figuur 2.10", figuur_2_10, kind="years", labels=ch.group_labels, title="Figuur 2.10 " + title, caption="Gewogen naar functie en sector.")

# %%
chapter.table(
    "Figuur 2.10", figuur_2_10, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes],
);

# %%
Markdown(ch.figure_text(figuur_2_10))

# %% [markdown]
# ## Bijlage 2: Regressie analyses
#
# Per schaal een gewogen regressie op leeftijd, functie (referentie: leraar), werktijdfactor, werktijdfactor in het kwadraat, de interacties van functie met werktijdfactor en de achterstandsscore. Het rapport drukt deze tabellen af voor zijn laatste meting; hier staan ze voor de meting van dit notebook. Buiten het rapport staat na elke tabel hetzelfde model met de werktijdfactor gecentreerd op het gewogen gemiddelde: door de interacties zijn de effecten van de functiegroepen in het model van het rapport die bij een werktijdfactor van nul.

# %%
terms = ("leeftijd", "functie", "werktijdfactor", "werktijdfactor in het kwadraat", "functie x werktijdfactor", "achterstandsscore")
tabel_b2_1 = chapter.model("kwantitatieve_taakeisen", terms=terms, population="all", weighting="function_x_sector")
chapter.table("Tabel B2.1", tabel_b2_1, title="Relatie tussen Kwantitatieve taakeisen en achtergrondkenmerken");

# %%
Markdown(ch.regression_text(tabel_b2_1, "Tabel B2.1"))

# %%
chapter.table(sensitivity_table(tabel_b2_1, chapter.data, "Tabel B2.1a"));

# %%
tabel_b2_2 = chapter.model("emotionele_belasting", terms=terms, population="all", weighting="function_x_sector")
chapter.table("Tabel B2.2", tabel_b2_2, title="Relatie tussen emotionele belasting en achtergrondkenmerken");

# %%
Markdown(ch.regression_text(tabel_b2_2, "Tabel B2.2"))

# %%
chapter.table(sensitivity_table(tabel_b2_2, chapter.data, "Tabel B2.2a"));

# %%
tabel_b2_3 = chapter.model("moeilijkheidsgraad", terms=terms, population="all", weighting="function_x_sector")
chapter.table("Tabel B2.3", tabel_b2_3, title="Relatie tussen moeilijkheidsgraad en achtergrondkenmerken");

# %%
Markdown(ch.regression_text(tabel_b2_3, "Tabel B2.3"))

# %%
chapter.table(sensitivity_table(tabel_b2_3, chapter.data, "Tabel B2.3a"));

# %%
tabel_b2_4 = chapter.model("regelmogelijkheden", terms=terms, population="all", weighting="function_x_sector")
chapter.table("Tabel B2.4", tabel_b2_4, title="Relatie tussen regelmogelijkheden en achtergrondkenmerken");

# %%
Markdown(ch.regression_text(tabel_b2_4, "Tabel B2.4"))

# %%
chapter.table(sensitivity_table(tabel_b2_4, chapter.data, "Tabel B2.4a"));

# %% [markdown]
# ## Bijlage 3: Aanvullende figuren
#
# Het rapport drukt de indeling in achterstandsscore categorieën niet af. Hier zijn het de tertielen van de achterstandsscore van de bao-scholen in de steekproef van elke meting (laag, midden, hoog: elk een derde van de scholen); de grenzen staan bij de tabellen. Scholen in het gespecialiseerd onderwijs hebben geen achterstandsscore. Bij Figuur B3.7 en B3.8 drukt het rapport een schaaltoelichting af die de antwoorden omdraait (van ‘nooit’ naar ‘altijd’); dat is in strijd met de vraag (van ‘Ja, regelmatig’ naar ‘Nee’) en met Figuur 2.8–2.10. Hier staat de schaal van de vraag; de noot bij de figuren geeft beide toelichtingen.

# %%
figuur_b3_1 = chapter.estimate(ScaleMean("kwantitatieve_taakeisen"), population="all", by="achterstand", weighting="function_x_sector")
title = "Kwantitatieve taakeisen over de jaren heen uitgesplitst naar achterstandsscore categorie: 1 = nooit, 4 = altijd."
chapter.figure("Figuur B3.1", figuur_b3_1, kind="years", labels=ch.group_labels, title="Figuur B3.1 " + title, caption="Gewogen naar functie en sector; alleen bao (tertielen).")

# %%
chapter.table(
    "Figuur B3.1", figuur_b3_1, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes],
);

# %%
Markdown(ch.figure_text(figuur_b3_1))

# %%
figuur_b3_2 = chapter.estimate(ScaleMean("kwantitatieve_taakeisen"), population="all", by="sector", weighting="function_x_sector")
title = "Kwantitatieve taakeisen over de jaren heen uitgesplitst naar onderwijstype: 1 = nooit, 4 = altijd."
chapter.figure("Figuur B3.2", figuur_b3_2, kind="years", labels=ch.group_labels, title="Figuur B3.2 " + title, caption="Gewogen naar functie en sector.")

# %%
chapter.table(
    "Figuur B3.2", figuur_b3_2, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes],
);

# %%
Markdown(ch.figure_text(figuur_b3_2))

# %%
figuur_b3_3 = chapter.estimate(ScaleMean("emotionele_belasting"), population="all", by="sector", weighting="function_x_sector")
title = "Emotionele belasting over de jaren heen uitgesplitst naar onderwijstype: 1 = nooit, 4 = altijd."
chapter.figure("Figuur B3.3", figuur_b3_3, kind="years", labels=ch.group_labels, title="Figuur B3.3 " + title, caption="Gewogen naar functie en sector.")

# %%
chapter.table(
    "Figuur B3.3", figuur_b3_3, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes],
);

# %%
Markdown(ch.figure_text(figuur_b3_3))

# %%
figuur_b3_4 = chapter.estimate(ScaleMean("emotionele_belasting"), population="all", by="achterstand", weighting="function_x_sector")
title = "Emotionele belasting over de jaren heen uitgesplitst naar achterstandsscore categorie: 1 = nooit, 4 = altijd."
chapter.figure("Figuur B3.4", figuur_b3_4, kind="years", labels=ch.group_labels, title="Figuur B3.4 " + title, caption="Gewogen naar functie en sector; alleen bao (tertielen).")

# %%
chapter.table(
    "Figuur B3.4", figuur_b3_4, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes],
);

# %%
Markdown(ch.figure_text(figuur_b3_4))

# %%
figuur_b3_5 = chapter.estimate(ScaleMean("moeilijkheidsgraad"), population="all", by="municipality", weighting="function_x_sector")
title = "Moeilijkheidsgraad over de jaren heen uitgesplitst naar gemeentecategorie: 1 = nooit, 4 = altijd."
chapter.figure("Figuur B3.5", figuur_b3_5, kind="years", labels=ch.group_labels, title="Figuur B3.5 " + title, caption="Gewogen naar functie en sector.")

# %%
chapter.table(
    "Figuur B3.5", figuur_b3_5, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes],
);

# %%
Markdown(ch.figure_text(figuur_b3_5))

# %%
figuur_b3_6 = chapter.estimate(ScaleMean("moeilijkheidsgraad"), population="all", by="achterstand", weighting="function_x_sector")
title = "Moeilijkheidsgraad over de jaren heen uitgesplitst naar achterstandsscore categorie: 1 = nooit, 4 = altijd."
chapter.figure("Figuur B3.6", figuur_b3_6, kind="years", labels=ch.group_labels, title="Figuur B3.6 " + title, caption="Gewogen naar functie en sector; alleen bao (tertielen).")

# %%
chapter.table(
    "Figuur B3.6", figuur_b3_6, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes],
);

# %%
Markdown(ch.figure_text(figuur_b3_6))

# %%
figuur_b3_7 = chapter.estimate(ScaleMean("regelmogelijkheden"), population="all", by="achterstand", weighting="function_x_sector")
title = "Regelmogelijkheden over de jaren heen uitgesplitst naar achterstandsscore categorie: 1 = regelmatig, 3 = nooit."
chapter.figure("Figuur B3.7", figuur_b3_7, kind="years", labels=ch.group_labels, title="Figuur B3.7 " + title, caption="Gewogen naar functie en sector; alleen bao (tertielen). Schaal gecorrigeerd; rapport: '1 = nooit, 3 = altijd'.")

# %%
chapter.table(
    "Figuur B3.7", figuur_b3_7, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes, ch.SCALE_MISPRINT_NOTE],
);

# %%
Markdown(ch.figure_text(figuur_b3_7))

# %%
figuur_b3_8 = chapter.estimate(ScaleMean("regelmogelijkheden"), population="all", by="municipality", weighting="function_x_sector")
title = "Regelmogelijkheden over de jaren heen uitgesplitst naar gemeente categorie: 1 = regelmatig, 3 = nooit."
chapter.figure("Figuur B3.8", figuur_b3_8, kind="years", labels=ch.group_labels, title="Figuur B3.8 " + title, caption="Gewogen naar functie en sector. Schaal gecorrigeerd; rapport: '1 = nooit, 3 = altijd'.")

# %%
chapter.table(
    "Figuur B3.8", figuur_b3_8, rows="group", row_labels=ch.group_labels, title=title,
    n_label="Grootste groep (n)", notes=[ch.figure_notes, ch.SCALE_MISPRINT_NOTE, "Dezelfde indeling als Figuur 2.9."],
);

# %%
Markdown(ch.figure_text(figuur_b3_8))

# %% [markdown]
# ## Controle tegen de gepubliceerde cijfers
#
# Elk cijfer uit dit hoofdstuk dat het rapport voor deze meting afdrukt, opnieuw berekend en vergeleken. De vergelijking staat ook in `reproduction.csv`.

# %%
chapter.self_check(ch.SOURCES)
chapter.footer()
