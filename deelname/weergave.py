"""What the pages show: the contact's form, and the submitted answers beside the inspector's questions.

The contact's page is built from the shared questions and the instruments' places to fill in, with the contact's
own answers; it never reads the inspector's notes (the fields are read without their `aantekening`).
"""

from django.db.models import F, Prefetch

import gesprekken.instrumenten
from gesprekken.models import GesprekInstrument, GesprekVraag, Invulveld

from .models import Antwoord, GedeeldOnderwerp


def gedeeld(gesprek):
    """The shared questions (hoofdvragen with their doorvragen on the list) and instruments, in the list's order."""
    doorvragen = GesprekVraag.objects.filter(opgenomen=True).order_by("volgorde", "pk")
    onderwerpen = (
        GedeeldOnderwerp.objects.filter(gesprek=gesprek)
        .select_related("vraag__element", "instrument")
        .prefetch_related(
            Prefetch("vraag__doorvragen", queryset=doorvragen),
            Prefetch("instrument__velden", queryset=Invulveld.objects.select_related("rij")),
            "instrument__rijen",
        )
    )
    vragen = sorted(
        (o.vraag for o in onderwerpen if o.vraag_id),
        key=lambda v: (v.element is not None, v.element.volgorde if v.element else 0, v.volgorde, v.pk),
    )
    instrumenten = sorted((o.instrument for o in onderwerpen if o.instrument_id), key=lambda i: (i.volgorde, i.pk))
    return vragen, instrumenten


def delen(instrument: GesprekInstrument, antwoorden: dict) -> list[gesprekken.instrumenten.Deel]:
    """The instrument's onderdelen as gesprek voeren lays them out, with the contact's answers in its places.
    `antwoorden` maps a field's id to its answer."""
    return gesprekken.instrumenten.delen(instrument, lambda veld: antwoorden.get(veld.pk))


class Ingediend:
    """The submitted answers of a gesprek, read in one query, for Gesprek voeren and the report."""

    def __init__(self, gesprek, *, alleen_rapport=False):
        antwoorden = (
            Antwoord.objects.filter(uitnodiging__gesprek=gesprek, uitnodiging__ingediend_op__isnull=False)
            .exclude(tekst="", keuze="")
            .select_related("uitnodiging")
            .order_by("uitnodiging__naam", "uitnodiging_id", "pk")
        )
        if alleen_rapport:
            antwoorden = antwoorden.filter(in_rapport=True)
        self.vragen, self.velden = {}, {}
        for antwoord in antwoorden:
            if antwoord.vraag_id:
                self.vragen.setdefault(antwoord.vraag_id, []).append(antwoord)
            else:
                self.velden.setdefault(antwoord.veld_id, []).append(antwoord)

    def bij_vragen(self, vragen, *, met_doorvragen=True):
        """(question, its answers) for those of these questions, and their doorvragen, that were answered."""
        uitkomst = []
        for vraag in vragen:
            for v in [vraag, *(vraag.doorvragen.all() if met_doorvragen else [])]:
                if v.pk in self.vragen:
                    uitkomst.append((v, self.vragen[v.pk]))
        return uitkomst

    def bij_instrument(self, instrument):
        """Per contact: their answers to this instrument's fields, for the choice whether they go into the report."""
        per_contact = {}
        for veld in instrument.velden.all():
            for antwoord in self.velden.get(veld.pk, []):
                per_contact.setdefault(antwoord.uitnodiging, []).append(antwoord)
        return list(per_contact.items())


def ingediend(gesprek) -> Ingediend:
    """Read once per page, however many fields ask."""
    if not hasattr(gesprek, "_deelname_ingediend"):
        gesprek._deelname_ingediend = Ingediend(gesprek)
    return gesprek._deelname_ingediend


def voor_rapport(gesprek):
    """The answers the inspector chose for the report: (question or place of an instrument, answers), each answer
    with `keuze_tekst`, the words of its choice on an instrument's scale (empty for a question)."""
    antwoorden = (
        Antwoord.objects.filter(uitnodiging__gesprek=gesprek, uitnodiging__ingediend_op__isnull=False, in_rapport=True)
        .exclude(tekst="", keuze="")
        .select_related("uitnodiging", "vraag", "veld__instrument", "veld__rij")
        # The questions before the instruments on every database (SQLite sorts an empty volgorde first).
        .order_by(
            F("vraag__volgorde").asc(nulls_last=True),
            "veld__instrument__volgorde",
            "veld_id",
            "vraag_id",
            "uitnodiging__naam",
            "pk",
        )
    )
    uitkomst = {}
    for antwoord in antwoorden:
        if antwoord.vraag_id:
            wat = antwoord.vraag.tekst
            antwoord.keuze_tekst = ""
        else:
            veld = antwoord.veld
            wat = veld.opschrift()
            keuzes = dict(veld.keuzes())
            antwoord.keuze_tekst = keuzes.get(antwoord.keuze, "")
        uitkomst.setdefault(wat, []).append(antwoord)
    return list(uitkomst.items())
