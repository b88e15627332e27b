"""Word search finds events by their title and summary in every language: SQLite's FTS5 table
and its triggers, and PostgreSQL's GIN index, made anew over the translations' columns (see
caseapp/cases/search.py) and filled from the events already written."""

from django.db import migrations

from caseapp.cases import search


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0015_translations"),
    ]

    operations = [
        migrations.RunPython(search.search_every_language, search.search_the_original_alone),
    ]
