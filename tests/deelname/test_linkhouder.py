"""The link holder in the access matrix: a session that opened a valid link, and nothing else, walks every URL of
the project and gets its own pages and nothing more: every other URL answers as it answers anyone anonymous."""

import copy
from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse

from deelname import services
from gesprekken import services as gesprek_services
from gesprekken.logboek import Wie
from tests.samenwerking.adressen import adressen, pad, terugdraaien
from tests.samenwerking.conftest import objecten, zonder_pdf_opmaak  # noqa: F401 (fixtures)
from tests.samenwerking.test_toegangsmatrix import INLOGPAGINAS, ROLLEN, _rij

# The link holder's own URLs: (GET, POST) status with the link opened.
EIGEN = {
    "deelname:openen": (404, 405),  # without ?sleutel= this says to use the link from the invitation
    "deelname:pagina": (200, 405),
    "deelname:opslaan": (405, 422),  # POST without a text and version: a JSON message
    "deelname:indienen": (405, 302),
    "deelname:rij_toevoegen": (405, 302),  # without a shared instrument: a message on the page
}
# With a link to check the concept report: that concept, and the remarks of that invitation (handed in already).
EIGEN_VERIFICATIE = {
    "deelname:openen": (404, 405),
    "deelname:pagina": (302, 405),  # on to the concept
    "deelname:opslaan": (405, 404),  # not one of this invitation's answers
    "deelname:indienen": (405, 302),
    "deelname:rij_toevoegen": (405, 302),
    "deelname:verificatie": (200, 405),
    "deelname:concept_pdf": (200, 405),
    "deelname:opmerking_opslaan": (405, 409),  # handed in: read only
}
GEHEIM = "Wat de inspecteur noteerde en de organisatie nooit ziet."


def _rondgang(client, objecten, eigen):  # noqa: F811
    """Every URL of the project, GET and POST, from the session of `client`: the deviations from `eigen` (the link
    holder's own URLs) and from what anyone anonymous gets."""
    koekjes = copy.deepcopy(client.cookies)
    anoniem = ROLLEN.index("anoniem")
    afwijkingen = []
    for adres in adressen():
        if adres.sleutel not in eigen and _rij(adres) is None:
            continue  # test_toegangsmatrix.test_every_url_is_in_the_matrix says which row to add
        url = pad(adres, objecten)
        for index, methode in enumerate(("GET", "POST")):
            client.cookies = copy.deepcopy(koekjes)
            with terugdraaien():
                response = client.get(url) if methode == "GET" else client.post(url)
            if adres.sleutel in eigen:
                verwacht = eigen[adres.sleutel][index]
            else:
                verwacht = int(_rij(adres)[index].split()[anoniem])
            if response.status_code != verwacht:
                afwijkingen.append(f"{methode} {url} ({adres.sleutel}): {response.status_code}, expected {verwacht}")
            elif response.status_code == 302 and adres.sleutel not in eigen:
                naar = urlsplit(response["Location"]).path
                if naar not in INLOGPAGINAS:
                    afwijkingen.append(f"{methode} {url}: sent to {naar}, not to log in")
            inhoud = response.content.decode(errors="replace") if not response.streaming else ""
            if GEHEIM in inhoud:
                afwijkingen.append(f"{methode} {url}: shows the inspector's note")
    return afwijkingen


def _geheim_typen(objecten):  # noqa: F811
    gesprek, eigenaar = objecten["gesprek"], objecten["eigenaar"]
    notitie = gesprek.aantekeningen.filter(criterium__isnull=False).order_by("-pk").first()
    gesprek_services.aantekening_opslaan(
        aantekening=notitie, tekst=GEHEIM, observatie="", versie=notitie.versie, wie=Wie(eigenaar)
    )


def test_a_session_that_opened_a_link_gets_its_own_pages_and_nothing_else(objecten):  # noqa: F811
    gesprek, eigenaar = objecten["gesprek"], objecten["eigenaar"]
    _geheim_typen(objecten)
    services.onderwerpen_kiezen(
        gesprek=gesprek, wie=Wie(eigenaar), vragen=list(gesprek.vragen.filter(opgenomen=True)[:2]), instrumenten=[]
    )
    link = services.nieuwe_link(uitnodiging=objecten["uitnodiging"], wie=Wie(eigenaar), per_mail=False)
    client = Client()
    assert client.get(link.url.removeprefix("http://127.0.0.1:8000")).status_code == 302

    afwijkingen = _rondgang(client, objecten, EIGEN)
    assert not afwijkingen, "\n".join(afwijkingen)

    pagina = client.get(reverse("deelname:pagina")).content.decode()
    assert "/gesprekken/" not in pagina and "/admin/" not in pagina and "/handreiking/" not in pagina


def test_a_session_that_opened_a_concepts_link_gets_that_concept_and_nothing_else(objecten):  # noqa: F811
    _geheim_typen(objecten)  # after the concept was made: not in it
    verificatie = objecten["opmerking"].uitnodiging
    link = services.nieuwe_link(uitnodiging=verificatie, wie=Wie(objecten["eigenaar"]), per_mail=False)
    client = Client()
    assert client.get(link.url.removeprefix("http://127.0.0.1:8000")).status_code == 302

    afwijkingen = _rondgang(client, objecten, EIGEN_VERIFICATIE)
    assert not afwijkingen, "\n".join(afwijkingen)

    pagina = client.get(reverse("deelname:verificatie")).content.decode()
    assert "/gesprekken/" not in pagina and "/admin/" not in pagina and "/handreiking/" not in pagina
