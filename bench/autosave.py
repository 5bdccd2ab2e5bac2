"""Autosave under load, against the trivial reference view, in one run on one gunicorn.

The same 50 clients, sessions, CSRF token and notes post to the trivial view and to autosave in turn, in short
rounds, so that other work on the machine falls on both alike: first at full speed (capacity, and the ratio that
counts), then at the browser's pace (latency as inspectors would see it).
"""

import random
import resource

from django.db import connection
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.crypto import get_random_string

from gesprekken.models import Aantekening

from . import data, load, pages, woorden

RONDES = 4
# The floor the issue names, the same floor behind a login (user and permission loaded), and autosave.
SOORTEN = ("triviaal", "triviaal ingelogd", "autosave")
OPWARMEN_S = 1.0
METEN_S = 5.0
MAX_OVERDOEN = 2


def _queries_per_post(client, url, velden):
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.post(url, velden)
    return antwoord.status_code, len(vastgelegd.captured_queries)


def _versie(aantekening_id):
    return Aantekening.objects.values_list("versie", flat=True).get(pk=aantekening_id)


def queries(bench):
    """Queries of one save and of one trivial request, in-process, after one warm-up request each."""
    inspecteur, gesprek_id, aantekening_id = bench.autosave[0]
    client = pages.client_voor(inspecteur)
    urls = {soort: _pad(soort, gesprek_id, aantekening_id) for soort in SOORTEN}
    tellingen = {}
    for naam, url in urls.items():
        client.post(url, {"tekst": "opwarmen", "observatie": "", "versie": _versie(aantekening_id)})
        status, aantal = _queries_per_post(
            client, url, {"tekst": "meting", "observatie": "", "versie": _versie(aantekening_id)}
        )
        if status != 200:
            raise SystemExit(f"POST {url}: HTTP {status}")
        tellingen[naam] = aantal
    return tellingen


def _pad(soort, gesprek_id, aantekening_id):
    if soort == "triviaal":
        return reverse("bench_triviaal", args=[aantekening_id])
    if soort == "triviaal ingelogd":
        return reverse("bench_triviaal_ingelogd", args=[aantekening_id])
    return reverse("gesprekken:aantekening_opslaan", args=[gesprek_id, aantekening_id])


def _ronde_meten(totaal, server, server_cpu, deelnemers, tempo):
    """One round for one view, done again when a worker restarted in it.

    A restart (max_requests) imports Django and WeasyPrint anew, 1-2 s of cpu, and falls on whichever view is
    being measured; in production it comes after a number of requests, whatever they were, so it is left out of
    every view alike.
    """
    for _ in range(MAX_OVERDOEN + 1):
        workers_voor, cpu_voor, verzonden_voor = server.workers_gestart(), server_cpu(), _verzonden(deelnemers)
        client_voor = resource.getrusage(resource.RUSAGE_SELF)
        r = load.belasten(server.adres, deelnemers, pauze_s=tempo, opwarmen_s=OPWARMEN_S, meten_s=METEN_S)
        client_na = resource.getrusage(resource.RUSAGE_SELF)
        # Errors count in every round, also one done again.
        for fout, aantal in r.fouten.items():
            totaal["fouten"][fout] = totaal["fouten"].get(fout, 0) + aantal
        if server.workers_gestart() == workers_voor:
            break
        totaal["over"] += 1
    totaal["latenties"] += r.latenties_ms
    totaal["cpu"] += server_cpu() - cpu_voor
    totaal["client"] += client_na.ru_utime + client_na.ru_stime - client_voor.ru_utime - client_voor.ru_stime
    totaal["verzonden"] += _verzonden(deelnemers) - verzonden_voor


def _verzonden(deelnemers):
    return sum(c.verzonden for c in deelnemers)


def meten(bench, server, server_cpu):
    """Trivial and autosave in alternating rounds, at full speed and then at the browser's pace."""
    tekst = woorden.tekst_van(random.Random(data.SEED), 400)
    csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
    sessies = {u.pk: pages.sessie_cookie(u) for u, _, _ in bench.autosave}
    aantekening_ids = [a for _, _, a in bench.autosave]
    pauze = load.browser_pauze_s()
    print(
        f"{len(bench.autosave)} clients, elk een eigen inspecteur, gesprek en aantekening. "
        f"{', '.join(SOORTEN).capitalize()} om de beurt, "
        f"{RONDES} rondes van {OPWARMEN_S:.0f} s opwarmen + {METEN_S:.0f} s meten elk "
        f"({RONDES * METEN_S:.0f} s gemeten per regel). 'Browsertempo': {pauze * 1000:.0f} ms pauze na elk antwoord "
        "(WACHTTIJD_MS in static/js/autosave.js)."
    )
    print(f"{'':34} {'per s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'n':>6} {'cpu ms/verz.':>12}  fouten")
    resultaten = {}
    for tempo in (0.0, pauze):
        versies = dict(Aantekening.objects.filter(pk__in=aantekening_ids).values_list("pk", "versie"))
        clients = {
            soort: [
                load.Client(pad=_pad(soort, g, a), sessie=sessies[u.pk], csrf=csrf, tekst=tekst, versie=versies[a])
                for u, g, a in bench.autosave
            ]
            for soort in SOORTEN
        }
        totaal = {
            soort: {"latenties": [], "fouten": {}, "cpu": 0.0, "client": 0.0, "verzonden": 0, "over": 0}
            for soort in clients
        }
        for _ in range(RONDES):
            for soort, deelnemers in clients.items():
                _ronde_meten(totaal[soort], server, server_cpu, deelnemers, tempo)
        for soort, deelnemers in clients.items():
            t = totaal[soort]
            naam = f"{soort}, {'browsertempo' if tempo else 'volle snelheid'}"
            x = resultaten[naam] = {
                "rps": round(len(t["latenties"]) / (RONDES * METEN_S), 1),
                "p50_ms": pages.afgerond(pages.percentiel(t["latenties"], 50)),
                "p95_ms": pages.afgerond(pages.percentiel(t["latenties"], 95)),
                "p99_ms": pages.afgerond(pages.percentiel(t["latenties"], 99)),
                "n": len(t["latenties"]),
                "fouten": t["fouten"],
                # Warm-up and measurement together: every request sent, against all the CPU the server used.
                "server_cpu_ms": round(t["cpu"] * 1000 / max(t["verzonden"], 1), 1),
                "client_cpu_kernen": round(t["client"] / (RONDES * (OPWARMEN_S + METEN_S)), 2),
                "rondes_overgedaan": t["over"],
            }
            print(
                f"{naam:34} {x['rps']:>7.1f} {x['p50_ms']!s:>8} {x['p95_ms']!s:>8} {x['p99_ms']!s:>8} {x['n']:>6} "
                f"{x['server_cpu_ms']:>12}  {x['fouten'] or 'geen'}"
                f"  (client {x['client_cpu_kernen']} kern, {x['rondes_overgedaan']} rondes overgedaan)",
                flush=True,
            )
            if soort == "autosave":
                na = Aantekening.objects.filter(pk__in=aantekening_ids).values_list("versie", flat=True)
                verzonden = _verzonden(deelnemers)
                print(f"{'':34} {verzonden} saves verstuurd, versie {sum(na) - sum(versies.values())} keer opgehoogd")
    return resultaten
