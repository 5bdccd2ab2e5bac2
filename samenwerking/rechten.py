"""Django's ModelBackend, with a user's permissions read in one query instead of two.

Every inspector page and every autosave asks `has_perm`. The ModelBackend reads the user's own permissions and
those of their groups in two joined queries, and building those joins cost more than running them: 1.5 ms per
request, a sixth of an autosave (BENCHMARKS.md). Here one fixed statement reads both. Superusers, inactive
users and object permissions go the ModelBackend's way.
"""

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


class RechtenBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None or user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            with connection.cursor() as cursor:
                cursor.execute(_rechten_sql(), [user_obj.pk, user_obj.pk])
                user_obj._perm_cache = {f"{app}.{codename}" for app, codename in cursor.fetchall()}
        return user_obj._perm_cache
