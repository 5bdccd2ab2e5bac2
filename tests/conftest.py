# The environment comes from the Makefile (make pytest-sqlite): SECRET_KEY, SECURE_COOKIES=false, and
# DJANGO_ALLOW_ASYNC_UNSAFE because Playwright's sync API runs an event loop in the test thread.
import pytest
from django.core.management import call_command

from tests import factories

WACHTWOORD = factories.WACHTWOORD


@pytest.fixture
def vragenbank(db):
    call_command("loaddata", "vragenbank", verbosity=0)
    from elementen.models import Kader

    return Kader.objects.get(soort=Kader.Soort.HANDREIKING)


@pytest.fixture
def eigenaar(db):
    return factories.inspecteur("eigenaar", "Olga", "Eigenaar")


@pytest.fixture
def co_inspecteur(db):
    return factories.inspecteur("collega", "Cas", "Collega")


@pytest.fixture
def buitenstaander(db):
    return factories.inspecteur("buitenstaander", "Bert", "Buiten")


@pytest.fixture
def beheerder(db):
    return factories.beheerder("vbeheerder")


@pytest.fixture
def coordinator(db):
    return factories.coordinator("coord")


@pytest.fixture
def gesprek(vragenbank, eigenaar, co_inspecteur):
    return factories.gesprek(eigenaar=eigenaar, kader=vragenbank, co_inspecteurs=[co_inspecteur])


@pytest.fixture
def client_van():
    """A logged-in test client for a user."""
    from django.test import Client

    def maak(user):
        client = Client()
        client.force_login(user)
        return client

    return maak
