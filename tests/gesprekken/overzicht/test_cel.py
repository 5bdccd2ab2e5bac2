"""The drill-down: the gesprekken behind one number of the overview, and whose notes it shows."""

import datetime

import pytest

from elementen.models import Criterium
from gesprekken.models import Aantekening, Gesprek, GesprekElement
from gesprekken.overzicht import stand
from gesprekken.overzicht.views import PER_PAGINA

from ..builders import kaal_gesprek
from .builders import FIN, GV, LIJST, QUERIES_VAN_DE_LIJST, URL, aantekening_zetten, gehouden, overzicht_van


def lijst(client, **parameters):
    response = client.get(LIJST, parameters)
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def criterium_bron(element, nummer):
    return str(Criterium.objects.get(element__naam=element, nummer=nummer).pk)


def test_a_coordinator_sees_which_gesprekken_are_behind_a_cell_but_not_their_notes(
    client_van, coordinator, gesprekken
):
    response = lijst(client_van(coordinator), soort="criterium", bron=criterium_bron(GV, 1), maat="besproken")
    html = response.content.decode()

    assert [g.organisatie.naam for g in response.context["pagina"]] == ["Gemeente Twee", "Zorg Een", "Justitie Drie"]
    assert f"<h1>Besproken: {GV}, criterium 1</h1>" in html
    assert "De organisaties zoeken proactief de vraag van hun inwoners" in html
    assert "Inspectie Justitie en Veiligheid (IJenV)" in html
    assert "10 februari 2026" in html
    for tekst in ("Visie gedeeld met het wijkteam.", "Wat alleen de buitenstaander mag lezen.", "Sterke gezamenlijke"):
        assert tekst not in html
    assert html.count("Alleen zichtbaar voor de inspecteurs van dit gesprek.") == 3
    assert "/voeren/" not in html and "/afronden/" not in html


def test_an_inspector_sees_the_notes_of_their_own_gesprekken_behind_a_cell_with_a_link(
    client_van, eigenaar, gesprekken
):
    g1, _, g3, _ = gesprekken
    response = lijst(client_van(eigenaar), soort="criterium", bron=criterium_bron(GV, 1), maat="sterk_punt")
    html = response.content.decode()

    assert [g.organisatie.naam for g in response.context["pagina"]] == ["Zorg Een", "Justitie Drie"]
    assert "Visie gedeeld met het wijkteam." in html
    assert "Sterke gezamenlijke visie." in html
    assert f'href="/gesprekken/{g1.pk}/voeren/">Zorg Een</a>' in html
    assert f'href="/gesprekken/{g3.pk}/voeren/">Justitie Drie</a>' in html
    assert "Wat alleen de buitenstaander mag lezen." not in html


def test_a_coordinator_who_is_on_a_gesprek_sees_its_notes_and_only_its_notes(client_van, eigenaar, gesprekken):
    # One person in both roles: the totals are everyone's, the notes only those of their own gesprekken.
    from django.contrib.auth.models import Group

    eigenaar.groups.add(Group.objects.get(name="Coördinatoren"))
    response = lijst(
        client_van(eigenaar),
        soort="element",
        bron=str(gesprekken[0].elementen.get(naam=GV).bron_id),
        maat="ontwikkelpunt",
    )
    html = response.content.decode()

    assert [g.organisatie.naam for g in response.context["pagina"]] == ["Gemeente Twee", "Zorg Een"]
    assert "Criterium 2</span> – ontwikkelpunt" in html  # Zorg Een, without text
    assert "Wat alleen de buitenstaander mag lezen." not in html
    assert html.count("Alleen zichtbaar voor de inspecteurs van dit gesprek.") == 1


def test_an_element_cell_lists_the_free_note_too(client_van, eigenaar, gesprekken):
    bron = gesprekken[0].elementen.get(naam=FIN).bron_id

    html = lijst(client_van(eigenaar), soort="element", bron=str(bron), maat="besproken").content.decode()

    assert "Overige aantekening" in html
    assert "De subsidie loopt volgend jaar af." in html


def test_the_drill_down_keeps_the_filters(client_van, coordinator, gesprekken):
    response = lijst(
        client_van(coordinator), soort="criterium", bron=criterium_bron(GV, 1), maat="besproken", inspectie="igj"
    )

    assert [g.organisatie.naam for g in response.context["pagina"]] == ["Gemeente Twee", "Zorg Een"]
    assert f'href="{URL}?inspectie=igj"' in response.content.decode()


def test_the_drill_down_finds_a_criterium_by_name_when_the_bank_lost_it(client_van, eigenaar, gesprekken):
    Criterium.objects.get(element__naam=GV, nummer=3).delete()

    response = lijst(client_van(eigenaar), soort="criterium", element=GV, label="3", maat="niet_besproken")

    assert [g.organisatie.naam for g in response.context["pagina"]] == ["Zorg Een", "Justitie Drie"]
    assert "Geen tijd meer voor." in response.content.decode()


def test_the_drill_down_from_a_quarter_lists_the_gesprekken_of_that_quarter(client_van, coordinator, gesprekken):
    overzicht_pagina = client_van(coordinator).get(URL)
    visie = next(t for t in overzicht_pagina.context["themas"] if t.rij.element == GV)
    k1 = visie.kwartalen[1]

    response = client_van(coordinator).get(f"{LIJST}?{k1.links['besproken']}")

    assert [g.organisatie.naam for g in response.context["pagina"]] == ["Zorg Een"]


@pytest.mark.parametrize(
    "parameters",
    [
        {"soort": "criterium", "maat": "besproken"},  # which criterion?
        {"soort": "criterium", "element": GV, "maat": "besproken"},  # without a label
        {"soort": "thema", "bron": "1", "maat": "besproken"},
        {"soort": "element", "bron": "1", "maat": "alles"},
        {"soort": "element", "bron": "1", "maat": "besproken", "van": "gisteren"},
    ],
)
def test_a_drill_down_that_makes_no_sense_is_refused(client_van, coordinator, db, parameters):
    assert client_van(coordinator).get(LIJST, parameters).status_code == 400


@pytest.mark.parametrize("extra", [0, 6])
def test_the_drill_down_takes_the_same_number_of_queries_however_many_gesprekken_are_behind(
    client_van, eigenaar, gesprekken, vragenbank, django_assert_num_queries, extra
):
    for nummer in range(extra):
        gesprek = gehouden(eigenaar, vragenbank, organisatie=f"Extra {nummer}")
        aantekening_zetten(gesprek, GV, "1", tekst=f"Aantekening {nummer}", observatie="sterk_punt")
    client = client_van(eigenaar)
    parameters = {"soort": "criterium", "bron": criterium_bron(GV, 1), "maat": "sterk_punt"}

    client.get(URL)  # the filter choices are now in the cache

    with django_assert_num_queries(QUERIES_VAN_DE_LIJST):
        response = client.get(LIJST, parameters)

    assert len(response.context["pagina"]) == 2 + extra


def test_a_long_drill_down_is_split_into_pages(client_van, eigenaar, vragenbank):
    for dag in range(1, 56):
        kaal_gesprek(
            eigenaar=eigenaar,
            organisatie=f"Org {dag:02d}",
            status="gevoerd",
            datum=datetime.date(2026, 1, 1) + datetime.timedelta(days=dag),
        )
    # Gesprekken without a vragenlijst count nowhere; give them all an element by copying one gesprek's list.
    bron = gehouden(eigenaar, vragenbank, organisatie="Met lijst").elementen.get(naam=GV)
    for gesprek in Gesprek.objects.filter(organisatie__naam__startswith="Org"):
        element = GesprekElement.objects.create(
            gesprek=gesprek, bron=bron.bron, nummer=bron.nummer, naam=bron.naam, opgenomen=True
        )
        Aantekening.objects.create(gesprek=gesprek, element=element, tekst="Besproken.")
        stand.element_bijwerken(element.pk)
    parameters = {"soort": "element", "bron": str(bron.bron_id), "maat": "besproken"}

    eerste = lijst(client_van(eigenaar), **parameters)
    tweede = lijst(client_van(eigenaar), **parameters, pagina="2")

    assert len(eerste.context["pagina"]) == PER_PAGINA
    assert [g.organisatie.naam for g in tweede.context["pagina"]] == [f"Org {dag:02d}" for dag in range(5, 0, -1)]
    assert "Pagina 1 van 2" in eerste.content.decode()


def test_the_counting_rules_are_the_same_in_the_list_as_in_the_table(client_van, coordinator, gesprekken):
    """Every cell's number equals the length of its drill-down list: one definition, used twice."""
    client = client_van(coordinator)
    resultaat = overzicht_van(client)

    for rij in [*resultaat.elementen[:4], *resultaat.criteria[:8]]:
        for maat, _, aantal, query in rij.cellen:
            response = client.get(f"{LIJST}?{query}")
            assert response.context["pagina"].paginator.count == aantal, (rij.naam, maat)
