"""Word search (`q`) on both databases: full-text with stems and prefixes, case folded in every
script, names and aliases by any part, the index kept current however events are written, and
nothing unpublished found."""

import datetime
import re

import pytest

from caseapp.cases.models import Event, EventKind
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event, make_place

CASE = "/cases/searched/"


def listed(response) -> list[str]:
    return re.findall(r'<li class="event[^"]*" id="([\w-]+)"', response.content.decode())


@pytest.fixture
def searched(db):
    case = make_case(slug="searched")
    bilash = make_actor(name="Serikzhan Bilash", aliases="Serikjan Bilash\nСерикжан Билаш")
    make_event(
        case,
        slug="arrested",
        title="Founder of Atajurt arrested in Almaty",
        summary="Accused under **Article 174** of the Criminal Code.",
        actors=[bilash],
        start_date=datetime.date(2019, 3, 9),
    )
    make_event(
        case,
        slug="hearing",
        title="Суд в Астане рассматривает дело",
        summary="Заседание по делу Қазақстан",
        start_date=datetime.date(2019, 3, 19),
    )
    make_event(
        case,
        slug="closure",
        title="Office closed",
        summary="Computers confiscated by officials.",
        place=make_place(name="Алматы", slug="almaty-cyrillic"),
        start_date=datetime.date(2019, 3, 20),
    )
    return case


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("arrests", ["arrested"]),  # a stem
        ("ARRESTED", ["arrested"]),
        ("Ataj", ["arrested"]),  # a prefix
        ("article 174", ["arrested"]),
        ("суд", ["hearing"]),  # Cyrillic, lower case for an upper-case title
        ("СУД", ["hearing"]),
        ("қазақстан", ["hearing"]),  # Kazakh letters fold too
        ("серикжан", ["arrested"]),  # an alias in another script, by any part
        ("rikja", ["arrested"]),
        ("алматы", ["closure"]),  # a place's name
        ("confiscated computers", ["closure"]),  # every word, in any order
        ("office arrested", []),
    ],
)
def test_words_find_events_in_every_script(searched, visitor, words, expected):
    assert listed(visitor.get(CASE, {"q": words})) == expected


def test_common_words_are_left_out_of_a_search_with_others(searched, visitor):
    assert listed(visitor.get(CASE, {"q": "the office"})) == ["closure"]


def test_the_index_follows_edits_and_deletions(searched, visitor):
    event = Event.objects.get(slug="closure")
    event.title = "Office sealed"
    event.save()
    assert listed(visitor.get(CASE, {"q": "sealed"})) == ["closure"]
    assert listed(visitor.get(CASE, {"q": "closed"})) == []
    event.delete()
    assert listed(visitor.get(CASE, {"q": "sealed"})) == []


def test_events_written_in_bulk_are_found(searched, visitor):
    event = Event(
        case=searched,
        slug="bulk",
        title="Written in bulk",
        kind=EventKind.OTHER,
        start_date=datetime.date(2020, 1, 1),
        publication_status=PublicationStatus.PUBLISHED,
    )
    event.fill_derived_fields()
    Event.objects.bulk_create([event])
    assert listed(visitor.get(CASE, {"q": "bulk"})) == ["bulk"]
    Event.objects.filter(slug="bulk").update(title="Changed without save")
    assert listed(visitor.get(CASE, {"q": "changed"})) == ["bulk"]


def test_nothing_unpublished_is_found(searched, visitor):
    make_event(searched, slug="draft", title="Secret draft", publication_status="draft")
    hidden_case = make_case(slug="hidden", publication_status="draft")
    make_event(hidden_case, slug="in-hidden", title="Secret in a draft case")
    secret = make_actor(name="Secret Witness", publication_status="draft")
    make_event(searched, slug="with-secret", title="A hearing", actors=[secret])
    assert listed(visitor.get(CASE, {"q": "secret"})) == []
    assert listed(visitor.get("/timeline/", {"q": "secret"})) == []


def test_a_search_at_size_is_the_database_s_work(db, visitor, django_assert_max_num_queries):
    """Guards word search against a query per word, match or actor."""
    case = make_case(slug="searched")
    actors = [make_actor(name=f"Person {n}") for n in range(20)]
    for n in range(120):
        make_event(case, title=f"Hearing number {n}", actors=[actors[n % 20]])
    visitor.get(CASE)
    with django_assert_max_num_queries(13):
        response = visitor.get(CASE, {"q": "hearing person number"})
    assert len(listed(response)) == 25
