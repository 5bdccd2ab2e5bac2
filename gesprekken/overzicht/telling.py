"""The counts of the overview: per element, per criterion and per quarter, over the gesprekken in view.

What counts as what is in the package's docstring and, as conditions, in `maten`; `filters` chooses the
gesprekken, `cel` lists those behind one number, and `cache` keeps the figures until the data changes.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Case, CharField, Count, F, Max, Min, Value, When
from django.db.models.functions import TruncQuarter

from gesprekken.models import Gesprek, GesprekCriterium, GesprekElement
from gesprekken.roles import ziet_alle_gesprekken

from .maten import BESPROKEN, CRITERIUM, ELEMENT, MAAT_NAMEN, MATEN, criterium_maten, element_maten

# --- Who sees what -------------------------------------------------------------------------------------


def gesprekken_in_beeld(user, *, alle=None):
    """The gesprekken a user's overview counts: held ones, all of them or the user's own and shared."""
    gesprekken = Gesprek.objects.gehouden()
    if not (ziet_alle_gesprekken(user) if alle is None else alle):
        gesprekken = gesprekken.voor_inspecteur(user)
    return gesprekken


# --- Counting ------------------------------------------------------------------------------------------


def _tellingen(gesprek_veld, maten):
    return {maat: Count(gesprek_veld, filter=voorwaarde, distinct=True) for maat, voorwaarde in maten.items()}


def _alleen_zonder_bron(veld):
    """The snapshot's value where the bank row is gone, else "": grouping then falls back to the copy."""
    return Case(When(bron__isnull=True, then=F(veld)), default=Value(""), output_field=CharField())


def _element_rijen_per_kwartaal(gesprekken):
    """Per quarter and element the counts; the totals per element are their sums (see `overzicht_maken`)."""
    return (
        GesprekElement.objects.filter(gesprek__in=gesprekken)
        .annotate(naam_zonder_bron=_alleen_zonder_bron("naam"), kwartaal=TruncQuarter("gesprek__datum"))
        .values("kwartaal", "bron", "naam_zonder_bron")
        .annotate(
            weergave_naam=Max("naam"),
            weergave_volgorde=Min("volgorde"),
            weergave_kader=Max("gesprek__kader_titel"),
            gesprekken=Count("gesprek", distinct=True),
            **_tellingen("gesprek", element_maten(gesprekken)),
        )
        .order_by("kwartaal", "weergave_kader", "weergave_volgorde", "weergave_naam")
    )


def _criterium_rijen(gesprekken):
    return (
        GesprekCriterium.objects.filter(element__gesprek__in=gesprekken)
        .annotate(
            naam_zonder_bron=_alleen_zonder_bron("element__naam"),
            label_zonder_bron=_alleen_zonder_bron("label"),
        )
        .values("bron", "naam_zonder_bron", "label_zonder_bron")
        .annotate(
            weergave_naam=Max("element__naam"),
            weergave_label=Max("label"),
            weergave_tekst=Max("tekst"),
            weergave_kwadrant=Max("kwadrant"),
            weergave_kader=Max("element__gesprek__kader_titel"),
            element_volgorde=Min("element__volgorde"),
            weergave_volgorde=Min("volgorde"),
            gesprekken=Count("element__gesprek", distinct=True),
            **_tellingen("element__gesprek", criterium_maten()),
        )
        .order_by("weergave_kader", "element_volgorde", "weergave_naam", "weergave_volgorde", "weergave_label")
    )


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
        return [
            (maat, naam, self.tellingen[maat], urlencode({**self.filters, **self.sleutel, "maat": maat}))
            for maat, naam in MATEN
        ]


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
    """The counts over these gesprekken: three queries, whatever their number.

    The element table is the sum of the quarters: a gesprek lies in exactly one quarter, so its counts of
    gesprekken add up, and one query serves both the table and the themes over time. `filters` (query
    parameters) go into the drill-down links.
    """
    filters = filters or {}
    per_kwartaal = list(_element_rijen_per_kwartaal(gesprekken))
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
            rij.links = {m: urlencode({**filters, **periode, **element.sleutel, "maat": m}) for m in MAAT_NAMEN}
            rijen.append(rij)
        themas.append(Thema(element, rijen))
    return themas


def _binnen(filters, kwartaal):
    """The quarter as van/tot, narrowed to the filtered period."""
    van = max(kwartaal.begin.isoformat(), filters.get("van", ""))
    tot = min(kwartaal.einde.isoformat(), filters.get("tot", "9999-12-31"))
    return {"van": van, "tot": tot}
