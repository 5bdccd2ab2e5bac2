"""The stand summed per quarter and filter values (`OverzichtTotaal`), so a coordinator's overview adds up a few
rows per quarter instead of a row per element and criterion of every gesprek; and those summed per quarter over
every filter value (`ongefilterd`), so an overview without filters adds up fewer still.

A total is never adjusted by a difference: `herberekenen` counts the totals of a key (quarter and filter values)
again from the stand's rows of that key, and then the quarter's totals over every filter value from its keys'
totals, in the transaction that changed them. On PostgreSQL a lock per key and per quarter makes a second
transaction wait until the first has committed, so it counts the first one's rows too.
"""

import datetime
import hashlib
from functools import reduce
from operator import or_

from django.apps import apps as geladen_apps
from django.db import connection
from django.db.models import Case, CharField, Count, Max, Min, Q, Sum, Value, When

from .maten import CRITERIUM, ELEMENT, MAAT_NAMEN

SLEUTEL = ("kwartaal", "inspectie", "aanleiding", "organisatie_type", "kader_id")
GROEP = ("soort", "bron_element_id", "bron_criterium_id", "naam", "label")


def kwartaal_van(datum: datetime.date) -> datetime.date:
    return datetime.date(datum.year, (datum.month - 1) // 3 * 3 + 1, 1)


def _vergrendelen(sleutels) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite lets one transaction write at a time
    nummers = sorted(
        int.from_bytes(hashlib.blake2b(repr(s).encode(), digest_size=8).digest(), "big", signed=True) for s in sleutels
    )
    with connection.cursor() as cursor:
        for nummer in nummers:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [nummer])


# Which kind a stand row is, as `OverzichtTotaal.soort` holds it.
SOORT = Case(When(criterium__isnull=True, then=Value(ELEMENT)), default=Value(CRITERIUM), output_field=CharField())


def geteld(standen, *per):
    """The stand's rows counted per `per`: per measure the gesprekken whose row counts so, the newest copies (whose
    wording the overview shows) and the order.

    Rows, not distinct gesprekken: a gesprek holds one copy of each element and criterion of its kader, and
    counting distinct values sorted every row once per measure. Only columns of the stand's indexes by quarter
    (`OverzichtStand.Meta`) are read, so PostgreSQL need not read the rows themselves.
    """
    return _per(
        standen,
        per,
        gesprekken=Count("element"),
        **{maat: Count("element", filter=Q(**{maat: True})) for maat in MAAT_NAMEN},
        nieuwste_element=Max("element"),
        nieuwste_criterium=Max("criterium"),
    )


def opgeteld(totalen, *per):
    """Totals added up per `per`: the same figures as `geteld` gives for the rows they hold."""
    return _per(
        totalen,
        per,
        **{veld: Sum(veld) for veld in ("gesprekken", *MAAT_NAMEN)},
        **{veld: Max(veld) for veld in ("nieuwste_element", "nieuwste_criterium")},
    )


def _per(rijen, per, **cijfers):
    return (
        rijen.values(*per)
        .annotate(**cijfers, volgorde=Min("volgorde"), criterium_volgorde=Min("criterium_volgorde"))
        .order_by()
    )


def _ongefilterd_herberekenen(Totaal, kwartalen=None) -> None:
    """The totals over every filter value of these quarters (None: of all) again, from their keys' totals."""
    oud, per_sleutel = Totaal.objects.filter(ongefilterd=True), Totaal.objects.filter(ongefilterd=False)
    if kwartalen is not None:
        oud, per_sleutel = oud.filter(kwartaal__in=kwartalen), per_sleutel.filter(kwartaal__in=kwartalen)
    oud.delete()
    leeg = {"ongefilterd": True, "inspectie": "", "aanleiding": "", "organisatie_type": ""}
    rijen = opgeteld(per_sleutel, "kwartaal", *GROEP).iterator()
    Totaal.objects.bulk_create((Totaal(**rij, **leeg) for rij in rijen), batch_size=500)


def herberekenen(sleutels, apps=geladen_apps) -> None:
    """Counts the totals of these keys (tuples in the order of `SLEUTEL`) again, and those of their quarters over
    every filter value; keys without a quarter (a gesprek not held) count nowhere. Call it in the transaction that
    changed the stand, after the change."""
    sleutels = {s for s in sleutels if s[0] is not None}
    if not sleutels:
        return
    Stand = apps.get_model("gesprekken", "OverzichtStand")
    Totaal = apps.get_model("gesprekken", "OverzichtTotaal")
    kwartalen = {s[0] for s in sleutels}
    _vergrendelen(sleutels | {(k,) for k in kwartalen})
    waar = reduce(or_, (Q(**dict(zip(SLEUTEL, s, strict=True))) for s in sleutels))
    Totaal.objects.filter(waar, ongefilterd=False).delete()
    rijen = geteld(Stand.objects.filter(waar).annotate(soort=SOORT), *SLEUTEL, *GROEP)
    Totaal.objects.bulk_create((Totaal(**rij) for rij in rijen), batch_size=500)
    _ongefilterd_herberekenen(Totaal, kwartalen)


def alles_herberekenen(apps=geladen_apps) -> None:
    """Every total from the stand as it is: after `stand.alles_opbouwen`."""
    Stand = apps.get_model("gesprekken", "OverzichtStand")
    Totaal = apps.get_model("gesprekken", "OverzichtTotaal")
    Totaal.objects.all().delete()
    rijen = geteld(Stand.objects.filter(kwartaal__isnull=False).annotate(soort=SOORT), *SLEUTEL, *GROEP)
    Totaal.objects.bulk_create((Totaal(**rij) for rij in rijen.iterator()), batch_size=1000)
    _ongefilterd_herberekenen(Totaal)
