"""Vragenlijst: composing the questions for one gesprek."""

import re

import pytest

from elementen.models import Kader
from gesprekken.models import Gesprek, GesprekCriterium, GesprekVraag
from tests import factories

from .builders import (
    aantekening_typen,
    bankvraag,
    criterium_aantekeningen,
    eigen_vraag,
    element,
    gegevens_post_van,
    pdf_tekst,
    url,
    vragenlijst_post,
)

KERNELEMENTEN = ["Gedeelde visie, gedeeld belang", "Leiderschap en management", "Evaluatie monitoring en reflectie"]

# Session (1), the user with their permissions (1); the gesprek with its prefetched list and notes (7) and instruments
# (2); the visit in the log (1); whether there are notes (1); the kader and instrument choices (2); the open afspraken
# of earlier gesprekken to look back on (1) and those on the agenda (1); the session saved in a savepoint (3). The
# element choices of the opzet and own-question forms come from the prefetched list. None of it grows with the list.
QUERIES_VAN_DE_VRAGENLIJST = 20


def op_de_agenda(gesprek):
    return [e.naam for e in gesprek.elementen.filter(opgenomen=True)]


def opgenomen_vragen(gesprek, **filters):
    return gesprek.vragen.filter(opgenomen=True, element__isnull=False, **filters)


def melding(response):
    return [str(m) for m in response.context["messages"]]


def voeren_html(client, gesprek):
    return client.get(url("voeren", gesprek)).content.decode()


# Opzetten


def test_a_new_gesprek_starts_with_every_core_element_and_all_their_questions(gesprek):
    assert op_de_agenda(gesprek) == KERNELEMENTEN
    assert opgenomen_vragen(gesprek, soort=GesprekVraag.Soort.VOORBEELDVRAAG).count() == 11
    assert opgenomen_vragen(gesprek, soort=GesprekVraag.Soort.DOORVRAAG).count() == 35
    assert GesprekCriterium.objects.filter(element__gesprek=gesprek, opgenomen=True).count() == 28
    assert gesprek.vragen.filter(element__isnull=True, opgenomen=True).count() == 6


def test_the_opzet_main_questions_only_leaves_out_every_follow_up_question(client_van, eigenaar, gesprek):
    client = client_van(eigenaar)

    response = client.post(url("vragenlijst_opzet", gesprek), {"opzet": "hoofdvragen"}, follow=True)

    assert "De vragenlijst begint nu bij de gekozen opzet. Uw eigen vragen zijn bewaard." in melding(response)
    assert op_de_agenda(gesprek) == KERNELEMENTEN
    assert opgenomen_vragen(gesprek).count() == 11
    assert not opgenomen_vragen(gesprek, soort=GesprekVraag.Soort.DOORVRAAG).exists()
    html = voeren_html(client, gesprek)
    assert "Heeft u uw organisatie anders moeten inrichten om de samenwerking te laten slagen?" in html
    assert "Hoe faciliteert u uw medewerkers om samen te werken?" not in html


def test_the_opzet_one_element_puts_only_that_element_on_the_agenda(client_van, eigenaar, gesprek):
    leiderschap = element(gesprek, "Leiderschap en management")

    client_van(eigenaar).post(url("vragenlijst_opzet", gesprek), {"opzet": "een_element", "element": leiderschap.pk})

    assert op_de_agenda(gesprek) == ["Leiderschap en management"]
    assert set(opgenomen_vragen(gesprek).values_list("element", flat=True)) == {leiderschap.pk}
    assert opgenomen_vragen(gesprek).count() == 4 + 18
    assert GesprekCriterium.objects.filter(element__gesprek=gesprek, opgenomen=True).count() == 16


def test_the_opzet_one_element_without_an_element_says_which_to_choose_and_changes_nothing(
    client_van, eigenaar, gesprek
):
    response = client_van(eigenaar).post(url("vragenlijst_opzet", gesprek), {"opzet": "een_element"}, follow=True)

    assert "Kies het element waarmee u wilt beginnen." in melding(response)
    assert op_de_agenda(gesprek) == KERNELEMENTEN


def test_the_opzet_empty_starts_with_nothing_on_the_list(client_van, eigenaar, gesprek):
    client = client_van(eigenaar)

    client.post(url("vragenlijst_opzet", gesprek), {"opzet": "niets"})

    assert op_de_agenda(gesprek) == []
    assert not gesprek.vragen.filter(opgenomen=True).exists()
    html = voeren_html(client, gesprek)
    assert "Leiderschap en management" not in html
    assert "Waar bent u trots op" not in html


@pytest.mark.parametrize("opzet", ["alle_kernvragen", "hoofdvragen", "een_element", "niets"])
def test_an_opzet_keeps_the_inspectors_own_questions_in_the_conversation(client_van, eigenaar, gesprek, opzet):
    eigen_vraag(gesprek, "Financiering", "Hoe is de financiering van het wijkteam geregeld?")
    client = client_van(eigenaar)

    client.post(
        url("vragenlijst_opzet", gesprek),
        {"opzet": opzet, "element": element(gesprek, "Leiderschap en management").pk},
    )

    assert "Financiering" in op_de_agenda(gesprek)
    assert "Hoe is de financiering van het wijkteam geregeld?" in voeren_html(client, gesprek)


# Own questions


def test_an_own_question_can_be_asked_under_an_element_without_criteria(client_van, eigenaar, gesprek):
    financiering = element(gesprek, "Financiering")
    client = client_van(eigenaar)

    response = client.post(
        url("eigen_vraag_toevoegen", gesprek),
        {"element": financiering.pk, "tekst": "Hoe is de financiering van het wijkteam geregeld?"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == url("vragenlijst", gesprek) + f"#element-{financiering.pk}"
    assert "Uw vraag staat bij Financiering." in melding(response)
    assert "Hoe is de financiering van het wijkteam geregeld?" in response.content.decode()
    financiering.refresh_from_db()
    assert financiering.opgenomen
    html = voeren_html(client, gesprek)
    assert "Financiering" in html
    assert "Hoe is de financiering van het wijkteam geregeld?" in html


def test_the_opzet_and_own_question_forms_offer_the_elements_of_this_gesprek_in_order(
    client_van, eigenaar, gesprek, vragenbank
):
    factories.gesprek(eigenaar=eigenaar, kader=vragenbank)
    opties = "".join(f'<option value="{e.pk}">{e.naam}</option>' for e in gesprek.elementen.order_by("volgorde"))

    html = client_van(eigenaar).get(url("vragenlijst", gesprek)).content.decode()

    assert '<option value="">---------</option>' + opties in html
    assert re.sub(r">\s+<", "><", html).count('<option value="" selected>---------</option>' + opties) == 1


def test_an_own_question_needs_an_element_of_this_gesprek(client_van, eigenaar, gesprek, vragenbank):
    ander = factories.gesprek(eigenaar=eigenaar, kader=vragenbank)

    response = client_van(eigenaar).post(
        url("eigen_vraag_toevoegen", gesprek),
        {"element": element(ander, "Financiering").pk, "tekst": "Een vraag"},
        follow=True,
    )

    assert "Kies een element van dit gesprek." in melding(response)
    assert not GesprekVraag.objects.filter(soort=GesprekVraag.Soort.EIGEN).exists()


def test_an_own_question_can_be_deleted(client_van, eigenaar, gesprek):
    vraag = eigen_vraag(gesprek, "Financiering", "Hoe is de financiering geregeld?")
    client = client_van(eigenaar)

    response = client.post(url("eigen_vraag_verwijderen", gesprek, vraag.pk), follow=True)

    assert "Uw eigen vraag is verwijderd." in melding(response)
    assert not GesprekVraag.objects.filter(pk=vraag.pk).exists()
    assert "Hoe is de financiering geregeld?" not in voeren_html(client, gesprek)


def test_a_question_from_the_bank_cannot_be_deleted_only_left_out(client_van, eigenaar, gesprek):
    vraag = bankvraag(gesprek, "Heeft u uw organisatie anders moeten inrichten")

    response = client_van(eigenaar).post(url("eigen_vraag_verwijderen", gesprek, vraag.pk))

    assert response.status_code == 404
    assert GesprekVraag.objects.filter(pk=vraag.pk).exists()


# Choosing and ordering


def test_unticked_questions_elements_and_criteria_leave_the_conversation(client_van, eigenaar, gesprek):
    vraag = bankvraag(gesprek, "Heeft u uw organisatie anders moeten inrichten")
    evaluatie = element(gesprek, "Evaluatie monitoring en reflectie")
    data = vragenlijst_post(gesprek)
    data["vragen"].remove(str(vraag.pk))
    data["elementen"].remove(str(evaluatie.pk))
    client = client_van(eigenaar)

    response = client.post(url("vragenlijst", gesprek), data, follow=True)

    assert "De vragenlijst is opgeslagen." in melding(response)
    html = voeren_html(client, gesprek)
    assert "Heeft u uw organisatie anders moeten inrichten" not in html
    assert "Evaluatie monitoring en reflectie" not in html
    assert "Leiderschap en management" in html


def test_a_lower_volgnummer_puts_a_question_earlier(client_van, eigenaar, gesprek):
    eigen = eigen_vraag(gesprek, "Leiderschap en management", "Wie zit de stuurgroep voor?")
    eerste = bankvraag(gesprek, "Kunt u aangeven hoe u uw medewerkers")
    client = client_van(eigenaar)
    html = voeren_html(client, gesprek)
    assert html.index("Kunt u aangeven hoe u uw medewerkers") < html.index("Wie zit de stuurgroep voor?")

    client.post(url("vragenlijst", gesprek), vragenlijst_post(gesprek, **{f"volgorde-{eigen.pk}": "1"}))

    html = voeren_html(client, gesprek)
    assert html.index("Wie zit de stuurgroep voor?") < html.index("Kunt u aangeven hoe u uw medewerkers")
    eigen.refresh_from_db()
    eerste.refresh_from_db()
    assert (eigen.volgorde, eerste.volgorde) == (1, 10)


@pytest.mark.parametrize(
    "volgnummer, fout",
    [
        ("eerste", "De volgorde van een vraag moet een heel getal zijn."),
        ("1000", "De volgorde van een vraag moet tussen 0 en 999 liggen."),
        ("-1", "De volgorde van een vraag moet tussen 0 en 999 liggen."),
    ],
)
def test_a_bad_volgnummer_gets_a_dutch_message_and_nothing_is_saved(client_van, eigenaar, gesprek, volgnummer, fout):
    vraag = bankvraag(gesprek, "Kunt u aangeven hoe u uw medewerkers")
    evaluatie = element(gesprek, "Evaluatie monitoring en reflectie")
    data = vragenlijst_post(gesprek, **{f"volgorde-{vraag.pk}": volgnummer})
    data["elementen"].remove(str(evaluatie.pk))

    response = client_van(eigenaar).post(url("vragenlijst", gesprek), data)

    assert response.status_code == 422
    assert fout in response.content.decode()
    vraag.refresh_from_db()
    assert vraag.volgorde == 10
    assert op_de_agenda(gesprek) == KERNELEMENTEN


# In the organisation's own words


def test_the_questions_speak_of_clienten_instead_of_inwoners(client_van, eigenaar, gesprek):
    html = client_van(eigenaar).get(url("vragenlijst", gesprek)).content.decode()

    assert (
        "Kunt u beschrijven hoe u in de dagelijkse praktijk tegemoet komt aan de zorg-/hulpvraag van uw cliënten?"
        in html
    )
    assert "Betreft u daarbij cliënten en hun naasten?" in html
    for vraag in gesprek.vragen.all():
        assert not re.search(r"\b[Ii]nwoners?\b", vraag.tekst), vraag.tekst


def test_the_questions_name_the_casus_partner_instead_of_organisatie_d(client_van, eigenaar, gesprek):
    html = client_van(eigenaar).get(url("vragenlijst", gesprek)).content.decode()

    assert "Wat merkt de cliënt er in de zorg of ondersteuning van dat u samenwerkt met Wijkteam Oost?" in html
    assert "Waar bent u trots op in de samenwerking met Wijkteam Oost?" in html
    assert "organisatie D." not in html
    assert "samenwerking met ...?" not in html


def test_changing_the_word_for_the_people_served_rewords_the_questions_but_not_own_questions(
    client_van, eigenaar, gesprek
):
    eigen = eigen_vraag(gesprek, "Financiering", "Hoeveel cliënten bereikt het wijkteam?")

    response = client_van(eigenaar).post(
        url("gegevens", gesprek), gegevens_post_van(gesprek, doelgroep="studenten", casus_partner="Gemeente Midden")
    )

    assert response.status_code == 302
    assert bankvraag(gesprek, "Wat heeft de samenwerking").tekst == (
        "Wat heeft de samenwerking de studenten voor wie u samenwerkt opgeleverd?"
    )
    assert bankvraag(gesprek, "Wat merkt de").tekst == (
        "Wat merkt de student er in de zorg of ondersteuning van dat u samenwerkt met Gemeente Midden?"
    )
    eigen.refresh_from_db()
    assert eigen.tekst == "Hoeveel cliënten bereikt het wijkteam?"


# The kader


def test_without_notes_the_list_can_be_composed_again_from_another_kader(client_van, eigenaar, gesprek, vragenbank):
    leidraad = Kader.objects.get(soort=Kader.Soort.LEIDRAAD)

    response = client_van(eigenaar).post(
        url("vragenlijst_kader", gesprek), {"kader-kader": leidraad.pk, "kader-opzet": "alle_kernvragen"}, follow=True
    )

    assert "De vragenlijst is opnieuw samengesteld uit Aandacht voor samenwerking (oktober 2023)." in melding(response)
    gesprek.refresh_from_db()
    assert gesprek.kader_titel == "Aandacht voor samenwerking (oktober 2023)"
    assert "Gedeelde en vastgestelde visie" in op_de_agenda(gesprek)


def test_once_notes_exist_the_kader_cannot_change(client_van, eigenaar, gesprek):
    aantekening = criterium_aantekeningen(gesprek)[0]
    aantekening_typen(gesprek, aantekening, "De bestuurder noemt het wijkoverleg.")
    leidraad = Kader.objects.get(soort=Kader.Soort.LEIDRAAD)
    client = client_van(eigenaar)

    response = client.post(
        url("vragenlijst_kader", gesprek), {"kader-kader": leidraad.pk, "kader-opzet": "alle_kernvragen"}, follow=True
    )

    assert "Er staan al aantekeningen in dit gesprek; het kader kan daarom niet meer wisselen." in melding(response)
    assert "Lijst opnieuw samenstellen" not in response.content.decode()
    gesprek.refresh_from_db()
    assert gesprek.kader_titel == "Stimulerend toezicht op samenwerking (september 2023)"
    aantekening.refresh_from_db()
    assert aantekening.tekst == "De bestuurder noemt het wijkoverleg."


def test_a_gesprek_only_offers_published_kaders(client_van, eigenaar, gesprek):
    concept = Kader.objects.create(titel="Nog niet klaar", soort=Kader.Soort.HANDREIKING, versie="concept 2027")

    response = client_van(eigenaar).post(
        url("vragenlijst_kader", gesprek), {"kader-kader": concept.pk, "kader-opzet": "alle_kernvragen"}, follow=True
    )

    assert "Kies een gepubliceerd kader." in melding(response)
    assert Gesprek.objects.get(pk=gesprek.pk).kader_titel == "Stimulerend toezicht op samenwerking (september 2023)"


# The page


def test_each_kind_of_conversation_aid_has_one_heading(client_van, eigenaar, gesprek):
    html = client_van(eigenaar).get(url("vragenlijst", gesprek)).content.decode()

    assert html.count('<legend class="h6">Vraag vanuit het inwonerperspectief</legend>') == 1
    assert html.count('<legend class="h6">Waarderende openingsvraag</legend>') == 1


@pytest.mark.parametrize("eigen_vragen", [1, 6])
def test_the_vragenlijst_takes_the_same_number_of_queries_however_many_own_questions(
    client_van, eigenaar, gesprek, django_assert_num_queries, eigen_vragen
):
    for nummer in range(eigen_vragen):
        naam = ["Financiering", "Leiderschap en management"][nummer % 2]
        eigen_vraag(gesprek, naam, f"Eigen vraag nummer {nummer}")
    client = client_van(eigenaar)

    with django_assert_num_queries(QUERIES_VAN_DE_VRAGENLIJST):
        response = client.get(url("vragenlijst", gesprek))

    assert response.content.decode().count("eigen vraag</span>") == eigen_vragen


def test_an_element_taken_off_the_agenda_after_notes_were_typed_keeps_its_notes_in_view(client_van, eigenaar, gesprek):
    evaluatie = element(gesprek, "Evaluatie monitoring en reflectie")
    aantekening = next(a for a in criterium_aantekeningen(gesprek) if a.element == evaluatie)
    aantekening_typen(gesprek, aantekening, "De evaluatie is nog niet gepland.")
    data = vragenlijst_post(gesprek)
    data["elementen"].remove(str(evaluatie.pk))
    client = client_van(eigenaar)

    client.post(url("vragenlijst", gesprek), data)

    html = voeren_html(client, gesprek)
    assert ">De evaluatie is nog niet gepland.</textarea>" in html
    assert "De evaluatie is nog niet gepland." in pdf_tekst(client.get(url("rapport_pdf", gesprek)).content)
