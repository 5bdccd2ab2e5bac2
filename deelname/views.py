"""The inspector's side: inviting the organisation, choosing what it answers in advance, which answers go into
the report, sending the concept report to check and handling the remarks. Only inspectors on the gesprek
(gesprekken.access), as every gesprek page."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from gesprekken.access import gesprek_voor_gebruiker, inspecteur_vereist, weiger_als_vastgesteld
from gesprekken.logboek import Wie
from gesprekken.models import GesprekInstrument, GesprekVraag, past_in_een_id

from . import services
from .forms import InRapportForm, NieuweLinkForm, OnderwerpenForm, UitnodigingForm, VerwerkingForm
from .models import Antwoord, GedeeldOnderwerp, Opmerking, Uitnodiging


def _onderwerpen_form(gesprek, data=None):
    vragen = GesprekVraag.objects.filter(gesprek=gesprek, opgenomen=True, hoofdvraag__isnull=True).order_by(
        "element__volgorde", "-soort", "volgorde", "pk"
    )
    instrumenten = GesprekInstrument.objects.filter(gesprek=gesprek).order_by("volgorde", "pk")
    gedeeld = GedeeldOnderwerp.objects.filter(gesprek=gesprek)
    initial = {
        "vragen": [o.vraag_id for o in gedeeld if o.vraag_id],
        "instrumenten": [o.instrument_id for o in gedeeld if o.instrument_id],
    }
    return OnderwerpenForm(data, initial=initial, vragen=vragen, instrumenten=instrumenten)


def _pagina(request, gesprek, *, form=None, onderwerpen=None, status=200):
    context = {
        "gesprek": gesprek,
        "uitnodigingen": Uitnodiging.objects.van_gesprek(gesprek),
        "form": form or UitnodigingForm(),
        "onderwerpen": onderwerpen or _onderwerpen_form(gesprek),
        "geldigheid": settings.DEELNAME_GELDIGHEID_DAGEN,
    }
    return render(request, "deelname/uitnodigingen.html", context, status=status)


def _uitnodiging(gesprek, uitnodiging_id):
    if not past_in_een_id(uitnodiging_id):
        raise Http404("Deze uitnodiging bestaat niet.")
    return get_object_or_404(Uitnodiging, gesprek=gesprek, pk=uitnodiging_id)


@inspecteur_vereist
@require_safe
def uitnodigingen(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    return _pagina(request, gesprek)


def _link_getoond(request, gesprek, link):
    if link.gemaild:
        messages.success(request, f"De uitnodiging is per e-mail verstuurd naar {link.uitnodiging.email}.")
    elif link.uitnodiging.per_mail:
        messages.error(request, "De e-mail kon niet worden verstuurd. Kopieer de link hieronder en stuur hem zelf.")
    # Shown once, on this answer, and never stored: only its hash is in the database.
    return render(request, "deelname/link.html", {"gesprek": gesprek, "link": link})


def _link_maken(request, gesprek, form, versie=None):
    link = services.uitnodigen(
        gesprek=gesprek,
        wie=Wie.van(request),
        naam=form.cleaned_data["naam"],
        email=form.cleaned_data["email"],
        rol=form.cleaned_data["rol"],
        per_mail=form.per_mail,
        versie=versie,
    )
    return _link_getoond(request, gesprek, link)


@inspecteur_vereist
@require_POST
def uitnodigen(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    form = UitnodigingForm(request.POST)
    if not form.is_valid():
        return _pagina(request, gesprek, form=form, status=422)
    return _link_maken(request, gesprek, form)


@inspecteur_vereist
@require_POST
def nieuwe_link(request, gesprek_id, uitnodiging_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    uitnodiging = _uitnodiging(gesprek, uitnodiging_id)
    form = NieuweLinkForm(request.POST)
    per_mail = form.is_valid() and form.cleaned_data["versturen"] == UitnodigingForm.MAILEN
    link = services.nieuwe_link(uitnodiging=uitnodiging, wie=Wie.van(request), per_mail=per_mail)
    return _link_getoond(request, gesprek, link)


@inspecteur_vereist
@require_POST
def intrekken(request, gesprek_id, uitnodiging_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    uitnodiging = _uitnodiging(gesprek, uitnodiging_id)
    services.intrekken(uitnodiging=uitnodiging, wie=Wie.van(request))
    messages.success(request, f"De link van {uitnodiging.naam} is ingetrokken en werkt niet meer.")
    if uitnodiging.is_verificatie:
        return redirect(reverse("gesprekken:afronden", args=[gesprek.pk]) + "#verificatie")
    return redirect("deelname:uitnodigingen", gesprek.pk)


@inspecteur_vereist
@require_POST
def onderwerpen(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    form = _onderwerpen_form(gesprek, request.POST)
    if not form.is_valid():
        return _pagina(request, gesprek, onderwerpen=form, status=422)
    services.onderwerpen_kiezen(
        gesprek=gesprek,
        wie=Wie.van(request),
        vragen=list(form.cleaned_data["vragen"]),
        instrumenten=list(form.cleaned_data["instrumenten"]),
    )
    messages.success(request, "Opgeslagen wat de organisatie vooraf beantwoordt.")
    return redirect(reverse("deelname:uitnodigingen", args=[gesprek.pk]) + "#vooraf")


@inspecteur_vereist
@require_POST
def in_rapport(request, gesprek_id):
    """Whether one answer, or all answers of one contact to one instrument, go into the report."""
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    ids = [i for i in request.POST.getlist("antwoord") if i.isascii() and i.isdigit() and len(i) < 19]
    antwoorden = list(
        Antwoord.objects.filter(
            pk__in=ids, uitnodiging__gesprek=gesprek, uitnodiging__ingediend_op__isnull=False
        ).select_related("uitnodiging")
    )
    form = InRapportForm(request.POST)
    if not antwoorden or not form.is_valid():
        messages.error(request, "Kies een antwoord van de organisatie om in het rapport op te nemen of weg te laten.")
        return redirect("gesprekken:voeren", gesprek.pk)
    keuze = form.cleaned_data["in_rapport"]
    services.in_rapport_kiezen(gesprek=gesprek, wie=Wie.van(request), antwoorden=antwoorden, in_rapport=keuze)
    messages.success(
        request,
        f"Het antwoord van {antwoorden[0].uitnodiging.naam} staat {'nu' if keuze else 'niet meer'} in het rapport.",
    )
    anker = request.POST.get("anker", "")
    anker = anker if anker.replace("-", "").isalnum() else ""
    return redirect(reverse("gesprekken:voeren", args=[gesprek.pk]) + (f"#{anker}" if anker else ""))


@inspecteur_vereist
@require_POST
def verificatie_sturen(request, gesprek_id):
    """The concept report to a contact of the organisation, to check for factual errors."""
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    concept = services.te_controleren(gesprek)
    form = UitnodigingForm(request.POST, prefix="verificatie")
    if concept is None:
        messages.error(
            request, "Maak eerst een concept van het rapport; dat gaat ter verificatie naar de organisatie."
        )
        return redirect("gesprekken:afronden", gesprek.pk)
    if not form.is_valid():
        fouten = " ".join(f"{form.fields[veld].label}: {' '.join(e)}" for veld, e in form.errors.items())
        messages.error(request, f"Het concept is niet verstuurd. {fouten}")
        return redirect(reverse("gesprekken:afronden", args=[gesprek.pk]) + "#verificatie")
    return _link_maken(request, gesprek, form, concept)


@inspecteur_vereist
@require_POST
def opmerking_verwerken(request, gesprek_id, opmerking_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    if not past_in_een_id(opmerking_id):
        raise Http404("Deze opmerking bestaat niet.")
    opmerking = get_object_or_404(
        Opmerking.objects.select_related("uitnodiging__gesprek"),
        pk=opmerking_id,
        uitnodiging__gesprek=gesprek,
        uitnodiging__ingediend_op__isnull=False,
    )
    form = VerwerkingForm(request.POST, prefix=f"opmerking-{opmerking.pk}")
    anker = reverse("gesprekken:afronden", args=[gesprek.pk]) + f"#opmerking-{opmerking.pk}"
    if not form.is_valid():
        messages.error(request, " ".join(e for fouten in form.errors.values() for e in fouten))
        return redirect(anker)
    services.opmerking_verwerken(opmerking=opmerking, wie=Wie.van(request), **form.cleaned_data)
    messages.success(
        request, f"De opmerking van {opmerking.uitnodiging.naam} bij {opmerking.sectie_titel} is verwerkt."
    )
    return redirect(anker)
