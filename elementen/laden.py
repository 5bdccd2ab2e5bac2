"""Filling the bank from the fixtures: every kader the database lacks is added, nothing else is touched.

A kader is known by its soort and versie. One that exists is left alone, whatever editors changed in it or
under it; one that is missing is added whole, with a first history record, so admin shows the source text
before the first edit. New kaders therefore reach a running installation on its next deploy.

Two kinds of file: `vragenbank.json`, Django's fixture format (the handreiking and the leidraad), and
`instrumenten/*.json`, one guide each, nested as the guide is written (kader → instrument → onderdeel → item).
"""

import json
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.db import transaction

from .models import (
    Criterium,
    Doorvraag,
    Element,
    Gespreksaanleiding,
    Gesprekshulp,
    Instrument,
    Item,
    Kader,
    Kwadrant,
    Onderdeel,
    Voorbeeldvraag,
)

REDEN = "Geladen uit de bron"
# Parents before children, so every reference points at a row already added.
VRAGENBANKMODELLEN = [Kader, Element, Kwadrant, Criterium, Voorbeeldvraag, Doorvraag, Gesprekshulp, Gespreksaanleiding]


def _map() -> Path:
    return Path(settings.FIXTURE_DIRS[0])


def _ontbreekt(soort: str, versie: str) -> bool:
    return not Kader.objects.filter(soort=soort, versie=versie).exists()


def _bewaren(obj):
    obj._change_reason = REDEN
    obj.save()
    return obj


@transaction.atomic
def bank_aanvullen() -> list[Kader]:
    """Adds the missing kaders of every fixture; returns them. Running it again adds nothing."""
    toegevoegd = _vragenbank_aanvullen(_map() / "vragenbank.json")
    for pad in sorted((_map() / "instrumenten").glob("*.json")):
        gids = json.loads(pad.read_text(encoding="utf-8"))
        if _ontbreekt(gids["kader"]["soort"], gids["kader"]["versie"]):
            toegevoegd.append(_gids_laden(gids))
    return toegevoegd


def _vragenbank_aanvullen(pad: Path) -> list[Kader]:
    objecten = list(serializers.deserialize("json", pad.read_text(encoding="utf-8")))
    objecten.sort(key=lambda o: VRAGENBANKMODELLEN.index(type(o.object)))
    nieuw = {}  # (model, pk in the fixture) -> pk in this database
    kaders = []
    for gelezen in objecten:
        obj = gelezen.object
        if isinstance(obj, Kader):
            if not _ontbreekt(obj.soort, obj.versie):
                continue
        else:
            verwijzingen = [v for v in obj._meta.concrete_fields if v.is_relation]
            ouders = [(v, (v.related_model, getattr(obj, v.attname))) for v in verwijzingen]
            if not any(sleutel in nieuw for _, sleutel in ouders):
                continue  # under a kader that exists: left as editors keep it
            for veld, sleutel in ouders:
                if getattr(obj, veld.attname) is not None:
                    setattr(obj, veld.attname, nieuw[sleutel])
        oud = obj.pk
        obj.pk = None
        _bewaren(obj)
        nieuw[(type(obj), oud)] = obj.pk
        if isinstance(obj, Kader):
            kaders.append(obj)
        for veldnaam, pks in gelezen.m2m_data.items():
            veld = obj._meta.get_field(veldnaam)
            getattr(obj, veldnaam).set([nieuw[(veld.related_model, pk)] for pk in pks])
    return kaders


def _gids_laden(gids: dict) -> Kader:
    kader = _bewaren(Kader(**gids["kader"], status=Kader.Status.GEPUBLICEERD))
    handreiking = (
        Kader.objects.om_samen_te_stellen()
        .filter(soort=Kader.Soort.HANDREIKING)
        .order_by("-gepubliceerd_op", "-pk")
        .first()
    )
    elementen = {e.nummer: e for e in handreiking.elementen.all()} if handreiking else {}
    for volgorde, gegevens in enumerate(gids["instrumenten"], start=1):
        velden = {k: v for k, v in gegevens.items() if k not in ("elementen", "onderdelen")}
        instrument = _bewaren(Instrument(kader=kader, volgorde=volgorde, **velden))
        instrument.elementen.set([elementen[n] for n in gegevens["elementen"] if n in elementen])
        for onderdeel_volgorde, onderdeel_gegevens in enumerate(gegevens["onderdelen"], start=1):
            items = onderdeel_gegevens["items"]
            velden = {k: v for k, v in onderdeel_gegevens.items() if k != "items"}
            onderdeel = _bewaren(Onderdeel(instrument=instrument, volgorde=onderdeel_volgorde, **velden))
            for item_volgorde, item in enumerate(items, start=1):
                vraag = _bewaren(
                    Item(onderdeel=onderdeel, soort=item["soort"], tekst=item["tekst"], volgorde=item_volgorde)
                )
                for doorvraag_volgorde, tekst in enumerate(item.get("doorvragen", []), start=1):
                    _bewaren(
                        Item(
                            onderdeel=onderdeel,
                            hoofditem=vraag,
                            soort=Item.Soort.DOORVRAAG,
                            tekst=tekst,
                            volgorde=doorvraag_volgorde,
                        )
                    )
    return kader
