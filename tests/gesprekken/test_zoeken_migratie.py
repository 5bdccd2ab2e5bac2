"""Search after the migration that stores search vectors on PostgreSQL (gesprekken/migrations/…_zoeken.py), run on a
database as the release before had it: what was written before is found after it, and what is written after it too."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from gesprekken.models import Aantekening
from gesprekken.roles import INSPECTEURS

from .builders import aantekening_typen

URL = reverse("gesprekken:mijn_gesprekken")
# Serialized rollback: the roles and content types the migrations made are there again for the tests after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _migreren(doel):
    executor = MigrationExecutor(connection)
    executor.migrate(doel)
    return executor.loader.project_state(doel).apps


def _voor_zoeken():
    graph = MigrationExecutor(connection).loader.graph
    zoeken = next(knoop for knoop in graph.nodes if knoop[0] == "gesprekken" and knoop[1].endswith("_zoeken"))
    return [ouder.key for ouder in graph.node_map[zoeken].parents]


@pytest.fixture
def vorige_release():
    """The models as of the migration before; afterwards the database is migrated to the newest state again."""
    apps = _migreren(_voor_zoeken())
    yield apps
    _migreren(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _gesprek_maken(apps):
    eigenaar = apps.get_model("auth", "User").objects.create(username="inspecteur")
    organisatie = apps.get_model("gesprekken", "Organisatie").objects.create(
        naam="Gemeente Rivierstad", sleutel="gemeente rivierstad", soort="gemeente"
    )
    gesprek = apps.get_model("gesprekken", "Gesprek").objects.create(
        organisatie=organisatie,
        organisatie_type="gemeente",
        inspectie="igj",
        aanleiding="afsluitend gesprek",
        datum=datetime.date(2026, 1, 1),
        eigenaar=eigenaar,
        samenvatting="Het casusoverleg kent een wachttijd.",
    )
    apps.get_model("gesprekken", "Aantekening").objects.create(gesprek=gesprek, tekst="Een lange wachtlijst.")
    apps.get_model("gesprekken", "Afspraak").objects.create(
        gesprek=gesprek, wat="De afspraken over escalatie", wie="Ik"
    )
    return gesprek.pk


def test_what_was_written_before_the_migration_is_found_after_it(vorige_release, client_van):
    gesprek_id = _gesprek_maken(vorige_release)

    _migreren(MigrationExecutor(connection).loader.graph.leaf_nodes())

    inspecteur = get_user_model().objects.get(username="inspecteur")
    inspecteur.groups.add(Group.objects.get(name=INSPECTEURS))
    client = client_van(inspecteur)
    woorden = ["casusoverleg", "wachtlijst", "escalatie", "rivierstad"]
    if connection.vendor == "postgresql":
        # Found only by their stems, so only by the vectors the migration filled.
        woorden += ["wachttijden", "wachtlijsten", "afspraak"]
    for woord in woorden:
        response = client.get(URL, {"zoek": woord})
        assert [g.pk for g in response.context["pagina"]] == [gesprek_id], woord
    aantekening_typen(None, Aantekening.objects.get(gesprek_id=gesprek_id), "Nu over de jeugdhulp.")
    assert [g.pk for g in client.get(URL, {"zoek": "jeugdhulp"}).context["pagina"]] == [gesprek_id]
    assert list(client.get(URL, {"zoek": "wachtlijst"}).context["pagina"]) == []
