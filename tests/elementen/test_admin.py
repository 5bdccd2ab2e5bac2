import pytest
from django.urls import reverse

from elementen.models import Criterium, Element, Voorbeeldvraag


@pytest.fixture
def beheer(client_van, beheerder):
    return client_van(beheerder)


def _element(kader, naam):
    return Element.objects.get(kader=kader, naam=naam)


def _inline_post(element, wijzig=None):
    """The element change form as the browser would post it, with its inlines."""
    data = {
        "kader": element.kader_id,
        "nummer": element.nummer,
        "naam": element.naam,
        "korte_omschrijving": element.korte_omschrijving,
        "inleiding": element.inleiding,
        "criteria_inleiding": element.criteria_inleiding,
        "is_kernelement": "on" if element.is_kernelement else "",
        "kern_volgorde": element.kern_volgorde or "",
    }
    for prefix, rijen, velden in [
        ("kwadranten", element.kwadranten.all(), ["naam", "volgorde"]),
        ("criteria", element.criteria.all(), ["nummer", "tekst", "kwadrant"]),
        ("voorbeeldvragen", element.voorbeeldvragen.all(), ["nummer", "tekst"]),
    ]:
        rijen = list(rijen)
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(rijen),
                f"{prefix}-INITIAL_FORMS": len(rijen),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for i, rij in enumerate(rijen):
            data[f"{prefix}-{i}-id"] = rij.pk
            data[f"{prefix}-{i}-element"] = element.pk
            for veld in velden:
                waarde = getattr(rij, f"{veld}_id" if veld == "kwadrant" else veld)
                data[f"{prefix}-{i}-{veld}"] = "" if waarde is None else waarde
    data.update(wijzig or {})
    return data


def test_a_beheerder_edits_an_element_with_its_criteria_inline_and_history_keeps_who(beheer, beheerder, vragenbank):
    element = _element(vragenbank, "Gedeelde visie, gedeeld belang")
    url = reverse("admin:elementen_element_change", args=[element.pk])

    response = beheer.post(url, _inline_post(element, {"criteria-0-tekst": "Nieuwe tekst van criterium 1."}))

    assert response.status_code == 302
    criterium = element.criteria.get(nummer=1)
    assert criterium.tekst == "Nieuwe tekst van criterium 1."
    laatste = criterium.history.first()
    assert laatste.history_user == beheerder
    assert laatste.history_type == "~"
    assert laatste.tekst == "Nieuwe tekst van criterium 1."


def test_an_empty_criterion_text_gets_a_dutch_message_and_saves_nothing(beheer, vragenbank):
    element = _element(vragenbank, "Gedeelde visie, gedeeld belang")
    url = reverse("admin:elementen_element_change", args=[element.pk])

    response = beheer.post(url, _inline_post(element, {"criteria-0-tekst": ""}))

    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    assert element.criteria.get(nummer=1).tekst.startswith("De organisaties zoeken proactief")


def test_a_duplicate_criterion_number_within_an_element_gets_a_dutch_message(beheer, vragenbank):
    element = _element(vragenbank, "Gedeelde visie, gedeeld belang")
    url = reverse("admin:elementen_element_change", args=[element.pk])

    response = beheer.post(url, _inline_post(element, {"criteria-1-nummer": 1}))

    assert response.status_code == 200
    html = response.content.decode()
    assert "dubbele" in html or "al een criterium met dit nummer" in html
    assert list(element.criteria.values_list("nummer", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_a_duplicate_number_on_a_single_criterion_form_names_the_element(beheer, vragenbank):
    element = _element(vragenbank, "Gedeelde visie, gedeeld belang")
    criterium = element.criteria.get(nummer=2)

    response = beheer.post(
        reverse("admin:elementen_criterium_change", args=[criterium.pk]),
        {"element": element.pk, "nummer": 1, "tekst": criterium.tekst, "kwadrant": ""},
    )

    assert response.status_code == 200
    assert "Dit element heeft al een criterium met dit nummer." in response.content.decode()


def test_a_beheerder_sees_which_criteria_a_question_serves_and_edits_doorvragen_inline(beheer, vragenbank):
    vraag = Voorbeeldvraag.objects.get(element__naam="Leiderschap en management", nummer=2)

    html = beheer.get(reverse("admin:elementen_voorbeeldvraag_change", args=[vraag.pk])).content.decode()

    assert "Hoe faciliteert u uw medewerkers om samen te werken?" in html
    assert "dient criteria" in html
    lijst = beheer.get(reverse("admin:elementen_criterium_changelist") + "?q=P-gesprekken").content.decode()
    assert "bevraagd met voorbeeldvraag" in lijst.lower()


def test_the_bank_can_be_searched_and_filtered_in_admin(beheer, vragenbank):
    response = beheer.get(reverse("admin:elementen_criterium_changelist"), {"q": "P-gesprekken"})

    assert response.status_code == 200
    assert "De bestuurder zorgt dat in P-gesprekken aandacht is voor samenwerken." in response.content.decode()
    assert response.context["cl"].result_count == 1


def test_inspectors_and_coordinators_have_no_admin_access(client_van, eigenaar, coordinator, vragenbank):
    for user in (eigenaar, coordinator):
        response = client_van(user).get(reverse("admin:elementen_criterium_changelist"))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_a_beheerder_may_edit_the_bank_and_nothing_else(beheerder, vragenbank):
    assert beheerder.has_perm("elementen.change_criterium")
    assert beheerder.has_perm("elementen.add_voorbeeldvraag")
    assert beheerder.has_perm("elementen.delete_doorvraag")
    assert not beheerder.has_perm("auth.change_user")
    assert not beheerder.has_perm("gesprekken.view_gesprek")
    assert not beheerder.has_perm("gesprekken.add_gesprek")


def test_the_history_of_a_criterion_shows_who_changed_it_in_admin(beheer, vragenbank):
    criterium = Criterium.objects.filter(element__kader=vragenbank).first()
    beheer.post(
        reverse("admin:elementen_criterium_change", args=[criterium.pk]),
        {"element": criterium.element_id, "nummer": criterium.nummer, "tekst": "Gewijzigd", "kwadrant": ""},
    )

    response = beheer.get(reverse("admin:elementen_criterium_history", args=[criterium.pk]))

    assert response.status_code == 200
    assert "vbeheerder" in response.content.decode()
