"""Mijn gesprekken: the list an inspector starts from."""

import datetime

import pytest
from django.urls import reverse

from gesprekken.models import Gesprek

from .builders import kaal_gesprek

URL = reverse("gesprekken:mijn_gesprekken")

# Session (1), the user with their permissions (1), the count, the years for the filter and the rows of the page (3),
# and the session saved again (SESSION_SAVE_EVERY_REQUEST) inside a savepoint (3).
QUERIES_VAN_DE_LIJST = 8


def organisaties(response):
    return [gesprek.organisatie.naam for gesprek in response.context["pagina"]]


def test_an_inspector_sees_the_gesprekken_they_own_or_share_and_no_others(
    client_van, eigenaar, co_inspecteur, buitenstaander
):
    kaal_gesprek(eigenaar=eigenaar, organisatie="Eigen Zorg")
    kaal_gesprek(eigenaar=co_inspecteur, organisatie="Gedeelde Zorg", co_inspecteurs=[eigenaar])
    kaal_gesprek(eigenaar=buitenstaander, organisatie="Andermans Zorg")

    response = client_van(eigenaar).get(URL)

    assert response.status_code == 200
    assert sorted(organisaties(response)) == ["Eigen Zorg", "Gedeelde Zorg"]
    assert "Andermans Zorg" not in response.content.decode()
    assert "gedeeld door Cas Collega" in response.content.decode()


def test_the_newest_gesprek_comes_first(client_van, eigenaar):
    kaal_gesprek(eigenaar=eigenaar, organisatie="Vorig jaar", datum=datetime.date(2025, 3, 1))
    kaal_gesprek(eigenaar=eigenaar, organisatie="Volgende maand", datum=datetime.date(2026, 12, 1))
    kaal_gesprek(eigenaar=eigenaar, organisatie="Deze maand", datum=datetime.date(2026, 11, 2))

    response = client_van(eigenaar).get(URL)

    assert organisaties(response) == ["Volgende maand", "Deze maand", "Vorig jaar"]


def test_searching_finds_gesprekken_by_part_of_the_organisation_name(client_van, eigenaar):
    kaal_gesprek(eigenaar=eigenaar, organisatie="Gemeente Rivierstad")
    kaal_gesprek(eigenaar=eigenaar, organisatie="Zorggroep De Linde")

    response = client_van(eigenaar).get(URL, {"zoek": "rivier"})

    assert organisaties(response) == ["Gemeente Rivierstad"]


def test_a_search_that_finds_nothing_says_so(client_van, eigenaar):
    kaal_gesprek(eigenaar=eigenaar, organisatie="Gemeente Rivierstad")

    response = client_van(eigenaar).get(URL, {"zoek": "Bergdorp"})

    assert organisaties(response) == []
    assert "Geen gesprekken gevonden met deze zoekopdracht." in response.content.decode()


def test_the_status_filter_shows_only_gesprekken_in_that_status(client_van, eigenaar):
    kaal_gesprek(eigenaar=eigenaar, organisatie="Nog voor te bereiden")
    kaal_gesprek(eigenaar=eigenaar, organisatie="Al gevoerd", status=Gesprek.Status.GEVOERD)
    kaal_gesprek(eigenaar=eigenaar, organisatie="Klaar", status=Gesprek.Status.VASTGESTELD)

    response = client_van(eigenaar).get(URL, {"status": "gevoerd"})

    assert organisaties(response) == ["Al gevoerd"]


def test_the_year_filter_shows_only_gesprekken_of_that_year_and_offers_the_years_there_are(client_van, eigenaar):
    kaal_gesprek(eigenaar=eigenaar, organisatie="In 2025", datum=datetime.date(2025, 6, 1))
    kaal_gesprek(eigenaar=eigenaar, organisatie="In 2026", datum=datetime.date(2026, 6, 1))

    response = client_van(eigenaar).get(URL, {"jaar": "2025"})

    assert organisaties(response) == ["In 2025"]
    assert response.context["jaren"] == [2026, 2025]


def test_the_list_shows_twenty_gesprekken_per_page_and_links_to_the_next_page_with_the_filters(client_van, eigenaar):
    for dag in range(1, 26):
        kaal_gesprek(eigenaar=eigenaar, organisatie=f"Organisatie {dag:02d}", datum=datetime.date(2026, 1, dag))

    eerste = client_van(eigenaar).get(URL, {"zoek": "Organisatie"})
    tweede = client_van(eigenaar).get(URL, {"zoek": "Organisatie", "pagina": "2"})

    assert len(organisaties(eerste)) == 20
    assert organisaties(eerste)[0] == "Organisatie 25"
    assert "Pagina 1 van 2" in eerste.content.decode()
    assert "?zoek=Organisatie&amp;pagina=2" in eerste.content.decode()
    assert organisaties(tweede) == [f"Organisatie {dag:02d}" for dag in range(5, 0, -1)]


@pytest.mark.parametrize("aantal", [2, 30])
def test_the_list_takes_the_same_number_of_queries_for_2_or_30_gesprekken(
    client_van, eigenaar, co_inspecteur, django_assert_num_queries, aantal
):
    for nummer in range(aantal):
        # Half of them shared by a colleague, whose name the list shows.
        if nummer % 2:
            kaal_gesprek(eigenaar=co_inspecteur, organisatie=f"Gedeeld {nummer}", co_inspecteurs=[eigenaar])
        else:
            kaal_gesprek(eigenaar=eigenaar, organisatie=f"Eigen {nummer}")
    client = client_van(eigenaar)

    with django_assert_num_queries(QUERIES_VAN_DE_LIJST):
        response = client.get(URL)

    assert response.status_code == 200
    assert len(organisaties(response)) == min(aantal, 20)


def test_a_year_that_is_no_year_is_ignored_not_an_error(client_van, eigenaar, vragenbank):
    for jaar in ["²", "99999999999999999999", "-1", "twee"]:
        assert client_van(eigenaar).get(reverse("gesprekken:mijn_gesprekken"), {"jaar": jaar}).status_code == 200


def test_dates_read_as_dutch_writes_them_with_the_month_in_lower_case(client_van, eigenaar):
    kaal_gesprek(eigenaar=eigenaar, datum=datetime.date(2026, 12, 20))
    kaal_gesprek(eigenaar=eigenaar, datum=datetime.date(2026, 10, 27))

    pagina = client_van(eigenaar).get(URL).content.decode()

    assert "20 december 2026" in pagina and "27 oktober 2026" in pagina
    assert "Dec 2026" not in pagina and "Okt 2026" not in pagina
