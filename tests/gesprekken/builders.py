"""Builders and readers for the gesprekken tests, beside the shared ones in tests/factories.py."""

import datetime
import io
import re

import pypdf
from django.urls import reverse

from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, Gesprek, GesprekCriterium, GesprekElement, GesprekVraag, Organisatie


def kaal_gesprek(*, eigenaar, co_inspecteurs=(), **velden):
    """A gesprek without a vragenlijst: enough for the list of gesprekken, and quick to make by the dozen."""
    standaard = {
        "organisatie": "Zorggroep Testdal",
        "organisatie_type": "zorgaanbieder",
        "inspectie": "igj",
        "aanleiding": "afsluitend gesprek met bestuurder na bezoek",
        "datum": datetime.date(2026, 11, 2),
    }
    velden = {**standaard, **velden}
    if isinstance(velden["organisatie"], str):
        velden["organisatie"] = organisatie(velden["organisatie"], velden["organisatie_type"])
    gesprek = Gesprek.objects.create(eigenaar=eigenaar, **velden)
    gesprek.co_inspecteurs.set(co_inspecteurs)
    return gesprek


def organisatie(naam, soort="zorgaanbieder"):
    """The organisation of this name, made the first time it is asked for."""
    return Organisatie.objects.met_naam(naam).first() or Organisatie.objects.create(naam=naam, soort=soort)


def element(gesprek, naam):
    return GesprekElement.objects.get(gesprek=gesprek, naam=naam)


def criterium_aantekeningen(gesprek):
    """The notes on criteria, in the order the gesprek shows them."""
    return list(
        Aantekening.objects.filter(gesprek=gesprek, criterium__isnull=False)
        .select_related("criterium", "element")
        .order_by("element__volgorde", "criterium__volgorde")
    )


def aantekening_typen(gesprek, aantekening, tekst, *, door=None, observatie=""):
    """Types a note as the autosave endpoint would store it."""
    aantekening.refresh_from_db()
    resultaat = services.aantekening_opslaan(
        aantekening=aantekening, tekst=tekst, observatie=observatie, versie=aantekening.versie, wie=Wie(door)
    )
    assert resultaat.opgeslagen
    return resultaat.aantekening


def eigen_vraag(gesprek, element_naam, tekst):
    return services.eigen_vraag_toevoegen(
        gesprek=gesprek, wie=Wie(gesprek.eigenaar), element=element(gesprek, element_naam), tekst=tekst
    )


def bankvraag(gesprek, begin):
    """The gesprek's copy of a bank question, found by how its text begins."""
    return gesprek.vragen.exclude(soort=GesprekVraag.Soort.EIGEN).get(tekst__startswith=begin)


def url(naam, gesprek, *args):
    return reverse(f"gesprekken:{naam}", args=[gesprek.pk, *args])


def autosave(client, gesprek, aantekening, tekst, versie, observatie=""):
    """What the page's autosave sends for one note."""
    return client.post(
        url("aantekening_opslaan", gesprek, aantekening.pk),
        {"tekst": tekst, "observatie": observatie, "versie": str(versie)},
    )


def gegevens_post(**velden):
    """What the form for a gesprek's details sends, with one bestuurder."""
    data = {
        "organisatie": "Zorggroep Testdal",
        "organisatie_type": "zorgaanbieder",
        "doelgroep": "cliënten",
        "ander_meervoud": "",
        "ander_enkelvoud": "",
        "inspectie": "igj",
        "aanleiding": "afsluitend gesprek met bestuurder na bezoek",
        "datum": "2026-11-02",
        "casus_partner": "Wijkteam Oost",
        "casus_omschrijving": "Samenwerking rond ouderen die thuis wonen.",
        "bestuurders-TOTAL_FORMS": "1",
        "bestuurders-INITIAL_FORMS": "0",
        "bestuurders-MIN_NUM_FORMS": "0",
        "bestuurders-MAX_NUM_FORMS": "1000",
        "bestuurders-0-naam": "Mevr. J. de Boer",
        "bestuurders-0-functie": "bestuurder",
    }
    data.update(velden)
    return data


def gegevens_post_van(gesprek, **velden):
    """The details form of an existing gesprek as the browser would send it back, with changes."""
    bestuurders = list(gesprek.bestuurders.all())
    data = gegevens_post(
        organisatie=gesprek.organisatie.label,
        organisatie_type=gesprek.organisatie_type,
        doelgroep=gesprek.doelgroep_meervoud,
        inspectie=gesprek.inspectie,
        aanleiding=gesprek.aanleiding,
        datum=gesprek.datum.isoformat(),
        casus_partner=gesprek.casus_partner,
        casus_omschrijving=gesprek.casus_omschrijving,
        **{"bestuurders-TOTAL_FORMS": str(len(bestuurders)), "bestuurders-INITIAL_FORMS": str(len(bestuurders))},
    )
    for i, bestuurder in enumerate(bestuurders):
        data.update(
            {
                f"bestuurders-{i}-id": str(bestuurder.pk),
                f"bestuurders-{i}-gesprek": str(gesprek.pk),
                f"bestuurders-{i}-naam": bestuurder.naam,
                f"bestuurders-{i}-functie": bestuurder.functie,
            }
        )
    data.update(velden)
    return data


def zoals_getoond(response, rijen, **wijzigingen):
    """The POST a browser sends back for the form on a page and its rows (`rijen`: "bestuurders" or "afspraken"),
    with changes; the fingerprint of what the page showed goes with it, as a hidden field.

    Like a browser it only sends the ticked boxes that are on the page: a value the form does not show
    cannot come back.
    """
    data = {}
    formulieren = [response.context["form"], response.context[rijen].management_form, *response.context[rijen]]
    for formulier in formulieren:
        for veld in formulier:
            waarde = veld.value()
            if veld.name == "co_inspecteurs":
                getoond = {str(keuze.data["value"]) for keuze in veld}
                data[veld.html_name] = [str(pk) for pk in waarde or [] if str(pk) in getoond]
            elif veld.name == "DELETE":
                continue
            elif isinstance(waarde, datetime.date):
                data[veld.html_name] = waarde.isoformat()
            else:
                data[veld.html_name] = "" if waarde is None else str(waarde)
    data.update(wijzigingen)
    return data


def vragenlijst_post(gesprek, **extra):
    """The vragenlijst form as the browser sends it back: every ticked box and every volgnummer."""
    data = {
        "elementen": [str(pk) for pk in gesprek.elementen.filter(opgenomen=True).values_list("pk", flat=True)],
        "criteria": [
            str(pk)
            for pk in GesprekCriterium.objects.filter(element__gesprek=gesprek, opgenomen=True).values_list(
                "pk", flat=True
            )
        ],
        "vragen": [str(pk) for pk in gesprek.vragen.filter(opgenomen=True).values_list("pk", flat=True)],
    }
    for vraag in gesprek.vragen.filter(hoofdvraag__isnull=True, element__isnull=False):
        data[f"volgorde-{vraag.pk}"] = str(vraag.volgorde)
    data.update(extra)
    return data


def afronden_post(*, stap=None, afspraken=(), **velden):
    """The afronden form with new afspraken as (wat, wie, wanneer) tuples; `stap` presses "concept" or
    "vaststellen" instead of "opslaan"."""
    data = {
        "samenvatting": "",
        "wat_goed_gaat": "",
        "ontwikkelkansen": "",
        "afspraken-TOTAL_FORMS": str(len(afspraken)),
        "afspraken-INITIAL_FORMS": "0",
        "afspraken-MIN_NUM_FORMS": "0",
        "afspraken-MAX_NUM_FORMS": "1000",
    }
    for i, (wat, wie, wanneer) in enumerate(afspraken):
        data.update({f"afspraken-{i}-wat": wat, f"afspraken-{i}-wie": wie, f"afspraken-{i}-wanneer": wanneer})
    data.update(velden)
    if stap:
        data[stap] = ""
    return data


def pdf_lezen(inhoud):
    return pypdf.PdfReader(io.BytesIO(inhoud))


def pdf_tekst(inhoud):
    """The text of a PDF as one line: line breaks in the layout are not what a test is about."""
    tekst = "\n".join(pagina.extract_text() for pagina in pdf_lezen(inhoud).pages)
    return " ".join(tekst.split())


def zonder_witruimte(tekst):
    """For long texts that the PDF breaks over lines (and at hyphens): compare the characters only."""
    return re.sub(r"\s+", "", tekst)


def pagina_html(response):
    """A page's HTML without its per-request CSRF tokens, so two renderings of the same data compare equal."""
    html = response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)
