"""What every page may ask of the user's roles, by the rules the views check (`roles.py`)."""

from .roles import is_inspecteur, ziet_overzicht


def rollen(request):
    # Asked only when a template uses them: a page that shows no menu reads nothing.
    user = getattr(request, "user", None)
    return {
        "is_inspecteur": lambda: user is not None and is_inspecteur(user),
        "ziet_overzicht": lambda: user is not None and ziet_overzicht(user),
    }
