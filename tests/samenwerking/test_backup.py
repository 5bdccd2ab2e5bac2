"""`manage.py backup` and `manage.py restore`: every row comes back, and a doubtful backup is refused.

The round trip needs a database that can really be emptied, so those tests are transactional. The empty
target is the state `migrate` leaves: `flush` empties every table, and the migrations' own rows (content
types, permissions, the role groups) come back from the copy Django serialised when it created the test
database, the same copy a serialized rollback restores. That is why the round-trip tests ask for one.
"""

import datetime
import json
import re
from collections import defaultdict
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest
from django.test import Client

from elementen.models import Criterium, Doorvraag, Kader, Voorbeeldvraag
from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, AantekeningVersie, Afspraak, Gebeurtenis, Gesprek, Observatie
from gesprekken.roles import COORDINATOREN
from samenwerking.backup import backup_maken, controlesom
from tests import factories
from tests.gesprekken import builders

User = get_user_model()
ROUND_TRIP = pytest.mark.django_db(transaction=True, serialized_rollback=True)
TEKST = 'Cliënten "zeggen": <b>goed</b> & eerlijk.\nTweede regel — met ✓ en 😀'
PRECIES = datetime.datetime(2026, 11, 2, 10, 15, 30, 123456, tzinfo=datetime.UTC)


@pytest.fixture
def gevulde_database(vragenbank, gesprek, eigenaar, co_inspecteur, beheerder):
    """Everything the app keeps: the bank with its history, two gesprekken with notes, roles, the admin log."""
    eerste, tweede = builders.criterium_aantekeningen(gesprek)[:2]
    builders.aantekening_typen(gesprek, eerste, TEKST, door=eigenaar, observatie=Observatie.STERK_PUNT)
    builders.aantekening_typen(
        gesprek, tweede, "Nog uitzoeken.", door=co_inspecteur, observatie=Observatie.ONTWIKKELPUNT
    )
    Aantekening.objects.filter(pk=eerste.pk).update(gewijzigd_op=PRECIES)
    # A colleague writes on: the text before is kept as an earlier version.
    builders.aantekening_typen(gesprek, tweede, "Nog uitzoeken: wachttijden.", door=eigenaar)
    Gebeurtenis.objects.create(
        gebruiker=eigenaar, gebruikersnaam="eigenaar", actie="bekeken", gesprek=gesprek, ip="10.0.0.7"
    )
    vrij = Aantekening.objects.filter(gesprek=gesprek, criterium__isnull=True).first()
    builders.aantekening_typen(gesprek, vrij, "Vrije aantekening bij het element.", door=eigenaar)
    Afspraak.objects.create(
        gesprek=gesprek, wat="Verslag delen met de raad", wie="Olga", wanneer=datetime.date(2026, 12, 1)
    )
    Afspraak.objects.create(gesprek=gesprek, wat="Terugkomen op wachttijden", wie="Bestuurder")

    tweede_gesprek = factories.gesprek(
        eigenaar=co_inspecteur,
        kader=vragenbank,
        co_inspecteurs=[eigenaar],
        organisatie="Gemeente Tweedorp",
        organisatie_type="gemeente",
        inspectie="onderwijs",
    )
    services.vaststellen(gesprek=tweede_gesprek, wie=Wie(tweede_gesprek.eigenaar))

    # Bank edits, as an editor makes them in the admin: each leaves history rows.
    criterium = Criterium.objects.filter(element__kader=vragenbank).first()
    criterium._history_user = beheerder
    criterium.tekst += " (bijgewerkt)"
    criterium.save()
    vraag = Voorbeeldvraag.objects.filter(criteria__isnull=False).first()
    vraag.criteria.remove(vraag.criteria.first())
    Doorvraag.objects.filter(voorbeeldvraag__element__kader=vragenbank).first().delete()
    LogEntry.objects.create(
        user=beheerder,
        content_type=ContentType.objects.get_for_model(Criterium),
        object_id=str(criterium.pk),
        object_repr=str(criterium)[:200],
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Tekst"]}}]',
    )
    LogEntry.objects.create(
        user=beheerder,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(eigenaar.pk),
        object_repr=eigenaar.username,
        action_flag=CHANGE,
        change_message="Wachtwoord gewijzigd.",
    )

    # A role group deleted and made again gets another id than the migration gave it: the restore must merge
    # it with the target's group of that name, not clash with it.
    Group.objects.filter(name=COORDINATOREN).delete()
    Group.objects.create(name=COORDINATOREN).permissions.set(
        Permission.objects.filter(codename__in=["view_gesprek", "view_aantekening"])
    )
    factories.coordinator("coord")
    Group.objects.create(name="Tijdelijke lezers").permissions.add(Permission.objects.get(codename="view_kader"))
    beheerder.user_permissions.add(Permission.objects.get(codename="view_gesprek"))


def _leeg_gemigreerd():
    """Empties the database to what `migrate` leaves in a new one (see the module docstring)."""
    connection = connections[DEFAULT_DB_ALIAS]
    gemigreerd = getattr(connection, "_test_serialized_contents", None)
    assert gemigreerd, "Deze test heeft een serialized rollback nodig voor de gemigreerde stand."
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(gemigreerd)


def _rijen_per_model(inhoud):
    """Every row as sorted JSON, per model. Rows of a model with a natural key are compared without their id:
    a role group takes the id the target's migrations gave it."""
    natuurlijk = {model._meta.label_lower for model in apps.get_models() if hasattr(model, "natural_key")}
    rijen = defaultdict(list)
    for rij in inhoud["data"]:
        if rij["model"] in natuurlijk:
            rij = {sleutel: waarde for sleutel, waarde in rij.items() if sleutel != "pk"}
        rijen[rij["model"]].append(json.dumps(rij, sort_keys=True, ensure_ascii=False))
    return {model: sorted(r) for model, r in rijen.items()}


def _heen_en_terug(tmp_path):
    """Backs up through the command, empties the database, restores through the command."""
    pad = tmp_path / "backup.json"
    call_command("backup", uitvoer=str(pad), stdout=StringIO())
    _leeg_gemigreerd()
    assert not User.objects.exists() and not Gesprek.objects.exists() and not Kader.objects.exists()
    uitvoer = StringIO()
    call_command("restore", str(pad), stdout=uitvoer)
    return json.loads(pad.read_text(encoding="utf-8")), uitvoer.getvalue()


@ROUND_TRIP
def test_a_restored_backup_gives_back_every_row_of_every_model(gevulde_database, tmp_path):
    gebruikers = dict(User.objects.values_list("username", "pk"))
    tijden = dict(Aantekening.objects.values_list("pk", "gewijzigd_op"))
    logboek = list(Gebeurtenis.objects.order_by("pk").values_list("gebruiker__username", "ip", "actie", "wat"))

    origineel, uitvoer = _heen_en_terug(tmp_path)

    terug = backup_maken()
    assert _rijen_per_model(terug) == _rijen_per_model(origineel)
    assert terug["aantallen"] == origineel["aantallen"]
    assert "Totaal" in uitvoer and "gesprekken.aantekening" in uitvoer
    # Ids stay: the admin's log and the history point at rows by id, users included.
    assert dict(User.objects.values_list("username", "pk")) == gebruikers
    # Microseconds too: Django's JSON would cut them to milliseconds.
    assert dict(Aantekening.objects.values_list("pk", "gewijzigd_op")) == tijden
    assert Aantekening.objects.get(gewijzigd_op=PRECIES).tekst == TEKST
    assert list(AantekeningVersie.objects.values_list("tekst", "opgeslagen_door__username")) == [
        ("Nog uitzoeken.", "collega")
    ]
    assert list(Gebeurtenis.objects.order_by("pk").values_list("gebruiker__username", "ip", "actie", "wat")) == logboek
    assert ("eigenaar", "10.0.0.7", "bekeken", "") in logboek
    coordinatoren = Group.objects.get(name=COORDINATOREN)
    assert set(coordinatoren.permissions.values_list("codename", flat=True)) == {"view_gesprek", "view_aantekening"}
    assert list(coordinatoren.user_set.values_list("username", flat=True)) == ["coord"]


@ROUND_TRIP
def test_the_backup_holds_history_and_the_admin_log_but_no_content_types_permissions_or_sessions(
    gevulde_database, tmp_path
):
    pad = tmp_path / "backup.json"
    call_command("backup", uitvoer=str(pad), stdout=StringIO())
    aantallen = json.loads(pad.read_text(encoding="utf-8"))["aantallen"]

    gevuld = [
        "elementen.historicalcriterium",
        "elementen.historicalvoorbeeldvraag_criteria",
        "elementen.historicaldoorvraag",
        "admin.logentry",
        "auth.group",
        "auth.user",
        "gesprekken.aantekening",
        "gesprekken.afspraak",
    ]
    assert [model for model in gevuld if not aantallen.get(model)] == []
    assert not {"contenttypes.contenttype", "auth.permission", "sessions.session"} & set(aantallen)


@ROUND_TRIP
def test_after_a_restore_users_log_in_with_their_password_and_new_rows_get_new_ids(gevulde_database, tmp_path):
    hoogste_gesprek = Gesprek.objects.order_by("-pk").first().pk
    hoogste_gebruiker = User.objects.order_by("-pk").first().pk

    _heen_en_terug(tmp_path)

    # The lock-out backend (django-axes) only checks a login that comes with a request.
    assert Client().login(username="eigenaar", password=factories.WACHTWOORD, request=HttpRequest())
    nieuw = factories.inspecteur("nieuwkomer")
    gesprek = builders.kaal_gesprek(eigenaar=nieuw)
    kader = Kader.objects.create(titel="Nieuw kader", soort=Kader.Soort.LEIDRAAD, versie="2027")
    Afspraak.objects.create(gesprek=gesprek, wat="Iets nieuws", wie="Niemand")
    Group.objects.create(name="Nieuwe rol")
    assert nieuw.pk > hoogste_gebruiker and gesprek.pk > hoogste_gesprek
    assert kader.history.count() == 1


@pytest.fixture
def kleine_database(eigenaar):
    gesprek = builders.kaal_gesprek(eigenaar=eigenaar)
    Afspraak.objects.create(gesprek=gesprek, wat="Verslag delen met de raad", wie="Olga")
    return gesprek


def _schrijf(tmp_path, inhoud):
    pad = tmp_path / "backup.json"
    pad.write_text(json.dumps(inhoud, ensure_ascii=False), encoding="utf-8")
    return str(pad)


@pytest.mark.django_db
def test_a_tampered_backup_is_refused_and_nothing_is_written(kleine_database, tmp_path):
    inhoud = backup_maken()
    afspraak = next(rij for rij in inhoud["data"] if rij["model"] == "gesprekken.afspraak")
    afspraak["fields"]["wat"] = "Verslag NIET delen met de raad"

    with pytest.raises(CommandError, match="controlesom klopt niet"):
        call_command("restore", _schrijf(tmp_path, inhoud), stdout=StringIO())
    assert not Afspraak.objects.filter(wat__contains="NIET").exists()


@pytest.mark.django_db
def test_a_backup_is_not_restored_over_existing_data(kleine_database, tmp_path):
    inhoud = backup_maken()
    Afspraak.objects.all().delete()

    with pytest.raises(CommandError, match=r"niet leeg \(gebruikers: 1, gesprekken: 1\)"):
        call_command("restore", _schrijf(tmp_path, inhoud), stdout=StringIO())
    assert not Afspraak.objects.exists()


@pytest.mark.django_db
def test_a_backup_in_an_unknown_format_is_refused(tmp_path):
    inhoud = {**backup_maken(), "formaat": 2}

    with pytest.raises(CommandError, match="Onbekend back-upformaat 2"):
        call_command("restore", _schrijf(tmp_path, inhoud), stdout=StringIO())


@pytest.mark.django_db
def test_a_backup_from_another_migration_state_is_refused(tmp_path):
    inhoud = backup_maken()
    inhoud["migraties"]["gesprekken"] = "9999_later"

    with pytest.raises(CommandError, match="gesprekken: back-up 9999_later, database 0"):
        call_command("restore", _schrijf(tmp_path, inhoud), stdout=StringIO())


@pytest.mark.django_db
def test_a_file_that_is_not_json_is_refused(tmp_path):
    pad = tmp_path / "backup.json"
    pad.write_text('{"formaat": 1, "data": [', encoding="utf-8")

    with pytest.raises(CommandError, match="geen geldige JSON"):
        call_command("restore", str(pad), stdout=StringIO())


@pytest.mark.django_db
def test_with_a_dash_the_backup_goes_to_standard_output_and_the_summary_to_standard_error(kleine_database):
    uit, fout = StringIO(), StringIO()
    call_command("backup", uitvoer="-", stdout=uit, stderr=fout)

    inhoud = json.loads(uit.getvalue())
    assert inhoud["formaat"] == 1 and inhoud["sha256"] == controlesom(inhoud["data"])
    assert inhoud["aantallen"]["gesprekken.afspraak"] == 1
    assert f"sha256 {inhoud['sha256']}" in fout.getvalue()


@pytest.mark.django_db
def test_without_a_path_the_backup_gets_a_file_name_with_the_time(kleine_database, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    uit = StringIO()
    call_command("backup", stdout=uit)

    [bestand] = tmp_path.iterdir()
    assert re.fullmatch(r"backup-\d{8}-\d{6}\.json", bestand.name)
    assert f"Back-up geschreven naar {bestand.name}" in uit.getvalue()


@pytest.mark.django_db
def test_an_existing_file_is_never_overwritten(tmp_path):
    pad = tmp_path / "backup.json"
    pad.write_text("de back-up van gisteren", encoding="utf-8")

    with pytest.raises(CommandError, match="bestaat al"):
        call_command("backup", uitvoer=str(pad), stdout=StringIO())
    assert pad.read_text(encoding="utf-8") == "de back-up van gisteren"
