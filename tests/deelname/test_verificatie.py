"""Part 3: the concept report goes to the organisation to check for factual errors; the inspector handles each
remark and vaststelt the report; every version is kept as it was made."""

import hashlib
import re

import pytest
from django.test import Client
from django.urls import reverse

from deelname import services
from deelname.models import Opmerking, Uitnodiging
from gesprekken import services as gesprek_services
from gesprekken.logboek import Wie
from gesprekken.models import Gebeurtenis, Gesprek, RapportVersie
from tests.gesprekken.builders import afronden_post, pdf_tekst
from tests.postbus import tekst_van

from .conftest import pad_van

FOUT = "De gemeente financiert het wijkteam sinds 2019."
GOED = "De zorgverzekeraar financiert het wijkteam sinds 2021."
INTERN = "Alleen voor de inspectie: bestuurder leek onzeker."


def melding(response):
    return [str(m) for m in response.context["messages"]]


def url(naam, gesprek, *args):
    return reverse(f"gesprekken:{naam}", args=[gesprek.pk, *args])


@pytest.fixture
def concept(gesprek):
    wie = Wie(gesprek.eigenaar)
    gesprek_services.afronding_opslaan(gesprek=gesprek, wie=wie, gegevens={"samenvatting": FOUT})
    return gesprek_services.concept_maken(gesprek=gesprek, wie=wie)


def sturen(client, gesprek, follow=False, **velden):
    gegevens = {
        "verificatie-naam": "Mevr. J. de Boer",
        "verificatie-email": "j.deboer@testdal.nl",
        "verificatie-rol": "bestuurder",
        "verificatie-versturen": "tonen",
    }
    return client.post(
        reverse("deelname:verificatie_sturen", args=[gesprek.pk]), {**gegevens, **velden}, follow=follow
    )


def link_uit(response):
    return re.search(r'value="(http://127\.0\.0\.1:8000/deelname/openen/\?sleutel=[^"]+)"', response.content.decode())[
        1
    ]


def opmerking_bij(uitnodiging, sectie_id):
    return Opmerking.objects.get(uitnodiging=uitnodiging, sectie=sectie_id)


def opslaan(client, opmerking, tekst, versie=None):
    return client.post(
        reverse("deelname:opmerking_opslaan", args=[opmerking.pk]),
        {"tekst": tekst, "versie": opmerking.versie if versie is None else versie},
    )


def test_a_concept_is_a_frozen_version_in_sections_with_who_when_and_a_checksum(gesprek, concept):
    gesprek.refresh_from_db()
    assert gesprek.status == Gesprek.Status.CONCEPT
    assert (concept.nummer, concept.soort, concept.gemaakt_door) == (1, "concept", gesprek.eigenaar)
    titels = [s["titel"] for s in concept.secties]
    assert titels[-1] == "Samenvatting en afspraken"
    assert FOUT in concept.secties[-1]["html"]
    assert len(concept.controlesom) == 64 and concept.pdf is None
    concept.toelichting = "anders"
    with pytest.raises(ValueError, match="verandert nooit"):
        concept.save()
    assert Gebeurtenis.objects.filter(gesprek=gesprek, actie=Gebeurtenis.Actie.CONCEPT).exists()


def test_without_a_concept_nothing_goes_to_the_organisation(client_van, eigenaar, gesprek):
    client = client_van(eigenaar)
    response = sturen(client, gesprek, follow=True)

    assert "Maak eerst een concept van het rapport" in melding(response)[0]
    assert not Uitnodiging.objects.exists()


def test_the_concept_is_mailed_and_the_contact_reads_the_concept_not_later_edits(
    postbus, client, client_van, eigenaar, gesprek, concept
):
    response = sturen(client_van(eigenaar), gesprek, **{"verificatie-versturen": "mailen"})
    assert "per e-mail verstuurd naar j.deboer@testdal.nl" in response.content.decode()
    gesprek.refresh_from_db()
    assert gesprek.status == Gesprek.Status.TER_VERIFICATIE
    [bericht] = postbus.aan("j.deboer@testdal.nl")
    tekst = tekst_van(bericht)
    assert "concept van het rapport" in tekst and FOUT not in tekst and str(gesprek.organisatie) not in tekst
    link = re.search(r"http://127\.0\.0\.1:8000/deelname/openen/\?sleutel=\S+", tekst)[0]
    # The inspector goes on editing, and types a note of their own: the contact sees neither.
    gesprek_services.afronding_opslaan(gesprek=gesprek, wie=Wie(eigenaar), gegevens={"samenvatting": INTERN})

    pagina = client.get(pad_van(link), follow=True)

    html = pagina.content.decode()
    assert pagina.status_code == 200
    assert pagina.redirect_chain[-1][0] == reverse("deelname:verificatie")
    assert FOUT in html and INTERN not in html
    assert "Feitelijke onjuistheden in Samenvatting en afspraken" in html
    assert pagina["Referrer-Policy"] == "no-referrer" and "noindex" in pagina["X-Robots-Tag"]
    assert reverse("gesprekken:mijn_gesprekken") not in html
    als_pdf = client.get(reverse("deelname:concept_pdf"))
    assert als_pdf["Content-Type"] == "application/pdf"
    assert "De gemeente financiert het wijkteam" in pdf_tekst(als_pdf.content)


def test_remarks_are_saved_per_section_an_old_version_is_refused_and_submitting_makes_them_read_only(
    client, client_van, eigenaar, gesprek, concept
):
    client.get(pad_van(link_uit(sturen(client_van(eigenaar), gesprek))), follow=True)
    uitnodiging = Uitnodiging.objects.get(ronde=Uitnodiging.Ronde.VERIFICATIE)
    opmerking = opmerking_bij(uitnodiging, "afronding")
    assert Opmerking.objects.filter(uitnodiging=uitnodiging).count() == len(concept.secties)

    assert opslaan(client, opmerking, "Eerste versie").status_code == 200
    oud = opslaan(client, opmerking, "Van een ander tabblad", versie=0)
    assert oud.status_code == 409 and oud.json()["server"]["tekst"] == "Eerste versie"
    te_lang = opslaan(client, opmerking_bij(uitnodiging, "afronding"), "x" * 20001)
    assert te_lang.status_code == 422 and "ten hoogste" in te_lang.json()["melding"]
    client.post(reverse("deelname:indienen"))

    opmerking.refresh_from_db()
    assert opmerking.tekst == "Eerste versie"
    assert opslaan(client, opmerking, "Te laat").status_code == 409
    html = client.get(reverse("deelname:verificatie")).content.decode()
    assert "U hebt uw opmerkingen ingediend" in html and "<textarea" not in html
    wat = list(Gebeurtenis.objects.filter(gesprek=gesprek).values_list("wat", flat=True))
    assert any("geopend" in w for w in wat) and any("ingediend" in w for w in wat)
    assert not any("Eerste versie" in w for w in wat)


def test_the_inspector_handles_each_remark_and_vaststelt_with_the_annex_and_a_stored_pdf(
    client, client_van, eigenaar, gesprek, concept
):
    inspecteur = client_van(eigenaar)
    client.get(pad_van(link_uit(sturen(inspecteur, gesprek))), follow=True)
    uitnodiging = Uitnodiging.objects.get(ronde=Uitnodiging.Ronde.VERIFICATIE)
    opslaan(client, opmerking_bij(uitnodiging, "afronding"), f"Niet juist: {GOED}")
    eerste_sectie = concept.secties[0]
    opslaan(client, opmerking_bij(uitnodiging, eerste_sectie["id"]), "Wij noemen dit anders.")
    client.post(reverse("deelname:indienen"))
    overnemen, afwijzen = opmerking_bij(uitnodiging, "afronding"), opmerking_bij(uitnodiging, eerste_sectie["id"])

    # Vaststellen waits until every remark is handled.
    geweigerd = inspecteur.post(url("afronden", gesprek), afronden_post(samenvatting=GOED, stap="vaststellen"))
    assert geweigerd.status_code == 422
    assert "Nog 2 opmerking(en) van de organisatie zijn niet verwerkt." in geweigerd.content.decode()
    verwerken = reverse("deelname:opmerking_verwerken", args=[gesprek.pk, afwijzen.pk])
    zonder_reden = inspecteur.post(verwerken, {f"opmerking-{afwijzen.pk}-verwerking": "niet_overgenomen"}, follow=True)
    assert "Geef de reden waarom u deze opmerking niet overneemt." in melding(zonder_reden)
    inspecteur.post(
        verwerken,
        {
            f"opmerking-{afwijzen.pk}-verwerking": "niet_overgenomen",
            f"opmerking-{afwijzen.pk}-reden": "De handreiking gebruikt dit woord.",
        },
    )
    inspecteur.post(
        reverse("deelname:opmerking_verwerken", args=[gesprek.pk, overnemen.pk]),
        {f"opmerking-{overnemen.pk}-verwerking": "overgenomen"},
    )

    response = inspecteur.post(
        url("afronden", gesprek), afronden_post(samenvatting=GOED, stap="vaststellen", bijlage="on"), follow=True
    )

    assert any("Het rapport is vastgesteld (versie 2)." in m for m in melding(response))
    gesprek.refresh_from_db()
    assert gesprek.status == Gesprek.Status.VASTGESTELD
    definitief = RapportVersie.objects.get(gesprek=gesprek, nummer=2)
    assert definitief.toelichting == "na verificatie door de organisatie"
    assert definitief.pdf_controlesom == hashlib.sha256(bytes(definitief.pdf)).hexdigest()
    tekst = pdf_tekst(inspecteur.get(url("rapport_pdf", gesprek)).content)
    assert "zorgverzekeraar financiert" in tekst and "gemeente financiert" not in tekst.split("Bijlage")[0]
    assert "Bijlage: opmerkingen van de organisatie" in tekst
    assert "De handreiking gebruikt dit woord." in tekst and "Overgenomen" in tekst
    # Served from storage: the same bytes every time, also the version's own address.
    assert inspecteur.get(url("rapport_pdf", gesprek)).content == bytes(definitief.pdf)
    assert inspecteur.get(url("versie_pdf", gesprek, 2)).content == bytes(definitief.pdf)
    # The concept is as it was.
    assert RapportVersie.objects.get(pk=concept.pk).controlesom == concept.controlesom
    # The contact's link now gets the Dutch page.
    afgesloten = client.get(reverse("deelname:verificatie"))
    assert afgesloten.status_code == 410 and "Het rapport is vastgesteld" in afgesloten.content.decode()
    acties = set(Gebeurtenis.objects.filter(gesprek=gesprek).values_list("actie", flat=True))
    assert {"concept", "ter_verificatie", "vastgesteld"} <= acties


def test_a_concept_may_be_vastgesteld_without_verification_and_the_log_says_so(client_van, eigenaar, gesprek, concept):
    client_van(eigenaar).post(url("afronden", gesprek), afronden_post(samenvatting=FOUT, stap="vaststellen"))

    versie = RapportVersie.objects.get(gesprek=gesprek, nummer=2)
    assert versie.toelichting == "zonder verificatie door de organisatie"
    assert Gebeurtenis.objects.filter(
        gesprek=gesprek, actie=Gebeurtenis.Actie.VASTGESTELD, wat__contains="zonder verificatie"
    ).exists()


def test_reopening_makes_a_new_version_and_never_changes_an_old_one(client_van, eigenaar, gesprek, concept):
    client = client_van(eigenaar)
    client.post(url("afronden", gesprek), afronden_post(samenvatting=FOUT, stap="vaststellen"))
    eerste = RapportVersie.objects.get(gesprek=gesprek, nummer=2)

    client.post(url("heropenen", gesprek))
    client.post(url("afronden", gesprek), afronden_post(samenvatting=GOED, stap="vaststellen"))

    assert list(RapportVersie.objects.filter(gesprek=gesprek).values_list("nummer", "soort")) == [
        (1, "concept"),
        (2, "vastgesteld"),
        (3, "vastgesteld"),
    ]
    nog_steeds = RapportVersie.objects.get(pk=eerste.pk)
    assert (nog_steeds.controlesom, bytes(nog_steeds.pdf)) == (eerste.controlesom, bytes(eerste.pdf))
    vergelijking = client.get(url("vergelijken", gesprek), {"van": 2, "naar": 3}).content.decode()
    assert "Verwijderd: </span>" + FOUT in vergelijking and "Toegevoegd: </span>" + GOED in vergelijking
    assert "Samenvatting en afspraken" in vergelijking
    lijst = client.get(url("versies", gesprek)).content.decode()
    assert lijst.count("<tr>") == 4 and eerste.controlesom[:12] in lijst


def test_comparing_a_version_with_itself_or_a_missing_one_gets_a_dutch_message(client_van, eigenaar, gesprek, concept):
    client = client_van(eigenaar)
    assert (
        "Kies twee verschillende versies."
        in client.get(url("vergelijken", gesprek), {"van": 1, "naar": 1}).content.decode()
    )
    ontbreekt = client.get(url("vergelijken", gesprek), {"van": 1, "naar": "99x"})
    assert ontbreekt.status_code == 422 and "Kies twee versies" in ontbreekt.content.decode()
    assert client.get(url("versie", gesprek, 99)).status_code == 404


def test_a_new_link_for_the_contact_makes_the_old_one_invalid(client, client_van, eigenaar, gesprek, concept):
    inspecteur = client_van(eigenaar)
    oud = link_uit(sturen(inspecteur, gesprek))
    uitnodiging = Uitnodiging.objects.get(ronde=Uitnodiging.Ronde.VERIFICATIE)

    nieuw = link_uit(
        inspecteur.post(reverse("deelname:nieuwe_link", args=[gesprek.pk, uitnodiging.pk]), {"versturen": "tonen"})
    )

    assert client.get(pad_van(oud)).status_code == 404
    assert client.get(pad_van(nieuw), follow=True).status_code == 200
    assert Uitnodiging.objects.filter(ronde=Uitnodiging.Ronde.VERIFICATIE).count() == 1


def test_the_pre_visit_link_and_the_verification_link_are_separate_keys(
    client, client_van, eigenaar, gesprek, link, concept
):
    verificatie = link_uit(sturen(client_van(eigenaar), gesprek))

    vooraf = client.get(pad_van(link.url), follow=True)
    assert vooraf.redirect_chain[-1][0] == reverse("deelname:pagina")
    assert client.get(reverse("deelname:verificatie")).status_code == 404
    assert client.get(pad_van(verificatie), follow=True).redirect_chain[-1][0] == reverse("deelname:verificatie")
    assert client.get(reverse("deelname:pagina")).status_code == 302
    assert Uitnodiging.objects.count() == 2


def test_services_refuse_a_verification_of_an_old_concept(gesprek, concept):
    wie = Wie(gesprek.eigenaar)
    gesprek_services.concept_maken(gesprek=gesprek, wie=wie)
    with pytest.raises(services.GeenConcept):
        services.uitnodigen(gesprek=gesprek, wie=wie, naam="A", email="a@b.nl", rol="", per_mail=False, versie=concept)


def test_the_concepts_link_stops_when_the_gesprek_is_reopened_and_a_new_concept_needs_a_new_link(
    client, client_van, eigenaar, gesprek, concept
):
    inspecteur = client_van(eigenaar)
    link = link_uit(sturen(inspecteur, gesprek))
    inspecteur.post(url("afronden", gesprek), afronden_post(samenvatting=FOUT, stap="vaststellen"))
    inspecteur.post(url("heropenen", gesprek))

    heropend = client.get(pad_van(link))

    assert heropend.status_code == 410 and "Dit concept is niet meer actueel" in heropend.content.decode()
    inspecteur.post(url("afronden", gesprek), afronden_post(samenvatting=GOED, stap="concept"))
    # The old concept's link opens it again, read only: the new concept goes out with a new link.
    html = client.get(pad_van(link), follow=True).content.decode()
    assert FOUT in html and GOED not in html and "<textarea" not in html
    nieuw = link_uit(sturen(inspecteur, gesprek))
    assert GOED in Client().get(pad_van(nieuw), follow=True).content.decode()


def test_a_vastgesteld_report_is_served_from_storage_without_reading_the_gesprek_again(
    client_van, eigenaar, gesprek, concept, django_assert_num_queries
):
    client = client_van(eigenaar)
    client.post(url("afronden", gesprek), afronden_post(samenvatting=GOED, stap="vaststellen"))
    opgeslagen = bytes(RapportVersie.objects.get(gesprek=gesprek, nummer=2).pdf)

    # Session (1), the user with their permissions (1), the gesprek (1), the download logged (1), the stored
    # version (1), the session saved in a savepoint (3): nothing of what the report holds.
    with django_assert_num_queries(8):
        response = client.get(url("rapport_pdf", gesprek))

    assert response.content == opgeslagen
