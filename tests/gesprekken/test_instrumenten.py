"""Instruments in a gesprek: added while composing, filled in on gesprek voeren with the guarantees of a note."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from elementen.models import Item
from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, Gebeurtenis, Gesprek, InstrumentRij
from tests import instrumentgids

from .builders import element, url


@pytest.fixture
def gids(vragenbank):
    return instrumentgids.maak(elementen=vragenbank.elementen.filter(nummer=2))


def toevoegen(gesprek, instrument, element=None):
    return services.instrument_toevoegen(
        gesprek=gesprek, wie=Wie(gesprek.eigenaar), instrument=instrument, element=element
    )


def velden(instrument):
    return list(
        Aantekening.objects.filter(veld__instrument=instrument).order_by("veld__rij", "veld__item", "veld__kolom")
    )


def opslaan(client, gesprek, aantekening, tekst="", keuze="", observatie=""):
    return client.post(
        url("aantekening_opslaan", gesprek, aantekening.pk),
        {"tekst": tekst, "keuze": keuze, "observatie": observatie, "versie": str(aantekening.versie)},
    )


def test_an_inspector_adds_an_instrument_under_an_element_and_finds_it_on_gesprek_voeren(
    client_van, eigenaar, gesprek, gids
):
    client = client_van(eigenaar)
    visie = element(gesprek, "Gedeelde visie, gedeeld belang")

    response = client.post(
        url("instrument_toevoegen", gesprek), {"instrument": gids["Hoe zit dat bij jou?"].pk, "element": visie.pk}
    )

    assert response.status_code == 302
    pagina = client.get(url("voeren", gesprek)).content.decode()
    assert "Hoe zit dat bij jou?" in pagina
    assert "Of merken zij er niets van?" in pagina
    assert Gebeurtenis.objects.filter(gesprek=gesprek, wat="instrument Hoe zit dat bij jou? toegevoegd").exists()


def test_the_questions_speak_the_organisations_own_word_for_inwoners(eigenaar, gesprek, gids):
    gesprek.doelgroep_meervoud, gesprek.doelgroep_enkelvoud = "cliënten", "cliënt"
    gesprek.save()

    instrument = toevoegen(gesprek, gids["Hoe zit dat bij jou?"])

    assert instrument.inhoud[0]["items"][0]["tekst"] == "Wat merken cliënten van de samenwerking?"


def test_a_table_per_partner_starts_with_the_casus_partner_and_takes_more(client_van, eigenaar, gesprek, gids):
    gesprek.casus_partner = "Wijkteam Noord"
    gesprek.save()
    instrument = toevoegen(gesprek, gids["Halen en brengen"])
    client = client_van(eigenaar)

    client.post(url("instrument_rij_toevoegen", gesprek, instrument.pk), {"naam": "GGZ Oost", "onderdeel": 0})

    assert [r.naam for r in instrument.rijen.all()] == ["Wijkteam Noord", "GGZ Oost"]
    assert len(velden(instrument)) == 6
    pagina = client.get(url("voeren", gesprek)).content.decode()
    assert "Halen – GGZ Oost" in pagina
    assert "Brengen – Wijkteam Noord" in pagina


def test_what_is_typed_in_a_cell_is_saved_as_a_note_with_versions_and_conflicts(
    client_van, eigenaar, co_inspecteur, gesprek, gids
):
    instrument = toevoegen(gesprek, gids["Halen en brengen"])
    rij = services.instrument_rij_toevoegen(
        gesprek=gesprek, wie=Wie(eigenaar), instrument=instrument, onderdeel=0, naam="GGZ Oost"
    )
    cel = Aantekening.objects.get(veld__rij=rij, veld__kolom=1)

    assert opslaan(client_van(eigenaar), gesprek, cel, "Zij halen kennis over wonen.").status_code == 200
    te_laat = opslaan(client_van(co_inspecteur), gesprek, cel, "Iets anders")

    assert te_laat.status_code == 409
    assert te_laat.json()["server"]["tekst"] == "Zij halen kennis over wonen."
    cel.refresh_from_db()
    assert cel.tekst == "Zij halen kennis over wonen."
    assert Gesprek.objects.get(pk=gesprek.pk).status == Gesprek.Status.GEVOERD


def test_a_scale_takes_only_its_own_values(client_van, eigenaar, gesprek, gids):
    instrument = toevoegen(gesprek, gids["De balans opmaken"])
    stelling = velden(instrument)[0]
    client = client_van(eigenaar)

    buiten_de_schaal = opslaan(client, gesprek, stelling, "toelichting", keuze="7")
    observatie = opslaan(client, gesprek, stelling, "toelichting", observatie="sterk_punt")
    goed = opslaan(client, gesprek, stelling, "Het doel staat op papier.", keuze="2")

    assert buiten_de_schaal.status_code == 422
    assert "niet op de schaal" in buiten_de_schaal.json()["melding"]
    assert observatie.status_code == 422
    assert goed.status_code == 200
    stelling.refresh_from_db()
    assert (stelling.keuze, stelling.tekst) == ("2", "Het doel staat op papier.")
    pagina = client.get(url("voeren", gesprek)).content.decode()
    assert f'id="keuze-{stelling.pk}-2" value="2" checked' in pagina
    assert ">geel</label>" in pagina


def test_a_criterion_note_takes_no_scale(client_van, eigenaar, gesprek, aantekening):
    response = opslaan(client_van(eigenaar), gesprek, aantekening, "tekst", keuze="1")

    assert response.status_code == 422
    aantekening.refresh_from_db()
    assert aantekening.tekst == ""


def test_the_slider_sits_between_its_two_poles(client_van, eigenaar, gesprek, gids):
    instrument = toevoegen(gesprek, gids["Dilemmaschuif"])
    (schuif,) = velden(instrument)

    response = opslaan(client_van(eigenaar), gesprek, schuif, "We kiezen nu voor draagvlak.", keuze="4")

    assert response.status_code == 200
    pagina = client_van(eigenaar).get(url("voeren", gesprek)).content.decode()
    assert "Helemaal: Snelheid" in pagina and "Meer: Draagvlak" in pagina


@pytest.mark.parametrize(
    "post, melding",
    [
        ({"naam": "   ", "onderdeel": 0}, "Geef de rij een naam"),
        ({"naam": "x" * 201, "onderdeel": 0}, "ten hoogste 200 tekens"),
        ({"naam": "GGZ", "onderdeel": 5}, "geen rijen"),
        ({"naam": "GGZ", "onderdeel": "een"}, "geheel getal"),
    ],
)
def test_a_row_without_a_proper_name_or_place_is_refused_in_dutch(client_van, eigenaar, gesprek, gids, post, melding):
    instrument = toevoegen(gesprek, gids["Halen en brengen"])
    aantal_rijen = instrument.rijen.count()
    client = client_van(eigenaar)

    response = client.post(url("instrument_rij_toevoegen", gesprek, instrument.pk), post, follow=True)

    assert melding in response.content.decode()
    assert instrument.rijen.count() == aantal_rijen


def test_another_gesprek_s_instrument_is_not_found(client_van, eigenaar, gesprek, gids, vragenbank):
    from tests import factories

    ander = factories.gesprek(eigenaar=eigenaar, kader=vragenbank)
    instrument = toevoegen(ander, gids["Halen en brengen"])

    response = client_van(eigenaar).post(
        url("instrument_rij_toevoegen", gesprek, instrument.pk), {"naam": "GGZ", "onderdeel": 0}
    )

    assert response.status_code == 404
    assert not InstrumentRij.objects.filter(naam="GGZ").exists()


def test_a_row_or_instrument_holding_text_is_not_removed(client_van, eigenaar, gesprek, gids):
    instrument = toevoegen(gesprek, gids["Halen en brengen"])
    vol = services.instrument_rij_toevoegen(
        gesprek=gesprek, wie=Wie(eigenaar), instrument=instrument, onderdeel=0, naam="A"
    )
    leeg = services.instrument_rij_toevoegen(
        gesprek=gesprek, wie=Wie(eigenaar), instrument=instrument, onderdeel=0, naam="B"
    )
    cel = Aantekening.objects.filter(veld__rij=vol).first()
    assert opslaan(client_van(eigenaar), gesprek, cel, "Belang: wonen").status_code == 200
    client = client_van(eigenaar)

    geweigerd = client.post(url("instrument_rij_verwijderen", gesprek, instrument.pk, vol.pk), follow=True)
    client.post(url("instrument_rij_verwijderen", gesprek, instrument.pk, leeg.pk))
    ook_geweigerd = client.post(url("instrument_verwijderen", gesprek, instrument.pk), follow=True)

    assert "al iets ingevuld" in geweigerd.content.decode()
    assert "al iets ingevuld" in ook_geweigerd.content.decode()
    assert "A" in [r.naam for r in instrument.rijen.all()]
    assert "B" not in [r.naam for r in instrument.rijen.all()]
    cel.refresh_from_db()
    assert cel.tekst == "Belang: wonen"


def test_an_empty_instrument_can_be_taken_off(client_van, eigenaar, gesprek, gids):
    instrument = toevoegen(gesprek, gids["Impact framework"])

    client_van(eigenaar).post(url("instrument_verwijderen", gesprek, instrument.pk))

    assert not gesprek.instrumenten.exists()
    assert not Aantekening.objects.filter(veld__isnull=False).exists()


def test_editing_or_deleting_the_instrument_in_the_bank_changes_nothing_in_the_gesprek(
    client_van, eigenaar, gesprek, gids
):
    instrument = toevoegen(gesprek, gids["Hoe zit dat bij jou?"])
    Item.objects.filter(tekst="Wie neemt het initiatief?").update(tekst="Door TSD gewijzigd")
    gids["Hoe zit dat bij jou?"].delete()

    pagina = client_van(eigenaar).get(url("voeren", gesprek)).content.decode()

    assert "Wie neemt het initiatief?" in pagina
    assert "Door TSD gewijzigd" not in pagina
    instrument.refresh_from_db()
    assert instrument.bron is None


def test_an_afgerond_gesprek_takes_no_instrument(client_van, eigenaar, gesprek, gids):
    services.vaststellen(gesprek=gesprek, wie=Wie(eigenaar))

    client_van(eigenaar).post(url("instrument_toevoegen", gesprek), {"instrument": gids["Timing"].pk})

    assert not gesprek.instrumenten.exists()


def test_a_fields_earlier_versions_show_the_chosen_value_and_can_be_put_back(
    client_van, eigenaar, co_inspecteur, gesprek, gids
):
    instrument = toevoegen(gesprek, gids["De balans opmaken"])
    stelling = velden(instrument)[0]
    assert opslaan(client_van(eigenaar), gesprek, stelling, "Op papier.", keuze="1").status_code == 200
    stelling.refresh_from_db()
    assert (
        opslaan(client_van(co_inspecteur), gesprek, stelling, "Niet iedereen kent het.", keuze="3").status_code == 200
    )

    pagina = client_van(eigenaar).get(url("aantekening_geschiedenis", gesprek, stelling.pk)).content.decode()

    assert "Eerdere versies van de invulling van De balans opmaken (Er is een gedeeld doel.)" in pagina
    assert "Keuze: groen" in pagina and "Keuze: rood" in pagina
    versie = stelling.versies.get()
    client_van(eigenaar).post(url("versie_terugzetten", gesprek, stelling.pk, versie.pk))
    stelling.refresh_from_db()
    assert (stelling.tekst, stelling.keuze) == ("Op papier.", "1")
    assert Gebeurtenis.objects.filter(wat__startswith="invulling van De balans opmaken").exists()


@pytest.mark.parametrize("pagina", ["voeren", "vragenlijst"])
def test_a_gesprek_page_takes_as_many_queries_with_two_instruments_as_with_ten(
    client_van, eigenaar, gesprek, gids, pagina
):
    client = client_van(eigenaar)
    visie = element(gesprek, "Gedeelde visie, gedeeld belang")
    toevoegen(gesprek, gids["Halen en brengen"])
    toevoegen(gesprek, gids["Timing"], element=visie)
    client.get(url(pagina, gesprek))
    with CaptureQueriesContext(connection) as twee:
        client.get(url(pagina, gesprek))
    for titel in ["Hoe zit dat bij jou?", "De balans opmaken", "Dilemmaschuif", "Impact framework"]:
        toevoegen(gesprek, gids[titel], element=visie)
        toevoegen(gesprek, gids[titel])
    with CaptureQueriesContext(connection) as tien:
        html = client.get(url(pagina, gesprek)).content.decode()

    assert len(tien) == len(twee)
    assert len(re.findall(r'id="instrument-\d+"', html)) == 10
