"""Two gunicorn nodes behind one nginx, sharing PostgreSQL: a node dies while an inspector types, and later
comes back. Every save the app acknowledged is stored, the session holds on whichever node answers, and both
nodes show the same handreiking and overview (their caches are keyed on the database, not told).
"""

import json
import re
import time

import pytest
from django.conf import settings

from tests.browser.chaos_server import Database
from tests.factories import WACHTWOORD

from .achter_nginx import NGINX, Klant, Nginx, Node, in_de_database, productie_omgeving, voorbereiden

pytestmark = [
    pytest.mark.skipif(not NGINX.exists(), reason="nginx ontbreekt (make test-system-packages)"),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="twee nodes delen PostgreSQL (make pytest-postgres)",
    ),
]

AANTEKENINGEN = """
import json
from gesprekken.models import Aantekening

print(json.dumps({a.pk: a.tekst for a in Aantekening.objects.filter(gesprek_id={gesprek})}))
"""

# When to kill and restart which node, by the number of the save about to be sent.
DODEN_A, TERUG_A, DODEN_B = 8, 16, 24
AANTAL = 32


@pytest.fixture(scope="module")
def opstelling(tmp_path_factory):
    map = tmp_path_factory.mktemp("twee_nodes")
    database = Database(settings.DATABASES["default"], map)
    omgeving = productie_omgeving(database.url)
    nodes = [Node(omgeving, map / "a.log"), Node(omgeving, map / "b.log")]
    nginx = None
    try:
        gesprek = voorbereiden(omgeving)
        for node in nodes:
            node.start()
        nginx = Nginx(map, nodes)
        nginx.start()
        yield omgeving, gesprek, nodes, nginx
    finally:
        if nginx is not None:
            nginx.stoppen()
        for node in nodes:
            node.stoppen()
        database.opruimen()


def _opslaan(klant, gesprek, aantekening, tekst, versie):
    """Saves as static/js/autosave.js does: again a second after a failed attempt (nginx tries a node it saw
    fail again after fail_timeout); a 409 whose text is ours was our own save, answered too late."""
    pad = f"/gesprekken/{gesprek}/aantekeningen/{aantekening}/"
    for poging in range(15):
        time.sleep(min(poging, 1))
        try:
            antwoord = klant.verzoek("POST", pad, {"tekst": tekst, "observatie": "", "keuze": "", "versie": versie})
        except OSError:
            continue
        if antwoord.status == 200:
            return json.loads(antwoord.inhoud)["versie"]
        if antwoord.status == 409 and json.loads(antwoord.inhoud)["server"]["tekst"] == tekst:
            return json.loads(antwoord.inhoud)["server"]["versie"]
        assert antwoord.status in (502, 503, 504), (antwoord.status, antwoord.tekst[:300])
    raise AssertionError(f"aantekening {aantekening} niet opgeslagen")


def _opgeslagen_door(node):
    """How many saves this node acknowledged, per run of it."""
    runs = []
    for regel in map(json.loads, node.log.read_text().splitlines()):
        if regel["message"].startswith("Starting gunicorn"):
            runs.append(0)
        elif regel["logger"] == "gunicorn.access" and regel["method"] == "POST" and regel["status_code"] == "200":
            runs[-1] += "/aantekeningen/" in regel["path"]
    return runs


def _zonder_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_node_dies_and_returns_while_an_inspector_types_and_nothing_is_lost(opstelling):
    omgeving, gesprek, (a, b), nginx = opstelling
    olga = Klant(nginx.https, tls=nginx.tls())
    assert olga.inloggen("eigenaar", WACHTWOORD, totp=gesprek["totp"]).status == 302

    bevestigd, versies = {}, {}
    for stap in range(AANTAL):
        if stap == DODEN_A:
            a.doden()
        if stap == TERUG_A:
            a.start()
        if stap == DODEN_B:
            b.doden()  # from here on only the restarted node answers, with the session made before
        aantekening = gesprek["aantekeningen"][stap % len(gesprek["aantekeningen"])]
        tekst = f"Stap {stap}: afspraken over de overdracht, {stap * 7} woorden"
        versies[aantekening] = _opslaan(olga, gesprek["gesprek"], aantekening, tekst, versies.get(aantekening, 0))
        bevestigd[aantekening] = tekst

    opgeslagen = in_de_database(omgeving, AANTEKENINGEN.replace("{gesprek}", str(gesprek["gesprek"])))
    assert {int(pk): tekst for pk, tekst in opgeslagen.items() if int(pk) in bevestigd} == bevestigd
    eerste_a, tweede_a = _opgeslagen_door(a)
    assert eerste_a and _opgeslagen_door(b)[0]  # nginx spread the saves over both
    assert tweede_a >= AANTAL - DODEN_B  # after B died, the restarted A took the session over

    b.start()
    for pad in ("/handreiking/", "/gesprekken/overzicht/"):
        paginas = []
        for node in (a, b):
            rechtstreeks = Klant(node.poort, bron="127.0.0.1", headers={"X-Forwarded-Proto": "https"})
            rechtstreeks.cookies = dict(olga.cookies)
            antwoord = rechtstreeks.verzoek("GET", pad)
            assert antwoord.status == 200, (pad, antwoord.status, antwoord.headers.get("Location"))
            paginas.append(_zonder_tokens(antwoord.tekst))
        assert paginas[0] == paginas[1], pad
