"""How many published events each choice of a case's facets has, kept on save.

A case's page offers its most frequent actors, kinds and places with their counts and names
its most cited sources. At a million events, counting them takes seconds, so they are not
counted when a page asks but kept in `FacetCount` and moved by one whenever an event, a role
or a citation changes:

- an event counts in its case's `total`, its `kind`, its `place`, `milestone` if it is one,
  once for each actor that has at least one role in it and once for each source it cites,
  while it is published (whether its case is published is decided when counts are read: a
  case page exists only for a published case);
- saving an event (publishing, unpublishing, another kind, place or case), deleting it, and
  saving or deleting a role or a citation move the counts, in the same transaction, through
  signals.

Writes that bypass signals (`bulk_create`, `QuerySet.update`, raw SQL, `loaddata`) must call
`rebuild()` for the cases they touched; so does an operator after a restore
(`manage.py rebuild_counts`). Actors are counted whatever their status: the publish rules keep
unpublished actors off published events, and readers skip any that slip through.
"""

from collections import Counter
from collections.abc import Iterable
from contextvars import ContextVar

from django.apps import apps
from django.db import connection
from django.db.models import Count, signals

from caseapp.publishing.models import PublicationStatus

_PUBLISHED = PublicationStatus.PUBLISHED
# Events being deleted along with their roles and citations: the event's own deletion takes
# all of its counts away at once.
_deleting: ContextVar[frozenset] = ContextVar("events_being_deleted", default=frozenset())
# The records that link an event to what else it counts for: the facet, and the field that
# names what is counted.
_LINKS = {"Participation": ("actor", "actor_id"), "Citation": ("source", "source_id")}
# What of an event decides where it counts.
_EVENT_FIELDS = ("publication_status", "case_id", "kind", "place_id", "is_milestone")

# (case, facet, value): one count.
Key = tuple[int, str, str]


def _event_keys(case_id: int, kind: str, place_id: int | None, is_milestone: bool) -> list[Key]:
    keys = [(case_id, "total", ""), (case_id, "kind", kind)]
    if place_id is not None:
        keys.append((case_id, "place", str(place_id)))
    if is_milestone:
        keys.append((case_id, "milestone", ""))
    return keys


def _linked_keys(case_id: int, event_id: int) -> list[Key]:
    """The event's distinct actors and sources, as keys of its case's counts."""
    keys = []
    for name, (facet, field) in _LINKS.items():
        links = apps.get_model("cases", name).objects.filter(event_id=event_id)
        keys += [(case_id, facet, str(value)) for value in set(links.values_list(field, flat=True))]
    return keys


def _apply(deltas: Counter) -> None:
    """Add each delta to its count, creating the counts that do not exist yet."""
    rows = [[case, facet, value, delta] for (case, facet, value), delta in deltas.items() if delta]
    if not rows:
        return
    table = connection.ops.quote_name(apps.get_model("cases", "FacetCount")._meta.db_table)
    # An upsert both databases know; the table's name comes from the model.
    upsert = (
        f"INSERT INTO {table} (case_id, facet, value, count) VALUES (%s, %s, %s, %s) "  # noqa: S608
        "ON CONFLICT (case_id, facet, value) "
        f"DO UPDATE SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.executemany(upsert, rows)


# ---------------------------------------------------------------- signal handlers


def _event_before(sender, instance, raw=False, **kwargs) -> None:
    instance._counted_before = None
    if not raw and not instance._state.adding and instance.pk is not None:
        row = sender.objects.filter(pk=instance.pk).values_list(*_EVENT_FIELDS).first()
        instance._counted_before = row


def _event_after(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    before = getattr(instance, "_counted_before", None)
    after = tuple(getattr(instance, field) for field in _EVENT_FIELDS)
    was = before is not None and before[0] == _PUBLISHED
    now = after[0] == _PUBLISHED
    deltas: Counter = Counter()
    if was:
        deltas.subtract(_event_keys(*before[1:]))
        if not now or before[1] != after[1]:
            deltas.subtract(_linked_keys(before[1], instance.pk))
    if now:
        deltas.update(_event_keys(*after[1:]))
        if not was or before[1] != after[1]:
            deltas.update(_linked_keys(after[1], instance.pk))
    _apply(deltas)


def _event_deleting(sender, instance, **kwargs) -> None:
    row = sender.objects.filter(pk=instance.pk).values_list(*_EVENT_FIELDS).first()
    _deleting.set(_deleting.get() | {instance.pk})
    if row is None or row[0] != _PUBLISHED:
        return
    gone = Counter(_event_keys(*row[1:]))
    gone.update(_linked_keys(row[1], instance.pk))
    _apply(Counter({key: -count for key, count in gone.items()}))


def _event_deleted(sender, instance, **kwargs) -> None:
    _deleting.set(_deleting.get() - {instance.pk})


def _link_before(sender, instance, raw=False, **kwargs) -> None:
    instance._counted_before = None
    if not raw and not instance._state.adding and instance.pk is not None:
        field = _LINKS[sender.__name__][1]
        row = sender.objects.filter(pk=instance.pk).values_list("event_id", field).first()
        instance._counted_before = row


def _link_after(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    before = getattr(instance, "_counted_before", None)
    after = (instance.event_id, getattr(instance, _LINKS[sender.__name__][1]))
    if before == after:
        return  # another role, note, quote or locator: the same link
    if before is not None:
        _link_moves(sender, *before, leaving=instance.pk, step=-1)
    _link_moves(sender, *after, leaving=instance.pk, step=1)


def _link_deleted(sender, instance, **kwargs) -> None:
    value = getattr(instance, _LINKS[sender.__name__][1])
    _link_moves(sender, instance.event_id, value, leaving=instance.pk, step=-1)


def _link_moves(link, event_id: int, value: int, *, leaving: int, step: int) -> None:
    """Count an actor or a source in (or out of) an event, unless another of their roles or
    citations there counts them already."""
    if event_id in _deleting.get():
        return
    facet, field = _LINKS[link.__name__]
    events = apps.get_model("cases", "Event").objects.filter(pk=event_id)
    row = events.values_list("publication_status", "case_id").first()
    if row is None or row[0] != _PUBLISHED:
        return
    others = link.objects.filter(event_id=event_id, **{field: value}).exclude(pk=leaving)
    if not others.exists():
        _apply(Counter({(row[1], facet, str(value)): step}))


def connect_signals() -> None:
    event = apps.get_model("cases", "Event")
    signals.pre_save.connect(_event_before, sender=event, dispatch_uid="count-event-before")
    signals.post_save.connect(_event_after, sender=event, dispatch_uid="count-event-after")
    signals.pre_delete.connect(_event_deleting, sender=event, dispatch_uid="count-event-del")
    signals.post_delete.connect(_event_deleted, sender=event, dispatch_uid="count-event-gone")
    for name in _LINKS:
        link = apps.get_model("cases", name)
        signals.pre_save.connect(_link_before, sender=link, dispatch_uid=f"count-{name}-before")
        signals.post_save.connect(_link_after, sender=link, dispatch_uid=f"count-{name}-after")
        signals.post_delete.connect(_link_deleted, sender=link, dispatch_uid=f"count-{name}-del")


# ---------------------------------------------------------------- rebuilding


def rebuild(case_ids: Iterable[int] | None = None, *, models=None) -> int:
    """Count the cases `case_ids` (None: every case) afresh; returns how many counts it wrote.

    `models` is the app registry to read from (a migration passes its own)."""
    registry = models or apps
    event = registry.get_model("cases", "Event")
    facet_count = registry.get_model("cases", "FacetCount")
    counts = facet_count.objects.all()
    events = event.objects.filter(publication_status=_PUBLISHED)
    if case_ids is not None:
        case_ids = list(case_ids)
        counts = counts.filter(case_id__in=case_ids)
        events = events.filter(case_id__in=case_ids)
    counts.delete()

    def grouped(rows, *fields, facet: str, count=None):
        rows = rows.values_list(*fields).annotate(n=count or Count("pk")).order_by()
        for case, *value, n in rows:
            yield case, facet, str(value[0]) if value else "", n

    rows = [
        *grouped(events, "case_id", facet="total"),
        *grouped(events, "case_id", "kind", facet="kind"),
        *grouped(events.filter(place__isnull=False), "case_id", "place_id", facet="place"),
        *grouped(events.filter(is_milestone=True), "case_id", facet="milestone"),
    ]
    for name, (facet, field) in _LINKS.items():
        links = registry.get_model("cases", name).objects.filter(event__in=events.values("pk"))
        distinct_events = Count("event_id", distinct=True)
        rows += grouped(links, "event__case_id", field, facet=facet, count=distinct_events)
    facet_count.objects.bulk_create(
        (facet_count(case_id=c, facet=f, value=v, count=n) for c, f, v, n in rows),
        batch_size=2000,
    )
    return len(rows)
