from django.apps import AppConfig


class SamenwerkingConfig(AppConfig):
    """The project package as an app, only to connect the login log; it has no models."""

    name = "samenwerking"
    verbose_name = "Samenwerkingsgesprek"

    def ready(self):
        from . import aanmeldlog

        aanmeldlog.verbinden()
