"""Gunicorn nodes with the production settings behind Debian's nginx with TLS, as deploy/ describes them.

Used by test_nginx.py (one node) and test_twee_nodes.py (two). Every process runs as the current user with its
files in the test's temporary directory, on free ports of 127.0.0.1. The database is one of the test run's
vendor (tests/browser/chaos_server.py); the clients connect from 127.0.0.2 and up, so that the address the
app logs tells the client from nginx (127.0.0.1).
"""

import hashlib
import hmac
import http.client
import json
import os
import re
import signal
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from tests.browser.chaos_server import vrije_poort

ROOT = Path(__file__).resolve().parents[2]
NGINX = Path("/usr/sbin/nginx")
VOORBEELD = ROOT / "deploy" / "nginx-samenwerking.conf"
SLEUTEL = "test-" + "k9Qz3vX7pL2mN8rT4wY6bH1cJ5dF0gS" * 2

VOORBEREIDEN = """
import json
from django.apps import apps
from django.core.management import call_command
from elementen.models import Kader
from gesprekken.models import Aantekening
from tests import factories

call_command("loaddata", "vragenbank", verbosity=0)
kader = Kader.objects.get(soort=Kader.Soort.HANDREIKING)
olga = factories.inspecteur("eigenaar", "Olga", "Eigenaar")
gesprek = factories.gesprek(eigenaar=olga, kader=kader)
aantekeningen = Aantekening.objects.filter(gesprek=gesprek, veld__isnull=True).order_by("pk")
totp = ""
if apps.is_installed("django_otp.plugins.otp_totp"):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    totp = TOTPDevice.objects.create(user=olga, name="app", confirmed=True).key
ids = list(aantekeningen.values_list("pk", flat=True)[:8])
print(json.dumps({"gesprek": gesprek.pk, "aantekeningen": ids, "totp": totp}))
"""


def productie_omgeving(database_url):
    """DEBUG off, https only, behind a proxy on 127.0.0.1, JSON logs; nothing of the test run's own settings."""
    weg = ("DEBUG", "SECRET_KEY", "DATABASE_URL", "CONN_MAX_AGE", "DJANGO_ALLOW_ASYNC_UNSAFE", "LOG_FORMAT")
    omgeving = {k: v for k, v in os.environ.items() if k not in weg and not k.startswith(("SECURE_", "GUNICORN_"))}
    return {
        **omgeving,
        "SECRET_KEY": SLEUTEL,
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto: https",
        "VERTROUWDE_PROXIES": "127.0.0.1",
        "LOG_FORMAT": "json",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "4",
    }


def manage(omgeving, *args):
    uit = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=omgeving, capture_output=True, text=True, timeout=300
    )
    assert uit.returncode == 0, uit.stderr
    return uit.stdout


def in_de_database(omgeving, code):
    """What `code` prints last as JSON, run in `manage.py shell` against the servers' database."""
    return json.loads(manage(omgeving, "shell", "-c", code).strip().splitlines()[-1])


def voorbereiden(omgeving):
    manage(omgeving, "migrate", "--no-input", "--verbosity", "0")
    return in_de_database(omgeving, VOORBEREIDEN)


class Node:
    """One gunicorn, in a process group of its own so that killing it leaves no worker behind."""

    def __init__(self, omgeving, log: Path):
        self.poort = vrije_poort()
        self.omgeving = {**omgeving, "GUNICORN_BIND": f"127.0.0.1:{self.poort}"}
        self.log = log
        self.proces = None

    def start(self):
        with open(self.log, "ab") as uitvoer:
            self.proces = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "samenwerking/gunicorn.conf.py", "samenwerking.wsgi"],
                cwd=ROOT,
                env=self.omgeving,
                stdout=uitvoer,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        einde = time.monotonic() + 60
        while time.monotonic() < einde:
            assert self.proces.poll() is None, self.log.read_text()
            try:
                if Klant(self.poort, bron="127.0.0.1").verzoek("GET", "/gezondheid/").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"gunicorn antwoordt niet op poort {self.poort}:\n{self.log.read_text()}")

    def doden(self):
        """As a machine that dies: no worker finishes its request."""
        if self.proces is not None and self.proces.poll() is None:
            os.killpg(self.proces.pid, signal.SIGKILL)
            self.proces.wait(timeout=10)

    def stoppen(self):
        if self.proces is not None and self.proces.poll() is None:
            os.killpg(self.proces.pid, signal.SIGTERM)
            try:
                self.proces.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.doden()


class Nginx:
    """deploy/nginx-samenwerking.conf with a certificate made here, in front of `nodes`."""

    def __init__(self, map: Path, nodes):
        self.map = map
        self.https = vrije_poort()
        self.http = vrije_poort()
        self.certificaat = map / "certificaat.pem"
        sleutel = map / "sleutel.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
            + ["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", sleutel, "-out", self.certificaat],
            check=True,
            capture_output=True,
        )
        self.toegangslog = map / "nginx-toegang.log"
        upstream = "server 127.0.0.1:8000 max_fails=1 fail_timeout=5s;"
        site = VOORBEELD.read_text()
        for oud, nieuw in [
            (upstream, "\n    ".join(upstream.replace("8000", str(node.poort)) for node in nodes)),
            ("listen 80;", f"listen 127.0.0.1:{self.http};"),
            ("listen 443 ssl;", f"listen 127.0.0.1:{self.https} ssl;"),
            ("/etc/ssl/certs/samenwerking.pem", str(self.certificaat)),
            ("/etc/ssl/private/samenwerking.key", str(sleutel)),
            ("/var/log/nginx/samenwerking.log", str(self.toegangslog)),
        ]:
            assert oud in site, f"{oud!r} staat niet meer in {VOORBEELD.name}"
            site = site.replace(oud, nieuw)
        (map / "site.conf").write_text(site)
        # As root nginx would hand its workers to nobody, who cannot enter the test's directory.
        gebruiker = "user root;\n" if os.geteuid() == 0 else ""
        tijdelijk = "".join(f"{soort}_temp_path {map / soort};\n" for soort in ("client_body", "proxy", "fastcgi"))
        tijdelijk += "".join(f"{soort}_temp_path {map / soort};\n" for soort in ("uwsgi", "scgi"))
        (map / "nginx.conf").write_text(
            f"{gebruiker}daemon off;\nworker_processes 1;\npid {map / 'nginx.pid'};\n"
            f"error_log {map / 'error.log'};\nevents {{ worker_connections 256; }}\n"
            f"http {{\n{tijdelijk}access_log off;\ninclude {map / 'site.conf'};\n}}\n"
        )
        self.proces = None

    def start(self):
        self.proces = subprocess.Popen(
            [NGINX, "-p", self.map, "-c", self.map / "nginx.conf", "-e", self.map / "error.log"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        einde = time.monotonic() + 20
        while time.monotonic() < einde:
            assert self.proces.poll() is None, (self.map / "error.log").read_text()
            try:
                Klant(self.http).verzoek("GET", "/")
                return
            except OSError:
                time.sleep(0.1)
        raise TimeoutError("nginx antwoordt niet:\n" + (self.map / "error.log").read_text())

    def stoppen(self):
        if self.proces is not None and self.proces.poll() is None:
            self.proces.send_signal(signal.SIGQUIT)
            try:
                self.proces.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proces.kill()
                self.proces.wait()

    def tls(self):
        return ssl.create_default_context(cafile=self.certificaat)


@dataclass
class Antwoord:
    status: int
    headers: http.client.HTTPMessage
    inhoud: bytes

    @property
    def tekst(self):
        return self.inhoud.decode()


class Klant:
    """A browser in brief: cookies, the CSRF token, and the address it connects from. Follows no redirects."""

    def __init__(self, poort, *, tls=None, bron="127.0.0.2", headers=None):
        self.poort = poort
        self.tls = tls
        self.bron = bron
        self.headers = headers or {}
        self.cookies = {}
        self.set_cookie = []

    @property
    def origin(self):
        https = self.tls or self.headers.get("X-Forwarded-Proto") == "https"
        return f"{'https' if https else 'http'}://127.0.0.1:{self.poort}"

    def verzoek(self, methode, pad, velden=None, headers=None):
        soort = {"context": self.tls} if self.tls else {}
        verbinding = (http.client.HTTPSConnection if self.tls else http.client.HTTPConnection)(
            "127.0.0.1", self.poort, timeout=30, source_address=(self.bron, 0), **soort
        )
        alle = {"Host": f"127.0.0.1:{self.poort}", **self.headers}
        if self.cookies:
            alle["Cookie"] = "; ".join(f"{naam}={waarde}" for naam, waarde in self.cookies.items())
        inhoud = None
        if velden is not None:
            inhoud = urlencode(velden)
            alle.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": self.origin,
                    "X-CSRFToken": self.cookies.get("csrftoken", ""),
                }
            )
        alle.update(headers or {})
        try:
            verbinding.request(methode, pad, inhoud, alle)
            antwoord = verbinding.getresponse()
            gelezen = antwoord.read()
        finally:
            verbinding.close()
        for waarde in antwoord.headers.get_all("Set-Cookie") or []:
            self.set_cookie.append(waarde)
            naam, _, rest = waarde.partition("=")
            self.cookies[naam.strip()] = rest.split(";")[0]
        return Antwoord(antwoord.status, antwoord.headers, gelezen)

    def formulier(self, pad, velden, headers=None):
        pagina = self.verzoek("GET", pad)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pagina.tekst).group(1)
        return self.verzoek("POST", pad, {**velden, "csrfmiddlewaretoken": token}, headers)

    def inloggen(self, gebruikersnaam, wachtwoord, *, totp="", headers=None):
        """The password, then the authenticator app's code when the app asks for one (tweedefactor/)."""
        antwoord = self.formulier("/inloggen/", {"username": gebruikersnaam, "password": wachtwoord}, headers)
        if antwoord.status != 302:
            return antwoord
        verder = self.verzoek("GET", antwoord.headers["Location"], headers=headers)
        if verder.status == 302 and "/tweede-factor/" in verder.headers["Location"]:
            return self.formulier(verder.headers["Location"], {"code": totp_code(totp)}, headers)
        return antwoord


def totp_code(sleutel_hex):
    """The code an authenticator app shows now for this key (RFC 6238: SHA-1, 30 seconds, 6 digits)."""
    mac = hmac.new(bytes.fromhex(sleutel_hex), int(time.time() // 30).to_bytes(8, "big"), hashlib.sha1).digest()
    begin = mac[-1] & 0x0F
    return f"{int.from_bytes(mac[begin : begin + 4], 'big') & 0x7FFFFFFF:06d}"[-6:]
