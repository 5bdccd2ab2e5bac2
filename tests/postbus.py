"""A real SMTP server on 127.0.0.1 (aiosmtpd), started by the test, that keeps what it receives.

`postbus` points Django's mail at it; `postbus.berichten` holds the messages as email.message.Message objects,
in the order they arrived.
"""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller


def vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postbus:
    def __init__(self):
        self.berichten = []

    async def handle_DATA(self, server, session, envelope):
        bericht = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        bericht.ontvangers = list(envelope.rcpt_tos)
        self.berichten.append(bericht)
        return "250 OK"

    def aan(self, adres):
        return [b for b in self.berichten if adres in b.ontvangers]


@pytest.fixture
def postbus(settings):
    bus = Postbus()
    controller = Controller(bus, hostname="127.0.0.1", port=vrije_poort())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        yield bus
    finally:
        controller.stop()


def tekst_van(bericht):
    """The plain-text body of a received message."""
    return bericht.get_body(preferencelist=("plain",)).get_content()
