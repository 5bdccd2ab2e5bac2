"""Setting up the authenticator app, and giving its code (or a recovery code) after the password."""

import logging

import django_otp
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_static.models import StaticDevice

from . import apparaten
from .apparaten import Uitkomst
from .forms import CodeForm

logger = logging.getLogger("samenwerking.toegang")

MELDINGEN = {
    Uitkomst.FOUT: "Deze code klopt niet. Voer de code in die uw app nu toont, of een van uw herstelcodes.",
    Uitkomst.HERGEBRUIKT: "Deze code is al gebruikt. Wacht tot uw app een nieuwe code toont en voer die in.",
}


def _loggen(request, *, actie, resultaat):
    """A line in the login log (samenwerking/aanmeldlog.py), in its form."""
    ip = request.META.get("REMOTE_ADDR", "")
    actor = request.user.get_username()
    tijd = timezone.now().isoformat(timespec="seconds")
    extra = {"actor": actor, "actie": actie, "resultaat": resultaat, "tijd": tijd, "ip": ip}
    logger.info("%s %s gebruiker=%r ip=%s", actie, resultaat, actor, ip or "-", extra=extra)


def _verder(request):
    naar = request.POST.get("next") or request.GET.get("next", "")
    veilig = url_has_allowed_host_and_scheme(
        naar, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return naar if veilig else settings.LOGIN_REDIRECT_URL


def _geblokkeerd(request):
    minuten = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/tweede_factor_geblokkeerd.html", {"minuten": minuten}, status=429)


@login_required
def instellen(request):
    if apparaten.authenticator(request.user) is not None:
        return redirect(_verder(request))
    apparaat = apparaten.authenticator_in_te_stellen(request.user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        if apparaat.verify_token("".join(form.cleaned_data["code"].split())):
            codes = apparaten.instellen_bevestigen(apparaat=apparaat)
            request.session.cycle_key()
            django_otp.login(request, apparaat)
            _loggen(request, actie="tweede factor instellen", resultaat="gelukt")
            context = {"codes": codes, "verder": _verder(request)}
            return render(request, "registration/tweede_factor_herstelcodes.html", context)
        form.add_error(
            "code",
            "Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en probeer het "
            "met de volgende code.",
        )
        _loggen(request, actie="tweede factor instellen", resultaat="mislukt")
    context = {
        "form": form,
        "qr": mark_safe(apparaten.qr_svg(apparaat)),  # segno drew it from our own data
        "geheim": apparaten.geheim(apparaat),
        "next": _verder(request),
    }
    return render(request, "registration/tweede_factor_instellen.html", context, status=422 if form.errors else 200)


@login_required
def verifieren(request):
    if request.user.is_verified():
        return redirect(_verder(request))
    if apparaten.authenticator(request.user) is None:
        return redirect_to_login(_verder(request), reverse("tweede_factor:instellen"))
    if request.method != "POST" and apparaten.geblokkeerd(request.user):
        return _geblokkeerd(request)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        uitkomst, apparaat = apparaten.code_controleren(user=request.user, code=form.cleaned_data["code"])
        actie = "tweede factor"
        if uitkomst is Uitkomst.GELUKT:
            request.session.cycle_key()
            django_otp.login(request, apparaat)
            herstelcode = isinstance(apparaat, StaticDevice)
            _loggen(request, actie="herstelcode" if herstelcode else actie, resultaat=uitkomst.value)
            return redirect(_verder(request))
        _loggen(request, actie=actie, resultaat=uitkomst.value)
        if uitkomst is Uitkomst.GEBLOKKEERD:
            return _geblokkeerd(request)
        form.add_error("code", MELDINGEN[uitkomst])
    context = {"form": form, "next": _verder(request)}
    return render(request, "registration/tweede_factor_verifieren.html", context, status=422 if form.errors else 200)
