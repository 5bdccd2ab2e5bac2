"""Afspraken followed up: which can be looked back on in a gesprek, which are the inspector's, and which overdue."""

from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from .models import GROOTSTE_ID, Afspraak, Gesprek
from .widgets import Keuzerondjes

STATUSKNOPPEN = Keuzerondjes(choices=[("", "Open"), *Afspraak.Status.choices[1:]])


def terugblik_mogelijk(gesprek: Gesprek, user):
    """Open afspraken of earlier gesprekken with this organisation that the user is on, not yet on this one's
    agenda: what preparing the gesprek offers to look back on."""
    return (
        Afspraak.objects.voor_inspecteur(user)
        .open()
        .filter(gesprek__organisatie_id=gesprek.organisatie_id, gesprek__datum__lte=gesprek.datum)
        .exclude(gesprek=gesprek)
        .exclude(terugblikken__gesprek=gesprek)
        .select_related("gesprek")
        .order_by("wanneer", "pk")
    )


def van_inspecteur(user):
    """The open afspraken of the user's gesprekken, overdue first, then by date; those without a date last."""
    vandaag = timezone.localdate()
    return (
        Afspraak.objects.voor_inspecteur(user)
        .open()
        .select_related("gesprek__organisatie")
        .annotate(
            volgorde=Case(
                When(wanneer__lt=vandaag, then=Value(0)),
                When(wanneer__isnull=False, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("volgorde", "wanneer", "pk")
    )


def terugblikken_van(gesprek: Gesprek) -> list:
    """The gesprek's terugblikken as Gesprek voeren shows them: each note with its URLs and status buttons."""
    plaatshouder = str(GROOTSTE_ID)
    opslaan = reverse("gesprekken:aantekening_opslaan", args=[gesprek.pk, plaatshouder])
    geschiedenis = reverse("gesprekken:aantekening_geschiedenis", args=[gesprek.pk, plaatshouder])
    terugblikken = list(gesprek.terugblikken.select_related("aantekening", "afspraak__gesprek"))
    for terugblik in terugblikken:
        aantekening = terugblik.aantekening
        aantekening.opslaan_url = opslaan.replace(plaatshouder, str(aantekening.pk))
        aantekening.geschiedenis_url = geschiedenis.replace(plaatshouder, str(aantekening.pk))
        aantekening.keuzeknoppen = STATUSKNOPPEN.render(f"keuze-{aantekening.pk}", aantekening.keuze)
        terugblik.label = f"Status van de afspraak ‘{Truncator(terugblik.afspraak.wat).chars(60)}’"
    return terugblikken
