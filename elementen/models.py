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

    def om_samen_te_stellen(self):
        """The published kaders a vragenlijst is composed from: those with elements, not the instrument guides."""
        return self.gepubliceerd().exclude(soort=Kader.Soort.INSTRUMENTEN)

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
        INSTRUMENTEN = "instrumenten", "Instrumenten voor het gesprek"

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


class Instrument(models.Model):
    """A tool of a guide for a conversation about cooperation: questions, a form, a scan, a slider, or background.

    The guides of Platform31 (werkbladen, "Hoe zit dat bij jou?") and of VNG (1.1 … 4.4) hold them; an inspector
    adds them to a gesprek, where they are copied as the criteria and questions are.
    """

    class Vorm(models.TextChoices):
        VRAGEN = "vragen", "Vragen"
        FORMULIER = "formulier", "Formulier"
        ZELFSCAN = "zelfscan", "Zelfscan"
        SCHUIF = "schuif", "Schuif tussen twee polen"
        ACHTERGROND = "achtergrond", "Achtergrond"

    class Moment(models.TextChoices):
        VOOR = "voor", "Voor het gesprek"
        TIJDENS = "tijdens", "Tijdens het gesprek"
        NA = "na", "Na het gesprek"

    class Invuller(models.TextChoices):
        INSPECTEUR = "inspecteur", "De inspecteur"
        ORGANISATIE = "organisatie", "De organisatie"
        SAMEN = "samen", "Inspecteur en organisatie samen"

    kader = models.ForeignKey(Kader, on_delete=models.CASCADE, related_name="instrumenten", verbose_name="kader")
    code = models.CharField("nummer", max_length=20, blank=True, help_text="Zoals de bron het nummert, bijv. ‘1.1’.")
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    titel = models.CharField("titel", max_length=200)
    doel = models.TextField("doel", blank=True)
    toelichting = models.TextField("toelichting", blank=True)
    bron = models.CharField(
        "plaats in de bron", max_length=200, blank=True, help_text="Hoofdstuk, paragraaf of werkblad."
    )
    vorm = models.CharField("vorm", max_length=20, choices=Vorm.choices)
    moment = models.CharField("moment", max_length=20, choices=Moment.choices, default=Moment.TIJDENS)
    invuller = models.CharField("wie vult in", max_length=20, choices=Invuller.choices, default=Invuller.SAMEN)
    elementen = models.ManyToManyField(
        Element,
        blank=True,
        related_name="instrumenten",
        verbose_name="dient elementen",
        help_text="De elementen van samenwerking waarbij het instrument past.",
    )

    history = HistoricalRecords(m2m_fields=[elementen])

    class Meta:
        verbose_name = "instrument"
        verbose_name_plural = "instrumenten"
        ordering = ["kader", "volgorde", "id"]

    def __str__(self):
        return f"{self.code} {self.titel}" if self.code else self.titel

    @property
    def is_in_te_vullen(self):
        return self.vorm != self.Vorm.ACHTERGROND


class Onderdeel(models.Model):
    """A part of an instrument: its questions, a table, statements on a scale, a slider, or text to read."""

    class Soort(models.TextChoices):
        VRAGEN = "vragen", "Vragen, elk met een antwoord"
        TABEL = "tabel", "Tabel om in te vullen"
        SCAN = "scan", "Stellingen met een schaal"
        SCHUIF = "schuif", "Schuif tussen twee polen"
        TEKST = "tekst", "Alleen tekst"

    class Herhaling(models.TextChoices):
        GEEN = "", "Eén keer"
        PARTNER = "partner", "Per samenwerkingspartner"
        ROL = "rol", "Per rol"
        STAKEHOLDER = "stakeholder", "Per stakeholder"
        OVERLEG = "overleg", "Per overleg"

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="onderdelen", verbose_name="instrument"
    )
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    titel = models.CharField("titel", max_length=200, blank=True)
    tekst = models.TextField("tekst", blank=True)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    herhaling = models.CharField(
        "herhaald", max_length=20, choices=Herhaling.choices, blank=True, help_text="Alleen voor een tabel."
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "onderdeel"
        verbose_name_plural = "onderdelen"
        ordering = ["instrument", "volgorde", "id"]

    def __str__(self):
        return self.titel or f"{self.instrument.titel}, onderdeel {self.volgorde}"


class Item(models.Model):
    """One text of an onderdeel, word for word from the guide: a question, a column, a scale value, …"""

    class Soort(models.TextChoices):
        VRAAG = "vraag", "Vraag"
        DOORVRAAG = "doorvraag", "Doorvraag"
        STELLING = "stelling", "Stelling"
        KOLOM = "kolom", "Kolom"
        RIJ = "rij", "Rij"
        STAP = "stap", "Stap"
        SCHAALWAARDE = "schaalwaarde", "Waarde op de schaal"
        POOL = "pool", "Pool van de schuif"
        TEKST = "tekst", "Tekst"

    onderdeel = models.ForeignKey(Onderdeel, on_delete=models.CASCADE, related_name="items", verbose_name="onderdeel")
    hoofditem = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="doorvragen",
        verbose_name="hoort bij",
        help_text="Alleen voor een doorvraag: de vraag waarop hij doorvraagt.",
    )
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    tekst = models.TextField("tekst")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "item"
        verbose_name_plural = "items"
        ordering = ["onderdeel", "volgorde", "id"]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.tekst[:60]}"
