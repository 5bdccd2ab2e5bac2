import datetime

import pytest

from gesprekken.models import Gesprek
from tests import factories

from .builders import FIN, GV, LM, aantekening_zetten, gehouden


@pytest.fixture
def gesprekken(vragenbank, eigenaar, co_inspecteur, buitenstaander):
    """Four gesprekken with notes chosen so every rule of counting shows in one number.

    The eigenaar owns G1 and shares G3; G2 is a stranger's; G4 is still in voorbereiding.
    """
    g1 = gehouden(eigenaar, vragenbank, organisatie="Zorg Een", datum=datetime.date(2026, 2, 10))
    aantekening_zetten(g1, GV, "1", tekst="Visie gedeeld met het wijkteam.", observatie="sterk_punt")
    aantekening_zetten(g1, GV, "2", observatie="ontwikkelpunt")
    aantekening_zetten(g1, GV, "3", tekst="Geen tijd meer voor.", observatie="niet_besproken")
    aantekening_zetten(g1, GV, "4", tekst="  \n \r\n")
    aantekening_zetten(g1, LM, "1", observatie="sterk_punt")
    aantekening_zetten(g1, FIN, tekst="De subsidie loopt volgend jaar af.")

    g2 = gehouden(
        buitenstaander,
        vragenbank,
        organisatie="Gemeente Twee",
        organisatie_type="gemeente",
        datum=datetime.date(2026, 5, 20),
        status=Gesprek.Status.VASTGESTELD,
    )
    aantekening_zetten(g2, GV, "1", tekst="Wat alleen de buitenstaander mag lezen.", observatie="ontwikkelpunt")
    aantekening_zetten(g2, GV, "2", tekst="Ook besproken.")

    g3 = gehouden(
        co_inspecteur,
        vragenbank,
        co_inspecteurs=[eigenaar],
        organisatie="Justitie Drie",
        organisatie_type="justitiele_instelling",
        inspectie="jenv",
        aanleiding="gesprek over calamiteit waarin samenwerking speelt",
        datum=datetime.date(2025, 11, 3),
    )
    aantekening_zetten(g3, GV, "1", tekst="Sterke gezamenlijke visie.", observatie="sterk_punt")

    g4 = factories.gesprek(eigenaar=eigenaar, kader=vragenbank, organisatie="Nog Niet Gevoerd")
    aantekening_zetten(g4, GV, "1", tekst="Voorbereidende aantekening.", observatie="sterk_punt")
    return g1, g2, g3, g4
