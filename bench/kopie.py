"""Copies of a template gesprek written with COPY: every row of the service's own output, with new keys.

Primary keys come from each table's own sequence, so the app's later inserts do not collide.
"""

import dataclasses
import datetime
import io

from django.db import connection, transaction
from django.utils import timezone

from gesprekken.models import (
    Aantekening,
    Afspraak,
    Bestuurder,
    Gesprek,
    GesprekCriterium,
    GesprekElement,
    GesprekVraag,
    Observatie,
    Organisatie,
    naam_sleutel,
)

from .woorden import ACHTERNAMEN, VOORNAMEN, ZINNEN, aantekeningteksten

BATCH = 1000


@dataclasses.dataclass
class Sjabloon:
    """The rows the service wrote for one gesprek, as column values keyed by attname."""

    gesprek: dict
    elementen: list
    criteria: list
    vragen: list
    aantekeningen: list


@dataclasses.dataclass
class Spec:
    eigenaar_id: int
    sjabloon: int
    organisatie_type: str
    organisatie: str
    datum: datetime.date
    status: str
    co_inspecteur_id: int | None = None
    volle_aantekeningen: bool = False


def _copy_waarde(waarde):
    if waarde is None:
        return "\\N"
    if waarde is True:
        return "t"
    if waarde is False:
        return "f"
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    tekst = str(waarde)
    return tekst.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy(model, rijen):
    if not rijen:
        return
    velden = model._meta.concrete_fields
    kolommen = ", ".join(connection.ops.quote_name(veld.column) for veld in velden)
    buffer = io.StringIO()
    for rij in rijen:
        buffer.write("\t".join(_copy_waarde(rij[veld.attname]) for veld in velden))
        buffer.write("\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({kolommen}) FROM STDIN", buffer)


def _ids(model, aantal):
    """Reserves `aantal` primary keys from the table's own sequence, so the app's later inserts do not collide."""
    if aantal == 0:
        return iter(())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [model._meta.db_table, model._meta.pk.column])
        (reeks,) = cursor.fetchone()
        cursor.execute("SELECT nextval(%s)", [reeks])
        (eerste,) = cursor.fetchone()
        cursor.execute("SELECT setval(%s, %s)", [reeks, eerste + aantal - 1])
    return iter(range(eerste, eerste + aantal))


def _nieuwe_rij(model, **waarden):
    rij = {veld.attname: veld.get_default() for veld in model._meta.concrete_fields}
    rij.update(waarden)
    return rij


def rijen(queryset):
    velden = [veld.attname for veld in queryset.model._meta.concrete_fields]
    return list(queryset.order_by("pk").values(*velden))


def gesprekken_schrijven(specs, sjablonen, rng):
    """Writes the gesprekken of `specs` as copies of their templates, in batches, each batch one transaction."""
    pool = aantekeningteksten(rng)
    organisaties = _organisaties({spec.organisatie: spec.organisatie_type for spec in specs})
    observaties = [Observatie.STERK_PUNT, Observatie.ONTWIKKELPUNT, Observatie.NIET_BESPROKEN, Observatie.GEEN]
    gemaakt = []
    for begin in range(0, len(specs), BATCH):
        deel = specs[begin : begin + BATCH]
        with transaction.atomic():
            gemaakt += _batch_schrijven(deel, sjablonen, rng, pool, observaties, organisaties)
    return gemaakt


def _organisaties(soorten: dict[str, str]) -> dict[str, int]:
    """The id of the organisation of each name, made as the service would when there is none yet: gesprekken of one
    name share it, as inspectors who come back do."""
    bekend = dict(
        Organisatie.objects.filter(sleutel__in={naam_sleutel(n) for n in soorten}).values_list("sleutel", "pk")
    )
    nieuw = [
        Organisatie(naam=naam, sleutel=naam_sleutel(naam), soort=soort)
        for naam, soort in soorten.items()
        if naam_sleutel(naam) not in bekend
    ]
    for organisatie in Organisatie.objects.bulk_create(nieuw):
        bekend[organisatie.sleutel] = organisatie.pk
    return {naam: bekend[naam_sleutel(naam)] for naam in soorten}


def _batch_schrijven(specs, sjablonen, rng, teksten, observaties, organisaties):
    per_sjabloon = [sjablonen[s.sjabloon] for s in specs]
    gesprek_ids = _ids(Gesprek, len(specs))
    element_ids = _ids(GesprekElement, sum(len(s.elementen) for s in per_sjabloon))
    criterium_ids = _ids(GesprekCriterium, sum(len(s.criteria) for s in per_sjabloon))
    eigen = [rng.random() < 0.25 and bool(s.criteria) and any(v["element_id"] for v in s.vragen) for s in per_sjabloon]
    vraag_ids = _ids(GesprekVraag, sum(len(s.vragen) for s in per_sjabloon) + sum(eigen))
    aantekening_ids = _ids(Aantekening, sum(len(s.aantekeningen) for s in per_sjabloon))
    tabellen = {model: [] for model in (Gesprek, GesprekElement, GesprekCriterium, GesprekVraag, Aantekening)}
    bestuurders, afspraken, co = [], [], []
    gemaakt = []

    for spec, sjabloon, met_eigen_vraag in zip(specs, per_sjabloon, eigen, strict=True):
        gesprek_id = next(gesprek_ids)
        gemaakt.append(gesprek_id)
        aangemaakt = timezone.make_aware(datetime.datetime.combine(spec.datum, datetime.time(9)))
        gevoerd = spec.status != Gesprek.Status.VOORBEREIDING
        afgerond = spec.status == Gesprek.Status.VASTGESTELD
        tabellen[Gesprek].append(
            {
                **sjabloon.gesprek,
                "id": gesprek_id,
                "organisatie_id": organisaties[spec.organisatie],
                "organisatie_type": spec.organisatie_type,
                "inspectie": rng.choice(["igj", "jenv", "onderwijs", "nla", "wmo"]),
                "datum": spec.datum,
                "eigenaar_id": spec.eigenaar_id,
                "status": spec.status,
                "samenvatting": rng.choice(teksten) if afgerond else "",
                "wat_goed_gaat": rng.choice(teksten) if afgerond else "",
                "ontwikkelkansen": rng.choice(teksten) if afgerond else "",
                "vastgesteld_op": aangemaakt + datetime.timedelta(days=2) if afgerond else None,
                "aangemaakt_op": aangemaakt - datetime.timedelta(days=21),
                "gewijzigd_op": aangemaakt + datetime.timedelta(days=2 if afgerond else 0),
            }
        )
        for nummer in range(rng.randint(1, 2)):
            bestuurders.append(
                _nieuwe_rij(
                    Bestuurder,
                    gesprek_id=gesprek_id,
                    naam=f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}",
                    functie="voorzitter raad van bestuur" if nummer == 0 else "bestuurder",
                )
            )
        if afgerond:
            for _ in range(rng.randint(1, 3)):
                afspraken.append(
                    _nieuwe_rij(
                        Afspraak,
                        gesprek_id=gesprek_id,
                        wat=rng.choice(ZINNEN),
                        wie="Bestuurder",
                        wanneer=spec.datum + datetime.timedelta(days=rng.randint(30, 180)),
                    )
                )
        if spec.co_inspecteur_id:
            co.append({"gesprek_id": gesprek_id, "user_id": spec.co_inspecteur_id})

        elementen = {e["id"]: next(element_ids) for e in sjabloon.elementen}
        criteria = {c["id"]: next(criterium_ids) for c in sjabloon.criteria}
        vragen = {v["id"]: next(vraag_ids) for v in sjabloon.vragen}
        tabellen[GesprekElement] += [
            {**e, "id": elementen[e["id"]], "gesprek_id": gesprek_id} for e in sjabloon.elementen
        ]
        tabellen[GesprekCriterium] += [
            {**c, "id": criteria[c["id"]], "element_id": elementen[c["element_id"]]} for c in sjabloon.criteria
        ]
        tabellen[GesprekVraag] += [
            {
                **v,
                "id": vragen[v["id"]],
                "gesprek_id": gesprek_id,
                "element_id": elementen.get(v["element_id"]),
                "hoofdvraag_id": vragen.get(v["hoofdvraag_id"]),
            }
            for v in sjabloon.vragen
        ]
        if met_eigen_vraag:
            voorbeeld = next(v for v in sjabloon.vragen if v["element_id"])
            tekst = "Hoe merken de partners dat de afspraken uit het vorige gesprek zijn nagekomen?"
            tabellen[GesprekVraag].append(
                {
                    **voorbeeld,
                    "id": next(vraag_ids),
                    "gesprek_id": gesprek_id,
                    "element_id": elementen[voorbeeld["element_id"]],
                    "hoofdvraag_id": None,
                    "soort": GesprekVraag.Soort.EIGEN,
                    "brontekst": "",
                    "tekst": tekst,
                    "criteria_labels": "",
                    "volgorde": 500,
                    "opgenomen": True,
                }
            )
        for a in sjabloon.aantekeningen:
            rij = {
                **a,
                "id": next(aantekening_ids),
                "gesprek_id": gesprek_id,
                "element_id": elementen[a["element_id"]],
                "criterium_id": criteria.get(a["criterium_id"]),
            }
            kans = (0.6 if a["criterium_id"] else 0.15) if gevoerd else 0.0
            if spec.volle_aantekeningen and a["criterium_id"]:
                kans = 1.0
            if rng.random() < kans:
                rij.update(
                    tekst=rng.choice(teksten),
                    observatie=rng.choice(observaties) if a["criterium_id"] else "",
                    versie=rng.randint(1, 6),
                    gewijzigd_op=aangemaakt + datetime.timedelta(hours=1),
                    gewijzigd_door_id=spec.eigenaar_id,
                )
            tabellen[Aantekening].append(rij)

    for model, rijen in tabellen.items():
        _copy(model, rijen)
    _copy(Bestuurder, _met_ids(Bestuurder, bestuurders))
    _copy(Afspraak, _met_ids(Afspraak, afspraken))
    through = Gesprek.co_inspecteurs.through
    _copy(through, _met_ids(through, co))
    return gemaakt


def _met_ids(model, rijen):
    ids = _ids(model, len(rijen))
    return [{**rij, model._meta.pk.attname: next(ids)} for rij in rijen]
