"""The report's versions: each as it was made (in the page and as PDF), two compared, and a vastgesteld gesprek's
pages, which show the final version as text instead of forms that can no longer be used."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from . import services
from .access import gesprek_voor_gebruiker, inspecteur_vereist
from .logboek import Wie
from .models import Gebeurtenis, RapportVersie, past_in_een_id
from .rapport import bestandsnaam, pdf, versies
from .rapport.views import PDF, bestand


def _zonder_inhoud(gesprek):
    return RapportVersie.objects.filter(gesprek=gesprek).defer("inhoud", "pdf").select_related("gemaakt_door")


def _versie(gesprek, nummer, *, met_pdf=False):
    if not past_in_een_id(nummer):
        raise Http404("Deze versie bestaat niet.")
    versies = RapportVersie.objects.all() if met_pdf else RapportVersie.objects.defer("pdf")
    return get_object_or_404(versies, gesprek=gesprek, nummer=nummer)


def vastgesteld(request, gesprek):
    """What every step of a vastgesteld gesprek shows: the final report as text, its versions, and reopening."""
    versie = services.vastgestelde_versie(gesprek=gesprek, wie=Wie.van(request))
    context = {"gesprek": gesprek, "versie": versie, "versies": _zonder_inhoud(gesprek)}
    return render(request, "gesprekken/vastgesteld.html", context)


@inspecteur_vereist
@require_safe
def versie_lijst(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    lijst = list(_zonder_inhoud(gesprek))
    return render(request, "gesprekken/versies.html", {"gesprek": gesprek, "versies": lijst})


@inspecteur_vereist
@require_safe
def versie_tonen(request, gesprek_id, nummer):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    return render(request, "gesprekken/versie.html", {"gesprek": gesprek, "versie": _versie(gesprek, nummer)})


@inspecteur_vereist
@require_safe
def versie_pdf(request, gesprek_id, nummer):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id, actie=Gebeurtenis.Actie.GEEXPORTEERD)
    versie = _versie(gesprek, nummer, met_pdf=True)
    naam = bestandsnaam(f"rapport-versie-{versie.nummer}", gesprek, "pdf")
    return bestand(naam, pdf.versie_pdf(versie), PDF, bijlage="download" in request.GET)


@inspecteur_vereist
@require_safe
def vergelijken(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    lijst = list(_zonder_inhoud(gesprek))
    nummers = [v.nummer for v in lijst]
    van, naar = request.GET.get("van", ""), request.GET.get("naar", "")
    context = {"gesprek": gesprek, "versies": lijst, "van": van, "naar": naar, "verschillen": None, "melding": ""}
    if van or naar:
        if not (van.isdigit() and naar.isdigit() and int(van) in nummers and int(naar) in nummers):
            context["melding"] = "Kies twee versies van dit rapport om te vergelijken."
        elif van == naar:
            context["melding"] = "Kies twee verschillende versies."
        else:
            oud, nieuw = _versie(gesprek, int(van)), _versie(gesprek, int(naar))
            context.update(oud=oud, nieuw=nieuw, verschillen=versies.verschillen(oud.inhoud, nieuw.inhoud))
    return render(request, "gesprekken/vergelijken.html", context, status=422 if context["melding"] else 200)
