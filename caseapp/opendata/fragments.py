"""Small pieces of HTML that feeds and the TimelineJS export put around an event's summary."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from caseapp.cases.models import Citation, Event


def sources_html(event: Event) -> SafeString:
    """The documents an event rests on, as a list of links: every claim keeps its source."""
    items = format_html_join("", "<li>{}</li>", ((_citation(c),) for c in event.citations.all()))
    return format_html("<p>{}</p><ul>{}</ul>", _("Sources"), items)


def _citation(citation: Citation) -> SafeString:
    source = citation.source
    name = f"{source.publisher}: {source.title}"
    if address := source.url or source.archived_url:
        name = format_html('<a href="{}">{}</a>', address, name)
    return format_html("{}{}", name, f", {citation.locator}" if citation.locator else "")


def permalink_html(url: str) -> SafeString:
    return format_html('<p><a href="{}">{}</a></p>', url, _("This event on Casefile"))
