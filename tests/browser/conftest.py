"""Browser journeys: Playwright drives Debian's Chromium against pytest-django's live server.

The live server runs in a thread of the test process and needs a transactional database, which is
flushed after every test. The roles (permission groups) come from data migrations, so every browser test
asks for a serialized rollback: the migrated state is restored before each test.
"""

import asyncio

import pytest
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.db import DEFAULT_DB_ALIAS, connections
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.factories import WACHTWOORD

CHROMIUM = "/usr/bin/chromium"
# Long enough for a PDF to render or an autosave retry to come round, short enough to fail fast.
expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


class _EenVerzoekTegelijk(WSGIServer):
    """Handles one request at a time.

    With an in-memory SQLite database the server threads share the test's one connection, and two requests
    in transaction.atomic at once (every request saves the session) would trip over each other's savepoints.
    Django then answers each request with `Connection: close`, so the browser never waits on a kept-alive
    connection.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


def _zoals_in_productie(app):
    """No static-files handler in front of the app: WhiteNoise serves the hashed files from the manifest,
    as in production. Django's handler looks the hashed names up in the finders and answers 404."""
    return app


@pytest.fixture(scope="session", autouse=True)
def _gemigreerde_stand(django_db_setup):
    """The migrated database as Django serialized it when it created the test database.

    Taken before Playwright starts: once its event loop runs in this thread, Django hands this thread a
    second set of database connections (asgiref's Local keeps connections per context beside a running
    loop), and those lack the serialized state a serialized rollback restores.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return connections[DEFAULT_DB_ALIAS]._test_serialized_contents
    raise RuntimeError("Playwright draait al; de gemigreerde stand van de database is niet meer te bereiken.")


@pytest.fixture(scope="package", autouse=True)
def _gemigreerde_stand_terugzetten(django_db_blocker, _gemigreerde_stand):
    """Leaves the migrated database behind, as the tests that run after these found it.

    A transactional test empties the database when it ends. pytest-django runs tests that ask for the
    database only along the way (request.getfixturevalue) after all others, and they expect the roles.
    """
    yield
    with django_db_blocker.unblock():
        connections[DEFAULT_DB_ALIAS].creation.deserialize_db_from_string(_gemigreerde_stand)


@pytest.fixture(scope="session")
def live_server(request, _gemigreerde_stand, playwright):
    """pytest-django's live server, started beside Playwright's event loop so that it shares the test
    thread's connection, and handling one request at a time when that is an in-memory SQLite database."""
    connections[DEFAULT_DB_ALIAS]._test_serialized_contents = _gemigreerde_stand
    server = LiveServer(request.config.getvalue("liveserver") or "localhost", start=False)
    server.thread.static_handler = _zoals_in_productie
    if server.thread.connections_override:
        server.thread.server_class = _EenVerzoekTegelijk
    server.start()
    yield server
    server.stop()
    # The connections opened beside Playwright's loop; left open, PostgreSQL refuses to drop the test database.
    connections.close_all()


@pytest.fixture(scope="session")
def base_url(live_server):
    """page.goto("/inloggen/") and expect(page).to_have_url("/…") go to the live server."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "nl-NL",
        "timezone_id": "Europe/Amsterdam",
        "viewport": {"width": 1280, "height": 900},
    }


@pytest.fixture
def new_context(new_context):
    """Contexts whose actions give up after 15 seconds instead of 30, so a broken journey fails fast."""

    def maak(**kwargs):
        context = new_context(**kwargs)
        context.set_default_timeout(15_000)
        return context

    return maak


@pytest.fixture(autouse=True)
def _browserdatabase(live_server, transactional_db, django_db_serialized_rollback):
    """Every journey talks to the live server, so its data must be committed and the roles restored."""


@pytest.fixture
def vragenbank(_browserdatabase):
    call_command("loaddata", "vragenbank", verbosity=0)
    from elementen.models import Kader

    return Kader.objects.get(soort=Kader.Soort.HANDREIKING)


def inloggen(page: Page, user) -> None:
    """Logs in through the real login form, as a person would."""
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def dubbele_ids(page: Page) -> list[str]:
    """Ids used more than once on the page: a label or aria-describedby may then point at the wrong field."""
    return page.evaluate(
        """() => {
            const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
            return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
        }"""
    )
