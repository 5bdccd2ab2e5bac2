"""Adding instruments to a gesprek and rows to their tables; what is typed in them is saved by the autosave."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import instrumenten, services
from .access import gesprek_voor_gebruiker, inspecteur_vereist, weiger_als_vastgesteld
from .forms import InstrumentForm, RijForm
from .logboek import Wie


def _fouten(form):
    return " ".join(e for errors in form.errors.values() for e in errors)


def _naar_instrument(gesprek, instrument_id, pagina="voeren"):
    return redirect(reverse(f"gesprekken:{pagina}", args=[gesprek.pk]) + f"#instrument-{instrument_id}")


@inspecteur_vereist
@require_POST
def instrument_toevoegen(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    form = InstrumentForm(request.POST, gesprek=gesprek)
    if not form.is_valid():
        messages.error(request, _fouten(form))
        return redirect(reverse("gesprekken:vragenlijst", args=[gesprek.pk]) + "#instrumenten")
    instrument = services.instrument_toevoegen(gesprek=gesprek, wie=Wie.van(request), **form.cleaned_data)
    plaats = instrument.element.naam if instrument.element else "het hele gesprek"
    messages.success(request, f"{instrument.titel} staat nu bij {plaats}.")
    return _naar_instrument(gesprek, instrument.pk, "vragenlijst")


@inspecteur_vereist
@require_POST
def instrument_verwijderen(request, gesprek_id, instrument_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    instrument = get_object_or_404(gesprek.instrumenten, pk=instrument_id)
    try:
        services.instrument_verwijderen(gesprek=gesprek, wie=Wie.van(request), instrument=instrument)
    except services.ErIsIngevuld:
        messages.error(
            request, f"In {instrument.titel} is al iets ingevuld; maak de velden eerst leeg om het te verwijderen."
        )
        return _naar_instrument(gesprek, instrument.pk, "vragenlijst")
    messages.success(request, f"{instrument.titel} is uit het gesprek gehaald.")
    return redirect(reverse("gesprekken:vragenlijst", args=[gesprek.pk]) + "#instrumenten")


@inspecteur_vereist
@require_POST
def rij_toevoegen(request, gesprek_id, instrument_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    instrument = get_object_or_404(gesprek.instrumenten, pk=instrument_id)
    form = RijForm(request.POST)
    if form.is_valid() and not instrumenten.is_herhaald(instrument, form.cleaned_data["onderdeel"]):
        form.add_error("onderdeel", "Aan dit onderdeel kunnen geen rijen worden toegevoegd.")
    if not form.is_valid():
        messages.error(request, _fouten(form))
        return _naar_instrument(gesprek, instrument.pk)
    rij = services.instrument_rij_toevoegen(
        gesprek=gesprek, wie=Wie.van(request), instrument=instrument, **form.cleaned_data
    )
    messages.success(request, f"{rij.naam} is toegevoegd aan {instrument.titel}.")
    return _naar_instrument(gesprek, instrument.pk)


@inspecteur_vereist
@require_POST
def rij_verwijderen(request, gesprek_id, instrument_id, rij_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    instrument = get_object_or_404(gesprek.instrumenten, pk=instrument_id)
    rij = get_object_or_404(instrument.rijen, pk=rij_id)
    try:
        services.instrument_rij_verwijderen(gesprek=gesprek, wie=Wie.van(request), rij=rij)
    except services.ErIsIngevuld:
        messages.error(
            request, f"Bij {rij.naam} is al iets ingevuld; maak de velden eerst leeg om de rij te verwijderen."
        )
    else:
        messages.success(request, f"{rij.naam} is verwijderd uit {instrument.titel}.")
    return _naar_instrument(gesprek, instrument.pk)
