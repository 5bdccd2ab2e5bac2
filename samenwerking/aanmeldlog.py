"""Every login, failed login and logout in the log "samenwerking.toegang" (BIO: who, what, result, when, where).

One line per event, e.g. `inloggen mislukt gebruiker='jdevries' ip=10.0.0.7`, with the same facts as fields
on the record (actor, actie, resultaat, tijd, ip) for a structured log handler. The password never reaches
the log: Django's signals carry it masked, and only the username is read from them. The username is written
with repr(), so a typed newline cannot forge a second log line.
"""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.utils import timezone

logger = logging.getLogger("samenwerking.toegang")


def _loggen(request, *, actor, actie, resultaat):
    ip = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    tijd = timezone.now().isoformat(timespec="seconds")
    logger.info(
        "%s %s gebruiker=%r ip=%s",
        actie,
        resultaat,
        actor,
        ip or "-",
        extra={"actor": actor, "actie": actie, "resultaat": resultaat, "tijd": tijd, "ip": ip},
    )


def ingelogd(sender, request, user, **kwargs):
    _loggen(request, actor=user.get_username(), actie="inloggen", resultaat="gelukt")


def inloggen_mislukt(sender, credentials, request=None, **kwargs):
    # Axes marks the request when this attempt was refused because of, or caused, a lock-out.
    resultaat = "geblokkeerd" if getattr(request, "axes_locked_out", False) else "mislukt"
    _loggen(request, actor=str(credentials.get("username", "")), actie="inloggen", resultaat=resultaat)


def uitgelogd(sender, request, user, **kwargs):
    _loggen(request, actor=user.get_username() if user else "", actie="uitloggen", resultaat="gelukt")


def verbinden():
    user_logged_in.connect(ingelogd, dispatch_uid="samenwerking.aanmeldlog.ingelogd")
    user_login_failed.connect(inloggen_mislukt, dispatch_uid="samenwerking.aanmeldlog.inloggen_mislukt")
    user_logged_out.connect(uitgelogd, dispatch_uid="samenwerking.aanmeldlog.uitgelogd")
