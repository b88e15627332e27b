"""The publication generation: one number that every change to public data bumps, in the same
transaction as the change, so that whatever is cached under it is never stale.

Database triggers bump it on every insert, update and delete of cases, events, actors, roles,
citations, sources, places, images and case subjects — whichever way the write comes: admin,
ORM save, `QuerySet.update`, `bulk_create`, raw SQL, a restore. `install_triggers` (re)creates
them after every `migrate`, because SQLite drops a table's triggers when a migration rebuilds
the table. PostgreSQL fires once per statement; SQLite once per row (a one-row UPDATE).

    counts = cached("case-counts", case.pk, compute=lambda: ...)
"""

import hashlib
import logging
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F

T = TypeVar("T")
logger = logging.getLogger(__name__)

# The generation read for the request being answered (`GenerationMiddleware`).
_request_memo: ContextVar[dict | None] = ContextVar("publication_generation", default=None)

# How long a cached value may live at most; a bump makes it unreachable long before.
_TIMEOUT = 60 * 60 * 24
# Models whose changes can alter public pages, feeds, exports or the embed.
_PUBLIC_MODELS = [
    ("cases", "Case"),
    ("cases", "Event"),
    ("cases", "Participation"),
    ("cases", "Citation"),
    ("cases", "Source"),
    ("cases", "Place"),
    ("cases", "Image"),
    ("actors", "Actor"),
]


def _model():
    return apps.get_model("cases", "PublicationGeneration")


def current() -> str:
    """The generation as a key: the row's token and value (one small query, once a request)."""
    memo = _request_memo.get()
    if memo is not None and "generation" in memo:
        return memo["generation"]
    row = _model().objects.values_list("token", "value").first()
    if row is None:
        row = _create()
    value = f"{row[0]}:{row[1]}"
    if memo is not None:
        memo["generation"] = value
    return value


class GenerationMiddleware:
    """Reads the generation at most once per request: a page's cached parts then also agree
    on one generation."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


def bump() -> None:
    """Count one more change by hand (the triggers count every write to public tables).
    Inside the caller's transaction: a rollback undoes it too."""
    if not _model().objects.filter(pk=1).update(value=F("value") + 1):
        _create(value=1)


def _create(value: int = 0) -> tuple[str, int]:
    with transaction.atomic():
        row, _created = _model().objects.get_or_create(
            pk=1, defaults={"token": secrets.token_hex(8), "value": value}
        )
    return row.token, row.value


def cached(*key: object, compute: Callable[[], T]) -> T:
    """`compute()`, or its value cached under this key and the current generation."""
    # Hashed: keys hold visitors' filters, of any length and in any script.
    digest = hashlib.sha256("\x1f".join(map(str, key)).encode()).hexdigest()
    full_key = f"casefile:{current()}:{digest}"
    value = cache_get(full_key)
    if value is None:
        value = compute()
        cache_set(full_key, value)
    return value


def cache_get(key: str):
    """The cached value, or None — also when the cache server is down: pages are then built
    afresh, slower but never wrong."""
    try:
        return cache.get(key)
    except Exception:  # Each backend raises its own errors (redis.ConnectionError, OSError).
        logger.warning("The cache does not answer; building afresh", exc_info=True)
        return None


def cache_set(key: str, value, timeout: int = _TIMEOUT) -> None:
    try:
        cache.set(key, value, timeout)
    except Exception:
        logger.warning("The cache does not answer; not keeping %s", key, exc_info=True)


def _public_tables() -> list[str]:
    tables = [apps.get_model(label, name)._meta.db_table for label, name in _PUBLIC_MODELS]
    subjects = apps.get_model("cases", "Case").subjects.through
    return [*tables, subjects._meta.db_table]


_BUMP_SQL = "UPDATE cases_publicationgeneration SET value = value + 1 WHERE id = 1"


def install_triggers(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Creates (or recreates) the triggers that bump the generation; safe to run again."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE OR REPLACE FUNCTION casefile_bump_generation() RETURNS trigger "
                f"AS $$ BEGIN {_BUMP_SQL}; RETURN NULL; END $$ LANGUAGE plpgsql"
            )
            for table in _public_tables():
                cursor.execute(f"DROP TRIGGER IF EXISTS casefile_generation ON {table}")
                cursor.execute(
                    "CREATE TRIGGER casefile_generation "
                    f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION casefile_bump_generation()"
                )
        else:
            _sqlite_triggers(cursor, install=True)
    _create_row(using)


@contextmanager
def writing_in_bulk(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """For a writer of many rows, inside its transaction: SQLite's row triggers are set aside
    until the end (a bump per row costs a bulk load a fifth of its time), and the generation is
    bumped once instead if any row changed. A rollback restores the triggers with everything
    else, since SQLite's DDL is transactional. PostgreSQL's statement triggers stay: they cost
    one bump per statement."""
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("writing_in_bulk() belongs inside the writer's transaction.")
    if connection.vendor != "sqlite":
        yield
        return
    # The driver's own cursor: these statements are bookkeeping, not the writer's queries.
    raw = connection.connection
    _sqlite_triggers(raw, install=False)
    changes = raw.total_changes
    yield
    changed = raw.total_changes != changes
    _sqlite_triggers(raw, install=True)
    if changed:
        raw.execute(_BUMP_SQL)


def _sqlite_triggers(raw_connection, *, install: bool) -> None:
    for table in _public_tables():
        for event in ("INSERT", "UPDATE", "DELETE"):
            name = f"casefile_generation_{table}_{event}"
            raw_connection.execute(
                f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} "
                f"BEGIN {_BUMP_SQL}; END"
                if install
                else f"DROP TRIGGER IF EXISTS {name}"
            )


def _create_row(using: str) -> None:
    model = _model()
    if not model.objects.using(using).filter(pk=1).exists():
        model.objects.using(using).create(pk=1, token=secrets.token_hex(8), value=0)
