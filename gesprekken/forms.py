import datetime
import functools
import hashlib

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.forms import inlineformset_factory
from django.utils.formats import date_format

from elementen.models import Kader

from .models import (
    Afspraak,
    Bestuurder,
    Gesprek,
    GesprekCriterium,
    GesprekElement,
    GesprekVraag,
    Observatie,
    past_in_een_id,
)
from .roles import INSPECTEURS
from .services import Opzet
from .widgets import Datumkiezer, Vinkjes
from .woorden import DOELGROEPEN

ANDERS = "anders"
MAX_TEKST = 20_000


class MeerdereKeuzes(forms.ModelMultipleChoiceField):
    """Refuses an id beyond 64 bits itself: SQLite cannot even compare one in `pk__in`."""

    def _check_values(self, value):
        for pk in value:
            try:
                buiten_bereik = not past_in_een_id(int(pk))
            except (TypeError, ValueError):
                continue
            if buiten_bereik:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


def _afdruk(waarde):
    """A short fingerprint of a value as the form holds it: ticked rows by their ids, in any order; line breaks
    as the browser sends them (CRLF) or as stored, alike."""
    if isinstance(waarde, (list, QuerySet)):
        tekst = ",".join(sorted(str(rij.pk) for rij in waarde))
    else:
        tekst = str(waarde).replace("\r\n", "\n")
    return hashlib.sha256(tekst.encode()).hexdigest()[:16]


class Vingerafdruk(forms.CharField):
    """What the page showed, sent back with it: never itself a change of the user's, so never a reason to save."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class OverschrijftGeenCollega(forms.ModelForm):
    """A form that does not silently overwrite what a colleague saved after the page was loaded.

    The page carries a fingerprint (`basis`) of each of the model's fields in the form as loaded; a field of the
    form's own (GesprekForm's doelgroep) is not compared. A field the colleague changed since and this user did not
    stays the colleague's; a field both changed is refused, with the colleague's value in `collega` to show beside
    the user's own, which stays in the form. The view reads the instance locked, so no save falls between this
    comparison and its own. A page without a fingerprint (from before it existed) is saved as it was before: over
    whatever is stored.
    """

    basis = Vingerafdruk(required=False)
    CONFLICT = (
        "Een collega heeft dit intussen ook gewijzigd. Vergelijk uw tekst met die van uw collega boven het formulier "
        "en sla opnieuw op."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # As stored now: the view builds the form on the instance it has just read (locked, for a POST). A row's
        # link to its gesprek is added to the fields later, and is nothing the user sees.
        self.opgeslagen = {naam: self.initial.get(naam) for naam in self._meta.fields if naam in self.fields}
        self.initial["basis"] = ".".join(_afdruk(waarde) for waarde in self.opgeslagen.values())
        self.collega = {}

    def door_gebruiker_gewijzigd(self):
        """Whether the user changed anything the page showed, or sent no fingerprint to tell."""
        geladen = self._geladen()
        return geladen is None or [_afdruk(self.cleaned_data.get(naam)) for naam in self.opgeslagen] != geladen

    def _geladen(self):
        basis = self.cleaned_data.get("basis")
        geladen = basis.split(".") if basis else []
        return geladen if len(geladen) == len(self.opgeslagen) else None

    def clean(self):
        cleaned = super().clean()
        geladen = self._geladen()
        # With nothing stored there is nothing to keep: a new gesprek or row, or a row a colleague deleted (see
        # RijenOverschrijvenGeenCollega).
        if geladen is None or self.instance.pk is None:
            return cleaned
        self.data = self.data.copy()
        volgende_basis = []
        for (naam, nu), toen in zip(self.opgeslagen.items(), geladen, strict=True):
            if naam not in cleaned:
                # Refused for its own error: the next try still compares with what the page first showed.
                volgende_basis.append(toen)
                continue
            opgeslagen, eigen = _afdruk(nu), _afdruk(cleaned[naam])
            volgende_basis.append(opgeslagen)
            if opgeslagen in (toen, eigen):
                continue
            if eigen == toen:
                cleaned[naam] = nu
                self._tonen(naam, nu)  # should the page come back for another field
            else:
                self.collega[self.fields[naam].label] = self._als_tekst(naam, nu)
                self.add_error(naam, self.CONFLICT)
        self.data[self.add_prefix("basis")] = ".".join(volgende_basis)
        return cleaned

    def _tonen(self, naam, waarde):
        if isinstance(waarde, list):
            self.data.setlist(self.add_prefix(naam), [str(rij.pk) for rij in waarde])
        else:
            self.data[self.add_prefix(naam)] = waarde

    def _als_tekst(self, naam, waarde):
        veld = self.fields[naam]
        if isinstance(waarde, list):
            return ", ".join(veld.label_from_instance(rij) for rij in waarde) or "(niemand)"
        if isinstance(waarde, datetime.date):
            return date_format(waarde)
        return dict(getattr(veld, "choices", ())).get(waarde, waarde)


class RijenOverschrijvenGeenCollega(forms.BaseInlineFormSet):
    """Rows of OverschrijftGeenCollega forms.

    A row a colleague deleted after the page was loaded stays deleted, unless this user changed it: then it is
    saved as a new row, so nothing they typed is lost.
    """

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.verdwenen = self.is_bound and i < self.initial_form_count() and form.instance.pk is None
        if form.verdwenen:
            # Its id names nothing any more, which is no error of the user's.
            id_veld = self.model._meta.pk.name
            form.fields[id_veld].required = False
            form.data = form.data.copy()
            form.data[form.add_prefix(id_veld)] = ""
        return form

    def _should_delete_form(self, form):
        return super()._should_delete_form(form) or (form.verdwenen and not form.door_gebruiker_gewijzigd())

    def save(self, commit=True):
        gered = [form for form in self.initial_forms if form.verdwenen and not self._should_delete_form(form)]
        return super().save(commit) + [self.save_new(form, commit) for form in gered]

    @property
    def collega(self):
        """What a colleague saved in rows this user changed too: (row number, label, value)."""
        return [
            (nummer, label, waarde)
            for nummer, rij in enumerate(self.forms, start=1)
            for label, waarde in rij.collega.items()
        ]


class GesprekForm(OverschrijftGeenCollega):
    doelgroep = forms.ChoiceField(
        label="Hoe noemt de organisatie de mensen die zij helpt?",
        choices=[(meervoud, meervoud) for meervoud, _ in DOELGROEPEN] + [(ANDERS, "Een ander woord …")],
        help_text="De vragen gebruiken dit woord in plaats van ‘inwoners’.",
    )
    ander_meervoud = forms.CharField(label="Ander woord (meervoud)", required=False, max_length=60)
    ander_enkelvoud = forms.CharField(label="Ander woord (enkelvoud)", required=False, max_length=60)
    aanleiding = forms.ChoiceField(label="Aanleiding")

    class Meta:
        model = Gesprek
        fields = [
            "organisatie",
            "organisatie_type",
            "inspectie",
            "aanleiding",
            "datum",
            "casus_partner",
            "casus_omschrijving",
            "co_inspecteurs",
        ]
        widgets = {
            "datum": Datumkiezer(),
            "casus_omschrijving": forms.Textarea(attrs={"rows": 3}),
            "co_inspecteurs": Vinkjes(leeg="Er zijn (nog) geen andere inspecteurs."),
        }
        field_classes = {"co_inspecteurs": MeerdereKeuzes}
        help_texts = {
            "casus_partner": "De partnerorganisatie in de samenwerking die u als uitgangspunt neemt. "
            "Haar naam staat in de vragen waar de handreiking ‘organisatie D.’ zegt.",
            "casus_omschrijving": "Een specifieke samenwerking of casus voorkomt een ‘gemiddeld’ antwoord.",
            "co_inspecteurs": "Zij kunnen het gesprek zien en er aantekeningen in maken.",
        }

    def __init__(self, *args, user, aanleidingen, **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = [(a, a) for a in aanleidingen]
        if self.instance.aanleiding and self.instance.aanleiding not in aanleidingen:
            keuzes.append((self.instance.aanleiding, self.instance.aanleiding))
        self.fields["aanleiding"].choices = [("", "Kies een aanleiding")] + keuzes + [("Anders", "Anders")]
        # Everyone but the owner: a co-inspecteur who saves this form must find himself ticked, not dropped.
        eigenaar_id = self.instance.eigenaar_id if self.instance.pk else user.pk
        # Only the columns of the label: a whole user is loaded for each of some 200 inspectors.
        self.fields["co_inspecteurs"].queryset = (
            get_user_model()
            .objects.filter(groups__name=INSPECTEURS, is_active=True)
            .exclude(pk=eigenaar_id)
            .only("username", "first_name", "last_name")
        )
        self.fields["co_inspecteurs"].label_from_instance = lambda u: u.get_full_name() or u.username
        bekend = dict(DOELGROEPEN)
        if self.instance.pk:
            if self.instance.doelgroep_meervoud in bekend:
                self.initial["doelgroep"] = self.instance.doelgroep_meervoud
            else:
                self.initial.update(
                    doelgroep=ANDERS,
                    ander_meervoud=self.instance.doelgroep_meervoud,
                    ander_enkelvoud=self.instance.doelgroep_enkelvoud,
                )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("doelgroep") == ANDERS:
            for veld in ("ander_meervoud", "ander_enkelvoud"):
                if not cleaned.get(veld, "").strip():
                    self.add_error(veld, "Vul het woord in dat de organisatie gebruikt, in meervoud en enkelvoud.")
        return cleaned

    def save(self, commit=True):
        gesprek = super().save(commit=False)
        if self.cleaned_data["doelgroep"] == ANDERS:
            gesprek.doelgroep_meervoud = self.cleaned_data["ander_meervoud"].strip()
            gesprek.doelgroep_enkelvoud = self.cleaned_data["ander_enkelvoud"].strip()
        else:
            gesprek.doelgroep_meervoud = self.cleaned_data["doelgroep"]
            gesprek.doelgroep_enkelvoud = dict(DOELGROEPEN)[self.cleaned_data["doelgroep"]]
        if commit:
            gesprek.save()
            self.save_m2m()
        return gesprek


BestuurderFormSet = inlineformset_factory(
    Gesprek,
    Bestuurder,
    form=OverschrijftGeenCollega,
    formset=RijenOverschrijvenGeenCollega,
    fields=["naam", "functie"],
    extra=2,
    can_delete=True,
)

AfspraakFormSet = inlineformset_factory(
    Gesprek,
    Afspraak,
    form=OverschrijftGeenCollega,
    formset=RijenOverschrijvenGeenCollega,
    fields=["wat", "wie", "wanneer"],
    extra=2,
    can_delete=True,
    widgets={
        "wat": forms.Textarea(attrs={"rows": 2}),
        "wanneer": Datumkiezer(),
    },
)


class KaderForm(forms.Form):
    kader = forms.ModelChoiceField(queryset=Kader.objects.gepubliceerd(), label="Kader", empty_label=None)
    # Starting from one element needs the list to exist first: that choice is on the vragenlijst page.
    opzet = forms.ChoiceField(
        choices=[keuze for keuze in Opzet.KEUZES if keuze[0] != Opzet.EEN_ELEMENT],
        label="Beginnen met",
        initial=Opzet.ALLE_KERNVRAGEN,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for the options: the select reads them twice, for its required attribute and to show them.
        kaders = self.fields["kader"]
        kaders.choices = functools.cache(lambda: [(k.pk, kaders.label_from_instance(k)) for k in kaders.queryset])


def _elementen_van(veld, gesprek):
    """Lets a field choose from the elements of the gesprek. The options come from `gesprek.elementen.all()`,
    which the vragenlijst page has prefetched, rather than a query of their own when the field is shown; what
    is sent is still checked against the database."""
    veld.queryset = GesprekElement.objects.filter(gesprek=gesprek)
    veld.choices = lambda: [
        ("", veld.empty_label),
        *((e.pk, veld.label_from_instance(e)) for e in gesprek.elementen.all()),
    ]


class OpzetForm(forms.Form):
    opzet = forms.ChoiceField(choices=Opzet.KEUZES, label="Beginnen met")
    element = forms.ModelChoiceField(queryset=GesprekElement.objects.none(), required=False, label="Element")

    def __init__(self, *args, gesprek, **kwargs):
        super().__init__(*args, **kwargs)
        _elementen_van(self.fields["element"], gesprek)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("opzet") == Opzet.EEN_ELEMENT and not cleaned.get("element"):
            self.add_error("element", "Kies het element waarmee u wilt beginnen.")
        return cleaned


class VragenlijstForm(forms.Form):
    """Which elements, criteria and questions are on the list, and in which order."""

    elementen = MeerdereKeuzes(queryset=GesprekElement.objects.none(), required=False)
    criteria = MeerdereKeuzes(queryset=GesprekCriterium.objects.none(), required=False)
    vragen = MeerdereKeuzes(queryset=GesprekVraag.objects.none(), required=False)

    def __init__(self, *args, gesprek, **kwargs):
        super().__init__(*args, **kwargs)
        self.gesprek = gesprek
        self.fields["elementen"].queryset = GesprekElement.objects.filter(gesprek=gesprek)
        self.fields["criteria"].queryset = GesprekCriterium.objects.filter(element__gesprek=gesprek)
        self.fields["vragen"].queryset = gesprek.vragen.all()

    def clean(self):
        cleaned = super().clean()
        volgorde = {}
        for naam, waarde in self.data.items():
            if not naam.startswith("volgorde-"):
                continue
            try:
                vraag_id, plaats = int(naam.removeprefix("volgorde-")), int(waarde)
            except ValueError:
                raise forms.ValidationError("De volgorde van een vraag moet een heel getal zijn.") from None
            if not 0 <= plaats <= 999:
                raise forms.ValidationError("De volgorde van een vraag moet tussen 0 en 999 liggen.")
            if past_in_een_id(vraag_id):  # any other id is on no list
                volgorde[vraag_id] = plaats
        cleaned["volgorde"] = volgorde
        return cleaned


class EigenVraagForm(forms.Form):
    element = forms.ModelChoiceField(queryset=GesprekElement.objects.none(), label="Bij element")
    tekst = forms.CharField(label="Eigen vraag", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, gesprek, **kwargs):
        super().__init__(*args, **kwargs)
        _elementen_van(self.fields["element"], gesprek)
        self.fields["element"].error_messages["invalid_choice"] = "Kies een element van dit gesprek."


class AantekeningVeld(forms.CharField):
    """Browsers send a textarea's line breaks as CRLF; stored, compared and counted as one character."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class AantekeningForm(forms.Form):
    tekst = AantekeningVeld(required=False, strip=False, max_length=MAX_TEKST)
    observatie = forms.ChoiceField(choices=Observatie.choices, required=False)
    # Saving stores versie + 1, which must still fit the column (PostgreSQL's integer, 2**31 - 1).
    versie = forms.IntegerField(min_value=0, max_value=2**31 - 2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tekst"].error_messages["max_length"] = (
            f"Een aantekening kan ten hoogste {MAX_TEKST:,} tekens bevatten.".replace(",", ".")
        )


class AfrondenForm(OverschrijftGeenCollega):
    class Meta:
        model = Gesprek
        fields = ["samenvatting", "wat_goed_gaat", "ontwikkelkansen"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in fields}
