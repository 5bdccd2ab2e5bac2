"""LOG_FORMAT=json: every log line one JSON object, for an inspectorate's log platform.

Used by Django's LOGGING and by gunicorn (samenwerking/gunicorn.conf.py), so its access log is JSON as well.
Only named fields of a record go in, never the whole record: Django's request log carries the request itself.
"""

import datetime
import json
import logging
from collections.abc import Mapping

from django.utils.functional import SimpleLazyObject, empty

from .verzoeken import huidig_verzoek

# The facts samenwerking/aanmeldlog.py and Django's request log give as fields of the record.
VELDEN = ("actor", "actie", "resultaat", "ip", "status_code")


def _gebruiker_id(request):
    # Only a user the request has already looked up: logging must not query the database.
    gebruiker = getattr(request, "user", None)
    if isinstance(gebruiker, SimpleLazyObject):
        gebruiker = None if gebruiker._wrapped is empty else gebruiker._wrapped
    return getattr(gebruiker, "pk", None)


class JsonFormatter(logging.Formatter):
    def format(self, record):
        request = getattr(record, "request", None) or huidig_verzoek.get()
        regel = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(request, "verzoek_id", None),
            "user_id": _gebruiker_id(request),
        }
        regel.update({veld: getattr(record, veld) for veld in VELDEN if hasattr(record, veld)})
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            # Written after the response, when the request's context is gone: the id comes from its header.
            atomen = record.args
            regel.update(
                request_id=atomen["{x-request-id}o"],
                ip=atomen["h"],
                method=atomen["m"],
                path=atomen["U"],
                status_code=atomen["s"],
                duration_ms=atomen["M"],
            )
        if record.exc_info:
            regel["exception"] = self.formatException(record.exc_info)
        return json.dumps(regel, ensure_ascii=False, default=str)
