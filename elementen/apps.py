from django.apps import AppConfig


class ElementenConfig(AppConfig):
    name = "elementen"
    verbose_name = "Vragenbank"
