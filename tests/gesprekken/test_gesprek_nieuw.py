"""Nieuw gesprek: the details, the bestuurders, the colleagues and the kader to compose the list from."""

import datetime

import pytest
from django.urls import reverse

from gesprekken.models import Bestuurder, Gesprek, GesprekVraag
from tests import factories

from .builders import gegevens_post

URL = reverse("gesprekken:nieuw")
# Session (1), the user with their permissions (1); the occasions (1); the kaders (1); the inspectors to share with
# (1); the session saved in a savepoint (3). None of it grows with the number of inspectors.
QUERIES_VAN_NIEUW = 8


@pytest.fixture
def geldig(vragenbank, co_inspecteur):
    return gegevens_post(
        organisatie="Gemeente Rivierstad",
        organisatie_type="gemeente",
        doelgroep="cliënten",
        casus_partner="GGD Rivierland",
        co_inspecteurs=[str(co_inspecteur.pk)],
        **{
            "bestuurders-TOTAL_FORMS": "2",
            "bestuurders-1-naam": "Dhr. P. Smit",
            "bestuurders-1-functie": "wethouder",
            "kader-kader": str(vragenbank.pk),
            "kader-opzet": "hoofdvragen",
        },
    )


def test_the_form_offers_the_occasions_from_the_handreiking(client_van, eigenaar, vragenbank):
    response = client_van(eigenaar).get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "gesprek over calamiteit waarin samenwerking speelt" in html
    assert "Stimulerend toezicht op samenwerking (september 2023)" in html


def test_a_valid_form_creates_the_gesprek_and_opens_its_vragenlijst(client_van, eigenaar, co_inspecteur, geldig):
    response = client_van(eigenaar).post(URL, geldig, follow=True)

    gesprek = Gesprek.objects.get()
    assert response.redirect_chain[-1][0] == reverse("gesprekken:vragenlijst", args=[gesprek.pk])
    assert "Het gesprek is aangemaakt. Stel nu de vragenlijst samen." in response.content.decode()
    assert gesprek.organisatie.naam == "Gemeente Rivierstad"
    assert gesprek.datum == datetime.date(2026, 11, 2)
    assert gesprek.eigenaar == eigenaar
    assert gesprek.status == Gesprek.Status.VOORBEREIDING
    assert (gesprek.doelgroep_meervoud, gesprek.doelgroep_enkelvoud) == ("cliënten", "cliënt")
    assert list(gesprek.co_inspecteurs.all()) == [co_inspecteur]
    assert [str(b) for b in gesprek.bestuurders.all()] == ["Mevr. J. de Boer, bestuurder", "Dhr. P. Smit, wethouder"]


def test_the_new_gesprek_holds_its_own_copy_of_the_kader_with_the_chosen_opzet(client_van, eigenaar, geldig):
    client_van(eigenaar).post(URL, geldig)

    gesprek = Gesprek.objects.get()
    assert gesprek.kader_titel == "Stimulerend toezicht op samenwerking (september 2023)"
    assert gesprek.elementen.count() == 9
    assert [e.naam for e in gesprek.elementen.filter(opgenomen=True)] == [
        "Gedeelde visie, gedeeld belang",
        "Leiderschap en management",
        "Evaluatie monitoring en reflectie",
    ]
    # "Alleen de hoofdvragen": the eleven main questions, none of their follow-ups.
    opgenomen = gesprek.vragen.filter(opgenomen=True, element__isnull=False)
    assert opgenomen.count() == 11
    assert not opgenomen.filter(soort=GesprekVraag.Soort.DOORVRAAG).exists()
    assert gesprek.aantekeningen.count() == 9 + 28  # a free note per element, one per criterion


def test_the_new_gesprek_asks_its_questions_in_the_organisations_own_words(client_van, eigenaar, geldig):
    client_van(eigenaar).post(URL, geldig)

    inwonerperspectief = Gesprek.objects.get().vragen.get(tekst__startswith="Wat merkt de")
    assert inwonerperspectief.tekst == (
        "Wat merkt de cliënt er in de zorg of ondersteuning van dat u samenwerkt met GGD Rivierland?"
    )


def test_an_own_word_for_the_people_served_is_used_in_the_questions(client_van, eigenaar, geldig):
    geldig.update(doelgroep="anders", ander_meervoud="deelnemers", ander_enkelvoud="deelnemer")

    client_van(eigenaar).post(URL, geldig)

    gesprek = Gesprek.objects.get()
    assert (gesprek.doelgroep_meervoud, gesprek.doelgroep_enkelvoud) == ("deelnemers", "deelnemer")
    assert gesprek.vragen.get(tekst__startswith="Wat heeft de samenwerking").tekst == (
        "Wat heeft de samenwerking de deelnemers voor wie u samenwerkt opgeleverd?"
    )


def test_without_an_organisation_the_form_comes_back_with_a_dutch_message_and_nothing_is_saved(
    client_van, eigenaar, geldig
):
    geldig["organisatie"] = ""

    response = client_van(eigenaar).post(URL, geldig)

    assert response.status_code == 422
    html = response.content.decode()
    assert "Het formulier is nog niet opgeslagen" in html
    assert "Vul de naam van de organisatie in." in html
    assert not Gesprek.objects.exists()
    assert not Bestuurder.objects.exists()


def test_choosing_another_word_without_filling_it_in_returns_422_and_saves_nothing(client_van, eigenaar, geldig):
    geldig.update(doelgroep="anders", ander_meervoud="", ander_enkelvoud="")

    response = client_van(eigenaar).post(URL, geldig)

    assert response.status_code == 422
    assert "Vul het woord in dat de organisatie gebruikt, in meervoud en enkelvoud." in response.content.decode()
    assert not Gesprek.objects.exists()


def test_every_other_inspector_can_be_ticked_as_co_inspecteur(client_van, eigenaar, co_inspecteur, beheerder):
    html = client_van(eigenaar).get(URL).content.decode()

    assert html.count('type="checkbox"') == 1
    assert (
        f'<input type="checkbox" class="form-check-input" name="co_inspecteurs" value="{co_inspecteur.pk}"'
        ' id="id_co_inspecteurs_0">\n'
        '      <label for="id_co_inspecteurs_0" class="form-check-label">Cas Collega</label>'
    ) in html


@pytest.mark.parametrize("aantal", [1, 20])
def test_the_form_takes_the_same_number_of_queries_however_many_inspectors(
    client_van, eigenaar, vragenbank, django_assert_num_queries, aantal
):
    for nummer in range(aantal):
        factories.inspecteur(f"collega{nummer}", "Cas", f"Collega {nummer}")
    client = client_van(eigenaar)

    with django_assert_num_queries(QUERIES_VAN_NIEUW):
        response = client.get(URL)

    assert response.content.decode().count('name="co_inspecteurs"') == aantal


def test_without_other_inspectors_the_form_says_there_is_nobody_to_tick(client_van, eigenaar, vragenbank):
    html = client_van(eigenaar).get(URL).content.decode()

    assert 'type="checkbox"' not in html
    assert '<p class="text-body-secondary">Er zijn (nog) geen andere inspecteurs.</p>' in html


def test_a_form_that_comes_back_keeps_the_ticked_co_inspecteur(client_van, eigenaar, co_inspecteur, geldig):
    geldig["organisatie"] = ""

    html = client_van(eigenaar).post(URL, geldig).content.decode()

    assert f'value="{co_inspecteur.pk}" id="id_co_inspecteurs_0" checked>' in html


def test_a_beheerder_cannot_be_added_as_co_inspecteur(client_van, eigenaar, beheerder, geldig):
    geldig["co_inspecteurs"] = [str(beheerder.pk)]

    response = client_van(eigenaar).post(URL, geldig)

    assert response.status_code == 422
    assert not Gesprek.objects.exists()
    # Every box is marked, as crispy marks a field with an error.
    assert 'class="form-check-input is-invalid" name="co_inspecteurs"' in response.content.decode()
    assert 'id="id_co_inspecteurs_0" aria-invalid="true">' in response.content.decode()
