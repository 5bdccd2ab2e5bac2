"""Kept figures are never older than the data: every change counts at once."""

import datetime

from elementen.models import Criterium
from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening

from .builders import EV, GV, QUERIES_OM_TE_TELLEN, QUERIES_VAN_HET_OVERZICHT, URL, overzicht_van, telling, tellingen


def test_figures_are_not_kept_while_a_change_may_still_be_on_its_way(
    client_van, coordinator, gesprekken, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("elementen.cache.BEZINKTIJD", datetime.timedelta(seconds=5))
    client = client_van(coordinator)
    client.get(URL)

    with django_assert_num_queries(QUERIES_VAN_HET_OVERZICHT + QUERIES_OM_TE_TELLEN):
        client.get(URL)


def test_a_saved_note_counts_at_once(client_van, coordinator, eigenaar, gesprekken):
    g1, *_ = gesprekken
    client = client_van(coordinator)
    assert tellingen(overzicht_van(client).criteria, EV, "1") == telling(niet_besproken=3)
    aantekening = Aantekening.objects.get(gesprek=g1, criterium__element__naam=EV, criterium__label="1")

    services.aantekening_opslaan(
        aantekening=aantekening,
        tekst="Evaluatie besproken.",
        observatie="",
        versie=aantekening.versie,
        wie=Wie(eigenaar),
    )

    assert tellingen(overzicht_van(client).criteria, EV, "1") == telling(besproken=1, niet_besproken=2)


def test_a_gesprek_counts_at_once_when_its_first_note_is_saved(client_van, coordinator, gesprekken):
    *_, g4 = gesprekken
    client = client_van(coordinator)
    assert overzicht_van(client).aantal_gesprekken == 3
    aantekening = Aantekening.objects.filter(gesprek=g4, criterium__isnull=False).first()

    services.aantekening_opslaan(
        aantekening=aantekening, tekst="Gevoerd.", observatie="", versie=aantekening.versie, wie=Wie(g4.eigenaar)
    )

    assert overzicht_van(client).aantal_gesprekken == 4


def test_changed_details_of_a_gesprek_count_at_once(client_van, coordinator, gesprekken):
    g1, *_ = gesprekken
    client = client_van(coordinator)
    assert overzicht_van(client, inspectie="jenv").aantal_gesprekken == 1

    g1.inspectie = "jenv"
    g1.save()

    assert overzicht_van(client, inspectie="jenv").aantal_gesprekken == 2


def test_a_criterium_deleted_from_the_bank_moves_at_once(client_van, coordinator, gesprekken):
    client = client_van(coordinator)
    assert [r.bron_id is None for r in overzicht_van(client).criteria if (r.element, r.label) == (GV, "6")] == [False]

    Criterium.objects.get(element__naam=GV, nummer=6).delete()

    assert [r.bron_id is None for r in overzicht_van(client).criteria if (r.element, r.label) == (GV, "6")] == [True]


def test_a_changed_agenda_counts_at_once(client_van, coordinator, gesprekken):
    g1, *_ = gesprekken
    client = client_van(coordinator)
    assert tellingen(overzicht_van(client).criteria, EV, "1") == telling(niet_besproken=3)

    services.opzet_toepassen(gesprek=g1, wie=Wie(g1.eigenaar), opzet=services.Opzet.NIETS)

    assert tellingen(overzicht_van(client).criteria, EV, "1") == telling(niet_besproken=2)
