"""The instruments of Platform31's and VNG's guides are in the bank, word for word, and reach running installations."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from elementen.models import Criterium, Instrument, Item, Kader, Onderdeel

pytestmark = pytest.mark.django_db

GIDSEN = sorted((Path(settings.FIXTURE_DIRS[0]) / "instrumenten").glob("*.json"))
SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"


def kader(uitgever):
    return Kader.objects.get(soort=Kader.Soort.INSTRUMENTEN, uitgever=uitgever)


def tellingen(gids):
    return (
        gids.instrumenten.count(),
        Onderdeel.objects.filter(instrument__kader=gids).count(),
        Item.objects.filter(onderdeel__instrument__kader=gids, hoofditem__isnull=True).count(),
        Item.objects.filter(onderdeel__instrument__kader=gids, hoofditem__isnull=False).count(),
    )


@pytest.fixture
def bank():
    call_command("vragenbank_laden", verbosity=0)


def test_both_guides_are_loaded_whole(bank):
    assert tellingen(kader("Platform31")) == (17, 46, 130, 26)
    assert tellingen(kader("VNG")) == (22, 64, 258, 3)
    assert kader("Platform31").titel == "Verbeter je samenwerking: Weer Thuis in de wijk"
    assert kader("VNG").titel == "Gereedschapskist regionale samenwerking zorg en veiligheid"


def test_halen_en_brengen_is_a_table_per_partner_with_the_guides_columns(bank):
    halen = Instrument.objects.get(titel="Belangen in beeld: 'Halen en brengen'")
    tabel = halen.onderdelen.get(soort=Onderdeel.Soort.TABEL)

    assert tabel.herhaling == Onderdeel.Herhaling.PARTNER
    assert [i.tekst for i in tabel.items.all()] == ["Belangen", "Halen", "Brengen"]
    assert sorted(e.nummer for e in halen.elementen.all()) == [1, 2, 5]
    assert {e.kader.soort for e in halen.elementen.all()} == {Kader.Soort.HANDREIKING}


def test_a_sample_of_texts_reads_as_the_guides_print_them(bank):
    probleemscan = Instrument.objects.get(code="1.1")
    vragen = probleemscan.onderdelen.get(soort=Onderdeel.Soort.VRAGEN).items.all()
    schuif = Instrument.objects.get(code="3.1").onderdelen.get(soort=Onderdeel.Soort.SCHUIF)
    overleg = Instrument.objects.get(code="2.3").onderdelen.get(herhaling=Onderdeel.Herhaling.OVERLEG)

    assert probleemscan.titel == "PROBLEEMSCAN"
    assert vragen[0].tekst == "Wat is het probleem waarvoor samenwerking nodig is? Waarom?"
    assert vragen[2].tekst == "Wat is het ideale eindresultaat?"
    assert [i.soort for i in schuif.items.all()] == [Item.Soort.POOL, Item.Soort.POOL]
    assert [i.tekst for i in overleg.items.all()] == ["WIE", "DOEL", "FREQUENTIE"]
    assert Item.objects.filter(tekst="Zijn al deze overleggen nodig?").exists()
    assert Instrument.objects.filter(titel="Hoe zit dat bij jou?").count() == 4
    assert Instrument.objects.filter(titel="Netwerkleiderschap en -leiderschapsbijdragen").exists()


def test_every_instrument_has_a_form_a_moment_and_who_fills_it_in(bank):
    for instrument in Instrument.objects.all():
        instrument.full_clean()
    assert Instrument.objects.filter(vorm=Instrument.Vorm.ACHTERGROND).exists()
    assert Instrument.objects.get(code="1.4").moment == Instrument.Moment.VOOR


def _zonder_opmaak(tekst):
    return re.sub(r"\s+", " ", re.sub(r"[*#|]", "", tekst)).strip()


@pytest.mark.skipif(not SEEDS.exists(), reason="the source documents are beside the project only where it is made")
@pytest.mark.parametrize("pad", GIDSEN, ids=lambda p: p.name)
def test_every_text_of_a_guide_stands_in_its_source_document(pad):
    gids = json.loads(pad.read_text(encoding="utf-8"))
    nummer = pad.name[:3]
    (bron,) = SEEDS.glob(f"{nummer}_*.txt")
    seed = _zonder_opmaak(bron.read_text(encoding="utf-8"))

    def teksten():
        for instrument in gids["instrumenten"]:
            yield from (instrument["titel"], instrument["doel"], instrument["toelichting"])
            for onderdeel in instrument["onderdelen"]:
                yield from (onderdeel["titel"], onderdeel["tekst"])
                for item in onderdeel["items"]:
                    yield item["tekst"]
                    yield from item.get("doorvragen", [])

    ontbreekt = [t for t in teksten() if t and _zonder_opmaak(t) not in seed]
    assert ontbreekt == []


def test_an_installation_running_the_old_bank_gets_the_guides_and_keeps_its_edits():
    call_command("loaddata", "vragenbank", verbosity=0)
    Criterium.objects.filter(nummer=1).update(tekst="Door TSD gewijzigd")
    Kader.objects.filter(soort=Kader.Soort.LEIDRAAD).update(titel="Leidraad, door TSD hernoemd")

    call_command("vragenbank_laden", verbosity=0)
    na_een_keer = {m: m.objects.count() for m in (Kader, Instrument, Onderdeel, Item, Criterium)}
    call_command("vragenbank_laden", verbosity=0)

    assert Kader.objects.count() == 4
    assert Criterium.objects.filter(tekst="Door TSD gewijzigd").count() == Criterium.objects.filter(nummer=1).count()
    assert Kader.objects.filter(titel="Leidraad, door TSD hernoemd").exists()
    assert {m: m.objects.count() for m in na_een_keer} == na_een_keer
    assert tellingen(kader("VNG")) == (22, 64, 258, 3)


def test_a_deleted_kader_of_the_old_bank_comes_back_without_touching_the_other():
    call_command("loaddata", "vragenbank", verbosity=0)
    Kader.objects.filter(soort=Kader.Soort.LEIDRAAD).delete()
    Criterium.objects.filter(nummer=2).update(tekst="Eigen tekst")

    call_command("vragenbank_laden", verbosity=0)

    leidraad = Kader.objects.get(soort=Kader.Soort.LEIDRAAD)
    assert leidraad.elementen.count() == 3
    assert leidraad.elementen.get(nummer=2).criteria.exists()
    assert Criterium.objects.filter(element__kader__soort=Kader.Soort.HANDREIKING, tekst="Eigen tekst").exists()


def test_loaded_instruments_start_their_history_so_editors_see_the_source_text(bank):
    item = Item.objects.filter(tekst="Wat is het ideale eindresultaat?").first()
    assert item.history.count() == 1
    assert item.history.first().history_change_reason == "Geladen uit de bron"
