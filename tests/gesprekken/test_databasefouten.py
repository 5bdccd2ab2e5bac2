"""Issue 4, fault 5: a database error halfway through a change leaves nothing half-written.

Each test breaks the last write of a change and checks that the earlier writes of that change are gone too,
and that what was saved before is still there.
"""

import pytest
from django.db import DatabaseError
from django.urls import reverse

from gesprekken.models import Aantekening, Afspraak, Gebeurtenis, Gesprek, GesprekQuerySet, GesprekVraag

from .builders import afronden_post, autosave, gegevens_post, url, vragenlijst_post


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
        afronden_post(samenvatting="Nieuw", afspraken=[("Evaluatie plannen", "Olga", "")], afronden=True),
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
