"""What was filled in an instrument, as the rapport (PDF and Word), the JSON and the printable vragenlijst show it.

Built from `gesprekken.instrumenten.delen`, so it reads only what met_rapport prefetched. Background text
(onderdelen of soort tekst) is for reading during the gesprek and is left out of every export.
"""

from dataclasses import dataclass, field
from datetime import datetime

from elementen.models import Item, Onderdeel
from gesprekken import instrumenten
from gesprekken.models import GesprekInstrument

# Rows to write partners, stakeholders or overleggen in that were not added before the gesprek.
LEGE_RIJEN = 2
# A table row is kept on one page, unless a cell holds more than this: such a row may not fit a page, and WeasyPrint
# then drops the repeated header row on the pages it runs over (Kozea/WeasyPrint#2679).
LANGE_CEL = 400
LANGE_CEL_REGELS = 20


@dataclass
class Antwoord:
    """What was typed at one place of an instrument, with the label of the value chosen on a scale or slider."""

    tekst: str = ""
    keuze: str = ""
    gekozen: str = ""
    gewijzigd_op: datetime | None = None

    @property
    def is_ingevuld(self):
        return bool(self.tekst or self.keuze)


@dataclass
class Regel:
    tekst: str
    doorvragen: list[str]
    antwoord: Antwoord


@dataclass
class Rij:
    naam: str
    cellen: list[Antwoord]

    @property
    def is_lang(self):
        return any(len(c.tekst) > LANGE_CEL or c.tekst.count("\n") > LANGE_CEL_REGELS for c in self.cellen)


@dataclass
class Invulling:
    """An onderdeel of an instrument with what was filled in at each of its places."""

    titel: str
    tekst: str
    soort: str
    herhaling: str
    keuzes: list[tuple[str, str]]  # (value, label) of a scale's values, or of a slider's positions
    regels: list[Regel] = field(default_factory=list)
    kolommen: list[str] = field(default_factory=list)
    rijkop: str = ""  # what the rows of a repeated table are: "Samenwerkingspartner", "Stakeholder", …
    rijen: list[Rij] = field(default_factory=list)
    polen: list[str] = field(default_factory=list)
    schuif: Antwoord | None = None

    @property
    def schaal(self):
        return [label for _, label in self.keuzes]

    @property
    def met_rijnamen(self):
        """Whether the table's first column names its rows; a table of one unnamed row has none."""
        return bool(self.herhaling) or any(rij.naam for rij in self.rijen)

    @property
    def is_ingevuld(self):
        antwoorden = [r.antwoord for r in self.regels] + [c for rij in self.rijen for c in rij.cellen] + [self.schuif]
        return any(a and a.is_ingevuld for a in antwoorden)


def _antwoord(keuzes: dict, aantekening) -> Antwoord:
    if aantekening is None:
        return Antwoord()
    return Antwoord(aantekening.tekst, aantekening.keuze, keuzes.get(aantekening.keuze, ""), aantekening.gewijzigd_op)


def invullingen(instrument: GesprekInstrument) -> list[Invulling]:
    """Every onderdeel to fill in, with all its places, filled in or not."""
    uitkomst = []
    for deel in instrumenten.delen(instrument):
        if deel.soort == Onderdeel.Soort.TEKST:
            continue
        keuzes = dict(deel.keuzes)
        invulling = Invulling(
            titel=deel.titel,
            tekst=deel.tekst,
            soort=deel.soort,
            herhaling=deel.herhaling,
            keuzes=deel.keuzes,
            regels=[Regel(r.tekst, r.doorvragen, _antwoord(keuzes, r.waarde)) for r in deel.regels],
            rijkop=deel.rijnaam.capitalize() if deel.herhaling else "",
            rijen=[Rij(r.naam, [_antwoord(keuzes, a) for _, a in r.cellen]) for r in deel.rijen],
            polen=[i["tekst"] for i in deel.items if i["soort"] == Item.Soort.POOL][:2],
        )
        if deel.soort == Onderdeel.Soort.TABEL:
            # A table without columns of its own has one, "Antwoord", as gesprek voeren labels its cells.
            invulling.kolommen = deel.kolommen or ["Antwoord"]
        if deel.soort == Onderdeel.Soort.SCHUIF:
            invulling.schuif = _antwoord(keuzes, deel.schuif)
        uitkomst.append(invulling)
    return uitkomst


def ingevuld(instrument: GesprekInstrument) -> list[Invulling]:
    """Only what was filled in: the onderdelen, questions and table rows holding anything; [] for an empty one."""
    if not instrumenten.is_ingevuld(instrument):
        return []
    uitkomst = []
    for invulling in invullingen(instrument):
        if not invulling.is_ingevuld:
            continue
        invulling.regels = [r for r in invulling.regels if r.antwoord.is_ingevuld]
        invulling.rijen = [r for r in invulling.rijen if any(c.is_ingevuld for c in r.cellen)]
        uitkomst.append(invulling)
    return uitkomst


def in_rapport(gesprek_instrumenten) -> list[tuple[GesprekInstrument, list[Invulling]]]:
    """The instruments that hold anything filled in, each with what was: an empty one is not in the rapport."""
    return [(instrument, delen) for instrument in gesprek_instrumenten if (delen := ingevuld(instrument))]


def formulier(instrument: GesprekInstrument) -> list[Invulling]:
    """The onderdelen as a blank form to print: a repeated table has its added rows and room for more."""
    delen = invullingen(instrument)
    for deel in delen:
        leeg = [Antwoord() for _ in deel.kolommen]
        deel.regels = [Regel(r.tekst, r.doorvragen, Antwoord()) for r in deel.regels]
        deel.rijen = [Rij(r.naam, list(leeg)) for r in deel.rijen]
        if deel.herhaling:
            deel.rijen += [Rij("", list(leeg)) for _ in range(LEGE_RIJEN)]
    return delen


def als_formulier(gesprek_instrumenten) -> list[tuple[GesprekInstrument, list[Invulling]]]:
    return [(instrument, formulier(instrument)) for instrument in gesprek_instrumenten]
