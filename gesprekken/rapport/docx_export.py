"""The rapport as a Word document, for inspectors who finish it in Word.

It follows the PDF rapport (`templates/gesprekken/rapport/rapport.html`) heading for heading, with Word's own
heading styles, so the navigation pane and a generated table of contents work.
"""

import io
import re

from django.utils import dateformat, translation
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from deelname import weergave
from elementen.models import Onderdeel

from . import bestandsnaam, invulling, naam_van

# Characters XML 1.0 does not allow; Word writes a vertical tab for a manual line break when text is pasted.
NIET_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _datum(datum):
    with translation.override("nl"):
        return dateformat.format(datum, "j F Y")


def _tekst(tekst):
    """A note as Word can hold it: browsers send line breaks as CRLF, and XML forbids most control codes."""
    return NIET_IN_XML.sub("", (tekst or "").replace("\r\n", "\n").replace("\r", "\n"))


def _alinea(document, tekst, stijl=None, *, cursief=False, vet=False):
    alinea = document.add_paragraph(style=stijl)
    run = alinea.add_run(_tekst(tekst))
    run.italic = cursief or None
    run.bold = vet or None
    return alinea


def _als_kopregel(rij):
    """Marks a table row as header row: Word repeats it on every page and screen readers announce it."""
    eigenschappen = rij._tr.get_or_add_trPr()
    kop = OxmlElement("w:tblHeader")
    kop.set(qn("w:val"), "true")
    eigenschappen.append(kop)


def _in_het_nederlands(document):
    """Dutch as the document's language, so Word checks the spelling in Dutch."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    taal = rpr.find(qn("w:lang"))
    if taal is None:
        taal = OxmlElement("w:lang")
        rpr.append(taal)
    taal.set(qn("w:val"), "nl-NL")
    document.core_properties.language = "nl-NL"


def _gegevens(document, gesprek, inspecteurs):
    rijen = [
        ("Organisatie", f"{gesprek.organisatie} ({gesprek.get_organisatie_type_display().lower()})"),
        ("Datum van het gesprek", _datum(gesprek.datum)),
        ("Aanleiding", gesprek.aanleiding),
        ("Gesproken met", "; ".join(str(b) for b in gesprek.bestuurders.all()) or "—"),
        ("Inspectie", gesprek.get_inspectie_display()),
        ("Inspecteurs", ", ".join(naam_van(i) for i in inspecteurs)),
    ]
    if gesprek.casus_partner or gesprek.casus_omschrijving:
        samenwerking = f"Met {gesprek.casus_partner}" if gesprek.casus_partner else ""
        if gesprek.casus_partner and gesprek.casus_omschrijving:
            samenwerking += ": "
        rijen.append(("Samenwerking als uitgangspunt", samenwerking + gesprek.casus_omschrijving))
    rijen.append(("Kader", gesprek.kader_titel))
    tabel = document.add_table(rows=0, cols=2)
    tabel.style = "Table Grid"
    for kop, waarde in rijen:
        cellen = tabel.add_row().cells
        cellen[0].paragraphs[0].add_run(kop).bold = True
        cellen[1].paragraphs[0].add_run(_tekst(waarde))


def _nieuwe_nummering(document, stijl):
    """A numbering that starts at 1 again: Word otherwise numbers every list in one style on and on."""
    nummeringen = document.part.numbering_part.numbering_definitions._numbering
    van_stijl = document.styles[stijl].element.pPr.numPr.numId.val
    abstract = nummeringen.num_having_numId(van_stijl).abstractNumId.val
    nummering = nummeringen.add_num(abstract)
    nummering.add_lvlOverride(ilvl=0).add_startOverride(1)
    return nummering.numId


def _genummerd(alinea, nummering):
    eigenschappen = alinea._p.get_or_add_pPr().get_or_add_numPr()
    eigenschappen.get_or_add_ilvl().val = 0
    eigenschappen.get_or_add_numId().val = nummering


def _vragen(document, element):
    # Only the questions that were on the list; no heading above an empty list.
    vragen = [v for v in element.hoofdvragen if v.opgenomen]
    if not vragen:
        return
    document.add_heading("Gestelde vragen", level=3)
    nummering = _nieuwe_nummering(document, "List Number")
    for vraag in vragen:
        alinea = _alinea(document, vraag.tekst, "List Number")
        _genummerd(alinea, nummering)
        if vraag.is_eigen:
            alinea.add_run(" (eigen vraag)").italic = True
        for doorvraag in vraag.doorvragen.all():
            if doorvraag.opgenomen:
                _alinea(document, doorvraag.tekst, "List Bullet 2")


def _antwoord(document, antwoord):
    if antwoord.gekozen:
        _alinea(document, f"Gekozen: {antwoord.gekozen}")
    if antwoord.tekst:
        _alinea(document, antwoord.tekst)


def _invultabel(document, deel):
    koppen = ([deel.rijkop] if deel.met_rijnamen else []) + deel.kolommen
    tabel = document.add_table(rows=1, cols=len(koppen))
    tabel.style = "Table Grid"
    for cel, kop in zip(tabel.rows[0].cells, koppen, strict=True):
        cel.paragraphs[0].add_run(kop).bold = True
    _als_kopregel(tabel.rows[0])
    for rij in deel.rijen:
        cellen = tabel.add_row().cells
        if deel.met_rijnamen:
            cellen[0].paragraphs[0].add_run(_tekst(rij.naam)).bold = True
            cellen = cellen[1:]
        for cel, antwoord in zip(cellen, rij.cellen, strict=True):
            cel.text = _tekst(antwoord.tekst) or "—"
    # Word joins two tables that follow each other into one.
    document.add_paragraph()


def _instrument(document, instrument, delen):
    document.add_heading(str(instrument), level=3)
    _alinea(document, f"Uit: {instrument.bronvermelding}", cursief=True)
    for deel in delen:
        if deel.titel:
            document.add_heading(deel.titel, level=4)
        if deel.soort == Onderdeel.Soort.TABEL:
            _invultabel(document, deel)
        elif deel.soort == Onderdeel.Soort.SCHUIF:
            _alinea(document, f"Tussen {deel.polen[0]} en {deel.polen[1]}")
            _antwoord(document, deel.schuif)
        else:
            for regel in deel.regels:
                _alinea(document, regel.tekst, vet=True)
                _antwoord(document, regel.antwoord)


def _element(document, element):
    document.add_heading(element.naam, level=2)
    for criterium in element.criteria.all():
        aantekening = getattr(criterium, "aantekening", None)
        if not (criterium.opgenomen or (aantekening and (aantekening.tekst or aantekening.observatie))):
            continue
        kop = f"Criterium {criterium.label}"
        if criterium.kwadrant:
            kop += f" ({criterium.kwadrant.lower()})"
        document.add_heading(kop, level=3)
        _alinea(document, criterium.tekst)
        if aantekening and aantekening.observatie:
            _alinea(document, f"Observatie: {aantekening.get_observatie_display().lower()}", vet=True)
        if aantekening and aantekening.tekst:
            _alinea(document, aantekening.tekst)
        else:
            _alinea(document, "Geen aantekening.", cursief=True)
    for vrij in element.vrij:
        if vrij.tekst:
            document.add_heading("Overige aantekeningen", level=3)
            _alinea(document, vrij.tekst)
    for instrument, delen in invulling.in_rapport(element.instrumenten.all()):
        _instrument(document, instrument, delen)
    _vragen(document, element)


def _vooraf(document, vooraf):
    """The organisation's answers the inspector chose, as the PDF shows them (deelname/rapport/_vooraf.html)."""
    document.add_heading("Vooraf ingebracht door de organisatie", level=2)
    _alinea(document, "De organisatie beantwoordde deze vragen vóór het gesprek. De inspecteur koos wat hier staat.")
    for wat, antwoorden in vooraf:
        document.add_heading(_tekst(wat), level=3)
        for antwoord in antwoorden:
            if antwoord.keuze_tekst:
                _alinea(document, antwoord.keuze_tekst, vet=True)
            if antwoord.tekst:
                _alinea(document, antwoord.tekst)
            wie = antwoord.uitnodiging
            _alinea(document, f"{wie.naam}, {wie.rol}" if wie.rol else wie.naam, cursief=True)


def _afronding(document, gesprek):
    document.add_heading("Samenvatting en afspraken", level=2)
    for kop, tekst in (
        ("Samenvatting", gesprek.samenvatting),
        ("Wat gaat goed", gesprek.wat_goed_gaat),
        ("Kansen voor ontwikkeling", gesprek.ontwikkelkansen),
    ):
        document.add_heading(kop, level=3)
        _alinea(document, tekst or "—")
    document.add_heading("Afspraken en vervolg", level=3)
    afspraken = list(gesprek.afspraken.all())
    if not afspraken:
        _alinea(document, "Geen afspraken vastgelegd.")
        return
    tabel = document.add_table(rows=1, cols=3)
    tabel.style = "Table Grid"
    for cel, kop in zip(tabel.rows[0].cells, ("Wat", "Wie", "Wanneer"), strict=True):
        cel.paragraphs[0].add_run(kop).bold = True
    _als_kopregel(tabel.rows[0])
    for afspraak in afspraken:
        cellen = tabel.add_row().cells
        cellen[0].text = _tekst(afspraak.wat)
        cellen[1].text = _tekst(afspraak.wie)
        cellen[2].text = _datum(afspraak.wanneer) if afspraak.wanneer else "—"


def _terugblik(document, gesprek):
    terugblikken = list(gesprek.terugblikken.all())
    if not terugblikken:
        return
    document.add_heading("Terugblik op afspraken", level=2)
    for terugblik in terugblikken:
        afspraak = terugblik.afspraak
        document.add_heading(_tekst(afspraak.wat), level=3)
        wanneer = f", uiterlijk {_datum(afspraak.wanneer)}" if afspraak.wanneer else ""
        _alinea(
            document,
            f"{_tekst(afspraak.wie)}{wanneer}; afgesproken in het gesprek van {_datum(afspraak.gesprek.datum)}.",
            cursief=True,
        )
        _alinea(document, f"Status: {terugblik.status_label.lower()}")
        _alinea(document, _tekst(terugblik.aantekening.tekst) or "Geen toelichting.")


def rapport_docx(gesprek) -> tuple[str, bytes]:
    """The rapport as a Word document, for inspectors who finish it in Word.

    Expects the gesprek as the gesprek views load it (elements with criteria, notes, questions prefetched).
    """
    # The same elements as the PDF: an element taken off the agenda after notes were typed keeps its notes.
    elementen = [e for e in gesprek.elementen.all() if e.in_gesprek()]
    algemene_instrumenten = invulling.in_rapport(gesprek.algemene_instrumenten)
    inspecteurs = gesprek.inspecteurs()
    vooraf = weergave.voor_rapport(gesprek)
    document = Document()
    _in_het_nederlands(document)
    document.styles["Normal"].font.size = Pt(11)
    eigenschappen = document.core_properties
    eigenschappen.title = f"Rapport samenwerkingsgesprek {gesprek.organisatie}, {_datum(gesprek.datum)}"
    eigenschappen.author = ", ".join(naam_van(i) for i in inspecteurs)
    eigenschappen.subject = f"Verslag van een gesprek over samenwerking, op basis van {gesprek.kader_titel}"
    eigenschappen.comments = "Gemaakt met Samenwerkingsgesprek"

    document.add_heading("Rapport samenwerkingsgesprek", level=1)
    _alinea(document, f"{gesprek.organisatie}, {_datum(gesprek.datum)}", "Subtitle")
    _gegevens(document, gesprek, inspecteurs)
    _alinea(
        document,
        "Dit is een verslag van een stimulerend gesprek over samenwerking. Het geeft observaties en afspraken "
        "weer en is geen oordeel.",
    )
    document.add_heading("Inhoud", level=2)
    for element in elementen:
        _alinea(document, element.naam, "List Number 2")
    if algemene_instrumenten:
        _alinea(document, "Instrumenten", "List Number 2")
    if gesprek.terugblikken.all():
        _alinea(document, "Terugblik op afspraken", "List Number 2")
    if vooraf:
        _alinea(document, "Vooraf ingebracht door de organisatie", "List Number 2")
    _alinea(document, "Samenvatting en afspraken", "List Number 2")
    for element in elementen:
        _element(document, element)
    if algemene_instrumenten:
        document.add_heading("Instrumenten", level=2)
        for instrument, delen in algemene_instrumenten:
            _instrument(document, instrument, delen)
    _terugblik(document, gesprek)
    if vooraf:
        _vooraf(document, vooraf)
    _afronding(document, gesprek)

    uitvoer = io.BytesIO()
    document.save(uitvoer)
    return bestandsnaam("rapport", gesprek, "docx"), uitvoer.getvalue()
