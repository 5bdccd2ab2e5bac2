"""Issue 6: the whole inspector journey with the keyboard alone, and focus always in sight.

After the page is opened the test only presses keys (Tab, Shift+Tab, Enter, Space, arrows) and types; it reads
the page to see where focus is, never clicks. At every stop of Tab the focused element must show a focus ring.
"""

import re

from playwright.sync_api import Page, expect

from gesprekken.models import Gesprek
from tests.factories import WACHTWOORD

from .conftest import inloggen

EIGEN_VRAAG = "Hoe is de samenwerking met Wijkteam Oost gefinancierd?"
AANTEKENING = "Wijkteam en zorggroep delen een visie op thuis wonen."


def actief(page: Page) -> dict:
    """The focused element: what it is, its name as a screen reader would say it, and whether it shows focus."""
    return page.evaluate(
        """async () => {
            await new Promise((klaar) => requestAnimationFrame(() => requestAnimationFrame(klaar)));
            const el = document.activeElement;
            const stijl = getComputedStyle(el);
            const labelledby = el.getAttribute("aria-labelledby");
            const naam = (el.labels && el.labels.length) ? el.labels[0].innerText
                : labelledby ? document.getElementById(labelledby).innerText
                : el.getAttribute("aria-label") || (el === document.body ? "" : el.innerText) || "";
            return {
                tag: el.tagName.toLowerCase(),
                id: el.id,
                type: el.type || "",
                checked: !!el.checked,
                waarde: el.value === undefined ? null : el.value,
                naam: naam.replace(/\\s+/g, " ").replace(/\\*$/, "").trim().slice(0, 200),
                // static/css/samenwerking.css draws focus as a 3px outline; Bootstrap's own ring is too pale.
                focusring: stijl.outlineStyle !== "none" && parseFloat(stijl.outlineWidth) >= 2,
                in_main: !!el.closest("main"),
            };
        }"""
    )


def tab_tot(
    page: Page, naam: str | re.Pattern, *, terug: bool = False, rol: str | None = None, maximaal: int = 400
) -> dict:
    """Presses Tab (or Shift+Tab) until the element with this name (or a name matching this pattern) has
    focus; every element it passes must show that it has focus."""
    for _ in range(maximaal):
        page.keyboard.press("Shift+Tab" if terug else "Tab")
        element = actief(page)
        if element["tag"] != "body":
            assert element["focusring"], f"focus niet zichtbaar op {element}"
        gevonden = naam.match(element["naam"]) if isinstance(naam, re.Pattern) else element["naam"] == naam
        if gevonden and (rol is None or element["tag"] == rol):
            return element
    raise AssertionError(f"met Tab niet bij ‘{naam}’ gekomen")


def kies(page: Page, optie: str) -> None:
    """Chooses an option in the focused list with the arrow keys, as a keyboard user does."""
    for toets in ("Home", *["ArrowDown"] * 40):
        page.keyboard.press(toets)
        if page.evaluate("() => document.activeElement.selectedOptions[0].text.trim()").startswith(optie):
            return
    raise AssertionError(f"‘{optie}’ niet in de lijst")


def enter_en_laden(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_an_inspector_does_the_whole_journey_with_the_keyboard(page: Page, vragenbank, eigenaar, co_inspecteur):
    page.goto("/inloggen/")
    tab_tot(page, "Gebruikersnaam")
    page.keyboard.type(eigenaar.username)
    page.keyboard.press("Tab")
    page.keyboard.type(WACHTWOORD)
    enter_en_laden(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gesprekken")

    # Prepare. Sending the empty form first: the errors are listed at the top, each a link to its field.
    tab_tot(page, "Nieuw gesprek", rol="a")
    enter_en_laden(page)
    tab_tot(page, "Gesprek aanmaken", rol="button")
    enter_en_laden(page)
    overzicht = actief(page)
    assert (overzicht["id"], overzicht["naam"]) == ("foutoverzicht", "Het formulier is nog niet opgeslagen")
    link = tab_tot(page, re.compile("Organisatie: "), rol="a")
    assert link["in_main"]
    page.keyboard.press("Enter")
    assert actief(page)["id"] == "id_organisatie"
    page.keyboard.type("Zorggroep De Linde")
    tab_tot(page, "Soort organisatie")
    kies(page, "Zorgaanbieder")
    tab_tot(page, "Hoe noemt de organisatie de mensen die zij helpt?")
    kies(page, "cliënten")
    tab_tot(page, "Inspectie")
    kies(page, "Inspectie Gezondheidszorg en Jeugd")
    tab_tot(page, "Aanleiding")
    kies(page, "afsluitend gesprek met bestuurder na bezoek")
    tab_tot(page, "Datum van het gesprek")
    page.keyboard.type("11112026")  # day and month alike: the same in every order a locale puts them in
    assert actief(page)["waarde"] == "2026-11-11"
    tab_tot(page, "Samenwerkingspartner")
    page.keyboard.type("Wijkteam Oost")
    collega = tab_tot(page, "Cas Collega")
    page.keyboard.press("Space")
    assert actief(page)["checked"], collega
    tab_tot(page, "Gesprek aanmaken", rol="button")
    enter_en_laden(page)
    expect(page.get_by_text("Het gesprek is aangemaakt. Stel nu de vragenlijst samen.")).to_be_visible()
    gesprek = Gesprek.objects.get(organisatie__naam="Zorggroep De Linde")
    assert list(gesprek.co_inspecteurs.all()) == [co_inspecteur]

    # Compose: an own question under an element that is not on the agenda yet.
    tab_tot(page, "Bij element")
    kies(page, "Financiering")
    tab_tot(page, "Eigen vraag")
    page.keyboard.type(EIGEN_VRAAG)
    tab_tot(page, "Vraag toevoegen", rol="button")
    enter_en_laden(page)
    expect(page.get_by_text("Uw vraag staat bij Financiering.")).to_be_visible()
    vraag = tab_tot(page, re.compile(rf"(eigen vraag )?{re.escape(EIGEN_VRAAG)}$"), rol="input")
    assert vraag["checked"]
    tab_tot(page, "Vragenlijst opslaan", rol="button")
    enter_en_laden(page)
    expect(page.get_by_text("De vragenlijst is opgeslagen.")).to_be_visible()

    # Note: the save status is announced, focus stays where the inspector types.
    tab_tot(page, "Naar gesprek voeren", rol="a")
    enter_en_laden(page)
    status = page.locator("#opslagstatus")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_attribute("role", "status")
    veld = tab_tot(page, "Aantekening bij criterium 1", rol="textarea")
    page.keyboard.type(AANTEKENING, delay=10)
    expect(status).to_contain_text("Alles opgeslagen om")
    assert actief(page)["id"] == veld["id"]
    tab_tot(page, "Geen", rol="input")
    page.keyboard.press("ArrowRight")  # Niet besproken
    page.keyboard.press("ArrowRight")
    observatie = actief(page)
    assert (observatie["naam"], observatie["checked"]) == ("Sterk punt", True)
    expect(status).to_contain_text("Alles opgeslagen om")
    assert actief(page)["naam"] == "Sterk punt"

    # Round off, back through the menu of elements with Shift+Tab.
    tab_tot(page, "Afronden →", terug=True, rol="a")
    enter_en_laden(page)
    tab_tot(page, "Samenvatting")
    page.keyboard.type("Een open gesprek over de samenwerking met Wijkteam Oost.")
    tab_tot(page, "Wat", rol="textarea")
    page.keyboard.type("Evaluatie delen met de cliëntenraad")
    tab_tot(page, "Wie")
    page.keyboard.type("Mevr. J. de Boer")
    tab_tot(page, "Opslaan en rapport vaststellen", rol="button")
    enter_en_laden(page)
    expect(page.get_by_text("Het rapport is vastgesteld (versie 1).")).to_be_visible()

    # Download.
    tab_tot(page, "Rapport downloaden (PDF)", rol="a")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "rapport-zorggroep-de-linde-2026-11-11.pdf"
    gesprek.refresh_from_db()
    assert gesprek.is_vastgesteld
    aantekening = gesprek.aantekeningen.get(criterium__label="1", criterium__element__volgorde=1)
    assert (aantekening.tekst, aantekening.observatie) == (AANTEKENING, "sterk_punt")


def test_the_skip_link_is_the_first_stop_and_takes_focus_to_the_content(page: Page, vragenbank, eigenaar):
    inloggen(page, eigenaar)
    page.goto("/gesprekken/")

    page.keyboard.press("Tab")
    skiplink = actief(page)
    assert (skiplink["tag"], skiplink["naam"], skiplink["focusring"]) == ("a", "Naar de inhoud", True)
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert actief(page)["id"] == "inhoud"
    page.keyboard.press("Tab")
    assert actief(page)["in_main"]


def test_an_error_in_an_afspraak_links_to_its_field(page: Page, gesprek, eigenaar):
    inloggen(page, eigenaar)
    page.goto(f"/gesprekken/{gesprek.pk}/afronden/")
    tab_tot(page, "Wie")
    page.keyboard.type("Mevr. J. de Boer")
    tab_tot(page, "Opslaan", rol="button")
    enter_en_laden(page)

    assert actief(page)["id"] == "foutoverzicht"
    tab_tot(page, re.compile("Afspraak 1, wat: "), rol="a")
    page.keyboard.press("Enter")
    assert actief(page)["id"] == "id_afspraken-0-wat"
