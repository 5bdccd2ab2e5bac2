"""Instruments in the rapport (PDF, Word, JSON) and on the printable vragenlijst, each read back."""

import html
import io
import itertools
import json
import re

import docx
import pikepdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, Gesprek
from gesprekken.rapport import invulling, pdf
from tests import instrumentgids

from .builders import element, pdf_lezen, pdf_tekst, url
from .test_rapport_toegankelijk import structuurelementen

GV = "Gedeelde visie, gedeeld belang"
HALEN = {
    ("Wijkteam Oost", "Belangen"): "Minder crisisopnames in de wijk.",
    ("Wijkteam Oost", "Brengen"): "Kennis van de gezinnen.",
    ("GGZ Oost", "Halen"): "Vroege signalen uit de wijk.",
    ("GGZ Oost", "Brengen"): "Een psychiater bij het wijkoverleg.",
}
ANTWOORD = "Het initiatief ligt bij de gemeente."
TOELICHTING = "Het doel staat op papier."
WERKBLAD = "Werkblad: halen en brengen"


@pytest.fixture
def gids(vragenbank):
    return instrumentgids.maak(elementen=vragenbank.elementen.filter(nummer=2))


def toevoegen(gesprek, gids, titel, element=None):
    return services.instrument_toevoegen(
        gesprek=gesprek, wie=Wie(gesprek.eigenaar), instrument=gids[titel], element=element
    )


def invullen(gesprek, aantekening, tekst="", keuze=""):
    aantekening.refresh_from_db()
    resultaat = services.aantekening_opslaan(
        aantekening=aantekening,
        tekst=tekst,
        observatie="",
        versie=aantekening.versie,
        wie=Wie(gesprek.eigenaar),
        keuze=keuze,
    )
    assert resultaat.opgeslagen


def velden(instrument):
    return list(Aantekening.objects.filter(veld__instrument=instrument).order_by("veld__item", "veld__kolom"))


def halen_en_brengen(gesprek, gids, element=None):
    """Halen en brengen for the casus partner (Wijkteam Oost) and GGZ Oost, with texts in four of the six cells."""
    instrument = toevoegen(gesprek, gids, "Halen en brengen", element)
    services.instrument_rij_toevoegen(
        gesprek=gesprek, wie=Wie(gesprek.eigenaar), instrument=instrument, onderdeel=0, naam="GGZ Oost"
    )
    kolommen = ["Belangen", "Halen", "Brengen"]
    for (partner, kolom), tekst in HALEN.items():
        cel = Aantekening.objects.get(
            veld__instrument=instrument, veld__rij__naam=partner, veld__kolom=kolommen.index(kolom)
        )
        invullen(gesprek, cel, tekst)
    return instrument


@pytest.fixture
def met_instrumenten(gesprek, gids):
    """Halen en brengen (its table titled) and a filled-in scan under Gedeelde visie; questions and a slider for
    the whole gesprek, with one question answered; an impact framework and a background text left empty."""
    visie = element(gesprek, GV)
    gids["Halen en brengen"].onderdelen.update(titel=WERKBLAD)
    halen_en_brengen(gesprek, gids, visie)
    balans = toevoegen(gesprek, gids, "De balans opmaken", visie)
    invullen(gesprek, velden(balans)[0], TOELICHTING, keuze="2")
    vragen = toevoegen(gesprek, gids, "Hoe zit dat bij jou?")
    invullen(gesprek, velden(vragen)[1], ANTWOORD)
    schuif = toevoegen(gesprek, gids, "Dilemmaschuif")
    invullen(gesprek, velden(schuif)[0], "We kiezen nu voor draagvlak.", keuze="4")
    toevoegen(gesprek, gids, "Impact framework", visie)
    toevoegen(gesprek, gids, "Timing")
    return gesprek


def rapport_pdf(client, gesprek):
    response = client.get(url("rapport_pdf", gesprek))
    assert response.status_code == 200
    return response.content


def rapport_docx(client, gesprek):
    response = client.get(url("rapport_docx", gesprek))
    assert response.status_code == 200
    return docx.Document(io.BytesIO(response.content))


def tabel_met_kop(document, kop):
    """The Word table whose header row reads `kop`, and its rows as lists of cell texts."""
    for tabel in document.tables:
        rijen = [[cel.text for cel in rij.cells] for rij in tabel.rows]
        if rijen[0] == kop:
            return tabel, rijen
    raise AssertionError(f"geen tabel met kop {kop}")


def koppen_in_html(tekst):
    return [
        (int(niveau), " ".join(html.unescape(re.sub("<[^>]+>", "", inhoud)).split()))
        for niveau, inhoud in re.findall(r"<h([1-4])[^>]*>(.*?)</h\1>", tekst, re.S)
    ]


def koppen_in_word(document):
    return [
        (int(p.style.name.removeprefix("Heading ")), p.text)
        for p in document.paragraphs
        if p.style.name.startswith("Heading ")
    ]


def in_volgorde(stukken, geheel):
    """The pieces of `stukken` not found in `geheel` (a text, or a list) after the piece before them."""
    positie, ontbreekt = 0, []
    for stuk in stukken:
        try:
            gevonden = geheel.index(stuk, positie)
        except ValueError:
            ontbreekt.append(stuk)
        else:
            positie = gevonden + (len(stuk) if isinstance(geheel, str) else 1)
    return ontbreekt


# The rapport as PDF


def test_two_partners_texts_of_halen_en_brengen_are_a_table_in_the_pdf(client_van, eigenaar, met_instrumenten):
    tekst = pdf_tekst(rapport_pdf(client_van(eigenaar), met_instrumenten))
    opmaak = pdf.rapport_html(Gesprek.objects.met_rapport().get(pk=met_instrumenten.pk))

    assert not in_volgorde(
        [
            "Halen en brengen",
            "Uit: Toetsuitgever, Toetsgids samenwerking (2026)",
            WERKBLAD,
            "Samenwerkingspartner Belangen Halen Brengen",
            "Wijkteam Oost Minder crisisopnames in de wijk. — Kennis van de gezinnen.",
            "GGZ Oost — Vroege signalen uit de wijk. Een psychiater bij het wijkoverleg.",
        ],
        tekst,
    )
    assert '<th scope="col" class="rijkop">Samenwerkingspartner</th><th scope="col">Belangen</th>' in opmaak
    assert '<th scope="row">GGZ Oost</th><td>—</td><td>Vroege signalen uit de wijk.</td>' in opmaak


def test_instruments_stand_under_their_element_and_for_the_whole_gesprek_before_the_afronding(
    client_van, eigenaar, met_instrumenten
):
    tekst = pdf_tekst(rapport_pdf(client_van(eigenaar), met_instrumenten))
    inhoud = tekst[tekst.index("Inhoud") : tekst.index("Samenvatting en afspraken")]

    assert "Instrumenten" in inhoud
    assert not in_volgorde(
        [
            f"{GV} Criterium",
            "Halen en brengen",
            "De balans opmaken",
            "Er is een gedeeld doel. Gekozen: geel Het doel staat op papier.",
            "Gestelde vragen",
            "Instrumenten Hoe zit dat bij jou?",
            f"Wie neemt het initiatief? {ANTWOORD}",
            "3.1 Dilemmaschuif Uit: Toetsuitgever, Toetsgids samenwerking (2026) Tussen Snelheid en Draagvlak",
            "Gekozen: Meer: Draagvlak We kiezen nu voor draagvlak.",
            "Samenvatting en afspraken",
        ],
        tekst,
    )


def test_what_was_not_filled_in_is_left_out(client_van, eigenaar, met_instrumenten):
    tekst = pdf_tekst(rapport_pdf(client_van(eigenaar), met_instrumenten))

    assert "Impact framework" not in tekst  # nothing typed
    assert "Timing" not in tekst and "Kies het moment." not in tekst  # background, nothing to fill in
    assert "Partners spreken elkaar aan." not in tekst  # a statement left open
    assert "Wat merken cliënten van de samenwerking?" not in tekst  # a question left open


def test_a_gesprek_whose_instruments_are_empty_has_no_section_instrumenten(client_van, eigenaar, gesprek, gids):
    toevoegen(gesprek, gids, "Hoe zit dat bij jou?")
    toevoegen(gesprek, gids, "Halen en brengen", element(gesprek, GV))

    tekst = pdf_tekst(rapport_pdf(client_van(eigenaar), gesprek))

    assert "Instrumenten" not in tekst
    assert "Hoe zit dat bij jou?" not in tekst and "Halen en brengen" not in tekst


def test_the_rapport_with_instruments_stays_pdf_ua_with_header_cells_and_headings_one_level_down(
    client_van, eigenaar, met_instrumenten
):
    with pikepdf.open(io.BytesIO(rapport_pdf(client_van(eigenaar), met_instrumenten))) as document:
        assert document.open_metadata()["pdfuaid:part"] == "1"
        elementen = list(structuurelementen(document.Root.StructTreeRoot))

    niveaus = [int(s[2:]) for s in elementen if re.fullmatch(r"/H\d", s)]
    assert 4 in niveaus  # the werkblad of Halen en brengen
    assert all(b <= a + 1 for a, b in itertools.pairwise(niveaus))
    assert elementen.count("/Table") == 2  # the gesprek's details and Halen en brengen
    assert elementen.count("/TH") == 8 + 4 + 2  # the details' rows; Halen en brengen's columns and partners


def test_a_long_text_in_a_cell_runs_over_pages_under_the_repeated_header_row(client_van, eigenaar, gesprek, gids):
    instrument = toevoegen(gesprek, gids, "Halen en brengen")
    woorden = " ".join(f"w{n:04d}" for n in range(900))
    for cel in velden(instrument):
        invullen(gesprek, cel, f"{woorden} einde")

    paginas = [" ".join(p.extract_text().split()) for p in pdf_lezen(rapport_pdf(client_van(eigenaar), gesprek)).pages]

    met_tabel = [p for p in paginas if "w0" in p]
    assert len(met_tabel) > 1
    assert all("Samenwerkingspartner Belangen Halen Brengen" in p for p in met_tabel)
    tekst = " ".join(paginas)
    assert tekst.count("w0899 einde") == 3
    assert all(tekst.count(f"w{n:04d}") == 3 for n in range(0, 900, 50))


# The rapport in Word


def test_two_partners_texts_of_halen_en_brengen_are_a_word_table_with_a_repeated_header_row(
    client_van, eigenaar, met_instrumenten
):
    document = rapport_docx(client_van(eigenaar), met_instrumenten)

    tabel, rijen = tabel_met_kop(document, ["Samenwerkingspartner", "Belangen", "Halen", "Brengen"])
    assert rijen[1:] == [
        ["Wijkteam Oost", "Minder crisisopnames in de wijk.", "—", "Kennis van de gezinnen."],
        ["GGZ Oost", "—", "Vroege signalen uit de wijk.", "Een psychiater bij het wijkoverleg."],
    ]
    assert tabel.rows[0]._tr.trPr.xpath("./w:tblHeader")


def test_the_word_rapport_has_the_pdf_s_headings_and_answers(client_van, eigenaar, met_instrumenten):
    document = rapport_docx(client_van(eigenaar), met_instrumenten)
    opmaak = pdf.rapport_html(Gesprek.objects.met_rapport().get(pk=met_instrumenten.pk))
    alineas = [p.text for p in document.paragraphs]

    assert koppen_in_word(document) == koppen_in_html(opmaak)
    assert not in_volgorde(
        [
            (2, GV),
            (3, "Halen en brengen"),
            (4, WERKBLAD),
            (3, "De balans opmaken"),
            (2, "Instrumenten"),
            (3, "Hoe zit dat bij jou?"),
            (3, "3.1 Dilemmaschuif"),
            (2, "Samenvatting en afspraken"),
        ],
        koppen_in_word(document),
    )
    assert "Instrumenten" in alineas[alineas.index("Inhoud") :]
    assert not in_volgorde(
        ["Er is een gedeeld doel.", "Gekozen: geel", TOELICHTING, "Wie neemt het initiatief?", ANTWOORD], alineas
    )
    assert "Gekozen: Meer: Draagvlak" in alineas
    tekst = "\n".join(alineas)
    assert "Impact framework" not in tekst and "Timing" not in tekst
    assert "Partners spreken elkaar aan." not in tekst


# The JSON


def test_the_json_holds_every_instrument_with_its_fields_and_chosen_labels(client_van, eigenaar, met_instrumenten):
    data = json.loads(client_van(eigenaar).get(url("gesprek_json", met_instrumenten)).content)
    visie = next(e for e in data["elementen"] if e["naam"] == GV)
    halen, balans, impact = visie["instrumenten"]
    vragen, schuif, timing = data["instrumenten"]

    assert (halen["titel"], halen["bron"], halen["ingevuld"]) == (
        "Halen en brengen",
        "Toetsuitgever, Toetsgids samenwerking (2026)",
        True,
    )
    (tabel,) = halen["onderdelen"]
    assert tabel["kolommen"] == ["Belangen", "Halen", "Brengen"]
    assert {(v["rij"], v["kolom"]): v["tekst"] for v in tabel["velden"] if v["tekst"]} == HALEN
    (scan,) = balans["onderdelen"]
    assert {k: scan["velden"][0][k] for k in ("vraag", "tekst", "keuze", "keuze_label")} == {
        "vraag": "Er is een gedeeld doel.",
        "tekst": TOELICHTING,
        "keuze": "2",
        "keuze_label": "geel",
    }
    assert [k["label"] for k in scan["keuzes"]] == ["groen", "geel", "rood"]
    assert (schuif["code"], schuif["onderdelen"][0]["velden"][0]["keuze_label"]) == ("3.1", "Meer: Draagvlak")
    assert schuif["onderdelen"][0]["polen"] == ["Snelheid", "Draagvlak"]
    antwoord = vragen["onderdelen"][0]["velden"][1]
    assert (antwoord["vraag"], antwoord["tekst"], antwoord["keuze"]) == ("Wie neemt het initiatief?", ANTWOORD, "")
    assert antwoord["gewijzigd_op"]
    # Unlike the rapport the JSON keeps what is empty; background text has no fields and is left out.
    assert impact["ingevuld"] is False
    assert [v["rij"] for v in impact["onderdelen"][0]["velden"]] == ["Input", "Output"]
    assert (timing["titel"], timing["onderdelen"]) == ("Timing", [])


# The printable vragenlijst


def test_the_vragenlijst_pdf_holds_the_instruments_as_blank_forms(client_van, eigenaar, gesprek, gids):
    visie = element(gesprek, GV)
    halen = toevoegen(gesprek, gids, "Halen en brengen", visie)
    services.instrument_rij_toevoegen(
        gesprek=gesprek, wie=Wie(eigenaar), instrument=halen, onderdeel=0, naam="GGZ Oost"
    )
    for titel in ["Hoe zit dat bij jou?", "De balans opmaken", "Dilemmaschuif", "Impact framework"]:
        toevoegen(gesprek, gids, titel)

    response = client_van(eigenaar).get(url("vragenlijst_pdf", gesprek))
    tekst = pdf_tekst(response.content)

    assert not in_volgorde(
        [
            GV,
            "Halen en brengen",
            "Samenwerkingspartner Belangen Halen Brengen Wijkteam Oost GGZ Oost",
            "Instrumenten",
            "Hoe zit dat bij jou?",
            "Wat merken cliënten van de samenwerking? Of merken zij er niets van?",
            "Wie neemt het initiatief?",
            "Stelling groen geel rood Toelichting Er is een gedeeld doel. Partners spreken elkaar aan.",
            "Tussen Snelheid en Draagvlak Helemaal: Snelheid Meer: Snelheid In het midden",
            "Antwoord Input Output",
        ],
        tekst,
    )
    halen = Gesprek.objects.met_rapport().get(pk=gesprek.pk).elementen.get(naam=GV).instrumenten.get()
    (tabel,) = invulling.formulier(halen)
    assert [rij.naam for rij in tabel.rijen] == ["Wijkteam Oost", "GGZ Oost", "", ""]
    with pikepdf.open(io.BytesIO(response.content)) as document:
        elementen = list(structuurelementen(document.Root.StructTreeRoot))
    assert elementen.count("/Table") == 4  # the gesprek's details, Halen en brengen, the scan, the impact framework


# Queries


# Four more instruments, each filled in: (titel, value chosen on its scale or slider).
VIER = [("Hoe zit dat bij jou?", ""), ("De balans opmaken", "1"), ("Dilemmaschuif", "3"), ("Impact framework", "")]


@pytest.mark.parametrize("waar", ["element", "gesprek"])
@pytest.mark.parametrize("naam", ["rapport_pdf", "rapport_docx", "gesprek_json", "vragenlijst_pdf"])
def test_a_report_with_five_instruments_takes_as_many_queries_as_with_one(
    client_van, eigenaar, gesprek, gids, django_assert_max_num_queries, naam, waar
):
    bij = [element(gesprek, GV), element(gesprek, "Financiering")] if waar == "element" else [None, None]
    client = client_van(eigenaar)
    halen_en_brengen(gesprek, gids, bij[0])
    client.get(url(naam, gesprek))
    with CaptureQueriesContext(connection) as een:
        assert client.get(url(naam, gesprek)).status_code == 200
    for n, (titel, keuze) in enumerate(VIER):
        instrument = toevoegen(gesprek, gids, titel, bij[n % 2])
        invullen(gesprek, velden(instrument)[0], "Iets ingevuld.", keuze)

    with django_assert_max_num_queries(len(een)):
        response = client.get(url(naam, gesprek))

    assert response.status_code == 200
    assert gesprek.instrumenten.count() == 5
