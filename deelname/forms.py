from django import forms

from gesprekken.forms import MAX_TEKST, AantekeningVeld

from .models import Opmerking


class UitnodigingForm(forms.Form):
    MAILEN, TONEN = "mailen", "tonen"

    naam = forms.CharField(label="Naam", max_length=200)
    email = forms.EmailField(label="E-mailadres", max_length=254)
    rol = forms.CharField(label="Rol of functie", max_length=200, required=False)
    versturen = forms.ChoiceField(
        label="Hoe gaat de link naar de contactpersoon?",
        choices=[(MAILEN, "Per e-mail versturen"), (TONEN, "Alleen tonen, ik kopieer hem zelf")],
        initial=MAILEN,
        widget=forms.RadioSelect,
    )

    @property
    def per_mail(self):
        return self.cleaned_data["versturen"] == self.MAILEN


class NieuweLinkForm(forms.Form):
    versturen = forms.ChoiceField(choices=UitnodigingForm.base_fields["versturen"].choices)


class OnderwerpenForm(forms.Form):
    """The questions and instruments the organisation answers in advance; the choices come from the gesprek."""

    vragen = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label="Vragen uit de vragenlijst"
    )
    instrumenten = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label="Instrumenten"
    )

    def __init__(self, *args, vragen, instrumenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vragen"].queryset = vragen
        self.fields["instrumenten"].queryset = instrumenten
        self.fields["vragen"].label_from_instance = lambda vraag: vraag.tekst
        self.fields["instrumenten"].label_from_instance = str


class AntwoordForm(forms.Form):
    tekst = AantekeningVeld(required=False, strip=False, max_length=MAX_TEKST)
    keuze = forms.CharField(required=False, max_length=10)
    versie = forms.IntegerField(min_value=0, max_value=2**31 - 2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tekst"].error_messages["max_length"] = (
            f"Een antwoord kan ten hoogste {MAX_TEKST:,} tekens bevatten.".replace(",", ".")
        )


class InRapportForm(forms.Form):
    in_rapport = forms.BooleanField(required=False)


class OpmerkingForm(forms.Form):
    tekst = AantekeningVeld(required=False, strip=False, max_length=MAX_TEKST)
    versie = forms.IntegerField(min_value=0, max_value=2**31 - 2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tekst"].error_messages["max_length"] = (
            f"Een opmerking kan ten hoogste {MAX_TEKST:,} tekens bevatten.".replace(",", ".")
        )


class VerwerkingForm(forms.Form):
    """How the inspector handled a remark of the organisation: a reason is needed when it is not taken over."""

    verwerking = forms.ChoiceField(label="Verwerking", choices=Opmerking.Verwerking.choices, widget=forms.RadioSelect)
    reden = forms.CharField(label="Reden", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        gegevens = super().clean()
        if (
            gegevens.get("verwerking") == Opmerking.Verwerking.NIET_OVERGENOMEN
            and not gegevens.get("reden", "").strip()
        ):
            self.add_error("reden", "Geef de reden waarom u deze opmerking niet overneemt.")
        return gegevens


class VaststellenForm(forms.Form):
    bijlage = forms.BooleanField(
        label="De opmerkingen van de organisatie en hun verwerking als bijlage in het rapport opnemen", required=False
    )
