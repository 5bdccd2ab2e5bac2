"""Starts the test provider in a process of its own and stops it again (see tests/oidc_provider/__main__.py)."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]


def vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rsa_sleutel():
    sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return sleutel.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@dataclass
class Provider:
    url: str
    proces: subprocess.Popen
    log: Path

    @property
    def issuer(self):
        return f"{self.url}/o"

    def discovery(self):
        return requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=10).json()

    def instellingen(self, client_id, client_secret):
        """The app's settings for this provider, read from its discovery document as an administrator would."""
        d = self.discovery()
        return {
            "OIDC_RP_CLIENT_ID": client_id,
            "OIDC_RP_CLIENT_SECRET": client_secret,
            "OIDC_NAAM": "Test-provider",
            "OIDC_OP_ISSUER": d["issuer"],
            "OIDC_OP_AUTHORIZATION_ENDPOINT": d["authorization_endpoint"],
            "OIDC_OP_TOKEN_ENDPOINT": d["token_endpoint"],
            "OIDC_OP_JWKS_ENDPOINT": d["jwks_uri"],
            "OIDC_OP_LOGOUT_ENDPOINT": d["end_session_endpoint"],
        }

    def stoppen(self):
        os.killpg(self.proces.pid, signal.SIGTERM)
        try:
            self.proces.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proces.pid, signal.SIGKILL)
            self.proces.wait(timeout=10)


def starten(map: Path, *, gebruikers, clients) -> Provider:
    """A provider with a new RSA key, these users ({gebruikersnaam, wachtwoord, groepen, …}) and these clients
    ({client_id, client_secret, redirect_uris, post_logout_redirect_uris})."""
    poort = vrije_poort()
    url = f"http://127.0.0.1:{poort}"
    config = map / "provider.json"
    config.write_text(
        json.dumps(
            {
                "poort": poort,
                "issuer": f"{url}/o",
                "database": str(map / "provider.sqlite3"),
                "sleutel": rsa_sleutel(),
                "gebruikers": gebruikers,
                "clients": clients,
            }
        )
    )
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "OIDC_", "SECRET_"))}
    log = map / "provider.log"
    with open(log, "wb") as uitvoer:
        proces = subprocess.Popen(
            [sys.executable, "-m", "tests.oidc_provider"],
            cwd=ROOT,
            env={**omgeving, "OIDC_PROVIDER_CONFIG": str(config)},
            stdout=uitvoer,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    provider = Provider(url, proces, log)
    tot = time.monotonic() + 60
    while True:
        try:
            provider.discovery()
            return provider
        except requests.RequestException:
            if proces.poll() is None and time.monotonic() < tot:
                time.sleep(0.2)
                continue
            if proces.poll() is None:
                provider.stoppen()
            raise RuntimeError("De test-provider startte niet:\n" + log.read_text()) from None
