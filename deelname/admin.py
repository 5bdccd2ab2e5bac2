from django.contrib import admin

from .models import Uitnodiging


@admin.register(Uitnodiging)
class UitnodigingAdmin(admin.ModelAdmin):
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

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
