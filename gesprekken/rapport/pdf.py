"""PDF documents of a gesprek: the rapport and the printable vragenlijst.

WeasyPrint may fetch nothing but the project's own static files, read from disk: a note that holds HTML
is escaped by the template anyway, and this fetcher makes sure no URL in any text ever leaves the machine.
"""

import mimetypes

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import bestandsnaam, invulling, versies

BASIS_URL = "https://samenwerkingsgesprek.invalid/"
STATISCH = BASIS_URL + settings.STATIC_URL.lstrip("/")


class AlleenStatischeBestanden(URLFetcher):
    def fetch(self, url, headers=None):
        if not url.startswith(STATISCH) or ".." in url:
            raise ValueError(f"Alleen eigen statische bestanden mogen in een PDF: {url[:80]}")
        naam = url.removeprefix(STATISCH).split("?")[0].split("#")[0]
        pad = finders.find(naam)
        if not pad and staticfiles_storage.exists(naam):
            # With DEBUG off {% static %} names the hashed copy that collectstatic wrote; finders do not know it.
            pad = staticfiles_storage.path(naam)
        if not pad:
            raise ValueError(f"Statisch bestand niet gevonden: {url[:80]}")
        with open(pad, "rb") as bestand:
            inhoud = bestand.read()
        soort = mimetypes.guess_type(pad)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=inhoud, headers={"Content-Type": soort})


def html_naar_pdf(html: str) -> bytes:
    document = HTML(string=html, base_url=BASIS_URL, url_fetcher=AlleenStatischeBestanden(allow_redirects=False))
    return document.write_pdf(pdf_variant="pdf/ua-1")


def document_html(gesprek, inhoud: dict) -> str:
    """The whole report document around a content (gesprekken/rapport/versies.py): cover, contents, sections."""
    context = {"gesprek": gesprek, "inspecteurs": gesprek.inspecteurs(), **inhoud}
    return render_to_string("gesprekken/rapport/rapport.html", context)


def rapport_html(gesprek) -> str:
    return document_html(gesprek, versies.inhoud_van(gesprek))


def rapport(gesprek) -> tuple[str, bytes]:
    return bestandsnaam("rapport", gesprek, "pdf"), html_naar_pdf(rapport_html(gesprek))


def vragenlijst_html(gesprek) -> str:
    # An instrument keeps its element on the list, as on gesprek voeren.
    elementen = [
        (e, invulling.als_formulier(e.instrumenten.all()))
        for e in gesprek.elementen.all()
        if e.opgenomen or e.instrumenten.all()
    ]
    context = {
        "gesprek": gesprek,
        "elementen": elementen,
        "algemene_instrumenten": invulling.als_formulier(gesprek.algemene_instrumenten),
        "inspecteurs": gesprek.inspecteurs(),
    }
    return render_to_string("gesprekken/rapport/vragenlijst.html", context)


def vragenlijst(gesprek) -> tuple[str, bytes]:
    return bestandsnaam("vragenlijst", gesprek, "pdf"), html_naar_pdf(vragenlijst_html(gesprek))


def versie_pdf(versie) -> bytes:
    """A version's PDF: the one stored with a vastgesteld version, else made from the version's content."""
    if versie.pdf is not None:
        return bytes(versie.pdf)
    return html_naar_pdf(document_html(versie.gesprek, versie.inhoud))
