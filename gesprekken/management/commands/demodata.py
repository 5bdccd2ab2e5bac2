import datetime
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from deelname import demo as deelname_demo
from elementen.models import Instrument, Kader
from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, Afspraak, Bestuurder, Gesprek, Observatie
from gesprekken.roles import COORDINATOREN, INSPECTEURS, VRAGENBANK_BEHEERDERS

STANDAARD_WACHTWOORD = "demo-wachtwoord-2026"

ACCOUNTS = [
    ("inspecteur1", "Ilse", "de Vries", INSPECTEURS, False),
    ("inspecteur2", "Jamal", "Bakker", INSPECTEURS, False),
    ("beheerder", "Bram", "Jansen", VRAGENBANK_BEHEERDERS, True),
    ("coordinator", "Carla", "Visser", COORDINATOREN, False),
]

OBSERVATIES = [Observatie.STERK_PUNT, Observatie.ONTWIKKELPUNT, Observatie.NIET_BESPROKEN]


class Command(BaseCommand):
    help = "Maakt demo-accounts en demo-gesprekken aan; wat er al is, blijft staan."

    @transaction.atomic
    def handle(self, *args, **options):
        wachtwoord = os.environ.get("DEMO_PASSWORD") or STANDAARD_WACHTWOORD
        gebruikers = {}
        for gebruikersnaam, voornaam, achternaam, groep, is_staff in ACCOUNTS:
            gebruiker, nieuw = get_user_model().objects.get_or_create(
                username=gebruikersnaam,
                defaults={"first_name": voornaam, "last_name": achternaam, "is_staff": is_staff},
            )
            if nieuw:
                gebruiker.set_password(wachtwoord)
                gebruiker.save()
                gebruiker.groups.add(Group.objects.get(name=groep))
            gebruikers[gebruikersnaam] = gebruiker

        if not Gesprek.objects.filter(eigenaar=gebruikers["inspecteur1"]).exists():
            self._maak_gesprekken(gebruikers["inspecteur1"], gebruikers["inspecteur2"])

        vooraf = deelname_demo.uitnodiging_vooraf(inspecteur=gebruikers["inspecteur1"])
        verificatie = deelname_demo.uitnodiging_verificatie(inspecteur=gebruikers["inspecteur1"])

        self.stdout.write(self.style.SUCCESS("Demo-accounts: inspecteur1, inspecteur2, beheerder, coordinator"))
        if os.environ.get("DEMO_PASSWORD"):
            self.stdout.write("Wachtwoord: het wachtwoord uit DEMO_PASSWORD")
        else:
            self.stdout.write(f"Wachtwoord: {STANDAARD_WACHTWOORD}  (zet DEMO_PASSWORD voor een ander wachtwoord)")
        if vooraf:
            self.stdout.write(f"Link voor de organisatie (vragen vooraf, nieuw bij elke run): {vooraf}")
        if verificatie:
            self.stdout.write(
                f"Link voor de organisatie (concept-rapport ter verificatie, nieuw bij elke run): {verificatie}"
            )
        vrijgesteld = [naam for naam, *_ in ACCOUNTS if settings.DEBUG and naam in settings.TWEEDE_FACTOR_VRIJGESTELD]
        if not settings.TWEEDE_FACTOR_VERPLICHT:
            self.stdout.write("Tweede factor: uit (TWEEDE_FACTOR_VERPLICHT=false)")
        elif vrijgesteld:
            self.stdout.write(
                f"Tweede factor: {', '.join(vrijgesteld)} zijn vrijgesteld omdat DEBUG aan staat; elk ander lokaal "
                "account stelt bij de eerste keer inloggen een authenticator-app in"
            )
        else:
            self.stdout.write(
                "Tweede factor: elk demo-account stelt bij de eerste keer inloggen een authenticator-app in"
            )

    def _maak_gesprekken(self, inspecteur, collega):
        kader = Kader.objects.gepubliceerd().filter(soort=Kader.Soort.HANDREIKING).first()
        if kader is None:
            raise CommandError("Laad eerst de vragenbank: python manage.py vragenbank_laden")
        vandaag = datetime.date.today()

        self._gesprek(
            inspecteur,
            kader,
            "Zorggroep De Linde",
            "zorgaanbieder",
            ("cliënten", "cliënt"),
            vandaag + datetime.timedelta(days=14),
            "Wijkteam Noord",
            co_inspecteurs=[collega],
        )

        gevoerd = self._gesprek(
            inspecteur,
            kader,
            "Gemeente Rivierstad",
            "gemeente",
            ("inwoners", "inwoner"),
            vandaag - datetime.timedelta(days=7),
            "GGD Rivierland",
        )
        for aantekening in gevoerd.aantekeningen.filter(criterium__isnull=False)[:4]:
            self._typen(inspecteur, aantekening, "De bestuurder noemt het gezamenlijke wijkoverleg als voorbeeld.")
        services.afronding_opslaan(
            gesprek=gevoerd,
            wie=Wie(inspecteur),
            gegevens={},
            afspraken=[
                Afspraak(
                    wat="De GGD uitnodigen voor het wijkoverleg",
                    wie="Wethouder zorg",
                    wanneer=vandaag - datetime.timedelta(days=2),
                ),
                Afspraak(
                    wat="Signalen van de wijkteams per kwartaal bundelen",
                    wie="Gemeentesecretaris",
                    wanneer=vandaag + datetime.timedelta(days=40),
                ),
            ],
        )

        afgerond = self._gesprek(
            inspecteur,
            kader,
            "ROC Midden",
            "onderwijsinstelling",
            ("studenten", "student"),
            vandaag - datetime.timedelta(days=40),
            "Gemeente Midden",
        )
        aantekeningen = afgerond.aantekeningen.filter(criterium__isnull=False).select_related("criterium")
        for nummer, aantekening in enumerate(aantekeningen):
            self._typen(
                inspecteur,
                aantekening,
                f"Aantekening bij criterium {aantekening.criterium.label}: de bestuurder geeft een concreet "
                "voorbeeld uit de samenwerking rond studenten die dreigen uit te vallen.",
                OBSERVATIES[nummer % len(OBSERVATIES)],
            )
        self._instrumenten_invullen(inspecteur, afgerond)
        services.afronding_opslaan(
            gesprek=afgerond,
            wie=Wie(inspecteur),
            gegevens={
                "samenvatting": "Een open gesprek over de samenwerking met de gemeente rond voortijdig "
                "schoolverlaten.",
                "wat_goed_gaat": "Er is een gedeelde visie die op alle niveaus bekend is.",
                "ontwikkelkansen": "De samenwerking wordt nog niet gezamenlijk geëvalueerd.",
            },
            afspraken=[
                Afspraak(
                    wat="Evaluatie samen met de gemeente plannen",
                    wie="Bestuurder ROC Midden",
                    wanneer=vandaag + datetime.timedelta(days=90),
                ),
                Afspraak(
                    wat="De verzuimcijfers per kwartaal delen met de gemeente",
                    wie="Bestuurder ROC Midden",
                    wanneer=vandaag - datetime.timedelta(days=10),
                ),
                Afspraak(
                    wat="Een vaste contactpersoon per locatie aanwijzen",
                    wie="Directeur onderwijs",
                    wanneer=vandaag - datetime.timedelta(days=20),
                    status=Afspraak.Status.NAGEKOMEN,
                    toelichting="Op elke locatie is een zorgcoördinator het aanspreekpunt.",
                ),
            ],
            stap=services.Stap.VASTSTELLEN,
        )
        self._ter_verificatie(inspecteur, kader, vandaag)
        self._vervolg(inspecteur, collega, kader, vandaag)

    def _ter_verificatie(self, inspecteur, kader, vandaag):
        """A gesprek held last month whose concept report the organisation checks (the link: deelname.demo)."""
        gesprek = self._gesprek(
            inspecteur,
            kader,
            "Stichting Jeugdhulp Rivierland",
            "zorgaanbieder",
            ("jongeren", "jongere"),
            vandaag - datetime.timedelta(days=21),
            "Gemeente Rivierstad",
        )
        for aantekening in gesprek.aantekeningen.filter(criterium__isnull=False)[:6]:
            self._typen(inspecteur, aantekening, "De bestuurder vertelt hoe de wijkteams jongeren doorverwijzen.")
        services.afronding_opslaan(
            gesprek=gesprek,
            wie=Wie(inspecteur),
            gegevens={
                "samenvatting": "Een gesprek over de doorverwijzing van jongeren tussen wijkteams en de stichting.",
                "wat_goed_gaat": "De lijnen met de wijkteams zijn kort.",
                "ontwikkelkansen": "Wachttijden worden nog niet samen bekeken.",
            },
            afspraken=[Afspraak(wat="Wachttijden per kwartaal delen", wie="Bestuurder", wanneer=None)],
            stap=services.Stap.CONCEPT,
        )

    def _vervolg(self, inspecteur, collega, kader, vandaag):
        """Inspectors come back: a next gesprek with Rivierstad, in voorbereiding, that can look back on the open
        afspraken of the last one (one overdue); and a colleague of another inspectie who visits Rivierstad too, on the
        organisation's page. Both not held yet, so the overview counts as before."""
        self._gesprek(
            inspecteur,
            kader,
            "Gemeente Rivierstad",
            "gemeente",
            ("inwoners", "inwoner"),
            vandaag + datetime.timedelta(days=60),
            "GGD Rivierland",
        )
        services.gesprek_aanmaken(
            wie=Wie(collega),
            gegevens={
                "organisatie": "Gemeente Rivierstad",
                "organisatie_type": "gemeente",
                "inspectie": "jenv",
                "aanleiding": kader.aanleidingen.first().tekst,
                "datum": vandaag + datetime.timedelta(days=90),
                "casus_partner": "Veiligheidshuis Rivierland",
            },
            kader=kader,
        )

    def _gesprek(self, inspecteur, kader, organisatie, soort, doelgroep, datum, partner, co_inspecteurs=()):
        return services.gesprek_aanmaken(
            wie=Wie(inspecteur),
            gegevens={
                "organisatie": organisatie,
                "organisatie_type": soort,
                "doelgroep_meervoud": doelgroep[0],
                "doelgroep_enkelvoud": doelgroep[1],
                "inspectie": "igj",
                "aanleiding": kader.aanleidingen.first().tekst,
                "datum": datum,
                "casus_partner": partner,
                "casus_omschrijving": f"De samenwerking tussen {organisatie} en {partner}.",
            },
            co_inspecteurs=co_inspecteurs,
            bestuurders=[Bestuurder(naam="A. Bestuurder", functie="voorzitter raad van bestuur")],
            kader=kader,
        )

    def _instrumenten_invullen(self, inspecteur, gesprek):
        """Halen en brengen for the casus partner and one more, and a question box: what instruments look like."""
        halen_en_brengen = Instrument.objects.filter(titel__icontains="Halen en brengen").first()
        vragen = Instrument.objects.filter(vorm=Instrument.Vorm.VRAGEN, titel__icontains="Hoe zit dat bij jou").first()
        if halen_en_brengen is None or vragen is None:
            return
        wie = Wie(inspecteur)
        visie = gesprek.elementen.filter(nummer=2).first()
        tabel = services.instrument_toevoegen(gesprek=gesprek, wie=wie, instrument=halen_en_brengen, element=visie)
        onderdeel = next(n for n, o in enumerate(tabel.inhoud) if o["herhaling"] == "partner")
        services.instrument_rij_toevoegen(
            gesprek=gesprek, wie=wie, instrument=tabel, onderdeel=onderdeel, naam="Woningcorporatie Midden Wonen"
        )
        teksten = {
            "Gemeente Midden": [
                "Minder uitval, één aanspreekpunt",
                "Zicht op studenten met zorgen",
                "Budget en regie",
            ],
            "Woningcorporatie Midden Wonen": ["Rustige wijken", "Signalen over huurachterstand", "Woonruimte"],
        }
        cellen = Aantekening.objects.filter(veld__rij__instrument=tabel).select_related("veld__rij")
        for cel in cellen.order_by("veld__rij__volgorde", "veld__kolom"):
            tekst = teksten[cel.veld.rij.naam].pop(0)
            self._typen(inspecteur, cel, tekst)
        vragenlijst = services.instrument_toevoegen(gesprek=gesprek, wie=wie, instrument=vragen)
        eerste = Aantekening.objects.filter(veld__instrument=vragenlijst).order_by("veld__item").first()
        self._typen(inspecteur, eerste, "Het initiatief ligt nu vooral bij het ROC; de gemeente sluit aan.")

    def _typen(self, inspecteur, aantekening, tekst, observatie=""):
        services.aantekening_opslaan(
            aantekening=aantekening, tekst=tekst, observatie=observatie, versie=aantekening.versie, wie=Wie(inspecteur)
        )
