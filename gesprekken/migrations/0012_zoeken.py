"""On PostgreSQL, each text that search reads keeps its `dutch` search vector beside it (gesprekken/zoeken.py).

Search runs over the gesprekken the user is on; computing to_tsvector for their notes on every search cost 30-45 ms
at 10,000 gesprekken. A stored generated column is computed by PostgreSQL when its text is written, and only then:
an autosave of a note pays for its own text, not for anyone's search. No index: search never looks beyond the
user's gesprekken, and an index would be one more write on every autosave.

The columns are not in the models: Django never reads or writes them. On SQLite this migration does nothing.
Adding them rewrites the three tables once, under a lock: 25 s at 300,000 notes on a busy 2-core machine.
"""

from django.db import migrations

KOLOM = "zoekvector"
VECTOREN = {
    "Aantekening": "to_tsvector('dutch', tekst)",
    "Afspraak": "to_tsvector('dutch', wat)",
    "Gesprek": "to_tsvector('dutch', samenvatting || ' ' || wat_goed_gaat || ' ' || ontwikkelkansen)",
}


def _tabellen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return []
    quote = schema_editor.quote_name
    return [(quote(apps.get_model("gesprekken", model)._meta.db_table), vector) for model, vector in VECTOREN.items()]


def toevoegen(apps, schema_editor):
    for tabel, vector in _tabellen(apps, schema_editor):
        schema_editor.execute(f"ALTER TABLE {tabel} ADD COLUMN {KOLOM} tsvector GENERATED ALWAYS AS ({vector}) STORED")


def verwijderen(apps, schema_editor):
    for tabel, _ in _tabellen(apps, schema_editor):
        schema_editor.execute(f"ALTER TABLE {tabel} DROP COLUMN {KOLOM}")


class Migration(migrations.Migration):
    dependencies = [
        ("gesprekken", "0011_overzicht_stand"),
    ]

    operations = [migrations.RunPython(toevoegen, verwijderen, elidable=False)]
