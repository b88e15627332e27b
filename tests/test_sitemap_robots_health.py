"""Discovery and health: the sitemap lists only published pages, robots.txt points to it and
keeps crawlers out of admin and embeds, /healthz tells whether the database answers."""

import json
import xml.etree.ElementTree as ET
from unittest import mock

import pytest
from django.db import OperationalError, connection

from caseapp.cases.publishing import PublicationStatus
from tests.factories import make_actor, make_case, make_event

pytestmark = pytest.mark.django_db

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=SITEMAP): url.findtext("sm:lastmod", namespaces=SITEMAP)
        for url in root.findall("sm:url", SITEMAP)
    }


def test_the_sitemap_lists_the_demo_case_its_events_and_actors(visitor, demo_case):
    entries = sitemap_entries(visitor)

    assert "http://testserver/" in entries
    assert "http://testserver/cases/serikzhan-bilash/" in entries
    assert "http://testserver/cases/serikzhan-bilash/events/bilash-arrested/" in entries
    assert "http://testserver/actors/aiman-umarova/" in entries
    event_urls = [url for url in entries if "/events/" in url]
    assert len(event_urls) == 9


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
    assert f"http://testserver{public_case.get_absolute_url()}" in entries


def test_the_sitemap_does_not_query_more_for_more_events(
    visitor, large_case, django_assert_max_num_queries
):
    """Guards the sitemap against a query per event, case or actor."""
    with django_assert_max_num_queries(8):
        entries = sitemap_entries(visitor)

    assert len([url for url in entries if "/events/" in url]) == 200


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


@pytest.mark.parametrize("url", ["/sitemap.xml", "/robots.txt", "/healthz"])
def test_discovery_endpoints_are_get_only_and_cookie_free(visitor, db, url):
    assert visitor.post(url).status_code == 405
    assert not visitor.get(url).cookies
    assert visitor.head(url).status_code == 200
