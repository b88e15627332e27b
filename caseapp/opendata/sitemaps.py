"""What search engines may list: published cases, events and actors, and the list pages."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Event


class ListPageSitemap(Sitemap):
    def items(self) -> list[str]:
        return ["cases:home", "cases:timeline", "actors:directory"]

    def location(self, name: str) -> str:
        return reverse(name)


class CaseSitemap(Sitemap):
    def items(self) -> QuerySet[Case]:
        return Case.objects.published().order_by("pk")

    def lastmod(self, case: Case) -> datetime.datetime:
        return case.updated_at


class EventSitemap(Sitemap):
    def items(self) -> QuerySet[Event]:
        return Event.objects.published().select_related("case").order_by("pk")

    def lastmod(self, event: Event) -> datetime.datetime:
        return event.updated_at


class ActorSitemap(Sitemap):
    def items(self) -> QuerySet[Actor]:
        return Actor.objects.published().order_by("pk")

    def lastmod(self, actor: Actor) -> datetime.datetime:
        return actor.updated_at


SITEMAPS = {
    "pages": ListPageSitemap,
    "cases": CaseSitemap,
    "events": EventSitemap,
    "actors": ActorSitemap,
}
