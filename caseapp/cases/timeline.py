"""Timeline pages: one page of events from a queryset and a request, or for an HTMX request
the page's `timeline` partial alone. A case's page, an actor's profile, the timeline of all
cases, a source's page, the embeddable widget and the staff preview all page their events
here, in timeline order (`EventQuerySet.in_timeline_order`).

A page with filters answers an HTMX request from its filter form or page links with only its
`timeline` partial (`is_fragment_request`, `render_timeline_fragment`);
everything else gets the page. Above a case's timeline, its page and its preview show the
same overview of the whole case (`case_overview`).
"""

from django.core.paginator import InvalidPage, Page
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django_htmx.http import push_url
from django_htmx.middleware import HtmxDetails

from caseapp.cases.facets import Facet
from caseapp.cases.filters import CASE_FIELDS, TimelineFilter, filter_events
from caseapp.cases.models import Case, Event
from caseapp.cases.pagination import EVENTS_PER_PAGE, TimelinePaginator
from caseapp.cases.status import case_status

# The case page names this many milestones; the timeline marks them all.
KEY_DATES = 10
# Longer page "numbers" are cut when quoted back in a message.
_QUOTED_NUMBER_LENGTH = 20

# A timeline view answers differently to each: a page, a fragment, a page for htmx to pick, or
# the choices of the facet whose search field asked (its id is the target).
VARY_HEADERS = ("HX-Request", "HX-Boosted", "HX-History-Restore-Request", "HX-Target")


class HtmxHttpRequest(HttpRequest):
    """A request that django-htmx's middleware has looked at."""

    htmx: HtmxDetails


def is_fragment_request(request: HtmxHttpRequest) -> bool:
    """True when htmx asks for the `timeline` fragment alone: the filter form or a page link.

    Boosted links (the chips) and Back-button restores get the whole page, from which htmx
    takes what it needs, so a restored page is never just a fragment.
    """
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def timeline_page(
    request: HttpRequest,
    events: QuerySet[Event],
    *,
    count: int | None = None,
    exact=True,
    key: str | None = None,
) -> tuple[Page | None, str]:
    """One page of `events` (ordered) with their details from `?page=`, or None and a readable
    reason when there is no such page. `count` is how many `events` there are, when known,
    or with `exact` false how many there are at least. `key`, when given, names `events`
    (their scope, filters and order) for the page's keys to be kept for the generation."""
    number = request.GET.get("page") or "1"
    if not exact and _first_index(number) >= count:
        # A page past what was counted: count them all once, so that it is read from the end.
        count, exact = events.order_by().count(), True
    paginator = TimelinePaginator(events, EVENTS_PER_PAGE, count=count, exact=exact, key=key)
    try:
        return paginator.page(number), ""
    except InvalidPage:
        if paginator.num_pages == 1:
            reason = _("This timeline has only one page.")
        else:
            reason = _("This timeline has pages 1 to %(last)d.") % {"last": paginator.num_pages}
        return None, _("There is no page “%(number)s”. %(reason)s") % {
            "number": number[:_QUOTED_NUMBER_LENGTH],
            "reason": reason,
        }


def _first_index(number: str) -> int:
    """The index of the first event of page `number`, or -1 for a page that cannot exist."""
    try:
        return (int(number) - 1) * EVENTS_PER_PAGE
    except ValueError:
        return -1


def page_number_of(event: Event) -> int:
    """The page of its case's published timeline that shows `event`, from a count of the
    events before it along the case's timeline index."""
    return event.case.events.published().earlier_than(event).count() // EVENTS_PER_PAGE + 1


def canonical_url(request: HttpRequest, path: str, page: Page | None = None) -> str:
    """The page's own address without filters; a later page of a timeline keeps its number."""
    if page is not None and page.number > 1:
        path = f"{path}?page={page.number}"
    return request.build_absolute_uri(path)


def filtered_timeline(
    request: HtmxHttpRequest,
    events: QuerySet[Event],
    *,
    scope_key: str | None,
    fields=CASE_FIELDS,
    newest_first: bool = False,
) -> tuple[dict, int]:
    """What every timeline page shows of `events` under the request's filters, one page of it,
    and the status to answer with (404 for a page that does not exist). `scope_key` names what
    `events` stand for (`case:12`), for what is cached about them (`filter_events`).
    `newest_first` turns the timeline's order round."""
    filtering = filter_events(request, events, fields=fields, scope_key=scope_key)
    ordered = filtering.events.in_timeline_order(newest_first=newest_first)
    key = filtering.key
    if key is not None and newest_first:
        key = f"{key}:newest"
    page, page_error = timeline_page(
        request,
        ordered,
        count=filtering.count,
        exact=filtering.count_is_exact,
        key=key,
    )
    context = {
        "filtering": filtering,
        "live_filtering": True,
        "page": page,
        "page_error": page_error,
    }
    return context, 404 if page_error else 200


def render_timeline_fragment(
    request: HtmxHttpRequest, template: str, context: dict, *, status: int
) -> HttpResponse:
    """Only the `timeline` partial of `template`, with the counts and messages htmx puts
    beside it; the address bar then shows the filtered address without empty fields."""
    facet = _searched_facet(request, context["filtering"])
    if facet is not None:
        # A facet's own search: its choices alone, and the address stays as it is.
        context = {**context, "facet": facet}
        return render(request, "cases/_filters.html#facet-choices", context)
    context = {**context, "fragment": True}
    response = render(request, f"{template}#timeline", context, status=status)
    return push_url(response, context["filtering"].address)


def _searched_facet(request: HtmxHttpRequest, filtering: TimelineFilter) -> Facet | None:
    """The facet whose search field asked (htmx targets its choices), if one did."""
    target = request.htmx.target or ""
    if target.startswith("facet-") and target.endswith("-choices"):
        return filtering.facet(target.removeprefix("facet-").removesuffix("-choices"))
    return None


def case_overview(case: Case, events: QuerySet[Event], facts: dict, *, today) -> dict:
    """What a case's page shows about the whole case above its timeline, whatever the
    timeline's filter: its `facts` (`case_facts`), its status card and its first key dates,
    both read from `events` only if the page shows them (a case page keeps its intro
    rendered: `{% cached_for_generation %}`)."""

    def key_dates() -> list[Event]:
        milestones = list(events.filter(is_milestone=True)[:KEY_DATES])
        for event in milestones:
            event.case = case
        return milestones

    return {
        "today": today,
        "span": facts["span"],
        "status_card": SimpleLazyObject(
            lambda: case_status(case, events, today=today, latest_update=facts["span"]["updated"])
        ),
        "milestone_count": facts["span"]["milestones"],
        "source_count": facts["source_count"],
        "sources": facts["sources"],
        "key_dates": SimpleLazyObject(key_dates),
    }
