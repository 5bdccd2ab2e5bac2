"""What the overview's tests share: its addresses, four elements by name, its query budgets, and the builders
and readers of its figures."""

from django.urls import reverse

from gesprekken.models import Aantekening, Gesprek
from tests import factories

URL = reverse("gesprekken:overzicht")
LIJST = reverse("gesprekken:overzicht_lijst")

GV = "Gedeelde visie, gedeeld belang"
LM = "Leiderschap en management"
EV = "Evaluatie monitoring en reflectie"
FIN = "Financiering"

# Session (1), the user with their permissions (1), the coordinator role (1), the state of the data: held gesprekken,
# notes and question bank (3), and the session saved again (SESSION_SAVE_EVERY_REQUEST) inside a savepoint (3). The
# figures come from the cache until the data changes. The afspraken per inspectie (1) are counted on every request:
# "overdue" changes with the date.
QUERIES_VAN_HET_OVERZICHT = 10
# After a change: the filter choices (1), the number of gesprekken, the elements per quarter (which also make
# the element table) and the criteria (3).
QUERIES_OM_TE_TELLEN = 4
# As the overview with cached filter choices, plus the count and the page of the list (2), the notes (1) and the
# wording of the element or criterion (1).
QUERIES_VAN_DE_LIJST = 13


def aantekening_zetten(gesprek, element, label=None, *, tekst="", observatie=""):
    """Sets one note directly: the overview reads what is stored, however it got there."""
    aantekeningen = Aantekening.objects.filter(gesprek=gesprek, element__naam=element)
    if label is None:
        aantekeningen = aantekeningen.filter(criterium__isnull=True)
    else:
        aantekeningen = aantekeningen.filter(criterium__label=label)
    assert aantekeningen.update(tekst=tekst, observatie=observatie) == 1


def gehouden(eigenaar, kader, *, status=Gesprek.Status.GEVOERD, **velden):
    gesprek = factories.gesprek(eigenaar=eigenaar, kader=kader, **velden)
    Gesprek.objects.filter(pk=gesprek.pk).update(status=status)
    gesprek.refresh_from_db()
    return gesprek


def tellingen(rijen, element, label=None):
    """The counts of one row, found by element name (and criterion label)."""
    gevonden = [r for r in rijen if r.element == element and (label is None or r.label == label)]
    assert len(gevonden) == 1, gevonden
    return gevonden[0].tellingen


def telling(besproken=0, sterk_punt=0, ontwikkelpunt=0, niet_besproken=0):
    return {
        "besproken": besproken,
        "sterk_punt": sterk_punt,
        "ontwikkelpunt": ontwikkelpunt,
        "niet_besproken": niet_besproken,
    }


def overzicht_van(client, **filters):
    response = client.get(URL, filters)
    assert response.status_code == 200
    return response.context["overzicht"]
