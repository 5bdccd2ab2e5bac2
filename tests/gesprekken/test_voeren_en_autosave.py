"""Gesprek voeren: the page the inspector types in, and the endpoint every keystroke is saved to."""

import re

import pytest
from django.urls import reverse

from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, Gesprek
from tests import factories

from .builders import aantekening_typen, autosave, criterium_aantekeningen, eigen_vraag, url

# Session (1), the user with their permissions (1); the gesprek with its prefetched list and notes (7) and instruments
# (2: for the whole gesprek and per element; their fields and rows 4 more when there are any); the visit in the log
# (1); the organisation's answers given beforehand (1, deelname/); the terugblikken on afspraken with their notes (1);
# the session saved in a savepoint (3). None of it grows with the notes or questions.
QUERIES_VAN_VOEREN = 17


# The page


def test_the_page_shows_each_criterion_with_its_note_and_the_questions_at_hand(client_van, eigenaar, gesprek):
    aantekening = criterium_aantekeningen(gesprek)[0]
    aantekening_typen(gesprek, aantekening, "De bestuurder noemt het wijkoverleg.", observatie="sterk_punt")

    response = client_van(eigenaar).get(url("voeren", gesprek))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Uitgangspunt:</strong> de samenwerking met Wijkteam Oost." in html
    assert "Wat merkt de cliënt er in de zorg of ondersteuning van dat u samenwerkt met Wijkteam Oost?" in html
    assert "De organisaties zoeken proactief de vraag van hun inwoners en kennen deze." in html
    assert f'data-aantekening="{aantekening.pk}" data-versie="1"' in html
    assert ">De bestuurder noemt het wijkoverleg.</textarea>" in html
    assert re.search(rf'id="observatie-{aantekening.pk}-sterk_punt" value="sterk_punt" checked', html)
    assert "Wat u typt, wordt vanzelf opgeslagen." in html
    assert "js/autosave" in html


def test_each_note_names_where_it_is_saved_and_where_its_earlier_versions_are(client_van, eigenaar, gesprek):
    bij_criterium = criterium_aantekeningen(gesprek)[0]
    vrij = gesprek.aantekeningen.filter(criterium__isnull=True, element__opgenomen=True).first()

    html = client_van(eigenaar).get(url("voeren", gesprek)).content.decode()

    for aantekening in (bij_criterium, vrij):
        assert f'data-url="{url("aantekening_opslaan", gesprek, aantekening.pk)}"' in html
        assert f'<a href="{url("aantekening_geschiedenis", gesprek, aantekening.pk)}">Eerdere versies' in html


def test_a_note_without_an_observation_has_none_chosen_and_a_vastgesteld_gesprek_none_to_choose(
    client_van, eigenaar, gesprek
):
    aantekening = criterium_aantekeningen(gesprek)[0]
    client = client_van(eigenaar)

    html = client.get(url("voeren", gesprek)).content.decode()
    assert f'id="observatie-{aantekening.pk}-geen" value="" checked>' in html
    assert f'id="observatie-{aantekening.pk}-sterk_punt" value="sterk_punt">' in html

    services.vaststellen(gesprek=gesprek, wie=Wie(gesprek.eigenaar))
    html = client.get(url("voeren", gesprek)).content.decode()
    assert "Het rapport zoals het is vastgesteld" in html
    assert 'type="radio"' not in html


def test_each_kind_of_conversation_aid_has_one_heading(client_van, eigenaar, gesprek):
    html = client_van(eigenaar).get(url("voeren", gesprek)).content.decode()

    assert html.count(">Vraag vanuit het inwonerperspectief</h3>") == 1
    assert html.count(">Waarderende openingsvraag</h3>") == 1


@pytest.mark.parametrize("aantal", [1, 8])
def test_the_page_takes_the_same_number_of_queries_however_many_notes_and_own_questions(
    client_van, eigenaar, gesprek, django_assert_num_queries, aantal
):
    for nummer, aantekening in enumerate(criterium_aantekeningen(gesprek)[:aantal]):
        aantekening_typen(gesprek, aantekening, f"Aantekening nummer {nummer}", door=eigenaar)
        eigen_vraag(gesprek, ["Financiering", "Leiderschap en management"][nummer % 2], f"Eigen vraag {nummer}")
    client = client_van(eigenaar)

    with django_assert_num_queries(QUERIES_VAN_VOEREN):
        response = client.get(url("voeren", gesprek))

    assert response.content.decode().count("Aantekening nummer ") == aantal


# Saving


def test_a_note_is_saved_and_the_answer_says_when_and_which_version(client_van, eigenaar, gesprek, aantekening):
    response = autosave(client_van(eigenaar), gesprek, aantekening, "Er is een gezamenlijk wijkoverleg.", 0)

    assert response.status_code == 200
    antwoord = response.json()
    assert antwoord["versie"] == 1
    assert antwoord["tekst"] == "Er is een gezamenlijk wijkoverleg."
    assert re.fullmatch(r"\d\d:\d\d", antwoord["opgeslagen_om"])
    assert antwoord["door"] == "Olga Eigenaar"
    aantekening.refresh_from_db()
    assert (aantekening.tekst, aantekening.versie, aantekening.gewijzigd_door) == (
        "Er is een gezamenlijk wijkoverleg.",
        1,
        eigenaar,
    )


def test_every_save_raises_the_version_by_one(client_van, eigenaar, gesprek, aantekening):
    client = client_van(eigenaar)

    eerste = autosave(client, gesprek, aantekening, "Er is", 0).json()
    tweede = autosave(client, gesprek, aantekening, "Er is een wijkoverleg", eerste["versie"]).json()

    assert (eerste["versie"], tweede["versie"]) == (1, 2)


def test_a_note_keeps_its_observation_and_its_spaces_and_line_breaks(client_van, eigenaar, gesprek, aantekening):
    tekst = "Punten:\n  - wijkoverleg\n  - casusoverleg\n"

    autosave(client_van(eigenaar), gesprek, aantekening, tekst, 0, observatie="ontwikkelpunt")

    aantekening.refresh_from_db()
    assert (aantekening.tekst, aantekening.observatie) == (tekst, "ontwikkelpunt")


def test_the_free_note_of_an_element_is_saved_too(client_van, eigenaar, gesprek):
    vrij = Aantekening.objects.get(gesprek=gesprek, element__naam="Financiering", criterium__isnull=True)

    response = autosave(client_van(eigenaar), gesprek, vrij, "Financiering kwam kort ter sprake.", 0)

    assert response.status_code == 200
    vrij.refresh_from_db()
    assert vrij.tekst == "Financiering kwam kort ter sprake."


def test_the_first_save_marks_the_gesprek_as_held(client_van, eigenaar, gesprek, aantekening):
    assert gesprek.status == Gesprek.Status.VOORBEREIDING

    autosave(client_van(eigenaar), gesprek, aantekening, "Eerste aantekening", 0)

    gesprek.refresh_from_db()
    assert gesprek.status == Gesprek.Status.GEVOERD


def test_a_co_inspecteur_can_save_a_note(client_van, co_inspecteur, gesprek, aantekening):
    response = autosave(client_van(co_inspecteur), gesprek, aantekening, "Aantekening van Cas", 0)

    assert response.status_code == 200
    assert response.json()["door"] == "Cas Collega"


# When saving does not go through


def test_a_save_based_on_an_old_version_gets_a_conflict_with_the_colleagues_text_and_overwrites_nothing(
    client_van, eigenaar, co_inspecteur, gesprek, aantekening
):
    autosave(client_van(co_inspecteur), gesprek, aantekening, "Tekst van de collega", 0)

    response = autosave(client_van(eigenaar), gesprek, aantekening, "Mijn eigen tekst", 0)

    assert response.status_code == 409
    antwoord = response.json()
    assert antwoord["code"] == "conflict"
    assert "Een collega heeft deze aantekening intussen gewijzigd." in antwoord["melding"]
    assert antwoord["server"]["tekst"] == "Tekst van de collega"
    assert antwoord["server"]["versie"] == 1
    assert antwoord["server"]["door"] == "Cas Collega"
    aantekening.refresh_from_db()
    assert (aantekening.tekst, aantekening.versie) == ("Tekst van de collega", 1)


def test_sending_the_same_text_again_after_a_lost_answer_is_a_success(client_van, eigenaar, gesprek, aantekening):
    client = client_van(eigenaar)
    autosave(client, gesprek, aantekening, "Al opgeslagen, maar het antwoord ging verloren", 0)

    response = autosave(client, gesprek, aantekening, "Al opgeslagen, maar het antwoord ging verloren", 0)

    assert response.status_code == 200
    assert response.json()["versie"] == 1


def test_after_logging_out_a_save_gets_a_401_json_answer_not_a_login_page(client, gesprek, aantekening):
    response = autosave(client, gesprek, aantekening, "Tekst", 0)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "niet_ingelogd"
    assert "Log opnieuw in; uw tekst blijft bewaard." in response.json()["melding"]
    aantekening.refresh_from_db()
    assert aantekening.tekst == ""


def test_a_note_in_an_afgerond_gesprek_cannot_be_saved(client_van, eigenaar, gesprek, aantekening):
    services.vaststellen(gesprek=gesprek, wie=Wie(gesprek.eigenaar))

    response = autosave(client_van(eigenaar), gesprek, aantekening, "Te laat", 0)

    assert response.status_code == 409
    assert response.json()["code"] == "vastgesteld"
    assert "Heropen het om aantekeningen te wijzigen." in response.json()["melding"]
    aantekening.refresh_from_db()
    assert aantekening.tekst == ""


def test_an_outsider_gets_404_for_a_note_in_a_gesprek_they_do_not_share(
    client_van, buitenstaander, gesprek, aantekening
):
    response = autosave(client_van(buitenstaander), gesprek, aantekening, "Niet van mij", 0)

    assert response.status_code == 404
    aantekening.refresh_from_db()
    assert aantekening.tekst == ""


def test_a_note_of_another_gesprek_cannot_be_saved_through_this_one(client_van, eigenaar, gesprek, vragenbank):
    ander = factories.gesprek(eigenaar=factories.inspecteur("derde"), kader=vragenbank)
    andermans = criterium_aantekeningen(ander)[0]

    response = autosave(client_van(eigenaar), gesprek, andermans, "Via een omweg", 0)

    assert response.status_code == 404
    andermans.refresh_from_db()
    assert andermans.tekst == ""


def test_ids_beyond_the_database_s_range_are_not_found(client_van, eigenaar, gesprek, aantekening):
    client = client_van(eigenaar)
    # In a gesprek the inspector works on, a note that is not there is one the page may still show.
    for gesprek_id, aantekening_id, code in (
        (2**63, aantekening.pk, "niet_gevonden"),
        (gesprek.pk, 2**63, "verdwenen"),
        (10**30, 10**30, "niet_gevonden"),
    ):
        adres = reverse("gesprekken:aantekening_opslaan", args=[gesprek_id, aantekening_id])
        response = client.post(adres, {"tekst": "Te groot", "observatie": "", "versie": 0})

        assert response.status_code == 404
        assert response.json()["code"] == code
    aantekening.refresh_from_db()
    assert aantekening.tekst == ""


def test_a_beheerder_gets_403_json(client_van, beheerder, gesprek, aantekening):
    response = autosave(client_van(beheerder), gesprek, aantekening, "Tekst", 0)

    assert response.status_code == 403
    assert response.json()["code"] == "geen_toegang"


def test_a_note_of_more_than_20000_characters_is_refused_with_a_dutch_message(
    client_van, eigenaar, gesprek, aantekening
):
    response = autosave(client_van(eigenaar), gesprek, aantekening, "x" * 20_001, 0)

    assert response.status_code == 422
    assert response.json() == {
        "code": "ongeldig",
        "melding": "Een aantekening kan ten hoogste 20.000 tekens bevatten.",
    }
    aantekening.refresh_from_db()
    assert (aantekening.tekst, aantekening.versie) == ("", 0)


def test_a_note_of_exactly_20000_characters_is_saved(client_van, eigenaar, gesprek, aantekening):
    response = autosave(client_van(eigenaar), gesprek, aantekening, "x" * 20_000, 0)

    assert response.status_code == 200
    aantekening.refresh_from_db()
    assert len(aantekening.tekst) == 20_000


@pytest.mark.parametrize(
    "velden",
    [
        {"tekst": "Tekst", "observatie": "", "versie": ""},
        {"tekst": "Tekst", "observatie": "", "versie": "-1"},
        # One more would not fit the column on PostgreSQL, and it is beyond any note's version anyway.
        {"tekst": "Tekst", "observatie": "", "versie": str(2**31 - 1)},
        {"tekst": "Tekst", "observatie": "voldoende", "versie": "0"},
    ],
)
def test_a_save_without_a_valid_version_or_observation_is_refused(client_van, eigenaar, gesprek, aantekening, velden):
    response = client_van(eigenaar).post(url("aantekening_opslaan", gesprek, aantekening.pk), velden)

    assert response.status_code == 422
    assert response.json()["code"] == "ongeldig"
    aantekening.refresh_from_db()
    assert aantekening.tekst == ""


def test_line_breaks_from_the_browser_are_stored_and_counted_as_one_character(client_van, gesprek, eigenaar):
    aantekening = gesprek.aantekeningen.filter(criterium__isnull=False).first()
    url = reverse("gesprekken:aantekening_opslaan", args=[gesprek.pk, aantekening.pk])
    tekst = ("regel\r\n" * 3000)[:-2]

    response = client_van(eigenaar).post(url, {"tekst": tekst, "observatie": "", "versie": aantekening.versie})

    assert response.status_code == 200
    aantekening.refresh_from_db()
    assert aantekening.tekst == tekst.replace("\r\n", "\n")
    assert len(aantekening.tekst) < 20_000 < len(tekst)
