"""Atom feeds of a case and of an actor: their most recently published events, newest first.

A feed reader wants to hear about what is new on the site, and an event can be added long
after it happened, so entries follow publication time, not the date of the event. Entries link
to event permalinks and carry the event's date in their title.

Entry and feed ids are RFC 4151 `tag:` URIs fixed when the event, case or actor was first
published (`Publishable.tag_uri`): a move to HTTPS or another domain, or a new slug, leaves them
as readers know them, so no entry looks new again (docs/open-data.md).
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _

from caseapp.actors.models import Actor
from caseapp.actors.queries import get_published_actor
from caseapp.cases.models import Case, Event
from caseapp.cases.queries import get_published_case
from caseapp.opendata.fragments import EventHtml
from caseapp.opendata.queries import newest_events, newest_events_of
from caseapp.publishing.models import Publishable, tag_uri_for

ENTRIES_PER_FEED = 50


def _tag_uri(record: Publishable) -> str:
    """The id a feed gives a published record: the one stored at its first publication."""
    return record.tag_uri or tag_uri_for(record)


class _EventFeed(Feed):
    feed_type = Atom1Feed
    author_name = "Casefile"
    # Entry ids are `tag:` URIs, not addresses: a reader must not fetch them.
    item_guid_is_permalink = False

    def __init__(self) -> None:
        super().__init__()
        self.html = EventHtml()

    def item_title(self, event: Event) -> str:
        return str(event)

    def item_description(self, event: Event) -> str:
        where = f" · {event.place}" if event.place else ""
        return format_html(
            "<p>{}{}</p>{}{}",
            event.date_display,
            where,
            event.summary_rendered,
            self.html.sources(event),
        )

    def item_link(self, event: Event) -> str:
        return event.get_absolute_url()

    def item_guid(self, event: Event) -> str:
        return _tag_uri(event)

    def feed_guid(self, subject: Case | Actor) -> str:
        return _tag_uri(subject)

    def item_pubdate(self, event: Event) -> datetime.datetime | None:
        return event.published_at

    def item_updateddate(self, event: Event) -> datetime.datetime:
        return event.updated_at

    def item_categories(self, event: Event) -> list[str]:
        return [self.html.kind(event)]


class CaseFeed(_EventFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Case:
        return get_published_case(slug)

    def title(self, case: Case) -> str:
        return case.title

    def subtitle(self, case: Case) -> str:
        return _("Events of the case “%(case)s”, as they are published on Casefile.") % {
            "case": case.title
        }

    def link(self, case: Case) -> str:
        return case.get_absolute_url()

    def feed_url(self, case: Case) -> str:
        return reverse("opendata:case-feed", args=[case.slug])

    def items(self, case: Case) -> list[Event]:
        return newest_events(case.events.published(), ENTRIES_PER_FEED)


class ActorFeed(_EventFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Actor:
        return get_published_actor(slug)

    def title(self, actor: Actor) -> str:
        return actor.name

    def subtitle(self, actor: Actor) -> str:
        return _("Events in which %(actor)s takes part, as they are published on Casefile.") % {
            "actor": actor.name
        }

    def link(self, actor: Actor) -> str:
        return actor.get_absolute_url()

    def feed_url(self, actor: Actor) -> str:
        return reverse("opendata:actor-feed", args=[actor.slug])

    def items(self, actor: Actor) -> list[Event]:
        return newest_events_of(actor, ENTRIES_PER_FEED)

    def item_categories(self, event: Event) -> list[str]:
        return [self.html.kind(event), event.case.title]
