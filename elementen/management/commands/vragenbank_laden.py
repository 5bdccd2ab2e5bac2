from django.core.management.base import BaseCommand

from elementen.laden import bank_aanvullen


class Command(BaseCommand):
    help = (
        "Vult de vragenbank aan met de kaders uit fixtures/ (vragenbank.json en instrumenten/) die nog niet in de "
        "database staan. Bestaande kaders, en wat beheerders daarin wijzigden, blijven zoals ze zijn."
    )

    def handle(self, *args, **options):
        toegevoegd = bank_aanvullen()
        if not toegevoegd:
            self.stdout.write("De vragenbank is compleet; niets toegevoegd.")
        for kader in toegevoegd:
            self.stdout.write(self.style.SUCCESS(f"Toegevoegd: {kader}"))
