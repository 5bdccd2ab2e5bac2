"""The demo's invitation: the gesprek in voorbereiding shares two questions and Halen en brengen with its
bestuurder. A link is only shown when it is made (its token is not stored), so every run makes a new one and the
previous demo link stops working."""

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
