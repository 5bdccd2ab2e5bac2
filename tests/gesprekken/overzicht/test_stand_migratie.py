"""The migrations that bring the overview's stand (0011) and totals (0013), run on a database with gesprekken: the
figures after them are the figures the notes give, as the overview counted them before, for an inspector (from the
stand) and for everyone's overview (from the totals)."""

import datetime

import pytest

from gesprekken.models import Gesprek, OverzichtStand
from gesprekken.overzicht.telling import overzicht_maken

from ..migraties import migreren, naar_nieuwste
from .builders import EV, GV, aantekening_zetten, gehouden

VOOR = [("gesprekken", "0010_rapportversies")]
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _cijfers(alle=False):
    overzicht = overzicht_maken(Gesprek.objects.gehouden(), alle=alle)
    return (
        overzicht.aantal_gesprekken,
        [(r.groep, r.gesprekken, r.tellingen) for r in overzicht.elementen],
        [(r.bron_id, r.element, r.label, r.gesprekken, r.tellingen) for r in overzicht.criteria],
    )


def test_the_migration_fills_the_stand_of_every_gesprek_as_its_notes_say(vragenbank, eigenaar):
    een = gehouden(eigenaar, vragenbank, datum=datetime.date(2026, 2, 1))
    aantekening_zetten(een, GV, "1", tekst="Gedeelde visie.", observatie="sterk_punt")
    aantekening_zetten(een, GV, "2", tekst="  ")
    aantekening_zetten(een, EV, "1", tekst="Wel besproken.")
    twee = gehouden(eigenaar, vragenbank, datum=datetime.date(2025, 7, 1), status=Gesprek.Status.VASTGESTELD)
    aantekening_zetten(twee, GV, "1", observatie="niet_besproken")
    verwacht = _cijfers()
    aantal = OverzichtStand.objects.count()

    migreren(VOOR)
    naar_nieuwste()

    assert OverzichtStand.objects.count() == aantal
    assert _cijfers() == verwacht
    assert _cijfers(alle=True) == verwacht
    assert verwacht[2][0][4]["sterk_punt"] == 1
