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
# # 5. Effecten
#
# In dit hoofdstuk staan de effecten van het Werkdrukakkoord centraal. We beginnen met een vergelijking van de werkdruk ten opzichte van eerdere jaren (paragraaf 5.1). Daarna kijken we of schoolteams zelf de indruk hebben dat de aanpak de werkdruk heeft beïnvloed, en of het ervaren effect samenhangt met achtergrondkenmerken (paragraaf 5.2). Paragrafen 5.3 en 5.4 zijn gebaseerd op de casestudies en bevatten geen enquêtecijfers.
#
# Alle cijfers in dit hoofdstuk gaan over alle respondenten en zijn gewogen naar functie en sector, zoals in het rapport (voetnoten 7 en 12).

# %% tags=["parameters"]
# Parameters: papermill vervangt deze waarden per meting.
year = 2024
data_dir = None  # None: de gebundelde synthetische data
output_dir = None  # None: build/lab/<year>; de build schrijft outputs/<year>
min_n = 10  # minimum aantal respondenten achter een getoond cijfer

# %%
from IPython.display import Markdown

from werkdruk_utils.chapters import ch05_effecten as ch
from werkdruk_utils.declare import Answers, ScaleShare, Share, without
from werkdruk_utils.present import history, report

chapter = report.start("05_effecten", year, data_dir, output_dir, min_n=min_n)

# %% [markdown]
# ## 5.1 Werkdruk ten opzichte van eerdere jaren
#
# Het rapport vergelijkt de uitkomsten van de monitor met eerdere metingen van het TNO-model: de Nationale Enquête Arbeidsomstandigheden (NEA, TNO/CBS) en een eerder onderzoek van Oberon. **Die historische waarden drukt het rapport nergens af**, en ze zitten niet in de meetdata van deze monitor. Ze worden hier niet geschat of ingevuld. De Figuren 5.1–5.4 beslaan daarom de hele periode van het rapport, met een lijn door de metingen van deze monitor (deze meting en de eerdere metingen die beschikbaar zijn); de historische jaren die het rapport wel tekent maar waarvan het de waarde niet afdrukt, staan als open driehoek op de tijdas. De enige citeerbare historische reeks (de NEA-indicator 'hoge taakeisen' van OCW) staat apart, als een eigen, anders gedefinieerde reeks.

# %% [markdown]
# ### Kwantitatieve taakeisen
#
# Figuur 5.1 toont per stelling het percentage dat 'vaak' of 'altijd' antwoordde. Een verandering tussen metingen noemen we alleen een verandering als ze statistisch significant is (het significantieniveau staat bij de tabellen).

# %%
trend_5_1 = chapter.estimate(
    Share("v6_1", answers=("Vaak", "Altijd")), Share("v6_2", answers=("Vaak", "Altijd")), Share("v6_3", answers=("Vaak", "Altijd")),
    population="all", weighting="function_x_sector",
)
Markdown(ch.trend_text(trend_5_1))

# %%
title = "Kwantitatieve taakeisen: percentage dat vaak of altijd heeft geantwoord"
chapter.figure("Figuur 5.1", trend_5_1, kind="trend", rows="category", unpublished=history.REPORT_HISTORY_YEARS,
    title="Figuur 5.1 " + title, caption=ch.TREND_CAPTION)
chapter.table(
    "Figuur 5.1", trend_5_1, title=title,
    notes=[history.WEIGHTING_NOTE, "Percentage 'vaak' of 'altijd' per stelling.", history.history_caption()],
);

# %% [markdown]
# **Historische reeks (andere indicator).** Het ministerie van OCW publiceert uit de NEA de indicator 'hoge taakeisen': het percentage werknemers in het primair onderwijs met een gemiddelde op of boven de drempel van Figuur 5.2 op de schaal kwantitatieve taakeisen. Dat is een *andere indicator* dan Figuur 5.1 (die toont het percentage 'vaak of altijd' per stelling) en komt uit een *andere enquête* (andere steekproef, opzet en weging). Hieronder staat die reeks naast het percentage in deze monitor met dezelfde drempel; de twee reeksen zijn niet met elkaar verbonden en een verschil tussen beide is geen trend.

# %%
high_demands = chapter.estimate(ScaleShare("kwantitatieve_taakeisen"), population="all", weighting="function_x_sector")
chapter.figure(history.nea_figure(high_demands))
chapter.table(history.nea_table(high_demands));

# %% [markdown]
# ### Kwalitatieve taakeisen
#
# Figuur 5.2 toont het percentage met een schaalgemiddelde op of boven de drempel uit de titel van de figuur, op emotionele belasting en op moeilijkheidsgraad (cognitieve belasting), beide op de schaal van ‘nooit’ tot ‘altijd’. Het rapport noemt in de titel zowel 'vaak of altijd' als een drempel op het schaalgemiddelde; hier is die drempel gevolgd.

# %%
trend_5_2 = chapter.estimate(
    ScaleShare("emotionele_belasting"), ScaleShare("moeilijkheidsgraad"), population="all", weighting="function_x_sector")
Markdown(ch.trend_text(trend_5_2))

# %%
title = "Kwalitatieve taakeisen: percentage dat vaak of altijd heeft geantwoord. >= 2,5 op schaal"
chapter.figure("Figuur 5.2", trend_5_2, kind="trend", rows="category", unpublished=history.REPORT_HISTORY_YEARS,
    title="Figuur 5.2 " + title, caption=ch.TREND_CAPTION)
chapter.table(
    "Figuur 5.2", trend_5_2, title=title,
    notes=[history.WEIGHTING_NOTE, ch.SCALE_SHARE_NOTE, history.history_caption()],
);

# %% [markdown]
# ### Regelmogelijkheden
#
# Figuren 5.3 en 5.4 tonen het percentage dat 'nee' of 'ja, soms' antwoordde (een hoger percentage betekent minder regelmogelijkheden). Het rapport geeft beide figuren dezelfde titel. Volgens de tekst gaat Figuur 5.3 over bepalen hoe men het werk uitvoert, in welke volgorde, op welk tempo en op welke tijden (stellingen 1, 2, 3 en 6 van de vraag) en Figuur 5.4 over zelf oplossingen moeten bedenken. Figuur 5.4 is hier gelezen als de twee overige stellingen: zelf oplossingen bedenken en verlof opnemen wanneer men wil. Let op: bij 'zelf oplossingen bedenken' betekent 'nee of soms' dat men minder vaak zelf oplossingen *moet* bedenken; het rapport beschrijft een toename van het aandeel dat zelf oplossingen moet bedenken.

# %%
nee_of_soms = ("Nee", "soms")
trend_5_3 = chapter.estimate(
    Share("v5_1", answers=nee_of_soms), Share("v5_2", answers=nee_of_soms), Share("v5_3", answers=nee_of_soms), Share("v5_6", answers=nee_of_soms),
    population="all", weighting="function_x_sector",
)
Markdown(ch.trend_text(trend_5_3))

# %%
title = "Regelmogelijkheden: percentage dat nee of soms heeft geantwoord"
chapter.figure("Figuur 5.3", trend_5_3, kind="trend", rows="category", unpublished=history.REPORT_HISTORY_YEARS,
    title="Figuur 5.3 " + title, caption=ch.TREND_CAPTION)
chapter.table(
    "Figuur 5.3", trend_5_3, title=title,
    notes=[history.WEIGHTING_NOTE, "Percentage 'Nee' of 'Ja, soms' per stelling (hoe, volgorde, tempo, tijden).", history.history_caption()],
);

# %%
trend_5_4 = chapter.estimate(Share("v5_4", answers=nee_of_soms), Share("v5_5", answers=nee_of_soms), population="all", weighting="function_x_sector")
Markdown(ch.trend_text(trend_5_4))

# %%
chapter.figure("Figuur 5.4", trend_5_4, kind="trend", rows="category", unpublished=history.REPORT_HISTORY_YEARS,
    title="Figuur 5.4 " + title, caption=ch.TREND_CAPTION)
chapter.table(
    "Figuur 5.4", trend_5_4, title=title,
    notes=[history.WEIGHTING_NOTE, "Percentage 'Nee' of 'Ja, soms' per stelling (zelf oplossingen bedenken, verlof opnemen).", history.history_caption()],
);

# %% [markdown]
# ### Verschillen met de NEA-meting
#
# Het rapport noemt voor zijn laatste meting verschillen met een eerdere NEA-meting (het jaar staat in de tabel) voor extra hard werken, emotioneel en cognitief zware arbeid en autonomie. De NEA-waarden zitten niet in deze data, dus die verschillen kunnen hier niet worden nagerekend of getoetst. Wat deze data wel kunnen zeggen, is hoe de indicatoren veranderen tussen de eigen metingen van de monitor, met een significantietoets.

# %%
trends = {"Figuur 5.1": trend_5_1, "Figuur 5.2": trend_5_2, "Figuur 5.3": trend_5_3}
chapter.table(history.differences_2017_table(trends));

# %% [markdown]
# ## 5.2 Effectiviteit van maatregelen
#
# We hebben gevraagd of respondenten de indruk hebben dat de gekozen aanpak de werkdruk heeft beïnvloed. Daarbij maken we onderscheid tussen het effect op de werkdruk op hun school als geheel (dus ook die van collega's) enerzijds en het effect op hun eigen werkdruk anderzijds.
#
# ### Werkdruk op school

# %%
effect = chapter.estimate(Answers("v19", base=without("Weet ik niet"), key=None), population="all", weighting="function_x_sector")
decreased = Share("v19", answers=("gedaald",), base=without("Weet ik niet"), label="(enigszins of sterk) gedaald", variable="v19_gedaald")
school_decreased = chapter.estimate(decreased, population="all", weighting="function_x_sector")
Markdown(ch.school_effect_text(school_decreased, effect))

# %%
chapter.table(
    "Tabel 5.1", effect, n_label="Totaal N",
    title="Heeft u de indruk dat de aanpak de werkdruk op uw school positief heeft beïnvloed?",
    notes=[history.WEIGHTING_NOTE, ch.TABLE_5_1_BASE, ch.question_note],
);

# %%
chapter.table("Werkdruk op school gedaald", school_decreased, title="Werkdruk op school (enigszins of sterk) gedaald, per meting",
    notes=[history.WEIGHTING_NOTE, "Basis: wie een van de vijf antwoorden op de vraag van Tabel 5.1 gaf ('Weet ik niet' niet meegeteld)."]);

# %% [markdown]
# We hebben onderzocht in hoeverre deze antwoorden samenhangen met het onderwijstype, de gemeentecategorie en de achterstandsscore van de school. De achterstandsscore is ingedeeld in drie even grote groepen (tertielen) van de bao-scholen in de steekproef van het meetjaar, dezelfde indeling als in hoofdstuk 2; alleen bao-scholen hebben een achterstandsscore.

# %%
by_sector = chapter.estimate(decreased, population="all", by="sector", weighting="function_x_sector", cited_in="Tekst H5.2")
by_municipality = chapter.estimate(decreased, population="all", by="municipality", weighting="function_x_sector", cited_in="Tekst H5.2")
by_achterstand = chapter.estimate(decreased, population="all", by="achterstand", weighting="function_x_sector")
Markdown(ch.breakdown_text(by_sector, by_municipality, by_achterstand))

# %%
chapter.table(ch.breakdown_table(by_sector, by_municipality, by_achterstand));

# %% [markdown]
# ### Eigen werkdruk
#
# Vervolgens kijken we naar de effecten van de gehanteerde aanpak op de eigen werkdruk, per functiegroep. Het rapport drukt de cijfers van Figuur 5.5 niet af; hieronder staan ze ook als tabel.

# %%
own = chapter.estimate(Answers("v21", base=without("Weet ik niet"), key=None), population="all", by="function", weighting="function_x_sector", years="run")
own_decreased = Share("v21", answers=("gedaald",), base=without("Weet ik niet"), label="(enigszins of sterk) gedaald", variable="v21_gedaald")
own_decreased_by_function = chapter.estimate(own_decreased, population="all", by="function", weighting="function_x_sector")
Markdown(ch.own_effect_text(own, own_decreased_by_function))

# %%
chapter.table("Eigen werkdruk gedaald", own_decreased_by_function, rows="group", row_labels=ch.GROUP_LABELS,
    title="Eigen werkdruk (enigszins of sterk) gedaald, per functiegroep en meting",
    notes=[history.WEIGHTING_NOTE, "Basis: wie een van de vijf antwoorden gaf ('Weet ik niet' niet meegeteld)."]);

# %%
title = "Heeft u de indruk dat de aanpak uw eigen werkdruk heeft beïnvloed? ({year})"
chapter.figure(
    "Figuur 5.5", own, kind="stacked", rows="group", labels=ch.GROUP_LABELS, **ch.EFFECT_STYLE, title="Figuur 5.5 " + title,
    caption="Percentages, gewogen naar functie en sector; basis: wie een van de vijf antwoorden gaf ('Weet ik niet' niet meegeteld).",
)
chapter.table("Figuur 5.5", own, columns="group", column_labels=ch.GROUP_LABELS, mark_changes=False, title=title, notes=[history.WEIGHTING_NOTE, ch.BASE_NOTE]);

# %% [markdown]
# ## 5.3 Succes- en belemmerende factoren
#
# Deze paragraaf van het rapport is gebaseerd op de interviews in de casestudies en bevat geen enquêtecijfers. Als succesfactoren noemen de geïnterviewden vooral dat schoolteams zelf aan zet zijn bij de inzet van de werkdrukmiddelen (eigenaarschap en maatregelen die bij de school passen), een open en transparante schoolleider die actief met het team communiceert en samen onderzoekt waar de werkdruk vandaan komt, en het structurele karakter van de middelen nu ze deel uitmaken van de lumpsum. Als belemmeringen noemen zij de versnippering van (tijdelijke) middelen en de onzekerheid daarover, de beperkte flexibiliteit wanneer de middelen vastliggen in personeel (zoals een vakleerkracht gym), het gevoel van sommige schoolleiders geen inspraak te hebben in de inzet, en de term 'werkdruk'middelen zelf, die de nadruk op werkdruk legt.

# %% [markdown]
# ## 5.4 Toekomst/duurzame borging
#
# Ook deze paragraaf is kwalitatief. Op de meeste casestudiescholen blijft de inzet van de werkdrukmiddelen onderwerp van het jaarlijkse gesprek over het werkverdelingsplan; andere scholen evalueren de inzet niet meer omdat die al jaren gelijk is. Meerdere scholen verwachten dat de werkdruk zal stijgen, onder meer door het wegvallen van de NPO-gelden, mogelijke bezuinigingen, aanpassing van de kerndoelen, de verschuiving naar inclusief onderwijs en het lerarentekort. Genoemde oplossingen zijn samenwerking tussen Onderwijsinspectie en Arbeidsinspectie, vervanging van tijdelijke subsidies door een hogere basisbekostiging en meer samenwerking tussen scholen. Schoolleiders en bestuurders benadrukken duurzame maatregelen, zoals professionalisering van het team, boven tijdelijke oplossingen.

# %% [markdown]
# ## Controle tegen de gepubliceerde cijfers
#
# Elk cijfer uit dit hoofdstuk dat het rapport voor deze meting afdrukt en dat uit de enquêtedata volgt, opnieuw berekend en vergeleken. De verschillen met de NEA-meting en het budget uit de tekst van paragraaf 5.1 komen niet uit de enquêtedata (NEA-waarden en beleidscijfers) en worden daarom niet nagerekend. De vergelijking staat ook in `reproduction.csv`.

# %%
chapter.self_check(ch.SOURCES)
chapter.footer()
