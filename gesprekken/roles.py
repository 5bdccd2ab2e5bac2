"""The roles of the app and who holds them, each rule in one place.

The roles are permission groups, created by data migrations. What a role may do follows from its permissions,
so a user given a permission directly is treated as the group's members are.
"""

from django.contrib.auth import get_user_model

INSPECTEURS = "Inspecteurs"
VRAGENBANK_BEHEERDERS = "Vragenbank-beheerders"
COORDINATOREN = "Coördinatoren"

# Inspectors prepare and hold gesprekken; coordinators and inspectors see the overview.
INSPECTEUR_RECHT = "gesprekken.add_gesprek"
OVERZICHT_RECHT = "gesprekken.view_gesprek"


def is_inspecteur(user) -> bool:
    return user.has_perm(INSPECTEUR_RECHT)


def inspecteurs():
    """The active users who are inspectors: who can be asked onto a gesprek."""
    return get_user_model().objects.with_perm(
        INSPECTEUR_RECHT, include_superusers=False, backend="samenwerking.rechten.RechtenBackend"
    )


def ziet_overzicht(user) -> bool:
    return user.has_perm(OVERZICHT_RECHT)


def ziet_alle_gesprekken(user) -> bool:
    """Coordinators look across all gesprekken; an inspector only across their own and shared ones.

    Both hold the overview's permission, so here the group tells them apart.
    """
    return user.is_superuser or user.groups.filter(name=COORDINATOREN).exists()
