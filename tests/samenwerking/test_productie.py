"""Production mode: the settings with DEBUG off, `check --deploy`, and gunicorn serving the app (`make serve`)."""

import contextlib
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from base64 import b32decode
from pathlib import Path

import pytest
from django.conf import global_settings
from django_otp.oath import totp

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
# Long and random enough for check --deploy (security.W009); for tests only.
SLEUTEL = "test-" + "k9Qz3vX7pL2mN8rT4wY6bH1cJ5dF0gS" * 2


def _omgeving(**env):
    """The production environment: DEBUG off, https only; nothing of the test run's own settings."""
    weg = ("DEBUG", "SECRET_KEY", "DATABASE_URL", "CONN_MAX_AGE", "SESSION_COOKIE_AGE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    omgeving = {k: v for k, v in os.environ.items() if k not in weg and not k.startswith(("SECURE_", "GUNICORN_"))}
    omgeving.update({"SECRET_KEY": SLEUTEL, "ALLOWED_HOSTS": "samenwerking.example.nl", **env})
    return omgeving


def _instellingen(**env):
    """Some settings as Django reads them from this environment, in a fresh process."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); d = settings.DATABASES['default'];"
        "print(json.dumps({n: getattr(settings, n) for n in ('SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS',"
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
        "'SESSION_COOKIE_HTTPONLY', 'SECURE_PROXY_SSL_HEADER', 'X_FRAME_OPTIONS', 'SECURE_REFERRER_POLICY',"
        "'SESSION_COOKIE_AGE', 'PASSWORD_HASHERS', 'TWEEDE_FACTOR_VERPLICHT', 'TWEEDE_FACTOR_VRIJGESTELD')}"
        "| {'CONN_MAX_AGE': d['CONN_MAX_AGE'],"
        "'CONN_HEALTH_CHECKS': d['CONN_HEALTH_CHECKS']}))"
    )
    resultaat = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**_omgeving(**env), "DJANGO_SETTINGS_MODULE": "samenwerking.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resultaat.returncode == 0, resultaat.stderr
    return json.loads(resultaat.stdout)


def test_check_deploy_finds_nothing_under_the_production_settings():
    resultaat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=_omgeving(DATABASE_URL="postgres://samenwerking@127.0.0.1:5432/samenwerking"),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr
    assert "System check identified no issues (0 silenced)." in resultaat.stdout


def test_production_is_https_only_with_hsts_and_strict_headers():
    instellingen = _instellingen()

    assert instellingen["SECURE_SSL_REDIRECT"] is True
    assert instellingen["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert instellingen["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and instellingen["SECURE_HSTS_PRELOAD"]
    assert instellingen["SESSION_COOKIE_SECURE"] and instellingen["CSRF_COOKIE_SECURE"]
    assert instellingen["SESSION_COOKIE_HTTPONLY"]
    assert instellingen["X_FRAME_OPTIONS"] == "DENY"
    assert instellingen["SECURE_REFERRER_POLICY"] == "same-origin"
    assert instellingen["SECURE_PROXY_SSL_HEADER"] is None


def test_production_hashes_passwords_with_djangos_own_hashers():
    # The test suite hashes with MD5 (tests/conftest.py); a process of its own reads settings.py alone.
    assert _instellingen()["PASSWORD_HASHERS"] == global_settings.PASSWORD_HASHERS


def test_behind_a_proxy_the_https_header_and_the_redirect_are_configurable():
    instellingen = _instellingen(SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https", SECURE_SSL_REDIRECT="false")

    assert instellingen["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert instellingen["SECURE_SSL_REDIRECT"] is False


def test_a_bad_proxy_header_is_refused_loudly():
    with pytest.raises(AssertionError, match="SECURE_PROXY_SSL_HEADER moet de vorm"):
        _instellingen(SECURE_PROXY_SSL_HEADER="https")


def test_over_plain_http_secure_cookies_off_also_turns_the_redirect_off():
    instellingen = _instellingen(SECURE_COOKIES="false")

    assert instellingen["SECURE_SSL_REDIRECT"] is False
    assert instellingen["SESSION_COOKIE_SECURE"] is False


def test_postgresql_connections_are_kept_a_minute_and_checked_before_use():
    postgres = _instellingen(DATABASE_URL="postgres://u@127.0.0.1:5432/db")
    assert (postgres["CONN_MAX_AGE"], postgres["CONN_HEALTH_CHECKS"]) == (60, True)
    assert _instellingen(DATABASE_URL="postgres://u@127.0.0.1:5432/db", CONN_MAX_AGE="0")["CONN_MAX_AGE"] == 0
    assert _instellingen(DATABASE_URL="sqlite:////tmp/x.sqlite3")["CONN_MAX_AGE"] == 0


def test_production_requires_the_second_factor_of_every_local_account():
    instellingen = _instellingen()

    assert instellingen["TWEEDE_FACTOR_VERPLICHT"] is True
    assert instellingen["TWEEDE_FACTOR_VRIJGESTELD"] == []


@pytest.mark.parametrize(
    "env, melding",
    [
        ({"TWEEDE_FACTOR_VERPLICHT": "false"}, "TWEEDE_FACTOR_VERPLICHT kan alleen uit wanneer DEBUG aan staat"),
        (
            {"TWEEDE_FACTOR_VRIJGESTELD": "inspecteur1"},
            "TWEEDE_FACTOR_VRIJGESTELD geldt alleen wanneer DEBUG aan staat",
        ),
    ],
)
def test_the_second_factor_cannot_be_turned_off_or_skipped_without_debug(env, melding):
    with pytest.raises(AssertionError, match=melding):
        _instellingen(**env)


def test_with_debug_on_the_demo_accounts_skip_the_second_factor():
    instellingen = _instellingen(DEBUG="true")

    assert instellingen["TWEEDE_FACTOR_VERPLICHT"] is True
    assert instellingen["TWEEDE_FACTOR_VRIJGESTELD"] == ["inspecteur1", "inspecteur2", "beheerder", "coordinator"]


def test_the_session_lifetime_comes_from_the_environment():
    assert _instellingen()["SESSION_COOKIE_AGE"] == 8 * 60 * 60
    assert _instellingen(SESSION_COOKIE_AGE="900")["SESSION_COOKIE_AGE"] == 900


def _vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ophalen(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as antwoord:
            return antwoord.status, dict(antwoord.headers), antwoord.read()
    except urllib.error.HTTPError as fout:
        return fout.code, dict(fout.headers), fout.read()


def _productie_op_http(tmp_path):
    """The production environment over plain http on localhost, with a database of its own."""
    return _omgeving(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        ALLOWED_HOSTS="127.0.0.1",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="2",
    )


def _beheren(omgeving, *opdracht, **env):
    """manage.py in that environment."""
    resultaat = subprocess.run(
        [sys.executable, "manage.py", *opdracht],
        cwd=ROOT,
        env={**omgeving, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resultaat.returncode == 0, resultaat.stderr


@contextlib.contextmanager
def _gunicorn(omgeving, log):
    """gunicorn with the production config on a free port; yields its address once it answers."""
    poort = _vrije_poort()
    basis = f"http://127.0.0.1:{poort}"
    with open(log, "wb") as uitvoer:
        server = subprocess.Popen(
            [GUNICORN, "samenwerking.wsgi", "-c", "samenwerking/gunicorn.conf.py", "--bind", f"127.0.0.1:{poort}"],
            cwd=ROOT,
            env=omgeving,
            stdout=uitvoer,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        tot = time.monotonic() + 60
        while True:
            try:
                _ophalen(f"{basis}/inloggen/")
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < tot, "gunicorn did not answer within a minute:\n" + log.read_text()
                time.sleep(0.3)
        yield basis
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def test_gunicorn_with_the_production_config_serves_the_login_page_and_static_files(tmp_path):
    omgeving = _productie_op_http(tmp_path)
    _beheren(omgeving, "migrate", "--no-input", "--verbosity", "0")
    log = tmp_path / "gunicorn.log"
    with _gunicorn(omgeving, log) as basis:
        status, headers, inhoud = _ophalen(f"{basis}/inloggen/?next=/zoek-geheim/")

        pagina = inhoud.decode()
        assert status == 200
        assert "Inloggen" in pagina and "Gebruikersnaam" in pagina
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"

        css = re.search(r'href="(/static/css/samenwerking\.[0-9a-f]{12}\.css)"', pagina).group(1)
        status, headers, inhoud = _ophalen(basis + css)
        assert status == 200 and b".opslagstatus" in inhoud
        assert "immutable" in headers["Cache-Control"]

    toegang = log.read_text()
    assert '"GET /inloggen/ HTTP/1.1" 200' in toegang
    assert "zoek-geheim" not in toegang  # the access log leaves query strings out


class _NietDoorsturen(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _Sessie:
    """A browser's cookies and CSRF token over urllib; redirects are returned, not followed."""

    def __init__(self, basis):
        self.basis = basis
        self.koekjes = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.koekjes), _NietDoorsturen)

    def vraag(self, pad, velden=None):
        """(status, Location, page) for a GET, or for a POST of `velden`."""
        data = None
        if velden is not None:
            token = next(k.value for k in self.koekjes if k.name == "csrftoken")
            data = urllib.parse.urlencode({**velden, "csrfmiddlewaretoken": token}).encode()
        try:
            with self.opener.open(self.basis + pad, data, timeout=10) as antwoord:
                return antwoord.status, antwoord.headers.get("Location", ""), antwoord.read().decode()
        except urllib.error.HTTPError as fout:
            return fout.code, fout.headers.get("Location", ""), fout.read().decode()


def test_in_production_a_password_alone_opens_no_page_until_the_app_gives_a_code(tmp_path):
    omgeving = _productie_op_http(tmp_path)
    wachtwoord = "een-lang-productiewachtwoord"
    _beheren(omgeving, "migrate", "--no-input", "--verbosity", "0")
    _beheren(
        omgeving,
        *("createsuperuser", "--no-input", "--username", "beheer", "--email", "beheer@example.nl"),
        DJANGO_SUPERUSER_PASSWORD=wachtwoord,
    )
    with _gunicorn(omgeving, tmp_path / "gunicorn.log") as basis:
        sessie = _Sessie(basis)
        sessie.vraag("/inloggen/")
        assert sessie.vraag("/inloggen/", {"username": "beheer", "password": wachtwoord})[0] == 302

        instellen = "/inloggen/tweede-factor/instellen/"
        for pad in ("/", "/gesprekken/", "/handreiking/", "/admin/", "/admin/auth/user/"):
            status, naar, _ = sessie.vraag(pad)
            assert (status, naar.split("?")[0]) == (302, instellen), pad

        _, _, pagina = sessie.vraag(instellen)
        sleutel = b32decode(re.search(r'id="geheim">([A-Z2-7 ]+)<', pagina).group(1).replace(" ", ""))
        status, _, pagina = sessie.vraag(instellen, {"code": f"{totp(sleutel):06d}"})
        assert status == 200 and "Uw herstelcodes" in pagina

        assert sessie.vraag("/admin/")[0] == 200
        assert sessie.vraag("/admin/auth/user/")[0] == 200
        assert sessie.vraag("/gesprekken/")[0] == 200


def test_make_serve_runs_the_serve_script_which_is_valid_bash():
    droog = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    syntaxis = subprocess.run(["bash", "-n", "scripts/serve.sh"], cwd=ROOT, capture_output=True, text=True)

    assert "bash scripts/serve.sh" in droog.stdout, droog.stderr
    assert syntaxis.returncode == 0, syntaxis.stderr
