"""Issue 4: faults the notes must survive, in Chromium: drops, a closed tab or crashed browser, a lost session,
and two inspectors at once in different criteria. The chaos journey (test_chaos.py) mixes them with restarts."""

import re

from playwright.sync_api import BrowserContext, Page, Request, expect

from tests.factories import WACHTWOORD

from .conftest import inloggen
from .test_inspecteur_journey import (
    GEDEELDE_VISIE,
    LEIDERSCHAP,
    NA_HERSTEL_MS,
    aantekening,
    aantekeningveld,
    open_voeren,
    opslagstatus,
    tekst_op_server,
    tekstvak,
    veldstatus,
    wacht_op_server,
)

AUTOSAVE = "**/aantekeningen/**"
GEEN_VERBINDING = "Niet opgeslagen: geen verbinding met de server."
SERVERFOUT = "Niet opgeslagen: de server geeft een fout."
NIET_INGELOGD = "Niet opgeslagen: u bent niet meer ingelogd."
TERUGGEZET = "Niet-opgeslagen tekst van dit apparaat is teruggezet."
FOUT = re.compile(r"\bfout\b")
WACHT_OP_VERBINDING = "Niet opgeslagen – wacht op verbinding."
LOG_OPNIEUW_IN = re.compile("log opnieuw in", re.I)


def formveld(request: Request, naam: str) -> str:
    """A field of a save request (multipart, as FormData sends it), with the line breaks as typed."""
    deel = re.search(rf'name="{naam}"\r\n\r\n(.*?)\r\n--', request.post_data or "", re.S)
    return deel.group(1).replace("\r\n", "\n")


def verstuurde_tekst(request: Request) -> str:
    return formveld(request, "tekst")


def wacht_tot(page: Page, voorwaarde, timeout_ms=10_000) -> None:
    """Lets Playwright deliver its events (requests, routes) until the condition holds."""
    for _ in range(timeout_ms // 100):
        if voorwaarde():
            return
        page.wait_for_timeout(100)
    assert voorwaarde()


def verbinding_weg(onderweg: list):
    """A route handler: saves go out but never reach the server. Collects their requests in `onderweg`."""

    def afbreken(route):
        onderweg.append(route.request)
        route.abort("internetdisconnected")

    return afbreken


def in_volgorde(teksten: list[str], eind: str) -> bool:
    """Typing only adds to the end here, so saves sent in order each hold a prefix of the next."""
    return all(eind.startswith(tekst) for tekst in teksten) and teksten == sorted(teksten, key=len)


def test_text_typed_through_repeated_drops_is_sent_in_order_when_the_connection_returns(
    page: Page, context: BrowserContext, gesprek, eigenaar
):
    inloggen(page, eigenaar)
    open_voeren(page, gesprek)
    criteria = {"4": [], "5": []}
    velden = {criterium: aantekeningveld(page, LEIDERSCHAP, criterium) for criterium in criteria}
    ids = {str(aantekening(gesprek, LEIDERSCHAP, criterium).pk): criterium for criterium in criteria}
    opgeslagen = {criterium: [] for criterium in criteria}

    def bij_antwoord(response):
        if "/aantekeningen/" in response.url and response.status == 200:
            criterium = ids[response.url.rstrip("/").rsplit("/", 1)[-1]]
            opgeslagen[criterium].append(verstuurde_tekst(response.request))

    def bij_verzoek(request):
        if "/aantekeningen/" in request.url:
            criteria[ids[request.url.rstrip("/").rsplit("/", 1)[-1]]].append(verstuurde_tekst(request))

    page.on("request", bij_verzoek)
    page.on("response", bij_antwoord)

    def typ(criterium, tekst):
        tekstvak(velden[criterium]).press_sequentially(tekst, delay=5)

    typ("4", "Bestuurder noemt de regiotafel")
    typ("5", "Planning gaat samen")
    for veld in velden.values():
        expect(veldstatus(veld)).to_contain_text("Opgeslagen om")

    # The Wi-Fi drops, comes back, and drops again, for seconds at a time, while the inspector types on.
    voor_de_storing = "Bestuurder noemt de regiotafel"
    for ronde in range(3):
        context.set_offline(True)
        typ("4", f" (deel {ronde})")
        typ("5", f", stap {ronde}")
        expect(opslagstatus(page)).to_contain_text(GEEN_VERBINDING)
        expect(opslagstatus(page)).to_have_class(FOUT)
        expect(veldstatus(velden["4"])).to_have_text(WACHT_OP_VERBINDING)
        page.wait_for_timeout(1500 * ronde)
        assert tekst_op_server(gesprek, LEIDERSCHAP, "4") == voor_de_storing
        context.set_offline(False)
        if ronde < 2:
            expect(opslagstatus(page)).to_contain_text("Alles opgeslagen om", timeout=NA_HERSTEL_MS)
            expect(opslagstatus(page)).not_to_have_class(FOUT)
            voor_de_storing = tekstvak(velden["4"]).input_value()

    # Back online, but the gateway times out: typed text waits in the browser, and the page says why.
    page.route(AUTOSAVE, lambda route: route.fulfill(status=504, body="Gateway Timeout"))
    typ("4", " als plek voor afstemming.")
    typ("5", ", ook in de zomer.")
    expect(opslagstatus(page)).to_contain_text(SERVERFOUT)
    expect(veldstatus(velden["4"])).to_have_text("Niet opgeslagen – we proberen het opnieuw.")
    page.wait_for_timeout(2000)
    stand_tijdens_storing = tekst_op_server(gesprek, LEIDERSCHAP, "4")
    assert not stand_tijdens_storing.endswith("afstemming.")

    page.unroute(AUTOSAVE)
    eind = {
        "4": "Bestuurder noemt de regiotafel (deel 0) (deel 1) (deel 2) als plek voor afstemming.",
        "5": "Planning gaat samen, stap 0, stap 1, stap 2, ook in de zomer.",
    }
    for criterium, veld in velden.items():
        expect(veldstatus(veld)).to_contain_text("Opgeslagen om", timeout=NA_HERSTEL_MS)
        wacht_op_server(lambda c=criterium: tekst_op_server(gesprek, LEIDERSCHAP, c), eind[criterium])
    expect(opslagstatus(page)).to_contain_text("Alles opgeslagen om")
    expect(opslagstatus(page)).not_to_have_class(FOUT)
    assert page.evaluate("() => localStorage.length") == 0
    for criterium, verstuurd in criteria.items():
        assert in_volgorde(verstuurd, eind[criterium]), verstuurd
        assert in_volgorde(opgeslagen[criterium], eind[criterium]), opgeslagen[criterium]
        assert opgeslagen[criterium][-1] == eind[criterium]


def test_a_save_waits_for_the_answer_before_it_so_an_older_text_never_lands_last(page: Page, gesprek, eigenaar):
    inloggen(page, eigenaar)
    open_voeren(page, gesprek)
    verstuurd = []
    page.on("request", lambda request: verstuurd.append(request) if "/aantekeningen/" in request.url else None)
    vastgehouden = []

    def houd_de_eerste_vast(route):
        if vastgehouden:
            route.continue_()
        else:
            vastgehouden.append(route)

    page.route(AUTOSAVE, houd_de_eerste_vast)
    veld = aantekeningveld(page, LEIDERSCHAP, "9")

    tekstvak(veld).press_sequentially("Eerste indruk", delay=5)
    wacht_tot(page, lambda: len(vastgehouden) == 1)
    oud = vastgehouden[0].request
    # The answer to the first save is slow to come; the inspector types on well past the wait before a save.
    tekstvak(veld).press_sequentially(": de bestuurder kent de wijkteams bij naam.", delay=5)
    page.wait_for_timeout(2000)
    assert len(verstuurd) == 1

    vastgehouden[0].continue_()
    nieuwst = "Eerste indruk: de bestuurder kent de wijkteams bij naam."
    expect(veldstatus(veld)).to_contain_text("Opgeslagen om")
    wacht_op_server(lambda: tekst_op_server(gesprek, LEIDERSCHAP, "9"), nieuwst)
    assert aantekening(gesprek, LEIDERSCHAP, "9").versie == int(formveld(oud, "versie")) + 2

    # The first request once more, late (a proxy that retries it): its old version is refused.
    laat = page.request.post(
        oud.url,
        multipart={"tekst": "Eerste indruk", "observatie": "", "versie": formveld(oud, "versie")},
        headers={"X-CSRFToken": csrf_token(page), "Accept": "application/json"},
    )
    assert laat.status == 409
    assert laat.json()["server"]["tekst"] == nieuwst
    assert tekst_op_server(gesprek, LEIDERSCHAP, "9") == nieuwst


def test_a_stored_save_whose_answer_was_lost_is_not_shown_as_a_colleagues_change(page: Page, gesprek, eigenaar):
    inloggen(page, eigenaar)
    open_voeren(page, gesprek)
    kwijt = []

    def antwoord_kwijt(route):
        # The first save is stored (a worker killed after its commit, a proxy that drops the answer).
        if kwijt:
            route.continue_()
            return
        kwijt.append(route.fetch())
        route.fulfill(status=502, body="Bad Gateway")

    page.route(AUTOSAVE, antwoord_kwijt)
    veld = aantekeningveld(page, LEIDERSCHAP, "14")
    tekstvak(veld).press_sequentially("De wethouder", delay=5)
    wacht_tot(page, lambda: kwijt)
    wacht_op_server(lambda: tekst_op_server(gesprek, LEIDERSCHAP, "14"), "De wethouder")
    # Typed on before the retry: the next save carries the version from before the stored one.
    tekstvak(veld).press_sequentially(" schuift aan bij het overleg.", delay=5)

    expect(veldstatus(veld)).to_contain_text("Opgeslagen om", timeout=NA_HERSTEL_MS)
    expect(veld.locator(".conflict")).to_be_hidden()
    expect(opslagstatus(page)).to_contain_text("Alles opgeslagen om")
    wacht_op_server(lambda: tekst_op_server(gesprek, LEIDERSCHAP, "14"), "De wethouder schuift aan bij het overleg.")


def test_a_page_that_is_not_the_servers_answer_is_not_taken_for_a_save(page: Page, gesprek, eigenaar):
    inloggen(page, eigenaar)
    open_voeren(page, gesprek)
    # A hotel Wi-Fi's login page, answered in the server's place.
    page.route(AUTOSAVE, lambda route: route.fulfill(status=200, content_type="text/html", body="<h1>Welkom</h1>"))
    veld = aantekeningveld(page, LEIDERSCHAP, "15")
    tekst = "Signalen worden in het wijkteam besproken."
    tekstvak(veld).press_sequentially(tekst, delay=5)
    expect(veldstatus(veld)).to_have_text("Niet opgeslagen – we proberen het opnieuw.")
    expect(opslagstatus(page)).to_contain_text(SERVERFOUT)
    assert page.evaluate("() => localStorage.length") == 1

    page.unroute(AUTOSAVE)
    expect(veldstatus(veld)).to_contain_text("Opgeslagen om", timeout=NA_HERSTEL_MS)
    wacht_op_server(lambda: tekst_op_server(gesprek, LEIDERSCHAP, "15"), tekst)


def csrf_token(page: Page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")


def test_text_in_a_tab_closed_before_its_save_went_out_is_offered_back_and_saved(
    context: BrowserContext, gesprek, eigenaar
):
    page = context.new_page()
    inloggen(page, eigenaar)
    open_voeren(page, gesprek)
    onderweg = []
    # The saves go out, but never reach the server.
    page.route(AUTOSAVE, verbinding_weg(onderweg))
    in_de_lucht = "De bestuurder wil het casusoverleg uitbreiden naar het onderwijs."
    tekstvak(aantekeningveld(page, LEIDERSCHAP, "10")).press_sequentially(in_de_lucht, delay=5)
    wacht_tot(page, lambda: len(onderweg) >= 1)
    # The other is closed within the wait before a save: no request at all.
    nog_niet_verstuurd = "Cliëntenraad is betrokken bij de evaluatie."
    tekstvak(aantekeningveld(page, GEDEELDE_VISIE, "3")).fill(nog_niet_verstuurd)
    page.close()
    assert aantekening(gesprek, LEIDERSCHAP, "10").tekst == ""
    assert aantekening(gesprek, GEDEELDE_VISIE, "3").tekst == ""

    nieuw = context.new_page()
    # Still no connection at first, so the page shows what it restored before it can save it.
    nieuw.route(AUTOSAVE, verbinding_weg([]))
    nieuw.goto(f"/gesprekken/{gesprek.pk}/voeren/")
    teksten = [(LEIDERSCHAP, "10", in_de_lucht), (GEDEELDE_VISIE, "3", nog_niet_verstuurd)]
    for element, criterium, tekst in teksten:
        veld = aantekeningveld(nieuw, element, criterium)
        expect(tekstvak(veld)).to_have_value(tekst)
        expect(veldstatus(veld)).to_have_text(f"{TERUGGEZET} {WACHT_OP_VERBINDING}")
    nieuw.unroute(AUTOSAVE)
    for element, criterium, tekst in teksten:
        expect(veldstatus(aantekeningveld(nieuw, element, criterium))).to_contain_text(
            "Opgeslagen om", timeout=NA_HERSTEL_MS
        )
        wacht_op_server(lambda e=element, c=criterium: tekst_op_server(gesprek, e, c), tekst)
    expect(opslagstatus(nieuw)).to_contain_text("Alles opgeslagen om")
    assert nieuw.evaluate("() => localStorage.length") == 0


def test_text_survives_a_crashed_browser_and_is_saved_after_logging_in_again(new_context, gesprek, eigenaar):
    context = new_context()
    page = context.new_page()
    inloggen(page, eigenaar)
    open_voeren(page, gesprek)
    onderweg = []
    page.route(AUTOSAVE, verbinding_weg(onderweg))
    tekst = "Gezamenlijke scholing staat in de begroting van volgend jaar."
    tekstvak(aantekeningveld(page, LEIDERSCHAP, "12")).press_sequentially(tekst, delay=5)
    wacht_tot(page, lambda: len(onderweg) >= 1)
    # What the browser keeps on disk when it crashes: local storage, but not the session cookie.
    schijf = context.storage_state()
    context.close()

    herstart = new_context(storage_state={"cookies": [], "origins": schijf["origins"]})
    page = herstart.new_page()
    page.goto(f"/gesprekken/{gesprek.pk}/voeren/")
    expect(page).to_have_url(re.compile("/inloggen/"))
    inloggen(page, eigenaar)
    page.route(AUTOSAVE, verbinding_weg([]))
    page.goto(f"/gesprekken/{gesprek.pk}/voeren/")
    veld = aantekeningveld(page, LEIDERSCHAP, "12")
    expect(tekstvak(veld)).to_have_value(tekst)
    expect(veldstatus(veld)).to_have_text(f"{TERUGGEZET} {WACHT_OP_VERBINDING}")
    page.unroute(AUTOSAVE)
    expect(veldstatus(veld)).to_contain_text("Opgeslagen om", timeout=NA_HERSTEL_MS)
    wacht_op_server(lambda: tekst_op_server(gesprek, LEIDERSCHAP, "12"), tekst)


def test_after_logging_out_in_another_tab_the_text_waits_and_is_saved_once_logged_in_again(
    page: Page, context: BrowserContext, gesprek, eigenaar
):
    inloggen(page, eigenaar)
    open_voeren(page, gesprek)
    ander = context.new_page()
    ander.goto("/gesprekken/")
    ander.get_by_role("button", name="Uitloggen").click()
    expect(ander).to_have_url(re.compile("/inloggen/"))

    page.bring_to_front()
    tekst = "De bestuurder evalueert ieder kwartaal met de gemeente."
    veld = aantekeningveld(page, LEIDERSCHAP, "13")
    tekstvak(veld).press_sequentially(tekst, delay=5)
    expect(opslagstatus(page)).to_contain_text(NIET_INGELOGD)
    expect(opslagstatus(page)).to_have_class(FOUT)
    expect(veldstatus(veld)).to_contain_text(LOG_OPNIEUW_IN)
    assert aantekening(gesprek, LEIDERSCHAP, "13").tekst == ""

    inloggen(ander, eigenaar)
    page.bring_to_front()
    expect(veldstatus(veld)).to_contain_text("Opgeslagen om", timeout=NA_HERSTEL_MS)
    expect(opslagstatus(page)).to_contain_text("Alles opgeslagen om")
    expect(opslagstatus(page)).not_to_have_class(FOUT)
    wacht_op_server(lambda: tekst_op_server(gesprek, LEIDERSCHAP, "13"), tekst)


def test_after_the_session_cookie_is_lost_the_text_waits_and_is_saved_once_logged_in_again(
    page: Page, context: BrowserContext, gesprek, eigenaar
):
    inloggen(page, eigenaar)
    open_voeren(page, gesprek)
    context.clear_cookies()

    tekst = "Medewerkers kennen elkaar van de wijktafel."
    veld = aantekeningveld(page, GEDEELDE_VISIE, "4")
    tekstvak(veld).press_sequentially(tekst, delay=5)
    expect(opslagstatus(page)).to_contain_text(NIET_INGELOGD)
    expect(opslagstatus(page)).to_have_class(FOUT)
    expect(veldstatus(veld)).to_have_text("Niet opgeslagen – log opnieuw in.")
    assert aantekening(gesprek, GEDEELDE_VISIE, "4").tekst == ""

    # The page offers the way back in, in a new tab, so the text on this one stays where it is.
    link = page.get_by_role("link", name="Opnieuw inloggen (opent een nieuw tabblad)")
    with page.expect_popup() as nieuw:
        link.click()
    inlogtab = nieuw.value
    inlogtab.get_by_label("Gebruikersnaam").fill(eigenaar.username)
    inlogtab.get_by_label("Wachtwoord").fill(WACHTWOORD)
    inlogtab.get_by_role("button", name="Inloggen").click()
    expect(inlogtab.get_by_role("button", name="Uitloggen")).to_be_visible()
    page.bring_to_front()
    expect(veldstatus(veld)).to_contain_text("Opgeslagen om", timeout=NA_HERSTEL_MS)
    expect(opslagstatus(page)).to_contain_text("Alles opgeslagen om")
    expect(link).to_be_hidden()
    wacht_op_server(lambda: tekst_op_server(gesprek, GEDEELDE_VISIE, "4"), tekst)


def test_two_inspectors_typing_at_once_in_different_criteria_never_conflict(
    new_context, gesprek, eigenaar, co_inspecteur
):
    olga = new_context().new_page()
    cas = new_context().new_page()
    inloggen(olga, eigenaar)
    inloggen(cas, co_inspecteur)
    open_voeren(olga, gesprek)
    open_voeren(cas, gesprek)

    van_olga = ["Olga: de bestuurder ", "stuurt op ", "gezamenlijke doelen."]
    van_cas = ["Cas: de teamleider ", "belt het wijkteam ", "zelf op."]
    veld_olga = aantekeningveld(olga, LEIDERSCHAP, "7")
    veld_cas = aantekeningveld(cas, LEIDERSCHAP, "8")
    # Turn by turn, each pausing long enough for a save to go out between the other's keystrokes.
    for deel_olga, deel_cas in zip(van_olga, van_cas, strict=True):
        tekstvak(veld_olga).press_sequentially(deel_olga, delay=5)
        tekstvak(veld_cas).press_sequentially(deel_cas, delay=5)
        olga.wait_for_timeout(400)

    for page, veld in [(olga, veld_olga), (cas, veld_cas)]:
        expect(veldstatus(veld)).to_contain_text("Opgeslagen om")
        expect(opslagstatus(page)).to_contain_text("Alles opgeslagen om")
        expect(page.locator(".conflict:visible")).to_have_count(0)
    wacht_op_server(lambda: tekst_op_server(gesprek, LEIDERSCHAP, "7"), "".join(van_olga))
    wacht_op_server(lambda: tekst_op_server(gesprek, LEIDERSCHAP, "8"), "".join(van_cas))

    olga.reload()
    expect(tekstvak(aantekeningveld(olga, LEIDERSCHAP, "8"))).to_have_value("".join(van_cas))


def test_two_inspectors_writing_the_summary_at_once_lose_neither_text(new_context, gesprek, eigenaar, co_inspecteur):
    olga = new_context().new_page()
    cas = new_context().new_page()
    inloggen(olga, eigenaar)
    inloggen(cas, co_inspecteur)
    for page in (olga, cas):
        page.goto(f"/gesprekken/{gesprek.pk}/afronden/")
    cas.get_by_label("Samenvatting", exact=True).fill("Cas: de visie is gedeeld.")
    cas.get_by_role("button", name="Opslaan", exact=True).click()
    expect(cas.get_by_text("De afronding is opgeslagen.")).to_be_visible()

    olga.get_by_label("Samenvatting", exact=True).fill("Olga: een open gesprek.")
    olga.get_by_role("button", name="Opslaan", exact=True).click()

    expect(olga.get_by_role("heading", name="Wat een collega intussen opsloeg")).to_be_visible()
    expect(olga.locator("blockquote")).to_have_text("Cas: de visie is gedeeld.")
    samenvatting = olga.get_by_label("Samenvatting", exact=True)
    expect(samenvatting).to_have_value("Olga: een open gesprek.")
    samenvatting.fill("Olga: een open gesprek.\nCas: de visie is gedeeld.")
    olga.get_by_role("button", name="Opslaan", exact=True).click()
    expect(olga.get_by_text("De afronding is opgeslagen.")).to_be_visible()
    expect(olga.get_by_label("Samenvatting", exact=True)).to_have_value(
        "Olga: een open gesprek.\nCas: de visie is gedeeld."
    )
