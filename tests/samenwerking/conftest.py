import datetime

import pytest
from axes.models import AccessFailureLog
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelname import services as deelname_services
from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Gebeurtenis
from tests import factories, instrumentgids


@pytest.fixture
def zonder_pdf_opmaak(monkeypatch):
    """PDFs without WeasyPrint's layout, which takes seconds each: for tests about who gets one, not its content."""
    monkeypatch.setattr("weasyprint.HTML.write_pdf", lambda self, *args, **kwargs: b"%PDF-1.7 zonder opmaak")


@pytest.fixture
def objecten(vragenbank, gesprek, eigenaar, co_inspecteur, buitenstaander, beheerder, coordinator):
    """Something for every parameter of every URL (tests/samenwerking/adressen.py), and a user per role."""
    element = gesprek.elementen.filter(is_kernelement=True).first()
    # A row for every model in admin, here those of axes: a failed login and a login.
    inloggen = Client()
    inloggen.post(reverse("login"), {"username": "buitenstaander", "password": "niet-het-wachtwoord"})
    inloggen.post(reverse("login"), {"username": "coord", "password": factories.WACHTWOORD})
    AccessFailureLog.objects.create(username="coord", ip_address="127.0.0.1", user_agent="", http_accept="")
    # And of the second factor's devices.
    TOTPDevice.objects.create(user=buitenstaander, name="Authenticator-app")
    StaticDevice.objects.create(user=buitenstaander, name="Herstelcodes")
    gids = instrumentgids.maak(elementen=[element.bron])
    instrument = services.instrument_toevoegen(gesprek=gesprek, wie=Wie(eigenaar), instrument=gids["Halen en brengen"])
    # One historical version of every bank row an admin page shows (loading a fixture writes no history).
    for model in admin.site._registry:
        eerste = model._default_manager.order_by("pk").first() if hasattr(model, "history") else None
        if eerste is not None:
            eerste.save()
    # An earlier version of the note: a colleague wrote on after the owner.
    aantekening = gesprek.aantekeningen.filter(criterium__isnull=False).order_by("pk").first()
    for versie, door in enumerate([eigenaar, co_inspecteur]):
        services.aantekening_opslaan(
            aantekening=aantekening, tekst=f"tekst {versie}", observatie="", versie=versie, wie=Wie(door)
        )
    Gebeurtenis.objects.create(gebruikersnaam=eigenaar.username, actie=Gebeurtenis.Actie.BEKEKEN, gesprek=gesprek)
    # An invitation of the organisation with one answer (deelname/).
    uitnodiging = deelname_services.uitnodigen(
        gesprek=gesprek, wie=Wie(eigenaar), naam="Contact", email="contact@example.nl", rol="", per_mail=False
    ).uitnodiging
    [antwoord] = deelname_services.antwoorden_klaarzetten(
        uitnodiging=uitnodiging, vragen=[gesprek.vragen.filter(opgenomen=True).first()], velden=[]
    )
    # A concept of the report, sent to the organisation to check, with its remarks handed in (issue 18).
    rapportversie = services.concept_maken(gesprek=gesprek, wie=Wie(eigenaar))
    verificatie = deelname_services.uitnodigen(
        gesprek=gesprek,
        wie=Wie(eigenaar),
        naam="Contact",
        email="contact@example.nl",
        rol="",
        per_mail=False,
        versie=rapportversie,
    ).uitnodiging
    opmerking = deelname_services.opmerkingen_klaarzetten(uitnodiging=verificatie)[0]
    deelname_services.indienen(uitnodiging=verificatie, wie=Wie())
    # An afspraak, on the agenda for a terugblik (issue 19).
    afspraak = gesprek.afspraken.create(wat="Evaluatie plannen", wie="Bestuurder", wanneer=datetime.date(2027, 1, 4))
    [terugblik] = services.terugblik_agenderen(gesprek=gesprek, wie=Wie(eigenaar), afspraken=[afspraak])
    return {
        "gesprek": gesprek,
        "afspraak": afspraak,
        "terugblik": terugblik,
        "eigen_vraag": services.eigen_vraag_toevoegen(
            gesprek=gesprek, wie=Wie(eigenaar), element=element, tekst="Hoe gaat het?"
        ),
        "aantekening": aantekening,
        "versie": aantekening.versies.get(),
        "instrument": instrument,
        "uitnodiging": uitnodiging,
        "antwoord": antwoord,
        "rapportversie": rapportversie,
        "opmerking": opmerking,
        "kader": vragenbank,
        "eigenaar": eigenaar,
        "gebruikers": {
            "anoniem": None,
            "eigenaar": eigenaar,
            "co_inspecteur": co_inspecteur,
            "buitenstaander": buitenstaander,
            "beheerder": beheerder,
            "coordinator": coordinator,
        },
    }
