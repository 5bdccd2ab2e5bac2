"""Django's ModelBackend, reading the user of a session together with their permissions in one query.

Every inspector page and every autosave loads the user and asks `has_perm`. The ModelBackend reads the user,
then their own permissions and those of their groups in two joined queries; building those joins cost more than
running them: 1.5 ms per request, a sixth of an autosave (BENCHMARKS.md). Here one fixed statement reads the
user with all their permissions. Superusers and object permissions go the ModelBackend's way.
"""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType


# Built once: they follow from the models, and get_user runs on every logged-in request.
@functools.cache
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


@functools.cache
def _gebruiker_met_rechten_sql():
    """A row per permission with the user's columns, one row without any; takes the user's id three times."""
    gebruiker = get_user_model()._meta
    kolommen = ", ".join(f"u.{veld.column}" for veld in gebruiker.concrete_fields)
    return (
        f"SELECT {kolommen}, r.app_label, r.codename FROM {gebruiker.db_table} u "
        f"LEFT JOIN ({_rechten_sql()}) r ON TRUE WHERE u.{gebruiker.pk.column} = %s"
    )


class RechtenBackend(ModelBackend):
    def get_user(self, user_id):
        # A row per permission, each with the user's columns; raw() converts them as the ORM would.
        rijen = list(get_user_model()._default_manager.raw(_gebruiker_met_rechten_sql(), [user_id] * 3))
        if not rijen or not self.user_can_authenticate(rijen[0]):
            return None
        user = rijen[0]
        if not user.is_superuser:
            # Where the ModelBackend keeps what it read, so has_perm asks nothing more.
            user._perm_cache = {f"{rij.app_label}.{rij.codename}" for rij in rijen if rij.codename}
        return user
