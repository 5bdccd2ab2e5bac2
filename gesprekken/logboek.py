"""The log of who did what with which gesprek (BIO: actor, action, object, result, time, place).

Only facts about the access go in: never a note's text, a password or a form's contents. A change's line is
written by its service, in the change's transaction, so a change is never stored without its line.
"""

from dataclasses import dataclass

from .models import Gebeurtenis, Gesprek, past_in_een_id


@dataclass(frozen=True)
class Wie:
    """Who acts, and from which address: what the log keeps of a request."""

    gebruiker: object = None
    ip: str | None = None

    @classmethod
    def van(cls, request):
        gebruiker = request.user if request.user.is_authenticated else None
        return cls(gebruiker, request.META.get("REMOTE_ADDR") or None)


def vastleggen(wie: Wie, actie, gesprek: Gesprek | None = None, *, nummer=None, wat="", resultaat=None):
    nummer = gesprek.pk if gesprek is not None else nummer
    Gebeurtenis.objects.create(
        gebruiker=wie.gebruiker,
        gebruikersnaam=wie.gebruiker.get_username()[:150] if wie.gebruiker else "",
        actie=actie,
        resultaat=resultaat or Gebeurtenis.Resultaat.GELUKT,
        gesprek=gesprek,
        gesprek_nummer=nummer if nummer is not None and past_in_een_id(nummer) else None,
        wat=wat[:300],
        ip=wie.ip,
    )


def geweigerd(wie: Wie, actie, nummer):
    """A refused attempt at gesprek `nummer`: `actie` is what was tried (bekeken or gewijzigd)."""
    vastleggen(wie, actie, nummer=nummer, resultaat=Gebeurtenis.Resultaat.GEWEIGERD)


def delen_vastleggen(wie: Wie, gesprek: Gesprek, *, voor: set):
    """Logs whom a gesprek was shared with, or no longer, if that changed."""
    na = set(gesprek.co_inspecteurs.all())
    for actie, wie_erbij in (("gedeeld met", na - voor), ("niet meer gedeeld met", voor - na)):
        if wie_erbij:
            namen = ", ".join(sorted(u.get_username() for u in wie_erbij))
            vastleggen(wie, Gebeurtenis.Actie.GEDEELD, gesprek, wat=f"{actie} {namen}")
