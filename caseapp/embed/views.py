"""The embeddable widget: the page embeds load in an iframe, the loader script that makes those
iframes, and the oEmbed provider. The widget pages are the only ones other sites may frame."""

import copy
import functools
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from urllib.parse import SplitResult, urlencode, urlsplit

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Q, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from caseapp.cases.filters import filter_events
from caseapp.cases.models import Case, Event
from caseapp.cases.strip import case_strip
from caseapp.cases.timeline import page_number_of, timeline_page
from caseapp.embed.forms import FrameSizeForm, WidgetOptions, WidgetOptionsForm
from caseapp.embed.snippets import (
    COMPACT_LIMIT,
    COMPACT_MILESTONES,
    DEFAULT_HEIGHT,
    DEFAULT_WIDTH,
    iframe_code,
    widget_title,
    widget_url,
    with_query,
)
from caseapp.i18n import prefixed_language

LOADER_MAX_AGE = 3600
_URL_MAX_LENGTH = 2000


def _framable_by_embedders(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let other sites frame this view: any site, or only EMBED_ALLOWED_ORIGINS.

    Read per request, so the setting applies without a restart of the URL configuration.
    """

    @functools.wraps(view)
    def framable(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        ancestors = csp_replace({"frame-ancestors": settings.EMBED_ALLOWED_ORIGINS})
        return ancestors(view)(request, *args, **kwargs)

    return xframe_options_exempt(framable)


def _get_published_case(slug: str) -> Case | None:
    return Case.objects.published().filter(slug=slug).first()


def _latest(events: QuerySet[Event], limit: int) -> QuerySet[Event]:
    """The latest `limit` events, to be put in either order."""
    latest = events.in_timeline_order(newest_first=True).values("pk")[:limit]
    return events.filter(pk__in=Subquery(latest))


def _compact(events: QuerySet[Event], limit: int) -> QuerySet[Event]:
    """The latest `limit` events and the latest milestones (`COMPACT_MILESTONES`): bounded
    however long the timeline, each read from the end of the timeline index."""
    latest = events.in_timeline_order(newest_first=True).values("pk")[:limit]
    milestones = (
        events.filter(is_milestone=True)
        .in_timeline_order(newest_first=True)
        .values("pk")[:COMPACT_MILESTONES]
    )
    return events.filter(Q(pk__in=Subquery(latest)) | Q(pk__in=Subquery(milestones)))


def _full_view_url(query: QueryDict, options: WidgetOptions, filters: list[tuple[str, str]]) -> str:
    """This widget's address with every event (`view=full`): the filters and options it
    accepted, named in the order its address named them, without its page or limit."""
    accepted = defaultdict(list)
    for name, value in [*filters, *options.as_params()]:
        if name not in ("view", "limit"):
            accepted[name].append(value)
    kept = [(name, value) for name in query if name in accepted for value in accepted[name]]
    return f"?{urlencode([*kept, ('view', 'full')])}"


# Cached, compressed and revalidated as `public_embed` (caseapp/pagecache.py).
@require_safe
@_framable_by_embedders
def case_widget(request: HttpRequest, slug: str) -> HttpResponse:
    """The widget in the language `lang` asks for (English by default): its words, its dates
    and the pages its links open (/de/cases/…)."""
    options_form = WidgetOptionsForm(request.GET)
    with translation.override(options_form.options.lang):
        return _case_widget(request, slug, options_form)


def _case_widget(request: HttpRequest, slug: str, options_form: WidgetOptionsForm) -> HttpResponse:
    case = _get_published_case(slug)
    if case is None:
        # Rendered here rather than raised, so the message shows inside the embedding site's frame.
        context = {"message": _("This timeline is not available."), "theme": "auto"}
        response = render(request, "embed/unavailable.html", context, status=404)
        # Briefly: the case may be published any minute.
        patch_cache_control(response, public=True, max_age=60)
        return response
    options = options_form.options
    filtering = filter_events(request, case.events.published(), scope_key=f"case:{case.pk}")
    filters = filtering.applied
    problems = options_form.problems
    problems += [message for messages in filtering.errors.values() for message in messages]
    events, count = filtering.events, filtering.count
    shown, shown_count, exact = events, count, filtering.count_is_exact
    compact = options.view == "compact"
    if compact:
        shown = _compact(events, options.limit or COMPACT_LIMIT)
        shown_count, exact = shown.order_by().count(), True
    elif options.limit is not None:
        # At most a hundred: fewer than an inexact count's lower bound, so known exactly.
        shown, shown_count = _latest(events, options.limit), min(count, options.limit)
        exact = True
    ordered = shown.in_timeline_order(newest_first=options.order == "desc")
    page, page_error = timeline_page(request, ordered, count=shown_count, exact=exact)
    hidden_count = count - shown_count
    context = {
        "case": case,
        "theme": options.theme,
        "problems": problems,
        "page": page,
        "page_error": page_error,
        "show_case": False,
        "hidden_count": hidden_count,
        "hidden_count_is_exact": filtering.count_is_exact,
        "is_filtered": filtering.is_active,
        "compact": compact,
        "count": count,
        "count_is_exact": filtering.count_is_exact,
        "chips": filtering.chips,
        # The same widget with every event: in place, the frame's own address.
        "full_url": _full_view_url(request.GET, options, filters),
        "case_url": request.build_absolute_uri(with_query(case.get_absolute_url(), filters)),
        # The whole case at a glance, whatever the widget's filters; the page cache keeps a
        # widget for a day at most, so its "today" is right.
        "strip": case_strip(case, today=timezone.localdate()),
    }
    status = 400 if problems else 404 if page_error else 200
    return render(request, "embed/widget.html", context, status=status)


@require_safe
@cache_control(public=True, max_age=LOADER_MAX_AGE)
def loader(request: HttpRequest) -> HttpResponse:
    """`/embed.js`: a stable address third parties include, unlike our hashed static files."""
    source = Path(finders.find("embed/embed.js")).read_bytes()
    return HttpResponse(source, content_type="text/javascript; charset=utf-8")


def _oembed_problem(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _embedded_target(request: HttpRequest, url: str) -> tuple[Case, Event | None] | None:
    """The published case or event a URL of this site points to, or None."""
    parts = urlsplit(url)
    if parts.netloc.lower() != request.get_host().lower():
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name == "cases:case":
        case = _get_published_case(match.kwargs["slug"])
        return (case, None) if case is not None else None
    if match.view_name == "cases:event":
        event = (
            Event.objects.published()
            .filter(case__slug=match.kwargs["case_slug"], slug=match.kwargs["slug"])
            .select_related("case")
            .first()
        )
        return (event.case, event) if event is not None else None
    return None


def _event_anchor(event: Event, language: str) -> tuple[list[tuple[str, str]], str]:
    """The page of the full widget (`view=full`) in `language` that shows `event` in its case's
    timeline, and its anchor: a compact widget may leave the event out."""
    number = page_number_of(event)
    page = [("page", str(number))] if number > 1 else []
    return [*WidgetOptions(view="full", lang=language).as_params(), *page], f"#{event.slug}"


def _accepted_filters(request: HttpRequest, case: Case, query: str) -> list[tuple[str, str]]:
    """The filters `case`'s page accepts from the query string `query`: those its links keep."""
    page_request = copy.copy(request)
    page_request.GET = QueryDict(query)
    return filter_events(page_request, case.events.published()).applied


@require_safe
def oembed(request: HttpRequest) -> HttpResponse:
    """oEmbed 1.0 for case and event pages: a `rich` answer whose HTML is the widget's iframe.

    An event embeds its case's widget at that event, so a reader sees what came before and after.
    """
    answer_format = request.GET.get("format") or "json"
    # The spec's other format: 501, as it asks. Anything else is a malformed request.
    if answer_format == "xml":
        return _oembed_problem(_("Only format=json is available."), 501)
    if answer_format != "json":
        return _oembed_problem(_("Ask for format=json."), 400)
    url = request.GET.get("url", "")
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        return _oembed_problem(_("Give the address of a case or an event in url=."), 400)
    if len(url) > _URL_MAX_LENGTH:
        return _oembed_problem(_("This address is too long."), 400)
    size_form = FrameSizeForm(request.GET)
    if not size_form.is_valid():
        return _oembed_problem(size_form.problems[0], 400)
    width, height = size_form.size(DEFAULT_WIDTH, DEFAULT_HEIGHT)
    # A page's language is in its address (/de/cases/…): the widget speaks it too.
    language = prefixed_language(parts.path) or settings.LANGUAGE_CODE
    with translation.override(language):
        return _oembed_answer(request, url, parts, language, (width, height))


def _oembed_answer(
    request: HttpRequest, url: str, parts: SplitResult, language: str, size: tuple[int, int]
) -> HttpResponse:
    width, height = size
    target = _embedded_target(request, url)
    if target is None:
        return _oembed_problem(_("There is no published case or event at this address."), 404)
    case, event = target
    params = WidgetOptions(lang=language).as_params() + _accepted_filters(
        request, case, parts.query
    )
    anchor, title = "", case.title
    if event is not None:
        params, anchor = _event_anchor(event, language)
        title = event.title
    src = widget_url(request, case, params) + anchor
    answer = {
        "version": "1.0",
        "type": "rich",
        "provider_name": "Casefile",
        "provider_url": request.build_absolute_uri(reverse("cases:home")),
        "title": title,
        "html": iframe_code(src, widget_title(case), width, height),
        "width": width,
        "height": height,
        "cache_age": settings.EMBED_MAX_AGE,
    }
    response = JsonResponse(answer, json_dumps_params={"ensure_ascii": False})
    # Public data: consumers in a browser may read it too.
    response["Access-Control-Allow-Origin"] = "*"
    return response
