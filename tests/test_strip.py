"""The time strip at the top of a case: its geometry (bars, points, honest fuzzy ends,
milestones, today), counts per period for a large case, and what it costs."""

import datetime
import re

import pytest

from caseapp.cases import counters
from caseapp.cases.dates import Precision, Qualifier
from caseapp.cases.models import Event, EventKind
from caseapp.cases.strip import (
    MAX_BUCKETS,
    MAX_MARKS,
    Moment,
    StripData,
    case_strip,
    draw_strip,
    read_strip,
)
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_case, make_event

TODAY = datetime.date(2026, 11, 27)


def moment(
    slug: str,
    start: datetime.date,
    *,
    precision: str = Precision.DAY,
    qualifier: str = Qualifier.EXACT,
    end: datetime.date | None = None,
    end_precision: str = Precision.DAY,
    end_qualifier: str = Qualifier.EXACT,
    milestone: bool = False,
) -> Moment:
    """A moment as `read_strip` reads it, with the range `Event.fill_derived_fields` sets."""
    event = Event(
        start_date=start,
        start_precision=precision,
        start_qualifier=qualifier,
        end_date=end,
        end_precision=end_precision,
        end_qualifier=end_qualifier,
    )
    event.fill_derived_fields()
    return Moment(
        slug,
        slug.title(),
        start,
        precision,
        qualifier,
        end,
        end_precision,
        end_qualifier,
        milestone,
        event.range_start,
        event.range_end,
    )


def draw(*moments: Moment, ongoing: bool = False, today: datetime.date = TODAY):
    first = min(m.range_start for m in moments)
    last = max(m.range_end or m.range_start for m in moments)
    data = StripData(len(moments), first, last, ongoing, list(moments), None)
    return draw_strip(data, today=today, event_url=lambda slug: f"/e/{slug}/", timeline_url="/c/")


def mark_of(strip, slug: str):
    (mark,) = [mark for mark in strip.marks if mark.href == f"/e/{slug}/"]
    return mark


def fades(mark) -> list[tuple[float, str]]:
    return [(shape.x, shape.gradient) for shape in mark.shapes if shape.tag == "fade"]


def test_it_draws_a_range_as_a_bar_and_a_day_as_a_point():
    strip = draw(
        moment("arrest", datetime.date(2019, 3, 9)),
        moment(
            "house-arrest",
            datetime.date(2019, 3, 11),
            end=datetime.date(2019, 5, 1),
            end_precision=Precision.MONTH,
        ),
    )
    bar, point = mark_of(strip, "house-arrest"), mark_of(strip, "arrest")
    assert bar.kind == "bar" and [s.tag for s in bar.shapes] == ["rect"]
    assert point.kind == "point" and [s.tag for s in point.shapes] == ["circle"]
    # The bar reaches the end of May, well right of its start.
    rect = bar.shapes[0]
    assert rect.width > 20
    assert not bar.fuzzy and not point.fuzzy


def test_it_fades_a_point_on_the_side_its_qualifier_leaves_open():
    day = datetime.date(2019, 3, 9)
    strip = draw(
        moment("exact", day),
        moment("circa", day, qualifier=Qualifier.CIRCA),
        moment("before", day, qualifier=Qualifier.BEFORE),
        moment("after", day, qualifier=Qualifier.AFTER),
        moment("later", datetime.date(2019, 12, 31)),
    )
    x = mark_of(strip, "exact").shapes[0].x
    assert fades(mark_of(strip, "exact")) == []
    # "before": a tail reaching back from the date, fading into the past.
    ((left, gradient),) = fades(mark_of(strip, "before"))
    assert left < x and gradient == "strip-fade-in"
    # "after": a tail fading out after it.
    ((left, gradient),) = fades(mark_of(strip, "after"))
    assert left == x and gradient == "strip-fade-out"
    # "circa": both.
    assert [g for _x, g in fades(mark_of(strip, "circa"))] == ["strip-fade-in", "strip-fade-out"]
    for slug in ("circa", "before", "after"):
        assert mark_of(strip, slug).fuzzy == ["start"]


def test_it_fades_the_hedged_ends_of_a_range():
    strip = draw(
        moment(
            "video",
            datetime.date(2019, 3, 11),
            qualifier=Qualifier.AFTER,
            end=datetime.date(2019, 5, 1),
            end_precision=Precision.MONTH,
            end_qualifier=Qualifier.BEFORE,
        ),
        moment(
            "circa",
            datetime.date(2018, 1, 1),
            precision=Precision.YEAR,
            qualifier=Qualifier.CIRCA,
            end=datetime.date(2019, 1, 1),
            end_precision=Precision.YEAR,
            end_qualifier=Qualifier.AFTER,
        ),
    )
    video = mark_of(strip, "video")
    assert video.fuzzy == ["start", "end"]
    (solid,) = [shape for shape in video.shapes if shape.tag == "rect"]
    start_fade, end_fade = [s for s in video.shapes if s.tag == "fade"]
    # Both hedges lie inside the known bounds: after the start, before the end.
    assert (
        start_fade.gradient == "strip-fade-in" and start_fade.x + start_fade.width <= solid.x + 0.1
    )
    assert end_fade.gradient == "strip-fade-out" and end_fade.x >= solid.x + solid.width - 0.1
    circa = mark_of(strip, "circa")
    (solid,) = [shape for shape in circa.shapes if shape.tag == "rect"]
    start_fade, end_fade = [s for s in circa.shapes if s.tag == "fade"]
    # "circa" straddles the start; "after" the end reaches beyond it.
    assert start_fade.x < solid.x < start_fade.x + start_fade.width + 0.1
    assert end_fade.x == pytest.approx(solid.x + solid.width, abs=0.2)


def test_it_draws_since_as_an_arrow_open_to_today():
    strip = draw(
        moment(
            "camps", datetime.date(2017, 4, 1), precision=Precision.MONTH, qualifier=Qualifier.SINCE
        ),
        moment("arrest", datetime.date(2019, 3, 9)),
        ongoing=True,
    )
    camps = mark_of(strip, "camps")
    assert camps.kind == "bar" and camps.fuzzy == ["open"]
    assert [shape.tag for shape in camps.shapes] == ["rect", "arrow"]
    rect = camps.shapes[0]
    assert rect.x + rect.width == pytest.approx(strip.today_x, abs=0.2)
    assert strip.title.startswith("From April 2017 to today: 2 events, 1 of them lasting")


def test_it_emphasises_milestones():
    strip = draw(
        moment("arrest", datetime.date(2019, 3, 9), milestone=True),
        moment("statement", datetime.date(2019, 3, 19)),
    )
    arrest, statement = mark_of(strip, "arrest"), mark_of(strip, "statement")
    assert arrest.milestone and not statement.milestone
    assert arrest.shapes[-1].width > statement.shapes[-1].width


def test_it_marks_today_only_when_the_span_reaches_it():
    events = [moment("arrest", datetime.date(2019, 3, 9)), moment("x", datetime.date(2019, 5, 1))]
    assert draw(*events).today_x is None
    ongoing = draw(*events, ongoing=True)
    assert ongoing.today_x is not None
    assert ongoing.today_x > mark_of(ongoing, "x").shapes[0].x
    # A case whose last event is still to come reaches today without being ongoing.
    upcoming = draw(*events, moment("hearing", TODAY + datetime.timedelta(days=30)))
    assert upcoming.today_x is not None


def test_it_keeps_marks_apart_on_lanes():
    day = datetime.date(2019, 3, 9)
    strip = draw(
        *(moment(f"e{n}", day) for n in range(3)), moment("far", datetime.date(2021, 1, 1))
    )
    heights = {mark_of(strip, f"e{n}").shapes[0].y for n in range(3)}
    assert len(heights) == 3


def test_it_draws_nothing_for_a_case_without_events():
    data = StripData(0, None, None, True, [], None)
    assert draw_strip(data, today=TODAY, event_url=str, timeline_url="/c/") is None


def _bulk_events(case, count: int, *, status=PublicationStatus.PUBLISHED, prefix="bulk"):
    events = []
    for n in range(count):
        event = Event(
            case=case,
            title=f"{prefix} {n}",
            slug=f"{prefix}-{n}",
            kind=EventKind.STATEMENT,
            start_date=datetime.date(1990, 1, 1) + datetime.timedelta(days=n * 37),
            start_precision=Precision.DAY,
            is_milestone=n % 50 == 0,
            publication_status=status,
        )
        event.fill_derived_fields()
        events.append(event)
    Event.objects.bulk_create(events)
    counters.rebuild([case.pk])


def test_beyond_the_threshold_it_counts_per_period_in_a_bounded_strip(db):
    case = make_case(slug="large")
    _bulk_events(case, 400)  # 1990 to 2030: forty years
    strip = case_strip(case, today=TODAY)
    assert strip.aggregated
    columns = [mark for mark in strip.marks if mark.kind == "column"]
    points = [mark for mark in strip.marks if mark.kind == "point"]
    assert 0 < len(columns) <= MAX_BUCKETS
    assert len(points) <= 12 and all(mark.milestone for mark in points)
    assert re.fullmatch(
        r"/cases/large/\?from=\d{4}-\d{2}&to=\d{4}-\d{2}#filtering", columns[0].href
    )
    assert columns[0].href == "/cases/large/?from=1990-01&to=1990-12#filtering"
    assert columns[0].label == "1990: 10 events, 1 milestone"
    assert strip.title.startswith("From January 1990 to today: 400 events, counted per year")


def test_a_short_large_case_is_counted_per_month(db):
    case = make_case(slug="dense", status="closed")
    make_event(case, start_date=datetime.date(2019, 3, 1))
    for n in range(MAX_MARKS):
        make_event(case, start_date=datetime.date(2019, 3 + n % 4, 1 + n % 20))
    strip = case_strip(case, today=TODAY)
    columns = [mark for mark in strip.marks if mark.kind == "column"]
    assert [column.href for column in columns] == [
        f"/cases/dense/?from=2019-{m:02d}&to=2019-{m:02d}#filtering" for m in (3, 4, 5, 6)
    ]
    assert strip.today_x is None
    assert strip.title.startswith("From March 2019 to June 2019: 41 events, counted per month")


def test_its_cost_is_bounded_at_any_size(db, django_assert_max_num_queries):
    """Guards against reading every event: one GROUP BY and one probe for milestones."""
    case = make_case(slug="large")
    _bulk_events(case, 2000)
    span = {
        "count": 2000,
        "first": datetime.date(1990, 1, 1),
        "last": datetime.date(2192, 1, 1),
        "ongoing": 0,
        "milestones": 40,
    }
    with django_assert_max_num_queries(3):
        data = read_strip(case, case.events.published(), span)
    strip = draw_strip(data, today=TODAY, event_url=str, timeline_url="/c/")
    assert len(strip.marks) <= MAX_BUCKETS + 12
    assert data.granularity == "years"
    # Kept for the publication generation: a second read asks only for the generation.
    with django_assert_max_num_queries(1):
        read_strip(case, case.events.published(), span)


def test_it_never_draws_drafts_or_events_in_review(db, visitor):
    # Closed: the strip ends with its last public event, not today.
    case = make_case(slug="drafted", status="closed")
    make_event(case, slug="public-one", title="Public one", start_date=datetime.date(2019, 3, 9))
    for status in (PublicationStatus.DRAFT, PublicationStatus.REVIEW):
        make_event(
            case,
            slug=f"secret-{status}",
            title=f"Secret {status}",
            start_date=datetime.date(2024, 1, 1),
            publication_status=status,
        )
    html = visitor.get("/cases/drafted/").content.decode()
    strip = html[
        html.index('<figure class="strip') : html.index(
            "</figure>", html.index('<figure class="strip')
        )
    ]
    assert "/events/public-one/" in strip
    assert "secret" not in strip.lower() and "2024" not in strip
    assert "In March 2019: 1 event" in strip


def test_drafts_are_not_counted_in_a_large_case(db):
    case = make_case(slug="large")
    _bulk_events(case, 100)
    _bulk_events(case, 100, status=PublicationStatus.DRAFT, prefix="draft")
    strip = case_strip(case, today=TODAY)
    total = sum(
        int(mark.label.split(": ")[1].split(" ")[0])
        for mark in strip.marks
        if mark.kind == "column"
    )
    assert total == 100
    assert all("draft" not in mark.href for mark in strip.marks)


def test_the_demo_case_page_opens_with_its_strip(demo_case, visitor):
    html = visitor.get("/cases/serikzhan-bilash/").content.decode()
    start = html.index('<figure class="strip')
    strip = html[start : html.index("</figure>", start)]
    # At the top: before the case's summary and its timeline.
    assert start < html.index('class="case__intro"') < html.index('id="timeline-heading"')
    assert 'role="group"' in strip and 'aria-labelledby="strip-title"' in strip
    assert "From April 2017 to today: 9 events, 3 of them lasting, 1 still going on" in strip
    whole = strip[: strip.index('<details class="strip__closeup"')]
    assert whole.count("<a ") == 9
    assert 'href="/cases/serikzhan-bilash/events/bilash-house-arrest/"' in strip
    assert 'data-fuzzy="open"' in strip  # since April 2017
    assert 'data-fuzzy="start end"' in strip  # the forced video: after 11 March, before May
    assert 'class="strip__today"' in strip
    assert "style=" not in strip and "<script" not in strip


def test_the_today_marker_moves_with_the_day_though_the_intro_is_kept(
    demo_case, visitor, monkeypatch
):
    def today_line(html: str) -> str:
        return re.search(r'<g class="strip__today".*?</g>', html).group(0)

    first = today_line(visitor.get("/cases/serikzhan-bilash/").content.decode())
    next_year = datetime.date.today() + datetime.timedelta(days=400)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: next_year)
    later = today_line(visitor.get("/cases/serikzhan-bilash/").content.decode())
    assert first != later


def test_the_widget_shows_the_strip_compact_with_links_leaving_the_frame(demo_case, visitor):
    html = visitor.get("/embed/cases/serikzhan-bilash/").content.decode()
    assert '<figure class="strip strip--compact">' in html
    assert 'href="/cases/serikzhan-bilash/events/bilash-arrested/"' in html
    assert 'target="_blank" rel="noopener"' in html


def test_the_demo_case_strip_has_a_close_up_of_its_crowded_months(demo_case, visitor):
    """Eight of the nine events fall in three months of a span of years: they are drawn again,
    wider, behind a summary that names the months (open when wide, closed on a phone)."""
    html = visitor.get("/cases/serikzhan-bilash/").content.decode()
    start = html.index('<details class="strip__closeup" data-open-when-wide>')
    closeup = html[start : html.index("</details>", start)]

    assert "<summary" in closeup and "Close-up, March to May 2019: 8 events" in closeup
    assert 'aria-labelledby="strip-closeup-title"' in closeup
    assert closeup.count("<a ") == 8
    assert re.findall(r'<text class="strip__label"[^>]*>([^<]+)</text>', closeup) == [
        "Mar 2019",
        "Apr 2019",
        "May 2019",
    ]
    # The detention since 2017 runs in from the left edge, still going on: no fade at the edge.
    detention = re.search(r"<a [^>]*><title>since April 2017.*?</a>", closeup).group(0)
    assert 'data-fuzzy="open"' in detention and "strip__fade" not in detention
    assert "strip__arrow" in detention
    # Hedged ends inside the months keep their fades.
    assert 'data-fuzzy="start end"' in closeup
    assert 'class="strip__today"' not in closeup  # today is years later


def test_no_close_up_when_the_events_spread_over_the_span():
    strip = draw(
        moment("a", datetime.date(2015, 3, 1)),
        moment("b", datetime.date(2017, 6, 1)),
        moment("c", datetime.date(2019, 9, 1)),
        moment("d", datetime.date(2021, 12, 1)),
    )
    assert strip.closeup is None


def test_a_close_up_cuts_a_long_bar_at_its_edge_without_its_hedge():
    strip = draw(
        moment(
            "long",
            datetime.date(2010, 1, 1),
            end=datetime.date(2019, 12, 31),
            qualifier=Qualifier.CIRCA,
        ),
        moment("a", datetime.date(2019, 3, 9)),
        moment("b", datetime.date(2019, 3, 19)),
        moment("c", datetime.date(2019, 4, 2)),
    )
    closeup = strip.closeup
    assert closeup is not None
    long = mark_of(closeup, "long")
    assert fades(long) == []
    assert long.shapes[0].x == closeup.axis_left
    assert fades(mark_of(strip, "long"))  # the whole span still shows "circa"
