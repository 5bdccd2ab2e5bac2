"""Issue 2: an inspector reads the handreiking in the app, as TSD published it."""

import pytest
from playwright.sync_api import Page, expect

from elementen.models import Criterium
from tests import factories

from .conftest import dubbele_ids, inloggen

ELEMENTEN = [
    "Leiderschap en management",
    "Gedeelde visie, gedeeld belang",
    "Evaluatie monitoring en reflectie",
    "Wet-/regelgeving en handreikingen",
    "Financiering",
    "Werkrelaties tussen medewerkers",
    "Regie en coördinatie",
    "Kennis en expertise medewerker",
    "Structuren, processen en planning",
]

KWADRANTEN = [
    ("Intern stimuleren", [1, 2, 3, 4, 5]),
    ("Interne structuur en inrichting", [6, 7, 8, 9, 10]),
    ("Extern stimuleren", [11, 12, 13, 14]),
    ("Externe structuur en inrichting", [15, 16]),
]


@pytest.fixture
def pagina(page: Page, vragenbank) -> Page:
    inloggen(page, factories.inspecteur("lezer", "Lies", "Lezer"))
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Handreiking").click()
    expect(page).to_have_url("/handreiking/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stimulerend toezicht op samenwerking")
    assert dubbele_ids(page) == []
    return page


def test_it_shows_all_nine_elements_by_number_and_name(pagina: Page):
    for nummer, naam in enumerate(ELEMENTEN, start=1):
        expect(pagina.get_by_text(f"Element {nummer}: {naam}")).to_be_visible()
    kern = pagina.get_by_role("heading", level=2).filter(has_text="kernelement")
    expect(kern).to_have_text(
        [
            "Element 2: Gedeelde visie, gedeeld belang kernelement",
            "Element 1: Leiderschap en management kernelement",
            "Element 3: Evaluatie monitoring en reflectie kernelement",
        ]
    )
    overige = pagina.get_by_role("region", name="Overige elementen van samenwerking")
    expect(overige.get_by_role("term")).to_have_count(6)
    expect(overige).to_contain_text("Goede samenwerking kost tijd en daarmee geld.")


def test_it_puts_the_inwonerperspectief_questions_first(pagina: Page):
    perspectief = pagina.get_by_role("region", name="Centraal: het inwonerperspectief")
    expect(perspectief).to_contain_text("Het centrale vertrekpunt van de samenwerking is het inwonerperspectief.")
    expect(perspectief.get_by_role("listitem")).to_have_text(
        [
            "Wat merkt de inwoner er in de zorg of ondersteuning van dat u samenwerkt met organisatie D.?",
            "In hoeverre betreft u medezeggenschap of belangenorganisaties bij het opstellen van "
            "(het gezamenlijk) beleid?",
            "In hoeverre betreft u inwoners bij het evalueren van uw samenwerkingsafspraken?",
        ]
    )
    # It comes before the first element, so it is read first.
    eerste_region = pagina.get_by_role("main").get_by_role("region").first
    expect(eerste_region).to_have_attribute("id", "inwonerperspectief")


def test_it_groups_the_criteria_of_leiderschap_by_kwadrant(pagina: Page):
    leiderschap = pagina.get_by_role("region", name="Element 1: Leiderschap en management")
    expect(leiderschap.get_by_role("heading", level=4)).to_have_text([naam for naam, _ in KWADRANTEN])
    for naam, nummers in KWADRANTEN:
        criteria = leiderschap.get_by_role("heading", level=4, name=naam).locator("xpath=following-sibling::ol[1]/li")
        teksten = [
            Criterium.objects.get(element__kader__soort="handreiking", element__nummer=1, nummer=n).tekst
            for n in nummers
        ]
        expect(criteria).to_have_text(teksten)
        assert criteria.evaluate_all("items => items.map(li => li.value)") == nummers
    intern = leiderschap.get_by_role("heading", level=4, name="Interne structuur en inrichting")
    expect(intern.locator("xpath=following-sibling::ol[1]")).to_contain_text(
        "De bestuurder zorgt dat in P-gesprekken aandacht is voor samenwerken."
    )
