"""The statistics the database's query planner chooses indexes by.

PostgreSQL gathers them itself (autovacuum). SQLite keeps none until told to, and without them
it can pick an index that serves an equality it cannot narrow (`publication_status`) over one
that would read a few hundred events: a busy actor's profile read every event of the site.
`refresh_statistics()` runs a full `ANALYZE` (under a second at 100,000 events: a sampled one
misjudged how many events a place has by a factor of three); `migrate`, `generate_events`,
`import_events` and `rebuild_counts` call it after they write.
"""

from django.db import connections


def refresh_statistics(using: str = "default") -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit = 0")
        cursor.execute("ANALYZE")


def refresh_after_migrate(sender, using: str = "default", **kwargs) -> None:
    refresh_statistics(using)
