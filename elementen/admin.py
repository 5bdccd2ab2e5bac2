from django import forms
from django.contrib import admin
from django.db.models import Q
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Criterium,
    Doorvraag,
    Element,
    Gespreksaanleiding,
    Gesprekshulp,
    Instrument,
    Item,
    Kader,
    Kwadrant,
    Onderdeel,
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


def _element_met_kader(element):
    """An element as an editor tells it apart from its namesake in the other kader: "1. Leiderschap (leidraad)"."""
    return f"{element} ({element.kader.soort})"


class ElementVanInstrumentFilter(admin.RelatedFieldListFilter):
    def field_choices(self, field, request, model_admin):
        elementen = Element.objects.filter(instrumenten__isnull=False).distinct().select_related("kader")
        elementen = elementen.order_by("kader__soort", "kader__versie", "nummer")
        return [(element.pk, _element_met_kader(element)) for element in elementen]


class OnderdeelInline(admin.TabularInline):
    model = Onderdeel
    extra = 0
    fields = ["volgorde", "titel", "soort", "herhaling"]
    show_change_link = True


@admin.register(Instrument)
class InstrumentAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "code", "kader", "vorm", "moment", "invuller", "volgorde"]
    list_display_links = ["titel"]
    list_editable = ["volgorde"]
    list_filter = [
        ("kader", admin.RelatedOnlyFieldListFilter),
        "vorm",
        "moment",
        "invuller",
        ("elementen", ElementVanInstrumentFilter),
    ]
    list_select_related = ["kader"]
    search_fields = ["titel", "doel", "toelichting", "onderdelen__items__tekst"]
    ordering = ["kader", "volgorde", "id"]
    filter_horizontal = ["elementen"]
    inlines = [OnderdeelInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "elementen":
            # The elements an inspector reads, and those the instrument already serves, so that saving keeps them.
            instrument_id = request.resolver_match.kwargs.get("object_id")
            gelezen = Q(
                kader__status=Kader.Status.GEPUBLICEERD,
                kader__soort__in=[Kader.Soort.HANDREIKING, Kader.Soort.LEIDRAAD],
            )
            kwargs["queryset"] = (
                Element.objects.filter(gelezen | Q(instrumenten=instrument_id) if instrument_id else gelezen)
                .distinct()
                .select_related("kader")
            )
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "elementen":
            formfield.label_from_instance = _element_met_kader
        return formfield


class ItemInline(admin.TabularInline):
    model = Item
    fk_name = "onderdeel"
    extra = 0
    fields = ["soort", "volgorde", "tekst", "hoofditem"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A doorvraag follows up a question of the onderdeel being edited.
        if db_field.name == "hoofditem":
            onderdeel_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Item.objects.filter(onderdeel_id=onderdeel_id, soort=Item.Soort.VRAAG)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Onderdeel)
class OnderdeelAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "soort", "herhaling", "volgorde", "instrument"]
    list_filter = [("instrument__kader", admin.RelatedOnlyFieldListFilter), "soort"]
    list_select_related = ["instrument"]
    search_fields = ["titel", "tekst", "items__tekst"]
    inlines = [ItemInline]


class ItemForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        onderdeel, hoofditem = cleaned_data.get("onderdeel"), cleaned_data.get("hoofditem")
        if hoofditem and onderdeel and hoofditem.onderdeel_id != onderdeel.pk:
            self.add_error("hoofditem", "Kies een vraag van hetzelfde onderdeel.")
        return cleaned_data


@admin.register(Item)
class ItemAdmin(SimpleHistoryAdmin):
    form = ItemForm
    list_display = ["tekst", "soort", "volgorde", "onderdeel"]
    list_filter = [("onderdeel__instrument__kader", admin.RelatedOnlyFieldListFilter), "soort"]
    list_select_related = ["onderdeel__instrument"]
    search_fields = ["tekst"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "onderdeel":
            kwargs["queryset"] = Onderdeel.objects.select_related("instrument")
        if db_field.name == "hoofditem":
            item_id = request.resolver_match.kwargs.get("object_id")
            vragen = Item.objects.filter(soort=Item.Soort.VRAAG)
            kwargs["queryset"] = vragen.filter(onderdeel__items=item_id).exclude(pk=item_id) if item_id else vragen
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
