"""What the overview's tests share: its addresses, four elements by name, its query budgets, and the builders
and readers of its figures."""

from django.urls import reverse

from gesprekken.models import Aantekening, Gesprek
from gesprekken.overzicht import stand
from tests import factories

URL = reverse("gesprekken:overzicht")
LIJST = reverse("gesprekken:overzicht_lijst")

GV = "Gedeelde visie, gedeeld belang"
LM = "Leiderschap en management"
EV = "Evaluatie monitoring en reflectie"
FIN = "Financiering"

# Session (1), the user with their permissions (1), the coordinator role (1), the filter choices (1), the afspraken
# per inspectie (1), and the session saved again (SESSION_SAVE_EVERY_REQUEST) inside a savepoint (3).
QUERIES_VAN_HET_OVERZICHT = 8
# The number of gesprekken (1); the elements per quarter (which also make the element table) and the criteria in
# one pass over the kept totals (1), and each kind's newest wording (2): added up on every visit.
QUERIES_OM_TE_TELLEN = 4
# A period that begins or ends within a quarter: the same two groupings counted from the stand for that part.
QUERIES_VOOR_EEN_DEEL_VAN_EEN_KWARTAAL = 2
# Session, user, role, filter choices and the session saved (7), plus the count and the page of the list (2), the
# notes (1) and the wording of the element or criterion (1).
QUERIES_VAN_DE_LIJST = 11


def aantekening_zetten(gesprek, element, label=None, *, tekst="", observatie=""):
    """Sets one note directly, as data written around the services is brought in (`stand`)."""
    aantekeningen = Aantekening.objects.filter(gesprek=gesprek, element__naam=element)
    if label is None:
        aantekeningen = aantekeningen.filter(criterium__isnull=True)
    else:
        aantekeningen = aantekeningen.filter(criterium__label=label)
    assert aantekeningen.update(tekst=tekst, observatie=observatie) == 1
    stand.element_bijwerken(aantekeningen.get().element_id)


def gehouden(eigenaar, kader, *, status=Gesprek.Status.GEVOERD, **velden):
    gesprek = factories.gesprek(eigenaar=eigenaar, kader=kader, **velden)
    Gesprek.objects.filter(pk=gesprek.pk).update(status=status)
    stand.gesprek_bijwerken(gesprek.pk)
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
