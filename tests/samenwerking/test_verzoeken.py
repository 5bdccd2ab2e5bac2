"""The client's address behind a trusted proxy, and the request id (samenwerking/verzoeken.py)."""

import ipaddress
import os
import subprocess
import sys
from pathlib import Path

import pytest

from samenwerking.verzoeken import echt_adres

ROOT = Path(__file__).resolve().parents[2]
PROXY = [ipaddress.ip_network("10.0.0.0/24"), ipaddress.ip_network("127.0.0.1")]


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "verwacht"),
    [
        ("10.0.0.5", "198.51.100.7", "198.51.100.7"),
        # A client's own X-Forwarded-For comes first; the proxy appends the address it saw.
        ("10.0.0.5", "203.0.113.9, 198.51.100.7", "198.51.100.7"),
        ("127.0.0.1", "198.51.100.7, 10.0.0.8", "198.51.100.7"),
        ("10.0.0.5", "2001:db8::1", "2001:db8::1"),
        # Not from a trusted proxy: the header is the client's own claim.
        ("198.51.100.7", "203.0.113.9", "198.51.100.7"),
        ("10.0.1.5", "203.0.113.9", "10.0.1.5"),
        # Garbled or empty: the proxy's own address, never the garbage.
        ("10.0.0.5", "198.51.100.7, niet-een-adres", "10.0.0.5"),
        ("10.0.0.5", "", "10.0.0.5"),
        ("10.0.0.5", "10.0.0.6", "10.0.0.5"),
    ],
)
def test_the_address_behind_a_trusted_proxy_is_the_last_one_it_did_not_add_itself(
    remote_addr, forwarded_for, verwacht
):
    assert echt_adres({"REMOTE_ADDR": remote_addr, "HTTP_X_FORWARDED_FOR": forwarded_for}, PROXY) == verwacht


def test_without_trusted_proxies_the_header_is_ignored():
    assert echt_adres({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}, []) == "127.0.0.1"


def test_the_request_id_comes_back_on_every_response(client):
    assert len(client.get("/bestaat-niet/")["X-Request-ID"]) == 32


@pytest.mark.parametrize(
    ("naam", "waarde", "melding"),
    [
        ("VERTROUWDE_PROXIES", "10.0.0.1,nginx", "VERTROUWDE_PROXIES moet adressen of netwerken bevatten"),
        ("LOG_FORMAT", "xml", "LOG_FORMAT moet text of json zijn"),
    ],
)
def test_a_bad_proxy_list_or_log_format_is_refused_loudly(naam, waarde, melding):
    uit = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "samenwerking.settings", naam: waarde},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert uit.returncode != 0 and melding in uit.stderr
