from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView

from . import views
from .forms import BeheerInlogForm, InlogForm

admin.site.site_header = "Samenwerkingsgesprek – beheer van de vragenbank"
admin.site.site_title = "Samenwerkingsgesprek"
admin.site.index_title = "Beheer"
admin.site.login_form = BeheerInlogForm

urlpatterns = [
    path("", views.start, name="start"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(authentication_form=InlogForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("handreiking/", include("elementen.urls")),
    path("gesprekken/", include("gesprekken.urls")),
    path("admin/", admin.site.urls),
    path("toegankelijkheid/", TemplateView.as_view(template_name="toegankelijkheid.html"), name="toegankelijkheid"),
]

# Dutch pages (templates/400.html … 500.html), and JSON for the autosave script; 500 is Django's own view.
handler400 = "samenwerking.views.verzoek_ongeldig"
handler403 = "samenwerking.views.geen_toegang"
handler404 = "samenwerking.views.niet_gevonden"
