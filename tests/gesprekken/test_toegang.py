"""Who may open what: the owner and co-inspecteurs everything, other inspectors nothing, other roles 403."""

import pytest
from django.urls import reverse

from gesprekken.models import Gesprek, GesprekVraag

from .builders import (
    afronden_post,
    criterium_aantekeningen,
    eigen_vraag,
    element,
    gegevens_post_van,
    url,
    zoals_getoond,
)

# Every URL of one gesprek, with the method it answers to.
PAGINAS = ["gegevens", "vragenlijst", "voeren", "afronden", "rapport_pdf", "vragenlijst_pdf"]
ACTIES = [
    "gegevens",
    "vragenlijst",
    "afronden",
    "vragenlijst_opzet",
    "vragenlijst_kader",
    "eigen_vraag_toevoegen",
    "eigen_vraag_verwijderen",
    "heropenen",
    "aantekening_opslaan",
]


@pytest.fixture
def vraag(gesprek):
    return eigen_vraag(gesprek, "Financiering", "Hoe is de financiering geregeld?")


def adres(naam, gesprek, vraag):
    if naam == "eigen_vraag_verwijderen":
        return url(naam, gesprek, vraag.pk)
    if naam == "aantekening_opslaan":
        return url(naam, gesprek, criterium_aantekeningen(gesprek)[0].pk)
    return url(naam, gesprek)


def gegevens(naam, gesprek):
    """A valid POST for each action, so a refusal is about who asks, not about what is sent."""
    return {
        "gegevens": lambda: gegevens_post_van(gesprek, organisatie="Overgenomen"),
        "vragenlijst": lambda: {},
        "afronden": lambda: afronden_post(samenvatting="Overgenomen", stap="vaststellen"),
        "vragenlijst_opzet": lambda: {"opzet": "niets"},
        "vragenlijst_kader": lambda: {"kader-kader": gesprek.kader_id, "kader-opzet": "niets"},
        "eigen_vraag_toevoegen": lambda: {"element": element(gesprek, "Financiering").pk, "tekst": "Overgenomen?"},
        "eigen_vraag_verwijderen": lambda: {},
        "heropenen": lambda: {},
        "aantekening_opslaan": lambda: {"tekst": "Overgenomen", "observatie": "", "versie": "0"},
    }[naam]()


def onveranderd(gesprek, vraag):
    gesprek.refresh_from_db()
    assert gesprek.organisatie.naam == "Zorggroep Testdal"
    assert gesprek.status == Gesprek.Status.VOORBEREIDING
    assert gesprek.samenvatting == ""
    assert gesprek.elementen.filter(opgenomen=True).count() == 4  # the core elements and Financiering
    assert list(gesprek.vragen.filter(soort=GesprekVraag.Soort.EIGEN)) == [vraag]
    assert not gesprek.aantekeningen.exclude(tekst="").exists()


# Other inspectors


@pytest.mark.parametrize("naam", PAGINAS)
def test_an_outsider_gets_404_for_every_page_of_a_gesprek_they_do_not_share(
    client_van, buitenstaander, gesprek, vraag, naam
):
    response = client_van(buitenstaander).get(adres(naam, gesprek, vraag))

    assert response.status_code == 404


@pytest.mark.parametrize("naam", ACTIES)
def test_an_outsider_gets_404_for_every_change_to_a_gesprek_they_do_not_share_and_changes_nothing(
    client_van, buitenstaander, gesprek, vraag, naam
):
    response = client_van(buitenstaander).post(adres(naam, gesprek, vraag), gegevens(naam, gesprek))

    assert response.status_code == 404
    onveranderd(gesprek, vraag)


def test_an_outsider_does_not_learn_whether_a_gesprek_exists(client_van, buitenstaander, gesprek):
    bestaand = client_van(buitenstaander).get(url("voeren", gesprek))
    onbestaand = client_van(buitenstaander).get(reverse("gesprekken:voeren", args=[gesprek.pk + 1000]))

    assert bestaand.status_code == onbestaand.status_code == 404


# Other roles


@pytest.mark.parametrize("rol", ["beheerder", "coordinator"])
@pytest.mark.parametrize("naam", PAGINAS)
def test_a_beheerder_or_coordinator_gets_403_for_every_page_of_a_gesprek(
    request, client_van, gesprek, vraag, rol, naam
):
    response = client_van(request.getfixturevalue(rol)).get(adres(naam, gesprek, vraag))

    assert response.status_code == 403


@pytest.mark.parametrize("rol", ["beheerder", "coordinator"])
@pytest.mark.parametrize("naam", ACTIES)
def test_a_beheerder_or_coordinator_gets_403_for_every_change_and_changes_nothing(
    request, client_van, gesprek, vraag, rol, naam
):
    response = client_van(request.getfixturevalue(rol)).post(adres(naam, gesprek, vraag), gegevens(naam, gesprek))

    assert response.status_code == 403
    onveranderd(gesprek, vraag)


@pytest.mark.parametrize("rol", ["beheerder", "coordinator"])
@pytest.mark.parametrize("naam", ["mijn_gesprekken", "nieuw"])
def test_a_beheerder_or_coordinator_gets_403_for_the_list_and_a_new_gesprek(request, db, client_van, rol, naam):
    # `db` named here: pytest-django orders tests by the fixtures they name, and the role is looked up late.
    response = client_van(request.getfixturevalue(rol)).get(reverse(f"gesprekken:{naam}"))

    assert response.status_code == 403


# Not logged in


@pytest.mark.parametrize("naam", PAGINAS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, gesprek, vraag, naam):
    pad = adres(naam, gesprek, vraag)

    response = client.get(pad)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={pad}"


@pytest.mark.parametrize("naam", [n for n in ACTIES if n != "aantekening_opslaan"])
def test_anonymous_changes_are_sent_to_the_login_page_and_change_nothing(client, gesprek, vraag, naam):
    response = client.post(adres(naam, gesprek, vraag), gegevens(naam, gesprek))

    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('login')}?next=")
    onveranderd(gesprek, vraag)


@pytest.mark.parametrize("naam", ["mijn_gesprekken", "nieuw"])
def test_anonymous_visitors_of_the_list_and_a_new_gesprek_are_sent_to_the_login_page(client, naam):
    response = client.get(reverse(f"gesprekken:{naam}"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# The co-inspecteur


@pytest.mark.parametrize("naam", PAGINAS)
def test_a_co_inspecteur_can_open_every_page(client_van, co_inspecteur, gesprek, vraag, naam):
    response = client_van(co_inspecteur).get(adres(naam, gesprek, vraag))

    assert response.status_code == 200


def test_a_co_inspecteur_sees_the_shared_gesprek_in_their_list(client_van, co_inspecteur, gesprek):
    response = client_van(co_inspecteur).get(reverse("gesprekken:mijn_gesprekken"))

    assert [g.pk for g in response.context["pagina"]] == [gesprek.pk]
    assert "gedeeld door Olga Eigenaar" in response.content.decode()


def test_a_co_inspecteur_can_prepare_hold_and_close_the_gesprek(client_van, co_inspecteur, gesprek, vraag):
    client = client_van(co_inspecteur)

    formulier = client.get(url("gegevens", gesprek))
    client.post(
        url("gegevens", gesprek), zoals_getoond(formulier, "bestuurders", organisatie="Zorggroep Testdal-Oost")
    )
    client.post(url("eigen_vraag_toevoegen", gesprek), gegevens("eigen_vraag_toevoegen", gesprek))
    client.post(url("eigen_vraag_verwijderen", gesprek, vraag.pk))
    opgeslagen = client.post(adres("aantekening_opslaan", gesprek, vraag), gegevens("aantekening_opslaan", gesprek))
    client.post(url("afronden", gesprek), afronden_post(samenvatting="Door Cas", stap="vaststellen"))

    assert opgeslagen.status_code == 200
    gesprek.refresh_from_db()
    assert gesprek.organisatie.naam == "Zorggroep Testdal-Oost"
    assert list(gesprek.vragen.filter(soort=GesprekVraag.Soort.EIGEN).values_list("tekst", flat=True)) == [
        "Overgenomen?"
    ]
    assert gesprek.samenvatting == "Door Cas"
    assert gesprek.status == Gesprek.Status.VASTGESTELD
    assert client.post(url("heropenen", gesprek)).status_code == 302
    gesprek.refresh_from_db()
    assert gesprek.status == Gesprek.Status.GEVOERD
