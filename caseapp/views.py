"""The site's own addresses, outside any feature app: robots.txt, the favicon browsers ask for at
the root, and the health check a load balancer or `make bench` reads."""

import logging
import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from caseapp.outages import sqlite_file

logger = logging.getLogger(__name__)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Disallow: /embed/",
        "Disallow: /preview/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('opendata:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=86400)
def favicon_ico(request: HttpRequest) -> HttpResponse:
    """The icon browsers and feed readers ask for at the root whatever the page says; pages name
    the SVG in static/ and this ICO is its fallback."""
    return FileResponse(open(finders.find("favicon.ico"), "rb"), content_type="image/x-icon")


@require_safe
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, every migration is applied and the media folder takes
    files; otherwise 503, naming the part that failed. The reason stays in the logs.

        {"status": "ok", "database": "ok", "migrations": "ok", "media": "ok"}
    """
    # Checked before connecting: connecting may create an empty file in its place.
    database_file = sqlite_file(connection.settings_dict)
    if database_file is not None and not database_file.is_file():
        logger.error("Health check: the SQLite database %s is missing", database_file)
        return _unhealthy(database="missing")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        unapplied = _unapplied_migrations()
    except DatabaseError:
        logger.warning("Health check: the database does not answer", exc_info=True)
        return _unhealthy(database="unreachable")
    parts = {"database": "ok", "migrations": "ok", "media": "ok"}
    if unapplied:
        logger.error("Health check: migrations not applied: %s", ", ".join(unapplied))
        parts["migrations"] = "unapplied"
    if not _media_writable():
        logger.error("Health check: the media folder %s takes no files", settings.MEDIA_ROOT)
        parts["media"] = "not writable"
    if parts["migrations"] != "ok" or parts["media"] != "ok":
        return _unhealthy(**parts)
    return JsonResponse({"status": "ok", **parts})


def _unhealthy(**parts: str) -> JsonResponse:
    return JsonResponse({"status": "unavailable", **parts}, status=503)


# Once every migration this code knows is applied, it stays so for this process: a deploy with
# new migrations starts new processes. Until then each check asks again.
_migrations_applied = False


def _unapplied_migrations() -> list[str]:
    """The migrations of this code that the database lacks ("app.name"), or none."""
    global _migrations_applied
    if _migrations_applied:
        return []
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    unapplied = [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
    _migrations_applied = not unapplied
    return unapplied


def _media_writable() -> bool:
    """The media folder exists and this process may create files in it."""
    media = Path(settings.MEDIA_ROOT)
    if not media.exists():
        # The first upload creates it: its parent must take it.
        media = media.parent
    return media.is_dir() and os.access(media, os.W_OK | os.X_OK)
