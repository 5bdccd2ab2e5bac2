"""A small guide of instruments, one of each shape, for tests that need instruments but not the whole bank."""

from elementen.models import Instrument, Item, Kader, Onderdeel


def _onderdeel(instrument, volgorde, soort, items, herhaling="", titel=""):
    onderdeel = Onderdeel.objects.create(
        instrument=instrument, volgorde=volgorde, soort=soort, herhaling=herhaling, titel=titel
    )
    for n, (item_soort, tekst, *doorvragen) in enumerate(items, start=1):
        item = Item.objects.create(onderdeel=onderdeel, soort=item_soort, tekst=tekst, volgorde=n)
        for d, doorvraag in enumerate(doorvragen, start=1):
            Item.objects.create(
                onderdeel=onderdeel, hoofditem=item, soort=Item.Soort.DOORVRAAG, tekst=doorvraag, volgorde=d
            )
    return onderdeel


def maak(elementen=()):
    """{titel: instrument} of a published guide with a table per partner, questions, a scan, a slider, a
    table with fixed rows and a background text."""
    kader = Kader.objects.create(
        titel="Toetsgids samenwerking",
        soort=Kader.Soort.INSTRUMENTEN,
        versie="2026",
        uitgever="Toetsuitgever",
        status=Kader.Status.GEPUBLICEERD,
    )

    def instrument(volgorde, titel, vorm, code=""):
        gemaakt = Instrument.objects.create(
            kader=kader, volgorde=volgorde, titel=titel, vorm=vorm, code=code, doel=f"Doel van {titel}."
        )
        gemaakt.elementen.set(elementen)
        return gemaakt

    halen = instrument(1, "Halen en brengen", Instrument.Vorm.FORMULIER)
    _onderdeel(
        halen,
        1,
        Onderdeel.Soort.TABEL,
        [(Item.Soort.KOLOM, "Belangen"), (Item.Soort.KOLOM, "Halen"), (Item.Soort.KOLOM, "Brengen")],
        herhaling=Onderdeel.Herhaling.PARTNER,
    )
    vragen = instrument(2, "Hoe zit dat bij jou?", Instrument.Vorm.VRAGEN)
    _onderdeel(
        vragen,
        1,
        Onderdeel.Soort.VRAGEN,
        [
            (Item.Soort.VRAAG, "Wat merken inwoners van de samenwerking?", "Of merken zij er niets van?"),
            (Item.Soort.VRAAG, "Wie neemt het initiatief?"),
        ],
    )
    balans = instrument(3, "De balans opmaken", Instrument.Vorm.ZELFSCAN)
    _onderdeel(
        balans,
        1,
        Onderdeel.Soort.SCAN,
        [
            (Item.Soort.STELLING, "Er is een gedeeld doel."),
            (Item.Soort.STELLING, "Partners spreken elkaar aan."),
            (Item.Soort.SCHAALWAARDE, "groen"),
            (Item.Soort.SCHAALWAARDE, "geel"),
            (Item.Soort.SCHAALWAARDE, "rood"),
        ],
    )
    schuif = instrument(4, "Dilemmaschuif", Instrument.Vorm.SCHUIF, code="3.1")
    _onderdeel(schuif, 1, Onderdeel.Soort.SCHUIF, [(Item.Soort.POOL, "Snelheid"), (Item.Soort.POOL, "Draagvlak")])
    impact = instrument(5, "Impact framework", Instrument.Vorm.FORMULIER, code="1.3")
    _onderdeel(
        impact,
        1,
        Onderdeel.Soort.TABEL,
        [(Item.Soort.RIJ, "Input"), (Item.Soort.RIJ, "Output")],
    )
    achtergrond = instrument(6, "Timing", Instrument.Vorm.ACHTERGROND, code="2.2")
    _onderdeel(
        achtergrond, 1, Onderdeel.Soort.TEKST, [(Item.Soort.STAP, "Kies het moment."), (Item.Soort.STAP, "Plan.")]
    )
    return {i.titel: i for i in kader.instrumenten.all()}
