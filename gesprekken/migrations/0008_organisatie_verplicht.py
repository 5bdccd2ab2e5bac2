"""Each gesprek's organisation is now the Organisatie of 0007; the free-text column goes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("gesprekken", "0007_organisaties_uit_namen")]

    operations = [
        # A default, so that going back can add the column again before 0007 fills it.
        migrations.AlterField(
            model_name="gesprek", name="organisatie", field=models.CharField(max_length=200, default="")
        ),
        migrations.RemoveField(model_name="gesprek", name="organisatie"),
        migrations.RenameField(model_name="gesprek", old_name="organisatie_ref", new_name="organisatie"),
        migrations.AlterField(
            model_name="gesprek",
            name="organisatie",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="gesprekken",
                to="gesprekken.organisatie",
                verbose_name="organisatie",
            ),
        ),
    ]
