"""The floor for autosave: what any Django view pays for one indexed read and one write.

It runs behind the same middleware as the app (sessions saved on every request, CSRF, auth), receives the same
POST body and answers in JSON, but asks nothing of the user and checks nothing. Its logged-in twin also loads
the user and asks the inspector's permission, as any view behind a login does.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_POST

from gesprekken.models import Aantekening
from gesprekken.roles import is_inspecteur


def _lezen_en_schrijven(request, aantekening_id):
    versie = Aantekening.objects.values_list("versie", flat=True).get(pk=aantekening_id)
    Aantekening.objects.filter(pk=aantekening_id).update(tekst=request.POST.get("tekst", ""))
    return JsonResponse({"id": aantekening_id, "versie": versie})


@require_POST
def triviaal(request, aantekening_id):
    return _lezen_en_schrijven(request, aantekening_id)


@require_POST
def triviaal_ingelogd(request, aantekening_id):
    if not is_inspecteur(request.user):
        return JsonResponse({"melding": "geen inspecteur"}, status=403)
    return _lezen_en_schrijven(request, aantekening_id)
