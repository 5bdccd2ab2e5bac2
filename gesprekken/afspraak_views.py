"""Afspraken followed up: putting earlier ones on a gesprek's agenda, Mijn afspraken, and afspraken as a calendar."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from . import afspraken, ics, services
from .access import gesprek_voor_gebruiker, inspecteur_vereist, weiger_als_vastgesteld
from .forms import MeerdereKeuzes
from .logboek import Wie
from .models import Afspraak, past_in_een_id


class TerugblikForm(forms.Form):
    afspraken = MeerdereKeuzes(
        queryset=Afspraak.objects.none(),
        error_messages={
            "required": "Kies minstens één afspraak om op de agenda te zetten.",
            "invalid_choice": "Deze afspraak kan niet (meer) op de agenda: kies uit de getoonde afspraken.",
            "invalid_pk_value": "Kies uit de getoonde afspraken.",
        },
    )

    def __init__(self, *args, gesprek, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["afspraken"].queryset = afspraken.terugblik_mogelijk(gesprek, user)


def _naar_terugblik(gesprek):
    return redirect(reverse("gesprekken:vragenlijst", args=[gesprek.pk]) + "#terugblik")


@inspecteur_vereist
@require_POST
def terugblik_agenderen(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    form = TerugblikForm(request.POST, gesprek=gesprek, user=request.user)
    if form.is_valid():
        gekozen = services.terugblik_agenderen(
            gesprek=gesprek, wie=Wie.van(request), afspraken=form.cleaned_data["afspraken"]
        )
        messages.success(
            request,
            f"{len(gekozen)} afspra{'ak staat' if len(gekozen) == 1 else 'ken staan'} op de agenda, "
            "onder ‘Terugblik op afspraken’ in Gesprek voeren.",
        )
    else:
        messages.error(request, " ".join(e for fouten in form.errors.values() for e in fouten))
    return _naar_terugblik(gesprek)


@inspecteur_vereist
@require_POST
def terugblik_verwijderen(request, gesprek_id, terugblik_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    if not past_in_een_id(terugblik_id):
        raise Http404
    terugblik = get_object_or_404(gesprek.terugblikken.select_related("aantekening"), pk=terugblik_id)
    try:
        services.terugblik_verwijderen(gesprek=gesprek, wie=Wie.van(request), terugblik=terugblik)
    except services.ErIsIngevuld:
        messages.error(
            request, "Bij deze afspraak is al een status of toelichting vastgelegd; daarom blijft hij op de agenda."
        )
    else:
        messages.success(request, "De afspraak is van de agenda gehaald.")
    return _naar_terugblik(gesprek)


@inspecteur_vereist
@require_safe
def mijn_afspraken(request):
    lijst = list(afspraken.van_inspecteur(request.user))
    return render(request, "gesprekken/mijn_afspraken.html", {"afspraken": lijst})


def _als_agenda(afspraken_lijst, bestandsnaam):
    response = HttpResponse(ics.agenda(afspraken_lijst), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response


@inspecteur_vereist
@require_safe
def afspraken_ics(request):
    return _als_agenda(afspraken.van_inspecteur(request.user), "afspraken.ics")


@inspecteur_vereist
@require_safe
def afspraak_ics(request, afspraak_id):
    """One afspraak as a calendar item; a 404 for an afspraak of a gesprek the user is not on."""
    if not past_in_een_id(afspraak_id):
        raise Http404
    afspraak = get_object_or_404(
        Afspraak.objects.voor_inspecteur(request.user).select_related("gesprek__organisatie"), pk=afspraak_id
    )
    return _als_agenda([afspraak], f"afspraak-{afspraak.pk}.ics")
