"""Two requests at once on PostgreSQL: each in a thread of its own, so each with a connection of its own.

Tests using these must be transactional (what one request wrote is only seen by the other once committed).
"""

import threading
import time

import pytest
from django.db import connection
from django.test import Client

alleen_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one writer in at a time; PostgreSQL's row locks are what this is about.",
)


def verzoek_in_een_draad(user, verzoek):
    """Starts `verzoek(client)` as `user` in a thread; join the thread, then read its `antwoord`."""

    def draaien():
        client = Client()
        client.force_login(user)
        try:
            draad.antwoord = verzoek(client)
        finally:
            connection.close()

    draad = threading.Thread(target=draaien)
    draad.start()
    return draad


def wachten_tot_een_verzoek_op_een_slot_wacht():
    """Returns once another connection waits for a lock, or after 10 s (a request that never waits)."""
    einde = time.monotonic() + 10
    with connection.cursor() as cursor:
        while time.monotonic() < einde:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.01)
