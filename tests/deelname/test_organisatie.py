"""Part 2 and its security: the contact opens the link, answers with the notes' autosave protocol, submits; wrong
links get a Dutch page; guessing is slowed down; everything is in the audit log without a text."""

import pytest
from django.urls import reverse
from django.utils import timezone

from deelname import services
from deelname.models import Antwoord, Uitnodiging
from gesprekken import services as gesprek_services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, Gebeurtenis

from .conftest import pad_van

GEHEIM = "Aantekening van de inspecteur die de organisatie nooit ziet."


@pytest.fixture
def contact(client, link):
    """A browser that opened the link."""
    response = client.get(pad_van(link.url))
    assert response.status_code == 302 and response["Location"] == reverse("deelname:pagina")
    return client


def antwoorden(link):
    return list(Antwoord.objects.filter(uitnodiging=link.uitnodiging).order_by("pk"))


def opslaan(client, antwoord, tekst, versie=None, keuze=""):
    versie = antwoord.versie if versie is None else versie
    return client.post(
        reverse("deelname:opslaan", args=[antwoord.pk]),
        {"tekst": tekst, "keuze": keuze, "versie": str(versie)},
        HTTP_ACCEPT="application/json",
    )


def test_the_page_shows_the_shared_questions_and_instrument_and_none_of_the_inspectors_notes(
    contact, gesprek, gedeeld, link
):
    vragen, halen = gedeeld
    notitie = gesprek.aantekeningen.filter(criterium__isnull=False).first()
    gesprek_services.aantekening_opslaan(
        aantekening=notitie, tekst=GEHEIM, observatie="", versie=0, wie=Wie(gesprek.eigenaar)
    )
    cel = Aantekening.objects.filter(veld__instrument=halen).first()
    gesprek_services.aantekening_opslaan(
        aantekening=cel, tekst=GEHEIM, observatie="", versie=0, wie=Wie(gesprek.eigenaar)
    )

    response = contact.get(reverse("deelname:pagina"))

    pagina = response.content.decode()
    assert response.status_code == 200
    assert all(vraag.tekst in pagina for vraag in vragen)
    assert "Halen en brengen" in pagina and "Belangen – Wijkteam Oost" in pagina
    assert GEHEIM not in pagina
    assert "/gesprekken/" not in pagina and "Uitloggen" not in pagina
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in pagina
    assert "no-store" in response["Cache-Control"]
    # One field per question and per cell of the partner's row, each saved under its own key.
    assert len(antwoorden(link)) == 2 + 3
    assert pagina.count('data-aantekening="antwoord-') == 5


def test_an_answer_is_saved_as_a_note_is_with_a_version_and_a_conflict_on_an_old_one(contact, link):
    contact.get(reverse("deelname:pagina"))
    eerste = antwoorden(link)[0]

    response = opslaan(contact, eerste, "Wij werken samen met het wijkteam.")
    assert response.status_code == 200
    assert response.json()["versie"] == 1 and response.json()["tekst"] == "Wij werken samen met het wijkteam."
    # The same text again (its answer was lost) is a success, another text on the old version a conflict.
    assert opslaan(contact, eerste, "Wij werken samen met het wijkteam.", versie=0).status_code == 200
    conflict = opslaan(contact, eerste, "Iets anders", versie=0)
    assert conflict.status_code == 409
    assert conflict.json()["code"] == "conflict"
    assert conflict.json()["server"]["tekst"] == "Wij werken samen met het wijkteam."


def test_a_choice_off_the_scale_and_a_text_too_long_get_422(contact, link):
    contact.get(reverse("deelname:pagina"))
    vraag = antwoorden(link)[0]
    assert opslaan(contact, vraag, "tekst", keuze="3").status_code == 422
    response = opslaan(contact, vraag, "x" * 20_001)
    assert response.status_code == 422
    assert "ten hoogste 20.000 tekens" in response.json()["melding"]


def test_after_submitting_the_answers_are_read_only(contact, link):
    contact.get(reverse("deelname:pagina"))
    eerste = antwoorden(link)[0]
    opslaan(contact, eerste, "Ons antwoord.")

    response = contact.post(reverse("deelname:indienen"), follow=True)

    pagina = response.content.decode()
    assert "Uw antwoorden zijn ingediend" in pagina
    assert "Ons antwoord." in pagina and "<textarea" not in pagina
    assert Uitnodiging.objects.get().is_ingediend
    eerste.refresh_from_db()
    response = opslaan(contact, eerste, "Later gewijzigd")
    assert response.status_code == 409 and response.json()["code"] == "ingediend"


def test_opening_saving_and_submitting_are_in_the_audit_log_without_the_text(contact, link):
    contact.get(reverse("deelname:pagina"))
    eerste = antwoorden(link)[0]
    opslaan(contact, eerste, "Een geheim antwoord.")
    contact.post(reverse("deelname:indienen"))

    wie = f"uitnodiging {link.uitnodiging.pk} (Mevr. J. de Boer)"
    regels = Gebeurtenis.objects.filter(wat__startswith=wie).order_by("pk")
    assert [r.wat for r in regels] == [
        f"{wie}: gemaakt",
        f"{wie}: geopend",
        f"{wie}: antwoord {eerste.pk} opgeslagen",
        f"{wie}: ingediend",
    ]
    assert all(r.gebruiker is None and r.ip == "127.0.0.1" for r in regels[1:])
    assert not Gebeurtenis.objects.filter(wat__contains="geheim").exists()


@pytest.mark.parametrize(
    "verander",
    [
        lambda url: url[:-1] + ("A" if url[-1] != "A" else "B"),  # altered
        lambda url: url.split("sleutel=")[0] + "sleutel=" + "x" * 43,  # wrong
        lambda url: url.split("?")[0],  # without a token
    ],
)
def test_a_wrong_or_altered_link_gets_a_dutch_404(client, link, verander):
    response = client.get(verander(pad_van(link.url)))
    assert response.status_code == 404
    assert "Neem contact op met de inspecteur" in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"


def test_an_expired_link_gets_410_and_a_session_that_opened_it_before_loses_access(contact, link):
    Uitnodiging.objects.update(verloopt_op=timezone.now())
    response = contact.get(reverse("deelname:pagina"))
    assert response.status_code == 410
    assert "Deze link is verlopen" in response.content.decode()
    assert contact.get(pad_van(link.url)).status_code == 410


def test_a_withdrawn_link_stops_the_session_that_opened_it(contact, link, gesprek):
    contact.get(reverse("deelname:pagina"))
    eerste = antwoorden(link)[0]
    services.intrekken(uitnodiging=link.uitnodiging, wie=Wie(gesprek.eigenaar))
    assert contact.get(reverse("deelname:pagina")).status_code == 410
    response = opslaan(contact, eerste, "Na intrekken")
    assert response.status_code == 410 and "Uw tekst blijft in deze browser bewaard" in response.json()["melding"]
    assert Antwoord.objects.get(pk=eerste.pk).tekst == ""


def test_guessing_links_is_rate_limited_per_address(client, settings, link):
    settings.DEELNAME_MAX_POGINGEN = 3
    for _ in range(3):
        assert client.get("/deelname/openen/?sleutel=" + "g" * 43).status_code == 404
    response = client.get("/deelname/openen/?sleutel=" + "g" * 43)
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    # Also the right link, from that address, until the window ends.
    assert client.get(pad_van(link.url)).status_code == 429
    assert client.get(pad_van(link.url), REMOTE_ADDR="10.0.0.7").status_code == 302
    assert Gebeurtenis.objects.filter(resultaat=Gebeurtenis.Resultaat.GEWEIGERD, wat__contains="link").count() == 3


def test_without_an_opened_link_the_pages_say_how_to_get_in(client):
    response = client.get(reverse("deelname:pagina"))
    assert response.status_code == 404
    assert "Open de link uit uw uitnodiging" in response.content.decode()
    assert client.post(reverse("deelname:indienen")).status_code == 404


def test_an_answer_of_another_invitation_cannot_be_saved(contact, gesprek, link):
    ander = services.uitnodigen(
        gesprek=gesprek, wie=Wie(gesprek.eigenaar), naam="Piet", email="piet@testdal.nl", rol="", per_mail=False
    )
    services.antwoorden_klaarzetten(uitnodiging=ander.uitnodiging, vragen=[gesprek.vragen.first()], velden=[])
    vreemd = Antwoord.objects.get(uitnodiging=ander.uitnodiging)
    assert opslaan(contact, vreemd, "Ingebroken").status_code == 404
    assert Antwoord.objects.get(pk=vreemd.pk).tekst == ""


def test_the_page_has_a_fixed_number_of_queries(contact, link, django_assert_num_queries):
    contact.get(reverse("deelname:pagina"))
    with django_assert_num_queries(11):
        contact.get(reverse("deelname:pagina"))


def test_a_post_with_origin_null_needs_the_csrf_token_and_another_site_is_refused(link):
    """Under no-referrer the browser sends Origin: null; the token still decides, and another origin never passes."""
    from django.test import Client

    contact = Client(enforce_csrf_checks=True)
    contact.get(pad_van(link.url))
    contact.get(reverse("deelname:pagina"))
    token = contact.cookies["csrftoken"].value
    eerste = antwoorden(link)[0]
    url = reverse("deelname:opslaan", args=[eerste.pk])
    gegevens = {"tekst": "Via null", "keuze": "", "versie": "0"}

    assert contact.post(url, gegevens, HTTP_ORIGIN="null").status_code == 403
    assert contact.post(url, gegevens, HTTP_ORIGIN="https://elders.example", HTTP_X_CSRFTOKEN=token).status_code == 403
    assert contact.post(url, gegevens, HTTP_ORIGIN="null", HTTP_X_CSRFTOKEN=token).status_code == 200
    assert Antwoord.objects.get(pk=eerste.pk).tekst == "Via null"


def test_a_scan_and_a_slider_take_a_choice_on_their_own_scale(client, gesprek, gids):
    balans = gesprek_services.instrument_toevoegen(
        gesprek=gesprek, wie=Wie(gesprek.eigenaar), instrument=gids["De balans opmaken"]
    )
    schuif = gesprek_services.instrument_toevoegen(
        gesprek=gesprek, wie=Wie(gesprek.eigenaar), instrument=gids["Dilemmaschuif"]
    )
    services.onderwerpen_kiezen(gesprek=gesprek, wie=Wie(gesprek.eigenaar), vragen=[], instrumenten=[balans, schuif])
    link = services.uitnodigen(
        gesprek=gesprek, wie=Wie(gesprek.eigenaar), naam="Piet", email="piet@testdal.nl", rol="", per_mail=False
    )
    client.get(pad_van(link.url))
    pagina = client.get(reverse("deelname:pagina")).content.decode()
    assert "Er is een gedeeld doel." in pagina and "geel" in pagina
    assert "Helemaal: Snelheid" in pagina
    stelling, _, positie = antwoorden(link)

    assert opslaan(client, stelling, "Wij zien het zo.", keuze="2").status_code == 200
    assert opslaan(client, positie, "", keuze="5").status_code == 200
    assert opslaan(client, positie, "", keuze="6", versie=1).status_code == 422
    assert [(a.tekst, a.keuze) for a in antwoorden(link)][::2] == [("Wij zien het zo.", "2"), ("", "5")]


def test_the_contact_adds_a_partner_to_halen_en_brengen_and_fills_in_its_cells(contact, gesprek, gedeeld, link):
    _, halen = gedeeld
    contact.get(reverse("deelname:pagina"))

    response = contact.post(
        reverse("deelname:rij_toevoegen"), {"instrument": halen.pk, "onderdeel": 0, "naam": "GGZ Oost"}, follow=True
    )

    pagina = response.content.decode()
    assert "GGZ Oost is toegevoegd aan Halen en brengen." in pagina
    assert "Halen – GGZ Oost" in pagina
    assert len(antwoorden(link)) == 2 + 3 + 3
    assert halen.rijen.filter(naam="GGZ Oost").exists()  # the inspector's instrument has the row too
    assert Gebeurtenis.objects.filter(
        wat=f"uitnodiging {link.uitnodiging.pk} (Mevr. J. de Boer): rij toegevoegd aan Halen en brengen",
        ip="127.0.0.1",
    ).exists()


def test_a_row_only_goes_into_a_shared_table_per_partner(contact, gesprek, gids, gedeeld, link):
    _, halen = gedeeld
    niet_gedeeld = gesprek_services.instrument_toevoegen(
        gesprek=gesprek, wie=Wie(gesprek.eigenaar), instrument=gids["Halen en brengen"]
    )
    rijen = halen.rijen.count()
    for gegevens in (
        {"instrument": niet_gedeeld.pk, "onderdeel": 0, "naam": "GGZ"},
        {"instrument": halen.pk, "onderdeel": 5, "naam": "GGZ"},
        {"instrument": halen.pk, "onderdeel": 0, "naam": ""},
        {"instrument": "x", "onderdeel": 0, "naam": "GGZ"},
    ):
        response = contact.post(reverse("deelname:rij_toevoegen"), gegevens)
        assert response.status_code == 302
    assert halen.rijen.count() == rijen and niet_gedeeld.rijen.count() == 1
    services.indienen(uitnodiging=link.uitnodiging, wie=Wie())
    contact.post(reverse("deelname:rij_toevoegen"), {"instrument": halen.pk, "onderdeel": 0, "naam": "GGZ"})
    assert halen.rijen.count() == rijen
