"""Bad input on the forms and the endpoint of deelname/: never a 500, always a Dutch message, nothing saved half.

Uses the strategies and checks of tests/samenwerking/test_fuzz.py."""

import copy
from urllib.parse import quote_from_bytes

from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from deelname.models import Antwoord, Uitnodiging
from tests.samenwerking.adressen import Bezoeker, terugdraaien
from tests.samenwerking.test_fuzz import FUZZ, WAARDE, assert_fout_getoond, assert_nederlands, verstoord, versturen

from .conftest import pad_van


class Linkhouder(Bezoeker):
    """A client that opened the link, starting every request from that session."""

    def __init__(self, url):
        self.client = Client()
        assert self.client.get(pad_van(url)).status_code == 302
        self.client.get(reverse("deelname:pagina"))
        self.koekjes = copy.deepcopy(self.client.cookies)


@FUZZ
@given(data=st.data())
def test_the_answers_endpoint_answers_every_bad_save_in_dutch_json(link, data):
    contact = Linkhouder(link.url)
    antwoord = Antwoord.objects.filter(uitnodiging=link.uitnodiging).order_by("pk").first()
    antwoord_id = data.draw(st.sampled_from([antwoord.pk, antwoord.pk, 10**6, 10**19, 10**30]))
    velden = data.draw(verstoord({"tekst": "Wij werken samen.", "keuze": "", "versie": "0"}))

    with terugdraaien():
        response = versturen(
            contact, reverse("deelname:opslaan", args=[antwoord_id]), velden, HTTP_ACCEPT="application/json"
        )

        assert response.status_code in (200, 404, 409, 413, 422)
        assert response["Content-Type"].startswith("application/json"), response.status_code
        antwoord.refresh_from_db()
        if response.status_code == 200:
            assert response.json()["versie"] == antwoord.versie
            assert "\x00" not in antwoord.tekst
        else:
            assert response.json()["melding"]
            assert_nederlands(response)
            assert (antwoord.tekst, antwoord.versie) == ("", 0)


@FUZZ
@given(data=st.data())
def test_an_invitation_is_made_whole_or_refused_in_dutch(eigenaar, gesprek, data):
    inspecteur = Bezoeker(eigenaar)
    velden = data.draw(
        verstoord(
            {"naam": "Mevr. J. de Boer", "email": "j.deboer@testdal.nl", "rol": "bestuurder", "versturen": "tonen"}
        )
    )

    with terugdraaien():
        response = versturen(inspecteur, reverse("deelname:uitnodigen", args=[gesprek.pk]), velden)

        assert response.status_code in (200, 413, 422)
        if response.status_code == 200:
            assert "/deelname/openen/?sleutel=" in response.content.decode()
        else:
            assert_fout_getoond(response)
            assert not Uitnodiging.objects.exists()


@FUZZ
@given(sleutel=st.one_of(WAARDE, st.text(max_size=200)))
def test_any_token_is_a_dutch_refusal_never_a_500(link, sleutel):
    cache.clear()
    with terugdraaien():
        # As bytes on the wire: a lone surrogate goes out as the invalid UTF-8 a broken client sends.
        waarde = quote_from_bytes(str(sleutel).encode("utf-8", "surrogatepass"))
        response = Client().get(f"{reverse('deelname:openen')}?sleutel={waarde}")
        assert response.status_code in (302, 404), response.status_code
        if response.status_code == 404:
            assert_fout_getoond(response)
