"""Who may open which page and gesprek: in one place, so every view asks the same question, and every answer is
logged."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect

from . import logboek
from .logboek import Wie
from .models import Gebeurtenis, Gesprek
from .roles import is_inspecteur, ziet_overzicht


def _rol_vereist(heeft_rol, melding):
    """A decorator: logged in (else to the login page) and holding the role (else 403 with `melding`)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not heeft_rol(request.user):
                raise PermissionDenied(melding)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# Only inspectors work with gesprekken; a beheerder or coordinator gets 403.
inspecteur_vereist = _rol_vereist(is_inspecteur, "Alleen inspecteurs kunnen gesprekken voorbereiden en voeren.")
# Coordinators and inspectors; a vragenbank-beheerder gets 403.
overzicht_vereist = _rol_vereist(ziet_overzicht, "Alleen coördinatoren en inspecteurs kunnen het overzicht zien.")


def poging(request):
    """What a request tries to do with a gesprek, for the log: read it (GET) or change it (anything else)."""
    return Gebeurtenis.Actie.BEKEKEN if request.method in ("GET", "HEAD") else Gebeurtenis.Actie.GEWIJZIGD


def gesprek_voor_gebruiker(request, gesprek_id, queryset=None, *, actie=Gebeurtenis.Actie.BEKEKEN):
    """The gesprek if the user owns or shares it; a 404 for anyone else, so its existence stays hidden.

    A GET is logged with `actie`; what a POST changed is logged by the service that changes it.
    """
    queryset = Gesprek.objects.all() if queryset is None else queryset
    gesprek = queryset.voor_inspecteur(request.user).filter(pk=gesprek_id).first()
    if gesprek is None:
        logboek.geweigerd(Wie.van(request), poging(request), gesprek_id)
        raise Http404("Dit gesprek bestaat niet, of u werkt er niet aan mee.")
    if request.method in ("GET", "HEAD"):
        wat = "bewaard voor gebruik zonder verbinding" if request.headers.get("X-Bewaren-Zonder-Verbinding") else ""
        logboek.vastleggen(Wie.van(request), actie, gesprek, wat=wat)
    return gesprek


VASTGESTELD_MELDING = (
    "Het rapport van dit gesprek is vastgesteld en kan niet meer worden gewijzigd. Heropen het om iets aan te passen."
)


def weiger_als_vastgesteld(request, gesprek):
    """A redirect to the gesprek with a message if it is vastgesteld, so a change cannot slip in; else None."""
    if gesprek.is_vastgesteld:
        messages.error(request, VASTGESTELD_MELDING)
        return redirect("gesprekken:voeren", gesprek.pk)
    return None
