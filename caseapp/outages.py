"""When the database does not answer, visitors are asked to come back in a moment (503 with
`Retry-After`) instead of being shown the 500 page of a bug; and a production server never
creates an empty SQLite database in place of one that is missing.

- `server_error` is the project's `handler500`: Django calls it for every uncaught exception,
  raised in a view or in a middleware (the page cache reads the database before any view), so
  it is the one place that sees them all. Only errors that say the database cannot be reached
  become a 503; any other error, a database error included, is still a 500.
- `SqliteFileMiddleware` drops a connection to an SQLite file that has been deleted: it would
  go on reading the vanished database and writing where nobody will ever read.
- `refuse_missing_sqlite_file` (called by `caseapp/wsgi.py`, so only when serving) stops a
  production server from starting without its SQLite file, and opens the file read-write only
  (`mode=rw`): a connection never creates it. `manage.py migrate` still does.
"""

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
SQLITE_ENGINE = "django.db.backends.sqlite3"
# SQLite result codes (extended ones start with these) that say the file cannot be reached,
# is busy beyond the timeout, or cannot be written (full or read-only disk): not a wrong query.
_SQLITE_UNAVAILABLE = (
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_CANTOPEN",
    "SQLITE_IOERR",
    "SQLITE_FULL",
    "SQLITE_READONLY",
)
# PostgreSQL SQLSTATEs of the same kind: connection exceptions (08), insufficient resources
# (53: too many connections, disk full, out of memory), shutting down or starting up (57P0x).
_POSTGRESQL_UNAVAILABLE = ("08", "53", "57P01", "57P02", "57P03")


def database_unavailable(error: BaseException | None) -> bool:
    """Whether `error` says that the database cannot be reached or used right now, rather than
    that a query or the code is wrong."""
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    # Django re-raises the driver's error as its own, with the driver's as the cause.
    cause = error.__cause__
    if hasattr(cause, "sqlite_errorname"):
        return cause.sqlite_errorname.startswith(_SQLITE_UNAVAILABLE)
    if hasattr(cause, "sqlstate"):
        # psycopg gives no SQLSTATE when the server never answered (refused, timed out).
        return cause.sqlstate is None or cause.sqlstate.startswith(_POSTGRESQL_UNAVAILABLE)
    return False


def unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 answer, from a template that needs neither the database nor the request."""
    template = "503.html#notice" if request.headers.get("HX-Request") else "503.html"
    response = HttpResponse(loader.get_template(template).render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # No cache in between may keep the notice in place of the page.
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500. Django calls it while it handles the exception, so `sys.exc_info()` holds it."""
    if database_unavailable(sys.exc_info()[1]):
        return unavailable(request)
    return defaults.server_error(request)


def sqlite_file(database: dict) -> Path | None:
    """The file an SQLite database setting names (a path or a `file:` URI), None for another
    engine or a database in memory."""
    name = str(database.get("NAME") or "")
    if database.get("ENGINE") != SQLITE_ENGINE or name in ("", ":memory:") or "mode=memory" in name:
        return None
    if name.startswith("file:"):
        return Path(unquote(urlsplit(name).path))
    return Path(name)


class SqliteFileMiddleware:
    """Before each request, closes this thread's connection to an SQLite file that is no
    longer there, so that the request reconnects and meets the missing file (a 503)."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        connection = connections[DEFAULT_DB_ALIAS]
        path = sqlite_file(connection.settings_dict)
        if path is not None and connection.connection is not None and not path.exists():
            logger.error("The SQLite database %s is gone; restore it or run migrate", path)
            connection.close()
        return self.get_response(request)


def refuse_missing_sqlite_file() -> None:
    """In production, refuse to serve without the SQLite file, and never create one later."""
    database = settings.DATABASES[DEFAULT_DB_ALIAS]
    path = sqlite_file(database)
    if settings.DEBUG or path is None:
        return
    if not path.is_file():
        raise ImproperlyConfigured(
            f"The SQLite database {path} does not exist. Create it with "
            "`python manage.py migrate` (make serve runs it first), restore it from a backup, "
            "or set DATABASE_URL to the database to serve."
        )
    # Read-write, never create: a file deleted under the running server is then an outage.
    database["NAME"] = f"{path.resolve().as_uri()}?mode=rw"
