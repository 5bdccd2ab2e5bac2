"""Search in what was said: the organisation, notes, instruments' answers, own questions, summary and afspraken.

No index: the search runs over the gesprekken the user may see, so access is applied before any text is read,
and the autosave, the hottest write, pays nothing for it. PostgreSQL matches with its full-text search in the
`dutch` configuration, so "afspraak" also finds "afspraken"; SQLite (development and tests) matches words that
begin with what was typed.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db import connection
from django.db.models import Exists, OuterRef, Q
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
    """Rows whose `veld` holds a word beginning with `woord`."""
    if _met_postgres():
        # The word holds only letters and digits, so it is safe in to_tsquery's syntax; `:*` makes it a beginning.
        vraag = SearchQuery(f"'{woord}':*", search_type="raw", config="dutch")
        stam = Q(SearchVectorExact(SearchVector(veld, config="dutch"), vraag))
        # A stop word ("de", "van") has no stem: then the word's beginning as written.
        begin = Q(**{f"{veld}__iregex": rf"\m{woord}"})
        # Stemming changes a word's end, not its first letters (but for an accent there, rare in Dutch): the cheap
        # LIKE spares to_tsvector, the cost of this search, every text that cannot match; PostgreSQL runs it first.
        return Q(**{f"{veld}__icontains": woord[:3]}) & (stam | begin)
    return Q(**{f"{veld}__iregex": rf"(^|[\W_]){re.escape(woord)}"})


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
        ergens = Q()
        for veld, _ in GESPREK_VELDEN:
            ergens |= _treft(veld, woord)
        # All notes in one subquery: "veld IS NULL" drew the planner to the sparse veld index, scanning every note.
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
    has taken from the ones the user may see. A fixed number of queries, whatever the number of gesprekken."""
    if not gesprekken or not woorden:
        return {}
    ids = [g.pk for g in gesprekken]
    gevonden: dict[int, list[Passage]] = {pk: [] for pk in ids}
    for gesprek in gesprekken:
        for veld, waar in GESPREK_VELDEN[1:]:
            _voeg_toe(gevonden[gesprek.pk], waar, getattr(gesprek, veld), woorden)
    for rijen, veld, waar in _teksten():
        treft = Q()
        for woord in woorden:
            # Where to look, not the match: gemarkeerd() decides that, which spares PostgreSQL's to_tsvector.
            treft |= Q(**{f"{veld}__icontains": woord[:3]}) if _met_postgres() else _treft(veld, woord)
        for gesprek_id, tekst in rijen.filter(treft, gesprek_id__in=ids).order_by("pk").values_list("gesprek", veld):
            _voeg_toe(gevonden[gesprek_id], waar, tekst, woorden)
    return {pk: passages[:PASSAGES_PER_GESPREK] for pk, passages in gevonden.items() if passages}


def _voeg_toe(passages: list[Passage], waar: str, tekst: str, woorden: list[str]):
    if len(passages) < PASSAGES_PER_GESPREK and tekst:
        passage = gemarkeerd(tekst, woorden)
        if passage:
            passages.append(Passage(waar, passage))


def _patroon(woorden: list[str]) -> re.Pattern:
    # On PostgreSQL "afspraak" found "afspraken" by its stem; mark such a word by the word's first letters.
    begins = [w[: max(4, len(w) - 2)] if _met_postgres() else w for w in woorden]
    return re.compile(
        r"(?<![^\W_])(?:" + "|".join(re.escape(b) for b in sorted(begins, key=len, reverse=True)) + r")[^\W_]*",
        re.IGNORECASE,
    )


def gemarkeerd(tekst: str, woorden: list[str]) -> str:
    """A short window of `tekst` around the first word found, escaped, with the words found in <mark>; "" if none."""
    treffers = list(_patroon(woorden).finditer(tekst))
    if not treffers:
        return ""
    begin = max(0, treffers[0].start() - VENSTER)
    eind = min(len(tekst), treffers[0].end() + VENSTER)
    # Not halfway through a word.
    if begin > 0:
        spatie = tekst.find(" ", begin, treffers[0].start())
        begin = spatie + 1 if spatie != -1 else begin
    if eind < len(tekst):
        spatie = tekst.rfind(" ", treffers[0].end(), eind)
        eind = spatie if spatie != -1 else eind
    delen = ["…"] if begin > 0 else []
    plek = begin
    for treffer in treffers:
        if treffer.start() < plek or treffer.end() > eind:
            continue
        delen += [html.escape(tekst[plek : treffer.start()]), f"<mark>{html.escape(treffer.group())}</mark>"]
        plek = treffer.end()
    delen.append(html.escape(tekst[plek:eind]))
    if eind < len(tekst):
        delen.append("…")
    return mark_safe("".join(delen))
