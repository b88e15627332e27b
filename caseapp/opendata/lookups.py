"""The published events open-data endpoints show, fetched in a fixed number of queries per chunk
however many a case has. Cases and actors are looked up in `caseapp.cases.lookups` and
`caseapp.actors.lookups`; nothing here can reach a draft or a record in review."""

import datetime
import heapq
from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Citation, Event, Participation, Source

# Events an export fetches (with their roles and citations) before it writes them out: few
# queries per event, and a worker's memory that stays flat however large the case.
CHUNK_SIZE = 1000
TIMELINE_ORDER = ("range_start", "sort_rank", "pk")
# Feeds: what was published last comes first.
NEWEST_FIRST = ("-published_at", "-range_start", "-sort_rank", "-pk")
# How many of the site's newest publications an actor's feed looks through before it sorts all
# of the actor's events (see `newest_events_of`).
RECENT_WINDOW = 2000
_LONG_AGO = datetime.datetime.min.replace(tzinfo=datetime.UTC)


def case_events(case: Case) -> QuerySet[Event]:
    """A published case's published events in timeline order, with everything exports show:
    place, public participants (as `public_participations`) and citations with their sources.

    The case is not joined: every event shares it, and the exports hand it to each event."""
    return (
        case.events.published()
        .order_by(*TIMELINE_ORDER)
        .select_related("place")
        .defer("summary_html")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=_public_participations(),
                to_attr="public_participations",
            ),
            Prefetch("citations", queryset=_citations()),
        )
    )


def cited_events(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events with their case, place and citations: what feeds and TimelineJS show of each."""
    return (
        events.select_related("case", "place")
        .defer("summary", "case__summary", "case__summary_html")
        .prefetch_related(Prefetch("citations", queryset=_citations()))
    )


def newest_events(events: QuerySet[Event], count: int) -> list[Event]:
    """The `count` most recently published of `events`, newest first, with their citations.
    For a case, one walk of its index on publication time."""
    return list(cited_events(events.order_by(*NEWEST_FIRST))[:count])


def newest_events_of(actor: Actor, count: int) -> list[Event]:
    """The `count` most recently published events in which `actor` takes part, newest first,
    with their cases and citations.

    When an event was published and who took part in it live in two tables, so no one index
    serves both. The site's `RECENT_WINDOW` newest publications are looked through first, on
    the index on publication time with one probe of the roles' index each: the same cost at
    any size, and enough for an actor in the news. Only an actor with fewer than `count`
    events among them costs more: all of their events are read, at a cost that grows with
    their number alone.
    """
    newest = Event.objects.published().order_by(*NEWEST_FIRST)
    window = newest.values_list("published_at", flat=True)[RECENT_WINDOW - 1 : RECENT_WINDOW]
    window_start = next(iter(window), None)
    taking_part = Participation.objects.filter(actor=actor, event=OuterRef("pk"))
    recent = newest.filter(Exists(taking_part))
    if window_start is not None:
        recent = recent.filter(published_at__gte=window_start)
    chosen = list(recent.values_list("pk", flat=True)[:count])
    # Without a window start, the whole site was looked through.
    if len(chosen) < count and window_start is not None:
        chosen = _newest_of_all_events_of(actor, count)
    # No ORDER BY: SQLite would walk an ordering index rather than look the keys up.
    events = cited_events(Event.objects.published().filter(pk__in=chosen).order_by())
    return sorted(events, key=lambda event: chosen.index(event.pk))


def _newest_of_all_events_of(actor: Actor, count: int) -> list[int]:
    """Keys of the newest `count` of all of the actor's events. They are looked up by primary
    key, a chunk at a time: index probes on either database, where a join could make
    PostgreSQL read every event for an actor it thinks busy."""
    keys = set(Participation.objects.filter(actor=actor).values_list("event", flat=True))
    newest: list[tuple] = []
    for chunk in chunked(sorted(keys)):
        events = Event.objects.published().filter(pk__in=chunk).order_by()
        rows = events.values_list("published_at", "range_start", "sort_rank", "pk")
        newest = heapq.nlargest(count, [*newest, *rows], key=_newest_first)
    return [row[-1] for row in newest]


def _newest_first(row: tuple) -> tuple:
    # A published event always has its moment, unless a bulk write forgot it: then it is last.
    published_at, *rest = row
    return (published_at is not None, published_at or _LONG_AGO, *rest)


def chunked(keys: list[int]) -> Iterator[list[int]]:
    """`keys` in lists of `CHUNK_SIZE`: few queries, each well within the databases' limits."""
    for start in range(0, len(keys), CHUNK_SIZE):
        yield keys[start : start + CHUNK_SIZE]


def in_chunks(events: QuerySet[Event]) -> Iterator[Event]:
    """`events` in timeline order, `CHUNK_SIZE` at a time, each chunk with its prefetches.

    Each chunk is a query of its own that starts after the last event of the one before
    (keyset pagination on the timeline index), rather than one cursor held open while a slow
    client downloads: on SQLite an open cursor keeps a lock that makes editors' saves wait,
    and on PostgreSQL a cursor outside a transaction is materialised in full before its first
    row."""
    events = events.order_by(*TIMELINE_ORDER)
    chunk = list(events[:CHUNK_SIZE])
    while chunk:
        yield from chunk
        if len(chunk) < CHUNK_SIZE:
            return
        chunk = list(events.filter(after_in_timeline(chunk[-1]))[:CHUNK_SIZE])


def after_in_timeline(event: Event) -> Q:
    """Events after `event` in timeline order. The first condition lets the index seek there;
    the rest only sorts out events on the same day."""
    return Q(range_start__gte=event.range_start) & (
        Q(range_start__gt=event.range_start)
        | Q(sort_rank__gt=event.sort_rank)
        | Q(sort_rank=event.sort_rank, pk__gt=event.pk)
    )


def actors_by_pk(keys: list[int]) -> dict[int, Actor]:
    """Published actors with these primary keys, in one query (keep `keys` to a chunk)."""
    fields = ("slug", "name", "kind", "country", "aliases", "bio", "links")
    return Actor.objects.published().only(*fields).in_bulk(keys)


def sources_by_pk(keys: list[int]) -> dict[int, Source]:
    """Sources with these primary keys, in one query (keep `keys` to a chunk). Editors' notes
    stay behind: nothing public shows them."""
    return Source.objects.defer("notes").in_bulk(keys)


def _public_participations() -> QuerySet[Participation]:
    """Roles of published actors only, in the order they were entered, with what exports show
    of each actor. A draft actor on a published event stays hidden.

    Asked as EXISTS for each role: given `actor IN (published actors)` instead, SQLite loops
    over every published actor for every event of the chunk (31 s for 2,000 events among
    5,000 actors)."""
    published_actor = Actor.objects.published().filter(pk=OuterRef("actor_id"))
    return (
        Participation.objects.filter(Exists(published_actor))
        .select_related("actor")
        .only("event", "actor", "role", "note", "actor__slug", "actor__name", "actor__kind")
        .order_by("pk")
    )


def _citations() -> QuerySet[Citation]:
    return Citation.objects.select_related("source").defer("source__notes")
