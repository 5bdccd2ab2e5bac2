"""Working without a connection (issue 21): what the service worker keeps per gesprek, and how long the outbox
takes to send 100 notes that waited in the browser.

The sizes come in-process from the pages as the worker fetches them (static/js/sw.js keeps the HTML as served):
per gesprek *Gesprek voeren* and the vragenlijst, once per user the aids, once per browser the static files. The
outbox goes over HTTP to gunicorn as static/js/autosave.js sends it: first the probe for who is logged in and a
fresh CSRF token, then the notes one by one in order, each after the answer to the one before.
"""

import http.client
import json
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse

from gesprekken.models import Aantekening, Gesprek
from samenwerking.offline import STATISCHE_BESTANDEN

from . import pages

WACHTEND = 100


def _kb(aantal_bytes):
    return round(aantal_bytes / 1024, 1)


def bewaard_per_gesprek(bench):
    """kB the worker keeps: per gesprek (light, heavy and the one the page bench opens), per user, per browser."""
    inspecteur = bench.gebruikers.inspecteurs[0]
    client = pages.client_voor(inspecteur)
    per_gesprek = {}
    for naam, gesprek_id in (
        ("licht", bench.licht_gesprek_id),
        ("zwaar", bench.zwaar_gesprek_id),
        ("pagina", bench.pagina_gesprek_id),
    ):
        grootte = {}
        for deel in ("voeren", "vragenlijst"):
            antwoord = client.get(reverse(f"gesprekken:{deel}", args=[gesprek_id]))
            grootte[deel] = _kb(len(antwoord.content)) if antwoord.status_code == 200 else None
        per_gesprek[naam] = grootte
    hulp = {
        naam: _kb(len(client.get(reverse(f"elementen:{naam}")).content)) for naam in ("handreiking", "instrumenten")
    }
    statisch = _kb(sum(staticfiles_storage.size(staticfiles_storage.stored_name(n)) for n in STATISCHE_BESTANDEN))
    for naam, grootte in per_gesprek.items():
        print(
            f"gesprek {naam:6}: voeren {grootte['voeren']} kB, vragenlijst {grootte['vragenlijst']} kB, "
            f"samen {round(sum(v or 0 for v in grootte.values()), 1)} kB"
        )
    print(
        f"eenmaal per gebruiker: handreiking {hulp['handreiking']} kB, instrumenten {hulp['instrumenten']} kB; "
        f"eenmaal per browser: statische bestanden {statisch} kB",
        flush=True,
    )
    return {"per_gesprek_kb": per_gesprek, "hulpmiddelen_kb": hulp, "statisch_kb": statisch}


def _wachtende_notities(bench):
    """An inspector with 100 notes in open gesprekken, not those the PDF bench renders afterwards."""
    for inspecteur in bench.gebruikers.inspecteurs:
        notities = list(
            Aantekening.objects.filter(gesprek__eigenaar=inspecteur, veld__isnull=True)
            .exclude(gesprek__status=Gesprek.Status.VASTGESTELD)
            .exclude(gesprek_id__in=[bench.zwaar_gesprek_id, bench.licht_gesprek_id])
            .order_by("gesprek_id", "pk")
            .values_list("gesprek_id", "pk", "versie")[:WACHTEND]
        )
        if len(notities) == WACHTEND:
            return inspecteur, notities
    return None, []


def outbox_versturen(bench, server):
    """Seconds from the probe to the answer on the 100th note, and per save p50/p95 in ms."""
    inspecteur, notities = _wachtende_notities(bench)
    if inspecteur is None:
        print(f"outbox: geen inspecteur met {WACHTEND} aantekeningen in open gesprekken; niet gemeten")
        return {}
    sessie = pages.sessie_cookie(inspecteur)
    verbinding = http.client.HTTPConnection(*server.adres, timeout=10)
    begin = time.perf_counter()
    verbinding.request("GET", reverse("offline_verbinding"), headers={"Cookie": f"sessionid={sessie}"})
    antwoord = verbinding.getresponse()
    peiling = json.loads(antwoord.read())
    koekjes = SimpleCookie()
    for regel in antwoord.headers.get_all("Set-Cookie") or []:
        koekjes.load(regel)
    kop = {
        "Cookie": f"sessionid={sessie}; csrftoken={koekjes['csrftoken'].value}",
        "X-CSRFToken": peiling["csrf"],
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
    }
    tijden, fouten = [], 0
    for volgnummer, (gesprek_id, aantekening_id, versie) in enumerate(notities):
        stap = time.perf_counter()
        velden = {"tekst": f"Zonder verbinding getypt, nummer {volgnummer}.", "observatie": "", "versie": versie}
        pad = reverse("gesprekken:aantekening_opslaan", args=[gesprek_id, aantekening_id])
        verbinding.request("POST", pad, body=urlencode(velden), headers=kop)
        antwoord = verbinding.getresponse()
        antwoord.read()
        fouten += antwoord.status != 200
        tijden.append((time.perf_counter() - stap) * 1000)
    totaal = time.perf_counter() - begin
    verbinding.close()
    tijden.sort()
    uitkomst = {
        "outbox_100_s": round(totaal, 2),
        "outbox_save_p50_ms": round(tijden[len(tijden) // 2], 1),
        "outbox_save_p95_ms": round(tijden[int(len(tijden) * 0.95) - 1], 1),
        "outbox_fouten": fouten,
    }
    print(
        f"outbox van {WACHTEND} wachtende aantekeningen, na elkaar verstuurd: {uitkomst['outbox_100_s']} s "
        f"(per save p50 {uitkomst['outbox_save_p50_ms']} ms, p95 {uitkomst['outbox_save_p95_ms']} ms), "
        f"{fouten} niet opgeslagen",
        flush=True,
    )
    return uitkomst
