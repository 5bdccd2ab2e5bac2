"""Issue 4: every note keeps its earlier versions (who, when), throttled, and an inspector can put one back."""

import datetime

from django.contrib.messages import get_messages
from django.db import DatabaseError
from django.utils import timezone

from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, AantekeningVersie

from .builders import autosave, criterium_aantekeningen, url


def typen(client, gesprek, aantekening, tekst):
    """Types a text letter by letter, one autosave per letter, as a fast typist's browser would."""
    versie = Aantekening.objects.get(pk=aantekening.pk).versie
    for einde in range(1, len(tekst) + 1):
        antwoord = autosave(client, gesprek, aantekening, tekst[:einde], versie)
        assert antwoord.status_code == 200, antwoord.content
        versie = antwoord.json()["versie"]
    return versie


def reeks_laten_verlopen(aantekening):
    """As if the stretch of typing began longer ago than a version is kept for."""
    Aantekening.objects.filter(pk=aantekening.pk).update(
        reeks_begonnen_op=timezone.now() - Aantekening.BEWAREN_NA - datetime.timedelta(seconds=1)
    )


def versies(aantekening):
    return list(AantekeningVersie.objects.filter(aantekening=aantekening).values_list("tekst", flat=True))


# Keeping versions


def test_typing_a_note_letter_by_letter_keeps_no_version_per_keystroke(client_van, eigenaar, gesprek, aantekening):
    versie = typen(client_van(eigenaar), gesprek, aantekening, "De bestuurder noemt het wijkoverleg.")

    assert versie == len("De bestuurder noemt het wijkoverleg.")
    assert versies(aantekening) == []


def test_after_five_minutes_of_typing_the_text_of_that_moment_is_kept(client_van, eigenaar, gesprek, aantekening):
    client = client_van(eigenaar)
    versie = typen(client, gesprek, aantekening, "Eerste indruk.")
    reeks_laten_verlopen(aantekening)

    autosave(client, gesprek, aantekening, "Eerste indruk. En meer", versie)
    autosave(client, gesprek, aantekening, "Eerste indruk. En meer.", versie + 1)

    [bewaard] = AantekeningVersie.objects.filter(aantekening=aantekening)
    assert (bewaard.tekst, bewaard.versie, bewaard.opgeslagen_door) == ("Eerste indruk.", versie, eigenaar)


def test_when_a_colleague_writes_on_the_text_before_is_kept_with_who_and_when(
    client_van, eigenaar, co_inspecteur, gesprek, aantekening
):
    versie = typen(client_van(eigenaar), gesprek, aantekening, "Olga's tekst")
    voor = Aantekening.objects.get(pk=aantekening.pk).gewijzigd_op

    autosave(client_van(co_inspecteur), gesprek, aantekening, "Olga's tekst, en die van Cas", versie)

    [bewaard] = AantekeningVersie.objects.filter(aantekening=aantekening)
    assert (bewaard.tekst, bewaard.opgeslagen_door, bewaard.opgeslagen_op) == ("Olga's tekst", eigenaar, voor)


def test_a_save_in_the_same_stretch_takes_a_fixed_number_of_queries(
    client_van, eigenaar, gesprek, aantekening, django_assert_num_queries
):
    client = client_van(eigenaar)
    versie = typen(client, gesprek, aantekening, "Ee")

    # Session (1), the user with their permissions (1); the note with its gesprek, whose owner is the user (1); the
    # versioned update alone, without a transaction (1); the session saved in a savepoint (3).
    with django_assert_num_queries(7):
        antwoord = autosave(client, gesprek, aantekening, "Een", versie)

    assert antwoord.json()["versie"] == versie + 1
    # A new stretch writes more than the note, in a transaction (the savepoint a test sees instead of BEGIN and
    # COMMIT, 2): the version kept, and the line in the log with the criterion and element it names (4).
    reeks_laten_verlopen(aantekening)
    with django_assert_num_queries(7 + 2 + 4):
        autosave(client, gesprek, aantekening, "Een w", versie + 1)


# Looking back and putting back


def test_the_history_page_shows_every_version_with_who_and_when(
    client_van, eigenaar, co_inspecteur, gesprek, aantekening
):
    versie = typen(client_van(eigenaar), gesprek, aantekening, "Olga:\neerste")
    autosave(client_van(co_inspecteur), gesprek, aantekening, "Cas: tweede", versie)

    html = client_van(eigenaar).get(url("aantekening_geschiedenis", gesprek, aantekening.pk)).content.decode()

    assert f"Eerdere versies van de aantekening bij criterium {aantekening.criterium.label}" in html
    assert "Cas: tweede" in html
    assert "Olga:<br>eerste" in html
    assert "door Olga Eigenaar" in html and "door Cas Collega" in html
    assert f"Versie {versie} terugzetten" in html


def test_putting_back_a_version_keeps_the_current_text_and_tells_a_colleague_on_an_old_page(
    client_van, eigenaar, co_inspecteur, gesprek, aantekening
):
    olga, cas = client_van(eigenaar), client_van(co_inspecteur)
    versie = typen(olga, gesprek, aantekening, "Olga's tekst")
    cas_versie = autosave(cas, gesprek, aantekening, "Cas schreef eroverheen", versie).json()["versie"]
    oud = AantekeningVersie.objects.get(aantekening=aantekening, tekst="Olga's tekst")

    response = olga.post(url("versie_terugzetten", gesprek, aantekening.pk, oud.pk))

    assert response.status_code == 302
    assert response["Location"].endswith(f"/voeren/#aantekening-{aantekening.pk}")
    assert f"Versie {versie} staat weer in de aantekening" in [str(m) for m in get_messages(response.wsgi_request)][0]
    nu = Aantekening.objects.get(pk=aantekening.pk)
    assert (nu.tekst, nu.versie, nu.gewijzigd_door) == ("Olga's tekst", cas_versie + 1, eigenaar)
    assert "Cas schreef eroverheen" in versies(aantekening)
    # Cas's page still holds his version: his next save is a conflict, not a silent overwrite.
    conflict = autosave(cas, gesprek, aantekening, "Cas schreef eroverheen, en meer", cas_versie)
    assert conflict.status_code == 409
    assert conflict.json()["server"]["tekst"] == "Olga's tekst"


def test_an_afgerond_gesprek_refuses_putting_back_a_version(client_van, eigenaar, co_inspecteur, gesprek, aantekening):
    versie = typen(client_van(eigenaar), gesprek, aantekening, "Olga")
    autosave(client_van(co_inspecteur), gesprek, aantekening, "Cas", versie)
    services.vaststellen(gesprek=gesprek, wie=Wie(gesprek.eigenaar))
    oud = AantekeningVersie.objects.get(aantekening=aantekening)

    pagina = client_van(eigenaar).get(url("aantekening_geschiedenis", gesprek, aantekening.pk)).content.decode()
    response = client_van(eigenaar).post(url("versie_terugzetten", gesprek, aantekening.pk, oud.pk))

    assert "terugzetten</button>" not in pagina
    assert response.status_code == 302
    assert "Heropen het om iets aan te passen" in str(list(get_messages(response.wsgi_request))[0])
    assert Aantekening.objects.get(pk=aantekening.pk).tekst == "Cas"


def test_a_version_of_another_note_or_gesprek_is_not_found(
    client_van, eigenaar, co_inspecteur, buitenstaander, gesprek, aantekening
):
    versie = typen(client_van(eigenaar), gesprek, aantekening, "Olga")
    autosave(client_van(co_inspecteur), gesprek, aantekening, "Cas", versie)
    oud = AantekeningVersie.objects.get(aantekening=aantekening)
    andere = criterium_aantekeningen(gesprek)[1]

    verkeerde_aantekening = client_van(eigenaar).post(url("versie_terugzetten", gesprek, andere.pk, oud.pk))
    buiten = client_van(buitenstaander).get(url("aantekening_geschiedenis", gesprek, aantekening.pk))

    assert (verkeerde_aantekening.status_code, buiten.status_code) == (404, 404)
    assert Aantekening.objects.get(pk=aantekening.pk).tekst == "Cas"


# Faults


def test_a_database_error_while_keeping_the_version_leaves_the_note_as_it_was(
    client_van, eigenaar, co_inspecteur, gesprek, aantekening, monkeypatch
):
    versie = typen(client_van(eigenaar), gesprek, aantekening, "Olga")

    def kapot(self, *args, **kwargs):
        raise DatabaseError("schijf vol")

    monkeypatch.setattr(AantekeningVersie, "save", kapot)
    cas = client_van(co_inspecteur)
    cas.raise_request_exception = False
    response = autosave(cas, gesprek, aantekening, "Cas", versie)

    assert response.status_code == 500
    nu = Aantekening.objects.get(pk=aantekening.pk)
    assert (nu.tekst, nu.versie, nu.gewijzigd_door) == ("Olga", versie, eigenaar)
    # The browser retries the same save; once the database is back, it is stored with the version kept.
    monkeypatch.undo()
    assert autosave(cas, gesprek, aantekening, "Cas", versie).status_code == 200
    assert versies(aantekening) == ["Olga"]


def test_a_database_error_while_logging_the_change_leaves_the_note_as_it_was(
    client_van, eigenaar, co_inspecteur, gesprek, aantekening, monkeypatch
):
    versie = typen(client_van(eigenaar), gesprek, aantekening, "Olga")

    def kapot(*args, **kwargs):
        raise DatabaseError("verbinding verbroken")

    monkeypatch.setattr("gesprekken.logboek.vastleggen", kapot)
    cas = client_van(co_inspecteur)
    cas.raise_request_exception = False

    assert autosave(cas, gesprek, aantekening, "Cas", versie).status_code == 500
    nu = Aantekening.objects.get(pk=aantekening.pk)
    assert (nu.tekst, nu.versie) == ("Olga", versie)
    assert versies(aantekening) == []
