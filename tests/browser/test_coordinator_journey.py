"""Issue 8: with the demo data, a coordinator filters the overview, drills down and downloads the CSV;
an inspector downloads the rapport of an afgerond gesprek in Word. Both files are read back."""

import csv
import io
import re

import docx
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import Page, expect

from elementen.models import Kader
from gesprekken.models import Aantekening, Gesprek, GesprekElement
from gesprekken.overzicht import stand
from tests import factories

from .conftest import dubbele_ids, inloggen

GV = "Gedeelde visie, gedeeld belang"
IGJ = "Inspectie Gezondheidszorg en Jeugd (IGJ)"


@pytest.fixture
def demo(vragenbank, monkeypatch):
    """The demo data as `make run` makes it, with the test password, plus two gesprekken the filters must leave out."""
    monkeypatch.setenv("DEMO_PASSWORD", factories.WACHTWOORD)
    call_command("demodata", stdout=io.StringIO())
    afgerond = Gesprek.objects.get(status=Gesprek.Status.VASTGESTELD)
    inspecteur2 = get_user_model().objects.get(username="inspecteur2")
    # Another inspectorate in the same year, and the same inspectorate a year earlier: both sterk on every point.
    for inspectie, datum in [("jenv", afgerond.datum), ("igj", afgerond.datum.replace(year=afgerond.datum.year - 1))]:
        ander = factories.gesprek(
            eigenaar=inspecteur2,
            kader=vragenbank,
            inspectie=inspectie,
            datum=datum,
            organisatie=f"Buiten het filter {inspectie}",
        )
        ander.aantekeningen.filter(criterium__isnull=False).update(tekst="Niet meetellen.", observatie="sterk_punt")
        Gesprek.objects.filter(pk=ander.pk).update(status=Gesprek.Status.GEVOERD)
        stand.gesprek_bijwerken(ander.pk)  # written around the services, brought into the overview as the bench does
    return afgerond


def verwacht(gesprekken, naam):
    """The counting rules of the overview, written out in Python over one element: the test's own arithmetic."""
    telling = {"besproken": 0, "sterk_punt": 0, "ontwikkelpunt": 0, "niet_besproken": 0}
    for gesprek in gesprekken:
        element = GesprekElement.objects.get(gesprek=gesprek, naam=naam)
        aantekeningen = list(Aantekening.objects.filter(element=element))
        besproken = any(
            a.observatie in ("sterk_punt", "ontwikkelpunt") or (a.observatie == "" and a.tekst.strip())
            for a in aantekeningen
        )
        telling["besproken"] += besproken
        telling["sterk_punt"] += any(a.observatie == "sterk_punt" for a in aantekeningen)
        telling["ontwikkelpunt"] += any(a.observatie == "ontwikkelpunt" for a in aantekeningen)
        gemarkeerd = any(a.observatie == "niet_besproken" for a in aantekeningen)
        telling["niet_besproken"] += (element.opgenomen or gemarkeerd) and not besproken
    return telling


def test_a_coordinator_filters_the_overview_drills_down_and_downloads_the_csv(page: Page, demo, tmp_path):
    jaar = demo.datum.year
    meegeteld = list(Gesprek.objects.filter(inspectie="igj", datum__year=jaar, status__in=Gesprek.GEHOUDEN))
    assert demo in meegeteld
    cijfers = verwacht(meegeteld, GV)
    assert cijfers["sterk_punt"] >= 1  # else the drill-down below has nothing to open

    inloggen(page, get_user_model().objects.get(username="coordinator"))
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Overzicht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht over gesprekken")
    assert dubbele_ids(page) == []

    filters = page.get_by_role("form", name="Filters")
    filters.get_by_label("Van", exact=True).fill(f"{jaar}-01-01")
    filters.get_by_label("Tot en met").fill(f"{jaar}-12-31")
    filters.get_by_label("Inspectie").select_option(label=IGJ)
    filters.get_by_role("button", name="Overzicht tonen").click()

    expect(filters.get_by_label("Van", exact=True)).to_have_value(f"{jaar}-01-01")
    aantal = len(meegeteld)
    expect(page.locator("#telling")).to_contain_text(f"{aantal} gesprek{'ken' if aantal != 1 else ''}")
    expect(page.locator("#telling")).to_contain_text(f"inspectie: {IGJ}")
    tabel = page.get_by_role("table", name=re.compile("^Aantal gesprekken per element"))
    rij = tabel.get_by_role("row", name=re.compile(f"^{re.escape(GV)}"))
    # Each number is a link whose name also says, for screen readers, what it counts.
    expect(rij.get_by_role("cell")).to_have_text([re.compile(rf"^{n}(\D|$)") for n in cijfers.values()])

    diagram = page.get_by_role("img", name="Aantal gesprekken per element")
    expect(diagram).to_be_visible()
    expect(diagram.locator("text", has_text=GV)).to_be_visible()
    assert dubbele_ids(page) == []

    # Drill down: who marked the shared vision a strong point? The coordinator is on none of these gesprekken.
    rij.get_by_role("link", name=re.compile(f"gesprek(ken)?: {re.escape(GV)}, sterk punt$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Sterk punt: {GV}")
    lijst = page.get_by_role("table")
    expect(lijst.get_by_role("row", name=re.compile(demo.organisatie.naam))).to_contain_text(
        "Alleen zichtbaar voor de inspecteurs van dit gesprek."
    )
    expect(lijst).not_to_contain_text("Buiten het filter")
    expect(lijst).not_to_contain_text("Aantekening bij criterium")
    expect(lijst.get_by_role("link", name=demo.organisatie.naam)).to_have_count(0)
    assert dubbele_ids(page) == []

    page.get_by_role("link", name="Terug naar het overzicht").click()
    expect(page.locator("#telling")).to_contain_text(f"inspectie: {IGJ}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Overzicht downloaden (CSV)").click()
    download = download_info.value
    assert re.fullmatch(r"overzicht-gesprekken-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    pad = tmp_path / download.suggested_filename
    download.save_as(pad)

    with open(pad, encoding="utf-8-sig", newline="") as bestand:
        rijen = list(csv.DictReader(bestand, delimiter=";"))
    visie = next(r for r in rijen if r["Soort"] == "Element" and r["Element"] == GV)
    assert [int(visie[k]) for k in ("Besproken", "Sterk punt", "Ontwikkelpunt", "Niet besproken")] == list(
        cijfers.values()
    )
    assert {r["Kader"] for r in rijen} == {str(Kader.objects.get(soort=Kader.Soort.HANDREIKING))}


def test_an_inspector_downloads_the_word_rapport_of_an_afgerond_gesprek(page: Page, demo, tmp_path):
    aantekeningen = list(
        Aantekening.objects.filter(gesprek=demo, criterium__isnull=False).exclude(tekst="").order_by("id")
    )
    assert aantekeningen

    inloggen(page, demo.eigenaar)
    page.get_by_role("link", name=demo.organisatie.naam).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(demo.organisatie.naam)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Word (DOCX)").click()
    download = download_info.value
    assert download.suggested_filename == f"rapport-roc-midden-{demo.datum:%Y-%m-%d}.docx"
    pad = tmp_path / download.suggested_filename
    download.save_as(pad)

    document = docx.Document(pad)
    alineas = [p.text for p in document.paragraphs]
    for aantekening in aantekeningen:
        assert aantekening.tekst in alineas
    assert "Evaluatie samen met de gemeente plannen" in [
        c.text for t in document.tables for r in t.rows for c in r.cells
    ]
    koppen = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert koppen[:2] == ["Inhoud", GV]
    assert koppen[-1] == "Samenvatting en afspraken"
