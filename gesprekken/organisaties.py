"""Finding an organisation by what an inspector typed: its name, or its name with its place as the list shows it.

Case and spacing do not count ("ROC Midden" is " roc  midden"). Two organisations may share a name (after a
beheerder split a wrong merge); the list then shows each with its place, and that label finds one of them.
"""

import re

from .models import Organisatie, naam_sleutel

MEESTE_SUGGESTIES = 10
_MET_PLAATS = re.compile(r"^(?P<naam>.+?)\s*\((?P<plaats>[^()]+)\)\s*$")
_NUMMER = re.compile(r"^nr\. ([0-9]{1,18})$")


def met_naam(getypt: str) -> list[Organisatie]:
    """The organisations that `getypt` names; several when it names more than one."""
    gevonden = list(Organisatie.objects.met_naam(getypt)[:MEESTE_SUGGESTIES])
    if deel := _MET_PLAATS.match(getypt):
        nummer = _NUMMER.match(deel["plaats"])
        if nummer and (op_nummer := list(Organisatie.objects.met_naam(deel["naam"]).filter(pk=int(nummer[1])))):
            return op_nummer
        met_plaats = [
            o
            for o in Organisatie.objects.met_naam(deel["naam"])[:MEESTE_SUGGESTIES]
            if naam_sleutel(o.plaats) == naam_sleutel(deel["plaats"])
        ]
        gevonden = met_plaats or gevonden
    return gevonden


def suggesties(begin: str) -> list[dict]:
    """Organisations whose name contains what was typed, for the list under the field: with their kind and words,
    which choosing one fills in."""
    sleutel = naam_sleutel(begin)
    if len(sleutel) < 2:
        return []
    rijen = Organisatie.objects.filter(sleutel__contains=sleutel).order_by("naam", "plaats", "pk")
    namen = {}
    organisaties = list(rijen[:MEESTE_SUGGESTIES])
    for organisatie in organisaties:
        namen[organisatie.sleutel] = namen.get(organisatie.sleutel, 0) + 1
    return [
        {
            "id": o.pk,
            "naam": o.naam,
            # Two of one name: each with its place, or its number when it has none, so that each can be chosen.
            "label": o.label if namen[o.sleutel] == 1 or o.plaats else f"{o.naam} (nr. {o.pk})",
            "soort": o.soort,
            "soort_label": o.get_soort_display(),
            "doelgroep_meervoud": o.doelgroep_meervoud,
            "doelgroep_enkelvoud": o.doelgroep_enkelvoud,
        }
        for o in organisaties
    ]
