"""Logging in: password rules, lock-out after repeated failures, session lifetime, and the login log."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories

FOUT = "niet-het-goede-wachtwoord"


def inloggen(client, username, password, ip="127.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_a_password_needs_twelve_characters_and_is_refused_in_dutch(db):
    with pytest.raises(ValidationError) as fout:
        validate_password("kort-w8wrd!")  # 11 characters

    assert fout.value.messages == ["Dit wachtwoord is te kort. Het moet minstens 12 tekens bevatten."]
    validate_password("twaalf-tekens")  # 13 characters, not common, not numeric: accepted


@pytest.mark.parametrize(
    "wachtwoord, melding",
    [
        ("123456789012345", "Dit wachtwoord bevat alleen cijfers."),
        ("wachtwoord", "Dit wachtwoord is te algemeen."),
    ],
)
def test_djangos_other_password_rules_apply_and_speak_dutch(db, wachtwoord, melding):
    with pytest.raises(ValidationError) as fout:
        validate_password(wachtwoord)

    assert melding in fout.value.messages


def test_the_password_rules_are_django_validators_with_a_minimum_of_twelve(settings):
    namen = [v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert namen == [
        "UserAttributeSimilarityValidator",
        "MinimumLengteValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
    assert settings.AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"] == {"min_length": 12}


def test_a_password_is_stored_with_djangos_own_hasher_and_logs_in(echte_wachtwoordhashers, client, db):
    # The suite hashes with MD5 to save time (tests/conftest.py); this test sees the hashers of settings.py.
    gebruiker = factories.inspecteur("eigenaar", "Olga", "Eigenaar")

    assert gebruiker.password.startswith("pbkdf2_sha256$")
    assert factories.WACHTWOORD not in gebruiker.password
    assert inloggen(client, "eigenaar", factories.WACHTWOORD).status_code == 302


def test_five_failures_lock_the_username_out_with_a_dutch_page(client, eigenaar):
    for _ in range(4):
        response = inloggen(client, "eigenaar", FOUT)
        assert response.status_code == 200
        assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()

    response = inloggen(client, "eigenaar", FOUT)

    assert response.status_code == 429
    pagina = response.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in pagina
    assert "over 15 minuten opnieuw proberen" in pagina


def test_the_right_password_does_not_get_past_a_lock_out(client, eigenaar):
    for _ in range(5):
        inloggen(client, "eigenaar", FOUT)

    response = inloggen(client, "eigenaar", factories.WACHTWOORD)

    assert response.status_code == 429
    assert client.get(reverse("gesprekken:mijn_gesprekken")).status_code == 302


def test_the_lock_out_page_does_not_tell_whether_the_account_exists(eigenaar):
    bestaand, onbekend = Client(), Client()
    for _ in range(5):
        eerste = inloggen(bestaand, "eigenaar", FOUT)
        tweede = inloggen(onbekend, "niemand-heet-zo", FOUT)

    assert eerste.status_code == tweede.status_code == 429
    assert eerste.content == tweede.content


def test_a_lock_out_holds_for_that_username_from_that_address_only(client, eigenaar, co_inspecteur):
    for _ in range(5):
        inloggen(client, "eigenaar", FOUT)

    assert inloggen(Client(), "eigenaar", factories.WACHTWOORD, ip="10.0.0.2").status_code == 302
    assert inloggen(Client(), "collega", factories.WACHTWOORD).status_code == 302


def test_after_the_cool_off_the_user_can_log_in_again(client, eigenaar):
    for _ in range(5):
        inloggen(client, "eigenaar", FOUT)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))

    assert inloggen(client, "eigenaar", factories.WACHTWOORD).status_code == 302


def test_a_successful_login_clears_earlier_failures(client, eigenaar):
    for _ in range(4):
        inloggen(client, "eigenaar", FOUT)
    assert inloggen(client, "eigenaar", factories.WACHTWOORD).status_code == 302
    client.post(reverse("logout"))

    assert inloggen(client, "eigenaar", FOUT).status_code == 200  # the count starts again


def test_the_session_ends_when_the_browser_closes_and_after_eight_hours_without_a_request(client, eigenaar, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE

    response = inloggen(client, "eigenaar", factories.WACHTWOORD)

    koekje = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not koekje["max-age"] and not koekje["expires"]  # a browser-session cookie
    assert koekje["httponly"]


def test_every_request_extends_the_session_and_an_idle_one_is_over(client, eigenaar):
    inloggen(client, "eigenaar", factories.WACHTWOORD)
    sessie = Session.objects.get()
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=5))

    assert client.get(reverse("gesprekken:mijn_gesprekken")).status_code == 200
    verlengd = Session.objects.get(pk=sessie.pk).expire_date
    assert verlengd > timezone.now() + datetime.timedelta(hours=7, minutes=59)

    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("gesprekken:mijn_gesprekken"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def _toegangsregels(caplog):
    return [r for r in caplog.records if r.name == "samenwerking.toegang"]


def test_login_failure_lock_out_and_logout_are_logged_with_who_what_result_when_and_where(client, eigenaar, caplog):
    caplog.set_level(logging.INFO)

    inloggen(client, "eigenaar", factories.WACHTWOORD, ip="10.1.2.3")
    client.post(reverse("logout"), REMOTE_ADDR="10.1.2.3")
    for _ in range(5):
        inloggen(client, "eigenaar", FOUT, ip="10.1.2.3")

    regels = _toegangsregels(caplog)
    assert [(r.actor, r.actie, r.resultaat, r.ip) for r in regels] == [
        ("eigenaar", "inloggen", "gelukt", "10.1.2.3"),
        ("eigenaar", "uitloggen", "gelukt", "10.1.2.3"),
        *[("eigenaar", "inloggen", "mislukt", "10.1.2.3")] * 4,
        ("eigenaar", "inloggen", "geblokkeerd", "10.1.2.3"),
    ]
    assert all(datetime.datetime.fromisoformat(r.tijd).tzinfo for r in regels)
    assert regels[0].getMessage() == "inloggen gelukt gebruiker='eigenaar' ip=10.1.2.3"


def test_no_password_reaches_any_log(client, eigenaar, caplog):
    caplog.set_level(logging.DEBUG)

    for _ in range(5):
        inloggen(client, "eigenaar", FOUT)
    inloggen(Client(), "eigenaar", factories.WACHTWOORD, ip="10.0.0.9")
    client.post(reverse("logout"))

    assert _toegangsregels(caplog)
    for record in caplog.records:
        tekst = record.getMessage() + repr(record.__dict__)
        assert FOUT not in tekst and factories.WACHTWOORD not in tekst, record.name


def test_a_typed_newline_cannot_forge_a_log_line(client, caplog, db):
    caplog.set_level(logging.INFO)

    inloggen(client, "iemand\n2026-01-01 INFO samenwerking.toegang inloggen gelukt", FOUT)

    (regel,) = _toegangsregels(caplog)
    assert "\n" not in regel.getMessage()


@pytest.mark.parametrize("adres", ["login", "admin:login"])
def test_a_username_longer_than_any_user_s_gets_a_dutch_message_not_an_error(client, eigenaar, adres):
    response = client.post(reverse(adres), {"username": "x" * 2001, "password": FOUT})

    assert response.status_code == 200
    assert "niet meer dan 150 tekens" in response.content.decode()
    assert not AccessAttempt.objects.exists()
