"""Earlier versions of a note: look back, and put one back."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from . import services
from .access import gesprek_voor_gebruiker, inspecteur_vereist, weiger_als_afgerond
from .logboek import Wie


def _aantekening(gesprek, aantekening_id):
    return get_object_or_404(
        gesprek.aantekeningen.select_related("element", "criterium", "gewijzigd_door"), pk=aantekening_id
    )


@inspecteur_vereist
@require_safe
def aantekening_geschiedenis(request, gesprek_id, aantekening_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    aantekening = _aantekening(gesprek, aantekening_id)
    return render(
        request,
        "gesprekken/geschiedenis.html",
        {
            "gesprek": gesprek,
            "aantekening": aantekening,
            "versies": aantekening.versies.select_related("opgeslagen_door"),
        },
    )


@inspecteur_vereist
@require_POST
def versie_terugzetten(request, gesprek_id, aantekening_id, versie_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_afgerond(request, gesprek):
        return geweigerd
    aantekening = _aantekening(gesprek, aantekening_id)
    versie = get_object_or_404(aantekening.versies, pk=versie_id)
    services.versie_terugzetten(aantekening=aantekening, versie=versie, wie=Wie.van(request))
    messages.success(request, f"Versie {versie.versie} staat weer in de aantekening; de tekst ervoor is bewaard.")
    return redirect(reverse("gesprekken:voeren", args=[gesprek.pk]) + f"#aantekening-{aantekening.pk}")
