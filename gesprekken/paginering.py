"""Long lists in pages of a fixed size, with links that keep the list's filters (`templates/_paginering.html`)."""

from django.core.paginator import Page, Paginator


def pagina_van(request, rijen, per_pagina: int) -> tuple[Page, str]:
    """The page of `rijen` the request asks for, and the request's query string without the page number."""
    pagina = Paginator(rijen, per_pagina).get_page(request.GET.get("pagina"))
    overige = request.GET.copy()
    overige.pop("pagina", None)
    return pagina, overige.urlencode()
