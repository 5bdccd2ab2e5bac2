"""Afronden: the summary and afspraken, closing the gesprek, and opening it again."""

import datetime
import threading

import pytest

from gesprekken import services
from gesprekken.access import VASTGESTELD_MELDING
from gesprekken.collega import OverschrijftGeenCollega
from gesprekken.forms import AfrondenForm
from gesprekken.logboek import Wie
from gesprekken.models import Afspraak, Gesprek, GesprekVraag

from .builders import (
    afronden_post,
    bankvraag,
    eigen_vraag,
    element,
    gegevens_post_van,
    url,
    vragenlijst_post,
    zoals_getoond,
)
from .gelijktijdig import alleen_postgresql, verzoek_in_een_draad, wachten_tot_een_verzoek_op_een_slot_wacht


def melding(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def afgerond(gesprek):
    services.vaststellen(gesprek=gesprek, wie=Wie(gesprek.eigenaar))
    return gesprek


def test_the_summary_and_afspraken_are_saved_without_closing_the_gesprek(client_van, eigenaar, gesprek):
    response = client_van(eigenaar).post(
        url("afronden", gesprek),
        afronden_post(
            samenvatting="Een open gesprek.",
            wat_goed_gaat="Een gedeelde visie.",
            ontwikkelkansen="Samen evalueren.",
            afspraken=[("Evaluatie plannen", "Bestuurder", "2027-02-01")],
        ),
        follow=True,
    )

    assert response.redirect_chain[-1][0] == url("afronden", gesprek)
    assert "De afronding is opgeslagen." in melding(response)
    gesprek.refresh_from_db()
    assert (gesprek.samenvatting, gesprek.wat_goed_gaat, gesprek.ontwikkelkansen) == (
        "Een open gesprek.",
        "Een gedeelde visie.",
        "Samen evalueren.",
    )
    assert gesprek.status == Gesprek.Status.VOORBEREIDING
    assert [(a.wat, a.wie, a.wanneer) for a in gesprek.afspraken.all()] == [
        ("Evaluatie plannen", "Bestuurder", datetime.date(2027, 2, 1))
    ]
    assert "Evaluatie plannen" in response.content.decode()


def test_afronden_closes_the_gesprek(client_van, eigenaar, gesprek):
    response = client_van(eigenaar).post(
        url("afronden", gesprek), afronden_post(samenvatting="Klaar.", stap="vaststellen"), follow=True
    )

    assert "Het rapport is vastgesteld (versie 1)." in melding(response)[0]
    gesprek.refresh_from_db()
    assert gesprek.status == Gesprek.Status.VASTGESTELD
    assert gesprek.vastgesteld_op is not None
    assert gesprek.samenvatting == "Klaar."
    assert "Gesprek heropenen" in response.content.decode()


def test_an_afspraak_can_be_changed_and_another_removed(client_van, eigenaar, gesprek):
    blijft = Afspraak.objects.create(gesprek=gesprek, wat="Evaluatie plannen", wie="Bestuurder")
    weg = Afspraak.objects.create(gesprek=gesprek, wat="Overbodig", wie="Niemand")
    data = afronden_post(
        **{
            "afspraken-TOTAL_FORMS": "2",
            "afspraken-INITIAL_FORMS": "2",
            "afspraken-0-id": str(blijft.pk),
            "afspraken-0-wat": "Evaluatie plannen met de gemeente",
            "afspraken-0-wie": "Bestuurder",
            "afspraken-0-wanneer": "2027-03-01",
            "afspraken-1-id": str(weg.pk),
            "afspraken-1-wat": "Overbodig",
            "afspraken-1-wie": "Niemand",
            "afspraken-1-wanneer": "",
            "afspraken-1-DELETE": "on",
        }
    )

    client_van(eigenaar).post(url("afronden", gesprek), data)

    assert [(a.wat, a.wanneer) for a in gesprek.afspraken.all()] == [
        ("Evaluatie plannen met de gemeente", datetime.date(2027, 3, 1))
    ]


def test_an_afspraak_without_who_is_refused_and_the_gesprek_stays_open(client_van, eigenaar, gesprek):
    response = client_van(eigenaar).post(
        url("afronden", gesprek),
        afronden_post(samenvatting="Klaar.", afspraken=[("Evaluatie plannen", "", "")], stap="vaststellen"),
    )

    assert response.status_code == 422
    assert "Dit veld is verplicht." in response.content.decode()
    gesprek.refresh_from_db()
    assert gesprek.status == Gesprek.Status.VOORBEREIDING
    assert gesprek.samenvatting == ""
    assert not Afspraak.objects.exists()


def test_a_vastgesteld_gesprek_shows_its_report_as_text_on_every_page(client_van, eigenaar, afgerond):
    client = client_van(eigenaar)

    for naam in ("gegevens", "vragenlijst", "voeren", "afronden"):
        html = client.get(url(naam, afgerond)).content.decode()
        assert "Het rapport van dit gesprek is vastgesteld" in html, naam
        assert "Het rapport zoals het is vastgesteld (versie 1)" in html, naam
        assert "Zorggroep Testdal" in html, naam
        for formulierveld in ("disabled", "readonly", "<textarea", "js/autosave", "Eigen vraag toevoegen"):
            assert formulierveld not in html, (naam, formulierveld)
        assert "Gesprek heropenen" in html, naam


def test_an_afgerond_gesprek_refuses_changes_to_its_vragenlijst(client_van, eigenaar, afgerond):
    vraag = bankvraag(afgerond, "Kunt u aangeven hoe u uw medewerkers")
    data = vragenlijst_post(afgerond, **{f"volgorde-{vraag.pk}": "1"})
    data["vragen"].remove(str(vraag.pk))

    response = client_van(eigenaar).post(url("vragenlijst", afgerond), data, follow=True)

    assert response.redirect_chain[-1][0] == url("voeren", afgerond)
    assert VASTGESTELD_MELDING in melding(response)
    vraag.refresh_from_db()
    assert (vraag.opgenomen, vraag.volgorde) == (True, 10)


def test_an_afgerond_gesprek_refuses_changes_to_its_gegevens(client_van, eigenaar, afgerond):
    response = client_van(eigenaar).post(
        url("gegevens", afgerond),
        gegevens_post_van(afgerond, organisatie="Andere naam", doelgroep="studenten"),
        follow=True,
    )

    assert VASTGESTELD_MELDING in melding(response)
    afgerond.refresh_from_db()
    assert (afgerond.organisatie.naam, afgerond.doelgroep_meervoud) == ("Zorggroep Testdal", "cliënten")
    assert "studenten" not in bankvraag(afgerond, "Wat heeft de samenwerking").tekst


def test_an_afgerond_gesprek_refuses_a_new_own_question(client_van, eigenaar, afgerond):
    response = client_van(eigenaar).post(
        url("eigen_vraag_toevoegen", afgerond),
        {"element": element(afgerond, "Financiering").pk, "tekst": "Nog een vraag"},
        follow=True,
    )

    assert VASTGESTELD_MELDING in melding(response)
    assert not afgerond.vragen.filter(soort=GesprekVraag.Soort.EIGEN).exists()


def test_an_afgerond_gesprek_refuses_deleting_an_own_question(client_van, eigenaar, gesprek):
    vraag = eigen_vraag(gesprek, "Financiering", "Hoe is de financiering geregeld?")
    services.vaststellen(gesprek=gesprek, wie=Wie(gesprek.eigenaar))

    response = client_van(eigenaar).post(url("eigen_vraag_verwijderen", gesprek, vraag.pk), follow=True)

    assert VASTGESTELD_MELDING in melding(response)
    assert GesprekVraag.objects.filter(pk=vraag.pk).exists()


def test_an_afgerond_gesprek_refuses_an_opzet_or_another_kader(client_van, eigenaar, afgerond, vragenbank):
    client = client_van(eigenaar)

    opzet = client.post(url("vragenlijst_opzet", afgerond), {"opzet": "niets"}, follow=True)
    kader = client.post(
        url("vragenlijst_kader", afgerond),
        {"kader-kader": vragenbank.pk, "kader-opzet": "niets"},
        follow=True,
    )

    assert VASTGESTELD_MELDING in melding(opzet)
    assert VASTGESTELD_MELDING in melding(kader)
    assert afgerond.elementen.filter(opgenomen=True).count() == 3


def test_an_afgerond_gesprek_refuses_a_new_summary(client_van, eigenaar, afgerond):
    response = client_van(eigenaar).post(
        url("afronden", afgerond), afronden_post(samenvatting="Achteraf anders", afspraken=[("Iets", "Iemand", "")])
    )

    assert response.status_code == 302
    afgerond.refresh_from_db()
    assert afgerond.samenvatting == ""
    assert not Afspraak.objects.exists()


def test_heropenen_makes_the_gesprek_editable_again(client_van, eigenaar, afgerond):
    client = client_van(eigenaar)

    response = client.post(url("heropenen", afgerond), follow=True)

    assert "Het gesprek is heropend; u kunt weer wijzigen." in melding(response)[0]
    afgerond.refresh_from_db()
    assert afgerond.status == Gesprek.Status.GEVOERD
    assert afgerond.vastgesteld_op is None
    client.post(
        url("eigen_vraag_toevoegen", afgerond),
        {"element": element(afgerond, "Financiering").pk, "tekst": "Na heropenen"},
    )
    assert afgerond.vragen.filter(tekst="Na heropenen").exists()


def test_heropenen_an_open_gesprek_changes_nothing(client_van, eigenaar, gesprek):
    response = client_van(eigenaar).post(url("heropenen", gesprek), follow=True)

    assert melding(response) == []
    gesprek.refresh_from_db()
    assert gesprek.status == Gesprek.Status.VOORBEREIDING


# Two inspectors on one afronding


def test_a_summary_a_colleague_saved_after_the_page_loaded_is_not_overwritten_but_shown_to_merge(
    client_van, eigenaar, co_inspecteur, gesprek
):
    olga, cas = client_van(eigenaar), client_van(co_inspecteur)
    pagina_olga, pagina_cas = olga.get(url("afronden", gesprek)), cas.get(url("afronden", gesprek))
    cas.post(
        url("afronden", gesprek), zoals_getoond(pagina_cas, "afspraken", samenvatting="Cas: de visie is gedeeld.")
    )

    response = olga.post(
        url("afronden", gesprek), zoals_getoond(pagina_olga, "afspraken", samenvatting="Olga: een open gesprek.")
    )

    assert response.status_code == 422
    assert response.context["form"]["samenvatting"].value() == "Olga: een open gesprek."
    assert response.context["form"].collega == {"Samenvatting": "Cas: de visie is gedeeld."}
    html = response.content.decode()
    assert "Wat een collega intussen opsloeg" in html
    assert "Vergelijk uw tekst met die van uw collega boven het formulier en sla opnieuw op." in html
    assert Gesprek.objects.get(pk=gesprek.pk).samenvatting == "Cas: de visie is gedeeld."

    samengevoegd = "Olga: een open gesprek.\r\nCas: de visie is gedeeld."
    response = olga.post(
        url("afronden", gesprek), zoals_getoond(response, "afspraken", samenvatting=samengevoegd), follow=True
    )

    assert "De afronding is opgeslagen." in melding(response)
    assert Gesprek.objects.get(pk=gesprek.pk).samenvatting == samengevoegd


def test_a_text_only_the_colleague_changed_stays_theirs_also_when_another_is_refused(
    client_van, eigenaar, co_inspecteur, gesprek
):
    olga, cas = client_van(eigenaar), client_van(co_inspecteur)
    pagina_olga, pagina_cas = olga.get(url("afronden", gesprek)), cas.get(url("afronden", gesprek))
    cas.post(
        url("afronden", gesprek),
        zoals_getoond(pagina_cas, "afspraken", samenvatting="Cas: open.", wat_goed_gaat="Het wijkoverleg."),
    )

    geweigerd = olga.post(url("afronden", gesprek), zoals_getoond(pagina_olga, "afspraken", samenvatting="Olga."))

    assert geweigerd.status_code == 422
    assert geweigerd.context["form"]["wat_goed_gaat"].value() == "Het wijkoverleg."
    response = olga.post(url("afronden", gesprek), zoals_getoond(geweigerd, "afspraken"), follow=True)
    assert "De afronding is opgeslagen." in melding(response)
    gesprek.refresh_from_db()
    assert (gesprek.samenvatting, gesprek.wat_goed_gaat) == ("Olga.", "Het wijkoverleg.")


@pytest.fixture
def twee_paginas_en_een_afspraak(client_van, eigenaar, co_inspecteur, gesprek):
    """An afspraak, then Olga's and Cas's clients with the afronden page each loaded, and Cas's answer to it."""
    Afspraak.objects.create(gesprek=gesprek, wat="Evaluatie plannen", wie="Bestuurder")
    olga, cas = client_van(eigenaar), client_van(co_inspecteur)
    pagina_olga, pagina_cas = olga.get(url("afronden", gesprek)), cas.get(url("afronden", gesprek))
    cas.post(url("afronden", gesprek), zoals_getoond(pagina_cas, "afspraken", **{"afspraken-0-wie": "Wethouder"}))
    return olga, pagina_olga


def test_an_afspraak_only_a_colleague_changed_meanwhile_stays_theirs(twee_paginas_en_een_afspraak, gesprek):
    olga, pagina_olga = twee_paginas_en_een_afspraak

    response = olga.post(url("afronden", gesprek), zoals_getoond(pagina_olga, "afspraken", samenvatting="Olga."))

    assert response.status_code == 302
    assert [(a.wat, a.wie) for a in gesprek.afspraken.all()] == [("Evaluatie plannen", "Wethouder")]


def test_an_afspraak_both_changed_is_refused_with_the_colleagues_shown(twee_paginas_en_een_afspraak, gesprek):
    olga, pagina_olga = twee_paginas_en_een_afspraak

    response = olga.post(
        url("afronden", gesprek), zoals_getoond(pagina_olga, "afspraken", **{"afspraken-0-wie": "Raad van bestuur"})
    )

    assert response.status_code == 422
    assert response.context["afspraken"].collega == [(1, "Wie", "Wethouder")]
    assert "Afspraak 1: Wie" in response.content.decode()
    assert [(a.wat, a.wie) for a in gesprek.afspraken.all()] == [("Evaluatie plannen", "Wethouder")]


@pytest.fixture
def afspraak_door_collega_verwijderd(client_van, co_inspecteur, twee_paginas_en_een_afspraak, gesprek):
    """As twee_paginas_en_een_afspraak, after which Cas deletes the afspraak."""
    cas = client_van(co_inspecteur)
    cas.post(
        url("afronden", gesprek),
        zoals_getoond(cas.get(url("afronden", gesprek)), "afspraken", **{"afspraken-0-DELETE": "on"}),
    )
    return twee_paginas_en_een_afspraak


def test_an_afspraak_a_colleague_deleted_meanwhile_stays_deleted_when_this_page_left_it_as_it_was(
    afspraak_door_collega_verwijderd, gesprek
):
    olga, pagina_olga = afspraak_door_collega_verwijderd

    response = olga.post(url("afronden", gesprek), zoals_getoond(pagina_olga, "afspraken", samenvatting="Olga."))

    assert response.status_code == 302
    assert not gesprek.afspraken.exists()
    assert Gesprek.objects.get(pk=gesprek.pk).samenvatting == "Olga."


def test_an_afspraak_a_colleague_deleted_meanwhile_comes_back_as_this_user_changed_it(
    afspraak_door_collega_verwijderd, gesprek
):
    olga, pagina_olga = afspraak_door_collega_verwijderd

    response = olga.post(
        url("afronden", gesprek), zoals_getoond(pagina_olga, "afspraken", **{"afspraken-0-wie": "Raad van bestuur"})
    )

    assert response.status_code == 302
    assert [(a.wat, a.wie) for a in gesprek.afspraken.all()] == [("Evaluatie plannen", "Raad van bestuur")]


def test_a_page_from_before_the_fingerprint_is_saved_as_before(client_van, eigenaar, gesprek):
    client = client_van(eigenaar)
    data = zoals_getoond(client.get(url("afronden", gesprek)), "afspraken", samenvatting="Een open gesprek.")
    zonder = {naam: waarde for naam, waarde in data.items() if not naam.endswith("basis")}

    response = client.post(url("afronden", gesprek), zonder)

    assert response.status_code == 302
    assert Gesprek.objects.get(pk=gesprek.pk).samenvatting == "Een open gesprek."
    assert not gesprek.afspraken.exists()


@alleen_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_summaries_saved_at_the_same_moment_do_not_overwrite_each_other(
    eigenaar, co_inspecteur, gesprek, monkeypatch
):
    basis = AfrondenForm(instance=gesprek)["basis"].value()
    vergelijken, vergeleken, doorgaan = OverschrijftGeenCollega.clean, threading.Event(), threading.Event()

    def de_eerste_wacht_na_het_vergelijken(form):
        cleaned = vergelijken(form)
        if not vergeleken.is_set():
            vergeleken.set()
            doorgaan.wait(timeout=10)
        return cleaned

    monkeypatch.setattr(OverschrijftGeenCollega, "clean", de_eerste_wacht_na_het_vergelijken)

    def opslaan(samenvatting):
        data = afronden_post(samenvatting=samenvatting, basis=basis)
        return lambda client: client.post(url("afronden", gesprek), data)

    olga = verzoek_in_een_draad(eigenaar, opslaan("Olga: een open gesprek."))
    assert vergeleken.wait(timeout=10)
    cas = verzoek_in_een_draad(co_inspecteur, opslaan("Cas: de visie is gedeeld."))
    wachten_tot_een_verzoek_op_een_slot_wacht()
    doorgaan.set()
    olga.join(timeout=20)
    cas.join(timeout=20)

    assert olga.antwoord.status_code == 302
    assert cas.antwoord.status_code == 422
    assert cas.antwoord.context["form"].collega == {"Samenvatting": "Olga: een open gesprek."}
    assert Gesprek.objects.get(pk=gesprek.pk).samenvatting == "Olga: een open gesprek."


@pytest.mark.parametrize("afspraken", [0, 5])
def test_the_page_takes_the_same_number_of_queries_however_many_afspraken(
    client_van, eigenaar, gesprek, django_assert_num_queries, afspraken
):
    for nummer in range(afspraken):
        Afspraak.objects.create(gesprek=gesprek, wat=f"Afspraak {nummer}", wie="Olga")
    client = client_van(eigenaar)

    # Session (1), the user with their permissions (1); the gesprek (1); the visit in the log (1); the afspraken (1);
    # whether the report has versions (1); the session saved in a savepoint (3). The list of questions is not on
    # this page, so it is not loaded; a gesprek without a concept reads nothing of a verification round.
    with django_assert_num_queries(9):
        response = client.get(url("afronden", gesprek))

    assert response.content.decode().count('name="afspraken-') >= 4 * afspraken
