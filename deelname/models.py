"""The organisation taking part: an invitation (a link for one contact of one gesprek) and what the contact
answers before the visit.

The link's token is never stored, only its SHA-256 hash: a copy of the database opens no page. One contact has
one invitation per round of a gesprek; a new link replaces the hash, so the old link stops working at once.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gesprekken.models import Gesprek, GesprekInstrument, GesprekVraag, Invulveld


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def nieuw_token() -> str:
    """256 random bits, URL-safe: far beyond guessing, and the rate limit makes trying slower still."""
    return secrets.token_urlsafe(32)


class UitnodigingQuerySet(models.QuerySet):
    def van_gesprek(self, gesprek):
        return self.filter(gesprek=gesprek).order_by("naam", "pk")


class Uitnodiging(models.Model):
    """One contact of the organisation, invited to one gesprek for one round."""

    class Ronde(models.TextChoices):
        VOORBEREIDING = "voorbereiding", "Vooraf invullen"

    class Status(models.TextChoices):
        VERSTUURD = "verstuurd", "Verstuurd"
        GEOPEND = "geopend", "Geopend"
        INGEDIEND = "ingediend", "Ingediend"
        VERLOPEN = "verlopen", "Verlopen"
        INGETROKKEN = "ingetrokken", "Ingetrokken"

    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="uitnodigingen")
    ronde = models.CharField("ronde", max_length=20, choices=Ronde.choices, default=Ronde.VOORBEREIDING)
    naam = models.CharField("naam", max_length=200)
    email = models.EmailField("e-mailadres")
    rol = models.CharField("rol", max_length=200, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    per_mail = models.BooleanField("per e-mail verstuurd", default=False)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="door"
    )
    link_gemaakt_op = models.DateTimeField("link gemaakt op", default=timezone.now)
    verloopt_op = models.DateTimeField("verloopt op")
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)
    geopend_op = models.DateTimeField("eerst geopend op", null=True, blank=True)
    ingediend_op = models.DateTimeField("ingediend op", null=True, blank=True)

    objects = UitnodigingQuerySet.as_manager()

    class Meta:
        verbose_name = "uitnodiging"
        verbose_name_plural = "uitnodigingen"
        ordering = ["gesprek", "naam", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["gesprek", "ronde", "email"], name="een_uitnodiging_per_contact_per_ronde")
        ]

    def __str__(self):
        return f"uitnodiging {self.pk} ({self.naam})"

    @property
    def is_verlopen(self):
        return self.verloopt_op <= timezone.now()

    @property
    def is_ingetrokken(self):
        return self.ingetrokken_op is not None

    @property
    def is_geldig(self):
        return not self.is_ingetrokken and not self.is_verlopen

    @property
    def is_ingediend(self):
        return self.ingediend_op is not None

    @property
    def status(self):
        if self.is_ingediend:
            return self.Status.INGEDIEND
        if self.is_ingetrokken:
            return self.Status.INGETROKKEN
        if self.is_verlopen:
            return self.Status.VERLOPEN
        if self.geopend_op:
            return self.Status.GEOPEND
        return self.Status.VERSTUURD

    @property
    def status_label(self):
        return self.Status(self.status).label

    def voor_logboek(self):
        """What the audit log says of it: which invitation and whose, never what was answered."""
        return f"uitnodiging {self.pk} ({self.naam})"


class GedeeldOnderwerp(models.Model):
    """A question of the vragenlijst or an instrument of the gesprek that the organisation answers in advance."""

    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="+")
    vraag = models.ForeignKey(GesprekVraag, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    instrument = models.ForeignKey(
        GesprekInstrument, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "gedeeld onderwerp"
        verbose_name_plural = "gedeelde onderwerpen"
        constraints = [
            models.CheckConstraint(
                condition=Q(vraag__isnull=True) ^ Q(instrument__isnull=True), name="vraag_of_instrument"
            ),
            models.UniqueConstraint(fields=["gesprek", "vraag"], name="vraag_een_keer_gedeeld"),
            models.UniqueConstraint(fields=["gesprek", "instrument"], name="instrument_een_keer_gedeeld"),
        ]

    def __str__(self):
        return str(self.vraag or self.instrument)


class Antwoord(models.Model):
    """What one contact answered to one shared question or one field of a shared instrument.

    Saved as the inspector's notes are (autosave with a version, 409 on an old one); `in_rapport` is the
    inspector's choice whether it goes into the report.
    """

    uitnodiging = models.ForeignKey(Uitnodiging, on_delete=models.CASCADE, related_name="antwoorden")
    vraag = models.ForeignKey(GesprekVraag, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    veld = models.ForeignKey(Invulveld, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    tekst = models.TextField("antwoord", blank=True)
    keuze = models.CharField("keuze", max_length=10, blank=True)
    versie = models.PositiveIntegerField(default=0)
    gewijzigd_op = models.DateTimeField(null=True, blank=True)
    in_rapport = models.BooleanField("in het rapport", default=False)

    class Meta:
        verbose_name = "antwoord"
        verbose_name_plural = "antwoorden"
        ordering = ["uitnodiging", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vraag__isnull=True) ^ Q(veld__isnull=True), name="antwoord_op_een_ding"
            ),
            models.UniqueConstraint(fields=["uitnodiging", "vraag"], name="een_antwoord_per_vraag"),
            models.UniqueConstraint(fields=["uitnodiging", "veld"], name="een_antwoord_per_veld"),
        ]

    def __str__(self):
        return f"antwoord {self.pk}"

    @property
    def is_ingevuld(self):
        return bool(self.tekst or self.keuze)
