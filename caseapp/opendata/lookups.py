"""The published records every open-data endpoint starts from, fetched in a fixed number of
queries however many events a case has. Nothing here can reach a draft or a record in review."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Citation, Event, Participation


def get_published_case(slug: str) -> Case:
    case = (
        Case.objects.published()
        .select_related("lead_image")
        .prefetch_related(Prefetch("subjects", queryset=Actor.objects.published()))
        .filter(slug=slug)
        .first()
    )
    if case is None:
        raise Http404(_("There is no published case at this address."))
    return case


def get_published_actor(slug: str) -> Actor:
    actor = Actor.objects.published().filter(slug=slug).first()
    if actor is None:
        raise Http404(_("There is no published actor at this address."))
    return actor


def public_participations() -> QuerySet[Participation]:
    """Roles of published actors only: a draft actor on a published event stays hidden."""
    return (
        Participation.objects.filter(actor__in=Actor.objects.published())
        .select_related("actor")
        .order_by("pk")
    )


def with_records(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events with their case, place, public participants (`public_participations`) and
    citations with their sources, in four queries."""
    citations = Citation.objects.select_related("source")
    return events.select_related("case", "place").prefetch_related(
        Prefetch(
            "participations", queryset=public_participations(), to_attr="public_participations"
        ),
        Prefetch("citations", queryset=citations, to_attr="ordered_citations"),
    )


def case_events(case: Case) -> QuerySet[Event]:
    """A published case's published events in timeline order, with everything exports show."""
    return with_records(case.events.published().order_by("range_start", "sort_rank", "pk"))


def actor_events(actor: Actor) -> QuerySet[Event]:
    """Published events of published cases in which `actor` takes part, in any role."""
    taking_part = Participation.objects.filter(actor=actor).values("event")
    return Event.objects.published().filter(pk__in=taking_part)
