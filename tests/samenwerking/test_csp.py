"""The Content-Security-Policy, and pages that keep to it: no inline script or style anywhere."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from elementen.models import Element

BELEID = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "worker-src": "'self'",
}


def beleid(response):
    regels = [r.strip() for r in response["Content-Security-Policy"].split(";") if r.strip()]
    return dict(r.split(" ", 1) for r in regels)


class InlineZoeker(HTMLParser):
    """What a policy without 'unsafe-inline' would block: inline scripts, style elements and attributes."""

    def __init__(self):
        super().__init__()
        self.gevonden = []

    def handle_starttag(self, tag, attrs):
        attributen = dict(attrs)
        if tag == "script" and "src" not in attributen and attributen.get("type") != "application/json":
            self.gevonden.append(f"<script> without src at line {self.getpos()[0]}")
        if tag == "style":
            self.gevonden.append(f"<style> at line {self.getpos()[0]}")
        for naam, waarde in attrs:
            if naam == "style" or naam.startswith("on"):
                self.gevonden.append(f'<{tag} {naam}="{waarde}"> at line {self.getpos()[0]}')
            if (waarde or "").strip().lower().startswith("javascript:"):
                self.gevonden.append(f'<{tag} {naam}="{waarde}"> at line {self.getpos()[0]}')


def inline(response):
    zoeker = InlineZoeker()
    zoeker.feed(response.content.decode())
    return zoeker.gevonden


def test_the_policy_allows_only_the_apps_own_files_and_no_inline_script(client, db):
    response = client.get(reverse("login"))

    assert beleid(response) == BELEID
    assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "naam",
    ["mijn_gesprekken", "nieuw", "overzicht", "gegevens", "vragenlijst", "voeren", "afronden"],
)
def test_the_inspector_pages_carry_the_policy_and_keep_to_it(client_van, eigenaar, gesprek, naam):
    args = [] if naam in ("mijn_gesprekken", "nieuw", "overzicht") else [gesprek.pk]

    response = client_van(eigenaar).get(reverse(f"gesprekken:{naam}", args=args))

    assert response.status_code == 200
    assert beleid(response) == BELEID
    assert inline(response) == []


def test_the_login_handreiking_and_refusal_pages_keep_to_the_policy(client, client_van, coordinator, vragenbank):
    for response in [
        client.get(reverse("login")),
        client.get(reverse("toegankelijkheid")),
        client_van(coordinator).get(reverse("elementen:handreiking")),
        client_van(coordinator).get(reverse("gesprekken:mijn_gesprekken")),  # 403
        client_van(coordinator).get("/bestaat-niet/"),  # 404
        client_van(coordinator).get(reverse("logout")),  # 405
    ]:
        assert beleid(response) == BELEID, response.status_code
        assert inline(response) == [], response.status_code


@pytest.mark.parametrize(
    "pad",
    [
        "admin:index",
        "admin:elementen_kader_changelist",
        "admin:elementen_kader_change",
        "admin:elementen_element_change",
        "admin:elementen_element_changelist",
        "admin:elementen_criterium_add",
    ],
)
def test_the_admin_still_loads_under_the_policy(client_van, beheerder, vragenbank, pad):
    """Django 5.2's admin has no inline scripts or styles; its data for scripts is in JSON <script> blocks."""
    args = []
    if pad == "admin:elementen_kader_change":
        args = [vragenbank.pk]
    elif pad == "admin:elementen_element_change":
        args = [Element.objects.filter(kader=vragenbank, is_kernelement=True).first().pk]

    response = client_van(beheerder).get(reverse(pad, args=args))

    assert response.status_code == 200
    assert beleid(response) == BELEID
    assert inline(response) == []
