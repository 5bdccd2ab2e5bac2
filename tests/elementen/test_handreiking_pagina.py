import pytest
from django.core.cache import cache
from django.urls import reverse

from elementen.models import Criterium, Element, Kader, Voorbeeldvraag

URL = reverse("elementen:handreiking")
# Read from the database; from the cache it is 10 fewer (see test_handreiking_cache.py).
HANDREIKING_GELEZEN = 17


@pytest.fixture
def inspecteur_client(client_van, eigenaar):
    return client_van(eigenaar)


def test_the_handreiking_page_asks_to_log_in_first(client, vragenbank):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_handreiking_page_shows_all_nine_elements_core_first(inspecteur_client, vragenbank):
    html = inspecteur_client.get(URL).content.decode()

    namen = list(Element.objects.filter(kader=vragenbank).values_list("naam", flat=True))
    assert len(namen) == 9
    for naam in namen:
        assert naam in html
    kern = ["Gedeelde visie, gedeeld belang", "Leiderschap en management", "Evaluatie monitoring en reflectie"]
    posities = [html.index(f"{naam} <span") for naam in kern]
    assert posities == sorted(posities)
    assert html.index("Centraal: het inwonerperspectief") < posities[0]
    assert html.index("Financiering") > posities[-1]


def test_the_handreiking_page_shows_criteria_by_kwadrant_and_questions_with_doorvragen(inspecteur_client, vragenbank):
    html = inspecteur_client.get(URL).content.decode()

    for kwadrant in ["Intern stimuleren", "Interne structuur en inrichting", "Extern stimuleren"]:
        assert kwadrant in html
    assert "De bestuurder zorgt dat in P-gesprekken aandacht is voor samenwerken." in html
    assert "Op welke manier bespreekt u in P-gesprekken de competentie samenwerken?" in html
    assert "Words create worlds" in html
    assert "Wat merkt de inwoner er in de zorg of ondersteuning van dat u samenwerkt met organisatie D.?" in html
    assert "gesprek over calamiteit waarin samenwerking speelt" in html


def test_the_leidraad_reads_with_lettered_criteria(inspecteur_client, vragenbank):
    leidraad = Kader.objects.get(soort=Kader.Soort.LEIDRAAD)

    html = inspecteur_client.get(reverse("elementen:kader", args=[leidraad.pk])).content.decode()

    assert "Gedeelde en vastgestelde visie" in html
    assert 'type="a"' in html
    assert "Er kunnen in de praktijk strijdige doelen" in html


def test_a_concept_kader_is_not_shown_to_inspectors(inspecteur_client, vragenbank):
    Kader.objects.filter(pk=vragenbank.pk).update(status=Kader.Status.CONCEPT)

    assert inspecteur_client.get(URL).status_code == 404
    assert inspecteur_client.get(reverse("elementen:kader", args=[vragenbank.pk])).status_code == 404


def _vergroot_bank(kader):
    """Doubles the bank: more elements, criteria and questions must not cost more queries."""
    for nummer in range(10, 16):
        element = Element.objects.create(kader=kader, nummer=nummer, naam=f"Extra {nummer}", is_kernelement=True)
        for i in range(1, 6):
            criterium = Criterium.objects.create(element=element, nummer=i, tekst=f"Criterium {i}")
            vraag = Voorbeeldvraag.objects.create(element=element, nummer=i, tekst=f"Vraag {i}")
            vraag.criteria.add(criterium)
            vraag.doorvragen.create(volgorde=1, tekst="Doorvraag")


def test_the_handreiking_page_costs_the_same_queries_whatever_the_bank_size(
    inspecteur_client, vragenbank, django_assert_num_queries
):
    cache.clear()
    # session, user, published kaders, state of the bank, kader, elementen, kwadranten, criteria,
    # voorbeeldvragen, doorvragen, criteria per vraag, gesprekshulpen, aanleidingen, other kaders, 2 for the
    # menu's permissions, 3 to renew the session
    with django_assert_num_queries(HANDREIKING_GELEZEN):
        assert inspecteur_client.get(URL).status_code == 200

    _vergroot_bank(vragenbank)

    with django_assert_num_queries(HANDREIKING_GELEZEN):
        response = inspecteur_client.get(URL)
    assert "Extra 15" in response.content.decode()
