"""The "Share or embed" box of a case page, built here so that the case page needs nothing of
the embed app but this library:

    {% load embed %}{% embed_snippet case filtering %}

and the oEmbed discovery `<link>` of a case or event page: `{% oembed_link case filtering %}`,
`{% oembed_link event %}`.

`filtering` is the page's `TimelineFilter`: the snippets carry the filters it accepted, so a
value the page refused never reaches a snippet.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from caseapp.cases.filters import TimelineFilter
from caseapp.cases.models import Case, Event
from caseapp.embed.snippets import embed_snippets, oembed_address, with_query

register = template.Library()


@register.simple_tag(takes_context=True)
def embed_snippet(
    context: template.Context, case: Case, filtering: TimelineFilter, *, oob: bool = False
) -> SafeString:
    """The box (embed/_snippet.html) for `case` as the visitor filtered it; with `oob`, marked
    to be swapped in beside an HTMX timeline fragment. A preview shows none: what it shows is
    not public, so there is no widget of it to embed."""
    if context.get("is_preview"):
        return mark_safe("")
    embed = embed_snippets(context["request"], case, filtering.applied)
    return render_to_string("embed/_snippet.html", {"case": case, "embed": embed, "oob": oob})


@register.simple_tag(takes_context=True)
def oembed_link(
    context: template.Context, page: Case | Event, filtering: TimelineFilter | None = None
) -> SafeString:
    """The oEmbed discovery `<link>` of a case or event page, so that a site which is handed
    only the page's address (WordPress, for one) finds `/oembed/` and embeds the widget.

    It names the page's own address in the language it is read in (`/de/cases/…`: the German
    widget) and, on a case page, with the filters the page accepted (`filtering`). JSON only:
    `/oembed/` answers XML with 501. A preview has none: its record is not public yet.
    """
    if context.get("is_preview"):
        return mark_safe("")
    request = context["request"]
    applied = filtering.applied if filtering is not None else []
    page_url = request.build_absolute_uri(with_query(page.get_absolute_url(), applied))
    return format_html(
        '<link rel="alternate" type="application/json+oembed" href="{}" title="{}">',
        oembed_address(request, page_url),
        page.title,
    )
