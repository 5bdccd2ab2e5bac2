"""The instruments of the guides of Platform31 and VNG, by guide and by element of the handreiking."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertInHTML

from elementen.laden import bank_aanvullen
from elementen.models import Instrument, Item, Kader, Onderdeel

URL = reverse("elementen:instrumenten")
# Session, user, published kaders, state of the bank; instrument kaders, instrumenten, their elementen, onderdelen,
# items, doorvragen, the elements of the handreiking; 3 to renew the session. From the cache, the middle 7 go.
INSTRUMENTEN_GELEZEN = 14
INSTRUMENTEN_UIT_DE_CACHE = 7


@pytest.fixture(autouse=True)
def _lege_cache():
    cache.clear()


@pytest.fixture
def lezer(client_van, eigenaar):
    return client_van(eigenaar)


def gids(titel, uitgever, versie):
    return Kader.objects.create(
        titel=titel,
        uitgever=uitgever,
        versie=versie,
        soort=Kader.Soort.INSTRUMENTEN,
        status=Kader.Status.GEPUBLICEERD,
        gepubliceerd_op=datetime.date(2021, 1, 1),
    )


def instrument(kader, titel, *, code="", elementen=(), **velden):
    gemaakt = Instrument.objects.create(
        kader=kader, code=code, titel=titel, vorm=velden.pop("vorm", Instrument.Vorm.VRAGEN), **velden
    )
    gemaakt.elementen.set(elementen)
    return gemaakt


def onderdeel(instrument, soort, items, **velden):
    """An onderdeel with its items: (soort, tekst) or (soort, tekst, [doorvragen])."""
    gemaakt = Onderdeel.objects.create(instrument=instrument, soort=soort, **velden)
    for volgorde, (item_soort, tekst, *doorvragen) in enumerate(items, start=1):
        hoofd = Item.objects.create(onderdeel=gemaakt, soort=item_soort, tekst=tekst, volgorde=volgorde)
        for nummer, doorvraag in enumerate(doorvragen[0] if doorvragen else [], start=1):
            Item.objects.create(
                onderdeel=gemaakt, hoofditem=hoofd, soort=Item.Soort.DOORVRAAG, tekst=doorvraag, volgorde=nummer
            )
    return gemaakt


@pytest.fixture
def gidsen(vragenbank):
    return gidsen_maken(vragenbank)


def gidsen_maken(vragenbank):
    """Two guides as the fixtures hold them, in short: questions, tables, a slider and a scan."""
    leiderschap, visie = vragenbank.elementen.get(nummer=1), vragenbank.elementen.get(nummer=2)
    platform31 = gids("Verbeter je samenwerking: Weer Thuis in de wijk", "Platform31", "september 2020")
    motieven = instrument(
        platform31,
        "Motieven van samenwerkingspartners",
        bron="Werkblad",
        doel="Zicht krijgen op de drijfveren van de partners.",
        toelichting="Eerste alinea over motieven.\n\nTweede alinea over motieven.",
        elementen=[visie],
    )
    onderdeel(
        motieven,
        Onderdeel.Soort.VRAGEN,
        [
            (Item.Soort.VRAAG, "Welke doelen spelen een rol?", ["Welke belangen?", "Welke strategische keuzes?"]),
            (Item.Soort.VRAAG, "Welke normen worden nagestreefd?"),
        ],
        titel="Helpende vragen",
    )
    vng = gids("Gereedschapskist regionale samenwerking zorg en veiligheid", "VNG", "2021")
    analyse = instrument(
        vng,
        "Stakeholder- en krachtenveldanalyse",
        code="2.1",
        vorm=Instrument.Vorm.FORMULIER,
        moment=Instrument.Moment.VOOR,
        invuller=Instrument.Invuller.ORGANISATIE,
        elementen=[leiderschap, visie],
    )
    onderdeel(
        analyse,
        Onderdeel.Soort.TABEL,
        [(Item.Soort.KOLOM, "Mate van invloed"), (Item.Soort.KOLOM, "Mate van belang"), (Item.Soort.KOLOM, "Score")],
        herhaling=Onderdeel.Herhaling.STAKEHOLDER,
    )
    probleemscan = instrument(vng, "Probleemscan", code="1.1", vorm=Instrument.Vorm.FORMULIER)
    onderdeel(
        probleemscan,
        Onderdeel.Soort.TABEL,
        [
            (Item.Soort.KOLOM, "Samenvatting"),
            (Item.Soort.KOLOM, "Voorstel"),
            (Item.Soort.RIJ, "Wat is het probleem? Waarom?"),
            (Item.Soort.RIJ, "Waarom nog niet opgelost?"),
        ],
    )
    schuif = instrument(vng, "Dilemmaschuif", code="3.1", vorm=Instrument.Vorm.SCHUIF)
    onderdeel(schuif, Onderdeel.Soort.SCHUIF, [(Item.Soort.POOL, "Eigen belang"), (Item.Soort.POOL, "Gezamenlijk")])
    onderdeel(
        schuif,
        Onderdeel.Soort.SCAN,
        [
            (Item.Soort.STELLING, "We kennen elkaars belangen."),
            (Item.Soort.SCHAALWAARDE, "Groen"),
            (Item.Soort.SCHAALWAARDE, "Geel"),
            (Item.Soort.SCHAALWAARDE, "Rood"),
        ],
    )
    return platform31, vng


def _sectie(html, anker):
    """The HTML of the <section> with this id."""
    begin = html.index(f'<section id="{anker}"')
    return html[begin : html.index("</section>", begin)]


def test_the_instruments_page_asks_to_log_in_first(client, gidsen):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_shows_the_instruments_by_guide_with_the_source_named(lezer, gidsen):
    platform31, vng = gidsen

    html = lezer.get(URL).content.decode()

    p31 = _sectie(html, f"kader-{platform31.pk}")
    assert "Bron: Platform31, <cite>Verbeter je samenwerking: Weer Thuis in de wijk</cite>, september 2020." in p31
    assert "Motieven van samenwerkingspartners</h3>" in p31
    assert "Stakeholder" not in p31
    gereedschapskist = _sectie(html, f"kader-{vng.pk}")
    assert (
        "Bron: VNG, <cite>Gereedschapskist regionale samenwerking zorg en veiligheid</cite>, 2021." in gereedschapskist
    )
    assert '<span class="instrument-code">2.1</span> Stakeholder- en krachtenveldanalyse</h3>' in gereedschapskist
    assert "<dt>Wie vult in</dt><dd>De organisatie</dd>" in gereedschapskist
    assert "<dt>Moment</dt><dd>Voor het gesprek</dd>" in gereedschapskist


def test_an_instrument_shows_its_purpose_explanation_and_questions_with_doorvragen(lezer, gidsen):
    html = lezer.get(URL).content.decode()

    assert "<strong>Doel:</strong> Zicht krijgen op de drijfveren van de partners." in html
    assert "<p>Eerste alinea over motieven.</p>\n\n<p>Tweede alinea over motieven.</p>" in html
    assert '<h4 class="onderdeel-titel">Helpende vragen</h4>' in html
    assertInHTML(
        """<ol class="vraag-lijst">
          <li>Welke doelen spelen een rol?
            <ul class="doorvragen"><li>Welke belangen?</li><li>Welke strategische keuzes?</li></ul>
          </li>
          <li>Welke normen worden nagestreefd?</li>
        </ol>""",
        html,
    )


def test_it_shows_the_instruments_by_element_an_instrument_under_each_element_it_serves(lezer, gidsen, vragenbank):
    html = lezer.get(URL, {"indeling": "element"}).content.decode()

    leiderschap = _sectie(html, f"element-{vragenbank.elementen.get(nummer=1).pk}")
    visie = _sectie(html, f"element-{vragenbank.elementen.get(nummer=2).pk}")
    financiering = _sectie(html, f"element-{vragenbank.elementen.get(nummer=5).pk}")
    zonder = _sectie(html, "zonder-element")
    assert "Element 1: Leiderschap en management</h2>" in leiderschap
    assert "Stakeholder- en krachtenveldanalyse" in leiderschap and "Motieven" not in leiderschap
    assert "Stakeholder- en krachtenveldanalyse" in visie and "Motieven van samenwerkingspartners" in visie
    assert "Bij dit element zijn (nog) geen instrumenten." in financiering
    assert "Niet aan een element gekoppeld</h2>" in zonder
    assert "Probleemscan" in zonder and "Dilemmaschuif" in zonder
    assert html.index('id="zonder-element"') > html.index(f'id="element-{vragenbank.elementen.get(nummer=9).pk}"')
    assert "<dt>Bron</dt><dd>VNG, <cite>Gereedschapskist regionale samenwerking zorg en veiligheid</cite>" in visie
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_the_switch_says_which_grouping_is_shown(lezer, gidsen):
    per_bron = lezer.get(URL).content.decode()
    per_element = lezer.get(URL, {"indeling": "element"}).content.decode()

    assert 'active" aria-current="page" href="?indeling=kader">Per bron' in per_bron
    assert 'active" aria-current="page" href="?indeling=element">Per element' in per_element


def test_a_table_per_stakeholder_is_a_table_with_its_columns_and_one_example_row(lezer, gidsen):
    html = lezer.get(URL).content.decode()

    assertInHTML(
        """<table class="table table-bordered invultabel">
          <caption>Eén rij per stakeholder</caption>
          <thead><tr><td></td><th scope="col">Mate van invloed</th><th scope="col">Mate van belang</th>
            <th scope="col">Score</th></tr></thead>
          <tbody><tr><th scope="row">Stakeholder</th>
            <td class="invulcel"></td><td class="invulcel"></td><td class="invulcel"></td></tr></tbody>
        </table>""",
        html,
    )


def test_a_table_with_fixed_rows_heads_each_row_and_has_a_cell_under_each_column(lezer, gidsen):
    html = lezer.get(URL).content.decode()

    assertInHTML(
        """<table class="table table-bordered invultabel">
          <thead><tr><td></td><th scope="col">Samenvatting</th><th scope="col">Voorstel</th></tr></thead>
          <tbody>
            <tr><th scope="row">Wat is het probleem? Waarom?</th><td class="invulcel"></td><td class="invulcel"></td>
            </tr>
            <tr><th scope="row">Waarom nog niet opgelost?</th><td class="invulcel"></td><td class="invulcel"></td>
            </tr>
          </tbody>
        </table>""",
        html,
    )


def test_a_scan_lists_its_statements_and_scale_and_a_slider_its_two_poles(lezer, gidsen):
    html = lezer.get(URL).content.decode()

    assertInHTML('<ol class="stelling-lijst"><li>We kennen elkaars belangen.</li></ol>', html)
    assertInHTML('<ol class="schaal"><li>Groen</li><li>Geel</li><li>Rood</li></ol>', html)
    schuif = re.search(r'<p class="schuif">(.*?)</p>', html).group(1)
    assert re.sub(r"<[^>]+>", "", schuif) == "Schuif tussen Eigen belang en Gezamenlijk"


def test_the_handreiking_links_to_the_instruments(lezer, gidsen, vragenbank):
    platform31, _ = gidsen

    html = lezer.get(reverse("elementen:handreiking")).content.decode()

    assert f'<a href="{URL}?indeling=element">Instrumenten voor het gesprek</a>' in html
    assert f'<a href="{URL}#kader-{platform31.pk}">Verbeter je samenwerking: Weer Thuis in de wijk' in html
    response = lezer.get(reverse("elementen:kader", args=[platform31.pk]))
    assert response.status_code == 302
    assert response["Location"] == f"{URL}#kader-{platform31.pk}"


def test_a_guide_not_published_is_not_shown(lezer, gidsen):
    platform31, _ = gidsen
    Kader.objects.filter(pk=platform31.pk).update(status=Kader.Status.CONCEPT)

    html = lezer.get(URL).content.decode()

    assert "Motieven van samenwerkingspartners" not in html
    assert "Probleemscan" in html


def test_without_guides_the_page_says_so(lezer, vragenbank):
    assert "Er zijn nog geen instrumenten gepubliceerd." in lezer.get(URL).content.decode()


def _vergroot(kader, elementen, tot):
    """Instruments with every kind of onderdeel, up to `tot` in the guide."""
    for nummer in range(kader.instrumenten.count() + 1, tot + 1):
        extra = instrument(kader, f"Extra {nummer}", code=f"9.{nummer}", elementen=elementen[: nummer % 3])
        onderdeel(extra, Onderdeel.Soort.VRAGEN, [(Item.Soort.VRAAG, "Vraag", ["Doorvraag"])])
        onderdeel(extra, Onderdeel.Soort.TABEL, [(Item.Soort.KOLOM, "Kolom"), (Item.Soort.RIJ, "Rij")])
        onderdeel(extra, Onderdeel.Soort.SCAN, [(Item.Soort.STELLING, "Stelling"), (Item.Soort.SCHAALWAARDE, "1")])
        onderdeel(extra, Onderdeel.Soort.TEKST, [(Item.Soort.TEKST, "Tekst"), (Item.Soort.STAP, "Stap")])


@pytest.mark.parametrize("indeling", ["kader", "element"])
def test_the_page_costs_the_same_queries_with_2_or_20_instruments(
    lezer, vragenbank, indeling, django_assert_max_num_queries
):
    kader = gids("Gereedschapskist regionale samenwerking zorg en veiligheid", "VNG", "2021")
    elementen = list(vragenbank.elementen.all())
    _vergroot(kader, elementen, 2)
    with django_assert_max_num_queries(INSTRUMENTEN_GELEZEN):
        assert lezer.get(URL, {"indeling": indeling}).status_code == 200

    _vergroot(kader, elementen, 20)

    with django_assert_max_num_queries(INSTRUMENTEN_GELEZEN):
        response = lezer.get(URL, {"indeling": indeling})
    assert "Extra 20" in response.content.decode()


def test_the_page_comes_from_the_cache_until_the_bank_changes(
    lezer, gidsen, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr("elementen.cache.BEZINKTIJD", datetime.timedelta(0))
    lezer.get(URL)

    with django_assert_max_num_queries(INSTRUMENTEN_UIT_DE_CACHE):
        assert "Motieven van samenwerkingspartners" in lezer.get(URL).content.decode()

    Item.objects.filter(tekst="Welke normen worden nagestreefd?").update(tekst="ongezien")
    assert "Welke normen worden nagestreefd?" in lezer.get(URL).content.decode()
    item = Item.objects.get(tekst="ongezien")
    item.tekst = "Welke waarden worden nagestreefd?"
    item.save()
    assert "Welke waarden worden nagestreefd?" in lezer.get(URL).content.decode()


@pytest.mark.skipif(
    not list((settings.BASE_DIR / "fixtures" / "instrumenten").glob("*.json")),
    reason="fixtures/instrumenten/*.json nog niet aanwezig",
)
def test_the_guides_of_the_fixtures_show_every_instrument(lezer, vragenbank):
    gidsen = bank_aanvullen()

    html = lezer.get(URL).content.decode()
    per_element = lezer.get(URL, {"indeling": "element"}).content.decode()

    for kader in gidsen:
        assert escape(f"Bron: {kader.uitgever}, ") + f"<cite>{escape(kader.titel)}</cite>" in html
        for gidsinstrument in kader.instrumenten.all():
            assert escape(gidsinstrument.titel) in html
            assert escape(gidsinstrument.titel) in per_element
