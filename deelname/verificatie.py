"""The verification round as the inspector sees it: the concept that went out, to whom, the remarks that came back
and how each was handled, and those remarks as the report's annex."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from gesprekken.models import RapportVersie

from . import services
from .models import Opmerking, Uitnodiging

BIJLAGE = "bijlage-opmerkingen"


def _sinds_laatst_vastgesteld(gesprek):
    """The versions of this round of rounding off: those after the last final version."""
    vastgesteld = (
        RapportVersie.objects.filter(gesprek=gesprek, soort=RapportVersie.Soort.VASTGESTELD)
        .order_by("-nummer")
        .values_list("nummer", flat=True)
        .first()
    )
    return {"versie__gesprek": gesprek, "versie__nummer__gt": vastgesteld or 0}


def opmerkingen(gesprek, sinds=None):
    """The remarks handed in on this round's concepts, with something in them, in the report's order."""
    sinds = sinds or _sinds_laatst_vastgesteld(gesprek)
    return list(
        Opmerking.objects.filter(
            **{f"uitnodiging__{k}": v for k, v in sinds.items()}, uitnodiging__ingediend_op__isnull=False
        )
        .exclude(tekst__regex=r"^\s*$")
        .select_related("uitnodiging__versie", "verwerkt_door")
        .order_by("uitnodiging__versie__nummer", "volgorde", "uitnodiging__naam", "pk")
    )


@dataclass
class Verificatie:
    concept: RapportVersie | None
    uitnodigingen: list[Uitnodiging]
    opmerkingen: list[Opmerking]

    @property
    def onverwerkt(self):
        return [o for o in self.opmerkingen if not o.is_verwerkt]


def van(gesprek) -> Verificatie:
    """The round of the gesprek's concept; a gesprek without one (gevoerd, or reopened) has none, and no query."""
    if not gesprek.heeft_concept:
        return Verificatie(None, [], [])
    sinds = _sinds_laatst_vastgesteld(gesprek)
    uitnodigingen = Uitnodiging.objects.filter(ronde=Uitnodiging.Ronde.VERIFICATIE, **sinds).select_related("versie")
    return Verificatie(services.te_controleren(gesprek), list(uitnodigingen), opmerkingen(gesprek, sinds))


def bijlage(gesprek) -> dict | None:
    """The annex of the final report: each remark with its section, who made it and how it was handled."""
    lijst = opmerkingen(gesprek)
    if not lijst:
        return None
    titel = "Bijlage: opmerkingen van de organisatie"
    return {
        "sectie_id": BIJLAGE,
        "titel": titel,
        "sectie_html": render_to_string(
            "deelname/rapport/_bijlage.html", {"id": BIJLAGE, "titel": titel, "opmerkingen": lijst}
        ),
    }
