"""A gesprek keeps the texts it was composed with, whatever TSD later does to the question bank."""

import datetime
import re

import pytest

from elementen.models import Criterium, Doorvraag, Element, Gesprekshulp, Kader, Kwadrant, Voorbeeldvraag
from gesprekken.models import Afspraak, Gesprek
from tests import factories

from .builders import (
    aantekening_typen,
    bankvraag,
    criterium_aantekeningen,
    eigen_vraag,
    gegevens_post_van,
    pagina_html,
    pdf_tekst,
    url,
)

PAGINAS = ["gegevens", "vragenlijst", "voeren", "afronden"]
PDFS = ["rapport_pdf", "vragenlijst_pdf"]


@pytest.fixture
def samengesteld(gesprek, eigenaar):
    """A gesprek composed from the bank, with notes typed, an own question and an afspraak."""
    for nummer, aantekening in enumerate(criterium_aantekeningen(gesprek)[::4]):
        aantekening_typen(gesprek, aantekening, f"Aantekening {nummer} van de inspecteur.", door=eigenaar)
    eigen_vraag(gesprek, "Financiering", "Hoe is de financiering van het wijkteam geregeld?")
    gesprek.samenvatting = "Een open gesprek."
    gesprek.save()
    Afspraak.objects.create(
        gesprek=gesprek, wat="Evaluatie plannen", wie="Bestuurder", wanneer=datetime.date(2027, 2, 1)
    )
    return gesprek


def zoals_de_inspecteur_het_ziet(client, gesprek):
    """Every page and PDF of the gesprek, as text to compare."""
    beeld = {naam: pagina_html(client.get(url(naam, gesprek))) for naam in PAGINAS}
    beeld.update({naam: pdf_tekst(client.get(url(naam, gesprek)).content) for naam in PDFS})
    return beeld


def bank_bewerken(kader):
    """What a beheerder might do in admin: reword every kind of text the gesprek copied."""
    Criterium.objects.filter(element__kader=kader).update(tekst="GEWIJZIGD criterium")
    Voorbeeldvraag.objects.filter(element__kader=kader).update(tekst="GEWIJZIGDE voorbeeldvraag over inwoners?")
    Doorvraag.objects.filter(voorbeeldvraag__element__kader=kader).update(tekst="GEWIJZIGDE doorvraag?")
    Element.objects.filter(kader=kader).update(naam="GEWIJZIGD element")
    Kwadrant.objects.filter(element__kader=kader).update(naam="GEWIJZIGD kwadrant")
    Gesprekshulp.objects.filter(kader=kader).update(tekst="GEWIJZIGDE hulpvraag aan inwoners?")
    kader.titel = "GEWIJZIGD kader"
    kader.save()


def test_editing_the_bank_texts_leaves_the_gesprek_pages_and_pdfs_unchanged(client_van, eigenaar, samengesteld):
    client = client_van(eigenaar)
    ervoor = zoals_de_inspecteur_het_ziet(client, samengesteld)

    bank_bewerken(samengesteld.kader)

    erna = zoals_de_inspecteur_het_ziet(client, samengesteld)
    for naam in ervoor:
        assert erna[naam] == ervoor[naam], naam
        assert "GEWIJZIGD" not in erna[naam], naam
    assert "Aantekening 0 van de inspecteur." in erna["rapport_pdf"]


def test_deleting_the_whole_kader_leaves_the_gesprek_pages_and_pdfs_unchanged(client_van, eigenaar, samengesteld):
    client = client_van(eigenaar)
    ervoor = zoals_de_inspecteur_het_ziet(client, samengesteld)

    bank_bewerken(samengesteld.kader)
    Kader.objects.filter(pk=samengesteld.kader_id).delete()

    gesprek = Gesprek.objects.get(pk=samengesteld.pk)
    assert gesprek.kader is None
    assert gesprek.kader_titel == "Stimulerend toezicht op samenwerking (september 2023)"
    erna = zoals_de_inspecteur_het_ziet(client, gesprek)
    for naam in ervoor:
        if naam == "gegevens":
            continue  # its list of occasions to choose from is the bank's, and went with the kader
        # The kader's page, which the service worker keeps as an aid, went too: the page no longer names it.
        assert erna[naam] == re.sub(r' data-kader="\d+"', "", ervoor[naam]), naam
    assert (
        '<option value="afsluitend gesprek met bestuurder na bezoek" selected>'
        "afsluitend gesprek met bestuurder na bezoek</option>"
    ) in erna["gegevens"]


def test_rewording_for_another_doelgroep_after_a_bank_edit_uses_the_texts_the_gesprek_was_composed_with(
    client_van, eigenaar, samengesteld
):
    bank_bewerken(samengesteld.kader)
    Kader.objects.filter(pk=samengesteld.kader_id).delete()

    response = client_van(eigenaar).post(
        url("gegevens", samengesteld), gegevens_post_van(samengesteld, doelgroep="studenten")
    )

    assert response.status_code == 302
    assert bankvraag(samengesteld, "Wat heeft de samenwerking").tekst == (
        "Wat heeft de samenwerking de studenten voor wie u samenwerkt opgeleverd?"
    )
    assert not samengesteld.vragen.filter(tekst__contains="GEWIJZIGD").exists()


def test_a_gesprek_composed_after_a_bank_edit_gets_the_new_texts(eigenaar, samengesteld, vragenbank):
    # The other side of the rule: the bank is not frozen, only what a gesprek already copied.
    bank_bewerken(vragenbank)

    nieuw = factories.gesprek(eigenaar=eigenaar, kader=vragenbank, organisatie="Nieuw")

    assert nieuw.kader_titel == "GEWIJZIGD kader (september 2023)"
    assert nieuw.elementen.filter(naam="GEWIJZIGD element").count() == 9
    assert nieuw.vragen.filter(tekst="GEWIJZIGDE hulpvraag aan cliënten?").count() == 6
    assert not samengesteld.elementen.filter(naam="GEWIJZIGD element").exists()
