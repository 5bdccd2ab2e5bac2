"""Search in what was said: the organisation, notes, instruments' answers, own questions, summary and afspraken.

The search runs over the gesprekken the user may see, so access is applied before any text is read. PostgreSQL
matches with its full-text search in the `dutch` configuration, so "afspraak" also finds "afspraken", against the
vectors stored beside the notes, the afspraken and the gesprek's own texts (the migration `…_zoeken`); SQLite
(development and tests) matches words that begin with what was typed.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q, Value
from django.db.models.expressions import RawSQL
from django.utils.safestring import mark_safe

from .models import Aantekening, Afspraak, Gesprek, GesprekVraag

LANGSTE_VRAAG = 200
MEESTE_WOORDEN = 8
KORTSTE_WOORD = 2
PASSAGES_PER_GESPREK = 3
# Characters of context on either side of the first marked word.
VENSTER = 80

# What may be searched on a gesprek itself, and in the rows that belong to it, with the name the result shows.
GESPREK_VELDEN = [
    ("organisatie__naam", "Organisatie"),
    ("samenvatting", "Samenvatting"),
    ("wat_goed_gaat", "Wat gaat goed"),
    ("ontwikkelkansen", "Kansen voor ontwikkeling"),
]
WOORD = re.compile(r"[^\W_]+")


@dataclass
class Zoekvraag:
    tekst: str = ""
    woorden: list[str] = field(default_factory=list)
    meldingen: list[str] = field(default_factory=list)


def zoekvraag_van(ruw: str) -> Zoekvraag:
    """The words to look for in what the user typed, and what the user should know about it, in Dutch.

    Only letters and digits count: quotes, asterisks, brackets and operators are never passed on as syntax.
    """
    # A lone surrogate or a control character cannot be stored or searched; they go, as separators would.
    tekst = "".join(t if unicodedata.category(t)[0] != "C" else " " for t in ruw).strip()
    meldingen = []
    if len(tekst) > LANGSTE_VRAAG:
        tekst = tekst[:LANGSTE_VRAAG]
        meldingen.append(f"Uw zoekvraag is te lang; hij is ingekort tot {LANGSTE_VRAAG} tekens.")
    if not tekst:
        return Zoekvraag(meldingen=meldingen)
    woorden = list(dict.fromkeys(w.casefold() for w in WOORD.findall(tekst) if len(w) >= KORTSTE_WOORD))
    if not woorden:
        meldingen.append("Zoek op een woord van minstens twee letters of cijfers.")
    elif len(woorden) > MEESTE_WOORDEN:
        woorden = woorden[:MEESTE_WOORDEN]
        meldingen.append(f"Er is gezocht op de eerste {MEESTE_WOORDEN} woorden van uw zoekvraag.")
    return Zoekvraag(tekst=tekst, woorden=woorden, meldingen=meldingen)


def _met_postgres():
    return connection.vendor == "postgresql"


def _treft(veld: str, woord: str) -> Q:
    """Rows whose `veld` holds a word beginning with `woord` (SQLite)."""
    return Q(**{f"{veld}__iregex": rf"(^|[\W_]){re.escape(woord)}"})


# Per word, on PostgreSQL: a text holds the word when its stored `dutch` vector has a stem beginning with the word's
# stem, or, for a stop word ("de", "van") or a beginning longer than the stem ("samenwerkin"), when a word in it
# begins with what was typed. Every test is such a pair and takes two parameters: the tsquery, then the pattern.
# The pattern comes from a subquery: as a constant, the planner tried it on each column's statistics, 0.4-0.7 ms
# for each of the six, longer than running them. Cheap tests first; the notes, the most rows, last.
# `gesprekken_gesprek` is the row of the queryset this filters, which access has already narrowed.
_IN_EEN_TEKST = """(
    gesprekken_gesprek.zoekvector @@ to_tsquery('dutch', %s)
    OR (gesprekken_gesprek.samenvatting || ' ' || gesprekken_gesprek.wat_goed_gaat || ' '
        || gesprekken_gesprek.ontwikkelkansen) ~* (SELECT %s::text)
    OR EXISTS (SELECT 1 FROM gesprekken_organisatie o WHERE o.id = gesprekken_gesprek.organisatie_id
        AND (to_tsvector('dutch', o.naam) @@ to_tsquery('dutch', %s) OR o.naam ~* (SELECT %s::text)))
    OR EXISTS (SELECT 1 FROM gesprekken_afspraak a WHERE a.gesprek_id = gesprekken_gesprek.id
        AND (a.zoekvector @@ to_tsquery('dutch', %s) OR a.wat ~* (SELECT %s::text)))
    OR EXISTS (SELECT 1 FROM gesprekken_gesprekvraag v WHERE v.gesprek_id = gesprekken_gesprek.id AND v.soort = 'eigen'
        AND (to_tsvector('dutch', v.tekst) @@ to_tsquery('dutch', %s) OR v.tekst ~* (SELECT %s::text)))
    OR EXISTS (SELECT 1 FROM gesprekken_aantekening n WHERE n.gesprek_id = gesprekken_gesprek.id
        AND (n.zoekvector @@ to_tsquery('dutch', %s) OR n.tekst ~* (SELECT %s::text)))
)"""


def _in_een_tekst(woord: str) -> RawSQL:
    """Gesprekken in whose texts `woord` occurs (PostgreSQL)."""
    # The word holds only letters and digits, so it is safe in to_tsquery's syntax; `:*` makes it a beginning.
    paar = [f"'{woord}':*", rf"\m{woord}"]
    return RawSQL(_IN_EEN_TEKST, paar * _IN_EEN_TEKST.count("~*"), output_field=BooleanField())


def _teksten():
    """The rows that hold what was said, each as (queryset, text field, what the result calls it)."""
    return [
        (Aantekening.objects.filter(veld__isnull=True), "tekst", "Aantekening"),
        (Aantekening.objects.filter(veld__isnull=False), "tekst", "Instrument"),
        (GesprekVraag.objects.filter(soort=GesprekVraag.Soort.EIGEN), "tekst", "Eigen vraag"),
        (Afspraak.objects.all(), "wat", "Afspraak"),
    ]


def gesprekken_met(gesprekken, woorden: list[str]):
    """The gesprekken of `gesprekken` in which every word occurs somewhere; filter for access first.

    The search runs here, once: counting and paging then select by id, and do not read every text twice.
    """
    gevonden = gesprekken.order_by()
    for woord in woorden:
        if _met_postgres():
            gevonden = gevonden.filter(_in_een_tekst(woord))
            continue
        ergens = Q()
        for veld, _ in GESPREK_VELDEN:
            ergens |= _treft(veld, woord)
        # All notes in one subquery, whether of a criterion or of an instrument's field.
        andere = [(rijen, veld) for rijen, veld, _ in _teksten() if rijen.model is not Aantekening]
        for rijen, veld in [(Aantekening.objects.all(), "tekst"), *andere]:
            ergens |= Q(Exists(rijen.filter(_treft(veld, woord), gesprek=OuterRef("pk"))))
        gevonden = gevonden.filter(ergens)
    return gesprekken.filter(pk__in=list(gevonden.values_list("pk", flat=True)))


@dataclass
class Passage:
    waar: str
    tekst: str


def passages_van(gesprekken: list[Gesprek], woorden: list[str]) -> dict[int, list[Passage]]:
    """Per gesprek, the passages in which a word occurs, marked: only of the gesprekken given, which the caller
    has taken from the ones the user may see. At most one query, whatever the number of gesprekken."""
    if not gesprekken or not woorden:
        return {}
    patroon = _patroon(woorden)
    gevonden: dict[int, list[Passage]] = {g.pk: [] for g in gesprekken}
    for gesprek in gesprekken:
        for veld, waar in GESPREK_VELDEN[1:]:
            _voeg_toe(gevonden[gesprek.pk], waar, getattr(gesprek, veld), patroon)
    nodig = [pk for pk, passages in gevonden.items() if len(passages) < PASSAGES_PER_GESPREK]
    if nodig:
        # Every text of these few gesprekken, and gemarkeerd() decides: cheaper than any test of PostgreSQL's, which
        # would have to be followed by gemarkeerd() anyway.
        waar = [waar for _, _, waar in _teksten()]
        for bron, gesprek_id, tekst in _teksten_van(nodig):
            _voeg_toe(gevonden[gesprek_id], waar[bron], tekst, patroon)
    return {pk: passages for pk, passages in gevonden.items() if passages}


def _teksten_van(ids: list[int]):
    """(the number of the source in _teksten(), gesprek id, text) of the gesprekken, in that order, in one query."""
    rijen = [
        rijen.filter(gesprek_id__in=ids)
        .exclude(**{veld: ""})
        .order_by()
        .annotate(bron=Value(bron))
        .values_list("bron", "gesprek_id", "pk", veld)
        for bron, (rijen, veld, _) in enumerate(_teksten())
    ]
    samen = rijen[0].union(*rijen[1:], all=True).order_by("bron", "pk")
    return [(bron, gesprek_id, tekst) for bron, gesprek_id, _, tekst in samen]


def _voeg_toe(passages: list[Passage], waar: str, tekst: str, patroon: re.Pattern):
    if len(passages) < PASSAGES_PER_GESPREK and tekst:
        passage = gemarkeerd(tekst, patroon)
        if passage:
            passages.append(Passage(waar, passage))


def _patroon(woorden: list[str]) -> re.Pattern:
    """The words to mark: a word in a text that begins with one of them."""
    # On PostgreSQL "afspraak" found "afspraken" by its stem; mark such a word by the word's first letters.
    begins = [w[: max(4, len(w) - 2)] if _met_postgres() else w for w in woorden]
    return re.compile(
        r"(?<![^\W_])(?:" + "|".join(re.escape(b) for b in sorted(begins, key=len, reverse=True)) + r")[^\W_]*",
        re.IGNORECASE,
    )


def gemarkeerd(tekst: str, patroon: re.Pattern) -> str:
    """A short window of `tekst` around the first word found, escaped, with the words found in <mark>; "" if none."""
    eerste = patroon.search(tekst)
    if eerste is None:
        return ""
    begin = max(0, eerste.start() - VENSTER)
    eind = min(len(tekst), eerste.end() + VENSTER)
    # Not halfway through a word.
    if begin > 0:
        spatie = tekst.find(" ", begin, eerste.start())
        begin = spatie + 1 if spatie != -1 else begin
    if eind < len(tekst):
        spatie = tekst.rfind(" ", eerste.end(), eind)
        eind = spatie if spatie != -1 else eind
    delen = ["…"] if begin > 0 else []
    plek = begin
    for treffer in patroon.finditer(tekst, eerste.start()):
        if treffer.start() >= eind:
            break
        if treffer.end() > eind:
            continue
        delen += [html.escape(tekst[plek : treffer.start()]), f"<mark>{html.escape(treffer.group())}</mark>"]
        plek = treffer.end()
    delen.append(html.escape(tekst[plek:eind]))
    if eind < len(tekst):
        delen.append("…")
    return mark_safe("".join(delen))
