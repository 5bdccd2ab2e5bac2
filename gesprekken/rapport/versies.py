"""The report as a version holds it: the cover and the sections as HTML, its checksum, its PDF, and what changed
between two versions.

A section is a `<section class="element" id="…">` of `_secties.html` with an `<h2>` title; they are cut apart here
so that the organisation remarks per section and two versions are compared per section.
"""

import difflib
import hashlib
import html
import json
import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.html import strip_tags

from . import invulling

SECTIE = re.compile(r'<section class="element" id="([^"]+)">\s*<h2>(.*?)</h2>', re.DOTALL)
EINDE_VAN_BLOK = re.compile(r"</(p|h[1-6]|li|tr|th|td|div|section|table|ol|ul)>|<br\s*/?>")


def inhoud_van(gesprek) -> dict:
    """The report of the gesprek as it reads now, in sections; `gesprek` as Gesprek.objects.met_rapport() reads it."""
    # An element taken off the agenda after notes were typed in it keeps those notes in the rapport.
    elementen = [(e, invulling.in_rapport(e.instrumenten.all())) for e in gesprek.elementen.all() if e.in_gesprek()]
    context = {
        "gesprek": gesprek,
        "elementen": elementen,
        "algemene_instrumenten": invulling.in_rapport(gesprek.algemene_instrumenten),
        "inspecteurs": gesprek.inspecteurs(),
    }
    secties = []
    tekst = render_to_string("gesprekken/rapport/_secties.html", context)
    treffers = list(SECTIE.finditer(tekst))
    for treffer, volgende in zip(treffers, [*treffers[1:], None], strict=True):
        eind = volgende.start() if volgende else len(tekst)
        secties.append(
            {
                "id": treffer.group(1),
                "titel": html.unescape(treffer.group(2)),
                "html": tekst[treffer.start() : eind].strip(),
            }
        )
    return {"omslag": render_to_string("gesprekken/rapport/_omslag.html", context).strip(), "secties": secties}


def met_sectie(inhoud: dict, sectie_id: str, titel: str, sectie_html: str) -> dict:
    """The content with one section more at the end (the annex)."""
    sectie = {"id": sectie_id, "titel": titel, "html": sectie_html.strip()}
    return {**inhoud, "secties": [*inhoud["secties"], sectie]}


def controlesom(inhoud: dict) -> str:
    return hashlib.sha256(json.dumps(inhoud, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def tekstregels(sectie_html: str) -> list[str]:
    """A section's text, one line per paragraph, heading or cell: what a reader compares."""
    tekst = html.unescape(strip_tags(EINDE_VAN_BLOK.sub("\n", sectie_html)))
    return [regel for regel in (" ".join(r.split()) for r in tekst.splitlines()) if regel]


@dataclass
class Verschil:
    titel: str
    # (soort, tekst): soort is "weg", "bij" or "" (unchanged, shown for context).
    regels: list[tuple[str, str]]
    soort: str  # "gewijzigd", "nieuw" or "vervallen"


def verschillen(oud: dict, nieuw: dict) -> list[Verschil]:
    """Per section that differs between two versions' contents, its changed lines with a line of context."""
    oude = {s["id"]: s for s in oud["secties"]}
    nieuwe = {s["id"]: s for s in nieuw["secties"]}
    uitkomst = []
    for sectie in nieuw["secties"]:
        if sectie["id"] not in oude:
            uitkomst.append(Verschil(sectie["titel"], [("bij", r) for r in tekstregels(sectie["html"])], "nieuw"))
            continue
        voor, na = tekstregels(oude[sectie["id"]]["html"]), tekstregels(sectie["html"])
        if voor == na:
            continue
        regels = []
        for groep in difflib.SequenceMatcher(a=voor, b=na, autojunk=False).get_grouped_opcodes(1):
            for code, i1, i2, j1, j2 in groep:
                if code == "equal":
                    regels += [("", r) for r in voor[i1:i2]]
                    continue
                regels += [("weg", r) for r in voor[i1:i2]] + [("bij", r) for r in na[j1:j2]]
        uitkomst.append(Verschil(sectie["titel"], regels, "gewijzigd"))
    for sectie in oud["secties"]:
        if sectie["id"] not in nieuwe:
            uitkomst.append(Verschil(sectie["titel"], [("weg", r) for r in tekstregels(sectie["html"])], "vervallen"))
    return uitkomst
