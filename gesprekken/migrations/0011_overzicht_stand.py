"""The overview's stand: per element and criterion of a gesprek, how it counts, kept where it changes.

Filled by 0013, which adds where each row counts: the filling reads the models as they are then. (An installation
that ran this migration when it filled the table itself is filled again there; `alles_opbouwen` writes only what
differs.)
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("elementen", "0003_instrumenten"),
        ("gesprekken", "0010_rapportversies"),
    ]

    operations = [
        migrations.CreateModel(
            name="OverzichtStand",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("naam", models.CharField(max_length=200)),
                ("label", models.CharField(blank=True, max_length=5)),
                ("volgorde", models.PositiveSmallIntegerField(default=0)),
                ("criterium_volgorde", models.PositiveSmallIntegerField(default=0)),
                ("besproken", models.BooleanField(default=False)),
                ("sterk_punt", models.BooleanField(default=False)),
                ("ontwikkelpunt", models.BooleanField(default=False)),
                ("niet_besproken", models.BooleanField(default=False)),
                (
                    "bron_criterium",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="elementen.criterium",
                    ),
                ),
                (
                    "bron_element",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="elementen.element",
                    ),
                ),
                (
                    "criterium",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="gesprekken.gesprekcriterium",
                    ),
                ),
                (
                    "element",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="gesprekken.gesprekelement"
                    ),
                ),
                (
                    "gesprek",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="gesprekken.gesprek"
                    ),
                ),
            ],
            options={
                "verbose_name": "stand voor het overzicht",
                "verbose_name_plural": "standen voor het overzicht",
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("criterium__isnull", True)),
                        fields=("element",),
                        name="een_stand_per_element",
                    )
                ],
            },
        ),
    ]
