"""Filtering a timeline: the parameters every timeline shares, how each is cleaned, and a
readable message for every bad value. Facets and their counts are `caseapp.cases.facets`; the
chips that undo filters and their addresses, `caseapp.cases.chips`.

The parameters are the same on `/cases/<case>/`, `/timeline/`, `/actors/<actor>/` and the
embed (README.md, "Filtering a timeline"):

    actor  slug, repeatable      kind  event kind, repeatable     place  slug
    from   YYYY, YYYY-MM or YYYY-MM-DD                            to     the same
    q      words                                                  case   slug (`ALL_FIELDS`)

Several values of one parameter are alternatives (events of any of the chosen actors);
different parameters narrow each other. `from` keeps events still going on at the start of
its period, `to` keeps events begun by the end of its period, so `from=2019-03` keeps an
event of "March 2019" and a house arrest from 11 March to May, and `to=2019` all of 2019.
`q` finds every word (case-insensitive) in an event's title or summary, the name or an
alias of one of its published actors, or its place's name.

A bad value never breaks the page: that one parameter is left out, the others still apply,
and `errors` says what was wrong in words a visitor understands. Only published records are
ever offered, counted or named.

Every timeline view calls `filter_events` and paginates what it gives back:

    filtering = filter_events(request, case.events.published())
    page, page_error = timeline_page(request, filtering.events)
    if is_fragment_request(request): ...render the page template's `#timeline` partial...

and carries `@vary_on_headers(*VARY_HEADERS)`, since its answer depends on them (both in
`caseapp.cases.timeline`).
"""

import datetime
import functools
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from typing import NamedTuple
from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from caseapp.actors.models import Actor
from caseapp.cases import dates, generation, search
from caseapp.cases.chips import Chip, address_without, chip
from caseapp.cases.facets import (
    FACET_COUNT_LIMIT,
    FACET_SEARCH_SUFFIX,
    FACETS,
    MAX_FACET_SEARCH_LENGTH,
    Facet,
    ScopeSummary,
    scope_summary,
    timeline_facets,
)
from caseapp.cases.models import Case, Event, EventKind, Participation, Place
from caseapp.cases.pagination import COUNT_LIMIT
from caseapp.cases.translated import translated_names, translation_columns

# The filters of a case's or an actor's timeline; `/timeline/` adds the case.
CASE_FIELDS = ("actor", "kind", "place", "from", "to", "q")
ALL_FIELDS = ("case", *CASE_FIELDS)
# What a filtered address may hold besides other parameters of its page (an embed's theme).
FILTER_PARAMETERS = (*ALL_FIELDS, "page")
# Limits on what a visitor may ask for, each with its own message.
MAX_VALUES = 20
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10
# An unknown value is quoted back, escaped and cut to this length.
_QUOTED_LENGTH = 40
_DATE_LENGTH = len("YYYY-MM-DD")


def _printable(value: str) -> str:
    """A value the visitor sent without control characters such as NUL."""
    return "".join(char if char.isprintable() else "\N{REPLACEMENT CHARACTER}" for char in value)


def _quoted(value: str) -> str:
    """A value the visitor sent, fit to quote back: on one line, printable, and short."""
    value = " ".join(_printable(value).split())
    if len(value) > _QUOTED_LENGTH:
        value = value[: _QUOTED_LENGTH - 1] + "…"
    return f"“{value}”"


class DateBound(NamedTuple):
    """A `from` or `to` value: the period it names, at the precision it was written."""

    first_day: datetime.date
    last_day: datetime.date
    precision: str

    @property
    def words(self) -> str:
        return dates.words(self.first_day, self.precision)


class DateBoundField(forms.CharField):
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, cleaned to a `DateBound`."""

    def __init__(self, **kwargs) -> None:
        super().__init__(max_length=None, **kwargs)

    def to_python(self, value: str | None) -> DateBound | None:
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > _DATE_LENGTH:
            raise ValidationError(_("Enter a date as YYYY, YYYY-MM or YYYY-MM-DD."), "invalid")
        try:
            first_day, precision = dates.parse_partial_date(text)
        except ValueError as problem:
            raise ValidationError(str(problem), "invalid") from None
        return DateBound(first_day, dates.period_end(first_day, precision), precision)


class ChoiceField(forms.Field):
    """Slugs or values naming public records, cleaned to `{value: label}` in the order asked.

    `lookup` turns the values asked for into the labels of those that exist, in one query at
    most; `many` reads every value of a repeated parameter, otherwise the last one counts.
    """

    def __init__(
        self,
        *,
        lookup: Callable[[list[str]], Mapping[str, str]],
        many: bool,
        unknown_one: str,
        unknown_many: str,
        too_many: str = "",
        **kwargs,
    ) -> None:
        self.lookup = lookup
        self.many = many
        self.unknown_one = unknown_one
        self.unknown_many = unknown_many
        self.too_many = too_many
        widget = forms.SelectMultiple if many else forms.TextInput
        super().__init__(widget=widget, **kwargs)

    def to_python(self, value: str | list[str] | None) -> dict[str, str]:
        asked = value if isinstance(value, list) else [value or ""]
        values = list(dict.fromkeys(item.strip() for item in asked if item and item.strip()))
        if not values:
            return {}
        if len(values) > MAX_VALUES:
            raise ValidationError(
                str(self.too_many) % {"limit": MAX_VALUES, "count": len(values)}, "too_many"
            )
        well_formed = [item for item in values if _is_slug(item)]
        known = self.lookup(well_formed) if well_formed else {}
        unknown = [item for item in values if item not in known]
        if unknown:
            message = ngettext(self.unknown_one, self.unknown_many, len(unknown))
            raise ValidationError(
                message % {"values": ", ".join(_quoted(item) for item in unknown[:3])}, "unknown"
            )
        return {item: known[item] for item in values}


def _is_slug(value: str) -> bool:
    try:
        validate_slug(value)
    except ValidationError:
        return False
    return len(value) <= 200


class WordsField(forms.CharField):
    """Free text, cleaned to its words: at most `MAX_QUERY_WORDS` of `MAX_QUERY_LENGTH` chars."""

    def __init__(self, **kwargs) -> None:
        super().__init__(max_length=None, **kwargs)

    def to_python(self, value: str | None) -> list[str]:
        text = super().to_python(value)
        if "\x00" in text:
            raise ValidationError(
                _("The search holds a null character, which cannot be searched for."), "null"
            )
        if len(text) > MAX_QUERY_LENGTH:
            raise ValidationError(
                _("Search with at most %(limit)d characters; this search has %(count)d.")
                % {"limit": MAX_QUERY_LENGTH, "count": len(text)},
                "too_long",
            )
        words = text.split()
        if len(words) > MAX_QUERY_WORDS:
            raise ValidationError(
                _("Search with at most %(limit)d words; fewer words find more events.")
                % {"limit": MAX_QUERY_WORDS},
                "too_many_words",
            )
        # Punctuation alone ("%", "—") and the commonest words ("the") find nothing in any
        # index: leave them out, and say so when nothing else is left.
        searchable = [word for word in words if search.is_searchable(word)]
        if words and not searchable:
            raise ValidationError(
                _(
                    "Search for a name or a less common word; %(search)s has only punctuation "
                    "or words too common to search for."
                )
                % {"search": _quoted(text)},
                "nothing_to_search",
            )
        return searchable


class ChoiceFilter(django_filters.Filter):
    field_class = ChoiceField


class DateBoundFilter(django_filters.Filter):
    field_class = DateBoundField


class WordsFilter(django_filters.Filter):
    field_class = WordsField


class Named(str):
    """A record's name, which also knows the record's key: the filters then give the database
    the keys themselves, which it can plan around, rather than slugs to look up."""

    pk: int
    # The name's translations, (language, name) pairs; the string itself is the original.
    names: tuple[tuple[str, str], ...]

    def __new__(cls, name: str, pk: int, names: tuple = ()) -> "Named":
        named = super().__new__(cls, name)
        named.pk = pk
        named.names = names
        return named

    def __reduce__(self):
        # Kept in the cache (`_kept_for_generation`) with its key.
        return Named, (str(self), self.pk, self.names)


def _named(rows) -> dict[str, Named]:
    """(slug, name, pk, *translations in `translation_columns` order) rows."""
    return {slug: Named(name, pk, translated_names(names)) for slug, name, pk, *names in rows}


def _kept_for_generation(lookup: Callable[[list[str]], dict[str, Named]]):
    """`lookup` read once per publication generation for the same slugs."""

    @functools.wraps(lookup)
    def kept(slugs: list[str]) -> dict[str, Named]:
        slugs = sorted(slugs)
        return generation.cached(
            "filter-lookup", lookup.__name__, *slugs, compute=lambda: lookup(slugs)
        )

    return kept


@_kept_for_generation
def _published_actors(slugs: list[str]) -> dict[str, Named]:
    actors = Actor.objects.published().filter(slug__in=slugs)
    return _named(actors.values_list("slug", "name", "pk", *translation_columns("name")))


@_kept_for_generation
def _public_places(slugs: list[str]) -> dict[str, Named]:
    """Places of at least one published event: a place only drafts use stays unnamed."""
    used = Event.objects.published().filter(place=OuterRef("pk"))
    places = Place.objects.filter(Exists(used), slug__in=slugs)
    return _named(places.values_list("slug", "name", "pk", *translation_columns("name")))


@_kept_for_generation
def _published_cases(slugs: list[str]) -> dict[str, Named]:
    cases = Case.objects.published().filter(slug__in=slugs)
    return _named(cases.values_list("slug", "title", "pk", *translation_columns("title")))


def _event_kinds(values: list[str]) -> dict[str, str]:
    return {
        value: capfirst(EventKind(value).label) for value in values if value in EventKind.values
    }


class TimelineFilterForm(forms.Form):
    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start.first_day > end.last_day:
            self.add_error(
                "to",
                _("“To” (%(to)s) lies before “From” (%(from)s): swap them or widen the window.")
                % {"to": end.words, "from": start.words},
            )
        return cleaned


class EventFilterSet(django_filters.FilterSet):
    """The filters of a timeline. `fields` picks which of `ALL_FIELDS` this timeline offers."""

    case = ChoiceFilter(
        method="filter_case",
        lookup=_published_cases,
        many=False,
        unknown_one=gettext_lazy("There is no published case %(values)s."),
        unknown_many=gettext_lazy("There is no published case %(values)s."),
    )
    actor = ChoiceFilter(
        method="filter_actor",
        lookup=_published_actors,
        many=True,
        unknown_one=gettext_lazy("There is no actor %(values)s on Casefile."),
        unknown_many=gettext_lazy("There are no actors %(values)s on Casefile."),
        too_many=gettext_lazy("Choose at most %(limit)d actors at once, not %(count)d."),
    )
    kind = ChoiceFilter(
        method="filter_kind",
        lookup=_event_kinds,
        many=True,
        unknown_one=gettext_lazy("There is no kind of event %(values)s."),
        unknown_many=gettext_lazy("There are no kinds of event %(values)s."),
        too_many=gettext_lazy("Choose at most %(limit)d kinds of event at once, not %(count)d."),
    )
    place = ChoiceFilter(
        method="filter_place",
        lookup=_public_places,
        many=False,
        unknown_one=gettext_lazy("There is no place %(values)s on Casefile."),
        unknown_many=gettext_lazy("There is no place %(values)s on Casefile."),
    )
    to = DateBoundFilter(method="filter_to")
    q = WordsFilter(method="filter_words")

    class Meta:
        form = TimelineFilterForm

    @classmethod
    def get_filters(cls) -> dict[str, django_filters.Filter]:
        # `from` is a Python keyword the class body cannot name: it joins the declared filters
        # in `get_filters`, django-filter's documented hook for the filters of a FilterSet.
        filters = super().get_filters()
        filters["from"] = DateBoundFilter(field_name="from", method="filter_from")
        return filters

    def __init__(self, data: QueryDict, queryset: QuerySet[Event], *, fields: Iterable[str]):
        super().__init__(data, queryset)
        fields = tuple(fields)
        if unknown := set(fields) - set(ALL_FIELDS):
            raise ValueError(f"Unknown timeline filters: {sorted(unknown)}")
        self.filters = {name: self.filters[name] for name in ALL_FIELDS if name in fields}

    # The form class of each choice of filters, built once rather than on every request.
    _form_classes: dict[tuple[str, ...], type[forms.Form]] = {}

    def get_form_class(self) -> type[forms.Form]:
        names = tuple(self.filters)
        if names not in self._form_classes:
            self._form_classes[names] = super().get_form_class()
        return self._form_classes[names]

    # Each filter names keys (of the published records the form found) that the database can
    # start from and count, rather than a condition it would test on every event.

    def filter_case(self, events: QuerySet[Event], name: str, cases: dict) -> QuerySet[Event]:
        return events.filter(case_id__in=[case.pk for case in cases.values()])

    def filter_actor(self, events: QuerySet[Event], name: str, actors: dict) -> QuerySet[Event]:
        roles = Participation.objects.filter(actor_id__in=[actor.pk for actor in actors.values()])
        return events.filter(pk__in=roles.values("event_id"))

    def filter_kind(self, events: QuerySet[Event], name: str, kinds: dict) -> QuerySet[Event]:
        return events.filter(kind__in=list(kinds))

    def filter_place(self, events: QuerySet[Event], name: str, places: dict) -> QuerySet[Event]:
        return events.filter(place_id__in=[place.pk for place in places.values()])

    def filter_from(self, events: QuerySet[Event], name: str, bound: DateBound) -> QuerySet[Event]:
        # An ongoing event ("since April 2017") has no end and reaches every later window.
        return events.filter(Q(range_end__gte=bound.first_day) | Q(range_end__isnull=True))

    def filter_to(self, events: QuerySet[Event], name: str, bound: DateBound) -> QuerySet[Event]:
        return events.filter(range_start__lte=bound.last_day)

    def filter_words(self, events: QuerySet[Event], name: str, words: list) -> QuerySet[Event]:
        for word in words:
            if (condition := search.word_condition(word)) is not None:
                events = events.filter(condition)
        return events

    def filter_queryset_without(self, left_out: str) -> QuerySet[Event]:
        """The events under every valid filter but `left_out`: what a facet's counts count."""
        events = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name != left_out:
                events = self.filters[name].filter(events, value)
        return events


class TimelineFilter:
    """The filtering of one timeline for one request; see the module's docstring.

    - `events`: the filtered events, in timeline order, not yet paginated.
    - `form`: the bound form. `errors`: its messages by parameter, as plain strings;
      `field_errors`: every offered parameter with its messages, empty when valid.
    - `cleaned`: the valid, non-empty values by parameter (`{slug: name}` for choices, a
      `DateBound` for `from`/`to`, a list of words for `q`); `is_active` when there is one;
      `words`: the words searched for, as one string.
    - `count`: how many events match. `summary`: what the whole scope holds (cached).
    - `facets`: `Facet`s of case (when offered), actor, kind and place, bounded at any size
      (`caseapp.cases.facets`); `facet_searches`: what was typed into each facet's search.
    - `chips`, `clear_url`: the active filters, each with the address without it, and the
      address without any (other parameters, such as an embed's theme, stay).
    - `inputs`: what the text fields (`q`, `from`, `to`) show, as the visitor typed it.
    - `address`: this timeline's address without empty parameters, to share or push.
    """

    def __init__(
        self,
        request: HttpRequest,
        events: QuerySet[Event],
        *,
        fields: Iterable[str],
        scope_key: str | None = None,
    ) -> None:
        self.request = request
        self.fields = tuple(fields)
        self.scope_key = scope_key
        self.filterset = EventFilterSet(request.GET, events, fields=self.fields)
        self.form = self.filterset.form
        self.form.is_valid()
        # The valid filters that ask for something: an empty field filters nothing.
        self.cleaned = {name: value for name, value in self.form.cleaned_data.items() if value}

    @cached_property
    def events(self) -> QuerySet[Event]:
        return self.filterset.qs

    @property
    def errors(self) -> dict[str, list[str]]:
        return {name: list(messages) for name, messages in self.form.errors.items()}

    @property
    def field_errors(self) -> list[tuple[str, list[str]]]:
        """Every offered parameter with its messages, none for a valid one: for the form."""
        errors = self.errors
        return [(name, errors.get(name, [])) for name in self.fields]

    @property
    def is_active(self) -> bool:
        return bool(self.cleaned)

    @property
    def words(self) -> str:
        return " ".join(self.cleaned.get("q", []))

    @property
    def inputs(self) -> dict[str, str]:
        return {
            name: _printable(self.form[name].value() or "")[:MAX_QUERY_LENGTH]
            for name in ("q", "from", "to")
            if name in self.fields
        }

    @cached_property
    def facets(self) -> list[Facet]:
        """Case (when offered), actor, kind and place, bounded at any size (`facets`)."""
        return timeline_facets(self)

    def key_without(self, left_out: str) -> str | None:
        """The scope and the filters in force but `left_out`, as a cache key; None for a
        scope without a key."""
        if not self.scope_key:
            return None
        applied = [(name, value) for name, value in self.applied if name != left_out]
        return f"{self.scope_key}?{urlencode(sorted(applied))}"

    @cached_property
    def summary(self) -> ScopeSummary:
        """What the timeline's whole scope holds, cached per generation when it has a key."""
        names = [name for name in FACETS if name in self.fields]
        return scope_summary(self.filterset.queryset, names, self.scope_key)

    @property
    def key(self) -> str | None:
        """The scope and the filters in force, as a cache key for what the filtered events
        decide (their count, a page's keys); None for a scope without a key."""
        return self.key_without("")

    @cached_property
    def count(self) -> int:
        """How many events match: the scope's kept count when nothing filters, otherwise
        counted up to `COUNT_LIMIT` and one more (then `count_is_exact` is false), once per
        generation for a scope with a key."""
        if not self.cleaned:
            return self.summary.events
        # A sliced count reads at most one match more than the limit.
        matches = self.events.order_by()[: COUNT_LIMIT + 1]
        if self.key is None:
            return matches.count()
        return generation.cached("count", self.key, compute=matches.count)

    @property
    def count_is_exact(self) -> bool:
        if not self.cleaned:
            return self.summary.events_exact
        return self.count <= COUNT_LIMIT

    @property
    def count_limit(self) -> int:
        return COUNT_LIMIT

    @property
    def facet_count_limit(self) -> int:
        return FACET_COUNT_LIMIT

    def facet(self, name: str) -> Facet | None:
        return next((facet for facet in self.facets if facet.name == name), None)

    @cached_property
    def facet_searches(self) -> dict[str, str]:
        """What the visitor typed into each facet's search, trimmed and bounded."""
        searches = {}
        for name in ("case", "actor", "place"):
            text = " ".join(
                _printable(self.request.GET.get(f"{name}{FACET_SEARCH_SUFFIX}", "")).split()
            )
            if name in self.fields and text:
                searches[name] = text[:MAX_FACET_SEARCH_LENGTH]
        return searches

    @cached_property
    def chips(self) -> list[Chip]:
        chips = []
        for name in ALL_FIELDS:
            value = self.cleaned.get(name)
            if not value:
                continue
            if isinstance(value, DateBound):
                chips.append(chip(self.request, name, value.words))
            elif name == "q":
                chips.append(chip(self.request, name, _quoted(self.words)))
            else:
                chips.extend(chip(self.request, name, label, item) for item, label in value.items())
        return chips

    @property
    def applied(self) -> list[tuple[str, str]]:
        """The filters in force as query parameters, leaving out any value that was refused."""
        params = []
        for name in ALL_FIELDS:
            value = self.cleaned.get(name)
            if not value:
                continue
            if isinstance(value, DateBound):
                params.append((name, dates.iso_text(value.first_day, value.precision)))
            elif name == "q":
                params.append((name, self.words))
            else:
                params.extend((name, item) for item in value)
        return params

    @property
    def form_key(self) -> str | None:
        """What the filter form shows depends on, as a cache key: the scope, the filters it
        offers, and every value the visitor sent to them or to a facet's search, as sent (the
        form shows a refused value with its reason). None for a scope without a key."""
        if self.scope_key is None:
            return None
        names = [*self.fields, *(f"{name}{FACET_SEARCH_SUFFIX}" for name in self.fields)]
        asked = [
            (name, self.request.GET.getlist(name)) for name in names if name in self.request.GET
        ]
        return f"{self.scope_key}:{self.fields}:{asked}"

    @property
    def clear_url(self) -> str:
        return address_without(self.request, FILTER_PARAMETERS)

    @property
    def address(self) -> str:
        return address_without(self.request, ())


def filter_events(
    request: HttpRequest,
    events: QuerySet[Event],
    *,
    fields: Iterable[str] = CASE_FIELDS,
    scope_key: str | None = None,
) -> TimelineFilter:
    """Apply the request's filters to `events`, a timeline's published events.

    `fields` are the filters this timeline offers (`CASE_FIELDS`, or `ALL_FIELDS` with the
    case); the others are ignored. `scope_key` names the scope `events` stand for (e.g.
    `case:12`) so that what depends only on it is cached per publication generation. Counts,
    chips and facets are computed when first used, in a fixed number of queries however many
    events, actors or values there are.
    """
    return TimelineFilter(request, events, fields=fields, scope_key=scope_key)
