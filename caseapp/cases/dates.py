"""Dates as the sources give them: a day, a month or only a year, sometimes hedged.

A partial date is stored as a `datetime.date` on the first day of its period plus a
`Precision`; these helpers turn that pair into the period it covers, the ISO text a
`<time datetime>` wants, and the words a person would write.
"""

import calendar
import datetime
import enum
import re
from typing import NamedTuple

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy


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
    # Translators: The month's name as it stands alone, %(month)s in the date phrases (context
    # "date", "date, since" …): "March 2019", "March – May 2019". Forms 2 to 6 (context "month,
    # form N") are further grammatical forms for those phrases.
    pgettext_lazy("month, standalone", "January"),
    pgettext_lazy("month, standalone", "February"),
    pgettext_lazy("month, standalone", "March"),
    pgettext_lazy("month, standalone", "April"),
    pgettext_lazy("month, standalone", "May"),
    pgettext_lazy("month, standalone", "June"),
    pgettext_lazy("month, standalone", "July"),
    pgettext_lazy("month, standalone", "August"),
    pgettext_lazy("month, standalone", "September"),
    pgettext_lazy("month, standalone", "October"),
    pgettext_lazy("month, standalone", "November"),
    pgettext_lazy("month, standalone", "December"),
]

# Django's own "E" date format (the month's name in a full date) reads these; the format modules
# (caseapp/formats/kk/formats.py, ug) use it, so they are in this catalogue to be right here.
DJANGO_ALT_MONTH_NAMES = [
    # Translators: The month's name in a full date of Django's formats ("9 March 2019" in the
    # admin and the "as of" lines): Russian genitive "марта", Kazakh "наурыз" (lower case).
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]

# Further forms of each month's name, for languages whose date phrases inflect the month: the
# phrases below (`_PHRASES`) say which form they take with %(month_2)s … %(month_6)s, so a
# language chooses its own cases (Russian: 2 genitive "марта", 3 prepositional "марте", 4
# instrumental "мартом"; Kazakh: 2 ablative "наурыздан", 3 dative "наурызға", 4 locative
# "наурызда") and needs nothing but its catalogue.
_MONTH_FORMS = {
    2: [
        # Translators: Form 2 of the month's name, for the date phrases (context "date, …") that
        # use %(month_2)s. The forms are yours to assign: one grammatical case per number, as
        # your phrases need (Russian: genitive "марта"; Kazakh: ablative "наурыздан"); a form
        # your language does not use repeats the name as it stands alone.
        pgettext_lazy("month, form 2", "January"),
        pgettext_lazy("month, form 2", "February"),
        pgettext_lazy("month, form 2", "March"),
        pgettext_lazy("month, form 2", "April"),
        pgettext_lazy("month, form 2", "May"),
        pgettext_lazy("month, form 2", "June"),
        pgettext_lazy("month, form 2", "July"),
        pgettext_lazy("month, form 2", "August"),
        pgettext_lazy("month, form 2", "September"),
        pgettext_lazy("month, form 2", "October"),
        pgettext_lazy("month, form 2", "November"),
        pgettext_lazy("month, form 2", "December"),
    ],
    3: [
        # Translators: Form 3 of the month's name, for the date phrases that use %(month_3)s (see
        # form 2); a form your language does not use repeats the name as it stands alone.
        pgettext_lazy("month, form 3", "January"),
        pgettext_lazy("month, form 3", "February"),
        pgettext_lazy("month, form 3", "March"),
        pgettext_lazy("month, form 3", "April"),
        pgettext_lazy("month, form 3", "May"),
        pgettext_lazy("month, form 3", "June"),
        pgettext_lazy("month, form 3", "July"),
        pgettext_lazy("month, form 3", "August"),
        pgettext_lazy("month, form 3", "September"),
        pgettext_lazy("month, form 3", "October"),
        pgettext_lazy("month, form 3", "November"),
        pgettext_lazy("month, form 3", "December"),
    ],
    4: [
        # Translators: Form 4 of the month's name, for the date phrases that use %(month_4)s (see
        # form 2); a form your language does not use repeats the name as it stands alone.
        pgettext_lazy("month, form 4", "January"),
        pgettext_lazy("month, form 4", "February"),
        pgettext_lazy("month, form 4", "March"),
        pgettext_lazy("month, form 4", "April"),
        pgettext_lazy("month, form 4", "May"),
        pgettext_lazy("month, form 4", "June"),
        pgettext_lazy("month, form 4", "July"),
        pgettext_lazy("month, form 4", "August"),
        pgettext_lazy("month, form 4", "September"),
        pgettext_lazy("month, form 4", "October"),
        pgettext_lazy("month, form 4", "November"),
        pgettext_lazy("month, form 4", "December"),
    ],
    5: [
        # Translators: Form 5 of the month's name, for the date phrases that use %(month_5)s (see
        # form 2); a form your language does not use repeats the name as it stands alone.
        pgettext_lazy("month, form 5", "January"),
        pgettext_lazy("month, form 5", "February"),
        pgettext_lazy("month, form 5", "March"),
        pgettext_lazy("month, form 5", "April"),
        pgettext_lazy("month, form 5", "May"),
        pgettext_lazy("month, form 5", "June"),
        pgettext_lazy("month, form 5", "July"),
        pgettext_lazy("month, form 5", "August"),
        pgettext_lazy("month, form 5", "September"),
        pgettext_lazy("month, form 5", "October"),
        pgettext_lazy("month, form 5", "November"),
        pgettext_lazy("month, form 5", "December"),
    ],
    6: [
        # Translators: Form 6 of the month's name, for the date phrases that use %(month_6)s (see
        # form 2); a form your language does not use repeats the name as it stands alone.
        pgettext_lazy("month, form 6", "January"),
        pgettext_lazy("month, form 6", "February"),
        pgettext_lazy("month, form 6", "March"),
        pgettext_lazy("month, form 6", "April"),
        pgettext_lazy("month, form 6", "May"),
        pgettext_lazy("month, form 6", "June"),
        pgettext_lazy("month, form 6", "July"),
        pgettext_lazy("month, form 6", "August"),
        pgettext_lazy("month, form 6", "September"),
        pgettext_lazy("month, form 6", "October"),
        pgettext_lazy("month, form 6", "November"),
        pgettext_lazy("month, form 6", "December"),
    ],
}

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


class Slot(enum.StrEnum):
    """Where a date stands in a phrase, which decides its words in languages that inflect: "9
    March 2019" alone, but "с 9 марта 2019 года" after "since" and "2019 жылғы 11–13 наурыз" for
    a range within one month. Each slot has a phrase per precision in the catalogue."""

    DATE = "date"
    CIRCA = "circa"
    BEFORE = "before"
    AFTER = "after"
    SINCE = "since"
    BETWEEN_FIRST = "between, first"
    BETWEEN_FIRST_SAME_YEAR = "between, first, same year"
    BETWEEN_SECOND = "between, second"
    BETWEEN_SECOND_SAME_YEAR = "between, second, same year"
    RANGE_SAME_MONTH_FIRST = "range, same month, first"
    RANGE_SAME_MONTH_LAST = "range, same month, last"
    RANGE_SAME_YEAR_FIRST = "range, same year, first"
    RANGE_SAME_YEAR_LAST = "range, same year, last"
    SPAN_FROM = "span, from"
    SPAN_FROM_SAME_YEAR = "span, from, same year"
    SPAN_TO = "span, to"
    SPAN_TO_SAME_YEAR = "span, to, same year"
    SPAN_IN = "span, in"


# The whole phrase of a date in each slot and at each precision, qualifier included ("since
# %(month)s %(year)s"), so a translator can reorder it ("%(year)s жылғы %(month_2)s бері") and
# pick the month's form. Marked no-python-format: a translation may use a form (%(month_2)s)
# that the English phrase does not.
_PHRASES = {
    Slot.DATE: {
        # Translators: A date on its own: an event's date, a filter's bound, a column of the time
        # strip. %(day)s is the day's number, %(month)s the month's name as it stands alone
        # (%(month_2)s … %(month_6)s its other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.DAY: pgettext_lazy("date", "%(day)s %(month)s %(year)s"),
        # Translators: A date on its own: an event's date, a filter's bound, a column of the time
        # strip. %(day)s is the day's number, %(month)s the month's name as it stands alone
        # (%(month_2)s … %(month_6)s its other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.MONTH: pgettext_lazy("date", "%(month)s %(year)s"),
        # Translators: A date on its own: an event's date, a filter's bound, a column of the time
        # strip. %(day)s is the day's number, %(month)s the month's name as it stands alone
        # (%(month_2)s … %(month_6)s its other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.YEAR: pgettext_lazy("date", "%(year)s"),
    },
    Slot.CIRCA: {
        # Translators: A date known only roughly ("c." = circa, about). %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.DAY: pgettext_lazy("date, circa", "c. %(day)s %(month)s %(year)s"),
        # Translators: A date known only roughly ("c." = circa, about). %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.MONTH: pgettext_lazy("date, circa", "c. %(month)s %(year)s"),
        # Translators: A date known only roughly ("c." = circa, about). %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.YEAR: pgettext_lazy("date, circa", "c. %(year)s"),
    },
    Slot.BEFORE: {
        # Translators: Something happened at some time before this date. %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.DAY: pgettext_lazy("date, before", "before %(day)s %(month)s %(year)s"),
        # Translators: Something happened at some time before this date. %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.MONTH: pgettext_lazy("date, before", "before %(month)s %(year)s"),
        # Translators: Something happened at some time before this date. %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.YEAR: pgettext_lazy("date, before", "before %(year)s"),
    },
    Slot.AFTER: {
        # Translators: Something happened at some time after this date. %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.DAY: pgettext_lazy("date, after", "after %(day)s %(month)s %(year)s"),
        # Translators: Something happened at some time after this date. %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.MONTH: pgettext_lazy("date, after", "after %(month)s %(year)s"),
        # Translators: Something happened at some time after this date. %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.YEAR: pgettext_lazy("date, after", "after %(year)s"),
    },
    Slot.SINCE: {
        # Translators: Something began on this date and is still going on. %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.DAY: pgettext_lazy("date, since", "since %(day)s %(month)s %(year)s"),
        # Translators: Something began on this date and is still going on. %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.MONTH: pgettext_lazy("date, since", "since %(month)s %(year)s"),
        # Translators: Something began on this date and is still going on. %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.YEAR: pgettext_lazy("date, since", "since %(year)s"),
    },
    Slot.BETWEEN_FIRST: {
        # Translators: The first date of "between %(start)s and %(end)s" (something happened once,
        # at a time between the two), in another year than the second. %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.DAY: pgettext_lazy("date, first of 'between'", "%(day)s %(month)s %(year)s"),
        # Translators: The first date of "between %(start)s and %(end)s" (something happened once,
        # at a time between the two), in another year than the second. %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.MONTH: pgettext_lazy("date, first of 'between'", "%(month)s %(year)s"),
        # Translators: The first date of "between %(start)s and %(end)s" (something happened once,
        # at a time between the two), in another year than the second. %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.YEAR: pgettext_lazy("date, first of 'between'", "%(year)s"),
    },
    Slot.BETWEEN_FIRST_SAME_YEAR: {
        # Translators: The first date of "between %(start)s and %(end)s" when both lie in the same
        # year: English writes the year once, with the second date. %(day)s is the day's number,
        # %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its other
        # forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.DAY: pgettext_lazy("date, first of 'between', same year", "%(day)s %(month)s"),
        # Translators: The first date of "between %(start)s and %(end)s" when both lie in the same
        # year: English writes the year once, with the second date. %(day)s is the day's number,
        # %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its other
        # forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.MONTH: pgettext_lazy("date, first of 'between', same year", "%(month)s"),
        # Translators: The first date of "between %(start)s and %(end)s" when both lie in the same
        # year: English writes the year once, with the second date. %(day)s is the day's number,
        # %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its other
        # forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.YEAR: pgettext_lazy("date, first of 'between', same year", "%(year)s"),
    },
    Slot.BETWEEN_SECOND: {
        # Translators: The second date of "between %(start)s and %(end)s", in another year than
        # the first. %(day)s is the day's number, %(month)s the month's name as it stands alone
        # (%(month_2)s … %(month_6)s its other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.DAY: pgettext_lazy("date, second of 'between'", "%(day)s %(month)s %(year)s"),
        # Translators: The second date of "between %(start)s and %(end)s", in another year than
        # the first. %(day)s is the day's number, %(month)s the month's name as it stands alone
        # (%(month_2)s … %(month_6)s its other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.MONTH: pgettext_lazy("date, second of 'between'", "%(month)s %(year)s"),
        # Translators: The second date of "between %(start)s and %(end)s", in another year than
        # the first. %(day)s is the day's number, %(month)s the month's name as it stands alone
        # (%(month_2)s … %(month_6)s its other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.YEAR: pgettext_lazy("date, second of 'between'", "%(year)s"),
    },
    Slot.BETWEEN_SECOND_SAME_YEAR: {
        Precision.DAY: pgettext_lazy(
            "date, second of 'between', same year",
            # Translators: The second date of "between %(start)s and %(end)s" when both lie in the
            # same year; English writes the shared year here. %(day)s is the day's number, %(month)s
            # the month's name as it stands alone (%(month_2)s … %(month_6)s its other forms),
            # %(year)s the year.
            # xgettext:no-python-format
            "%(day)s %(month)s %(year)s",
        ),
        Precision.MONTH: pgettext_lazy(
            "date, second of 'between', same year",
            # Translators: The second date of "between %(start)s and %(end)s" when both lie in the
            # same year; English writes the shared year here. %(day)s is the day's number, %(month)s
            # the month's name as it stands alone (%(month_2)s … %(month_6)s its other forms),
            # %(year)s the year.
            # xgettext:no-python-format
            "%(month)s %(year)s",
        ),
        # Translators: The second date of "between %(start)s and %(end)s" when both lie in the
        # same year; English writes the shared year here. %(day)s is the day's number, %(month)s
        # the month's name as it stands alone (%(month_2)s … %(month_6)s its other forms),
        # %(year)s the year.
        # xgettext:no-python-format
        Precision.YEAR: pgettext_lazy("date, second of 'between', same year", "%(year)s"),
    },
    Slot.RANGE_SAME_MONTH_FIRST: {
        # Translators: The first day of a range within one month, "11" in "11–13 March 2019":
        # English writes the shared month and year once, with the last day. %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.DAY: pgettext_lazy("date range, first day, same month", "%(day)s"),
    },
    Slot.RANGE_SAME_MONTH_LAST: {
        Precision.DAY: pgettext_lazy(
            "date range, last day, same month",
            # Translators: The last day of a range within one month, "13 March 2019" in "11–13 March
            # 2019". %(day)s is the day's number, %(month)s the month's name as it stands alone
            # (%(month_2)s … %(month_6)s its other forms), %(year)s the year.
            # xgettext:no-python-format
            "%(day)s %(month)s %(year)s",
        ),
    },
    Slot.RANGE_SAME_YEAR_FIRST: {
        # Translators: The first date of a range within one year, "11 March" in "11 March – May
        # 2019": English writes the shared year once, with the last date. %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.DAY: pgettext_lazy("date range, first date, same year", "%(day)s %(month)s"),
        # Translators: The first date of a range within one year, "11 March" in "11 March – May
        # 2019": English writes the shared year once, with the last date. %(day)s is the day's
        # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
        # other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.MONTH: pgettext_lazy("date range, first date, same year", "%(month)s"),
    },
    Slot.RANGE_SAME_YEAR_LAST: {
        Precision.DAY: pgettext_lazy(
            "date range, last date, same year",
            # Translators: The last date of a range within one year, "May 2019" in "11 March – May
            # 2019". %(day)s is the day's number, %(month)s the month's name as it stands alone
            # (%(month_2)s … %(month_6)s its other forms), %(year)s the year.
            # xgettext:no-python-format
            "%(day)s %(month)s %(year)s",
        ),
        # Translators: The last date of a range within one year, "May 2019" in "11 March – May
        # 2019". %(day)s is the day's number, %(month)s the month's name as it stands alone
        # (%(month_2)s … %(month_6)s its other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.MONTH: pgettext_lazy("date range, last date, same year", "%(month)s %(year)s"),
    },
    Slot.SPAN_FROM: {
        Precision.MONTH: pgettext_lazy(
            "time strip, first month of 'from … to'",
            # Translators: The first month of the time strip's span, %(first)s in "From %(first)s to
            # today" and "From %(first)s to %(last)s". %(day)s is the day's number, %(month)s the
            # month's name as it stands alone (%(month_2)s … %(month_6)s its other forms), %(year)s
            # the year.
            # xgettext:no-python-format
            "%(month)s %(year)s",
        ),
    },
    Slot.SPAN_FROM_SAME_YEAR: {
        Precision.MONTH: pgettext_lazy(
            "time strip, first month of 'from … to', same year",
            # Translators: The first month of the close-up's span, %(first)s in "%(first)s to
            # %(last)s" ("March to May 2019"), when both lie in the same year. %(day)s is the day's
            # number, %(month)s the month's name as it stands alone (%(month_2)s … %(month_6)s its
            # other forms), %(year)s the year.
            # xgettext:no-python-format
            "%(month)s",
        ),
    },
    Slot.SPAN_TO: {
        Precision.MONTH: pgettext_lazy(
            "time strip, last month of 'from … to'",
            # Translators: The last month of a span, %(last)s in "From %(first)s to %(last)s" and
            # "%(first)s to %(last)s". %(day)s is the day's number, %(month)s the month's name as it
            # stands alone (%(month_2)s … %(month_6)s its other forms), %(year)s the year.
            # xgettext:no-python-format
            "%(month)s %(year)s",
        ),
    },
    Slot.SPAN_TO_SAME_YEAR: {
        Precision.MONTH: pgettext_lazy(
            "time strip, last month of 'from … to', same year",
            # Translators: The last month of the close-up's span, %(last)s in "%(first)s to
            # %(last)s" ("March to May 2019"), when both lie in the same year; English writes the
            # shared year here. %(day)s is the day's number, %(month)s the month's name as it stands
            # alone (%(month_2)s … %(month_6)s its other forms), %(year)s the year.
            # xgettext:no-python-format
            "%(month)s %(year)s",
        ),
    },
    Slot.SPAN_IN: {
        # Translators: The month in "In %(first)s": all of a case's events in one month. %(day)s
        # is the day's number, %(month)s the month's name as it stands alone (%(month_2)s …
        # %(month_6)s its other forms), %(year)s the year.
        # xgettext:no-python-format
        Precision.MONTH: pgettext_lazy("time strip, month of 'in …'", "%(month)s %(year)s"),
    },
}


_QUALIFIED = {
    Qualifier.EXACT: Slot.DATE,
    Qualifier.CIRCA: Slot.CIRCA,
    Qualifier.BEFORE: Slot.BEFORE,
    Qualifier.AFTER: Slot.AFTER,
    Qualifier.SINCE: Slot.SINCE,
}


class _Names(dict):
    """What a date phrase may name, each month form read from the catalogue only when used."""

    def __init__(self, date: datetime.date, precision: str) -> None:
        super().__init__(day=str(date.day), year=str(date.year))
        self.month_index = None if precision == Precision.YEAR else date.month - 1

    def __missing__(self, key: str) -> str:
        if self.month_index is None:
            raise KeyError(key)
        if key == "month":
            return str(MONTH_NAMES[self.month_index])
        number = key.removeprefix("month_")
        if number.isdigit() and int(number) in _MONTH_FORMS:
            return str(_MONTH_FORMS[int(number)][self.month_index])
        raise KeyError(key)


def words(date: datetime.date, precision: str, slot: Slot = Slot.DATE) -> str:
    """A partial date as a person writes it in `slot`: `9 March 2019`, `since April 2017`."""
    phrase = _PHRASES[slot][precision]
    names = _Names(date, precision)
    try:
        return str(phrase) % names
    except (KeyError, ValueError, TypeError):
        # A translation naming what the date lacks: the English phrase rather than an error.
        with translation.override(None):
            return str(phrase) % names


def is_between(start_qualifier: str, end_qualifier: str | None) -> bool:
    """True for something that happened once, at a time known only to lie between the start
    and the end: "After" beside the start and "Before" beside the end."""
    return start_qualifier == Qualifier.AFTER and end_qualifier == Qualifier.BEFORE


def qualified(date: datetime.date, precision: str, qualifier: str) -> str:
    """A date with how sure it is: `c. 2018`, `since April 2017`, `before 9 March 2019`."""
    return words(date, precision, _QUALIFIED[qualifier])


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
        return RangeParts("%(start)s", qualified(start, start_precision, start_qualifier))
    same_year = start.year == end.year
    if is_between(start_qualifier, end_qualifier):
        return RangeParts(
            # Translators: Something happened once, at a time between two dates. The dates are
            # phrases of their own (context "date, first of 'between'" and "…second…").
            pgettext("date range", "between %(start)s and %(end)s"),
            words(
                start,
                start_precision,
                Slot.BETWEEN_FIRST_SAME_YEAR if same_year else Slot.BETWEEN_FIRST,
            ),
            words(
                end,
                end_precision,
                Slot.BETWEEN_SECOND_SAME_YEAR if same_year else Slot.BETWEEN_SECOND,
            ),
        )
    # Write the shared year (and month) once, as people do: `11–13 March 2019`.
    both_exact = start_qualifier == end_qualifier == Qualifier.EXACT
    if both_exact and same_year and Precision.YEAR not in (start_precision, end_precision):
        if start_precision == end_precision == Precision.DAY and start.month == end.month:
            return RangeParts(
                # Translators: Days within one month: "11–13 March 2019" (an en dash, no spaces).
                # The days are phrases of their own (context "date range, … day, same month").
                pgettext("date range, same month", "%(start)s–%(end)s"),
                words(start, start_precision, Slot.RANGE_SAME_MONTH_FIRST),
                words(end, end_precision, Slot.RANGE_SAME_MONTH_LAST),
            )
        return RangeParts(
            # Translators: Two dates of one year: "11 March – May 2019". The dates are phrases of
            # their own (context "date range, … date, same year").
            pgettext("date range, same year", "%(start)s – %(end)s"),
            words(start, start_precision, Slot.RANGE_SAME_YEAR_FIRST),
            words(end, end_precision, Slot.RANGE_SAME_YEAR_LAST),
        )
    return RangeParts(
        # Translators: A range between two dates in different years or not both exact: "March
        # 2018 – c. 2019". Each date is a phrase of its own (context "date", "date, circa" …).
        pgettext("date range", "%(start)s – %(end)s"),
        qualified(start, start_precision, start_qualifier),
        qualified(end, end_precision, end_qualifier),
    )
