"""Part 2, the inspector's side: submitted answers beside the questions and the instrument's fields in Gesprek
voeren, and the inspector's choice whether each goes into the report."""

import pytest
from django.urls import reverse

from deelname import services
from deelname.models import Antwoord
from gesprekken.logboek import Wie
from gesprekken.models import Gesprek
from gesprekken.rapport import pdf

from .conftest import pad_van

ANTWOORD = "Wij delen sinds 2024 één visie met het wijkteam."
CEL = "Het wijkteam haalt signalen uit de wijk."


@pytest.fixture
def ingevuld(client, gedeeld, link):
    """The contact answered the first question and the Halen cell for Wijkteam Oost, and submitted."""
    client.get(pad_van(link.url))
    client.get(reverse("deelname:pagina"))
    vragen, halen = gedeeld
    vraag = Antwoord.objects.get(uitnodiging=link.uitnodiging, vraag=vragen[0])
    cel = Antwoord.objects.get(uitnodiging=link.uitnodiging, veld__instrument=halen, veld__kolom=1)
    wie = Wie(None, "127.0.0.1")
    services.antwoord_opslaan(antwoord=vraag, tekst=ANTWOORD, keuze="", versie=0, wie=wie)
    services.antwoord_opslaan(antwoord=cel, tekst=CEL, keuze="", versie=0, wie=wie)
    return vraag, cel


def voeren(client, gesprek):
    return client.get(reverse("gesprekken:voeren", args=[gesprek.pk])).content.decode()


def test_answers_show_in_gesprek_voeren_only_once_submitted(client_van, eigenaar, gesprek, link, ingevuld):
    inspecteur = client_van(eigenaar)
    assert ANTWOORD not in voeren(inspecteur, gesprek)

    services.indienen(uitnodiging=link.uitnodiging, wie=Wie())

    pagina = voeren(inspecteur, gesprek)
    assert ANTWOORD in pagina and CEL in pagina
    assert "Vooraf beantwoord door de organisatie" in pagina
    assert "Vooraf ingevuld door de organisatie" in pagina
    assert "Mevr. J. de Boer" in pagina


def test_voeren_takes_one_query_more_for_the_answers_however_many(
    client_van, eigenaar, gesprek, link, ingevuld, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    services.indienen(uitnodiging=link.uitnodiging, wie=Wie())
    inspecteur = client_van(eigenaar)
    voeren(inspecteur, gesprek)
    with CaptureQueriesContext(connection) as gevraagd:
        voeren(inspecteur, gesprek)
    antwoorden = [q for q in gevraagd.captured_queries if "deelname_" in q["sql"]]
    assert len(antwoorden) == 1


def test_the_inspector_chooses_an_answer_for_the_report_and_finds_it_there(
    client_van, eigenaar, gesprek, link, ingevuld
):
    vraag, cel = ingevuld
    services.indienen(uitnodiging=link.uitnodiging, wie=Wie())
    inspecteur = client_van(eigenaar)

    response = inspecteur.post(
        reverse("deelname:in_rapport", args=[gesprek.pk]),
        {"antwoord": [vraag.pk], "in_rapport": "on", "anker": f"vooraf-antwoord-{vraag.pk}"},
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"/voeren/#vooraf-antwoord-{vraag.pk}")
    vraag.refresh_from_db()
    cel.refresh_from_db()
    assert vraag.in_rapport and not cel.in_rapport
    assert "staat in het rapport" in voeren(inspecteur, gesprek)

    # All answers of one contact to one instrument at once.
    inspecteur.post(reverse("deelname:in_rapport", args=[gesprek.pk]), {"antwoord": [cel.pk], "in_rapport": "on"})
    cel.refresh_from_db()
    assert cel.in_rapport
    inspecteur.post(reverse("deelname:in_rapport", args=[gesprek.pk]), {"antwoord": [vraag.pk]})
    vraag.refresh_from_db()
    assert not vraag.in_rapport


def test_the_report_holds_the_chosen_answers_and_not_the_others(client_van, eigenaar, gesprek, link, ingevuld):
    from deelname import weergave

    vraag, cel = ingevuld
    services.indienen(uitnodiging=link.uitnodiging, wie=Wie())
    services.in_rapport_kiezen(gesprek=gesprek, wie=Wie(eigenaar), antwoorden=[cel], in_rapport=True)

    html = pdf.rapport_html(Gesprek.objects.met_rapport().get(pk=gesprek.pk))
    assert CEL in html and ANTWOORD not in html
    assert "Vooraf ingebracht door de organisatie" in html
    assert [wat for wat, _ in weergave.voor_rapport(gesprek)] == ["Halen en brengen (Wijkteam Oost, Halen)"]


def test_an_outsider_cannot_choose_answers_for_the_report(client_van, buitenstaander, gesprek, link, ingevuld):
    vraag, _ = ingevuld
    services.indienen(uitnodiging=link.uitnodiging, wie=Wie())
    response = client_van(buitenstaander).post(
        reverse("deelname:in_rapport", args=[gesprek.pk]), {"antwoord": [vraag.pk], "in_rapport": "on"}
    )
    assert response.status_code == 404
    vraag.refresh_from_db()
    assert not vraag.in_rapport


def test_the_inspector_chooses_what_the_organisation_answers(client_van, eigenaar, gesprek, twee_vragen, halen):
    inspecteur = client_van(eigenaar)
    response = inspecteur.post(
        reverse("deelname:onderwerpen", args=[gesprek.pk]),
        {"vragen": [twee_vragen[1].pk], "instrumenten": [halen.pk]},
    )
    assert response.status_code == 302
    pagina = inspecteur.get(reverse("deelname:uitnodigingen", args=[gesprek.pk])).content.decode()
    assert f'value="{twee_vragen[1].pk}" id="vooraf-vraag-{twee_vragen[1].pk}" checked' in pagina
    assert f'value="{twee_vragen[0].pk}" id="vooraf-vraag-{twee_vragen[0].pk}">' in pagina
    # A question of another gesprek is refused.
    response = inspecteur.post(reverse("deelname:onderwerpen", args=[gesprek.pk]), {"vragen": ["999999"]})
    assert response.status_code == 422
