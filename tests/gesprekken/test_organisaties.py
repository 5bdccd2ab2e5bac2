"""Organisations as things: found again by name in Nieuw gesprek and Gegevens, their page, and splitting in admin."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from gesprekken.models import Gebeurtenis, Gesprek, Organisatie
from tests import factories

from .builders import gegevens_post, url, zoals_getoond

NIEUW = reverse("gesprekken:nieuw")
SUGGESTIES = reverse("organisaties:suggesties")


def pagina(organisatie):
    return reverse("organisaties:organisatie", args=[organisatie.pk])


@pytest.fixture
def nieuw(vragenbank):
    def maak(**velden):
        return gegevens_post(**{"kader-kader": str(vragenbank.pk), "kader-opzet": "hoofdvragen", **velden})

    return maak


def test_a_second_gesprek_with_the_same_name_in_other_case_and_spacing_joins_the_organisation(
    client_van, eigenaar, gesprek, nieuw
):
    response = client_van(eigenaar).post(NIEUW, nieuw(organisatie="  zorggroep   TESTDAL "))

    assert response.status_code == 302
    tweede = Gesprek.objects.exclude(pk=gesprek.pk).get()
    assert tweede.organisatie == gesprek.organisatie
    assert Organisatie.objects.count() == 1


def test_a_new_name_makes_a_new_organisation_with_the_kind_and_words_of_the_gesprek(client_van, eigenaar, nieuw):
    client_van(eigenaar).post(
        NIEUW, nieuw(organisatie="ROC  Midden", organisatie_type="onderwijsinstelling", doelgroep="studenten")
    )

    organisatie = Organisatie.objects.get()
    assert (organisatie.naam, organisatie.soort, organisatie.doelgroep_meervoud, organisatie.doelgroep_enkelvoud) == (
        "ROC Midden",
        "onderwijsinstelling",
        "studenten",
        "student",
    )
    assert organisatie.history.count() == 1


@pytest.mark.parametrize("naam", ["   ", "\t \n"])
def test_a_name_of_only_spaces_gets_a_dutch_message_and_nothing_is_saved(client_van, eigenaar, nieuw, naam):
    response = client_van(eigenaar).post(NIEUW, nieuw(organisatie=naam))

    assert response.status_code == 422
    assert "Vul de naam van de organisatie in." in response.content.decode()
    assert not Gesprek.objects.exists() and not Organisatie.objects.exists()


def test_a_name_too_long_gets_a_dutch_message(client_van, eigenaar, nieuw):
    response = client_van(eigenaar).post(NIEUW, nieuw(organisatie="x" * 250))

    assert response.status_code == 422
    assert "Een naam kan ten hoogste 200 tekens bevatten." in response.content.decode()
    assert not Organisatie.objects.exists()


def test_the_suggestions_hold_the_organisations_whose_name_holds_what_was_typed(client_van, eigenaar, gesprek):
    factories.gesprek(
        eigenaar=eigenaar, kader=gesprek.kader, organisatie="Gemeente Rivierstad", organisatie_type="gemeente"
    )

    antwoord = client_van(eigenaar).get(SUGGESTIES, {"naam": "test"}).json()

    assert antwoord == {
        "organisaties": [
            {
                "id": gesprek.organisatie_id,
                "naam": "Zorggroep Testdal",
                "label": "Zorggroep Testdal",
                "soort": "zorgaanbieder",
                "soort_label": "Zorgaanbieder",
                "doelgroep_meervoud": "cliënten",
                "doelgroep_enkelvoud": "cliënt",
            }
        ]
    }


@pytest.mark.parametrize("getypt", ["", "z", "%", "_", '"', "*", "x" * 10_000, "\x00"])
def test_odd_input_for_the_suggestions_gives_a_list_never_an_error(client_van, eigenaar, gesprek, getypt):
    response = client_van(eigenaar).get(SUGGESTIES, {"naam": getypt})

    assert response.status_code == 200
    assert response.json()["organisaties"] == []


def test_the_suggestions_take_a_fixed_number_of_queries(client_van, eigenaar, gesprek, django_assert_num_queries):
    client = client_van(eigenaar)
    # Session, user with permissions, the organisations; the session saved in a savepoint (3).
    with django_assert_num_queries(6):
        client.get(SUGGESTIES, {"naam": "zorg"})


def test_two_organisations_of_one_name_are_told_apart_by_place_or_number(client_van, eigenaar, gesprek, nieuw):
    Organisatie.objects.create(naam="Zorggroep Testdal", soort="zorgaanbieder", plaats="Utrecht")
    client = client_van(eigenaar)

    labels = [o["label"] for o in client.get(SUGGESTIES, {"naam": "testdal"}).json()["organisaties"]]
    assert labels == [f"Zorggroep Testdal (nr. {gesprek.organisatie_id})", "Zorggroep Testdal (Utrecht)"]

    dubbelzinnig = client.post(NIEUW, nieuw(organisatie="Zorggroep Testdal"))
    assert dubbelzinnig.status_code == 422
    assert "Er zijn meer organisaties met deze naam" in dubbelzinnig.content.decode()

    client.post(NIEUW, nieuw(organisatie="Zorggroep Testdal (Utrecht)"))
    assert Gesprek.objects.exclude(pk=gesprek.pk).get().organisatie.plaats == "Utrecht"


def test_saving_gegevens_unchanged_keeps_the_organisation_even_when_its_name_is_shared(client_van, eigenaar, gesprek):
    Organisatie.objects.create(naam="Zorggroep Testdal", soort="zorgaanbieder")
    client = client_van(eigenaar)

    response = client.post(
        url("gegevens", gesprek), zoals_getoond(client.get(url("gegevens", gesprek)), "bestuurders")
    )

    assert response.status_code == 302
    assert Gesprek.objects.get(pk=gesprek.pk).organisatie_id == gesprek.organisatie_id


def test_the_gegevens_page_links_to_the_organisation(client_van, eigenaar, gesprek):
    html = client_van(eigenaar).get(url("gegevens", gesprek)).content.decode()

    assert f'href="{pagina(gesprek.organisatie)}"' in html
    assert 'list="organisatie-suggesties"' in html
    assert f'data-url="{SUGGESTIES}"' in html


@pytest.fixture
def drie_gesprekken(vragenbank, eigenaar, co_inspecteur, buitenstaander):
    """Three gesprekken with one organisation: the owner's (shared), the outsider's of another inspectie, and the
    owner's own later one."""
    eerste = factories.gesprek(eigenaar=eigenaar, kader=vragenbank, co_inspecteurs=[co_inspecteur])
    vreemd = factories.gesprek(eigenaar=buitenstaander, kader=vragenbank, inspectie="jenv")
    vreemd.afspraken.create(wat="Geheime afspraak van een ander", wie="Bestuurder")
    eerste.afspraken.create(wat="Evaluatie plannen", wie="Bestuurder")
    return eerste, vreemd


def test_the_organisation_page_shows_every_gesprek_but_afspraken_only_of_ones_own(
    client_van, eigenaar, drie_gesprekken
):
    eerste, vreemd = drie_gesprekken
    response = client_van(eigenaar).get(pagina(eerste.organisatie))

    html = response.content.decode()
    assert response.status_code == 200
    assert [g.pk for g in response.context["gesprekken"]] == sorted([eerste.pk, vreemd.pk], reverse=True)
    assert "Inspectie Justitie en Veiligheid (IJenV)" in html
    assert "Evaluatie plannen" in html
    assert "Geheime afspraak van een ander" not in html
    assert url("voeren", vreemd) not in html and url("vragenlijst", vreemd) not in html


def test_a_coordinator_sees_the_organisation_page_as_the_overview_without_what_was_said(
    client_van, coordinator, drie_gesprekken
):
    eerste, _ = drie_gesprekken
    html = client_van(coordinator).get(pagina(eerste.organisatie)).content.decode()

    assert "Evaluatie plannen" not in html and "Geheime afspraak" not in html
    assert html.count("Alleen zichtbaar voor de inspecteurs van dit gesprek.") == 2


def test_a_beheerder_gets_403_and_an_unknown_organisation_404(client_van, beheerder, eigenaar, gesprek):
    assert client_van(beheerder).get(pagina(gesprek.organisatie)).status_code == 403
    assert client_van(eigenaar).get(reverse("organisaties:organisatie", args=[10**30])).status_code == 404


@pytest.mark.parametrize("aantal", [1, 6])
def test_the_organisation_page_takes_the_same_number_of_queries_however_many_gesprekken(
    client_van, eigenaar, co_inspecteur, vragenbank, django_assert_num_queries, aantal
):
    gesprekken = [
        factories.gesprek(eigenaar=eigenaar, kader=vragenbank, co_inspecteurs=[co_inspecteur]) for _ in range(aantal)
    ]
    for gesprek in gesprekken:
        gesprek.afspraken.create(wat="Evaluatie", wie="Bestuurder")
    client = client_van(eigenaar)
    # Session, user with permissions, the organisation, its gesprekken with owner, their co-inspecteurs, afspraken;
    # the session saved in a savepoint (3).
    with django_assert_num_queries(9):
        client.get(pagina(gesprekken[0].organisatie))


def test_mijn_gesprekken_links_to_the_organisation(client_van, eigenaar, gesprek):
    html = client_van(eigenaar).get(reverse("gesprekken:mijn_gesprekken")).content.decode()

    assert f'href="{pagina(gesprek.organisatie)}"' in html


def test_a_beheerder_splits_a_wrong_merge_in_admin_with_history_and_a_log_line(
    client_van, beheerder, eigenaar, vragenbank
):
    blijft = factories.gesprek(eigenaar=eigenaar, kader=vragenbank, organisatie="De Brug")
    gaat = factories.gesprek(eigenaar=eigenaar, kader=vragenbank, organisatie="de brug")
    organisatie = blijft.organisatie
    client = client_van(beheerder)
    lijst = reverse("admin:gesprekken_organisatie_changelist")
    keuze = {"action": "splitsen", ACTION_CHECKBOX_NAME: [str(organisatie.pk)]}

    formulier = client.post(lijst, keuze)
    assert formulier.status_code == 200
    assert "Gesprekken die naar de nieuwe organisatie gaan" in formulier.content.decode()

    leeg = client.post(lijst, {**keuze, "splitsen": "1", "naam": "  ", "gesprekken": [str(gaat.pk)]})
    assert "Geef de nieuwe organisatie een naam." in leeg.content.decode()
    assert Organisatie.objects.count() == 1

    client.post(lijst, {**keuze, "splitsen": "1", "naam": "De Brug Zuid", "gesprekken": [str(gaat.pk)]})

    gaat.refresh_from_db()
    blijft.refresh_from_db()
    assert (blijft.organisatie.naam, gaat.organisatie.naam) == ("De Brug", "De Brug Zuid")
    assert gaat.organisatie.history.get().history_user == beheerder
    regel = Gebeurtenis.objects.filter(gesprek=gaat, actie=Gebeurtenis.Actie.GEWIJZIGD).first()
    assert regel.gebruiker == beheerder and "afgesplitst" in regel.wat


def test_the_admin_finds_an_organisation_by_name(client_van, beheerder, gesprek):
    response = client_van(beheerder).get(reverse("admin:gesprekken_organisatie_changelist"), {"q": "testdal"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [gesprek.organisatie]
