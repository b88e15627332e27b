"""The statistics the database's query planner chooses indexes by.

PostgreSQL gathers them itself (autovacuum). SQLite keeps none until told to, and without them
it can pick an index that serves an equality it cannot narrow (`publication_status`) over one
that would read a few hundred events: a busy actor's profile read every event of the site.
`refresh_statistics()` runs a sampled `ANALYZE` (a second or so at 100,000 events); `migrate`,
`generate_events`, `import_events` and `rebuild_counts` call it after they write.
"""

from django.db import connections

# Rows of each index SQLite samples: enough to tell a selective index from one that is not.
_SAMPLE = 2000


def refresh_statistics(using: str = "default") -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit = {_SAMPLE}")
        cursor.execute("ANALYZE")


def refresh_after_migrate(sender, using: str = "default", **kwargs) -> None:
    refresh_statistics(using)
