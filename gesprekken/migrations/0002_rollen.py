from django.contrib.auth.management import create_permissions
from django.db import migrations

INSPECTEURS = "Inspecteurs"
COORDINATOREN = "Coördinatoren"


def maak_rollen(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("gesprekken")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    inspecteurs, _ = Group.objects.get_or_create(name=INSPECTEURS)
    inspecteurs.permissions.set(
        Permission.objects.filter(
            content_type__app_label="gesprekken",
            codename__in=["add_gesprek", "change_gesprek", "view_gesprek", "view_aantekening", "change_aantekening"],
        )
    )
    coordinatoren, _ = Group.objects.get_or_create(name=COORDINATOREN)
    coordinatoren.permissions.set(
        Permission.objects.filter(content_type__app_label="gesprekken", codename="view_gesprek")
    )


def verwijder_rollen(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[INSPECTEURS, COORDINATOREN]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("gesprekken", "0001_gesprekken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(maak_rollen, verwijder_rollen)]
