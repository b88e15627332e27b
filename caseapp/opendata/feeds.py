"""Atom feeds of a case and of an actor: their most recently published events, newest first.

A feed reader wants to hear about what is new on the site, and an event can be added long
after it happened, so entries follow publication time, not the date of the event. Entries link
to event permalinks and carry the event's date in their title.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _

from caseapp.actors.lookups import get_published_actor
from caseapp.actors.models import Actor
from caseapp.cases.lookups import get_published_case, with_timeline_details
from caseapp.cases.models import Case, Event
from caseapp.cases.templatetags.casefile import markdown
from caseapp.opendata.fragments import sources_html
from caseapp.opendata.lookups import actor_events

ENTRIES_PER_FEED = 50


class _EventFeed(Feed):
    feed_type = Atom1Feed
    author_name = "Casefile"

    def latest(self, events: QuerySet[Event]) -> QuerySet[Event]:
        newest_first = events.order_by("-published_at", "-range_start", "-sort_rank", "-pk")
        return with_timeline_details(newest_first)[:ENTRIES_PER_FEED]

    def item_title(self, event: Event) -> str:
        return str(event)

    def item_description(self, event: Event) -> str:
        where = f" · {event.place}" if event.place else ""
        return format_html(
            "<p>{}{}</p>{}{}",
            event.date_display,
            where,
            markdown(event.summary),
            sources_html(event),
        )

    def item_link(self, event: Event) -> str:
        return event.get_absolute_url()

    def item_pubdate(self, event: Event) -> datetime.datetime | None:
        return event.published_at

    def item_updateddate(self, event: Event) -> datetime.datetime:
        return event.updated_at

    def item_categories(self, event: Event) -> list[str]:
        return [event.get_kind_display()]


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

    def items(self, case: Case) -> QuerySet[Event]:
        return self.latest(case.events.published())


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

    def items(self, actor: Actor) -> QuerySet[Event]:
        return self.latest(actor_events(actor))

    def item_categories(self, event: Event) -> list[str]:
        return [event.get_kind_display(), event.case.title]
