"""A complete, versioned export of all data, and loading it back into an empty database.

The export is a dict that is written as JSON:

    {"formaat": 1, "gemaakt_op": "...", "django": "5.2.x", "migraties": {app_label: newest migration},
     "aantallen": {model: rows}, "sha256": "...", "data": [...]}

`data` is Django's "python" serialisation of every model of every installed app except content types,
permissions and sessions, which the target's own migrations make (sessions are not worth keeping: everyone
logs in again). References to users, groups, permissions and content types are natural keys (username,
group name, codename), so they land on the right row even where the target numbered those rows differently.

Every row keeps its own id, users included: the admin's log and the history refer to rows by id. Rows of a
model with a natural key that the target's migrations already made (the role groups) are merged: the
backup's version overwrites them and keeps the target's id, instead of clashing on the unique name.

`sha256` is the checksum of `data` as canonical JSON (`json.dumps(data, sort_keys=True,
separators=(",", ":"))`, UTF-8), so a damaged or edited file is refused before anything is written.
"""

import datetime
import hashlib
import json
from collections import Counter

import django
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, router, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from elementen.models import Kader
from gesprekken.models import Gesprek

FORMAAT = 1
UITGESLOTEN = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
CHUNK = 2000


class BackupGeweigerd(Exception):
    """The backup cannot be loaded here; the message says why, in Dutch, and nothing has been written."""


class _JSONEncoder(DjangoJSONEncoder):
    """Django's encoder, except that times keep their microseconds (Django cuts them to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def backup_maken(*, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Everything in the database as one dict in the backup format, read from one consistent snapshot."""
    connection = connections[using]
    buitenste = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and buitenste:
            # One snapshot for all queries: a note saved halfway through cannot point at a missing gesprek.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        aantallen = {}
        data = []
        for model in _modellen(using):
            rijen = _rijen(model, using)
            aantallen[model._meta.label_lower] = len(rijen)
            data.extend(rijen)
        migraties = _migratiestand(using)
    return {
        "formaat": FORMAAT,
        "gemaakt_op": timezone.now().isoformat(),
        "django": django.get_version(),
        "migraties": migraties,
        "aantallen": aantallen,
        "sha256": controlesom(data),
        "data": data,
    }


def backup_terugzetten(inhoud: dict, *, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Loads a backup into an empty, migrated database; returns the rows loaded per model.

    Raises BackupGeweigerd, before writing anything, for an unknown format, a wrong checksum, other
    migrations than the database's, or a database that already holds users, gesprekken or kaders.
    """
    _controleer_formaat(inhoud)
    _controleer_controlesom(inhoud)
    _controleer_migraties(inhoud, using)
    connection = connections[using]
    # Natural keys of content types are looked up through a per-process cache; it may know an older database.
    ContentType.objects.clear_cache()
    with transaction.atomic(using=using):
        _controleer_leeg(using)
        aantallen = Counter()
        met_vooruitverwijzing = []
        modellen = set()
        with connection.constraint_checks_disabled():
            objecten = serializers.deserialize("python", inhoud["data"], using=using, handle_forward_references=True)
            for obj in objecten:
                _samenvoegen_met_bestaande_rij(obj.object, using)
                # Restoring the history must not write history: simple_history records m2m changes otherwise.
                obj.object.skip_history_when_saving = True
                obj.save(using=using)
                if obj.deferred_fields:
                    met_vooruitverwijzing.append(obj)
                modellen.add(type(obj.object))
                aantallen[obj.object._meta.label_lower] += 1
            for obj in met_vooruitverwijzing:
                obj.save_deferred_fields(using=using)
        # Foreign keys are checked at commit; checking here names the table and row of a broken reference.
        connection.check_constraints(table_names=[model._meta.db_table for model in modellen])
        # Rows came with their ids; new rows must get ids after them (PostgreSQL keeps a sequence per table).
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(modellen)):
                cursor.execute(sql)
    return dict(aantallen)


def controlesom(data: list) -> str:
    """The SHA-256 of the data as canonical JSON: sorted keys, no spaces, ASCII escapes."""
    canoniek = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canoniek.encode("utf-8")).hexdigest()


def _modellen(using: str) -> list[type[models.Model]]:
    """Every model to export, in an order where a natural key's target comes before its users."""
    connection = connections[using]
    app_list = []
    for app_config in apps.get_app_configs():
        modellen = [
            model
            for model in app_config.get_models()
            if model._meta.label_lower not in UITGESLOTEN
            and model._meta.can_migrate(connection)
            and router.allow_migrate_model(using, model)
        ]
        if modellen:
            app_list.append((app_config, modellen))
    return serializers.sort_dependencies(app_list, allow_cycles=True)


def _rijen(model: type[models.Model], using: str) -> list[dict]:
    """All rows of one model, serialised and turned into plain JSON values, in id order."""
    queryset = model._base_manager.using(using).order_by(model._meta.pk.name)
    # Natural keys of related rows are read per row; fetch them along, but only over real foreign keys:
    # a join over an unchecked one (history tables) could drop rows whose target was deleted.
    natuurlijk = [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.db_constraint and hasattr(field.related_model, "natural_key")
    ]
    m2m = [field.name for field in model._meta.local_many_to_many if field.remote_field.through._meta.auto_created]
    queryset = queryset.select_related(*natuurlijk).prefetch_related(*m2m)
    geserialiseerd = serializers.serialize(
        "python", queryset.iterator(chunk_size=CHUNK), use_natural_foreign_keys=True
    )
    rijen = json.loads(json.dumps(geserialiseerd, cls=_JSONEncoder))
    for rij in rijen:
        # A many-to-many field is a set; a fixed order makes the same data give the same checksum.
        for naam in m2m:
            rij["fields"][naam].sort(key=lambda waarde: json.dumps(waarde, sort_keys=True))
    return rijen


def _migratiestand(using: str) -> dict[str, str]:
    """Per installed app, the newest applied migration (Django numbers them, so the highest name)."""
    labels = {app_config.label for app_config in apps.get_app_configs()}
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    stand = {}
    for app_label, naam in loader.applied_migrations:
        if app_label in labels and naam > stand.get(app_label, ""):
            stand[app_label] = naam
    return dict(sorted(stand.items()))


def _controleer_formaat(inhoud) -> None:
    if not isinstance(inhoud, dict) or inhoud.get("formaat") != FORMAAT:
        formaat = inhoud.get("formaat") if isinstance(inhoud, dict) else None
        raise BackupGeweigerd(
            f"Onbekend back-upformaat {formaat!r}: deze versie van de applicatie kan alleen formaat {FORMAAT} "
            "terugzetten."
        )
    soorten = {"migraties": dict, "sha256": str, "data": list}
    ongeldig = [sleutel for sleutel, soort in soorten.items() if not isinstance(inhoud.get(sleutel), soort)]
    if ongeldig:
        raise BackupGeweigerd(f"De back-up is onvolledig: {', '.join(ongeldig)} ontbreekt of is ongeldig.")


def _controleer_controlesom(inhoud: dict) -> None:
    berekend = controlesom(inhoud["data"])
    if berekend != inhoud["sha256"]:
        raise BackupGeweigerd(
            "De controlesom klopt niet: de back-up is beschadigd of gewijzigd en wordt niet teruggezet "
            f"(verwacht {inhoud['sha256']}, berekend {berekend})."
        )


def _controleer_migraties(inhoud: dict, using: str) -> None:
    hier = _migratiestand(using)
    daar = inhoud["migraties"]
    verschillen = [
        f"{app_label}: back-up {daar.get(app_label, 'geen')}, database {hier.get(app_label, 'geen')}"
        for app_label in sorted(set(hier) | set(daar))
        if hier.get(app_label) != daar.get(app_label)
    ]
    if verschillen:
        raise BackupGeweigerd(
            "De back-up past niet bij de migraties van deze database ("
            + "; ".join(verschillen)
            + "). Migreer een lege database naar precies de stand van de back-up, zet de back-up terug en "
            "migreer daarna verder."
        )


def _controleer_leeg(using: str) -> None:
    aanwezig = {
        "gebruikers": get_user_model()._base_manager.using(using).count(),
        "gesprekken": Gesprek._base_manager.using(using).count(),
        "kaders": Kader._base_manager.using(using).count(),
    }
    if any(aanwezig.values()):
        telling = ", ".join(f"{wat}: {aantal}" for wat, aantal in aanwezig.items() if aantal)
        raise BackupGeweigerd(
            f"De database is niet leeg ({telling}). Een back-up wordt alleen teruggezet in een lege, "
            "gemigreerde database; er is niets veranderd."
        )


def _samenvoegen_met_bestaande_rij(instance: models.Model, using: str) -> None:
    """Points a row at the target's own row with the same natural key (a role group its migrations made).

    A row whose natural key is new keeps the backup's id, unless another row already has that id; then the
    database gives it a new one. Models without a natural key keep their ids as they are.
    """
    model = type(instance)
    manager = model._default_manager.db_manager(using)
    if not hasattr(model, "natural_key") or not hasattr(manager, "get_by_natural_key"):
        return
    try:
        sleutel = instance.natural_key()
    except ObjectDoesNotExist:
        return
    try:
        instance.pk = manager.get_by_natural_key(*sleutel).pk
    except model.DoesNotExist:
        if model._base_manager.using(using).filter(pk=instance.pk).exists():
            instance.pk = None
