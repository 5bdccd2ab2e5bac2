"""Every change of an invitation, its answers and its remarks: the change and its audit line in one transaction.

The organisation's contact has no account: their lines in the log have no user, only the address, and `wat`
names the invitation and the contact (`Uitnodiging.voor_logboek`), never a text.
"""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from gesprekken import logboek
from gesprekken import services as gesprek_services
from gesprekken.logboek import Wie
from gesprekken.models import (
    Gebeurtenis,
    Gesprek,
    GesprekInstrument,
    GesprekVraag,
    InstrumentRij,
    Invulveld,
    RapportVersie,
)

from .models import Antwoord, GedeeldOnderwerp, Opmerking, Uitnodiging, nieuw_token, token_hash


class GesprekAfgerond(Exception):
    """A vastgesteld gesprek takes no new invitations and no answers."""


class GeenConcept(Exception):
    """Only a concept report, the newest version of the gesprek, goes to the organisation to check."""


@dataclass
class NieuweLink:
    uitnodiging: Uitnodiging
    url: str  # the full link, with the token: shown once, never stored
    gemaild: bool


def link_url(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('deelname:openen')}?{urlencode({'sleutel': token})}"


def _geldigheid():
    return timedelta(days=settings.DEELNAME_GELDIGHEID_DAGEN)


def uitnodigen(
    *, gesprek: Gesprek, wie: Wie, naam: str, email: str, rol: str, per_mail: bool, versie: RapportVersie | None = None
) -> NieuweLink:
    """A link for one contact of the organisation: to answer questions before the visit or, with `versie`, to check
    that concept. A contact invited before (same e-mail address, same round) keeps their invitation, answers and
    remarks, and gets a new token: the old link stops working."""
    if gesprek.is_vastgesteld:
        raise GesprekAfgerond
    if versie is not None and (not gesprek.heeft_concept or versie != _nieuwste_versie(gesprek)):
        raise GeenConcept
    ronde = Uitnodiging.Ronde.VERIFICATIE if versie else Uitnodiging.Ronde.VOORBEREIDING
    token, nu = nieuw_token(), timezone.now()
    with transaction.atomic():
        uitnodiging, nieuw = Uitnodiging.objects.select_for_update().get_or_create(
            gesprek=gesprek,
            ronde=ronde,
            versie=versie,
            email=email.strip().lower(),
            defaults={"naam": naam, "rol": rol, "token_hash": token_hash(token), "verloopt_op": nu + _geldigheid()},
        )
        if not nieuw:
            uitnodiging.naam, uitnodiging.rol = naam, rol
            uitnodiging.token_hash = token_hash(token)
            uitnodiging.link_gemaakt_op, uitnodiging.verloopt_op = nu, nu + _geldigheid()
            uitnodiging.ingetrokken_op = None
        uitnodiging.aangemaakt_door = wie.gebruiker
        uitnodiging.per_mail = per_mail
        uitnodiging.save()
        wat = "gemaakt" if nieuw else "nieuwe link, de vorige werkt niet meer"
        logboek.vastleggen(wie, Gebeurtenis.Actie.GEDEELD, gesprek, wat=f"{uitnodiging.voor_logboek()}: {wat}")
        if versie is not None and gesprek.status != Gesprek.Status.TER_VERIFICATIE:
            gesprek_services.ter_verificatie(gesprek=gesprek, wie=wie, versie=versie, aan=uitnodiging.voor_logboek())
    url = link_url(token)
    gemaild = per_mail and _mailen(uitnodiging, url, wie)
    return NieuweLink(uitnodiging, url, gemaild)


def _nieuwste_versie(gesprek: Gesprek) -> RapportVersie | None:
    return RapportVersie.objects.filter(gesprek=gesprek).defer("inhoud", "pdf").last()


def te_controleren(gesprek: Gesprek) -> RapportVersie | None:
    """The concept the organisation may check now: the newest version, if the gesprek has a concept."""
    versie = _nieuwste_versie(gesprek) if gesprek.heeft_concept else None
    return versie if versie is not None and versie.soort == RapportVersie.Soort.CONCEPT else None


def nieuwe_link(*, uitnodiging: Uitnodiging, wie: Wie, per_mail: bool) -> NieuweLink:
    return uitnodigen(
        gesprek=uitnodiging.gesprek,
        wie=wie,
        naam=uitnodiging.naam,
        email=uitnodiging.email,
        rol=uitnodiging.rol,
        per_mail=per_mail,
        versie=uitnodiging.versie,
    )


def _mailen(uitnodiging: Uitnodiging, url: str, wie: Wie) -> bool:
    """Sends the link: the message holds the link, the inspector's name and the date, nothing of the content."""
    context = {"uitnodiging": uitnodiging, "url": url, "inspecteur": wie.gebruiker}
    onderwerp = (
        "Concept-rapport van het samenwerkingsgesprek ter verificatie"
        if uitnodiging.is_verificatie
        else "Uitnodiging: vragen voor het samenwerkingsgesprek"
    )
    try:
        send_mail(
            subject=onderwerp,
            message=render_to_string("deelname/mail/uitnodiging.txt", context),
            from_email=None,
            recipient_list=[uitnodiging.email],
        )
    except OSError:
        # No mail server reachable: the inspector copies the link from the page instead.
        return False
    logboek.vastleggen(
        wie, Gebeurtenis.Actie.GEDEELD, uitnodiging.gesprek, wat=f"{uitnodiging.voor_logboek()}: gemaild"
    )
    return True


@transaction.atomic
def intrekken(*, uitnodiging: Uitnodiging, wie: Wie) -> None:
    Uitnodiging.objects.filter(pk=uitnodiging.pk, ingetrokken_op__isnull=True).update(ingetrokken_op=timezone.now())
    uitnodiging.refresh_from_db()
    logboek.vastleggen(
        wie, Gebeurtenis.Actie.GEDEELD, uitnodiging.gesprek, wat=f"{uitnodiging.voor_logboek()}: ingetrokken"
    )


@transaction.atomic
def onderwerpen_kiezen(
    *, gesprek: Gesprek, wie: Wie, vragen: list[GesprekVraag], instrumenten: list[GesprekInstrument]
) -> None:
    """What the organisation answers in advance: exactly these questions and instruments of the gesprek."""
    if gesprek.is_vastgesteld:
        raise GesprekAfgerond
    gedeeld = GedeeldOnderwerp.objects.filter(gesprek=gesprek)
    gedeeld.exclude(vraag__in=vragen).filter(vraag__isnull=False).delete()
    gedeeld.exclude(instrument__in=instrumenten).filter(instrument__isnull=False).delete()
    al_vragen = set(gedeeld.filter(vraag__isnull=False).values_list("vraag_id", flat=True))
    al_instrumenten = set(gedeeld.filter(instrument__isnull=False).values_list("instrument_id", flat=True))
    GedeeldOnderwerp.objects.bulk_create(
        [GedeeldOnderwerp(gesprek=gesprek, vraag=v) for v in vragen if v.pk not in al_vragen]
        + [GedeeldOnderwerp(gesprek=gesprek, instrument=i) for i in instrumenten if i.pk not in al_instrumenten]
    )
    logboek.vastleggen(
        wie,
        Gebeurtenis.Actie.GEWIJZIGD,
        gesprek,
        wat=f"vooraf te beantwoorden: {len(vragen)} vragen, {len(instrumenten)} instrumenten",
    )


@transaction.atomic
def openen(*, uitnodiging: Uitnodiging, wie: Wie) -> None:
    """The contact opened their link: the first time marks the invitation geopend."""
    if uitnodiging.geopend_op is None:
        uitnodiging.geopend_op = timezone.now()
        Uitnodiging.objects.filter(pk=uitnodiging.pk, geopend_op__isnull=True).update(
            geopend_op=uitnodiging.geopend_op
        )
    logboek.vastleggen(
        wie, Gebeurtenis.Actie.BEKEKEN, uitnodiging.gesprek, wat=f"{uitnodiging.voor_logboek()}: geopend"
    )


def antwoorden_klaarzetten(*, uitnodiging: Uitnodiging, vragen, velden) -> list[Antwoord]:
    """The contact's answers, with a row to save into for every shared question and field that has none yet
    (shared after the link was made). Submitted answers get no new rows."""
    antwoorden = list(Antwoord.objects.filter(uitnodiging=uitnodiging))
    if uitnodiging.is_ingediend:
        return antwoorden
    heeft_vraag = {a.vraag_id for a in antwoorden}
    heeft_veld = {a.veld_id for a in antwoorden}
    nieuw = [Antwoord(uitnodiging=uitnodiging, vraag=v) for v in vragen if v.pk not in heeft_vraag] + [
        Antwoord(uitnodiging=uitnodiging, veld=v) for v in velden if v.pk not in heeft_veld
    ]
    if not nieuw:
        return antwoorden
    # Two tabs may add the same rows at once: the unique constraints keep one, and both read what is stored.
    Antwoord.objects.bulk_create(nieuw, ignore_conflicts=True)
    return list(Antwoord.objects.filter(uitnodiging=uitnodiging))


@dataclass
class Opslagresultaat:
    ingevuld: Antwoord | Opmerking
    opgeslagen: bool


def antwoord_opslaan(*, antwoord: Antwoord, tekst: str, keuze: str, versie: int, wie: Wie) -> Opslagresultaat:
    """Saves an answer if it is based on the newest version; the same text sent again is a success."""
    nu = timezone.now()
    uitnodiging = antwoord.uitnodiging
    with transaction.atomic():
        bijgewerkt = Antwoord.objects.filter(pk=antwoord.pk, versie=versie).update(
            versie=versie + 1, tekst=tekst, keuze=keuze, gewijzigd_op=nu
        )
        if not bijgewerkt:
            antwoord.refresh_from_db()
            return Opslagresultaat(antwoord, (antwoord.tekst, antwoord.keuze) == (tekst, keuze))
        logboek.vastleggen(
            wie,
            Gebeurtenis.Actie.GEWIJZIGD,
            uitnodiging.gesprek,
            wat=f"{uitnodiging.voor_logboek()}: antwoord {antwoord.pk} opgeslagen",
        )
    antwoord.tekst, antwoord.keuze, antwoord.versie, antwoord.gewijzigd_op = tekst, keuze, versie + 1, nu
    return Opslagresultaat(antwoord, True)


@transaction.atomic
def indienen(*, uitnodiging: Uitnodiging, wie: Wie) -> None:
    """The contact hands in their answers or remarks; from now on they only read them."""
    uitnodiging.ingediend_op = timezone.now()
    Uitnodiging.objects.filter(pk=uitnodiging.pk, ingediend_op__isnull=True).update(
        ingediend_op=uitnodiging.ingediend_op
    )
    logboek.vastleggen(
        wie, Gebeurtenis.Actie.GEWIJZIGD, uitnodiging.gesprek, wat=f"{uitnodiging.voor_logboek()}: ingediend"
    )


@transaction.atomic
def in_rapport_kiezen(*, gesprek: Gesprek, wie: Wie, antwoorden: list[Antwoord], in_rapport: bool) -> None:
    """Whether these answers (one, or all of one instrument) go into the report."""
    if gesprek.is_vastgesteld:
        raise GesprekAfgerond
    Antwoord.objects.filter(pk__in=[a.pk for a in antwoorden], uitnodiging__gesprek=gesprek).update(
        in_rapport=in_rapport
    )
    namen = sorted({a.uitnodiging.voor_logboek() for a in antwoorden})
    welke = ", ".join(str(a.pk) for a in antwoorden)[:150]
    logboek.vastleggen(
        wie,
        Gebeurtenis.Actie.GEWIJZIGD,
        gesprek,
        wat=f"{'; '.join(namen)}: antwoord {welke} {'wel' if in_rapport else 'niet'} in het rapport",
    )


@transaction.atomic
def rij_toevoegen(
    *, uitnodiging: Uitnodiging, wie: Wie, instrument: GesprekInstrument, onderdeel: int, naam: str
) -> InstrumentRij:
    """The contact adds a row (a partner, a stakeholder) to a repeated table of a shared instrument: the same row
    the inspector would add, with empty cells for both."""
    rij = gesprek_services.instrument_rij_toevoegen(
        gesprek=uitnodiging.gesprek, wie=wie, instrument=instrument, onderdeel=onderdeel, naam=naam
    )
    logboek.vastleggen(
        wie,
        Gebeurtenis.Actie.GEWIJZIGD,
        uitnodiging.gesprek,
        wat=f"{uitnodiging.voor_logboek()}: rij toegevoegd aan {instrument.titel}",
    )
    return rij


def velden_van(instrumenten) -> list[Invulveld]:
    return [veld for instrument in instrumenten for veld in instrument.velden.all()]


def opmerkingen_klaarzetten(*, uitnodiging: Uitnodiging) -> list[Opmerking]:
    """The contact's remarks, one per section of the concept they check, with a row to save into for each."""
    if not uitnodiging.is_ingediend:
        nieuw = [
            Opmerking(uitnodiging=uitnodiging, sectie=sectie["id"], sectie_titel=sectie["titel"][:300], volgorde=n)
            for n, sectie in enumerate(uitnodiging.versie.secties)
        ]
        Opmerking.objects.bulk_create(nieuw, ignore_conflicts=True)
    return list(Opmerking.objects.filter(uitnodiging=uitnodiging))


def opmerking_opslaan(*, opmerking: Opmerking, tekst: str, versie: int, wie: Wie) -> Opslagresultaat:
    """Saves a remark if it is based on the newest version; the same text sent again is a success."""
    nu = timezone.now()
    uitnodiging = opmerking.uitnodiging
    with transaction.atomic():
        bijgewerkt = Opmerking.objects.filter(pk=opmerking.pk, versie=versie).update(
            versie=versie + 1, tekst=tekst, gewijzigd_op=nu
        )
        if not bijgewerkt:
            opmerking.refresh_from_db()
            return Opslagresultaat(opmerking, opmerking.tekst == tekst)
        logboek.vastleggen(
            wie,
            Gebeurtenis.Actie.GEWIJZIGD,
            uitnodiging.gesprek,
            wat=f"{uitnodiging.voor_logboek()}: opmerking {opmerking.pk} opgeslagen",
        )
    opmerking.tekst, opmerking.versie, opmerking.gewijzigd_op = tekst, versie + 1, nu
    return Opslagresultaat(opmerking, True)


@transaction.atomic
def opmerking_verwerken(*, opmerking: Opmerking, wie: Wie, verwerking: str, reden: str) -> None:
    """The inspector's answer to a remark: taken over, or not, with the reason why."""
    gesprek = opmerking.uitnodiging.gesprek
    if gesprek.is_vastgesteld:
        raise GesprekAfgerond
    opmerking.verwerking, opmerking.reden = verwerking, reden
    opmerking.verwerkt_op, opmerking.verwerkt_door = timezone.now(), wie.gebruiker
    opmerking.save(update_fields=["verwerking", "reden", "verwerkt_op", "verwerkt_door"])
    logboek.vastleggen(
        wie,
        Gebeurtenis.Actie.GEWIJZIGD,
        gesprek,
        wat=f"{opmerking.uitnodiging.voor_logboek()}: opmerking {opmerking.pk} {verwerking.replace('_', ' ')}",
    )
