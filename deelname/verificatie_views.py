"""The link holder checks the concept report: they read it (in the page, and as PDF), remark on factual errors per
section, and submit. What they read is the concept version as it was sent, never the inspector's later edits."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST, require_safe

from gesprekken.models import Gesprek
from gesprekken.rapport import bestandsnaam, pdf

from . import autosave, services, toegang
from .forms import OpmerkingForm
from .models import Opmerking
from .toegang import pagina_voor_organisatie


def _kan_opmerken(uitnodiging) -> bool:
    gesprek = uitnodiging.gesprek
    return (
        not uitnodiging.is_ingediend
        and gesprek.status == Gesprek.Status.TER_VERIFICATIE
        and services.te_controleren(gesprek) == uitnodiging.versie
    )


def _uitnodiging(request):
    uitnodiging, weigering = toegang.uitnodiging_uit_sessie(request)
    if uitnodiging is not None and not uitnodiging.is_verificatie:
        return None, toegang.link_werkt_niet(request)
    return uitnodiging, weigering


@pagina_voor_organisatie
@require_safe
def pagina(request):
    uitnodiging, weigering = _uitnodiging(request)
    if weigering:
        return weigering
    versie = uitnodiging.versie
    kan_opmerken = _kan_opmerken(uitnodiging)
    opmerkingen = {o.sectie: o for o in services.opmerkingen_klaarzetten(uitnodiging=uitnodiging)}
    context = {
        "uitnodiging": uitnodiging,
        "gesprek": uitnodiging.gesprek,
        "versie": versie,
        "omslag": versie.inhoud["omslag"],
        "secties": [(sectie, opmerkingen.get(sectie["id"])) for sectie in versie.secties],
        "alleen_lezen": not kan_opmerken,
    }
    return render(request, "deelname/verificatie.html", context)


@pagina_voor_organisatie
@require_safe
def concept_pdf(request):
    uitnodiging, weigering = _uitnodiging(request)
    if weigering:
        return weigering
    versie = uitnodiging.versie
    inhoud = pdf.versie_pdf(versie)
    naam = bestandsnaam(f"concept-rapport-versie-{versie.nummer}", uitnodiging.gesprek, "pdf")
    return HttpResponse(
        inhoud,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(False, naam)},
    )


@toegang.csrf_met_eigen_paginas
@require_POST
def opmerking_opslaan(request, opmerking_id):
    """The autosave endpoint for a remark, with the protocol of gesprekken/autosave.py, as answers have."""
    uitnodiging, opmerking, weigering = autosave.te_vullen(
        request, Opmerking, opmerking_id, "Deze sectie staat niet (meer) op uw pagina. Laad de pagina opnieuw."
    )
    if weigering:
        return weigering
    if not _kan_opmerken(uitnodiging):
        return autosave.fout(
            409, "ingediend", "Uw opmerkingen zijn al ingediend, of het rapport is intussen vastgesteld."
        )
    form = OpmerkingForm(request.POST)
    if not form.is_valid():
        return autosave.fout(422, "ongeldig", " ".join(e for fouten in form.errors.values() for e in fouten))
    resultaat = services.opmerking_opslaan(
        opmerking=opmerking,
        tekst=form.cleaned_data["tekst"],
        versie=form.cleaned_data["versie"],
        wie=toegang.wie(request),
    )
    return autosave.uitkomst(
        resultaat,
        uitnodiging,
        "Deze opmerking is intussen op een ander apparaat of tabblad gewijzigd. Kies welke tekst blijft.",
    )
