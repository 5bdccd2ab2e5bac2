"""An inspecteur signs in through the inspectorate's identity provider, and out again, there too.

The provider is django-oauth-toolkit with OpenID Connect on, in a process of its own (tests/oidc_provider), with
a key made for this run; the app is configured from its discovery document, as an administrator would.
"""

import copy
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from gesprekken.roles import INSPECTEURS
from tests.oidc_provider import server

WACHTWOORD_BIJ_PROVIDER = "wachtwoord-bij-de-provider"


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory):
    provider = server.starten(
        tmp_path_factory.mktemp("provider"),
        gebruikers=[
            {
                "gebruikersnaam": "anna",
                "wachtwoord": WACHTWOORD_BIJ_PROVIDER,
                "voornaam": "Anna",
                "achternaam": "de Vries",
                "email": "anna@inspectie.example.nl",
                "groepen": ["inspecteur"],
            }
        ],
        clients=[
            {
                "client_id": "samenwerking",
                "client_secret": "geheim-van-de-app",
                "redirect_uris": [f"{live_server.url}/oidc/callback/"],
                "post_logout_redirect_uris": [f"{live_server.url}/inloggen/"],
            }
        ],
    )
    yield provider
    provider.stoppen()


@pytest.fixture
def via_provider(provider, settings):
    """The app's settings as the environment gives them for this provider (samenwerking/settings.py)."""
    instellingen = provider.instellingen("samenwerking", "geheim-van-de-app")
    for naam, waarde in instellingen.items():
        setattr(settings, naam, waarde)
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "samenwerking.rechten.RechtenBackend",
        "samenwerking.oidc.OidcBackend",
    ]
    csp = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    csp["DIRECTIVES"]["form-action"].append(instellingen["OIDC_OP_LOGOUT_ENDPOINT"])
    settings.CONTENT_SECURITY_POLICY = csp
    return provider


def aanmelden_bij_provider(page):
    expect(page.get_by_role("heading", name="Test-provider")).to_be_visible()
    page.get_by_label("Username").fill("anna")
    page.get_by_label("Password").fill(WACHTWOORD_BIJ_PROVIDER)
    page.get_by_role("button", name="Aanmelden bij de provider").click()


def test_an_inspecteur_signs_in_through_the_provider_and_signs_out_there_too(page, live_server, via_provider):
    page.goto("/inloggen/")
    page.get_by_role("link", name="Inloggen met Test-provider").click()
    aanmelden_bij_provider(page)

    expect(page.get_by_role("heading", name="Mijn gesprekken")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/gesprekken/")
    user = get_user_model().objects.get(email="anna@inspectie.example.nl")
    assert list(user.groups.values_list("name", flat=True)) == [INSPECTEURS]
    assert (user.first_name, user.last_name) == ("Anna", "de Vries")

    page.get_by_role("button", name="Uitloggen").click()

    expect(page).to_have_url(f"{live_server.url}/inloggen/")
    page.goto("/gesprekken/")
    expect(page).to_have_url(re.compile(r"/inloggen/\?next="))
    # Signed out at the provider too: signing in again asks for the password again.
    page.get_by_role("link", name="Inloggen met Test-provider").click()
    expect(page.get_by_label("Password")).to_be_visible()
