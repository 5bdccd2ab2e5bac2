"""The overview across gesprekken with its drill-down and CSV, and the rapport as DOCX and a gesprek as JSON."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from . import exports, overzicht
from .access import gesprek_voor_gebruiker, inspecteur_vereist
from .models import Gebeurtenis, Gesprek

PER_PAGINA = 50


def overzicht_toegang(view):
    """Coordinators and inspectors (both hold view_gesprek); a vragenbank-beheerder gets 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("gesprekken.view_gesprek"):
            raise PermissionDenied("Alleen coördinatoren en inspecteurs kunnen het overzicht zien.")
        return view(request, *args, **kwargs)

    return wrapper


def _bijlage(bestandsnaam, inhoud, content_type):
    response = HttpResponse(inhoud, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response


def _gefilterd(request):
    """The filter form over the gesprekken the user may count, and those that pass it (None if invalid)."""
    alle = overzicht.ziet_alle_gesprekken(request.user)
    gesprekken = overzicht.gesprekken_in_beeld(request.user, alle=alle)
    filters = overzicht.OverzichtFilter(request.GET, gesprekken=gesprekken)
    return alle, filters, (filters.toepassen(gesprekken) if filters.is_valid() else None)


@overzicht_toegang
def overzicht_pagina(request):
    alle, filters, gesprekken = _gefilterd(request)
    context = {"filters": filters, "alle": alle}
    if gesprekken is None:
        return render(request, "gesprekken/overzicht/overzicht.html", context, status=400)
    parameters = filters.als_parameters()
    resultaat = overzicht.overzicht_maken(gesprekken, filters=parameters)
    context.update(
        {
            "overzicht": resultaat,
            # An element that no gesprek in the period touched adds only rows of zeros over time.
            "themas": [t for t in resultaat.themas if t.ooit_geteld],
            "ongeteld": [t.rij.element for t in resultaat.themas if not t.ooit_geteld],
            "parameters": parameters,
            "hoogste_per_kwartaal": overzicht.hoogste_per_kwartaal(resultaat.themas),
        }
    )
    return render(request, "gesprekken/overzicht/overzicht.html", context)


@overzicht_toegang
def overzicht_lijst(request):
    alle, filters, gesprekken = _gefilterd(request)
    cel = overzicht.CelFilter(request.GET)
    if gesprekken is None or not cel.is_valid():
        context = {"filters": filters, "cel": cel}
        return render(request, "gesprekken/overzicht/lijst.html", context, status=400)
    achter_cel = overzicht.met_betrokkenheid(cel.gesprekken(gesprekken), request.user)
    pagina = Paginator(achter_cel.order_by("-datum", "-id"), PER_PAGINA).get_page(request.GET.get("pagina"))
    # Notes only from gesprekken the viewer is on: a coordinator sees that a gesprek counted, not what it says.
    eigen = [g.pk for g in pagina if g.ik_ben_erbij]
    aantekeningen = cel.aantekeningen(eigen)
    for gesprek in pagina:
        gesprek.aantekeningen_bij_cel = aantekeningen.get(gesprek.pk, [])
    onderwerp, criteriumtekst = cel.omschrijving()
    zonder_pagina = request.GET.copy()
    zonder_pagina.pop("pagina", None)
    return render(
        request,
        "gesprekken/overzicht/lijst.html",
        {
            "geldig": True,
            "filters": filters,
            "cel": cel,
            "alle": alle,
            "onderwerp": onderwerp,
            "criteriumtekst": criteriumtekst,
            "maat": overzicht.MAAT_NAMEN[cel.cleaned_data["maat"]],
            "pagina": pagina,
            "terug": filters.als_querystring(),
            "zonder_pagina": zonder_pagina.urlencode(),
        },
    )


@overzicht_toegang
def overzicht_csv(request):
    _, filters, gesprekken = _gefilterd(request)
    if gesprekken is None:
        return HttpResponse(
            "Ongeldige filters: " + " ".join(fout for fouten in filters.errors.values() for fout in fouten),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    bestandsnaam, inhoud = exports.overzicht_csv(overzicht.overzicht_maken(gesprekken))
    return _bijlage(bestandsnaam, inhoud, "text/csv; charset=utf-8")


@inspecteur_vereist
def rapport_docx(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(
        request, gesprek_id, Gesprek.objects.met_vragenlijst(), actie=Gebeurtenis.Actie.GEEXPORTEERD
    )
    bestandsnaam, inhoud = exports.rapport_docx(gesprek)
    return _bijlage(bestandsnaam, inhoud, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@inspecteur_vereist
def gesprek_json(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(
        request,
        gesprek_id,
        Gesprek.objects.met_vragenlijst().select_related("kader"),
        actie=Gebeurtenis.Actie.GEEXPORTEERD,
    )
    bestandsnaam, inhoud = exports.gesprek_json(gesprek)
    return _bijlage(bestandsnaam, inhoud, "application/json")
