import datetime

from django import forms
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


class Datumkiezer(forms.DateInput):
    """A date picker whose value is an ISO date or nothing: a browser refuses any other value of
    `type=date`, so a date typed wrongly is not shown back; the form error says what was wrong."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value).isoformat()
            except ValueError:
                return None
        return super().format_value(value)


# The two widgets below render their options in Python, not with Django's templates, one per option: for the 200
# inspectors of the gesprek form and the four buttons of each of some 30 notes on gesprek voeren, those templates
# were a third of the page's time or more. Of the attributes they use only the id and aria-invalid.


class Vinkjes(forms.CheckboxSelectMultiple):
    """Checkboxes one below the other, as Bootstrap lays them out; `leeg` says so when there is nothing to tick.

    A field with errors marks every box invalid (Django passes the errors on as aria-invalid).
    """

    def __init__(self, attrs=None, choices=(), *, leeg):
        super().__init__(attrs, choices)
        self.leeg = leeg

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        ongeldig = attrs.get("aria-invalid") == "true"
        klasse, aria = (" is-invalid", ' aria-invalid="true"') if ongeldig else ("", "")
        gekozen = set(self.format_value(value))
        naam = escape(name)
        vinkjes = []
        for index, (waarde, label) in enumerate(self.choices):
            id_ = escape(self.id_for_label(attrs.get("id"), index))
            vinkt = " checked" if str(waarde) in gekozen else ""
            vinkjes.append(
                '<div class="form-check">\n'
                f'      <input type="checkbox" class="form-check-input{klasse}" name="{naam}" value="{escape(waarde)}"'
                f' id="{id_}"{vinkt}{aria}>\n'
                f'      <label for="{id_}" class="form-check-label">{escape(label)}</label>\n'
                "    </div>"
            )
        if not vinkjes:
            return format_html('<p class="text-body-secondary">{}</p>', self.leeg)
        return mark_safe("\n    ".join(vinkjes))


class Keuzerondjes(forms.RadioSelect):
    """Radio buttons side by side, as Bootstrap lays them out. A button's id is the name and its value, or the
    name and "geen" for the empty value."""

    def render(self, name, value, attrs=None, renderer=None):
        naam = escape(name)
        knoppen = []
        for waarde, label in self.choices:
            id_ = f"{naam}-{escape(waarde) or 'geen'}"
            kies = " checked" if waarde == (value or "") else ""
            knoppen.append(
                '<div class="form-check form-check-inline">\n'
                f'      <input class="form-check-input" type="radio" name="{naam}" id="{id_}" value="{escape(waarde)}"'
                f"{kies}>\n"
                f'      <label class="form-check-label" for="{id_}">{escape(label)}</label>\n'
                "    </div>"
            )
        return mark_safe("\n    ".join(knoppen))
