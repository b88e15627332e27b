"""Counts that cost the same on a quiet record and a busy one.

A list that shows a count beside each row (events of an actor in the directory, events of a case
on the home page) cannot afford to count a busy row exactly: the government that takes part in
one event in eight would cost more than the rest of the page. `count_up_to` reads at most one
more row than the limit and stops, so the page can say "more than 1,000" instead.
"""

from django.db.models import IntegerField, QuerySet, Subquery

# Lists count each row's events up to this many; a busier row says "more than 1,000 events".
LIST_COUNT_LIMIT = 1000


class _CountOf(Subquery):
    """How many rows a (sliced, usually correlated) queryset returns, as a scalar subquery."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"


def count_up_to(rows: QuerySet, limit: int) -> Subquery:
    """How many `rows` there are, but never more than `limit + 1`: a result above `limit`
    means "more than `limit`".

    `rows` is a `values()` queryset of one column. The database stops after `limit + 1` rows
    only if it can stream them: give `rows` no ordering, or only the order of the index it
    walks (a sort, a hash or a bitmap would read every row first).
    """
    return _CountOf(rows[: limit + 1], output_field=IntegerField())
