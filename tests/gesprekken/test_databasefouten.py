"""Issue 4, fault 5: a database error halfway through a change leaves nothing half-written.

Each test breaks the last write of a change and checks that the earlier writes of that change are gone too,
and that what was saved before is still there.
"""

import pytest
from django.db import DatabaseError
from django.urls import reverse

from elementen.models import Kader
from gesprekken import logboek, services
from gesprekken.logboek import Wie
from gesprekken.models import (
    Aantekening,
    AantekeningVersie,
    Afspraak,
    Bestuurder,
    Gebeurtenis,
    Gesprek,
    GesprekCriterium,
    GesprekElement,
    GesprekQuerySet,
    GesprekVraag,
)

from .builders import (
    aantekening_typen,
    afronden_post,
    autosave,
    criterium_aantekeningen,
    eigen_vraag,
    gegevens_post,
    gegevens_post_van,
    url,
    vragenlijst_post,
)


def kapot(*args, **kwargs):
    raise DatabaseError("verbinding verbroken")


@pytest.fixture
def zonder_uitzondering(client_van):
    """A client that gets the 500 page, as a browser would, instead of the exception."""

    def maak(user):
        client = client_van(user)
        client.raise_request_exception = False
        return client

    return maak


def test_afronden_stores_summary_and_afspraken_together_or_not_at_all(
    zonder_uitzondering, eigenaar, gesprek, monkeypatch
):
    gesprek.samenvatting = "Al eerder opgeslagen."
    gesprek.save()
    monkeypatch.setattr("gesprekken.logboek.vastleggen", kapot)

    response = zonder_uitzondering(eigenaar).post(
        url("afronden", gesprek),
        afronden_post(samenvatting="Nieuw", afspraken=[("Evaluatie plannen", "Olga", "")], stap="vaststellen"),
    )

    assert response.status_code == 500
    gesprek.refresh_from_db()
    assert (gesprek.samenvatting, gesprek.status) == ("Al eerder opgeslagen.", Gesprek.Status.VOORBEREIDING)
    assert not Afspraak.objects.exists()


def test_a_new_gesprek_whose_vragenlijst_fails_is_not_created_at_all(
    zonder_uitzondering, eigenaar, vragenbank, monkeypatch
):
    monkeypatch.setattr(GesprekVraag.objects, "bulk_create", kapot)

    data = gegevens_post(**{"kader-kader": str(vragenbank.pk), "kader-opzet": "alle_kernvragen"})

    response = zonder_uitzondering(eigenaar).post(reverse("gesprekken:nieuw"), data)

    assert response.status_code == 500
    assert not Gesprek.objects.exists()
    assert not Gebeurtenis.objects.filter(actie=Gebeurtenis.Actie.AANGEMAAKT).exists()


def test_a_vragenlijst_choice_that_fails_halfway_keeps_the_choice_before(
    zonder_uitzondering, eigenaar, gesprek, monkeypatch
):
    op_de_lijst = set(gesprek.vragen.filter(opgenomen=True).values_list("pk", flat=True))
    monkeypatch.setattr(GesprekVraag.objects, "bulk_update", kapot)

    response = zonder_uitzondering(eigenaar).post(url("vragenlijst", gesprek), vragenlijst_post(gesprek, vragen=[]))

    assert response.status_code == 500
    assert set(gesprek.vragen.filter(opgenomen=True).values_list("pk", flat=True)) == op_de_lijst


def test_a_first_note_that_cannot_move_the_gesprek_to_gevoerd_is_not_stored(
    zonder_uitzondering, eigenaar, gesprek, aantekening, monkeypatch
):
    monkeypatch.setattr(GesprekQuerySet, "update", kapot)
    client = zonder_uitzondering(eigenaar)

    assert autosave(client, gesprek, aantekening, "De bestuurder noemt het wijkoverleg.", 0).status_code == 500
    assert Aantekening.objects.get(pk=aantekening.pk).tekst == ""
    assert Gesprek.objects.get(pk=gesprek.pk).status == Gesprek.Status.VOORBEREIDING
    # The browser sends the same save again; once the database is back, note and status are stored together.
    monkeypatch.undo()
    assert autosave(client, gesprek, aantekening, "De bestuurder noemt het wijkoverleg.", 0).status_code == 200
    assert Gesprek.objects.get(pk=gesprek.pk).status == Gesprek.Status.GEVOERD


# Issue 16: every change is written by a service together with its audit line and the overview's stamp. Here the
# audit line fails, after the change was written: the change and the stamp must be gone with it.


def _opgeslagen(gesprek):
    """Everything a change of this gesprek can touch, as stored, with the number of log lines."""
    rijen = {
        "gesprek": Gesprek.objects.filter(pk=gesprek.pk).values(),
        "elementen": GesprekElement.objects.filter(gesprek=gesprek).values("pk", "opgenomen"),
        "criteria": GesprekCriterium.objects.filter(element__gesprek=gesprek).values("pk", "opgenomen"),
        "vragen": GesprekVraag.objects.filter(gesprek=gesprek).values("pk", "tekst", "opgenomen", "volgorde"),
        "aantekeningen": Aantekening.objects.filter(gesprek=gesprek).values("pk", "tekst", "observatie", "versie"),
        "versies": AantekeningVersie.objects.filter(aantekening__gesprek=gesprek).values("pk", "versie"),
        "bestuurders": Bestuurder.objects.filter(gesprek=gesprek).values(),
        "afspraken": Afspraak.objects.filter(gesprek=gesprek).values(),
        "co_inspecteurs": Gesprek.co_inspecteurs.through.objects.filter(gesprek=gesprek).values("user_id"),
    }
    return {naam: sorted(map(repr, queryset)) for naam, queryset in rijen.items()} | {
        "logboek": Gebeurtenis.objects.count()
    }


def _eerdere_versie(gesprek, eigenaar, co_inspecteur):
    aantekening = criterium_aantekeningen(gesprek)[0]
    aantekening_typen(gesprek, aantekening, "Eerste tekst.", door=eigenaar)
    aantekening_typen(gesprek, aantekening, "Tekst van de collega.", door=co_inspecteur)
    return url("versie_terugzetten", gesprek, aantekening.pk, aantekening.versies.get().pk), {}


WIJZIGINGEN = {
    "gegevens": lambda g, e, c: (
        url("gegevens", g),
        gegevens_post_van(g, organisatie="Nieuwe naam", co_inspecteurs=[]),
    ),
    "keuze in de vragenlijst": lambda g, e, c: (url("vragenlijst", g), vragenlijst_post(g, vragen=[])),
    "opzet": lambda g, e, c: (url("vragenlijst_opzet", g), {"opzet": "niets"}),
    "kader": lambda g, e, c: (
        url("vragenlijst_kader", g),
        {"kader-kader": Kader.objects.get(soort=Kader.Soort.LEIDRAAD).pk, "kader-opzet": "alle_kernvragen"},
    ),
    "eigen vraag toevoegen": lambda g, e, c: (
        url("eigen_vraag_toevoegen", g),
        {"element": g.elementen.first().pk, "tekst": "Hoe is de samenwerking gefinancierd?"},
    ),
    "eigen vraag verwijderen": lambda g, e, c: (
        url("eigen_vraag_verwijderen", g, eigen_vraag(g, "Financiering", "Wie betaalt?").pk),
        {},
    ),
    "afronding": lambda g, e, c: (url("afronden", g), afronden_post(samenvatting="Nieuw", stap="vaststellen")),
    "versie terugzetten": _eerdere_versie,
    "aantekening": lambda g, e, c: (
        url("aantekening_opslaan", g, criterium_aantekeningen(g)[0].pk),
        {"tekst": "De bestuurder noemt het wijkoverleg.", "observatie": "", "versie": "0"},
    ),
}


def breek_logregel(monkeypatch, nummer, geschreven):
    """Makes the `nummer`-th audit line (from 1) fail, as a lost connection would; `geschreven()` is asked just
    before, and its answers are returned: whether the change was already written, so the line came after it."""
    echt = logboek.vastleggen
    aantal, antwoorden = [0], []

    def vastleggen(*args, **kwargs):
        aantal[0] += 1
        if aantal[0] == nummer:
            antwoorden.append(geschreven())
            raise DatabaseError("verbinding verbroken")
        return echt(*args, **kwargs)

    monkeypatch.setattr("gesprekken.logboek.vastleggen", vastleggen)
    return antwoorden


# The gegevens page ends the share with the colleague, and afronden closes the gesprek: two lines each.
LOGREGELS = {"gegevens": 2, "afronding": 2}


@pytest.mark.parametrize(
    ("wijziging", "regel"), [(w, n) for w in WIJZIGINGEN for n in range(1, LOGREGELS.get(w, 1) + 1)]
)
def test_a_change_whose_audit_line_fails_is_not_stored_and_leaves_no_stamp(
    zonder_uitzondering, eigenaar, co_inspecteur, gesprek, monkeypatch, wijziging, regel
):
    adres, data = WIJZIGINGEN[wijziging](gesprek, eigenaar, co_inspecteur)
    ervoor = _opgeslagen(gesprek)
    geschreven = breek_logregel(monkeypatch, regel, lambda: _opgeslagen(gesprek) != ervoor)

    response = zonder_uitzondering(eigenaar).post(adres, data)

    assert response.status_code == 500
    assert geschreven == [True]
    assert _opgeslagen(gesprek) == ervoor


def test_reopening_whose_audit_line_fails_leaves_the_gesprek_afgerond(
    zonder_uitzondering, eigenaar, gesprek, monkeypatch
):
    services.vaststellen(gesprek=gesprek, wie=Wie(eigenaar))
    ervoor = _opgeslagen(gesprek)
    geschreven = breek_logregel(monkeypatch, 1, lambda: _opgeslagen(gesprek) != ervoor)

    response = zonder_uitzondering(eigenaar).post(url("heropenen", gesprek))

    assert response.status_code == 500
    assert geschreven == [True]
    assert _opgeslagen(gesprek) == ervoor


@pytest.mark.parametrize("regel", [1, 2], ids=["aangemaakt", "gedeeld"])
def test_a_new_gesprek_whose_audit_line_fails_is_not_created(
    zonder_uitzondering, eigenaar, co_inspecteur, vragenbank, monkeypatch, regel
):
    geschreven = breek_logregel(monkeypatch, regel, Gesprek.objects.exists)
    data = gegevens_post(
        **{"kader-kader": str(vragenbank.pk), "kader-opzet": "alle_kernvragen", "co_inspecteurs": [co_inspecteur.pk]}
    )

    response = zonder_uitzondering(eigenaar).post(reverse("gesprekken:nieuw"), data)

    assert response.status_code == 500
    assert geschreven == [True]
    assert not Gesprek.objects.exists()
    assert not Bestuurder.objects.exists()
    assert not Gebeurtenis.objects.exists()


# The same called as demo data and the bench call them, without a view's transaction around them.
BUITEN_EEN_VIEW = {
    "gegevens_opslaan": lambda g: services.gegevens_opslaan(
        gesprek=g,
        wie=Wie(g.eigenaar),
        gegevens={"organisatie": "Nieuwe naam"},
        co_inspecteurs=[],
        verwijderd=list(g.bestuurders.all()),
    ),
    "afronding_opslaan": lambda g: services.afronding_opslaan(
        gesprek=g,
        wie=Wie(g.eigenaar),
        gegevens={"samenvatting": "Nieuw"},
        afspraken=[Afspraak(wat="Evaluatie plannen", wie="Olga")],
        stap="vaststellen",
    ),
}


@pytest.mark.parametrize(("service", "regel"), [(s, n) for s in BUITEN_EEN_VIEW for n in (1, 2)])
def test_a_service_called_outside_a_view_stores_nothing_when_an_audit_line_fails(gesprek, monkeypatch, service, regel):
    ervoor = _opgeslagen(gesprek)
    geschreven = breek_logregel(monkeypatch, regel, lambda: _opgeslagen(gesprek) != ervoor)

    with pytest.raises(DatabaseError):
        BUITEN_EEN_VIEW[service](Gesprek.objects.get(pk=gesprek.pk))

    assert geschreven == [True]
    assert _opgeslagen(gesprek) == ervoor
