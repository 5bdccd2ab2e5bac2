"""The words the bench data is made of: places, names, and sentences as inspectors note them."""

PLAATSEN = [
    "Rivierstad",
    "Noordveen",
    "Oosterhout",
    "Westmaas",
    "Zuiderdal",
    "Bergum",
    "Dalfsen",
    "Eemhoven",
    "Graafwijk",
    "Hoogland",
    "IJsselmonde",
    "Kampereiland",
    "Lindewoude",
    "Middenmeer",
    "Nieuwlande",
    "Oudewater",
    "Polderwijk",
    "Rozendaal",
    "Schoonebeek",
    "Tielerwaard",
    "Ulestraten",
    "Valkenhorst",
    "Wijdemeren",
    "Zeewolde-Oost",
    "Achterveld",
    "Brugge-aan-Zee",
    "Castricum-Noord",
    "Duinrand",
]
ORGANISATIES = {
    "gemeente": "Gemeente {}",
    "zorgaanbieder": "Zorggroep {}",
    "onderwijsinstelling": "Scholengroep {}",
    "justitiele_instelling": "Penitentiaire inrichting {}",
    "maatschappelijke_organisatie": "Stichting Welzijn {}",
    "werkgever": "{} Logistiek BV",
    "anders": "Coöperatie {}",
}
SPREEKWIJZEN = [
    ("inwoners", "inwoner", "Wijkteam Noord"),
    ("cliënten", "cliënt", "GGD Rivierland"),
    ("leerlingen", "leerling", "Gemeente Midden"),
    ("justitiabelen", "justitiabele", "Reclassering Oost"),
]
VOORNAMEN = ["Ilse", "Jamal", "Sanne", "Pieter", "Fatima", "Koen", "Noor", "Bas", "Yara", "Daan", "Lotte", "Emre"]
ACHTERNAMEN = ["de Vries", "Bakker", "Jansen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Yilmaz"]
ZINNEN = [
    "De bestuurder noemt het gezamenlijke wijkoverleg als voorbeeld van wat goed gaat.",
    "Afspraken over gegevensuitwisseling liggen vast, maar worden in de praktijk verschillend uitgelegd.",
    "Signalen van medewerkers komen via de teamleider bij de bestuurder, niet altijd op tijd.",
    "De partners evalueren de samenwerking twee keer per jaar en leggen de uitkomst vast.",
    "Er is een gedeelde visie op de ondersteuning, die op alle niveaus bekend is.",
    "Bij een escalatie weten medewerkers wie zij kunnen bellen; dat is op papier niet geregeld.",
    "De organisatie vraagt inwoners actief om hun ervaring met de overdracht tussen partners.",
    "Het budget voor de samenwerking is voor twee jaar toegezegd; daarna is het onzeker.",
    "De raad van toezicht vraagt per kwartaal naar de voortgang van de gezamenlijke aanpak.",
    "Nieuwe medewerkers leren de partners kennen tijdens een inwerkdag in de wijk.",
    "Knelpunten in de samenwerking worden besproken, maar de opvolging is niet zichtbaar.",
    "Volgens de bestuurder is de rolverdeling helder; medewerkers zien dat anders.",
]


def aantekeningteksten(rng):
    """A pool of notes as inspectors type them: a few sentences to a few paragraphs."""
    pool = []
    for _ in range(400):
        alineas = [" ".join(rng.choices(ZINNEN, k=rng.randint(1, 5))) for _ in range(rng.randint(1, 3))]
        pool.append("\n\n".join(alineas))
    return pool


def tekst_van(rng, lengte):
    tekst = ""
    while len(tekst) < lengte:
        tekst += rng.choice(ZINNEN) + (" " if rng.random() < 0.85 else "\n\n")
    return tekst[:lengte].rstrip()
