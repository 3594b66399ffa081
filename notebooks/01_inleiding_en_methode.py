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
# # 1. Inleiding
#
# Dit hoofdstuk beschrijft de aanleiding van het onderzoek naar het Werkdrukakkoord in het primair onderwijs, de onderzoeksvragen en de onderzoeksmethoden. Achteraan staat Bijlage 1 (Methodologie): de steekproef, de respons, de responsanalyse, de weging en de selectie van de casestudies, berekend op de geladen gegevens van deze meting.

# %% tags=["parameters"]
# Parameters: papermill vervangt deze waarden per meting.
year = 2024
data_dir = None  # None: de gebundelde synthetische data
output_dir = None  # None: build/lab/<year>; de build schrijft outputs/<year>
min_n = 10  # minimum aantal respondenten achter een getoond cijfer

# %%
from IPython.display import Markdown

from werkdruk_utils.chapters import ch01_inleiding_en_methode as ch
from werkdruk_utils.declare.descriptives import response_by_year_table, response_table, weight_table
from werkdruk_utils.present import report, report_data

chapter = report.start("01_inleiding_en_methode", year, data_dir, output_dir, min_n=min_n)

# %% [markdown]
# ## 1.1 Aanleiding onderzoek
#
# **Werkdruk in het onderwijs.** Werkdruk in het onderwijs is al lange tijd een belangrijk gespreksthema, zowel op de werkvloer als in de media en de politiek. Het jaarlijkse onderzoek van TNO/CBS (Nationale Enquête Arbeidsomstandigheden, NEA) laat zien dat het onderwijs al jaren tot de beroepssectoren hoort waarin de hoogste werkdruk wordt ervaren. TNO omschrijft werkdruk als een situatie waarin een disbalans is ontstaan tussen de eisen van het werk wat betreft inhoud en context (taakeisen) en de mogelijkheden van de werknemer om het werk goed uit te voeren (regelmogelijkheden).
#
# **Werkdrukakkoord.** Om werkdruk in het primair onderwijs tegen te gaan, zijn in het Regeerakkoord Rutte III afspraken gemaakt over extra middelen voor deze sector; daarna is het Werkdrukakkoord po afgesloten tussen werkgevers, werknemers en het kabinet. Uitgangspunten zijn dat de werkdruk binnen scholen vermindert, dat de middelen rechtmatig worden besteed en dat ze effectief worden ingezet. Een belangrijk element is dat de middelen direct bij de schoolteams terechtkomen en dat zij de besteding ervan bepalen: leerkrachten, (onderwijs)ondersteunend personeel en schoolleiders zijn aan zet.

# %%
Markdown(ch.budget_text())

# %% [markdown]
# De werkdrukmiddelen zijn structureel, vormen onderdeel van de lumpsum en zijn inmiddels opgenomen in de basisbekostiging voor instellingen per leerling (rapport §1.1). De bedragen hieronder zijn cijfers uit de tekst van het rapport, geen enquêtegegevens. Het rapport noemt ze op meer plaatsen, en niet overal gelijk.

# %%
chapter.table(report_data.table_budgets());

# %% [markdown]
# ## 1.2 Onderzoeksvragen

# %%
Markdown(ch.research_questions_text())

# %% [markdown]
# ## 1.3 Onderzoeksmethoden

# %% [markdown]
# Om een breed maar ook verdiepend beeld te krijgen van het proces rond en de effecten van de werkdrukmiddelen is gekozen voor een combinatie van onderzoeksmethoden:
#
# - Deskresearch: documentstudie en interviews met sleutelinformanten.
# - Jaarlijks een brede enquête onder schoolleiding, leerkrachten en (onderwijs)ondersteunend personeel bij een steekproef van scholen (de steekproef en de respons per meting staan in Bijlage 1).
# - Jaarlijks casestudies (bezoeken) bij een selectie van scholen: gesprekken met schoolleiding, leerkrachten, (onderwijs)ondersteunend personeel en bestuur (Bijlage 1, Selectie casestudies).
#
# Figuur 1.1 (Opzet van het onderzoek) is een schema zonder cijfers en wordt hier niet nagetekend.

# %%
Markdown(ch.two_school_year_note())

# %% [markdown]
# Wanneer we rapporteren over verschillen, toename of afname, gaat het over een significante verandering.

# %% [markdown]
# ## 1.4 Leeswijzer
#
# In hoofdstuk 2 beschrijven we hoe respondenten in het primair onderwijs de verschillende aspecten van werkdruk ervaren. Vervolgens besteden we aandacht aan het proces op de scholen rond de aanpak van werkdruk (hoofdstuk 3). Daarna gaan we in op de keuzes die scholen maken rond de inzet van de werkdrukmiddelen (hoofdstuk 4). Vervolgens beschrijven we de effecten van de aanpak en keuzes (hoofdstuk 5), waarna we afsluiten met conclusies (hoofdstuk 6). De enquêteresultaten zijn leidend; de casestudies dienen in het rapport ter illustratie en verdieping.

# %% [markdown]
# ## Bijlage 1: Methodologie
#
# ### Steekproef en respons

# %%
Markdown(ch.response_text(chapter.data))

# %%
chapter.table(response_by_year_table(chapter.data));

# %% [markdown]
# ### Responsanalyse
#
# In de responsanalyse kijken we naar schoolkenmerken (onderwijstype, provincie, gemeentegrootte, denominatie en schoolgewicht) en naar twee persoonskenmerken (leeftijd en functie). Elke tabel zet de verdeling in de populatie (zoals het rapport die drukt) naast de verdeling in de respons van deze meting. Het zijn tellingen van de steekproef; er worden geen individuele respondenten getoond.

# %%
b1_1 = response_table(chapter.data, "Tabel B1.1", "Respons scholen naar onderwijstype", unit="scholen", by="sector", notes=["Het rapport drukt 'Boa'; bedoeld is 'Bao' (regulier basisonderwijs)."])
b1_2 = response_table(chapter.data, "Tabel B1.2", "Respons scholen naar provincie", unit="scholen", by="province")
b1_3 = response_table(chapter.data, "Tabel B1.3", "Respons scholen naar gemeentegrootte", unit="scholen", by="municipality_category")
b1_4 = response_table(chapter.data, "Tabel B1.4", "Respons scholen naar denominatie", unit="scholen", by="denomination", notes=[ch.first_measurement_note()])
b1_5 = response_table(chapter.data, "Tabel B1.5", "Respons bao-scholen naar schoolgewicht", unit="bao-scholen", by="schoolgewicht")
b1_6 = response_table(chapter.data, "Tabel B1.6", "Respons personen naar leeftijd", unit="personen", by="v4", notes=[ch.age_labels_note()])
b1_7 = response_table(chapter.data, "Tabel B1.7", "Respons personen naar functie", unit="personen", by="weighting_group", notes=["Functie: de weeggroepen van Tabel B1.8 (schoolleider, leerkracht, overig personeel)."])
Markdown(ch.representativeness_text(b1_1, b1_2, b1_3, b1_4, b1_5, b1_6, b1_7))

# %% [markdown]
# Het gespecialiseerd onderwijs is bij de steekproeftrekking bewust overbemonsterd, om voldoende respons van so-scholen te krijgen. In de analyses worden de resultaten daarom uitgesplitst naar regulier basisonderwijs en gespecialiseerd onderwijs, of er worden gewogen resultaten gepresenteerd. Voor uitspraken over het gehele onderwijspersoneel wordt een weegfactor naar functie en sector toegepast (Tabel B1.8), want de functieverdeling verschilt sterk tussen bao en go. Het rapport verwijst hier naar 'Tabel B1.8' en 'Tabel B1.9'; bedoeld zijn Tabel B1.7 en Tabel B1.8.

# %%
chapter.table(b1_1);

# %%
chapter.table(b1_2);

# %%
chapter.table(b1_3);

# %%
chapter.table(b1_4);

# %%
chapter.table(b1_5);

# %%
chapter.table(b1_6);

# %%
chapter.table(b1_7);

# %% [markdown]
# ### Weging
#
# Schoolleiders zijn oververtegenwoordigd. Voor uitspraken over het gehele onderwijspersoneel passen we daarom een weegfactor toe naar functie en sector (bao en go), omdat de functieverdeling sterk verschilt tussen beide sectoren. De weegfactor van een cel is het percentage in de populatie gedeeld door het percentage in de steekproef.

# %%
chapter.table(weight_table(chapter.data));

# %% [markdown]
# ### Selectie casestudies

# %%
Markdown(report_data.case_study_statement())

# %%
Markdown(ch.case_study_text(chapter.data))

# %%
chapter.table(report_data.table_b1_9());

# %%
chapter.table(report_data.table_b1_10());

# %% [markdown]
# De gespreksverslagen van de interviews zijn door een onderzoeker handmatig gecodeerd en gekoppeld aan de onderzoeksvragen; de antwoorden zijn vergeleken tussen scholen en functiegroepen. Dat kwalitatieve deel van het onderzoek zit niet in de enquêtedata.

# %% [markdown]
# ## Controle tegen de gepubliceerde cijfers
#
# Elk cijfer uit dit hoofdstuk en uit Bijlage 1 dat het rapport voor deze meting afdrukt en dat uit de enquêtedata volgt, opnieuw berekend en vergeleken. Populatiecijfers, budgetten en de casestudies zijn rapportgegevens en worden niet opnieuw berekend. De vergelijking staat ook in `reproduction.csv`.

# %%
chapter.self_check(ch.SOURCES)
chapter.footer()
