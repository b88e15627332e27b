"""Sources get a slug, their address on the site (`/sources/<slug>/`): made from the title,
with a number after it where two titles give the same one."""

from django.db import migrations, models
from django.utils.text import slugify

# As `caseapp.cases.models._SOURCE_SLUG_LENGTH`.
_SLUG_LENGTH = 80


def fill_slugs(apps, schema_editor):
    Source = apps.get_model("cases", "Source")
    taken: set[str] = set()
    batch = []
    for source in Source.objects.order_by("pk").only("pk", "title").iterator(chunk_size=2000):
        base = slugify(source.title)[:_SLUG_LENGTH].strip("-") or "source"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        source.slug = slug
        batch.append(source)
        if len(batch) >= 2000:
            Source.objects.bulk_update(batch, ["slug"])
            batch = []
    Source.objects.bulk_update(batch, ["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0011_case_status_as_of"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalsource",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Its address on the site; made from the title when left empty.",
                max_length=100,
                verbose_name="slug",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="slug",
            field=models.SlugField(
                blank=True, db_index=False, max_length=100, verbose_name="slug", default=""
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="source",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Its address on the site; made from the title when left empty.",
                max_length=100,
                unique=True,
                verbose_name="slug",
            ),
        ),
    ]
