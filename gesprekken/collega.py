"""Two inspectors on one form: a save never silently overwrites what a colleague saved after the page was loaded.

Each form carries a fingerprint (`basis`) of its model fields as loaded; on a POST, `OverschrijftGeenCollega`
keeps what only the colleague changed, refuses what both changed, and `RijenOverschrijvenGeenCollega` does the
same for inline rows, including a row the colleague deleted. The behaviour is described in `gesprekken/README.md`
(*Twee inspecteurs op één formulier*).

This module leaves Django's public API, which is why it stands on its own: it overrides the private
`BaseFormSet._construct_form` and `BaseFormSet._should_delete_form`, and it replaces `form.data` (a copy of the
POST) inside `clean()` and `_construct_form` so that the page re-rendered after an error shows the merged values.
See *Waar we van Django's pad afwijken* in the top-level README; `tests/gesprekken/test_django_privaat.py`
fails the day Django changes what this relies on.
"""

import datetime
import hashlib

from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format


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

    def gegevens(self) -> dict:
        """The model's fields as the user leaves them, a colleague's changes merged in: what a service writes."""
        return {naam: self.cleaned_data[naam] for naam in self.opgeslagen}

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

    def wijzigingen(self):
        """What saving the rows would write, unwritten, for a service to write: (rows to save, rows to delete)."""
        return self.save(commit=False), list(self.deleted_objects)

    @property
    def collega(self):
        """What a colleague saved in rows this user changed too: (row number, label, value)."""
        return [
            (nummer, label, waarde)
            for nummer, rij in enumerate(self.forms, start=1)
            for label, waarde in rij.collega.items()
        ]
