"""Issue 6: the rapport (and the printable vragenlijst) are PDF/UA-1 documents, read back with pikepdf and
poppler's pdftotext.

PDF/UA asks for a tagged PDF (a structure tree that a screen reader follows), the document's language, a
title that the viewer shows instead of the file name, and the PDF/UA identification in the XMP metadata.
"""

import io
import itertools
import re
import subprocess

import pikepdf
import pytest

from .builders import url

TITELS = {
    "rapport_pdf": "Rapport samenwerkingsgesprek Zorggroep Testdal, 2 november 2026",
    "vragenlijst_pdf": "Vragenlijst samenwerkingsgesprek Zorggroep Testdal, 2 november 2026",
}


@pytest.fixture(params=TITELS)
def pdf(request, client_van, eigenaar, voorbereid):
    """The PDF as the view sends it, and the title it should have."""
    response = client_van(eigenaar).get(url(request.param, voorbereid))
    assert response.status_code == 200
    return response.content, TITELS[request.param]


@pytest.fixture
def rapport(client_van, eigenaar, voorbereid):
    response = client_van(eigenaar).get(url("rapport_pdf", voorbereid))
    assert response.status_code == 200
    return response.content


def structuurelementen(knoop):
    """The types of the structure tree's elements (/H1, /P, …), depth first: the order a screen reader reads."""
    if isinstance(knoop, pikepdf.Array):
        for kind in knoop:
            yield from structuurelementen(kind)
    elif isinstance(knoop, pikepdf.Dictionary):
        if "/S" in knoop:
            yield str(knoop.S)
        if "/K" in knoop:
            yield from structuurelementen(knoop.K)


def pdftotext(inhoud: bytes) -> str:
    """The text as poppler reads it in the content's own order (-raw), not in columns guessed from the layout."""
    uitvoer = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=inhoud, capture_output=True)
    assert uitvoer.returncode == 0, uitvoer.stderr.decode()
    return " ".join(uitvoer.stdout.decode().split())


def test_it_is_a_tagged_pdf_with_a_structure_tree(pdf):
    with pikepdf.open(io.BytesIO(pdf[0])) as document:
        assert document.Root.MarkInfo.Marked is True
        assert document.Root.StructTreeRoot.Type == "/StructTreeRoot"
        elementen = list(structuurelementen(document.Root.StructTreeRoot))

    assert elementen[0] == "/Document"
    assert {"/P", "/L", "/LI", "/Table", "/TH", "/TD"} <= set(elementen)


def test_it_says_it_is_dutch_and_shows_its_title(pdf):
    inhoud, titel = pdf
    with pikepdf.open(io.BytesIO(inhoud)) as document:
        assert re.fullmatch(r"nl(-NL)?", str(document.Root.Lang))
        assert document.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(document.docinfo.Title) == titel
        assert document.open_metadata()["dc:title"] == titel


def test_it_identifies_itself_as_pdf_ua_1(pdf):
    with pikepdf.open(io.BytesIO(pdf[0])) as document:
        assert document.open_metadata()["pdfuaid:part"] == "1"


def test_its_headings_go_down_one_level_at_a_time(pdf):
    with pikepdf.open(io.BytesIO(pdf[0])) as document:
        structuur = structuurelementen(document.Root.StructTreeRoot)
        niveaus = [int(s[2:]) for s in structuur if re.fullmatch(r"/H\d", s)]

    assert niveaus[0] == 1
    assert niveaus.count(1) == 1
    overgeslagen = [(a, b) for a, b in itertools.pairwise(niveaus) if b > a + 1]
    assert not overgeslagen, f"koppen slaan een niveau over: {overgeslagen}"
    assert {2, 3} <= set(niveaus)


def test_the_text_reads_in_the_order_of_the_rapport(rapport, gesprek):
    tekst = pdftotext(rapport)
    elementen = [e.naam for e in gesprek.elementen.all() if e.in_gesprek()]
    in_volgorde = [
        "Rapport samenwerkingsgesprek",
        "Organisatie Zorggroep Testdal",
        "Inhoud",
        *elementen,
        "Samenvatting en afspraken",
        elementen[0],
        "Observatie: sterk punt De bestuurder noemt het wekelijkse wijkoverleg.",
        "Observatie: ontwikkelpunt Er is nog geen gedeelde visie op papier.",
        *elementen[1:],
        "Samenvatting en afspraken",
        "Samenvatting Een open gesprek over de samenwerking met het wijkteam.",
        "Afspraken en vervolg Wat Wie Wanneer Evaluatie samen plannen Bestuurder 1 februari 2027",
    ]

    positie, niet_op_zijn_plaats = 0, []
    for stuk in in_volgorde:
        gevonden = tekst.find(stuk, positie)
        if gevonden < 0:
            niet_op_zijn_plaats.append(stuk)
        else:
            positie = gevonden + len(stuk)

    assert not niet_op_zijn_plaats, f"niet (op deze plaats) in de tekst: {niet_op_zijn_plaats}"
    assert "Hoe is de financiering van het wijkteam geregeld? (eigen vraag)" in tekst
