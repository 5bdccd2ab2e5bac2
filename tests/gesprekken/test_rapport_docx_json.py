"""Exports beyond the PDF: the overview as CSV, the rapport as DOCX, a gesprek as JSON, each read back."""

import csv
import datetime
import io
import json
import re
from html.parser import HTMLParser

import docx
import pytest
from django.urls import reverse

from elementen.models import Kader
from gesprekken import pdf
from gesprekken.models import Afspraak, Gesprek
from tests import factories

from .builders import aantekening_typen, criterium_aantekeningen, eigen_vraag, url

CSV_URL = reverse("gesprekken:overzicht_csv")
GV = "Gedeelde visie, gedeeld belang"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _snel_wachtwoord(settings):
    """These tests log in with force_login: hashing each user's password for real costs about a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def voorbereid(gesprek):
    """A gesprek as an inspector leaves it: notes with observations, an own question, a summary, an afspraak."""
    eerste, tweede = criterium_aantekeningen(gesprek)[:2]
    aantekening_typen(gesprek, eerste, "De bestuurder noemt het wekelijkse wijkoverleg.", observatie="sterk_punt")
    aantekening_typen(gesprek, tweede, "Nog geen visie op papier.\r\nWel een begin.", observatie="ontwikkelpunt")
    eigen_vraag(gesprek, "Financiering", "Hoe is de financiering van het wijkteam geregeld?")
    gesprek.samenvatting = "Een open gesprek over de samenwerking met het wijkteam."
    gesprek.wat_goed_gaat = "Korte lijnen."
    gesprek.save()
    Afspraak.objects.create(
        gesprek=gesprek, wat="Evaluatie samen plannen", wie="Bestuurder", wanneer=datetime.date(2027, 2, 1)
    )
    return gesprek


# CSV of the overview


def csv_lezen(response):
    assert response.content.startswith(b"\xef\xbb\xbf"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def met_aantekening(eigenaar, kader, label, observatie, **velden):
    gesprek = factories.gesprek(eigenaar=eigenaar, kader=kader, **velden)
    gesprek.aantekeningen.filter(criterium__element__naam=GV, criterium__label=label).update(
        tekst="Geheime aantekening", observatie=observatie
    )
    Gesprek.objects.filter(pk=gesprek.pk).update(status=Gesprek.Status.GEVOERD)
    return gesprek


def test_the_overview_downloads_as_a_csv_that_excel_opens(client_van, coordinator, vragenbank, eigenaar):
    met_aantekening(eigenaar, vragenbank, "1", "sterk_punt")

    response = client_van(coordinator).get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="overzicht-gesprekken-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"]
    )
    rijen = csv_lezen(response)
    assert rijen[0] == [
        "Soort",
        "Kader",
        "Element",
        "Criterium",
        "Kwadrant",
        "Omschrijving",
        "Besproken",
        "Sterk punt",
        "Ontwikkelpunt",
        "Niet besproken",
    ]
    assert b"\r\n" in response.content


def test_the_csv_holds_the_same_counts_as_the_page_including_gesprekken_the_viewer_is_not_on(
    client_van, coordinator, vragenbank, eigenaar, buitenstaander
):
    met_aantekening(eigenaar, vragenbank, "1", "sterk_punt")
    met_aantekening(buitenstaander, vragenbank, "1", "ontwikkelpunt")
    client = client_van(coordinator)

    rijen = csv_lezen(client.get(CSV_URL))
    pagina = client.get(reverse("gesprekken:overzicht")).context["overzicht"]

    element = next(
        r for r in rijen if r[:3] == ["Element", "Stimulerend toezicht op samenwerking (september 2023)", GV]
    )
    criterium = next(r for r in rijen if r[0] == "Criterium" and r[2] == GV and r[3] == "1")
    assert element[6:] == ["2", "1", "1", "0"]
    assert criterium[5].startswith("De organisaties zoeken proactief de vraag van hun inwoners")
    assert criterium[6:] == ["2", "1", "1", "0"]
    assert len(rijen) == 1 + len(pagina.elementen) + len(pagina.criteria)
    assert "Geheime aantekening" not in client.get(CSV_URL).content.decode("utf-8-sig")


def test_the_csv_uses_the_same_filters_as_the_page(client_van, coordinator, vragenbank, eigenaar):
    met_aantekening(eigenaar, vragenbank, "1", "sterk_punt", inspectie="igj", datum=datetime.date(2026, 3, 1))
    met_aantekening(eigenaar, vragenbank, "1", "ontwikkelpunt", inspectie="jenv", datum=datetime.date(2026, 3, 1))
    met_aantekening(eigenaar, vragenbank, "1", "ontwikkelpunt", inspectie="igj", datum=datetime.date(2025, 3, 1))

    rijen = csv_lezen(client_van(coordinator).get(CSV_URL, {"inspectie": "igj", "van": "2026-01-01"}))

    criterium = next(r for r in rijen if r[0] == "Criterium" and r[2] == GV and r[3] == "1")
    assert criterium[6:] == ["1", "1", "0", "0"]


def test_an_inspector_s_csv_counts_only_their_own_and_shared_gesprekken(
    client_van, eigenaar, vragenbank, buitenstaander
):
    met_aantekening(eigenaar, vragenbank, "1", "sterk_punt")
    met_aantekening(buitenstaander, vragenbank, "1", "ontwikkelpunt")

    rijen = csv_lezen(client_van(eigenaar).get(CSV_URL))

    criterium = next(r for r in rijen if r[0] == "Criterium" and r[2] == GV and r[3] == "1")
    assert criterium[6:] == ["1", "1", "0", "0"]


def test_a_text_that_excel_would_read_as_a_formula_is_written_as_text(client_van, coordinator, vragenbank, eigenaar):
    gesprek = met_aantekening(eigenaar, vragenbank, "1", "sterk_punt")
    gesprek.elementen.filter(naam=GV).update(bron=None, naam="=HYPERLINK(1)")

    rijen = csv_lezen(client_van(coordinator).get(CSV_URL))

    assert ["Element", "Stimulerend toezicht op samenwerking (september 2023)", "'=HYPERLINK(1)"] in [
        r[:3] for r in rijen
    ]


def test_invalid_filters_give_no_csv(client_van, coordinator, db):
    response = client_van(coordinator).get(CSV_URL, {"van": "2026-06-01", "tot": "2026-01-01"})

    assert response.status_code == 400
    assert "De datum ‘van’ ligt na de datum ‘tot en met’." in response.content.decode()


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


def test_the_rapport_downloads_as_a_word_document_named_like_the_pdf(client_van, eigenaar, voorbereid):
    response = client_van(eigenaar).get(url("rapport_docx", voorbereid))

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="rapport-zorggroep-testdal-2026-11-02.docx"'


def test_the_word_rapport_has_the_same_headings_as_the_pdf_in_word_heading_styles(client_van, eigenaar, voorbereid):
    document = docx_lezen(client_van(eigenaar).get(url("rapport_docx", voorbereid)))
    html = pdf.rapport_html(Gesprek.objects.met_rapport().get(pk=voorbereid.pk))
    in_pdf = _KoppenInHTML()
    in_pdf.feed(html)

    assert koppen(document) == in_pdf.koppen
    assert koppen(document)[:3] == [(1, "Rapport samenwerkingsgesprek"), (2, "Inhoud"), (2, GV)]


def test_the_word_rapport_holds_the_details_notes_questions_and_afspraken(client_van, eigenaar, voorbereid):
    document = docx_lezen(client_van(eigenaar).get(url("rapport_docx", voorbereid)))
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


def test_each_element_s_questions_are_numbered_from_one(client_van, eigenaar, voorbereid):
    document = docx_lezen(client_van(eigenaar).get(url("rapport_docx", voorbereid)))
    genummerd = [p for p in document.paragraphs if p.style.name == "List Number"]
    lijsten = {p._p.pPr.numPr.numId.val for p in genummerd}

    assert len(genummerd) > 3
    assert len(lijsten) == 4  # the three core elements and Financiering, each its own list


def test_a_pasted_control_character_does_not_break_the_word_document(client_van, eigenaar, voorbereid):
    eerste = criterium_aantekeningen(voorbereid)[0]
    aantekening_typen(voorbereid, eerste, "Uit Word geplakt:\x0bnieuwe regel\x0c en verder.")

    response = client_van(eigenaar).get(url("rapport_docx", voorbereid))

    assert response.status_code == 200
    assert "Uit Word geplakt:nieuwe regel en verder." in [p.text for p in docx_lezen(response).paragraphs]


def test_an_afgerond_gesprek_offers_word_and_json_beside_the_pdf(client_van, eigenaar, voorbereid):
    voorbereid.status = Gesprek.Status.AFGEROND
    voorbereid.save()

    html = client_van(eigenaar).get(url("afronden", voorbereid)).content.decode()

    assert f'href="{url("rapport_docx", voorbereid)}">Word (DOCX)</a>' in html
    assert f'href="{url("gesprek_json", voorbereid)}">JSON</a>' in html


# JSON of a gesprek


def test_a_gesprek_downloads_as_json_with_the_kader_version_it_used(client_van, eigenaar, voorbereid, vragenbank):
    response = client_van(eigenaar).get(url("gesprek_json", voorbereid))
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
        {"wat": "Evaluatie samen plannen", "wie": "Bestuurder", "wanneer": "2027-02-01"}
    ]
    assert data["afronding"]["samenvatting"] == "Een open gesprek over de samenwerking met het wijkteam."


def test_the_json_keeps_the_kader_title_when_the_kader_is_gone(client_van, eigenaar, voorbereid):
    Gesprek.objects.filter(pk=voorbereid.pk).update(kader=None)

    data = json.loads(client_van(eigenaar).get(url("gesprek_json", voorbereid)).content)

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
def test_a_download_takes_a_fixed_number_of_queries(client_van, eigenaar, voorbereid, django_assert_num_queries, naam):
    client = client_van(eigenaar)

    # Session (1), the user with their permissions (1), the gesprek with its bestuurders, inspecteurs, afspraken,
    # elements, criteria with notes, questions, doorvragen, free notes and conversation aids (10), the download logged
    # (1), the session saved (3).
    with django_assert_num_queries(16):
        assert client.get(url(naam, voorbereid)).status_code == 200
