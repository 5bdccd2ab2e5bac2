"""Turns each gesprek's free-text organisation into an Organisatie: names that differ only in case or spacing
become one organisation, named as most gesprekken wrote it (the first such gesprek's spelling on a tie), with the
kind and words of the newest of them. No gesprek is left without its organisation; going back writes each
organisation's name into its gesprekken."""

from collections import Counter

from django.db import migrations


def _sleutel(naam):
    return " ".join(naam.split()).casefold()


def naar_organisaties(apps, schema_editor):
    Gesprek = apps.get_model("gesprekken", "Gesprek")
    Organisatie = apps.get_model("gesprekken", "Organisatie")
    groepen = {}
    velden = ("pk", "organisatie", "organisatie_type", "doelgroep_meervoud", "doelgroep_enkelvoud")
    for rij in Gesprek.objects.order_by("datum", "pk").values_list(*velden).iterator(chunk_size=2000):
        groepen.setdefault(_sleutel(rij[1]) or "(zonder naam)", []).append(rij)
    for sleutel, rijen in groepen.items():
        spellingen = Counter(" ".join(r[1].split()) for r in rijen)
        naam = spellingen.most_common(1)[0][0] or "(zonder naam)"
        _, _, soort, meervoud, enkelvoud = rijen[-1]
        organisatie = Organisatie.objects.create(
            naam=naam, sleutel=sleutel, soort=soort, doelgroep_meervoud=meervoud, doelgroep_enkelvoud=enkelvoud
        )
        ids = [r[0] for r in rijen]
        for begin in range(0, len(ids), 500):
            Gesprek.objects.filter(pk__in=ids[begin : begin + 500]).update(organisatie_ref=organisatie)


def naar_namen(apps, schema_editor):
    Gesprek = apps.get_model("gesprekken", "Gesprek")
    Organisatie = apps.get_model("gesprekken", "Organisatie")
    for organisatie in Organisatie.objects.iterator():
        Gesprek.objects.filter(organisatie_ref=organisatie).update(organisatie=organisatie.naam, organisatie_ref=None)
    Organisatie.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("gesprekken", "0006_organisaties")]

    operations = [migrations.RunPython(naar_organisaties, naar_namen)]
