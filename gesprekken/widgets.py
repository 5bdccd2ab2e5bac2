import datetime

from django import forms


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
