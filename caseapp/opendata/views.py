"""Open data and discovery: a case's exports and feeds, the sitemap, robots.txt and the health
check. All of it is public, read-only and cookie-free; nothing here reaches a draft."""

import logging
import os
import re
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from caseapp.cases.queries import get_published_case
from caseapp.opendata import sitemaps
from caseapp.opendata.exports import case_csv, case_document, in_blocks
from caseapp.opendata.feeds import ActorFeed, CaseFeed
from caseapp.opendata.queries import (
    case_events,
    in_chunks,
    slide_events,
    with_citations,
    with_export_details,
)
from caseapp.opendata.timelinejs import timeline_document
from caseapp.outages import sqlite_file

logger = logging.getLogger(__name__)

# A sitemap page number: plain digits, few enough to make a 64-bit key.
_PAGE_NUMBER = re.compile(r"[0-9]{1,15}")

View = Callable[..., HttpResponse]


def _readable_anywhere(view: View) -> View:
    """Public data that any site may fetch from a browser; no cookies are involved."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


def _streamed(
    request: HttpRequest, pieces: Iterator[str], content_type: str, filename: str | None = None
) -> StreamingHttpResponse:
    """A download that starts at once and never sits in memory as a whole. A HEAD request gets
    the same headers without the work: the pieces are never asked for."""
    content = in_blocks(pieces) if request.method != "HEAD" else iter(())
    response = StreamingHttpResponse(content, content_type=content_type)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@_readable_anywhere
def case_export_json(request: HttpRequest, slug: str) -> HttpResponse:
    case = get_published_case(slug)
    events = in_chunks(case_events(case), with_export_details)
    document = case_document(case, events, request.build_absolute_uri)
    return _streamed(request, document, "application/json", filename=f"{case.slug}.json")


@require_safe
@_readable_anywhere
def case_export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    case = get_published_case(slug)
    events = in_chunks(case_events(case), with_export_details)
    rows = case_csv(case, events, request.build_absolute_uri)
    return _streamed(request, rows, "text/csv; charset=utf-8", filename=f"{case.slug}-events.csv")


@require_safe
@_readable_anywhere
def case_timelinejs(request: HttpRequest, slug: str) -> HttpResponse:
    case = get_published_case(slug)
    events = in_chunks(slide_events(case), with_citations)
    return _streamed(
        request, timeline_document(case, events, request.build_absolute_uri), "application/json"
    )


@require_safe
@_readable_anywhere
def case_feed(request: HttpRequest, slug: str) -> HttpResponse:
    return CaseFeed()(request, slug=slug)


@require_safe
@_readable_anywhere
def actor_feed(request: HttpRequest, slug: str) -> HttpResponse:
    return ActorFeed()(request, slug=slug)


def _sitemap_xml(content: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/xml")
    # The sitemap is for crawlers, not a page to show in results (as Django's own sitemaps).
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    """The sitemap index: the list pages' sitemap, then each page of each section."""

    def address(section: str, page: int) -> str:
        path = reverse("opendata:sitemap-section", args=[section])
        return request.build_absolute_uri(f"{path}?p={page}")

    pages = [address("pages", 1)]
    for name, section in sitemaps.SECTIONS.items():
        pages += [address(name, page) for page in sitemaps.section_pages(section)]
    return _sitemap_xml(sitemaps.index_xml(pages))


@require_safe
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """One page of the sitemap: at most `sitemaps.PAGE_SIZE` addresses, or a 404."""
    page_number = request.GET.get("p", "1")
    if not _PAGE_NUMBER.fullmatch(page_number):
        raise Http404(_("There is no such sitemap page."))
    page = int(page_number)
    if section == "pages" and page == 1:
        return _sitemap_xml(sitemaps.list_pages_xml(request.build_absolute_uri))
    content = None
    if section in sitemaps.SECTIONS:
        content = sitemaps.section_xml(sitemaps.SECTIONS[section], page, request.build_absolute_uri)
    if content is None:
        raise Http404(_("There is no such sitemap page."))
    return _sitemap_xml(content)


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
