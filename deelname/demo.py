"""The demo's invitations: the gesprek in voorbereiding shares two questions and Halen en brengen with its
bestuurder, and the gesprek with a concept report sends it to its bestuurder to check. A link is only shown when it
is made (its token is not stored), so every run makes a new one and the previous demo link stops working."""

from elementen.models import Instrument
from gesprekken import services as gesprek_services
from gesprekken.logboek import Wie
from gesprekken.models import Gesprek, GesprekVraag

from . import services


def uitnodiging_vooraf(*, inspecteur) -> str | None:
    """The full link of the pre-visit invitation of `inspecteur`'s first gesprek in voorbereiding, or None."""
    gesprek = (
        Gesprek.objects.filter(eigenaar=inspecteur, status=Gesprek.Status.VOORBEREIDING)
        .order_by("datum", "pk")
        .first()
    )
    if gesprek is None:
        return None
    wie = Wie(inspecteur)
    instrumenten = list(gesprek.instrumenten.filter(titel__icontains="Halen en brengen"))
    halen_en_brengen = Instrument.objects.filter(titel__icontains="Halen en brengen").first()
    if not instrumenten and halen_en_brengen is not None:
        instrumenten = [gesprek_services.instrument_toevoegen(gesprek=gesprek, wie=wie, instrument=halen_en_brengen)]
    vragen = list(
        GesprekVraag.objects.filter(
            gesprek=gesprek, opgenomen=True, hoofdvraag__isnull=True, element__isnull=False
        ).order_by("element__volgorde", "volgorde")[:2]
    )
    services.onderwerpen_kiezen(gesprek=gesprek, wie=wie, vragen=vragen, instrumenten=instrumenten)
    link = services.uitnodigen(
        gesprek=gesprek,
        wie=wie,
        naam="A. Bestuurder",
        email="bestuurder@example.nl",
        rol="voorzitter raad van bestuur",
        per_mail=False,
    )
    return link.url


def uitnodiging_verificatie(*, inspecteur) -> str | None:
    """The full link to check the concept of `inspecteur`'s first gesprek with one, or None."""
    gesprek = Gesprek.objects.filter(eigenaar=inspecteur, status__in=Gesprek.MET_CONCEPT).order_by("pk").first()
    concept = services.te_controleren(gesprek) if gesprek else None
    if concept is None:
        return None
    link = services.uitnodigen(
        gesprek=gesprek,
        wie=Wie(inspecteur),
        naam="B. Bestuurder",
        email="bestuurder@jeugdhulp.example.nl",
        rol="bestuurder",
        per_mail=False,
        versie=concept,
    )
    return link.url
