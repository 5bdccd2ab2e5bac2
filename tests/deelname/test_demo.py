"""`manage.py demodata` prints a working link for the organisation, beside the demo accounts."""

import io
import re

from django.core.management import call_command
from django.test import Client

from elementen.laden import bank_aanvullen

from .conftest import pad_van


def test_demodata_prints_a_link_that_opens_the_organisations_page_with_halen_en_brengen(vragenbank):
    bank_aanvullen()
    uitvoer = io.StringIO()
    call_command("demodata", stdout=uitvoer)

    link = re.search(r"Link voor de organisatie \(vragen vooraf, nieuw bij elke run\): (\S+)", uitvoer.getvalue())
    assert link.group(1).startswith("http://127.0.0.1:8000/deelname/openen/?sleutel=")
    client = Client()
    pagina = client.get(pad_van(link.group(1)), follow=True).content.decode()
    assert "Vragen vooraf voor het samenwerkingsgesprek" in pagina
    assert "Halen en brengen" in pagina

    verificatie = re.search(r"concept-rapport ter verificatie, nieuw bij elke run\): (\S+)", uitvoer.getvalue())
    concept = Client().get(pad_van(verificatie.group(1)), follow=True).content.decode()
    assert "Concept-rapport ter verificatie" in concept
    assert "Een gesprek over de doorverwijzing van jongeren" in concept

    # A second run makes new links; the first ones no longer open their pages.
    call_command("demodata", stdout=io.StringIO())
    assert Client().get(pad_van(link.group(1))).status_code == 404
    assert Client().get(pad_van(verificatie.group(1))).status_code == 404
