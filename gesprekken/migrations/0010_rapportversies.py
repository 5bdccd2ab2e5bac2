"""Report versions, and the statuses concept, ter verificatie and vastgesteld.

A gesprek afgerond in a running installation becomes vastgesteld, with its date; nothing in it changes. Its content
becomes its first version the first time it is needed (services.vastgestelde_versie), rendered by the code of that
day rather than by code frozen here.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def vastgesteld_van_afgerond(apps, schema_editor):
    apps.get_model("gesprekken", "Gesprek").objects.filter(status="afgerond").update(status="vastgesteld")


def afgerond_van_vastgesteld(apps, schema_editor):
    Gesprek = apps.get_model("gesprekken", "Gesprek")
    Gesprek.objects.filter(status="vastgesteld").update(status="afgerond")
    Gesprek.objects.filter(status__in=["concept", "ter_verificatie"]).update(status="gevoerd")


class Migration(migrations.Migration):

    dependencies = [
        ('gesprekken', '0009_afspraken_opvolgen'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name='gesprek', old_name='afgerond_op', new_name='vastgesteld_op'),
        migrations.AlterField(
            model_name='gesprek',
            name='vastgesteld_op',
            field=models.DateTimeField(blank=True, null=True, verbose_name='vastgesteld op'),
        ),
        migrations.AlterField(
            model_name='gebeurtenis',
            name='actie',
            field=models.CharField(choices=[('aangemaakt', 'Aangemaakt'), ('bekeken', 'Bekeken'), ('gewijzigd', 'Gewijzigd'), ('gedeeld', 'Gedeeld'), ('geexporteerd', 'Geëxporteerd'), ('afgerond', 'Afgerond'), ('concept', 'Concept gemaakt'), ('ter_verificatie', 'Ter verificatie gestuurd'), ('vastgesteld', 'Vastgesteld'), ('heropend', 'Heropend')], max_length=20, verbose_name='actie'),
        ),
        migrations.AlterField(
            model_name='gesprek',
            name='status',
            field=models.CharField(choices=[('voorbereiding', 'In voorbereiding'), ('gevoerd', 'Gevoerd'), ('concept', 'Concept'), ('ter_verificatie', 'Ter verificatie'), ('vastgesteld', 'Vastgesteld')], default='voorbereiding', max_length=20, verbose_name='status'),
        ),
        migrations.CreateModel(
            name='RapportVersie',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('nummer', models.PositiveIntegerField(verbose_name='versie')),
                ('soort', models.CharField(choices=[('concept', 'Concept'), ('vastgesteld', 'Vastgesteld')], max_length=20, verbose_name='soort')),
                ('inhoud', models.JSONField(verbose_name='inhoud')),
                ('controlesom', models.CharField(max_length=64, verbose_name='controlesom (SHA-256)')),
                ('pdf', models.BinaryField(null=True, verbose_name='PDF')),
                ('pdf_controlesom', models.CharField(blank=True, max_length=64, verbose_name='controlesom van de PDF')),
                ('gemaakt_op', models.DateTimeField(default=django.utils.timezone.now, verbose_name='gemaakt op')),
                ('gemaakt_door_naam', models.CharField(max_length=150, verbose_name='gemaakt door (naam)')),
                ('toelichting', models.CharField(blank=True, max_length=300, verbose_name='toelichting')),
                ('gemaakt_door', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gemaakt door')),
                ('gesprek', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versies', to='gesprekken.gesprek', verbose_name='gesprek')),
            ],
            options={
                'verbose_name': 'rapportversie',
                'verbose_name_plural': 'rapportversies',
                'ordering': ['gesprek', 'nummer'],
                'constraints': [models.UniqueConstraint(fields=('gesprek', 'nummer'), name='versienummer_per_gesprek')],
            },
        ),
        migrations.RunPython(vastgesteld_van_afgerond, afgerond_van_vastgesteld),
    ]
