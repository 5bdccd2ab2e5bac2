"""Issue 6: axe-core finds no WCAG 2.0/2.1 A or AA violation on any page of the app, in Chromium.

The pages come from the URL patterns (tests/browser/toegankelijkheid.py), so a new page is checked too. One
browser, one logged-in context per role. axe-core comes from node_modules (`make test` installs it with npm ci)
as an init script, which the page's Content-Security-Policy does not block: the pages run under the same
policy as in production.
"""

import json
import time

import pytest
from playwright.sync_api import Page, expect

from tests.factories import WACHTWOORD

from . import toegankelijkheid as t

# Violations that Django's own JavaScript puts in the page after it loaded, where neither a template override nor
# static/js/beheer.js reaches: (axe rule, CSS selector of every node) -> why. Each must still occur, so an entry goes
# the moment Django (or the admin configuration) no longer needs it. Empty since beheer.js gives SelectFilter2.js's
# search icons (filter_horizontal, Voorbeeldvraag.criteria) the role their aria-label needs.
BEKEND_IN_DJANGO: dict[tuple[str, str], str] = {}

# Admin pages that show what Django's scripts build after loading (SelectFilter2.js for filter_horizontal), which
# only the browser sees: the wildcards of PAGINAS must keep taking them along.
MET_DJANGOS_SCRIPTS = ["admin:elementen_voorbeeldvraag_add", "admin:elementen_voorbeeldvraag_change"]


def axe_overtredingen(page: Page) -> list[dict]:
    """The WCAG A/AA violations axe-core finds on the page as it is now."""
    return page.evaluate(
        """async (tags) => {
            const resultaat = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return resultaat.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map((n) => n.target.join(" ") + " — " + n.failureSummary.replace(/\\s+/g, " ")),
            }));
        }""",
        t.AXE_TAGS,
    )


def versturen(page: Page, velden: list[tuple[str, str]]):
    """Sends a form with these fields from the page, as its own form would (with the CSRF token)."""
    with page.expect_navigation() as navigatie:
        page.evaluate(
            """(velden) => {
                const form = document.createElement("form");
                form.method = "post";
                form.action = location.pathname + location.search;
                const token = document.cookie.match(/(?:^|;\\s*)csrftoken=([^;]+)/);
                for (const [naam, waarde] of [...velden, ["csrfmiddlewaretoken", token ? token[1] : ""]]) {
                    const veld = document.createElement("input");
                    veld.type = "hidden";
                    veld.name = naam;
                    veld.value = waarde;
                    form.append(veld);
                }
                document.body.append(form);
                form.submit();
            }""",
            velden,
        )
    return navigatie.value


def aanmelden(page: Page, gebruiker) -> None:
    """Logs in through the login form; every role may read the handreiking, so that is where it lands."""
    page.goto("/inloggen/?next=/handreiking/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker.username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url("/handreiking/")


def openen(page: Page, bezoek: t.Bezoek) -> int:
    """Opens the page of a visit; returns the HTTP status it came with."""
    antwoord = page.goto(bezoek.pad)
    if bezoek.post is not None:
        antwoord = versturen(page, bezoek.post)
    if bezoek.via_link:
        antwoord = page.goto(page.locator(f'a[href^="{bezoek.via_link}"]').first.get_attribute("href"))
    return antwoord.status


def _serveer(html: str):
    return lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8")


@pytest.fixture
def paginas(vragenbank, new_context):
    """A page per role, logged in once, that can load axe-core and the error pages no URL gives."""
    gegevens = t.gegevens_maken(vragenbank)
    bezoeken = t.alle_bezoeken(gegevens)
    per_rol = {}
    for rol, gebruiker in gegevens.gebruikers.items():
        context = new_context()
        context.add_init_script(path=t.AXE)
        for bezoek in bezoeken:
            if bezoek.sjabloon_html is not None and bezoek.rol == rol:
                context.route(f"**{bezoek.pad}", _serveer(bezoek.sjabloon_html))
        page = context.new_page()
        if gebruiker is not None:
            aanmelden(page, gebruiker)
        per_rol[rol] = page
    return bezoeken, per_rol


def test_every_url_is_a_page_to_check_or_listed_as_none():
    onbekend = t.onbekende_urls()
    assert not onbekend, f"Zet deze URL's in PAGINAS of GEEN_PAGINA in {t.__name__}: {onbekend}"


def test_the_admin_pages_built_by_djangos_scripts_are_checked():
    niet_bezocht = [naam for naam in MET_DJANGOS_SCRIPTS if t._opzoeken(t.PAGINAS, naam) is None]
    assert not niet_bezocht, f"Deze admin-pagina's controleert axe-core niet meer: {niet_bezocht}"


def test_axe_finds_no_wcag_a_or_aa_violations_on_any_page(paginas, capsys):
    bezoeken, per_rol = paginas
    assert t.AXE.exists(), "axe-core ontbreekt: draai `make test-deps` (npm ci)"
    bevindingen, tijden, bekend_gezien = {}, [], set()
    for bezoek in bezoeken:
        page = per_rol[bezoek.rol]
        begin = time.monotonic()
        status = openen(page, bezoek)
        assert status == bezoek.status, f"{bezoek.titel}: HTTP {status}, verwacht {bezoek.status}"
        overtredingen = []
        for overtreding in axe_overtredingen(page):
            bekend = [
                sleutel
                for sleutel in BEKEND_IN_DJANGO
                if overtreding["id"] == sleutel[0]
                and bezoek.pad.startswith("/admin/")
                and all(sleutel[1] in node for node in overtreding["nodes"])
            ]
            if bekend:
                bekend_gezien.update(bekend)
            else:
                overtredingen.append(overtreding)
        if overtredingen:
            bevindingen[f"{bezoek.titel} {page.url}"] = overtredingen
        tijden.append((time.monotonic() - begin, bezoek.titel))

    with capsys.disabled():
        langzaamst = ", ".join(f"{titel} {duur:.1f}s" for duur, titel in sorted(tijden, reverse=True)[:3])
        print(f"\naxe-core: {len(bezoeken)} pagina's, {sum(d for d, _ in tijden):.0f}s; langzaamst: {langzaamst}")
    assert not bevindingen, json.dumps(bevindingen, indent=1, ensure_ascii=False)
    verdwenen = set(BEKEND_IN_DJANGO) - bekend_gezien
    assert not verdwenen, f"Niet meer gevonden; haal weg uit BEKEND_IN_DJANGO: {verdwenen}"
