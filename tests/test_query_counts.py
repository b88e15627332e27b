"""Each public page runs a fixed number of SQL queries, however many events, actors and sources
it shows: measured on a case with 200 events, each with four actors and three sources."""

import datetime

import pytest

from caseapp.actors.models import ActorKind
from caseapp.cases import counters
from caseapp.cases.dates import Precision
from caseapp.cases.models import Citation, Event, EventKind, Participation, Role
from caseapp.cases.pagination import EVENTS_PER_PAGE
from tests.factories import make_actor, make_case, make_event, make_place, make_source

EVENTS = 200


@pytest.fixture
def big_case(db):
    """A case of 200 published events sharing a pool of actors and sources, built in bulk."""
    case = make_case(slug="big-case", summary="A long case.")
    actors = [make_actor(slug=f"big-actor-{n}") for n in range(12)]
    case.subjects.add(*actors[:3])
    sources = [make_source(archived_url=f"https://archive.example.org/{n}") for n in range(6)]
    place = make_place()
    events = []
    for n in range(EVENTS):
        start = datetime.date(2000, 1, 1) + datetime.timedelta(days=n)
        events.append(
            Event(
                case=case,
                title=f"Big event {n}",
                slug=f"big-event-{n}",
                kind=EventKind.HEARING,
                summary=f"Summary **{n}**.",
                place=place,
                start_date=start,
                start_precision=Precision.DAY,
                is_milestone=n % 20 == 0,
                publication_status=case.publication_status,
            )
        )
        events[-1].fill_derived_fields()
    events = Event.objects.bulk_create(events)
    Participation.objects.bulk_create(
        Participation(event=event, actor=actors[(n + k) % len(actors)], role=Role.WITNESS)
        for n, event in enumerate(events)
        for k in range(4)
    )
    Citation.objects.bulk_create(
        Citation(
            event=event,
            source=sources[(n + k) % len(sources)],
            position=k,
            quote="Quoted.",
            locator=f"p. {k}",
        )
        for n, event in enumerate(events)
        for k in range(3)
    )
    # Written in bulk, without the signals that keep the counts.
    counters.rebuild([case.pk])
    return case


def test_the_case_page_runs_a_fixed_number_of_queries(
    big_case, visitor, django_assert_max_num_queries
):
    """Guards against a query per event, actor, citation or source on the case timeline."""
    # The first request after a change reads what the whole case holds once (its span, its
    # most cited sources, frequent places and each facet's top choices, from the counts kept on
    # save); later ones read that from the cache. + the numbers of the page's sources. + the
    # status card's arrest, custody and next hearing. + the time strip's counts per period.
    # + the first and last dates with their precision for the Dataset's temporalCoverage.
    with django_assert_max_num_queries(35):
        response = visitor.get("/cases/big-case/")
    assert response.content.decode().count('<li class="event') == EVENTS_PER_PAGE
    # The case and its subjects, the generation, the page's keys and events with their case,
    # roles and citations, and its key dates.
    for address in ["/cases/big-case/?page=4", "/cases/big-case/?page=2"]:
        with django_assert_max_num_queries(9):
            assert visitor.get(address).status_code == 200


def test_the_event_page_runs_a_fixed_number_of_queries(
    big_case, visitor, django_assert_max_num_queries
):
    """Guards against a query per actor or citation on a permalink, and for previous/next."""
    with django_assert_max_num_queries(8):
        response = visitor.get("/cases/big-case/events/big-event-120/")
    assert response.content.decode().count('class="citation"') == 3


def test_the_timeline_runs_a_fixed_number_of_queries(
    big_case, visitor, django_assert_max_num_queries
):
    """Guards against a query per event or per case named on the timeline of all cases."""
    # The first request reads every case's counts once for the facets; later ones don't.
    # + the numbers of the page's sources in their cases.
    with django_assert_max_num_queries(18):
        response = visitor.get("/timeline/?page=2")
    assert response.content.decode().count('<li class="event') == EVENTS_PER_PAGE
    # The generation, the page's keys, events, their cases, roles and citations, and the
    # numbers of their sources.
    with django_assert_max_num_queries(7):
        response = visitor.get("/timeline/?page=3")
    assert response.content.decode().count('<li class="event') == EVENTS_PER_PAGE


def test_the_home_page_runs_a_fixed_number_of_queries(
    big_case, visitor, django_assert_max_num_queries
):
    """Guards against a query per case, and against reading every event to order the cases,
    name their latest events or count them."""
    # The count of cases, a page of them, their subjects, and their latest events.
    for number in range(30):
        make_event(make_case(), start_date=datetime.date(1990, 1, 1) + datetime.timedelta(number))
    with django_assert_max_num_queries(5):  # + the publication generation
        response = visitor.get("/")
    page = response.content.decode()
    assert "Big event 199" in page
    assert page.count('class="case-card"') == 20
    with django_assert_max_num_queries(5):
        response = visitor.get("/?page=2")
    assert response.content.decode().count('class="case-card"') == 11


def test_the_actor_directory_runs_a_fixed_number_of_queries(
    big_case, visitor, django_assert_max_num_queries
):
    """Guards against a query per actor, per kind or per letter, on any page of the directory."""
    # The publication generation, one GROUP BY for the kinds, letters and pages (cached for the
    # generation), one for the page with its event counts.
    for number in range(100):
        make_actor(name=f"Court {number:03}", kind=ActorKind.COURT)
    with django_assert_max_num_queries(3):
        response = visitor.get("/actors/")
    assert response.content.decode().count('class="actor-card"') == 50
    for address in ["/actors/?page=3", "/actors/?letter=C&kind=court&page=2", "/actors/?q=big"]:
        with django_assert_max_num_queries(3):
            assert visitor.get(address).status_code == 200


def test_an_actor_profile_runs_a_fixed_number_of_queries(
    big_case, visitor, django_assert_max_num_queries
):
    """Guards against a query per event, co-actor, case or citation on a profile."""
    # The first request counts the actor's events once (facets, cases); later ones read it.
    with django_assert_max_num_queries(15):
        response = visitor.get("/actors/big-actor-0/")
    assert response.content.decode().count('<li class="event') == EVENTS_PER_PAGE
    # The actor, the generation, the page's keys, events, cases, roles, citations and the
    # numbers of their sources.
    with django_assert_max_num_queries(8):
        response = visitor.get("/actors/big-actor-0/?page=2")
    assert response.content.decode().count('<li class="event') > 0
