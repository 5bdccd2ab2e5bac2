"""The pages an inspector opens: queries per request in-process, server time over HTTP against gunicorn."""

import dataclasses
import http.client
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from gesprekken.models import Gesprek

VERZOEKEN = 200
OPWARMEN = 10
MAX_S_OPWARMEN = 10
MAX_S_PER_PAGINA = 60  # per server: a page slower than 0.3 s a request is cut short; the figures then say so
BLOK = 10  # requests in a row on one server before the other gets its turn
OVERZICHT = "/gesprekken/overzicht/"


@dataclasses.dataclass
class Pagina:
    naam: str
    url: str
    gebruiker: object  # the user the page is opened as


@dataclasses.dataclass
class Meting:
    ms: list  # round-trip times of the measured requests
    cpu_ms: float  # server CPU (gunicorn + PostgreSQL) per measured request
    fout: str | None = None


@dataclasses.dataclass
class Telling:
    status: int
    queries: int
    traagste_ms: float
    traagste_sql: str


def percentiel(waarden, p):
    """Nearest-rank percentile: a value that was really measured."""
    geordend = sorted(waarden)
    if not geordend:
        return float("nan")
    return geordend[min(len(geordend) - 1, max(0, round(p / 100 * len(geordend) + 0.5) - 1))]


def afgerond(waarde):
    """One decimal, and None (null in the JSON) for a figure that could not be measured."""
    return None if waarde != waarde else round(waarde, 1)


def client_voor(gebruiker):
    # A page that fails is reported with its status; it does not stop the bench.
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    client.force_login(gebruiker)
    # The production settings ask every local account for its second factor: the bench's users have given it.
    apparaat, _ = TOTPDevice.objects.get_or_create(user=gebruiker, name="bench", defaults={"confirmed": True})
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    sessie.save()
    return client


def _organisatie_van(gesprek_id):
    return Gesprek.objects.values_list("organisatie_id", flat=True).get(pk=gesprek_id)


def paginas(bench, gesprek_id, *, overzicht=True):
    """The pages of the issue; the overview only once its URL exists, opened by whoever may open it."""
    inspecteur = bench.gebruikers.inspecteurs[0]
    lijst = [
        Pagina("mijn gesprekken", reverse("gesprekken:mijn_gesprekken"), inspecteur),
        Pagina("nieuw gesprek", reverse("gesprekken:nieuw"), inspecteur),
        Pagina("vragenlijst samenstellen", reverse("gesprekken:vragenlijst", args=[gesprek_id]), inspecteur),
        Pagina("gesprek voeren", reverse("gesprekken:voeren", args=[gesprek_id]), inspecteur),
        Pagina("afronden", reverse("gesprekken:afronden", args=[gesprek_id]), inspecteur),
        Pagina("handreiking", reverse("elementen:handreiking"), inspecteur),
        # Issue 19: who was there before, and what is still open; both grow with the gesprekken, not the page.
        Pagina("organisatie", reverse("organisaties:organisatie", args=[_organisatie_van(gesprek_id)]), inspecteur),
        Pagina("mijn afspraken", reverse("gesprekken:mijn_afspraken"), inspecteur),
    ]
    if not overzicht:
        return lijst, None
    try:
        resolve(OVERZICHT)
    except Resolver404:
        return lijst, "overzicht: nog niet aanwezig"
    statussen = []
    for gebruiker in (bench.gebruikers.coordinator, inspecteur):
        status = client_voor(gebruiker).get(OVERZICHT).status_code
        if status == 200:
            return [*lijst, Pagina("overzicht", OVERZICHT, gebruiker)], None
        statussen.append(f"{gebruiker.username}: HTTP {status}")
    return lijst, f"overzicht: bestaat, maar opent niet ({', '.join(statussen)})"


def tellen(pagina):
    """Queries for one request, after a first request has warmed the caches (content types, templates)."""
    client = client_voor(pagina.gebruiker)
    client.get(pagina.url)
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(pagina.url)
    traagste = max(vastgelegd.captured_queries, key=lambda q: float(q["time"]), default={"time": 0, "sql": ""})
    return Telling(
        status=antwoord.status_code,
        queries=len(vastgelegd.captured_queries),
        traagste_ms=float(traagste["time"]) * 1000,
        traagste_sql=" ".join(traagste["sql"].split()),
    )


def sessie_cookie(gebruiker):
    return client_voor(gebruiker).cookies["sessionid"].value


def _get(verbinding, pagina, kop):
    begin = time.perf_counter()
    try:
        verbinding.request("GET", pagina.url, headers=kop)
        antwoord = verbinding.getresponse()
    except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
        # The server closed a keep-alive connection that sat idle while the other server had its turn; a browser
        # opens a new one, and so does the bench (once: a second failure is a real one).
        verbinding.close()
        begin = time.perf_counter()
        verbinding.request("GET", pagina.url, headers=kop)
        antwoord = verbinding.getresponse()
    antwoord.read()
    return antwoord.status, (time.perf_counter() - begin) * 1000


def afwisselend_meten(servers, pagina, cookie, aantal=VERZOEKEN):
    """Sequential GETs on one keep-alive connection per server, in alternating blocks of BLOK requests.

    servers maps a name to (Server, cpu_meter). Whatever else the machine does falls on every server alike, so
    the ratio between them holds even when the absolute times do not. Bounded twice: at most OPWARMEN + aantal
    requests per server, and at most MAX_S_OPWARMEN + MAX_S_PER_PAGINA seconds per server.
    Returns {name: Meting}: round-trip times in ms on loopback and server CPU per request.
    """
    kop = {"Cookie": f"sessionid={cookie}", "Accept": "text/html"}
    verbindingen = {
        naam: http.client.HTTPConnection(*server.adres, timeout=30) for naam, (server, _) in servers.items()
    }
    gemeten = {naam: [] for naam in servers}
    cpu = dict.fromkeys(servers, 0.0)
    fouten = {}
    try:
        for naam, verbinding in verbindingen.items():
            einde = time.monotonic() + MAX_S_OPWARMEN
            for _ in range(OPWARMEN):
                status, _duur = _get(verbinding, pagina, kop)
                if status != 200:
                    fouten[naam] = f"HTTP {status}"
                    break
                if time.monotonic() > einde:
                    break
        einde = time.monotonic() + MAX_S_PER_PAGINA * len(servers)
        while time.monotonic() < einde:
            bezig = [n for n in servers if n not in fouten and len(gemeten[n]) < aantal]
            if not bezig:
                break
            for naam in bezig:
                meter = servers[naam][1]
                voor = meter()
                for _ in range(min(BLOK, aantal - len(gemeten[naam]))):
                    status, duur = _get(verbindingen[naam], pagina, kop)
                    if status != 200:
                        fouten[naam] = f"HTTP {status}"
                        break
                    gemeten[naam].append(duur)
                cpu[naam] += meter() - voor
    finally:
        for verbinding in verbindingen.values():
            verbinding.close()
    return {
        naam: Meting(gemeten[naam], cpu[naam] * 1000 / max(len(gemeten[naam]), 1), fouten.get(naam))
        for naam in servers
    }
