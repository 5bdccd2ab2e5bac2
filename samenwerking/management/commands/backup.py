import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from samenwerking.backup import backup_maken


class Command(BaseCommand):
    help = "Schrijft een volledige back-up van alle gegevens als JSON, met controlesom."

    def add_arguments(self, parser):
        parser.add_argument(
            "--uitvoer",
            metavar="PAD",
            help="Bestand om naar te schrijven; '-' voor standaarduitvoer. "
            "Standaard backup-JJJJMMDD-UUMMSS.json in de huidige map.",
        )

    def handle(self, *args, uitvoer=None, **options):
        pad = uitvoer or timezone.localtime().strftime("backup-%Y%m%d-%H%M%S.json")
        if pad != "-" and Path(pad).exists():
            # Never overwrite: the file there may be the only copy of an earlier day.
            raise CommandError(f"{pad} bestaat al; kies een ander pad met --uitvoer.")

        inhoud = backup_maken()
        tekst = json.dumps(inhoud, ensure_ascii=False, indent=1)

        if pad == "-":
            self.stdout.write(tekst)
            melding = self.stderr
        else:
            _schrijf_in_een_keer(Path(pad), tekst)
            melding = self.stdout
        melding.write(f"Back-up geschreven naar {'standaarduitvoer' if pad == '-' else pad}:")
        for model, aantal in inhoud["aantallen"].items():
            if aantal:
                melding.write(f"  {model}: {aantal}")
        melding.write(
            f"Totaal {sum(inhoud['aantallen'].values())} rijen uit {len(inhoud['aantallen'])} modellen; "
            f"sha256 {inhoud['sha256']}"
        )


def _schrijf_in_een_keer(pad: Path, tekst: str) -> None:
    """Writes beside the target and renames, so a half-written file never carries the backup's name."""
    tijdelijk = pad.with_name(pad.name + ".deel")
    with open(tijdelijk, "w", encoding="utf-8") as bestand:
        bestand.write(tekst)
        bestand.flush()
        os.fsync(bestand.fileno())
    os.replace(tijdelijk, pad)
