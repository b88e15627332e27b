"""Public pages of cases and events: the home page, a case and its timeline, an event's permalink
and the timeline of all cases. Everything here starts from `.published()`.

A timeline page answers an HTMX request from its filter form or page links with only its
`timeline` partial; how is in `caseapp.cases.timeline`, shared with the other apps' timelines.
"""

from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Prefetch, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from caseapp.actors.models import Actor
from caseapp.cases.counting import LIST_COUNT_LIMIT, count_up_to
from caseapp.cases.filters import ALL_FIELDS
from caseapp.cases.models import Case, Citation, Event, FacetCount, Source
from caseapp.cases.pagination import COUNT_LIMIT, asked_page
from caseapp.cases.queries import (
    case_facts,
    get_published_case,
    page_sources,
    with_timeline_details,
)
from caseapp.cases.strip import case_strip
from caseapp.cases.timeline import (
    VARY_HEADERS,
    HtmxHttpRequest,
    canonical_url,
    case_overview,
    filtered_timeline,
    is_fragment_request,
    page_number_of,
    render_timeline_fragment,
    timeline_page,
)


def _get_published_event(case_slug: str, slug: str) -> Event:
    events = Event.objects.published().filter(case__slug=case_slug, slug=slug)
    event = with_timeline_details(events).select_related("case__lead_image").first()
    if event is None:
        raise Http404(_("There is no published event at this address."))
    return event


def _neighbours(event: Event) -> tuple[Event | None, Event | None]:
    """The published events just before and just after `event` in its case's timeline: one
    step along the case's timeline index each way, however long the case."""
    siblings = Event.objects.published().filter(case=event.case_id)
    previous = siblings.earlier_than(event).in_timeline_order(newest_first=True).first()
    following = siblings.later_than(event).in_timeline_order().first()
    # The case is known: joined, it would lead the database away from the timeline index.
    for neighbour in (previous, following):
        if neighbour is not None:
            neighbour.case = event.case
    return previous, following


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    cases_per_page = 20
    # Each case's newest published event, one probe of its timeline index from the end.
    newest_first = (
        Event.objects.published().filter(case=OuterRef("pk")).in_timeline_order(newest_first=True)
    )
    cases = (
        Case.objects.published()
        .annotate(
            latest_activity=Subquery(newest_first.values("range_start")[:1]),
            latest_event_id=Subquery(newest_first.values("pk")[:1]),
        )
        .select_related("lead_image")
        .prefetch_related(Prefetch("subjects", queryset=Actor.objects.published()))
        .order_by(F("latest_activity").desc(nulls_last=True), "title", "pk")
    )
    paginator = Paginator(cases, cases_per_page)
    page, error = asked_page(paginator, request.GET.get("page"))
    if page is None:
        last = paginator.num_pages
        pages = (
            _("The cases fill one page.") if last == 1 else _("The cases fill pages 1 to %(last)d.")
        )
        context = {
            "page_error": f"{error} {pages % {'last': last}}",
            "canonical_url": canonical_url(request, request.path),
        }
        return render(request, "cases/home.html", context, status=404)
    # The page's newest events, each with its case's published events counted up to a limit:
    # the largest case costs the page no more than a small one. Their case is public already,
    # so the count reads the events' own status from the case's index alone.
    of_the_case = Event.objects.published_status().filter(case=OuterRef("case"))
    latest_events = (
        Event.objects.published()
        .filter(pk__in=[case.latest_event_id for case in page if case.latest_event_id])
        .annotate(
            case_event_count=count_up_to(of_the_case.order_by().values("pk"), LIST_COUNT_LIMIT)
        )
        .select_related("place")
        .in_bulk()
    )
    for case in page:
        case.latest_event = latest_events.get(case.latest_event_id)
        case.event_count = case.latest_event.case_event_count if case.latest_event else 0
        if case.latest_event:
            case.latest_event.case = case
    context = {
        "page": page,
        "event_count_limit": LIST_COUNT_LIMIT,
        "canonical_url": canonical_url(request, request.path, page),
    }
    return render(request, "cases/home.html", context)


@require_safe
@vary_on_headers(*VARY_HEADERS)
def case_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    case = get_published_case(slug)
    events = case.events.published()
    timeline, status = filtered_timeline(request, events, scope_key=f"case:{case.pk}")
    page = timeline["page"]
    facts = case_facts(case)
    context = {
        "case": case,
        **timeline,
        # The timeline's footnotes point to the Sources list below it.
        "sources_here": True,
        "page_sources": SimpleLazyObject(
            lambda: page_sources(page.object_list) if page is not None else []
        ),
        "source_count": facts["source_count"],
    }
    if is_fragment_request(request):
        return render_timeline_fragment(request, "cases/case.html", context, status=status)
    today = timezone.localdate()
    context = {
        **context,
        **case_overview(case, events, facts, today=today),
        "strip": SimpleLazyObject(lambda: case_strip(case, today=today, span=facts["span"])),
        "canonical_url": canonical_url(request, case.get_absolute_url(), timeline["page"]),
    }
    return render(request, "cases/case.html", context, status=status)


@require_safe
def event_detail(request: HttpRequest, case_slug: str, slug: str) -> HttpResponse:
    event = _get_published_event(case_slug, slug)
    previous, following = _neighbours(event)
    context = {
        "event": event,
        "case": event.case,
        "previous": previous,
        "following": following,
        "timeline_url": reverse("cases:event-in-timeline", args=[event.case.slug, event.slug]),
        "canonical_url": canonical_url(request, event.get_absolute_url()),
    }
    return render(request, "cases/event.html", context)


@require_safe
@vary_on_headers(*VARY_HEADERS)
def timeline(request: HtmxHttpRequest) -> HttpResponse:
    events = Event.objects.published()
    order, order_error = _timeline_order(request)
    timeline, status = filtered_timeline(
        request, events, scope_key="all", fields=ALL_FIELDS, newest_first=order == "newest"
    )
    context = {
        **timeline,
        "show_case": True,
        "order": order,
        "order_error": order_error,
        "order_choices": [("oldest", _("Oldest first")), ("newest", _("Newest first"))],
    }
    if is_fragment_request(request):
        return render_timeline_fragment(request, "cases/timeline.html", context, status=status)
    context["canonical_url"] = canonical_url(request, request.path, timeline["page"])
    return render(request, "cases/timeline.html", context, status=status)


def _timeline_order(request: HttpRequest) -> tuple[str, str]:
    """The order `?order=` asks for, `oldest` (first) or `newest`, and a readable message
    when it asks for neither (the timeline then stays oldest first)."""
    asked = request.GET.get("order", "").strip()
    if asked in ("", "oldest", "newest"):
        return asked or "oldest", ""
    message = _("There is no order “%(order)s”: choose oldest first or newest first.")
    return "oldest", message % {"order": asked[:20]}


@require_safe
def event_in_timeline(request: HttpRequest, case_slug: str, slug: str) -> HttpResponse:
    """Sends a visitor to the page of the case's timeline that shows this event. Counting the
    events before it costs as much as its place in the case, so it is done here, when asked,
    and not on every visit of the event's page."""
    event = _get_published_event(case_slug, slug)
    number = page_number_of(event)
    page = f"?page={number}" if number > 1 else ""
    return redirect(f"{event.case.get_absolute_url()}{page}#{event.slug}")


def _get_published_source(slug: str) -> Source:
    source = Source.objects.published().filter(slug=slug).first()
    if source is None:
        raise Http404(_("There is no published source at this address."))
    return source


@require_safe
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One source and every published event of every case that cites it, 25 a page."""
    source = _get_published_source(slug)
    # By the source's citations (its index), not by walking every event for one that cites it.
    citing = Citation.objects.filter(source=source).values("event_id")
    events = Event.objects.published().filter(pk__in=citing)
    # Counted up to a limit, like a filter's matches: a source cited a million times costs
    # the page no more than the limit.
    count = events.order_by()[: COUNT_LIMIT + 1].count()
    page, page_error = timeline_page(
        request, events, count=min(count, COUNT_LIMIT), exact=count <= COUNT_LIMIT
    )
    context = {
        "source": source,
        "page": page,
        "page_error": page_error,
        "canonical_url": canonical_url(request, source.get_absolute_url(), page),
    }
    return render(request, "cases/source.html", context, status=404 if page_error else 200)


SOURCES_PER_PAGE = 25


@require_safe
def case_sources(request: HttpRequest, slug: str) -> HttpResponse:
    """Every source of a case, numbered as its timeline's footnotes number them: most cited
    first, from the counts kept on save, 25 a page."""
    case = get_published_case(slug)
    ranked = (
        FacetCount.objects.filter(case=case, facet="source", count__gt=0)
        .order_by("-count", "value")
        .values_list("value", "count")
    )
    page, error = asked_page(Paginator(ranked, SOURCES_PER_PAGE), request.GET.get("page"))
    if page is None:
        context = {"case": case, "page": None, "page_error": error, "sources": []}
        return render(request, "cases/case_sources.html", context, status=404)
    found = Source.objects.in_bulk([int(value) for value, _count in page])
    sources = []
    for position, (value, citing) in enumerate(page, start=page.start_index()):
        source = found.get(int(value))
        if source is not None:
            source.number, source.citing_events = position, citing
            sources.append(source)
    context = {
        "case": case,
        "page": page,
        "page_error": "",
        "sources": sources,
        "canonical_url": canonical_url(
            request, reverse("cases:case-sources", args=[case.slug]), page
        ),
    }
    return render(request, "cases/case_sources.html", context)
