from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Criterium,
    Doorvraag,
    Element,
    Gespreksaanleiding,
    Gesprekshulp,
    Kader,
    Kwadrant,
    Voorbeeldvraag,
)


class ElementInline(admin.TabularInline):
    model = Element
    extra = 0
    fields = ["nummer", "naam", "is_kernelement", "kern_volgorde"]
    show_change_link = True


class GesprekshulpInline(admin.TabularInline):
    model = Gesprekshulp
    extra = 0
    fields = ["soort", "volgorde", "tekst"]


class GespreksaanleidingInline(admin.TabularInline):
    model = Gespreksaanleiding
    extra = 0
    fields = ["volgorde", "tekst"]


@admin.register(Kader)
class KaderAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "soort", "versie", "status", "gepubliceerd_op"]
    list_filter = ["soort", "status"]
    search_fields = ["titel", "versie"]
    inlines = [ElementInline, GesprekshulpInline, GespreksaanleidingInline]


class KwadrantInline(admin.TabularInline):
    model = Kwadrant
    extra = 0


class CriteriumInline(admin.TabularInline):
    model = Criterium
    extra = 0
    fields = ["nummer", "kwadrant", "tekst"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only the kwadranten of the element being edited make sense here.
        if db_field.name == "kwadrant":
            element_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Kwadrant.objects.filter(element_id=element_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class VoorbeeldvraagInline(admin.TabularInline):
    model = Voorbeeldvraag
    extra = 0
    fields = ["nummer", "tekst", "aantal_doorvragen"]
    readonly_fields = ["aantal_doorvragen"]
    show_change_link = True

    @admin.display(description="doorvragen")
    def aantal_doorvragen(self, obj):
        return obj.doorvragen.count() if obj.pk else 0


@admin.register(Element)
class ElementAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "nummer", "kader", "is_kernelement", "kern_volgorde"]
    list_display_links = ["naam"]
    list_editable = ["nummer", "kern_volgorde"]
    list_filter = ["kader", "is_kernelement"]
    list_select_related = ["kader"]
    search_fields = ["naam", "korte_omschrijving", "inleiding"]
    inlines = [KwadrantInline, CriteriumInline, VoorbeeldvraagInline]


class DoorvraagInline(admin.TabularInline):
    model = Doorvraag
    extra = 0
    fields = ["volgorde", "tekst"]


@admin.register(Voorbeeldvraag)
class VoorbeeldvraagAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "nummer", "tekst", "element"]
    list_filter = ["element__kader", "element"]
    list_select_related = ["element"]
    search_fields = ["tekst", "doorvragen__tekst"]
    filter_horizontal = ["criteria"]
    inlines = [DoorvraagInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "criteria":
            kwargs["queryset"] = Criterium.objects.select_related("element__kader")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Criterium)
class CriteriumAdmin(SimpleHistoryAdmin):
    list_display = ["nummer", "tekst", "element", "kwadrant", "gesteld_in_vragen"]
    list_filter = ["element__kader", "element", "kwadrant"]
    list_select_related = ["element__kader", "kwadrant"]
    search_fields = ["tekst"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("voorbeeldvragen")

    @admin.display(description="bevraagd met voorbeeldvraag")
    def gesteld_in_vragen(self, obj):
        return ", ".join(str(v.nummer) for v in obj.voorbeeldvragen.all()) or "—"


@admin.register(Gesprekshulp)
class GesprekshulpAdmin(SimpleHistoryAdmin):
    list_display = ["tekst", "soort", "volgorde", "kader"]
    list_editable = ["volgorde"]
    list_filter = ["kader", "soort"]
    list_select_related = ["kader"]
    search_fields = ["tekst"]


@admin.register(Gespreksaanleiding)
class GespreksaanleidingAdmin(SimpleHistoryAdmin):
    list_display = ["tekst", "volgorde", "kader"]
    list_editable = ["volgorde"]
    list_filter = ["kader"]
    list_select_related = ["kader"]
    search_fields = ["tekst"]
