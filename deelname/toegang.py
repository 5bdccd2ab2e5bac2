"""Who holds a link: the token opens one invitation, the session keeps it, and everything else stays shut.

Opening the link (`?sleutel=` on /deelname/openen/, so the token stays out of the access log, which drops query
strings) puts the invitation and its token's hash in the session and sends the browser on to /deelname/: the
token leaves the address bar and the history. Every later request checks the hash against the invitation again,
so a withdrawn, expired or replaced link ends the session's access at once.

Wrong tokens count per client address in the cache (per worker, as the cache is); after
DEELNAME_MAX_POGINGEN within ten minutes that address gets 429 until the window ends.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from gesprekken import logboek
from gesprekken.logboek import Wie
from gesprekken.models import Gebeurtenis

from .models import Uitnodiging, token_hash

SESSIESLEUTEL = "deelname"
VENSTER_SECONDEN = 10 * 60


def _pogingsleutel(request):
    return f"deelname:mislukt:{request.META.get('REMOTE_ADDR') or '-'}"


def is_geblokkeerd(request) -> bool:
    return cache.get(_pogingsleutel(request), 0) >= settings.DEELNAME_MAX_POGINGEN


def mislukt(request) -> None:
    sleutel = _pogingsleutel(request)
    cache.add(sleutel, 0, timeout=VENSTER_SECONDEN)
    try:
        cache.incr(sleutel)
    except ValueError:  # expired between add and incr
        cache.set(sleutel, 1, timeout=VENSTER_SECONDEN)
    logboek.vastleggen(
        Wie(None, request.META.get("REMOTE_ADDR") or None),
        Gebeurtenis.Actie.BEKEKEN,
        wat="link voor de organisatie: onbekende of gewijzigde link",
        resultaat=Gebeurtenis.Resultaat.GEWEIGERD,
    )


def wie(request) -> Wie:
    """The contact acts without an account: the log keeps the address only."""
    return Wie(None, request.META.get("REMOTE_ADDR") or None)


def pagina_voor_organisatie(view):
    """Headers for every page the link holder sees: no referrer (the page's address must not travel), not for
    search engines, never from a cache."""

    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def csrf_met_eigen_paginas(view):
    """Django's CSRF check for a POST from the organisation's pages, which send `Origin: null`.

    Under `Referrer-Policy: no-referrer` a browser sends `Origin: null` with a form's POST (the Fetch standard),
    which Django's origin check refuses. A null origin is taken for this site's own, and the CSRF token, which no
    other site can read, is still checked by Django's own middleware; any other origin is refused as always.
    """

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.META.get("HTTP_ORIGIN") == "null":
            request.META["HTTP_ORIGIN"] = f"{request.scheme}://{request.get_host()}"
        geweigerd = CsrfViewMiddleware(view).process_view(request, view, args, kwargs)
        return geweigerd if geweigerd is not None else view(request, *args, **kwargs)

    return wrapper


def weigering(request, status, titel, melding):
    return render(request, "deelname/weigering.html", {"titel": titel, "melding": melding}, status=status)


def te_veel_pogingen(request):
    return weigering(
        request,
        429,
        "Te veel pogingen",
        "Vanaf dit adres zijn te veel links geprobeerd die niet werken. Probeer het over tien minuten opnieuw, "
        "of neem contact op met de inspecteur die u uitnodigde.",
    )


def link_werkt_niet(request):
    return weigering(
        request,
        404,
        "Deze link werkt niet",
        "Deze link is niet (meer) geldig: misschien is hij niet helemaal gekopieerd, of is er intussen een nieuwe "
        "link gestuurd. Neem contact op met de inspecteur die u uitnodigde; die kan u een nieuwe link sturen.",
    )


def link_niet_meer_geldig(request, uitnodiging):
    if uitnodiging.is_afgesloten and not uitnodiging.is_ingetrokken:
        if uitnodiging.gesprek.is_vastgesteld:
            titel, wat = "Het rapport is vastgesteld", "De inspecteur heeft het rapport vastgesteld"
        else:
            titel, wat = "Dit concept is niet meer actueel", "De inspecteur werkt het rapport bij"
        return weigering(
            request,
            410,
            titel,
            f"{wat}; deze link naar het concept werkt daarom niet meer. Wilt u het rapport ontvangen of hebt u een "
            "vraag, neem dan contact op met de inspecteur.",
        )
    reden = "ingetrokken" if uitnodiging.is_ingetrokken else "verlopen"
    return weigering(
        request,
        410,
        f"Deze link is {reden}",
        f"Deze link is {reden} en opent de pagina niet meer. Neem contact op met de inspecteur die u uitnodigde; "
        "die kan u een nieuwe link sturen.",
    )


def uitnodiging_van_token(token: str):
    return Uitnodiging.objects.select_related("gesprek").filter(token_hash=token_hash(token)).first()


def onthouden(request, uitnodiging) -> None:
    """A new session key (no session fixation), holding only this invitation and its token's hash."""
    request.session.cycle_key()
    request.session[SESSIESLEUTEL] = {"id": uitnodiging.pk, "hash": uitnodiging.token_hash}


def uitnodiging_uit_sessie(request):
    """(uitnodiging, None) for a session that opened a link still valid; (None, reason page) for any other."""
    bewaard = request.session.get(SESSIESLEUTEL)
    if not isinstance(bewaard, dict):
        return None, weigering(
            request,
            404,
            "Open de link uit uw uitnodiging",
            "Deze pagina opent u met de link uit de uitnodiging van de inspecteur. Werkt die link niet, neem dan "
            "contact op met de inspecteur.",
        )
    uitnodiging = (
        Uitnodiging.objects.select_related("gesprek")
        .filter(pk=bewaard.get("id"), token_hash=bewaard.get("hash"))
        .first()
    )
    if uitnodiging is None:
        return None, link_werkt_niet(request)
    if not uitnodiging.is_geldig:
        return None, link_niet_meer_geldig(request, uitnodiging)
    return uitnodiging, None
