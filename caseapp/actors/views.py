"""Public pages of actors: the directory and each actor's profile with their events.

The directory costs the same whatever the size of the record: one `GROUP BY` over the actors
that match the search counts them by kind and initial (the kind navigation, the A–Z index and
the number of pages all come from it; without a search it is cached for the publication
generation), and one query reads the page, each actor's events counted only up to
`LIST_COUNT_LIMIT`.
"""

import functools
import operator
import unicodedata
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from django.core.paginator import InvalidPage, Page, Paginator
from django.db import connection
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Concat, Substr
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from caseapp.actors.models import Actor, ActorKind
from caseapp.actors.queries import get_published_actor
from caseapp.cases import generation
from caseapp.cases.counting import LIST_COUNT_LIMIT, count_up_to
from caseapp.cases.models import Case, Event, FacetCount, Participation
from caseapp.cases.timeline import (
    VARY_HEADERS,
    HtmxHttpRequest,
    canonical_url,
    filtered_timeline,
    is_fragment_request,
    render_timeline_fragment,
)
from caseapp.publishing.models import PublicationStatus

# Longer searches than this are cut: no name or alias is that long.
MAX_QUERY_LENGTH = 100
ACTORS_PER_PAGE = 50
# The A–Z index links at most this many letters; rarer initials join the other initials.
MAX_LETTERS = 80
# `?letter=#`: names that start with a digit, a sign, or a letter the index does not link.
OTHER_INITIALS = "#"

KIND_HEADINGS = {
    ActorKind.PERSON: gettext_lazy("People"),
    ActorKind.ORGANISATION: gettext_lazy("Organisations"),
    ActorKind.GOVERNMENT: gettext_lazy("Government bodies"),
    ActorKind.COURT: gettext_lazy("Courts"),
    ActorKind.GROUP: gettext_lazy("Groups"),
    ActorKind.OTHER: gettext_lazy("Others"),
}


def _kind_from(request: HttpRequest) -> tuple[str, str]:
    """The `?kind=` asked for (empty for all) and a readable message when it is not a kind."""
    kind = request.GET.get("kind", "").strip()
    if kind and kind not in ActorKind.values:
        choices = ", ".join(str(label) for label in KIND_HEADINGS.values())
        return "", _("There is no kind of actor called “%(kind)s”. Choose one of: %(choices)s.") % {
            "kind": _printable(kind)[:40],
            "choices": choices,
        }
    return kind, ""


def _letter_from(request: HttpRequest) -> tuple[str, str]:
    """The `?letter=` asked for as an initial (`s` for S, `#` for the other initials, empty
    for all) and a readable message when it is not one letter."""
    letter = request.GET.get("letter", "").strip()
    if not letter or letter == OTHER_INITIALS:
        return letter, ""
    if len(letter) == 1 and letter.isalpha():
        return letter.casefold()[0], ""
    return "", _(
        "“%(letter)s” is not a letter. Choose one of the letters of the index, or # for names "
        "that start with another character."
    ) % {"letter": _printable(letter)[:40]}


def _query_from(request: HttpRequest) -> str:
    """The `?q=` asked for, on one line, printable and no longer than `MAX_QUERY_LENGTH`."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    return _printable(query)


def _printable(value: str) -> str:
    """A value the visitor sent without control characters (NUL cannot reach PostgreSQL)."""
    return "".join(char for char in value if char.isprintable())


def _alphabetical(initial: str) -> tuple[str, str]:
    """Sorts É after E and Й after И, without merging them: by base letter, then itself."""
    return unicodedata.normalize("NFD", initial)[0], initial


def _label(initial: str) -> str:
    """How the A–Z index writes an initial: `S` for `s`."""
    upper = initial.upper()
    return upper if len(upper) == 1 else initial


@dataclass(frozen=True)
class Letter:
    """One link of the A–Z index."""

    value: str
    label: str
    # Said to screen readers after the label, where the label alone is not clear.
    description: str = ""


class DirectoryIndex:
    """How many actors there are of each kind and initial, among those the search finds.

    An initial is the first character of `Actor.search_text`, the case-folded name. Letters
    get a link each (at most `MAX_LETTERS`, the commonest); every other initial, digits and
    signs included, is counted under `#`.
    """

    def __init__(self, counts: dict[tuple[str, str], int]) -> None:
        self.counts = counts
        by_initial = Counter()
        for (_kind, initial), total in counts.items():
            by_initial[initial] += total
        letters = [initial for initial in by_initial if initial.isalpha()]
        if len(letters) > MAX_LETTERS:
            letters = sorted(letters, key=lambda initial: (-by_initial[initial], initial))
            letters = letters[:MAX_LETTERS]
        self.letters = sorted(letters, key=_alphabetical)
        self.other_initials = frozenset(by_initial) - set(self.letters)

    def initials(self, letter: str) -> Collection[str] | None:
        """The initials `letter` stands for, or None for every initial."""
        if not letter:
            return None
        if letter == OTHER_INITIALS:
            return self.other_initials
        return {letter}

    def count(self, *, kind: str = "", letter: str = "") -> int:
        initials = self.initials(letter)
        return sum(
            total
            for (each_kind, initial), total in self.counts.items()
            if (not kind or each_kind == kind) and (initials is None or initial in initials)
        )

    def letters_of(self, kind: str) -> list[Letter]:
        """The letters that lead somewhere among actors of `kind` (or of every kind)."""
        present = {
            initial
            for (each_kind, initial), total in self.counts.items()
            if kind in ("", each_kind)
        }
        links = [Letter(letter, _label(letter)) for letter in self.letters if letter in present]
        if present & self.other_initials:
            others = _("names that start with a digit, a sign or another letter")
            links.append(Letter(OTHER_INITIALS, OTHER_INITIALS, others))
        return links


def _initial_counts(actors: QuerySet[Actor]) -> dict[tuple[str, str], int]:
    """How many of `actors` there are of each kind and initial: one `GROUP BY`."""
    rows = (
        actors.annotate(initial=Substr("search_text", 1, 1))
        .values_list("kind", "initial")
        .annotate(total=Count("pk"))
        .order_by()
    )
    return {(kind, initial or ""): total for kind, initial, total in rows}


def _directory_index(actors: QuerySet[Actor], query: str) -> DirectoryIndex:
    """The counts of the actors a search finds, or of all of them without one."""
    if query:
        # The trigram index finds the matches of a search, which are rarely many.
        return DirectoryIndex(_initial_counts(actors))
    # Every page of the unsearched directory shares one count until something is published.
    return DirectoryIndex(
        generation.cached("actor-initials", compute=lambda: _initial_counts(actors))
    )


def _with_initials(actors: QuerySet[Actor], initials: Collection[str] | None) -> QuerySet[Actor]:
    if initials is None:
        return actors
    return actors.alias(initial=Substr("search_text", 1, 1)).filter(initial__in=initials)


def _public_event_count() -> Subquery:
    """How many published events of published cases an actor takes part in, up to one more
    than `LIST_COUNT_LIMIT`: a busy actor costs the page no more than a quiet one."""
    # Distinct events in the order of the (actor, event) index: the database walks it, drops
    # the actor's second role in an event as it goes, and stops at the limit.
    events = (
        Participation.objects.filter(
            actor=OuterRef("pk"),
            event__publication_status=PublicationStatus.PUBLISHED,
            event__case__publication_status=PublicationStatus.PUBLISHED,
        )
        .order_by("event")
        .values("event")
        .distinct()
    )
    return count_up_to(events, LIST_COUNT_LIMIT)


class KindOrderedActors:
    """`actors` in the directory's order, kind by kind (`KIND_HEADINGS`), then by name, for
    the paginator: a page costs the same wherever it falls.

    The counts per kind are known already, so a page is cut into the slices of each kind it
    covers; each slice is one range of an index in name order (`(publication_status, kind,
    name, id)`, or with the initial after the kind for a letter), and one query reads them all.
    """

    def __init__(self, actors: QuerySet[Actor], totals: dict[str, int], *, searched: bool) -> None:
        self.actors = actors
        self.totals = [(kind, totals.get(kind, 0)) for kind in KIND_HEADINGS]
        # A search sorts its matches, which the trigram index finds, instead of walking the
        # name index: PostgreSQL cannot tell that a rare name sits far down that index, and
        # would read every actor before it.
        self.order = (Concat("name", Value("")), "pk") if searched else ("name", "pk")

    def count(self) -> int:
        return sum(total for _kind, total in self.totals)

    def __getitem__(self, bounds: slice) -> list[Actor]:
        start, stop, _step = bounds.indices(self.count())
        slices = []
        before = 0
        for kind, total in self.totals:
            first, last = max(start, before), min(stop, before + total)
            if first < last:
                in_order = self.actors.filter(kind=kind).order_by(*self.order).values("pk")
                slices.append(in_order[first - before : last - before])
            before += total
        if not slices:
            return []
        # Only the page's rows, in the database's order of names (its collation, not Python's).
        page = (
            Actor.objects.published()
            .filter(_one_of(slices))
            .only("name", "slug", "kind", "aliases", "country")
            .annotate(event_count=_public_event_count())
            .order_by("name", "pk")
        )
        position = {kind: number for number, kind in enumerate(KIND_HEADINGS)}
        return sorted(page, key=lambda actor: position[actor.kind])


def _one_of(slices: list[QuerySet]) -> Q:
    """Rows whose key one of `slices` (each a sliced `values("pk")`) returns."""
    if len(slices) == 1:
        return Q(pk__in=slices[0])
    # PostgreSQL reads a UNION ALL of the slices and then the page's rows by key, but an OR of
    # subqueries would make it scan every actor. SQLite allows no LIMIT inside a UNION, and
    # plans the OR as one lookup by key per slice.
    if connection.features.supports_slicing_ordering_in_compound:
        return Q(pk__in=slices[0].union(*slices[1:], all=True))
    return functools.reduce(operator.or_, (Q(pk__in=each) for each in slices))


def _directory_page(actors: KindOrderedActors, number: str) -> tuple[Page | None, str]:
    """One page of the directory, or None and a readable reason when there is none."""
    paginator = Paginator(actors, ACTORS_PER_PAGE)
    try:
        return paginator.page(number), ""
    except InvalidPage:
        if paginator.num_pages == 1:
            reason = _("This list has only one page.")
        else:
            reason = _("This list has pages 1 to %(last)d.") % {"last": paginator.num_pages}
        return None, _(
            # Translators: %(number)s is what was asked for after ?page=; %(reason)s is a whole
            # sentence of its own: "This list has only one page." or "This list has pages 1 to 3."
            "There is no page “%(number)s”. %(reason)s"
        ) % {
            "number": _printable(number)[:20],
            "reason": reason,
        }


def _directory_url(*, query: str = "", kind: str = "", letter: str = "", page: int = 1) -> str:
    """The directory's address with these choices, leaving out those not made."""
    chosen = {"q": query, "kind": kind, "letter": _label(letter) if letter else "", "page": ""}
    if page > 1:
        chosen["page"] = str(page)
    parameters = {name: value for name, value in chosen.items() if value}
    path = reverse("actors:directory")
    return f"{path}?{urlencode(parameters)}" if parameters else path


def _kind_groups(actors: list[Actor]) -> list[tuple[str, str, list[Actor]]]:
    """Actors grouped by kind in the order of `KIND_HEADINGS`, leaving out empty kinds."""
    groups = []
    for kind, heading in KIND_HEADINGS.items():
        members = [actor for actor in actors if actor.kind == kind]
        if members:
            groups.append((kind, heading, members))
    return groups


def _page_links(page: Page | None, **chosen) -> dict[str, str]:
    """First, previous, next and last pages of the same choice; empty where there is none."""
    if page is None or not page.has_other_pages():
        return {}
    last = page.paginator.num_pages
    return {
        "first": _directory_url(**chosen) if page.number > 2 else "",
        "previous": _directory_url(**chosen, page=page.number - 1) if page.has_previous() else "",
        "next": _directory_url(**chosen, page=page.number + 1) if page.has_next() else "",
        "last": _directory_url(**chosen, page=last) if page.number < last - 1 else "",
    }


@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    kind, kind_error = _kind_from(request)
    letter, letter_error = _letter_from(request)
    query = _query_from(request)
    actors = Actor.objects.published()
    if query:
        actors = actors.filter(search_text__contains=query.casefold())
    index = _directory_index(actors, query)
    initials = index.initials(letter)
    in_letter = _with_initials(actors, initials)
    totals = {each: index.count(kind=each, letter=letter) for each in KIND_HEADINGS}
    if kind:
        totals = {kind: totals[kind]}
    ordered = KindOrderedActors(in_letter, totals, searched=bool(query))
    page, page_error = _directory_page(ordered, request.GET.get("page") or "1")
    chosen = {"query": query, "kind": kind, "letter": letter}
    context = {
        "page": page,
        "page_error": page_error,
        "page_links": _page_links(page, **chosen),
        "groups": _kind_groups(page.object_list if page else []),
        "result_count": sum(totals.values()),
        "event_count_limit": LIST_COUNT_LIMIT,
        "kind": kind,
        "kind_error": kind_error,
        "letter": letter,
        "letter_label": _label(letter) if letter else "",
        "letter_error": letter_error,
        "query": query,
        "kinds": [
            (
                value,
                heading,
                index.count(kind=value, letter=letter),
                _directory_url(query=query, kind=value, letter=letter),
            )
            for value, heading in KIND_HEADINGS.items()
        ],
        "all_kinds_url": _directory_url(query=query, letter=letter),
        "letters": [
            (each, _directory_url(query=query, kind=kind, letter=each.value))
            for each in index.letters_of(kind)
        ],
        "all_letters_url": _directory_url(query=query, kind=kind),
        "search_everywhere_url": _directory_url(query=query),
        "first_page_url": _directory_url(**chosen),
        # A search is not a page of its own: it points at the list it searches.
        "canonical_url": request.build_absolute_uri(
            _directory_url(kind=kind, letter=letter, page=page.number if page and not query else 1)
        ),
    }
    status = 400 if kind_error or letter_error else 404 if page_error else 200
    return render(request, "actors/directory.html", context, status=status)


# A profile names this many of the actor's cases; the timeline below holds all their events.
PROFILE_CASES = 20


@require_safe
@vary_on_headers(*VARY_HEADERS)
def actor_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    actor = get_published_actor(slug)
    # A subquery rather than a join: an actor with two roles in one event lists it once, and
    # the database starts from the actor's roles, not from every event.
    takes_part = Participation.objects.filter(actor=actor).values("event_id")
    events = Event.objects.published().filter(pk__in=takes_part)
    timeline, status = filtered_timeline(request, events, scope_key=f"actor:{actor.pk}")
    context = {"actor": actor, **timeline, "show_case": True}
    if is_fragment_request(request):
        return render_timeline_fragment(request, "actors/actor.html", context, status=status)
    cases = generation.cached("actor-cases", actor.pk, compute=lambda: _cases_of(actor, events))
    context = {
        **context,
        "cases": cases[:PROFILE_CASES],
        "case_count": len(cases),
        "canonical_url": canonical_url(request, actor.get_absolute_url(), timeline["page"]),
    }
    return render(request, "actors/actor.html", context, status=status)


def _cases_of(actor: Actor, events: QuerySet[Event]) -> list[Case]:
    """The published cases an actor is a subject of or takes part in, by title: those where
    the counts kept on save count them, not a reading of all their events."""
    counted = FacetCount.objects.filter(facet="actor", value=str(actor.pk), count__gt=0)
    taking_part = Q(pk__in=counted.values("case_id"))
    cases = Case.objects.published().filter(taking_part | Q(subjects=actor)).distinct()
    return list(cases.order_by("title", "pk"))
