"""Gegevens: changing the details of a gesprek after it was made."""

import pytest

from gesprekken.models import Gesprek
from tests import factories

from .builders import url, zoals_getoond


def test_the_owner_changes_the_details_and_the_bestuurders(client_van, eigenaar, gesprek):
    client = client_van(eigenaar)
    formulier = client.get(url("gegevens", gesprek))

    response = client.post(
        url("gegevens", gesprek),
        zoals_getoond(
            formulier,
            "bestuurders",
            organisatie="Zorggroep Testdal-Oost",
            **{"bestuurders-1-naam": "Dhr. P. Smit", "bestuurders-1-functie": "lid raad van bestuur"},
        ),
        follow=True,
    )

    assert response.redirect_chain[-1][0] == url("vragenlijst", gesprek)
    assert "De gegevens van het gesprek zijn opgeslagen." in response.content.decode()
    gesprek.refresh_from_db()
    assert gesprek.organisatie.naam == "Zorggroep Testdal-Oost"
    assert [str(b) for b in gesprek.bestuurders.all()] == [
        "Mevr. J. de Boer, bestuurder",
        "Dhr. P. Smit, lid raad van bestuur",
    ]


def test_saving_the_details_as_shown_keeps_the_co_inspecteur(client_van, eigenaar, co_inspecteur, gesprek):
    client = client_van(eigenaar)

    response = client.post(
        url("gegevens", gesprek), zoals_getoond(client.get(url("gegevens", gesprek)), "bestuurders")
    )

    assert response.status_code == 302
    assert list(gesprek.co_inspecteurs.all()) == [co_inspecteur]


def test_a_co_inspecteur_who_saves_the_details_keeps_access_to_the_gesprek(
    client_van, eigenaar, co_inspecteur, gesprek
):
    client = client_van(co_inspecteur)
    formulier = client.get(url("gegevens", gesprek))

    response = client.post(
        url("gegevens", gesprek), zoals_getoond(formulier, "bestuurders", casus_partner="GGD Oost"), follow=True
    )

    assert response.status_code == 200
    assert list(gesprek.co_inspecteurs.all()) == [co_inspecteur]
    assert client.get(url("voeren", gesprek)).status_code == 200


def test_the_owner_is_never_offered_as_a_co_inspecteur_of_their_own_gesprek(
    client_van, eigenaar, co_inspecteur, buitenstaander, gesprek
):
    for gebruiker in (eigenaar, co_inspecteur):
        formulier = client_van(gebruiker).get(url("gegevens", gesprek)).context["form"]
        getoond = {keuze.data["label"] for keuze in formulier["co_inspecteurs"]}
        assert getoond == {"Cas Collega", "Bert Buiten"}, gebruiker


def test_invalid_details_come_back_with_422_and_change_nothing(client_van, eigenaar, gesprek):
    client = client_van(eigenaar)
    formulier = client.get(url("gegevens", gesprek))

    response = client.post(
        url("gegevens", gesprek), zoals_getoond(formulier, "bestuurders", organisatie="", datum="gisteren")
    )

    assert response.status_code == 422
    assert "Vul de naam van de organisatie in." in response.content.decode()
    assert "Voer een geldige datum in." in response.content.decode()
    assert Gesprek.objects.get(pk=gesprek.pk).organisatie.naam == "Zorggroep Testdal"


# Two inspectors on the same details


@pytest.fixture
def pagina_olga(client_van, eigenaar, gesprek):
    """Olga's client, and the details page as it showed before a colleague saved."""
    olga = client_van(eigenaar)
    return olga, olga.get(url("gegevens", gesprek))


@pytest.fixture
def collega_slaat_op(client_van, co_inspecteur, gesprek):
    """Cas opens the details and saves them with changes."""
    cas = client_van(co_inspecteur)

    def opslaan(**wijzigingen):
        pagina = cas.get(url("gegevens", gesprek))
        return cas.post(url("gegevens", gesprek), zoals_getoond(pagina, "bestuurders", **wijzigingen))

    return opslaan


def test_a_casus_a_colleague_described_meanwhile_is_not_overwritten_and_nothing_else_is_saved_over_it(
    pagina_olga, collega_slaat_op, gesprek
):
    olga, pagina = pagina_olga
    collega_slaat_op(casus_omschrijving="Cas: de wijk.")

    response = olga.post(
        url("gegevens", gesprek),
        zoals_getoond(pagina, "bestuurders", casus_omschrijving="Olga: de jeugdketen.", organisatie="Testdal-Oost"),
    )

    assert response.status_code == 422
    form = response.context["form"]
    assert form.collega == {"Samenwerking of casus als uitgangspunt": "Cas: de wijk."}
    assert form["casus_omschrijving"].value() == "Olga: de jeugdketen."
    assert form["organisatie"].value() == "Testdal-Oost"
    assert "Wat een collega intussen opsloeg" in response.content.decode()
    gesprek.refresh_from_db()
    assert (gesprek.casus_omschrijving, gesprek.organisatie.naam) == ("Cas: de wijk.", "Zorggroep Testdal")


def test_a_co_inspecteur_a_colleague_added_meanwhile_is_not_taken_off_by_a_page_that_did_not_show_them(
    pagina_olga, collega_slaat_op, co_inspecteur, gesprek
):
    olga, pagina = pagina_olga
    derde = factories.inspecteur("derde", "Dirk", "Derde")
    collega_slaat_op(co_inspecteurs=[str(co_inspecteur.pk), str(derde.pk)])

    response = olga.post(url("gegevens", gesprek), zoals_getoond(pagina, "bestuurders", casus_partner="GGD"))

    assert response.status_code == 302
    assert set(gesprek.co_inspecteurs.all()) == {co_inspecteur, derde}
    assert Gesprek.objects.get(pk=gesprek.pk).casus_partner == "GGD"


def test_a_name_refused_for_its_own_error_is_still_compared_with_what_the_page_first_showed(
    pagina_olga, collega_slaat_op, gesprek
):
    olga, pagina = pagina_olga
    collega_slaat_op(organisatie="Zorggroep Testdal (GGZ)")
    geweigerd = olga.post(url("gegevens", gesprek), zoals_getoond(pagina, "bestuurders", organisatie=""))
    assert geweigerd.status_code == 422

    response = olga.post(
        url("gegevens", gesprek), zoals_getoond(geweigerd, "bestuurders", organisatie="Zorggroep Testdal-Oost")
    )

    assert response.status_code == 422
    assert response.context["form"].collega == {"Organisatie": "Zorggroep Testdal (GGZ)"}
    assert Gesprek.objects.get(pk=gesprek.pk).organisatie.naam == "Zorggroep Testdal (GGZ)"


def test_a_date_and_a_choice_both_changed_are_shown_as_the_colleague_saw_them(pagina_olga, collega_slaat_op, gesprek):
    olga, pagina = pagina_olga
    collega_slaat_op(datum="2026-11-03", inspectie="onderwijs")

    response = olga.post(
        url("gegevens", gesprek), zoals_getoond(pagina, "bestuurders", datum="2026-11-04", inspectie="nla")
    )

    assert response.status_code == 422
    assert response.context["form"].collega == {
        "Inspectie": "Inspectie van het Onderwijs (IvhO)",
        "Datum van het gesprek": "3 november 2026",
    }
