"""What we take from Django beyond its documented API: each test fails the day an upgrade changes it.

Private methods we override (`_construct_form`, `_should_delete_form`, `_check_values`), private attributes we set
or read (`_perm_cache`, `_test_serialized_contents`, `AdminSite._registry`), and public methods we lean on in ways
Django does not document (`from_db` with only some fields, `get_all_permissions` reading `_perm_cache`). A failure
names the file of ours that relies on it; README.md (*Waar we van Django's pad afwijken*) says what to check there.
The signatures are those of Django 5.2; where it is cheap, a test also checks, without a database, that Django
still calls the method the way we rely on.
"""

import inspect

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.backends.base.creation import BaseDatabaseCreation
from django.db.models import Model
from django.forms.formsets import BaseFormSet, formset_factory
from django.forms.models import BaseInlineFormSet, BaseModelFormSet, ModelMultipleChoiceField
from django.http import QueryDict
from django.test.testcases import TransactionTestCase

from elementen.models import Kader
from gesprekken.models import Gesprek
from samenwerking.rechten import RechtenBackend

COLLEGA = "gesprekken/collega.py (OverschrijftGeenCollega, RijenOverschrijvenGeenCollega)"
MEERDERE_KEUZES = "gesprekken/forms.py (MeerdereKeuzes)"
RECHTEN = "samenwerking/rechten.py (RechtenBackend)"
OM_OP_TE_SLAAN = "gesprekken/models.py (Aantekening.om_op_te_slaan)"
BROWSERTESTS = "tests/browser/conftest.py (live_server, _gemigreerde_stand)"
ADMIN_REGISTER = "tests/browser/toegankelijkheid.py, tests/samenwerking/conftest.py, tests/samenwerking/adressen.py"

# (Django's class, the method, its signature in Django 5.2, the file of ours that relies on it)
HANDTEKENINGEN = [
    (BaseFormSet, "_construct_form", "(self, i, **kwargs)", COLLEGA),
    (BaseModelFormSet, "_construct_form", "(self, i, **kwargs)", COLLEGA),
    (BaseInlineFormSet, "_construct_form", "(self, i, **kwargs)", COLLEGA),
    (BaseFormSet, "_should_delete_form", "(self, form)", COLLEGA),
    (ModelMultipleChoiceField, "_check_values", "(self, value)", MEERDERE_KEUZES),
    (Model, "from_db", "(db, field_names, values)", OM_OP_TE_SLAAN),
    (ModelBackend, "get_all_permissions", "(self, user_obj, obj=None)", RECHTEN),
]


def _melding(wat, wie):
    return f"Django veranderde {wat}, waar {wie} op rekent: zie 'Waar we van Django's pad afwijken' in README.md."


@pytest.mark.parametrize(
    "klasse, naam, handtekening, wie",
    HANDTEKENINGEN,
    ids=[f"{klasse.__name__}.{naam}" for klasse, naam, _, _ in HANDTEKENINGEN],
)
def test_the_private_django_methods_we_rely_on_keep_their_signature(klasse, naam, handtekening, wie):
    wat = f"{klasse.__module__}.{klasse.__qualname__}.{naam}"
    assert hasattr(klasse, naam), _melding(f"{wat} (bestaat niet meer)", wie)
    assert str(inspect.signature(getattr(klasse, naam))) == handtekening, _melding(f"{wat}{handtekening}", wie)


class Regel(forms.Form):
    tekst = forms.CharField()


def _formset(klasse, *rijen):
    """A bound formset of rows the page had shown (initial rows: Django checks each, changed or not)."""
    data = {"form-TOTAL_FORMS": str(len(rijen)), "form-INITIAL_FORMS": str(len(rijen))}
    data.update({f"form-{i}-tekst": tekst for i, tekst in enumerate(rijen)})
    return formset_factory(Regel, formset=klasse, can_delete=True, extra=0)(data)


def test_a_formset_builds_each_form_through_construct_form_with_its_index():
    gebouwd = []

    class Rijen(BaseFormSet):
        def _construct_form(self, i, **kwargs):
            gebouwd.append(i)
            return super()._construct_form(i, **kwargs)

    rijen = _formset(Rijen, "een", "twee")

    assert len(rijen.forms) == 2 and gebouwd == [0, 1], _melding(
        "hoe BaseFormSet.forms _construct_form aanroept", COLLEGA
    )


def test_a_formset_asks_should_delete_form_after_cleaning_and_skips_what_it_deletes():
    gevraagd = []

    class Rijen(BaseFormSet):
        def _should_delete_form(self, form):
            gevraagd.append(hasattr(form, "cleaned_data"))
            return True

    # An empty text is an error, but a row that goes needs no valid values.
    rijen = _formset(Rijen, "", "ook weg")

    assert rijen.is_valid(), _melding("dat een formset de fouten van een te verwijderen rij overslaat", COLLEGA)
    assert len(rijen.deleted_forms) == 2, _melding("BaseFormSet.deleted_forms", COLLEGA)
    assert gevraagd and all(gevraagd), _melding("dat _should_delete_form pas na het opschonen komt", COLLEGA)


def test_data_replaced_in_clean_is_what_the_form_shows_again():
    class Formulier(forms.Form):
        tekst = forms.CharField()
        getal = forms.IntegerField()

        def clean(self):
            cleaned = super().clean()
            self.data = self.data.copy()
            self.data["tekst"] = "van de collega"
            return cleaned

    formulier = Formulier(QueryDict("tekst=eigen&getal=geen"))

    assert not formulier.is_valid()
    assert formulier["tekst"].value() == "van de collega", _melding("waar een veld zijn waarde uit leest", COLLEGA)


def test_a_multiple_choice_field_cleans_through_check_values():
    class Keuzes(ModelMultipleChoiceField):
        def _check_values(self, value):
            return ("nagekeken", list(value))

    veld = Keuzes(queryset=get_user_model().objects.none())

    assert veld.clean(["1", "2"]) == ("nagekeken", ["1", "2"]), _melding(
        "hoe clean() _check_values aanroept", MEERDERE_KEUZES
    )
    melding = ModelMultipleChoiceField.default_error_messages["invalid_choice"]
    assert "%(value)s" in str(melding), _melding("de foutmelding invalid_choice en haar parameter", MEERDERE_KEUZES)


@pytest.mark.parametrize("backend", [ModelBackend, RechtenBackend])
def test_the_model_backend_answers_has_perm_from_perm_cache_without_a_query(backend):
    # No database for this test: a query would fail it.
    gebruiker = get_user_model()(username="iemand", is_active=True, is_superuser=False)
    gebruiker._perm_cache = {"gesprekken.view_gesprek"}

    assert backend().has_perm(gebruiker, "gesprekken.view_gesprek"), _melding("ModelBackend._perm_cache", RECHTEN)
    assert not backend().has_perm(gebruiker, "gesprekken.delete_gesprek"), _melding(
        "ModelBackend._perm_cache", RECHTEN
    )


def test_from_db_takes_some_fields_in_the_models_order_and_defers_the_rest():
    velden = [
        veld.attname for veld in Gesprek._meta.concrete_fields if veld.attname in ("id", "eigenaar_id", "status")
    ]
    waarden = {"id": 7, "eigenaar_id": 3, "status": Gesprek.Status.GEVOERD}

    gesprek = Gesprek.from_db("default", velden, [waarden[v] for v in velden])

    gelezen = (gesprek.pk, gesprek.eigenaar_id, gesprek.status)
    assert gelezen == (7, 3, Gesprek.Status.GEVOERD), _melding("Model.from_db", OM_OP_TE_SLAAN)
    assert "organisatie_id" in gesprek.get_deferred_fields(), _melding("Model.from_db", OM_OP_TE_SLAAN)
    assert gesprek._state.db == "default" and not gesprek._state.adding, _melding("Model._state", OM_OP_TE_SLAAN)


def test_the_serialized_test_database_is_where_the_browser_tests_take_it():
    # Django keeps the migrated state in a private attribute of the connection; our live server restores it.
    gezet = inspect.getsource(BaseDatabaseCreation.create_test_db)
    gelezen = inspect.getsource(TransactionTestCase._fixture_setup)

    assert "self.connection._test_serialized_contents =" in gezet, _melding("_test_serialized_contents", BROWSERTESTS)
    assert "_test_serialized_contents" in gelezen, _melding("_test_serialized_contents", BROWSERTESTS)


def test_the_admin_site_keeps_its_models_in_registry():
    # The tests find every admin page of the bank through it.
    assert isinstance(admin.site._registry.get(Kader), admin.ModelAdmin), _melding(
        "AdminSite._registry", ADMIN_REGISTER
    )
