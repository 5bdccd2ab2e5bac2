"""What the overview counts: per element, per criterium and per quarter, for whom."""

import datetime

from elementen.models import Criterium
from tests import factories

from .builders import EV, FIN, GV, LM, URL, aantekening_zetten, gehouden, overzicht_van, telling, tellingen


def test_a_coordinator_counts_every_held_gesprek_per_criterium(client_van, coordinator, gesprekken):
    resultaat = overzicht_van(client_van(coordinator))

    assert resultaat.aantal_gesprekken == 3  # G4 is still in voorbereiding
    criteria = resultaat.criteria
    assert tellingen(criteria, GV, "1") == telling(besproken=3, sterk_punt=2, ontwikkelpunt=1)
    # G1 marked it ontwikkelpunt without text; G2 has text without observation; G3 had it on the agenda, empty.
    assert tellingen(criteria, GV, "2") == telling(besproken=2, ontwikkelpunt=1, niet_besproken=1)
    # G1 wrote why it was not discussed: the mark wins over the text.
    assert tellingen(criteria, GV, "3") == telling(niet_besproken=3)
    # A note of only spaces and line breaks is empty.
    assert tellingen(criteria, GV, "4") == telling(niet_besproken=3)
    assert tellingen(criteria, LM, "1") == telling(besproken=1, sterk_punt=1, niet_besproken=2)


def test_a_coordinator_counts_every_held_gesprek_per_element(client_van, coordinator, gesprekken):
    elementen = overzicht_van(client_van(coordinator)).elementen

    assert tellingen(elementen, GV) == telling(besproken=3, sterk_punt=2, ontwikkelpunt=2)
    assert tellingen(elementen, LM) == telling(besproken=1, sterk_punt=1, niet_besproken=2)
    assert tellingen(elementen, EV) == telling(niet_besproken=3)
    # Off the agenda everywhere, but G1 wrote a free note under it.
    assert tellingen(elementen, FIN) == telling(besproken=1)
    assert tellingen(elementen, "Kennis en expertise medewerker") == telling()


def test_the_rows_follow_the_order_of_the_gesprek(client_van, coordinator, gesprekken):
    resultaat = overzicht_van(client_van(coordinator))

    assert [r.element for r in resultaat.elementen][:4] == [GV, LM, EV, "Wet-/regelgeving en handreikingen"]
    assert [(r.element, r.label) for r in resultaat.criteria][:7] == [(GV, str(n)) for n in range(1, 7)] + [(LM, "1")]


def test_an_inspector_counts_only_the_gesprekken_they_own_or_share(client_van, eigenaar, gesprekken):
    resultaat = overzicht_van(client_van(eigenaar))

    assert resultaat.aantal_gesprekken == 2
    assert tellingen(resultaat.criteria, GV, "1") == telling(besproken=2, sterk_punt=2)
    assert tellingen(resultaat.elementen, GV) == telling(besproken=2, sterk_punt=2, ontwikkelpunt=1)


def test_an_inspector_without_held_gesprekken_sees_that_there_is_nothing_to_count(
    client_van, buitenstaander, co_inspecteur, vragenbank
):
    factories.gesprek(eigenaar=buitenstaander, kader=vragenbank)

    response = client_van(buitenstaander).get(URL)

    assert response.context["overzicht"].aantal_gesprekken == 0
    assert "Er zijn geen gevoerde gesprekken met deze filters." in response.content.decode()


def test_a_criterium_deleted_from_the_bank_still_counts_under_its_element_name_and_label(
    client_van, coordinator, gesprekken
):
    g1, g2, g3, _ = gesprekken
    aantekening_zetten(g1, GV, "6", observatie="sterk_punt")
    aantekening_zetten(g3, GV, "6", tekst="Besproken voordat het criterium verdween.")
    Criterium.objects.get(element__naam=GV, nummer=6).delete()

    rijen = [r for r in overzicht_van(client_van(coordinator)).criteria if (r.element, r.label) == (GV, "6")]

    assert len(rijen) == 1
    assert rijen[0].bron_id is None
    assert rijen[0].tekst.startswith("Een gedeelde visie is niet compleet")
    assert rijen[0].tellingen == telling(besproken=2, sterk_punt=1, niet_besproken=1)


def test_the_counts_per_quarter_show_every_quarter_from_the_first_to_the_last(client_van, coordinator, gesprekken):
    themas = client_van(coordinator).get(URL).context["themas"]

    visie = next(t for t in themas if t.rij.element == GV)
    assert [str(k.kwartaal) for k in visie.kwartalen] == ["2025 K4", "2026 K1", "2026 K2"]
    assert [k.gesprekken for k in visie.kwartalen] == [1, 1, 1]
    assert [k.tellingen for k in visie.kwartalen] == [
        telling(besproken=1, sterk_punt=1),  # G3
        telling(besproken=1, sterk_punt=1, ontwikkelpunt=1),  # G1
        telling(besproken=1, ontwikkelpunt=1),  # G2
    ]
    financiering = next(t for t in themas if t.rij.element == FIN)
    assert [k.tellingen["besproken"] for k in financiering.kwartalen] == [0, 1, 0]


def test_a_quarter_without_gesprekken_shows_as_zero(client_van, coordinator, vragenbank, eigenaar):
    gehouden(eigenaar, vragenbank, datum=datetime.date(2025, 2, 1))
    gehouden(eigenaar, vragenbank, datum=datetime.date(2025, 9, 30))

    themas = client_van(coordinator).get(URL).context["themas"]

    assert [(str(k.kwartaal), k.gesprekken) for k in themas[0].kwartalen] == [
        ("2025 K1", 1),
        ("2025 K2", 0),
        ("2025 K3", 1),
    ]
