import datetime

import pytest

from caseapp.cases.dates import (
    Precision,
    Qualifier,
    is_between,
    iso_text,
    parse_partial_date,
    period_end,
    precision_error,
    range_parts,
)


def words_of(*args) -> str:
    return str(range_parts(*args))


D, M, Y = Precision.DAY, Precision.MONTH, Precision.YEAR
day = datetime.date


@pytest.mark.parametrize(
    ("start", "precision", "qualifier", "expected"),
    [
        (day(2019, 3, 9), D, Qualifier.EXACT, "9 March 2019"),
        (day(2019, 1, 1), M, Qualifier.EXACT, "January 2019"),
        (day(2019, 1, 1), Y, Qualifier.EXACT, "2019"),
        (day(2017, 4, 1), M, Qualifier.SINCE, "since April 2017"),
        (day(2018, 1, 1), Y, Qualifier.CIRCA, "c. 2018"),
        (day(2019, 3, 9), D, Qualifier.BEFORE, "before 9 March 2019"),
        (day(2019, 3, 9), D, Qualifier.AFTER, "after 9 March 2019"),
        (day(2019, 3, 1), M, Qualifier.CIRCA, "c. March 2019"),
    ],
)
def test_it_writes_a_single_date_as_a_person_would(start, precision, qualifier, expected):
    assert words_of(start, precision, qualifier) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((day(2019, 3, 11), D, "exact"), (day(2019, 5, 1), M, "exact"), "11 March – May 2019"),
        ((day(2019, 3, 11), D, "exact"), (day(2019, 3, 13), D, "exact"), "11–13 March 2019"),
        ((day(2019, 3, 11), D, "exact"), (day(2019, 5, 20), D, "exact"), "11 March – 20 May 2019"),
        ((day(2019, 3, 1), M, "exact"), (day(2019, 5, 1), M, "exact"), "March – May 2019"),
        ((day(2017, 1, 1), Y, "exact"), (day(2019, 1, 1), Y, "exact"), "2017 – 2019"),
        (
            (day(2018, 12, 30), D, "exact"),
            (day(2019, 1, 2), D, "exact"),
            "30 December 2018 – 2 January 2019",
        ),
        ((day(2018, 1, 1), Y, "circa"), (day(2019, 3, 1), M, "exact"), "c. 2018 – March 2019"),
        (
            (day(2019, 3, 11), D, "after"),
            (day(2019, 5, 1), M, "before"),
            "between 11 March and May 2019",
        ),
        (
            (day(2018, 11, 1), M, "after"),
            (day(2019, 5, 1), M, "before"),
            "between November 2018 and May 2019",
        ),
    ],
)
def test_it_writes_a_range_as_a_person_would(start, end, expected):
    assert words_of(*start, *end) == expected


def test_it_never_shows_a_day_on_a_month_precision_date():
    assert "1" not in words_of(day(2019, 1, 1), M, Qualifier.EXACT).replace("2019", "")


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [
        (day(2017, 4, 1), M, "2017-04"),
        (day(2019, 3, 9), D, "2019-03-09"),
        (day(2019, 1, 1), Y, "2019"),
    ],
)
def test_it_gives_iso_text_at_the_precision_known(date, precision, expected):
    assert iso_text(date, precision) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019", (day(2019, 1, 1), Y)),
        ("2019-03", (day(2019, 3, 1), M)),
        ("2019-03-09", (day(2019, 3, 9), D)),
        (" 2019-03 ", (day(2019, 3, 1), M)),
    ],
)
def test_it_reads_partial_dates(text, expected):
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2019-13-45",
        "yesterday",
        "0000",
        "2019-02-30",
        "19",
        "2019/03",
        "",
        "2019-3",
        "2019-03-09T00",
    ],
)
def test_it_rejects_what_is_not_a_partial_date_with_a_message(text):
    with pytest.raises(ValueError, match=r"\w+"):
        parse_partial_date(text)


def test_it_knows_where_a_period_ends():
    assert period_end(day(2019, 2, 1), M) == day(2019, 2, 28)
    assert period_end(day(2020, 2, 1), M) == day(2020, 2, 29)
    assert period_end(day(2019, 1, 1), Y) == day(2019, 12, 31)
    assert period_end(day(2019, 3, 9), D) == day(2019, 3, 9)


def test_it_rejects_a_month_date_with_a_day():
    assert precision_error(day(2019, 1, 15), M)
    assert precision_error(day(2019, 3, 1), Y)
    assert precision_error(day(2019, 1, 1), M) is None
    assert precision_error(day(2019, 1, 15), D) is None


def test_it_splits_a_range_so_each_date_can_be_marked_up():
    parts = range_parts(day(2019, 3, 11), D, "after", day(2019, 5, 1), M, "before")
    assert (parts.start, parts.end) == ("11 March", "May 2019")
    assert str(parts) == "between 11 March and May 2019"
    single = range_parts(day(2017, 4, 1), M, "since")
    assert (single.start, single.end, str(single)) == ("since April 2017", None, "since April 2017")


def test_after_beside_the_start_and_before_beside_the_end_mean_between():
    assert is_between(Qualifier.AFTER, Qualifier.BEFORE)
    for start, end in [
        (Qualifier.AFTER, Qualifier.EXACT),
        (Qualifier.EXACT, Qualifier.BEFORE),
        (Qualifier.BEFORE, Qualifier.AFTER),
        (Qualifier.AFTER, None),
    ]:
        assert not is_between(start, end)
    # A range that is not "between" keeps each qualifier beside its date.
    assert words_of(day(2019, 3, 11), D, "after", day(2019, 5, 1), M, "exact") == (
        "after 11 March 2019 – May 2019"
    )
