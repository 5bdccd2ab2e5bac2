# The environment comes from the Makefile (make pytest-sqlite): SECRET_KEY, SECURE_COOKIES=false, and
# DJANGO_ALLOW_ASYNC_UNSAFE because Playwright's sync API runs an event loop in the test thread.
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from tests import factories

# `postbus`: a real SMTP server for the tests that send mail.
pytest_plugins = ["tests.postbus"]

WACHTWOORD = factories.WACHTWOORD

# Django's own hasher (PBKDF2) takes half a second per password, and most tests make users or log one in. The suite
# hashes with MD5 instead, in this process only (the live server of the browser tests runs in a thread of it). A
# server started as a process of its own (tests/browser/chaos_server.py, tests/samenwerking/test_productie.py) runs
# with the settings of settings.py and makes its own users there. The real hashers stay behind MD5 in the list, so
# a password hashed with them still checks; a test of how passwords are stored asks for `echte_wachtwoordhashers`.
ECHTE_HASHERS = list(settings.PASSWORD_HASHERS)
SNELLE_HASHERS = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher", *ECHTE_HASHERS])
# The second factor, required by settings.py, is off in this process too: most tests log in with force_login or
# a password to test something else. Its own tests ask for `tweede_factor_verplicht`.
ZONDER_TWEEDE_FACTOR = override_settings(TWEEDE_FACTOR_VERPLICHT=False)


def pytest_configure(config):
    SNELLE_HASHERS.enable()
    ZONDER_TWEEDE_FACTOR.enable()


def pytest_unconfigure(config):
    ZONDER_TWEEDE_FACTOR.disable()
    SNELLE_HASHERS.disable()


@pytest.fixture
def echte_wachtwoordhashers(settings):
    """The password hashers of settings.py, as production stores passwords."""
    settings.PASSWORD_HASHERS = ECHTE_HASHERS


@pytest.fixture
def tweede_factor_verplicht(settings):
    """The second factor as settings.py requires it: for every local account, DEBUG off."""
    settings.TWEEDE_FACTOR_VERPLICHT = True
    settings.DEBUG = False


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
