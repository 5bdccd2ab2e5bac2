from django.apps import AppConfig


class SamenwerkingConfig(AppConfig):
    """The project package as an app: it connects the login log and holds the backup commands; no models."""

    name = "samenwerking"
    verbose_name = "Samenwerkingsgesprek"

    def ready(self):
        from . import aanmeldlog

        aanmeldlog.verbinden()
