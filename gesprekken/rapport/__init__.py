"""The report of one gesprek as files: the rapport and the printable vragenlijst as PDF (`pdf`), the rapport as
Word document (`docx_export`) and the whole gesprek as JSON (`json_export`); `views` serves them.

Each export is a function that takes a gesprek and returns `(bestandsnaam, bytes)`; the view only checks access,
logs the export and wraps it in a response. All of them are named by `bestandsnaam`, so a rapport's PDF and
Word document differ only in their extension.
"""

import re

from django.utils.text import slugify


def bestandsnaam(soort, gesprek, extensie):
    """`<soort>-<organisatie>-<datum>.<extensie>`, with no character a file system or header could choke on."""
    organisatie = slugify(gesprek.organisatie)[:60] or "organisatie"
    return re.sub(r"-+", "-", f"{soort}-{organisatie}-{gesprek.datum:%Y-%m-%d}.{extensie}")


def naam_van(user):
    """How the report names an inspector: the full name, or the user name where that is empty."""
    return user.get_full_name() or user.username
