"""A gesprek and everything it keeps: its own copy of the question list and the inspectors' notes.

Texts from the question bank are copied into the gesprek when the list is composed, so that TSD editing or
deleting the bank afterwards changes nothing in a gesprek or its report.
"""

import functools
from datetime import timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords

from elementen.models import Item, Kader, Onderdeel

from .woorden import doelgroep_invullen

# The largest id a 64-bit column holds; SQLite cannot even compare a larger one.
GROOTSTE_ID = 2**63 - 1


def past_in_een_id(getal: int) -> bool:
    return abs(getal) <= GROOTSTE_ID


class Inspectie(models.TextChoices):
    IGJ = "igj", "Inspectie Gezondheidszorg en Jeugd (IGJ)"
    JENV = "jenv", "Inspectie Justitie en Veiligheid (IJenV)"
    ONDERWIJS = "onderwijs", "Inspectie van het Onderwijs (IvhO)"
    NLA = "nla", "Nederlandse Arbeidsinspectie (NLA)"
    WMO = "wmo", "Wmo-toezichthouder"


class OrganisatieType(models.TextChoices):
    GEMEENTE = "gemeente", "Gemeente"
    ZORGAANBIEDER = "zorgaanbieder", "Zorgaanbieder"
    ONDERWIJSINSTELLING = "onderwijsinstelling", "Onderwijsinstelling"
    JUSTITIELE_INSTELLING = "justitiele_instelling", "Justitiële instelling"
    MAATSCHAPPELIJKE_ORGANISATIE = "maatschappelijke_organisatie", "Maatschappelijke organisatie"
    WERKGEVER = "werkgever", "Werkgever"
    ANDERS = "anders", "Anders"


def naam_sleutel(naam: str) -> str:
    """A name as two spellings of one organisation share it: case and spacing aside."""
    return " ".join(naam.split()).casefold()


class OrganisatieQuerySet(models.QuerySet):
    def met_naam(self, naam: str):
        return self.filter(sleutel=naam_sleutel(naam))


class Organisatie(models.Model):
    """An organisation that gesprekken are held with; inspectors come back, so it is found again by its name.

    Its kind and words are what a new gesprek with it starts from; each gesprek keeps its own copy of them, as
    they were at that gesprek. Two organisations may share a name (a beheerder split a wrong merge): `sleutel` is
    the name without case and spacing, indexed, not unique.
    """

    naam = models.CharField("naam", max_length=200)
    sleutel = models.CharField(max_length=200, db_index=True, editable=False)
    soort = models.CharField("soort organisatie", max_length=40, choices=OrganisatieType.choices)
    doelgroep_meervoud = models.CharField(
        "zo noemt de organisatie de mensen die zij helpt", max_length=60, default="inwoners"
    )
    doelgroep_enkelvoud = models.CharField("enkelvoud", max_length=60, default="inwoner")
    plaats = models.CharField("plaats", max_length=100, blank=True)
    kvk_nummer = models.CharField(
        "KvK-nummer",
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{8}$", "Een KvK-nummer bestaat uit 8 cijfers.")],
    )

    objects = OrganisatieQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["naam", "plaats", "id"]

    def __str__(self):
        return self.naam

    def save(self, *args, **kwargs):
        # The key is the name in another form, not another model: kept with it, also for admin's edits.
        self.sleutel = naam_sleutel(self.naam)
        if "update_fields" in kwargs and "naam" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sleutel"}
        super().save(*args, **kwargs)

    @property
    def label(self):
        """The name, with the place when there is one: tells apart organisations of one name."""
        return f"{self.naam} ({self.plaats})" if self.plaats else self.naam


def _gedeeld_met(user):
    """The rows that share gesprekken with `user`: with the owner, who is on a gesprek."""
    return Gesprek.co_inspecteurs.through.objects.filter(user=user)


class GesprekQuerySet(models.QuerySet):
    def voor_inspecteur(self, user):
        """The gesprekken a user is on: owns or shares; nobody else's."""
        # One UNION subquery, not "eigenaar OR pk IN (…)": each half uses its index, the OR scanned every gesprek.
        eigen = Gesprek.objects.filter(eigenaar=user).order_by().values("pk")
        return self.filter(pk__in=eigen.union(_gedeeld_met(user).values("gesprek_id")))

    def met_betrokkenheid(self, user):
        """Annotates `ik_ben_erbij`: whether the user is on the gesprek (as voor_inspecteur), and so may read it."""
        gedeeld = _gedeeld_met(user).filter(gesprek=OuterRef("pk"))
        return self.annotate(
            ik_ben_erbij=ExpressionWrapper(Q(eigenaar=user) | Exists(gedeeld), output_field=BooleanField())
        )

    def gehouden(self):
        """Gesprekken that were held (gevoerd, concept, ter verificatie or vastgesteld): what the overview counts."""
        return self.filter(status__in=Gesprek.GEHOUDEN)

    def om_te_wijzigen(self, pk):
        """The gesprek read again and locked until the transaction ends, for a change that compares before it writes.

        NO KEY: a colleague's visit or note logged meanwhile (a row referring to the gesprek) need not wait for it.
        """
        return self.select_for_update(no_key=True, of=("self",)).get(pk=pk)

    def met_vragenlijst(self):
        """Gesprekken with their whole list and notes, in a fixed number of queries: what the gesprek pages show."""
        hoofdvragen = GesprekVraag.objects.filter(hoofdvraag__isnull=True).prefetch_related("doorvragen")
        return self.prefetch_related(
            Prefetch(
                "elementen",
                queryset=GesprekElement.objects.prefetch_related(
                    Prefetch("criteria", queryset=GesprekCriterium.objects.select_related("aantekening")),
                    Prefetch("vragen", queryset=hoofdvragen, to_attr="hoofdvragen"),
                    Prefetch(
                        "aantekeningen", queryset=Aantekening.objects.filter(criterium__isnull=True), to_attr="vrij"
                    ),
                    Prefetch("instrumenten", queryset=GesprekInstrument.objects.met_velden()),
                ),
            ),
            Prefetch(
                "instrumenten",
                queryset=GesprekInstrument.objects.met_velden().filter(element__isnull=True),
                to_attr="algemene_instrumenten",
            ),
            # Appreciative opening questions first ("openingsvraag" sorts after "inwonerperspectief").
            Prefetch(
                "vragen",
                queryset=GesprekVraag.objects.filter(element__isnull=True).order_by("-soort", "volgorde"),
                to_attr="hulpvragen",
            ),
        )

    def met_rapport(self):
        """As met_vragenlijst, with who took part and the afspraken: all the report and the exports hold."""
        return (
            self.met_vragenlijst()
            .select_related("eigenaar")
            .prefetch_related(
                "bestuurders",
                "co_inspecteurs",
                "afspraken",
                Prefetch(
                    "terugblikken", queryset=Terugblik.objects.select_related("aantekening", "afspraak__gesprek")
                ),
            )
        )


class GesprekManager(models.Manager):
    def get_queryset(self):
        # Every page of a gesprek shows its organisation's name: read with it, not one query more per page.
        return super().get_queryset().select_related("organisatie")


class Gesprek(models.Model):
    class Status(models.TextChoices):
        VOORBEREIDING = "voorbereiding", "In voorbereiding"
        GEVOERD = "gevoerd", "Gevoerd"
        CONCEPT = "concept", "Concept"
        TER_VERIFICATIE = "ter_verificatie", "Ter verificatie"
        VASTGESTELD = "vastgesteld", "Vastgesteld"

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="gesprekken", verbose_name="organisatie"
    )
    organisatie_type = models.CharField("soort organisatie", max_length=40, choices=OrganisatieType.choices)
    doelgroep_meervoud = models.CharField(
        "zo noemt de organisatie de mensen die zij helpt", max_length=60, default="inwoners"
    )
    doelgroep_enkelvoud = models.CharField("enkelvoud", max_length=60, default="inwoner")
    inspectie = models.CharField("inspectie", max_length=20, choices=Inspectie.choices)
    aanleiding = models.CharField("aanleiding", max_length=200)
    datum = models.DateField("datum van het gesprek")
    casus_partner = models.CharField("samenwerkingspartner", max_length=200, blank=True)
    casus_omschrijving = models.TextField("samenwerking of casus als uitgangspunt", blank=True)

    kader = models.ForeignKey(
        Kader, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="kader"
    )
    kader_titel = models.CharField("kader", max_length=300, blank=True)

    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="eigen_gesprekken", verbose_name="eigenaar"
    )
    co_inspecteurs = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="gedeelde_gesprekken", verbose_name="co-inspecteurs"
    )
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.VOORBEREIDING)

    samenvatting = models.TextField("samenvatting", blank=True)
    wat_goed_gaat = models.TextField("wat gaat goed", blank=True)
    ontwikkelkansen = models.TextField("kansen voor ontwikkeling", blank=True)
    vastgesteld_op = models.DateTimeField("vastgesteld op", null=True, blank=True)

    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = GesprekManager.from_queryset(GesprekQuerySet)()

    # A gesprek in voorbereiding has an agenda but no conversation yet.
    GEHOUDEN = [Status.GEVOERD, Status.CONCEPT, Status.TER_VERIFICATIE, Status.VASTGESTELD]
    # The report is rounded off: a concept version exists, the organisation may check it.
    MET_CONCEPT = [Status.CONCEPT, Status.TER_VERIFICATIE]

    class Meta:
        verbose_name = "gesprek"
        verbose_name_plural = "gesprekken"
        ordering = ["-datum", "-id"]
        indexes = [
            models.Index(fields=["eigenaar", "-datum"]),
            # The overview's gesprekken in view, its filter choices and its afspraken from the index alone.
            models.Index(
                fields=[
                    "status",
                    "datum",
                    "inspectie",
                    "aanleiding",
                    "organisatie_type",
                    "kader",
                    "kader_titel",
                    "id",
                ],
                name="gesprek_overzicht_idx",
            ),
        ]

    def __str__(self):
        return f"{self.organisatie} ({self.datum:%d-%m-%Y})"

    def aanraken(self):
        """Marks the gesprek as changed now, also for changes to its list."""
        self.gewijzigd_op = timezone.now()
        Gesprek.objects.filter(pk=self.pk).update(gewijzigd_op=self.gewijzigd_op)

    @property
    def is_vastgesteld(self):
        return self.status == self.Status.VASTGESTELD

    @property
    def heeft_concept(self):
        return self.status in self.MET_CONCEPT

    @property
    def heeft_rapport(self):
        """Rounded off: the report has a concept or is vastgesteld; the gesprek opens at Afronden."""
        return self.heeft_concept or self.is_vastgesteld

    def werkt_mee(self, user):
        """Whether the user is on this gesprek, as voor_inspecteur; no query for the owner."""
        return self.eigenaar_id == user.pk or _gedeeld_met(user).filter(gesprek=self).exists()

    def inspecteurs(self):
        return [self.eigenaar, *self.co_inspecteurs.all()]

    def in_eigen_woorden(self, tekst):
        """A bank text as it reads for this organisation: its own word for inwoners, the casus partner's name."""
        return doelgroep_invullen(
            tekst,
            meervoud=self.doelgroep_meervoud,
            enkelvoud=self.doelgroep_enkelvoud,
            partner=self.casus_partner,
        )


class Bestuurder(models.Model):
    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="bestuurders")
    naam = models.CharField("naam", max_length=200)
    functie = models.CharField("functie", max_length=200, blank=True)

    class Meta:
        verbose_name = "bestuurder"
        verbose_name_plural = "bestuurders"
        ordering = ["id"]

    def __str__(self):
        return f"{self.naam}, {self.functie}" if self.functie else self.naam


class AfspraakQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Afspraak.Status.OPEN)

    def verlopen(self, op=None):
        """Open afspraken whose date has passed: what an inspector is reminded of."""
        return self.open().filter(wanneer__lt=op or timezone.localdate())

    def voor_inspecteur(self, user):
        """Afspraken of the gesprekken the user is on, and nobody else's."""
        return self.filter(gesprek__in=Gesprek.objects.voor_inspecteur(user).order_by().values("pk"))


class Afspraak(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        NAGEKOMEN = "nagekomen", "Nagekomen"
        DEELS = "deels", "Deels nagekomen"
        # At most 10 characters: the status is also the `keuze` of a terugblik's note.
        NIET_NAGEKOMEN = "niet", "Niet nagekomen"
        VERVALLEN = "vervallen", "Vervallen"

    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="afspraken")
    wat = models.TextField("wat")
    wie = models.CharField("wie", max_length=200)
    wanneer = models.DateField("wanneer", null=True, blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.OPEN)
    toelichting = models.TextField(
        "toelichting", blank=True, help_text="Hoe de afspraak is nagekomen, of waarom niet."
    )
    # When the inspectors were told it is overdue (`afspraken_herinneren`): each afspraak once.
    herinnerd_op = models.DateTimeField("herinnerd op", null=True, blank=True, editable=False)

    objects = AfspraakQuerySet.as_manager()

    class Meta:
        verbose_name = "afspraak"
        verbose_name_plural = "afspraken"
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "wanneer"], name="afspraak_status_wanneer_idx")]

    def __str__(self):
        return self.wat[:80]

    @property
    def is_verlopen(self):
        return self.status == self.Status.OPEN and self.wanneer is not None and self.wanneer < timezone.localdate()


class Terugblik(models.Model):
    """An afspraak of an earlier gesprek put on the agenda of a later one: there the inspectors record how it went.

    What they record is the `aantekening` (its text, and its `keuze` the afspraak's status), so it is saved as every
    note is: autosave, versions, conflicts, history and log. Saving it writes the afspraak's status too.
    """

    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="terugblikken")
    afspraak = models.ForeignKey(Afspraak, on_delete=models.CASCADE, related_name="terugblikken")
    aantekening = models.OneToOneField("Aantekening", on_delete=models.CASCADE, related_name="terugblik")

    class Meta:
        verbose_name = "terugblik op een afspraak"
        verbose_name_plural = "terugblikken op afspraken"
        ordering = ["afspraak__wanneer", "id"]
        constraints = [models.UniqueConstraint(fields=["gesprek", "afspraak"], name="een_terugblik_per_afspraak")]

    def __str__(self):
        return f"terugblik op {self.afspraak}"

    @property
    def status_label(self):
        """The status recorded in the note, as the report writes it; none chosen is open."""
        return Afspraak.Status(self.aantekening.keuze or Afspraak.Status.OPEN).label


class GesprekElement(models.Model):
    """An element of the kader as copied into one gesprek."""

    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="elementen")
    bron = models.ForeignKey("elementen.Element", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    nummer = models.PositiveSmallIntegerField()
    naam = models.CharField(max_length=200)
    is_kernelement = models.BooleanField(default=False)
    volgorde = models.PositiveSmallIntegerField(default=0)
    opgenomen = models.BooleanField("op de agenda", default=False)

    class Meta:
        ordering = ["gesprek", "volgorde", "id"]

    def __str__(self):
        return self.naam

    def in_gesprek(self):
        """On the agenda, or holding a note: what was recorded stays in view even if taken off the agenda.

        Reads the criteria with their notes and the free note (`vrij`) that the gesprek views prefetch.
        """
        if self.opgenomen or self.instrumenten.all():
            return True
        if not hasattr(self, "vrij"):
            return self.aantekeningen.ingevuld().exists()
        aantekeningen = [*self.vrij, *(getattr(c, "aantekening", None) for c in self.criteria.all())]
        return any(a and (a.tekst or a.observatie) for a in aantekeningen)


class GesprekCriterium(models.Model):
    element = models.ForeignKey(GesprekElement, on_delete=models.CASCADE, related_name="criteria")
    bron = models.ForeignKey("elementen.Criterium", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    label = models.CharField(max_length=5)
    kwadrant = models.CharField(max_length=200, blank=True)
    tekst = models.TextField()
    volgorde = models.PositiveSmallIntegerField(default=0)
    opgenomen = models.BooleanField(default=False)

    class Meta:
        ordering = ["element", "volgorde", "id"]

    def __str__(self):
        return f"{self.label}. {self.tekst[:60]}"


class GesprekVraag(models.Model):
    """A question on the vragenlijst: from the bank, a conversation aid, or the inspector's own."""

    class Soort(models.TextChoices):
        OPENINGSVRAAG = "openingsvraag", "Waarderende openingsvraag"
        INWONERPERSPECTIEF = "inwonerperspectief", "Vraag vanuit het inwonerperspectief"
        VOORBEELDVRAAG = "voorbeeldvraag", "Voorbeeldvraag"
        DOORVRAAG = "doorvraag", "Doorvraag"
        EIGEN = "eigen", "Eigen vraag"

    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="vragen")
    element = models.ForeignKey(GesprekElement, on_delete=models.CASCADE, null=True, blank=True, related_name="vragen")
    hoofdvraag = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="doorvragen")
    soort = models.CharField(max_length=20, choices=Soort.choices)
    brontekst = models.TextField(blank=True, help_text="De tekst zoals de vragenbank hem had.")
    tekst = models.TextField("vraag")
    criteria_labels = models.CharField(max_length=100, blank=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    opgenomen = models.BooleanField(default=False)

    class Meta:
        ordering = ["gesprek", "volgorde", "id"]

    def __str__(self):
        return self.tekst[:80]

    @property
    def is_eigen(self):
        return self.soort == self.Soort.EIGEN


class GesprekInstrumentQuerySet(models.QuerySet):
    def met_velden(self):
        return self.prefetch_related(
            Prefetch("velden", queryset=Invulveld.objects.select_related("aantekening")), "rijen"
        )


class GesprekInstrument(models.Model):
    """An instrument of a guide as copied into one gesprek: under one of its elements, or for the whole gesprek.

    `inhoud` holds the instrument's onderdelen and items as the guide's fixture writes them (titel, tekst, soort,
    herhaling, items with soort, tekst and doorvragen), in the organisation's own words: editing or deleting the
    instrument in the bank later changes nothing here.
    """

    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="instrumenten")
    # Composing the list anew deletes its elements; the instrument then stays, for the whole gesprek.
    element = models.ForeignKey(
        GesprekElement, on_delete=models.SET_NULL, null=True, blank=True, related_name="instrumenten"
    )
    bron = models.ForeignKey(
        "elementen.Instrument", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    bronvermelding = models.CharField(max_length=400, help_text="Uitgever, titel en versie van de gids.")
    code = models.CharField(max_length=20, blank=True)
    titel = models.CharField(max_length=200)
    doel = models.TextField(blank=True)
    toelichting = models.TextField(blank=True)
    vorm = models.CharField(max_length=20)
    inhoud = models.JSONField(default=list)
    volgorde = models.PositiveIntegerField(default=0)

    objects = GesprekInstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["gesprek", "volgorde", "id"]

    def __str__(self):
        return f"{self.code} {self.titel}" if self.code else self.titel


class InstrumentRij(models.Model):
    """A row the inspector added to a repeated table: one partner, stakeholder, role or overleg."""

    instrument = models.ForeignKey(GesprekInstrument, on_delete=models.CASCADE, related_name="rijen")
    onderdeel = models.PositiveSmallIntegerField()
    naam = models.CharField("naam", max_length=200)
    volgorde = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["instrument", "onderdeel", "volgorde", "id"]

    def __str__(self):
        return self.naam


class Invulveld(models.Model):
    """One place of an instrument to fill in; what is typed there is its `aantekening`, saved as every note is.

    `onderdeel` and `item` count in the instrument's `inhoud` (the item is the question, statement or fixed row);
    `kolom` is the column of a table; `rij` the added row of a repeated table.
    """

    instrument = models.ForeignKey(GesprekInstrument, on_delete=models.CASCADE, related_name="velden")
    onderdeel = models.PositiveSmallIntegerField()
    item = models.PositiveSmallIntegerField(null=True, blank=True)
    kolom = models.PositiveSmallIntegerField(null=True, blank=True)
    rij = models.ForeignKey(InstrumentRij, on_delete=models.CASCADE, null=True, blank=True, related_name="velden")

    class Meta:
        ordering = ["instrument", "onderdeel", "rij", "item", "kolom", "id"]

    def __str__(self):
        return self.omschrijving()

    def omschrijving(self):
        """Which place of which instrument, for the log and the history page: never what was typed there, so an
        added row by its number, not its name."""
        return self._plaats(f"rij {self.rij.volgorde}" if self.rij_id else "")

    def opschrift(self):
        """Which place of which instrument, as the report heads it: an added row by its name."""
        return self._plaats(self.rij.naam if self.rij_id else "")

    def _plaats(self, rij: str):
        items = self.instrument.inhoud[self.onderdeel]["items"]
        plaats = [
            rij,
            Truncator(items[self.item]["tekst"]).chars(60) if self.item is not None else "",
            Truncator(items[self.kolom]["tekst"]).chars(40) if self.kolom is not None else "",
        ]
        plaats = ", ".join(p for p in plaats if p)
        return Truncator(f"{self.instrument.titel} ({plaats})" if plaats else self.instrument.titel).chars(200)

    def keuzes(self) -> list[tuple[str, str]]:
        return self.keuzes_van(self.instrument.inhoud[self.onderdeel])

    @staticmethod
    def keuzes_van(onderdeel: dict) -> list[tuple[str, str]]:
        """The values a field of this onderdeel may hold beside its text: a scale's, a slider's positions, or none."""
        items = onderdeel["items"]
        if onderdeel["soort"] == Onderdeel.Soort.SCAN:
            schaal = [i["tekst"] for i in items if i["soort"] == Item.Soort.SCHAALWAARDE]
            return [(str(n), tekst) for n, tekst in enumerate(schaal, start=1)]
        if onderdeel["soort"] == Onderdeel.Soort.SCHUIF:
            links, rechts = [i["tekst"] for i in items if i["soort"] == Item.Soort.POOL][:2]
            return [
                ("1", f"Helemaal: {links}"),
                ("2", f"Meer: {links}"),
                ("3", "In het midden"),
                ("4", f"Meer: {rechts}"),
                ("5", f"Helemaal: {rechts}"),
            ]
        return []


class Observatie(models.TextChoices):
    GEEN = "", "Geen observatie"
    NIET_BESPROKEN = "niet_besproken", "Niet besproken"
    STERK_PUNT = "sterk_punt", "Sterk punt"
    ONTWIKKELPUNT = "ontwikkelpunt", "Ontwikkelpunt"


@functools.cache
def _om_op_te_slaan_sql():
    """The note's columns with its gesprek's owner and status; built once, from the models."""
    aantekening, gesprek = Aantekening._meta, Gesprek._meta
    kolommen = ", ".join(f"a.{veld.column}" for veld in aantekening.concrete_fields)
    return (
        f"SELECT {kolommen}, g.{gesprek.get_field('eigenaar').column} AS gesprek_eigenaar_id, "
        f"g.{gesprek.get_field('status').column} AS gesprek_status "
        f"FROM {aantekening.db_table} a "
        f"JOIN {gesprek.db_table} g ON g.{gesprek.pk.column} = a.{aantekening.get_field('gesprek').column} "
        f"WHERE a.{aantekening.pk.column} = %s"
    )


class AantekeningQuerySet(models.QuerySet):
    def ingevuld(self):
        """Notes that hold a text, an observation or a choice: what the inspectors recorded."""
        return self.exclude(tekst="", observatie="", keuze="")

    def bijwerken_als_versie(self, *, versie, **velden):
        """Writes only when nobody saved in between: the version is checked and raised in one UPDATE."""
        return self.filter(versie=versie).update(versie=versie + 1, **velden)


class Aantekening(models.Model):
    """What the inspectors record for one criterion, or freely for one element (criterium empty)."""

    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="aantekeningen")
    # Empty for an instrument's field: that belongs to its instrument, which may or may not sit under an element.
    element = models.ForeignKey(
        GesprekElement, on_delete=models.CASCADE, null=True, blank=True, related_name="aantekeningen"
    )
    criterium = models.OneToOneField(
        GesprekCriterium, on_delete=models.CASCADE, null=True, blank=True, related_name="aantekening"
    )
    veld = models.OneToOneField(
        "Invulveld", on_delete=models.CASCADE, null=True, blank=True, related_name="aantekening"
    )
    tekst = models.TextField("aantekening", blank=True)
    observatie = models.CharField("observatie", max_length=20, choices=Observatie.choices, blank=True)
    keuze = models.CharField("keuze", max_length=10, blank=True, help_text="Op de schaal of de schuif van een veld.")
    versie = models.PositiveIntegerField(default=0)
    gewijzigd_op = models.DateTimeField(null=True, blank=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reeks_begonnen_op = models.DateTimeField(null=True, blank=True)

    objects = AantekeningQuerySet.as_manager()

    BEWAREN_NA = timedelta(minutes=5)

    class Meta:
        verbose_name = "aantekening"
        verbose_name_plural = "aantekeningen"
        constraints = [
            models.UniqueConstraint(
                fields=["element"], condition=Q(criterium__isnull=True), name="een_vrije_aantekening_per_element"
            ),
        ]

    def __str__(self):
        return self.tekst[:80]

    @classmethod
    def om_op_te_slaan(cls, pk):
        """The note with just the owner and status of its gesprek, what a save checks; None if there is none.

        One fixed statement: on every save the ORM took longer to build this join than PostgreSQL to run it.
        """
        if not past_in_een_id(pk):
            return None
        aantekening = next(iter(cls.objects.raw(_om_op_te_slaan_sql(), [pk])), None)
        if aantekening is not None:
            gelezen = {
                "id": aantekening.gesprek_id,
                "eigenaar_id": aantekening.gesprek_eigenaar_id,
                "status": aantekening.gesprek_status,
            }
            # from_db takes the values in the model's field order, whatever the order of the names.
            velden = [veld.attname for veld in Gesprek._meta.concrete_fields if veld.attname in gelezen]
            aantekening.gesprek = Gesprek.from_db(aantekening._state.db, velden, [gelezen[v] for v in velden])
        return aantekening

    @property
    def is_ingevuld(self):
        return bool(self.tekst or self.observatie or self.keuze)

    def omschrijving(self):
        """Where the note is, for the log and the history page; never what it says."""
        if self.veld_id:
            return f"invulling van {self.veld.omschrijving()}"
        if self.criterium_id:
            return f"aantekening bij criterium {self.criterium.label} van {self.element.naam}"
        if self.element_id is None:
            return "terugblik op een afspraak"
        return f"vrije aantekening bij {self.element.naam}"

    def begint_nieuwe_reeks(self, *, door, nu) -> bool:
        """Whether a save starts a new stretch of typing: by someone else, or the last one began long ago.

        The text as it was before a new stretch is kept as an earlier version, and the stretch is logged.
        """
        if self.gewijzigd_door_id != getattr(door, "pk", None) or self.reeks_begonnen_op is None:
            return True
        return nu - self.reeks_begonnen_op >= self.BEWAREN_NA

    def als_versie(self) -> "AantekeningVersie":
        return AantekeningVersie(
            aantekening=self,
            versie=self.versie,
            tekst=self.tekst,
            observatie=self.observatie,
            keuze=self.keuze,
            opgeslagen_op=self.gewijzigd_op,
            opgeslagen_door_id=self.gewijzigd_door_id,
        )


class AantekeningVersie(models.Model):
    """An earlier text of a note, kept so that an inspector can look back and restore it.

    Not every autosave: a version is kept when someone else takes over the note, or when the current stretch of
    typing began more than `Aantekening.BEWAREN_NA` ago, so an hour's typing is a dozen rows, not thousands.
    """

    aantekening = models.ForeignKey(Aantekening, on_delete=models.CASCADE, related_name="versies")
    versie = models.PositiveIntegerField()
    tekst = models.TextField(blank=True)
    observatie = models.CharField(max_length=20, choices=Observatie.choices, blank=True)
    keuze = models.CharField(max_length=10, blank=True)
    opgeslagen_op = models.DateTimeField(null=True, blank=True)
    opgeslagen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "eerdere versie van een aantekening"
        verbose_name_plural = "eerdere versies van aantekeningen"
        ordering = ["-versie"]
        constraints = [models.UniqueConstraint(fields=["aantekening", "versie"], name="een_rij_per_versie")]

    def __str__(self):
        return f"versie {self.versie}"

    @property
    def is_ingevuld(self):
        return bool(self.tekst or self.observatie or self.keuze)


class Gebeurtenis(models.Model):
    """Who did what with which gesprek, when and from where (BIO). Never a note's text."""

    class Actie(models.TextChoices):
        AANGEMAAKT = "aangemaakt", "Aangemaakt"
        BEKEKEN = "bekeken", "Bekeken"
        GEWIJZIGD = "gewijzigd", "Gewijzigd"
        GEDEELD = "gedeeld", "Gedeeld"
        GEEXPORTEERD = "geexporteerd", "Geëxporteerd"
        # Before versions, rounding off locked the gesprek: the log keeps those lines as they were.
        AFGEROND = "afgerond", "Afgerond"
        CONCEPT = "concept", "Concept gemaakt"
        TER_VERIFICATIE = "ter_verificatie", "Ter verificatie gestuurd"
        VASTGESTELD = "vastgesteld", "Vastgesteld"
        HEROPEND = "heropend", "Heropend"

    class Resultaat(models.TextChoices):
        GELUKT = "gelukt", "Gelukt"
        GEWEIGERD = "geweigerd", "Geweigerd"

    tijdstip = models.DateTimeField(default=timezone.now, db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="gebruiker"
    )
    gebruikersnaam = models.CharField("gebruikersnaam", max_length=150)
    actie = models.CharField("actie", max_length=20, choices=Actie.choices)
    resultaat = models.CharField("resultaat", max_length=10, choices=Resultaat.choices, default=Resultaat.GELUKT)
    gesprek = models.ForeignKey(
        Gesprek, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="gesprek"
    )
    gesprek_nummer = models.BigIntegerField("gesprek (nummer)", null=True, blank=True)
    wat = models.CharField("wat", max_length=300, blank=True)
    ip = models.GenericIPAddressField("IP-adres", null=True, blank=True)

    class Meta:
        verbose_name = "gebeurtenis"
        verbose_name_plural = "logboek van gesprekken"
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["gesprek_nummer", "-tijdstip"])]

    def __str__(self):
        return f"{self.gebruikersnaam} {self.get_actie_display().lower()} gesprek {self.gesprek_nummer}"


class RapportVersie(models.Model):
    """One version of a gesprek's report, as it read when it was made: never changed afterwards.

    `inhoud` holds the report as HTML, in sections (`{"omslag": html, "secties": [{"id", "titel", "html"}]}`), so
    the organisation can remark per section and two versions can be compared per section. A vastgesteld version
    keeps the PDF made with it; it is served from here ever after.
    """

    class Soort(models.TextChoices):
        CONCEPT = "concept", "Concept"
        VASTGESTELD = "vastgesteld", "Vastgesteld"

    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="versies", verbose_name="gesprek")
    nummer = models.PositiveIntegerField("versie")
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    inhoud = models.JSONField("inhoud")
    controlesom = models.CharField("controlesom (SHA-256)", max_length=64)
    pdf = models.BinaryField("PDF", null=True, editable=False)
    pdf_controlesom = models.CharField("controlesom van de PDF", max_length=64, blank=True)
    gemaakt_op = models.DateTimeField("gemaakt op", default=timezone.now)
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="gemaakt door"
    )
    gemaakt_door_naam = models.CharField("gemaakt door (naam)", max_length=150)
    toelichting = models.CharField("toelichting", max_length=300, blank=True)

    class Meta:
        verbose_name = "rapportversie"
        verbose_name_plural = "rapportversies"
        ordering = ["gesprek", "nummer"]
        constraints = [models.UniqueConstraint(fields=["gesprek", "nummer"], name="versienummer_per_gesprek")]

    def __str__(self):
        return f"versie {self.nummer} ({self.get_soort_display().lower()})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Een rapportversie verandert nooit; maak een nieuwe versie.")
        super().save(*args, **kwargs)

    @property
    def secties(self):
        return self.inhoud["secties"]

    @property
    def is_vastgesteld(self):
        return self.soort == self.Soort.VASTGESTELD


# Every column the overview filters and counts the stand's rows by, for a quarter its period holds in part
# (`overzicht.totalen.geteld`): in an index per kind, so PostgreSQL need not read the rows themselves.
STAND_PER_KWARTAAL = (
    *("kwartaal", "datum", "inspectie", "aanleiding", "organisatie_type", "kader"),
    *("bron_element", "bron_criterium", "naam", "label", "volgorde", "criterium_volgorde"),
    *("besproken", "sterk_punt", "ontwikkelpunt", "niet_besproken", "element", "criterium"),
)


class OverzichtStand(models.Model):
    """How one element or criterion of a gesprek counts in the overview: kept where its notes or agenda change.

    One row per GesprekElement (criterium empty) and per GesprekCriterium; `gesprekken.overzicht.stand` writes
    them in the transaction of the change. The bank rows (`bron_*`) follow the copy's: gone with the bank row.
    """

    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="+")
    element = models.ForeignKey(GesprekElement, on_delete=models.CASCADE, related_name="+")
    criterium = models.OneToOneField(
        GesprekCriterium, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    bron_element = models.ForeignKey(
        "elementen.Element", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    bron_criterium = models.ForeignKey(
        "elementen.Criterium", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    naam = models.CharField(max_length=200)  # the element's, for a criterion too
    label = models.CharField(max_length=5, blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)  # the element's
    criterium_volgorde = models.PositiveSmallIntegerField(default=0)
    besproken = models.BooleanField(default=False)
    sterk_punt = models.BooleanField(default=False)
    ontwikkelpunt = models.BooleanField(default=False)
    niet_besproken = models.BooleanField(default=False)
    # Where the row counts in `OverzichtTotaal`, copied from the gesprek: its quarter (empty while it is not held)
    # and the values the overview filters on.
    kwartaal = models.DateField(null=True, blank=True)
    datum = models.DateField(null=True, blank=True)
    inspectie = models.CharField(max_length=20, blank=True)
    aanleiding = models.CharField(max_length=200, blank=True)
    organisatie_type = models.CharField(max_length=40, blank=True)
    kader = models.ForeignKey("elementen.Kader", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = "stand voor het overzicht"
        verbose_name_plural = "standen voor het overzicht"
        constraints = [
            models.UniqueConstraint(
                fields=["element"], condition=Q(criterium__isnull=True), name="een_stand_per_element"
            ),
        ]
        indexes = [
            models.Index(
                fields=["kwartaal", "inspectie", "aanleiding", "organisatie_type", "kader"], name="stand_per_totaal"
            ),
            models.Index(
                fields=STAND_PER_KWARTAAL, condition=Q(criterium__isnull=True), name="stand_element_per_kwartaal"
            ),
            models.Index(
                fields=STAND_PER_KWARTAAL, condition=Q(criterium__isnull=False), name="stand_criterium_per_kwartaal"
            ),
        ]

    def __str__(self):
        return f"{self.naam}, criterium {self.label}" if self.criterium_id else self.naam


class OverzichtTotaal(models.Model):
    """The stand's rows of held gesprekken summed per quarter, filter values and element or criterion: what the
    coordinator's overview reads for the quarters its period holds whole.

    `gesprekken.overzicht.totalen` counts the totals of a quarter and filter values again from the stand, in the
    transaction that changed one of its rows, and then the quarter's totals over every filter value (`ongefilterd`,
    filter values empty): what an overview without filters adds up. Rows whose bank row is gone fall back to name
    and label, as the stand's.
    """

    kwartaal = models.DateField()
    ongefilterd = models.BooleanField(default=False)
    inspectie = models.CharField(max_length=20)
    aanleiding = models.CharField(max_length=200)
    organisatie_type = models.CharField(max_length=40)
    kader = models.ForeignKey("elementen.Kader", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    soort = models.CharField(max_length=10)  # element or criterium
    bron_element = models.ForeignKey(
        "elementen.Element", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    bron_criterium = models.ForeignKey(
        "elementen.Criterium", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    naam = models.CharField(max_length=200)
    label = models.CharField(max_length=5, blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)  # the lowest of the rows summed
    criterium_volgorde = models.PositiveSmallIntegerField(default=0)
    # The newest copies summed (GesprekElement and GesprekCriterium): their wording is what the overview shows.
    nieuwste_element = models.PositiveBigIntegerField()
    nieuwste_criterium = models.PositiveBigIntegerField(null=True, blank=True)
    gesprekken = models.PositiveIntegerField()
    besproken = models.PositiveIntegerField()
    sterk_punt = models.PositiveIntegerField()
    ontwikkelpunt = models.PositiveIntegerField()
    niet_besproken = models.PositiveIntegerField()

    class Meta:
        verbose_name = "totaal voor het overzicht"
        verbose_name_plural = "totalen voor het overzicht"
        indexes = [
            models.Index(
                fields=["kwartaal", "inspectie", "aanleiding", "organisatie_type", "kader"], name="totaal_per_sleutel"
            ),
            models.Index(fields=["kwartaal"], condition=Q(ongefilterd=True), name="totaal_ongefilterd"),
        ]

    def __str__(self):
        return f"{self.naam} {self.label} ({self.kwartaal:%Y-%m})".replace("  ", " ")
