"""The published events open-data endpoints show, fetched in a fixed number of queries however
many a case has. Cases and actors are looked up in `caseapp.cases.lookups` and
`caseapp.actors.lookups`; nothing here can reach a draft or a record in review."""

from django.db.models import QuerySet

from caseapp.actors.models import Actor
from caseapp.cases.lookups import with_timeline_details
from caseapp.cases.models import Case, Event, Participation


def case_events(case: Case) -> QuerySet[Event]:
    """A published case's published events in timeline order, with everything exports show."""
    return with_timeline_details(case.events.published().order_by("range_start", "sort_rank", "pk"))


def actor_events(actor: Actor) -> QuerySet[Event]:
    """Published events of published cases in which `actor` takes part, in any role."""
    taking_part = Participation.objects.filter(actor=actor).values("event")
    return Event.objects.published().filter(pk__in=taking_part)
