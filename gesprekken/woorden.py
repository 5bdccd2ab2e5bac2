"""Bank texts in the visited organisation's own words.

The handreiking speaks of "inwoners" and of "organisatie D."; the tips of inspectors ask to fit the
questions to the organisation visited (cliënten, studenten, justitiabelen, …) and to a specific
cooperation.
"""

import re

DOELGROEPEN = [
    ("inwoners", "inwoner"),
    ("cliënten", "cliënt"),
    ("patiënten", "patiënt"),
    ("leerlingen", "leerling"),
    ("studenten", "student"),
    ("justitiabelen", "justitiabele"),
    ("werknemers", "werknemer"),
    ("jongeren", "jongere"),
    ("bewoners", "bewoner"),
]

_INWONERS = re.compile(r"\b([Ii])nwoners?\b")
_ORGANISATIE_D = re.compile(r"\borganisatie D\.")
_SAMENWERKING_MET = re.compile(r"(samenwerking met) \.\.\.")


def _zelfde_hoofdletter(voorbeeld, woord):
    return woord[:1].upper() + woord[1:] if voorbeeld.isupper() else woord


def doelgroep_invullen(tekst, *, meervoud, enkelvoud, partner):
    def vervang_inwoner(match):
        woord = meervoud if match.group(0).lower().endswith("s") else enkelvoud
        return _zelfde_hoofdletter(match.group(1), woord)

    tekst = _INWONERS.sub(vervang_inwoner, tekst)
    if partner:
        tekst = _ORGANISATIE_D.sub(partner, tekst)
        tekst = _SAMENWERKING_MET.sub(lambda m: f"{m.group(1)} {partner}", tekst)
    return tekst
