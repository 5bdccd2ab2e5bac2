"""The PDF report: the app's path against WeasyPrint alone on the same final HTML.

Every measurement runs in its own process, so peak memory belongs to that rendering alone. It is the process's
VmHWM: ru_maxrss would report the parent's size, which a child inherits across fork and exec.

    python -m bench.pdf app <gesprek_id> <renders>        gesprek loaded as the view loads it, then pdf.rapport()
    python -m bench.pdf kaal <html-file> <static_root> <basis_url> <static_url> <renders>
                                                         WeasyPrint alone, no Django imported

The first render is cold (fonts, stylesheets); the median of the later ones is the warm time, in wall-clock and
in CPU seconds (the latter hardly moves when other work shares the machine). Each prints one JSON line.
"""

import json
import mimetypes
import statistics
import subprocess
import sys
import time
from pathlib import Path

RENDERS = 4
RONDES = 3
TIMEOUT_S = 600


def _piek_mb():
    with open("/proc/self/status") as status:
        return next(int(r.split()[1]) for r in status if r.startswith("VmHWM:")) / 1024


def _meten(render, renders):
    rss_voor = _piek_mb()
    seconden, cpu = [], []
    for nummer in range(renders):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        render()
        seconden.append(time.perf_counter() - begin)
        cpu.append(time.process_time() - begin_cpu)
        if nummer == 0:
            piek_eerste = _piek_mb()
    return {
        "koud_s": seconden[0],
        "warm_s": statistics.median(seconden[1:]) if renders > 1 else seconden[0],
        "warm_cpu_s": statistics.median(cpu[1:]) if renders > 1 else cpu[0],
        "rss_voor_mb": rss_voor,
        "piek_eerste_mb": piek_eerste,
        "piek_mb": _piek_mb(),
    }


def _app(gesprek_id, renders):
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gesprekken.models import Gesprek
    from gesprekken.rapport import pdf

    queryset = Gesprek.objects.met_rapport  # as the view loads it
    grootte = {}

    def render():
        with CaptureQueriesContext(connection) as queries:
            gesprek = queryset().get(pk=gesprek_id)
            _, inhoud = pdf.rapport(gesprek)
        grootte.update(queries=len(queries.captured_queries), bytes=len(inhoud))

    connection.ensure_connection()
    return {**_meten(render, renders), **grootte}


def _kaal(html_pad, static_root, basis_url, static_url, renders):
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    html = Path(html_pad).read_text()
    root = Path(static_root)

    class StatischeBestanden(URLFetcher):
        """The collected static files, read from disk: the same bytes the app's fetcher finds."""

        def fetch(self, url, headers=None):
            pad = root / url.removeprefix(static_url).split("?")[0].split("#")[0]
            soort = mimetypes.guess_type(pad)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=pad.read_bytes(), headers={"Content-Type": soort})

    grootte = {}

    def render():
        fetcher = StatischeBestanden(allow_redirects=False)
        inhoud = HTML(string=html, base_url=basis_url, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
        grootte["bytes"] = len(inhoud)

    return {**_meten(render, renders), **grootte}


def meten(*argumenten):
    """Runs one measurement in a fresh process and returns its figures."""
    uitvoer = subprocess.run(
        [sys.executable, "-m", "bench.pdf", *map(str, argumenten)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    if uitvoer.returncode != 0:
        raise SystemExit(f"PDF-meting {argumenten[:2]} mislukte:\n{uitvoer.stderr[-3000:]}")
    return json.loads(uitvoer.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    soort, *rest = sys.argv[1:]
    if soort == "app":
        figuren = _app(int(rest[0]), int(rest[1]))
    else:
        figuren = _kaal(rest[0], rest[1], rest[2], rest[3], int(rest[4]))
    print(json.dumps(figuren))
