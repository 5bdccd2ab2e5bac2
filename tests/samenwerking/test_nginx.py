"""Behind Debian's nginx with TLS, as deploy/nginx-samenwerking.conf describes it, with LOG_FORMAT=json.

One journey over https (log in, save a note through the autosave endpoint, a failed login from elsewhere, a
spoofed X-Forwarded-For), then what it left: cookies, headers, the audit log's addresses, the log lines.
"""

import json

import pytest
from django.conf import settings

from tests.browser.chaos_server import Database
from tests.factories import WACHTWOORD

from .achter_nginx import NGINX, Klant, Nginx, Node, in_de_database, productie_omgeving, voorbereiden

pytestmark = pytest.mark.skipif(not NGINX.exists(), reason="nginx ontbreekt (make test-system-packages)")

NOTITIE = "Geheime notitie: de wethouder twijfelt aan het wijkteam"
FOUT_WACHTWOORD = "niet-het-wachtwoord-maar-bijna"
VERVALST = "203.0.113.9"

ADRESSEN = """
import json
from axes.models import AccessAttempt
from gesprekken.models import Gebeurtenis

print(json.dumps({
    "gebeurtenissen": list(Gebeurtenis.objects.values_list("actie", "ip")),
    "axes": sorted(AccessAttempt.objects.values_list("username", "ip_address")),
}))
"""


@pytest.fixture(scope="module")
def reis(tmp_path_factory):
    map = tmp_path_factory.mktemp("nginx")
    database = Database(settings.DATABASES["default"], map)
    omgeving = productie_omgeving(database.url)
    node = Node(omgeving, map / "gunicorn.log")
    nginx = None
    try:
        gesprek = voorbereiden(omgeving)
        node.start()
        nginx = Nginx(map, [node])
        nginx.start()

        olga = Klant(nginx.https, tls=nginx.tls())
        inlogpagina = olga.verzoek("GET", "/inloggen/")
        ingelogd = olga.inloggen("eigenaar", WACHTWOORD, totp=gesprek["totp"])
        start = olga.verzoek("GET", ingelogd.headers["Location"])
        aantekening = gesprek["aantekeningen"][0]
        pad = f"/gesprekken/{gesprek['gesprek']}/aantekeningen/{aantekening}/"
        opgeslagen = olga.verzoek("POST", pad, {"tekst": NOTITIE, "observatie": "", "keuze": "", "versie": 0})

        raden = Klant(nginx.https, tls=nginx.tls(), bron="127.0.0.3")
        mislukt = raden.inloggen("eigenaar", FOUT_WACHTWOORD, headers={"X-Forwarded-For": VERVALST})
        # Straight to gunicorn, past nginx, claiming to be someone else.
        omweg = Klant(
            node.poort, bron="127.0.0.4", headers={"X-Forwarded-For": VERVALST, "X-Forwarded-Proto": "https"}
        )
        omweg_mislukt = omweg.inloggen("eigenaar", FOUT_WACHTWOORD)

        yield {
            "nginx": nginx,
            "node": node,
            "olga": olga,
            "inlogpagina": inlogpagina,
            "ingelogd": ingelogd,
            "start": start,
            "opgeslagen": opgeslagen,
            "mislukt": mislukt,
            "omweg_mislukt": omweg_mislukt,
            "adressen": in_de_database(omgeving, ADRESSEN),
        }
    finally:
        if nginx is not None:
            nginx.stoppen()
        node.stoppen()
        database.opruimen()


def _logregels(reis):
    return [json.loads(regel) for regel in reis["node"].log.read_text().splitlines() if regel.strip()]


def test_nginx_sends_plain_http_to_https(reis):
    antwoord = Klant(reis["nginx"].http).verzoek("GET", "/inloggen/?volgende=1")

    assert antwoord.status == 301
    assert antwoord.headers["Location"] == "https://127.0.0.1/inloggen/?volgende=1"


def test_the_login_journey_works_over_https_with_secure_cookies_and_hsts(reis):
    assert reis["inlogpagina"].status == 200
    assert reis["inlogpagina"].headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert reis["ingelogd"].status == 302 and reis["start"].status == 302
    assert reis["opgeslagen"].status == 200, reis["opgeslagen"].headers.get("Location")
    assert json.loads(reis["opgeslagen"].inhoud)["tekst"] == NOTITIE
    cookies = {waarde.split("=")[0]: waarde for waarde in reis["olga"].set_cookie}
    assert "; Secure" in cookies["sessionid"] and "; HttpOnly" in cookies["sessionid"]
    assert "; Secure" in cookies["csrftoken"]


def test_every_response_carries_nginx_request_id(reis):
    ids = [reis[stap].headers["X-Request-ID"] for stap in ("inlogpagina", "ingelogd", "opgeslagen")]

    assert all(len(verzoek_id) == 32 for verzoek_id in ids) and len(set(ids)) == 3
    assert ids[0] in reis["nginx"].toegangslog.read_text()


def test_the_audit_log_has_the_clients_real_address_not_nginx_nor_a_spoofed_one(reis):
    gebeurtenissen = reis["adressen"]["gebeurtenissen"]
    assert ["gewijzigd", "127.0.0.2"] in gebeurtenissen
    assert not [ip for _, ip in gebeurtenissen if ip in ("127.0.0.1", VERVALST)]

    toegang = [regel for regel in _logregels(reis) if regel.get("actie") == "inloggen"]
    assert [(r["actie"], r["resultaat"], r["ip"]) for r in toegang] == [
        ("inloggen", "gelukt", "127.0.0.2"),
        ("inloggen", "mislukt", "127.0.0.3"),
        ("inloggen", "mislukt", "127.0.0.4"),
    ]


def test_axes_counts_failures_against_the_same_real_address(reis):
    assert reis["mislukt"].status == 200 and reis["omweg_mislukt"].status == 200
    assert reis["adressen"]["axes"] == [["eigenaar", "127.0.0.3"], ["eigenaar", "127.0.0.4"]]


def test_every_log_line_is_json_with_request_id_and_never_a_note_or_password(reis):
    log = reis["node"].log.read_text()
    regels = _logregels(reis)

    assert NOTITIE not in log and "wethouder" not in log
    assert WACHTWOORD not in log and FOUT_WACHTWOORD not in log
    assert reis["olga"].cookies["sessionid"] not in log
    assert {"time", "level", "logger", "message", "request_id", "user_id"} <= set(regels[-1])

    opslaan_id = reis["opgeslagen"].headers["X-Request-ID"]
    toegang = [r for r in regels if r["logger"] == "gunicorn.access" and r["request_id"] == opslaan_id]
    assert len(toegang) == 1
    assert (toegang[0]["ip"], toegang[0]["method"], toegang[0]["status_code"]) == ("127.0.0.2", "POST", "200")
    ingelogd = next(r for r in regels if r.get("actie") == "inloggen" and r["resultaat"] == "gelukt")
    assert ingelogd["user_id"] is not None
    zelfde_verzoek = [
        r for r in regels if r["logger"] == "gunicorn.access" and r["request_id"] == ingelogd["request_id"]
    ]
    assert [(r["method"], r["path"]) for r in zelfde_verzoek] == [("POST", "/inloggen/")]


def test_a_probe_reaches_a_node_over_plain_http_which_sends_everything_else_to_https(reis):
    node = Klant(reis["node"].poort, bron="127.0.0.1")

    assert node.verzoek("GET", "/gezondheid/").status == 200
    assert node.verzoek("GET", "/inloggen/").status == 301
