"""Issue 6: every page of the app reads without scrolling sideways at 400% zoom and on a tablet held upright.

400% zoom of a 1280 × 1024 screen leaves 320 × 256 CSS pixels (WCAG 1.4.10, reflow); the tablet is 768 × 1024.
The pages are the ones the axe-core test visits (tests/browser/toegankelijkheid.py), minus Django admin. A
screenshot of each goes to test-results/kleine-schermen/, to look at by eye.
"""

import json
from pathlib import Path

import pytest
from django.utils.text import slugify
from playwright.sync_api import Page, expect

from tests.factories import WACHTWOORD

from . import toegankelijkheid as t

SCHERMEN = {
    "zoom-400": {"viewport": {"width": 320, "height": 256}, "device_scale_factor": 4},
    "tablet-staand": {"viewport": {"width": 768, "height": 1024}, "device_scale_factor": 1},
}


def aanmelden(page: Page, gebruiker) -> None:
    page.goto("/inloggen/?next=/handreiking/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker.username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_label("Wachtwoord").press("Enter")
    expect(page).to_have_url("/handreiking/")


def breder_dan_het_scherm(page: Page) -> list[str]:
    """When the page scrolls sideways: the elements that stick out beyond the screen while their parent does not."""
    return page.evaluate(
        """() => {
            const breedte = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= breedte) return [];
            // A wide data table may scroll inside its own box (.table-responsive); WCAG 1.4.10 allows that.
            const inEigenSchuifvak = (e) => {
                for (let ouder = e.parentElement; ouder && ouder !== document.body; ouder = ouder.parentElement) {
                    if (getComputedStyle(ouder).overflowX !== "visible") return true;
                }
                return false;
            };
            const steektUit = (e) => e.getClientRects().length && e.getBoundingClientRect().right > breedte + 1
                && !inEigenSchuifvak(e);
            return [...document.body.querySelectorAll("*")]
                .filter((e) => steektUit(e) && !steektUit(e.parentElement))
                .slice(0, 8)
                .map((e) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}.${[...e.classList].join(".")} `
                    + `(${Math.round(e.getBoundingClientRect().right)}px)`);
        }"""
    )


@pytest.fixture
def bezoeken(vragenbank):
    gegevens = t.gegevens_maken(vragenbank)
    gewoon = [
        b
        for b in t.alle_bezoeken(gegevens)
        if not b.pad.startswith("/admin/") and b.post is None and b.sjabloon_html is None and b.via_link is None
    ]
    return gegevens, gewoon


@pytest.mark.parametrize("scherm", SCHERMEN)
def test_no_page_scrolls_sideways(scherm, bezoeken, browser, browser_context_args, pytestconfig):
    gegevens, bezoeken = bezoeken
    map_ = Path(pytestconfig.getoption("--output")) / "kleine-schermen"
    map_.mkdir(parents=True, exist_ok=True)
    paginas = {}
    for rol, gebruiker in gegevens.gebruikers.items():
        context = browser.new_context(**{**browser_context_args, **SCHERMEN[scherm]})
        paginas[rol] = context.new_page()
        if gebruiker is not None:
            aanmelden(paginas[rol], gebruiker)

    te_breed = {}
    for nummer, bezoek in enumerate(bezoeken):
        page = paginas[bezoek.rol]
        antwoord = page.goto(bezoek.pad)
        assert antwoord.status == bezoek.status, bezoek.titel
        page.screenshot(path=map_ / f"{scherm}-{nummer:02d}-{slugify(bezoek.titel)}.png")
        if uitstekend := breder_dan_het_scherm(page):
            te_breed[f"{bezoek.titel} {bezoek.pad}"] = uitstekend

    for page in paginas.values():
        page.context.close()
    assert len(bezoeken) > 15
    assert not te_breed, json.dumps(te_breed, indent=1, ensure_ascii=False)


def test_the_collapsed_menu_opens_with_the_keyboard_at_400_percent_zoom(
    vragenbank, eigenaar, browser, browser_context_args
):
    context = browser.new_context(**{**browser_context_args, **SCHERMEN["zoom-400"]})
    page = context.new_page()
    aanmelden(page, eigenaar)
    menuknop = page.get_by_role("button", name="Menu tonen")
    expect(page.get_by_role("link", name="Mijn gesprekken")).to_be_hidden()

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the name of the app, a link to the start
    page.keyboard.press("Tab")
    expect(menuknop).to_be_focused()
    page.keyboard.press("Enter")

    expect(menuknop).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Mijn gesprekken")).to_be_focused()
    expect(page.get_by_role("link", name="Mijn gesprekken")).to_be_in_viewport()
    assert not breder_dan_het_scherm(page)
    context.close()
