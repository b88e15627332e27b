"""Dates as the sources give them: a day, a month or only a year, sometimes hedged.

A partial date is stored as a `datetime.date` on the first day of its period plus a
`Precision`; these helpers turn that pair into the period it covers, the ISO text a
`<time datetime>` wants, and the words a person would write.
"""

import calendar
import datetime
import re
from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class Qualifier(models.TextChoices):
    """How sure a date is. There is no "between": "After" beside the start and "Before" beside
    the end say that something happened once, at a time between the two (`range_parts`)."""

    EXACT = "exact", _("Exact")
    CIRCA = "circa", _("Circa (about)")
    BEFORE = "before", _("Before")
    AFTER = "after", _("After")
    SINCE = "since", _("Since (still going on)")


MONTH_NAMES = [
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
]

_PARTIAL_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


def parse_partial_date(text: str) -> tuple[datetime.date, str]:
    """Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into the first day of that period and its precision.

    Raises ValueError with a readable message for anything else.
    """
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        raise ValueError(_("Enter a date as YYYY, YYYY-MM or YYYY-MM-DD."))
    year = int(match["year"])
    month = int(match["month"] or 1)
    day = int(match["day"] or 1)
    if year < 1:
        raise ValueError(_("The year must be 0001 or later."))
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        raise ValueError(_("%(text)s is not a date on the calendar.") % {"text": text}) from None
    if match["day"]:
        return date, Precision.DAY
    if match["month"]:
        return date, Precision.MONTH
    return date, Precision.YEAR


def period_end(date: datetime.date, precision: str) -> datetime.date:
    """The last day of the period a partial date stands for."""
    if precision == Precision.YEAR:
        return datetime.date(date.year, 12, 31)
    if precision == Precision.MONTH:
        return datetime.date(date.year, date.month, calendar.monthrange(date.year, date.month)[1])
    return date


def iso_text(date: datetime.date, precision: str) -> str:
    """ISO 8601 at the precision known: `2017-04`, not `2017-04-01`."""
    if precision == Precision.YEAR:
        return f"{date.year:04d}"
    if precision == Precision.MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def precision_error(date: datetime.date, precision: str) -> str | None:
    """Why a date does not fit its precision, or None when it does."""
    if precision == Precision.MONTH and date.day != 1:
        return _("A month-precision date has no day: enter the 1st of the month.")
    if precision == Precision.YEAR and (date.month, date.day) != (1, 1):
        return _("A year-precision date has no month or day: enter 1 January.")
    return None


def words(
    date: datetime.date, precision: str, *, with_year: bool = True, with_month: bool = True
) -> str:
    """A partial date as a person writes it: `9 March 2019`, `January 2019`, `2019`."""
    parts = []
    if precision == Precision.DAY:
        parts.append(str(date.day))
    if precision != Precision.YEAR and with_month:
        parts.append(str(MONTH_NAMES[date.month - 1]))
    if with_year or precision == Precision.YEAR:
        parts.append(str(date.year))
    return " ".join(parts)


_QUALIFIER_WORDS = {
    Qualifier.EXACT: "%(date)s",
    Qualifier.CIRCA: _("c. %(date)s"),
    Qualifier.BEFORE: _("before %(date)s"),
    Qualifier.AFTER: _("after %(date)s"),
    Qualifier.SINCE: _("since %(date)s"),
}


def is_between(start_qualifier: str, end_qualifier: str | None) -> bool:
    """True for something that happened once, at a time known only to lie between the start
    and the end: "After" beside the start and "Before" beside the end."""
    return start_qualifier == Qualifier.AFTER and end_qualifier == Qualifier.BEFORE


def qualified(text: str, qualifier: str) -> str:
    return str(_QUALIFIER_WORDS[qualifier]) % {"date": text}


class RangeParts(NamedTuple):
    """A date or range in words, split so each date can sit in its own `<time>`.

    `pattern` holds `%(start)s` and, for a range, `%(end)s`: `between %(start)s and %(end)s`.
    """

    pattern: str
    start: str
    end: str | None = None

    def __str__(self) -> str:
        return self.pattern % {"start": self.start, "end": self.end}


def range_parts(
    start: datetime.date,
    start_precision: str,
    start_qualifier: str,
    end: datetime.date | None = None,
    end_precision: str = Precision.DAY,
    end_qualifier: str = Qualifier.EXACT,
) -> RangeParts:
    """A date or a date range in words: `since April 2017`, `11 March – May 2019`, `c. 2018`."""
    if end is None:
        return RangeParts("%(start)s", qualified(words(start, start_precision), start_qualifier))
    end_text = qualified(words(end, end_precision), end_qualifier)
    if is_between(start_qualifier, end_qualifier):
        return RangeParts(
            str(_("between %(start)s and %(end)s")),
            words(start, start_precision, with_year=start.year != end.year),
            words(end, end_precision),
        )
    # Write the shared year (and month) once, as people do: `11–13 March 2019`.
    both_exact = start_qualifier == end_qualifier == Qualifier.EXACT
    same_year = start.year == end.year and Precision.YEAR not in (start_precision, end_precision)
    if both_exact and same_year:
        if start_precision == end_precision == Precision.DAY and start.month == end.month:
            return RangeParts("%(start)s–%(end)s", str(start.day), words(end, end_precision))
        return RangeParts(
            "%(start)s – %(end)s", words(start, start_precision, with_year=False), end_text
        )
    start_text = qualified(words(start, start_precision), start_qualifier)
    return RangeParts("%(start)s – %(end)s", start_text, end_text)
