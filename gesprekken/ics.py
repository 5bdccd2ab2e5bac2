"""Afspraken as a calendar (RFC 5545, with `icalendar`): one afspraak, or all open ones of an inspector.

An afspraak with a date is an all-day event on that date; one without a date is a to-do without a due date.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, Todo

PRODID = "-//Toezicht Sociaal Domein//Samenwerkingsgesprek//NL"


def _onderdeel(afspraak, gemaakt):
    onderdeel = Event() if afspraak.wanneer else Todo()
    onderdeel.add("uid", f"afspraak-{afspraak.pk}@samenwerkingsgesprek")
    onderdeel.add("dtstamp", gemaakt)
    onderdeel.add("summary", f"Afspraak {afspraak.gesprek.organisatie}: {afspraak.wat[:120]}")
    onderdeel.add(
        "description",
        f"{afspraak.wat}\n\nWie: {afspraak.wie}\nGemaakt in het gesprek met {afspraak.gesprek.organisatie} "
        f"van {afspraak.gesprek.datum:%d-%m-%Y}.",
    )
    onderdeel.add("url", settings.SITE_URL + reverse("gesprekken:afronden", args=[afspraak.gesprek_id]))
    if afspraak.wanneer:
        onderdeel.add("dtstart", afspraak.wanneer)
        onderdeel.add("dtend", afspraak.wanneer + datetime.timedelta(days=1))
        onderdeel.add("transp", "TRANSPARENT")
    return onderdeel


def agenda(afspraken) -> bytes:
    kalender = Calendar()
    kalender.add("prodid", PRODID)
    kalender.add("version", "2.0")
    kalender.add("calscale", "GREGORIAN")
    kalender.add("x-wr-calname", "Afspraken uit samenwerkingsgesprekken")
    gemaakt = timezone.now()
    for afspraak in afspraken:
        kalender.add_component(_onderdeel(afspraak, gemaakt))
    return kalender.to_ical()
