"""The log of who did what with which gesprek (BIO: actor, action, object, result, time, place).

Only facts about the access go in: never a note's text, a password or a form's contents.
"""

from .models import Gebeurtenis, Gesprek, past_in_een_id


def vastleggen(request, actie, gesprek: Gesprek | None = None, *, nummer=None, wat="", resultaat=None):
    nummer = gesprek.pk if gesprek is not None else nummer
    Gebeurtenis.objects.create(
        gebruiker=request.user if request.user.is_authenticated else None,
        gebruikersnaam=request.user.get_username()[:150],
        actie=actie,
        resultaat=resultaat or Gebeurtenis.Resultaat.GELUKT,
        gesprek=gesprek,
        gesprek_nummer=nummer if nummer is not None and past_in_een_id(nummer) else None,
        wat=wat[:300],
        ip=request.META.get("REMOTE_ADDR") or None,
    )


def geweigerd(request, nummer):
    """A refused attempt at a gesprek: reading for GET, changing for anything else."""
    actie = Gebeurtenis.Actie.BEKEKEN if request.method in ("GET", "HEAD") else Gebeurtenis.Actie.GEWIJZIGD
    vastleggen(request, actie, nummer=nummer, resultaat=Gebeurtenis.Resultaat.GEWEIGERD)


def delen_vastleggen(request, gesprek: Gesprek, *, voor: set):
    """Logs whom a gesprek was shared with, or no longer, if that changed."""
    na = set(gesprek.co_inspecteurs.all())
    for actie, wie in (("gedeeld met", na - voor), ("niet meer gedeeld met", voor - na)):
        if wie:
            namen = ", ".join(sorted(u.get_username() for u in wie))
            vastleggen(request, Gebeurtenis.Actie.GEDEELD, gesprek, wat=f"{actie} {namen}")
