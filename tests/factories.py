"""Builders for test data, through the same services the app uses."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Bestuurder
from gesprekken.roles import COORDINATOREN, INSPECTEURS, VRAGENBANK_BEHEERDERS

WACHTWOORD = "een-lang-testwachtwoord"


def gebruiker(username, groep, first_name="", last_name="", is_staff=False):
    user = get_user_model().objects.create_user(
        username=username, password=WACHTWOORD, first_name=first_name, last_name=last_name, is_staff=is_staff
    )
    user.groups.add(Group.objects.get(name=groep))
    return user


def inspecteur(username, first_name="", last_name=""):
    return gebruiker(username, INSPECTEURS, first_name, last_name)


def beheerder(username):
    return gebruiker(username, VRAGENBANK_BEHEERDERS, is_staff=True)


def coordinator(username):
    return gebruiker(username, COORDINATOREN)


def gesprek(*, eigenaar, kader, co_inspecteurs=(), opzet=services.Opzet.ALLE_KERNVRAGEN, **velden):
    standaard = {
        "organisatie": "Zorggroep Testdal",
        "organisatie_type": "zorgaanbieder",
        "doelgroep_meervoud": "cliënten",
        "doelgroep_enkelvoud": "cliënt",
        "inspectie": "igj",
        "aanleiding": "afsluitend gesprek met bestuurder na bezoek",
        "datum": datetime.date(2026, 11, 2),
        "casus_partner": "Wijkteam Oost",
        "casus_omschrijving": "Samenwerking rond ouderen die thuis wonen.",
    }
    return services.gesprek_aanmaken(
        wie=Wie(eigenaar),
        gegevens={**standaard, **velden},
        co_inspecteurs=co_inspecteurs,
        bestuurders=[Bestuurder(naam="Mevr. J. de Boer", functie="bestuurder")],
        kader=kader,
        opzet=opzet,
    )
