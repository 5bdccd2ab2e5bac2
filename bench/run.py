"""`make bench`: generates the data, measures pages, autosave and the PDF, and ends with one JSON line.

Run inside scripts/with-postgres.sh with the production environment (see the Makefile), as

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.run
"""

import datetime
import json
import os
import platform
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles.storage import staticfiles_storage  # noqa: E402
from django.db import connection  # noqa: E402

from elementen.cache import BEZINKTIJD  # noqa: E402

from . import autosave, cpu, data, live, offline, pages, pdf, server, zoeken  # noqa: E402

GROOT = 10_000
GROOT_TEKST = f"{GROOT:,}".replace(",", ".")
KLEIN = 100
P95_MS, GROEI, AUTOSAVE_DEEL = 50, 1.3, 0.7
OVERZICHT_MS, RAPPORT_MS = 100, 20
PDF_S, PDF_MB, PDF_VS_KAAL = 2, 250, 1.15


def kop(tekst):
    print(f"\n== {tekst} (belasting {cpu.belasting()}) ==", flush=True)


def machine():
    with open("/proc/cpuinfo") as f:
        model = next((r.split(":", 1)[1].strip() for r in f if r.startswith("model name")), "onbekend")
    with open("/proc/meminfo") as f:
        geheugen_kb = int(next(r.split()[1] for r in f if r.startswith("MemTotal")))
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (postgres,) = cursor.fetchone()
    import weasyprint

    return {
        "nproc": os.cpu_count(),
        "geheugen_gib": round(geheugen_kb / 1024 / 1024, 1),
        "cpu": model,
        "postgresql": postgres,
        "python": platform.python_version(),
        "django": django.get_version(),
        "weasyprint": weasyprint.__version__,
    }


def controleer_omgeving():
    if connection.vendor != "postgresql":
        raise SystemExit("De bench draait alleen op PostgreSQL: start hem met `make bench`.")
    if settings.DEBUG:
        raise SystemExit("De bench meet de productie-instellingen: zet DEBUG uit.")


def server_cpu_meter(gunicorn):
    """CPU seconds of gunicorn and PostgreSQL together; PostgreSQL left out if its directory cannot be read."""
    try:
        postmaster = cpu.postmaster_pid(connection)
    except OSError:
        postmaster = None
    wortels = [gunicorn.pid] + ([postmaster] if postmaster else [])
    return lambda: cpu.seconden(*wortels)


# --- Pages ------------------------------------------------------------------------------------------------------


def queries_tellen(lijst, zwaar=None):
    """In-process, per page: the count and slowest query; with zwaar also the count for the heavy gesprek."""
    uitkomst = {}
    for pagina in lijst:
        ander = (zwaar or {}).get(pagina.naam)
        zwaar_queries = pages.tellen(ander).queries if ander and ander.url != pagina.url else None
        uitkomst[pagina.naam] = (pages.tellen(pagina), zwaar_queries)
    return uitkomst


def _groei(nu, toen):
    return round(nu / toen, 2) if nu and toen else None


def paginas_meten(lijst, tellingen, cookies, servers):
    """Both sizes side by side: per page, blocks of requests alternate between the two gunicorns."""
    bij, fouten = {"100": {}, "10000": {}}, []
    print(
        f"{'':25} {'queries':^13} | {'100 gesprekken':^19} | {'10.000 gesprekken':^19} | {'':4} | {'groei':^11}\n"
        f"{'pagina':25} {'100':>4} {'10k':>4} {'zw':>3} | {'p50':>5} {'p95':>6} {'cpu':>6} | "
        f"{'p50':>5} {'p95':>6} {'cpu':>6} | {'n':>4} | {'p95':>5} {'cpu':>5}  traagste query bij 10.000"
    )
    for pagina in lijst:
        (telling_100, _), (telling, zwaar_queries) = tellingen["100"][pagina.naam], tellingen["10000"][pagina.naam]
        if telling_100.status != 200 or telling.status != 200:
            fouten.append(f"{pagina.naam}: HTTP {telling_100.status}/{telling.status} in-process")
            print(f"{pagina.naam:25} HTTP {telling_100.status}/{telling.status} in-process; niet gemeten")
            continue
        metingen = pages.afwisselend_meten(servers, pagina, cookies[pagina.gebruiker.pk])
        for grootte, meting in metingen.items():
            bij[grootte][pagina.naam] = {
                "queries": (telling_100 if grootte == "100" else telling).queries,
                "p50_ms": pages.afgerond(pages.percentiel(meting.ms, 50)),
                "p95_ms": pages.afgerond(pages.percentiel(meting.ms, 95)),
                "n": len(meting.ms),
                "server_cpu_ms": round(meting.cpu_ms, 1),
            }
            if meting.fout:
                fouten.append(f"{pagina.naam} bij {grootte}: {meting.fout} via HTTP")
        klein, groot = bij["100"][pagina.naam], bij["10000"][pagina.naam]
        groot.update(
            queries_bij_100=klein["queries"],
            queries_zwaar=zwaar_queries,
            traagste_query_ms=round(telling.traagste_ms, 1),
            growth=_groei(groot["p95_ms"], klein["p95_ms"]),
            growth_cpu=_groei(groot["server_cpu_ms"], klein["server_cpu_ms"]),
        )
        print(
            f"{pagina.naam:25} {klein['queries']:>4} {groot['queries']:>4} "
            f"{'-' if zwaar_queries is None else zwaar_queries:>3} | "
            f"{klein['p50_ms']!s:>5} {klein['p95_ms']!s:>6} {klein['server_cpu_ms']:>6} | "
            f"{groot['p50_ms']!s:>5} {groot['p95_ms']!s:>6} {groot['server_cpu_ms']:>6} | "
            f"{min(klein['n'], groot['n']):>4} | {groot['growth']!s:>5} {groot['growth_cpu']!s:>5}  "
            f"{telling.traagste_ms:.0f} ms: {telling.traagste_sql[:48]}",
            flush=True,
        )
        for grootte, meting in metingen.items():
            if meting.fout:
                print(f"  ! {pagina.naam} bij {grootte}: {meting.fout} via HTTP na {len(meting.ms)} verzoeken")
            elif len(meting.ms) < pages.VERZOEKEN:
                print(f"  ! {pagina.naam} bij {grootte}: tijdslimiet, {len(meting.ms)} verzoeken")
    return bij["100"], bij["10000"], fouten


# --- PDF --------------------------------------------------------------------------------------------------------


def pdf_meten(bench):
    from gesprekken.models import Gesprek
    from gesprekken.rapport import pdf as app_pdf

    queryset = Gesprek.objects.met_rapport
    figuren = {}
    for naam, gesprek_id in (("zwaar", bench.zwaar_gesprek_id), ("licht", bench.licht_gesprek_id)):
        html = app_pdf.rapport_html(queryset().get(pk=gesprek_id))
        with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False) as bestand:
            bestand.write(html)
        # App and WeasyPrint alone take turns: this machine's speed drifts by more than their difference between
        # two measurements in a row. The round with the median ratio is the one shown.
        statisch = (staticfiles_storage.location, app_pdf.BASIS_URL, app_pdf.STATISCH)
        rondes = []
        try:
            for _ in range(pdf.RONDES):
                app = pdf.meten("app", gesprek_id, pdf.RENDERS)
                kaal = pdf.meten("kaal", bestand.name, *statisch, pdf.RENDERS)
                rondes.append({"app": app, "kaal": kaal, "verhouding": app["warm_s"] / kaal["warm_s"]})
        finally:
            os.unlink(bestand.name)
        figuren[naam] = sorted(rondes, key=lambda r: r["verhouding"])[len(rondes) // 2]
        app, kaal = figuren[naam]["app"], figuren[naam]["kaal"]
        print(f"{naam:6} app/kaal per ronde: " + ", ".join(f"{r['verhouding']:.2f}" for r in rondes))
        for soort, x in (("app", app), ("kaal", kaal)):
            extra = f"{x['queries']} queries, " if soort == "app" else f"HTML {len(html) // 1024} KiB, "
            print(
                f"{naam:6} {soort:5} warm {x['warm_s']:.2f} s (cpu {x['warm_cpu_s']:.2f} s, koud {x['koud_s']:.2f} s)"
                f"  piek {x['piek_mb']:.0f} MB (na 1 render {x['piek_eerste_mb']:.0f}, ervoor {x['rss_voor_mb']:.0f})"
                f"  {extra}PDF {x['bytes'] // 1024} KiB",
                flush=True,
            )
        print(
            f"{naam:6} app/kaal {figuren[naam]['verhouding']:.2f} (wandklok), "
            f"{app['warm_cpu_s'] / kaal['warm_cpu_s']:.2f} (cpu)"
        )
    return figuren


# --- All --------------------------------------------------------------------------------------------------------


def _binnen(waarde, grens):
    return waarde is not None and waarde <= grens


def _doelen(r):
    return (
        ("constante queries", r["queries_constant"]),
        (f"pagina p95 <= {P95_MS} ms", r["pages_p95_ms"] is not None and r["pages_p95_ms"] <= P95_MS),
        (f"groei <= {GROEI} (p95)", r["growth"] is not None and r["growth"] <= GROEI),
        (f"groei <= {GROEI} (server-cpu per verzoek)", r["growth_cpu"] is not None and r["growth_cpu"] <= GROEI),
        (f"autosave >= {AUTOSAVE_DEEL:.0%} van triviaal", r["autosave_vs_trivial"] >= AUTOSAVE_DEEL),
        (f"autosave p95 <= {P95_MS} ms (volle snelheid)", (r["autosave_p95_ms"] or 1e9) <= P95_MS),
        (f"autosave p95 <= {P95_MS} ms (browsertempo)", (r["autosave_browser_p95_ms"] or 1e9) <= P95_MS),
        (f"zoeken p95 <= {P95_MS} ms (stil)", r["search_p95_ms"] is not None and r["search_p95_ms"] <= P95_MS),
        (f"pagina p95 <= {P95_MS} ms onder belasting", _binnen(r["pages_live_p95_ms"], P95_MS)),
        (
            f"overzicht p95 <= {OVERZICHT_MS} ms onder belasting, zonder cache",
            _binnen(r["overzicht_live_p95_ms"], OVERZICHT_MS),
        ),
        (f"zoeken p95 <= {P95_MS} ms onder belasting", _binnen(r["zoeken_p95_ms"], P95_MS)),
        (
            f"vastgesteld rapport p95 <= {RAPPORT_MS} ms onder belasting (bewaarde PDF)",
            _binnen(r["rapport_vastgesteld_p95_ms"], RAPPORT_MS),
        ),
        (f"zware PDF <= {PDF_S} s", r["pdf_heavy_s"] <= PDF_S),
        (f"zware PDF <= {PDF_MB} MB", r["pdf_heavy_peak_mb"] <= PDF_MB),
        (f"PDF app/kaal <= {PDF_VS_KAAL}", r["pdf_vs_bare"] <= PDF_VS_KAAL),
    )


def main():
    begin = time.monotonic()
    controleer_omgeving()
    kop(f"Samenwerkingsgesprek bench, {datetime.datetime.now():%Y-%m-%d %H:%M}")
    omgeving = machine()
    print(", ".join(f"{k}: {v}" for k, v in omgeving.items()))
    bron, instellingen = server.instellingen()
    print(f"gunicorn: {bron}: " + ", ".join(f"{k}={v}" for k, v in instellingen.items()))
    print(f"CONN_MAX_AGE={settings.DATABASES['default']['CONN_MAX_AGE']}, DEBUG={settings.DEBUG}")
    belasting = {"begin": cpu.belasting()}

    kop(f"Gegevens: {KLEIN} gesprekken")
    stap = time.monotonic()
    bench = data.voorbereiden()
    data.eerste_100(bench)
    print(data.tellingen(), f"in {time.monotonic() - stap:.0f} s", flush=True)

    lijst, melding = pages.paginas(bench, bench.pagina_gesprek_id)
    zwaar = {p.naam: p for p in pages.paginas(bench, bench.zwaar_gesprek_id, overzicht=False)[0]}
    # The app keeps nothing in its cache while a change may still be on its way: count as it is once settled.
    time.sleep(BEZINKTIJD.total_seconds())
    tellingen = {"100": queries_tellen(lijst)}
    # Sessions made now exist in both databases after the copy: one cookie per user serves both servers.
    cookies = {p.gebruiker.pk: pages.sessie_cookie(p.gebruiker) for p in lijst}

    kop(f"Gegevens: een kopie groeit tot {GROOT_TEKST} gesprekken; de {KLEIN} blijven ernaast staan")
    stap = time.monotonic()
    url_klein, url_groot = data.database_kopie(f"{connection.settings_dict['NAME']}_groot")
    data.groeien_tot(bench, GROOT)
    # Before the settling time: the new pages' data changes notes, which the overview's cached figures depend on.
    livepaginas = live.voorbereiden(bench, lijst, cookies)
    print(data.tellingen(), f"in {time.monotonic() - stap:.0f} s", flush=True)
    time.sleep(BEZINKTIJD.total_seconds())
    tellingen["10000"] = queries_tellen(lijst, zwaar)

    with server.gunicorn(url_groot) as groot:
        with server.gunicorn(url_klein) as klein:
            kop(
                f"Pagina's bij {KLEIN} en bij {GROOT_TEKST} gesprekken: queries in-process; tijden in ms via HTTP "
                f"(1 client, keep-alive, om de beurt {pages.BLOK} verzoeken per server); cpu: ms server-cpu/verzoek"
            )
            servers = {"100": (klein, server_cpu_meter(klein)), "10000": (groot, server_cpu_meter(groot))}
            bij_100, bij_10k, fouten = paginas_meten(lijst, tellingen, cookies, servers)
            if melding:
                print(melding)
            kop(f"Zoeken in wat er gezegd is, bij {GROOT_TEKST} gesprekken (tijden in ms via HTTP)")
            inspecteur = bench.gebruikers.inspecteurs[0]
            gezocht = zoeken.meten(bench, groot, server_cpu_meter(groot), cookies[inspecteur.pk])
        belasting["paginas"] = cpu.belasting()
        kop(
            f"Elke pagina bij {GROOT_TEKST} gesprekken, stil en terwijl {data.AUTOSAVE_CLIENTS} inspecteurs op "
            f"browsertempo typen: {live.VERZOEKEN} verzoeken per pagina per venster, om de beurt in blokken van "
            f"{live.BLOK}; het overzicht elke keer met andere filters, dus nooit uit de cache (tijden in ms via HTTP)"
        )
        live_figuren, live_last = live.meten(bench, groot, livepaginas)
        live.afdrukken(live_figuren, live_last)
        fouten += [f"{naam} (stil of onder belasting): {f['fout']}" for naam, f in live_figuren.items() if f["fout"]]
        fouten += [f"belasting bij de pagina's: {fout} ({aantal}x)" for fout, aantal in live_last["fouten"].items()]
        belasting["live"] = cpu.belasting()
        kop("Autosave onder belasting, en de triviale view in dezelfde run (10.000 gesprekken)")
        queries = autosave.queries(bench)
        print("queries per verzoek: " + ", ".join(f"{soort} {aantal}" for soort, aantal in queries.items()))
        opslaan = autosave.meten(bench, groot, server_cpu_meter(groot))
        belasting["autosave"] = cpu.belasting()
        kop("Zonder verbinding: wat de service worker per gesprek bewaart, en een outbox van 100 aantekeningen")
        zonder_verbinding = {**offline.bewaard_per_gesprek(bench), **offline.outbox_versturen(bench, groot)}
    vol = opslaan["autosave, volle snelheid"]
    triviaal = opslaan["triviaal, volle snelheid"]
    browser = opslaan["autosave, browsertempo"]
    ingelogd = opslaan["triviaal ingelogd, volle snelheid"]
    verhouding = round(vol["rps"] / triviaal["rps"], 2) if triviaal["rps"] else 0.0
    verhouding_ingelogd = round(vol["rps"] / ingelogd["rps"], 2) if ingelogd["rps"] else 0.0
    print(f"autosave/triviaal (volle snelheid): {verhouding:.2f}, tegen triviaal ingelogd: {verhouding_ingelogd:.2f}")

    kop(f"PDF-rapport (mediaan van {pdf.RENDERS - 1} warme renders per meetproces, {pdf.RONDES} rondes om de beurt)")
    rapport = pdf_meten(bench)
    belasting["eind"] = cpu.belasting()

    gemeten = [p for p in bij_10k.values() if p["p95_ms"] is not None]
    groei = [p["growth"] for p in bij_10k.values() if p["growth"] is not None]
    groei_cpu = [p["growth_cpu"] for p in bij_10k.values() if p["growth_cpu"] is not None]
    resultaat = {
        "pages_p95_ms": max((p["p95_ms"] for p in gemeten), default=None),
        "max_queries": max((p["queries"] for p in bij_10k.values()), default=None),
        "queries_constant": all(
            p["queries"] == p["queries_bij_100"] and p["queries_zwaar"] in (None, p["queries"])
            for p in bij_10k.values()
        ),
        "growth": max(groei, default=None),
        "growth_cpu": max(groei_cpu, default=None),
        "autosave_rps": vol["rps"],
        "autosave_p50_ms": vol["p50_ms"],
        "autosave_p95_ms": vol["p95_ms"],
        "autosave_p99_ms": vol["p99_ms"],
        "autosave_vs_trivial": verhouding,
        "autosave_vs_trivial_logged_in": verhouding_ingelogd,
        "trivial_rps": triviaal["rps"],
        "trivial_logged_in_rps": ingelogd["rps"],
        "trivial_p95_ms": triviaal["p95_ms"],
        "autosave_browser_rps": browser["rps"],
        "autosave_browser_p95_ms": browser["p95_ms"],
        "autosave_browser_p99_ms": browser["p99_ms"],
        "autosave_queries": queries["autosave"],
        "trivial_queries": queries["triviaal"],
        "trivial_logged_in_queries": queries["triviaal ingelogd"],
        "autosave_server_cpu_ms": vol["server_cpu_ms"],
        "trivial_server_cpu_ms": triviaal["server_cpu_ms"],
        "trivial_logged_in_server_cpu_ms": ingelogd["server_cpu_ms"],
        "pdf_heavy_s": round(rapport["zwaar"]["app"]["warm_s"], 2),
        "pdf_heavy_cpu_s": round(rapport["zwaar"]["app"]["warm_cpu_s"], 2),
        "pdf_heavy_cold_s": round(rapport["zwaar"]["app"]["koud_s"], 2),
        "pdf_heavy_peak_mb": round(rapport["zwaar"]["app"]["piek_mb"]),
        "pdf_heavy_bare_s": round(rapport["zwaar"]["kaal"]["warm_s"], 2),
        "pdf_vs_bare": round(rapport["zwaar"]["verhouding"], 2),
        "pdf_light_s": round(rapport["licht"]["app"]["warm_s"], 2),
        "pdf_light_peak_mb": round(rapport["licht"]["app"]["piek_mb"]),
        "pages": {
            naam: {k: p.get(k) for k in ("queries", "p50_ms", "p95_ms", "growth", "server_cpu_ms", "growth_cpu")}
            for naam, p in bij_10k.items()
        },
        "pages_100": {
            naam: {k: p.get(k) for k in ("queries", "p50_ms", "p95_ms", "server_cpu_ms")}
            for naam, p in bij_100.items()
        },
        "offline": zonder_verbinding,
        "search": gezocht,
        "search_p95_ms": max((z["p95_ms"] or 1e9 for z in gezocht.values()), default=None),
        "pages_live_p95_ms": live.hoogste(live_figuren, "pagina"),
        "overzicht_live_p95_ms": live.hoogste(live_figuren, "overzicht"),
        "zoeken_p95_ms": live.hoogste(live_figuren, "zoeken"),
        "rapport_vastgesteld_p95_ms": live.hoogste(live_figuren, "rapport"),
        "pages_live_quiet_p95_ms": live.hoogste(live_figuren, "pagina", "stil"),
        "overzicht_uncached_quiet_p95_ms": live.hoogste(live_figuren, "overzicht", "stil"),
        "rapport_vastgesteld_quiet_p95_ms": live.hoogste(live_figuren, "rapport", "stil"),
        "live": live_figuren,
        "live_load": live_last,
        "errors": fouten,
        "load_avg": belasting,
        "seconds": round(time.monotonic() - begin),
    }
    kop("Doelen")
    for naam, gehaald in _doelen(resultaat):
        print(f"{'gehaald' if gehaald else 'NIET   '}  {naam}")
    if max(belasting.values()) > (os.cpu_count() or 1):
        print(
            f"let op: belasting tot {max(belasting.values())} op {os.cpu_count()} kernen: andere processen gebruikten"
        )
        print(
            "        de cpu mee, de tijden zijn hoger dan op een stille machine. Groei en autosave/triviaal zijn om de"
        )
        print("        beurt gemeten; die verhoudingen hebben daar veel minder last van.")
    print(f"klaar in {resultaat['seconds']} s")
    print(json.dumps(resultaat, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
