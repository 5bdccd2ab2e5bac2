"""TSD edits the bank in admin after a gesprek was held: the gesprek and its report stay as they were."""

import io

import pypdf
from django.urls import reverse

from elementen.models import Criterium, Element, Kader, Voorbeeldvraag
from gesprekken.models import Aantekening


def _rapporttekst(client, gesprek):
    response = client.get(reverse("gesprekken:rapport_pdf", args=[gesprek.pk]))
    assert response.status_code == 200
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)


def test_editing_and_deleting_the_bank_in_admin_leaves_the_report_text_unchanged(
    client_van, gesprek, eigenaar, beheerder
):
    Aantekening.objects.filter(gesprek=gesprek, criterium__label="1").update(tekst="Onze aantekening blijft.")
    inspecteur = client_van(eigenaar)
    voor = _rapporttekst(inspecteur, gesprek)
    assert "Onze aantekening blijft." in voor
    beheer = client_van(beheerder)

    criterium = Criterium.objects.get(element__naam="Gedeelde visie, gedeeld belang", nummer=1)
    response = beheer.post(
        reverse("admin:elementen_criterium_change", args=[criterium.pk]),
        {"element": criterium.element_id, "nummer": 1, "tekst": "Door TSD herschreven.", "kwadrant": ""},
    )
    assert response.status_code == 302
    element = Element.objects.get(naam="Leiderschap en management", kader=gesprek.kader)
    response = beheer.post(
        reverse("admin:elementen_element_change", args=[element.pk]) + "?_changelist_filters=",
        {
            "kader": element.kader_id,
            "nummer": element.nummer,
            "naam": "Sturing",
            "is_kernelement": "on",
            "kern_volgorde": 2,
            **{f"{p}-{k}": 0 for p in ("kwadranten", "criteria", "voorbeeldvragen") for k in ("TOTAL_FORMS",)},
            **{f"{p}-INITIAL_FORMS": 0 for p in ("kwadranten", "criteria", "voorbeeldvragen")},
        },
    )
    assert response.status_code == 302
    vraag = Voorbeeldvraag.objects.filter(element__kader=gesprek.kader).first()
    response = beheer.post(reverse("admin:elementen_voorbeeldvraag_delete", args=[vraag.pk]), {"post": "yes"})
    assert response.status_code == 302
    Kader.objects.filter(pk=gesprek.kader_id).update(status=Kader.Status.INGETROKKEN)

    na = _rapporttekst(inspecteur, gesprek)

    assert "Door TSD herschreven." not in na
    assert "Sturing" not in na
    assert na == voor
