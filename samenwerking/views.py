"""The start page, and the pages shown when a request is refused or goes wrong: always in Dutch."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.views import defaults

from gesprekken.roles import is_inspecteur


@login_required
def start(request):
    """Each role lands where its work is."""
    if is_inspecteur(request.user):
        return redirect("gesprekken:mijn_gesprekken")
    if request.user.is_staff:
        return redirect("admin:index")
    return redirect("elementen:handreiking")


def _wil_json(request):
    # The script that saves notes (static/js/autosave.js) asks for JSON and shows its `melding`.
    return "application/json" in request.headers.get("Accept", "")


def weigering(request, *, status, code, titel, melding, template="400.html"):
    """A refusal as a Dutch page, or as JSON with a Dutch `melding`."""
    if _wil_json(request):
        return JsonResponse({"code": code, "melding": melding}, status=status)
    return render(request, template, {"titel": titel, "melding": melding}, status=status)


def niet_gevonden(request, exception):
    """handler404: Django's page (templates/404.html), or JSON for the autosave script."""
    if _wil_json(request):
        return weigering(
            request,
            status=404,
            code="niet_gevonden",
            titel="Niet gevonden",
            melding="Dit bestaat niet (meer), of is niet met u gedeeld.",
        )
    return defaults.page_not_found(request, exception)


def geen_toegang(request, exception):
    """handler403: Django's page (templates/403.html) with the view's reason, or JSON for the autosave script."""
    if _wil_json(request):
        return weigering(
            request,
            status=403,
            code="geen_toegang",
            titel="Geen toegang",
            melding=str(exception) or "U heeft hier geen toegang toe.",
        )
    return defaults.permission_denied(request, exception)


def verzoek_ongeldig(request, exception):
    """handler400: a request Django could not read. One that is too large gets 413 and says so."""
    if isinstance(exception, RequestDataTooBig):
        grens = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return weigering(
            request,
            status=413,
            code="te_groot",
            titel="Te groot om te versturen",
            melding=f"Wat u verstuurde is groter dan {grens} en is daarom niet opgeslagen. Maak de tekst korter.",
        )
    return weigering(
        request,
        status=400,
        code="ongeldig",
        titel="Verzoek niet begrepen",
        melding="Dit verzoek kon niet worden verwerkt en er is niets opgeslagen. Ga terug en probeer het opnieuw.",
    )


def csrf_mislukt(request, reason=""):
    """CSRF_FAILURE_VIEW: almost always a page left open past the end of the session."""
    return weigering(
        request,
        status=403,
        code="verlopen",
        titel="Pagina verlopen",
        melding="Deze pagina was verlopen, bijvoorbeeld omdat u intussen bent uitgelogd. Er is niets opgeslagen. "
        "Laad de pagina opnieuw en probeer het nog eens.",
        template="403.html",
    )


def geblokkeerd(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE. Worded the same whether or not the username exists, so it reveals nothing."""
    minuten = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/geblokkeerd.html", {"minuten": minuten}, status=429)
