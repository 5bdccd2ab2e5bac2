"""The filters of the coordinator's overview: period, inspectie, aanleiding, soort organisatie and kader."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError

from gesprekken.models import Inspectie, OrganisatieType
from gesprekken.widgets import Datumkiezer


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
        waarden = self.cleaned_data
        if waarden.get("van"):
            gesprekken = gesprekken.filter(datum__gte=waarden["van"])
        if waarden.get("tot"):
            gesprekken = gesprekken.filter(datum__lte=waarden["tot"])
        for veld in ("inspectie", "aanleiding", "organisatie_type"):
            if waarden.get(veld):
                gesprekken = gesprekken.filter(**{veld: waarden[veld]})
        if waarden.get("kader") is not None:
            gesprekken = gesprekken.filter(kader_id=waarden["kader"])
        return gesprekken

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
        for veld in ("inspectie", "aanleiding", "organisatie_type", "kader"):
            if waarden.get(veld) not in (None, ""):
                keuzes = dict(self.fields[veld].choices)
                delen.append(f"{self.fields[veld].label.lower()}: {keuzes.get(str(waarden[veld]), waarden[veld])}")
        return "; ".join(delen) or "geen filters"
