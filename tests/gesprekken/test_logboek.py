"""Issue 5 (BIO) and issue 4: who viewed, changed, exported, shared, closed or reopened which gesprek, from where."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from gesprekken.models import Gebeurtenis

from .builders import afronden_post, criterium_aantekeningen, gegevens_post_van, url

GEHEIM = "Vertrouwelijk: de bestuurder twijfelt aan de wethouder."


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("toezicht", password="een-lang-testwachtwoord")


@pytest.fixture(autouse=True)
def alleen_eigen_regels(request):
    """Each test reads the lines of its own requests: the gesprek is made first, then the log of its making goes."""
    if "gesprek" in request.fixturenames:
        request.getfixturevalue("gesprek")
    Gebeurtenis.objects.all().delete()


def regels(gesprek=None):
    rijen = Gebeurtenis.objects.order_by("id")
    if gesprek is not None:
        rijen = rijen.filter(gesprek_nummer=gesprek.pk)
    return [(r.gebruikersnaam, r.actie, r.resultaat, r.wat) for r in rijen]


def test_viewing_and_exporting_a_gesprek_is_logged_with_who_and_from_where(client_van, eigenaar, gesprek):
    client = client_van(eigenaar)

    client.get(url("voeren", gesprek), REMOTE_ADDR="10.0.0.7")
    client.get(url("rapport_pdf", gesprek) + "?download=1", REMOTE_ADDR="10.0.0.7")

    assert regels(gesprek) == [("eigenaar", "bekeken", "gelukt", ""), ("eigenaar", "geexporteerd", "gelukt", "")]
    assert {str(r.ip) for r in Gebeurtenis.objects.all()} == {"10.0.0.7"}
    assert all(r.gesprek == gesprek and r.gebruiker == eigenaar for r in Gebeurtenis.objects.all())


def test_a_page_the_service_worker_keeps_for_offline_use_is_logged_as_such(client_van, eigenaar, gesprek):
    client_van(eigenaar).get(url("voeren", gesprek), headers={"X-Bewaren-Zonder-Verbinding": "1"})

    assert regels(gesprek) == [("eigenaar", "bekeken", "gelukt", "bewaard voor gebruik zonder verbinding")]


def test_an_outsider_trying_a_gesprek_is_logged_as_refused(client_van, buitenstaander, gesprek):
    client = client_van(buitenstaander)

    client.get(url("voeren", gesprek))
    client.post(url("heropenen", gesprek))
    client.get(reverse("gesprekken:voeren", args=[10**6]))

    assert regels() == [
        ("buitenstaander", "bekeken", "geweigerd", ""),
        ("buitenstaander", "gewijzigd", "geweigerd", ""),
        ("buitenstaander", "bekeken", "geweigerd", ""),
    ]
    assert Gebeurtenis.objects.order_by("id").last().gesprek_nummer == 10**6


def test_sharing_a_gesprek_and_ending_the_share_are_logged_with_the_names(
    client_van, eigenaar, co_inspecteur, buitenstaander, gesprek
):
    client = client_van(eigenaar)

    client.post(url("gegevens", gesprek), gegevens_post_van(gesprek, co_inspecteurs=[buitenstaander.pk]))

    assert regels(gesprek) == [
        ("eigenaar", "gewijzigd", "gelukt", "gegevens van het gesprek"),
        ("eigenaar", "gedeeld", "gelukt", "gedeeld met buitenstaander"),
        ("eigenaar", "gedeeld", "gelukt", "niet meer gedeeld met collega"),
    ]


def test_closing_reopening_and_every_change_after_are_logged_without_the_text(
    client_van, eigenaar, co_inspecteur, gesprek
):
    olga, cas = client_van(eigenaar), client_van(co_inspecteur)
    aantekening = criterium_aantekeningen(gesprek)[0]
    opslaan = url("aantekening_opslaan", gesprek, aantekening.pk)
    olga.post(opslaan, {"tekst": GEHEIM, "observatie": "", "versie": "0"})
    olga.post(url("afronden", gesprek), afronden_post(samenvatting=GEHEIM, stap="vaststellen"))
    Gebeurtenis.objects.all().delete()

    cas.post(url("heropenen", gesprek))
    cas.post(opslaan, {"tekst": GEHEIM + " Of toch niet.", "observatie": "", "versie": "1"})
    cas.post(opslaan, {"tekst": GEHEIM + " Of toch niet!", "observatie": "", "versie": "2"})

    criterium = f"aantekening bij criterium {aantekening.criterium.label} van {aantekening.element.naam}"
    assert regels(gesprek) == [
        ("collega", "heropend", "gelukt", ""),
        # One line per stretch of typing, not per keystroke.
        ("collega", "gewijzigd", "gelukt", criterium),
    ]
    for rij in Gebeurtenis.objects.values():
        assert not any("bestuurder twijfelt" in str(waarde) for waarde in rij.values())


def test_only_a_superuser_reads_the_log_in_admin_and_nobody_changes_it(
    client_van, superuser, beheerder, eigenaar, gesprek
):
    client_van(eigenaar).get(url("voeren", gesprek))
    regel = Gebeurtenis.objects.get()
    lijst = reverse("admin:gesprekken_gebeurtenis_changelist")

    als_superuser = client_van(superuser)
    assert "eigenaar" in als_superuser.get(lijst).content.decode()
    assert als_superuser.get(reverse("admin:gesprekken_gebeurtenis_change", args=[regel.pk])).status_code == 200
    assert als_superuser.get(reverse("admin:gesprekken_gebeurtenis_add")).status_code == 403
    assert als_superuser.post(reverse("admin:gesprekken_gebeurtenis_delete", args=[regel.pk])).status_code == 403
    assert client_van(beheerder).get(lijst).status_code == 403
    assert Gebeurtenis.objects.count() == 1


def test_exporting_the_overview_is_logged_with_its_filters(client_van, coordinator, gesprek):
    client_van(coordinator).get(reverse("gesprekken:overzicht_csv") + "?inspectie=igj")

    [regel] = Gebeurtenis.objects.all()
    assert (regel.gebruikersnaam, regel.actie, regel.gesprek) == ("coord", "geexporteerd", None)
    assert regel.wat.startswith("overzicht als CSV (") and "inspectie=igj" in regel.wat
