from django.urls import path

from . import organisatie_views, verificatie_views, views

app_name = "deelname"

urlpatterns = [
    # The organisation's contact, with the link (no account).
    path("deelname/openen/", organisatie_views.openen, name="openen"),
    path("deelname/", organisatie_views.pagina, name="pagina"),
    path("deelname/antwoorden/<int:antwoord_id>/", organisatie_views.opslaan, name="opslaan"),
    path("deelname/rijen/", organisatie_views.rij_toevoegen, name="rij_toevoegen"),
    path("deelname/indienen/", organisatie_views.indienen, name="indienen"),
    path("deelname/verificatie/", verificatie_views.pagina, name="verificatie"),
    path("deelname/verificatie/concept.pdf", verificatie_views.concept_pdf, name="concept_pdf"),
    path("deelname/opmerkingen/<int:opmerking_id>/", verificatie_views.opmerking_opslaan, name="opmerking_opslaan"),
    # The inspectors on the gesprek.
    path("gesprekken/<int:gesprek_id>/deelname/", views.uitnodigingen, name="uitnodigingen"),
    path("gesprekken/<int:gesprek_id>/deelname/uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path("gesprekken/<int:gesprek_id>/deelname/vooraf/", views.onderwerpen, name="onderwerpen"),
    path(
        "gesprekken/<int:gesprek_id>/deelname/<int:uitnodiging_id>/nieuwe-link/",
        views.nieuwe_link,
        name="nieuwe_link",
    ),
    path(
        "gesprekken/<int:gesprek_id>/deelname/<int:uitnodiging_id>/intrekken/",
        views.intrekken,
        name="intrekken",
    ),
    path("gesprekken/<int:gesprek_id>/deelname/in-rapport/", views.in_rapport, name="in_rapport"),
    path("gesprekken/<int:gesprek_id>/deelname/verificatie/", views.verificatie_sturen, name="verificatie_sturen"),
    path(
        "gesprekken/<int:gesprek_id>/deelname/opmerkingen/<int:opmerking_id>/",
        views.opmerking_verwerken,
        name="opmerking_verwerken",
    ),
]
