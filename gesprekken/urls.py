from django.urls import path

from . import afspraak_views, autosave, geschiedenis_views, instrument_views, versie_views, views
from .overzicht import views as overzicht_views
from .rapport import views as rapport_views

app_name = "gesprekken"

urlpatterns = [
    path("", views.mijn_gesprekken, name="mijn_gesprekken"),
    path("nieuw/", views.gesprek_nieuw, name="nieuw"),
    path("<int:gesprek_id>/gegevens/", views.gesprek_gegevens, name="gegevens"),
    path("<int:gesprek_id>/vragenlijst/", views.vragenlijst, name="vragenlijst"),
    path("<int:gesprek_id>/vragenlijst/opzet/", views.vragenlijst_opzet, name="vragenlijst_opzet"),
    path("<int:gesprek_id>/vragenlijst/kader/", views.vragenlijst_kader, name="vragenlijst_kader"),
    path("<int:gesprek_id>/vragenlijst/eigen-vraag/", views.eigen_vraag_toevoegen, name="eigen_vraag_toevoegen"),
    path(
        "<int:gesprek_id>/vragenlijst/eigen-vraag/<int:vraag_id>/verwijderen/",
        views.eigen_vraag_verwijderen,
        name="eigen_vraag_verwijderen",
    ),
    path(
        "<int:gesprek_id>/instrumenten/toevoegen/", instrument_views.instrument_toevoegen, name="instrument_toevoegen"
    ),
    path(
        "<int:gesprek_id>/instrumenten/<int:instrument_id>/verwijderen/",
        instrument_views.instrument_verwijderen,
        name="instrument_verwijderen",
    ),
    path(
        "<int:gesprek_id>/instrumenten/<int:instrument_id>/rijen/",
        instrument_views.rij_toevoegen,
        name="instrument_rij_toevoegen",
    ),
    path(
        "<int:gesprek_id>/instrumenten/<int:instrument_id>/rijen/<int:rij_id>/verwijderen/",
        instrument_views.rij_verwijderen,
        name="instrument_rij_verwijderen",
    ),
    path("<int:gesprek_id>/vragenlijst.pdf", rapport_views.vragenlijst_pdf, name="vragenlijst_pdf"),
    path("<int:gesprek_id>/voeren/", views.gesprek_voeren, name="voeren"),
    path(
        "<int:gesprek_id>/aantekeningen/<int:aantekening_id>/",
        autosave.aantekening_opslaan,
        name="aantekening_opslaan",
    ),
    path(
        "<int:gesprek_id>/aantekeningen/<int:aantekening_id>/geschiedenis/",
        geschiedenis_views.aantekening_geschiedenis,
        name="aantekening_geschiedenis",
    ),
    path(
        "<int:gesprek_id>/aantekeningen/<int:aantekening_id>/geschiedenis/<int:versie_id>/terugzetten/",
        geschiedenis_views.versie_terugzetten,
        name="versie_terugzetten",
    ),
    path("<int:gesprek_id>/afronden/", views.afronden, name="afronden"),
    path("<int:gesprek_id>/heropenen/", views.heropenen, name="heropenen"),
    path("<int:gesprek_id>/versies/", versie_views.versie_lijst, name="versies"),
    path("<int:gesprek_id>/versies/vergelijken/", versie_views.vergelijken, name="vergelijken"),
    path("<int:gesprek_id>/versies/<int:nummer>/", versie_views.versie_tonen, name="versie"),
    path("<int:gesprek_id>/versies/<int:nummer>/rapport.pdf", versie_views.versie_pdf, name="versie_pdf"),
    path("<int:gesprek_id>/rapport.pdf", rapport_views.rapport_pdf, name="rapport_pdf"),
]

urlpatterns += [
    path("overzicht/", overzicht_views.overzicht_pagina, name="overzicht"),
    path("overzicht/lijst/", overzicht_views.overzicht_lijst, name="overzicht_lijst"),
    path("overzicht.csv", overzicht_views.overzicht_csv, name="overzicht_csv"),
    path("<int:gesprek_id>/rapport.docx", rapport_views.rapport_docx, name="rapport_docx"),
    path("<int:gesprek_id>/gesprek.json", rapport_views.gesprek_json, name="gesprek_json"),
]

urlpatterns += [
    path("afspraken/", afspraak_views.mijn_afspraken, name="mijn_afspraken"),
    path("afspraken.ics", afspraak_views.afspraken_ics, name="afspraken_ics"),
    path("afspraken/<int:afspraak_id>.ics", afspraak_views.afspraak_ics, name="afspraak_ics"),
    path("<int:gesprek_id>/terugblik/", afspraak_views.terugblik_agenderen, name="terugblik_agenderen"),
    path(
        "<int:gesprek_id>/terugblik/<int:terugblik_id>/verwijderen/",
        afspraak_views.terugblik_verwijderen,
        name="terugblik_verwijderen",
    ),
]
