"""The migration that turns the free-text names of gesprekken into organisations (0006-0008), run on a database
as the release before had it."""

import datetime
import random

import pytest

from gesprekken.models import Gesprek, Organisatie

from .migraties import migreren, naar_nieuwste

VOOR = [("gesprekken", "0005_instrumenten")]
# Serialized rollback: the roles and content types the migrations made are there again for the tests after these,
# also the browser tests, which restore them themselves.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def vorige_release():
    """The models as of 0005; afterwards the database is migrated to the newest state again."""
    apps = migreren(VOOR)
    yield apps
    naar_nieuwste()


def _gesprekken_maken(apps, namen):
    User = apps.get_model("auth", "User")
    Gesprek = apps.get_model("gesprekken", "Gesprek")
    eigenaar = User.objects.create(username="inspecteur")
    Gesprek.objects.bulk_create(
        Gesprek(
            organisatie=naam,
            organisatie_type=soort,
            doelgroep_meervoud=meervoud,
            doelgroep_enkelvoud=meervoud[:-2] or meervoud,
            inspectie="igj",
            aanleiding="afsluitend gesprek",
            datum=datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300),
            eigenaar=eigenaar,
        )
        for n, (naam, soort, meervoud) in enumerate(namen)
    )
    return dict(Gesprek.objects.values_list("pk", "organisatie"))


def test_names_that_differ_only_in_case_or_spacing_become_one_organisation_and_no_gesprek_loses_it(vorige_release):
    voor = _gesprekken_maken(
        vorige_release,
        [
            ("ROC Midden", "onderwijsinstelling", "studenten"),
            (" roc  midden", "onderwijsinstelling", "studenten"),
            ("ROC Midden", "onderwijsinstelling", "leerlingen"),
            ("ROC\tMIDDEN ", "onderwijsinstelling", "studenten"),
            ("ROC Midden-Oost", "onderwijsinstelling", "studenten"),
            ("Gemeente Rivierstad", "gemeente", "inwoners"),
        ],
    )

    naar_nieuwste()

    assert Organisatie.objects.count() == 3
    roc = Organisatie.objects.get(naam="ROC Midden")
    # Named as most gesprekken wrote it; the kind and words of the newest.
    assert (roc.soort, roc.doelgroep_meervoud) == ("onderwijsinstelling", "studenten")
    na = dict(Gesprek.objects.values_list("pk", "organisatie__naam"))
    assert set(na) == set(voor)
    for pk, oude_naam in voor.items():
        assert " ".join(oude_naam.split()).casefold() == na[pk].casefold()
    assert roc.gesprekken.count() == 4
    assert Organisatie.objects.get(naam="ROC Midden-Oost").gesprekken.count() == 1


def test_ten_thousand_gesprekken_as_the_bench_has_them_keep_their_organisation(vorige_release):
    rng = random.Random(20231109)
    basis = [f"Gemeente Plaats {n}" for n in range(400)] + [f"Zorggroep {n} Noord" for n in range(100)]

    def variant(naam):
        return rng.choice([naam, naam.upper(), naam.lower(), f"  {naam}", naam.replace(" ", "  ")])

    voor = _gesprekken_maken(
        vorige_release, [(variant(rng.choice(basis)), "gemeente", "inwoners") for _ in range(10_000)]
    )
    gebruikt = {" ".join(naam.split()).casefold() for naam in voor.values()}

    naar_nieuwste()

    assert Gesprek.objects.count() == 10_000
    assert Organisatie.objects.count() == len(gebruikt)
    assert not Gesprek.objects.filter(organisatie__isnull=True).exists()
    na = dict(Gesprek.objects.values_list("pk", "organisatie__sleutel"))
    assert all(na[pk] == " ".join(naam.split()).casefold() for pk, naam in voor.items())


def test_going_back_writes_the_names_into_the_gesprekken_again(vorige_release):
    _gesprekken_maken(
        vorige_release, [("ROC Midden", "onderwijsinstelling", "studenten"), (" roc midden", "anders", "x")]
    )
    naar_nieuwste()

    apps = migreren(VOOR)

    assert list(apps.get_model("gesprekken", "Gesprek").objects.values_list("organisatie", flat=True)) == [
        "ROC Midden",
        "ROC Midden",
    ]
