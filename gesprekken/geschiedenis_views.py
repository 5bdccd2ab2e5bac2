"""Earlier versions of a note: look back, and put one back."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from . import services
from .access import gesprek_voor_gebruiker, inspecteur_vereist, weiger_als_vastgesteld
from .logboek import Wie


def _aantekening(gesprek, aantekening_id):
    return get_object_or_404(
        gesprek.aantekeningen.select_related(
            "element", "criterium", "gewijzigd_door", "veld__instrument", "veld__rij"
        ),
        pk=aantekening_id,
    )


@inspecteur_vereist
@require_safe
def aantekening_geschiedenis(request, gesprek_id, aantekening_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    aantekening = _aantekening(gesprek, aantekening_id)
    versies = list(aantekening.versies.select_related("opgeslagen_door"))
    # An instrument's field keeps the value of its scale or slider; shown by the label the inspector chose.
    keuzes = dict(aantekening.veld.keuzes()) if aantekening.veld_id else {}
    for versie in [aantekening, *versies]:
        versie.keuze_label = keuzes.get(versie.keuze, "")
    return render(
        request,
        "gesprekken/geschiedenis.html",
        {"gesprek": gesprek, "aantekening": aantekening, "versies": versies},
    )


@inspecteur_vereist
@require_POST
def versie_terugzetten(request, gesprek_id, aantekening_id, versie_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    aantekening = _aantekening(gesprek, aantekening_id)
    versie = get_object_or_404(aantekening.versies, pk=versie_id)
    services.versie_terugzetten(aantekening=aantekening, versie=versie, wie=Wie.van(request))
    messages.success(request, f"Versie {versie.versie} staat weer in de aantekening; de tekst ervoor is bewaard.")
    return redirect(reverse("gesprekken:voeren", args=[gesprek.pk]) + f"#aantekening-{aantekening.pk}")
