"""Casefile's template tags: Markdown that cannot run script, and every date as a `<time>`.

Dates are rendered here and nowhere else, so templates never format a date themselves.
"""

import datetime
import html

import markdown as markdown_lib
import nh3
from django import template
from django.http import QueryDict
from django.utils import formats
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe

from caseapp.cases.models import Event

register = template.Library()

# What editors may use in summaries and bios: text structure and links, no images (they would
# load from another host), no tables or style. Headings start at h3 inside a page section.
_ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "cite",
    "code",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "strong",
    "sub",
    "sup",
    "ul",
}
_ALLOWED_ATTRIBUTES = {"*": {"lang"}, "a": {"href", "title"}, "abbr": {"title"}}
_ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


@register.filter(is_safe=True)
def markdown(text: str) -> SafeString:
    """Markdown to HTML sanitised by nh3: script, raw HTML and `javascript:` links made inert."""
    rendered = markdown_lib.markdown(text or "", output_format="html")
    clean = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    # Safe because nh3 has just sanitised it.
    return mark_safe(clean)


@register.filter
def excerpt(text: str, length: int = 200) -> str:
    """Markdown as one line of plain text, for a meta description or a teaser."""
    plain = " ".join(html.unescape(strip_tags(markdown(text))).split())
    if len(plain) <= length:
        return plain
    # Cut at a word boundary, as an editor would.
    return plain[: length - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@register.simple_tag
def event_date(event: Event) -> SafeString:
    """An event's date in words inside `<time>` at the precision known: `2017-04`, not `2017-04-01`.

    A range gets a `<time>` for each end ("between <time>11 March</time> and <time>May
    2019</time>"); the words are always `Event.date_display`.
    """
    parts = event.date_parts
    start = format_html('<time datetime="{}">{}</time>', event.start_iso, parts.start)
    if parts.end is None:
        return start
    end = format_html('<time datetime="{}">{}</time>', event.end_iso, parts.end)
    return mark_safe(conditional_escape(parts.pattern) % {"start": start, "end": end})


@register.simple_tag
def day(value: datetime.date | datetime.datetime | None) -> SafeString:
    """A date or a moment (`updated_at`) as the day a reader understands, inside `<time>`."""
    if value is None:
        return mark_safe("")
    if isinstance(value, datetime.datetime):
        machine = value.isoformat(timespec="seconds")
    else:
        machine = value.isoformat()
    return format_html(
        '<time datetime="{}">{}</time>', machine, formats.date_format(value, "j F Y")
    )


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, number: int) -> str:
    """The current address with `page` set to `number`, keeping every other parameter that
    has a value: a filtered timeline's pages stay filtered, without the form's empty fields."""
    request = context.get("request")
    query = QueryDict(mutable=True)
    if request is not None:
        for name, values in request.GET.lists():
            query.setlist(name, [value for value in values if value.strip()])
    query["page"] = number
    return f"?{query.urlencode()}"
