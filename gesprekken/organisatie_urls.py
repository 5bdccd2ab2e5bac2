from django.urls import path

from . import organisatie_views

app_name = "organisaties"

urlpatterns = [
    path("zoeken/", organisatie_views.suggesties, name="suggesties"),
    path("<int:organisatie_id>/", organisatie_views.organisatie, name="organisatie"),
]
