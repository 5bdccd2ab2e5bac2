"""When a request is refused or fails, the answer is a Dutch page, or Dutch JSON for the autosave script."""

import re

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from gesprekken.models import Gesprek

JSON = {"HTTP_ACCEPT": "application/json"}
TE_GROOT = "x" * 2_600_000  # just over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)


def zonder_csrf_token(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def test_an_unknown_address_gets_a_dutch_404_that_does_not_say_whether_it_exists(client_van, eigenaar):
    response = client_van(eigenaar).get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Deze pagina bestaat niet, of is niet met u gedeeld." in response.content.decode()


def test_someone_elses_gesprek_gets_the_same_404_as_one_that_does_not_exist(client_van, buitenstaander, gesprek):
    client = client_van(buitenstaander)

    ander = client.get(reverse("gesprekken:voeren", args=[gesprek.pk]))
    geen = client.get(reverse("gesprekken:voeren", args=[gesprek.pk + 1000]))

    assert ander.status_code == geen.status_code == 404
    assert zonder_csrf_token(ander) == zonder_csrf_token(geen)


def test_a_role_without_access_gets_a_dutch_403_with_the_reason(client_van, beheerder, db):
    response = client_van(beheerder).get(reverse("gesprekken:mijn_gesprekken"))

    assert response.status_code == 403
    assert "Alleen inspecteurs kunnen gesprekken voorbereiden en voeren." in response.content.decode()


def test_a_wrong_method_gets_a_dutch_405_that_keeps_the_allow_header(client_van, eigenaar, gesprek):
    response = client_van(eigenaar).get(reverse("gesprekken:heropenen", args=[gesprek.pk]))

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "Deze pagina kan niet op deze manier worden opgevraagd." in response.content.decode()


def test_the_autosave_endpoint_answers_a_wrong_method_in_json(client_van, eigenaar, gesprek):
    aantekening = gesprek.aantekeningen.first()

    response = client_van(eigenaar).get(
        reverse("gesprekken:aantekening_opslaan", args=[gesprek.pk, aantekening.pk]), **JSON
    )

    assert response.status_code == 405
    assert response.json()["code"] == "methode"


def test_a_request_body_over_the_limit_gets_a_dutch_413_and_nothing_is_saved(client_van, eigenaar, vragenbank):
    response = client_van(eigenaar).post(reverse("gesprekken:nieuw"), {"organisatie": TE_GROOT})

    assert response.status_code == 413
    pagina = response.content.decode()
    assert "Te groot om te versturen" in pagina and "groter dan 2,4\xa0MB" in pagina
    assert not Gesprek.objects.exists()


def test_a_note_over_the_request_limit_gets_json_the_autosave_script_can_show(client_van, eigenaar, gesprek):
    aantekening = gesprek.aantekeningen.first()

    response = client_van(eigenaar).post(
        reverse("gesprekken:aantekening_opslaan", args=[gesprek.pk, aantekening.pk]),
        {"tekst": TE_GROOT, "observatie": "", "versie": "0"},
        **JSON,
    )

    assert response.status_code == 413
    assert response.json()["code"] == "te_groot"
    assert "niet opgeslagen" in response.json()["melding"]
    aantekening.refresh_from_db()
    assert aantekening.tekst == "" and aantekening.versie == 0


def test_a_login_over_the_limit_gets_the_413_page_too(client, db):
    response = client.post(reverse("login"), {"username": "iemand", "password": TE_GROOT})

    assert response.status_code == 413


def test_a_request_for_an_unknown_host_gets_a_dutch_400(client, db):
    response = client.get(reverse("login"), HTTP_HOST="kwaadwillend.example")

    assert response.status_code == 400
    assert "Verzoek niet begrepen" in response.content.decode()


def test_a_form_sent_from_an_expired_page_gets_a_dutch_explanation(eigenaar):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "eigenaar", "password": "wat-dan-ook-hier"})

    assert response.status_code == 403
    assert "Deze pagina was verlopen" in response.content.decode()


def test_the_500_page_is_dutch_and_needs_nothing_from_the_request(db):
    """Django renders it without the request context, so base.html must manage without user and messages."""
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    pagina = response.content.decode()
    assert "Er ging iets mis" in pagina
    assert "Uitloggen" not in pagina


@pytest.mark.parametrize("template", ["400.html", "403.html", "404.html", "500.html"])
def test_the_error_pages_are_dutch_pages_of_the_app(template, client, db):
    from django.template.loader import render_to_string

    html = render_to_string(template)

    assert '<html lang="nl">' in html
    assert "Samenwerkingsgesprek" in html
