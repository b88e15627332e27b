"""The published records public views start from, each fetched in a fixed number of queries.

Pages, feeds, exports and the embed all look cases and events up here, so there is one place
that decides what is public: a draft or a record in review is never reachable through it.
"""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from caseapp.actors.models import Actor
from caseapp.cases.models import Case, Citation, Event, Participation


def get_published_case(slug: str) -> Case:
    """A published case with its lead image and published subjects, or 404."""
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


def public_participations() -> QuerySet[Participation]:
    """Roles of published actors only: a draft actor on a published event stays hidden."""
    return (
        Participation.objects.filter(actor__in=Actor.objects.published())
        .select_related("actor")
        .order_by("pk")
    )


def with_timeline_details(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events with their case, place, public participants (as `public_participations`) and
    citations with their sources, in a fixed number of queries however many there are."""
    return events.select_related("case", "place").prefetch_related(
        Prefetch(
            "participations", queryset=public_participations(), to_attr="public_participations"
        ),
        Prefetch("citations", queryset=Citation.objects.select_related("source")),
    )
