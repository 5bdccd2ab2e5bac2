"""The Nu HTML Checker finds no error on the pages of deelname/: the organisation's page (to fill in and after
submitting), its refusals (404, 410, 429), the concept to check, and the inspector's invitation pages, Gesprek voeren
with answers, the remarks to handle and the report's versions."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deelname import services, verificatie
from deelname.models import Antwoord, Uitnodiging
from gesprekken import services as gesprek_services
from gesprekken.logboek import Wie
from tests.samenwerking.test_html_geldig import vnu

from .conftest import pad_van


def test_vnu_finds_no_errors_on_the_pages_of_deelname(
    settings, client_van, eigenaar, gesprek, gedeeld, link, tmp_path
):
    paginas = {}
    contact = Client()
    contact.get(pad_van(link.url))
    paginas["organisatie: invullen"] = contact.get(reverse("deelname:pagina"))
    antwoord = Antwoord.objects.filter(uitnodiging=link.uitnodiging, vraag__isnull=False).first()
    services.antwoord_opslaan(antwoord=antwoord, tekst="Ons antwoord.", keuze="", versie=0, wie=Wie())
    cel = Antwoord.objects.filter(uitnodiging=link.uitnodiging, veld__isnull=False).first()
    services.antwoord_opslaan(antwoord=cel, tekst="Onze cel.", keuze="", versie=0, wie=Wie())
    paginas["organisatie: ingediend"] = contact.post(reverse("deelname:indienen"), follow=True)
    paginas["organisatie: zonder link"] = Client().get(reverse("deelname:pagina"))
    paginas["organisatie: verkeerde link"] = Client().get("/deelname/openen/?sleutel=" + "x" * 43)
    settings.DEELNAME_MAX_POGINGEN = 1
    paginas["organisatie: te veel pogingen"] = Client().get("/deelname/openen/?sleutel=" + "x" * 43)
    settings.DEELNAME_MAX_POGINGEN = 10
    Uitnodiging.objects.update(verloopt_op=timezone.now())
    paginas["organisatie: verlopen"] = contact.get(reverse("deelname:pagina"))

    inspecteur = client_van(eigenaar)
    paginas["inspecteur: uitnodigingen"] = inspecteur.get(reverse("deelname:uitnodigingen", args=[gesprek.pk]))
    paginas["inspecteur: fout in het formulier"] = inspecteur.post(
        reverse("deelname:uitnodigen", args=[gesprek.pk]), {"naam": "", "email": "geen", "versturen": "tonen"}
    )
    paginas["inspecteur: link"] = inspecteur.post(
        reverse("deelname:uitnodigen", args=[gesprek.pk]),
        {"naam": "Piet", "email": "piet@testdal.nl", "versturen": "tonen"},
    )
    services.in_rapport_kiezen(gesprek=gesprek, wie=Wie(eigenaar), antwoorden=[antwoord], in_rapport=True)
    paginas["inspecteur: gesprek voeren met antwoorden"] = inspecteur.get(
        reverse("gesprekken:voeren", args=[gesprek.pk])
    )

    concept = gesprek_services.concept_maken(gesprek=gesprek, wie=Wie(eigenaar))
    controle = services.uitnodigen(
        gesprek=gesprek,
        wie=Wie(eigenaar),
        naam="Piet",
        email="piet@testdal.nl",
        rol="",
        per_mail=False,
        versie=concept,
    )
    lezer = Client()
    paginas["organisatie: concept controleren"] = lezer.get(pad_van(controle.url), follow=True)
    opmerking = services.opmerkingen_klaarzetten(uitnodiging=controle.uitnodiging)[-1]
    services.opmerking_opslaan(opmerking=opmerking, tekst="Dit klopt niet.", versie=0, wie=Wie())
    paginas["organisatie: opmerkingen ingediend"] = lezer.post(reverse("deelname:indienen"), follow=True)
    paginas["inspecteur: afronden met opmerkingen"] = inspecteur.get(reverse("gesprekken:afronden", args=[gesprek.pk]))
    paginas["inspecteur: opmerking zonder reden"] = inspecteur.post(
        reverse("deelname:opmerking_verwerken", args=[gesprek.pk, opmerking.pk]),
        {f"opmerking-{opmerking.pk}-verwerking": "niet_overgenomen"},
        follow=True,
    )
    services.opmerking_verwerken(opmerking=opmerking, wie=Wie(eigenaar), verwerking="overgenomen", reden="")
    gesprek_services.vaststellen(gesprek=gesprek, wie=Wie(eigenaar), bijlage=verificatie.bijlage(gesprek))
    paginas["organisatie: concept na vaststellen"] = lezer.get(reverse("deelname:verificatie"))
    paginas["inspecteur: vastgesteld"] = inspecteur.get(reverse("gesprekken:afronden", args=[gesprek.pk]))
    paginas["inspecteur: versies"] = inspecteur.get(reverse("gesprekken:versies", args=[gesprek.pk]))
    paginas["inspecteur: versie met bijlage"] = inspecteur.get(reverse("gesprekken:versie", args=[gesprek.pk, 2]))
    paginas["inspecteur: vergelijken"] = inspecteur.get(
        reverse("gesprekken:vergelijken", args=[gesprek.pk]), {"van": 1, "naar": 2}
    )
    gesprek_services.gesprek_heropenen(gesprek=gesprek, wie=Wie(eigenaar))
    gesprek.status = gesprek.Status.VASTGESTELD
    gesprek.save()
    paginas["inspecteur: uitnodigingen van een afgerond gesprek"] = inspecteur.get(
        reverse("deelname:uitnodigingen", args=[gesprek.pk])
    )
    paginas["inspecteur: gesprek voeren, afgerond, met antwoorden"] = inspecteur.get(
        reverse("gesprekken:voeren", args=[gesprek.pk])
    )

    titels = {}
    for nummer, (titel, response) in enumerate(paginas.items()):
        pad = tmp_path / f"pagina-{nummer:02d}.html"
        pad.write_text(response.content.decode(), encoding="utf-8")
        titels[pad.name] = f"{titel} (HTTP {response.status_code})"
    assert "Ons antwoord." in paginas["inspecteur: gesprek voeren met antwoorden"].content.decode()
    fouten = [
        f"{titels.get(m.get('url', '').rsplit('/', 1)[-1])} regel {m.get('lastLine')}: {m['message']} "
        f"[{m.get('extract', '').strip()}]"
        for m in vnu(sorted(tmp_path.glob("pagina-*.html")))
        if m["type"] in ("error", "non-document-error")
    ]
    assert not fouten, f"{len(fouten)} fouten:\n" + "\n".join(fouten)
