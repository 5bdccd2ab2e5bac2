"""Signing in through the inspectorate's identity provider with OpenID Connect (mozilla-django-oidc).

The authorization code flow with PKCE. The user is created or updated from the claims of the ID token on every
sign-in, and their role (a permission group) follows the roles claim through settings.OIDC_ROLLEN, so a role
withdrawn at the provider is withdrawn here at the next sign-in. A failed sign-in, for whatever reason, ends on a
Dutch page and in the log "samenwerking.toegang"; nobody is signed in by it.

Users created here have no usable password: they are not local accounts, and a local account is never taken
over by a provider's claim. A session signed in this way holds this backend in BACKEND_SESSION_KEY
(`aangemeld_via_oidc`), which is what the second factor for local accounts can exempt.
"""

import logging
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import auth
from django.contrib.auth.models import Group
from django.contrib.auth.views import LoginView
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from gesprekken.roles import VRAGENBANK_BEHEERDERS

from .rechten import RechtenBackend

logger = logging.getLogger("samenwerking.toegang")

BACKEND = "samenwerking.oidc.OidcBackend"


class GeenRol(Exception):
    """The provider vouched for the user, but none of their roles is one of this app's."""


class LokaalAccount(Exception):
    """The claimed username is that of a local account (one with a password), which no provider may take over."""


def aangemeld_via_oidc(request) -> bool:
    return request.session.get(auth.BACKEND_SESSION_KEY) == BACKEND


def _rollen(claims):
    waarde = claims.get(settings.OIDC_CLAIM_ROLLEN) or []
    waarden = [waarde] if isinstance(waarde, str) else waarde
    return {settings.OIDC_ROLLEN[w] for w in waarden if isinstance(w, str) and w in settings.OIDC_ROLLEN}


def gebruiker_bijwerken(*, user, claims):
    """Name, e-mail address and groups as the provider says; the account is saved even when it has no role left,
    so that a withdrawn role is gone here too, in sessions that are still open."""
    rollen = _rollen(claims)
    with transaction.atomic():
        user.first_name = str(claims.get("given_name") or claims.get("name") or "")[:150]
        user.last_name = str(claims.get("family_name") or "")[:150]
        user.email = str(claims.get("email") or "")[:254]
        user.is_staff = VRAGENBANK_BEHEERDERS in rollen
        user.save()
        user.groups.set(Group.objects.filter(name__in=rollen))
    if not rollen:
        raise GeenRol(user.username)
    return user


class OidcBackend(RechtenBackend, OIDCAuthenticationBackend):
    """Authenticates with the provider's code; reads a signed-in user with their permissions as RechtenBackend."""

    def get_payload_data(self, token, key):
        # mozilla-django-oidc checks only the signature (and, later, the nonce): the issuer and the audience must
        # be this provider and this app, the token must not have expired.
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.InvalidTokenError as fout:
            raise SuspiciousOperation(f"ID-token geweigerd: {fout}") from fout

    def get_userinfo(self, access_token, id_token, payload):
        # The claims of the ID token, just verified; the userinfo endpoint is not asked.
        return payload

    def verify_claims(self, claims):
        return bool(claims.get(settings.OIDC_CLAIM_GEBRUIKERSNAAM))

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=str(claims[settings.OIDC_CLAIM_GEBRUIKERSNAAM]))

    def create_user(self, claims):
        if not _rollen(claims):
            raise GeenRol(claims[settings.OIDC_CLAIM_GEBRUIKERSNAAM])
        user = self.UserModel(username=str(claims[settings.OIDC_CLAIM_GEBRUIKERSNAAM]))
        user.set_unusable_password()
        return gebruiker_bijwerken(user=user, claims=claims)

    def update_user(self, user, claims):
        if user.has_usable_password():
            raise LokaalAccount(user.username)
        return gebruiker_bijwerken(user=user, claims=claims)


def _aan():
    if not settings.OIDC_RP_CLIENT_ID:
        raise Http404("Inloggen via OpenID Connect staat uit.")


def _mislukt_loggen(request, reden):
    ip = request.META.get("REMOTE_ADDR", "")
    tijd = timezone.now().isoformat(timespec="seconds")
    logger.warning(
        "inloggen mislukt via oidc ip=%s reden=%s",
        ip or "-",
        reden,
        extra={"actor": "", "actie": "inloggen", "resultaat": "mislukt", "tijd": tijd, "ip": ip, "reden": reden},
    )


class AanmeldenView(OIDCAuthenticationRequestView):
    """OIDC_AUTHENTICATE_CLASS: sends the browser to the provider."""

    def get(self, request):
        _aan()
        return super().get(request)


class TerugkeerView(OIDCAuthenticationCallbackView):
    """OIDC_CALLBACK_CLASS: where the provider sends the browser back, with a code or an error."""

    def get(self, request):
        _aan()
        try:
            return super().get(request)
        except GeenRol as fout:
            return self._geweigerd(f"geen rol voor {str(fout)!r}", "oidc_geen_rol")
        except LokaalAccount as fout:
            return self._geweigerd(f"{str(fout)!r} is een lokaal account")
        except SuspiciousOperation as fout:
            return self._geweigerd(str(fout))
        except requests.RequestException as fout:
            # Only the status: the provider's answer is not for the log.
            status = fout.response.status_code if fout.response is not None else "geen antwoord"
            return self._geweigerd(f"provider: {type(fout).__name__} ({status})")
        except jwt.PyJWTError as fout:
            return self._geweigerd(f"ID-token onleesbaar: {type(fout).__name__}")

    def login_failure(self):
        fout = self.request.GET.get("error")
        return self._geweigerd(f"provider meldt {fout!r}" if fout else "geen code, state of gebruiker")

    def _geweigerd(self, reden, pagina="oidc_mislukt"):
        _mislukt_loggen(self.request, reden)
        if self.request.user.is_authenticated:
            auth.logout(self.request)
        return redirect(pagina)


def uitloggen_bij_provider(request):
    """OIDC_OP_LOGOUT_URL_METHOD: where the browser goes on logging out. To the provider's end_session_endpoint
    when the user signed in there and it has one, which sends them back to the login page."""
    terug = resolve_url(settings.LOGOUT_REDIRECT_URL)
    id_token = request.session.get("oidc_id_token")
    if not (settings.OIDC_OP_LOGOUT_ENDPOINT and id_token and aangemeld_via_oidc(request)):
        return terug
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(terug),
        }
    )
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{query}"


class InloggenView(LoginView):
    """The login page: the provider's button when OpenID Connect is on, the form when local login is."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            oidc_naam=settings.OIDC_NAAM if settings.OIDC_RP_CLIENT_ID else None,
            lokaal_inloggen=settings.LOKAAL_INLOGGEN,
            **kwargs,
        )
