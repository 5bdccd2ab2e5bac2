"""The migration to report versions (0010), run on a database as the release before had it: an afgerond gesprek
becomes vastgesteld, nothing in it changes, and its content becomes its first version."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from gesprekken.models import Gesprek, RapportVersie
from gesprekken.roles import INSPECTEURS

from .builders import pdf_tekst
from .migraties import migreren, naar_nieuwste

VOOR = [("gesprekken", "0009_afspraken_opvolgen"), ("deelname", "0001_initial")]
SAMENVATTING = "Een open gesprek over de wijkteams; de visie is gedeeld."
AFGEROND_OP = timezone.make_aware(datetime.datetime(2026, 5, 4, 15, 30))
# Serialized rollback: the roles and content types the migrations made are there again for the tests after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def vorige_release():
    apps = migreren(VOOR)
    yield apps
    naar_nieuwste()


def _gesprek_maken(apps, status, **velden):
    eigenaar, _ = apps.get_model("auth", "User").objects.get_or_create(username="inspecteur")
    organisatie = apps.get_model("gesprekken", "Organisatie").objects.create(
        naam="Zorggroep De Linde", sleutel="zorggroep de linde", soort="zorgaanbieder"
    )
    gesprek = apps.get_model("gesprekken", "Gesprek").objects.create(
        organisatie=organisatie,
        organisatie_type="zorgaanbieder",
        inspectie="igj",
        aanleiding="afsluitend gesprek",
        datum=datetime.date(2026, 5, 1),
        eigenaar=eigenaar,
        status=status,
        **velden,
    )
    apps.get_model("gesprekken", "Afspraak").objects.create(gesprek=gesprek, wat="Evaluatie plannen", wie="Bestuurder")
    return gesprek.pk


def test_an_afgerond_gesprek_becomes_vastgesteld_unchanged_with_its_content_as_first_version(vorige_release, client):
    afgerond = _gesprek_maken(vorige_release, "afgerond", samenvatting=SAMENVATTING, afgerond_op=AFGEROND_OP)
    gevoerd = _gesprek_maken(vorige_release, "gevoerd", samenvatting="Nog bezig.")

    naar_nieuwste()

    gesprek = Gesprek.objects.get(pk=afgerond)
    assert (gesprek.status, gesprek.vastgesteld_op, gesprek.samenvatting) == (
        Gesprek.Status.VASTGESTELD,
        AFGEROND_OP,
        SAMENVATTING,
    )
    assert list(gesprek.afspraken.values_list("wat", flat=True)) == ["Evaluatie plannen"]
    assert Gesprek.objects.get(pk=gevoerd).status == Gesprek.Status.GEVOERD
    assert not RapportVersie.objects.exists()
    eigenaar = User.objects.get(username="inspecteur")
    eigenaar.groups.add(Group.objects.get(name=INSPECTEURS))
    client.force_login(eigenaar)

    pagina = client.get(reverse("gesprekken:afronden", args=[afgerond])).content.decode()
    rapport = client.get(reverse("gesprekken:rapport_pdf", args=[afgerond])).content

    versie = RapportVersie.objects.get()
    assert (versie.gesprek_id, versie.nummer, versie.soort) == (afgerond, 1, "vastgesteld")
    assert versie.gemaakt_op == AFGEROND_OP and versie.toelichting == "overgenomen van het gesprek dat was afgerond"
    assert SAMENVATTING in pagina and "<textarea" not in pagina
    assert rapport == bytes(versie.pdf) and SAMENVATTING in pdf_tekst(rapport)
    assert Gesprek.objects.get(pk=afgerond).samenvatting == SAMENVATTING


def test_going_back_makes_vastgesteld_afgerond_again(vorige_release):
    afgerond = _gesprek_maken(vorige_release, "afgerond", afgerond_op=AFGEROND_OP)
    naar_nieuwste()

    apps = migreren(VOOR)

    gesprek = apps.get_model("gesprekken", "Gesprek").objects.get(pk=afgerond)
    assert (gesprek.status, gesprek.afgerond_op) == ("afgerond", AFGEROND_OP)
