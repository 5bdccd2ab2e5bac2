"""Every change of a gesprek: each service writes the change, its audit line and the overview's stamp in one
transaction, so all three are stored or none. Views parse, validate and render; demo data, the test builders and
the bench make gesprekken through these same functions. `wie` says who acts and from where (`logboek.Wie`).

Each takes its row locks in one order: the gesprek's notes, the gesprek, then the rest of it (the views that
compare before they write lock the gesprek first too, `Gesprek.objects.om_te_wijzigen`). Two colleagues' changes
then wait for each other instead of deadlocking, which would cost one of them a server error.
"""

import hashlib
from collections.abc import Iterable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from elementen.models import Gesprekshulp, Instrument, Kader

from . import instrumenten, logboek, organisaties
from .logboek import Wie
from .models import (
    Aantekening,
    AantekeningVersie,
    Afspraak,
    Bestuurder,
    Gebeurtenis,
    Gesprek,
    GesprekCriterium,
    GesprekElement,
    GesprekInstrument,
    GesprekVraag,
    InstrumentRij,
    Organisatie,
    RapportVersie,
    Terugblik,
)
from .overzicht import stand
from .rapport import naam_van, pdf, versies


class Opzet:
    ALLE_KERNVRAGEN = "alle_kernvragen"
    HOOFDVRAGEN = "hoofdvragen"
    EEN_ELEMENT = "een_element"
    NIETS = "niets"

    KEUZES = [
        (ALLE_KERNVRAGEN, "Alle kernelementen met alle vragen en doorvragen"),
        (HOOFDVRAGEN, "Alle kernelementen, alleen de hoofdvragen"),
        (EEN_ELEMENT, "Eén element"),
        (NIETS, "Leeg beginnen"),
    ]


class ErStaanAantekeningen(Exception):
    """The list cannot be composed anew: that would delete what was typed in its notes."""


class ErIsIngevuld(Exception):
    """An instrument or a row of one cannot be removed: something typed in it would go with it."""


@contextmanager
def _wijziging(*, gesprek: Gesprek, wie: Wie, wat: str):
    """One change of a gesprek: what the block writes, the overview's stamp and the audit line, all or nothing.

    The stamp comes first: it locks the gesprek before the rest of it, in the one lock order.
    """
    with transaction.atomic():
        gesprek.aanraken()
        yield
        logboek.vastleggen(wie, Gebeurtenis.Actie.GEWIJZIGD, gesprek, wat=wat)


@transaction.atomic
def gesprek_aanmaken(
    *,
    wie: Wie,
    gegevens: dict,
    kader: Kader,
    opzet: str = Opzet.ALLE_KERNVRAGEN,
    co_inspecteurs: Iterable = (),
    bestuurders: Iterable[Bestuurder] = (),
) -> Gesprek:
    """A new gesprek of `wie`'s with its own copy of the kader's vragenlijst, shared with `co_inspecteurs`.

    `gegevens` are the gesprek's fields (organisatie, datum, …); `bestuurders` unsaved rows, without their gesprek.
    The organisatie is an Organisatie or a name (see `_met_organisatie`).
    """
    gesprek = Gesprek.objects.create(eigenaar=wie.gebruiker, **_met_organisatie(gegevens))
    gesprek.co_inspecteurs.set(co_inspecteurs)
    _rijen_opslaan(gesprek, bestuurders)
    _samenstellen(gesprek=gesprek, kader=kader, opzet=opzet)
    logboek.vastleggen(wie, Gebeurtenis.Actie.AANGEMAAKT, gesprek)
    logboek.delen_vastleggen(wie, gesprek, voor=set())
    return gesprek


def gegevens_opslaan(
    *,
    gesprek: Gesprek,
    wie: Wie,
    gegevens: dict,
    co_inspecteurs: Iterable,
    bestuurders: Iterable[Bestuurder] = (),
    verwijderd: Iterable[Bestuurder] = (),
) -> None:
    """The gegevens page: the gesprek's fields, who shares it, its bestuurders to save and those to delete."""
    with transaction.atomic():
        gedeeld_met = set(gesprek.co_inspecteurs.all())
        with _wijziging(gesprek=gesprek, wie=wie, wat="gegevens van het gesprek"):
            _velden_opslaan(gesprek, _met_organisatie(gegevens, gesprek=gesprek))
            stand.gesprek_bijwerken(gesprek.pk)
            gesprek.co_inspecteurs.set(co_inspecteurs)
            _rijen_opslaan(gesprek, bestuurders, verwijderd)
            # The organisation's word or the casus partner may have changed: the bank questions follow.
            vragen = list(gesprek.vragen.exclude(soort=GesprekVraag.Soort.EIGEN))
            GesprekVraag.objects.bulk_update(_met_eigen_woorden(gesprek, vragen), ["tekst"])
        logboek.delen_vastleggen(wie, gesprek, voor=gedeeld_met)


def _met_organisatie(gegevens: dict, *, gesprek: Gesprek | None = None) -> dict:
    """The gesprek's fields with its Organisatie: a name given finds the organisation of that name (case and
    spacing aside), or makes one, with the kind and words of this gesprek."""
    naam = gegevens.get("organisatie")
    if not isinstance(naam, str):
        return gegevens
    gevonden = organisaties.met_naam(naam)
    if gevonden:
        return {**gegevens, "organisatie": gevonden[0]}

    def waarde(veld, standaard=None):
        return gegevens.get(veld, getattr(gesprek, veld, standaard))

    organisatie = Organisatie.objects.create(
        naam=" ".join(naam.split()),
        soort=waarde("organisatie_type"),
        doelgroep_meervoud=waarde("doelgroep_meervoud", "inwoners"),
        doelgroep_enkelvoud=waarde("doelgroep_enkelvoud", "inwoner"),
    )
    return {**gegevens, "organisatie": organisatie}


def vragenlijst_samenstellen(*, gesprek: Gesprek, wie: Wie, kader: Kader, opzet: str = Opzet.ALLE_KERNVRAGEN) -> None:
    """Composes the vragenlijst anew from another kader; ErStaanAantekeningen if a note holds anything."""
    with transaction.atomic():
        # Every note locked until the old ones are deleted, the empty ones too: a colleague's save into one waits,
        # then is told its note is gone. Checked before the lock, a save in between was deleted after its
        # "opgeslagen".
        list(gesprek.aantekeningen.select_for_update().values_list("pk", flat=True))
        if heeft_aantekeningen(gesprek):
            raise ErStaanAantekeningen
        with _wijziging(gesprek=gesprek, wie=wie, wat="kader van de vragenlijst"):
            gesprek.elementen.all().delete()
            gesprek.vragen.all().delete()
            _samenstellen(gesprek=gesprek, kader=kader, opzet=opzet)


def _velden_opslaan(gesprek: Gesprek, velden: dict) -> None:
    """Writes only these fields: a gesprek read before a colleague's change keeps the rest as stored."""
    for naam, waarde in velden.items():
        setattr(gesprek, naam, waarde)
    gesprek.save(update_fields=[*velden, "gewijzigd_op"])


def _rijen_opslaan(
    gesprek: Gesprek, opslaan: Iterable[Bestuurder | Afspraak], verwijderd: Iterable[Bestuurder | Afspraak] = ()
) -> None:
    """Rows of the gesprek (bestuurders, afspraken): new or changed ones saved, the others deleted."""
    for rij in verwijderd:
        rij.delete()
    for rij in opslaan:
        rij.gesprek = gesprek
        rij.save()


def _samenstellen(*, gesprek: Gesprek, kader: Kader, opzet: str) -> None:
    """Copies the kader into the gesprek, so later edits of the bank leave the gesprek as it was."""
    kader = Kader.objects.met_inhoud().get(pk=kader.pk)
    gesprek.kader = kader
    gesprek.kader_titel = str(kader)
    gesprek.save(update_fields=["kader", "kader_titel", "gewijzigd_op"])

    elementen = [*kader.kernelementen(), *kader.overige_elementen()]
    gesprek_elementen = GesprekElement.objects.bulk_create(
        GesprekElement(
            gesprek=gesprek,
            bron=element,
            nummer=element.nummer,
            naam=element.naam,
            is_kernelement=element.is_kernelement,
            volgorde=volgorde,
        )
        for volgorde, element in enumerate(elementen, start=1)
    )
    criteria, vragen = [], []
    for gesprek_element, element in zip(gesprek_elementen, elementen, strict=True):
        for criterium in element.criteria.all():
            criteria.append(
                GesprekCriterium(
                    element=gesprek_element,
                    bron=criterium,
                    label=criterium.label,
                    kwadrant=criterium.kwadrant.naam if criterium.kwadrant else "",
                    tekst=criterium.tekst,
                    volgorde=criterium.nummer,
                )
            )
        for vraag in element.voorbeeldvragen.all():
            vragen.append(
                (
                    GesprekVraag(
                        gesprek=gesprek,
                        element=gesprek_element,
                        soort=GesprekVraag.Soort.VOORBEELDVRAAG,
                        brontekst=vraag.tekst,
                        criteria_labels=", ".join(c.label for c in vraag.criteria.all()),
                        volgorde=vraag.nummer * 10,
                    ),
                    [d.tekst for d in vraag.doorvragen.all()],
                )
            )
    GesprekCriterium.objects.bulk_create(criteria)

    hoofdvragen = GesprekVraag.objects.bulk_create(_met_eigen_woorden(gesprek, [v for v, _ in vragen]))
    doorvragen = [
        GesprekVraag(
            gesprek=gesprek,
            element=hoofdvraag.element,
            hoofdvraag=hoofdvraag,
            soort=GesprekVraag.Soort.DOORVRAAG,
            brontekst=tekst,
            volgorde=volgorde,
        )
        for hoofdvraag, (_, teksten) in zip(hoofdvragen, vragen, strict=True)
        for volgorde, tekst in enumerate(teksten, start=1)
    ]
    hulpen = [
        GesprekVraag(gesprek=gesprek, soort=hulp.soort, brontekst=hulp.tekst, volgorde=hulp.volgorde)
        for hulp in kader.gesprekshulpen.all()
        if hulp.soort in (Gesprekshulp.Soort.OPENINGSVRAAG, Gesprekshulp.Soort.INWONERPERSPECTIEF)
    ]
    GesprekVraag.objects.bulk_create(_met_eigen_woorden(gesprek, doorvragen + hulpen))

    aantekeningen = [Aantekening(gesprek=gesprek, element=e) for e in gesprek_elementen]
    aantekeningen += [Aantekening(gesprek=gesprek, element=c.element, criterium=c) for c in criteria]
    Aantekening.objects.bulk_create(aantekeningen)

    _opzet_toepassen(gesprek=gesprek, opzet=opzet)


def _met_eigen_woorden(gesprek, vragen):
    for vraag in vragen:
        vraag.tekst = gesprek.in_eigen_woorden(vraag.brontekst)
    return vragen


def opzet_toepassen(*, gesprek: Gesprek, wie: Wie, opzet: str, element_id: int | None = None) -> None:
    """Sets which elements, criteria and questions are on the list. Own questions stay as they are."""
    with _wijziging(gesprek=gesprek, wie=wie, wat="opzet van de vragenlijst"):
        _opzet_toepassen(gesprek=gesprek, opzet=opzet, element_id=element_id)


def _opzet_toepassen(*, gesprek: Gesprek, opzet: str, element_id: int | None = None) -> None:
    elementen = gesprek.elementen.all()
    criteria = GesprekCriterium.objects.filter(element__gesprek=gesprek)
    bankvragen = gesprek.vragen.filter(element__isnull=False).exclude(soort=GesprekVraag.Soort.EIGEN)
    hulpen = gesprek.vragen.filter(element__isnull=True)

    if opzet == Opzet.EEN_ELEMENT:
        gekozen = elementen.filter(pk=element_id)
    elif opzet == Opzet.NIETS:
        gekozen = elementen.none()
    else:
        gekozen = elementen.filter(is_kernelement=True)

    elementen.update(opgenomen=False)
    criteria.update(opgenomen=False)
    bankvragen.update(opgenomen=False)
    gekozen.update(opgenomen=True)
    # Own questions stay on the list, so their elements stay on the agenda: else the questions would be hidden.
    eigen_vragen = gesprek.vragen.filter(soort=GesprekVraag.Soort.EIGEN, opgenomen=True)
    elementen.filter(pk__in=eigen_vragen.values("element_id")).update(opgenomen=True)
    criteria.filter(element__in=gekozen).update(opgenomen=True)
    vragen_van_gekozen = bankvragen.filter(element__in=gekozen)
    if opzet == Opzet.HOOFDVRAGEN:
        vragen_van_gekozen = vragen_van_gekozen.filter(soort=GesprekVraag.Soort.VOORBEELDVRAAG)
    vragen_van_gekozen.update(opgenomen=True)
    hulpen.update(opgenomen=opzet != Opzet.NIETS)
    stand.gesprek_bijwerken(gesprek.pk)


def eigen_vraag_toevoegen(*, gesprek: Gesprek, wie: Wie, element: GesprekElement, tekst: str) -> GesprekVraag:
    with _wijziging(gesprek=gesprek, wie=wie, wat="eigen vraag toegevoegd"):
        laatste = element.vragen.filter(hoofdvraag__isnull=True).order_by("-volgorde").first()
        if not element.opgenomen:
            element.opgenomen = True
            element.save(update_fields=["opgenomen"])
            stand.element_bijwerken(element.pk)
        return GesprekVraag.objects.create(
            gesprek=gesprek,
            element=element,
            soort=GesprekVraag.Soort.EIGEN,
            tekst=tekst,
            volgorde=(laatste.volgorde if laatste else 0) + 10,
            opgenomen=True,
        )


def eigen_vraag_verwijderen(*, gesprek: Gesprek, wie: Wie, vraag: GesprekVraag) -> None:
    with _wijziging(gesprek=gesprek, wie=wie, wat="eigen vraag verwijderd"):
        vraag.delete()


@dataclass
class Opslagresultaat:
    aantekening: Aantekening
    opgeslagen: bool  # False: someone else saved first; aantekening then holds their text


def aantekening_opslaan(
    *,
    aantekening: Aantekening,
    tekst: str,
    observatie: str,
    versie: int,
    wie: Wie,
    keuze: str = "",
) -> Opslagresultaat:
    """Saves a note if it is based on the newest version, so no colleague's text is overwritten unseen.

    Sending the same text again (a retry after a lost answer) is a success, not a conflict. When a new stretch
    of typing begins, the text it replaces is kept as an earlier version and the change is logged.
    """
    nu, door = timezone.now(), wie.gebruiker
    velden = {"tekst": tekst, "observatie": observatie, "keuze": keuze, "gewijzigd_op": nu, "gewijzigd_door": door}
    nieuwe_reeks = aantekening.versie == versie and aantekening.begint_nieuwe_reeks(door=door, nu=nu)
    if nieuwe_reeks:
        velden["reeks_begonnen_op"] = nu
    wordt_gevoerd = aantekening.gesprek.status == Gesprek.Status.VOORBEREIDING
    vorige = aantekening.als_versie()
    # Only a changed observation, or text going between empty and not, changes the overview: typing on does not.
    telt_anders = aantekening.element_id is not None and (
        aantekening.versie != versie
        or stand.telt_als(observatie, tekst) != stand.telt_als(vorige.observatie, vorige.tekst)
    )
    # Typing on in a stretch writes the note alone: one UPDATE, no transaction around it. Anything more (the
    # earlier version, the log line, the gesprek's status) is written with it or not at all, so a worker killed
    # halfway leaves nothing for the browser's retry to skip.
    with transaction.atomic() if nieuwe_reeks or wordt_gevoerd or telt_anders else nullcontext():
        if not Aantekening.objects.filter(pk=aantekening.pk).bijwerken_als_versie(versie=versie, **velden):
            aantekening.refresh_from_db()
            zelfde = (aantekening.tekst, aantekening.observatie, aantekening.keuze) == (tekst, observatie, keuze)
            return Opslagresultaat(aantekening, zelfde)
        if nieuwe_reeks and vorige.is_ingevuld:
            vorige.save()
        if nieuwe_reeks:
            logboek.vastleggen(wie, Gebeurtenis.Actie.GEWIJZIGD, aantekening.gesprek, wat=aantekening.omschrijving())
        if wordt_gevoerd and Gesprek.objects.filter(
            pk=aantekening.gesprek_id, status=Gesprek.Status.VOORBEREIDING
        ).update(status=Gesprek.Status.GEVOERD, gewijzigd_op=nu):
            stand.gesprek_bijwerken(aantekening.gesprek_id)
        elif telt_anders:
            stand.element_bijwerken(aantekening.element_id)
    for veld, waarde in velden.items():
        setattr(aantekening, veld, waarde)
    aantekening.versie = versie + 1
    return Opslagresultaat(aantekening, True)


@transaction.atomic
def versie_terugzetten(*, aantekening: Aantekening, versie: AantekeningVersie, wie: Wie) -> None:
    """Puts an earlier text back as the newest version; the text it replaces is kept as a version too."""
    huidig = Aantekening.objects.select_for_update().get(pk=aantekening.pk)
    if huidig.is_ingevuld and not huidig.versies.filter(versie=huidig.versie).exists():
        huidig.als_versie().save()
    nu = timezone.now()
    Aantekening.objects.filter(pk=huidig.pk).update(
        tekst=versie.tekst,
        observatie=versie.observatie,
        keuze=versie.keuze,
        versie=F("versie") + 1,
        gewijzigd_op=nu,
        gewijzigd_door=wie.gebruiker,
        reeks_begonnen_op=nu,
    )
    # A terugblik's note holds its afspraak's status and toelichting: they go back with it.
    Afspraak.objects.filter(terugblikken__aantekening=huidig).update(
        status=versie.keuze or Afspraak.Status.OPEN, toelichting=versie.tekst
    )
    if huidig.element_id is not None:
        stand.element_bijwerken(huidig.element_id)
    logboek.vastleggen(
        wie,
        Gebeurtenis.Actie.GEWIJZIGD,
        aantekening.gesprek,
        wat=f"versie {versie.versie} teruggezet in de {aantekening.omschrijving()}",
    )


class StapNietMogelijk(Exception):
    """The report cannot take this step now: the message says why, in Dutch."""


class Stap:
    CONCEPT = "concept"
    VASTSTELLEN = "vaststellen"


@transaction.atomic
def afronding_opslaan(
    *,
    gesprek: Gesprek,
    wie: Wie,
    gegevens: dict,
    afspraken: Iterable[Afspraak] = (),
    verwijderd: Iterable[Afspraak] = (),
    stap: str | None = None,
    bijlage: dict | None = None,
) -> RapportVersie | None:
    """The afronden page: the summary's fields (`gegevens`), the afspraken to save and those to delete; then, with
    `stap`, a concept version of the report, or the final one (with `bijlage`, the annex section, at its end)."""
    with _wijziging(gesprek=gesprek, wie=wie, wat="afronding"):
        _velden_opslaan(gesprek, gegevens)
        _rijen_opslaan(gesprek, afspraken, verwijderd)
    if stap == Stap.CONCEPT:
        return concept_maken(gesprek=gesprek, wie=wie)
    if stap == Stap.VASTSTELLEN:
        return vaststellen(gesprek=gesprek, wie=wie, bijlage=bijlage)
    return None


def _versie_maken(gesprek: Gesprek, wie: Wie, soort: str, *, bijlage=None, toelichting="", gemaakt_op=None):
    """A new version of the report as it reads now; a final one with its PDF, made once and kept."""
    volledig = Gesprek.objects.met_rapport().get(pk=gesprek.pk)
    inhoud = versies.inhoud_van(volledig)
    if bijlage:
        inhoud = versies.met_sectie(inhoud, **bijlage)
    laatste = RapportVersie.objects.filter(gesprek=gesprek).order_by("-nummer").values_list("nummer", flat=True)
    versie = RapportVersie(
        gesprek=gesprek,
        nummer=(laatste.first() or 0) + 1,
        soort=soort,
        inhoud=inhoud,
        controlesom=versies.controlesom(inhoud),
        gemaakt_door=wie.gebruiker,
        gemaakt_door_naam=naam_van(wie.gebruiker) if wie.gebruiker else "Samenwerkingsgesprek",
        gemaakt_op=gemaakt_op or timezone.now(),
        toelichting=toelichting,
    )
    if soort == RapportVersie.Soort.VASTGESTELD:
        versie.pdf = pdf.html_naar_pdf(pdf.document_html(volledig, inhoud))
        versie.pdf_controlesom = hashlib.sha256(versie.pdf).hexdigest()
    versie.save()
    return versie


def _status_zetten(gesprek: Gesprek, status: str, **velden) -> None:
    gesprek.status = status
    for veld, waarde in velden.items():
        setattr(gesprek, veld, waarde)
    gesprek.save(update_fields=["status", *velden, "gewijzigd_op"])
    stand.gesprek_bijwerken(gesprek.pk)


@transaction.atomic
def concept_maken(*, gesprek: Gesprek, wie: Wie) -> RapportVersie:
    """Rounds off: the report as it reads now becomes a concept version, which the organisation can check."""
    if gesprek.is_vastgesteld:
        raise StapNietMogelijk("Dit gesprek is al vastgesteld. Heropen het om een nieuw concept te maken.")
    versie = _versie_maken(gesprek, wie, RapportVersie.Soort.CONCEPT)
    _status_zetten(gesprek, Gesprek.Status.CONCEPT)
    logboek.vastleggen(wie, Gebeurtenis.Actie.CONCEPT, gesprek, wat=f"rapport versie {versie.nummer}")
    return versie


@transaction.atomic
def ter_verificatie(*, gesprek: Gesprek, wie: Wie, versie: RapportVersie, aan: str) -> None:
    """The concept `versie` went to the organisation's contact `aan` (a name, for the log) to check."""
    _status_zetten(gesprek, Gesprek.Status.TER_VERIFICATIE)
    logboek.vastleggen(
        wie, Gebeurtenis.Actie.TER_VERIFICATIE, gesprek, wat=f"rapport versie {versie.nummer} naar {aan}"
    )


@transaction.atomic
def vaststellen(*, gesprek: Gesprek, wie: Wie, bijlage: dict | None = None) -> RapportVersie:
    """The final version of the report, with its PDF; the gesprek is then only read, until it is reopened."""
    if gesprek.is_vastgesteld:
        raise StapNietMogelijk("Dit gesprek is al vastgesteld.")
    geverifieerd = gesprek.status == Gesprek.Status.TER_VERIFICATIE
    toelichting = "na verificatie door de organisatie" if geverifieerd else "zonder verificatie door de organisatie"
    versie = _versie_maken(gesprek, wie, RapportVersie.Soort.VASTGESTELD, bijlage=bijlage, toelichting=toelichting)
    _status_zetten(gesprek, Gesprek.Status.VASTGESTELD, vastgesteld_op=versie.gemaakt_op)
    logboek.vastleggen(
        wie, Gebeurtenis.Actie.VASTGESTELD, gesprek, wat=f"rapport versie {versie.nummer}, {toelichting}"
    )
    return versie


def vastgestelde_versie(*, gesprek: Gesprek, wie: Wie) -> RapportVersie:
    """The final version of a vastgesteld gesprek. A gesprek afgerond before versions existed gets its content as
    it reads (unchanged since: it could not be edited) as its first version, the first time it is needed."""
    versies = RapportVersie.objects.filter(gesprek=gesprek, soort=RapportVersie.Soort.VASTGESTELD).defer("inhoud")
    return versies.last() or _eerste_versie_overnemen(gesprek, wie, versies)


@transaction.atomic
def _eerste_versie_overnemen(gesprek: Gesprek, wie: Wie, versies) -> RapportVersie:
    # Two first requests at once make one version: the second waits here, then finds it.
    Gesprek.objects.om_te_wijzigen(gesprek.pk)
    if versie := versies.last():
        return versie
    versie = _versie_maken(
        gesprek,
        wie,
        RapportVersie.Soort.VASTGESTELD,
        toelichting="overgenomen van het gesprek dat was afgerond",
        gemaakt_op=gesprek.vastgesteld_op,
    )
    logboek.vastleggen(wie, Gebeurtenis.Actie.VASTGESTELD, gesprek, wat=f"rapport versie {versie.nummer}, overgenomen")
    return versie


@transaction.atomic
def gesprek_heropenen(*, gesprek: Gesprek, wie: Wie) -> None:
    """A vastgesteld gesprek can be edited again; its versions stay as they are, the next one gets a new number."""
    vastgestelde_versie(gesprek=gesprek, wie=wie)
    _status_zetten(gesprek, Gesprek.Status.GEVOERD, vastgesteld_op=None)
    logboek.vastleggen(wie, Gebeurtenis.Actie.HEROPEND, gesprek)


def vragenlijst_keuze_opslaan(
    *,
    gesprek: Gesprek,
    wie: Wie,
    elementen: Iterable[GesprekElement],
    criteria: Iterable[GesprekCriterium],
    vragen: Iterable[GesprekVraag],
    volgorde: dict[int, int],
) -> None:
    """Which elements, criteria and questions are on the list (the rest is taken off), and in which order."""
    with _wijziging(gesprek=gesprek, wie=wie, wat="keuze in de vragenlijst"):
        gesprek.elementen.exclude(pk__in=[e.pk for e in elementen]).update(opgenomen=False)
        gesprek.elementen.filter(pk__in=[e.pk for e in elementen]).update(opgenomen=True)
        alle_criteria = GesprekCriterium.objects.filter(element__gesprek=gesprek)
        alle_criteria.exclude(pk__in=[c.pk for c in criteria]).update(opgenomen=False)
        alle_criteria.filter(pk__in=[c.pk for c in criteria]).update(opgenomen=True)
        gesprek.vragen.exclude(pk__in=[v.pk for v in vragen]).update(opgenomen=False)
        gesprek.vragen.filter(pk__in=[v.pk for v in vragen]).update(opgenomen=True)
        herordend = list(gesprek.vragen.filter(pk__in=volgorde))
        for vraag in herordend:
            vraag.volgorde = volgorde[vraag.pk]
        GesprekVraag.objects.bulk_update(herordend, ["volgorde"])
        stand.gesprek_bijwerken(gesprek.pk)


def heeft_aantekeningen(gesprek: Gesprek) -> bool:
    """Whether anything was typed in the vragenlijst's notes or instruments; a terugblik stays when it is composed
    anew, so it does not count."""
    return gesprek.aantekeningen.filter(terugblik__isnull=True).ingevuld().exists()


def instrument_toevoegen(
    *, gesprek: Gesprek, wie: Wie, instrument: Instrument, element: GesprekElement | None = None
) -> GesprekInstrument:
    """Copies an instrument of the bank into the gesprek, under `element` or for the whole gesprek.

    A table filled in per partner starts with a row for the casus partner, when the gesprek names one.
    """
    with _wijziging(gesprek=gesprek, wie=wie, wat=f"instrument {instrument.titel} toegevoegd"):
        if element is not None and not element.opgenomen:
            element.opgenomen = True
            element.save(update_fields=["opgenomen"])
            stand.element_bijwerken(element.pk)
        laatste = gesprek.instrumenten.order_by("-volgorde").values_list("volgorde", flat=True).first()
        gekopieerd = GesprekInstrument.objects.create(
            gesprek=gesprek,
            element=element,
            bron=instrument,
            bronvermelding=f"{instrument.kader.uitgever}, {instrument.kader.titel} ({instrument.kader.versie})",
            code=instrument.code,
            titel=instrument.titel,
            doel=instrument.doel,
            toelichting=instrument.toelichting,
            vorm=instrument.vorm,
            inhoud=instrumenten.inhoud_van(instrument, gesprek),
            volgorde=(laatste or 0) + 10,
        )
        velden = instrumenten.vaste_velden(gekopieerd)
        if gesprek.casus_partner:
            for o, onderdeel in enumerate(gekopieerd.inhoud):
                if instrumenten.is_herhaald(gekopieerd, o) and onderdeel["herhaling"] == "partner":
                    rij = InstrumentRij.objects.create(instrument=gekopieerd, onderdeel=o, naam=gesprek.casus_partner)
                    velden += instrumenten.rijvelden(rij)
        instrumenten.velden_aanmaken(gesprek, velden)
        return gekopieerd


def _zonder_ingevuld(aantekeningen) -> None:
    """Locks these notes (first, in the one lock order) until the transaction ends; ErIsIngevuld if one holds
    anything. A colleague's save into one then waits, and is told afterwards that its field is gone."""
    list(aantekeningen.select_for_update().values_list("pk", flat=True))
    if aantekeningen.ingevuld().exists():
        raise ErIsIngevuld


@transaction.atomic
def instrument_verwijderen(*, gesprek: Gesprek, wie: Wie, instrument: GesprekInstrument) -> None:
    """Takes an instrument off the gesprek; ErIsIngevuld when anything was typed in it."""
    _zonder_ingevuld(gesprek.aantekeningen.filter(veld__instrument=instrument))
    with _wijziging(gesprek=gesprek, wie=wie, wat=f"instrument {instrument.titel} verwijderd"):
        instrument.delete()


def instrument_rij_toevoegen(
    *, gesprek: Gesprek, wie: Wie, instrument: GesprekInstrument, onderdeel: int, naam: str
) -> InstrumentRij:
    """A row of a repeated table (a partner, a stakeholder, an overleg), with its empty cells."""
    with _wijziging(gesprek=gesprek, wie=wie, wat=f"rij toegevoegd aan {instrument.titel}"):
        laatste = instrument.rijen.filter(onderdeel=onderdeel).order_by("-volgorde").first()
        rij = InstrumentRij.objects.create(
            instrument=instrument, onderdeel=onderdeel, naam=naam, volgorde=(laatste.volgorde if laatste else 0) + 1
        )
        instrumenten.velden_aanmaken(gesprek, instrumenten.rijvelden(rij))
        return rij


@transaction.atomic
def instrument_rij_verwijderen(*, gesprek: Gesprek, wie: Wie, rij: InstrumentRij) -> None:
    """Removes a row of a repeated table; ErIsIngevuld when anything was typed in its cells."""
    _zonder_ingevuld(gesprek.aantekeningen.filter(veld__rij=rij))
    with _wijziging(gesprek=gesprek, wie=wie, wat=f"rij verwijderd uit {rij.instrument.titel}"):
        rij.delete()


@transaction.atomic
def organisatie_splitsen(
    *, organisatie: Organisatie, gesprekken: Iterable[Gesprek], naam: str, wie: Wie
) -> Organisatie:
    """Undoes a wrong merge: a new organisation of `naam`, with the kind and words of `organisatie`, takes over
    these of its gesprekken. Each moved gesprek gets a line in the log; the organisations keep their history."""
    nieuw = Organisatie.objects.create(
        naam=" ".join(naam.split()),
        soort=organisatie.soort,
        doelgroep_meervoud=organisatie.doelgroep_meervoud,
        doelgroep_enkelvoud=organisatie.doelgroep_enkelvoud,
    )
    for gesprek in Gesprek.objects.filter(organisatie=organisatie, pk__in=[g.pk for g in gesprekken]):
        with _wijziging(gesprek=gesprek, wie=wie, wat=f"organisatie afgesplitst: nu {nieuw.naam} (nr. {nieuw.pk})"):
            gesprek.organisatie = nieuw
            gesprek.save(update_fields=["organisatie", "gewijzigd_op"])
    return nieuw


def terugblik_agenderen(*, gesprek: Gesprek, wie: Wie, afspraken: Iterable[Afspraak]) -> list[Terugblik]:
    """Puts afspraken of earlier gesprekken on this gesprek's agenda, each with an empty note for how it went.

    The caller chooses from `afspraken.terugblik_mogelijk`; one already on the agenda is left as it is."""
    with _wijziging(gesprek=gesprek, wie=wie, wat="afspraken op de agenda voor een terugblik"):
        al = set(gesprek.terugblikken.values_list("afspraak_id", flat=True))
        nieuw = [afspraak for afspraak in afspraken if afspraak.pk not in al]
        aantekeningen = Aantekening.objects.bulk_create(Aantekening(gesprek=gesprek) for _ in nieuw)
        return Terugblik.objects.bulk_create(
            Terugblik(gesprek=gesprek, afspraak=afspraak, aantekening=aantekening)
            for afspraak, aantekening in zip(nieuw, aantekeningen, strict=True)
        )


@transaction.atomic
def terugblik_verwijderen(*, gesprek: Gesprek, wie: Wie, terugblik: Terugblik) -> None:
    """Takes an afspraak off the agenda again; ErIsIngevuld when a status or note was recorded for it."""
    _zonder_ingevuld(gesprek.aantekeningen.filter(pk=terugblik.aantekening_id))
    with _wijziging(gesprek=gesprek, wie=wie, wat="afspraak van de agenda voor een terugblik gehaald"):
        terugblik.aantekening.delete()


def terugblik_opslaan(
    *, terugblik: Terugblik, aantekening: Aantekening, tekst: str, keuze: str, versie: int, wie: Wie
) -> Opslagresultaat:
    """Saves the note of a terugblik as any note (versions, conflicts, log) and, with it, the afspraak's status
    (the note's `keuze`; none chosen is open) and toelichting (its text): both or neither."""
    with transaction.atomic():
        resultaat = aantekening_opslaan(
            aantekening=aantekening, tekst=tekst, observatie="", keuze=keuze, versie=versie, wie=wie
        )
        if resultaat.opgeslagen:
            Afspraak.objects.filter(pk=terugblik.afspraak_id).update(
                status=keuze or Afspraak.Status.OPEN, toelichting=tekst
            )
    return resultaat


def herinneringen_vastleggen(*, afspraken: Iterable[Afspraak]) -> None:
    """Marks afspraken as reminded of (`afspraken_herinneren`), so no later run mails them again."""
    Afspraak.objects.filter(pk__in=[a.pk for a in afspraken], herinnerd_op__isnull=True).update(
        herinnerd_op=timezone.now()
    )
