"""Where a case stands, for the status card at the top of its page: the editors' status and
line as of the day they last checked it, and what the published record says up to today —
how long since the arrest, how many days in custody or house arrest, the next hearing.

A fixed handful of small queries on the case's event indexes, whatever the size of the case:
aggregates and single rows, never a list of events.
"""

import datetime

from django.db.models import (
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Least
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import ngettext_lazy

from caseapp.cases.dates import Precision, Qualifier
from caseapp.cases.models import PARTIAL_DATE_FIELDS, Case, Event, EventKind, Participation, Role

# A status not reviewed for this many months gets a notice that it may be out of date.
STALE_AFTER_MONTHS = 6
# The words of a span of time ("7 years, 8 months") as Django writes them, in this project's
# catalogue too: Django ships none in Kazakh.
_SPAN_WORDS = {
    # Translators: A part of the time since the arrest on the status card: "7 years, 8 months".
    "year": ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    "month": ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    "week": ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    "day": ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    "hour": ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    "minute": ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
}
# Kinds of event that keep the case's subject in custody, in the order the card lists them.
CUSTODY_KINDS = [EventKind.DETENTION, EventKind.HOUSE_ARREST]
# Kinds of event that are a date in court. (There is no separate "court" kind.)
COURT_KINDS = [EventKind.HEARING]

# What an event shows on the card: its date (`{% event_date %}`) and its address.
_CARD_FIELDS = [
    "pk",
    "case_id",
    "slug",
    "title",
    "kind",
    *PARTIAL_DATE_FIELDS,
    "range_start",
    "range_end",
    "sort_rank",
]


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier (the month's last day if it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _about_the_subject(case: Case) -> Exists:
    """The event is about one of the case's subjects (they take part as its subject): a
    detention of others told for context does not count as the subject's custody."""
    return Exists(
        Participation.objects.filter(
            event=OuterRef("pk"), role=Role.SUBJECT, actor__subject_of_cases=case
        )
    )


def _on_card(event: Event | None, case: Case) -> Event | None:
    if event is not None:
        event.case = case
    return event


def _custody(case: Case, events: QuerySet[Event], today: datetime.date) -> list[dict]:
    """Days in custody of each kind up to today: one GROUP BY over the case's custody events,
    plus the start of a custody still under way (at most one row per kind)."""
    # Each range counted up to today; one still open ("since") runs until today.
    until = Least(Coalesce("range_end", Value(today, output_field=DateField())), Value(today))
    length = ExpressionWrapper(until - F("range_start"), output_field=DurationField())
    # A day known only by its month or year, or hedged ("c.", "before", "after"): the count is
    # "about". "Since" is exact about its day.
    hedged = [Qualifier.CIRCA, Qualifier.BEFORE, Qualifier.AFTER]
    not_exact = ~Q(start_precision=Precision.DAY) | Q(start_qualifier__in=hedged)
    not_exact |= Q(range_end__isnull=False) & (
        ~Q(end_precision=Precision.DAY) | Q(end_qualifier__in=hedged)
    )
    ongoing = Q(range_end__isnull=True) | Q(range_end__gte=today)
    rows = (
        events.filter(kind__in=CUSTODY_KINDS, range_start__lte=today)
        .filter(_about_the_subject(case))
        .order_by()
        .values("kind")
        .annotate(
            count=Count("pk"),
            total=Sum(length),
            first=Min("range_start"),
            last=Max(until),
            ongoing=Count("pk", filter=ongoing),
            approximate=Count("pk", filter=not_exact),
        )
    )
    by_kind = {row["kind"]: row for row in rows}
    custody = []
    for kind in CUSTODY_KINDS:
        row = by_kind.get(kind)
        if row is None:
            continue
        # Days counted inclusively; overlapping records of the same custody never add up to
        # more than the time from its first day to its last.
        summed = row["total"].days + row["count"] if row["total"] is not None else 0
        spanned = (row["last"] - row["first"]).days + 1
        since = None
        if row["ongoing"]:
            since = _on_card(
                events.filter(kind=kind, range_start__lte=today)
                .filter(Q(range_end__isnull=True) | Q(range_end__gte=today))
                .filter(_about_the_subject(case))
                .only(*_CARD_FIELDS)
                .first(),
                case,
            )
        custody.append(
            {
                "kind": kind,
                "days": max(min(summed, spanned), 0),
                "approximate": bool(row["approximate"]),
                "since": since,
            }
        )
    return custody


def case_status(
    case: Case,
    events: QuerySet[Event],
    *,
    today: datetime.date,
    latest_update: datetime.datetime | None = None,
) -> dict:
    """The status card of `case` from `events` (its published events; a staff preview passes
    those in review too) as of `today`. `latest_update` is when its newest event was last
    changed, the fallback for a status no editor has dated."""
    events = events.order_by()
    arrest = _on_card(
        events.filter(kind=EventKind.ARREST, range_start__lte=today)
        .filter(_about_the_subject(case))
        .in_timeline_order()
        .only(*_CARD_FIELDS)
        .first(),
        case,
    )
    next_hearing = _on_card(
        events.filter(kind__in=COURT_KINDS, range_start__gt=today)
        .in_timeline_order()
        .only(*_CARD_FIELDS)
        .first(),
        case,
    )
    if case.status_as_of is not None:
        as_of, reviewed = case.status_as_of, True
    else:
        changes = [moment for moment in (case.updated_at, latest_update) if moment is not None]
        as_of = timezone.localdate(max(changes)) if changes else None
        reviewed = False
    return {
        "status": case.get_status_display(),
        "line": case.status_line,
        "as_of": as_of,
        "reviewed": reviewed,
        "stale": as_of is not None and as_of < months_before(today, STALE_AFTER_MONTHS),
        "arrest": arrest,
        "since_arrest": (
            timesince(arrest.range_start, today, time_strings=_SPAN_WORDS, depth=2)
            if arrest
            else ""
        ),
        "custody": _custody(case, events, today),
        "next_hearing": next_hearing,
    }
