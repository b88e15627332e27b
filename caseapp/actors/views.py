"""Public pages of actors: the directory and each actor's profile with their events."""

from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from caseapp.actors.lookups import get_published_actor
from caseapp.actors.models import Actor, ActorKind
from caseapp.cases.filters import VARY_HEADERS, HtmxHttpRequest, is_fragment_request
from caseapp.cases.models import Case, Event, Participation
from caseapp.cases.publishing import PublicationStatus
from caseapp.cases.views import canonical_url, filtered_timeline, render_timeline_fragment

# Longer searches than this are cut: no name or alias is that long.
MAX_QUERY_LENGTH = 100

KIND_HEADINGS = {
    ActorKind.PERSON: gettext_lazy("People"),
    ActorKind.ORGANISATION: gettext_lazy("Organisations"),
    ActorKind.GOVERNMENT: gettext_lazy("Government bodies"),
    ActorKind.COURT: gettext_lazy("Courts"),
    ActorKind.GROUP: gettext_lazy("Groups"),
    ActorKind.OTHER: gettext_lazy("Others"),
}

# An actor's events count only where both the event and its case are public.
_PUBLIC_PARTICIPATION = Q(
    participations__event__publication_status=PublicationStatus.PUBLISHED,
    participations__event__case__publication_status=PublicationStatus.PUBLISHED,
)


def _kind_from(request: HttpRequest) -> tuple[str, str]:
    """The `?kind=` asked for (empty for all) and a readable message when it is not a kind."""
    kind = request.GET.get("kind", "").strip()
    if kind and kind not in ActorKind.values:
        choices = ", ".join(str(label) for label in KIND_HEADINGS.values())
        return "", _("There is no kind of actor called “%(kind)s”. Choose one of: %(choices)s.") % {
            "kind": kind[:40],
            "choices": choices,
        }
    return kind, ""


def _kind_groups(actors: list[Actor]) -> list[tuple[str, str, list[Actor]]]:
    """Actors grouped by kind in the order of `KIND_HEADINGS`, leaving out empty kinds."""
    groups = []
    for kind, heading in KIND_HEADINGS.items():
        members = [actor for actor in actors if actor.kind == kind]
        if members:
            groups.append((kind, heading, members))
    return groups


@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    kind, kind_error = _kind_from(request)
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    actors = Actor.objects.published().annotate(
        event_count=Count("participations__event", filter=_PUBLIC_PARTICIPATION, distinct=True)
    )
    if kind:
        actors = actors.filter(kind=kind)
    if query:
        actors = actors.filter(Q(name__icontains=query) | Q(aliases__icontains=query))
    actors = list(actors.order_by("name"))
    kind_counts = dict(
        Actor.objects.published().values_list("kind").annotate(total=Count("pk")).order_by()
    )
    context = {
        "groups": _kind_groups(actors),
        "result_count": len(actors),
        "kind": kind,
        "kind_error": kind_error,
        "query": query,
        "kinds": [
            (value, heading, kind_counts.get(value, 0)) for value, heading in KIND_HEADINGS.items()
        ],
        "canonical_url": canonical_url(request, request.path),
    }
    return render(request, "actors/directory.html", context, status=400 if kind_error else 200)


@require_safe
@vary_on_headers(*VARY_HEADERS)
def actor_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    actor = get_published_actor(slug)
    # Exists rather than a join: an actor with two roles in one event lists it once.
    takes_part = Participation.objects.filter(event=OuterRef("pk"), actor=actor)
    events = Event.objects.published().filter(Exists(takes_part))
    timeline, status = filtered_timeline(request, events)
    context = {"actor": actor, **timeline, "show_case": True}
    if is_fragment_request(request):
        return render_timeline_fragment(request, "actors/actor.html", context, status=status)
    cases = (
        Case.objects.published()
        .filter(Q(events__in=events) | Q(subjects=actor))
        .distinct()
        .order_by("title")
    )
    context = {
        **context,
        "cases": cases,
        "canonical_url": canonical_url(request, actor.get_absolute_url(), timeline["page"]),
    }
    return render(request, "actors/actor.html", context, status=status)
