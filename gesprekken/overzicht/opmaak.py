"""The overview's many small parts as HTML, built in Python: the cells of its tables, and per element over time its
bar chart and table rows. At 10,000 gesprekken there are thousands of cells and hundreds of bars, and a template
per cell or bar took longer than counting them."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from .maten import BESPROKEN

CEL = '<td class="text-end"><a href="{}?{}">{}<span class="visually-hidden"> gesprek{}: {}, {}</span></a></td>'
KWARTAALRIJ = '<tr><th scope="row" class="fw-normal">{}</th><td class="text-end">{}</td>{}</tr>'
STAAF_BREEDTE, STAAF_HOOGTE = 46, 58


def cellen(cellen, naam, lijst_url):
    """One row's cells: each number links to the gesprekken behind it."""
    return mark_safe(  # noqa: S308 - every part is escaped by format_html
        "".join(
            format_html(CEL, lijst_url, query, aantal, "" if aantal == 1 else "ken", naam, label.lower())
            if aantal
            else '<td class="text-end">0</td>'
            for _, label, aantal, query in cellen
        )
    )


def kwartaalrijen(thema, lijst_url):
    """The rows of one element in the table over time."""
    return mark_safe(  # noqa: S308 - every part is escaped by format_html
        "".join(
            format_html(KWARTAALRIJ, str(k.kwartaal), k.gesprekken, cellen(k.cellen, k.naam, lijst_url))
            for k in thema.kwartalen
        )
    )


def kwartaaldiagram(thema, hoogste, nummer):
    """One element over time: a bar per quarter for the gesprekken in which it was discussed, the number above it.
    All elements share one scale (`hoogste`), so their charts can be compared."""
    breedte = len(thema.kwartalen) * STAAF_BREEDTE + 8
    titel = "; ".join(f"{k.kwartaal} {k.tellingen[BESPROKEN]}" for k in thema.kwartalen)
    staven = []
    for index, k in enumerate(thema.kwartalen):
        besproken = k.tellingen[BESPROKEN]
        hoogte = round(besproken / hoogste * STAAF_HOOGTE) if hoogste else 0
        jaar = ""
        if k.kwartaal.nummer == 1 or index == 0:
            jaar = f'<text x="23" y="26" text-anchor="middle" fill="#495057">{k.kwartaal.jaar}</text>'
        staven.append(
            f'<g transform="translate({index * STAAF_BREEDTE}, 80)">'
            f'<rect x="8" y="-{hoogte}" width="30" height="{hoogte}" fill="#1b3a5c"/>'
            f'<g transform="translate(0, -{hoogte})"><text x="23" y="-4" text-anchor="middle">{besproken}</text></g>'
            f'<text x="23" y="13" text-anchor="middle">K{k.kwartaal.nummer}</text>{jaar}</g>'
        )
    return mark_safe(  # noqa: S308 - the element's name and the title are escaped; the rest are numbers
        f'<svg role="img" aria-labelledby="kwartaal-{nummer}-titel" viewBox="0 0 {breedte} 108" width="{breedte}" '
        'class="mw-100 h-auto" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="11">'
        f'<title id="kwartaal-{nummer}-titel">{escape(thema.rij.element)}, besproken per kwartaal: {escape(titel)}'
        f'</title><line x1="0" y1="80.5" x2="{breedte}" y2="80.5" stroke="#6c757d"/>{"".join(staven)}</svg>'
    )
