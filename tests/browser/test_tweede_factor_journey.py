"""The second factor in Chromium, with the settings of production: set up the app by typing its key, keep the
recovery codes, and log in again with a code, a reused code (refused) and a recovery code (once)."""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from tests.factories import WACHTWOORD

pytestmark = pytest.mark.usefixtures("tweede_factor_verplicht")


def _code(sleutel, stap):
    totp = TOTP(sleutel)
    totp.time = stap * 30
    return f"{totp.token():06d}"


def _wachtwoord(page: Page, user):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()


def _code_typen(page: Page, code):
    """With the keyboard alone: the code field has focus when the page opens."""
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _uitloggen(page: Page):
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()


def test_an_inspector_sets_up_the_app_and_logs_in_with_codes(page: Page, eigenaar):
    _wachtwoord(page, eigenaar)
    expect(page.get_by_role("heading", name="Tweede factor instellen")).to_be_visible()
    expect(page.locator("svg title")).to_have_text("QR-code voor uw authenticator-app")
    sleutel = b32decode(page.locator("#geheim").inner_text().replace(" ", ""))
    page.goto("/gesprekken/")  # the app stays shut until the app is set up
    expect(page.get_by_role("heading", name="Tweede factor instellen")).to_be_visible()

    ingesteld = int(time.time()) // 30
    page.get_by_label("Code").fill(_code(sleutel, ingesteld))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", name="Uw herstelcodes")).to_be_visible()
    herstelcodes = page.get_by_role("list", name="Herstelcodes").get_by_role("listitem").all_inner_texts()
    assert len(herstelcodes) == 10 and all(re.fullmatch(r"([a-z2-7]{4}-){3}[a-z2-7]{4}", c) for c in herstelcodes)
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    expect(page.get_by_role("heading", name="Mijn gesprekken")).to_be_visible()
    _uitloggen(page)

    # The code that set the app up is spent: the next login takes the code of a later 30 seconds.
    while int(time.time()) // 30 == ingesteld:
        time.sleep(0.2)
    code = _code(sleutel, int(time.time()) // 30)
    _wachtwoord(page, eigenaar)
    expect(page.get_by_role("heading", name="Code invoeren")).to_be_visible()
    _code_typen(page, code)
    expect(page.get_by_role("heading", name="Mijn gesprekken")).to_be_visible()
    _uitloggen(page)

    _wachtwoord(page, eigenaar)
    expect(page.get_by_role("heading", name="Code invoeren")).to_be_visible()
    _code_typen(page, code)
    expect(page.get_by_text("Deze code is al gebruikt.")).to_be_visible()
    expect(page.get_by_role("heading", name="Code invoeren")).to_be_visible()

    page.get_by_label("Code").fill(herstelcodes[0])
    page.get_by_role("button", name="Doorgaan").click()
    expect(page.get_by_role("heading", name="Mijn gesprekken")).to_be_visible()
    _uitloggen(page)

    _wachtwoord(page, eigenaar)
    page.get_by_label("Code").fill(herstelcodes[0])
    page.get_by_role("button", name="Doorgaan").click()
    expect(page.get_by_text("Deze code klopt niet.")).to_be_visible()
    page.goto("/gesprekken/")
    expect(page.get_by_role("heading", name="Code invoeren")).to_be_visible()
