"""The second factor of a local account (tweedefactor/): setting up the app, its codes, recovery codes, lock-out.

The devices are django-otp's own, and every code is computed from the device's key and the current time.
"""

import datetime
import io
import logging
import re
import time
from base64 import b32decode
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tweedefactor.apparaten import vrijgesteld
from tweedefactor.middleware import VRIJ

from .adressen import Bezoeker, adressen, pad, terugdraaien

pytestmark = pytest.mark.usefixtures("tweede_factor_verplicht")

VERIFIEREN = "/inloggen/tweede-factor/"
INSTELLEN = "/inloggen/tweede-factor/instellen/"


def code(sleutel: bytes, stappen_verder=0, digits=6):
    """The code an authenticator app shows now (or so many 30-second steps later) for this key."""
    totp = TOTP(sleutel, digits=digits)
    totp.time = time.time() + 30 * stappen_verder
    return f"{totp.token():0{digits}d}"


def inloggen(client, user, ip="127.0.0.1"):
    response = client.post(
        reverse("login"), {"username": user.username, "password": factories.WACHTWOORD}, REMOTE_ADDR=ip
    )
    assert response.status_code == 302
    return response


def instellen(client):
    """Sets up the app as a person does: reads the key from the page, types its code. Returns key and codes."""
    pagina = client.get(INSTELLEN).content.decode()
    sleutel = b32decode(re.search(r'<code[^>]*id="geheim">([A-Z2-7 ]+)</code>', pagina).group(1).replace(" ", ""))
    response = client.post(INSTELLEN, {"code": code(sleutel), "next": "/"})
    assert response.status_code == 200
    herstelcodes = re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})</li>", response.content.decode())
    return sleutel, herstelcodes


@pytest.fixture
def met_app(eigenaar):
    """The owner, with the app set up; returns its key and recovery codes, and leaves the owner logged out."""
    client = Client()
    inloggen(client, eigenaar)
    sleutel, herstelcodes = instellen(client)
    client.post(reverse("logout"))
    # The code used to set up is spent; the next login needs a later one.
    return sleutel, herstelcodes


def _naar(response):
    return urlsplit(response["Location"]).path


def test_a_correct_password_alone_opens_no_page_of_the_app_or_of_admin(objecten, met_app):
    eigenaar = objecten["gebruikers"]["eigenaar"]
    beheerder = objecten["gebruikers"]["beheerder"]
    TOTPDevice.objects.create(user=beheerder, name="app")
    geopend = []
    for user, verwacht in (
        (eigenaar, VERIFIEREN),
        (beheerder, VERIFIEREN),
        (objecten["gebruikers"]["coordinator"], INSTELLEN),
    ):
        bezoeker = Bezoeker(None)
        inloggen(bezoeker.client, user)
        bezoeker.koekjes = bezoeker.client.cookies
        for adres in adressen():
            if adres.sleutel in VRIJ:
                continue
            url = pad(adres, objecten)
            for methode in ("GET", "POST"):
                with terugdraaien():
                    response = bezoeker.vraag(methode, url)
                if response.status_code != 302 or _naar(response) != verwacht:
                    geopend.append(f"{user} {methode} {url}: {response.status_code}")
    assert not geopend


def test_without_an_app_the_password_leads_to_setting_it_up_with_a_qr_code_and_the_key_as_text(client, eigenaar):
    response = inloggen(client, eigenaar)
    response = client.get(response["Location"])

    assert response.status_code == 302 and response["Location"] == f"{INSTELLEN}?next=/"
    pagina = client.get(response["Location"]).content.decode()
    assert "<svg" in pagina and "<title>QR-code voor uw authenticator-app</title>" in pagina
    assert "style=" not in pagina.split("<svg", 1)[1].split("</svg>", 1)[0]
    apparaat = TOTPDevice.objects.get(user=eigenaar, confirmed=False)
    assert re.search(r'id="geheim">([A-Z2-7]{4} ){7}[A-Z2-7]{4}<', pagina)
    assert client.get(reverse("gesprekken:mijn_gesprekken"))["Location"].startswith(INSTELLEN)
    assert apparaat.config_url.startswith("otpauth://totp/Samenwerkingsgesprek%3Aeigenaar?")


def test_setting_up_shows_ten_recovery_codes_once_and_stores_them_hashed(client, eigenaar):
    inloggen(client, eigenaar)

    sleutel, herstelcodes = instellen(client)

    assert len(set(herstelcodes)) == 10
    opgeslagen = set(StaticToken.objects.filter(device__user=eigenaar).values_list("token", flat=True))
    assert len(opgeslagen) == 10
    assert not opgeslagen & {c.replace("-", "") for c in herstelcodes} and not opgeslagen & set(herstelcodes)
    assert TOTPDevice.objects.get(user=eigenaar).confirmed
    assert client.get(reverse("gesprekken:mijn_gesprekken")).status_code == 200
    # Once set up, the page sends on instead of showing the key or the codes again.
    assert client.get(INSTELLEN).status_code == 302


def test_a_wrong_code_does_not_set_up_the_app(client, eigenaar):
    inloggen(client, eigenaar)
    client.get(INSTELLEN)

    response = client.post(INSTELLEN, {"code": "000000"})

    assert response.status_code == 422
    assert "Deze code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=eigenaar, confirmed=True).exists()


def test_with_the_app_the_code_opens_the_app_and_returns_to_where_the_user_was(client, eigenaar, met_app):
    sleutel, _ = met_app
    inloggen(client, eigenaar)
    doel = reverse("gesprekken:mijn_gesprekken")
    response = client.get(doel)
    assert response["Location"] == f"{VERIFIEREN}?next={doel}"

    response = client.post(VERIFIEREN, {"code": code(sleutel, stappen_verder=1), "next": doel})

    assert response.status_code == 302 and response["Location"] == doel
    assert client.get(doel).status_code == 200


def test_admin_needs_the_second_factor_too(client, beheerder):
    apparaat = TOTPDevice.objects.create(user=beheerder, name="app")
    response = client.post(
        reverse("admin:login"), {"username": beheerder.username, "password": factories.WACHTWOORD, "next": "/admin/"}
    )
    assert response.status_code == 302

    assert _naar(client.get("/admin/")) == VERIFIEREN
    assert _naar(client.get("/admin/elementen/")) == VERIFIEREN
    client.post(VERIFIEREN, {"code": code(apparaat.bin_key)})
    assert client.get("/admin/").status_code == 200


def test_a_code_is_accepted_once_and_then_refused_in_dutch_and_logged(client, eigenaar, met_app, caplog):
    sleutel, _ = met_app
    caplog.set_level(logging.INFO)
    volgende = code(sleutel, stappen_verder=1)
    inloggen(client, eigenaar)
    assert client.post(VERIFIEREN, {"code": volgende}).status_code == 302
    client.post(reverse("logout"))
    inloggen(client, eigenaar)

    response = client.post(VERIFIEREN, {"code": volgende})

    assert response.status_code == 422
    assert "Deze code is al gebruikt" in response.content.decode()
    assert client.get(reverse("gesprekken:mijn_gesprekken")).status_code == 302
    regels = [(r.actie, r.resultaat) for r in caplog.records if r.name == "samenwerking.toegang"]
    assert ("tweede factor", "gelukt") in regels and ("tweede factor", "hergebruikt") in regels


def test_a_recovery_code_works_once(client, eigenaar, met_app):
    _, herstelcodes = met_app
    inloggen(client, eigenaar)
    assert client.post(VERIFIEREN, {"code": herstelcodes[3].upper()}).status_code == 302
    assert client.get(reverse("gesprekken:mijn_gesprekken")).status_code == 200
    client.post(reverse("logout"))
    inloggen(client, eigenaar)

    response = client.post(VERIFIEREN, {"code": herstelcodes[3]})

    assert response.status_code == 422 and "Deze code klopt niet" in response.content.decode()
    assert StaticToken.objects.filter(device__user=eigenaar).count() == 9


@pytest.mark.parametrize("onzin", ["", " ", "x" * 41, "12345678901234567890", "-1", "١٢٣٤٥٦", "¹²³⁴⁵⁶", "' OR 1=1 --"])
def test_odd_codes_are_refused_without_an_error(client, eigenaar, met_app, onzin):
    inloggen(client, eigenaar)

    response = client.post(VERIFIEREN, {"code": onzin})

    assert response.status_code == 422
    assert client.get(reverse("gesprekken:mijn_gesprekken")).status_code == 302


def test_five_wrong_codes_lock_out_with_a_dutch_page_and_are_logged(client, eigenaar, met_app, caplog, settings):
    sleutel, herstelcodes = met_app
    caplog.set_level(logging.INFO)
    inloggen(client, eigenaar, ip="10.1.2.3")
    for fout in ("000000", "111111", "nog-een-gok", "222222"):
        assert client.post(VERIFIEREN, {"code": fout}, REMOTE_ADDR="10.1.2.3").status_code == 422

    response = client.post(VERIFIEREN, {"code": "333333"}, REMOTE_ADDR="10.1.2.3")

    assert response.status_code == 429
    assert "te vaak achter elkaar een verkeerde code" in response.content.decode()
    assert "over 15 minuten opnieuw" in response.content.decode()
    # Locked: not even the right code or a recovery code gets through, nor does a new login.
    assert client.post(VERIFIEREN, {"code": code(sleutel, stappen_verder=1)}).status_code == 429
    assert client.post(VERIFIEREN, {"code": herstelcodes[0]}).status_code == 429
    client.post(reverse("logout"))
    inloggen(client, eigenaar)
    assert client.get(VERIFIEREN).status_code == 429
    assert client.get(reverse("gesprekken:mijn_gesprekken")).status_code == 302
    regels = [(r.actor, r.actie, r.resultaat, r.ip) for r in caplog.records if r.name == "samenwerking.toegang"]
    assert regels[1:6] == [
        *[("eigenaar", "tweede factor", "mislukt", "10.1.2.3")] * 4,
        ("eigenaar", "tweede factor", "geblokkeerd", "10.1.2.3"),
    ]


def test_after_the_cool_off_the_right_code_works_again(client, eigenaar, met_app):
    sleutel, _ = met_app
    inloggen(client, eigenaar)
    for _ in range(5):
        client.post(VERIFIEREN, {"code": "000000"})
    TOTPDevice.objects.update(throttling_failure_timestamp=timezone.now() - datetime.timedelta(minutes=16))

    response = client.post(VERIFIEREN, {"code": code(sleutel, stappen_verder=1)})

    assert response.status_code == 302
    assert TOTPDevice.objects.get().throttling_failure_count == 0


def test_the_next_address_cannot_lead_off_site(client, eigenaar, met_app):
    sleutel, _ = met_app
    inloggen(client, eigenaar)

    response = client.post(VERIFIEREN, {"code": code(sleutel, stappen_verder=1), "next": "https://kwaad.example/"})

    assert response["Location"] == reverse("start")


def test_users_signed_in_through_the_identity_provider_need_no_second_factor_here(rf, eigenaar):
    verzoek = rf.get("/")
    verzoek.user = eigenaar
    verzoek.session = {BACKEND_SESSION_KEY: "samenwerking.rechten.RechtenBackend"}
    assert not vrijgesteld(verzoek)

    verzoek.session = {BACKEND_SESSION_KEY: "samenwerking.oidc.OidcBackend"}
    assert vrijgesteld(verzoek)


def test_the_demo_accounts_are_exempt_only_while_debug_is_on(client, settings, db):
    demo = factories.inspecteur("inspecteur1")
    settings.TWEEDE_FACTOR_VRIJGESTELD = ["inspecteur1"]
    client.force_login(demo)
    assert client.get(reverse("gesprekken:mijn_gesprekken")).status_code == 302

    settings.DEBUG = True
    assert client.get(reverse("gesprekken:mijn_gesprekken")).status_code == 200


def test_the_logout_ends_the_verified_session(client, eigenaar, met_app):
    sleutel, _ = met_app
    inloggen(client, eigenaar)
    client.post(VERIFIEREN, {"code": code(sleutel, stappen_verder=1)})

    client.post(reverse("logout"))

    assert _naar(client.get(reverse("gesprekken:mijn_gesprekken"))) == reverse("login")


@pytest.mark.parametrize(
    "debug, melding",
    [
        (
            True,
            "Tweede factor: inspecteur1, inspecteur2, beheerder, coordinator zijn vrijgesteld omdat DEBUG aan staat",
        ),
        (False, "Tweede factor: elk demo-account stelt bij de eerste keer inloggen een authenticator-app in"),
    ],
)
def test_the_demo_data_says_on_the_console_whether_the_demo_accounts_are_exempt(vragenbank, settings, debug, melding):
    settings.DEBUG = debug
    settings.TWEEDE_FACTOR_VRIJGESTELD = ["inspecteur1", "inspecteur2", "beheerder", "coordinator"]
    uitvoer = io.StringIO()

    call_command("demodata", stdout=uitvoer)

    assert melding in uitvoer.getvalue()
