"""The fixture `vragenbank` holds the question bank of the handreiking and the leidraad, word for word."""

import pytest
from django.core.management import call_command

from elementen.models import Criterium, Doorvraag, Gesprekshulp, Kader, Voorbeeldvraag

pytestmark = pytest.mark.django_db


@pytest.fixture
def handreiking():
    call_command("loaddata", "vragenbank", verbosity=0)
    return Kader.objects.get(soort=Kader.Soort.HANDREIKING)


@pytest.fixture
def leidraad(handreiking):
    return Kader.objects.get(soort=Kader.Soort.LEIDRAAD)


def element(kader, naam):
    return kader.elementen.get(naam=naam)


def test_the_fixture_holds_two_published_kaders(handreiking, leidraad):
    assert (handreiking.titel, handreiking.versie) == ("Stimulerend toezicht op samenwerking", "september 2023")
    assert (leidraad.titel, leidraad.versie) == ("Aandacht voor samenwerking", "oktober 2023")
    assert set(Kader.objects.gepubliceerd()) == {handreiking, leidraad}


def test_the_handreiking_has_nine_elements_of_which_three_are_core(handreiking):
    assert list(handreiking.elementen.values_list("nummer", flat=True)) == list(range(1, 10))
    assert [e.naam for e in handreiking.kernelementen()] == [
        "Gedeelde visie, gedeeld belang",
        "Leiderschap en management",
        "Evaluatie monitoring en reflectie",
    ]
    assert len(handreiking.overige_elementen()) == 6
    assert all(e.inleiding == "" and e.kern_volgorde is None for e in handreiking.overige_elementen())


def test_the_core_elements_hold_six_sixteen_and_six_criteria(handreiking):
    aantallen = [e.criteria.count() for e in handreiking.kernelementen()]
    assert aantallen == [6, 16, 6]
    for e in handreiking.kernelementen():
        assert [c.label for c in e.criteria.all()] == [str(n) for n in range(1, e.criteria.count() + 1)]


def test_leiderschap_has_four_kwadranten_with_consecutive_criteria(handreiking):
    leiderschap = element(handreiking, "Leiderschap en management")
    groepen = [(k.naam, [c.nummer for c in k.criteria.order_by("nummer")]) for k in leiderschap.kwadranten.all()]
    assert groepen == [
        ("Intern stimuleren", [1, 2, 3, 4, 5]),
        ("Interne structuur en inrichting", [6, 7, 8, 9, 10]),
        ("Extern stimuleren", [11, 12, 13, 14]),
        ("Externe structuur en inrichting", [15, 16]),
    ]
    assert [len(criteria) for _, criteria in leiderschap.criteria_per_kwadrant()] == [5, 5, 4, 2]


def test_only_leiderschap_has_kwadranten(handreiking, leidraad):
    for kader in (handreiking, leidraad):
        for e in kader.elementen.all():
            assert e.kwadranten.exists() == (kader == handreiking and e.naam == "Leiderschap en management")


def test_the_core_elements_have_four_four_and_three_example_questions(handreiking):
    aantallen = [[v.doorvragen.count() for v in e.voorbeeldvragen.all()] for e in handreiking.kernelementen()]
    assert aantallen == [[2, 3, 3, 1], [4, 5, 5, 4], [5, 3, 0]]
    assert Voorbeeldvraag.objects.count() == 11
    assert Doorvraag.objects.count() == 35


def test_every_leiderschap_question_is_linked_to_the_criteria_of_its_kwadrant(handreiking):
    leiderschap = element(handreiking, "Leiderschap en management")
    for vraag, kwadrant in zip(leiderschap.voorbeeldvragen.all(), leiderschap.kwadranten.all(), strict=True):
        assert set(vraag.criteria.all()) == set(kwadrant.criteria.all())


def test_every_question_is_linked_only_to_criteria_of_its_own_element(handreiking):
    for vraag in Voorbeeldvraag.objects.all():
        assert vraag.criteria.exists()
        assert {c.element_id for c in vraag.criteria.all()} == {vraag.element_id}


def test_the_evaluation_question_on_agreements_asks_after_the_five_points(handreiking):
    evaluatie = element(handreiking, "Evaluatie monitoring en reflectie")
    vraag = evaluatie.voorbeeldvragen.get(nummer=1)
    assert vraag.tekst == "Heeft u bij het aangaan van het samenwerkingsverband samen vastgelegd:"
    assert [c.nummer for c in vraag.criteria.all()] == [1, 2, 3, 4, 5]
    assert vraag.doorvragen.first().tekst == "Wat de beoogde resultaten zijn;"
    assert evaluatie.criteria_inleiding == (
        "Bij het aangaan van het samenwerkingsverband moeten de samenwerkingspartners duidelijk maken:"
    )


def test_the_handreiking_has_its_conversation_aids_and_occasions(handreiking):
    aantallen = {soort: handreiking.gesprekshulpen.filter(soort=soort).count() for soort in Gesprekshulp.Soort}
    assert aantallen == {
        Gesprekshulp.Soort.INWONERPERSPECTIEF: 3,
        Gesprekshulp.Soort.OPENINGSVRAAG: 3,
        Gesprekshulp.Soort.GOUDEN_REGEL: 6,
        Gesprekshulp.Soort.TIP: 2,
        Gesprekshulp.Soort.TIP_INSPECTEURS: 8,
    }
    assert len(handreiking.inwonerperspectief_vragen()) == 3
    aanleidingen = list(handreiking.aanleidingen.values_list("tekst", flat=True))
    assert len(aanleidingen) == 9
    assert aanleidingen[0] == "afsluitend gesprek met bestuurder na bezoek"
    assert aanleidingen[-1] == "focusgroepen"


def test_every_criterion_and_question_text_stands_in_the_handreiking_word_for_word(handreiking):
    leiderschap = element(handreiking, "Leiderschap en management")
    visie = element(handreiking, "Gedeelde visie, gedeeld belang")
    evaluatie = element(handreiking, "Evaluatie monitoring en reflectie")
    assert (
        leiderschap.criteria.get(nummer=10).tekst
        == "De bestuurder zorgt dat in P-gesprekken aandacht is voor samenwerken."
    )
    assert leiderschap.criteria.get(nummer=16).tekst == (
        "De bestuurder gebruikt diens netwerk om de juiste partijen en partners te zoeken en bij elkaar te zetten"
    )
    assert evaluatie.criteria.get(nummer=6).tekst == (
        "Ook voeren ze de evaluaties gezamenlijk uit en betrekken belangrijke stakeholders, verschillende niveaus "
        "en inwoners hierbij. Eventueel gebruiken ze hiervoor de evaluatietool van TSD."
    )
    assert visie.voorbeeldvragen.get(nummer=1).doorvragen.get(volgorde=2).tekst == (
        "Op welke wijze betreft u daarbij toekomstige (zorg-/hulp)vragen en/of regionale ontwikkelingen?"
    )
    assert handreiking.elementen.get(nummer=5).korte_omschrijving == (
        "Goede samenwerking kost tijd en daarmee geld. Een structurele financiering is van belang, evenals afspraken "
        "over wie wat financiert."
    )
    assert handreiking.inwonerperspectief_vragen()[0].tekst == (
        "Wat merkt de inwoner er in de zorg of ondersteuning van dat u samenwerkt met organisatie D.?"
    )
    assert leiderschap.inleiding.endswith("inrichten en structureren.\n\nVier kwadranten zijn hiervoor van belang.")
    assert handreiking.inwonerperspectief.startswith(
        "Het centrale vertrekpunt van de samenwerking is het inwonerperspectief. Samenwerken is een middel, geen doel."
    )


def test_no_footnote_marks_or_list_bullets_remain_in_the_texts(handreiking):
    teksten = [c.tekst for c in Criterium.objects.all()]
    teksten += [h.tekst for h in Gesprekshulp.objects.all()]
    teksten += [d.tekst for d in Doorvraag.objects.all()] + [v.tekst for v in Voorbeeldvraag.objects.all()]
    for tekst in teksten:
        assert not set("¹²³⁴−") & set(tekst), tekst
        assert not tekst.startswith(("- ", "• ")), tekst


def test_the_leidraad_has_three_core_elements_with_criteria_shown_as_letters(leidraad):
    assert [e.naam for e in leidraad.kernelementen()] == [
        "Gedeelde en vastgestelde visie",
        "Leiderschap en management",
        "Evaluatie, monitoring en reflectie",
    ]
    assert leidraad.overige_elementen() == []
    labels = [[c.label for c in e.criteria.all()] for e in leidraad.kernelementen()]
    assert labels == [list("abc"), list("abcdefghi"), ["a"]]


def test_the_leidraad_texts_are_mended_only_where_extraction_broke_them(leidraad):
    visie, leiderschap, evaluatie = leidraad.kernelementen()
    assert leiderschap.criteria.get(nummer=9).tekst == (
        "investeren in het leren kennen van de samenwerkingspartners, waarbij zij elkaars perspectieven en "
        "drijfveren verkennen. En daarbij oog hebben voor competitie, concurrentie en machtsvraagstukken."
    )
    assert str(leiderschap.criteria.get(nummer=9).label) == "i"
    assert visie.criteria.get(nummer=3).tekst.endswith(
        "Het ‘samenwerkingsdeel’ staat immers niet los van de organisatie. "
        "Er kunnen in de praktijk strijdige doelen en belangen bestaan."
    )
    assert leiderschap.inleiding.endswith("Het is daarom belangrijk dat bestuurders:")
    regels = evaluatie.criteria.get().tekst.split("\n")
    assert len(regels) == 5 and all(r.startswith("- ") for r in regels[1:])
    assert regels[-1].endswith(
        "en de mensen voor wie zij samenwerken. De Zorg en ondersteuning Evaluatie Tool kan hierbij helpen."
    )
    assert leidraad.inwonerperspectief.endswith("realiseren dat mensen de juiste zorg en ondersteuning krijgen.")


def test_the_leidraad_has_no_questions_kwadranten_or_aids(leidraad):
    assert not Voorbeeldvraag.objects.filter(element__kader=leidraad).exists()
    assert not leidraad.gesprekshulpen.exists()
    assert not leidraad.aanleidingen.exists()
