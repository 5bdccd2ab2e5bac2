"""A note may hold anything an inspector pastes; the PDF renderer must never fetch what it names."""

import io
import socket
import threading

import pypdf
import pytest
from django.urls import reverse

from gesprekken.models import Aantekening
from gesprekken.rapport.pdf import html_naar_pdf


@pytest.fixture
def luisteraar():
    """A listener on 127.0.0.1 that counts every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    verbindingen = []
    stop = threading.Event()

    def luister():
        while not stop.is_set():
            try:
                verbinding, _ = server.accept()
            except TimeoutError:
                continue
            verbindingen.append(verbinding)
            verbinding.close()

    draad = threading.Thread(target=luister, daemon=True)
    draad.start()
    yield server.getsockname()[1], verbindingen
    stop.set()
    draad.join()
    server.close()


def _vijandige_tekst(poort):
    return (
        f'<img src="http://127.0.0.1:{poort}/beeld.png"> <img src="file:///etc/passwd">'
        f'<link rel="attachment" href="file:///etc/passwd"><link rel="stylesheet" href="http://127.0.0.1:{poort}/x.css">'
        f"<style>@import url(http://127.0.0.1:{poort}/import.css);</style>"
    )


def test_html_in_a_note_comes_out_as_plain_text_and_fetches_nothing(client_van, gesprek, eigenaar, luisteraar):
    poort, verbindingen = luisteraar
    Aantekening.objects.filter(gesprek=gesprek, criterium__isnull=False).update(tekst=_vijandige_tekst(poort))

    response = client_van(eigenaar).get(reverse("gesprekken:rapport_pdf", args=[gesprek.pk]))

    lezer = pypdf.PdfReader(io.BytesIO(response.content))
    tekst = "".join(pagina.extract_text() for pagina in lezer.pages)
    assert "file:///etc/passwd" in tekst, tekst
    assert "root:x:0:0" not in tekst
    assert not lezer.attachments
    assert verbindingen == []


def test_the_renderer_itself_refuses_every_url_but_our_static_files(luisteraar):
    poort, verbindingen = luisteraar
    html = f"<html lang='nl'><head><title>t</title></head><body><p>tekst</p>{_vijandige_tekst(poort)}</body></html>"

    pdf = html_naar_pdf(html)

    lezer = pypdf.PdfReader(io.BytesIO(pdf))
    assert not lezer.attachments
    assert verbindingen == []
