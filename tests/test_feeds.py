"""Atom feeds of a case and of an actor: only published events, newest first, linking to permalinks."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from caseapp.opendata import feeds
from caseapp.opendata import queries as opendata_queries
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event, make_source

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
CASE_FEED = "/cases/serikzhan-bilash/feed/"


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    return root


def entry_links(feed: ET.Element) -> list[str]:
    return [entry.find("atom:link", ATOM).get("href") for entry in feed.findall("atom:entry", ATOM)]


def test_the_case_feed_lists_every_published_event_of_the_demo_case(visitor, demo_case):
    feed = parse(visitor.get(CASE_FEED))

    assert feed.findtext("atom:title", namespaces=ATOM) == demo_case.title
    links = entry_links(feed)
    expected = {f"http://testserver{event.get_absolute_url()}" for event in demo_case.events.all()}
    assert set(links) == expected
    assert len(links) == 9


def test_entries_carry_the_event_date_summary_sources_and_dates(visitor, demo_case):
    feed = parse(visitor.get(CASE_FEED))
    arrest = next(
        entry
        for entry in feed.findall("atom:entry", ATOM)
        if entry.find("atom:link", ATOM).get("href").endswith("/events/bilash-arrested/")
    )

    assert (
        arrest.findtext("atom:title", namespaces=ATOM) == "9 March 2019: Serikzhan Bilash arrested"
    )
    summary = arrest.find("atom:summary", ATOM)
    assert summary.get("type") == "html"
    assert "<strong>Article 174</strong>" in summary.text
    assert "https://www.gfbv.de/en/news/" in summary.text
    updated = datetime.datetime.fromisoformat(arrest.findtext("atom:updated", namespaces=ATOM))
    assert updated == demo_case.events.get(slug="bilash-arrested").updated_at
    assert arrest.findtext("atom:published", namespaces=ATOM)


def test_the_newest_published_event_comes_first(visitor):
    case = make_case()
    older = make_event(case, title="Published last year")
    newer = make_event(case, title="Published today")
    type(older).objects.filter(pk=older.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=365)
    )

    links = entry_links(parse(visitor.get(f"/cases/{case.slug}/feed/")))

    assert [link.rsplit("/", 2)[-2] for link in links] == [newer.slug, older.slug]


def test_it_hides_drafts_and_events_in_review_from_the_feed(visitor):
    case = make_case()
    public = make_event(case)
    make_event(case, title="A draft", publication_status=PublicationStatus.DRAFT)
    make_event(case, title="In review", publication_status=PublicationStatus.REVIEW)

    response = visitor.get(f"/cases/{case.slug}/feed/")

    assert entry_links(parse(response)) == [f"http://testserver{public.get_absolute_url()}"]
    assert b"A draft" not in response.content
    assert b"In review" not in response.content


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.REVIEW])
def test_an_unpublished_case_has_no_feed(visitor, status):
    case = make_case(publication_status=status)
    make_event(case)

    assert visitor.get(f"/cases/{case.slug}/feed/").status_code == 404


def test_an_unknown_case_or_actor_has_no_feed(visitor, db):
    assert visitor.get("/cases/no-such-case/feed/").status_code == 404
    assert visitor.get("/actors/no-such-actor/feed/").status_code == 404


@pytest.mark.parametrize("window", [2000, 1])
def test_the_actor_feed_holds_only_the_events_the_actor_takes_part_in(visitor, monkeypatch, window):
    # A window of one publication sends the feed to read all of the actor's events.
    monkeypatch.setattr(opendata_queries, "RECENT_WINDOW", window)
    actor = make_actor(name="Aiman Umarova")
    other = make_actor()
    case = make_case()
    with_actor = make_event(case, actors=[(actor, "lawyer"), (other, "subject")])
    twice = make_event(case, actors=[(actor, "lawyer"), (actor, "witness")])
    make_event(case, actors=[other])
    make_event(case, actors=[actor], publication_status=PublicationStatus.DRAFT)
    make_event(make_case(publication_status=PublicationStatus.DRAFT), actors=[actor])

    feed = parse(visitor.get(f"/actors/{actor.slug}/feed/"))

    assert feed.findtext("atom:title", namespaces=ATOM) == "Aiman Umarova"
    assert sorted(entry_links(feed)) == sorted(
        f"http://testserver{event.get_absolute_url()}" for event in (with_actor, twice)
    )


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.REVIEW])
def test_an_unpublished_actor_has_no_feed(visitor, status):
    actor = make_actor(publication_status=status)

    assert visitor.get(f"/actors/{actor.slug}/feed/").status_code == 404


def test_it_names_no_draft_actor_in_an_entry(visitor):
    hidden = make_actor(name="Hidden Informant", publication_status=PublicationStatus.DRAFT)
    case = make_case()
    make_event(case, actors=[hidden, make_actor()], sources=[make_source()])

    assert b"Hidden Informant" not in visitor.get(f"/cases/{case.slug}/feed/").content


def test_feeds_are_cacheable_cookie_free_and_get_only(visitor, demo_case):
    response = visitor.get(CASE_FEED)

    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert not response.cookies
    assert visitor.post(CASE_FEED).status_code == 405


def test_the_feed_does_not_query_more_for_more_events(
    visitor, large_case, django_assert_max_num_queries
):
    """Guards the feed of a 200-event case against a query per event, actor or source: the
    case (2), its 50 newest events (1) and their citations (1)."""
    with django_assert_max_num_queries(5):  # + the publication generation
        response = visitor.get(f"/cases/{large_case.slug}/feed/")

    assert len(parse(response).findall("atom:entry", ATOM)) == 50


def test_the_actor_feed_does_not_query_more_for_more_events(
    visitor, large_case, django_assert_max_num_queries
):
    """Guards the actor feed against a query per event: the actor (1), where the window of
    newest publications starts (1), the actor's events in it (1), those events with their
    citations (2)."""
    actor = large_case.events.first().actors.first()

    with django_assert_max_num_queries(6):
        response = visitor.get(f"/actors/{actor.slug}/feed/")

    assert len(parse(response).findall("atom:entry", ATOM)) == 50


def published_minutes_ago(event, minutes: int) -> None:
    type(event).objects.filter(pk=event.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


@pytest.mark.parametrize(("newest_on_the_site", "queries"), [(True, 6), (False, 8)])
def test_the_actor_feed_shows_the_actors_newest_events_recent_or_not(
    visitor, monkeypatch, django_assert_max_num_queries, newest_on_the_site, queries
):
    """Guards the actor feed against a query per event: 6 queries (one the publication
    generation) while the actor's newest
    events are among the site's newest publications; when they are not, 2 more to read all
    of the actor's events (their keys, then a chunk of events)."""
    monkeypatch.setattr(feeds, "ENTRIES_PER_FEED", 3)
    monkeypatch.setattr(opendata_queries, "RECENT_WINDOW", 5)
    actor = make_actor()
    case = make_case()
    mine = [make_event(case, actors=[actor]) for _ in range(5)]
    others = [make_event(case, actors=[make_actor()]) for _ in range(5)]
    # The actor's events are the newest on the site, or all older than every other one.
    offset = 0 if newest_on_the_site else 100
    for minutes, event in enumerate(mine):
        published_minutes_ago(event, offset + minutes)
    for minutes, event in enumerate(others):
        published_minutes_ago(event, 50 + minutes)

    with django_assert_max_num_queries(queries):
        links = entry_links(parse(visitor.get(f"/actors/{actor.slug}/feed/")))

    assert links == [f"http://testserver{event.get_absolute_url()}" for event in mine[:3]]
