"""Part 1: an inspector on the gesprek invites a contact of the organisation; the link is mailed or shown."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deelname import services
from deelname.models import Uitnodiging, token_hash
from gesprekken.logboek import Wie
from gesprekken.models import Gebeurtenis
from tests.postbus import tekst_van

from .conftest import pad_van


def uitnodigen_post(client, gesprek, **velden):
    gegevens = {"naam": "Mevr. J. de Boer", "email": "j.deboer@testdal.nl", "rol": "bestuurder", "versturen": "tonen"}
    return client.post(reverse("deelname:uitnodigen", args=[gesprek.pk]), {**gegevens, **velden})


def test_the_inspector_is_shown_the_link_once_and_only_its_hash_is_stored(client_van, eigenaar, gesprek):
    response = uitnodigen_post(client_van(eigenaar), gesprek)

    assert response.status_code == 200
    url = re.search(r'value="(http://127\.0\.0\.1:8000/deelname/openen/\?sleutel=([^"]+))"', response.content.decode())
    token = url.group(2)
    assert len(token) >= 43  # 32 random bytes, URL-safe
    uitnodiging = Uitnodiging.objects.get()
    assert uitnodiging.token_hash == token_hash(token) and token not in uitnodiging.token_hash
    assert (uitnodiging.naam, uitnodiging.email, uitnodiging.rol) == (
        "Mevr. J. de Boer",
        "j.deboer@testdal.nl",
        "bestuurder",
    )
    assert uitnodiging.verloopt_op - timezone.now() > timedelta(days=13, hours=23)
    assert not Gebeurtenis.objects.filter(wat__contains=token).exists()


def test_a_co_inspecteur_may_invite_and_an_outsider_gets_404(client_van, co_inspecteur, buitenstaander, gesprek):
    assert uitnodigen_post(client_van(co_inspecteur), gesprek).status_code == 200
    assert uitnodigen_post(client_van(buitenstaander), gesprek, email="ander@testdal.nl").status_code == 404
    assert Uitnodiging.objects.count() == 1


def test_an_afgerond_gesprek_takes_no_invitation(client_van, eigenaar, gesprek):
    gesprek.status = gesprek.Status.VASTGESTELD
    gesprek.save()
    response = uitnodigen_post(client_van(eigenaar), gesprek)
    assert response.status_code == 302
    assert not Uitnodiging.objects.exists()


def test_a_wrong_address_gets_a_dutch_message_and_nothing_is_made(client_van, eigenaar, gesprek):
    response = uitnodigen_post(client_van(eigenaar), gesprek, email="geen-adres")
    assert response.status_code == 422
    assert "Voer een geldig e-mailadres in." in response.content.decode()
    assert not Uitnodiging.objects.exists()


def test_the_invitation_is_mailed_and_the_link_in_the_message_opens_the_page(
    postbus, client, client_van, eigenaar, gesprek, gedeeld
):
    response = uitnodigen_post(client_van(eigenaar), gesprek, versturen="mailen")

    assert "De uitnodiging is per e-mail verstuurd naar j.deboer@testdal.nl." in response.content.decode()
    [bericht] = postbus.aan("j.deboer@testdal.nl")
    tekst = tekst_van(bericht)
    url = re.search(r"http://127\.0\.0\.1:8000/deelname/openen/\?sleutel=\S+", tekst).group(0)
    # Nothing confidential: no organisation, no question, no note.
    assert str(gesprek.organisatie) not in tekst
    assert all(vraag.tekst not in tekst for vraag in gedeeld[0])
    geopend = client.get(pad_van(url), follow=True)
    assert geopend.status_code == 200
    assert gedeeld[0][0].tekst in geopend.content.decode()
    assert Uitnodiging.objects.get().status == Uitnodiging.Status.GEOPEND


def test_without_a_mail_server_the_link_is_shown_to_copy(settings, client_van, eigenaar, gesprek):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    response = uitnodigen_post(client_van(eigenaar), gesprek, versturen="mailen")
    pagina = response.content.decode()
    assert "De e-mail kon niet worden verstuurd" in pagina
    assert "/deelname/openen/?sleutel=" in pagina


def test_a_new_link_for_the_same_contact_makes_the_old_one_invalid(client, gesprek, link):
    oud = pad_van(link.url)
    nieuw = services.nieuwe_link(uitnodiging=link.uitnodiging, wie=Wie(gesprek.eigenaar), per_mail=False)

    assert Uitnodiging.objects.count() == 1
    response = client.get(oud)
    assert response.status_code == 404
    assert "neem contact op met de inspecteur" in response.content.decode().lower()
    assert client.get(pad_van(nieuw.url)).status_code == 302


def test_inviting_the_same_address_again_is_a_new_link_for_the_same_contact(client_van, eigenaar, gesprek, link):
    uitnodigen_post(client_van(eigenaar), gesprek, email="J.deBoer@testdal.nl", naam="Janneke de Boer")
    uitnodiging = Uitnodiging.objects.get()
    assert uitnodiging.naam == "Janneke de Boer"
    assert uitnodiging.token_hash != link.uitnodiging.token_hash


def test_the_list_shows_each_invitations_status(client_van, client, eigenaar, gesprek, link):
    pagina = reverse("deelname:uitnodigingen", args=[gesprek.pk])
    assert "Verstuurd" in client_van(eigenaar).get(pagina).content.decode()
    client.get(pad_van(link.url))
    assert "Geopend" in client_van(eigenaar).get(pagina).content.decode()
    services.indienen(uitnodiging=link.uitnodiging, wie=Wie())
    assert "Ingediend" in client_van(eigenaar).get(pagina).content.decode()


@pytest.mark.parametrize(
    ("wijziging", "status"),
    [({"ingetrokken_op": timezone.now()}, "Ingetrokken"), ({"verloopt_op": timezone.now()}, "Verlopen")],
)
def test_withdrawn_and_expired_invitations_say_so(client_van, eigenaar, gesprek, link, wijziging, status):
    Uitnodiging.objects.update(**wijziging)
    pagina = client_van(eigenaar).get(reverse("deelname:uitnodigingen", args=[gesprek.pk])).content.decode()
    assert status in pagina


def test_the_inspector_withdraws_a_link_and_it_gets_410(client_van, client, eigenaar, gesprek, link):
    response = client_van(eigenaar).post(reverse("deelname:intrekken", args=[gesprek.pk, link.uitnodiging.pk]))
    assert response.status_code == 302
    response = client.get(pad_van(link.url))
    assert response.status_code == 410
    assert "Deze link is ingetrokken" in response.content.decode()
    assert Gebeurtenis.objects.filter(
        wat=f"uitnodiging {link.uitnodiging.pk} (Mevr. J. de Boer): ingetrokken"
    ).exists()


def test_the_invitation_page_has_a_fixed_number_of_queries(
    client_van, eigenaar, gesprek, link, django_assert_num_queries
):
    client = client_van(eigenaar)
    url = reverse("deelname:uitnodigingen", args=[gesprek.pk])
    client.get(url)
    with django_assert_num_queries(11):
        client.get(url)


def test_ids_beyond_the_databases_range_are_not_found(client_van, eigenaar, gesprek, link):
    client = client_van(eigenaar)
    for naam in ("deelname:intrekken", "deelname:nieuwe_link"):
        assert client.post(reverse(naam, args=[gesprek.pk, 10**30])).status_code == 404
    assert client.post(reverse("deelname:opslaan", args=[10**30])).status_code == 404
