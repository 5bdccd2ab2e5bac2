"""The report and the vragenlijst of one gesprek as files: PDF, DOCX and JSON.

Each export is a function returning `(bestandsnaam, bytes)`; these views only check access, log the export and
wrap it in a response.
"""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from gesprekken import services
from gesprekken.access import gesprek_voor_gebruiker, inspecteur_vereist
from gesprekken.logboek import Wie
from gesprekken.models import Gebeurtenis, Gesprek

from . import bestandsnaam, docx_export, json_export, pdf

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
JSON = "application/json"


def _gesprek(request, gesprek_id, *, met_kader=False):
    """The gesprek with all the report shows, if the user is on it (else 404); the export is logged."""
    gesprekken = Gesprek.objects.met_rapport()
    if met_kader:
        gesprekken = gesprekken.select_related("kader")
    return gesprek_voor_gebruiker(request, gesprek_id, gesprekken, actie=Gebeurtenis.Actie.GEEXPORTEERD)


def bestand(bestandsnaam, inhoud, content_type, *, bijlage=True):
    disposition = content_disposition_header(bijlage, bestandsnaam)
    return HttpResponse(inhoud, content_type=content_type, headers={"Content-Disposition": disposition})


# A PDF opens in the browser, unless the inspector asks to download it.


@inspecteur_vereist
@require_safe
def rapport_pdf(request, gesprek_id):
    """The report as it reads now; of a vastgesteld gesprek, the final version's PDF as it was stored."""
    gesprek = gesprek_voor_gebruiker(request, gesprek_id, actie=Gebeurtenis.Actie.GEEXPORTEERD)
    if gesprek.is_vastgesteld:
        versie = services.vastgestelde_versie(gesprek=gesprek, wie=Wie.van(request))
        naam, inhoud = bestandsnaam("rapport", gesprek, "pdf"), pdf.versie_pdf(versie)
    else:
        naam, inhoud = pdf.rapport(Gesprek.objects.met_rapport().get(pk=gesprek.pk))
    return bestand(naam, inhoud, PDF, bijlage="download" in request.GET)


@inspecteur_vereist
@require_safe
def vragenlijst_pdf(request, gesprek_id):
    return bestand(*pdf.vragenlijst(_gesprek(request, gesprek_id)), PDF, bijlage="download" in request.GET)


@inspecteur_vereist
@require_safe
def rapport_docx(request, gesprek_id):
    return bestand(*docx_export.rapport_docx(_gesprek(request, gesprek_id)), DOCX)


@inspecteur_vereist
@require_safe
def gesprek_json(request, gesprek_id):
    return bestand(*json_export.gesprek_json(_gesprek(request, gesprek_id, met_kader=True)), JSON)
