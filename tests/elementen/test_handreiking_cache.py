"""The handreiking page comes from the cache until the question bank changes, and a change shows at once."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from elementen.models import Criterium, Kader

from .test_admin import _inline_post
from .test_handreiking_pagina import HANDREIKING_GELEZEN, URL

# Session, the user with the permissions the menu asks, published kaders, the state of the bank, 3 to renew the
# session.
HANDREIKING_UIT_DE_CACHE = 7


@pytest.fixture(autouse=True)
def _lege_cache(monkeypatch):
    """The bank of each test is loaded moments before: without a settling time it is kept at once."""
    cache.clear()
    monkeypatch.setattr("elementen.cache.BEZINKTIJD", datetime.timedelta(0))


@pytest.fixture
def lezer(client_van, eigenaar):
    return client_van(eigenaar)


def test_a_second_reader_gets_the_page_from_the_cache(lezer, client_van, co_inspecteur, vragenbank):
    eerste = lezer.get(URL).content.decode()

    tweede = client_van(co_inspecteur).get(URL).content.decode()

    assert "Gedeelde visie, gedeeld belang" in tweede
    assert tweede.count("<li") == eerste.count("<li")


def test_the_page_from_the_cache_takes_no_queries_for_the_bank(lezer, vragenbank, django_assert_num_queries):
    with django_assert_num_queries(HANDREIKING_GELEZEN):
        lezer.get(URL)

    with django_assert_num_queries(HANDREIKING_UIT_DE_CACHE):
        assert lezer.get(URL).status_code == 200


def test_an_edit_in_admin_shows_at_once(lezer, client_van, beheerder, vragenbank):
    assert "Een criterium zoals TSD het net heeft herschreven." not in lezer.get(URL).content.decode()
    element = vragenbank.elementen.get(naam="Gedeelde visie, gedeeld belang")
    url = reverse("admin:elementen_element_change", args=[element.pk])
    tekst = "Een criterium zoals TSD het net heeft herschreven."

    response = client_van(beheerder).post(url, _inline_post(element, {"criteria-0-tekst": tekst}))

    assert response.status_code == 302
    assert tekst in lezer.get(URL).content.decode()


def test_a_criterium_deleted_in_admin_disappears_at_once(lezer, client_van, beheerder, vragenbank):
    criterium = Criterium.objects.filter(element__kader=vragenbank).order_by("pk").first()
    assert criterium.tekst in lezer.get(URL).content.decode()

    response = client_van(beheerder).post(
        reverse("admin:elementen_criterium_delete", args=[criterium.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert criterium.tekst not in lezer.get(URL).content.decode()


def test_a_kader_taken_back_is_gone_at_once(lezer, vragenbank):
    assert lezer.get(URL).status_code == 200

    Kader.objects.filter(pk=vragenbank.pk).update(status=Kader.Status.INGETROKKEN)

    assert lezer.get(URL).status_code == 404


def test_a_change_that_may_still_be_on_its_way_is_not_kept(lezer, vragenbank, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr("elementen.cache.BEZINKTIJD", datetime.timedelta(seconds=5))
    criterium = Criterium.objects.filter(element__kader=vragenbank).first()
    criterium.tekst = "Net gewijzigd."
    criterium.save()
    lezer.get(URL)

    with django_assert_num_queries(HANDREIKING_GELEZEN):
        assert "Net gewijzigd." in lezer.get(URL).content.decode()
