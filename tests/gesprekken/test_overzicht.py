"""The overview across gesprekken: what it counts, for whom, and how it drills down to the gesprekken behind."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from elementen.models import Criterium, Kader
from gesprekken import services
from gesprekken.models import Aantekening, Gesprek, GesprekElement
from gesprekken.overzicht_views import PER_PAGINA
from tests import factories

from .builders import kaal_gesprek

URL = reverse("gesprekken:overzicht")
LIJST = reverse("gesprekken:overzicht_lijst")

GV = "Gedeelde visie, gedeeld belang"
LM = "Leiderschap en management"
EV = "Evaluatie monitoring en reflectie"
FIN = "Financiering"

# Session (1), the user with their permissions (1), the coordinator role (1), the state of the data: held gesprekken,
# notes and question bank (3), and the session saved again (SESSION_SAVE_EVERY_REQUEST) inside a savepoint (3). The
# figures come from the cache until the data changes.
QUERIES_VAN_HET_OVERZICHT = 9
# After a change: the filter choices (1), the number of gesprekken, the elements per quarter (which also make
# the element table) and the criteria (3).
QUERIES_OM_TE_TELLEN = 4
# As the overview with cached filter choices, plus the count and the page of the list (2), the notes (1) and the
# wording of the element or criterion (1).
QUERIES_VAN_DE_LIJST = 13


@pytest.fixture(autouse=True)
def _snel_wachtwoord(settings):
    """These tests log in with force_login: hashing each user's password for real costs about a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _lege_cache(monkeypatch):
    """Each test counts from its own data; the figures of another test's database stay out of it.

    The data of a test is moments old; without a settling time its figures are kept at once.
    """
    cache.clear()
    monkeypatch.setattr("elementen.cache.BEZINKTIJD", datetime.timedelta(0))


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
        status=Gesprek.Status.AFGEROND,
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


# Counting


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
    assert "Er zijn geen gevoerde of afgeronde gesprekken met deze filters." in response.content.decode()


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


# The page


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
def test_the_page_takes_the_same_number_of_queries_however_many_gesprekken_there_are(
    client_van, coordinator, eigenaar, gesprekken, vragenbank, django_assert_num_queries, extra
):
    for nummer in range(extra):
        gesprek = gehouden(eigenaar, vragenbank, datum=datetime.date(2024 + nummer % 3, 1 + nummer, 1))
        aantekening_zetten(gesprek, EV, "2", tekst=f"Aantekening {nummer}", observatie="ontwikkelpunt")
    client = client_van(coordinator)

    with django_assert_num_queries(QUERIES_VAN_HET_OVERZICHT + QUERIES_OM_TE_TELLEN):
        eerste = client.get(URL, {"inspectie": "igj"})
    with django_assert_num_queries(QUERIES_VAN_HET_OVERZICHT):
        tweede = client.get(URL, {"inspectie": "igj"})

    assert eerste.context["overzicht"].aantal_gesprekken == 2 + extra
    assert tweede.context["overzicht"] == eerste.context["overzicht"]


# Never older than the data


def test_figures_are_not_kept_while_a_change_may_still_be_on_its_way(
    client_van, coordinator, gesprekken, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("elementen.cache.BEZINKTIJD", datetime.timedelta(seconds=5))
    client = client_van(coordinator)
    client.get(URL)

    with django_assert_num_queries(QUERIES_VAN_HET_OVERZICHT + QUERIES_OM_TE_TELLEN):
        client.get(URL)


def test_a_saved_note_counts_at_once(client_van, coordinator, eigenaar, gesprekken):
    g1, *_ = gesprekken
    client = client_van(coordinator)
    assert tellingen(overzicht_van(client).criteria, EV, "1") == telling(niet_besproken=3)
    aantekening = Aantekening.objects.get(gesprek=g1, criterium__element__naam=EV, criterium__label="1")

    services.aantekening_opslaan(
        aantekening=aantekening, tekst="Evaluatie besproken.", observatie="", versie=aantekening.versie, door=eigenaar
    )

    assert tellingen(overzicht_van(client).criteria, EV, "1") == telling(besproken=1, niet_besproken=2)


def test_a_gesprek_counts_at_once_when_its_first_note_is_saved(client_van, coordinator, gesprekken):
    *_, g4 = gesprekken
    client = client_van(coordinator)
    assert overzicht_van(client).aantal_gesprekken == 3
    aantekening = Aantekening.objects.filter(gesprek=g4, criterium__isnull=False).first()

    services.aantekening_opslaan(
        aantekening=aantekening, tekst="Gevoerd.", observatie="", versie=aantekening.versie, door=g4.eigenaar
    )

    assert overzicht_van(client).aantal_gesprekken == 4


def test_changed_details_of_a_gesprek_count_at_once(client_van, coordinator, gesprekken):
    g1, *_ = gesprekken
    client = client_van(coordinator)
    assert overzicht_van(client, inspectie="jenv").aantal_gesprekken == 1

    g1.inspectie = "jenv"
    g1.save()

    assert overzicht_van(client, inspectie="jenv").aantal_gesprekken == 2


def test_a_criterium_deleted_from_the_bank_moves_at_once(client_van, coordinator, gesprekken):
    client = client_van(coordinator)
    assert [r.bron_id is None for r in overzicht_van(client).criteria if (r.element, r.label) == (GV, "6")] == [False]

    Criterium.objects.get(element__naam=GV, nummer=6).delete()

    assert [r.bron_id is None for r in overzicht_van(client).criteria if (r.element, r.label) == (GV, "6")] == [True]


def test_a_changed_agenda_counts_at_once(client_van, coordinator, gesprekken):
    g1, *_ = gesprekken
    client = client_van(coordinator)
    assert tellingen(overzicht_van(client).criteria, EV, "1") == telling(niet_besproken=3)

    services.opzet_toepassen(gesprek=g1, opzet=services.Opzet.NIETS)

    assert tellingen(overzicht_van(client).criteria, EV, "1") == telling(niet_besproken=2)


# Who may see it


@pytest.mark.parametrize("adres", [URL, LIJST + "?soort=element&bron=1&maat=besproken", "/gesprekken/overzicht.csv"])
def test_a_vragenbank_beheerder_gets_403(client_van, beheerder, adres):
    assert client_van(beheerder).get(adres).status_code == 403


@pytest.mark.parametrize("adres", [URL, LIJST, "/gesprekken/overzicht.csv"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, adres):
    response = client.get(adres)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("gebruiker", ["coordinator", "eigenaar"])
def test_the_menu_shows_the_overview_to_coordinators_and_inspectors(request, db, client_van, gebruiker):
    # `db` named here: pytest-django orders tests by the fixtures they name, and the user is looked up late.
    html = client_van(request.getfixturevalue(gebruiker)).get(reverse("elementen:handreiking")).content.decode()

    assert f'<a class="nav-link" href="{URL}">Overzicht</a>' in html


def test_the_menu_does_not_show_the_overview_to_a_vragenbank_beheerder(client_van, beheerder):
    html = client_van(beheerder).get(reverse("elementen:handreiking")).content.decode()

    assert f'href="{URL}"' not in html


# Drill-down


def lijst(client, **parameters):
    response = client.get(LIJST, parameters)
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def criterium_bron(element, nummer):
    return str(Criterium.objects.get(element__naam=element, nummer=nummer).pk)


def test_a_coordinator_sees_which_gesprekken_are_behind_a_cell_but_not_their_notes(
    client_van, coordinator, gesprekken
):
    response = lijst(client_van(coordinator), soort="criterium", bron=criterium_bron(GV, 1), maat="besproken")
    html = response.content.decode()

    assert [g.organisatie for g in response.context["pagina"]] == ["Gemeente Twee", "Zorg Een", "Justitie Drie"]
    assert f"<h1>Besproken: {GV}, criterium 1</h1>" in html
    assert "De organisaties zoeken proactief de vraag van hun inwoners" in html
    assert "Inspectie Justitie en Veiligheid (IJenV)" in html
    assert "10 februari 2026" in html
    for tekst in ("Visie gedeeld met het wijkteam.", "Wat alleen de buitenstaander mag lezen.", "Sterke gezamenlijke"):
        assert tekst not in html
    assert html.count("Alleen zichtbaar voor de inspecteurs van dit gesprek.") == 3
    assert "/voeren/" not in html and "/afronden/" not in html


def test_an_inspector_sees_the_notes_of_their_own_gesprekken_behind_a_cell_with_a_link(
    client_van, eigenaar, gesprekken
):
    g1, _, g3, _ = gesprekken
    response = lijst(client_van(eigenaar), soort="criterium", bron=criterium_bron(GV, 1), maat="sterk_punt")
    html = response.content.decode()

    assert [g.organisatie for g in response.context["pagina"]] == ["Zorg Een", "Justitie Drie"]
    assert "Visie gedeeld met het wijkteam." in html
    assert "Sterke gezamenlijke visie." in html
    assert f'href="/gesprekken/{g1.pk}/voeren/">Zorg Een</a>' in html
    assert f'href="/gesprekken/{g3.pk}/voeren/">Justitie Drie</a>' in html
    assert "Wat alleen de buitenstaander mag lezen." not in html


def test_a_coordinator_who_is_on_a_gesprek_sees_its_notes_and_only_its_notes(client_van, eigenaar, gesprekken):
    # One person in both roles: the totals are everyone's, the notes only those of their own gesprekken.
    from django.contrib.auth.models import Group

    eigenaar.groups.add(Group.objects.get(name="Coördinatoren"))
    response = lijst(
        client_van(eigenaar),
        soort="element",
        bron=str(gesprekken[0].elementen.get(naam=GV).bron_id),
        maat="ontwikkelpunt",
    )
    html = response.content.decode()

    assert [g.organisatie for g in response.context["pagina"]] == ["Gemeente Twee", "Zorg Een"]
    assert "Criterium 2</span> – ontwikkelpunt" in html  # Zorg Een, without text
    assert "Wat alleen de buitenstaander mag lezen." not in html
    assert html.count("Alleen zichtbaar voor de inspecteurs van dit gesprek.") == 1


def test_an_element_cell_lists_the_free_note_too(client_van, eigenaar, gesprekken):
    bron = gesprekken[0].elementen.get(naam=FIN).bron_id

    html = lijst(client_van(eigenaar), soort="element", bron=str(bron), maat="besproken").content.decode()

    assert "Overige aantekening" in html
    assert "De subsidie loopt volgend jaar af." in html


def test_the_drill_down_keeps_the_filters(client_van, coordinator, gesprekken):
    response = lijst(
        client_van(coordinator), soort="criterium", bron=criterium_bron(GV, 1), maat="besproken", inspectie="igj"
    )

    assert [g.organisatie for g in response.context["pagina"]] == ["Gemeente Twee", "Zorg Een"]
    assert f'href="{URL}?inspectie=igj"' in response.content.decode()


def test_the_drill_down_finds_a_criterium_by_name_when_the_bank_lost_it(client_van, eigenaar, gesprekken):
    Criterium.objects.get(element__naam=GV, nummer=3).delete()

    response = lijst(client_van(eigenaar), soort="criterium", element=GV, label="3", maat="niet_besproken")

    assert [g.organisatie for g in response.context["pagina"]] == ["Zorg Een", "Justitie Drie"]
    assert "Geen tijd meer voor." in response.content.decode()


def test_the_drill_down_from_a_quarter_lists_the_gesprekken_of_that_quarter(client_van, coordinator, gesprekken):
    overzicht_pagina = client_van(coordinator).get(URL)
    visie = next(t for t in overzicht_pagina.context["themas"] if t.rij.element == GV)
    k1 = visie.kwartalen[1]

    response = client_van(coordinator).get(f"{LIJST}?{k1.links['besproken']}")

    assert [g.organisatie for g in response.context["pagina"]] == ["Zorg Een"]


@pytest.mark.parametrize(
    "parameters",
    [
        {"soort": "criterium", "maat": "besproken"},  # which criterion?
        {"soort": "criterium", "element": GV, "maat": "besproken"},  # without a label
        {"soort": "thema", "bron": "1", "maat": "besproken"},
        {"soort": "element", "bron": "1", "maat": "alles"},
        {"soort": "element", "bron": "1", "maat": "besproken", "van": "gisteren"},
    ],
)
def test_a_drill_down_that_makes_no_sense_is_refused(client_van, coordinator, db, parameters):
    assert client_van(coordinator).get(LIJST, parameters).status_code == 400


@pytest.mark.parametrize("extra", [0, 6])
def test_the_drill_down_takes_the_same_number_of_queries_however_many_gesprekken_are_behind(
    client_van, eigenaar, gesprekken, vragenbank, django_assert_num_queries, extra
):
    for nummer in range(extra):
        gesprek = gehouden(eigenaar, vragenbank, organisatie=f"Extra {nummer}")
        aantekening_zetten(gesprek, GV, "1", tekst=f"Aantekening {nummer}", observatie="sterk_punt")
    client = client_van(eigenaar)
    parameters = {"soort": "criterium", "bron": criterium_bron(GV, 1), "maat": "sterk_punt"}

    client.get(URL)  # the filter choices are now in the cache

    with django_assert_num_queries(QUERIES_VAN_DE_LIJST):
        response = client.get(LIJST, parameters)

    assert len(response.context["pagina"]) == 2 + extra


def test_a_long_drill_down_is_split_into_pages(client_van, eigenaar, vragenbank):
    for dag in range(1, 56):
        kaal_gesprek(
            eigenaar=eigenaar,
            organisatie=f"Org {dag:02d}",
            status="gevoerd",
            datum=datetime.date(2026, 1, 1) + datetime.timedelta(days=dag),
        )
    # Gesprekken without a vragenlijst count nowhere; give them all an element by copying one gesprek's list.
    bron = gehouden(eigenaar, vragenbank, organisatie="Met lijst").elementen.get(naam=GV)
    for gesprek in Gesprek.objects.filter(organisatie__startswith="Org"):
        element = GesprekElement.objects.create(
            gesprek=gesprek, bron=bron.bron, nummer=bron.nummer, naam=bron.naam, opgenomen=True
        )
        Aantekening.objects.create(gesprek=gesprek, element=element, tekst="Besproken.")
    parameters = {"soort": "element", "bron": str(bron.bron_id), "maat": "besproken"}

    eerste = lijst(client_van(eigenaar), **parameters)
    tweede = lijst(client_van(eigenaar), **parameters, pagina="2")

    assert len(eerste.context["pagina"]) == PER_PAGINA
    assert [g.organisatie for g in tweede.context["pagina"]] == [f"Org {dag:02d}" for dag in range(5, 0, -1)]
    assert "Pagina 1 van 2" in eerste.content.decode()


def test_the_counting_rules_are_the_same_in_the_list_as_in_the_table(client_van, coordinator, gesprekken):
    """Every cell's number equals the length of its drill-down list: one definition, used twice."""
    client = client_van(coordinator)
    resultaat = overzicht_van(client)

    for rij in [*resultaat.elementen[:4], *resultaat.criteria[:8]]:
        for maat, _, aantal, query in rij.cellen:
            response = client.get(f"{LIJST}?{query}")
            assert response.context["pagina"].paginator.count == aantal, (rij.naam, maat)
