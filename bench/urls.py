"""The app's URLs unchanged, plus the reference views that only the bench mounts."""

from django.urls import path

from samenwerking.urls import urlpatterns as app_urlpatterns

from . import views

urlpatterns = [
    path("bench/triviaal/<int:aantekening_id>/", views.triviaal, name="bench_triviaal"),
    path("bench/triviaal-ingelogd/<int:aantekening_id>/", views.triviaal_ingelogd, name="bench_triviaal_ingelogd"),
    *app_urlpatterns,
]
