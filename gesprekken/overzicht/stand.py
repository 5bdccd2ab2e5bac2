"""How each element and criterion of a gesprek counts, kept in `OverzichtStand` where it changes.

The overview counts these small rows, joined to the gesprekken that pass its filters, instead of every note on
every visit. A row changes only when its note's observation changes, its text goes between empty and not, or
the agenda changes, or the gesprek's status or details (where it counts: `totalen`): the services call
`element_bijwerken` or `gesprek_bijwerken` in the transaction of that write, and the totals of what changed are
counted again. Typing on in a note changes nothing here.

The rules are the package's (see `__init__`), computed here in Python for one gesprek at a time.
"""

import re

from django.apps import apps as geladen_apps
from django.db import transaction

from gesprekken.models import Gesprek

from . import totalen
from .maten import BESPROKEN, NIET_BESPROKEN, ONTWIKKELPUNT, STERK_PUNT

MAAT_VELDEN = (BESPROKEN, STERK_PUNT, ONTWIKKELPUNT, NIET_BESPROKEN)
# Copied from the gesprek's element or criterion: written again only when data was changed around the services.
KOPIE_VELDEN = (
    "gesprek_id",
    "bron_element_id",
    "bron_criterium_id",
    "naam",
    "label",
    "volgorde",
    "criterium_volgorde",
    *totalen.SLEUTEL,
    "datum",
)
_MET_TEKST = re.compile(r"\S")
GESPREK_VELDEN = ("status", "datum", *totalen.SLEUTEL[1:])  # what `_plaats` reads of a gesprek


def telt_als(observatie: str, tekst: str) -> tuple[str, bool]:
    """What of a note matters to the overview: its observation and, without one, whether it holds text other than
    spaces (with an observation, the text counts for nothing)."""
    return observatie, observatie == "" and bool(_MET_TEKST.search(tekst))


def _aantekening_besproken(observatie, met_tekst):
    return observatie in (STERK_PUNT, ONTWIKKELPUNT) or (observatie == "" and met_tekst)


def criterium_maten(opgenomen: bool, aantekening: tuple[str, bool] | None) -> dict:
    """The measures of a criterion with its note (`telt_als`, or None without a note)."""
    if aantekening is None:
        return dict.fromkeys(MAAT_VELDEN, False)
    observatie, met_tekst = aantekening
    return {
        BESPROKEN: _aantekening_besproken(observatie, met_tekst),
        STERK_PUNT: observatie == STERK_PUNT,
        ONTWIKKELPUNT: observatie == ONTWIKKELPUNT,
        NIET_BESPROKEN: observatie == NIET_BESPROKEN or (opgenomen and observatie == "" and not met_tekst),
    }


def element_maten(opgenomen: bool, aantekeningen: list[tuple[str, bool]]) -> dict:
    """The measures of an element with all its notes (on its criteria and its free note)."""
    besproken = any(_aantekening_besproken(*a) for a in aantekeningen)
    observaties = {observatie for observatie, _ in aantekeningen}
    return {
        BESPROKEN: besproken,
        STERK_PUNT: STERK_PUNT in observaties,
        ONTWIKKELPUNT: ONTWIKKELPUNT in observaties,
        NIET_BESPROKEN: (opgenomen or NIET_BESPROKEN in observaties) and not besproken,
    }


def _plaats(gesprek: dict) -> dict:
    """Where a gesprek's rows count (`totalen.SLEUTEL`, and the date within the quarter), from its `GESPREK_VELDEN`."""
    gehouden = gesprek["status"] in Gesprek.GEHOUDEN
    return {
        "kwartaal": totalen.kwartaal_van(gesprek["datum"]) if gehouden else None,
        **{veld: gesprek[veld] for veld in (*totalen.SLEUTEL[1:], "datum")},
    }


def _sleutel(rij) -> tuple:
    return tuple(getattr(rij, veld) for veld in totalen.SLEUTEL)


def _bijwerken(elementen_filter: dict, apps, *, gesprek_ids=(), tellen=True) -> None:
    """Writes the rows of the elements matching `elementen_filter` (and their criteria) as their notes and their
    gesprek say, and counts the totals they changed again (with `tellen`; and those where `gesprek_ids` count)."""
    Stand = apps.get_model("gesprekken", "OverzichtStand")
    GesprekElement = apps.get_model("gesprekken", "GesprekElement")
    GesprekCriterium = apps.get_model("gesprekken", "GesprekCriterium")
    Aantekening = apps.get_model("gesprekken", "Aantekening")
    element_ids = GesprekElement.objects.filter(**elementen_filter).values("pk")
    # Locked first: two notes of one element saved at once each read the other's note after it committed.
    bestaand = {
        (s.element_id, s.criterium_id): s
        for s in Stand.objects.select_for_update().filter(element__in=element_ids).order_by("pk")
    }
    elementen = list(
        GesprekElement.objects.filter(**elementen_filter).values(
            "pk", "gesprek_id", "bron_id", "naam", "volgorde", "opgenomen", *(f"gesprek__{v}" for v in GESPREK_VELDEN)
        )
    )
    criteria = list(
        GesprekCriterium.objects.filter(element__in=element_ids).values(
            "pk", "element_id", "bron_id", "label", "volgorde", "opgenomen"
        )
    )
    per_element, per_criterium = {}, {}
    for element_id, criterium_id, observatie, tekst in Aantekening.objects.filter(element__in=element_ids).values_list(
        "element_id", "criterium_id", "observatie", "tekst"
    ):
        per_element.setdefault(element_id, []).append(telt_als(observatie, tekst))
        if criterium_id is not None:
            per_criterium[criterium_id] = telt_als(observatie, tekst)

    gewenst = []
    elementen_per_id = {e["pk"]: e for e in elementen}
    plaatsen = {e["gesprek_id"]: _plaats({v: e[f"gesprek__{v}"] for v in GESPREK_VELDEN}) for e in elementen}
    for e in elementen:
        maten = element_maten(e["opgenomen"], per_element.get(e["pk"], []))
        gewenst.append(
            Stand(
                gesprek_id=e["gesprek_id"],
                element_id=e["pk"],
                bron_element_id=e["bron_id"],
                naam=e["naam"],
                volgorde=e["volgorde"],
                **maten,
                **plaatsen[e["gesprek_id"]],
            )
        )
    for c in criteria:
        e = elementen_per_id[c["element_id"]]
        maten = criterium_maten(c["opgenomen"], per_criterium.get(c["pk"]))
        gewenst.append(
            Stand(
                gesprek_id=e["gesprek_id"],
                element_id=e["pk"],
                criterium_id=c["pk"],
                bron_criterium_id=c["bron_id"],
                naam=e["naam"],
                label=c["label"],
                volgorde=e["volgorde"],
                criterium_volgorde=c["volgorde"],
                **maten,
                **plaatsen[e["gesprek_id"]],
            )
        )
    nieuw, gewijzigd, sleutels = [], [], set()
    for rij in gewenst:
        oud = bestaand.get((rij.element_id, rij.criterium_id))
        if oud is None:
            nieuw.append(rij)
            sleutels.add(_sleutel(rij))
        elif any(getattr(oud, v) != getattr(rij, v) for v in MAAT_VELDEN + KOPIE_VELDEN):
            sleutels |= {_sleutel(oud), _sleutel(rij)}
            for v in MAAT_VELDEN + KOPIE_VELDEN:
                setattr(oud, v, getattr(rij, v))
            gewijzigd.append(oud)
    Stand.objects.bulk_create(nieuw, batch_size=500)
    velden = [v.removesuffix("_id") for v in MAAT_VELDEN + KOPIE_VELDEN]
    Stand.objects.bulk_update(gewijzigd, velden, batch_size=500)
    if tellen:
        # Rows deleted with their element leave no trace here: their gesprek's totals are counted again too.
        gesprekken = apps.get_model("gesprekken", "Gesprek").objects.filter(pk__in=gesprek_ids)
        for waarden in gesprekken.values(*GESPREK_VELDEN):
            plaats = _plaats(waarden)
            sleutels.add(tuple(plaats[v] for v in totalen.SLEUTEL))
        totalen.herberekenen(sleutels, apps)


def element_bijwerken(element_id: int) -> None:
    """After a note of this element changed how it counts (its observation, or text between empty and not)."""
    with transaction.atomic(savepoint=False):
        _bijwerken({"pk": element_id}, geladen_apps)


def gesprek_bijwerken(gesprek_id: int) -> None:
    """After the gesprek's list was composed, its agenda changed, or its status or details."""
    with transaction.atomic(savepoint=False):
        _bijwerken({"gesprek_id": gesprek_id}, geladen_apps, gesprek_ids=[gesprek_id])


def gesprek_verwijderen(gesprek_id: int) -> None:
    """Before a gesprek is deleted: its rows go first, and the totals they counted in are counted without them."""
    Stand = geladen_apps.get_model("gesprekken", "OverzichtStand")
    with transaction.atomic(savepoint=False):
        rijen = Stand.objects.filter(gesprek_id=gesprek_id)
        sleutels = set(rijen.values_list(*totalen.SLEUTEL).distinct())
        rijen.delete()
        totalen.herberekenen(sleutels)


def bij_verwijderen(sender, instance, **kwargs) -> None:
    """pre_delete of Gesprek: the admin deletes gesprekken without a service."""
    gesprek_verwijderen(instance.pk)


def standen_opbouwen(apps=geladen_apps, *, per_keer: int = 200) -> None:
    """Every gesprek's rows, as its notes, agenda and details say now, without their totals: gesprek by gesprek in
    batches, each in its own transaction."""
    Gesprek = apps.get_model("gesprekken", "Gesprek")
    ids = list(Gesprek.objects.order_by("pk").values_list("pk", flat=True))
    for begin in range(0, len(ids), per_keer):
        with transaction.atomic():
            _bijwerken({"gesprek_id__in": ids[begin : begin + per_keer]}, apps, tellen=False)


def alles_opbouwen(apps=geladen_apps, *, per_keer: int = 200) -> None:
    """Every gesprek's rows and then every total: for data written around the services (the bench's bulk copy)."""
    standen_opbouwen(apps, per_keer=per_keer)
    with transaction.atomic():
        totalen.alles_herberekenen(apps)
