"""Issue 17: an inspector adds Halen en brengen and a question box, fills them in through a dropped connection,
and finds what was typed in the report."""

import docx
from playwright.sync_api import BrowserContext, Page, expect

from elementen.laden import bank_aanvullen
from gesprekken.models import Aantekening
from tests import factories

from .conftest import dubbele_ids, inloggen
from .test_inspecteur_journey import NA_HERSTEL_MS, opslagstatus, pdf_tekst, wacht_op_server

AUTOSAVE = "**/aantekeningen/**"
HALEN_EN_BRENGEN = "Belangen in beeld: 'Halen en brengen'"
TEKSTEN = {
    "Belangen – Wijkteam Oost": "Wijkteam Oost wil minder crisisopnames in de wijk.",
    "Brengen – Wijkteam Oost": "Kennis van de gezinnen en een vaste contactpersoon.",
    "Halen – GGZ Oost": "GGZ Oost haalt vroege signalen uit de wijk.",
    "Brengen – GGZ Oost": "Een psychiater die aanschuift bij het wijkoverleg.",
}
ANTWOORD = "Het initiatief ligt bij de gemeente; Wijkteam Oost volgt."


def cel(page: Page, label: str):
    return page.get_by_role("textbox", name=label, exact=True)


def kies(hulp, begin: str) -> None:
    """Chooses the instrument whose option starts so: the four question boxes differ only in where they stand."""
    keuzelijst = hulp.get_by_label("Instrument")
    keuzelijst.select_option(keuzelijst.locator("option", has_text=begin).first.get_attribute("value"))


def op_server(label: str) -> str:
    kolom, partner = label.split(" – ")
    return next(
        a.tekst.replace("\r\n", "\n")
        for a in Aantekening.objects.filter(veld__rij__naam=partner).select_related("veld__instrument")
        if a.veld.instrument.inhoud[a.veld.onderdeel]["items"][a.veld.kolom]["tekst"] == kolom
    )


def test_an_inspector_fills_in_halen_en_brengen_for_two_partners_and_finds_them_in_the_report(
    page: Page, context: BrowserContext, vragenbank, eigenaar, tmp_path
):
    bank_aanvullen()
    gesprek = factories.gesprek(eigenaar=eigenaar, kader=vragenbank, organisatie="Zorggroep Halen")
    inloggen(page, eigenaar)

    # Compose: Halen en brengen under gedeelde visie, a question box for the whole gesprek.
    page.goto(f"/gesprekken/{gesprek.pk}/vragenlijst/")
    hulp = page.get_by_role("region", name="Instrumenten")
    kies(hulp, HALEN_EN_BRENGEN)
    hulp.get_by_label("Bij").select_option(label="Gedeelde visie, gedeeld belang")
    hulp.get_by_role("button", name="Instrument toevoegen").click()
    expect(page.get_by_text(f"{HALEN_EN_BRENGEN} staat nu bij Gedeelde visie, gedeeld belang.")).to_be_visible()
    hulp = page.get_by_role("region", name="Instrumenten")
    kies(hulp, "Hoe zit dat bij jou? (Hoofdstuk 2")
    hulp.get_by_role("button", name="Instrument toevoegen").click()
    expect(page.get_by_text("Hoe zit dat bij jou? staat nu bij het hele gesprek.")).to_be_visible()
    assert dubbele_ids(page) == []

    # Hold: the casus partner has its row already; a second partner is added.
    page.goto(f"/gesprekken/{gesprek.pk}/voeren/")
    tabel = page.get_by_role("region", name=HALEN_EN_BRENGEN)
    expect(tabel.get_by_role("group", name="Wijkteam Oost")).to_be_visible()
    tabel.get_by_label("Naam van de samenwerkingspartner").fill("GGZ Oost")
    tabel.get_by_role("button", name="Samenwerkingspartner toevoegen").click()
    expect(page.get_by_text(f"GGZ Oost is toegevoegd aan {HALEN_EN_BRENGEN}.")).to_be_visible()
    assert dubbele_ids(page) == []

    eerste, *rest = list(TEKSTEN)
    cel(page, eerste).fill(TEKSTEN[eerste])
    wacht_op_server(lambda: op_server(eerste), TEKSTEN[eerste])

    # The connection drops while the inspector types in the other cells.
    page.route(AUTOSAVE, lambda route: route.abort("internetdisconnected"))
    for label in rest:
        cel(page, label).fill(TEKSTEN[label])
    expect(opslagstatus(page)).to_contain_text("geen verbinding", timeout=NA_HERSTEL_MS)
    page.unroute(AUTOSAVE)
    page.reload()
    for label in rest:
        expect(cel(page, label)).to_have_value(TEKSTEN[label])
        wacht_op_server(lambda label=label: op_server(label), TEKSTEN[label])
    expect(opslagstatus(page)).to_contain_text("Alles opgeslagen", timeout=NA_HERSTEL_MS)

    vragen = page.get_by_role("region", name="Instrumenten voor het hele gesprek")
    vragen.get_by_role("textbox").first.fill(ANTWOORD)
    expect(opslagstatus(page)).to_contain_text("Alles opgeslagen", timeout=NA_HERSTEL_MS)

    # Round off and read the report.
    page.get_by_role("link", name="Naar afronden").click()
    page.get_by_role("button", name="Opslaan en rapport vaststellen").click()
    expect(page.get_by_text("Het rapport is vastgesteld (versie 1).")).to_be_visible()
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Rapport downloaden (PDF)").click()
    pdf.value.save_as(tmp_path / "rapport.pdf")
    with page.expect_download() as word:
        page.get_by_role("link", name="Word (DOCX)").click()
    word.value.save_as(tmp_path / "rapport.docx")

    rapport = pdf_tekst(tmp_path / "rapport.pdf")
    document = docx.Document(tmp_path / "rapport.docx")
    cellen = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for tekst in [*TEKSTEN.values()]:
        assert tekst in rapport
        assert tekst in cellen
    assert ANTWOORD in rapport
    assert HALEN_EN_BRENGEN in rapport
