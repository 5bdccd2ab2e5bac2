"""Bad input on every form and endpoint: never a 500, always a Dutch message, and nothing saved half.

Hypothesis starts from what the browser would send and breaks it: fields dropped, fields added, values of any
Unicode (NUL, control characters, lone surrogates sent as the invalid UTF-8 a broken client would send), huge
values, wrong ids. Each example runs in a savepoint that is rolled back, so examples do not see each other.

On CI (CI=true) the examples are the same on every run, so a red build always means a real change; locally
they are new each time and failures are kept in .hypothesis/ to be replayed.
"""

import os
from urllib.parse import quote_from_bytes

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, Gesprek, GesprekCriterium, GesprekVraag, InstrumentRij
from tests import factories, instrumentgids
from tests.gesprekken.builders import afronden_post, gegevens_post, gegevens_post_van, vragenlijst_post

from .adressen import Bezoeker, adressen, pad, terugdraaien

FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Any code point, surrogates and NUL included.
TEKENS = st.characters(codec=None, exclude_categories=())
LASTIG = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "0",
        "-1",
        "1.5",
        "1e3",
        str(2**63 - 1),
        "٣",
        "<script>alert(1)</script>",
        "\ufeff",
        "\u202e",
        "' OR 1=1 --",
        "%00",
        "\r\n",
        "\ud800",
        "2026-02-30",
    ]
)
# Around the limits: 200 (names), 2.000 (own question), 20.000 (a note) and the 2.5 MB request body.
GROOT = st.builds(
    lambda teken, lengte: teken * lengte,
    st.sampled_from(["x", "é", "\x00", "😀", "\r\n"]),
    st.sampled_from([201, 2_001, 20_001, 200_000, 2_600_000]),
)
GETAL = st.integers()
WAARDE = st.one_of(st.text(alphabet=TEKENS, max_size=40), LASTIG, GROOT, GETAL.map(str))

# Django's English messages, which a Dutch user must never see.
ENGELS = [
    "This field",
    "Enter a ",
    "Select a valid",
    "Ensure this",
    "Null characters",
    "ManagementForm data",
    "Please ",
    "is required",
    "Bad Request",
    "Not Found",
    "Forbidden",
    "Server Error",
    "Method Not Allowed",
]


@st.composite
def verstoord(draw, geldig, extra=()):
    """A valid POST with some fields dropped, some replaced by bad values, and some added."""
    data = {}
    for sleutel, waarde in geldig.items():
        keuze = draw(st.sampled_from(["houden", "houden", "weg", "anders"]))
        if keuze == "houden":
            data[sleutel] = waarde
        elif keuze == "anders":
            data[sleutel] = draw(st.lists(WAARDE, max_size=3)) if isinstance(waarde, list) else draw(WAARDE)
    for sleutel in draw(
        st.lists(st.one_of(st.sampled_from([*extra, "onbekend"]), st.text(TEKENS, max_size=20)), max_size=3)
    ):
        data[sleutel] = draw(WAARDE)
    return data


def formulier(data):
    """The form as bytes on the wire; a lone surrogate goes out as the invalid UTF-8 a broken client sends."""

    def bytes_(tekst):
        return quote_from_bytes(str(tekst).encode("utf-8", "surrogatepass"))

    paren = [(k, w) for k, v in data.items() for w in (v if isinstance(v, list) else [v])]
    return "&".join(f"{bytes_(k)}={bytes_(w)}" for k, w in paren)


def versturen(bezoeker, url, data, **extra):
    return bezoeker.vraag("POST", url, data=formulier(data), content_type="application/x-www-form-urlencoded", **extra)


def tekst_van(response):
    if response.get("Content-Type", "").startswith("application/json"):
        return response.json().get("melding", "")
    return response.content.decode()


def assert_nederlands(response):
    tekst = tekst_van(response)
    engels = [zin for zin in ENGELS if zin in tekst]
    assert not engels, f"{response.status_code}: English text {engels} in the answer"


def assert_fout_getoond(response):
    """A 4xx page says what is wrong: a form error, or the Dutch refusal page."""
    tekst = tekst_van(response)
    assert tekst.strip(), response.status_code
    if not response.get("Content-Type", "").startswith("application/json"):
        assert any(teken in tekst for teken in ("alert-danger", "invalid-feedback", "<h1")), response.status_code
    assert_nederlands(response)


def stand(gesprek):
    """Everything a request could change in a gesprek, to compare before and after."""
    return (
        Gesprek.objects.count(),
        Gesprek.objects.filter(pk=gesprek.pk).values().get(),
        list(
            Gesprek.co_inspecteurs.through.objects.filter(gesprek=gesprek)
            .values_list("user_id", flat=True)
            .order_by("user_id")
        ),
        list(gesprek.bestuurders.values_list("pk", "naam", "functie").order_by("pk")),
        list(gesprek.afspraken.values_list("pk", "wat", "wie", "wanneer").order_by("pk")),
        list(gesprek.elementen.values_list("pk", "opgenomen").order_by("pk")),
        list(GesprekCriterium.objects.filter(element__gesprek=gesprek).values_list("pk", "opgenomen").order_by("pk")),
        list(gesprek.vragen.values_list("pk", "tekst", "opgenomen", "volgorde").order_by("pk")),
        list(gesprek.aantekeningen.values_list("pk", "tekst", "observatie", "keuze", "versie").order_by("pk")),
        list(gesprek.instrumenten.values_list("pk", "element_id", "inhoud").order_by("pk")),
        list(InstrumentRij.objects.filter(instrument__gesprek=gesprek).values_list("pk", "naam").order_by("pk")),
    )


def assert_heel_of_niet_opgeslagen(inspecteur, gesprek, naam, velden):
    """A form of the gesprek is saved (302), or refused with a message and nothing of it is kept."""
    with terugdraaien():
        voor = stand(gesprek)
        response = versturen(inspecteur, reverse(f"gesprekken:{naam}", args=[gesprek.pk]), velden)

        assert response.status_code in (302, 413, 422)
        if response.status_code != 302:
            assert_fout_getoond(response)
            assert stand(gesprek) == voor


def assert_geen_engels(meldingen):
    for melding in meldingen:
        assert not any(zin in melding for zin in ENGELS), melding


def foutmeldingen(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


@pytest.fixture
def inspecteur(eigenaar, gesprek):
    return Bezoeker(eigenaar)


@FUZZ
@given(data=st.data())
def test_the_login_form_survives_any_input(eigenaar, data):
    velden = data.draw(verstoord({"username": "eigenaar", "password": factories.WACHTWOORD}, extra=["next"]))

    with terugdraaien():
        response = versturen(Bezoeker(None), reverse("login"), velden)

        assert response.status_code in (200, 302, 413, 429)
        assert_nederlands(response)
        if response.status_code == 200:
            assert_fout_getoond(response)


@FUZZ
@given(data=st.data())
def test_a_new_gesprek_is_made_whole_or_not_at_all(inspecteur, vragenbank, data):
    geldig = gegevens_post(**{"kader-kader": str(vragenbank.pk), "kader-opzet": "alle_kernvragen"})
    velden = data.draw(verstoord(geldig, extra=["co_inspecteurs", "bestuurders-1-naam", "ander_meervoud"]))

    with terugdraaien():
        voor = Gesprek.objects.count()
        response = versturen(inspecteur, reverse("gesprekken:nieuw"), velden)

        assert response.status_code in (302, 413, 422)
        if response.status_code == 302:
            nieuw = Gesprek.objects.order_by("-pk").first()
            assert Gesprek.objects.count() == voor + 1
            assert nieuw.elementen.exists() and nieuw.aantekeningen.exists()
        else:
            assert_fout_getoond(response)
            assert Gesprek.objects.count() == voor


@FUZZ
@given(data=st.data())
def test_the_details_of_a_gesprek_change_whole_or_not_at_all(inspecteur, gesprek, data):
    velden = data.draw(verstoord(gegevens_post_van(gesprek), extra=["co_inspecteurs", "bestuurders-0-DELETE"]))

    assert_heel_of_niet_opgeslagen(inspecteur, gesprek, "gegevens", velden)


@FUZZ
@given(data=st.data())
def test_the_vragenlijst_takes_any_order_numbers_and_ids(inspecteur, gesprek, data):
    volgnummers = st.one_of(
        st.sampled_from(list(gesprek.vragen.values_list("pk", flat=True))).map(str),
        GETAL.map(str),
        st.text(TEKENS, max_size=10),
    )
    extra = {f"volgorde-{nummer}": data.draw(WAARDE) for nummer in data.draw(st.lists(volgnummers, max_size=4))}
    velden = {**data.draw(verstoord(vragenlijst_post(gesprek))), **extra}

    assert_heel_of_niet_opgeslagen(inspecteur, gesprek, "vragenlijst", velden)


@FUZZ
@given(data=st.data())
def test_choosing_an_opzet_applies_it_or_says_why_not(inspecteur, gesprek, data):
    element = gesprek.elementen.first()
    velden = data.draw(verstoord({"opzet": "een_element", "element": str(element.pk)}))

    with terugdraaien():
        voor = stand(gesprek)
        response = versturen(inspecteur, reverse("gesprekken:vragenlijst_opzet", args=[gesprek.pk]), velden)

        assert response.status_code in (302, 413)
        fouten = foutmeldingen(response)
        if response.status_code == 413 or fouten:
            assert stand(gesprek) == voor
            assert_geen_engels(fouten)


@FUZZ
@given(data=st.data())
def test_an_own_question_is_added_whole_or_refused_in_dutch(inspecteur, gesprek, data):
    element = gesprek.elementen.first()
    velden = data.draw(verstoord({"element": str(element.pk), "tekst": "Hoe werkt u samen?"}))
    eigen = GesprekVraag.objects.filter(gesprek=gesprek, soort=GesprekVraag.Soort.EIGEN)

    with terugdraaien():
        voor, aantal = stand(gesprek), eigen.count()
        response = versturen(inspecteur, reverse("gesprekken:eigen_vraag_toevoegen", args=[gesprek.pk]), velden)

        assert response.status_code in (302, 413)
        fouten = foutmeldingen(response)
        if response.status_code == 413 or fouten:
            assert stand(gesprek) == voor
            assert_geen_engels(fouten)
        else:
            assert eigen.count() == aantal + 1
            assert "\x00" not in eigen.order_by("-pk").first().tekst


@pytest.fixture
def gids(vragenbank):
    return instrumentgids.maak()


@FUZZ
@given(data=st.data())
def test_an_instrument_or_a_row_is_added_whole_or_refused_in_dutch(inspecteur, gesprek, gids, data):
    halen = services.instrument_toevoegen(
        gesprek=gesprek, wie=Wie(gesprek.eigenaar), instrument=gids["Halen en brengen"]
    )
    naam, velden = data.draw(
        st.sampled_from(
            [
                ("instrument_toevoegen", {"instrument": str(gids["De balans opmaken"].pk), "element": ""}),
                ("instrument_rij_toevoegen", {"naam": "GGZ Oost", "onderdeel": "0"}),
            ]
        )
    )
    velden = data.draw(verstoord(velden))
    args = [gesprek.pk] if naam == "instrument_toevoegen" else [gesprek.pk, halen.pk]

    with terugdraaien():
        voor = stand(gesprek)
        response = versturen(inspecteur, reverse(f"gesprekken:{naam}", args=args), velden)

        assert response.status_code in (302, 404, 413)
        fouten = foutmeldingen(response) if response.status_code == 302 else []
        if response.status_code != 302 or fouten:
            assert stand(gesprek) == voor
            assert_geen_engels(fouten)
        else:
            assert stand(gesprek) != voor
            assert "\x00" not in str(stand(gesprek))


@FUZZ
@given(data=st.data())
def test_an_instruments_field_takes_only_its_scale_or_answers_in_dutch_json(inspecteur, gesprek, gids, data):
    balans = services.instrument_toevoegen(
        gesprek=gesprek, wie=Wie(gesprek.eigenaar), instrument=gids["De balans opmaken"]
    )
    veld = Aantekening.objects.filter(veld__instrument=balans).first()
    velden = data.draw(verstoord({"tekst": "Het doel is gedeeld.", "keuze": "1", "observatie": "", "versie": "0"}))

    with terugdraaien():
        voor = stand(gesprek)
        url = reverse("gesprekken:aantekening_opslaan", args=[gesprek.pk, veld.pk])
        response = versturen(inspecteur, url, velden, HTTP_ACCEPT="application/json")

        assert response.status_code in (200, 409, 413, 422)
        if response.status_code == 200:
            veld.refresh_from_db()
            assert veld.keuze in ("", "1", "2", "3")
        else:
            assert_nederlands(response)
            assert stand(gesprek) == voor


@pytest.fixture
def vreemde_aantekening(vragenbank, buitenstaander):
    ander = factories.gesprek(eigenaar=buitenstaander, kader=vragenbank)
    return ander.aantekeningen.first()


@FUZZ
@given(data=st.data())
def test_the_autosave_answers_every_bad_note_in_dutch_json(inspecteur, gesprek, vreemde_aantekening, data):
    aantekening = gesprek.aantekeningen.filter(criterium__isnull=False).first()
    aantekening_id = data.draw(
        st.sampled_from([aantekening.pk, aantekening.pk, vreemde_aantekening.pk, 10**6, 10**19, 10**30])
    )
    velden = data.draw(verstoord({"tekst": "Zij werken samen.", "observatie": "sterk_punt", "versie": "0"}))
    url = reverse("gesprekken:aantekening_opslaan", args=[gesprek.pk, aantekening_id])

    with terugdraaien():
        voor = stand(gesprek)
        response = versturen(inspecteur, url, velden, HTTP_ACCEPT="application/json")

        assert response.status_code in (200, 404, 409, 413, 422)
        assert response["Content-Type"].startswith("application/json"), response.status_code
        if response.status_code == 200:
            aantekening.refresh_from_db()
            assert response.json()["versie"] == aantekening.versie
            # Stored as version 1, or the empty note already said what was sent: a retry's answer, nothing written.
            assert aantekening.versie == 1 or stand(gesprek) == voor
            assert "\x00" not in aantekening.tekst
        else:
            assert response.json()["melding"]
            assert_nederlands(response)
            assert stand(gesprek) == voor


@FUZZ
@given(data=st.data())
def test_afronden_saves_whole_or_not_at_all(inspecteur, gesprek, data):
    geldig = afronden_post(
        samenvatting="Goed gesprek.", afspraken=[("Evaluatie plannen", "Bestuurder", "2026-12-01")], stap="vaststellen"
    )
    velden = data.draw(verstoord(geldig, extra=["afspraken-1-wat", "afspraken-0-DELETE"]))

    assert_heel_of_niet_opgeslagen(inspecteur, gesprek, "afronden", velden)


@FUZZ
@given(data=st.data())
def test_wrong_ids_in_any_address_are_a_404_never_a_500(objecten, zonder_pdf_opmaak, data):
    # Ids that no row has: 0, and from a million up, past 32 and 64 bits.
    ids = st.one_of(st.integers(min_value=10**6, max_value=10**30), st.sampled_from([0, 2**31, 2**63, 2**64]))
    adres = data.draw(st.sampled_from([a for a in adressen() if not a.is_admin and "<int:" in a.route]))
    vervangen = {
        naam: data.draw(ids)
        for naam in (
            "gesprek_id",
            "vraag_id",
            "aantekening_id",
            "kader_id",
            "organisatie_id",
            "afspraak_id",
            "terugblik_id",
        )
    }
    methode = data.draw(st.sampled_from(["GET", "POST"]))
    accept = data.draw(st.sampled_from(["text/html", "application/json"]))

    with terugdraaien():
        response = Bezoeker(objecten["eigenaar"]).vraag(methode, pad(adres, objecten, vervangen), HTTP_ACCEPT=accept)

        assert response.status_code in (404, 405), (adres.sleutel, response.status_code)
        assert_fout_getoond(response)


@pytest.mark.parametrize("methode", ["PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "PROPFIND"])
def test_any_method_on_any_address_is_answered_without_a_500(objecten, zonder_pdf_opmaak, methode):
    bezoekers = [Bezoeker(None), Bezoeker(objecten["eigenaar"])]
    for adres in adressen():
        if adres.is_admin:
            continue
        url = pad(adres, objecten)
        for bezoeker in bezoekers:
            with terugdraaien():
                response = bezoeker.vraag(methode, url)

            assert response.status_code < 500, (methode, url)
            if response.status_code == 405 and methode != "HEAD":
                assert "Deze pagina kan niet op deze manier worden opgevraagd." in response.content.decode(), url


@pytest.mark.parametrize("veld", ["co_inspecteurs", "vragen", "elementen", "criteria"])
def test_an_id_beyond_64_bits_among_the_choices_is_refused_not_a_500(client_van, eigenaar, gesprek, veld):
    if veld == "co_inspecteurs":
        url, data = reverse("gesprekken:gegevens", args=[gesprek.pk]), gegevens_post_van(gesprek)
    else:
        url, data = reverse("gesprekken:vragenlijst", args=[gesprek.pk]), vragenlijst_post(gesprek)

    response = client_van(eigenaar).post(url, {**data, veld: str(2**63)})

    assert response.status_code == 422


def test_a_place_for_a_question_id_beyond_64_bits_changes_nothing_and_is_no_500(client_van, eigenaar, gesprek):
    url = reverse("gesprekken:vragenlijst", args=[gesprek.pk])
    voor = list(gesprek.vragen.order_by("pk").values_list("pk", "volgorde"))

    response = client_van(eigenaar).post(url, {**vragenlijst_post(gesprek), f"volgorde-{2**64}": "5"})

    assert response.status_code == 302
    assert list(gesprek.vragen.order_by("pk").values_list("pk", "volgorde")) == voor
