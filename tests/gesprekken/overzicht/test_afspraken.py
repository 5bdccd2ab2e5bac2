"""The overview counts the afspraken of its gesprekken per inspectie: open, nagekomen and overdue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gesprekken.models import Afspraak

URL = reverse("gesprekken:overzicht")
VANDAAG = timezone.localdate()


@pytest.fixture
def met_afspraken(gesprekken):
    g1, g2, g3, g4 = gesprekken
    verleden, straks = VANDAAG - datetime.timedelta(days=5), VANDAAG + datetime.timedelta(days=5)
    for gesprek, status, wanneer in [
        (g1, Afspraak.Status.OPEN, verleden),
        (g1, Afspraak.Status.OPEN, straks),
        (g1, Afspraak.Status.NAGEKOMEN, verleden),
        (g2, Afspraak.Status.DEELS, verleden),
        (g2, Afspraak.Status.OPEN, None),
        (g3, Afspraak.Status.OPEN, verleden),
        (g4, Afspraak.Status.OPEN, verleden),  # in voorbereiding: not counted
    ]:
        Afspraak.objects.create(gesprek=gesprek, wat="Iets", wie="Bestuurder", wanneer=wanneer, status=status)
    return gesprekken


def regels(response):
    return {r.inspectie: (r.totaal, r.open, r.verlopen, r.per_status) for r in response.context["afspraken"]}


def test_a_coordinator_sees_the_afspraken_of_all_held_gesprekken_per_inspectie(client_van, coordinator, met_afspraken):
    response = client_van(coordinator).get(URL)

    # per_status: nagekomen, deels, niet nagekomen, vervallen
    assert regels(response) == {
        "Inspectie Gezondheidszorg en Jeugd (IGJ)": (5, 3, 1, [1, 1, 0, 0]),
        "Inspectie Justitie en Veiligheid (IJenV)": (1, 1, 1, [0, 0, 0, 0]),
        "Totaal": (6, 4, 2, [1, 1, 0, 0]),
    }
    html = response.content.decode()
    assert "Afspraken per inspectie" in html and "Waarvan verlopen" in html


def test_an_inspector_counts_only_the_own_and_shared_gesprekken(client_van, eigenaar, met_afspraken):
    assert regels(client_van(eigenaar).get(URL)) == {
        "Inspectie Gezondheidszorg en Jeugd (IGJ)": (3, 2, 1, [1, 0, 0, 0]),
        "Inspectie Justitie en Veiligheid (IJenV)": (1, 1, 1, [0, 0, 0, 0]),
        "Totaal": (4, 3, 2, [1, 0, 0, 0]),
    }


def test_the_period_and_inspectie_filters_apply_to_the_afspraken(client_van, coordinator, met_afspraken):
    response = client_van(coordinator).get(URL, {"inspectie": "jenv"})

    assert regels(response) == {"Inspectie Justitie en Veiligheid (IJenV)": (1, 1, 1, [0, 0, 0, 0])}
    assert regels(client_van(coordinator).get(URL, {"van": "2026-05-01"})) == {
        "Inspectie Gezondheidszorg en Jeugd (IGJ)": (2, 1, 0, [0, 1, 0, 0]),
    }


def test_without_afspraken_the_overview_says_so(client_van, coordinator, gesprekken):
    assert "Er zijn in deze gesprekken geen afspraken vastgelegd." in client_van(coordinator).get(URL).content.decode()
