"""The published events open-data endpoints show, fetched in a fixed number of queries per chunk
however many a case has. Cases and actors are looked up in `caseapp.cases.queries` and
`caseapp.actors.queries`; nothing here can reach a draft or a record in review.

An export reads about five roles and citations for every event. They are read as tuples
(`PublicRole`, `CitedSource`), one query for each kind per chunk of events, rather than as
model instances through `prefetch_related`: building 60,000 instances is most of what a
10,000-event export used to cost.
"""

import datetime
import heapq
from collections.abc import Callable, Iterator
from typing import NamedTuple

from django.db.models import Exists, OuterRef, QuerySet

from caseapp.actors.models import Actor
from caseapp.cases.models import (
    PARTIAL_DATE_FIELDS,
    Case,
    Citation,
    Event,
    Participation,
    Place,
    Source,
)
from caseapp.cases.translated import CONTENT_LANGUAGES, language_columns

# Events an export fetches (with their roles and citations) before it writes them out: few
# queries per event, and a worker's memory that stays flat however large the case.
CHUNK_SIZE = 1000
# Feeds: what was published last comes first.
NEWEST_FIRST = ("-published_at", "-range_start", "-sort_rank", "-pk")
# How many of the site's newest publications an actor's feed looks through before it sorts all
# of the actor's events (see `newest_events_of`).
RECENT_WINDOW = 2000
_LONG_AGO = datetime.datetime.min.replace(tzinfo=datetime.UTC)
# What the exports show of an event, and what orders and links it: loading no more is half the
# cost of reading 100,000 of them.
# The texts come in every language (`title_en`, `title_de`, …): the same row holds them all.
_EXPORTED_FIELDS = (
    "case",
    "slug",
    "title",
    "kind",
    "summary",
    *language_columns("title", "summary"),
    "place",
    *PARTIAL_DATE_FIELDS,
    "is_milestone",
    "range_start",
    "sort_rank",
    "published_at",
    "updated_at",
)


class PublicRole(NamedTuple):
    """A published actor's role in an event (`Event.public_roles`)."""

    actor_id: int
    actor_slug: str
    actor_name: str
    actor_kind: str
    role: str
    note: str


class CitedSource(NamedTuple):
    """A citation with what is public of its source (`Event.cited`): no editors' notes."""

    source_id: int
    locator: str
    quote: str
    url: str
    title: str
    publisher: str
    published_on: datetime.date | None
    kind: str
    language: str
    archived_url: str
    # The quote translated (it stays in its source's language), by language: only those it has
    # been translated into.
    quote_translations: dict[str, str]


def case_events(case: Case) -> QuerySet[Event]:
    """A published case's published events in timeline order, with the fields exports show.
    Read them with `in_chunks(..., with_export_details)`."""
    return case.events.published().in_timeline_order().only(*_EXPORTED_FIELDS)


def slide_events(case: Case) -> QuerySet[Event]:
    """The same for TimelineJS, which shows the summary's HTML; read with `with_citations`."""
    fields = [name for name in _EXPORTED_FIELDS if not name.startswith(("summary", "place"))]
    return (
        case.events.published()
        .in_timeline_order()
        .only(*fields, "summary_html", *language_columns("summary_html"))
    )


def with_export_details(events: list[Event]) -> None:
    """Give each event its place, `public_roles` and `cited` (three queries, whatever their
    number). Places are read once for the chunk: most events share a few of them."""
    with_citations(events)
    places = Place.objects.in_bulk({event.place_id for event in events if event.place_id})
    by_key = {event.pk: event for event in events}
    for event in events:
        event.place = places.get(event.place_id)
        event.public_roles = []
    # EXISTS for each role: given `actor IN (published actors)` instead, SQLite loops over
    # every published actor for every event (31 s for 2,000 events among 5,000 actors).
    published_actor = Actor.objects.published().filter(pk=OuterRef("actor_id"))
    roles = Participation.objects.filter(Exists(published_actor), event__in=list(by_key))
    fields = ("actor_id", "actor__slug", "actor__name", "actor__kind", "role", "note")
    for event_key, *role in roles.order_by("pk").values_list("event_id", *fields):
        by_key[event_key].public_roles.append(PublicRole(*role))


def with_citations(events: list[Event]) -> None:
    """Give each event `cited`: its citations in order, with their sources (one query)."""
    by_key = {event.pk: event for event in events}
    for event in events:
        event.cited = []
    citations = Citation.objects.filter(event__in=list(by_key)).order_by("position", "pk")
    fields = ("source_id", "locator", "quote")
    source_fields = ("url", "title", "publisher", "published_on", "kind", "language")
    columns = (*fields, *(f"source__{name}" for name in (*source_fields, "archived_url")))
    translations = language_columns("quote_translation")
    for event_key, *citation in citations.values_list("event_id", *columns, *translations):
        texts = citation[-len(translations) :]
        translated = {
            lang: text for lang, text in zip(CONTENT_LANGUAGES, texts, strict=True) if text
        }
        by_key[event_key].cited.append(CitedSource(*citation[: len(columns)], translated))


def newest_events(events: QuerySet[Event], count: int) -> list[Event]:
    """The `count` most recently published of `events`, newest first, with their cases, places
    and citations. For a case, one walk of its index on publication time."""
    return _for_feed(events.order_by(*NEWEST_FIRST)[:count])


def _for_feed(events: QuerySet[Event]) -> list[Event]:
    chosen = list(
        events.select_related("case", "place").defer(
            "summary", "case__summary", "case__summary_html"
        )
    )
    with_citations(chosen)
    return chosen


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
    events = _for_feed(Event.objects.published().filter(pk__in=chosen).order_by())
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


def in_chunks(events: QuerySet[Event], details: Callable[[list[Event]], None]) -> Iterator[Event]:
    """`events` in timeline order, `CHUNK_SIZE` at a time, each chunk given its `details`.

    Each chunk is a query of its own that starts after the last event of the one before
    (keyset pagination on the timeline index), rather than one cursor held open while a slow
    client downloads: on SQLite an open cursor keeps a lock that makes editors' saves wait,
    and on PostgreSQL a cursor outside a transaction is materialised in full before its first
    row."""
    events = events.in_timeline_order()
    chunk = list(events[:CHUNK_SIZE])
    while chunk:
        details(chunk)
        yield from chunk
        if len(chunk) < CHUNK_SIZE:
            return
        chunk = list(events.later_than(chunk[-1])[:CHUNK_SIZE])


def actors_by_pk(keys: list[int]) -> dict[int, Actor]:
    """Published actors with these primary keys, in one query (keep `keys` to a chunk)."""
    fields = ("slug", "name", "kind", "country", "aliases", "bio", "links")
    texts = language_columns("name", "aliases", "bio")
    return Actor.objects.published().only(*fields, *texts).in_bulk(keys)


def sources_by_pk(keys: list[int]) -> dict[int, Source]:
    """Sources with these primary keys, in one query (keep `keys` to a chunk). Editors' notes
    stay behind: nothing public shows them."""
    return Source.objects.defer("notes").in_bulk(keys)
