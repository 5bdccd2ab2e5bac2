"""The figures are never older than the data: every change counts at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from elementen.models import Criterium
from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening

from ..builders import autosave, criterium_aantekeningen
from .builders import EV, GV, overzicht_van, telling, tellingen


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


def _stand_queries(queries):
    return [q["sql"] for q in queries if "overzichtstand" in q["sql"].lower()]


def test_typing_on_in_a_note_writes_nothing_for_the_overview(client_van, eigenaar, gesprek):
    """The autosave's hot path: only a changed observation, or text going between empty and not, counts."""
    aantekening = criterium_aantekeningen(gesprek)[0]
    client = client_van(eigenaar)
    assert autosave(client, gesprek, aantekening, "Eerste woorden", 0).status_code == 200

    with CaptureQueriesContext(connection) as typen:
        assert autosave(client, gesprek, aantekening, "Eerste woorden en meer", 1).status_code == 200
    with CaptureQueriesContext(connection) as observatie:
        assert autosave(client, gesprek, aantekening, "Eerste woorden en meer", 2, "sterk_punt").status_code == 200
    with CaptureQueriesContext(connection) as leeg:
        assert autosave(client, gesprek, aantekening, " \n", 3, "sterk_punt").status_code == 200
    with CaptureQueriesContext(connection) as geen_observatie:
        assert autosave(client, gesprek, aantekening, " \n", 4).status_code == 200

    assert _stand_queries(typen) == []
    assert _stand_queries(observatie)
    assert _stand_queries(leeg) == []  # still sterk punt: emptied text changes nothing while it has an observation
    assert _stand_queries(geen_observatie)
    assert len(typen) < len(observatie)
