"""The counts of the overview: per element, per criterion and per quarter, over the gesprekken in view.

What counts as what is in the package's docstring; `stand` keeps it per element and criterion of each gesprek,
and this counts those rows of the gesprekken that `filters` chose; `cel` lists the gesprekken behind one number.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Case, DateField, F, Q, Value, When

from gesprekken.models import Gesprek, GesprekCriterium, GesprekElement, OverzichtStand, OverzichtTotaal
from gesprekken.roles import ziet_alle_gesprekken

from . import totalen
from .filters import WAARDEN, gefilterd
from .maten import BESPROKEN, CRITERIUM, ELEMENT, MAAT_NAMEN, MATEN

# --- Who sees what -------------------------------------------------------------------------------------


def gesprekken_in_beeld(user, *, alle=None):
    """The gesprekken a user's overview counts: held ones, all of them or the user's own and shared."""
    gesprekken = Gesprek.objects.gehouden()
    if not (ziet_alle_gesprekken(user) if alle is None else alle):
        gesprekken = gesprekken.voor_inspecteur(user)
    return gesprekken


# --- Counting ------------------------------------------------------------------------------------------

GROEPERING = (
    "soort",
    "kwartaal_van_element",
    "bron_element",
    "bron_criterium",
    "naam_zonder_bron",
    "label_zonder_bron",
)


def _gegroepeerd(rijen, tellen):
    """Rows of the stand or the totals counted (`tellen`) per kind and bank row, and where the bank row is gone per
    the copy's name and label; an element also per quarter (the rows over time). Each group as the overview reads
    it: `kwartaal`, and `bron` and `nieuwste` of its kind."""
    zonder_bron = Q(soort=ELEMENT, bron_element__isnull=True) | Q(soort=CRITERIUM, bron_criterium__isnull=True)
    rijen = rijen.annotate(
        kwartaal_van_element=Case(When(soort=ELEMENT, then=F("kwartaal")), output_field=DateField()),
        naam_zonder_bron=Case(When(zonder_bron, then=F("naam")), default=Value("")),
        label_zonder_bron=Case(When(zonder_bron, then=F("label")), default=Value("")),
    )
    for waarden in tellen(rijen, *GROEPERING):
        soort = waarden["soort"]
        yield {
            **waarden,
            "kwartaal": waarden["kwartaal_van_element"],
            "bron": waarden[f"bron_{soort}"],
            "nieuwste": waarden[f"nieuwste_{soort}"],
        }


def _groepen(bronnen) -> tuple[list, list]:
    """The groups of elements per quarter and of criteria, of every source, added up where sources share one.

    The totals of both kinds in one pass (a pass over them filtered on a value took 7-10 ms); the stand per kind,
    each from its own index. Criteria over the whole period: per quarter they were 700 groups to add up.
    """
    groepen = []
    for rijen in bronnen:
        if rijen.model is OverzichtTotaal:
            groepen += _gegroepeerd(rijen, totalen.opgeteld)
        else:
            for is_element in (True, False):
                van_een_soort = rijen.filter(criterium__isnull=is_element).annotate(soort=totalen.SOORT)
                groepen += _gegroepeerd(van_een_soort, totalen.geteld)
    elementen = [w for w in groepen if w["soort"] == ELEMENT]
    criteria = [w for w in groepen if w["soort"] == CRITERIUM]
    return _samengevoegd(elementen, per=("kwartaal",)), _samengevoegd(criteria)


def _samengevoegd(rijen, per=()):
    """Groups counted in more than one source or quarter as one."""
    samen = {}
    for waarden in rijen:
        sleutel = tuple(waarden[v] for v in (*per, "bron", "naam_zonder_bron", "label_zonder_bron"))
        eerder = samen.setdefault(sleutel, waarden)
        if eerder is waarden:
            continue
        for maat in ("gesprekken", *MAAT_NAMEN):
            eerder[maat] += waarden[maat]
        eerder["nieuwste"] = max(eerder["nieuwste"], waarden["nieuwste"])
        for volgorde in ("volgorde", "criterium_volgorde"):
            eerder[volgorde] = min(eerder[volgorde], waarden[volgorde])
    return list(samen.values())


def _kwartalen(filters: dict) -> tuple:
    """The quarters of the period: the first and last it holds whole (None: open on that side; no pair if it holds
    none whole), and those it holds in part."""
    van, tot = (datetime.date.fromisoformat(filters[v]) if filters.get(v) else None for v in ("van", "tot"))
    eerste = laatste = None
    deels = set()
    if van:
        eerste = Kwartaal.van_datum(van)
        if eerste.begin != van:
            deels.add(eerste)
            eerste = eerste.volgende()
    if tot:
        laatste = Kwartaal.van_datum(tot)
        if laatste.einde != tot:
            deels.add(laatste)
            laatste = laatste.vorige()
    hele = None if eerste and laatste and eerste > laatste else (eerste, laatste)
    return hele, sorted(deels)


def _bronnen(gesprekken, filters: dict, alle: bool) -> list:
    """Where the counts come from: the rows of the totals or the stand, of both kinds.

    Everyone's overview (`alle`) adds up the totals of the quarters its period holds whole (over every filter value
    if it filters on nothing but the period), and counts the stand's rows of the gesprekken in the quarters it holds
    in part (at most two); an inspector's counts the stand's rows of their own gesprekken.
    """
    if not alle:
        return [OverzichtStand.objects.filter(gesprek__in=gesprekken)]
    hele, deels = _kwartalen(filters)
    bronnen = []
    if hele:
        eerste, laatste = hele
        waarden = {veld: filters[veld] for veld in WAARDEN if veld in filters}
        rijen = OverzichtTotaal.objects.filter(ongefilterd=not waarden)
        per_kwartaal = gefilterd(rijen, waarden)
        if eerste:
            per_kwartaal = per_kwartaal.filter(kwartaal__gte=eerste.begin)
        if laatste:
            per_kwartaal = per_kwartaal.filter(kwartaal__lte=laatste.begin)
        bronnen.append(per_kwartaal)
    if deels:
        bronnen.append(gefilterd(OverzichtStand.objects.filter(kwartaal__in=[k.begin for k in deels]), filters))
    return bronnen


def _element_rijen_per_kwartaal(rijen):
    """Per quarter and element the counts, by quarter; the totals per element are their sums (`overzicht_maken`)."""
    kopieen = GesprekElement.objects.filter(pk__in={w["nieuwste"] for w in rijen})
    woorden = {pk: rest for pk, *rest in kopieen.values_list("pk", "naam", "gesprek__kader_titel")}
    for waarden in rijen:
        waarden["weergave_naam"], waarden["weergave_kader"] = woorden[waarden["nieuwste"]]
    return sorted(rijen, key=lambda w: (w["kwartaal"], w["nieuwste"]))


def _criterium_rijen(rijen):
    """The counts per criterion, worded as its newest copy in view, in the table's order."""
    kopieen = (
        GesprekCriterium.objects.select_related("element__gesprek")
        .only("label", "tekst", "kwadrant", "element__naam", "element__gesprek__kader_titel")
        .in_bulk({w["nieuwste"] for w in rijen})
    )
    for waarden in rijen:
        kopie = kopieen[waarden["nieuwste"]]
        waarden.update(
            weergave_naam=kopie.element.naam,
            weergave_label=kopie.label,
            weergave_tekst=kopie.tekst,
            weergave_kwadrant=kopie.kwadrant,
            weergave_kader=kopie.element.gesprek.kader_titel,
        )
    volgorde = ("weergave_kader", "volgorde", "weergave_naam", "criterium_volgorde", "weergave_label")
    return sorted(rijen, key=lambda w: tuple(w[v] for v in volgorde))


@dataclass
class Rij:
    """One element or criterion with its counts; `sleutel` names it in a drill-down link."""

    soort: str
    element: str
    kader: str
    gesprekken: int
    tellingen: dict
    bron_id: int | None = None
    volgorde: int = 0
    label: str = ""
    tekst: str = ""
    kwadrant: str = ""
    filters: dict = field(default_factory=dict, repr=False)
    groep: tuple = ()  # what the database grouped the element by
    cellen_html: str = field(default="", repr=False, compare=False)  # set by the view that shows them

    @classmethod
    def uit_element(cls, waarden):
        return cls(
            groep=_element_sleutel(waarden),
            soort=ELEMENT,
            element=waarden["weergave_naam"],
            kader=waarden["weergave_kader"] or "",
            gesprekken=waarden["gesprekken"],
            tellingen={maat: waarden[maat] for maat, _ in MATEN},
            bron_id=waarden["bron"],
            volgorde=waarden["volgorde"],
        )

    @classmethod
    def uit_criterium(cls, waarden):
        return cls(
            soort=CRITERIUM,
            element=waarden["weergave_naam"],
            kader=waarden["weergave_kader"] or "",
            gesprekken=waarden["gesprekken"],
            tellingen={maat: waarden[maat] for maat, _ in MATEN},
            bron_id=waarden["bron"],
            label=waarden["weergave_label"],
            tekst=waarden["weergave_tekst"],
            kwadrant=waarden["weergave_kwadrant"] or "",
        )

    @property
    def naam(self):
        return f"{self.element}, criterium {self.label}" if self.soort == CRITERIUM else self.element

    @property
    def diagramnaam(self):
        """Short enough for the chart's label column; the full name is in the table and the bar's tooltip."""
        if self.soort == ELEMENT:
            return self.element if len(self.element) <= 38 else self.element[:37] + "…"
        element = self.element if len(self.element) <= 30 else self.element[:29] + "…"
        return f"{element} {self.label}"

    @property
    def aantallen(self):
        """(maat, label, aantal) in the table's order."""
        return [(maat, naam, self.tellingen[maat]) for maat, naam in MATEN]

    @property
    def sleutel(self) -> dict:
        if self.bron_id is not None:
            return {"soort": self.soort, "bron": str(self.bron_id)}
        sleutel = {"soort": self.soort, "element": self.element}
        if self.soort == CRITERIUM:
            sleutel["label"] = self.label
        return sleutel

    @property
    def cellen(self):
        """(maat, label, aantal, query string of its drill-down under `filters`) in the table's order."""
        links = _met_maat(urlencode({**self.filters, **self.sleutel}))
        return [(maat, naam, self.tellingen[maat], links[maat]) for maat, naam in MATEN]


@dataclass
class Overzicht:
    aantal_gesprekken: int
    elementen: list[Rij]
    criteria: list[Rij]
    themas: list["Thema"]

    @property
    def hoogste_element(self):
        return max((n for rij in self.elementen for n in rij.tellingen.values()), default=0)

    @property
    def hoogste_criterium(self):
        return max((n for rij in self.criteria for n in rij.tellingen.values()), default=0)

    @property
    def meerdere_kaders(self):
        return len({rij.kader for rij in self.elementen}) > 1

    def criteria_per_element(self):
        """[(element, kader, [criteria])] in the table's order."""
        groepen = []
        for rij in self.criteria:
            if groepen and groepen[-1][:2] == (rij.element, rij.kader):
                groepen[-1][2].append(rij)
            else:
                groepen.append((rij.element, rij.kader, [rij]))
        return groepen


def overzicht_maken(gesprekken, *, filters: dict | None = None, alle: bool = False) -> Overzicht:
    """The counts over these gesprekken: the same number of queries, whatever their number.

    `gesprekken` are those in view that pass `filters` (the filter form's query parameters, which also go into
    the drill-down links); `alle`: every held gesprek is in view, so the totals can be read (`_bronnen`). The
    element table is the sum of the quarters: a gesprek lies in exactly one quarter, so its counts of gesprekken
    add up, and one query serves both the table and the themes over time.
    """
    filters = filters or {}
    elementgroepen, criteriumgroepen = _groepen(_bronnen(gesprekken, filters, alle))
    per_kwartaal = _element_rijen_per_kwartaal(elementgroepen)
    elementen = _opgeteld(per_kwartaal)
    criteria = [Rij.uit_criterium(w) for w in _criterium_rijen(criteriumgroepen)]
    for rij in elementen + criteria:
        rij.filters = filters
    return Overzicht(
        aantal_gesprekken=gesprekken.count(),
        elementen=elementen,
        criteria=criteria,
        themas=_themas(per_kwartaal, elementen, filters),
    )


def _element_sleutel(waarden):
    return (waarden["bron"], waarden["naam_zonder_bron"])


def _opgeteld(per_kwartaal) -> list[Rij]:
    """One row per element: the quarters summed, named as in the newest quarter that holds it."""
    elementen: dict[tuple, Rij] = {}
    for waarden in per_kwartaal:
        kwartaal = Rij.uit_element(waarden)
        totaal = elementen.setdefault(_element_sleutel(waarden), kwartaal)
        if totaal is not kwartaal:
            totaal.element, totaal.kader = kwartaal.element, kwartaal.kader
            totaal.volgorde = min(totaal.volgorde, kwartaal.volgorde)
            totaal.gesprekken += kwartaal.gesprekken
            totaal.tellingen = {m: totaal.tellingen[m] + kwartaal.tellingen[m] for m in totaal.tellingen}
    return sorted(elementen.values(), key=lambda rij: (rij.kader, rij.volgorde, rij.element))


# --- Themes over time ----------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Kwartaal:
    jaar: int
    nummer: int

    @classmethod
    def van_datum(cls, datum):
        return cls(datum.year, (datum.month - 1) // 3 + 1)

    def __str__(self):
        return f"{self.jaar} K{self.nummer}"

    @property
    def begin(self):
        return datetime.date(self.jaar, 3 * self.nummer - 2, 1)

    @property
    def einde(self):
        volgende = self.volgende().begin
        return volgende - datetime.timedelta(days=1)

    def volgende(self):
        return Kwartaal(self.jaar + 1, 1) if self.nummer == 4 else Kwartaal(self.jaar, self.nummer + 1)

    def vorige(self):
        return Kwartaal(self.jaar - 1, 4) if self.nummer == 1 else Kwartaal(self.jaar, self.nummer - 1)


@dataclass
class Kwartaalrij:
    kwartaal: Kwartaal
    gesprekken: int
    tellingen: dict
    naam: str = ""
    links: dict = field(default_factory=dict)

    @property
    def cellen(self):
        return [(maat, naam, self.tellingen[maat], self.links[maat]) for maat, naam in MATEN]


@dataclass
class Thema:
    """One element over time: a row per quarter, quarters without gesprekken included as zero."""

    rij: Rij
    kwartalen: list[Kwartaalrij]
    diagram_html: str = field(default="", repr=False, compare=False)  # set by the view that shows them
    rijen_html: str = field(default="", repr=False, compare=False)

    @property
    def hoogste(self):
        return max((k.tellingen[BESPROKEN] for k in self.kwartalen), default=0)

    @property
    def ooit_geteld(self):
        return any(n for k in self.kwartalen for n in k.tellingen.values())


def hoogste_per_kwartaal(themas):
    """The longest bar of the chart over time, so all elements share one scale."""
    return max((thema.hoogste for thema in themas), default=0)


def _themas(per_kwartaal, elementen: list[Rij], filters: dict) -> list[Thema]:
    """Per element its counts per quarter, every quarter from the first to the last included.

    Each quarter gets drill-down links for its period within the filtered one.
    """
    if not per_kwartaal:
        return []
    tellingen: dict[tuple, dict[Kwartaal, dict]] = {}
    for waarden in per_kwartaal:
        kwartaal = Kwartaal.van_datum(waarden["kwartaal"])
        tellingen.setdefault(_element_sleutel(waarden), {})[kwartaal] = waarden
    alle = [Kwartaal.van_datum(w["kwartaal"]) for w in per_kwartaal]
    kwartalen, kwartaal = [], min(alle)
    while kwartaal <= max(alle):
        kwartalen.append(kwartaal)
        kwartaal = kwartaal.volgende()
    # The links' parts, each encoded once: the filters but the period, the period per quarter, the element.
    buiten_periode = urlencode({v: w for v, w in filters.items() if v not in ("van", "tot")})
    periodes = {k: urlencode(_binnen(filters, k)) for k in kwartalen}
    themas = []
    for element in elementen:
        per_element = tellingen[element.groep]
        sleutel = urlencode(element.sleutel)
        rijen = []
        for k in kwartalen:
            waarden = per_element.get(k)
            rij = Kwartaalrij(
                k,
                waarden["gesprekken"] if waarden else 0,
                {m: waarden[m] if waarden else 0 for m in MAAT_NAMEN},
                naam=f"{element.element}, {k}",
                links=_met_maat(buiten_periode, periodes[k], sleutel),
            )
            rijen.append(rij)
        themas.append(Thema(element, rijen))
    return themas


_MAAT_PARAMETERS = {maat: urlencode({"maat": maat}) for maat in MAAT_NAMEN}


def _met_maat(*delen: str) -> dict:
    """Per measure the query string of these encoded parts and the measure: there are thousands."""
    basis = "&".join(deel for deel in delen if deel)
    return {maat: f"{basis}&{deel}" if basis else deel for maat, deel in _MAAT_PARAMETERS.items()}


def _binnen(filters, kwartaal):
    """The quarter as van/tot, narrowed to the filtered period."""
    van = max(kwartaal.begin.isoformat(), filters.get("van", ""))
    tot = min(kwartaal.einde.isoformat(), filters.get("tot", "9999-12-31"))
    return {"van": van, "tot": tot}
