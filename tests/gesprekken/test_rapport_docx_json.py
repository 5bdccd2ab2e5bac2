"""The rapport as a Word document and a gesprek as JSON, each read back, and who may download them."""

import io
import json
import re
from html.parser import HTMLParser

import docx
import pytest
from django.urls import reverse

from elementen.models import Kader
from gesprekken.models import Gesprek
from gesprekken.rapport import pdf
from tests import factories

from .builders import aantekening_typen, criterium_aantekeningen, url

GV = "Gedeelde visie, gedeeld belang"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def ingevuld(voorbereid):
    """`voorbereid`, with a note typed over two lines in the browser (which sends CRLF) and what goes well."""
    tweede = criterium_aantekeningen(voorbereid)[1]
    aantekening_typen(voorbereid, tweede, "Nog geen visie op papier.\r\nWel een begin.", observatie="ontwikkelpunt")
    voorbereid.wat_goed_gaat = "Korte lijnen."
    voorbereid.save()
    return voorbereid


# DOCX of the rapport


def docx_lezen(response):
    return docx.Document(io.BytesIO(response.content))


def koppen(document):
    return [
        (int(p.style.name.removeprefix("Heading ")), p.text)
        for p in document.paragraphs
        if p.style.name.startswith("Heading ")
    ]


class _KoppenInHTML(HTMLParser):
    def __init__(self):
        super().__init__()
        self.koppen, self._niveau, self._tekst = [], None, []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-3]", tag):
            self._niveau, self._tekst = int(tag[1]), []

    def handle_endtag(self, tag):
        if self._niveau and tag == f"h{self._niveau}":
            self.koppen.append((self._niveau, " ".join("".join(self._tekst).split())))
            self._niveau = None

    def handle_data(self, data):
        if self._niveau:
            self._tekst.append(data)


def test_the_rapport_downloads_as_a_word_document_named_like_the_pdf(client_van, eigenaar, ingevuld):
    response = client_van(eigenaar).get(url("rapport_docx", ingevuld))

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="rapport-zorggroep-testdal-2026-11-02.docx"'


def test_the_word_rapport_has_the_same_headings_as_the_pdf_in_word_heading_styles(client_van, eigenaar, ingevuld):
    document = docx_lezen(client_van(eigenaar).get(url("rapport_docx", ingevuld)))
    html = pdf.rapport_html(Gesprek.objects.met_rapport().get(pk=ingevuld.pk))
    in_pdf = _KoppenInHTML()
    in_pdf.feed(html)

    assert koppen(document) == in_pdf.koppen
    assert koppen(document)[:3] == [(1, "Rapport samenwerkingsgesprek"), (2, "Inhoud"), (2, GV)]


def test_the_word_rapport_holds_the_details_notes_questions_and_afspraken(client_van, eigenaar, ingevuld):
    document = docx_lezen(client_van(eigenaar).get(url("rapport_docx", ingevuld)))
    alineas = [p.text for p in document.paragraphs]
    gegevens = {rij.cells[0].text: rij.cells[1].text for rij in document.tables[0].rows}
    afspraken = [[cel.text for cel in rij.cells] for rij in document.tables[1].rows]

    assert "Zorggroep Testdal, 2 november 2026" in alineas
    assert gegevens["Inspecteurs"] == "Olga Eigenaar, Cas Collega"
    assert gegevens["Gesproken met"] == "Mevr. J. de Boer, bestuurder"
    assert gegevens["Kader"] == "Stimulerend toezicht op samenwerking (september 2023)"
    assert gegevens["Samenwerking als uitgangspunt"] == "Met Wijkteam Oost: Samenwerking rond ouderen die thuis wonen."
    assert "Observatie: sterk punt" in alineas
    assert "De bestuurder noemt het wekelijkse wijkoverleg." in alineas
    assert "Observatie: ontwikkelpunt" in alineas
    # The browser's CRLF becomes one line break inside the paragraph.
    assert "Nog geen visie op papier.\nWel een begin." in alineas
    assert "Hoe is de financiering van het wijkteam geregeld? (eigen vraag)" in alineas
    assert "Een open gesprek over de samenwerking met het wijkteam." in alineas
    assert afspraken == [["Wat", "Wie", "Wanneer"], ["Evaluatie samen plannen", "Bestuurder", "1 februari 2027"]]
    assert document.core_properties.title == "Rapport samenwerkingsgesprek Zorggroep Testdal, 2 november 2026"
    assert document.core_properties.author == "Olga Eigenaar, Cas Collega"
    assert document.core_properties.language == "nl-NL"


def test_each_element_s_questions_are_numbered_from_one(client_van, eigenaar, ingevuld):
    document = docx_lezen(client_van(eigenaar).get(url("rapport_docx", ingevuld)))
    genummerd = [p for p in document.paragraphs if p.style.name == "List Number"]
    lijsten = {p._p.pPr.numPr.numId.val for p in genummerd}

    assert len(genummerd) > 3
    assert len(lijsten) == 4  # the three core elements and Financiering, each its own list


def test_a_pasted_control_character_does_not_break_the_word_document(client_van, eigenaar, ingevuld):
    eerste = criterium_aantekeningen(ingevuld)[0]
    aantekening_typen(ingevuld, eerste, "Uit Word geplakt:\x0bnieuwe regel\x0c en verder.")

    response = client_van(eigenaar).get(url("rapport_docx", ingevuld))

    assert response.status_code == 200
    assert "Uit Word geplakt:nieuwe regel en verder." in [p.text for p in docx_lezen(response).paragraphs]


def test_an_afgerond_gesprek_offers_word_and_json_beside_the_pdf(client_van, eigenaar, ingevuld):
    ingevuld.status = Gesprek.Status.VASTGESTELD
    ingevuld.save()

    html = client_van(eigenaar).get(url("afronden", ingevuld)).content.decode()

    assert f'href="{url("rapport_docx", ingevuld)}">Word (DOCX)</a>' in html
    assert f'href="{url("gesprek_json", ingevuld)}">JSON</a>' in html


# JSON of a gesprek


def test_a_gesprek_downloads_as_json_with_the_kader_version_it_used(client_van, eigenaar, ingevuld, vragenbank):
    response = client_van(eigenaar).get(url("gesprek_json", ingevuld))
    data = json.loads(response.content)

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="gesprek-zorggroep-testdal-2026-11-02.json"'
    assert data["kader"] == {
        "id": vragenbank.pk,
        "titel": "Stimulerend toezicht op samenwerking (september 2023)",
        "versie": "september 2023",
        "soort": "handreiking",
        "gepubliceerd_op": vragenbank.gepubliceerd_op.isoformat() if vragenbank.gepubliceerd_op else None,
    }
    assert data["gesprek"]["organisatie"] == "Zorggroep Testdal"
    assert data["gesprek"]["datum"] == "2026-11-02"
    assert data["gesprek"]["inspecteurs"] == ["Olga Eigenaar", "Cas Collega"]
    visie = next(e for e in data["elementen"] if e["naam"] == GV)
    assert visie["criteria"][0]["aantekening"]["tekst"] == "De bestuurder noemt het wekelijkse wijkoverleg."
    assert visie["criteria"][0]["aantekening"]["observatie"] == "sterk_punt"
    assert visie["vragen"][0]["doorvragen"]
    financiering = next(e for e in data["elementen"] if e["naam"] == "Financiering")
    assert [v["tekst"] for v in financiering["vragen"]] == ["Hoe is de financiering van het wijkteam geregeld?"]
    assert data["afronding"]["afspraken"] == [
        {
            "wat": "Evaluatie samen plannen",
            "wie": "Bestuurder",
            "wanneer": "2027-02-01",
            "status": "open",
            "toelichting": "",
        }
    ]
    assert data["afronding"]["samenvatting"] == "Een open gesprek over de samenwerking met het wijkteam."


def test_the_json_keeps_the_kader_title_when_the_kader_is_gone(client_van, eigenaar, ingevuld):
    Gesprek.objects.filter(pk=ingevuld.pk).update(kader=None)

    data = json.loads(client_van(eigenaar).get(url("gesprek_json", ingevuld)).content)

    assert data["kader"]["titel"] == "Stimulerend toezicht op samenwerking (september 2023)"
    assert data["kader"]["id"] is None and data["kader"]["versie"] is None


def test_the_leidraad_s_version_is_the_one_in_the_json(client_van, eigenaar, vragenbank):
    leidraad = Kader.objects.get(soort=Kader.Soort.LEIDRAAD)
    gesprek = factories.gesprek(eigenaar=eigenaar, kader=leidraad)

    data = json.loads(client_van(eigenaar).get(url("gesprek_json", gesprek)).content)

    assert (data["kader"]["id"], data["kader"]["versie"]) == (leidraad.pk, "oktober 2023")
    assert data["elementen"][0]["criteria"][0]["label"] == "a"


# Who may download


@pytest.mark.parametrize("naam", ["rapport_docx", "gesprek_json"])
def test_the_owner_and_a_co_inspecteur_may_download(client_van, eigenaar, co_inspecteur, gesprek, naam):
    assert client_van(eigenaar).get(url(naam, gesprek)).status_code == 200
    assert client_van(co_inspecteur).get(url(naam, gesprek)).status_code == 200


@pytest.mark.parametrize("naam", ["rapport_docx", "gesprek_json"])
def test_an_outsider_gets_404_as_for_the_pdf(client_van, buitenstaander, gesprek, naam):
    assert client_van(buitenstaander).get(url(naam, gesprek)).status_code == 404


@pytest.mark.parametrize("rol", ["coordinator", "beheerder"])
@pytest.mark.parametrize("naam", ["rapport_docx", "gesprek_json"])
def test_a_coordinator_or_beheerder_gets_403_as_for_the_pdf(request, client_van, gesprek, rol, naam):
    assert client_van(request.getfixturevalue(rol)).get(url(naam, gesprek)).status_code == 403


@pytest.mark.parametrize("naam", ["rapport_docx", "gesprek_json"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, gesprek, naam):
    response = client.get(url(naam, gesprek))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("naam", ["rapport_docx", "gesprek_json"])
def test_a_download_takes_a_fixed_number_of_queries(client_van, eigenaar, ingevuld, django_assert_num_queries, naam):
    client = client_van(eigenaar)

    # Session (1), the user with their permissions (1), the gesprek with its bestuurders, inspecteurs, afspraken,
    # elements, criteria with notes, questions, doorvragen, free notes and conversation aids (10), its terugblikken
    # on afspraken of earlier gesprekken (1), its instruments for the whole gesprek and per element (2), the
    # organisation's answers chosen for the rapport (1), the download logged (1), the session saved (3); the JSON
    # also lists the report's versions (1).
    with django_assert_num_queries(21 if naam == "gesprek_json" else 20):
        assert client.get(url(naam, ingevuld)).status_code == 200
