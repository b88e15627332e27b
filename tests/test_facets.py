"""Facets stay bounded at any size: the most frequent choices with their counts, a search for
the rest, the chosen ones always shown, and no counts at all when too many events match to
count them on a page; counts never stale after a publish, never counting a draft."""

import datetime
import io
import re

import pytest
from django.core.management import call_command

from caseapp.actors.models import Actor
from caseapp.cases import facets
from caseapp.cases.models import Case, EventKind, Role
from caseapp.cases.synthetic import RARE_WORD
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event, make_place

CASE = "/cases/crowded/"
FRAGMENT = {"HX-Request": "true"}


def offered(response, facet: str) -> dict[str, int | None]:
    """{value: count} of a facet's choices (None for a choice shown without a count)."""
    found = re.findall(
        rf'name="{facet}" value="([\w-]+)"[^>]*>.*?id="facet-{facet}-\1"[^>]*>(\d*)<',
        response.content.decode(),
        re.S,
    )
    return {value: int(count) if count else None for value, count in found}


@pytest.fixture
def crowded(db):
    """A case with 30 actors, actor N in N + 1 events, plus drafts that must count nowhere."""
    case = make_case(slug="crowded")
    actors = [make_actor(name=f"Actor {n:02}", slug=f"actor-{n:02}") for n in range(30)]
    day = datetime.date(2000, 1, 1)
    for n, actor in enumerate(actors):
        for k in range(n + 1):
            make_event(
                case,
                kind=EventKind.HEARING if k % 2 else EventKind.STATEMENT,
                start_date=day + datetime.timedelta(days=n * 40 + k),
                actors=[(actor, Role.WITNESS)],
            )
    hidden = make_actor(name="Actor 99 draft", slug="actor-99", publication_status="draft")
    make_event(case, publication_status=PublicationStatus.DRAFT, actors=[actors[0], hidden])
    return case


def test_a_facet_offers_its_most_frequent_choices_with_their_counts(crowded, visitor):
    actors = offered(visitor.get(CASE), "actor")
    assert list(actors) == [f"actor-{n:02}" for n in range(29, 29 - facets.FACET_CHOICES, -1)]
    assert actors["actor-29"] == 30
    page = visitor.get(CASE).content.decode()
    assert "30 to choose from" in page
    assert 'name="actor_search"' in page


def test_a_facet_search_finds_the_others(crowded, visitor):
    response = visitor.get(CASE, {"actor_search": "actor 0"})
    assert offered(response, "actor") == {f"actor-0{n}": n + 1 for n in range(10)}


def test_a_facet_search_answers_htmx_with_the_choices_alone(crowded, visitor):
    headers = {**FRAGMENT, "HX-Target": "facet-actor-choices"}
    response = visitor.get(CASE, {"actor_search": "actor 03", "kind": "hearing"}, headers=headers)
    content = response.content.decode()
    assert content.lstrip().startswith('<fieldset class="facet__choices" id="facet-actor-choices"')
    assert offered(response, "actor") == {"actor-03": 2}
    assert "HX-Push-Url" not in response
    assert '<li class="event' not in content


def test_a_search_that_finds_nothing_says_so(crowded, visitor):
    content = visitor.get(CASE, {"actor_search": "nobody"}).content.decode()
    assert "Nothing here is called “nobody”." in content


def test_a_chosen_value_beyond_the_most_frequent_keeps_its_count(crowded, visitor):
    assert offered(visitor.get(CASE, {"actor": "actor-01"}), "actor")["actor-01"] == 2
    found = visitor.get(CASE, {"actor_search": "actor 0"})
    assert offered(found, "actor")["actor-04"] == 5


def test_a_chosen_value_is_always_offered(crowded, visitor):
    response = visitor.get(CASE, {"actor": "actor-01", "kind": "hearing"})
    actors = offered(response, "actor")
    assert actors["actor-01"] == 1
    assert 'name="actor" value="actor-01" checked' in response.content.decode()


def test_counts_follow_the_other_filters(crowded, visitor):
    actors = offered(visitor.get(CASE, {"kind": "hearing"}), "actor")
    assert actors["actor-29"] == 15
    kinds = offered(visitor.get(CASE, {"actor": "actor-29"}), "kind")
    assert kinds == {"statement": 15, "hearing": 15}


def test_too_many_matching_events_are_not_counted_choice_by_choice(crowded, visitor, monkeypatch):
    monkeypatch.setattr(facets, "FACET_COUNT_LIMIT", 100)
    response = visitor.get(CASE, {"kind": "statement"})
    assert len(re.findall(r'<li class="event', response.content.decode())) == 25
    actors = offered(response, "actor")
    assert set(actors.values()) == {None}
    assert "too many to count for each choice" in response.content.decode()
    # Kinds count without their own filter, among every event of the case.
    assert offered(response, "kind") == {"statement": 240, "hearing": 225}
    # Narrow enough, and the counts are back.
    narrow = visitor.get(CASE, {"kind": "statement", "actor": "actor-05"})
    assert offered(narrow, "kind") == {"statement": 3, "hearing": 3}


def test_the_next_request_after_a_publish_counts_it(crowded, visitor):
    assert offered(visitor.get(CASE), "actor")["actor-20"] == 21
    actor = Actor.objects.get(slug="actor-20")
    draft = make_event(crowded, publication_status=PublicationStatus.DRAFT)
    draft.participations.create(actor=actor, role=Role.SUBJECT)
    assert offered(visitor.get(CASE), "actor")["actor-20"] == 21
    draft.publication_status = PublicationStatus.PUBLISHED
    draft.save()
    assert offered(visitor.get(CASE), "actor")["actor-20"] == 22


def test_drafts_are_neither_offered_nor_counted(crowded, visitor):
    for query in [{}, {"kind": "statement"}, {"actor_search": "99"}, {"actor": "actor-00"}]:
        response = visitor.get(CASE, query)
        assert "actor-99" not in response.content.decode()
        assert offered(response, "actor").get("actor-00") in (None, 1)
    assert offered(visitor.get(CASE, {"kind": "statement"}), "kind")["statement"] == 240


def test_places_and_cases_are_bounded_on_the_timeline_of_all_cases(db, visitor):
    for n in range(15):
        case = make_case(slug=f"case-{n:02}")
        place = make_place(name=f"Place {n:02}", slug=f"place-{n:02}")
        for _ in range(n + 1):
            make_event(case, place=place)
    response = visitor.get("/timeline/")
    assert list(offered(response, "case")) == [f"case-{n:02}" for n in range(14, 2, -1)]
    assert len(offered(response, "place")) == facets.FACET_CHOICES
    found = visitor.get("/timeline/", {"place_search": "place 0"})
    assert list(offered(found, "place")) == [f"place-0{n}" for n in range(10)]
    # A chosen case beyond the most frequent, with its own count.
    assert offered(visitor.get("/timeline/", {"case": "case-00"}), "case")["case-00"] == 1


@pytest.mark.parametrize("text", ["x" * 500, "\x00", "%_", "😀"])
def test_any_facet_search_text_gets_an_answer(crowded, visitor, text):
    response = visitor.get(CASE, {"actor_search": text, "place_search": text})
    assert response.status_code == 200


def test_at_size_every_count_and_search_leaves_drafts_out(db, visitor):
    """Hundreds of generated events, some taken back to draft through the workflow's save,
    some drafts added with draft actors: every number on the page is a published count."""
    call_command("generate_events", "--events", "400", "--actors", "50", stdout=io.StringIO())
    case = Case.objects.get()
    for event in case.events.order_by("pk")[::7]:
        event.publication_status = PublicationStatus.DRAFT
        event.save()
    hidden = make_actor(name="Samizdat Keeper", slug="keeper", publication_status="draft")
    for _ in range(5):
        make_event(case, title="Samizdat draft", publication_status="draft", actors=[hidden])
    address = case.get_absolute_url()
    published = case.events.published()
    page = visitor.get(address)
    assert f"{published.count()} events" in page.content.decode()
    for value, count in offered(page, "actor").items():
        expected = published.filter(participations__actor__slug=value).distinct().count()
        assert count == expected, value
    for value, count in offered(page, "kind").items():
        assert count == published.filter(kind=value).count(), value
    filtered = visitor.get(address, {"kind": "hearing"})
    for value, count in offered(filtered, "place").items():
        expected = published.filter(kind="hearing", place__slug=value).count()
        assert count == expected, value
    found = visitor.get(address, {"q": RARE_WORD})
    slugs = set(re.findall(r'<li class="event[^"]*" id="([\w-]+)"', found.content.decode()))
    assert slugs == set(
        published.filter(summary__contains=RARE_WORD).values_list("slug", flat=True)
    )
    searched = visitor.get(address, {"actor_search": "keeper"})
    assert offered(searched, "actor") == {}
    assert "Samizdat Keeper" not in searched.content.decode()
