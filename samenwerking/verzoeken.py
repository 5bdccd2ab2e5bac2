"""Per request: the id its log lines share, and the client's real address when a trusted proxy passed it on."""

import contextvars
import ipaddress
import re
import uuid

from django.conf import settings

# The request being answered in this thread, for the log lines written while it is (samenwerking/logregels.py).
huidig_verzoek = contextvars.ContextVar("huidig_verzoek", default=None)

# An incoming X-Request-ID is kept only when it is a plain token: it goes into every log line of the request.
_VERZOEK_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")


def echt_adres(meta, proxies):
    """REMOTE_ADDR, or, when that is one of `proxies`, the last address in X-Forwarded-For that is not.

    Each proxy appends the address it got the request from, so the entries a client typed itself come first
    and are never reached; a garbled entry keeps the proxy's own address.
    """
    adres = meta.get("REMOTE_ADDR", "")
    if not _vertrouwd(adres, proxies):
        return adres
    for kandidaat in reversed(meta.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        if not _vertrouwd(kandidaat.strip(), proxies):
            try:
                return str(ipaddress.ip_address(kandidaat.strip()))
            except ValueError:
                return adres
    return adres


def _vertrouwd(adres, proxies):
    try:
        ip = ipaddress.ip_address(adres)
    except ValueError:
        return False
    return any(ip in netwerk for netwerk in proxies)


def client_adres(request):
    """The address axes locks out on: the same one the logs show (AXES_CLIENT_IP_CALLABLE)."""
    return request.META.get("REMOTE_ADDR")


def verzoek_middleware(get_response):
    """First of all middleware, so that axes, the logs and Django itself all see the real address."""
    proxies = [ipaddress.ip_network(netwerk, strict=False) for netwerk in settings.VERTROUWDE_PROXIES]

    def middleware(request):
        # Rewritten in the WSGI environ itself, so gunicorn's access log shows the real address too.
        request.META["REMOTE_ADDR"] = echt_adres(request.META, proxies)
        gegeven = request.headers.get("X-Request-ID", "")
        request.verzoek_id = gegeven if _VERZOEK_ID.fullmatch(gegeven) else uuid.uuid4().hex
        token = huidig_verzoek.set(request)
        try:
            response = get_response(request)
        finally:
            huidig_verzoek.reset(token)
        response["X-Request-ID"] = request.verzoek_id
        return response

    return middleware
