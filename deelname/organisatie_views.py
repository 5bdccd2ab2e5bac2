"""The link holder's side: the contact of the organisation, without an account, opens their link, answers what
the inspector shared, and submits. See toegang.py for what the session holds and how guessing is slowed down."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from gesprekken.forms import RijForm
from gesprekken.instrumenten import is_herhaald
from gesprekken.models import GesprekInstrument, past_in_een_id

from . import autosave, services, toegang, weergave
from .forms import AntwoordForm
from .models import Antwoord, GedeeldOnderwerp
from .toegang import pagina_voor_organisatie


@pagina_voor_organisatie
@require_safe
def openen(request):
    if toegang.is_geblokkeerd(request):
        return toegang.te_veel_pogingen(request)
    token = request.GET.get("sleutel", "")
    if not token:
        return toegang.link_werkt_niet(request)
    uitnodiging = toegang.uitnodiging_van_token(token) if len(token) <= 100 else None
    if uitnodiging is None:
        toegang.mislukt(request)
        return toegang.link_werkt_niet(request)
    if not uitnodiging.is_geldig:
        return toegang.link_niet_meer_geldig(request, uitnodiging)
    toegang.onthouden(request, uitnodiging)
    services.openen(uitnodiging=uitnodiging, wie=toegang.wie(request))
    return redirect("deelname:pagina")


def _antwoorden(uitnodiging, vragen, instrumenten):
    velden = services.velden_van(instrumenten)
    per_vraag, per_veld = {}, {}
    for antwoord in services.antwoorden_klaarzetten(uitnodiging=uitnodiging, vragen=vragen, velden=velden):
        if antwoord.vraag_id:
            per_vraag[antwoord.vraag_id] = antwoord
        else:
            per_veld[antwoord.veld_id] = antwoord
    return per_vraag, per_veld


@pagina_voor_organisatie
@require_safe
def pagina(request):
    uitnodiging, weigering = toegang.uitnodiging_uit_sessie(request)
    if weigering:
        return weigering
    if uitnodiging.is_verificatie:
        return redirect("deelname:verificatie")
    gesprek = uitnodiging.gesprek
    vragen, instrumenten = weergave.gedeeld(gesprek)
    per_vraag, per_veld = _antwoorden(uitnodiging, vragen, instrumenten)
    context = {
        "uitnodiging": uitnodiging,
        "gesprek": gesprek,
        "alleen_lezen": uitnodiging.is_ingediend or gesprek.is_vastgesteld,
        "vragen": [(vraag, per_vraag.get(vraag.pk)) for vraag in vragen],
        "instrumenten": [(instrument, weergave.delen(instrument, per_veld)) for instrument in instrumenten],
    }
    return render(request, "deelname/pagina.html", context)


@toegang.csrf_met_eigen_paginas
@require_POST
def opslaan(request, antwoord_id):
    """The autosave endpoint for an answer, with the protocol of gesprekken/autosave.py (JSON, 409 on an old
    version), so static/js/autosave.js saves answers as it saves the inspector's notes."""
    uitnodiging, antwoord, weigering = autosave.te_vullen(
        request, Antwoord, antwoord_id, "Deze vraag staat niet (meer) op uw pagina. Laad de pagina opnieuw."
    )
    if weigering:
        return weigering
    if uitnodiging.is_ingediend or uitnodiging.gesprek.is_vastgesteld:
        return autosave.fout(409, "ingediend", "Uw antwoorden zijn al ingediend en kunnen niet meer worden gewijzigd.")
    form = AntwoordForm(request.POST)
    if not form.is_valid():
        return autosave.fout(422, "ongeldig", " ".join(e for fouten in form.errors.values() for e in fouten))
    keuze = form.cleaned_data["keuze"]
    if antwoord.veld_id:
        if keuze and keuze not in dict(antwoord.veld.keuzes()):
            return autosave.fout(
                422, "ongeldig", "Deze keuze staat niet op de schaal. Kies een van de getoonde waarden."
            )
    elif keuze:
        return autosave.fout(422, "ongeldig", "Bij deze vraag hoort geen schaal.")
    resultaat = services.antwoord_opslaan(
        antwoord=antwoord,
        tekst=form.cleaned_data["tekst"],
        keuze=keuze,
        versie=form.cleaned_data["versie"],
        wie=toegang.wie(request),
    )
    return autosave.uitkomst(
        resultaat,
        uitnodiging,
        "Dit antwoord is intussen op een ander apparaat of tabblad gewijzigd. Kies welke tekst blijft.",
    )


@pagina_voor_organisatie
@toegang.csrf_met_eigen_paginas
@require_POST
def rij_toevoegen(request):
    """A partner (or stakeholder, overleg) added by the contact to a table per partner of a shared instrument."""
    uitnodiging, weigering = toegang.uitnodiging_uit_sessie(request)
    if weigering:
        return weigering
    gesprek = uitnodiging.gesprek
    instrument_id = request.POST.get("instrument", "")
    instrument = None
    if instrument_id.isascii() and instrument_id.isdigit() and past_in_een_id(int(instrument_id)):
        instrument = GesprekInstrument.objects.filter(
            pk=instrument_id,
            gesprek=gesprek,
            pk__in=GedeeldOnderwerp.objects.filter(gesprek=gesprek).values("instrument"),
        ).first()
    pagina_url = reverse("deelname:pagina")
    if instrument is None or uitnodiging.is_ingediend or gesprek.is_vastgesteld:
        messages.error(request, "Hier kan geen rij meer worden toegevoegd.")
        return redirect(pagina_url)
    form = RijForm(request.POST)
    if form.is_valid() and not is_herhaald(instrument, form.cleaned_data["onderdeel"]):
        form.add_error("onderdeel", "Aan dit onderdeel kunnen geen rijen worden toegevoegd.")
    if not form.is_valid():
        messages.error(request, " ".join(e for fouten in form.errors.values() for e in fouten))
        return redirect(f"{pagina_url}#instrument-{instrument.pk}")
    rij = services.rij_toevoegen(
        uitnodiging=uitnodiging, wie=toegang.wie(request), instrument=instrument, **form.cleaned_data
    )
    messages.success(request, f"{rij.naam} is toegevoegd aan {instrument.titel}.")
    return redirect(f"{pagina_url}#instrument-{instrument.pk}")


@pagina_voor_organisatie
@toegang.csrf_met_eigen_paginas
@require_POST
def indienen(request):
    uitnodiging, weigering = toegang.uitnodiging_uit_sessie(request)
    if weigering:
        return weigering
    if not uitnodiging.is_ingediend and not uitnodiging.gesprek.is_vastgesteld:
        services.indienen(uitnodiging=uitnodiging, wie=toegang.wie(request))
        wat = "opmerkingen" if uitnodiging.is_verificatie else "antwoorden"
        messages.success(request, f"Dank u wel. Uw {wat} zijn ingediend bij de inspecteur.")
    return redirect("deelname:pagina")
