"""`manage.py demodata`: accounts and gesprekken to show the app with."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from gesprekken import afspraken
from gesprekken.models import Aantekening, Afspraak, Gesprek, GesprekCriterium
from gesprekken.roles import COORDINATOREN, INSPECTEURS, VRAGENBANK_BEHEERDERS

WACHTWOORD = "demo-wachtwoord-voor-de-test"


@pytest.fixture
def demodata(vragenbank, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", WACHTWOORD)
    uitvoer = io.StringIO()
    call_command("demodata", stdout=uitvoer)
    return uitvoer.getvalue()


def gebruiker(naam):
    return get_user_model().objects.get(username=naam)


def test_it_creates_the_four_demo_accounts_with_the_password_from_the_environment(demodata):
    rollen = {
        "inspecteur1": INSPECTEURS,
        "inspecteur2": INSPECTEURS,
        "beheerder": VRAGENBANK_BEHEERDERS,
        "coordinator": COORDINATOREN,
    }
    for naam, groep in rollen.items():
        account = gebruiker(naam)
        assert account.check_password(WACHTWOORD), naam
        assert list(account.groups.values_list("name", flat=True)) == [groep], naam
    assert gebruiker("beheerder").is_staff
    assert not gebruiker("inspecteur1").is_staff


def test_it_does_not_print_the_password_from_the_environment(demodata):
    assert WACHTWOORD not in demodata
    assert "Wachtwoord: het wachtwoord uit DEMO_PASSWORD" in demodata


def test_a_demo_inspector_can_log_in_and_sees_the_demo_gesprekken(demodata):
    client = Client()
    # The lock-out backend (django-axes) only checks a login that comes with a request.
    assert client.login(username="inspecteur1", password=WACHTWOORD, request=HttpRequest())

    response = client.get(reverse("gesprekken:mijn_gesprekken"))

    assert sorted(g.organisatie.naam for g in response.context["pagina"]) == [
        "Gemeente Rivierstad",
        "Gemeente Rivierstad",
        "ROC Midden",
        "Stichting Jeugdhulp Rivierland",
        "Zorggroep De Linde",
    ]


def test_the_colleague_shares_the_gesprek_in_preparation(demodata):
    gedeeld = Gesprek.objects.filter(co_inspecteurs=gebruiker("inspecteur2"))

    assert [(g.organisatie.naam, g.status) for g in gedeeld] == [("Zorggroep De Linde", Gesprek.Status.VOORBEREIDING)]


def test_there_is_a_gesprek_in_each_status(demodata):
    statussen = set(
        Gesprek.objects.filter(eigenaar=gebruiker("inspecteur1")).values_list("organisatie__naam", "status")
    )

    assert statussen == {
        ("Zorggroep De Linde", Gesprek.Status.VOORBEREIDING),
        ("Gemeente Rivierstad", Gesprek.Status.GEVOERD),
        ("Gemeente Rivierstad", Gesprek.Status.VOORBEREIDING),
        ("ROC Midden", Gesprek.Status.VASTGESTELD),
        ("Stichting Jeugdhulp Rivierland", Gesprek.Status.TER_VERIFICATIE),
    }


def test_organisations_are_shared_and_an_afspraak_is_overdue_for_the_next_gesprek(demodata):
    rivierstad = Gesprek.objects.filter(organisatie__naam="Gemeente Rivierstad")
    volgende = rivierstad.get(eigenaar=gebruiker("inspecteur1"), status=Gesprek.Status.VOORBEREIDING)

    assert volgende.organisatie.gesprekken.count() == 3
    assert set(rivierstad.values_list("inspectie", flat=True)) == {"igj", "jenv"}
    open_afspraken = afspraken.terugblik_mogelijk(volgende, gebruiker("inspecteur1"))
    assert [a.is_verlopen for a in open_afspraken] == [True, False]
    assert Afspraak.objects.filter(status=Afspraak.Status.NAGEKOMEN).count() == 1
    assert Afspraak.objects.verlopen().count() == 2


def test_the_afgerond_gesprek_has_a_note_on_every_core_criterion_and_an_afspraak(demodata, client_van):
    afgerond = Gesprek.objects.get(status=Gesprek.Status.VASTGESTELD)
    kerncriteria = GesprekCriterium.objects.filter(element__gesprek=afgerond, element__is_kernelement=True)

    assert kerncriteria.count() == 28
    zonder = Aantekening.objects.filter(criterium__in=kerncriteria, tekst="")
    assert not zonder.exists()
    assert afgerond.vastgesteld_op is not None
    assert afgerond.afspraken.count() == 3
    rapport = client_van(gebruiker("inspecteur1")).get(reverse("gesprekken:rapport_pdf", args=[afgerond.pk]))
    assert rapport.status_code == 200


def test_the_gesprekken_speak_of_their_own_doelgroep(demodata):
    roc = Gesprek.objects.get(organisatie__naam="ROC Midden")

    assert roc.vragen.get(tekst__startswith="Wat heeft de samenwerking").tekst == (
        "Wat heeft de samenwerking de studenten voor wie u samenwerkt opgeleverd?"
    )


def test_running_it_twice_creates_nothing_new_and_keeps_the_passwords(demodata, monkeypatch):
    aantallen = [
        get_user_model().objects.count(),
        Gesprek.objects.count(),
        Aantekening.objects.count(),
        Afspraak.objects.count(),
    ]
    monkeypatch.setenv("DEMO_PASSWORD", "een-ander-wachtwoord-2027")

    call_command("demodata", stdout=io.StringIO())

    assert [
        get_user_model().objects.count(),
        Gesprek.objects.count(),
        Aantekening.objects.count(),
        Afspraak.objects.count(),
    ] == aantallen
    assert gebruiker("inspecteur1").check_password(WACHTWOORD)


def test_without_a_question_bank_it_says_to_load_it_first_and_creates_nothing(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", WACHTWOORD)

    with pytest.raises(CommandError, match="Laad eerst de vragenbank"):
        call_command("demodata", stdout=io.StringIO())

    assert not get_user_model().objects.filter(username="inspecteur1").exists()
