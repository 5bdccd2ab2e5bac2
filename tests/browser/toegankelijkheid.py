"""The pages of the app, for the accessibility checks of issue 6: derived from the URL patterns.

Every URL of the project is either a page (PAGINAS says how to visit it: as whom, with which data, in which
states) or listed in GEEN_PAGINA with the reason it is not one (a PDF, CSV, DOCX or JSON download, a POST-only
endpoint, a redirect). A URL in neither fails the checks, so a new page is checked the moment it exists.

Admin URLs have one entry per kind of admin page: "admin:elementen_*_change" is every model of the bank.
The error pages are visited through the URLs that give them; the ones no URL gives on request (500, 400,
the lock-out page) are rendered from their templates and served to the browser as they are.

Used by tests/browser/test_toegankelijkheid.py (axe-core in Chromium) and
tests/samenwerking/test_html_geldig.py (the Nu HTML Checker on the HTML the server sends).
"""

import fnmatch
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from elementen.models import Kader
from gesprekken import services
from gesprekken.logboek import Wie
from gesprekken.models import Aantekening, Afspraak, Gesprek, Observatie
from samenwerking.forms import InlogForm
from tests import factories, instrumentgids
from tests.gesprekken.builders import gegevens_post

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.0 and 2.1, levels A and AA: what the Besluit digitale toegankelijkheid overheid asks.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

ANONIEM, INSPECTEUR, BEHEERDER = "anoniem", "inspecteur", "beheerder"


@dataclass
class Bezoek:
    """One page in one state, as one role sees it."""

    naam: str  # the URL name (or for an error page, what it is)
    rol: str
    pad: str
    omschrijving: str = ""
    status: int = 200
    # Sends this form (wrong on purpose) from the page at `pad`, to check the page that shows the errors.
    post: list[tuple[str, str]] | None = None
    # Follows the first link on the page at `pad` whose address starts with this.
    via_link: str | None = None
    # Not served by any URL on request: this HTML is served at `pad` instead.
    sjabloon_html: str | None = None

    @property
    def titel(self) -> str:
        return f"{self.naam} ({self.rol}{', ' + self.omschrijving if self.omschrijving else ''})"


@dataclass
class Gegevens:
    """What the pages show: the bank, an inspecteur with a gesprek in each state, a beheerder."""

    handreiking: Kader
    leidraad: Kader
    inspecteur: object
    collega: object
    beheerder: object
    voorbereiding: Gesprek
    gevoerd: Gesprek
    afgerond: Gesprek
    gebruikers: dict = field(default_factory=dict)


def gegevens_maken(handreiking: Kader) -> Gegevens:
    inspecteur = factories.inspecteur("olga", "Olga", "Eigenaar")
    collega = factories.inspecteur("cas", "Cas", "Collega")
    beheerder = factories.beheerder("beheer")
    leidraad = Kader.objects.exclude(pk=handreiking.pk).get(soort=Kader.Soort.LEIDRAAD)
    voorbereiding = factories.gesprek(eigenaar=inspecteur, kader=handreiking, organisatie="Stichting Voorbereid")
    gevoerd = factories.gesprek(
        eigenaar=inspecteur, kader=handreiking, co_inspecteurs=[collega], organisatie="Zorggroep De Linde"
    )
    afgerond = factories.gesprek(eigenaar=inspecteur, kader=leidraad, organisatie="Gemeente Afgerond")
    gids = instrumentgids.maak(elementen=handreiking.elementen.filter(nummer=2))
    for gesprek in (gevoerd, afgerond):
        _instrumenten_invullen(gesprek, inspecteur, gids)
    for gesprek in (gevoerd, afgerond):
        element = gesprek.elementen.filter(is_kernelement=True).first()
        services.eigen_vraag_toevoegen(
            gesprek=gesprek, wie=Wie(inspecteur), element=element, tekst="Hoe is de samenwerking gefinancierd?"
        )
        observaties = [Observatie.STERK_PUNT, Observatie.ONTWIKKELPUNT, Observatie.NIET_BESPROKEN, ""]
        aantekeningen = Aantekening.objects.filter(gesprek=gesprek).order_by("pk")[:4]
        for aantekening, observatie in zip(aantekeningen, observaties, strict=False):
            services.aantekening_opslaan(
                aantekening=aantekening,
                tekst="Een lange aantekening zonder spaties: samenwerkingsovereenkomstenbeleidsvoorbereiding.\n"
                "En een tweede regel.",
                observatie=observatie,
                versie=aantekening.versie,
                wie=Wie(inspecteur),
            )
        services.afronding_opslaan(
            gesprek=gesprek,
            wie=Wie(inspecteur),
            gegevens={"samenvatting": "Een open gesprek over de samenwerking met Wijkteam Oost."},
            afspraken=[Afspraak(wat="Evaluatie delen", wie="Mevr. J. de Boer")],
        )
    # A concept first, then a different summary in the final version: two versions to compare.
    services.concept_maken(gesprek=afgerond, wie=Wie(inspecteur))
    services.afronding_opslaan(
        gesprek=afgerond, wie=Wie(inspecteur), gegevens={"samenvatting": "Na verificatie aangepast."}
    )
    services.vaststellen(gesprek=afgerond, wie=Wie(inspecteur))
    # The afspraak of the afgeronde gesprek on the agenda of the gevoerde: its terugblik in voeren and vragenlijst.
    services.terugblik_agenderen(gesprek=gevoerd, wie=Wie(inspecteur), afspraken=afgerond.afspraken.all())
    # One historical version of every bank row an admin page shows (loading a fixture writes no history).
    for model in admin.site._registry:
        if hasattr(model, "history") and (eerste := model._default_manager.order_by("pk").first()):
            eerste.save()
    return Gegevens(
        handreiking=handreiking,
        leidraad=leidraad,
        inspecteur=inspecteur,
        collega=collega,
        beheerder=beheerder,
        voorbereiding=voorbereiding,
        gevoerd=gevoerd,
        afgerond=afgerond,
        gebruikers={ANONIEM: None, INSPECTEUR: inspecteur, BEHEERDER: beheerder},
    )


def _instrumenten_invullen(gesprek, inspecteur, gids):
    """Every shape of instrument, under an element and for the whole gesprek, some of it filled in."""
    wie = Wie(inspecteur)
    element = gesprek.elementen.filter(is_kernelement=True).first()
    for nummer, instrument in enumerate(gids.values()):
        toegevoegd = services.instrument_toevoegen(
            gesprek=gesprek, wie=wie, instrument=instrument, element=element if nummer % 2 else None
        )
        for aantekening in Aantekening.objects.filter(veld__instrument=toegevoegd).order_by("pk")[:1]:
            keuzes = aantekening.veld.keuzes()
            services.aantekening_opslaan(
                aantekening=aantekening,
                tekst="Ingevuld bij het instrument.",
                observatie="",
                keuze=keuzes[0][0] if keuzes else "",
                versie=aantekening.versie,
                wie=wie,
            )


# --- The pages -----------------------------------------------------------------------------------------


def _g(naam, gesprek):
    return reverse(f"gesprekken:{naam}", args=[gesprek.pk])


def _met_tekst(gesprek):
    return Aantekening.objects.filter(gesprek=gesprek).exclude(tekst="").order_by("pk").first()


def _gegevens_fout():
    """The form for a gesprek's details without an organisation's name: the error summary shows."""
    return list(gegevens_post(organisatie="").items())


def _afronden_fout():
    return [
        ("samenvatting", "Kort."),
        ("afspraken-TOTAL_FORMS", "1"),
        ("afspraken-INITIAL_FORMS", "0"),
        ("afspraken-MIN_NUM_FORMS", "0"),
        ("afspraken-MAX_NUM_FORMS", "1000"),
        ("afspraken-0-wat", "Evaluatie delen"),
        ("afspraken-0-wanneer", "volgend voorjaar"),
    ]


def _admin_model(naam):
    for model in admin.site._registry:
        if naam.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
            return model
    raise AssertionError(f"{naam}: geen model in admin")


def _admin_object(naam):
    return _admin_model(naam)._default_manager.order_by("pk").first()


def _admin(soort):
    """Visits to one kind of admin page of a bank model, as the beheerder."""

    def bezoeken(g: Gegevens, naam: str) -> list[Bezoek]:
        model = _admin_model(naam)
        obj = _admin_object(naam)
        if soort == "changelist":
            bezoeken = [Bezoek(naam, BEHEERDER, reverse(naam))]
            if model is _eerste_zonder_inlines():
                bezoeken.append(Bezoek(naam, BEHEERDER, reverse(naam) + "?q=zzz", "niets gevonden"))
            return bezoeken
        if soort == "add":
            bezoeken = [Bezoek(naam, BEHEERDER, reverse(naam))]
            if model is _eerste_zonder_inlines():
                bezoeken.append(Bezoek(naam, BEHEERDER, reverse(naam), "met fouten", post=[("_save", "Opslaan")]))
            return bezoeken
        if soort == "simple_history":
            versie = obj.history.order_by("-history_id").first()
            return [Bezoek(naam, BEHEERDER, reverse(naam, args=[obj.pk, versie.history_id]))]
        return [Bezoek(naam, BEHEERDER, reverse(naam, args=[obj.pk]))]

    return bezoeken


def _eerste_zonder_inlines():
    return next(m for m, ma in admin.site._registry.items() if m._meta.app_label == "elementen" and not ma.inlines)


def _tweede_factor_verifieren(g, naam):
    """The code page, as the beheerder sees it once the app is set up."""
    TOTPDevice.objects.get_or_create(user=g.beheerder, name="Authenticator-app")
    return [
        Bezoek(naam, BEHEERDER, reverse(naam)),
        Bezoek(naam, BEHEERDER, reverse(naam), "met fouten", status=422, post=[("code", "000000")]),
    ]


PAGINAS: dict[str, Callable[[Gegevens, str], list[Bezoek]]] = {
    "login": lambda g, n: [
        Bezoek(n, ANONIEM, reverse(n)),
        Bezoek(n, ANONIEM, reverse(n), "met fouten", post=[("username", "niemand"), ("password", "fout")]),
        # As with OIDC_RP_CLIENT_ID set: the identity provider's button above the form.
        Bezoek(
            n,
            ANONIEM,
            "/__sjabloon__/inloggen-oidc/",
            "met de knop van de identity provider",
            sjabloon_html=_sjabloon(
                "registration/login.html", form=InlogForm(), oidc_naam="Test-IdP", lokaal_inloggen=True
            ),
        ),
    ],
    "tweede_factor:instellen": lambda g, n: [
        Bezoek(n, INSPECTEUR, reverse(n)),
        Bezoek(n, INSPECTEUR, reverse(n), "met fouten", status=422, post=[("code", "000000")]),
        Bezoek(
            n,
            INSPECTEUR,
            "/__sjabloon__/herstelcodes/",
            "herstelcodes, na het instellen",
            sjabloon_html=_sjabloon(
                "registration/tweede_factor_herstelcodes.html", codes=["abcd-efgh-ijkl-mnop"] * 10, verder="/"
            ),
        ),
    ],
    "tweede_factor:verifieren": _tweede_factor_verifieren,
    "oidc_mislukt": lambda g, n: [Bezoek(n, ANONIEM, reverse(n))],
    "oidc_geen_rol": lambda g, n: [Bezoek(n, ANONIEM, reverse(n))],
    "toegankelijkheid": lambda g, n: [Bezoek(n, ANONIEM, reverse(n)), Bezoek(n, INSPECTEUR, reverse(n))],
    "elementen:handreiking": lambda g, n: [Bezoek(n, INSPECTEUR, reverse(n), "handreiking")],
    "elementen:kader": lambda g, n: [Bezoek(n, INSPECTEUR, reverse(n, args=[g.leidraad.pk]), "leidraad")],
    "elementen:instrumenten": lambda g, n: [
        Bezoek(n, INSPECTEUR, reverse(n), "per bron"),
        Bezoek(n, INSPECTEUR, reverse(n) + "?indeling=element", "per element"),
    ],
    "gesprekken:mijn_gesprekken": lambda g, n: [
        Bezoek(n, INSPECTEUR, reverse(n)),
        Bezoek(n, INSPECTEUR, reverse(n) + "?zoek=niets", "niets gevonden"),
        Bezoek(n, INSPECTEUR, reverse(n) + "?zoek=samenwerking+gefinancierd", "met gemarkeerde passages"),
    ],
    "gesprekken:nieuw": lambda g, n: [
        Bezoek(n, INSPECTEUR, reverse(n)),
        Bezoek(n, INSPECTEUR, reverse(n), "met fouten", status=422, post=_gegevens_fout()),
    ],
    "gesprekken:gegevens": lambda g, n: [
        Bezoek(n, INSPECTEUR, _g("gegevens", g.gevoerd)),
        Bezoek(n, INSPECTEUR, _g("gegevens", g.gevoerd), "met fouten", status=422, post=_gegevens_fout()),
        Bezoek(n, INSPECTEUR, _g("gegevens", g.afgerond), "afgerond"),
    ],
    "gesprekken:vragenlijst": lambda g, n: [
        Bezoek(n, INSPECTEUR, _g("vragenlijst", g.voorbereiding), "voorbereiding"),
        Bezoek(n, INSPECTEUR, _g("vragenlijst", g.gevoerd), "gevoerd"),
        Bezoek(n, INSPECTEUR, _g("vragenlijst", g.afgerond), "afgerond"),
        Bezoek(
            n,
            INSPECTEUR,
            _g("vragenlijst", g.voorbereiding),
            "met fouten",
            status=422,
            post=[(f"volgorde-{g.voorbereiding.vragen.order_by('pk').first().pk}", "eerst")],
        ),
    ],
    "gesprekken:voeren": lambda g, n: [
        Bezoek(n, INSPECTEUR, _g("voeren", g.gevoerd), "gevoerd"),
        Bezoek(n, INSPECTEUR, _g("voeren", g.afgerond), "afgerond"),
    ],
    "gesprekken:aantekening_geschiedenis": lambda g, n: [
        Bezoek(n, INSPECTEUR, reverse(n, args=[g.gevoerd.pk, _met_tekst(g.gevoerd).pk]), "gevoerd"),
        Bezoek(n, INSPECTEUR, reverse(n, args=[g.afgerond.pk, _met_tekst(g.afgerond).pk]), "afgerond"),
    ],
    "deelname:uitnodigingen": lambda g, n: [
        Bezoek(n, INSPECTEUR, reverse(n, args=[g.gevoerd.pk]), "gevoerd"),
        Bezoek(n, INSPECTEUR, reverse(n, args=[g.afgerond.pk]), "afgerond"),
    ],
    "gesprekken:afronden": lambda g, n: [
        Bezoek(n, INSPECTEUR, _g("afronden", g.gevoerd), "gevoerd"),
        Bezoek(n, INSPECTEUR, _g("afronden", g.gevoerd), "met fouten", status=422, post=_afronden_fout()),
        Bezoek(n, INSPECTEUR, _g("afronden", g.afgerond), "afgerond"),
    ],
    "gesprekken:versies": lambda g, n: [Bezoek(n, INSPECTEUR, reverse(n, args=[g.afgerond.pk]))],
    "gesprekken:versie": lambda g, n: [Bezoek(n, INSPECTEUR, reverse(n, args=[g.afgerond.pk, 1]), "concept")],
    "gesprekken:vergelijken": lambda g, n: [
        Bezoek(n, INSPECTEUR, reverse(n, args=[g.afgerond.pk]) + "?van=1&naar=2", "met verschillen"),
        Bezoek(n, INSPECTEUR, reverse(n, args=[g.afgerond.pk]) + "?van=1&naar=1", "met fouten", status=422),
    ],
    "gesprekken:overzicht": lambda g, n: [
        Bezoek(n, INSPECTEUR, reverse(n)),
        Bezoek(n, INSPECTEUR, reverse(n) + "?van=gisteren", "met fouten", status=400),
    ],
    "gesprekken:overzicht_lijst": lambda g, n: [
        Bezoek(n, INSPECTEUR, reverse("gesprekken:overzicht"), "via het overzicht", via_link=reverse(n)),
    ],
    # Django admin, as the vragenbank-beheerder uses it.
    "admin:index": lambda g, n: [Bezoek(n, BEHEERDER, reverse(n))],
    "admin:app_list": lambda g, n: [Bezoek(n, BEHEERDER, reverse(n, kwargs={"app_label": "elementen"}))],
    "admin:login": lambda g, n: [Bezoek(n, ANONIEM, reverse(n))],
    "admin:password_change": lambda g, n: [Bezoek(n, BEHEERDER, reverse(n))],
    "admin:password_change_done": lambda g, n: [Bezoek(n, BEHEERDER, reverse(n))],
    "admin:elementen_*_changelist": _admin("changelist"),
    "admin:elementen_*_add": _admin("add"),
    "admin:elementen_*_change": _admin("change"),
    "admin:elementen_*_delete": _admin("delete"),
    # Before "_history", which its wildcard would match too.
    "admin:elementen_*_simple_history": _admin("simple_history"),
    "admin:elementen_*_history": _admin("history"),
    "gesprekken:mijn_afspraken": lambda g, n: [Bezoek(n, INSPECTEUR, reverse(n))],
    "organisaties:organisatie": lambda g, n: [
        Bezoek(n, INSPECTEUR, reverse(n, args=[g.gevoerd.organisatie_id]), "met een gesprek van de collega"),
    ],
    "admin:gesprekken_organisatie_changelist": lambda g, n: [
        *_admin("changelist")(g, n),
        Bezoek(
            n,
            BEHEERDER,
            reverse(n),
            "splitsen",
            post=[("action", "splitsen"), ("_selected_action", str(g.gevoerd.organisatie_id))],
        ),
    ],
    "admin:gesprekken_organisatie_add": _admin("add"),
    "admin:gesprekken_organisatie_change": _admin("change"),
    "admin:gesprekken_organisatie_delete": _admin("delete"),
    "admin:gesprekken_organisatie_simple_history": _admin("simple_history"),
    "admin:gesprekken_organisatie_history": _admin("history"),
}

DOWNLOAD = "een download, geen pagina"
ALLEEN_POST = "alleen POST: stuurt door naar een pagina"
GEEN_PAGINA = {
    "start": "stuurt door naar de pagina van de rol",
    "deelname:openen": "stuurt met een geldige link door naar deelname:pagina; de weigeringen: axe in "
    "tests/browser/test_deelname_journey.py, vnu in tests/deelname/test_html_geldig.py",
    "deelname:pagina": "alleen met een geopende link in de sessie: axe in tests/browser/test_deelname_journey.py, "
    "vnu in tests/deelname/test_html_geldig.py",
    "deelname:opslaan": "alleen POST, antwoordt met JSON aan static/js/autosave.js",
    "deelname:indienen": ALLEEN_POST,
    "deelname:rij_toevoegen": ALLEEN_POST,
    "deelname:uitnodigen": "toont de link of de fouten: axe en vnu in tests/browser/test_deelname_journey.py en "
    "tests/deelname/test_html_geldig.py",
    "deelname:nieuwe_link": "toont de link: zoals deelname:uitnodigen",
    "deelname:onderwerpen": ALLEEN_POST,
    "deelname:intrekken": ALLEEN_POST,
    "deelname:in_rapport": ALLEEN_POST,
    "deelname:verificatie": "alleen met een geopende link in de sessie: axe in "
    "tests/browser/test_deelname_journey.py, vnu in tests/deelname/test_html_geldig.py",
    "deelname:concept_pdf": f"PDF, {DOWNLOAD}",
    "deelname:opmerking_opslaan": "alleen POST, antwoordt met JSON aan static/js/autosave.js",
    "deelname:verificatie_sturen": "toont de link: zoals deelname:uitnodigen",
    "deelname:opmerking_verwerken": ALLEEN_POST,
    "gesprekken:versie_pdf": f"PDF, {DOWNLOAD}",
    "logout": ALLEEN_POST,
    "oidc_authentication_init": "stuurt door naar de identity provider",
    "oidc_authentication_callback": "stuurt door naar de startpagina of naar oidc_mislukt of oidc_geen_rol",
    "oidc_logout": ALLEEN_POST,
    "gesprekken:vragenlijst_opzet": ALLEEN_POST,
    "gesprekken:vragenlijst_kader": ALLEEN_POST,
    "gesprekken:eigen_vraag_toevoegen": ALLEEN_POST,
    "gesprekken:eigen_vraag_verwijderen": ALLEEN_POST,
    "gesprekken:instrument_toevoegen": ALLEEN_POST,
    "gesprekken:instrument_verwijderen": ALLEEN_POST,
    "gesprekken:instrument_rij_toevoegen": ALLEEN_POST,
    "gesprekken:instrument_rij_verwijderen": ALLEEN_POST,
    "gesprekken:heropenen": ALLEEN_POST,
    "gesprekken:versie_terugzetten": ALLEEN_POST,
    "gesprekken:aantekening_opslaan": "alleen POST, antwoordt met JSON aan static/js/autosave.js",
    "gesprekken:vragenlijst_pdf": f"PDF, {DOWNLOAD}",
    "gesprekken:rapport_pdf": f"PDF, {DOWNLOAD} (PDF/UA: tests/gesprekken/test_rapport_toegankelijk.py)",
    "gesprekken:overzicht_csv": f"CSV, {DOWNLOAD}",
    "gesprekken:rapport_docx": f"DOCX, {DOWNLOAD}",
    "gesprekken:gesprek_json": f"JSON, {DOWNLOAD}",
    "gezondheid": "JSON voor de load balancer",
    "service_worker": "JavaScript: de service worker (samenwerking/offline.py)",
    "offline_verbinding": "JSON voor static/js/autosave.js, voordat het versturen van wat wachtte",
    "organisaties:suggesties": "JSON voor static/js/organisaties.js",
    "gesprekken:afspraken_ics": f"iCalendar, {DOWNLOAD}",
    "gesprekken:afspraak_ics": f"iCalendar, {DOWNLOAD}",
    "gesprekken:terugblik_agenderen": ALLEEN_POST,
    "gesprekken:terugblik_verwijderen": ALLEEN_POST,
    "admin:logout": ALLEEN_POST,
    "admin:jsi18n": "JavaScript",
    "admin:autocomplete": "JSON",
    "admin:view_on_site": "stuurt door naar de pagina van het object",
    # Users, groups, lock-outs and the like: superusers only, the beheerder never gets there.
    "admin:auth_user_password_change": "alleen voor superusers",
    "admin:*_changelist": "alleen voor superusers",
    "admin:*_add": "alleen voor superusers",
    "admin:*_change": "alleen voor superusers",
    "admin:*_delete": "alleen voor superusers",
    "admin:*_history": "alleen voor superusers",
    "admin/*/<path:object_id>/": "stuurt door naar de wijzigpagina",
    "admin/(?P<url>.*)$": "de 404-pagina van admin",
}


def _sleutels(patronen=None, namespace="", route=""):
    """The name of every URL pattern of the project (for one without a name, its route)."""
    for patroon in get_resolver().url_patterns if patronen is None else patronen:
        if isinstance(patroon, URLResolver):
            ns = f"{namespace}:{patroon.namespace}".strip(":") if patroon.namespace else namespace
            yield from _sleutels(patroon.url_patterns, ns, route + str(patroon.pattern))
        elif isinstance(patroon, URLPattern):
            yield f"{namespace}:{patroon.name}".strip(":") if patroon.name else route + str(patroon.pattern)


def _opzoeken(tabel, sleutel):
    if sleutel in tabel:
        return tabel[sleutel]
    if sleutel.startswith("admin"):
        for patroon, waarde in tabel.items():
            if "*" in patroon and fnmatch.fnmatchcase(sleutel, patroon):
                return waarde
    return None


def onbekende_urls() -> list[str]:
    """URLs that are neither a page with visits nor listed as no page."""
    return [s for s in _sleutels() if _opzoeken(PAGINAS, s) is None and _opzoeken(GEEN_PAGINA, s) is None]


def _sjabloon(naam, *, met_verzoek=True, **context):
    """An error page as its template renders it; 500.html gets no request, as in Django's server_error."""
    if not met_verzoek:
        return render_to_string(naam)
    verzoek = RequestFactory().get("/")
    verzoek.user = AnonymousUser()
    return render_to_string(naam, context, request=verzoek)


def foutpaginas(g: Gegevens) -> list[Bezoek]:
    heropenen = reverse("gesprekken:heropenen", args=[g.gevoerd.pk])
    return [
        Bezoek("404", INSPECTEUR, "/bestaat-niet/", status=404),
        Bezoek("404", ANONIEM, "/bestaat-niet/", status=404),
        Bezoek("403", BEHEERDER, reverse("gesprekken:mijn_gesprekken"), "beheerder bij de gesprekken", status=403),
        Bezoek("405", INSPECTEUR, heropenen, "GET op een POST-adres", status=405),
        Bezoek("500", ANONIEM, "/__sjabloon__/500/", sjabloon_html=_sjabloon("500.html", met_verzoek=False)),
        Bezoek("400", ANONIEM, "/__sjabloon__/400/", sjabloon_html=_sjabloon("400.html")),
        Bezoek(
            "429",
            ANONIEM,
            "/__sjabloon__/429/",
            "inloggen geblokkeerd",
            sjabloon_html=_sjabloon("registration/geblokkeerd.html", minuten=15),
        ),
        Bezoek(
            "429",
            ANONIEM,
            "/__sjabloon__/429-tweede-factor/",
            "tweede factor geblokkeerd",
            sjabloon_html=_sjabloon("registration/tweede_factor_geblokkeerd.html", minuten=15),
        ),
    ]


def alle_bezoeken(g: Gegevens) -> list[Bezoek]:
    """Every page in every state worth checking; fails on a URL that is neither a page nor listed as none."""
    onbekend = onbekende_urls()
    assert not onbekend, (
        f"URLs die de toegankelijkheidstests niet kennen: {onbekend}. Zet ze in PAGINAS (hoe bezoek je de pagina) "
        f"of in GEEN_PAGINA (waarom het geen pagina is) in {__name__}."
    )
    bezoeken = []
    for sleutel in _sleutels():
        if maak := _opzoeken(PAGINAS, sleutel):
            bezoeken += maak(g, sleutel)
    return bezoeken + foutpaginas(g)


def link_in(html_tekst: str, begin: str) -> str:
    """The first link in the HTML whose address starts with `begin`."""
    gevonden = re.search(rf'href="({re.escape(begin)}[^"]*)"', html_tekst)
    assert gevonden, f"geen link naar {begin}"
    return html.unescape(gevonden.group(1))
