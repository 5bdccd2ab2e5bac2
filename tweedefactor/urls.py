from django.urls import path

from . import views

app_name = "tweede_factor"
urlpatterns = [
    path("", views.verifieren, name="verifieren"),
    path("instellen/", views.instellen, name="instellen"),
]
