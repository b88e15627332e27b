"""Counts that cost the same on a quiet record and a busy one.

A list that shows a count beside each row (events of an actor in the directory, events of a case
on the home page) cannot afford to count a busy row exactly: the Government that takes part in
one event in eight would cost more than the rest of the page. `count_up_to` counts at most one
more than `limit` rows and stops, so the page can say "more than 1,000" instead.
"""

from django.db.models import IntegerField, QuerySet, Subquery

# Lists count each row's events up to this many; a busier row says "more than 1,000 events".
LIST_COUNT_LIMIT = 1000


class _CountOf(Subquery):
    """How many rows a (sliced, usually correlated) queryset returns, as a scalar subquery."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"


def count_up_to(rows: QuerySet, limit: int) -> Subquery:
    """The number of `rows`, but never more than `limit + 1`: a result above `limit` means
    "more than `limit`". The database reads at most `limit + 1` rows, in any order."""
    # No ORDER BY: sorting would read every row before the LIMIT could stop the scan.
    bounded = rows.order_by().values("pk")[: limit + 1]
    return _CountOf(bounded, output_field=IntegerField())
