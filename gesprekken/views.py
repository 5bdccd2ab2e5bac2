from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from deelname import verificatie
from deelname.forms import UitnodigingForm, VaststellenForm
from elementen.models import Gespreksaanleiding, Kader

from . import afspraken, instrumenten, services, versie_views, zoeken
from .access import gesprek_voor_gebruiker, inspecteur_vereist, weiger_als_vastgesteld
from .forms import (
    AfrondenForm,
    AfspraakFormSet,
    BestuurderFormSet,
    EigenVraagForm,
    GesprekForm,
    InstrumentForm,
    KaderForm,
    OpzetForm,
    VragenlijstForm,
)
from .logboek import Wie
from .models import GROOTSTE_ID, Gesprek, GesprekVraag, Observatie, RapportVersie
from .paginering import pagina_van
from .widgets import Keuzerondjes

PER_PAGINA = 20


def _aanleidingen():
    return list(
        Gespreksaanleiding.objects.filter(kader__in=Kader.objects.gepubliceerd())
        .order_by("kader__soort", "volgorde")
        .values_list("tekst", flat=True)
        .distinct()
    )


@inspecteur_vereist
@require_safe
def mijn_gesprekken(request):
    gesprekken = Gesprek.objects.voor_inspecteur(request.user).select_related("eigenaar")
    zoekvraag = zoeken.zoekvraag_van(request.GET.get("zoek", ""))
    status = request.GET.get("status", "")
    jaar = request.GET.get("jaar", "")
    if status in Gesprek.Status.values:
        gesprekken = gesprekken.filter(status=status)
    if jaar.isascii() and jaar.isdigit() and 1900 <= int(jaar) <= 2200:
        gesprekken = gesprekken.filter(datum__year=int(jaar))
    if zoekvraag.woorden:
        gesprekken = zoeken.gesprekken_met(gesprekken, zoekvraag.woorden)
    jaren = Gesprek.objects.voor_inspecteur(request.user).dates("datum", "year", order="DESC")
    pagina, filters = pagina_van(request, gesprekken, PER_PAGINA)
    # Only of the page's gesprekken, which access has already filtered.
    passages = zoeken.passages_van(pagina.object_list, zoekvraag.woorden)
    for gesprek in pagina:
        gesprek.passages = passages.get(gesprek.pk, [])
    return render(
        request,
        "gesprekken/mijn_gesprekken.html",
        {
            "pagina": pagina,
            "zoek": zoekvraag.tekst,
            "zoekmeldingen": zoekvraag.meldingen,
            "status": status,
            "jaar": jaar,
            "jaren": [d.year for d in jaren],
            "statussen": Gesprek.Status.choices,
            "filters": filters,
        },
    )


@inspecteur_vereist
def gesprek_nieuw(request):
    aanleidingen = _aanleidingen()
    form = GesprekForm(request.POST or None, user=request.user, aanleidingen=aanleidingen)
    bestuurders = BestuurderFormSet(request.POST or None, prefix="bestuurders")
    kader_form = KaderForm(request.POST or None, prefix="kader")
    if request.method == "POST" and form.is_valid() and bestuurders.is_valid() and kader_form.is_valid():
        gesprek = services.gesprek_aanmaken(
            wie=Wie.van(request),
            gegevens=form.gegevens(),
            co_inspecteurs=form.cleaned_data["co_inspecteurs"],
            bestuurders=bestuurders.wijzigingen()[0],
            kader=kader_form.cleaned_data["kader"],
            opzet=kader_form.cleaned_data["opzet"],
        )
        messages.success(request, "Het gesprek is aangemaakt. Stel nu de vragenlijst samen.")
        return redirect("gesprekken:vragenlijst", gesprek.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "gesprekken/gegevens.html",
        {"form": form, "bestuurders": bestuurders, "kader_form": kader_form, "nieuw": True},
        status=status,
    )


@inspecteur_vereist
def gesprek_gegevens(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if request.method != "POST":
        if gesprek.is_vastgesteld:
            return versie_views.vastgesteld(request, gesprek)
        form = GesprekForm(instance=gesprek, user=request.user, aanleidingen=_aanleidingen())
        bestuurders = BestuurderFormSet(instance=gesprek, prefix="bestuurders")
    else:
        # Read again locked, compared with the page (collega.OverschrijftGeenCollega) and saved by the service in
        # one transaction: no colleague's save falls in between.
        with transaction.atomic():
            gesprek = Gesprek.objects.om_te_wijzigen(gesprek.pk)
            if geweigerd := weiger_als_vastgesteld(request, gesprek):
                return geweigerd
            form = GesprekForm(request.POST, instance=gesprek, user=request.user, aanleidingen=_aanleidingen())
            bestuurders = BestuurderFormSet(request.POST, instance=gesprek, prefix="bestuurders")
            if form.is_valid() and bestuurders.is_valid():
                opslaan, verwijderd = bestuurders.wijzigingen()
                services.gegevens_opslaan(
                    gesprek=gesprek,
                    wie=Wie.van(request),
                    gegevens=form.gegevens(),
                    co_inspecteurs=form.cleaned_data["co_inspecteurs"],
                    bestuurders=opslaan,
                    verwijderd=verwijderd,
                )
                messages.success(request, "De gegevens van het gesprek zijn opgeslagen.")
                return redirect("gesprekken:vragenlijst", gesprek.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "gesprekken/gegevens.html",
        {"form": form, "bestuurders": bestuurders, "gesprek": gesprek, "nieuw": False},
        status=status,
    )


@inspecteur_vereist
def vragenlijst(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id, Gesprek.objects.met_vragenlijst())
    if gesprek.is_vastgesteld and request.method != "POST":
        return versie_views.vastgesteld(request, gesprek)
    form = VragenlijstForm(request.POST or None, gesprek=gesprek)
    if request.method == "POST":
        if geweigerd := weiger_als_vastgesteld(request, gesprek):
            return geweigerd
        if form.is_valid():
            services.vragenlijst_keuze_opslaan(gesprek=gesprek, wie=Wie.van(request), **form.cleaned_data)
            messages.success(request, "De vragenlijst is opgeslagen.")
            return redirect("gesprekken:vragenlijst", gesprek.pk)
    return render(
        request,
        "gesprekken/vragenlijst.html",
        {
            "gesprek": gesprek,
            "form": form,
            "opzet_form": OpzetForm(gesprek=gesprek),
            "eigen_vraag_form": EigenVraagForm(gesprek=gesprek),
            "instrument_form": InstrumentForm(gesprek=gesprek),
            "instrumenten": instrumenten.van(gesprek),
            "kader_form": KaderForm(initial={"kader": gesprek.kader_id}, prefix="kader"),
            "heeft_aantekeningen": services.heeft_aantekeningen(gesprek),
            "terugblik_mogelijk": list(afspraken.terugblik_mogelijk(gesprek, request.user)),
            "terugblikken": list(gesprek.terugblikken.select_related("afspraak", "aantekening")),
        },
        status=422 if request.method == "POST" else 200,
    )


@inspecteur_vereist
@require_POST
def vragenlijst_opzet(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    form = OpzetForm(request.POST, gesprek=gesprek)
    if form.is_valid():
        element = form.cleaned_data["element"]
        services.opzet_toepassen(
            gesprek=gesprek,
            wie=Wie.van(request),
            opzet=form.cleaned_data["opzet"],
            element_id=element.pk if element else None,
        )
        messages.success(request, "De vragenlijst begint nu bij de gekozen opzet. Uw eigen vragen zijn bewaard.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("gesprekken:vragenlijst", gesprek.pk)


@inspecteur_vereist
@require_POST
def vragenlijst_kader(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    form = KaderForm(request.POST, prefix="kader")
    if not form.is_valid():
        messages.error(request, "Kies een gepubliceerd kader.")
        return redirect("gesprekken:vragenlijst", gesprek.pk)
    try:
        services.vragenlijst_samenstellen(
            gesprek=gesprek, wie=Wie.van(request), kader=form.cleaned_data["kader"], opzet=form.cleaned_data["opzet"]
        )
    except services.ErStaanAantekeningen:
        messages.error(request, "Er staan al aantekeningen in dit gesprek; het kader kan daarom niet meer wisselen.")
    else:
        messages.success(request, f"De vragenlijst is opnieuw samengesteld uit {form.cleaned_data['kader']}.")
    return redirect("gesprekken:vragenlijst", gesprek.pk)


@inspecteur_vereist
@require_POST
def eigen_vraag_toevoegen(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    form = EigenVraagForm(request.POST, gesprek=gesprek)
    if form.is_valid():
        vraag = services.eigen_vraag_toevoegen(gesprek=gesprek, wie=Wie.van(request), **form.cleaned_data)
        messages.success(request, f"Uw vraag staat bij {vraag.element.naam}.")
        return redirect(reverse("gesprekken:vragenlijst", args=[gesprek.pk]) + f"#element-{vraag.element_id}")
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("gesprekken:vragenlijst", gesprek.pk)


@inspecteur_vereist
@require_POST
def eigen_vraag_verwijderen(request, gesprek_id, vraag_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if geweigerd := weiger_als_vastgesteld(request, gesprek):
        return geweigerd
    vraag = get_object_or_404(gesprek.vragen, pk=vraag_id, soort=GesprekVraag.Soort.EIGEN)
    services.eigen_vraag_verwijderen(gesprek=gesprek, wie=Wie.van(request), vraag=vraag)
    messages.success(request, "Uw eigen vraag is verwijderd.")
    return redirect("gesprekken:vragenlijst", gesprek.pk)


OBSERVATIEKNOPPEN = Keuzerondjes(choices=[("", "Geen"), *Observatie.choices[1:]])


def _aantekeningen_voorbereiden(gesprek):
    """Gives each note its URLs and observation buttons, made here rather than in the template: there two
    reverse() calls and a template per button, for each note, were half the time the page took to render."""
    plaatshouder = str(GROOTSTE_ID)
    opslaan = reverse("gesprekken:aantekening_opslaan", args=[gesprek.pk, plaatshouder])
    geschiedenis = reverse("gesprekken:aantekening_geschiedenis", args=[gesprek.pk, plaatshouder])
    for element in gesprek.elementen.all():
        bij_criteria = [a for c in element.criteria.all() if (a := getattr(c, "aantekening", None))]
        for aantekening in [*element.vrij, *bij_criteria]:
            aantekening.opslaan_url = opslaan.replace(plaatshouder, str(aantekening.pk))
            aantekening.geschiedenis_url = geschiedenis.replace(plaatshouder, str(aantekening.pk))
        for aantekening in bij_criteria:
            aantekening.observatieknoppen = OBSERVATIEKNOPPEN.render(
                f"observatie-{aantekening.pk}", aantekening.observatie
            )
    for instrument in instrumenten.van(gesprek):
        instrument.delen = instrumenten.delen(instrument)
        for deel in instrument.delen:
            knoppen = Keuzerondjes(choices=[("", "Geen keuze"), *deel.keuzes]) if deel.keuzes else None
            for aantekening in instrumenten.aantekeningen_van(deel):
                aantekening.opslaan_url = opslaan.replace(plaatshouder, str(aantekening.pk))
                aantekening.geschiedenis_url = geschiedenis.replace(plaatshouder, str(aantekening.pk))
                if knoppen:
                    aantekening.keuzeknoppen = knoppen.render(f"keuze-{aantekening.pk}", aantekening.keuze)


@inspecteur_vereist
@require_safe
def gesprek_voeren(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id, Gesprek.objects.met_vragenlijst())
    if gesprek.is_vastgesteld:
        return versie_views.vastgesteld(request, gesprek)
    _aantekeningen_voorbereiden(gesprek)
    return render(
        request, "gesprekken/voeren.html", {"gesprek": gesprek, "terugblikken": afspraken.terugblikken_van(gesprek)}
    )


STAP_MELDINGEN = {
    None: "De afronding is opgeslagen.",
    services.Stap.CONCEPT: "Het concept van het rapport is gemaakt (versie {nummer}). U kunt het nu ter verificatie "
    "naar de organisatie sturen, of vaststellen.",
    services.Stap.VASTSTELLEN: "Het rapport is vastgesteld (versie {nummer}). Het PDF-bestand is bewaard en "
    "verandert niet meer.",
}


@inspecteur_vereist
def afronden(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id, Gesprek.objects.select_related("eigenaar"))
    if request.method != "POST":
        if gesprek.is_vastgesteld:
            return versie_views.vastgesteld(request, gesprek)
        form = AfrondenForm(instance=gesprek)
        afspraken = AfspraakFormSet(instance=gesprek, prefix="afspraken")
    else:
        # Read again locked, compared with the page (collega.OverschrijftGeenCollega) and saved by the service in
        # one transaction: no colleague's save falls in between.
        with transaction.atomic():
            gesprek = Gesprek.objects.select_related("eigenaar").om_te_wijzigen(gesprek.pk)
            if geweigerd := weiger_als_vastgesteld(request, gesprek):
                return geweigerd
            form = AfrondenForm(request.POST, instance=gesprek)
            afspraken = AfspraakFormSet(request.POST, instance=gesprek, prefix="afspraken")
            stap = next((s for s in (services.Stap.CONCEPT, services.Stap.VASTSTELLEN) if s in request.POST), None)
            onverwerkt = stap == services.Stap.VASTSTELLEN and verificatie.van(gesprek).onverwerkt
            if onverwerkt:
                form.add_error(
                    None,
                    f"Nog {len(onverwerkt)} opmerking(en) van de organisatie zijn niet verwerkt. Geef bij elke "
                    "opmerking aan of u haar overneemt, en zo niet waarom; stel het rapport daarna vast.",
                )
            if form.is_valid() and afspraken.is_valid():
                opslaan, verwijderd = afspraken.wijzigingen()
                met_bijlage = VaststellenForm(request.POST).is_valid() and "bijlage" in request.POST
                versie = services.afronding_opslaan(
                    gesprek=gesprek,
                    wie=Wie.van(request),
                    gegevens=form.gegevens(),
                    afspraken=opslaan,
                    verwijderd=verwijderd,
                    stap=stap,
                    bijlage=verificatie.bijlage(gesprek) if met_bijlage else None,
                )
                messages.success(request, STAP_MELDINGEN[stap].format(nummer=versie.nummer if versie else ""))
                return redirect("gesprekken:afronden", gesprek.pk)
    context = {
        "gesprek": gesprek,
        "form": form,
        "afspraken": afspraken,
        "verificatie": verificatie.van(gesprek),
        "verificatie_form": UitnodigingForm(prefix="verificatie"),
        "vaststellen_form": VaststellenForm(initial={"bijlage": True}),
        "heeft_versies": RapportVersie.objects.filter(gesprek=gesprek).exists(),
    }
    return render(request, "gesprekken/afronden.html", context, status=422 if request.method == "POST" else 200)


@inspecteur_vereist
@require_POST
def heropenen(request, gesprek_id):
    gesprek = gesprek_voor_gebruiker(request, gesprek_id)
    if gesprek.is_vastgesteld:
        services.gesprek_heropenen(gesprek=gesprek, wie=Wie.van(request))
        messages.success(
            request, "Het gesprek is heropend; u kunt weer wijzigen. De vastgestelde versie blijft zoals zij is."
        )
    return redirect("gesprekken:afronden", gesprek.pk)
