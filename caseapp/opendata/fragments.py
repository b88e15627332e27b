"""Small pieces of HTML that feeds and the TimelineJS export put around an event's summary."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from caseapp.cases.models import Event, EventKind
from caseapp.opendata.queries import CitedSource


class EventHtml:
    """The pieces for one document (a feed, a TimelineJS file), with their words translated
    once for it: `get_kind_display()` alone translates every kind on each call, which was most
    of what a large TimelineJS file cost."""

    def __init__(self) -> None:
        self._sources = _("Sources")
        self._permalink = _("This event on Casefile")
        self._kinds = {kind: str(label) for kind, label in EventKind.choices}

    def kind(self, event: Event) -> str:
        return self._kinds.get(event.kind, event.kind)

    def sources(self, event: Event) -> SafeString:
        """The documents an event rests on, as a list of links: every claim keeps its source.
        The citations are `event.cited` (see `caseapp.opendata.queries.with_citations`)."""
        items = format_html_join("", "<li>{}</li>", ((_citation(c),) for c in event.cited))
        return format_html("<p>{}</p><ul>{}</ul>", self._sources, items)

    def permalink(self, url: str) -> SafeString:
        return format_html('<p><a href="{}">{}</a></p>', url, self._permalink)


def _citation(citation: CitedSource) -> SafeString:
    name = f"{citation.publisher}: {citation.title}"
    if address := citation.url or citation.archived_url:
        name = format_html('<a href="{}">{}</a>', address, name)
    return format_html("{}{}", name, f", {citation.locator}" if citation.locator else "")
