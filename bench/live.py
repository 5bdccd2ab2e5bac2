"""Every page under live typing load (issue 22), at 10,000 gesprekken, beside the same page on a quiet server.

The pages are measured twice on the one gunicorn with 10,000 gesprekken, with the same number of requests: first
quiet, then while the bench's autosave load runs at the browser's pace (50 inspectors typing, as bench/autosave.py
does), in a process of its own so its event loop shares no interpreter lock with the measuring client. Within each
window the pages take turns in blocks of BLOK requests (round-robin), so every page meets the whole window.

Besides the pages of pages.py: *Gesprek voeren* with one instrument of every form, search (bench/zoeken.py's
ZOEKVRAGEN), the organisation's two link pages (a contact's /deelname/ and /deelname/verificatie/ after opening the
link), a vastgesteld report served from its stored version, and the overview with random filters (seeded), uncached:
every request asks a filter combination the server has not been asked before, and the overview keeps its figures
per filter combination, so no request finds them in the cache, quiet or live.
"""

import dataclasses
import datetime
import http.client
import itertools
import multiprocessing
import queue
import random
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.db import connection, connections
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.crypto import get_random_string

from deelname import demo
from elementen.models import Instrument, Kader
from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, Gesprek, Inspectie, OrganisatieType
from gesprekken.overzicht.filters import filterkeuzes
from gesprekken.roles import ziet_alle_gesprekken

from . import data, load, pages, woorden
from .zoeken import ZOEKVRAGEN

VERZOEKEN = 60  # per page, quiet and live alike
BLOK = 5
OPWARMEN = 3
MAX_S_PER_PAGINA = 25  # per window: a page slower than 0.4 s a request is cut short, and says so
MAX_S_PER_VENSTER = 180
LAST_OPWARMEN_S = 3.0


@dataclasses.dataclass
class Livepagina:
    naam: str
    soort: str  # the goal it counts towards: "pagina", "overzicht", "zoeken" or "rapport"
    cookie: str
    urls: object  # an iterator: the URL of each next request
    queries: object = None  # per request, in-process; or the HTTP status that stopped the count


def _vast(naam, soort, cookie, url):
    return Livepagina(naam, soort, cookie, itertools.repeat(url))


# --- The data the new pages need, made through the services on the 10,000 ------------------------------------------


def _inspecteur_met_gesprekken(bench):
    """An inspector no other measurement uses, with two gevoerd gesprekken and one in voorbereiding."""
    bezet = {u.pk for u, _, _ in bench.autosave} | {bench.gebruikers.inspecteurs[0].pk}
    for inspecteur in reversed(bench.gebruikers.inspecteurs):
        if inspecteur.pk in bezet:
            continue
        eigen = Gesprek.objects.filter(eigenaar=inspecteur)
        gevoerd = list(eigen.filter(status=Gesprek.Status.GEVOERD).order_by("datum", "pk")[:2])
        if len(gevoerd) == 2 and eigen.filter(status=Gesprek.Status.VOORBEREIDING).exists():
            return inspecteur, gevoerd
    raise SystemExit("Geen inspecteur met twee gevoerde gesprekken en één in voorbereiding in de bench-gegevens.")


def _met_instrumenten(gesprek, wie, rng):
    """One instrument of every form; ten of their cells filled in."""
    kaders = Kader.objects.gepubliceerd()
    for vorm in Instrument.Vorm.values:
        instrument = Instrument.objects.filter(kader__in=kaders, vorm=vorm).order_by("pk").first()
        if instrument is not None:
            services.instrument_toevoegen(gesprek=gesprek, wie=wie, instrument=instrument)
    for aantekening in Aantekening.objects.filter(gesprek=gesprek, veld__isnull=False).order_by("pk")[:10]:
        services.aantekening_opslaan(
            aantekening=aantekening,
            tekst=woorden.tekst_van(rng, 300),
            observatie="",
            versie=aantekening.versie,
            wie=wie,
        )
    return gesprek


def _contact_cookie(link):
    """Opens the organisation's link as the contact's browser does; the session it gets."""
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    delen = urlsplit(link)
    antwoord = client.get(f"{delen.path}?{delen.query}")
    if antwoord.status_code != 302:
        raise SystemExit(f"De link van de organisatie opent niet: HTTP {antwoord.status_code}")
    return client.cookies["sessionid"].value


def _overzicht_urls(gebruiker, rng):
    """The overview with random filters (seeded), each combination once: none can come from the cache."""
    gesprekken = Gesprek.objects.gehouden()
    if not ziet_alle_gesprekken(gebruiker):
        gesprekken = gesprekken.voor_inspecteur(gebruiker)
    combinaties = filterkeuzes(gesprekken)
    keuzes = {
        "inspectie": [w for w, _ in Inspectie.choices],
        "aanleiding": sorted({a for a, _, _ in combinaties if a}),
        "organisatie_type": [w for w, _ in OrganisatieType.choices],
        "kader": sorted({str(k) for _, k, _ in combinaties if k is not None}),
    }
    dagen = (data.LAATSTE_DATUM - data.EERSTE_DATUM).days
    # No filters at all is the overview pages.py measures, whose figures are in the cache by now.
    gevraagd = {""}
    while True:
        filters = {}
        # Most draws have a period: without one few combinations exist, and the overview keeps each one asked.
        if rng.random() < 0.7 or len(gevraagd) > 50:
            van, tot = sorted(rng.randrange(dagen + 1) for _ in range(2))
            if rng.random() < 0.85:
                filters["van"] = (data.EERSTE_DATUM + datetime.timedelta(days=van)).isoformat()
            if rng.random() < 0.85 or "van" not in filters:
                filters["tot"] = (data.EERSTE_DATUM + datetime.timedelta(days=tot)).isoformat()
        for veld, waarden in keuzes.items():
            if waarden and rng.random() < 0.3:
                filters[veld] = rng.choice(waarden)
        querystring = urlencode(filters)
        if querystring not in gevraagd:
            gevraagd.add(querystring)
            yield f"{pages.OVERZICHT}?{querystring}"


def voorbereiden(bench, lijst, cookies):
    """The pages to measure live: those of pages.py and the new ones, with the data these need."""
    rng = random.Random(data.SEED + 22)
    paginas = []
    for pagina in lijst:
        cookie = cookies[pagina.gebruiker.pk]
        if pagina.url == pages.OVERZICHT:
            urls = _overzicht_urls(pagina.gebruiker, rng)
            paginas.append(Livepagina("overzicht, willekeurige filters", "overzicht", cookie, urls))
        else:
            paginas.append(_vast(pagina.naam, "pagina", cookie, pagina.url))

    inspecteur, (met_instrumenten, voor_concept) = _inspecteur_met_gesprekken(bench)
    wie = Wie(inspecteur)
    cookie = pages.sessie_cookie(inspecteur)
    _met_instrumenten(met_instrumenten, wie, rng)
    paginas.append(
        _vast(
            "gesprek voeren, instrumenten",
            "pagina",
            cookie,
            reverse("gesprekken:voeren", args=[met_instrumenten.pk]),
        )
    )
    vooraf = demo.uitnodiging_vooraf(inspecteur=inspecteur)
    services.concept_maken(gesprek=voor_concept, wie=wie)
    verificatie = demo.uitnodiging_verificatie(inspecteur=inspecteur)
    paginas.append(_vast("deelname (organisatie)", "pagina", _contact_cookie(vooraf), reverse("deelname:pagina")))
    paginas.append(
        _vast("deelname, verificatie", "pagina", _contact_cookie(verificatie), reverse("deelname:verificatie"))
    )

    bench_inspecteur = bench.gebruikers.inspecteurs[0]
    for naam, vraag in ZOEKVRAGEN.items():
        url = f"{reverse('gesprekken:mijn_gesprekken')}?{urlencode({'zoek': vraag})}"
        paginas.append(_vast(f"zoeken, {naam}", "zoeken", cookies[bench_inspecteur.pk], url))

    vastgesteld = (
        Gesprek.objects.filter(eigenaar=bench_inspecteur, status=Gesprek.Status.VASTGESTELD).order_by("pk").first()
    )
    # Vastgesteld before versions existed: the stored version is made on first need; here, before measuring.
    services.vastgestelde_versie(gesprek=vastgesteld, wie=Wie(bench_inspecteur))
    url = reverse("gesprekken:rapport_pdf", args=[vastgesteld.pk])
    paginas.append(_vast("rapport, vastgesteld (bewaard)", "rapport", cookies[bench_inspecteur.pk], url))
    for pagina in paginas:
        pagina.queries = _queries(pagina)
    return paginas


def _queries(pagina):
    """Queries of one request in-process with the page's own session, after a first request (a URL of its own
    for the overview, as over HTTP)."""
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    client.cookies["sessionid"] = pagina.cookie
    client.get(next(pagina.urls))
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(next(pagina.urls))
    return len(vastgelegd.captured_queries) if antwoord.status_code == 200 else f"HTTP {antwoord.status_code}"


# --- Measuring ------------------------------------------------------------------------------------------------------


def _venster(adres, paginas, aantal):
    """Round-robin over the pages on one keep-alive connection; per page at most `aantal` requests and
    MAX_S_PER_PAGINA seconds, all pages together at most MAX_S_PER_VENSTER."""
    verbinding = http.client.HTTPConnection(*adres, timeout=60)
    koppen = {p.naam: {"Cookie": f"sessionid={p.cookie}", "Accept": "text/html"} for p in paginas}
    gemeten = {p.naam: [] for p in paginas}
    besteed = dict.fromkeys(gemeten, 0.0)
    fouten = {}

    def verzoek(pagina):
        status, ms = pages._get(verbinding, pages.Pagina(pagina.naam, next(pagina.urls), None), koppen[pagina.naam])
        besteed[pagina.naam] += ms / 1000
        if status != 200:
            fouten[pagina.naam] = f"HTTP {status}"
        return ms if status == 200 else None

    try:
        for pagina in paginas:
            for _ in range(OPWARMEN):
                if verzoek(pagina) is None:
                    break
            besteed[pagina.naam] = 0.0
        einde = time.monotonic() + MAX_S_PER_VENSTER
        while time.monotonic() < einde:
            bezig = [
                p
                for p in paginas
                if p.naam not in fouten and len(gemeten[p.naam]) < aantal and besteed[p.naam] < MAX_S_PER_PAGINA
            ]
            if not bezig:
                break
            for pagina in bezig:
                for _ in range(min(BLOK, aantal - len(gemeten[pagina.naam]))):
                    ms = verzoek(pagina)
                    if ms is None:
                        break
                    gemeten[pagina.naam].append(ms)
    finally:
        verbinding.close()
    return gemeten, fouten


def _last(adres, clients, pauze_s, stop, uitkomst):
    """In a process of its own: the autosave load at the browser's pace until stop is set."""
    r = load.belasten(adres, clients, pauze_s=pauze_s, opwarmen_s=LAST_OPWARMEN_S, meten_s=3600, stop=stop)
    uitkomst.put(
        {
            "clients": len(clients),
            "rps": round(r.per_seconde, 1),
            "p50_ms": pages.afgerond(pages.percentiel(r.latenties_ms, 50)),
            "p95_ms": pages.afgerond(pages.percentiel(r.latenties_ms, 95)),
            "n": r.verzoeken,
            "fouten": r.fouten,
        }
    )


def _last_clients(bench):
    csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
    tekst = woorden.tekst_van(random.Random(data.SEED), 400)
    versies = dict(Aantekening.objects.filter(pk__in=[a for _, _, a in bench.autosave]).values_list("pk", "versie"))
    return [
        load.Client(
            pad=reverse("gesprekken:aantekening_opslaan", args=[g, a]),
            sessie=pages.sessie_cookie(u),
            csrf=csrf,
            tekst=tekst,
            versie=versies[a],
        )
        for u, g, a in bench.autosave
    ]


def _cijfers(ms):
    return {
        "n": len(ms),
        "p50_ms": pages.afgerond(pages.percentiel(ms, 50)),
        "p95_ms": pages.afgerond(pages.percentiel(ms, 95)),
    }


def meten(bench, server, paginas):
    """Quiet, then under the autosave load; returns the figures per page and the load's own."""
    clients = _last_clients(bench)
    begin = time.monotonic()
    stil, stil_fouten = _venster(server.adres, paginas, VERZOEKEN)
    stil_s = time.monotonic() - begin

    context = multiprocessing.get_context("fork")
    stop, uitkomst = context.Event(), context.Queue()
    # A forked child must not share the parent's database connections: closing one there would close it here.
    connections.close_all()
    proces = context.Process(target=_last, args=(server.adres, clients, load.browser_pauze_s(), stop, uitkomst))
    proces.start()
    try:
        time.sleep(LAST_OPWARMEN_S)
        begin = time.monotonic()
        live, live_fouten = _venster(server.adres, paginas, VERZOEKEN)
        duur = time.monotonic() - begin
    finally:
        stop.set()
    try:
        last = uitkomst.get(timeout=60)
    except queue.Empty:
        last = {"clients": len(clients), "rps": None, "p50_ms": None, "p95_ms": None, "n": 0}
        last["fouten"] = {f"belastingsproces gaf geen uitkomst (exitcode {proces.exitcode})": 1}
    proces.join(timeout=30)
    last["venster_s"], last["stil_venster_s"] = round(duur, 1), round(stil_s, 1)

    if any(f.startswith("HTTP 5") for f in [*stil_fouten.values(), *live_fouten.values()]):
        _serverfout_tonen(server)
    figuren = {}
    for pagina in paginas:
        naam = pagina.naam
        figuren[naam] = {
            "soort": pagina.soort,
            "queries": pagina.queries,
            "stil": _cijfers(stil[naam]),
            "live": _cijfers(live[naam]),
            "fout": live_fouten.get(naam) or stil_fouten.get(naam),
        }
    return figuren, last


def _serverfout_tonen(server):
    """The last error gunicorn logged (Django logs a 500 with its traceback), for whoever reads the run."""
    log = Path(server.logpad).read_text(errors="replace")
    plek = log.rfind(" ERROR ")
    if plek >= 0:
        print("laatste fout in het gunicorn-log:\n" + log[log.rfind("\n", 0, plek) + 1 :][:4000], flush=True)


def afdrukken(figuren, last):
    print(f"{'':42} {'stil':^20} | {'onder belasting':^20} |")
    kolommen = f"{'n':>4} {'p50':>7} {'p95':>7}"
    print(f"{'pagina':34} {'queries':>7} {kolommen} | {kolommen} | {'p95 x':>5}")
    for naam, f in figuren.items():
        stil, live = f["stil"], f["live"]
        factor = round(live["p95_ms"] / stil["p95_ms"], 2) if live["p95_ms"] and stil["p95_ms"] else None
        print(
            f"{naam:34} {f['queries']!s:>7} {stil['n']:>4} {stil['p50_ms']!s:>7} {stil['p95_ms']!s:>7} | "
            f"{live['n']:>4} {live['p50_ms']!s:>7} {live['p95_ms']!s:>7} | {factor!s:>5}"
            + (f"  ! {f['fout']}" if f["fout"] else "")
            + ("  ! tijdslimiet" if not f["fout"] and min(stil["n"], live["n"]) < VERZOEKEN else ""),
            flush=True,
        )
    print(
        f"belasting in het venster: {last['clients']} clients op browsertempo, {last['rps']} saves/s over "
        f"{last['venster_s']} s (het stille venster: {last['stil_venster_s']} s), p50 {last['p50_ms']} ms, "
        f"p95 {last['p95_ms']} ms, fouten: {last['fouten'] or 'geen'}"
    )


def hoogste(figuren, soort, venster="live"):
    """The highest p95 among pages of this soort; None when one of them could not be measured."""
    waarden = [f[venster]["p95_ms"] for f in figuren.values() if f["soort"] == soort]
    return None if not waarden or None in waarden else max(waarden)
