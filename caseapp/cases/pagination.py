"""Pages of a timeline that cost the same at the start, the middle and the end.

A page is found with one `LIMIT … OFFSET …` read of event keys along a covering index in
timeline order (`Event.Meta.indexes`), then its fifty events are fetched by key. A page past
the middle is read from the end backwards, so the deepest read skips at most half the
timeline. The count comes from the caller, who knows it cheaply (cached for a whole scope,
counted once for a filter).
"""

from functools import cached_property

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from caseapp.cases.lookups import with_timeline_details
from caseapp.cases.models import Event

EVENTS_PER_PAGE = 25
# Longer page "numbers" are cut when quoted back in a message.
_QUOTED_NUMBER_LENGTH = 20


class TimelinePaginator(Paginator):
    """A `Paginator` over ordered events whose count is given, reading deep pages backwards;
    each page's events come with their details (`with_timeline_details`)."""

    def __init__(self, events: QuerySet[Event], per_page: int, *, count: int | None) -> None:
        super().__init__(events, per_page, allow_empty_first_page=True)
        self._given_count = count

    @cached_property
    def count(self) -> int:
        if self._given_count is not None:
            return self._given_count
        return self.object_list.order_by().count()

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        # First the page's keys, read from the timeline index alone, then its events.
        keys = self.object_list.values_list("pk", flat=True)
        if bottom > self.count // 2:
            # From the end: reversed order, the same page, turned back the right way round.
            page_keys = list(keys.reverse()[self.count - top : self.count - bottom])[::-1]
        else:
            page_keys = list(keys[bottom:top])
        # By key alone: the keys already passed every filter, and repeating the filters would
        # lead the database to walk the index again rather than fetch fifty rows.
        fetched = with_timeline_details(Event.objects.filter(pk__in=page_keys)).in_bulk()
        return self._get_page([fetched[key] for key in page_keys], number, self)


def timeline_page(
    request: HttpRequest, events: QuerySet[Event], *, count: int | None = None
) -> tuple[Page | None, str]:
    """One page of `events` (ordered) with their details from `?page=`, or None and a readable
    reason when there is no such page. `count` is how many `events` there are, when known."""
    paginator = TimelinePaginator(events, EVENTS_PER_PAGE, count=count)
    number = request.GET.get("page") or "1"
    try:
        return paginator.page(number), ""
    except InvalidPage:
        if paginator.num_pages == 1:
            reason = _("This timeline has only one page.")
        else:
            reason = _("This timeline has pages 1 to %(last)d.") % {"last": paginator.num_pages}
        return None, _("There is no page “%(number)s”. %(reason)s") % {
            "number": number[:_QUOTED_NUMBER_LENGTH],
            "reason": reason,
        }
