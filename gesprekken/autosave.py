"""The endpoint the browser saves notes to while the inspector types.

It answers in JSON, never with a redirect or an HTML page, so the page can tell the inspector exactly what
happened: saved, not logged in any more, a colleague saved first, or the gesprek is vastgesteld.
"""

from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import logboek, services
from .forms import AantekeningForm
from .logboek import Wie
from .models import Aantekening, Afspraak, Gebeurtenis, Gesprek, Invulveld, Terugblik
from .roles import is_inspecteur


def _fout(status, code, melding, **extra):
    return JsonResponse({"code": code, "melding": melding, **extra}, status=status)


def _verdwenen():
    """The note of a gesprek the user works on is gone: its vragenlijst was composed anew since the page loaded."""
    return _fout(
        404,
        "verdwenen",
        "Deze aantekening staat niet meer in het gesprek, want de vragenlijst is intussen opnieuw samengesteld. "
        "Kopieer uw tekst en laad de pagina opnieuw.",
    )


def _als_json(aantekening):
    gewijzigd = timezone.localtime(aantekening.gewijzigd_op) if aantekening.gewijzigd_op else None
    door = aantekening.gewijzigd_door
    return {
        "id": aantekening.pk,
        "tekst": aantekening.tekst,
        "observatie": aantekening.observatie,
        "keuze": aantekening.keuze,
        "versie": aantekening.versie,
        "opgeslagen_om": f"{gewijzigd:%H:%M}" if gewijzigd else "",
        "door": (door.get_full_name() or door.username) if door else "",
    }


def _ongeldige_keuze(aantekening, gegevens, terugblik):
    """What is wrong with the buttons sent for this note, or "": an instrument's field has its scale or slider
    and no observation; a criterion's note has an observation and no scale; a terugblik has an afspraak's status."""
    keuze, observatie = gegevens["keuze"], gegevens["observatie"]
    if terugblik is not None:
        if observatie:
            return "Bij een terugblik op een afspraak hoort geen observatie."
        return (
            "Kies een van de getoonde statussen van de afspraak." if keuze not in ["", *Afspraak.Status.values] else ""
        )
    if aantekening.veld_id is None:
        return "Bij deze aantekening hoort geen schaal." if keuze else ""
    if observatie:
        return "Bij een veld van een instrument hoort geen observatie."
    veld = Invulveld.objects.select_related("instrument").filter(pk=aantekening.veld_id).first()
    if keuze and veld and keuze not in dict(veld.keuzes()):
        return "Deze keuze staat niet op de schaal van dit veld. Kies een van de getoonde waarden."
    return ""


@require_POST
def aantekening_opslaan(request, gesprek_id, aantekening_id):
    if not request.user.is_authenticated:
        return _fout(401, "niet_ingelogd", "U bent niet meer ingelogd. Log opnieuw in; uw tekst blijft bewaard.")
    if not is_inspecteur(request.user):
        return _fout(403, "geen_toegang", "Alleen inspecteurs kunnen aantekeningen maken.")
    aantekening = Aantekening.om_op_te_slaan(aantekening_id)
    if aantekening is None or aantekening.gesprek_id != gesprek_id or not aantekening.gesprek.werkt_mee(request.user):
        if aantekening is None and Gesprek.objects.voor_inspecteur(request.user).filter(pk=gesprek_id).exists():
            return _verdwenen()
        logboek.geweigerd(Wie.van(request), Gebeurtenis.Actie.GEWIJZIGD, gesprek_id)
        return _fout(404, "niet_gevonden", "Deze aantekening bestaat niet, of u werkt niet mee aan dit gesprek.")
    gesprek = aantekening.gesprek
    if gesprek.is_vastgesteld:
        return _fout(
            409, "vastgesteld", "Het rapport van dit gesprek is vastgesteld. Heropen het om aantekeningen te wijzigen."
        )
    form = AantekeningForm(request.POST)
    if not form.is_valid():
        melding = " ".join(e for errors in form.errors.values() for e in errors)
        return _fout(422, "ongeldig", melding)
    # Only a note of no element and no instrument can be a terugblik: the notes typed most pay no query for it.
    terugblik = None
    if aantekening.element_id is None and aantekening.veld_id is None:
        terugblik = Terugblik.objects.filter(aantekening_id=aantekening.pk).first()
    if melding := _ongeldige_keuze(aantekening, form.cleaned_data, terugblik):
        return _fout(422, "ongeldig", melding)
    gegevens = {k: form.cleaned_data[k] for k in ("tekst", "keuze", "versie")}
    try:
        if terugblik is not None:
            resultaat = services.terugblik_opslaan(
                terugblik=terugblik, aantekening=aantekening, wie=Wie.van(request), **gegevens
            )
        else:
            resultaat = services.aantekening_opslaan(
                aantekening=aantekening, observatie=form.cleaned_data["observatie"], wie=Wie.van(request), **gegevens
            )
    except Aantekening.DoesNotExist:
        return _verdwenen()
    if not resultaat.opgeslagen:
        return _fout(
            409,
            "conflict",
            "Een collega heeft deze aantekening intussen gewijzigd. Kies welke tekst blijft, of voeg ze samen.",
            server=_als_json(resultaat.aantekening),
        )
    return JsonResponse(_als_json(resultaat.aantekening))
