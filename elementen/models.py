"""The question bank: the kaders of TSD, shaped as the handreiking is written.

A kader holds its elements; a core element holds criteria (grouped in kwadranten where the handreiking
does so) and voorbeeldvragen with doorvragen. Every model keeps a history of who changed what and when.
"""

from django.db import models
from django.db.models import Prefetch
from simple_history.models import HistoricalRecords


class KaderQuerySet(models.QuerySet):
    def gepubliceerd(self):
        return self.filter(status=Kader.Status.GEPUBLICEERD)

    def met_inhoud(self):
        """Everything a reader of the kader sees, in a fixed number of queries."""
        return self.prefetch_related(
            Prefetch(
                "elementen",
                queryset=Element.objects.prefetch_related(
                    "kwadranten",
                    Prefetch("criteria", queryset=Criterium.objects.select_related("kwadrant")),
                    Prefetch(
                        "voorbeeldvragen",
                        queryset=Voorbeeldvraag.objects.prefetch_related("doorvragen", "criteria"),
                    ),
                ),
            ),
            "gesprekshulpen",
            "aanleidingen",
        )


class Kader(models.Model):
    class Soort(models.TextChoices):
        HANDREIKING = "handreiking", "Handreiking voor inspecteurs"
        LEIDRAAD = "leidraad", "Gespreksleidraad voor intern toezichthouders"

    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"
        INGETROKKEN = "ingetrokken", "Ingetrokken"

    class Nummering(models.TextChoices):
        CIJFERS = "cijfers", "Cijfers (1, 2, 3)"
        LETTERS = "letters", "Letters (a, b, c)"

    titel = models.CharField("titel", max_length=200)
    ondertitel = models.CharField("ondertitel", max_length=300, blank=True)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    versie = models.CharField("versie", max_length=50, help_text="Bijvoorbeeld ‘september 2023’.")
    status = models.CharField("publicatiestatus", max_length=20, choices=Status.choices, default=Status.CONCEPT)
    gepubliceerd_op = models.DateField("gepubliceerd op", null=True, blank=True)
    uitgever = models.CharField("uitgever", max_length=200, default="Toezicht Sociaal Domein")
    inleiding = models.TextField("inleiding", blank=True)
    inwonerperspectief = models.TextField(
        "inwonerperspectief",
        blank=True,
        help_text="Het centrale vertrekpunt van ieder gesprek, geen apart element.",
    )
    criteria_nummering = models.CharField(
        "nummering van criteria", max_length=10, choices=Nummering.choices, default=Nummering.CIJFERS
    )

    history = HistoricalRecords()
    objects = KaderQuerySet.as_manager()

    class Meta:
        verbose_name = "kader"
        verbose_name_plural = "kaders"
        ordering = ["soort", "-gepubliceerd_op", "titel"]
        constraints = [
            models.UniqueConstraint(
                fields=["soort", "versie"],
                name="kader_uniek_per_soort_en_versie",
                violation_error_message="Er is al een kader van deze soort met deze versie.",
            ),
        ]

    def __str__(self):
        return f"{self.titel} ({self.versie})"

    def kernelementen(self):
        return sorted((e for e in self.elementen.all() if e.is_kernelement), key=lambda e: e.kern_volgorde or 0)

    def overige_elementen(self):
        return [e for e in self.elementen.all() if not e.is_kernelement]

    def inwonerperspectief_vragen(self):
        return [h for h in self.gesprekshulpen.all() if h.soort == Gesprekshulp.Soort.INWONERPERSPECTIEF]

    def tips_per_soort(self):
        """[(kop, [gesprekshulpen])] for every kind of aid but the inwonerperspectief questions."""
        groepen = []
        for soort, kop in Gesprekshulp.KOPPEN.items():
            hulpen = [h for h in self.gesprekshulpen.all() if h.soort == soort]
            if hulpen:
                groepen.append((kop, hulpen))
        return groepen


class Element(models.Model):
    kader = models.ForeignKey(Kader, on_delete=models.CASCADE, related_name="elementen", verbose_name="kader")
    nummer = models.PositiveSmallIntegerField("nummer", help_text="Het nummer in Bijlage 2 van de handreiking.")
    naam = models.CharField("naam", max_length=200)
    korte_omschrijving = models.TextField("korte omschrijving", blank=True)
    inleiding = models.TextField("inleiding", blank=True, help_text="De inleidende tekst in hoofdstuk 2.")
    criteria_inleiding = models.TextField(
        "inleiding op de criteria", blank=True, help_text="Een zin die de opsomming van criteria inleidt."
    )
    is_kernelement = models.BooleanField("kernelement", default=False)
    kern_volgorde = models.PositiveSmallIntegerField(
        "volgorde in hoofdstuk 2", null=True, blank=True, help_text="Alleen voor kernelementen."
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "element"
        verbose_name_plural = "elementen"
        ordering = ["kader", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["kader", "nummer"],
                name="element_nummer_uniek_per_kader",
                violation_error_message="Dit kader heeft al een element met dit nummer.",
            ),
        ]

    def __str__(self):
        return f"{self.nummer}. {self.naam}"

    def criteria_per_kwadrant(self):
        """[(kwadrant or None, [criteria])] in the handreiking's order."""
        groepen = []
        for criterium in self.criteria.all():
            if groepen and groepen[-1][0] == criterium.kwadrant:
                groepen[-1][1].append(criterium)
            else:
                groepen.append((criterium.kwadrant, [criterium]))
        return groepen


class Kwadrant(models.Model):
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="kwadranten", verbose_name="element")
    naam = models.CharField("naam", max_length=200)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "kwadrant"
        verbose_name_plural = "kwadranten"
        ordering = ["element", "volgorde", "id"]

    def __str__(self):
        return self.naam


class Criterium(models.Model):
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="criteria", verbose_name="element")
    kwadrant = models.ForeignKey(
        Kwadrant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="criteria",
        verbose_name="kwadrant",
    )
    nummer = models.PositiveSmallIntegerField("nummer")
    tekst = models.TextField("tekst")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "criterium"
        verbose_name_plural = "criteria"
        ordering = ["element", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["element", "nummer"],
                name="criterium_nummer_uniek_per_element",
                violation_error_message="Dit element heeft al een criterium met dit nummer.",
            ),
        ]

    def __str__(self):
        return f"{self.element.naam} {self.label}"

    @property
    def label(self):
        """The number as the kader prints it: 1, 2, 3 in the handreiking, a, b, c in the leidraad."""
        if self.element.kader.criteria_nummering == Kader.Nummering.LETTERS and 1 <= self.nummer <= 26:
            return chr(ord("a") + self.nummer - 1)
        return str(self.nummer)


class Voorbeeldvraag(models.Model):
    element = models.ForeignKey(
        Element, on_delete=models.CASCADE, related_name="voorbeeldvragen", verbose_name="element"
    )
    nummer = models.PositiveSmallIntegerField("nummer")
    tekst = models.TextField("vraag")
    criteria = models.ManyToManyField(
        Criterium,
        blank=True,
        related_name="voorbeeldvragen",
        verbose_name="dient criteria",
        help_text="Bij welke criteria van hetzelfde element deze vraag hoort.",
    )

    history = HistoricalRecords(m2m_fields=[criteria])

    class Meta:
        verbose_name = "voorbeeldvraag"
        verbose_name_plural = "voorbeeldvragen"
        ordering = ["element", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["element", "nummer"],
                name="voorbeeldvraag_nummer_uniek_per_element",
                violation_error_message="Dit element heeft al een voorbeeldvraag met dit nummer.",
            ),
        ]

    def __str__(self):
        return f"{self.element.naam}, vraag {self.nummer}"


class Doorvraag(models.Model):
    voorbeeldvraag = models.ForeignKey(
        Voorbeeldvraag, on_delete=models.CASCADE, related_name="doorvragen", verbose_name="voorbeeldvraag"
    )
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    tekst = models.TextField("doorvraag")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "doorvraag"
        verbose_name_plural = "doorvragen"
        ordering = ["voorbeeldvraag", "volgorde", "id"]

    def __str__(self):
        return self.tekst[:80]


class Gesprekshulp(models.Model):
    """The conversation aids of chapter 3 of the handreiking."""

    class Soort(models.TextChoices):
        INWONERPERSPECTIEF = "inwonerperspectief", "Vraag vanuit het inwonerperspectief"
        OPENINGSVRAAG = "openingsvraag", "Waarderende openingsvraag"
        GOUDEN_REGEL = "gouden_regel", "Gouden regel van waarderende gespreksvoering"
        TIP = "tip", "Tip"
        TIP_INSPECTEURS = "tip_inspecteurs", "Tip van inspecteurs"

    KOPPEN = {
        Soort.OPENINGSVRAAG: "Waarderende openingsvragen",
        Soort.GOUDEN_REGEL: "Gouden regels van waarderende gespreksvoering",
        Soort.TIP_INSPECTEURS: "Tips van inspecteurs",
        Soort.TIP: "Tips",
    }

    kader = models.ForeignKey(Kader, on_delete=models.CASCADE, related_name="gesprekshulpen", verbose_name="kader")
    soort = models.CharField("soort", max_length=30, choices=Soort.choices)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    tekst = models.TextField("tekst")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "gesprekshulp"
        verbose_name_plural = "gesprekshulpen"
        ordering = ["kader", "soort", "volgorde", "id"]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.tekst[:60]}"


class Gespreksaanleiding(models.Model):
    """An occasion from chapter 1 for which the handreiking can be used."""

    kader = models.ForeignKey(Kader, on_delete=models.CASCADE, related_name="aanleidingen", verbose_name="kader")
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    tekst = models.CharField("aanleiding", max_length=200)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "gespreksaanleiding"
        verbose_name_plural = "gespreksaanleidingen"
        ordering = ["kader", "volgorde", "id"]

    def __str__(self):
        return self.tekst
