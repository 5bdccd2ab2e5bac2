from django.apps import AppConfig


class GesprekkenConfig(AppConfig):
    name = "gesprekken"
    verbose_name = "Gesprekken"
