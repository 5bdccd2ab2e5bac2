from django.contrib import admin

from .models import Gebeurtenis


@admin.register(Gebeurtenis)
class GebeurtenisAdmin(admin.ModelAdmin):
    """The log of access to gesprekken: for superusers to read, for nobody to change."""

    list_display = ["tijdstip", "gebruikersnaam", "actie", "resultaat", "gesprek_nummer", "gesprek", "wat", "ip"]
    list_filter = ["actie", "resultaat", "tijdstip"]
    search_fields = ["gebruikersnaam", "=gesprek_nummer", "gesprek__organisatie", "ip"]
    date_hierarchy = "tijdstip"
    list_select_related = ["gesprek"]
    list_per_page = 100

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
