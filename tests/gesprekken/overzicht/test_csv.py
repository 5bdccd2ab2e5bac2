"""The overview as a CSV file: what it holds, with the page's filters and counts, and as Excel reads it."""

import csv
import datetime
import io
import re

from django.urls import reverse

from gesprekken.overzicht import stand

from .builders import GV, aantekening_zetten, gehouden

CSV_URL = reverse("gesprekken:overzicht_csv")


def csv_lezen(response):
    assert response.content.startswith(b"\xef\xbb\xbf"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def met_aantekening(eigenaar, kader, label, observatie, **velden):
    """A held gesprek whose note on criterium `label` of Gedeelde visie is marked `observatie`, with a text."""
    gesprek = gehouden(eigenaar, kader, **velden)
    aantekening_zetten(gesprek, GV, label, tekst="Geheime aantekening", observatie=observatie)
    return gesprek


def test_the_overview_downloads_as_a_csv_that_excel_opens(client_van, coordinator, vragenbank, eigenaar):
    met_aantekening(eigenaar, vragenbank, "1", "sterk_punt")

    response = client_van(coordinator).get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="overzicht-gesprekken-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"]
    )
    rijen = csv_lezen(response)
    assert rijen[0] == [
        "Soort",
        "Kader",
        "Element",
        "Criterium",
        "Kwadrant",
        "Omschrijving",
        "Besproken",
        "Sterk punt",
        "Ontwikkelpunt",
        "Niet besproken",
    ]
    assert b"\r\n" in response.content


def test_the_csv_holds_the_same_counts_as_the_page_including_gesprekken_the_viewer_is_not_on(
    client_van, coordinator, vragenbank, eigenaar, buitenstaander
):
    met_aantekening(eigenaar, vragenbank, "1", "sterk_punt")
    met_aantekening(buitenstaander, vragenbank, "1", "ontwikkelpunt")
    client = client_van(coordinator)

    rijen = csv_lezen(client.get(CSV_URL))
    pagina = client.get(reverse("gesprekken:overzicht")).context["overzicht"]

    element = next(
        r for r in rijen if r[:3] == ["Element", "Stimulerend toezicht op samenwerking (september 2023)", GV]
    )
    criterium = next(r for r in rijen if r[0] == "Criterium" and r[2] == GV and r[3] == "1")
    assert element[6:] == ["2", "1", "1", "0"]
    assert criterium[5].startswith("De organisaties zoeken proactief de vraag van hun inwoners")
    assert criterium[6:] == ["2", "1", "1", "0"]
    assert len(rijen) == 1 + len(pagina.elementen) + len(pagina.criteria)
    assert "Geheime aantekening" not in client.get(CSV_URL).content.decode("utf-8-sig")


def test_the_csv_uses_the_same_filters_as_the_page(client_van, coordinator, vragenbank, eigenaar):
    met_aantekening(eigenaar, vragenbank, "1", "sterk_punt", inspectie="igj", datum=datetime.date(2026, 3, 1))
    met_aantekening(eigenaar, vragenbank, "1", "ontwikkelpunt", inspectie="jenv", datum=datetime.date(2026, 3, 1))
    met_aantekening(eigenaar, vragenbank, "1", "ontwikkelpunt", inspectie="igj", datum=datetime.date(2025, 3, 1))

    rijen = csv_lezen(client_van(coordinator).get(CSV_URL, {"inspectie": "igj", "van": "2026-01-01"}))

    criterium = next(r for r in rijen if r[0] == "Criterium" and r[2] == GV and r[3] == "1")
    assert criterium[6:] == ["1", "1", "0", "0"]


def test_an_inspector_s_csv_counts_only_their_own_and_shared_gesprekken(
    client_van, eigenaar, vragenbank, buitenstaander
):
    met_aantekening(eigenaar, vragenbank, "1", "sterk_punt")
    met_aantekening(buitenstaander, vragenbank, "1", "ontwikkelpunt")

    rijen = csv_lezen(client_van(eigenaar).get(CSV_URL))

    criterium = next(r for r in rijen if r[0] == "Criterium" and r[2] == GV and r[3] == "1")
    assert criterium[6:] == ["1", "1", "0", "0"]


def test_a_text_that_excel_would_read_as_a_formula_is_written_as_text(client_van, coordinator, vragenbank, eigenaar):
    gesprek = met_aantekening(eigenaar, vragenbank, "1", "sterk_punt")
    gesprek.elementen.filter(naam=GV).update(bron=None, naam="=HYPERLINK(1)")
    stand.gesprek_bijwerken(gesprek.pk)

    rijen = csv_lezen(client_van(coordinator).get(CSV_URL))

    assert ["Element", "Stimulerend toezicht op samenwerking (september 2023)", "'=HYPERLINK(1)"] in [
        r[:3] for r in rijen
    ]


def test_invalid_filters_give_no_csv(client_van, coordinator, db):
    response = client_van(coordinator).get(CSV_URL, {"van": "2026-06-01", "tot": "2026-01-01"})

    assert response.status_code == 400
    assert "De datum ‘van’ ligt na de datum ‘tot en met’." in response.content.decode()
