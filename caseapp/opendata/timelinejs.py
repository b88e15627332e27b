"""A case in Knight Lab TimelineJS3's JSON format, for anyone who wants to show it with TimelineJS.

Dates are only as precise as the sources: a month-precision event has a year and a month and no
day. `display_date` carries our own words for the date ("since April 2017"), which TimelineJS
shows instead of its own.

Every published event is a slide, however many: the file streams like the other exports, and
what to show of a very large case is for the page that loads it to decide.

TimelineJS shows one language, so the file is in one: the original (English) unless `?lang=`
asks for another of the site's languages. Then the texts are that language's translations
where there are any and the original where not, and the dates, kinds and links are that
language's, as on the case page under /de/, /ru/, ….
"""

import datetime
from collections.abc import Iterable, Iterator

from django.utils import translation
from django.utils.html import conditional_escape

from caseapp.cases.dates import Precision
from caseapp.cases.models import Case, Event, Image
from caseapp.opendata.exports import Absolute, Permalink, json_pieces, permalinks
from caseapp.opendata.fragments import EventHtml


def timeline_document(
    case: Case, events: Iterable[Event], absolute: Absolute, language: str
) -> Iterator[str]:
    """The case as a TimelineJS3 document in `language`, written slide by slide as the events
    come."""
    return _in_language(language, _document(case, events, absolute))


def _in_language(language: str, pieces: Iterator[str]) -> Iterator[str]:
    """`pieces` each made with `language` active: a streamed file is written after its view
    has returned, and only while a piece is made may the language be switched."""
    while True:
        with translation.override(language):
            piece = next(pieces, None)
        if piece is None:
            return
        yield piece


def _document(case: Case, events: Iterable[Event], absolute: Absolute) -> Iterator[str]:
    title = {
        "text": {
            "headline": conditional_escape(case.title),
            "text": case.summary_rendered,
        },
    }
    if media := _media(case.lead_image, absolute):
        title["media"] = media
    event_url = permalinks("cases:event", absolute, case.slug)
    html = EventHtml()
    slides = (_slide(event, event_url, html) for event in events)
    yield from json_pieces([("title", title), ("events", slides)])


def _slide(event: Event, event_url: Permalink, html: EventHtml) -> dict:
    slide = {
        "unique_id": event.slug,
        "start_date": date_object(event.start_date, event.start_precision),
        "display_date": conditional_escape(event.date_display),
        "text": {
            "headline": conditional_escape(event.title),
            "text": event.summary_rendered
            + html.sources(event)
            + html.permalink(event_url(event.slug)),
        },
        "group": html.kind(event),
        "autolink": False,
    }
    if event.end_date:
        slide["end_date"] = date_object(event.end_date, event.end_precision)
    return slide


def date_object(date: datetime.date, precision: str) -> dict:
    """`{"year": 2017, "month": 4}` for April 2017: no part the sources do not give."""
    known = {"year": date.year}
    if precision in (Precision.MONTH, Precision.DAY):
        known["month"] = date.month
    if precision == Precision.DAY:
        known["day"] = date.day
    return known


def _media(image: Image | None, absolute: Absolute) -> dict | None:
    # An image record without a file (the demo case's header) has nothing to show.
    if image is None or not image.file:
        return None
    return {
        "url": absolute(image.file.url),
        # TimelineJS writes captions and credits into the page as HTML.
        "caption": conditional_escape(image.caption),
        "credit": conditional_escape(image.credit_line),
        "alt": image.alt_text,
    }
