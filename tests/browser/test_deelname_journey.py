"""Issue 18: the inspector invites the organisation; its contact, without an account, answers two questions and
Halen en brengen (adding a partner) through a dropped connection and submits; the inspector sees the answers in
Gesprek voeren. A replaced link and a tampered one get the Dutch page. The inspector rounds off and sends the concept;
the contact places two remarks; the inspector takes one over, declines one with a reason, and vaststelt; the final
PDF holds the corrected text and the annex, and the concept's link then gets the Dutch page. Axe finds nothing on
these pages."""

from playwright.sync_api import Page, expect

from deelname.models import Antwoord, Opmerking, Uitnodiging
from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import RapportVersie
from tests import factories, instrumentgids

from . import toegankelijkheid as t
from .conftest import dubbele_ids, inloggen
from .test_inspecteur_journey import NA_HERSTEL_MS, opslagstatus, pdf_tekst, wacht_op_server
from .test_toegankelijkheid import axe_overtredingen

AUTOSAVE = "**/deelname/antwoorden/**"
EERSTE = "Wij werken sinds 2024 met één gedeelde agenda."
TWEEDE = "De wethouder en de bestuurder spreken elkaar elke maand."
HALEN = "Signalen uit de wijk, vroeg."
BRENGEN = "Een psychiater die aanschuift bij het wijkoverleg."
FOUT = "De gemeente financiert het wijkteam sinds 2019."
GOED = "De zorgverzekeraar financiert het wijkteam sinds 2021."
OVERNEMEN = "Niet de gemeente maar de zorgverzekeraar financiert het wijkteam, sinds 2021."
AFWIJZEN = "Wij spreken liever van ketenpartners."
REDEN = "Het rapport volgt de woorden van de handreiking."


def op_server(**filter) -> str:
    return Antwoord.objects.get(**filter).tekst.replace("\r\n", "\n")


def geen_bevindingen(page: Page) -> None:
    overtredingen = axe_overtredingen(page)
    assert overtredingen == [], overtredingen
    assert dubbele_ids(page) == []


def test_the_organisation_answers_before_the_visit_and_checks_the_concept_report(
    page: Page, new_context, vragenbank, eigenaar, live_server, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    gesprek = factories.gesprek(eigenaar=eigenaar, kader=vragenbank, organisatie="Zorggroep Vooraf")
    gids = instrumentgids.maak(elementen=vragenbank.elementen.filter(nummer=2))
    services.instrument_toevoegen(gesprek=gesprek, wie=Wie(eigenaar), instrument=gids["Halen en brengen"])
    vraag1, vraag2 = gesprek.vragen.filter(opgenomen=True, hoofdvraag__isnull=True, element__isnull=False).order_by(
        "element__volgorde", "volgorde"
    )[:2]

    # The inspector chooses what the organisation answers and invites its bestuurder.
    page.context.add_init_script(path=t.AXE)
    inloggen(page, eigenaar)
    page.goto(f"/gesprekken/{gesprek.pk}/voeren/")
    page.get_by_role("link", name="Organisatie uitnodigen").click()
    geen_bevindingen(page)
    vooraf = page.get_by_role("region", name="Wat de organisatie vooraf beantwoordt")
    vooraf.get_by_label(vraag1.tekst, exact=True).check()
    vooraf.get_by_label(vraag2.tekst, exact=True).check()
    vooraf.get_by_label("Halen en brengen").check()
    vooraf.get_by_role("button", name="Keuze opslaan").click()
    expect(page.get_by_text("Opgeslagen wat de organisatie vooraf beantwoordt.")).to_be_visible()
    uitnodigen = page.get_by_role("region", name="Uitnodigingen")
    uitnodigen.get_by_label("Naam").fill("Mevr. J. de Boer")
    uitnodigen.get_by_label("E-mailadres").fill("j.deboer@vooraf.nl")
    uitnodigen.get_by_label("Rol of functie").fill("bestuurder")
    uitnodigen.get_by_label("Alleen tonen, ik kopieer hem zelf").check()
    uitnodigen.get_by_role("button", name="Uitnodigen").click()
    oude_link = page.get_by_label("Persoonlijke link", exact=False).input_value()
    assert oude_link.startswith(f"{live_server.url}/deelname/openen/?sleutel=")
    geen_bevindingen(page)
    page.get_by_role("link", name="Terug naar de uitnodigingen").click()
    expect(page.get_by_role("cell", name="Verstuurd")).to_be_visible()

    # The contact, in a browser of their own without an account.
    contact_context = new_context()
    contact_context.add_init_script(path=t.AXE)
    contact = contact_context.new_page()
    contact.goto(oude_link)
    expect(contact).to_have_url(f"{live_server.url}/deelname/")
    expect(contact.get_by_role("heading", level=1)).to_have_text("Vragen vooraf voor het samenwerkingsgesprek")
    geen_bevindingen(contact)

    contact.get_by_label(vraag1.tekst, exact=True).fill(EERSTE)
    wacht_op_server(lambda: op_server(vraag=vraag1), EERSTE)
    # The organisation knows its partners: it adds one to Halen en brengen.
    contact.get_by_label("Naam van de samenwerkingspartner").fill("GGZ Oost")
    contact.get_by_role("button", name="Samenwerkingspartner toevoegen").click()
    expect(contact.get_by_text("GGZ Oost is toegevoegd aan Halen en brengen.")).to_be_visible()

    # The connection drops while the contact types the second answer and a cell of Halen en brengen.
    contact.route(AUTOSAVE, lambda route: route.abort("internetdisconnected"))
    contact.get_by_label(vraag2.tekst, exact=True).fill(TWEEDE)
    contact.get_by_label("Halen – Wijkteam Oost", exact=True).fill(HALEN)
    contact.get_by_label("Brengen – GGZ Oost", exact=True).fill(BRENGEN)
    expect(opslagstatus(contact)).to_contain_text("geen verbinding", timeout=NA_HERSTEL_MS)
    # Submitting waits until everything is on the server.
    contact.get_by_role("button", name="Antwoorden indienen").click()
    expect(contact.get_by_role("alert")).to_contain_text("Nog niet alles is opgeslagen")
    assert not Uitnodiging.objects.get().is_ingediend
    contact.unroute(AUTOSAVE)
    contact.reload()
    expect(contact.get_by_label(vraag2.tekst, exact=True)).to_have_value(TWEEDE)
    expect(contact.get_by_label("Halen – Wijkteam Oost", exact=True)).to_have_value(HALEN)
    expect(contact.get_by_label("Brengen – GGZ Oost", exact=True)).to_have_value(BRENGEN)
    wacht_op_server(lambda: op_server(vraag=vraag2), TWEEDE)
    wacht_op_server(lambda: op_server(veld__rij__naam="Wijkteam Oost", veld__kolom=1), HALEN)
    wacht_op_server(lambda: op_server(veld__rij__naam="GGZ Oost", veld__kolom=2), BRENGEN)
    expect(opslagstatus(contact)).to_contain_text("Alles opgeslagen", timeout=NA_HERSTEL_MS)

    contact.get_by_role("button", name="Antwoorden indienen").click()
    expect(contact.get_by_text("Dank u wel. Uw antwoorden zijn ingediend bij de inspecteur.")).to_be_visible()
    expect(contact.get_by_text(TWEEDE)).to_be_visible()
    expect(contact.get_by_role("textbox")).to_have_count(0)
    geen_bevindingen(contact)

    # The inspector sees the answers beside the questions and in Halen en brengen, and takes one into the report.
    page.goto(f"/gesprekken/{gesprek.pk}/voeren/")
    expect(page.get_by_text("Ingediend")).to_have_count(0)
    for tekst in (EERSTE, TWEEDE, HALEN, BRENGEN):
        expect(page.get_by_text(tekst)).to_be_visible()
    page.get_by_role("button", name="Opnemen in het rapport").first.click()
    expect(page.get_by_text("Het antwoord van Mevr. J. de Boer staat nu in het rapport.")).to_be_visible()
    geen_bevindingen(page)

    # A new link makes the old one invalid; a tampered link gets the same Dutch page.
    page.goto(f"/gesprekken/{gesprek.pk}/deelname/")
    expect(page.get_by_role("cell", name="Ingediend")).to_be_visible()
    page.get_by_role("button", name="Nieuwe link tonen voor Mevr. J. de Boer").click()
    nieuwe_link = page.get_by_label("Persoonlijke link", exact=False).input_value()
    assert nieuwe_link != oude_link

    for link in (oude_link, nieuwe_link[:-1] + ("A" if nieuwe_link[-1] != "A" else "B")):
        antwoord = contact.goto(link)
        assert antwoord.status == 404
        expect(contact.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet")
        expect(contact.get_by_text("Neem contact op met de inspecteur")).to_be_visible()
        geen_bevindingen(contact)
    assert contact.goto(nieuwe_link).status == 200
    expect(contact.get_by_text(EERSTE)).to_be_visible()

    # After the conversation the inspector rounds off: a concept, with a factual error in it, to the organisation.
    page.goto(f"/gesprekken/{gesprek.pk}/afronden/")
    page.get_by_label("Samenvatting").fill(FOUT)
    page.get_by_role("button", name="Opslaan en concept maken").click()
    expect(page.get_by_text("Het concept van het rapport is gemaakt (versie 1).")).to_be_visible()
    geen_bevindingen(page)
    verificatie = page.get_by_role("region", name="Verificatie door de organisatie")
    verificatie.get_by_label("Naam").fill("Mevr. J. de Boer")
    verificatie.get_by_label("E-mailadres").fill("j.deboer@vooraf.nl")
    verificatie.get_by_label("Alleen tonen, ik kopieer hem zelf").check()
    verificatie.get_by_role("button", name="Concept ter verificatie sturen").click()
    concept_link = page.get_by_label("Persoonlijke link", exact=False).input_value()
    page.get_by_role("link", name="Terug naar Afronden").click()
    expect(page.get_by_text("Ter verificatie", exact=True)).to_be_visible()
    # The inspector goes on writing; the organisation reads the concept as it was sent.
    page.get_by_label("Wat gaat goed").fill("Intern: nog te bespreken.")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    # The contact reads the concept and remarks on two sections, through a dropped connection.
    contact.goto(concept_link)
    expect(contact).to_have_url(f"{live_server.url}/deelname/verificatie/")
    expect(contact.get_by_text(FOUT)).to_be_visible()
    expect(contact.get_by_text("Intern: nog te bespreken.")).to_have_count(0)
    geen_bevindingen(contact)
    eerste_sectie = RapportVersie.objects.get(gesprek=gesprek, nummer=1).secties[0]["titel"]
    contact.get_by_label("Feitelijke onjuistheden in Samenvatting en afspraken").fill(OVERNEMEN)
    wacht_op_server(lambda: Opmerking.objects.get(sectie="afronding").tekst, OVERNEMEN)
    contact.route("**/deelname/opmerkingen/**", lambda route: route.abort("internetdisconnected"))
    contact.get_by_label(f"Feitelijke onjuistheden in {eerste_sectie}").fill(AFWIJZEN)
    expect(opslagstatus(contact)).to_contain_text("geen verbinding", timeout=NA_HERSTEL_MS)
    contact.unroute("**/deelname/opmerkingen/**")
    contact.reload()
    expect(contact.get_by_label(f"Feitelijke onjuistheden in {eerste_sectie}")).to_have_value(AFWIJZEN)
    expect(opslagstatus(contact)).to_contain_text("Alles opgeslagen", timeout=NA_HERSTEL_MS)
    contact.get_by_role("button", name="Opmerkingen indienen").click()
    expect(contact.get_by_text("Dank u wel. Uw opmerkingen zijn ingediend bij de inspecteur.")).to_be_visible()
    geen_bevindingen(contact)

    # The inspector takes one over, declines the other with a reason, corrects the text and vaststelt.
    page.goto(f"/gesprekken/{gesprek.pk}/afronden/")
    overnemen = page.locator(f"#opmerking-{Opmerking.objects.get(tekst=OVERNEMEN).pk}")
    overnemen.get_by_label("Overgenomen", exact=True).check()
    overnemen.get_by_role("button", name="Verwerking opslaan").click()
    expect(page.get_by_text("is verwerkt.")).to_be_visible()
    afwijzen = page.locator(f"#opmerking-{Opmerking.objects.get(tekst=AFWIJZEN).pk}")
    afwijzen.get_by_label("Niet overgenomen").check()
    afwijzen.get_by_role("button", name="Verwerking opslaan").click()
    expect(page.get_by_text("Geef de reden waarom u deze opmerking niet overneemt.")).to_be_visible()
    afwijzen = page.locator(f"#opmerking-{Opmerking.objects.get(tekst=AFWIJZEN).pk}")
    afwijzen.get_by_label("Niet overgenomen").check()
    afwijzen.get_by_label("Reden", exact=False).fill(REDEN)
    afwijzen.get_by_role("button", name="Verwerking opslaan").click()
    expect(page.get_by_text("is verwerkt.")).to_be_visible()
    geen_bevindingen(page)
    page.get_by_label("Samenvatting").fill(GOED)
    page.get_by_label("Wat gaat goed").fill("Er is een gedeelde agenda.")
    page.get_by_label("als bijlage in het rapport opnemen", exact=False).check()
    page.get_by_role("button", name="Opslaan en rapport vaststellen").click()
    expect(page.get_by_text("Het rapport is vastgesteld (versie 2).")).to_be_visible()
    expect(page.get_by_role("textbox")).to_have_count(0)
    geen_bevindingen(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Rapport downloaden (PDF)").click()
    download.value.save_as(tmp_path / "rapport.pdf")
    rapport = pdf_tekst(tmp_path / "rapport.pdf")
    hoofdtekst, bijlage = rapport.split("Bijlage: opmerkingen van de organisatie")[-2:]
    assert GOED in hoofdtekst and FOUT not in hoofdtekst
    for tekst in (OVERNEMEN, "Overgenomen", AFWIJZEN, "Niet overgenomen", REDEN):
        assert tekst in bijlage, tekst

    # The concept's link now gets the Dutch page; a tampered one too.
    antwoord = contact.goto(concept_link)
    assert antwoord.status == 410
    expect(contact.get_by_role("heading", level=1)).to_have_text("Het rapport is vastgesteld")
    geen_bevindingen(contact)
    assert contact.goto(concept_link[:-2] + "xy").status == 404
    expect(contact.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet")


def test_the_contact_answers_and_submits_with_the_keyboard_only(new_context, gesprek, eigenaar, live_server, settings):
    from deelname import services as deelname_services

    settings.SITE_URL = live_server.url
    vraag = gesprek.vragen.filter(opgenomen=True, hoofdvraag__isnull=True, element__isnull=False).first()
    deelname_services.onderwerpen_kiezen(gesprek=gesprek, wie=Wie(eigenaar), vragen=[vraag], instrumenten=[])
    link = deelname_services.uitnodigen(
        gesprek=gesprek, wie=Wie(eigenaar), naam="Piet", email="piet@testdal.nl", rol="", per_mail=False
    )
    contact = new_context().new_page()
    contact.goto(link.url)

    contact.keyboard.press("Tab")
    expect(contact.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    contact.keyboard.press("Enter")
    contact.keyboard.press("Tab")
    expect(contact.get_by_label(vraag.tekst, exact=True)).to_be_focused()
    contact.keyboard.type(EERSTE)
    expect(opslagstatus(contact)).to_contain_text("Alles opgeslagen", timeout=NA_HERSTEL_MS)
    contact.keyboard.press("Tab")
    expect(contact.get_by_role("button", name="Antwoorden indienen")).to_be_focused()
    contact.keyboard.press("Enter")
    expect(contact.get_by_text("Dank u wel. Uw antwoorden zijn ingediend bij de inspecteur.")).to_be_visible()
    assert op_server(vraag=vraag) == EERSTE


def test_the_contact_remarks_on_the_concept_and_submits_with_the_keyboard_only(
    new_context, gesprek, eigenaar, live_server, settings
):
    from deelname import services as deelname_services

    settings.SITE_URL = live_server.url
    services.afronding_opslaan(gesprek=gesprek, wie=Wie(eigenaar), gegevens={"samenvatting": FOUT})
    concept = services.concept_maken(gesprek=gesprek, wie=Wie(eigenaar))
    link = deelname_services.uitnodigen(
        gesprek=gesprek,
        wie=Wie(eigenaar),
        naam="Piet",
        email="piet@testdal.nl",
        rol="",
        per_mail=False,
        versie=concept,
    )
    eerste = concept.secties[0]["titel"]
    contact = new_context().new_page()
    contact.goto(link.url)

    contact.keyboard.press("Tab")
    expect(contact.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    contact.keyboard.press("Enter")
    contact.keyboard.press("Tab")
    expect(contact.get_by_role("link", name="Het concept als PDF openen")).to_be_focused()
    contact.keyboard.press("Tab")
    expect(contact.get_by_label(f"Feitelijke onjuistheden in {eerste}")).to_be_focused()
    contact.keyboard.type(OVERNEMEN)
    expect(opslagstatus(contact)).to_contain_text("Alles opgeslagen", timeout=NA_HERSTEL_MS)
    knop = contact.get_by_role("button", name="Opmerkingen indienen")
    for _ in concept.secties:
        contact.keyboard.press("Tab")
    expect(knop).to_be_focused()
    contact.keyboard.press("Enter")
    expect(contact.get_by_text("Dank u wel. Uw opmerkingen zijn ingediend bij de inspecteur.")).to_be_visible()
    assert Opmerking.objects.get(sectie=concept.secties[0]["id"]).tekst == OVERNEMEN
