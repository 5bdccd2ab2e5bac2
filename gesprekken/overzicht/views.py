"""The overview across gesprekken: the page, the list behind one of its numbers, and the CSV download."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from gesprekken import logboek
from gesprekken.access import overzicht_vereist
from gesprekken.logboek import Wie
from gesprekken.models import Gebeurtenis
from gesprekken.paginering import pagina_van
from gesprekken.roles import ziet_alle_gesprekken

from . import afspraken, csv_export, opmaak
from .cel import CelFilter
from .filters import OverzichtFilter, filterkeuzes
from .maten import MAAT_NAMEN
from .telling import gesprekken_in_beeld, hoogste_per_kwartaal, overzicht_maken

PER_PAGINA = 50


def _gefilterd(request):
    """The filter form over the gesprekken the user may count, and those that pass it (None if the filters are
    invalid)."""
    alle = ziet_alle_gesprekken(request.user)
    gesprekken = gesprekken_in_beeld(request.user, alle=alle)
    filters = OverzichtFilter(request.GET, combinaties=filterkeuzes(gesprekken))
    return alle, filters, (filters.toepassen(gesprekken) if filters.is_valid() else None)


@overzicht_vereist
@require_safe
def overzicht_pagina(request):
    alle, filters, gesprekken = _gefilterd(request)
    context = {"filters": filters, "alle": alle}
    if gesprekken is None:
        return render(request, "gesprekken/overzicht/overzicht.html", context, status=400)
    parameters = filters.als_parameters()
    resultaat = overzicht_maken(gesprekken, filters=parameters, alle=alle)
    context["cijfers"] = _cijfers_html(resultaat, filters, parameters)
    context["overzicht"] = resultaat
    context["afspraken"] = afspraken.per_inspectie(gesprekken)
    context["statussen"] = afspraken.STATUSSEN
    return render(request, "gesprekken/overzicht/overzicht.html", context)


def _cijfers_html(resultaat, filters, parameters):
    lijst_url = reverse("gesprekken:overzicht_lijst")
    for rij in resultaat.elementen + resultaat.criteria:
        rij.cellen_html = opmaak.cellen(rij.cellen, rij.naam, lijst_url)
    # An element that no gesprek in the period touched adds only rows of zeros over time.
    themas = [t for t in resultaat.themas if t.ooit_geteld]
    hoogste = hoogste_per_kwartaal(resultaat.themas)
    for nummer, thema in enumerate(themas, start=1):
        thema.diagram_html = opmaak.kwartaaldiagram(thema, hoogste, nummer)
        thema.rijen_html = opmaak.kwartaalrijen(thema, lijst_url)
    return render_to_string(
        "gesprekken/overzicht/_cijfers.html",
        {
            "overzicht": resultaat,
            "filters": filters,
            "parameters": parameters,
            "themas": themas,
            "diagram_elementen": opmaak.staafdiagram(
                "diagram-elementen", "Aantal gesprekken per element", resultaat.elementen, resultaat.hoogste_element
            ),
            "diagram_criteria": opmaak.staafdiagram(
                "diagram-criteria", "Aantal gesprekken per criterium", resultaat.criteria, resultaat.hoogste_criterium
            ),
            "ongeteld": [t.rij.element for t in resultaat.themas if not t.ooit_geteld],
        },
    )


@overzicht_vereist
@require_safe
def overzicht_lijst(request):
    alle, filters, gesprekken = _gefilterd(request)
    cel = CelFilter(request.GET)
    if gesprekken is None or not cel.is_valid():
        context = {"filters": filters, "cel": cel}
        return render(request, "gesprekken/overzicht/lijst.html", context, status=400)
    achter_cel = cel.gesprekken(gesprekken).met_betrokkenheid(request.user)
    pagina, zonder_pagina = pagina_van(request, achter_cel.order_by("-datum", "-id"), PER_PAGINA)
    # Notes only from gesprekken the viewer is on: a coordinator sees that a gesprek counted, not what it says.
    eigen = [g.pk for g in pagina if g.ik_ben_erbij]
    aantekeningen = cel.aantekeningen(eigen)
    for gesprek in pagina:
        gesprek.aantekeningen_bij_cel = aantekeningen.get(gesprek.pk, [])
    onderwerp, criteriumtekst = cel.omschrijving()
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
            "maat": MAAT_NAMEN[cel.cleaned_data["maat"]],
            "pagina": pagina,
            "terug": filters.als_querystring(),
            "zonder_pagina": zonder_pagina,
        },
    )


@overzicht_vereist
@require_safe
def overzicht_csv(request):
    alle, filters, gesprekken = _gefilterd(request)
    if gesprekken is None:
        return HttpResponse(
            "Ongeldige filters: " + " ".join(fout for fouten in filters.errors.values() for fout in fouten),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    bestandsnaam, inhoud = csv_export.overzicht_csv(
        overzicht_maken(gesprekken, filters=filters.als_parameters(), alle=alle)
    )
    logboek.vastleggen(
        Wie.van(request), Gebeurtenis.Actie.GEEXPORTEERD, wat=f"overzicht als CSV ({filters.als_querystring()})"
    )
    return HttpResponse(
        inhoud,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, bestandsnaam)},
    )
