"""Issue 19: an inspector comes back. She prepares a second gesprek with an organisation that had one before, finds
it by typing three letters, sees the two open afspraken of last time, puts them on the agenda, records one as
nagekomen and one as deels, finds the first gesprek again by searching for a word from one of its notes, and finds
the terugblik in the new report."""

import datetime

from playwright.sync_api import Page, expect

from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Afspraak, Gesprek
from tests import factories

from .conftest import dubbele_ids, inloggen
from .test_inspecteur_journey import opslagstatus, pdf_tekst, verplicht, wacht_op_server

NOTITIE = "De mantelzorgondersteuning loopt via het wijkteam, maar niemand bewaakt de wachttijd."
EERSTE_AFSPRAAK = "De cliëntenraad betrekken bij het wijkoverleg"
TWEEDE_AFSPRAAK = "Een gezamenlijke casusbespreking organiseren"


def eerste_gesprek(eigenaar, vragenbank):
    """Last year's gesprek with De Linde: a note, two open afspraken, afgerond."""
    gesprek = factories.gesprek(
        eigenaar=eigenaar, kader=vragenbank, organisatie="Zorggroep De Linde", datum=datetime.date(2025, 11, 3)
    )
    aantekening = gesprek.aantekeningen.filter(criterium__isnull=False).order_by("pk").first()
    services.aantekening_opslaan(aantekening=aantekening, tekst=NOTITIE, observatie="", versie=0, wie=Wie(eigenaar))
    services.afronding_opslaan(
        gesprek=gesprek,
        wie=Wie(eigenaar),
        gegevens={"samenvatting": "Een eerste gesprek."},
        afspraken=[
            Afspraak(wat=EERSTE_AFSPRAAK, wie="Bestuurder", wanneer=datetime.date(2026, 3, 1)),
            Afspraak(wat=TWEEDE_AFSPRAAK, wie="Manager zorg", wanneer=datetime.date(2026, 6, 1)),
        ],
        stap=services.Stap.VASTSTELLEN,
    )
    return gesprek


def status_van(wat):
    return lambda: Afspraak.objects.get(wat=wat).status


def test_an_inspector_follows_up_the_afspraken_of_last_time_and_finds_them_in_the_report(
    page: Page, vragenbank, eigenaar, tmp_path
):
    eerste = eerste_gesprek(eigenaar, vragenbank)
    inloggen(page, eigenaar)

    # Nieuw gesprek: three letters find the organisation; choosing it fills in its kind and words.
    page.get_by_role("link", name="Nieuw gesprek", exact=True).click()
    naam = page.get_by_role("combobox", name=verplicht("Organisatie"))
    naam.press_sequentially("Lin", delay=50)
    expect(page.locator("#organisatie-suggesties option")).to_have_attribute("value", "Zorggroep De Linde")
    naam.fill("Zorggroep De Linde")
    expect(page.get_by_label("Soort organisatie")).to_have_value("zorgaanbieder")
    expect(page.get_by_label("Hoe noemt de organisatie de mensen die zij helpt?")).to_have_value("cliënten")
    expect(page.locator("#organisatie-status")).to_contain_text("Bekende organisatie gekozen: Zorggroep De Linde")
    page.get_by_role("combobox", name=verplicht("Inspectie")).select_option(
        label="Inspectie Gezondheidszorg en Jeugd (IGJ)"
    )
    page.get_by_label("Aanleiding").select_option(label="afsluitend gesprek met bestuurder na bezoek")
    page.get_by_label("Datum van het gesprek").fill("2026-11-02")
    page.get_by_label("Kader").select_option(label="Stimulerend toezicht op samenwerking (september 2023)")
    page.get_by_label("Beginnen met").select_option(label="Alle kernelementen, alleen de hoofdvragen")
    page.get_by_role("button", name="Gesprek aanmaken").click()
    expect(page.get_by_text("Het gesprek is aangemaakt. Stel nu de vragenlijst samen.")).to_be_visible()
    tweede = Gesprek.objects.exclude(pk=eerste.pk).get()
    assert tweede.organisatie == eerste.organisatie

    # Preparing: the two open afspraken of last time, put on the agenda.
    terugblik = page.get_by_role("region", name="Afspraken van eerdere gesprekken")
    expect(terugblik.get_by_role("checkbox")).to_have_count(2)
    expect(terugblik.get_by_label(EERSTE_AFSPRAAK)).to_be_checked()
    expect(terugblik.get_by_label(TWEEDE_AFSPRAAK)).to_be_checked()
    terugblik.get_by_role("button", name="Op de agenda zetten").click()
    expect(page.get_by_text("2 afspraken staan op de agenda")).to_be_visible()
    assert dubbele_ids(page) == []

    # Holding: a terugblik with a status and a note for each, saved as the inspector types.
    page.get_by_role("link", name="Naar gesprek voeren").click()
    expect(opslagstatus(page)).to_have_text("Wat u typt, wordt vanzelf opgeslagen.")
    assert dubbele_ids(page) == []
    deel = page.get_by_role("region", name="Terugblik op afspraken")
    eerste_status = deel.get_by_role("group", name=f"Status van de afspraak ‘{EERSTE_AFSPRAAK}’")
    eerste_status.get_by_label("Nagekomen", exact=True).check()
    deel.get_by_role("textbox", name=f"Toelichting bij Status van de afspraak ‘{EERSTE_AFSPRAAK}’").fill(
        "De cliëntenraad schuift sinds mei aan."
    )
    tweede_status = deel.get_by_role("group", name=f"Status van de afspraak ‘{TWEEDE_AFSPRAAK}’")
    tweede_status.get_by_label("Deels nagekomen").check()
    deel.get_by_role("textbox", name=f"Toelichting bij Status van de afspraak ‘{TWEEDE_AFSPRAAK}’").fill(
        "Eén bespreking gehouden; het wijkteam wil vaker."
    )
    wacht_op_server(status_van(EERSTE_AFSPRAAK), Afspraak.Status.NAGEKOMEN)
    wacht_op_server(status_van(TWEEDE_AFSPRAAK), Afspraak.Status.DEELS)
    wacht_op_server(
        lambda: Afspraak.objects.get(wat=TWEEDE_AFSPRAAK).toelichting,
        "Eén bespreking gehouden; het wijkteam wil vaker.",
    )

    # Searching Mijn gesprekken for a word of last year's note finds that gesprek, the word marked.
    page.goto("/gesprekken/")
    page.get_by_role("searchbox", name="Zoeken").fill("mantelzorgondersteuning")
    page.get_by_role("button", name="Zoeken").click()
    rijen = page.locator("tbody tr")
    expect(rijen).to_have_count(1)
    expect(rijen.locator("mark")).to_have_text("mantelzorgondersteuning")
    expect(rijen.get_by_role("link", name="Zorggroep De Linde", exact=True)).to_have_attribute(
        "href", f"/gesprekken/{eerste.pk}/afronden/"
    )

    # The new report holds the terugblik.
    page.goto(f"/gesprekken/{tweede.pk}/voeren/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Rapport (PDF)").click()
    pad = tmp_path / "rapport.pdf"
    download_info.value.save_as(pad)
    tekst = pdf_tekst(pad)
    assert "Terugblik op afspraken" in tekst
    assert f"{EERSTE_AFSPRAAK}" in tekst and "Status: nagekomen" in tekst
    assert "Status: deels nagekomen" in tekst
    assert "De cliëntenraad schuift sinds mei aan." in tekst
