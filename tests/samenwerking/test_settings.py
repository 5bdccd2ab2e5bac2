import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _start(**env):
    omgeving = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    omgeving.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=omgeving, capture_output=True, text=True
    )


def test_starting_without_secret_key_and_debug_off_is_a_clear_error():
    resultaat = _start()

    assert resultaat.returncode != 0
    assert "SECRET_KEY is verplicht wanneer DEBUG uit staat" in resultaat.stderr


def test_a_bad_debug_value_is_refused_loudly():
    resultaat = _start(DEBUG="misschien", SECRET_KEY="x")

    assert resultaat.returncode != 0
    assert "DEBUG moet true of false zijn" in resultaat.stderr


def test_the_interface_is_dutch_in_amsterdam_time(settings):
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"


def test_the_start_page_sends_each_role_to_its_work(client_van, eigenaar, beheerder, coordinator, vragenbank):
    assert client_van(eigenaar).get("/")["Location"] == "/gesprekken/"
    assert client_van(beheerder).get("/")["Location"] == "/admin/"
    assert client_van(coordinator).get("/")["Location"] == "/handreiking/"


def test_the_login_page_is_dutch_and_logs_in(client, eigenaar):
    pagina = client.get("/inloggen/").content.decode()
    assert "Gebruikersnaam" in pagina and "Wachtwoord" in pagina

    response = client.post("/inloggen/", {"username": "eigenaar", "password": "een-lang-testwachtwoord"})

    assert response.status_code == 302
    assert client.get("/gesprekken/").status_code == 200
