"""The published kaders as readers see them, kept in the cache until the question bank changes.

The cache is local to each gunicorn worker, so no worker can be told that the bank changed. Instead every key
holds the state of the bank, read from the database on each request: the newest entry in the history that
every bank model keeps (admin writes one on every save and delete, `vragenbank_laden` a first one), and
which kaders are published. An edit in admin makes a new key in every worker at once; the old entries are
never read again and age out of the cache.
"""

import datetime

from django.core.cache import cache
from django.db.models import Max, Value
from django.utils import timezone

from .models import Criterium, Doorvraag, Element, Gespreksaanleiding, Gesprekshulp, Kader, Kwadrant, Voorbeeldvraag

BANKMODELLEN = [Kader, Element, Kwadrant, Criterium, Voorbeeldvraag, Doorvraag, Gesprekshulp, Gespreksaanleiding]

# A change is stamped when it is written and seen by others when it commits, moments later. A change whose stamp
# is older than the newest one may still be on its way, so nothing is kept in the cache while the newest stamp
# is younger than this: longer than any request here writes.
BEZINKTIJD = datetime.timedelta(seconds=5)
BEWAARTIJD_S = 60 * 60


def is_bezonken(*tijdstippen) -> bool:
    """True when every change stamped up to the newest of these times has committed (see BEZINKTIJD)."""
    nieuwste = max((t for t in tijdstippen if t is not None), default=None)
    return nieuwste is None or nieuwste < timezone.now() - BEZINKTIJD


def vragenbank_gewijzigd_op() -> datetime.datetime | None:
    """When the bank last changed, in one query over the indexed `history_date` of each history table."""
    laatste = [
        # A constant to group by: the maximum is then over the whole table.
        model.history.order_by().annotate(tabel=Value(1)).values("tabel").annotate(laatst=Max("history_date"))
        for model in BANKMODELLEN
    ]
    return max((rij["laatst"] for rij in laatste[0].union(*laatste[1:], all=True) if rij["laatst"]), default=None)


def kader_om_te_lezen(kader_id=None):
    """(kader with everything a reader sees, the other published kaders), or None when there is no such kader.

    Without kader_id: the newest published handreiking.
    """
    gepubliceerd = list(Kader.objects.gepubliceerd().values_list("pk", flat=True))
    gewijzigd_op = vragenbank_gewijzigd_op()
    stand = f"{gewijzigd_op and gewijzigd_op.timestamp()}:{','.join(map(str, gepubliceerd))}"
    sleutel = f"kader-om-te-lezen:{stand}:{kader_id}"
    gelezen = cache.get(sleutel)
    if gelezen is None:
        gelezen = _lezen(kader_id)
        if gelezen is not None and is_bezonken(gewijzigd_op):
            cache.set(sleutel, gelezen, BEWAARTIJD_S)
    return gelezen


def _lezen(kader_id):
    kaders = Kader.objects.gepubliceerd().met_inhoud().order_by("-gepubliceerd_op")
    if kader_id is not None:
        kader = kaders.filter(pk=kader_id).first()
    else:
        kader = kaders.filter(soort=Kader.Soort.HANDREIKING).first()
    if kader is None:
        return None
    andere_kaders = list(Kader.objects.gepubliceerd().exclude(pk=kader.pk).only("titel", "versie"))
    return kader, andere_kaders
