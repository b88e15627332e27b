"""Atom feeds of a case and of an actor: only published events, newest first, linking to permalinks."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from caseapp.cases.publishing import PublicationStatus
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


def test_the_actor_feed_holds_only_the_events_the_actor_takes_part_in(visitor):
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
    """Guards the feed of a 200-event case against a query per event, actor or source."""
    with django_assert_max_num_queries(6):
        response = visitor.get(f"/cases/{large_case.slug}/feed/")

    assert len(parse(response).findall("atom:entry", ATOM)) == 50


def test_the_actor_feed_does_not_query_more_for_more_events(
    visitor, large_case, django_assert_max_num_queries
):
    """Guards the actor feed against a query per event."""
    actor = large_case.events.first().actors.first()

    with django_assert_max_num_queries(6):
        response = visitor.get(f"/actors/{actor.slug}/feed/")

    assert len(parse(response).findall("atom:entry", ATOM)) == 50
