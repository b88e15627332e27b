"""Casefile's template tags: Markdown that cannot run script, every date as a `<time>`, and
parts of public pages kept rendered for the publication generation.

Dates are rendered here and nowhere else, so templates never format a date themselves.
"""

import datetime

from django import template
from django.conf import settings
from django.http import QueryDict
from django.templatetags.static import static
from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from caseapp.cases import generation
from caseapp.cases.models import Event
from caseapp.cases.text import plain_excerpt, render_markdown
from caseapp.pagecache import release

register = template.Library()


@register.filter(is_safe=True)
def markdown(text: str) -> SafeString:
    """Markdown to safe HTML. Pages show the HTML rendered on save (`Event.summary_html`);
    this is for text that has none, such as a form's preview."""
    # Safe because render_markdown sanitises with nh3.
    return mark_safe(render_markdown(text))


@register.filter
def excerpt(text: str, length: int = 200) -> str:
    """Markdown as one line of plain text, for a meta description or a teaser."""
    return plain_excerpt(render_markdown(text), length)


@register.filter
def html_excerpt(rendered_html: str, length: int = 200) -> str:
    """HTML rendered on save (`summary_html`) as one line of plain text."""
    return plain_excerpt(rendered_html, length)


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
        '<time datetime="{}">{}</time>', machine, formats.date_format(value, "DATE_FORMAT")
    )


@register.simple_tag
def htmx_sources() -> str:
    """The files static/js/casefile.js loads, in order, when a visitor first reaches for what htmx
    drives: htmx as django-htmx ships it, and its error display while debugging (as django-htmx's
    own `{% htmx_script %}` adds)."""
    names = ["django_htmx/htmx-2.min.js"]
    if settings.DEBUG:
        names.append("django_htmx/django-htmx.js")
    return " ".join(static(name) for name in names)


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


class GenerationCacheNode(template.Node):
    def __init__(self, name: str, keys: list[template.base.FilterExpression], nodelist) -> None:
        self.name = name
        self.keys = keys
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        keys = [key.resolve(context) for key in self.keys]
        # A preview shows what is not public: it neither reads nor fills the cache. In
        # development, templates change under a running server.
        if context.get("is_preview") or None in keys or settings.DEBUG:
            return self.nodelist.render(context)
        html = generation.cached(
            "html",
            # Markup of the deployed templates: a shared cache outlives a deploy.
            release(),
            self.name,
            get_language(),
            *keys,
            compute=lambda: self.nodelist.render(context),
        )
        # Safe: the template rendered it, escaping as it went.
        return mark_safe(html)


@register.tag
def cached_for_generation(parser: template.base.Parser, token: template.base.Token):
    """The block's HTML, rendered once per publication generation, language and key:

        {% cached_for_generation "case-sources" case.pk %}…{% endcached_for_generation %}

    The key must name everything the block shows that is not the same for every request in a
    generation (the record, the page's events, the host of an absolute address…): a request
    with the same key gets the HTML another request rendered. A key that is None, a preview
    (`is_preview`) and development (`DEBUG`) render the block afresh, uncached."""
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a quoted name and at least one key.")
    name = bits[1]
    if not (name[0] == name[-1] and name[0] in "\"'"):
        raise template.TemplateSyntaxError(f"{bits[0]}'s name must be a quoted string.")
    keys = [parser.compile_filter(bit) for bit in bits[2:]]
    nodelist = parser.parse((f"end{bits[0]}",))
    parser.delete_first_token()
    return GenerationCacheNode(name[1:-1], keys, nodelist)
