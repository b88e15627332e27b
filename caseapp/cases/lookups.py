"""The published records public views start from, each fetched in a fixed number of queries.

Pages, feeds, exports and the embed all look cases and events up here, so there is one place
that decides what is public: a draft or a record in review is never reachable through it.
"""

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from caseapp.actors.models import Actor
from caseapp.cases import generation
from caseapp.cases.models import Case, Citation, Event, Participation, Place, Source
from caseapp.cases.publishing import PublicationStatus


def get_published_case(slug: str) -> Case:
    """A published case with its lead image and published subjects, or 404."""
    case = (
        Case.objects.published()
        .select_related("lead_image")
        .prefetch_related(Prefetch("subjects", queryset=Actor.objects.published()))
        .filter(slug=slug)
        .first()
    )
    if case is None:
        raise Http404(_("There is no published case at this address."))
    return case


def public_participations() -> QuerySet[Participation]:
    """Roles of published actors only: a draft actor on a published event stays hidden."""
    return (
        Participation.objects.filter(actor__publication_status=PublicationStatus.PUBLISHED)
        .select_related("actor")
        .order_by("pk")
    )


def with_timeline_details(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events with their case, place, public participants (as `public_participations`) and
    citations with their sources, in a fixed number of queries however many there are.

    The case comes in a query of its own: joined, it would steer the database to start from
    the cases and sort every event of the case."""
    return events.select_related("place").prefetch_related(
        "case",
        Prefetch(
            "participations", queryset=public_participations(), to_attr="public_participations"
        ),
        Prefetch("citations", queryset=Citation.objects.select_related("source")),
    )


# A case names this many of its sources and places; the open data holds them all.
TOP_SOURCES = 10
TOP_PLACES = 20


def case_facts(case: Case) -> dict:
    """What a case page and its structured data say about the whole case — its span, how many
    events, milestones and sources it has, its most cited sources and most frequent places —
    counted once per publication generation."""
    events = case.events.published()
    return generation.cached("case-facts", case.pk, compute=lambda: count_case_facts(events))


def count_case_facts(events: QuerySet[Event]) -> dict:
    """`case_facts` of these events, counted now (for a staff preview, say)."""
    span = events.aggregate(
        count=Count("pk"),
        first=Min("range_start"),
        last=Max("range_end"),
        first_year=Min("range_start__year"),
        last_year=Max("range_start__year"),
        ongoing=Count("pk", filter=Q(range_end__isnull=True)),
        updated=Max("updated_at"),
        milestones=Count("pk", filter=Q(is_milestone=True)),
    )
    citations = Citation.objects.filter(event__in=events.values("pk"))
    cited = (
        citations.values("source")
        .annotate(events=Count("event", distinct=True))
        .order_by("-events", "source")
    )
    citing = {row["source"]: row["events"] for row in cited[:TOP_SOURCES]}
    sources = sorted(
        Source.objects.filter(pk__in=citing), key=lambda source: (-citing[source.pk], source.title)
    )
    for source in sources:
        source.citing_events = citing[source.pk]
    frequent = (
        events.filter(place__isnull=False)
        .values("place")
        .annotate(events=Count("pk"))
        .order_by("-events", "place")[:TOP_PLACES]
    )
    places = Place.objects.filter(pk__in=[row["place"] for row in frequent]).order_by("name")
    return {
        "span": span,
        "source_count": cited.count(),
        "sources": sources,
        "places": list(places),
    }
