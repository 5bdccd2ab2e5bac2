"""The rapport and the printable vragenlijst, rendered by WeasyPrint and read back with pypdf."""

from .builders import (
    aantekening_typen,
    criterium_aantekeningen,
    eigen_vraag,
    pdf_lezen,
    pdf_tekst,
    url,
)


def woorden_in_volgorde(gezocht, tekst):
    """Whether every word of `gezocht` occurs in `tekst` in the same order.

    A long note runs over pages, and each page's running header and footer then come between its words.
    """
    woorden = iter(tekst.split())
    return all(any(woord == gelezen for gelezen in woorden) for woord in gezocht.split())


def test_the_rapport_is_a_pdf_named_after_the_organisation_and_date(client_van, eigenaar, voorbereid):
    response = client_van(eigenaar).get(url("rapport_pdf", voorbereid))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="rapport-zorggroep-testdal-2026-11-02.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_the_rapport_downloads_as_an_attachment_when_asked(client_van, eigenaar, voorbereid):
    response = client_van(eigenaar).get(url("rapport_pdf", voorbereid), {"download": "1"})

    assert response["Content-Disposition"] == 'attachment; filename="rapport-zorggroep-testdal-2026-11-02.pdf"'


def test_the_filename_holds_no_characters_a_file_system_could_choke_on(client_van, eigenaar, voorbereid):
    voorbereid.organisatie.naam = 'Zorg "&" Welzijn / Noord\\Oost'
    voorbereid.organisatie.save()

    response = client_van(eigenaar).get(url("rapport_pdf", voorbereid))

    assert response["Content-Disposition"] == 'inline; filename="rapport-zorg-welzijn-noordoost-2026-11-02.pdf"'


def test_the_rapport_holds_the_details_notes_questions_and_afspraken(client_van, eigenaar, voorbereid):
    tekst = pdf_tekst(client_van(eigenaar).get(url("rapport_pdf", voorbereid)).content)

    assert "Rapport samenwerkingsgesprek" in tekst
    assert "Zorggroep Testdal, 2 november 2026" in tekst
    assert "Datum van het gesprek 2 november 2026" in tekst
    assert "Mevr. J. de Boer, bestuurder" in tekst
    assert "Olga Eigenaar, Cas Collega" in tekst
    assert "Met Wijkteam Oost: Samenwerking rond ouderen die thuis wonen." in tekst
    assert "Observatie: sterk punt De bestuurder noemt het wekelijkse wijkoverleg." in tekst
    assert "Observatie: ontwikkelpunt Er is nog geen gedeelde visie op papier." in tekst
    assert "Hoe is de financiering van het wijkteam geregeld? (eigen vraag)" in tekst
    assert "tegemoet komt aan de zorg-/hulpvraag van uw cliënten?" in tekst
    assert "Betreft u daarbij cliënten en hun naasten?" in tekst
    assert "Een open gesprek over de samenwerking met het wijkteam." in tekst
    assert "Evaluatie samen plannen Bestuurder 1 februari 2027" in tekst


def test_the_rapport_is_laid_out_with_its_own_stylesheet(client_van, eigenaar, voorbereid):
    # Page numbers in the footer and in the table of contents come from static/rapport/rapport.css.
    lezer = pdf_lezen(client_van(eigenaar).get(url("rapport_pdf", voorbereid)).content)

    aantal = len(lezer.pages)
    assert f"Pagina 1 van {aantal}" in lezer.pages[0].extract_text()
    assert f"Pagina {aantal} van {aantal}" in lezer.pages[-1].extract_text()


def test_a_note_of_3500_characters_on_every_criterion_is_printed_completely(client_van, eigenaar, gesprek):
    aantekeningen = criterium_aantekeningen(gesprek)
    teksten = {}
    for nummer, aantekening in enumerate(aantekeningen):
        woorden = []
        while len(" ".join(woorden)) < 3_500:
            woorden.append(f"k{nummer:02d}w{len(woorden):03d}")
        teksten[aantekening.pk] = " ".join(woorden)[:3_500].rsplit(" ", 1)[0] + " einde"
        aantekening_typen(gesprek, aantekening, teksten[aantekening.pk])

    tekst = pdf_tekst(client_van(eigenaar).get(url("rapport_pdf", gesprek)).content)

    assert len(aantekeningen) == 28
    for aantekening in aantekeningen:
        assert woorden_in_volgorde(teksten[aantekening.pk], tekst), aantekening.criterium


def test_the_rapport_carries_title_author_and_language_and_is_tagged(client_van, eigenaar, voorbereid):
    lezer = pdf_lezen(client_van(eigenaar).get(url("rapport_pdf", voorbereid)).content)

    assert lezer.metadata.title == "Rapport samenwerkingsgesprek Zorggroep Testdal, 2 november 2026"
    assert lezer.metadata.author == "Olga Eigenaar, Cas Collega"
    root = lezer.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]


def test_the_vragenlijst_pdf_holds_the_chosen_questions_and_not_the_others(client_van, eigenaar, gesprek):
    client = client_van(eigenaar)
    eigen_vraag(gesprek, "Financiering", "Hoe is de financiering van het wijkteam geregeld?")
    client.post(url("vragenlijst_opzet", gesprek), {"opzet": "hoofdvragen"})

    response = client.get(url("vragenlijst_pdf", gesprek))

    assert response["Content-Disposition"] == 'inline; filename="vragenlijst-zorggroep-testdal-2026-11-02.pdf"'
    tekst = pdf_tekst(response.content)
    assert "Vragenlijst samenwerkingsgesprek" in tekst
    assert "Openen en het cliëntperspectief" in tekst
    assert "Waar bent u trots op in de samenwerking met Wijkteam Oost?" in tekst
    assert "Heeft u uw organisatie anders moeten inrichten om de samenwerking te laten slagen?" in tekst
    assert "Hoe is de financiering van het wijkteam geregeld? (eigen vraag)" in tekst
    assert "Hoe faciliteert u uw medewerkers om samen te werken?" not in tekst  # a follow-up, left out
    lezer = pdf_lezen(response.content)
    assert f"Pagina 1 van {len(lezer.pages)}" in lezer.pages[0].extract_text()
    assert lezer.metadata.title == "Vragenlijst samenwerkingsgesprek Zorggroep Testdal, 2 november 2026"
    assert lezer.trailer["/Root"]["/Lang"] == "nl"
