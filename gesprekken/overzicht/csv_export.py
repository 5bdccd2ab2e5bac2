"""The overview's tables as a CSV file that Excel opens as it is.

Returns `(bestandsnaam, bytes)`, as the report's exports do; the view only wraps it in a response.
"""

import csv
import io

from django.utils import timezone

from .maten import MATEN
from .telling import Overzicht


def _tekst(tekst):
    """A text cell that Excel shows as text: a leading =, +, - or @ would otherwise start a formula."""
    return f"'{tekst}" if tekst[:1] in ("=", "+", "-", "@") else tekst


CSV_KOPPEN = ["Soort", "Kader", "Element", "Criterium", "Kwadrant", "Omschrijving", *(naam for _, naam in MATEN)]


def overzicht_csv(overzicht: Overzicht) -> tuple[str, bytes]:
    """The overview's tables as one sheet: first the elements, then the criteria.

    Excel in a Dutch locale opens it as is: `;` between fields, UTF-8 with a byte order mark.
    """
    uitvoer = io.StringIO()
    schrijver = csv.writer(uitvoer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(CSV_KOPPEN)
    for rij in overzicht.elementen:
        schrijver.writerow(
            ["Element", _tekst(rij.kader), _tekst(rij.element), "", "", "", *(rij.tellingen[m] for m, _ in MATEN)]
        )
    for rij in overzicht.criteria:
        schrijver.writerow(
            [
                "Criterium",
                _tekst(rij.kader),
                _tekst(rij.element),
                _tekst(rij.label),
                _tekst(rij.kwadrant),
                _tekst(rij.tekst),
                *(rij.tellingen[m] for m, _ in MATEN),
            ]
        )
    bestandsnaam = f"overzicht-gesprekken-{timezone.localdate():%Y-%m-%d}.csv"
    return bestandsnaam, uitvoer.getvalue().encode("utf-8-sig")
