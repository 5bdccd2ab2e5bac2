"""The second factor of a local account: its authenticator app (TOTP), its recovery codes, and who needs one.

django-otp holds the devices. A code of the app is accepted once: the device keeps the time step of the last
accepted code (`last_t`) and takes only later ones. django-otp's own throttle (a wait that doubles after every
wrong code) is off in settings.py; wrong codes lock the account out here as axes does for passwords: after
AXES_FAILURE_LIMIT of them, for AXES_COOLOFF_TIME.
"""

import enum
import hashlib
import secrets
import textwrap
import time
from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from samenwerking.oidc import aangemeld_via_oidc

AANTAL_HERSTELCODES = 10


class Uitkomst(enum.Enum):
    GELUKT = "gelukt"
    FOUT = "mislukt"
    HERGEBRUIKT = "hergebruikt"
    GEBLOKKEERD = "geblokkeerd"


def vrijgesteld(request):
    """Needs no second factor here: signed in through the identity provider, which asks its own, or a demo
    account of `make run`, and those only while DEBUG is on."""
    if aangemeld_via_oidc(request):
        return True
    return settings.DEBUG and request.user.get_username() in settings.TWEEDE_FACTOR_VRIJGESTELD


def moet_verifieren(request):
    """A local account signed in with its password alone, where a second factor is required."""
    user = request.user
    return (
        settings.TWEEDE_FACTOR_VERPLICHT
        and user.is_authenticated
        and not user.is_verified()
        and not vrijgesteld(request)
    )


def authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def authenticator_in_te_stellen(user):
    """The app being set up: made on the first visit, kept until its first code confirms it."""
    apparaat = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return apparaat or TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)


def geheim(apparaat):
    """The key as an authenticator app asks for it when typed: base32, in groups of four."""
    return " ".join(textwrap.wrap(b32encode(apparaat.bin_key).decode(), 4))


def qr_svg(apparaat):
    """The otpauth:// address as a QR code in SVG; lines drawn with attributes, no style, as the CSP asks.

    Without a size of its own it is as wide as the column it is in, so it also fits a small screen.
    """
    qr = segno.make(apparaat.config_url, error="m")
    return qr.svg_inline(
        scale=5, border=4, dark="#000", light="#fff", title="QR-code voor uw authenticator-app", omitsize=True
    )


def _vingerafdruk(code):
    """What is stored of a recovery code: django-otp keeps StaticToken in plain text (16 characters).

    A code is 80 random bits, so a fast unsalted hash cannot be reversed by guessing, and the code is still
    found by its hash. The first 16 base32 characters of SHA-256 keep 80 bits.
    """
    genormaliseerd = "".join(code.split()).replace("-", "").lower()
    return b32encode(hashlib.sha256(genormaliseerd.encode()).digest()).decode()[:16].lower()


def _herstelcode():
    return "-".join(textwrap.wrap(b32encode(secrets.token_bytes(10)).decode().lower(), 4))


@transaction.atomic
def instellen_bevestigen(*, apparaat):
    """Confirms the app and gives the account new recovery codes; returns them, the only time they are seen."""
    apparaat.confirmed = True
    apparaat.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=apparaat.user, confirmed=False).delete()
    StaticDevice.objects.filter(user=apparaat.user).delete()
    herstel = StaticDevice.objects.create(user=apparaat.user, name="Herstelcodes")
    codes = [_herstelcode() for _ in range(AANTAL_HERSTELCODES)]
    StaticToken.objects.bulk_create(StaticToken(device=herstel, token=_vingerafdruk(code)) for code in codes)
    return codes


def _mislukt_sinds_afkoelen(apparaten):
    grens = timezone.now() - settings.AXES_COOLOFF_TIME
    return sum(
        a.throttling_failure_count
        for a in apparaten
        if a.throttling_failure_timestamp and a.throttling_failure_timestamp > grens
    )


def geblokkeerd(user):
    return _mislukt_sinds_afkoelen(list(devices_for_user(user))) >= settings.AXES_FAILURE_LIMIT


def _al_gebruikt(apparaat, code):
    """A code of the app within its window that the device refused: it was accepted before."""
    totp = TOTP(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
    totp.time = time.time()
    return totp.verify(int(code), apparaat.tolerance)


@transaction.atomic
def code_controleren(*, user, code):
    """Checks a code of the app (six digits) or a recovery code, which is then used up.

    Returns the outcome and, when it worked, the device that accepted it, for django_otp.login.
    """
    code = "".join(code.split())
    apparaten = list(devices_for_user(user, for_verify=True))
    grens = timezone.now() - settings.AXES_COOLOFF_TIME
    for apparaat in apparaten:
        if apparaat.throttling_failure_timestamp and apparaat.throttling_failure_timestamp <= grens:
            apparaat.throttle_reset()
    if _mislukt_sinds_afkoelen(apparaten) >= settings.AXES_FAILURE_LIMIT:
        return Uitkomst.GEBLOKKEERD, None

    is_app_code = code.isascii() and code.isdigit() and len(code) <= 8
    soort = TOTPDevice if is_app_code else StaticDevice
    token = code if is_app_code else _vingerafdruk(code)
    for apparaat in apparaten:
        if isinstance(apparaat, soort) and apparaat.verify_token(token):
            for ander in apparaten:
                ander.throttle_reset()
            return Uitkomst.GELUKT, apparaat

    if apparaten and not any(isinstance(a, soort) for a in apparaten):
        # Nothing counted a failure; count it on any device, so that guessing still locks out.
        apparaten[0].throttle_increment()
    if _mislukt_sinds_afkoelen(apparaten) >= settings.AXES_FAILURE_LIMIT:
        return Uitkomst.GEBLOKKEERD, None
    if is_app_code and any(isinstance(a, TOTPDevice) and _al_gebruikt(a, code) for a in apparaten):
        return Uitkomst.HERGEBRUIKT, None
    return Uitkomst.FOUT, None
