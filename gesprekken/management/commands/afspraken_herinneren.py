"""For a daily scheduler: one e-mail per inspector about the afspraken of their gesprekken that became overdue.

Each afspraak is mailed about once: the run marks what it mailed (`Afspraak.herinnerd_op`), so the next run only
mails what became overdue since. An inspector without an e-mail address is skipped, and said so.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand
from django.urls import reverse

from gesprekken import services
from gesprekken.models import Afspraak

logger = logging.getLogger(__name__)


def _tekst(gebruiker, afspraken):
    regels = [
        f"Beste {gebruiker.get_full_name() or gebruiker.username},",
        "",
        "Deze afspraken uit uw samenwerkingsgesprekken hadden nagekomen moeten zijn en staan nog open:",
        "",
    ]
    for afspraak in afspraken:
        regels += [
            f"- {afspraak.wat}",
            f"  Wie: {afspraak.wie}; uiterlijk {afspraak.wanneer:%d-%m-%Y}; "
            f"{afspraak.gesprek.organisatie}, gesprek van {afspraak.gesprek.datum:%d-%m-%Y}",
        ]
    regels += [
        "",
        "Bij een volgend gesprek met de organisatie zet u ze op de agenda en legt u vast hoe het ging.",
        f"Mijn afspraken: {settings.SITE_URL}{reverse('gesprekken:mijn_afspraken')}",
    ]
    return "\n".join(regels)


class Command(BaseCommand):
    help = "Mailt elke inspecteur één keer over afspraken van zijn gesprekken die sinds de vorige keer zijn verlopen."

    def handle(self, *args, **options):
        verlopen = list(
            Afspraak.objects.verlopen()
            .filter(herinnerd_op__isnull=True)
            .select_related("gesprek__organisatie", "gesprek__eigenaar")
            .prefetch_related("gesprek__co_inspecteurs")
            .order_by("wanneer", "pk")
        )
        per_inspecteur = {}
        for afspraak in verlopen:
            for inspecteur in afspraak.gesprek.inspecteurs():
                if inspecteur.is_active:
                    per_inspecteur.setdefault(inspecteur, []).append(afspraak)
        niet_gelukt = set()
        verstuurd = 0
        with get_connection() as verbinding:
            for inspecteur, afspraken in per_inspecteur.items():
                if not inspecteur.email:
                    self.stdout.write(f"{inspecteur.username} heeft geen e-mailadres; overgeslagen.")
                    continue
                bericht = EmailMessage(
                    subject=f"{len(afspraken)} verlopen afspra{'ak' if len(afspraken) == 1 else 'ken'} uit uw "
                    "samenwerkingsgesprekken",
                    body=_tekst(inspecteur, afspraken),
                    to=[inspecteur.email],
                    connection=verbinding,
                )
                try:
                    bericht.send()
                    verstuurd += 1
                except OSError as fout:
                    # The next run tries again: these afspraken are not marked.
                    logger.warning("Herinnering aan %s niet verstuurd: %s", inspecteur.username, fout)
                    niet_gelukt.update(a.pk for a in afspraken)
        services.herinneringen_vastleggen(afspraken=[a for a in verlopen if a.pk not in niet_gelukt])
        self.stdout.write(f"{verstuurd} herinnering(en) verstuurd over {len(verlopen)} verlopen afspraak/afspraken.")
