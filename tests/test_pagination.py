"""Pages of a timeline at any depth: the deep pages of a long timeline are read from its end
and hold exactly what reading from the start would; a filter that matches more than
`COUNT_LIMIT` events says "more than", and its pages still lead on, one after another."""

import datetime
import re

import pytest

from caseapp.cases import filters
from caseapp.cases.models import EventKind
from caseapp.cases.pagination import EVENTS_PER_PAGE
from tests.factories import make_case, make_event


def listed(response) -> list[str]:
    return re.findall(r'<li class="event[^"]*" id="([\w-]+)"', response.content.decode())


@pytest.fixture
def long_case(db):
    """Events a day apart, some on the same day (sorted by rank and key), every other a hearing."""
    case = make_case(slug="long")
    for day in range(EVENTS_PER_PAGE * 4 + 7):
        make_event(
            case,
            slug=f"day-{day:03}",
            kind=EventKind.HEARING if day % 2 else EventKind.STATEMENT,
            start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=day // 2),
        )
    return case


def test_every_page_read_from_either_end_holds_the_timeline_in_order(long_case, visitor):
    expected = list(long_case.events.published().values_list("slug", flat=True))
    seen = []
    for number in range(1, 6):
        seen += listed(visitor.get("/cases/long/", {"page": number}))
    assert seen == expected


def test_a_filter_counted_beyond_the_limit_says_more_than(long_case, visitor, monkeypatch):
    monkeypatch.setattr(filters, "COUNT_LIMIT", 30)
    first = visitor.get("/cases/long/", {"kind": "hearing"})
    text = first.content.decode()
    assert "More than 30 events match" in text
    assert re.search(r"Page 1\s*</span>", text)
    assert 'rel="next" href="?kind=hearing&amp;page=2"' in text
    hearings = list(
        long_case.events.published().filter(kind="hearing").values_list("slug", flat=True)
    )
    seen = []
    for number in range(1, 4):
        page = visitor.get("/cases/long/", {"kind": "hearing", "page": number})
        seen += listed(page)
    assert seen == hearings
    assert 'rel="next"' not in page.content.decode()
    beyond = visitor.get("/cases/long/", {"kind": "hearing", "page": "9"})
    assert beyond.status_code == 404
    # Past what was counted: counted in full, and the pages there are named.
    assert f"This timeline has pages 1 to {len(hearings) // EVENTS_PER_PAGE + 1}." in (
        beyond.content.decode()
    )
    # Fewer than the limit: counted exactly.
    exact = visitor.get("/cases/long/", {"kind": "hearing", "from": "2020-02"})
    assert re.search(r"\d+ events match", exact.content.decode())


@pytest.mark.parametrize("number", ["0", "-3", "x", "1.5", "99999999999999999999"])
def test_an_impossible_page_of_a_filter_beyond_the_limit_is_a_readable_404(
    long_case, visitor, monkeypatch, number
):
    monkeypatch.setattr(filters, "COUNT_LIMIT", 30)
    response = visitor.get("/cases/long/", {"kind": "hearing", "page": number})
    assert response.status_code == 404
    assert "There is no page" in response.content.decode()


def test_a_deep_page_of_a_filter_beyond_the_limit_is_counted_and_read_from_the_end(
    long_case, visitor, monkeypatch
):
    monkeypatch.setattr(filters, "COUNT_LIMIT", 10)
    hearings = list(
        long_case.events.published().filter(kind="hearing").values_list("slug", flat=True)
    )
    last = (len(hearings) - 1) // EVENTS_PER_PAGE + 1
    response = visitor.get("/cases/long/", {"kind": "hearing", "page": last})
    assert listed(response) == hearings[(last - 1) * EVENTS_PER_PAGE :]
    assert f"Page {last} of {last}" in response.content.decode()
