from django.apps import AppConfig
from django.db.models.signals import pre_delete


class GesprekkenConfig(AppConfig):
    name = "gesprekken"
    verbose_name = "Gesprekken"

    def ready(self):
        from .overzicht import stand

        pre_delete.connect(stand.bij_verwijderen, sender=self.get_model("Gesprek"), dispatch_uid="overzicht_stand")
