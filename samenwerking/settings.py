"""Settings for Samenwerkingsgesprek, read from environment variables.

SQLite is the default; set DATABASE_URL for PostgreSQL. DEBUG is off unless set, and then SECRET_KEY is
required. With DEBUG off the settings are those of production: https only (cookies, redirect, HSTS), unless
SECURE_COOKIES=false says the app runs over plain http (tests, a trial on localhost).
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

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
    "elementen",
    "gesprekken",
    # Last, so that its login log runs after axes has marked a locked-out attempt.
    "samenwerking",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

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
    }
}

# A request body above this size gets the Dutch 413 page (samenwerking.views.verzoek_ongeldig).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_500_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"standaard": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "standaard"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Logins, failures and logouts (samenwerking/aanmeldlog.py), whatever LOG_LEVEL says.
        "samenwerking.toegang": {"level": "INFO"},
        # Axes repeats every login at INFO; its lock-outs come at WARNING. WeasyPrint and fontTools narrate
        # every rendering step at INFO.
        **{name: {"level": "WARNING"} for name in ("axes", "weasyprint", "weasyprint.progress", "fontTools")},
    },
}
