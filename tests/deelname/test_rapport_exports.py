"""The organisation's answers the inspector chose for the report, in the rapport's Word file and the JSON export as
in the PDF; answers not chosen in none of them."""

import io
import json

import docx
import pytest
from django.urls import reverse

from deelname import services
from deelname.models import Antwoord
from gesprekken.logboek import Wie
from gesprekken.models import Gesprek
from gesprekken.rapport import pdf
from tests.gesprekken.test_rapport_docx_json import _KoppenInHTML, koppen

from .conftest import pad_van

ANTWOORD = "Wij delen sinds 2024 één visie met het wijkteam."
CEL = "Het wijkteam haalt signalen uit de wijk."
HOOFDSTUK = "Vooraf ingebracht door de organisatie"


@pytest.fixture
def ingediend(client, gedeeld, link):
    """The contact answered the first question and the Halen cell for Wijkteam Oost, and submitted."""
    client.get(pad_van(link.url))
    client.get(reverse("deelname:pagina"))
    vragen, halen = gedeeld
    vraag = Antwoord.objects.get(uitnodiging=link.uitnodiging, vraag=vragen[0])
    cel = Antwoord.objects.get(uitnodiging=link.uitnodiging, veld__instrument=halen, veld__kolom=1)
    wie = Wie(None, "127.0.0.1")
    services.antwoord_opslaan(antwoord=vraag, tekst=ANTWOORD, keuze="", versie=0, wie=wie)
    services.antwoord_opslaan(antwoord=cel, tekst=CEL, keuze="", versie=0, wie=wie)
    services.indienen(uitnodiging=link.uitnodiging, wie=Wie())
    vraag.refresh_from_db()
    cel.refresh_from_db()
    return vraag, cel


def kiezen(gesprek, antwoord):
    services.in_rapport_kiezen(gesprek=gesprek, wie=Wie(gesprek.eigenaar), antwoorden=[antwoord], in_rapport=True)


def word(client, gesprek):
    response = client.get(reverse("gesprekken:rapport_docx", args=[gesprek.pk]))
    assert response.status_code == 200
    return docx.Document(io.BytesIO(response.content))


def alineas(document):
    return [p.text for p in document.paragraphs]


def als_json(client, gesprek):
    response = client.get(reverse("gesprekken:gesprek_json", args=[gesprek.pk]))
    assert response.status_code == 200
    return json.loads(response.content)


def test_a_chosen_answer_is_in_the_word_rapport_under_its_question_with_who_gave_it(
    client_van, eigenaar, gesprek, ingediend
):
    vraag, cel = ingediend
    kiezen(gesprek, vraag)

    tekst = alineas(word(client_van(eigenaar), gesprek))

    assert tekst.count(HOOFDSTUK) == 2  # in the table of contents and as the chapter's heading
    kop = len(tekst) - 1 - tekst[::-1].index(HOOFDSTUK)
    # After the chapter's heading and its introduction: the question, the answer, who answered.
    assert tekst[kop + 2 : kop + 5] == [vraag.vraag.tekst, ANTWOORD, "Mevr. J. de Boer, bestuurder"]
    assert CEL not in tekst


def test_a_chosen_instrument_field_is_in_the_word_rapport_and_the_unchosen_question_is_not(
    client_van, eigenaar, gesprek, ingediend
):
    vraag, cel = ingediend
    kiezen(gesprek, cel)

    tekst = alineas(word(client_van(eigenaar), gesprek))

    assert "Halen en brengen (Wijkteam Oost, Halen)" in tekst
    assert CEL in tekst
    assert ANTWOORD not in tekst


def test_the_word_rapport_has_the_pdf_s_headings_with_the_chosen_answers(client_van, eigenaar, gesprek, ingediend):
    vraag, cel = ingediend
    kiezen(gesprek, vraag)
    kiezen(gesprek, cel)

    document = word(client_van(eigenaar), gesprek)
    in_pdf = _KoppenInHTML()
    in_pdf.feed(pdf.rapport_html(Gesprek.objects.met_rapport().get(pk=gesprek.pk)))

    assert (2, HOOFDSTUK) in koppen(document)
    assert koppen(document) == in_pdf.koppen


def test_without_chosen_answers_neither_export_has_them(client_van, eigenaar, gesprek, ingediend):
    inspecteur = client_van(eigenaar)

    tekst = alineas(word(inspecteur, gesprek))
    gegevens = als_json(inspecteur, gesprek)

    assert HOOFDSTUK not in tekst
    assert ANTWOORD not in tekst and CEL not in tekst
    assert gegevens["vooraf"] == []


def test_the_json_holds_the_chosen_answer_with_who_gave_it_and_not_the_others(
    client_van, eigenaar, gesprek, ingediend
):
    vraag, cel = ingediend
    kiezen(gesprek, cel)

    gegevens = als_json(client_van(eigenaar), gesprek)
    gewijzigd_op = gegevens["vooraf"][0]["antwoorden"][0].pop("gewijzigd_op")

    assert gewijzigd_op.startswith(cel.gewijzigd_op.strftime("%Y-%m-%dT%H:%M:%S"))
    assert gegevens["vooraf"] == [
        {
            "over": "Halen en brengen (Wijkteam Oost, Halen)",
            "antwoorden": [
                {
                    "naam": "Mevr. J. de Boer",
                    "rol": "bestuurder",
                    "tekst": CEL,
                    "keuze": "",
                    "keuze_label": "",
                }
            ],
        }
    ]
    assert ANTWOORD not in json.dumps(gegevens, ensure_ascii=False)


def test_the_json_lists_the_chosen_answers_in_the_rapport_s_order(client_van, eigenaar, gesprek, ingediend):
    from deelname import weergave

    vraag, cel = ingediend
    kiezen(gesprek, vraag)
    kiezen(gesprek, cel)

    gegevens = als_json(client_van(eigenaar), gesprek)

    assert [o["over"] for o in gegevens["vooraf"]] == [wat for wat, _ in weergave.voor_rapport(gesprek)]
    assert [a["tekst"] for o in gegevens["vooraf"] for a in o["antwoorden"]] == [ANTWOORD, CEL]
