"""The counts of the overview: per element, per criterion and per quarter, over the gesprekken in view.

What counts as what is in the package's docstring; `stand` keeps it per element and criterion of each gesprek,
and this counts those rows of the gesprekken that `filters` chose; `cel` lists the gesprekken behind one number.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Max, Min, Q
from django.db.models.functions import TruncQuarter

from gesprekken.models import Gesprek, GesprekCriterium, GesprekElement, OverzichtStand
from gesprekken.roles import ziet_alle_gesprekken

from .maten import BESPROKEN, CRITERIUM, ELEMENT, MAAT_NAMEN, MATEN

# --- Who sees what -------------------------------------------------------------------------------------


def gesprekken_in_beeld(user, *, alle=None):
    """The gesprekken a user's overview counts: held ones, all of them or the user's own and shared."""
    gesprekken = Gesprek.objects.gehouden()
    if not (ziet_alle_gesprekken(user) if alle is None else alle):
        gesprekken = gesprekken.voor_inspecteur(user)
    return gesprekken


# --- Counting ------------------------------------------------------------------------------------------


def _tellingen():
    """Per measure the gesprekken whose row counts so, and the newest copy (whose wording is shown).

    Rows, not distinct gesprekken: a gesprek holds one copy of each element and criterion of its kader, and
    counting distinct values sorted every row once per measure. Only numbers are aggregated; the wording comes
    after, for the few groups, from their newest copies.
    """
    return {
        "gesprekken": Count("pk"),
        **{maat: Count("pk", filter=Q(**{maat: True})) for maat in MAAT_NAMEN},
        "nieuwste_kopie": Max("element_id"),
        "nieuwste_criterium": Max("criterium_id"),
        "weergave_volgorde": Min("volgorde"),
        "criterium_volgorde": Min("criterium_volgorde"),
    }


def _gegroepeerd(rijen, bron, *zonder_bron):
    """The rows counted per bank row (`bron`), and where the bank row is gone per `zonder_bron` (the copy's
    name, and label): two queries, so the many rows with a bank row are grouped on a number alone."""
    met = rijen.filter(**{f"{bron}__isnull": False}).values(*rijen.query.annotations, bron)
    zonder = rijen.filter(**{f"{bron}__isnull": True}).values(*rijen.query.annotations, *zonder_bron)
    for waarden in met.annotate(**_tellingen()).order_by():
        yield {**waarden, "bron": waarden.pop(bron), "naam_zonder_bron": "", "label_zonder_bron": ""}
    for waarden in zonder.annotate(**_tellingen()).order_by():
        label = waarden.pop("label", "")
        yield {**waarden, "bron": None, "naam_zonder_bron": waarden.pop("naam"), "label_zonder_bron": label}


def _element_rijen_per_kwartaal(gesprekken):
    """Per quarter and element the counts, by quarter; the totals per element are their sums (`overzicht_maken`)."""
    rijen = OverzichtStand.objects.filter(criterium__isnull=True, gesprek__in=gesprekken).annotate(
        kwartaal=TruncQuarter("gesprek__datum")
    )
    rijen = list(_gegroepeerd(rijen, "bron_element", "naam"))
    kopieen = (
        GesprekElement.objects.select_related("gesprek")
        .only("naam", "gesprek__kader_titel")
        .in_bulk({w["nieuwste_kopie"] for w in rijen})
    )
    for waarden in rijen:
        kopie = kopieen[waarden["nieuwste_kopie"]]
        waarden["weergave_naam"], waarden["weergave_kader"] = kopie.naam, kopie.gesprek.kader_titel
    return sorted(rijen, key=lambda w: (_datum_waarde(w["kwartaal"]), w["nieuwste_kopie"]))


def _criterium_rijen(gesprekken):
    """The counts per criterion, worded as its newest copy in view, in the table's order."""
    rijen = OverzichtStand.objects.filter(criterium__isnull=False, gesprek__in=gesprekken)
    rijen = list(_gegroepeerd(rijen, "bron_criterium", "naam", "label"))
    kopieen = (
        GesprekCriterium.objects.select_related("element__gesprek")
        .only("label", "tekst", "kwadrant", "element__naam", "element__gesprek__kader_titel")
        .in_bulk({w["nieuwste_criterium"] for w in rijen})
    )
    for waarden in rijen:
        kopie = kopieen[waarden["nieuwste_criterium"]]
        waarden.update(
            weergave_naam=kopie.element.naam,
            weergave_label=kopie.label,
            weergave_tekst=kopie.tekst,
            weergave_kwadrant=kopie.kwadrant,
            weergave_kader=kopie.element.gesprek.kader_titel,
            element_volgorde=waarden["weergave_volgorde"],
            weergave_volgorde=waarden["criterium_volgorde"],
        )
    volgorde = ("weergave_kader", "element_volgorde", "weergave_naam", "weergave_volgorde", "weergave_label")
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
            volgorde=waarden["weergave_volgorde"],
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
        links = _met_maat({**self.filters, **self.sleutel})
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


def overzicht_maken(gesprekken, *, filters: dict | None = None) -> Overzicht:
    """The counts over these gesprekken: four queries, whatever their number.

    The element table is the sum of the quarters: a gesprek lies in exactly one quarter, so its counts of
    gesprekken add up, and one query serves both the table and the themes over time. `filters` (query
    parameters) go into the drill-down links.
    """
    filters = filters or {}
    per_kwartaal = _element_rijen_per_kwartaal(gesprekken)
    elementen = _opgeteld(per_kwartaal)
    criteria = [Rij.uit_criterium(w) for w in _criterium_rijen(gesprekken)]
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


@dataclass
class Kwartaalrij:
    kwartaal: Kwartaal
    gesprekken: int
    tellingen: dict
    naam: str = ""
    links: dict = field(default_factory=dict)
    cellen_html: str = field(default="", repr=False, compare=False)  # set by the view that shows them

    @property
    def cellen(self):
        return [(maat, naam, self.tellingen[maat], self.links[maat]) for maat, naam in MATEN]


@dataclass
class Thema:
    """One element over time: a row per quarter, quarters without gesprekken included as zero."""

    rij: Rij
    kwartalen: list[Kwartaalrij]

    @property
    def hoogste(self):
        return max((k.tellingen[BESPROKEN] for k in self.kwartalen), default=0)

    @property
    def ooit_geteld(self):
        return any(n for k in self.kwartalen for n in k.tellingen.values())


def hoogste_per_kwartaal(themas):
    """The longest bar of the chart over time, so all elements share one scale."""
    return max((thema.hoogste for thema in themas), default=0)


def _datum_waarde(waarde):
    return waarde.date() if isinstance(waarde, datetime.datetime) else waarde


def _themas(per_kwartaal, elementen: list[Rij], filters: dict) -> list[Thema]:
    """Per element its counts per quarter, every quarter from the first to the last included.

    Each quarter gets drill-down links for its period within the filtered one.
    """
    if not per_kwartaal:
        return []
    tellingen: dict[tuple, dict[Kwartaal, dict]] = {}
    for waarden in per_kwartaal:
        kwartaal = Kwartaal.van_datum(_datum_waarde(waarden["kwartaal"]))
        tellingen.setdefault(_element_sleutel(waarden), {})[kwartaal] = waarden
    alle = [Kwartaal.van_datum(_datum_waarde(w["kwartaal"])) for w in per_kwartaal]
    kwartalen, kwartaal = [], min(alle)
    while kwartaal <= max(alle):
        kwartalen.append(kwartaal)
        kwartaal = kwartaal.volgende()
    themas = []
    for element in elementen:
        per_element = tellingen[element.groep]
        rijen = []
        for k in kwartalen:
            waarden = per_element.get(k)
            rij = Kwartaalrij(
                k,
                waarden["gesprekken"] if waarden else 0,
                {m: waarden[m] if waarden else 0 for m in MAAT_NAMEN},
                naam=f"{element.element}, {k}",
            )
            periode = _binnen(filters, k)
            rij.links = _met_maat({**filters, **periode, **element.sleutel})
            rijen.append(rij)
        themas.append(Thema(element, rijen))
    return themas


def _met_maat(parameters: dict) -> dict:
    """Per measure the query string of `parameters` and the measure: encoded once, there are thousands."""
    basis = urlencode(parameters)
    return {maat: f"{basis}&{urlencode({'maat': maat})}" for maat in MAAT_NAMEN}


def _binnen(filters, kwartaal):
    """The quarter as van/tot, narrowed to the filtered period."""
    van = max(kwartaal.begin.isoformat(), filters.get("van", ""))
    tot = min(kwartaal.einde.isoformat(), filters.get("tot", "9999-12-31"))
    return {"van": van, "tot": tot}
