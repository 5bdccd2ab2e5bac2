"""Bench data with a fixed seed: 200 inspectors and their gesprekken, first 100, then grown to 10,000.

A gesprek's copied list is made by the real service (`vragenlijst_samenstellen`) once per kader and way of
speaking (doelgroep, casus partner); those templates are read back and rolled back, and every bench gesprek is a
copy of one of them, written with COPY (bench/kopie.py). Row values come from the service's own rows, so a field
added to a model is carried along without changes here. The gesprekken the PDF is measured on are made through
the services.
"""

import dataclasses
import datetime
import os
import random
from urllib.parse import urlsplit

import psycopg2
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, connections, transaction
from psycopg2 import sql

from elementen.models import Kader
from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import (
    Aantekening,
    Afspraak,
    Bestuurder,
    Gesprek,
    GesprekCriterium,
    GesprekElement,
    GesprekVraag,
    Observatie,
)
from gesprekken.overzicht.stand import alles_opbouwen
from gesprekken.roles import COORDINATOREN, INSPECTEURS, inspecteurs

from .kopie import Sjabloon, Spec, gesprekken_schrijven, rijen
from .woorden import ACHTERNAMEN, ORGANISATIES, PLAATSEN, SPREEKWIJZEN, VOORNAMEN, ZINNEN, tekst_van

SEED = 20231109
REFERENTIEDATUM = datetime.date(2026, 6, 1)
EERSTE_DATUM = datetime.date(2021, 1, 1)
LAATSTE_DATUM = datetime.date(2026, 12, 31)
AANTAL_INSPECTEURS = 200
WACHTWOORD = "bench-wachtwoord-niet-geheim"
BENCH_INSPECTEUR = "inspecteur000"
COORDINATOR = "coordinator"
EIGEN_GESPREKKEN = 50  # of the bench inspector, at 100 and at 10,000 gesprekken alike
GEDEELD_MET_BENCH = 5  # others' gesprekken the bench inspector is co-inspecteur of
AUTOSAVE_CLIENTS = 50
AANDEEL_HANDREIKING = 0.7  # the rest uses the leidraad: about 30 notes per gesprek, 300,000 at 10,000


@dataclasses.dataclass
class Gebruikers:
    inspecteurs: list  # index 0 is the bench inspector
    coordinator: object


@dataclasses.dataclass
class Bench:
    """What the measurements need to find in the data."""

    gebruikers: Gebruikers
    sjablonen: list
    pagina_gesprek_id: int = 0
    zwaar_gesprek_id: int = 0
    licht_gesprek_id: int = 0
    autosave: list = dataclasses.field(default_factory=list)  # [(user, gesprek_id, aantekening_id)]


# --- Users ------------------------------------------------------------------------------------------------------


def gebruikers_maken(rng):
    """200 inspectors and a coordinator; one password hash for all, since hashing 200 times takes minutes."""
    user_model = get_user_model()
    wachtwoord = make_password(WACHTWOORD)
    inspecteurs = user_model.objects.bulk_create(
        user_model(
            username=f"inspecteur{nummer:03d}",
            first_name=rng.choice(VOORNAMEN),
            last_name=rng.choice(ACHTERNAMEN),
            password=wachtwoord,
        )
        for nummer in range(AANTAL_INSPECTEURS)
    )
    coordinator = user_model.objects.create(username=COORDINATOR, first_name="Carla", password=wachtwoord)
    lidmaatschap = user_model.groups.through
    inspecteursgroep = Group.objects.get(name=INSPECTEURS)
    lidmaatschap.objects.bulk_create(lidmaatschap(user=u, group=inspecteursgroep) for u in inspecteurs)
    coordinator.groups.add(Group.objects.get(name=COORDINATOREN))
    return Gebruikers(inspecteurs=inspecteurs, coordinator=coordinator)


# --- Templates through the real service -------------------------------------------------------------------------


class _Terugdraaien(Exception):
    pass


def sjablonen_maken(eigenaar):
    """One gesprek per published kader and way of speaking, composed by the service, read back, rolled back."""
    kaders = list(Kader.objects.om_samen_te_stellen().order_by("soort", "pk"))
    sjablonen = []
    try:
        with transaction.atomic():
            for kader in kaders:
                for meervoud, enkelvoud, partner in SPREEKWIJZEN:
                    gesprek = services.gesprek_aanmaken(
                        wie=Wie(eigenaar),
                        gegevens={
                            "organisatie": "Sjabloon",
                            "organisatie_type": "gemeente",
                            "doelgroep_meervoud": meervoud,
                            "doelgroep_enkelvoud": enkelvoud,
                            "inspectie": "igj",
                            "aanleiding": _aanleiding(kader),
                            "datum": REFERENTIEDATUM,
                            "casus_partner": partner,
                            "casus_omschrijving": f"De samenwerking met {partner} rond {meervoud} die hulp van meer "
                            "partners nodig hebben.",
                        },
                        kader=kader,
                    )
                    sjablonen.append(
                        Sjabloon(
                            gesprek=rijen(Gesprek.objects.filter(pk=gesprek.pk))[0],
                            elementen=rijen(GesprekElement.objects.filter(gesprek=gesprek)),
                            criteria=rijen(GesprekCriterium.objects.filter(element__gesprek=gesprek)),
                            vragen=rijen(GesprekVraag.objects.filter(gesprek=gesprek)),
                            aantekeningen=rijen(Aantekening.objects.filter(gesprek=gesprek)),
                        )
                    )
            raise _Terugdraaien
    except _Terugdraaien:
        pass
    return sjablonen


def _aanleiding(kader):
    eerste = kader.aanleidingen.order_by("volgorde", "pk").first()
    return eerste.tekst if eerste else "Afsluitend gesprek met de bestuurder"


def _is_handreiking(sjabloon):
    return Kader.objects.get(pk=sjabloon.gesprek["kader_id"]).soort == Kader.Soort.HANDREIKING


# --- Specifications ---------------------------------------------------------------------------------------------


def _status(rng, datum):
    if datum > REFERENTIEDATUM:
        return Gesprek.Status.VOORBEREIDING
    if datum > REFERENTIEDATUM - datetime.timedelta(days=14):
        return Gesprek.Status.GEVOERD if rng.random() < 0.7 else Gesprek.Status.VOORBEREIDING
    return Gesprek.Status.VASTGESTELD if rng.random() < 0.9 else Gesprek.Status.GEVOERD


def _spec(rng, eigenaar_id, handreiking, leidraad, co_inspecteurs):
    sjabloon = rng.choice(handreiking if rng.random() < AANDEEL_HANDREIKING else leidraad)
    soort = rng.choice(list(ORGANISATIES))
    datum = EERSTE_DATUM + datetime.timedelta(days=rng.randrange((LAATSTE_DATUM - EERSTE_DATUM).days + 1))
    co = rng.choice(co_inspecteurs) if rng.random() < 0.2 else None
    return Spec(
        eigenaar_id=eigenaar_id,
        sjabloon=sjabloon,
        organisatie_type=soort,
        organisatie=ORGANISATIES[soort].format(rng.choice(PLAATSEN)),
        datum=datum,
        status=_status(rng, datum),
        co_inspecteur_id=co if co != eigenaar_id else None,
    )


def specs_eerste_100(rng, gebruikers, sjablonen, *, aantal_echt):
    """48 of the bench inspector's own (2 more are made through the services), one for each of 50 others."""
    handreiking = [i for i, s in enumerate(sjablonen) if _is_handreiking(s)]
    leidraad = [i for i, s in enumerate(sjablonen) if i not in handreiking]
    ids = [u.pk for u in gebruikers.inspecteurs]
    bench, anderen = ids[0], ids[1:]
    specs = [_spec(rng, bench, handreiking, leidraad, anderen) for _ in range(EIGEN_GESPREKKEN - aantal_echt)]
    # The gesprek the pages are measured on: a handreiking gesprek held last week, notes typed, not afgerond.
    specs[0].sjabloon = handreiking[0]
    specs[0].datum = REFERENTIEDATUM - datetime.timedelta(days=3)
    specs[0].status = Gesprek.Status.GEVOERD
    specs[0].volle_aantekeningen = True
    for nummer, eigenaar in enumerate(anderen[:50]):
        spec = _spec(rng, eigenaar, handreiking, leidraad, anderen)
        if nummer < GEDEELD_MET_BENCH:
            spec.co_inspecteur_id = bench
        specs.append(spec)
    return specs


def specs_groei(rng, gebruikers, sjablonen, aantal):
    """The rest, over the 199 other inspectors evenly, so everyone ends near 50 gesprekken."""
    handreiking = [i for i, s in enumerate(sjablonen) if _is_handreiking(s)]
    leidraad = [i for i, s in enumerate(sjablonen) if i not in handreiking]
    anderen = [u.pk for u in gebruikers.inspecteurs[1:]]
    return [_spec(rng, anderen[n % len(anderen)], handreiking, leidraad, anderen) for n in range(aantal)]


# --- The PDF gesprekken, through the services -------------------------------------------------------------------


def _echt_gesprek(eigenaar, kader, organisatie, datum, opzet):
    return services.gesprek_aanmaken(
        wie=Wie(eigenaar),
        gegevens={
            "organisatie": organisatie,
            "organisatie_type": "gemeente",
            "doelgroep_meervoud": "inwoners",
            "doelgroep_enkelvoud": "inwoner",
            "inspectie": "wmo",
            "aanleiding": _aanleiding(kader),
            "datum": datum,
            "casus_partner": "Wijkteam Noord",
            "casus_omschrijving": "De samenwerking tussen gemeente, wijkteam en zorgaanbieders rond ouderen thuis.",
        },
        bestuurders=[
            Bestuurder(naam="Mevr. J. de Boer", functie="wethouder zorg"),
            Bestuurder(naam="Dhr. A. Yilmaz", functie="gemeentesecretaris"),
        ],
        kader=kader,
        opzet=opzet,
    )


def zwaar_gesprek(rng, eigenaar, kader):
    """All 3 core elements, a 3,500-character note on every criterion, 10 own questions, a full summary.

    Left gevoerd, not afgerond, like the gesprek the pages are measured on: the query counts of the two can then
    be compared page by page, and a count that differs grows with the size of a gesprek.
    """
    gesprek = _echt_gesprek(
        eigenaar,
        kader,
        "Gemeente Zwaarwater",
        REFERENTIEDATUM - datetime.timedelta(days=20),
        services.Opzet.ALLE_KERNVRAGEN,
    )
    kern = list(gesprek.elementen.filter(is_kernelement=True).order_by("volgorde"))
    aantekeningen = Aantekening.objects.filter(element__in=kern, criterium__isnull=False).order_by("pk")
    observaties = [Observatie.STERK_PUNT, Observatie.ONTWIKKELPUNT, Observatie.NIET_BESPROKEN]
    for nummer, aantekening in enumerate(aantekeningen):
        services.aantekening_opslaan(
            aantekening=aantekening,
            tekst=tekst_van(rng, 3500),
            observatie=observaties[nummer % 3],
            versie=aantekening.versie,
            wie=Wie(eigenaar),
        )
    for nummer in range(10):
        services.eigen_vraag_toevoegen(
            gesprek=gesprek,
            wie=Wie(eigenaar),
            element=kern[nummer % len(kern)],
            tekst=f"Eigen vraag {nummer + 1}: {rng.choice(ZINNEN)} Hoe ziet u dat terug?",
        )
    services.afronding_opslaan(
        gesprek=gesprek,
        wie=Wie(eigenaar),
        gegevens={
            "samenvatting": tekst_van(rng, 3000),
            "wat_goed_gaat": tekst_van(rng, 2000),
            "ontwikkelkansen": tekst_van(rng, 2000),
        },
        afspraken=[
            Afspraak(
                wat=tekst_van(rng, 300),
                wie=f"Bestuurder en {SPREEKWIJZEN[nummer % 4][2]}",
                wanneer=REFERENTIEDATUM + datetime.timedelta(days=30 * (nummer + 1)),
            )
            for nummer in range(6)
        ],
    )
    return gesprek


def licht_gesprek(rng, eigenaar, kader):
    """One element on the agenda, three short notes, a one-line summary and one agreement."""
    gesprek = _echt_gesprek(
        eigenaar, kader, "Gemeente Lichtenvoorde", REFERENTIEDATUM - datetime.timedelta(days=40), services.Opzet.NIETS
    )
    element = gesprek.elementen.filter(is_kernelement=True).order_by("volgorde").first()
    services.opzet_toepassen(
        gesprek=gesprek, wie=Wie(eigenaar), opzet=services.Opzet.EEN_ELEMENT, element_id=element.pk
    )
    for aantekening in Aantekening.objects.filter(element=element, criterium__isnull=False).order_by("pk")[:3]:
        services.aantekening_opslaan(
            aantekening=aantekening,
            tekst=rng.choice(ZINNEN),
            observatie="",
            versie=aantekening.versie,
            wie=Wie(eigenaar),
        )
    services.afronding_opslaan(
        gesprek=gesprek,
        wie=Wie(eigenaar),
        gegevens={"samenvatting": "Een kort en open gesprek."},
        afspraken=[Afspraak(wat="Over een jaar opnieuw spreken", wie="Bestuurder")],
    )
    return gesprek


# --- The two stages ---------------------------------------------------------------------------------------------


def analyseren():
    """Bulk-loaded tables get planner statistics, as autovacuum would give them in production."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def voorbereiden():
    """Migrates, loads the question bank and makes the users; returns what later stages build on."""
    call_command("migrate", interactive=False, verbosity=0)
    call_command("vragenbank_laden", verbosity=0)
    if get_user_model().objects.exists():
        raise SystemExit("De bench-database is niet leeg; de bench maakt zijn eigen gegevens in een lege database.")
    rng = random.Random(SEED)
    gebruikers = gebruikers_maken(rng)
    return Bench(gebruikers=gebruikers, sjablonen=sjablonen_maken(gebruikers.inspecteurs[0]))


def database_kopie(naam):
    """Keeps the current database as it is and continues, in this process and the ones it starts, on a copy.

    PostgreSQL copies a database from a template in seconds. The bench uses it to keep the 100 gesprekken while
    it grows a copy to 10,000, so both can be measured side by side, in alternating blocks of requests.
    Returns the DATABASE_URL of the original and of the copy.
    """
    instellingen = connection.settings_dict
    bron = instellingen["NAME"]
    connections.close_all()  # a template must have no sessions
    beheer = psycopg2.connect(
        dbname="postgres",
        user=instellingen["USER"],
        password=instellingen["PASSWORD"],
        host=instellingen["HOST"],
        port=instellingen["PORT"],
    )
    try:
        beheer.autocommit = True
        with beheer.cursor() as cursor:
            cursor.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(naam), sql.Identifier(bron))
            )
    finally:
        beheer.close()
    instellingen["NAME"] = naam
    url_bron = os.environ["DATABASE_URL"]
    url_kopie = urlsplit(url_bron)._replace(path=f"/{naam}").geturl()
    os.environ["DATABASE_URL"] = url_kopie  # for the PDF measurements, which run in processes of their own
    return url_bron, url_kopie


def eerste_100(bench):
    rng = random.Random(SEED + 1)
    bench_inspecteur = bench.gebruikers.inspecteurs[0]
    handreiking = Kader.objects.gepubliceerd().filter(soort=Kader.Soort.HANDREIKING).order_by("pk").first()
    bench.zwaar_gesprek_id = zwaar_gesprek(rng, bench_inspecteur, handreiking).pk
    bench.licht_gesprek_id = licht_gesprek(rng, bench_inspecteur, handreiking).pk
    specs = specs_eerste_100(rng, bench.gebruikers, bench.sjablonen, aantal_echt=2)
    gemaakt = gesprekken_schrijven(specs, bench.sjablonen, rng)
    bench.pagina_gesprek_id = gemaakt[0]
    # Written with COPY, around the services: the overview's stand is built as its migration builds it.
    alles_opbouwen()
    analyseren()


def groeien_tot(bench, totaal):
    rng = random.Random(SEED + 2)
    specs = specs_groei(rng, bench.gebruikers, bench.sjablonen, totaal - Gesprek.objects.count())
    gesprekken_schrijven(specs, bench.sjablonen, rng)
    alles_opbouwen()
    analyseren()
    bench.autosave = autosave_doelen(bench.gebruikers.inspecteurs[1 : AUTOSAVE_CLIENTS + 1])


def autosave_doelen(inspecteurs):
    """For each client its own inspector, gesprek (not afgerond) and note: nobody waits on anybody's row lock."""
    doelen = []
    for inspecteur in inspecteurs:
        aantekening = (
            Aantekening.objects.filter(gesprek__eigenaar=inspecteur, criterium__isnull=False)
            .exclude(gesprek__status=Gesprek.Status.VASTGESTELD)
            .order_by("gesprek__datum", "pk")
            .first()
        )
        if aantekening is None:
            raise SystemExit(f"{inspecteur.username} heeft geen gesprek dat nog niet is afgerond.")
        doelen.append((inspecteur, aantekening.gesprek_id, aantekening.pk))
    return doelen


def tellingen():
    return {
        "gesprekken": Gesprek.objects.count(),
        "inspecteurs": inspecteurs().count(),
        "aantekeningen": Aantekening.objects.count(),
        "met tekst": Aantekening.objects.exclude(tekst="").count(),
        "vragen": GesprekVraag.objects.count(),
        "criteria": GesprekCriterium.objects.count(),
    }
