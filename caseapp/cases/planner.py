"""The statistics the database's query planner chooses indexes by.

PostgreSQL gathers them itself (autovacuum). SQLite keeps none until told to, and without them
it can pick an index that serves an equality it cannot narrow (`publication_status`) over one
that would read a few hundred events: a busy actor's profile read every event of the site.
`refresh_statistics()` runs a full `ANALYZE` (under a second at 100,000 events: a sampled one
misjudged how many events a place has by a factor of three); `migrate`, `generate_events`,
`import_events` and `rebuild_counts` call it after they write.
"""

from django.db import connections

# Fewer events than this, and SQLite's defaults serve better than statistics of a small table.
_WORTH_MEASURING = 1000


def refresh_statistics(using: str = "default") -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit = 0")
        cursor.execute("ANALYZE")


def refresh_after_migrate(sender, using: str = "default", **kwargs) -> None:
    """After `migrate`, when there are events to measure: statistics of empty tables would
    tell SQLite they stay tiny, and mislead it for as long as they are not refreshed."""
    event = sender.get_model("Event")
    if event._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back past the events' table
    if event.objects.using(using).order_by()[:_WORTH_MEASURING].count() >= _WORTH_MEASURING:
        refresh_statistics(using)
