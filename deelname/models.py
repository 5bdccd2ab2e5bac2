"""The organisation taking part: an invitation (a link for one contact of one gesprek), what the contact answers
before the visit, and their remarks on the concept report.

The link's token is never stored, only its SHA-256 hash: a copy of the database opens no page. One contact has
one invitation per round of a gesprek; a new link replaces the hash, so the old link stops working at once.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gesprekken.models import Gesprek, GesprekInstrument, GesprekVraag, Invulveld, RapportVersie


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def nieuw_token() -> str:
    """256 random bits, URL-safe: far beyond guessing, and the rate limit makes trying slower still."""
    return secrets.token_urlsafe(32)


class UitnodigingQuerySet(models.QuerySet):
    def van_gesprek(self, gesprek):
        """The invitations to answer before the visit; those to check a concept are on the Afronden page."""
        return self.filter(gesprek=gesprek, ronde=Uitnodiging.Ronde.VOORBEREIDING).order_by("naam", "pk")


class Uitnodiging(models.Model):
    """One contact of the organisation, invited to one gesprek for one round."""

    class Ronde(models.TextChoices):
        VOORBEREIDING = "voorbereiding", "Vooraf invullen"
        VERIFICATIE = "verificatie", "Concept controleren"

    class Status(models.TextChoices):
        VERSTUURD = "verstuurd", "Verstuurd"
        GEOPEND = "geopend", "Geopend"
        INGEDIEND = "ingediend", "Ingediend"
        VERLOPEN = "verlopen", "Verlopen"
        INGETROKKEN = "ingetrokken", "Ingetrokken"

    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="uitnodigingen")
    ronde = models.CharField("ronde", max_length=20, choices=Ronde.choices, default=Ronde.VOORBEREIDING)
    # The concept the contact checks, in the verification round.
    versie = models.ForeignKey(
        RapportVersie, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="versie"
    )
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
            models.UniqueConstraint(
                fields=["gesprek", "email"],
                condition=Q(ronde="voorbereiding"),
                name="een_uitnodiging_per_contact_vooraf",
            ),
            models.UniqueConstraint(
                fields=["versie", "email"],
                condition=Q(ronde="verificatie"),
                name="een_uitnodiging_per_contact_per_concept",
            ),
            models.CheckConstraint(
                condition=Q(ronde="verificatie", versie__isnull=False) | Q(ronde="voorbereiding", versie__isnull=True),
                name="verificatie_van_een_versie",
            ),
        ]

    def __str__(self):
        return f"uitnodiging {self.pk} ({self.naam})"

    @property
    def is_verificatie(self):
        return self.ronde == self.Ronde.VERIFICATIE

    @property
    def is_verlopen(self):
        return self.verloopt_op <= timezone.now()

    @property
    def is_ingetrokken(self):
        return self.ingetrokken_op is not None

    @property
    def is_afgesloten(self):
        """A concept's check ends when the gesprek has no concept any more (vastgesteld, or reopened): its link
        opens nothing then."""
        return self.is_verificatie and not self.gesprek.heeft_concept

    @property
    def is_geldig(self):
        return not self.is_ingetrokken and not self.is_verlopen and not self.is_afgesloten

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


class Opmerking(models.Model):
    """What one contact remarks on one section of the concept they check, and how the inspector handled it.

    Saved as answers are (autosave with a version, 409 on an old one); `sectie` is the section's id in the version.
    """

    class Verwerking(models.TextChoices):
        OVERGENOMEN = "overgenomen", "Overgenomen"
        NIET_OVERGENOMEN = "niet_overgenomen", "Niet overgenomen"

    uitnodiging = models.ForeignKey(Uitnodiging, on_delete=models.CASCADE, related_name="opmerkingen")
    sectie = models.CharField("sectie", max_length=100)
    sectie_titel = models.CharField("titel van de sectie", max_length=300)
    volgorde = models.PositiveIntegerField(default=0)
    tekst = models.TextField("opmerking", blank=True)
    versie = models.PositiveIntegerField(default=0)
    gewijzigd_op = models.DateTimeField(null=True, blank=True)
    verwerking = models.CharField("verwerking", max_length=20, choices=Verwerking.choices, blank=True)
    reden = models.TextField("reden", blank=True)
    verwerkt_op = models.DateTimeField("verwerkt op", null=True, blank=True)
    verwerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="verwerkt door"
    )

    class Meta:
        verbose_name = "opmerking"
        verbose_name_plural = "opmerkingen"
        ordering = ["uitnodiging", "volgorde", "pk"]
        constraints = [models.UniqueConstraint(fields=["uitnodiging", "sectie"], name="een_opmerking_per_sectie")]

    def __str__(self):
        return f"opmerking {self.pk}"

    @property
    def is_ingevuld(self):
        return bool(self.tekst.strip())

    @property
    def is_verwerkt(self):
        return bool(self.verwerking)
