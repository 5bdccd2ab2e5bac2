"""The measures of the overview and their names. What counts as what is in the package's docstring; `stand`
keeps it per element and criterion of a gesprek, and the table and the drill-down both read that: every number
equals the length of the list behind it.
"""

from gesprekken.models import Observatie

BESPROKEN = "besproken"
STERK_PUNT = Observatie.STERK_PUNT.value
ONTWIKKELPUNT = Observatie.ONTWIKKELPUNT.value
NIET_BESPROKEN = Observatie.NIET_BESPROKEN.value
MATEN = [
    (BESPROKEN, "Besproken"),
    (STERK_PUNT, "Sterk punt"),
    (ONTWIKKELPUNT, "Ontwikkelpunt"),
    (NIET_BESPROKEN, "Niet besproken"),
]
MAAT_NAMEN = dict(MATEN)

ELEMENT = "element"
CRITERIUM = "criterium"

# Text with anything but whitespace (both databases know \S): the drill-down lists only notes with something in them.
MET_TEKST = r"\S"
