"""Small builders for test data: each makes a valid, published record unless told otherwise."""

import datetime
import itertools

from caseapp.actors.models import Actor, ActorKind
from caseapp.cases.dates import Precision
from caseapp.cases.models import (
    Case,
    Citation,
    Event,
    EventKind,
    Participation,
    Place,
    Role,
    Source,
    SourceKind,
)
from caseapp.publishing.models import PublicationStatus

_numbers = itertools.count(1)
PUBLISHED = PublicationStatus.PUBLISHED


def make_case(**fields) -> Case:
    n = next(_numbers)
    fields = {"title": f"Case {n}", "slug": f"case-{n}", "publication_status": PUBLISHED, **fields}
    return Case.objects.create(**fields)


def make_actor(**fields) -> Actor:
    n = next(_numbers)
    fields = {
        "name": f"Actor {n}",
        "slug": f"actor-{n}",
        "kind": ActorKind.PERSON,
        "publication_status": PUBLISHED,
        **fields,
    }
    return Actor.objects.create(**fields)


def make_place(**fields) -> Place:
    n = next(_numbers)
    return Place.objects.create(**{"name": f"Place {n}", "slug": f"place-{n}", **fields})


def make_source(**fields) -> Source:
    n = next(_numbers)
    fields = {
        "title": f"Source {n}",
        "publisher": "Publisher",
        "kind": SourceKind.NEWS_REPORT,
        "url": f"https://news.example.org/{n}",
        "language": "en",
        **fields,
    }
    return Source.objects.create(**fields)


def make_event(case: Case | None = None, *, actors=(), sources=(), **fields) -> Event:
    """An event of `case`; `actors` are (actor, role) pairs or actors (role: subject)."""
    n = next(_numbers)
    fields = {
        "case": case or make_case(),
        "title": f"Event {n}",
        "slug": f"event-{n}",
        "kind": EventKind.STATEMENT,
        "start_date": datetime.date(2019, 3, 9),
        "start_precision": Precision.DAY,
        "publication_status": PUBLISHED,
        **fields,
    }
    event = Event.objects.create(**fields)
    for item in actors:
        actor, role = item if isinstance(item, tuple) else (item, Role.SUBJECT)
        Participation.objects.create(event=event, actor=actor, role=role)
    for position, source in enumerate(sources, start=1):
        Citation.objects.create(event=event, source=source, position=position)
    return event
