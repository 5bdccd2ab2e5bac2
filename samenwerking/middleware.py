"""Middleware of the project as a whole."""

from .views import weigering


def methode_niet_toegestaan(get_response):
    """Django answers a wrong method (a GET where only POST is allowed) with an empty 405; this says why."""

    def middleware(request):
        response = get_response(request)
        if response.status_code != 405 or response.content:
            return response
        toegestaan = response.get("Allow", "")
        nieuw = weigering(
            request,
            status=405,
            code="methode",
            titel="Zo kan dit niet",
            melding="Deze pagina kan niet op deze manier worden opgevraagd. Gebruik de knoppen in de applicatie "
            "en probeer het opnieuw.",
        )
        if toegestaan:
            nieuw["Allow"] = toegestaan
        return nieuw

    return middleware
