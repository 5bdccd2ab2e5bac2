"""The user and their permissions in one query (samenwerking/rechten.py): Django's, and never outliving a request."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from gesprekken.roles import INSPECTEURS
from samenwerking.rechten import RechtenBackend
from tests import factories
from tests.gesprekken.builders import autosave

User = get_user_model()


def _vers(user):
    return User.objects.get(pk=user.pk)


@pytest.fixture
def gebruikers(eigenaar, beheerder, coordinator):
    los = User.objects.create_user("los", password="x")
    los.user_permissions.add(Permission.objects.get(codename="view_gebeurtenis"))
    zonder = User.objects.create_user("zonder", password="x")
    beide = factories.coordinator("beide")
    beide.user_permissions.add(Permission.objects.get(codename="add_gesprek"))
    superuser = User.objects.create_superuser("super", password="x")
    inactief = factories.inspecteur("weg")
    inactief.is_active = False
    inactief.save()
    return [eigenaar, beheerder, coordinator, los, beide, superuser, zonder, inactief]


def test_every_role_has_exactly_the_permissions_django_would_give(gebruikers):
    for user in gebruikers[:-1]:
        verwacht = ModelBackend().get_all_permissions(_vers(user))
        assert RechtenBackend().get_user(user.pk).get_all_permissions() == verwacht, user.username
    assert "gesprekken.add_gesprek" in RechtenBackend().get_user(gebruikers[4].pk).get_all_permissions()


def test_the_user_and_their_permissions_are_read_in_one_query(eigenaar, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = RechtenBackend().get_user(eigenaar.pk)
        assert user == eigenaar and user.get_full_name() == eigenaar.get_full_name()
        assert user.has_perm("gesprekken.add_gesprek")
        assert not user.has_perm("gesprekken.view_gebeurtenis")


def test_an_inactive_or_removed_user_is_nobody(gebruikers):
    inactief = gebruikers[-1]
    assert ModelBackend().get_user(inactief.pk) is None
    assert RechtenBackend().get_user(inactief.pk) is None
    assert RechtenBackend().get_user(inactief.pk + 1000) is None


def test_an_inspector_taken_out_of_the_group_is_refused_at_the_next_save(client_van, eigenaar, gesprek):
    aantekening = gesprek.aantekeningen.filter(criterium__isnull=False).first()
    client = client_van(eigenaar)
    assert autosave(client, gesprek, aantekening, "Nog inspecteur", 0).status_code == 200

    eigenaar.groups.remove(Group.objects.get(name=INSPECTEURS))

    antwoord = autosave(client, gesprek, aantekening, "Niet meer", 1)
    assert antwoord.status_code == 403
    assert antwoord.json()["melding"] == "Alleen inspecteurs kunnen aantekeningen maken."
    assert client.get(reverse("gesprekken:voeren", args=[gesprek.pk])).status_code == 403


def test_the_user_is_loaded_as_django_loads_them(gebruikers):
    for user in gebruikers[:-1]:
        geladen, verwacht = RechtenBackend().get_user(user.pk), _vers(user)
        for veld in User._meta.concrete_fields:
            waarde, goed = getattr(geladen, veld.attname), getattr(verwacht, veld.attname)
            assert (waarde, type(waarde)) == (goed, type(goed)), (user.username, veld.name)
            assert getattr(waarde, "tzinfo", None) == getattr(goed, "tzinfo", None), (user.username, veld.name)
