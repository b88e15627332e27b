"""The "Share or embed" box of a case page, built here so that the case page needs nothing of
the embed app but this library:

    {% load embed %}{% embed_snippet case filtering %}

`filtering` is the page's `TimelineFilter`: the snippets carry the filters it accepted, so a
value the page refused never reaches a snippet.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from caseapp.cases.filters import TimelineFilter
from caseapp.cases.models import Case
from caseapp.embed.snippets import embed_snippets

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
def oembed_url(context: template.Context, case: Case, filtering: TimelineFilter) -> str:
    """The oEmbed address of `case` as the visitor filtered it, for the page's `<link>`."""
    return embed_snippets(context["request"], case, filtering.applied).oembed_url
