from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

# django-otp's own admin shows the app's key and its QR code, and adds recovery codes in plain text, which
# would not match: they are stored hashed (tweedefactor/apparaten.py).
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(TOTPDevice, StaticDevice)
class ApparaatAdmin(admin.ModelAdmin):
    """For a superuser whose colleague lost the phone: deleting the devices makes the app be set up anew at the
    next login."""

    list_display = ["user", "name", "confirmed", "last_used_at", "throttling_failure_count"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    fields = ["user", "name", "confirmed", "last_used_at", "throttling_failure_count"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
