"""The overview's figures equal a plain count over the gesprekken, after every step of a random sequence of changes.

The changes go through the real services (and the admin's delete, for a gesprek and the bank): notes saved with
and without observation and with their text emptied, earlier versions put back, agendas changed, lists composed
anew, details changed, gesprekken held, rounded off, vastgesteld and reopened, bank rows renamed and deleted. After
each step every figure of the overview (the tables and every quarter, under each filter and for a coordinator and an
inspector) is compared with the rules of the package's docstring, counted here in Python, naively.
"""

import datetime
import random

import pytest

from elementen.models import Criterium, Element, Kader
from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, AantekeningVersie, Gesprek, GesprekCriterium, GesprekElement
from gesprekken.overzicht.cel import CelFilter
from gesprekken.overzicht.filters import OverzichtFilter, filterkeuzes
from gesprekken.overzicht.telling import Kwartaal, gesprekken_in_beeld, overzicht_maken
from tests import factories

MATEN = ("besproken", "sterk_punt", "ontwikkelpunt", "niet_besproken")
TEKSTEN = ["", "  \n ", "Besproken met de bestuurder.", "Nog een zin.", "\r\n"]
OBSERVATIES = ["", "", "sterk_punt", "ontwikkelpunt", "niet_besproken"]
INSPECTIES = ["igj", "jenv"]
AANLEIDINGEN = ["afsluitend gesprek met bestuurder na bezoek", "gesprek over calamiteit"]
SOORTEN = ["zorgaanbieder", "gemeente"]
GESPREK_FILTERS = ("inspectie", "aanleiding", "organisatie_type")
DATUMS = [datetime.date(2025, 2, 3), datetime.date(2025, 8, 19), datetime.date(2026, 1, 5), datetime.date(2026, 5, 30)]


# --- The rules, counted naively ----------------------------------------------------------------------------------


def _besproken(aantekening):
    return aantekening.observatie in ("sterk_punt", "ontwikkelpunt") or (
        aantekening.observatie == "" and aantekening.tekst.strip() != ""
    )


def _criterium(criterium):
    aantekening = Aantekening.objects.filter(criterium=criterium).first()
    if aantekening is None:
        return dict.fromkeys(MATEN, False)
    leeg = aantekening.observatie == "" and aantekening.tekst.strip() == ""
    return {
        "besproken": _besproken(aantekening),
        "sterk_punt": aantekening.observatie == "sterk_punt",
        "ontwikkelpunt": aantekening.observatie == "ontwikkelpunt",
        "niet_besproken": aantekening.observatie == "niet_besproken" or (criterium.opgenomen and leeg),
    }


def _element(element):
    aantekeningen = list(Aantekening.objects.filter(element=element))
    besproken = any(_besproken(a) for a in aantekeningen)
    return {
        "besproken": besproken,
        "sterk_punt": any(a.observatie == "sterk_punt" for a in aantekeningen),
        "ontwikkelpunt": any(a.observatie == "ontwikkelpunt" for a in aantekeningen),
        "niet_besproken": (element.opgenomen or any(a.observatie == "niet_besproken" for a in aantekeningen))
        and not besproken,
    }


def _past(gesprek, filters):
    return (
        gesprek.status in Gesprek.GEHOUDEN
        and gesprek.datum >= filters.get("van", datetime.date.min)
        and gesprek.datum <= filters.get("tot", datetime.date.max)
        and all(getattr(gesprek, veld) == filters.get(veld, getattr(gesprek, veld)) for veld in GESPREK_FILTERS)
        and ("kader" not in filters or gesprek.kader_id == filters["kader"])
    )


def _optellen(totalen, sleutel, maten, gesprek_id):
    rij = totalen.setdefault(sleutel, {"gesprekken": set(), **{m: set() for m in MATEN}})
    rij["gesprekken"].add(gesprek_id)
    for maat, telt in maten.items():
        if telt:
            rij[maat].add(gesprek_id)


def verwacht(gesprekken):
    """{element key: counts}, {(element key, quarter): counts}, {criterion key: counts}: keys as the page groups."""
    elementen, kwartalen, criteria = {}, {}, {}
    for gesprek in gesprekken:
        for element in GesprekElement.objects.filter(gesprek=gesprek):
            sleutel = (element.bron_id, element.naam if element.bron_id is None else "")
            maten = _element(element)
            _optellen(elementen, sleutel, maten, gesprek.pk)
            _optellen(kwartalen, (sleutel, Kwartaal.van_datum(gesprek.datum)), maten, gesprek.pk)
        for criterium in GesprekCriterium.objects.filter(element__gesprek=gesprek).select_related("element"):
            zonder = criterium.bron_id is None
            sleutel = (criterium.bron_id, criterium.element.naam if zonder else "", criterium.label if zonder else "")
            _optellen(criteria, sleutel, _criterium(criterium), gesprek.pk)

    def getallen(totalen):
        return {sleutel: {m: len(gesprek_ids) for m, gesprek_ids in rij.items()} for sleutel, rij in totalen.items()}

    return getallen(elementen), getallen(kwartalen), getallen(criteria)


# --- What the page shows -----------------------------------------------------------------------------------------


def getoond(overzicht):
    elementen = {rij.groep: {"gesprekken": rij.gesprekken, **rij.tellingen} for rij in overzicht.elementen}
    kwartalen = {
        (thema.rij.groep, k.kwartaal): {"gesprekken": k.gesprekken, **k.tellingen}
        for thema in overzicht.themas
        for k in thema.kwartalen
        if k.gesprekken
    }
    criteria = {
        (rij.bron_id, rij.element if rij.bron_id is None else "", rij.label if rij.bron_id is None else ""): {
            "gesprekken": rij.gesprekken,
            **rij.tellingen,
        }
        for rij in overzicht.criteria
    }
    return elementen, kwartalen, criteria


def alle_filters():
    kaders = list(Kader.objects.values_list("pk", flat=True))
    yield {}
    for inspectie in INSPECTIES:
        yield {"inspectie": inspectie}
    for aanleiding in AANLEIDINGEN:
        yield {"aanleiding": aanleiding}
    for soort in SOORTEN:
        yield {"organisatie_type": soort}
    for kader in kaders:
        yield {"kader": kader}
    yield {"van": DATUMS[1]}
    yield {"tot": DATUMS[2]}
    yield {"van": DATUMS[1], "tot": DATUMS[2], "inspectie": "igj"}
    yield {"van": DATUMS[0], "tot": DATUMS[0], "organisatie_type": SOORTEN[0], "kader": kaders[0]}


def vergelijken(kijkers, rng):
    for kijker, alle in kijkers:
        in_beeld = gesprekken_in_beeld(kijker, alle=alle)
        zichtbaar = list(Gesprek.objects.all() if alle else Gesprek.objects.voor_inspecteur(kijker))
        for filters in alle_filters():
            formulier = OverzichtFilter({k: str(v) for k, v in filters.items()}, combinaties=filterkeuzes(in_beeld))
            if not formulier.is_valid():  # an aanleiding or kader this viewer has no gesprek of is not offered
                assert set(formulier.errors) <= {"aanleiding", "kader"}, formulier.errors
                continue
            gefilterd = formulier.toepassen(in_beeld)
            resultaat = overzicht_maken(gefilterd, filters=formulier.als_parameters(), alle=alle)
            gesprekken = [g for g in zichtbaar if _past(g, filters)]
            assert resultaat.aantal_gesprekken == len(gesprekken)
            assert getoond(resultaat) == verwacht(gesprekken), (kijker, filters)
            # One cell's drill-down lists exactly the gesprekken its number counts.
            rijen = resultaat.elementen + resultaat.criteria
            if rijen:
                rij = rng.choice(rijen)
                maat = rng.choice(MATEN)
                cel = CelFilter({**rij.sleutel, "maat": maat})
                assert cel.is_valid(), cel.errors
                assert cel.gesprekken(gefilterd).count() == rij.tellingen[maat]


# --- The random changes ------------------------------------------------------------------------------------------


class Wijzigingen:
    def __init__(self, rng, eigenaar, co_inspecteur, kaders):
        self.rng, self.eigenaar, self.co_inspecteur, self.kaders = rng, eigenaar, co_inspecteur, kaders
        self.nummer = 0

    def kies(self, rijen):
        """One of the rows, chosen by the seeded generator (the database's random order is not seeded)."""
        rijen = list(rijen.order_by("pk"))
        return self.rng.choice(rijen) if rijen else None

    def gesprek(self, **extra):
        return self.kies(Gesprek.objects.filter(**extra))

    def nieuw_gesprek(self):
        self.nummer += 1
        eigenaar = self.rng.choice([self.eigenaar, self.co_inspecteur])
        return factories.gesprek(
            eigenaar=eigenaar,
            kader=self.rng.choice(self.kaders),
            co_inspecteurs=[self.eigenaar] if eigenaar != self.eigenaar and self.rng.random() < 0.5 else [],
            opzet=self.rng.choice([services.Opzet.ALLE_KERNVRAGEN, services.Opzet.NIETS, services.Opzet.HOOFDVRAGEN]),
            organisatie=f"Organisatie {self.nummer}",
            organisatie_type=self.rng.choice(SOORTEN),
            inspectie=self.rng.choice(INSPECTIES),
            aanleiding=self.rng.choice(AANLEIDINGEN),
            datum=self.rng.choice(DATUMS),
        )

    def aantekening(self):
        """Saves a random note of a random gesprek that can be edited, as the autosave does."""
        gesprek = self.gesprek(status__in=[Gesprek.Status.VOORBEREIDING, Gesprek.Status.GEVOERD])
        aantekeningen = list(Aantekening.objects.filter(gesprek=gesprek, element__isnull=False).order_by("pk"))
        if not aantekeningen:
            return
        aantekening = Aantekening.om_op_te_slaan(self.rng.choice(aantekeningen).pk)
        services.aantekening_opslaan(
            aantekening=aantekening,
            tekst=self.rng.choice(TEKSTEN),
            observatie=self.rng.choice(OBSERVATIES),
            versie=aantekening.versie,
            wie=Wie(gesprek.eigenaar),
        )

    def typen(self):
        """Typing on in a note that has text: the figures may not change, and nothing is written for them."""
        aantekening = Aantekening.objects.filter(
            element__isnull=False, tekst__startswith="Besproken", gesprek__status=Gesprek.Status.GEVOERD
        ).first()
        if aantekening is None:
            return
        aantekening = Aantekening.om_op_te_slaan(aantekening.pk)
        services.aantekening_opslaan(
            aantekening=aantekening,
            tekst=aantekening.tekst + " En verder.",
            observatie=aantekening.observatie,
            versie=aantekening.versie,
            wie=Wie(aantekening.gesprek.eigenaar),
        )

    def terugzetten(self):
        versie = self.kies(
            AantekeningVersie.objects.filter(
                aantekening__element__isnull=False, aantekening__gesprek__status=Gesprek.Status.GEVOERD
            )
        )
        if versie is not None:
            gesprek = versie.aantekening.gesprek
            services.versie_terugzetten(aantekening=versie.aantekening, versie=versie, wie=Wie(gesprek.eigenaar))

    def agenda(self):
        gesprek = self.gesprek()
        wie = Wie(gesprek.eigenaar)
        keuze = self.rng.random()
        if keuze < 0.4:
            elementen = [e for e in gesprek.elementen.order_by("pk") if self.rng.random() < 0.5]
            criteria = GesprekCriterium.objects.filter(element__gesprek=gesprek).order_by("pk")
            criteria = [c for c in criteria if self.rng.random() < 0.5]
            services.vragenlijst_keuze_opslaan(
                gesprek=gesprek, wie=wie, elementen=elementen, criteria=criteria, vragen=[], volgorde={}
            )
        elif keuze < 0.7:
            element = self.kies(gesprek.elementen.all())
            services.opzet_toepassen(
                gesprek=gesprek,
                wie=wie,
                opzet=self.rng.choice([services.Opzet.NIETS, services.Opzet.EEN_ELEMENT, services.Opzet.HOOFDVRAGEN]),
                element_id=element.pk if element else None,
            )
        else:
            element = self.kies(gesprek.elementen.filter(opgenomen=False))
            if element is not None:
                services.eigen_vraag_toevoegen(gesprek=gesprek, wie=wie, element=element, tekst="Eigen vraag?")

    def opnieuw_samenstellen(self):
        gesprekken = list(Gesprek.objects.order_by("pk"))
        self.rng.shuffle(gesprekken)
        for gesprek in gesprekken:
            try:
                services.vragenlijst_samenstellen(
                    gesprek=gesprek, wie=Wie(gesprek.eigenaar), kader=self.rng.choice(self.kaders)
                )
                return
            except services.ErStaanAantekeningen:
                continue

    def gegevens(self):
        gesprek = self.gesprek()
        services.gegevens_opslaan(
            gesprek=gesprek,
            wie=Wie(gesprek.eigenaar),
            gegevens={
                "inspectie": self.rng.choice(INSPECTIES),
                "aanleiding": self.rng.choice(AANLEIDINGEN),
                "organisatie_type": self.rng.choice(SOORTEN),
                "datum": self.rng.choice(DATUMS),
            },
            co_inspecteurs=list(gesprek.co_inspecteurs.all()),
        )

    def status(self):
        gesprek = self.gesprek()
        wie = Wie(gesprek.eigenaar)
        if gesprek.status == Gesprek.Status.VASTGESTELD:
            services.gesprek_heropenen(gesprek=gesprek, wie=wie)
        elif gesprek.status in (Gesprek.Status.GEVOERD, Gesprek.Status.CONCEPT) and self.rng.random() < 0.7:
            services.concept_maken(gesprek=gesprek, wie=wie)
        elif gesprek.status != Gesprek.Status.VOORBEREIDING:
            services.vaststellen(gesprek=gesprek, wie=wie)

    def verwijderen(self):
        if Gesprek.objects.count() > 4:
            self.gesprek().delete()

    def bank(self):
        keuze = self.rng.random()
        if keuze < 0.4:
            element = self.kies(Element.objects.all())
            element.naam = f"{element.naam} (hernoemd)"
            element.save()
        elif keuze < 0.8:
            self.kies(Criterium.objects.all()).delete()
        else:
            self.kies(Element.objects.all()).delete()


STAPPEN = [
    ("aantekening", 10),
    ("typen", 2),
    ("terugzetten", 2),
    ("agenda", 3),
    ("opnieuw_samenstellen", 1),
    ("nieuw_gesprek", 1),
    ("gegevens", 2),
    ("status", 2),
    ("verwijderen", 1),
    ("bank", 1),
]


@pytest.mark.parametrize("seed", [20261206])
def test_every_figure_equals_a_plain_count_after_each_change(seed, vragenbank, eigenaar, co_inspecteur, coordinator):
    rng = random.Random(seed)
    kaders = list(Kader.objects.all())
    wijzigingen = Wijzigingen(rng, eigenaar, co_inspecteur, kaders)
    for _ in range(6):
        wijzigingen.nieuw_gesprek()
    kijkers = [(coordinator, True), (eigenaar, False)]
    vergelijken(kijkers, rng)

    namen, gewichten = zip(*STAPPEN, strict=True)
    for _ in range(40):
        stap = rng.choices(namen, gewichten)[0]
        getattr(wijzigingen, stap)()
        vergelijken(kijkers, rng)
