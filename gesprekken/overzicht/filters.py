"""The filters of the coordinator's overview: period, inspectie, aanleiding, soort organisatie and kader."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError

from gesprekken.models import Inspectie, OrganisatieType
from gesprekken.widgets import Datumkiezer

# The filters on a gesprek's values, besides its date (`van`, `tot`).
WAARDEN = ("inspectie", "aanleiding", "organisatie_type", "kader")


def gefilterd(rijen, parameters: dict):
    """The rows that pass the filters (`OverzichtFilter.als_parameters`): gesprekken, or the overview's stand and
    totals, which carry the gesprek's date and values under the same names."""
    if parameters.get("van"):
        rijen = rijen.filter(datum__gte=parameters["van"])
    if parameters.get("tot"):
        rijen = rijen.filter(datum__lte=parameters["tot"])
    for veld in WAARDEN:
        if parameters.get(veld):
            rijen = rijen.filter(**{f"{veld}_id" if veld == "kader" else veld: parameters[veld]})
    return rijen


def filterkeuzes(gesprekken) -> list[tuple]:
    """(aanleiding, kader_id, kader_titel) as they occur in these gesprekken: the choices of the filter."""
    return list(gesprekken.order_by().values_list("aanleiding", "kader_id", "kader_titel").distinct())


class OverzichtFilter(forms.Form):
    """The filters of the overview. The choices for aanleiding and kader come from the gesprekken in view."""

    van = forms.DateField(label="Van", required=False, widget=Datumkiezer())
    tot = forms.DateField(label="Tot en met", required=False, widget=Datumkiezer())
    inspectie = forms.ChoiceField(label="Inspectie", required=False, choices=[("", "Alle"), *Inspectie.choices])
    aanleiding = forms.ChoiceField(label="Aanleiding", required=False)
    organisatie_type = forms.ChoiceField(
        label="Soort organisatie", required=False, choices=[("", "Alle"), *OrganisatieType.choices]
    )
    kader = forms.TypedChoiceField(label="Kader", required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, combinaties):
        """combinaties: what `filterkeuzes` gives for the gesprekken in view."""
        super().__init__(data)
        aanleidingen = sorted({a for a, _, _ in combinaties if a})
        kaders = sorted({(k, titel) for _, k, titel in combinaties if k is not None}, key=lambda k: k[1])
        self.fields["aanleiding"].choices = [("", "Alle"), *((a, a) for a in aanleidingen)]
        self.fields["kader"].choices = [("", "Alle"), *((str(k), titel) for k, titel in kaders)]

    def clean(self):
        cleaned = super().clean()
        van, tot = cleaned.get("van"), cleaned.get("tot")
        if van and tot and van > tot:
            raise ValidationError("De datum ‘van’ ligt na de datum ‘tot en met’.")
        return cleaned

    def toepassen(self, gesprekken):
        """The gesprekken that pass the valid filters."""
        return gefilterd(gesprekken, self.als_parameters())

    def als_parameters(self) -> dict:
        """The valid filters as query parameters, for links that keep them."""
        parameters = {}
        for naam, waarde in self.cleaned_data.items():
            if isinstance(waarde, datetime.date):
                parameters[naam] = waarde.isoformat()
            elif waarde not in (None, ""):
                parameters[naam] = str(waarde)
        return parameters

    def als_querystring(self) -> str:
        return urlencode(self.als_parameters())

    def omschrijving(self) -> str:
        """The filters in words, for captions and the drill-down's heading."""
        delen = []
        waarden = self.cleaned_data
        if waarden.get("van") or waarden.get("tot"):
            van = f"{waarden['van']:%d-%m-%Y}" if waarden.get("van") else "het begin"
            tot = f"{waarden['tot']:%d-%m-%Y}" if waarden.get("tot") else "nu"
            delen.append(f"van {van} tot en met {tot}")
        for veld in WAARDEN:
            if waarden.get(veld) not in (None, ""):
                keuzes = dict(self.fields[veld].choices)
                delen.append(f"{self.fields[veld].label.lower()}: {keuzes.get(str(waarden[veld]), waarden[veld])}")
        return "; ".join(delen) or "geen filters"
