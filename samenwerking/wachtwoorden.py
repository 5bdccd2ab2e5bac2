"""Password rules beyond Django's own."""

from django.contrib.auth.password_validation import MinimumLengthValidator


class MinimumLengteValidator(MinimumLengthValidator):
    """Django's minimum length, with its error in Dutch.

    Django 5.2 asks its catalogue for "…at least %d characters." where the Dutch catalogue has "…%(min_length)d…",
    so the message would stay English. Its help text does get translated and is left alone.
    """

    def get_error_message(self):
        tekens = "teken" if self.min_length == 1 else "tekens"
        return f"Dit wachtwoord is te kort. Het moet minstens {self.min_length} {tekens} bevatten."
