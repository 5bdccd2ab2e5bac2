"""Who may open which gesprek: in one place, so every view asks the same question."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Gesprek


def inspecteur_vereist(view):
    """Only inspectors work with gesprekken; a beheerder or coordinator gets 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("gesprekken.add_gesprek"):
            raise PermissionDenied("Alleen inspecteurs kunnen gesprekken voorbereiden en voeren.")
        return view(request, *args, **kwargs)

    return wrapper


def gesprek_voor_gebruiker(user, gesprek_id, queryset=None):
    """The gesprek if the user owns or shares it; a 404 for anyone else, so its existence stays hidden."""
    queryset = Gesprek.objects.all() if queryset is None else queryset
    return get_object_or_404(queryset.voor_inspecteur(user), pk=gesprek_id)
