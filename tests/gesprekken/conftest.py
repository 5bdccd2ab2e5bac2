import datetime

import pytest

from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Afspraak

from .builders import aantekening_typen, criterium_aantekeningen, eigen_vraag


@pytest.fixture
def aantekening(gesprek):
    """The note on the first criterion of the gesprek."""
    return criterium_aantekeningen(gesprek)[0]


@pytest.fixture
def voorbereid(gesprek):
    """A gesprek as an inspector leaves it: notes, an own question, a summary and an afspraak."""
    eerste, tweede = criterium_aantekeningen(gesprek)[:2]
    aantekening_typen(gesprek, eerste, "De bestuurder noemt het wekelijkse wijkoverleg.", observatie="sterk_punt")
    aantekening_typen(gesprek, tweede, "Er is nog geen gedeelde visie op papier.", observatie="ontwikkelpunt")
    eigen_vraag(gesprek, "Financiering", "Hoe is de financiering van het wijkteam geregeld?")
    services.afronding_opslaan(
        gesprek=gesprek,
        wie=Wie(gesprek.eigenaar),
        gegevens={"samenvatting": "Een open gesprek over de samenwerking met het wijkteam."},
        afspraken=[Afspraak(wat="Evaluatie samen plannen", wie="Bestuurder", wanneer=datetime.date(2027, 2, 1))],
    )
    return gesprek
