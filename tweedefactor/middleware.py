from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from .apparaten import authenticator, moet_verifieren

# What a local account reaches with its password alone: logging in and out, the second factor itself, and the
# pages anyone may see.
VRIJ = {
    "login",
    "logout",
    "admin:login",
    "admin:logout",
    "tweede_factor:instellen",
    "tweede_factor:verifieren",
    "toegankelijkheid",
    "gezondheid",
    # Signing in through the identity provider replaces the local account of the session.
    "oidc_authentication_init",
    "oidc_authentication_callback",
}


class TweedeFactorMiddleware:
    """Sends a local account that has only given its password to its second factor, from every page of the app
    and of admin. After django_otp's OTPMiddleware, which tells whether the session has one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.view_name in VRIJ or not moet_verifieren(request):
            return None
        stap = "tweede_factor:verifieren" if authenticator(request.user) else "tweede_factor:instellen"
        return redirect_to_login(request.get_full_path(), reverse(stap))
