"""Two inspectors mark a note at the same moment, in gesprekken that count in the same totals (same quarter and
filter values), or in the same quarter's totals over every filter value: the second waits for the first, and the
totals hold both."""

import datetime
import threading

import pytest
from django.db import connection, transaction

from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, Gesprek
from gesprekken.overzicht.telling import overzicht_maken

from ..gelijktijdig import alleen_postgresql, wachten_tot_een_verzoek_op_een_slot_wacht
from .builders import GV, gehouden

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), alleen_postgresql]


def _markeren(gesprek, observatie):
    aantekening = Aantekening.objects.filter(gesprek=gesprek, element__naam=GV, criterium__label="1").get()
    aantekening = Aantekening.om_op_te_slaan(aantekening.pk)
    services.aantekening_opslaan(
        aantekening=aantekening, tekst="", observatie=observatie, versie=aantekening.versie, wie=Wie(gesprek.eigenaar)
    )


def _cijfers(alle):
    overzicht = overzicht_maken(Gesprek.objects.gehouden(), alle=alle)
    elementen = [(r.groep, r.tellingen) for r in overzicht.elementen]
    return elementen, [(r.bron_id, r.tellingen) for r in overzicht.criteria]


@pytest.mark.parametrize("inspectie", ["igj", "nla"], ids=["zelfde-sleutel", "zelfde-kwartaal"])
def test_two_saves_in_the_same_totals_at_once_both_count(vragenbank, eigenaar, co_inspecteur, inspectie):
    een = gehouden(eigenaar, vragenbank, organisatie="Een", datum=datetime.date(2026, 2, 10), inspectie="igj")
    twee = gehouden(
        co_inspecteur, vragenbank, organisatie="Twee", datum=datetime.date(2026, 3, 2), inspectie=inspectie
    )

    def tweede():
        try:
            _markeren(twee, "ontwikkelpunt")
        finally:
            connection.close()

    with transaction.atomic():
        _markeren(een, "sterk_punt")
        draad = threading.Thread(target=tweede)
        draad.start()
        wachten_tot_een_verzoek_op_een_slot_wacht()
    draad.join(timeout=30)

    elementen, criteria = _cijfers(alle=True)
    assert (elementen, criteria) == _cijfers(alle=False)  # the totals equal the stand, counted row by row
    gv = next(tellingen for _, tellingen in criteria if tellingen["besproken"])
    assert (gv["besproken"], gv["sterk_punt"], gv["ontwikkelpunt"]) == (2, 1, 1)
