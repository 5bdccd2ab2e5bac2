"""The overview's many small parts as HTML, built in Python: the cells of its tables, its bar charts, and per element
over time its chart and table rows. At 10,000 gesprekken there are thousands of cells and hundreds of bars, and a
template per cell or bar took longer than counting them."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .maten import BESPROKEN, MATEN

STAAF_BREEDTE, STAAF_HOOGTE = 46, 58


def cellen(cellen, naam, lijst_url):
    """One row's cells: each number links to the gesprekken behind it. Plain f-strings with the name escaped once:
    format_html per cell took a third of the page's time."""
    naam = escape(naam)
    return mark_safe(  # noqa: S308 - the name and query strings are escaped; the rest are numbers and labels
        "".join(
            f'<td class="text-end"><a href="{lijst_url}?{escape(query)}">{aantal}<span class="visually-hidden"> '
            f"gesprek{'' if aantal == 1 else 'ken'}: {naam}, {label.lower()}</span></a></td>"
            if aantal
            else '<td class="text-end">0</td>'
            for _, label, aantal, query in cellen
        )
    )


def kwartaalrijen(thema, lijst_url):
    """The rows of one element in the table over time."""
    return mark_safe(  # noqa: S308 - the cells are escaped by `cellen`; the rest are a quarter and a number
        "".join(
            f'<tr><th scope="row" class="fw-normal">{k.kwartaal}</th><td class="text-end">{k.gesprekken}</td>'
            f"{cellen(k.cellen, k.naam, lijst_url)}</tr>"
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


# Readable without colour: every measure has its own lightness and pattern, every bar its number as text, and the
# legend says which is which. The same numbers are in the table that follows the chart.
STAAFDIAGRAM_BEGIN = """<figure class="staafdiagram mb-3">
<svg role="img" aria-labelledby="{id}-titel {id}-uitleg" viewBox="0 0 760 {hoogte}" width="760" class="mw-100 h-auto"
     xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="12">
  <title id="{id}-titel">{titel}</title>
  <desc id="{id}-uitleg">Staafdiagram met per rij vier staven: besproken, sterk punt, ontwikkelpunt en niet \
besproken, elk met het aantal gesprekken als getal. De tabel hieronder bevat dezelfde getallen.</desc>
  <defs>
    <pattern id="{id}-sterk_punt" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" fill="#5b8fc7"/><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/>
    </pattern>
    <pattern id="{id}-ontwikkelpunt" width="5" height="5" patternUnits="userSpaceOnUse">
      <rect width="5" height="5" fill="#d4e3f3"/><circle cx="2.5" cy="2.5" r="1.1" fill="#1b3a5c"/>
    </pattern>
    <pattern id="{id}-niet_besproken" width="6" height="6" patternUnits="userSpaceOnUse">
      <rect width="6" height="6" fill="#fff"/><line x1="0" y1="3" x2="6" y2="3" stroke="#6c757d" stroke-width="1"/>
    </pattern>
  </defs>
  <g class="legenda" aria-hidden="true">
    <rect x="0" y="4" width="14" height="14" fill="#1b3a5c" stroke="#1b3a5c"/><text x="20" y="16">Besproken</text>
    <rect x="130" y="4" width="14" height="14" fill="url(#{id}-sterk_punt)" stroke="#1b3a5c"/>\
<text x="150" y="16">Sterk punt</text>
    <rect x="260" y="4" width="14" height="14" fill="url(#{id}-ontwikkelpunt)" stroke="#1b3a5c"/>\
<text x="280" y="16">Ontwikkelpunt</text>
    <rect x="410" y="4" width="14" height="14" fill="url(#{id}-niet_besproken)" stroke="#1b3a5c"/>\
<text x="430" y="16">Niet besproken</text>
  </g>
  <g transform="translate(0, 40)">"""
RIJ_HOOGTE, STAAF_LENGTE = 78, 380


def staafdiagram(id, titel, rijen, hoogste):
    """Horizontal bars per row (`telling.Rij`) and measure, drawn on the server, on one scale (`hoogste`)."""
    delen = [STAAFDIAGRAM_BEGIN.format(id=id, titel=escape(titel), hoogte=len(rijen) * RIJ_HOOGTE + 52)]
    for index, rij in enumerate(rijen):
        delen.append(
            f'<g transform="translate(0, {index * RIJ_HOOGTE})"><title>{escape(rij.naam)}</title>'
            f'<text x="292" y="36" text-anchor="end" font-weight="600">{escape(rij.diagramnaam)}</text>'
        )
        for plek, (maat, _) in enumerate(MATEN):
            aantal = rij.tellingen[maat]
            breedte = round(aantal / hoogste * STAAF_LENGTE) if hoogste else 0
            vulling = "#1b3a5c" if maat == BESPROKEN else f"url(#{id}-{maat})"
            delen.append(
                f'<g transform="translate(300, {plek * 16})"><rect width="{breedte}" height="13" stroke="#1b3a5c" '
                f'stroke-width="1" fill="{vulling}"/><text x="{breedte + 6}" y="11">{aantal}</text></g>'
            )
        delen.append("</g>")
    delen.append("</g>\n</svg>\n</figure>")
    return mark_safe("".join(delen))  # noqa: S308 - names and title escaped; ids are the view's; the rest numbers
