from django.core.management import call_command

from elementen.models import Criterium, Kader


def test_loading_the_bank_twice_keeps_what_editors_changed(db):
    call_command("vragenbank_laden")
    Criterium.objects.filter(nummer=1).update(tekst="Door TSD gewijzigd")

    call_command("vragenbank_laden")

    assert Kader.objects.count() == 4
    assert Criterium.objects.filter(tekst="Door TSD gewijzigd").exists()


def test_the_loaded_bank_starts_its_history_so_editors_see_the_original_text(db):
    call_command("vragenbank_laden")

    criterium = Criterium.objects.get(element__naam="Leiderschap en management", nummer=10)
    assert criterium.history.count() == 1
    assert criterium.history.first().tekst == "De bestuurder zorgt dat in P-gesprekken aandacht is voor samenwerken."
