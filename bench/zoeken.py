"""Search in what was said (issue 19): the p95 of *Mijn gesprekken* with a search, at 10,000 gesprekken and their
300,000 notes, over HTTP as the pages are measured. The words come from bench/woorden.py: a word's beginning found
in most gesprekken, two words that must both occur, a word found in few, and a word found nowhere, for which every
text of the inspector's gesprekken is read."""

from urllib.parse import urlencode

from django.urls import reverse

from . import pages

ZOEKVRAGEN = {
    "begin van een woord": "samenwerk",
    "twee woorden": "escalatie bellen",
    "zeldzaam woord": "rolverdeling",
    "nergens": "xylofoon",
}


def meten(bench, server, cpu_meter, cookie):
    inspecteur = bench.gebruikers.inspecteurs[0]
    uitkomst = {}
    print(f"{'zoekvraag':32} {'queries':>7} {'p50':>6} {'p95':>6} {'cpu':>6} {'n':>4}")
    for naam, vraag in ZOEKVRAGEN.items():
        url = f"{reverse('gesprekken:mijn_gesprekken')}?{urlencode({'zoek': vraag})}"
        pagina = pages.Pagina(f"zoeken, {naam}", url, inspecteur)
        telling = pages.tellen(pagina)
        meting = pages.afwisselend_meten({"10000": (server, cpu_meter)}, pagina, cookie)["10000"]
        uitkomst[naam] = {
            "zoek": vraag,
            "status": telling.status,
            "queries": telling.queries,
            "p50_ms": pages.afgerond(pages.percentiel(meting.ms, 50)),
            "p95_ms": pages.afgerond(pages.percentiel(meting.ms, 95)),
            "server_cpu_ms": round(meting.cpu_ms, 1),
            "n": len(meting.ms),
            "fout": meting.fout,
        }
        r = uitkomst[naam]
        print(
            f"{naam + ' (' + vraag + ')':32} {r['queries']:>7} {r['p50_ms']!s:>6} {r['p95_ms']!s:>6} "
            f"{r['server_cpu_ms']:>6} {r['n']:>4}" + (f"  ! {meting.fout}" if meting.fout else ""),
            flush=True,
        )
    return uitkomst
