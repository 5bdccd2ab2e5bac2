"""What counts as what (see the package's docstring), as conditions the database evaluates.

The table counts with them and the drill-down lists with them: one definition, so every number equals the
length of the list behind it.
"""

from django.db.models import Q

from gesprekken.models import Aantekening, Observatie

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

# Text with anything but whitespace, and text that is nothing but whitespace (both databases know \s, \S).
MET_TEKST = r"\S"
ZONDER_TEKST = r"^\s*$"


def _aantekening_besproken(prefix=""):
    """A note that counts as discussed; `prefix` reaches the note from another model."""
    return Q(**{f"{prefix}observatie__in": [STERK_PUNT, ONTWIKKELPUNT]}) | Q(
        **{f"{prefix}observatie": "", f"{prefix}tekst__regex": MET_TEKST}
    )


def criterium_maten():
    """Per measure: when a GesprekCriterium counts, as a condition on the criterion row."""
    leeg = Q(aantekening__observatie="", aantekening__tekst__regex=ZONDER_TEKST)
    return {
        BESPROKEN: _aantekening_besproken("aantekening__"),
        STERK_PUNT: Q(aantekening__observatie=STERK_PUNT),
        ONTWIKKELPUNT: Q(aantekening__observatie=ONTWIKKELPUNT),
        NIET_BESPROKEN: Q(aantekening__observatie=NIET_BESPROKEN) | (Q(opgenomen=True) & leeg),
    }


def element_maten(gesprekken):
    """Per measure: when a GesprekElement of these gesprekken counts, as a condition on the element row.

    Written as `pk IN (elements with such a note)`: PostgreSQL then hashes each list once. The same test as
    EXISTS per row made it expect a cost so high that JIT compilation took longer than the query itself.
    """

    def met_aantekening(*voorwaarden, **velden):
        aantekeningen = Aantekening.objects.filter(*voorwaarden, gesprek__in=gesprekken, **velden)
        return Q(pk__in=aantekeningen.values("element_id"))

    besproken = met_aantekening(_aantekening_besproken())
    return {
        BESPROKEN: besproken,
        STERK_PUNT: met_aantekening(observatie=STERK_PUNT),
        ONTWIKKELPUNT: met_aantekening(observatie=ONTWIKKELPUNT),
        NIET_BESPROKEN: (Q(opgenomen=True) | met_aantekening(observatie=NIET_BESPROKEN)) & ~besproken,
    }
