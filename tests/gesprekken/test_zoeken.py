"""Searching Mijn gesprekken for what was said, only in the gesprekken the user is on."""

from urllib.parse import quote_from_bytes

import pytest
from django.db import connection
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, Afspraak, Gesprek
from tests import instrumentgids
from tests.samenwerking.test_fuzz import FUZZ, LASTIG, TEKENS

from .builders import aantekening_typen, criterium_aantekeningen, eigen_vraag, kaal_gesprek

URL = reverse("gesprekken:mijn_gesprekken")

# As the plain list (test_mijn_gesprekken.QUERIES_VAN_DE_LIJST), and the search (1) and the passages of the page's
# gesprekken from the notes, the instruments' fields, the own questions and the afspraken together (1).
QUERIES_VAN_EEN_ZOEKOPDRACHT = 8 + 1 + 1

NOTITIE = "De samenwerkingsafspraken met het wijkteam over de wachtlijst voor jeugdhulp zijn nog niet vastgelegd."


def gevonden(response):
    return [gesprek.organisatie.naam for gesprek in response.context["pagina"]]


def passages(response):
    return [p.tekst for gesprek in response.context["pagina"] for p in gesprek.passages]


def zoeken(client, zoek, **filters):
    response = client.get(URL, {"zoek": zoek, **filters})
    assert response.status_code == 200
    return response


@pytest.fixture
def genoteerd(gesprek):
    aantekening_typen(gesprek, criterium_aantekeningen(gesprek)[0], NOTITIE)
    return gesprek


def test_a_word_of_a_note_finds_the_gesprek_with_the_passage_marked(client_van, eigenaar, genoteerd):
    kaal_gesprek(eigenaar=eigenaar, organisatie="Zonder aantekeningen")

    response = zoeken(client_van(eigenaar), "wachtlijst")

    assert gevonden(response) == [genoteerd.organisatie.naam]
    assert passages(response) == [
        "De samenwerkingsafspraken met het wijkteam over de <mark>wachtlijst</mark> voor jeugdhulp zijn nog niet "
        "vastgelegd."
    ]
    assert "<mark>wachtlijst</mark>" in response.content.decode()


def test_the_beginning_of_a_word_finds_the_word(client_van, eigenaar, genoteerd):
    response = zoeken(client_van(eigenaar), "Samenwerk")

    assert gevonden(response) == [genoteerd.organisatie.naam]
    assert "<mark>samenwerkingsafspraken</mark>" in passages(response)[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming is PostgreSQL's full-text search")
def test_on_postgresql_a_word_finds_its_other_forms(client_van, eigenaar, genoteerd):
    response = zoeken(client_van(eigenaar), "samenwerkingsafspraak")

    assert gevonden(response) == [genoteerd.organisatie.naam]
    assert "<mark>samenwerkingsafspraken</mark>" in passages(response)[0]


def test_a_word_typed_halfway_or_after_a_slash_is_found(client_van, eigenaar, gesprek):
    aantekening_typen(gesprek, criterium_aantekeningen(gesprek)[0], "De samenwerking met jeugd/wmo loopt goed.")
    client = client_van(eigenaar)

    # On PostgreSQL "samenwerking" is stored as its stem "samenwerk", and "jeugd/wmo" as one token.
    for zoek in ["samenwerkin", "wmo"]:
        assert gevonden(zoeken(client, zoek)) == [gesprek.organisatie.naam]


def test_a_note_is_found_by_what_it_says_now(client_van, eigenaar, gesprek):
    aantekening = criterium_aantekeningen(gesprek)[0]
    aantekening_typen(gesprek, aantekening, "Het wijkteam heeft een wachtlijst.")
    aantekening_typen(gesprek, aantekening, "Het wijkteam heeft een casusregisseur.")
    client = client_van(eigenaar)

    assert gevonden(zoeken(client, "casusregisseur")) == [gesprek.organisatie.naam]
    assert gevonden(zoeken(client, "wachtlijst")) == []


def test_with_several_words_all_must_occur(client_van, eigenaar, genoteerd):
    client = client_van(eigenaar)

    assert gevonden(zoeken(client, "wijkteam jeugdhulp")) == [genoteerd.organisatie.naam]
    assert gevonden(zoeken(client, "wijkteam huisarts")) == []


def test_the_organisation_still_finds_the_gesprek(client_van, eigenaar):
    kaal_gesprek(eigenaar=eigenaar, organisatie="Gemeente De Bilt")
    kaal_gesprek(eigenaar=eigenaar, organisatie="Zorggroep De Linde")

    assert gevonden(zoeken(client_van(eigenaar), "gemeente de bilt")) == ["Gemeente De Bilt"]


def test_the_summary_and_an_afspraak_are_searched(client_van, eigenaar):
    gesprek = kaal_gesprek(eigenaar=eigenaar, organisatie="Gemeente Rivierstad")
    services.afronding_opslaan(
        gesprek=gesprek,
        wie=Wie(eigenaar),
        gegevens={"samenvatting": "Het casusoverleg werkt goed.", "wat_goed_gaat": "", "ontwikkelkansen": ""},
        afspraken=[Afspraak(wat="De gemeente stuurt het escalatieprotocol toe.", wie="Wethouder")],
    )
    client = client_van(eigenaar)

    summary = zoeken(client, "casusoverleg")
    afspraak = zoeken(client, "escalatie")

    assert gevonden(summary) == gevonden(afspraak) == ["Gemeente Rivierstad"]
    assert summary.context["pagina"][0].passages[0].waar == "Samenvatting"
    assert "<mark>escalatieprotocol</mark>" in passages(afspraak)[0]


def test_an_own_question_is_searched(client_van, eigenaar, gesprek):
    eigen_vraag(gesprek, "Financiering", "Hoe betrekt u de mantelzorgers bij de evaluatie?")

    response = zoeken(client_van(eigenaar), "mantelzorg")

    assert gevonden(response) == [gesprek.organisatie.naam]
    assert response.context["pagina"][0].passages[0].waar == "Eigen vraag"


def test_what_is_typed_in_an_instrument_is_searched(client_van, eigenaar, gesprek, vragenbank):
    gids = instrumentgids.maak(elementen=vragenbank.elementen.filter(nummer=2))
    instrument = services.instrument_toevoegen(
        gesprek=gesprek, wie=Wie(eigenaar), instrument=gids["Hoe zit dat bij jou?"]
    )
    veld = Aantekening.objects.filter(veld__instrument=instrument).first()
    aantekening_typen(gesprek, veld, "Het regionaal expertiseteam komt maandelijks bijeen.")

    response = zoeken(client_van(eigenaar), "expertiseteam")

    assert gevonden(response) == [gesprek.organisatie.naam]
    assert response.context["pagina"][0].passages[0].waar == "Instrument"


def test_the_text_around_the_marked_word_is_escaped_and_short(client_van, eigenaar, gesprek):
    lang = "woord " * 100 + "<script>alert(1)</script> toezichtskader " + "woord " * 100
    aantekening_typen(gesprek, criterium_aantekeningen(gesprek)[0], lang)

    passage = passages(zoeken(client_van(eigenaar), "toezicht"))[0]

    assert "&lt;script&gt;" in passage and "<script>" not in passage
    assert "<mark>toezichtskader</mark>" in passage
    assert passage.startswith("…") and passage.endswith("…") and len(passage) < 250


def test_an_inspector_not_on_the_gesprek_never_finds_it_or_a_passage_of_it(
    client_van, genoteerd, co_inspecteur, buitenstaander
):
    kaal_gesprek(eigenaar=buitenstaander, organisatie="Eigen gesprek van de buitenstaander")
    eigen_vraag(genoteerd, "Financiering", "Hoe betrekt u de mantelzorgers?")
    buiten = client_van(buitenstaander)

    for woord in [*NOTITIE.split(), "samenwerk", "mantelzorgers", genoteerd.organisatie.naam]:
        response = zoeken(buiten, woord.strip("."))
        assert genoteerd.organisatie.naam not in gevonden(response)
        assert passages(response) == []
        assert "<mark>" not in response.content.decode()
        assert "met het wijkteam over" not in response.content.decode()
    assert gevonden(zoeken(client_van(co_inspecteur), "wachtlijst")) == [genoteerd.organisatie.naam]


def test_the_status_and_year_filters_and_paging_work_with_a_search(client_van, eigenaar):
    for n in range(23):
        kaal_gesprek(eigenaar=eigenaar, organisatie=f"Jeugdzorg {n:02}", samenvatting="Over het jeugdplan.")
    kaal_gesprek(eigenaar=eigenaar, organisatie="Jeugdzorg vastgesteld", status=Gesprek.Status.VASTGESTELD)
    client = client_van(eigenaar)

    eerste = zoeken(client, "jeugdplan")
    tweede = zoeken(client, "jeugdplan", pagina="2")

    assert eerste.context["pagina"].paginator.count == 23
    assert "zoek=jeugdplan" in eerste.context["filters"]
    assert len(gevonden(tweede)) == 3
    assert gevonden(zoeken(client, "jeugdzorg", status="vastgesteld")) == ["Jeugdzorg vastgesteld"]
    assert gevonden(zoeken(client, "jeugdzorg", jaar="2025")) == []


@pytest.mark.parametrize("aantal", [1, 20])
def test_the_search_takes_the_same_number_of_queries_for_1_or_20_results(
    client_van, eigenaar, vragenbank, django_assert_num_queries, aantal
):
    for n in range(aantal):
        gesprek = kaal_gesprek(eigenaar=eigenaar, organisatie=f"Gemeente {n}", samenvatting="Over de wachtlijst.")
        Afspraak.objects.create(gesprek=gesprek, wat="De wachtlijst halveren.", wie="Wethouder")
        Aantekening.objects.create(gesprek=gesprek, tekst="Een wachtlijst van een half jaar.")
    client = client_van(eigenaar)

    with django_assert_num_queries(QUERIES_VAN_EEN_ZOEKOPDRACHT):
        response = zoeken(client, "wachtlijst")

    assert len(gevonden(response)) == aantal
    assert len(passages(response)) == 3 * aantal


@pytest.mark.parametrize("zoek", ['"', "*", "(", ")", "-", ":", "'", "OR", "NEAR", "AND NOT", "a", "   ", "\x00"])
def test_a_search_that_cannot_be_run_says_so_in_dutch_and_lists_all(client_van, eigenaar, zoek):
    kaal_gesprek(eigenaar=eigenaar, organisatie="Gemeente Rivierstad")

    response = zoeken(client_van(eigenaar), zoek)

    if zoek in ("OR", "NEAR", "AND NOT"):
        assert gevonden(response) == []
    else:
        assert gevonden(response) == ["Gemeente Rivierstad"]
        if zoek.strip(" \x00"):
            assert "Zoek op een woord van minstens twee letters of cijfers." in response.content.decode()


def test_syntax_of_the_search_engines_is_taken_as_plain_words(client_van, eigenaar, genoteerd):
    client = client_van(eigenaar)

    assert gevonden(zoeken(client, '"wachtlijst" OR *jeugd* NEAR(wijkteam)')) == []
    assert gevonden(zoeken(client, '"wachtlijst" *jeugd* (wijkteam)')) == [genoteerd.organisatie.naam]


def test_a_long_search_is_cut_to_200_characters_with_a_message(client_van, eigenaar, genoteerd):
    response = zoeken(client_van(eigenaar), "wachtlijst " * 1000)

    assert gevonden(response) == [genoteerd.organisatie.naam]
    assert "Uw zoekvraag is te lang; hij is ingekort tot 200 tekens." in response.content.decode()
    assert len(response.context["zoek"]) <= 200


def test_a_lone_surrogate_or_invalid_utf8_is_no_error(client_van, eigenaar, genoteerd):
    client = client_van(eigenaar)

    response = client.get(URL + "?zoek=" + quote_from_bytes("wachtlijst \ud800".encode("utf-8", "surrogatepass")))

    assert response.status_code == 200
    assert gevonden(response) == [genoteerd.organisatie.naam]


@FUZZ
@given(zoek=st.one_of(LASTIG, st.text(TEKENS, max_size=300)))
def test_any_search_gives_a_page_and_changes_nothing(client_van, eigenaar, genoteerd, zoek):
    voor = list(Aantekening.objects.order_by("pk").values_list("pk", "tekst", "versie"))

    response = client_van(eigenaar).get(URL + "?zoek=" + quote_from_bytes(zoek.encode("utf-8", "surrogatepass")))

    assert response.status_code == 200
    assert list(Aantekening.objects.order_by("pk").values_list("pk", "tekst", "versie")) == voor
