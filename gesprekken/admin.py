from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .logboek import Wie
from .models import Gebeurtenis, Gesprek, Organisatie


class SplitsenForm(forms.Form):
    naam = forms.CharField(
        label="Naam van de nieuwe organisatie",
        max_length=200,
        error_messages={"required": "Geef de nieuwe organisatie een naam."},
    )
    gesprekken = forms.ModelMultipleChoiceField(
        queryset=Gesprek.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Gesprekken die naar de nieuwe organisatie gaan",
        error_messages={"required": "Kies minstens één gesprek dat naar de nieuwe organisatie gaat."},
    )

    def __init__(self, *args, organisatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gesprekken"].queryset = organisatie.gesprekken.select_related("eigenaar").order_by("datum")
        # Only what tells the gesprekken apart, never what was said in them.
        self.fields["gesprekken"].label_from_instance = lambda g: (
            f"{g.datum:%d-%m-%Y}, {g.get_inspectie_display()}, {g.eigenaar.get_full_name() or g.eigenaar.username}"
        )

    def clean_naam(self):
        naam = " ".join(self.cleaned_data["naam"].split())
        if not naam:
            raise forms.ValidationError("Geef de nieuwe organisatie een naam.")
        return naam


@admin.register(Organisatie)
class OrganisatieAdmin(SimpleHistoryAdmin):
    """Organisations that gesprekken are held with. Two merged that are not one: the action `splitsen`."""

    list_display = ["naam", "plaats", "soort", "kvk_nummer", "aantal_gesprekken"]
    list_filter = ["soort"]
    search_fields = ["naam", "plaats", "=kvk_nummer"]
    fields = ["naam", "soort", "doelgroep_meervoud", "doelgroep_enkelvoud", "plaats", "kvk_nummer"]
    ordering = ["naam", "plaats"]
    actions = ["splitsen"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(aantal=Count("gesprekken"))

    @admin.display(description="gesprekken", ordering="aantal")
    def aantal_gesprekken(self, organisatie):
        return organisatie.aantal

    @admin.action(description="Splitsen: gesprekken naar een nieuwe organisatie", permissions=["change"])
    def splitsen(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Kies precies één organisatie om te splitsen.", messages.ERROR)
            return None
        organisatie = queryset.get()
        form = SplitsenForm(request.POST if "splitsen" in request.POST else None, organisatie=organisatie)
        if form.is_valid():
            nieuw = services.organisatie_splitsen(
                organisatie=organisatie,
                gesprekken=form.cleaned_data["gesprekken"],
                naam=form.cleaned_data["naam"],
                wie=Wie.van(request),
            )
            self.message_user(
                request,
                f"{len(form.cleaned_data['gesprekken'])} gesprek(ken) van {organisatie} horen nu bij {nieuw} "
                f"(nr. {nieuw.pk}). Vul daar zo nodig de plaats in, zodat inspecteurs ze uit elkaar houden.",
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/gesprekken/organisatie/splitsen.html",
            {
                **self.admin_site.each_context(request),
                "title": f"{organisatie} splitsen",
                "organisatie": organisatie,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


class AlleenLezenVoorSuperusers:
    """For a ModelAdmin: superusers may look, nobody may add, change or delete here."""

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


@admin.register(Gebeurtenis)
class GebeurtenisAdmin(AlleenLezenVoorSuperusers, admin.ModelAdmin):
    """The log of access to gesprekken: for superusers to read, for nobody to change."""

    list_display = ["tijdstip", "gebruikersnaam", "actie", "resultaat", "gesprek_nummer", "gesprek", "wat", "ip"]
    list_filter = ["actie", "resultaat", "tijdstip"]
    search_fields = ["gebruikersnaam", "=gesprek_nummer", "gesprek__organisatie__naam", "ip"]
    date_hierarchy = "tijdstip"
    list_select_related = ["gesprek"]
    list_per_page = 100
