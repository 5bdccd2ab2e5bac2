"""The link holder's side of static/js/autosave.js: the protocol of gesprekken/autosave.py (JSON, a version, 409 on
an old one), for the contact's answers and remarks, without an account: the invitation comes from the session."""

from django.http import JsonResponse
from django.utils import timezone

from gesprekken.models import past_in_een_id

from . import toegang


def fout(status, code, melding, **extra):
    response = JsonResponse({"code": code, "melding": melding, **extra}, status=status)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def als_json(ingevuld, uitnodiging):
    """An answer or a remark as static/js/autosave.js reads a saved note."""
    gewijzigd = timezone.localtime(ingevuld.gewijzigd_op) if ingevuld.gewijzigd_op else None
    return {
        "id": ingevuld.pk,
        "tekst": ingevuld.tekst,
        "observatie": "",
        "keuze": getattr(ingevuld, "keuze", ""),
        "versie": ingevuld.versie,
        "opgeslagen_om": f"{gewijzigd:%H:%M}" if gewijzigd else "",
        "door": uitnodiging.naam,
    }


def te_vullen(request, model, pk, melding):
    """(the invitation, its `model` row `pk`, None), or (None, None, the JSON answer why not): a link that no longer
    works, or a row that is not this invitation's (`melding` says what to do)."""
    uitnodiging, weigering = toegang.uitnodiging_uit_sessie(request)
    if weigering:
        niet_geldig = (
            "Deze link werkt niet meer. Uw tekst blijft in deze browser bewaard; neem contact op met de inspecteur."
        )
        return None, None, fout(weigering.status_code, "niet_geldig", niet_geldig)
    rij = model.objects.filter(pk=pk, uitnodiging=uitnodiging).first() if past_in_een_id(pk) else None
    if rij is None:
        return None, None, fout(404, "niet_gevonden", melding)
    rij.uitnodiging = uitnodiging
    return uitnodiging, rij, None


def uitkomst(resultaat, uitnodiging, conflict):
    """The answer to a save: what is stored now, or 409 with the stored text and `conflict` to explain."""
    if not resultaat.opgeslagen:
        return fout(409, "conflict", conflict, server=als_json(resultaat.ingevuld, uitnodiging))
    response = JsonResponse(als_json(resultaat.ingevuld, uitnodiging))
    response["Referrer-Policy"] = "no-referrer"
    return response
