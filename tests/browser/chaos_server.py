"""A gunicorn of its own for the chaos journey (test_chaos.py), in a process the test can kill and restart.

The in-thread live server cannot be restarted, and a process cannot reach an in-memory test database, so the
server gets a database of its own: a file on SQLite, a fresh database on the test run's PostgreSQL server.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
# The key of Olga's and Cas's authenticator app: the server runs with the production settings, which ask for a
# second factor after the password.
TOTP_SLEUTEL = "3132333435363738393031323334353637383930"

# Runs in `manage.py shell`: the same builders the other tests use, so the accounts share their password.
VOORBEREIDEN = """
import json
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from elementen.models import Kader
from tests import factories

call_command("loaddata", "vragenbank", verbosity=0)
kader = Kader.objects.get(soort=Kader.Soort.HANDREIKING)
olga = factories.inspecteur("eigenaar", "Olga", "Eigenaar")
cas = factories.inspecteur("collega", "Cas", "Collega")
gesprek = factories.gesprek(eigenaar=olga, kader=kader, co_inspecteurs=[cas])
for inspecteur in (olga, cas):
    TOTPDevice.objects.create(user=inspecteur, name="Authenticator-app", key="{sleutel}")
print(json.dumps({"gesprek": gesprek.pk}))
"""

AANTEKENINGEN = """
import json
from gesprekken.models import Aantekening

print(json.dumps({a.pk: a.tekst for a in Aantekening.objects.filter(gesprek_id={gesprek})}))
"""


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Database:
    """A database the server process can reach, of the vendor the test run uses."""

    def __init__(self, instellingen: dict, map: Path):
        self.instellingen = instellingen
        self.postgres = instellingen["ENGINE"].endswith("postgresql")
        self.naam = f"chaos_{uuid.uuid4().hex[:8]}"
        self.url = self._maak(map)

    def _maak(self, map: Path) -> str:
        if not self.postgres:
            return f"sqlite:///{map / 'chaos.sqlite3'}"
        self._beheer(f'CREATE DATABASE "{self.naam}"')
        i = self.instellingen
        wachtwoord = f":{i['PASSWORD']}" if i.get("PASSWORD") else ""
        return f"postgres://{i['USER']}{wachtwoord}@{i['HOST']}:{i['PORT']}/{self.naam}"

    def _beheer(self, sql: str) -> None:
        import psycopg2

        i = self.instellingen
        verbinding = psycopg2.connect(
            dbname="postgres", user=i["USER"], password=i.get("PASSWORD") or None, host=i["HOST"], port=i["PORT"]
        )
        verbinding.autocommit = True
        try:
            with verbinding.cursor() as cursor:
                cursor.execute(sql)
        finally:
            verbinding.close()

    def opruimen(self) -> None:
        if self.postgres:
            self._beheer(f'DROP DATABASE IF EXISTS "{self.naam}" WITH (FORCE)')


class ChaosServer:
    """gunicorn with two workers, started, stopped, restarted and robbed of a worker on the test's command."""

    def __init__(self, database: Database, logbestand: Path):
        self.poort = vrije_poort()
        self.url = f"http://127.0.0.1:{self.poort}"
        self.log = open(logbestand, "ab")
        self.omgeving = {
            **os.environ,
            "DATABASE_URL": database.url,
            "DEBUG": "false",
            "SECURE_COOKIES": "false",
            "GUNICORN_BIND": f"127.0.0.1:{self.poort}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "4",
            # A killed worker is replaced at once; one that hangs is ended after this many seconds.
            "GUNICORN_TIMEOUT": "20",
        }
        self.proces = None

    def manage(self, *args: str) -> str:
        uit = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT,
            env=self.omgeving,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert uit.returncode == 0, uit.stderr
        return uit.stdout

    def voorbereiden(self) -> int:
        """Migrates, loads the vragenbank, makes Olga, Cas and their gesprek; returns the gesprek's id."""
        self.manage("migrate", "--no-input", "--verbosity", "0")
        voorbereiden = VOORBEREIDEN.replace("{sleutel}", TOTP_SLEUTEL)
        return json.loads(self.manage("shell", "-c", voorbereiden).strip().splitlines()[-1])["gesprek"]

    def aantekeningen(self, gesprek: int) -> dict[int, str]:
        uit = self.manage("shell", "-c", AANTEKENINGEN.replace("{gesprek}", str(gesprek)))
        return {int(pk): tekst for pk, tekst in json.loads(uit.strip().splitlines()[-1]).items()}

    @property
    def draait(self) -> bool:
        return self.proces is not None and self.proces.poll() is None

    def start(self, wachten: bool = True) -> None:
        self.proces = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "samenwerking/gunicorn.conf.py", "samenwerking.wsgi"],
            cwd=PROJECT,
            env=self.omgeving,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        if wachten:
            self.wacht_tot_klaar()

    def wacht_tot_klaar(self, timeout_s: float = 60) -> None:
        einde = time.monotonic() + timeout_s
        while time.monotonic() < einde:
            assert self.draait, "gunicorn is gestopt"
            try:
                with urllib.request.urlopen(f"{self.url}/inloggen/", timeout=5) as antwoord:
                    if antwoord.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise TimeoutError(f"gunicorn antwoordt niet op {self.url}")

    def stop(self) -> None:
        """A restart as a service manager does it: SIGTERM, gunicorn lets the workers finish their request."""
        if not self.draait:
            return
        self.proces.send_signal(signal.SIGTERM)
        try:
            self.proces.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.proces.kill()
            self.proces.wait()

    def workers(self) -> list[int]:
        if not self.draait:
            return []
        try:
            kinderen = Path(f"/proc/{self.proces.pid}/task/{self.proces.pid}/children").read_text()
        except FileNotFoundError:
            return []
        return [int(pid) for pid in kinderen.split()]

    def dood_worker(self, pid: int) -> None:
        """A worker killed mid-request (out of memory, say): no chance to finish or answer."""
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def opruimen(self) -> None:
        self.stop()
        self.log.close()
