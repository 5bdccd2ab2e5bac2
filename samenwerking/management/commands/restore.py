import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError

from samenwerking.backup import BackupGeweigerd, backup_terugzetten


class Command(BaseCommand):
    help = "Zet een back-up van 'manage.py backup' terug in een lege, gemigreerde database."

    def add_arguments(self, parser):
        parser.add_argument("pad", help="Het back-upbestand.")

    def handle(self, *args, pad, **options):
        try:
            with open(pad, encoding="utf-8") as bestand:
                inhoud = json.load(bestand)
        except OSError as fout:
            raise CommandError(f"{pad} is niet te lezen: {fout}") from fout
        except ValueError as fout:
            raise CommandError(f"{pad} is geen back-up: het is geen geldige JSON ({fout}).") from fout

        try:
            aantallen = backup_terugzetten(inhoud)
        except BackupGeweigerd as fout:
            raise CommandError(str(fout)) from fout
        except (DeserializationError, DatabaseError) as fout:
            raise CommandError(f"Terugzetten mislukt; er is niets veranderd. Oorzaak: {fout}") from fout

        self.stdout.write(f"Back-up van {inhoud.get('gemaakt_op', 'onbekende datum')} teruggezet uit {pad}:")
        for model, aantal in aantallen.items():
            self.stdout.write(f"  {model}: {aantal}")
        self.stdout.write(f"Totaal {sum(aantallen.values())} rijen.")
        self.stdout.write("Sessies zitten niet in een back-up: iedereen logt opnieuw in.")
