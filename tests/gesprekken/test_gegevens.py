"""Gegevens: changing the details of a gesprek after it was made."""

from gesprekken.models import Gesprek

from .builders import gegevens_zoals_getoond, toont_beide_teksten, url


def test_the_owner_changes_the_details_and_the_bestuurders(client_van, eigenaar, gesprek):
    client = client_van(eigenaar)
    formulier = client.get(url("bewerken", gesprek))

    response = client.post(
        url("bewerken", gesprek),
        gegevens_zoals_getoond(
            formulier,
            organisatie="Zorggroep Testdal-Oost",
            **{"bestuurders-1-naam": "Dhr. P. Smit", "bestuurders-1-functie": "lid raad van bestuur"},
        ),
        follow=True,
    )

    assert response.redirect_chain[-1][0] == url("vragenlijst", gesprek)
    assert "De gegevens van het gesprek zijn opgeslagen." in response.content.decode()
    gesprek.refresh_from_db()
    assert gesprek.organisatie == "Zorggroep Testdal-Oost"
    assert [str(b) for b in gesprek.bestuurders.all()] == [
        "Mevr. J. de Boer, bestuurder",
        "Dhr. P. Smit, lid raad van bestuur",
    ]


def test_saving_the_details_as_shown_keeps_the_co_inspecteur(client_van, eigenaar, co_inspecteur, gesprek):
    client = client_van(eigenaar)

    client.post(url("bewerken", gesprek), gegevens_zoals_getoond(client.get(url("bewerken", gesprek))))

    assert list(gesprek.co_inspecteurs.all()) == [co_inspecteur]


def test_a_co_inspecteur_who_saves_the_details_keeps_access_to_the_gesprek(
    client_van, eigenaar, co_inspecteur, gesprek
):
    client = client_van(co_inspecteur)
    formulier = client.get(url("bewerken", gesprek))

    response = client.post(
        url("bewerken", gesprek), gegevens_zoals_getoond(formulier, casus_partner="GGD Oost"), follow=True
    )

    assert response.status_code == 200
    assert list(gesprek.co_inspecteurs.all()) == [co_inspecteur]
    assert client.get(url("voeren", gesprek)).status_code == 200


def test_the_owner_is_never_offered_as_a_co_inspecteur_of_their_own_gesprek(
    client_van, eigenaar, co_inspecteur, buitenstaander, gesprek
):
    for gebruiker in (eigenaar, co_inspecteur):
        formulier = client_van(gebruiker).get(url("bewerken", gesprek)).context["form"]
        getoond = {keuze.data["label"] for keuze in formulier["co_inspecteurs"]}
        assert getoond == {"Cas Collega", "Bert Buiten"}, gebruiker


def test_invalid_details_come_back_with_422_and_change_nothing(client_van, eigenaar, gesprek):
    client = client_van(eigenaar)
    formulier = client.get(url("bewerken", gesprek))

    response = client.post(
        url("bewerken", gesprek), gegevens_zoals_getoond(formulier, organisatie="", datum="gisteren")
    )

    assert response.status_code == 422
    assert "Dit veld is verplicht." in response.content.decode()
    assert "Voer een geldige datum in." in response.content.decode()
    assert Gesprek.objects.get(pk=gesprek.pk).organisatie == "Zorggroep Testdal"


def test_a_casus_a_colleague_described_meanwhile_is_not_overwritten_and_nothing_else_is_saved_over_it(
    client_van, eigenaar, co_inspecteur, gesprek
):
    olga, cas = client_van(eigenaar), client_van(co_inspecteur)
    formulier_olga = olga.get(url("bewerken", gesprek))
    cas.post(
        url("bewerken", gesprek),
        gegevens_zoals_getoond(cas.get(url("bewerken", gesprek)), casus_omschrijving="Cas: de wijkaanpak."),
    )

    response = olga.post(
        url("bewerken", gesprek),
        gegevens_zoals_getoond(
            formulier_olga, casus_omschrijving="Olga: de jeugdketen.", organisatie="Zorggroep Testdal-Oost"
        ),
    )

    assert toont_beide_teksten(response, eigen="Olga: de jeugdketen.", collega="Cas: de wijkaanpak.")
    assert 'value="Zorggroep Testdal-Oost"' in response.content.decode()
    gesprek.refresh_from_db()
    assert (gesprek.casus_omschrijving, gesprek.organisatie) == ("Cas: de wijkaanpak.", "Zorggroep Testdal")
