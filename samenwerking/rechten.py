"""Django's ModelBackend, reading the user of a session together with their permissions in one query.

Every inspector page and every autosave loads the user and asks `has_perm`. The ModelBackend reads the user,
then their own permissions and those of their groups in two joined queries; building those joins cost more than
running them: 1.5 ms per request, a sixth of an autosave (BENCHMARKS.md). Here one fixed statement reads the
user with all their permissions. Superusers and object permissions go the ModelBackend's way.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection


def _rechten_sql():
    permissie, type_ = Permission._meta, ContentType._meta
    via_gebruiker = Permission.user_set.through._meta
    via_groep = Permission.group_set.through._meta
    lid_van = Group.user_set.through._meta
    return (
        f"SELECT t.app_label, p.codename FROM {permissie.db_table} p "
        f"JOIN {type_.db_table} t ON t.id = p.content_type_id "
        f"WHERE p.id IN (SELECT permission_id FROM {via_gebruiker.db_table} WHERE user_id = %s) "
        f"OR p.id IN (SELECT g.permission_id FROM {via_groep.db_table} g "
        f"JOIN {lid_van.db_table} l ON l.group_id = g.group_id WHERE l.user_id = %s)"
    )


def _gebruiker_met_rechten_sql():
    gebruiker = get_user_model()._meta
    kolommen = ", ".join(f"u.{veld.column}" for veld in gebruiker.concrete_fields)
    return (
        f"SELECT {kolommen}, r.app_label, r.codename FROM {gebruiker.db_table} u "
        f"LEFT JOIN ({_rechten_sql()}) r ON TRUE WHERE u.{gebruiker.pk.column} = %s"
    )


class RechtenBackend(ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        velden = [veld.attname for veld in User._meta.concrete_fields]
        with connection.cursor() as cursor:
            cursor.execute(_gebruiker_met_rechten_sql(), [user_id] * 3)
            rijen = cursor.fetchall()
        if not rijen:
            return None
        user = User.from_db(connection.alias, velden, rijen[0][: len(velden)])
        if not self.user_can_authenticate(user):
            return None
        if not user.is_superuser:
            # Where the ModelBackend keeps what it read, so has_perm asks nothing more.
            user._perm_cache = {f"{app}.{codename}" for *_, app, codename in rijen if codename}
        return user
