"""Pages of a timeline that cost the same at the start, the middle and the end.

A page is found with one `LIMIT … OFFSET …` read of event keys along a covering index in
timeline order (`Event.Meta.indexes`), then its events are fetched by key. A page past the
middle is read from the end backwards, so the deepest read skips at most half the timeline.
The count comes from the caller, who knows it cheaply: kept for a whole scope, counted for a
filter up to `COUNT_LIMIT` only. Beyond that the count is a lower bound (`exact=False`): the
first pages are then read forwards, each knowing only whether another follows, and a page past
the lower bound has the events counted in full, once, to be read from the end. A request asks
for its page through `caseapp.cases.timeline.timeline_page`.
"""

from collections.abc import Iterator, Sequence
from functools import cached_property

from django.core.paginator import EmptyPage, InvalidPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from caseapp.cases import generation
from caseapp.cases.models import Event
from caseapp.cases.queries import number_citations, with_timeline_details

EVENTS_PER_PAGE = 25
# A filter's events are counted up to this many; "more than 10,000 match" says enough, and
# counting every match of a common word among a million events would cost a second.
COUNT_LIMIT = 10_000
# No timeline has more pages; a number past it would overflow the database's OFFSET.
_LAST_POSSIBLE_PAGE = 2**31 // EVENTS_PER_PAGE


class PageEvents(Sequence):
    """A page's events in order, fetched with their details (`with_timeline_details`) when
    first read: a page whose list is kept rendered (`{% cached_for_generation %}`) needs only
    their keys."""

    def __init__(self, keys: list[int]) -> None:
        self.keys = keys

    @cached_property
    def _events(self) -> list[Event]:
        # By key alone: the keys already passed every filter, and repeating the filters would
        # lead the database to walk the index again rather than fetch a page of rows.
        fetched = with_timeline_details(Event.objects.filter(pk__in=self.keys)).in_bulk()
        events = [fetched[key] for key in self.keys]
        number_citations(events)
        return events

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index):
        return self._events[index]

    def __iter__(self) -> Iterator[Event]:
        return iter(self._events)


class TimelinePage(Page):
    """A page that may not know how many pages follow it (`TimelinePaginator.exact`).
    `event_keys` are its events' keys in order; `object_list` fetches them when read."""

    def __init__(self, keys: list[int], number, paginator, *, has_next: bool) -> None:
        super().__init__(PageEvents(keys), number, paginator)
        self.event_keys = keys
        self._has_next = has_next

    def has_next(self) -> bool:
        return self._has_next

    def end_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)


class TimelinePaginator(Paginator):
    """A `Paginator` over ordered events whose count is given, reading deep pages backwards;
    each page's events come with their details (`with_timeline_details`). With `exact` false
    the count is only a lower bound, and pages are read forwards."""

    def __init__(
        self,
        events: QuerySet[Event],
        per_page: int,
        *,
        count: int | None,
        exact: bool = True,
        key: str | None = None,
    ) -> None:
        super().__init__(events, per_page, allow_empty_first_page=True)
        self._given_count = count
        self.exact = exact
        self.key = key

    @cached_property
    def count(self) -> int:
        if self._given_count is not None:
            return self._given_count
        return self.object_list.order_by().count()

    def validate_number(self, number) -> int:
        if self.exact:
            return super().validate_number(number)
        # Any page may exist until it is read: only the number itself is checked here.
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(_("That page number is not an integer")) from None
        if number < 1:
            raise EmptyPage(_("That page number is less than 1"))
        if number > _LAST_POSSIBLE_PAGE:
            raise EmptyPage(_("That page contains no results"))
        return number

    def page(self, number) -> Page:
        number = self.validate_number(number)
        if self.key is None:
            page_keys, has_next = self._read_page(number)
        else:
            # The same events give the same page until the next publish.
            page_keys, has_next = generation.cached(
                "page-keys",
                self.key,
                number,
                self.per_page,
                self.count,
                self.exact,
                compute=lambda: self._read_page(number),
            )
        return TimelinePage(page_keys, number, self, has_next=has_next)

    def _read_page(self, number: int) -> tuple[list[int], bool]:
        """The keys of page `number`'s events, and whether another page follows."""
        bottom = (number - 1) * self.per_page
        # First the page's keys, read from the timeline index alone, then its events.
        keys = self.object_list.values_list("pk", flat=True)
        if not self.exact:
            # One key more than the page holds says whether another page follows.
            page_keys = list(keys[bottom : bottom + self.per_page + 1])
            if not page_keys and number > 1:
                raise EmptyPage(_("That page contains no results"))
            has_next = len(page_keys) > self.per_page
            page_keys = page_keys[: self.per_page]
        else:
            top = min(bottom + self.per_page, self.count)
            has_next = number < self.num_pages
            if bottom > self.count // 2:
                # From the end: reversed order, the same page, turned the right way round.
                page_keys = list(keys.reverse()[self.count - top : self.count - bottom])[::-1]
            else:
                page_keys = list(keys[bottom:top])
        return page_keys, has_next


def asked_page(paginator: Paginator, number: str | None) -> tuple[Page | None, str]:
    """The page `number` names (from `?page=`; the first when empty), or None and a message
    that quotes the number back, printable and at most 20 characters long."""
    number = number or "1"
    try:
        return paginator.page(number), ""
    except InvalidPage:
        asked = "".join(char for char in number if char.isprintable())[:20]
        return None, _("There is no page “%(number)s”.") % {"number": asked}
