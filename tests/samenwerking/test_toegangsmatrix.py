"""The access matrix: every URL of the project, for every role, for GET and POST.

The URLs come from the URL resolver, so a new URL is in the test the moment it exists; until it has a row in
TABEL the test fails and says so. A POST sends no data: it is about who gets in, not about what is sent (the
view tests do that). Each request is rolled back, so one cell cannot change another.

Adding a URL: add one line to TABEL with the status each role gets. If its route has a parameter no other
route has, give it a value in tests/samenwerking/adressen.py.
"""

import fnmatch
from urllib.parse import urlsplit

import pytest

from .adressen import Adres, Bezoeker, adressen, pad, terugdraaien

ROLLEN = ["anoniem", "eigenaar", "co_inspecteur", "buitenstaander", "beheerder", "coordinator"]

# The status each role gets, in the order of ROLLEN: anonymous, owner of the gesprek, co-inspecteur on it,
# an inspecteur not on it, vragenbank-beheerder (staff, the bank only), coördinator. First GET, then POST.
#
# Admin URLs have one row per kind of admin page: "admin:elementen_*_change" is every model of the bank.
# A wildcard row only matches admin URLs; every other URL needs its own row.
#
# fmt: off
TABEL = {
    #                                             anon eigen co  buiten beh coord      anon eigen co  buiten beh coord
    "start":                                    ("302 302 302 302 302 302",         "302 302 302 302 302 302"),
    "login":                                    ("200 302 302 302 302 302",         "200 302 302 302 302 302"),
    "logout":                                   ("405 405 405 405 405 405",         "302 302 302 302 302 302"),
    # The second factor (off here): only the buitenstaander has set up the app; the others are sent to set it up.
    "tweede_factor:verifieren":                 ("302 302 302 200 302 302",         "302 302 302 422 302 302"),
    "tweede_factor:instellen":                  ("302 200 200 302 200 200",         "302 422 422 302 422 422"),
    "elementen:handreiking":                    ("302 200 200 200 200 200",         "302 405 405 405 405 405"),
    "elementen:kader":                          ("302 200 200 200 200 200",         "302 405 405 405 405 405"),
    "elementen:instrumenten":                   ("302 200 200 200 200 200",         "302 405 405 405 405 405"),
    "gesprekken:mijn_gesprekken":               ("302 200 200 200 403 403",         "302 405 405 405 403 403"),
    "gesprekken:nieuw":                         ("302 200 200 200 403 403",         "302 422 422 422 403 403"),
    "gesprekken:gegevens":                      ("302 200 200 404 403 403",         "302 422 422 404 403 403"),
    "gesprekken:vragenlijst":                   ("302 200 200 404 403 403",         "302 422 422 404 403 403"),
    "gesprekken:vragenlijst_opzet":            ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "gesprekken:vragenlijst_kader":             ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "gesprekken:eigen_vraag_toevoegen":         ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "gesprekken:eigen_vraag_verwijderen":       ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "gesprekken:instrument_toevoegen":          ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "gesprekken:instrument_verwijderen":        ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "gesprekken:instrument_rij_toevoegen":      ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "gesprekken:instrument_rij_verwijderen":    ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "gesprekken:vragenlijst_pdf":               ("302 200 200 404 403 403",         "302 405 405 405 403 403"),
    "gesprekken:voeren":                        ("302 200 200 404 403 403",         "302 405 405 405 403 403"),
    "gesprekken:aantekening_opslaan":           ("405 405 405 405 405 405",         "401 422 422 404 403 403"),
    "gesprekken:aantekening_geschiedenis":      ("302 200 200 404 403 403",         "302 405 405 405 403 403"),
    "gesprekken:versie_terugzetten":            ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "gesprekken:afronden":                      ("302 200 200 404 403 403",         "302 422 422 404 403 403"),
    "gesprekken:heropenen":                     ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "gesprekken:rapport_pdf":                   ("302 200 200 404 403 403",         "302 405 405 405 403 403"),
    "gesprekken:rapport_docx":                  ("302 200 200 404 403 403",         "302 405 405 405 403 403"),
    "gesprekken:gesprek_json":                  ("302 200 200 404 403 403",         "302 405 405 405 403 403"),
    "gesprekken:versies":                       ("302 200 200 404 403 403",         "302 405 405 405 403 403"),
    "gesprekken:vergelijken":                   ("302 200 200 404 403 403",         "302 405 405 405 403 403"),
    "gesprekken:versie":                        ("302 200 200 404 403 403",         "302 405 405 405 403 403"),
    "gesprekken:versie_pdf":                    ("302 200 200 404 403 403",         "302 405 405 405 403 403"),
    # The organisation taking part (deelname/): the inspectors' pages of a gesprek, as its other pages.
    "deelname:uitnodigingen":                   ("302 200 200 404 403 403",         "302 405 405 405 403 403"),
    "deelname:uitnodigen":                      ("302 405 405 405 403 403",         "302 422 422 404 403 403"),
    "deelname:onderwerpen":                     ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "deelname:nieuwe_link":                     ("302 405 405 405 403 403",         "302 200 200 404 403 403"),
    "deelname:intrekken":                       ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "deelname:in_rapport":                      ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "deelname:verificatie_sturen":              ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "deelname:opmerking_verwerken":             ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    # The link holder's pages: nobody gets in without a link opened in the session; with one, see
    # tests/deelname/test_linkhouder.py. A Dutch 404 page (or JSON), never the login page.
    "deelname:openen":                          ("404 404 404 404 404 404",         "405 405 405 405 405 405"),
    "deelname:pagina":                          ("404 404 404 404 404 404",         "405 405 405 405 405 405"),
    "deelname:opslaan":                         ("405 405 405 405 405 405",         "404 404 404 404 404 404"),
    "deelname:indienen":                        ("405 405 405 405 405 405",         "404 404 404 404 404 404"),
    "deelname:rij_toevoegen":                   ("405 405 405 405 405 405",         "404 404 404 404 404 404"),
    "deelname:verificatie":                     ("404 404 404 404 404 404",         "405 405 405 405 405 405"),
    "deelname:concept_pdf":                     ("404 404 404 404 404 404",         "405 405 405 405 405 405"),
    "deelname:opmerking_opslaan":               ("405 405 405 405 405 405",         "404 404 404 404 404 404"),
    # The overview counts across gesprekken; the list behind a cell needs a cell, so 400 without one.
    "gesprekken:overzicht":                     ("302 200 200 200 403 200",         "302 405 405 405 403 405"),
    "gesprekken:overzicht_lijst":               ("302 400 400 400 403 400",         "302 405 405 405 403 405"),
    "gesprekken:overzicht_csv":                 ("302 200 200 200 403 200",         "302 405 405 405 403 405"),
    # Organisations: any inspector finds them and sees who was there before; coordinators as in the overview.
    "organisaties:suggesties":                  ("302 200 200 200 403 403",         "302 405 405 405 403 403"),
    "organisaties:organisatie":                 ("302 200 200 200 403 200",         "302 405 405 405 403 405"),
    # Afspraken followed up: Mijn afspraken and the calendar of one's own; a terugblik as the gesprek's other pages.
    "gesprekken:mijn_afspraken":                ("302 200 200 200 403 403",         "302 405 405 405 403 403"),
    "gesprekken:afspraken_ics":                 ("302 200 200 200 403 403",         "302 405 405 405 403 403"),
    "gesprekken:afspraak_ics":                  ("302 200 200 404 403 403",         "302 405 405 405 403 403"),
    "gesprekken:terugblik_agenderen":           ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "gesprekken:terugblik_verwijderen":         ("302 405 405 405 403 403",         "302 302 302 404 403 403"),
    "toegankelijkheid":                         ("200 200 200 200 200 200",         "405 405 405 405 405 405"),
    # Signing in through the identity provider: off in these tests (no OIDC_RP_CLIENT_ID), so 404; the pages
    # after a failed sign-in are for anyone. tests/samenwerking/test_oidc.py tests them with a provider.
    "oidc_authentication_init":                 ("404 404 404 404 404 404",         "405 405 405 405 405 405"),
    "oidc_authentication_callback":             ("404 404 404 404 404 404",         "405 405 405 405 405 405"),
    "oidc_logout":                              ("405 405 405 405 405 405",         "302 302 302 302 302 302"),
    "oidc_mislukt":                             ("200 200 200 200 200 200",         "405 405 405 405 405 405"),
    "oidc_geen_rol":                            ("200 200 200 200 200 200",         "405 405 405 405 405 405"),
    # The load balancer's probe: JSON for anyone, read only.
    "gezondheid":                               ("200 200 200 200 200 200",         "405 405 405 405 405 405"),
    # The service worker and what its pages ask before sending what waited (samenwerking/offline.py): for anyone.
    "service_worker":                           ("200 200 200 200 200 200",         "405 405 405 405 405 405"),
    "offline_verbinding":                       ("200 200 200 200 200 200",         "405 405 405 405 405 405"),
    # Django admin: only staff get in; the beheerder works on the bank (elementen) and nothing else.
    "admin:index":                              ("302 302 302 302 200 302",         "302 302 302 302 200 302"),
    "admin:login":                              ("200 200 200 200 302 200",         "200 200 200 200 200 200"),
    "admin:logout":                             ("302 302 302 302 405 302",         "302 302 302 302 302 302"),
    "admin:password_change":                    ("302 302 302 302 200 302",         "302 302 302 302 200 302"),
    "admin:password_change_done":               ("302 302 302 302 200 302",         "302 302 302 302 405 302"),
    "admin:autocomplete":                       ("302 302 302 302 403 302",         "302 302 302 302 405 302"),
    "admin:jsi18n":                             ("302 302 302 302 200 302",         "302 302 302 302 405 302"),
    "admin:view_on_site":                       ("302 302 302 302 404 302",         "302 302 302 302 404 302"),
    "admin:app_list":                           ("302 302 302 302 200 302",         "302 302 302 302 200 302"),
    "admin:elementen_*_changelist":             ("302 302 302 302 200 302",         "302 302 302 302 200 302"),
    "admin:elementen_*_add":                    ("302 302 302 302 200 302",         "302 302 302 302 200 302"),
    "admin:elementen_*_change":                 ("302 302 302 302 200 302",         "302 302 302 302 200 302"),
    "admin:elementen_*_delete":                 ("302 302 302 302 200 302",         "302 302 302 302 200 302"),
    "admin:elementen_*_history":                ("302 302 302 302 200 302",         "302 302 302 302 200 302"),
    "admin:elementen_*_simple_history":         ("302 302 302 302 200 302",         "302 302 302 302 200 302"),
    "admin/elementen/*/<path:object_id>/":      ("302 302 302 302 302 302",         "302 302 302 302 302 302"),
    # The beheerder keeps the organisations too: correct, split a wrong merge (gesprekken/admin.py).
    "admin:gesprekken_organisatie_*":           ("302 302 302 302 200 302",         "302 302 302 302 200 302"),
    # Users, groups, the login lock-outs and whatever else is in admin: superusers only.
    "admin:auth_user_password_change":          ("302 302 302 302 403 302",         "302 302 302 302 403 302"),
    "admin:*_changelist":                       ("302 302 302 302 403 302",         "302 302 302 302 403 302"),
    "admin:*_add":                              ("302 302 302 302 403 302",         "302 302 302 302 403 302"),
    "admin:*_change":                           ("302 302 302 302 403 302",         "302 302 302 302 403 302"),
    "admin:*_delete":                           ("302 302 302 302 403 302",         "302 302 302 302 403 302"),
    "admin:*_history":                          ("302 302 302 302 403 302",         "302 302 302 302 403 302"),
    "admin/*/<path:object_id>/":                ("302 302 302 302 302 302",         "302 302 302 302 302 302"),
    "admin/(?P<url>.*)$":                       ("302 302 302 302 404 302",         "302 302 302 302 404 302"),
}
# fmt: on

# Where an anonymous visitor may be sent: to log in, or to the admin index that sends him to log in.
INLOGPAGINAS = {"/inloggen/", "/admin/login/", "/admin/"}


def _rij(adres):
    """The row of TABEL for this URL: its own, else (admin only) the first wildcard row that matches."""
    if adres.sleutel in TABEL:
        return TABEL[adres.sleutel]
    if adres.is_admin:
        for sleutel, rij in TABEL.items():
            if "*" in sleutel and fnmatch.fnmatchcase(adres.sleutel, sleutel):
                return rij
    return None


def test_every_url_is_in_the_matrix():
    sleutels = [adres.sleutel for adres in adressen()]
    ontbrekend = [s for s in sleutels if _rij(Adres(s, [])) is None]
    assert not ontbrekend, (
        f"URLs without a row in the access matrix: {ontbrekend}. Add a row to TABEL in {__name__} with the status "
        "each role gets for GET and POST."
    )
    verouderd = [s for s in TABEL if "*" not in s and s not in sleutels]
    assert not verouderd, f"Rows in TABEL for URLs that no longer exist: {verouderd}. Remove them."


def test_the_matrix_rows_have_a_status_for_each_role():
    for sleutel, rij in TABEL.items():
        assert len(rij) == 2 and all(len(cellen.split()) == len(ROLLEN) for cellen in rij), sleutel


@pytest.mark.parametrize("rol", ROLLEN)
def test_each_role_gets_exactly_the_access_the_matrix_gives(rol, objecten, zonder_pdf_opmaak):
    bezoeker = Bezoeker(objecten["gebruikers"][rol])
    kolom = ROLLEN.index(rol)
    afwijkingen = []
    for adres in adressen():
        rij = _rij(adres)
        if rij is None:
            continue  # test_every_url_is_in_the_matrix says which row to add
        url = pad(adres, objecten)
        for methode, cellen in zip(("GET", "POST"), rij, strict=True):
            verwacht = int(cellen.split()[kolom])
            with terugdraaien():
                response = bezoeker.vraag(methode, url)
            if response.status_code != verwacht:
                afwijkingen.append(f"{methode} {url} ({adres.sleutel}): {response.status_code}, expected {verwacht}")
            elif rol == "anoniem" and verwacht == 302:
                naar = urlsplit(response["Location"]).path
                if naar not in INLOGPAGINAS:
                    afwijkingen.append(f"{methode} {url} ({adres.sleutel}): anonymous sent to {naar}, not to log in")
    assert not afwijkingen, f"{rol}:\n" + "\n".join(afwijkingen)
