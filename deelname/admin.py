from django.contrib import admin

from gesprekken.admin import AlleenLezenVoorSuperusers

from .models import Uitnodiging


@admin.register(Uitnodiging)
class UitnodigingAdmin(AlleenLezenVoorSuperusers, admin.ModelAdmin):
    """For superusers to look up an invitation; changes go through the gesprek's page (and its audit log)."""

    list_display = [
        "naam",
        "email",
        "gesprek",
        "ronde",
        "aangemaakt_op",
        "verloopt_op",
        "ingetrokken_op",
        "ingediend_op",
    ]
    list_filter = ["ronde"]
    search_fields = ["naam", "email"]
    list_select_related = ["gesprek"]
    exclude = ["token_hash"]
