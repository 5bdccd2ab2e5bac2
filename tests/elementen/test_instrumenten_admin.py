"""The vragenbank-beheerder keeps the instruments in admin, with their history; the page shows an edit at once."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from elementen.models import Element, Instrument, Item, Kader, Onderdeel

from .test_instrumenten_pagina import URL, gidsen_maken


@pytest.fixture
def beheer(client_van, beheerder):
    return client_van(beheerder)


@pytest.fixture
def gidsen(vragenbank):
    return gidsen_maken(vragenbank)


@pytest.fixture
def vragen(gidsen):
    """The onderdeel "Helpende vragen" of Motieven van samenwerkingspartners."""
    return Onderdeel.objects.get(titel="Helpende vragen")


def _gevonden(response):
    assert response.status_code == 200
    return sorted(str(obj) for obj in response.context["cl"].result_list)


def test_a_beheerder_filters_and_searches_the_instruments(beheer, gidsen, vragenbank):
    _, vng = gidsen
    leiderschap = vragenbank.elementen.get(nummer=1)
    lijst = reverse("admin:elementen_instrument_changelist")

    assert _gevonden(beheer.get(lijst)) == [
        "1.1 Probleemscan",
        "2.1 Stakeholder- en krachtenveldanalyse",
        "3.1 Dilemmaschuif",
        "Motieven van samenwerkingspartners",
    ]
    assert _gevonden(beheer.get(lijst, {"kader__id__exact": vng.pk})) == [
        "1.1 Probleemscan",
        "2.1 Stakeholder- en krachtenveldanalyse",
        "3.1 Dilemmaschuif",
    ]
    assert _gevonden(beheer.get(lijst, {"vorm__exact": "schuif"})) == ["3.1 Dilemmaschuif"]
    assert _gevonden(beheer.get(lijst, {"moment__exact": "voor"})) == ["2.1 Stakeholder- en krachtenveldanalyse"]
    assert _gevonden(beheer.get(lijst, {"invuller__exact": "organisatie"})) == [
        "2.1 Stakeholder- en krachtenveldanalyse"
    ]
    assert _gevonden(beheer.get(lijst, {"elementen__id__exact": leiderschap.pk})) == [
        "2.1 Stakeholder- en krachtenveldanalyse"
    ]
    # Searched in the items too: a question, not in any title.
    assert _gevonden(beheer.get(lijst, {"q": "normen worden nagestreefd"})) == ["Motieven van samenwerkingspartners"]


def test_the_element_filter_names_each_element_with_its_kader(beheer, gidsen):
    html = beheer.get(reverse("admin:elementen_instrument_changelist")).content.decode()

    assert "1. Leiderschap en management (handreiking)" in html
    assert "2. Gedeelde visie, gedeeld belang (handreiking)" in html


def test_an_instrument_offers_the_elements_of_the_published_handreiking_and_leidraad(beheer, gidsen, vragenbank):
    concept = Kader.objects.create(titel="Nieuwe handreiking", soort=Kader.Soort.HANDREIKING, versie="2027")
    Element.objects.create(kader=concept, nummer=1, naam="Nog niet gepubliceerd")
    analyse = Instrument.objects.get(code="2.1")

    response = beheer.get(reverse("admin:elementen_instrument_change", args=[analyse.pk]))

    assert response.status_code == 200
    keuzes = [label for _, label in response.context["adminform"].form.fields["elementen"].choices]
    assert "1. Leiderschap en management (handreiking)" in keuzes
    assert "2. Leiderschap en management (leidraad)" in keuzes
    assert not any("Nog niet gepubliceerd" in label for label in keuzes)
    html = response.content.decode()
    assert 'id="onderdelen-group"' in html
    assert reverse("admin:elementen_onderdeel_change", args=[analyse.onderdelen.get().pk]) in html


def test_a_doorvraag_follows_only_a_question_of_its_own_onderdeel(beheer, vragen, gidsen):
    response = beheer.get(reverse("admin:elementen_onderdeel_change", args=[vragen.pk]))

    assert response.status_code == 200
    inline = response.context["inline_admin_formsets"][0].formset
    hoofditems = {str(item) for item in inline.forms[0].fields["hoofditem"].queryset}
    assert hoofditems == {"Vraag: Welke doelen spelen een rol?", "Vraag: Welke normen worden nagestreefd?"}


def test_a_doorvraag_of_another_onderdeel_gets_a_dutch_message(beheer, vragen):
    ander = Item.objects.exclude(onderdeel=vragen).filter(soort=Item.Soort.KOLOM).first()
    vraag = vragen.items.filter(soort=Item.Soort.VRAAG).first()

    response = beheer.post(
        reverse("admin:elementen_item_add"),
        {"onderdeel": ander.onderdeel_id, "hoofditem": vraag.pk, "soort": "doorvraag", "volgorde": 1, "tekst": "X"},
    )

    assert response.status_code == 200
    assert "Kies een vraag van hetzelfde onderdeel." in response.content.decode()
    assert not Item.objects.filter(tekst="X").exists()


def test_the_onderdelen_and_items_are_filtered_by_guide_and_kind(beheer, gidsen):
    platform31, vng = gidsen
    onderdelen = reverse("admin:elementen_onderdeel_changelist")
    items = reverse("admin:elementen_item_changelist")

    assert _gevonden(beheer.get(onderdelen, {"instrument__kader__id__exact": platform31.pk})) == ["Helpende vragen"]
    assert len(_gevonden(beheer.get(onderdelen, {"soort__exact": "tabel"}))) == 2
    polen = {"onderdeel__instrument__kader__id__exact": vng.pk, "soort__exact": "pool"}
    assert _gevonden(beheer.get(items, polen)) == [
        "Pool van de schuif: Eigen belang",
        "Pool van de schuif: Gezamenlijk",
    ]
    assert _gevonden(beheer.get(items, {"q": "strategische keuzes"})) == ["Doorvraag: Welke strategische keuzes?"]


def test_a_beheerder_edits_an_item_sees_it_in_its_history_and_on_the_page_at_once(
    beheer, beheerder, client_van, eigenaar, vragen, monkeypatch
):
    cache.clear()
    monkeypatch.setattr("elementen.cache.BEZINKTIJD", datetime.timedelta(0))
    lezer = client_van(eigenaar)
    assert "Welke doelen spelen een rol?" in lezer.get(URL).content.decode()
    item = vragen.items.get(tekst="Welke doelen spelen een rol?")

    response = beheer.post(
        reverse("admin:elementen_item_change", args=[item.pk]),
        {"onderdeel": vragen.pk, "hoofditem": "", "soort": "vraag", "volgorde": 1, "tekst": "Welke doelen tellen?"},
    )

    assert response.status_code == 302
    laatste = item.history.first()
    assert (laatste.history_user, laatste.history_type, laatste.tekst) == (beheerder, "~", "Welke doelen tellen?")
    geschiedenis = beheer.get(reverse("admin:elementen_item_history", args=[item.pk])).content.decode()
    assert "vbeheerder" in geschiedenis
    pagina = lezer.get(URL).content.decode()
    assert "Welke doelen tellen?" in pagina
    assert "Welke doelen spelen een rol?" not in pagina


def test_a_beheerder_renumbers_instruments_in_the_list(beheer, gidsen):
    _, vng = gidsen
    instrumenten = list(vng.instrumenten.order_by("pk"))
    data = {"form-TOTAL_FORMS": 3, "form-INITIAL_FORMS": 3, "_save": "Opslaan"}
    for i, gekozen in enumerate(reversed(instrumenten)):
        data.update({f"form-{i}-id": gekozen.pk, f"form-{i}-volgorde": i + 1})

    response = beheer.post(reverse("admin:elementen_instrument_changelist") + f"?kader__id__exact={vng.pk}", data)

    assert response.status_code == 302
    volgorde = [gekozen.titel for gekozen in vng.instrumenten.all()]
    assert volgorde == ["Dilemmaschuif", "Probleemscan", "Stakeholder- en krachtenveldanalyse"]


def test_inspectors_have_no_admin_access_to_the_instruments(client_van, eigenaar, gidsen):
    response = client_van(eigenaar).get(reverse("admin:elementen_instrument_changelist"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_new_instruments_can_be_added_to_a_guide(beheer, gidsen):
    platform31, _ = gidsen

    response = beheer.post(
        reverse("admin:elementen_instrument_add"),
        {
            "kader": platform31.pk,
            "code": "",
            "volgorde": 9,
            "titel": "Halen en brengen",
            "vorm": "formulier",
            "moment": "tijdens",
            "invuller": "samen",
            "onderdelen-TOTAL_FORMS": 1,
            "onderdelen-INITIAL_FORMS": 0,
            "onderdelen-0-volgorde": 1,
            "onderdelen-0-titel": "Werkblad",
            "onderdelen-0-soort": "tabel",
            "onderdelen-0-herhaling": "partner",
        },
    )

    assert response.status_code == 302
    nieuw = Instrument.objects.get(titel="Halen en brengen")
    assert nieuw.onderdelen.get().herhaling == Onderdeel.Herhaling.PARTNER
    assert nieuw.history.get().history_type == "+"
