"""Issue 3: an inspector prepares, holds and reports a gesprek in Chromium, on poor Wi-Fi and with a colleague."""

import re
import time

from playwright.sync_api import BrowserContext, Locator, Page, expect
from pypdf import PdfReader

from gesprekken.models import Aantekening, Gesprek, GesprekVraag

from .conftest import dubbele_ids, inloggen

GEDEELDE_VISIE = "Gedeelde visie, gedeeld belang"
LEIDERSCHAP = "Leiderschap en management"
EVALUATIE = "Evaluatie monitoring en reflectie"
EIGEN_VRAAG = "Hoe is de samenwerking met Wijkteam Oost voor de komende vier jaar gefinancierd?"
# Retries back off to at most 15 seconds, so a save after reconnecting may take that long to come round.
NA_HERSTEL_MS = 20_000


def verplicht(label: str) -> re.Pattern:
    """A required field's label: crispy-forms puts an asterisk after it."""
    return re.compile(rf"^{re.escape(label)}\*?$")


def aantekeningveld(page: Page, element: str, criterium: str) -> Locator:
    """The note for one criterion: its text field, status line and conflict box live in one block."""
    label = page.get_by_label(f"Aantekening bij criterium {criterium}", exact=True)
    return page.get_by_role("region", name=element, exact=True).locator(".aantekening-veld").filter(has=label)


def tekstvak(veld: Locator) -> Locator:
    return veld.get_by_role("textbox")


def veldstatus(veld: Locator) -> Locator:
    return veld.locator(".veldstatus")


def opslagstatus(page: Page) -> Locator:
    return page.get_by_role("status")


def aantekening(gesprek: Gesprek, element: str, criterium: str) -> Aantekening:
    return Aantekening.objects.get(gesprek=gesprek, criterium__element__naam=element, criterium__label=criterium)


def tekst_op_server(gesprek: Gesprek, element: str, criterium: str) -> str:
    """The note as typed: browsers send a textarea's line breaks as CRLF (HTML's form encoding)."""
    return aantekening(gesprek, element, criterium).tekst.replace("\r\n", "\n")


def wacht_op_server(vind, verwacht, timeout_s=20):
    """Polls the database, for what the page cannot show: what the server holds."""
    einde = time.monotonic() + timeout_s
    while (waarde := vind()) != verwacht and time.monotonic() < einde:
        time.sleep(0.1)
    assert waarde == verwacht


def pdf_tekst(pad) -> str:
    tekst = " ".join(pagina.extract_text() for pagina in PdfReader(pad).pages)
    return " ".join(tekst.split())


def open_voeren(page: Page, gesprek: Gesprek) -> None:
    page.goto(f"/gesprekken/{gesprek.pk}/voeren/")
    expect(page.get_by_role("heading", level=1)).to_have_text(gesprek.organisatie.naam)
    expect(opslagstatus(page)).to_have_text("Wat u typt, wordt vanzelf opgeslagen.")


def test_an_inspector_prepares_holds_and_reports_a_gesprek(
    page: Page, context: BrowserContext, vragenbank, eigenaar, co_inspecteur, tmp_path
):
    inloggen(page, eigenaar)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gesprekken")

    # Prepare: the organisation serves cliënten; one specific cooperation is the starting point.
    page.get_by_role("link", name="Nieuw gesprek", exact=True).click()
    assert dubbele_ids(page) == []
    page.get_by_role("combobox", name=verplicht("Organisatie")).fill("Zorggroep De Linde")
    page.get_by_label("Soort organisatie").select_option(label="Zorgaanbieder")
    page.get_by_label("Hoe noemt de organisatie de mensen die zij helpt?").select_option(label="cliënten")
    page.get_by_role("combobox", name=verplicht("Inspectie")).select_option(
        label="Inspectie Gezondheidszorg en Jeugd (IGJ)"
    )
    page.get_by_label("Aanleiding").select_option(label="afsluitend gesprek met bestuurder na bezoek")
    page.get_by_label("Datum van het gesprek").fill("2026-11-02")
    page.get_by_label("Kader").select_option(label="Stimulerend toezicht op samenwerking (september 2023)")
    page.get_by_label("Beginnen met").select_option(label="Alle kernelementen, alleen de hoofdvragen")
    page.get_by_label("Samenwerkingspartner").fill("Wijkteam Oost")
    page.get_by_label("Samenwerking of casus als uitgangspunt").fill("Ouderen met dementie die thuis wonen.")
    bestuurder = page.get_by_role("group", name="Bestuurder 1")
    bestuurder.get_by_label("Naam").fill("Mevr. J. de Boer")
    bestuurder.get_by_label("Functie").fill("voorzitter raad van bestuur")
    page.get_by_label("Cas Collega").check()
    page.get_by_role("button", name="Gesprek aanmaken").click()

    expect(page.get_by_text("Het gesprek is aangemaakt. Stel nu de vragenlijst samen.")).to_be_visible()
    assert dubbele_ids(page) == []
    gesprek = Gesprek.objects.get(organisatie__naam="Zorggroep De Linde")
    assert (gesprek.doelgroep_meervoud, gesprek.doelgroep_enkelvoud) == ("cliënten", "cliënt")
    assert list(gesprek.co_inspecteurs.all()) == [co_inspecteur]

    # The questions read in the organisation's own words, with the partner's name.
    vragenlijst = page.locator("#vragenlijst")
    expect(vragenlijst).to_contain_text(
        "Wat merkt de cliënt er in de zorg of ondersteuning van dat u samenwerkt met Wijkteam Oost?"
    )
    expect(vragenlijst).to_contain_text("tegemoet komt aan de zorg-/hulpvraag van uw cliënten?")
    expect(vragenlijst).to_contain_text("Waar bent u trots op in de samenwerking met Wijkteam Oost?")
    expect(vragenlijst).not_to_contain_text("organisatie D.")
    # Only the main questions: the doorvragen are off.
    doorvraag = GesprekVraag.objects.filter(gesprek=gesprek, soort=GesprekVraag.Soort.DOORVRAAG).first()
    expect(page.locator(f"#vraag-{doorvraag.pk}")).not_to_be_checked()

    # An own question under an element that is not a core element puts that element on the agenda.
    eigen = page.get_by_role("complementary", name="Hulpmiddelen bij het samenstellen")
    eigen.get_by_label("Bij element").select_option(label="Financiering")
    eigen.get_by_role("textbox", name=verplicht("Eigen vraag")).fill(EIGEN_VRAAG)
    eigen.get_by_role("button", name="Vraag toevoegen").click()
    expect(page.get_by_text("Uw vraag staat bij Financiering.")).to_be_visible()
    financiering = page.get_by_role("region", name="Financiering")
    expect(financiering.get_by_label("Dit element staat op de agenda")).to_be_checked()
    expect(financiering.get_by_label(EIGEN_VRAAG)).to_be_checked()
    page.get_by_role("button", name="Vragenlijst opslaan").click()
    expect(page.get_by_text("De vragenlijst is opgeslagen.")).to_be_visible()

    # Hold the gesprek.
    page.get_by_role("link", name="Naar gesprek voeren").click()
    expect(opslagstatus(page)).to_have_text("Wat u typt, wordt vanzelf opgeslagen.")
    assert dubbele_ids(page) == []
    bij_de_hand = page.get_by_role("region", name="Bij de hand")
    expect(bij_de_hand).to_contain_text("Uitgangspunt: de samenwerking met Wijkteam Oost.")
    expect(bij_de_hand).to_contain_text("Wat merkt de cliënt er in de zorg of ondersteuning van dat u samenwerkt")
    expect(page.get_by_role("region", name="Financiering", exact=True)).to_contain_text(EIGEN_VRAAG)

    aantekeningen = {
        (GEDEELDE_VISIE, "1"): "Wijkteam en zorggroep delen een visie op thuis wonen.",
        (GEDEELDE_VISIE, "2"): "Ambities staan in een gezamenlijk plan voor cliënten.",
        (LEIDERSCHAP, "1"): "Bestuurder spreekt intern vaak over de winst van samenwerken.",
        (LEIDERSCHAP, "6"): "Teamleiders krijgen uren voor het casusoverleg.",
        (EVALUATIE, "1"): "Jaarlijkse evaluatie met het wijkteam, cliëntenraad schuift aan.",
    }
    eerste, *overige = aantekeningen.items()
    # Real typing, key by key, as an inspector does while listening.
    tekstvak(aantekeningveld(page, *eerste[0])).press_sequentially(eerste[1], delay=15)
    for (element, criterium), tekst in overige:
        tekstvak(aantekeningveld(page, element, criterium)).fill(tekst)
    aantekeningveld(page, LEIDERSCHAP, "1").get_by_label("Sterk punt").check()

    for element, criterium in aantekeningen:
        expect(veldstatus(aantekeningveld(page, element, criterium))).to_contain_text("Opgeslagen om")
    expect(opslagstatus(page)).to_contain_text("Alles opgeslagen om")
    for (element, criterium), tekst in aantekeningen.items():
        assert aantekening(gesprek, element, criterium).tekst == tekst
    assert aantekening(gesprek, LEIDERSCHAP, "1").observatie == "sterk_punt"

    page.reload()
    for (element, criterium), tekst in aantekeningen.items():
        expect(tekstvak(aantekeningveld(page, element, criterium))).to_have_value(tekst)
    expect(aantekeningveld(page, LEIDERSCHAP, "1").get_by_label("Sterk punt")).to_be_checked()

    # The Wi-Fi drops: the inspector keeps typing and is told plainly that it is not saved yet.
    context.set_offline(True)
    offline = "Extern draagt de bestuurder de visie uit in het regionale overleg."
    tekstvak(aantekeningveld(page, LEIDERSCHAP, "11")).press_sequentially(offline, delay=5)
    expect(opslagstatus(page)).to_contain_text("Niet opgeslagen: geen verbinding met de server.")
    expect(opslagstatus(page)).to_have_class(re.compile(r"\bfout\b"))
    # In sight while typing far down the page, not only at its top.
    expect(opslagstatus(page)).to_be_in_viewport()
    expect(veldstatus(aantekeningveld(page, LEIDERSCHAP, "11"))).to_have_text("Niet opgeslagen – wacht op verbinding.")
    assert aantekening(gesprek, LEIDERSCHAP, "11").tekst == ""

    context.set_offline(False)
    expect(veldstatus(aantekeningveld(page, LEIDERSCHAP, "11"))).to_contain_text(
        "Opgeslagen om", timeout=NA_HERSTEL_MS
    )
    expect(opslagstatus(page)).to_contain_text("Alles opgeslagen om")
    expect(opslagstatus(page)).not_to_have_class(re.compile(r"\bfout\b"))
    wacht_op_server(lambda: aantekening(gesprek, LEIDERSCHAP, "11").tekst, offline)

    # Write up and close.
    page.get_by_role("link", name="Naar afronden").click()
    assert dubbele_ids(page) == []
    page.get_by_label("Samenvatting").fill("Een open gesprek over de samenwerking met Wijkteam Oost.")
    afspraak = page.get_by_role("group", name="Afspraak 1")
    afspraak.get_by_label("Wat").fill("Evaluatie delen met de cliëntenraad")
    afspraak.get_by_label("Wie").fill("Mevr. J. de Boer")
    afspraak.get_by_label("Wanneer").fill("2027-03-01")
    page.get_by_role("button", name="Opslaan en rapport vaststellen").click()
    expect(page.get_by_text("Het rapport is vastgesteld (versie 1).")).to_be_visible()
    gesprek.refresh_from_db()
    assert gesprek.is_vastgesteld

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Rapport downloaden (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "rapport-zorggroep-de-linde-2026-11-02.pdf"
    pad = tmp_path / download.suggested_filename
    download.save_as(pad)
    rapport = pdf_tekst(pad)
    for tekst in [*aantekeningen.values(), offline]:
        assert tekst in rapport
    assert EIGEN_VRAAG in rapport
    # The bank's questions in the organisation's own words.
    assert "tegemoet komt aan de zorg-/hulpvraag van uw cliënten?" in rapport
    assert "Met Wijkteam Oost: Ouderen met dementie die thuis wonen." in rapport
    assert "Observatie: sterk punt" in rapport
    assert "Evaluatie delen met de cliëntenraad" in rapport
    assert "Een open gesprek over de samenwerking met Wijkteam Oost." in rapport


def test_text_that_could_not_be_saved_survives_a_reload(page: Page, gesprek, eigenaar):
    inloggen(page, eigenaar)
    open_voeren(page, gesprek)
    # The server's answers get lost (a proxy in between fails), but the page itself still loads.
    page.route("**/aantekeningen/**", lambda route: route.fulfill(status=502, body="Bad Gateway"))

    tekst = "Bestuurder noemt drie voorbeelden van gezamenlijke scholing."
    veld = aantekeningveld(page, LEIDERSCHAP, "3")
    tekstvak(veld).press_sequentially(tekst, delay=5)
    expect(opslagstatus(page)).to_contain_text("Niet opgeslagen: de server geeft een fout.")
    expect(opslagstatus(page)).to_have_class(re.compile(r"\bfout\b"))
    expect(veldstatus(veld)).to_contain_text("Niet opgeslagen")
    assert aantekening(gesprek, LEIDERSCHAP, "3").tekst == ""

    page.reload()
    veld = aantekeningveld(page, LEIDERSCHAP, "3")
    expect(tekstvak(veld)).to_have_value(tekst)
    # The field keeps saying where its text came from while saving still fails.
    expect(veldstatus(veld)).to_have_text(
        "Niet-opgeslagen tekst van dit apparaat is teruggezet. Niet opgeslagen – we proberen het opnieuw."
    )
    expect(opslagstatus(page)).to_contain_text("Niet opgeslagen: de server geeft een fout.")
    assert aantekening(gesprek, LEIDERSCHAP, "3").tekst == ""

    page.unroute("**/aantekeningen/**")
    expect(veldstatus(veld)).to_contain_text("Opgeslagen om", timeout=NA_HERSTEL_MS)
    expect(opslagstatus(page)).to_contain_text("Alles opgeslagen om")
    wacht_op_server(lambda: aantekening(gesprek, LEIDERSCHAP, "3").tekst, tekst)
    assert page.evaluate("() => localStorage.length") == 0


def test_two_inspectors_typing_in_one_criterion_choose_to_merge(new_context, gesprek, eigenaar, co_inspecteur):
    olga = new_context().new_page()
    cas = new_context().new_page()
    inloggen(olga, eigenaar)
    inloggen(cas, co_inspecteur)
    open_voeren(olga, gesprek)
    open_voeren(cas, gesprek)

    van_olga = "Olga: de bestuurder handelt vanuit het perspectief van de cliënt."
    veld_olga = aantekeningveld(olga, LEIDERSCHAP, "2")
    tekstvak(veld_olga).press_sequentially(van_olga, delay=5)
    expect(veldstatus(veld_olga)).to_contain_text("Opgeslagen om")

    # Cas's page still holds the version from before Olga saved.
    van_cas = "Cas: medewerkers noemen het casusoverleg als voorbeeld."
    veld_cas = aantekeningveld(cas, LEIDERSCHAP, "2")
    expect(tekstvak(veld_cas)).to_have_value("")
    tekstvak(veld_cas).press_sequentially(van_cas, delay=5)

    conflict = veld_cas.locator(".conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("Olga Eigenaar heeft deze aantekening om")
    expect(conflict.locator("blockquote")).to_have_text(van_olga)
    for knop in ("Mijn tekst behouden", "Tekst van collega overnemen", "Beide samenvoegen"):
        expect(conflict.get_by_role("button", name=knop)).to_be_visible()
    expect(opslagstatus(cas)).to_contain_text("Let op: 1 aantekening(en) met een wijziging van een collega.")
    assert aantekening(gesprek, LEIDERSCHAP, "2").tekst == van_olga

    conflict.get_by_role("button", name="Beide samenvoegen").click()
    samen = f"{van_olga}\n\n{van_cas}"
    expect(conflict).to_be_hidden()
    expect(tekstvak(veld_cas)).to_have_value(samen)
    expect(veldstatus(veld_cas)).to_contain_text("Opgeslagen om")
    expect(opslagstatus(cas)).to_contain_text("Alles opgeslagen om")
    wacht_op_server(lambda: tekst_op_server(gesprek, LEIDERSCHAP, "2"), samen)
    assert aantekening(gesprek, LEIDERSCHAP, "2").gewijzigd_door == co_inspecteur

    olga.reload()
    expect(tekstvak(aantekeningveld(olga, LEIDERSCHAP, "2"))).to_have_value(samen)
