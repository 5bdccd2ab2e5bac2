"""Settings for Samenwerkingsgesprek, read from environment variables.

SQLite is the default; set DATABASE_URL for PostgreSQL. DEBUG is off unless set, and then SECRET_KEY is
required. With DEBUG off the settings are those of production: https only (cookies, redirect, HSTS), unless
SECURE_COOKIES=false says the app runs over plain http (tests, a trial on localhost).
"""

import datetime
import ipaddress
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from gesprekken.roles import COORDINATOREN, INSPECTEURS, VRAGENBANK_BEHEERDERS

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on", "ja"):
        return True
    if value.lower() in ("0", "false", "no", "off", "nee"):
        return False
    raise ImproperlyConfigured(f"{name} moet true of false zijn, niet {value!r}")


def env_list(name, default):
    value = os.environ.get(name)
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} moet een heel getal zijn, niet {value!r}") from None


def env_proxy_header(name):
    """`X-Forwarded-Proto: https` as Django wants it: ("HTTP_X_FORWARDED_PROTO", "https"); None when unset."""
    value = os.environ.get(name)
    if not value:
        return None
    header, scheiding, waarde = value.partition(":")
    if not scheiding or not header.strip() or not waarde.strip():
        raise ImproperlyConfigured(f"{name} moet de vorm 'X-Forwarded-Proto: https' hebben, niet {value!r}")
    return "HTTP_" + header.strip().upper().replace("-", "_"), waarde.strip()


def env_netwerken(name):
    """A list of addresses or networks (10.0.0.5, 10.0.0.0/24), each checked; empty when unset."""
    netwerken = env_list(name, [])
    for netwerk in netwerken:
        try:
            ipaddress.ip_network(netwerk, strict=False)
        except ValueError:
            raise ImproperlyConfigured(f"{name} moet adressen of netwerken bevatten, niet {netwerk!r}") from None
    return netwerken


DEBUG = env_bool("DEBUG", default=False)
if not DEBUG and not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY is verplicht wanneer DEBUG uit staat")
SECRET_KEY = os.environ.get("SECRET_KEY", "alleen-voor-ontwikkeling-niet-geheim")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "tweedefactor",
    "elementen",
    "gesprekken",
    "deelname",
    # Last, so that its login log runs after axes has marked a locked-out attempt.
    "samenwerking",
]

MIDDLEWARE = [
    # First: the request id and the client's real address (VERTROUWDE_PROXIES) for everything after it.
    "samenwerking.verzoeken.verzoek_middleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tweedefactor.middleware.TweedeFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Inside the middleware that adds the security headers, so its Dutch 405 page gets them too.
    "samenwerking.middleware.methode_niet_toegestaan",
    # Last: turns a locked-out login attempt into the Dutch lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samenwerking.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gesprekken.context_processors.rollen",
            ],
        },
    },
]

WSGI_APPLICATION = "samenwerking.wsgi.application"

# PostgreSQL keeps its connections open for a minute: opening one costs more than most requests here.
_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://", "pgsql://"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60 if _POSTGRES else 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A transaction takes the write lock when it begins, so two that read and then write wait for each other;
    # begun as readers, one of them failed with "database is locked" (a server error) instead.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
if _POSTGRES:
    # JIT compiling took longer than the overview's queries themselves (0.1-0.3 s each; BENCHMARKS.md), and the
    # short queries of the other pages never profit from it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local to each gunicorn worker. What is cached is keyed on the state of the data it came from, read from the
# database on every request (elementen/cache.py, gesprekken/overzicht/cache.py), so no worker serves stale
# figures and nothing needs to be told that something changed. The overview's HTML at 10,000 gesprekken is
# 0.4 MB: at most 100 entries keep a worker's cache under 50 MB.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 100},
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "samenwerking.wachtwoorden.MinimumLengteValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Axes first: it refuses a locked-out username+IP before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "samenwerking.rechten.RechtenBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# Per username and IP together: a colleague behind the same office IP is not locked out with a guesser.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "samenwerking.views.geblokkeerd"
# The address the logs show, not axes' own guess from the headers (django-ipware, when installed).
AXES_CLIENT_IP_CALLABLE = "samenwerking.verzoeken.client_adres"

# A second factor (tweedefactor/) for every local account: required unless DEBUG is on and it is turned off.
# The demo accounts of `make run` (manage.py demodata) skip it, only while DEBUG is on.
TWEEDE_FACTOR_VERPLICHT = env_bool("TWEEDE_FACTOR_VERPLICHT", default=True)
TWEEDE_FACTOR_VRIJGESTELD = env_list(
    "TWEEDE_FACTOR_VRIJGESTELD", ["inspecteur1", "inspecteur2", "beheerder", "coordinator"] if DEBUG else []
)
if not DEBUG and not TWEEDE_FACTOR_VERPLICHT:
    raise ImproperlyConfigured("TWEEDE_FACTOR_VERPLICHT kan alleen uit wanneer DEBUG aan staat")
if not DEBUG and TWEEDE_FACTOR_VRIJGESTELD:
    raise ImproperlyConfigured("TWEEDE_FACTOR_VRIJGESTELD geldt alleen wanneer DEBUG aan staat")
OTP_TOTP_ISSUER = "Samenwerkingsgesprek"
# Off: wrong codes lock out after AXES_FAILURE_LIMIT for AXES_COOLOFF_TIME, as wrong passwords do
# (tweedefactor/apparaten.py), instead of django-otp's wait that doubles after every wrong code.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

# Aanmelden via OpenID Connect (samenwerking/oidc.py): the authorization code flow with PKCE, on when
# OIDC_RP_CLIENT_ID is set. The endpoints are those of the provider's /.well-known/openid-configuration.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_NAAM = os.environ.get("OIDC_NAAM", "de identity provider")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
# end_session_endpoint: when set, logging out here also ends the session at the provider.
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")
# Unused (the claims come from the ID token), but mozilla-django-oidc requires the setting.
OIDC_OP_USER_ENDPOINT = ""
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
OIDC_AUTHENTICATE_CLASS = "samenwerking.oidc.AanmeldenView"
OIDC_CALLBACK_CLASS = "samenwerking.oidc.TerugkeerView"
OIDC_OP_LOGOUT_URL_METHOD = "samenwerking.oidc.uitloggen_bij_provider"
OIDC_CLAIM_GEBRUIKERSNAAM = os.environ.get("OIDC_CLAIM_GEBRUIKERSNAAM", "sub")
OIDC_CLAIM_ROLLEN = os.environ.get("OIDC_CLAIM_ROLLEN", "groups")
# {value in the roles claim: the app's group}.
OIDC_ROLLEN = {
    **{waarde: INSPECTEURS for waarde in env_list("OIDC_ROL_INSPECTEUR", ["inspecteur"])},
    **{
        waarde: VRAGENBANK_BEHEERDERS for waarde in env_list("OIDC_ROL_VRAGENBANK_BEHEERDER", ["vragenbank-beheerder"])
    },
    **{waarde: COORDINATOREN for waarde in env_list("OIDC_ROL_COORDINATOR", ["coordinator"])},
}
# Username and password beside the provider's button; off, only the provider signs anyone in (admin too).
LOKAAL_INLOGGEN = env_bool("LOKAAL_INLOGGEN", default=True)
if OIDC_RP_CLIENT_ID:
    _ontbrekend = [
        naam
        for naam in (
            "OIDC_OP_ISSUER",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        )
        if not os.environ.get(naam)
    ]
    if _ontbrekend:
        raise ImproperlyConfigured(f"Zet ook {', '.join(_ontbrekend)}: verplicht wanneer OIDC_RP_CLIENT_ID is gezet")
    INSTALLED_APPS.append("mozilla_django_oidc")
    # The OIDC backend reads the user with their permissions as RechtenBackend does; without local login the
    # RechtenBackend goes, so that no password signs anyone in.
    AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        *(["samenwerking.rechten.RechtenBackend"] if LOKAAL_INLOGGEN else []),
        "samenwerking.oidc.OidcBackend",
    ]
elif not LOKAAL_INLOGGEN:
    raise ImproperlyConfigured("LOKAAL_INLOGGEN=false kan alleen met OIDC_RP_CLIENT_ID: anders kan niemand inloggen")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The session ends after SESSION_COOKIE_AGE seconds without a request, and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# CSRF_COOKIE_HTTPONLY stays off: static/js/autosave.js reads the token from the cookie.
CSRF_FAILURE_VIEW = "samenwerking.views.csrf_mislukt"

# Served over https only, unless SECURE_COOKIES=false says this instance runs over plain http.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=SESSION_COOKIE_SECURE)
# Behind a proxy that ends TLS, e.g. SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https". Only set it when the
# proxy always sets or strips that header, or anyone can claim https.
SECURE_PROXY_SSL_HEADER = env_proxy_header("SECURE_PROXY_SSL_HEADER")
# The proxies (addresses or networks) whose X-Forwarded-For names the client; from anyone else it is ignored.
VERTROUWDE_PROXIES = env_netwerken("VERTROUWDE_PROXIES")
# A load balancer probes each node over plain http.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere: templates use classes from static/css and scripts from static/js.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws its icons (menu button, checkboxes) as data: SVGs in its CSS.
        "img-src": [SELF, "data:"],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        # The service worker (samenwerking/offline.py) keeps gesprekken for use without a connection.
        "worker-src": [SELF],
    }
}
if OIDC_RP_CLIENT_ID and OIDC_OP_LOGOUT_ENDPOINT:
    # Logging out answers the form with a redirect to the provider, and form-action governs redirects too.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(OIDC_OP_LOGOUT_ENDPOINT)

# A request body above this size gets the Dutch 413 page (samenwerking.views.verzoek_ongeldig).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_500_000

# LOG_FORMAT=json writes every line as one JSON object (samenwerking/logregels.py), for a log platform.
LOG_FORMAT = os.environ.get("LOG_FORMAT") or "text"
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT moet text of json zijn, niet {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
        "json": {"()": "samenwerking.logregels.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Logins, failures and logouts (samenwerking/aanmeldlog.py), whatever LOG_LEVEL says.
        "samenwerking.toegang": {"level": "INFO"},
        # Axes repeats every login at INFO; its lock-outs come at WARNING. WeasyPrint and fontTools narrate
        # every rendering step at INFO.
        **{name: {"level": "WARNING"} for name in ("axes", "weasyprint", "weasyprint.progress", "fontTools")},
    },
}

# Mail (invitations to the organisation, overdue afspraken): an SMTP server from EMAIL_HOST; without it the
# messages are written to the console, as with `make run`.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Samenwerkingsgesprek <noreply@localhost>")
# The address links in mail start with, e.g. https://samenwerking.inspectie.nl (no slash at the end).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The organisation's link (deelname/): days until it expires, and wrong links per address per ten minutes.
DEELNAME_GELDIGHEID_DAGEN = env_int("DEELNAME_GELDIGHEID_DAGEN", 14)
DEELNAME_MAX_POGINGEN = env_int("DEELNAME_MAX_POGINGEN", 10)
