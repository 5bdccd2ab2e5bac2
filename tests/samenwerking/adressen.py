"""Every URL of the project, with its parameters filled in, for the tests that must cover all of them."""

import copy
import re
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from elementen.models import Kader


@dataclass
class Adres:
    sleutel: str  # the URL name with its namespace, or for a pattern without a name its route
    patronen: list  # the patterns from the root down to this one
    naam: str | None = None

    @property
    def route(self):
        return "".join(str(p.pattern) for p in self.patronen)

    @property
    def is_admin(self):
        return self.sleutel.startswith(("admin:", "admin/"))


def adressen(patronen=None, voorouders=(), namespace=""):
    """Every URL pattern of the project, walked down from the root URLconf."""
    for patroon in get_resolver().url_patterns if patronen is None else patronen:
        keten = [*voorouders, patroon]
        if isinstance(patroon, URLResolver):
            ns = f"{namespace}:{patroon.namespace}".strip(":") if patroon.namespace else namespace
            yield from adressen(patroon.url_patterns, keten, ns)
        elif isinstance(patroon, URLPattern):
            naam = f"{namespace}:{patroon.name}".strip(":") if patroon.name else None
            yield Adres(naam or "".join(str(p.pattern) for p in keten), keten, naam)


def _parameters(adres):
    """The named parameters of the route, and how many unnamed groups its regex parts have."""
    namen, zonder_naam = [], 0
    for p in adres.patronen:
        if isinstance(p.pattern, RoutePattern):
            namen += list(p.pattern.converters)
        elif isinstance(p.pattern, RegexPattern):
            namen += list(p.pattern.regex.groupindex)
            zonder_naam += p.pattern.regex.groups - len(p.pattern.regex.groupindex)
    return namen, zonder_naam


def _admin_model(adres):
    """The model an admin URL belongs to, from its name (admin:<app>_<model>_<page>) or its route."""
    for model in admin.site._registry:
        naam = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        route = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        if adres.sleutel.startswith(naam) or adres.route.startswith(route):
            return model
    return None


def pad(adres, objecten, vervangen=None):
    """The path of this URL, its parameters filled from the objects of the `objecten` fixture.

    `vervangen` gives other values for some parameters, e.g. {"gesprek_id": 10**30}.
    """
    model = _admin_model(adres)
    admin_object = model._default_manager.order_by("pk").first() if model else None
    namen, zonder_naam = _parameters(adres)
    if model and admin_object is None and "object_id" in namen:
        # Without a row its object pages answer "does not exist" before they check who asks.
        pytest.fail(f"{adres.sleutel}: make a {model._meta.label} row in the `objecten` fixture (conftest.py)")
    bekend = {
        "gesprek_id": objecten["gesprek"].pk,
        "vraag_id": objecten["eigen_vraag"].pk,
        "aantekening_id": objecten["aantekening"].pk,
        "versie_id": objecten["versie"].pk,
        "instrument_id": objecten["instrument"].pk,
        "uitnodiging_id": objecten["uitnodiging"].pk,
        "antwoord_id": objecten["antwoord"].pk,
        "nummer": objecten["rapportversie"].nummer,
        "opmerking_id": objecten["opmerking"].pk,
        "rij_id": objecten["instrument"].rijen.first().pk,
        "kader_id": objecten["kader"].pk,
        "organisatie_id": objecten["gesprek"].organisatie_id,
        "afspraak_id": objecten["afspraak"].pk,
        "terugblik_id": objecten["terugblik"].pk,
        "object_id": objecten["kader"].pk if adres.sleutel == "admin:view_on_site" else getattr(admin_object, "pk", 0),
        "id": objecten["eigenaar"].pk,
        "content_type_id": ContentType.objects.get_for_model(Kader).pk,
        "app_label": "elementen",
        "url": "bestaat-niet/",
        **(vervangen or {}),
    }
    onbekend = [naam for naam in namen if naam not in bekend]
    assert not onbekend, f"{adres.sleutel}: add a value for {onbekend} to `bekend` in {__name__}.pad"
    kwargs = {naam: bekend[naam] for naam in namen}
    args = []
    if zonder_naam:
        # simple_history's page of one historical version: the object, then its version.
        assert zonder_naam == 2 and admin_object is not None, f"{adres.sleutel}: teach {__name__}.pad its groups"
        args = [admin_object.pk, admin_object.history.order_by("-history_id").first().history_id]
    if adres.naam:
        return reverse(adres.naam, args=args, kwargs=kwargs)
    # A pattern without a name cannot be reversed: fill in its route by hand.
    delen = []
    for p in adres.patronen:
        tekst = str(p.pattern)
        if isinstance(p.pattern, RoutePattern):
            tekst = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), tekst)
        else:
            tekst = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), tekst).strip("^$")
        delen.append(tekst)
    return "/" + "".join(delen)


@contextmanager
def terugdraaien():
    """Everything written inside is rolled back at the end, also when an assertion inside fails."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


class Bezoeker:
    """A client logged in as one user (or none), that starts every request from the same session.

    Used inside `terugdraaien()`, a request cannot change what the next one finds: after a logout, the
    session row is back with the rollback, and the client gets its cookies back here.
    """

    def __init__(self, gebruiker):
        self.client = Client()
        if gebruiker is not None:
            self.client.force_login(gebruiker)
        self.koekjes = copy.deepcopy(self.client.cookies)

    def vraag(self, methode, pad, **extra):
        self.client.cookies = copy.deepcopy(self.koekjes)
        if methode == "GET":
            return self.client.get(pad, **extra)
        if methode == "POST":
            return self.client.post(pad, **extra)
        return self.client.generic(methode, pad, **extra)
