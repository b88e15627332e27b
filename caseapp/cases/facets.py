"""The choices beside a timeline and how many events each would match, at any size.

A facet (actor, kind, place, and the case on `/timeline/`) offers a bounded list of choices:
the `FACET_CHOICES` most frequent in the timeline's whole scope (a case, an actor's events,
every case), the values the visitor chose, or — when the visitor types into the facet's search
— the first choices in the scope whose names contain those letters. Nothing grows with the
size of the case:

- What depends only on the scope (the most frequent choices, their counts, how many choices
  and events there are) is counted once per publication generation and cached
  (`caseapp.cases.generation`): the next request after a publish counts afresh.
- Under filters, each facet's counts come from one grouped query over the events that match
  the *other* filters, restricted to the choices shown. That query costs as much as the events
  it counts, so it runs only when at most `FACET_COUNT_LIMIT` events match the other filters;
  beyond that the facet still offers its choices, and says why it shows no counts.

A filtered timeline (`caseapp.cases.filters.TimelineFilter`) gets its facets from
`timeline_facets`.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from caseapp.actors.models import Actor
from caseapp.cases import generation
from caseapp.cases.models import Case, Event, EventKind, FacetCount, Participation, Place
from caseapp.cases.pagination import COUNT_LIMIT
from caseapp.cases.translated import (
    ORIGINAL_LANGUAGE,
    localized,
    localized_value,
    original_attributes,
    page_language,
    translated_names,
    translation_columns,
)
from caseapp.publishing.models import PublicationStatus

if TYPE_CHECKING:
    from caseapp.cases.filters import TimelineFilter

# Choices a facet shows without a search.
FACET_CHOICES = 12
# Above this many matching events, counting per choice would cost more than a page may
# (about 5 ms per thousand events and facet on SQLite; measured with `make bench`).
FACET_COUNT_LIMIT = 5_000
# What a visitor types into a facet's own search (`actor_search`): names are short.
FACET_SEARCH_SUFFIX = "_search"
MAX_FACET_SEARCH_LENGTH = 100

FACET_LABELS = {
    "case": gettext_lazy("Cases"),
    "actor": gettext_lazy("Actors"),
    "kind": gettext_lazy("Kinds of event"),
    "place": gettext_lazy("Places"),
}


@dataclass(frozen=True)
class Choice:
    """One value a facet offers: its key in the database, its slug in the address, its name
    (the original) and its translations, (language, name) pairs."""

    key: int | str
    value: str
    label: str
    names: tuple[tuple[str, str], ...] = ()

    def shown(self, language: str | None = None) -> tuple[str, str]:
        """(name, lang): the name in the page's language, or the original and its language."""
        return localized_value(self.names, self.label, language)


@dataclass(frozen=True)
class FacetChoice:
    value: str
    label: str
    # Published events with this choice under the other active filters; None when not counted.
    count: int | None
    selected: bool
    # ` lang="en"` (and ` dir="ltr"` on a right-to-left page) for such a label, else "".
    lang_attributes: str = ""


@dataclass(frozen=True)
class Facet:
    """One parameter's choices, bounded; see the module."""

    name: str
    label: str
    many: bool
    choices: list[FacetChoice]
    # How many different choices the whole scope holds (more than shown: search for them).
    total: int
    # What the visitor typed into the facet's search, as cleaned.
    search: str = ""
    # True when the other filters match too many events to count each choice.
    uncounted: bool = False
    # Why the value asked for was left out, if it was.
    errors: list[str] = field(default_factory=list)

    @property
    def selected_count(self) -> int:
        return sum(choice.selected for choice in self.choices)

    @property
    def searchable(self) -> bool:
        """Whether the facet offers a search: when the scope holds more than it shows."""
        return self.name != "kind" and (self.total > FACET_CHOICES or bool(self.search))


@dataclass(frozen=True)
class ScopeSummary:
    """What a timeline's scope holds, counted once per generation."""

    events: int
    # Per facet: the most frequent choices with their counts, most frequent first.
    top: dict[str, list[tuple[Choice, int]]]
    # Per facet: how many different choices occur.
    totals: dict[str, int]
    # False for a scope too large to count choice by choice (`top` and `totals` are then
    # those of every case, and are not shown as its counts).
    counted: bool = True
    # False when `events` is only a lower bound (a scope counted up to `COUNT_LIMIT`).
    events_exact: bool = True


class FacetKind:
    """How one facet finds its choices and counts them; one instance per facet.

    `rows` turns events into the rows the facet groups (its events, or their roles),
    grouped by `key` and labelled by `value` (the slug) and `label` (the name).
    """

    name: str
    many: bool
    key: str
    value: str
    label: str

    def rows(self, events: QuerySet[Event]) -> QuerySet:
        return events

    def count(self) -> Count:
        return Count("pk")

    # Whether the label has a column per language.
    translated = True

    def label_columns(self, label: str) -> list[str]:
        """The label and, for a translated one, its translations' columns."""
        return [label, *translation_columns(label)] if self.translated else [label]

    def grouped(self, events: QuerySet[Event]) -> QuerySet:
        """(key, value, label, *translations, count) per choice occurring among `events`."""
        return (
            self.rows(events)
            .values_list(self.key, self.value, *self.label_columns(self.label))
            .annotate(count=self.count())
        )

    def top(self, scope: QuerySet[Event]) -> list[tuple[Choice, int]]:
        """The most frequent choices of `scope`, with their counts."""
        rows = self.grouped(scope).order_by("-count", self.label, self.value)[:FACET_CHOICES]
        return [
            (Choice(key, value, str(label), translated_names(names)), count)
            for key, value, label, *names, count in rows
        ]

    def total(self, scope: QuerySet[Event]) -> int:
        """How many different choices occur in `scope`."""
        return self.rows(scope).order_by().values(self.key).distinct().count()

    def counts(self, events: QuerySet[Event], keys: Sequence) -> dict:
        """{key: count} among `events` for the choices `keys` only."""
        return dict(self.counting(events, keys))

    def counting(self, events: QuerySet[Event], keys: Sequence) -> QuerySet:
        """The one grouped query behind `counts`: (key, count) rows."""
        rows = self.rows(events).filter(**{f"{self.key}__in": keys})
        return rows.values_list(self.key).annotate(count=self.count()).order_by()

    def choices(self, scope: QuerySet[Event], *, values=(), search: str = "", counted=None):
        """The choices whose slugs are `values` (chosen and checked by the form already), or
        the first `FACET_CHOICES` by name of those occurring in `scope` whose names contain
        `search`. `counted` is the `FacetCount` rows of the scope when it has them: they say
        what occurs in it without reading its events."""
        records = self.records()
        if values:
            records = records.filter(slug__in=values)
        else:
            records = self.named(records, search)
            if counted is not None:
                occurring = counted.filter(facet=self.counted_facet)
                keys = occurring.annotate(key=Cast("value", BigIntegerField())).values("key")
                records = records.filter(pk__in=keys)
            else:
                records = records.filter(Exists(self.occurring(scope)))
        order = [self.ordering(), "slug"]
        columns = self.label_columns(self.record_label)
        rows = records.order_by(*order).values_list("pk", "slug", *columns)
        return [
            Choice(pk, slug, label, translated_names(names))
            for pk, slug, label, *names in rows[: max(FACET_CHOICES, len(values))]
        ]

    def ordering(self):
        """By the name shown: on a page in another language, its translation or the original."""
        language = page_language()
        if language == ORIGINAL_LANGUAGE:
            return self.record_label
        translation = NullIf(F(localized(self.record_label, language)), Value(""))
        return Coalesce(translation, F(self.record_label)).asc()

    # For `choices`: the facet's public records, their name field, their occurrence in a scope.
    record_label = "name"
    counted_facet = ""

    def records(self) -> QuerySet:
        raise NotImplementedError

    def kept_counts(self, counted: QuerySet[FacetCount], keys: Sequence) -> dict:
        """{key: count} for `keys` from a scope's `FacetCount` rows."""
        rows = counted.filter(facet=self.counted_facet, value__in=[str(key) for key in keys])
        return {int(value): n for value, n in rows.values_list("value").annotate(n=Sum("count"))}

    def named(self, records: QuerySet, search: str) -> QuerySet:
        return records.filter(search_text__contains=search.casefold())

    def occurring(self, scope: QuerySet[Event]) -> QuerySet:
        raise NotImplementedError

    def display(self, choice: Choice) -> tuple[str, str]:
        """The choice's name in the visitor's language, and its language when it is the
        original shown instead ("" otherwise)."""
        return choice.shown()


class CaseFacet(FacetKind):
    name, many = "case", False
    key, value, label = "case_id", "case__slug", "case__title"

    record_label, counted_facet = "title", "total"

    def choices(self, scope, *, values=(), search="", counted=None):
        # A case's counts name it by its own key, not by a value.
        return super().choices(scope, values=values, search=search, counted=None)

    def records(self):
        return Case.objects.published()

    def kept_counts(self, counted, keys):
        rows = counted.filter(facet="total", case_id__in=keys)
        return dict(rows.values_list("case_id").annotate(n=Sum("count")))

    def named(self, records, search):
        # A title in the page's language is found too (names' `search_text` holds them all).
        language = page_language()
        if language == ORIGINAL_LANGUAGE:
            return records.filter(title__icontains=search)
        in_page_language = {f"{localized('title', language)}__icontains": search}
        return records.filter(Q(title__icontains=search) | Q(**in_page_language))

    def occurring(self, scope):
        return scope.filter(case=OuterRef("pk"))


class ActorFacet(FacetKind):
    name, many = "actor", True
    # From the events to their roles (one join, in one `filter` call), so that the database
    # starts from the matching events, not from every role of every actor.
    key = "participations__actor_id"
    value = "participations__actor__slug"
    label = "participations__actor__name"

    def rows(self, events):
        return events.filter(participations__actor__publication_status=PublicationStatus.PUBLISHED)

    def count(self):
        # An actor with two roles in one event counts it once.
        return Count("pk", distinct=True)

    def counting(self, events, keys):
        # From the (bounded) matching events to their roles: `+actor_id` hides the roles'
        # actor index, which would lead the database to start from every role of the chosen
        # actors — the busiest ones, a tenth of all roles each. The keys are published actors.
        actor = Func(F("participations__actor_id"), template="(+%(expressions)s)")
        return (
            events.annotate(role_actor=ExpressionWrapper(actor, output_field=BigIntegerField()))
            .filter(role_actor__in=keys)
            .values_list("role_actor")
            .annotate(count=Count("pk", distinct=True))
            .order_by()
        )

    counted_facet = "actor"

    def records(self):
        return Actor.objects.published()

    def occurring(self, scope):
        return Participation.objects.filter(actor=OuterRef("pk"), event__in=scope.values("pk"))


class KindFacet(FacetKind):
    """Kinds of event: a short fixed list, always offered whole, in the order of `EventKind`."""

    name, many = "kind", True
    key = value = label = "kind"
    translated = False

    def top(self, scope):
        counts = {key: count for key, _value, _label, count in self.grouped(scope).order_by()}
        return [(_kind_choice(kind), counts[kind]) for kind in EventKind if kind in counts]

    def total(self, scope):
        return len(EventKind)

    def counting(self, events, keys):
        # Every kind is shown: naming them all would only mislead the planner.
        return events.values_list("kind").annotate(count=Count("pk")).order_by()

    def choices(self, scope, *, values=(), search="", counted=None):
        return [_kind_choice(EventKind(value)) for value in values if value in EventKind.values]

    def display(self, choice):
        return capfirst(EventKind(choice.value).label), ""


class PlaceFacet(FacetKind):
    name, many = "place", False
    key, value, label = "place_id", "place__slug", "place__name"

    def rows(self, events):
        return events.filter(place__isnull=False)

    counted_facet = "place"

    def records(self):
        return Place.objects.all()

    def occurring(self, scope):
        return scope.filter(place=OuterRef("pk"))


FACETS: dict[str, FacetKind] = {
    facet.name: facet for facet in (CaseFacet(), ActorFacet(), KindFacet(), PlaceFacet())
}


def _kind_choice(kind: EventKind) -> Choice:
    # Named when shown (`KindFacet.display`): what is cached holds no language.
    return Choice(kind.value, kind.value, kind.value)


def counted_rows(key: str | None) -> QuerySet[FacetCount] | None:
    """The `FacetCount` rows of the scope named `key`: a case's (`case:<pk>`), every published
    case's (`all`), or None for a scope without them (an actor's events)."""
    counts = FacetCount.objects.filter(count__gt=0)
    if key == "all":
        return counts.filter(case__publication_status=PublicationStatus.PUBLISHED)
    if key and key.startswith("case:"):
        return counts.filter(case_id=int(key.removeprefix("case:")))
    return None


def scope_summary(scope: QuerySet[Event], names: Iterable[str], key: str | None) -> ScopeSummary:
    """What `scope` holds, cached under the generation as `key` (None: counted, not cached).

    A case's scope (`case:<pk>`) and every case's (`all`) are read from the counts kept on
    save (`caseapp.cases.counters`); any other scope, such as an actor's events, is counted."""
    names = tuple(names)

    def count() -> ScopeSummary:
        if (counted := counted_rows(key)) is not None:
            return _counted_summary(counted, names)
        # Up to the limit of a filter's count: a busy actor takes part in a tenth of all.
        events = scope.order_by()[: COUNT_LIMIT + 1].count()
        if events > FACET_COUNT_LIMIT:
            # Too many to count each choice (a busy actor's events): offer what is frequent
            # in every case, uncounted.
            everything = _counted_summary(counted_rows("all"), names)
            return ScopeSummary(
                events,
                everything.top,
                everything.totals,
                counted=False,
                events_exact=events <= COUNT_LIMIT,
            )
        return ScopeSummary(
            events=events,
            top={name: FACETS[name].top(scope) for name in names},
            totals={name: FACETS[name].total(scope) for name in names},
        )

    if key is None:
        return count()
    return generation.cached("scope", key, *names, compute=count)


def _counted_summary(counts: QuerySet[FacetCount], names: tuple[str, ...]) -> ScopeSummary:
    """A scope summary from its `FacetCount` rows (`counted_rows`)."""
    top, totals = {}, {}
    for name in names:
        # The cases' own counts are their totals; any other facet counts its values.
        facet, key = ("total", "case_id") if name == "case" else (name, "value")
        rows = counts.filter(facet=facet).values_list(key).annotate(n=Sum("count"))
        rows = rows.order_by("-n", key)
        totals[name] = len(EventKind) if name == "kind" else rows.count()
        # Twice as many as shown, in case some were taken off the site since.
        candidates = list(rows) if name == "kind" else list(rows[: FACET_CHOICES * 2])
        top[name] = _named(name, candidates)[: len(EventKind) if name == "kind" else FACET_CHOICES]
    events = counts.filter(facet="total").aggregate(n=Sum("count"))["n"] or 0
    return ScopeSummary(events=events, top=top, totals=totals)


def _named(name: str, rows: list[tuple]) -> list[tuple[Choice, int]]:
    """(key, count) rows as choices with their names, leaving out records not public."""
    if name == "kind":
        counts = dict(rows)
        return [(_kind_choice(kind), counts[kind]) for kind in EventKind if kind in counts]
    keys = [int(key) for key, _count in rows]
    records = {
        "case": Case.objects.published(),
        "actor": Actor.objects.published(),
        "place": Place.objects.all(),
    }[name].filter(pk__in=keys)
    label = "title" if name == "case" else "name"
    columns = [label, *translation_columns(label)]
    found = {
        pk: (slug, text, translated_names(names))
        for pk, slug, text, *names in records.values_list("pk", "slug", *columns)
    }
    named = [
        (Choice(int(key), *found[int(key)]), count) for key, count in rows if int(key) in found
    ]
    # Equal counts in the order of their names, as a reader looks for them.
    return sorted(named, key=lambda pair: (-pair[1], pair[0].label.casefold()))


def is_countable(events: QuerySet[Event]) -> bool:
    """True when at most `FACET_COUNT_LIMIT` events match: cheap, it stops reading there."""
    beyond = events.order_by().values_list("pk", flat=True)[
        FACET_COUNT_LIMIT : FACET_COUNT_LIMIT + 1
    ]
    return not list(beyond)


def build_facet(
    name: str,
    *,
    scope: QuerySet[Event],
    summary: ScopeSummary,
    narrowed: QuerySet[Event] | None,
    narrowed_size: int | None,
    narrowed_key: str | None,
    counted: QuerySet[FacetCount] | None,
    selected: Sequence[str],
    search: str,
    errors: list[str],
) -> Facet:
    """One facet's choices and counts.

    `narrowed` holds the events under every filter but this facet's, or None when no other
    filter applies (the scope's own counts serve); `narrowed_size` is its size when known, and
    `narrowed_key` names it for the cache (None: counts are not cached).
    """
    kind = FACETS[name]
    top = dict(summary.top[name])
    if search:
        shown = kind.choices(scope, search=search, counted=counted)
    else:
        shown = [choice for choice, _count in summary.top[name]]
    missing = [value for value in selected if value not in {c.value for c in shown}]
    if missing:
        shown += kind.choices(scope, values=missing)
    counts: dict | None
    if narrowed is None and not summary.counted:
        counts = None
    elif narrowed is None:
        known = {choice.key: count for choice, count in top.items()}
        unknown = [choice.key for choice in shown if choice.key not in known]
        if unknown and counted is not None and kind.counted_facet:
            # A chosen value or a search result beyond the most frequent: its kept count.
            known |= kind.kept_counts(counted, unknown)
        elif unknown:
            known |= kind.counts(scope, unknown)
        counts = known
    else:
        keys = sorted(choice.key for choice in shown)

        def count() -> dict | None:
            if narrowed_size is not None and narrowed_size > FACET_COUNT_LIMIT:
                return None
            if narrowed_size is None and not is_countable(narrowed):
                return None
            return kind.counts(narrowed, keys) if keys else {}

        if narrowed_key is None:
            counts = count()
        else:
            # Boxed: a cached None (too many to count) must not read as a miss.
            counts = generation.cached(
                "facet", name, narrowed_key, *keys, compute=lambda: [count()]
            )[0]
    choices = []
    for choice in shown:
        label, lang = kind.display(choice)
        choices.append(
            FacetChoice(
                choice.value,
                label,
                None if counts is None else counts.get(choice.key, 0),
                choice.value in selected,
                original_attributes(lang) if lang else "",
            )
        )
    if kind.translated and page_language() != ORIGINAL_LANGUAGE and not search:
        # The most frequent first, equal counts in the order of the names shown (what is
        # kept is in the original's order; English keeps the database's).
        frequency = {choice.value: count for choice, count in top.items()}
        choices.sort(key=lambda c: (-frequency.get(c.value, -1), c.label.casefold()))
    return Facet(
        name,
        str(FACET_LABELS[name]),
        kind.many,
        choices,
        total=summary.totals[name],
        search=search,
        uncounted=counts is None,
        errors=errors,
    )


def timeline_facets(filtering: "TimelineFilter") -> list[Facet]:
    """The facets of a filtered timeline: case (when offered), actor, kind and place, each
    counted among the events that match the other filters."""
    counted = counted_rows(filtering.scope_key)
    facets = []
    for name in FACETS:
        if name not in filtering.fields:
            continue
        others = [other for other in filtering.cleaned if other != name]
        narrowed = filtering.filterset.filter_queryset_without(name) if others else None
        # Without its own filter, this facet counts among the very events listed.
        size = filtering.count if name not in filtering.cleaned and others else None
        facets.append(
            build_facet(
                name,
                scope=filtering.filterset.queryset,
                summary=filtering.summary,
                narrowed=narrowed,
                narrowed_size=size,
                narrowed_key=filtering.key_without(name),
                counted=counted,
                selected=list(filtering.cleaned.get(name, {})),
                search=filtering.facet_searches.get(name, ""),
                errors=filtering.errors.get(name, []),
            )
        )
    return facets
