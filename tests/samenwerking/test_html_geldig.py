"""Issue 6: the Nu HTML Checker (vnu) finds no error in the HTML of any page, as the server sends it.

The same pages in the same states as the axe-core test (tests/browser/toegankelijkheid.py), fetched with
Django's test client and checked in one run of vnu.jar from node_modules (`make test` installs it with npm ci).
"""

import json
import shutil
import subprocess
from urllib.parse import urlencode

import pytest
from django.test import Client

from tests.browser import toegankelijkheid as t


def _client(gebruiker):
    client = Client()
    if gebruiker is not None:
        client.force_login(gebruiker)
    return client


def _html(bezoek: t.Bezoek, client: Client) -> tuple[int, str]:
    """The status and HTML of a visit, as the browser would get them."""
    if bezoek.sjabloon_html is not None:
        return 200, bezoek.sjabloon_html
    if bezoek.post is not None:
        response = client.post(bezoek.pad, urlencode(bezoek.post), content_type="application/x-www-form-urlencoded")
    else:
        response = client.get(bezoek.pad)
    if bezoek.via_link:
        response = client.get(t.link_in(response.content.decode(), bezoek.via_link))
    return response.status_code, response.content.decode()


def vnu(paden) -> list[dict]:
    """The messages of one vnu run over all files (starting Java once takes a few seconds)."""
    assert shutil.which("java"), "Java ontbreekt: `make test` installeert default-jre-headless"
    assert t.VNU.exists(), "vnu.jar ontbreekt: draai `make test-deps` (npm ci)"
    uitvoer = subprocess.run(
        ["java", "-jar", str(t.VNU), "--format", "json", "--stdout", "--exit-zero-always", *map(str, paden)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(uitvoer.stdout)["messages"]


@pytest.fixture
def gegevens(vragenbank):
    return t.gegevens_maken(vragenbank)


def test_vnu_finds_no_errors_in_the_html_of_any_page(gegevens, tmp_path):
    clients = {rol: _client(gebruiker) for rol, gebruiker in gegevens.gebruikers.items()}
    titels = {}
    for nummer, bezoek in enumerate(t.alle_bezoeken(gegevens)):
        status, html = _html(bezoek, clients[bezoek.rol])
        assert status == bezoek.status, f"{bezoek.titel}: HTTP {status}, verwacht {bezoek.status}"
        pad = tmp_path / f"pagina-{nummer:03d}.html"
        pad.write_text(html, encoding="utf-8")
        titels[pad.name] = f"{bezoek.titel} {bezoek.pad}"

    fouten = [
        f"{titels.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))} regel {m.get('lastLine')}: {m['message']} "
        f"[{m.get('extract', '').strip()}]"
        for m in vnu(sorted(tmp_path.glob("pagina-*.html")))
        if m["type"] in ("error", "non-document-error")
    ]
    assert len(titels) > 50
    assert not fouten, f"{len(fouten)} fouten:\n" + "\n".join(fouten)
