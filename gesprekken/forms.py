import functools

from django import forms
from django.forms import inlineformset_factory

from elementen.models import Instrument, Kader

from . import organisaties
from .collega import OverschrijftGeenCollega, RijenOverschrijvenGeenCollega, _afdruk
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
from .roles import inspecteurs
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


class GesprekForm(OverschrijftGeenCollega):
    # The name as typed, with a list of known organisations under it (static/js/organisaties.js): a known one is
    # found by its name, any other becomes a new organisation when the gesprek is saved (services._met_organisatie).
    organisatie = forms.CharField(
        label="Organisatie",
        max_length=320,
        error_messages={
            "required": "Vul de naam van de organisatie in.",
            "max_length": "Een naam kan ten hoogste 200 tekens bevatten.",
        },
        help_text="Typ een deel van de naam: bekende organisaties verschijnen in een lijst. "
        "Kiest u er een, dan vullen soort en woorden zich in; een nieuwe naam wordt een nieuwe organisatie.",
        widget=forms.TextInput(attrs={"list": "organisatie-suggesties", "autocomplete": "off"}),
    )
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
        self._organisatie_met_collega_vergelijken()
        keuzes = [(a, a) for a in aanleidingen]
        if self.instance.aanleiding and self.instance.aanleiding not in aanleidingen:
            keuzes.append((self.instance.aanleiding, self.instance.aanleiding))
        self.fields["aanleiding"].choices = [("", "Kies een aanleiding")] + keuzes + [("Anders", "Anders")]
        # Everyone but the owner: a co-inspecteur who saves this form must find himself ticked, not dropped.
        eigenaar_id = self.instance.eigenaar_id if self.instance.pk else user.pk
        # Only the columns of the label: a whole user is loaded for each of some 200 inspectors.
        self.fields["co_inspecteurs"].queryset = (
            inspecteurs().exclude(pk=eigenaar_id).only("username", "first_name", "last_name")
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

    def _organisatie_met_collega_vergelijken(self):
        """The organisation is no model field of the form (a name, not an id), yet a colleague's change of it is
        kept or refused as any other: its name joins the fingerprint."""
        geladen = self.instance.organisatie.label if self.instance.organisatie_id else None
        self.initial["organisatie"] = geladen
        self.opgeslagen = {"organisatie": geladen, **self.opgeslagen}
        self.initial["basis"] = ".".join(_afdruk(waarde) for waarde in self.opgeslagen.values())

    def clean_organisatie(self):
        naam = " ".join(self.cleaned_data["organisatie"].split())
        if len(naam) > 200 and not organisaties.met_naam(naam):
            raise forms.ValidationError("Een naam kan ten hoogste 200 tekens bevatten.")
        return naam

    def clean(self):
        cleaned = super().clean()
        naam = cleaned.get("organisatie")
        if naam is not None and naam != self.opgeslagen["organisatie"]:
            if len(organisaties.met_naam(naam)) > 1:
                self.add_error(
                    "organisatie",
                    "Er zijn meer organisaties met deze naam. Kies er een uit de lijst: daar staat de plaats "
                    "of het nummer erbij.",
                )
        if cleaned.get("doelgroep") == ANDERS:
            for veld in ("ander_meervoud", "ander_enkelvoud"):
                if not cleaned.get(veld, "").strip():
                    self.add_error(veld, "Vul het woord in dat de organisatie gebruikt, in meervoud en enkelvoud.")
        return cleaned

    def _doelgroep(self) -> dict:
        if self.cleaned_data["doelgroep"] == ANDERS:
            meervoud = self.cleaned_data["ander_meervoud"].strip()
            enkelvoud = self.cleaned_data["ander_enkelvoud"].strip()
        else:
            meervoud = self.cleaned_data["doelgroep"]
            enkelvoud = dict(DOELGROEPEN)[meervoud]
        return {"doelgroep_meervoud": meervoud, "doelgroep_enkelvoud": enkelvoud}

    def gegevens(self) -> dict:
        """The gesprek's fields, the doelgroep as its two words; who shares it is in cleaned_data["co_inspecteurs"].

        The organisation as the gesprek has it while its name is unchanged, else the name, for the service to find
        or make the organisation."""
        velden = super().gegevens()
        del velden["co_inspecteurs"]
        if velden["organisatie"] == self.opgeslagen["organisatie"]:
            velden["organisatie"] = self.instance.organisatie
        return {**velden, **self._doelgroep()}


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
    kader = forms.ModelChoiceField(queryset=Kader.objects.om_samen_te_stellen(), label="Kader", empty_label=None)
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


class InstrumentForm(forms.Form):
    instrument = forms.ModelChoiceField(queryset=Instrument.objects.none(), label="Instrument")
    element = forms.ModelChoiceField(
        queryset=GesprekElement.objects.none(), label="Bij", required=False, empty_label="Het hele gesprek"
    )

    def __init__(self, *args, gesprek, **kwargs):
        super().__init__(*args, **kwargs)
        instrumenten = self.fields["instrument"]
        instrumenten.queryset = Instrument.objects.filter(kader__in=Kader.objects.gepubliceerd()).select_related(
            "kader"
        )
        instrumenten.error_messages["invalid_choice"] = "Kies een instrument uit de lijst."
        # Grouped by guide; one query, when the field is shown.
        instrumenten.choices = functools.cache(lambda: _per_kader(instrumenten.queryset))
        _elementen_van(self.fields["element"], gesprek)
        self.fields["element"].error_messages["invalid_choice"] = "Kies een element van dit gesprek."
        # Ids of their own: the other forms of the vragenlijst page have a field "element" too.
        instrumenten.widget.attrs.update({"id": "instrument-keuze", "class": "form-select"})
        self.fields["element"].widget.attrs.update({"id": "instrument-element", "class": "form-select"})


def _per_kader(instrumenten):
    groepen = {}
    for instrument in instrumenten.order_by("kader__uitgever", "volgorde"):
        kader = instrument.kader
        # The guides name some instruments alike ("Hoe zit dat bij jou?"); where they stand tells them apart.
        label = f"{instrument} ({instrument.bron})" if instrument.bron else str(instrument)
        groepen.setdefault(f"{kader.uitgever}: {kader.titel}", []).append((instrument.pk, label))
    return [("", "Kies een instrument"), *groepen.items()]


class RijForm(forms.Form):
    naam = forms.CharField(
        label="Naam",
        max_length=200,
        error_messages={
            "required": "Geef de rij een naam, bijvoorbeeld de naam van de samenwerkingspartner.",
            "max_length": "Een naam kan ten hoogste 200 tekens bevatten.",
        },
    )
    onderdeel = forms.IntegerField(min_value=0, max_value=1000, widget=forms.HiddenInput)


class AantekeningVeld(forms.CharField):
    """Browsers send a textarea's line breaks as CRLF; stored, compared and counted as one character."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class AantekeningForm(forms.Form):
    tekst = AantekeningVeld(required=False, strip=False, max_length=MAX_TEKST)
    observatie = forms.ChoiceField(choices=Observatie.choices, required=False)
    # Checked against the field's own scale in the endpoint: only an instrument's field has one.
    keuze = forms.CharField(required=False, max_length=10)
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
