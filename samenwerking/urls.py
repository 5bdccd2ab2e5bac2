from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from mozilla_django_oidc.views import OIDCLogoutView

from . import gezondheid, offline, oidc, views
from .forms import BeheerInlogForm, InlogForm

admin.site.site_header = "Samenwerkingsgesprek – beheer van de vragenbank"
admin.site.site_title = "Samenwerkingsgesprek"
admin.site.index_title = "Beheer"
admin.site.login_form = BeheerInlogForm

urlpatterns = [
    path("", views.start, name="start"),
    path(
        "inloggen/",
        oidc.InloggenView.as_view(authentication_form=InlogForm, redirect_authenticated_user=True),
        name="login",
    ),
    # Also ends the session at the identity provider, when the user signed in there (samenwerking/oidc.py).
    path("uitloggen/", OIDCLogoutView.as_view(), name="logout"),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path(
        "inloggen/mislukt/", TemplateView.as_view(template_name="registration/oidc_mislukt.html"), name="oidc_mislukt"
    ),
    path(
        "inloggen/geen-rol/",
        TemplateView.as_view(template_name="registration/oidc_geen_rol.html"),
        name="oidc_geen_rol",
    ),
    path("inloggen/tweede-factor/", include("tweedefactor.urls")),
    path("handreiking/", include("elementen.urls")),
    path("gesprekken/", include("gesprekken.urls")),
    # The organisation's link (/deelname/…) and the inspectors' invitation pages (/gesprekken/<id>/deelname/…).
    path("", include("deelname.urls")),
    path("organisaties/", include("gesprekken.organisatie_urls")),
    path("admin/", admin.site.urls),
    path("gezondheid/", gezondheid.gezondheid, name="gezondheid"),
    # The service worker, at the root so that it may serve /gesprekken/ and /handreiking/ (its scopes, registered by
    # static/js/offline.js), and what its pages ask before sending what waited.
    path("sw.js", offline.service_worker, name="service_worker"),
    path("offline/verbinding/", offline.verbinding, name="offline_verbinding"),
    path("toegankelijkheid/", TemplateView.as_view(template_name="toegankelijkheid.html"), name="toegankelijkheid"),
]

# Dutch pages (templates/400.html … 500.html), and JSON for the autosave script; 500 is Django's own view.
handler400 = "samenwerking.views.verzoek_ongeldig"
handler403 = "samenwerking.views.geen_toegang"
handler404 = "samenwerking.views.niet_gevonden"
