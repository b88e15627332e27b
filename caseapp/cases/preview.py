"""Previews: staff see a case or event that is not public yet on its public page's layout.

A preview shows what publishing would put out: the draft actors that would be published
along and the sources no public page shows yet, each marked as such in words. It is marked
as a preview on the page, kept out of every cache and search engine, and is a 404 to anyone
who may not see it in admin, so its address gives nothing away.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from caseapp.cases.models import Case, Event, Participation, Source
from caseapp.cases.queries import count_case_facts, page_sources, with_timeline_details
from caseapp.cases.timeline import case_overview, timeline_page
from caseapp.publishing.models import PublicationStatus

# The public page shows only published events; a case's preview adds those awaiting review.
_PREVIEWED_STATUSES = [PublicationStatus.PUBLISHED, PublicationStatus.REVIEW]


def _require_preview_permission(request: HttpRequest, model: type[Model]) -> None:
    opts = model._meta
    user = request.user
    if not (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    ):
        raise Http404(_("There is nothing at this address."))


def _show_what_goes_along(events: Iterable[Event]) -> None:
    """Give `events` every participant, drafts too, in place of the public ones, and mark
    each cited source that no public page shows yet (`source.not_public`). Two queries."""
    events = list(events)
    participations = defaultdict(list)
    for participation in (
        Participation.objects.filter(event__in=events).select_related("actor").order_by("pk")
    ):
        participations[participation.event_id].append(participation)
    sources = [citation.source for event in events for citation in event.citations.all()]
    public = set(
        Source.objects.published()
        .filter(pk__in={source.pk for source in sources})
        .values_list("pk", flat=True)
    )
    for event in events:
        event.public_participations = participations[event.pk]
    for source in sources:
        source.not_public = source.pk not in public


def _preview_response(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    response = render(request, template, {**context, "is_preview": True})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
@never_cache
def event_preview(request: HttpRequest, pk: int) -> HttpResponse:
    _require_preview_permission(request, Event)
    events = with_timeline_details(Event.objects.filter(pk=pk)).select_related("case__lead_image")
    event = events.first()
    if event is None:
        raise Http404(_("There is nothing at this address."))
    _show_what_goes_along([event])
    context = {
        "event": event,
        "case": event.case,
        "previous": None,
        "following": None,
        "timeline_url": reverse("preview:case", args=[event.case_id]),
        "admin_url": reverse("admin:cases_event_change", args=[event.pk]),
    }
    return _preview_response(request, "admin/preview/event.html", context)


@require_safe
@never_cache
def case_preview(request: HttpRequest, pk: int) -> HttpResponse:
    _require_preview_permission(request, Case)
    case = Case.objects.select_related("lead_image").filter(pk=pk).first()
    if case is None:
        raise Http404(_("There is nothing at this address."))
    events = case.events.filter(publication_status__in=_PREVIEWED_STATUSES)
    page, page_error = timeline_page(request, events)
    facts = count_case_facts(events)
    if page is not None:
        _show_what_goes_along(page.object_list)
    context = {
        "case": case,
        "page": page,
        "page_error": page_error,
        **case_overview(case, events, facts, today=timezone.localdate()),
        "sources_here": True,
        "page_sources": page_sources(page.object_list) if page is not None else [],
        "admin_url": reverse("admin:cases_case_change", args=[case.pk]),
    }
    return _preview_response(request, "admin/preview/case.html", context)
