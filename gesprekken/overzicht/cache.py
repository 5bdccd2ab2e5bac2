"""The overview's figures, counted once for each state of the data and kept in the cache.

Counting 10,000 gesprekken takes seconds; reading whether anything changed takes three small queries on
indexes. Every cache key holds that state, read from the database before the figures are counted:

- the number of held gesprekken and the newest `gewijzigd_op` among them: a gesprek held, its details or
  sharing changed, its list composed again, afgerond or heropend;
- the newest `gewijzigd_op` of any note: every save of a note sets it;
- the newest change to the question bank (`elementen.cache.vragenbank_gewijzigd_op`): a bank element or
  criterion deleted changes how rows are grouped.

So a coordinator never sees figures older than the data: any change makes a new key, in every gunicorn worker
at once, and the old entries are never read again. The state is read before the figures are counted, so figures
are never older than their key; and as long as changes up to that state may still be on their way
(`elementen.cache.BEZINKTIJD`), the figures are counted but not kept.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max

from elementen.cache import BEWAARTIJD_S, is_bezonken, vragenbank_gewijzigd_op
from gesprekken.models import Aantekening, Gesprek

from .filters import filterkeuzes
from .telling import Overzicht, overzicht_maken


def laatste_wijziging() -> tuple[str, bool]:
    """The state of the data as a string, and whether every change up to it has committed (`is_bezonken`)."""
    gehouden = Gesprek.objects.gehouden().aggregate(aantal=Count("*"), laatst=Max("gewijzigd_op"))
    laatste_aantekening = Aantekening.objects.aggregate(laatst=Max("gewijzigd_op"))
    bank = vragenbank_gewijzigd_op()
    stempel = f"{gehouden['aantal']}:{gehouden['laatst']}:{laatste_aantekening['laatst']}:{bank}"
    return stempel, is_bezonken(gehouden["laatst"], laatste_aantekening["laatst"], bank)


@dataclass(frozen=True)
class Stand:
    """Whose overview (`kring`: everyone's gesprekken, or one inspector's) and the state of the data."""

    kring: str
    stempel: str
    bezonken: bool

    @classmethod
    def nu(cls, user, *, alle: bool):
        return cls("alle" if alle else f"inspecteur-{user.pk}", *laatste_wijziging())

    def filterkeuzes(self, gesprekken) -> list[tuple]:
        """`filters.filterkeuzes` of the gesprekken in view."""
        return self.bewaard(("keuzes",), lambda: filterkeuzes(gesprekken))

    def overzicht(self, gesprekken, *, filters: dict) -> Overzicht:
        """`overzicht_maken` of the gesprekken that pass `filters`, the valid filters as query parameters."""
        wat = ("overzicht", *sorted(filters.items()))
        return self.bewaard(wat, lambda: overzicht_maken(gesprekken, filters=filters))

    def bewaard(self, wat, maken):
        """`maken()`, kept under `wat` for this state of the data once every change up to it has committed."""
        # Filter values are free text: hashed, the key suits any cache backend.
        sleutel = "overzicht:" + hashlib.sha256(repr((self.kring, self.stempel, *wat)).encode()).hexdigest()
        waarde = cache.get(sleutel)
        if waarde is None:
            waarde = maken()
            if self.bezonken:
                cache.set(sleutel, waarde, BEWAARTIJD_S)
        return waarde
