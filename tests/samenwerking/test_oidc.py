"""Signing in through an OpenID Connect provider (samenwerking/oidc.py), against real HTTP endpoints.

Most tests use a small token endpoint in a thread of this process that serves ID tokens the test signs itself,
so each can be wrong in one way. A code for another client is tried against django-oauth-toolkit, run as a
provider of its own (tests/oidc_provider); the browser journey (tests/browser/test_sso_journey.py) uses it too.
"""

import base64
import hashlib
import json
import logging
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from gesprekken.roles import COORDINATOREN, INSPECTEURS, VRAGENBANK_BEHEERDERS
from samenwerking.oidc import aangemeld_via_oidc
from tests import factories
from tests.oidc_provider import server

ROOT = server.ROOT

CLIENT_ID = "samenwerking"
BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "samenwerking.rechten.RechtenBackend",
    "samenwerking.oidc.OidcBackend",
]


class TokenServer(ThreadingHTTPServer):
    """A provider's token and JWKS endpoints; the token it hands out is whatever the test put in `id_token`."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _TokenVerzoek)
        self.sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.id_token = None
        self.status = 200
        self.verzoeken = []

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def jwks(self):
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self.sleutel.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": "sleutel-1", "alg": "RS256", "use": "sig"}]}


class _TokenVerzoek(BaseHTTPRequestHandler):
    def _antwoord(self, status, inhoud):
        data = json.dumps(inhoud).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self._antwoord(200, self.server.jwks())

    def do_POST(self):
        formulier = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        self.server.verzoeken.append({k: v[0] for k, v in formulier.items()})
        if self.server.status != 200:
            self._antwoord(self.server.status, {"error": "invalid_grant"})
        else:
            self._antwoord(200, {"access_token": "a", "token_type": "Bearer", "id_token": self.server.id_token})

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def tokenserver():
    tokenserver = TokenServer()
    draad = threading.Thread(target=tokenserver.serve_forever, daemon=True)
    draad.start()
    yield tokenserver
    tokenserver.shutdown()
    tokenserver.server_close()


@pytest.fixture
def idp(tokenserver, settings, db):
    """The app configured for the token server, as the environment would configure it."""
    tokenserver.status, tokenserver.verzoeken = 200, []
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_NAAM = "Test-IdP"
    settings.OIDC_OP_ISSUER = tokenserver.url
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{tokenserver.url}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{tokenserver.url}/token"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{tokenserver.url}/jwks"
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{tokenserver.url}/logout"
    settings.AUTHENTICATION_BACKENDS = BACKENDS
    return tokenserver


def id_token(tokenserver, nonce, *, sleutel=None, **claims):
    nu = int(time.time())
    inhoud = {
        "iss": tokenserver.url,
        "aud": CLIENT_ID,
        "sub": "u-1001",
        "iat": nu,
        "exp": nu + 300,
        "nonce": nonce,
        "given_name": "Anna",
        "family_name": "de Vries",
        "email": "anna@inspectie.example.nl",
        "groups": ["inspecteur"],
        **claims,
    }
    return jwt.encode(inhoud, sleutel or tokenserver.sleutel, algorithm="RS256", headers={"kid": "sleutel-1"})


def naar_provider(client):
    """Starts a sign-in; the state and nonce the app sent the provider, and the authorization request."""
    antwoord = client.get(reverse("oidc_authentication_init"))
    assert antwoord.status_code == 302
    verzoek = {k: v[0] for k, v in parse_qs(urlsplit(antwoord["Location"]).query).items()}
    return verzoek["state"], verzoek["nonce"], verzoek


def aanmelden(client, tokenserver, **token):
    state, nonce, _ = naar_provider(client)
    tokenserver.id_token = id_token(tokenserver, token.pop("nonce", nonce), **token)
    return client.get(reverse("oidc_authentication_callback"), {"code": "code-1", "state": state})


def ingelogd(client):
    return "_auth_user_id" in client.session


def test_the_login_page_offers_the_provider_beside_the_form(client, idp):
    pagina = client.get(reverse("login") + "?next=/gesprekken/").content.decode()

    assert 'href="/oidc/authenticate/?next=/gesprekken/"' in pagina
    assert "Inloggen met Test-IdP" in pagina
    assert 'name="password"' in pagina


def test_without_local_login_the_page_offers_only_the_provider_and_no_password_signs_in(
    client, idp, settings, eigenaar
):
    settings.LOKAAL_INLOGGEN = False
    settings.AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "samenwerking.oidc.OidcBackend"]

    pagina = client.get(reverse("login")).content.decode()
    client.post(reverse("login"), {"username": eigenaar.username, "password": factories.WACHTWOORD})

    assert "Inloggen met Test-IdP" in pagina and 'name="password"' not in pagina
    assert not ingelogd(client)


def test_the_sign_in_uses_pkce_and_a_nonce(client, idp):
    state, nonce, verzoek = naar_provider(client)
    idp.id_token = id_token(idp, nonce)
    client.get(reverse("oidc_authentication_callback"), {"code": "code-1", "state": state})

    verifier = idp.verzoeken[0]["code_verifier"]
    uitdaging = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert (verzoek["code_challenge"], verzoek["code_challenge_method"]) == (uitdaging, "S256")
    assert verzoek["client_id"] == CLIENT_ID and verzoek["redirect_uri"] == "http://testserver/oidc/callback/"


def test_a_first_sign_in_creates_the_user_with_the_role_from_the_claim(client, idp, caplog):
    caplog.set_level(logging.INFO, "samenwerking.toegang")

    antwoord = aanmelden(client, idp)

    user = get_user_model().objects.get(username="u-1001")
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("start")
    assert client.get(reverse("start"))["Location"] == reverse("gesprekken:mijn_gesprekken")
    assert (user.first_name, user.last_name, user.email) == ("Anna", "de Vries", "anna@inspectie.example.nl")
    assert list(user.groups.values_list("name", flat=True)) == [INSPECTEURS]
    assert not user.has_usable_password() and not user.is_staff
    assert ingelogd(client) and aangemeld_via_oidc(client)
    assert "inloggen gelukt gebruiker='u-1001'" in caplog.text


def test_a_user_signed_in_through_the_provider_is_not_asked_for_a_second_factor_here(
    client, idp, tweede_factor_verplicht
):
    aanmelden(client, idp)

    assert client.get(reverse("gesprekken:mijn_gesprekken")).status_code == 200


def test_each_sign_in_updates_the_user_and_a_role_withdrawn_at_the_provider_is_gone(client, idp):
    aanmelden(client, idp, groups=["inspecteur", "coordinator"])
    client.post(reverse("logout"))

    aanmelden(client, idp, groups=["vragenbank-beheerder"], given_name="Anne", email="anne@inspectie.example.nl")

    user = get_user_model().objects.get(username="u-1001")
    assert list(user.groups.values_list("name", flat=True)) == [VRAGENBANK_BEHEERDERS]
    assert user.is_staff and (user.first_name, user.email) == ("Anne", "anne@inspectie.example.nl")
    assert client.get(reverse("start"))["Location"] == reverse("admin:index")


def test_claims_that_map_to_no_role_get_the_dutch_page_and_no_account(client, idp, caplog):
    antwoord = aanmelden(client, idp, groups=["kantine"])

    assert antwoord["Location"] == reverse("oidc_geen_rol")
    assert "U hebt geen rol in deze applicatie" in client.get(antwoord["Location"]).content.decode()
    assert not ingelogd(client)
    assert not get_user_model().objects.filter(username="u-1001").exists()
    assert "inloggen mislukt via oidc" in caplog.text and "geen rol voor 'u-1001'" in caplog.text


def test_a_user_whose_last_role_was_withdrawn_loses_it_here_and_is_not_signed_in(client, idp):
    aanmelden(client, idp, groups=["coordinator"])
    client.post(reverse("logout"))

    antwoord = aanmelden(client, idp, groups=[])

    assert antwoord["Location"] == reverse("oidc_geen_rol")
    assert not get_user_model().objects.get(username="u-1001").groups.exists()
    assert not ingelogd(client)


def test_the_role_mapping_comes_from_the_settings(client, idp, settings):
    settings.OIDC_CLAIM_ROLLEN = "roles"
    settings.OIDC_ROLLEN = {"CN=Coordinatoren,OU=Inspectie": COORDINATOREN}

    aanmelden(client, idp, roles="CN=Coordinatoren,OU=Inspectie")

    assert get_user_model().objects.get(username="u-1001").groups.get() == Group.objects.get(name=COORDINATOREN)


def test_a_local_account_is_not_taken_over_by_a_claim_with_its_username(client, idp, eigenaar, caplog):
    antwoord = aanmelden(client, idp, sub=eigenaar.username, given_name="Indringer")

    eigenaar.refresh_from_db()
    assert antwoord["Location"] == reverse("oidc_mislukt")
    assert eigenaar.first_name != "Indringer" and not ingelogd(client)
    assert f"reden='{eigenaar.username}' is een lokaal account" in caplog.text


def test_logging_out_ends_the_session_at_the_provider_too(client, idp):
    aanmelden(client, idp)

    antwoord = client.post(reverse("logout"))

    naar = urlsplit(antwoord["Location"])
    vraag = {k: v[0] for k, v in parse_qs(naar.query).items()}
    assert f"{naar.scheme}://{naar.netloc}{naar.path}" == f"{idp.url}/logout"
    assert vraag["id_token_hint"] == idp.id_token
    assert vraag["post_logout_redirect_uri"] == "http://testserver/inloggen/"
    assert not ingelogd(client)


def test_a_local_user_logs_out_here_only(client, idp, eigenaar):
    client.force_login(eigenaar, backend="samenwerking.rechten.RechtenBackend")

    assert client.post(reverse("logout"))["Location"] == reverse("login")


# Each makes the ID token wrong in one way (the key of a wrong signature has the right key id), and the reason
# the log gives.
FOUTE_TOKENS = {
    "wrong signature": (
        lambda: {"sleutel": rsa.generate_private_key(public_exponent=65537, key_size=2048)},
        "Signature verification failed",
    ),
    "wrong audience": (lambda: {"aud": "een-andere-app"}, "Audience doesn't match"),
    "wrong issuer": (lambda: {"iss": "https://nep-idp.example.org"}, "Invalid issuer"),
    "wrong nonce": (lambda: {"nonce": "niet-de-nonce"}, "Nonce verification failed"),
    "expired": (lambda: {"exp": int(time.time()) - 60, "iat": int(time.time()) - 360}, "Signature has expired"),
}


@pytest.mark.parametrize("fout, reden", FOUTE_TOKENS.values(), ids=FOUTE_TOKENS.keys())
def test_a_bad_id_token_is_refused_with_the_dutch_page_logged_and_never_signs_in(client, idp, caplog, fout, reden):
    antwoord = aanmelden(client, idp, **fout())

    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("oidc_mislukt")
    pagina = client.get(antwoord["Location"])
    assert pagina.status_code == 200 and "Inloggen mislukt" in pagina.content.decode()
    assert not ingelogd(client) and not get_user_model().objects.exists()
    assert "inloggen mislukt via oidc" in caplog.text and reden in caplog.text
    assert idp.id_token not in caplog.text


def test_a_state_that_does_not_match_is_refused(client, idp, caplog):
    naar_provider(client)
    idp.id_token = id_token(idp, "n")

    antwoord = client.get(reverse("oidc_authentication_callback"), {"code": "code-1", "state": "nagemaakt"})

    assert antwoord["Location"] == reverse("oidc_mislukt")
    assert not ingelogd(client) and idp.verzoeken == []
    assert "state not found" in caplog.text


def test_a_callback_for_a_sign_in_never_started_is_refused(client, idp, caplog):
    antwoord = client.get(reverse("oidc_authentication_callback"), {"code": "code-1", "state": "iets"})

    assert antwoord["Location"] == reverse("oidc_mislukt") and not ingelogd(client)
    assert "inloggen mislukt via oidc" in caplog.text


def test_a_refused_sign_in_signs_out_whoever_was_signed_in(client, idp, eigenaar):
    client.force_login(eigenaar, backend="samenwerking.rechten.RechtenBackend")

    antwoord = aanmelden(client, idp, aud="een-andere-app")

    assert antwoord["Location"] == reverse("oidc_mislukt") and not ingelogd(client)


def test_an_error_from_the_provider_is_refused(client, idp, caplog):
    state, _, _ = naar_provider(client)

    antwoord = client.get(reverse("oidc_authentication_callback"), {"error": "access_denied", "state": state})

    assert antwoord["Location"] == reverse("oidc_mislukt") and not ingelogd(client)
    assert "provider meldt 'access_denied'" in caplog.text


def test_a_token_endpoint_that_refuses_the_code_is_refused(client, idp, caplog):
    idp.status = 400

    antwoord = aanmelden(client, idp)

    assert antwoord["Location"] == reverse("oidc_mislukt") and not ingelogd(client)
    assert "provider: HTTPError (400)" in caplog.text


def test_a_provider_that_does_not_answer_is_refused(client, idp, caplog, settings):
    settings.OIDC_OP_TOKEN_ENDPOINT = f"http://127.0.0.1:{server.vrije_poort()}/token"

    antwoord = aanmelden(client, idp)

    assert antwoord["Location"] == reverse("oidc_mislukt") and not ingelogd(client)
    assert "provider: ConnectionError (geen antwoord)" in caplog.text


def test_without_a_provider_configured_its_urls_do_not_exist(client, db):
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback"), {"code": "c", "state": "s"}).status_code == 404
    assert "Inloggen met" not in client.get(reverse("login")).content.decode()


# Against django-oauth-toolkit: a code it gave to another client.

WACHTWOORD_BIJ_PROVIDER = "wachtwoord-bij-de-provider"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    terug = {"redirect_uris": ["http://testserver/oidc/callback/"], "post_logout_redirect_uris": []}
    provider = server.starten(
        tmp_path_factory.mktemp("provider"),
        gebruikers=[{"gebruikersnaam": "anna", "wachtwoord": WACHTWOORD_BIJ_PROVIDER, "groepen": ["inspecteur"]}],
        clients=[
            {"client_id": CLIENT_ID, "client_secret": "geheim", **terug},
            {"client_id": "andere-app", "client_secret": "ander-geheim", **terug},
        ],
    )
    yield provider
    provider.stoppen()


def _code_van_de_provider(provider, client_id):
    """Signs in at the provider and asks it for a code for this client, as that client's browser would."""
    sessie = requests.Session()
    sessie.get(f"{provider.url}/login/", timeout=10)
    sessie.post(
        f"{provider.url}/login/",
        {
            "username": "anna",
            "password": WACHTWOORD_BIJ_PROVIDER,
            "csrfmiddlewaretoken": sessie.cookies["op_csrftoken"],
        },
        timeout=10,
    )
    verifier = "v" * 64
    antwoord = sessie.get(
        provider.discovery()["authorization_endpoint"],
        params={
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": "http://testserver/oidc/callback/",
            "scope": "openid",
            "state": "s",
            "nonce": "n",
            "code_challenge": base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"="),
            "code_challenge_method": "S256",
        },
        allow_redirects=False,
        timeout=10,
    )
    return parse_qs(urlsplit(antwoord.headers["Location"]).query)["code"][0]


def test_a_code_the_provider_gave_another_client_is_refused(client, provider, settings, caplog, db):
    for naam, waarde in provider.instellingen(CLIENT_ID, "geheim").items():
        setattr(settings, naam, waarde)
    settings.AUTHENTICATION_BACKENDS = BACKENDS
    state, _, _ = naar_provider(client)

    antwoord = client.get(
        reverse("oidc_authentication_callback"),
        {"code": _code_van_de_provider(provider, "andere-app"), "state": state},
    )

    assert antwoord["Location"] == reverse("oidc_mislukt") and not ingelogd(client)
    assert "provider: HTTPError (400)" in caplog.text


# The settings, as a fresh process reads them from the environment.


def _instellingen(**env):
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith(("OIDC_", "LOKAAL_"))}
    code = (
        "import json, django; from django.conf import settings; django.setup(); print(json.dumps("
        "[settings.AUTHENTICATION_BACKENDS, settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']]))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**omgeving, "DJANGO_SETTINGS_MODULE": "samenwerking.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_environment_turns_the_provider_on_with_its_logout_endpoint_allowed_as_form_action():
    provider = {
        "OIDC_RP_CLIENT_ID": "app",
        "OIDC_OP_ISSUER": "https://idp.example.nl",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example.nl/authorize",
        "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example.nl/token",
        "OIDC_OP_JWKS_ENDPOINT": "https://idp.example.nl/jwks",
        "OIDC_OP_LOGOUT_ENDPOINT": "https://idp.example.nl/logout",
    }

    backends, form_action = json.loads(_instellingen(**provider).stdout)
    alleen_provider, _ = json.loads(_instellingen(**provider, LOKAAL_INLOGGEN="false").stdout)

    assert backends == BACKENDS and form_action == ["'self'", "https://idp.example.nl/logout"]
    assert alleen_provider == ["axes.backends.AxesStandaloneBackend", "samenwerking.oidc.OidcBackend"]
    assert json.loads(_instellingen().stdout)[0] == BACKENDS[:2]


def test_a_provider_without_its_endpoints_is_refused_loudly():
    resultaat = _instellingen(OIDC_RP_CLIENT_ID="app", OIDC_OP_ISSUER="https://idp.example.nl")

    assert resultaat.returncode != 0
    assert (
        "Zet ook OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_JWKS_ENDPOINT: verplicht wanneer "
        "OIDC_RP_CLIENT_ID is gezet" in resultaat.stderr
    )


def test_without_a_provider_local_login_cannot_be_switched_off():
    resultaat = _instellingen(LOKAAL_INLOGGEN="false")

    assert resultaat.returncode != 0 and "LOKAAL_INLOGGEN=false kan alleen met OIDC_RP_CLIENT_ID" in resultaat.stderr
