"""Today's English dates, pinned before the dates learnt other languages: every precision and
qualifier alone and against an end in the same month, the same year and the next year. English
must come out byte for byte as it did (issue 17), split into the same `<time>` parts."""

import datetime

import pytest
from django.utils import translation

from caseapp.cases import dates

PINS = [
    (("2019-01-01", "year", "after", None, None, None), ("%(start)s", "after 2019", None)),
    (
        ("2019-01-01", "year", "after", "2019-01-01", "year", "after"),
        ("%(start)s – %(end)s", "after 2019", "after 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-01-01", "year", "before"),
        ("between %(start)s and %(end)s", "2019", "2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "after 2019", "c. 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "after 2019", "2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-01-01", "year", "since"),
        ("%(start)s – %(end)s", "after 2019", "since 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-03-01", "month", "after"),
        ("%(start)s – %(end)s", "after 2019", "after March 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-03-01", "month", "before"),
        ("between %(start)s and %(end)s", "2019", "March 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-03-01", "month", "circa"),
        ("%(start)s – %(end)s", "after 2019", "c. March 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-03-01", "month", "exact"),
        ("%(start)s – %(end)s", "after 2019", "March 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-03-01", "month", "since"),
        ("%(start)s – %(end)s", "after 2019", "since March 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-03-13", "day", "after"),
        ("%(start)s – %(end)s", "after 2019", "after 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-03-13", "day", "before"),
        ("between %(start)s and %(end)s", "2019", "13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-03-13", "day", "circa"),
        ("%(start)s – %(end)s", "after 2019", "c. 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-03-13", "day", "exact"),
        ("%(start)s – %(end)s", "after 2019", "13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-03-13", "day", "since"),
        ("%(start)s – %(end)s", "after 2019", "since 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-05-01", "month", "after"),
        ("%(start)s – %(end)s", "after 2019", "after May 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-05-01", "month", "before"),
        ("between %(start)s and %(end)s", "2019", "May 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-05-01", "month", "circa"),
        ("%(start)s – %(end)s", "after 2019", "c. May 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-05-01", "month", "exact"),
        ("%(start)s – %(end)s", "after 2019", "May 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-05-01", "month", "since"),
        ("%(start)s – %(end)s", "after 2019", "since May 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-05-20", "day", "after"),
        ("%(start)s – %(end)s", "after 2019", "after 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-05-20", "day", "before"),
        ("between %(start)s and %(end)s", "2019", "20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-05-20", "day", "circa"),
        ("%(start)s – %(end)s", "after 2019", "c. 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-05-20", "day", "exact"),
        ("%(start)s – %(end)s", "after 2019", "20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2019-05-20", "day", "since"),
        ("%(start)s – %(end)s", "after 2019", "since 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "after", "2020-01-01", "month", "after"),
        ("%(start)s – %(end)s", "after 2019", "after January 2020"),
    ),
    (
        ("2019-01-01", "year", "after", "2020-01-01", "month", "before"),
        ("between %(start)s and %(end)s", "2019", "January 2020"),
    ),
    (
        ("2019-01-01", "year", "after", "2020-01-01", "month", "circa"),
        ("%(start)s – %(end)s", "after 2019", "c. January 2020"),
    ),
    (
        ("2019-01-01", "year", "after", "2020-01-01", "month", "exact"),
        ("%(start)s – %(end)s", "after 2019", "January 2020"),
    ),
    (
        ("2019-01-01", "year", "after", "2020-01-01", "month", "since"),
        ("%(start)s – %(end)s", "after 2019", "since January 2020"),
    ),
    (
        ("2019-01-01", "year", "after", "2020-01-01", "year", "after"),
        ("%(start)s – %(end)s", "after 2019", "after 2020"),
    ),
    (
        ("2019-01-01", "year", "after", "2020-01-01", "year", "before"),
        ("between %(start)s and %(end)s", "2019", "2020"),
    ),
    (
        ("2019-01-01", "year", "after", "2020-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "after 2019", "c. 2020"),
    ),
    (
        ("2019-01-01", "year", "after", "2020-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "after 2019", "2020"),
    ),
    (
        ("2019-01-01", "year", "after", "2020-01-01", "year", "since"),
        ("%(start)s – %(end)s", "after 2019", "since 2020"),
    ),
    (
        ("2019-01-01", "year", "after", "2020-01-07", "day", "after"),
        ("%(start)s – %(end)s", "after 2019", "after 7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "after", "2020-01-07", "day", "before"),
        ("between %(start)s and %(end)s", "2019", "7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "after", "2020-01-07", "day", "circa"),
        ("%(start)s – %(end)s", "after 2019", "c. 7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "after", "2020-01-07", "day", "exact"),
        ("%(start)s – %(end)s", "after 2019", "7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "after", "2020-01-07", "day", "since"),
        ("%(start)s – %(end)s", "after 2019", "since 7 January 2020"),
    ),
    (("2019-01-01", "year", "before", None, None, None), ("%(start)s", "before 2019", None)),
    (
        ("2019-01-01", "year", "before", "2019-01-01", "year", "after"),
        ("%(start)s – %(end)s", "before 2019", "after 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-01-01", "year", "before"),
        ("%(start)s – %(end)s", "before 2019", "before 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "before 2019", "c. 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "before 2019", "2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-01-01", "year", "since"),
        ("%(start)s – %(end)s", "before 2019", "since 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-03-01", "month", "after"),
        ("%(start)s – %(end)s", "before 2019", "after March 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-03-01", "month", "before"),
        ("%(start)s – %(end)s", "before 2019", "before March 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-03-01", "month", "circa"),
        ("%(start)s – %(end)s", "before 2019", "c. March 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-03-01", "month", "exact"),
        ("%(start)s – %(end)s", "before 2019", "March 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-03-01", "month", "since"),
        ("%(start)s – %(end)s", "before 2019", "since March 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-03-13", "day", "after"),
        ("%(start)s – %(end)s", "before 2019", "after 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-03-13", "day", "before"),
        ("%(start)s – %(end)s", "before 2019", "before 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-03-13", "day", "circa"),
        ("%(start)s – %(end)s", "before 2019", "c. 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-03-13", "day", "exact"),
        ("%(start)s – %(end)s", "before 2019", "13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-03-13", "day", "since"),
        ("%(start)s – %(end)s", "before 2019", "since 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-05-01", "month", "after"),
        ("%(start)s – %(end)s", "before 2019", "after May 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-05-01", "month", "before"),
        ("%(start)s – %(end)s", "before 2019", "before May 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-05-01", "month", "circa"),
        ("%(start)s – %(end)s", "before 2019", "c. May 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-05-01", "month", "exact"),
        ("%(start)s – %(end)s", "before 2019", "May 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-05-01", "month", "since"),
        ("%(start)s – %(end)s", "before 2019", "since May 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-05-20", "day", "after"),
        ("%(start)s – %(end)s", "before 2019", "after 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-05-20", "day", "before"),
        ("%(start)s – %(end)s", "before 2019", "before 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-05-20", "day", "circa"),
        ("%(start)s – %(end)s", "before 2019", "c. 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-05-20", "day", "exact"),
        ("%(start)s – %(end)s", "before 2019", "20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2019-05-20", "day", "since"),
        ("%(start)s – %(end)s", "before 2019", "since 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "before", "2020-01-01", "month", "after"),
        ("%(start)s – %(end)s", "before 2019", "after January 2020"),
    ),
    (
        ("2019-01-01", "year", "before", "2020-01-01", "month", "before"),
        ("%(start)s – %(end)s", "before 2019", "before January 2020"),
    ),
    (
        ("2019-01-01", "year", "before", "2020-01-01", "month", "circa"),
        ("%(start)s – %(end)s", "before 2019", "c. January 2020"),
    ),
    (
        ("2019-01-01", "year", "before", "2020-01-01", "month", "exact"),
        ("%(start)s – %(end)s", "before 2019", "January 2020"),
    ),
    (
        ("2019-01-01", "year", "before", "2020-01-01", "month", "since"),
        ("%(start)s – %(end)s", "before 2019", "since January 2020"),
    ),
    (
        ("2019-01-01", "year", "before", "2020-01-01", "year", "after"),
        ("%(start)s – %(end)s", "before 2019", "after 2020"),
    ),
    (
        ("2019-01-01", "year", "before", "2020-01-01", "year", "before"),
        ("%(start)s – %(end)s", "before 2019", "before 2020"),
    ),
    (
        ("2019-01-01", "year", "before", "2020-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "before 2019", "c. 2020"),
    ),
    (
        ("2019-01-01", "year", "before", "2020-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "before 2019", "2020"),
    ),
    (
        ("2019-01-01", "year", "before", "2020-01-01", "year", "since"),
        ("%(start)s – %(end)s", "before 2019", "since 2020"),
    ),
    (
        ("2019-01-01", "year", "before", "2020-01-07", "day", "after"),
        ("%(start)s – %(end)s", "before 2019", "after 7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "before", "2020-01-07", "day", "before"),
        ("%(start)s – %(end)s", "before 2019", "before 7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "before", "2020-01-07", "day", "circa"),
        ("%(start)s – %(end)s", "before 2019", "c. 7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "before", "2020-01-07", "day", "exact"),
        ("%(start)s – %(end)s", "before 2019", "7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "before", "2020-01-07", "day", "since"),
        ("%(start)s – %(end)s", "before 2019", "since 7 January 2020"),
    ),
    (("2019-01-01", "year", "circa", None, None, None), ("%(start)s", "c. 2019", None)),
    (
        ("2019-01-01", "year", "circa", "2019-01-01", "year", "after"),
        ("%(start)s – %(end)s", "c. 2019", "after 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-01-01", "year", "before"),
        ("%(start)s – %(end)s", "c. 2019", "before 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "c. 2019", "c. 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "c. 2019", "2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-01-01", "year", "since"),
        ("%(start)s – %(end)s", "c. 2019", "since 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-03-01", "month", "after"),
        ("%(start)s – %(end)s", "c. 2019", "after March 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-03-01", "month", "before"),
        ("%(start)s – %(end)s", "c. 2019", "before March 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-03-01", "month", "circa"),
        ("%(start)s – %(end)s", "c. 2019", "c. March 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-03-01", "month", "exact"),
        ("%(start)s – %(end)s", "c. 2019", "March 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-03-01", "month", "since"),
        ("%(start)s – %(end)s", "c. 2019", "since March 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-03-13", "day", "after"),
        ("%(start)s – %(end)s", "c. 2019", "after 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-03-13", "day", "before"),
        ("%(start)s – %(end)s", "c. 2019", "before 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-03-13", "day", "circa"),
        ("%(start)s – %(end)s", "c. 2019", "c. 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-03-13", "day", "exact"),
        ("%(start)s – %(end)s", "c. 2019", "13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-03-13", "day", "since"),
        ("%(start)s – %(end)s", "c. 2019", "since 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-05-01", "month", "after"),
        ("%(start)s – %(end)s", "c. 2019", "after May 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-05-01", "month", "before"),
        ("%(start)s – %(end)s", "c. 2019", "before May 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-05-01", "month", "circa"),
        ("%(start)s – %(end)s", "c. 2019", "c. May 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-05-01", "month", "exact"),
        ("%(start)s – %(end)s", "c. 2019", "May 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-05-01", "month", "since"),
        ("%(start)s – %(end)s", "c. 2019", "since May 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-05-20", "day", "after"),
        ("%(start)s – %(end)s", "c. 2019", "after 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-05-20", "day", "before"),
        ("%(start)s – %(end)s", "c. 2019", "before 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-05-20", "day", "circa"),
        ("%(start)s – %(end)s", "c. 2019", "c. 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-05-20", "day", "exact"),
        ("%(start)s – %(end)s", "c. 2019", "20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2019-05-20", "day", "since"),
        ("%(start)s – %(end)s", "c. 2019", "since 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "circa", "2020-01-01", "month", "after"),
        ("%(start)s – %(end)s", "c. 2019", "after January 2020"),
    ),
    (
        ("2019-01-01", "year", "circa", "2020-01-01", "month", "before"),
        ("%(start)s – %(end)s", "c. 2019", "before January 2020"),
    ),
    (
        ("2019-01-01", "year", "circa", "2020-01-01", "month", "circa"),
        ("%(start)s – %(end)s", "c. 2019", "c. January 2020"),
    ),
    (
        ("2019-01-01", "year", "circa", "2020-01-01", "month", "exact"),
        ("%(start)s – %(end)s", "c. 2019", "January 2020"),
    ),
    (
        ("2019-01-01", "year", "circa", "2020-01-01", "month", "since"),
        ("%(start)s – %(end)s", "c. 2019", "since January 2020"),
    ),
    (
        ("2019-01-01", "year", "circa", "2020-01-01", "year", "after"),
        ("%(start)s – %(end)s", "c. 2019", "after 2020"),
    ),
    (
        ("2019-01-01", "year", "circa", "2020-01-01", "year", "before"),
        ("%(start)s – %(end)s", "c. 2019", "before 2020"),
    ),
    (
        ("2019-01-01", "year", "circa", "2020-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "c. 2019", "c. 2020"),
    ),
    (
        ("2019-01-01", "year", "circa", "2020-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "c. 2019", "2020"),
    ),
    (
        ("2019-01-01", "year", "circa", "2020-01-01", "year", "since"),
        ("%(start)s – %(end)s", "c. 2019", "since 2020"),
    ),
    (
        ("2019-01-01", "year", "circa", "2020-01-07", "day", "after"),
        ("%(start)s – %(end)s", "c. 2019", "after 7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "circa", "2020-01-07", "day", "before"),
        ("%(start)s – %(end)s", "c. 2019", "before 7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "circa", "2020-01-07", "day", "circa"),
        ("%(start)s – %(end)s", "c. 2019", "c. 7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "circa", "2020-01-07", "day", "exact"),
        ("%(start)s – %(end)s", "c. 2019", "7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "circa", "2020-01-07", "day", "since"),
        ("%(start)s – %(end)s", "c. 2019", "since 7 January 2020"),
    ),
    (("2019-01-01", "year", "exact", None, None, None), ("%(start)s", "2019", None)),
    (
        ("2019-01-01", "year", "exact", "2019-01-01", "year", "after"),
        ("%(start)s – %(end)s", "2019", "after 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-01-01", "year", "before"),
        ("%(start)s – %(end)s", "2019", "before 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "2019", "c. 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "2019", "2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-01-01", "year", "since"),
        ("%(start)s – %(end)s", "2019", "since 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-03-01", "month", "after"),
        ("%(start)s – %(end)s", "2019", "after March 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-03-01", "month", "before"),
        ("%(start)s – %(end)s", "2019", "before March 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-03-01", "month", "circa"),
        ("%(start)s – %(end)s", "2019", "c. March 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-03-01", "month", "exact"),
        ("%(start)s – %(end)s", "2019", "March 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-03-01", "month", "since"),
        ("%(start)s – %(end)s", "2019", "since March 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-03-13", "day", "after"),
        ("%(start)s – %(end)s", "2019", "after 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-03-13", "day", "before"),
        ("%(start)s – %(end)s", "2019", "before 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-03-13", "day", "circa"),
        ("%(start)s – %(end)s", "2019", "c. 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-03-13", "day", "exact"),
        ("%(start)s – %(end)s", "2019", "13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-03-13", "day", "since"),
        ("%(start)s – %(end)s", "2019", "since 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-05-01", "month", "after"),
        ("%(start)s – %(end)s", "2019", "after May 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-05-01", "month", "before"),
        ("%(start)s – %(end)s", "2019", "before May 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-05-01", "month", "circa"),
        ("%(start)s – %(end)s", "2019", "c. May 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-05-01", "month", "exact"),
        ("%(start)s – %(end)s", "2019", "May 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-05-01", "month", "since"),
        ("%(start)s – %(end)s", "2019", "since May 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-05-20", "day", "after"),
        ("%(start)s – %(end)s", "2019", "after 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-05-20", "day", "before"),
        ("%(start)s – %(end)s", "2019", "before 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-05-20", "day", "circa"),
        ("%(start)s – %(end)s", "2019", "c. 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-05-20", "day", "exact"),
        ("%(start)s – %(end)s", "2019", "20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2019-05-20", "day", "since"),
        ("%(start)s – %(end)s", "2019", "since 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "exact", "2020-01-01", "month", "after"),
        ("%(start)s – %(end)s", "2019", "after January 2020"),
    ),
    (
        ("2019-01-01", "year", "exact", "2020-01-01", "month", "before"),
        ("%(start)s – %(end)s", "2019", "before January 2020"),
    ),
    (
        ("2019-01-01", "year", "exact", "2020-01-01", "month", "circa"),
        ("%(start)s – %(end)s", "2019", "c. January 2020"),
    ),
    (
        ("2019-01-01", "year", "exact", "2020-01-01", "month", "exact"),
        ("%(start)s – %(end)s", "2019", "January 2020"),
    ),
    (
        ("2019-01-01", "year", "exact", "2020-01-01", "month", "since"),
        ("%(start)s – %(end)s", "2019", "since January 2020"),
    ),
    (
        ("2019-01-01", "year", "exact", "2020-01-01", "year", "after"),
        ("%(start)s – %(end)s", "2019", "after 2020"),
    ),
    (
        ("2019-01-01", "year", "exact", "2020-01-01", "year", "before"),
        ("%(start)s – %(end)s", "2019", "before 2020"),
    ),
    (
        ("2019-01-01", "year", "exact", "2020-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "2019", "c. 2020"),
    ),
    (
        ("2019-01-01", "year", "exact", "2020-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "2019", "2020"),
    ),
    (
        ("2019-01-01", "year", "exact", "2020-01-01", "year", "since"),
        ("%(start)s – %(end)s", "2019", "since 2020"),
    ),
    (
        ("2019-01-01", "year", "exact", "2020-01-07", "day", "after"),
        ("%(start)s – %(end)s", "2019", "after 7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "exact", "2020-01-07", "day", "before"),
        ("%(start)s – %(end)s", "2019", "before 7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "exact", "2020-01-07", "day", "circa"),
        ("%(start)s – %(end)s", "2019", "c. 7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "exact", "2020-01-07", "day", "exact"),
        ("%(start)s – %(end)s", "2019", "7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "exact", "2020-01-07", "day", "since"),
        ("%(start)s – %(end)s", "2019", "since 7 January 2020"),
    ),
    (("2019-01-01", "year", "since", None, None, None), ("%(start)s", "since 2019", None)),
    (
        ("2019-01-01", "year", "since", "2019-01-01", "year", "after"),
        ("%(start)s – %(end)s", "since 2019", "after 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-01-01", "year", "before"),
        ("%(start)s – %(end)s", "since 2019", "before 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "since 2019", "c. 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "since 2019", "2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-01-01", "year", "since"),
        ("%(start)s – %(end)s", "since 2019", "since 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-03-01", "month", "after"),
        ("%(start)s – %(end)s", "since 2019", "after March 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-03-01", "month", "before"),
        ("%(start)s – %(end)s", "since 2019", "before March 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-03-01", "month", "circa"),
        ("%(start)s – %(end)s", "since 2019", "c. March 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-03-01", "month", "exact"),
        ("%(start)s – %(end)s", "since 2019", "March 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-03-01", "month", "since"),
        ("%(start)s – %(end)s", "since 2019", "since March 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-03-13", "day", "after"),
        ("%(start)s – %(end)s", "since 2019", "after 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-03-13", "day", "before"),
        ("%(start)s – %(end)s", "since 2019", "before 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-03-13", "day", "circa"),
        ("%(start)s – %(end)s", "since 2019", "c. 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-03-13", "day", "exact"),
        ("%(start)s – %(end)s", "since 2019", "13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-03-13", "day", "since"),
        ("%(start)s – %(end)s", "since 2019", "since 13 March 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-05-01", "month", "after"),
        ("%(start)s – %(end)s", "since 2019", "after May 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-05-01", "month", "before"),
        ("%(start)s – %(end)s", "since 2019", "before May 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-05-01", "month", "circa"),
        ("%(start)s – %(end)s", "since 2019", "c. May 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-05-01", "month", "exact"),
        ("%(start)s – %(end)s", "since 2019", "May 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-05-01", "month", "since"),
        ("%(start)s – %(end)s", "since 2019", "since May 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-05-20", "day", "after"),
        ("%(start)s – %(end)s", "since 2019", "after 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-05-20", "day", "before"),
        ("%(start)s – %(end)s", "since 2019", "before 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-05-20", "day", "circa"),
        ("%(start)s – %(end)s", "since 2019", "c. 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-05-20", "day", "exact"),
        ("%(start)s – %(end)s", "since 2019", "20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2019-05-20", "day", "since"),
        ("%(start)s – %(end)s", "since 2019", "since 20 May 2019"),
    ),
    (
        ("2019-01-01", "year", "since", "2020-01-01", "month", "after"),
        ("%(start)s – %(end)s", "since 2019", "after January 2020"),
    ),
    (
        ("2019-01-01", "year", "since", "2020-01-01", "month", "before"),
        ("%(start)s – %(end)s", "since 2019", "before January 2020"),
    ),
    (
        ("2019-01-01", "year", "since", "2020-01-01", "month", "circa"),
        ("%(start)s – %(end)s", "since 2019", "c. January 2020"),
    ),
    (
        ("2019-01-01", "year", "since", "2020-01-01", "month", "exact"),
        ("%(start)s – %(end)s", "since 2019", "January 2020"),
    ),
    (
        ("2019-01-01", "year", "since", "2020-01-01", "month", "since"),
        ("%(start)s – %(end)s", "since 2019", "since January 2020"),
    ),
    (
        ("2019-01-01", "year", "since", "2020-01-01", "year", "after"),
        ("%(start)s – %(end)s", "since 2019", "after 2020"),
    ),
    (
        ("2019-01-01", "year", "since", "2020-01-01", "year", "before"),
        ("%(start)s – %(end)s", "since 2019", "before 2020"),
    ),
    (
        ("2019-01-01", "year", "since", "2020-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "since 2019", "c. 2020"),
    ),
    (
        ("2019-01-01", "year", "since", "2020-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "since 2019", "2020"),
    ),
    (
        ("2019-01-01", "year", "since", "2020-01-01", "year", "since"),
        ("%(start)s – %(end)s", "since 2019", "since 2020"),
    ),
    (
        ("2019-01-01", "year", "since", "2020-01-07", "day", "after"),
        ("%(start)s – %(end)s", "since 2019", "after 7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "since", "2020-01-07", "day", "before"),
        ("%(start)s – %(end)s", "since 2019", "before 7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "since", "2020-01-07", "day", "circa"),
        ("%(start)s – %(end)s", "since 2019", "c. 7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "since", "2020-01-07", "day", "exact"),
        ("%(start)s – %(end)s", "since 2019", "7 January 2020"),
    ),
    (
        ("2019-01-01", "year", "since", "2020-01-07", "day", "since"),
        ("%(start)s – %(end)s", "since 2019", "since 7 January 2020"),
    ),
    (("2019-03-01", "month", "after", None, None, None), ("%(start)s", "after March 2019", None)),
    (
        ("2019-03-01", "month", "after", "2019-01-01", "year", "after"),
        ("%(start)s – %(end)s", "after March 2019", "after 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-01-01", "year", "before"),
        ("between %(start)s and %(end)s", "March", "2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "after March 2019", "c. 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "after March 2019", "2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-01-01", "year", "since"),
        ("%(start)s – %(end)s", "after March 2019", "since 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-03-01", "month", "after"),
        ("%(start)s – %(end)s", "after March 2019", "after March 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-03-01", "month", "before"),
        ("between %(start)s and %(end)s", "March", "March 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-03-01", "month", "circa"),
        ("%(start)s – %(end)s", "after March 2019", "c. March 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-03-01", "month", "exact"),
        ("%(start)s – %(end)s", "after March 2019", "March 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-03-01", "month", "since"),
        ("%(start)s – %(end)s", "after March 2019", "since March 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-03-13", "day", "after"),
        ("%(start)s – %(end)s", "after March 2019", "after 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-03-13", "day", "before"),
        ("between %(start)s and %(end)s", "March", "13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-03-13", "day", "circa"),
        ("%(start)s – %(end)s", "after March 2019", "c. 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-03-13", "day", "exact"),
        ("%(start)s – %(end)s", "after March 2019", "13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-03-13", "day", "since"),
        ("%(start)s – %(end)s", "after March 2019", "since 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-05-01", "month", "after"),
        ("%(start)s – %(end)s", "after March 2019", "after May 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-05-01", "month", "before"),
        ("between %(start)s and %(end)s", "March", "May 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-05-01", "month", "circa"),
        ("%(start)s – %(end)s", "after March 2019", "c. May 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-05-01", "month", "exact"),
        ("%(start)s – %(end)s", "after March 2019", "May 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-05-01", "month", "since"),
        ("%(start)s – %(end)s", "after March 2019", "since May 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-05-20", "day", "after"),
        ("%(start)s – %(end)s", "after March 2019", "after 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-05-20", "day", "before"),
        ("between %(start)s and %(end)s", "March", "20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-05-20", "day", "circa"),
        ("%(start)s – %(end)s", "after March 2019", "c. 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-05-20", "day", "exact"),
        ("%(start)s – %(end)s", "after March 2019", "20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2019-05-20", "day", "since"),
        ("%(start)s – %(end)s", "after March 2019", "since 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "after", "2020-01-01", "month", "after"),
        ("%(start)s – %(end)s", "after March 2019", "after January 2020"),
    ),
    (
        ("2019-03-01", "month", "after", "2020-01-01", "month", "before"),
        ("between %(start)s and %(end)s", "March 2019", "January 2020"),
    ),
    (
        ("2019-03-01", "month", "after", "2020-01-01", "month", "circa"),
        ("%(start)s – %(end)s", "after March 2019", "c. January 2020"),
    ),
    (
        ("2019-03-01", "month", "after", "2020-01-01", "month", "exact"),
        ("%(start)s – %(end)s", "after March 2019", "January 2020"),
    ),
    (
        ("2019-03-01", "month", "after", "2020-01-01", "month", "since"),
        ("%(start)s – %(end)s", "after March 2019", "since January 2020"),
    ),
    (
        ("2019-03-01", "month", "after", "2020-01-01", "year", "after"),
        ("%(start)s – %(end)s", "after March 2019", "after 2020"),
    ),
    (
        ("2019-03-01", "month", "after", "2020-01-01", "year", "before"),
        ("between %(start)s and %(end)s", "March 2019", "2020"),
    ),
    (
        ("2019-03-01", "month", "after", "2020-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "after March 2019", "c. 2020"),
    ),
    (
        ("2019-03-01", "month", "after", "2020-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "after March 2019", "2020"),
    ),
    (
        ("2019-03-01", "month", "after", "2020-01-01", "year", "since"),
        ("%(start)s – %(end)s", "after March 2019", "since 2020"),
    ),
    (
        ("2019-03-01", "month", "after", "2020-01-07", "day", "after"),
        ("%(start)s – %(end)s", "after March 2019", "after 7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "after", "2020-01-07", "day", "before"),
        ("between %(start)s and %(end)s", "March 2019", "7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "after", "2020-01-07", "day", "circa"),
        ("%(start)s – %(end)s", "after March 2019", "c. 7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "after", "2020-01-07", "day", "exact"),
        ("%(start)s – %(end)s", "after March 2019", "7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "after", "2020-01-07", "day", "since"),
        ("%(start)s – %(end)s", "after March 2019", "since 7 January 2020"),
    ),
    (("2019-03-01", "month", "before", None, None, None), ("%(start)s", "before March 2019", None)),
    (
        ("2019-03-01", "month", "before", "2019-01-01", "year", "after"),
        ("%(start)s – %(end)s", "before March 2019", "after 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-01-01", "year", "before"),
        ("%(start)s – %(end)s", "before March 2019", "before 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "before March 2019", "c. 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "before March 2019", "2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-01-01", "year", "since"),
        ("%(start)s – %(end)s", "before March 2019", "since 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-03-01", "month", "after"),
        ("%(start)s – %(end)s", "before March 2019", "after March 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-03-01", "month", "before"),
        ("%(start)s – %(end)s", "before March 2019", "before March 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-03-01", "month", "circa"),
        ("%(start)s – %(end)s", "before March 2019", "c. March 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-03-01", "month", "exact"),
        ("%(start)s – %(end)s", "before March 2019", "March 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-03-01", "month", "since"),
        ("%(start)s – %(end)s", "before March 2019", "since March 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-03-13", "day", "after"),
        ("%(start)s – %(end)s", "before March 2019", "after 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-03-13", "day", "before"),
        ("%(start)s – %(end)s", "before March 2019", "before 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-03-13", "day", "circa"),
        ("%(start)s – %(end)s", "before March 2019", "c. 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-03-13", "day", "exact"),
        ("%(start)s – %(end)s", "before March 2019", "13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-03-13", "day", "since"),
        ("%(start)s – %(end)s", "before March 2019", "since 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-05-01", "month", "after"),
        ("%(start)s – %(end)s", "before March 2019", "after May 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-05-01", "month", "before"),
        ("%(start)s – %(end)s", "before March 2019", "before May 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-05-01", "month", "circa"),
        ("%(start)s – %(end)s", "before March 2019", "c. May 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-05-01", "month", "exact"),
        ("%(start)s – %(end)s", "before March 2019", "May 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-05-01", "month", "since"),
        ("%(start)s – %(end)s", "before March 2019", "since May 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-05-20", "day", "after"),
        ("%(start)s – %(end)s", "before March 2019", "after 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-05-20", "day", "before"),
        ("%(start)s – %(end)s", "before March 2019", "before 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-05-20", "day", "circa"),
        ("%(start)s – %(end)s", "before March 2019", "c. 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-05-20", "day", "exact"),
        ("%(start)s – %(end)s", "before March 2019", "20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2019-05-20", "day", "since"),
        ("%(start)s – %(end)s", "before March 2019", "since 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "before", "2020-01-01", "month", "after"),
        ("%(start)s – %(end)s", "before March 2019", "after January 2020"),
    ),
    (
        ("2019-03-01", "month", "before", "2020-01-01", "month", "before"),
        ("%(start)s – %(end)s", "before March 2019", "before January 2020"),
    ),
    (
        ("2019-03-01", "month", "before", "2020-01-01", "month", "circa"),
        ("%(start)s – %(end)s", "before March 2019", "c. January 2020"),
    ),
    (
        ("2019-03-01", "month", "before", "2020-01-01", "month", "exact"),
        ("%(start)s – %(end)s", "before March 2019", "January 2020"),
    ),
    (
        ("2019-03-01", "month", "before", "2020-01-01", "month", "since"),
        ("%(start)s – %(end)s", "before March 2019", "since January 2020"),
    ),
    (
        ("2019-03-01", "month", "before", "2020-01-01", "year", "after"),
        ("%(start)s – %(end)s", "before March 2019", "after 2020"),
    ),
    (
        ("2019-03-01", "month", "before", "2020-01-01", "year", "before"),
        ("%(start)s – %(end)s", "before March 2019", "before 2020"),
    ),
    (
        ("2019-03-01", "month", "before", "2020-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "before March 2019", "c. 2020"),
    ),
    (
        ("2019-03-01", "month", "before", "2020-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "before March 2019", "2020"),
    ),
    (
        ("2019-03-01", "month", "before", "2020-01-01", "year", "since"),
        ("%(start)s – %(end)s", "before March 2019", "since 2020"),
    ),
    (
        ("2019-03-01", "month", "before", "2020-01-07", "day", "after"),
        ("%(start)s – %(end)s", "before March 2019", "after 7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "before", "2020-01-07", "day", "before"),
        ("%(start)s – %(end)s", "before March 2019", "before 7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "before", "2020-01-07", "day", "circa"),
        ("%(start)s – %(end)s", "before March 2019", "c. 7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "before", "2020-01-07", "day", "exact"),
        ("%(start)s – %(end)s", "before March 2019", "7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "before", "2020-01-07", "day", "since"),
        ("%(start)s – %(end)s", "before March 2019", "since 7 January 2020"),
    ),
    (("2019-03-01", "month", "circa", None, None, None), ("%(start)s", "c. March 2019", None)),
    (
        ("2019-03-01", "month", "circa", "2019-01-01", "year", "after"),
        ("%(start)s – %(end)s", "c. March 2019", "after 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-01-01", "year", "before"),
        ("%(start)s – %(end)s", "c. March 2019", "before 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "c. March 2019", "c. 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "c. March 2019", "2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-01-01", "year", "since"),
        ("%(start)s – %(end)s", "c. March 2019", "since 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-03-01", "month", "after"),
        ("%(start)s – %(end)s", "c. March 2019", "after March 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-03-01", "month", "before"),
        ("%(start)s – %(end)s", "c. March 2019", "before March 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-03-01", "month", "circa"),
        ("%(start)s – %(end)s", "c. March 2019", "c. March 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-03-01", "month", "exact"),
        ("%(start)s – %(end)s", "c. March 2019", "March 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-03-01", "month", "since"),
        ("%(start)s – %(end)s", "c. March 2019", "since March 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-03-13", "day", "after"),
        ("%(start)s – %(end)s", "c. March 2019", "after 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-03-13", "day", "before"),
        ("%(start)s – %(end)s", "c. March 2019", "before 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-03-13", "day", "circa"),
        ("%(start)s – %(end)s", "c. March 2019", "c. 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-03-13", "day", "exact"),
        ("%(start)s – %(end)s", "c. March 2019", "13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-03-13", "day", "since"),
        ("%(start)s – %(end)s", "c. March 2019", "since 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-05-01", "month", "after"),
        ("%(start)s – %(end)s", "c. March 2019", "after May 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-05-01", "month", "before"),
        ("%(start)s – %(end)s", "c. March 2019", "before May 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-05-01", "month", "circa"),
        ("%(start)s – %(end)s", "c. March 2019", "c. May 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-05-01", "month", "exact"),
        ("%(start)s – %(end)s", "c. March 2019", "May 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-05-01", "month", "since"),
        ("%(start)s – %(end)s", "c. March 2019", "since May 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-05-20", "day", "after"),
        ("%(start)s – %(end)s", "c. March 2019", "after 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-05-20", "day", "before"),
        ("%(start)s – %(end)s", "c. March 2019", "before 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-05-20", "day", "circa"),
        ("%(start)s – %(end)s", "c. March 2019", "c. 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-05-20", "day", "exact"),
        ("%(start)s – %(end)s", "c. March 2019", "20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2019-05-20", "day", "since"),
        ("%(start)s – %(end)s", "c. March 2019", "since 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "circa", "2020-01-01", "month", "after"),
        ("%(start)s – %(end)s", "c. March 2019", "after January 2020"),
    ),
    (
        ("2019-03-01", "month", "circa", "2020-01-01", "month", "before"),
        ("%(start)s – %(end)s", "c. March 2019", "before January 2020"),
    ),
    (
        ("2019-03-01", "month", "circa", "2020-01-01", "month", "circa"),
        ("%(start)s – %(end)s", "c. March 2019", "c. January 2020"),
    ),
    (
        ("2019-03-01", "month", "circa", "2020-01-01", "month", "exact"),
        ("%(start)s – %(end)s", "c. March 2019", "January 2020"),
    ),
    (
        ("2019-03-01", "month", "circa", "2020-01-01", "month", "since"),
        ("%(start)s – %(end)s", "c. March 2019", "since January 2020"),
    ),
    (
        ("2019-03-01", "month", "circa", "2020-01-01", "year", "after"),
        ("%(start)s – %(end)s", "c. March 2019", "after 2020"),
    ),
    (
        ("2019-03-01", "month", "circa", "2020-01-01", "year", "before"),
        ("%(start)s – %(end)s", "c. March 2019", "before 2020"),
    ),
    (
        ("2019-03-01", "month", "circa", "2020-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "c. March 2019", "c. 2020"),
    ),
    (
        ("2019-03-01", "month", "circa", "2020-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "c. March 2019", "2020"),
    ),
    (
        ("2019-03-01", "month", "circa", "2020-01-01", "year", "since"),
        ("%(start)s – %(end)s", "c. March 2019", "since 2020"),
    ),
    (
        ("2019-03-01", "month", "circa", "2020-01-07", "day", "after"),
        ("%(start)s – %(end)s", "c. March 2019", "after 7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "circa", "2020-01-07", "day", "before"),
        ("%(start)s – %(end)s", "c. March 2019", "before 7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "circa", "2020-01-07", "day", "circa"),
        ("%(start)s – %(end)s", "c. March 2019", "c. 7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "circa", "2020-01-07", "day", "exact"),
        ("%(start)s – %(end)s", "c. March 2019", "7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "circa", "2020-01-07", "day", "since"),
        ("%(start)s – %(end)s", "c. March 2019", "since 7 January 2020"),
    ),
    (("2019-03-01", "month", "exact", None, None, None), ("%(start)s", "March 2019", None)),
    (
        ("2019-03-01", "month", "exact", "2019-01-01", "year", "after"),
        ("%(start)s – %(end)s", "March 2019", "after 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-01-01", "year", "before"),
        ("%(start)s – %(end)s", "March 2019", "before 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "March 2019", "c. 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "March 2019", "2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-01-01", "year", "since"),
        ("%(start)s – %(end)s", "March 2019", "since 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-03-01", "month", "after"),
        ("%(start)s – %(end)s", "March 2019", "after March 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-03-01", "month", "before"),
        ("%(start)s – %(end)s", "March 2019", "before March 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-03-01", "month", "circa"),
        ("%(start)s – %(end)s", "March 2019", "c. March 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-03-01", "month", "exact"),
        ("%(start)s – %(end)s", "March", "March 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-03-01", "month", "since"),
        ("%(start)s – %(end)s", "March 2019", "since March 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-03-13", "day", "after"),
        ("%(start)s – %(end)s", "March 2019", "after 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-03-13", "day", "before"),
        ("%(start)s – %(end)s", "March 2019", "before 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-03-13", "day", "circa"),
        ("%(start)s – %(end)s", "March 2019", "c. 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-03-13", "day", "exact"),
        ("%(start)s – %(end)s", "March", "13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-03-13", "day", "since"),
        ("%(start)s – %(end)s", "March 2019", "since 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-05-01", "month", "after"),
        ("%(start)s – %(end)s", "March 2019", "after May 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-05-01", "month", "before"),
        ("%(start)s – %(end)s", "March 2019", "before May 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-05-01", "month", "circa"),
        ("%(start)s – %(end)s", "March 2019", "c. May 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-05-01", "month", "exact"),
        ("%(start)s – %(end)s", "March", "May 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-05-01", "month", "since"),
        ("%(start)s – %(end)s", "March 2019", "since May 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-05-20", "day", "after"),
        ("%(start)s – %(end)s", "March 2019", "after 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-05-20", "day", "before"),
        ("%(start)s – %(end)s", "March 2019", "before 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-05-20", "day", "circa"),
        ("%(start)s – %(end)s", "March 2019", "c. 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-05-20", "day", "exact"),
        ("%(start)s – %(end)s", "March", "20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2019-05-20", "day", "since"),
        ("%(start)s – %(end)s", "March 2019", "since 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "exact", "2020-01-01", "month", "after"),
        ("%(start)s – %(end)s", "March 2019", "after January 2020"),
    ),
    (
        ("2019-03-01", "month", "exact", "2020-01-01", "month", "before"),
        ("%(start)s – %(end)s", "March 2019", "before January 2020"),
    ),
    (
        ("2019-03-01", "month", "exact", "2020-01-01", "month", "circa"),
        ("%(start)s – %(end)s", "March 2019", "c. January 2020"),
    ),
    (
        ("2019-03-01", "month", "exact", "2020-01-01", "month", "exact"),
        ("%(start)s – %(end)s", "March 2019", "January 2020"),
    ),
    (
        ("2019-03-01", "month", "exact", "2020-01-01", "month", "since"),
        ("%(start)s – %(end)s", "March 2019", "since January 2020"),
    ),
    (
        ("2019-03-01", "month", "exact", "2020-01-01", "year", "after"),
        ("%(start)s – %(end)s", "March 2019", "after 2020"),
    ),
    (
        ("2019-03-01", "month", "exact", "2020-01-01", "year", "before"),
        ("%(start)s – %(end)s", "March 2019", "before 2020"),
    ),
    (
        ("2019-03-01", "month", "exact", "2020-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "March 2019", "c. 2020"),
    ),
    (
        ("2019-03-01", "month", "exact", "2020-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "March 2019", "2020"),
    ),
    (
        ("2019-03-01", "month", "exact", "2020-01-01", "year", "since"),
        ("%(start)s – %(end)s", "March 2019", "since 2020"),
    ),
    (
        ("2019-03-01", "month", "exact", "2020-01-07", "day", "after"),
        ("%(start)s – %(end)s", "March 2019", "after 7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "exact", "2020-01-07", "day", "before"),
        ("%(start)s – %(end)s", "March 2019", "before 7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "exact", "2020-01-07", "day", "circa"),
        ("%(start)s – %(end)s", "March 2019", "c. 7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "exact", "2020-01-07", "day", "exact"),
        ("%(start)s – %(end)s", "March 2019", "7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "exact", "2020-01-07", "day", "since"),
        ("%(start)s – %(end)s", "March 2019", "since 7 January 2020"),
    ),
    (("2019-03-01", "month", "since", None, None, None), ("%(start)s", "since March 2019", None)),
    (
        ("2019-03-01", "month", "since", "2019-01-01", "year", "after"),
        ("%(start)s – %(end)s", "since March 2019", "after 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-01-01", "year", "before"),
        ("%(start)s – %(end)s", "since March 2019", "before 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "since March 2019", "c. 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "since March 2019", "2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-01-01", "year", "since"),
        ("%(start)s – %(end)s", "since March 2019", "since 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-03-01", "month", "after"),
        ("%(start)s – %(end)s", "since March 2019", "after March 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-03-01", "month", "before"),
        ("%(start)s – %(end)s", "since March 2019", "before March 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-03-01", "month", "circa"),
        ("%(start)s – %(end)s", "since March 2019", "c. March 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-03-01", "month", "exact"),
        ("%(start)s – %(end)s", "since March 2019", "March 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-03-01", "month", "since"),
        ("%(start)s – %(end)s", "since March 2019", "since March 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-03-13", "day", "after"),
        ("%(start)s – %(end)s", "since March 2019", "after 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-03-13", "day", "before"),
        ("%(start)s – %(end)s", "since March 2019", "before 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-03-13", "day", "circa"),
        ("%(start)s – %(end)s", "since March 2019", "c. 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-03-13", "day", "exact"),
        ("%(start)s – %(end)s", "since March 2019", "13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-03-13", "day", "since"),
        ("%(start)s – %(end)s", "since March 2019", "since 13 March 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-05-01", "month", "after"),
        ("%(start)s – %(end)s", "since March 2019", "after May 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-05-01", "month", "before"),
        ("%(start)s – %(end)s", "since March 2019", "before May 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-05-01", "month", "circa"),
        ("%(start)s – %(end)s", "since March 2019", "c. May 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-05-01", "month", "exact"),
        ("%(start)s – %(end)s", "since March 2019", "May 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-05-01", "month", "since"),
        ("%(start)s – %(end)s", "since March 2019", "since May 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-05-20", "day", "after"),
        ("%(start)s – %(end)s", "since March 2019", "after 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-05-20", "day", "before"),
        ("%(start)s – %(end)s", "since March 2019", "before 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-05-20", "day", "circa"),
        ("%(start)s – %(end)s", "since March 2019", "c. 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-05-20", "day", "exact"),
        ("%(start)s – %(end)s", "since March 2019", "20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2019-05-20", "day", "since"),
        ("%(start)s – %(end)s", "since March 2019", "since 20 May 2019"),
    ),
    (
        ("2019-03-01", "month", "since", "2020-01-01", "month", "after"),
        ("%(start)s – %(end)s", "since March 2019", "after January 2020"),
    ),
    (
        ("2019-03-01", "month", "since", "2020-01-01", "month", "before"),
        ("%(start)s – %(end)s", "since March 2019", "before January 2020"),
    ),
    (
        ("2019-03-01", "month", "since", "2020-01-01", "month", "circa"),
        ("%(start)s – %(end)s", "since March 2019", "c. January 2020"),
    ),
    (
        ("2019-03-01", "month", "since", "2020-01-01", "month", "exact"),
        ("%(start)s – %(end)s", "since March 2019", "January 2020"),
    ),
    (
        ("2019-03-01", "month", "since", "2020-01-01", "month", "since"),
        ("%(start)s – %(end)s", "since March 2019", "since January 2020"),
    ),
    (
        ("2019-03-01", "month", "since", "2020-01-01", "year", "after"),
        ("%(start)s – %(end)s", "since March 2019", "after 2020"),
    ),
    (
        ("2019-03-01", "month", "since", "2020-01-01", "year", "before"),
        ("%(start)s – %(end)s", "since March 2019", "before 2020"),
    ),
    (
        ("2019-03-01", "month", "since", "2020-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "since March 2019", "c. 2020"),
    ),
    (
        ("2019-03-01", "month", "since", "2020-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "since March 2019", "2020"),
    ),
    (
        ("2019-03-01", "month", "since", "2020-01-01", "year", "since"),
        ("%(start)s – %(end)s", "since March 2019", "since 2020"),
    ),
    (
        ("2019-03-01", "month", "since", "2020-01-07", "day", "after"),
        ("%(start)s – %(end)s", "since March 2019", "after 7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "since", "2020-01-07", "day", "before"),
        ("%(start)s – %(end)s", "since March 2019", "before 7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "since", "2020-01-07", "day", "circa"),
        ("%(start)s – %(end)s", "since March 2019", "c. 7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "since", "2020-01-07", "day", "exact"),
        ("%(start)s – %(end)s", "since March 2019", "7 January 2020"),
    ),
    (
        ("2019-03-01", "month", "since", "2020-01-07", "day", "since"),
        ("%(start)s – %(end)s", "since March 2019", "since 7 January 2020"),
    ),
    (("2019-03-11", "day", "after", None, None, None), ("%(start)s", "after 11 March 2019", None)),
    (
        ("2019-03-11", "day", "after", "2019-01-01", "year", "after"),
        ("%(start)s – %(end)s", "after 11 March 2019", "after 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-01-01", "year", "before"),
        ("between %(start)s and %(end)s", "11 March", "2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "after 11 March 2019", "c. 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "after 11 March 2019", "2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-01-01", "year", "since"),
        ("%(start)s – %(end)s", "after 11 March 2019", "since 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-03-01", "month", "after"),
        ("%(start)s – %(end)s", "after 11 March 2019", "after March 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-03-01", "month", "before"),
        ("between %(start)s and %(end)s", "11 March", "March 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-03-01", "month", "circa"),
        ("%(start)s – %(end)s", "after 11 March 2019", "c. March 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-03-01", "month", "exact"),
        ("%(start)s – %(end)s", "after 11 March 2019", "March 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-03-01", "month", "since"),
        ("%(start)s – %(end)s", "after 11 March 2019", "since March 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-03-13", "day", "after"),
        ("%(start)s – %(end)s", "after 11 March 2019", "after 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-03-13", "day", "before"),
        ("between %(start)s and %(end)s", "11 March", "13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-03-13", "day", "circa"),
        ("%(start)s – %(end)s", "after 11 March 2019", "c. 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-03-13", "day", "exact"),
        ("%(start)s – %(end)s", "after 11 March 2019", "13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-03-13", "day", "since"),
        ("%(start)s – %(end)s", "after 11 March 2019", "since 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-05-01", "month", "after"),
        ("%(start)s – %(end)s", "after 11 March 2019", "after May 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-05-01", "month", "before"),
        ("between %(start)s and %(end)s", "11 March", "May 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-05-01", "month", "circa"),
        ("%(start)s – %(end)s", "after 11 March 2019", "c. May 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-05-01", "month", "exact"),
        ("%(start)s – %(end)s", "after 11 March 2019", "May 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-05-01", "month", "since"),
        ("%(start)s – %(end)s", "after 11 March 2019", "since May 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-05-20", "day", "after"),
        ("%(start)s – %(end)s", "after 11 March 2019", "after 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-05-20", "day", "before"),
        ("between %(start)s and %(end)s", "11 March", "20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-05-20", "day", "circa"),
        ("%(start)s – %(end)s", "after 11 March 2019", "c. 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-05-20", "day", "exact"),
        ("%(start)s – %(end)s", "after 11 March 2019", "20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2019-05-20", "day", "since"),
        ("%(start)s – %(end)s", "after 11 March 2019", "since 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "after", "2020-01-01", "month", "after"),
        ("%(start)s – %(end)s", "after 11 March 2019", "after January 2020"),
    ),
    (
        ("2019-03-11", "day", "after", "2020-01-01", "month", "before"),
        ("between %(start)s and %(end)s", "11 March 2019", "January 2020"),
    ),
    (
        ("2019-03-11", "day", "after", "2020-01-01", "month", "circa"),
        ("%(start)s – %(end)s", "after 11 March 2019", "c. January 2020"),
    ),
    (
        ("2019-03-11", "day", "after", "2020-01-01", "month", "exact"),
        ("%(start)s – %(end)s", "after 11 March 2019", "January 2020"),
    ),
    (
        ("2019-03-11", "day", "after", "2020-01-01", "month", "since"),
        ("%(start)s – %(end)s", "after 11 March 2019", "since January 2020"),
    ),
    (
        ("2019-03-11", "day", "after", "2020-01-01", "year", "after"),
        ("%(start)s – %(end)s", "after 11 March 2019", "after 2020"),
    ),
    (
        ("2019-03-11", "day", "after", "2020-01-01", "year", "before"),
        ("between %(start)s and %(end)s", "11 March 2019", "2020"),
    ),
    (
        ("2019-03-11", "day", "after", "2020-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "after 11 March 2019", "c. 2020"),
    ),
    (
        ("2019-03-11", "day", "after", "2020-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "after 11 March 2019", "2020"),
    ),
    (
        ("2019-03-11", "day", "after", "2020-01-01", "year", "since"),
        ("%(start)s – %(end)s", "after 11 March 2019", "since 2020"),
    ),
    (
        ("2019-03-11", "day", "after", "2020-01-07", "day", "after"),
        ("%(start)s – %(end)s", "after 11 March 2019", "after 7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "after", "2020-01-07", "day", "before"),
        ("between %(start)s and %(end)s", "11 March 2019", "7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "after", "2020-01-07", "day", "circa"),
        ("%(start)s – %(end)s", "after 11 March 2019", "c. 7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "after", "2020-01-07", "day", "exact"),
        ("%(start)s – %(end)s", "after 11 March 2019", "7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "after", "2020-01-07", "day", "since"),
        ("%(start)s – %(end)s", "after 11 March 2019", "since 7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "before", None, None, None),
        ("%(start)s", "before 11 March 2019", None),
    ),
    (
        ("2019-03-11", "day", "before", "2019-01-01", "year", "after"),
        ("%(start)s – %(end)s", "before 11 March 2019", "after 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-01-01", "year", "before"),
        ("%(start)s – %(end)s", "before 11 March 2019", "before 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "before 11 March 2019", "c. 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "before 11 March 2019", "2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-01-01", "year", "since"),
        ("%(start)s – %(end)s", "before 11 March 2019", "since 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-03-01", "month", "after"),
        ("%(start)s – %(end)s", "before 11 March 2019", "after March 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-03-01", "month", "before"),
        ("%(start)s – %(end)s", "before 11 March 2019", "before March 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-03-01", "month", "circa"),
        ("%(start)s – %(end)s", "before 11 March 2019", "c. March 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-03-01", "month", "exact"),
        ("%(start)s – %(end)s", "before 11 March 2019", "March 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-03-01", "month", "since"),
        ("%(start)s – %(end)s", "before 11 March 2019", "since March 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-03-13", "day", "after"),
        ("%(start)s – %(end)s", "before 11 March 2019", "after 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-03-13", "day", "before"),
        ("%(start)s – %(end)s", "before 11 March 2019", "before 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-03-13", "day", "circa"),
        ("%(start)s – %(end)s", "before 11 March 2019", "c. 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-03-13", "day", "exact"),
        ("%(start)s – %(end)s", "before 11 March 2019", "13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-03-13", "day", "since"),
        ("%(start)s – %(end)s", "before 11 March 2019", "since 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-05-01", "month", "after"),
        ("%(start)s – %(end)s", "before 11 March 2019", "after May 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-05-01", "month", "before"),
        ("%(start)s – %(end)s", "before 11 March 2019", "before May 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-05-01", "month", "circa"),
        ("%(start)s – %(end)s", "before 11 March 2019", "c. May 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-05-01", "month", "exact"),
        ("%(start)s – %(end)s", "before 11 March 2019", "May 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-05-01", "month", "since"),
        ("%(start)s – %(end)s", "before 11 March 2019", "since May 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-05-20", "day", "after"),
        ("%(start)s – %(end)s", "before 11 March 2019", "after 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-05-20", "day", "before"),
        ("%(start)s – %(end)s", "before 11 March 2019", "before 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-05-20", "day", "circa"),
        ("%(start)s – %(end)s", "before 11 March 2019", "c. 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-05-20", "day", "exact"),
        ("%(start)s – %(end)s", "before 11 March 2019", "20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2019-05-20", "day", "since"),
        ("%(start)s – %(end)s", "before 11 March 2019", "since 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "before", "2020-01-01", "month", "after"),
        ("%(start)s – %(end)s", "before 11 March 2019", "after January 2020"),
    ),
    (
        ("2019-03-11", "day", "before", "2020-01-01", "month", "before"),
        ("%(start)s – %(end)s", "before 11 March 2019", "before January 2020"),
    ),
    (
        ("2019-03-11", "day", "before", "2020-01-01", "month", "circa"),
        ("%(start)s – %(end)s", "before 11 March 2019", "c. January 2020"),
    ),
    (
        ("2019-03-11", "day", "before", "2020-01-01", "month", "exact"),
        ("%(start)s – %(end)s", "before 11 March 2019", "January 2020"),
    ),
    (
        ("2019-03-11", "day", "before", "2020-01-01", "month", "since"),
        ("%(start)s – %(end)s", "before 11 March 2019", "since January 2020"),
    ),
    (
        ("2019-03-11", "day", "before", "2020-01-01", "year", "after"),
        ("%(start)s – %(end)s", "before 11 March 2019", "after 2020"),
    ),
    (
        ("2019-03-11", "day", "before", "2020-01-01", "year", "before"),
        ("%(start)s – %(end)s", "before 11 March 2019", "before 2020"),
    ),
    (
        ("2019-03-11", "day", "before", "2020-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "before 11 March 2019", "c. 2020"),
    ),
    (
        ("2019-03-11", "day", "before", "2020-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "before 11 March 2019", "2020"),
    ),
    (
        ("2019-03-11", "day", "before", "2020-01-01", "year", "since"),
        ("%(start)s – %(end)s", "before 11 March 2019", "since 2020"),
    ),
    (
        ("2019-03-11", "day", "before", "2020-01-07", "day", "after"),
        ("%(start)s – %(end)s", "before 11 March 2019", "after 7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "before", "2020-01-07", "day", "before"),
        ("%(start)s – %(end)s", "before 11 March 2019", "before 7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "before", "2020-01-07", "day", "circa"),
        ("%(start)s – %(end)s", "before 11 March 2019", "c. 7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "before", "2020-01-07", "day", "exact"),
        ("%(start)s – %(end)s", "before 11 March 2019", "7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "before", "2020-01-07", "day", "since"),
        ("%(start)s – %(end)s", "before 11 March 2019", "since 7 January 2020"),
    ),
    (("2019-03-11", "day", "circa", None, None, None), ("%(start)s", "c. 11 March 2019", None)),
    (
        ("2019-03-11", "day", "circa", "2019-01-01", "year", "after"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "after 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-01-01", "year", "before"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "before 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "c. 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-01-01", "year", "since"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "since 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-03-01", "month", "after"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "after March 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-03-01", "month", "before"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "before March 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-03-01", "month", "circa"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "c. March 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-03-01", "month", "exact"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "March 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-03-01", "month", "since"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "since March 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-03-13", "day", "after"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "after 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-03-13", "day", "before"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "before 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-03-13", "day", "circa"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "c. 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-03-13", "day", "exact"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-03-13", "day", "since"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "since 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-05-01", "month", "after"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "after May 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-05-01", "month", "before"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "before May 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-05-01", "month", "circa"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "c. May 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-05-01", "month", "exact"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "May 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-05-01", "month", "since"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "since May 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-05-20", "day", "after"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "after 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-05-20", "day", "before"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "before 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-05-20", "day", "circa"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "c. 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-05-20", "day", "exact"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2019-05-20", "day", "since"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "since 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "circa", "2020-01-01", "month", "after"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "after January 2020"),
    ),
    (
        ("2019-03-11", "day", "circa", "2020-01-01", "month", "before"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "before January 2020"),
    ),
    (
        ("2019-03-11", "day", "circa", "2020-01-01", "month", "circa"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "c. January 2020"),
    ),
    (
        ("2019-03-11", "day", "circa", "2020-01-01", "month", "exact"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "January 2020"),
    ),
    (
        ("2019-03-11", "day", "circa", "2020-01-01", "month", "since"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "since January 2020"),
    ),
    (
        ("2019-03-11", "day", "circa", "2020-01-01", "year", "after"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "after 2020"),
    ),
    (
        ("2019-03-11", "day", "circa", "2020-01-01", "year", "before"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "before 2020"),
    ),
    (
        ("2019-03-11", "day", "circa", "2020-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "c. 2020"),
    ),
    (
        ("2019-03-11", "day", "circa", "2020-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "2020"),
    ),
    (
        ("2019-03-11", "day", "circa", "2020-01-01", "year", "since"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "since 2020"),
    ),
    (
        ("2019-03-11", "day", "circa", "2020-01-07", "day", "after"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "after 7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "circa", "2020-01-07", "day", "before"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "before 7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "circa", "2020-01-07", "day", "circa"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "c. 7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "circa", "2020-01-07", "day", "exact"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "circa", "2020-01-07", "day", "since"),
        ("%(start)s – %(end)s", "c. 11 March 2019", "since 7 January 2020"),
    ),
    (("2019-03-11", "day", "exact", None, None, None), ("%(start)s", "11 March 2019", None)),
    (
        ("2019-03-11", "day", "exact", "2019-01-01", "year", "after"),
        ("%(start)s – %(end)s", "11 March 2019", "after 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-01-01", "year", "before"),
        ("%(start)s – %(end)s", "11 March 2019", "before 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "11 March 2019", "c. 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "11 March 2019", "2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-01-01", "year", "since"),
        ("%(start)s – %(end)s", "11 March 2019", "since 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-03-01", "month", "after"),
        ("%(start)s – %(end)s", "11 March 2019", "after March 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-03-01", "month", "before"),
        ("%(start)s – %(end)s", "11 March 2019", "before March 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-03-01", "month", "circa"),
        ("%(start)s – %(end)s", "11 March 2019", "c. March 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-03-01", "month", "exact"),
        ("%(start)s – %(end)s", "11 March", "March 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-03-01", "month", "since"),
        ("%(start)s – %(end)s", "11 March 2019", "since March 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-03-13", "day", "after"),
        ("%(start)s – %(end)s", "11 March 2019", "after 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-03-13", "day", "before"),
        ("%(start)s – %(end)s", "11 March 2019", "before 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-03-13", "day", "circa"),
        ("%(start)s – %(end)s", "11 March 2019", "c. 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-03-13", "day", "exact"),
        ("%(start)s–%(end)s", "11", "13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-03-13", "day", "since"),
        ("%(start)s – %(end)s", "11 March 2019", "since 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-05-01", "month", "after"),
        ("%(start)s – %(end)s", "11 March 2019", "after May 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-05-01", "month", "before"),
        ("%(start)s – %(end)s", "11 March 2019", "before May 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-05-01", "month", "circa"),
        ("%(start)s – %(end)s", "11 March 2019", "c. May 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-05-01", "month", "exact"),
        ("%(start)s – %(end)s", "11 March", "May 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-05-01", "month", "since"),
        ("%(start)s – %(end)s", "11 March 2019", "since May 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-05-20", "day", "after"),
        ("%(start)s – %(end)s", "11 March 2019", "after 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-05-20", "day", "before"),
        ("%(start)s – %(end)s", "11 March 2019", "before 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-05-20", "day", "circa"),
        ("%(start)s – %(end)s", "11 March 2019", "c. 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-05-20", "day", "exact"),
        ("%(start)s – %(end)s", "11 March", "20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2019-05-20", "day", "since"),
        ("%(start)s – %(end)s", "11 March 2019", "since 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "exact", "2020-01-01", "month", "after"),
        ("%(start)s – %(end)s", "11 March 2019", "after January 2020"),
    ),
    (
        ("2019-03-11", "day", "exact", "2020-01-01", "month", "before"),
        ("%(start)s – %(end)s", "11 March 2019", "before January 2020"),
    ),
    (
        ("2019-03-11", "day", "exact", "2020-01-01", "month", "circa"),
        ("%(start)s – %(end)s", "11 March 2019", "c. January 2020"),
    ),
    (
        ("2019-03-11", "day", "exact", "2020-01-01", "month", "exact"),
        ("%(start)s – %(end)s", "11 March 2019", "January 2020"),
    ),
    (
        ("2019-03-11", "day", "exact", "2020-01-01", "month", "since"),
        ("%(start)s – %(end)s", "11 March 2019", "since January 2020"),
    ),
    (
        ("2019-03-11", "day", "exact", "2020-01-01", "year", "after"),
        ("%(start)s – %(end)s", "11 March 2019", "after 2020"),
    ),
    (
        ("2019-03-11", "day", "exact", "2020-01-01", "year", "before"),
        ("%(start)s – %(end)s", "11 March 2019", "before 2020"),
    ),
    (
        ("2019-03-11", "day", "exact", "2020-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "11 March 2019", "c. 2020"),
    ),
    (
        ("2019-03-11", "day", "exact", "2020-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "11 March 2019", "2020"),
    ),
    (
        ("2019-03-11", "day", "exact", "2020-01-01", "year", "since"),
        ("%(start)s – %(end)s", "11 March 2019", "since 2020"),
    ),
    (
        ("2019-03-11", "day", "exact", "2020-01-07", "day", "after"),
        ("%(start)s – %(end)s", "11 March 2019", "after 7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "exact", "2020-01-07", "day", "before"),
        ("%(start)s – %(end)s", "11 March 2019", "before 7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "exact", "2020-01-07", "day", "circa"),
        ("%(start)s – %(end)s", "11 March 2019", "c. 7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "exact", "2020-01-07", "day", "exact"),
        ("%(start)s – %(end)s", "11 March 2019", "7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "exact", "2020-01-07", "day", "since"),
        ("%(start)s – %(end)s", "11 March 2019", "since 7 January 2020"),
    ),
    (("2019-03-11", "day", "since", None, None, None), ("%(start)s", "since 11 March 2019", None)),
    (
        ("2019-03-11", "day", "since", "2019-01-01", "year", "after"),
        ("%(start)s – %(end)s", "since 11 March 2019", "after 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-01-01", "year", "before"),
        ("%(start)s – %(end)s", "since 11 March 2019", "before 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "since 11 March 2019", "c. 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "since 11 March 2019", "2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-01-01", "year", "since"),
        ("%(start)s – %(end)s", "since 11 March 2019", "since 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-03-01", "month", "after"),
        ("%(start)s – %(end)s", "since 11 March 2019", "after March 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-03-01", "month", "before"),
        ("%(start)s – %(end)s", "since 11 March 2019", "before March 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-03-01", "month", "circa"),
        ("%(start)s – %(end)s", "since 11 March 2019", "c. March 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-03-01", "month", "exact"),
        ("%(start)s – %(end)s", "since 11 March 2019", "March 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-03-01", "month", "since"),
        ("%(start)s – %(end)s", "since 11 March 2019", "since March 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-03-13", "day", "after"),
        ("%(start)s – %(end)s", "since 11 March 2019", "after 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-03-13", "day", "before"),
        ("%(start)s – %(end)s", "since 11 March 2019", "before 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-03-13", "day", "circa"),
        ("%(start)s – %(end)s", "since 11 March 2019", "c. 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-03-13", "day", "exact"),
        ("%(start)s – %(end)s", "since 11 March 2019", "13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-03-13", "day", "since"),
        ("%(start)s – %(end)s", "since 11 March 2019", "since 13 March 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-05-01", "month", "after"),
        ("%(start)s – %(end)s", "since 11 March 2019", "after May 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-05-01", "month", "before"),
        ("%(start)s – %(end)s", "since 11 March 2019", "before May 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-05-01", "month", "circa"),
        ("%(start)s – %(end)s", "since 11 March 2019", "c. May 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-05-01", "month", "exact"),
        ("%(start)s – %(end)s", "since 11 March 2019", "May 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-05-01", "month", "since"),
        ("%(start)s – %(end)s", "since 11 March 2019", "since May 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-05-20", "day", "after"),
        ("%(start)s – %(end)s", "since 11 March 2019", "after 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-05-20", "day", "before"),
        ("%(start)s – %(end)s", "since 11 March 2019", "before 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-05-20", "day", "circa"),
        ("%(start)s – %(end)s", "since 11 March 2019", "c. 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-05-20", "day", "exact"),
        ("%(start)s – %(end)s", "since 11 March 2019", "20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2019-05-20", "day", "since"),
        ("%(start)s – %(end)s", "since 11 March 2019", "since 20 May 2019"),
    ),
    (
        ("2019-03-11", "day", "since", "2020-01-01", "month", "after"),
        ("%(start)s – %(end)s", "since 11 March 2019", "after January 2020"),
    ),
    (
        ("2019-03-11", "day", "since", "2020-01-01", "month", "before"),
        ("%(start)s – %(end)s", "since 11 March 2019", "before January 2020"),
    ),
    (
        ("2019-03-11", "day", "since", "2020-01-01", "month", "circa"),
        ("%(start)s – %(end)s", "since 11 March 2019", "c. January 2020"),
    ),
    (
        ("2019-03-11", "day", "since", "2020-01-01", "month", "exact"),
        ("%(start)s – %(end)s", "since 11 March 2019", "January 2020"),
    ),
    (
        ("2019-03-11", "day", "since", "2020-01-01", "month", "since"),
        ("%(start)s – %(end)s", "since 11 March 2019", "since January 2020"),
    ),
    (
        ("2019-03-11", "day", "since", "2020-01-01", "year", "after"),
        ("%(start)s – %(end)s", "since 11 March 2019", "after 2020"),
    ),
    (
        ("2019-03-11", "day", "since", "2020-01-01", "year", "before"),
        ("%(start)s – %(end)s", "since 11 March 2019", "before 2020"),
    ),
    (
        ("2019-03-11", "day", "since", "2020-01-01", "year", "circa"),
        ("%(start)s – %(end)s", "since 11 March 2019", "c. 2020"),
    ),
    (
        ("2019-03-11", "day", "since", "2020-01-01", "year", "exact"),
        ("%(start)s – %(end)s", "since 11 March 2019", "2020"),
    ),
    (
        ("2019-03-11", "day", "since", "2020-01-01", "year", "since"),
        ("%(start)s – %(end)s", "since 11 March 2019", "since 2020"),
    ),
    (
        ("2019-03-11", "day", "since", "2020-01-07", "day", "after"),
        ("%(start)s – %(end)s", "since 11 March 2019", "after 7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "since", "2020-01-07", "day", "before"),
        ("%(start)s – %(end)s", "since 11 March 2019", "before 7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "since", "2020-01-07", "day", "circa"),
        ("%(start)s – %(end)s", "since 11 March 2019", "c. 7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "since", "2020-01-07", "day", "exact"),
        ("%(start)s – %(end)s", "since 11 March 2019", "7 January 2020"),
    ),
    (
        ("2019-03-11", "day", "since", "2020-01-07", "day", "since"),
        ("%(start)s – %(end)s", "since 11 March 2019", "since 7 January 2020"),
    ),
]


@pytest.mark.parametrize(("given", "expected"), PINS, ids=lambda value: repr(value))
def test_english_dates_read_as_they_did(given, expected):
    start, start_precision, start_qualifier, end, end_precision, end_qualifier = given
    args = [datetime.date.fromisoformat(start), start_precision, start_qualifier]
    if end:
        args += [datetime.date.fromisoformat(end), end_precision, end_qualifier]
    with translation.override("en"):
        assert tuple(dates.range_parts(*args)) == expected


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [
        (datetime.date(2019, 3, 9), "day", "9 March 2019"),
        (datetime.date(2019, 3, 1), "month", "March 2019"),
        (datetime.date(2019, 1, 1), "year", "2019"),
        (datetime.date(2019, 12, 1), "month", "December 2019"),
    ],
)
def test_english_words_read_as_they_did(date, precision, expected):
    with translation.override("en"):
        assert dates.words(date, precision) == expected
