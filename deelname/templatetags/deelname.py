"""The organisation's submitted answers where the inspector works: beside the questions, the instruments' fields
and in the report. One query per page (weergave.ingediend keeps it on the gesprek)."""

from django import template

from .. import weergave

register = template.Library()


@register.simple_tag
def vooraf_bij_vragen(gesprek, vragen, met_doorvragen=True):
    if not gesprek:
        return []
    return weergave.ingediend(gesprek).bij_vragen(vragen, met_doorvragen=met_doorvragen)


@register.simple_tag
def vooraf_bij_veld(gesprek, aantekening):
    """The answers to an instrument's field; a choice on its scale with its words (the field and its instrument
    come with the prefetched note, so this reads nothing more)."""
    if not aantekening.veld_id or not gesprek:
        return []
    antwoorden = weergave.ingediend(gesprek).velden.get(aantekening.veld_id, [])
    if antwoorden:
        keuzes = dict(aantekening.veld.keuzes())
        for antwoord in antwoorden:
            antwoord.keuze_tekst = keuzes.get(antwoord.keuze, "")
    return antwoorden


@register.simple_tag
def vooraf_bij_instrument(gesprek, instrument):
    if not gesprek:
        return []
    return weergave.ingediend(gesprek).bij_instrument(instrument)


@register.simple_tag
def vooraf_in_rapport(gesprek):
    return weergave.voor_rapport(gesprek)


@register.filter
def alle_in_rapport(antwoorden):
    return all(a.in_rapport for a in antwoorden)
