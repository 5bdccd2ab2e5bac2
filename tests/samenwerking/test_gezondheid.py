"""/gezondheid/: 200 when the database answers and is fully migrated, 503 when not, never a 500."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from samenwerking.gezondheid import NIET_TOEGESTAAN
from tests.browser.chaos_server import Database, vrije_poort

ROOT = Path(__file__).resolve().parents[2]

# Runs in a process of its own against a database of its own: one migration short first, then migrated fully.
TERUG_EN_VOORUIT = """
import json
from django.core.management import call_command
from django.test import Client

call_command("migrate", "gesprekken", "0004", verbosity=0)
voor = Client().get("/gezondheid/")
call_command("migrate", verbosity=0)
na = Client().get("/gezondheid/")
print(json.dumps([voor.status_code, voor.json(), na.status_code, na.json()]))
"""

OPVRAGEN = """
import json
from django.test import Client

antwoord = Client().get("/gezondheid/")
print(json.dumps([antwoord.status_code, antwoord.json()]))
"""


def _in_eigen_proces(code, database_url):
    uit = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**_omgeving(), "DATABASE_URL": database_url, "ALLOWED_HOSTS": "testserver"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert uit.returncode == 0, uit.stderr
    return json.loads(uit.stdout.strip().splitlines()[-1])


def _omgeving():
    return {k: v for k, v in os.environ.items() if k != "LOG_FORMAT"}


def test_a_migrated_database_that_answers_is_healthy(client, db):
    antwoord = client.get("/gezondheid/")

    assert antwoord.status_code == 200
    assert antwoord.json() == {"status": "ok"}
    assert antwoord["Content-Type"] == "application/json"
    assert "no-store" in antwoord["Cache-Control"]
    assert "sessionid" not in antwoord.cookies


def test_it_needs_no_login_and_says_nothing_about_versions(client, db):
    antwoord = client.get("/gezondheid/")

    assert b"django" not in antwoord.content.lower() and b"version" not in antwoord.content.lower()
    assert "Server" not in antwoord


def test_an_unapplied_migration_makes_it_unhealthy_until_it_is_applied(tmp_path):
    database = Database(settings.DATABASES["default"], tmp_path)
    try:
        voor_status, voor, na_status, na = _in_eigen_proces(TERUG_EN_VOORUIT, database.url)
    finally:
        database.opruimen()

    assert (voor_status, voor["status"]) == (503, "fout")
    assert voor["melding"] == "De database is nog niet bijgewerkt."
    assert (na_status, na) == (200, {"status": "ok"})


def test_a_database_that_does_not_answer_makes_it_unhealthy():
    status, inhoud = _in_eigen_proces(OPVRAGEN, f"postgres://niemand@127.0.0.1:{vrije_poort()}/geen")

    assert status == 503
    assert inhoud == {"status": "fout", "melding": "De database antwoordt niet."}


@pytest.mark.parametrize("methode", ["post", "put", "patch", "delete", "options", "trace"])
def test_other_methods_than_get_and_head_get_a_dutch_405_in_json(client, db, methode):
    antwoord = getattr(client, methode)("/gezondheid/", data="x=1", content_type="application/x-www-form-urlencoded")

    assert antwoord.status_code == 405
    assert antwoord["Allow"] == "GET, HEAD"
    assert antwoord.json() == {"status": "fout", "melding": NIET_TOEGESTAAN}


def test_head_answers_without_a_body(client, db):
    antwoord = client.head("/gezondheid/")

    assert antwoord.status_code == 200
    assert antwoord.content == b""


def test_an_odd_method_name_is_refused_not_an_error(client, db):
    antwoord = client.generic("BREW", "/gezondheid/")

    assert antwoord.status_code == 405


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_X_REQUEST_ID": "x" * 5000},
        {"HTTP_X_REQUEST_ID": "a\r\nSet-Cookie: sessionid=gestolen"},
        {"HTTP_X_FORWARDED_FOR": "'; DROP TABLE auth_user; --, ::::, 999.1.1.1"},
        {"HTTP_X_FORWARDED_PROTO": "https, http"},
        {"HTTP_HOST": "aanvaller.example\r\n"},
        {"HTTP_HOST": "[::1"},
        {"HTTP_COOKIE": "sessionid=\x00\xff; csrftoken=" + "z" * 4000},
        {"HTTP_ACCEPT": "*/*;q=nonsense", "HTTP_ACCEPT_LANGUAGE": "xx-" * 500},
        {"CONTENT_TYPE": "multipart/form-data; boundary=", "CONTENT_LENGTH": "-1"},
        {"HTTP_IF_NONE_MATCH": '"' * 100, "HTTP_IF_MODIFIED_SINCE": "gisteren"},
    ],
)
def test_odd_headers_never_give_a_server_error(client, db, headers):
    antwoord = client.get("/gezondheid/", **headers)

    assert antwoord.status_code in (200, 400)
    assert len(antwoord["X-Request-ID"]) == 32  # not the one sent, which was no plain token


def test_a_plain_request_id_is_sent_back(client, db):
    antwoord = client.get("/gezondheid/", HTTP_X_REQUEST_ID="lb-probe-0001")

    assert antwoord["X-Request-ID"] == "lb-probe-0001"
