"""The app's URLs unchanged, plus one reference view that only the bench mounts."""

from django.urls import path

from samenwerking.urls import urlpatterns as app_urlpatterns

from . import views

urlpatterns = [
    path("bench/triviaal/<int:aantekening_id>/", views.triviaal, name="bench_triviaal"),
    *app_urlpatterns,
]
