from django.apps import AppConfig


class DeelnameConfig(AppConfig):
    name = "deelname"
    verbose_name = "Deelname van de organisatie"
