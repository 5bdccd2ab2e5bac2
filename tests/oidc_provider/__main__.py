"""Migrates a fresh database, adds the configured users and clients, and serves the provider until stopped."""

import os

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402

from tests.oidc_provider.settings import CONFIG  # noqa: E402

call_command("migrate", verbosity=0)
for gegevens in CONFIG["gebruikers"]:
    user = User.objects.create_user(
        gegevens["gebruikersnaam"],
        password=gegevens["wachtwoord"],
        email=gegevens.get("email", ""),
        first_name=gegevens.get("voornaam", ""),
        last_name=gegevens.get("achternaam", ""),
    )
    user.groups.set([Group.objects.get_or_create(name=naam)[0] for naam in gegevens["groepen"]])
for client in CONFIG["clients"]:
    Application.objects.create(
        name=client["client_id"],
        client_id=client["client_id"],
        client_secret=client["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(client["redirect_uris"]),
        post_logout_redirect_uris=" ".join(client["post_logout_redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
call_command("runserver", f"127.0.0.1:{CONFIG['poort']}", "--noreload", "--skip-checks")
