"""Instruments in a gesprek: copying one from the bank, the places to fill in, and the rows of a repeated table.

An instrument's `inhoud` is copied whole (see GesprekInstrument); each place to fill in is an Invulveld with a
note (Aantekening) of its own, so what is typed there is saved, versioned and merged as every note is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from elementen.models import Instrument, Item, Onderdeel

from .models import Aantekening, Gesprek, GesprekInstrument, InstrumentRij, Invulveld

if TYPE_CHECKING:
    from deelname.models import Antwoord

# Items that are a row of a table, a question to answer or a statement to place on a scale.
REGELS = {Item.Soort.VRAAG, Item.Soort.STELLING, Item.Soort.RIJ}
IN_EIGEN_WOORDEN = {Item.Soort.VRAAG, Item.Soort.STELLING, Item.Soort.RIJ, Item.Soort.TEKST, Item.Soort.STAP}


def inhoud_van(instrument: Instrument, gesprek: Gesprek) -> list[dict]:
    """The instrument's onderdelen and items as the gesprek keeps them, in the organisation's own words."""
    onderdelen = []
    for onderdeel in instrument.onderdelen.all():
        items = []
        for item in onderdeel.items.all():
            if item.hoofditem_id:
                continue
            tekst = gesprek.in_eigen_woorden(item.tekst) if item.soort in IN_EIGEN_WOORDEN else item.tekst
            items.append(
                {
                    "soort": item.soort,
                    "tekst": tekst,
                    "doorvragen": [gesprek.in_eigen_woorden(d.tekst) for d in item.doorvragen.all()],
                }
            )
        onderdelen.append(
            {
                "titel": onderdeel.titel,
                "tekst": onderdeel.tekst,
                "soort": onderdeel.soort,
                "herhaling": onderdeel.herhaling,
                "items": items,
            }
        )
    return onderdelen


def _kolommen(onderdeel: dict) -> list[int | None]:
    kolommen = [n for n, item in enumerate(onderdeel["items"]) if item["soort"] == Item.Soort.KOLOM]
    return kolommen or [None]


def _regels(onderdeel: dict) -> list[int]:
    return [n for n, item in enumerate(onderdeel["items"]) if item["soort"] in REGELS]


def vaste_velden(instrument: GesprekInstrument) -> list[Invulveld]:
    """The places to fill in that do not wait for an added row: every question, statement, slider, fixed cell."""
    velden = []
    for o, onderdeel in enumerate(instrument.inhoud):
        soort = onderdeel["soort"]
        if soort in (Onderdeel.Soort.VRAGEN, Onderdeel.Soort.SCAN):
            velden += [Invulveld(instrument=instrument, onderdeel=o, item=i) for i in _regels(onderdeel)]
        elif soort == Onderdeel.Soort.SCHUIF:
            velden.append(Invulveld(instrument=instrument, onderdeel=o))
        elif soort == Onderdeel.Soort.TABEL and not onderdeel["herhaling"]:
            regels = _regels(onderdeel) or [None]
            velden += [
                Invulveld(instrument=instrument, onderdeel=o, item=i, kolom=k)
                for i in regels
                for k in _kolommen(onderdeel)
            ]
    return velden


def rijvelden(rij) -> list[Invulveld]:
    onderdeel = rij.instrument.inhoud[rij.onderdeel]
    return [
        Invulveld(instrument=rij.instrument, onderdeel=rij.onderdeel, rij=rij, kolom=k) for k in _kolommen(onderdeel)
    ]


def velden_aanmaken(gesprek: Gesprek, velden: list[Invulveld]) -> None:
    velden = Invulveld.objects.bulk_create(velden)
    Aantekening.objects.bulk_create(Aantekening(gesprek=gesprek, veld=veld) for veld in velden)


def is_herhaald(instrument: GesprekInstrument, onderdeel: int) -> bool:
    inhoud = instrument.inhoud
    return (
        0 <= onderdeel < len(inhoud)
        and inhoud[onderdeel]["soort"] == Onderdeel.Soort.TABEL
        and bool(inhoud[onderdeel]["herhaling"])
    )


@dataclass
class Regel:
    """A question or statement of an instrument, with what was filled in for it."""

    tekst: str
    doorvragen: list[str]
    waarde: Aantekening | Antwoord | None


@dataclass
class Tabelrij:
    naam: str
    rij: InstrumentRij | None  # an added row, which can be removed; None for a fixed row
    cellen: list[tuple[str, Aantekening | Antwoord | None]]  # (column, what was filled in)


@dataclass
class Deel:
    """An onderdeel as the gesprek pages and the organisation's page show it."""

    nummer: int
    titel: str
    tekst: str
    soort: str
    herhaling: str
    items: list[dict]
    keuzes: list[tuple[str, str]]
    regels: list[Regel] = field(default_factory=list)
    kolommen: list[str] = field(default_factory=list)
    rijen: list[Tabelrij] = field(default_factory=list)
    schuif: Aantekening | Antwoord | None = None

    @property
    def rijnaam(self):
        return HERHALING_NAAM.get(self.herhaling, "rij")


HERHALING_NAAM = {
    Onderdeel.Herhaling.PARTNER: "samenwerkingspartner",
    Onderdeel.Herhaling.ROL: "rol",
    Onderdeel.Herhaling.STAKEHOLDER: "stakeholder",
    Onderdeel.Herhaling.OVERLEG: "overleg",
}


def _aantekening(veld: Invulveld) -> Aantekening | None:
    return getattr(veld, "aantekening", None)


def delen(
    instrument: GesprekInstrument, waarde_van: Callable[[Invulveld], Aantekening | Antwoord | None] = _aantekening
) -> list[Deel]:
    """The instrument's onderdelen with their fields, from the velden and rijen prefetched (met_velden).

    `waarde_van` gives what stands in a field: by default the inspector's note; the organisation's page gives the
    contact's answer instead."""
    ingevuld = {(v.onderdeel, v.rij_id, v.item, v.kolom): waarde_van(v) for v in instrument.velden.all()}
    rijen = {}
    for rij in instrument.rijen.all():
        rijen.setdefault(rij.onderdeel, []).append(rij)
    uitkomst = []
    for o, onderdeel in enumerate(instrument.inhoud):
        items = onderdeel["items"]
        kolommen = [k for k, item in enumerate(items) if item["soort"] == Item.Soort.KOLOM] or [None]
        deel = Deel(
            nummer=o,
            titel=onderdeel["titel"],
            tekst=onderdeel["tekst"],
            soort=onderdeel["soort"],
            herhaling=onderdeel["herhaling"],
            items=items,
            keuzes=Invulveld.keuzes_van(onderdeel),
            kolommen=[items[k]["tekst"] for k in kolommen if k is not None],
        )
        if deel.soort in (Onderdeel.Soort.VRAGEN, Onderdeel.Soort.SCAN):
            deel.regels = [
                Regel(items[i]["tekst"], items[i]["doorvragen"], ingevuld.get((o, None, i, None)))
                for i in _regels(onderdeel)
            ]
        elif deel.soort == Onderdeel.Soort.SCHUIF:
            deel.schuif = ingevuld.get((o, None, None, None))
        elif deel.soort == Onderdeel.Soort.TABEL and deel.herhaling:
            deel.rijen = [
                Tabelrij(rij.naam, rij, [(_kolomnaam(items, k), ingevuld.get((o, rij.pk, None, k))) for k in kolommen])
                for rij in rijen.get(o, [])
            ]
        elif deel.soort == Onderdeel.Soort.TABEL:
            deel.rijen = [
                Tabelrij(
                    items[i]["tekst"] if i is not None else "",
                    None,
                    [(_kolomnaam(items, k), ingevuld.get((o, None, i, k))) for k in kolommen],
                )
                for i in _regels(onderdeel) or [None]
            ]
        uitkomst.append(deel)
    return uitkomst


def _kolomnaam(items, kolom):
    return items[kolom]["tekst"] if kolom is not None else "Antwoord"


def aantekeningen_van(deel: Deel) -> list[Aantekening]:
    """Every field of an onderdeel that exists, in the order shown."""
    velden = [r.waarde for r in deel.regels] + [a for rij in deel.rijen for _, a in rij.cellen] + [deel.schuif]
    return [a for a in velden if a is not None]


def van(gesprek: Gesprek) -> list[GesprekInstrument]:
    """The instruments of a gesprek prefetched by met_vragenlijst: those for the whole gesprek, then per element."""
    return [*gesprek.algemene_instrumenten, *(i for e in gesprek.elementen.all() for i in e.instrumenten.all())]


def is_ingevuld(instrument: GesprekInstrument) -> bool:
    """Whether anything was filled in, from the prefetched velden: the report leaves out an empty instrument."""
    return any(getattr(v, "aantekening", None) and v.aantekening.is_ingevuld for v in instrument.velden.all())
