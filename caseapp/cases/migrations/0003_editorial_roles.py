"""The editorial roles as groups: Editors write drafts and submit them; Publishers also publish.

Records published before publication stamps existed get their last update as `published_at`.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "cases": ["case", "event", "source", "place", "image", "participation", "citation"],
    "actors": ["actor"],
}
PUBLISH = [("cases", "publish_case"), ("cases", "publish_event"), ("actors", "publish_actor")]
EDITORS = "Editors"
PUBLISHERS = "Publishers"


def _ensure_permissions(apps) -> None:
    # Permissions are normally created after all migrations run; the groups need them now.
    for label in ("cases", "actors"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor) -> None:
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    editing = [
        Permission.objects.get(
            content_type__app_label=label, content_type__model=model, codename=f"{action}_{model}"
        )
        for label, models in CONTENT.items()
        for model in models
        for action in ("view", "add", "change", "delete")
    ]
    publishing = [
        Permission.objects.get(content_type__app_label=label, codename=codename)
        for label, codename in PUBLISH
    ]
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(editing)
    publishers, _ = Group.objects.get_or_create(name=PUBLISHERS)
    publishers.permissions.set(editing + publishing)


def remove_roles(apps, schema_editor) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, PUBLISHERS]).delete()


def stamp_published(apps, schema_editor) -> None:
    for label, name in [("cases", "Case"), ("cases", "Event"), ("actors", "Actor")]:
        model = apps.get_model(label, name)
        for record in model.objects.filter(publication_status="published", published_at=None):
            model.objects.filter(pk=record.pk).update(published_at=record.updated_at)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cases", "0002_publication_stamps_and_version"),
        ("actors", "0003_publication_stamps_and_version"),
    ]

    operations = [
        migrations.RunPython(create_roles, remove_roles),
        migrations.RunPython(stamp_published, migrations.RunPython.noop),
    ]
