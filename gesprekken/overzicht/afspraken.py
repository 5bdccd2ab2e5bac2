"""The afspraken of the gesprekken in the overview: per inspectie how many are open, nagekomen and overdue.

Counted on each request, not cached with the other figures: "overdue" changes with the date, not with the data.
One query, whatever the number of gesprekken.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from gesprekken.models import Afspraak, Inspectie

STATUSSEN = [status for status in Afspraak.Status if status != Afspraak.Status.OPEN]


@dataclass
class Regel:
    inspectie: str
    totaal: int
    open: int
    verlopen: int
    per_status: list[int]


def per_inspectie(gesprekken) -> list[Regel]:
    """One row per inspectie with afspraken in these gesprekken, and a last row with the totals (if any)."""
    vandaag = timezone.localdate()
    tellingen = {
        "totaal": Count("afspraken"),
        "open": Count("afspraken", filter=Q(afspraken__status=Afspraak.Status.OPEN)),
        "verlopen": Count(
            "afspraken", filter=Q(afspraken__status=Afspraak.Status.OPEN, afspraken__wanneer__lt=vandaag)
        ),
        **{status.value: Count("afspraken", filter=Q(afspraken__status=status)) for status in STATUSSEN},
    }
    # From the gesprekken, joined once to their afspraken: the filters apply to the gesprek as it is read.
    rijen = gesprekken.filter(afspraken__isnull=False).values("inspectie").annotate(**tellingen).order_by("inspectie")
    namen = dict(Inspectie.choices)
    regels = [
        Regel(
            inspectie=namen.get(rij["inspectie"], rij["inspectie"]),
            totaal=rij["totaal"],
            open=rij["open"],
            verlopen=rij["verlopen"],
            per_status=[rij[status.value] for status in STATUSSEN],
        )
        for rij in rijen
    ]
    if len(regels) > 1:
        regels.append(
            Regel(
                inspectie="Totaal",
                totaal=sum(r.totaal for r in regels),
                open=sum(r.open for r in regels),
                verlopen=sum(r.verlopen for r in regels),
                per_status=[sum(r.per_status[i] for r in regels) for i in range(len(STATUSSEN))],
            )
        )
    return regels
