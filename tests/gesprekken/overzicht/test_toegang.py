"""Who may see the overview, its drill-down and its CSV, and whose menu offers it."""

import pytest
from django.urls import reverse

from .builders import LIJST, URL


@pytest.mark.parametrize("adres", [URL, LIJST + "?soort=element&bron=1&maat=besproken", "/gesprekken/overzicht.csv"])
def test_a_vragenbank_beheerder_gets_403(client_van, beheerder, adres):
    assert client_van(beheerder).get(adres).status_code == 403


@pytest.mark.parametrize("adres", [URL, LIJST, "/gesprekken/overzicht.csv"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, adres):
    response = client.get(adres)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("gebruiker", ["coordinator", "eigenaar"])
def test_the_menu_shows_the_overview_to_coordinators_and_inspectors(request, db, client_van, gebruiker):
    # `db` named here: pytest-django orders tests by the fixtures they name, and the user is looked up late.
    html = client_van(request.getfixturevalue(gebruiker)).get(reverse("elementen:handreiking")).content.decode()

    assert f'<a class="nav-link" href="{URL}">Overzicht</a>' in html


def test_the_menu_does_not_show_the_overview_to_a_vragenbank_beheerder(client_van, beheerder):
    html = client_van(beheerder).get(reverse("elementen:handreiking")).content.decode()

    assert f'href="{URL}"' not in html
