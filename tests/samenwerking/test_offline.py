"""The service worker at /sw.js and the probe /offline/verbinding/ (samenwerking/offline.py)."""

import json
import re

from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
from django.urls import reverse

from samenwerking import offline


def instellingen(response) -> dict:
    eerste = response.content.decode().split("\n", 1)[0]
    return json.loads(re.fullmatch(r"self\.OFFLINE = (.*);", eerste).group(1))


def test_the_worker_is_served_from_the_root_as_javascript_that_the_browser_asks_for_anew(client, db):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert "worker-src 'self'" in response["Content-Security-Policy"]
    assert 'self.addEventListener("fetch"' in response.content.decode()


def test_the_worker_knows_the_hashed_urls_of_the_static_files_the_pages_need(client, db):
    statisch = instellingen(client.get("/sw.js"))["statisch"]

    assert statisch == [static(naam) for naam in offline.STATISCHE_BESTANDEN]
    assert all(re.search(r"\.[0-9a-f]{12}\.(css|js)$", url) for url in statisch), statisch
    for url in statisch:
        assert client.get(url).status_code == 200


def test_a_changed_static_file_gives_another_worker_version(client, db, monkeypatch):
    eerst = instellingen(client.get("/sw.js"))["versie"]
    echt = staticfiles_storage.url

    def veranderd(naam):
        url = echt(naam)
        return url.replace(".css", ".0123456789ab.css") if naam == "css/samenwerking.css" else url

    monkeypatch.setattr(staticfiles_storage, "url", veranderd)
    offline._worker_bewaard.cache_clear()
    try:
        daarna = instellingen(client.get("/sw.js"))
    finally:
        offline._worker_bewaard.cache_clear()

    assert daarna["versie"] != eerst
    assert any(url.endswith(".0123456789ab.css") for url in daarna["statisch"])


def test_the_worker_never_keeps_the_organisations_pages_admin_login_or_exports(client, db):
    bron = client.get("/sw.js").content.decode()
    patroon = re.compile(re.search(r"var PAGINA = /(.*)/;", bron).group(1).replace("\\/", "/"))

    for pad in ["/gesprekken/3/voeren/", "/gesprekken/3/vragenlijst/", "/handreiking/", "/handreiking/instrumenten/"]:
        assert patroon.fullmatch(pad), pad
    for pad in [
        "/deelname/abc/",
        "/admin/",
        "/inloggen/",
        "/gesprekken/3/vragenlijst.pdf",
        "/gesprekken/3/rapport.pdf",
        "/gesprekken/3/rapport.docx",
        "/gesprekken/3/gesprek.json",
        "/gesprekken/overzicht.csv",
        "/gesprekken/3/afronden/",
    ]:
        assert not patroon.fullmatch(pad), pad


def test_the_probe_tells_who_is_logged_in_with_a_fresh_csrf_token(client, eigenaar):
    anoniem = client.get(reverse("offline_verbinding"))
    client.force_login(eigenaar)
    ingelogd = client.get(reverse("offline_verbinding"))

    assert anoniem.json()["gebruiker"] is None
    assert ingelogd.json()["gebruiker"] == eigenaar.pk
    assert ingelogd.json()["csrf"]
    assert anoniem.cookies["csrftoken"].value
    assert "no-cache" in ingelogd["Cache-Control"]


def test_the_probe_leaves_a_csrf_cookie_the_browser_has_alone(client, eigenaar):
    """A login in another tab may have just replaced it; setting it again from an older request would undo that."""
    client.get(reverse("login"))

    response = client.get(reverse("offline_verbinding"))

    assert "csrftoken" not in response.cookies
    assert response.json()["csrf"]


def test_a_page_names_its_user_for_the_worker_and_loads_the_offline_script(client, eigenaar):
    client.force_login(eigenaar)

    html = client.get(reverse("gesprekken:mijn_gesprekken")).content.decode()

    assert f'<body data-gebruiker="{eigenaar.pk}"' in html
    assert static("js/offline.js") in html
