"""Discovery and health: the sitemap lists only published pages, robots.txt points to it and
keeps crawlers out of admin and embeds, /healthz tells whether the database answers."""

import json
import xml.etree.ElementTree as ET
from unittest import mock

import pytest
from django.db import OperationalError, connection

from caseapp.publishing.models import PublicationStatus
from tests.factories import make_actor, make_case, make_event

pytestmark = pytest.mark.django_db

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def xml(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def sitemap_pages(client) -> list[str]:
    """The addresses of the pages the sitemap index lists."""
    index = xml(client, "/sitemap.xml")
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    return [page.findtext("sm:loc", namespaces=SITEMAP) for page in index]


def page_entries(client, address: str) -> dict[str, str | None]:
    urlset = xml(client, address.removeprefix("http://testserver"))
    assert urlset.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return {
        url.findtext("sm:loc", namespaces=SITEMAP): url.findtext("sm:lastmod", namespaces=SITEMAP)
        for url in urlset.findall("sm:url", SITEMAP)
    }


def sitemap_entries(client) -> dict[str, str | None]:
    """Every address on every page of the sitemap, with its last change."""
    entries = {}
    for address in sitemap_pages(client):
        entries.update(page_entries(client, address))
    return entries


def test_the_sitemap_lists_the_demo_case_its_events_and_actors(visitor, demo_case):
    entries = sitemap_entries(visitor)

    assert "http://testserver/" in entries
    assert "http://testserver/timeline/" in entries
    assert "http://testserver/actors/" in entries
    assert "http://testserver/cases/serikzhan-bilash/" in entries
    assert "http://testserver/cases/serikzhan-bilash/events/bilash-arrested/" in entries
    assert "http://testserver/actors/aiman-umarova/" in entries
    assert "http://testserver/cases/serikzhan-bilash/sources/" in entries
    event_urls = [url for url in entries if "/events/" in url]
    # Each in every language (tests/test_i18n_sitemap.py).
    assert len(event_urls) == 9 * 5


# Sitemap pages are ranges of primary keys: the tests that name a page count on keys from 1,
# which PostgreSQL's sequences give only when reset after other tests.
@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_the_sitemap_is_an_index_of_a_page_per_section(visitor, demo_case):
    assert sitemap_pages(visitor) == [
        "http://testserver/sitemap-pages.xml?p=1",
        "http://testserver/sitemap-cases.xml?p=1",
        "http://testserver/sitemap-events.xml?p=1",
        "http://testserver/sitemap-actors.xml?p=1",
        "http://testserver/sitemap-sources.xml?p=1",
        "http://testserver/sitemap-case-sources.xml?p=1",
    ]


def test_sitemap_entries_carry_the_day_of_the_last_change(visitor):
    case = make_case()
    event = make_event(case)

    entries = sitemap_entries(visitor)

    assert (
        entries[f"http://testserver{event.get_absolute_url()}"]
        == event.updated_at.date().isoformat()
    )
    assert (
        entries[f"http://testserver{case.get_absolute_url()}"] == case.updated_at.date().isoformat()
    )
    assert entries["http://testserver/"] is None


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.REVIEW])
def test_the_sitemap_lists_nothing_unpublished(visitor, status):
    hidden_case = make_case(publication_status=status)
    event_of_hidden_case = make_event(hidden_case)
    public_case = make_case()
    hidden_event = make_event(public_case, publication_status=status)
    hidden_actor = make_actor(publication_status=status)

    entries = sitemap_entries(visitor)

    for record in (hidden_case, event_of_hidden_case, hidden_event, hidden_actor):
        assert f"http://testserver{record.get_absolute_url()}" not in entries
    assert f"http://testserver{hidden_case.get_absolute_url()}sources/" not in entries
    assert f"http://testserver{public_case.get_absolute_url()}sources/" in entries
    assert f"http://testserver{public_case.get_absolute_url()}" in entries


# Pages are ranges of primary keys: on PostgreSQL, keys that earlier tests used up would move
# the actor to a later page.
@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_a_section_without_anything_published_is_not_in_the_index(visitor):
    make_actor()

    assert sitemap_pages(visitor) == [
        "http://testserver/sitemap-pages.xml?p=1",
        "http://testserver/sitemap-actors.xml?p=1",
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap-events.xml?p=2",
        "/sitemap-events.xml?p=0",
        "/sitemap-events.xml?p=-1",
        "/sitemap-events.xml?p=one",
        "/sitemap-events.xml?p=%D9%A1",
        "/sitemap-events.xml?p=99999999999999999999",
        "/sitemap-pages.xml?p=2",
        "/sitemap-drafts.xml",
        "/sitemap-.xml",
    ],
)
def test_a_sitemap_page_that_holds_nothing_is_not_found(visitor, demo_case, url):
    assert visitor.get(url).status_code == 404


@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_the_sitemap_index_does_not_query_more_for_more_events(
    visitor, large_case, django_assert_max_num_queries
):
    """Guards the sitemap index against counting: one indexed seek per page it lists and one
    more per section to find the end (cases, events, actors, sources, case sources: 5 pages)."""
    with django_assert_max_num_queries(1 + 5 + 5):  # + the publication generation
        pages = sitemap_pages(visitor)

    assert len(pages) == 6


@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_a_sitemap_page_does_not_query_more_for_more_events(
    visitor, large_case, django_assert_max_num_queries
):
    """Guards a sitemap page against a query per event, case or actor: one range of keys."""
    with django_assert_max_num_queries(2):  # + the publication generation
        entries = page_entries(visitor, "/sitemap-events.xml?p=1")

    # Each in every language.
    assert len([url for url in entries if "/events/" in url]) == 200 * 5


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin_and_embeds(visitor, db):
    response = visitor.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /embed/" in lines
    assert "Disallow: /preview/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_names_the_sitemap_on_the_address_the_site_is_reached_at(client, db):
    response = client.get("/robots.txt", secure=True, headers={"host": "localhost"})

    assert "Sitemap: https://localhost/sitemap.xml" in response.content.decode().splitlines()


def test_favicon_ico_answers_with_an_icon_and_pages_name_the_svg(visitor, db):
    response = visitor.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"
    page = visitor.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page


def test_health_check_answers_ok_while_the_database_answers(visitor, db):
    response = visitor.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content)["status"] == "ok"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_health_check_answers_503_when_the_database_does_not(visitor, db):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("gone")):
        response = visitor.get("/healthz")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["status"] != "ok"
    assert "gone" not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url", ["/sitemap.xml", "/sitemap-pages.xml?p=1", "/robots.txt", "/healthz"]
)
def test_discovery_endpoints_are_get_only_and_cookie_free(visitor, db, url):
    assert visitor.post(url).status_code == 405
    assert not visitor.get(url).cookies
    assert visitor.head(url).status_code == 200


@pytest.mark.django_db(transaction=True, reset_sequences=True)
@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-events.xml?p=1"])
def test_sitemaps_are_cacheable_and_kept_out_of_search_results(visitor, demo_case, url):
    response = visitor.get(url)

    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"


def test_health_check_names_every_part_it_checked(visitor, db):
    body = json.loads(visitor.get("/healthz").content)

    assert body == {"status": "ok", "database": "ok", "migrations": "ok", "media": "ok"}


def test_health_check_answers_503_while_migrations_are_not_applied(visitor, db, monkeypatch):
    from django.db.migrations import Migration
    from django.db.migrations.executor import MigrationExecutor

    from caseapp import views

    monkeypatch.setattr(views, "_migrations_applied", False)
    pending = [(Migration("0099_not_yet", "cases"), False)]
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: pending)
    response = visitor.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content)["migrations"] == "unapplied"
    assert "0099" not in response.content.decode(), "the names stay in the logs"


def test_health_check_answers_503_when_media_cannot_be_stored(visitor, db, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = blocker / "media"
    response = visitor.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "unavailable",
        "database": "ok",
        "migrations": "ok",
        "media": "not writable",
    }
