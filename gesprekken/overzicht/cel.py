"""The drill-down of the overview: which gesprekken are behind one cell, and their notes."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from gesprekken.models import Aantekening, GesprekCriterium, GesprekElement, OverzichtStand

from .maten import CRITERIUM, ELEMENT, MATEN, MET_TEKST


class CelFilter(forms.Form):
    """Which cell a drill-down is about: an element or criterion (by bank id, or by name where it is gone)."""

    soort = forms.ChoiceField(choices=[(ELEMENT, "element"), (CRITERIUM, "criterium")])
    maat = forms.ChoiceField(choices=MATEN)
    bron = forms.IntegerField(required=False, min_value=1)
    element = forms.CharField(required=False, max_length=200)
    label = forms.CharField(required=False, max_length=5)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("bron") is None and not cleaned.get("element"):
            raise ValidationError("Kies een element of criterium.")
        if cleaned.get("soort") == CRITERIUM and cleaned.get("bron") is None and not cleaned.get("label"):
            raise ValidationError("Kies een criterium.")
        return cleaned

    def _rijen(self):
        """The gesprek's copies of the chosen element or criterion, as a queryset of that model."""
        waarden = self.cleaned_data
        if waarden["soort"] == ELEMENT:
            rijen = GesprekElement.objects.all()
            if waarden["bron"] is not None:
                return rijen.filter(bron_id=waarden["bron"])
            return rijen.filter(bron__isnull=True, naam=waarden["element"])
        rijen = GesprekCriterium.objects.all()
        if waarden["bron"] is not None:
            return rijen.filter(bron_id=waarden["bron"])
        return rijen.filter(bron__isnull=True, element__naam=waarden["element"], label=waarden["label"])

    def _standen(self):
        """The rows of `stand` the cell counts, as `telling` groups them."""
        waarden = self.cleaned_data
        if waarden["soort"] == ELEMENT:
            rijen = OverzichtStand.objects.filter(criterium__isnull=True)
            if waarden["bron"] is not None:
                return rijen.filter(bron_element_id=waarden["bron"])
            return rijen.filter(bron_element__isnull=True, naam=waarden["element"])
        rijen = OverzichtStand.objects.filter(criterium__isnull=False)
        if waarden["bron"] is not None:
            return rijen.filter(bron_criterium_id=waarden["bron"])
        return rijen.filter(bron_criterium__isnull=True, naam=waarden["element"], label=waarden["label"])

    def gesprekken(self, gesprekken):
        """The gesprekken behind the cell, among those given."""
        rijen = self._standen().filter(**{self.cleaned_data["maat"]: True}).values("gesprek")
        return gesprekken.filter(pk__in=rijen)

    def omschrijving(self) -> tuple[str, str]:
        """(name, criterion text) of the element or criterion, as the newest gesprek holding it wrote it."""
        waarden = self.cleaned_data
        if waarden["soort"] == ELEMENT:
            naam = self._rijen().order_by("-gesprek__datum").values_list("naam", flat=True).first()
            return naam or waarden["element"], ""
        rij = self._rijen().order_by("-element__gesprek__datum").values("element__naam", "label", "tekst").first()
        if not rij:
            return f"{waarden['element']}, criterium {waarden['label']}", ""
        return f"{rij['element__naam']}, criterium {rij['label']}", rij["tekst"]

    def aantekeningen(self, gesprek_ids) -> dict[int, list[Aantekening]]:
        """The non-empty notes behind the cell in these gesprekken (only those the viewer is on), per gesprek."""
        if not gesprek_ids:
            return {}
        waarden = self.cleaned_data
        aantekeningen = Aantekening.objects.filter(gesprek_id__in=gesprek_ids).filter(
            Q(tekst__regex=MET_TEKST) | ~Q(observatie="")
        )
        if waarden["soort"] == ELEMENT:
            aantekeningen = aantekeningen.filter(element__in=self._rijen())
        else:
            aantekeningen = aantekeningen.filter(criterium__in=self._rijen())
        per_gesprek = {}
        for aantekening in aantekeningen.select_related("criterium").order_by(
            "gesprek_id", "criterium__volgorde", "id"
        ):
            per_gesprek.setdefault(aantekening.gesprek_id, []).append(aantekening)
        return per_gesprek
