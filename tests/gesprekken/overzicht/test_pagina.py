"""The overview page: its table, its chart, its links, and its queries."""

import datetime

import pytest

from elementen.models import Criterium

from .builders import (
    EV,
    GV,
    LIJST,
    QUERIES_OM_TE_TELLEN,
    QUERIES_VAN_HET_OVERZICHT,
    QUERIES_VOOR_EEN_DEEL_VAN_EEN_KWARTAAL,
    URL,
    aantekening_zetten,
    gehouden,
)


def test_the_page_shows_a_table_and_a_chart_with_the_numbers_as_text(client_van, coordinator, gesprekken):
    html = client_van(coordinator).get(URL).content.decode()

    assert "<caption>Aantal gesprekken per element (geen filters)</caption>" in html
    assert '<th scope="row">Gedeelde visie, gedeeld belang</th>' in html
    assert '<svg role="img" aria-labelledby="diagram-elementen-titel diagram-elementen-uitleg"' in html
    assert '<title id="diagram-elementen-titel">Aantal gesprekken per element</title>' in html
    assert "Hoe wordt er geteld?" in html
    assert "Een aantekening met de observatie ‘niet besproken’ telt nooit als besproken" in html


def test_the_chart_draws_each_bar_to_scale_and_labels_it(client_van, coordinator, gesprekken):
    html = client_van(coordinator).get(URL).content.decode()

    # Gedeelde visie: besproken 3 is the longest bar of the element chart (380 wide); sterk punt 2 of 3.
    assert '<rect width="380" height="13"' in html
    assert '<rect width="253" height="13"' in html
    assert '<text x="386" y="11">3</text>' in html


def test_a_cell_links_to_the_gesprekken_behind_it_with_the_filters(client_van, coordinator, gesprekken):
    html = client_van(coordinator).get(URL, {"inspectie": "igj"}).content.decode()
    bron = Criterium.objects.get(element__naam=GV, nummer=1).pk

    assert f'href="{LIJST}?inspectie=igj&amp;soort=criterium&amp;bron={bron}&amp;maat=sterk_punt">1' in html


@pytest.mark.parametrize("extra", [0, 6])
@pytest.mark.parametrize(
    "filters, te_tellen",
    [
        ({"inspectie": "igj"}, QUERIES_OM_TE_TELLEN),
        # A period that begins or ends within a quarter: that part is counted from the stand, the rest added up.
        ({"inspectie": "igj", "van": "2024-02-15"}, QUERIES_OM_TE_TELLEN + QUERIES_VOOR_EEN_DEEL_VAN_EEN_KWARTAAL),
    ],
)
def test_the_page_takes_the_same_number_of_queries_however_many_gesprekken_there_are(
    client_van, coordinator, eigenaar, gesprekken, vragenbank, django_assert_num_queries, extra, filters, te_tellen
):
    for nummer in range(extra):
        gesprek = gehouden(eigenaar, vragenbank, datum=datetime.date(2024 + nummer % 3, 1 + nummer, 1))
        aantekening_zetten(gesprek, EV, "2", tekst=f"Aantekening {nummer}", observatie="ontwikkelpunt")
    client = client_van(coordinator)

    with django_assert_num_queries(QUERIES_VAN_HET_OVERZICHT + te_tellen):
        eerste = client.get(URL, filters)
    with django_assert_num_queries(QUERIES_VAN_HET_OVERZICHT + te_tellen):
        tweede = client.get(URL, filters)

    if "van" not in filters:
        assert eerste.context["overzicht"].aantal_gesprekken == 2 + extra
    assert tweede.context["overzicht"] == eerste.context["overzicht"]
