"""Who may open which gesprek: in one place, so every view asks the same question, and every answer is logged."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect

from . import logboek
from .models import Gebeurtenis, Gesprek


def inspecteur_vereist(view):
    """Only inspectors work with gesprekken; a beheerder or coordinator gets 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("gesprekken.add_gesprek"):
            raise PermissionDenied("Alleen inspecteurs kunnen gesprekken voorbereiden en voeren.")
        return view(request, *args, **kwargs)

    return wrapper


def gesprek_voor_gebruiker(request, gesprek_id, queryset=None, *, actie=Gebeurtenis.Actie.BEKEKEN):
    """The gesprek if the user owns or shares it; a 404 for anyone else, so its existence stays hidden.

    A GET is logged with `actie`; what a POST changed is logged by the view once the change succeeded.
    """
    queryset = Gesprek.objects.all() if queryset is None else queryset
    gesprek = queryset.voor_inspecteur(request.user).filter(pk=gesprek_id).first()
    if gesprek is None:
        logboek.geweigerd(request, gesprek_id)
        raise Http404("Dit gesprek bestaat niet, of u werkt er niet aan mee.")
    if request.method in ("GET", "HEAD"):
        logboek.vastleggen(request, actie, gesprek)
    return gesprek


AFGEROND_MELDING = "Dit gesprek is afgerond en kan niet meer worden gewijzigd. Heropen het om iets aan te passen."


def weiger_als_afgerond(request, gesprek):
    """A redirect to the gesprek with a message if it is afgerond, so a change cannot slip in; else None."""
    if gesprek.is_afgerond:
        messages.error(request, AFGEROND_MELDING)
        return redirect("gesprekken:voeren", gesprek.pk)
    return None
