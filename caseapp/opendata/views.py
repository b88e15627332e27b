"""Open data and discovery: a case's exports and feeds, and the sitemap. All of it is public,
read-only and cookie-free; nothing here reaches a draft."""

import re
from collections.abc import Callable, Iterator
from functools import wraps

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from caseapp.cases.queries import get_published_case
from caseapp.i18n import codes
from caseapp.opendata import licence, sitemaps
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
    # Every download of a case names the licence it may be reused under.
    response["Link"] = licence.link_header()
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
    """The case for TimelineJS, in the original or the language `?lang=` names (a 400 for one
    the site does not have)."""
    languages = codes()
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    if language not in languages:
        # Translators: the codes stay as they are: they are what the address takes.
        message = _("“%(value)s” is not a language of Casefile: use %(words)s.") % {
            "value": language[:40],
            "words": ", ".join(languages),
        }
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    case = get_published_case(slug)
    events = in_chunks(slide_events(case), with_citations)
    document = timeline_document(case, events, request.build_absolute_uri, language)
    return _streamed(request, document, "application/json")


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
    """One page of the sitemap: the addresses of at most `sitemaps.PAGE_SIZE` records, each in
    every language (`sitemaps.ADDRESSES_PER_PAGE` in all), or a 404."""
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
