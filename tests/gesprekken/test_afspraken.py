"""Afspraken followed up: on the agenda of the next gesprek with the organisation, a terugblik in Gesprek voeren
saved as every note, in the report, Mijn afspraken, the calendar and the reminder by mail."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Afspraak, Gesprek, Terugblik
from tests import factories
from tests.postbus import tekst_van

from .builders import pdf_tekst, url, zonder_witruimte

VANDAAG = timezone.localdate()


def afspraak(gesprek, wat, wanneer=None, **velden):
    return Afspraak.objects.create(gesprek=gesprek, wat=wat, wie="Bestuurder", wanneer=wanneer, **velden)


@pytest.fixture
def eerder(gesprek):
    """The earlier gesprek with the organisation, shared with the co-inspecteur: two open afspraken, one done."""
    afspraak(gesprek, "Evaluatie met de gemeente plannen", VANDAAG - datetime.timedelta(days=10))
    afspraak(gesprek, "Cliëntenraad betrekken bij het wijkoverleg", VANDAAG + datetime.timedelta(days=30))
    afspraak(gesprek, "Al gedaan", VANDAAG - datetime.timedelta(days=40), status=Afspraak.Status.NAGEKOMEN)
    return gesprek


@pytest.fixture
def tweede(eerder, eigenaar, co_inspecteur, vragenbank):
    return factories.gesprek(
        eigenaar=eigenaar,
        kader=vragenbank,
        co_inspecteurs=[co_inspecteur],
        organisatie="zorggroep testdal",
        datum=VANDAAG + datetime.timedelta(days=7),
    )


@pytest.fixture
def van_een_ander(buitenstaander, vragenbank, eerder):
    """A gesprek with the same organisation that the owner is not on, with an open afspraak."""
    ander = factories.gesprek(eigenaar=buitenstaander, kader=vragenbank, inspectie="jenv")
    return afspraak(ander, "Geheime afspraak van een ander", VANDAAG - datetime.timedelta(days=3))


def agenderen(client, gesprek, afspraken):
    return client.post(url("terugblik_agenderen", gesprek), {"afspraken": [str(a.pk) for a in afspraken]})


def test_preparing_the_next_gesprek_shows_the_open_afspraken_of_earlier_ones_the_inspector_is_on(
    client_van, eigenaar, tweede, van_een_ander
):
    html = client_van(eigenaar).get(url("vragenlijst", tweede)).content.decode()

    assert "Open afspraken uit uw eerdere gesprekken met Zorggroep Testdal" in html
    assert "Evaluatie met de gemeente plannen" in html and "(verlopen)" in html
    assert "Cliëntenraad betrekken bij het wijkoverleg" in html
    assert "Al gedaan" not in html
    assert "Geheime afspraak van een ander" not in html


def test_the_inspector_puts_them_on_the_agenda_and_gesprek_voeren_has_a_terugblik(
    client_van, eigenaar, tweede, eerder
):
    client = client_van(eigenaar)
    open_afspraken = list(eerder.afspraken.open())

    response = agenderen(client, tweede, open_afspraken)

    assert response.status_code == 302
    assert {t.afspraak for t in tweede.terugblikken.all()} == set(open_afspraken)
    html = client.get(url("voeren", tweede)).content.decode()
    assert "Terugblik op afspraken" in html
    assert "Status van de afspraak ‘Evaluatie met de gemeente plannen’" in html
    assert 'value="nagekomen"' in html and 'data-keuzeveld="keuze"' in html
    # Already on the agenda: no longer offered.
    assert 'name="afspraken"' not in client.get(url("vragenlijst", tweede)).content.decode()


def test_an_afspraak_of_someone_elses_gesprek_cannot_be_put_on_the_agenda(client_van, eigenaar, tweede, van_een_ander):
    response = agenderen(client_van(eigenaar), tweede, [van_een_ander])

    assert response.status_code == 302
    assert not Terugblik.objects.exists()
    volgende = client_van(eigenaar).get(response["Location"])
    assert volgende.status_code == 200


@pytest.mark.parametrize("waarde", ["abc", "-1", str(10**30), ""])
def test_odd_ids_for_the_agenda_get_a_dutch_message_and_change_nothing(client_van, eigenaar, tweede, waarde):
    client = client_van(eigenaar)
    response = client.post(url("terugblik_agenderen", tweede), {"afspraken": [waarde]}, follow=True)

    assert response.status_code == 200
    assert "afspra" in str(list(response.context["messages"])[0]).lower()
    assert not Terugblik.objects.exists()


@pytest.fixture
def terugblik(tweede, eerder):
    services.terugblik_agenderen(gesprek=tweede, wie=Wie(tweede.eigenaar), afspraken=eerder.afspraken.open())
    return tweede.terugblikken.select_related("aantekening", "afspraak").order_by("afspraak__wanneer").first()


def opslaan(client, terugblik, *, tekst, keuze, versie=None):
    aantekening = terugblik.aantekening
    return client.post(
        url("aantekening_opslaan", terugblik.gesprek, aantekening.pk),
        {
            "tekst": tekst,
            "keuze": keuze,
            "observatie": "",
            "versie": str(aantekening.versie if versie is None else versie),
        },
    )


def test_saving_a_terugblik_writes_the_afspraaks_status_and_toelichting_with_it(client_van, eigenaar, terugblik):
    response = opslaan(client_van(eigenaar), terugblik, tekst="De evaluatie was in oktober.", keuze="nagekomen")

    assert response.status_code == 200
    afspraak = Afspraak.objects.get(pk=terugblik.afspraak_id)
    assert (afspraak.status, afspraak.toelichting) == (Afspraak.Status.NAGEKOMEN, "De evaluatie was in oktober.")
    assert afspraak not in Afspraak.objects.open()


def test_a_terugblik_saved_on_an_old_version_is_a_conflict_and_changes_no_afspraak(
    client_van, eigenaar, co_inspecteur, terugblik
):
    eerst = opslaan(client_van(co_inspecteur), terugblik, tekst="Deels, de gemeente wacht nog.", keuze="deels")
    assert eerst.status_code == 200, eerst.content

    response = opslaan(client_van(eigenaar), terugblik, tekst="Nagekomen.", keuze="nagekomen", versie=0)

    assert response.status_code == 409
    assert response.json()["server"]["keuze"] == "deels"
    assert Afspraak.objects.get(pk=terugblik.afspraak_id).status == Afspraak.Status.DEELS


@pytest.mark.parametrize("status", Afspraak.Status.values)
def test_every_status_can_be_saved_through_the_autosave(client_van, eigenaar, terugblik, status):
    response = opslaan(client_van(eigenaar), terugblik, tekst="", keuze="" if status == "open" else status)

    assert response.status_code == 200
    assert Afspraak.objects.get(pk=terugblik.afspraak_id).status == status


@pytest.mark.parametrize(("keuze", "observatie"), [("gedaan", ""), ("99", ""), ("", "sterk_punt")])
def test_a_status_that_does_not_exist_is_refused_in_dutch_and_nothing_changes(
    client_van, eigenaar, terugblik, keuze, observatie
):
    aantekening = terugblik.aantekening
    response = client_van(eigenaar).post(
        url("aantekening_opslaan", terugblik.gesprek, aantekening.pk),
        {"tekst": "x", "keuze": keuze, "observatie": observatie, "versie": "0"},
    )

    assert response.status_code == 422
    assert "afspraak" in response.json()["melding"]
    assert Afspraak.objects.get(pk=terugblik.afspraak_id).status == Afspraak.Status.OPEN


def test_restoring_an_earlier_version_of_a_terugblik_restores_the_afspraaks_status(eigenaar, co_inspecteur, terugblik):
    aantekening = terugblik.aantekening
    services.terugblik_opslaan(
        terugblik=terugblik, aantekening=aantekening, tekst="Deels.", keuze="deels", versie=0, wie=Wie(eigenaar)
    )
    aantekening.refresh_from_db()
    services.terugblik_opslaan(
        terugblik=terugblik,
        aantekening=aantekening,
        tekst="Toch niet.",
        keuze="niet",
        versie=1,
        wie=Wie(co_inspecteur),
    )
    versie = aantekening.versies.get(versie=1)

    services.versie_terugzetten(aantekening=aantekening, versie=versie, wie=Wie(eigenaar))

    assert Afspraak.objects.get(pk=terugblik.afspraak_id).status == Afspraak.Status.DEELS


def test_a_terugblik_with_something_recorded_stays_on_the_agenda(client_van, eigenaar, terugblik):
    client = client_van(eigenaar)
    opslaan(client, terugblik, tekst="", keuze="vervallen")

    response = client.post(url("terugblik_verwijderen", terugblik.gesprek, terugblik.pk), follow=True)

    assert "daarom blijft hij op de agenda" in response.content.decode()
    assert Terugblik.objects.filter(pk=terugblik.pk).exists()


def test_an_empty_terugblik_can_be_taken_off_the_agenda(client_van, eigenaar, terugblik):
    client_van(eigenaar).post(url("terugblik_verwijderen", terugblik.gesprek, terugblik.pk))

    assert not Terugblik.objects.filter(pk=terugblik.pk).exists()
    assert Afspraak.objects.filter(pk=terugblik.afspraak_id).exists()


def test_a_filled_terugblik_does_not_stop_composing_the_list_anew(terugblik):
    services.terugblik_opslaan(
        terugblik=terugblik,
        aantekening=terugblik.aantekening,
        tekst="Ja",
        keuze="nagekomen",
        versie=0,
        wie=Wie(terugblik.gesprek.eigenaar),
    )

    assert not services.heeft_aantekeningen(terugblik.gesprek)


def test_the_report_pdf_docx_and_json_show_the_terugblik(client_van, eigenaar, terugblik):
    client = client_van(eigenaar)
    opslaan(client, terugblik, tekst="De evaluatie was in oktober.", keuze="nagekomen")
    gesprek = terugblik.gesprek

    pdf = zonder_witruimte(pdf_tekst(client.get(url("rapport_pdf", gesprek)).content))
    assert zonder_witruimte("Terugblik op afspraken") in pdf
    assert zonder_witruimte("Status: nagekomen") in pdf
    assert zonder_witruimte("De evaluatie was in oktober.") in pdf

    docx = client.get(url("rapport_docx", gesprek)).content
    assert b"word/document.xml" in docx

    data = json.loads(client.get(url("gesprek_json", gesprek)).content)
    [eerste, tweede] = data["terugblik"]
    assert (eerste["status"], eerste["toelichting"]) == ("nagekomen", "De evaluatie was in oktober.")
    assert tweede["status"] == "open"


def test_mijn_afspraken_lists_the_open_ones_overdue_first_and_none_of_others(
    client_van, eigenaar, eerder, van_een_ander
):
    afspraak(eerder, "Zonder datum")
    response = client_van(eigenaar).get(reverse("gesprekken:mijn_afspraken"))

    assert [a.wat for a in response.context["afspraken"]] == [
        "Evaluatie met de gemeente plannen",
        "Cliëntenraad betrekken bij het wijkoverleg",
        "Zonder datum",
    ]
    html = response.content.decode()
    assert "verlopen" in html and "Geheime afspraak" not in html


@pytest.mark.parametrize("aantal", [1, 8])
def test_mijn_afspraken_takes_the_same_number_of_queries_however_many(
    client_van, eigenaar, vragenbank, django_assert_num_queries, aantal
):
    for n in range(aantal):
        gesprek = factories.gesprek(eigenaar=eigenaar, kader=vragenbank, organisatie=f"Organisatie {n}")
        afspraak(gesprek, f"Afspraak {n}", VANDAAG)
    client = client_van(eigenaar)
    # Session, user with permissions, the afspraken with their gesprek and organisation; the session saved (3).
    with django_assert_num_queries(6):
        client.get(reverse("gesprekken:mijn_afspraken"))


def test_an_afspraak_as_ics_is_a_valid_calendar_item_and_all_of_them_too(client_van, eigenaar, eerder):
    client = client_van(eigenaar)
    een = eerder.afspraken.get(wat="Evaluatie met de gemeente plannen")

    response = client.get(reverse("gesprekken:afspraak_ics", args=[een.pk]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    kalender = Calendar.from_ical(response.content)
    assert kalender["VERSION"] == "2.0" and kalender["PRODID"]
    [item] = kalender.walk("VEVENT")
    assert item.decoded("DTSTART") == een.wanneer
    assert item.decoded("DTEND") == een.wanneer + datetime.timedelta(days=1)
    assert "Evaluatie met de gemeente plannen" in str(item["SUMMARY"])
    assert str(item["UID"]) == f"afspraak-{een.pk}@samenwerkingsgesprek"

    alle = Calendar.from_ical(client.get(reverse("gesprekken:afspraken_ics")).content)
    assert len(alle.walk("VEVENT")) == 2


def test_an_ics_of_someone_elses_afspraak_is_404(client_van, eigenaar, van_een_ander):
    client = client_van(eigenaar)

    assert client.get(reverse("gesprekken:afspraak_ics", args=[van_een_ander.pk])).status_code == 404
    assert client.get(reverse("gesprekken:afspraak_ics", args=[10**30])).status_code == 404


def test_the_reminder_mails_each_inspector_once_about_newly_overdue_afspraken(
    postbus, eigenaar, co_inspecteur, eerder, van_een_ander, buitenstaander
):
    for gebruiker, adres in [(eigenaar, "eigenaar@example.nl"), (co_inspecteur, "co@example.nl")]:
        gebruiker.email = adres
        gebruiker.save()

    call_command("afspraken_herinneren", stdout=open("/dev/null", "w"))

    [aan_eigenaar] = postbus.aan("eigenaar@example.nl")
    [aan_co] = postbus.aan("co@example.nl")
    tekst = tekst_van(aan_eigenaar)
    assert "Evaluatie met de gemeente plannen" in tekst
    assert "Cliëntenraad" not in tekst and "Al gedaan" not in tekst and "Geheime afspraak" not in tekst
    assert "/gesprekken/afspraken/" in tekst
    assert "Evaluatie met de gemeente plannen" in tekst_van(aan_co)
    # The outsider has no address: skipped, and his afspraak is not mailed to anyone else.
    assert len(postbus.berichten) == 2

    call_command("afspraken_herinneren", stdout=open("/dev/null", "w"))
    assert len(postbus.berichten) == 2

    afspraak(eerder, "Nieuw verlopen", VANDAAG - datetime.timedelta(days=1))
    call_command("afspraken_herinneren", stdout=open("/dev/null", "w"))
    assert len(postbus.berichten) == 4
    assert "Nieuw verlopen" in tekst_van(postbus.aan("eigenaar@example.nl")[-1])
    assert "Evaluatie met de gemeente" not in tekst_van(postbus.aan("eigenaar@example.nl")[-1])


def test_gesprekken_only_count_as_earlier_when_the_inspector_is_on_them(eigenaar, tweede, van_een_ander):
    from gesprekken import afspraken

    assert van_een_ander not in afspraken.terugblik_mogelijk(tweede, eigenaar)
    assert Gesprek.objects.filter(organisatie=tweede.organisatie).count() == 3


def test_the_earlier_gesprek_shows_how_its_afspraak_was_followed_up(client_van, eigenaar, terugblik):
    opslaan(client_van(eigenaar), terugblik, tekst="De evaluatie was in oktober.", keuze="nagekomen")

    html = client_van(eigenaar).get(url("afronden", terugblik.afspraak.gesprek)).content.decode()

    assert "Opgevolgd: nagekomen – De evaluatie was in oktober." in html
