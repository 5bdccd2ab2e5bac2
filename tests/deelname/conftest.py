import pytest
from django.core.cache import cache

from deelname import services
from gesprekken import services as gesprek_services
from gesprekken.logboek import Wie
from gesprekken.models import GesprekVraag
from tests import instrumentgids


@pytest.fixture(autouse=True)
def _geen_eerdere_pogingen():
    """The rate limit counts wrong links in the cache: every test starts without any."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def gids(vragenbank):
    return instrumentgids.maak(elementen=vragenbank.elementen.filter(nummer=2))


@pytest.fixture
def halen(gesprek, gids):
    """Halen en brengen in the gesprek: a table per partner, with the casus partner's row already there."""
    return gesprek_services.instrument_toevoegen(
        gesprek=gesprek, wie=Wie(gesprek.eigenaar), instrument=gids["Halen en brengen"]
    )


@pytest.fixture
def twee_vragen(gesprek):
    return list(
        GesprekVraag.objects.filter(
            gesprek=gesprek, opgenomen=True, hoofdvraag__isnull=True, element__isnull=False
        ).order_by("element__volgorde", "volgorde")[:2]
    )


@pytest.fixture
def gedeeld(gesprek, twee_vragen, halen):
    services.onderwerpen_kiezen(gesprek=gesprek, wie=Wie(gesprek.eigenaar), vragen=twee_vragen, instrumenten=[halen])
    return twee_vragen, halen


@pytest.fixture
def link(gesprek, gedeeld):
    """An invitation whose link is shown to the inspector (not mailed)."""
    return services.uitnodigen(
        gesprek=gesprek,
        wie=Wie(gesprek.eigenaar),
        naam="Mevr. J. de Boer",
        email="j.deboer@testdal.nl",
        rol="bestuurder",
        per_mail=False,
    )


def pad_van(url):
    """The path and query of a full link, for the test client."""
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])
