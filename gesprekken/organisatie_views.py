"""An organisation's page, and the list of known organisations that the gesprek form shows as one types."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from . import organisaties
from .access import inspecteur_vereist, overzicht_vereist
from .models import Afspraak, Organisatie, past_in_een_id


@inspecteur_vereist
@require_safe
def suggesties(request):
    """JSON: the organisations whose name holds what was typed (`?naam=`), at most ten."""
    getypt = request.GET.get("naam", "")[:200]
    return JsonResponse({"organisaties": organisaties.suggesties(getypt)})


@overzicht_vereist
@require_safe
def organisatie(request, organisatie_id):
    """Every gesprek with the organisation (date, inspectie, inspectors, status), for every inspector and
    coordinator: who was there before. What was said (afspraken, the gesprek itself, its report) only of the
    gesprekken the viewer is on, as in the overview."""
    if not past_in_een_id(organisatie_id):
        organisatie_id = 0
    organisatie = get_object_or_404(Organisatie, pk=organisatie_id)
    gesprekken = list(
        organisatie.gesprekken.met_betrokkenheid(request.user)
        .select_related("eigenaar")
        .prefetch_related("co_inspecteurs")
        .order_by("-datum", "-id")
    )
    eigen = [g.pk for g in gesprekken if g.ik_ben_erbij]
    afspraken = {}
    for afspraak in Afspraak.objects.filter(gesprek_id__in=eigen).order_by("wanneer", "pk"):
        afspraken.setdefault(afspraak.gesprek_id, []).append(afspraak)
    for gesprek in gesprekken:
        gesprek.eigen_afspraken = afspraken.get(gesprek.pk, [])
    return render(
        request,
        "gesprekken/organisatie.html",
        {"organisatie": organisatie, "gesprekken": gesprekken, "heeft_eigen": bool(eigen)},
    )
