"""A gesprek as JSON: everything it holds, with the kader version it was composed from."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from deelname import weergave
from elementen.models import Onderdeel
from gesprekken import instrumenten
from gesprekken.models import Afspraak

from . import bestandsnaam, invulling, naam_van

JSON_FORMAAT = 2


def _vraag(vraag):
    return {
        "soort": vraag.soort,
        "tekst": vraag.tekst,
        "brontekst": vraag.brontekst,
        "criteria": vraag.criteria_labels,
        "opgenomen": vraag.opgenomen,
    }


def _aantekening(aantekening):
    if aantekening is None:
        return None
    return {
        "tekst": aantekening.tekst,
        "observatie": aantekening.observatie,
        "gewijzigd_op": aantekening.gewijzigd_op,
    }


def _antwoord(antwoord):
    return {
        "tekst": antwoord.tekst,
        "keuze": antwoord.keuze,
        "keuze_label": antwoord.gekozen,
        "gewijzigd_op": antwoord.gewijzigd_op,
    }


def _vooraf(antwoord):
    wie = antwoord.uitnodiging
    return {
        "naam": wie.naam,
        "rol": wie.rol,
        "tekst": antwoord.tekst,
        "keuze": antwoord.keuze,
        "keuze_label": antwoord.keuze_tekst,
        "gewijzigd_op": antwoord.gewijzigd_op,
    }


def _velden(deel):
    if deel.soort == Onderdeel.Soort.TABEL:
        return [
            {"rij": rij.naam, "kolom": kolom, **_antwoord(cel)}
            for rij in deel.rijen
            for kolom, cel in zip(deel.kolommen, rij.cellen, strict=True)
        ]
    if deel.soort == Onderdeel.Soort.SCHUIF:
        return [_antwoord(deel.schuif)]
    return [{"vraag": regel.tekst, **_antwoord(regel.antwoord)} for regel in deel.regels]


def _instrument(instrument):
    """An instrument with every place to fill in, filled in or not: unlike the rapport, the JSON keeps all."""
    return {
        "code": instrument.code,
        "titel": instrument.titel,
        "bron": instrument.bronvermelding,
        "vorm": instrument.vorm,
        "ingevuld": instrumenten.is_ingevuld(instrument),
        "onderdelen": [
            {
                "titel": deel.titel,
                "soort": deel.soort,
                "herhaling": deel.herhaling,
                "kolommen": deel.kolommen,
                "polen": deel.polen,
                "keuzes": [{"waarde": waarde, "label": label} for waarde, label in deel.keuzes],
                "velden": _velden(deel),
            }
            for deel in invulling.invullingen(instrument)
        ],
    }


def gesprek_als_dict(gesprek) -> dict:
    """Everything a gesprek holds, with the kader version it was composed from.

    Expects the gesprek as the gesprek views load it, with `kader` selected.
    """
    kader = gesprek.kader
    return {
        "formaat": JSON_FORMAAT,
        "gemaakt_op": timezone.now(),
        "kader": {
            "id": gesprek.kader_id,
            "titel": gesprek.kader_titel,
            # The bank may have withdrawn or deleted the kader since; the titel above is what the gesprek kept.
            "versie": kader.versie if kader else None,
            "soort": kader.soort if kader else None,
            "gepubliceerd_op": kader.gepubliceerd_op if kader else None,
        },
        "gesprek": {
            "id": gesprek.pk,
            "organisatie": gesprek.organisatie.naam,
            "organisatie_id": gesprek.organisatie_id,
            "organisatie_type": gesprek.organisatie_type,
            "doelgroep": {"meervoud": gesprek.doelgroep_meervoud, "enkelvoud": gesprek.doelgroep_enkelvoud},
            "inspectie": gesprek.inspectie,
            "aanleiding": gesprek.aanleiding,
            "datum": gesprek.datum,
            "status": gesprek.status,
            "vastgesteld_op": gesprek.vastgesteld_op,
            "casus_partner": gesprek.casus_partner,
            "casus_omschrijving": gesprek.casus_omschrijving,
            "inspecteurs": [naam_van(i) for i in gesprek.inspecteurs()],
            "bestuurders": [{"naam": b.naam, "functie": b.functie} for b in gesprek.bestuurders.all()],
        },
        "hulpvragen": [_vraag(v) for v in gesprek.hulpvragen],
        "elementen": [
            {
                "nummer": element.nummer,
                "naam": element.naam,
                "kernelement": element.is_kernelement,
                "opgenomen": element.opgenomen,
                "criteria": [
                    {
                        "label": criterium.label,
                        "kwadrant": criterium.kwadrant,
                        "tekst": criterium.tekst,
                        "opgenomen": criterium.opgenomen,
                        "aantekening": _aantekening(getattr(criterium, "aantekening", None)),
                    }
                    for criterium in element.criteria.all()
                ],
                "vrije_aantekening": _aantekening(element.vrij[0] if element.vrij else None),
                "vragen": [
                    {**_vraag(vraag), "doorvragen": [_vraag(d) for d in vraag.doorvragen.all()]}
                    for vraag in element.hoofdvragen
                ],
                "instrumenten": [_instrument(i) for i in element.instrumenten.all()],
            }
            for element in gesprek.elementen.all()
        ],
        "instrumenten": [_instrument(i) for i in gesprek.algemene_instrumenten],
        "terugblik": [
            {
                "afspraak": {"wat": t.afspraak.wat, "wie": t.afspraak.wie, "wanneer": t.afspraak.wanneer},
                "gesprek_van": t.afspraak.gesprek.datum,
                "status": t.aantekening.keuze or Afspraak.Status.OPEN,
                "toelichting": t.aantekening.tekst,
            }
            for t in gesprek.terugblikken.all()
        ],
        # Only the organisation's answers the inspector chose for the rapport, as the rapport shows them.
        "vooraf": [
            {"over": wat, "antwoorden": [_vooraf(a) for a in antwoorden]}
            for wat, antwoorden in weergave.voor_rapport(gesprek)
        ],
        # What each version was, not its content: that is in the version's PDF.
        "versies": [
            {
                "nummer": v.nummer,
                "soort": v.soort,
                "gemaakt_op": v.gemaakt_op,
                "gemaakt_door": v.gemaakt_door_naam,
                "toelichting": v.toelichting,
                "controlesom": v.controlesom,
            }
            for v in gesprek.versies.defer("inhoud", "pdf")
        ],
        "afronding": {
            "samenvatting": gesprek.samenvatting,
            "wat_goed_gaat": gesprek.wat_goed_gaat,
            "ontwikkelkansen": gesprek.ontwikkelkansen,
            "afspraken": [
                {"wat": a.wat, "wie": a.wie, "wanneer": a.wanneer, "status": a.status, "toelichting": a.toelichting}
                for a in gesprek.afspraken.all()
            ],
        },
    }


def gesprek_json(gesprek) -> tuple[str, bytes]:
    inhoud = json.dumps(gesprek_als_dict(gesprek), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return bestandsnaam("gesprek", gesprek, "json"), inhoud.encode("utf-8")
