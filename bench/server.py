"""gunicorn with the production settings on a free loopback port, for the length of a `with` block."""

import contextlib
import dataclasses
import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings

GUNICORN_CONF = Path(settings.BASE_DIR) / "samenwerking" / "gunicorn.conf.py"
# Without the project's config: 3 processes of 4 threads on 2 cores; threads also give HTTP keep-alive.
STANDAARD = ["--workers", "3", "--threads", "4", "--worker-class", "gthread"]
OPSTARTEN_S = 60


def _vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _opdracht(poort):
    opdracht = [sys.executable, "-m", "gunicorn"]
    opdracht += ["-c", str(GUNICORN_CONF)] if GUNICORN_CONF.exists() else STANDAARD
    # Command-line flags win over the config file: the bench's own port and WSGI module.
    return opdracht + ["--bind", f"127.0.0.1:{poort}", "--chdir", str(settings.BASE_DIR), "bench.wsgi:application"]


def instellingen():
    """The worker settings gunicorn will really use, config file and flags together."""
    uitvoer = subprocess.run(
        [*_opdracht(0), "--print-config"], capture_output=True, text=True, timeout=60, cwd=settings.BASE_DIR
    ).stdout
    waarden = {}
    for regel in uitvoer.splitlines():
        if " = " in regel:
            naam, waarde = regel.split(" = ", 1)
            waarden[naam.strip()] = waarde.strip()
    velden = ("workers", "threads", "worker_class", "keepalive", "timeout", "max_requests", "max_requests_jitter")
    bron = (
        "samenwerking/gunicorn.conf.py" if GUNICORN_CONF.exists() else "bench-standaard (" + " ".join(STANDAARD) + ")"
    )
    gekozen = {veld: waarden.get(veld, "?") for veld in velden}
    if gekozen["worker_class"] == "sync" and gekozen["threads"].isdigit() and int(gekozen["threads"]) > 1:
        gekozen["worker_class"] = "gthread (sync met threads > 1)"
    return bron, gekozen


@dataclasses.dataclass
class Server:
    adres: tuple
    pid: int
    logpad: str

    def workers_gestart(self):
        """Workers booted so far, the first ones included: more than `workers` means recycled or crashed ones."""
        return Path(self.logpad).read_text(errors="replace").count("Booting worker")


@contextlib.contextmanager
def gunicorn(database_url):
    poort = _vrije_poort()
    log = tempfile.NamedTemporaryFile("w+", prefix="bench-gunicorn-", suffix=".log", delete=False)
    proces = subprocess.Popen(
        _opdracht(poort),
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": database_url},
    )
    gelukt = False
    try:
        _wacht_tot_klaar(proces, poort, log.name)
        yield Server(("127.0.0.1", poort), proces.pid, log.name)
        gelukt = True
    finally:
        # SIGINT is gunicorn's quick shutdown; TERM would wait for keep-alive connections to drain.
        proces.send_signal(signal.SIGINT)
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait(timeout=30)
        log.close()
        if gelukt:
            os.unlink(log.name)
        else:
            print(f"gunicorn-log bewaard: {log.name}")


def _wacht_tot_klaar(proces, poort, logpad):
    einde = time.monotonic() + OPSTARTEN_S
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise SystemExit(f"gunicorn stopte bij het opstarten:\n{Path(logpad).read_text()[-3000:]}")
        try:
            verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=5)
            verbinding.request("GET", "/inloggen/")
            if verbinding.getresponse().status == 200:
                verbinding.close()
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn antwoordde niet binnen {OPSTARTEN_S} s; zie {logpad}")
