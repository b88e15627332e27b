"""The published records public views start from, each fetched in a fixed number of queries.

Pages, feeds, exports and the embed all look cases and events up here, so there is one place
that decides what is public: a draft or a record in review is never reachable through it.
"""

from collections.abc import Iterable

from django.db import connection
from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from caseapp.actors.models import Actor
from caseapp.cases import generation
from caseapp.cases.models import (
    Case,
    Citation,
    Event,
    FacetCount,
    Participation,
    Place,
    Source,
)
from caseapp.publishing.models import PublicationStatus


def get_published_case(slug: str) -> Case:
    """A published case with its lead image and published subjects, or 404; read once per
    publication generation (publishing, editing or withdrawing either bumps it)."""
    # Here: the page cache's module reads the filters, which read these look-ups.
    from caseapp.pagecache import release

    # Boxed: a case that is not public is remembered too, and a cached None would read as a
    # miss. A model instance of the deployed code: a shared cache outlives a deploy.
    (case,) = generation.cached(
        "published-case", release(), slug, compute=lambda: [_read_published_case(slug)]
    )
    if case is None:
        raise Http404(_("There is no published case at this address."))
    return case


def _read_published_case(slug: str) -> Case | None:
    return (
        Case.objects.published()
        .select_related("lead_image")
        .prefetch_related(Prefetch("subjects", queryset=Actor.objects.published()))
        .filter(slug=slug)
        .first()
    )


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


def source_numbers(cited: Iterable[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """The number of each `(case, source)` in its case's Sources list: its rank among the
    case's sources, most cited first (the order of `case_facts`' sources), so a source keeps its
    number on every page of the timeline. One pass over the counts kept on save of the cases
    concerned; a source no published event of the case cites (in a preview) has none."""
    cited = set(cited)
    if not cited:
        return {}
    cases = sorted({case for case, _source in cited})
    values = sorted({str(source) for _case, source in cited})
    quote = connection.ops.quote_name
    case, value, count = quote("case_id"), quote("value"), quote("count")
    # Ranked in SQL and only then narrowed to the page's sources: a filter on the sources in
    # the same query would rank them among themselves. Only quoted names and placeholders.
    sql = (
        f"SELECT ranked.case_id, ranked.value, ranked.number FROM ("  # noqa: S608
        f"SELECT {case} AS case_id, {value} AS value, ROW_NUMBER() OVER "
        f"(PARTITION BY {case} ORDER BY {count} DESC, {value}) AS number "
        f"FROM {quote(FacetCount._meta.db_table)} WHERE {quote('facet')} = %s AND {count} > 0 "
        f"AND {case} IN ({', '.join(['%s'] * len(cases))})) ranked "
        f"WHERE ranked.value IN ({', '.join(['%s'] * len(values))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ["source", *cases, *values])
        rows = cursor.fetchall()
    numbers = {(case, int(value)): number for case, value, number in rows}
    return {pair: number for pair, number in numbers.items() if pair in cited}


def number_citations(events: Iterable[Event]) -> None:
    """Give every citation of these events (prefetched) its source's `number` in its case's
    Sources list (`source_numbers`), or None."""
    citations = [
        (event.case_id, citation) for event in events for citation in event.citations.all()
    ]
    numbers = source_numbers((case, citation.source_id) for case, citation in citations)
    for case, citation in citations:
        citation.number = numbers.get((case, citation.source_id))


def page_sources(events: Iterable[Event]) -> list[Source]:
    """The sources these events cite (numbered: `number_citations`), in the order of their
    numbers: the Sources list of one page of a case's timeline. Read from the events' citations,
    which the page's timeline reads anyway, so it costs no query of its own."""
    sources: dict[int, Source] = {}
    for event in events:
        for citation in event.citations.all():
            source = sources.setdefault(citation.source_id, citation.source)
            source.number = getattr(citation, "number", None)
    return sorted(
        sources.values(),
        key=lambda source: (source.number is None, source.number or 0, source.pk),
    )


# A case names this many of its sources and places; the open data holds them all.
TOP_SOURCES = 10
TOP_PLACES = 20


def case_facts(case: Case) -> dict:
    """What a case page and its structured data say about the whole case — its span, how many
    events, milestones and sources it has, its most cited sources and most frequent places —
    from the counts kept on save (`caseapp.cases.counters`) and the ends of the case's
    indexes, once per publication generation."""
    return generation.cached("case-facts", case.pk, compute=lambda: _read_case_facts(case))


def _read_case_facts(case: Case) -> dict:
    counts = FacetCount.objects.filter(case=case, count__gt=0)
    totals = dict(counts.filter(facet__in=["total", "milestone"]).values_list("facet", "count"))
    cited = counts.filter(facet="source").order_by("-count", "value")
    citing = {int(value): n for value, n in cited.values_list("value", "count")[:TOP_SOURCES]}
    frequent = counts.filter(facet="place").order_by("-count", "value")
    places = frequent.values_list("value", flat=True)[:TOP_PLACES]
    events = case.events.published().order_by()
    first = events.order_by("range_start").values_list("range_start", flat=True).first()
    latest = events.order_by("-range_start").values_list("range_start", flat=True).first()
    span = {
        "count": totals.get("total", 0),
        "milestones": totals.get("milestone", 0),
        "first": first,
        "last": events.filter(range_end__isnull=False)
        .order_by("-range_end")
        .values_list("range_end", flat=True)
        .first(),
        "first_year": first.year if first else None,
        "last_year": latest.year if latest else None,
        "ongoing": int(events.filter(range_end__isnull=True).exists()),
        "updated": events.order_by("-updated_at").values_list("updated_at", flat=True).first(),
    }
    return {
        "span": span,
        "source_count": cited.count(),
        "sources": _cited_sources(citing),
        "places": list(Place.objects.filter(pk__in=[int(pk) for pk in places]).order_by("name")),
    }


def _cited_sources(citing: dict[int, int]) -> list[Source]:
    """The sources `{pk: citing events}`, most cited first, each with `citing_events`."""
    sources = Source.objects.filter(pk__in=citing)
    sources = sorted(sources, key=lambda source: (-citing[source.pk], source.title))
    for source in sources:
        source.citing_events = citing[source.pk]
    return sources


def count_case_facts(events: QuerySet[Event]) -> dict:
    """`case_facts` of these events, counted now: for a staff preview, which shows events in
    review too and is never cached."""
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
        "sources": _cited_sources(citing),
        "places": list(places),
    }
