"""Working without a connection: the service worker at /sw.js and the probe its pages ask before sending.

The worker's source is static/js/sw.js. It is served from the site root, so that it may serve the gesprekken
and the aids (static/js/offline.js registers it for /gesprekken/ and /handreiking/ only), with the real
(hashed) URLs of the static files it keeps put in front of it: a changed CSS or script gives other URLs, so
another worker, which the browser then installs in place of the old one.
"""

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

# What the gesprek pages load: kept when the worker installs, so a page kept for later finds them offline.
STATISCHE_BESTANDEN = [
    "vendor/bootstrap/bootstrap.min.css",
    "css/samenwerking.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "js/autosave.js",
    "js/offline.js",
]
BRON = "js/sw.js"


def _lees(naam: str) -> bytes:
    with open(finders.find(naam), "rb") as bestand:
        return bestand.read()


def _worker() -> str:
    statisch = [static(naam) for naam in STATISCHE_BESTANDEN]
    bron = _lees(BRON)
    versie = hashlib.sha256(json.dumps(statisch).encode() + bron)
    if settings.DEBUG:
        # Without the manifest the URLs stay the same when a file changes: its content tells.
        for naam in STATISCHE_BESTANDEN:
            versie.update(_lees(naam))
    instellingen = {"versie": versie.hexdigest()[:16], "statisch": statisch}
    return f"self.OFFLINE = {json.dumps(instellingen)};\n{bron.decode()}"


# The static files do not change while a process runs with the manifest; while developing they may.
_worker_bewaard = cache(_worker)


@require_safe
def service_worker(request):
    inhoud = _worker() if settings.DEBUG else _worker_bewaard()
    response = HttpResponse(inhoud, content_type="application/javascript; charset=utf-8")
    # The browser asks for a new worker on every visit; no-cache makes sure it hears about a new version.
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
@never_cache
def verbinding(request):
    """Whether the server answers, who is logged in and a fresh CSRF token: asked before a page sends what
    waited in the browser (static/js/autosave.js), which was perhaps typed in another session."""
    gebruiker = request.user.pk if request.user.is_authenticated else None
    had_cookie = settings.CSRF_COOKIE_NAME in request.COOKIES
    token = get_token(request)
    if had_cookie:
        # Setting the cookie again could put back an old token over the one a login in another tab just set.
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
    return JsonResponse({"gebruiker": gebruiker, "csrf": token})
