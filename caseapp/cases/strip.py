"""The time strip at the top of a case: its span on a time axis, drawn as inline SVG.

Events that lasted are bars, the rest points; milestones stand out; a date the sources give
only roughly gets an honest end — a fade where it is "circa", "before" or "after", an open arrow
where it is "since" (still going on). Beyond `MAX_MARKS` events the strip counts events per
month or per year instead, each column linking to the timeline filtered to its period. When
most events crowd into a small part of a long span (an arrest and its hearings inside years of
detention), a close-up of those months follows, drawn the same way.

`read_strip` asks the database (a bounded number of queries, cached for the publication
generation); `draw_strip` is pure geometry, so it is tested without a database.
"""

import datetime
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Count, IntegerField, Max, Min, Q, QuerySet, Value
from django.db.models.functions import Cast, ExtractYear, TruncMonth
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from caseapp.cases import dates, generation
from caseapp.cases.addresses import slug_url
from caseapp.cases.dates import Precision, Qualifier, Slot
from caseapp.cases.models import PARTIAL_DATE_FIELDS, FacetCount
from caseapp.cases.translated import (
    localized_value,
    original_attributes,
    translated_names,
    translation_columns,
)
from caseapp.localised import grouped

# Up to this many events each get their own mark; more are counted per period.
MAX_MARKS = 40
# At most this many columns when counting: the SVG stays the same size at any number of events.
MAX_BUCKETS = 60
# Milestones drawn on top of the counted columns.
MAX_AGGREGATED_MILESTONES = 12

WIDTH = 640
PAD = 24
TAIL = 18
BAR_HEIGHT = 8
LANE_GAP = 4
POINT_RADIUS = 4
MILESTONE_RADIUS = 6
POINT_SPACING = 12
MAX_BAR_LANES = 4
MAX_POINT_LANES = 4
COLUMN_HEIGHT = 48
AXIS_SPACE = 26
MAX_TICK_LABELS = 8
# A close-up follows when CLOSEUP_SHARE of the events start within CLOSEUP_FRACTION of the axis.
CLOSEUP_SHARE = 0.6
CLOSEUP_FRACTION = 0.2
CLOSEUP_MIN_EVENTS = 3


class Moment(NamedTuple):
    """One published event as the strip needs it (kept in the cache)."""

    slug: str
    title: str
    start: datetime.date
    start_precision: str
    start_qualifier: str
    end: datetime.date | None
    end_precision: str
    end_qualifier: str
    milestone: bool
    range_start: datetime.date
    range_end: datetime.date | None
    # The title's translations, (language, title) pairs: kept for a page in any language.
    titles: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_row(cls, row: tuple) -> "Moment":
        """From a row of `_MOMENT_FIELDS`."""
        return cls(*row[:_PLAIN_FIELDS], translated_names(row[_PLAIN_FIELDS:]))

    @property
    def shown_title(self) -> tuple[str, str]:
        """(title, lang): the title in the page's language, or the original and its language."""
        return localized_value(self.titles, self.title)

    @property
    def lasts(self) -> bool:
        """A range or something still going on: a bar, not a point."""
        return self.end is not None or self.range_end is None

    @property
    def date_display(self) -> str:
        return str(
            dates.range_parts(
                self.start,
                self.start_precision,
                self.start_qualifier,
                self.end,
                self.end_precision,
                self.end_qualifier,
            )
        )


class Bucket(NamedTuple):
    """Published events counted over one period (a month, a year or several years)."""

    start: datetime.date
    end: datetime.date
    count: int
    milestones: int


class StripData(NamedTuple):
    count: int
    first: datetime.date | None
    last: datetime.date | None
    ongoing: bool
    moments: list[Moment]
    buckets: list[Bucket] | None
    granularity: str = "event"


_MOMENT_FIELDS = [
    "slug",
    "title",
    *PARTIAL_DATE_FIELDS,
    "is_milestone",
    "range_start",
    "range_end",
]
_PLAIN_FIELDS = len(_MOMENT_FIELDS)
_MOMENT_FIELDS += translation_columns("title")


def case_strip(case, *, today: datetime.date, span: dict | None = None) -> "Strip | None":
    """The strip of a published `case`; `span` is its `case_facts` span when already read
    (the case page has it), else the strip reads the few facts it needs itself."""
    data = read_strip(case, case.events.published(), span)
    event_url = functools.partial(slug_url, "cases:event", case.slug)
    return draw_strip(data, today=today, event_url=event_url, timeline_url=case.get_absolute_url())


def read_strip(case, events: QuerySet, span: dict | None = None) -> StripData:
    """What the strip of `case` draws, for `events` (its published ones) and its `span`
    (`case_facts`): its events when they are few, else counts per period; cached."""
    return generation.cached(
        "case-strip", case.pk, compute=lambda: _read(case, events, span or _span(case, events))
    )


def _span(case, events: QuerySet) -> dict:
    """The part of `case_facts` the strip needs, from the counts kept on save and the ends of
    the case's indexes, without its sources and places."""
    counts = FacetCount.objects.filter(case=case, facet__in=["total", "milestone"])
    totals = dict(counts.values_list("facet", "count"))
    events = events.order_by()
    ends = events.filter(range_end__isnull=False).order_by("-range_end")
    return {
        "count": totals.get("total", 0),
        "milestones": totals.get("milestone", 0),
        "first": events.order_by("range_start").values_list("range_start", flat=True).first(),
        "last": ends.values_list("range_end", flat=True).first(),
        "ongoing": int(events.filter(range_end__isnull=True).exists()),
    }


def _read(case, events: QuerySet, span: dict) -> StripData:
    events = events.order_by()
    count, first = span["count"], span["first"]
    ongoing = case.status == "ongoing" or bool(span["ongoing"])
    if not count or first is None:
        return StripData(0, None, None, ongoing, [], None)
    last = span["last"] or first
    if count <= MAX_MARKS:
        rows = events.in_timeline_order().values_list(*_MOMENT_FIELDS)
        moments = [Moment.from_row(row) for row in rows[: MAX_MARKS + 1]]
        if len(moments) <= MAX_MARKS:
            last = max([last, *(m.range_start for m in moments)])
            return StripData(len(moments), first, last, ongoing, moments, None)
    granularity, buckets = _count_per_period(events, first, last)
    milestones = []
    if span.get("milestones"):
        rows = events.filter(is_milestone=True).in_timeline_order()
        milestones = [Moment.from_row(row) for row in rows.values_list(*_MOMENT_FIELDS)]
        milestones = milestones[:MAX_AGGREGATED_MILESTONES]
    return StripData(count, first, last, ongoing, milestones, buckets, granularity)


def _count_per_period(
    events: QuerySet, first: datetime.date, last: datetime.date
) -> tuple[str, list[Bucket]]:
    """One GROUP BY: counts per month when the span holds few enough months, else per year
    or per run of years, at most `MAX_BUCKETS` rows."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    counts = {
        "count": Count("pk"),
        "milestones": Count("pk", filter=Q(is_milestone=True)),
        "earliest": Min("range_start"),
    }
    if months <= MAX_BUCKETS:
        rows = (
            events.annotate(period=TruncMonth("range_start"))
            .values("period")
            .annotate(**counts)
            .order_by("period")[: MAX_BUCKETS + 1]
        )
        buckets = []
        for row in rows:
            start = row["earliest"].replace(day=1)
            end = dates.period_end(start, Precision.MONTH)
            buckets.append(Bucket(start, end, row["count"], row["milestones"]))
        return "month", buckets
    years = last.year - first.year + 1
    width = max(1, math.ceil(years / MAX_BUCKETS))
    period = Cast((ExtractYear("range_start") - Value(first.year)) / Value(width), IntegerField())
    rows = (
        events.annotate(period=period)
        .values("period")
        .annotate(**counts, latest=Max("range_start"))
        .order_by("period")[: MAX_BUCKETS + 1]
    )
    buckets = []
    for row in rows:
        start_year = first.year + row["period"] * width
        start = datetime.date(start_year, 1, 1)
        end = datetime.date(min(start_year + width - 1, datetime.MAXYEAR), 12, 31)
        buckets.append(Bucket(start, end, row["count"], row["milestones"]))
    return ("year" if width == 1 else "years"), buckets


@dataclass
class Shape:
    """One SVG element of a mark: `rect`, `fade` (a rect filled with a gradient), `circle`
    or `arrow` (a polygon)."""

    tag: str
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    gradient: str = ""
    points: str = ""

    def __post_init__(self) -> None:
        # Tenths of a unit are finer than a pixel, and keep the markup short.
        self.x, self.y = round(self.x, 1), round(self.y, 1)
        self.width, self.height = round(self.width, 1), round(self.height, 1)


@dataclass
class Mark:
    href: str
    label: str
    kind: str  # "bar", "point" or "column"
    milestone: bool = False
    shapes: list[Shape] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)  # which ends are hedged: "start", "end", "open"
    # ` lang="en"` (` dir="ltr"` too, right to left) when the title is the untranslated original.
    lang_attributes: str = ""


@dataclass
class Tick:
    x: float
    label: str
    # A label at the left end of the axis starts there, or it would be cut off at the edge.
    anchor: str = "middle"


@dataclass
class Strip:
    width: int
    height: int
    axis_y: float
    title: str
    description: str
    marks: list[Mark]
    ticks: list[Tick]
    today_x: float | None
    aggregated: bool
    axis_left: int = PAD
    axis_right: int = WIDTH - PAD
    # The crowded months drawn again, wider (a Strip without a close-up of its own), or None.
    closeup: "Strip | None" = None


class _Axis:
    def __init__(self, start: datetime.date, end: datetime.date) -> None:
        self.first = start
        self.start = start.toordinal()
        self.days = max(1, end.toordinal() - self.start)
        self.end = end

    def x(self, date: datetime.date) -> float:
        share = (date.toordinal() - self.start) / self.days
        return round(PAD + min(max(share, 0), 1) * (WIDTH - 2 * PAD), 1)


def _axis_ends(first: datetime.date, last: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Whole years for a long span, whole months for a short one."""
    if last.year - first.year >= 2:
        return datetime.date(first.year, 1, 1), datetime.date(last.year, 12, 31)
    return first.replace(day=1), dates.period_end(last, Precision.MONTH)


def _ticks(axis: _Axis, start: datetime.date, end: datetime.date) -> list[Tick]:
    ticks = _tick_marks(axis, start, end)
    if ticks and ticks[0].x <= PAD:
        ticks[0].anchor = "start"
    return ticks


def _tick_marks(axis: _Axis, start: datetime.date, end: datetime.date) -> list[Tick]:
    ticks = []
    if end.year - start.year >= 2:
        years = list(range(start.year, end.year + 1))
        step = math.ceil(len(years) / MAX_TICK_LABELS)
        for year in years[::step]:
            ticks.append(Tick(axis.x(datetime.date(year, 1, 1)), str(year)))
        return ticks
    months = []
    day = start
    while day <= end:
        months.append(day)
        day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    step = math.ceil(len(months) / MAX_TICK_LABELS)
    for month in months[::step]:
        ticks.append(Tick(axis.x(month), formats.date_format(month, "M Y")))
    return ticks


def _lane(lanes: list[float], left: float, right: float, gap: float, limit: int) -> int:
    """The first lane free at `left`, a new one, or (when all are taken) the one free soonest."""
    for number, free_from in enumerate(lanes):
        if free_from + gap <= left:
            lanes[number] = right
            return number
    if len(lanes) < limit:
        lanes.append(right)
        return len(lanes) - 1
    number = min(range(len(lanes)), key=lanes.__getitem__)
    lanes[number] = max(lanes[number], right)
    return number


def _start_ends(qualifier: str, x: float, tail: float) -> tuple[list[tuple], float]:
    """Fades at a start and where the solid part begins: "before" reaches back from the date,
    "after" fades in after it, "circa" fades in across it."""
    if qualifier == Qualifier.BEFORE:
        return [(x - tail, tail, "in")], x
    if qualifier == Qualifier.AFTER:
        return [(x, tail, "in")], x + tail
    if qualifier == Qualifier.CIRCA:
        return [(x - tail / 2, tail, "in")], x + tail / 2
    return [], x


def _end_ends(qualifier: str, x: float, tail: float) -> tuple[list[tuple], float]:
    if qualifier == Qualifier.AFTER:
        return [(x, tail, "out")], x
    if qualifier == Qualifier.BEFORE:
        return [(x - tail, tail, "out")], x - tail
    if qualifier == Qualifier.CIRCA:
        return [(x - tail / 2, tail, "out")], x - tail / 2
    return [], x


def _gradient(direction: str, milestone: bool) -> str:
    return f"strip-fade-{direction}{'-milestone' if milestone else ''}"


def _bar(moment: Moment, axis: _Axis, y: float, href: str, label: str) -> Mark:
    left = axis.x(moment.range_start)
    open_end = moment.range_end is None
    right = axis.x(axis.end if open_end else moment.range_end)
    right = max(right, left + 3)
    # Fades never take more than half of a short bar.
    tail = min(TAIL, max((right - left) / 2, 4))
    mark = Mark(href, label, "bar", moment.milestone)
    # In a close-up a bar may begin before its left edge or end after its right one: it runs
    # to the edge, and the hedge of an end out of sight is not drawn at the edge.
    starts_in_sight = moment.range_start >= axis.first
    ends_in_sight = open_end or moment.range_end <= axis.end
    fades, solid_left = [], left
    if starts_in_sight:
        fades, solid_left = _start_ends(moment.start_qualifier, left, tail)
    if moment.start_qualifier not in (Qualifier.EXACT, Qualifier.SINCE):
        mark.fuzzy.append("start")
    solid_right = right
    if open_end:
        mark.fuzzy.append("open")
    elif not ends_in_sight:
        pass
    elif moment.end is not None and moment.end_qualifier != Qualifier.EXACT:
        end_fades, solid_right = _end_ends(moment.end_qualifier, right, tail)
        fades += end_fades
        mark.fuzzy.append("end")
    mark.shapes.append(Shape("rect", solid_left, y, max(solid_right - solid_left, 1), BAR_HEIGHT))
    for x, width, direction in fades:
        shape = Shape("fade", x, y, width, BAR_HEIGHT)
        shape.gradient = _gradient(direction, moment.milestone)
        mark.shapes.append(shape)
    if open_end:
        middle = y + BAR_HEIGHT / 2
        tip = right + 8
        points = f"{right},{y - 3} {tip},{middle} {right},{y + BAR_HEIGHT + 3}"
        mark.shapes.append(Shape("arrow", points=points))
    return _original_title(mark, moment)


def _point(moment: Moment, x: float, y: float, href: str, label: str) -> Mark:
    mark = Mark(href, label, "point", moment.milestone)
    radius = MILESTONE_RADIUS if moment.milestone else POINT_RADIUS
    thickness = radius * 1.2
    top = y - thickness / 2
    qualifier = moment.start_qualifier
    if qualifier in (Qualifier.BEFORE, Qualifier.CIRCA):
        shape = Shape("fade", x - TAIL, top, TAIL, thickness)
        shape.gradient = _gradient("in", moment.milestone)
        mark.shapes.append(shape)
    if qualifier in (Qualifier.AFTER, Qualifier.CIRCA):
        shape = Shape("fade", x, top, TAIL, thickness)
        shape.gradient = _gradient("out", moment.milestone)
        mark.shapes.append(shape)
    if qualifier != Qualifier.EXACT:
        mark.fuzzy.append("start")
    mark.shapes.append(Shape("circle", x, y, width=radius))
    return _original_title(mark, moment)


def _period_query(start: datetime.date, end: datetime.date) -> str:
    return f"?from={start.year:04d}-{start.month:02d}&to={end.year:04d}-{end.month:02d}"


def _bucket_label(bucket: Bucket, granularity: str) -> str:
    if granularity == "month":
        period = dates.words(bucket.start, Precision.MONTH)
    elif granularity == "year":
        period = str(bucket.start.year)
    else:
        period = f"{bucket.start.year}–{bucket.end.year}"
    events = ngettext("%(count)s event", "%(count)s events", bucket.count) % {
        "count": grouped(bucket.count)
    }
    if bucket.milestones:
        milestones = ngettext("%(count)s milestone", "%(count)s milestones", bucket.milestones) % {
            "count": grouped(bucket.milestones)
        }
        events = _("%(events)s, %(milestones)s") % {"events": events, "milestones": milestones}
    return _("%(period)s: %(events)s") % {"period": period, "events": events}


def draw_strip(
    data: StripData,
    *,
    today: datetime.date,
    event_url: Callable[[str], str],
    timeline_url: str,
) -> Strip | None:
    """The strip's geometry for `data`; None for a case without published events.

    `event_url(slug)` is where an event's mark links; a counted column links to
    `timeline_url` filtered to its period."""
    if not data.count or data.first is None:
        return None
    last = data.last or data.first
    reaches_today = data.ongoing or last >= today
    if data.ongoing:
        last = max(last, today)
    start, end = _axis_ends(data.first, last)
    axis = _Axis(start, end)
    if data.ongoing:
        # Open bars run to today, not to the end of the axis' last year.
        axis.end = max(today, data.last or today)
    marks: list[Mark] = []
    y = 4.0
    if data.buckets is not None:
        top = y + MILESTONE_RADIUS * 2 + 4
        biggest = max((bucket.count for bucket in data.buckets), default=1)
        for bucket in data.buckets:
            left = axis.x(bucket.start)
            right = max(axis.x(bucket.end), left + 2)
            height = max(2.0, round(COLUMN_HEIGHT * bucket.count / biggest, 1))
            href = f"{timeline_url}{_period_query(bucket.start, bucket.end)}#filtering"
            label = _bucket_label(bucket, data.granularity)
            mark = Mark(href, label, "column", bucket.milestones > 0)
            bottom = top + COLUMN_HEIGHT
            mark.shapes.append(Shape("rect", left, bottom - height, right - left - 0.5, height))
            marks.append(mark)
        for moment in data.moments:
            x = axis.x(moment.range_start)
            label = _moment_label(moment)
            marks.append(_point(moment, x, y + MILESTONE_RADIUS, event_url(moment.slug), label))
        axis_y = top + COLUMN_HEIGHT + 2
    else:
        marks, axis_y = _draw_moments(data.moments, axis, event_url)
    ticks = _ticks(axis, start, end)
    today_x = _today_x(axis, ticks, today) if reaches_today else None
    height = math.ceil(axis_y + AXIS_SPACE)
    title, description = _words(data, today, reaches_today)
    aggregated = data.buckets is not None
    strip = Strip(WIDTH, height, axis_y, title, description, marks, ticks, today_x, aggregated)
    window = _crowded_window(data, axis)
    if window is not None:
        strip.closeup = _draw_closeup(data, window, today=today, event_url=event_url)
    return strip


def _moment_label(moment: Moment) -> str:
    """A mark's name, "9 March 2019: Bilash arrested", in the page's language."""
    title, _lang = moment.shown_title
    return f"{moment.date_display}: {title}"


def _original_title(mark: "Mark", moment: Moment) -> "Mark":
    """An SVG <title> holds text only, no element to set the language of the title alone: where
    the title is the untranslated original, the mark (<a>) takes its language, which the longer
    part of the name is in (the date before it is in the page's language)."""
    _title, lang = moment.shown_title
    if lang:
        mark.lang_attributes = original_attributes(lang)
    return mark


def _draw_moments(
    moments: list[Moment], axis: _Axis, event_url: Callable[[str], str]
) -> tuple[list[Mark], float]:
    """Bars and points on their lanes, and the height at which the axis goes."""
    marks: list[Mark] = []
    y = 4.0
    bars = [m for m in moments if m.lasts]
    points = [m for m in moments if not m.lasts]
    bar_lanes: list[float] = []
    placed = []
    for moment in bars:
        left = axis.x(moment.range_start)
        right = axis.x(axis.end if moment.range_end is None else moment.range_end)
        lane = _lane(bar_lanes, left - TAIL, right + TAIL, 2, MAX_BAR_LANES)
        placed.append((moment, lane))
    for moment, lane in placed:
        label = _moment_label(moment)
        lane_y = y + lane * (BAR_HEIGHT + LANE_GAP) + 3
        marks.append(_bar(moment, axis, lane_y, event_url(moment.slug), label))
    y += len(bar_lanes) * (BAR_HEIGHT + LANE_GAP) + (4 if bar_lanes else 0)
    point_lanes: list[float] = []
    placed_points = []
    for moment in sorted(points, key=lambda m: (m.range_start, m.range_end or m.range_start)):
        # A month or a year known only as such sits in the middle of its period.
        middle = moment.range_start + (moment.range_end - moment.range_start) / 2
        x = axis.x(middle)
        lane = _lane(point_lanes, x, x, POINT_SPACING, MAX_POINT_LANES)
        placed_points.append((moment, x, lane))
    lane_height = MILESTONE_RADIUS * 2 + 2
    for moment, x, lane in placed_points:
        label = _moment_label(moment)
        centre = y + MILESTONE_RADIUS + 1 + lane * lane_height
        marks.append(_point(moment, x, centre, event_url(moment.slug), label))
    y += len(point_lanes) * lane_height
    axis_y = y + 4
    return marks, axis_y


def _today_x(axis: _Axis, ticks: list[Tick], today: datetime.date) -> float | None:
    """Where the "today" line goes; a tick label it would collide with goes."""
    if axis.start > today.toordinal():
        return None
    today_x = axis.x(today)
    # "today" is written left of its line, where a year's label would collide with it.
    for tick in ticks:
        if today_x - 48 < tick.x < today_x + 16:
            tick.label = ""
    return today_x


def _crowded_window(data: StripData, axis: _Axis) -> tuple[datetime.date, datetime.date] | None:
    """The whole months into which most of the events crowd, when they are a small part of the
    axis; None when the strip shows them well enough (or counts them per period)."""
    if data.buckets is not None or len(data.moments) < CLOSEUP_MIN_EVENTS:
        return None
    starts = sorted(moment.range_start for moment in data.moments)
    need = max(CLOSEUP_MIN_EVENTS, math.ceil(len(starts) * CLOSEUP_SHARE))
    best = min(range(len(starts) - need + 1), key=lambda i: starts[i + need - 1] - starts[i])
    first, last = starts[best], starts[best + need - 1]
    # What starts within those months is seen to its end, if it ends at all.
    ends = [
        moment.range_end
        for moment in data.moments
        if first <= moment.range_start <= last and moment.range_end is not None
    ]
    start = first.replace(day=1)
    end = dates.period_end(max([last, *ends]), Precision.MONTH)
    if (end - start).days > CLOSEUP_FRACTION * axis.days:
        return None
    return start, end


def _draw_closeup(
    data: StripData,
    window: tuple[datetime.date, datetime.date],
    *,
    today: datetime.date,
    event_url: Callable[[str], str],
) -> Strip:
    start, end = window
    axis = _Axis(start, end)
    in_sight = [
        moment
        for moment in data.moments
        if moment.range_start <= end and (moment.range_end is None or moment.range_end >= start)
    ]
    marks, axis_y = _draw_moments(in_sight, axis, event_url)
    ticks = _ticks(axis, start, end)
    today_x = _today_x(axis, ticks, today) if today <= end else None
    height = math.ceil(axis_y + AXIS_SPACE)
    if (start.year, start.month) == (end.year, end.month):
        period = dates.words(end, Precision.MONTH)
    else:
        # "March to May 2019"; across a new year "November 2018 to May 2019".
        same_year = start.year == end.year
        first = dates.words(
            start, Precision.MONTH, Slot.SPAN_FROM_SAME_YEAR if same_year else Slot.SPAN_FROM
        )
        last = dates.words(
            end, Precision.MONTH, Slot.SPAN_TO_SAME_YEAR if same_year else Slot.SPAN_TO
        )
        # Translators: The close-up's months, as a phrase of its own: "March to May 2019". The
        # months are phrases too (context "time strip, first month of 'from … to'" and "…last…").
        period = pgettext("time strip, close-up", "%(first)s to %(last)s") % {
            "first": first,
            "last": last,
        }
    events = ngettext("%(count)s event", "%(count)s events", len(in_sight)) % {
        "count": formats.number_format(len(in_sight), force_grouping=True)
    }
    title = _("Close-up, %(period)s: %(events)s") % {"period": period, "events": events}
    description = _(
        "The months in which most of the case's events happened, drawn wider: a bar that began "
        "earlier or ends later runs to the edge. Each mark links to its event."
    )
    return Strip(WIDTH, height, axis_y, title, description, marks, ticks, today_x, False)


def _words(data: StripData, today: datetime.date, reaches_today: bool) -> tuple[str, str]:
    """The strip in a sentence: "From April 2017 to today: 9 events, 2 of them lasting"."""
    first = dates.words(data.first, Precision.MONTH, Slot.SPAN_FROM)
    last = data.last or data.first
    if data.ongoing or last >= today:
        # Translators: The time strip's span, a title's start. %(first)s is a month and year,
        # a phrase of its own (context "time strip, first month of 'from … to'").
        span = pgettext("time strip", "From %(first)s to today") % {"first": first}
    elif (last.year, last.month) == (data.first.year, data.first.month):
        # Translators: The time strip's span when every event lies in one month. %(first)s is
        # that month and year, a phrase of its own (context "time strip, month of 'in …'").
        span = pgettext("time strip", "In %(first)s") % {
            "first": dates.words(data.first, Precision.MONTH, Slot.SPAN_IN)
        }
    else:
        # Translators: The time strip's span, a title's start. %(first)s and %(last)s are a
        # month and year each, phrases of their own (context "time strip, … month of 'from …
        # to'").
        span = pgettext("time strip", "From %(first)s to %(last)s") % {
            "first": first,
            "last": dates.words(last, Precision.MONTH, Slot.SPAN_TO),
        }
    events = ngettext("%(count)s event", "%(count)s events", data.count) % {
        "count": formats.number_format(data.count, force_grouping=True)
    }
    if data.buckets is None:
        lasting = sum(1 for moment in data.moments if moment.lasts)
        if lasting:
            events += ngettext(
                ", %(count)s of them lasting", ", %(count)s of them lasting", lasting
            ) % {"count": grouped(lasting)}
        open_ended = sum(1 for moment in data.moments if moment.range_end is None)
        if open_ended:
            events += ngettext(
                ", %(count)s still going on", ", %(count)s still going on", open_ended
            ) % {"count": grouped(open_ended)}
        title = _("%(span)s: %(events)s") % {"span": span, "events": events}
        description = _(
            "A time strip of the case: bars for events that lasted, dots for the rest, a fading "
            "end where the date is uncertain, an arrow where it is still going on. Each mark "
            "links to its event; the timeline below lists them all."
        )
    else:
        per = {
            "month": _("counted per month"),
            "year": _("counted per year"),
            "years": _("counted per run of years"),
        }[data.granularity]
        title = _("%(span)s: %(events)s, %(per)s") % {"span": span, "events": events, "per": per}
        description = _(
            "A time strip of the case: a column per period, as tall as its number of events, "
            "each linking to the timeline of that period; dots mark milestones. The timeline "
            "below lists every event."
        )
    return title, description
