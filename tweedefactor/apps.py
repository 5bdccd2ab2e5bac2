from django.apps import AppConfig


class TweedeFactorConfig(AppConfig):
    """The second factor of local accounts, on django-otp's devices; no models of its own."""

    name = "tweedefactor"
    verbose_name = "Tweede factor"
