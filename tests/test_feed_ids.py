"""Atom entry and feed ids are RFC 4151 `tag:` URIs fixed at first publication: valid for a
real feed reader (feedparser), the same whatever host or scheme the feed is read on, and kept
when FEED_TAG_AUTHORITY or a slug changes later."""

import datetime
import importlib
import re

import feedparser
import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from caseapp import settings as casefile_settings
from caseapp.cases.models import Event
from caseapp.opendata import urls as opendata_urls
from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event

pytestmark = pytest.mark.django_db

TAG = re.compile(r"tag:(?P<authority>[^,]+),(?P<day>\d{4}-\d\d-\d\d):(?P<specific>\S+)")
FEEDS = sorted(
    pattern.name for pattern in opendata_urls.urlpatterns if pattern.name.endswith("-feed")
)


def read(client, url: str, **request) -> feedparser.FeedParserDict:
    """The feed as a feed reader sees it: well-formed Atom (bozo False) with an id per entry."""
    response = client.get(url, **request)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def ids(feed: feedparser.FeedParserDict) -> list[str]:
    return [entry.id for entry in feed.entries]


@pytest.fixture
def published(db):
    """A case whose actor takes part in two published events, and a draft beside them."""
    actor = make_actor(slug="aiman")
    case = make_case(slug="tagged")
    events = [make_event(case, actors=[actor]) for _ in range(2)]
    make_event(case, title="A draft", actors=[actor], publication_status=PublicationStatus.DRAFT)
    return case, actor, events


def feed_url(name: str, case, actor) -> str:
    return reverse(f"opendata:{name}", args=[case.slug if name == "case-feed" else actor.slug])


def test_the_feeds_are_the_case_and_actor_feeds():
    assert FEEDS == ["actor-feed", "case-feed"]


@pytest.mark.parametrize("name", FEEDS)
def test_every_feed_and_entry_id_is_a_tag_uri_of_the_authority(client, settings, published, name):
    case, actor, events = published
    feed = read(client, feed_url(name, case, actor))

    assert len(feed.entries) == 2
    for tag in [feed.feed.id, *ids(feed)]:
        match = TAG.fullmatch(tag)
        assert match, tag
        assert match["authority"] == settings.FEED_TAG_AUTHORITY
        assert datetime.date.fromisoformat(match["day"]) == timezone.now().date()
    assert set(ids(feed)) == {
        f"tag:{settings.FEED_TAG_AUTHORITY},{events[0].created_at.date()}:event:{event.pk}"
        for event in events
    }
    subject = case if name == "case-feed" else actor
    assert feed.feed.id == subject.tag_uri
    assert b"A draft" not in client.get(feed_url(name, case, actor)).content


def test_the_ids_do_not_depend_on_the_host_or_scheme(client, settings, published):
    case, _actor, _events = published
    settings.ALLOWED_HOSTS = ["testserver", "casefile.example.net"]
    here = read(client, f"/cases/{case.slug}/feed/")
    moved = read(client, f"/cases/{case.slug}/feed/", HTTP_HOST="casefile.example.net", secure=True)

    assert moved.entries[0].link.startswith("https://casefile.example.net/")
    assert ids(moved) == ids(here)
    assert moved.feed.id == here.feed.id


def test_a_new_authority_names_only_what_is_published_after_it(client, settings, published):
    case, _actor, _events = published
    before = read(client, f"/cases/{case.slug}/feed/")
    settings.FEED_TAG_AUTHORITY = "feeds@new-home.example.org"
    newer = make_event(case)
    Event.objects.filter(pk=newer.pk).update(published_at=timezone.now() + datetime.timedelta(1))

    after = read(client, f"/cases/{case.slug}/feed/")

    assert ids(after)[1:] == ids(before)
    assert ids(after)[0].startswith("tag:feeds@new-home.example.org,")
    assert after.feed.id == before.feed.id


def test_renaming_or_republishing_an_event_keeps_its_id(published):
    _case, _actor, events = published
    event = events[0]
    tag = event.tag_uri
    event.slug, event.title = "renamed", "Renamed"
    event.publication_status = PublicationStatus.DRAFT
    event.save()
    event.publication_status = PublicationStatus.PUBLISHED
    event.save()

    event.refresh_from_db()
    assert event.tag_uri == tag
    assert tag.endswith(f":event:{event.pk}")


def test_a_draft_gets_its_id_when_it_is_published(published):
    case, _actor, _events = published
    draft = case.events.get(title="A draft")
    assert draft.tag_uri == ""

    draft.publication_status = PublicationStatus.PUBLISHED
    draft.save(update_fields=["publication_status"])

    draft.refresh_from_db()
    assert TAG.fullmatch(draft.tag_uri)


def test_a_row_written_around_save_shows_the_id_it_keeps_at_its_next_save(client, published):
    """A bulk load (synthetic data) stores no id: the feed computes the same one save stores."""
    case, _actor, events = published
    Event.objects.filter(pk=events[0].pk).update(tag_uri="")
    shown = read(client, f"/cases/{case.slug}/feed/")

    events[0].refresh_from_db()
    events[0].save()

    assert events[0].tag_uri in ids(shown)


def test_the_migration_gives_published_rows_their_ids_and_drafts_none(settings, published):
    case, actor, events = published
    expected = {event.pk: event.tag_uri for event in events}
    case_tag, actor_tag = case.tag_uri, actor.tag_uri
    Event.objects.update(tag_uri="")
    type(case).objects.update(tag_uri="")
    type(actor).objects.update(tag_uri="")

    for migration in (
        "caseapp.cases.migrations.0017_tag_uri",
        "caseapp.actors.migrations.0009_tag_uri",
    ):
        importlib.import_module(migration).backfill_tag_uris(apps, None)

    assert {event.pk: event.tag_uri for event in Event.objects.published()} == expected
    assert not Event.objects.get(title="A draft").tag_uri
    case.refresh_from_db()
    actor.refresh_from_db()
    assert (case.tag_uri, actor.tag_uri) == (case_tag, actor_tag)


@pytest.mark.parametrize(
    ("environment", "hosts", "authority"),
    [
        ("", ["casefile.example.org", "www.casefile.example.org"], "casefile.example.org"),
        ("", [".example.org"], "example.org"),
        ("", ["127.0.0.1", "localhost", "[::1]"], "casefile.invalid"),
        ("Feeds@Example.org", ["casefile.example.org"], "feeds@example.org"),
    ],
)
def test_the_authority_setting_defaults_to_the_sites_domain(
    monkeypatch, environment, hosts, authority
):
    monkeypatch.setenv("FEED_TAG_AUTHORITY", environment)
    assert casefile_settings.tag_authority("FEED_TAG_AUTHORITY", hosts) == authority


@pytest.mark.parametrize("value", ["https://example.org", "example.org/feeds", "-bad.org", "a b"])
def test_an_authority_that_is_no_domain_or_email_is_refused(monkeypatch, value):
    monkeypatch.setenv("FEED_TAG_AUTHORITY", value)
    with pytest.raises(ImproperlyConfigured, match="FEED_TAG_AUTHORITY"):
        casefile_settings.tag_authority("FEED_TAG_AUTHORITY", [])
