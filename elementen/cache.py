"""The published kaders and their instruments as readers see them, kept in the cache until the bank changes.

The cache is local to each gunicorn worker, so no worker can be told that the bank changed. Instead every key
holds the state of the bank, read from the database on each request: the newest entry in the history that
every bank model keeps (admin writes one on every save and delete, `vragenbank_laden` a first one), and
which kaders are published. An edit in admin makes a new key in every worker at once; the old entries are
never read again and age out of the cache.
"""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Max, Prefetch, Subquery, Value
from django.template.loader import render_to_string
from django.utils import timezone

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

BANKMODELLEN = [
    Kader,
    Element,
    Kwadrant,
    Criterium,
    Voorbeeldvraag,
    Doorvraag,
    Gesprekshulp,
    Gespreksaanleiding,
    Instrument,
    Onderdeel,
    Item,
]

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
    return _uit_de_cache(f"kader-om-te-lezen:{kader_id}", lambda: _lezen(kader_id))


def _uit_de_cache(naam, lezen):
    """What `lezen()` returns, from the cache while the bank and the published kaders are as they were."""
    gepubliceerd = list(Kader.objects.gepubliceerd().values_list("pk", flat=True))
    gewijzigd_op = vragenbank_gewijzigd_op()
    stand = f"{gewijzigd_op and gewijzigd_op.timestamp()}:{','.join(map(str, gepubliceerd))}"
    sleutel = f"{naam}:{stand}"
    gelezen = cache.get(sleutel)
    if gelezen is None:
        gelezen = lezen()
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
    andere_kaders = list(Kader.objects.gepubliceerd().exclude(pk=kader.pk).only("titel", "versie", "soort"))
    return kader, andere_kaders


# The heading of the one example row of a table filled in once per partner, stakeholder, overleg or role.
VOORBEELDRIJ = {
    Onderdeel.Herhaling.PARTNER: "Samenwerkingspartner",
    Onderdeel.Herhaling.STAKEHOLDER: "Stakeholder",
    Onderdeel.Herhaling.OVERLEG: "Overleg",
    Onderdeel.Herhaling.ROL: "Rol",
}


@dataclass
class Tabel:
    """A table to fill in, cell by cell as the page prints it."""

    kolommen: list[str]
    hoek: bool  # an empty cell above the row headings
    rijen: list[tuple[str, range]]  # (row heading or "", the empty cells after it)
    bijschrift: str
    overige: list[Item]  # texts of the onderdeel that are neither column nor row


@dataclass
class Instrumenten:
    """The instruments of the published guides, by guide and by element of the newest handreiking."""

    kaders: list[Kader]
    per_element: list[tuple[Element, list[Instrument]]]
    zonder_element: list[Instrument]


def instrumenten_om_te_lezen(*, per_element: bool) -> str:
    """The instruments as the page shows them, in HTML.

    Kept rendered, not as rows: rendering forty instruments (by element, most of them two or three times) takes
    ten times as long as reading them.
    """
    return _uit_de_cache(
        f"instrumenten-om-te-lezen:{'element' if per_element else 'kader'}",
        lambda: render_to_string(
            "elementen/_instrumenten.html", {"instrumenten": _instrumenten_lezen(), "per_element": per_element}
        ),
    )


def _instrumenten_lezen() -> Instrumenten:
    items = Item.objects.filter(hoofditem=None).prefetch_related("doorvragen")
    onderdelen = Onderdeel.objects.prefetch_related(Prefetch("items", queryset=items))
    kaders = list(
        Kader.objects.gepubliceerd()
        .filter(soort=Kader.Soort.INSTRUMENTEN)
        .prefetch_related(
            Prefetch(
                "instrumenten",
                queryset=Instrument.objects.prefetch_related("elementen", Prefetch("onderdelen", queryset=onderdelen)),
            )
        )
    )
    nieuwste_handreiking = (
        Kader.objects.gepubliceerd().filter(soort=Kader.Soort.HANDREIKING).order_by("-gepubliceerd_op", "-pk")
    )
    elementen = Element.objects.filter(kader=Subquery(nieuwste_handreiking.values("pk")[:1])).order_by("nummer")
    per_element = {element: [] for element in elementen}
    zonder_element = []
    for kader in kaders:
        for instrument in kader.instrumenten.all():
            bij = [element for element in instrument.elementen.all() if element in per_element]
            for element in bij:
                per_element[element].append(instrument)
            if not bij:
                zonder_element.append(instrument)
            for onderdeel in instrument.onderdelen.all():
                onderdeel.tabel = _tabel(onderdeel) if onderdeel.soort == Onderdeel.Soort.TABEL else None
    return Instrumenten(kaders, list(per_element.items()), zonder_element)


def _tabel(onderdeel: Onderdeel) -> Tabel:
    """The table as the guide draws it: a cell to fill in under every column, in each row.

    Fixed rows are headed by their text. A table filled in per partner, stakeholder, overleg or role gets one
    empty example row, headed by what it is filled in for.
    """
    kolommen = [item.tekst for item in onderdeel.items.all() if item.soort == Item.Soort.KOLOM]
    rijen = [item.tekst for item in onderdeel.items.all() if item.soort == Item.Soort.RIJ]
    overige = [item for item in onderdeel.items.all() if item.soort not in (Item.Soort.KOLOM, Item.Soort.RIJ)]
    voorbeeldrij = VOORBEELDRIJ.get(onderdeel.herhaling)
    koppen = rijen or ([voorbeeldrij] if voorbeeldrij else [""])
    cellen = range(max(len(kolommen), 1))
    bijschrift = ""
    if onderdeel.herhaling:
        bijschrift = f"Eén {'tabel' if rijen else 'rij'} {onderdeel.get_herhaling_display().lower()}"
    return Tabel(
        kolommen=kolommen,
        hoek=bool(kolommen) and koppen != [""],
        rijen=[(kop, cellen) for kop in koppen],
        bijschrift=bijschrift,
        overige=overige,
    )
