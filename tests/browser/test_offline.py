"""Issue 21: a gesprek opens and takes notes with no connection at all, in Chromium, with the server process really
stopped (Playwright's offline switch does not cover the service worker's own requests).

The server is a gunicorn of its own (chaos_server.py) that the test stops and starts; the browser a persistent
profile, so that the service worker, its caches and localStorage survive closing the browser, and the session
cookie does not (SESSION_EXPIRE_AT_BROWSER_CLOSE).
"""

import json
import re
import time
from types import SimpleNamespace

import pytest
from django.conf import settings
from django_otp.oath import totp
from playwright.sync_api import BrowserContext, Page, expect

from . import toegankelijkheid as t
from .chaos_server import TOTP_SLEUTEL, ChaosServer, Database
from .conftest import inloggen
from .test_toegankelijkheid import axe_overtredingen

# An instrument beside the criteria, and the ids of the notes the journey types in: three criteria, a field of
# the instrument.
INSTRUMENT = """
import json
from elementen.models import Kader
from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, Gesprek
from tests import instrumentgids

gesprek = Gesprek.objects.get(pk={gesprek})
kader = Kader.objects.get(soort=Kader.Soort.HANDREIKING)
gids = instrumentgids.maak(elementen=kader.elementen.filter(nummer=2))
instrument = services.instrument_toevoegen(
    gesprek=gesprek, wie=Wie(gesprek.eigenaar), instrument=gids["Hoe zit dat bij jou?"]
)
criteria = Aantekening.objects.filter(gesprek=gesprek, criterium__isnull=False).order_by("pk")
veld = Aantekening.objects.filter(veld__instrument=instrument).order_by("pk").first()
print(json.dumps({"criteria": [a.pk for a in criteria[:3]], "instrument": veld.pk}))
"""

# Cas saves criterion `pk` through the same service as the autosave endpoint, while Olga's text waits.
COLLEGA = """
from django.contrib.auth.models import User
from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening

a = Aantekening.objects.get(pk={pk})
cas = Wie(User.objects.get(username="collega"))
services.aantekening_opslaan(aantekening=a, tekst="{tekst}", observatie="", keuze="", versie=a.versie, wie=cas)
"""

# Olga takes Cas off the gesprek.
ZONDER_CAS = """
from gesprekken.models import Gesprek

Gesprek.objects.get(pk={gesprek}).co_inspecteurs.clear()
"""

VOLGORDE = """
import json
from gesprekken.models import Aantekening

print(json.dumps([a.pk for a in Aantekening.objects.filter(pk__in={pks}).order_by("gewijzigd_op")]))
"""


@pytest.fixture
def server(tmp_path):
    database = Database(settings.DATABASES["default"], tmp_path)
    server = ChaosServer(database, tmp_path / "gunicorn.log")
    try:
        server.gesprek = server.voorbereiden()
        uit = server.manage("shell", "-c", INSTRUMENT.replace("{gesprek}", str(server.gesprek)))
        server.notities = json.loads(uit.strip().splitlines()[-1])
        server.start()
        yield server
    finally:
        server.opruimen()
        database.opruimen()


@pytest.fixture
def profiel(browser_type, browser_type_launch_args, browser_context_args, tmp_path):
    """Opens the same browser profile again and again: closing it is closing the browser."""
    open_contexten = []

    def open(server) -> BrowserContext:
        context = browser_type.launch_persistent_context(
            str(tmp_path / "profiel"), **{**browser_type_launch_args, **browser_context_args, "base_url": server.url}
        )
        context.set_default_timeout(15_000)
        open_contexten.append(context)
        return context

    yield open
    for context in open_contexten:
        try:
            context.close()
        except Exception:
            pass


# A code is accepted once: a second login in the same half minute waits for the next one.
GEBRUIKTE_CODES = set()


def inloggen_met_code(page: Page, gebruikersnaam: str) -> None:
    inloggen(page, SimpleNamespace(username=gebruikersnaam))
    while (code := f"{totp(bytes.fromhex(TOTP_SLEUTEL)):06d}") in GEBRUIKTE_CODES:
        time.sleep(1)
    GEBRUIKTE_CODES.add(code)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Doorgaan").click()
    expect(page).to_have_url(re.compile("/gesprekken/"))


def bewaarde_paginas(page: Page) -> list[str]:
    """The pages the service worker keeps for the user of this page."""
    return page.evaluate(
        """async () => {
            const naam = "samenwerking-paginas-" + document.body.dataset.gebruiker;
            if (!(await caches.has(naam))) return [];
            const cache = await caches.open(naam);
            return (await cache.keys()).map((r) => new URL(r.url).pathname).sort();
        }"""
    )


def statische_bestanden(page: Page) -> list[str]:
    return page.evaluate(
        """async () => {
            const cache = await caches.open("samenwerking-statisch");
            return (await cache.keys()).map((r) => new URL(r.url).pathname);
        }"""
    )


def open_en_bewaar(page: Page, server) -> None:
    """Opens the gesprek with a connection and waits until the worker keeps its pages."""
    page.goto(f"/gesprekken/{server.gesprek}/voeren/")
    expect(page.get_by_role("status")).to_have_text("Wat u typt, wordt vanzelf opgeslagen.")
    verwacht = {f"/gesprekken/{server.gesprek}/voeren/", f"/gesprekken/{server.gesprek}/vragenlijst/", "/handreiking/"}
    for _ in range(300):
        if verwacht <= set(bewaarde_paginas(page)):
            return
        page.wait_for_timeout(100)
    assert verwacht <= set(bewaarde_paginas(page))


def veld(page: Page, pk: int):
    return page.locator(f'.aantekening-veld[data-aantekening="{pk}"]')


def tekstvak(page: Page, pk: int):
    return veld(page, pk).get_by_role("textbox")


def test_a_gesprek_opened_once_is_held_offline_through_a_browser_restart_and_all_notes_arrive_in_order(
    server, profiel
):
    criteria, instrument = server.notities["criteria"], server.notities["instrument"]
    volgorde = [criteria[0], criteria[1], instrument, criteria[2]]
    teksten = {pk: f"Offline getypt bij aantekening {pk}." for pk in volgorde}
    context = profiel(server)
    page = context.pages[0] if context.pages else context.new_page()
    inloggen_met_code(page, "eigenaar")
    open_en_bewaar(page, server)

    # The Wi-Fi at the organisation is gone; the laptop reloads the page.
    server.stop()
    page.reload()
    status = page.get_by_role("status")
    expect(status).to_contain_text("Geen verbinding met de server. Zonder verbinding sinds")
    expect(status).to_contain_text("U ziet de versie van deze pagina van")
    for pk in volgorde:
        tekstvak(page, pk).press_sequentially(teksten[pk], delay=2)
        page.wait_for_timeout(300)
    expect(status).to_contain_text("4 aantekeningen wachten veilig in deze browser")
    for pk in volgorde:
        expect(veld(page, pk).locator(".veldstatus")).to_contain_text("wacht op verbinding")

    # The browser closes in the car park and opens again, still without a connection.
    context.close()
    context = profiel(server)
    page = context.new_page()
    page.goto(f"/gesprekken/{server.gesprek}/voeren/")
    for pk in volgorde:
        expect(tekstvak(page, pk)).to_have_value(teksten[pk])
    expect(page.get_by_role("status")).to_contain_text("4 aantekeningen wachten veilig in deze browser")

    # Back at the office: the server answers, Cas changed one of the notes meanwhile, the session is gone.
    server.start()
    server.manage("shell", "-c", COLLEGA.replace("{pk}", str(criteria[1])).replace("{tekst}", "Tekst van Cas."))
    verzonden = []
    page.on("request", lambda r: r.method == "POST" and "/aantekeningen/" in r.url and verzonden.append(r.url))
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    expect(page.get_by_role("status")).to_contain_text("u bent niet meer ingelogd", timeout=20_000)
    assert verzonden == []
    link = page.get_by_role("link", name="Opnieuw inloggen (opent een nieuw tabblad)")
    with page.expect_popup() as nieuw:
        link.click()
    inloggen_met_code(nieuw.value, "eigenaar")
    page.bring_to_front()

    conflict = veld(page, criteria[1]).locator(".conflict")
    expect(conflict).to_contain_text("Cas Collega heeft deze aantekening", timeout=20_000)
    expect(conflict).to_contain_text("Tekst van Cas.")
    expect(tekstvak(page, criteria[1])).to_have_value(teksten[criteria[1]])
    veld(page, criteria[1]).get_by_role("button", name="Beide samenvoegen").click()
    expect(page.get_by_role("status")).to_contain_text("Alles opgeslagen om")
    eerste_keer = list(dict.fromkeys(int(url.rstrip("/").rsplit("/", 1)[-1]) for url in verzonden))
    assert eerste_keer == volgorde

    op_server = server.aantekeningen(server.gesprek)
    for pk in volgorde:
        if pk == criteria[1]:
            assert op_server[pk].replace("\r\n", "\n") == f"Tekst van Cas.\n\n{teksten[pk]}"
        else:
            assert op_server[pk] == teksten[pk]
    opgeslagen = [pk for pk in volgorde if pk != criteria[1]]
    uit = server.manage("shell", "-c", VOLGORDE.replace("{pks}", str(opgeslagen)))
    assert json.loads(uit.strip().splitlines()[-1]) == opgeslagen
    assert page.evaluate("() => localStorage.length") == 0


def test_after_logging_out_the_gesprek_and_its_notes_cannot_be_read_in_the_browser_without_a_connection(
    server, profiel
):
    pk = server.notities["criteria"][0]
    context = profiel(server)
    page = context.pages[0] if context.pages else context.new_page()
    inloggen_met_code(page, "eigenaar")
    open_en_bewaar(page, server)
    server.stop()
    page.reload()
    tekstvak(page, pk).press_sequentially("Vertrouwelijk: de wethouder twijfelt.", delay=2)
    expect(page.get_by_role("status")).to_contain_text("1 aantekening wacht")

    # Logging out warns that the text has not reached the server; the inspector may wait.
    page.get_by_role("button", name="Uitloggen").click()
    waarschuwing = page.get_by_role("alert")
    expect(waarschuwing).to_contain_text("1 aantekening is nog niet op de server opgeslagen")
    waarschuwing.get_by_role("button", name="Wachten tot alles is opgeslagen").click()
    expect(waarschuwing).to_be_hidden()
    assert "samenwerking-paginas-" in " ".join(page.evaluate("() => caches.keys()"))

    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("button", name="Toch uitloggen en de tekst wissen").click()
    page.wait_for_timeout(1000)
    page.goto(f"/gesprekken/{server.gesprek}/voeren/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen verbinding")
    assert "wethouder" not in page.content()
    assert page.evaluate("() => JSON.stringify(localStorage)").find("wethouder") == -1
    assert not [naam for naam in page.evaluate("() => caches.keys()") if naam.startswith("samenwerking-paginas-")]


def test_the_pages_kept_for_offline_use_have_no_axe_findings_without_a_connection(server, profiel):
    context = profiel(server)
    context.add_init_script(path=t.AXE)
    page = context.pages[0] if context.pages else context.new_page()
    inloggen_met_code(page, "eigenaar")
    open_en_bewaar(page, server)
    server.stop()
    gesprek = f"/gesprekken/{server.gesprek}"
    for pad in [f"{gesprek}/voeren/", f"{gesprek}/vragenlijst/", "/handreiking/"]:
        page.goto(pad)
        expect(page.get_by_role("status")).to_contain_text("Zonder verbinding sinds")
        assert axe_overtredingen(page) == [], pad


def test_a_new_worker_version_takes_over_without_losing_kept_gesprekken_or_waiting_notes(server, profiel):
    pk = server.notities["criteria"][0]
    context = profiel(server)
    page = context.pages[0] if context.pages else context.new_page()
    inloggen_met_code(page, "eigenaar")
    open_en_bewaar(page, server)
    server.stop()
    page.reload()
    tekstvak(page, pk).press_sequentially("Getypt onder de oude versie.", delay=2)
    expect(page.get_by_role("status")).to_contain_text("1 aantekening wacht")

    statisch_eerst = statische_bestanden(page)

    # A deploy whose static files have other URLs (here served unhashed, as with DEBUG on), so another worker;
    # the browser visits again while the note still cannot be saved (the hotspot drops its requests).
    context.route("**/aantekeningen/**", lambda route: route.abort("internetdisconnected"))
    server.omgeving["DEBUG"] = "true"
    server.start()
    page.evaluate("async () => { const r = await navigator.serviceWorker.ready; await r.update(); }")
    page.wait_for_function(
        """async () => {
            const r = await navigator.serviceWorker.getRegistration();
            const cache = await caches.open("samenwerking-statisch");
            return r && r.active && !r.installing && !r.waiting && !!(await cache.match("/static/js/autosave.js"));
        }"""
    )
    # The new version's files beside the old ones, which the kept pages still name.
    assert set(statisch_eerst) < set(statische_bestanden(page))
    assert f"/gesprekken/{server.gesprek}/voeren/" in bewaarde_paginas(page)

    # Offline again under the new worker: the gesprek opens, the waiting note is still there and is sent later.
    server.stop()
    context.unroute("**/aantekeningen/**")
    page.reload()
    expect(page.get_by_role("status")).to_contain_text("1 aantekening wacht")
    expect(tekstvak(page, pk)).to_have_value("Getypt onder de oude versie.")
    server.start()
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    expect(page.get_by_role("status")).to_contain_text("Alles opgeslagen om", timeout=20_000)
    assert server.aantekeningen(server.gesprek)[pk] == "Getypt onder de oude versie."


def test_a_gesprek_the_server_no_longer_shows_the_user_is_no_longer_kept_for_them(server, profiel):
    context = profiel(server)
    page = context.pages[0] if context.pages else context.new_page()
    inloggen_met_code(page, "collega")
    open_en_bewaar(page, server)

    server.manage("shell", "-c", ZONDER_CAS.replace("{gesprek}", str(server.gesprek)))
    antwoord = page.goto(f"/gesprekken/{server.gesprek}/voeren/")

    assert antwoord.status == 404
    gesprek = f"/gesprekken/{server.gesprek}/"
    for _ in range(50):
        if not [pad for pad in bewaarde_paginas(page) if pad.startswith(gesprek)]:
            break
        page.wait_for_timeout(100)
    assert [pad for pad in bewaarde_paginas(page) if pad.startswith(gesprek)] == []


def test_another_user_of_the_same_browser_never_gets_the_pages_kept_for_the_first(server, profiel):
    context = profiel(server)
    page = context.pages[0] if context.pages else context.new_page()
    inloggen_met_code(page, "eigenaar")
    open_en_bewaar(page, server)
    tekstvak(page, server.notities["criteria"][0]).press_sequentially("Alleen voor Olga.", delay=2)
    expect(page.get_by_role("status")).to_contain_text("Alles opgeslagen om")

    # Olga closes the browser without logging out; Cas logs in on it, then the connection goes.
    context.close()
    context = profiel(server)
    page = context.new_page()
    inloggen_met_code(page, "collega")
    server.stop()
    page.goto(f"/gesprekken/{server.gesprek}/voeren/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Geen verbinding")
    assert "Alleen voor Olga" not in page.content()


def test_only_the_gesprekken_and_the_aids_pass_through_the_worker(server, profiel):
    """Not the organisation's pages (/deelname/), login, admin or anything else outside its two scopes."""
    context = profiel(server)
    page = context.pages[0] if context.pages else context.new_page()
    inloggen_met_code(page, "eigenaar")
    open_en_bewaar(page, server)
    gecontroleerd = "() => navigator.serviceWorker.controller !== null"

    for pad in ["/gesprekken/", "/handreiking/"]:
        page.goto(pad)
        assert page.evaluate(gecontroleerd), pad
    for pad in ["/toegankelijkheid/", "/admin/login/"]:
        page.goto(pad)
        assert not page.evaluate(gecontroleerd), pad
