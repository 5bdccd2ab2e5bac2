"""A colleague composes the vragenlijst anew while an inspector types: nothing typed may disappear unseen.

Composing anew from another kader deletes the notes of the old list, which is only allowed while they are empty.
A save that lands in between must either stop the switch or be told that its note is gone, so the browser keeps
the text; never be answered "opgeslagen" and then deleted.
"""

import threading

import pytest

from elementen.models import Kader
from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, AantekeningQuerySet, Gebeurtenis

from .builders import autosave, url
from .gelijktijdig import alleen_postgresql, verzoek_in_een_draad, wachten_tot_een_verzoek_op_een_slot_wacht

VERDWENEN = (
    "Deze aantekening staat niet meer in het gesprek, want de vragenlijst is intussen opnieuw samengesteld. "
    "Kopieer uw tekst en laad de pagina opnieuw."
)


def naar_leidraad(client, gesprek, **extra):
    leidraad = Kader.objects.get(soort=Kader.Soort.LEIDRAAD)
    return client.post(
        url("vragenlijst_kader", gesprek), {"kader-kader": leidraad.pk, "kader-opzet": "alle_kernvragen"}, **extra
    )


def test_typing_in_a_page_from_before_the_list_was_composed_anew_says_the_note_is_gone(
    client_van, eigenaar, co_inspecteur, gesprek, aantekening
):
    naar_leidraad(client_van(co_inspecteur), gesprek)

    response = autosave(client_van(eigenaar), gesprek, aantekening, "Het wijkteam overlegt wekelijks.", 0)

    assert response.status_code == 404
    assert response.json() == {"code": "verdwenen", "melding": VERDWENEN}
    assert not Aantekening.objects.filter(tekst="Het wijkteam overlegt wekelijks.").exists()
    assert not Gebeurtenis.objects.filter(resultaat=Gebeurtenis.Resultaat.GEWEIGERD).exists()


def test_a_note_deleted_while_its_save_is_under_way_gets_the_same_answer_not_a_server_error(
    client_van, eigenaar, co_inspecteur, gesprek, aantekening, monkeypatch
):
    bijwerken = AantekeningQuerySet.bijwerken_als_versie

    def eerst_opnieuw_samenstellen(queryset, **velden):
        services.vragenlijst_samenstellen(
            gesprek=gesprek, wie=Wie(gesprek.eigenaar), kader=Kader.objects.get(soort=Kader.Soort.LEIDRAAD)
        )
        return bijwerken(queryset, **velden)

    monkeypatch.setattr(AantekeningQuerySet, "bijwerken_als_versie", eerst_opnieuw_samenstellen)

    response = autosave(client_van(eigenaar), gesprek, aantekening, "Het wijkteam overlegt wekelijks.", 0)

    assert response.status_code == 404
    assert response.json()["melding"] == VERDWENEN


@alleen_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_save_arriving_while_the_list_is_composed_anew_waits_and_is_told_its_note_is_gone(
    eigenaar, co_inspecteur, gesprek, aantekening, monkeypatch
):
    vergrendeld, doorgaan = threading.Event(), threading.Event()
    met_inhoud = Kader.objects.met_inhoud

    def wachten_na_vergrendelen():
        vergrendeld.set()
        doorgaan.wait(timeout=10)
        return met_inhoud()

    monkeypatch.setattr(Kader.objects, "met_inhoud", wachten_na_vergrendelen)

    samenstellen = verzoek_in_een_draad(co_inspecteur, lambda client: naar_leidraad(client, gesprek, follow=True))
    assert vergrendeld.wait(timeout=10)
    typen = verzoek_in_een_draad(
        eigenaar, lambda client: autosave(client, gesprek, aantekening, "Het wijkteam overlegt wekelijks.", 0)
    )
    wachten_tot_een_verzoek_op_een_slot_wacht()
    doorgaan.set()
    samenstellen.join(timeout=20)
    typen.join(timeout=20)

    meldingen = [str(m) for m in samenstellen.antwoord.context["messages"]]
    assert meldingen == ["De vragenlijst is opnieuw samengesteld uit Aandacht voor samenwerking (oktober 2023)."]
    assert typen.antwoord.status_code == 404
    assert typen.antwoord.json()["melding"] == VERDWENEN
