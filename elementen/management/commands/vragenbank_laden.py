from django.core.management import call_command
from django.core.management.base import BaseCommand

from elementen.models import Kader


class Command(BaseCommand):
    help = "Laadt de vragenbank (fixtures/vragenbank.json) als er nog geen kader in de database staat."

    def handle(self, *args, **options):
        # Loading the fixture again would overwrite what TSD editors changed in admin.
        if Kader.objects.exists():
            self.stdout.write("De vragenbank staat al in de database; niets geladen.")
            return
        call_command("loaddata", "vragenbank", verbosity=0)
        # loaddata writes no history; without a first record the admin history would start at the first edit.
        call_command("populate_history", auto=True, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Vragenbank geladen: {Kader.objects.count()} kaders."))
