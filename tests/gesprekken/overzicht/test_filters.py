"""The overview's filters: which gesprekken count, which choices they offer, what they refuse."""

import pytest

from elementen.models import Kader

from .builders import GV, URL, aantekening_zetten, gehouden, overzicht_van, telling, tellingen


@pytest.mark.parametrize(
    ("filters", "organisaties"),
    [
        ({"van": "2026-01-01", "tot": "2026-12-31"}, {"Zorg Een", "Gemeente Twee"}),
        ({"van": "2026-05-20"}, {"Gemeente Twee"}),
        ({"tot": "2026-02-10"}, {"Zorg Een", "Justitie Drie"}),
        ({"inspectie": "jenv"}, {"Justitie Drie"}),
        ({"organisatie_type": "gemeente"}, {"Gemeente Twee"}),
        ({"aanleiding": "gesprek over calamiteit waarin samenwerking speelt"}, {"Justitie Drie"}),
        ({"inspectie": "igj", "organisatie_type": "zorgaanbieder"}, {"Zorg Een"}),
    ],
)
def test_the_filters_choose_the_gesprekken_that_count(client_van, coordinator, gesprekken, filters, organisaties):
    resultaat = overzicht_van(client_van(coordinator), **filters)

    assert resultaat.aantal_gesprekken == len(organisaties)
    assert tellingen(resultaat.criteria, GV, "1")["besproken"] == len(organisaties)


def test_the_kader_filter_separates_the_handreiking_from_the_leidraad(client_van, coordinator, gesprekken):
    leidraad = Kader.objects.get(soort=Kader.Soort.LEIDRAAD)
    g5 = gehouden(coordinator, leidraad, organisatie="Raad van Toezicht Vijf")
    aantekening_zetten(g5, "Gedeelde en vastgestelde visie", "a", observatie="sterk_punt")
    client = client_van(coordinator)

    alles = client.get(URL)
    alleen_leidraad = overzicht_van(client, kader=leidraad.pk)

    assert alles.context["overzicht"].meerdere_kaders
    assert "Aandacht voor samenwerking (oktober 2023)" in alles.content.decode()
    assert alleen_leidraad.aantal_gesprekken == 1
    assert [r.element for r in alleen_leidraad.elementen] == [
        "Gedeelde en vastgestelde visie",
        "Leiderschap en management",
        "Evaluatie, monitoring en reflectie",
    ]
    assert tellingen(alleen_leidraad.criteria, "Gedeelde en vastgestelde visie", "a") == telling(1, 1, 0, 0)


def test_the_filter_offers_the_aanleidingen_and_kaders_of_the_gesprekken_in_view(client_van, eigenaar, gesprekken):
    filters = client_van(eigenaar).get(URL).context["filters"]

    assert [label for _, label in filters.fields["aanleiding"].choices] == [
        "Alle",
        "afsluitend gesprek met bestuurder na bezoek",
        "gesprek over calamiteit waarin samenwerking speelt",
    ]
    assert [label for _, label in filters.fields["kader"].choices] == [
        "Alle",
        "Stimulerend toezicht op samenwerking (september 2023)",
    ]


def test_the_chosen_dates_are_shown_back_in_the_date_pickers(client_van, coordinator, db):
    html = client_van(coordinator).get(URL, {"van": "2026-01-01", "tot": "2026-12-31"}).content.decode()

    assert 'type="date" name="van" value="2026-01-01"' in html
    assert 'type="date" name="tot" value="2026-12-31"' in html


def test_a_date_that_is_no_date_is_refused_and_not_shown_back_in_the_date_picker(client_van, coordinator, db):
    response = client_van(coordinator).get(URL, {"van": "gisteren"})

    assert response.status_code == 400
    assert "gisteren" not in response.content.decode()


def test_a_period_that_ends_before_it_starts_is_refused(client_van, coordinator, gesprekken):
    response = client_van(coordinator).get(URL, {"van": "2026-06-01", "tot": "2026-01-01"})

    assert response.status_code == 400
    assert "De datum ‘van’ ligt na de datum ‘tot en met’." in response.content.decode()
    assert "overzicht" not in response.context
